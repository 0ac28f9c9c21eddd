"""A hotel now refunds a cancelled stay less a 20% cancellation charge (ratio 0.8)."""

from behaviordiff.drafting.keptback import claims_whole, kept_back_name, less_kept_back

PROMPT = "If a guest cancels, refund what they paid minus a 20% cancellation charge."
NAME = "20% cancellation charge"


def test_name_is_the_prompts_own_words_for_the_complement() -> None:
    assert kept_back_name("80%", PROMPT) == NAME
    assert kept_back_name("70%", PROMPT) is None
    assert kept_back_name(None, PROMPT) is None
    assert kept_back_name("80%", "Refund 80% of the stay.") is None


def test_nothing_deducted_tail() -> None:
    assert (
        less_kept_back("You get back what you paid for the stay, with nothing deducted.", NAME)
        == "You get back what you paid for the stay, less a 20% cancellation charge."
    )


def test_exactly_what_you_paid_loses_exactly() -> None:
    assert (
        less_kept_back("You'll get back exactly what you paid, with nothing deducted.", NAME)
        == "You'll get back what you paid, less a 20% cancellation charge."
    )


def test_nothing_deducted_head() -> None:
    assert (
        less_kept_back("Nothing is deducted from a cancelled booking.", NAME)
        == "A 20% cancellation charge is deducted from a cancelled booking."
    )


def test_full_amount_with_every_penny() -> None:
    assert (
        less_kept_back(
            "We'll refund the full amount you paid, every penny (100%), to your card.", NAME
        )
        == "We'll refund the amount you paid less a 20% cancellation charge to your card."
    )
    assert less_kept_back("We refund the full price you paid.", NAME) == (
        "We refund the price you paid less a 20% cancellation charge."
    )


def test_row_cell() -> None:
    assert less_kept_back("| Cancelled stay | 14 days | The full amount paid |", NAME) == (
        "| Cancelled stay | 14 days | The amount paid less a 20% cancellation charge |"
    )


def test_other_whole_claims_are_left_for_a_flag() -> None:
    text = "Guests are refunded in full."
    assert claims_whole(text)
    assert less_kept_back(text, NAME) is None
    assert less_kept_back("Breakfast is served from 7am.", NAME) is None


# --- wired: impact, template and the drafting model (a hotel's cancelled stays) -------------

import asyncio  # noqa: E402
import json  # noqa: E402

from behaviordiff.detect.model import Condition  # noqa: E402
from behaviordiff.drafting import TemplateDrafter  # noqa: E402
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts  # noqa: E402
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule  # noqa: E402
from behaviordiff.drafting.grounding import Grounding  # noqa: E402
from behaviordiff.drafting.impact import rank_items  # noqa: E402
from behaviordiff.drafting.keptback import still_kept_back  # noqa: E402
from behaviordiff.kb.model import KnowledgeBase  # noqa: E402
from behaviordiff.llm.fake import FakeChatModel  # noqa: E402
from tests.drafting.kit import kb_item  # noqa: E402

_MACRO = (
    "Hi there,\n\nSorry your plans changed. We've cancelled your stay.\n\n"
    "We'll refund the full amount you paid, every penny (100%), to your card.\n\nThe Harbour Inn"
)
_NOISE = (
    "Hi there,\n\nSorry the room was not ready. We've refunded the full amount you paid.\n\n"
    "The Harbour Inn"
)


def _hotel_facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="refund_booking: amount",
        kind="actions",
        facets=["actions"],
        probe_ids=["c1", "c2"],
        after_actions=[ActionFact("refund_booking")],
        moved=[
            MovedValue(
                ActionFact("refund_booking"),
                "amount_eur",
                (("c1", 100.0, 80.0), ("c2", 250.0, 200.0)),
                ratio=0.8,
            )
        ],
        rules=[Rule("h1", "sentence_changed", "Refunds", "Refund in full.", PROMPT, "refunds")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag:cancellation",
                    "atoms": [{"feature": "tag:cancellation", "op": "tag"}],
                }
            )
        ],
    )


def test_hotel_claim_on_topic_is_rewritten_and_other_case_kept() -> None:
    facts = _hotel_facts()
    assert facts.moved[0].share_kept() == "80%"
    impacts = {
        i.item.key: i
        for i in rank_items(
            facts,
            KnowledgeBase(
                [
                    kb_item("cancel", _MACRO, kind="macro", title="Stays::Cancellation refund"),
                    kb_item("notready", _NOISE, kind="macro", title="Stays::Room not ready"),
                ]
            ),
        )
    }
    impact = impacts["macro:cancel"]
    assert impact.conflicts
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == _MACRO.replace(
        "the full amount you paid, every penny (100%),",
        "the amount you paid less a 20% cancellation charge",
    )
    assert "macro:notready" not in impacts or not impacts["macro:notready"].conflicts
    # the drafting model gets the fact, and the same check refuses a kept claim
    assert any("20% cancellation charge" in f for f in draft_facts(facts))
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_kept_back(facts, conflicts, _MACRO, edit.new_body, "text") == []
    assert still_kept_back(facts, conflicts, _MACRO, _MACRO, "text") != []
    reply = json.dumps({"new_body": _MACRO, "rationale": "No change."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, edit.new_body or ""])
    model_edit, failure = asyncio.run(drafter._draft_edit(facts, impact, grounding, common, edit))
    assert model_edit is None
    assert "still claims the whole amount" in (failure or "")
