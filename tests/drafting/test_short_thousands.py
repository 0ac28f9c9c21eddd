"""An amount in whole thousands that a KB writes in short ("£20k" for "£20,000"): a wholesaler
approves trade orders up to £20,000 on the spot, now up to £15,000. The KB's sentence saying
"up to £20k" states the old line as much as "over £20,000" does: it is found, and moves in
the short form it was written in; a new amount in no whole thousands is written in full."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, states_value
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = "Trade orders over £20,000 need a manager's sign-off: call `request_approval`."
NEW = OLD.replace("£20,000", "£15,000")
ARTICLE = """# Placing a trade order

## When is my order confirmed?

Trade orders up to £20k are confirmed on the spot, and most ship the next working day.

Orders over £20,000 need a manager's sign-off before we confirm them.

## Deliveries

Deliveries over £2,000 are free.
"""


def _move(new: str) -> RuleMove:
    return RuleMove("h1", OLD, OLD.replace("£20,000", new), "£20,000", new, "value")


def test_whole_thousands_in_short_are_the_same_amount() -> None:
    assert states_value("£20,000", "Anything up to £20k is confirmed.")
    assert states_value("£20,000", "Anything up to £20K is confirmed.")
    # another amount, or a longer word, is not it
    assert not states_value("£20,000", "Anything up to £200k is confirmed.")
    assert not states_value("£20,000", "Anything up to £2k is confirmed.")
    assert not states_value("£20,500", "Anything up to £20k is confirmed.")


def test_a_short_amount_moves_in_its_own_form() -> None:
    raw = "Anything up to £20k is confirmed on the spot."
    assert rewrite_sentence(_move("£15,000"), raw) == (
        "Anything up to £15k is confirmed on the spot."
    )
    assert rewrite_sentence(_move("£17,500"), raw) == (
        "Anything up to £17,500 is confirmed on the spot."
    )


def test_the_short_sentence_is_edited_with_the_long_one() -> None:
    rule = Rule("H1", "sentence_changed", "Orders", OLD, NEW, "sentence changed")
    atom = {
        "feature": "order_gbp",
        "op": "between",
        "low": 15000.0,
        "high": 20000.0,
        "low_inclusive": False,
        "high_inclusive": True,
    }
    facts = moved_facts([rule], [atom])
    knowledge = KnowledgeBase([kb_item("trade-orders", ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == ARTICLE.replace("£20k", "£15k").replace("£20,000", "£15,000")
