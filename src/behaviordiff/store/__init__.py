"""The SQLite workspace: the one module that talks to SQLite."""

from behaviordiff.store.workspace import Workspace

__all__ = ["Workspace"]
