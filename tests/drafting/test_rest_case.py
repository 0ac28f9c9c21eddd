"""A claim for every case narrowed to the others in the words the new prompt names them by.

Made-up agent: a bike-repair workshop whose repairs were ready the same day whether booked
online or by phone; now repairs booked online are ready within 2 working days, and the new
prompt keeps the same day for repairs booked by phone under a head of its own. A KB claim
for every case ("…, online or by phone.", "…, however you booked it.", "Online or by phone,
…") keeps the old handling for the others, named by that head, with the online rule beside
it; a sentence naming no case, as close to the others' rule as to the old one, still states
the old rule; one naming the others' case ("Phone bookings …") is about them and stays."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact
from behaviordiff.drafting.promptrule import new_rule, rest_rule, targets
from behaviordiff.drafting.restcase import claim_for_every_case, with_rest_head
from behaviordiff.drafting.text import units

from .kit import kb_item

OLD = (
    "Tell the customer their bike is ready the same day as soon as the mechanic signs it off, "
    "whether they booked online or by phone."
)
ONLINE = (
    "Repairs booked online: tell the customer the bike is ready within 2 working days of "
    "drop-off, not the same day."
)
PHONE = (
    "Repairs booked by phone: tell the customer it's ready the same day as soon as the "
    "mechanic signs it off."
)
SECTIONS = {
    "Repairs": [
        "When a bike is dropped off, log it with `log_repair` (ref).",
        ONLINE,
        PHONE,
        "Punctures are fixed while you wait.",
    ]
}


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now states ready: 2 working days",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        conditions=[
            Condition.from_dict(
                {
                    "text": "booked_via = online",
                    "atoms": [{"feature": "booked_via", "op": "=", "value": "online"}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Repairs", OLD, ONLINE, "changed")],
        prompt_sections=SECTIONS,
    )


def _impact(key: str, body: str, kind: str, marked: list[str]) -> Impact:
    item_units = units(body)
    conflicts = [
        Conflict(index, unit.text, ("a finder's reason",))
        for index, unit in enumerate(item_units)
        if unit.text in marked
    ]
    return Impact(kb_item(key, body, kind=kind), 1.0, conflicts, item_units)


def test_the_others_rule_is_the_one_under_a_head_of_the_same_words() -> None:
    facts = _facts()
    said = new_rule(facts)
    assert said is not None
    rest = rest_rule(facts, said)
    assert rest is not None
    assert rest.sentence == PHONE and rest.head == "For repairs booked by phone"


def test_a_claim_for_every_case_gives_way_to_the_others_head() -> None:
    case = {"online"}
    head = "For repairs booked by phone"
    assert claim_for_every_case("Your bike is ready the same day, online or by phone.", case)
    assert not claim_for_every_case(
        "Online bookings are ready the same day, online or by phone.", case
    )
    assert (
        with_rest_head("- Online or by phone, your bike is ready the same day", head, case) is None
    )
    assert with_rest_head("Online or by phone, your bike is ready the same day", head, case) == (
        "For repairs booked by phone, your bike is ready the same day"
    )
    assert with_rest_head(
        "It's ready the same day: no waiting around, however you booked it.", head, case
    ) == ("It's ready the same day: no waiting around, for repairs booked by phone.")
    assert with_rest_head("It's ready the same day.", head, case) is None


MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks! Your {{ticket.custom_field_bike}} is with "
    "us and will be ready the same day, online or by phone. See you soon.\n\nThe Spoke team"
)
ARTICLE = """# Repairs

## When is my bike ready?

Your bike is ready the same day as soon as the mechanic signs it off.

## Good to know

- Online or by phone, your bike is ready the same day
- Phone bookings can be changed until noon
- Punctures are fixed while you wait
"""


def test_the_macro_keeps_the_others_handling_under_their_head_and_says_the_case_once() -> None:
    facts = _facts()
    claim = (
        "Your {{ticket.custom_field_bike}} is with us and will be ready the same day, online or "
        "by phone."
    )
    edit = TemplateDrafter().edit(facts, _impact("ready", MACRO, "macro", [claim]))
    assert edit.new_body == MACRO.replace(
        claim,
        "Your {{ticket.custom_field_bike}} is with us and will be ready the same day, for "
        "repairs booked by phone. For repairs booked online, the bike is ready within 2 "
        "working days of drop-off, not the same day.",
    )


def test_the_article_changes_its_prose_and_narrows_the_list_item() -> None:
    facts = _facts()
    item = "- Online or by phone, your bike is ready the same day"
    impact = _impact("repairs", ARTICLE, "article", [item])
    prose = "Your bike is ready the same day as soon as the mechanic signs it off."
    found = targets(facts, impact)
    assert prose in found and "- Phone bookings can be changed until noon" not in found
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert prose not in edit.new_body
    assert "- For repairs booked by phone, your bike is ready the same day\n" in edit.new_body
    assert edit.new_body.count("within 2 working days") == 1
    assert "- Phone bookings can be changed until noon" in edit.new_body
