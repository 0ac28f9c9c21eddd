"""The subject an edit's clause claims of every case, narrowed once the edit says a subset's
value beside the old one (`text.without_every_subject`): "Every member gets two (four for
Gold members)" is untrue of every member, so the claim goes ("Members get …" beside a closing
"whatever their …" claim or for a band or a scope, "A skip comes with …" in a category's aside
otherwise). The one list of words opening a "whatever …"
claim lives in `text.WHATEVER_WORDS`.

Variants in made-up domains: a bike hire's free cancellations raised for one plan (a category,
a macro with placeholders, the "whatever their plan" claim closing it), a library's loan
length raised for long-standing members (a lower bound; prose with "whatever their
membership", a number in words, a list item), a ferry's bookings ("Each booking includes", a
plural verb), and the cases left alone: a move for everyone keeps "Every member", a subject
that is not what the cases are kinds of, one in another clause, the same number on another
topic in another item.
"""

from __future__ import annotations

import re

from behaviordiff.drafting.categories import narrowed_category_moves
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.subsetvalue import narrowed_subset_moves
from behaviordiff.drafting.text import WHATEVER_WORDS, without_every_subject

from .kit import moved_facts
from .test_subset_value import _edits, _facts

# the helper -----------------------------------------------------------------------------------


def test_a_subject_claimed_of_every_case_is_narrowed() -> None:
    kinds = {"membership", "booking", "rider"}
    said = "Every member gets two (four for gold) guest passes a month."
    assert without_every_subject(said, kinds) == (
        "A member gets two (four for gold) guest passes a month."
    )
    assert without_every_subject(said, kinds, plural=True) == (
        "Members get two (four for gold) guest passes a month."
    )
    assert without_every_subject("Each booking includes 1 change.", kinds, plural=True) == (
        "Bookings include 1 change."
    )
    assert without_every_subject("Every rider can cancel twice.", kinds, plural=True) == (
        "Riders can cancel twice."
    )
    assert without_every_subject("Every booking is refundable.", kinds, plural=True) == (
        "Bookings are refundable."
    )
    # no verb to agree with: "a"
    assert without_every_subject("Every member of the club gets 2.", kinds, plural=True) == (
        "A member of the club gets 2."
    )


def test_the_plural_form_only_where_the_verb_and_the_plural_are_sure() -> None:
    """review fd4: an adverb in -s was read as the verb ("Members alway gets") and irregular
    plurals were made regular ("Childs get"): there the "a/an" form is kept."""
    kinds = None
    for said, narrowed in (
        ("Every member always gets two passes a month.", "A member always gets two passes"),
        ("Every rider sometimes pays £2 more.", "A rider sometimes pays £2 more."),
        ("Every guest perhaps needs a towel.", "A guest perhaps needs a towel."),
        ("Every child gets a free drink.", "A child gets a free drink."),
        ("Every person pays £5 to enter.", "A person pays £5 to enter."),
        ("Every chairman signs twice.", "A chairman signs twice."),
        ("Every shelf holds 20 books.", "A shelf holds 20 books."),
        ("Every photo costs £1.", "A photo costs £1."),
    ):
        assert without_every_subject(said, kinds, plural=True).startswith(narrowed), said
    # regular plurals with a sure verb stay plural
    assert without_every_subject("Every box ships in 3 days.", kinds, plural=True) == (
        "Boxes ship in 3 days."
    )
    assert without_every_subject("Every bus is cleaned daily.", kinds, plural=True) == (
        "Buses are cleaned daily."
    )


def test_a_whatever_word_without_a_comma_is_no_claim() -> None:
    """review fd4: "of whatever you like", "whichever branch you visit" are an object or a
    relative clause, not an every-case claim: they stay; a comma'd one or "regardless of"
    goes."""
    from behaviordiff.drafting.subsetvalue import without_every_case

    for kept in (
        "Borrow 21 days (42 days for members of five years or more) of whatever you like to read.",
        "You can keep 21 days (42 days for members of five years or more) whichever branch you "
        "visit.",
        "Hire 3 bikes (5 for gold) wherever you want to ride them.",
    ):
        assert without_every_case(kept) == kept
    assert without_every_case("Hire 3 bikes (5 for gold), wherever you live.") == (
        "Hire 3 bikes (5 for gold)."
    )
    assert without_every_case("Hire 3 bikes (5 for gold) regardless of age.") == (
        "Hire 3 bikes (5 for gold)."
    )


def test_a_subject_that_is_not_what_the_cases_are_kinds_of_stays() -> None:
    kinds = {"membership"}
    for kept in (
        "Every court has floodlights.",
        "Each guest signs in at reception.",
        "You get two passes; every pass is emailed.",
    ):
        assert without_every_subject(kept, kinds, plural=True) == kept
    # the case the exception is for is named, not claimed
    assert (
        without_every_subject("Every gold member gets 4.", {"gold"}, named=re.compile("gold"))
        == "Every gold member gets 4."
    )
    # only between `after` and `before`
    said = "Every member loves the courts. You get 2 (4 for gold)."
    assert without_every_subject(said, {"membership"}, after=31) == said
    assert without_every_subject(said, {"membership"}, before=10) == said


def test_the_whatever_words_are_one_list() -> None:
    claim = re.compile(WHATEVER_WORDS, re.I)
    for said in (
        "whatever",
        "Wherever",
        "whoever",
        "regardless of",
        "no matter",
        "irrespective of",
    ):
        assert claim.match(said)
    assert not claim.match("however")  # "however you pay" is read by its own writers


# a category's value beside the old one ----------------------------------------------------------

HIRE_OLD = "For every rider, 2 cancellations a month are free."
HIRE_NEW = "For Pro riders, 4 cancellations a month are free."
HIRE_REST = "For Basic riders, 2 cancellations a month are free."


def _hire() -> object:
    rules = [
        Rule("H1", "sentence_changed", "Hire", HIRE_OLD, HIRE_NEW, "…"),
        Rule("H2", "sentence_added", "Hire", None, HIRE_REST, "…"),
    ]
    facts = moved_facts(rules, [{"feature": "rider_plan", "op": "=", "value": "pro"}])
    facts.prompt_sections = {"Hire": [HIRE_NEW, HIRE_REST, "Helmets are lent for 2 hours."]}
    moved = narrowed_category_moves(
        rule_moves(facts.rules), facts.conditions, facts.prompt_sections
    )
    facts.moves = narrowed_subset_moves(moved, facts.prompt_sections)
    return facts


def test_a_category_aside_narrows_the_every_case_subject_in_a_macro() -> None:
    facts = _hire()
    macro = (
        "Hi {{ticket.requester.first_name}},\n\nEvery rider gets two free cancellations a month, "
        "whatever their plan. A helmet is yours for 2 hours.\n\nThanks,\n{{current_user.name}}"
    )
    helmets = "# Helmets\n\nHelmets are lent free for up to 2 hours.\n"
    edits = _edits(facts, [("macro", "Cancel ride", macro), ("article", "Helmets", helmets)])  # type: ignore[arg-type]
    assert edits == {
        "Cancel ride": macro.replace(
            "Every rider gets two free cancellations a month, whatever their plan.",
            "Riders get two (four for Pro riders) free cancellations a month.",
        )
    }


# a band's value beside the old one --------------------------------------------------------------

LIBRARY = _facts(
    (
        "Every member can borrow books for 21 days.",
        "Members of five years or more can borrow books for 42 days.",
    ),
    ("Members of less than five years can borrow books for 21 days.",),
    {"feature": "member_years", "op": ">=", "value": 5},
)
LOANS = (
    "# Loans\n\nEvery member can borrow books for twenty-one days, whatever their membership. "
    "Renew online.\n\n- Every member can borrow books for 21 days.\n- Every member gets a card.\n"
)
ROOMS = "# Rooms\n\nStudy rooms can be booked up to 21 days ahead.\n"


def test_a_scope_move_narrows_the_subject_of_the_clause_stating_the_value() -> None:
    edits = _edits(LIBRARY, [("article", "Loans", LOANS), ("article", "Rooms", ROOMS)])
    assert set(edits) == {"Loans"}
    body = edits["Loans"] or ""
    assert "Every member can borrow" not in body and "whatever their membership" not in body
    assert body.startswith("# Loans\n\nMembers can borrow books for twenty-one days")
    assert "\n- Members can borrow books for 21 days" in body
    assert "(42 days for members of five years or more)" in body
    # another sentence of the item, no value in it: byte for byte
    assert "\n- Every member gets a card.\n" in body
    assert "Renew online." in body


def test_a_move_for_everyone_keeps_every_member() -> None:
    everyone = _facts(
        (
            "Every member can borrow books for 21 days.",
            "Every member can borrow books for 42 days.",
        ),
        (),
        {"feature": "tag:books", "op": "tag"},
    )
    edits = _edits(everyone, [("article", "Loans", LOANS)])
    body = edits["Loans"] or ""
    assert "Every member can borrow books for forty-two days" in body
    assert "- Every member can borrow books for 42 days." in body


def test_the_prompt_rule_writer_reads_the_every_case_claim_from_text() -> None:
    """review fd4 (every-case words in one place): promptrule kept its own every-case pattern;
    it reads `text.EVERY_CASE_CLAIM` now, beside `EVERY_CASE_WORDS` and `WHATEVER_WORDS`."""
    from behaviordiff.drafting import promptrule, text

    assert not hasattr(promptrule, "_EVERY_CASE")
    assert promptrule.EVERY_CASE_CLAIM is text.EVERY_CASE_CLAIM
    said = "We replace it for free, no matter how old it is."
    found = text.EVERY_CASE_CLAIM.search(said)
    assert found is not None and found.group(0) == ", no matter how old it is"
