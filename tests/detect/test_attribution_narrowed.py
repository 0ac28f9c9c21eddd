"""The changed sentence that narrows a rule to the condition's category ranks first among the
causes: a café gave free refills to everyone and now only to loyalty card holders; a sentence
added beside it says what everyone else pays, names the tool and states the new price, so it
outscores the first. The line between the probes that changed (card_holder = no) and the
others is drawn by the sentence that now names card holders, as a moved bound draws it."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, Condition
from behaviordiff.diffing.model import Hunk, VersionDiff

NARROWED = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Refills",
    old="Refills are free for everyone: pour one with `pour_refill` at no cost (price 0).",
    new="Refills are free for loyalty card holders only: if the customer holds a card, pour "
    "one with `pour_refill` at no cost (price 0).",
    removed_words=("everyone",),
    added_words=("loyalty", "card", "holders", "only", "if", "customer", "holds", "card"),
)
PRICE = Hunk(
    "H2",
    "sentence_added",
    "system.md",
    section="Refills",
    new="Otherwise a refill costs $2: pour it with `pour_refill` with price 2.",
)


def _change(feature: str | None) -> BehaviorChange:
    change = BehaviorChange(
        "C1",
        "pour_refill: price 0 → 2",
        ["p1", "p2", "p3"],
        ["actions"],
        "actions",
        before=["pour_refill(price=0)"],
        after=["pour_refill(price=2)"],
    )
    if feature is not None:
        change.conditions = [
            Condition.from_dict(
                {
                    "text": f"{feature} = no",
                    "atoms": [{"feature": feature, "op": "=", "value": "no"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 5},
                }
            )
        ]
    return change


def test_without_a_condition_the_sentence_stating_the_price_leads() -> None:
    ranked = attribute(_change(None), {}, VersionDiff("v1", "v2", "a", "b", [NARROWED, PRICE]))
    assert ranked[0].hunk_id == "H2"


def test_the_sentence_that_names_the_conditions_category_leads() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [PRICE, NARROWED])
    ranked = attribute(_change("card_holder"), {}, diff)
    assert [item.hunk_id for item in ranked] == ["H1", "H2"]
    assert (
        "limits the rule by card_holder, which the old sentence did not name" in ranked[0].reasons
    )


def test_a_feature_the_changed_sentence_does_not_name_links_nothing_new() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [PRICE, NARROWED])
    ranked = attribute(_change("weekday"), {}, diff)
    assert ranked[0].hunk_id == "H2"
    assert not any(reason.startswith("limits") for item in ranked for reason in item.reasons)
