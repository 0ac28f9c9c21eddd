"""A window whose length stays the same but is now counted from another event: a laptop repair
shop's Repair Guarantee lasted 90 days counted from the day the repair was booked, and now 90
days from the day the laptop was collected (not the bundled example's domain). The KB
sentences and rows counting the 90 days from booking for the guarantee conflict, in words or
figures; accessories returned "within 90 days of booking" (the same length from the old event,
another topic), diagnostics "within 5 working days of booking" (another length) and screens
covered "2 years from collection" (the new event, another topic) stay. The edit moves the
anchor and keeps the length and every other word; a contrast swaps its sides; a drafting model
gets the same fact and check."""

from __future__ import annotations

from behaviordiff.detect.model import Atom, Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.reanchored import (
    REANCHORED_REASON,
    reanchor_sentence,
    reanchored,
    still_old_anchor,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from tests.drafting.kit import model_edit

from .kit import kb_item

SECTION = "Repair Guarantee (free re-fixes)"
LASTS_OLD = "The Repair Guarantee lasts 90 days, counted from the day the repair was booked."
LASTS_NEW = "The Repair Guarantee lasts 90 days, counted from the day the laptop was collected."
CHECK_OLD = (
    "If days_since_booking is 90 or less, book the re-fix with `book_refix` and tell the "
    "customer it will be ready within 5 working days."
)
CHECK_NEW = CHECK_OLD.replace("days_since_booking", "days_since_collection")
ENDED_OLD = (
    "If more than 90 days have passed since the repair was booked, don't book a re-fix: "
    "offer 20% off a new repair."
)
ENDED_NEW = ENDED_OLD.replace("since the repair was booked", "since collection")


def _facts(lasts_new: str = LASTS_NEW, ended_new: str = ENDED_NEW) -> ChangeFacts:
    tag = Atom("tag:refix", "tag")
    return ChangeFacts(
        id="C1",
        title="now calls book_refix",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        conditions=[Condition("tag refix and ...", (tag,), 3, 3, 0, 9)],
        rules=[
            Rule("H1", "sentence_changed", SECTION, LASTS_OLD, lasts_new, "sentence changed"),
            Rule("H2", "sentence_changed", SECTION, CHECK_OLD, CHECK_NEW, "sentence changed"),
            Rule("H3", "sentence_changed", SECTION, ENDED_OLD, ended_new, "sentence changed"),
        ],
    )


BOOKED = (
    "Hi {{ticket.requester.first_name}},\n\nSorry the fault is back. Our Repair Guarantee "
    "covers you for ninety days (90) from the day you booked the repair, so this re-fix is on "
    "us.\n\nIt will be ready within 5 working days.\n\nCheers,\nByteFix"
)
ENDED = (
    "Hi {{ticket.requester.first_name}},\n\nOur Repair Guarantee runs for 90 days from the "
    "date your repair was booked, and your repair is older than that, so we can't re-fix it "
    "free of charge.\n\nWe can take 20% off a new repair instead.\n\nCheers,\nByteFix"
)
ACCESSORIES = (
    "Hi {{ticket.requester.first_name}},\n\nAccessories can be returned unused within 90 days "
    "of booking, and a courier is on the way.\n\nCheers,\nByteFix"
)
GUIDE = (
    "# Our Repair Guarantee\n\n"
    "If the same fault comes back, we fix it again for free.\n\n"
    "## How long do I have?\n\n"
    "You have ninety days from the date you booked the repair. The 90 days are counted from "
    "your booking date, not from when you collect your laptop, so test it as soon as you can."
    "\n\n## Screens\n\nScreens are covered for 2 years from collection.\n"
)
TABLE = (
    "# At a glance\n\n"
    "| What | When |\n|---|---|\n"
    "| Diagnostics | Within 5 working days of booking |\n"
    "| Free re-fix under the Repair Guarantee | Within 90 days of booking |\n"
    "| Accessory returns | Within 90 days of booking |\n"
)


def _impacts(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, Impact]:
    return {impact.item.key: impact for impact in rank_items(facts, KnowledgeBase(list(items)))}


def _all(facts: ChangeFacts) -> dict[str, Impact]:
    return _impacts(
        facts,
        kb_item("booked", BOOKED, kind="macro", title="Guarantee::Re-fix booked"),
        kb_item("ended", ENDED, kind="macro", title="Guarantee::Ended"),
        kb_item("accessories", ACCESSORIES, kind="macro", title="Returns::Accessories"),
        kb_item("guide", GUIDE),
        kb_item("table", TABLE),
    )


def test_the_moved_anchor_is_read_from_the_changed_sentences() -> None:
    change = reanchored(_facts())
    assert change is not None
    assert (change.amount, change.unit) == (90, "day")
    assert change.new_anchor == "collection"
    assert {"book"} <= change.old_words
    assert "guarantee" in change.topic


def test_no_moved_anchor_when_the_length_moves_or_the_event_stays() -> None:
    shorter = LASTS_NEW.replace("90 days", "30 days")
    assert reanchored(_facts(lasts_new=shorter, ended_new=ENDED_OLD.replace("90", "30"))) is None
    reworded = "The Repair Guarantee runs for 90 days, counted from the day the repair was booked."
    ended = ENDED_OLD.replace("don't book", "do not book")
    assert reanchored(_facts(lasts_new=reworded, ended_new=ended)) is None


def test_sentences_counting_the_window_from_the_old_event_on_its_topic_conflict() -> None:
    impacts = _all(_facts())
    marked = {
        key: [c.sentence for c in impact.conflicts if REANCHORED_REASON in c.reasons]
        for key, impact in impacts.items()
    }
    assert len(marked["macro:booked"]) == 1 and "ninety days (90)" in marked["macro:booked"][0]
    assert len(marked["macro:ended"]) == 1
    assert len(marked["article:guide"]) == 2
    assert marked["article:table"] == [
        "| Free re-fix under the Repair Guarantee | Within 90 days of booking |"
    ]
    assert not marked.get("macro:accessories")


def test_the_edit_moves_the_anchor_and_keeps_the_length_and_the_rest() -> None:
    facts = _facts()
    impacts = _all(facts)
    drafter = TemplateDrafter()
    booked = drafter.edit(facts, impacts["macro:booked"]).new_body
    assert booked == BOOKED.replace("from the day you booked the repair", "from collection")
    ended = drafter.edit(facts, impacts["macro:ended"]).new_body
    assert ended is not None
    assert "runs for 90 days from collection, and it's been longer than that, so" in ended
    assert "booked" not in ended and "older" not in ended
    guide = drafter.edit(facts, impacts["article:guide"]).new_body
    assert guide is not None
    assert "You have ninety days from collection." in guide
    assert (
        "counted from when you collect your laptop, not from your booking date, so test it" in guide
    )
    assert "Screens are covered for 2 years from collection." in guide
    table = drafter.edit(facts, impacts["article:table"]).new_body
    assert table is not None
    assert "| Free re-fix under the Repair Guarantee | Within 90 days of collection |" in table
    assert "| Accessory returns | Within 90 days of booking |" in table
    assert "| Diagnostics | Within 5 working days of booking |" in table


def test_a_contrast_already_naming_the_old_side_is_no_old_anchor_left() -> None:
    change = reanchored(_facts())
    assert change is not None
    said = reanchor_sentence(change, "The 90 days run from your booking date, not from pick-up.")
    assert said == "The 90 days run from pick-up, not from your booking date."


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "now counted from collection" in f]
    assert "90 days" in fact
    impact = _all(facts)["macro:booked"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_old_anchor(facts, conflicts, BOOKED, template_edit.new_body, "text") == []
    # a model's edit that keeps the old anchor and only adds a word
    kept = BOOKED.replace("so this re-fix", "so this free re-fix")
    assert still_old_anchor(facts, conflicts, BOOKED, kept, "text") != []
    edit, failure = model_edit(facts, impact, template_edit, kept)
    assert edit is None
    assert "still counts the window from the old event" in failure


MIXED = (
    "# Repair Guarantee and returns\n\n"
    "## How long do I have?\n\n"
    "You have 90 days from the day you booked the repair.\n\n"
    "## What about accessories?\n\n"
    "Accessories can be returned within 90 days of booking.\n"
)


def test_a_section_on_another_subject_under_the_windows_title_stays() -> None:
    facts = _facts()
    impact = _impacts(facts, kb_item("mixed", MIXED))["article:mixed"]
    assert [c.sentence for c in impact.conflicts] == [
        "You have 90 days from the day you booked the repair."
    ]
    new_body = TemplateDrafter().edit(facts, impact).new_body
    assert new_body == MIXED.replace("from the day you booked the repair", "from collection")


def test_a_sentence_the_edit_cannot_restate_is_flagged_with_the_reason() -> None:
    facts = _facts()
    aged = ENDED.replace("your repair is older than that", "the booking date is older than that")
    impact = _impacts(facts, kb_item("aged", aged, kind="macro"))["macro:aged"]
    assert [c.reasons for c in impact.conflicts] == [(REANCHORED_REASON,)]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert edit.rationale.startswith("No safe rewrite: The new prompt counts the 90 days from")
    assert "the booking date is older than that" in edit.rationale
