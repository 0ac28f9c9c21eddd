"""A call that only went (or only came) on the changed probes, whose text arguments repeat the
customer's words (the store, the venue they named), is one change whatever those words: the
value is input, not behavior, so it must not split the change into one per value (each too
small for a condition). Values the agent chose (not in the probe's input) still tell changes
apart. Made-up agents: a ferry line's booking desk, a garden centre's delivery desk."""

from __future__ import annotations

from typing import cast

from behaviordiff.detect.carried import echoed_values
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


def _hold(port: str, berth: str = "cabin") -> tuple[tuple[Action, ...], tuple[Action, ...]]:
    """A berth held on the crossing before; no call now."""
    return (Action("hold_berth", (("berth", berth), ("port", port), ("nights", "1"))),), ()


def _cluster(
    probes: dict[str, tuple[tuple[Action, ...], tuple[Action, ...]]], inputs: dict[str, str]
) -> list[str]:
    built = {probe_id: _probe(probe_id, *calls) for probe_id, calls in probes.items()}
    changes = cluster_changes(
        [verdict for verdict, _ in built.values()],
        {probe_id: samples for probe_id, (_, samples) in built.items()},
        cast(MeaningBackend, None),
        DetectSettings(),
        inputs,
    )
    return [f"{change.title} {sorted(change.probe_ids)}" for change in changes]


ASKED = {
    "a": "can you hold a cabin on the sailing from cherbourg?",
    "b": "hold me a cabin from roscoff please",
    "c": "a cabin out of st malo, please",
    "d": "roscoff again: hold a cabin?",
}


def test_echoed_values_are_the_words_the_input_states() -> None:
    calls = [Action("hold_berth", (("berth", "cabin"), ("port", "roscoff"), ("nights", "1")))]
    assert echoed_values(calls, ASKED["b"]) == frozenset({"cabin", "roscoff"})
    # whole words only, and no number is an echo
    assert echoed_values([Action("tag", (("code", "ros"),))], ASKED["b"]) == frozenset()
    assert echoed_values(calls, "") == frozenset()


def test_a_dropped_call_echoing_each_customers_words_is_one_change() -> None:
    titles = _cluster(
        {
            "a": _hold("cherbourg"),
            "b": _hold("roscoff"),
            "c": _hold("st malo"),
            "d": _hold("roscoff"),
        },
        ASKED,
    )
    assert titles == ["no longer calls hold_berth ['a', 'b', 'c', 'd']"]


def test_a_value_the_agent_chose_still_splits() -> None:
    """A berth the customer did not name is the agent's choice: a seat held on one probe and a
    cabin on another are two changes, whatever port each named."""
    inputs = {"a": "anything on the sailing from cherbourg?", "b": "anything from roscoff?"}
    titles = _cluster({"a": _hold("cherbourg", "seat"), "b": _hold("roscoff", "cabin")}, inputs)
    assert len(titles) == 2
    # without the probes' input nothing is known to be an echo
    assert len(_cluster({"a": _hold("cherbourg"), "b": _hold("roscoff")}, {})) == 2


def test_a_new_call_echoing_the_customers_words_is_one_change() -> None:
    def send(plant: str) -> tuple[tuple[Action, ...], tuple[Action, ...]]:
        return (), (Action("send_care_card", (("plant", plant),)),)

    inputs = {"fern": "my fern is wilting", "rose": "what about my rose?"}
    assert _cluster({"fern": send("fern"), "rose": send("rose")}, inputs) == [
        "now calls send_care_card ['fern', 'rose']"
    ]


def test_calls_that_went_and_came_still_join_only_on_carried_values() -> None:
    """Where calls went and others came, what both sides share decides (`carried_values`);
    a value the input states but only one side has is no echo there."""
    a = _member(
        *_probe(
            "a",
            (Action("hold_berth", (("port", "cherbourg"),)),),
            (Action("waitlist", (("desk", "cherbourg"),)),),
        ),
        ASKED["a"],
    )
    b = _member(
        *_probe(
            "b",
            (Action("hold_berth", (("port", "roscoff"),)),),
            (Action("waitlist", (("desk", "plymouth"),)),),
        ),
        ASKED["b"],
    )
    assert a.bare is not None and b.bare is None
    assert not _joins(a, b)
