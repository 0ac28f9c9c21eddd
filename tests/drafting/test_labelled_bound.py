"""A minimum moved in the prompt ("open to anyone aged 16 and over" → 18) that the KB gives in
short as a labelled list item or table row ("- Age: 16+"): the label names what the minimum is
of in another form of the prompt's word, the value is the old bound alone, so the item states
the old rule and is rewritten in its own form ("Age: 18+"). The same number said of another
thing ("- Climbs: 16 routes") is kept. A made-up go-kart track whose adult sessions now start
at 18 instead of 16, not a scenario's domain."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = "Adult sessions are open to anyone aged 16 and over."
NEW = "Adult sessions are open to anyone aged 18 and over."
ARTICLE = """# Before your adult session

## Who can drive

- Age: 16+
- Height: at least 150 cm
- Licence: not needed

## On the track

- Laps: 16 laps
- Karts: 16 on track at once
"""


def _facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Adult sessions", OLD, NEW, "sentence changed")]
    atoms: list[dict[str, object]] = [
        {
            "feature": "driver_age",
            "op": "between",
            "low": 16.0,
            "high": 18.0,
            "low_inclusive": True,
            "high_inclusive": False,
        }
    ]
    return moved_facts(rules, atoms, title="no longer calls book_session")


def _impact(body: str) -> tuple[ChangeFacts, Impact]:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("before", body, "article", title="Before your session")])
    return facts, next(i for i in rank_items(facts, knowledge) if i.item.key == "article:before")


def test_a_labelled_minimum_states_the_old_rule() -> None:
    _, impact = _impact(ARTICLE)
    assert [c.sentence for c in impact.conflicts] == ["- Age: 16+"]


def test_the_labelled_minimum_moves_in_its_own_form() -> None:
    facts, impact = _impact(ARTICLE)
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited is not None
    assert "- Age: 18+" in edited
    assert "- Laps: 16 laps" in edited and "- Karts: 16 on track at once" in edited


def test_a_bound_in_words_and_a_table_row_are_read_too() -> None:
    body = "# Before your adult session\n\n| Rule | |\n|---|---|\n| Age | sixteen and over |\n"
    _, impact = _impact(body)
    said = [c.sentence for c in impact.conflicts]
    assert said == ["| Age | sixteen and over |"]


def test_a_label_of_another_topic_word_than_the_bounds_is_kept() -> None:
    # "aged" is what the minimum is said of: a label naming another word of the rule's
    # sentence ("sessions", "adults") counts something else
    body = (
        "# Before your adult session\n\n## Who can drive\n\n- Sessions a week: 16+\n"
        "- Adults in a group: 16+\n- Ages: 16+\n"
    )
    _, impact = _impact(body)
    assert [c.sentence for c in impact.conflicts] == ["- Ages: 16+"]
