"""The rule a change carves its customers out of (`drafting/departedcall.py`), in a made-up
domain unlike the example's: a bike-hire shop now waives the late fee itself (`waive_fee`)
for members returning a bike more than 2 hours late, instead of passing them to the depot
manager (`refer_to_manager`), whose rule the new prompt keeps for everyone else."""

from __future__ import annotations

from behaviordiff.detect.model import Atom
from behaviordiff.drafting.departedcall import condition_bounds, departed_calls, names_split
from behaviordiff.drafting.promptrule import sentences_of

KEPT = (
    "If a bike comes back more than 2 hours late, refer the rider to the depot manager with "
    "`refer_to_manager`, who calls them back within 3 working days."
)
OTHER_CALL = "If a lock is lost, refer the rider to the depot manager with `refer_to_manager`."
CHANGE = (
    "If a member with more than 5 rides returns a bike more than 2 hours late, waive the late "
    "fee with `waive_fee` instead of referring them."
)
PROMPT = [KEPT, OTHER_CALL, "Helmets are free with every hire.", CHANGE]
ATOMS = (
    Atom.from_dict({"feature": "hours_late", "op": ">", "value": 2.0}),
    Atom.from_dict({"feature": "rides", "op": ">", "value": 5}),
)


def _entries() -> list[list[str]]:
    return [sentences_of(entry) for entry in PROMPT]


def test_the_kept_rule_for_the_same_band_is_the_one_departed_from() -> None:
    bounds = condition_bounds(ATOMS)
    assert bounds == {"2", "5"}
    found = departed_calls(_entries(), set(sentences_of(CHANGE)), {"refer_to_manager"}, bounds)
    assert found == {KEPT}  # the lost lock's referral states no bound of the change


def test_nothing_departed_without_a_dropped_call_or_a_shared_bound() -> None:
    change = set(sentences_of(CHANGE))
    bounds = condition_bounds(ATOMS)
    assert departed_calls(_entries(), change, set(), bounds) == frozenset()
    assert departed_calls(_entries(), change, {"refer_to_manager"}, {"7"}) == frozenset()
    assert departed_calls(_entries(), change, {"waive_fee"}, bounds) == frozenset()
    # a tool is named by its whole name, not by a part of another's
    assert departed_calls(_entries(), change, {"to_manager"}, bounds) == frozenset()


def test_an_item_naming_the_split_is_told_apart() -> None:
    bounds = condition_bounds(ATOMS)
    departed = {KEPT}
    assert names_split(
        "Riders with 5 rides or fewer: the depot manager calls you.", departed, bounds
    )
    assert not names_split(
        "The depot manager calls you back within 3 working days.", departed, bounds
    )
