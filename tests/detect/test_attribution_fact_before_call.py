"""The prompt sentence whose fact moved is the cause, not a rewritten tool-call sentence next
to it. A call sentence tells the agent what to pass ("… `swap_bike` (booking, fee 0 for the
first swap or 8 for a later one)"); the rule the customer is told is the sentence stating the
new value in words: a moved amount with its unit ("Each later swap costs €8."), anywhere in the
call's section, changed or added (`_rule_before_argument`), or the category an argument now
takes ("refund as store credit", "go to our Tracing team": `_new_amount_first`), in place of a
lead stating no new value (a call that only lost its old argument, a sentence keeping the old
team for everyone else). A call sentence stating the new category in words, or a rule in
another section, leaves the order as it was."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, MovedArgument, MovedProbeValue
from behaviordiff.diffing.model import Hunk, VersionDiff


def _hunk(hunk_id: str, kind: str, section: str, new: str, old: str | None = None) -> Hunk:
    """A sentence hunk whose changed words are those one side has and the other not."""
    old_words, new_words = (old or "").split(), new.split()
    return Hunk(
        hunk_id,
        kind,
        "system.md",
        section=section,
        old=old,
        new=new,
        removed_words=tuple(word for word in old_words if word not in new_words),
        added_words=tuple(word for word in new_words if word not in old_words),
    )


def _moved(tool: str, argument: str, was: float, now: float) -> BehaviorChange:
    return BehaviorChange(
        "C1",
        f"{tool}: {argument} {was:g} → {now:g}",
        ["p0", "p1", "p2"],
        ["actions"],
        "actions",
        before=[f"{tool}({argument}={was:g})"],
        after=[f"{tool}({argument}={now:g})"],
        moved_arguments=[
            MovedArgument(
                call=tool,
                name=tool,
                argument=argument,
                ratio=None,
                difference=None,
                values=tuple(MovedProbeValue(f"p{i}", was, now) for i in range(3)),
            )
        ],
    )


def _category(tool: str, argument: str, was: str, now: str) -> BehaviorChange:
    return BehaviorChange(
        "C1",
        f"{tool}({argument}={was}) → {tool}({argument}={now})",
        ["p0", "p1", "p2"],
        ["actions"],
        "actions",
        before=[f"{tool}({argument}={was})"],
        after=[f"{tool}({argument}={now})"],
    )


def _lead(change: BehaviorChange, *hunks: Hunk) -> str:
    diff = VersionDiff("v1", "v2", "a", "b", list(hunks))
    return attribute(change, {}, diff)[0].hunk_id


def test_a_later_fee_stated_in_an_added_sentence_leads_the_rewritten_call() -> None:
    # bike swaps: free every time → the first free, each later one €8
    rule = _hunk(
        "H1",
        "sentence_changed",
        "Swaps",
        "Your first swap on a hire is free.",
        "You can swap your bike as many times as you like, free of charge.",
    )
    later = _hunk("H2", "sentence_added", "Swaps", "Each later swap costs €8, paid at the desk.")
    call = _hunk(
        "H3",
        "sentence_changed",
        "Swaps",
        "To swap, call `swap_bike` (booking_ref, fee 0 for the first swap or 8 for a later one).",
        "To swap, call `swap_bike` (booking_ref, fee 0).",
    )
    change = _moved("swap_bike", "fee", 0, 8)
    assert _lead(change, rule, later, call) == "H2"


def test_a_rule_two_sentences_above_the_call_leads_it() -> None:
    # a laundry's collection charge: a changed sentence stating the amount, a sentence on
    # another matter between it and the call
    rule = _hunk(
        "H1",
        "sentence_changed",
        "Collections",
        "Collection now costs 4 euros per bag.",
        "We collect your laundry at no charge.",
    )
    between = _hunk(
        "H2",
        "sentence_changed",
        "Collections",
        "Bags must be tied shut.",
        "Bags should be tied.",
    )
    call = _hunk(
        "H3",
        "sentence_changed",
        "Collections",
        "Book it with `book_collection` (address, slot, charge 4).",
        "Book it with `book_collection` (address, slot, charge 0).",
    )
    change = _moved("book_collection", "charge", 0, 4)
    assert _lead(change, rule, between, call) == "H1"


def test_a_rule_in_another_section_leaves_the_call_first() -> None:
    rule = _hunk(
        "H1",
        "sentence_changed",
        "Prices",
        "Collection now costs 4 euros per bag.",
        "We collect your laundry at no charge.",
    )
    call = _hunk(
        "H2",
        "sentence_changed",
        "Collections",
        "Book it with `book_collection` (address, slot, charge 4).",
        "Book it with `book_collection` (address, slot, charge 0).",
    )
    change = _moved("book_collection", "charge", 0, 4)
    assert _lead(change, rule, call) == "H2"


def test_the_new_category_in_words_leads_a_call_that_only_lost_its_argument() -> None:
    # a bookshop refunds orders paid with a voucher as account credit
    call = _hunk(
        "H1",
        "sentence_changed",
        "Refunds",
        "Refund a returned order with `refund_order` (order_ref, amount).",
        "Refund a returned order with `refund_order` (order_ref, amount, refund_to card).",
    )
    card = _hunk(
        "H2",
        "sentence_added",
        "Refunds",
        "Orders paid by card: refund to the card (refund_to card).",
    )
    voucher = _hunk(
        "H3",
        "sentence_added",
        "Refunds",
        "Orders paid with a voucher: refund as account credit (refund_to account_credit).",
    )
    change = _category("refund_order", "refund_to", "card", "account_credit")
    assert _lead(change, call, card, voucher) == "H3"


def test_the_new_team_in_words_leads_the_sentence_keeping_the_old_one_for_others() -> None:
    # a courier hands lost parcels to a tracing team; every other problem stays with support
    rewritten = _hunk(
        "H1",
        "sentence_changed",
        "Problems",
        'Lost parcels go to our Tracing team: hand over with `hand_over` (ref, team "tracing").',
        "Every parcel problem goes to our general team: "
        'hand over with `hand_over` (ref, team "general").',
    )
    others = _hunk(
        "H2",
        "sentence_added",
        "Problems",
        "Every other parcel problem goes to our general team: hand over with "
        '`hand_over` (ref, team "general") and say they reply within 2 days.',
    )
    change = _category("hand_over", "team", "general", "tracing")
    assert _lead(change, rewritten, others) == "H1"


def test_a_call_stating_the_new_category_in_words_keeps_its_place() -> None:
    call = _hunk(
        "H1",
        "sentence_changed",
        "Problems",
        'Lost parcels go to our Tracing team: hand over with `hand_over` (ref, team "tracing").',
        'Lost parcels go to our general team: hand over with `hand_over` (ref, team "general").',
    )
    aside = _hunk(
        "H2",
        "sentence_added",
        "Problems",
        "The tracing team works weekdays only.",
    )
    change = _category("hand_over", "team", "general", "tracing")
    assert _lead(change, call, aside) == "H1"


def test_a_flag_value_is_no_category_said_in_words() -> None:
    # insured no → yes: "yes" in another sentence says nothing of the flag
    call = _hunk(
        "H1",
        "sentence_changed",
        "Bookings",
        "Book every hire with `book_hire` (ref, insured) and read out the cover.",
        "Book every hire with `book_hire` (ref, insured no).",
    )
    aside = _hunk(
        "H2",
        "sentence_added",
        "Bookings",
        "If they ask whether parking is free, say yes.",
    )
    change = _category("book_hire", "insured", "no", "yes")
    assert _lead(change, call, aside) == "H1"


def test_another_charge_of_the_same_amount_in_the_section_leaves_the_call_first() -> None:
    # bike swaps: the fee moved on the call alone; an added sentence about helmets states the
    # same amount with its unit, in the same section, and is no rule of the swap
    call = _hunk(
        "H1",
        "sentence_changed",
        "Swaps",
        "To swap, call `swap_bike` (booking_ref, fee 0 for the first swap or 8 for a later one).",
        "To swap, call `swap_bike` (booking_ref, fee 0).",
    )
    helmet = _hunk(
        "H2", "sentence_added", "Swaps", "Helmets can now be hired at the desk for €8 a day."
    )
    change = _moved("swap_bike", "fee", 0, 8)
    assert _lead(change, call, helmet) == "H1"
    # the swap's own rule, beside it, still leads
    rule = _hunk(
        "H3",
        "sentence_changed",
        "Swaps",
        "Your first swap is free; each later one costs €8.",
        "You can swap your bike as many times as you like, free of charge.",
    )
    assert _lead(change, call, helmet, rule) == "H3"


def test_a_table_row_of_another_item_at_the_same_price_is_no_rule_of_the_call() -> None:
    # a ferry's vehicle fee moved 0 → 12; an added row prices bicycles at 12 dollars
    call = _hunk(
        "H1",
        "sentence_changed",
        "Vehicles",
        "Book a car with `add_vehicle` (ticket, kind car, surcharge 12).",
        "Book a car with `add_vehicle` (ticket, kind car, surcharge 0).",
    )
    row = _hunk("H2", "sentence_added", "Vehicles", "| Bicycles | 12 dollars per crossing |")
    change = _moved("add_vehicle", "surcharge", 0, 12)
    assert _lead(change, call, row) == "H1"


def test_the_new_category_said_of_another_matter_does_not_lead_a_call_that_lost_it() -> None:
    # refunds now go to account credit; the call only lost its old argument. A gift-card
    # sentence naming account credit, in another section or in the same one, is not the rule
    call = _hunk(
        "H1",
        "sentence_changed",
        "Refunds",
        "Refund a returned order with `refund_order` (order_ref, amount).",
        "Refund a returned order with `refund_order` (order_ref, amount, refund_to card).",
    )
    change = _category("refund_order", "refund_to", "card", "account_credit")
    elsewhere = _hunk(
        "H2",
        "sentence_added",
        "Gift cards",
        "Unused gift card balances can be turned into account credit at the desk.",
    )
    assert _lead(change, call, elsewhere) == "H1"
    beside = _hunk(
        "H2",
        "sentence_added",
        "Refunds",
        "Unused gift card balances can be turned into account credit at the desk.",
    )
    assert _lead(change, call, beside) == "H1"
