"""The small text helpers the drafting modules share (`drafting.text`): table cells, a
phrase said mid-sentence, and the sentences a "still X" check flags."""

from __future__ import annotations

from behaviordiff.drafting.text import (
    cell_text_spans,
    lower_first,
    padded_cells,
    row_cells,
    still_saying,
)

ROW = "| Seed packets |  Free postage | 3 days |"


def test_row_cells_drop_padding_and_padded_cells_keep_it() -> None:
    assert row_cells(ROW) == ["Seed packets", "Free postage", "3 days"]
    assert padded_cells(ROW) == [" Seed packets ", "  Free postage ", " 3 days "]
    assert row_cells("  " + ROW + "\n") == row_cells(ROW)


def test_cell_text_spans_point_at_each_cells_text() -> None:
    spans = cell_text_spans(ROW)
    assert [ROW[start:end] for start, end in spans] == ["Seed packets", "Free postage", "3 days"]
    assert cell_text_spans("no pipes here") == []


def test_lower_first_lowers_only_the_first_letter() -> None:
    assert lower_first("Bulbs ship in Spring") == "bulbs ship in Spring"
    assert lower_first("") == ""


def test_still_saying_reads_kept_conflicts_and_written_sentences_only() -> None:
    old = "Every order ships free. Bulbs ship in spring."
    new = "Every order ships free. Bulbs ship in spring. Every seed ships free too."
    kept = still_saying(
        lambda unit: "free" in unit.text, ["Every order ships free."], old, new, "markdown"
    )
    assert kept == ["Every order ships free.", "Every seed ships free too."]
    assert still_saying(lambda unit: "spring" in unit.text, [], old, new, "markdown") == []
