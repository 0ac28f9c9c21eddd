"""A fee brought in below a line where the old prompt said the thing was free on every order:
"Hemming is free on every order" becomes free on orders of $80 or more, and "On orders under
$80, hemming costs $6". The KB sentences saying hemming is free whatever you spend are said
again with the line and the fee; a sentence saying hemming and another service are free
together is split, the other service kept free; a sentence with the same line and "every
order" about another service stays. A made-up tailor's shop, not the bundled example."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Atom, Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule, atom_words
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.narrowed import narrowed_offer
from behaviordiff.drafting.newcharge import (
    denies_charge,
    dropped_other_free,
    new_charge,
    off_charge_topic,
    split_coordinated,
    still_denied,
)
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import kb_item

OLD = (
    "Hemming is free on every order: add it with fee_usd 0 and tell the customer it's on us, "
    "so there's nothing to pay."
)
NEW = (
    "Hemming is free on orders of $80 or more: add it with fee_usd 0 and tell the customer "
    "it's on us, so there's nothing to pay."
)
CHARGED = (
    "On orders under $80, hemming costs $6: add it with fee_usd 6 and tell the customer the $6 "
    "is added to their bill."
)
DENIAL = "Hemming is always on us, whatever you spend, so there's nothing extra to pay ($0)."
BOTH = "We have no loyalty card, but our hemming and button repairs are always free."
OTHER = "Below $80 express pressing costs $9, and every order is ready in 2 days."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWe've added hemming to your order "
    "{{ticket.custom_field_order}}: your trousers will be hemmed to the length you chose.\n\n"
    + DENIAL
    + "\n\nThanks,\nNeedle & Thread"
)
PERKS = "Hi {{ticket.requester.first_name}},\n\n" + BOTH + "\n\nThanks,\nNeedle & Thread"
PRESSING = "Hi {{ticket.requester.first_name}},\n\n" + OTHER + "\n\nThanks,\nNeedle & Thread"
ROW = "| Hemming | Free | Ready in 2 days |"
ARTICLE = f"""# Our services

| Service | Cost | Good to know |
| --- | --- | --- |
{ROW}
| Button repairs | Free | While you wait |
| Express pressing, under $80 | $9 | Ready in 2 days |
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="fee_usd moved",
        kind="actions",
        facets=["actions"],
        probe_ids=["hem-20", "hem-45", "hem-cost-60"],
        moved=[
            MovedValue(
                call=ActionFact("add_hemming"),
                argument="fee_usd",
                values=(("hem-20", 0.0, 6.0), ("hem-45", 0.0, 6.0)),
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "order_total < 80 and tag in {hemming, hemming-cost}",
                    "atoms": [
                        {"feature": "order_total", "op": "<", "value": 80},
                        {
                            "feature": "tag:hemming",
                            "op": "tag",
                            "value": ["hemming", "hemming-cost"],
                        },
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 8},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Hemming", OLD, NEW, "sentence changed"),
            Rule("H2", "sentence_added", "Hemming", None, CHARGED, "sentence added"),
        ],
        others=8,
    )


def test_a_thing_that_costs_an_amount_below_a_line_is_a_new_charge() -> None:
    charge = new_charge(_facts())
    assert charge is not None
    assert (charge.amount, charge.what, charge.verb) == ("$6", "for hemming", "charge")
    assert charge.bound == "under $80"
    assert charge.allowance == "Hemming is free on orders of $80 or more."
    assert charge.free_from == "from $80"
    # the offer narrowed to orders of $80 or more yields: its scope alone would not say the fee
    assert narrowed_offer(_facts()) is None


def test_sentences_on_the_charged_thing_deny_it_and_others_do_not() -> None:
    facts = _facts()
    charge = new_charge(facts)
    assert charge is not None
    assert denies_charge(charge, DENIAL)
    assert denies_charge(charge, BOTH)
    assert denies_charge(charge, ROW)
    assert not denies_charge(charge, "| Button repairs | Free | While you wait |")
    assert off_charge_topic(facts, OTHER)
    assert not off_charge_topic(facts, DENIAL)


def test_two_things_free_together_are_said_apart() -> None:
    charge = new_charge(_facts())
    assert charge is not None
    assert split_coordinated(charge, BOTH) == (
        "We have no loyalty card, but our button repairs are always free, and our hemming is "
        "free from $80 (under $80, we charge $6 for hemming)."
    )
    assert split_coordinated(charge, "Our button repairs and pressing are always free.") is None


def test_the_kb_says_the_line_and_the_fee_and_keeps_the_other_services() -> None:
    facts = _facts()
    items = [
        kb_item("services", ARTICLE),
        kb_item("booked", MACRO, kind="macro"),
        kb_item("perks", PERKS, kind="macro"),
        kb_item("pressing", PRESSING, kind="macro"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"article:services", "macro:booked", "macro:perks"}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:booked"]).new_body
    assert macro == MACRO.replace(
        DENIAL, "Hemming is free on orders of $80 or more; under $80, we charge $6 for hemming."
    )
    perks = drafter.edit(facts, impacts["macro:perks"]).new_body
    assert perks is not None and "button repairs are always free" in perks
    assert "under $80, we charge $6 for hemming" in perks
    article = drafter.edit(facts, impacts["article:services"]).new_body
    assert article == ARTICLE.replace(
        ROW, "| Hemming | $6 for hemming under $80; free from $80 | Ready in 2 days |"
    )
    assert still_denied(facts, MACRO, "text") == [DENIAL]
    assert still_denied(facts, macro or "", "text") == []


def test_the_drafting_model_may_not_drop_the_other_free_service() -> None:
    facts = _facts()
    impact = {
        i.item.key: i for i in rank_items(facts, KnowledgeBase([kb_item("perks", PERKS, "macro")]))
    }["macro:perks"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert dropped_other_free(facts, conflicts, PERKS, template_edit.new_body, "text") == []
    # a model's edit that says the fee and drops the button repairs' "free"
    dropped = PERKS.replace(
        "our hemming and button repairs are always free",
        "hemming is free from $80 and costs $6 below that",
    )
    assert dropped_other_free(facts, conflicts, PERKS, dropped, "text") == [BOTH]
    reply = json.dumps({"new_body": dropped, "rationale": "Said the hemming fee."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert failure is not None and "drops what stays free" in failure


def test_the_note_says_a_strict_bound_and_both_tags_of_a_pair() -> None:
    pair = Atom("tag:hemming", "tag", ("hemming", "hemming-cost"))
    assert atom_words(pair)[1] == "asking about hemming or hemming-cost"
    assert atom_words(pair, {"hemming-cost": "hemming costs"})[1] == (
        "asking about hemming or hemming costs"
    )
    assert atom_words(Atom("order_total", "<", 80), currency="$")[1] == "orders under $80"
    assert atom_words(Atom("order_total", ">=", 80), currency="$")[1] == "orders of $80 or more"
    assert atom_words(Atom("order_total", "<=", 80), currency="$")[1] == "orders of $80 or less"
    assert atom_words(Atom("order_total", ">", 80), currency="$")[1] == "orders over $80"
