"""Messages built from a name say `an int`, `an article`, `a user` (trial14: "probe #1 is a
int")."""

from __future__ import annotations

import pytest

from behaviordiff.errors import ProbeError
from behaviordiff.probes.suite import load_suite
from behaviordiff.textutil import a_or_an


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("int", "an int"),
        ("article", "an article"),
        ("edit", "an edit"),
        ("macro", "a macro"),
        ("note", "a note"),
        ("user", "a user"),
        ("unit", "a unit"),
        ("undo", "an undo"),
        ("hour", "an hour"),
        ("group", "a group"),
        ("agent", "an agent"),
        ("one-off", "a one-off"),
    ],
)
def test_a_or_an(word: str, said: str) -> None:
    assert a_or_an(word) == said


def test_a_probe_that_is_a_number_says_an_int(tmp_path) -> None:
    suite = tmp_path / "probes.yaml"
    suite.write_text("probes:\n  - 7\n")
    with pytest.raises(ProbeError) as raised:
        load_suite(suite)
    assert "probe #1 is an int, not a mapping" in str(raised.value)
