"""A value that changes kind on top of a price: a ferry's summer supplement was a share of the
fare ("the standard fare plus a quarter as much again, a 25% supplement") and is now a fixed
amount ("plus a flat £12 supplement"). The KB sentences stating the share, in digits ("a 25%
supplement", "fare plus 25%") or in words ("a quarter as much again"), say the new amount in
place, never beside the old one in an aside; a total worked from the old share ("£50" for a
£40 fare) takes its price plus the new amount only where the changed conversations state that
total, else the item is flagged; a student discount of the same 25% is another rule. A condition
said in the analysis's words ("conversations …") never goes into a KB item."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.addedshare import (
    added_percent,
    added_shares,
    addition_base,
    rewrite_added,
    worked_totals,
)
from behaviordiff.drafting.checks import analysis_word_problems, kb_text_problems, tool_words
from behaviordiff.drafting.drafters import LLMDrafter, kept_conflicts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Conflict, Impact, rank_items
from behaviordiff.drafting.rules import (
    labelled_audience,
    rewrite_sentence,
    rule_moves,
    states_old_rule,
)
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.text import stem, units
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

OLD = (
    "Summer sailings, June to August: the standard fare plus a quarter as much again, a 25% "
    "supplement."
)
NEW = (
    "Summer sailings, June to August: the standard fare plus a flat £12 supplement, whatever "
    "the route."
)

FARES = """# Fares

| Season | Months | Foot passenger | Car and driver |
| --- | --- | --- | --- |
| Winter | September to May | £40 | £80 |
| Summer | June to August | £50 (fare plus 25%) | £100 (fare plus 25%) |

## Why do summer sailings cost more?

In the summer months we add a supplement: a quarter as much again on every sailing. It pays
for the extra crossings.

## Discounts

Students get 25% off any sailing.
"""
SUPPLEMENT = (
    "Hi {{ticket.requester.first_name}},\n\nSummer sailings, from June to August, carry a 25% "
    "supplement on the standard fare, so a £40 foot passenger ticket comes to £50.\n\n"
    "Harbour Ferries"
)
BOOKED = (
    "Hi {{ticket.requester.first_name}},\n\nYour crossing is booked. In winter the fare is £40. "
    "Summer sailings cost a quarter as much again.\n\nHarbour Ferries"
)
STUDENTS = "Hi {{ticket.requester.first_name}},\n\nStudents get 25% off every sailing, all year."


def _rule(old: str = OLD, new: str = NEW) -> Rule:
    return Rule("H1", "sentence_changed", "Fares", old, new, "sentence changed")


def _facts(told: tuple[str, ...] = ("£12.00", "£52.00", "£92.00")) -> ChangeFacts:
    moved = MovedValue(
        ActionFact("book_crossing", ()),
        "supplement_gbp",
        (("p1", 10.0, 12.0), ("p2", 20.0, 12.0), ("p3", 10.0, 12.0)),
    )
    facts = ChangeFacts(
        id="C1",
        title="book_crossing: supplement_gbp 10 → 12, 20 → 12",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        after_actions=[moved.call],
        moved=[moved],
        removed_promises=[Promise("money", "£50.00"), Promise("money", "£100.00")],
        added_promises=[Promise("money", value) for value in told],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag:crossing and 6 <= sailing_month < 9",
                    "atoms": [
                        {"feature": "tag:crossing", "op": "tag"},
                        {
                            "feature": "sailing_month",
                            "op": "between",
                            "low": 6,
                            "high": 9,
                            "low_inclusive": True,
                            "high_inclusive": False,
                        },
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 8},
                }
            )
        ],
        others=8,
        rules=[_rule()],
        excerpts=[
            Excerpt(
                "p1", "That's £50 with the 25% supplement.", "That's £52 with the £12 supplement."
            ),
            Excerpt(
                "p2", "That's £100 with the 25% supplement.", "That's £92 with the £12 supplement."
            ),
        ],
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def _impacts(facts: ChangeFacts, *items: tuple[str, str, str]) -> dict[str, Impact]:
    knowledge = KnowledgeBase([kb_item(key, body, kind) for key, body, kind in items])
    return {impact.item.id: impact for impact in rank_items(facts, knowledge)}


def test_a_share_added_on_top_of_a_price_that_became_a_fixed_amount_is_one_move() -> None:
    [move] = rule_moves([_rule()])
    assert (move.old, move.new, move.share, move.added) == ("25%", "£12", "the standard fare", True)
    assert "never append the new value beside the old one" in move.describe()
    # in digits alone, and in words alone ("double" is 100%)
    [digits] = rule_moves(
        [
            _rule(
                "Late checkout: the nightly rate plus a 20% surcharge.",
                "Late checkout: the nightly rate plus a flat $25 surcharge.",
            )
        ]
    )
    assert (digits.old, digits.new, digits.share) == ("20%", "$25", "the nightly rate")
    [words] = rule_moves(
        [
            _rule(
                "Bank holidays: double the hourly rate.",
                "Bank holidays: the hourly rate plus a flat $30.",
            )
        ]
    )
    assert (words.old, words.new, words.added) == ("100%", "$30", True)


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("the call-out fee plus half as much again, a 50% surcharge", 50.0),
        ("an extra 15% on weekend orders", 15.0),
        ("orders over $50 get 15% off", None),  # a discount
        ("15% of the order total as credit", None),  # a share of something (rules.shares)
        ("a 10% supplement and a 20% surcharge", None),  # two shares: no one move
    ],
)
def test_the_percentage_a_sentence_adds_on_top(text: str, percent: float | None) -> None:
    assert added_percent(text) == percent


def test_the_price_the_share_is_added_to() -> None:
    assert (
        addition_base("Evenings: the call-out fee plus half as much again.") == "the call-out fee"
    )
    assert addition_base("Rush orders cost 30% more.") == ""


@pytest.mark.parametrize(
    ("kb", "stated", "rewritten"),
    [
        (
            "Summer sailings carry a 25% supplement on the standard fare.",
            True,
            "Summer sailings carry a £12 supplement on the standard fare.",
        ),
        (
            "Summer sailings cost a quarter as much again.",
            True,
            "Summer sailings cost an extra £12.",
        ),
        (
            "| Summer | June to August | £50 (fare plus 25%) |",
            True,
            "| Summer | June to August | £50 (fare plus £12) |",
        ),
        # the same percentage as a discount: another rule
        ("Students get 25% off any summer sailing on the standard fare.", False, None),
    ],
)
def test_the_share_is_said_as_the_amount_in_place(
    kb: str, stated: bool, rewritten: str | None
) -> None:
    [move] = _facts().moves
    assert states_old_rule(move, kb) is stated
    assert rewrite_sentence(move, kb) == rewritten


def test_double_the_price_becomes_the_price_plus_the_amount() -> None:
    assert (
        rewrite_added("100%", "$30", "On bank holidays we charge double the hourly rate.")
        == "On bank holidays we charge the hourly rate plus $30."
    )
    assert rewrite_added("100%", "$30", "On bank holidays it's double.") == (
        "On bank holidays it's an extra $30."
    )
    # "an 80% …" becomes "a $30 …"
    assert rewrite_added("80%", "$30", "We add an 80% uplift.") == "We add a $30 uplift."


def test_words_for_another_share_are_not_this_one() -> None:
    assert added_shares("25%", "Summer sailings cost double.") == []
    assert [m.group(0) for m in added_shares("100%", "Summer sailings cost double.")] == ["double"]


@pytest.mark.parametrize(
    ("raw", "told", "expected"),
    [
        # the price stated beside its total stays; the total is its price plus the amount
        (
            "so a £40 ticket comes to £50.",
            {52.0},
            ("so a £40 ticket comes to £52.", ["£52"]),
        ),
        # a cell stating the total alone, as the conversations state its new total
        ("| £50 (fare plus £12) |", {52.0}, ("| £52 (fare plus £12) |", ["£52"])),
        # no conversation states the new total: a writer's
        ("so a £40 ticket comes to £50.", {12.0}, None),
        # amounts no share makes (the new amount itself, a price in pence) stay
        (
            "The supplement is £12; tea is £2.10.",
            set(),
            ("The supplement is £12; tea is £2.10.", []),
        ),
    ],
)
def test_a_total_worked_from_the_old_share_is_given_anew_only_from_evidence(
    raw: str, told: set[float], expected: tuple[str, list[str]] | None
) -> None:
    assert worked_totals("25%", "£12", raw, told) == expected


def test_the_edits_say_the_amount_in_place_in_tables_prose_and_words() -> None:
    facts = _facts()
    impacts = _impacts(
        facts,
        ("fares", FARES, "article"),
        ("supplement", SUPPLEMENT, "macro"),
        ("booked", BOOKED, "macro"),
        ("students", STUDENTS, "macro"),
    )
    assert not impacts["students"].affected
    drafter = TemplateDrafter()
    fares = drafter.edit(facts, impacts["fares"]).new_body
    assert fares == FARES.replace(
        "| £50 (fare plus 25%) | £100 (fare plus 25%) |",
        "| £52 (fare plus £12) | £92 (fare plus £12) |",
    ).replace("a quarter as much again on every", "an extra £12 on every")
    assert "Students get 25% off any sailing." in fares
    supplement = drafter.edit(facts, impacts["supplement"])
    assert supplement.new_body == SUPPLEMENT.replace(
        "a 25% supplement", "a £12 supplement"
    ).replace("comes to £50", "comes to £52")
    assert "as the changed conversations now state them" in supplement.rationale
    # a macro saying the share in words only: the sentence still gets its edit
    booked = drafter.edit(facts, impacts["booked"]).new_body
    assert booked == BOOKED.replace("cost a quarter as much again", "cost an extra £12")


def test_a_total_no_conversation_states_is_flagged_not_guessed_nor_kept_beside_an_aside() -> None:
    facts = _facts(told=("£12.00", "£52.00"))  # nobody was told the car fare's new total
    facts.excerpts = facts.excerpts[:1]
    edit = TemplateDrafter().edit(facts, _impacts(facts, ("fares", FARES, "article"))["fares"])
    assert edit.new_body is None
    assert edit.rationale.startswith("No safe rewrite")


def test_a_model_edit_keeping_the_share_beside_an_aside_is_refused() -> None:
    facts = _facts()
    impact = _impacts(facts, ("supplement", SUPPLEMENT, "macro"))["supplement"]
    template = TemplateDrafter().edit(facts, impact).new_body
    assert template is not None
    aside = SUPPLEMENT.replace("comes to £50.", "comes to £50 (£12 for summer sailings).")
    problems = kept_conflicts(facts, impact, aside, template)
    assert any("still states 25% on top of the standard fare" in problem for problem in problems)


def test_the_analysis_words_never_go_into_a_kb_item() -> None:
    facts = _facts()
    impact = _impacts(facts, ("supplement", SUPPLEMENT, "macro"))["supplement"]
    said = "conversations asking about crossing and with sailing_month from 6 and before 9"
    aside = SUPPLEMENT.replace("comes to £50.", f"comes to £50 (£12 for {said}).")
    [sentence] = [u.text for u in units(aside) if "sailing_month" in u.text]
    assert tool_words(facts, sentence, SUPPLEMENT) == ["conversations", "sailing_month"]
    assert any("the analysis's word" in p for p in kb_text_problems(facts, impact, aside))
    # an item that speaks of conversations itself (a chat service's help page) may
    chat = "You can export your conversations from the app."
    assert tool_words(facts, "Export conversations at any time.", chat) == []


def test_a_category_value_as_the_data_spells_it_never_goes_into_a_kb_item() -> None:
    facts = _facts()
    facts.conditions = [
        Condition.from_dict(
            {
                "text": "vehicle in {foot_passenger, camper_van} and sailing_month = 7",
                "atoms": [
                    {
                        "feature": "vehicle",
                        "op": "in",
                        "value": ["foot_passenger", "camper_van"],
                    },
                    {"feature": "sailing_month", "op": "=", "value": 7},
                ],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 8},
            }
        )
    ]
    impact = _impacts(facts, ("supplement", SUPPLEMENT, "macro"))["supplement"]
    said = "with one exception: if the vehicle is camper_van, the supplement is £12"
    aside = SUPPLEMENT.replace("comes to £50.", f"comes to £50, {said}.")
    [sentence] = [u.text for u in units(aside) if "camper_van" in u.text]
    assert tool_words(facts, sentence, SUPPLEMENT) == ["camper_van"]
    # the check run last on a template edit, after the steps that add a sentence
    assert any("“camper_van”" in p for p in analysis_word_problems(facts, impact, aside))
    assert any("the analysis's word" in p for p in kb_text_problems(facts, impact, aside))
    # the item's own words, and the value written as words, are no analysis words
    assert tool_words(facts, "Camper vans pay £12.", SUPPLEMENT) == []
    # in a bracket after the case's own words it is the template's gloss for the writer
    assert tool_words(facts, "Camper vans (vehicle camper_van) pay £12.", SUPPLEMENT) == []
    assert analysis_word_problems(facts, impact, SUPPLEMENT) == []


def test_the_plural_of_an_ing_noun_meets_the_noun() -> None:
    assert stem("evenings") == stem("evening")
    assert stem("bookings") == stem("booking") == stem("book")
    assert stem("things") == "thing"


def _model_edit(facts: ChangeFacts, impact: Impact, *replies: str) -> tuple[Any, FakeChatModel]:
    template_edit = TemplateDrafter().edit(facts, impact)
    model = FakeChatModel(list(replies), default=None)
    drafter = LLMDrafter(model, "fake")
    common = drafter._common(facts, TemplateDrafter().note(facts, [impact], None))
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body or ""])
    edit, _ = asyncio.run(drafter._draft_edit(facts, impact, grounding, common, template_edit))
    return edit, model


def _reply(body: str) -> str:
    return json.dumps({"new_body": body, "rationale": "Says the new supplement."})


def test_the_model_is_told_the_amount_goes_in_place_and_an_aside_is_retried() -> None:
    facts = _facts()
    impact = _impacts(facts, ("supplement", SUPPLEMENT, "macro"))["supplement"]
    fixed = SUPPLEMENT.replace("a 25% supplement", "a £12 supplement").replace(
        "comes to £50", "comes to £52"
    )
    aside = SUPPLEMENT.replace(
        "comes to £50.", "comes to £50 (£12 for conversations asking about crossing)."
    )
    edit, model = _model_edit(facts, impact, _reply(aside), _reply(fixed))
    first = "\n".join(str(m["content"]) for m in model.requests[0].messages)
    assert "25% on top of the standard fare → a flat £12" in first
    assert "never append the new value beside the old one" in first
    retry = "\n".join(str(m["content"]) for m in model.requests[1].messages)
    assert "still states 25% on top of the standard fare" in retry
    assert "“conversations”, the analysis's word" in retry
    assert edit.origin == "llm" and edit.new_body == fixed


FLAT_OLD = "Express cleaning: the standard price plus a flat $5 supplement, whatever the garment."
FLAT_NEW = "Express cleaning: the standard price plus a 20% supplement."


def test_a_flat_amount_made_a_share_is_the_same_move_the_other_way() -> None:
    [move] = rule_moves([_rule(FLAT_OLD, FLAT_NEW)])
    assert (move.old, move.new, move.share, move.added) == ("$5", "20%", "the standard price", True)
    assert move.old_share() == "a flat $5 on top of the standard price"
    stated = "Express cleaning carries a flat $5 supplement on the standard price."
    assert states_old_rule(move, stated)
    assert rewrite_sentence(move, stated) == (
        "Express cleaning carries a 20% supplement on the standard price."
    )
    assert rewrite_sentence(move, "Express cleaning costs an extra $5.") == (
        "Express cleaning costs an extra 20%."
    )
    # a price per item at the same amount is another rule
    assert not states_old_rule(move, "Express cleaning hangers are $5 each, standard price.")
    # the total worked from the flat amount, given anew where the conversations state it
    worked = "so a $30 suit comes to $35."
    assert worked_totals("$5", "20%", worked, {36.0}) == ("so a $30 suit comes to $36.", ["$36"])
    assert worked_totals("$5", "20%", worked, set()) is None


RETURNS = (
    "# Returns\n\nYou can return anything you bought from us.\n\n| Item | Return window |\n"
    "| --- | --- |\n| Furniture | 14 days, or 2 weeks for sale items |\n\n"
    "You can return furniture within 14 days.\n"
)


def _window_facts(atom: dict[str, object]) -> ChangeFacts:
    """A furniture shop's return window, 14 days (also said "2 weeks") → 30 days, for the
    customers `atom` picks out; no prompt sentence says for whom."""
    return ChangeFacts(
        id="C1",
        title="return window 14 days → 30 days",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        removed_promises=[Promise("duration", "14 days"), Promise("duration", "2 weeks")],
        added_promises=[Promise("duration", "30 days")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "condition",
                    "atoms": [atom],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        others=6,
        excerpts=[
            Excerpt("p1", "You can return it within 14 days.", "You can return it within 30 days."),
            Excerpt("p2", "Returns are taken within 14 days.", "Returns are taken within 30 days."),
        ],
    )


def _row_impact(facts: ChangeFacts) -> Impact:
    item = kb_item("returns", RETURNS)
    item_units = units(item.body)
    [row] = [index for index, unit in enumerate(item_units) if "Furniture |" in unit.text]
    reason = "states 14 days, which the new agent no longer states"
    return Impact(item, 10.0, [Conflict(row, item_units[row].text, (reason,))], item_units)


def test_a_condition_in_the_analysis_words_is_flagged_not_written_as_an_aside() -> None:
    hour = {
        "feature": "ordered_hour",
        "op": "between",
        "low": 18,
        "high": 22,
        "low_inclusive": True,
        "high_inclusive": False,
    }
    facts = _window_facts(hour)
    assert facts.who().startswith("conversations")
    [impact] = [i for i in _impacts(facts, ("returns", RETURNS, "article")).values() if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert "“conversations”, the analysis's word, not the article's" in edit.rationale


def test_an_aside_for_a_table_row_goes_in_the_old_value_cell_once() -> None:
    facts = _window_facts({"feature": "plan", "op": "==", "value": "annual"})
    edit = TemplateDrafter().edit(facts, _row_impact(facts))
    assert edit.new_body is not None
    assert (
        "| Furniture | 14 days (30 days for annual customers), or 2 weeks for sale items |\n"
        in edit.new_body
    )


def test_a_customer_conversation_with_a_team_is_no_analysis_word() -> None:
    facts = _facts()
    handed = "We hand your conversation to a claims specialist, who takes it from here."
    assert tool_words(facts, handed, SUPPLEMENT) == []
    assert tool_words(facts, "Transfer all conversations to the team.", SUPPLEMENT) == []
    assert tool_words(facts, "£12 for conversations with a car.", SUPPLEMENT) == ["conversations"]


@pytest.mark.parametrize(
    ("old", "new", "value", "said"),
    [
        (
            "Shipped by post or courier: it arrives within 2 days.",
            "Shipped by post: it can take up to 5 days to arrive.",
            "5 days",
            "if shipped by post",
        ),
        ("Members: 10% off.", "Gold members: 15% off.", "15%", "for gold members"),
        ("Members: 10% off.", "Members: 15% off.", "15%", ""),  # the head did not narrow
    ],
)
def test_whom_a_narrowed_prompt_rule_now_gives_the_value(
    old: str, new: str, value: str, said: str
) -> None:
    assert labelled_audience(old, new, value) == said
