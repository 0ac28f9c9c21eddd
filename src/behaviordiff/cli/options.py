"""Options shared by several commands."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from behaviordiff.cli.console import OutputFormat

if TYPE_CHECKING:
    from behaviordiff.pipeline import Analysis

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="Project config (behaviordiff.toml or pyproject.toml). Default: the nearest one "
        "from the current folder up.",
        dir_okay=False,
    ),
]
WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        help="Workspace folder (SQLite). Default: BEHAVIORDIFF_WORKSPACE, else [workspace] path.",
        file_okay=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="text for people, json for scripts."),
]
FailOnChangeOption = Annotated[
    bool,
    typer.Option("--fail-on-change", help="Exit 1 when any probe's behavior changed (for CI)."),
]
FailOnInconclusiveOption = Annotated[
    bool,
    typer.Option(
        "--fail-on-inconclusive",
        help="Exit 1 when any probe could not be decided (too few samples, failed runs).",
    ),
]


def gate(analysis: Analysis, *, fail_on_change: bool, fail_on_inconclusive: bool) -> None:
    """The CI gate: exit 1 on what the user asked to fail on."""
    undecided = any(probe.verdict == "inconclusive" for probe in analysis.probes)
    if (fail_on_change and analysis.changed) or (fail_on_inconclusive and undecided):
        raise typer.Exit(1)


class DrafterName(StrEnum):
    auto = "auto"
    llm = "llm"
    template = "template"


def parse_effective(value: str | None) -> str | None:
    if value is None:
        return None
    from behaviordiff.errors import UsageError

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(
            f"--effective '{value}' is not a date", hint="write it as YYYY-MM-DD, e.g. 2026-12-01"
        ) from None
