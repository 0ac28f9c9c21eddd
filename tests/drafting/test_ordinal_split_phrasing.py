"""A value split by position, read and written with care (a made-up cattery, not a scenario's
domain): "Each extra cat gets 10% off the nightly rate." became "The second cat gets 10% off
the nightly rate, and the third cat and any more get 20% off." for `cat_number >= 3`.

The position ends before the verb or at a comma ("from the third cat on, the discount is
20%" is "the third cat onwards"); a KB sentence must name the noun the ordinal qualifies
("cat") to state the rule, so 10% of dogs is left alone; a phrase that already says whom its
value is for ("for each extra cat") takes no position after it: it is flagged, not doubled."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.ordinalsplit import (
    _split_of,
    ordinal_split,
    ordinal_split_reason,
    ordinal_split_said,
)

OLD = "Each extra cat gets 10% off the nightly rate."
NEW = "The second cat gets 10% off the nightly rate, and the third cat and any more get 20% off."


def _facts(new: str = NEW) -> ChangeFacts:
    probes = ("p1", "p2", "p3")
    return ChangeFacts(
        id="C1",
        title="price_stay: discount_pct 10 → 20",
        kind="actions",
        facets=["actions"],
        probe_ids=list(probes),
        after_actions=[ActionFact("price_stay")],
        moved=[
            MovedValue(
                call=ActionFact("price_stay"),
                argument="discount_pct",
                values=tuple((probe, 10.0, 20.0) for probe in probes),
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "cat_number >= 3",
                    "atoms": [{"feature": "cat_number", "op": ">=", "value": 3}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Multi-cat stays", OLD, new, "sentence changed")],
        others=9,
    )


def test_the_position_ends_at_a_comma_or_before_the_verb() -> None:
    split = _split_of(
        OLD,
        "The second cat gets 10% off the nightly rate; from the third cat on, the discount is 20%.",
        3,
    )
    assert split is not None and split.moved.position == "the third cat onwards"
    split = _split_of(
        OLD,
        "The second cat gets 10% off the nightly rate, and the third cat and any more pay only "
        "20% less.",
        3,
    )
    assert split is not None and split.moved.position == "the third cat and any more"


def test_a_sentence_must_name_the_noun_the_ordinal_qualifies() -> None:
    facts = _facts()
    assert ordinal_split_reason(facts, "Extra cats: 10% off the nightly rate.")
    assert ordinal_split_reason(facts, "Dogs: 10% off the nightly rate.") is None
    assert (
        ordinal_split_reason(facts, "Staff get 10% off the nightly rate of any shop item.") is None
    )


def test_a_phrase_that_says_whom_it_is_for_takes_no_position() -> None:
    split = ordinal_split(_facts())
    assert split is not None
    assert ordinal_split_said(split, "You get 10% off the nightly rate for each extra cat.") is None
    assert ordinal_split_said(split, "It gets cheaper: 10% off every cat after your first.") is None
    assert ordinal_split_said(split, "An extra cat gets 10% off every night.") == (
        "An extra cat gets 10% off every night for the second cat and 20% off for the third cat "
        "and any more."
    )
    assert ordinal_split_said(split, "Extra cats: 10% off the nightly rate.") == (
        "Extra cats: 10% off the nightly rate for the second cat and 20% off for the third cat "
        "and any more."
    )
