"""The queue: every behavior change of the release, then the wording-only groups; counts by
status in the header; filter by text (/) and by status (s)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input
from textual.widgets.data_table import ColumnKey

from behaviordiff.errors import BehaviordiffError
from behaviordiff.pipeline import DRAFT_STATUSES as STATUSES
from behaviordiff.pipeline.review import (
    Queue,
    QueueEntry,
    approve,
    reject,
    send_to_engineering,
    undo,
    warnings_after_rejecting,
)
from behaviordiff.tui.messages import DraftChanged
from behaviordiff.tui.text import count, status_text, text_content
from behaviordiff.tui.text import visible as text_visible
from behaviordiff.tui.widgets.footer import ReviewFooter
from behaviordiff.tui.widgets.shown import DataTable, Static

if TYPE_CHECKING:
    from behaviordiff.tui.host import ReviewHost

PREBUILD_AFTER = 0.3
"""Seconds after the queue shows before the change view is built behind it."""
STATUS_FILTERS = ("all", "open", *STATUSES)
"""`open`: not approved or rejected yet."""
_COLUMNS = ("handle", "status", "severity", "probes", "edits", "title")
_LABELS = {
    "handle": "ID",
    "status": "Status",
    "severity": "Sev",
    "probes": "Probes",
    "edits": "Edits",
    "title": "Title",
}
_SEVERITY = {"medium": "med"}
"""Severities as the narrow column shows them."""
_PADDING = 2
"""A DataTable cell's padding: one column each side."""
_SCROLLBAR = 3
"""The vertical scrollbar and the table's edge."""
_KEYS_WHILE_LOADING = ("q", "ctrl+c", "question_mark", "f1")
"""Keys that act at once while the queue loads (quit, help); every other key waits for it."""


class QueueTable(DataTable[Content | str]):
    """The queue's table (`j`/`k` move its cursor, as in every table of the app)."""


class QueueScreen(Screen[None]):
    AUTO_FOCUS = "#queue"
    """Focused as the screen is built: keys typed before the app took the terminal arrive
    then, ahead of any `focus()` call, and Textual's default (the first focusable widget)
    is the hidden filter, where a `3` after an `enter` became filter text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=False),
        # an enter typed before the app took the terminal (while Python started) comes as a
        # newline: the terminal was still in line mode
        Binding("ctrl+j", "open", "Open", show=False),
        Binding("a", "approve", "Approve"),
        Binding("x", "reject", "Reject"),
        Binding("n", "engineering", "Eng"),
        Binding("u", "undo", "Undo"),
        Binding("slash", "filter_text", "Filter", key_display="/"),
        Binding("s", "filter_status", "Status"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        # on a read-only workspace the keys above that write are off: this one says why
        Binding("a,x,n,u", "read_only", "Read only", show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "read_only":
            return self.review_app.read_only
        return not self.review_app.refuse_write(action)

    def action_read_only(self) -> None:
        self.review_app.say_read_only()

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[QueueEntry] = []
        self.counts: dict[str, int] = {}
        self.status_filter = "all"
        self.text_filter = ""
        self.title_width = 40
        """Cells the title column holds; a longer title ends in an ellipsis."""
        self.queue_loading = True
        """The queue is not read yet: the screen says so, and keys wait (`pending_keys`)."""
        self.pending_keys: list[tuple[str, str | None]] = []
        """Keys typed while the queue loaded (key, character), played once it is there."""

    @property
    def review_app(self) -> ReviewHost:
        return cast("ReviewHost", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="queue-counts")
        yield Input(placeholder="filter: words in the title, a handle, a facet", id="filter")
        table = QueueTable(id="queue", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="queue-preview")
        yield ReviewFooter()

    def on_mount(self) -> None:
        table = self.query_one(QueueTable)
        for key in _COLUMNS:
            table.add_column(_LABELS[key], key=key, width=len(_LABELS[key]))
        table.focus()
        self.show_loading()
        self.load()

    def load(self) -> None:
        """Read the queue in a worker thread: the screen says "Loading" (reading a big
        release takes seconds on a busy machine, and a blank screen reads as a hang) and
        keeps the keys typed meanwhile (`on_key`)."""
        self.run_worker(self._read, thread=True, group="queue-load", exit_on_error=True)

    def _read(self) -> None:
        try:
            queue = self.review_app.read_queue()
        except BehaviordiffError as error:
            self.app.call_from_thread(self._unreadable, error)
            return
        self.app.call_from_thread(self._loaded, queue)

    def _unreadable(self, error: BehaviordiffError) -> None:
        self.queue_loading = False
        self.pending_keys.clear()
        self.review_app.cannot_open(error)

    def _loaded(self, queue: Queue) -> None:
        """The queue is there: shown, then the keys typed while it loaded, in order (a
        writer who pressed ↓ and enter before it showed opens the second change)."""
        try:
            self.refresh_queue(read=queue)
        except BehaviordiffError as error:
            self._unreadable(error)
            return
        self.queue_loading = False
        self.query_one(QueueTable).focus()
        self.set_timer(PREBUILD_AFTER, self._prebuild)
        pending, self.pending_keys = self.pending_keys, []
        if pending:
            self.app.run_worker(self._play(pending), group="typed-while-loading")

    async def _play(self, pending: list[tuple[str, str | None]]) -> None:
        """The keys one at a time, each handled before the next is sent (as typed: `/` has
        focused the filter before the words after it arrive)."""
        from textual._wait import wait_for_idle

        for key, character in pending:
            self.app.post_message(events.Key(key, character))
            await wait_for_idle(0)

    def show_loading(self) -> None:
        """What the screen says until the queue is read: the release, and the keys kept."""
        app = self.review_app
        text = f"Loading release #{app.release_id} · {app.release_name}…"
        if self.pending_keys:
            keys = " ".join(key for key, _ in self.pending_keys[-8:])
            text += f" {count(len(self.pending_keys), 'key')} kept for the queue: {keys}"
        self.query_one("#queue-counts", Static).update(text_content(text), layout=False)
        self.query_one("#queue-preview", Static).update(
            text_content("Reading the release's drafts…"), layout=False
        )

    def on_key(self, event: events.Key) -> None:
        """While the queue loads, a key waits for it (said on screen) instead of acting on an
        empty table and being lost."""
        if not self.queue_loading or event.key in _KEYS_WHILE_LOADING:
            return
        event.stop()
        event.prevent_default()
        self.pending_keys.append((event.key, event.character))
        self.show_loading()

    def _prebuild(self) -> None:
        changes = [entry.handle for entry in self.shown() if entry.kind == "change"]
        if changes and self.is_current:
            self.review_app.prebuild_change(changes[0], changes)

    def _widths(self) -> dict[str, int]:
        """Each column as wide as its label or its widest value over every entry (filtered
        out or not, so a filter does not move the columns); the title gets the rest of the
        screen: no sideways scrolling at 80 columns."""
        widths = {key: len(_LABELS[key]) for key in _COLUMNS}
        for entry in self.entries:
            for key, cell in zip(_COLUMNS[:-1], self._facts(entry), strict=True):
                length = cell.cell_length if isinstance(cell, Content) else len(cell)
                widths[key] = max(widths[key], length)
        used = sum(widths[key] for key in _COLUMNS[:-1]) + _PADDING * len(_COLUMNS)
        widths["title"] = max(20, self.app.size.width - used - _SCROLLBAR)
        return widths

    def _fit_columns(self) -> bool:
        """Give the columns their widths; True when one changed (the titles are cut anew)."""
        table = self.query_one(QueueTable)
        changed = False
        widths = self._widths()
        for key, width in widths.items():
            column = table.columns.get(ColumnKey(key))
            if column is not None and column.width != width:
                column.width = width
                changed = True
        self.title_width = widths["title"]
        return changed

    def on_resize(self) -> None:
        if self.queue_loading:
            return
        if self._fit_columns():
            self.refresh_queue()

    # data -----------------------------------------------------------------------------

    def shown(self) -> list[QueueEntry]:
        chosen = []
        for entry in self.entries:
            if self.status_filter == "open" and entry.status in ("approved", "rejected", "wording"):
                continue
            if self.status_filter not in ("all", "open") and entry.status != self.status_filter:
                continue
            if self.text_filter and self.text_filter.lower() not in entry.search_text():
                continue
            chosen.append(entry)
        return chosen

    def refresh_queue(self, keep: str | None = None, read: Queue | None = None) -> None:
        """Load every draft of the release again (or take the queue `read` in a worker) and
        rebuild the table."""
        queue = self.review_app.queue(read)
        self.entries = queue.entries
        self.counts = dict(queue.counts)
        self.show_counts()
        self._fit_columns()
        table = self.query_one(QueueTable)
        current = keep or self.current_handle()
        table.clear()
        for entry in self.shown():
            table.add_row(*self._cells(entry), key=entry.handle)
        if current is not None:
            for index, entry in enumerate(self.shown()):
                if entry.handle == current:
                    table.move_cursor(row=index)
                    break
        self.show_preview()

    def refresh_changes(self, handles: set[str]) -> None:
        """Reload only the drafts of the changes `handles` and update their rows, when that
        keeps the table as a full reload would show it; else reload everything."""
        by_handle = {entry.handle: entry for entry in self.entries}
        touched = [by_handle[handle] for handle in handles if handle in by_handle]
        if self.status_filter != "all" or self.text_filter or len(touched) != len(handles):
            self.refresh_queue()
            return
        app = self.review_app
        fresh = {entry.handle: app.group(entry.handle) for entry in touched}
        for entry in touched:
            note, _ = fresh[entry.handle]
            severity = str(note.record.content.get("severity") or "low")
            if severity != entry.severity or note.record.stale != (
                entry.note is not None and entry.note.record.stale
            ):
                self.refresh_queue()  # the queue's order changes
                return
        table = self.query_one(QueueTable)
        for entry in touched:
            note, edits = fresh[entry.handle]
            self._tally(entry, -1)
            entry.note, entry.edits, entry.title = note, edits, note.title
            self._tally(entry, 1)
        if self._fit_columns():
            self.refresh_queue()  # a wider status: every title is cut anew
            return
        for entry in touched:
            for column, value in zip(_COLUMNS, self._cells(entry), strict=True):
                table.update_cell(entry.handle, column, value)
        self.show_counts()
        self.show_preview()

    def _tally(self, entry: QueueEntry, sign: int) -> None:
        """Add (1) or take out (-1) an entry's drafts from the counts in the header."""
        for item in [entry.note, *entry.edits] if entry.note is not None else entry.edits:
            if item is None:
                continue
            record = item.record
            self.counts[record.status] = self.counts.get(record.status, 0) + sign
            self.counts["stale"] = self.counts.get("stale", 0) + sign * record.stale
            look_again = item.state.look_again
            if look_again is not None:
                self.counts[look_again] = self.counts.get(look_again, 0) + sign

    def show_counts(self) -> None:
        counts = self.counts
        parts = [f"{counts.get(status, 0)} {status}" for status in STATUSES if counts.get(status)]
        changes = sum(1 for entry in self.entries if entry.kind == "change")
        wording = len(self.entries) - changes
        header = f"{count(changes, 'change')} · {wording} wording-only · drafts: " + (
            ", ".join(parts) or "none"
        )
        if counts.get("change_rejected"):
            header += f" ({counts['change_rejected']} of a rejected change: not exported)"
        if counts.get("carried"):
            header += f" ({counts['carried']} of a rejected change kept for another relying on it)"
        if self.status_filter != "all" or self.text_filter:
            header += f" · showing {self.status_filter}"
            if self.text_filter:
                header += f" matching “{self.text_filter}”"
        self.query_one("#queue-counts", Static).update(text_content(header), layout=False)

    @staticmethod
    def _facts(entry: QueueEntry) -> tuple[Content | str, ...]:
        """The row's cells before the title."""
        severity = entry.severity if entry.kind == "change" else ""
        edits = str(len(entry.edits)) if entry.kind == "change" else ""
        if entry.kind == "change" and entry.status == "approved":
            # an approved note whose edits wait: the row must not read as done
            waiting = sum(
                1 for edit in entry.edits if edit.record.status not in ("approved", "rejected")
            )
            if waiting:
                edits += f", {waiting} open"
        status = status_text(entry.status)
        if entry.flags:
            # in the status column, where a narrow window keeps it: at the title's end it was
            # cut to "(o…" at 110 columns and gone at 80
            status = Content("").join(
                [status, text_content(" " + ", ".join(entry.flags), "bold yellow")]
            )
        return (
            entry.handle,
            status,
            _SEVERITY.get(severity, severity),
            str(entry.probes),
            edits,
        )

    @staticmethod
    def _full_title(entry: QueueEntry) -> str:
        # visible before the column measures it: a control character shows as four cells
        title = text_visible(entry.title)
        return f"⚠ {title}" if entry.warnings else title

    def _cells(self, entry: QueueEntry) -> tuple[Content | str, ...]:
        """The row's cells; the title as plain text (never read as markup), ending in an
        ellipsis where the column cuts it (the preview below shows it whole)."""
        title = text_content(self._full_title(entry))
        return (*self._facts(entry), title.truncate(self.title_width, ellipsis=True))

    def current(self) -> QueueEntry | None:
        table = self.query_one(QueueTable)
        visible = self.shown()
        if not visible or table.cursor_row < 0 or table.cursor_row >= len(visible):
            return None
        return visible[table.cursor_row]

    def current_handle(self) -> str | None:
        entry = self.current() if self.entries else None
        return entry.handle if entry else None

    def show_preview(self) -> None:
        entry = self.current()
        preview = self.query_one("#queue-preview", Static)
        if entry is None:
            preview.update(
                text_content(
                    "Nothing matches the filter (esc clears it)."
                    if self.entries
                    else "No drafts in this release yet."
                ),
                layout=False,
            )
            return
        facets = ", ".join(entry.facets) or "none"
        if entry.kind == "wording":
            text = (
                f"{entry.handle}: wording changed, behavior the same · "
                f"{count(entry.probes, 'probe')} · nothing to approve; enter shows what "
                "changed in the wording"
            )
        else:
            record = entry.note.record if entry.note else None
            who = (
                f"writer ({record.edited_by})"
                if record and record.edited_by
                else (record.origin if record else "")
            )
            edits = count(len(entry.edits), "suggested edit")
            text = f"{entry.handle} · facets: {facets} · {edits} · {who}"
            if record and record.reason:
                text += f" · rejected: {record.reason}"
            if record and record.comment:
                text += f" · “{record.comment}”"
            if entry.warnings:
                text += f" · {count(entry.warnings, 'open warning')}"
            if entry.flags:
                text += " · " + ", ".join(entry.flags)
        title = self._full_title(entry)
        if text_content(title).cell_length > self.title_width:
            text = f"{title}\n{text}"  # the row cuts it: here it is whole
        # its height is fixed (review.tcss): no layout of the 500-row table on each ↓
        preview.update(text_content(text), layout=False)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.show_preview()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def on_screen_resume(self) -> None:
        """Back from the change view: only the changes shown there can have moved."""
        touched = self.review_app.take_touched()
        if self.queue_loading:
            return
        if not self.entries:
            self.refresh_queue()
        elif touched:
            self.refresh_changes(touched)

    # actions --------------------------------------------------------------------------

    def action_open(self) -> None:
        entry = self.current()
        if entry is None:
            return
        if entry.kind == "wording":
            from behaviordiff.tui.screens.wording import WordingScreen

            self.app.push_screen(WordingScreen(entry))
            return
        handles = [e.handle for e in self.shown() if e.kind == "change"]
        self.review_app.open_change(entry.handle, handles)

    def _note(self) -> QueueEntry | None:
        entry = self.current()
        if entry is None or entry.note is None:
            self.notify("Pick a behavior change first.", severity="warning")
            return None
        return entry

    def action_approve(self) -> None:
        entry = self._note()
        if entry is None:
            return
        app = self.review_app
        item = app.item(entry.handle)
        result = app.guard(lambda: approve(app.workspace, app.release_id, [item], actor=app.actor))
        if result is not None and result.blocked:
            self.notify(
                f"{entry.handle} has open warnings: open it (enter) to fix or dismiss them.",
                severity="warning",
            )
        elif result is not None:
            if result.warnings:  # what `review approve` warns about, said here too
                self.notify("\n".join(result.warnings), severity="warning", timeout=20)
            self.post_message(DraftChanged(item, "approved"))
        self.refresh_queue()

    def action_reject(self) -> None:
        from behaviordiff.tui.screens.modals import RejectModal

        entry = self._note()
        if entry is None:
            return

        def done(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            app = self.review_app
            item = app.item(entry.handle)
            rejected = app.guard(
                lambda: reject(
                    app.workspace, app.release_id, item, answer[0], answer[1], actor=app.actor
                )
            )
            if rejected is not None:  # said, as an approval is
                # with what `review reject` warns about: the edits other changes rely on
                kept = app.guard(
                    lambda: warnings_after_rejecting(app.workspace, app.release_id, [rejected])
                )
                said = "\n".join([f"{entry.handle} rejected ({answer[0]}).", *(kept or [])])
                if kept:
                    self.notify(said, severity="warning", timeout=20)
                else:
                    self.notify(said)
            self.refresh_queue()

        self.app.push_screen(RejectModal(f"change {entry.handle}"), done)

    def action_engineering(self) -> None:
        from behaviordiff.tui.screens.modals import CommentModal

        entry = self._note()
        if entry is None:
            return

        def done(comment: str | None) -> None:
            if comment is None:
                return
            app = self.review_app
            item = app.item(entry.handle)
            app.guard(
                lambda: send_to_engineering(
                    app.workspace, app.release_id, item, comment, actor=app.actor
                )
            )
            self.refresh_queue()

        self.app.push_screen(CommentModal(f"change {entry.handle}"), done)

    def action_undo(self) -> None:
        from behaviordiff.pipeline.review import last_action, load_review

        app = self.review_app
        review = load_review(app.workspace, app.release_id)
        item = last_action(app.workspace, review)
        if item is None:
            self.notify("Nothing to undo.")
            return
        done = app.guard(lambda: undo(app.workspace, app.release_id, item, actor=app.actor))
        if done is not None:
            self.notify(done.summary())
        self.refresh_queue(keep=item.handle.partition(".")[0])

    def action_filter_text(self) -> None:
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.text_filter = event.value.strip()
        self.refresh_queue()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(QueueTable).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""
        field.display = False
        self.text_filter = ""
        self.status_filter = "all"
        self.refresh_queue()
        self.query_one(QueueTable).focus()

    def action_filter_status(self) -> None:
        index = STATUS_FILTERS.index(self.status_filter)
        self.status_filter = STATUS_FILTERS[(index + 1) % len(STATUS_FILTERS)]
        self.refresh_queue()
        self.notify(f"Showing: {self.status_filter}", timeout=2)
