"""A new way for a category and a count together, where the KB claims the old way whatever
the size or the kind of customer. A made-up coworking space used to charge every meeting-room
booking to a card; now team plans booking a room for more than 8 people (plan_type = team and
people > 8) have it added to the monthly bill. The KB's "whatever its size and whoever it's
for", "however large", "just like a smaller booking" and "solo, team and charity plans alike"
lose their claim and gain the case as their exception, in the KB's words (never plan_type or
the tool's arguments); a denial of billing for every booking keeps it for the others; a
sentence that only says the card is charged stays, and so does a rate on another topic."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.categoryway import category_way
from behaviordiff.drafting.countedway import (
    COUNTED_DENIAL_REASON,
    COUNTED_WAY_REASON,
    claims_every_case,
    counted_way,
    still_claims_every_size,
    with_counted_way,
    with_denial_kept,
)
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

LABEL = "Team plans (plan type team) booking a room for more than 8 people: don't charge the card."
WAY = (
    "Add the booking to the monthly bill with `add_to_bill` (booking_ref, amount, terms_days 14) "
    "and tell the customer it appears on the team's monthly bill, payable within 14 days."
)
OTHERS = (
    "Every other booking (solo and charity plans, and team bookings for 8 people or fewer) is "
    "charged to the card on file with `charge_card` (booking_ref, amount)."
)
ROOM = "Paying for a room"
CONDITIONS = [
    Condition.from_dict(
        {
            "atoms": [
                {"feature": "lookup_plan.plan_type", "op": "=", "value": "team"},
                {"feature": "people", "op": ">", "value": 8},
            ]
        }
    )
]
CASE = "for team plans booking a room for more than 8 people"
SAID = (
    "we add the booking to the monthly bill, and it appears on the team's monthly bill, "
    "payable within 14 days"
)
OLD_REPLY = "Room booked; I've charged the card on file for booking"
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour room is booked, and we charge the card on "
    "file when a room is booked. That's how every booking works, whatever its size and "
    "whoever it's for.\n\nWe suggest one host for every 8 people, at £20 an hour each.\n\n"
    "Thanks,\n{{current_user.first_name}}"
)
BILLING = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking about billing. We charge the card "
    "on file when a room is booked, for solo, team and charity plans alike.\n\nWe're not able "
    "to offer a bill or credit terms on any booking, however large, but you'll get a receipt "
    "by email.\n\nThanks,\n{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="charge_card → add_to_bill",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("charge_card")],
        after_actions=[ActionFact("add_to_bill")],
        conditions=CONDITIONS,
        rules=[
            Rule("H1", "sentence_changed", ROOM, "Every booking is charged.", LABEL, "changed"),
            Rule("H2", "sentence_changed", ROOM, "The same for all.", WAY, "changed"),
            Rule("H3", "sentence_changed", ROOM, "No bills.", OTHERS, "changed"),
        ],
        excerpts=[
            Excerpt("p1", f"{OLD_REPLY} RM-1183.", "It's on your team's monthly bill."),
            Excerpt("p2", f"{OLD_REPLY} RM-2210.", "It's on your team's monthly bill."),
            Excerpt("p3", f"{OLD_REPLY} RM-3307.", "It's on your team's monthly bill."),
        ],
        others=9,
    )


def test_the_case_says_the_category_and_the_count_in_the_prompts_words() -> None:
    way = category_way(_facts())
    assert way is not None
    assert way.case == CASE
    assert way.statement == SAID
    assert "plan type" not in way.case and "terms_days" not in way.statement
    assert counted_way(_facts()) == way


def test_claims_over_every_size_or_kind_gain_the_case() -> None:
    way = counted_way(_facts())
    assert way is not None
    said = with_counted_way(way, "That's how it works, whatever its size and whoever it's for.")
    assert said == f"That's how it works, except {CASE}: then {SAID}."
    said = with_counted_way(way, "- **Paying:** by card when you book, just like a smaller room.")
    assert said == f"- **Paying:** by card when you book, except {CASE}: then {SAID}."
    said = with_counted_way(
        way,
        "No. Every room is charged to the card, whether you're two or twenty, and whatever kind "
        "of plan you have with us.",
    )
    assert said == f"Every room is charged to the card, except {CASE}: then {SAID}."
    said = with_counted_way(way, "We charge the card for solo, team and charity plans alike.")
    assert (
        said == f"We charge the card for solo, team and charity plans, except {CASE}: then {SAID}."
    )
    # a rate, or a size said of one booking, claims nothing
    assert not claims_every_case(way, "We suggest one host for every 8 people.")
    assert not claims_every_case(way, "A room for 12 people is on the second floor.")
    assert with_denial_kept(
        "We can't offer a bill on any booking, however large, but you'll get a receipt."
    ) == ("We can't offer a bill on any other booking, but you'll get a receipt.")


def test_the_items_claims_and_denials_are_rewritten_and_the_rest_kept() -> None:
    kb = KnowledgeBase(
        [
            kb_item("booked", MACRO, kind="macro", title="Rooms::Booked and paid"),
            kb_item("billing", BILLING, kind="macro", title="Billing::Can you bill us?"),
        ]
    )
    facts = _facts()
    impacts = {impact.item.key: impact for impact in rank_items(facts, kb)}
    reasons = {c.sentence: c.reasons for c in impacts["macro:billing"].conflicts}
    denial = next(s for s in reasons if s.startswith("We're not able"))
    assert COUNTED_DENIAL_REASON in reasons[denial]
    # ranked on its own: beside the billing macro it falls under the relevance floor
    [alone] = rank_items(facts, KnowledgeBase([kb_item("booked", MACRO, kind="macro")]))
    impacts["macro:booked"] = alone
    booked = {c.sentence: c.reasons for c in impacts["macro:booked"].conflicts}
    assert any(COUNTED_WAY_REASON in r for r in booked.values())
    assert not any("host" in sentence for sentence in booked)
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:booked"])
    assert macro.new_body == MACRO.replace(
        "That's how every booking works, whatever its size and whoever it's for.",
        f"That's how every booking works, except {CASE}: then {SAID}.",
    )
    billing = drafter.edit(facts, impacts["macro:billing"])
    assert billing.new_body is not None
    assert f"for solo, team and charity plans, except {CASE}: then {SAID}." in billing.new_body
    assert "on any other booking, but you'll get a receipt by email." in billing.new_body
    assert "alike" not in billing.new_body and "however large" not in billing.new_body
    assert "plan_type" not in billing.new_body and "terms_days" not in billing.new_body


def test_the_drafting_model_gets_the_case_and_the_same_check() -> None:
    facts = _facts()
    assert any(CASE in fact and "whatever its size" in fact for fact in draft_facts(facts))
    [impact] = rank_items(facts, KnowledgeBase([kb_item("booked", MACRO, kind="macro")]))
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_claims_every_size(facts, conflicts, MACRO, template_edit.new_body, "text") == []
    # a model's edit that adds the case but keeps "whatever its size and whoever it's for"
    kept = MACRO.replace("whoever it's for.", f"whoever it's for ({CASE}, {SAID}).")
    assert still_claims_every_size(facts, conflicts, MACRO, kept, "text") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the team case."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says the old way holds whatever the size" in failure


ARTICLE = (
    "# Paying for rooms\n\n## Can we be billed?\n\nNo. We charge the card on file when a room is "
    "booked, whatever kind of plan you have.\n\n## How each plan pays\n\n"
    "| Plan | How you pay | Bill |\n| --- | --- | --- |\n| Solo | Card on file | Not available |\n"
    "| Team | Card on file | Not available |\n| Charity | Card on file | Not available |\n"
)


def test_the_answer_and_the_categorys_row_get_the_case_and_the_others_rows_stay() -> None:
    facts = _facts()
    [impact] = rank_items(facts, KnowledgeBase([kb_item("paying", ARTICLE)]))
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    # the bare "No." goes with the claim; the answer keeps the old way for the others
    assert (
        "## Can we be billed?\n\nWe charge the card on file when a room is booked, except "
        f"{CASE}: then {SAID}.\n" in edit.new_body
    )
    # the category's row says its case; the other kinds' rows are kept byte for byte
    assert f"| Team (except {CASE}: then {SAID}) | Card on file | Not available |" in edit.new_body
    assert "| Solo | Card on file | Not available |\n" in edit.new_body
    assert "| Charity | Card on file | Not available |\n" in edit.new_body
