"""Agents refuse in many words, not only "sorry, …": "I'm afraid our rooms are only for players
aged 14 or over", "unfortunately …", "we can't …", "that isn't possible". A new user's trial
(trial 9, T10) saw 13-year-olds newly turned away in 3 of 3 samples judged `unchanged`: the
refusal reader knew only the "sorry" opening, so half of an age probe's samples read as not
refused, the refusal facet's own noise rose to 9% and hid the real flip. Once found, the
change is a refusal titled by what changed (T11), not a meaning change titled with a reply
that greets the customer by name."""

from __future__ import annotations

import pytest

from behaviordiff.detect.analyze import analyze
from tests.detect.escape_room import Policy, runs


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Jo, I'm afraid our rooms are only for players aged 14 or over.",
        "Hi Jo, I am afraid players have to be at least 14.",
        "Unfortunately, players must be aged 14 or over.",
        "Unfortunately the late checkout is only available to members.",
        "Regrettably, e-bikes are only for riders aged 18 or over.",
        "I'm afraid that isn't possible.",
        "I'm afraid that's not possible for this booking.",
        "That’s not possible, the room is fully booked.",
        "We’re not able to refund a booking after the session.",
        "Unfortunately you're not able to bring pets into the rooms.",
        "I'm afraid you can't bring food into the rooms.",
        "We can't take players under 14.",
        "Unfortunately, we don't accept groups larger than six.",
        "I'm afraid we no longer offer gift wrapping.",
        "I'm afraid at 13 they're too young for our rooms.",
    ],
)
def test_refusals_in_other_words_than_sorry_are_read(reply: str) -> None:
    from behaviordiff.detect.signature import REFUSAL

    assert REFUSAL.search(reply), reply


@pytest.mark.parametrize(
    "reply",
    [
        "I'm afraid the shop opens at 9.",
        "I'm afraid it's raining today, so bring a coat!",
        "Unfortunately the weather is bad, but the game goes ahead as booked.",
        "Hi Jo, yes, at 13 they can play, with an adult in the room.",
        "Sorry for the wait! Our shop is only open on weekdays.",
        "Our rooms are for players aged 12 or over, so at 25 you're welcome.",
        "I'm afraid I forgot to mention: the photo package is £8.",
        "Unfortunately I don't know the answer offhand; the games master will.",
        "No problem, come straight in, you'll still have your slot.",
    ],
)
def test_a_regret_that_refuses_nothing_is_not_a_refusal(reply: str) -> None:
    """ "I'm afraid" / "unfortunately" alone give information, not a refusal: the refusal is
    the limit or the "can't" in the same sentence."""
    from behaviordiff.detect.signature import REFUSAL

    assert not REFUSAL.search(reply), reply


def test_a_group_newly_turned_away_is_a_refusal_at_three_samples() -> None:
    """Minimum age 12 → 14: 12- and 13-year-olds are turned away in 3 of 3 samples, in two
    wordings ("sorry, players must be …", "I'm afraid our rooms are only for …")."""
    analysis = analyze(runs(Policy(minimum_age=12)), runs(Policy(minimum_age=14)))
    verdicts = {verdict.probe_id: verdict for verdict in analysis.probes}
    for probe_id in ("age-12", "age-13"):
        assert verdicts[probe_id].verdict == "behavior-changed", verdicts[probe_id]
        assert "refusal" in verdicts[probe_id].facets
    # turned away before and after (only the age in the reply moved), or served both times
    for probe_id in ("age-14", "age-16", "age-25", "hints-free", "group-8", "late-20"):
        assert verdicts[probe_id].verdict in ("unchanged", "wording-only"), verdicts[probe_id]
    # every sample of a probe below the limit reads as refused, in either wording: the age
    # probes add no refusal noise to hide a flip
    for probe_id, verdict in verdicts.items():
        if probe_id.startswith("age-"):
            refusal = verdict.results["refusal"]
            assert refusal.old_counts["refuses"] in (0, 3), probe_id
            assert refusal.new_counts["refuses"] in (0, 3), probe_id
    [change] = [c for c in analysis.changes if "age-13" in c.probe_ids]
    assert set(change.probe_ids) == {"age-12", "age-13"}
    assert change.kind == "refusal"
    assert "Jo" not in change.title and "reply now says" not in change.title


def test_thirteen_year_olds_newly_turned_away_alone_are_found() -> None:
    """Trial 10, T16 (trial 9's project without its age-12 probe): the minimum age moves from
    12 to 14 and only the 13-year-olds' probe is newly refused, 3 of 3 samples; it was
    `unchanged` and `--fail-on-change` passed."""

    def without_twelve(policy: Policy) -> list:
        return [t for t in runs(policy) if t.probe_id != "age-12"]

    analysis = analyze(
        without_twelve(Policy(minimum_age=12)), without_twelve(Policy(minimum_age=14))
    )
    verdicts = {verdict.probe_id: verdict for verdict in analysis.probes}
    assert verdicts["age-13"].verdict == "behavior-changed", verdicts["age-13"]
    assert "refusal" in verdicts["age-13"].facets
    refusal = verdicts["age-13"].results["refusal"]
    assert (refusal.old_counts["refuses"], refusal.new_counts["refuses"]) == (0, 3)
    [change] = [c for c in analysis.changes if "age-13" in c.probe_ids]
    assert change.probe_ids == ["age-13"]
    assert change.kind == "refusal"
