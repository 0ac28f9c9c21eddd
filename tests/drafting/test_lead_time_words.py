"""A lead time said in words: a dog groomer's free rescheduling now needs 24 hours' notice
instead of 48 (the prompt says "48 hours' notice", a possessive unit). The moved value is
read with its unit, so a KB sentence saying "two days before" or "two days ahead" states
the old rule; a macro that states the rule and thanks the owner for telling "two days ahead"
has both sentences rewritten, so the reply does not contradict itself. The same words in an
article on another subject stay."""

from __future__ import annotations

from behaviordiff.detect.quantities import find_quantities
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts

OLD = "If the owner reschedules with 48 hours' notice or more, rebook the grooming at no charge."
NEW = "If the owner reschedules with 24 hours' notice or more, rebook the grooming at no charge."
MACRO = (
    "Hi,\n\nThanks for letting us know two days ahead. As you rescheduled with at least 48 "
    "hours' notice, we've rebooked the grooming at no charge.\n\nBest,\nThe salon"
)
ARTICLE = "Owners can reschedule a grooming at no charge up to two days before the appointment."
OTHER = "Our shop orders special shampoos two days ahead of each delivery."


def _facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Rescheduling", OLD, NEW, "sentence changed")]
    return moved_facts(rules, [band_atom("hours_until", 24, 48)])


def test_the_value_moves_with_its_possessive_unit() -> None:
    [move] = _facts().moves
    assert (move.old, move.new) == ("48 hours", "24 hours")


def test_a_full_day_is_a_day() -> None:
    [found] = find_quantities("let us know a full day before")
    assert (found.count, found.unit, found.text) == (1.0, "day", "a full day")


def test_the_lead_time_in_words_is_rewritten_and_the_reply_agrees_with_itself() -> None:
    facts = _facts()
    kb = KnowledgeBase(
        [kb_item("m", MACRO, kind="macro"), kb_item("a", ARTICLE), kb_item("o", OTHER)]
    )
    affected = {i.item.key: i for i in rank_items(facts, kb) if i.conflicts}
    assert sorted(affected) == ["article:a", "macro:m"]
    macro = TemplateDrafter().edit(facts, affected["macro:m"]).new_body
    assert "two days ahead" not in macro and "48" not in macro
    assert "at least 24 hours' notice" in macro
    article = TemplateDrafter().edit(facts, affected["article:a"]).new_body
    assert "up to one day before" in article
