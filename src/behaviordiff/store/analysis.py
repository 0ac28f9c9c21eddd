"""Stored detection results: verdicts per probe and behavior changes of a release.

Stored as the `compare --format json` contract and loaded back as the typed `Analysis`
(`detect.model` is plain data with no further imports), so a loaded result reads exactly like a
fresh one. Analyses stored by older versions (without aspects, moved arguments or tools called)
load with those parts empty.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from behaviordiff.detect.model import Analysis, BehaviorChange
from behaviordiff.store.rows import damaged, place, stored_json

_CHANGE_KEYS = ("id", "title", "kind", "probe_ids", "facets", "conditions", "attribution")


_FEATURES = "_features"
"""Where a verdict's probe features (variables, tool fixtures, tags) are kept with its
evidence: drafting reads them (each customer's own amounts, the values a condition takes),
and an analysis read back without them drafted otherwise than the one `run` had in memory
(`draft` after `run --no-draft`, or a CI job's `run`, gave another macro edit)."""


def without_features(evidence: Any) -> Any:
    """A verdict's stored evidence as the analysis shows it: its probe's features apart."""
    if isinstance(evidence, dict) and _FEATURES in evidence:
        return {key: value for key, value in evidence.items() if key != _FEATURES}
    return evidence


def write_analysis(
    db: sqlite3.Connection, release_id: int, analysis: Analysis, created_at: str
) -> None:
    """Replace the release's stored analysis; call inside one transaction."""
    data = analysis.to_dict()
    for table in ("probe_verdicts", "behavior_changes", "analyses"):
        db.execute(f"DELETE FROM {table} WHERE release_id = ?", (release_id,))
    extra = {
        key: value
        for key, value in data.items()
        if key not in ("probes", "changes", "wording_changes", "noise")
    }
    db.execute(
        "INSERT INTO analyses (release_id, created_at, noise_json, extra_json) VALUES (?, ?, ?, ?)",
        (release_id, created_at, json.dumps(data.get("noise", {})), json.dumps(extra)),
    )
    db.executemany(
        "INSERT INTO probe_verdicts (release_id, probe_id, verdict, facets_json, old_samples, "
        "new_samples, change_id, evidence_json, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                release_id,
                probe["probe_id"],
                probe["verdict"],
                json.dumps(probe.get("facets", [])),
                int(probe.get("old_samples", 0)),
                int(probe.get("new_samples", 0)),
                probe.get("change_id"),
                json.dumps({**probe.get("evidence", {}), _FEATURES: features}, default=str),
                position,
            )
            for position, (probe, features) in enumerate(
                zip(
                    data.get("probes", []),
                    [verdict.features for verdict in analysis.probes],
                    strict=True,
                )
            )
        ],
    )
    changes = [*data.get("changes", []), *data.get("wording_changes", [])]
    db.executemany(
        "INSERT INTO behavior_changes (release_id, change_id, title, kind, probe_ids_json, "
        "facets_json, conditions_json, attribution_json, data_json, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                release_id,
                change["id"],
                change["title"],
                change.get("kind", "change"),
                json.dumps(change.get("probe_ids", [])),
                json.dumps(change.get("facets", [])),
                json.dumps(change.get("conditions", [])),
                json.dumps(change.get("attribution", [])),
                json.dumps({k: v for k, v in change.items() if k not in _CHANGE_KEYS}),
                position,
            )
            for position, change in enumerate(changes)
        ],
    )


def read_analysis(db: sqlite3.Connection, release_id: int) -> Analysis | None:
    row = db.execute(
        "SELECT noise_json, extra_json FROM analyses WHERE release_id = ?", (release_id,)
    ).fetchone()
    if row is None:
        return None
    data: dict[str, Any] = stored_json(
        row[1], dict, at=place("analyses", "extra_json", release_id=release_id)
    )
    probes = []
    for probe in db.execute(
        "SELECT probe_id, verdict, facets_json, old_samples, new_samples, change_id, "
        "evidence_json FROM probe_verdicts WHERE release_id = ? ORDER BY position",
        (release_id,),
    ):

        def probe_at(column: str, probe_id: str = probe[0]) -> str:
            return place("probe_verdicts", column, release_id=release_id, probe_id=probe_id)

        evidence = stored_json(probe[6], at=probe_at("evidence_json"))
        features = evidence.get(_FEATURES) if isinstance(evidence, dict) else None
        evidence = without_features(evidence)
        item: dict[str, Any] = {
            "probe_id": probe[0],
            "verdict": probe[1],
            "facets": stored_json(probe[2], at=probe_at("facets_json")),
            "old_samples": probe[3],
            "new_samples": probe[4],
            "evidence": evidence,
            "features": features if isinstance(features, dict) else {},
        }
        if probe[5]:
            item["change_id"] = probe[5]
        probes.append(item)
    changes: list[dict[str, Any]] = []
    wording: list[dict[str, Any]] = []
    for change in db.execute(
        "SELECT change_id, title, kind, probe_ids_json, facets_json, conditions_json, "
        "attribution_json, data_json FROM behavior_changes WHERE release_id = ? ORDER BY position",
        (release_id,),
    ):

        def change_at(column: str, change_id: str = change[0]) -> str:
            return place("behavior_changes", column, release_id=release_id, change_id=change_id)

        entry = {
            "id": change[0],
            "title": change[1],
            "probe_ids": stored_json(change[3], at=change_at("probe_ids_json")),
            "facets": stored_json(change[4], at=change_at("facets_json")),
            "kind": change[2],
            **stored_json(change[7], dict, at=change_at("data_json")),
            "conditions": stored_json(change[5], at=change_at("conditions_json")),
            "attribution": stored_json(change[6], at=change_at("attribution_json")),
        }
        try:
            BehaviorChange.from_dict(entry)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise damaged(
                f"change {change[0]} does not read back: {type(exc).__name__}",
                at=place("behavior_changes", release_id=release_id, change_id=change[0]),
            ) from None
        (wording if change[2] == "wording" else changes).append(entry)
    data.update(
        probes=probes,
        changes=changes,
        wording_changes=wording,
        noise=stored_json(row[0], at=place("analyses", "noise_json", release_id=release_id)),
    )
    try:
        return Analysis.from_dict(data)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise damaged(
            f"the analysis of release {release_id} does not read back: {type(exc).__name__}",
            at=place("analyses", release_id=release_id),
        ) from None
