"""A limit lowered for one category shows as several changes with no condition each: the new
limit told to those asking, probe-own figures told to one asking what is left, and a call no
longer made for those the lower limit now stops. Each alone leaves the others' customers among
the unchanged, so none has a condition; all together they have a clean one and read the same
edited sentence (or none): one change, titled by its most consequential facet. Made-up agents:
a library's loan limit for junior cards, a car-club's mileage allowance on the basic tier."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from behaviordiff.detect.jointrule import absorb_split_rule
from behaviordiff.detect.model import Atom, Attribution, BehaviorChange, Condition, ProbeVerdict

_DOMAINS = [
    ("card", "junior", "renew_loan", "6 books", "4 books", "loans"),
    ("tier", "basic", "extend_trip", "200 miles", "150 miles", "trips"),
]


def _cause(*hunks: tuple[str, float]) -> list[Attribution]:
    return [
        Attribution(hunk_id, score, (), "", "sentence_changed", "system.md")
        for hunk_id, score in hunks
    ]


def _changes(call: str, old: str, new: str) -> list[BehaviorChange]:
    told = BehaviorChange("C1", f"{old} → {new}", ["t1", "t2", "t3"], ["promises"], "promises",
                          before=[old], after=[new])  # fmt: skip
    stopped = BehaviorChange("C2", f"no longer calls {call}", ["s1", "s2"],
                             ["actions", "promises"], "actions", before=[call])  # fmt: skip
    left = BehaviorChange("C3", "2 left → 0 left", ["l1"], ["promises"], "promises",
                          before=["2 left"], after=["0 left"])  # fmt: skip
    return [told, stopped, left]


def _verdicts(changes: Sequence[BehaviorChange]) -> list[ProbeVerdict]:
    return [
        ProbeVerdict(probe, "behavior-changed", change.facets, 2, 2)
        for change in changes
        for probe in change.probe_ids
    ]


def _rule(feature: str, value: str, tag: str, matched: int, others: int) -> Condition:
    atoms = (Atom(feature, "=", value), Atom(f"tag:{tag}", "tag"))
    return Condition(f"{feature} = {value} and tag {tag}", atoms, matched, matched, others, 9)


def _conditions_of(
    feature: str, value: str, tag: str, clean_for: int
) -> Callable[[list[str]], list[Condition]]:
    def conditions_of(probe_ids: list[str]) -> list[Condition]:
        if len(probe_ids) == clean_for:
            return [_rule(feature, value, tag, len(probe_ids), 0)]
        return [_rule(feature, value, tag, len(probe_ids), 1)]

    return conditions_of


def _causes(table: dict[str, list[Attribution]]) -> Callable[[BehaviorChange], list[Attribution]]:
    return lambda change: table.get(change.id, [])


@pytest.mark.parametrize(("feature", "value", "call", "old", "new", "tag"), _DOMAINS)
def test_parts_of_one_rule_with_no_condition_each_are_one_change(
    feature: str, value: str, call: str, old: str, new: str, tag: str
) -> None:
    changes = _changes(call, old, new)
    causes = _causes({"C1": _cause(("H1", 4.0)), "C3": _cause(("H1", 3.0), ("H2", 1.0))})
    kept, grown = absorb_split_rule(
        changes, _verdicts(changes), _conditions_of(feature, value, tag, 6), causes
    )
    assert len(kept) == 1 and grown == kept
    assert kept[0].kind == "actions" and kept[0].title == f"no longer calls {call}"
    assert sorted(kept[0].probe_ids) == ["l1", "s1", "s2", "t1", "t2", "t3"]
    assert kept[0].conditions[0].text == f"{feature} = {value} and tag {tag}"
    assert [aspect.title for aspect in kept[0].aspects] == [f"{old} → {new}", "2 left → 0 left"]


@pytest.mark.parametrize(("feature", "value", "call", "old", "new", "tag"), _DOMAINS)
def test_parts_with_other_causes_or_no_clean_union_stay_apart(
    feature: str, value: str, call: str, old: str, new: str, tag: str
) -> None:
    changes = _changes(call, old, new)
    verdicts = _verdicts(changes)
    same = _causes({"C1": _cause(("H1", 4.0)), "C3": _cause(("H1", 3.0))})
    other = _causes(
        {"C1": _cause(("H1", 4.0)), "C2": _cause(("H3", 5.0)), "C3": _cause(("H4", 3.0))}
    )
    for conditions_of, causes in [
        (_conditions_of(feature, value, tag, 99), same),  # no union is clean
        (_conditions_of(feature, value, tag, 6), other),  # the parts read other sentences
        (_conditions_of(feature, value, tag, 6), _causes({})),  # no cause at all
    ]:
        kept, grown = absorb_split_rule(changes, verdicts, conditions_of, causes)
        assert len(kept) == 3 and grown == []


def test_a_change_with_its_own_condition_is_left_out() -> None:
    changes = _changes("renew_loan", "6 books", "4 books")
    changes[2].conditions = [_rule("card", "junior", "loans", 1, 0)]
    causes = _causes({"C1": _cause(("H1", 4.0))})
    kept, _ = absorb_split_rule(
        changes, _verdicts(changes), _conditions_of("card", "junior", "loans", 5), causes
    )
    assert len(kept) == 2 and sorted(kept[0].probe_ids) == ["s1", "s2", "t1", "t2", "t3"]
