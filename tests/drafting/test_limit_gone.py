"""A limit withdrawn for everyone: a made-up library's loans lasted 21 days and now have no due
date ("Loans have no due date."), the change's condition the far side of the old limit
(`days_on_loan >= 21`). KB units stating the limit ("Books can be borrowed for 21 days from
the day you take them out", a list item "- Each loan lasts 21 days from checkout.") say the new
sentence; the same number said of another thing on the same subject ("Loans of e-readers come
with a 21 days' charge guarantee") shares only what both sentences say, and stays."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.limitgone import LIMIT_GONE_REASON, limit_gone
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Loans last 21 days from checkout."
NEW = "Loans have no due date."
REFUSE_OLD = (
    "If the book has been out 21 or more days, do not call `renew_loan`: tell the member the "
    "loan is overdue."
)
REFUSE_NEW = "Whenever the book was taken out, renew it with `renew_loan` and confirm it."


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="now calls renew_loan",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["renew-21", "renew-30"],
        after_actions=[ActionFact("renew_loan")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "days_on_loan >= 21",
                    "atoms": [{"feature": "days_on_loan", "op": ">=", "value": 21}],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[
            Rule("H2", "sentence_changed", "Loans", REFUSE_OLD, REFUSE_NEW, "changed"),
            Rule("H1", "sentence_changed", "Loans", OLD, NEW, "changed"),
        ],
        excerpts=[Excerpt(probe_id="renew-21", old="It's overdue.", new="Renewed!")],
        others=6,
        prompt_sections={"Loans": [NEW, REFUSE_NEW]},
    )
    facts.moves = rule_moves(facts.rules)
    return facts


STATED = "Loans can be borrowed for 21 days from the day of checkout, so return them in time."
LISTED = "- Each loan lasts 21 days from checkout."
TRAP = "Loans of e-readers come with a 21 days' battery guarantee."
ARTICLE = f"""# Borrowing

{STATED} {TRAP}

## Terms

{LISTED}
- Members can borrow up to 8 books.
"""


def test_the_limit_is_read_from_the_sentence_that_lost_its_number() -> None:
    gone = limit_gone(_facts())
    assert gone is not None and gone.said == NEW
    facts = _facts()
    facts.rules = [facts.rules[0]]
    assert limit_gone(facts) is None


def test_units_stating_the_limit_say_the_new_rule_the_same_number_elsewhere_stays() -> None:
    facts = _facts()
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("borrowing", ARTICLE)])) if i.affected
    ]
    marked = {c.sentence for c in impact.conflicts if LIMIT_GONE_REASON in c.reasons}
    assert marked == {STATED, LISTED}
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited == ARTICLE.replace(STATED, NEW).replace(LISTED, f"- {NEW}")
    assert TRAP in edited


def test_the_note_says_the_limit_is_withdrawn_beside_the_rule_it_lifts() -> None:
    note = TemplateDrafter().note(_facts(), [], None)
    assert f"It also says: “{NEW}”" in note.after
