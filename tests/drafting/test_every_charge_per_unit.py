"""A charge per unit now taken from everyone it can be where the thing was free: a made-up bike
hire used to fit child seats free and now charges $4 per seat per day. The condition's count
band (0 < seats <= 2) draws no line of the charge: its floor is "any at all" and its ceiling the
maximum the new prompt keeps in a sentence of its own. The KB sentences saying the seats are
free are said with the charge and its unit ("there's no charge for seats: they stay free" →
"there's a charge of $4 per seat per day"; "Not at all: child seats stay free, so you won't pay a
cent more" → "Child seats cost $4 per seat per day."), and the note says the unit too; free
helmets and the $4 bell stay."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.everycharge import (
    EVERY_CHARGE_REASON,
    charged_text,
    every_charge,
    every_charge_fact,
    every_charged_body,
)
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.plaintitle import charge_brought
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, model_edit

OLD = "Child seats stay free: there is no charge for child seats."
NEW = "There is a charge of $4 per seat per day."
CALL_OLD = "Fit the seats with seat_fee 0."
CALL_NEW = "Fit the seats with seat_fee 4 and tell the rider the seat charge for their hire."
SECTIONS = {
    "Child seats": [
        "Child seats fit every bike, up to a maximum of 2 seats per bike.",
        NEW,
        CALL_NEW,
        "If a rider wants 3 or more seats, do not book.",
    ],
    "Extras": ["Helmets are free with every hire.", "A bell costs $4 and is yours to keep."],
}
MACRO_SAID = (
    "Child seats are welcome on every bike, and there's no charge for seats: they stay free."
)
MACRO = f"Hi {{{{ticket.requester.first_name}}}},\n\n{MACRO_SAID}\n\nHappy riding,\nSpoke Hire"
ANSWER = "Not at all: child seats stay free, so you won't pay a cent more for them."
LISTED = "- Child seats stay free (up to 2 per bike)"
ARTICLE = f"""# Riding with children

## Does a child seat cost extra?

{ANSWER}

## What comes with every hire

- Helmets for everyone, free
{LISTED}
- A bell costs $4 and is yours to keep
"""


def _condition(atoms: list[dict[str, object]]) -> Condition:
    return Condition.from_dict(
        {
            "text": "condition",
            "atoms": atoms,
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 9},
        }
    )


def _facts(high: float = 2) -> ChangeFacts:
    band = {
        "feature": "seats",
        "op": "between",
        "low": 0,
        "high": high,
        "low_inclusive": False,
        "high_inclusive": True,
    }
    call = ActionFact("add_hire")
    probes = ("one-seat", "two-seats", "one-seat-week")
    return ChangeFacts(
        id="C1",
        title="add_hire: seat_fee 0 → 4",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=list(probes),
        after_actions=[call],
        moved=[
            MovedValue(call, "seat_fee", tuple((p, 0.0, 4.0) for p in probes), text_currency="$")
        ],
        conditions=[_condition([band, {"feature": "tag:hire", "op": "tag"}])],
        rules=[
            Rule("H1", "sentence_changed", "Child seats", OLD, NEW, "changed"),
            Rule("H2", "sentence_changed", "Child seats", CALL_OLD, CALL_NEW, "changed"),
        ],
        others=9,
        prompt_sections=SECTIONS,
    )


def test_a_band_of_any_at_all_up_to_a_kept_maximum_draws_no_line() -> None:
    charge = every_charge(_facts())
    assert charge is not None
    assert (charge.amount, charge.unit, charge.priced) == (
        "$4",
        " per seat per day",
        "$4 per seat per day",
    )
    # a ceiling the new prompt states nowhere else is a line of the charge
    assert every_charge(_facts(high=5)) is None


def test_the_sentences_saying_the_seats_are_free_get_the_charge_with_its_unit() -> None:
    facts = _facts()
    items = [kb_item("children", ARTICLE), kb_item("seats", MACRO, kind="macro")]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items))}
    reasons = {c.sentence: c.reasons for i in impacts.values() for c in i.conflicts}
    assert reasons[LISTED] == (EVERY_CHARGE_REASON,)
    # the two close to the old prompt rule are the old-side writer's; either way no KB
    # sentence keeps the seats free and each says the charge with its unit
    assert set(reasons) == {LISTED, ANSWER, MACRO_SAID}
    article = TemplateDrafter().edit(facts, impacts["article:children"]).new_body
    assert article is not None
    assert "- Child seats cost $4 per seat per day (up to 2 per bike)" in article
    assert "stay free" not in article and "- Helmets for everyone, free" in article
    assert "- A bell costs $4 and is yours to keep" in article


def test_a_free_claim_said_again_after_a_colon_or_under_a_yes_or_no_goes_with_it() -> None:
    charge = every_charge(_facts())
    assert charge is not None
    assert charged_text(charge, MACRO_SAID) == (
        "Child seats are welcome on every bike, and there's a charge of $4 per seat per day."
    )
    assert charged_text(charge, ANSWER) == "Child seats cost $4 per seat per day."
    assert charged_text(charge, "Child seats remain free on longer hires.") == (
        "Child seats cost $4 per seat per day on longer hires."
    )
    # a yes or no going on into the claim's clause is no answer of its own
    assert charged_text(charge, "Yes, and seats are free of charge.") == (
        "Yes, and seats cost $4 per seat per day."
    )
    # a charge for another thing than what it is per keeps what it is for
    assert charged_text(charge, "There's no charge for fitting.") == (
        "There's a charge of $4 per seat per day for fitting."
    )


def test_the_note_says_what_the_new_charge_is_per() -> None:
    facts = _facts()
    said = charge_brought(facts.moved[0], "seat fee", [NEW, CALL_NEW])
    assert said == "now pay a $4 seat fee per seat per day, where there was none before"
    assert charge_brought(facts.moved[0], "seat fee") == (
        "now pay a $4 seat fee, where there was none before"
    )


def test_a_claim_of_free_for_a_list_of_things_is_flagged_not_charged() -> None:
    charge = every_charge(_facts())
    assert charge is not None
    # the helmets listed beside the seats stay free: no charge of the seats' is said of them
    assert charged_text(charge, "There's no charge for seats or helmets.") is None
    assert charged_text(charge, "There's no charge for seats, helmets or locks.") is None
    assert charged_text(charge, "There's no charge for seats and we fit them.") == (
        "There's a charge of $4 per seat per day and we fit them."
    )
    assert charged_text(charge, "There's no charge for seats, so relax.") == (
        "There's a charge of $4 per seat per day, so relax."
    )


def test_a_yes_or_no_goes_only_where_it_answered_what_the_thing_costs() -> None:
    charge = every_charge(_facts())
    assert charge is not None
    said = "Yes, child seats are free."
    # "Can I bring a child seat?" "Yes": the answer stays, the charge said after it
    assert charged_text(charge, said) == "Yes, child seats cost $4 per seat per day."
    assert charged_text(charge, said, {"can", "bring", "child", "seat"}) == (
        "Yes, child seats cost $4 per seat per day."
    )
    # "Are child seats free?" "Yes": the charge answers it
    assert charged_text(charge, said, {"child", "seat", "free"}) == (
        "Child seats cost $4 per seat per day."
    )
    assert charged_text(charge, "No, child seats are free.") == (
        "Child seats cost $4 per seat per day."
    )
    body = "## Can I bring a child seat?\n\nYes, child seats are free.\n"
    assert every_charged_body(charge, body, "markdown", {said}) == (
        "## Can I bring a child seat?\n\nYes, child seats cost $4 per seat per day.\n"
    )
    body = "## Are child seats free?\n\nYes, child seats are free.\n"
    assert every_charged_body(charge, body, "markdown", {said}) == (
        "## Are child seats free?\n\nChild seats cost $4 per seat per day.\n"
    )


def test_a_model_edit_saying_the_amount_without_its_unit_is_refused() -> None:
    facts = _facts()
    item = kb_item("children", ARTICLE)
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.item.key == item.key]
    template = TemplateDrafter().edit(facts, impact)
    assert template.new_body is not None
    _, failure = model_edit(facts, impact, template, template.new_body)
    assert not failure
    priced = "- Child seats cost $4 per seat per day (up to 2 per bike)"
    body = template.new_body.replace(priced, "- Child seats cost $4 (up to 2 per bike)")
    _, failure = model_edit(facts, impact, template, body)
    assert failure is not None and "without what it is per" in failure
    assert "always said with what it is per (“$4 per seat per day”)" in str(
        every_charge_fact(facts)
    )
