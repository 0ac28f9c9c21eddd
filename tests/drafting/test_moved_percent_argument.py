"""A percentage a call's argument states, raised above a line (a camera-kit rental: `reserve_kit`
with deposit_percent 15 → 30 and a deposit_amount that differs order by order, for orders
over £1,500): a KB sentence stating the old percentage of what the argument's name says it is
of ("A 15% deposit holds your kit", "| Deposit | 15% of the hire price |") states the old
rule however few words it shares with the old replies, on a shelf the topic tag never names;
the same percentage as a discount ("15% off lens hire") stays; the edit says the new value for
the case and drops the claim that it is "the same for every order"."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.categories import without_same_aside
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.percentarg import moved_percent_subjects, states_moved_percent
from behaviordiff.drafting.text import stem
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

_OLD = "An order is held by a deposit of 15% of the hire price."
_NEW = (
    "The deposit is 15% of the hire price for orders of £1,500 or less, and 30% for orders "
    "over £1,500."
)
_PROBES = ("p1", "p2", "p3")


def _facts() -> ChangeFacts:
    call = ActionFact("reserve_kit")
    amounts = ((1600.0, 240.0, 480.0), (2200.0, 330.0, 660.0), (3000.0, 450.0, 900.0))
    return ChangeFacts(
        id="C1",
        title="reserve_kit: deposit_amount 240 → 480 …; deposit_percent 15 → 30",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=list(_PROBES),
        others=9,
        removed_promises=[Promise("percent", "15%")],
        added_promises=[Promise("percent", "30%")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "order_total > 1500 and tag reservation",
                    "atoms": [
                        {"feature": "order_total", "op": ">", "value": 1500},
                        {"feature": "tag:reservation", "op": "tag"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Orders", _OLD, "An order is held by a deposit.", "…"),
            Rule("H2", "sentence_added", "Orders", None, _NEW, "…"),
        ],
        excerpts=[
            Excerpt(
                probe_id="p1",
                old="To confirm it, the deposit is 15% of your £1,600 total, which is £240.",
                new="To confirm it, the deposit is 30% of your £1,600 total, which is £480.",
            )
        ],
        moved=[
            MovedValue(
                call,
                "deposit_amount",
                tuple((p, old, new) for p, (_, old, new) in zip(_PROBES, amounts, strict=True)),
                ratio=2.0,
            ),
            MovedValue(call, "deposit_percent", tuple((p, 15.0, 30.0) for p in _PROBES)),
        ],
        moved_elsewhere=True,
    )


def test_the_percent_argument_names_what_the_percentage_is_of() -> None:
    facts = _facts()
    # the amount differs order by order: it names nothing a KB states
    assert moved_percent_subjects(facts, "15%") == {"deposit"}
    assert moved_percent_subjects(facts, "20%") == set()
    assert states_moved_percent(facts, "15%", "A 15% deposit holds your kit for the weekend.")
    # the same percentage as a discount, or of another subject, is another rule
    assert not states_moved_percent(facts, "15%", "Students get 15% off a deposit-free hire.")
    assert not states_moved_percent(facts, "15%", "Students get 15% off lens hire.")


_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour kit is free on those dates. A 15% deposit holds "
    "your kit for the weekend, and it's the same for every order. I've sent you the link.\n\n"
    "Students get 15% off lens hire, too.\n\nBest,\nThe Shutter team"
)
_PRICES = (
    "# Hire prices\n\n| Item | Price |\n|---|---|\n| Deposit | 15% of the hire price |\n"
    "| Students | 15% off every lens |\n"
)


def test_the_old_percentage_of_the_arguments_subject_is_found_and_rewritten() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [kb_item("held", _MACRO, kind="macro"), kb_item("prices", _PRICES, title="Hire prices")]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    assert [c.sentence for c in impacts["macro:held"].conflicts] == [
        "A 15% deposit holds your kit for the weekend, and it's the same for every order."
    ]
    assert [c.sentence for c in impacts["article:prices"].conflicts] == [
        "| Deposit | 15% of the hire price |"
    ]
    edit = TemplateDrafter().edit(facts, impacts["macro:held"])
    assert edit.new_body == _MACRO.replace(
        "for the weekend, and it's the same for every order.",
        "for the weekend (30% for orders over £1,500).",
    )


def test_a_sameness_clause_on_its_own_subject_goes_with_the_exception() -> None:
    said = (
        "A 15% deposit holds your kit (30% for orders over £1,500), and it's the same for "
        "every order."
    )
    assert without_same_aside(said, {"order"}) == (
        "A 15% deposit holds your kit (30% for orders over £1,500)."
    )
    assert without_same_aside(said, {"lens"}) == said


def test_a_discount_argument_is_said_as_a_percentage_off() -> None:
    facts = _facts()
    facts.moved = [
        MovedValue(
            ActionFact("apply_offer"), "discount_percent", tuple((p, 15.0, 30.0) for p in _PROBES)
        )
    ]
    assert states_moved_percent(facts, "15%", "Take 15% off with the loyalty discount.")
    assert states_moved_percent(facts, "15%", "Members get a fifteen per cent discount.")
    assert not states_moved_percent(facts, "15%", "A 15% deposit holds your kit.")


def test_the_old_percentage_is_said_of_the_subject_as_its_own_value() -> None:
    facts = _facts()
    for said in (
        "A 15% deposit holds your kit.",
        "A 15% booking deposit holds your kit.",
        "The deposit is 15% of the hire price.",
        "Your deposit will be just 15% of the hire price.",
        "A deposit of fifteen per cent holds your kit.",
        "Deposit: 15%, the rest on collection.",
        "The deposit rate of 15% applies to every order.",
    ):
        assert states_moved_percent(facts, "15%", said), said


def test_a_share_of_the_subject_or_another_thing_beside_it_is_not_the_old_rule() -> None:
    facts = _facts()
    for said in (
        "If you cancel late, we keep 15% of your deposit.",
        "We add 15% VAT to the deposit.",
        "| Late cancellation | 15% of the deposit is kept |",
        "Your deposit is returned within 15 days, and 15% of customers never need it.",
        "A deposit holds your kit; 15% of the hire price is refunded if you cancel late.",
        "| Deposit | We return it, less 15% for cleaning |",
    ):
        assert not states_moved_percent(facts, "15%", said), said
    assert states_moved_percent(facts, "15%", "| Deposit | 15% of the hire price |")
    assert states_moved_percent(facts, "15%", "| Security deposit | Only 15% |")


def test_items_that_say_the_percentage_of_something_else_keep_their_text() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            kb_item(
                "cancel",
                "Hi,\n\nYour kit is booked. If you cancel late, we keep 15% of your deposit.\n\n"
                "Best,\nThe team",
                kind="macro",
            ),
            kb_item(
                "vat",
                "Hi,\n\nYour kit is booked and the deposit is taken today. We add 15% VAT to "
                "the deposit.\n\nBest,\nThe team",
                kind="macro",
            ),
            kb_item(
                "fees",
                "# Hire fees\n\n| Item | Price |\n|---|---|\n"
                "| Late cancellation | 15% of the deposit is kept |\n",
            ),
        ]
    )
    assert [impact.item.key for impact in rank_items(facts, knowledge) if impact.conflicts] == []


def _percent_moved(argument: str) -> MovedValue:
    return MovedValue(ActionFact("reserve_kit"), argument, tuple((p, 15.0, 30.0) for p in _PROBES))


def test_the_subject_is_the_names_own_word_before_its_unit_word() -> None:
    facts = _facts()
    facts.moved = [_percent_moved("order_fee_percent")]
    # "order" and "fee" say nothing of which share is meant
    assert moved_percent_subjects(facts, "15%") == set()
    assert not states_moved_percent(facts, "15%", "Each order over £1,500 saves 15% fee.")
    facts.moved = [_percent_moved("booking_fee_percent")]
    assert moved_percent_subjects(facts, "15%") == {stem("booking")}
    assert states_moved_percent(facts, "15%", "A booking fee of 15% is added to every order.")
    assert states_moved_percent(facts, "15%", "There is a 15% booking fee on every order.")
    assert not states_moved_percent(facts, "15%", "Orders over £1,500 get 15% back.")


def test_a_long_word_with_no_stop_after_the_quantifier_is_given_up_at_once() -> None:
    """Result only, not timed: a sameness clause whose one long word runs into a bracket is no
    aside, and is given up without splitting the word every way between the noun and the rest
    of the clause (50,000 characters took minutes when it was split; `*+` makes it one pass)."""
    said = "A 15% deposit holds your kit, the same for every " + "a" * 50_000 + "(30%)"
    assert without_same_aside(said, {"a" * 50_000}) == said
    spaced = "A 15% deposit holds your kit, and it's the same for every order" + " " * 50_000
    assert without_same_aside(spaced + ".", {"order"}) == "A 15% deposit holds your kit."


def test_a_long_row_is_keyed_once() -> None:
    """The first cell of a row is read once, not once per percentage in the row (a row of
    thousands of cells stays linear); the answer is the same as for a short row."""
    facts = _facts()
    cells = "| 15% " * 4000
    assert not states_moved_percent(facts, "15%", "| Fee " + cells + "| deposit |")
    assert states_moved_percent(facts, "15%", "| Deposit " + cells + "|")
