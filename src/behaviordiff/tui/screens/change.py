"""One behavior change: its note (edited in place, saved as the writer types), its evidence
and its suggested edits, with the review actions. [ and ] move to the previous and next
change of the queue without going back."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Select, Static, TabbedContent, TabPane, TextArea
from textual.worker import Worker, WorkerState, get_current_worker

from behaviordiff.errors import BehaviordiffError
from behaviordiff.pipeline import DraftConflict, find_placeholders
from behaviordiff.review import (
    EDIT_FIELDS,
    NOTE_FIELDS,
    ReviewError,
    ReviewItem,
    apply_edit,
    approve,
    change_evidence,
    dismiss_warnings,
    editable,
    reject,
    reset,
    send_to_engineering,
    undo,
)
from behaviordiff.tui.messages import DraftChanged, RedraftFinished, RedraftProgress
from behaviordiff.tui.widgets.edits import EditsView
from behaviordiff.tui.widgets.evidence import EvidenceView
from behaviordiff.tui.widgets.footer import ReviewFooter
from behaviordiff.tui.widgets.note_form import NoteForm

if TYPE_CHECKING:
    from behaviordiff.tui.host import ReviewHost

SAVE_DELAY = 0.6
"""Seconds of quiet after typing before the note is saved."""


class ChangeScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("a", "approve", "Approve"),
        Binding("x", "reject", "Reject"),
        Binding("n", "engineering", "Eng"),
        Binding("r", "reset", "Reset"),
        Binding("u", "undo", "Undo"),
        Binding("d", "dismiss_warnings", "Dismiss", show=False),
        Binding("e", "edit_body", "Edit body", show=False),
        Binding("1", "tab('note')", "Note", show=False),
        Binding("2", "tab('evidence')", "Evidence", show=False),
        Binding("3", "tab('edits')", "Edits", show=False),
        Binding("left_square_bracket", "move(-1)", "Prev", key_display="["),
        Binding("right_square_bracket", "move(1)", "Next", key_display="]"),
        Binding("comma", "sample(-1)", "Prev sample", show=False),
        Binding("full_stop", "sample(1)", "Next sample", show=False),
        Binding("D", "redraft", "Re-draft", show=False),
        Binding("ctrl+x", "cancel_redraft", "Cancel re-draft", show=False),
    ]

    def __init__(self, handle: str, handles: list[str], tab: str = "note") -> None:
        super().__init__()
        self.handle = handle
        self.initial_tab = tab
        self.handles = handles
        self._save_timer: Timer | None = None
        self._redraft: Worker[dict[str, int]] | None = None
        self._styled_for: tuple[str, int] | None = None

    @property
    def review_app(self) -> ReviewHost:
        return cast("ReviewHost", self.app)

    # building -------------------------------------------------------------------------

    def _items(self) -> tuple[ReviewItem, list[ReviewItem]]:
        self.review_app.touch(self.handle)
        return self.review_app.group(self.handle)

    def compose(self) -> ComposeResult:
        app = self.review_app
        note, edits = self._items()
        self.note = note
        effective = app.workspace.release(app.release_id).effective_date
        evidence = change_evidence(app.workspace, app.release_id, note.record.change_id)
        yield Header()
        yield Static(id="change-title")
        with TabbedContent(initial=self.initial_tab, id="tabs"):
            with TabPane("1 Note", id="note"):
                yield NoteForm(note, effective, id="note-form")
            with TabPane(f"2 Evidence ({len(evidence.probes)})", id="evidence"):
                yield EvidenceView(evidence, id="evidence-view")
            with TabPane(f"3 Edits ({len(edits)})", id="edits"):
                yield EditsView(edits, id="edits-view")
        yield Static(id="note-warnings", classes="warnings")
        yield Static(id="busy", classes="busy")
        yield ReviewFooter()

    def on_mount(self) -> None:
        self.query_one("#busy", Static).display = False
        if self.initial_tab != "note":
            self.action_tab(self.initial_tab)
        self.show_title()
        self.query_one(NoteForm).show_state(self.note)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Pushing a screen restyles each of its widgets (a third of opening a change on a
        # big release); the view is reused, so its styles are stale only if the theme or
        # the app's CSS changed since it was last shown.
        styled_for = (self.app.theme, self.app._css_update_count)
        if styled_for == self._styled_for:
            event.refresh_styles = False
        self._styled_for = styled_for
        super()._on_screen_resume(event)

    def show_change(
        self, handle: str, handles: list[str] | None = None, tab: str | None = None
    ) -> None:
        """Fill the view with another change (moving with [ ], or opening from the queue)."""
        self.flush()
        self.handle = handle
        if handles is not None:
            self.handles = handles
        if not self.is_mounted:
            self.initial_tab = tab or self.initial_tab
            return
        app = self.review_app
        note, edits = self._items()
        self.note = note
        evidence = change_evidence(app.workspace, app.release_id, note.record.change_id)
        self._reveal(tab or self.active_tab())
        tabs = self.query_one("#tabs", TabbedContent)
        tabs.get_tab("evidence").label = Content(f"2 Evidence ({len(evidence.probes)})")
        tabs.get_tab("edits").label = Content(f"3 Edits ({len(edits)})")
        self.query_one(EvidenceView).load(evidence)
        self.query_one(EditsView).reload(edits, keep_row=False)
        form = self.query_one(NoteForm)
        form.load(note)
        form.show_state(note)
        form.scroll_home(animate=False)
        self.show_title()
        if tab is not None and tab != self.active_tab():
            self.action_tab(tab)

    def show_title(self) -> None:
        position = self.handles.index(self.handle) + 1 if self.handle in self.handles else 0
        record = self.note.record
        self.query_one("#change-title", Static).update(
            Content.assemble(
                (f"{self.handle} ", "bold"),
                (record.status, "bold"),
                f" · {record.content.get('severity', '')} · change {position} of "
                f"{len(self.handles)} · ",
                (str(record.content.get("title") or ""), "italic"),
            ),
            layout=False,  # one line high (review.tcss): no layout of the view on [ ]
        )

    # which draft an action is for ---------------------------------------------------------

    def active_tab(self) -> str:
        return self.query_one("#tabs", TabbedContent).active

    def target(self) -> ReviewItem | None:
        """The selected suggested edit on the Edits tab, else the note (the change)."""
        if self.active_tab() == "edits":
            selected = self.query_one(EditsView).selected()
            if selected is None:
                self.notify("This change has no suggested edits.", severity="warning")
            return selected
        return self.note

    def fresh(self, item: ReviewItem) -> ReviewItem:
        return self.review_app.item(item.handle)

    def reload(self, *, form: bool = False) -> None:
        note, edits = self._items()
        self.note = note
        if form:
            self.query_one(NoteForm).load(note)
        self.query_one(NoteForm).show_state(note)
        self.query_one(EditsView).reload(edits)
        self.show_title()

    # saving as the writer types -------------------------------------------------------

    @on(NoteForm.Edited)
    def _edited(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_note)

    def save_note(self) -> None:
        self._save_timer = None
        app = self.review_app
        form = self.query_one(NoteForm)
        values = form.values()
        item = self.note
        if {**editable(item.record), **values} == editable(item.record):
            return  # a field was (re)loaded, not typed in: nothing to save or check

        def conflict(error: DraftConflict) -> None:
            self.resolve_conflict(error, values, NOTE_FIELDS)

        outcome = app.guard(
            lambda: apply_edit(
                app.workspace,
                app.release_id,
                item,
                values,
                app.groundings(item),
                actor=app.actor,
                coalesce=True,
            ),
            on_conflict=conflict,
        )
        if outcome is None or not outcome.changed:
            return
        self.note = outcome.item
        form.item = outcome.item
        form.show_state(outcome.item, saved_at=datetime.now().strftime("%H:%M:%S"))
        self.show_title()
        self.post_message(DraftChanged(outcome.item, "edited"))

    def flush(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self.save_note()

    def resolve_conflict(
        self, error: DraftConflict, values: dict[str, Any], fields: tuple[str, ...]
    ) -> None:
        from behaviordiff.tui.screens.modals import ConflictModal

        def chosen(choice: str | None) -> None:
            app = self.review_app
            if choice == "mine":
                current = self.fresh(
                    self.note if fields == NOTE_FIELDS else self._edit_with(values)
                )
                app.guard(
                    lambda: apply_edit(
                        app.workspace,
                        app.release_id,
                        current,
                        values,
                        app.groundings(current),
                        actor=app.actor,
                    )
                )
            self.reload(form=True)

        self.app.push_screen(ConflictModal(error, fields), chosen)

    def _edit_with(self, values: dict[str, Any]) -> ReviewItem:
        selected = self.query_one(EditsView).selected()
        assert selected is not None
        return selected

    # review actions ---------------------------------------------------------------------

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, (Input, TextArea, Select)):
            self.set_focus(None)
            return
        self.flush()
        self.app.pop_screen()

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one("#tabs", TabbedContent)
        # one focus change: the footer rebuilds its keys on each. Focus left in a pane being
        # hidden would bring that pane back, so the note tab takes focus off the form.
        if tab == "note":
            self.set_focus(None)
        tabs.active = tab
        self._reveal(tab)
        if tab == "evidence":
            self.query_one("#probes").focus()
        elif tab == "edits":
            self.query_one("#edit-list").focus()

    def _reveal(self, tab: str) -> None:
        """Evidence and edit diffs are built only for the tab that shows them."""
        self.query_one(EvidenceView).reveal(tab == "evidence")
        self.query_one(EditsView).reveal(tab == "edits")

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            self._reveal(event.pane.id)

    def action_move(self, delta: int) -> None:
        if self.handle not in self.handles:
            return
        index = self.handles.index(self.handle) + delta
        if not 0 <= index < len(self.handles):
            self.notify("No more changes that way." if delta > 0 else "This is the first change.")
            return
        self.show_change(self.handles[index])

    def action_sample(self, delta: int) -> None:
        if self.active_tab() == "evidence":
            self.query_one(EvidenceView).step(delta)

    def action_approve(self) -> None:
        self.flush()
        item = self.target()
        if item is None:
            return
        app = self.review_app
        current = self.fresh(item)
        result = app.guard(
            lambda: approve(app.workspace, app.release_id, [current], actor=app.actor)
        )
        if result is None:
            return
        if result.blocked:
            self.notify(
                f"{item.handle} not approved: fix the text or dismiss its warnings (d) first.",
                severity="warning",
            )
        else:
            word = "accepted" if item.record.kind == "edit" else "approved"
            self.notify(f"{item.handle} {word}.")
        self.reload()

    def action_reject(self) -> None:
        from behaviordiff.tui.screens.modals import RejectModal

        self.flush()
        item = self.target()
        if item is None:
            return

        def done(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            app = self.review_app
            current = self.fresh(item)
            if app.guard(
                lambda: reject(
                    app.workspace, app.release_id, current, answer[0], answer[1], actor=app.actor
                )
            ):
                self.notify(f"{item.handle} rejected ({answer[0]}).")
            self.reload()

        what = f"edit {item.handle}" if item.record.kind == "edit" else f"change {item.handle}"
        self.app.push_screen(RejectModal(what), done)

    def action_engineering(self) -> None:
        from behaviordiff.tui.screens.modals import CommentModal

        self.flush()
        item = self.target()
        if item is None:
            return

        def done(comment: str | None) -> None:
            if comment is None:
                return
            app = self.review_app
            current = self.fresh(item)
            if app.guard(
                lambda: send_to_engineering(
                    app.workspace, app.release_id, current, comment, actor=app.actor
                )
            ):
                self.notify(f"{item.handle} sent to engineering.")
            self.reload()

        self.app.push_screen(CommentModal(item.handle), done)

    def action_reset(self) -> None:
        from behaviordiff.tui.screens.modals import ConfirmModal

        self.flush()
        item = self.target()
        if item is None:
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            app = self.review_app
            current = self.fresh(item)
            result = app.guard(
                lambda: reset(app.workspace, app.release_id, current, actor=app.actor)
            )
            if result is not None:
                self.notify(
                    f"{item.handle} is the machine draft again; u undoes the reset."
                    if result[1]
                    else f"{item.handle} already is the machine draft."
                )
            self.reload(form=True)

        self.app.push_screen(
            ConfirmModal(
                f"Reset {item.handle} to the machine draft? The text and decision are kept: "
                "u (undo) gives them back."
            ),
            done,
        )

    def action_undo(self) -> None:
        self.flush()
        item = self.target()
        if item is None:
            return
        app = self.review_app
        current = self.fresh(item)
        done = app.guard(lambda: undo(app.workspace, app.release_id, current, actor=app.actor))
        if done is not None:
            self.notify(f"{item.handle}: undid the {done.action}; now {done.item.record.status}.")
        self.reload(form=True)

    def action_dismiss_warnings(self) -> None:
        self.flush()
        item = self.target()
        if item is None:
            return
        app = self.review_app
        current = self.fresh(item)
        if not current.record.open_warnings:
            self.notify(f"{item.handle} has no open warnings.")
            return
        if app.guard(
            lambda: dismiss_warnings(app.workspace, app.release_id, current, actor=app.actor)
        ):
            self.notify(f"Dismissed the warnings of {item.handle}.")
        self.reload()

    def action_edit_body(self) -> None:
        from behaviordiff.tui.screens.modals import BodyEditor

        if self.active_tab() != "edits":
            self.action_tab("edits")
        item = self.query_one(EditsView).selected()
        if item is None:
            return
        content = item.record.content
        body = content.get("new_body")
        start = str(content.get("old_body") or "") if body is None else str(body)

        def done(text: str | None) -> None:
            if text is None:
                return
            app = self.review_app
            current = self.fresh(item)
            values = {"new_body": text}
            outcome = app.guard(
                lambda: apply_edit(
                    app.workspace,
                    app.release_id,
                    current,
                    values,
                    app.groundings(item),
                    actor=app.actor,
                ),
                on_conflict=lambda error: self.resolve_conflict(error, values, EDIT_FIELDS),
            )
            if outcome is not None and outcome.changed:
                self.notify(
                    f"{item.handle} saved" + (" with warnings." if outcome.warnings else ".")
                )
            self.reload()

        placeholders = find_placeholders(str(content.get("old_body") or ""))
        self.app.push_screen(BodyEditor(item.title, start, list(placeholders)), done)

    # re-drafting in a worker ----------------------------------------------------------

    def action_redraft(self) -> None:
        from behaviordiff.tui.screens.modals import ConfirmModal

        if self._redraft is not None and self._redraft.is_running:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.flush()
                busy = self.query_one("#busy", Static)
                busy.update(Content("Re-drafting… (ctrl+x cancels)"))
                busy.display = True
                self._redraft = self.run_redraft()

        self.app.push_screen(
            ConfirmModal(
                "Re-draft this release's notes with the drafting model? Untouched drafts take "
                "the new text; yours and your decisions stay."
            ),
            done,
        )

    @work(thread=True, exclusive=True, group="redraft", exit_on_error=False)
    def run_redraft(self) -> dict[str, int]:
        from behaviordiff.pipeline import Workspace
        from behaviordiff.review import redraft

        worker = get_current_worker()
        app = self.review_app

        def progress(stage: str, done: int, total: int) -> None:
            if worker.is_cancelled:
                raise ReviewError("re-drafting cancelled; nothing was stored")
            self.post_message(RedraftProgress(stage, done, total))

        # SQLite connections stay in their thread: the worker opens its own
        with Workspace(app.workspace_folder, create=False) as workspace:
            counts = redraft(workspace, app.release_id, app.project, on_progress=progress)
        self.post_message(RedraftFinished(counts))
        return counts

    def action_cancel_redraft(self) -> None:
        if self._redraft is not None and self._redraft.is_running:
            self._redraft.cancel()
            self.query_one("#busy", Static).update(Content("Cancelling…"))

    @on(RedraftProgress)
    def _progress(self, message: RedraftProgress) -> None:
        self.query_one("#busy", Static).update(
            Content(f"{message.stage} {message.done}/{message.total}… (ctrl+x cancels)")
        )

    @on(RedraftFinished)
    def _finished(self, message: RedraftFinished) -> None:
        self.review_app.forget_groundings()
        self.query_one("#busy", Static).display = False
        self.notify(
            f"Re-drafted: {message.counts.get('written', 0)} new text(s), "
            f"{message.counts.get('kept', 0)} kept."
        )
        self.reload(form=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._redraft:
            return
        if event.state in (WorkerState.CANCELLED, WorkerState.ERROR):
            self.query_one("#busy", Static).display = False
            error = event.worker.error
            if isinstance(error, BehaviordiffError):
                from behaviordiff.tui.screens.modals import ErrorModal

                self.app.push_screen(ErrorModal(error))
            elif event.state is WorkerState.CANCELLED:
                self.notify("Re-drafting cancelled; nothing was stored.")
