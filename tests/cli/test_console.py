"""When the CLI draws a live progress bar: Rich's reading of the console (interactive or not),
and only on a real terminal, never on a log or pipe that colour is forced on."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from behaviordiff.cli.console import animated


class _Terminal(io.StringIO):
    """A stream that says it is a terminal, as a tty does."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.mark.parametrize(
    ("environment", "on_a_terminal", "live"),
    [
        ({}, True, True),
        ({}, False, False),  # a pipe, a file, a CI log
        ({"FORCE_COLOR": "1"}, False, False),  # colour in a log: no frames left in it
        ({"TTY_COMPATIBLE": "1"}, False, False),
        ({"TERM": "dumb"}, True, False),
        ({"TTY_INTERACTIVE": "0"}, True, False),  # asked for none
        ({"TTY_INTERACTIVE": "1"}, False, True),  # asked for one
    ],
)
def test_a_live_bar_only_on_a_real_interactive_terminal(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], on_a_terminal: bool, live: bool
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    console = Console(file=_Terminal() if on_a_terminal else io.StringIO())
    assert animated(console) is live


def test_a_closed_terminal_is_not_drawn_on() -> None:
    stream = _Terminal()
    console = Console(file=stream, force_interactive=True, force_terminal=True)
    stream.close()

    def closed() -> bool:
        raise ValueError("I/O operation on closed file")

    stream.isatty = closed  # type: ignore[method-assign]
    assert animated(console) is False
