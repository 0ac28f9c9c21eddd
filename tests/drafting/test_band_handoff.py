"""A hand-off stopped for part of a range read from a tool result (a bike shop's damage claims
with a declared value up to $100 now settled by the assistant, the rest still handed to the
insurance team): a KB sentence claiming every case is handed over keeps the hand-off for the
rest of the range in its own words, the new handling is said once, and every other byte
stays; a sentence stating the hand-off without claiming it for every case stays; the drafting
model gets the same fact and check."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.bandhandoff import (
    band_handoff,
    band_handoff_edit,
    claims_every_case,
    still_for_every_case,
)
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

from .test_kept_handoff_topic import DAMAGED, OTHERS, STOLEN
from .test_kept_handoff_topic import _facts as bike_facts

FAQ = (
    "# What if my bike is damaged in the workshop?\n\n"
    "From a folding commuter to a carbon racer, every claim is handled by our insurance team."
    "\n\n## How do I claim?\n\n1. Tell us in the shop or by email.\n"
    "2. We pass your claim to our insurance team, however much the bike cost.\n"
    "3. Our insurance team will email you within 2 working days.\n\n"
    "## What should I do with the bike?\n\nPlease leave it as it is.\n"
)
PASSED_ON = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for telling us about the scratch on your "
    "damaged bike. Our insurance team will email you within 2 working days.\n\n"
    "Best,\n{{current_user.first_name}}"
)


def _impacts(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, Impact]:
    others = [
        KnowledgeItem("article", str(n), title, body, "markdown", "kb", title)
        for n, (title, body) in enumerate(OTHERS.items(), start=10)
    ]
    kb = KnowledgeBase([*items, *others])
    return {impact.item.key: impact for impact in rank_items(facts, kb)}


def _macro(key: str, body: str, title: str) -> KnowledgeItem:
    return KnowledgeItem("macro", key, title, body, "text", "kb", key)


def test_the_line_the_rest_and_the_new_handling_are_read_from_the_change() -> None:
    band = band_handoff(bike_facts())
    assert band is not None
    assert (band.tool, band.subject, band.kept, band.scoped) == (
        "transfer_to_insurance",
        "declared value",
        "over $100",
        "up to $100",
    )
    assert band.scoped_sentence.startswith("When the declared value is up to $100, we settle")
    assert "within 4 working days" in band.scoped_sentence


def test_no_band_without_a_line_on_a_number() -> None:
    facts = bike_facts()
    facts.conditions = [
        Condition.from_dict(
            {"atoms": [{"feature": "get_service.frame", "op": "=", "value": "carbon"}]}
        )
    ]
    assert band_handoff(facts) is None


def test_a_claim_for_every_case() -> None:
    assert claims_every_case("We pass it to our team, whatever the bike is worth.")
    assert claims_every_case("Every claim is handled by our insurance team.")
    assert not claims_every_case("Our insurance team will email you within 2 working days.")


def test_the_macro_keeps_the_hand_off_for_the_rest_and_says_the_new_handling_once() -> None:
    facts = bike_facts()
    impact = _impacts(facts, _macro("1", DAMAGED, "Claims::Damaged in workshop"))["macro:1"]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "whatever the bike is worth" not in edit.new_body
    assert (
        "goes to our insurance team when the declared value is over $100. They will email you "
        "within 2 working days. When the declared value is up to $100, we settle"
    ) in edit.new_body
    assert edit.new_body.count("up to $100") == 1
    for kept in ("I'm sorry your bike came back scratched.", "Best,\n{{current_user.first_name}}"):
        assert kept in edit.new_body


def test_the_article_narrows_each_claim_and_keeps_what_stays_true() -> None:
    facts = bike_facts()
    item = KnowledgeItem("article", "9", "Damaged bikes", FAQ, "markdown", "kb", "f")
    edit = TemplateDrafter().edit(facts, _impacts(facts, item)["article:9"])
    assert edit.new_body is not None
    assert "every claim with a declared value over $100 is handled by our insurance team." in (
        edit.new_body
    )
    narrowed = "2. We pass your claim to our insurance team when the declared value is over $100."
    assert narrowed + "\n" in edit.new_body
    assert "however much" not in edit.new_body
    assert edit.new_body.count("When the declared value is up to $100") == 1
    for kept in ("3. Our insurance team will email you within 2 working days.", "Please leave it"):
        assert kept in edit.new_body
    assert still_for_every_case(facts, edit.conflicts, FAQ, edit.new_body, "markdown") == []


def test_an_item_claiming_no_every_case_is_left_to_the_other_ways() -> None:
    facts = bike_facts()
    impacts = _impacts(facts, _macro("5", PASSED_ON, "Claims::Damaged bike passed on"))
    impact = impacts["macro:5"]
    assert impact.affected
    assert band_handoff_edit(facts, impact) is None


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = bike_facts()
    [fact] = [f for f in draft_facts(facts) if "stops only when" in f]
    assert "over $100" in fact and "up to $100" in fact
    impact = _impacts(facts, _macro("1", DAMAGED, "Claims::Damaged in workshop"))["macro:1"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    # a model's edit that adds the new handling but keeps the claim over every case
    kept = DAMAGED.replace(
        "within 2 working days.",
        "within 2 working days. Up to $100, we settle it ourselves.",
    )
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_for_every_case(facts, conflicts, DAMAGED, kept, "text") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the small claims."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says every case is handed over" in failure


def test_the_other_topic_is_left_alone() -> None:
    facts = bike_facts()
    impacts = _impacts(
        facts,
        _macro("1", DAMAGED, "Claims::Damaged in workshop"),
        _macro("2", STOLEN, "Claims::Stolen bike"),
    )
    assert not impacts["macro:2"].affected
