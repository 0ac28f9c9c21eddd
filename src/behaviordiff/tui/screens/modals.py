"""Modal screens: an error, a confirmation, a rejection reason, a note to engineering, a
conflict between two reviewers, the help, and editing a suggested edit's body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, TextArea
from textual.widgets.option_list import Option

from behaviordiff.errors import BehaviordiffError
from behaviordiff.pipeline.review import REASONS_NEEDING_TEXT, REJECT_REASONS, DraftConflict
from behaviordiff.tui.text import side_by_side, text_content, visible
from behaviordiff.tui.widgets.capped_text import CappedTextArea
from behaviordiff.tui.widgets.footer import ReviewFooter
from behaviordiff.tui.widgets.shown import Static

SAVE_DELAY = 0.5
"""Seconds of quiet after typing before a text is saved."""

REASON_LABELS = {
    "not-a-behavior-change": "Not a behavior change",
    "expected-noise": "Expected noise",
    "wrong-draft": "Wrong draft",
    "other": "Other (say why below)",
}


class ErrorModal(ModalScreen[None]):
    """A known error: what, where and how to fix it. Any key closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,space,q", "close", "Close")]

    def __init__(self, error: BehaviordiffError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body error-body") as body:
            body.border_title = visible(self.error.title)
            yield Static(text_content(self.error.message), id="error-message")
            if self.error.where:
                yield Static(text_content(f"in {self.error.where}"), classes="muted")
            if self.error.hint:
                yield Static(text_content(self.error.hint), id="error-hint")
            yield Static("enter / esc: close", classes="modal-keys")

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmModal(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body") as body:
            body.border_title = "Confirm"
            yield Static(text_content(self.question))
            yield Static("y / enter: yes    n / esc: no", classes="modal-keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


_REASON_KEYS = "↑↓ reason, enter: reject, tab: add why    esc: cancel"
_WHY_KEYS = "type why, enter: reject, tab: back to the reasons    esc: cancel"


class RejectModal(ModalScreen[tuple[str, str] | None]):
    """Pick a reason (arrows); enter rejects as soon as nothing more is needed, and moves to the
    why field only for a reason that needs one. Tab reaches the field for an optional why."""

    AUTO_FOCUS = "#reasons"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body") as body:
            body.border_title = visible(f"Reject {self.what}")
            yield OptionList(
                *(Option(REASON_LABELS[reason], id=reason) for reason in REJECT_REASONS),
                id="reasons",
            )
            yield Input(
                placeholder="why (needed for Other, optional for the rest)", id="reject-text"
            )
            yield Static(_REASON_KEYS, classes="modal-keys", id="reject-keys")

    def on_mount(self) -> None:
        reasons = self.query_one("#reasons", OptionList)
        reasons.highlighted = 0
        reasons.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The keys line says what the keys do where the focus is: in the why field, tab
        leaves it (a writer sent there by Other, told "tab: add why", tabbed out of it and
        typed the why into the reasons list)."""
        in_why = event.widget is self.query_one("#reject-text", Input)
        self.query_one("#reject-keys", Static).update(_WHY_KEYS if in_why else _REASON_KEYS)

    def _reason(self) -> str:
        return REJECT_REASONS[self.query_one("#reasons", OptionList).highlighted or 0]

    def _why(self) -> str:
        return self.query_one("#reject-text", Input).value.strip()

    @on(OptionList.OptionSelected, "#reasons")
    def _chosen(self) -> None:
        if self._reason() in REASONS_NEEDING_TEXT and not self._why():
            self.query_one("#reject-text", Input).focus()
            return
        self.dismiss((self._reason(), self._why()))

    @on(Input.Submitted, "#reject-text")
    def _submit(self) -> None:
        if self._reason() in REASONS_NEEDING_TEXT and not self._why():
            self.notify("Say why it is rejected.", severity="warning")
            return
        self.dismiss((self._reason(), self._why()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CommentModal(ModalScreen[str | None]):
    AUTO_FOCUS = "#comment"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body") as body:
            body.border_title = visible(f"Send {self.what} to engineering")
            yield Static("What should engineering look at?")
            yield Input(placeholder="e.g. the refund amount looks wrong", id="comment")
            yield Static("enter: send    esc: cancel", classes="modal-keys")

    @on(Input.Submitted, "#comment")
    def _submit(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())
        else:
            self.notify("Write a comment first.", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)


def _fields_text(content: dict[str, Any], fields: tuple[str, ...]) -> str:
    parts = []
    for name in fields:
        value = content.get(name)
        if isinstance(value, list):
            value = "\n".join(f"- {entry}" for entry in value)
        parts.append(f"{name}: {value or ''}")
    return "\n".join(parts)


class ConflictModal(ModalScreen[str]):
    """Another reviewer saved first: both texts, side by side. Keep mine, take theirs, or
    decide later (esc: nothing is saved or dropped, the writer's text stays where it is)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "choose('mine')", "Keep mine"),
        Binding("t", "choose('theirs')", "Take theirs"),
        Binding("escape", "choose('later')", "Decide later"),
    ]

    def __init__(self, conflict: DraftConflict, fields: tuple[str, ...]) -> None:
        super().__init__()
        self.conflict = conflict
        self.fields = fields

    def compose(self) -> ComposeResult:
        changed = (
            tuple(
                name
                for name in self.fields
                if self.conflict.mine.get(name) != self.conflict.theirs.get(name)
            )
            or self.fields
        )
        theirs, mine = side_by_side(
            _fields_text(self.conflict.theirs, changed), _fields_text(self.conflict.mine, changed)
        )
        with Vertical(classes="modal-body conflict-body") as body:
            body.border_title = "Changed by another reviewer"
            yield Static(
                text_content(
                    f"{self.conflict.by or 'someone'} saved this draft at "
                    f"{self.conflict.at or '?'} while you were editing it. Nothing of yours "
                    "is lost yet."
                )
            )
            with Horizontal(classes="side-by-side"):
                with VerticalScroll(classes="side") as left:
                    left.border_title = visible(f"theirs ({self.conflict.by or '?'})")
                    yield Static(theirs)
                with VerticalScroll(classes="side") as right:
                    right.border_title = "yours"
                    yield Static(mine)
            yield Static(
                "m: keep mine (save over theirs)    t: take theirs    "
                "esc: decide later (yours stays, unsaved)",
                classes="modal-keys",
            )

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class BodyEditor(ModalScreen[str | None]):
    """Edit a suggested edit's new body. The text is saved as the writer types (after
    SAVE_DELAY seconds of quiet, through `save`, which answers with a status line) and when
    the editor closes (esc); ctrl+z undoes typing."""

    AUTO_FOCUS = "#body-text"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Save and close"),
        # the text area's own keys, which it does not show: the footer says them here
        Binding("ctrl+z", "text('undo')", "Undo typing", priority=True),
        Binding("ctrl+y", "text('redo')", "Redo typing", priority=True),
        Binding("f7", "text('select_all')", "Select all", priority=True),
        # q is text here: the footer does not offer the app's q Quit (ctrl+c still quits)
        Binding("q", "app.quit", "Quit", show=False),
        # ctrl+c copies a selection, and quits (all saved) when nothing is selected, as the
        # help says: the text area alone would copy nothing and keep the app open
        Binding("ctrl+c", "copy_or_quit", "Copy / quit", show=False, priority=True),
    ]

    def __init__(
        self,
        title: str,
        body: str,
        placeholders: list[str],
        save: Callable[[str], str | None] | None = None,
        limit: int | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        """The stored body: what closing gives back while the field still shows it."""
        self.limit = limit
        """At most this many characters (the core's `text_limit`): past it, nothing is
        added, and the writer is told."""
        self.placeholders = placeholders
        self.save = save
        self._timer: Timer | None = None
        self._saved: str | None = visible(body)
        """What the field showed when last saved or loaded (`visible`: a control character
        in the body shows as `\\x1b` and is saved so only once the writer edits the text).
        None: not saved (a conflict put off), so the next flush saves what the field shows."""

    def stored(self, text: str) -> str:
        """The body to store for the field's `text`: the stored body while unedited."""
        return self.body if text == visible(self.body) else text

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body editor-body") as frame:
            frame.border_title = visible(f"Edit: {self.title_text}")
            if self.placeholders:
                yield Static(
                    text_content("Keep the placeholders: " + ", ".join(self.placeholders)),
                    classes="muted",
                )
            yield CappedTextArea(
                visible(self.body),
                id="body-text",
                soft_wrap=True,
                limit=self.limit,
                name="new_body",
            )
            yield Static(id="body-state", classes="muted")
            yield Static("saved as you type", classes="modal-keys")
        # the change view's footer under the editor shows keys that do nothing here
        yield ReviewFooter()

    def on_mount(self) -> None:
        self.query_one("#body-text", TextArea).focus()

    @on(TextArea.Changed, "#body-text")
    def _typed(self) -> None:
        if self.save is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY, self.flush)

    def flush(self) -> None:
        """Save the text now if it changed since the last save."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self.query_one("#body-text", TextArea).text
        if self.save is None or text == self._saved:
            return
        self._saved = text
        state = self.save(self.stored(text))
        if state is not None and self.is_attached:
            self.query_one("#body-state", Static).update(text_content(state))

    def keep_unsaved(self) -> None:
        """The writer put off a conflict: the text shown is not saved, so the next save (a
        keystroke's, or closing) tries again and shows both texts again."""
        self._saved = None

    def show_text(self, text: str) -> None:
        """Replace the text (another reviewer's, taken after a conflict) without saving it."""
        self.body = text
        self._saved = visible(text)
        self.query_one("#body-text", TextArea).load_text(self._saved)
        self.query_one("#body-state", Static).update(Content("showing the other reviewer's text"))

    async def action_text(self, action: str) -> None:
        await self.query_one("#body-text", TextArea).run_action(action)

    async def action_copy_or_quit(self) -> None:
        area = self.query_one("#body-text", TextArea)
        if area.selected_text:
            area.action_copy()
            return
        await self.app.run_action("quit")

    def action_done(self) -> None:
        self.flush()
        if self.app.screen is not self:
            return  # the save met another reviewer's: the editor stays until that is settled
        self.dismiss(self.stored(self.query_one("#body-text", TextArea).text))


HELP = """\
Queue
  ↑ ↓ j k  move (in every list)     enter  open the change
  /        filter by words          s      filter by status
  a        approve                  x      reject, with a reason
  n        send to engineering      u      undo the latest action
Change (keys typed in a field are text: esc leaves it, tab goes back)
  1 2 3    Note, Evidence, Edits    [ ]    previous / next change
  tab      next field               esc    back to the queue
  a        approve the note, or accept the selected edit (Edits tab)
  x        reject, with a reason    n      send to engineering
  e        edit the selected edit's body (saved as you type)
  d        dismiss open warnings    r      reset to the machine draft
  u        undo the latest action   ctrl+z ctrl+y  undo / redo typing
  f7       select all of a field's text (ctrl+a goes to the line start)
  , .      previous / next sample of the selected probe (Evidence)
  D        re-draft the change with the project's drafter; esc cancels
Everywhere
  ? f1  this help  t  light / dark theme    q ctrl+c  quit (all is saved)
Typing is saved as you go. Warnings stay until fixed or dismissed.
"""
HELP_WIDTH = 74
"""The widest help line: the help shows whole at 80×24 (review.tcss `.help-body`)."""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1,enter", "close", "Close")
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal-body help-body") as body:
            body.border_title = "Keys"
            yield Static(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
