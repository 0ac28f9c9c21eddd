"""A `behaviordiff COMMAND ...` process builds only COMMAND's click tree; it must be the very
command the whole tree holds, and anything that is not one command runs with the whole tree."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from behaviordiff.cli.app import app, app_for


def _described(command: Any, name: str) -> dict[str, Any]:
    """What click knows of a command: its help page, its parameters, its subcommands."""
    context = command.context_class(command, info_name=name)
    described: dict[str, Any] = {
        "help": command.get_help(context),
        "params": [(p.name, p.opts, p.required, repr(p.default)) for p in command.params],
    }
    for sub_name, sub in getattr(command, "commands", {}).items():
        described[sub_name] = _described(sub, sub_name)
    return described


def test_each_command_alone_is_the_command_of_the_whole_tree() -> None:
    whole: Any = typer.main.get_command(app)
    assert len(whole.commands) >= 18
    for name, command in whole.commands.items():
        alone: Any = typer.main.get_command(app_for([name, "--help"]))
        assert list(alone.commands) == [name]
        assert _described(alone.commands[name], name) == _described(command, name)
        assert [p.name for p in alone.params] == [p.name for p in whole.params]


@pytest.mark.parametrize(
    "argv", [[], ["--help"], ["--version"], ["nope"], ["--help", "run"], ["-x", "run"]]
)
def test_anything_but_one_command_runs_with_the_whole_tree(argv: list[str]) -> None:
    assert app_for(argv) is app


def test_the_root_keeps_its_options_with_one_command() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app_for(["schema"]), ["schema", "--list"])
    assert result.exit_code == 0, result.output
    assert "agent.yaml" in result.output
