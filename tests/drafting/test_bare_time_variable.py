"""A condition variable named by its unit and a preposition alone ("minutes_before",
"days_since") says nothing of what it counts to: a note reads "time left" or "time passed",
never "time until" or "time since" left hanging; a variable that names its event keeps it."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import atom_words


def _words(feature: str) -> str:
    condition = Condition.from_dict(
        {
            "text": "c",
            "atoms": [
                {
                    "feature": feature,
                    "op": "between",
                    "low": 30,
                    "high": 90,
                    "low_inclusive": True,
                    "high_inclusive": False,
                }
            ],
            "changed": {"matched": 1, "total": 1},
            "others": {"matched": 0, "total": 1},
        }
    )
    return atom_words(condition.atoms[0])[1]


def test_a_bare_preposition_reads_as_time_left_or_passed() -> None:
    assert "time left" in _words("minutes_before")
    assert "time passed" in _words("days_since")
    assert "until" not in _words("minutes_until") and "since" not in _words("days_since")


def test_a_named_event_stays() -> None:
    assert "time until appointment" in _words("days_until_appointment")
