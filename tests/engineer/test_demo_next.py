"""The demo's closing lines paste into a shell as they are and fit 80 columns; its progress
says which time it shows."""

from __future__ import annotations

import io
import shlex
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from rich.progress import Progress

from behaviordiff.cli import demo_cmd
from behaviordiff.cli.render import clock, time_column
from tests.conftest import EXAMPLE, CliRunner


def _trimmed_example(tmp_path: Path, ids: tuple[str, ...]) -> Path:
    import shutil

    root = tmp_path / "acme"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("__pycache__", ".behaviordiff"))
    suite = yaml.safe_load((root / "probes" / "core.yaml").read_text())
    suite["probes"] = [probe for probe in suite["probes"] if probe["id"] in ids]
    (root / "probes" / "core.yaml").write_text(yaml.safe_dump(suite))
    return root


def test_next_steps_paste_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path("/tmp/behaviordiff-demo-k3j2h1ab/acme-support")
    monkeypatch.setattr(demo_cmd.shutil, "which", lambda name: "/usr/bin/" + name)
    steps = demo_cmd.next_steps(root, 1, root / ".behaviordiff", in_git=True)
    commands = [step for step in steps if step and not step.startswith("#")]
    assert commands[0] == f"cd {root}"
    assert all(command.startswith("behaviordiff ") for command in commands[1:])
    assert all(len(step) <= 80 for step in steps)
    for command in commands:
        shlex.split(command)  # no stray parenthesis or quote: a shell reads each as it is
    assert "(" not in " ".join(commands)
    for expected in ("review", "changelog", "report -o report.html", "ack --all --by NAME",
                     "gate --stage canary", "diff HEAD~1 HEAD"):  # fmt: skip
        assert f"behaviordiff {expected}" in commands
    assert any(step.startswith("behaviordiff draft --effective 20") for step in steps)
    assert "review list" in " ".join(steps)
    assert "# Stored as release #1 of the workspace .behaviordiff/ in the demo folder." in steps


def test_without_behaviordiff_on_the_path_the_lines_say_how_to_reach_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(demo_cmd.shutil, "which", lambda name: None)
    script = tmp_path / "venv dir" / "bin" / "behaviordiff"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    monkeypatch.setattr(demo_cmd.sys, "argv", [str(script)])
    steps = demo_cmd.next_steps(tmp_path, 2, Path("/elsewhere/ws"), in_git=False)
    assert steps[:3] == [
        "# Stored as release #2 of the workspace in",
        "#   /elsewhere/ws",
        "# Paste these lines into a shell as they are:",
    ]
    assert steps[3] == f"cd {tmp_path}"
    assert steps[4] == f"export PATH='{script.parent}':\"$PATH\""
    assert shlex.split(steps[4]) == ["export", f"PATH={script.parent}:$PATH"]
    assert not any("diff HEAD~1" in step for step in steps)

    monkeypatch.setattr(demo_cmd.sys, "argv", ["-c"])
    alias = demo_cmd.next_steps(tmp_path, 2, Path("/ws"), in_git=False)[4]
    assert alias.startswith("alias behaviordiff=") and alias.endswith(" -m behaviordiff'")


def test_the_demo_prints_them_whole_at_80_columns(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import behaviordiff.resources

    trimmed = _trimmed_example(tmp_path / "source", ("delay-80-96h", "return-member-38d"))
    monkeypatch.setattr(behaviordiff.resources, "example_dir", lambda: trimmed)
    monkeypatch.setattr(demo_cmd.shutil, "which", lambda name: "/usr/bin/" + name)
    folder = tmp_path / "demo"
    result = cli("demo", str(folder), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    shown = result.stdout.split("Next", 1)[1].splitlines()[1:]
    shown = [line for line in shown if line.strip()]
    assert shown[3] == f"cd {folder}"  # after where it is stored, on two lines
    assert "behaviordiff export --to zendesk -o zendesk.json" in shown
    paths = ("cd ", "#   /")
    long = [line for line in shown if len(line) > 80 and not line.startswith(paths)]
    assert long == []
    assert [line for line in shown if line.startswith("behaviordiff ")] == [
        step
        for step in demo_cmd.next_steps(folder, 1, Path("x"), in_git=True)
        if step.startswith("behaviordiff ")
    ]


def test_the_progress_time_says_whether_it_is_left_or_taken() -> None:
    assert [clock(s) for s in (0, 44.4, 185, 3720)] == ["0s", "44s", "3m05s", "1h02m"]
    times = iter([0.0, 0.0, 10.0, 10.0, 20.0, 20.0, 20.0, 20.0])
    progress = Progress(console=Console(file=io.StringIO()), get_time=lambda: next(times, 20.0))
    task_id = progress.add_task("run", total=4)
    column = time_column()
    task = progress.tasks[0]
    assert column.render(task).plain == "ETA …"
    progress.start_task(task_id)
    progress.update(task_id, advance=1)
    progress.update(task_id, advance=1)
    assert column.render(task).plain.endswith(" left") and "ETA " in column.render(task).plain
    progress.update(task_id, completed=4)
    assert column.render(task).plain.startswith("took ")
