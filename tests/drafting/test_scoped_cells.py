"""A value moved for one category, stated in a table whose column (or row) is that category's:
the cell under it takes the new value and nothing else, since the table names the category
already ("| 2 days | 1 day |", never "2 days (1 day for premier)"); the other categories'
cells keep theirs. On a motor insurer whose Premier customers now get a first reply within 1
day instead of 2."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove, rewrite_scoped_cell, rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD_RULE = "Premier customers get a first reply from a claims handler by email within 2 days."
NEW_RULE = "Premier customers get a first reply from a claims handler by email within 1 day."
MOVE = RuleMove("H1", OLD_RULE, NEW_RULE, "2 days", "1 day", "value")
TABLE = """# Standard or Premier cover?

| | Standard | Premier |
|---|---|---|
| Courtesy car | No | Yes |
| First reply from a claims handler | By email within 2 days | By email within 2 days |

Switch cover at renewal.
"""


def test_the_cell_under_the_categorys_column_takes_the_new_value_alone() -> None:
    header = "| | Standard | Premier |"
    row = "| Repairs start within | 2 days | 2 days |"
    assert rewrite_scoped_cell(MOVE, row, header, "premier") == (
        "| Repairs start within | 2 days | 1 day |"
    )
    # a row keyed by the category: its value cells
    assert rewrite_scoped_cell(MOVE, "| Premier | 2 days |", "| Cover | Repairs |", "premier") == (
        "| Premier | 1 day |"
    )
    # the table names the category nowhere, or its cell does not state the old value: no edit
    assert rewrite_scoped_cell(MOVE, row, "| | Basic | Plus |", "premier") is None
    assert rewrite_scoped_cell(MOVE, "| Repairs | 2 days | 3 days |", header, "premier") is None


def test_a_table_edit_names_no_category_its_column_names() -> None:
    facts = ChangeFacts(
        id="C1",
        title="2 days → 1 day",
        kind="promises",
        facets=["promises"],
        probe_ids=["claim-1", "claim-2"],
        removed_promises=[Promise("duration", "2 days")],
        added_promises=[Promise("duration", "1 day")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "cover = premier",
                    "atoms": [{"feature": "cover", "op": "=", "value": "premier"}],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 4},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Claims", OLD_RULE, NEW_RULE, "…")],
        excerpts=[
            Excerpt(
                f"claim-{n}",
                "A claims handler will reply by email within 2 days.",
                "A claims handler will reply by email within 1 day.",
            )
            for n in (1, 2)
        ],
        others=4,
    )
    facts.moves = rule_moves(facts.rules)
    knowledge = KnowledgeBase([kb_item("cover", TABLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == TABLE.replace(
        "| By email within 2 days | By email within 2 days |",
        "| By email within 2 days | By email within 1 day |",
    )
