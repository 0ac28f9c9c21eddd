"""The last resort for a change no class rule knows (`drafting.oldside`): a prompt sentence
that denied something now grants it, and the KB items still denying it are found from the
prompt diff itself and rewritten in the KB's voice, or flagged with the reason.

Made-up agents: a gym that now hands out a free towel past 10 visits a month, a bike shop that
now lends a courtesy bike, a library that now issues a card without photo ID. Traps: the same
words about a topic the new prompt keeps, a band the line leaves alone, other denials."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts, still_conflicting
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.oldside import OLD_SIDE_REASON, kb_voice, old_sides
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

# --- a gym: a free towel for members past 10 visits this month --------------------------------

GYM_OLD = "We don't hand out free towels to members."
GYM_NEW = (
    "If the member has made more than 10 visits this month, give them a free towel with "
    "`hand_towel` (member_id) at the desk, and tell them it's on us."
)
GYM_AFTER = "Members with 10 visits or fewer this month don't get a free towel."
GYM_KEPT = "Free towels aren't available to guests on a day pass."
GYM_SECTIONS = {
    "At the desk": [
        "Check the member in with `check_in` (member_id).",
        GYM_NEW,
        GYM_AFTER,
        GYM_KEPT,
        "Towels can be hired for £2.",
    ],
    "Refunds": ["We don't refund day passes."],
}
GYM_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your message. Just so you know, we don't "
    "hand out free towels to members, whatever your plan.\n\nSee you on the gym floor,\n"
    "{{current_user.first_name}}\n"
)
GYM_ARTICLE = """# Towels and lockers

## Do I get a towel?

| Visits this month | Free towel |
| --- | --- |
| Up to 10 | No |
| More than 10 | No |

Towels can be hired for £2 at the desk.

## Day passes

We don't hand out free towels to day-pass guests, and we don't refund day passes.
"""
GYM_TRAP = (
    "Hi {{ticket.requester.first_name}},\n\nWe don't refund day passes, but you can move yours "
    "to another day. Towels can be hired for £2.\n"
)


def _gym(*, rules: list[Rule] | None = None) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls hand_towel",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=6,
        after_actions=[ActionFact("hand_towel", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "visits_this_month > 10",
                    "atoms": [{"feature": "visits_this_month", "op": ">", "value": 10}],
                }
            )
        ],
        rules=rules
        if rules is not None
        else [
            Rule("H1", "sentence_changed", "At the desk", GYM_OLD, GYM_NEW, "sentence changed"),
            Rule("H2", "sentence_added", "At the desk", None, GYM_AFTER, "sentence added"),
            Rule("H3", "tool_added", None, None, None, "tool hand_towel added"),
        ],
        prompt_sections=GYM_SECTIONS,
    )


def _gym_kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            kb_item("towels", GYM_ARTICLE),
            kb_item("towel-macro", GYM_MACRO, kind="macro"),
            kb_item("day-pass", GYM_TRAP, kind="macro"),
        ]
    )


def _marked(facts: ChangeFacts, knowledge: KnowledgeBase) -> dict[str, list[str]]:
    return {
        impact.item.key: [c.sentence for c in impact.conflicts]
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }


def test_the_old_side_and_the_new_rule_in_the_kbs_voice_are_read_from_the_diff() -> None:
    [side] = old_sides(_gym())
    assert "hand" in side.only_old
    assert {"free", "towel"} <= side.shared
    assert side.said == (
        "If you have made more than 10 visits this month, we give you a free towel at "
        "the desk, and it's on us. Members with 10 visits or fewer this month don't get a free "
        "towel."
    )
    assert side.granted == "A free towel at the desk"
    # a sentence that denied nothing is a swap; one whose new text still denies is the
    # class rules' business
    same = Rule("H1", "sentence_changed", "At the desk", "We hand out towels.", GYM_NEW, "")
    assert [side.flipped for side in old_sides(_gym(rules=[same]))] == [False]
    still = Rule("H1", "sentence_changed", "At the desk", GYM_OLD, GYM_AFTER, "")
    assert old_sides(_gym(rules=[still])) == []


def test_the_sentences_and_rows_stating_the_old_rule_are_found_and_traps_are_not() -> None:
    marked = _marked(_gym(), _gym_kb())
    assert marked["macro:towel-macro"] == [
        "Just so you know, we don't hand out free towels to members, whatever your plan."
    ]
    # the band past the line, not the one the line leaves alone; the day-pass guests are a
    # topic the new prompt keeps the old words for
    assert marked["article:towels"] == ["| More than 10 | No |"]
    assert "macro:day-pass" not in marked


def test_the_template_rewrites_them_in_the_kbs_voice_and_keeps_every_other_byte() -> None:
    facts = _gym()
    drafter = TemplateDrafter()
    edits = {
        impact.item.key: drafter.edit(facts, impact)
        for impact in rank_items(facts, _gym_kb())
        if impact.affected
    }
    macro = edits["macro:towel-macro"].new_body
    assert macro == GYM_MACRO.replace(
        "we don't hand out free towels to members, whatever your plan.",
        "if you have made more than 10 visits this month, we give you a free towel at "
        "the desk, and it's on us. Members with 10 visits or fewer this month don't get a free "
        "towel.",
    )
    article = edits["article:towels"].new_body
    assert article == GYM_ARTICLE.replace(
        "| More than 10 | No |", "| More than 10 | A free towel at the desk |"
    )
    assert "hand_towel" not in (macro or "") + (article or "")


def test_class_rules_keep_precedence() -> None:
    """A change a class rule finds in an item (a refusal lifted for everyone, `lifted`) gets
    nothing from the last resort in that item."""
    from .test_lifted_refusal import ARTICLE, REFUSING, _facts

    facts = _facts()
    assert old_sides(facts)
    refusing = kb_item("leaving", f"Hi,\n\n{REFUSING}\n", kind="macro")
    ranked = rank_items(facts, KnowledgeBase([kb_item("membership", ARTICLE), refusing]))
    reasons = [r for impact in ranked for c in impact.conflicts for r in c.reasons]
    assert reasons and OLD_SIDE_REASON not in reasons


# --- a bike shop: a courtesy bike while yours is in the workshop ------------------------------

BIKE_OLD = "We can't lend a bike while yours is in the workshop."
BIKE_NEW = (
    "Lend a courtesy bike with `lend_bike` (job_id) while theirs is in the workshop, and tell "
    "them to bring it back when they collect their own."
)
BIKE_SECTIONS = {
    "Repairs": [
        "Book repairs with `book_repair` (bike_id).",
        BIKE_NEW,
        "We can't repair carbon frames in the workshop.",
    ]
}
BIKE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry, we aren't able to lend a bike while yours "
    "is in the workshop.\n\nRide safe,\nSpokes\n"
)
BIKE_ARTICLE = """# Repairs

We can't lend a bike while yours is in for repair, so please plan ahead.

We can't repair carbon frames in the workshop.
"""


def _bike() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls lend_bike",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=4,
        after_actions=[ActionFact("lend_bike", ())],
        conditions=[
            Condition.from_dict(
                {"text": "tag repair", "atoms": [{"feature": "tag:repair", "op": "tag"}]}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Repairs", BIKE_OLD, BIKE_NEW, "sentence changed"),
            Rule("H2", "tool_added", None, None, None, "tool lend_bike added"),
        ],
        prompt_sections=BIKE_SECTIONS,
    )


def test_a_denial_the_sides_differ_in_alone_is_found_and_a_mixed_sentence_is_flagged() -> None:
    facts = _bike()
    knowledge = KnowledgeBase(
        [kb_item("repairs", BIKE_ARTICLE), kb_item("lend", BIKE_MACRO, kind="macro")]
    )
    ranked = {impact.item.key: impact for impact in rank_items(facts, knowledge) if impact.affected}
    macro = ranked["macro:lend"]
    assert [c.sentence for c in macro.conflicts] == [
        "Sorry, we aren't able to lend a bike while yours is in the workshop."
    ]
    # the apology goes with the refusal; the rest of the macro stays byte for byte
    assert TemplateDrafter().edit(facts, macro).new_body == BIKE_MACRO.replace(
        "Sorry, we aren't able to lend a bike while yours is in the workshop.",
        "We lend a courtesy bike while yours is in the workshop, and please bring it back when "
        "you collect your own.",
    )
    # the other refusal in the workshop stays
    article = ranked["article:repairs"]
    assert [c.sentence for c in article.conflicts] == [
        "We can't lend a bike while yours is in for repair, so please plan ahead."
    ]
    edit = TemplateDrafter().edit(facts, article)
    # "so please plan ahead" is another claim beside the old rule: flagged, no text
    assert edit.new_body is None
    assert "Flagged for review" in edit.rationale
    assert BIKE_OLD in edit.rationale and "courtesy bike" in edit.rationale
    assert "says something else beside the old rule" in edit.rationale


def test_a_removed_denial_is_paired_with_the_sentence_added_in_its_section() -> None:
    """The diff may give the old sentence as removed and the new one as added."""
    facts = _bike()
    facts.rules = [
        Rule("H1", "sentence_removed", "Repairs", BIKE_OLD, None, "sentence removed"),
        Rule("H2", "sentence_added", "Repairs", None, BIKE_NEW, "sentence added"),
        Rule("H3", "sentence_added", "Opening hours", None, "We lend maps.", "sentence added"),
    ]
    [side] = old_sides(facts)
    assert side.old == BIKE_OLD and side.new == BIKE_NEW
    ranked = rank_items(facts, KnowledgeBase([kb_item("lend", BIKE_MACRO, kind="macro")]))
    assert [c.sentence for impact in ranked for c in impact.conflicts] == [
        "Sorry, we aren't able to lend a bike while yours is in the workshop."
    ]
    # added in another section: no pair
    facts.rules = [facts.rules[0], facts.rules[2]]
    assert old_sides(facts) == []


def test_kb_voice_drops_the_prompts_internals() -> None:
    assert kb_voice(BIKE_NEW) == (
        None,
        "we lend a courtesy bike while yours is in the workshop, and please bring it back when "
        "you collect your own",
        "a courtesy bike while yours is in the workshop",
    )
    assert kb_voice("No proof: we now accept the claim.") == (
        "If you have no proof",
        "we now accept the claim",
        None,
    )
    # nothing left once the call is out: no statement
    assert kb_voice("Call `lend_bike` (job_id).") is None


# --- a library: a card without photo ID -------------------------------------------------------

LIB_OLD = "No ID: we can't issue a library card without photo ID."
LIB_NEW = "No ID: we now issue a library card without photo ID."
LIB_KEPT = "Children under 12 need a parent's photo ID to join."
LIB_SECTIONS = {"Joining": [LIB_NEW, LIB_KEPT, "Cards are free."]}
LIB_TABLE = """# Joining the library

| You bring | What happens |
| --- | --- |
| Photo ID | We issue your library card on the spot. |
| No ID | We can't issue a library card without photo ID. |

We can't issue a card to children under 12 without a parent's photo ID.
"""


def _library() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls issue_card",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1"],
        others=4,
        after_actions=[ActionFact("issue_card", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "has_id = false",
                    "atoms": [{"feature": "has_id", "op": "=", "value": False}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Joining", LIB_OLD, LIB_NEW, "sentence changed")],
        prompt_sections=LIB_SECTIONS,
    )


def test_a_keyed_row_gets_the_new_rule_without_its_case_and_a_kept_topic_stays() -> None:
    facts = _library()
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("join", LIB_TABLE)])) if i.affected
    ]
    assert [c.sentence for c in impact.conflicts] == [
        "| No ID | We can't issue a library card without photo ID. |"
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == LIB_TABLE.replace(
        "| No ID | We can't issue a library card without photo ID. |",
        "| No ID | We now issue a library card without photo ID. |",
    )


# --- the drafting model: the same conflicts, the same checks ----------------------------------


def _fake(body: str) -> FakeChatModel:
    reply = json.dumps({"new_body": body, "rationale": "Updated."})
    note = json.dumps(
        {
            "title": "Free towel past 10 visits",
            "before": "No free towels.",
            "after": "A free towel past 10 visits.",
            "when": "More than 10 visits this month.",
            "customer_impact": "Members get a free towel.",
            "cs_actions": [],
        }
    )
    return FakeChatModel([note, reply, reply, reply, reply, reply, reply])


def test_a_model_edit_restating_the_old_rule_in_other_words_is_refused() -> None:
    facts = _gym()
    assert GYM_OLD not in " ".join(draft_facts(facts))
    impact = next(i for i in rank_items(facts, _gym_kb()) if i.item.key == "macro:towel-macro")
    reworded = GYM_MACRO.replace(
        "Just so you know, we don't hand out free towels to members, whatever your plan.",
        "Please note that we don't hand out any free towels to our members.",
    )
    problems = still_conflicting(facts, impact, None, reworded)
    assert problems and "still contradicts" in problems[0]


def test_the_llm_drafter_gets_the_same_conflicts_and_falls_back_on_the_old_rule() -> None:
    facts = _gym()
    impacts = rank_items(facts, _gym_kb())
    reworded = GYM_MACRO.replace(
        "Just so you know, we don't hand out free towels to members, whatever your plan.",
        "Please note that we don't hand out any free towels to our members.",
    )
    model = _fake(reworded)
    drafter = LLMDrafter(model, "fake")
    draft = asyncio.run(drafter.draft(facts, impacts, Grounding([GYM_NEW, GYM_OLD]), None))
    by_key = {edit.item_key: edit for edit in draft.edits}
    macro = by_key["macro:towel-macro"]
    assert macro.origin == "llm-fallback"
    assert macro.new_body is not None and "free towel at the desk" in macro.new_body
    sent = " ".join(
        str(message.get("content")) for request in model.requests for message in request.messages
    )
    assert OLD_SIDE_REASON in sent
    # the old rule and the new one in the KB's voice, as the template writes it
    assert GYM_OLD in sent and "we give you a free towel at the desk" in sent


# --- a clinic: refunds as credit instead of back to the card (a swap) -------------------------

CLINIC_OLD = "Refunds go back to the card you paid with."
CLINIC_NEW = "Refunds are given as clinic credit with `issue_credit` (patient_id)."
CLINIC_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry we had to cancel. Your refund goes back to "
    "the card you paid with.\n\nKind regards,\nThe clinic\n"
)
CLINIC_ARTICLE = """# Cancellations

When we refund you, it goes back to the card you paid with, usually within 5 days.

We take a deposit on the card you paid with when you book.
"""


def _clinic() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls issue_credit",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1"],
        others=3,
        after_actions=[ActionFact("issue_credit", ())],
        rules=[
            Rule("H1", "sentence_changed", "Refunds", CLINIC_OLD, CLINIC_NEW, "changed"),
        ],
        prompt_sections={"Refunds": [CLINIC_NEW], "Booking": ["Take a deposit when they book."]},
    )


def test_a_swap_restated_whole_is_rewritten_and_a_longer_one_flagged() -> None:
    facts = _clinic()
    [side] = old_sides(facts)
    assert not side.flipped
    knowledge = KnowledgeBase(
        [kb_item("cancel", CLINIC_ARTICLE), kb_item("refund", CLINIC_MACRO, kind="macro")]
    )
    ranked = {i.item.key: i for i in rank_items(facts, knowledge) if i.affected}
    macro = ranked["macro:refund"]
    assert [c.sentence for c in macro.conflicts] == [
        "Your refund goes back to the card you paid with."
    ]
    assert TemplateDrafter().edit(facts, macro).new_body == CLINIC_MACRO.replace(
        "Your refund goes back to the card you paid with.", "Refunds are given as clinic credit."
    )
    article = ranked["article:cancel"]
    # the deposit taken on the same card is another rule
    assert [c.sentence for c in article.conflicts] == [
        "When we refund you, it goes back to the card you paid with, usually within 5 days."
    ]
    edit = TemplateDrafter().edit(facts, article)
    assert edit.new_body is None and CLINIC_OLD in edit.rationale


def test_an_html_article_is_rewritten_in_place_its_markup_kept() -> None:
    body = (
        "<h1>Towels</h1><p>Thanks for asking. We don&#39;t hand out free towels to members, "
        "whatever your plan.</p><p>Towels can be hired for £2.</p>"
    )
    item = KnowledgeItem("article", "h", "Towels", body, "html", "kb", "h")
    facts = _gym()
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == (
        "<h1>Towels</h1><p>Thanks for asking. If you have made more than 10 visits this month, "
        "we give you a free towel at the desk, and it's on us. Members with 10 visits or fewer "
        "this month don't get a free towel.</p><p>Towels can be hired for £2.</p>"
    )


def test_a_model_edit_dropping_the_old_rule_without_the_new_one_is_refused() -> None:
    facts = _gym()
    impacts = rank_items(facts, _gym_kb())
    dropped = GYM_MACRO.replace(
        " Just so you know, we don't hand out free towels to members, whatever your plan.", ""
    )
    model = _fake(dropped)
    draft = asyncio.run(
        LLMDrafter(model, "fake").draft(facts, impacts, Grounding([GYM_NEW, GYM_OLD]), None)
    )
    macro = next(edit for edit in draft.edits if edit.item_key == "macro:towel-macro")
    assert macro.origin == "llm-fallback"
    assert any("does not say the new one" in f["reason"] for f in draft.fallbacks)


def test_a_new_rule_of_two_sentences_is_said_sentence_by_sentence() -> None:
    new = (
        "If a member has visited more than 10 times, give them a free towel with `hand_towel` "
        "(member_id). Tell them it is on us."
    )
    facts = _gym(rules=[Rule("H1", "sentence_changed", "At the desk", GYM_OLD, new, "")])
    facts.prompt_sections = {"At the desk": [new]}
    [side] = old_sides(facts)
    assert (
        side.said
        == "If you have visited more than 10 times, we give you a free towel. It is on us."
    )


def test_the_sentence_after_a_rewritten_one_on_its_topic_is_named_for_a_writer() -> None:
    body = (
        "Hi {{ticket.requester.first_name}},\n\nWe don't hand out free towels to members. If "
        "you bring your own towel, we'll keep it in a locker for you.\n\nSee you soon\n"
    )
    facts = _gym()
    knowledge = KnowledgeBase([kb_item("own-towel", body, kind="macro")])
    [impact] = [i for i in rank_items(facts, knowledge) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "If you bring your own towel, we'll keep it in a locker for you." in edit.new_body
    assert "A writer should check that what follows still reads right" in edit.rationale
    assert "If you bring your own towel" in edit.rationale


def test_the_new_rule_is_said_once_a_paragraph() -> None:
    body = (
        "Hi {{ticket.requester.first_name}},\n\nWe don't hand out free towels to members. "
        "Free towels aren't handed out to members at the desk either.\n\nSee you soon\n"
    )
    facts = _gym()
    knowledge = KnowledgeBase([kb_item("twice", body, kind="macro")])
    [impact] = [i for i in rank_items(facts, knowledge) if i.affected]
    assert len(impact.conflicts) == 2
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert edit.new_body.count("we give you a free towel") == 1
    assert "aren't handed out" not in edit.new_body
    assert edit.new_body.endswith("this month don't get a free towel.\n\nSee you soon\n")
