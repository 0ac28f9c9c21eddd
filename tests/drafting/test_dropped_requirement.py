"""A requirement the new prompt drops for a case (proof of purchase no longer asked for before a
repair is booked): the KB sentences asking for it go, those holding the action back until it
comes take it at once, a numbered list is numbered on; the same ask in a case that keeps it
stays. A made-up case: a headphone shop's repairs."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.dropped import (
    asks_for,
    dropped_edit,
    dropped_requirement,
    now_statement,
    wait_clause,
)
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import ASK_REASON, WAIT_REASON, dropped_asks, rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import model_edit, titled_item

RULES = [
    Rule(
        "H1",
        "sentence_changed",
        "Faulty headphones",
        "If the customer has sent their proof of purchase, book a free repair with "
        "`book_repair` and tell them the courier collects within 2 days.",
        "Book a free repair with `book_repair` right away and tell them the courier collects "
        "within 2 days.",
        "…",
    ),
    Rule(
        "H2",
        "sentence_changed",
        "Faulty headphones",
        "If they have not, ask them to send their proof of purchase first.",
        "There is no need to ask for their proof of purchase.",
        "…",
    ),
    Rule(
        "H3", "sentence_removed", "Faulty headphones", "Do not call `book_repair` yet.", None, "…"
    ),
]
ARTICLE = """# Faulty headphones

If your headphones stop working within a year, here's what happens:

1. Start a chat and give us your order number.
2. Send us your proof of purchase, such as the order email.
3. When the proof of purchase arrives, we book a free repair. The courier collects within 2 days.
4. Your headphones come back within 10 days.

## Trade-in

Please send us your proof of purchase for the old pair so we can value it.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your headphones have stopped working.\n\n"
    "Could you reply with your proof of purchase? Once we have it, we'll book a free repair "
    "for you.\n\nBest,\nThe shop"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls book_repair",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["fault-1", "fault-2", "fault-3"],
        after_actions=[ActionFact("book_repair")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "proof_sent", "op": "=", "value": False},
                        {"feature": "tag:faulty", "op": "tag"},
                    ]
                }
            )
        ],
        rules=list(RULES),
        excerpts=[
            Excerpt(probe_id="fault-1", old="Please send the receipt.", new="Repair booked."),
            Excerpt(probe_id="fault-2", old="Please send the receipt.", new="Booked for you."),
        ],
        others=5,
    )


def test_what_the_old_prompt_asked_for_and_no_longer_does_is_found() -> None:
    dropped = dropped_requirement(RULES)
    assert dropped is not None
    assert dropped.rule.hunk_id == "H2"
    assert dropped.what == "their proof of purchase" and dropped.noun == "proof"
    # said as what a rule needs, and no longer needed
    needs = Rule(
        "H1", "sentence_changed", "Exchanges", "An exchange needs the till receipt.", "", "…"
    )
    for new in ("An exchange needs no receipt.", "Exchanges no longer require a receipt.", None):
        found = dropped_requirement([Rule("H1", needs.kind, "Exchanges", needs.old, new, "…")])
        assert found is not None and found.noun == "receipt"
    # a part of a rule's condition the customer had to give, gone from it
    old = (
        "If the customer reports it within 2 days and sends a photo of the damage, replace "
        "it with `send_replacement`."
    )
    new = "If the customer reports it within 2 days, replace it with `send_replacement`."
    found = dropped_requirement([Rule("H1", "sentence_changed", "Damaged parcels", old, new, "…")])
    assert found is not None and (found.what, found.noun) == ("a photo of the damage", "photo")
    # still asked for by the new version: nothing was dropped
    kept = Rule("H2", "sentence_changed", "Faulty", RULES[1].old, RULES[1].old, "…")
    assert dropped_requirement([kept]) is None


def test_asks_and_waits_are_told_apart_from_other_sentences() -> None:
    dropped = dropped_requirement(RULES)
    assert dropped is not None
    assert asks_for(dropped, "Could you reply with your proof of purchase?")
    assert asks_for(dropped, "Send us your proof of purchase, such as the order email.")
    assert not asks_for(dropped, "Thanks for sending your proof of purchase.")
    assert not asks_for(dropped, "You don't need to send proof of purchase.")
    found = wait_clause(dropped, "book_repair", "Once we have it, we'll book a free repair.", True)
    assert found is not None and found.group("clause") == "Once we have it"
    # a pronoun is only the proof when the item asked for it before
    assert (
        wait_clause(dropped, "book_repair", "Once we have it, we'll book a repair.", False) is None
    )
    assert wait_clause(dropped, "book_repair", "We book a free repair.", True) is None


def test_what_we_do_now_is_said_in_the_kb_s_voice() -> None:
    assert now_statement(RULES, "book_repair") == (
        RULES[0].new,
        "book a free repair right away",
        "the courier collects within 2 days",
    )


def test_the_ask_goes_the_wait_takes_the_action_at_once_and_the_list_is_numbered_on() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            titled_item("article", "Faulty headphones", ARTICLE),
            titled_item("macro", "Repairs::Faulty headphones - ask for proof", MACRO),
        ]
    )
    ranked = rank_items(facts, knowledge)
    impacts = {impact.item.title: impact for impact in ranked}
    reasons = {c.sentence: c.reasons for c in impacts["Faulty headphones"].conflicts}
    assert reasons["Send us your proof of purchase, such as the order email."][0].startswith(
        ASK_REASON
    )
    assert reasons["When the proof of purchase arrives, we book a free repair."][0].startswith(
        WAIT_REASON
    )
    # the same ask for a trade-in, which keeps it, is no conflict
    assert not any("Trade-in" in sentence or "old pair" in sentence for sentence in reasons)
    edits = {
        title: TemplateDrafter().edit(facts, impact)
        for title, impact in impacts.items()
        if impact.affected
    }
    assert edits["Faulty headphones"].new_body == ARTICLE.replace(
        "2. Send us your proof of purchase, such as the order email.\n"
        "3. When the proof of purchase arrives, we book a free repair.",
        "2. We book a free repair right away.",
    ).replace("4. Your headphones", "3. Your headphones")
    # what the customer is told is added where the item does not say it
    assert edits["Repairs::Faulty headphones - ask for proof"].new_body == MACRO.replace(
        "Could you reply with your proof of purchase? Once we have it, we'll book a free repair "
        "for you.",
        "We'll book a free repair for you right away; the courier collects within 2 days.",
    )


def test_an_ask_with_no_wait_says_what_we_do_now_and_an_ask_that_acts_is_flagged() -> None:
    dropped = dropped_requirement(RULES)
    assert dropped is not None
    now = now_statement(RULES, "book_repair")
    text = "Sorry about that.\n\nPlease send us your proof of purchase.\n\nThanks!"
    assert dropped_edit(
        text, dropped, "book_repair", {"Please send us your proof of purchase."}, set(), now
    ) == (
        "Sorry about that.\n\nWe book a free repair right away; the courier collects within "
        "2 days.\n\nThanks!"
    )
    acting = "Please send us your proof of purchase and we'll book a repair."
    assert dropped_edit(acting, dropped, "book_repair", {acting}, set(), now) is None


def test_the_drafting_model_gets_the_same_check_and_falls_back_to_the_template() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([titled_item("macro", "Repairs::Faulty headphones", MACRO)])
    impact = next(i for i in rank_items(facts, knowledge) if i.affected)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    assert dropped_asks(facts, impact.item, template_edit.new_body) == []
    # the ask said again in other words, the wait kept
    asked = MACRO.replace(
        "Could you reply with your proof of purchase? Once we have it, we'll book a free repair "
        "for you.",
        "Please send us your proof of purchase. Once we have it, we'll book a free repair.",
    )
    assert dropped_asks(facts, impact.item, asked) == [
        "Please send us your proof of purchase.",
        "Once we have it, we'll book a free repair.",
    ]
    edit, failure = model_edit(facts, impact, template_edit, asked)
    assert edit is None
    assert "still asks for what the new agent no longer needs" in failure
