"""The sentence stating the old rule, picked by what changed between the old and the new prompt,
sentence by sentence (`drafting/sentencediff.py`). Made-up agents of other shapes than the
scenarios this was built on:

- a library's fines waived for one category (children's cards), its prompt line keeping the
  call and what the customer is told; a macro with placeholders whose conflict was the kept
  "pay at the desk or online" sentence, and whose "whatever their age" sentence states the old rule;
- a plumber's free callout bounded by a distance, the kept instruction reworded ("With the
  address confirmed, book it …"); a Q&A answer of the article restating the old rule, another
  the kept arrival time in words;
- an airline's free seat choice kept for a flag (Club members), kept sentences word for word in
  the new prompt; a list item claiming it for every passenger; a trap list item with the same
  price on another topic;
- a ferry's luggage rule rewritten for everyone, no sentence kept: nothing re-picked;
- an item whose sentences restate none of the rewritten sentence: its conflicts stay."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict
from behaviordiff.drafting.promptrule import (
    PROMPT_RULE_REASON,
    prompt_rule_edit,
    sided_rule,
    written_rule,
)
from behaviordiff.drafting.sentencediff import picked_by_diff, reworded_kept, sentence_diff
from behaviordiff.drafting.text import units

from .kit import marked_impact, moved_facts


def _facts(section: str, old: str, new: str, others: tuple[str, ...] = ()) -> ChangeFacts:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", section, old, new, "…")],
        [{"feature": "tag:topic", "op": "tag"}],
    )
    facts.prompt_sections = {section: [new, *others]}
    return facts


def _picked(facts: ChangeFacts, body: str, marked: list[str]) -> list[str]:
    item_units = units(body)
    conflicts = [
        Conflict(index, unit.text, ("says the old action",))
        for index, unit in enumerate(item_units)
        if unit.text in marked
    ]
    out = picked_by_diff(
        facts,
        item_units,
        conflicts,
        lambda index, said: Conflict(index, said, (PROMPT_RULE_REASON,)),
        lambda conflict: conflict.unit_index,
        sentence_diff(facts),
    )
    return [conflict.sentence for conflict in out]


LIBRARY_OLD = (
    "Every overdue book is charged 20p a day, whoever borrowed it. Add the fine with "
    "`add_fine` (card_no, amount) and tell them they can pay at the desk or online."
)
LIBRARY_NEW = (
    "Overdue books on adult cards are charged 20p a day; children's cards pay no fines. Add the "
    "fine with `add_fine` (card_no, amount) and tell them they can pay at the desk or online."
)
LIBRARY_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThe fine for card {{ticket.custom_field_card}} is "
    "on your account now. You can pay it at the desk or online.\n\nFines are charged at 20p a "
    "day for every overdue book, whoever borrowed it and whatever their age.\n\nHappy reading,\n"
    "{{current_user.first_name}}"
)


def test_a_category_the_conflict_moves_from_the_kept_instruction_to_the_old_rule() -> None:
    facts = _facts("Fines", LIBRARY_OLD, LIBRARY_NEW)
    diff = sentence_diff(facts)
    assert diff is not None
    assert [s.text for s in diff.kept] == [
        "Add the fine with `add_fine` (card_no, amount) and tell them they can pay at the desk "
        "or online."
    ]
    assert [s.text for s in diff.rewritten] == [
        "Every overdue book is charged 20p a day, whoever borrowed it."
    ]
    picked = _picked(facts, LIBRARY_MACRO, ["You can pay it at the desk or online."])
    assert picked == [
        "Fines are charged at 20p a day for every overdue book, whoever borrowed it and "
        "whatever their age."
    ]


PLUMBER_OLD = (
    "A callout is free however far away the customer lives. Book it with `book_visit` "
    "(postcode) and tell them the engineer arrives within 2 hours."
)
PLUMBER_NEW = (
    "A callout within 10 miles is free; further away it costs £30. With the address confirmed, "
    "book it with `book_visit` (postcode) and tell them the engineer arrives within 2 hours."
)
PLUMBER_FAQ = (
    "# Callouts\n\n**Q: How quickly can you come?**\nA: Our engineer arrives within two hours of "
    "your call.\n\n**Q: Do you charge for coming out?**\nA: No, the callout is free however far "
    "away you live.\n\n**Q: Do you work weekends?**\nA: Yes, every day from 7am.\n"
)


def test_a_bound_a_reworded_kept_instruction_and_a_qa_answer() -> None:
    facts = _facts("Callouts", PLUMBER_OLD, PLUMBER_NEW)
    assert reworded_kept(facts) == [
        "Book it with `book_visit` (postcode) and tell them the engineer arrives within 2 hours."
    ]
    picked = _picked(facts, PLUMBER_FAQ, ["A: Our engineer arrives within two hours of your call."])
    assert picked == ["A: No, the callout is free however far away you live."]


SEAT_OLD = (
    "Seat selection is always free for every passenger. Select the seat with `pick_seat` "
    "(seat). Tell them their boarding pass shows the seat."
)
SEAT_NEW = (
    "Seat selection is free for Club members; other passengers pay £8 per flight. Select the "
    "seat with `pick_seat` (seat). Tell them their boarding pass shows the seat."
)
SEAT_ARTICLE = (
    "# Your seat\n\nGood to know:\n\n- Choosing your seat is always free, for every passenger\n"
    "- Your boarding pass shows the seat you picked\n- Extra legroom costs £8 per flight\n"
)


def test_a_flag_kept_sentences_word_for_word_a_list_item_and_a_trap_price() -> None:
    facts = _facts("Seats", SEAT_OLD, SEAT_NEW)
    diff = sentence_diff(facts)
    assert diff is not None and len(diff.kept) == 2
    picked = _picked(facts, SEAT_ARTICLE, ["- Your boarding pass shows the seat you picked"])
    assert picked == ["- Choosing your seat is always free, for every passenger"]
    # the same price on another topic is never picked
    assert "- Extra legroom costs £8 per flight" not in picked


def test_a_rule_rewritten_whole_keeps_its_conflicts() -> None:
    old = "Every passenger may bring two bags of up to 20 kg at no charge."
    new = "Every passenger may bring one bag of up to 23 kg at no charge; a second bag costs €15."
    facts = _facts("Luggage", old, new)
    body = "Hello,\n\nYou may bring two bags of up to 20 kg each.\n\nSafe travels"
    marked = ["You may bring two bags of up to 20 kg each."]
    assert _picked(facts, body, marked) == marked


def test_an_item_restating_nothing_rewritten_keeps_its_conflicts() -> None:
    facts = _facts("Fines", LIBRARY_OLD, LIBRARY_NEW)
    body = "Hello,\n\nYou can pay it at the desk or online.\n\nOur opening hours are 9 to 5."
    marked = ["You can pay it at the desk or online."]
    assert _picked(facts, body, marked) == marked


def test_a_sentence_saying_what_the_rewrite_keeps_is_beside_the_change() -> None:
    facts = _facts("Callouts", PLUMBER_OLD, PLUMBER_NEW)
    diff = sentence_diff(facts)
    assert diff is not None
    # the kept instruction, said another way: nothing the new prompt dropped
    assert diff.beside_the_change("The engineer gets to you within 2 hours.")
    # the dropped claim for every distance ("however far") is the old rule, in any words
    assert not diff.beside_the_change("Callouts are free wherever you live, however far away.")
    assert diff.restates("Callouts are free wherever you live, however far away.")


FEE_OLD = (
    "A $4 service fee is added once to every order, however many items it holds: pass "
    "service_fee 4, then tell the customer the total includes the $4 fee."
)
FEE_NEW = (
    "There is no service fee, however many items the order holds: pass service_fee 0, then "
    "tell the customer there is no fee on top."
)
FEE_KEPT = "To order, call `place_order` (items, service_fee, total)."
FEE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour order {{ticket.custom_field_order}} is placed. "
    "The total is your items plus a $4 service fee, added once to every order.\n\nThe courier "
    "charges its own $4 per parcel on the doorstep.\n\nThanks"
)


def test_a_fee_dropped_for_everyone_and_the_same_amount_on_another_thing() -> None:
    facts = _facts("Ordering", FEE_OLD, FEE_NEW)
    # the call kept on the very line the hunk rewrote
    facts.prompt_sections = {"Ordering": [f"{FEE_KEPT} {FEE_NEW}"]}
    diff = sentence_diff(facts)
    assert diff is not None and [s.text for s in diff.kept] == [FEE_KEPT]
    restating = "The total is your items plus a $4 service fee, added once to every order."
    courier = "The courier charges its own $4 per parcel on the doorstep."
    # the courier's own $4 goes; the sentence restating the dropped fee stays marked
    assert _picked(facts, FEE_MACRO, [restating, courier]) == [restating]


# --- a garden centre: island orders now go by ferry (a category), in a mixed hunk ------------

SHIP_OLD = (
    "Every order goes by courier, whatever the address, and arrives the next working day. "
    "Book it with `book_delivery` (order) and tell them the tracking link comes by email."
)
SHIP_CASE = "Orders to the islands: send them by ferry freight, arriving within 5 working days."
SHIP_REST = "All other orders: send them by courier, arriving the next working day."
SHIP_KEPT = "Book it with `book_delivery` (order) and tell them the tracking link comes by email."


def _islands() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_courier → book_ferry_freight",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("book_courier", ())],
        after_actions=[ActionFact("book_ferry_freight", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "condition",
                    "atoms": [{"feature": "region", "op": "=", "value": "islands"}],
                }
            )
        ],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Delivery",
                SHIP_OLD,
                " ".join([SHIP_CASE, SHIP_REST, SHIP_KEPT]),
                "changed",
            )
        ],
        prompt_sections={
            "Delivery": [SHIP_CASE, SHIP_REST, SHIP_KEPT],
            "Plants": ["Plants come with a 5-year guarantee."],
        },
    )


def test_a_claim_for_every_case_the_prompt_dropped_takes_both_sides_without_the_kept_step() -> None:
    facts = _islands()
    # the case's rule has a head of its own: the narrowing writer's, but the KB sentence
    # claims one way for every address, a claim the new prompt dropped
    said = written_rule(facts)
    assert said is not None and said.head == "For orders to the islands"
    both = sided_rule(facts)
    assert both is not None and "tracking" not in both.statement  # the kept step is no side
    claim = "Wherever you live, your order comes by courier the next working day."
    track = "Your tracking link comes by email."
    guarantee = "Plants come with a 5-year guarantee."
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{claim} {track} {guarantee}\n\nGreenleaf\n"
    impact = marked_impact("shipped", body, "macro", [claim])
    found = prompt_rule_edit(facts, impact)
    assert found is not None
    assert found[0] == body.replace(
        claim,
        "For orders to the islands, we send them by ferry freight, arriving within 5 working "
        "days. For all other orders, we send them by courier, arriving the next working day.",
    )
    # a sentence with no claim for every case keeps the narrowing writer's way
    plain = "Your order comes by courier the next working day."
    other = body.replace(claim, plain)
    narrowed = prompt_rule_edit(facts, marked_impact("plain", other, "macro", [plain]))
    assert narrowed is None or "For all other orders" not in (narrowed[0] or "")


def test_an_other_side_not_keeping_the_old_rule_is_no_side_for_it() -> None:
    facts = _islands()
    diff = sentence_diff(facts)
    assert diff is not None
    assert diff.kept_for_others(SHIP_REST)
    # another rule read as the others' side (a kept charge) does not say the old way
    assert not diff.kept_for_others("Plants come with a 5-year guarantee.")


def test_a_conflict_stating_the_moved_old_value_is_never_beside_the_change() -> None:
    """A free-delivery threshold £50 → £80, the arrival instruction kept: the short "Spend
    £50 and we'll ship it free." shares no dropped word, yet states the old value; it keeps
    its conflict beside the sentence restating the rule (the review's MUST: the edit left
    "£50" next to the rewritten "£80")."""
    facts = _facts(
        "Delivery",
        "Delivery is free on every order over £50, whatever its size. "
        "Tell them it arrives within 3 days.",
        "Delivery is free on orders over £80. Tell them it arrives within 3 days.",
    )
    # the move the change's facts read from the hunk (£50 → £80)
    facts.moves = moved_facts(
        [Rule("H1", "sentence_changed", "Delivery", "over £50", "over £80", "…")],
        [{"feature": "tag:topic", "op": "tag"}],
    ).moves
    body = (
        "Hello,\n\nDelivery is free on every order over £50, whatever its size.\n\n"
        "Spend £50 and we'll ship it free.\n\nIt arrives within 3 days."
    )
    marked = [
        "Delivery is free on every order over £50, whatever its size.",
        "Spend £50 and we'll ship it free.",
    ]
    assert [move.old for move in facts.moves] == ["£50"]
    assert _picked(facts, body, marked) == marked


def test_a_short_exception_added_to_a_sentence_makes_it_rewritten_not_kept() -> None:
    """ "Refunds always go back to the card you paid with" gains ", except for gift cards":
    three words at most, but an exception: the sentence is rewritten for a subset, and the
    KB sentence restating it keeps its conflict (the review's MUST)."""
    facts = _facts(
        "Refunds",
        "Refunds always go back to the card you paid with. Tell them it takes 5 working days.",
        "Refunds always go back to the card you paid with, except for gift cards. "
        "Tell them it takes 5 working days.",
    )
    diff = sentence_diff(facts)
    assert diff is not None
    assert "Refunds always go back to the card you paid with." in [s.text for s in diff.rewritten]
    body = (
        "Hello,\n\nYour money always goes back to the card you paid with.\n\n"
        "It takes 5 working days to reach you.\n\nThanks"
    )
    marked = ["Your money always goes back to the card you paid with."]
    assert _picked(facts, body, marked) == marked
