"""A line that moves, stated in the KB from its other side: "Under-10s", "over 65s", "anyone
younger than 10" beside the sentence that states the near side. The far-side sentence moves
its number too; another line in it ("(18 or over)") and the same number on another topic
stay (made-up domains: a trampoline park, a swimming pool)."""

from __future__ import annotations

from behaviordiff.drafting.bands import far_side
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves, states_bound, where_stated
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts


def _rule(old: str, new: str) -> Rule:
    return Rule("H1", "sentence_changed", "Children", old, new, "sentence changed")


def _facts(rules: list[Rule]) -> ChangeFacts:
    return moved_facts(
        rules,
        [
            {"feature": "jumper_age", "op": ">=", "value": 8},
            {"feature": "jumper_age", "op": "<", "value": 10},
        ],
        title="jumps without an adult",
        text="jumper_age from 8 and under 10",
    )


NEAR = _rule(
    "Jumpers aged 10 to 17 may jump without an adult once a waiver is signed by a parent.",
    "Jumpers aged 8 to 17 may jump without an adult once a waiver is signed by a parent.",
)
FAR = _rule(
    "Under 10, a watching adult aged 18 or over stays in the park with them.",
    "Under 8, a watching adult aged 18 or over stays in the park with them.",
)

MACRO = """Hi {{ticket.requester.first_name}},

Jumpers aged 10 and over can jump without an adult, once a parent has signed our waiver. \
Under-10s are very welcome too, but a watching adult (18 or over) has to stay in the park \
with them.

Our 10-jump passes never expire.

Thanks,
{{current_user.first_name}}"""


def test_a_group_named_by_its_line_states_the_number() -> None:
    assert [m.group(0) for m in where_stated("10", "Under-10s jump with an adult.")] == ["10"]
    assert [m.group(0) for m in where_stated("65", "Swimmers over 65s swim free.")] == ["65"]
    # a decade or a count is no group on one side of a line
    assert not where_stated("10", "We opened in the 1910s.")
    assert not where_stated("10", "Pick 10s or 20s.")


def test_the_far_side_in_words_of_age_is_a_bound() -> None:
    [move] = rule_moves([NEAR])
    assert states_bound(move, "Under-10s need a watching adult.")
    assert states_bound(move, "Anyone younger than 10 needs a watching adult.")
    assert not states_bound(move, "Our 10-jump passes never expire.")
    assert not states_bound(move, "Under-8s need a watching adult.")
    assert rewrite_sentence(move, "Under-10s need a watching adult (18 or over).") == (
        "Under-8s need a watching adult (18 or over)."
    )


def test_the_far_side_beside_the_near_side_moves_its_number_only() -> None:
    for rules in ([NEAR], [NEAR, FAR]):
        facts = _facts(rules)
        knowledge = KnowledgeBase([kb_item("alone", MACRO, kind="macro")])
        [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
        edit = TemplateDrafter().edit(facts, impact)
        assert edit.new_body == MACRO.replace("aged 10 and over", "aged 8 and over").replace(
            "Under-10s", "Under-8s"
        ), rules


RAISED = _rule(
    "Jumpers aged 10 to 17 may jump without an adult once a waiver is signed by a parent.",
    "Jumpers aged 12 to 17 may jump without an adult once a waiver is signed by a parent.",
)
BAND = Rule(
    "H2",
    "sentence_added",
    "Children",
    None,
    "Jumpers aged 10 or 11 may jump without an adult only in the junior zone, for a £2 "
    "wristband fee.",
    "sentence added",
)


def test_the_far_side_of_a_line_the_new_prompt_still_draws_stays() -> None:
    # the line at 10 still bounds the new rule for 10- and 11-year-olds: what it says of the
    # under-10s did not change, in whichever words of age it says it
    facts = _facts([RAISED, BAND])
    [move] = facts.moves
    assert far_side(facts.rules, move, "Under-10s need a watching adult.")
    assert far_side(facts.rules, move, "Anyone younger than 10 needs a watching adult.")
    assert not far_side(facts.rules, move, "Anyone older than 10 may jump alone.")
    knowledge = KnowledgeBase([kb_item("alone", MACRO, kind="macro")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert [c.sentence for c in impact.conflicts] == [
        "Jumpers aged 10 and over can jump without an adult, once a parent has signed our waiver."
    ]


def test_a_value_before_a_comma_moves_without_it() -> None:
    [move] = rule_moves([FAR])
    assert (move.old, move.new) == ("10", "8")
    [grouped] = rule_moves([_rule("Orders over $1,000, we call.", "Orders over $2,500, we call.")])
    assert (grouped.old, grouped.new) == ("$1,000", "$2,500")
    body = (
        "Jumpers aged 10 and over can jump without an adult, once a parent has signed our "
        "waiver.\n\nAnyone younger than 10 is welcome too, but a watching adult (18 or over) "
        "has to stay in the park with them.\n"
    )
    facts = _facts([NEAR, FAR])
    knowledge = KnowledgeBase([kb_item("alone", body, kind="macro")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace("10 and over", "8 and over").replace(
        "younger than 10", "younger than 8"
    )


def test_the_same_line_on_another_topic_beside_it_stays() -> None:
    body = (
        "Jumpers aged 10 and over can jump without an adult, once a parent has signed our "
        "waiver. Under-10s get 10% off party bookings on weekdays.\n"
    )
    facts = _facts([NEAR])
    knowledge = KnowledgeBase([kb_item("alone", body, kind="macro")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace("aged 10 and over", "aged 8 and over")
