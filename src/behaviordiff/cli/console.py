"""Rich consoles and the rendering of errors; only the CLI and TUI import Rich."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from behaviordiff.errors import BehaviordiffError

stdout = Console(highlight=False, soft_wrap=False)
stderr = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def print_json(data: Any) -> None:
    """Machine-readable output: plain JSON on stdout, nothing else."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def show_error(error: BehaviordiffError, *, as_json: bool = False) -> None:
    if as_json:
        sys.stderr.write(json.dumps(error.to_dict()) + "\n")
        return
    stderr.print(
        Panel(
            Text(str(error)),
            title=f"[bold]{error.title}[/]",
            title_align="left",
            border_style="red",
        ),
    )
