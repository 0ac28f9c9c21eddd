"""Group probes that changed the same way into one behavior change.

Each changed probe is described by change tokens: actions and promises that went (`-`) or came
(`+`), escalation and refusal flips. Probes join when their tokens for the defining facet
(actions before escalation before promises before refusal) overlap; text-only changes join when
their new replies are close in meaning. Probes that make the same calls in both versions with
other numbers (a refund of $4.50 now $9.00, another of $7.50 now $15.00) join when the same
arguments of the same calls moved, whatever the values: one change, "amount 4.5 → 9, 7.5 → 15
(×2)", that keeps every probe's old and new value.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, replace

from behaviordiff.detect.carried import carried_values, echoed_values, without_carried
from behaviordiff.detect.facts import topic_named
from behaviordiff.detect.model import (
    Aspect,
    BehaviorChange,
    Condition,
    Excerpt,
    MovedArgument,
    MovedProbeValue,
    ProbeVerdict,
    atom_meets,
)
from behaviordiff.detect.ownshare import said_as_shares
from behaviordiff.detect.perunit import (
    new_per_unit,
    old_amounts_per_unit,
    old_per_unit,
    tells_new_per_unit,
)
from behaviordiff.detect.ratiotold import one_ratio, tells_the_ratio
from behaviordiff.detect.settings import DetectSettings
from behaviordiff.detect.signature import Action, is_number
from behaviordiff.detect.similarity import MeaningBackend
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.textutil import plain_number

PRIORITY = ("actions", "escalation", "promises", "refusal", "meaning")
_SHOWN_PAIRS = 3


def priority(facet: str) -> int:
    """Where a facet (or a change's kind) stands in `PRIORITY`, the most consequential
    first; any other (wording) after them all: the order facets are listed and changes
    merged in."""
    return PRIORITY.index(facet) if facet in PRIORITY else 99


def excerpts(verdicts: Iterable[ProbeVerdict]) -> list[Excerpt]:
    """The old and new reply excerpts of the first three probes: a change's examples."""
    return [
        Excerpt(verdict.probe_id, verdict.excerpts.get("old", ""), verdict.excerpts.get("new", ""))
        for verdict in itertools.islice(verdicts, 3)
    ]


def _absorb(target: BehaviorChange, change: BehaviorChange) -> None:
    """`change`'s probes, facets and excerpts added to `target`'s, into which it merges."""
    target.probe_ids = [*target.probe_ids, *change.probe_ids]
    target.facets = sorted({*target.facets, *change.facets}, key=priority)
    target.excerpts = (target.excerpts + change.excerpts)[:3]


def absorb_as_aspect(primary: BehaviorChange, change: BehaviorChange) -> None:
    """`change` kept as an aspect of `primary` (its kind, title, before and after, probes),
    and absorbed into it."""
    primary.aspects.append(
        Aspect(
            change.kind,
            change.title,
            tuple(change.before),
            tuple(change.after),
            tuple(change.probe_ids),
        )
    )
    _absorb(primary, change)


def keep_as_aspect(
    primary: BehaviorChange,
    change: BehaviorChange,
    kept: list[BehaviorChange],
    grown: list[BehaviorChange],
    conditions: list[Condition] | None = None,
) -> None:
    """One step of a merge pass: `change` absorbed as an aspect of `primary` (which takes
    `conditions` when they were found again for both), dropped from `kept`, and `primary`
    listed once in `grown`."""
    absorb_as_aspect(primary, change)
    if conditions is not None:
        primary.conditions = conditions
    kept.remove(change)
    if primary not in grown:
        grown.append(primary)


def merged_changes(
    kept: list[BehaviorChange],
    grown: list[BehaviorChange],
    given: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """A merge pass's result: every change, renumbered when any grew (`given` unchanged
    otherwise), and the grown ones."""
    if not grown:
        return list(given), []
    renumber(kept, given, verdicts)
    return kept, grown


@dataclass(frozen=True)
class _Moved:
    """One call made in both versions with other numbers: `issue_refund(type=shipping)`,
    amount 4.5 → 9."""

    call: str
    """The call without its numbers (`Action.shape`)."""
    name: str
    old: tuple[tuple[str, str], ...]
    """The arguments that moved, with their old values."""
    new: tuple[tuple[str, str], ...]

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        """What probes must share to join: the call and which of its arguments moved."""
        return self.call, tuple(key for key, _ in self.old)


@dataclass
class _Member:
    verdict: ProbeVerdict
    kind: str
    removed: frozenset[str]
    added: frozenset[str]
    moved: tuple[_Moved, ...] = ()
    bare: tuple[frozenset[str], frozenset[str]] | None = None
    """The calls that went and came without the argument values they carry over from old to
    new (`carried`: input, not behavior), when any: what the probe changed whatever the
    customer said or asked for."""

    def as_bare(self) -> _Member:
        if self.bare is None:
            return self
        return replace(self, removed=self.bare[0], added=self.bare[1], bare=None)

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset({"-" + t for t in self.removed} | {"+" + t for t in self.added})


def _shape_map(samples: ProbeSamples) -> dict[str, str]:
    shapes: dict[str, str] = {}
    for signature in (*samples.old, *samples.new):
        for action in signature.actions:
            shapes[action.label()] = action.shape()
    return shapes


def _action_map(samples: ProbeSamples) -> dict[str, Action]:
    return {
        action.label(): action
        for signature in (*samples.old, *samples.new)
        for action in signature.actions
    }


def _moved(
    removed: Sequence[str], added: Sequence[str], samples: ProbeSamples
) -> tuple[_Moved, ...]:
    """The calls of a probe that only changed numbers, one old and one new label per call; ()
    when anything else changed (an argument appeared, a call has two amounts on one side)."""
    actions = _action_map(samples)
    old_by_call: dict[str, list[Action]] = {}
    new_by_call: dict[str, list[Action]] = {}
    for labels, by_call in ((removed, old_by_call), (added, new_by_call)):
        for label in labels:
            action = actions.get(label)
            if action is None:
                return ()
            by_call.setdefault(action.shape(), []).append(action)
    if not old_by_call or set(old_by_call) != set(new_by_call):
        return ()
    moved: list[_Moved] = []
    for call in sorted(old_by_call):
        olds, news = old_by_call[call], new_by_call[call]
        if len(olds) != 1 or len(news) != 1:
            return ()
        old_args, new_args = dict(olds[0].arguments), dict(news[0].arguments)
        keys = sorted(k for k in {*old_args, *new_args} if old_args.get(k) != new_args.get(k))
        if not keys or not all(
            is_number(old_args.get(k, "")) and is_number(new_args.get(k, "")) for k in keys
        ):
            return ()
        moved.append(
            _Moved(
                call,
                olds[0].name,
                tuple((k, old_args[k]) for k in keys),
                tuple((k, new_args[k]) for k in keys),
            )
        )
    return tuple(moved)


def _promise_labels(samples: ProbeSamples) -> dict[str, str]:
    labels: dict[str, str] = {}
    for signature in (*samples.old, *samples.new):
        for promise in signature.promises:
            labels[promise.key] = promise.label()
    return labels


def strong_items(verdict: ProbeVerdict, facet: str) -> tuple[list[str], list[str]]:
    """Items of a facet whose share moved by at least half between versions."""
    result = verdict.results[facet]
    n, m = max(verdict.old_samples, 1), max(verdict.new_samples, 1)
    removed, added = [], []
    for item in [*result.removed, *result.added]:
        delta = result.new_counts.get(item, 0) / m - result.old_counts.get(item, 0) / n
        if delta <= -0.5:
            removed.append(item)
        elif delta >= 0.5:
            added.append(item)
    return removed, added


def _member(verdict: ProbeVerdict, samples: ProbeSamples, input_text: str = "") -> _Member:
    kind = next(facet for facet in PRIORITY if facet in verdict.facets)
    removed: list[str] = []
    added: list[str] = []
    if kind == "actions":
        shapes = _shape_map(samples)
        labels_removed, labels_added = strong_items(verdict, "actions")
        removed = [shapes.get(item, item) for item in labels_removed]
        added = [shapes.get(item, item) for item in labels_added]
        common = set(removed) & set(added)
        if common and set(removed) == set(added):
            # same calls, other numbers: group by which numbers moved, show the values
            moved = _moved(labels_removed, labels_added, samples)
            removed, added = labels_removed, labels_added
            if moved:
                return _Member(verdict, kind, frozenset(removed), frozenset(added), moved)
            bare = None  # every shape is common: a bare form would be empty, joining anything
        else:
            removed = [item for item in removed if item not in common]
            added = [item for item in added if item not in common]
            bare = _bare(labels_removed, labels_added, common, samples, input_text)
        if _rerouted(samples, removed, added):
            kind = "escalation"
        if bare is not None and any(bare) and bare != (frozenset(removed), frozenset(added)):
            return _Member(verdict, kind, frozenset(removed), frozenset(added), bare=bare)
    elif kind == "promises":
        labels = _promise_labels(samples)
        removed, added = strong_items(verdict, "promises")
        removed = [labels.get(item, item) for item in removed]
        added = [labels.get(item, item) for item in added]
    elif kind in ("escalation", "refusal"):
        gone, came = strong_items(verdict, kind)
        removed, added = (gone, []) if gone else ([], came)
    return _Member(verdict, kind, frozenset(removed), frozenset(added))


def _bare(
    labels_removed: Sequence[str],
    labels_added: Sequence[str],
    common: set[str],
    samples: ProbeSamples,
    input_text: str = "",
) -> tuple[frozenset[str], frozenset[str]]:
    """The shapes of the calls that went and came (less those on both sides, `common`)
    without the argument values the new calls carry over from the old (`carried`), or, when
    calls only went or only came, without those the probe's input states (`echoed_values`)."""
    actions = _action_map(samples)
    sides = [
        [
            actions[label]
            for label in labels
            if label in actions and actions[label].shape() not in common
        ]
        for labels in (labels_removed, labels_added)
    ]
    carried = carried_values(sides[0], sides[1])
    if not sides[0] or not sides[1]:
        carried |= echoed_values((*sides[0], *sides[1]), input_text)
    removed, added = (
        frozenset(without_carried(action, carried) for action in side) for side in sides
    )
    return removed, added


def _call_name(label: str) -> str:
    return label.partition("(")[0].strip()


def _rerouted(samples: ProbeSamples, removed: Sequence[str], added: Sequence[str]) -> bool:
    """Whether an actions change only re-routes a hand-off: every sample of both versions
    escalates, and the calls that went and came are one tool's, with other arguments
    (`transfer_to_team(team=survey)` → `transfer_to_team(team=billing)`). Whom the customer
    is handed to is the change, so it is titled as an escalation."""
    if not removed or not added:
        return False
    if not all(signature.escalated for signature in (*samples.old, *samples.new)):
        return False
    return len({_call_name(item) for item in (*removed, *added)}) == 1


def _joins(a: _Member, b: _Member) -> bool:
    return _joins_as_given(a, b) or _joins_bare(a, b)


def _joins_bare(a: _Member, b: _Member) -> bool:
    """Whether two probes join once the argument values each carries over from its old calls
    to its new ones are left out (`carried`): `schedule_visit(issue=ripples)` →
    `open_ticket(issue=ripples, team=aftercare)` and the same with `issue=lifting seam` are
    one change, the tool swapped whatever the customer's words."""
    if a.bare is None and b.bare is None:
        return False
    return _joins_as_given(a.as_bare(), b.as_bare())


def _joins_as_given(a: _Member, b: _Member) -> bool:
    if a.kind != b.kind:
        return False
    if a.moved or b.moved:
        return (
            {m.key for m in a.moved} == {m.key for m in b.moved}
            or _to_one_value(a, b)
            or _same_move_other_tool(a, b)
        )
    if a.kind in ("escalation", "refusal"):
        return a.tokens == b.tokens
    if a.tokens == b.tokens:
        return True
    shared = a.tokens & b.tokens
    union = a.tokens | b.tokens
    if union and len(shared) / len(union) >= 0.5:
        return True
    if a.kind == "promises":
        if bool(a.removed & b.removed) and bool(a.added & b.added):
            return True
        return _same_but_own_dates(a, b)
    return bool(shared) and (a.removed == b.removed or a.added == b.added)


_DATE_VALUE = re.compile(
    r"(?:[^:]*: )?(?:\d{4}-\d{2}-\d{2}|\d{1,2} (?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)(?: \d{4})?)"
)


def _same_but_own_dates(a: _Member, b: _Member) -> bool:
    """Whether two probes state the same promises but for calendar dates each works out from
    its own case ("paid within 14 days … by 14 April" beside "… by 14 October"): dates that
    differ between the two are the probe's input, not behavior, when something else is shared
    and nothing else differs."""
    own = {t for t in a.tokens ^ b.tokens if _DATE_VALUE.fullmatch(t[1:])}
    left, right = a.tokens - own, b.tokens - own
    return bool(own) and bool(left) and left == right


def _to_one_value(a: _Member, b: _Member) -> bool:
    """Whether two probes' numbers moved to one new value on calls that differ only in an
    argument each carries from its old call to its new one (`carried`: input, not behavior):
    a surcharge that was a share of the job's price (`book(job=a): fee 45 → 40`,
    `book(job=b): fee 55 → 40`) is now one flat amount, and a fee dropped whatever was
    ordered (`book(load=net): fee 15 → 0`, `book(load=bag): fee 15 → 0`) is one change: its
    condition is to be found with all its probes. Each probe moved one call, both of one
    tool, the same arguments, each to the same new value."""
    if len(a.moved) != 1 or len(b.moved) != 1:
        return False
    first, second = a.moved[0], b.moved[0]
    return (
        first.call != second.call
        and first.name == second.name
        and tuple(key for key, _ in first.old) == tuple(key for key, _ in second.old)
        and first.new == second.new
    )


def _same_move_other_tool(a: _Member, b: _Member) -> bool:
    """Whether two probes moved the same arguments from the same values to the same values,
    each on a call of another tool: a £5 admin fee brought in for phone customers on a new
    booking (`book_session: admin_fee_gbp 0 → 5`) and on a change to one
    (`change_booking: admin_fee_gbp 0 → 5`) is one change, its condition found with all its
    probes."""
    if len(a.moved) != 1 or len(b.moved) != 1:
        return False
    first, second = a.moved[0], b.moved[0]
    return first.name != second.name and first.old == second.old and first.new == second.new


def _title(kind: str, removed: Sequence[str], added: Sequence[str]) -> str:
    if kind == "actions":
        before = ", ".join(removed) or "(no such call)"
        after = ", ".join(added) or "(no call)"
        if removed and not added:
            return f"no longer calls {before}"
        if added and not removed:
            return f"now calls {after}"
        return f"{before} → {after}"
    if kind == "escalation":
        if removed and added:
            return f"{', '.join(removed)} → {', '.join(added)}"
        return "no longer escalates to a human" if removed else "now escalates to a human"
    if kind == "refusal":
        return "no longer refuses" if removed else "now refuses"
    if kind == "promises":
        return _promise_title(removed, added)
    return "reply meaning changed"


def _promise_title(removed: Sequence[str], added: Sequence[str]) -> str:
    """ "return: 30 days → 45 days" when both sides share a topic."""
    by_topic: dict[str, tuple[list[str], list[str]]] = {}
    for side, items in ((0, removed), (1, added)):
        for item in items:
            topic, _, value = item.rpartition(": ")
            by_topic.setdefault(topic, ([], []))[side].append(value)
    parts = []
    for topic, (gone, came) in by_topic.items():
        if gone and came:
            parts.append(f"{topic + ' ' if topic else ''}{', '.join(gone)} → {', '.join(came)}")
    if parts:
        return "; ".join(parts[:2])
    if added:
        return "now states " + ", ".join(added[:3])
    return "no longer states " + ", ".join(removed[:3])


def _named_labels(labels: Sequence[str], texts: Sequence[str]) -> list[str]:
    """Promise labels ("shipping: 7 days") without a topic the texts do not name ("7 days")."""
    named: list[str] = []
    for label in labels:
        topic, _, value = label.rpartition(": ")
        named.append(label if topic_named(topic, texts) else value)
    return named


def name_topics(change: BehaviorChange, texts: Sequence[str]) -> None:
    """Title a promise change (and its promise aspects) by topics its own texts name: the
    prompt sentences it is attributed to and its replies (`texts`), in place."""
    if change.kind == "promises":
        before, after = _named_labels(change.before, texts), _named_labels(change.after, texts)
        if (before, after) != (change.before, change.after):
            change.before, change.after = before, after
            change.title = _promise_title(before, after)
    for index, aspect in enumerate(change.aspects):
        if aspect.kind != "promises":
            continue
        before, after = _named_labels(aspect.before, texts), _named_labels(aspect.after, texts)
        if (before, after) != (list(aspect.before), list(aspect.after)):
            change.aspects[index] = replace(
                aspect,
                title=_promise_title(before, after),
                before=tuple(before),
                after=tuple(after),
            )


def _json_number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _decimals(text: str) -> int:
    return len(text.partition(".")[2])


def _pattern(pairs: Sequence[tuple[str, str]]) -> tuple[float | None, float | None]:
    """(ratio, difference) that every old → new pair shares within rounding to cents (50% of
    $5.99 is $3.00), or (None, None). One old value is no pattern: 4 → 8 could be ×2 or +4."""
    values = [(float(old), float(new)) for old, new in pairs]
    if len({old for old, _ in values}) < 2:
        return None, None
    decimals = max(2, *(_decimals(value) for pair in pairs for value in pair))
    tolerance = 0.5 * 10**-decimals + 1e-9
    if all(old > 0 and new > 0 for old, new in values):
        base_old, base_new = max(values)
        raw = base_new / base_old
        for candidate in dict.fromkeys((float(round(raw)), round(raw, 1), round(raw, 2))):
            if (
                candidate > 0
                and candidate != 1
                and all(
                    abs(new - candidate * old) <= tolerance * (1 + candidate) for old, new in values
                )
            ):
                return candidate, None
    differences = sorted(new - old for old, new in values)
    middle = round(differences[len(differences) // 2], decimals)
    if all(abs(difference - middle) <= 2 * tolerance for difference in differences):
        return None, middle
    return None, None


def _moved_arguments(group: Sequence[_Member]) -> list[MovedArgument]:
    """Per call and moved argument: each probe's old and new value, and their pattern."""
    rows: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    names: dict[str, str] = {}
    for member in group:
        for moved in member.moved:
            names[moved.call] = moved.name
            for (argument, old), (_, new) in zip(moved.old, moved.new, strict=True):
                rows.setdefault((moved.call, argument), []).append(
                    (member.verdict.probe_id, old, new)
                )
    result = []
    for (call, argument), values in rows.items():
        ratio, difference = _pattern([(old, new) for _, old, new in values])
        result.append(
            MovedArgument(
                call=call,
                name=names[call],
                argument=argument,
                ratio=None if ratio is None else _json_number(str(ratio)),
                difference=None if difference is None else _json_number(str(difference)),
                values=tuple(
                    MovedProbeValue(probe_id, _json_number(old), _json_number(new))
                    for probe_id, old, new in values
                ),
            )
        )
    return result


def _moved_title(moved: Sequence[MovedArgument]) -> str:
    """ "issue_refund(type=shipping): amount 4.5 → 9, 7.5 → 15, 4 → 8 … (×2)"."""
    by_call: dict[str, list[str]] = {}
    for row in moved:
        pairs = list(
            dict.fromkeys(
                f"{plain_number(item.old)} → {plain_number(item.new)}" for item in row.values
            )
        )
        shown = ", ".join(pairs[:_SHOWN_PAIRS]) + (" …" if len(pairs) > _SHOWN_PAIRS else "")
        if row.ratio is not None:
            shown += f" (×{plain_number(row.ratio)})"
        elif row.difference is not None:
            sign = "+" if row.difference > 0 else ""
            shown += f" ({sign}{plain_number(row.difference)})"
        by_call.setdefault(row.call, []).append(f"{row.argument} {shown}")
    return "; ".join(f"{call}: {'; '.join(parts)}" for call, parts in by_call.items())


def _common(members: Sequence[_Member], attribute: str) -> list[str]:
    """Items present in at least half of the members, most frequent first."""
    counts: Counter[str] = Counter()
    for member in members:
        counts.update(getattr(member, attribute))
    needed = max(1, (len(members) + 1) // 2)
    return [
        item
        for item, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if count >= needed
    ]


def cluster_changes(
    verdicts: Sequence[ProbeVerdict],
    samples: Mapping[str, ProbeSamples],
    backend: MeaningBackend,
    settings: DetectSettings,
    inputs: Mapping[str, str] | None = None,
) -> list[BehaviorChange]:
    """`inputs`: each probe's input text, lower-cased (see `echoed_values`)."""
    members = [
        _member(verdict, samples[verdict.probe_id], (inputs or {}).get(verdict.probe_id, ""))
        for verdict in verdicts
        if verdict.verdict == "behavior-changed"
    ]
    groups: list[list[_Member]] = []
    bare_joined: set[int] = set()
    text_members = [member for member in members if member.kind == "meaning"]
    for member in members:
        if member.kind == "meaning":
            continue
        for group in groups:
            if any(_joins_as_given(member, other) for other in group):
                group.append(member)
                break
            if any(_joins_bare(member, other) for other in group):
                group.append(member)
                bare_joined.add(id(group))
                break
        else:
            groups.append([member])
    groups.extend(_text_groups(text_members, samples, backend, settings))
    groups.sort(key=lambda group: (-len(group), priority(group[0].kind)))
    changes = []
    for number, group in enumerate(groups, start=1):
        kind = group[0].kind
        facets = sorted(
            {facet for member in group for facet in member.verdict.facets},
            key=priority,
        )
        examples = excerpts(member.verdict for member in group)
        probe_ids = [member.verdict.probe_id for member in group]
        change: BehaviorChange
        if group[0].moved:
            moved = _moved_arguments(group)
            change = BehaviorChange(
                id=f"C{number}",
                title=_moved_title(moved),
                probe_ids=probe_ids,
                facets=facets,
                kind=kind,
                before=list(dict.fromkeys(i for m in group for i in sorted(m.removed))),
                after=list(dict.fromkeys(i for m in group for i in sorted(m.added))),
                excerpts=examples,
                moved_arguments=moved,
            )
        else:
            if id(group) in bare_joined:  # titled by what moved, not one probe's words
                group = [member.as_bare() for member in group]
            removed, added = _common(group, "removed"), _common(group, "added")
            change = BehaviorChange(
                id=f"C{number}",
                title=_title(kind, removed, added)
                if kind != "meaning"
                else _text_title(group, samples),
                probe_ids=probe_ids,
                facets=facets,
                kind=kind,
                before=removed,
                after=added,
                excerpts=examples,
            )
        for member in group:
            member.verdict.change_id = change.id
        changes.append(change)
    return changes


def _text_groups(
    members: Sequence[_Member],
    samples: Mapping[str, ProbeSamples],
    backend: MeaningBackend,
    settings: DetectSettings,
) -> list[list[_Member]]:
    if not members:
        return []
    texts = [samples[member.verdict.probe_id].new[0].text for member in members]
    vectors = backend.encode(texts)
    groups: list[list[int]] = []
    for index in range(len(members)):
        for group in groups:
            if any(
                backend.distance(vectors[index], vectors[other]) < settings.cluster_text_threshold
                for other in group
            ):
                group.append(index)
                break
        else:
            groups.append([index])
    return [[members[index] for index in group] for group in groups]


def _text_title(group: Sequence[_Member], samples: Mapping[str, ProbeSamples]) -> str:
    first = samples[group[0].verdict.probe_id]
    old_sentences = set(_sentences(first.old[0].text))
    new_only = [s for s in _sentences(first.new[0].text) if s not in old_sentences]
    if new_only:
        text = new_only[0]
        return "reply now says: " + (text if len(text) <= 90 else text[:89] + "…")
    return "reply meaning changed"


def _sentences(text: str) -> list[str]:
    from behaviordiff.detect.facts import sentences

    return sentences(text)


def _surface_words(texts: Iterable[str]) -> dict[str, str]:
    """Word stem → the whole word most often written for it, for people to read."""
    counts: dict[str, Counter[str]] = {}
    for text in texts:
        for word in re.findall(r"[a-z][a-z']+", text.lower()):
            stem = word[:6] if len(word) > 6 else word
            counts.setdefault(stem, Counter())[word] += 1
    return {stem: words.most_common(1)[0][0] for stem, words in counts.items()}


def group_wording(
    verdicts: Sequence[ProbeVerdict], samples: Mapping[str, ProbeSamples]
) -> list[BehaviorChange]:
    """Wording-only probes as one group, so writers see which prompt lines reworded them."""
    wording = [verdict for verdict in verdicts if verdict.verdict == "wording-only"]
    if not wording:
        return []
    dropped: Counter[str] = Counter()
    introduced: Counter[str] = Counter()
    for verdict in wording:
        if verdict.wording is not None:
            dropped.update(verdict.wording.dropped)
            introduced.update(verdict.wording.introduced)
    old_words = _surface_words(s.text for v in wording for s in samples[v.probe_id].old)
    new_words = _surface_words(s.text for v in wording for s in samples[v.probe_id].new)
    return [
        BehaviorChange(
            id="W1",
            title="wording changed, behavior the same",
            probe_ids=[verdict.probe_id for verdict in wording],
            facets=["wording"],
            kind="wording",
            before=[old_words.get(stem, stem) for stem, _ in dropped.most_common(6)],
            after=[new_words.get(stem, stem) for stem, _ in introduced.most_common(6)],
            excerpts=excerpts(wording),
        )
    ]


def _values_by_topic(labels: Sequence[str]) -> dict[str, set[str]]:
    """Promise labels ("refund: 10 business days") as value → the topics they name it by."""
    topics: dict[str, set[str]] = {}
    for label in labels:
        topic, _, value = label.rpartition(": ")
        topics.setdefault(value, set()).update({topic} if topic else set())
    return topics


def _topics_agree(first: Sequence[str], second: Sequence[str]) -> bool:
    """No value named by one topic on one side and by another on the other."""
    theirs = _values_by_topic(second)
    return all(
        not topics or not theirs.get(value) or topics & theirs[value]
        for value, topics in _values_by_topic(first).items()
    )


def _states_the_same(first: BehaviorChange, second: BehaviorChange) -> bool:
    """Two promise changes that state the same new fact (the same values and units) in other
    words: the same values came, and went, or one side names nothing that went ("now states
    10 business days" and "refund 3 business days → 10 business days"), and no value is
    named by two different topics. A reply's wording can read one side's value by another
    noun it names ("your order for a shirt and ticket … within 5 days of your order"): when
    exactly the same values went and came and one side's topics agree, the other side's
    differ by wording only. An attribution on both must start at the same hunk."""
    if first.kind != "promises" or second.kind != "promises":
        return False
    if first.moved_arguments or second.moved_arguments or first.aspects or second.aspects:
        return False
    came, came_too = set(_values_by_topic(first.after)), set(_values_by_topic(second.after))
    went, went_too = set(_values_by_topic(first.before)), set(_values_by_topic(second.before))
    if came != came_too or not (came or went):
        return False
    if went != went_too and (not came or (went and went_too)):
        return False
    agree = _topics_agree(first.before, second.before), _topics_agree(first.after, second.after)
    if not all(agree) and not (any(agree) and came == came_too and went == went_too and came):
        return False
    causes = [
        change.attribution[0].hunk_id if change.attribution else "" for change in (first, second)
    ]
    return causes[0] == causes[1]


def _states_the_same_share(
    first: BehaviorChange, second: BehaviorChange, by_id: Mapping[str, ProbeVerdict]
) -> bool:
    """`_states_the_same` with each amount only one change states read as the share of its
    probes' own number it is (`ownshare`): £24 told where every rent is 48 and £13 where
    every rent is 26 state one fact, half the rent."""
    if first.kind != "promises" or second.kind != "promises":
        return False
    features = [
        [by_id[probe_id].features for probe_id in change.probe_ids if probe_id in by_id]
        for change in (first, second)
    ]
    after = said_as_shares(first.after, features[0], second.after, features[1])
    if after is None:
        return False
    return _states_the_same(replace(first, after=after[0]), replace(second, after=after[1]))


def _labels(*groups: Sequence[str]) -> list[str]:
    """The labels of several restatements, one per value: the one that names a topic."""
    by_value: dict[str, str] = {}
    for labels in groups:
        for label in labels:
            topic, _, value = label.rpartition(": ")
            if value not in by_value or (topic and ": " not in by_value[value]):
                by_value[value] = label
    return list(by_value.values())


def merge_restatements(
    changes: Sequence[BehaviorChange], verdicts: Sequence[ProbeVerdict]
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """Promise changes that state one new fact in different words are one change.

    How a reply words a promise decides the topic read beside its value ("card refunds take
    up to 10 business days" is a refund; "it can take up to 10 business days to appear" is
    not), so one change of one rule can come out as several groups, each too small to get
    a condition. Groups that state the same values, with no topic against another, and
    whose attribution (when given) starts at the same hunk, are merged. Returns every
    change and the merged ones (whose conditions and attribution are to be found again)."""
    merged: list[BehaviorChange] = []
    grown: list[BehaviorChange] = []
    by_id = {verdict.probe_id: verdict for verdict in verdicts}
    for change in changes:
        target = next(
            (
                kept
                for kept in merged
                if _states_the_same(kept, change) or _states_the_same_share(kept, change, by_id)
            ),
            None,
        )
        if target is None:
            merged.append(change)
            continue
        _absorb(target, change)
        target.before = _labels(target.before, change.before)
        target.after = _labels(target.after, change.after)
        target.title = _promise_title(target.before, target.after)
        if target not in grown:
            grown.append(target)
    return merged_changes(merged, grown, changes, verdicts)


def renumber(
    changes: list[BehaviorChange], given: Sequence[BehaviorChange], verdicts: Sequence[ProbeVerdict]
) -> None:
    """Largest first (else in the order `given`), numbered C1…, each verdict told its change."""
    order = {id(change): index for index, change in enumerate(given)}
    changes.sort(key=lambda change: (-len(change.probe_ids), order[id(change)]))
    by_id = {verdict.probe_id: verdict for verdict in verdicts}
    for number, change in enumerate(changes, start=1):
        change.id = f"C{number}"
        for probe_id in change.probe_ids:
            if probe_id in by_id:
                by_id[probe_id].change_id = change.id


def merge_facets(
    changes: Sequence[BehaviorChange], verdicts: Sequence[ProbeVerdict]
) -> list[BehaviorChange]:
    """Changes that happen under the same condition are one change seen through several
    facets ("now calls lookup_customer" and "no longer states dates" on the same customers):
    one change, titled by its most consequential facet (actions and escalation before
    promises, promises before meaning), the others kept as its aspects."""
    merged: list[BehaviorChange] = []
    by_condition: dict[str, BehaviorChange] = {}
    for change in sorted(changes, key=lambda change: priority(change.kind)):
        key = change.conditions[0].text if change.conditions else ""
        primary = by_condition.get(key) if key else None
        if primary is None:
            if key:
                by_condition[key] = change
            merged.append(change)
            continue
        absorb_as_aspect(primary, change)
    if len(merged) == len(changes):
        return list(changes)
    renumber(merged, changes, verdicts)
    return merged


def split_changes(
    changes: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
    parts_of: Callable[[list[str]], list[list[str]]],
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """Each change whose probes `parts_of` splits (`conditions.split_by_conditions`: two
    sets of customers that lost the same action for two reasons) as one change per part,
    the same behavior under its own condition. A change of moved numbers stays whole (its
    title states every probe's values). Returns every change, renumbered when any split, and
    the parts (whose conditions are to be found)."""
    by_id = {verdict.probe_id: verdict for verdict in verdicts}
    result: list[BehaviorChange] = []
    parts_made: list[BehaviorChange] = []
    for change in changes:
        parts = [] if change.moved_arguments else parts_of(list(change.probe_ids))
        if not parts:
            result.append(change)
            continue
        for part in parts:
            members = [by_id[probe_id] for probe_id in part if probe_id in by_id]
            piece = replace(
                change,
                probe_ids=list(part),
                facets=sorted(
                    {facet for member in members for facet in member.facets},
                    key=priority,
                ),
                before=list(change.before),
                after=list(change.after),
                conditions=[],
                attribution=[],
                excerpts=excerpts(members),
                aspects=[],
            )
            result.append(piece)
            parts_made.append(piece)
    if not parts_made:
        return list(changes), []
    renumber(result, list(result), verdicts)
    return result, parts_made


def _promise_shift(verdicts: Iterable[ProbeVerdict]) -> list[tuple[set[str], set[str]]]:
    """Each verdict's promise items that went and came (by half the samples or more)."""
    shifts: list[tuple[set[str], set[str]]] = []
    for verdict in verdicts:
        if "promises" not in verdict.results:
            shifts.append((set(), set()))
            continue
        removed, added = strong_items(verdict, "promises")
        shifts.append((set(removed), set(added)))
    return shifts


def shows_its_promises(
    primary: BehaviorChange, change: BehaviorChange, verdicts: Sequence[ProbeVerdict]
) -> bool:
    """Whether a reply-only change states what the primary's own probes state: every promise
    it now makes on all its probes (a fee of £15) is made on every probe of the primary, and
    every promise it drops on all of them ("free of charge") is dropped on one of the
    primary's at least. A move made with a paid twin of its tool states its fee; a customer
    only asking is told that fee: one change, whatever hunk attribution reads each side to (a
    limit in a tool's schema names no amount). What only some of its probes say (each
    customer's own balance, worked out from their own figures) is not the rule."""
    by_id = {verdict.probe_id: verdict for verdict in verdicts}
    own = _promise_shift(by_id[probe_id] for probe_id in primary.probe_ids if probe_id in by_id)
    theirs = _promise_shift(by_id[probe_id] for probe_id in change.probe_ids if probe_id in by_id)
    if not own or not theirs:
        return False
    went = set.intersection(*(removed for removed, _ in theirs))
    came = set.intersection(*(added for _, added in theirs))
    if not came:
        return False
    dropped_there = set().union(*(removed for removed, _ in own))
    return all(came <= added for _, added in own) and went <= dropped_there


def takes_its_action_unchanged(
    primary: BehaviorChange, change: BehaviorChange, verdicts: Sequence[ProbeVerdict]
) -> bool:
    """Whether every probe of `change` calls a tool whose call the primary changed, the same
    way in both versions (its actions the same): those customers are the rest of the
    primary's case (a refund by how much notice was given: those under 24 hours got the
    partial refund before and after, while the 24-47 hour band moved from full to partial),
    so the primary's condition must leave them out; told the new rule, they are a change
    of their own, never an aspect that would widen the primary to them."""
    by_id = {verdict.probe_id: verdict for verdict in verdicts}
    moved: set[str] = set()
    for probe_id in primary.probe_ids:
        result = by_id[probe_id].results.get("actions") if probe_id in by_id else None
        if result is not None and result.status == "changed":
            moved |= {_tool_of(item) for item in (*result.removed, *result.added)}
    if not moved or not change.probe_ids:
        return False
    for probe_id in change.probe_ids:
        result = by_id[probe_id].results.get("actions") if probe_id in by_id else None
        if result is None or result.status != "same":
            return False
        old = {_tool_of(item) for item, count in result.old_counts.items() if count}
        new = {_tool_of(item) for item, count in result.new_counts.items() if count}
        if not (moved & old & new):
            return False
    return True


def _tool_of(action: str) -> str:
    """`issue_refund` of `issue_refund(amount=20, type=partial)`."""
    return action.split("(", 1)[0].strip()


_BOUNDS = frozenset({">", ">=", "<", "<=", "between"})


def _only_unstated_bounds_more(first: Condition, found: Condition, stated: Set[float]) -> bool:
    """Whether `first` is `found` (a clean condition of the union) with numeric bounds added
    that no hunk states ("class_price > 55" beside "cancel_reason = change_of_plans"): bounds
    fitted to the probes to leave the small change's probes out, not the rule."""
    if found.matched_others or found.matched_changed != found.changed:
        return False
    extra = [atom for atom in first.atoms if atom not in found.atoms]
    return (
        bool(extra)
        and all(atom in first.atoms for atom in found.atoms)
        and all(
            atom.op in _BOUNDS
            and not {float(v) for v in (atom.value, atom.low) if isinstance(v, int | float)}
            & set(stated)
            for atom in extra
        )
    )


def _same_rule_but_tags(found: Condition, first: Condition) -> bool:
    """Whether a condition found again is `first` with only its tag atoms changed (which
    topic a probe was filed under, not the rule): the same other atoms, at least one, and no
    more others matched."""
    untagged = [
        frozenset(atom for atom in condition.atoms if atom.op != "tag")
        for condition in (found, first)
    ]
    return (
        bool(untagged[1])
        and untagged[0] == untagged[1]
        and found.matched_others <= first.matched_others
    )


def absorb_covered_facets(
    changes: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
    conditions_of: Callable[[list[str]], list[Condition]],
    same_cause: Callable[[BehaviorChange, BehaviorChange], bool],
    stated: Set[float] = frozenset(),
    tells_its_action: Callable[[BehaviorChange, BehaviorChange], bool] | None = None,
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """A change too small for a condition of its own, seen through a lesser facet on probes
    that a more consequential change's condition already covers, is that change seen where
    its main facet cannot show: an offer withdrawn drops its action on the probes that used
    to take it ("no longer calls book_loan") and only changes the reply on a probe that asked
    about it ("we no longer offer loans"). Such a change is kept as an aspect of the other
    when the other's first condition, found again with both changes' probes (`conditions_of`,
    `conditions.find_conditions`), is the same rule and now matches every probe of the small
    one (they were among its "others"), and the two have the same cause (`same_cause`: their
    attributions start at the same hunk) or the small one states what the other's own probes
    state (`shows_its_promises`: a paid twin's fee). The other's condition may also be the
    union's clean one with bounds added that no hunk states (`stated`: the numbers the diff
    states): those bounds were fitted to leave the small one's probes out, and a rule no
    prompt states loses to the rule that covers both. A probe filed under another tag (a
    customer asking how they'll pay beside customers booking) widens only the condition's tag
    atom: the rule is the same when its other atoms are, and it matches no more others
    (`_same_rule_but_tags`); the cause is then also the same when the small change's first hunk
    is the one that names the other's new action (`tells_its_action`: "send an invoice with
    send_invoice … and tell the customer …", what a customer only asking is told). A change
    that has a condition of its own is left to `merge_facets`. Returns every change,
    renumbered when any merged, and the grown ones (whose attribution is to be found again)."""
    kept = list(changes)
    grown: list[BehaviorChange] = []
    primaries = sorted(
        (change for change in changes if change.conditions and not change.moved_arguments),
        key=lambda change: (priority(change.kind), -len(change.probe_ids)),
    )
    for change in changes:
        if change.conditions or change.aspects or change.moved_arguments:
            continue
        for primary in primaries:
            if priority(primary.kind) >= priority(change.kind):
                continue
            first = primary.conditions[0]
            found = conditions_of([*primary.probe_ids, *change.probe_ids])
            if (
                not found
                or not (
                    found[0].text == first.text
                    or _only_unstated_bounds_more(first, found[0], stated)
                    or _same_rule_but_tags(found[0], first)
                )
                or found[0].matched_changed != first.matched_changed + len(change.probe_ids)
                or not (
                    same_cause(primary, change)
                    or shows_its_promises(primary, change, verdicts)
                    or (tells_its_action is not None and tells_its_action(primary, change))
                )
            ):
                continue
            keep_as_aspect(primary, change, kept, grown, found)
            break
    return merged_changes(kept, grown, changes, verdicts)


def _flat_value(change: BehaviorChange) -> float | None:
    """The one new value every probe of a change of moved numbers moved to (a share of a
    price made a flat amount), or None."""
    news = {float(value.new) for row in change.moved_arguments for value in row.values}
    if len(news) == 1:
        return news.pop()
    # one argument every probe moved to one value, beside others that moved by probe (a
    # restocking fee 0 → 35 and each refund's amount 35 less): that argument's value
    flat = {
        found
        for row in change.moved_arguments
        if len(row_news := {float(value.new) for value in row.values}) == 1
        and (found := next(iter(row_news))) not in {float(value.old) for value in row.values}
    }
    return flat.pop() if len(flat) == 1 else None


def _stated_amounts(labels: Sequence[str]) -> set[float]:
    """The amounts promise labels state ("€40.00", "$12"); shares ("50%") are not amounts."""
    amounts = set()
    for label in labels:
        if label.strip().endswith("%"):
            continue
        for number in re.findall(r"\d+(?:\.\d+)?", label.replace(",", "")):
            amounts.add(float(number))
    return amounts


def _stated_kinds(labels: Sequence[str]) -> set[tuple[float, bool]]:
    """The amounts and the shares promise labels state, each with whether it is a share
    ("30%": True; "£30.00": False)."""
    values = set()
    for label in labels:
        value = label.rpartition(": ")[2]
        share = value.strip().endswith("%")
        for number in re.findall(r"\d+(?:\.\d+)?", value.replace(",", "")):
            values.add((float(number), share))
    return values


def _one_moves(change: BehaviorChange) -> list[tuple[float, float]]:
    """(old, new) of each moved argument that every probe moved from one value to one value
    (a deposit's percent 20 → 30 whatever the order's total)."""
    moves = []
    for row in change.moved_arguments:
        olds = {float(value.old) for value in row.values}
        news = {float(value.new) for value in row.values}
        if len(olds) == 1 and len(news) == 1 and olds != news:
            moves.append((olds.pop(), news.pop()))
    return moves


def _tells_the_move(primary: BehaviorChange, change: BehaviorChange) -> bool:
    """Whether a reply-only change tells the customer a value the primary's call moved, as
    it moved: its old replies state the one old value and not the new one, its new replies
    the new one, both as shares or both as amounts (a percent argument 20 → 30 and a customer
    asking is told 30% for 20%; a fee 6 → 5 and a reply now saying 5% are not one change)."""
    before, after = _stated_kinds(change.before), _stated_kinds(change.after)
    return any(
        (old, share) in before and (new, share) in after and (new, share) not in before
        for old, new in _one_moves(primary)
        for share in (True, False)
    )


def _moved_pairs(change: BehaviorChange) -> set[tuple[float, float]]:
    """(old, new) of every probe's moved argument value that moved (a price 16.2 → 15.3,
    12.6 → 11.9): what the change's calls now say instead, probe by probe."""
    return {
        (float(value.old), float(value.new))
        for row in change.moved_arguments
        for value in row.values
        if float(value.old) != float(value.new)
    }


def _tells_a_pair(primary: BehaviorChange, change: BehaviorChange) -> bool:
    """Whether a reply-only change tells, as amounts, one probe's moved value of the
    primary's calls as it moved (a booking's price 16.2 → 15.3, and a customer asking the
    price told £15.30 where it was £16.20): its old replies state the old amount (or the new
    one is an amount no reply says by chance, `_distinct`: "now states £74.50") and not the
    new one, its new replies the new one and not the old one."""
    before, after = _stated_kinds(change.before), _stated_kinds(change.after)
    return any(
        ((old, False) in before or _distinct(new))
        and (new, False) in after
        and (new, False) not in before
        and (old, False) not in after
        for old, new in _moved_pairs(primary)
    )


def _distinct(value: float) -> bool:
    """Whether an amount is one no reply says by chance (£74.50, £164): not a small whole
    number, which a reply may state of anything (2 bags, 5 days)."""
    return not value.is_integer() or value >= 100


def _falls_under(
    primary: BehaviorChange, change: BehaviorChange, verdicts: Sequence[ProbeVerdict]
) -> bool:
    """Whether every probe of `change` meets every atom of `primary`'s rule but its topic tags
    (one at least): a customer of the rule's case who asked about another topic."""
    atoms = [a for a in primary.conditions[0].atoms if a.op != "tag"] if primary.conditions else []
    if not atoms:
        return False
    features = {verdict.probe_id: verdict.features for verdict in verdicts}
    return all(
        probe in features and all(atom_meets(a, features[probe]) for a in atoms)
        for probe in change.probe_ids
    )


_SHARE_ARGUMENT = re.compile(r"percent|pct|share", re.IGNORECASE)


def _stated_shares(labels: Sequence[str]) -> set[float]:
    """The shares promise labels state ("refund: 50%")."""
    return {
        float(number)
        for label in labels
        if label.strip().endswith("%")
        for number in re.findall(r"(\d+(?:\.\d+)?)\s*%", label)
    }


def _stated_values(primary: BehaviorChange, labels: Sequence[str]) -> set[float]:
    """The values labels state as `primary`'s moved argument states them: amounts, and
    shares too when every moved argument is itself a share (`refund_percent` 100 → 50: a
    customer told "50% back" is told that value)."""
    names = {row.argument for row in primary.moved_arguments}
    shares = bool(names) and all(_SHARE_ARGUMENT.search(name) for name in names)
    return _stated_amounts(labels) | (_stated_shares(labels) if shares else set())


def _share_of_own_number(
    primary: BehaviorChange, change: BehaviorChange, verdicts: Sequence[ProbeVerdict], share: float
) -> bool:
    """Whether every probe of a reply-only change is now told `share` percent of a number its
    own features carry (told £27.50 where the class price is 55 and the call now passes
    refund_percent 50), when `primary`'s moved argument is a share: the share said as the
    amount it comes to."""
    names = {row.argument for row in primary.moved_arguments}
    if not names or not all(_SHARE_ARGUMENT.search(name) for name in names):
        return False
    told = _stated_amounts(change.after)
    by_id = {verdict.probe_id: verdict for verdict in verdicts}
    members = [by_id[probe_id] for probe_id in change.probe_ids if probe_id in by_id]
    if not members or not told:
        return False

    def comes_to(verdict: ProbeVerdict) -> bool:
        # a probe's number too big for a float (an int of 400 digits) comes to no amount said
        numbers = [
            float(value)
            for value in verdict.features.values()
            if isinstance(value, int | float)
            and not isinstance(value, bool)
            and value
            and (isinstance(value, float) or abs(value) < 10**300)
        ]
        return any(
            abs(number * share / 100 - amount) < 0.005 for number in numbers for amount in told
        )

    return all(comes_to(verdict) for verdict in members)


def _tells_the_ratio(
    primary: BehaviorChange, change: BehaviorChange, verdicts: Sequence[ProbeVerdict]
) -> bool:
    """Whether a reply-only change tells, on each of its probes, the one ratio `primary`'s
    amounts moved by of a number the probe carries (`ratiotold`)."""
    ratio = one_ratio(primary.moved_arguments)
    return ratio is not None and tells_the_ratio(
        ratio,
        change.probe_ids,
        _stated_amounts(change.before),
        _stated_amounts(change.after),
        verdicts,
    )


def _same_rule_covering(first: Condition, found: Sequence[Condition], added: int) -> bool:
    """Whether a condition found again with `added` more probes (`found`, best first) is the
    rule `first` states, now matching every one of them: the same text, or the same rule with
    only its tag atom widened to the tag the added probes are filed under (a customer asking
    the price beside customers booking, `_same_rule_but_tags`)."""
    return bool(found) and (
        (found[0].text == first.text or _same_rule_but_tags(found[0], first))
        and found[0].matched_changed == first.matched_changed + added
    )


def _rule_covers(
    primary: BehaviorChange,
    change: BehaviorChange,
    conditions_of: Callable[[list[str]], list[Condition]] | None,
) -> bool:
    """Whether a reply-only change with no cause of its own (no prompt hunk names the amount
    it now states) falls under `primary`'s rule: its condition, found again with both
    changes' probes (`conditions_of`), is the same rule (its tag atom may widen) and now
    matches every probe of the small one (a fee now charged past a tier's lowered allowance,
    and a customer of that tier past it asking the price told the fee)."""
    if conditions_of is None or change.attribution or not primary.conditions:
        return False
    found = conditions_of([*primary.probe_ids, *change.probe_ids])
    return _same_rule_covering(primary.conditions[0], found, len(change.probe_ids))


def absorb_stated_flat_values(
    changes: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
    same_cause: Callable[[BehaviorChange, BehaviorChange], bool],
    conditions_of: Callable[[list[str]], list[Condition]] | None = None,
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """A reply-only change that now states the one new value a change of moved numbers moved
    every probe to (a surcharge made a flat €40: the booking says 40, a customer asking the
    price is told €40), with no condition of its own and the same cause (`same_cause`: their
    attributions start at the same hunk), is that change seen where no call is made: kept as
    its aspect, so the condition search sees all its probes; when the moved argument is a
    share (`refund_percent` 100 → 50), a reply stating that share ("50% back") states it. So
    is one that tells the move of an argument every call moved from one value to another
    (`_tells_the_move`: a deposit's percent 20 → 30, a customer asking told 30% where it was
    20%). So is one whose every probe is now told the new value per unit the primary's
    amounts were (`perunit`: a deposit of £5 a head, 40 for eight, and a party of eleven
    asking told £55). A reply-only change with no cause at all (no hunk states the amount it
    now says) joins too when `primary`'s rule, found again with its probes (`conditions_of`),
    is the same rule and covers them (`_rule_covers`). Returns every change, renumbered when
    any merged, and the grown ones (whose condition is to be found again)."""
    kept = list(changes)
    grown: list[BehaviorChange] = []
    for primary in changes:
        flat = _flat_value(primary)
        per_unit = new_per_unit(primary.moved_arguments, verdicts) if flat is None else None
        if (
            flat is None
            and per_unit is None
            and not _one_moves(primary)
            and one_ratio(primary.moved_arguments) is None
        ):
            continue
        for change in changes:
            if (
                not _lone_reply(change, primary, kept)
                or not (
                    (
                        flat is not None
                        and (
                            flat in _stated_values(primary, change.after)
                            or _share_of_own_number(primary, change, verdicts, flat)
                        )
                        and flat not in _stated_values(primary, change.before)
                    )
                    or _tells_the_move(primary, change)
                    or _tells_a_pair(primary, change)
                    or _tells_the_ratio(primary, change, verdicts)
                    or (
                        per_unit is not None
                        and tells_new_per_unit(
                            *per_unit,
                            change.probe_ids,
                            _stated_amounts(change.before),
                            _stated_amounts(change.after),
                            verdicts,
                        )
                    )
                )
                or not (same_cause(primary, change) or _rule_covers(primary, change, conditions_of))
            ):
                continue
            keep_as_aspect(primary, change, kept, grown)
    return merged_changes(kept, grown, changes, verdicts)


def _lone_reply(
    change: BehaviorChange, primary: BehaviorChange, kept: Sequence[BehaviorChange]
) -> bool:
    """Whether `change` is a reply-only change of its own (no condition, aspect or moved
    number) not yet merged, other than `primary`: one a merge pass may take in."""
    return (
        change is not primary
        and change in kept
        and change.kind == "promises"
        and not change.conditions
        and not change.aspects
        and not change.moved_arguments
    )


def absorb_told_pairs(
    changes: Sequence[BehaviorChange], verdicts: Sequence[ProbeVerdict]
) -> list[BehaviorChange]:
    """A reply-only change with no condition of its own that tells one probe's moved value
    of a change's calls as it moved (a booking's price 16.2 → 15.3, and a student asking the
    price of the same booking told £15.30 where it was £16.20: `_tells_a_pair`), every probe
    of it meeting that change's rule but its topic tags (`_falls_under`), is that change seen
    where no call is made: kept as its aspect, the rule staying the one found for the calls
    (the told reply is of another topic, which the rule's tags need not name). Returns every
    change, renumbered when any merged."""
    kept = list(changes)
    told = False
    for primary in changes:
        if primary not in kept or not primary.moved_arguments or not primary.conditions:
            continue
        for change in changes:
            if not _lone_reply(change, primary, kept):
                continue
            if _tells_a_pair(primary, change) and _falls_under(primary, change, verdicts):
                absorb_as_aspect(primary, change)
                kept.remove(change)
                told = True
    if not told:
        return list(changes)
    renumber(kept, changes, verdicts)
    return kept


def _one_old_value(change: BehaviorChange) -> float | None:
    """The one old value every probe of a change of moved numbers moved from (a fee of 15
    now 0 whatever was ordered), or None."""
    olds = {float(value.old) for row in change.moved_arguments for value in row.values}
    return olds.pop() if len(olds) == 1 else None


_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CURRENCY_SIGN = re.compile(r"[$€£]")


def _said_as(label: str) -> str:
    """How a promise label says its figure, the figure left out: "$#" for an amount of money
    in any currency ("lift pass: €12.00"), "# hours" for a duration ("24 hours")."""
    value = label.rpartition(": ")[2].strip().lower()
    return _CURRENCY_SIGN.sub("$", _FIGURE.sub("#", value))


def _labels_telling(
    labels: Sequence[str], amounts: Iterable[float], *, shares: bool = False
) -> list[str]:
    """The labels that state one of `amounts`, to the penny; with `shares`, as a percentage
    ("discount: 15%")."""
    wanted = list(amounts)

    def stated(label: str) -> set[float]:
        if shares:
            return {value for value, share in _stated_kinds([label]) if share}
        return _stated_amounts([label])

    return [
        label
        for label in labels
        if any(abs(said - amount) <= 0.005 for said in stated(label) for amount in wanted)
    ]


_SHARE_NAME = re.compile(r"(?:^|_)(?:percent|percentage|pct)(?:_|$)", re.I)


def _moves_a_share(change: BehaviorChange) -> bool:
    """Whether every argument a change of moved numbers moved is a percentage by its name
    ("discount_percent"): its values are shares, told as "15%"."""
    names = {row.argument for row in change.moved_arguments}
    return bool(names) and all(_SHARE_NAME.search(name) for name in names)


def absorb_unstated_old_values(
    changes: Sequence[BehaviorChange],
    verdicts: Sequence[ProbeVerdict],
    conditions_of: Callable[[list[str]], list[Condition]],
) -> tuple[list[BehaviorChange], list[BehaviorChange]]:
    """A reply-only change with no condition of its own that no longer states the one old
    value a change of moved numbers moved every probe from, and states no new amount for it
    (a fee dropped to nothing: the customer asking the price is no longer told £15, "free"
    states no amount; a figure said another way, "24 hours" for a fee told as "£15", is no
    amount for it), is that change seen where no call is made; so is one no longer told
    the old value per unit, or that value times its own count, when the old amounts were one
    value per unit of a number each probe carries (`perunit`: £8 per guest, told "£16 for the
    two of you"). Either is kept as its aspect when the other's condition, found again with
    both changes' probes (`conditions_of`), is the same rule (its tag atom may widen) and now
    matches every probe of the small one. Returns every change, renumbered when any merged,
    and the grown ones (whose attribution is to be found again)."""
    kept = list(changes)
    grown: list[BehaviorChange] = []
    for primary in changes:
        old = _one_old_value(primary)
        per_unit = old_per_unit(primary.moved_arguments, verdicts) if old is None else None
        if (old is None and per_unit is None) or not primary.conditions:
            continue
        flat = _flat_value(primary)
        if flat is None:
            continue
        for change in changes:
            if not _lone_reply(change, primary, kept):
                continue
            olds = (
                old_amounts_per_unit(*per_unit, change.probe_ids, verdicts)
                if per_unit is not None
                else [old]
                if old is not None
                else []
            )
            told = _labels_telling(change.before, olds)
            if not told and _moves_a_share(primary):
                # a percentage argument ("discount_percent 15 → 0"): the customer asking the
                # price is no longer told "discount: 15%"
                told = _labels_telling(change.before, olds, shares=True)
            forms = {_said_as(label) for label in told}
            said_now = [label for label in change.after if _said_as(label) in forms]
            if not told or _stated_amounts(said_now) - {flat}:
                continue
            found = conditions_of([*primary.probe_ids, *change.probe_ids])
            if not _same_rule_covering(primary.conditions[0], found, len(change.probe_ids)):
                continue
            keep_as_aspect(primary, change, kept, grown, found)
    return merged_changes(kept, grown, changes, verdicts)
