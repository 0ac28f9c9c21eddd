"""A way said to be the only one, widened by a second (a made-up surgery, not a scenario's
domain): "Appointments are booked by phone only." became "Patients can book an appointment by
phone or online through the patient portal." A KB clause saying the kept way with "only" in
the rule's words is said as the new sentence to the reader, a "so …" that followed from there
being one way going with it; an "only" about another topic, a sentence sharing one word of the
rule, and everything else stay byte for byte. And the old way of a promise (`newway.old_way`)
is not read from a trap sharing a denial and a word the new prompt still says elsewhere."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.newway import old_way
from behaviordiff.drafting.widenedonly import (
    voiced_to_customer,
    widened_only,
    widened_only_reason,
)
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Appointments are booked by phone only."
NEW = "Patients can book an appointment by phone or online through the patient portal."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for getting in touch. Appointments can only "
    "be booked by phone, so please call us on 0161 496 0000 between 8am and 6pm.\n\nWe only "
    "see patients over 16 at this surgery.\n\nBest wishes,\nThe Practice Team"
)
OTHER = (
    "Hi {{ticket.requester.first_name}},\n\nTest results are only given by phone, once the "
    "doctor has seen them.\n\nBest wishes,\nThe Practice Team"
)
THIRD_PERSON = "# Booking\n\nAppointments are booked by phone only.\n"


def _facts(rules: list[Rule] | None = None, **more: object) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls send_portal_link",
        kind="actions",
        facets=["actions"],
        probe_ids=["b1", "b2", "b3"],
        after_actions=[ActionFact("send_portal_link")],
        rules=rules or [Rule("H1", "sentence_changed", "Booking", OLD, NEW, "sentence changed")],
        others=9,
        **more,  # type: ignore[arg-type]
    )


def test_the_widened_way_is_read_from_the_kept_words_and_the_alternative() -> None:
    case = widened_only(_facts())
    assert case is not None
    assert {"appointment", "book", "phone"} <= case.kept
    assert {"online", "portal"} <= case.added
    assert case.alternative == "or online through the patient portal"


def test_a_rule_with_no_or_or_keeping_its_only_is_no_widened_way() -> None:
    kept_only = Rule(
        "H1", "sentence_changed", "Booking", OLD, OLD.replace("phone", "telephone"), ""
    )
    assert widened_only(_facts([kept_only])) is None
    no_or = Rule(
        "H1", "sentence_changed", "Booking", OLD, "Patients book an appointment online.", ""
    )
    assert widened_only(_facts([no_or])) is None
    listed = Rule(
        "H1",
        "sentence_changed",
        "Booking",
        "Home visits are booked by phone only for patients in the town.",
        "Home visits are booked by phone for every patient in the town, the suburbs or the "
        "villages.",
        "",
    )
    assert widened_only(_facts([listed])) is None


def test_only_the_kept_way_said_as_the_only_one_conflicts() -> None:
    facts = _facts()
    assert widened_only_reason(facts, "Appointments can only be booked by phone.") is not None
    assert widened_only_reason(facts, "We only see patients over 16 at this surgery.") is None
    assert widened_only_reason(facts, "Test results are only given by phone.") is None
    assert widened_only_reason(facts, "You can book by phone or through the portal.") is None


def test_the_new_sentence_is_said_to_the_reader_in_place_of_the_only_clause() -> None:
    assert voiced_to_customer(NEW) == (
        "You can book an appointment by phone or online through the patient portal."
    )
    assert voiced_to_customer("Customers can have their order sent to their door or held.") == (
        "You can have your order sent to your door or held."
    )
    items = [kb_item("booking", MACRO, kind="macro"), kb_item("results", OTHER, kind="macro")]
    impacts = {i.item.key: i for i in rank_items(_facts(), KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:booking"}
    edit = TemplateDrafter().edit(_facts(), impacts["macro:booking"])
    assert edit.new_body == MACRO.replace(
        "Appointments can only be booked by phone, so please call us on 0161 496 0000 between "
        "8am and 6pm.",
        "You can book an appointment by phone or online through the patient portal.",
    )


def test_an_item_that_does_not_speak_to_the_reader_is_flagged() -> None:
    impacts = [
        i
        for i in rank_items(_facts(), KnowledgeBase([kb_item("booking", THIRD_PERSON)]))
        if i.affected
    ]
    assert len(impacts) == 1
    edit = TemplateDrafter().edit(_facts(), impacts[0])
    assert edit.new_body is None
    assert "Flagged" in edit.rationale


def test_a_trap_sharing_a_denial_and_a_word_still_said_is_no_old_way() -> None:
    """The old way's words are those no changed sentence of the new prompt says: "phone",
    moved to the sentence that now offers a second way, is not one of them."""
    denied = Rule(
        "H2",
        "sentence_changed",
        "Booking",
        "Online booking isn't offered: if a patient asks, say we can't book online and give the "
        "surgery phone number.",
        "If a patient asks to book online, say we will email a link to the patient portal.",
        "sentence changed",
    )
    widened = Rule("H1", "sentence_changed", "Booking", OLD, NEW, "")
    facts = _facts([denied, widened], added_promises=[Promise("channel", "email")])
    trap = "We can't move a booked appointment for a patient once it's confirmed by phone."
    assert not old_way(facts, trap)
    assert old_way(facts, "Sorry, we can't book online: give the surgery a ring instead.")


def test_an_only_bounding_a_time_on_the_topic_is_no_only_way() -> None:
    """The "only" limits how far ahead, not the way: the two-week limit is still true."""
    facts = _facts()
    two_weeks = "Appointments can only be booked up to 2 weeks ahead, so please call back later."
    assert widened_only_reason(facts, two_weeks) is None
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{two_weeks}\n\nBest wishes,\nThe Team"
    items = [kb_item("ahead", body, kind="macro")]
    assert not [i for i in rank_items(facts, KnowledgeBase(items)) if i.affected]
    assert widened_only_reason(facts, "Appointments are only booked for new patients.") is None


def test_a_one_word_alternative_is_a_second_way() -> None:
    """An invented library: "Renewals are made in person only." → "… in person or online"."""
    rule = Rule(
        "H1",
        "sentence_changed",
        "Loans",
        "Book loans are renewed at the desk only.",
        "Members can renew their book loans at the desk or online.",
        "",
    )
    case = widened_only(_facts([rule]))
    assert case is not None and case.added == {"online"} and case.way == {"desk"}
    assert widened_only_reason(_facts([rule]), "You can only renew book loans at the desk.")
    assert widened_only_reason(_facts([rule]), "Book loans can only be renewed twice.") is None
    phone_or_email = Rule(
        "H1",
        "sentence_changed",
        "Booking",
        "Appointments are booked by phone only.",
        "Patients can book an appointment by phone or email.",
        "",
    )
    assert widened_only(_facts([phone_or_email])) is not None


def test_a_word_no_other_changed_sentence_keeps_still_reads_the_old_way() -> None:
    """The other side of the narrowing: with no changed sentence keeping "phone" on both
    sides, a sentence saying "can't" with "phone" and the rule's words is the old way."""
    denied = Rule(
        "H2",
        "sentence_changed",
        "Booking",
        "Online booking isn't offered: if a patient asks, say we can't book online and give the "
        "surgery phone number.",
        "If a patient asks to book online, say we will email a link to the patient portal.",
        "sentence changed",
    )
    facts = _facts([denied], added_promises=[Promise("channel", "email")])
    assert old_way(facts, "We can't move a booked appointment for a patient once it's by phone.")
