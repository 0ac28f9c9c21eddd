"""A limit that moves for everyone, stated in the KB in other words than the prompt's: a tennis
club lets members reserve courts up to 7 days ahead, now 14. The prompt's moved sentence says
"reserved … in advance"; what happens past the line is said by the sentence after it, which
refers back to it and names no number ("For a day further out than that, … the court sheet
for that day isn't released yet"). The KB states the old limit in that sentence's words ("The
court sheet is released seven days before each day"), in digits or in words: each moves to the
new value the way it was written. The same number said of another subject stays."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.limits import far_side_subject, past_limit
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Courts can be reserved up to 7 days in advance."
NEW = "Courts can be reserved up to 14 days in advance."
RESERVE = "Reserve with `reserve_court` and tell the member their court number."
PAST = (
    "For a day further out than that, don't reserve: tell the member the court sheet for that "
    "day isn't released yet and to ask again later."
)
SECTIONS = {"Courts": [NEW, RESERVE, PAST], "Guests": ["Guest passes last 7 days."]}

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your message! The court sheet is "
    "released 7 days before each day, so that day can't be taken just yet.\n\nDo ask again "
    "nearer the time.\n\n{{current_user.first_name}}"
)
ARTICLE = """# Reserving a court

Our court sheet is released seven days before each day, so a day further out than that can't
be reserved yet. Please ask again nearer the time.

## Guests

A guest pass lasts seven days and costs $10.
"""
LOST = "Hi {{ticket.requester.first_name}},\n\nWe keep lost racquets for 7 days at the desk."


def _facts(sections: dict[str, list[str]]) -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="now calls reserve_court",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "7 < days_ahead <= 14",
                    "atoms": [
                        {
                            "feature": "days_ahead",
                            "op": "between",
                            "low": 7.0,
                            "high": 14.0,
                            "low_inclusive": False,
                            "high_inclusive": True,
                        }
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        rules=[Rule("H1", "sentence_changed", "Courts", OLD, NEW, "sentence changed")],
    )
    facts.moves = rule_moves(facts.rules)
    facts.past_limit = past_limit(facts.moves, sections)
    return facts


def test_the_far_side_is_the_sentence_referring_back_that_names_no_amount() -> None:
    facts = _facts(SECTIONS)
    assert facts.past_limit == {NEW: PAST}
    [move] = facts.moves
    # what it is about, without the refusal's words, negations or the prompt's voice
    assert {"court", "sheet", "releas"} <= far_side_subject(move, facts.past_limit)
    assert not {"don't", "isn't", "yet", "tel", "day"} & far_side_subject(move, facts.past_limit)
    # a sentence stating an amount of its own, or referring back to nothing, is no far side
    own_amount = PAST.replace("isn't released yet", "is released 3 days later")
    assert past_limit(facts.moves, {"Courts": [NEW, RESERVE, own_amount]}) == {}
    plain = "Tell the member the court sheet for that day isn't released yet."
    assert past_limit(facts.moves, {"Courts": [NEW, plain]}) == {}
    # a sentence too far after the moved one is another rule's
    far = {"Courts": [NEW, RESERVE, "A.", "B.", "C.", PAST]}
    assert past_limit(facts.moves, far) == {}


def test_kb_sentences_in_the_far_sides_words_move_and_other_subjects_stay() -> None:
    facts = _facts(SECTIONS)
    knowledge = KnowledgeBase(
        [
            kb_item("reserving", ARTICLE, "article"),
            kb_item("too-early", MACRO, "macro", title="Courts::Too early"),
            kb_item("lost", LOST, "macro", title="Lost property::Racquets"),
        ]
    )
    edits = {
        impact.item.id: TemplateDrafter().edit(facts, impact)
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }
    assert sorted(edits) == ["reserving", "too-early"]
    assert edits["too-early"].new_body == MACRO.replace("released 7 days", "released 14 days")
    # words stay words; the guest pass's seven days are another subject
    assert edits["reserving"].new_body == ARTICLE.replace(
        "released seven days", "released fourteen days"
    )


def test_without_the_far_side_the_other_wording_is_not_read_as_the_limit() -> None:
    facts = _facts({"Courts": [NEW, RESERVE]})
    knowledge = KnowledgeBase([kb_item("too-early", MACRO, "macro", title="Courts::Too early")])
    assert not any(impact.affected for impact in rank_items(facts, knowledge))


def test_a_limit_in_words_of_another_unit_moves_in_that_unit() -> None:
    facts = _facts(SECTIONS)
    macro = (
        "Hi,\n\nThe court sheet is released a week before each day, so that day can't be "
        "taken just yet."
    )
    knowledge = KnowledgeBase([kb_item("weekly", macro, "macro", title="Courts::Too early")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert TemplateDrafter().edit(facts, impact).new_body == macro.replace(
        "a week before", "two weeks before"
    )
