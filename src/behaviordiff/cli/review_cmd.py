"""`behaviordiff review`: list, approve, edit and reset a release's drafts from the terminal."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from behaviordiff.cli.console import OutputFormat, hang, line, print_json, stdout, warn
from behaviordiff.cli.options import ConfigOption, FormatOption, WorkspaceOption

if TYPE_CHECKING:
    from behaviordiff.pipeline import Release, Workspace
    from behaviordiff.review import Review, ReviewItem

review_app = typer.Typer(
    help="Review a release's drafted notes and macro/FAQ edits before CS gets them.",
    short_help="Review drafts: list, approve, edit, reset.",
    no_args_is_help=True,
)

ReleaseOption = Annotated[
    int | None,
    typer.Option("--release", "-r", help="Release id. Default: the latest release."),
]
_STATUS_STYLE = {"draft": "", "edited": "cyan", "approved": "green"}


@contextmanager
def _opened(
    config: Path | None, workspace: Path | None, release: int | None
) -> Iterator[tuple[Workspace, Release]]:
    """The workspace and the release to review (`pipeline.release_to_review` chooses it),
    its warnings shown first."""
    from behaviordiff.pipeline import open_project, open_workspace, release_to_review

    project = open_project(config)
    with open_workspace(project, workspace, create=False) as store:
        choice = release_to_review(store, release)
        warn(choice.warnings)
        yield store, choice.release


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


def _item_line(item: ReviewItem, width: int) -> None:
    record = item.record
    status = record.status
    prefix = Text.assemble(
        (f"{item.handle:<{width}}  ", "bold cyan"),
        (f"{status:<8}  ", _STATUS_STYLE.get(status, "")),
        f"{item.label:<7}  ",
    )
    body = Text(item.title)
    body.append(f" · {record.origin}", style="dim")
    if record.carried_from is not None:
        body.append(f" · carried from #{record.carried_from}", style="dim")
    if record.stale:
        body.append(" · stale", style="yellow")
    if record.outdated:
        body.append(" · outdated", style="yellow")
    hang(prefix.plain, body)


def _counts_text(review: Review) -> str:
    counts = review.counts()
    text = f"{counts['total']} draft(s): " + ", ".join(
        f"{counts[status]} {status}" for status in ("draft", "edited", "approved")
    )
    for flag in ("stale", "outdated"):
        if counts[flag]:
            text += f"; {counts[flag]} {flag}"
    return text


def _render_list(review: Review, release: Release) -> None:
    line(Text.assemble((f"Release #{release.id}  ", "bold cyan"), (release.name, "bold")))
    if not review.items:
        stdout.print(
            f"No drafts yet. Draft them with `behaviordiff draft --release {release.id}`.",
            style="dim",
        )
        return
    line(Text(_counts_text(review), style="dim"))
    width = max(len(item.handle) for item in review.items)
    for item in review.items:
        _item_line(item, width)
    counts = review.counts()
    if counts["outdated"]:
        line(
            Text(
                "Outdated: edited or approved by a writer against a text that reads differently "
                "now (the agent's behavior moved). An edited one keeps the writer's text: "
                "compare with `review edit HANDLE`, or `review reset HANDLE` for the new text. "
                "An approved one now holds the new text, back to draft: read it and approve "
                "it again.",
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
    if counts["draft"] + counts["edited"]:
        line(
            Text(
                "Next: `behaviordiff review edit HANDLE`, `behaviordiff review approve "
                "HANDLE...` or `behaviordiff review approve --all`.",
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
    from behaviordiff.review import load_review

    with _opened(config, workspace, release) as (store, chosen):
        review = load_review(store, chosen.id)
        if output_format is OutputFormat.json:
            print_json({"workspace": str(store.path), "release": chosen.name, **review.to_dict()})
        else:
            _render_list(review, chosen)


@review_app.command("approve", short_help="Approve drafts for CS.")
def approve_command(
    handles: Annotated[
        list[str] | None,
        typer.Argument(help="Drafts to approve: handles from `review list` (C1, C1.1)."),
    ] = None,
    approve_all: Annotated[
        bool, typer.Option("--all", help="Approve every draft that is not stale.")
    ] = False,
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Approve drafts for CS. Approving an approved draft changes nothing."""
    from behaviordiff.errors import UsageError
    from behaviordiff.review import approve, load_review

    if approve_all == bool(handles):
        raise UsageError(
            "name the drafts to approve, or pass --all, not both"
            if handles
            else "name the drafts to approve, or pass --all",
            hint="see the handles with `behaviordiff review list`",
        )
    with _opened(config, workspace, release) as (store, chosen):
        review = load_review(store, chosen.id)
        items = review.require_drafts() if approve_all else review.resolve(handles or [])
        result = approve(store, chosen.id, items, skip_stale=approve_all)
        after = load_review(store, chosen.id)
    if output_format is OutputFormat.json:
        print_json({"release_id": chosen.id, **result.to_dict(), "counts": after.counts()})
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
    if approve_all and not result.approved and not result.already:
        line(Text("Nothing to approve.", style="dim"))
    line(Text(_counts_text(after), style="dim"))


def _show_saved(handle: str, item: ReviewItem, changed: bool, what: str) -> None:
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
    from behaviordiff.drafting.service import grounding_by_change
    from behaviordiff.review import apply_edit, edit_with_editor, load_review, read_edit_file

    with _opened(config, workspace, release) as (store, chosen):
        item = load_review(store, chosen.id).resolve([handle])[0]
        groundings = grounding_by_change(store, chosen.id)
        if from_file is not None:
            values = read_edit_file(from_file, item)
            outcome = apply_edit(store, chosen.id, item, values, groundings)
        else:
            retry = _command("edit", item.handle, chosen.id, config, workspace)
            outcome = edit_with_editor(store, chosen.id, item, groundings, retry=retry)
    if output_format is OutputFormat.json:
        print_json({"release_id": chosen.id, **outcome.to_dict()})
        return
    _show_saved(item.handle, outcome.item, outcome.changed, "no changes; nothing saved")
    warn([f"{item.handle}: {message}" for message in outcome.warnings])


@review_app.command("reset", short_help="Back to the latest machine draft.")
def reset_command(
    handle: Annotated[str, typer.Argument(help="The draft to reset: a handle from `review list`.")],
    release: ReleaseOption = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Put a draft back to the latest machine draft, status `draft` (drops a writer's edit
    and approval)."""
    from behaviordiff.review import load_review, reset

    with _opened(config, workspace, release) as (store, chosen):
        item = load_review(store, chosen.id).resolve([handle])[0]
        updated, changed = reset(store, chosen.id, item)
    if output_format is OutputFormat.json:
        print_json({"release_id": chosen.id, "changed": changed, **updated.to_dict()})
        return
    _show_saved(item.handle, updated, changed, "already the machine draft; nothing to reset")
    if changed:
        line(Text("Back to the machine draft.", style="dim"))


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")
