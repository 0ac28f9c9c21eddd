"""Two changes of one release never carry two edits of one knowledge-base item."""

from __future__ import annotations

from behaviordiff.drafting.drafters import ChangeDraft
from behaviordiff.drafting.model import BehaviorNote, SuggestedEdit
from behaviordiff.drafting.overlap import combine_bodies, defer_to_held, one_edit_per_item

OLD = "Hello,\n\nRentals can be returned within 3 weeks. Larger loads go to the depot.\n\nBye"


def _draft(change_id: str, new_body: str | None, title: str = "Rentals::Returns") -> ChangeDraft:
    note = BehaviorNote(
        change_id=change_id,
        title=f"change {change_id}",
        before="",
        after="",
        when="",
        customer_impact="",
        cs_actions=[
            f"Update macro “{title}”: it says “x”, which is no longer true "
            "(suggested edit attached).",
            "Brief reps: something.",
        ],
        effective_date=None,
        evidence=[],
        severity="high",
    )
    edit = SuggestedEdit(
        change_id=change_id,
        item_key="macro:77",
        item_title=title,
        item_source="kb/macros.csv",
        body_format="text",
        old_body=OLD,
        new_body=new_body,
        rationale=f"Reason of {change_id}.",
        conflicts=[f"conflict of {change_id}"],
    )
    return ChangeDraft(note=note, edits=[edit])


def test_the_same_rewrite_from_two_changes_is_one_edit_naming_both() -> None:
    new = OLD.replace("3 weeks", "5 weeks")
    drafts = [_draft("C1", new), _draft("C3", new)]
    one_edit_per_item(drafts)
    assert [len(d.edits) for d in drafts] == [1, 0]
    kept = drafts[0].edits[0]
    assert kept.new_body == new
    assert "C3" in kept.rationale
    assert kept.conflicts == ["conflict of C1", "conflict of C3"]
    assert "(the suggested edit is attached to C1)" in drafts[1].note.cs_actions[0]
    assert drafts[1].note.cs_actions[1] == "Brief reps: something."
    assert "(suggested edit attached)" in drafts[0].note.cs_actions[0]


def test_rewrites_of_separate_sentences_are_combined() -> None:
    first = OLD.replace("3 weeks", "5 weeks")
    second = OLD.replace("go to the depot", "are collected")
    drafts = [_draft("C1", first), _draft("C2", second)]
    one_edit_per_item(drafts)
    assert drafts[0].edits[0].new_body == (
        "Hello,\n\nRentals can be returned within 5 weeks. Larger loads are collected.\n\nBye"
    )
    assert drafts[1].edits == []


def test_clashing_rewrites_keep_the_first_and_say_so() -> None:
    drafts = [_draft("C1", OLD.replace("3", "5")), _draft("C2", OLD.replace("3", "4"))]
    one_edit_per_item(drafts)
    kept = drafts[0].edits[0]
    assert kept.new_body == OLD.replace("3", "5")
    assert "C2 would rewrite the same sentences differently" in kept.rationale
    assert "keeps its own wording; check it" in drafts[1].note.cs_actions[0]


def test_a_flag_only_edit_takes_the_other_changes_rewrite() -> None:
    new = OLD.replace("3 weeks", "5 weeks")
    drafts = [_draft("C1", None), _draft("C2", new)]
    one_edit_per_item(drafts)
    assert drafts[0].edits[0].new_body == new
    assert drafts[1].edits == []


def test_edits_of_different_items_are_left_alone() -> None:
    drafts = [_draft("C1", OLD.replace("3", "5")), _draft("C2", OLD.replace("3", "5"))]
    drafts[1].edits[0].item_key = "article:returns"
    one_edit_per_item(drafts)
    assert [len(d.edits) for d in drafts] == [1, 1]


def test_combine_bodies_refuses_two_changes_at_one_place() -> None:
    assert combine_bodies("a b c", "a x c", "a y c") is None
    assert combine_bodies("a b c", "a x c", "a x c") == "a x c"


def test_the_change_most_about_the_item_keeps_the_edit() -> None:
    drafts = [_draft("C1", OLD.replace("3", "5")), _draft("C2", OLD.replace("3", "4"))]
    drafts[1].edits[0].score = 9.0
    one_edit_per_item(drafts)
    assert [len(d.edits) for d in drafts] == [0, 1]
    assert drafts[1].edits[0].new_body == OLD.replace("3", "4")
    assert "attached to C2" in drafts[0].note.cs_actions[0]


def test_a_change_drafted_again_alone_leaves_an_item_held_by_another_change_to_it() -> None:
    again = _draft("C2", OLD.replace("3 weeks", "5 weeks"))
    other = _draft("C2", OLD.replace("go to the depot", "are collected"), title="Rentals::Other")
    other.edits[0].item_key = "macro:78"
    again.edits.append(other.edits[0])
    defer_to_held(again, {"macro:77": "C1", "macro:78": "C2"})
    assert [edit.item_key for edit in again.edits] == ["macro:78"]
    assert (
        "(the suggested edit is attached to C1; check that it covers this change)"
        in again.note.cs_actions[0]
    )
    alone = _draft("C2", OLD.replace("3 weeks", "5 weeks"))
    defer_to_held(alone, {})
    assert len(alone.edits) == 1 and "(suggested edit attached)" in alone.note.cs_actions[0]


def _with(draft: ChangeDraft, severity: str, score: float) -> ChangeDraft:
    draft.note.severity = severity  # type: ignore[assignment]
    for edit in draft.edits:
        edit.score = score
    return draft


def test_one_same_rewrite_goes_to_the_more_severe_change() -> None:
    # one moved line seen twice: a charge now made (high) and a figure now said (medium); the
    # medium one scores higher on the item's words, yet the rewrite is the charge's rule
    new = OLD.replace("3 weeks", "5 weeks")
    drafts = [_with(_draft("C1", new), "high", 30.0), _with(_draft("C2", new), "medium", 40.0)]
    one_edit_per_item(drafts)
    assert [len(d.edits) for d in drafts] == [1, 0]
    assert "(the suggested edit is attached to C1)" in drafts[1].note.cs_actions[0]


def test_different_rewrites_still_go_to_the_change_most_about_the_item() -> None:
    first = OLD.replace("3 weeks", "5 weeks")
    second = OLD.replace("go to the depot", "are collected")
    drafts = [
        _with(_draft("C1", first), "high", 30.0),
        _with(_draft("C2", second), "medium", 40.0),
    ]
    one_edit_per_item(drafts)
    assert [len(d.edits) for d in drafts] == [0, 1]


def test_a_rewrite_two_changes_make_is_explained_once_in_the_edit_carrying_it() -> None:
    # two changes from one moved limit (a promise change and a call change) rewrite the
    # limit's sentence alike; a third change rewrites another sentence of the same item
    limit = OLD.replace("3 weeks", "5 weeks")
    drafts = [
        _draft("C2", OLD.replace("go to the depot", "are collected")),
        _draft("C1", limit),
        _draft("C3", limit),
    ]
    for draft in drafts[1:]:
        draft.edits[0].rationale = "The limit moved: the edit changes 3 weeks to 5 weeks."
    one_edit_per_item(drafts)
    assert [len(d.edits) for d in drafts] == [1, 0, 0]
    kept = drafts[0].edits[0]
    assert kept.new_body == (
        "Hello,\n\nRentals can be returned within 5 weeks. Larger loads are collected.\n\nBye"
    )
    assert kept.rationale.count("changes 3 weeks to 5 weeks") == 1
    assert kept.rationale.startswith("Reason of C2. It also carries C1's edit")
    assert kept.rationale.endswith(
        "C3 rewrites some of these sentences the same way; this one edit stands for both."
    )
