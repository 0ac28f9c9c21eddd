"""A moved upper limit's other side said in words ("for parties of eleven or more") or in a
sentence of its own beside the limit: it moves with the limit, and the edit says so."""

from __future__ import annotations

from behaviordiff.drafting.complement import complement_said, move_complement, states_complement
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import band_atom, kb_item, moved_facts

OLD = "A glassblowing workshop takes up to 10 guests."
NEW = "A glassblowing workshop takes up to 8 guests."


def _move(old_sentence: str, old: str, new: str) -> RuleMove:
    return RuleMove(
        hunk_id="h1",
        old_sentence=old_sentence,
        new_sentence=old_sentence.replace(old, new),
        old=old,
        new=new,
        kind="value",
    )


def test_a_worded_other_side_moves_in_words_and_keeps_its_capital() -> None:
    limit = "A canoe seats at most 3 paddlers."
    assert move_complement("Crews of four or more take two canoes.", "3", "2", limit) == (
        "Crews of three or more take two canoes."
    )
    assert move_complement("Four paddlers or more take two canoes.", "3", "2", limit) == (
        "Three paddlers or more take two canoes."
    )
    assert states_complement("3", "2", limit, "Twenty-one or more? No.") is False
    assert states_complement("20", "30", "up to 20 seats", "Twenty-one or more? Call us.")
    assert move_complement("Twenty-one or more? Call us.", "20", "30", "up to 20 seats") == (
        "Thirty-one or more? Call us."
    )
    # a lower bound has no such other side; another count in words stays
    assert move_complement("four or more", "3", "2", "at least 3 paddlers") == "four or more"
    assert move_complement("four canoes", "3", "2", limit) == "four canoes"


def test_the_limit_and_its_worded_other_side_in_one_sentence_both_move() -> None:
    move = _move("A pottery class takes up to 12 people.", "12", "6")
    raw = "Classes take up to 12 people; parties of thirteen or more book a private session."
    assert rewrite_sentence(move, raw) == (
        "Classes take up to 6 people; parties of seven or more book a private session."
    )


def _facts():  # type: ignore[no-untyped-def]
    return moved_facts(
        [Rule("H1", "sentence_changed", "Workshops", OLD, NEW, "sentence changed")],
        [band_atom("party_size", 9, 11)],
        title="now calls book_private_tour",
    )


ARTICLE = """# Workshops

Each workshop takes up to 10 guests. For groups of {past} or more, please book a private tour.

A private tour costs $400 for up to 30 guests.
"""


def test_the_other_side_in_the_next_sentence_moves_and_the_rationale_names_it() -> None:
    facts = _facts()
    for past, moved in (("eleven", "nine"), ("11", "9")):
        body = ARTICLE.format(past=past)
        knowledge = KnowledgeBase([kb_item("workshops", body)])
        [impact] = [each for each in rank_items(facts, knowledge) if each.affected]
        edit = TemplateDrafter().edit(facts, impact)
        assert edit.new_body == body.replace("up to 10 guests", "up to 8 guests").replace(
            f"of {past} or more", f"of {moved} or more"
        )
        assert f"“{past} or more” to “{moved} or more”" in edit.rationale


def test_an_other_side_far_from_the_limit_or_of_another_limit_stays() -> None:
    facts = _facts()
    body = (
        "# Workshops\n\nEach workshop takes up to 10 guests.\n\n## Gift shop\n\n"
        "Orders of eleven or more vases ship free.\n"
    )
    knowledge = KnowledgeBase([kb_item("workshops", body)])
    [impact] = [each for each in rank_items(facts, knowledge) if each.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace("up to 10 guests", "up to 8 guests")
    assert "or more" not in edit.rationale


def test_complement_said_names_the_moved_other_side() -> None:
    move = _move(OLD, "10", "8")
    assert complement_said(move, ["Groups of Eleven or more book a tour."]) == (
        "moves the limit's other side from “Eleven or more” to “Nine or more”"
    )
    assert complement_said(move, ["Each workshop takes up to 10 guests."]) is None


def test_the_model_is_told_the_worded_other_side_moves() -> None:
    facts = _facts()
    drafter = LLMDrafter(FakeChatModel([], default=None), "fake")
    common = drafter._common(facts, TemplateDrafter().note(facts, [], None))
    [line] = common["moves"]
    assert "“eleven or more” now says “nine or more”" in line
    assert "same paragraph" in line


def test_a_limit_moved_for_one_category_keeps_the_next_sentences_other_side() -> None:
    # the new limit holds for weekday workshops only: "eleven or more" still holds at weekends
    facts = moved_facts(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Workshops",
                "A glassblowing workshop takes up to 10 guests.",
                "A weekday glassblowing workshop takes up to 8 guests.",
                "sentence changed",
            )
        ],
        [{"feature": "day_type", "op": "=", "value": "weekday"}],
    )
    body = ARTICLE.format(past="eleven")
    knowledge = KnowledgeBase([kb_item("workshops", body)])
    [impact] = [each for each in rank_items(facts, knowledge) if each.affected]
    assert [c.sentence for c in impact.conflicts] == ["Each workshop takes up to 10 guests."]


def test_a_count_in_words_glossed_by_its_digits_moves_with_its_worded_other_side() -> None:
    move = _move("A kayak hire covers up to 4 paddlers.", "4", "3")
    raw = (
        "A hire covers up to four paddlers (4 at most); crews of five or more book a second kayak."
    )
    assert rewrite_sentence(move, raw) == (
        "A hire covers up to three paddlers (3 at most); crews of four or more book a second kayak."
    )
    # another number in words is no other side: a writer restates it
    other = raw.replace("crews of five or more", "crews of seven or more")
    assert rewrite_sentence(move, other) is None
