"""Shared test fixtures. Tests never reach a real API and never touch the user's workspace."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.openai_server import OpenAIServer

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
EXAMPLE = FIXTURES / "example"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the workspace at tmp_path and strip live-API credentials."""
    monkeypatch.setenv("BEHAVIORDIFF_WORKSPACE", str(tmp_path / "workspace"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


CliRunner = Callable[..., CliResult]


@pytest.fixture
def cli(tmp_path: Path) -> CliRunner:
    """Run `behaviordiff` in a subprocess, as a user would, with a pinned terminal width."""

    def run(
        *args: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        input_text: str | None = None,
    ) -> CliResult:
        environment = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", **(env or {})}
        completed = subprocess.run(
            [sys.executable, "-m", "behaviordiff", *args],
            cwd=cwd or tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            input=input_text,
            timeout=300,
        )
        return CliResult(completed.returncode, completed.stdout, completed.stderr)

    return run


def make_git_repo(path: Path) -> Path:
    """An empty git repository with a fixed identity."""
    path.mkdir(parents=True, exist_ok=True)
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.email", "tests@example.com"],
        ["config", "user.name", "Tests"],
        ["config", "commit.gpgsign", "false"],
    ):
        subprocess.run(["git", "-C", str(path), *args], check=True)
    return path


def git_commit(repo: Path, message: str, tag: str | None = None) -> None:
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True)
    if tag:
        subprocess.run(["git", "-C", str(repo), "tag", tag], check=True)


@pytest.fixture
def openai_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenAIServer]:
    """A scripted OpenAI-compatible server on 127.0.0.1; OPENAI_BASE_URL points at it."""
    with OpenAIServer() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.delenv("OPENAI_API_KEY", raising=False)
        yield server


# drafting -------------------------------------------------------------------------------

from typing import TYPE_CHECKING, Any  # noqa: E402

if TYPE_CHECKING:
    from behaviordiff.config import Project
    from behaviordiff.store import Workspace


@pytest.fixture(scope="session")
def example_analysis() -> tuple[dict[str, Any], dict[str, Any]]:
    """The bundled example's analysis (v1 → v2, 3 samples) and its diff, as stored JSON."""
    from tests.example_data import example_analysis as build

    return build()


@pytest.fixture
def example_release(
    tmp_path: Path, example_analysis: tuple[dict[str, Any], dict[str, Any]]
) -> Iterator[tuple[Workspace, int, Project]]:
    """A workspace holding one release of the example with its analysis stored."""
    from behaviordiff.config import find_project
    from behaviordiff.store import Workspace

    analysis, diff = example_analysis
    with Workspace(tmp_path / "drafting-workspace") as workspace:
        release = workspace.create_release(
            base_label="support-v1", head_label="support-v2", diff=diff
        )
        workspace.save_analysis(release.id, analysis)
        yield workspace, release.id, find_project(config=EXAMPLE / "behaviordiff.toml")
