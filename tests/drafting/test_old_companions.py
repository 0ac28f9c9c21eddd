"""An edited item keeps no sentence that fitted only the old rule (`drafting/companions.py`).

Made-up agents, none like the scenarios the move was built on:

* a library's reservation notices move from email to the post, for everyone: "If you can't see
  it, have a look in your junk folder." after the rewritten promise goes; the renewal receipt
  still emailed, in the same macro, stays; so does a junk-folder check after a kept email rule;
* a gym card activated at once where members waited two working days: "In the meantime, you
  won't be able to get through the turnstiles." (prose) and "- Until then, ..." go; a guest pass
  still activated within two working days (another section) and "We keep lost property until
  the end of the month." stay;
* a bike shop books repairs with no photo of the damage where it asked for one first: "We'll
  also ask you for a photo of the damage before we book anything, and without it we can't go
  ahead." in the rewritten sentence's paragraph goes; the photo of the receipt still asked for a
  refund (a rule the new prompt keeps) stays, and a table row is never touched;
* a tent hire asks for a photo before replacing a damaged tent, where it replaced it at once:
  ", with nothing for you to fill in" goes from the rewritten sentence; the same words about
  missing pegs in another section stay;
* a note never calls withdrawn what a sentence of the rewritten bullet still promises the
  others ("the confirmation is on its way by email" beside a cap handed to a desk past it);
* what the move must leave: an item with no rewritten sentence, a channel the new rule still
  names, a wait the new rule keeps, a requirement the old rule already had.
"""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting.companions import flipped_wait, old_side, without_old_companions
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact
from behaviordiff.drafting.model import SuggestedEdit
from behaviordiff.drafting.template import TemplateDrafter, outcome_still_said
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeItem


def _facts(
    section: str, old: str, new: str, kept: list[str], others: dict[str, list[str]] | None = None
) -> ChangeFacts:
    """A change C1 whose prompt sentence `old` became `new` in `section`, beside `kept`."""
    return ChangeFacts(
        id="C1",
        title="changed",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        rules=[Rule("H1", "sentence_changed", section, old, new, "…")],
        prompt_sections={section: [new, *kept], **(others or {})},
    )


# -- a channel ---------------------------------------------------------------------------------

NOTICE_OLD = "When a reserved book is ready, the member is sent a notice by email."
NOTICE_NEW = "When a reserved book is ready, the member is sent a notice by post."
RENEWAL = "Renewal receipts are emailed as soon as the member renews."
LIBRARY = _facts("Reservations", NOTICE_OLD, NOTICE_NEW, [RENEWAL])

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour renewal receipt has been emailed to you.\n\n"
    "When your book is ready, we'll send a notice to your email address. If you can't see it, "
    "have a look in your junk folder.\n\nYou can collect it from the front desk.\n\nCity Library"
)
NOTICE_SAID = "When your book is ready, we'll send a notice to your email address."
NOTICE_WRITTEN = "When your book is ready, we'll send a notice by post."


def test_a_lost_channels_companion_goes_after_the_rewritten_promise() -> None:
    side = old_side(LIBRARY)
    assert side is not None and side.channels == ("email",)
    written = MACRO.replace(NOTICE_SAID, NOTICE_WRITTEN)
    found = without_old_companions(LIBRARY, MACRO, written, "text", [NOTICE_SAID])
    assert found is not None
    body, dropped = found
    assert dropped == ["If you can't see it, have a look in your junk folder."]
    assert body == (
        "Hi {{ticket.requester.first_name}},\n\nYour renewal receipt has been emailed to you.\n\n"
        "When your book is ready, we'll send a notice by post.\n\n"
        "You can collect it from the front desk.\n\nCity Library"
    )


def test_a_companion_after_a_kept_rule_stays() -> None:
    # the junk-folder check follows the receipt, which is still emailed
    macro = (
        "Your renewal receipt has been emailed to you. If you can't see it, have a look in your "
        "junk folder.\n\nWhen your book is ready, we'll send a notice to your email address.\n"
    )
    written = macro.replace(NOTICE_SAID, NOTICE_WRITTEN)
    assert without_old_companions(LIBRARY, macro, written, "text", [NOTICE_SAID]) is None


def test_an_item_with_no_rewritten_sentence_is_never_touched() -> None:
    assert without_old_companions(LIBRARY, MACRO, MACRO, "text", []) is None


def test_a_channel_the_new_rule_still_names_keeps_its_companion() -> None:
    facts = _facts(
        "Reservations",
        NOTICE_OLD,
        "When a reserved book is ready, the member is sent a notice by email within an hour.",
        [RENEWAL],
    )
    side = old_side(facts)
    assert side is not None and side.channels == ()
    written = MACRO.replace(NOTICE_SAID, "When your book is ready, we'll email you within an hour.")
    assert without_old_companions(facts, MACRO, written, "text", [NOTICE_SAID]) is None


def test_the_template_drafters_pass_drops_it_and_says_so() -> None:
    item = KnowledgeItem("macro", "1", "Reservations::Book ready", MACRO, "text", "kb", "m1")
    text_units = units(MACRO)
    index = next(i for i, unit in enumerate(text_units) if unit.text == NOTICE_SAID)
    impact = Impact(item, 1.0, [Conflict(index, NOTICE_SAID, ("states email",))], text_units)
    written = MACRO.replace(NOTICE_SAID, NOTICE_WRITTEN)
    drafted = SuggestedEdit("C1", item.key, item.title, "kb", "text", MACRO, written, "Said.")
    edit = TemplateDrafter()._without_companions(LIBRARY, impact, drafted)
    assert edit.new_body is not None and "junk folder" not in edit.new_body
    assert "Your renewal receipt has been emailed to you." in edit.new_body
    assert "what fitted the old rule only goes" in edit.rationale
    # a flag with no text stays a flag
    flagged = replace(drafted, new_body=None)
    assert TemplateDrafter()._without_companions(LIBRARY, impact, flagged) is flagged


# -- a wait ------------------------------------------------------------------------------------

CARD_OLD = (
    "Tell the member their card is activated within 2 working days, and that they can't use the "
    "gym until then."
)
CARD_NEW = (
    "Activate the card with `activate_card` and tell the member they can use the gym straight away."
)
GUEST = "Guest passes are activated within 2 working days."
GYM = _facts("Membership cards", CARD_OLD, CARD_NEW, [GUEST])

ARTICLE = (
    "# Your membership card\n\n## Activation\n\n"
    "Your card is activated within two working days. In the meantime, you won't be able to get "
    "through the turnstiles with your card. We keep lost property until the end of the month.\n\n"
    "## Guest passes\n\nGuest passes are activated within two working days. In the meantime, your "
    "guest signs in at the desk.\n"
)
ACTIVATED = "Your card is activated within two working days."


def test_a_lost_waits_companion_goes_and_the_other_sections_wait_stays() -> None:
    side = old_side(GYM)
    assert side is not None and side.wait_lost
    written = ARTICLE.replace(ACTIVATED, "Your card works straight away.")
    found = without_old_companions(GYM, ARTICLE, written, "markdown", [ACTIVATED])
    assert found is not None
    body, dropped = found
    assert dropped == [
        "In the meantime, you won't be able to get through the turnstiles with your card."
    ]
    # a wait said as what cannot be done yet is said as done at once, in the new rule's words
    assert body == written.replace(
        "In the meantime, you won't be able to get through the turnstiles with your card.",
        "You can get through the turnstiles with your card straight away.",
    )
    # the guest pass's wait (another section) and lost property's "until" stay byte for byte
    assert "Guest passes are activated within two working days. In the meantime, your guest" in body
    assert "We keep lost property until the end of the month." in body


def test_a_wait_in_a_macro_paragraph_of_its_own_goes() -> None:
    macro = (
        "Hi {{ticket.requester.first_name}},\n\nYour card will be activated within 2 working "
        "days.\n\nPlease don't try to use the gym until then, as your card won't work yet.\n\n"
        "See you soon,\nThe Gym"
    )
    said = "Your card will be activated within 2 working days."
    written = macro.replace(said, "Your card is active straight away.")
    found = without_old_companions(GYM, macro, written, "text", [said])
    assert found is not None
    assert found[0] == (
        "Hi {{ticket.requester.first_name}},\n\nYour card is active straight away.\n\n"
        "See you soon,\nThe Gym"
    )


def test_a_wait_the_new_rule_keeps_stays() -> None:
    facts = _facts(
        "Membership cards",
        CARD_OLD,
        "Tell the member their card is activated within 3 working days, and that they can't use "
        "the gym until then.",
        [GUEST],
    )
    side = old_side(facts)
    assert side is not None and not side.wait_lost
    written = ARTICLE.replace(ACTIVATED, "Your card is activated within three working days.")
    assert without_old_companions(facts, ARTICLE, written, "markdown", [ACTIVATED]) is None


# -- a requirement removed -----------------------------------------------------------------------

PHOTO_OLD = (
    "Before booking a repair, ask the customer for a photo of the damage, and don't call "
    "`book_repair` until they have sent it."
)
PHOTO_NEW = "No photo of the damage is needed: book the repair straight away with `book_repair`."
REFUND = "For a refund, ask the customer for a photo of the receipt."
BIKES = _facts("Repairs", PHOTO_OLD, PHOTO_NEW, [REFUND])

REPAIRS = (
    "# Repairs\n\n## Booking a repair\n\nTell us the model of your bike. We'll also ask you for a "
    "photo of the damage before we book anything, and without it we can't go ahead. For a "
    "refund, we'll ask you for a photo of the receipt. Once the photo reaches us, we book your "
    "repair.\n\n| What | When |\n| --- | --- |\n| Photo of the damage | Before booking |\n\n"
    "## Parts\n\n- Send us a photo of the damage if a part arrives broken.\n"
)
BOOKED = "Once the photo reaches us, we book your repair."


def test_a_removed_requirement_restated_beside_the_rewrite_goes() -> None:
    written = REPAIRS.replace(BOOKED, "We book your repair straight away.")
    found = without_old_companions(BIKES, REPAIRS, written, "markdown", [BOOKED])
    assert found is not None
    body, dropped = found
    assert dropped == [
        "We'll also ask you for a photo of the damage before we book anything, and without it "
        "we can't go ahead."
    ]
    assert body == written.replace(
        " We'll also ask you for a photo of the damage before we book anything, and without it "
        "we can't go ahead.",
        "",
    )
    # the refund's photo (a kept rule), the table row and another section's list item stay
    assert "For a refund, we'll ask you for a photo of the receipt." in body
    assert "| Photo of the damage | Before booking |" in body
    assert "- Send us a photo of the damage if a part arrives broken." in body


# -- a requirement added -------------------------------------------------------------------------

TENT_OLD = "If a hired tent is damaged, send a replacement straight away with `send_tent`."
TENT_NEW = (
    "If a hired tent is damaged, first ask the customer for a photo of the damage, and don't send "
    "a replacement until they've sent it."
)
TENTS = _facts("Damage", TENT_OLD, TENT_NEW, ["Missing pegs are sent out the same day."])

HIRE = (
    "# Damaged or missing kit\n\n## A damaged tent\n\n"
    "We'll get a new tent out to you today, with nothing for you to fill in.\n\n"
    "## Missing pegs\n\nWe send missing pegs the same day, with nothing for you to fill in.\n"
)
TODAY = "We'll get a new tent out to you today, with nothing for you to fill in."


def test_an_added_requirement_trims_a_nothing_needed_claim() -> None:
    side = old_side(TENTS)
    assert side is not None and side.requirement_added
    # a writer said the new step but kept the claim
    written = HIRE.replace(
        TODAY,
        "Send us a photo of the damage first, and we'll get a new tent out to you, with nothing "
        "for you to fill in.",
    )
    found = without_old_companions(TENTS, HIRE, written, "markdown", [TODAY])
    assert found is not None
    assert found[0] == HIRE.replace(
        TODAY, "Send us a photo of the damage first, and we'll get a new tent out to you."
    )


def test_a_requirement_the_old_rule_had_trims_nothing() -> None:
    facts = _facts(
        "Damage",
        "If a hired tent is damaged, first ask the customer for a photo, and don't send a "
        "replacement until they've sent it.",
        TENT_NEW,
        [],
    )
    side = old_side(facts)
    assert side is not None and not side.requirement_added
    written = HIRE.replace(
        TODAY, "We'll get a new tent out to you, with nothing for you to fill in."
    )
    assert without_old_companions(facts, HIRE, written, "markdown", [TODAY]) is None


def test_huge_items_stay_fast_to_read() -> None:
    # many sentences: each is read once against the old side (no sentence x sentence loop)
    body = MACRO + "\n\n" + " ".join(["You can collect it from the front desk."] * 5000)
    written = body.replace(NOTICE_SAID, NOTICE_WRITTEN)
    found = without_old_companions(LIBRARY, body, written, "text", [NOTICE_SAID])
    assert found is not None and "junk folder" not in found[0]


def test_a_channel_merely_no_longer_named_or_a_tool_call_is_no_lost_channel() -> None:
    # the new rule stops saying "posted" but names no other way: the post may still carry it;
    # "call `send_kit`" calls a tool, nobody on the phone
    facts = _facts(
        "Kits",
        "Tell them the kit is posted once they have paid, and call `send_kit` after that.",
        "Send the kit straight away with `send_kit`.",
        [],
    )
    side = old_side(facts)
    assert side is not None and side.channels == ()
    macro = (
        "Your kit is posted once you've paid.\n\nIt fits through your letterbox, and if we "
        "miss you we leave a voicemail.\n"
    )
    said = "Your kit is posted once you've paid."
    written = macro.replace(said, "Your kit is sent straight away.")
    assert without_old_companions(facts, macro, written, "text", [said]) is None


def test_an_html_macro_loses_the_companion_and_keeps_its_markup() -> None:
    body = (
        "<p>When your book is ready, we'll send a notice to your email address. If you can't see "
        "it, have a look in your junk folder.</p><p>You can collect it from the front desk.</p>"
    )
    written = body.replace(NOTICE_SAID, NOTICE_WRITTEN)
    found = without_old_companions(LIBRARY, body, written, "html", [NOTICE_SAID])
    assert found is not None
    assert found[0] == (
        "<p>When your book is ready, we'll send a notice by post.</p>"
        "<p>You can collect it from the front desk.</p>"
    )


# -- the note: what the old reply said beside the changed action -------------------------------


def _handed(old: str, new: str, kept: list[str], after: str) -> ChangeFacts:
    facts = _facts("Classes", old, new, kept)
    facts.before_actions = [ActionFact("book_class")]
    facts.after_actions = [ActionFact(after)]
    facts.removed_promises = [Promise("channel", "email")]
    return facts


def test_a_note_does_not_call_withdrawn_what_the_kept_rule_still_promises_the_others() -> None:
    # a pottery studio hands groups over 8 to the events desk; the booking confirmation by email
    # (said in a sentence of the bullet the change left word for word) stays for the rest
    old = "One class booking takes up to 10 people."
    new = "One class booking takes up to 8 people."
    kept = (
        "For that many or fewer, book it with `book_class` and tell them the confirmation is on "
        "its way by email."
    )
    facts = _handed(f"{old} {kept}", f"{new} {kept}", [], "transfer_to_events_desk")
    assert outcome_still_said(facts, Promise("channel", "email"))
    # another action in its place (a waitlist, told by text) is a rule of its own: not so
    waitlisted = _handed(f"{old} {kept}", f"{new} {kept}", [], "add_to_waitlist")
    assert not outcome_still_said(waitlisted, Promise("channel", "email"))
    # and a rule that stopped promising email altogether is withdrawn
    gone = _handed(
        f"{old} Book it with `book_class` and tell them the confirmation is on its way by email.",
        f"{new} For more, hand them to the events desk with `transfer_to_events_desk`.",
        [],
        "transfer_to_events_desk",
    )
    assert not outcome_still_said(gone, Promise("channel", "email"))


# -- more shapes: before the rewrite, a list step, a subset, a claim alone ------------------------


def test_a_companion_just_before_the_rewritten_sentence_goes() -> None:
    macro = (
        "Thanks for reserving it. Keep an eye on your inbox. When your book is ready, we'll send "
        "a notice to your email address.\n\nCity Library"
    )
    written = macro.replace(NOTICE_SAID, NOTICE_WRITTEN)
    found = without_old_companions(LIBRARY, macro, written, "text", [NOTICE_SAID])
    assert found is not None
    assert found[0] == (
        "Thanks for reserving it. When your book is ready, we'll send a notice by post.\n\n"
        "City Library"
    )


def test_a_subsets_new_channel_keeps_the_others_companion() -> None:
    # overseas members now get the notice by post; the rest still by email: the writer says
    # both, so the junk-folder check stays
    facts = ChangeFacts(
        id="C1",
        title="changed",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2"],
        rules=[
            Rule(
                "H1",
                "sentence_added",
                "Reservations",
                None,
                "Members living overseas are sent the notice by post.",
                "…",
            )
        ],
        prompt_sections={
            "Reservations": [NOTICE_OLD, "Members living overseas are sent the notice by post."]
        },
    )
    written = MACRO.replace(
        NOTICE_SAID,
        "When your book is ready, we'll send a notice to your email address (by post if you "
        "live overseas).",
    )
    found = without_old_companions(facts, MACRO, written, "text", [NOTICE_SAID])
    assert found is None or "junk folder" in found[0]


def test_a_list_step_asking_for_what_is_no_longer_needed_goes() -> None:
    facts = _facts(
        "Warranty",
        "Ask the customer for a photo of their receipt, and don't send a new kettle until they "
        "have sent it.",
        "No receipt is needed: send a new kettle straight away with `send_kettle`.",
        ["For a refund, ask for the receipt as well as the kettle's box."],
    )
    article = (
        "# Kettle warranty\n\n## How to claim\n\n1. Tell us what's wrong with your kettle.\n"
        "2. Send us a photo of your receipt.\n3. Once we have it, we send a new kettle.\n\n"
        "## Refunds\n\nFor a refund, send us the receipt and the kettle's box.\n"
    )
    # a numbered item's number is a unit of its own: the sentence after it is the conflict
    said = "Once we have it, we send a new kettle."
    written = article.replace(said, "We send a new kettle straight away.")
    found = without_old_companions(facts, article, written, "markdown", [said])
    assert found is not None
    assert found[0] == written.replace("2. Send us a photo of your receipt.\n", "")
    # the refund's receipt (another section, a rule the new prompt keeps) stays
    assert "For a refund, send us the receipt and the kettle's box." in found[0]


def test_a_claim_alone_that_nothing_is_needed_goes_and_a_kept_no_return_stays() -> None:
    hire = (
        "# A damaged tent\n\nWe'll get a new tent out to you today. There's nothing to fill in. "
        "You don't need to send the damaged tent back.\n"
    )
    said = "We'll get a new tent out to you today."
    written = hire.replace(said, "Send us a photo of the damage and we'll get a new tent out.")
    found = without_old_companions(TENTS, hire, written, "markdown", [said])
    assert found is not None
    assert found[0] == (
        "# A damaged tent\n\nSend us a photo of the damage and we'll get a new tent out. "
        "You don't need to send the damaged tent back.\n"
    )


def test_another_cases_same_requirement_and_an_excepted_rule_stay() -> None:
    # a dance school's trial class needs no health form now; competitions still ask for it
    facts = _facts(
        "Trial classes",
        "Ask the dancer for a signed health form first, and book the trial class with "
        "`book_trial` only once they have sent it.",
        "No health form is needed: book the trial class straight away with `book_trial`.",
        ["Competition entries need a signed health form."],
    )
    article = (
        "# Before you dance\n\n- Send us a signed health form to enter a competition\n"
        "- Send us a signed health form before your trial class\n"
    )
    said = "- Send us a signed health form before your trial class"
    written = article.replace(said, "- Book your trial class straight away")
    found = without_old_companions(facts, article, written, "markdown", [said])
    assert found is None
    # an added rule for big parties leaves the rule it excepts for everyone else
    party = ChangeFacts(
        id="C1",
        title="changed",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2"],
        rules=[
            Rule(
                "H1",
                "sentence_added",
                "Tables",
                None,
                "Tables of 10 or more pay a £5 deposit per guest with `take_deposit`.",
                "…",
            )
        ],
        prompt_sections={
            "Tables": [
                "No deposit is needed for a table: guests pay at the end of their meal.",
                "Tables of 10 or more pay a £5 deposit per guest with `take_deposit`.",
            ]
        },
    )
    assert old_side(party) is None


def test_a_wait_with_a_placeholder_is_said_at_once_and_keeps_it() -> None:
    macro = (
        "Hi {{ticket.requester.first_name}},\n\nWe'll activate {{ticket.custom_field_guest}}'s "
        "card within 2 working days.\n\nPlease don't let {{ticket.custom_field_guest}} use the "
        "gym until then, as their card won't work yet.\n\nThe Gym"
    )
    said = "We'll activate {{ticket.custom_field_guest}}'s card within 2 working days."
    written = macro.replace(said, "Your guest's card works straight away.")
    found = without_old_companions(GYM, macro, written, "text", [said])
    assert found is not None
    assert found[0] == written.replace(
        "Please don't let {{ticket.custom_field_guest}} use the gym until then, as their card "
        "won't work yet.",
        "{{ticket.custom_field_guest}} can use the gym straight away.",
    )
    # what has no such shape is dropped; "until" about something else is never read as one
    assert flipped_wait("We keep lost property until the end of the month.", "now") is None


# -- review fd5: another case's wait, request and claim stay ----------------------------------

LOAN_OLD = (
    "Renewing a loan: pass the request to the circulation desk and tell the patron the loan "
    "isn't renewed until the desk replies."
)
LOAN_NEW = (
    "Renewing a loan: renew the loan yourself and tell the patron the loan is renewed straight "
    "away."
)
LOANS = _facts("Loans", LOAN_OLD, LOAN_NEW, ["Fines are 20p a day."])
RENEWAL_SAID = "Renewal requests go to our circulation desk, who reply within 2 days."


def _loan_article(trap: str) -> tuple[str, str]:
    body = (
        RENEWAL_SAID + " Your loan isn't renewed until the desk replies. " + trap + " Fines are "
        "20p a day.\n"
    )
    return body, body.replace(RENEWAL_SAID, "We renew your loan straight away.")


def test_a_kept_wait_of_another_case_after_a_dropped_wait_stays() -> None:
    # the shared words (loan, renew, desk) are the topic's; a reserved book is a case of its own
    for trap in (
        "A loan on a reserved book isn't renewed until the desk has checked the waiting list.",
        "Reserved books aren't renewable until the desk has checked the waiting list.",
        "Loans of rare books aren't renewed until the archivist replies.",
    ):
        body, written = _loan_article(trap)
        found = without_old_companions(LOANS, body, written, "markdown", [RENEWAL_SAID])
        assert found is not None, trap
        assert found[0] == written.replace("Your loan isn't renewed until the desk replies. ", "")
        # never flipped into "… straight away"
        assert trap in found[0]


def test_a_wait_pointing_back_after_a_dropped_wait_still_goes() -> None:
    body, written = _loan_article("Please don't take the book out again until then.")
    found = without_old_companions(LOANS, body, written, "markdown", [RENEWAL_SAID])
    assert found is not None
    assert "until then" not in found[0]


def test_a_wait_of_another_case_or_another_condition_is_never_flipped() -> None:
    words = frozenset({"new", "driver", "car", "drive", "insur", "until"})
    for other in (
        "Please don't let anyone under 17 drive your car until then.",
        "Learner drivers can't drive your car until they pass their test.",
        "Reserved books aren't renewable until the desk has checked the waiting list.",
        "The new driver isn't covered until they've sent us their licence.",
    ):
        assert flipped_wait(other, "straight away", words) is None, other
    # the changed case's own wait, pointing back, still is
    assert (
        flipped_wait("The new driver isn't covered until that letter reaches you.", "now", words)
        == "The new driver is covered now."
    )
    assert (
        flipped_wait("Please don't let {{ticket.x}} drive your car until then.", "now", words)
        == "{{ticket.x}} can drive your car now."
    )


def test_a_request_of_another_case_beside_the_rewrite_stays() -> None:
    facts = _facts(
        "Faults",
        "Before sending a replacement handle, ask the customer for a photo of their receipt or "
        "proof of purchase.",
        "Send a replacement handle straight away. No receipt or proof of purchase is needed.",
        ["Charging questions: tell the customer a full charge takes 16 hours."],
    )
    said = (
        "If your handle stops working, send us a photo of your receipt and we'll post a "
        "replacement handle."
    )
    for trap in (
        "For a refund under our 90-day guarantee, please send us a photo of your receipt or "
        "proof of purchase.",
        "If you're returning a gift, please send us a photo of the receipt or proof of purchase.",
    ):
        body = said + " " + trap + "\n"
        written = body.replace(said, "If your handle stops working, we'll post one straight away.")
        assert without_old_companions(facts, body, written, "markdown", [said]) is None, trap
    # away from the rewrite, one shared verb ("send") is no subject
    body = (
        said + "\n\nFines are rare.\n\nPlease send us a photo of your receipt or proof of "
        "purchase.\n"
    )
    written = body.replace(said, "If your handle stops working, we'll post one straight away.")
    assert without_old_companions(facts, body, written, "markdown", [said]) is None


def test_a_wait_for_what_is_ours_is_no_added_requirement() -> None:
    facts = _facts(
        "Returns",
        "Refund the order as soon as the customer asks.",
        "Don't refund the order until the item is back at our warehouse.",
        [],
    )
    side = old_side(facts)
    assert side is not None and not side.requirement_added
    body = (
        "Returns are free and you can start one in the app, with nothing for you to fill in. "
        "We refund your order as soon as you ask.\n"
    )
    said = "We refund your order as soon as you ask."
    written = body.replace(said, "We refund your order once it's back at our warehouse.")
    assert without_old_companions(facts, body, written, "markdown", [said]) is None
    # asking the customer for something first still is one
    asks = _facts(
        "Returns",
        "Refund the order as soon as the customer asks.",
        "Don't refund the order until they've sent us the returns form.",
        [],
    )
    side = old_side(asks)
    assert side is not None and side.requirement_added


def test_more_than_a_handful_of_companions_is_none() -> None:
    # a paragraph restating the old rule sentence after sentence is no companion of one rewrite
    said = "Requests go to our circulation desk, who confirm the renewal within one day."
    facts = _facts(
        "Loans",
        "Pass the request to the circulation desk and tell the patron the desk will confirm the "
        "renewal within 1 day.",
        "Renew the loan yourself and tell the patron the loan is renewed straight away.",
        [],
    )
    also = [f"Our request desk confirm it for the patron {n}." for n in range(9)]
    few = " ".join([said, *also[:3]]) + "\n"
    written = few.replace(said, "We renew it straight away.")
    found = without_old_companions(facts, few, written, "markdown", [said])
    assert found is not None and len(found[1]) == 3
    many = " ".join([said, *also]) + "\n"
    written = many.replace(said, "We renew it straight away.")
    assert without_old_companions(facts, many, written, "markdown", [said]) is None
