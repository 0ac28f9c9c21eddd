"""A value of several parts replaced whole, read in the KB's own layout and written back in
it; and a number in words counting another thing, which no longer blocks a moved amount
beside it (issue 8). Made-up domains, none of the scenarios':

- a dental clinic moved: the prompt says "Suite 2, Orchard House, Mill Lane, Leeds LS1 4AB";
  the KB has it as an address block (one part a line, the town and the postcode on lines of
  their own), in a table cell, in a macro sentence beside a placeholder; the other clinic's
  address (the same town, a postcode of the same shape) stays;
- a ferry desk moved to an address of another number of parts: a one-line statement takes it,
  a block cannot follow the layout and gets no text;
- a list of depots that gains one ("Hull, York, Leeds 2" → "…, Wakefield 9") is no value
  replaced whole;
- a recording kept "for three months" now "2 months", beside "in two formats" (another count),
  and "for two years … two full years" (the value said again) which still blocks.
"""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.partsvalue import parts_move, parts_statements, parts_written
from behaviordiff.drafting.rules import rewrite_sentence, rule_moves, states_old_rule

OLD = "Patients can reach the clinic at Suite 2, Orchard House, Mill Lane, Leeds LS1 4AB (site A)."
NEW = "The clinic has moved: Unit 7, Kirkgate Yard, Wharf Street, Leeds LS2 7EQ (site K)."
OLD_VALUE = "Suite 2, Orchard House, Mill Lane, Leeds LS1 4AB"
NEW_VALUE = "Unit 7, Kirkgate Yard, Wharf Street, Leeds LS2 7EQ"


def _move(old: str = OLD, new: str = NEW):  # type: ignore[no-untyped-def]
    moves = rule_moves([Rule("H1", "sentence_changed", "Visiting", old, new, "changed")])
    assert len(moves) == 1
    return moves[0]


def test_the_value_of_parts_is_one_move_and_no_token_of_it_moves_alone() -> None:
    move = _move()
    assert (move.old, move.new) == (OLD_VALUE, NEW_VALUE)
    # paired by the diff with another sentence: read across the changed sentences
    moves = rule_moves(
        [
            Rule("H1", "sentence_changed", "Visiting", OLD, "The clinic has moved.", "c"),
            Rule("H2", "sentence_added", "Visiting", "", f"Come to {NEW_VALUE}.", "a"),
        ]
    )
    assert [(m.old, m.new) for m in moves] == [(OLD_VALUE, NEW_VALUE)]


def test_an_address_block_a_cell_and_a_macro_sentence_take_the_new_value_in_their_layout() -> None:
    move = _move()
    block = "Brightsmile Dental\nSuite 2, Orchard House\nMill Lane\nLeeds\nLS1 4AB"
    assert states_old_rule(move, block)
    assert rewrite_sentence(move, block) == (
        "Brightsmile Dental\nUnit 7, Kirkgate Yard\nWharf Street\nLeeds\nLS2 7EQ"
    )
    cell = "| Main clinic | Suite 2, Orchard House, Mill Lane, Leeds LS1 4AB |"
    assert rewrite_sentence(move, cell) == f"| Main clinic | {NEW_VALUE} |"
    macro = (
        "Hi {{ticket.requester.first_name}}, you'll find the clinic at Suite 2, Orchard House, "
        "Mill Lane, Leeds LS1 4AB."
    )
    assert rewrite_sentence(move, macro) == macro.replace(OLD_VALUE, NEW_VALUE)
    # another address, the same town and a postcode of the same shape: not the value
    other = "| Orthodontics | 9 Park Row, Leeds LS1 5HD |"
    assert not states_old_rule(move, other)
    assert not parts_statements(OLD_VALUE, other)


def test_a_layout_the_new_value_cannot_follow_gets_no_text() -> None:
    old, new = (
        "Harbour Office, Pier Road, Oban PA34 4LW",
        "Desk 3, North Pier, Quay Street, Oban PA34 5AA",
    )
    assert parts_written(old, new, old) == new
    assert parts_written(old, new, "Harbour Office\nPier Road\nOban PA34 4LW") is None


def test_a_list_that_gains_or_keeps_a_part_is_no_value_replaced_whole() -> None:
    assert (
        parts_move(
            "Depots: Hull 1, York 4, Leeds 2.", "Depots: Hull 1, York 4, Leeds 2, Wakefield 9."
        )
        is None
    )
    assert (
        parts_move(
            "Send it to Bay 4, Dock Road, Hull HU1 2AA.",
            "Send it to Bay 9, Dock Road, Hull HU1 2AA.",
        )
        is None
    )
    # prose joined by commas with no digit is no value of parts
    assert parts_move("Call, Email, Chat are open.", "Phone, Post, Web are open.") is None


def test_a_number_in_words_counting_another_thing_does_not_block_the_moved_amount() -> None:
    move = _move(
        "We keep call recordings for three months, then delete them.",
        "We keep call recordings for 2 months, then delete them.",
    )
    assert (
        rewrite_sentence(
            move, "Recordings are kept for three months, and you can download them in two formats."
        )
        == "Recordings are kept for two months, and you can download them in two formats."
    )
    # the value said again in words stays a writer's
    assert rewrite_sentence(move, "Kept for three months (that's three whole months).") is None
    assert rewrite_sentence(move, "Kept for three months, or two for a trial account.") is None


def test_a_cell_saying_only_another_old_sentence_of_the_change_gives_way_not_appended_to() -> None:
    from behaviordiff.drafting.rules import add_to_row

    old_site = "Parcels go to our depot: Bay 4, Quarry Park, Hull HU1 2AA (code HQ)."
    row = "| Parcels | Bay 4, Quarry Park, Hull HU1 2AA |"
    written = add_to_row(
        row, "we send them to Bay 9, Dock Road, York YO1 7HH", "Print a label.", [old_site]
    )
    assert written == "| Parcels | We send them to Bay 9, Dock Road, York YO1 7HH |"
    # a cell saying more than the old sentence, or none of its figures, is added to
    kept = "| Gold | 10% off, free delivery |"
    assert add_to_row(kept, "early access", "Gold gets 10% off.", ["Silver gets 5% off."]) == (
        "| Gold | 10% off, free delivery; early access |"
    )


def test_a_hostile_run_of_joined_initials_is_read_in_linear_time() -> None:
    import time

    for run in ("A." * 990, "A-" * 990, "A'" * 990, "A&" * 990):
        started = time.perf_counter()
        assert (
            parts_move(f"Send it to {run}", "Send it to Unit 2, Mill Lane, Hove BN3 1AA.") is None
        )
        assert time.perf_counter() - started < 0.1
    # a part may still hold a dot, a hyphen or an apostrophe inside it
    assert parts_move(
        "Returns go to St. Mary's Works, Ash-Vale Road, Leek ST13 5PQ.",
        "Returns go to Unit 2, Mill Lane, Hove BN3 1AA.",
    ) == ("St. Mary's Works, Ash-Vale Road, Leek ST13 5PQ", "Unit 2, Mill Lane, Hove BN3 1AA")


def test_the_old_value_given_another_function_by_its_own_sentence_is_flagged_not_written() -> None:
    move = _move()
    # the address outlives the move there: a company's office, a kept collection point
    for kept in (
        f"Our registered office is {OLD_VALUE}.",
        f"Invoices can still be picked up from {OLD_VALUE} until 31 March.",
        f"Hi {{{{ticket.requester.first_name}}}}, see you at {OLD_VALUE}.",
    ):
        assert states_old_rule(move, kept), kept
        assert rewrite_sentence(move, kept) is None, kept
    # words of the prompt's sentence before it: the rule's value, written
    said = f"Patients reach us at {OLD_VALUE}."
    assert rewrite_sentence(move, said) == said.replace(OLD_VALUE, NEW_VALUE)
