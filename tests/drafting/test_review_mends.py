"""Mends from a review of the drafting code (made-up texts, no scenario's): a free thing said
"is free of charge" costs the charge with nothing left over, a verb "never charge" or "not
cost" is no denial of a price, an empty sentence asks no step, and the channel tail and
whether-alternatives read hostile runs of spaces in linear time (timed in
`bench/huge_drafting.py`; here only that they answer)."""

from __future__ import annotations

from behaviordiff.drafting.categories import _WHETHER_OR
from behaviordiff.drafting.channels import rewrite_channel
from behaviordiff.drafting.everycharge import charged_text, every_charge
from behaviordiff.drafting.freewords import FREE_IN_OTHER_WORDS
from tests.drafting.test_every_charge import _facts


def test_is_free_of_charge_costs_the_charge_with_nothing_left_over() -> None:
    charge = every_charge(_facts())
    assert charge is not None
    assert charged_text(charge, "Nail trims are free of charge.") == "Nail trims cost $6."


def test_a_verb_of_charging_is_no_denial_of_a_price() -> None:
    import re

    free = re.compile(FREE_IN_OTHER_WORDS, re.I)
    assert free.search("There's never an extra charge for waiting.")
    assert free.search("There's not any fee for parking.")
    assert not free.search("We never charge your card until your order ships.")
    assert not free.search("A repair should not cost more than $40.")
    # the match ends before the next word, never inside it
    found = free.search("| Parking | Included in every booking |")
    assert found is not None and found.group(0) == "Included in every "


def test_hostile_spacing_is_answered() -> None:
    tail = "We'll email you when it's ready, so " + " " * 3000 + "check in, thanks."
    assert rewrite_channel(tail, "email", "text message") is not None
    assert _WHETHER_OR.search("whether " * 2000) is None


def test_what_a_duration_counts_from_is_no_time_clause_to_set_aside() -> None:
    from behaviordiff.drafting.impact import _WHEN_CLAUSE

    kept = "Ready in three working days from the day you bring it in."
    assert _WHEN_CLAUSE.sub("", kept) == kept
    assert _WHEN_CLAUSE.sub("", "We'll email you the moment it's pressed.") == "We'll email you"


def test_a_step_asked_at_the_start_of_a_prompt_sentence_is_read() -> None:
    from behaviordiff.drafting.proofstep import _asked_step

    sent = _asked_step("Ask the customer to upload the receipt first.")
    assert sent is not None and sent[1] == "ask the customer to upload the receipt first"
    checked = _asked_step("We Check the member's waiver before booking.")
    assert checked is not None and checked[3] == "we've checked your waiver"
