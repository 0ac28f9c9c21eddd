"""A step added before an action, seen apart on the probes that still get the action.

A check put in front of an action ("confirm the caller's date of birth before you look the
application up") shows as two action changes: most customers no longer get the action (they
are asked for the details, or fail the check), and the customer who gave the details up front
gets the action as before with the new check added. The second group has no condition of its
own (its customers are the first rule's customers too), and its step is one the first group
takes as well (the customer whose details fail is checked and refused). They are one change:
the rule's customers now go through the step."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from behaviordiff.detect.clusters import keep_as_aspect, merged_changes
from behaviordiff.detect.model import BehaviorChange, Condition, ProbeVerdict


def _steps(change: BehaviorChange, by_id: dict[str, ProbeVerdict]) -> list[set[str]]:
    """Per probe of `change`, the calls it newly makes or no longer makes, by tool name
    ("+verify_caller", "-get_application_status")."""
    steps: list[set[str]] = []
    for probe_id in change.probe_ids:
        verdict = by_id.get(probe_id)
        result = verdict.results.get("actions") if verdict is not None else None
        if result is None or result.status != "changed":
            steps.append(set())
            continue
        steps.append(
            {"+" + label.partition("(")[0].strip() for label in result.added}
            | {"-" + label.partition("(")[0].strip() for label in result.removed}
        )
    return steps


def _clean(condition: Condition) -> bool:
    return condition.matched_changed == condition.changed and condition.matched_others == 0


def absorb_shared_step(
    changes: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
    conditions_of: Callable[[list[str]], list[Condition]],
    shares_cause: Callable[[BehaviorChange, BehaviorChange], bool],
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """An actions change with no condition kept as an aspect of a larger actions change with
    one, when every call it adds or drops is added or dropped alike by a probe of the
    larger change, the two share a cause, and their probes together have a clean condition.
    Returns every change, renumbered when any merged, and the grown ones."""
    by_id = {verdict.probe_id: verdict for verdict in verdicts}
    primaries = sorted(
        (
            change
            for change in changes
            if change.kind == "actions" and change.conditions and not change.moved_arguments
        ),
        key=lambda change: -len(change.probe_ids),
    )
    kept = list(changes)
    grown: list[BehaviorChange] = []
    for change in changes:
        if change.kind != "actions" or change.conditions or change.aspects:
            continue
        if change.moved_arguments or change in grown:
            continue
        own = _steps(change, by_id)
        wanted = set().union(*own)
        if not wanted or any(not steps for steps in own):
            continue
        for first in primaries:
            if first is change or first not in kept:
                continue
            if len(first.probe_ids) <= len(change.probe_ids):
                continue
            if not wanted <= set().union(*_steps(first, by_id)):
                continue
            if not shares_cause(first, change):
                continue
            found = conditions_of([*first.probe_ids, *change.probe_ids])
            if not found or not _clean(found[0]):
                continue
            keep_as_aspect(first, change, kept, grown, found)
            break
    return merged_changes(kept, grown, changes, verdicts)
