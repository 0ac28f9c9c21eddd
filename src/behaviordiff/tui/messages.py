"""Messages the review app's widgets and workers post; handlers on the screens own state."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from behaviordiff.pipeline.review import ReviewItem


@dataclass
class DraftChanged(Message):
    """A draft was written (saved, approved, rejected, reset, undone): views refresh."""

    item: ReviewItem
    what: str


@dataclass
class RedraftProgress(Message):
    """The re-draft worker's progress, posted from its thread."""

    stage: str
    done: int
    total: int
