"""A cut between none and some of a count (`bags >= 1`) is a case of its own, not a cut fitted
beside one probe: a ferry now charges one flat fee per crossing for one or two bags, and the
one unchanged probe under the baggage topic with no bag at all (nothing to charge) is set apart
by it. `_fitted_to_one` refuses a cut no prompt states that only leaves out one unchanged probe
("nights <= 5"); a none-versus-some cut is not refused so, whatever domain the count is in
(bags, children, pets), while an arbitrary cut beside one probe still is."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, said_words
from behaviordiff.detect.model import ProbeVerdict


def _verdict(probe_id: str, changed: bool, tag: str, **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features={f"tag:{tag}": True, **features},
    )


def _probes(count: str, tag: str, spare: str) -> list[ProbeVerdict]:
    """Changed: 1 or 2 of the count under the topic; unchanged: none (one probe), 3 and 4
    under the topic, and 1 or 2 under other topics; `spare` a second count, uneven."""
    verdicts = [
        _verdict(f"{tag}-{n}-{i}", True, tag, **{count: n, spare: 3 + i})
        for i, n in enumerate((1, 2, 1, 2, 2, 1, 2))
    ]
    verdicts.append(_verdict(f"{tag}-none", False, tag, **{count: 0, spare: 7}))
    verdicts += [_verdict(f"{tag}-{n}", False, tag, **{count: n, spare: 4}) for n in (3, 4)]
    verdicts += [
        _verdict(f"other-{topic}-{n}", False, topic, **{count: n, spare: 5})
        for topic in ("parking", "deposit", "arrival")
        for n in (1, 2)
    ]
    return verdicts


def _best(verdicts: list[ProbeVerdict], *sentences: str) -> Any:
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    return find_conditions(changed, verdicts, said=said_words(sentences))[0]


def _band(condition: Any, feature: str) -> tuple[Any, ...] | None:
    for atom in condition.atoms:
        if atom.feature == feature:
            return (atom.op, atom.low, atom.high, atom.value)
    return None


def test_none_or_some_of_bags_is_kept_beside_the_topic() -> None:
    best = _best(
        _probes("bags", "baggage", "nights"),
        "One or two bags now cost one flat fee per crossing.",
    )
    assert best.matched_changed == best.changed and best.matched_others == 0
    assert _band(best, "bags") == ("between", 1.0, 2.0, None)
    assert "tag:baggage" in {atom.feature for atom in best.atoms}


def test_none_or_some_of_children_and_of_pets_alike() -> None:
    for count, tag in (("children", "tickets"), ("pets", "cabins")):
        best = _best(
            _probes(count, tag, "party_size"), f"A flat charge now covers one or two {count}."
        )
        assert best.matched_others == 0, (count, best.text)
        assert _band(best, count) == ("between", 1.0, 2.0, None), best.text


def test_an_arbitrary_cut_beside_one_probe_is_still_refused() -> None:
    # the probe left out has 2 bags like the changed ones and only more nights: a cut on
    # nights no prompt states, beside that one probe, tells the rule nothing
    verdicts = [
        _verdict(f"bag-{i}", True, "baggage", bags=1 + i % 2, nights=3 + i % 3) for i in range(7)
    ]
    verdicts.append(_verdict("bag-long", False, "baggage", bags=2, nights=9))
    verdicts += [_verdict(f"bag-{n}", False, "baggage", bags=n, nights=4) for n in (3, 4)]
    verdicts += [
        _verdict(f"other-{topic}", False, topic, bags=1, nights=3)
        for topic in ("parking", "deposit", "arrival")
    ]
    best = _best(verdicts)
    assert "nights" not in {atom.feature for atom in best.atoms}, best.text


def test_a_count_the_changed_words_never_name_gets_no_none_or_some_cut() -> None:
    # the change is about nights; the one unchanged probe under the topic happens to hold no
    # bag: "bags >= 1" would be a cut fitted beside that probe, said by nothing
    best = _best(_probes("bags", "baggage", "nights"), "Stays now end at 11am on the last night.")
    assert _band(best, "bags") != ("between", 1.0, 2.0, None), best.text
    assert not any(
        atom.feature == "bags" and atom.op == ">=" and atom.value == 1.0 for atom in best.atoms
    ), best.text
