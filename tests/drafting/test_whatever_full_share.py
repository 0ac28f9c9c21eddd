"""A full refund made a share for one category of a reason (a pottery studio's course fee:
withdraw_reason = schedule_clash now gets 25% back, illness still 100%) while the KB says
"a full refund, whatever your reason": the claim is about the change when it, its paragraph,
heading or title names the change's subject (withdrawing), and the same words said of
another subject (shop returns) are kept. The template says the full refund for the rest and
the share for the category, in the item's words, and a table row keyed by the category says
the share in its own cell; rows of the other reasons stay byte for byte."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.samewhatever import SAME_WHATEVER_REASON
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import kb_item


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="withdraw_course: refund_percent 100 → 25",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        others=6,
        removed_promises=[Promise("term", "full refund")],
        added_promises=[Promise("percent", "25%")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag withdraw and withdraw_reason = schedule_clash",
                    "atoms": [
                        {"feature": "tag:withdraw", "op": "tag"},
                        {"feature": "withdraw_reason", "op": "=", "value": "schedule_clash"},
                    ],
                }
            )
        ],
    )


_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nI've taken you off the course as you asked. "
    "Whatever your reason for withdrawing, you'll get a full refund of the course fee.\n\n"
    "It reaches your card within 3 working days.\n\nClay & Kiln"
)
_ARTICLE = (
    "# Withdrawing from a course\n\n## Do I get my fee back?\n\nYes. You get a full refund "
    "whatever your reason, and there's no form to fill in. It reaches your card within 3 "
    "working days.\n\n## What you get back\n\n| Why you're withdrawing | What you get back |\n"
    "| --- | --- |\n| Schedule clash | A full refund (100%) |\n| Illness | A full refund (100%) |\n"
)
_SHOP = (
    "# Gift vouchers and our shop\n\n## Gift vouchers\n\nA voucher pays the course fee of any "
    "course. If you withdraw from a course paid by voucher, for whatever reason, the refund "
    "goes back on a new voucher.\n\n"
    "## Returning something from the shop\n\nGlazes and tools bought in our shop can be "
    "returned unused within 14 days for a full refund, whatever your reason.\n"
)


def _impacts(*items: KnowledgeItem) -> dict[str, Impact]:
    found = rank_items(_facts(), KnowledgeBase(list(items)))
    return {impact.item.key: impact for impact in found}


def test_the_same_claim_about_another_subject_is_kept() -> None:
    impacts = _impacts(
        kb_item("withdrawing", _MACRO, kind="macro"),
        kb_item("withdrawing", _ARTICLE),
        kb_item("shop", _SHOP),
    )
    assert impacts["macro:withdrawing"].affected
    assert any(
        reason.startswith(SAME_WHATEVER_REASON)
        for conflict in impacts["macro:withdrawing"].conflicts
        for reason in conflict.reasons
    )
    assert "article:shop" not in impacts or not impacts["article:shop"].conflicts
