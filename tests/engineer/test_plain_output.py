"""Output a first-time reader meets: template errors for every probe, lists that do not wrap
mid-path, help that ends on a whole sentence, words explained where they first appear."""

from __future__ import annotations

from pathlib import Path

from tests.engineer.conftest import Invoke

AGENT = """\
adapter: command
command: {argv: ["{python}", "agent.py"]}
prompts: {system: system.md.j2}
"""


def _agent(folder: Path, template: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "agent.yaml").write_text(AGENT)
    (folder / "system.md.j2").write_text(template)
    (folder / "agent.py").write_text("")  # the script agent.yaml runs: checked to exist
    return folder


def _suite(path: Path, variables: dict[str, dict[str, str]]) -> Path:
    lines = ["probes:"]
    for probe_id, values in variables.items():
        shown = ", ".join(f"{key}: {value}" for key, value in values.items())
        lines += [
            f"  - id: {probe_id}",
            f"    variables: {{{shown}}}",
            '    messages: [{role: user, content: "hello"}]',
        ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_an_undefined_variable_names_every_probe_that_lacks_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    _agent(tmp_path / "agent", "Hi {{ name }}, tier {{ tier }}, region {{ region }}.\n")
    suite = _suite(
        tmp_path / "suite.yaml",
        {
            "complete": {"name": "A", "tier": "gold", "region": "EU"},
            "no-tier-1": {"name": "B", "region": "EU"},
            "no-tier-2": {"name": "C", "region": "US"},
            "no-tier-3": {"name": "D", "region": "US"},
            "bare": {"name": "E"},
        },
    )
    failed = invoke("probes", "check", str(suite), "--agent", "agent")
    assert failed.exit_code == 2
    message = " ".join(failed.message.split())
    assert "not defined for 4 of 5 probes" in message
    assert "'tier' for 3 (no-tier-1, no-tier-2, no-tier-3)" in message
    assert "'region', 'tier' for 1 (bare)" in message
    assert "agent/system.md.j2" in message and "defaults.variables" in message


def test_templates_render_line_keeps_each_version_whole(invoke: Invoke, tmp_path: Path) -> None:
    names = ("agents/a-rather-long-folder-name-v1", "agents/a-rather-long-folder-name-v2")
    for name in names:
        _agent(tmp_path / name, "Hello {{ name }}.\n")
    suite = _suite(tmp_path / "suite.yaml", {"p1": {"name": "A"}})
    narrow = invoke(
        "probes",
        "check",
        str(suite),
        "--agent",
        names[0],
        "--agent",
        names[1],
        env={"COLUMNS": "60"},
    )
    assert narrow.exit_code == 0, narrow.message
    lines = [line.strip() for line in narrow.stdout.splitlines()]
    assert "Templates render for every probe: 2 renders against" in lines
    for name in names:
        assert name in lines, narrow.stdout
    wide = invoke(
        "probes",
        "check",
        str(suite),
        "--agent",
        names[0],
        "--agent",
        names[1],
        env={"COLUMNS": "200"},
    )
    assert f"2 renders against {names[0]}, {names[1]}." in wide.stdout


def test_help_never_cuts_a_description_mid_sentence() -> None:
    """Click shortens a command's docstring to fit the command list, ending it with "...";
    every command and group says its short help whole instead."""
    from typing import Any

    import typer.main

    from behaviordiff.cli.app import app

    def walk(command: Any, path: str) -> list[tuple[str, str]]:
        found = []
        commands = getattr(command, "commands", None) or {}
        # what click's command list leaves for the text on an 80-column terminal
        limit = 80 - 6 - max((len(name) for name in commands), default=0)
        for name, sub in commands.items():
            found.append((f"{path} {name}", sub.get_short_help_str(limit=limit)))
            found += walk(sub, f"{path} {name}")
        return found

    listed = walk(typer.main.get_command(app), "behaviordiff")
    assert len(listed) > 15
    cut = [(path, text) for path, text in listed if text.endswith("...")]
    assert not cut, cut


def test_first_run_words_are_explained_where_they_appear(invoke: Invoke) -> None:
    from tests.conftest import EXAMPLE, FIXTURES

    recordings = FIXTURES / "detect" / "example"
    result = invoke(
        "compare",
        str(recordings / "v1.s3.jsonl"),
        str(recordings / "v2.s3.jsonl"),
        "--base",
        str(EXAMPLE / "agents" / "support-v1"),
        "--head",
        str(EXAMPLE / "agents" / "support-v2"),
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 0, result.message
    out = " ".join(result.stdout.split())
    legend = out.index("C1, C2 are behavior changes (probes that changed the same way)")
    assert legend < out.index("C1 escalate_to_human")  # explained before it is used
    assert "W1 groups probes whose wording changed but not their behavior" in out
    assert "and the like name a changed sentence or key of `diff`" in out
    assert "next best rule: " in out and "or nearly" not in out
    assert "a change counts only beyond it" in out
    assert "Per-sample disagreement (how often one sample does what the other samples" in out
