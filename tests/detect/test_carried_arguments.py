"""An argument whose value is the same in a probe's old call and its new one (the customer's
own words, the item asked about) is input, not behavior: one change seen on probes with other
such values is one change, titled by what moved (the tool swapped, the number), not split into
one change per value. Made-up agents: a bike workshop, a kit-hire desk."""

from __future__ import annotations

from typing import cast

from behaviordiff.detect.carried import carried_values, without_carried
from behaviordiff.detect.clusters import _joins, _member, cluster_changes
from behaviordiff.detect.model import FacetResult, ProbeVerdict
from behaviordiff.detect.settings import DetectSettings
from behaviordiff.detect.signature import Action, BehaviorSignature
from behaviordiff.detect.similarity import MeaningBackend
from behaviordiff.detect.verdicts import ProbeSamples


def _probe(
    probe_id: str, old: tuple[Action, ...], new: tuple[Action, ...]
) -> tuple[ProbeVerdict, ProbeSamples]:
    def signature(sample: int, actions: tuple[Action, ...]) -> BehaviorSignature:
        return BehaviorSignature(probe_id, sample, actions, False, False, frozenset(), "ok")

    olds, news = {a.label() for a in old}, {a.label() for a in new}
    result = FacetResult(
        "actions",
        "changed",
        0.01,
        "fisher",
        removed=sorted(olds - news),
        added=sorted(news - olds),
        old_counts={label: 2 for label in olds},
        new_counts={label: 2 for label in news},
    )
    verdict = ProbeVerdict(probe_id, "behavior-changed", ["actions"], 2, 2, {"actions": result})
    samples = ProbeSamples(
        probe_id, [signature(0, old), signature(1, old)], [signature(2, new), signature(3, new)]
    )
    return verdict, samples


def _swap(fault: str, desk: str = "workshop") -> tuple[tuple[Action, ...], tuple[Action, ...]]:
    """A repair booked at once before, a case opened for a desk now, the fault carried over."""
    return (
        (Action("lookup_bike"), Action("book_repair", (("fault", fault),))),
        (
            Action("lookup_bike"),
            Action("open_case", (("desk", desk), ("fault", fault))),
        ),
    )


def _cluster(probes: dict[str, tuple[tuple[Action, ...], tuple[Action, ...]]]) -> list[str]:
    built = {probe_id: _probe(probe_id, *calls) for probe_id, calls in probes.items()}
    changes = cluster_changes(
        [verdict for verdict, _ in built.values()],
        {probe_id: samples for probe_id, (_, samples) in built.items()},
        cast(MeaningBackend, None),
        DetectSettings(),
    )
    return [f"{change.title} {sorted(change.probe_ids)}" for change in changes]


def test_carried_values_are_the_text_values_both_sides_share() -> None:
    old = [Action("book_repair", (("fault", "flat tyre"), ("wheels", "2")))]
    new = [Action("open_case", (("desk", "workshop"), ("problem", "flat tyre"), ("wheels", "2")))]
    assert carried_values(old, new) == frozenset({"flat tyre"})
    assert without_carried(new[0], frozenset({"flat tyre"})) == "open_case(desk=workshop)"


def test_a_swapped_tool_that_carries_the_customers_words_is_one_change() -> None:
    titles = _cluster(
        {
            "flat": _swap("flat tyre"),
            "chain": _swap("snapped chain"),
            "brakes": _swap("squeaky brakes"),
            "flat-2": _swap("flat tyre"),
        }
    )
    assert titles == [
        "book_repair → open_case(desk=workshop) ['brakes', 'chain', 'flat', 'flat-2']"
    ]


def test_what_moved_still_tells_changes_apart() -> None:
    flat = _member(*_probe("flat", *_swap("flat tyre")))
    chain = _member(*_probe("chain", *_swap("snapped chain")))
    other_desk = _member(*_probe("chain", *_swap("snapped chain", desk="billing")))
    assert flat.tokens != chain.tokens and _joins(flat, chain)
    bare = [member.as_bare().tokens for member in (flat, chain, other_desk)]
    assert bare[0] == bare[1] == {"-book_repair", "+open_case(desk=workshop)"}
    assert bare[2] == {"-book_repair", "+open_case(desk=billing)"}
    quoted = _member(
        *_probe(
            "bell",
            (Action("send_quote", (("fault", "loose bell"),)),),
            (Action("refuse_job", (("fault", "loose bell"),)),),
        )
    )
    assert not _joins(flat, quoted)


def test_a_carried_value_every_probe_shares_stays_in_the_title() -> None:
    def hand_off(probe_id: str) -> tuple[tuple[Action, ...], tuple[Action, ...]]:
        return (
            (Action("transfer_to_staff", (("urgency", "normal"),)),),
            (Action("send_spare", (("urgency", "normal"),)),),
        )

    titles = _cluster({"a": hand_off("a"), "b": hand_off("b")})
    assert titles == ["transfer_to_staff(urgency=normal) → send_spare(urgency=normal) ['a', 'b']"]


def test_the_same_fee_dropped_for_every_item_hired_is_one_change() -> None:
    def hire(item: str, old: str, new: str) -> tuple[tuple[Action, ...], tuple[Action, ...]]:
        return (
            (Action("hire_kit", (("deposit", old), ("item", item))),),
            (Action("hire_kit", (("deposit", new), ("item", item))),),
        )

    titles = _cluster(
        {
            "tent": hire("tent", "20", "0"),
            "stove": hire("stove", "20", "0"),
            "mat": hire("mat", "20", "0"),
        }
    )
    assert len(titles) == 1 and titles[0].endswith("['mat', 'stove', 'tent']")
    # another new value is another change
    titles = _cluster({"tent": hire("tent", "20", "0"), "stove": hire("stove", "20", "10")})
    assert len(titles) == 2


def test_two_calls_merged_into_one_of_another_tool_do_not_join() -> None:
    """Two calls of one tool became one with another number (no one number moved, so no
    `moved` grouping): the probe keeps its calls as given, and a probe of another tool
    with the same pattern is another change, not joined by an empty bare shape."""

    def merged(tool: str, key: str, a: str, b: str, c: str) -> tuple[tuple[Action, ...], ...]:
        return (
            (Action(tool, ((key, a),)), Action(tool, ((key, b),))),
            (Action(tool, ((key, c),)),),
        )

    fares = _member(*_probe("fares", *merged("refund_fare", "pence", "10", "20", "15")))
    locks = _member(*_probe("locks", *merged("hold_locker", "days", "5", "6", "7")))
    assert fares.bare is None and locks.bare is None
    assert not _joins(fares, locks)
    titles = _cluster(
        {
            "fares": merged("refund_fare", "pence", "10", "20", "15"),
            "locks": merged("hold_locker", "days", "5", "6", "7"),
        }
    )
    assert len(titles) == 2
