"""A change seen on the probes past both the old and the new number of a moved limit is bounded
by the side of the old one: a bike hire's "up to 6 bikes per booking" now "up to 4 bikes" still
turns away parties of 8 and 10, but tells them 4, and `bikes > 6` is a rule the edit states
(one side of a moved number), not one of the hundreds the search tries."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, moved_bounds, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict

OLD = "One booking can include up to 6 bikes; larger groups call the shop."
NEW = "One booking can include up to 4 bikes; larger groups call the shop."
BIKES = [1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 8, 10]


def _verdicts(changed: set[int]) -> list[ProbeVerdict]:
    return [
        ProbeVerdict(
            probe_id=f"hire-{index}-{bikes}",
            verdict="behavior-changed" if bikes in changed else "unchanged",
            facets=["promises"] if bikes in changed else [],
            old_samples=3,
            new_samples=3,
            features={"bikes": bikes, "hours": 1 + (index * 5) % 7},
        )
        for index, bikes in enumerate(BIKES)
    ]


def test_the_probes_past_the_old_number_get_its_side_as_their_condition() -> None:
    verdicts = _verdicts({8, 10})
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    assert find_conditions(changed, verdicts) == []
    # the numbers the edit states, as `analyze` passes them: the old limit is a stated bound
    stated = stated_boundaries([OLD, NEW])
    [best, *_] = find_conditions(changed, verdicts, 3, stated, moved_bounds([(OLD, NEW)]))
    assert best.text == "bikes > 6"
    assert (best.matched_changed, best.matched_others) == (2, 0)


def test_two_probes_on_no_side_of_the_moved_number_get_no_condition() -> None:
    verdicts = _verdicts({2, 3})
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"][:2]
    stated = stated_boundaries([OLD, NEW])
    assert find_conditions(changed, verdicts, 3, stated, moved_bounds([(OLD, NEW)])) == []
