"""`behaviordiff export`: a release's approved macro and article edits as files for CS ops:
helpdesk API requests that `behaviordiff push` sends, a CSV for people, Markdown files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from behaviordiff.cli.console import (
    OutputFormat,
    Text,
    hang,
    line,
    print_json,
    stderr,
    stdout,
    warn,
)
from behaviordiff.cli.options import ConfigOption, FormatOption, WorkspaceOption

if TYPE_CHECKING:
    from behaviordiff.export import ExportResult
    from behaviordiff.export.push import PushItem, PushReport


class ExportTarget(StrEnum):
    zendesk = "zendesk"
    freshdesk = "freshdesk"
    intercom = "intercom"
    csv = "csv"
    markdown = "markdown"


def render(result: ExportResult) -> None:
    from behaviordiff.export import zendesk

    what = "edit(s)" if result.include_drafts else "approved edit(s)"
    if result.outputs or result.exported:
        line(
            Text.assemble(
                (f"Exported {len(result.exported)} {what}", "bold"),
                f" of release #{result.release_id} for {result.target}: ",
                ", ".join(str(path) for path in result.outputs),
            )
        )
    for item in result.exported:
        body = Text(f"{item.item.kind} {item.item.id} “{item.item.title}”")
        body.append(f" · {item.draft.status}", style="green" if item.reviewer else "yellow")
        if item.reviewer:
            body.append(f" by {item.reviewer}", style="dim")
        hang(f"  {item.handle:<6} ", body)
        applied = zendesk.applicable(item) if result.suggested_settings else []
        if applied:
            hang("         ", Text("settings applied: " + "; ".join(applied), "green"))
        elif item.settings is not None:
            held = " (not applied: the macro also serves customers the change does not reach)"
            hang(
                "         ",
                Text(
                    "settings to review: "
                    + item.settings.summary()
                    + (held if result.suggested_settings and zendesk.held_back(item) else ""),
                    "yellow",
                ),
            )
        for warning in item.warnings:
            hang("         ", Text(warning, "yellow"))
    if result.skipped:
        stdout.print(Text(f"Left out ({len(result.skipped)}):", style="bold"))
        for skip in result.skipped:
            hang(f"  {skip.handle:<6} ", Text(f"“{skip.title}”: {skip.reason}"))
    if result.delivered:
        line(Text(_handoff(result), style="dim"))
    for note in result.notes:
        hang("Note: ", Text(note), "bold")


def _handoff(result: ExportResult) -> str:
    """What the rollout gate waits for after this export, with the commands for these very
    edits: a push of this file where behaviordiff can send it (Zendesk, Freshdesk), else
    marking them done once they are applied (Markdown files, a CSV for people, Intercom)."""
    import shlex

    recorded = set(result.delivered)
    handles = " ".join(item.handle for item in result.exported if item.draft.key in recorded)
    done = f"`behaviordiff ack done {handles} --release {result.release_id} --by NAME`"
    text = f"Recorded {len(result.delivered)} approved edit(s) as exported. The rollout gate "
    if result.target in {target.value for target in PushTarget} and result.outputs:
        source = shlex.quote(str(result.outputs[0]))
        push = f"`behaviordiff push {result.target} --from {source} --apply`"
        return (
            f"{text}counts them applied once pushed ({push}) or, once you have applied them "
            f"another way, marked done ({done})."
        )
    return f"{text}counts them applied once you have applied them and marked them done ({done})."


export_app = typer.Typer(
    help="Write a release's approved macro and FAQ edits: for Zendesk, Freshdesk or Intercom a "
    "behaviordiff file of the helpdesk's API update requests (no helpdesk imports it as a file: "
    "`behaviordiff push zendesk|freshdesk --from FILE` sends it, or a script of yours sends "
    "each request), a CSV for people, or Markdown files: `export --to TARGET -o FILE`; "
    "`export status` shows where each edit stands (exported, done, pushed).",
    short_help="Approved macro and FAQ edits as API requests, CSV, Markdown; status.",
    invoke_without_command=True,
)


@export_app.callback()
def export_command(
    ctx: typer.Context,
    to: Annotated[
        ExportTarget | None,
        typer.Option(
            "--to",
            "-t",
            help="zendesk, freshdesk, intercom: a file of API requests (`push` sends it); "
            "csv: a table for people; markdown: rewritten files and a patch.",
            case_sensitive=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write (a folder, or a .patch file, for markdown).",
        ),
    ] = None,
    release: Annotated[
        int | None,
        typer.Option("--release", "-r", help="Release id. Default: the newest with drafts."),
    ] = None,
    include_drafts: Annotated[
        bool,
        typer.Option(
            "--include-drafts",
            help="Preview: export edits not yet approved too (rejected ones never).",
        ),
    ] = False,
    suggested_settings: Annotated[
        bool,
        typer.Option(
            "--with-suggested-settings",
            help="Zendesk: send each flagged macro with the suggested removals and changes "
            "of its settings (group, tags, status) applied, not as exported. Additions still "
            "need a person.",
        ),
    ] = False,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Write a release's approved macro and FAQ edits; macros whose routing encodes the old
    behavior are flagged with a suggested change for a person to confirm.

    --to zendesk, freshdesk or intercom writes a behaviordiff file (format
    behaviordiff-export/1) of the helpdesk's API update requests, one per edit: no helpdesk
    imports it as a file. `behaviordiff push zendesk|freshdesk --from FILE` sends it (a dry
    run unless --apply), or a script of yours sends each record's `request`. --to csv writes
    a table for people; --to markdown the rewritten articles and a patch.

    A release with no edits to deliver (its changes need none, or all were rejected) exits
    0 saying so and writes no file; edits not approved yet, or none writable, exit 2."""
    if ctx.invoked_subcommand is not None:
        return
    from behaviordiff.errors import UsageError
    from behaviordiff.export import choose_release, export_release, project_knowledge
    from behaviordiff.pipeline import open_project, open_workspace

    if to is None or output is None:
        raise UsageError(
            "name the format and the file: --to TARGET -o FILE",
            hint="e.g. `behaviordiff export --to zendesk -o zendesk.json`; targets: "
            + ", ".join(target.value for target in ExportTarget)
            + "; or `behaviordiff export status`",
        )

    project = open_project(config)
    knowledge = project_knowledge(project)
    with open_workspace(project, workspace, create=False) as store:
        release_id = choose_release(store, release)
        result = export_release(
            store,
            release_id,
            knowledge,
            to.value,
            output,
            include_drafts=include_drafts,
            suggested_settings=suggested_settings,
        )
    if include_drafts and output_format is OutputFormat.text:
        warn(["--include-drafts: this export holds edits nobody approved yet; preview only"])
    if output_format is OutputFormat.json:
        print_json(result.to_dict())
    else:
        render(result)
    if result.conflicts and not include_drafts:
        # refused, not merely left out: the writer must choose one edit per item
        if output_format is OutputFormat.text:
            handles = ", ".join(skip.handle for skip in result.conflicts)
            warn([f"refused {handles}: two approved edits of one item; see “Left out” above"])
        raise typer.Exit(1)


class PushTarget(StrEnum):
    zendesk = "zendesk"
    freshdesk = "freshdesk"


_PUSH_STYLE = {
    "would-change": "",
    "changed": "green",
    "already-delivered": "green",
    "refused": "yellow",
    "failed": "red",
    "not-sent": "red",
}


def render_push(report: PushReport) -> None:
    verb = (
        "Changed"
        if report.applied
        else "Would change (dry run: the helpdesk was not read; --apply checks each item's "
        "live version before it sends)"
    )
    done = [o for o in report.outcomes if o.status in ("changed", "would-change")]
    already = [o for o in report.outcomes if o.status == "already-delivered"]
    heading = f"{verb}: {len(done)} of {len(report.outcomes)} item(s) in {report.helpdesk}"
    if already:
        heading += f"; {len(already)} already delivered with the same body (not sent again)"
    line(Text(heading, "bold"))
    for outcome in report.outcomes:
        item = outcome.item
        body = Text(f"{item.kind} {item.target_id} “{item.title}”: ")
        body.append(outcome.status, style=_PUSH_STYLE[outcome.status])
        if outcome.status == "changed":
            body.append(f" (id {outcome.helpdesk_id}, updated_at {outcome.updated_at})", "dim")
        elif outcome.reason:
            body.append(f": {outcome.reason}")
        if item.settings_applied and outcome.status in ("changed", "would-change"):
            body.append(
                f" · suggested settings applied ({', '.join(item.settings_applied)})", "dim"
            )
        if item.settings_to_review and outcome.status in ("changed", "would-change"):
            body.append(
                f" · settings to review ({', '.join(item.settings_to_review)}): sent as "
                "exported; see review.suggested_actions in the export",
                "yellow",
            )
        hang(f"  {item.handle or '-':<6} ", body)
    if report.applied and report.recorded:
        line(
            Text(
                "Each item's delivery is recorded in the workspace as it landed (see `behaviordiff "
                "ack list`); pushing again sends only what has not landed.",
                style="dim",
            )
        )
    elif not report.recorded:
        line(Text("No workspace: this dry run cannot tell what was pushed before.", style="dim"))


def push_command(
    helpdesk: Annotated[PushTarget, typer.Argument(help="The helpdesk to send to.")],
    export_file: Annotated[
        Path,
        typer.Option(
            "--from",
            "-i",
            help="The export to send (`behaviordiff export --to HELPDESK -o FILE`).",
            dir_okay=False,
        ),
    ],
    apply: Annotated[
        bool,
        typer.Option(
            "--apply/--dry-run",
            help="Send the changes, or (the default) only say what would change.",
        ),
    ] = False,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Send an export to Zendesk or Freshdesk: a dry run unless --apply; items changed in the
    helpdesk since the export are refused, items already pushed with the same body are not
    sent again. Credentials come from the environment only (ZENDESK_SUBDOMAIN, ZENDESK_EMAIL,
    ZENDESK_API_TOKEN; FRESHDESK_DOMAIN, FRESHDESK_API_KEY). Exits 1 when an item was refused
    or failed, 2 when the push stopped half way (what landed is recorded)."""
    from behaviordiff.errors import BehaviordiffError
    from behaviordiff.export.push import push_export
    from behaviordiff.pipeline import open_project, open_workspace

    def progress(done: int, total: int, item: PushItem) -> None:
        stderr.print(f"[{done + 1}/{total}] {item.method} {item.path}", style="dim", soft_wrap=True)

    try:
        store = open_workspace(open_project(config), workspace, create=False)
    except BehaviordiffError:
        if apply:
            raise
        store = None  # a dry run needs no workspace: it cannot tell what was pushed before
    try:
        report = push_export(
            helpdesk.value,
            export_file,
            store,
            apply=apply,
            on_progress=progress,
        )
    finally:
        if store is not None:
            store.close()
    if output_format is OutputFormat.json:
        print_json(report.to_dict())
    else:
        render_push(report)
    if report.aborted is not None:
        raise report.aborted
    if report.problems:
        raise typer.Exit(1)


@export_app.command("status", short_help="Where each edit stands: exported, done, pushed.")
def status_command(
    release: Annotated[
        int | None,
        typer.Option("--release", "-r", help="Release id. Default: the newest with drafts."),
    ] = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Each suggested edit of a release: its review status, how it reached the helpdesk
    (exported, done by hand, pushed: who, when, the helpdesk's id), its last push with the
    result, and what is left to do."""
    from behaviordiff.export.status import delivery_status
    from behaviordiff.publish.gate import edit_platforms
    from behaviordiff.publish.session import open_session

    with open_session(config, workspace, release) as session:
        platforms, unread = edit_platforms(session.project)
        warn([*session.warnings, *([unread] if unread else [])])
        status = delivery_status(session.workspace, session.release_id, platforms)
    if output_format is OutputFormat.json:
        print_json(status)
        return
    line(
        Text.assemble(
            (f"Release #{status['release_id']}  ", "bold cyan"),
            status["release"],
            "  approved edits: ",
            ", ".join(f"{count} {how}" for how, count in status["approved_delivered"].items())
            or "none",
        )
    )
    if not status["edits"]:
        line(Text("No suggested edits.", style="dim"))
    for edit in status["edits"]:
        body = Text(f"{edit['target']}: {edit['title']} · {edit['status']}")
        if edit["change_rejected"]:
            body.append(f" · change {edit['change']} rejected: not exported", style="dim")
        delivery = edit["delivery"]
        if delivery is not None:
            body.append(f" · {delivery['how']}", style="green")
            body.append(f" by {delivery['delivered_by']} {delivery['delivered_at']}", "dim")
            if delivery["helpdesk_id"]:
                body.append(f" ({delivery['helpdesk']} id {delivery['helpdesk_id']})", "dim")
        if edit["left"]:
            body.append(f" · {edit['left']}", style="yellow")
        hang(f"  {edit['handle']:<6} ", body)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.command("push", short_help="Send an export to Zendesk or Freshdesk (--apply).")(
        push_command
    )
