"""`behaviordiff ack`: CS acknowledges behavior changes, lists them, withdraws an
acknowledgement with a reason, and marks approved macro/article edits done by hand."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from behaviordiff.cli.console import OutputFormat, Text, hang, line, print_json, warn
from behaviordiff.cli.options import ConfigOption, FormatOption, WorkspaceOption

if TYPE_CHECKING:
    from behaviordiff.publish.ack import AckOutcome

ReleaseOption = Annotated[
    int | None,
    typer.Option("--release", "-r", help="Release id. Default: the newest release with drafts."),
]
ChangeOption = Annotated[
    list[str] | None,
    typer.Option("--change", help="A change: its handle (C1) or key; repeat, or C1,C2."),
]
ByOption = Annotated[str | None, typer.Option("--by", help="Who acts: the CS person's name.")]

ack_app = typer.Typer(
    help="CS acknowledges behavior changes: it read the note and updated its macros, articles "
    "and rep briefing. `ack --change C1 --by NAME` (or --all), `ack list`, `ack withdraw`, "
    "`ack done`.",
    short_help="CS acknowledges changes: ack, list, withdraw, done.",
    invoke_without_command=True,
)


def _show(outcome: AckOutcome, output_format: OutputFormat) -> None:
    if output_format is OutputFormat.json:
        print_json(outcome.to_dict())
        return
    for handle in outcome.acknowledged:
        line(f"acknowledged  {handle}")
    for handle in outcome.already:
        line(Text(f"already       {handle}: acknowledged before for this text", style="dim"))
    for handle in outcome.withdrawn:
        line(f"withdrawn     {handle}")
    for handle in outcome.not_acknowledged:
        line(Text(f"not acked     {handle}: nothing to withdraw", style="dim"))
    for handle in outcome.done:
        line(f"marked done   {handle}")


@ack_app.callback()
def ack_command(
    ctx: typer.Context,
    change: ChangeOption = None,
    ack_all: Annotated[
        bool, typer.Option("--all", help="Every approved change not yet acknowledged.")
    ] = False,
    by: ByOption = None,
    note: Annotated[
        str | None, typer.Option("--note", help="What CS did (macros updated, reps briefed).")
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="A CSV of acknowledgements (change,by,note), one row per change; a row naming "
            "an edit (C1.1) marks it applied.",
            dir_okay=False,
        ),
    ] = None,
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Record that CS read approved changes and updated macros, articles and the rep
    briefing: `behaviordiff ack --change C1 --by NAME [--note TEXT]`, `--all`, or
    `--from acks.csv` (columns change,by,note: recorded whole or not at all)."""
    if ctx.invoked_subcommand is not None:
        return
    from behaviordiff.publish.ack import AckError, acknowledge, acknowledge_from_file
    from behaviordiff.publish.session import open_session

    if from_file is not None and (change or ack_all or by or note):
        raise AckError(
            "--from reads the changes, the names and the notes from the file",
            hint="pass --from alone, or --change/--all with --by",
        )
    with open_session(config, workspace, release) as session:
        warn(session.warnings)
        if from_file is not None:
            outcome = acknowledge_from_file(session.workspace, session.release_id, from_file)
        else:
            outcome = acknowledge(
                session.workspace,
                session.release_id,
                change or [],
                all_approved=ack_all,
                by=by,
                note=note,
            )
    _show(outcome, output_format)


@ack_app.command("list", short_help="Changes with review and acknowledgement state.")
def list_command(
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Each behavior change with its review status, CS's acknowledgement (who, when, note)
    and its edits' delivery; withdrawn acknowledgements with their reason."""
    from behaviordiff.pipeline.review import delivery_words
    from behaviordiff.publish.ack import ack_rows
    from behaviordiff.publish.session import open_session
    from behaviordiff.publish.state import load_state

    with open_session(config, workspace, release) as session:
        warn(session.warnings)
        state = load_state(session.workspace, session.release_id)
    rows = ack_rows(state)
    withdrawn = [ack.to_dict() for ack in state.withdrawn]
    if output_format is OutputFormat.json:
        print_json(
            {
                "release_id": state.release.id,
                "release": state.release.name,
                "changes": rows,
                "withdrawn": withdrawn,
            }
        )
        return
    line(Text.assemble((f"Release #{state.release.id}  ", "bold cyan"), state.release.name))
    if not rows:
        line(Text("No behavior changes.", style="dim"))
    for row in rows:
        if row["acknowledged"]:
            ack = row["ack"]
            state_text = f"acknowledged by {ack['acked_by']} {ack['acked_at'][:10]}"
            if ack["release_id"] != state.release.id:
                state_text += f" (release #{ack['release_id']})"
            if ack["note"]:
                state_text += f" ({ack['note']})"
        elif not row["for_cs"]:
            state_text = "rejected: not for CS"
        elif row["ack_outdated"]:
            state_text = "acknowledged an earlier text: ack again"
        elif row["status"] == "approved":
            state_text = "not acknowledged"
        elif row["status"] == "needs-engineering":
            state_text = "sent back to engineering"
        else:
            state_text = "not approved yet"
        hang(f"{row['handle']:<4} {row['status']:<9} ", f"{row['title']} · {state_text}")
        for edit in row["edits"]:
            words = delivery_words(edit["status"], edit["delivered"], edit["delivery"])
            if not edit["for_cs"]:
                words = f"change {row['handle']} rejected: not for CS"
            elif edit["by_hand"] and not edit["applied"]:
                also = edit.get("also_for") or []
                covers = f" (it states {', '.join(also)}'s old rule too)" if also else ""
                words = (
                    f"suggested edit rejected: CS rewrites it by hand{covers}, then "
                    f"`behaviordiff ack done {edit['handle']} --by NAME`"
                )
            delivered = f" · {words}" if words else ""
            hang(
                f"  {edit['handle']:<5} {edit['status']:<9} ",
                f"{edit['target']}: {edit['title']}{delivered}",
            )
    handles = {row["change_key"]: row["handle"] for row in rows}
    for ack in withdrawn:
        line(
            Text(
                f"withdrawn: {handles.get(ack['change_key'], ack['change_key'])} by "
                f"{ack['withdrawn_by']} "
                f"{(ack['withdrawn_at'] or '')[:10]}: {ack['withdraw_reason']}",
                style="dim",
            )
        )


@ack_app.command("withdraw", short_help="Un-acknowledge changes, with a reason.")
def withdraw_command(
    change: ChangeOption = None,
    reason: Annotated[
        str, typer.Option("--reason", help="Why (kept on record, shown in the report).")
    ] = "",
    by: ByOption = None,
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Withdraw CS's acknowledgement of changes (un-ack): the gate for 100% closes again."""
    from behaviordiff.publish.ack import withdraw
    from behaviordiff.publish.session import open_session

    with open_session(config, workspace, release) as session:
        warn(session.warnings)
        outcome = withdraw(
            session.workspace, session.release_id, change or [], by=by, reason=reason
        )
    _show(outcome, output_format)


@ack_app.command("done", short_help="Mark approved macro/article edits applied by hand.")
def done_command(
    handles: Annotated[
        list[str] | None,
        typer.Argument(help="Approved edits applied in the helpdesk: handles (C1.1)."),
    ] = None,
    done_all: Annotated[
        bool, typer.Option("--all", help="Every approved edit not yet exported or done.")
    ] = False,
    by: ByOption = None,
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Record that approved macro/article edits were applied in the helpdesk by hand (the
    alternative to `behaviordiff export`); the 100% gate needs one or the other."""
    from behaviordiff.publish.ack import mark_done
    from behaviordiff.publish.session import open_session

    with open_session(config, workspace, release) as session:
        warn(session.warnings)
        outcome = mark_done(
            session.workspace, session.release_id, handles or [], all_approved=done_all, by=by
        )
    _show(outcome, output_format)


def register(app: typer.Typer) -> None:
    app.add_typer(ack_app, name="ack")
