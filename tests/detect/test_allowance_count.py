"""A number the prompt states without comparing it ("free for 1 helmet per booking", "4 ×
(helmets − 1)") is an allowance: a whole-count condition past it is said as its first count,
`helmets >= 2` ("two or more helmets"), not `helmets > 1`. Where the wording compares ("more
than 1 helmet") the prompt's operator stays, and a bound the prompt does not state stays as
found (`> 1`). A ski-hire desk, not the bundled example's domain."""

from __future__ import annotations

from behaviordiff.detect.conditions import Boundary, find_conditions, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict


def _verdicts(values: tuple[float, ...] = (1, 2, 3, 4)) -> list[ProbeVerdict]:
    verdicts = []
    for helmets in values:
        for skier in range(3):
            changed = helmets >= 2
            verdicts.append(
                ProbeVerdict(
                    probe_id=f"h{helmets}-{skier}",
                    verdict="behavior-changed" if changed else "unchanged",
                    facets=["actions"] if changed else [],
                    old_samples=3,
                    new_samples=3,
                    features={"helmets": helmets},
                )
            )
    return verdicts


def _best(boundaries: list[Boundary], values: tuple[float, ...] = (1, 2, 3, 4)) -> str:
    verdicts = _verdicts(values)
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts, boundaries=boundaries)
    assert (best.matched_changed, best.matched_others) == (len(changed), 0)
    return best.text


ALLOWANCE = (
    "Helmet hire is free for 1 helmet per booking. Each further helmet costs €4: call "
    "add_helmets with fee = 4 × (helmets − 1)."
)


def test_a_stated_allowance_bounds_a_count_from_its_first_count_past_it() -> None:
    assert _best(stated_boundaries([ALLOWANCE])) == "helmets >= 2"


def test_a_compared_or_unstated_bound_keeps_its_operator() -> None:
    compared = stated_boundaries(["Bookings of more than 1 helmet pay €4 per extra helmet."])
    assert _best(compared) == "helmets > 1"
    assert _best([]) == "helmets > 1"


def test_not_whole_counts_or_no_next_count_seen_keep_the_bound() -> None:
    # fractional values are not counts: 1 stays the bound as stated
    assert _best(stated_boundaries([ALLOWANCE]), (0.5, 1, 2.5, 3)) == "helmets > 1"
    # the first count past the allowance is not among the probes: nothing says where it starts
    assert _best(stated_boundaries([ALLOWANCE]), (1, 3, 4)) == "helmets > 1"
