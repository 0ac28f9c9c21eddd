"""A line moved with another action for the band it leaves, said in an added sentence that no
change was attributed (made-up domains: a gym whose cooling-off refund window shrinks from
14 to 7 days, the days between now frozen, not refunded; a bike shop whose free-service
window shrinks): the added sentence is read with the change's rules, the KB sentences that
name the kept line with no side ("our 14-day cooling-off period") stay, and a table row of
another subject that states the same number is no conflict."""

from __future__ import annotations

from behaviordiff.drafting.bands import band_rule, line_kept, missing_band_rule
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.lineband import (
    band_span,
    line_rules,
    names_line_only,
    with_band_clause,
)
from behaviordiff.drafting.template import TemplateDrafter
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
    # the old value said of another subject, no band ending at it: not taken
    others = {**HUNKS, "H2": {**HUNKS["H2"], "new": "Staff members keep 14 days to cancel."}}
    assert not line_rules([GYM_MOVED], others, {"H1"}, _text, Rule)
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


GYM_CREDIT = Rule(
    "H3",
    "sentence_added",
    "Cancelling a membership",
    None,
    "Cancel with `apply_account_credit` and tell the member their fees become account credit "
    "for 6 months.",
    "sentence added",
)
GYM_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYou can cancel within 14 days of joining for a "
    "full refund, so nothing is lost.\n\nSee you soon,\nThe gym team\n"
)
GYM_ARTICLE = """# Cancelling

| Days since joining | What you get |
| --- | --- |
| Up to 14 days | A full refund |
| More than 14 days | No refund |
"""


def _gym() -> ChangeFacts:
    return _facts([GYM_MOVED, GYM_BAND, GYM_CREDIT])


def test_a_band_given_another_action_is_said_beside_the_moved_line_in_prose_and_rows() -> None:
    facts = _gym()
    move = next(move for move in facts.moves if move.old == "14 days")
    rule = band_rule(facts.rules, move)
    assert rule is not None and rule.action and rule.amount == "account credit"
    assert band_span(rule.sentence, move) == "from 8 to 14 days after joining"
    knowledge = KnowledgeBase(
        [kb_item("cancel", GYM_MACRO, "macro"), kb_item("table", GYM_ARTICLE)]
    )
    edits = {
        impact.item.key: TemplateDrafter().edit(facts, impact)
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }
    assert edits["macro:cancel"].new_body == GYM_MACRO.replace(
        "within 14 days of joining for a full refund,",
        "within 7 days of joining for a full refund (from 8 to 14 days after joining, account "
        "credit instead),",
    )
    assert edits["article:table"].new_body == GYM_ARTICLE.replace(
        "| Up to 14 days | A full refund |\n",
        "| Up to 7 days | A full refund |\n| 7 to 14 days | Account credit |\n",
    )


def test_a_band_clause_needs_the_moved_action_and_a_band_the_prompt_opens_with() -> None:
    facts = _gym()
    move = next(move for move in facts.moves if move.old == "14 days")
    # the sentence names no action of the moved sentence: nothing to set the band beside
    assert (
        with_band_clause("Cancel within 7 days of joining.", move, "from 8 to 14 days", "x") is None
    )
    # a band sentence that does not open with its span
    assert band_span("We no longer refund these from 8 to 14 days.", move) is None
    # an amount band is no action: prose is left to a writer, as before
    fee = Rule(
        "H2",
        "sentence_added",
        "Cancelling a membership",
        None,
        "From 8 to 14 days after joining, a $15 exit fee applies.",
        "sentence added",
    )
    amount = band_rule(_facts([GYM_MOVED, fee]).rules, move)
    assert amount is not None and not amount.action and amount.amount.startswith("$15 exit fee")


def test_a_model_edit_is_told_the_band_action_and_refused_without_it() -> None:
    from behaviordiff.drafting.drafters import _band_words

    facts = _gym()
    move = next(move for move in facts.moves if move.old == "14 days")
    assert "account credit instead" in _band_words(facts, move)
    template = GYM_ARTICLE.replace(
        "| Up to 14 days | A full refund |\n",
        "| Up to 7 days | A full refund |\n| 7 to 14 days | Account credit |\n",
    )
    only_moved = GYM_ARTICLE.replace("Up to 14 days", "Up to 7 days")
    problems = missing_band_rule(facts.rules, facts.moves, GYM_ARTICLE, template, only_moved)
    assert problems and all("account credit" in problem for problem in problems)
    assert not missing_band_rule(facts.rules, facts.moves, GYM_ARTICLE, template, template)
