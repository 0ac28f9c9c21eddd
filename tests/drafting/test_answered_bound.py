"""A short FAQ answer stating a moved bound with no yes or no ("At most 30 days before the
date.", "Within two working days."), read with the question naming what the bound is of: found
and said with the new value, the question and every other Q&A byte for byte. A Q&A on another
topic with the same value, and an answer to a question naming nothing of the rule, stay."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import ANSWERED_BOUND_REASON, rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import moved_facts

TAG = [{"feature": "tag:booking", "op": "tag"}]


def _drafted(facts, body: str) -> tuple[list[str], str | None]:  # type: ignore[no-untyped-def]
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Questions", body, "markdown", "kb", "a")])
    impacts = [i for i in rank_items(facts, kb) if i.conflicts]
    if not impacts:
        return [], None
    [impact] = impacts
    reasons = [r for c in impact.conflicts for r in c.reasons]
    return reasons, TemplateDrafter().edit(facts, impact).new_body


def test_horizon_answer_without_yes_or_no() -> None:
    facts = moved_facts(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Tables",
                "Tables can be booked up to 30 days ahead.",
                "Tables can be booked up to 45 days ahead.",
                "…",
            )
        ],
        TAG,
    )
    body = (
        "# Questions\n\n**Can I book for a birthday in December?**\n\nAt most 30 days before the "
        "date. Later dates open one at a time.\n\n**How long do gift vouchers last?**\n\n"
        "30 days from the day you buy them.\n"
    )
    reasons, new = _drafted(facts, body)
    assert any(r.startswith(ANSWERED_BOUND_REASON) for r in reasons)
    assert new == body.replace("At most 30 days before", "At most 45 days before")


def test_callback_answer_in_words() -> None:
    facts = moved_facts(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Callbacks",
                "Tell customers an adviser will call them back within 2 working days.",
                "Tell customers an adviser will call them back within 1 working day.",
                "…",
            )
        ],
        TAG,
    )
    body = (
        "# Questions\n\n### When will someone call me?\n\nWithin 2 working days, "
        "usually in the afternoon. Keep your phone nearby.\n\n"
        "### How long does a refund take?\n\nUp to 2 working "
        "days.\n"
    )
    reasons, new = _drafted(facts, body)
    assert reasons
    assert new is not None
    assert "Within 1 working day, usually in the afternoon." in new
    # the refund's answer: the same value, another topic, byte for byte
    assert "### How long does a refund take?\n\nUp to 2 working days.\n" in new


def test_question_naming_nothing_of_the_rule_stays() -> None:
    facts = moved_facts(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Tables",
                "Tables can be booked up to 30 days ahead.",
                "Tables can be booked up to 45 days ahead.",
                "…",
            )
        ],
        TAG,
    )
    body = (
        "# Questions\n\n**How long do gift vouchers last?**\n\n30 days from the day you buy them.\n"
    )
    reasons, new = _drafted(facts, body)
    assert not any(r.startswith(ANSWERED_BOUND_REASON) for r in reasons)
    assert new is None or new == body


def test_same_noun_answer_counting_from_another_moment_stays() -> None:
    # "Up to 60 days after the original date" (moving a booking) is not "booked up to 60 days
    # ahead" (the horizon): the same noun and number, another rule
    facts = moved_facts(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Sessions",
                "Sessions can be booked up to 60 days ahead.",
                "Sessions can be booked up to 90 days ahead.",
                "…",
            )
        ],
        TAG,
    )
    trap = (
        "**Can I move my booking to another date?**\n\nUp to 60 days after the original date, "
        "free of charge.\n"
    )
    reasons, new = _drafted(facts, "# Questions\n\n" + trap)
    assert not any(r.startswith(ANSWERED_BOUND_REASON) for r in reasons)
    assert new is None or trap in new
    # the horizon's own answer, counted back from the date, is still said anew beside it
    target = "**How far ahead can I book a session?**\n\nNo more than 60 days away.\n\n"
    reasons, new = _drafted(facts, "# Questions\n\n" + target + trap)
    assert reasons
    assert new == "# Questions\n\n" + target.replace("60", "90") + trap
