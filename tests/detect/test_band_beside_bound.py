"""A moved number and the bounds its sentence states beside it are the edit's own rule.

Bags dropped by 11am made the same flight; now bags over 23 kg must be dropped before 9am.
The changed sentence states two things: the band the cut-off moved across (9 to 11 o'clock) and
the weight it is moved for (`bag_kg > 23`)."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, moved_bounds, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict

CHECKIN = (
    "- Bags dropped at 11am or later go on the next flight (`flight: next`).",
    "- Bags over 23 kg go on the early trolley: for them, same-flight drop-off is only before 9am.",
    "- Bags dropped after the cut-off go on the next flight (`flight: next`).",
)


def _verdict(pid: str, changed: bool, **features: object) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=pid,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features=dict(features),
    )


def _first(pair: tuple[str, ...], verdicts: list[ProbeVerdict]) -> str:
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    moved = moved_bounds([pair[:2]])
    found = find_conditions(changed, verdicts, 3, stated_boundaries(pair), moved)
    assert found, "no condition stated"
    assert (found[0].matched_changed, found[0].matched_others) == (len(changed), 0)
    return found[0].text


def test_the_weight_the_moved_sentence_states_bounds_the_moved_cut_off() -> None:
    bags = [  # (kg, hour, topic): changed when over 23 kg and dropped from 9 to before 11
        (25, 9, "drop_off", True),
        (27.5, 9.5, "drop_off", True),
        (31, 10.25, "drop_off", True),
        (24.5, 10.75, "drop_off", True),
        (26, 7.5, "drop_off", False),
        (29, 8.75, "drop_off", False),
        (28, 11, "drop_off", False),
        (33, 12.5, "drop_off", False),
        (30, 5.75, "drop_off", False),
        (12, 9.25, "drop_off", False),
        (23, 10.5, "drop_off", False),
        (20, 10.83, "drop_off", False),
        (15, 11.75, "drop_off", False),
        (10, 6.25, "drop_off", False),
        (37, 7, "drop_off", False),
        (28, 9.5, "fees", False),
        (27, 10, "lost", False),
        (11, 13, "lost", False),
        (25, 9.5, "lounge", False),
    ]
    verdicts = [
        _verdict(
            f"bag-{i}",
            changed,
            passenger=f"Passenger {i}",
            booking_ref=f"BG-{4100 + 37 * i}",
            seat_row=(7 * i) % 19 + 1,
            miles_flown=(1300 * i) % 5100,
            bag_kg=kg,
            arrival_hour=hour,
            **{f"tag:{topic}": True},
        )
        for i, (kg, hour, topic, changed) in enumerate(bags)
    ]
    text = _first(CHECKIN, verdicts)
    assert "bag_kg > 23" in text
    assert "9 <= arrival_hour < 11" in text
