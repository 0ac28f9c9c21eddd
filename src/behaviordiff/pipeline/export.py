"""Exporting a release's stored runs as replay JSONL, the format `compare` reads."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.errors import BehaviordiffError

if TYPE_CHECKING:
    from behaviordiff.store import Workspace
    from behaviordiff.store.runs import Side as Side


class ExportError(BehaviordiffError):
    title = "Cannot export transcripts"


@dataclass
class SideExport:
    side: Side
    runs: int
    """Runs the export writes."""
    failed_left_out: int


def plan_export(
    store: Workspace, release_id: int, sides: Sequence[Side], *, include_errors: bool
) -> list[SideExport]:
    """What each side's export holds; a side with nothing to write is an error before any
    file is touched."""
    from behaviordiff.store.runs import count_replay_runs

    plans = []
    for side in sides:
        ok, failed = count_replay_runs(store, release_id, side)
        if ok + failed == 0:
            raise ExportError(
                f"release #{release_id} has no stored {side} runs",
                where=store.path,
                hint="a release stored by `compare --save` keeps only its analysis (its "
                "transcripts are the files compare read); `behaviordiff releases` shows "
                "which releases have runs",
            )
        if ok == 0 and not include_errors:
            raise ExportError(
                f"all {failed} {side} runs of release #{release_id} failed",
                where=store.path,
                hint="run `behaviordiff run` again to retry them, or leave out --skip-errors "
                "to export them with their `error`",
            )
        plans.append(
            SideExport(
                side,
                ok + (failed if include_errors else 0),
                0 if include_errors else failed,
            )
        )
    return plans


def incomplete_warnings(store: Workspace, release_id: int) -> list[str]:
    """The release's runs are not all stored (a run still going, stopped or over budget)."""
    from behaviordiff.store.runs import RunStore

    runs = RunStore(store)
    plan = runs.plan(release_id)
    stored = sum(runs.counts(release_id).values())
    if plan is None or stored >= plan.total:
        return []
    return [
        f"release #{release_id} is incomplete: {stored} of {plan.total} planned runs are "
        "stored (a run still going, stopped or over budget); the export holds what is stored"
    ]


def replay_lines(
    store: Workspace, release_id: int, side: Side, *, include_errors: bool
) -> Iterator[dict[str, Any]]:
    """One side's runs, one replay record each, in probe and sample order."""
    from behaviordiff.store.runs import iter_replay_lines

    return iter_replay_lines(store, release_id, side, include_errors=include_errors)
