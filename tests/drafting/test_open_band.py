"""A band whose open end the new prompt closes ("4 hours or more: £12" → "4 to 7 hours: £12",
a new rule above it): no value moved, yet a KB sentence giving the old open band with the old
rule's value states the old rule for everything past the new end (`openband`). Made-up domains:
a car park (a macro sentence with a placeholder), an airline's bag fees (a table row), a ferry's
delay refunds (a share said in words), and what none of them is: the band's other side, the
value on another topic, a band still open."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items, sentence_conflict
from behaviordiff.drafting.openband import OPEN_BAND_REASON, open_band_reason
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

_ATOMS: list[dict[str, object]] = [{"feature": "hours", "op": ">=", "value": 8.0}]


def _facts(old: str, new: str, added: str) -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", "Charges", old, new, "changed"),
        Rule("H2", "sentence_added", "Charges", None, added, "added"),
    ]
    facts = moved_facts(rules, _ATOMS, title="now calls charge_stay")
    facts.prompt_sections = {"Charges": [new, added]}
    return facts


PARKING = _facts(
    "Stays of 4 hours or more: £12.",
    "Stays of 4 to 7 hours: £12.",
    "Stays of 8 hours or more: £20.",
)


def test_a_macro_sentence_giving_the_old_open_band_is_found_and_flagged() -> None:
    said = "As you stayed 4 hours or more, the charge is £12 for ticket {{ticket.id}}."
    macro = f"Hi {{{{ticket.requester.first_name}}}},\n\n{said} Thanks for parking with us."
    knowledge = KnowledgeBase([kb_item("5", macro, "macro", title="Parking::Long stay")])
    [impact] = [i for i in rank_items(PARKING, knowledge) if i.conflicts]
    assert [c.sentence for c in impact.conflicts] == [said]
    assert impact.conflicts[0].reasons[0].startswith(OPEN_BAND_REASON)
    # no value moved for a rule writer to put in place: a writer restates it, nothing dropped
    edit = TemplateDrafter().edit(PARKING, impact)
    assert edit.new_body is None


def test_the_other_side_and_the_value_on_another_topic_are_not_the_old_band() -> None:
    assert open_band_reason(PARKING, "Stays under 4 hours: £6.") is None
    assert open_band_reason(PARKING, "Overnight parking is £12, whatever time you arrive.") is None
    assert open_band_reason(PARKING, "Blue badge holders park free for 4 hours or more.") is None


def test_a_table_row_of_the_old_open_band() -> None:
    facts = _facts(
        "Bags of 23 kg or over cost $50 each.",
        "Bags of 23 to 31 kg cost $50 each.",
        "Bags of 32 kg or over cost $120 each.",
    )
    assert open_band_reason(facts, "| 23 kg or over | $50 |") is not None
    assert open_band_reason(facts, "| Under 23 kg | Free |") is None
    assert open_band_reason(facts, "| 32 kg or over | $120 |") is None


def test_the_old_value_in_words() -> None:
    facts = _facts(
        "A delay of 2 hours or more: 50% of the ticket price back.",
        "A delay of 2 to 3 hours: 50% of the ticket price back.",
        "A delay of 4 hours or more: the whole ticket price back.",
    )
    sentence = "You get half of your ticket price back if you arrive 2 hours or more late."
    assert sentence_conflict(facts, sentence)[0].startswith(OPEN_BAND_REASON)


def test_a_band_left_open_is_none() -> None:
    facts = _facts(
        "Stays of 4 hours or more: £12.",
        "Stays of 4 hours or more: £15.",
        "Blue badge holders park free.",
    )
    assert open_band_reason(facts, "As you stayed 4 hours or more, the charge is £12.") is None


def test_the_open_band_in_other_words() -> None:
    # review fb5 #7: the band's lower end in words or another unit is the same open band
    facts = _facts(
        "A delay of 60 minutes or more: 50% of the ticket price back.",
        "A delay of 60 to 119 minutes: 50% of the ticket price back.",
        "A delay of 120 minutes or more: the whole ticket price back.",
    )
    for said in (
        "If your train was an hour or more late, we refund half of your ticket price.",
        "Sixty minutes or longer late? You get 50% of the ticket price back.",
    ):
        assert open_band_reason(facts, said) is not None, said
    # the band's number on its own, or a closed band, is no open band
    assert open_band_reason(facts, "Within an hour of arrival, claim 50% of the fare.") is None
    assert open_band_reason(facts, "An hour to two hours late: 50% of the ticket price.") is None
