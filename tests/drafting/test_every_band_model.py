"""The drafting model's side of a count once given every case and split at a line: a made-up
hotel gave every guest one free drinks voucher, whatever their length of stay; now guests staying
5 nights or more get two (`stay_nights >= 5`: add_voucher vouchers 1 → 2) and the rest keep one,
said in a sentence the new prompt added. The model is told which KB clause says the old count
for every case and the two statements in its place, and an edit still claiming the count
whatever the stay, or giving two vouchers with no line, is sent back; the template's edit and
other things counted in twos (two parking spaces) pass."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.everyband import every_band_fact, still_every_band
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, model_edit, moved_facts

CALL = "call `add_voucher` (booking_ref, stay_nights, vouchers) with vouchers"
OLD = f"Every guest gets one free drinks voucher, whatever their length of stay: {CALL} 1."
BAND = f"Guests staying 5 nights or more get two free drinks vouchers: {CALL} 2."
REST = f"Guests staying fewer than 5 nights get one free drinks voucher: {CALL} 1."
CLAIMED = "Every guest gets one free drinks voucher, whatever their length of stay, at any bar."
BOTH = (
    "Guests staying 5 nights or more get two free drinks vouchers, and guests staying fewer than "
    "5 nights get one free drinks voucher, at any bar."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour room is booked. "
    f"{CLAIMED} Every guest gets two free parking spaces.\n\nSee you soon!"
)


def _facts() -> ChangeFacts:
    return moved_facts(
        [
            Rule("H1", "sentence_changed", "Vouchers", OLD, BAND, "changed"),
            Rule("H2", "sentence_added", "Vouchers", None, REST, "added"),
        ],
        [
            {"feature": "stay_nights", "op": ">=", "value": 5},
            {"feature": "tag:voucher", "op": "tag"},
        ],
        title="add_voucher: vouchers 1 → 2",
    )


def test_the_drafting_model_is_told_the_clause_and_the_two_statements() -> None:
    facts = _facts()
    fact = every_band_fact(facts)
    assert fact is not None
    assert "whatever their length of stay" in fact
    assert "“Guests staying 5 nights or more get two free drinks vouchers”" in fact
    assert "“Guests staying fewer than 5 nights get one free drinks voucher”" in fact
    assert fact in draft_facts(facts)


def test_a_model_edit_keeping_the_claim_or_dropping_the_line_is_sent_back() -> None:
    facts = _facts()
    macro = kb_item("booked", MACRO, kind="macro")
    impact = next(i for i in rank_items(facts, KnowledgeBase([macro])) if i.affected)
    conflicts = [conflict.sentence for conflict in impact.conflicts]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body == MACRO.replace(CLAIMED, BOTH)
    assert still_every_band(facts, conflicts, MACRO, template_edit.new_body, "text") == []
    claimed = "Every guest gets two free drinks vouchers, whatever their length of stay."
    no_line = "Every guest gets two free drinks vouchers."
    for said in (claimed, no_line, CLAIMED):
        edited = MACRO.replace(CLAIMED, said)
        assert still_every_band(facts, conflicts, MACRO, edited, "text") == [said]
    # both statements said, then the new count given to every guest: sent back
    also_body = MACRO.replace(CLAIMED, f"{BOTH} {no_line}")
    edit, failure = model_edit(facts, impact, template_edit, also_body)
    assert edit is None
    assert failure is not None and "without the line" in str(failure)
    edit, failure = model_edit(facts, impact, template_edit, template_edit.new_body)
    assert edit is not None and not failure
