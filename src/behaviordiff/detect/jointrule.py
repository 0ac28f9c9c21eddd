"""Two changes with no condition each that one rule covers together.

A second option offered where there was one shows through two facets: customers who asked
for the new option now get its action ("now calls claim(remedy=replacement)"), customers who
only asked what they could have are now told both options and asked which (a reply-only
change). Each group alone has no condition, because the rule (`wants in {replacement,
undecided}`) puts the other group's customers on its side: each looks like a change that
happens on some customers of the rule and not on others. Together they are the rule.

The same holds for two changes that each have a condition when the lesser one only tells
what the other does: a notice now sent by email (`send_notice(channel=sms → email)` for
customers whose item is ready) and "we'll email you when it's ready" for those still waiting.
Each group has its own clean condition, but they are one rule when the lesser one's promises
are the ones every probe of the other also shows, the two share a cause, and their probes
together have a clean condition."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import replace
from typing import Any

from behaviordiff.detect.clusters import (
    keep_as_aspect,
    merged_changes,
    priority,
    shows_its_promises,
    strong_items,
    takes_its_action_unchanged,
)
from behaviordiff.detect.model import (
    Atom,
    Attribution,
    BehaviorChange,
    Condition,
    ProbeVerdict,
    atom_meets,
)


def _clean(condition: Condition) -> bool:
    return condition.matched_changed == condition.changed and condition.matched_others == 0


def _nearly_clean(condition: Condition) -> bool:
    """Every changed probe matched and one other probe at most (a customer of the rule who
    asked something its replies never touch), the condition found significant."""
    return condition.matched_changed == condition.changed and condition.matched_others <= 1


def shares_a_cause(primary: Sequence[Attribution], second: Sequence[Attribution]) -> bool:
    """Whether a hunk the primary's attribution scores highest is among the hunks the
    second's attribution reads at all: the same edited rule, however the second's replies
    word it (their top hunk may be the sentence stating the new option's terms)."""
    if not primary or not second:
        return False
    top = {item.hunk_id for item in primary if item.score >= primary[0].score}
    return bool(top & {item.hunk_id for item in second})


def absorb_joint_rule(
    changes: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
    conditions_of: Callable[[list[str]], list[Condition]],
    shares_cause: Callable[[BehaviorChange, BehaviorChange], bool],
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """A lesser-facet change with no condition, beside a more consequential change with no
    condition either, is kept as an aspect of it when the two changes' probes together have
    a clean condition (every probe of both matched, no other probe) and the two share a
    cause (`shares_cause`). Neither alone was separable, so the rule found for both is not
    fitted to leave anything out. Returns every change, renumbered when any merged, and the
    grown ones (whose attribution is to be found again)."""
    return _absorb_clean_union(
        changes,
        verdicts,
        conditions_of,
        shares_cause,
        primary=lambda c: not c.conditions and not c.moved_arguments and not c.aspects,
        lesser=lambda c: not (c.conditions or c.aspects or c.moved_arguments),
        joins=lambda primary, change: True,
    )


def absorb_told_shift(
    changes: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
    conditions_of: Callable[[list[str]], list[Condition]],
    shares_cause: Callable[[BehaviorChange, BehaviorChange], bool],
    stated: Set[float] = frozenset(),
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """A promise change kept as an aspect of a more consequential change whose every probe
    makes the promises it now makes and drops what it drops (`shows_its_promises`), when the
    two share a cause and the union has a clean condition, whatever conditions each had
    alone. When neither had any condition alone (a rule whose customers who buy get new
    arguments and whose customers who ask are told the new rate: each side alone leaves the
    other's customers in the rest), a union condition that matches every changed probe and one
    other at most is the rule: one change with a condition, where there were two with none.
    Never across a number the prompt states (`stated`) that parts the two clean conditions
    (`parted_at_stated_bound`). Returns every change, renumbered when any merged, and the
    grown ones."""
    return _absorb_clean_union(
        changes,
        verdicts,
        conditions_of,
        shares_cause,
        primary=lambda c: c.kind != "promises",
        lesser=lambda c: c.kind == "promises" and not c.aspects and not c.moved_arguments,
        joins=lambda primary, change: (
            shows_its_promises(primary, change, verdicts)
            and not takes_its_action_unchanged(primary, change, verdicts)
            and not parted_at_stated_bound(primary, change, stated)
        ),
        loose=lambda primary, change: not primary.conditions and not change.conditions,
    )


def _ends(atom: Atom) -> set[tuple[float, str]]:
    """The numbers a bound atom draws its line at, each with the side it keeps (`30 <
    days <= 60`: (30, "above") and (60, "below"))."""
    ends: set[tuple[float, str]] = set()
    for value, side in (
        (atom.value, "above" if atom.op in (">", ">=") else "below"),
        (atom.low, "above"),
        (atom.high, "below"),
    ):
        if atom.op in _BOUND_OPS and isinstance(value, int | float) and not isinstance(value, bool):
            ends.add((float(value), side))
    return ends


_BOUND_OPS = frozenset({">", ">=", "<", "<=", "between"})


def parted_at_stated_bound(
    primary: BehaviorChange, change: BehaviorChange, stated: Set[float]
) -> bool:
    """Whether each change has a clean condition of its own and the two bound one variable at
    a number the prompt states: a free re-tune moved from "within 30 days" to "within 60
    days" books it for `30 < days_since_service <= 60`, and those past 60 days are only told
    the new window (`days_since_service > 60`). The prompt draws the line between them;
    merged, the union's condition (`days_since_service > 30`) would promise the booking to
    every customer past 30 days, those who never get it among them. Two changes on the same
    side of a stated number (`copies < 300` for those charged and for those told the fee)
    are not parted by it."""
    if not stated or not primary.conditions or not change.conditions:
        return False
    own, theirs = primary.conditions[0], change.conditions[0]
    if not (_clean(own) and _clean(theirs)):
        return False
    flip = {"above": "below", "below": "above"}
    for first in own.atoms:
        for second in theirs.atoms:
            if first.feature != second.feature:
                continue
            across = {(value, flip[side]) for value, side in _ends(first) if value in stated}
            if across & _ends(second):
                return True
    return False


def _absorb_clean_union(
    changes: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
    conditions_of: Callable[[list[str]], list[Condition]],
    shares_cause: Callable[[BehaviorChange, BehaviorChange], bool],
    *,
    primary: Callable[[BehaviorChange], bool],
    lesser: Callable[[BehaviorChange], bool],
    joins: Callable[[BehaviorChange, BehaviorChange], bool],
    loose: Callable[[BehaviorChange, BehaviorChange], bool] = lambda primary, change: False,
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """Each `lesser` change kept as an aspect of the first `primary` one (most consequential
    first, then the largest) of a higher priority that it `joins`, whose probes with it have a
    clean condition (nearly clean, for a pair it takes `loose`ly), and with which it shares a
    cause."""
    kept = list(changes)
    grown: list[BehaviorChange] = []
    primaries = sorted(
        (change for change in changes if primary(change)),
        key=lambda change: (priority(change.kind), -len(change.probe_ids)),
    )
    for change in changes:
        if not lesser(change) or change in grown:
            continue
        for first in primaries:
            if first is change or first not in kept:
                continue
            if priority(first.kind) >= priority(change.kind) or not joins(first, change):
                continue
            found = conditions_of([*first.probe_ids, *change.probe_ids])
            if not found or not shares_cause(first, change):
                continue
            if not (_clean(found[0]) or (loose(first, change) and _nearly_clean(found[0]))):
                continue
            keep_as_aspect(first, change, kept, grown, found)
            break
    return merged_changes(kept, grown, changes, verdicts)


def absorb_split_rule(
    changes: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
    conditions_of: Callable[[list[str]], list[Condition]],
    causes: Callable[[BehaviorChange], Sequence[Attribution]],
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """Changes with no condition each that one rule covers only all together: a limit lowered
    for one plan shows as the new limit told to those asking, as probe-own figures told to one
    asking what is left (what is left of 3 hours, not of 5), and as a call no longer made for
    those the lower limit now stops; each group alone leaves the others' customers in the
    rest, so none has a condition. They are one change, kept as aspects of the most
    consequential, when their probes together have a clean condition (every probe of all of
    them matched, no other one) and no cause sets them apart: every one with an attribution
    shares a cause with the most consequential one so attributed (`shares_a_cause`), and one
    with none (no hunk states what it does) only joins them. Every such change is tried
    together, then all but one. Returns every change, renumbered when any merged, and the
    grown ones (whose attribution is to be found again)."""
    loose = [change for change in changes if not change.conditions and not change.moved_arguments]
    if len(loose) < 2:
        return list(changes), []
    loose.sort(key=lambda change: (priority(change.kind), -len(change.probe_ids)))
    groups = [loose]
    if len(loose) > 2:
        groups += [[c for c in loose if c is not left] for left in reversed(loose)]
    for group in groups:
        first = group[0]
        attributed = [change for change in group if causes(change)]
        if not attributed:
            continue
        lead = attributed[0]
        if not all(shares_a_cause(causes(lead), causes(change)) for change in attributed[1:]):
            continue
        found = conditions_of([probe for change in group for probe in change.probe_ids])
        if not found or not _clean(found[0]):
            continue
        kept = list(changes)
        grown: list[BehaviorChange] = []
        for change in group[1:]:
            keep_as_aspect(first, change, kept, grown, found)
        return merged_changes(kept, grown, changes, verdicts)
    return list(changes), []


def absorb_told_promise(
    changes: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
    same_cause: Callable[[BehaviorChange, BehaviorChange], bool],
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """A reply-only change with no condition, on probes that meet every atom of a more
    consequential change's condition but its topic tag, now telling what every probe of that
    change is now told, and read to the same cause: a deposit now refunded with enough notice
    (`cancel_booking(keep_deposit=false)`, "back on your card within 5 working days") and a
    client 12 days out only asking "would I get my deposit back?", told "yes: with 12 days to
    go, back on your card within 5 working days". Its own figures (the "12 days" its own
    `days_until` holds) are its input said back, not what it is told, and a question filed
    under another topic whose unchanged twins share the rule's bounds leaves the rule no clean
    condition for both: it is the same change, kept as an aspect with the other's condition.
    Returns every change, renumbered when any merged, and the grown ones."""
    by_id = {verdict.probe_id: verdict for verdict in verdicts}
    kept = list(changes)
    grown: list[BehaviorChange] = []
    primaries = sorted(
        (c for c in changes if c.conditions and c.kind != "promises"),
        key=lambda change: (priority(change.kind), -len(change.probe_ids)),
    )
    for change in changes:
        if change.kind != "promises" or change.conditions or change.aspects:
            continue
        if change.moved_arguments:
            continue
        members = [by_id[p] for p in change.probe_ids if p in by_id]
        if not members or len(members) != len(change.probe_ids):
            continue
        told = _told_beyond_own_figures(members)
        # or no longer told what every probe of the primary is no longer told either (a
        # question on a basket now too small for delivery, no longer told the fee and time)
        untold = set() if told else _common_removed(members)
        if not told and not untold:
            continue
        for primary in primaries:
            if priority(primary.kind) >= priority(change.kind):
                continue
            atoms = [a for a in primary.conditions[0].atoms if isinstance(a, Atom)]
            rule = [atom for atom in atoms if atom.op != "tag"]
            if not rule or not all(atom_meets(atom, m.features) for atom in rule for m in members):
                continue
            theirs = [by_id[p] for p in primary.probe_ids if p in by_id]
            if not theirs or not all(
                told <= _added_promises(verdict) and untold <= _removed_promises(verdict)
                for verdict in theirs
            ):
                continue
            if not same_cause(primary, change):
                continue
            # the rule as it stands, counted over both: its topic tag leaves the question out
            counted = [
                replace(condition, changed=condition.changed + len(change.probe_ids))
                for condition in primary.conditions
            ]
            keep_as_aspect(primary, change, kept, grown, counted)
            break
    return merged_changes(kept, grown, changes, verdicts)


def _added_promises(verdict: ProbeVerdict) -> set[str]:
    """The promise items a probe's new replies added (by half the samples or more)."""
    if "promises" not in verdict.results:
        return set()
    return set(strong_items(verdict, "promises")[1])


def _removed_promises(verdict: ProbeVerdict) -> set[str]:
    """The promise items a probe's new replies dropped (by half the samples or more)."""
    if "promises" not in verdict.results:
        return set()
    return set(strong_items(verdict, "promises")[0])


def _common_removed(members: Sequence[ProbeVerdict]) -> set[str]:
    """The promise items every probe's new replies dropped, with nothing added in their
    place."""
    common: set[str] | None = None
    for verdict in members:
        if _added_promises(verdict):
            return set()
        removed = _removed_promises(verdict)
        common = removed if common is None else common & removed
    return common or set()


def _told_beyond_own_figures(members: Sequence[ProbeVerdict]) -> set[str]:
    """The promise items every probe's new replies added, less those stating a number the
    probe's own features hold (its `days_until` of 12 said back as "12 days")."""
    common: set[str] | None = None
    for verdict in members:
        own = _own_numbers(verdict.features)
        added = {item for item in _added_promises(verdict) if not _numbers(item) & own}
        common = added if common is None else common & added
    return common or set()


def _own_numbers(features: Mapping[str, Any]) -> set[float]:
    numbers: set[float] = set()
    for name, value in features.items():
        if name.startswith("tag:") or isinstance(value, bool):
            continue
        if isinstance(value, int) and abs(value) >= 10**300:
            continue
        if isinstance(value, int | float) and math.isfinite(float(value)):
            numbers.add(float(value))
    return numbers


def _numbers(item: str) -> set[float]:
    """The numbers a promise item states ("duration:12 days" → 12)."""
    found: set[float] = set()
    for word in item.replace(",", "").replace(":", " ").split():
        digits = word.lstrip("$£€").rstrip("%")
        try:
            number = float(digits)
        except ValueError:
            continue
        if math.isfinite(number):
            found.add(number)
    return found
