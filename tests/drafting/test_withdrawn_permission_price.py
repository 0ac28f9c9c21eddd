"""A permission withdrawn for one category at a price: the new prompt keeps it for the other
category and says, with the category as its subject, that the one no longer gets it and what
it costs there. Each sentence granting it to all says so (its closing claim over the
category's feature dropped, one about anything else kept), the category's table cell saying
the grant's word says it is not so, at that price, and a note quotes the row's key and that
cell, never the other columns' figures. A gym whose assistant told every member towels were
included, and now tells Basic members a towel is $3 a visit."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.permission import (
    PERMISSION_ROW_REASON,
    limited_grant,
    still_granted,
    withdrawn_permission,
    withdrawn_rows,
)
from behaviordiff.drafting.quoteclause import item_quote
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = "Towels are included with every membership, whatever the plan."
NEW = "Towels are included with Premium memberships."
DENIAL = "Basic memberships do not include towels; members on Basic can rent one for $3 per visit."
SAID = (
    "Towels are included with Premium memberships; Basic memberships do not include towels; "
    "members on Basic can rent one for $3 per visit"
)
TABLE = (
    "# Our plans\n\n"
    "| Plan | Classes | Towels | Price |\n"
    "|---|---|---|---|\n"
    "| Premium | Unlimited | Included | $60 a month |\n"
    "| Basic | 8 a month | Included | $35 a month |\n\n"
    "Whichever plan you choose, the showers are free.\n"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="check_in(towel=true) → check_in(towel=false)",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("check_in", ())],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "plan", "op": "=", "value": "basic"}]})
        ],
        rules=[
            Rule("H1", "sentence_changed", "Towels", OLD, f"{NEW} {DENIAL}", "changed"),
            Rule("H2", "sentence_added", "Towels", None, DENIAL, "added"),
        ],
        others=6,
    )


def test_the_denial_with_the_category_as_its_subject_is_said_with_its_price() -> None:
    permission = withdrawn_permission(_facts())
    assert permission is not None
    assert permission.denial == DENIAL
    assert permission.price() == "$3 per visit"
    # the closing claim over the plan goes with the scope; one about the weather stays
    assert (
        limited_grant(
            permission, "Towels are included with every membership, whatever the plan you're on."
        )
        == f"{SAID}."
    )
    assert (
        limited_grant(
            permission, "Towels are included with every membership, whatever the weather."
        )
        == f"{SAID}, whatever the weather."
    )
    # what followed from the grant for all is not so where Basic members now pay
    assert (
        limited_grant(
            permission, "Towels are included with every membership, so there's nothing to pay."
        )
        == f"{SAID}."
    )


def test_the_category_cell_saying_the_grant_word_says_it_is_not_so_at_the_price() -> None:
    permission = withdrawn_permission(_facts())
    assert permission is not None
    rows = TABLE.split("\n")[2:6]
    assert withdrawn_rows(permission, rows) == {
        3: "| Basic | 8 a month | Not included ($3 per visit) | $35 a month |"
    }


def test_the_table_is_edited_and_the_note_quotes_the_key_and_the_cell_only() -> None:
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Our plans", TABLE, "markdown", "kb", "a")])
    facts = _facts()
    [impact] = rank_items(facts, kb)
    assert [(c.sentence, c.reasons) for c in impact.conflicts] == [
        ("| Basic | 8 a month | Included | $35 a month |", (PERMISSION_ROW_REASON,))
    ]
    assert item_quote(facts, impact) == "Plan: Basic; Towels: Included"
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == TABLE.replace(
        "| Basic | 8 a month | Included |", "| Basic | 8 a month | Not included ($3 per visit) |"
    )
    assert still_granted(facts, str(edit.new_body), "markdown") == []
    # a sentence saying the denial is no grant for every case
    assert still_granted(facts, f"{SAID}.", "markdown") == []
