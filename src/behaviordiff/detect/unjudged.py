"""Which inconclusive probes leave a change's condition unknown.

A change with no condition says who it reaches only as far as the probes judged tell. An
inconclusive probe (not enough samples to say changed or not) stands in the way only where
its verdict could decide a condition: judged either way, it would fall inside some rule over
what the change's probes carry, or outside it. A probe that carries none of it (none of the
change's tags, no value for a variable that tells the change's probes from the others) and
whose undecided facet moved none of the change's values is outside every such rule whatever
its verdict: judged changed, it would only make a rule over the change's probes harder to
state, never easier. Asking CS to wait for it would hold every change of the release on one
unrelated probe.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from behaviordiff.detect.conditions import identifier_variable
from behaviordiff.detect.model import ProbeVerdict

__all__ = ["bearing_unjudged"]


def _moved(verdict: ProbeVerdict, status: str) -> set[tuple[str, str]]:
    """The (facet, item) pairs a probe's facets of `status` moved (actions, promises)."""
    return {
        (facet, item)
        for facet, result in verdict.results.items()
        if result.status == status
        for item in (*result.added, *result.removed)
    }


def _telling(verdicts: Sequence[ProbeVerdict], members: Sequence[ProbeVerdict]) -> set[str]:
    """The features of the change's probes a condition could be stated over: tags, and the
    variables and tool fixtures that not every probe of the run has with one same value (a
    suite default such as the company's name picks out no one), less those that only name
    someone (`conditions.identifier_variable`)."""
    telling: set[str] = set()
    for name in {name for member in members for name in member.features}:
        if name.startswith("tag:"):
            telling.add(name)
            continue
        if identifier_variable(name):
            continue
        values: list[Any] = [verdict.features.get(name) for verdict in verdicts]
        if any(value is None for value in values) or len({repr(v) for v in values}) > 1:
            telling.add(name)
    return telling


def bearing_unjudged(probe_ids: Sequence[str], verdicts: Sequence[ProbeVerdict]) -> list[str]:
    """The inconclusive probes outside `probe_ids` whose verdict could decide the change's
    condition, in run order: each shares a tag with the change's probes, has a value for a
    variable or tool fixture that could tell them apart (`_telling`), or left undecided a
    value the change's probes moved. Where the change's probes carry nothing a condition
    could read, every inconclusive probe is kept: nothing shows it apart."""
    wanted = set(probe_ids)
    members = [verdict for verdict in verdicts if verdict.probe_id in wanted]
    unjudged = [
        verdict
        for verdict in verdicts
        if verdict.verdict == "inconclusive" and verdict.probe_id not in wanted
    ]
    if not unjudged:
        return []
    telling = _telling(verdicts, members)
    moved = {pair for member in members for pair in _moved(member, "changed")}
    if not telling and not moved:
        return [verdict.probe_id for verdict in unjudged]
    return [
        verdict.probe_id
        for verdict in unjudged
        if any(verdict.features.get(name) is not None for name in telling)
        or _moved(verdict, "inconclusive") & moved
    ]
