"""What the screens and widgets ask of the app: the workspace, the release under review, who
is reviewing, and a few calls. A protocol, so screens never import the app that imports them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from behaviordiff.errors import BehaviordiffError
from behaviordiff.pipeline.review import Queue, ReviewItem

if TYPE_CHECKING:
    from behaviordiff.pipeline import Project, Workspace
    from behaviordiff.pipeline.review import (
        ChatModel,
        DraftConflict,
        EditStanding,
        Grounding,
        ItemSettings,
    )

T = TypeVar("T")


class ReviewHost(Protocol):
    workspace_folder: Path
    project: Project
    release_id: int
    release_name: str
    actor: str
    chat_model: ChatModel | None
    read_only: bool

    def refuse_write(self, action: str) -> bool: ...

    def say_read_only(self) -> None: ...

    @property
    def workspace(self) -> Workspace: ...

    def queue(self, read: Queue | None = None) -> Queue: ...

    def read_queue(self) -> Queue: ...

    def item(self, handle: str) -> ReviewItem: ...

    def group(self, handle: str) -> tuple[ReviewItem, list[ReviewItem]]: ...

    def groundings(self, item: ReviewItem) -> dict[str, Grounding]: ...

    def forget_groundings(self) -> None: ...

    def settings(self, item: ReviewItem) -> ItemSettings: ...

    def standing(self, item: ReviewItem) -> EditStanding: ...

    def touch(self, handle: str) -> None: ...

    def take_touched(self) -> set[str]: ...

    def open_change(self, handle: str, handles: list[str]) -> None: ...

    def prebuild_change(self, handle: str, handles: list[str]) -> None: ...

    def cannot_open(self, error: BehaviordiffError) -> None: ...

    def guard(
        self,
        action: Callable[[], T],
        on_conflict: Callable[[DraftConflict], Any] | None = None,
    ) -> T | None: ...
