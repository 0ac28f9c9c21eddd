"""Failure classes the scenario bench found on agents the drafter was not written for, each
pinned on a small case of its own (a library's loans, a courier's parcels): reply prose in a KB
edit, a new rule stated only by the prompt, a note without the moved fact, inclusive bounds."""

from __future__ import annotations

from behaviordiff.detect.model import Atom, Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter, condition_words
from behaviordiff.drafting.drafters import kb_text_problems
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact, rank_items
from behaviordiff.drafting.rules import kb_rule_sentence, rule_moves
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD_RULE = (
    "When a patron asks to renew a loan, renew it with `renew_loan` and tell them the due date."
)
NEW_RULE = (
    "Patrons with fines of $20 or more who ask to renew: first look up the account with "
    "`lookup_patron` and offer a payment plan instead. Do not renew in that reply."
)
ARTICLE = """# Renewing your loans

## How do I renew?

Ask us in chat and we'll renew your loan straight away. You can renew each loan up to 3 times.

## Are there late fees?

Yes. Late fees are $0.25 a day.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWe've renewed your loan as requested. Your new due "
    "date is {{ticket.custom_field_due}}.\n\nHappy reading,\n{{current_user.first_name}}"
)
# what the new replies said: one reply sentence repeated with each patron's own fine
REPLIES = [
    "Since you owe $24 in fines, we can set up a payment plan instead of renewing.",
    "Since you owe $24 in fines, we can set up a payment plan instead of renewing.",
    "Since you owe $31 in fines, we can set up a payment plan instead of renewing.",
    "Since you owe $45 in fines, we can set up a payment plan instead of renewing.",
]


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="renew_loan → lookup_patron",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=[f"renew-{n}" for n in range(4)],
        before_actions=[ActionFact("renew_loan")],
        after_actions=[ActionFact("lookup_patron")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "fines", "op": ">=", "value": 20.0}]})
        ],
        rules=[Rule("H1", "sentence_changed", "Loans", OLD_RULE, NEW_RULE, "sentence changed")],
        excerpts=[
            Excerpt.from_dict(item)
            for item in [
                {"probe_id": f"renew-{n}", "old": "Done, your loan is renewed.", "new": reply}
                for n, reply in enumerate(REPLIES)
            ]
        ],
        others=6,
    )


def _impact(kind: str, body: str, conflict: str) -> Impact:
    item = KnowledgeItem(kind, "1", "Renewals", body, "markdown", "kb", "renewals.md")  # type: ignore[arg-type]
    return Impact(item, 1.0, [Conflict(0, conflict, ("describes `renew_loan`, which …",))])


def test_a_prompt_rule_is_said_in_the_kb_voice() -> None:
    assert kb_rule_sentence(NEW_RULE) == (
        "For patrons with fines of $20 or more who ask to renew, we first look up the account "
        "and offer a payment plan instead."
    )
    # a statement head keeps its own verb; what the customer is told is said to "you"; the
    # tool call, its arguments and a code aside are left out
    assert kb_rule_sentence(
        "Parcels over 30 kg (the scan says `heavy: true`) are not collected by courier: call "
        "`book_freight` with the parcel id and the address, and tell the customer a freight "
        "agent will email them within 2 days."
    ) == (
        "Parcels over 30 kg are not collected by courier, and a freight agent will email you "
        "within 2 days."
    )
    # a rule that states a fact for a group, not an instruction
    assert kb_rule_sentence("Gold and Silver members: parcels up to 5 kg ship free.") == (
        "For gold and Silver members, parcels up to 5 kg ship free."
    )
    # a conditional rule keeps its condition; the customer's things are "your" things
    assert (
        kb_rule_sentence(
            "If a parcel is lost in transit, verify the customer's address with `check_address` "
            "and "
            "resend the parcel."
        )
        == "If a parcel is lost in transit, we verify your address and resend the parcel."
    )
    # nothing to say without the prompt's internals
    assert kb_rule_sentence("Large parcels: call `book_freight` with the parcel id.") is None
    assert kb_rule_sentence("Always be polite.") is None


def test_reply_sentences_with_one_patrons_values_are_rejected() -> None:
    """The sentence is in two replies, but its amount is one patron's fine, not the policy."""
    impact = _impact("article", ARTICLE, "Ask us in chat and we'll renew your loan straight away.")
    pasted = ARTICLE.replace("Ask us in chat and we'll renew your loan straight away.", REPLIES[0])
    [problem] = kb_text_problems(_facts(), impact, pasted)
    assert "numbers that differ between them (24)" in problem


def test_an_article_gains_the_new_rule_as_the_exception_to_its_old_sentence() -> None:
    facts = _facts()
    conflict = "Ask us in chat and we'll renew your loan straight away."
    edit = TemplateDrafter().edit(facts, _impact("article", ARTICLE, conflict))

    assert edit.new_body == ARTICLE.replace(
        "straight away.",
        "straight away, with one exception: for patrons with fines of $20 or more who ask to "
        "renew, we first look up the account and offer a payment plan instead.",
    )
    assert "$24" not in edit.new_body and "Since you owe" not in edit.new_body


def test_a_macro_states_the_new_rule_for_the_customers_it_reaches() -> None:
    edit = TemplateDrafter().edit(
        _facts(), _impact("macro", MACRO, "We've renewed your loan as requested.")
    )
    assert edit.new_body == MACRO.replace(
        "We've renewed your loan as requested.",
        "For patrons with fines of $20 or more who ask to renew, we first look up the account "
        "and offer a payment plan instead.",
    )
    assert "Use this version for" in edit.rationale


def test_a_universal_claim_on_the_rules_topic_takes_the_exception() -> None:
    """A sentence saying the old handling holds for any case ("Any parcel … by courier") is
    what the new exception contradicts, even when it names no tool the agent stopped using."""
    rule = (
        "Parcels over 30 kg are not collected by courier: call `book_freight` with the parcel "
        "id, and tell the customer a freight agent will email them within 2 days."
    )
    facts = _facts()
    facts.rules = [Rule("H1", "sentence_added", "Pickups", None, rule, "sentence added")]
    facts.before_actions = [ActionFact("book_courier")]
    facts.after_actions = [ActionFact("book_freight")]
    body = (
        "# Pickups\n\nAny parcel can be collected by courier from your door. Book a pickup in "
        "the app.\n"
    )
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Pickups", body, "markdown", "kb", "p")])
    [impact] = rank_items(facts, kb)
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == (
        "# Pickups\n\nAny parcel can be collected by courier from your door, with one exception: "
        "parcels over 30 kg are not collected by courier, and a freight agent will email you "
        "within 2 days. Book a pickup in the app.\n"
    )


def test_a_heading_names_a_topic_and_never_describes_the_old_action() -> None:
    """ "# Renewing your loans" names both words of `renew_loan`; only sentences count."""
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Renewals", ARTICLE, "markdown", "kb", "r")])
    [impact] = rank_items(_facts(), kb)
    assert [c.sentence for c in impact.conflicts] == [
        "Ask us in chat and we'll renew your loan straight away.",
        "You can renew each loan up to 3 times.",
    ]


def test_past_tense_with_a_doubled_consonant_describes_the_action() -> None:
    facts = _facts()
    facts.before_actions = [ActionFact("cancel_booking")]
    facts.rules = []  # the loans rule's topic (renewing) is not this booking's
    body = "We've cancelled your booking as requested."
    kb = KnowledgeBase([KnowledgeItem("macro", "1", "Booking", body, "plain", "kb", "m")])
    [impact] = rank_items(facts, kb)
    assert [c.sentence for c in impact.conflicts] == [body]


def test_the_note_carries_the_moved_fact_of_the_attributed_rule() -> None:
    """The replies never state the new period (they book a repair); the note quotes the prompt
    sentence whose value moved, so the new fact (2-year) is in it."""
    old = "Every bike has a 1-year frame warranty from the purchase date."
    new = (
        "E-bikes (pedal-assist) have a 2-year frame warranty from the purchase date; other "
        "bikes have a 1-year warranty."
    )
    rules = [Rule("H1", "sentence_changed", "Warranty", old, new, "sentence changed")]
    facts = ChangeFacts(
        id="C1",
        title="now calls book_repair",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        after_actions=[ActionFact("book_repair")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "bike_type", "op": "=", "value": "e-bike"}]})
        ],
        rules=rules,
        moves=rule_moves(rules),
        excerpts=[
            Excerpt.from_dict(
                {"probe_id": "p1", "old": "That costs $80.", "new": "Booked, free of charge."}
            )
        ],
        others=5,
    )
    note = TemplateDrafter().note(facts, [], None)
    assert "2-year frame warranty" in note.after
    assert note.before == f"The old prompt said: “{old}”"


def test_inclusive_bounds_are_said_as_inclusive() -> None:
    assert condition_words(
        [Atom.from_dict({"feature": "tenure_months", "op": ">=", "value": 12})]
    ) == ("conversations with tenure of 12 months or more")
    assert condition_words([Atom.from_dict({"feature": "fines", "op": "<", "value": 20})]) == (
        "conversations with fines under 20"
    )


def test_a_value_added_for_a_subset_is_written_beside_the_old_one() -> None:
    """The prompt adds "(60 days for students)" beside the old 21 days: the KB sentence stating
    21 days gains the aside in the prompt's words, and "the same for everyone, students
    included" goes, since it is no longer true; the rest stays byte for byte."""
    rules = [
        Rule(
            "H1",
            "sentence_changed",
            "Loans",
            "Books can be borrowed for 21 days with `lend_book`.",
            "Books can be borrowed for 21 days (60 days for students) with `lend_book`.",
            "sentence changed",
        )
    ]
    [move] = rule_moves(rules)
    assert (move.old, move.new, move.scope) == ("21 days", "60 days", "for students")
    facts = ChangeFacts(
        id="C1",
        title="now calls lend_book",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        after_actions=[ActionFact("lend_book")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "patron_type", "op": "=", "value": "student"},
                        {"feature": "days", "op": "between", "low": 21.0, "high": 60.0},
                    ]
                }
            )
        ],
        rules=rules,
        moves=[move],
        others=4,
    )
    facts.excerpts = [
        Excerpt(
            "p1",
            "You took it out 30 days ago, so it is overdue and a fine applies from today.",
            "Your loan runs until March 3.",
        ),
    ]
    body = (
        "# Borrowing\n\nBooks can be borrowed for **21 days** from any branch. The loan period is "
        "the same for every patron, students included.\n\n## After 21 days\n\nLate books cost "
        "$0.25 a day.\n"
    )
    macro = "Hi,\n\nYou took it out more than 21 days ago, so it is overdue and a fine applies."
    trap = "Hi,\n\nReading room passes last 21 days."
    kb = KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Borrowing", body, "markdown", "kb", "b"),
            KnowledgeItem("macro", "2", "Overdue", macro, "plain", "kb", "m"),
            KnowledgeItem("macro", "3", "Reading room", trap, "plain", "kb", "t"),
        ]
    )
    edits = {
        impact.item.id: TemplateDrafter().edit(facts, impact).new_body
        for impact in rank_items(facts, kb)
        if impact.affected
    }
    assert edits == {
        "1": (
            "# Borrowing\n\nBooks can be borrowed for **21 days** (60 days for students) from any "
            "branch.\n\n## After 21 days (60 days for students)\n\nLate books cost $0.25 a "
            "day.\n"
        ),
        # it says the old rule the way the changed conversations' old replies did
        "2": (
            "Hi,\n\nYou took it out more than 21 days (60 days for students) ago, so it is "
            "overdue and a fine applies."
        ),
    }


def test_a_rule_for_some_categories_is_written_where_the_kb_states_it_for_all() -> None:
    """The prompt's rule for everyone ("Rooms over 2 guests and up to 4 guests pay $30 a
    night") becomes a rule for two room types ("Suite and Loft rooms: up to 4 guests stay
    free"). The KB's claim for every room that draws the line the change crosses ("up to 2
    guests in every room"), its restatement of the old numbers, and the table rows of the named
    types take the exception; a sentence sharing only some of the numbers on another topic
    ("cots up to 4 … $30 … every room") and the other rows stay byte for byte."""
    old = "Rooms over 2 guests and up to 4 guests pay $30 a night, charged with `charge_extra`."
    new = "Suite and Loft rooms: up to 4 guests stay free, with no extra guest fee."
    facts = ChangeFacts(
        id="C1",
        title="no longer calls charge_extra",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("charge_extra")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "room_type", "op": "in", "value": ["suite", "loft"]},
                        {"feature": "guests", "op": "between", "low": 2.0, "high": 4.0},
                    ]
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Rooms", old, new, "sentence changed")],
        excerpts=[
            Excerpt.from_dict(
                {"probe_id": "p1", "old": "That is $30 a night extra.", "new": "No fee."}
            )
        ],
        others=6,
    )
    body = (
        "# Guests\n\nUp to 2 guests can stay in every room.\n\nRooms over 2 guests and up to 4 "
        "guests cost $30 a night extra. Cots up to 4 years cost $30 in every room.\n\n"
        "| Room | Includes |\n| --- | --- |\n| Standard | 2 guests |\n| Suite | 2 guests, "
        "breakfast |\n| Loft | 2 guests, a terrace |\n"
    )
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Guests", body, "markdown", "kb", "g")])
    [impact] = rank_items(facts, kb)
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == (
        # the claim for every room gives way to its exception ("in every room, with one
        # exception" would still say it of every room)
        "# Guests\n\nUp to 2 guests can stay, with one exception: for suite and "
        "Loft rooms, up to 4 guests stay free, with no extra guest fee.\n\nExcept for suite and "
        "Loft rooms, rooms over 2 guests and up to 4 guests cost $30 a night extra. Cots up to 4 "
        "years cost $30 in every room.\n\n| Room | Includes |\n| --- | --- |\n| Standard | 2 "
        "guests |\n| Suite | 2 guests, breakfast; up to 4 guests stay free, with no extra guest "
        "fee |\n| Loft | 2 guests, a terrace; up to 4 guests stay free, with no extra guest fee |\n"
    )


def test_a_range_is_one_value_when_a_sentence_restates_an_old_rule() -> None:
    """ "5-7 business days" is one value: a sentence on another topic stating it does not
    restate every number of the old rule."""
    from behaviordiff.drafting.rules import restates_old_values

    rule = Rule(
        "H1",
        "sentence_changed",
        "Cards",
        "Lost cards: order a new card, which arrives within 5-7 business days.",
        "Lost cards: before ordering a new card, verify the customer's email.",
        "sentence changed",
    )
    assert not restates_old_values(rule, "Your first card arrives within 5-7 business days.")
    assert kb_rule_sentence(rule.new) == (
        "For lost cards, we verify your email before ordering a new card."
    )


def test_a_macro_for_the_customers_reached_drops_a_promise_the_agent_no_longer_makes() -> None:
    body = MACRO.replace("Your new due", "It is yours for 21 more days. Your new due")
    item = KnowledgeItem("macro", "1", "Renewed", body, "plain", "kb", "m")
    impact = Impact(
        item,
        1.0,
        [
            Conflict(0, "We've renewed your loan as requested.", ("describes `renew_loan`, …",)),
            Conflict(
                1,
                "It is yours for 21 more days.",
                ("states 21 days, which the new agent no longer states",),
            ),
        ],
    )
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body == MACRO.replace(
        "We've renewed your loan as requested.",
        "For patrons with fines of $20 or more who ask to renew, we first look up the account "
        "and offer a payment plan instead.",
    )
    assert "drops “It is yours for 21 more days.”" in edit.rationale
