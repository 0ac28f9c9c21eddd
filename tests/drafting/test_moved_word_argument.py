"""A call both versions make, one word argument moved for one category: a tyre garage books
every fitting with `book_fitting`; run-flat tyres used to be fitted at the main depot only
(site "depot") and now at any branch (site "any"), while wheel alignments keep the depot.

A KB sentence saying the fitting is booked, without the old value ("Your fitting is booked
for {{time}}."), says the call, which still happens: it is no conflict, for run-flat tyres or
for alignments. One naming the old value ("fitted at our depot only") still describes the old
call. The note says who keeps the old call: the head of the prompt sentence the change left
alone that still writes it with its old value.

Made-up agent: a tyre garage (no scenario's text)."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import sentence_conflict

OLD = (
    "Run-flat tyres: they need the depot's press, so run-flat fittings are at the depot only: "
    'call `book_fitting` with site "depot" and tell them to come to the depot.'
)
NEW = (
    "Run-flat tyres: every branch now has a press, so run-flat fittings can be at any branch: "
    'call `book_fitting` with site "any" and tell them to pick the branch nearest to them.'
)
KEPT = (
    "Wheel alignments: they need the laser rig, so alignments are at the depot only: call "
    '`book_fitting` with site "depot" and tell them to come to the depot.'
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_fitting(site=depot) → book_fitting(site=any)",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tyre_type = run-flat",
                    "atoms": [{"feature": "tyre_type", "op": "=", "value": "runflat"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        before_actions=[ActionFact("book_fitting", (("site", "depot"),))],
        after_actions=[ActionFact("book_fitting", (("site", "any"),))],
        rules=[Rule("H1", "sentence_changed", "Fittings", OLD, NEW, "sentence changed")],
        prompt_sections={"Fittings": [NEW, KEPT]},
    )


def test_a_booking_said_without_the_old_value_describes_no_old_call() -> None:
    facts = _facts()
    booked = "Your fitting is booked for {{ticket.custom_field_slot}}."
    assert not any(r.startswith("describes") for r in sentence_conflict(facts, booked))
    at_depot = "We'll book your fitting at our depot, where the press is."
    assert any(r.startswith("describes `book_fitting`") for r in sentence_conflict(facts, at_depot))


def test_the_note_says_who_keeps_the_old_call() -> None:
    note = TemplateDrafter().note(_facts(), [], None)
    assert "stays for wheel alignments" in note.after


def _kept_note(kept: str, facts: ChangeFacts | None = None) -> str:
    kept_in = replace(facts or _facts(), prompt_sections={"Fittings": [NEW, kept]})
    return TemplateDrafter().note(kept_in, [], None).after


CALL = 'call `book_fitting` with site "depot" and tell them to come to the depot.'


def test_the_kept_call_note_keeps_an_acronym_and_skips_conditions_and_placeholders() -> None:
    assert "stays for HGV tyres." in _kept_note(f"HGV tyres: {CALL}")
    for head in ("If the car is a van", "When booking for {{ticket.requester.first_name}}"):
        note = _kept_note(f"{head}, {CALL}")
        assert "stays for" not in note


def test_the_kept_call_note_names_the_call_the_sentence_writes() -> None:
    facts = replace(
        _facts(),
        before_actions=[
            ActionFact("quote_tyres", (("stock", "depot"),)),
            ActionFact("book_fitting", (("site", "depot"),)),
        ],
        after_actions=[
            ActionFact("quote_tyres", (("stock", "any"),)),
            ActionFact("book_fitting", (("site", "any"),)),
        ],
    )
    note = _kept_note(KEPT, facts)
    assert "(`book_fitting`, site depot) stays for wheel alignments." in note


def test_a_call_moved_to_another_value_not_a_wider_one_is_still_described() -> None:
    facts = replace(
        _facts(),
        title="book_fitting(site=depot) → book_fitting(site=mobile_van)",
        after_actions=[ActionFact("book_fitting", (("site", "mobile_van"),))],
    )
    booked = "We'll book your fitting and see you soon."
    assert any(r.startswith("describes `book_fitting`") for r in sentence_conflict(facts, booked))
