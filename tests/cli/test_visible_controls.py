"""What the CLI prints shows a bell, a backspace or a form feed in data as `\\x07`, as it shows
every other control: Rich's `Text` (and a string printed, or put in a table) drops them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.table import Table

from behaviordiff.cli import console

CLI = Path(__file__).resolve().parents[2] / "src" / "behaviordiff" / "cli"
QUIET = "ring\x07 back\x08 feed\x0c"
SHOWN = "ring\\x07 back\\x08 feed\\x0c"


def test_text_strings_and_table_cells_show_the_controls(
    capsys: pytest.CaptureFixture[str],
) -> None:
    console.line(console.Text(f"a {QUIET}", style="bold"))
    console.line(f"b {QUIET}")
    console.line(console.Text.assemble(("c ", "bold"), QUIET))
    console.hang("d ", QUIET)
    table = Table()
    table.add_column("title")
    table.add_row(f"e {QUIET}")
    console.stdout.print(table)
    out = capsys.readouterr().out
    for lead in "abcde":
        assert f"{lead} {SHOWN}" in out, out
    assert "\x07" not in out and "\x08" not in out and "\x0c" not in out


def test_the_cli_builds_text_only_with_the_visible_text_class() -> None:
    direct = re.compile(r"from rich\.text import [^\n]*\bText\b")
    offenders = [
        path.name
        for path in CLI.glob("*.py")
        if path.name != "console.py" and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
