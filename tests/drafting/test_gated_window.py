"""A window shortened for an action the agent takes with a tool, the band it left handled
another way while the old line still bounds the guarantee: a bike shop's free re-adjustment
after a service, once booked up to 60 days after the service, now only up to 21 days; from
there to 60 days the workshop lead looks at a case first. The KB sentences saying the free
re-adjustment within 60 days move to 21 days (an article also says what the band now gets);
those saying the workmanship guarantee lasts 60 days, what happens after 60 days, and other
topics' 60 days stay."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.gatedwindow import (
    about_gated_action,
    beyond_band,
    gated_move_words,
    gated_window_problems,
    gated_windows,
    kept_over_band,
)
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.twofacets import two_facets
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item, moved_facts

SECTION = "After a service"
OLD_LINE = "Up to 60 days after the service (60 included): our workmanship guarantee covers it."
NEW_LINE = "Up to 21 days after the service (21 included): our workmanship guarantee covers it."
ACTION = (
    "Book a free re-adjustment with `book_adjustment` (bike_ref, issue) and tell the customer "
    "the workshop will ring within 1 working day to arrange a drop-off."
)
BAND = (
    "More than 21 days and up to 60 days after the service (60 included): still under the "
    "workmanship guarantee, but our workshop lead checks it first."
)
BAND_ACTION = (
    'Don\'t book a re-adjustment: open a case with `open_case` (bike_ref, team "workshop_lead", '
    "issue), ask for a short video of the fault, and tell them the workshop lead will email "
    "within 3 working days with the next step."
)
SECTIONS = {
    SECTION: [
        "When a customer reports a fault after a service, look the bike up with `lookup_bike`.",
        NEW_LINE,
        ACTION,
        BAND,
        BAND_ACTION,
        "More than 60 days after the service: the workmanship guarantee has ended.",
        "A re-adjustment then costs $30.",
    ],
    "Parts": ["Unused parts can be returned within 60 days for a refund."],
}

ARTICLE = (
    "# Our workmanship guarantee\n\n"
    "## What does it cover?\n\n"
    "Every service comes with our workmanship guarantee for sixty days (60 days) from the day "
    "we service your bike.\n\n"
    "## Something's not right after a service\n\n"
    "If it's within 60 days of your service, we'll book a free re-adjustment straight away, and "
    "the workshop will ring you within one working day to arrange a drop-off.\n\n"
    "1. Message us with your bike reference.\n"
    "2. If it was serviced in the last 60 days, we book a free re-adjustment.\n"
    "3. If it's been more than 60 days, a re-adjustment costs $30.\n"
)
BOOKED = (
    "Hi {{ticket.requester.first_name}},\n\nSorry the gears still slip. Your bike was serviced "
    "within the last 60 days, so I've booked a free re-adjustment for you. The workshop will "
    "ring you within 1 working day to arrange a drop-off.\n\nPedal & Co"
)
ENDED = (
    "Hi {{ticket.requester.first_name}},\n\nOur workmanship guarantee covers the first 60 days "
    "after a service, so this one is no longer covered. A re-adjustment costs $30.\n\nPedal & Co"
)
PARTS = (
    "Hi {{ticket.requester.first_name}},\n\nUnused parts can be returned within 60 days for a "
    "refund.\n\nPedal & Co"
)


def _facts(*, dropped: tuple[str, ...] = ("book_adjustment",)) -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", SECTION, OLD_LINE, NEW_LINE, "sentence changed"),
        Rule("H2", "sentence_added", SECTION, None, BAND, "sentence added"),
        Rule("H3", "sentence_added", SECTION, None, BAND_ACTION, "sentence added"),
    ]
    atoms: list[dict[str, object]] = [
        {
            "feature": "lookup_bike.days_since_service",
            "op": "between",
            "low": 21,
            "high": 60,
            "low_inclusive": False,
            "high_inclusive": True,
        }
    ]
    facts = moved_facts(rules, atoms, title="book_adjustment → open_case(team=workshop_lead)")
    facts.facets = ["actions", "promises"]
    facts.before_actions = [ActionFact("book_adjustment")]
    facts.after_actions = [ActionFact.parse("open_case(team=workshop_lead)")]
    facts.removed_promises = [
        Promise("callback", "a call to the customer"),
        Promise("duration", "1 business day"),
    ]
    facts.added_promises = [Promise("channel", "email"), Promise("duration", "3 business days")]
    facts.gated = gated_windows(
        facts.moves, facts.rules, SECTIONS, list(dropped), facts.conditions[0].atoms
    )
    return facts


def test_the_window_is_read_with_the_action_it_gates_and_the_band_it_left() -> None:
    facts = _facts()
    assert facts.gated
    window = facts.gated[0]
    assert window.action == ACTION and window.band == BAND and window.band_action == BAND_ACTION
    assert {"book", "free", "adjustment", "ring"} <= window.action_words
    # what the band keeps: the guarantee, not the words the value is measured in
    assert {"workmanship", "guarantee"} <= window.kept_words
    assert not window.kept_words & {"servic", "days", "60", "21"}
    # no window when the action after the moved sentence is still taken in the band
    atoms = facts.conditions[0].atoms
    assert gated_windows(facts.moves, facts.rules, SECTIONS, ["lookup_bike"], atoms) == []
    assert gated_windows(facts.moves, facts.rules, SECTIONS, [], atoms) == []
    # nor when the moved value is no line of the change's condition (a promise's time frame)
    other = moved_facts(facts.rules, [{"feature": "x", "op": ">", "value": 45}]).conditions
    assert gated_windows(facts.moves, facts.rules, SECTIONS, ["book_adjustment"], []) == []
    assert (
        gated_windows(facts.moves, facts.rules, SECTIONS, ["book_adjustment"], other[0].atoms) == []
    )


def test_sentences_are_read_by_what_they_say_with_the_old_value() -> None:
    windows = _facts().gated
    action = (
        "If it's within 60 days of your service, we'll book a free re-adjustment straight "
        "away, and the workshop will ring you within one working day to arrange a drop-off."
    )
    assert about_gated_action(windows, action)
    guarantee = "Our workmanship guarantee covers the first 60 days after a service."
    assert kept_over_band(windows, guarantee) and not about_gated_action(windows, guarantee)
    after = "If it's been more than 60 days, a re-adjustment costs $30 and we'll book it."
    assert beyond_band(windows, after) and not about_gated_action(windows, after)
    parts = "Unused parts can be returned within 60 days for a refund."
    assert not about_gated_action(windows, parts) and not kept_over_band(windows, parts)


def test_only_the_sentences_on_the_gated_action_conflict() -> None:
    facts = _facts()
    items = [
        kb_item("guarantee", ARTICLE),
        kb_item("booked", BOOKED, kind="macro", title="Aftercare::Re-adjustment booked"),
        kb_item("ended", ENDED, kind="macro", title="Aftercare::Guarantee ended"),
        kb_item("parts", PARTS, kind="macro", title="Parts::Returning unused parts"),
    ]
    found = {
        impact.item.key: [conflict.sentence for conflict in impact.conflicts]
        for impact in rank_items(facts, KnowledgeBase(items))
        if impact.affected
    }
    assert found == {
        "article:guarantee": [
            "If it's within 60 days of your service, we'll book a free re-adjustment straight "
            "away, and the workshop will ring you within one working day to arrange a drop-off.",
            "If it was serviced in the last 60 days, we book a free re-adjustment.",
        ],
        "macro:booked": [
            "Your bike was serviced within the last 60 days, so I've booked a free "
            "re-adjustment for you."
        ],
    }


def test_the_edit_moves_the_window_and_an_article_says_what_the_band_gets() -> None:
    facts = _facts()
    items = [
        kb_item("guarantee", ARTICLE),
        kb_item("booked", BOOKED, kind="macro", title="Aftercare::Re-adjustment booked"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    article = TemplateDrafter().edit(facts, impacts["article:guarantee"])
    assert article.new_body == ARTICLE.replace(
        "If it's within 60 days of your service, we'll book a free re-adjustment straight away, "
        "and the workshop will ring you within one working day to arrange a drop-off.",
        "If it's within 21 days of your service, we'll book a free re-adjustment straight away, "
        "and the workshop will ring you within one working day to arrange a drop-off. More "
        "than 21 days and up to 60 days after the service, the workshop lead will email within "
        "3 working days with the next step.",
    ).replace(
        "2. If it was serviced in the last 60 days", "2. If it was serviced in the last 21 days"
    )
    # the macro confirms the action for a customer inside the window: the value alone moves
    macro = TemplateDrafter().edit(facts, impacts["macro:booked"])
    assert macro.new_body == BOOKED.replace("within the last 60 days", "within the last 21 days")


def test_the_line_of_a_gated_window_is_no_time_frame_of_the_promise() -> None:
    # the call within 1 working day stays for the narrowed window: no "both facets" edit
    facts = _facts()
    assert two_facets(facts) is None
    facts.gated = []
    assert two_facets(facts) is not None


def test_a_drafting_model_gets_the_same_fact_and_checks() -> None:
    facts = _facts()
    words = "".join(gated_move_words(facts, move) for move in facts.moves)
    assert "still states 60 days" in words and "workshop lead will email" in words
    template = ARTICLE.replace(
        "workshop will ring you within one working day to arrange a drop-off.",
        "workshop will ring you within one working day to arrange a drop-off. More than 21 "
        "days and up to 60 days after the service, the workshop lead will email within 3 "
        "working days with the next step.",
    ).replace("within 60 days of your", "within 21 days of your")
    # a model's edit that moves the guarantee too and leaves the band out
    wrong = ARTICLE.replace("60", "21").replace("sixty", "twenty-one")
    problems = gated_window_problems(facts, ARTICLE, "markdown", template, wrong)
    assert any("workmanship guarantee for sixty days" in p for p in problems)
    assert any("more than 60 days" in p for p in problems)
    assert any("band it left now gets" in p for p in problems)
    assert gated_window_problems(facts, ARTICLE, "markdown", template, template) == []


def test_a_model_edit_moving_the_guarantee_is_retried_with_the_reason() -> None:
    facts = _facts()
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("guarantee", ARTICLE)])) if i.affected
    ]
    template_edit = TemplateDrafter().edit(facts, impact)
    wrong = ARTICLE.replace("60", "21").replace("sixty", "twenty-one")
    reply = json.dumps({"new_body": wrong, "rationale": "Says 21 days."})
    fixed = json.dumps({"new_body": template_edit.new_body, "rationale": "Says 21 days."})
    model = FakeChatModel([reply, fixed], default=None)
    drafter = LLMDrafter(model, "fake")
    common = drafter._common(facts, TemplateDrafter().note(facts, [impact], None))
    assert "still states 60 days for the band" in json.dumps(common["moves"])
    grounding = Grounding([facts.corpus(), ARTICLE, template_edit.new_body or ""])
    edit, _ = asyncio.run(drafter._draft_edit(facts, impact, grounding, common, template_edit))
    retried = "\n".join(str(message["content"]) for message in model.requests[1].messages)
    assert "workmanship guarantee for sixty days (60 days)" in retried
    assert "word for word" in retried
    assert edit is not None and edit.new_body == template_edit.new_body


# the action named in the moved sentence itself, the band's new handling in its own ---------

REPAIR = "Repairs"
OLD_RECHECK = (
    "Up to 90 days after the repair (90 included), book a free re-check with `book_recheck` "
    "(job_ref) and tell the customer the workshop will call within 1 working day."
)
NEW_RECHECK = OLD_RECHECK.replace("90", "30")
WARRANTY_BAND = (
    "More than 30 days and up to 90 days after the repair (90 included): still under our "
    "repair warranty, but open a case with `open_case` (job_ref) and tell them the warranty "
    "desk will email within 2 working days."
)


def _recheck_facts() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", REPAIR, OLD_RECHECK, NEW_RECHECK, "sentence changed"),
        Rule("H2", "sentence_added", REPAIR, None, WARRANTY_BAND, "sentence added"),
    ]
    atoms: list[dict[str, object]] = [
        {"feature": "lookup_job.days_since_repair", "op": ">", "value": 30}
    ]
    facts = moved_facts(rules, atoms, title="book_recheck → open_case")
    facts.before_actions = [ActionFact("book_recheck")]
    facts.after_actions = [ActionFact("open_case")]
    sections = {REPAIR: [NEW_RECHECK, WARRANTY_BAND, "Repairs are paid in the shop."]}
    facts.gated = gated_windows(
        facts.moves, facts.rules, sections, ["book_recheck"], facts.conditions[0].atoms
    )
    return facts


def test_one_sentence_rules_are_read_the_same_way() -> None:
    facts = _recheck_facts()
    [window, *_] = facts.gated
    assert window.action == NEW_RECHECK and window.band_action == WARRANTY_BAND
    assert "warranty" in window.kept_words
    assert about_gated_action(
        facts.gated, "Within 90 days of a repair, we'll book you a free re-check."
    )
    assert kept_over_band(facts.gated, "Every repair has our repair warranty for 90 days.")
    article = kb_item(
        "repairs",
        "# After your repair\n\nEvery repair has our repair warranty for 90 days.\n\n"
        "Within 90 days of a repair, we'll book you a free re-check.\n",
    )
    [impact] = [i for i in rank_items(facts, KnowledgeBase([article])) if i.affected]
    assert [c.sentence for c in impact.conflicts] == [
        "Within 90 days of a repair, we'll book you a free re-check."
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == (
        "# After your repair\n\nEvery repair has our repair warranty for 90 days.\n\n"
        "Within 30 days of a repair, we'll book you a free re-check. More than 30 days and up "
        "to 90 days after the repair, the warranty desk will email within 2 working days.\n"
    )
