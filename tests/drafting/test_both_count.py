"""An allowance of two said as "both" in the KB ("You've already used both of this month's
guest passes"): the count 2, read where it stands before what it counts, and rewritten as
"all of …" where the count now depends on the case (one category's allowance raised, the rest
keeping two) or as "all three of …" where it moved for everyone. "both" before anything else
("both branches", "both adults and children") counts nothing here."""

from __future__ import annotations

from behaviordiff.drafting.categories import rewrite_category
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, where_stated

OLD = "Every membership includes 2 guest passes a month."
NEW = "Standard includes 2 guest passes a month; Gold includes 5 guest passes a month."


def _category_move() -> RuleMove:
    return RuleMove("H1", OLD, NEW, "2", "5", "value", scope="for gold members", category="gold")


def _plain_move(new: str = "3") -> RuleMove:
    return RuleMove(
        "H1",
        "Each order includes 2 free swaps.",
        f"Each order includes {new} free swaps.",
        "2",
        new,
        "value",
    )


def test_both_before_what_it_counts_is_the_count_two() -> None:
    for text, said in [
        ("You've already used both of this month's guest passes.", "both of"),
        ("Both your free swaps are gone.", "Both"),
        ("Once both the free reprints are used, each costs £3.", "both"),
    ]:
        assert [m.group(0) for m in where_stated("2", text)] == [said]


def test_both_of_anything_else_counts_nothing() -> None:
    assert where_stated("2", "It's the same at both branches.") == []
    assert where_stated("2", "Open to both adults and children.") == []
    # a count of three is never "both"
    assert where_stated("3", "You've used both of your passes.") == []


def test_a_category_move_says_all_of_them() -> None:
    raw = "You've already used both of this month's guest passes, so this one costs £4."
    assert rewrite_category(_category_move(), raw) == (
        "You've already used all of this month's guest passes, so this one costs £4."
    )


def test_a_move_for_everyone_says_the_new_count() -> None:
    assert rewrite_sentence(_plain_move(), "Both your free swaps are gone.") == (
        "All three of your free swaps are gone."
    )
    # "all one of" says nothing: no rewrite
    assert rewrite_sentence(_plain_move("1"), "Both your free swaps are gone.") is None
