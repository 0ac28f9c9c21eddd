"""A promise the prompt no longer makes is written out of the KB, not only flagged; a table row
is read with its header; a note says the new value the replies state besides moved numbers.
Each on a small case of its own: a water utility's leak reports, a phone shop's screen
repairs."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule, value_pattern
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import (
    KBRule,
    kb_rule,
    replace_clause,
    replaced_statements,
    rule_moves,
)
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import titled_item

OLD_LEAK = (
    "When a customer reports a leak in the street, log it with `log_leak` and tell them an "
    "engineer will visit within 6 hours."
)
NEW_LEAK = (
    "When a customer reports a leak in the street, log it with `log_leak` and tell them we'll "
    "email them a reference when the crew is booked."
)
LEAK_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for reporting the leak in the street. We've "
    "logged it (ref {{ticket.id}}) and an engineer will visit within 6 hours.\n\nBest,\n"
    "{{current_user.first_name}}"
)


def _leak_facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer states 6 hours",
        kind="promises",
        facets=["promises", "meaning"],
        probe_ids=["leak-1", "leak-2", "leak-3"],
        removed_promises=[Promise("duration", "6 hours", "")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:leak", "op": "tag"}]})],
        rules=[Rule("H1", "sentence_changed", "Leaks", OLD_LEAK, NEW_LEAK, "…")],
        excerpts=[
            Excerpt(
                probe_id=f"leak-{n}",
                old="Thanks. I've logged the leak, and an engineer will visit within 6 hours.",
                new="Thanks. I've logged the leak; we'll email you a reference soon.",
            )
            for n in range(1, 4)
        ],
        others=5,
    )


def test_the_clause_a_changed_rule_stopped_telling_is_found_in_the_kbs_voice() -> None:
    assert replaced_statements(OLD_LEAK, NEW_LEAK) == (
        ["an engineer will visit within 6 hours"],
        ["we'll email you a reference when the crew is booked"],
    )
    hours = value_pattern("6 hours")
    # "and" before a clause with a subject of its own joins two clauses; the other stays
    assert (
        replace_clause("We log it and an engineer visits within 6 hours.", hours, "we email you")
        == "We log it and we email you."
    )
    assert replace_clause("An engineer visits within 6 hours.", hours, "") == ""
    # the value in two clauses is no shape to guess in
    assert replace_clause("Within 6 hours, and in 6 hours.", hours, "x") is None


def test_a_promise_the_prompt_no_longer_makes_is_written_out_of_a_macro() -> None:
    facts = _leak_facts()
    knowledge = KnowledgeBase([titled_item("macro", "Leaks::Reported", LEAK_MACRO)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == LEAK_MACRO.replace(
        "an engineer will visit within 6 hours",
        "we'll email you a reference when the crew is booked",
    )
    assert "6 hours" in edit.rationale


OLD_SCREEN = (
    "A cracked screen is repaired free of charge within 12 months of purchase: book it with "
    "`book_repair` (fee 0)."
)
NEW_SCREEN = OLD_SCREEN.replace("12 months", "6 months")
ARTICLE = """# Screen repairs

## Do I pay for a screen repair?

| Phone age | Cracked screen repair |
|---|---|
| Up to 12 months | Free |
| Over 12 months | $89 |

Bring the phone to any store.
"""


def test_table_rows_are_read_with_their_header() -> None:
    rules = [Rule("H1", "sentence_changed", "Repairs", OLD_SCREEN, NEW_SCREEN, "…")]
    facts = ChangeFacts(
        id="C1",
        title="book_repair: fee 0 → 89",
        kind="actions",
        facets=["actions"],
        probe_ids=["phone-8mo", "phone-10mo"],
        after_actions=[ActionFact("book_repair")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "phone_age_months", "op": "between", "low": 6.0, "high": 12.0}
                    ]
                }
            )
        ],
        rules=rules,
        moves=rule_moves(rules),
        excerpts=[Excerpt(probe_id="phone-8mo", old="Booked, free.", new="Booked: $89.")],
        others=4,
    )
    knowledge = KnowledgeBase([titled_item("article", "Screen repairs", ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    # "| Up to 12 months | Free |" alone names no repair; under its header it states the rule,
    # and the table's other row on the same line goes with it
    assert [c.sentence for c in impact.conflicts] == [
        "| Up to 12 months | Free |",
        "| Over 12 months | $89 |",
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == ARTICLE.replace("12 months", "6 months")


def test_a_note_of_moved_numbers_says_the_new_value_customers_are_told() -> None:
    moved = MovedValue(
        ActionFact("book_repair"), "fee", (("phone-8mo", 0.0, 89.0), ("phone-10mo", 0.0, 89.0))
    )
    facts = ChangeFacts(
        id="C1",
        title="book_repair: fee 0 → 89",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["phone-8mo", "phone-10mo"],
        after_actions=[ActionFact("book_repair")],
        added_promises=[Promise("money", "$89.00", "")],
        moved=[moved],
        excerpts=[Excerpt(probe_id="phone-8mo", old="Booked, free.", new="Booked: $89.")],
        others=4,
    )
    note = TemplateDrafter().note(facts, [], None)
    # the new value once, where the impact says what customers pay; not again as told
    assert "now pay a $89 repair fee, where there was none before" in note.customer_impact
    assert "They are now told $89.00" not in note.customer_impact


KEPT = (
    "Members on a student plan: when they ask to pause, freeze the membership with "
    "`freeze_membership` for up to 2 months."
)
NEEDS = "All other members: a freeze now requires proof (a doctor's letter or a travel booking)."
HOW = (
    "Ask them to email it to the front desk, and tell them the manager confirms the freeze "
    "within 3 days."
)
FREEZE_ARTICLE = """# Pausing your membership

## Can I pause?

Yes. You can freeze your membership for up to 2 months. You don't have to show a doctor's
letter or any other proof.

## Does a freeze cost anything?

No. A freeze is free.
"""


def _freeze_facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls freeze_membership",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["pause-1", "pause-2", "pause-3"],
        before_actions=[ActionFact("freeze_membership")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "student_plan", "op": "=", "value": False}]})
        ],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Pausing",
                "When a member asks to pause, freeze the membership with `freeze_membership` "
                "for up to 2 months.",
                KEPT,
                "…",
            ),
            Rule("H2", "sentence_added", "Pausing", None, NEEDS, "…"),
            Rule("H3", "sentence_added", "Pausing", None, HOW, "…"),
        ],
        excerpts=[Excerpt(probe_id="pause-1", old="Done, it's frozen.", new="Please send proof.")],
        others=4,
    )


def test_a_sentence_saying_a_new_requirement_is_not_needed_states_the_old_rule() -> None:
    facts = _freeze_facts()
    knowledge = KnowledgeBase([titled_item("article", "Pausing your membership", FREEZE_ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    negated = "You don't have to show a doctor's letter or any other proof."
    assert negated in [c.sentence for c in impact.conflicts]
    # "free" and "proof" in other words are no negation of the requirement
    assert "No. A freeze is free." not in [c.sentence for c in impact.conflicts]
    edit = TemplateDrafter().edit(facts, impact)
    # "all other members" is said as the exception of the rule that names whom
    assert edit.new_body == FREEZE_ARTICLE.replace(
        "You don't have to show a doctor's\nletter or any other proof.",
        "Except for members on a student plan, a freeze now requires proof (a doctor's letter "
        "or a travel booking). We ask you to email it to the front desk, and the manager "
        "confirms the freeze within 3 days.",
    )


LABELLED = (
    "Exception: members under 18 never pay the late-return fee (fee 0); tell them there is "
    "nothing to pay."
)
LATE_ARTICLE = """# Late returns

Books are due back after 3 weeks. A late-return fee of $2 a day applies. The fee applies to
every member, whatever their age.
"""


def test_an_exception_for_a_subset_is_written_into_the_sentence_claiming_the_rule_for_all() -> None:
    restated = kb_rule(LABELLED)
    # the label is no one the rule is about; the tool's argument aside is no KB text
    assert restated is not None and restated.head == "members under 18"
    assert restated.sentence == (
        "Members under 18 never pay the late-return fee, and there is nothing to pay."
    )
    moved = MovedValue(
        ActionFact("close_loan"), "fee", (("teen-1", 2.0, 0.0), ("teen-2", 4.0, 0.0))
    )
    facts = ChangeFacts(
        id="C1",
        title="close_loan: fee lowered",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["teen-1", "teen-2"],
        after_actions=[ActionFact("close_loan")],
        removed_promises=[Promise("money", "$2.00", "")],
        moved=[moved],
        conditions=[Condition.from_dict({"atoms": [{"feature": "age", "op": "<", "value": 18.0}]})],
        rules=[Rule("H1", "sentence_added", "Loans", None, LABELLED, "…")],
        excerpts=[Excerpt(probe_id="teen-1", old="That's $2 late.", new="Nothing to pay.")],
        others=5,
    )
    knowledge = KnowledgeBase([titled_item("article", "Late returns", LATE_ARTICLE)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == LATE_ARTICLE.replace(
        "The fee applies to\nevery member, whatever their age.",
        "The fee applies, with one exception: members under 18 never pay the late-return fee, "
        "and there is nothing to pay.",
    )


def test_a_promise_whose_prompt_sentence_was_removed_leaves_the_kb_clause_that_states_it() -> None:
    facts = _leak_facts()
    said = "Tell them an engineer will visit within 6 hours."
    facts.rules = [Rule("H1", "sentence_removed", "Leaks", said, None, "…")]
    knowledge = KnowledgeBase([titled_item("macro", "Leaks::Reported", LEAK_MACRO)])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == LEAK_MACRO.replace(" and an engineer will visit within 6 hours", "")
    # the value still stated by the new prompt is no promise it dropped: flagged, not cut
    facts.rules.append(
        Rule("H2", "sentence_added", "Visits", None, "Tell them visits take 6 hours.", "…")
    )
    assert TemplateDrafter().edit(facts, impact).new_body is None


def test_a_requirement_said_to_be_not_needed_in_the_passive_is_found_too() -> None:
    from behaviordiff.drafting.rules import negates_requirement, requirement

    needed = requirement(_freeze_facts().rules)
    assert needed is not None
    assert negates_requirement(needed, "No doctor's letter or other proof is needed.")
    assert not negates_requirement(needed, "A doctor's letter is needed for sick leave.")


def test_a_second_verb_of_the_same_subject_is_no_instruction_of_its_own() -> None:
    assert kb_rule(
        "Lost cards: block the card with `block_card` and tell them the new card is posted "
        "today and is with them within 5 days."
    ) == KBRule(
        "Lost cards",
        False,
        "we block the card, and the new card is posted today and is with you within 5 days",
        "For lost cards, we block the card, and the new card is posted today and is with you "
        "within 5 days.",
    )


OLD_FITTING = (
    "Book it with `book_fitting`, passing the day the customer asks for, and tell them our "
    "fitter will call them the day before, by 5pm, to confirm the time."
)
NEW_FITTING = (
    "Book it with `book_fitting`, passing the day the customer asks for, and confirm the "
    "booking to the customer."
)


def test_a_time_of_day_an_instruction_no_longer_promises_is_deleted_from_the_kb() -> None:
    from behaviordiff.drafting.rules import headless_statements

    # an instruction with no head: only what it told the customer counts, not what the agent
    # now does in the conversation ("confirm the booking")
    assert headless_statements(OLD_FITTING, NEW_FITTING) == (
        ["our fitter will call you the day before, by 5pm, to confirm the time"],
        [],
    )
    assert value_pattern("5pm").search("by 5 p.m. that day")
    assert not value_pattern("5pm").search("by 15pm")
    facts = ChangeFacts(
        id="C1",
        title="no longer states 5pm, a call to the customer",
        kind="promises",
        facets=["promises", "meaning"],
        probe_ids=["fit-1", "fit-2"],
        removed_promises=[Promise("time", "5pm"), Promise("callback", "a call to the customer")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:fitting", "op": "tag"}]})],
        rules=[Rule("H1", "sentence_changed", "Fittings", OLD_FITTING, NEW_FITTING, "…")],
        excerpts=[
            Excerpt(
                probe_id=f"fit-{n}",
                old="Booked! Our fitter will call you the day before, by 5pm, to confirm the time.",
                new="Booked! Your fitting is confirmed.",
            )
            for n in (1, 2)
        ],
        others=4,
    )
    macro = (
        "Hi {{ticket.requester.first_name}},\n\nYour blind fitting is booked. Our fitter will "
        "call you the day before, by 5pm, to confirm the time. Please clear the window sill."
        "\n\nBest,\n{{current_user.first_name}}"
    )
    knowledge = KnowledgeBase([titled_item("macro", "Fitting booked", macro)])
    [impact] = [i for i in rank_items(facts, knowledge) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == macro.replace(
        " Our fitter will call you the day before, by 5pm, to confirm the time.", ""
    )
    assert "drops the promise" in edit.rationale


def test_working_days_are_the_business_days_a_reply_was_compared_on() -> None:
    from behaviordiff.drafting.impact import sentence_conflict

    # replies' "10 working days" is kept as "10 business days": a KB sentence saying it
    # either way states the promise the new agent dropped
    assert value_pattern("10 business days").search("replies within 10 working days")
    assert not value_pattern("10 business days").search("within 10 days")
    facts = ChangeFacts(
        id="C1",
        title="log_complaint → transfer_to_desk",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["c-1", "c-2"],
        removed_promises=[Promise("duration", "10 business days", "")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:complaint", "op": "tag"}]})],
        excerpts=[
            Excerpt(
                probe_id=f"c-{n}",
                old="Sorry. I've noted it, and our service desk will reply within 10 working days.",
                new="Sorry. I'm passing you to our service desk now.",
            )
            for n in (1, 2)
        ],
        others=4,
    )
    assert sentence_conflict(
        facts, "We note your complaint and our service desk replies within 10 working days."
    ) == ("states 10 business days, which the new agent no longer states",)
