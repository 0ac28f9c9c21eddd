"""A claim over every value of the changed case's kind, and what the case's new rule says
again. Made-up agent: a coworking space cancelled every membership straight away; now members
on a dedicated desk are first offered a free month and cancelled only if they decline, while
hot-desk members are cancelled straight away under a head of their own.

* "We cancel it straight away, whatever desk you're on" claims the old handling for every
  desk, the dedicated one too: it states the old rule, though every word it shares with it
  the hot-desk rule still says; a quantifier after a colon ("No notice: whichever desk you're
  on, …") gives way to the others' head as one after a comma does.
* "You keep your meeting-room credits until the end of the month you've already paid for"
  restates a part of the old rule the dedicated-desk rule says again: it still holds for that
  case, and is not narrowed to the others."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact
from behaviordiff.drafting.promptrule import targets
from behaviordiff.drafting.restcase import with_rest_head
from behaviordiff.drafting.text import units

from .kit import kb_item

OLD = (
    "When a member asks to cancel, call `cancel_membership` (member_ref) straight away and "
    "confirm it's done: they keep their meeting-room credits until the end of the month "
    "they've already paid for."
)
DEDICATED = (
    "Dedicated desks: when a member asks to cancel, first offer them a free month: call "
    "`offer_free_month` (member_ref) and tell them about it. Only if they decline it, call "
    "`cancel_membership` and confirm it's done: they keep their meeting-room credits until "
    "the end of the month they've paid for."
)
HOT = (
    "Hot desks: when a member asks to cancel, call `cancel_membership` (member_ref) straight "
    "away and confirm it's done: they keep their meeting-room credits until the end of the "
    "month they've already paid for."
)
SECTIONS = {"Cancelling": ["Members can cancel any time.", HOT, DEDICATED]}
CLAIM = "Your membership ends straight away, whatever desk you're on."
CREDITS = "You keep your meeting-room credits until the end of the month you've already paid for."
MACRO = (
    f"Hi {{{{ticket.requester.first_name}}}},\n\nSorry to see you go! {CLAIM} {CREDITS}\n\nThe Loft"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="offers a free month instead of cancelling",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        conditions=[
            Condition.from_dict(
                {
                    "text": "desk = dedicated",
                    "atoms": [{"feature": "desk", "op": "=", "value": "dedicated"}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Cancelling", OLD, f"{HOT} {DEDICATED}", "changed")],
        prompt_sections=SECTIONS,
    )


def _impact(body: str, marked: list[str]) -> Impact:
    item_units = units(body)
    conflicts = [
        Conflict(index, unit.text, ("a finder's reason",))
        for index, unit in enumerate(item_units)
        if unit.text in marked
    ]
    return Impact(kb_item("cancel", body, kind="macro"), 1.0, conflicts, item_units)


def test_a_claim_over_every_desk_states_the_old_rule_and_the_credits_still_hold() -> None:
    found = targets(_facts(), _impact(MACRO, [CLAIM]))
    assert CLAIM in found
    assert CREDITS not in found


def test_a_quantifier_after_a_colon_gives_way_to_the_others_head() -> None:
    head = "For hot desks"
    said = "No notice: whichever desk you're on, we cancel your membership straight away."
    assert with_rest_head(said, head, {"dedic"}) == (
        "No notice: for hot desks, we cancel your membership straight away."
    )
