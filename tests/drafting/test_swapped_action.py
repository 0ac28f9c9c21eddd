"""An action replaced by another for a group, found in the KB and rewritten, with the cause on
the prompt sentence naming the new action; and an option withdrawn from a list of options.

Made-up domains, none of them a scenario's:

* a concert box office: a show the venue cancels within 7 days of its date was refunded in full
  (`refund_ticket`); now the customer is moved to the new date first (`rebook_ticket`), and
  refunded only if the new date doesn't suit them. The KB says the old action in a macro with
  placeholders ("we'll refund you in full for booking {{…}}"), in prose with the window in
  words ("within seven days … we'll refund you in full") and in a two-column table row keyed by
  the case. Traps: returns of unwanted tickets within the same 7 days, refunded in full less a
  £2 fee (its own macro and row), and a show cancelled earlier (another row).
* a bike-hire scheme: a stolen bike reported on the day was written off (`close_hire`); now a
  police reference is asked for first (`request_crime_ref`), closing the hire only if the
  customer has one. A table row keyed by the case says the old action; rows keyed by another
  case, or saying no old action, stay.
* a car park: coins are no longer taken at the machines (card and the app stay). A sentence
  saying paying with coins alone goes, and the next one's "If you prefer," with it; a
  sentence naming coins beside card, a denial and another topic stay.
* the attribution of such a change: the sentence newly calling the stopped tool under a
  condition of its own is the fallback, not the cause.
"""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.attribution import _keeps_as_fallback
from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.diffing.model import Hunk
from behaviordiff.drafting.droppedoption import (
    DroppedOption,
    _narrowed,
    _option_alone,
    _without_alternative_lead,
)
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.fallbackcase import fallback_rule, fallback_sentence, swapped_cell
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptaction import kept_action_words, kept_section_words
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.toolwords import action_words
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

SECTION = "Cancelled shows"
OLD_RULE = (
    "A show the venue cancels within 7 days of its date: refund the ticket in full with "
    "`refund_ticket` (reason venue)."
)
NEW_RULE = (
    "A show the venue cancels within 7 days of its date: move the booking to the new date first "
    "with `rebook_ticket`; the new tickets are emailed within 2 hours."
)
FALLBACK = (
    "Only if the new date doesn't suit the customer, refund the ticket in full with "
    "`refund_ticket` (reason venue); the money reaches their card within 5 days."
)
RETURNS = (
    "Unwanted tickets returned within 7 days of booking: refund them in full with "
    "`refund_ticket` (reason unwanted), less a £2 fee."
)

CANCELLED = (
    "Hello {{ticket.requester.first_name}},\n\nI'm sorry the venue has called off your show. As "
    "it was cancelled within 7 days of the date, we'll refund you in full for booking "
    "{{ticket.custom_field_booking}}.\n\nThanks for your patience,\n{{current_user.first_name}}"
)
RETURNED = (
    "Hello {{ticket.requester.first_name}},\n\nNo problem: unwanted tickets returned within 7 "
    "days of booking are refunded in full, less a £2 fee.\n\nBest,\n{{current_user.first_name}}"
)
HELP = (
    "# When a show is cancelled\n\nWe know it's disappointing. If the venue calls off your show "
    "within seven days of the date, we'll refund you in full.\n\nIf it's cancelled earlier, "
    "we'll email you the venue's options.\n"
)
TABLE = (
    "# Refunds at a glance\n\n| Situation | What happens |\n|---|---|\n"
    "| Show cancelled within 7 days of the date | We'll refund you in full |\n"
    "| Show cancelled earlier | The venue's options, by email |\n"
    "| Unwanted tickets, within 7 days | Full refund less a £2 fee |\n"
)


def _facts() -> ChangeFacts:
    condition = Condition.from_dict(
        {
            "text": "days_before_show <= 7 and tag cancelled",
            "atoms": [
                {"feature": "days_before_show", "op": "<=", "value": 7},
                {"feature": "tag:cancelled", "op": "tag"},
            ],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 10},
        }
    )
    rules = [
        Rule("H1", "sentence_changed", SECTION, OLD_RULE, NEW_RULE, "…"),
        Rule("H2", "sentence_added", SECTION, None, FALLBACK, "…"),
    ]
    sections = {SECTION: [NEW_RULE, FALLBACK], "Returns": [RETURNS]}
    return ChangeFacts(
        id="C1",
        title="refund_ticket → rebook_ticket",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3", "p4"],
        before_actions=[ActionFact("refund_ticket")],
        after_actions=[ActionFact("rebook_ticket")],
        removed_promises=[Promise("term", "full refund")],
        added_promises=[Promise("term", "new date")],
        unchanged_promises=[Promise("duration", "7 days"), Promise("money", "£2.00")],
        conditions=[condition],
        rules=rules,
        kept_action_topics=kept_action_words(["refund_ticket"], rules, sections),
        kept_action_said=kept_section_words(["refund_ticket"], rules, sections),
        excerpts=[
            Excerpt(
                probe_id="p1",
                old="I've given you a full refund for booking B-1.",
                new="I've moved you to the new date.",
            )
        ],
        others=10,
        prompt_sections=sections,
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Shows::Cancelled", CANCELLED, "text", "kb", "m"),
            KnowledgeItem("macro", "2", "Returns::Unwanted tickets", RETURNED, "text", "kb", "m"),
            KnowledgeItem("article", "3", "When a show is cancelled", HELP, "markdown", "kb", "a"),
            KnowledgeItem("article", "4", "Refunds at a glance", TABLE, "markdown", "kb", "a"),
        ]
    )


def test_the_fallback_is_read_from_the_new_prompt() -> None:
    facts = _facts()
    assert fallback_rule(facts, NEW_RULE) == FALLBACK
    assert fallback_sentence(facts, NEW_RULE) == (
        "Only if the new date doesn't suit you, we refund the ticket in full."
    )
    # the rule keeping nothing: no fallback
    assert fallback_rule(facts, RETURNS) is None


def test_the_old_action_is_found_in_a_macro_prose_and_a_row_and_traps_stay() -> None:
    facts = _facts()
    impacts = {i.item.key: i for i in rank_items(facts, _kb())}
    for key in ("macro:1", "article:3", "article:4"):
        assert impacts[key].conflicts, key
    # the same 7 days and the same full refund, for returns: another topic
    assert "macro:2" not in impacts or not impacts["macro:2"].conflicts
    marked = {c.sentence for c in impacts["article:4"].conflicts}
    assert marked == {"| Show cancelled within 7 days of the date | We'll refund you in full |"}


def test_the_new_action_and_the_fallback_are_written_in_the_items_voice() -> None:
    facts = _facts()
    impacts = {i.item.key: i for i in rank_items(facts, _kb())}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:1"]).new_body or ""
    assert "{{ticket.custom_field_booking}}" in macro
    assert "we'll refund you in full for booking" not in macro
    assert "move the booking to the new date first" in macro
    assert "Only if the new date doesn't suit you, we refund the ticket in full." in macro
    assert macro.startswith(
        "Hello {{ticket.requester.first_name}},\n\nI'm sorry the venue has called off your show."
    )
    table = drafter.edit(facts, impacts["article:4"]).new_body or ""
    assert table == TABLE.replace(
        "| We'll refund you in full |",
        "| We move the booking to the new date first, and the new tickets are emailed within 2 "
        "hours; only if the new date doesn't suit you, we refund the ticket in full |",
    )
    prose = drafter.edit(facts, impacts["article:3"]).new_body or ""
    assert "we'll refund you in full" not in prose
    assert "Only if the new date doesn't suit you, we refund the ticket in full." in prose
    # the earlier cancellations keep their sentence byte for byte
    assert "If it's cancelled earlier, we'll email you the venue's options." in prose


def test_a_row_keyed_by_another_case_or_saying_no_old_action_is_not_swapped() -> None:
    head = "A stolen bike reported on the day of hire"
    words = ["close", "hire"]
    kept = "| Bike damaged in a crash | We'll close the hire and bill the repair |"
    assert swapped_cell(kept, head, "we ask for a police reference first", words, None) is None
    said = "| Stolen bike, reported on the day of hire | Call the police yourself |"
    assert swapped_cell(said, head, "we ask for a police reference first", words, None) is None
    row = "| Stolen bike, reported on the day of hire | We'll close the hire at no cost |"
    assert swapped_cell(row, head, "we ask for a police reference first", words, "if …") == (
        "| Stolen bike, reported on the day of hire | We ask for a police reference first; if … |"
    )


def test_a_marked_row_for_another_case_in_the_same_window_stays() -> None:
    """A kept case sharing the changed case's window and its old action ("refund you in
    full") is marked by impact; its key names another case, so its row stays byte for byte,
    and so does its prose sentence."""
    facts = _facts()
    ill_row = (
        "| Ill on the day, within 7 days of the date | We'll refund you in full with a "
        "doctor's note |"
    )
    ill = (
        "If you're ill on the day and can't go, we'll refund you in full once you send a "
        "doctor's note."
    )
    kb = KnowledgeBase(
        [
            KnowledgeItem(
                "article",
                "3",
                "When a show is cancelled",
                HELP + "\n" + ill + "\n",
                "markdown",
                "kb",
                "a",
            ),
            KnowledgeItem(
                "article", "4", "Refunds at a glance", TABLE + ill_row + "\n", "markdown", "kb", "a"
            ),
        ]
    )
    impacts = {i.item.key: i for i in rank_items(facts, kb)}
    drafter = TemplateDrafter()
    table = drafter.edit(facts, impacts["article:4"]).new_body or ""
    assert ill_row in table
    assert "| Show cancelled within 7 days of the date | We move the booking" in table
    prose = drafter.edit(facts, impacts["article:3"]).new_body or ""
    assert ill in prose
    # the writer alone: a key naming another case before the shared window, or a window alone
    head = "For a show the venue cancels within 7 days of its date"
    words = ["refund", "ticket"]
    for key in (
        "Ill on the day, within 7 days of the date",
        "Within 7 days",
        "Unwanted tickets, within 7 days",
    ):
        assert (
            swapped_cell(f"| {key} | We'll refund you in full |", head, "we move it", words, None)
            is None
        )
    assert (
        swapped_cell(
            "| Show cancelled within seven days | We'll refund you in full |",
            head,
            "we move it",
            words,
            None,
        )
        == "| Show cancelled within seven days | We move it |"
    )


def _hunk(kind: str, old: str | None, new: str) -> Hunk:
    return Hunk(id="H2", kind=kind, file="system.md", section=SECTION, old=old, new=new)


def test_the_fallback_sentence_is_no_cause() -> None:
    from behaviordiff.detect.model import BehaviorChange

    change = BehaviorChange.from_dict(
        {
            "id": "C1",
            "title": "refund_ticket → rebook_ticket",
            "kind": "actions",
            "facets": ["actions"],
            "probe_ids": ["p1"],
            "before": ["refund_ticket"],
            "after": ["rebook_ticket"],
        }
    )
    named = {"refund_ticket"}
    # the courier sentence the diff paired with it: newly calls the stopped tool, under "Only if"
    assert _keeps_as_fallback(
        _hunk("sentence_changed", "Tickets are emailed within 2 hours.", FALLBACK), named, change
    )
    assert _keeps_as_fallback(_hunk("sentence_added", None, FALLBACK), named, change)
    # the rule that names the new tool, and an unconditional call, are no fallback
    assert not _keeps_as_fallback(
        _hunk("sentence_changed", OLD_RULE, NEW_RULE), {"rebook_ticket"}, change
    )
    assert not _keeps_as_fallback(
        _hunk("sentence_added", None, "Refund the ticket with `refund_ticket`."), named, change
    )
    # the same call in the old text too: the rule kept, not a fallback newly drawn
    assert not _keeps_as_fallback(_hunk("sentence_changed", OLD_RULE, FALLBACK), named, change)


COINS = DroppedOption(
    option="coins",
    rule="We take card or the app.",
    kinds=frozenset({"pay", "method"}),
    service=frozenset({"payment", "pay"}),
    siblings=frozenset({"card", "app"}),
)


def test_a_sentence_about_paying_with_the_option_alone_goes() -> None:
    alone = (
        "Most visitors simply pay with coins at the machine by the exit; it prints your ticket "
        "straight away."
    )
    assert _option_alone(COINS, alone)
    # its other clause is another fact (the machine prints the ticket whatever the payment):
    # the sentence is a writer's, never deleted whole
    assert _narrowed(COINS, alone) is None
    assert (
        _narrowed(COINS, "Pay with coins at the exit and keep the ticket: you need it to leave.")
        is None
    )
    # a clause saying what the old replies said and no new one does goes with the option
    lost = replace(COINS, lost=frozenset({"print", "ticket", "straight", "away"}))
    assert _narrowed(lost, alone) == ""
    # the act for another thing the change's service words don't name: a writer's
    assert _narrowed(COINS, "You can pay for the car wash with coins at the jet-wash bay.") is None
    assert _narrowed(COINS, "You can pay for your parking with coins at the exit.") is None
    assert (
        _narrowed(
            replace(COINS, service=COINS.service | {"park"}),
            "Pay for your parking with coins at the exit.",
        )
        == ""
    )
    # the option alone with nothing else: it goes
    assert _narrowed(COINS, "Most visitors simply pay with coins at the machine by the exit.") == ""
    # beside another way, a denial's topic, or not about paying: not the option alone
    assert not _option_alone(COINS, "Pay with coins or card at the exit.")
    assert not _option_alone(COINS, "Pay with coins at the exit, or in the app.")
    assert not _option_alone(COINS, "The change machine by the lifts gives coins for notes.")
    assert not _option_alone(COINS, "- Coins at the exit")
    assert _without_alternative_lead("If you prefer, you can pay by card at the same machine.") == (
        "You can pay by card at the same machine."
    )
    assert _without_alternative_lead("You can pay by card at the same machine.") is None


PAY_OLD = "Drivers pay at the exit machine by card, in the app or with coins."
PAY_NEW = "Drivers pay at the exit machine by card or in the app."
HELD = (
    "Hi {{ticket.requester.first_name}},\n\nYour space is held for {{ticket.custom_field_"
    "plate}}. Most visitors simply pay with coins at the machine by the exit; it prints "
    "your ticket straight away. If you prefer, you can pay by card at the same machine, or "
    "in the app.\n\nThanks,\n{{current_user.first_name}}"
)
FINES = (
    "Hi {{ticket.requester.first_name}},\n\nYour fine of £60 is due within 28 days. Fines are "
    "never paid in coins.\n\n{{current_user.first_name}}"
)


def _coin_facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls take_payment",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["c1", "c2", "c3"],
        before_actions=[ActionFact("take_payment", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "pay_method = coins and tag payment",
                    "atoms": [
                        {"feature": "pay_method", "op": "=", "value": "coins"},
                        {"feature": "tag:payment", "op": "tag"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Paying", PAY_OLD, PAY_NEW, "…")],
        excerpts=[Excerpt("c1", "Coins are fine.", "We no longer take coins: card or app?")],
        others=9,
    )


def test_the_option_alone_sentence_goes_in_a_macro_and_the_next_one_loses_its_lead() -> None:
    facts = _coin_facts()
    knowledge = KnowledgeBase(
        [
            KnowledgeItem("macro", "7", "Parking::Space held", HELD, "text", "kb", "m"),
            KnowledgeItem("macro", "8", "Fines::Due", FINES, "text", "kb", "m"),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    said = (
        "Most visitors simply pay with coins at the machine by the exit; it prints your "
        "ticket straight away."
    )
    assert {c.sentence for c in impacts["macro:7"].conflicts} == {said}
    # a denial naming the option was true before and still is
    assert "macro:8" not in impacts or not impacts["macro:8"].conflicts
    # the ticket clause is another fact the replies do not show lost: flagged, not deleted
    assert TemplateDrafter().edit(facts, impacts["macro:7"]).new_body is None
    # the old replies said it and the new ones do not: it goes with the option
    facts.excerpts = [
        Excerpt("c1", "Coins are fine: it prints your ticket straight away.", "Card or app?")
    ]
    impacts = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    new_body = TemplateDrafter().edit(facts, impacts["macro:7"]).new_body
    assert new_body == HELD.replace(
        said + " If you prefer, you can pay by card", "You can pay by card"
    )


# a dry cleaner: a garment damaged in cleaning was compensated in full; now a free repair by
# the tailor first, compensation only if the tailor can't repair it. A lost garment is still
# compensated in full (up to £150): its macro, list item and row stay.
DAMAGED = "Damaged garments"
DAMAGE_OLD = (
    "A garment we damaged in cleaning: pay compensation for it in full with `pay_compensation`."
)
DAMAGE_NEW = (
    "A garment we damaged in cleaning: book a free repair by our tailor first with "
    "`book_repair`; it's ready within 5 days."
)
DAMAGE_FALLBACK = (
    "If the tailor can't repair it, pay compensation for it in full with `pay_compensation`."
)
LOST = "A garment we lost: pay compensation for it in full with `pay_compensation`, up to £150."
PROMISE = (
    "# Our promise\n\n- Damaged in cleaning: we pay full compensation\n"
    "- Lost: we pay full compensation, up to £150\n\n"
    "| What happened | What we do |\n|---|---|\n"
    "| Garment damaged in cleaning | Full compensation, paid to your card |\n"
    "| Garment lost | Full compensation up to £150 |\n"
)
LOST_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nI'm sorry we lost your {{ticket.custom_field_garment}}"
    ". We'll pay you full compensation for it, up to £150.\n\n{{current_user.first_name}}"
)


def _damage_facts() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", DAMAGED, DAMAGE_OLD, DAMAGE_NEW, "…"),
        Rule("H2", "sentence_added", DAMAGED, None, DAMAGE_FALLBACK, "…"),
    ]
    sections = {DAMAGED: [DAMAGE_NEW, DAMAGE_FALLBACK], "Lost garments": [LOST]}
    condition = Condition.from_dict(
        {
            "text": "tag damaged",
            "atoms": [{"feature": "tag:damaged", "op": "tag"}],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 10},
        }
    )
    return ChangeFacts(
        id="C1",
        title="pay_compensation → book_repair",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3", "p4"],
        before_actions=[ActionFact("pay_compensation")],
        after_actions=[ActionFact("book_repair")],
        removed_promises=[Promise("term", "full compensation")],
        added_promises=[Promise("term", "free repair")],
        unchanged_promises=[Promise("money", "£150.00")],
        conditions=[condition],
        rules=rules,
        kept_action_topics=kept_action_words(["pay_compensation"], rules, sections),
        kept_action_said=kept_section_words(["pay_compensation"], rules, sections),
        excerpts=[
            Excerpt(
                probe_id="p1",
                old="We'll pay you full compensation for the coat.",
                new="I've booked a free repair with our tailor.",
            )
        ],
        others=10,
        prompt_sections=sections,
    )


def test_a_labelled_item_and_every_row_keyed_by_the_case_say_the_new_action() -> None:
    facts = _damage_facts()
    knowledge = KnowledgeBase(
        [
            KnowledgeItem("article", "3", "Our promise", PROMISE, "markdown", "kb", "a"),
            KnowledgeItem("macro", "2", "Lost::Sorry", LOST_MACRO, "text", "kb", "m"),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    assert "macro:2" not in impacts or not impacts["macro:2"].conflicts
    said = (
        "we book a free repair by our tailor first, and it's ready within 5 days; if the tailor "
        "can't repair it, we pay compensation for it in full"
    )
    assert TemplateDrafter().edit(facts, impacts["article:3"]).new_body == PROMISE.replace(
        "- Damaged in cleaning: we pay full compensation",
        f"- Damaged in cleaning: {said}",
    ).replace(
        "| Garment damaged in cleaning | Full compensation, paid to your card |",
        f"| Garment damaged in cleaning | {said[:1].upper()}{said[1:]} |",
    )


def test_a_row_saying_only_the_tools_object_or_another_case_in_the_window_is_not_swapped() -> None:
    """The old action is read by the tool's action word ("refund" of `refund_order`), never
    its object ("Order number needed"); a key naming another case before the shared window
    ("Change of mind") stays."""
    head = "A fault reported within 30 days of delivery"
    statement = "we send a replacement of the same model first"
    words = action_words("refund_order")
    assert words == ["refund"]
    assert action_words("send_replacement") == ["replacement"]
    assert action_words("pay_compensation") == ["pay", "compensation"]
    for row in (
        "| Reported within 30 days | Order number needed |",
        "| Change of mind, within 30 days of delivery | Full refund once it's back with us |",
        "| Within 30 days of delivery, unopened | Return for a refund of the order |",
    ):
        assert swapped_cell(row, head, statement, words, None) is None, row
    assert swapped_cell(
        "| Faulty, within 30 days of delivery | We'll refund you in full and collect it |",
        head,
        statement,
        words,
        None,
    ) == ("| Faulty, within 30 days of delivery | We send a replacement of the same model first |")
