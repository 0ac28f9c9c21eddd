"""A limit raised for the customers a yes/no flag of a tool result picks out: a bike-hire
shop whose riders with an approved account (`check_rider.approved = true`) may now rent 5
bikes at once instead of 2. The KB's sentences, heading and table row stating 2 keep it for
everyone else and give the flag's case its value in words a customer reads ("5 for approved
riders"), never the flag's value ("5 for True"); a count written in words and glossed by its
digits ("two bikes (2)") is moved with its gloss; rows and sentences about other twos stay."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Atom, Condition
from behaviordiff.detect.quantities import count_words
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.checks import kb_text_problems
from behaviordiff.drafting.digitgloss import rewrite_glossed
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ChangeFacts, Rule, atom_words
from behaviordiff.drafting.flagaudience import flag_audience, state_words
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.model import SuggestedEdit
from behaviordiff.drafting.rules import rule_moves, scope_of
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import kb_item, moved_facts

OLD = "A rider can rent up to 2 bikes at once."
NEW = (
    "Riders with an approved account (`check_rider` shows `approved: true`) can rent up to 5 "
    "bikes at once."
)
FLAG = {"feature": "check_rider.approved", "op": "=", "value": True}
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nRiders can rent up to 2 bikes at once, so I couldn't "
    "reserve them all. Tell me which to keep.\n\nThanks,\nThe hire desk"
)
ARTICLE = (
    "# Hiring bikes\n\n## Up to 2 bikes at once\n\nSo everyone gets a ride, you can rent up to "
    "two bikes (2) at any one time. Helmets are free.\n"
)
TABLE = (
    "# At a glance\n\n| What | Details |\n| --- | --- |\n| Bikes rented at once | 2 |\n"
    "| Riders per tandem | 2 |\n"
)


def _facts(new: str = NEW, flag: dict[str, object] = FLAG) -> ChangeFacts:
    return moved_facts(
        [Rule("H1", "sentence_changed", "Bike hire", OLD, new, "…")],
        [flag, {"feature": "bikes_requested", "op": ">", "value": 2}],
        title="now calls reserve_bikes",
    )


def _edits(facts: ChangeFacts, *bodies: tuple[str, str, str]) -> dict[str, SuggestedEdit]:
    kb = KnowledgeBase([kb_item(key, body, kind=kind) for key, body, kind in bodies])
    return {
        impact.item.id: TemplateDrafter().edit(facts, impact)
        for impact in rank_items(facts, kb)
        if impact.affected
    }


def test_a_flag_s_case_is_said_by_whom_it_picks_out() -> None:
    # a state of the looked-up thing: the state before the thing
    assert flag_audience("check_rider.approved", True, NEW) == "approved riders"
    assert flag_audience("lookup_patron.is_enrolled", True, "x") == "enrolled patrons"
    assert flag_audience("lookup_card.frozen", True, "x") == "frozen cards"
    # a thing, not a state ("token", "need"): no state before the thing
    assert flag_audience("lookup_member.token", True, "x") is None
    assert flag_audience("lookup_member.has_need", True, "x") is None
    # something customers have: the new prompt sentence's own subject
    card = "Shoppers with a loyalty card (`has_loyalty_card: true`) get free delivery from $20."
    assert flag_audience("get_shopper.has_loyalty_card", True, card) == (
        "shoppers with a loyalty card"
    )
    # no words say whom: None, never the flag's value
    assert flag_audience("vip", True, "If the caller is a VIP, waive the $5 fee.") is None
    [move] = rule_moves([Rule("H1", "sentence_changed", "Bike hire", OLD, NEW, "…")])
    conditions = [Condition.from_dict({"atoms": [FLAG]})]
    assert scope_of(move, "You can rent up to 2 bikes at once.", conditions) == "approved riders"
    # a KB sentence that names the flag already needs no case of its own
    assert scope_of(move, "Approved riders can rent up to 2 bikes.", conditions) is None


def test_a_state_flag_reads_as_a_state_in_a_note() -> None:
    assert atom_words(Atom("check_rider.approved", "=", True)) == (
        "qualifier",
        "where the rider is approved",
    )
    assert state_words("check_rider.approved", False) == "where the rider is not approved"
    # something customers have still reads as had
    assert atom_words(Atom("access_plan", "=", False)) == ("qualifier", "without an access plan")


def test_the_limit_s_sentences_heading_and_row_give_the_flag_s_case_its_value() -> None:
    edits = _edits(
        _facts(),
        ("limit", MACRO, "macro"),
        ("hire", ARTICLE, "article"),
        ("glance", TABLE, "article"),
    )
    assert edits["limit"].new_body == MACRO.replace(
        "at once, so", "at once (5 for approved riders), so"
    )
    assert edits["hire"].new_body == ARTICLE.replace(
        "## Up to 2 bikes at once", "## Up to 2 bikes (5 for approved riders) at once"
    ).replace("two bikes (2)", "two bikes (five for approved riders)")
    assert edits["glance"].new_body == TABLE.replace(
        "| Bikes rented at once | 2 |", "| Bikes rented at once | 2 (5 for approved riders) |"
    )
    for edit in edits.values():
        assert "True" not in (edit.new_body or "") + edit.rationale


def test_with_no_words_for_the_flag_s_case_the_sentence_is_flagged() -> None:
    # `flag_set` names neither a state nor a thing, and the new sentence says whom with "if"
    new = "If the `flag_set` field is set for the rider, they can rent up to 5 bikes at once."
    facts = _facts(new, {"feature": "check_rider.flag_set", "op": "=", "value": True})
    edits = _edits(facts, ("limit", MACRO, "macro"))
    assert edits["limit"].new_body is None


def test_a_count_in_words_moves_with_its_digits() -> None:
    said = "Bring up to two guests (2) on a day pass."
    assert rewrite_glossed(said, "2", "3") == "Bring up to three guests (3) on a day pass."
    assert rewrite_glossed(said, "2", "3", "gold members") == (
        "Bring up to two guests (three for gold members) on a day pass."
    )
    assert rewrite_glossed("Two guests (2) come free.", "2", "4") == "Four guests (4) come free."
    # no gloss, another number, or a value past a small count: a writer's
    assert rewrite_glossed("Bring up to two guests.", "2", "3") is None
    assert rewrite_glossed("Bring two guests (3).", "2", "4") is None
    assert rewrite_glossed("two hundred dollars ($200)", "200", "300") is None
    assert count_words(24) == "twenty-four" and count_words(101) is None


def test_values_a_sentence_picks_between_are_no_case_of_their_own() -> None:
    old = "If they ask for more than 3, tell them they can take up to 3 boxes."
    new = (
        "If they ask for more than their limit, tell them they can take up to their limit (5 or 3)."
    )
    moves = rule_moves([Rule("H2", "sentence_changed", "Boxes", old, new, "…")])
    assert not [move for move in moves if move.scope.startswith(("or ", "and "))]


def test_the_drafting_model_is_told_whom_and_refused_the_flag_s_value() -> None:
    facts = _facts()
    [said] = [fact for fact in draft_facts(facts) if "yes/no flag" in fact]
    assert "say it is for approved riders" in said and "never with the flag's value" in said
    kb = KnowledgeBase([kb_item("limit", MACRO, kind="macro")])
    [impact] = [i for i in rank_items(facts, kb) if i.affected]
    raw = MACRO.replace("at once, so", "at once (5 for True), so")
    assert any("“True”" in p for p in kb_text_problems(facts, impact, raw))
    right = MACRO.replace("at once, so", "at once (5 for approved riders), so")
    assert not any("True" in p for p in kb_text_problems(facts, impact, right))

    # a model's edit saying "for True" is retried with the reason, then its fixed one kept
    template_edit = TemplateDrafter().edit(facts, impact)
    replies = [json.dumps({"new_body": body, "rationale": "5 now."}) for body in (raw, right)]
    model = FakeChatModel(replies, default=None)
    drafter = LLMDrafter(model, "fake")
    common = drafter._common(facts, TemplateDrafter().note(facts, [impact], None))
    grounding = Grounding([facts.corpus(), MACRO, template_edit.new_body or ""])
    edit, _ = asyncio.run(drafter._draft_edit(facts, impact, grounding, common, template_edit))
    assert edit is not None and edit.new_body == right
    assert len(model.requests) == 2
    assert "approved riders" in "\n".join(str(m["content"]) for m in model.requests[0].messages)
