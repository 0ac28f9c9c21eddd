"""The review app and its factory: `make_app` is what the CLI, the Pilot tests and the
snapshot tests build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.app import App
from textual.binding import Binding, BindingType

from behaviordiff.errors import BehaviordiffError
from behaviordiff.review import (
    Queue,
    ReviewItem,
    load_review,
    review_queue,
    review_release,
    reviewer,
)
from behaviordiff.store import Workspace
from behaviordiff.store.drafts import DraftConflict

if TYPE_CHECKING:
    from behaviordiff.config import Project
    from behaviordiff.drafting.grounding import Grounding

T = TypeVar("T")
THEMES = ("textual-dark", "textual-light")


class ReviewApp(App[None]):
    """A writer's day of review: the queue of a release's behavior changes, each change's
    note, evidence and suggested edits, and the review actions, all keyboard first."""

    CSS_PATH = "review.tcss"
    TITLE = "behaviordiff review"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("t", "toggle_theme", "Theme", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        workspace_folder: Path,
        project: Project,
        *,
        release_id: int | None = None,
        theme: str = "textual-dark",
    ) -> None:
        super().__init__()
        self.workspace_folder = workspace_folder
        self.project = project
        self.requested_release = release_id
        self.theme = theme
        self.actor = reviewer(project)
        self._workspace: Workspace | None = None
        self._groundings: dict[str, Grounding] | None = None
        self.release_id = 0
        self.release_name = ""
        self.notes: list[str] = []

    # the workspace and the release --------------------------------------------------

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = Workspace(self.workspace_folder, create=False)
        return self._workspace

    def on_mount(self) -> None:
        from behaviordiff.tui.screens.queue import QueueScreen

        choice = self.guard(lambda: review_release(self.workspace, self.requested_release))
        if choice is None:
            return
        self.release_id = choice.release.id
        self.release_name = choice.release.name
        self.sub_title = f"release #{self.release_id} · {self.release_name} · {self.actor}"
        for note in choice.notes:
            self.notify(note, severity="warning", timeout=8)
        self.push_screen(QueueScreen())

    def on_unmount(self) -> None:
        if self._workspace is not None:
            self._workspace.close()

    def queue(self) -> Queue:
        return review_queue(self.workspace, self.release_id)

    def item(self, handle: str) -> ReviewItem:
        """The draft as it is stored now."""
        return load_review(self.workspace, self.release_id).resolve([handle])[0]

    def groundings(self) -> dict[str, Grounding]:
        if self._groundings is None:
            from behaviordiff.drafting.service import grounding_by_change

            self._groundings = grounding_by_change(self.workspace, self.release_id)
        return self._groundings

    def forget_groundings(self) -> None:
        self._groundings = None

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

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]


def make_app(
    workspace_folder: Path,
    project: Project,
    *,
    release_id: int | None = None,
    theme: str = "textual-dark",
) -> ReviewApp:
    """The review app on a workspace: the newest release with drafts, or `release_id`."""
    return ReviewApp(workspace_folder, project, release_id=release_id, theme=theme)
