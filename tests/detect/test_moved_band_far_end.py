"""A moved number's band keeps its far end when the new sentence keeps the old number, with the
same comparison, for everyone else and no probe lies past it: "teams of at most 10 players" now
"at most 10 players on weekdays and at most 6 players at weekends" changes weekend teams of 7
to 10 alone (past 10, both versions turn a team away), so the condition is the band the edit
states, `6 < team_size <= 10`, not the open side `team_size > 6` that only the suite's missing
large teams leave open. A number only moved ("under 5 kg" -> "under 8 kg") keeps its open side
(agents in other domains: an escape room's teams, a courier's parcels)."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, moved_bounds
from behaviordiff.detect.model import Atom, ProbeVerdict

ROOM_OLD = "Rooms take teams of at most 10 players, whatever the day."
ROOM_NEW = "Rooms take teams of at most 10 players on weekdays and at most 6 players at weekends."
TEAMS = [
    ("weekend", 8),
    ("weekend", 9),
    ("weekend", 7),
    ("weekend", 10),
    ("weekend", 10),
    ("weekend", 4),
    ("weekend", 6),
    ("weekend", 3),
    ("weekend", 5),
    ("weekday", 8),
    ("weekday", 10),
    ("weekday", 9),
    ("weekday", 4),
    ("weekday", 12),
    ("weekday", 14),
    ("weekday", 7),
]


def _rooms(changed_past_ten: bool = False) -> tuple[list[str], list[ProbeVerdict]]:
    verdicts: list[ProbeVerdict] = []
    changed: list[str] = []
    for index, (day, size) in enumerate(TEAMS):
        probe_id = f"team-{index}"
        hit = day == "weekend" and size > 6
        if hit:
            changed.append(probe_id)
        verdicts.append(
            ProbeVerdict(
                probe_id=probe_id,
                verdict="behavior-changed" if hit else "unchanged",
                facets=["actions"] if hit else [],
                old_samples=3,
                new_samples=3,
                features={"day_type": day, "team_size": size},
            )
        )
    return changed, verdicts


def test_the_band_keeps_its_far_end_with_no_probe_past_it() -> None:
    changed, verdicts = _rooms()
    [best, *_] = find_conditions(changed, verdicts, moved=moved_bounds([(ROOM_OLD, ROOM_NEW)]))
    assert Atom("team_size", "between", low=6.0, high=10.0, low_inclusive=False) in best.atoms
    assert Atom("day_type", "=", "weekend") in best.atoms
    assert (best.matched_changed, best.matched_others) == (len(changed), 0)


COURIER_OLD = "Same-day delivery is for parcels under 5 kg."
COURIER_NEW = "Same-day delivery is for parcels under 8 kg."


def _parcels(weights: list[float], changed_from: float, changed_to: float) -> list[ProbeVerdict]:
    return [
        ProbeVerdict(
            probe_id=f"parcel-{index}",
            verdict="behavior-changed" if changed_from <= kg < changed_to else "unchanged",
            facets=["actions"] if changed_from <= kg < changed_to else [],
            old_samples=3,
            new_samples=3,
            features={"parcel_kg": kg},
        )
        for index, kg in enumerate(weights)
    ]


WEIGHTS = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 5.2]


def _changed(verdicts: list[ProbeVerdict]) -> list[str]:
    return [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]


def test_a_limit_only_moved_keeps_its_open_side() -> None:
    # the old 5 kg is stated nowhere in the new sentence: no band end is implied past 8 kg
    verdicts = _parcels(WEIGHTS, 5, 8)
    moved = moved_bounds([(COURIER_OLD, COURIER_NEW)])
    [best, *_] = find_conditions(_changed(verdicts), verdicts, moved=moved)
    assert best.atoms == (Atom("parcel_kg", ">=", 5.0),)


def test_a_changed_probe_past_the_far_end_keeps_the_side_open() -> None:
    # parcels of 8 kg and more changed too (the refusal now names the new limit): not a band
    verdicts = _parcels([*WEIGHTS, 9, 11, 14], 5, 100)
    moved = moved_bounds([(COURIER_OLD, COURIER_NEW)])
    [best, *_] = find_conditions(_changed(verdicts), verdicts, moved=moved)
    assert best.atoms == (Atom("parcel_kg", ">=", 5.0),)
