"""An inconclusive probe leaves a change's condition unknown only where its verdict could
decide it: one that carries the change's tags or a variable that tells its probes apart, or
that left one of the change's values undecided. An unrelated probe (other topic, no value
for the change's variables) must not hold every change's condition back."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect import analyze
from behaviordiff.detect.model import BehaviorChange, FacetResult, ProbeVerdict
from behaviordiff.detect.unjudged import bearing_unjudged
from behaviordiff.drafting.facts import build_facts
from behaviordiff.transcripts import Transcript


def _verdict(
    probe_id: str,
    verdict: str,
    features: dict[str, Any],
    promises: FacetResult | None = None,
) -> ProbeVerdict:
    results = {"promises": promises} if promises is not None else {}
    return ProbeVerdict(
        probe_id,
        verdict,
        ["promises"],
        3,
        3,
        results=results,
        features=features,  # type: ignore[arg-type]
    )


def _promises(status: str, removed: list[str], added: list[str]) -> FacetResult:
    return FacetResult("promises", status, 0.4, "fisher", removed=removed, added=added)  # type: ignore[arg-type]


SHOP = {"shop": "Spokes", "customer_name": "Ana"}
MOVED = _promises("changed", ["duration:2 days"], ["duration:4 days"])


def _rentals(*extra: ProbeVerdict) -> list[ProbeVerdict]:
    return [
        _verdict(
            "rent-1", "behavior-changed", {**SHOP, "rental_days": 1, "tag:rental": True}, MOVED
        ),
        _verdict(
            "rent-3", "behavior-changed", {**SHOP, "rental_days": 3, "tag:rental": True}, MOVED
        ),
        _verdict("rent-5", "unchanged", {**SHOP, "rental_days": 5, "tag:rental": True}),
        _verdict("repair", "unchanged", {**SHOP, "tag:repair": True}),
        *extra,
    ]


def test_a_probe_of_another_topic_with_no_value_for_the_variables_does_not_bear() -> None:
    hours = _verdict(
        "hours",
        "inconclusive",
        {**SHOP, "tag:info": True},
        _promises("inconclusive", ["time:6pm"], []),
    )
    assert bearing_unjudged(["rent-1", "rent-3"], _rentals(hours)) == []


def test_a_probe_that_carries_the_changes_variable_still_bears() -> None:
    other = _verdict("rent-x", "inconclusive", {**SHOP, "rental_days": 2, "tag:other": True})
    assert bearing_unjudged(["rent-1", "rent-3"], _rentals(other)) == ["rent-x"]


def test_a_probe_that_shares_a_tag_bears() -> None:
    tagged = _verdict("rent-q", "inconclusive", {**SHOP, "tag:rental": True})
    assert bearing_unjudged(["rent-1", "rent-3"], _rentals(tagged)) == ["rent-q"]


def test_a_probe_that_left_one_of_the_changes_values_undecided_bears() -> None:
    undecided = _verdict(
        "faq",
        "inconclusive",
        {**SHOP, "tag:faq": True},
        _promises("inconclusive", ["duration:2 days"], []),
    )
    assert bearing_unjudged(["rent-1", "rent-3"], _rentals(undecided)) == ["faq"]


def test_where_the_changes_probes_carry_nothing_readable_every_unjudged_probe_bears() -> None:
    verdicts = [
        _verdict("a", "behavior-changed", dict(SHOP)),
        _verdict("b", "unchanged", dict(SHOP)),
        _verdict("c", "inconclusive", {**SHOP, "tag:info": True}),
    ]
    assert bearing_unjudged(["a"], verdicts) == ["c"]


def test_the_picked_probes_survive_the_stored_form_and_an_older_analysis_keeps_them_all() -> None:
    change = BehaviorChange("C1", "t", ["rent-1"], ["promises"], "promises", unjudged=[])
    assert BehaviorChange.from_dict(change.to_dict()).unjudged == []
    stored = change.to_dict()
    del stored["unjudged"]
    assert BehaviorChange.from_dict(stored).unjudged is None


# end to end: an invented bike-rental agent whose deposit rule changed -----------------------

GREETINGS = ["Hi", "Hello", "Hey there"]


def _transcript(probe_id: str, sample: int, reply: str, meta: dict[str, Any]) -> Transcript:
    reply = f"{GREETINGS[sample % 3]}, {reply}"
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=[
            {"role": "user", "content": f"Question about {probe_id}"},
            {"role": "assistant", "content": reply},
        ],
        final_reply=reply,
        metadata=meta,
    )


def _run(extra_variable: bool) -> tuple[list[Transcript], list[Transcript]]:
    old: list[Transcript] = []
    new: list[Transcript] = []
    for days in range(1, 7):
        meta = {"variables": {"shop": "Spokes", "rental_days": days}, "tags": ["rental"]}
        for sample in range(3):
            old.append(
                _transcript(
                    f"rent-{days}", sample, f"rentals of {days} days need a deposit of $50.", meta
                )
            )
            deposit = 80 if days >= 4 else 50
            new.append(
                _transcript(
                    f"rent-{days}",
                    sample,
                    f"rentals of {days} days need a deposit of ${deposit}.",
                    meta,
                )
            )
    variables: dict[str, Any] = {"shop": "Spokes"}
    if extra_variable:
        variables["rental_days"] = 9
    meta = {"variables": variables, "tags": ["info"]}
    old_hours = ["we close at 6pm today.", "the shop closes at 6pm.", "we shut at 6pm."]
    new_hours = ["we close at 6pm today.", "we are open all afternoon.", "come by any time today."]
    for sample in range(3):
        old.append(_transcript("hours", sample, old_hours[sample], meta))
        new.append(_transcript("hours", sample, new_hours[sample], meta))
    return old, new


def test_an_unrelated_inconclusive_probe_does_not_hold_back_the_change() -> None:
    old, new = _run(extra_variable=False)
    analysis = analyze(old, new)
    assert [p.verdict for p in analysis.probes if p.probe_id == "hours"] == ["inconclusive"]
    [change] = analysis.changes
    assert change.unjudged == []
    [facts] = build_facts(analysis)
    assert facts.unjudged == []


def test_an_inconclusive_probe_with_the_changes_variable_still_holds_it_back() -> None:
    old, new = _run(extra_variable=True)
    analysis = analyze(old, new)
    assert [p.verdict for p in analysis.probes if p.probe_id == "hours"] == ["inconclusive"]
    [change] = analysis.changes
    assert change.unjudged == ["hours"]
    [facts] = build_facts(analysis)
    assert facts.unjudged == ["hours"]
