"""The edits tab's word diff lays out the new text's lines: a line break the edit removed is
shown as a struck `↵`, not as a break (it drew blank lines and split sentences)."""

from __future__ import annotations

from behaviordiff.diffing.words import word_diff
from behaviordiff.tui.text import REMOVED_BREAK, diff_content


def test_a_removed_line_break_is_marked_not_laid_out() -> None:
    old = "## How long?\n\nItems can be returned within 30 days,\nthe same for\nevery customer."
    new = "## How long?\n\nItems can be returned within 30 days (45 days for members)."
    shown = diff_content(word_diff(old, new))
    assert shown.plain.count("\n") == new.count("\n")  # the new text's lines only
    assert REMOVED_BREAK in shown.plain
    # the side-by-side panes still show each text as it is laid out
    before = diff_content(word_diff(old, new), show=("same", "removed"))
    assert before.plain.count("\n") == old.count("\n")
