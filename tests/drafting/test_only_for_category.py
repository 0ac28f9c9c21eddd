"""A value moved in a rule the prompt keeps for one category only ("The intro pass is for
first-time climbers only."): every KB sentence about the rule's subject is about that category,
named or not, so the old value it states is rewritten in place, not given an aside naming the
category beside the old value. A made-up climbing gym whose intro pass for first-time
climbers now lasts 10 days instead of 5, not a scenario's domain."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = "Every first-time climber can use the walls with an intro pass for 5 days."
NEW = "Every first-time climber can use the walls with an intro pass for 10 days."
ONLY = "The intro pass is for first-time climbers only. Members can't get another one."
MACRO = (
    "Hi {{ticket.requester.first_name}}, your intro pass is ready: you've got five days "
    "to use the walls and the bouldering room. Have fun!"
)


def _facts(only: str) -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Intro pass", OLD, NEW, "sentence changed")]
    atoms: list[dict[str, object]] = [{"feature": "visitor", "op": "=", "value": "first-time"}]
    facts = moved_facts(rules, atoms, title="intro pass days raised")
    facts.prompt_sections = {"Intro pass": [NEW, *only.split(". ")]}
    return facts


def _edited(only: str) -> str | None:
    facts = _facts(only)
    knowledge = KnowledgeBase([kb_item("pass", MACRO, "macro", title="Intro pass ready")])
    impact = next(i for i in rank_items(facts, knowledge) if i.item.key == "macro:pass")
    return TemplateDrafter().edit(facts, impact).new_body


def test_a_rule_kept_for_the_category_only_moves_in_place() -> None:
    edited = _edited(ONLY)
    assert edited is not None
    assert "ten days to use the walls" in edited
    assert "first-time" not in edited and "five" not in edited


def test_without_the_only_the_category_is_named_beside_the_old_value() -> None:
    edited = _edited("Members can book a coached session any day.")
    assert edited is not None
    assert "five days" in edited and "first-time" in edited


def test_the_other_side_of_a_limit_kept_for_the_category_only_moves_too() -> None:
    # a made-up paddling centre whose guided trips, for first-time paddlers only, now take 8
    old = "Every first-time paddler can join a guided trip of up to 12 paddlers."
    new = old.replace("12", "8")
    article = (
        "# Guided trips\n\nA guided trip takes up to 12 paddlers. Groups of 13 or more book a "
        "private trip with us.\n"
    )
    rules = [Rule("H1", "sentence_changed", "Guided trips", old, new, "sentence changed")]
    atoms: list[dict[str, object]] = [{"feature": "visitor", "op": "=", "value": "first-time"}]
    facts = moved_facts(rules, atoms, title="guided trip size lowered")
    facts.prompt_sections = {
        "Guided trips": [new, "Guided trips are for first-time paddlers only."]
    }
    knowledge = KnowledgeBase([kb_item("trips", article, title="Guided trips")])
    impact = next(i for i in rank_items(facts, knowledge) if i.item.key == "article:trips")
    assert len(impact.conflicts) == 2
    assert TemplateDrafter().edit(facts, impact).new_body == article.replace("12", "8").replace(
        "13", "9"
    )


def test_the_model_is_not_told_other_cases_keep_the_old_value() -> None:
    # there is no other case: the rule reaches first-time climbers only
    assert not [fact for fact in draft_facts(_facts(ONLY)) if "every other case" in fact]
    other = _facts("Members can book a coached session any day.")
    assert [fact for fact in draft_facts(other) if "every other case keeps 5 days" in fact]
