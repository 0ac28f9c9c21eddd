"""A moved value and a neighbouring rule of the same business on the same scale: a climbing
gym's free-cancellation window for a coaching session grew from 24 to 48 hours before the
session (condition hours_until_session). A KB sentence saying the same 24 hours before the
session about another rule (swapping the instructor) shares only the value and the words of
what it measures (hours, session) with the moved rule: it is not the moved rule, and is kept.
A sentence naming the cancellation is still rewritten."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import measure_words, rank_items, said_of_other_subject
from behaviordiff.drafting.text import terms
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts

OLD = "Climbers can cancel a coaching booking without charge up to 24 hours before the session."
NEW = "Climbers can cancel a coaching booking without charge up to 48 hours before the session."
SWAP = "You can swap your instructor up to 24 hours before the session; after that the rota is set."
CANCEL = "As you cancelled at least 24 hours before the session, your booking is free of charge."


def _facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Coaching", OLD, NEW, "sentence changed")]
    return moved_facts(rules, [band_atom("hours_until_session", 24, 48)])


def test_measure_words_are_the_value_unit_and_the_condition_feature() -> None:
    words = measure_words(_facts())
    assert set(terms("hours session")) <= words
    assert "cancel" not in words


def test_same_value_on_a_neighbouring_rule_is_another_subject() -> None:
    facts = _facts()
    assert said_of_other_subject(facts, SWAP)
    assert not said_of_other_subject(facts, CANCEL)


def test_neighbouring_rule_item_is_not_edited() -> None:
    facts = _facts()
    kb = KnowledgeBase([kb_item("swap", SWAP), kb_item("cancel", CANCEL)])
    affected = {impact.item.key for impact in rank_items(facts, kb) if impact.conflicts}
    assert affected == {kb_item("cancel", CANCEL).key}
