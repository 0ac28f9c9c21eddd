"""The analysis as plain data, and its JSON form: the `compare --format json` contract.

`Analysis.from_dict()` reads that form back into the same typed model (what the store keeps and
what drafting reads), so `Analysis.from_dict(a.to_dict()).to_dict() == a.to_dict()`. Keys added
later (aspects, moved arguments, tools called) default to empty when an older stored analysis
lacks them.

`Analysis.to_dict()` gives `{"probes": [...], "changes": [...], "noise": {...}}`; each probe has
`probe_id, verdict, facets, old_samples, new_samples, evidence`, each change `id, title,
probe_ids, facets, conditions, attribution`. Keys may be added; none may be removed or renamed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

Verdict = Literal["unchanged", "wording-only", "behavior-changed", "inconclusive"]
VERDICTS: tuple[Verdict, ...] = ("unchanged", "wording-only", "behavior-changed", "inconclusive")
FACETS = ("actions", "escalation", "refusal", "promises", "meaning")

_FACET_KEYS = (
    "status", "p_value", "method", "removed", "added", "old_counts", "new_counts", "more_samples"
)  # fmt: skip
_EVIDENCE_KEYS = ("wording", "excerpts", "notes", "more_samples")


def _counts(data: Any) -> dict[str, int]:
    return {str(key): int(value) for key, value in (data or {}).items()}


def _strings(data: Any) -> list[str]:
    return [str(item) for item in data or []]


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

    @classmethod
    def from_dict(cls, facet: str, data: Mapping[str, Any]) -> FacetResult:
        p_value = data.get("p_value")
        more = data.get("more_samples")
        return cls(
            facet=facet,
            status=data.get("status", "same"),
            p_value=None if p_value is None else float(p_value),
            method=str(data.get("method", "")),
            removed=_strings(data.get("removed")),
            added=_strings(data.get("added")),
            old_counts=_counts(data.get("old_counts")),
            new_counts=_counts(data.get("new_counts")),
            more_samples=None if more is None else int(more),
            detail={key: value for key, value in data.items() if key not in _FACET_KEYS},
        )


def _float(value: Any) -> float | None:
    return None if value is None or isinstance(value, bool) else float(value)


@dataclass(frozen=True)
class WordingShift:
    """How far one probe's wording moved between the versions: old–new word distances against
    the same version's (`cross`, `within`, `floor`, `excess`), the rare words every sample of
    one version uses and the other never does, and whether that counts as a change."""

    cross: float | None = None
    within: float | None = None
    floor: float | None = None
    beyond_floor: float | None = None
    excess: float | None = None
    p_value: float | None = None
    """A permutation test's, when the probe had enough samples to permute."""
    introduced: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    separates: bool | None = None
    """Whether the distances alone separate the versions; kept when the words already decided."""
    changed: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "cross": self.cross,
            "within": self.within,
            "floor": self.floor,
            "beyond_floor": self.beyond_floor,
            "excess": self.excess,
        }
        if self.p_value is not None:
            data["p_value"] = self.p_value
        data["introduced"] = list(self.introduced)
        data["dropped"] = list(self.dropped)
        if self.separates is not None:
            data["separates"] = self.separates
        data["changed"] = self.changed
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WordingShift:
        separates = data.get("separates")
        return cls(
            cross=_float(data.get("cross")),
            within=_float(data.get("within")),
            floor=_float(data.get("floor")),
            beyond_floor=_float(data.get("beyond_floor")),
            excess=_float(data.get("excess")),
            p_value=_float(data.get("p_value")),
            introduced=tuple(_strings(data.get("introduced"))),
            dropped=tuple(_strings(data.get("dropped"))),
            separates=None if separates is None else bool(separates),
            changed=bool(data.get("changed", False)),
        )


@dataclass
class ProbeVerdict:
    probe_id: str
    verdict: Verdict
    facets: list[str]
    """Changed facets (behavior-changed) or undecided ones (inconclusive)."""
    old_samples: int
    new_samples: int
    results: dict[str, FacetResult] = field(default_factory=dict)
    wording: WordingShift | None = None
    """None for a probe with no successful run on one side."""
    excerpts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    more_samples: int | None = None
    change_id: str | None = None
    features: dict[str, Any] = field(default_factory=dict)
    """Variables, flattened tool fixtures and tags, as used for conditions."""

    def to_dict(self) -> dict[str, Any]:
        evidence: dict[str, Any] = {name: result.to_dict() for name, result in self.results.items()}
        evidence["wording"] = self.wording.to_dict() if self.wording is not None else {}
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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProbeVerdict:
        evidence: Mapping[str, Any] = data.get("evidence") or {}
        more = evidence.get("more_samples")
        return cls(
            probe_id=str(data["probe_id"]),
            verdict=data.get("verdict", "unchanged"),
            facets=_strings(data.get("facets")),
            old_samples=int(data.get("old_samples", 0)),
            new_samples=int(data.get("new_samples", 0)),
            results={
                name: FacetResult.from_dict(name, result)
                for name, result in evidence.items()
                if name not in _EVIDENCE_KEYS
            },
            wording=WordingShift.from_dict(wording)
            if (wording := evidence.get("wording"))
            else None,
            excerpts={str(k): str(v) for k, v in (evidence.get("excerpts") or {}).items()},
            notes=_strings(evidence.get("notes")),
            more_samples=None if more is None else int(more),
            change_id=data.get("change_id") or None,
            features=dict(features)
            if isinstance(features := data.get("features"), Mapping)
            else {},
        )


Number = int | float
AtomValue = float | int | str | bool | tuple[str, ...] | None


def _atom_value(value: Any) -> AtomValue:
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _atom_bound(value: Any) -> Number | str | None:
    """An interval's bound: a number, or the ISO date of a variable of dates."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return _bound(value)


def _bound(value: Any) -> Number | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return value
    try:
        return float(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class Atom:
    """One predicate of a condition: `order_total > 50`, `tier = gold`, `tier in {a, b}`,
    `tag refund`, `tag in {refund, refund-status}` (either tag), or an interval
    `10 < requested_discount <= 15` (op "between")."""

    feature: str
    op: str
    """">", "<=", ">=", "<", "=", "in", "tag" or "between"."""
    value: AtomValue = None
    """The threshold or category; a tuple of categories for "in"; None for "tag" and
    "between", or for "tag" the tuple of tags any of which matches (its feature the first's)."""
    low: Number | str | None = None
    """An interval's bounds (op "between"); an ISO date for a variable of dates."""
    high: Number | str | None = None
    low_inclusive: bool = False
    high_inclusive: bool = True
    tag_label: bool = field(default=False, compare=False)
    """The atom restates what a tag of the same condition labels (`has_deposit = false` beside
    `tag no-deposit`): said for the reader, no predicate of its own (`rule_atoms`)."""

    @property
    def bounds(self) -> str:
        """ "(]" for low < x <= high, "[)" for low <= x < high."""
        return ("[" if self.low_inclusive else "(") + ("]" if self.high_inclusive else ")")

    def to_dict(self) -> dict[str, Any]:
        if self.op == "between":
            return {
                "feature": self.feature,
                "op": "between",
                "low": self.low,
                "high": self.high,
                "bounds": self.bounds,
                "low_inclusive": self.low_inclusive,
                "high_inclusive": self.high_inclusive,
            }
        if self.op == "tag" and isinstance(self.value, tuple):
            return {"feature": self.feature, "op": "tag", "value": list(self.value)}
        if self.op == "tag":
            return {"feature": self.feature, "op": "tag"}
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        stored = {"feature": self.feature, "op": self.op, "value": value}
        return {**stored, "tag_label": True} if self.tag_label else stored

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Atom:
        """An atom from its JSON form; an interval stored before its inclusive flags were
        recorded reads as (low, high], as it was searched then."""
        bounds = str(data.get("bounds") or "")
        low_inclusive = data.get("low_inclusive")
        high_inclusive = data.get("high_inclusive")
        return cls(
            feature=str(data.get("feature", "")),
            op=str(data.get("op", "")),
            value=_atom_value(data.get("value")),
            low=_atom_bound(data.get("low")),
            high=_atom_bound(data.get("high")),
            low_inclusive=bool(bounds.startswith("[") if low_inclusive is None else low_inclusive),
            high_inclusive=bool(
                not bounds.endswith(")") if high_inclusive is None else high_inclusive
            ),
            tag_label=data.get("tag_label") is True,
        )


def rule_atoms(condition: Condition) -> tuple[Atom, ...]:
    """The atoms of a condition that pick whom its rule covers: neither its tags (the probe
    author's topics) nor an atom restating what one of them labels (`Atom.tag_label`). A class
    rule that counts a condition's predicates counts these."""
    return tuple(atom for atom in condition.atoms if atom.op != "tag" and not atom.tag_label)


def atom_meets(atom: Atom, features: Mapping[str, Any]) -> bool:
    """Whether a probe's features meet one atom of a condition (a tag atom aside): a number
    on the atom's side of its bound or inside its interval, or the category (or one of the
    categories) it names, compared without case. False for anything it cannot read (a date,
    a missing feature, a number too large or not finite)."""
    value = features.get(atom.feature)
    if atom.op in ("=", "in"):
        wanted = atom.value if isinstance(atom.value, tuple) else (atom.value,)
        return value is not None and str(value).lower() in {str(w).lower() for w in wanted}
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, int) and abs(value) >= 10**300:
        return False
    number = float(value)
    if not math.isfinite(number):
        return False
    if atom.op == "between":
        low, high = atom.low, atom.high
        if not isinstance(low, int | float) or not isinstance(high, int | float):
            return False
        above = number >= low if atom.low_inclusive else number > low
        below = number <= high if atom.high_inclusive else number < high
        return above and below
    bound = atom.value
    if isinstance(bound, bool) or not isinstance(bound, int | float):
        return False
    return {
        ">": number > bound,
        ">=": number >= bound,
        "<": number < bound,
        "<=": number <= bound,
    }.get(atom.op, False)


@dataclass(frozen=True)
class Excerpt:
    """One probe's old and new reply, as evidence of a change."""

    probe_id: str
    old: str
    new: str

    def to_dict(self) -> dict[str, str]:
        return {"probe_id": self.probe_id, "old": self.old, "new": self.new}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Excerpt:
        return cls(
            probe_id=str(data.get("probe_id") or ""),
            old=str(data.get("old") or ""),
            new=str(data.get("new") or ""),
        )


@dataclass(frozen=True)
class MovedProbeValue:
    """One probe's old and new value of a moved argument."""

    probe_id: str
    old: Number
    new: Number

    def to_dict(self) -> dict[str, Any]:
        return {"probe_id": self.probe_id, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class MovedArgument:
    """A call both versions make whose argument's number moved: `issue_refund(type=shipping)`
    amount 4.5 → 9, 7.5 → 15 (×2)."""

    call: str
    """The call without its numbers, as labelled: "issue_refund(type=shipping)"."""
    name: str
    """The tool's name."""
    argument: str
    ratio: Number | None
    """new / old in every probe, when they share one."""
    difference: Number | None
    """new − old in every probe, when they share one (and no ratio)."""
    values: tuple[MovedProbeValue, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "call": self.call,
            "name": self.name,
            "argument": self.argument,
            "ratio": self.ratio,
            "difference": self.difference,
            "values": [value.to_dict() for value in self.values],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MovedArgument | None:
        """None for a row without an argument or with a value that is not a number."""
        values = []
        for item in data.get("values") or []:
            old, new = _bound(item.get("old")), _bound(item.get("new"))
            if old is None or new is None:
                return None
            values.append(MovedProbeValue(str(item.get("probe_id", "")), old, new))
        if not data.get("argument"):
            return None
        call = str(data.get("call", ""))
        return cls(
            call=call,
            name=str(data.get("name") or call.split("(", 1)[0]),
            argument=str(data["argument"]),
            ratio=_bound(data.get("ratio")),
            difference=_bound(data.get("difference")),
            values=tuple(values),
        )


@dataclass(frozen=True)
class Aspect:
    """Another facet of a change under the same condition: "no longer states dates" beside
    "now calls lookup_customer"."""

    kind: str
    title: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    probe_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "before": list(self.before),
            "after": list(self.after),
            "probe_ids": list(self.probe_ids),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Aspect:
        return cls(
            kind=str(data.get("kind", "")),
            title=str(data.get("title", "")),
            before=tuple(_strings(data.get("before"))),
            after=tuple(_strings(data.get("after"))),
            probe_ids=tuple(_strings(data.get("probe_ids"))),
        )


@dataclass(frozen=True)
class Condition:
    """A rule separating the probes where a change happens from those where it does not."""

    text: str
    """e.g. "order_total > 50 and delay_hours > 48"."""
    atoms: tuple[Atom, ...]
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
            "atoms": [atom.to_dict() for atom in self.atoms],
            "changed": {"matched": self.matched_changed, "total": self.changed},
            "others": {"matched": self.matched_others, "total": self.others},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Condition:
        changed: Mapping[str, Any] = data.get("changed") or {}
        others: Mapping[str, Any] = data.get("others") or {}
        return cls(
            text=str(data.get("text", "")),
            atoms=tuple(Atom.from_dict(atom) for atom in data.get("atoms") or ()),
            matched_changed=int(changed.get("matched", 0)),
            changed=int(changed.get("total", 0)),
            matched_others=int(others.get("matched", 0)),
            others=int(others.get("total", 0)),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Attribution:
        return cls(
            hunk_id=str(data["hunk_id"]),
            score=float(data.get("score", 0.0)),
            reasons=tuple(_strings(data.get("reasons"))),
            summary=str(data.get("summary", "")),
            kind=str(data.get("kind", "")),
            file=str(data.get("file", "")),
            section=data.get("section") or None,
            key=data.get("key") or None,
        )


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
    excerpts: list[Excerpt] = field(default_factory=list)
    moved_arguments: list[MovedArgument] = field(default_factory=list)
    """For calls that stayed and whose numbers moved: per call and argument, the ratio or
    difference every probe shares (if any) and each probe's old and new value."""
    aspects: list[Aspect] = field(default_factory=list)
    """Other facets of the same change, under the same condition."""
    moves_recorded: bool = True
    """False for a change stored before `moved_arguments` existed: drafting then reads the
    moved numbers from `before`/`after`, and `to_dict()` leaves the key out as it was."""
    unjudged: list[str] | None = None
    """The inconclusive probes whose verdict could decide this change's condition
    (`unjudged.bearing_unjudged`); None for a change stored before they were picked out,
    where every inconclusive probe outside the change counts."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "probe_ids": list(self.probe_ids),
            "facets": list(self.facets),
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
            "conditions": [condition.to_dict() for condition in self.conditions],
            "attribution": [item.to_dict() for item in self.attribution],
            "excerpts": [excerpt.to_dict() for excerpt in self.excerpts],
            "moved_arguments": [moved.to_dict() for moved in self.moved_arguments],
            "aspects": [aspect.to_dict() for aspect in self.aspects],
        }
        if not self.moves_recorded:
            del data["moved_arguments"]
        if self.unjudged is not None:
            data["unjudged"] = list(self.unjudged)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BehaviorChange:
        return cls(
            id=str(data["id"]),
            title=str(data.get("title", "")),
            probe_ids=_strings(data.get("probe_ids")),
            facets=_strings(data.get("facets")),
            kind=str(data.get("kind") or (data.get("facets") or ["meaning"])[0]),
            before=_strings(data.get("before")),
            after=_strings(data.get("after")),
            conditions=[Condition.from_dict(item) for item in data.get("conditions") or []],
            attribution=[Attribution.from_dict(item) for item in data.get("attribution") or []],
            excerpts=[Excerpt.from_dict(item) for item in data.get("excerpts") or []],
            moved_arguments=[
                moved
                for item in data.get("moved_arguments") or []
                if (moved := MovedArgument.from_dict(item)) is not None
            ],
            aspects=[Aspect.from_dict(item) for item in data.get("aspects") or []],
            moves_recorded="moved_arguments" in data,
            unjudged=None if data.get("unjudged") is None else _strings(data.get("unjudged")),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NoiseReport:
        counts: Mapping[str, Any] = data.get("deviation_counts") or {}
        return cls(
            backend=str(data.get("backend", "")),
            alpha=float(data.get("alpha", 0.0)),
            deviation_rates={
                str(k): float(v) for k, v in (data.get("deviation_rates") or {}).items()
            },
            deviation_counts={
                str(k): (int(v["deviations"]), int(v["opportunities"])) for k, v in counts.items()
            },
            meaning_floor=float(data.get("meaning_floor", 0.0)),
            wording_floor=float(data.get("wording_floor", 0.0)),
            within_pairs=int(data.get("within_pairs", 0)),
            probes_with_several_samples=int(data.get("probes_with_several_samples", 0)),
            probes_with_one_sample=int(data.get("probes_with_one_sample", 0)),
            measured=bool(data.get("measured", False)),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Analysis:
        """The analysis from its JSON form (`to_dict()`, or one stored by an older version)."""
        return cls(
            probes=[ProbeVerdict.from_dict(item) for item in data.get("probes") or []],
            changes=[BehaviorChange.from_dict(item) for item in data.get("changes") or []],
            noise=NoiseReport.from_dict(data.get("noise") or {}),
            old_label=str(data.get("old", "old")),
            new_label=str(data.get("new", "new")),
            unmatched={str(k): _strings(v) for k, v in (data.get("unmatched") or {}).items()},
            wording_groups=[
                BehaviorChange.from_dict(item) for item in data.get("wording_changes") or []
            ],
            tools_called={
                str(side): _counts(tools)
                for side, tools in cast(Mapping[str, Any], data.get("tools_called") or {}).items()
            },
        )
