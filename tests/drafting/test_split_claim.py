"""A value once given on every case of what a split now tells apart ("for 14 days on every
membership", ", whichever membership you hold") said again with both values: the claim goes
with the old value, since left beside them it says the old rule again. A claim over something
else ("whatever the book's length") still holds under the split and stays (a made-up lending
library whose Premium members now borrow for 28 days, Standard members still 14)."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.checks import still_split_claimed
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove, rewrite_split, rule_moves
from behaviordiff.drafting.splitclaim import split_claim_fact, split_claim_length, split_words
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, model_edit

OLD = "Members can borrow books for 14 days on every membership."
NEW = (
    "Members can borrow books for 14 days on Standard memberships, and for 28 days on Premium "
    "memberships."
)


def _move() -> RuleMove:
    [move] = rule_moves([Rule("H1", "sentence_changed", "Loans", OLD, NEW, "sentence changed")])
    return move


def test_the_split_is_read_with_both_sides() -> None:
    move = _move()
    assert (move.old, move.new, move.scope, move.others) == (
        "14 days",
        "28 days",
        "on Premium memberships",
        "on Standard memberships",
    )


def test_a_claim_over_every_membership_goes_with_the_old_value() -> None:
    move = _move()
    assert rewrite_split(
        move, "You can borrow books for 14 days on every membership, so plan your reading."
    ) == (
        "You can borrow books for 28 days on Premium memberships (14 days on Standard "
        "memberships), so plan your reading."
    )
    assert rewrite_split(move, "Books are yours for 14 days, whichever membership you hold.") == (
        "Books are yours for 28 days on Premium memberships (14 days on Standard memberships)."
    )


def test_a_claim_over_something_else_stays() -> None:
    move = _move()
    assert rewrite_split(move, "Books are yours for 14 days, whatever the book's length.") == (
        "Books are yours for 28 days on Premium memberships (14 days on Standard memberships), "
        "whatever the book's length."
    )
    words = split_words(move.scope, move.others)
    assert split_claim_length(" on every shelf, so …", words) == 0
    assert split_claim_length(" on all our memberships.", words) == len(" on all our memberships")


def test_a_claim_going_on_past_its_noun_is_over_something_else() -> None:
    move = _move()
    words = split_words(move.scope, move.others)
    # the noun does not end the clause: the claim is over cards, or over what follows
    for rest in (
        " on every membership card in the family.",
        " on every membership you've held with us.",
        " for all memberships' holders.",
    ):
        assert split_claim_length(rest, words) == 0
    said = rewrite_split(move, "You can borrow books for 14 days on every membership card here.")
    assert said is not None and said.endswith(") on every membership card here.")
    assert split_claim_length(" on every membership; renew online.", words) == len(
        " on every membership"
    )


def _facts() -> ChangeFacts:
    rule = Rule("H1", "sentence_changed", "Loans", OLD, NEW, "sentence changed")
    facts = ChangeFacts("C1", "Loans by membership", "promises", ["promises"], [], rules=[rule])
    facts.moves = rule_moves([rule])
    return facts


def test_a_model_edit_keeping_the_claim_beside_both_values_is_refused() -> None:
    facts = _facts()
    said = "You can borrow books for 14 days on every membership."
    # the claim beside both values says the old rule again
    kept = (
        "You can borrow books for 28 days on Premium memberships and 14 days on Standard "
        "memberships, on every membership, so plan your reading."
    )
    assert still_split_claimed(facts, [said], said, kept, "markdown") == [kept]
    dropped = (
        "You can borrow books for 28 days on Premium memberships and 14 days on Standard "
        "memberships, so plan your reading."
    )
    assert still_split_claimed(facts, [said], said, dropped, "markdown") == []
    whichever = "Books are yours for 28 days on Premium memberships (14 days on Standard "
    whichever += "memberships), whichever membership you hold."
    assert still_split_claimed(facts, [said], said, whichever, "markdown") == [whichever]
    other = "Books are yours for 28 days on Premium memberships (14 days on Standard "
    other += "memberships), on every shelf."
    assert still_split_claimed(facts, [said], said, other, "markdown") == []
    move = facts.moves[0]
    fact = split_claim_fact(move.old, move.new, move.scope, move.others)
    assert "28 days on Premium memberships and 14 days on Standard memberships" in fact
    assert fact in draft_facts(facts)


def test_the_drafting_model_is_held_to_it() -> None:
    facts = _facts()
    said = "You can borrow books for 14 days on every membership, so plan your reading."
    item = kb_item("loans", f"# Borrowing\n\n{said}\n")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.item.key == item.key]
    template = TemplateDrafter().edit(facts, impact)
    assert template.new_body is not None and "every membership" not in template.new_body
    _, failure = model_edit(facts, impact, template, template.new_body)
    assert not failure
    kept = template.new_body.replace("),", "), on every membership,")
    _, failure = model_edit(facts, impact, template, kept)
    assert failure is not None and "still claims one held for every case" in failure
