"""A KB statement of a restriction the change lifts or relaxes (`drafting/liftedbound.py`),
in made-up domains: a library whose reference books could not be borrowed and now can, for 3
days (a category: a Q&A answer saying no, a trap answer saying no on another question, the
same denial on another item); a gym whose 12-month minimum term goes (everyone: prose with
the number in words, a table cell, the same number on another topic); a costume shop whose
returns needed the costume unworn and now clean and undamaged (a required state relaxed: a
checklist bullet, a "can only" sentence, a kept refusal of worn-out costumes); a gym whose
new members could not freeze their membership (a wait lifted: a macro sentence with a
placeholder said as allowed on the new terms). A change putting a restriction on is not
read here."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.liftedbound import _state, lifted_bounds, lifting
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

LIBRARY = [
    (
        "Reference books can't be borrowed: they must stay in the library.",
        "Reference books can be borrowed for up to 3 days by card holders.",
    )
]
GYM = [
    (
        "Every membership has a minimum term of 12 months.",
        "Memberships are rolling monthly, with no minimum term. Members can leave at any time "
        "with one month's notice.",
    )
]
COSTUMES = [
    (
        "Costumes can be returned for a refund as long as they are unworn, with the tags attached.",
        "Costumes can be returned for a refund as long as they are clean and undamaged: worn "
        "once is fine.",
    )
]
FREEZE = [
    (
        "Members in their first 3 months can't freeze their membership.",
        "Members can freeze their membership at any time for up to 2 months a year.",
    )
]


def _said(pairs: list[tuple[str, str]], text: str, question: str = "") -> str | None:
    lift = lifting(lifted_bounds(pairs), text, question)
    return lift.rewritten(text, question) if lift is not None else None


def test_a_denial_answered_no_is_said_as_the_new_permission() -> None:
    answer = "No, reference books must stay in the library."
    assert _said(LIBRARY, answer, "Can I take a reference book home?") == (
        "Yes, reference books can be borrowed for up to 3 days by card holders."
    )
    # the same denial of another item, a "No" answering another question: not this rule
    assert _said(LIBRARY, "Newspapers can't be borrowed.") is None
    assert _said(LIBRARY, "No, the library is closed on Sundays.", "Is the library open?") is None
    assert _said(LIBRARY, "You can borrow up to 10 books at a time.") is None


def test_a_minimum_term_dropped_in_prose_and_in_a_table_cell() -> None:
    assert _said(GYM, "All our memberships run for a minimum of twelve months.") == (
        "Memberships are rolling monthly, with no minimum term. You can leave at any time "
        "with one month's notice."
    )
    assert _said(GYM, "| Term | 12-month minimum, then rolling monthly |") == (
        "| Term | Rolling monthly |"
    )
    # the same number on another topic stays
    assert _said(GYM, "| Towel hire | Free for 12 months |") is None
    assert _said(GYM, "Classes are free for the first 12 months.") is None


def test_a_required_state_relaxed_in_a_checklist_bullet_and_a_sentence() -> None:
    assert _said(COSTUMES, "- unworn, with the tags attached") == (
        "- clean and undamaged: worn once is fine"
    )
    assert _said(COSTUMES, "Sorry, we can only take back costumes that are unworn.") == (
        "Costumes can be returned for a refund as long as they are clean and undamaged: worn "
        "once is fine."
    )
    # a refusal the new prompt keeps, a bullet of another condition: untouched
    assert _said(COSTUMES, "Worn-out costumes can't be returned.") is None
    assert _said(COSTUMES, "- within 14 days of delivery") is None


def test_a_wait_lifted_in_a_macro_sentence_keeps_its_placeholder() -> None:
    assert (
        _said(
            FREEZE,
            "I'm afraid we can't freeze membership {{ticket.id}} until you've been with us for 3 "
            "months.",
        )
        == "We can freeze membership {{ticket.id}} at any time for up to 2 months a year."
    )
    # another action denied on the same membership, the same first months on another topic
    assert _said(FREEZE, "We can't refund membership {{ticket.id}} once it has started.") is None
    assert _said(FREEZE, "Your first 3 months include a free personal training session.") is None


def test_the_same_restriction_on_something_else_is_a_trap() -> None:
    pairs = [
        (
            "Lawn mower servicing is for garden club members only.",
            "Lawn mower servicing is open to everyone, member or not, for £25.",
        )
    ]
    assert _said(pairs, "Sorry, mower servicing is for garden club members only.") == (
        "Lawn mower servicing is open to everyone, member or not, for £25."
    )
    # the club-only restriction said of another perk: it shares only the dropped words
    assert _said(pairs, "Seed swaps are for garden club members only.") is None


def test_an_order_to_the_agent_dropped_is_no_restriction_lifted() -> None:
    # how the agent works ("Never try to …"), not a restriction the customer was under
    pairs = [
        (
            "Never try to talk a member out of leaving.",
            "Members can leave at any time. If they are moving house, offer a transfer first.",
        )
    ]
    assert lifted_bounds(pairs) == []


def test_a_restriction_put_on_is_not_read_as_lifted() -> None:
    assert lifted_bounds([("You can cancel at any time.", "You can cancel after 3 months.")]) == []
    assert lifted_bounds([(LIBRARY[0][1], LIBRARY[0][0])]) == []


QA = (
    "# Borrowing\n\n### Can I take a reference book home?\n\nNo, reference books must stay in "
    "the library.\n\n### Can I renew online?\n\nYes, up to three times.\n\n"
    "### Is the library open on Sundays?\n\nNo, the library is closed on Sundays.\n"
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking. Newspapers can't be borrowed, "
    "but you can read them in the reading room.\n\nBest,\nThe Library"
)


def _facts() -> ChangeFacts:
    condition = Condition.from_dict(
        {
            "text": "book_type = reference and tag borrow",
            "atoms": [
                {"feature": "book_type", "op": "in", "values": ["reference"]},
                {"feature": "tag:borrow", "op": "tag"},
            ],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 10},
        }
    )
    probes = ("p1", "p2", "p3", "p4")
    old, new = LIBRARY[0]
    return ChangeFacts(
        id="C1",
        title="now calls lend_book",
        kind="actions",
        facets=["actions"],
        probe_ids=list(probes),
        after_actions=[ActionFact("lend_book")],
        conditions=[condition],
        rules=[Rule("H1", "sentence_changed", "Borrowing", old, new, "…")],
        excerpts=[Excerpt(probe_id="p1", old="Sorry, no.", new="Done, it's yours for 3 days.")],
        others=10,
        prompt_sections={"Borrowing": [new, "Card holders can borrow up to 10 books."]},
    )


def test_the_drafter_writes_the_answer_and_leaves_the_traps() -> None:
    facts = _facts()
    kb = KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Borrowing", QA, "markdown", "kb", "a"),
            KnowledgeItem("macro", "2", "Newspapers", MACRO, "text", "kb", "m"),
        ]
    )
    impacts = {i.item.key: i for i in rank_items(facts, kb)}
    said = TemplateDrafter().edit(facts, impacts["article:1"]).new_body
    assert said == QA.replace(
        "No, reference books must stay in the library.",
        "Yes, reference books can be borrowed for up to 3 days by card holders.",
    )
    assert "macro:2" not in impacts or not impacts["macro:2"].conflicts


TERM = [
    (
        "Every membership has a minimum term of 12 months. Members can cancel after that with "
        "30 days' notice.",
        "Memberships run month to month. Members can cancel at any time with 30 days' notice.",
    )
]
DEPOSIT = [
    (
        "Bookings for groups of 8 or more must be paid in full in advance.",
        "Bookings for groups of 8 or more need a £10 per head deposit.",
    )
]
NAMES = [
    (
        "Tickets are non-transferable: a booking can't be put in someone else's name.",
        "Tickets can be put in someone else's name free of charge up to 48 hours before the show.",
    )
]


def test_the_same_restriction_on_another_item_sharing_two_marks_is_a_trap() -> None:
    # targets: the restriction said of what the old sentence's restriction is on
    assert _said(TERM, "Our memberships come with a minimum term of twelve months.") == (
        "Memberships run month to month. You can cancel at any time with 30 days' notice."
    )
    assert _said(DEPOSIT, "Group bookings must be paid in full in advance.") == (
        "Bookings for groups of 8 or more need a £10 per head deposit."
    )
    # the same dropped words (a generic shared word, three marks, a flipped verb's object)
    # said of another item or service: not this restriction
    assert _said(TERM, "Lockers have a minimum term of 3 months.") is None
    assert _said(DEPOSIT, "Private dining must be paid in full in advance.") is None
    assert _said(NAMES, "Parking permits can't be put in someone else's name.") is None


def test_a_sentence_stating_another_fact_is_not_replaced_by_the_rule() -> None:
    # the rule in the sentence's place would lose the towel hire: no confident rewrite
    text = "Memberships have a minimum term of twelve months and include free towel hire."
    lift = lifting(lifted_bounds(TERM), text)
    assert lift is not None and lift.rewritten(text) is None
    # a list item's other condition (the receipt) is not dropped with the restriction
    item = "- unworn, with the tags attached, with your receipt"
    lift = lifting(lifted_bounds(COSTUMES), item)
    assert lift is None or lift.rewritten(item) is None
    # a state cut short on a function word is no state
    assert (
        _state(
            "Returns are accepted within 30 days as long as the item is unopened.",
            "Returns are accepted within 30 days as long as the item is unused, even if opened.",
        )
        == ""
    )


def test_the_rule_written_is_voiced_for_the_customer_not_the_agents_orders() -> None:
    old = "Every contract has a minimum term of 12 months: refuse any cancellation before then."
    kb = "Your contract has a minimum term of 12 months."
    for new, said in [
        (
            "Contracts are rolling monthly. Let the customer know they can cancel at any time "
            "with 30 days' notice.",
            "Contracts are rolling monthly. You can cancel at any time with 30 days' notice.",
        ),
        (
            "Contracts are rolling monthly. If a customer asks to cancel, use cancel_contract "
            "with notice_days 30 and confirm the end date.",
            "Contracts are rolling monthly.",
        ),
        (
            "There is no minimum term any more. I'll explain that contracts run month to month "
            "and cancellation needs 30 days' notice.",
            "There is no minimum term any more.",
        ),
    ]:
        (lift,) = lifted_bounds([(old, new)])
        assert lift.rule == said
    # the KB sentence says the rule voiced, not the order to the agent
    first, said = (
        "Contracts are rolling monthly. Let the customer know they can cancel at any time with "
        "30 days' notice.",
        "Contracts are rolling monthly. You can cancel at any time with 30 days' notice.",
    )
    lift = lifting(lifted_bounds([(old, first)]), kb)
    assert lift is not None and lift.rewritten(kb) == said


def test_a_hyphened_non_state_is_read_as_the_negated_word() -> None:
    # "non-transferable" is the restriction itself, on what the old sentence's is on
    assert _said(NAMES, "All tickets are non-transferable.") == (
        "Tickets can be put in someone else's name free of charge up to 48 hours before the show."
    )
    # the same state of another item, and another "non-" state of the same item: not it
    assert (
        _said(NAMES, "Gift vouchers are non-transferable and can't be exchanged for cash.") is None
    )
    assert (
        _said(NAMES, "No, tickets are non-refundable once booked.", "Can I get a refund?") is None
    )
