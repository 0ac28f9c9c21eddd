"""In-process CLI runs for the engineer's-path tests, through the suite's shared runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import _run_in_process


@dataclass
class Invocation:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def message(self) -> str:
        """What the user reads: stderr, where main() prints errors and warnings."""
        return self.stderr


Invoke = Callable[..., Invocation]


@pytest.fixture
def invoke(tmp_path: Path) -> Invoke:
    """`behaviordiff ARGS` in this process, as `main()` runs it for a user, from `cwd`, with
    the consoles at the width COLUMNS gives (100 unless `env` says otherwise)."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Invocation:
        environment: dict[str, str | None] = {"COLUMNS": "100", "NO_COLOR": "1", **(env or {})}
        result = _run_in_process(args, cwd or tmp_path, environment, None)
        return Invocation(result.exit_code, result.stdout, result.stderr)

    return run
