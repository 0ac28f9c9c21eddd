"""A change's suggested macro and FAQ edits: a list, and for the selected one its current
and proposed body as a word-level diff, placeholders shown as such."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content

from behaviordiff.pipeline.review import ChangeAck, ReviewItem, change_acks, moved_fields
from behaviordiff.tui.text import inline_diff, look_again_text, status_text, text_content
from behaviordiff.tui.widgets.shown import DataTable, Static

if TYPE_CHECKING:
    from behaviordiff.tui.host import ReviewHost


class EditsView(Vertical):
    def __init__(
        self, items: list[ReviewItem], note: ReviewItem | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.items = items
        self.note = note
        """The change's note: whose CS acknowledgements are shown."""
        self._acks: list[ChangeAck] | None = None
        self._dirty = True
        """The list shows other items than `items`: rebuilt when the tab shows."""
        self._keep_row = True
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

    def reload(
        self,
        items: list[ReviewItem],
        *,
        keep_row: bool = True,
        note: ReviewItem | None = None,
    ) -> None:
        """Show these edits (of `note`'s change): at once when the tab shows, else when it
        is next revealed (moving between changes never builds a hidden list)."""
        if note is not None:
            self.note = note
        self._acks = None
        self.items = items
        self._keep_row = self._keep_row and keep_row if self._dirty else keep_row
        self._dirty = True
        self._pending = None
        if self.revealed:
            self._rebuild()

    def _rebuild(self) -> None:
        table = self.query_one("#edit-list", DataTable)
        row = table.cursor_row if self._keep_row else 0
        self._dirty = False
        self._keep_row = True
        items = self.items
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
            self.query_one("#edit-state", Static).update(Content(""))
            self.query_one("#edit-warnings", Static).display = False
            self.query_one("#edit-diff", Static).update(
                Content("This change has no suggested edits.\n\n") + self._acks_line()
            )

    @property
    def acks(self) -> list[ChangeAck]:
        """CS's acknowledgements of the change, read when first shown."""
        if self._acks is None:
            self._acks = []
            if self.note is not None:
                app = cast("ReviewHost", self.app)
                self._acks = change_acks(app.workspace, app.release_id, self.note)
        return self._acks

    def selected(self) -> ReviewItem | None:
        if self._dirty:
            self._rebuild()
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
        if shown and self._dirty and self.is_mounted:
            self._rebuild()
        elif shown and self._pending is not None:
            self._show_diff(self._pending)

    def show(self, item: ReviewItem) -> None:
        self._show_warnings(item)
        if self.revealed:
            self._show_diff(item)
        else:
            self._pending = item

    def _state(self, item: ReviewItem) -> Content:
        """The edit's state, the item's helpdesk settings (inactive, restricted, what else
        the macro does) and CS's acknowledgement of the change: built when shown."""
        record = item.record
        state = f"{item.handle} {record.status}"
        if record.edited_by:
            state += f" · text by {record.edited_by}"
        if record.reason:
            state += f" · {record.reason}"
        moved = (
            moved_fields(cast("ReviewHost", self.app).workspace, item)
            if item.state.look_again
            else []
        )
        look_again = look_again_text(item, moved)
        if look_again:
            state += f" · {look_again}"
        if record.content.get("new_body") is None:
            state += " · flagged: no confident rewrite, the sentences below are no longer true"
        flags = cast("ReviewHost", self.app).settings(item).flags()
        if not flags:
            return text_content(state)
        return Content.assemble(
            text_content(state),
            "\n",
            text_content(f"⚑ {item.label} " + " · ".join(flags), "bold"),
        )

    def _about(self, item: ReviewItem) -> Content:
        """Above the diff: what else applying the macro does, and CS's acknowledgement."""
        host = cast("ReviewHost", self.app)
        settings = host.settings(item)
        standing = host.standing(item)
        lines = []
        if settings.actions:
            lines.append("Also sets: " + ", ".join(settings.actions))
        about = text_content("".join(f"{line}\n" for line in lines), "dim")
        if standing.settings_to_review:
            about += text_content(f"Settings to review: {standing.settings_to_review}\n", "bold")
        if standing.rejected_change:
            about += text_content(f"{standing.rejected_change}\n", "bold")
        if standing.delivery:
            about += text_content(f"Helpdesk: {standing.delivery}\n", "dim")
        return about + self._acks_line() + Content("\n\n")

    def _acks_line(self) -> Content:
        acks = [ack.describe() for ack in self.acks if not ack.withdrawn_at]
        return text_content("CS: " + ("; ".join(acks) if acks else "not acknowledged yet"), "dim")

    def _show_warnings(self, item: ReviewItem) -> None:
        record = item.record
        warnings = self.query_one("#edit-warnings", Static)
        if record.open_warnings:
            warnings.update(
                text_content("\n".join(f"⚠ {w}" for w in record.open_warnings) + "\n(d dismisses)")
            )
            warnings.display = True
        else:
            warnings.display = False

    def _show_diff(self, item: ReviewItem) -> None:
        self._pending = None
        self.query_one("#edit-state", Static).update(self._state(item))
        content = item.record.content
        old = str(content.get("old_body") or "")
        new = content.get("new_body")
        diff = self.query_one("#edit-diff", Static)
        context = self._about(item)
        if new is None:
            conflicts = content.get("conflicts") or []
            diff.update(
                context
                + text_content(
                    old + "\n\nNo longer true:\n" + "\n".join(f"- {c}" for c in conflicts)
                )
            )
        else:
            body = inline_diff(old, str(new), marks=self.app.no_color)
            rationale = item.record.rationale  # the machine's, marked, under a writer's body
            diff.update(context + body + text_content(f"\n\nWhy: {rationale}" if rationale else ""))
