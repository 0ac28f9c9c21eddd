"""A value some of a change's own customers are still told by the new version is not a promise
the change removed: a dentist's assistant that now offers a hygienist visit beside the check-up
still tells the patients asked to choose that a check-up takes 30 minutes, while the patients
booked straight into the hygienist are no longer told it."""

from __future__ import annotations

from behaviordiff.detect.model import FacetResult, ProbeVerdict
from behaviordiff.drafting.facts import _still_told


def _verdict(probe_id: str, old: dict[str, int], new: dict[str, int]) -> ProbeVerdict:
    result = FacetResult("promises", "changed", 0.01, "fisher", old_counts=old, new_counts=new)
    return ProbeVerdict(probe_id, "behavior-changed", ["promises"], 2, 2, {"promises": result})


def test_a_value_the_choosing_customers_still_hear_is_kept() -> None:
    booked = _verdict("booked", {"duration:30 minutes": 2}, {"duration:45 minutes": 2})
    asked = _verdict(
        "asked", {"duration:30 minutes": 2}, {"duration:30 minutes": 2, "duration:45 minutes": 2}
    )
    assert _still_told([booked, asked]) == {"duration:30 minutes"}
    # said once in two new samples is still said; never said before is no kept promise
    once = _verdict("once", {"duration:30 minutes": 1}, {"duration:30 minutes": 1})
    assert _still_told([booked, once]) == {"duration:30 minutes"}
    assert _still_told([booked]) == set()
    # a word comes and goes with the phrasing: no kept option
    worded = _verdict("worded", {"term:check-up": 2}, {"term:check-up": 2})
    assert _still_told([booked, worded]) == set()
