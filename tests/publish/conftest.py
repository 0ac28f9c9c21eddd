"""A drafted example release and helpers that act as a writer and as CS would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from behaviordiff.config import Project
from behaviordiff.errors import BehaviordiffError
from behaviordiff.store import Workspace
from tests.conftest import DraftedSnapshots

Release = tuple[Workspace, int, Project]
Invoke = Callable[..., Result]


@pytest.fixture
def drafted(example_release: Release, drafted_snapshots: DraftedSnapshots) -> Release:
    """The example release with its template drafts: C1 (shipping refund, edits C1.1 and
    C1.2) and C2 (45-day member returns, edits C2.1 and C2.2)."""
    return drafted_snapshots.restore(example_release)


@pytest.fixture
def invoke(drafted: Release, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """`behaviordiff ARGS --workspace <the drafted workspace>`, in process."""
    from behaviordiff.cli.app import app

    workspace = drafted[0]
    monkeypatch.setenv("BEHAVIORDIFF_ACTOR", "wendy-writer")
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        result = runner.invoke(app, [*args, "--workspace", str(workspace.folder)], env=env)
        # a user's error is what `main` shows (exit 2); anything else is a bug: raise it
        if result.exception is not None and not isinstance(
            result.exception, (BehaviordiffError, SystemExit)
        ):
            raise result.exception
        return result

    return run


def error_of(result: Result) -> BehaviordiffError:
    """The error a command stopped with, as `behaviordiff` would show it (exit 2)."""
    assert isinstance(result.exception, BehaviordiffError), result.output
    assert result.exception.exit_code == 2
    return result.exception


def approve_all(workspace: Workspace, release_id: int) -> None:
    """`review approve --all`, by a writer who has read the edit check's warnings."""
    from behaviordiff.review import approve, load_review

    review = load_review(workspace, release_id)
    approve(workspace, release_id, review.items, despite_warnings=True)


def edit(workspace: Workspace, release_id: int, handle: str, values: dict[str, Any]) -> None:
    """A writer's edit of a draft's fields, as `review edit HANDLE` stores it."""
    from behaviordiff.drafting.service import grounding_by_change
    from behaviordiff.review import apply_edit, load_review

    item = load_review(workspace, release_id).resolve([handle])[0]
    apply_edit(workspace, release_id, item, values, grounding_by_change(workspace, release_id))


def json_of(result: Result) -> Any:
    import json

    return json.loads(result.stdout)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
