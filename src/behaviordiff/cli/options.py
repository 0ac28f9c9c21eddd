"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import OutputFormat

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
