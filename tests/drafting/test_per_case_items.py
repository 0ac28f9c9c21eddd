"""A promise's value moved for one case of the condition where the KB already has a list item
per case: the changed case's item takes the new value plainly, and the other cases' items stay
byte for byte (never "2 working days (5 for oversized parcels)" on the standard parcels'
item). On a courier whose oversized parcels are now collected within 5 working days instead
of 2; standard parcels still within 2."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.checks import kb_text_problems
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.percase import other_case_items, split_alternatives
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.text import Unit, terms, units
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD_RULE = "Size oversized: tell the customer a driver collects the parcel within 2 working days."
NEW_RULE = "Size oversized: tell the customer a driver collects the parcel within 5 working days."
STANDARD = "- Standard parcels: a driver collects your parcel within 2 working days."
OVERSIZED = "- Oversized parcels: a driver collects your parcel within 2 working days."
ARTICLE = f"""# Collections

## When will you collect my parcel?

{STANDARD}
{OVERSIZED}
- Pallets: call us to arrange a slot.
"""
CASES = [set(terms("oversized"))]


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="2 working days → 5 working days",
        kind="promises",
        facets=["promises"],
        probe_ids=["big-1", "big-2"],
        removed_promises=[Promise("duration", "2 working days")],
        added_promises=[Promise("duration", "5 working days")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "parcel_size = oversized",
                    "atoms": [{"feature": "parcel_size", "op": "=", "value": "oversized"}],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 4},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Collections", OLD_RULE, NEW_RULE, "…")],
        excerpts=[
            Excerpt(
                f"big-{n}",
                "A driver will collect your parcel within 2 working days.",
                "A driver will collect your parcel within 5 working days.",
            )
            for n in (1, 2)
        ],
        others=4,
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def _indexes(text: str) -> tuple[list[Unit], int, int]:
    item_units = units(text)
    raws = [unit.raw.strip() for unit in item_units]
    return item_units, raws.index(STANDARD), raws.index(OVERSIZED)


def test_the_other_cases_item_in_a_list_per_case_is_kept() -> None:
    item_units, standard, oversized = _indexes(ARTICLE)
    cases = CASES
    assert other_case_items(ARTICLE, item_units, cases, {standard, oversized}) == {standard}
    # no item of the list names the changed case: nothing is known to be another case's
    fragile = [set(terms("fragile"))]
    assert other_case_items(ARTICLE, item_units, fragile, {standard, oversized}) == set()
    # the changed case's item does not state the rule: the list is no list per case for it
    assert other_case_items(ARTICLE, item_units, cases, {standard}) == set()


def test_an_item_claiming_the_rule_for_every_case_is_not_another_case() -> None:
    text = ARTICLE.replace("- Standard parcels:", "- All parcels:")
    item_units = units(text)
    raws = [unit.raw.strip() for unit in item_units]
    every = raws.index(STANDARD.replace("- Standard parcels:", "- All parcels:"))
    oversized = raws.index(OVERSIZED)
    assert other_case_items(text, item_units, CASES, {every, oversized}) == set()
    # "any other" is the others', though
    text = ARTICLE.replace("- Standard parcels:", "- Any other parcel:")
    item_units = units(text)
    raws = [unit.raw.strip() for unit in item_units]
    other = raws.index(STANDARD.replace("- Standard parcels:", "- Any other parcel:"))
    assert other_case_items(text, item_units, CASES, {other, oversized}) == {other}


def test_the_edit_rewrites_the_changed_cases_item_and_keeps_the_others() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("collections", ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert [conflict.sentence for conflict in impact.conflicts] == [OVERSIZED]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == ARTICLE.replace(
        OVERSIZED, OVERSIZED.replace("2 working days", "5 working days")
    )


BOTH = (
    "Whether you sent a standard parcel or an oversized parcel, a driver collects it within 2 "
    "working days."
)
MOVE = rule_moves([Rule("H1", "sentence_changed", "Collections", OLD_RULE, NEW_RULE, "…")])[0]


def test_a_sentence_naming_both_cases_is_said_once_per_case() -> None:
    assert split_alternatives(MOVE, BOTH, CASES) == (
        "If you sent a standard parcel, a driver collects it within 2 working days. "
        "If you sent an oversized parcel, a driver collects it within 5 working days."
    )
    # the alternatives after a preposition, the changed one first
    assert split_alternatives(
        MOVE, "If you booked with an oversized label or a standard one, we come in 2 days.", CASES
    ) == (
        "If you booked with an oversized label, we come in 5 days. "
        "If you booked with a standard one, we come in 2 days."
    )


def test_a_sentence_is_split_only_where_its_lead_names_the_case_beside_one_other() -> None:
    # no other case beside it, or no lead naming it: the plain rewrite's
    assert (
        split_alternatives(MOVE, "If you sent an oversized parcel, it takes 2 days.", CASES) is None
    )
    assert split_alternatives(MOVE, "A driver collects it within 2 days.", CASES) is None
    # the rest names the case too, or does not state the old value
    assert (
        split_alternatives(
            MOVE, "Whether it is standard or oversized, oversized parcels take 2 days.", CASES
        )
        is None
    )
    assert (
        split_alternatives(MOVE, "Whether standard or oversized, it takes 4 days.", CASES) is None
    )
    assert (
        split_alternatives(MOVE, "Whether or not it is oversized, it takes 2 days.", CASES) is None
    )
    # clauses joined, not alternatives of one thing
    for lead in (
        "If you sent it by oversized post or you'd rather wait",
        "If you sent it by oversized post and want a receipt",
    ):
        assert split_alternatives(MOVE, f"{lead}, it takes 2 days.", CASES) is None


MACRO = f"Hi {{{{ticket.requester.first_name}}}},\n\n{BOTH}\n\nThanks,\nThe courier team"


def test_the_macro_edit_splits_the_sentence_naming_both_cases() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("collection", MACRO, kind="macro")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == MACRO.replace(
        BOTH,
        "If you sent a standard parcel, a driver collects it within 2 working days. "
        "If you sent an oversized parcel, a driver collects it within 5 working days.",
    )
    assert "a sentence per case" in edit.rationale


def test_any_drafters_edit_keeps_the_other_cases_item_and_splits_a_sentence_naming_both() -> None:
    facts = _facts()
    article = kb_item("collections", ARTICLE)
    macro = kb_item("collection", MACRO, kind="macro")
    impacts = {
        impact.item.id: impact
        for impact in rank_items(facts, KnowledgeBase([article, macro]))
        if impact.affected
    }
    moved = OVERSIZED.replace("2 working days", "5 working days")
    # the other case's item given the new value too, or an aside
    for standard in (
        STANDARD.replace("2 working days", "5 working days"),
        STANDARD.replace("2 working days", "2 working days (5 for oversized parcels)"),
    ):
        body = ARTICLE.replace(OVERSIZED, moved).replace(STANDARD, standard)
        [problem] = kb_text_problems(facts, impacts["collections"], body)
        assert "states what another case keeps" in problem
    assert kb_text_problems(facts, impacts["collections"], ARTICLE.replace(OVERSIZED, moved)) == []
    # the sentence naming both cases given the new value for both
    both = MACRO.replace("2 working days", "5 working days")
    [problem] = kb_text_problems(facts, impacts["collection"], both)
    assert "gives 5 working days to every case it names" in problem
    split = TemplateDrafter().edit(facts, impacts["collection"]).new_body
    assert split is not None and kb_text_problems(facts, impacts["collection"], split) == []


def test_a_claim_that_the_rule_before_is_the_same_for_everyone_goes_with_it() -> None:
    facts = _facts()
    body = (
        "# Collections\n\nA driver collects your parcel within 2 working days. That's the same "
        "for everyone, from a small envelope to an oversized parcel. We text you the driver's "
        "name on the day.\n\nParcels are insured up to £100. That's the same for everyone.\n"
    )
    [impact] = [
        impact
        for impact in rank_items(facts, KnowledgeBase([kb_item("c", body)]))
        if impact.affected
    ]
    said = [conflict.sentence for conflict in impact.conflicts]
    # the claim after another rule (the insurance) is no conflict
    assert said == [
        "A driver collects your parcel within 2 working days.",
        "That's the same for everyone, from a small envelope to an oversized parcel.",
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "from a small envelope" not in edit.new_body
    assert "within 2 working days (5 working days for oversized" in edit.new_body
    assert "insured up to £100. That's the same for everyone." in edit.new_body
