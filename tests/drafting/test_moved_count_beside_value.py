"""One prompt sentence moving two values at once, a count that is the line of the change's
condition and the value given past it ("4 or more classes, 5% off" → "6 or more classes, 8%
off"): an item's sentence stating both says both the new way, in its own form (a count in
words stays in words, a list fragment stays a fragment). A number the sentence holds for
another reason (a 2-year term, a count that is not the condition's line) stays."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.siblingvalue import condition_lines, with_moved_counts
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import moved_facts

CLASSES = [{"feature": "classes_booked", "op": ">=", "value": 6}]
RULE = Rule(
    "H1",
    "sentence_changed",
    "Class passes",
    "Members who book 4 or more classes in a month get 5% off that month's fees.",
    "Members who book 6 or more classes in a month get 8% off that month's fees.",
    "…",
)


def _discount_facts(atoms: list[dict[str, object]]) -> ChangeFacts:
    """The change as the analysis reads it: the discount call's share moved 5 → 8 in each
    probe, the replies stating 8% where they stated 5%."""
    facts = moved_facts([RULE], atoms, title="now applies 8% off", facets=("actions", "promises"))
    old, new = Promise("percent", "5%", "fees"), Promise("percent", "8%", "fees")
    facts.after_actions = [ActionFact("apply_discount")]
    facts.removed_promises, facts.added_promises = [old], [new]
    facts.moved_rule = (old, new)
    facts.moved = [
        MovedValue(
            ActionFact("apply_discount"), "percent", tuple((p, 5.0, 8.0) for p in facts.probe_ids)
        )
    ]
    return facts


def _edits(facts, body: str, kind: str = "macro") -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    fmt = "text" if kind == "macro" else "markdown"
    kb = KnowledgeBase([KnowledgeItem(kind, "1", "Class passes", body, fmt, "kb", "a")])  # type: ignore[arg-type]
    return {
        impact.item.key: TemplateDrafter().edit(facts, impact).new_body
        for impact in rank_items(facts, kb)
        if impact.conflicts
    }


def test_count_in_words_moves_with_the_share() -> None:
    facts = _discount_facts(CLASSES)
    body = (
        "Hi {{ticket.requester.first_name}},\n\nBook any four classes in a month and save 5% "
        "on that month's fees. Your 2-year membership renews itself.\n\nSee you on the mat!"
    )
    [new] = _edits(facts, body).values()
    assert new == body.replace(
        "any four classes in a month and save 5%", "any six classes in a month and save 8%"
    )


def test_list_fragment_count_as_figure() -> None:
    facts = _discount_facts(CLASSES)
    body = (
        "# Savings\n\n- Regulars: 4 or more classes a month, 5% off\n"
        "- Bring a friend: their first class is free\n\nOffers can't be combined.\n"
    )
    [new] = _edits(facts, body, kind="article").values()
    assert new is not None
    assert "- Regulars: 6 or more classes a month, 8% off" in new
    assert "- Bring a friend: their first class is free" in new


def test_count_not_the_condition_line_stays() -> None:
    # the condition draws its line at 10: the moved count 4 → 6 is not it
    lines_at_ten = moved_facts([RULE], [{"feature": "classes_booked", "op": ">=", "value": 10}])
    moves = rule_moves([RULE])
    body = "Book any four classes in a month and save 8% on that month's fees."
    assert (
        with_moved_counts(moves, lines_at_ten.condition, body.replace("8%", "5%"), body, "text")
        is None
    )


def test_count_said_twice_or_in_a_compound_stays() -> None:
    facts = moved_facts([RULE], CLASSES)
    moves = rule_moves([RULE])
    twice = "Book four classes, or four more next month, and save 8%."
    assert (
        with_moved_counts(moves, facts.condition, twice.replace("8%", "5%"), twice, "text") is None
    )
    compound = "Our 4-class pass saves 8% a month."
    assert (
        with_moved_counts(moves, facts.condition, compound.replace("8%", "5%"), compound, "text")
        is None
    )


def test_condition_lines_read_each_bound() -> None:
    facts = moved_facts([RULE], [{"feature": "n", "op": ">", "value": 2}])
    assert condition_lines(facts.condition) == {2, 3}
    facts = moved_facts([RULE], [{"feature": "n", "op": "<", "value": 3}])
    assert condition_lines(facts.condition) == {2, 3}


def test_a_couple_of_is_the_count_two() -> None:
    rule = Rule(
        "H1",
        "sentence_changed",
        "Long stays",
        "Guests staying 2 or more nights get 10% off the room rate.",
        "Guests staying 3 or more nights get 12% off the room rate.",
        "…",
    )
    facts = moved_facts([rule], [{"feature": "nights", "op": ">=", "value": 3}])
    old = "Stay a couple of nights and we knock a tenth off the room rate."
    new = "Stay a couple of nights and we knock 12% off the room rate."
    counted = with_moved_counts(rule_moves([rule]), facts.condition, old, new, "text")
    assert counted is not None
    assert counted[0] == "Stay three nights and we knock 12% off the room rate."


def test_same_number_counting_something_else_stays() -> None:
    # review MUST 1: a number equal to the old count before another noun is not the count
    facts = _discount_facts(CLASSES)
    for body in (
        "Hi {{ticket.requester.first_name}},\n\nAs a regular you save 5% on that month's fees, "
        "and your pass is valid for 4 weeks.\n\nSee you on the mat!",
        "Hi {{ticket.requester.first_name}},\n\nMembers save 5% on that month's fees; the offer "
        "is open to 4 people per household.\n\nSee you on the mat!",
    ):
        for new in _edits(facts, body).values():
            assert new is None or ("6 weeks" not in new and "6 people" not in new)


STAY = Rule(
    "H1",
    "sentence_changed",
    "Long stays",
    "Guests staying 2 or more nights get 10% off the room rate.",
    "Guests staying 3 or more nights get 12% off the room rate.",
    "…",
)


def test_nights_count_leaves_other_twos() -> None:
    facts = moved_facts([STAY], [{"feature": "nights", "op": ">=", "value": 3}])
    for new in (
        "Long stays get 12% off the room rate, and a pair of slippers.",
        "We take 12% off the room rate; check-out is at 2 pm.",
        "We take 12% off the room rate for stays of 2 weeks.",
    ):
        old = new.replace("12%", "10%")
        assert with_moved_counts(rule_moves([STAY]), facts.condition, old, new, "text") is None


def test_bare_count_as_the_object_of_the_prompts_verb() -> None:
    # another domain: "Order any 4 or more bags of beans, 5% off" said as "order a few"…
    rule = Rule(
        "H1",
        "sentence_changed",
        "Bulk beans",
        "Order any 2 or more bags and get 5% off the order.",
        "Order any 3 or more bags and get 7% off the order.",
        "…",
    )
    facts = moved_facts([rule], [{"feature": "bags", "op": ">=", "value": 3}])
    new = "When you order two, we take 7% off the order."
    counted = with_moved_counts(
        rule_moves([rule]), facts.condition, new.replace("7%", "5%"), new, "text"
    )
    assert counted is not None and counted[0] == "When you order three, we take 7% off the order."
    new = "We take 7% off the order, and delivery is at two."
    assert (
        with_moved_counts(rule_moves([rule]), facts.condition, new.replace("7%", "5%"), new, "text")
        is None
    )
