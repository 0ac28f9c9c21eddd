"""The SQLite workspace: the one module that talks to SQLite."""

from behaviordiff.store.runs import (
    CallCache,
    RunRecord,
    RunStore,
    RunWriter,
    load_release_transcripts,
    load_transcripts,
)
from behaviordiff.store.workspace import Workspace

__all__ = [
    "CallCache",
    "RunRecord",
    "RunStore",
    "RunWriter",
    "Workspace",
    "load_release_transcripts",
    "load_transcripts",
]
