"""A requirement the new version withdraws: every sentence of an edited item that asks for the
withdrawn thing, explains it or says what happens without it goes with the rewritten one
(`drafting/companions.py`, `_withdrawn_companion`), read from what the new prompt denies.

Made-up agents, none like the scenarios the move was built on:

* a village hall's hire agreement, no longer signed (a macro): "Please sign it and send it
  back …", "We can't confirm the booking until we have your signed agreement." go; a public
  liability certificate still asked for (another document) and the key collection stay;
* a physio clinic's GP referral letter, no longer needed (an article, prose and a Q&A): "Bring
  your referral letter …", "The referral letter tells us …", "Without a referral letter we can't
  see you." go; "Bring a list of your medicines." and "Please sign the consent form …" (another
  document, the same noun "form" nowhere in the change) stay;
* a florist's £4 card-payment surcharge dropped (a list item and a sentence about the thing):
  "The surcharge covers our card fees." goes; the delivery charge, a charge of its own, stays;
* a pet shop's photo ID, no longer asked for online orders but still for under-18s collecting
  in store (a kept rule): a sentence asking for ID stays;
* what it must not touch: a change that adds a requirement, and a sentence naming a case of its
  own ("If you're hiring the hall for a wedding, …").
"""

from __future__ import annotations

from behaviordiff.drafting.companions import (
    old_side,
    withdrawn_companion,
    without_old_companions,
)
from behaviordiff.drafting.facts import ChangeFacts, Rule


def _facts(
    section: str, old: list[str], new: list[str], kept: list[str], title: str = "changed"
) -> ChangeFacts:
    """A change C1 whose prompt sentences `old` became `new` in `section`, beside `kept`."""
    rules = [
        Rule(f"H{n}", "sentence_changed", section, before, after, "…")
        for n, (before, after) in enumerate(zip(old, new, strict=True), start=1)
    ]
    return ChangeFacts(
        id="C1",
        title=title,
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        rules=rules,
        prompt_sections={section: [*new, *kept]},
    )


# -- a signed agreement, in a macro -------------------------------------------------------------

HALL = _facts(
    "Bookings",
    [
        "When someone books the hall, email them the hire agreement with `email_agreement` and "
        "tell them to sign it and send it back, as we can't confirm a booking without it."
    ],
    [
        "When someone books the hall, confirm it straight away with `confirm_booking` and tell "
        "them there's no hire agreement to sign any more."
    ],
    [
        "Every hirer must send us a public liability certificate at least a week before the event.",
        "Keys are collected from the shop next door on the day.",
    ],
)
HALL_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for booking the hall for "
    "{{ticket.custom_field_event_date}}. I've attached our hire agreement. Please sign it and "
    "send it back before your event. We can't confirm the booking until we have your signed "
    "agreement.\n\nYou'll also need to send us your public liability certificate a week before."
    "\n\nKeys are collected from the shop next door on the day.\n\nThe Hall Committee"
)
HALL_SAID = "I've attached our hire agreement."
HALL_WRITTEN = "There's no hire agreement to sign any more: your booking is confirmed."


def test_a_signed_agreements_companions_go_and_another_document_stays() -> None:
    side = old_side(HALL)
    assert side is not None and {"agreement", "sign"} <= side.denied
    written = HALL_MACRO.replace(HALL_SAID, HALL_WRITTEN)
    found = without_old_companions(HALL, HALL_MACRO, written, "text", [HALL_SAID])
    assert found is not None
    body, dropped = found
    assert set(dropped) == {
        "Please sign it and send it back before your event.",
        "We can't confirm the booking until we have your signed agreement.",
    }
    assert body == (
        "Hi {{ticket.requester.first_name}},\n\nThanks for booking the hall for "
        "{{ticket.custom_field_event_date}}. " + HALL_WRITTEN + "\n\nYou'll also need to send "
        "us your public liability certificate a week before.\n\nKeys are collected from the "
        "shop next door on the day.\n\nThe Hall Committee"
    )


def test_a_sentence_naming_a_case_of_its_own_stays() -> None:
    assert not withdrawn_companion(
        HALL, "If you're hiring the hall for a wedding, please sign the agreement in person."
    )
    assert withdrawn_companion(HALL, "Please sign the agreement and bring it with you.")
    # the thing named only in who the sentence is about, and a promise of ours, stay
    assert not withdrawn_companion(
        HALL,
        "If you have a signed agreement from last year, tell us and we'll make sure it's on file.",
    )


# -- a referral letter, in an article -----------------------------------------------------------

CLINIC = _facts(
    "First appointments",
    [
        "Every new patient must bring a referral letter from their GP: we can't see anyone "
        "without one."
    ],
    ["New patients no longer need a referral letter: anyone can book a first appointment."],
    ["Ask new patients to bring a list of the medicines they take."],
)
CLINIC_ARTICLE = """# Your first appointment

## Before you come

You'll need a referral letter from your GP. Bring your referral letter to your first
appointment. The referral letter tells us why your GP sent you. Without a referral letter we
can't see you.

Bring a list of your medicines. Please sign the consent form at reception.

## Can I bring someone?

Yes, anyone can come in with you.
"""
CLINIC_SAID = "You'll need a referral letter from your GP."
CLINIC_WRITTEN = "You no longer need a referral letter: anyone can book a first appointment."


def test_a_referral_letters_companions_go_and_other_asks_stay() -> None:
    written = CLINIC_ARTICLE.replace(CLINIC_SAID, CLINIC_WRITTEN)
    found = without_old_companions(CLINIC, CLINIC_ARTICLE, written, "markdown", [CLINIC_SAID])
    assert found is not None
    body, dropped = found
    assert set(dropped) == {
        "Bring your referral letter to your first appointment.",
        "The referral letter tells us why your GP sent you.",
        "Without a referral letter we can't see you.",
    }
    assert "Bring a list of your medicines. Please sign the consent form at reception." in body
    assert "## Can I bring someone?\n\nYes, anyone can come in with you.\n" in body
    assert "referral letter tells" not in body and "Bring your referral" not in body


# -- a surcharge, a list item and a sentence about the thing ------------------------------------

FLORIST = _facts(
    "Paying",
    [
        "Card payments carry a £4 surcharge: add it to the total with `add_surcharge` and tell "
        "the customer the surcharge covers our card fees."
    ],
    ["There is no card surcharge any more: don't add anything for paying by card."],
    ["Delivery costs £6 within the city, added to every order."],
)
FLORIST_ARTICLE = """# Prices and paying

- Bouquets from £30
- A £4 surcharge when you pay by card
- Delivery: £6 within the city

The surcharge covers our card fees. The delivery charge covers our van and driver.
"""
FLORIST_SAID = "A £4 surcharge when you pay by card"


def test_what_explains_a_dropped_surcharge_goes_and_another_charge_stays() -> None:
    written = FLORIST_ARTICLE.replace(FLORIST_SAID, "No surcharge when you pay by card")
    found = without_old_companions(
        FLORIST, FLORIST_ARTICLE, written, "markdown", [f"- {FLORIST_SAID}"]
    )
    assert found is not None
    body, dropped = found
    assert dropped == ["The surcharge covers our card fees."]
    assert "- Delivery: £6 within the city" in body
    assert "The delivery charge covers our van and driver." in body


# -- what it must leave ---------------------------------------------------------------------------

PETSHOP = _facts(
    "Orders",
    ["Ask for photo ID before taking any order for flea treatments."],
    ["Online orders for flea treatments no longer need photo ID."],
    ["Anyone under 18 collecting in store must still show photo ID."],
)


def test_a_thing_a_kept_rule_still_asks_for_stays() -> None:
    side = old_side(PETSHOP)
    assert side is not None and "photo" in side.still_required
    assert not withdrawn_companion(PETSHOP, "Please bring your photo ID when you collect.")
    # someone else's document, said with a possessive, is another thing
    assert not withdrawn_companion(
        PETSHOP, "We can't send flea treatments to under-18s without a parent's photo ID."
    )


def test_an_added_requirement_and_an_unedited_item_are_left_alone() -> None:
    added = _facts(
        "Bookings",
        ["Confirm the booking straight away with `confirm_booking`."],
        ["Email them the hire agreement and don't confirm the booking until they've signed it."],
        [],
    )
    assert not withdrawn_companion(added, "Please sign it and send it back before your event.")
    # no rewritten sentence: nothing goes
    assert without_old_companions(HALL, HALL_MACRO, HALL_MACRO, "text", []) is None


# -- another deed or thing of the same words stays (review of fb8) -----------------------------

# a photo lab's order form, no longer printed or signed: the same verbs with a particle, the same
# noun qualified after it, a bare "please" and a denied verb with no object are other deeds
LAB_OLD = "Customers must print the order form, sign it and post it in with their film."
LAB_TRAPS = (
    "You'll need to sign in to your account to download your scans.",
    "You must sign for the parcel when your prints arrive.",
    "Please sign up to our newsletter for 10% off.",
    "The form for customs must be filled in if you post from abroad.",
    "Sign-in problems? We can't show your scans until you verify your email.",
)


def _lab(new: str) -> ChangeFacts:
    return _facts("Orders", [LAB_OLD], [new], ["We develop every film within 5 working days."])


def test_a_withdrawn_forms_verbs_with_a_particle_and_another_form_stay() -> None:
    for new in (
        "There's no order form any more: customers don't need to print or sign anything.",
        "Customers no longer need to print or sign: there is no order form.",
    ):
        lab = _lab(new)
        assert withdrawn_companion(
            lab, "You'll need to print it out and sign it before you post anything."
        )
        assert withdrawn_companion(lab, "We can't develop any film without a signed order form.")
        for trap in LAB_TRAPS:
            assert not withdrawn_companion(lab, trap), (new, trap)
