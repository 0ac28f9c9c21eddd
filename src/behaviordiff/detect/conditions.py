"""Conditions: what separates the probes where a change happens from the others.

Searches single predicates (a numeric threshold, a categorical value, a tag) and conjunctions
of two, scores each by how cleanly it separates (share of changed probes matched minus share of
others matched), and states the best with its counts: "order_total > 50 and delay_hours > 48:
6 of 6 changed; 0 of 40 others". A condition is stated only when chance would rarely separate
that well: Fisher's exact test on its table, Bonferroni-corrected for every candidate searched,
so one or two changed probes among many features yield no condition rather than a made-up one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.model import Condition, ProbeVerdict
from behaviordiff.detect.stats import fisher_exact

_MAX_THRESHOLDS = 64
_PAIR_POOL = 40
SIGNIFICANCE = 0.05
"""Family-wise error rate for stated conditions, across all candidates searched."""


@dataclass(frozen=True)
class _Atom:
    text: str
    data: tuple[tuple[str, Any], ...]
    positives: int
    negatives: int
    rank: tuple[int, int, str]
    """Tie-break: fixture paths after variables, longer names after shorter ones."""


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return None


def _show(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _atoms(positive: Sequence[ProbeVerdict], negative: Sequence[ProbeVerdict]) -> list[_Atom]:
    probes = [*positive, *negative]
    pos_bits = {id(probe): 1 << index for index, probe in enumerate(positive)}
    neg_bits = {id(probe): 1 << index for index, probe in enumerate(negative)}

    def masks(test: Any) -> tuple[int, int]:
        p = n = 0
        for probe in positive:
            if test(probe):
                p |= pos_bits[id(probe)]
        for probe in negative:
            if test(probe):
                n |= neg_bits[id(probe)]
        return p, n

    names = sorted({name for probe in probes for name in probe.features})
    atoms: list[_Atom] = []
    seen: set[tuple[int, int]] = set()
    for name in names:
        rank = (name.count("."), len(name), name)
        values = [probe.features.get(name) for probe in probes]
        numbers = sorted({v for v in (_number(x) for x in values) if v is not None})
        if name.startswith("tag:"):
            tag = name[4:]
            p, n = masks(lambda probe, name=name: probe.features.get(name) is True)
            atoms.append(_Atom(f"tag {tag}", (("feature", name), ("op", "tag")), p, n, rank))
            continue
        if numbers:
            step = max(1, len(numbers) // _MAX_THRESHOLDS)
            for threshold in numbers[:-1:step]:
                for op in (">", "<="):

                    def test(
                        probe: ProbeVerdict, name: str = name, t: float = threshold, op: str = op
                    ) -> bool:
                        value = _number(probe.features.get(name))
                        if value is None:
                            return False
                        return value > t if op == ">" else value <= t

                    p, n = masks(test)
                    atoms.append(
                        _Atom(
                            f"{name} {op} {_show(threshold)}",
                            (("feature", name), ("op", op), ("value", threshold)),
                            p,
                            n,
                            rank,
                        )
                    )
            continue
        categories = sorted(
            {str(v).lower() if isinstance(v, bool) else str(v) for v in values if v is not None}
        )
        if len(categories) > 30:
            continue
        for category in categories:

            def equals(probe: ProbeVerdict, name: str = name, category: str = category) -> bool:
                value = probe.features.get(name)
                if value is None:
                    return False
                shown = str(value).lower() if isinstance(value, bool) else str(value)
                return shown == category

            p, n = masks(equals)
            atoms.append(
                _Atom(
                    f"{name} = {category}",
                    (("feature", name), ("op", "="), ("value", category)),
                    p,
                    n,
                    rank,
                )
            )
    unique: list[_Atom] = []
    for atom in sorted(atoms, key=lambda a: a.rank):
        if (atom.positives, atom.negatives) in seen or atom.positives == 0:
            continue
        seen.add((atom.positives, atom.negatives))
        unique.append(atom)
    return unique


def find_conditions(
    probe_ids: Sequence[str], verdicts: Sequence[ProbeVerdict], limit: int = 3
) -> list[Condition]:
    """The cleanest separations, best first; empty when no feature separates at all."""
    wanted = set(probe_ids)
    positive = [v for v in verdicts if v.probe_id in wanted]
    negative = [v for v in verdicts if v.probe_id not in wanted and v.verdict != "inconclusive"]
    if not positive or not any(v.features for v in positive):
        return []
    atoms = _atoms(positive, negative)
    total_p, total_n = len(positive), len(negative)

    def score(p: int, n: int, used: tuple[_Atom, ...]) -> float:
        """Separation, with a small price for each extra or numeric predicate: of equally clean
        rules the simplest reads best."""
        tpr = p.bit_count() / total_p
        fpr = n.bit_count() / total_n if total_n else 0.0
        numeric = sum(1 for atom in used if dict(atom.data)["op"] in (">", "<="))
        return tpr - fpr - 0.01 * (len(used) - 1) - 0.001 * numeric

    candidates: list[tuple[float, int, tuple[_Atom, ...], int, int]] = [
        (score(a.positives, a.negatives, (a,)), 1, (a,), a.positives, a.negatives) for a in atoms
    ]
    pool = sorted(
        (a for a in atoms if a.positives.bit_count() * 2 >= total_p and a.negatives),
        key=lambda a: (-a.positives.bit_count(), a.negatives.bit_count(), a.rank),
    )[:_PAIR_POOL]
    for i, first in enumerate(pool):
        for second in pool[i + 1 :]:
            if dict(first.data)["feature"] == dict(second.data)["feature"]:
                continue
            p, n = first.positives & second.positives, first.negatives & second.negatives
            if p == 0 or (n == first.negatives or n == second.negatives):
                continue
            ordered = tuple(sorted((first, second), key=lambda a: a.rank))
            candidates.append((score(p, n, ordered), 2, ordered, p, n))
    candidates.sort(key=lambda c: (-c[0], c[1], [a.rank for a in c[2]]))
    searched = len(candidates)
    conditions: list[Condition] = []
    used: set[tuple[int, int]] = set()
    for value, _, atoms_used, p, n in candidates:
        if value <= 0 or (p, n) in used:
            continue
        matched, others = p.bit_count(), n.bit_count()
        chance = fisher_exact(matched, total_p - matched, others, total_n - others)
        if chance * searched > SIGNIFICANCE:
            continue
        used.add((p, n))
        conditions.append(
            Condition(
                text=" and ".join(atom.text for atom in atoms_used),
                atoms=tuple(dict(atom.data) for atom in atoms_used),
                matched_changed=p.bit_count(),
                changed=total_p,
                matched_others=n.bit_count(),
                others=total_n,
            )
        )
        if len(conditions) >= limit:
            break
    return conditions
