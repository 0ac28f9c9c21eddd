"""A line moved with another action for the band it leaves, said in an added sentence that no
change was attributed (made-up domains: a gym whose cooling-off refund window shrinks from
14 to 7 days, the days between now frozen, not refunded; a bike shop whose free-service
window shrinks): the added sentence is read with the change's rules, the KB sentences that
name the kept line with no side ("our 14-day cooling-off period") stay, and a table row of
another subject that states the same number is no conflict."""

from __future__ import annotations

from behaviordiff.drafting.bands import line_kept
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.lineband import line_rules, names_line_only
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts

GYM_MOVED = Rule(
    "H1",
    "sentence_changed",
    "Cancelling a membership",
    "Within 14 days of joining (day 14 included): cancel with `refund_membership` and tell the "
    "member they'll get every penny back within 3 working days.",
    "Within 7 days of joining (day 7 included): cancel with `refund_membership` and tell the "
    "member they'll get every penny back within 3 working days.",
    "sentence changed",
)
GYM_BAND = Rule(
    "H2",
    "sentence_added",
    "Cancelling a membership",
    None,
    "From 8 to 14 days after joining (day 14 included): we no longer refund these.",
    "sentence added",
)
GYM_FREEZE = Rule(
    "H3",
    "sentence_added",
    "Cancelling a membership",
    None,
    "Freeze the membership with `freeze_membership` and tell the member their fee is held as "
    "credit for 6 months.",
    "sentence added",
)

HUNKS = {
    "H1": {
        "kind": "sentence_changed",
        "file": "system.md",
        "section": "Cancelling a membership",
        "old": GYM_MOVED.old,
        "new": GYM_MOVED.new,
    },
    "H2": {
        "kind": "sentence_added",
        "file": "system.md",
        "section": "Cancelling a membership",
        "new": GYM_BAND.new,
    },
    "H3": {
        "kind": "sentence_added",
        "file": "system.md",
        "section": "Cancelling a membership",
        "new": GYM_FREEZE.new,
    },
    "H4": {
        "kind": "sentence_added",
        "file": "system.md",
        "section": "Classes",
        "new": "Classes can be booked up to 14 days ahead.",
    },
}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _facts(rules: list[Rule]) -> ChangeFacts:
    return moved_facts(rules, [band_atom("days_since_joining", 8, 15)])


def test_the_added_sentence_that_draws_the_old_line_again_is_read_with_the_change() -> None:
    found = line_rules([GYM_MOVED, GYM_FREEZE], HUNKS, {"H1", "H3"}, _text, Rule)
    assert [(rule.hunk_id, rule.kind, rule.new) for rule in found] == [
        ("H2", "sentence_added", GYM_BAND.new)
    ]
    # attributed to a change already, or not right after the moved sentence: not taken
    assert not line_rules([GYM_MOVED], HUNKS, {"H1", "H2"}, _text, Rule)
    other = {key: HUNKS[key] for key in ("H1", "H4")}
    assert not line_rules([GYM_MOVED], other, {"H1"}, _text, Rule)
    # a new sentence that states the new value is no band of the old line
    moved_only = {**HUNKS, "H2": {**HUNKS["H2"], "new": "Within 7 days: be kind."}}
    assert not line_rules([GYM_MOVED], moved_only, {"H1"}, _text, Rule)
    facts = _facts([GYM_MOVED, GYM_FREEZE, *found])
    assert all(line_kept(facts.rules, move) is not None for move in facts.moves)


def test_a_sentence_naming_the_kept_line_with_no_side_is_no_conflict() -> None:
    facts = _facts([GYM_MOVED, GYM_FREEZE, GYM_BAND])
    move = next(move for move in facts.moves if move.old == "14 days")
    named = (
        "It doesn't matter whether you're still inside our 14-day cooling-off window after "
        "joining or not: an injured member can always pause their membership."
    )
    assert names_line_only(move, move.old_sentence, named)
    # a side of the line, or the old action's words: the rule itself
    assert not names_line_only(move, move.old_sentence, "Cancel within 14 days of joining.")
    assert not names_line_only(
        move, move.old_sentence, "Your 14-day cooling-off period means a full refund."
    )
    # the value as one end of a span, with no side word: no length of a span
    assert not names_line_only(move, move.old_sentence, "Members who joined 14 days ago are fine.")
    knowledge = KnowledgeBase(
        [
            kb_item("injuries", f"# Injuries\n\n{named}\n"),
            kb_item(
                "cancel",
                "# Cancelling\n\nYou can cancel within 14 days of joining for a full refund.\n",
            ),
        ]
    )
    affected = [impact.item.key for impact in rank_items(facts, knowledge) if impact.affected]
    assert affected == ["article:cancel"]
    # with no rule of the new prompt drawing the old line, the line moved whole
    whole = _facts([GYM_MOVED, GYM_FREEZE])
    assert any(
        impact.item.key == "article:injuries" and impact.affected
        for impact in rank_items(whole, knowledge)
    )


SHOP_MOVED = Rule(
    "H1",
    "sentence_changed",
    "Free servicing",
    "Within 90 days of purchase (day 90 included): book the bike in for a free service "
    "with `book_free_service`.",
    "Within 45 days of purchase (day 45 included): book the bike in for a free service "
    "with `book_free_service`.",
    "sentence changed",
)
SHOP_BAND = Rule(
    "H2",
    "sentence_added",
    "Free servicing",
    None,
    "From 46 to 90 days after purchase: book a discounted service with `book_paid_service`.",
    "sentence added",
)
SHOP_ARTICLE = """# Servicing and storage

## Servicing

| Days since purchase | Servicing |
| --- | --- |
| Up to 90 days | A free service |

## Winter storage

| Item | From | Book ahead |
| --- | --- | --- |
| Child seats | £10 a day | Up to 90 days |
| Trailers | £12 a day | Up to 90 days |
"""


def test_a_table_row_of_another_subject_under_a_header_off_the_topic_is_no_conflict() -> None:
    facts = moved_facts([SHOP_MOVED, SHOP_BAND], [band_atom("days_since_purchase", 46, 91)])
    knowledge = KnowledgeBase([kb_item("servicing", SHOP_ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    assert [conflict.sentence for conflict in impact.conflicts] == [
        "| Up to 90 days | A free service |"
    ]
