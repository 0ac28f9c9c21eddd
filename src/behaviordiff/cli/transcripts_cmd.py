"""`behaviordiff transcripts`: a release's stored runs as replay JSONL, the input of `compare`."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from behaviordiff.cli.console import OutputFormat, StageProgress, line, print_json, warn
from behaviordiff.cli.options import ConfigOption, FormatOption, WorkspaceOption
from behaviordiff.errors import AlreadyExists, UsageError
from behaviordiff.secrets import scrub

if TYPE_CHECKING:
    from behaviordiff.pipeline.export import Side


class SideChoice(StrEnum):
    base = "base"
    head = "head"
    both = "both"


_SIDES: dict[SideChoice, list[Side]] = {
    SideChoice.base: ["base"],
    SideChoice.head: ["head"],
    SideChoice.both: ["base", "head"],
}


PROGRESS_FROM = 1000
"""Runs in a release from which the export reports progress on stderr."""
_PROGRESS_EVERY = 250


@dataclass
class _Target:
    side: Side
    path: Path | None
    """None: stdout."""
    runs: int = 0
    failed_left_out: int = 0


def _targets(side: SideChoice, output: Path | None) -> list[_Target]:
    """Where each side goes: stdout, the file -o names, or <side>.jsonl in the -o folder."""
    from behaviordiff.pipeline.export import ExportError

    sides = _SIDES[side]
    if output is None:
        if side is SideChoice.both:
            raise UsageError(
                "--side both writes two files, base.jsonl and head.jsonl",
                hint="give a folder with -o, or export one side to stdout with --side base "
                "or --side head",
            )
        return [_Target(sides[0], None)]
    if side is SideChoice.both or output.is_dir():
        if output.exists() and not output.is_dir():
            raise ExportError(
                "--side both writes base.jsonl and head.jsonl into a folder; this is a file",
                where=output,
                hint="give a folder with -o (it is created if missing)",
            )
        return [_Target(name, output / f"{name}.jsonl") for name in sides]
    return [_Target(sides[0], output)]


def _check_free(targets: list[_Target], *, force: bool) -> None:
    from behaviordiff.pipeline.export import ExportError

    for target in targets:
        path = target.path
        if path is None or not path.exists():
            continue
        if path.is_dir():
            raise ExportError(
                "a folder is in the way of the file to write",
                where=path,
                hint="choose another -o, or move the folder",
            )
        if not force:
            raise AlreadyExists(
                "the file exists",
                where=path,
                hint="add --force to replace it, or choose another path with -o",
            )


@contextmanager
def _open_output(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or a temporary file beside `path` that replaces it once complete: an export
    that fails or is interrupted never leaves half a file, nor clobbers the old one."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    import tempfile

    from behaviordiff.pipeline.export import ExportError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, then renamed)
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
        )
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(handle.name, 0o666 & ~umask)  # a temporary file is private; the export is not
    except OSError as exc:
        raise ExportError(
            f"cannot write here ({exc.strerror or exc})",
            where=path,
            hint="choose a writable place with -o, or leave -o out to write to stdout",
        ) from None
    done = False
    try:
        with handle:
            yield handle
        os.replace(handle.name, path)
        done = True
    except OSError as exc:
        raise ExportError(
            f"cannot write the file ({exc.strerror or exc})",
            where=path,
            hint="check the free space and permissions, or choose another path with -o",
        ) from None
    finally:
        if not done:
            Path(handle.name).unlink(missing_ok=True)


def _left_out(target: _Target) -> str:
    return (
        f"{target.failed_left_out} failed {target.side} run(s) left out "
        "(without --skip-errors they are written)"
    )


def transcripts_command(
    side: Annotated[
        SideChoice,
        typer.Option(
            "--side",
            "-s",
            help="Which version's runs: base, head, or both (needs -o FOLDER).",
            case_sensitive=False,
        ),
    ],
    release: Annotated[
        int | None,
        typer.Option("--release", "-r", help="Release id. Default: the latest release."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write, or folder for <side>.jsonl (with --side both: base.jsonl "
            "and head.jsonl). Default: stdout.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace output files that exist.")
    ] = False,
    include_errors: Annotated[
        bool,
        typer.Option(
            "--include-errors/--skip-errors",
            help="Write runs that failed too, with their `error` (the default): compare "
            "reads them as failed runs, as the release's own analysis does.",
        ),
    ] = True,
    config: ConfigOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Write a release's stored runs in the replay format that `compare` and the replay adapter read.

    One run per line: probe_id, sample, messages, what the run read out of them
    (input_count, escalated: compare reads them the same way, without escalation markers
    of its own), and the run's side, adapter, model, usage, latency_ms and finish_reason,
    which compare keeps as metadata. Without -o the
    lines go to stdout (`| gzip > head.jsonl.gz`). With -o and --format json, a summary of
    the files written is printed; without -o, stdout holds only the runs.
    """  # noqa: E501
    from behaviordiff.pipeline import (
        incomplete_warnings,
        open_project,
        open_workspace,
        plan_export,
        release_or_latest,
        replay_lines,
    )

    as_json = output_format is OutputFormat.json
    if as_json and output is None:
        from behaviordiff.errors import UsageError

        raise UsageError(
            "--format json needs -o: without it the runs themselves go to stdout, as JSONL "
            "(one JSON document per line)",
            hint="add -o FILE or -o FOLDER to get a JSON summary of the files written",
        )
    targets = _targets(side, output)
    _check_free(targets, force=force)
    project = open_project(config)
    with open_workspace(project, workspace, create=False) as store:
        release_id = release_or_latest(store, release).id
        plans = plan_export(
            store, release_id, [target.side for target in targets], include_errors=include_errors
        )
        for target, plan in zip(targets, plans, strict=True):
            target.failed_left_out = plan.failed_left_out
        total = sum(plan.runs for plan in plans)
        warnings = incomplete_warnings(store, release_id)
        if output is None:
            warnings += [_left_out(target) for target in targets if target.failed_left_out]
        if not as_json:
            warn(warnings)
        done = 0
        with StageProgress(
            f"Exporting release #{release_id}", quiet=as_json or total < PROGRESS_FROM
        ) as progress:
            for target in targets:
                stage = f"{target.side} runs"
                with _open_output(target.path) as handle:
                    lines = replay_lines(
                        store, release_id, target.side, include_errors=include_errors
                    )
                    for record in lines:
                        handle.write(scrub(json.dumps(record, ensure_ascii=False)) + "\n")
                        target.runs += 1
                        done += 1
                        if done % _PROGRESS_EVERY == 0:
                            progress(stage, done, total)
                progress(stage, done, total)
    if output is None:
        return
    if as_json:
        print_json(
            {
                "release": release_id,
                "include_errors": include_errors,
                "files": [
                    {
                        "side": target.side,
                        "path": str(target.path),
                        "runs": target.runs,
                        "failed_left_out": target.failed_left_out,
                    }
                    for target in targets
                ],
                "warnings": warnings,
            }
        )
        return
    for target in targets:
        note = f"; {_left_out(target)}" if target.failed_left_out else ""
        line(
            f"Wrote {target.runs} {target.side} run(s) of release #{release_id} "
            f"to {target.path}{note}"
        )
    if len(targets) == 2:
        base_file, head_file = (target.path for target in targets)
        line(f"Compare them: behaviordiff compare {base_file} {head_file}")


def register(app: typer.Typer) -> None:
    app.command("transcripts", short_help="Export a release's runs as replay JSONL.")(
        transcripts_command
    )
