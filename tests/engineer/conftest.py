"""In-process CLI runs for the engineer's-path tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Invocation:
    exit_code: int
    stdout: str
    stderr: str
    error: BaseException | None
    """A BehaviordiffError the command raised (main() shows it and exits 2)."""

    @property
    def message(self) -> str:
        """What the user reads: stderr, and the error as main() prints it."""
        return self.stderr + ("\n" + str(self.error) if self.error is not None else "")


Invoke = Callable[..., Invocation]


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Invoke:
    """`behaviordiff ARGS` in this process (Typer's CliRunner), from `cwd`."""
    from typer.testing import CliRunner

    from behaviordiff.cli.app import app
    from behaviordiff.errors import BehaviordiffError

    runner = CliRunner()

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Invocation:
        monkeypatch.chdir(cwd or tmp_path)
        result = runner.invoke(
            app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1", **(env or {})}
        )
        error = result.exception
        if isinstance(error, BehaviordiffError):
            return Invocation(error.exit_code, result.stdout, result.stderr, error)
        if error is not None and not isinstance(error, SystemExit):
            raise error
        return Invocation(result.exit_code, result.stdout, result.stderr, None)

    return run
