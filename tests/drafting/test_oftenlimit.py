"""A limit on how often put on what was given whenever asked (oftenlimit): a gym's free guest
pass, once given whenever a member asked, now one a month; a car wash's free re-wash, once
given any number of times, now one per 30 days. The KB's "however often" claims on the topic
are said as the limit in the prompt's words; what is given, how and how soon is kept byte for
byte (it still holds up to the limit); the same words on another topic stay; "unlimited" is
flagged. The drafting model gets the same fact and its edit the same check."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.oftenlimit import (
    claims_however_often,
    new_often_limit,
    still_however_often,
    within_limit,
)
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import kb_item

_GYM_OLD = "Members can bring a guest for free: call `issue_guest_pass` with the guest's name."
_GYM_NEW = (
    "Members get one free guest pass a month: first check `lookup_member`. If "
    "`guest_passes_this_month` is 0, call `issue_guest_pass` with the guest's name."
)
_GYM_PAST = (
    "If they have already had one this month, do not call `issue_guest_pass`: explain the "
    "limit and point them to the day-pass desk."
)


def _condition(feature: str, op: str, value: float, tag: str) -> Condition:
    return Condition.from_dict(
        {
            "text": f"tag {tag} and {feature} {op} {value:g}",
            "atoms": [
                {"feature": f"tag:{tag}", "op": "tag"},
                {"feature": feature, "op": op, "value": value},
            ],
        }
    )


def _gym(op: str = ">=", value: float = 1) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls issue_guest_pass",
        kind="actions",
        facets=["actions"],
        probe_ids=["g1", "g2", "g3"],
        before_actions=[ActionFact("issue_guest_pass")],
        rules=[
            Rule("H1", "sentence_changed", "Guests", _GYM_OLD, _GYM_NEW, "guests"),
            Rule("H2", "sentence_added", "Guests", None, _GYM_PAST, "guests"),
        ],
        conditions=[_condition("lookup_member.guest_passes_this_month", op, value, "guests")],
        others=6,
    )


_GYM_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: members can bring a guest free as often "
    "as they like, so we've added a pass for your friend to your account. Show it at the front "
    "desk.\n\nSee you soon,\n{{current_user.first_name}}\nIronside Gym"
)
_GYM_FAQ = (
    "# Bringing a guest\n\n## Can I bring a friend?\n\nYes. Guest passes are free for members, "
    "whenever you need one. Ask at the front desk and we'll print a pass on the day.\n\n"
    "## When are you open?\n\nWe're open whenever you need us, from 6am to 10pm.\n"
)
_GYM_HOURS = (
    "Hi {{ticket.requester.first_name}},\n\nOur classes run every day: book whenever you like "
    "in the app.\n\nIronside Gym"
)


def test_the_gym_limit_is_read_from_the_new_rule_and_matches_the_condition() -> None:
    limit = new_often_limit(_gym())
    assert limit is not None
    assert (limit.count, limit.phrase) == (1, "one free guest pass a month")
    assert limit.adverb() == "once a month"
    # `> 0` on a whole count is the same line
    assert new_often_limit(_gym(">", 0)) is not None
    # a count that is not the rule's, or a limit the old rule had already, is another change
    assert new_often_limit(_gym(">=", 2)) is None
    moved = _gym()
    moved.rules[0] = Rule("H1", "sentence_changed", "Guests", _GYM_NEW.replace("one", "two"),
                          _GYM_NEW, "guests")  # fmt: skip
    assert new_often_limit(moved) is None


def test_gym_claims_are_said_as_the_limit_and_the_rest_kept() -> None:
    facts = _gym()
    knowledge = KnowledgeBase(
        [
            kb_item("guest", _GYM_MACRO, kind="macro", title="Guests::Add a guest pass"),
            kb_item("guests", _GYM_FAQ),
            kb_item("classes", _GYM_HOURS, kind="macro", title="Classes::Booking"),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:guest"])
    assert macro.new_body == _GYM_MACRO.replace("as often as they like", "once a month")
    faq = drafter.edit(facts, impacts["article:guests"])
    # the opening hours' "whenever you need us" is another topic: kept
    # said once, at the end of the claim's paragraph: what the new prompt does past the limit
    assert faq.new_body == _GYM_FAQ.replace(
        "whenever you need one.", "one free guest pass a month."
    ).replace(
        "on the day.",
        "on the day. If you have already had one this month, we point you to the day-pass desk.",
    )
    assert "If they have already had one this month" in faq.rationale
    assert "macro:classes" not in impacts or not impacts["macro:classes"].conflicts


_WASH_OLD = "If a customer isn't happy with a wash, book a free re-wash with `book_rewash`."
_WASH_NEW = (
    "Customers get one free re-wash per 30 days: check `lookup_account`. If "
    "`rewashes_last_30_days` is 0, book it with `book_rewash`."
)

_WASH_PAST = (
    "If they have already had one in the last 30 days, do not call `book_rewash`: offer a paid "
    "wash at the usual price."
)


def _wash() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls book_rewash",
        kind="actions",
        facets=["actions"],
        probe_ids=["w1", "w2"],
        before_actions=[ActionFact("book_rewash")],
        rules=[
            Rule("H1", "sentence_changed", "Re-washes", _WASH_OLD, _WASH_NEW, "re-washes"),
            Rule("H2", "sentence_added", "Re-washes", None, _WASH_PAST, "re-washes"),
        ],
        conditions=[_condition("lookup_account.rewashes_last_30_days", ">=", 1, "rewash")],
        others=5,
    )


_WASH_FAQ = (
    "## Not happy with your wash?\n\nRe-washes are free, any number of times, if you're not "
    "happy with the result. We'll book your re-wash into the next free slot.\n"
)
_WASH_UNLIMITED = (
    "## Re-wash promise\n\nUnlimited free re-washes for every customer. We'll book your "
    "re-wash into the next free slot.\n"
)


def test_car_wash_claim_said_as_the_limit_and_unlimited_flagged() -> None:
    facts = _wash()
    limit = new_often_limit(facts)
    assert limit is not None and limit.phrase == "one free re-wash per 30 days"
    knowledge = KnowledgeBase(
        [kb_item("rewash", _WASH_FAQ), kb_item("promise", _WASH_UNLIMITED)],
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    drafter = TemplateDrafter()
    edit = drafter.edit(facts, impacts["article:rewash"])
    assert edit.new_body == _WASH_FAQ.replace(
        "any number of times", "one free re-wash per 30 days"
    ).replace(
        "next free slot.\n",
        "next free slot. If you have already had one in the last 30 days, we offer a paid wash "
        "at the usual price.\n",
    )
    flagged = drafter.edit(facts, impacts["article:promise"])
    assert flagged.new_body is None
    assert "limits how often" in flagged.rationale


def test_claims_need_the_topic_and_one_claim_to_replace() -> None:
    limit = new_often_limit(_wash())
    assert limit is not None
    assert claims_however_often(limit, "Re-washes are free whenever you need them.")
    assert not claims_however_often(limit, "Call us whenever you need help.", "Re-washes")
    assert within_limit(limit, "Re-washes are free whenever you want them.") == (
        "Re-washes are free once per 30 days."
    )
    assert within_limit(limit, "Re-washes are free whenever you want, any number of times.") is (
        None
    )


def test_the_drafting_model_gets_the_fact_and_the_check() -> None:
    facts = _gym()
    assert any("one free guest pass a month" in fact for fact in draft_facts(facts))
    impact = next(
        impact
        for impact in rank_items(
            facts,
            KnowledgeBase(
                [kb_item("guest", _GYM_MACRO, kind="macro", title="Guests::Add a guest pass")]
            ),
        )
        if impact.item.key == "macro:guest"
    )
    template_edit = TemplateDrafter().edit(facts, impact)
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_however_often(facts, conflicts, _GYM_MACRO, _GYM_MACRO, "text") != []
    assert (
        still_however_often(facts, conflicts, _GYM_MACRO, template_edit.new_body or "", "text")
        == []
    )
    reply = json.dumps({"new_body": _GYM_MACRO, "rationale": "No change."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body or ""])
    model_edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert model_edit is None
    assert "however often" in (failure or "")
