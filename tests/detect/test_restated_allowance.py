"""An allowance an added prompt sentence restates for one category of a tool result: "Every
permit includes 4 free visits per month." stays and "Vans (minibus, pickup, camper) include 2
free visits per month instead." is added (a car park's visitor permits; not the bundled
example's domain). The added sentence moves 4 to 2 for vans as a changed sentence would; the
band between the two numbers with the category the sentence names is a rule the edit states,
with the topic it names (visits, not renewals), so three changed probes among a dozen get
`tag visits and vehicle_class = van and 2 <= visits_used < 4`."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, restated_bounds
from behaviordiff.detect.model import ProbeVerdict

RULE = "Every permit includes 4 free visits per month, by car or by van."
ADDED = "Vans (minibus, pickup, camper) include 2 free visits per month instead."
OTHER = "Permits are renewed every 30 days, and a lost permit costs $5 to replace."


def _verdict(probe_id: str, changed: bool, **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features=features,
    )


def _visit(probe_id: str, changed: bool, kind: str, used: int) -> ProbeVerdict:
    return _verdict(
        probe_id,
        changed,
        **{
            "lookup_permit.vehicle_class": kind,
            "lookup_permit.visits_used": used,
            "tag:visits": True,
        },
    )


def _verdicts() -> list[ProbeVerdict]:
    return [
        _visit("van-2", True, "van", 2),
        _visit("van-3", True, "van", 3),
        _visit("van-3b", True, "van", 3),
        _visit("van-0", False, "van", 0),
        _visit("van-1", False, "van", 1),
        _visit("van-4", False, "van", 4),
        _visit("car-2", False, "car", 2),
        _visit("car-3", False, "car", 3),
        _visit("car-0", False, "car", 0),
        _visit("bike-3", False, "motorbike", 3),
        _visit("car-4", False, "car", 4),
        # vans with the count in the band, asking about other things: the sentence names
        # visits, not renewals
        _verdict(
            "renew-van",
            False,
            **{
                "lookup_permit.vehicle_class": "van",
                "lookup_permit.visits_used": 2,
                "tag:renewals": True,
            },
        ),
        _verdict(
            "renew-van-b",
            False,
            **{
                "lookup_permit.vehicle_class": "van",
                "lookup_permit.visits_used": 3,
                "tag:renewals": True,
            },
        ),
        _verdict("lost", False, **{"tag:lost": True}),
    ]


def test_an_added_sentence_restating_a_number_for_some_cases_moves_it() -> None:
    moved = restated_bounds(ADDED, [RULE, OTHER, ADDED])
    assert [(was.value, now.value) for was, now in moved] == [(4.0, 2.0)]
    words = moved[0][0].words
    assert "van" in words and "camper" in words


def test_numbers_that_count_other_things_move_nothing() -> None:
    # 30 days and $5 count other things than the free visits the added sentence counts
    assert restated_bounds(ADDED, [OTHER]) == []
    assert restated_bounds("Vans pay $7 a visit.", [OTHER]) == []


def test_the_band_with_the_named_category_is_the_condition() -> None:
    verdicts = _verdicts()
    changed = ["van-2", "van-3", "van-3b"]
    # without the edit's band, no rule the search finds for three probes leaves out the van
    # past the new allowance and the one past the old
    assert all(c.matched_others for c in find_conditions(changed, verdicts))
    [condition, *_] = find_conditions(changed, verdicts, moved=restated_bounds(ADDED, [RULE]))
    assert set(condition.text.split(" and ")) == {
        "tag visits",
        "lookup_permit.vehicle_class = van",
        "2 <= lookup_permit.visits_used < 4",
    }
    assert (condition.matched_changed, condition.matched_others) == (3, 0)
