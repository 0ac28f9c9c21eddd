"""A case appended to a rule the new prompt keeps word for word (a made-up boiler servicer, not
a scenario's domain): "We service every boiler once every 24 months." became "… once every 24
months, or once every 12 months for boilers over 15 years old." for `boiler_age > 15 and
months_since_service in [12, 24)`. KB sentences saying the old amount in the rule's words get
the appended case after it; the old action's confirmation ("your visit is booked"), 24 months
said of another topic, and everything else stay byte for byte."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.appendedcase import (
    _TOKEN,
    appended_case,
    appended_case_reason,
    appended_said,
    still_appended_unsaid,
)
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import kb_item

OLD = "We service every customer's boiler once every 24 months."
NEW = (
    "We service every customer's boiler once every 24 months, or once every 12 months for "
    "boilers over 15 years old."
)
TAIL = ", or once every 12 months for boilers over 15 years old"
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for getting in touch. We service your boiler "
    "once every 24 months to keep your warranty valid. Your visit is booked for you.\n\n"
    "Thanks,\nWarmcare"
)
ARTICLE = """# Getting started

- [ ] Sign up: your plan runs for 24 months
- [ ] Book your first visit (we service your boiler every 24 months after that)
"""
BOOKED = "Hi {{ticket.requester.first_name}},\n\nYour visit is booked for you.\n\nThanks,\nWarmcare"


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_service → request_inspection",
        kind="actions",
        facets=["actions"],
        probe_ids=["b1", "b2", "b3"],
        before_actions=[ActionFact("book_service")],
        after_actions=[ActionFact("request_inspection")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "boiler_age > 15 and 12 <= months_since_service < 24",
                    "atoms": [
                        {"feature": "boiler_age", "op": ">", "value": 15.0},
                        {"feature": "months_since_service", "op": ">=", "value": 12.0},
                        {"feature": "months_since_service", "op": "<", "value": 24.0},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Servicing", OLD, NEW, "sentence changed")],
        removed_promises=[Promise("duration", "24 months")],
        added_promises=[Promise("duration", "12 months")],
        others=9,
    )


def test_the_appended_case_is_read_from_the_kept_sentence() -> None:
    case = appended_case(_facts())
    assert case is not None
    assert (case.old_amount, case.new_amount, case.tail) == ("24 months", "12 months", TAIL)


def test_only_the_old_amount_in_the_rules_words_conflicts() -> None:
    case = appended_case(_facts())
    assert case is not None
    assert appended_case_reason(case, "We service your boiler once every 24 months.") is not None
    assert appended_case_reason(case, "Your plan runs for 24 months.") is None
    assert appended_case_reason(case, f"We service your boiler every 24 months{TAIL}.") is None


def test_the_case_is_said_after_the_old_amount_and_the_old_action_kept() -> None:
    facts = _facts()
    items = [
        kb_item("due", MACRO, kind="macro"),
        kb_item("start", ARTICLE),
        kb_item("booked", BOOKED, kind="macro"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:due", "article:start"}
    macro = TemplateDrafter().edit(facts, impacts["macro:due"])
    assert macro.new_body == MACRO.replace("24 months to", f"24 months{TAIL}, to")
    article = TemplateDrafter().edit(facts, impacts["article:start"])
    assert article.new_body == ARTICLE.replace("24 months after", f"24 months{TAIL}, after")


# a limit kept "on any job" and widened for jobs over an amount (a made-up plumber) ------------

AREA_OLD = "We send an engineer to homes within 8 km of the depot."
AREA_NEW = (
    "We send an engineer to homes within 8 km of the depot on any job, and up to 15 km from the "
    "depot for jobs of £200 or more."
)
AREA_TAIL = ", or up to 15 km from the depot for jobs of £200 or more"
TOO_FAR = (
    "Hi {{ticket.requester.first_name}},\n\nSorry, we send engineers within 8 km of the depot, "
    "whatever the value of the job, and your street is just outside that. Our partner firm "
    "can help.\n\nThanks,\nPipeline Plumbing"
)
AT_A_GLANCE = """# Booking at a glance

- Service area: within 8 km of the depot, on every job
- Call-out charge: £60
- We answer the phone within 8 minutes
"""


def _area_facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="refused → book_visit",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[],
        after_actions=[ActionFact("book_visit")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "job_total >= 200 and 8 < distance_km <= 15",
                    "atoms": [
                        {"feature": "job_total", "op": ">=", "value": 200.0},
                        {"feature": "distance_km", "op": ">", "value": 8.0},
                        {"feature": "distance_km", "op": "<=", "value": 15.0},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Area", AREA_OLD, AREA_NEW, "sentence changed")],
        removed_promises=[],
        added_promises=[Promise("duration", "2 hours")],
        others=9,
    )


def test_a_case_joined_by_and_after_an_every_case_aside_is_appended() -> None:
    case = appended_case(_area_facts())
    assert case is not None
    assert (case.old_amount, case.new_amount, case.tail) == ("8 km", "15 km", AREA_TAIL)


def test_the_case_follows_the_old_rules_words_and_the_every_case_claim_goes() -> None:
    facts = _area_facts()
    items = [kb_item("far", TOO_FAR, kind="macro"), kb_item("glance", AT_A_GLANCE)]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:far", "article:glance"}
    macro = TemplateDrafter().edit(facts, impacts["macro:far"])
    assert macro.new_body == TOO_FAR.replace(
        "of the depot, whatever the value of the job,", f"of the depot{AREA_TAIL},"
    )
    article = TemplateDrafter().edit(facts, impacts["article:glance"])
    assert article.new_body == AT_A_GLANCE.replace(
        "of the depot, on every job", f"of the depot{AREA_TAIL}"
    )


def test_the_case_goes_after_the_amount_when_the_old_words_part_midway() -> None:
    case = appended_case(_area_facts())
    assert case is not None
    said = appended_said(case, "We send engineers within 8 km of the main depot.")
    assert said == f"We send engineers within 8 km{AREA_TAIL}, of the main depot."
    placeholder = "We send engineers within 8 km of the {{depot.name}} depot."
    assert appended_said(case, placeholder) == placeholder.replace("8 km", f"8 km{AREA_TAIL},")


def test_an_every_case_claim_without_a_comma_goes_and_a_joined_clause_stays() -> None:
    case = appended_case(_area_facts())
    assert case is not None
    said = appended_said(case, "We go within 8 km of the depot on any job, Monday to Friday.")
    assert said == f"We go within 8 km of the depot{AREA_TAIL}, Monday to Friday."
    joined = appended_said(case, "We go within 8 km of the depot for any job and never charge.")
    assert joined == f"We go within 8 km of the depot{AREA_TAIL}, and never charge."


def test_words_are_read_without_their_white_space() -> None:
    # a token taking its leading white space is re-tried at every blank of a run: quadratic
    assert _TOKEN.match("  depot") is None
    case = appended_case(_area_facts())
    assert case is not None
    spaced = "We go within 8 km" + " " * 50 + "of the depot."
    assert appended_said(case, spaced) == spaced.replace("depot.", f"depot{AREA_TAIL}.")


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _area_facts()
    [fact] = [f for f in draft_facts(facts) if AREA_TAIL.lstrip(", ") in f]
    assert "whatever the case" in fact
    impacts = {
        i.item.key: i
        for i in rank_items(facts, KnowledgeBase([kb_item("far", TOO_FAR, kind="macro")]))
        if i.affected
    }
    impact = impacts["macro:far"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_appended_unsaid(facts, conflicts, TOO_FAR, template_edit.new_body, "text") == []
    # a model's edit that adds the case but keeps the every-case claim
    kept = TOO_FAR.replace("of the depot,", f"of the depot{AREA_TAIL},")
    assert still_appended_unsaid(facts, conflicts, TOO_FAR, kept, "text") != []
    # one that says the old rule again in other words, without the case
    reworded = TOO_FAR.replace(
        "Sorry, we send engineers within 8 km of the depot, whatever the value of the job, and",
        "Sorry, our engineers only go within 8 km of the depot, and",
    )
    assert still_appended_unsaid(facts, conflicts, TOO_FAR, reworded, "text") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the case."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert failure is not None and "where the new prompt adds a case to it" in failure
