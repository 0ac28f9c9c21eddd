"""What an edit may drop is only what the change makes untrue (made-up agents, no scenario's
text): a sentence going on past its every-case claim keeps its own news, a later sentence
saying the new charge's thing is free keeps its placeholder and number, and a denial said
again stays true for the rest. Each was a real loss found in review."""

from __future__ import annotations

from types import SimpleNamespace

from behaviordiff.drafting import bandcutoff, bandstep, groupcharge
from behaviordiff.drafting.text import units

# a furniture shop: orders of items over 30 kg close at 11am, the rest at 3pm
CUTOFF = bandcutoff.BandCutoff(
    15.0,
    11.0,
    "11am",
    "items over 30 kg",
    "30",
    "kg",
    bandcutoff._ABOVE,
    frozenset({"item", "weigh", "weight", "heavy", "heavi", "big", "size"}),
    "Items over 30 kg must be ordered by 11am for next-day delivery.",
    frozenset({"deliv", "order", "next-", "day"}),
)
BEFORE = "Next-day delivery is for orders placed before 3pm."


def test_a_sentence_going_on_past_its_claim_is_not_replaced_whole() -> None:
    said = (
        "Whatever your item weighs, our two-person crew carries it to the room you choose and "
        "takes the packaging away."
    )
    assert bandcutoff._rewrite(CUTOFF, said, BEFORE) is None


def test_a_claim_and_what_follows_from_it_gives_way_to_the_bands_cutoff() -> None:
    for said in (
        "Weight makes no difference, so even a sofa can come tomorrow.",
        "It doesn't matter how heavy your item is, as long as our crew can carry it.",
    ):
        assert bandcutoff._rewrite(CUTOFF, said, BEFORE) == (
            "For items over 30 kg, the cut-off is 11am."
        ), said


def test_a_later_free_claim_with_a_placeholder_or_number_is_flagged_not_dropped() -> None:
    # a yoga studio: mat hire now £3 for visitors without a class pass, free with one
    charge = SimpleNamespace(
        sentences=(
            "If you don't have a class pass, mat hire costs £3. If you have a class pass, mat "
            "hire is free."
        ),
        old_numbers=frozenset(),
        cell="x",
    )
    body = (
        "Mat hire is always free. Every mat is free and cleaned after each of the 12 classes at "
        "{{studio_name}}.\n\nLockers are in the hall."
    )
    denying = {unit.text for unit in units(body)[:2]}
    assert groupcharge.group_charged_body(charge, body, "markdown", denying) is None


def test_a_denial_said_again_stays_true_for_the_rest() -> None:
    # a climbing wall: climbers aged 16 to 17 now bring a parent's signed consent form
    step = bandstep.BandStep(
        "book_session",
        "16",
        "18",
        "if you're aged 18 or over",
        "If you're aged 16 to 17",
        "we need a parent's signed consent form before your first session",
        frozenset({bandstep.stem("consent"), bandstep.stem("form")}),
        "Climbers aged 16 to 17: ...",
        frozenset({"book", "session", "climb"}),
    )
    body = "We never ask for a consent form.\n\nThere's no consent form to bring."
    item_units = units(body)
    impact = SimpleNamespace(
        conflicts=[
            SimpleNamespace(sentence=unit.text, reasons=(bandstep.BAND_STEP_REASON + " x",))
            for unit in item_units
            if bandstep.claims_old_way(step, unit.text)
        ],
        units=item_units,
        item=SimpleNamespace(kind="article", body=body, body_format="markdown"),
    )
    original = bandstep.band_step
    bandstep.band_step = lambda facts: step  # type: ignore[assignment]
    try:
        found = bandstep.band_step_edit(None, impact)  # type: ignore[arg-type]
    finally:
        bandstep.band_step = original  # type: ignore[assignment]
    assert found is not None and found[0] is not None
    assert found[0] == (
        "If you're aged 16 to 17, we need a parent's signed consent form before your first "
        "session.\n\nIf you're aged 18 or over, there's no consent form to bring."
    )
