"""An ordering or equal-treatment claim for everyone ("all requests in order", "every claim in
turn, so nobody jumps the queue", "first come, first served") broken by priority for a group,
the rest kept in turn: made-up domains, each read from its prompt sentences alone.

A vet surgery (a flag: emergencies skip the queue), a council's repairs (a band: tenants aged 75
or over go ahead of the queue), a library (a category: a list item with a plural subject), an
insurer (a Q&A answer with no yes or no), a marina (a table row: flagged, never rewritten). What
must stay: a claim about another queue in the same item, a claim already naming an exception,
and every change that is not a priority for a group with the rest kept in turn."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact, rank_items
from behaviordiff.drafting.queueorder import (
    ORDER_REASON,
    answers_rest,
    claims_order,
    narrowed,
    order_conflicts,
    order_edit,
    priority_shift,
)
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.text import plain_text, units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem


def _facts(
    old: str,
    group: str,
    kept: str | None,
    atoms: list[dict[str, object]],
    rest: tuple[str, ...] = (),
) -> ChangeFacts:
    condition = Condition.from_dict(
        {
            "text": "condition",
            "atoms": atoms,
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 12},
        }
    )
    new = [group, *([kept] if kept else []), *rest]
    facts = ChangeFacts(
        id="C1",
        title="now calls book_priority",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[condition],
        others=12,
        rules=[Rule("H1", "sentence_changed", "Requests", old, group, "…")],
    )
    facts.prompt_sections = {"Requests": new}
    return facts


def _impact(body: str, kind: str = "article", facts: ChangeFacts | None = None) -> Impact:
    item = KnowledgeItem(
        "article" if kind == "article" else "macro",
        "k1",
        "Item",
        body,
        "markdown" if kind == "article" else "text",
        "kb",
        "k1",
    )
    item_units = units(body)
    conflicts: list[Conflict] = []
    if facts is not None:
        conflicts = order_conflicts(
            facts, item_units, [], Conflict, lambda conflict: conflict.unit_index
        )
    return Impact(item, 1.0, conflicts, item_units)


VET = _facts(
    "Every appointment request joins the vets' list and is seen in order.",
    "Pets in an emergency (emergency: True) skip the queue: book an urgent slot with "
    "`book_urgent` and tell them a vet will see them within 1 hour.",
    "All other appointment requests join the vets' list and are seen in order.",
    [{"feature": "emergency", "op": "=", "value": True}],
)


def test_vet_prose_every_case_claim_narrowed_and_group_said_before_it() -> None:
    body = (
        "# Seeing a vet\n\nOur vets see all appointment requests in order, within three days. "
        "Bring your pet's vaccination card.\n\nWe post repeat prescriptions in turn, within "
        "48 hours.\n"
    )
    impact = _impact(body, facts=VET)
    assert [c.sentence for c in impact.conflicts] == [
        "Our vets see all appointment requests in order, within three days."
    ]
    found = order_edit(VET, impact)
    assert found is not None and found[0] is not None
    assert found[0] == (
        "# Seeing a vet\n\nPets in an emergency skip the queue: a vet will see them within 1 "
        "hour. Our vets see all other appointment requests in order, within three days. "
        "Bring your pet's vaccination card.\n\nWe post repeat prescriptions in turn, within "
        "48 hours.\n"
    )


REPAIRS = _facts(
    "Every repair request is dealt with in turn.",
    "Tenants aged 75 or over (tenant_age >= 75) who report a repair go ahead of the queue: "
    "book a visit with `book_urgent` and tell them a repairer will visit within 24 hours.",
    "All other repair requests are dealt with in turn, within ten working days.",
    [{"feature": "tenant_age", "op": ">=", "value": 75}],
)


def test_council_macro_with_placeholders_and_nobody_jumps() -> None:
    body = (
        "Hi {{ticket.requester.first_name}},\n\nThanks for reporting the repair at "
        "{{ticket.custom_field_address}}. We deal with every repair request in turn, so nobody "
        "jumps the queue, and we'll visit within ten working days.\n\nHousing Repairs"
    )
    impact = _impact(body, kind="macro", facts=REPAIRS)
    found = order_edit(REPAIRS, impact)
    assert found is not None and found[0] is not None
    assert found[0] == (
        "Hi {{ticket.requester.first_name}},\n\nThanks for reporting the repair at "
        "{{ticket.custom_field_address}}. Tenants aged 75 or over who report a repair go ahead "
        "of the queue: a repairer will visit within 24 hours. We deal with every other repair "
        "request in turn, so nobody else jumps the queue, and we'll visit within ten working "
        "days.\n\nHousing Repairs"
    )


LIBRARY = _facts(
    "Interlibrary loans are handled in order of request.",
    "Students with a dissertation deadline (deadline: True) get priority: order the loan with "
    "`order_loan` and tell them the loan will arrive within 3 days.",
    "All other interlibrary loans are handled in order of request.",
    [{"feature": "deadline", "op": "=", "value": True}],
)


def test_library_list_item_plural_subject_named_by_the_rest_sentence() -> None:
    body = (
        "# Borrowing from other libraries\n\n- Interlibrary loans are handled in order of "
        "request\n- Each loan costs £2\n"
    )
    impact = _impact(body, facts=LIBRARY)
    found = order_edit(LIBRARY, impact)
    assert found is not None and found[0] is not None
    assert found[0] == (
        "# Borrowing from other libraries\n\n- Students with a dissertation deadline get "
        "priority: the loan will arrive within 3 days. All other interlibrary loans are "
        "handled in order of request\n- Each loan costs £2\n"
    )


def test_plural_subject_the_rest_sentence_does_not_name_gets_everyone_else() -> None:
    # "All other tables" would make a group of customers a group of tables
    assert (
        narrowed(
            "Tables are first come, first served.",
            "All other bookings are first come, first served.",
        )
        == "For everyone else, tables are first come, first served."
    )
    assert (
        narrowed(
            "Moorings are first come, first served.",
            "All other moorings are first come, first served.",
        )
        == "All other moorings are first come, first served."
    )


INSURER = _facts(
    "Every claim is handled one at a time, in the order it arrives.",
    "Customers whose home is uninhabitable (uninhabitable: True) are fast-tracked: tell them "
    "a loss adjuster will call within one working day.",
    "All other claims are handled one at a time, in the order they arrive.",
    [{"feature": "uninhabitable", "op": "=", "value": True}],
)


def test_insurer_qa_answer_with_no_yes_or_no_question_kept() -> None:
    body = (
        "# Claims questions\n\n**Can my claim be fast-tracked?**\n\nEvery claim is handled one "
        "at a time, in the order we receive it.\n\n**How do I send photos?**\n\nUpload them in "
        "the app, one at a time.\n"
    )
    impact = _impact(body, facts=INSURER)
    assert [c.sentence for c in impact.conflicts] == [
        "Every claim is handled one at a time, in the order we receive it."
    ]
    found = order_edit(INSURER, impact)
    assert found is not None and found[0] is not None
    assert found[0] == (
        "# Claims questions\n\n**Can my claim be fast-tracked?**\n\nCustomers whose home is "
        "uninhabitable are fast-tracked: a loss adjuster will call within one working day. "
        "Every other claim is handled one at a time, in the order we receive it.\n\n**How do I "
        "send photos?**\n\nUpload them in the app, one at a time.\n"
    )


MARINA = _facts(
    "Every berth request is answered in turn.",
    "Lifeboat crews (crew: True) skip the queue: reserve a berth with `reserve_berth` and tell "
    "them a berth is held for them.",
    "All other berth requests are answered in turn.",
    [{"feature": "crew", "op": "=", "value": True}],
)


def test_marina_table_row_is_flagged_with_its_reason() -> None:
    body = (
        "# Berths\n\n| What | How |\n| --- | --- |\n| Berth requests | Answered in turn |\n"
        "| Fuel | Self-service |\n"
    )
    impact = _impact(body, facts=MARINA)
    assert [c.sentence for c in impact.conflicts]
    found = order_edit(MARINA, impact)
    assert found is not None and found[0] is None
    assert "table row" in found[1]


def test_not_a_priority_shift_left_alone() -> None:
    # no sentence keeping the order for the others: the order dropped for everyone, not this move
    dropped = _facts(
        VET.rules[0].old or "",
        VET.rules[0].new or "",
        None,
        [{"feature": "emergency", "op": "=", "value": True}],
    )
    assert priority_shift(dropped) is None
    # no ordering claim on the old side: a price change for a group
    priced = _facts(
        "A consultation costs £40.",
        "Pets in an emergency (emergency: True) get priority: charge £80 with `charge`.",
        "All other consultations cost £40, seen in order.",
        [{"feature": "emergency", "op": "=", "value": True}],
    )
    assert priority_shift(priced) is None
    # the group's sentence denies priority: no shift
    denied = _facts(
        "Every appointment request is seen in order.",
        "Pets in an emergency (emergency: True) don't skip the queue: tell them a vet will call.",
        "All other appointment requests are seen in order.",
        [{"feature": "emergency", "op": "=", "value": True}],
    )
    assert priority_shift(denied) is None


def test_claims_already_excepted_or_about_another_queue_stay() -> None:
    shift = priority_shift(VET)
    assert shift is not None
    assert not claims_order(
        shift, "Apart from emergencies, our vets see appointment requests in order."
    )
    assert not claims_order(shift, "We post repeat prescriptions in turn, within 48 hours.")
    assert not claims_order(shift, "Can I be seen in order?")
    assert not claims_order(shift, "Book early in order to get a morning slot with a vet.")
    assert claims_order(shift, "Appointment requests are first come, first served.")


def test_through_the_drafter_trap_item_untouched() -> None:
    claim = "# Seeing a vet\n\nOur vets see all appointment requests in order, within three days.\n"
    trap = "# Prescriptions\n\nWe post repeat prescriptions in turn, within 48 hours.\n"
    kb = KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Seeing a vet", claim, "markdown", "kb", "a1"),
            KnowledgeItem("article", "2", "Prescriptions", trap, "markdown", "kb", "a2"),
        ]
    )
    impacts = {i.item.key: i for i in rank_items(VET, kb)}
    assert not [
        c
        for c in impacts.get("article:2", Impact(kb.items[1], 0)).conflicts
        if ORDER_REASON in c.reasons
    ]
    edit = TemplateDrafter().edit(VET, impacts["article:1"])
    assert edit.new_body == (
        "# Seeing a vet\n\nPets in an emergency skip the queue: a vet will see them within 1 "
        "hour. Our vets see all other appointment requests in order, within three days.\n"
    )


CLINIC = _facts(
    "Walk-in patients are seen in the order they arrive.",
    "Patients with chest pain (chest_pain: True) are seen ahead of the queue: tell them a nurse "
    "will assess them within 10 minutes.",
    "All other walk-in patients are seen in the order they arrive.",
    [{"feature": "chest_pain", "op": "=", "value": True}],
)


def test_clinic_claim_without_quantifier_names_everyone_else_first() -> None:
    body = (
        "# Walk-in clinic\n\nWe see patients in the order they arrive, so please take a "
        "ticket at the door. Parking is free for two hours.\n"
    )
    impact = _impact(body, facts=CLINIC)
    found = order_edit(CLINIC, impact)
    assert found is not None and found[0] is not None
    assert found[0] == (
        "# Walk-in clinic\n\nPatients with chest pain are seen ahead of the queue: a nurse will "
        "assess them within 10 minutes. For everyone else, we see patients in the order they "
        "arrive, so please take a ticket at the door. Parking is free for two hours.\n"
    )


def test_clinic_bare_no_before_the_claim_is_flagged() -> None:
    body = (
        "# Questions\n\n**Can I be seen sooner?**\n\nNo. Patients are seen in the order they "
        "arrive.\n"
    )
    impact = _impact(body, facts=CLINIC)
    assert [c.sentence for c in impact.conflicts] == ["Patients are seen in the order they arrive."]
    found = order_edit(CLINIC, impact)
    assert found is not None and found[0] is None
    assert "yes or no" in found[1]


def test_clinic_html_macro_paragraph() -> None:
    body = (
        "<p>Hi {{ticket.requester.first_name}},</p><p>Thanks for checking in. All walk-in "
        "patients are seen in the order they arrive.</p>"
    )
    item = KnowledgeItem("macro", "m1", "Clinic::Checked in", body, "html", "kb", "m1")
    item_units = units(plain_text(body, "html"))
    conflicts = order_conflicts(CLINIC, item_units, [], Conflict, lambda c: c.unit_index)
    found = order_edit(CLINIC, Impact(item, 1.0, conflicts, item_units))
    assert found is not None and found[0] is not None
    assert found[0] == (
        "<p>Hi {{ticket.requester.first_name}},</p><p>Thanks for checking in. Patients with "
        "chest pain are seen ahead of the queue: a nurse will assess them within 10 minutes. "
        "All other walk-in patients are seen in the order they arrive.</p>"
    )


def test_a_name_opening_the_claim_keeps_its_capital() -> None:
    body = "Greenway answers calls in turn. Ring Greenway on 0100 000 000."
    assert narrowed("Greenway answers calls in turn.", "", body) == (
        "For everyone else, Greenway answers calls in turn."
    )
    assert narrowed("Calls are answered in turn.", "", "Calls are answered in turn.") == (
        "For everyone else, calls are answered in turn."
    )


def _added_facts(claim: str, group: str, atoms: list[dict[str, object]]) -> ChangeFacts:
    """A group's priority added beside a claim both prompts say for everyone, unchanged."""
    facts = _facts(claim, group, None, atoms)
    facts.rules = [Rule("H1", "sentence_added", "Orders", None, group, "…")]
    facts.prompt_sections = {"Orders": [claim, group]}
    return facts


BAKERY = _added_facts(
    "Every cake order is baked in turn, in the order it was placed.",
    "Cake orders for a funeral (occasion: funeral) go first: tell them the cake will be ready "
    "the next morning.",
    [{"feature": "occasion", "op": "=", "value": "funeral"}],
)


def test_bakery_claim_both_prompts_keep_contradicted_by_an_added_priority() -> None:
    shift = priority_shift(BAKERY)
    assert shift is not None
    assert (
        shift.old_claim
        == shift.kept
        == "Every cake order is baked in turn, in the order it was placed."
    )
    body = (
        "# Ordering a cake\n\nWe bake every cake order in turn, so please order a week ahead. "
        "Our bread is baked fresh every morning.\n"
    )
    impact = _impact(body, facts=BAKERY)
    assert [c.sentence for c in impact.conflicts] == [
        "We bake every cake order in turn, so please order a week ahead."
    ]
    found = order_edit(BAKERY, impact)
    assert found is not None and found[0] is not None
    assert found[0] == (
        "# Ordering a cake\n\nCake orders for a funeral go first: the cake will be ready the "
        "next morning. We bake every other cake order in turn, so please order a week ahead. "
        "Our bread is baked fresh every morning.\n"
    )


def test_an_added_priority_on_another_topic_breaks_no_claim() -> None:
    # the bread's order is not what the funeral cakes' priority is about
    other = _added_facts(
        "Bread orders are collected in turn at the counter.",
        "Cake orders for a funeral (occasion: funeral) go first: tell them the cake will be "
        "ready the next morning.",
        [{"feature": "occasion", "op": "=", "value": "funeral"}],
    )
    assert priority_shift(other) is None


SURGERY = _facts(
    "Every prescription request is answered in turn.",
    "Requests marked urgent by a pharmacist (urgent: True) are answered first: tell them the "
    "prescription will be ready the same day.",
    "Otherwise, answer prescription requests in turn, within 2 working days.",
    [{"feature": "urgent", "op": "=", "value": True}],
)


def test_surgery_kept_with_otherwise_and_answered_first() -> None:
    shift = priority_shift(SURGERY)
    assert shift is not None
    body = "Hi {{ticket.requester.first_name}},\n\nWe answer all prescription requests in turn."
    impact = _impact(body, kind="macro", facts=SURGERY)
    found = order_edit(SURGERY, impact)
    assert found is not None and found[0] == (
        "Hi {{ticket.requester.first_name}},\n\nRequests marked urgent by a pharmacist are "
        "answered first: the prescription will be ready the same day. We answer all other "
        "prescription requests in turn."
    )


BOILERS = _facts(
    "Every breakdown report joins the engineers' queue and is answered in order.",
    "Customers over 75 (customer_age >= 75) who report a breakdown skip the queue: tell them an "
    "engineer will call them within 4 hours.",
    "All other breakdown reports join the engineers' queue and are answered in order.",
    [{"feature": "customer_age", "op": ">=", "value": 75}],
    rest=("Tell the customer an engineer will call them back within three working days.",),
)


def test_answer_giving_the_others_wait_under_a_question_about_it() -> None:
    shift = priority_shift(BOILERS)
    assert shift is not None and shift.rest_values == ("three working days",)
    body = (
        "# Questions\n\n### When will an engineer call me about a breakdown?\n\nWithin three "
        "working days.\n\n### When will my service date be confirmed?\n\nWithin three working "
        "days.\n"
    )
    impact = _impact(body, facts=BOILERS)
    assert [c.sentence for c in impact.conflicts] == ["Within three working days."]
    assert [c.unit_index for c in impact.conflicts] == [2]
    found = order_edit(BOILERS, impact)
    assert found is not None and found[0] == (
        "# Questions\n\n### When will an engineer call me about a breakdown?\n\nCustomers over "
        "75 who report a breakdown skip the queue: an engineer will call them within 4 hours. "
        "For everyone else, within three working days.\n\n### When will my service date be "
        "confirmed?\n\nWithin three working days.\n"
    )


def test_a_word_inside_the_prompts_claim_names_what_it_is_about() -> None:
    # "joins the engineers' queue": the engineers are what the claim is about
    shift = priority_shift(BOILERS)
    assert shift is not None
    assert claims_order(
        shift, "Our engineers work through every request in the order it reaches them."
    )
    assert not claims_order(shift, "Parcels leave the warehouse in the order they are packed.")


REPAIRS = _facts(
    "Every repair request is dealt with in turn, within ten working days.",
    "Tenants aged 75 or over (tenant_age >= 75) who report a repair go ahead of the queue: "
    "book a visit with `book_urgent` and tell them a repairer will visit within 24 hours.",
    "All other repair requests are dealt with in turn, within ten working days.",
    [{"feature": "tenant_age", "op": ">=", "value": 75}],
)


def test_another_queue_sharing_only_the_wait_is_not_the_claim() -> None:
    # "within ten working days" and "dealt with" say how long and how, not what is queued:
    # rent refunds are another queue
    shift = priority_shift(REPAIRS)
    assert shift is not None
    trap = "We process every rent refund in turn, within ten working days."
    assert not claims_order(shift, trap)
    assert not claims_order(shift, "Complaints are dealt with in turn, within ten working days.")
    assert claims_order(shift, "We deal with every repair request in turn.")
    body = f"# Rent and refunds\n\n{trap} Refunds go back to the account you paid from.\n"
    impact = _impact(body, facts=REPAIRS)
    assert impact.conflicts == []
    assert order_edit(REPAIRS, impact) is None


def test_every_of_time_place_or_another_clause_is_never_narrowed() -> None:
    # "every other morning" means alternate mornings: false; such a claim is flagged
    subject = "Every morning, our engineers answer enquiries in order, within two working days."
    assert narrowed(subject) is None
    assert narrowed("At every branch, patients are seen in the order they arrive.") is None
    assert narrowed("We read every message, and deal with them one at a time.") is None
    assert narrowed("Every weekday our team works through all enquiries in turn.") == (
        "Every weekday our team works through all other enquiries in turn."
    )
    assert narrowed("All week long we deal with every enquiry in turn.") == (
        "All week long we deal with every other enquiry in turn."
    )
    assert narrowed("Every weekday we deal with enquiries in turn.") is None
    assert narrowed("Our advisers answer all enquiries in order, within two working days.") == (
        "Our advisers answer all other enquiries in order, within two working days."
    )


FAULTS = _facts(
    "Answer all fault reports in order, within 2 working days.",
    "Vulnerable customers on the priority register (priority_register: True) who report a "
    "fault skip the queue: book a callback with `priority_callback` and tell them an engineer "
    "will phone them within 2 hours.",
    "All other fault reports are answered in order, within 2 working days.",
    [{"feature": "priority_register", "op": "=", "value": True}],
)


def test_another_rules_answer_with_the_others_value_stays() -> None:
    # a servicing question sharing "engineer" with the group's passage, an answer counting its
    # days from the booking or as notice: another rule with the same amount
    shift = priority_shift(FAULTS)
    assert shift is not None and shift.rest_values == ("2 working days",)
    asked = "When will someone call me about my fault?"
    assert answers_rest(shift, asked, "Within 2 working days.")
    assert not answers_rest(
        shift,
        "When will an engineer come to service my heat pump?",
        "Within 2 working days of your booking.",
    )
    assert not answers_rest(
        shift, "When will an engineer come to service my heat pump?", "Within 2 working days."
    )
    assert not answers_rest(
        shift, "Can I report a fault visit change?", "Yes, with 2 working days' notice."
    )
    assert not answers_rest(
        shift, "When is my fault report closed?", "2 working days after the engineer's visit."
    )
    body = (
        "# Servicing\n\n**When will an engineer come to service my heat pump?**\n\nWithin 2 "
        "working days of your booking.\n\n**Can I move my engineer visit?**\n\nYes, with 2 "
        "working days' notice.\n"
    )
    impact = _impact(body, facts=FAULTS)
    assert impact.conflicts == []
    assert order_edit(FAULTS, impact) is None


def test_an_item_with_another_conflict_is_left_to_the_class_rules() -> None:
    # the ordering claim's edit says nothing of the item's other conflict: no edit covering
    # the claim alone (nor a flag naming it alone); the class rules write or flag it whole
    body = (
        "# Repairs\n\nWe deal with every repair request in turn, within ten working days. "
        "Log it with the repairs form.\n"
    )
    impact = _impact(body, facts=REPAIRS)
    assert [c.sentence for c in impact.conflicts] == [
        "We deal with every repair request in turn, within ten working days."
    ]
    alone = order_edit(REPAIRS, impact)
    assert alone is not None and alone[0] is not None
    other = Conflict(2, "Log it with the repairs form.", ("the group's step changed",))
    both = Impact(impact.item, 1.0, [*impact.conflicts, other], impact.units)
    assert order_edit(REPAIRS, both) is None
