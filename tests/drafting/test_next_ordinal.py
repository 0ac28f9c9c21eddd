"""The first one over a count limit moves with the limit.

Seen on a lido agent (set BM, after its held-out run): members could book up to 3 swims in
advance each week and now 5. The booking article said "Once you've got three swims in the
diary for the week, the booking page won't let you add a fourth."; the template wrote "five
swims … won't let you add a fourth", which says the fourth swim still cannot be booked.
"""

from __future__ import annotations

import pytest

from behaviordiff.drafting.nextordinal import moved_next_ordinal, whole_count


@pytest.mark.parametrize(
    ("old_raw", "written", "old", "new", "expected"),
    [
        (
            "Once you've got three swims in the diary, we won't let you add a fourth.",
            "Once you've got five swims in the diary, we won't let you add a fourth.",
            "3",
            "5",
            "Once you've got five swims in the diary, we won't let you add a sixth.",
        ),
        (
            "Book up to 3 lessons a week; a 4th waits for next week.",
            "Book up to 2 lessons a week; a 4th waits for next week.",
            "3 lessons",
            "2 lessons",
            "Book up to 2 lessons a week; a 3rd waits for next week.",
        ),
        (
            "You get 10 free prints. The Eleventh costs 20p.",
            "You get 12 free prints. The Eleventh costs 20p.",
            "10",
            "12",
            "You get 12 free prints. The Thirteenth costs 20p.",
        ),
    ],
)
def test_the_ordinal_past_the_count_moves(
    old_raw: str, written: str, old: str, new: str, expected: str
) -> None:
    assert moved_next_ordinal(old_raw, written, old, new) == expected


@pytest.mark.parametrize(
    ("old_raw", "written", "old", "new"),
    [
        # a date is no count
        ("Book 3 swims; closed May 4th.", "Book 5 swims; closed May 4th.", "3", "5"),
        ("Book 3 swims until the 4th of June.", "Book 5 swims until the 4th of June.", "3", "5"),
        # the ordinal before the count is about something else
        ("Your fourth visit after 3 is free.", "Your fourth visit after 5 is free.", "3", "5"),
        # no plain count: money, a share
        ("Up to $3, a fourth charge", "Up to $5, a fourth charge", "$3", "$5"),
        ("3% off; a fourth order", "5% off; a fourth order", "3%", "5%"),
    ],
)
def test_other_ordinals_stay(old_raw: str, written: str, old: str, new: str) -> None:
    assert moved_next_ordinal(old_raw, written, old, new) == written


def test_plain_counts() -> None:
    assert whole_count("3") == 3
    assert whole_count("five lessons") == 5
    assert whole_count("£5") is None
    assert whole_count("10%") is None


def test_the_lido_article_says_the_sixth(tmp_path_factory: pytest.TempPathFactory) -> None:

    from tests.conftest import run_scenario, scenario_edits

    found, _project = run_scenario(tmp_path_factory.mktemp("lido"), "lido-advance-five")
    edits = scenario_edits(found)
    body = " ".join(edits["article:7300201"]["new_body"].split())
    assert (
        "Once you've got five swims in the diary for the week, the booking page won't let "
        "you add a sixth." in body
    )
    assert "fourth" not in body
    # the guests' limit, the same number on another topic, stays
    assert "Members can bring up to 3 guests on any visit" in body
