"""A promise whose channel and time frame change together, for one category of customers: a
motor insurer's Premier customers were phoned by a claims handler within 2 days of filing a
claim, and are now emailed within 1 day; Standard customers keep theirs. The KB states both new
facets, drops what only made sense for a call, and a table's Premier cell becomes the new
promise in the table's own style, with no category named where the column names it."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove, rewrite_scoped_cell, rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.twofacets import promise_row, rewrite_promise
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD_RULE = (
    "Once a claim is filed, tell Premier customers a claims handler will phone them within 2 days."
)
NEW_RULE = (
    "Once a claim is filed, tell Premier customers a claims handler will email them within 1 day."
)
MOVE = RuleMove("H1", OLD_RULE, NEW_RULE, "2 days", "1 day", "value")

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for filing your claim. As a Premier customer, "
    "a claims handler will ring you within 2 days on the contact number we hold for you. Keep "
    "your phone nearby so you can answer.\n\nYour claim reference is {{ticket.id}}.\n\n"
    "Thanks,\nClaims team"
)
TABLE = """# Standard or Premier cover?

| | Standard | Premier |
|---|---|---|
| Courtesy car | No | Yes |
| First contact | Email within 5 days | Phone call from a claims handler within 2 days |

Switch cover at renewal.
"""


def _facts(rules: list[Rule] | None = None) -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="a call to the customer, 2 days → by email",
        kind="promises",
        facets=["promises"],
        probe_ids=["claim-1", "claim-2", "claim-3"],
        removed_promises=[
            Promise("callback", "a call to the customer"),
            Promise("duration", "2 days"),
        ],
        added_promises=[Promise("channel", "email"), Promise("duration", "1 day")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "cover = premier and tag claim",
                    "atoms": [
                        {"feature": "cover", "op": "=", "value": "premier"},
                        {"feature": "tag:claim", "op": "tag"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=rules or [Rule("H1", "sentence_changed", "Claims", OLD_RULE, NEW_RULE, "…")],
        excerpts=[
            Excerpt(
                f"claim-{n}",
                "Your claim is filed. A claims handler will phone you within 2 days.",
                "Your claim is filed. A claims handler will email you within 1 day.",
            )
            for n in (1, 2, 3)
        ],
        others=6,
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def test_a_sentence_states_both_new_facets() -> None:
    assert (
        rewrite_promise("A claims handler will ring you within 2 days.", [MOVE], "phone", "email")
        == "A claims handler will email you within 1 day."
    )
    # the channel in words the rewrite does not know: no half edit (the new time on a call)
    assert (
        rewrite_promise(
            "A claims handler will call you on your mobile within 2 days.",
            [MOVE],
            "phone",
            "email",
        )
        is None
    )


def test_a_promise_that_also_changed_hands_is_left_to_a_writer() -> None:
    # who keeps it moved too (a claims handler → our claims team): the rewrite would keep
    # the old one
    handed = RuleMove(
        "H1",
        OLD_RULE,
        "Once a claim is filed, tell Premier customers our claims team will email them within "
        "1 day.",
        "2 days",
        "1 day",
        "value",
    )
    sentence = "A claims handler will ring you within 2 days, 7 days a week."
    assert rewrite_promise(sentence, [handed], "phone", "email") is None
    assert rewrite_promise(sentence, [MOVE], "phone", "email") == (
        "A claims handler will email you within 1 day, 7 days a week."
    )


def test_a_table_cell_for_the_category_takes_the_new_promise_in_the_tables_style() -> None:
    header = "| | Standard | Premier |"
    row = "| First contact after a claim | Email within 5 days | Phone call within 2 days |"
    assert promise_row(row, header, [MOVE], "phone", "email", "premier") == (
        "| First contact after a claim | Email within 5 days | Email within 1 day |"
    )
    # a row keyed by the category: its cell, said in its own words when no cell has the style
    keyed = "| Premier | we ring you within 2 days |"
    assert promise_row(keyed, "| Cover | First contact |", [MOVE], "phone", "email", "premier") == (
        "| Premier | we email you within 1 day |"
    )
    # categories as rows: the same column of another category's row has the style
    rows = ["| Standard | Email within 5 days |"]
    assert promise_row(
        "| Premier | Phone call within 2 days |",
        "| Cover | First contact |",
        [MOVE],
        "phone",
        "email",
        "premier",
        rows,
    ) == ("| Premier | Email within 1 day |")
    # the other category's cell that says something the new rule does not is no style to copy
    busy = "| Contact | Email within 5 days, weekdays only | Phone call within 2 days |"
    assert promise_row(busy, header, [MOVE], "phone", "email", "premier") is None


def test_a_value_in_the_categorys_column_moves_with_nothing_named_beside_it() -> None:
    header = "| | Standard | Premier |"
    row = "| Repairs guaranteed for | 2 days | 2 days |"
    assert rewrite_scoped_cell(MOVE, row, header, "premier") == (
        "| Repairs guaranteed for | 2 days | 1 day |"
    )
    # the table names the category nowhere: left to the sentence's own rewrite
    assert rewrite_scoped_cell(MOVE, row, "| | Basic | Plus |", "premier") is None


def test_the_macro_and_the_table_state_the_new_channel_and_time_frame() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            kb_item("claim-filed", MACRO, kind="macro", title="Claims::Filed - Premier"),
            kb_item("cover", TABLE),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:claim-filed"])
    assert macro.new_body == (
        "Hi {{ticket.requester.first_name}},\n\nThanks for filing your claim. As a Premier "
        "customer, a claims handler will email you within 1 day at the email address we hold "
        "for you.\n\nYour claim reference is {{ticket.id}}.\n\nThanks,\nClaims team"
    )
    assert "Keep your phone nearby" in macro.rationale
    table = drafter.edit(facts, impacts["article:cover"])
    assert table.new_body == TABLE.replace(
        "Phone call from a claims handler within 2 days", "Email within 1 day"
    )


def test_a_table_of_one_row_per_category_takes_the_style_of_the_other_rows() -> None:
    article = (
        "# Claims\n\n| Cover | First contact |\n|---|---|\n| Standard | Email within 5 days |\n"
        "| Premier | Phone call within 2 days |\n\nCall us on 0800 000 000 to file a claim.\n"
    )
    facts = _facts()
    [impact] = [
        impact
        for impact in rank_items(facts, KnowledgeBase([kb_item("claims", article)]))
        if impact.affected
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == article.replace("Phone call within 2 days", "Email within 1 day")


def test_a_sentence_for_every_customer_is_left_to_a_writer() -> None:
    # the sentence is sent to Standard customers too, who keep the call: no edit to guess
    facts = _facts()
    body = "Hi,\n\nA claims handler will ring you within 2 days of your claim.\n\nThanks"
    knowledge = KnowledgeBase([kb_item("claim-filed", body, kind="macro", title="Claims::Filed")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    said = edit.new_body or ""
    assert "ring you within 1 day" not in said
    assert "1 day for premier" not in said


def test_a_half_moved_edit_is_refused_whoever_drafted_it() -> None:
    # a drafting model gets the same facts and the same checks as the template
    from behaviordiff.drafting.checks import kb_text_problems
    from behaviordiff.drafting.drafters import LLMDrafter
    from behaviordiff.drafting.twofacets import half_moved

    facts = _facts()
    knowledge = KnowledgeBase(
        [
            kb_item("claim-filed", MACRO, kind="macro", title="Claims::Filed - Premier"),
            kb_item("cover", TABLE),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    macro, table = impacts["macro:claim-filed"], impacts["article:cover"]
    drafter = TemplateDrafter()
    for impact in (macro, table):
        edit = drafter.edit(facts, impact)
        assert edit.new_body is not None
        assert half_moved(facts, impact, edit.new_body) == []
    # the new time on the old channel, in a sentence or in the case's table cell
    half = MACRO.replace("within 2 days", "within 1 day")
    assert any("old channel" in p for p in kb_text_problems(facts, macro, half))
    half_row = TABLE.replace("a claims handler within 2 days", "a claims handler within 1 day")
    assert any("old channel" in p for p in half_moved(facts, table, half_row))
    # both facets said, but the sentence only true of a call kept after it
    kept = MACRO.replace(
        "ring you within 2 days on the contact number",
        "email you within 1 day at the email address",
    )
    assert [p for p in half_moved(facts, macro, kept) if "Keep your phone nearby" in p]
    common = LLMDrafter(model=None, model_name="fake")._common(  # type: ignore[arg-type]
        facts, drafter.note(facts, [macro], None)
    )
    assert "by phone → by email" in common["two_facets"]
    assert "2 days → 1 day" in common["two_facets"]
