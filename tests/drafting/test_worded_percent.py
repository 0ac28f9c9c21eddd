"""A percentage changed for part of a money range, where the KB writes the old percentage in
words ("ten per cent"), in words glossed by its figure ("ten per cent (10%)") or in figures, and
the range's bound is an amount with a thousands comma ("$2,000"). On a made-up venue-hire
business whose cancellation fee rises from 10% to 20% for bookings above $2,000 only; a 10%
members' discount on merchandise is the trap.

Also: an amount that moved because the percentage it is taken at moved is noted by that
percentage ("raised from 10% to 20%"), never by the amounts' ratio (×2, ×1.5), which nobody
states."""

from __future__ import annotations

import asyncio
import json
import re

import pytest

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts, kept_conflicts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule, value_pattern
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.percentwords import restate_percent, worded_percents
from behaviordiff.drafting.phrases import PHRASE, clause_end
from behaviordiff.drafting.ratemove import rate_behind
from behaviordiff.drafting.rules import value_scope
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

OLD_RULE = (
    "When a customer cancels a hall booking, charge a cancellation fee of 10% of the booking "
    "total with `charge_fee` (percent, amount)."
)
NEW_RULE = (
    "When a customer cancels a hall booking, charge a cancellation fee with `charge_fee` "
    "(percent, amount)."
)
ADDED_RULE = (
    "The cancellation fee is 10% of the booking total for bookings up to $2,000, and 20% for "
    "bookings above $2,000."
)
FEE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWe've cancelled your hall booking. We keep a "
    "cancellation fee of ten per cent (10%) of the booking total.\n\nThe rest goes back to "
    "your card within 5 working days.\n\nThanks,\nThe Riverside team"
)
MEMBERS_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nMembers get ten per cent (10%) off merchandise in "
    "the foyer shop when they show their card.\n\nThanks,\nThe Riverside team"
)
ARTICLE = """# Cancelling a hall booking

## Is there a cancellation fee?

We keep a cancellation fee of ten per cent of the booking total when you cancel a booking.
The rest is refunded to your card.

## What does a booking cost?

| Item | Cost |
|---|---|
| Main hall, per evening | from $1,400 |
| Cancellation fee | 10% of the booking total |
"""


def _macro(key: str, title: str, body: str, description: str = "") -> KnowledgeItem:
    return KnowledgeItem(
        kind="macro",
        id=key,
        title=title,
        body=body,
        body_format="text",
        source="kb",
        record=key,
        metadata={"description": description},
    )


def _article() -> KnowledgeItem:
    return KnowledgeItem(
        "article", "cancelling", "Cancelling a hall booking", ARTICLE, "markdown", "kb", "a.md"
    )


def _reply(old: bool, total: str) -> str:
    share = "10%" if old else "20%"
    return (
        f"Hi Priya, I've cancelled your booking and taken the cancellation fee, which is "
        f"{share} of your {total} booking total. The rest goes back to your card."
    )


def _facts() -> ChangeFacts:
    atoms = [{"feature": "booking_total", "op": ">", "value": 2000}]
    return ChangeFacts(
        id="C1",
        title="charge_fee: percent 10 → 20",
        kind="actions",
        facets=["actions", "promises", "meaning"],
        probe_ids=["cancel-2400", "cancel-3000", "cancel-5000"],
        removed_promises=[Promise("percent", "10%")],
        added_promises=[Promise("percent", "20%")],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=[
            Rule("H1", "sentence_changed", "Cancellations", OLD_RULE, NEW_RULE, "…"),
            Rule("H2", "sentence_added", "Cancellations", None, ADDED_RULE, "…"),
        ],
        excerpts=[
            Excerpt(probe, _reply(True, total), _reply(False, total))
            for probe, total in (
                ("cancel-2400", "$2,400"),
                ("cancel-3000", "$3,000"),
                ("cancel-5000", "$5,000"),
            )
        ],
        others=9,
        moved=_moved(20.0),
        moved_elsewhere=True,  # bookings up to $2,000 still get charge_fee, at 10%
    )


def _knowledge() -> KnowledgeBase:
    return KnowledgeBase(
        items=[
            _macro(
                "fee",
                "Bookings::Booking cancelled",
                FEE_MACRO,
                "Customer cancels a hall booking and pays the cancellation fee.",
            ),
            _macro("members", "Members::Shop discount", MEMBERS_MACRO, "Members' discount."),
            _article(),
        ]
    )


# finding and writing a percentage in words ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a fee of ten per cent (10%) of the total", "ten per cent (10%)"),
        ("a fee of Ten percent of the total", "Ten percent"),
        ("a fee of 10 per cent of the total", "10 per cent"),
        ("a fee of 10% of the total", "10%"),
        ("twenty-five per cent", None),
        ("110% sure", None),
        ("a tenpin lane, per centre", None),
    ],
)
def test_the_old_percentage_is_found_however_it_is_written(text: str, found: str | None) -> None:
    match = value_pattern("10%").search(text)
    assert (match.group(0) if match else None) == found


@pytest.mark.parametrize(
    ("found", "bracketed", "written"),
    [
        ("ten per cent (10%)", False, "twenty per cent (20%)"),
        ("ten per cent (10%)", True, "20%"),
        ("Ten percent", False, "Twenty percent"),
        ("ten per cent", True, "twenty per cent"),
        ("10 per cent", False, "20 per cent"),
        ("10%", False, "20%"),
    ],
)
def test_the_new_percentage_is_written_the_way_the_old_one_was(
    found: str, bracketed: bool, written: str
) -> None:
    assert restate_percent(found, "20%", bracketed=bracketed) == written


def test_a_percentage_with_no_words_is_written_in_figures() -> None:
    assert restate_percent("ten per cent (10%)", "12.5%") == "12.5%"
    assert restate_percent("ten per cent", "12.5%") == "12.5%"


def test_a_percentage_in_words_only_is_read_as_a_promise() -> None:
    assert worded_percents("We keep twenty-five per cent of the fee.") == {
        Promise("percent", "25%")
    }
    assert worded_percents("a fee of ten per cent (10%)") == {Promise("percent", "10%")}
    assert worded_percents("the percent of the booking") == frozenset()


# an amount with a thousands comma is one amount --------------------------------------------


def test_a_phrase_runs_through_an_amount_with_a_thousands_comma() -> None:
    found = re.search(rf"20%\s+for\s+({PHRASE})", ADDED_RULE)
    assert found is not None and found.group(1) == "bookings above $2,000"
    found = re.search(rf"for\s+({PHRASE})", "a fee for orders over €1,250.50, or more")
    assert found is not None and found.group(1) == "orders over €1,250.50"


def test_a_clause_ends_before_its_time_clause_not_at_a_thousands_comma() -> None:
    text = "We keep 10% of $1,500 when you cancel."
    assert text[: clause_end(text, text.index("10%"))] == "We keep 10% of $1,500"


# the KB sentences, found and edited ---------------------------------------------------------


def test_the_sentences_in_words_are_found_and_the_trap_is_not() -> None:
    impacts = {impact.item.key: impact for impact in rank_items(_facts(), _knowledge())}
    assert [c.sentence for c in impacts["macro:fee"].conflicts] == [
        "We keep a cancellation fee of ten per cent (10%) of the booking total."
    ]
    assert {c.sentence for c in impacts["article:cancelling"].conflicts} == {
        "We keep a cancellation fee of ten per cent of the booking total when you cancel a "
        "booking.",
        "| Cancellation fee | 10% of the booking total |",
    }
    assert not impacts["macro:members"].conflicts


def test_the_edits_give_the_new_percentage_for_the_range_in_the_kb_s_style() -> None:
    facts = _facts()
    impacts = {impact.item.key: impact for impact in rank_items(facts, _knowledge())}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:fee"]).new_body
    assert macro is not None
    assert (
        "a cancellation fee of ten per cent (10%) of the booking total (20% for bookings above "
        "$2,000)." in macro
    )
    article = drafter.edit(facts, impacts["article:cancelling"]).new_body
    assert article is not None
    assert (
        "ten per cent of the booking total (twenty per cent for bookings above $2,000) when you "
        "cancel a booking." in article
    )
    assert "| Cancellation fee | 10% (20% for bookings above $2,000) of the booking total |" in (
        article
    )
    assert "$2)" not in macro + article


def test_the_model_is_told_how_the_percentage_is_written_in_words() -> None:
    said = " ".join(draft_facts(_facts()))
    assert "“ten per cent”" in said and "“twenty per cent (20%)”" in said


# an amount moved by its percentage ---------------------------------------------------------


def _moved(percent_new: float) -> list[MovedValue]:
    call = ActionFact("charge_fee", ())
    amounts = (("a", 240.0, 480.0), ("b", 300.0, 600.0))
    percents = (("a", 10.0, percent_new), ("b", 10.0, percent_new))
    return [
        MovedValue(call, "amount", amounts, ratio=2.0),
        MovedValue(call, "percent", percents),
    ]


def test_the_percentage_behind_a_moved_amount_is_found() -> None:
    assert rate_behind(_moved(20.0)) == ("10%", "20%")
    assert rate_behind(_moved(15.0)) is None  # not what moved the amount
    assert rate_behind(_moved(20.0)[:1]) is None


def test_the_note_says_the_percentage_that_moved_not_the_ratio() -> None:
    facts = _facts()
    facts.moved[0] = MovedValue(
        facts.moved[0].call, "amount", (("a", 240.0, 360.0), ("b", 300.0, 450.0)), ratio=1.5
    )
    facts.moved[1] = MovedValue(facts.moved[1].call, "percent", (("a", 10.0, 15.0),) * 2)
    note = TemplateDrafter().note(facts, [], None)
    text = " ".join([note.title, note.after, note.customer_impact])
    assert "raised from 10% to 15%" in note.title
    assert "1.5" not in text
    assert "15% instead of 10%" in note.customer_impact


def test_a_value_s_scope_runs_through_an_amount_with_a_thousands_comma() -> None:
    assert value_scope(ADDED_RULE, "20%") == "for bookings above $2,000"
    assert value_scope("We give 20% off on orders over £1,500, or 10% otherwise.", "20%") == (
        "on orders over £1,500"
    )


@pytest.mark.parametrize(
    ("value", "text", "found"),
    [
        ("$1,500.00", "orders above $1,500 pay more", True),
        ("$1,500.00", "orders above $1500 pay more", True),
        ("$1,500.00", "orders above $1,500.50 pay more", False),
        ("$1,500.00", "orders above $1,500,000 pay more", False),
        ("$5.00", "a $5.50 fee", False),
        ("$5.00", "a $5 fee", True),
        ("€150.05", "a deposit of €150.05.", True),
    ],
)
def test_an_amount_is_found_as_one_number(value: str, text: str, found: bool) -> None:
    assert bool(value_pattern(value).search(text)) is found


FIFTEEN_RULE = ADDED_RULE.replace("20%", "15%")


def _rate_facts() -> ChangeFacts:
    facts = _facts()
    call = facts.moved[0].call
    facts.moved = [
        MovedValue(call, "amount", (("a", 240.0, 360.0), ("b", 300.0, 450.0)), ratio=1.5),
        MovedValue(call, "percent", (("a", 10.0, 15.0), ("b", 10.0, 15.0))),
    ]
    facts.added_promises = [Promise("percent", "15%")]
    facts.rules[1] = Rule("H2", "sentence_added", "Cancellations", None, FIFTEEN_RULE, "…")
    return facts


@pytest.mark.parametrize(
    ("impact", "accepted"),
    [
        ("Customers with bookings above $2,000 now pay 15% instead of 10%.", True),
        ("Customers with bookings above $2,000 now pay 1.5 times the fee.", False),
    ],
)
def test_a_model_s_note_says_the_percentage_too(impact: str, accepted: bool) -> None:
    facts = _rate_facts()
    reply = {
        "title": "Cancellation fees raised from 10% to 15% for bookings above $2,000",
        "before": "The agent charges a cancellation fee of 10% of the booking total.",
        "after": "The agent now charges 15% of the booking total for bookings above $2,000.",
        "when": "Bookings above $2,000.",
        "customer_impact": impact,
        "cs_actions": ["Brief reps."],
    }
    model = FakeChatModel(default=json.dumps(reply))
    grounding = Grounding([facts.corpus(), FIFTEEN_RULE, OLD_RULE, "1.5"])
    draft = asyncio.run(LLMDrafter(model, "fake-model").draft(facts, [], grounding, None))
    prompt = "\n".join(str(m["content"]) for m in model.requests[0].messages)
    assert "moved because its percentage moved from 10% to 15%" in prompt
    assert draft.note.origin == ("llm" if accepted else "llm-fallback")
    if not accepted:
        assert "ratio" in " ".join(str(f["reason"]) for f in draft.fallbacks)


def test_a_model_s_edit_keeping_the_old_percentage_in_words_is_sent_back() -> None:
    facts = _facts()
    impacts = {impact.item.key: impact for impact in rank_items(facts, _knowledge())}
    impact = impacts["article:cancelling"]
    kept = ARTICLE.replace(
        "We keep a cancellation fee of ten per cent of the booking total when you cancel a "
        "booking.",
        "When you cancel, we keep ten per cent of the booking total as a fee.",
    )
    assert any("still states 10%" in p for p in kept_conflicts(facts, impact, kept))
    moved = kept.replace("ten per cent of the booking total as a fee", "twenty per cent of it")
    assert not any("still states 10%" in p for p in kept_conflicts(facts, impact, moved))
