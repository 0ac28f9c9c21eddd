"""The last resort: an exception nobody expected becomes one paragraph for the user and a full
report in a file, never a raw traceback on the terminal."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

CRASH_DIR_ENV = "BEHAVIORDIFF_CRASH_DIR"
TRACEBACK_ENV = "BEHAVIORDIFF_TRACEBACK"
INTERNAL_ERROR_EXIT = 70
"""EX_SOFTWARE: distinct from bad input (2), a failed gate (1) and an interrupt (130)."""


def show_tracebacks() -> bool:
    """Under pytest (and with BEHAVIORDIFF_TRACEBACK=1) the exception propagates as it is."""
    return bool(os.environ.get("PYTEST_CURRENT_TEST") or os.environ.get(TRACEBACK_ENV))


def crash_folder() -> Path:
    configured = os.environ.get(CRASH_DIR_ENV)
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "behaviordiff-crashes"


def write_report(error: BaseException, argv: list[str]) -> Path | None:
    """The full report (versions, command line, traceback), secrets scrubbed; None when it
    cannot be written either."""
    from behaviordiff import __version__
    from behaviordiff.secrets import scrub

    lines = [
        f"behaviordiff {__version__}",
        f"python {platform.python_version()} on {platform.platform()}",
        f"time {time.strftime('%Y-%m-%dT%H:%M:%S%z')}",
        "command: " + " ".join(argv),
        "",
        *traceback.format_exception(error),
    ]
    folder = crash_folder()
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(
            scrub("".join(line if line.endswith("\n") else line + "\n" for line in lines)),
            encoding="utf-8",
        )
    except OSError:
        return None
    return path


def summary(error: BaseException, report: Path | None) -> str:
    """One paragraph: what happened, that it is a bug, that finished work is safe, where the
    report is."""
    from behaviordiff.secrets import scrub
    from behaviordiff.terminal import safe_terminal_text

    detail = safe_terminal_text(scrub(f"{type(error).__name__}: {error}"))
    if len(detail) > 200:
        detail = detail[:199] + "…"
    where = (
        f"The full report is in {report}; please attach it to a bug report."
        if report is not None
        else "The report could not be written; run again with BEHAVIORDIFF_TRACEBACK=1 "
        "to see the traceback."
    )
    return (
        f"behaviordiff stopped on an unexpected error ({detail}). This is a bug in "
        "behaviordiff, not a problem with your input; work already stored in the workspace "
        f"is kept. {where}"
    )


def handle(error: BaseException, *, as_json: bool) -> int:
    """Report `error`, return the exit code."""
    import json

    report = write_report(error, sys.argv)
    text = summary(error, report)
    if as_json:
        sys.stderr.write(
            json.dumps(
                {
                    "error": "InternalError",
                    "title": "Unexpected error",
                    "message": text,
                    "report": str(report) if report else None,
                }
            )
            + "\n"
        )
    else:
        sys.stderr.write("error: Unexpected error\n  " + text + "\n")
    return INTERNAL_ERROR_EXIT
