"""A range of named values extended by one, with a charge for it: a made-up dog groomer's
mobile van visited Monday to Friday and now visits Monday to Saturday, Saturday visits carrying
a $15 weekend fee (`visit_day = saturday`). The KB's units stating the old range on the van's
subject (prose, a table row) say the new range, the charge said once; the salon's "Monday to
Friday" hours (another subject) and the rest of the item stay byte for byte."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.extendedrange import EXTENDED_RANGE_REASON, extended_range
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rangegain import range_rules
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "The grooming van comes to your home Monday to Friday, from 9am to 5pm."
NEW = "The grooming van comes to your home Monday to Saturday, from 9am to 5pm."
FEE = (
    "Saturday van visits carry a $15 weekend fee: book them with weekend_fee_usd 15 and tell "
    "the owner about the fee."
)
CONDITION = Condition.from_dict(
    {
        "text": "tag van and visit_day = saturday",
        "atoms": [
            {"feature": "tag:van", "op": "tag"},
            {"feature": "visit_day", "op": "=", "value": "saturday"},
        ],
        "changed": {"matched": 3, "total": 3},
        "others": {"matched": 0, "total": 9},
    }
)
HUNKS = {
    "H1": {"kind": "sentence_changed", "section": "Van", "old": OLD, "new": NEW},
    "H2": {"kind": "sentence_added", "section": "Van", "old": None, "new": FEE},
}


def _facts() -> ChangeFacts:
    rules = [Rule("H2", "sentence_added", "Van", None, FEE, "added")]
    rules += range_rules(rules, HUNKS, {"H2"}, [CONDITION], Rule)
    facts = ChangeFacts(
        id="C1",
        title="now calls book_van",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["van-sat-a", "van-sat-b", "van-sat-c"],
        after_actions=[ActionFact("book_van")],
        conditions=[CONDITION],
        rules=rules,
        excerpts=[Excerpt(probe_id="van-sat-a", old="Sorry, weekdays only.", new="Booked!")],
        others=9,
        prompt_sections={"Van": [NEW, FEE]},
    )
    facts.moves = rule_moves(facts.rules)
    return facts


PROSE = "Our van visits Monday to Friday, between 9am and 5pm."
SALON = "The salon itself is open Monday to Friday for walk-ins."
ROW = "| Van visits | Monday to Friday, 9am to 5pm |"
ARTICLE = f"""# Grooming at home

{PROSE} {SALON}

| What | When |
|---|---|
{ROW}
| Nail clipping | $10, any visit |
"""


def test_the_unattributed_range_sentence_joins_the_rules_and_names_the_added_value() -> None:
    facts = _facts()
    assert [rule.hunk_id for rule in facts.rules] == ["H2", "H1"]
    ranged = extended_range(facts)
    assert ranged is not None
    assert (ranged.added, ranged.new_range) == ("Saturday", "Monday to Saturday")
    assert ranged.charge == "A $15 weekend fee applies on Saturdays."
    other = Rule("H2", "sentence_added", "Van", None, FEE, "added")
    sunday = Condition.from_dict(
        {
            "text": "visit_day = sunday",
            "atoms": [{"feature": "visit_day", "op": "=", "value": "sunday"}],
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 9},
        }
    )
    assert range_rules([other], HUNKS, {"H2"}, [sunday], Rule) == []


def test_the_old_range_on_the_subject_says_the_new_one_and_the_charge_once() -> None:
    facts = _facts()
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("home", ARTICLE)])) if i.affected
    ]
    marked = {c.sentence for c in impact.conflicts if EXTENDED_RANGE_REASON in c.reasons}
    assert marked == {PROSE, ROW}
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited == ARTICLE.replace(
        PROSE,
        "Our van visits Monday to Saturday, between 9am and 5pm. "
        "A $15 weekend fee applies on Saturdays.",
    ).replace(
        ROW,
        "| Van visits | Monday to Saturday, 9am to 5pm (a $15 weekend fee applies on Saturdays) |",
    )
    assert SALON in edited


def test_without_a_charge_for_the_added_value_nothing_is_read() -> None:
    facts = _facts()
    facts.rules = [r for r in facts.rules if r.hunk_id != "H2"]
    assert extended_range(facts) is None
