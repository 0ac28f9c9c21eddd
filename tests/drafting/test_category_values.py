"""A value the new prompt gives one category in a sentence of its own, beside the old rule
that stays for the others ("For suites, late checkout costs £35." next to "late checkout
costs £20"): a table changes only the cell of the category's row that holds the moved value,
the other categories' rows stay byte for byte, a sentence for every category gets the
exception beside the old value, and a claim that the value is the same for every category
goes (a hotel's late checkout; not the bundled example's domain)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.categories import (
    category_moves,
    claims_same,
    rewrite_category,
    worked_out,
)
from behaviordiff.drafting.drafters import others_changed
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import claims_for_all, rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Late checkout until 2pm costs £20 and goes on the guest's bill, whatever room they booked."
REWORDED = "Late checkout until 2pm costs £20 for a standard or deluxe room and goes on the bill."
ADDED = "For suites, late checkout until 2pm costs £35 and goes on the guest's bill."
HUNKS = {
    "H1": {"kind": "sentence_changed", "section": "Checkout", "file": "system.md", "old": OLD},
    "H2": {"kind": "sentence_added", "section": "Checkout", "file": "system.md", "new": ADDED},
}


def _condition() -> Condition:
    return Condition.from_dict(
        {
            "text": "tag checkout and room_type = suite",
            "atoms": [
                {"feature": "tag:checkout", "op": "tag"},
                {"feature": "room_type", "op": "=", "value": "suite"},
            ],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 8},
        }
    )


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="£20.00 → £35.00",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3", "p4"],
        conditions=[_condition()],
        others=8,
        rules=[Rule("H2", "sentence_added", "Checkout", None, ADDED, "sentence added")],
        removed_promises=[Promise("money", "£20.00")],
        added_promises=[Promise("money", "£35.00")],
    )
    facts.moves = category_moves(
        facts.rules,
        HUNKS,
        {"Checkout": [REWORDED, ADDED]},
        facts.conditions,
        facts.removed_promises,
        facts.added_promises,
    )
    return facts


TABLE = """# Late checkout

Ask at reception the evening before and we'll tell you what you pay:

| Room | Breakfast | Late checkout |
|---|---|---|
| Standard | £12 | £20 |
| Deluxe | £12 | £20 |
| Suite | £20 | £20 |

So on a £120 night with late checkout, you'd pay £100 plus £20.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: late checkout until 2pm is just £20, "
    "added to your bill at the desk. It's the same whatever room you're staying in.\n\n"
    "Enjoy your stay,\nReception"
)


def test_an_added_sentence_for_one_category_is_a_move_of_the_old_rule() -> None:
    [move] = _facts().moves
    assert (move.old, move.new, move.scope, move.category) == ("£20", "£35", "for suites", "suite")
    # the old rule is the old prompt's sentence, not the reworded one
    assert move.old_sentence == OLD
    # with no category of the condition named in the added sentence, no move
    facts = _facts()
    other = Rule("H2", "sentence_added", "Checkout", None, ADDED.replace("suites", "guests"), "")
    assert not category_moves(
        [other], HUNKS, {}, facts.conditions, facts.removed_promises, facts.added_promises
    )


def test_a_table_changes_only_the_categorys_cell_of_the_moved_value() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("checkout", TABLE, "article")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    # the breakfast cell holds the same amount: the header says which column moved; the
    # other rooms' rows, the lead-in and the worked example stay
    assert edit.new_body == TABLE.replace("| Suite | £20 | £20 |", "| Suite | £20 | £35 |")
    assert [c.sentence for c in impact.conflicts] == ["| Suite | £20 | £20 |"]


def test_a_sentence_for_every_category_gets_the_exception_and_the_claim_goes() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("late", MACRO, "macro")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == MACRO.replace("just £20,", "just £20 (£35 for suites),").replace(
        " It's the same whatever room you're staying in.", ""
    )


def test_rows_and_sentences_say_the_categorys_value_in_their_own_words() -> None:
    [move] = _facts().moves
    header = "| Room | Breakfast | Late checkout |"
    assert rewrite_category(move, "| Suites | £20 | £20 |", header) == "| Suites | £20 | £35 |"
    # no header to tell the two cells apart: a writer decides
    assert rewrite_category(move, "| Suite | £20 | £20 |") is None
    assert rewrite_category(move, "| Suite | £20.00 |") == "| Suite | £35.00 |"
    # a row of one table keyed by no category states it for all of them
    assert (
        rewrite_category(move, "| Late checkout | £20 |")
        == "| Late checkout | £20 (£35 for suites) |"
    )
    assert rewrite_category(move, "In a suite, late checkout is £20.") == (
        "In a suite, late checkout is £35."
    )
    # the words claiming it for every room go; other words of the kind stay
    assert rewrite_category(move, "Late checkout is £20 for every room.", None, {"room"}) == (
        "Late checkout is £20 (£35 for suites)."
    )
    assert rewrite_category(move, "Late checkout is £20 for all bookings.", None, {"room"}) == (
        "Late checkout is £20 (£35 for suites) for all bookings."
    )


def test_what_stays_true_for_the_other_categories_is_no_claim() -> None:
    [move] = _facts().moves
    assert claims_same(move, "It's the same whatever room you're staying in.", {"room"})
    assert claims_same(move, "The price is no different for every room type.", {"room"})
    assert claims_same(move, "Breakfast is included whatever time you wake up.", {"room"}) is None
    assert claims_same(move, "Suites are the same as every room.", {"room"}) is None
    assert worked_out(move, "On a £120 night you'd pay £100 plus £20.")
    assert not worked_out(move, "Late checkout is £20, breakfast £12.")


def test_a_model_edit_must_keep_the_other_categories_rows() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("checkout", TABLE, "article")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    right = TABLE.replace("| Suite | £20 | £20 |", "| Suite | £20 | £35 |")
    assert others_changed(facts, impact, right) == []
    wrong = right.replace("| Deluxe | £12 | £20 |", "| Deluxe | £12 | £35 |")
    [problem] = others_changed(facts, impact, wrong)
    assert "| Deluxe | £12 | £20 |" in problem


LEAD_IN = (
    "Good news: late checkout until 2pm is just £20 and goes on your bill.\n\n"
    "At the desk you pay for the first part of any stay (the deposit) and we hold the rest:\n\n"
    "| Room | Deposit |\n|---|---|\n| Standard | £50 |\n"
)


def test_with_no_old_prompt_sentence_the_old_value_keeps_its_sentence() -> None:
    # no prompt sentence states the old rule: the promise's own edit, which must find "£20"
    # for the promise "£20.00" (pounds as dollars are) and leave a sentence quantifying what
    # the rule quantifies alike ("any stay" where it says "any stay") alone
    facts = _facts()
    facts.rules = [
        Rule(
            "H2",
            "sentence_added",
            "Checkout",
            None,
            "Late checkout costs £35 for suites, on any stay.",
            "sentence added",
        )
    ]
    facts.moves = []
    facts.excerpts = [
        Excerpt(
            "p1",
            "Late checkout until 2pm is £20.00, added to your bill.",
            "Late checkout until 2pm is £35.00, added to your bill.",
        )
    ]
    knowledge = KnowledgeBase([kb_item("late", LEAD_IN, "macro")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert [c.sentence for c in impact.conflicts] == [
        "Good news: late checkout until 2pm is just £20 and goes on your bill."
    ]
    assert edit.new_body == LEAD_IN.replace(
        "goes on your bill.", "goes on your bill (£35.00 for suites)."
    )


def test_a_universal_word_the_rule_uses_alike_claims_nothing_against_it() -> None:
    rule = "For suites the guest pays £35 for late checkout on any stay"
    lead_in = "At the desk you pay for late checkout on any stay and we hold the rest:"
    assert not claims_for_all(rule, lead_in)
    # quantifying what the rule singles out is still a claim for every case
    assert claims_for_all(rule, "Every guest pays the same for late checkout on any stay.")


def test_a_price_each_is_no_claim_for_every_case() -> None:
    rule = "Renting a kayak for more than 2 hours costs a flat £15 extra fee"
    # "£15 each" prices one paddle: it shares the amount and a word, and claims nothing
    priced = "You can rent paddles with the kayak for £15 each, and helmets for £4 each."
    assert not claims_for_all(rule, priced)
    assert not claims_for_all(rule, "Spare kayak seats are 3 each at the desk, £15 a day.")
    # a universal word beside it still claims the rule for every case
    assert claims_for_all(rule, "Every kayak rental over 2 hours costs £15 each time.")
