"""The review app and its factory: `make_app` is what the CLI, the Pilot tests and the
snapshot tests build."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.widgets import Input, TextArea

from behaviordiff.errors import BehaviordiffError
from behaviordiff.pipeline import Workspace, release_to_review, word_diff
from behaviordiff.pipeline.review import (
    DraftConflict,
    EditStanding,
    ItemSettings,
    Queue,
    ReleaseSettings,
    ReviewItem,
    change_grounding,
    edit_standing,
    item_settings,
    knowledge_base,
    load_review,
    release_analysis,
    reload_item,
    review_queue,
    reviewer,
)
from behaviordiff.tui.text import READ_ONLY_NOTICE, visible

if TYPE_CHECKING:
    from textual.notifications import Notify, SeverityLevel

    from behaviordiff.pipeline import Project
    from behaviordiff.pipeline.review import Analysis, ChatModel, Grounding, KnowledgeBase

T = TypeVar("T")
PREBUILD_PAUSE = 0.2
"""Seconds between building the change view and loading the word differ, behind the queue."""
THEMES = ("textual-dark", "textual-light")
SMALLEST = (80, 24)
"""The terminal size the app is made for (columns, rows): below it, it says so."""

WRITE_ACTIONS = frozenset(
    {
        "approve",
        "accept",
        "reject",
        "engineering",
        "reset",
        "undo",
        "dismiss_warnings",
        "edit_body",
        "open_edit_body",
        "redraft",
        "redraft_change",
    }
)
"""The screens' actions that write to the workspace: off on a read-only one."""
BUSY_WAIT = 3.0
"""Seconds a review action waits for another process writing to the workspace (a run's
batch) before it says the workspace is busy: the app does not answer keys meanwhile."""


class ReviewApp(App[None]):
    """A writer's day of review: the queue of a release's behavior changes, each change's
    note, evidence and suggested edits, and the review actions, all keyboard first."""

    CSS_PATH = "review.tcss"
    TITLE = "behaviordiff review"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),
        Binding("t", "toggle_theme", "Theme", show=False),
        Binding("q", "quit", "Quit"),
        # not Textual's "press ctrl+q" hint: a writer's ctrl+c quits, but in a text field with
        # a selection, where it copies
        Binding("ctrl+c", "quit", "Quit", show=False),
    ]

    def __init__(
        self,
        workspace_folder: Path,
        project: Project,
        *,
        release_id: int | None = None,
        theme: str = "textual-dark",
        chat_model: ChatModel | None = None,
    ) -> None:
        super().__init__()
        self.chat_model = chat_model
        """Replaces the drafting model's client for a re-draft (tests, benches)."""
        self._knowledge: KnowledgeBase | None = None
        self._analysis: Analysis | None = None
        self._release_settings: ReleaseSettings | None = None
        self.workspace_folder = workspace_folder
        self.project = project
        self.requested_release = release_id
        self.theme = theme
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            # the tab underline's 0.3 s slide redraws the view a dozen times per keypress,
            # as much work as the keypress itself on a busy machine
            self.animation_level = "none"
        self.actor = reviewer(project)
        self._workspace: Workspace | None = None
        self._said_small = False
        """The terminal is below `SMALLEST` and the app has said so (once per shrink)."""
        self._groundings: dict[str, Grounding] = {}
        self._checked: set[str] = set()
        self._handles: dict[str, ReviewItem] = {}
        self._touched: set[str] = set()
        self.release_id = 0
        self.release_name = ""
        self.notes: list[str] = []
        self.read_only = False
        """The workspace cannot be written (`Workspace.read_only`): the keys and fields that
        would write are off, each saying why (`READ_ONLY_NOTICE`)."""

    def refuse_write(self, action: str) -> bool:
        """Whether `action` writes and the workspace is read-only: the screens turn it off."""
        return self.read_only and action in WRITE_ACTIONS

    def say_read_only(self) -> None:
        self.notify(READ_ONLY_NOTICE, severity="warning", timeout=8)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # in a text field ? and t are text: the footer does not offer them
        if action in ("help", "toggle_theme"):
            return not isinstance(self.focused, (Input, TextArea))
        return True

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A newer notice replaces the one shown (`_on_notify`): notices take the top rows
        (review.tcss), and the newest tells what the last key did."""
        super().notify(
            visible(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def _on_notify(self, event: Notify) -> None:
        """Each notice replaces the ones before as it arrives, not as it is asked for: keys
        typed in a burst (`s` four times) ask for their notices before the first arrives,
        and each would have found nothing yet to replace (they stacked over the queue)."""
        from textual.widgets._toast import ToastHolder

        self._notifications.clear()
        # Textual removes a cleared toast but leaves its holder, whose row the next notice
        # would sit under
        holders = self.screen.query(ToastHolder)
        if holders:
            holders.remove()
            self.call_after_refresh(self.screen.refresh)  # paint over the notice removed
        super()._on_notify(event)

    # the workspace and the release --------------------------------------------------

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            # a writer's key waits this long for another process's write, not the CLI's 30 s
            self._workspace = Workspace(self.workspace_folder, create=False, busy_wait=BUSY_WAIT)
        return self._workspace

    def on_mount(self) -> None:
        from behaviordiff.tui.screens.queue import QueueScreen

        self._catch_hangup()
        try:
            choice = release_to_review(self.workspace, self.requested_release)
        except BehaviordiffError as error:
            self.cannot_open(error)
            return
        self.release_id = choice.release.id
        self.release_name = choice.release.name
        self.read_only = self.workspace.read_only
        who = "read only" if self.read_only else self.actor
        self.sub_title = visible(f"release #{self.release_id} · {self.release_name} · {who}")
        said = [READ_ONLY_NOTICE] if self.read_only else []
        said += choice.warnings
        if said:
            self.notify("\n".join(said), severity="warning", timeout=12)
        self.push_screen(QueueScreen())

    def on_resize(self, event: events.Resize) -> None:
        """A terminal below 80×24 cuts text and hides keys with no sign of why: said once as
        it gets that small (or opens so), again only after it was large enough."""
        width, height = event.size
        small = width < SMALLEST[0] or height < SMALLEST[1]
        if small and not self._said_small:
            self.notify(
                f"The terminal is {width}×{height}, under the {SMALLEST[0]}×{SMALLEST[1]} the "
                "app is made for: some text and keys do not show.",
                severity="warning",
                timeout=8,
            )
        self._said_small = small

    def cannot_open(self, error: BehaviordiffError) -> None:
        """The workspace or its release cannot be shown (damaged, missing a table, not a
        database): the error in a modal; closing it quits, with exit code 2 as the CLI's."""
        from behaviordiff.tui.screens.modals import ErrorModal

        self.push_screen(ErrorModal(error), callback=lambda _: self.exit(return_code=2))

    def on_unmount(self) -> None:
        self._release_hangup()
        if self._workspace is not None:
            self._workspace.close()

    _HANGUP_SIGNALS = ("SIGHUP", "SIGTERM")

    def _catch_hangup(self) -> None:
        """A terminal closed (SIGHUP) or a kill (SIGTERM) saves what was typed and not yet
        saved before the app ends: the saves wait for a pause in the typing, and without this
        the last half second of a writer's text was lost with the window."""
        loop = asyncio.get_running_loop()
        self._hangup_previous: dict[int, Any] = {}
        for name in self._HANGUP_SIGNALS:
            number = getattr(signal, name, None)
            if number is None:
                continue
            previous = signal.getsignal(number)
            # not the main thread, or a platform without signal handlers: nothing to catch
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self._hang_up, int(number))
                self._hangup_previous[int(number)] = previous

    def _release_hangup(self) -> None:
        """The handlers the process had before the app come back (the loop's removal would
        leave the default, ending a test runner's own handling)."""
        previous = getattr(self, "_hangup_previous", {})
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for number, handler in previous.items():
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(number)
                signal.signal(number, handler)
        previous.clear()

    def _hang_up(self, number: int) -> None:
        self._flush_screens()
        self.exit(return_code=128 + number)

    def _flush_screens(self) -> None:
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if callable(flush):
                flush()

    def queue(self, read: Queue | None = None) -> Queue:
        """The release's queue, read now (or as `read_queue` read it), its handles kept."""
        queue = read if read is not None else review_queue(self.workspace, self.release_id)
        self._handles = {
            item.handle: item
            for entry in queue.entries
            for item in ([entry.note] if entry.note else []) + entry.edits
        }
        return queue

    def read_queue(self) -> Queue:
        """The queue read on a connection of its own, for a worker thread (a SQLite
        connection stays in the thread that made it): the app paints and takes keys while a
        big release is read. Give it to `queue` in the app's thread."""
        with Workspace(self.workspace_folder, create=False, busy_wait=BUSY_WAIT) as workspace:
            return review_queue(workspace, self.release_id)

    def item(self, handle: str) -> ReviewItem:
        """The draft as it is stored now (handles are the queue's: fixed until a re-draft)."""
        known = self._handles.get(handle)
        if known is None:
            return load_review(self.workspace, self.release_id).resolve([handle])[0]
        return reload_item(self.workspace, known)

    def group(self, handle: str) -> tuple[ReviewItem, list[ReviewItem]]:
        """A change's note and its suggested edits, as stored now."""
        if not self._handles:
            self.queue()
        prefix = f"{handle}."
        edits = [self.item(other) for other in self._handles if other.startswith(prefix)]
        return self.item(handle), edits

    def touch(self, handle: str) -> None:
        """The change view showed change `handle`: its drafts may have moved."""
        self._touched.add(handle)

    def take_touched(self) -> set[str]:
        """The changes shown since the queue last asked (it refreshes only their rows)."""
        touched, self._touched = self._touched, set()
        return touched

    def prebuild_change(self, handle: str, handles: list[str]) -> None:
        """Build the change view (on change `handle`) before it is asked for, while the writer
        reads the queue: the first `enter` then only refills it. Textual mounts an installed
        screen when it is first pushed; starting it here (`_get_screen`) does so now."""
        from behaviordiff.tui.screens.change import ChangeScreen

        if self.is_screen_installed("change") or not handles:
            return
        self.install_screen(ChangeScreen(handle, handles), "change")
        self._get_screen("change")
        # and the word differ's DeepDiff import (a quarter second), before the first `2`
        self.set_timer(PREBUILD_PAUSE, lambda: word_diff("a", "b"))

    def open_change(self, handle: str, handles: list[str]) -> None:
        """The change view, built once and reused: moving between changes refills it."""
        from behaviordiff.tui.screens.change import ChangeScreen

        if not self.is_screen_installed("change"):
            self.install_screen(ChangeScreen(handle, handles), "change")
        else:
            screen = self.get_screen("change")
            assert isinstance(screen, ChangeScreen)
            if not screen.show_change(handle, handles, tab="note"):
                return
        self.push_screen("change")

    def groundings(self, item: ReviewItem) -> dict[str, Grounding]:
        """What the change of `item` may state, for checking a writer's text (by the change's
        note key); built from that change alone the first time one of its drafts is saved,
        then kept."""
        if item.note_key not in self._checked:
            if self._analysis is None:  # read once: a fifth of a second on a big release
                self._analysis = release_analysis(self.workspace, self.release_id)
            grounding = change_grounding(self.workspace, self.release_id, item, self._analysis)
            if grounding is not None:
                self._groundings[item.note_key] = grounding
            self._checked.add(item.note_key)
        return self._groundings

    def forget_groundings(self) -> None:
        self._analysis = None
        self._release_settings = None
        self._groundings.clear()
        self._checked.clear()

    def settings(self, item: ReviewItem) -> ItemSettings:
        """The helpdesk settings of the macro or article an edit changes (the knowledge base
        is read the first time one is shown)."""
        if self._knowledge is None:
            self._knowledge = knowledge_base(self.project)
        return item_settings(self._knowledge, item.record.item_key)

    def standing(self, item: ReviewItem) -> EditStanding:
        """Where an edit stands on its way to the helpdesk and the settings of its macro the
        export flags (the release's change facts read the first time one is shown)."""
        if self._knowledge is None:
            self._knowledge = knowledge_base(self.project)
        if self._release_settings is None or self._release_settings.release_id != self.release_id:
            self._release_settings = ReleaseSettings(
                self.workspace, self.release_id, self._knowledge
            )
        return edit_standing(self.workspace, self.release_id, item, self._release_settings)

    # errors ---------------------------------------------------------------------------

    def guard(
        self, action: Callable[[], T], on_conflict: Callable[[DraftConflict], Any] | None = None
    ) -> T | None:
        """Run a core call; a known error shows in a modal (never a traceback), a conflict
        with another reviewer goes to `on_conflict` when given."""
        from behaviordiff.tui.screens.modals import ErrorModal

        try:
            return action()
        except DraftConflict as conflict:
            if on_conflict is not None:
                on_conflict(conflict)
            else:
                self.push_screen(ErrorModal(conflict))
        except BehaviordiffError as error:
            self.push_screen(ErrorModal(error))
        return None

    # app-wide actions -----------------------------------------------------------------

    def action_help(self) -> None:
        from behaviordiff.tui.screens.modals import HelpScreen

        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Quit, saving first what was typed and not yet saved (the saves wait for a pause)."""
        self._flush_screens()
        await super().action_quit()

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]


def make_app(
    workspace_folder: Path,
    project: Project,
    *,
    release_id: int | None = None,
    theme: str = "textual-dark",
    chat_model: ChatModel | None = None,
) -> ReviewApp:
    """The review app on a workspace: the newest release with drafts, or `release_id`.
    `chat_model` replaces the drafting model's client (tests, benches)."""
    return ReviewApp(
        workspace_folder, project, release_id=release_id, theme=theme, chat_model=chat_model
    )
