"""A full refund made a share for one category of a reason (a pottery studio's course fee:
withdraw_reason = schedule_clash now gets 25% back, illness still 100%) while the KB says
"a full refund, whatever your reason": the claim is about the change when it, its paragraph,
heading or title names the change's subject (withdrawing), and the same words said of
another subject (shop returns) are kept. The template says the full refund for the rest and
the share for the category, in the item's words, and a table row keyed by the category says
the share in its own cell; rows of the other reasons stay byte for byte."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule, relevant_rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.rules import RuleMove
from behaviordiff.drafting.samewhatever import (
    SAME_WHATEVER_REASON,
    still_full_for_case,
    still_same_whatever,
    whatever_case,
    without_whatever,
)
from behaviordiff.drafting.wholeshare import share_row
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

_OLD_RULE = (
    "Whatever the reason (a schedule clash, illness or a course we cancelled), refund the full "
    "fee: refund_percent 100."
)
_NEW_RULE = "Schedule clash: refund a quarter of the fee, refund_percent 25."
_KEPT_RULE = "Illness or a course we cancelled: refund the full fee, refund_percent 100."


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="withdraw_course: refund_percent 100 → 25",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        others=6,
        rules=[
            Rule("H1", "sentence_changed", "Withdrawing", _OLD_RULE, _NEW_RULE, ""),
            Rule("H2", "sentence_added", "Withdrawing", None, _KEPT_RULE, ""),
        ],
        moves=[RuleMove("H1", _OLD_RULE, _NEW_RULE, "100", "25", "value")],
        moved=[
            MovedValue(
                ActionFact("withdraw_course"),
                "refund_percent",
                (("p1", 100.0, 25.0), ("p2", 100.0, 25.0)),
            )
        ],
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


def test_a_full_refund_claimed_for_every_reason_keeps_it_for_the_rest_and_says_the_share() -> None:
    case = whatever_case(_facts())
    assert case is not None
    # a claim with no clause of its own, leading or after the value; "no need to say why"
    # goes with it: what the customer gets now depends on the reason
    assert without_whatever(
        case, "Whatever your reason for withdrawing, you'll get a full refund of the course fee."
    ) == (
        "You'll get a full refund of the course fee, or a 25% refund if your reason for "
        "withdrawing is schedule clash."
    )
    assert (
        without_whatever(
            case, "You get a full refund whatever your reason, and you don't need to tell us why."
        )
        == "You get a full refund, or a 25% refund if your reason is schedule clash."
    )
    # the whole said twice: a writer's
    assert (
        without_whatever(
            case, "Whatever your reason, a full refund is a full refund, paid to your card."
        )
        is None
    )


def test_a_row_keyed_by_the_case_says_the_share_in_its_own_cell() -> None:
    case = whatever_case(_facts())
    assert case is not None
    row = "| Schedule clash | A full refund (100%) |"
    assert share_row(case.old, case.new, row, case.values) == (
        "| Schedule clash | A partial refund (25%) |"
    )
    assert share_row(case.old, case.new, "| Schedule clash | A full refund |", case.values) == (
        "| Schedule clash | A 25% refund |"
    )
    # another reason's row, or a row keyed by no reason, is not the case's
    assert share_row(case.old, case.new, "| Illness | A full refund (100%) |", case.values) is None


def test_the_template_edits_the_claims_and_the_case_row_and_keeps_the_other_rows() -> None:
    facts = _facts()
    impacts = _impacts(
        kb_item("withdrawing", _MACRO, kind="macro"),
        kb_item("withdrawing", _ARTICLE),
        kb_item("shop", _SHOP),
    )
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:withdrawing"])
    assert macro.new_body == _MACRO.replace(
        "Whatever your reason for withdrawing, you'll get a full refund of the course fee.",
        "You'll get a full refund of the course fee, or a 25% refund if your reason for "
        "withdrawing is schedule clash.",
    )
    article = drafter.edit(facts, impacts["article:withdrawing"])
    assert article.new_body is not None
    assert "| Schedule clash | A partial refund (25%) |" in article.new_body
    assert "| Illness | A full refund (100%) |" in article.new_body
    assert "whatever your reason" not in article.new_body
    assert "or a 25% refund if your reason is schedule clash" in article.new_body
    conflicts = [c.sentence for c in impacts["article:withdrawing"].conflicts]
    assert still_same_whatever(facts, conflicts, _ARTICLE, article.new_body, "markdown") == []


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "holds whatever the case" in f]
    assert "full refund → 25% only for schedule clash" in fact
    assert "a table row for schedule clash states 25%" in fact
    impact = _impacts(kb_item("withdrawing", _ARTICLE))["article:withdrawing"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_full_for_case(facts, conflicts, _ARTICLE, template_edit.new_body, "markdown") == []
    # a model's edit that drops the claim but leaves "full" beside the new figure in the row
    kept = template_edit.new_body.replace("A partial refund (25%)", "A full refund (25%)")
    assert still_full_for_case(facts, conflicts, _ARTICLE, kept, "markdown") != []
    reply = json.dumps({"new_body": kept, "rationale": "Changed the figure."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says the whole in the row of the case" in failure


def test_the_note_quotes_the_sentence_writing_the_moved_argument_with_its_new_number() -> None:
    # the sentence that gives the case its share names no word of the tool ("withdraw"),
    # the one keeping the full fee for the others does ("a course we cancelled"): the moved
    # argument written with its new number says which is the change's
    facts = _facts()
    keywords = ["withdraw_course", "withdraw", "course", "25%"]
    rule = relevant_rule(facts, keywords)
    assert rule is not None and rule.new == _NEW_RULE
