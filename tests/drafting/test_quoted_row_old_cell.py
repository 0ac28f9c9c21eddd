"""A note quoting a KB table row quotes the row's name and the cell that states the old rule,
never a long cell beside it that carries other figures. A bakery moves its next-day order
cut-off from 4pm to 1pm; its FAQ table gives each order type's price (a sentence with two
figures of its own) beside the cut-off and the collection time. Quoted whole, the row would put
£2.50 and £20 in the note as if they had changed."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.quoteclause import note_quote

from .kit import moved_facts

OLD_RULE = "Orders placed before 4pm are ready to collect the next day."
NEW_RULE = "Orders placed before 1pm are ready to collect the next day."
HEADER = "| Order | Price | Cut-off | Collection |"
ROW = (
    "| Celebration cake | £2.50 a slice, free candles on cakes over £20 "
    "| Next day for orders placed by 16:00 | 8 to 10 in the morning |"
)


def _facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Orders", OLD_RULE, NEW_RULE, "changed")]
    return moved_facts(
        rules,
        [{"feature": "order_hour", "op": "between", "low": 13, "high": 16}],
        title="ready next day → the day after",
        facets=("promises",),
    )


def test_the_row_is_quoted_by_its_name_and_the_cell_stating_the_old_rule() -> None:
    quoted = note_quote(_facts(), ROW, HEADER)
    assert quoted == "Order: Celebration cake; Cut-off: Next day for orders placed by 16:00"
    assert "£20" not in quoted and "2.50" not in quoted
