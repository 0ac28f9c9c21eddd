"""A price per unit said another way is the same rate (`wordamounts.rate_units`): "five
dollars a day for each wetsuit" and "$5 each for every day of your trip" state "$5 per
wetsuit per day". When the new prompt charges per something else ("$12 per booking, whatever
the number of wetsuits"), each statement of the old rate says the new amount, in its own
words for the amount, per what the new prompt says, and a total worked out from the old
rate goes; the same amount per something else (lockers at $5 per locker per day, which the
new prompt keeps) stays byte for byte. Made-up surf school, unlike the scenarios."""

from __future__ import annotations

from behaviordiff.detect.wordamounts import rate_units, same_rate
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves, states_old_rule
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, moved_facts

OLD = "Wetsuits are $5 per wetsuit per day."
NEW = "Wetsuits are $12 per booking, whatever the number of wetsuits."
LOCKERS = "Lockers are $5 per locker per day."

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour wetsuits are booked for "
    "{{ticket.custom_field_trip}}. Wetsuits are charged at $5 each for every day of your trip, "
    "and we've added that to your bill.\n\nSee you on the beach,\nSurf Shack"
)
ARTICLE = (
    "# Hiring a wetsuit\n\nEvery lesson includes a board. You'll pay five dollars a day for "
    "each wetsuit, so two wetsuits for three days come to $30.\n\nWetsuits come in sizes S to "
    "XL.\n"
)
TABLE = (
    "# Extras\n\n| Extra | Price | Good to know |\n|---|---|---|\n"
    "| Wetsuits | $5 per wetsuit, per day | Sizes S to XL |\n"
    "| Lockers | $5 per locker, per day | At the beach hut |\n"
)
LOCKER_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nA locker is $5 per locker, per day, paid at the "
    "beach hut.\n\nSurf Shack"
)


def _facts():  # type: ignore[no-untyped-def]
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Wetsuits", OLD, NEW, "…")],
        [{"feature": "wetsuits", "op": ">=", "value": 1}, {"feature": "tag:wetsuit", "op": "tag"}],
        title="add_extra(extra=wetsuits): price 15 → 12",
    )
    facts.prompt_sections = {"Wetsuits": [NEW], "Lockers": [LOCKERS]}
    return facts


def test_rate_reader_reads_each_way_of_saying_per() -> None:
    def units(text: str, amount: str) -> frozenset[str]:
        return rate_units(text, text.index(amount) + len(amount))[0]

    dog_night = frozenset({"wetsuit", "day"})
    assert units("$5 per wetsuit per day.", "$5") == dog_night
    assert units("five dollars a day for each wetsuit, so", "five dollars") == dog_night
    assert units("$5 per wetsuit, per day |", "$5") == dog_night
    assert units("$5 each for every day of your trip, and", "$5") == {"each", "day"}
    assert units("$5 for the lesson", "$5") == frozenset()
    assert same_rate(frozenset({"each", "day"}), dog_night)
    assert not same_rate(frozenset({"locker", "day"}), dog_night)


def test_rate_moved_to_a_booking_in_each_items_words_locker_kept() -> None:
    facts = _facts()
    assert [(m.old, m.new) for m in facts.moves] == [("$5", "$12")]
    items = [
        kb_item("1", MACRO, kind="macro", title="Wetsuits::Added"),
        kb_item("1", ARTICLE, title="Hiring a wetsuit"),
        kb_item("2", TABLE, title="Extras"),
        kb_item("2", LOCKER_MACRO, kind="macro", title="Lockers::Price"),
    ]
    ranked = rank_items(facts, KnowledgeBase(items=items, sources=[]))
    drafter = TemplateDrafter()
    edits = {i.item.key: drafter.edit(facts, i) for i in ranked if i.affected}
    macro = edits["macro:1"].new_body
    assert macro is not None
    assert (
        "Wetsuits are charged at $12 per booking, whatever the number of wetsuits, and we've "
        "added that to your bill." in macro
    )
    article = edits["article:1"].new_body
    assert article is not None
    assert (
        "You'll pay twelve dollars per booking, whatever the number of wetsuits.\n" in article
        or "You'll pay twelve dollars per booking, whatever the number of wetsuits." in article
    )
    assert "$30" not in article and "Every lesson includes a board." in article
    table = edits["article:2"].new_body
    assert table is not None
    assert (
        "| Wetsuits | $12 per booking, whatever the number of wetsuits | Sizes S to XL |" in table
    )
    assert "| Lockers | $5 per locker, per day | At the beach hut |" in table
    assert "macro:2" not in edits


def test_same_basis_or_another_basis_is_not_this_move() -> None:
    same = rule_moves(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Wetsuits",
                OLD,
                "Wetsuits are $6 per wetsuit per day.",
                "…",
            )
        ]
    )[0]
    # the amount alone moved: said in words, the rest of the sentence kept
    assert rewrite_sentence(same, "You'll pay five dollars a day for each wetsuit.") == (
        "You'll pay six dollars a day for each wetsuit."
    )
    moved = rule_moves([Rule("H1", "sentence_changed", "Wetsuits", OLD, NEW, "…")])[0]
    # the old amount per something else: no rewrite says the new basis for it
    assert rewrite_sentence(moved, "Wetsuits are $5 per wetsuit per week.") is None


def test_one_unit_said_another_way_is_still_the_rule() -> None:
    move = rule_moves(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Lessons",
                "Surf lessons are $30 per person per lesson.",
                "Surf lessons are $35 per person per lesson.",
                "…",
            )
        ]
    )[0]
    assert states_old_rule(move, "Surf lessons are $30 a head.")
    assert states_old_rule(move, "Surf lessons are $30 per person, per lesson.")
    # two units, one of them another thing's: the same amount, another rule
    assert not states_old_rule(move, "Surf lessons' board hire is $30 per board per lesson.")


def test_an_amount_per_fewer_units_without_each_is_another_charge_never_rewritten() -> None:
    """A late fee said "$5 a day" beside the wetsuit rule ($5 per wetsuit per day) is another
    charge: never rewritten as the new per-booking price (the review's MUST: "we charge $12
    per booking, whatever the number of wetsuits" for a late return). Left to a writer."""
    assert not same_rate(frozenset({"day"}), frozenset({"wetsuit", "day"}))
    assert same_rate(frozenset({"each", "day"}), frozenset({"wetsuit", "day"}))
    facts = _facts()
    article = (
        "# Hiring a wetsuit\n\nWetsuits are $5 per wetsuit per day.\n\n"
        "If you bring a wetsuit back late, we charge $5 a day.\n\nWetsuits come in sizes S to XL.\n"
    )
    ranked = rank_items(
        facts, KnowledgeBase(items=[kb_item("1", article, title="Hiring a wetsuit")], sources=[])
    )
    for impact in ranked:
        if impact.affected:
            body = TemplateDrafter().edit(facts, impact).new_body
            assert body is None or "we charge $5 a day." in body
            assert body is None or "late, we charge $12" not in body
