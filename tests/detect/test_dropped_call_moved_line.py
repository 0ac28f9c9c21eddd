"""A line raised under which a paid call is no longer made (a window cleaner: the ladder crew,
`add_ladder_crew`, was booked for the 3rd storey or higher, now for the 4th storey or higher),
with a second changed sentence saying what the band gets now, no tool named ("Cleaning up to
the 3rd storey is included"): the ordinal "or higher" is the prompt's bound (`3 <= storey <
4`, not `2 < storey <= 3`), and the sentence that moved the line past the band is the cause.
With no new call anywhere, the band's customers only lost the call, and that sentence is why.
"""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.conditions import find_conditions, stated_boundaries
from behaviordiff.detect.model import BehaviorChange, Condition, ProbeVerdict
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

SECTION = "High windows"
OLD_RULE = (
    "If the windows are on the 3rd storey or higher, book the ladder crew with "
    "`add_ladder_crew` (fee £25) and tell the customer about the charge."
)
NEW_RULE = OLD_RULE.replace("3rd storey", "4th storey")
OLD_FREE = "Cleaning on the ground, 1st and 2nd storeys is included in the price."
NEW_FREE = "Cleaning on any storey up to the 3rd storey is included in the price."


def test_an_ordinal_or_higher_is_a_bound_from_it() -> None:
    found = {(b.value, b.ops) for b in stated_boundaries([OLD_RULE]) if b.unit == ""}
    assert (3.0, frozenset({">="})) in found


def _verdicts() -> list[ProbeVerdict]:
    verdicts = []
    for storey in (0, 1, 2, 3, 4, 5, 6):
        for house in range(3):
            changed = storey == 3
            verdicts.append(
                ProbeVerdict(
                    probe_id=f"s{storey}-{house}",
                    verdict="behavior-changed" if changed else "unchanged",
                    facets=["actions"] if changed else [],
                    old_samples=3,
                    new_samples=3,
                    features={"storey": storey},
                )
            )
    return verdicts


def test_the_band_is_drawn_at_the_stated_ordinals() -> None:
    verdicts = _verdicts()
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(
        changed, verdicts, boundaries=stated_boundaries([OLD_RULE, NEW_RULE])
    )
    assert best.text == "3 <= storey < 4"


def _change() -> BehaviorChange:
    change = BehaviorChange(
        "C1",
        "no longer calls add_ladder_crew",
        ["p1"],
        ["actions"],
        "actions",
        before=["book_clean", "add_ladder_crew"],
        after=["book_clean"],
    )
    change.conditions = [
        Condition.from_dict(
            {
                "text": "3 <= storey < 4",
                "atoms": [
                    {
                        "feature": "storey",
                        "op": "between",
                        "low": 3,
                        "high": 4,
                        "low_inclusive": True,
                        "high_inclusive": False,
                    }
                ],
            }
        )
    ]
    return change


def _samples() -> dict[str, ProbeSamples]:
    def signature(sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature("p1", sample, (), False, False, frozenset(), text)

    old = [signature(i, "Your 3rd-storey windows need the ladder crew, £25.") for i in range(3)]
    new = [signature(i, "Your 3rd-storey windows are included, no extra charge.") for i in range(3)]
    return {"p1": ProbeSamples("p1", old, new)}


def _hunks() -> list[Hunk]:
    return [
        Hunk(
            "H1",
            "sentence_changed",
            "system.md",
            section=SECTION,
            old=OLD_RULE,
            new=NEW_RULE,
            removed_words=("3rd",),
            added_words=("4th",),
        ),
        Hunk(
            "H2",
            "sentence_changed",
            "system.md",
            section=SECTION,
            old=OLD_FREE,
            new=NEW_FREE,
            removed_words=("ground,", "1st", "and", "2nd", "storeys"),
            added_words=("any", "storey", "up", "to", "the", "3rd", "storey"),
        ),
    ]


def test_the_sentence_moving_the_line_of_a_dropped_call_is_the_cause() -> None:
    ranked = attribute(_change(), _samples(), VersionDiff("v1", "v2", "a", "b", _hunks()))
    assert ranked[0].hunk_id == "H1"
