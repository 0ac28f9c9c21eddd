"""A band a moved number bounds, read within the topic every changed probe is filed under: the
same sizes asking about something else are no part of the change. Made-up agents: a brewery
that ships 3 to 10 crates by van (more than 10 by freight) and now 3 to 6; a climbing wall
whose instructor-led sessions took 4 to 8 climbers and now 4 to 10. Traps: the band alone when
no other topic sits in it, and changed probes on two topics (no topic shared)."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, moved_bounds, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict

VAN_OLD = (
    "Orders of between 3 and 10 crates go by van; orders of more than 10 crates go by freight."
)
VAN_NEW = "Orders of between 3 and 6 crates go by van; orders of more than 6 crates go by freight."


def _verdicts(
    rows: list[tuple[str, int, str]], changed: set[str], name: str = "crates"
) -> list[ProbeVerdict]:
    return [
        ProbeVerdict(
            probe_id=probe_id,
            verdict="behavior-changed" if probe_id in changed else "unchanged",
            facets=["actions"] if probe_id in changed else [],
            old_samples=3,
            new_samples=3,
            features={name: size, f"tag:{tag}": True},
        )
        for probe_id, size, tag in rows
    ]


VAN_ROWS = [
    *((f"ship-{n}", n, "shipping") for n in (2, 3, 4, 5, 6, 7, 8, 10, 11, 13)),
    ("invoice-8", 8, "invoices"),
    ("returns-9", 9, "returns"),
    ("invoice-10", 10, "invoices"),
    ("returns-7", 7, "returns"),
    ("invoice-4", 4, "invoices"),
]


def _conditions(rows, changed, old, new, name="crates"):
    verdicts = _verdicts(rows, changed, name)
    stated = stated_boundaries([old, new])
    return find_conditions(sorted(changed), verdicts, 3, stated, moved_bounds([(old, new)]))


def test_a_lowered_band_end_within_the_changed_topic() -> None:
    changed = {"ship-7", "ship-8", "ship-10"}
    [best, *_] = _conditions(VAN_ROWS, changed, VAN_OLD, VAN_NEW)
    assert best.text == "6 < crates <= 10 and tag shipping"
    assert (best.matched_changed, best.matched_others) == (3, 0)


WALL_OLD = (
    "Instructor-led sessions take groups of 4 to 8 climbers; bigger groups book two sessions."
)
WALL_NEW = (
    "Instructor-led sessions take groups of 4 to 10 climbers; bigger groups book two sessions."
)
WALL_ROWS = [
    *((f"book-{n}", n, "sessions") for n in (2, 3, 4, 6, 8, 9, 10, 12, 14)),
    ("book-10-weekend", 10, "sessions"),
    ("shoes-9", 9, "shoe-hire"),
    ("shoes-10", 10, "shoe-hire"),
    ("waiver-9", 9, "waivers"),
    ("waiver-10", 10, "waivers"),
    ("shoes-3", 3, "shoe-hire"),
]


def test_a_raised_band_end_said_in_another_shape() -> None:
    changed = {"book-9", "book-10", "book-10-weekend"}
    [best, *_] = _conditions(WALL_ROWS, changed, WALL_OLD, WALL_NEW, "climbers")
    assert "tag sessions" in best.text and "climbers" in best.text
    assert (best.matched_changed, best.matched_others) == (3, 0)
    atoms = {atom.feature: atom for atom in best.atoms}
    band = atoms["climbers"]
    assert (band.low, band.high) == (8, 10)


def test_the_band_alone_when_no_other_topic_sits_in_it() -> None:
    rows = [
        row
        for row in VAN_ROWS
        if row[0] not in ("invoice-8", "returns-9", "invoice-10", "returns-7")
    ]
    changed = {"ship-7", "ship-8", "ship-10"}
    [best, *_] = _conditions(rows, changed, VAN_OLD, VAN_NEW)
    assert best.text == "6 < crates <= 10"


def test_changed_probes_on_two_topics_get_no_topic() -> None:
    changed = {"ship-7", "ship-8", "returns-9", "ship-10"}
    found = _conditions(VAN_ROWS, changed, VAN_OLD, VAN_NEW)
    assert all("tag shipping" not in condition.text for condition in found)


def test_a_tag_every_probe_carries_adds_nothing() -> None:
    rows = [(f"ship-{n}", n, "shipping") for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14)]
    changed = {"ship-7", "ship-8", "ship-9", "ship-10"}
    [best, *_] = _conditions(rows, changed, VAN_OLD, VAN_NEW)
    assert best.text == "6 < crates <= 10"
