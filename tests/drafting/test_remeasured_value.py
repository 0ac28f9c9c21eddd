"""A value moved into another measure, said by the KB in its own unit. A bicycle workshop's
prompt said a service is finished "within 72 hours" of drop-off and now says "within 4
working days"; its help centre says "within three days" and "within 3 days". Each states the
old time (72 hours are three days) and takes the new one in its own unit, in the KB's style:
"within four working days", "within 4 working days". An adjective ("a three-day service")
takes no two-word unit: a writer restates it."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import kept_conflicts
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, rule_moves, where_stated
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = "Tell the customer their bike will be serviced within 72 hours of drop-off."
NEW = "Tell the customer their bike will be serviced within 4 working days of drop-off."


def _move() -> RuleMove:
    [move] = rule_moves([Rule("H1", "sentence_changed", "Servicing", OLD, NEW, "…")])
    return move


def test_the_old_time_in_days_is_the_old_value() -> None:
    move = _move()
    assert (move.old, move.new) == ("72 hours", "4 working days")
    said = "We service your bike within three days of drop-off."
    assert [found.group(0) for found in where_stated(move.old, said)] == ["three days"]


def test_the_new_time_is_written_in_its_own_unit_in_the_kbs_style() -> None:
    move = _move()
    assert rewrite_sentence(move, "We service your bike within three days of drop-off.") == (
        "We service your bike within four working days of drop-off."
    )
    assert rewrite_sentence(move, "Three days is all a full service takes.") == (
        "Four working days is all a full service takes."
    )
    assert rewrite_sentence(move, "We service your bike within 3 days of drop-off.") == (
        "We service your bike within 4 working days of drop-off."
    )
    # a possessive keeps its apostrophe, in the new unit's grammar
    assert rewrite_sentence(move, "Allow us three days’ work on it.") == (
        "Allow us four working days’ work on it."
    )


def test_an_adjective_is_left_to_a_writer() -> None:
    assert rewrite_sentence(_move(), "Book our three-day service at the counter.") is None


def test_a_model_edit_still_saying_the_old_time_in_days_is_refused() -> None:
    atom = {"feature": "hours", "op": ">", "value": 72.0}
    facts = moved_facts([Rule("H1", "sentence_changed", "Servicing", OLD, NEW, "…")], [atom])
    said = "We service your bike within three days of drop-off."
    item = kb_item("service", f"# Servicing\n\n{said}\n")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    template = TemplateDrafter().edit(facts, impact).new_body
    kept = "# Servicing\n\nYour bike is ready within three days of drop-off.\n"
    assert any("(as “three days”)" in p for p in kept_conflicts(facts, impact, kept, template))
    moved = kept.replace("three days", "four working days")
    assert kept_conflicts(facts, impact, moved, template) == []
    # how often, not how long
    rate = f"{moved.rstrip()} The workshop opens three days a week.\n"
    assert kept_conflicts(facts, impact, rate, template) == []
