"""`behaviordiff demo`: the whole pipeline on the bundled example, offline."""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.rule import Rule

from behaviordiff.cli.console import OutputFormat, Text, animated, print_json, stderr, stdout
from behaviordiff.cli.options import FormatOption

SAMPLES = 3
BASE = "agents/support-v1"
HEAD = "agents/support-v2"


def copy_example(target: Path | None) -> Path:
    from behaviordiff.errors import AlreadyExists
    from behaviordiff.resources import example_dir

    if target is None:
        target = Path(tempfile.mkdtemp(prefix="behaviordiff-demo-")) / "acme-support"
    elif target.exists() and any(target.iterdir()):
        raise AlreadyExists(
            "the demo folder is not empty",
            where=target,
            hint="give a new or empty folder, or leave it out to use a temporary one",
        )
    shutil.copytree(
        example_dir(),
        target,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", ".behaviordiff"),
    )
    return target


def make_git_history(root: Path) -> bool:
    """Make the demo folder a git repository whose agents/support holds v1 at HEAD~1 and v2
    at HEAD, as an agent lives in a real repo, so `diff HEAD~1 HEAD` works there. False (and
    nothing changed) when git is missing or fails."""
    import subprocess

    git = shutil.which("git")
    if git is None or (root / ".git").exists():
        return False
    identity = ["-c", "user.name=behaviordiff demo", "-c", "user.email=demo@example.invalid"]

    def run(*args: str) -> None:
        subprocess.run(
            [git, *identity, *args], cwd=root, check=True, capture_output=True, timeout=30
        )

    support = root / "agents" / "support"
    config = root / "behaviordiff.toml"
    original = config.read_text(encoding="utf-8")
    try:
        config.write_text(
            original + '\n[agent]\npath = "agents/support"   # the agent, for git refs\n',
            encoding="utf-8",
        )
        (root / ".gitignore").write_text(".behaviordiff/\n__pycache__/\n", encoding="utf-8")
        shutil.copytree(root / BASE, support)
        run("init", "-q", "-b", "main")
        run("add", "-A")
        run("commit", "-q", "-m", "acme-support v1: escalate late orders, 30-day returns")
        shutil.rmtree(support)
        shutil.copytree(root / HEAD, support)
        run("add", "-A")
        run("commit", "-q", "-m", "acme-support v2: shipping refunds, 45-day member returns")
    except (OSError, subprocess.SubprocessError):
        # leave the folder as the plain example was: no repo, no agents/support, no [agent]
        shutil.rmtree(root / ".git", ignore_errors=True)
        shutil.rmtree(support, ignore_errors=True)
        (root / ".gitignore").unlink(missing_ok=True)
        config.write_text(original, encoding="utf-8")
        return False
    return True


def _command_setup() -> str | None:
    """The shell line that makes `behaviordiff` the command this process runs, when the
    shell would not find it by that name (a virtualenv not activated): None when it would."""
    import shlex

    if shutil.which("behaviordiff"):
        return None
    launched = Path(sys.argv[0])
    if launched.name == "behaviordiff" and launched.exists():
        return f'export PATH={shlex.quote(str(launched.resolve().parent))}:"$PATH"'
    return f"alias behaviordiff={shlex.quote(f'{sys.executable} -m behaviordiff')}"


def next_steps(root: Path, release_id: int | None, workspace: Path, *, in_git: bool) -> list[str]:
    """What to try after the demo, as lines to paste into a shell as they are: a `cd` into the
    demo folder (the commands read its config), then each command under a `#` comment that
    says what it does. Every line but one holding a long path fits 80 columns."""
    import shlex

    planned = (date.today() + timedelta(days=14)).isoformat()
    tries = [
        ("the review app (or: review list, review approve --all)", "review"),
        ("the planned date for 100%", f"draft --effective {planned}"),
        ("approved notes; --format json or atom for a feed", "changelog"),
        ("one page to share with CS and PMs", "report -o report.html"),
        ("approved macro edits for Zendesk (or --to csv, markdown)",
         "export --to zendesk -o zendesk.json"),
        ("the approved FAQ articles, rewritten", "export --to markdown -o faq-updated/"),
        ("CS has read them; then: behaviordiff ack list", "ack --all --by NAME"),
        ("then --stage full: exit 0 once CS is done", "gate --stage canary"),
        ("what the workspace holds", "releases"),
        ("reuses the 3 samples it has", f"run {BASE} {HEAD} --samples 5"),
    ]  # fmt: skip
    if in_git:
        tries.append(("the same change, read from git (agents/support)", "diff HEAD~1 HEAD"))
    try:
        stored = [
            f"# Stored as release #{release_id} of the workspace "
            f"{workspace.relative_to(root)}/ in the demo folder."
        ]
    except ValueError:
        stored = [f"# Stored as release #{release_id} of the workspace in", f"#   {workspace}"]
    lines = [
        *stored,
        "# Paste these lines into a shell as they are:",
        f"cd {shlex.quote(str(root))}",
    ]
    setup = _command_setup()
    if setup is not None:
        lines.append(setup)
    for what, command in tries:
        lines += ["", f"# {what}", f"behaviordiff {command}"]
    return lines


def demo_command(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="Where to copy the example. Default: a new temporary folder.", file_okay=False
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Copy the bundled acme-support example and run the pipeline on it, offline."""
    from behaviordiff.cli.render import (
        ProgressView,
        render_diff,
        render_pipeline,
        render_probe_summary,
    )
    from behaviordiff.pipeline import (
        RunOptions,
        check_templates,
        load_pair,
        load_project_suites,
        open_project,
        open_workspace,
        run_pipeline,
    )

    text = output_format is OutputFormat.text
    root = copy_example(folder)
    in_git = make_git_history(root)
    project = open_project(folder=root)
    if text:
        stdout.print(f"Copied the acme-support example to [bold]{root}[/]", highlight=False)
        stdout.print(Rule("What changed in the prompt and config"))
    pair = load_pair(project, str(root / BASE), str(root / HEAD))
    if text:
        render_diff(pair.diff)
        stdout.print(Rule("The probe suite"))
    suite = load_project_suites(project)
    summary: dict[str, Any] = suite.summary()
    summary["templates_checked"] = check_templates(suite, [pair.base, pair.head])
    summary["agents"] = [pair.base.label, pair.head.label]
    if text:
        render_probe_summary(summary)
        stdout.print(
            Rule(f"Running both versions: {len(suite)} probes × {SAMPLES} samples, offline")
        )
    with (
        open_workspace(project) as store,
        ProgressView(live=animated(stderr), quiet=not text) as view,
    ):
        result = run_pipeline(
            project,
            pair,
            suite,
            store,
            RunOptions(samples=SAMPLES, adapter="command"),
            drafter="template",
            on_event=view,
            on_stage=view.stages,
        )
    if text:
        render_pipeline(result, pair.base.label, pair.head.label)
        stdout.print(Rule("Next"))
        steps = next_steps(root, result.outcome.release_id, project.workspace_path(), in_git=in_git)
        for step in steps:
            # never wrapped by us: a pasted line must stay one line
            stdout.print(Text(step, style="dim" if step.startswith("#") else ""), soft_wrap=True)
        from behaviordiff.cli.review_app import open_review_app

        # on a terminal the writer's part of the demo goes on in the review app
        open_review_app(project, project.workspace_path(), result.outcome.release_id)
    else:
        print_json(
            {
                "folder": str(root),
                "release": result.outcome.release_id,
                "workspace": str(project.workspace_path()),
                "diff": pair.diff.to_dict(),
                "probes": summary,
                **{k: v for k, v in result.to_dict().items() if k in ("analysis", "drafts")},
                "run": result.outcome.to_dict(),
            }
        )
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    app.command("demo", short_help="The whole pipeline on the bundled example, offline.")(
        demo_command
    )
