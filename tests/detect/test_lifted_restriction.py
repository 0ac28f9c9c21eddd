"""A restriction lifted for one group (trial 10, T1): dogs newly allowed for Resident members.
The old agent refused in two wordings, "sorry, no dogs or other pets are allowed in the
building" and "I'm afraid we can't allow a dog …"; the refusal reader knew only the second, so
a probe refused in 3 of 3 samples read as refused in 1, and the flip 3 → 0 (as 1 → 0) was judged
`unchanged`. The new agent's refusals of Flex members ("sorry, only Resident members may bring a
dog", "I'm afraid dogs are only allowed for Resident members") are refusals too."""

from __future__ import annotations

import pytest

from behaviordiff.detect.analyze import analyze
from behaviordiff.detect.signature import REFUSAL
from tests.detect.coworking import Policy, runs


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Priya, sorry, no dogs or other pets are allowed in the building.",
        "No pets are allowed inside the building.",
        "Sorry, only Resident members may bring a dog to the building.",
        "I'm afraid dogs are only allowed for Resident members.",
        "Hi Sam, dogs aren't allowed in the building.",
        "Hi Sam, pets are not permitted here.",
    ],
)
def test_a_rule_the_customer_falls_under_is_a_refusal(reply: str) -> None:
    assert REFUSAL.search(reply), reply


@pytest.mark.parametrize(
    "reply",
    [
        "No problem, dogs are allowed for Resident members.",
        "of course, bring your 2 guest(s), no charge.",
        "There's no need to book, walk-ins are allowed.",
        "No more than 3 guests are allowed a day, and you're bringing 2: fine.",
        "We don't mind dogs at all, bring yours along.",
        "good news: Resident members may bring a dog, so yours is welcome.",
        "Only members can book rooms online, but you can call us to book.",
    ],
)
def test_ordinary_replies_are_no_refusal(reply: str) -> None:
    assert not REFUSAL.search(reply), reply


def test_dogs_newly_allowed_for_residents_is_a_refusal_change_on_both_probes() -> None:
    analysis = analyze(runs(Policy()), runs(Policy(dogs_for="Resident")))
    verdicts = {verdict.probe_id: verdict for verdict in analysis.probes}
    for probe_id in ("dog-resident", "dog-resident-2"):
        verdict = verdicts[probe_id]
        assert verdict.verdict == "behavior-changed", verdict
        assert "refusal" in verdict.facets
        refusal = verdict.results["refusal"]
        assert (refusal.old_counts["refuses"], refusal.new_counts["refuses"]) == (3, 0)
    # refused before and after, in other words: every sample reads as refused
    for probe_id in ("dog-flex", "cat-resident"):
        refusal = verdicts[probe_id].results["refusal"]
        assert (refusal.old_counts["refuses"], refusal.new_counts["refuses"]) == (3, 3)
        assert "refusal" not in verdicts[probe_id].facets
    changed = {v.probe_id for v in analysis.probes if v.verdict != "unchanged"}
    assert changed == {"dog-resident", "dog-resident-2"}, changed
    [change] = analysis.changes
    assert change.kind == "refusal"
    assert "Priya" not in change.title and "Sam" not in change.title
