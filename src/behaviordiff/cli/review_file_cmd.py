"""`behaviordiff review export` / `review import`: review decisions as a file to commit, so
approvals made on a writer's machine reach the CI workspace the `gate` job reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import OutputFormat, line, print_json
from behaviordiff.cli.options import ConfigOption, FormatOption, WorkspaceOption

_RELEASE_HELP = "Release id. Default: the newest release with drafts."


def export_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write. Default: behaviordiff-reviews.json beside the config.",
        ),
    ] = None,
    release: Annotated[int | None, typer.Option("--release", "-r", help=_RELEASE_HELP)] = None,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Write the release's review decisions (approvals, rejections, a writer's text) and CS's
    acknowledgements and applied edits to a file to commit: `gate --reviews FILE` and `review
    import FILE` apply them in another workspace (CI's), where the text reads the same."""
    from behaviordiff.pipeline import open_project, open_workspace, release_to_review
    from behaviordiff.pipeline.review import reviewer
    from behaviordiff.publish.review_file import DEFAULT_FILE, export_reviews, write_review_file

    project = open_project(config)
    target = output if output is not None else project.root / DEFAULT_FILE
    with open_workspace(project, workspace, create=False) as store:
        choice = release_to_review(store, release)
        document = export_reviews(store, choice.release.id, actor=reviewer(project))
    write_review_file(target, document)
    decided = len(document["drafts"])
    acks, applied = len(document["acknowledgements"]), len(document["applied"])
    if output_format is OutputFormat.json:
        print_json(
            {
                "file": str(target),
                "release_id": choice.release.id,
                "drafts": decided,
                "acknowledgements": acks,
                "applied": applied,
            }
        )
        return
    line(
        f"Wrote {decided} review decision(s) of release #{choice.release.id} to {target}, "
        f"with {acks} CS acknowledgement(s) and {applied} edit(s) CS applied. "
        "Commit it: the CI gate reads it with `behaviordiff gate --reviews "
        f"{output if output is not None else DEFAULT_FILE}`."
    )


def import_command(
    file: Annotated[Path, typer.Argument(help="A file `review export` wrote.", dir_okay=False)],
    release: Annotated[
        int | None, typer.Option("--release", "-r", help="Release id. Default: the latest.")
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Take the file's decision also where a writer here decided differently "
            "(kept and listed otherwise).",
        ),
    ] = False,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Record the decisions of a review file (`review export`) on this workspace's release:
    each on the draft of the same change whose machine text reads as the one decided on. The
    others are listed with the reason (review them again); a draft a writer here decided
    differently keeps that decision unless --replace."""
    from behaviordiff.cli.render import render_review_import
    from behaviordiff.pipeline import open_project, open_workspace, release_or_latest
    from behaviordiff.publish.review_file import import_reviews, read_review_file

    reviews = read_review_file(file)
    project = open_project(config)
    with open_workspace(project, workspace, create=False) as store:
        chosen = release_or_latest(store, release)
        outcome = import_reviews(store, chosen.id, reviews, file=str(file), replace=replace)
    if output_format is OutputFormat.json:
        print_json(outcome.to_dict())
    else:
        render_review_import(outcome)


def register(review_app: typer.Typer) -> None:
    """Onto the `review` group, beside its other subcommands (the app passes it in: commands
    never import each other)."""
    review_app.command("export", short_help="Review decisions to a file to commit (for CI).")(
        export_command
    )
    review_app.command("import", short_help="Record a review file's decisions here.")(
        import_command
    )
