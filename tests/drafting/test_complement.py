"""A moved upper limit's other side ("13 or more") and a worded count glossed "(N at most)"."""

from __future__ import annotations

from behaviordiff.drafting.complement import (
    complement_reason,
    move_complement,
    moved_complements,
    upper_limit,
)
from behaviordiff.drafting.digitgloss import rewrite_glossed
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.keptrules import states_kept_rule
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.llm.fake import FakeChatModel


def _move(old_sentence: str, old: str, new: str) -> RuleMove:
    return RuleMove(
        hunk_id="h1",
        old_sentence=old_sentence,
        new_sentence=old_sentence.replace(old, new),
        old=old,
        new=new,
        kind="value",
    )


def test_complement_moves_with_a_lowered_limit() -> None:
    move = _move("A pottery class takes up to 12 people.", "12", "6")
    raw = "Classes take a maximum of 12 people, so groups of 13 or more book a private session."
    assert rewrite_sentence(move, raw) == (
        "Classes take a maximum of 6 people, so groups of 7 or more book a private session."
    )


def test_complement_moves_with_a_more_than_limit_and_plus_form() -> None:
    assert (
        move_complement("Crews of 5+ need a van.", "4", "3", "Crews of more than 4 need a van.")
        == "Crews of 4+ need a van."
    )
    assert (
        move_complement("5 riders or more pay the group fare.", "4", "6", "at most 4 riders")
        == "7 riders or more pay the group fare."
    )


def test_complement_stays_for_a_lower_bound_or_another_number() -> None:
    # "at least 12" is a lower bound: "13 or more" is not its other side
    assert not upper_limit("Members need at least 12 visits.", "12")
    assert (
        move_complement("13 or more visits", "12", "6", "at least 12 visits") == "13 or more visits"
    )
    # a price or a share is not the count past the limit
    assert move_complement("£13 or more", "12", "6", "up to 12 people") == "£13 or more"
    assert move_complement("13 stalls", "12", "6", "up to 12 people") == "13 stalls"


def test_moved_complements_names_the_rules_own_count() -> None:
    assert moved_complements([_move("up to 12 people", "12", "6")]) == ["7"]
    assert moved_complements([_move("at least 12 visits", "12", "6")]) == []


def test_digit_gloss_with_at_most() -> None:
    raw = "A kayak hire covers up to four paddlers (4 at most), so bigger groups book two."
    assert rewrite_glossed(raw, "4", "3") == (
        "A kayak hire covers up to three paddlers (3 at most), so bigger groups book two."
    )
    # a scope's own value beside "at most" is restated by a writer
    assert rewrite_glossed(raw, "4", "6", "members") is None


def test_complement_alone_in_a_row_moves() -> None:
    move = _move("Crews of more than 4 need a van.", "4", "3")
    row = "| Van crew | 5 movers or more | From $300 |"
    assert rewrite_sentence(move, row) == "| Van crew | 4 movers or more | From $300 |"
    reason = complement_reason(move, row)
    assert reason is not None and reason.startswith("states the old rule")
    assert complement_reason(move, "| Small crew | 2 movers | $90 |") is None


def test_kept_rule_with_the_same_digits_in_another_measure_is_no_kept_count() -> None:
    # "12% off" and "£12" are not the count of 12 people a moved limit was
    move = _move("A pottery class takes up to 12 people.", "12", "6")
    kept = ["Class members get 12% off pottery class materials in the shop."]
    row = "| Pottery class | 1 to 12 guests | Materials included |"
    assert not states_kept_rule([move], kept, row)
    # the same count, said of another rule, is still kept
    counted = ["The largest pottery class table seats 12 people with materials."]
    assert states_kept_rule([move], counted, "| Pottery class table | seats 12 | materials |")


def test_the_model_is_told_the_limits_other_side_moves() -> None:
    facts = ChangeFacts(
        id="C1",
        title="rent_van instead of book_crew",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        conditions=[],
        others=4,
    )
    facts.moves = [_move("Crews of more than 4 need a van.", "4", "3")]
    drafter = LLMDrafter(FakeChatModel([], default=None), "fake")
    common = drafter._common(facts, TemplateDrafter().note(facts, [], None))
    [line] = common["moves"]
    assert "“5 or more”" in line and "now says “4 or more”" in line
    assert "“1 to 4” now ends at 3" in line
