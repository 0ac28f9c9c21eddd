"""Probes that flip the same promise the same way, unanimously in every sample of each version,
are one piece of evidence, not several weak ones. A new user's trial (trial 9, T1): "hints are
free" → "£3 each" on both hint probes, 3 of 3 samples each, was held back as "within what
chance gives among 20 probes" (p 0.0063 each against Benjamini–Hochberg's 0.0025 and 0.005),
so `--fail-on-change` passed and no note was drafted. One probe flipping by chance is common
enough in 20; two probes flipping to the very same promise is not, unless many probes speak of
it (then the pool is judged among all of them)."""

from __future__ import annotations

from behaviordiff.detect.analyze import analyze, control_false_discoveries, pooled_flip_p
from behaviordiff.detect.model import FacetResult, ProbeVerdict
from tests.detect.escape_room import Policy, runs


def test_two_probes_flipping_the_same_price_unanimously_are_found_at_three_samples() -> None:
    analysis = analyze(runs(Policy()), runs(Policy(hint_price=3)))
    verdicts = {verdict.probe_id: verdict for verdict in analysis.probes}
    for probe_id in ("hints-free", "hints-stuck"):
        assert verdicts[probe_id].verdict == "behavior-changed", verdicts[probe_id].notes
        assert "promises" in verdicts[probe_id].facets
        assert "pooled_p" in verdicts[probe_id].results["promises"].detail
    assert {v.probe_id for v in analysis.probes if v.verdict != "unchanged"} <= {
        "hints-free",
        "hints-stuck",
    }
    [change] = analysis.changes
    assert set(change.probe_ids) == {"hints-free", "hints-stuck"}


def test_the_topic_the_changed_sentence_names_is_the_condition_of_two_probes() -> None:
    """Trial T4: both changed probes are tagged `hints`, no other is, and the changed prompt
    sentence is about hints: "tag hints", not "no condition separates them"."""
    analysis = analyze(runs(Policy()), runs(Policy(hint_price=3)))
    [change] = analysis.changes
    assert change.conditions, "no condition"
    assert change.conditions[0].text == "tag hints"
    assert (change.conditions[0].matched_changed, change.conditions[0].matched_others) == (2, 0)


def test_the_same_agent_sampled_again_flips_no_refusal_or_promise() -> None:
    """A/A: the same policy, other samples (other wordings drawn), in nine draws: no pooled
    promise and no refusal flip (the cancellation replies mix a "we can't refund it" wording
    with one the refusal reader does not read as a refusal, so a probe whose versions drew one
    each flips the reading). Some draws give every sample of "16 is fine" one wording per
    version, which the meaning facet alone reports, on main as well: not judged here."""
    for first in range(3, 30, 3):
        for policy in (Policy(), Policy(hint_price=3)):
            analysis = analyze(runs(policy), runs(policy, first=first))
            flagged = [
                (v.probe_id, v.facets)
                for v in analysis.probes
                if v.verdict == "behavior-changed" and set(v.facets) - {"meaning"}
            ]
            assert not flagged, (first, flagged)


def _verdict(
    probe_id: str, p_value: float, removed: list[str], added: list[str], said: list[str]
) -> ProbeVerdict:
    counts = {item: 0 for item in said}
    old = {**counts, **{item: 3 for item in removed}}
    new = {**counts, **{item: 3 for item in added}}
    result = FacetResult(
        "promises",
        "changed",
        p_value,
        "pooled-floor",
        removed=removed,
        added=added,
        old_counts=old,
        new_counts=new,
    )
    return ProbeVerdict(probe_id, "behavior-changed", ["promises"], 3, 3, {"promises": result})


def _quiet(probe_id: str, said: list[str]) -> ProbeVerdict:
    counts = {item: 3 for item in said}
    result = FacetResult("promises", "same", 1.0, "fisher", old_counts=counts, new_counts=counts)
    return ProbeVerdict(probe_id, "unchanged", [], 3, 3, {"promises": result})


def test_the_pool_is_judged_among_every_probe_that_speaks_of_the_promise() -> None:
    """Two of two probes that speak of hints flipping is strong; two of twelve probes that
    all say "30 days" flipping the same way is what chance gives among so many."""
    flips = [_verdict(f"p{i}", 0.0063, ["price:free"], ["money:£3.00"], []) for i in range(2)]
    quiet = [_quiet(f"q{i}", ["return: 30 days"]) for i in range(18)]
    assert pooled_flip_p([*flips, *quiet])[id(flips[0])] < 0.001
    assert control_false_discoveries([*flips, *quiet], 0.05) == 0
    assert all(v.verdict == "behavior-changed" for v in flips)

    spread = [
        _verdict(f"p{i}", 0.0063, ["return: 30 days"], ["return: 45 days"], []) for i in range(2)
    ]
    quiet = [_quiet(f"q{i}", ["return: 30 days"]) for i in range(18)]
    assert id(spread[0]) not in pooled_flip_p([*spread, *quiet])  # no smaller than its own
    assert control_false_discoveries([*spread, *quiet], 0.05) == 2


def test_flips_of_different_promises_or_directions_are_not_pooled() -> None:
    def one() -> ProbeVerdict:
        return _verdict("a", 0.0063, ["price:free"], ["money:£3.00"], [])

    def other() -> ProbeVerdict:
        return _verdict("b", 0.0063, ["price:free"], ["money:£5.00"], [])

    def back() -> ProbeVerdict:
        return _verdict("c", 0.0063, ["money:£3.00"], ["price:free"], [])

    quiet = [_quiet(f"q{i}", []) for i in range(18)]
    assert pooled_flip_p([one(), other(), back(), *quiet]) == {}
    assert control_false_discoveries([one(), back(), *quiet], 0.05) == 2
    assert control_false_discoveries([one(), other(), *quiet], 0.05) == 2
