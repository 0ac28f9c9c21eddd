"""A category added to the set an offer covers: a cinema's assistant whose member discount
covered standard and premium seats only now covers IMAX screenings too, while live events stay
excluded (`ticket_type = imax`). The KB's lists excluding IMAX screenings beside live events
lose IMAX and keep live events; the covered list said as the whole set ("… only", or followed
by what is excluded) gains IMAX in the KB's words; the IMAX row of the discount table takes a
covered row's cell. The same category named about other offers (a Tuesday deal, gift cards, a
refunds table) is left alone, a sentence excluding IMAX alone is flagged, and a drafting model
gets the same fact and check."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, FacetShift, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.joinedset import (
    EXCLUDED_REASON,
    ONLY_REASON,
    ROW_REASON,
    joined_set,
    still_excluded,
)
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

SECTION = "Member discount"
COVERED_OLD = (
    "The member discount applies to these tickets only: standard seats (standard) and premium "
    "seats (premium)."
)
COVERED_NEW = (
    "The member discount applies to these tickets only: standard seats (standard), premium "
    "seats (premium) and IMAX screenings (imax)."
)
EXCLUDED_OLD = (
    "IMAX screenings (imax) and live events (live) aren't covered by the member discount: say "
    "so, and don't call `apply_discount`."
)
EXCLUDED_NEW = (
    "Live events (live) aren't covered by the member discount: say so, and don't call "
    "`apply_discount`."
)

MACRO_SENTENCE = (
    "Sorry, our IMAX screenings and live events don't get the member discount: it applies to "
    "standard seats and premium seats only."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your message. "
    f"{MACRO_SENTENCE}\n\nYou can still book IMAX seats at the usual price.\n\nSee you soon,\n"
    "The Roxy team\n"
)
ROW = "| IMAX screenings | No |"
PROSE = (
    "IMAX screenings and live events are not part of the member discount, as the studios set "
    "their prices."
)
ARTICLE = f"""# Member discount

## Which tickets get 20% off?

| Ticket | Member discount |
|---|---|
| Standard seats | 20% off |
| Premium seats | 20% off |
{ROW}
| Live events | No |

{PROSE}

## Refunds

| Ticket | Refunds |
|---|---|
| IMAX screenings | Not refundable |
| Standard seats | Up to 1 hour before |
"""
OFFER = (
    "**Member discount:** 20% off standard seats and premium seats (not IMAX screenings or live "
    "events)."
)
OFFERS = f"""# Our offers

- **Tuesday deal:** £5 IMAX screenings every Tuesday. Not available on live events.
- {OFFER}
- **Gift cards** work on every ticket, IMAX screenings included.

Refunds are not given for IMAX screenings or live events once the film has started.
"""
ALONE = "Hi {{ticket.requester.first_name}},\n\nIMAX screenings don't get the member discount.\n"


def _facts(*, value: str = "imax", rules: list[Rule] | None = None) -> ChangeFacts:
    shifts = [FacetShift("refusal", "removed", ("p1", "p2"), 2, "Sorry, no.", "Done.", (), ())]
    return ChangeFacts(
        id="C1",
        title="now calls apply_discount",
        kind="actions",
        facets=["actions", "refusal"],
        probe_ids=["p1", "p2"],
        others=8,
        after_actions=[ActionFact("apply_discount", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": f"ticket_type = {value}",
                    "atoms": [{"feature": "ticket_type", "op": "=", "value": value}],
                }
            )
        ],
        rules=rules
        if rules is not None
        else [
            Rule("H1", "sentence_changed", SECTION, COVERED_OLD, COVERED_NEW, "changed"),
            Rule("H2", "sentence_changed", SECTION, EXCLUDED_OLD, EXCLUDED_NEW, "changed"),
        ],
        shifts=shifts,
    )


def test_the_joined_category_is_read_from_the_prompt() -> None:
    joined = joined_set(_facts())
    assert joined is not None
    assert joined.name == "IMAX screenings"
    assert joined.covered == ("standard seats", "premium seats")
    assert joined.still_excluded == ("live events",)
    # either sentence alone says it
    for rule in _facts().rules:
        alone = joined_set(_facts(rules=[rule]))
        assert alone is not None and alone.name == "IMAX screenings"
    # another value of the condition, or a sentence that adds nothing: no such change
    assert joined_set(_facts(value="live")) is None
    same = Rule("H1", "sentence_changed", SECTION, COVERED_OLD, COVERED_OLD + " ", "changed")
    assert joined_set(_facts(rules=[same])) is None


def _ranked() -> dict[str, dict[str, tuple[str, ...]]]:
    knowledge = KnowledgeBase(
        [
            kb_item("not-covered", MACRO, kind="macro"),
            kb_item("discount", ARTICLE),
            kb_item("offers", OFFERS),
        ]
    )
    return {
        impact.item.key: {c.sentence: c.reasons for c in impact.conflicts}
        for impact in rank_items(_facts(), knowledge)
    }


def test_only_the_text_stating_the_old_set_is_marked() -> None:
    ranked = _ranked()
    assert ranked["macro:not-covered"] == {MACRO_SENTENCE: (EXCLUDED_REASON,)}
    article = ranked["article:discount"]
    assert article == {ROW: (ROW_REASON,), PROSE: (EXCLUDED_REASON,)}
    offers = ranked["article:offers"]
    assert list(offers) == [f"- {OFFER.replace('**', '')}"]


def _impact(key: str, body: str, kind: str = "article") -> Impact:
    knowledge = KnowledgeBase([kb_item(key, body, kind=kind)])
    return next(i for i in rank_items(_facts(), knowledge) if i.item.key == f"{kind}:{key}")


def test_the_template_moves_the_category_from_the_exclusions_to_the_covered_set() -> None:
    facts = _facts()
    macro = TemplateDrafter().edit(facts, _impact("not-covered", MACRO, "macro"))
    assert macro.new_body == MACRO.replace(
        MACRO_SENTENCE,
        "Sorry, our live events don't get the member discount: it applies to standard seats, "
        "premium seats and IMAX screenings only.",
    )
    article = TemplateDrafter().edit(facts, _impact("discount", ARTICLE))
    assert article.new_body == ARTICLE.replace(ROW, "| IMAX screenings | 20% off |").replace(
        PROSE, "Live events are not part of the member discount, as the studios set their prices."
    )
    offers = TemplateDrafter().edit(facts, _impact("offers", OFFERS))
    assert offers.new_body == OFFERS.replace(
        OFFER,
        "**Member discount:** 20% off standard seats, premium seats and IMAX screenings (not "
        "live events).",
    )


def test_a_sentence_excluding_the_category_alone_is_flagged() -> None:
    edit = TemplateDrafter().edit(_facts(), _impact("alone", ALONE, "macro"))
    assert edit.new_body is None
    assert "IMAX screenings don't get the member discount." in edit.rationale


def test_a_covered_list_said_as_the_whole_set_gains_the_category() -> None:
    body = (
        "Hi {{ticket.requester.first_name}},\n\nThe member discount is for standard seats and "
        "premium seats only.\n"
    )
    impact = _impact("only", body, "macro")
    assert [c.reasons for c in impact.conflicts] == [(ONLY_REASON,)]
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body == body.replace(
        "standard seats and premium seats only",
        "standard seats, premium seats and IMAX screenings only",
    )


def test_the_drafting_model_gets_the_same_fact_and_check() -> None:
    facts = _facts()
    assert any(
        "IMAX screenings now join" in fact and "live events" in fact for fact in draft_facts(facts)
    )
    impact = _impact("discount", ARTICLE)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    assert still_excluded(facts, template_edit.new_body, "markdown") == []
    assert still_excluded(facts, ARTICLE, "markdown") == [ROW, PROSE]
    reply = json.dumps({"new_body": ARTICLE, "rationale": "Kept it."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common: dict[str, Any] = {
        "change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}
    }
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still excludes a category the new prompt now covers" in failure


def test_list_shapes_in_another_domain_are_kept() -> None:
    """A coworking space whose day passes now include meeting rooms: an Oxford-comma covered
    list gains the room with its comma, and a three-item exclusion after "except" loses it
    from its end; the prompt says only the covered list grew."""
    old = (
        "Day passes include these rooms only: hot desks (desk), phone booths (booth), and quiet "
        "rooms (quiet)."
    )
    new = (
        "Day passes include these rooms only: hot desks (desk), phone booths (booth), quiet "
        "rooms (quiet), and meeting rooms (meeting)."
    )
    facts = _facts(
        value="meeting", rules=[Rule("H1", "sentence_changed", "Day passes", old, new, "")]
    )
    joined = joined_set(facts)
    assert joined is not None and joined.name == "meeting rooms"
    assert joined.covered == ("hot desks", "phone booths", "quiet rooms")
    covered = "Day passes cover hot desks, phone booths, and quiet rooms only."
    excepted = "A day pass gets you everything except event spaces, lockers or meeting rooms."
    trap = "Meeting rooms can't be booked for more than 4 hours."
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{covered} {excepted} {trap}\n"
    impact = next(
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("pass", body, kind="macro")]))
        if i.item.key == "macro:pass"
    )
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace(
        covered, "Day passes cover hot desks, phone booths, quiet rooms, and meeting rooms only."
    ).replace(excepted, "A day pass gets you everything except event spaces or lockers.")


def test_a_prompt_without_codes_names_the_category_by_its_value() -> None:
    """A bookshop whose gift wrapping now covers audiobooks: the prompt gives no codes, so
    the category is the list member ending in the condition's value."""
    old = "Gift wrapping is available for hardbacks and paperbacks only."
    new = "Gift wrapping is available for hardbacks, paperbacks and audiobooks only."
    refused = "Audiobooks and e-books can't be gift-wrapped: say so."
    still = "E-books can't be gift-wrapped: say so."
    facts = _facts(
        value="audiobook",
        rules=[
            Rule("H1", "sentence_changed", "Gift wrapping", old, new, ""),
            Rule("H2", "sentence_changed", "Gift wrapping", refused, still, ""),
        ],
    )
    joined = joined_set(facts)
    assert joined is not None
    assert (joined.name, joined.covered, joined.still_excluded) == (
        "audiobooks",
        ("hardbacks", "paperbacks"),
        ("e-books",),
    )
    body = (
        "Hi {{ticket.requester.first_name}},\n\nSorry, our audiobooks and e-books can't be "
        "gift-wrapped. Gift wrapping is for hardbacks and paperbacks only. Audiobooks are 3 "
        "for 2 this month.\n"
    )
    impact = next(
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("wrap", body, kind="macro")]))
        if i.item.key == "macro:wrap"
    )
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace("our audiobooks and e-books", "our e-books").replace(
        "hardbacks and paperbacks only", "hardbacks, paperbacks and audiobooks only"
    )
    # a coded prompt that codes other categories only names none by its value
    coded = "Gift wrapping is available for hardbacks (hb) and paperbacks (pb) and audiobooks."
    assert (
        joined_set(
            _facts(
                value="audiobook",
                rules=[Rule("H1", "sentence_changed", "Gift wrapping", old, coded, "")],
            )
        )
        is None
    )
