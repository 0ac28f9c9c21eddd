"""The changed sentence whose own number moved as a call's argument moved ranks first: a ferry
booking agent used to charge no fee for evening sailings on any vehicle and now charges vans a
£12 evening fee (evening_fee 0 → 12); a sentence added beside it restates the old value for
cars and motorbikes ("the same at any hour (evening_fee 0)") and shares more of the argument's
words ("evening", "fee"), which the changed sentence keeps on both sides and so does not count
as changed. What moved the argument is the sentence that moved 0 to 12."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, MovedArgument, MovedProbeValue
from behaviordiff.diffing.model import Hunk, VersionDiff

CHANGED = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Fares",
    old="Evenings cost the same as mornings: there is no evening fee for any vehicle "
    "(evening_fee 0).",
    new="Vans on a sailing after 6pm carry a £12 evening fee (evening_fee 12).",
    removed_words=(
        "Evenings",
        "cost",
        "the",
        "same",
        "as",
        "mornings",
        ":",
        "there",
        "is",
        "no",
        "for",
        "any",
        "vehicle",
        "0",
    ),
    added_words=("Vans", "on", "a", "sailing", "after", "6pm", "carry", "a", "£", "12", "12"),
)
ADDED = Hunk(
    "H2",
    "sentence_added",
    "system.md",
    section="Fares",
    new="Cars and motorbikes cost the same at any hour (evening_fee 0).",
)


def _change(olds_news: list[tuple[float, float]]) -> BehaviorChange:
    return BehaviorChange(
        "C1",
        "book_crossing: evening_fee 0 → 12",
        [f"p{index}" for index in range(len(olds_news))],
        ["actions"],
        "actions",
        before=["book_crossing(evening_fee=0, fare=40)"],
        after=["book_crossing(evening_fee=12, fare=40)"],
        moved_arguments=[
            MovedArgument(
                call="book_crossing",
                name="book_crossing",
                argument="evening_fee",
                ratio=None,
                difference=None,
                values=tuple(
                    MovedProbeValue(f"p{index}", old, new)
                    for index, (old, new) in enumerate(olds_news)
                ),
            )
        ],
    )


def test_the_sentence_that_moved_the_arguments_number_leads() -> None:
    ranked = attribute(
        _change([(0, 12), (0, 12)]), {}, VersionDiff("v1", "v2", "a", "b", [ADDED, CHANGED])
    )
    assert [item.hunk_id for item in ranked] == ["H1", "H2"]
    assert "changes 0 → 12, as evening_fee" in ranked[0].reasons


def test_a_sentence_whose_number_moved_elsewhere_is_no_such_link() -> None:
    other = Hunk(
        "H1",
        "sentence_changed",
        "system.md",
        section="Fares",
        old="Cabins cost £30 (evening_fee 0).",
        new="Cabins cost £35 (evening_fee 0).",
        removed_words=("30",),
        added_words=("35",),
    )
    ranked = attribute(_change([(0, 12)]), {}, VersionDiff("v1", "v2", "a", "b", [ADDED, other]))
    assert not any(
        reason.startswith("changes 0 → 12") for item in ranked for reason in item.reasons
    )


def test_probes_that_moved_to_different_values_are_no_such_link() -> None:
    ranked = attribute(
        _change([(0, 12), (0, 20)]), {}, VersionDiff("v1", "v2", "a", "b", [ADDED, CHANGED])
    )
    assert not any(", as evening_fee" in reason for item in ranked for reason in item.reasons)
