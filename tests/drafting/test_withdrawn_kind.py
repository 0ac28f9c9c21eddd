"""A rule withdrawn for one kind of thing where it held for every kind: a bike hire whose
assistant let any bike, road or electric, be hired for up to seven days, and now keeps week-long
hires for road bikes ("Electric bikes … can't be hired for more than one day at a time"); a
gift shop whose exchanges no longer cover personalised items. The kind is still sold, so it is
no option dropped for everyone: the KB's claims for every kind ("every bike …, whether …",
"everything we sell …, and that includes …") say the others' rule and the kind's refusal from
the new prompt, a row keyed by the kind says the rule no longer holds, and the kind named on
another topic, a denial and the other kinds' rows stay. A drafting model gets the same fact and
check."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.droppedoption import dropped_option
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.withdrawnkind import (
    WITHDRAWN_KIND_REASON,
    WITHDRAWN_KIND_ROW_REASON,
    claims_for_every_kind,
    refused_row,
    still_claimed_for_kind,
    to_customer,
    withdrawn_kind,
)
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, model_edit

BIKE_OLD = (
    "Any bike, road or electric, can be hired for up to seven days at a time if the rider "
    "is over 16."
)
BIKE_NEW = "Road bikes can be hired for up to seven days at a time if the rider is over 16."
BIKE_NO = (
    "Electric bikes need their batteries checked every evening, so they can't be hired for "
    "more than one day at a time, however long the rider stays."
)
BIKE_KEPT = "Electric bikes cost £30 a day and come with a charger."
SAID_BIKE = (
    "Road bikes can be hired for up to seven days at a time if you are over 16. Electric "
    "bikes need their batteries checked every evening, so they can't be hired for more than "
    "one day at a time, however long you stay."
)

GIFT_OLD = (
    "All orders, including personalised gifts, can be exchanged within 60 days if the "
    "customer keeps their receipt."
)
GIFT_NEW = "Standard gifts can be exchanged within 60 days if the customer keeps their receipt."
GIFT_NO = (
    "Personalised gifts are engraved for the customer, so they can't be exchanged within "
    "60 days or at any other time."
)
GIFT_KEPT = "Personalised gifts take five working days to engrave."


def _facts(
    old: str, new: str, refusal: str, kept: str, feature: str, value: str, section: str
) -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", section, old, new, "changed"),
        Rule("H2", "sentence_added", section, None, refusal, "added"),
    ]
    return ChangeFacts(
        id="C1",
        title="no longer calls book_hire",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("book_hire", ())],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": feature, "op": "=", "value": value}]})
        ],
        rules=rules,
        others=8,
        prompt_sections={section: [new, refusal, kept]},
    )


def _bikes() -> ChangeFacts:
    return _facts(BIKE_OLD, BIKE_NEW, BIKE_NO, BIKE_KEPT, "bike_type", "electric", "Hires")


def _gifts() -> ChangeFacts:
    return _facts(GIFT_OLD, GIFT_NEW, GIFT_NO, GIFT_KEPT, "gift_kind", "personalised", "Exchanges")


BIKE_ARTICLE = """# Hiring a bike

Every bike in our fleet can be hired for up to seven days at a time if you're over 16, whether
you pick a road bike or an electric one.

| Bike | Price | Longest hire |
| --- | --- | --- |
| Road | £18 a day | Hireable for up to seven days |
| Electric | £30 a day | Hireable for up to seven days |

## Breakdowns

Electric and road bikes alike get a free replacement within 2 hours if one breaks down.
"""

GIFT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your order {{ticket.id}}.\n\n"
    "Everything we sell can be exchanged within 60 days if you keep your receipt, and that "
    "includes personalised gifts. Sorry, we can't exchange anything after 60 days.\n\n"
    "Best,\nThe Gift Barn"
)


def test_the_rule_and_its_refusal_come_from_the_new_prompt() -> None:
    bikes = withdrawn_kind(_bikes())
    assert bikes is not None
    assert bikes.kind == "electric"
    assert bikes.said() == SAID_BIKE
    gifts = withdrawn_kind(_gifts())
    assert gifts is not None
    assert gifts.others == (
        "Standard gifts can be exchanged within 60 days if you keep your receipt."
    )
    assert gifts.refusal.startswith("Personalised gifts are engraved for you, so they can't")
    # the kind is still sold (a sentence the change left names it): no option dropped
    assert dropped_option(_bikes()) is None
    # the kind named nowhere else in the new prompt: an option dropped for everyone instead
    gone = _bikes()
    gone.prompt_sections = {"Hires": [BIKE_NEW, BIKE_NO]}
    assert dropped_option(gone) is not None and withdrawn_kind(gone) is None
    # no refusal of the kind's own in the new prompt: another class
    facts = _bikes()
    facts.rules = facts.rules[:1]
    assert withdrawn_kind(facts) is None
    # a change for everyone
    facts = _gifts()
    facts.others = 0
    assert withdrawn_kind(facts) is None


def test_the_customer_is_addressed_and_the_things_keep_their_pronoun() -> None:
    assert to_customer("if the member has paid their fee, they can't be charged again") == (
        "If you have paid your fee, they can't be charged again"
    )
    assert to_customer("Call `book_hire` for the rider.") is None


def test_claims_for_every_kind_are_found_and_the_traps_are_not() -> None:
    kind = withdrawn_kind(_bikes())
    assert kind is not None
    assert claims_for_every_kind(kind, "Any of our bikes can be hired for up to seven days.")
    assert claims_for_every_kind(
        kind, "Electric bikes can be hired for up to seven days at a time, too."
    )
    # the kind on another topic, a denial, a question, a heading, the others' rule alone
    assert not claims_for_every_kind(kind, "Every electric bike comes with a charger.")
    assert not claims_for_every_kind(kind, "No bike can be hired for more than seven days.")
    assert not claims_for_every_kind(kind, "Can any bike be hired for seven days?")
    assert not claims_for_every_kind(kind, "## Hiring any bike for seven days")
    assert not claims_for_every_kind(kind, "Road bikes can be hired for up to seven days.")


def test_a_row_of_the_kind_says_the_rule_no_longer_holds() -> None:
    kind = withdrawn_kind(_gifts())
    assert kind is not None
    assert refused_row(kind, "| Personalised | Exchangeable within 60 days | Free wrap |") == (
        "| Personalised | Not exchangeable | Free wrap |"
    )
    assert refused_row(kind, "| Standard | Exchangeable within 60 days | Free wrap |") is None
    # a cell no negation can be read into: no rewrite (flagged)
    assert refused_row(kind, "| Personalised | Swap within 60 days |") is None


def test_the_claims_and_the_row_are_rewritten_and_everything_else_stays() -> None:
    facts = _bikes()
    kb = KnowledgeBase([kb_item("hiring", BIKE_ARTICLE)])
    [impact] = rank_items(facts, kb)
    claim = (
        "Every bike in our fleet can be hired for up to seven days at a time if you're over "
        "16, whether you pick a road bike or an electric one."
    )
    raw = claim.replace(" whether you", " whether\nyou")
    assert [(c.sentence, c.reasons) for c in impact.conflicts] == [
        (claim, (WITHDRAWN_KIND_REASON,)),
        ("| Electric | £30 a day | Hireable for up to seven days |", (WITHDRAWN_KIND_ROW_REASON,)),
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == BIKE_ARTICLE.replace(raw, SAID_BIKE).replace(
        "| Electric | £30 a day | Hireable for up to seven days |",
        "| Electric | £30 a day | Not hireable |",
    )
    assert still_claimed_for_kind(facts, BIKE_ARTICLE, "markdown") == [
        c.sentence for c in impact.conflicts
    ]
    assert still_claimed_for_kind(facts, str(edit.new_body), "markdown") == []


def test_a_macro_keeps_its_placeholders_and_its_denial() -> None:
    facts = _gifts()
    kb = KnowledgeBase([kb_item("exchanged", GIFT_MACRO, kind="macro")])
    [impact] = rank_items(facts, kb)
    kind = withdrawn_kind(facts)
    assert kind is not None
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == GIFT_MACRO.replace(
        "Everything we sell can be exchanged within 60 days if you keep your receipt, and that "
        "includes personalised gifts.",
        kind.said(),
    )


def test_a_drafting_model_is_told_the_rule_and_its_edit_is_checked() -> None:
    facts = _bikes()
    [said] = [fact for fact in draft_facts(facts) if "no longer holds for electric" in fact]
    assert SAID_BIKE in said
    kb = KnowledgeBase([kb_item("hiring", BIKE_ARTICLE)])
    [impact] = rank_items(facts, kb)
    template_edit = TemplateDrafter().edit(facts, impact)
    # the model kept the electric row as it was
    kept = str(template_edit.new_body).replace(
        "| Electric | £30 a day | Not hireable |",
        "| Electric | £30 a day | Hireable for up to seven days |",
    )
    edit, failure = model_edit(facts, impact, template_edit, kept)
    assert edit is None
    assert (
        "“| Electric | £30 a day | Hireable for up to seven days |” still states for every kind"
        in failure
    )


def test_a_rule_moved_for_the_kind_with_a_value_of_its_own_is_no_withdrawal() -> None:
    # a kiln-hire shop: any kiln could be hired for up to 30 days; now large kilns are
    # hired for up to 7 days, with a sentence still granting them the rule and a limit
    # sentence naming them with "can't"
    old = "Any kiln, small or large, can be hired for up to 30 days at a time."
    new = "Small kilns can be hired for up to 30 days at a time."
    limit = "After that (30 days for small kilns, 7 days for large kilns) we can't extend a hire."
    facts = _facts(old, new, limit, "Large kilns need a 32-amp socket.", "kiln", "large", "Hires")
    facts.rules.append(
        Rule(
            "H3",
            "sentence_added",
            "Hires",
            None,
            "Large kilns can be hired for up to 7 days at a time.",
            "added",
        )
    )
    assert withdrawn_kind(facts) is None
    # without the sentence still granting it, the limit reads as the kind's refusal
    facts.rules.pop()
    assert withdrawn_kind(facts) is not None
