"""`behaviordiff review`: list, approve, edit and reset a release's drafts from the terminal."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from behaviordiff.cli.console import (
    OutputFormat,
    StageProgress,
    Text,
    hang,
    line,
    print_json,
    stdout,
    warn,
)
from behaviordiff.cli.options import ConfigOption, DrafterName, FormatOption, WorkspaceOption

if TYPE_CHECKING:
    from behaviordiff.pipeline import Project, Release, Workspace
    from behaviordiff.pipeline.review import Review, ReviewItem

review_app = typer.Typer(
    help="Review a release's drafted notes and macro/FAQ edits before CS gets them. "
    "Without a subcommand, on a terminal: the review app (queue, evidence, edits, keyboard "
    "first); the subcommands are for scripts.",
    short_help="Review drafts: the app, or list, approve, reject, edit, reset, redraft, undo.",
    invoke_without_command=True,
)

ReleaseOption = Annotated[
    int | None,
    typer.Option("--release", "-r", help="Release id. Default: the latest release."),
]
_STATUS_STYLE = {
    "draft": "",
    "edited": "cyan",
    "approved": "green",
    "rejected": "red",
    "needs-engineering": "magenta",
}


@review_app.callback()
def review_callback(
    ctx: typer.Context,
    release: Annotated[
        int | None,
        typer.Option(
            "--release", "-r", help="Release id. Default: the newest release with drafts."
        ),
    ] = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    theme: Annotated[str, typer.Option("--theme", help="The app's colours: dark or light.")] = (
        "dark"
    ),
) -> None:
    """On a terminal, `behaviordiff review` opens the review app; piped, it lists the drafts
    (as `review list`)."""
    if ctx.invoked_subcommand is not None:
        return
    from behaviordiff.cli.review_app import interactive, open_review_app, say_opening

    if interactive():
        say_opening()  # at once: the imports and the release's reading take seconds
    from behaviordiff.errors import UsageError
    from behaviordiff.pipeline import open_project, open_workspace, release_to_review
    from behaviordiff.pipeline.review import load_review

    if theme not in ("dark", "light"):
        raise UsageError(f"--theme '{theme}' is not dark or light", hint="use --theme light")
    project = open_project(config)
    with open_workspace(project, workspace, create=False) as store:
        folder = store.folder
        choice = release_to_review(store, release)
        if not interactive():
            warn(choice.warnings)
            shown = load_review(store, choice.release.id)
            _render_list(
                shown,
                choice.release,
                running=_run_going(store, choice.release),
                moved=looked_again_moves(store, shown),
            )
            return
    open_review_app(project, folder, choice.release.id, theme)


@dataclass(frozen=True)
class Opened:
    project: Project
    store: Workspace
    release: Release
    actor: str
    """Who the review actions are recorded as."""


@contextmanager
def _opened(config: Path | None, workspace: Path | None, release: int | None) -> Iterator[Opened]:
    from behaviordiff.pipeline import open_project, open_workspace, release_to_review
    from behaviordiff.pipeline.review import reviewer

    project = open_project(config)
    with open_workspace(project, workspace, create=False) as store:
        choice = release_to_review(store, release)
        warn(choice.warnings)
        yield Opened(project, store, choice.release, reviewer(project))


def _command(
    verb: str, handle: str, release_id: int, config: Path | None, workspace: Path | None
) -> str:
    """The command that repeats this one exactly (same release, config and workspace)."""
    parts = ["behaviordiff", "review", verb, handle, "--release", str(release_id)]
    if config is not None:
        parts += ["--config", str(config)]
    if workspace is not None:
        parts += ["--workspace", str(workspace)]
    return shlex.join(parts)


_STATUS_WIDTH = 8


def _item_line(
    item: ReviewItem,
    width: int,
    rejected_change: str | None = None,
    by_hand: bool = False,
    carried_by: str | None = None,
    moved: Sequence[str] = (),
) -> None:
    """One draft's line; `moved`: what moved in the machine draft since the release its
    approval or writer's text came from (`moved_fields`), named beside its flag."""
    from behaviordiff.pipeline.review import SUGGESTION_MOVED

    record = item.record
    status = record.status
    prefix = Text.assemble(
        (f"{item.handle:<{width}}  ", "bold cyan"),
        (f"{status:<{_STATUS_WIDTH}}  ", _STATUS_STYLE.get(status, "")),
        f"{item.label:<7}  ",
    )
    body = Text(item.title)
    who = f"writer ({record.edited_by})" if record.edited_by else record.origin
    body.append(f" · {who}", style="dim")
    if record.reason:
        body.append(f" · {record.reason}", style="red")
    if record.comment:
        body.append(f" · “{record.comment}”", style="dim")
    if rejected_change is not None:
        body.append(f" · change {rejected_change} rejected: not exported", style="red")
    if carried_by is not None:
        body.append(
            f" · change {item.handle.partition('.')[0]} rejected; kept for {carried_by}, "
            "which relies on it",
            style="yellow",
        )
    if by_hand:
        body.append(
            " · the item still needs an edit: CS is told to rewrite it by hand (write the "
            "edit, or reject it as not-a-behavior-change if it needs none)",
            style="yellow",
        )
    if record.open_warnings:
        count = len(record.open_warnings)
        body.append(f" · {count} warning{'s' if count > 1 else ''}", style="yellow")
    if record.dismissed:
        count = len(record.dismissed)
        done = "approved despite" if status == "approved" else "dismissed:"
        body.append(f" · {done} {count} warning{'s' if count > 1 else ''}", style="yellow")
    if record.carried_from is not None:
        body.append(f" · carried from #{record.carried_from}", style="dim")
    if record.stale:
        body.append(" · stale", style="yellow")
    flag = item.state.flag
    if flag:
        body.append(f" · {flag}", style="yellow")
        if moved:
            body.append(f" ({'; '.join(moved)})", style="yellow")
    if item.state.suggestion_moved:
        body.append(f" · {SUGGESTION_MOVED}", style="yellow")
    hang(prefix.plain, body)


def _counts_text(review: Review) -> str:
    from behaviordiff.pipeline import DRAFT_STATUSES as STATUSES
    from behaviordiff.pipeline.review import LOOK_AGAIN, SUGGESTION_MOVED

    counts = review.counts()
    text = f"{counts['total']} draft(s): " + ", ".join(
        f"{counts[status]} {status}"
        for status in STATUSES
        if counts[status] or status in ("draft", "edited", "approved")
    )
    for flag in ("stale", *LOOK_AGAIN):
        if counts[flag]:
            text += f"; {counts[flag]} {LOOK_AGAIN.get(flag, flag)}"
    if counts["suggestion_moved"]:
        text += f"; {counts['suggestion_moved']} {SUGGESTION_MOVED}"
    if counts["change_rejected"]:
        # counted by their own status above, yet they go nowhere: say so beside the counts
        text += f"; {counts['change_rejected']} edit(s) of a rejected change (not exported)"
    if counts["carried"]:
        text += (
            f"; {counts['carried']} edit(s) of a rejected change kept for a change relying on it"
        )
    return text


def _run_going(store: Workspace, release: Release) -> bool:
    """The release is the newest and a behaviordiff run holds the run lock: it is being run."""
    newest = store.newest_release()
    return newest is not None and newest.id == release.id and store.busy("run")


def looked_again_moves(store: Workspace, review: Review) -> dict[str, list[str]]:
    """Handle → what moved in the machine draft of each draft to look at again (outdated, or
    changed since approval) since the release it came from (`moved_fields`), where known."""
    from behaviordiff.pipeline.review import moved_fields

    moves = {
        item.handle: moved_fields(store, item) for item in review.items if item.state.look_again
    }
    return {handle: moved for handle, moved in moves.items() if moved}


def _render_list(
    review: Review,
    release: Release,
    *,
    running: bool = False,
    moved: Mapping[str, Sequence[str]] | None = None,
) -> None:
    line(Text.assemble((f"Release #{release.id}  ", "bold cyan"), (release.name, "bold")))
    if not review.items:
        stdout.print(
            f"No drafts yet: a behaviordiff run is working on release #{release.id} now; "
            "look again once it has finished."
            if running
            else f"No drafts yet. Draft them with `behaviordiff draft --release {release.id}`.",
            style="dim",
        )
        return
    line(Text(_counts_text(review), style="dim"))
    width = max(len(item.handle) for item in review.items)
    out = review.with_rejected_change()
    by_hand = review.by_hand()
    kept_for = review.carried()
    for item in review.items:
        _item_line(
            item,
            width,
            out.get(item.record.key),
            item.record.key in by_hand,
            kept_for.get(item.record.key),
            (moved or {}).get(item.handle, ()),
        )
    for carried in review.carry_lines():
        hang(
            "  ",
            Text(
                carried,
                style="yellow"
                if "outdated" in carried or carried.startswith("not carried")
                else "dim",
            ),
        )
    counts = review.counts()
    if counts["outdated"]:
        line(
            Text(
                "Outdated: a writer's text over a machine draft that reads differently now "
                "(the agent's behavior moved). It keeps the writer's text: compare with "
                "`review edit HANDLE`, or `review reset HANDLE` for the new text.",
                style="yellow",
            )
        )
    if counts["reopened"]:
        line(
            Text(
                "Changed since approval: approved as drafted, and the machine draft reads "
                "differently now; it holds the new text, back to draft: read it and approve it "
                "again.",
                style="yellow",
            )
        )
    if counts["suggestion_moved"]:
        line(
            Text(
                "Suggestion moved: the machine draft moved only in fields the writer wrote (a "
                "knowledge-base refresh; the change's facts are the same), so the writer's text "
                "and its decision stand; compare with `review edit HANDLE` if you like, or "
                "`review reset HANDLE` for the new text. Approving or editing it again clears it.",
                style="yellow",
            )
        )
    if counts["stale"]:
        line(
            Text(
                "Stale: the latest drafting no longer produces these (their change or macro "
                "went away); a writer's text is kept until you reset or replace it.",
                style="yellow",
            )
        )
    if counts["needs-engineering"]:
        line(
            Text(
                "Needs engineering: sent back with a comment; `review approve` or `review "
                "reject` once engineering has answered.",
                style="magenta",
            )
        )
    if counts["draft"] + counts["edited"]:
        line(
            Text(
                "Next: `behaviordiff review edit HANDLE`, `behaviordiff review approve "
                "HANDLE...`, `review reject HANDLE --reason ...` or `behaviordiff review "
                "approve --all`.",
                style="dim",
            )
        )


@review_app.command("list", short_help="The drafts of a release, with handles.")
def list_command(
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """List a release's drafts with their handles (C1 a change's note, C1.1 its first edit),
    status and origin."""
    from behaviordiff.pipeline.review import load_review

    with _opened(config, workspace, release) as opened:
        review = load_review(opened.store, opened.release.id)
        moved = looked_again_moves(opened.store, review)
        if output_format is OutputFormat.json:
            data = review.to_dict()
            for draft in data["drafts"]:
                if draft.get("look_again"):
                    draft["moved"] = moved.get(draft["handle"], [])
            print_json(
                {
                    "workspace": str(opened.store.path),
                    "release": opened.release.name,
                    **data,
                }
            )
        else:
            _render_list(
                review,
                opened.release,
                running=_run_going(opened.store, opened.release),
                moved=moved,
            )


@review_app.command("approve", short_help="Approve drafts for CS.")
def approve_command(
    handles: Annotated[
        list[str] | None,
        typer.Argument(help="Drafts to approve: handles from `review list` (C1, C1.1)."),
    ] = None,
    approve_all: Annotated[
        bool, typer.Option("--all", help="Approve every draft that is not stale.")
    ] = False,
    despite_warnings: Annotated[
        bool,
        typer.Option(
            "--despite-warnings",
            help="Approve drafts whose text has open warnings too (dismissing them).",
        ),
    ] = False,
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Approve drafts for CS (for a suggested edit: accept it). Approving an approved draft
    changes nothing; one whose text has open warnings is not approved (exit 1) until they are
    fixed or dismissed, or with --despite-warnings.

    An outdated draft (a writer's text carried over a machine draft that moved) is checked
    against the change's evidence as it is now first, like a fresh edit: a value the evidence
    no longer has (a price that changed) is a warning, so it is not approved without a fix or
    --despite-warnings; approving it anyway says what moved under it. The gate stops at
    canary while it is not approved."""
    from behaviordiff.errors import UsageError
    from behaviordiff.pipeline.review import approve, load_review

    if approve_all == bool(handles):
        raise UsageError(
            "name the drafts to approve, or pass --all, not both"
            if handles
            else "name the drafts to approve, or pass --all",
            hint="see the handles with `behaviordiff review list`",
        )
    with _opened(config, workspace, release) as opened:
        chosen = opened.release
        review = load_review(opened.store, chosen.id)
        items = review.require_drafts() if approve_all else review.resolve(handles or [])
        result = approve(
            opened.store,
            chosen.id,
            items,
            skip_stale=approve_all,
            despite_warnings=despite_warnings,
            actor=opened.actor,
        )
        after = load_review(opened.store, chosen.id)
    blocked = bool(result.blocked) and not approve_all
    if output_format is OutputFormat.json:
        print_json({"release_id": chosen.id, **result.to_dict(), "counts": after.counts()})
        if blocked:
            raise typer.Exit(1)
        return
    width = max((len(item.handle) for item in items), default=2)
    for item in result.approved:
        hang(f"approved  {item.handle:<{width}}  ", f"{item.label}: {item.title}")
        if item.record.stale:
            warn([f"{item.handle} is stale: the latest drafting no longer produces it"])
    for item in result.already:
        hang(f"already   {item.handle:<{width}}  ", f"{item.label}: approved before; nothing to do")
    if result.skipped_stale:
        skipped = ", ".join(item.handle for item in result.skipped_stale)
        line(Text(f"Skipped stale draft(s) {skipped}: approve them by handle if wanted.", "yellow"))
    if result.skipped_rejected:
        skipped = ", ".join(item.handle for item in result.skipped_rejected)
        line(
            Text(
                f"Kept rejected: {skipped} (--all approves what is open; name a rejected draft "
                "to approve it).",
                "yellow",
            )
        )
    for item in result.blocked:
        warn([f"{item.handle} not approved: {warning}" for warning in item.record.open_warnings])
    if result.blocked:
        handles_text = " ".join(item.handle for item in result.blocked)
        line(
            Text(
                f"Fix the text (`review edit HANDLE`), dismiss the warnings (`review dismiss "
                f"{handles_text}`) or approve with --despite-warnings.",
                style="yellow",
            )
        )
    warn(result.warnings)
    if (
        approve_all
        and not result.approved
        and not result.already
        and not result.blocked
        and not result.skipped_rejected
    ):
        line(Text("Nothing to approve.", style="dim"))
    line(Text(_counts_text(after), style="dim"))
    if blocked:
        raise typer.Exit(1)


@contextmanager
def _one_draft(
    config: Path | None, workspace: Path | None, release: int | None, handle: str
) -> Iterator[tuple[Opened, ReviewItem]]:
    """The release opened as `_opened` does, and the draft `handle` names in it."""
    from behaviordiff.pipeline.review import load_review

    with _opened(config, workspace, release) as opened:
        yield opened, load_review(opened.store, opened.release.id).resolve([handle])[0]


def _show_saved(
    output_format: OutputFormat,
    data: dict[str, object],
    handle: str,
    item: ReviewItem,
    changed: bool,
    what: str,
) -> None:
    """A saved draft: `data` as JSON, else its handle, status and title (`what` when
    nothing changed)."""
    if output_format is OutputFormat.json:
        print_json(data)
        return
    if not changed:
        line(Text(f"{handle}: {what}", style="dim"))
        return
    line(
        Text.assemble(
            (f"{item.handle}  ", "bold cyan"),
            (f"{item.record.status}  ", _STATUS_STYLE.get(item.record.status, "")),
            f"{item.label}: {item.title}",
        )
    )


@review_app.command("edit", short_help="Edit a draft in your editor or from a file.")
def edit_command(
    handle: Annotated[str, typer.Argument(help="The draft to edit: a handle from `review list`.")],
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Read the edited fields from this YAML file instead of opening an editor.",
            dir_okay=False,
        ),
    ] = None,
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Edit a draft in $VISUAL / $EDITOR (as YAML), or from a file with --from.

    A note has title, before, after, when, customer_impact, cs_actions and severity; an edit
    has new_body and rationale. Saving marks it `edited`; an approved draft needs approving
    again. Numbers the change's evidence lacks and dropped placeholders are warned about.
    """
    from behaviordiff.cli.editor import edit_with_editor
    from behaviordiff.pipeline.review import apply_edit, read_edit_file, writer_groundings

    with _one_draft(config, workspace, release, handle) as (opened, item):
        store, chosen = opened.store, opened.release
        groundings = writer_groundings(store, chosen.id)
        if from_file is not None:
            values = read_edit_file(from_file, item)
            outcome = apply_edit(store, chosen.id, item, values, groundings, actor=opened.actor)
        else:
            retry = _command("edit", item.handle, chosen.id, config, workspace)
            outcome = edit_with_editor(
                store, chosen.id, item, groundings, retry=retry, actor=opened.actor
            )
    data = {"release_id": chosen.id, **outcome.to_dict()}
    what = "no changes; nothing saved"
    _show_saved(output_format, data, item.handle, outcome.item, outcome.changed, what)
    if output_format is OutputFormat.text:
        warn([f"{item.handle}: {message}" for message in outcome.warnings])


@review_app.command("reset", short_help="Back to the latest machine draft.")
def reset_command(
    handle: Annotated[str, typer.Argument(help="The draft to reset: a handle from `review list`.")],
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Put a draft back to the latest machine draft, status `draft`. The writer's text and
    decision are kept in its history: `review undo HANDLE` gives them back."""
    from behaviordiff.pipeline.review import reset

    with _one_draft(config, workspace, release, handle) as (opened, item):
        chosen = opened.release
        updated, changed = reset(opened.store, chosen.id, item, actor=opened.actor)
    data = {"release_id": chosen.id, "changed": changed, **updated.to_dict()}
    what = "already the machine draft; nothing to reset"
    _show_saved(output_format, data, item.handle, updated, changed, what)
    if changed and output_format is OutputFormat.text:
        line(
            Text(
                f"Back to the machine draft. `behaviordiff review undo {item.handle}` gives "
                "the text before back.",
                style="dim",
            )
        )


@review_app.command("redraft", short_help="Draft one change again (note and edits).")
def redraft_command(
    handle: Annotated[str, typer.Argument(help="The change to re-draft: a note's handle (C1).")],
    drafter: Annotated[
        DrafterName | None,
        typer.Option(
            "--drafter",
            help="llm or template. Default: drafting.drafter in the config (llm when a key "
            "or base URL is set).",
        ),
    ] = None,
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Draft one behavior change again, its note and its suggested edits, with the configured
    drafter, over what the drafts hold now, a writer's text and decisions included (the app
    asks first). `review undo HANDLE` gives the change's drafts back as they were."""
    from behaviordiff.pipeline.review import load_review, redraft

    with _opened(config, workspace, release) as opened:
        chosen = opened.release
        review = load_review(opened.store, chosen.id)
        note = review.resolve([handle])[0]
        prefix = f"{note.handle}."
        edits = [item for item in review.items if item.handle.startswith(prefix)]
        from behaviordiff.interrupts import interrupt_at_once

        with (
            StageProgress("Re-drafting", quiet=output_format is OutputFormat.json) as progress,
            interrupt_at_once(),
        ):
            outcome = redraft(
                opened.store,
                chosen.id,
                opened.project,
                note,
                edits,
                actor=opened.actor,
                drafter=drafter.value if drafter is not None else None,
                on_progress=progress,
            )
        after = load_review(opened.store, chosen.id)
    if output_format is OutputFormat.json:
        drafts = [
            item.to_dict()
            for item in after.items
            if item.handle == note.handle or item.handle.startswith(prefix)
        ]
        print_json({**outcome.to_dict(), "handle": note.handle, "drafts": drafts})
        return
    counts = outcome.counts
    drafted = counts["replaced"] + counts["added"]
    fell = len(outcome.fallbacks)
    how = f"with the {outcome.drafter} drafter"
    if fell and fell >= drafted:  # the model's drafts all failed their checks
        how = f"with the template drafter (every {outcome.drafter} draft failed its checks)"
    elif fell:
        how += f" ({fell} of {drafted} fell back to the template: their checks failed)"
    line(
        Text.assemble(
            (f"{note.handle}  ", "bold cyan"),
            f"re-drafted {how}: {counts['replaced']} draft(s) "
            f"replaced, {counts['added']} added, {counts['removed']} removed",
            f", {counts['stale']} kept as stale" if counts["stale"] else "",
        )
    )
    for fallback in outcome.fallbacks:
        warn([f"{fallback.get('draft')}: the template draft is used ({fallback.get('reason')})"])
    if writer_work_before := [item.handle for item in (note, *edits) if _touched(item)]:
        line(
            Text(
                f"Replaced a writer's work on {', '.join(writer_work_before)}: "
                f"`behaviordiff review undo {note.handle}` gives it back.",
                style="yellow",
            )
        )


def _touched(item: ReviewItem) -> bool:
    from behaviordiff.pipeline.review import writer_work

    return bool(writer_work([item]))


def _mark(
    where: tuple[Path | None, Path | None, int | None],
    handles: list[str],
    act: Callable[[Opened, ReviewItem], ReviewItem],
    status: str,
    output_format: OutputFormat,
    detail: Callable[[ReviewItem], str],
    warnings: Callable[[Review, list[ReviewItem]], list[str]] | None = None,
) -> None:
    """Give each draft named by `handles` the `status` by `act`, then print them and the
    release's counts after it (as JSON under the status's name with `_` for `-`), and what
    `warnings` says of the drafts after the decision.
    `where` is the command's (config, workspace, release)."""
    from behaviordiff.pipeline.review import load_review

    with _opened(*where) as opened:
        items = load_review(opened.store, opened.release.id).resolve(handles)
        done = [act(opened, item) for item in items]
        after = load_review(opened.store, opened.release.id)
    said = warnings(after, done) if warnings is not None else []
    if output_format is OutputFormat.json:
        print_json(
            {
                "release_id": opened.release.id,
                status.replace("-", "_"): [item.to_dict() for item in done],
                "counts": after.counts(),
            }
            | ({"warnings": said} if warnings is not None else {})
        )
        return
    width = max(len(item.handle) for item in done)
    for item in done:
        hang(f"{status}  {item.handle:<{width}}  ", detail(item))
    line(Text(_counts_text(after), style="dim"))
    warn(said)


_REASON_HELP = (
    "Required: not-a-behavior-change, expected-noise, wrong-draft or other (with --text)."
)


@review_app.command("reject", short_help="Reject drafts, with a reason.")
def reject_command(
    handles: Annotated[
        list[str],
        typer.Argument(help="Drafts to reject: C1 rejects change C1 as a whole, C1.1 one edit."),
    ],
    reason: Annotated[str | None, typer.Option("--reason", help=_REASON_HELP)] = None,
    text: Annotated[str, typer.Option("--text", "-m", help="Why, in words.")] = "",
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Reject drafts with a reason: a note rejects its behavior change as a whole, an edit
    only that suggested edit. `review undo HANDLE` takes it back."""
    from behaviordiff.pipeline.review import reject, reject_reason, rejection_warnings

    reason = reject_reason(reason)  # said before any draft is opened, with the reasons
    _mark(
        (config, workspace, release),
        handles,
        lambda opened, item: reject(
            opened.store, opened.release.id, item, reason, text, actor=opened.actor
        ),
        "rejected",
        output_format,
        lambda item: f"{item.label}: {item.title} ({item.record.reason})",
        lambda after, done: rejection_warnings(after.items, {item.record.key for item in done}),
    )


@review_app.command("comment", short_help="Send drafts back to engineering with a comment.")
def comment_command(
    handles: Annotated[
        list[str], typer.Argument(help="Drafts to send back: handles from `review list`.")
    ],
    message: Annotated[
        str, typer.Option("--message", "-m", help="What engineering should look at.")
    ],
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Mark drafts `needs-engineering` with a comment (the behavior looks wrong, the evidence
    is thin): they wait for engineering, not for a writer."""
    from behaviordiff.pipeline.review import send_to_engineering

    _mark(
        (config, workspace, release),
        handles,
        lambda opened, item: send_to_engineering(
            opened.store, opened.release.id, item, message, actor=opened.actor
        ),
        "needs-engineering",
        output_format,
        lambda item: f"{item.label}: {item.title}",
    )


@review_app.command("dismiss", short_help="Dismiss the edit check's warnings on drafts.")
def dismiss_command(
    handles: Annotated[
        list[str], typer.Argument(help="Drafts whose warnings to dismiss: handles.")
    ],
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Dismiss every open warning of the drafts: the writer has read them and the text
    stands. Undo with `review undo HANDLE`."""
    from behaviordiff.pipeline.review import dismiss_warnings, load_review

    with _opened(config, workspace, release) as opened:
        chosen = opened.release
        items = load_review(opened.store, chosen.id).resolve(handles)
        done = [
            (item, dismiss_warnings(opened.store, chosen.id, item, actor=opened.actor))
            for item in items
        ]
    if output_format is OutputFormat.json:
        print_json(
            {
                "release_id": chosen.id,
                "dismissed": {before.handle: before.record.open_warnings for before, _ in done},
            }
        )
        return
    for before, _ in done:
        count = len(before.record.open_warnings)
        hang(
            f"{before.handle}  ",
            f"dismissed {count} warning{'s' if count != 1 else ''}"
            if count
            else "no open warnings; nothing to dismiss",
        )


@review_app.command("undo", short_help="Undo the latest review action on a draft.")
def undo_command(
    handle: Annotated[
        str | None,
        typer.Argument(
            help="The draft: a handle. Default: the draft of the newest action in the release."
        ),
    ] = None,
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Undo a draft's latest review action: a reset gives the writer's text back, an
    approval or rejection goes back to what it was. Refused if someone changed the draft
    since."""
    from behaviordiff.pipeline.review import ReviewError, last_action, load_review, undo

    with _opened(config, workspace, release) as opened:
        chosen = opened.release
        review = load_review(opened.store, chosen.id)
        if handle is not None:
            item = review.resolve([handle])[0]
        else:
            review.require_drafts()
            found = last_action(opened.store, review)
            if found is None:
                raise ReviewError(
                    f"release #{chosen.id} has no review action to undo",
                    hint="`behaviordiff review list` shows each draft's state",
                )
            item = found
        done = undo(opened.store, chosen.id, item, actor=opened.actor)
    if output_format is OutputFormat.json:
        print_json({"release_id": chosen.id, **done.to_dict()})
        return
    line(Text(done.summary()))


@review_app.command("status", short_help="Review progress: counts, decisions, open warnings.")
def status_command(
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Where the review of a release stands: counts by status, and per draft its status,
    reason or comment, who wrote its text, and its open warnings. `--format json` for
    scripts (the same states the app shows)."""
    from behaviordiff.pipeline.review import load_review

    with _opened(config, workspace, release) as opened:
        chosen = opened.release
        review = load_review(opened.store, chosen.id)
    counts = review.counts()
    open_items = [
        item for item in review.items if item.record.status not in ("approved", "rejected")
    ]
    if output_format is OutputFormat.json:
        print_json(
            {
                "release_id": chosen.id,
                "release": chosen.name,
                "counts": counts,
                "reviewed": counts["approved"] + counts["rejected"],
                "complete": not open_items and bool(review.items),
                "drafts": [
                    {
                        "handle": item.handle,
                        "label": item.label,
                        "title": item.title,
                        "status": item.record.status,
                        "reason": item.record.reason,
                        "comment": item.record.comment,
                        "provenance": item.record.provenance,
                        "edited_by": item.record.edited_by,
                        "updated_by": item.record.updated_by,
                        "updated_at": item.record.updated_at,
                        "warnings": item.record.open_warnings,
                        "dismissed_warnings": list(item.record.dismissed),
                        "stale": item.record.stale,
                        "outdated": item.record.outdated,
                        "revision": item.record.revision,
                    }
                    for item in review.items
                ],
            }
        )
        return
    line(Text.assemble((f"Release #{chosen.id}  ", "bold cyan"), (chosen.name, "bold")))
    line(Text(_counts_text(review), style="dim"))
    if not review.items:
        return
    if not open_items:
        line(Text("Review complete: every draft is approved or rejected.", style="green"))
        return
    width = max(len(item.handle) for item in open_items)
    line(Text("Still open:", style="bold"))
    for item in open_items:
        _item_line(item, width)


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")
