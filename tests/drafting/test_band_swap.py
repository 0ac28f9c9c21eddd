"""An action of ours swapped for another past a line on a number a tool returns (an appliance
shop's faults on machines bought more than 24 months ago now get a repair form by email instead
of an engineer's home visit arranged by phone; newer machines keep the visit): a KB sentence
claiming the visit for every fault keeps it for the rest of the range in the prompt's own head,
an article's step stating the visit gains that head, a claim that there is no form goes, the
new way is said once, and a macro's report of the visit it booked stays; the drafting model
gets the same fact and check."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.bandswap import (
    band_swap,
    band_swap_edit,
    claims_every_case,
    still_swapped_for_every_case,
)
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

from .test_kept_handoff_topic import _facts as bike_facts

OLD_VISIT = (
    "Book a home visit with `book_engineer_visit` (order_number, fault) and tell the customer "
    "our engineer will phone them within 2 working days to arrange it."
)
KEPT = (
    "If the customer's machine was bought 24 months ago or less, book a home visit with "
    "`book_engineer_visit` (order_number, fault) and tell the customer our engineer will phone "
    "them within 2 working days to arrange it."
)
OLD_ALL = "Every fault is handled by a home visit, however long ago the machine was bought."
LINE = "If the customer's machine was bought more than 24 months ago, don't book a visit."
FORM = (
    "Send our repair request form with `send_repair_form` (order_number, fault) and tell the "
    "customer it's on its way to their email address; once they send it back, our service team "
    "replies by email within 10 working days."
)
SECTIONS = {
    "Faults": [
        "For a fault, look the order up first with `lookup_machine`.",
        KEPT,
        LINE,
        FORM,
    ],
    "Spare parts": ["For spare parts, give the parts desk's number, 0161 496 0123."],
}


def _facts(*, sections: bool = True, line: bool = True) -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", "Faults", OLD_VISIT, KEPT, f"{OLD_VISIT} → {KEPT}"),
        Rule("H3", "sentence_added", "Faults", None, FORM, FORM),
    ]
    atoms: list[dict[str, object]] = [{"feature": "tag:fault", "op": "tag"}]
    if line:
        atoms.append({"feature": "lookup_machine.months_since_purchase", "op": ">", "value": 24})
    else:
        atoms.append({"feature": "lookup_machine.brand", "op": "=", "value": "zephyr"})
    facts = ChangeFacts(
        id="C1",
        title="book_engineer_visit → send_repair_form",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["fault-30m", "fault-40m"],
        before_actions=[ActionFact("book_engineer_visit")],
        after_actions=[ActionFact("send_repair_form")],
        removed_promises=[Promise("channel", "phone"), Promise("duration", "2 business days")],
        added_promises=[Promise("channel", "email"), Promise("duration", "10 business days")],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=rules,
        excerpts=[
            Excerpt(
                probe_id="fault-30m",
                old="I've booked a home visit: our engineer will phone you within 2 working days.",
                new="I've emailed you our repair request form; we reply within 10 working days.",
            )
        ],
        others=6,
    )
    if sections:
        facts.prompt_sections = SECTIONS
    return facts


VISIT_BOOKED = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your machine has stopped working. I've booked "
    "a home visit, and our engineer will phone you within two working days to arrange it.\n\n"
    "However old your machine is, we always fix faults with a home visit, so there's no form "
    "to complete and nothing to post.\n\nBest,\n{{current_user.first_name}}"
)
FAULTS_FAQ = (
    "# Machine faults\n\n## What happens if my machine breaks down?\n\n"
    "Every fault is fixed with a home visit from one of our engineers, whatever the age of "
    "your machine. Here's how it works:\n\n1. Tell us in the chat what's wrong.\n"
    "2. We check your order.\n3. We book an engineer visit for you.\n"
    "4. The engineer phones you within two working days to arrange a time.\n\n"
    "## Can I return a machine?\n\nYes, within 30 days of delivery.\n"
)
PARTS = (
    "Hi {{ticket.requester.first_name}},\n\nOur parts desk can help: call them on 0161 496 "
    "0123 and they'll phone you back if you leave a message.\n\nBest,\n{{current_user.first_name}}"
)
OTHERS = {
    "Delivery": "# Delivery\n\nWe deliver within 5 working days, free over £300.\n",
    "Returns": "# Returns\n\nUnused machines can come back within 30 days of delivery.\n",
}


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Faults::Visit booked", VISIT_BOOKED, "text", "kb", "a"),
            KnowledgeItem("article", "2", "Machine faults", FAULTS_FAQ, "markdown", "kb", "b"),
            KnowledgeItem("macro", "3", "Parts::Parts desk", PARTS, "text", "kb", "c"),
            *(
                KnowledgeItem("article", str(n), title, body, "markdown", "kb", title)
                for n, (title, body) in enumerate(OTHERS.items(), start=4)
            ),
        ]
    )
    return {impact.item.key: impact for impact in rank_items(facts, kb)}


def test_the_swap_the_line_and_both_sides_are_read_from_the_change() -> None:
    swap = band_swap(_facts())
    assert swap is not None
    assert (swap.old_tool, swap.new_tool, swap.line) == (
        "book_engineer_visit",
        "send_repair_form",
        "24",
    )
    assert swap.kept_head == "If your machine was bought 24 months ago or less"
    assert swap.scoped_head == "If your machine was bought more than 24 months ago"
    assert "repair request form" in swap.handling and "10 working days" in swap.handling
    assert swap.new_nouns == ("form",)


def test_the_far_side_is_said_from_the_kept_head_when_no_sentence_states_it() -> None:
    swap = band_swap(_facts(sections=False))
    assert swap is not None
    assert swap.scoped_head == "If your machine was bought more than 24 months ago"


def test_no_swap_without_a_line_on_a_number_or_for_a_hand_off() -> None:
    assert band_swap(_facts(line=False)) is None
    assert band_swap(bike_facts()) is None


def test_a_claim_for_every_case() -> None:
    assert claims_every_case("However old your machine is, we always fix it at home.")
    assert claims_every_case("Every fault is fixed at home, whatever the age of your machine.")
    assert not claims_every_case("We book an engineer visit for you.")


def test_the_macro_keeps_the_visit_it_booked_and_narrows_the_claim() -> None:
    facts = _facts()
    impact = _impacts(facts)["macro:1"]
    assert [c.sentence for c in impact.conflicts] == [
        "However old your machine is, we always fix faults with a home visit, so there's no "
        "form to complete and nothing to post."
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert (
        "If your machine was bought 24 months ago or less, we fix faults with a home visit, so "
        "there's nothing to post. If your machine was bought more than 24 months ago, we'll "
        "send our repair request form"
    ) in edit.new_body
    assert "However old" not in edit.new_body and "no form" not in edit.new_body
    assert "I've booked a home visit, and our engineer will phone you" in edit.new_body
    assert edit.new_body.endswith("Best,\n{{current_user.first_name}}")


def test_the_article_narrows_the_claim_and_the_step_and_says_the_new_way_once() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["article:2"])
    assert edit.new_body is not None
    assert (
        "A fault is fixed with a home visit from one of our engineers if your machine was "
        "bought 24 months ago or less. If your machine was bought more than 24 months ago, "
        "we'll send our repair request form"
    ) in edit.new_body
    assert "Here's how it works:\n\n1. Tell us in the chat" in edit.new_body
    assert (
        "3. If your machine was bought 24 months ago or less, we book an engineer visit for you."
        in edit.new_body
    )
    assert "4. The engineer phones you within two working days" in edit.new_body
    assert "Yes, within 30 days of delivery." in edit.new_body
    assert edit.new_body.count("more than 24 months") == 1
    assert "whatever the age" not in edit.new_body and "Every fault" not in edit.new_body


def test_other_topics_are_left_alone() -> None:
    impacts = _impacts(_facts())
    for key in ("macro:3", "article:4", "article:5"):
        assert key not in impacts or not impacts[key].affected


def test_an_item_with_no_claim_and_no_step_is_left_to_the_other_ways() -> None:
    facts = _facts()
    item = KnowledgeItem(
        "macro",
        "9",
        "Faults::Visit booked",
        VISIT_BOOKED.split("\n\nHowever")[0],
        "text",
        "kb",
        "z",
    )
    impact = next(i for i in rank_items(facts, KnowledgeBase([item])) if i.item.key == "macro:9")
    assert band_swap_edit(facts, impact) is None


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "gives way to" in f]
    assert "more than 24 months" in fact and "24 months ago or less" in fact
    impact = _impacts(facts)["macro:1"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    # a model's edit that adds the new way but keeps the claim over every case
    kept = VISIT_BOOKED.replace(
        "nothing to post.", "nothing to post. Older machines get a repair form by email."
    )
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_swapped_for_every_case(facts, conflicts, VISIT_BOOKED, kept, "text") != []
    assert (
        still_swapped_for_every_case(facts, conflicts, VISIT_BOOKED, template_edit.new_body, "text")
        == []
    )
    reply = json.dumps({"new_body": kept, "rationale": "Added older machines."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says the old way holds for every case" in failure


def test_a_macro_titled_for_the_topic_keeps_its_report_of_the_old_action_as_a_conflict() -> None:
    # sent for every fault, past the line too: "I've booked a home visit" is no longer true
    facts = _facts()
    body = VISIT_BOOKED.split("\n\nHowever")[0] + "\n\nBest,\n{{current_user.first_name}}"
    item = KnowledgeItem("macro", "8", "Faults::Machine broken", body, "text", "kb", "y")
    impact = next(i for i in rank_items(facts, KnowledgeBase([item])) if i.item.key == "macro:8")
    assert any("I've booked a home visit" in c.sentence for c in impact.conflicts)
    booked = KnowledgeItem("macro", "9", "Faults::Visit booked", body, "text", "kb", "z")
    impact = next(i for i in rank_items(facts, KnowledgeBase([booked])) if i.item.key == "macro:9")
    assert not impact.conflicts


def test_a_labelled_head_is_said_as_a_leading_clause() -> None:
    label = (
        "Machines bought 24 months ago or less: book a home visit with `book_engineer_visit` "
        "(order_number, fault) and tell the customer our engineer will phone them within 2 "
        "working days to arrange it."
    )
    facts = _facts(sections=False)
    facts.rules[0] = Rule("H1", "sentence_changed", "Faults", OLD_VISIT, label, "…")
    swap = band_swap(facts)
    assert swap is not None
    assert swap.kept_head == "For machines bought 24 months ago or less"
    assert swap.scoped_head == "For machines bought more than 24 months ago"


def test_the_far_side_of_an_upper_line_is_said_from_a_kept_head_over_it() -> None:
    over = (
        "If the customer's machine was bought more than 24 months ago, book a home visit with "
        "`book_engineer_visit` (order_number, fault) and tell the customer our engineer will "
        "phone them within 2 working days to arrange it."
    )
    facts = _facts(sections=False)
    facts.rules[0] = Rule("H1", "sentence_changed", "Faults", OLD_VISIT, over, "…")
    facts.conditions = [
        Condition.from_dict(
            {
                "atoms": [
                    {"feature": "lookup_machine.months_since_purchase", "op": "<=", "value": 24}
                ]
            }
        )
    ]
    swap = band_swap(facts)
    assert swap is not None
    assert swap.scoped_head == "If your machine was bought 24 months ago or less"


def test_a_hand_off_on_either_side_is_left_to_its_own_edits() -> None:
    facts = _facts()
    facts.after_actions = [ActionFact("transfer_to_service_team")]
    facts.rules[1] = Rule(
        "H3",
        "sentence_added",
        "Faults",
        None,
        FORM.replace("send_repair_form", "transfer_to_service_team"),
        "…",
    )
    assert band_swap(facts) is None
