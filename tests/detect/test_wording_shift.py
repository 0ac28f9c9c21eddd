"""A probe's wording evidence is typed and written back as the same JSON."""

from __future__ import annotations

import json

from behaviordiff.detect.model import ProbeVerdict, WordingShift

FRESH = {
    "cross": 0.6124,
    "within": 0.2,
    "floor": 0.31,
    "beyond_floor": 1.0,
    "excess": 0.4124,
    "p_value": 0.05,
    "introduced": ["sorri"],
    "dropped": ["apolog"],
    "separates": True,
    "changed": True,
}


def _probe(wording: dict[str, object]) -> dict[str, object]:
    return {
        "probe_id": "p1",
        "verdict": "wording-only",
        "facets": [],
        "old_samples": 3,
        "new_samples": 3,
        "evidence": {"wording": wording, "excerpts": {"old": "a", "new": "b"}},
    }


def test_the_wording_evidence_reads_back_typed_and_writes_the_same_json() -> None:
    for wording in (FRESH, {k: v for k, v in FRESH.items() if k not in ("p_value", "separates")}):
        probe = ProbeVerdict.from_dict(_probe(wording))
        assert isinstance(probe.wording, WordingShift)
        assert json.dumps(probe.to_dict()) == json.dumps(_probe(wording))
    probe = ProbeVerdict.from_dict(_probe(FRESH))
    assert probe.wording is not None
    assert probe.wording.introduced == ("sorri",) and probe.wording.changed


def test_a_probe_never_compared_has_no_wording_evidence() -> None:
    probe = ProbeVerdict.from_dict(_probe({}))
    assert probe.wording is None
    assert probe.to_dict()["evidence"]["wording"] == {}
