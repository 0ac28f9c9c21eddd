"""A new way for one category under a yes/no tool result, where the KB says the old way holds
for every category. A homeware shop's assistant used to send a replacement within 24 hours for
any product that arrived damaged; now, for a vase that arrived damaged (category = vase and
check_delivery.damaged = true), it first asks the courier to inspect the parcel. The KB's
"whether it's a lamp, a vase or a rug" and "for any product" are said for the others and, the
new way, for vases; the macro about parcels that arrived intact is about the flag's other
value and stays as it is."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.caselabels import flag_other_words, kind_words
from behaviordiff.drafting.categoryway import (
    CATEGORY_WAY_REASON,
    category_way,
    claims_every_kind,
    still_claims_every_kind,
    with_category_way,
)
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

CASE = "Vases are the exception: if a vase arrives damaged, do not send a replacement yet."
WAY = (
    "Ask the courier to inspect the parcel with `request_inspection` (order_id, photo_id), "
    "and tell the customer we send a replacement once the courier's report is in, usually "
    "within 3 working days."
)
SECTIONS = {
    "Customer": ["Name: {{ customer_name }}", "Product: {{ product_name }} ({{ category }})"],
    "Deliveries": [
        "First check the delivery with `check_delivery` (order_id).",
        "Intact parcel: tell the customer when it arrives.",
        "Damaged parcel: send a replacement with `send_replacement` (order_id) within 24 hours.",
        CASE,
        WAY,
    ],
}
CONDITIONS = [
    Condition.from_dict(
        {
            "atoms": [
                {"feature": "category", "op": "=", "value": "vase"},
                {"feature": "check_delivery.damaged", "op": "=", "value": True},
            ]
        }
    )
]
OLD_REPLY = "Lamps, vases or rugs alike: we send a replacement within 24 hours for order"
SAID = (
    "we ask the courier to inspect the parcel, and we send a replacement once the courier's "
    "report is in, usually within 3 working days"
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your order arrived damaged. Whether it's a "
    "lamp, a vase or a rug, we send a replacement within 24 hours, and it's free.\n\nThanks,\n"
    "{{current_user.first_name}}"
)
ARTICLE = (
    "# Damaged deliveries\n\n## What if my order arrives damaged?\n\nWe send a replacement "
    "within 24 hours, for any product, so you're not left waiting.\nKeep the packaging.\n\n"
    "## Returns\n\nYou can return anything within 30 days, whatever the product.\n"
)
INTACT = (
    "Hi {{ticket.requester.first_name}},\n\nYour parcel reached us intact. Should you need a "
    "replacement later, we send it within 24 hours.\n\nThanks,\n{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="send_replacement → request_inspection",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("send_replacement")],
        after_actions=[ActionFact("request_inspection")],
        removed_promises=[Promise("duration", "24 hours")],
        conditions=CONDITIONS,
        rules=[
            Rule("H1", "sentence_added", "Deliveries", None, CASE, "added"),
            Rule("H2", "sentence_added", "Deliveries", None, WAY, "added"),
        ],
        excerpts=[
            Excerpt("p1", f"{OLD_REPLY} PX-1183.", "The courier will look at PX-1183 first."),
            Excerpt("p2", f"{OLD_REPLY} PX-2210.", "The courier will look at PX-2210 first."),
            Excerpt("p3", f"{OLD_REPLY} PX-3307.", "The courier will look at PX-3307 first."),
        ],
        others=9,
    )
    facts.kind_words = kind_words(CONDITIONS, SECTIONS)
    facts.flag_other = flag_other_words(CONDITIONS, SECTIONS)
    return facts


def test_the_prompt_names_the_kind_and_the_flags_other_value() -> None:
    # the category variable is shown on the line labelled "Product"
    assert kind_words(CONDITIONS, SECTIONS) == ["product"]
    # "Intact parcel:" beside "Damaged parcel:" names the flag's other value
    assert flag_other_words(CONDITIONS, SECTIONS) == ["intact"]
    without_flag = [
        Condition.from_dict({"atoms": [{"feature": "category", "op": "=", "value": "vase"}]})
    ]
    assert flag_other_words(without_flag, SECTIONS) == []
    # the cases said as clauses, in the sections of the change's rules only
    clauses = {
        "Deliveries": [
            "If the parcel arrived intact, tell the customer when it arrives.",
            "If the parcel arrived damaged, send a replacement with `send_replacement`.",
        ]
    }
    assert flag_other_words(CONDITIONS, clauses) == ["intact"]
    assert flag_other_words(CONDITIONS, clauses, {"Returns"}) == []


def test_the_way_is_said_from_the_new_prompt_in_the_kbs_voice() -> None:
    way = category_way(_facts())
    assert way is not None
    assert way.case == "when a vase arrives damaged"
    assert way.statement == SAID
    assert "`" not in way.statement and "order_id" not in way.statement
    # the category named apart from the flag's clause: both are said
    facts = _facts()
    facts.rules[0] = Rule(
        "H1",
        "sentence_added",
        "Deliveries",
        None,
        "Vases are different: if the parcel arrives damaged, do not replace it yet.",
        "added",
    )
    found = category_way(facts)
    assert found is not None and found.case == "for vases, when the parcel arrives damaged"
    # the flag said nowhere: the case cannot be said
    facts.rules[0] = Rule("H1", "sentence_added", "Deliveries", None, "Vases differ.", "added")
    assert category_way(facts) is None


def test_claims_for_every_kind_are_found_and_said_per_case() -> None:
    way = category_way(_facts())
    assert way is not None
    assert claims_every_kind(way, "Whether it's a lamp, a vase or a rug, we send it today.")
    assert claims_every_kind(way, "We send a replacement, for any product, the same day.")
    # naming the category, or a claim over something else, is no such claim
    assert not claims_every_kind(way, "We send a replacement for any vase the same day.")
    assert not claims_every_kind(way, "We send a replacement for any order the same day.")

    # the case said in the sentence: split into the others' way and the category's
    said = with_category_way(
        way, "Damaged? Whether it's a lamp, a vase or a rug, we send one today.", ""
    )
    assert said == (f"Damaged? If it's a lamp or a rug, we send one today; if it's a vase, {SAID}.")
    # the flag's case said nowhere: the list stays, the case becomes its exception
    said = with_category_way(way, "Whether it's a lamp or a vase, we send one today.", "Help")
    assert said == (
        "Whether it's a lamp or a vase, we send one today, except when a vase arrives "
        f"damaged: then {SAID}."
    )
    # a list said to hold alike for each: the list stays, "alike" and "both" go
    said = with_category_way(way, "We replace lamps, vases and rugs alike within a day.", "")
    assert said == (
        "We replace lamps, vases and rugs within a day, except when a vase arrives damaged: "
        f"then {SAID}."
    )
    said = with_category_way(way, "Both vases and lamps are replaced within a day.", "")
    assert said is not None and said.startswith("Vases and lamps are replaced within a day,")
    assert not claims_every_kind(way, "Lamps and rugs alike are replaced within a day.")
    assert not claims_every_kind(way, "Vases and lamps are replaced within a day.")
    # only the claim over the category's kind goes
    said = with_category_way(
        way, "Orders are packed today, whatever the product and whatever the size.", ""
    )
    assert said == (
        "Orders are packed today, whatever the size, except when a vase arrives damaged: "
        f"then {SAID}."
    )


def test_the_items_claims_are_rewritten_and_the_other_values_item_is_kept() -> None:
    kb = KnowledgeBase(
        [
            kb_item("damaged", MACRO, kind="macro", title="Orders::Damaged on arrival"),
            kb_item("deliveries", ARTICLE),
            kb_item("intact", INTACT, kind="macro", title="Orders::Arrived intact"),
        ]
    )
    facts = _facts()
    impacts = {impact.item.key: impact for impact in rank_items(facts, kb)}
    assert not impacts["macro:intact"].conflicts
    # what keeps it: the prompt's label for the flag's other value, and that it never names
    # the changed category (a vase) where other items do
    facts.flag_other = []
    assert "macro:intact" not in {i.item.key for i in rank_items(facts, kb) if i.conflicts}
    facts.flag_other = ["intact"]
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:damaged"])
    assert all(CATEGORY_WAY_REASON in c.reasons for c in impacts["macro:damaged"].conflicts)
    assert macro.new_body == MACRO.replace(
        "Whether it's a lamp, a vase or a rug, we send a replacement within 24 hours, and it's "
        "free.",
        "If it's a lamp or a rug, we send a replacement within 24 hours, and it's free; if it's "
        f"a vase, {SAID}.",
    )
    article = drafter.edit(facts, impacts["article:deliveries"])
    assert article.new_body is not None
    assert "for any product" not in article.new_body
    assert (
        "We send a replacement within 24 hours, so you're not left waiting, except when a vase "
        f"arrives damaged: then {SAID}.\nKeep the packaging." in article.new_body
    )
    # another subject's claim over every product is not the change's
    assert "You can return anything within 30 days, whatever the product.\n" in article.new_body


def test_the_drafting_model_gets_the_way_and_the_same_check() -> None:
    facts = _facts()
    assert any(SAID in fact for fact in draft_facts(facts))
    knowledge = KnowledgeBase([kb_item("deliveries", ARTICLE)])
    impact = next(i for i in rank_items(facts, knowledge) if i.affected)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    # the template's edit passes; the other subject's "whatever the product" is no claim of it
    assert (
        still_claims_every_kind(facts, conflicts, ARTICLE, template_edit.new_body, "markdown") == []
    )
    # a model's edit that adds the case but keeps "for any product"
    kept = ARTICLE.replace(
        "so you're not left waiting.", f"so you're not left waiting (for a vase, {SAID})."
    )
    assert still_claims_every_kind(facts, conflicts, ARTICLE, kept, "markdown") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the vase case."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says the old way holds for every category" in failure


def test_an_item_that_cannot_be_rewritten_is_flagged_with_the_way() -> None:
    body = (
        "Hi {{ticket.requester.first_name}},\n\nWe send a replacement within 24 hours, for any "
        "product.\n\nWe send a replacement within 24 hours of your call.\n\nThanks"
    )
    knowledge = KnowledgeBase([kb_item("mixed", body, kind="macro", title="Orders::Damaged")])
    facts = _facts()
    impact = next(i for i in rank_items(facts, knowledge) if i.affected)
    # one conflicting sentence claims for every product, the other does not
    assert [CATEGORY_WAY_REASON in c.reasons for c in impact.conflicts] == [True, False]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert edit.rationale.startswith(
        "Flagged for review: “We send a replacement within 24 hours, for any product.” says the "
        "old way holds for every case, but when a vase arrives damaged, " + SAID
    )
