"""A category moved off an action the new prompt keeps for another category (a parcel firm:
refunds for delayed parcels now go to the carrier team, refunds for lost parcels are still
made at once within 5 days): the KB said of the kept case ("I'm sorry your parcel was lost.
I've refunded order … within 5 days", a section under "My parcel is lost", a row keyed "Your
parcel is lost", "Whenever we refund an order, …") is what those customers still get, and an
item that never names the changed case, where others do, is not the old rule either."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptrules import kept_rules
from behaviordiff.drafting.promptrule import voiced
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import titled_item

OLD = (
    "When a customer asks for a refund for a delayed parcel, refund it straight away: call "
    "`refund_order` (order_ref) and tell them the money is back on their card within 5 days."
)
NEW = (
    "When a customer asks for a refund for a delayed parcel, don't refund it yourself: pass it "
    'to the carrier team with `escalate_to` (order_ref, team "carrier") and tell them the '
    "carrier team will reply within 3 working days."
)
KEPT = (
    "When a customer asks for a refund for a lost parcel, call `refund_order` (order_ref) and "
    "tell them the money is back on their card within 5 days."
)
LOST_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nI'm so sorry your parcel was lost. I've refunded "
    "order {{ticket.custom_field_order}} in full, and the money will be back on your card "
    "within 5 days.\n\n{{current_user.first_name}}"
)
DONE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: your order {{ticket.custom_field_order}} "
    "is refunded in full.\n\n{{current_user.first_name}}"
)
ARTICLE = """# Delayed and lost parcels

## My parcel is delayed

Most delayed parcels turn up within a week.

## My parcel is lost

Ask us in the chat and we'll refund your order in full. The money will be back on your card
within 5 days.

## Is delivery refunded too?

Yes. Whenever we refund an order, the delivery charge comes back with it.
"""


def _facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Delayed parcels", OLD, NEW, "…")]
    sections = {"Lost parcels": [KEPT], "Delayed parcels": [NEW]}
    moves = rule_moves(rules)
    return ChangeFacts(
        id="C1",
        title="hands delayed-parcel refunds to the carrier team",
        kind="actions",
        facets=["actions", "escalation", "promises"],
        probe_ids=["d1", "d2", "d3"],
        before_actions=[ActionFact("refund_order", ())],
        after_actions=[ActionFact("escalate_to", (("team", "carrier"),))],
        conditions=[
            Condition.from_dict(
                {
                    "text": "parcel_status = delayed and tag refund",
                    "atoms": [
                        {"feature": "parcel_status", "op": "=", "value": "delayed"},
                        {"feature": "tag:refund", "op": "tag"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=rules,
        moves=moves,
        kept_rules=kept_rules(moves, rules, sections),
        prompt_sections=sections,
        others=9,
    )


def _conflicts() -> dict[str, set[str]]:
    knowledge = KnowledgeBase(
        [
            titled_item("macro", "Refunds::Lost parcel", LOST_MACRO),
            titled_item("macro", "Refunds::Done", DONE_MACRO),
            titled_item("article", "Delayed and lost parcels", ARTICLE),
        ]
    )
    return {
        impact.item.title: {conflict.sentence for conflict in impact.conflicts}
        for impact in rank_items(_facts(), knowledge)
    }


def test_the_kept_case_keeps_its_old_action_and_values() -> None:
    found = _conflicts()
    assert _facts().kept_rules == [KEPT]
    assert not found.get("Refunds::Lost parcel")
    article = found.get("Delayed and lost parcels", set())
    assert "Ask us in the chat and we'll refund your order in full." not in article
    assert not any(sentence.startswith("The money will be back") for sentence in article)
    assert not any(sentence.startswith("Whenever we refund") for sentence in article)


def test_an_item_never_naming_the_changed_case_is_no_trap() -> None:
    # "delayed" is named by the article; the done macro names no case at all
    assert not _conflicts().get("Refunds::Done")


def test_an_instruction_to_the_agent_said_as_ours() -> None:
    said = voiced(NEW)
    assert said is not None
    assert "ourselves" in said.statement and "yourself" not in said.statement


TABLE = """# Parcels at a glance

| If... | What happens |
|---|---|
| Your parcel is delayed | Most turn up within a week, or you can get a refund straight away |
| Your parcel is lost | Full refund, back on your card within 5 days |
"""


def test_the_case_rows_old_piece_says_the_new_rule() -> None:
    knowledge = KnowledgeBase([titled_item("article", "Parcels at a glance", TABLE)])
    impact = next(i for i in rank_items(_facts(), knowledge) if i.item.title.startswith("Parcels"))
    assert [c.sentence for c in impact.conflicts] == [
        "| Your parcel is delayed | Most turn up within a week, or you can get a refund straight "
        "away |"
    ]
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body == TABLE.replace(
        "or you can get a refund straight away",
        "or we pass it to the carrier team, and the carrier team will reply within 3 working days",
    )
