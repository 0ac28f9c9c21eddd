"""The part of a change that lies inside a moved band, given to the change that fills the band.

A limit moved from a to b changes the probes between a and b on the variable the rule reads
(`conditions.moved_bounds`): inside the band the rule itself now answers otherwise (a guest
3.5 hours from departure is now let in), past its far end only what the customer is told
moves (a guest 5 hours away is now told "from 4 hours" instead of "from 3"). Grouping by
what changed can put a probe inside the band with those past it when its own change is only
in the reply (a guest 3.75 hours away asking how early they can come, now told to come
straight in): the group then has no clean condition, and the band's change misses one of
its probes, so neither says the rule. Such a probe is moved to the change that fills the
band when that settles both: the rest of its group has a clean condition of its own, and
the band's change with it has a clean one too. Driven only by the numbers the edit moved
and the probes' variables; a group with a clean condition is never touched."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from behaviordiff.detect.clusters import absorb_as_aspect, excerpts, priority, renumber
from behaviordiff.detect.conditions import Boundary, moved_spans, number_of
from behaviordiff.detect.model import BehaviorChange, Condition, ProbeVerdict


def _clean(conditions: Sequence[Condition]) -> bool:
    return bool(conditions) and (
        conditions[0].matched_changed == conditions[0].changed and conditions[0].matched_others == 0
    )


def _spans(
    verdicts: Sequence[ProbeVerdict], moved: Sequence[tuple[Boundary, Boundary]]
) -> list[tuple[str, float, float]]:
    """Each numeric probe variable with each span a moved number covers in its unit."""
    names = sorted(
        {
            name
            for verdict in verdicts
            for name, value in verdict.features.items()
            if not name.startswith("tag:")
            and "." not in name
            and not isinstance(value, bool)
            and number_of(value) is not None
        }
    )
    return [(name, low, high) for name in names for low, high in moved_spans(name, moved)]


def absorb_band_part(
    changes: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
    moved: Sequence[tuple[Boundary, Boundary]],
    conditions_of: Callable[[list[str]], list[Condition]],
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """`changes` with the probes of a group without a clean condition that lie strictly inside
    a moved band (`moved_spans`) given, as an aspect, to another change whose probes all lie
    in that band (its ends included), when the rest of the group has a clean condition and
    the band's change with them has one too. Returns every change (renumbered when any moved)
    and the changes whose probes changed (their attribution is to be found again)."""
    if not moved or len(changes) < 2:
        return list(changes), []
    by_id = {verdict.probe_id: verdict for verdict in verdicts}
    spans = _spans(verdicts, moved)
    if not spans:
        return list(changes), []

    def value(probe_id: str, name: str) -> float | None:
        verdict = by_id.get(probe_id)
        return None if verdict is None else number_of(verdict.features.get(name))

    kept = list(changes)
    touched: list[BehaviorChange] = []
    for group in list(kept):
        if _clean(group.conditions) or group.moved_arguments or len(group.probe_ids) < 3:
            continue
        done = False
        for name, low, high in spans:
            inside = [
                probe_id
                for probe_id in group.probe_ids
                if (number := value(probe_id, name)) is not None and low < number < high
            ]
            rest = [probe_id for probe_id in group.probe_ids if probe_id not in inside]
            if not inside or len(rest) < 2:
                continue
            for band in kept:
                if (
                    band is group
                    or band.moved_arguments
                    or priority(band.kind) > priority(group.kind)
                ):
                    continue
                numbers = [value(probe_id, name) for probe_id in band.probe_ids]
                if not numbers or any(n is None or not low <= n <= high for n in numbers):
                    continue
                grown = conditions_of([*band.probe_ids, *inside])
                if not _clean(grown):
                    continue
                remaining = conditions_of(rest)
                if not _clean(remaining):
                    continue
                members = [by_id[probe_id] for probe_id in inside if probe_id in by_id]
                part = replace(
                    group,
                    probe_ids=list(inside),
                    facets=sorted({f for m in members for f in m.facets}, key=priority),
                    before=list(group.before),
                    after=list(group.after),
                    conditions=[],
                    attribution=[],
                    excerpts=excerpts(members),
                    aspects=[],
                )
                absorb_as_aspect(band, part)
                band.conditions = grown
                group.probe_ids = rest
                group.excerpts = excerpts(by_id[p] for p in rest if p in by_id)
                group.conditions = remaining
                group.attribution = []
                touched += [c for c in (band, group) if c not in touched]
                done = True
                break
            if done:
                break
    if not touched:
        return list(changes), []
    renumber(kept, list(changes), verdicts)
    return kept, touched
