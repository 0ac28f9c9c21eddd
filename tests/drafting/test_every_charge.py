"""A charge now taken from everyone on a topic where there was none: a made-up dog groomer used
to trim nails for free and now charges every dog $6 (tag nail-trim only; add_nail_trim fee_usd
0 → 6). The KB sentences saying the nail trim is free are said with the charge in their own
words ("free of charge" → "for $6", a cell "Free" → "$6", "it doesn't cost a thing" under a
heading about the nails → "it costs $6"); the bandana at no extra cost, the $6 off for a
review, free pick-up nearby, free cancelling and a free car park stay byte for byte, and a
sentence restating the old prompt rule is left to the old-side writer."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.checks import moved_rule_in_place_problems
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.everycharge import (
    EVERY_CHARGE_REASON,
    charged_text,
    every_charge,
    still_every_denied,
)
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, model_edit

CALL_OLD = (
    "When an owner asks for the nails to be done, add a nail trim with `add_nail_trim` (fee_usd 0)."
)
CALL_NEW = CALL_OLD.replace("fee_usd 0", "fee_usd 6")
OLD = "Nail trims are free, so tell them nothing is added to the bill."
NEW = "A nail trim costs $6 for every dog; tell them the $6 is added to the bill."
SECTIONS = {
    "Nail trims": [CALL_NEW, NEW],
    "Grooms": [
        "Every groom comes with a bandana at no extra cost.",
        "Pick-up costs $8, and it's free within 2 miles.",
    ],
    "Reviews": ["Owners who leave a review get $6 off their next groom."],
    "Cancelling": ["Cancelling is free up to a day before, with `cancel_groom`."],
}
TRIM = "We'll give the nails a quick trim too, free of charge."
BANDANA = "Every groom comes with a bandana at no extra cost."
REVIEW = "Leave us a review and we'll take $6 off your next groom."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour groom is booked for Saturday. "
    f"{BANDANA} {TRIM}\n\n{REVIEW}\n\nWaggy regards,\nThe Fluff Bar"
)
TRIM_ROW = "| Nail trim | Free |"
CLIP = "Just ask at drop-off and we'll clip them while the coat dries, and it doesn't cost a thing."
ARTICLE = f"""# Extras

| Extra | Price |
|---|---|
| Bandana | Free |
{TRIM_ROW}
| Pick-up | $8 (free within 2 miles) |

## Can you do the nails?

{CLIP} We never clip puppies younger than twelve weeks.

## Where do I park?

Use the yard behind the salon; it's free.

## Cancelling

Cancelling is free of charge up to a day before.
"""
RESTATED = "Nail trims are always free, so nothing is added to your bill."


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="add_nail_trim: fee_usd 0 → 6",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["trim-poodle", "trim-collie", "trim-cost"],
        after_actions=[ActionFact("add_nail_trim")],
        moved=[
            MovedValue(
                ActionFact("add_nail_trim"),
                "fee_usd",
                (("trim-poodle", 0.0, 6.0), ("trim-collie", 0.0, 6.0), ("trim-cost", 0.0, 6.0)),
                text_currency="$",
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag nail-trim",
                    "atoms": [{"feature": "tag:nail-trim", "op": "tag"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Nail trims", CALL_OLD, CALL_NEW, "changed"),
            Rule("H2", "sentence_changed", "Nail trims", OLD, NEW, "changed"),
        ],
        excerpts=[Excerpt(probe_id="trim-cost", old="It's free!", new="It's $6.")],
        others=9,
        prompt_sections=SECTIONS,
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def test_the_charge_for_everyone_is_read_from_the_new_prompt() -> None:
    charge = every_charge(_facts())
    assert charge is not None
    assert (charge.amount, charge.what) == ("$6", "nail trim")
    assert frozenset({"trim"}) in charge.topics
    assert charge.said == "A nail trim costs $6 for every dog."
    assert "bandana" not in charge.own and "review" not in charge.own


def test_no_charge_for_everyone_with_a_line_a_category_or_no_old_free_rule() -> None:
    facts = _facts()
    facts.conditions = [
        Condition.from_dict(
            {
                "text": "weight > 30",
                "atoms": [{"feature": "weight", "op": ">", "value": 30}],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 9},
            }
        )
    ]
    assert every_charge(facts) is None
    priced = _facts()
    priced.rules = [Rule("H2", "sentence_changed", "Nail trims", "Nail trims cost $4.", NEW, "c")]
    assert every_charge(priced) is None


def test_the_sentences_saying_it_is_free_get_the_charge_the_traps_stay() -> None:
    facts = _facts()
    items = [kb_item("extras", ARTICLE), kb_item("booked", MACRO, kind="macro")]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items))}
    marked = {
        c.sentence
        for impact in impacts.values()
        for c in impact.conflicts
        if EVERY_CHARGE_REASON in c.reasons
    }
    assert marked == {TRIM, TRIM_ROW, CLIP}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:booked"]).new_body
    assert macro == MACRO.replace(TRIM, "We'll give the nails a quick trim too, for $6.")
    article = drafter.edit(facts, impacts["article:extras"]).new_body
    assert article is not None
    assert "| Nail trim | $6 |" in article and "and it costs $6." in article
    for kept in ("| Bandana | Free |", "it's free.", "Cancelling is free of charge", "twelve"):
        assert kept in article
    assert still_every_denied(facts, article, "markdown") == []
    assert moved_rule_in_place_problems(facts, impacts["macro:booked"], macro or "") == []


def test_a_sentence_restating_the_old_prompt_rule_is_left_to_the_old_side_writer() -> None:
    facts = _facts()
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\nAll booked. {RESTATED}\n\nThe Fluff Bar"
    [impact] = [
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("done", body, kind="macro")]))
        if i.affected
    ]
    assert not any(EVERY_CHARGE_REASON in c.reasons for c in impact.conflicts)


def test_words_with_no_plain_rewrite_or_two_free_claims_are_flagged() -> None:
    charge = every_charge(_facts())
    assert charge is not None
    assert charged_text(charge, "Nail trims are free, and so are bandanas, free of charge.") is None
    assert charged_text(charge, "| Nail trim | Free for members |") is None
    assert charged_text(charge, "Nail trims are always on us.") == "Nail trims cost $6."
    assert charged_text(charge, "A nail trim won't cost you anything.") == (
        "A nail trim will cost you $6."
    )


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "charges every customer" in f]
    assert "$6" in fact and "nail trim" in fact
    items = [kb_item("booked", MACRO, kind="macro")]
    impact = next(i for i in rank_items(facts, KnowledgeBase(items)) if i.affected)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    reworded = MACRO.replace(TRIM, "Nail trims are included, as always.")
    assert still_every_denied(facts, reworded, "text") == ["Nail trims are included, as always."]
    edit, failure = model_edit(facts, impact, template_edit, reworded)
    assert edit is None
    assert failure is not None and "charges everyone" in str(failure)


def test_a_free_sentence_said_with_the_charge_is_no_prompt_rule_put_in_its_place() -> None:
    facts = _facts()
    said = "We'll also add a nail trim when the nails are done, free of charge."
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{said}\n\nThe Fluff Bar"
    [impact] = [
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("ask", body, kind="macro")]))
        if i.affected
    ]
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited == body.replace("free of charge", "for $6")
    assert moved_rule_in_place_problems(facts, impact, edited) == []


def test_no_charge_for_everyone_while_the_new_prompt_still_gives_some_free() -> None:
    facts = _facts()
    facts.rules = [
        *facts.rules,
        Rule("H3", "sentence_added", "Nail trims", None, "Puppies' first trim is free.", "a"),
    ]
    assert every_charge(facts) is None


def test_an_item_with_both_has_each_sentence_said_by_its_own_writer() -> None:
    facts = _facts()
    body = (
        f"Hi {{{{ticket.requester.first_name}}}},\n\nAll booked. {RESTATED}\n\n{TRIM}\n\n"
        "The Fluff Bar"
    )
    [impact] = [
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("both", body, kind="macro")]))
        if i.affected
    ]
    reasons = {c.sentence: c.reasons for c in impact.conflicts}
    assert reasons[TRIM] == (EVERY_CHARGE_REASON,)
    assert EVERY_CHARGE_REASON not in reasons[RESTATED]
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited is not None
    assert "We'll give the nails a quick trim too, for $6." in edited
    assert RESTATED not in edited and "$6 for every dog" in edited
    assert still_every_denied(facts, edited, "text") == []
