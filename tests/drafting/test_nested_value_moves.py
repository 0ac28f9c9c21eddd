"""One prompt sentence moves a value twice, once in words and once inside another mention, or
two prompt sentences move the same value.

A kitchen fitter now answers online quote requests within 3 working days instead of 48 hours,
and the same sentence carries the tool's own figure ("(sla_hours 48)" → "(sla_hours 72)"): a KB
sentence saying "within 48 hours" states the value once, so it takes the move in words alone
("within 3 working days", never "within 72 hours" nor no edit at all).

A library lowers how many books members borrow at once without booking from 10 to 6, in two
prompt sentences (the limit and what to do past it), while the prompt still says the front desk
renews up to 10 books at once by phone: a KB sentence that retells the limit in the limit
sentence's own words is the moved rule, even though the other moved sentence (past the limit)
shares fewer words with it than the kept renewal rule does.
"""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptrules import kept_rules, states_kept_rule
from behaviordiff.drafting.rules import moves_for, rewrite_sentence, rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

QUOTE_OLD = "We answer online quote requests within 48 hours (sla_hours 48)."
QUOTE_NEW = "We answer online quote requests within 3 working days (sla_hours 72)."
QUOTE_SENTENCE = "We answer quote requests within 48 hours, so you'll have a price soon."
QUOTE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your quote request. "
    + QUOTE_SENTENCE
    + "\n\n{{current_user.first_name}}"
)


def test_a_value_said_inside_another_moves_mention_moves_once() -> None:
    moves = rule_moves([Rule("H1", "sentence_changed", "Quotes", QUOTE_OLD, QUOTE_NEW, "")])
    assert {(m.old, m.new) for m in moves} >= {("48 hours", "3 working days")}
    chosen = moves_for(moves, QUOTE_SENTENCE)
    assert [(m.old, m.new) for m in chosen] == [("48 hours", "3 working days")]
    assert rewrite_sentence(chosen[0], QUOTE_SENTENCE, "") == (
        "We answer quote requests within 3 working days, so you'll have a price soon."
    )


def test_the_macro_is_rewritten_with_the_value_in_words() -> None:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Quotes", QUOTE_OLD, QUOTE_NEW, "")],
        [{"feature": "channel", "op": "=", "value": "web"}],
        title="create_quote(): sla_hours 48 → 72",
    )
    macro = kb_item("macro:1", QUOTE_MACRO, kind="macro", title="Quotes::Request received")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([macro])) if i.conflicts]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "within 3 working days, so you'll have a price soon." in edit.new_body
    assert "48" not in edit.new_body and "72" not in edit.new_body


LIMIT_OLD = "Members can borrow up to 10 books at once from the front desk without booking."
PAST_OLD = "For more than 10 books, call `reserve_books` and tell the member to allow 3 days."
RENEWALS = "The front desk can renew up to 10 books at once by phone."
BORROW = "You can borrow up to 10 books at once from the front desk without booking, so drop in."


def test_a_sentence_retelling_one_of_two_moved_sentences_is_no_kept_rule() -> None:
    rules = [
        Rule("H1", "sentence_changed", "Loans", PAST_OLD, PAST_OLD.replace("10", "6"), ""),
        Rule("H2", "sentence_changed", "Loans", LIMIT_OLD, LIMIT_OLD.replace("10", "6"), ""),
    ]
    moves = rule_moves(rules)
    kept = kept_rules(moves, rules, {"Loans": [r.new for r in rules], "Renewals": [RENEWALS]})
    assert kept == [RENEWALS]
    assert not states_kept_rule(moves, kept, BORROW)
    # a sentence on renewals still says the kept rule
    assert states_kept_rule(moves, kept, "The front desk renews up to 10 books at once by phone.")
