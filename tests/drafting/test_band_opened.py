"""A band below a line given what only the far side had (`drafting.bandopened`): a sailing
club's table "| 10 to 17 | dinghies only |" is split, "| 16 and 17 | dinghies, or keelboats once
a parent or guardian signs the waiver at the clubhouse |" beside the kept "| 18 and over |
keelboats |". A KB sentence drawing the line at 18 for keelboats keeps it, loses what denies the
band ("with no exceptions, …", "and we can't make exceptions"), and says the band's option once.

A sentence naming the value the new version passes the same call ("You're booked on the
keelboat trip" when `boat` went dinghy → keelboat) describes the new call, not the old one.

Made-up agent: a sailing club (no scenario's text). Traps: the dinghy band's list item, another
use of the number ("18 miles"), a confirmation of the new call."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.bandopened import BAND_OPENED_REASON, BandOpened, _added, band_opened
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items, sentence_conflict
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = (
    "| Sailor's age | Boats | |---|---| | Under 10 | no sailing yet | "
    "| 10 to 17 | dinghies only (boat dinghy) | | 18 and over | keelboats (boat keelboat) |"
)
NEW = (
    "| Sailor's age | Boats | |---|---| | Under 10 | no sailing yet | "
    "| 10 to 15 | dinghies only (boat dinghy) | "
    "| 16 and 17 | dinghies, or keelboats once a parent or guardian signs the waiver at the "
    "clubhouse (boat keelboat, waiver true) | | 18 and over | keelboats (boat keelboat) |"
)
LINE = "Our keelboats are for sailors aged eighteen and over, and we can't make exceptions."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\n" + LINE + " I've put you on a dinghy trip instead."
    "\n\nFair winds,\nBay Sailing\n"
)
CLAIM = (
    "Keelboats are for sailors aged 18 and over, with no exceptions, even when a parent is on "
    "board."
)
ARTICLE = f"""# Who can sail what

- **Dinghies:** sailors aged 10 to 17.
- **Keelboats:** sailors aged 18 and over.

{CLAIM}

The autumn regatta is a race of 18 miles round the bay.
"""
BOOKED = (
    "Hi {{ticket.requester.first_name}},\n\nYou're booked on the keelboat trip on "
    "{{ticket.custom_field_trip_date}}.\n\nBay Sailing\n"
)
ADDED = (
    "Sailors aged 16 and 17 can also join keelboats once a parent or guardian signs the waiver "
    "at the clubhouse."
)


def _facts(*, rules: list[Rule] | None = None) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls book_trip",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("book_trip", (("boat", "dinghy"),))],
        after_actions=[ActionFact("book_trip", (("boat", "keelboat"), ("waiver", "true")))],
        conditions=[
            Condition.from_dict(
                {
                    "text": "15 < sailor_age < 18",
                    "atoms": [
                        {
                            "feature": "sailor_age",
                            "op": "between",
                            "low": 15,
                            "high": 18,
                            "low_inclusive": False,
                            "high_inclusive": False,
                        }
                    ],
                }
            )
        ],
        rules=rules
        if rules is not None
        else [Rule("H1", "sentence_changed", "Who can sail", OLD, NEW, "sentence changed")],
        prompt_sections={"Who can sail": [NEW]},
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            kb_item("line", MACRO, kind="macro"),
            kb_item("sail", ARTICLE),
            kb_item("booked", BOOKED, kind="macro"),
        ]
    )


def test_the_band_its_line_and_its_new_option_are_read_from_the_table() -> None:
    opened = band_opened(_facts())
    assert opened is not None
    assert (opened.line, opened.key) == (18, "16 and 17")
    assert opened.offer == ("keelboats once a parent or guardian signs the waiver at the clubhouse")
    # a split that gives the band nothing of the far side is another change
    plain = NEW.replace(
        "dinghies, or keelboats once a parent or guardian signs the waiver at the clubhouse "
        "(boat keelboat, waiver true)",
        "dinghies with an instructor (boat dinghy)",
    )
    assert band_opened(_facts(rules=[Rule("H1", "sentence_changed", "S", OLD, plain, "")])) is None


def test_the_sentences_drawing_the_line_are_found_and_the_traps_are_not() -> None:
    marked = {
        impact.item.key: [c.sentence for c in impact.conflicts]
        for impact in rank_items(_facts(), _kb())
        if impact.affected
    }
    assert marked == {
        "macro:line": [LINE],
        "article:sail": ["- Keelboats: sailors aged 18 and over.", CLAIM],
    }
    reasons = {r for i in rank_items(_facts(), _kb()) for c in i.conflicts for r in c.reasons}
    assert all(r.startswith(BAND_OPENED_REASON) for r in reasons)


def test_the_line_stays_the_denial_goes_and_the_option_is_said_once() -> None:
    edits = {
        impact.item.key: TemplateDrafter().edit(_facts(), impact)
        for impact in rank_items(_facts(), _kb())
        if impact.affected
    }
    assert edits["macro:line"].new_body == MACRO.replace(
        LINE, "Our keelboats are for sailors aged eighteen and over. " + ADDED
    )
    assert edits["article:sail"].new_body == ARTICLE.replace(
        CLAIM, "Keelboats are for sailors aged 18 and over. " + ADDED
    )


def test_a_sentence_naming_the_new_calls_value_describes_no_old_call() -> None:
    facts = _facts(rules=[])
    old_call = "I've booked you on a dinghy trip instead."
    assert any(r.startswith("describes `book_trip`") for r in sentence_conflict(facts, old_call))
    new_call = "You're booked on the keelboat trip on {{ticket.custom_field_trip_date}}."
    assert not any(r.startswith("describes") for r in sentence_conflict(facts, new_call))


def test_a_verb_before_the_line_is_no_one_and_the_option_says_those_aged() -> None:
    opened = BandOpened(18.0, "16 and 17", "night dives", frozenset({"night"}), "|")
    assert _added(opened, "Night dives are 18 and over.") == (
        "Those aged 16 and 17 can also join night dives."
    )
