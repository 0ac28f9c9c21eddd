"""`behaviordiff report`: one self-contained HTML page about a release, to share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import OutputFormat, StageProgress, print_json, warn
from behaviordiff.cli.options import ConfigOption, FormatOption, WorkspaceOption


def report_command(
    release: Annotated[
        int | None,
        typer.Option("--release", "-r", help="Release id. Default: the newest with drafts."),
    ] = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The HTML file to write.", dir_okay=False),
    ] = Path("behaviordiff-report.html"),
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Write one self-contained HTML file (no network, no external assets) for a PM or CS
    lead: summary counts, each change with its note, condition and probes (old and new
    replies side by side, differences highlighted), suggested edits as diffs, review and
    acknowledgement state, and what each rollout stage still needs."""
    from behaviordiff.publish.files import write_text
    from behaviordiff.publish.report import build_report, render_report
    from behaviordiff.publish.session import open_session
    from behaviordiff.publish.state import load_state

    with open_session(config, workspace, release) as session:
        warn(session.warnings)
        state = load_state(session.workspace, session.release_id)
        with StageProgress("Report", quiet=output_format is OutputFormat.json) as progress:
            data = build_report(session.workspace, state, on_progress=progress)
        html = render_report(data, session.project)
    write_text(output, html)
    if output_format is OutputFormat.json:
        print_json({"output": str(output), "bytes": len(html.encode("utf-8")), **data})
        return
    counts = data["counts"]
    typer.echo(
        f"Wrote {output}: release #{data['release']['id']}, {counts['behavior_changes']} "
        f"behavior change(s), {counts['approved']} approved, {counts['acknowledged']} "
        "acknowledged by CS."
    )


def register(app: typer.Typer) -> None:
    app.command("report", short_help="A self-contained HTML report of a release, to share.")(
        report_command
    )
