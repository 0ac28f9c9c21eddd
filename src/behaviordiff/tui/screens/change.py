"""One behavior change: its note (edited in place, saved as the writer types), its evidence
and its suggested edits, with the review actions. [ and ] move to the previous and next
change of the queue without going back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Select, TabbedContent, TabPane, Tabs, TextArea
from textual.worker import Worker, WorkerState, get_current_worker

from behaviordiff.errors import BehaviordiffError
from behaviordiff.pipeline import find_placeholders
from behaviordiff.pipeline.review import (
    EDIT_FIELDS,
    NOTE_FIELDS,
    ChangeEvidence,
    ChangeRedraft,
    DraftConflict,
    RedraftCancelled,
    ReviewError,
    ReviewItem,
    apply_edit,
    approve,
    change_evidence,
    dismiss_warnings,
    editable,
    redraft,
    reject,
    reset,
    send_to_engineering,
    text_limit,
    undo,
    warnings_after_rejecting,
    writer_work,
)
from behaviordiff.tui.messages import DraftChanged, RedraftProgress
from behaviordiff.tui.screens.modals import SAVE_DELAY
from behaviordiff.tui.text import count, text_content
from behaviordiff.tui.widgets.edits import EditsView
from behaviordiff.tui.widgets.evidence import EvidenceView
from behaviordiff.tui.widgets.footer import ReviewFooter
from behaviordiff.tui.widgets.note_form import NoteForm
from behaviordiff.tui.widgets.shown import Static

if TYPE_CHECKING:
    from behaviordiff.tui.host import ReviewHost

TAB_HOME = {"evidence": "probes", "edits": "edit-list"}
"""The list a tab focuses when shown; esc in another of its panes comes back to it."""


class ChangeScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # in a field the footer says how to leave it, and shows none of the review keys
        Binding("escape", "leave_field", "Done typing"),
        Binding("tab", "next_field", "Next field"),
        Binding("tab", "app.focus_next", "Focus next", show=False),  # Screen's, shadowed
        Binding("escape", "back", "Back"),
        # a approves the note, or accepts the selected edit on the Edits tab: the footer
        # says which (check_action shows one of the two)
        Binding("a", "approve", "Approve"),
        Binding("a", "accept", "Accept"),
        Binding("x", "reject", "Reject"),
        Binding("n", "engineering", "Eng"),
        Binding("r", "reset", "Reset"),
        Binding("u", "undo", "Undo"),
        Binding("d", "dismiss_warnings", "Dismiss", show=False),
        # e is shown on the Edits tab; elsewhere it opens that tab's selected edit
        Binding("e", "edit_body", "Edit"),
        Binding("e", "open_edit_body", "Edit body", show=False),
        Binding("1", "tab('note')", "Note", show=False),
        Binding("2", "tab('evidence')", "Evidence", show=False),
        Binding("3", "tab('edits')", "Edits", show=False),
        Binding("left_square_bracket", "move(-1)", "Prev", key_display="["),
        Binding("right_square_bracket", "move(1)", "Next", key_display="]"),
        Binding("comma", "sample(-1)", "Prev sample", show=False),
        Binding("full_stop", "sample(1)", "Next sample", show=False),
        Binding("D", "redraft", "Redraft", key_display="D"),
        # on the Edits tab the footer has room for e Edit instead (D still re-drafts)
        Binding("D", "redraft_change", "Redraft", show=False),
        # q quits from here too; the footer has room for this screen's own keys, and shows
        # q Quit on the queue (esc) and in the help
        Binding("q", "app.quit", "Quit", show=False),
        Binding("ctrl+x", "cancel_redraft", "Cancel re-draft", show=False),
        # on a read-only workspace the keys above that write are off: this one says why
        Binding("a,x,n,r,u,d,e,D", "read_only", "Read only", show=False),
    ]

    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012 (Textual's type)
    """At 80×24 the evidence lists take fewer rows (review.tcss)."""

    ON_EDITS = frozenset({"accept", "edit_body", "redraft_change"})
    """Actions of the Edits tab; approve, open_edit_body and redraft are those of the others."""

    TYPING_KEYS = frozenset({"leave_field", "next_field"})
    IN_FIELD = TYPING_KEYS | {"cancel_redraft"}
    """The keys of a writer typing in a note field (`typing`): the only ones the footer shows
    then (ctrl+x, not shown, cancels a re-draft there too)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return action not in self.TYPING_KEYS
        host = self.review_app
        if host.refuse_write(action):
            return False
        if action == "read_only":
            return host.read_only and not self.typing()
        if self.typing():
            # a letter typed in a field is text; one typed anywhere else must not act unseen
            # (the Severity select takes no letters: an `a` there would approve)
            return action in self.IN_FIELD
        if action in self.TYPING_KEYS:
            return False
        if self.focused is None and action not in ("back", "tab", "move", "cancel_redraft"):
            # nothing has the focus (a click on the page): the review keys wait until the
            # tab bar or a list has it, which tab or esc gives
            return False
        on_edits = self.on_edit()
        if action in self.ON_EDITS:
            return on_edits
        if action in ("approve", "open_edit_body", "redraft"):
            return not on_edits
        return True

    def typing(self) -> bool:
        """Whether the focus is in a field of the note: keys there write text, never act."""
        focused = self.focused
        return focused is not None and self.query_one(NoteForm) in focused.ancestors

    def tab_bar(self) -> Tabs:
        return self.query_one("#tabs", TabbedContent).query_one(Tabs)

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _mode_changed(self) -> None:
        self.refresh_bindings()  # the footer shows the keys of typing, or the review keys

    def __init__(self, handle: str, handles: list[str], tab: str = "note") -> None:
        super().__init__()
        self.handle = handle
        self.initial_tab = tab
        self.handles = handles
        self._save_timer: Timer | None = None
        self._put_off = False
        """A conflict on the note's fields was put off (esc): the form holds the writer's
        unsaved text, and leaving the change saves it again (both texts shown again)."""
        self._redraft: Worker[ChangeRedraft] | None = None
        self._spinner: Timer | None = None
        self._spin = 0
        self._busy_text = ""
        self._styled_for: tuple[str, int] | None = None
        self.unreadable: BehaviordiffError | None = None
        """Why the change could not be read when the view was built (`_give_up`)."""
        self.approval_warnings: list[str] = []
        """Why what the writer just approved here will not go out as it is (the core's
        approval warnings, as `review approve` prints them): in the bar under the title
        until the next review action or another change."""

    @property
    def review_app(self) -> ReviewHost:
        return cast("ReviewHost", self.app)

    # building -------------------------------------------------------------------------

    def _items(self) -> tuple[ReviewItem, list[ReviewItem]]:
        self.review_app.touch(self.handle)
        return self.review_app.group(self.handle)

    def _load(self) -> tuple[ReviewItem, list[ReviewItem], ChangeEvidence]:
        """The change's note, its edits and its evidence, as stored now."""
        app = self.review_app
        note, edits = self._items()
        return note, edits, change_evidence(app.workspace, app.release_id, note.record.change_id)

    def compose(self) -> ComposeResult:
        app = self.review_app
        try:
            note, edits, evidence = self._load()
            effective = app.workspace.release(app.release_id).effective_date
        except BehaviordiffError as error:
            # a change whose drafts or evidence do not read (a damaged workspace): the
            # queue stays, with the error (`on_mount`)
            self.unreadable = error
            yield Header()
            return
        self.note = note
        yield Header()
        yield Static(id="change-title")
        # at the top, under the title: a notice (bottom right) never covers it
        yield Static(id="note-warnings", classes="warnings")
        with TabbedContent(initial=self.initial_tab, id="tabs"):
            with TabPane("1 Note", id="note"):
                yield NoteForm(note, effective, id="note-form")
            with TabPane(f"2 Evidence ({len(evidence.probes)})", id="evidence"):
                yield EvidenceView(evidence, id="evidence-view")
            with TabPane(f"3 Edits ({len(edits)})", id="edits"):
                yield EditsView(edits, note, id="edits-view")
        yield Static(id="busy", classes="busy")
        yield ReviewFooter()

    def on_mount(self) -> None:
        if self.unreadable is not None:
            self.call_later(self._give_up, self.unreadable)
            return
        # mounting styled every widget: the first show need not restyle them (see below)
        self._styled_for = (self.app.theme, self.app._css_update_count)
        self.query_one("#busy", Static).display = False
        if self.initial_tab != "note":
            self.action_tab(self.initial_tab)
        self.show_title()
        self.show_state()

    async def _give_up(self, error: BehaviordiffError) -> None:
        """The view was built on a change that does not read: it goes (built again on the
        next change opened), and the error shows over the queue when the writer opened it."""
        from behaviordiff.tui.screens.modals import ErrorModal

        shown = self.is_current
        if shown:
            await self.app.pop_screen()
        if self.app.is_screen_installed("change") and self.app.get_screen("change") is self:
            self.app.uninstall_screen("change")
        if shown:
            self.app.push_screen(ErrorModal(error))

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
    ) -> bool:
        """Fill the view with another change (moving with [ ], or opening from the queue);
        False when it does not read (the error is shown, the view is as it was)."""
        self.flush()
        shown = self.handle
        self.handle = handle
        if handles is not None:
            self.handles = handles
        if not self.is_mounted:
            self.initial_tab = tab or self.initial_tab
            return True
        try:
            note, edits, evidence = self._load()
        except BehaviordiffError as error:
            from behaviordiff.tui.screens.modals import ErrorModal

            # the change that does not read is not shown: the view stays on the one it was
            self.handle = shown
            self.app.push_screen(ErrorModal(error))
            return False
        self.note = note
        self._reveal(tab or self.active_tab())
        tabs = self.query_one("#tabs", TabbedContent)
        tabs.get_tab("evidence").label = text_content(f"2 Evidence ({len(evidence.probes)})")
        tabs.get_tab("edits").label = text_content(f"3 Edits ({len(edits)})")
        self.query_one(EvidenceView).load(evidence)
        self.query_one(EditsView).reload(edits, keep_row=False, note=note)
        form = self.query_one(NoteForm)
        form.load(note)
        self.approval_warnings = []
        self.show_state()
        form.scroll_home(animate=False)
        self.show_title()
        if tab is not None and tab != self.active_tab():
            self.action_tab(tab)
        else:
            self.focus_home()
        return True

    def focus_home(self) -> None:
        """The focus follows a move to another change: on the list of the tab shown (the
        keys act on what is on screen), on the tab bar (off the fields) on the Note tab."""
        home = TAB_HOME.get(self.active_tab())
        self.set_focus(self.query_one(f"#{home}") if home else self.tab_bar())

    def show_title(self) -> None:
        position = self.handles.index(self.handle) + 1 if self.handle in self.handles else 0
        record = self.note.record
        self.query_one("#change-title", Static).update(
            Content.assemble(
                text_content(f"{self.handle} ", "bold"),
                text_content(record.status, "bold"),
                text_content(
                    f" · {record.content.get('severity', '')} · change {position} of "
                    f"{len(self.handles)} · "
                ),
                text_content(str(record.content.get("title") or ""), "italic"),
            ),
            layout=False,  # one line high (review.tcss): no layout of the view on [ ]
        )

    # which draft an action is for ---------------------------------------------------------

    def active_tab(self) -> str:
        return self.query_one("#tabs", TabbedContent).active

    def on_edit(self) -> bool:
        """Whether the review keys act on the selected suggested edit: the Edits tab shows and
        the focus is in its list or diff (the footer then says a Accept, e Edit)."""
        if self.active_tab() != "edits":
            return False
        focused = self.focused
        return focused is not None and self.query_one(EditsView) in focused.ancestors

    def target(self) -> ReviewItem | None:
        """The selected suggested edit (`on_edit`), else the note (the change)."""
        if self.on_edit():
            selected = self.query_one(EditsView).selected()
            if selected is None:
                self.notify("This change has no suggested edits.", severity="warning")
            return selected
        return self.note

    def fresh(self, item: ReviewItem) -> ReviewItem:
        return self.review_app.item(item.handle)

    def reload(self, *, form: bool = False, approval: list[str] | None = None) -> None:
        """Show the change as stored now, after a review action; `approval` is what that
        action (an approval) warned about, none after any other."""
        note, edits = self._items()
        self.note = note
        self.approval_warnings = approval or []
        if form:
            self.query_one(NoteForm).load(note)
        self.show_state()
        self.query_one(EditsView).reload(edits, note=note)
        self.show_title()

    def show_state(self, saved_at: str | None = None) -> None:
        self.query_one(NoteForm).show_state(self.note, saved_at, self.approval_warnings)

    # saving as the writer types -------------------------------------------------------

    @on(NoteForm.Edited)
    def _edited(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_note)

    @on(events.DescendantBlur)
    def _left_field(self) -> None:
        """Leaving a field saves what was typed in it at once."""
        self.flush()

    def save_note(self) -> None:
        self._save_timer = None
        forms = self.query(NoteForm)
        if not forms:
            return  # the view is being taken down (the app quits): nothing left to read
        app = self.review_app
        form = forms.first()
        try:
            values = form.values()
        except NoMatches:
            return  # the form's fields are being taken down or not built yet: nothing to read
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
        if outcome.item.record.content.get("cs_actions") != values.get("cs_actions"):
            # the "Brief reps:" line the writer left alone took their new title: show it, so
            # the next save sends it back as it is stored, not as a writer's edit of it
            form.show_field("cs_actions")
        self.show_state(saved_at=datetime.now().strftime("%H:%M:%S"))
        self.show_title()
        self.post_message(DraftChanged(outcome.item, "edited"))

    def flush(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self.save_note()

    def resolve_conflict(
        self,
        error: DraftConflict,
        values: dict[str, Any],
        fields: tuple[str, ...],
        then: Callable[[str | None], None] | None = None,
    ) -> None:
        """Another reviewer saved first: show both texts; keep mine (saved over theirs), take
        theirs, or decide later (nothing saved or dropped: the writer's text stays where it
        is, and the next save asks again). `then` hears the choice once it is stored."""
        from behaviordiff.tui.screens.modals import ConflictModal

        def chosen(choice: str | None) -> None:
            app = self.review_app
            if choice == "later":
                self._put_off = fields == NOTE_FIELDS
                self.notify(
                    "Nothing saved and nothing dropped: your text is still there; saving it "
                    "again shows both texts again.",
                    severity="warning",
                )
                if then is not None:
                    then(choice)
                return
            if fields == NOTE_FIELDS:
                self._put_off = False
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
            if then is not None:
                then(choice)

        self.app.push_screen(ConflictModal(error, fields), chosen)

    def _edit_with(self, values: dict[str, Any]) -> ReviewItem:
        selected = self.query_one(EditsView).selected()
        assert selected is not None
        return selected

    # review actions ---------------------------------------------------------------------

    def action_read_only(self) -> None:
        self.review_app.say_read_only()

    def action_back(self) -> None:
        if self.redrafting():
            self.action_cancel_redraft()
            return
        focused = self.focused
        if isinstance(focused, (Input, TextArea, Select)):
            self.action_leave_field()
            return
        tab = self.active_tab()
        home = TAB_HOME.get(tab)
        if (
            home is not None
            and focused is not None
            and focused.id != home
            and self.query_one(f"#{tab}", TabPane) in focused.ancestors
        ):
            # from a pane of the tab (hunks, before/after, an edit's diff) back to its list
            self.query_one(EvidenceView).stop_reading()
            self.query_one(f"#{home}").focus()
            return
        if self._put_off:
            self.save_note()  # the writer's text is still unsaved: both texts again
            return
        self.flush()
        self.app.pop_screen()

    def action_leave_field(self) -> None:
        """Out of the field, onto the tab bar: the review keys act again (the footer shows
        them), and tab goes back into the fields. While a re-draft runs, esc cancels it
        first (the busy bar says so)."""
        if self.redrafting():
            self.action_cancel_redraft()
            return
        self.tab_bar().focus()

    def action_next_field(self) -> None:
        self.focus_next()

    def action_tab(self, tab: str) -> None:
        tabs = self.query_one("#tabs", TabbedContent)
        # one focus change: the footer rebuilds its keys on each. Focus left in a pane being
        # hidden would bring that pane back, so the note tab takes focus off the form.
        if tab == "note":
            self.set_focus(None)
        tabs.active = tab
        self._reveal(tab)
        if tab == "note":
            self.tab_bar().focus()
        elif tab == "evidence":
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
        self.refresh_bindings()  # a and e say what they do on this tab

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
            if result.already:
                self.notify(f"{item.handle} is {word} already; nothing to do.")
            elif result.warnings:
                self.notify(
                    f"{item.handle} {word}, with {count(len(result.warnings), 'warning')}: "
                    "see above the tabs.",
                    severity="warning",
                )
            else:
                self.notify(f"{item.handle} {word}.")
        self.reload(approval=result.warnings)

    def action_accept(self) -> None:
        self.action_approve()

    def action_redraft_change(self) -> None:
        self.action_redraft()

    def action_open_edit_body(self) -> None:
        self.action_edit_body()

    def _ask_then(
        self,
        modal: Callable[[Any], Screen[Any]],
        act: Callable[[Any, Any], Any],
        said: Callable[[Any, Any, Any], str],
        *,
        form: bool = False,
    ) -> None:
        """Save what was typed, ask through `modal` about the target draft and, on an answer,
        apply `act(draft as stored now, answer)` (errors in a modal), tell `said(item,
        answer, result)` and reload the view."""
        self.flush()
        item = self.target()
        if item is None:
            return

        def done(answer: Any) -> None:
            if answer is None or answer is False:
                return
            current = self.fresh(item)
            result = self.review_app.guard(lambda: act(current, answer))
            if result:
                self.notify(said(item, answer, result))
            self.reload(form=form)

        self.app.push_screen(modal(item), done)

    def action_reject(self) -> None:
        from behaviordiff.tui.screens.modals import RejectModal

        app = self.review_app
        self._ask_then(
            lambda item: RejectModal(
                f"edit {item.handle}" if item.record.kind == "edit" else f"change {item.handle}"
            ),
            lambda current, answer: reject(
                app.workspace, app.release_id, current, answer[0], answer[1], actor=app.actor
            ),
            lambda item, answer, result: " ".join(
                [
                    f"{item.handle} rejected ({answer[0]}).",
                    *warnings_after_rejecting(app.workspace, app.release_id, [result]),
                ]
            ),
        )

    def action_engineering(self) -> None:
        from behaviordiff.tui.screens.modals import CommentModal

        app = self.review_app
        self._ask_then(
            lambda item: CommentModal(item.handle),
            lambda current, comment: send_to_engineering(
                app.workspace, app.release_id, current, comment, actor=app.actor
            ),
            lambda item, _, __: f"{item.handle} sent to engineering.",
        )

    def action_reset(self) -> None:
        from behaviordiff.tui.screens.modals import ConfirmModal

        app = self.review_app
        self._ask_then(
            lambda item: ConfirmModal(
                f"Reset {item.handle} to the machine draft? The text and decision are kept: "
                "u (undo) gives them back."
            ),
            lambda current, _: reset(app.workspace, app.release_id, current, actor=app.actor),
            lambda item, _, result: (
                f"{item.handle} is the machine draft again; u undoes the reset."
                if result[1]
                else f"{item.handle} already is the machine draft."
            ),
            form=True,
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
            self.notify(done.summary())
            if done.action == "redraft":
                app.forget_groundings()
                app.queue()  # the change's edits are the set before the re-draft: new handles
                self.show_change(self.handle, tab=self.active_tab())
                return
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

        self.flush()
        if self.active_tab() != "edits":
            self.action_tab("edits")
        item = self.query_one(EditsView).selected()
        if item is None:
            return
        content = item.record.content
        body = content.get("new_body")
        start = str(content.get("old_body") or "") if body is None else str(body)
        app = self.review_app
        current = [self.fresh(item)]
        """The edit as last saved: the next save is based on it (a conflict otherwise)."""

        def save(text: str) -> str | None:
            values = {"new_body": text}

            def conflict(error: DraftConflict) -> None:
                def then(choice: str | None) -> None:
                    if choice == "later":  # the writer's text stays in the editor, unsaved
                        editor.keep_unsaved()
                        return
                    current[0] = self.fresh(item)
                    if choice != "mine" and editor.is_attached:  # theirs: shown now
                        editor.show_text(str(editable(current[0].record)["new_body"]))

                self.resolve_conflict(error, values, EDIT_FIELDS, then)

            outcome = app.guard(
                lambda: apply_edit(
                    app.workspace,
                    app.release_id,
                    current[0],
                    values,
                    app.groundings(item),
                    actor=app.actor,
                    coalesce=True,
                ),
                on_conflict=conflict,
            )
            if outcome is None or not outcome.changed:
                return None
            current[0] = outcome.item
            self.post_message(DraftChanged(outcome.item, "edited"))
            stamp = datetime.now().strftime("%H:%M:%S")
            if outcome.warnings:
                return f"saved {stamp} · ⚠ " + " · ".join(outcome.warnings)
            return f"saved {stamp}"

        def done(text: str | None) -> None:
            self.reload()
            saved = current[0]
            if saved.record.edited_by and saved.record.revision != item.record.revision:
                self.notify(
                    f"{item.handle} saved"
                    + (" with warnings." if saved.record.open_warnings else ".")
                )

        placeholders = find_placeholders(str(content.get("old_body") or ""))
        editor = BodyEditor(
            item.title, start, list(placeholders), save, limit=text_limit(item, "new_body")
        )
        self.app.push_screen(editor, done)

    # re-drafting one change in a worker ----------------------------------------------

    def redrafting(self) -> bool:
        return self._redraft is not None and self._redraft.is_running

    def action_redraft(self) -> None:
        """Draft the open change again (note and edits) with the project's drafter; a
        writer's text or decision on it is replaced only once the writer says so."""
        from behaviordiff.tui.screens.modals import ConfirmModal

        if self.redrafting():
            self.notify("A re-draft is running: esc cancels it.")
            return
        self.flush()
        note, edits = self._items()
        touched = writer_work([note, *edits])
        if not touched:
            self._start_redraft(note, edits)
            return

        def done(yes: bool | None) -> None:
            if yes:
                fresh_note, fresh_edits = self._items()
                self._start_redraft(fresh_note, fresh_edits)

        handles = ", ".join(item.handle for item in touched)
        self.app.push_screen(
            ConfirmModal(
                f"Re-draft {note.handle}? It replaces the text or decisions on {handles} with "
                "a new machine draft. u (undo) on the note gives them back."
            ),
            done,
        )

    def _start_redraft(self, note: ReviewItem, edits: list[ReviewItem]) -> None:
        self._spin = 0
        busy = self.query_one("#busy", Static)
        busy.display = True
        self._show_busy(f"Re-drafting {note.handle}…")
        self._spinner = self.set_interval(0.1, self._turn_spinner)
        self._redraft = self.run_redraft(note, edits)

    _SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

    def _show_busy(self, text: str) -> None:
        self._busy_text = text
        frame = self._SPINNER[self._spin % len(self._SPINNER)]
        self.query_one("#busy", Static).update(
            Content.assemble(
                text_content(f"{frame} ", "bold"), text_content(text), ("  esc cancels", "dim")
            )
        )

    def _turn_spinner(self) -> None:
        self._spin += 1
        self._show_busy(self._busy_text)

    def _stop_busy(self) -> None:
        if self._spinner is not None:
            self._spinner.stop()
            self._spinner = None
        self.query_one("#busy", Static).display = False

    @work(thread=True, exclusive=True, group="redraft", exit_on_error=False)
    def run_redraft(self, note: ReviewItem, edits: list[ReviewItem]) -> ChangeRedraft:
        from behaviordiff.pipeline import Workspace

        worker = get_current_worker()
        app = self.review_app

        def progress(stage: str, done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.post_message(RedraftProgress(stage, done, total))

        # SQLite connections stay in their thread: the worker opens its own
        with Workspace(app.workspace_folder, create=False) as workspace:
            outcome = redraft(
                workspace,
                app.release_id,
                app.project,
                note,
                edits,
                actor=app.actor,
                chat_model=app.chat_model,
                should_stop=lambda: worker.is_cancelled,
                on_progress=progress,
            )
        return outcome

    def action_cancel_redraft(self) -> None:
        if self.redrafting():
            assert self._redraft is not None
            self._redraft.cancel()
            self._stop_busy()
            self.notify("Re-draft cancelled: the change's drafts are as they were.")

    @on(RedraftProgress)
    def _progress(self, message: RedraftProgress) -> None:
        if self.redrafting():
            self._show_busy(f"{message.stage[:1].upper()}{message.stage[1:]}…")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._redraft or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        self._stop_busy()
        app = self.review_app
        if event.state is WorkerState.ERROR:
            from behaviordiff.tui.screens.modals import ErrorModal

            error = event.worker.error
            if isinstance(error, RedraftCancelled):
                return
            if not isinstance(error, BehaviordiffError):
                error = ReviewError(
                    f"the re-draft failed: {error}",
                    hint="the change's drafts are as they were; try again, or report it",
                )
            self.app.push_screen(ErrorModal(error))
            return
        outcome = event.worker.result
        assert isinstance(outcome, ChangeRedraft)
        app.forget_groundings()
        app.queue()  # a re-draft may add or remove suggested edits: new handles
        counts = outcome.counts
        said = (
            f"{self.handle} re-drafted ({outcome.drafter}): {counts['replaced']} replaced, "
            f"{counts['added']} added, {counts['removed']} removed. u undoes it."
        )
        if outcome.fallbacks:
            # one notice: a second would replace the first
            said += (
                f" {count(len(outcome.fallbacks), 'draft')} kept the template text: the "
                "model's did not pass the checks."
            )
        self.notify(said, severity="warning" if outcome.fallbacks else "information")
        self.show_change(self.handle, tab=self.active_tab())
