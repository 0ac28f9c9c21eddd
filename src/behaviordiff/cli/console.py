"""Rich consoles and the rendering of errors; only the CLI and TUI import Rich."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from rich import text as rich_text
from rich.console import Console
from rich.panel import Panel

from behaviordiff.errors import BehaviordiffError
from behaviordiff.secrets import scrub
from behaviordiff.terminal import safe_json_text, safe_terminal_text


class Text(rich_text.Text):
    """Rich's `Text` with the text made visible first (`safe_terminal_text`): Rich's own drops
    a bell, a backspace, a vertical tab, a form feed and a carriage return without a trace,
    where everything else printed shows them as `\\x07`. The CLI's modules import `Text`
    from here, not from Rich (a test checks)."""

    def __init__(self, text: str = "", style: str | Any = "", **kwargs: Any) -> None:
        super().__init__(safe_terminal_text(text), style, **kwargs)

    def append(self, text: str | rich_text.Text, style: str | Any = None) -> Text:
        super().append(safe_terminal_text(text) if isinstance(text, str) else text, style)
        return self


class _Console(Console):
    def render_str(self, text: str, **kwargs: Any) -> rich_text.Text:
        """A plain string printed or put in a table: made visible before Rich reads it (and
        drops some controls)."""
        return super().render_str(safe_terminal_text(text), **kwargs)

    def _render_buffer(self, buffer: Any) -> str:
        """Everything printed passes here: terminal control characters in the text (a macro
        body, a model's reply) are made visible, Rich's own control segments (styles, live
        progress) are kept; known secrets are replaced."""
        from rich.segment import Segment

        cleaned = [
            segment
            if segment.control
            else Segment(safe_terminal_text(segment.text), segment.style, segment.control)
            for segment in buffer
        ]
        return scrub(super()._render_buffer(cleaned))

    def on_broken_pipe(self) -> None:
        """The reader went away (`behaviordiff ... | head`): print nothing more, and let the
        command finish, so its exit code (a failing `--fail-on-change`) still stands."""
        self.quiet = True
        reader_gone()


def reader_gone() -> None:
    """Stdout's reader went away: what is still written goes to the null device (Python's
    advice on SIGPIPE), so the command ends as it would have and exits with its own code."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


stdout = _Console(highlight=False)
stderr = _Console(stderr=True, highlight=False)


def line(text: rich_text.Text | str, *, console: Console | None = None) -> None:
    """One result line. Piped into a file, a CI log or grep it stays one line, however long
    (paths, titles); on a terminal it wraps. Boxes and tables still fit the width."""
    console = console or stdout
    console.print(text, soft_wrap=not console.is_terminal)


LARGE_INPUT = 1_000_000
"""Inputs this many bytes or more take seconds to read: the reading is said on stderr."""


def reading_note(paths: Sequence[Path], size: int) -> None:
    """Say on stderr that a large probe input is being read (no line for a small one), so a
    suite of megabytes is not seconds of silence."""
    if size >= LARGE_INPUT:
        files = f"{len(paths)} probe file{'s' if len(paths) != 1 else ''}"
        stderr.print(f"Reading {files} ({size / 1_000_000:.1f} MB)…", highlight=False)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def hang(
    prefix: str, body: rich_text.Text | str, style: str = "", *, console: Console | None = None
) -> None:
    """Print `prefix body` with the body's wrapped lines indented under its first word."""
    from rich.table import Table

    console = console or stdout
    if not console.is_terminal:
        # Not a terminal: no wrapping, continuation lines still indented under the body.
        text = body if isinstance(body, rich_text.Text) else Text(body, style)
        indent = " " * Text(prefix).cell_len
        lines = text.split("\n")
        for number, line in enumerate(lines):
            lead = Text(prefix, style=style) if number == 0 else Text(indent)
            console.print(lead + line, soft_wrap=True)
        return
    grid = Table.grid(padding=0)
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(
        Text(prefix, style=style), body if isinstance(body, rich_text.Text) else Text(body, style)
    )
    console.print(grid)


def warn(messages: list[str]) -> None:
    """Problems that do not stop the command (a tool name nothing defines), on stderr, before
    the long work starts so they are read."""
    for message in messages:
        stderr.print(Text("warning: ", style="bold yellow") + Text(message), soft_wrap=True)


def print_json(data: Any) -> None:
    """Machine-readable output: plain JSON on stdout, nothing else. Encoded whole before a
    byte is written (an encoding error leaves stdout empty), but held as pieces of text, not
    as the encoder's millions of tokens and then copies of the joined text (`kb check` of a
    200,000-macro CSV: 340 MB of the 550 MB it took)."""
    pieces = list(json_pieces(data))
    try:
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()


JSON_PIECE = 1 << 16
"""Characters of encoded JSON joined into one piece."""


def json_pieces(data: Any) -> Iterator[str]:
    """`json.dumps(data, indent=2, ensure_ascii=False, default=str)` in pieces, each made
    safe for a terminal and scrubbed of secrets. A piece joins whole tokens of the encoder,
    and a string is one token, so a secret inside a string is never cut between pieces."""
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False, default=str)
    tokens: list[str] = []
    size = 0
    for token in encoder.iterencode(data):
        tokens.append(token)
        size += len(token)
        if size >= JSON_PIECE:
            yield scrub(safe_json_text("".join(tokens)))
            tokens, size = [], 0
    if tokens:
        yield scrub(safe_json_text("".join(tokens)))


def show_error(error: BehaviordiffError, *, as_json: bool = False) -> None:
    if as_json:
        sys.stderr.write(scrub(json.dumps(error.to_dict())) + "\n")
        return
    if not stderr.is_terminal:
        # A CI log or a redirect: plain lines, never wrapped, so a path stays greppable.
        stderr.print(Text(f"error: {error.title}", style="bold red"), soft_wrap=True)
        for line in str(error).splitlines():
            stderr.print(Text(f"  {line}"), soft_wrap=True)
        return
    stderr.print(
        Panel(
            Text(str(error)),
            title=f"[bold]{error.title}[/]",
            title_align="left",
            border_style="red",
        ),
    )


def animated(console: Console) -> bool:
    """Whether a live display (a bar redrawn in place, then erased) may go to the console:
    Rich's own reading (`Console.is_interactive`: TTY_INTERACTIVE=0/1 when set, else a
    terminal that is not dumb), narrowed to a real terminal. Rich counts FORCE_COLOR (or
    TTY_COMPATIBLE) on a log or a captured stream as a terminal, where every frame of a bar
    would stay as text after the command's last line; TTY_INTERACTIVE=1 still asks for it."""
    import os

    if not console.is_interactive:
        return False
    if os.environ.get("TTY_INTERACTIVE") == "1":
        return True
    isatty = getattr(console.file, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:  # closed (at interpreter exit)
        return False


class StageProgress:
    """Progress of a multi-stage operation on stderr: a live bar on a terminal, one line per
    stage otherwise (none when quiet, for JSON output). Called as (stage, done, total)."""

    def __init__(self, title: str, *, quiet: bool = False):
        self.title = title
        # Quiet (JSON on stdout) still shows a live bar on a terminal's stderr, where it
        # cannot end up in what a script reads; plain progress lines are what it silences.
        self.live = animated(stderr)
        self.quiet = quiet and not self.live
        self.stage: str | None = None
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> StageProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _start(self) -> None:
        """Started on the first report, so it never overlaps a display that came before."""
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=stderr,
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(self.title, total=None)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.live and self._progress is None:
            self._start()
        if self._progress is not None:
            self._progress.update(
                self._task, description=f"{self.title}: {stage}", completed=done, total=total
            )
        elif stage != self.stage:
            sys.stderr.write(f"{self.title}: {stage}…\n")
            sys.stderr.flush()
        self.stage = stage
