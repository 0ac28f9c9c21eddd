"""A deadline's day of the week moves: "due by the end of the Wednesday before the party" →
"the Monday before".

Seen on a party-barn agent (set BM, after its held-out run): no value moved as far as the
drafter could tell, so the macro and the key-dates table were flagged with "the new behavior
has no sentence to use", and the note never said Monday. Viewings on Wednesday evenings, the
same day on another topic, stay.
"""

from __future__ import annotations

import pytest

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.rules import rule_moves


def _rule(old: str, new: str) -> Rule:
    return Rule("H1", "sentence_changed", "Final numbers", old, new, f"{old} → {new}", None)


def test_one_day_named_in_place_of_another_is_a_move() -> None:
    moves = rule_moves(
        [
            _rule(
                "Final guest numbers are due by the end of the Wednesday before the party.",
                "Final guest numbers are due by the end of the Monday before the party.",
            )
        ]
    )
    assert [(m.old, m.new, m.kind) for m in moves] == [("Wednesday", "Monday", "value")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # more than the day moved: another rule
        ("Viewings are on Wednesday evenings.", "Tours run on Monday mornings."),
        # two days named: a set of days, not one
        ("Open Monday and Wednesday.", "Open Monday and Friday."),
        # the same day
        ("Due on Wednesday.", "Due by Wednesday."),
    ],
)
def test_no_day_move(old: str, new: str) -> None:
    assert not [m for m in rule_moves([_rule(old, new)]) if m.old.lower().startswith("wed")]


def test_the_party_barn_drafts_say_monday(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import run_scenario

    found, _project = run_scenario(tmp_path_factory.mktemp("partybarn"), "partybarn-numbers-monday")
    drafts = found["drafts"]
    edits = {e["content"]["item_key"]: e["content"] for e in drafts["edits"]}
    assert "by the end of the Monday before the party" in edits["macro:9301"]["new_body"]
    table = edits["article:7500102"]["new_body"]
    assert "| Final guest numbers | By the end of the Monday before |" in table
    assert "| Viewings | Wednesday evenings, 6pm–8pm |" in table
    assert "Monday" in drafts["notes"][0]["content"]["after"]
