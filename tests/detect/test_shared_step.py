"""A check put before an action shows as two action changes: members now asked for their PIN
no longer get a locker opened (`open_locker` dropped; one whose PIN fails is checked with
`check_pin` and refused), and the member who gave the PIN up front gets `check_pin` added
before the same `open_locker`. The second has no condition of its own (its member is the
rule's customer too), and its step is one the first group takes as well: they are one
change, titled by the larger, with the union's clean condition. Made-up agent: a gym's
locker hire."""

from __future__ import annotations

from behaviordiff.detect.model import (
    Atom,
    BehaviorChange,
    Condition,
    FacetResult,
    ProbeVerdict,
)
from behaviordiff.detect.sharedstep import absorb_shared_step


def _verdict(probe_id: str, added: list[str], removed: list[str]) -> ProbeVerdict:
    actions = FacetResult("actions", "changed", 0.001, "fisher", removed=removed, added=added)
    return ProbeVerdict(probe_id, "behavior-changed", ["actions"], 2, 2, {"actions": actions})


def _changes(
    step: str = "check_pin(member_id=M-1)",
) -> tuple[list[BehaviorChange], list[ProbeVerdict]]:
    verdicts = [
        _verdict("ask-1", [], ["open_locker(locker=12)"]),
        _verdict("ask-2", [], ["open_locker(locker=40)"]),
        _verdict("ask-3", [], ["open_locker(locker=7)"]),
        _verdict("wrong-pin", ["check_pin(member_id=M-9)"], ["open_locker(locker=3)"]),
        _verdict("pin-given", [step], []),
    ]
    stopped = BehaviorChange("C1", "no longer calls open_locker",
                             ["ask-1", "ask-2", "ask-3", "wrong-pin"], ["actions"], "actions",
                             before=["open_locker"])  # fmt: skip
    stopped.conditions = [_tagged(4, 1)]
    added = BehaviorChange("C2", "now calls check_pin", ["pin-given"], ["actions"], "actions",
                           after=["check_pin"])  # fmt: skip
    return [stopped, added], verdicts


def _tagged(matched: int, others: int) -> Condition:
    return Condition("tag lockers", (Atom("tag:lockers", "tag"),), matched, matched, others, 9)


def _conditions_of(probe_ids: list[str]) -> list[Condition]:
    return [_tagged(len(probe_ids), 0 if len(probe_ids) == 5 else 1)]


def _same_cause(first: BehaviorChange, second: BehaviorChange) -> bool:
    return True


def test_a_step_added_before_the_same_action_joins_the_rule_that_takes_it() -> None:
    changes, verdicts = _changes()
    kept, grown = absorb_shared_step(changes, verdicts, _conditions_of, _same_cause)
    assert len(kept) == 1 and grown == kept
    assert kept[0].title == "no longer calls open_locker" and kept[0].kind == "actions"
    assert sorted(kept[0].probe_ids) == ["ask-1", "ask-2", "ask-3", "pin-given", "wrong-pin"]
    assert kept[0].conditions[0].matched_others == 0
    assert [aspect.title for aspect in kept[0].aspects] == ["now calls check_pin"]


def test_a_step_the_rule_never_takes_or_another_cause_stays_apart() -> None:
    changes, verdicts = _changes(step="send_receipt(member_id=M-1)")
    kept, grown = absorb_shared_step(changes, verdicts, _conditions_of, _same_cause)
    assert len(kept) == 2 and grown == []
    changes, verdicts = _changes()
    kept, grown = absorb_shared_step(changes, verdicts, _conditions_of, lambda a, b: False)
    assert len(kept) == 2 and grown == []
    changes, verdicts = _changes()
    kept, grown = absorb_shared_step(
        changes, verdicts, lambda ids: [_tagged(len(ids), 2)], _same_cause
    )
    assert len(kept) == 2 and grown == []
