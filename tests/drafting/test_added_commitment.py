"""A commitment added for one value of a category (a bike-share app: every rider who reports a
broken bike was told support would reply as soon as they can; now annual members also get a
swap booked with `book_swap` and are told a mechanic will bring a new bike within 30 minutes):
a KB sentence claiming every membership gets the same ("whatever membership …", "whichever
membership …, the same help: …") says the new promise for annual members and the old handling
for every other membership; the comparison row giving every membership the same old cell gets
the new promise in the Annual column; a bare "No." before such a claim goes; other rows and
topics stay; the drafting model gets the same fact and check."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.addedcommitment import (
    ADDED_COMMITMENT_REASON,
    added_commitment,
    still_same_for_every_value,
)
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

OLD = (
    "Then tell the rider our support team will reply as soon as they can to sort out a "
    "replacement bike."
)
NEW = (
    "Annual membership: book a swap with `book_swap` (the dock and `within_minutes: 30`), then "
    "tell the rider a mechanic will bring them a new bike within 30 minutes."
)
REST = (
    "Pay as you go and Monthly memberships: tell the rider our support team will reply as soon "
    "as they can to sort out a replacement bike."
)

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry the bike let you down. I've logged it.\n\n"
    "Whatever membership you have, our support team will reply as soon as we can to sort out a "
    "replacement bike. Your ride so far is free.\n\nBest,\n{{current_user.first_name}}"
)
FAQ = (
    "# Memberships\n\n"
    "| | Pay as you go | Monthly | Annual |\n| --- | --- | --- | --- |\n"
    "| Unlock fee | £1 | Free | Free |\n"
    "| Replacement bike | Included | Included | Included |\n"
    "| When we reply about a broken bike | As soon as we can | As soon as we can | As soon as we "
    "can |\n\n"
    "## Do memberships differ for broken bikes?\n\n"
    "No. Whichever membership you have, you get the same help: once you've told us, our support "
    "team replies as soon as we can to sort out a replacement bike.\n\n"
    "## Can I pause my membership?\n\nNo. A membership runs until you cancel it.\n"
)


def _facts() -> ChangeFacts:
    rules = [
        Rule("R1", "sentence_changed", "Broken bikes", OLD, NEW, f"{OLD} → {NEW} {REST}"),
        Rule("R2", "tool_added", None, None, None, "tool book_swap added", tool="Book a swap."),
    ]
    return ChangeFacts(
        id="C1",
        title="now books a swap for annual members",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["broken-annual-chain", "broken-annual-brakes"],
        before_actions=[],
        after_actions=[ActionFact("book_swap")],
        added_promises=[Promise("duration", "30 minutes")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "membership", "op": "=", "value": "annual"},
                        {"feature": "tag:broken-bike", "op": "tag"},
                    ]
                }
            )
        ],
        rules=rules,
        excerpts=[
            Excerpt(
                probe_id="broken-annual-chain",
                old="Our support team will reply as soon as they can.",
                new="A mechanic will bring you a new bike within 30 minutes.",
            ),
        ],
        others=6,
    )


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Bikes::Broken", MACRO, "text", "kb", "a"),
            KnowledgeItem("article", "2", "Memberships", FAQ, "markdown", "kb", "b"),
        ]
    )
    return {impact.item.key: impact for impact in rank_items(facts, kb)}


def test_the_commitment_and_its_value_are_read_from_the_change() -> None:
    added = added_commitment(_facts())
    assert added is not None
    assert (added.tool, added.value, added.noun) == ("book_swap", "annual", "membership")
    assert added.told == "A mechanic will bring you a new bike within 30 minutes."
    assert added.exception("") == (
        "For the Annual membership, a mechanic will bring you a new bike within 30 minutes."
    )


def test_no_commitment_for_several_values_a_hand_off_or_a_rule_not_naming_the_value() -> None:
    facts = _facts()
    facts.conditions = [
        Condition.from_dict(
            {"atoms": [{"feature": "membership", "op": "in", "value": ["annual", "monthly"]}]}
        )
    ]
    assert added_commitment(facts) is None
    facts = _facts()
    facts.after_actions = [ActionFact("transfer_to_team")]
    assert added_commitment(facts) is None
    facts = _facts()
    facts.rules[0] = Rule(
        "R1", "sentence_changed", "Broken bikes", OLD, NEW.replace("Annual", "Gold"), ""
    )
    assert added_commitment(facts) is None


def test_the_macro_says_the_new_promise_for_the_value_and_the_old_for_the_rest() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["macro:1"])
    assert edit.new_body is not None
    assert "Whatever membership" not in edit.new_body
    assert (
        "For the Annual membership, a mechanic will bring you a new bike within 30 minutes. For "
        "every other membership, our support team will reply as soon as we can to sort out a "
        "replacement bike. Your ride so far is free."
    ) in edit.new_body
    assert "I've logged it." in edit.new_body and "Best,\n{{current_user" in edit.new_body


def test_the_article_row_answer_and_claim_are_rewritten_and_the_rest_kept() -> None:
    facts = _facts()
    impact = _impacts(facts)["article:2"]
    reasons = {c.sentence: c.reasons for c in impact.conflicts}
    assert "No." in reasons and any(s.startswith("| When we reply") for s in reasons), reasons
    assert any(r.startswith(ADDED_COMMITMENT_REASON) for r in reasons["No."])
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None, edit.rationale
    body = edit.new_body
    assert (
        "| When we reply about a broken bike | As soon as we can | As soon as we can | A "
        "mechanic will bring you a new bike within 30 minutes |"
    ) in body
    # rows giving every membership the same other thing, or different things, stay
    assert "| Replacement bike | Included | Included | Included |" in body
    assert "| Unlock fee | £1 | Free | Free |" in body
    assert "same help" not in body and "Whichever" not in body
    assert "No. Whichever" not in body and "differ for broken bikes?\n\nFor the Annual" in body
    assert "For every other membership, once you've told us, our support team" in body
    # a "No." answering another question stays
    assert "No. A membership runs until you cancel it." in body
    assert still_same_for_every_value(facts, edit.conflicts, FAQ, body, "markdown") == []


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "new commitment for the annual" in f]
    assert "book_swap" in fact and "within 30 minutes" in fact
    impact = _impacts(facts)["macro:1"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    kept = MACRO.replace("Your ride", "Annual members get a mechanic within 30 minutes. Your ride")
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_same_for_every_value(facts, conflicts, MACRO, kept, "text") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added annual members."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert failure is not None and "every value gets the same" in str(failure)


def test_a_claim_for_every_value_on_another_topic_is_no_conflict() -> None:
    facts = _facts()
    body = (
        "# Riding\n\nWhatever membership you have, rides over 45 minutes cost extra.\n\n"
        "| | Pay as you go | Monthly | Annual |\n| --- | --- | --- | --- |\n"
        "| Helmet hire | As soon as we can | As soon as we can | As soon as we can |\n"
    )
    kb = KnowledgeBase([KnowledgeItem("article", "5", "Riding", body, "markdown", "kb", "e")])
    for impact in rank_items(facts, kb):
        said = {c.sentence for c in impact.conflicts}
        assert not any("rides over 45" in s or "Helmet hire" in s for s in said), said
        edit = TemplateDrafter().edit(facts, impact)
        assert edit.new_body is None or "| Helmet hire | As soon as we can |" in edit.new_body


def test_a_the_same_lead_after_the_claim_goes_too() -> None:
    facts = _facts()
    body = (
        "Hi {{ticket.requester.first_name}},\n\nWhatever membership you have, it's the same: "
        "our support team will reply as soon as we can to sort out a replacement bike.\n\n"
        "Best,\n{{current_user.first_name}}"
    )
    kb = KnowledgeBase([KnowledgeItem("macro", "7", "Bikes::Same", body, "text", "kb", "g")])
    [impact] = [i for i in rank_items(facts, kb) if i.item.key == "macro:7"]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "the same" not in edit.new_body
    assert "For every other membership, our support team will reply as soon" in edit.new_body


def test_a_claim_that_cannot_be_dropped_alone_is_flagged_with_the_reason() -> None:
    facts = _facts()
    body = (
        "Hi {{ticket.requester.first_name}},\n\nEvery membership gets the same help from our "
        "support team, who reply as soon as we can to sort out a replacement bike.\n\n"
        "Best,\n{{current_user.first_name}}"
    )
    kb = KnowledgeBase([KnowledgeItem("macro", "7", "Bikes::Same", body, "text", "kb", "g")])
    [impact] = [i for i in rank_items(facts, kb) if i.item.key == "macro:7"]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert "cannot be dropped alone" in edit.rationale
