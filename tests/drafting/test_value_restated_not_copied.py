"""A KB sentence given the moved value and nothing else ("valid for a year" → "valid for 6
months", "| Guarantee | 12 months |" → "| Guarantee | 6 months |") is the item's own words,
even where a reply happens to say the new value the same way: no copy of a conversation. A
reply's own prose put in its place still is. Made-up repair shops, gyms and ferries."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.checks import kb_text_problems, restated_values
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact, rank_items
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from tests.drafting.kit import kb_item, model_edit

OLD_RULE = "Every repair is guaranteed for 12 months from collection."
NEW_RULE = "Every repair is guaranteed for 6 months from collection."

ARTICLE = """# Our repair guarantee

Bring a phone in and we fix it while you wait. Every repair is guaranteed for a year from
collection, which covers the parts and the work.

| Repair at a glance | |
| --- | --- |
| Guarantee | 12 months from collection |
| Screens fitted | 12 minutes on average |

## Do you fix tablets?

Yes, most models.
"""


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="guarantee 12 months → 6 months",
        kind="promises",
        facets=["promises"],
        probe_ids=["g1", "g2", "g3"],
        removed_promises=[Promise("duration", "12 months")],
        added_promises=[Promise("duration", "6 months")],
        rules=[Rule("H1", "sentence_changed", "Guarantee", OLD_RULE, NEW_RULE, "changed")],
        excerpts=[
            Excerpt("g1", "It's guaranteed for 12 months.", "Guarantee: 6 months from collection."),
            Excerpt("g2", "A year's guarantee.", "You're covered, no worries at all."),
            Excerpt("g3", "Twelve months.", "It's fixed, and that's yours to keep."),
        ],
        others=6,
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def test_the_table_row_and_the_prose_in_words_both_take_the_new_value() -> None:
    facts = _facts()
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("guarantee", ARTICLE)])) if i.affected
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None, edit.rationale
    assert "| Guarantee | 6 months from collection |" in edit.new_body
    assert "guaranteed for six months from\ncollection" in edit.new_body
    assert "a year" not in edit.new_body
    assert "| Screens fitted | 12 minutes on average |" in edit.new_body
    assert "| Guarantee |" in edit.new_body.split("| Screens fitted")[0]


GYM = """# Freezing your membership

You can freeze your membership for up to a fortnight each year, free of charge.

Ask at the front desk.
"""
GYM_SENTENCE = "You can freeze your membership for up to a fortnight each year, free of charge."


def _gym() -> tuple[ChangeFacts, Impact]:
    facts = ChangeFacts(
        id="C1",
        title="freeze 14 days → 10 days",
        kind="promises",
        facets=["promises"],
        probe_ids=["f1", "f2", "f3"],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Freezes",
                "Members can freeze for up to 14 days a year.",
                "Members can freeze for up to 10 days a year.",
                "changed",
            )
        ],
        excerpts=[
            Excerpt(
                "f1",
                "",
                "You can freeze your membership for up to 10 days each year, free of charge. "
                "Anything else?",
            ),
            Excerpt("f2", "", "Sure, that's booked in for you."),
            Excerpt("f3", "", "Happy to help with that today."),
        ],
    )
    facts.moves = rule_moves(facts.rules)
    item = KnowledgeItem("article", "gym", "Freezing", GYM, "markdown", "kb", "gym.md")
    return facts, Impact(item, 1.0, [Conflict(1, GYM_SENTENCE, ("states the old rule",))])


def test_a_sentence_in_words_given_the_new_value_is_the_items_own() -> None:
    facts, impact = _gym()
    new = GYM.replace("a fortnight", "10 days")
    assert kb_text_problems(facts, impact, new) == []
    # "two weeks" or "14 days" said in the KB's sentence: the same
    for old in ("two weeks", "14 days"):
        body = GYM.replace("a fortnight", old)
        assert restated_values([body.splitlines()[2]], [new.splitlines()[2]]) == {
            new.splitlines()[2]
        }


def test_a_replys_own_prose_in_place_of_the_sentence_is_still_a_copy() -> None:
    facts, impact = _gym()
    copied = GYM.replace(GYM_SENTENCE, "Sure, that's booked in for you.")
    problems = kb_text_problems(facts, impact, copied)
    assert any("copied from one conversation" in problem for problem in problems)
    # the frame must match word for word: other words around the value are not the item's
    other = GYM.replace(GYM_SENTENCE, "You can freeze your membership for up to 10 days each year.")
    assert any("copied" in problem for problem in kb_text_problems(facts, impact, other))


def test_a_drafting_models_edit_giving_the_new_value_in_the_items_words_passes() -> None:
    facts, impact = _gym()
    template_edit = TemplateDrafter().edit(facts, impact)
    new = GYM.replace("a fortnight", "10 days")
    edit, failure = model_edit(facts, impact, template_edit, new)
    assert not failure, failure
    assert edit.new_body == new
