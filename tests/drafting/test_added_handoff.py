"""A hand-off added for one category over a line on a number (a jeweller's repairs: every repair
booked in the chat with `book_repair`; now watches valued over $2,000 are passed to the
watchmakers' desk): a KB sentence claiming every repair is booked in the chat ("whichever
piece …", "however much it is worth") drops the claim and says the exception once in the KB's
voice; the table row for watches gets the line and the new handling, the rings' row stays; the
same desk, category and amount on another topic stay; the drafting model gets the same fact
and check."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.addedhandoff import (
    ADDED_HANDOFF_REASON,
    added_handoff,
    added_handoff_reason,
    still_claims_every_case,
    without_claim,
)
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

OLD = (
    "Repairs: book the repair yourself with `book_repair` and tell the customer it will be "
    "ready within 10 days."
)
NEW = "Watches (item kind watch) valued over $2,000: don't book these repairs yourself."
HAND = (
    "Pass the chat to the watchmakers' desk with `transfer_to_desk` (desk watchmakers) and tell "
    "the customer a watchmaker will email them within 2 days to arrange an insured pick-up."
)
REST = (
    "Everything else: book the repair yourself with `book_repair` and tell the customer it "
    "will be ready within 10 days."
)

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for trusting us with it. Whichever piece "
    "you bring us, a ring or a watch, we book the repair right here in the chat.\n\nIt will be "
    "ready within 10 days.\n\nBest,\n{{current_user.first_name}}"
)
FAQ = (
    "# Repairs\n\nWe book your repair straight away, however much the piece is worth, so "
    "there's nothing to fill in.\nIt will be ready within 10 days.\n\n"
    "| Piece | How it is booked | Ready |\n| --- | --- | --- |\n"
    "| Ring | Booked in the chat | Within 10 days |\n"
    "| Watch | Booked in the chat | Within 10 days |\n"
)
DELIVERY = (
    "# Delivery\n\nWatches over $2,000 are delivered by insured courier. Whatever you buy, "
    "delivery is free.\n"
)
ENGRAVING = (
    "# Engraving\n\nOur watchmakers' desk will email you within 2 days about engraving a watch.\n"
)


def _facts() -> ChangeFacts:
    rules = [
        Rule("R1", "sentence_changed", "Repairs", OLD, NEW, f"{OLD} → {NEW}"),
        Rule("R2", "sentence_added", "Repairs", None, HAND, HAND),
        Rule("R3", "sentence_added", "Repairs", None, REST, REST),
    ]
    return ChangeFacts(
        id="C1",
        title="book_repair → transfer_to_desk(desk=watchmakers)",
        kind="actions",
        facets=["actions", "escalation", "promises"],
        probe_ids=["repair-watch-2500", "repair-watch-4000"],
        before_actions=[ActionFact("book_repair")],
        after_actions=[ActionFact("transfer_to_desk", (("desk", "watchmakers"),))],
        escalation="added",
        removed_promises=[Promise("duration", "10 days")],
        added_promises=[Promise("duration", "2 days")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "tag:repair", "op": "tag"},
                        {"feature": "get_item.value", "op": ">", "value": 2000},
                        {"feature": "get_item.kind", "op": "=", "value": "watch"},
                    ]
                }
            )
        ],
        rules=rules,
        excerpts=[
            Excerpt(
                probe_id="repair-watch-2500",
                old="Booked: it will be ready within 10 days.",
                new="I've passed it to our watchmakers; one will email you within 2 days.",
            ),
        ],
        others=5,
    )


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Repairs::Booked", MACRO, "text", "kb", "a"),
            KnowledgeItem("article", "2", "Repairs", FAQ, "markdown", "kb", "b"),
            KnowledgeItem("article", "3", "Delivery", DELIVERY, "markdown", "kb", "c"),
            KnowledgeItem("article", "4", "Engraving", ENGRAVING, "markdown", "kb", "d"),
        ]
    )
    return {impact.item.key: impact for impact in rank_items(facts, kb)}


def test_the_hand_off_its_case_and_line_are_read_from_the_change() -> None:
    added = added_handoff(_facts())
    assert added is not None
    assert (added.tool, added.old_tool, added.value, added.bound, added.rest) == (
        "transfer_to_desk",
        "book_repair",
        "watch",
        "over $2,000",
        "up to $2,000",
    )
    assert added.exception.startswith("For a watch over $2,000, we'll pass the chat to the")
    assert "a watchmaker will email you within 2 days" in added.exception


def test_no_added_hand_off_with_one_before_and_a_category_alone_is_handed_over() -> None:
    facts = _facts()
    facts.before_actions = [ActionFact("transfer_to_desk")]
    assert added_handoff(facts) is None
    facts = _facts()
    facts.conditions = [
        Condition.from_dict({"atoms": [{"feature": "get_item.kind", "op": "=", "value": "watch"}]})
    ]
    added = added_handoff(facts)
    assert added is not None and (added.named, added.bound) == ("watches", "")
    assert added.exception.startswith("For watches, we'll pass the chat to the watchmakers")


def test_only_claims_for_every_case_about_the_old_handling_conflict() -> None:
    facts = _facts()
    claim = "Whichever piece you bring us, a ring or a watch, we book the repair right here."
    assert added_handoff_reason(facts, claim) is not None
    # another topic, the same amount, or a sentence that already names the line
    assert added_handoff_reason(facts, "Whatever you buy, delivery is free.") is None
    assert added_handoff_reason(facts, "Watches over $2,000 are delivered by courier.") is None
    said = "We book every repair, whatever it is worth, up to $2,000."
    assert added_handoff_reason(facts, said) is None


def test_the_claim_is_dropped_alone() -> None:
    assert without_claim("Whatever you bought, a ring or a watch, we book it here.") == (
        "We book it here."
    )
    assert without_claim("We book it at once, however much it cost, so there's no form.") == (
        "We book it at once, so there's no form."
    )
    assert without_claim("Every repair is booked here.") is None


def test_the_macro_drops_the_claim_and_says_the_exception_once() -> None:
    facts = _facts()
    impact = _impacts(facts)["macro:1"]
    assert any(r.startswith(ADDED_HANDOFF_REASON) for c in impact.conflicts for r in c.reasons)
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "Whichever piece" not in edit.new_body
    assert (
        "We book the repair right here in the chat. For a watch over $2,000, we'll pass the chat "
        "to the watchmakers' desk"
    ) in edit.new_body
    assert edit.new_body.count("over $2,000") == 1
    for kept in ("It will be ready within 10 days.", "Best,\n{{current_user.first_name}}"):
        assert kept in edit.new_body


def test_the_article_gets_the_exception_and_the_watch_row_the_line() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["article:2"])
    assert edit.new_body is not None
    assert "however much" not in edit.new_body
    assert "We book your repair straight away, so there's nothing to fill in." in edit.new_body
    assert edit.new_body.count("For a watch over $2,000") == 1
    assert "| Ring | Booked in the chat | Within 10 days |" in edit.new_body
    assert (
        "| Watch | Up to $2,000: booked in the chat. Over $2,000: a watchmaker will email you "
        "within 2 days to arrange an insured pick-up | Within 10 days |"
    ) in edit.new_body
    assert still_claims_every_case(facts, edit.conflicts, FAQ, edit.new_body, "markdown") == []


def test_the_same_amount_desk_or_category_on_another_topic_stays() -> None:
    impacts = _impacts(_facts())
    for key in ("article:3", "article:4"):
        if key in impacts:
            assert not any(
                r.startswith(ADDED_HANDOFF_REASON)
                for c in impacts[key].conflicts
                for r in c.reasons
            )


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "hands the conversation over for" in f]
    assert "a watch over $2,000" in fact and "up to $2,000" in fact
    impact = _impacts(facts)["macro:1"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    # a model's edit that adds the exception but keeps the claim for every case
    kept = MACRO.replace(
        "ready within 10 days.", "ready within 10 days. Watches go to our watchmakers."
    )
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_claims_every_case(facts, conflicts, MACRO, kept, "text") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the watches."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert failure is not None and "every case is handled the old way" in str(failure)


def test_a_claim_that_cannot_be_dropped_alone_is_flagged_with_the_reason() -> None:
    facts = _facts()
    body = (
        "Hi {{ticket.requester.first_name}},\n\nEvery repair is booked right here in the "
        "chat.\n\nBest,\n{{current_user.first_name}}"
    )
    kb = KnowledgeBase([KnowledgeItem("macro", "7", "Repairs::All", body, "text", "kb", "g")])
    [impact] = [i for i in rank_items(facts, kb) if i.item.key == "macro:7"]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert "cannot be dropped alone" in edit.rationale


def test_without_a_category_the_exception_names_the_line() -> None:
    facts = _facts()
    facts.conditions = [
        Condition.from_dict(
            {
                "atoms": [
                    {"feature": "tag:repair", "op": "tag"},
                    {"feature": "get_item.value", "op": ">", "value": 2000},
                ]
            }
        )
    ]
    added = added_handoff(facts)
    assert added is not None
    assert added.exception.startswith("When the value is over $2,000, we'll pass the chat")
