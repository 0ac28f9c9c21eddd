"""A denial lifted past a line with a fee, read by the last resort (`drafting.oldside`): the old
prompt sentence opened with its denial as a claim of its own ("Bookings are
non-exchangeable: a booking can't be moved …"), and the KB says that claim alone, often as a
negated "-able" adjective with no "not" ("- Bookings are non-exchangeable.").

Made-up agent: a cookery school whose bookings can now be moved to another class up to 7 days
before, for a £10 rebooking fee. Traps: another thing that is non-refundable, the same number on
another topic, a sentence beside the denial that says something else."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.oldside import kb_voice, old_sides
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = (
    "Bookings are non-exchangeable: a booking can't be moved to another class, whatever the reason."
)
NEW = (
    "Bookings can be moved to another class up to 7 days before the class, for a £10 "
    "rebooking fee: call `move_booking` (the booking reference, the new class and fee_gbp 10) "
    "and tell the student it's done and that the fee is £10."
)
AFTER = "Closer to the class than that, bookings can't be moved."
SAID = (
    "Bookings can be moved to another class up to 7 days before the class, for a £10 "
    "rebooking fee. Closer to the class than that, bookings can't be moved."
)
SECTIONS = {
    "Bookings": [
        "Look the booking up with `find_booking` (the booking reference).",
        NEW,
        AFTER,
        "Gift vouchers are non-refundable.",
    ]
}
TERMS = """# Booking terms

- Classes cost £45 each.
- Bookings are non-exchangeable.
- Gift vouchers are non-refundable.
- The knife skills class is for ages 7 and over.
"""
ARTICLE = """# Your booking

Your confirmation email names the class and its date.
Bookings are non-exchangeable, so only the class you booked is yours.

## Can I bring a friend?

Yes, book them a place of their own.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nI'm sorry, but bookings are "
    "non-exchangeable, so we can't move yours to another date. Aprons are provided.\n\n"
    "Happy cooking,\n{{current_user.first_name}}\n"
)
VOUCHERS = "Hi {{ticket.requester.first_name}},\n\nGift vouchers are non-refundable, sorry.\n"


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls move_booking",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=6,
        after_actions=[ActionFact("move_booking", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "days_before_class >= 7",
                    "atoms": [{"feature": "days_before_class", "op": ">=", "value": 7}],
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Bookings", OLD, NEW, "sentence changed"),
            Rule("H2", "sentence_added", "Bookings", None, AFTER, "sentence added"),
        ],
        prompt_sections=SECTIONS,
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            kb_item("terms", TERMS),
            kb_item("booking", ARTICLE),
            kb_item("move-request", MACRO, kind="macro"),
            kb_item("vouchers", VOUCHERS, kind="macro"),
        ]
    )


def test_the_new_rule_is_said_without_the_agents_report_and_with_its_time_phrase() -> None:
    # "tell the student it's done and that the fee is £10": a report of the call and the fee
    # again, nothing new; "Closer to the class than that, …" is a statement, no instruction
    assert kb_voice(NEW) == (
        None,
        "Bookings can be moved to another class up to 7 days before the class, for a "
        "£10 rebooking fee",
        None,
    )
    assert kb_voice(AFTER) == (None, "Closer to the class than that, bookings can't be moved", None)
    [side] = old_sides(_facts())
    assert side.said == SAID


def test_the_opening_denial_said_alone_or_as_a_negated_adjective_is_found() -> None:
    marked = {
        impact.item.key: [c.sentence for c in impact.conflicts]
        for impact in rank_items(_facts(), _kb())
        if impact.affected
    }
    assert marked == {
        "article:terms": ["- Bookings are non-exchangeable."],
        "article:booking": [
            "Bookings are non-exchangeable, so only the class you booked is yours."
        ],
        "macro:move-request": [
            "I'm sorry, but bookings are non-exchangeable, so we can't move yours to another date."
        ],
    }


def test_each_is_rewritten_whole_and_every_other_byte_kept() -> None:
    drafter = TemplateDrafter()
    edits = {
        impact.item.key: drafter.edit(_facts(), impact).new_body
        for impact in rank_items(_facts(), _kb())
        if impact.affected
    }
    assert edits["article:terms"] == TERMS.replace("Bookings are non-exchangeable.", SAID)
    # the "so" clause after the denial only says it again
    assert edits["article:booking"] == ARTICLE.replace(
        "Bookings are non-exchangeable, so only the class you booked is yours.", SAID
    )
    assert edits["macro:move-request"] == MACRO.replace(
        "I'm sorry, but bookings are non-exchangeable, so we can't move yours to another date.",
        SAID,
    )
