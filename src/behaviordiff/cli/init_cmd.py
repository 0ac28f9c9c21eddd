"""`behaviordiff init`: a commented config and a runnable starting point beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import OutputFormat, line, print_json, stdout
from behaviordiff.cli.options import FormatOption


def init_command(
    folder: Annotated[Path, typer.Argument(help="The repo to set up.", file_okay=False)] = Path(
        "."
    ),
    agent_dir: Annotated[
        str | None,
        typer.Option(
            "--agent-dir",
            help="The agent version folder, relative to FOLDER (default: agent). With "
            "--no-examples, the folder of the agent you already have.",
        ),
    ] = None,
    no_examples: Annotated[
        bool,
        typer.Option(
            "--no-examples",
            help="Write only behaviordiff.toml: no agent version, no probe suite.",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that exist.")] = False,
    print_only: Annotated[
        bool,
        typer.Option(
            "--print",
            help="Print the starter config instead of writing it (TOML; with --format json, "
            "a JSON object holding its text and the values it sets).",
        ),
    ] = False,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Set up a repo: a commented behaviordiff.toml and, beside it, a version folder
    (agent.yaml and a prompt template) and a probe suite of three probes to start from.

    Asks nothing. Nothing is overwritten without --force. Then:
    `behaviordiff probes check --agent agent` and `behaviordiff run agent agent --dry-run`.
    """
    from behaviordiff.scaffold import starter_config, write_scaffold

    if print_only:
        text = starter_config(agent_dir)
        if output_format is OutputFormat.json:
            import tomllib

            # the config is TOML; as JSON: its text to write as it is, and what it sets
            print_json({"file": "behaviordiff.toml", "text": text, "config": tomllib.loads(text)})
            return
        typer.echo(text, nl=False)
        return
    folder.mkdir(parents=True, exist_ok=True)
    made = write_scaffold(folder, agent_dir=agent_dir, examples=not no_examples, force=force)
    ignored = _ignore_workspace(folder)
    if output_format is OutputFormat.json:
        print_json(
            {
                "config": str(made.config),
                "written": [str(path) for path in made.written],
                "agent_dir": made.agent_dir,
                "suite": made.suite,
                "gitignore_updated": ignored,
            }
        )
        return
    for path in made.written:
        line(f"wrote {path}")
    if ignored:
        line("Added .behaviordiff/ (the workspace) to .gitignore.")
    agent = made.agent_dir
    if made.suite is not None and agent is not None:
        line(f"Next, in {folder}:")
        line(f"  behaviordiff probes check --agent {agent}   # renders the prompt per probe")
        line(f"  behaviordiff run {agent} {agent} --dry-run   # what a run costs")
        line("In git: commit, edit the prompt, then `behaviordiff run HEAD` (commit vs edit).")
        return
    stdout.print(
        "Next: point [probes] suites at your probe files, then run "
        "`behaviordiff diff BASE HEAD` (folders or git refs). Every key: "
        "`behaviordiff schema config`.",
        highlight=False,
        markup=False,
    )


def _ignore_workspace(folder: Path) -> bool:
    """In a git repository, keep the workspace database out of commits."""
    if not (folder / ".git").exists():
        return False
    gitignore = folder / ".gitignore"
    existing = gitignore.read_text(encoding="utf-8") if gitignore.exists() else ""
    if any(line.strip().strip("/") == ".behaviordiff" for line in existing.splitlines()):
        return False
    prefix = "" if not existing or existing.endswith("\n") else "\n"
    gitignore.write_text(existing + prefix + ".behaviordiff/\n", encoding="utf-8")
    return True


def register(app: typer.Typer) -> None:
    app.command("init", short_help="Start a project: config, an agent version, three probes.")(
        init_command
    )
