"""A charge now taken from one group where the thing was free for everyone: a made-up bike shop
used to fit every rider's bike for free and now charges riders who did not buy the bike there
£40, taken off a bike they buy within a month (`bought_here = false`, a flag; book_fitting
fee_gbp 0 → 40), while riders who bought the bike there keep a free fitting; and a made-up dog
daycare whose trial day is now $30 on pay-as-you-go (`plan = payg`, a category) and stays free
on a monthly plan. The KB sentences saying it is free for everyone, in several phrasings
("always free, wherever you bought your bike", "there's nothing to pay: fittings are on us", "we
don't charge for fittings", "trial days don't cost a thing, whichever plan you pick", a row
"| Bike fitting | Free |"), give way to both rules in the KB's voice; a sentence saying it is
free for the kept case only, other things given free and the same amount said of something
else stay byte for byte."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.casecharge import case_charge
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.everycharge import every_charge
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.groupcharge import (
    GROUP_CHARGE_REASON,
    group_charge,
    still_group_denied,
)
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.promptrule import customer_noun, voiced
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, model_edit

CALL_OLD = (
    "To book a fitting, call `book_fitting` (rider, date, fee_gbp 0) with the date they want."
)
CALL_NEW = CALL_OLD.replace("fee_gbp 0", "fee_gbp")
OLD = "Fittings are free: tell the cyclist there's nothing to pay."
CHARGED = (
    "If the cyclist didn't buy the bike from us, a fitting costs £40 (fee_gbp 40): tell them the "
    "£40 is taken off any bike they buy from us within a month."
)
REST = (
    "If the cyclist bought the bike from us, the fitting is free (fee_gbp 0): tell them there's "
    "nothing to pay."
)
SECTIONS = {
    "Fittings": [CALL_NEW, CHARGED, REST],
    "Repairs": ["Puncture repairs are free for life on bikes bought from us."],
    "Helmets": ["Take £40 off a helmet when someone buys a road bike."],
}
ALWAYS = "Fittings are always free, wherever you bought your bike."
ON_US = "There's nothing to pay: fittings are on us."
DONT = "We don't charge for fittings."
KEPT_CASE = "Fittings are free once you've bought your bike from us."
PUNCTURE = "Puncture repairs are free for life."
HELMET = "We'll take £40 off a helmet when you buy a road bike."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour fitting is booked for "
    "{{ticket.custom_field_fitting_date}}. It takes about an hour.\n\n"
    f"{ON_US} {PUNCTURE}\n\n{HELMET}\n\nSee you soon,\nSpoke & Chain"
)
ROW = "| Bike fitting | Free |"
ARTICLE = f"""# Fittings and prices

## Do you charge for fittings?

{ALWAYS} Bring your shoes and pedals.

## What things cost

| Service | Price |
| --- | --- |
{ROW}
| Puncture repair | Free |
| Service | £60 |

## Bought your bike here?

{KEPT_CASE}
"""
WRITTEN = (
    "If you didn't buy the bike from us, a fitting costs £40: the £40 is taken off any bike you "
    "buy from us within a month. If you bought the bike from us, the fitting is free: there's "
    "nothing to pay."
)


def _condition(atom: dict[str, object], text: str) -> Condition:
    return Condition.from_dict(
        {
            "text": text,
            "atoms": [atom, {"feature": "tag:fitting", "op": "tag"}],
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 1, "total": 9},
        }
    )


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="book_fitting: fee_gbp 0 → 40",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["fit-road", "fit-gravel", "fit-cost"],
        after_actions=[ActionFact("book_fitting")],
        moved=[
            MovedValue(
                ActionFact("book_fitting"),
                "fee_gbp",
                (("fit-road", 0.0, 40.0), ("fit-gravel", 0.0, 40.0)),
                text_currency="£",
            )
        ],
        conditions=[
            _condition(
                {"feature": "bought_here", "op": "=", "value": False},
                "bought_here = false and tag fitting",
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Fittings", OLD, CHARGED, "changed"),
            Rule("H2", "sentence_added", "Fittings", None, REST, "added"),
            Rule("H3", "sentence_changed", "Fittings", CALL_OLD, CALL_NEW, "changed"),
        ],
        excerpts=[Excerpt(probe_id="fit-cost", old="It's free!", new="It's £40.")],
        others=9,
        prompt_sections=SECTIONS,
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def test_the_customer_noun_of_the_prompt_voices_a_rule_that_tells_them() -> None:
    assert customer_noun([CALL_OLD, OLD]) == "cyclist"
    assert customer_noun(["Tell the warehouse to hold it."]) is None
    said = voiced(CHARGED, "cyclist")
    assert said is not None and said.head == "If you didn't buy the bike from us"
    assert "the £40 is taken off any bike you buy" in said.statement


def test_the_charge_for_one_group_and_the_free_rest_are_read_from_the_new_prompt() -> None:
    facts = _facts()
    charge = group_charge(facts)
    assert charge is not None
    assert (charge.charge.amount, charge.charge.what) == ("£40", "fitting")
    assert charge.sentences == WRITTEN
    assert (
        charge.cell == "£40 if you didn't buy the bike from us; free if you bought the bike from us"
    )
    assert every_charge(facts) is None and case_charge(facts) is None


def test_no_group_charge_without_a_free_rule_for_the_rest_or_with_a_numeric_line() -> None:
    facts = _facts()
    facts.rules = [r for r in facts.rules if r.new != REST]
    assert group_charge(facts) is None
    lined = _facts()
    lined.conditions = [_condition({"feature": "bike_price", "op": "<", "value": 500}, "p<500")]
    assert group_charge(lined) is None
    priced = _facts()
    priced.rules = [Rule("H1", "sentence_changed", "Fittings", "Fittings cost £20.", CHARGED, "c")]
    priced.rules.append(Rule("H2", "sentence_added", "Fittings", None, REST, "added"))
    assert group_charge(priced) is None


def test_the_sentences_saying_it_is_free_for_everyone_get_both_rules_the_traps_stay() -> None:
    facts = _facts()
    items = [kb_item("fittings", ARTICLE), kb_item("booked", MACRO, kind="macro")]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items))}
    marked = {
        c.sentence
        for impact in impacts.values()
        for c in impact.conflicts
        if GROUP_CHARGE_REASON in c.reasons
    }
    assert marked == {ALWAYS, ON_US, ROW}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:booked"]).new_body
    assert macro == MACRO.replace(ON_US, WRITTEN)
    article = drafter.edit(facts, impacts["article:fittings"]).new_body
    assert article is not None
    assert article == ARTICLE.replace(ALWAYS, WRITTEN).replace(
        ROW,
        "| Bike fitting | £40 if you didn't buy the bike from us; free if you bought the bike "
        "from us |",
    )
    assert still_group_denied(facts, article, "markdown") == []


def test_two_claims_in_one_paragraph_are_said_once() -> None:
    facts = _facts()
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{DONT} {ALWAYS} Bring pedals.\n\nBye"
    [impact] = [
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("twice", body, kind="macro")]))
        if i.affected
    ]
    assert {c.sentence for c in impact.conflicts} == {DONT, ALWAYS}
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited == body.replace(f"{DONT} {ALWAYS} ", f"{WRITTEN} ")


def test_a_claim_with_a_number_of_its_own_is_flagged_not_rewritten() -> None:
    facts = _facts()
    said = "Fittings are always free and take 45 minutes."
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{said}\n\nBye"
    [impact] = [
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("long", body, kind="macro")]))
        if i.affected
    ]
    assert TemplateDrafter().edit(facts, impact).new_body is None


DAY_OLD = "Trial days are complimentary: tell the owner there's nothing to pay."
DAY_CHARGED = (
    "If the owner is on pay as you go, a trial day costs $30 (fee_usd 30): tell them the $30 "
    "comes off their first week if they sign up."
)
DAY_REST = "If the owner has a monthly plan, the trial day is free (fee_usd 0)."
DAY_CLAIM = "Trial days don't cost a thing, whichever plan you pick."
DAY_ROW = "| Trial day | Complimentary |"


def _daycare() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="book_trial: fee_usd 0 → 30",
        kind="actions",
        facets=["actions"],
        probe_ids=["trial-a", "trial-b"],
        after_actions=[ActionFact("book_trial")],
        moved=[
            MovedValue(
                ActionFact("book_trial"),
                "fee_usd",
                (("trial-a", 0.0, 30.0), ("trial-b", 0.0, 30.0)),
                text_currency="$",
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "plan = payg",
                    "atoms": [{"feature": "plan", "op": "=", "value": "payg"}],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Trial days", DAY_OLD, DAY_CHARGED, "changed"),
            Rule("H2", "sentence_added", "Trial days", None, DAY_REST, "added"),
        ],
        others=6,
        prompt_sections={
            "Trial days": [DAY_CHARGED, DAY_REST],
            "Walks": ["A group walk costs $30 a week, and the lead is free to borrow."],
        },
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def test_a_category_case_in_other_words_gets_both_rules() -> None:
    facts = _daycare()
    walks = "Group walks are $30 a week, and the lead is free to borrow."
    body = (
        f"# Trial days\n\n{DAY_CLAIM}\n\n| Extra | Price |\n| --- | --- |\n{DAY_ROW}\n\n{walks}\n"
    )
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("trial", body)])) if i.affected]
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited is not None
    assert "If you are on pay as you go, a trial day costs $30" in edited
    assert "If you have a monthly plan, the trial day is free." in edited
    assert DAY_CLAIM not in edited
    assert (
        "| Trial day | $30 if you are on pay as you go; free if you have a monthly plan |" in edited
    )
    assert walks in edited


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "keeps it free" in f]
    assert "£40" in fact and "If you bought the bike from us" in fact
    items = [kb_item("booked", MACRO, kind="macro")]
    impact = next(i for i in rank_items(facts, KnowledgeBase(items)) if i.affected)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    reworded = MACRO.replace(ON_US, "Fittings are always on the house.")
    assert still_group_denied(facts, reworded, "text") == ["Fittings are always on the house."]
    edit, failure = model_edit(facts, impact, template_edit, reworded)
    assert edit is None
    assert failure is not None and "charges some" in str(failure)


MAT_OLD = "Mat hire is free: tell the visitor there's nothing to pay."
MAT_CHARGED = (
    "Visitors without a class pass pay £3 for mat hire (fee_gbp 3): tell them the £3 is added "
    "at the front desk."
)
MAT_REST = "Visitors with a class pass get mat hire free (fee_gbp 0)."


def test_whom_a_rule_is_for_said_as_its_subject() -> None:
    facts = _daycare()
    facts.title = "hire_mat: fee_gbp 0 → 3"
    facts.moved = [
        MovedValue(ActionFact("hire_mat"), "fee_gbp", (("mat-a", 0.0, 3.0),), text_currency="£")
    ]
    facts.conditions = [
        Condition.from_dict(
            {
                "text": "has_pass = false",
                "atoms": [{"feature": "has_pass", "op": "=", "value": False}],
                "changed": {"matched": 2, "total": 2},
                "others": {"matched": 0, "total": 6},
            }
        )
    ]
    facts.rules = [
        Rule("H1", "sentence_changed", "Mats", MAT_OLD, MAT_CHARGED, "changed"),
        Rule("H2", "sentence_added", "Mats", None, MAT_REST, "added"),
    ]
    facts.prompt_sections = {"Mats": [MAT_CHARGED, MAT_REST]}
    facts.moves = rule_moves(facts.rules)
    charge = group_charge(facts)
    assert charge is not None
    assert (
        charge.cell == "£3 for visitors without a class pass; free for visitors with a class pass"
    )
    claim = "Mat hire is free for every class."
    kept = "Visitors with a class pass never pay for a mat."
    body = f"# Mats\n\n{claim} {kept}\n\n| Extra | Price |\n| --- | --- |\n| Mat hire | Free |\n"
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("mats", body)])) if i.affected]
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited == body.replace(
        claim,
        "Visitors without a class pass pay £3 for mat hire: the £3 is added at the front desk. "
        "Visitors with a class pass get mat hire free.",
    ).replace("| Mat hire | Free |", f"| Mat hire | {charge.cell} |")
