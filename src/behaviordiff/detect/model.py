"""The analysis as plain data, and its JSON form: the `compare --format json` contract.

`Analysis.to_dict()` gives `{"probes": [...], "changes": [...], "noise": {...}}`; each probe has
`probe_id, verdict, facets, old_samples, new_samples, evidence`, each change `id, title,
probe_ids, facets, conditions, attribution`. Keys may be added; none may be removed or renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Verdict = Literal["unchanged", "wording-only", "behavior-changed", "inconclusive"]
VERDICTS: tuple[Verdict, ...] = ("unchanged", "wording-only", "behavior-changed", "inconclusive")
FACETS = ("actions", "escalation", "refusal", "promises", "meaning")


@dataclass
class FacetResult:
    facet: str
    status: Literal["same", "changed", "inconclusive"]
    p_value: float | None
    method: str
    """fisher, pooled-floor, permutation, noise-floor."""
    removed: list[str] = field(default_factory=list)
    """Items seen more often in the old samples (actions, promises)."""
    added: list[str] = field(default_factory=list)
    old_counts: dict[str, int] = field(default_factory=dict)
    new_counts: dict[str, int] = field(default_factory=dict)
    more_samples: int | None = None
    """Samples per version that would likely decide an inconclusive facet."""
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "status": self.status,
            "p_value": None if self.p_value is None else round(self.p_value, 6),
            "method": self.method,
        }
        if self.removed:
            data["removed"] = self.removed
        if self.added:
            data["added"] = self.added
        if self.old_counts or self.new_counts:
            data["old_counts"] = self.old_counts
            data["new_counts"] = self.new_counts
        if self.more_samples is not None:
            data["more_samples"] = self.more_samples
        data.update(self.detail)
        return data


@dataclass
class ProbeVerdict:
    probe_id: str
    verdict: Verdict
    facets: list[str]
    """Changed facets (behavior-changed) or undecided ones (inconclusive)."""
    old_samples: int
    new_samples: int
    results: dict[str, FacetResult] = field(default_factory=dict)
    wording: dict[str, Any] = field(default_factory=dict)
    excerpts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    more_samples: int | None = None
    change_id: str | None = None
    features: dict[str, Any] = field(default_factory=dict)
    """Variables, flattened tool fixtures and tags, as used for conditions."""

    def to_dict(self) -> dict[str, Any]:
        evidence: dict[str, Any] = {name: result.to_dict() for name, result in self.results.items()}
        evidence["wording"] = self.wording
        evidence["excerpts"] = self.excerpts
        if self.notes:
            evidence["notes"] = self.notes
        if self.more_samples is not None:
            evidence["more_samples"] = self.more_samples
        data: dict[str, Any] = {
            "probe_id": self.probe_id,
            "verdict": self.verdict,
            "facets": list(self.facets),
            "old_samples": self.old_samples,
            "new_samples": self.new_samples,
            "evidence": evidence,
        }
        if self.change_id:
            data["change_id"] = self.change_id
        return data


@dataclass(frozen=True)
class Condition:
    """A rule separating the probes where a change happens from those where it does not."""

    text: str
    """e.g. "order_total > 50 and delay_hours > 48"."""
    atoms: tuple[dict[str, Any], ...]
    matched_changed: int
    changed: int
    matched_others: int
    others: int

    def describe(self) -> str:
        return (
            f"{self.text}: {self.matched_changed} of {self.changed} changed; "
            f"{self.matched_others} of {self.others} others"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "summary": self.describe(),
            "atoms": list(self.atoms),
            "changed": {"matched": self.matched_changed, "total": self.changed},
            "others": {"matched": self.matched_others, "total": self.others},
        }


@dataclass(frozen=True)
class Attribution:
    hunk_id: str
    score: float
    reasons: tuple[str, ...]
    summary: str
    kind: str
    file: str
    section: str | None = None
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "hunk_id": self.hunk_id,
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
            "summary": self.summary,
            "kind": self.kind,
            "file": self.file,
        }
        if self.section:
            data["section"] = self.section
        if self.key:
            data["key"] = self.key
        return data


@dataclass
class BehaviorChange:
    id: str
    title: str
    probe_ids: list[str]
    facets: list[str]
    kind: str
    """actions, escalation, refusal, promises, meaning: the facet that defines the cluster."""
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    attribution: list[Attribution] = field(default_factory=list)
    excerpts: list[dict[str, str]] = field(default_factory=list)
    moved_arguments: list[dict[str, Any]] = field(default_factory=list)
    """For calls that stayed and whose numbers moved: per call and argument, the ratio or
    difference every probe shares (if any) and each probe's old and new value."""
    aspects: list[dict[str, Any]] = field(default_factory=list)
    """Other facets of the same change, under the same condition (kind, title, before, after,
    probe_ids): "no longer states dates" beside "now calls lookup_customer"."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "probe_ids": list(self.probe_ids),
            "facets": list(self.facets),
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
            "conditions": [condition.to_dict() for condition in self.conditions],
            "attribution": [item.to_dict() for item in self.attribution],
            "excerpts": self.excerpts,
            "moved_arguments": self.moved_arguments,
            "aspects": self.aspects,
        }


@dataclass
class NoiseReport:
    backend: str
    alpha: float
    deviation_rates: dict[str, float]
    """Per facet: how often one sample disagrees with the others of its probe and version."""
    deviation_counts: dict[str, tuple[int, int]]
    meaning_floor: float
    wording_floor: float
    within_pairs: int
    probes_with_several_samples: int
    probes_with_one_sample: int
    measured: bool
    """False when no probe had several samples of a version: the floor is the prior."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "alpha": self.alpha,
            "measured": self.measured,
            "deviation_rates": {k: round(v, 5) for k, v in self.deviation_rates.items()},
            "deviation_counts": {
                k: {"deviations": d, "opportunities": o}
                for k, (d, o) in self.deviation_counts.items()
            },
            "meaning_floor": round(self.meaning_floor, 4),
            "wording_floor": round(self.wording_floor, 4),
            "within_pairs": self.within_pairs,
            "probes_with_several_samples": self.probes_with_several_samples,
            "probes_with_one_sample": self.probes_with_one_sample,
        }


@dataclass
class Analysis:
    probes: list[ProbeVerdict]
    changes: list[BehaviorChange]
    noise: NoiseReport
    old_label: str = "old"
    new_label: str = "new"
    unmatched: dict[str, list[str]] = field(default_factory=dict)
    wording_groups: list[BehaviorChange] = field(default_factory=list)
    """Wording-only probes grouped the same way, with the hunks likely behind them."""
    tools_called: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per side ("old", "new"): each tool the agent called, with how many calls."""

    def verdict_counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(VERDICTS, 0)
        for probe in self.probes:
            counts[probe.verdict] += 1
        return counts

    @property
    def changed(self) -> bool:
        return any(probe.verdict == "behavior-changed" for probe in self.probes)

    def probe(self, probe_id: str) -> ProbeVerdict:
        for probe in self.probes:
            if probe.probe_id == probe_id:
                return probe
        raise KeyError(probe_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old_label,
            "new": self.new_label,
            "summary": self.verdict_counts(),
            "probes": [probe.to_dict() for probe in self.probes],
            "changes": [change.to_dict() for change in self.changes],
            "wording_changes": [group.to_dict() for group in self.wording_groups],
            "noise": self.noise.to_dict(),
            "unmatched": self.unmatched,
            "tools_called": self.tools_called,
        }
