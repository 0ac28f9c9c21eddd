"""A time-of-day cut-off moved for a band of another number (a furniture shop's next-day
delivery: orders placed before 3pm arrive tomorrow, but items over 30 kg now only when ordered
before 11am; `item_kg > 30` and `11 <= order_hour < 15`): KB text saying the old cut-off holds
whatever the weight ("however heavy it is", "Weight makes no difference", "Whatever its size,
…"), or giving it in the band's table row, says the band's own cut-off in the KB's words; the
other band's row, the old time said of other subjects, the new time said of something else, and
what the old action promised stay. A drafting model is told the same and held to it."""

from __future__ import annotations

import pytest

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.bandcutoff import band_cutoff, still_old_cutoff
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

KEPT = "Next-day delivery (`speed: next_day`) is for orders placed before 3pm."
BAND = "Items over 30 kg need a two-person crew, booked earlier: for them, next-day delivery "
BAND += "is only for orders placed before 11am."
LATER = "Orders placed after the cut-off go out with standard delivery (`speed: standard`)."
OLD_LATER = "Orders placed at 3pm or later go out with standard delivery (`speed: standard`)."
SHOWROOM = "The showroom is open 9am to 5pm, and until 11am on Sundays."


def _facts(band: str = BAND, feature: str = "item_kg", value: float = 30) -> ChangeFacts:
    atoms: list[dict[str, object]] = [
        {"feature": feature, "op": ">", "value": value},
        {
            "feature": "order_hour",
            "op": "between",
            "low": 11,
            "high": 15,
            "low_inclusive": True,
            "high_inclusive": False,
        },
        {"feature": "tag:delivery", "op": "tag"},
    ]
    return ChangeFacts(
        id="C1",
        title="deliver_order(speed=next_day) → deliver_order(speed=standard)",
        kind="actions",
        facets=["actions"],
        probe_ids=["sofa-40kg-1200", "wardrobe-60kg-1400"],
        before_actions=[ActionFact("deliver_order", (("speed", "next_day"),))],
        after_actions=[ActionFact("deliver_order", (("speed", "standard"),))],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=[
            Rule("H1", "sentence_changed", "Delivery", OLD_LATER, band, f"{OLD_LATER} → {band}"),
            Rule("H2", "sentence_added", "Delivery", None, LATER, LATER),
        ],
        others=10,
        prompt_sections={"Delivery": [KEPT, band, LATER], "Showroom": [SHOWROOM]},
    )


LATE = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your order. Order by 3pm and it arrives "
    "tomorrow, however heavy it is. Yours came in later, so it goes with standard delivery.\n\n"
    "Best,\n{{current_user.first_name}}"
)
FAQ = (
    "# Delivery times\n\n## When do I need to order for next-day delivery?\n\nNext-day delivery "
    "closes at 3pm. Weight makes no difference, so even a wardrobe can come tomorrow.\n\n"
    "## What if I order later?\n\nIt goes with standard delivery and arrives by 11am within "
    "three days.\n"
)
TABLE = (
    "# Delivery prices\n\n| Item weight | Next day | Order next-day by |\n| --- | --- | --- |\n"
    "| Up to 30 kg | £10 | 3pm |\n| Over 30 kg | £25 | 3pm |\n\nPrices include VAT.\n"
)
CONFIRMED = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: your order arrives tomorrow by 6pm.\n\n"
    "Best,\n{{current_user.first_name}}"
)
SHOWROOM_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nOur showroom is open until 11am on Sundays, and "
    "returns can be dropped off from 3pm, whatever their size.\n\nBest,\n"
    "{{current_user.first_name}}"
)


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Delivery::Too late for next day", LATE, "text", "kb", "a"),
            KnowledgeItem("article", "2", "Delivery times", FAQ, "markdown", "kb", "b"),
            KnowledgeItem("article", "3", "Delivery prices", TABLE, "markdown", "kb", "c"),
            KnowledgeItem("macro", "4", "Delivery::Next day", CONFIRMED, "text", "kb", "d"),
            KnowledgeItem("macro", "5", "Showroom::Hours", SHOWROOM_MACRO, "text", "kb", "e"),
        ]
    )
    return {impact.item.key: impact for impact in rank_items(facts, kb)}


def test_the_band_and_both_cutoffs_are_read_from_the_prompt() -> None:
    cutoff = band_cutoff(_facts())
    assert cutoff is not None
    assert (cutoff.old_hour, cutoff.new_hour, cutoff.new_words) == (15, 11, "11am")
    assert cutoff.band == "items over 30 kg"


def test_no_band_cutoff_without_a_measure_or_the_band_in_the_prompt() -> None:
    assert band_cutoff(_facts(band=BAND.replace("over 30 kg", "of any kind"))) is None
    assert band_cutoff(_facts(band=BAND.replace("30 kg", "30 items"))) is None


def test_a_trailing_claim_gives_way_to_the_bands_cutoff() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["macro:1"])
    assert edit.new_body == LATE.replace(
        "tomorrow, however heavy it is.", "tomorrow, or by 11am for items over 30 kg."
    )


def test_a_bare_claim_after_the_cutoff_gives_way_to_the_bands_cutoff() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["article:2"])
    assert edit.new_body == FAQ.replace(
        "Weight makes no difference, so even a wardrobe can come tomorrow.",
        "For items over 30 kg, the cut-off is 11am.",
    )
    assert "a writer should check" in edit.rationale


def test_the_bands_row_takes_the_new_time_and_the_other_row_stays() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["article:3"])
    assert edit.new_body == TABLE.replace(
        "| Over 30 kg | £25 | 3pm |", "| Over 30 kg | £25 | 11am |"
    )


def test_the_old_actions_promise_and_other_subjects_stay() -> None:
    impacts = _impacts(_facts())
    for key in ("macro:4", "macro:5"):
        assert key not in impacts or not impacts[key].affected


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "Whatever its size, we deliver orders placed before 3pm the next day.",
            "We deliver orders placed before 3pm (before 11am for items over 30 kg) the next day.",
        ),
        (
            "Next-day delivery is for orders placed by 3pm, regardless of weight.",
            "Next-day delivery is for orders placed by 3pm, or by 11am for items over 30 kg.",
        ),
        (
            "Order before 3 p.m. for next-day delivery, no matter how big the item is.",
            "Order before 3 p.m. for next-day delivery, or before 11am for items over 30 kg.",
        ),
    ],
)
def test_other_ways_a_kb_claims_the_old_cutoff_for_every_weight(sentence: str, said: str) -> None:
    facts = _facts()
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{sentence}\n\nBest,\nSam"
    kb = KnowledgeBase([KnowledgeItem("macro", "9", "Delivery::Cut-off", body, "text", "kb", "z")])
    [impact] = [i for i in rank_items(facts, kb) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace(sentence, said)


def test_the_drafting_model_is_told_the_cutoff_and_held_to_it() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "a cut-off of their own" in f]
    assert "11am for items over 30 kg" in fact
    template = TemplateDrafter().edit(facts, _impacts(facts)["macro:1"]).new_body
    assert template is not None
    assert still_old_cutoff(facts, template, "text") == []
    assert still_old_cutoff(facts, LATE, "text") == [
        "Order by 3pm and it arrives tomorrow, however heavy it is."
    ]
    assert still_old_cutoff(facts, TABLE, "markdown") == ["| Over 30 kg | £25 | 3pm |"]
