"""Reads the review app needs, one change or one probe at a time: a release with 500 changes
over 10,000 probes opens without loading its whole analysis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.model import BehaviorChange
from behaviordiff.store.analysis import without_features
from behaviordiff.store.rows import damaged, place, row_place, stored_json
from behaviordiff.store.workspace import Workspace


@dataclass(frozen=True)
class ChangeRow:
    change_id: str
    title: str
    kind: str
    """A facet (actions, promises, ...) or `wording` for a wording-only group."""
    probe_ids: list[str]
    facets: list[str]
    position: int


@dataclass(frozen=True)
class ChangeDetail:
    row: ChangeRow
    change: BehaviorChange
    """The stored change, typed as the analysis holds it."""


@dataclass(frozen=True)
class ProbeVerdictRow:
    probe_id: str
    verdict: str
    facets: list[str]
    old_samples: int
    new_samples: int
    evidence: dict[str, Any]


def _change_at(row: Any, column: str) -> str:
    return row_place("behavior_changes", column, row, "release_id", "change_id")


def _probe_at(row: Any, column: str, release_id: int) -> str:
    return row_place("probe_verdicts", column, row, "probe_id", release_id=release_id)


def _row(row: Any) -> ChangeRow:
    return ChangeRow(
        change_id=row["change_id"],
        title=row["title"],
        kind=row["kind"],
        probe_ids=stored_json(row["probe_ids_json"], at=_change_at(row, "probe_ids_json")),
        facets=stored_json(row["facets_json"], at=_change_at(row, "facets_json")),
        position=row["position"],
    )


def change_rows(workspace: Workspace, release_id: int) -> list[ChangeRow]:
    rows = workspace.db.execute(
        "SELECT release_id, change_id, title, kind, probe_ids_json, facets_json, position "
        "FROM behavior_changes WHERE release_id = ? ORDER BY position",
        (release_id,),
    ).fetchall()
    return [_row(row) for row in rows]


def change_detail(workspace: Workspace, release_id: int, change_id: str) -> ChangeDetail | None:
    row = workspace.db.execute(
        "SELECT * FROM behavior_changes WHERE release_id = ? AND change_id = ?",
        (release_id, change_id),
    ).fetchone()
    if row is None:
        return None
    change = {
        "id": row["change_id"],
        "title": row["title"],
        "probe_ids": stored_json(row["probe_ids_json"], at=_change_at(row, "probe_ids_json")),
        "facets": stored_json(row["facets_json"], at=_change_at(row, "facets_json")),
        "kind": row["kind"],
        **stored_json(row["data_json"], dict, at=_change_at(row, "data_json")),
        "conditions": stored_json(row["conditions_json"], at=_change_at(row, "conditions_json")),
        "attribution": stored_json(row["attribution_json"], at=_change_at(row, "attribution_json")),
    }
    try:
        return ChangeDetail(row=_row(row), change=BehaviorChange.from_dict(change))
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise damaged(
            f"change {change_id} does not read back: {type(exc).__name__}",
            at=place("behavior_changes", release_id=release_id, change_id=change_id),
        ) from None


def probe_verdicts(
    workspace: Workspace, release_id: int, probe_ids: Sequence[str]
) -> list[ProbeVerdictRow]:
    """The verdicts of the given probes, in the given order."""
    found: dict[str, ProbeVerdictRow] = {}
    for start in range(0, len(probe_ids), 500):
        chunk = list(probe_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        for row in workspace.db.execute(
            "SELECT probe_id, verdict, facets_json, old_samples, new_samples, evidence_json "
            f"FROM probe_verdicts WHERE release_id = ? AND probe_id IN ({marks})",
            (release_id, *chunk),
        ):
            found[row["probe_id"]] = ProbeVerdictRow(
                probe_id=row["probe_id"],
                verdict=row["verdict"],
                facets=stored_json(
                    row["facets_json"], at=_probe_at(row, "facets_json", release_id)
                ),
                old_samples=row["old_samples"],
                new_samples=row["new_samples"],
                evidence=without_features(
                    stored_json(
                        row["evidence_json"], at=_probe_at(row, "evidence_json", release_id)
                    )
                ),
            )
    return [found[probe_id] for probe_id in probe_ids if probe_id in found]


def probe_transcripts(
    workspace: Workspace, release_id: int, probe_id: str
) -> dict[str, list[dict[str, Any]]]:
    """The stored runs of one probe, per side (`base`, `head`), by sample."""
    sides: dict[str, list[dict[str, Any]]] = {"base": [], "head": []}
    for row in workspace.db.execute(
        "SELECT side, sample, transcript_json FROM runs WHERE release_id = ? AND probe_id = ? "
        "AND side IN ('base', 'head') ORDER BY side, sample",
        (release_id, probe_id),
    ):
        at = row_place(
            "runs",
            "transcript_json",
            row,
            "side",
            "sample",
            release_id=release_id,
            probe_id=probe_id,
        )
        sides[row["side"]].append(stored_json(row["transcript_json"], dict, at=at))
    return sides
