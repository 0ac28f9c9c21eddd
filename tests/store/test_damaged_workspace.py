"""A workspace is a file that travels (the CI recipe uploads it; writers download it): a
value in it that behaviordiff did not write is a clear error (exit 2), not a traceback."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import CliRunner, Demo

DEEP = "[" * 100_000 + "]" * 100_000

DAMAGE = {
    # (table, column, value, what the error says): each was exit 70 before
    "draft not JSON": ("drafts", "content_json", "{nope", "not JSON (Expecting property name"),
    "draft nested": ("drafts", "content_json", DEEP, "nested too deeply to read"),
    "draft a list": ("drafts", "content_json", "[1, 2]", "list where a dict is stored"),
    "warnings a number": ("drafts", "warnings_json", "5", "int where a list is stored"),
    "conditions of another shape": (
        "behavior_changes",
        "conditions_json",
        '{"title": 5}',
        "the analysis of release 1: AttributeError",
    ),
    "noise not JSON": ("analyses", "noise_json", "{nope", "not JSON"),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_damaged_workspace_value_is_a_clear_error(cli: CliRunner, demo: Demo, case: str) -> None:
    table, column, value, said = DAMAGE[case]
    with sqlite3.connect(demo.workspace / "workspace.sqlite3") as db:
        db.execute(f"UPDATE {table} SET {column} = ?", (value,))
    for command in (("gate", "--stage", "canary"), ("changelog", "--include-unreleased")):
        result = cli(*command, cwd=demo.folder)
        assert result.exit_code == 2, (command, result.stderr)
        assert "Traceback" not in result.stderr
        assert said in result.stderr, result.stderr
        assert "the file was changed outside behaviordiff" in result.stderr
