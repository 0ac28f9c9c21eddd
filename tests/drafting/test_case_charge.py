"""A charge brought in for one case of categories where there was none: a made-up cinema used to
charge the same for every show and now charges IMAX screenings in the evening or late slot a
$3 evening surcharge (format = imax and slot in {evening, late}; book_seats evening_surcharge
0 → 3). The KB sentences saying there is no extra charge for evening shows are said again as
the new rule with what stays free, the IMAX row's cell gets the charge after its price; a thing
given free ("free refills, evenings included"), a rebooking that stays free ("evening or
matinee, so there's nothing extra to pay"), the Standard row and a refund rule stay byte for
byte."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.casecharge import (
    CASE_CHARGE_REASON,
    case_charge,
    case_charged_body,
    denies_case_charge,
    still_case_denied,
)
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, model_edit

OLD = (
    "Evening shows cost the same as matinees: there is no evening surcharge for any format "
    "(evening_surcharge 0)."
)
CHARGED = (
    "IMAX screenings in the evening or late slot carry a $3 evening surcharge "
    "(evening_surcharge 3)."
)
REST = "Standard and 3D screenings cost the same at any time (evening_surcharge 0)."
SECTIONS = {
    "Tickets and prices": [
        "Standard: $9. 3D: $11. IMAX: $15.",
        CHARGED,
        REST,
        "Book with `book_seats` (format, slot, price, evening_surcharge).",
    ],
    "Extras and changes": [
        "Large popcorn tubs come with free refills.",
        "If we cancel a showing, we rebook the customer's seats for free on the next showing.",
    ],
}
RULE = (
    "IMAX screenings in the evening or late slot carry a $3 evening surcharge; standard and "
    "3D screenings cost the same at any time."
)
DENIAL = (
    "There's no extra charge for evening shows: an IMAX ticket in the evening is the same $15 "
    "as at a matinee, and the same goes for every format."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour seats are booked.\n\n" + DENIAL + "\n\n"
    "Enjoy the film!"
)
HOURS = (
    "We show films from 11am to midnight, and evening shows are free of any surcharge, "
    "whichever format you pick."
)
PRICES = (
    "Hi {{ticket.requester.first_name}},\n\n" + HOURS + " Large popcorn tubs come with free "
    "refills, evenings included.\n\nThe Reelhouse team"
)
IMAX_ROW = "| IMAX | $15 | $15 (no extra charge) |"
STANDARD_ROW = "| Standard | $9 | $9 (no extra charge) |"
ANSWER = (
    "No. We don't charge a penny more for evening shows. Evening visits are free of any "
    "surcharge, whether you see a standard film or IMAX."
)
ARTICLE = f"""# Prices

| Format | Matinee | Evening |
| --- | --- | --- |
{STANDARD_ROW}
{IMAX_ROW}

## Do evening shows cost more?

{ANSWER}

## What if you cancel a showing?

We rebook your seats for free on the next showing. Evening or matinee, there's nothing extra to pay.

Refunds are free of charge up to an hour before any show.
"""


def _facts(old: str = OLD, atoms: list[dict[str, object]] | None = None) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_seats: evening_surcharge 0 → 3",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["imax-eve", "imax-late", "imax-eve-quote"],
        after_actions=[ActionFact("book_seats")],
        moved=[
            MovedValue(
                ActionFact("book_seats"),
                "evening_surcharge",
                (("imax-eve", 0.0, 3.0), ("imax-late", 0.0, 3.0)),
                text_currency="$",
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "format = imax and slot in {evening, late}",
                    "atoms": atoms
                    or [
                        {"feature": "format", "op": "=", "value": "imax"},
                        {"feature": "slot", "op": "in", "value": ["evening", "late"]},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Tickets and prices", old, CHARGED, "changed"),
            Rule("H2", "sentence_added", "Tickets and prices", None, REST, "added"),
        ],
        excerpts=[Excerpt(probe_id="imax-eve", old="That's $15.", new="That's $18.")],
        others=9,
        prompt_sections=SECTIONS,
    )


def test_the_charge_and_what_stays_free_are_read_from_the_new_prompt() -> None:
    charge = case_charge(_facts())
    assert charge is not None
    assert charge.named == "a $3 evening surcharge"
    assert (
        charge.said == "IMAX screenings in the evening or late slot carry a $3 evening surcharge."
    )
    assert charge.rest == "Standard and 3D screenings cost the same at any time."


def test_no_case_charge_without_an_old_no_charge_rule_or_with_a_numeric_line() -> None:
    assert case_charge(_facts(old="Evening shows cost $2 more (evening_surcharge 2).")) is None
    line = [{"feature": "party_size", "op": ">", "value": 6}]
    assert case_charge(_facts(atoms=line)) is None


def test_only_sentences_denying_a_charge_for_the_case_deny_it() -> None:
    charge = case_charge(_facts())
    assert charge is not None
    assert denies_case_charge(charge, DENIAL)
    assert denies_case_charge(charge, HOURS)
    assert denies_case_charge(charge, "We don't charge a penny more for evening shows.")
    assert denies_case_charge(charge, IMAX_ROW, "| Format | Matinee | Evening |")
    # what stays free; a thing given free; a free rule of another topic; the new rule said
    assert not denies_case_charge(charge, STANDARD_ROW, "| Format | Matinee | Evening |")
    assert not denies_case_charge(
        charge, "Large popcorn tubs come with free refills, evenings included."
    )
    assert not denies_case_charge(
        charge,
        "Evening or matinee, there's nothing extra to pay.",
        before="We rebook your seats for free on the next showing.",
    )
    assert not denies_case_charge(
        charge, "Refunds are free of charge up to an hour before any show."
    )
    assert not denies_case_charge(charge, RULE)


def test_the_macros_and_the_article_say_the_new_rule_the_traps_kept() -> None:
    facts = _facts()
    items = [
        kb_item("prices", ARTICLE),
        kb_item("booked", MACRO, kind="macro"),
        kb_item("list", PRICES, kind="macro"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"article:prices", "macro:booked", "macro:list"}
    drafter = TemplateDrafter()
    assert drafter.edit(facts, impacts["macro:booked"]).new_body == MACRO.replace(DENIAL, RULE)
    # the hours stay: only the clause denying the charge is said again
    assert drafter.edit(facts, impacts["macro:list"]).new_body == PRICES.replace(
        HOURS, "We show films from 11am to midnight, and " + RULE
    )
    article = drafter.edit(facts, impacts["article:prices"]).new_body
    assert article == ARTICLE.replace(
        IMAX_ROW, "| IMAX | $15 | $15 (plus a $3 evening surcharge) |"
    ).replace(
        ANSWER,
        RULE,
    )
    assert still_case_denied(facts, article or "", "markdown") == []


def test_a_denial_beside_another_number_with_no_clause_apart_is_flagged() -> None:
    charge = case_charge(_facts())
    assert charge is not None
    sentence = "There's no extra charge for evening shows at our 4 screens."
    assert case_charged_body(charge, sentence, "text", {sentence}) is None


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "for some cases only" in f]
    assert "a $3 evening surcharge" in fact and "Standard and 3D screenings" in fact
    items = [kb_item("booked", MACRO, kind="macro")]
    impact = next(i for i in rank_items(facts, KnowledgeBase(items)) if i.affected)
    assert any(CASE_CHARGE_REASON in c.reasons for c in impact.conflicts)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    reworded = MACRO.replace(DENIAL, "Evening shows cost nothing extra, whatever the format.")
    assert still_case_denied(facts, reworded, "text") == [
        "Evening shows cost nothing extra, whatever the format."
    ]
    edit, failure = model_edit(facts, impact, template_edit, reworded)
    assert edit is None
    assert failure is not None and "no charge for the case" in str(failure)


def test_a_charge_is_named_by_its_arguments_own_words() -> None:
    def noun(call: str, argument: str) -> str | None:
        return MovedValue(ActionFact(call), argument, (("p1", 0.0, 3.0),)).noun

    # the argument says what the charge is: the call's object does not name it
    assert noun("book_seats", "evening_fee") == "evening fee"
    assert noun("book_valet", "weekend_fee_gbp") == "weekend fee"
    # an argument that names only the charge: what the call is about names it
    assert noun("swap_instrument", "fee_gbp") == "instrument swap fee"


def test_a_clause_after_the_denial_stays_unless_it_goes_on_with_the_claim() -> None:
    charge = case_charge(_facts())
    assert charge is not None
    lead = "We open at 11am, and evening shows are free of any surcharge"
    kept = f"{lead}, and we sell hot dogs at the bar."
    assert case_charged_body(charge, kept, "text", {kept}) == (
        f"We open at 11am, and {RULE.rstrip('.')}, and we sell hot dogs at the bar."
    )
    claimed = f"{lead}, and the same goes for every format."
    assert case_charged_body(charge, claimed, "text", {claimed}) == f"We open at 11am, and {RULE}"
