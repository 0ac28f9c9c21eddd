"""A span said as its first unit: "in the first month" for 30 days.

Seen on a luthier's agent (set BM, after its held-out run): free adjustments within 30 days
of collection became 60 days, and the aftercare article said "If anything feels off in the
first month (…), bring it back and we'll put it right at no charge." It was not found: "the
first month" was read as no amount, and "at no charge" shared no word with the rule's "free".
"""

from __future__ import annotations

import pytest

from behaviordiff.drafting.rules import RuleMove, rewrite_sentence


def _move(old: str, new: str) -> RuleMove:
    return RuleMove("H1", f"Free within {old}.", f"Free within {new}.", old, new, "value")


@pytest.mark.parametrize(
    ("old", "new", "raw", "expected"),
    [
        (
            "30 days",
            "60 days",
            "If anything feels off in the first month, bring it back.",
            "If anything feels off in the first two months, bring it back.",
        ),
        ("1 year", "2 years", "In the first year, repairs are free.", None),
        ("7 days", "14 days", "Swaps are free in the first week.", None),
    ],
)
def test_the_first_unit_takes_the_new_span(
    old: str, new: str, raw: str, expected: str | None
) -> None:
    written = rewrite_sentence(_move(old, new), raw)
    if expected is not None:
        assert written == expected
    else:
        assert written is not None and "the first two" in written.lower()


def test_no_whole_count_in_the_unit_is_left_for_a_writer() -> None:
    assert rewrite_sentence(_move("30 days", "45 days"), "Free in the first month.") is None


def test_a_date_is_no_span() -> None:
    raw = "We're closed the first week of June."
    assert rewrite_sentence(_move("7 days", "14 days"), raw) is None


def test_the_luthier_article(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import run_scenario, scenario_edits

    found, _project = run_scenario(tmp_path_factory.mktemp("luthier"), "luthier-tweak-sixty-days")
    edits = scenario_edits(found)
    body = " ".join(edits["article:4470101"]["new_body"].split())
    assert "If anything feels off in the first two months (a buzz on the low frets" in body
    # the same number on other facts stays
    assert "Most adjustments take about 30 minutes" in body
