"""A change's suggested macro and FAQ edits: a list, and for the selected one its current
and proposed body as a word-level diff, placeholders shown as such."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from behaviordiff.pipeline import word_diff
from behaviordiff.review import ReviewItem
from behaviordiff.tui.text import diff_content, status_text


class EditsView(Vertical):
    def __init__(self, items: list[ReviewItem], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.items = items
        self.revealed = False
        """Whether the edits tab is showing: the word diff is built only then."""
        self._pending: ReviewItem | None = None

    def compose(self) -> ComposeResult:
        yield DataTable(id="edit-list", cursor_type="row")
        yield Static(id="edit-state", classes="muted")
        yield Static(id="edit-warnings", classes="warnings")
        with VerticalScroll(id="edit-diff-scroll"):
            yield Static(id="edit-diff")

    def on_mount(self) -> None:
        table = self.query_one("#edit-list", DataTable)
        table.add_column("Edit", key="handle")
        table.add_column("Kind", key="label")
        table.add_column("Status", key="status", width=11)
        table.add_column("Item", key="title")
        self.reload(self.items)

    def reload(self, items: list[ReviewItem], *, keep_row: bool = True) -> None:
        table = self.query_one("#edit-list", DataTable)
        row = table.cursor_row if keep_row else 0
        self.items = items
        table.clear()
        for item in items:
            table.add_row(
                item.handle,
                item.label,
                status_text(item.record.status),
                item.title,
                key=item.handle,
            )
        if items:
            table.move_cursor(row=max(0, min(row, len(items) - 1)))
            self.show(items[table.cursor_row])
        else:
            self._pending = None
            self.query_one("#edit-diff", Static).update(
                Content("This change has no suggested edits.")
            )

    def selected(self) -> ReviewItem | None:
        table = self.query_one("#edit-list", DataTable)
        if not self.items or not 0 <= table.cursor_row < len(self.items):
            return None
        return self.items[table.cursor_row]

    @on(DataTable.RowHighlighted, "#edit-list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.items):
            self.show(self.items[event.cursor_row])

    def reveal(self, shown: bool = True) -> None:
        """The edits tab was shown (or hidden): build the diff it is waiting for."""
        self.revealed = shown
        if shown and self._pending is not None:
            self._show_diff(self._pending)

    def show(self, item: ReviewItem) -> None:
        record = item.record
        content = record.content
        new = content.get("new_body")
        state = f"{item.handle} {record.status}"
        if record.edited_by:
            state += f" · text by {record.edited_by}"
        if record.reason:
            state += f" · {record.reason}"
        if new is None:
            state += " · flagged: no confident rewrite, the sentences below are no longer true"
        self.query_one("#edit-state", Static).update(Content(state))
        warnings = self.query_one("#edit-warnings", Static)
        if record.open_warnings:
            warnings.update(
                Content("\n".join(f"⚠ {w}" for w in record.open_warnings) + "\n(d dismisses)")
            )
            warnings.display = True
        else:
            warnings.display = False
        if self.revealed:
            self._show_diff(item)
        else:
            self._pending = item

    def _show_diff(self, item: ReviewItem) -> None:
        self._pending = None
        content = item.record.content
        old = str(content.get("old_body") or "")
        new = content.get("new_body")
        diff = self.query_one("#edit-diff", Static)
        if new is None:
            conflicts = content.get("conflicts") or []
            diff.update(
                Content(old + "\n\nNo longer true:\n" + "\n".join(f"- {c}" for c in conflicts))
            )
        else:
            body = diff_content(word_diff(old, str(new)))
            rationale = str(content.get("rationale") or "")
            diff.update(body + Content(f"\n\nWhy: {rationale}" if rationale else ""))
