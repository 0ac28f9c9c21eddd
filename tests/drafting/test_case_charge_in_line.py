"""A charge for one case inside a line the old rule already drew is said with its case, not
as the line alone; a value the changed prompt sentence keeps is no removed promise."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.detect.model import Atom, Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.casetold import case_in_line, told_charge
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptvalue import kept_by_prompt
from behaviordiff.drafting.newcharge import denies_charge, new_charge, still_denied
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

_RULE = (
    "If `age_days` is under 30 and `receipt` is false (no proof of purchase), book it with "
    "`book_fix` (fee 20) and tell them bikes without a receipt pay a £20 bench fee."
)
_ATOMS = (Atom("lookup_bike.age_days", "<", 30.0), Atom("lookup_bike.receipt", "=", False))


def test_the_charge_is_said_with_its_case_in_the_kb_voice() -> None:
    told = told_charge(_RULE, "£20")
    assert told is not None
    assert told.said == "A £20 bench fee applies to bikes without a receipt."
    assert told_charge(_RULE, "£45") is None  # the told clause does not say this amount
    assert told_charge("Book it with `book_fix` (fee 20).", "£20") is None
    assert told_charge("tell them `fee` is £20", "£20") is None


def test_a_case_inside_the_old_line_is_not_a_charge_past_a_line() -> None:
    old = "If `age_days` is under 30, the fix is free, whoever bought the bike."
    assert case_in_line(_ATOMS, old, "30")
    # a new line (the old rule never drew 30) is a charge past it
    assert not case_in_line(_ATOMS, "Fixes are always free.", "30")
    # a line alone, no case beside it
    assert not case_in_line(_ATOMS[:1], old, "30")


def test_a_value_both_sides_of_the_changed_sentence_state_is_kept() -> None:
    kept = Promise("duration", "3 months", "guarantee")
    moved = Promise("amount", "£20", "")
    rules = [
        (
            "Our guarantee lasts 3 months and goes with the bike, whoever owns it.",
            "Our guarantee lasts 3 months and covers the first owner only.",
        ),
        (None, "Charge a £20 bench fee."),
    ]
    assert kept_by_prompt([kept, moved], rules) == [moved]
    # a value only the old side states is still a removed promise
    assert kept_by_prompt([kept], [("Guarantee: 3 months.", "No guarantee.")]) == [kept]


def test_a_value_said_of_a_dropped_call_stays_removed() -> None:
    """A bike shop now checks e-bike batteries before ordering a new one: the changed sentence
    keeps "ready in 5 working days" for the other parts, but for e-bike customers, who no longer
    get `order_part`, the promise is gone."""
    old = "Order the part with `order_part` and say it is ready in 5 working days."
    rules = [(old, "Other parts: order the part with `order_part`; it is ready in 5 working days.")]
    [ready] = [p for p in extract_promises(old) if p.kind == "duration"]
    assert kept_by_prompt([ready], rules) == []
    assert kept_by_prompt([ready], rules, dropped=["order_part"]) == [ready]


def test_a_kept_value_beside_a_new_one_of_its_kind_stays_removed() -> None:
    kept = Promise("duration", "30 days", "")
    rules = [("Returns within 30 days.", "Returns within 30 days (60 days for members).")]
    added = [Promise("duration", "60 days", "")]
    assert kept_by_prompt([kept], rules, added) == [kept]


# a made-up phone repair shop: a screen fault under 30 days was free for any phone; now phones
# bought from a reseller pay a £20 bench fee, those bought from us stay free
_OLD = "If `age_days` is under 30, the screen fix is free, wherever the phone was bought."
_NEW = "If `age_days` is under 30 and `from_us` is true, the screen fix is free."
_CHARGED = (
    "If `age_days` is under 30 and `from_us` is false, book it with `book_fix` (fee 20) and "
    "tell them phones bought from a reseller pay a £20 bench fee."
)
_CLAIM = "Your screen fix is free, whether you bought the phone from us or from a reseller."
_MACRO = "Hi {{ticket.requester.first_name}},\n\n" + _CLAIM + " We'll post it back in 3 days."
_ROW = "| Screen fault, under 30 days | Any phone, ours or reseller | Free |"
_ARTICLE = f"""# Repair prices

| Repair | Phone | Price |
| --- | --- | --- |
{_ROW}
| Screen fault, 30 days or more | Any phone | £45 |
"""


def _phone_facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_fix: fee 0 → 20",
        kind="actions",
        facets=["actions"],
        probe_ids=["fix-1", "fix-2", "fix-3"],
        after_actions=[ActionFact("book_fix")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "lookup.age_days < 30 and lookup.from_us = false",
                    "atoms": [
                        {"feature": "lookup.age_days", "op": "<", "value": 30},
                        {"feature": "lookup.from_us", "op": "=", "value": False},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Screen repairs", _OLD, _NEW, "sentence changed"),
            Rule("H2", "sentence_added", "Screen repairs", None, _CHARGED, "sentence added"),
        ],
        excerpts=[
            Excerpt(probe_id="fix-1", old="It's free.", new="There's a fee."),
            Excerpt(probe_id="fix-2", old="It's free.", new="There's a fee."),
        ],
        others=9,
    )


def test_the_claim_for_every_buyer_is_narrowed_and_the_row_split() -> None:
    facts = _phone_facts()
    charge = new_charge(facts)
    assert charge is not None and charge.case_told is not None
    assert charge.case_told.said == "A £20 bench fee applies to phones bought from a reseller."
    assert denies_charge(charge, _ROW)
    items = [kb_item("prices", _ARTICLE), kb_item("screen", _MACRO, kind="macro")]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"article:prices", "macro:screen"}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:screen"]).new_body
    assert macro == _MACRO.replace(
        _CLAIM,
        "Your screen fix is free, if you bought the phone from us; a £20 bench fee applies to "
        "phones bought from a reseller.",
    )
    article = drafter.edit(facts, impacts["article:prices"]).new_body
    assert article == _ARTICLE.replace(
        _ROW,
        "| Screen fault, under 30 days | Ours | Free |\n"
        "| Screen fault, under 30 days | Reseller | £20 |",
    )
    # a drafting model's edit that keeps the claim for every buyer is refused
    assert still_denied(facts, _MACRO, "text") == [_CLAIM]
    assert still_denied(facts, macro or "", "text") == []
