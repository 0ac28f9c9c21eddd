"""A time promise dropped for everyone on one topic, where the new prompt keeps the old sentence
and says something else where the time was ("… ready within 3 working days, whatever the
fault." → "Don't give a repair date. … ready as soon as the part arrives, whatever the fault,
and that we'll email them …"): each KB sentence stating the time for that topic, in figures,
in words glossed by figures, with a bound after it or in a table cell, says the new words in
its place and what customers are told besides; the same time said of another topic (data
recovery, a trade-in quote) and the fee in the same sentences stay. A made-up laptop repair
shop; a made-up florist for the table row alone."""

from __future__ import annotations

import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items, sentence_conflict
from behaviordiff.drafting.text import verb_terms
from behaviordiff.drafting.timedrop import (
    still_timed,
    time_instead,
    time_pattern,
    time_substitute,
    without_time,
)
from behaviordiff.drafting.topicsaid import said_of_topic
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD_TOLD = "Tell the customer their laptop will be ready within 3 working days, whatever the fault."
NEW_NO_TIME = "Don't give a repair date."
NEW_TOLD = (
    "Tell the customer their laptop will be ready as soon as the part arrives, whatever the "
    "fault, and that we'll email them when it's ready to collect."
)

BOOKED = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for dropping your laptop in for repair. It "
    "will be ready within three working days (3 working days), whatever the fault.\n\nThe £40 "
    "diagnosis fee comes off the repair bill.\n\nCheers,\n{{current_user.first_name}}"
)
FAQ = """# Laptop repairs

## How long does a repair take?

Once you drop it off, your laptop repair is done in three working days or less, whatever the
fault. You'll get a ticket number straight away.

## Data recovery

Recovered files are copied to a drive within 3 working days of drop-off.
"""
PRICES = """# Prices

| Service | How long | Price |
| --- | --- | --- |
| Laptop repair | Within 3 working days | £40 diagnosis, then parts |
| Data recovery | Within 3 working days of drop-off | £60 |

Trade-in quotes are emailed within 3 working days.
"""


def _rules() -> list[Rule]:
    return [
        Rule("R1", "sentence_changed", "Repairs", OLD_TOLD, NEW_NO_TIME, "changed"),
        Rule("R2", "sentence_added", "Repairs", None, NEW_TOLD, "added"),
    ]


def _facts() -> ChangeFacts:
    condition = '{"atoms": [{"feature": "tag:repair", "op": "tag"}]}'
    return ChangeFacts(
        id="C1",
        title="3 business days -> email",
        kind="promises",
        facets=["promises", "meaning"],
        probe_ids=["fix-1", "fix-2"],
        removed_promises=[Promise("duration", "3 business days")],
        conditions=[Condition.from_dict(json.loads(condition))],
        rules=_rules(),
        excerpts=[
            Excerpt(
                probe_id="fix-1",
                old="Your laptop will be ready within 3 working days, whatever the fault.",
                new="It'll be ready as soon as the part arrives; we'll email you.",
            ),
            Excerpt(
                probe_id="fix-2",
                old="Expect it back within 3 working days.",
                new="We'll email you when it's ready.",
            ),
        ],
        others=5,
    )


def test_a_withholding_sentence_naming_what_the_time_is_of_withholds_it() -> None:
    assert time_instead(_rules()) == "we'll email you when it's ready to collect"
    for said in ("Never quote a delivery date.", "Do not promise an exact arrival time."):
        told = Rule("R2", "sentence_added", "S", None, "Tell them we'll text them.", "added")
        assert time_instead([Rule("R1", "sentence_added", "S", None, said, "a"), told])
    # a time of day or an offer at any time is no time withheld
    at_any = Rule("R1", "sentence_added", "S", None, "Never give a discount at any time.", "a")
    assert time_instead([at_any]) == ""


def test_the_time_is_found_glossed_in_figures_with_a_bound_or_in_a_cell() -> None:
    shape = time_pattern("3 business days")
    assert shape is not None
    for said in (
        "It will be ready within three working days (3 working days), whatever the fault.",
        "Your repair is done in three working days or less.",
        "It is back in under 3 working days.",
        "| Laptop repair | Within 3 working days | £40 |",
    ):
        assert len(shape.findall(said)) == 1, said
    assert shape.search("Your repair is done in a 3-hour slot.") is None


def test_what_the_new_prompt_says_where_the_time_was_is_read_from_the_same_words() -> None:
    assert time_substitute(_rules(), "3 business days") == "as soon as the part arrives"
    # a new sentence in other words around it says nothing in the time's place
    other = Rule("R2", "sentence_added", "Repairs", None, "We'll email them when it's ready.", "")
    assert time_substitute([_rules()[0], other], "3 business days") == ""
    # nor does one in another section, or one stating another time there
    moved = Rule("R2", "sentence_added", "Returns", None, NEW_TOLD, "added")
    assert time_substitute([_rules()[0], moved], "3 business days") == ""
    timed = NEW_TOLD.replace("as soon as the part arrives", "within 5 working days")
    later = Rule("R2", "sentence_added", "Repairs", None, timed, "added")
    assert time_substitute([_rules()[0], later], "3 business days") == ""


def test_the_new_words_stand_where_the_time_was_and_a_cell_takes_them_alone() -> None:
    shape = time_pattern("3 business days")
    assert shape is not None
    instead = "we'll email you when it's ready to collect"
    put = "as soon as the part arrives"
    assert (
        without_time(
            "It will be ready within three working days, whatever the fault.", shape, instead, put
        )
        == "It will be ready as soon as the part arrives, whatever the fault; we'll email you "
        "when it's ready to collect."
    )
    row = "| Laptop repair | Within 3 working days | £40 |"
    assert without_time(row, shape, instead, put) == (
        "| Laptop repair | As soon as the part arrives | £40 |"
    )
    # a cell with nothing to say in the time's place is left to a writer
    assert without_time(row, shape, instead) is None


def test_a_sentence_naming_the_topic_states_its_time_and_another_topics_does_not() -> None:
    olds = [verb_terms("Your laptop will be ready within 3 working days, whatever the fault.")]
    topic = {"repair"}
    said = "Once you drop it off, your laptop repair is done in three working days or less."
    assert said_of_topic("3 business days", said, topic, olds)
    assert not said_of_topic(
        "3 business days",
        "Recovered files are copied to a drive within 3 working days.",
        topic,
        olds,
    )
    assert said_of_topic(
        "3 business days", "| Laptop repair | Within 3 working days | £40 |", topic, olds
    )
    assert not said_of_topic(
        "3 business days",
        "| Data recovery | Within 3 working days of drop-off | £60 |",
        topic,
        olds,
    )
    # a cell saying more than the time is about something else ("a 3-day slot you choose")
    assert not said_of_topic(
        "3 business days",
        "| Laptop repair | In a 3 working days slot you choose | £40 |",
        topic,
        olds,
    )
    # a change with no topic tag has no topic to name
    assert not said_of_topic("3 business days", said, set(), olds)
    assert sentence_conflict(_facts(), said)


def test_each_sentence_stating_the_time_for_the_topic_says_the_new_words() -> None:
    facts = _facts()
    items = [
        kb_item("booked", BOOKED, kind="macro"),
        kb_item("repairs", FAQ),
        kb_item("prices", PRICES),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:booked", "article:repairs", "article:prices"}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:booked"]).new_body or ""
    assert (
        "It will be ready as soon as the part arrives, whatever the fault; we'll email you when "
        "it's ready to collect." in macro
    )
    assert "The £40 diagnosis fee comes off the repair bill." in macro
    assert "{{ticket.requester.first_name}}" in macro and "three" not in macro
    faq = drafter.edit(facts, impacts["article:repairs"]).new_body or ""
    assert "your laptop repair is done as soon as the part arrives, whatever the\nfault" in faq
    assert "Recovered files are copied to a drive within 3 working days of drop-off." in faq
    assert "or less" not in faq
    prices = drafter.edit(facts, impacts["article:prices"]).new_body or ""
    assert "| Laptop repair | As soon as the part arrives | £40 diagnosis, then parts |" in prices
    assert "| Data recovery | Within 3 working days of drop-off | £60 |" in prices
    assert "Trade-in quotes are emailed within 3 working days." in prices


def test_a_drafting_model_is_told_the_new_words_and_a_kept_bound_is_refused() -> None:
    facts = _facts()
    assert any(
        "where the time was, the new prompt says “as soon as the part arrives”" in said
        for said in draft_facts(facts)
    )
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("repairs", FAQ)])) if i.affected
    ]
    conflicts = {c.sentence for c in impact.conflicts}
    assert still_timed(facts, conflicts, FAQ, FAQ, "markdown")
    fixed = TemplateDrafter().edit(facts, impact).new_body or ""
    assert still_timed(facts, conflicts, FAQ, fixed, "markdown") == []


FLORIST_ROWS = """| Order | Delivered |
| --- | --- |
| Same-day bouquet | Within 4 hours |
| Wedding flowers | Within 4 hours of the ceremony start, set up on site |
"""


def test_a_florist_table_row_of_the_topic_gets_the_new_words_in_its_cell() -> None:
    old = "Tell the customer their bouquet will arrive within 4 hours, anywhere in town."
    new = (
        "Tell the customer their bouquet will arrive once a driver is back, anywhere in town, "
        "and that we'll text them a photo when it's delivered."
    )
    rules = [
        Rule("R1", "sentence_changed", "Same-day", old, "Never promise a delivery time.", "c"),
        Rule("R2", "sentence_added", "Same-day", None, new, "added"),
    ]
    facts = ChangeFacts(
        id="C1",
        title="4 hours -> text",
        kind="promises",
        facets=["promises"],
        probe_ids=["b-1", "b-2"],
        removed_promises=[Promise("duration", "4 hours")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:bouquet", "op": "tag"}]})],
        rules=rules,
        excerpts=[Excerpt("b-1", "Your bouquet will arrive within 4 hours.", "Once a driver…")],
        others=3,
    )
    assert time_substitute(rules, "4 hours") == "once a driver is back"
    item = kb_item("delivery", FLORIST_ROWS)
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    body = TemplateDrafter().edit(facts, impact).new_body or ""
    assert "| Same-day bouquet | Once a driver is back |" in body
    assert "| Wedding flowers | Within 4 hours of the ceremony start, set up on site |" in body


def test_only_a_count_of_a_unit_is_read_by_the_topic_named() -> None:
    olds = [verb_terms("Every one you choose is wrapped free of charge.")]
    said = "We wrap each gift free of charge, however many you choose."
    # "free of charge" or a price is said of many things on one topic: the replies decide
    assert not said_of_topic("free of charge", said, {"gift", "wrap"}, olds)
    assert not said_of_topic(
        "£3.00", "Gift wrap is £3.00, however many you choose.", {"gift", "wrap"}, olds
    )
