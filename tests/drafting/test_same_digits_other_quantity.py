"""A bare number moved in a prompt sentence that states it of a unit ("23 kg or less" → "20
kg or less"), for an airline's checked bags: the same digits said as money in a KB sentence
("£23") are another quantity and stay, even where the sentence shares the rule's words; a
conversion the KB glosses the old value with, written cut short rather than rounded ("23 kg
(50 lb)" for 50.7 lb), goes with it."""

from __future__ import annotations

from behaviordiff.drafting.equalvalue import conversion_span
from behaviordiff.drafting.rules import RuleMove, old_statements, rewrite_sentence, states_old_rule

OLD = (
    "Checked bags must weigh 23 kg or less: for a heavier checked bag, tell the passenger "
    "to repack it or pay for an extra checked bag."
)
MOVE = RuleMove("h1", OLD, OLD.replace("23 kg", "20 kg"), "23", "20", "value")


def test_the_same_digits_as_money_are_not_the_old_value() -> None:
    money = "An extra checked bag costs £23 when you add it online, so a heavier bag can travel."
    assert old_statements(MOVE, money) == []
    assert not states_old_rule(MOVE, money)
    assert rewrite_sentence(MOVE, money) is None
    # the value of the rule's own unit is
    assert states_old_rule(MOVE, "Each checked bag must weigh 23 kg or less.")


def test_money_stays_the_value_where_the_prompt_says_it_of_no_other_unit() -> None:
    for old in (
        "A checked bag costs £23: add it with `add_bag`.",
        "A checked bag costs 23 pounds: add it with `add_bag`.",
        "Add a checked bag with `add_bag`, fee 23.",
        "Bags of 23 or more cost extra.",
    ):
        move = RuleMove("h1", old, old.replace("23", "20"), "23", "20", "value")
        assert old_statements(move, "Checked bags cost £23 each.")


def test_a_conversion_cut_short_goes_with_the_old_value() -> None:
    # 23 kg is 50.7 lb: written "50 lb", cut short, not rounded
    assert conversion_span(" kg (50 lb)", 0, "23") == (3, 11)
    assert (
        rewrite_sentence(MOVE, "- Checked bag: up to 23 kg (50 lb)") == "- Checked bag: up to 20 kg"
    )
    # rounded up past the value, or further off, it is no conversion of it: a writer restates
    assert conversion_span(" kg (52 lb)", 0, "23") is None
    assert rewrite_sentence(MOVE, "- Checked bag: up to 23 kg (49 lb)") is None
