"""Options shared by several commands."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from behaviordiff.cli.console import OutputFormat

if TYPE_CHECKING:
    from behaviordiff.pipeline import Analysis

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="Project config (behaviordiff.toml or pyproject.toml). Default: the nearest one "
        "from the current folder up.",
        dir_okay=False,
    ),
]
WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        help="Workspace folder (SQLite). Default: BEHAVIORDIFF_WORKSPACE, else [workspace] path.",
        file_okay=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="text for people, json for scripts."),
]
FailOnChangeOption = Annotated[
    bool,
    typer.Option("--fail-on-change", help="Exit 1 when any probe's behavior changed (for CI)."),
]
FailOnInconclusiveOption = Annotated[
    bool,
    typer.Option(
        "--fail-on-inconclusive",
        help="Exit 1 when any probe could not be decided (too few samples, failed runs).",
    ),
]


def gate_failures(
    analysis: Analysis, *, fail_on_change: bool, fail_on_inconclusive: bool
) -> dict[str, Any] | None:
    """What makes the CI gate exit 1 (the `gate` of the JSON output), or None when it passes."""
    verdicts = {"behavior-changed": fail_on_change, "inconclusive": fail_on_inconclusive}
    failing = [probe for probe in analysis.probes if verdicts.get(probe.verdict)]
    changed = [probe for probe in failing if probe.verdict == "behavior-changed"]
    undecided = [probe for probe in failing if probe.verdict == "inconclusive"]
    if not changed and not undecided:
        return None
    return {
        "exit_code": 1,
        "changes": [
            {"id": change.id, "title": change.title, "probe_ids": list(change.probe_ids)}
            for change in analysis.changes
        ]
        if changed
        else [],
        "behavior_changed": [
            {"probe_id": p.probe_id, "facets": list(p.facets), "change_id": p.change_id}
            for p in changed
        ],
        "inconclusive": [
            {"probe_id": p.probe_id, "facets": list(p.facets), "more_samples": p.more_samples}
            for p in undecided
        ],
    }


def _listed(ids: list[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def gate_lines(failures: dict[str, Any]) -> list[str]:
    """The gate's failures as the lines printed on stderr before exit 1."""
    lines: list[str] = []
    changed = failures["behavior_changed"]
    if changed:
        changes = failures["changes"]
        lines.append(
            f"exit 1 (--fail-on-change): {len(changed)} probe(s) changed behavior"
            + (f", in {len(changes)} behavior change(s):" if changes else ":")
        )
        for change in changes:
            ids = change["probe_ids"]
            lines.append(f"  {change['id']} {change['title']}: {_listed(ids)} ({len(ids)})")
        loose = [p["probe_id"] for p in changed if not p["change_id"]]
        if loose:
            lines.append(f"  not grouped into a change: {_listed(loose)}")
    undecided = failures["inconclusive"]
    if undecided:
        lines.append(
            f"exit 1 (--fail-on-inconclusive): {len(undecided)} probe(s) could not be decided:"
        )
        for probe in undecided[:10]:
            facets = ", ".join(probe["facets"]) or "too few runs"
            more = (
                f"; about {probe['more_samples']} more sample(s) per version would decide it"
                if probe["more_samples"]
                else ""
            )
            lines.append(f"  {probe['probe_id']} ({facets}{more})")
        if len(undecided) > 10:
            lines.append(f"  and {len(undecided) - 10} more (all in --format json)")
    return lines


def gate(analysis: Analysis, *, fail_on_change: bool, fail_on_inconclusive: bool) -> None:
    """The CI gate: exit 1 on what the user asked to fail on, saying which probes and changes
    caused it (on stderr, so a CI log shows it next to the exit code)."""
    failures = gate_failures(
        analysis, fail_on_change=fail_on_change, fail_on_inconclusive=fail_on_inconclusive
    )
    if failures is None:
        return
    from behaviordiff.cli.console import stderr

    for text in gate_lines(failures):
        stderr.print(text, soft_wrap=True, highlight=False, markup=False)
    raise typer.Exit(1)


class DrafterName(StrEnum):
    auto = "auto"
    llm = "llm"
    template = "template"


def parse_effective(value: str | None) -> str | None:
    if value is None:
        return None
    from behaviordiff.errors import UsageError

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(
            f"--effective '{value}' is not a date", hint="write it as YYYY-MM-DD, e.g. 2026-12-01"
        ) from None
