"""A limit withdrawn where the new sentence keeps every word of the old one (made-up domain: a
tool library's members could borrow up to 3 tools a month; now "Members can borrow as many
tools as they like: there's no limit on how many tools they borrow in a month."). No word was
dropped, so a KB unit states the limit where it says the amount as a bound ("up to 3 tools",
"up to three tools"); the refusal whose case names the amount ("If they've already borrowed 3
tools this month, …") is when the old rule applied, not the limit. A unit speaking to the
reader gets the new sentence in the second person; one flagged by another rule first is
rewritten all the same; a clause beside the limit joined by "and" stays after the new sentence;
the same amount said of something else stays."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.limitgone import limit_gone, said_for
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from tests.drafting.kit import kb_item

OLD = "Members can borrow up to 3 tools a month."
NEW = (
    "Members can borrow as many tools as they like: there's no limit on how many tools they "
    "borrow in a month."
)
REFUSE_OLD = (
    "If they've already borrowed 3 tools this month, don't call `lend_tool`: tell them "
    "they've reached this month's limit."
)
REFUSE_NEW = "If a member mentions the tools they've borrowed, reassure them there's no limit."


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="now calls lend_tool",
        kind="actions",
        facets=["actions", "refusal"],
        probe_ids=["lend-3", "lend-5"],
        after_actions=[ActionFact("lend_tool")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tools_borrowed_this_month >= 3",
                    "atoms": [{"feature": "tools_borrowed_this_month", "op": ">=", "value": 3}],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[
            Rule("H2", "sentence_changed", "Borrowing", REFUSE_OLD, REFUSE_NEW, "changed"),
            Rule("H1", "sentence_changed", "Borrowing", OLD, NEW, "changed"),
        ],
        excerpts=[Excerpt(probe_id="lend-3", old="You've reached the limit.", new="Done!")],
        others=6,
        prompt_sections={"Borrowing": [NEW, REFUSE_NEW]},
    )
    facts.moves = rule_moves(facts.rules)
    return facts


STATED = "You can borrow up to 3 tools a month, and each one comes with a safety sheet."
SO = "Members can borrow up to three tools a month, so plan your jobs ahead."
TRAP = "Our 3 tools of the month are listed on the homepage."
LISTED = "- Borrowing: up to three tools per month"
ARTICLE = f"""# How borrowing works

{STATED} {TRAP} {SO}

## At a glance

{LISTED}
- Each tool goes back within 7 days
"""


def test_the_limit_is_the_bound_the_sentence_states_not_the_refusal_s_case() -> None:
    gone = limit_gone(_facts())
    assert gone is not None and gone.said == NEW and gone.bounded


def test_units_saying_the_bound_say_the_new_rule_in_their_voice() -> None:
    facts = _facts()
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("borrowing", ARTICLE)])) if i.affected
    ]
    edited = TemplateDrafter().edit(facts, impact).new_body
    you = (
        "You can borrow as many tools as you like: there's no limit on how many tools you "
        "borrow in a month, and each one comes with a safety sheet."
    )
    # the clause joined by "and" says something beside the limit and stays; one joined by
    # "so" follows from it and goes with it
    assert edited == ARTICLE.replace(STATED, you).replace(SO, NEW).replace(LISTED, f"- {NEW}")
    assert TRAP in edited


def _edited(body: str) -> str | None:
    facts = _facts()
    impacts = [i for i in rank_items(facts, KnowledgeBase([kb_item("a", body)])) if i.affected]
    return TemplateDrafter().edit(facts, impacts[0]).new_body if impacts else None


def test_a_table_row_stating_the_limit_is_a_writer_s() -> None:
    row = f"| Plan | Borrowing |\n| --- | --- |\n| Members | {OLD.rstrip('.')} |"
    assert _edited(row) is None


def test_a_unit_about_other_people_is_never_given_the_new_sentence() -> None:
    body = f"{OLD} Non-members can borrow up to 3 tools a year."
    edited = _edited(body)
    assert edited is None or "Non-members can borrow up to 3 tools a year." in edited


def test_another_clause_or_markup_beside_the_limit_is_a_writer_s() -> None:
    assert _edited("You can borrow up to 3 tools a month, but power tools need a deposit.") is None
    assert _edited("Members can borrow up to **3 tools** a month.") is None


def test_a_them_that_may_be_others_keeps_the_prompt_s_voice() -> None:
    gone = limit_gone(_facts())
    assert gone is not None
    said = "Members can bring guests as long as they sign them in: there's no limit."
    assert said_for(replace(gone, said=said), "You can borrow up to 3 tools a month.") == said
    said = (
        "Customers can return items whenever they like; there's no limit on how many items a "
        "customer returns."
    )
    assert said_for(replace(gone, said=said), "You can borrow up to 3 tools a month.") == (
        "You can return items whenever you like; there's no limit on how many items you return."
    )


def test_html_emphasis_inside_the_sentence_is_a_writer_s() -> None:
    facts = _facts()
    body = "<p>You can borrow <strong>up to 3 tools</strong> a month.</p>"
    item = KnowledgeItem(
        kind="article", id="h", title="H", body=body, body_format="html", source="kb", record="h"
    )
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    assert TemplateDrafter().edit(facts, impact).new_body is None
