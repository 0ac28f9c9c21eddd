"""The claim closing a sentence that its rule holds whatever the case (`text.closing_claim`,
used by `everysplit`, `splittail` and `casechannel`): dropped once the sentence says the new
rule, only as whole words to its clause's end, never through a placeholder, never a clause
that says more than the claim; and a split tail's value is not one a bracket gives another
group.

Made-up agent: a library whose fine was 20p on every overdue loan, and is now 20p for the first
week and 50p a day after; and whose members borrowed four books on every visit, now six on
weekday visits and four on weekend visits."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting import everysplit, splittail
from behaviordiff.drafting.text import closing_claim, without_closing_claim

SPLIT = everysplit.EverySplit(
    "four",
    4.0,
    "",
    6.0,
    "visit",
    "book",
    "four books on every visit",
    "six books on weekday visits and four books on weekend visits",
    "Members can borrow four books on every visit",
)
TAIL = splittail.SplitTail(
    Promise("amount", "£2"),
    Promise("amount", "£5"),
    "on every overdue loan",
    "when the loan is less than 7 days overdue, and a £5 fine once it is 7 days overdue or more",
    "£2",
)


def test_a_closing_claim_is_read_on_whole_words_to_the_sentence_end_only() -> None:
    assert without_closing_claim("Fines are £2, whatever the book.") == "Fines are £2."
    assert (
        without_closing_claim("Loans last 3 weeks, any day of the week.") == "Loans last 3 weeks."
    )
    kept = "Fines are £2, whatever {{ticket.requester.first_name}} borrows."
    assert closing_claim(kept) is None
    assert closing_claim("Fines are £2, whatever the book, and we email you.") is None


def test_every_split_keeps_a_clause_that_says_more_than_the_claim() -> None:
    signing = "Members can borrow four books on every visit, each signing the slip at the desk."
    assert everysplit.split_said(SPLIT, signing) == signing.replace(
        "four books on every visit", SPLIT.new_tail
    )
    long = (
        "Members can borrow four books on every visit, whichever day of the week you choose to "
        "come along to one of our twelve branches anywhere in the county."
    )
    said = everysplit.split_said(SPLIT, long)
    assert said is not None and said.endswith("in the county.")


def test_every_split_never_cuts_through_a_placeholder() -> None:
    raw = "Members can borrow four books on every visit, whatever {{ticket.requester.name}} picks."
    assert everysplit.split_said(SPLIT, raw) == raw.replace(
        "four books on every visit", SPLIT.new_tail
    )


def test_split_tail_never_cuts_through_a_placeholder() -> None:
    raw = "There's a £2 fine on every overdue loan, however late {{ticket.requester.name}} is."
    assert splittail.split_said(TAIL, raw) == raw.replace("on every overdue loan", TAIL.new_tail)


def test_split_tail_leaves_a_value_given_beside_another_groups() -> None:
    assert splittail.split_said(TAIL, "A £2 fine (£1 for children) on every overdue loan.") is None
    assert splittail.split_said(TAIL, "| £2 | Charged on every overdue loan |") is None


def test_the_every_case_claim_is_over_the_noun_in_either_number_only() -> None:
    claim = SPLIT.noun_pattern()
    assert claim.search("on every visit") and claim.search("on all our visits")
    assert not claim.search("for all visitors")
    policy = everysplit.EverySplit(
        "one", 1.0, "", 2.0, "policy", "claim", "one claim on every policy", "two", "One claim"
    )
    assert policy.noun_pattern().search("on all our policies")
    assert not policy.noun_pattern().search("tell all police officers")
    day = everysplit.EverySplit(
        "one", 1.0, "", 2.0, "day", "slot", "one slot every day", "two", "x"
    )
    assert day.noun_pattern().search("all days") and not day.noun_pattern().search("any date")
