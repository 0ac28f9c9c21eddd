"""Flag, don't guess: failure classes of the second scenario round, each on a small case of its
own (a bike shop's repairs, a courier's parcels). A KB item that shares the change's topic word
is no trap for the old action; a macro never gains one agent's "I"; a rule that only says what
not to do is read with the sentence that says what to do instead; placeholders survive."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Atom, Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter, condition_words
from behaviordiff.drafting.drafters import kb_text_problems
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact, sentence_conflict
from behaviordiff.drafting.rules import (
    continued_rule,
    kb_rule_sentence,
    told_statement,
    weakened_clauses,
)
from behaviordiff.kb.model import KnowledgeItem

DONT = "Bicycles of the cargo class: do not fix them at the counter yourself."
INSTEAD = (
    "Pass the request to the workshop team with `book_workshop` and tell the customer the "
    "workshop team will call them within 2 days."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for bringing your bicycle in. We'll fix it "
    "on ticket {{ticket.custom_field_repair_ref}}, so there's nothing more to do.\n\n"
    "Happy riding,\n{{current_user.first_name}}"
)
FIX = "We'll fix it on ticket {{ticket.custom_field_repair_ref}}, so there's nothing more to do."
REPLY = "Cargo bikes go to our workshop team, so I've passed your request to a mechanic."


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="fix_bicycle → book_workshop",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=[f"cargo-{n}" for n in range(3)],
        before_actions=[ActionFact("fix_bicycle")],
        after_actions=[ActionFact("book_workshop")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "tag:bicycle", "op": "tag"},
                        {"feature": "bike_class", "op": "in", "value": ["cargo"]},
                    ]
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Repairs", "Fix bicycles at the counter.", DONT, "…"),
            Rule("H2", "sentence_added", "Repairs", None, INSTEAD, "…"),
            Rule("H3", "sentence_added", "Repairs", None, "Other bicycles: fix them.", "…"),
        ],
        excerpts=[
            Excerpt.from_dict(item)
            for item in [
                {"probe_id": f"cargo-{n}", "old": "Done, it's fixed.", "new": REPLY}
                for n in range(3)
            ]
        ],
        others=5,
    )


def _impact(conflict: str) -> Impact:
    item = KnowledgeItem("macro", "7", "Repair::Received", MACRO, "markdown", "kb", "m.json")
    return Impact(item, 1.0, [Conflict(0, conflict, ("describes `fix_bicycle`, which …",))])


def test_the_topic_word_of_a_tools_name_does_not_make_a_sentence_describe_it() -> None:
    """Every conversation of the change is about bicycles: "the bicycle" says nothing about
    fixing one; the verb does."""
    facts = _facts()
    assert sentence_conflict(facts, "Thanks for bringing your bicycle in.") == ()
    assert sentence_conflict(facts, "Bicycle Care brings the labour cost down to $0.") == ()
    assert sentence_conflict(facts, FIX) == (
        "describes `fix_bicycle`, which the new agent no longer does",
    )


def test_an_agents_first_person_reply_never_enters_a_macro_that_never_says_i() -> None:
    """The reply is in every conversation, so it is no one conversation's copy; it is still
    one agent's voice, which the macro signed by the team does not speak in."""
    pasted = MACRO.replace(FIX, REPLY)
    problems = kb_text_problems(_facts(), _impact(FIX), pasted)
    assert any("first person, which the macro never does" in p for p in problems)


def test_a_dropped_placeholder_is_refused() -> None:
    new = MACRO.replace(FIX, "We pass your request to the workshop team.")
    problems = kb_text_problems(_facts(), _impact(FIX), new)
    assert any("{{ticket.custom_field_repair_ref}}" in p for p in problems)


def test_a_rule_that_only_says_what_not_to_do_is_read_with_the_next_sentence() -> None:
    rules = _facts().rules
    quoted, joined = continued_rule(rules, INSTEAD) or ("", "")
    assert quoted == f"{DONT} {INSTEAD}"
    assert kb_rule_sentence(joined) == (
        "For bicycles of the cargo class, we pass the request to the workshop team, and the "
        "workshop team will call you within 2 days."
    )
    # a sentence with a head of its own is its own rule; a rule that says what to do needs none
    assert continued_rule(rules, "Other bicycles: fix them.") is None
    assert continued_rule([rules[1], rules[2]], INSTEAD) is None


def test_the_macro_states_the_rule_keeps_its_placeholder_and_copies_no_reply() -> None:
    edit = TemplateDrafter().edit(_facts(), _impact(FIX))
    assert edit.new_body == MACRO.replace(
        FIX,
        "For bicycles of the cargo class, we pass the request to the workshop team, and the "
        "workshop team will call you within 2 days (ticket {{ticket.custom_field_repair_ref}}).",
    )
    assert "I've" not in edit.new_body


# a promise made weaker on every conversation of one topic (a courier's deliveries)
OLD_PROMISE = "Tell them parcels arrive within 2 days and that a courier rings them on the day."
NEW_PROMISE = (
    "Tell them parcels usually take up to 5 working days and are tracked in the app; a courier "
    "only rings if nobody is home."
)
ARTICLE = """# Deliveries

## When will my parcel arrive?

Parcels leave our own depot every night, so they arrive within 2 days. A courier rings you on
the day and hands it over in person.

## Can I change the address?

Yes, until the parcel leaves the depot.
"""
STATED = "Parcels leave our own depot every night, so they arrive within 2 days."
RINGS = "A courier rings you on the day and hands it over in person."
TRAP = "Gift wrapping is ready to collect at the counter within 2 days."


def _weaker() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="2 days → 5 business days",
        kind="promises",
        facets=["promises"],
        probe_ids=["d1", "d2", "d3"],
        removed_promises=[Promise("duration", "2 days", "shipping")],
        added_promises=[Promise("duration", "5 business days", "shipping")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:delivery", "op": "tag"}]})],
        rules=[Rule("H1", "sentence_changed", "Deliveries", OLD_PROMISE, NEW_PROMISE, "…")],
        excerpts=[
            Excerpt.from_dict(item)
            for item in [
                {
                    "probe_id": f"d{n}",
                    "old": "Your parcels arrive within 2 days, and a courier rings you on the day.",
                    "new": "It usually takes up to 5 working days; track it in the app.",
                }
                for n in range(1, 4)
            ]
        ],
        others=4,
    )


def test_the_same_value_on_another_topic_is_no_conflict() -> None:
    """ "within" says how the value is stated, not what it is about: gift wrapping shares no
    topic with the deliveries the old replies promised."""
    assert sentence_conflict(_weaker(), TRAP) == ()
    # the clause that states the value is compared, not the whole sentence
    assert sentence_conflict(_weaker(), STATED)


def test_a_sentence_stating_the_weakened_part_of_the_old_rule_conflicts() -> None:
    assert weakened_clauses(OLD_PROMISE, NEW_PROMISE) == [
        (
            "a courier rings them on the day",
            {"courier", "ring"},
            "a courier only rings if nobody is home",
        )
    ]
    [reason] = sentence_conflict(_weaker(), RINGS)
    assert "a courier only rings if nobody is home" in reason
    assert sentence_conflict(_weaker(), "We ring you if the courier cannot find you.") == ()


def test_a_weaker_promise_replaces_the_sentences_stating_the_old_one() -> None:
    assert told_statement(NEW_PROMISE) == (
        "Parcels usually take up to 5 working days and are tracked in the app; a courier only "
        "rings if nobody is home."
    )
    facts = _weaker()
    item = KnowledgeItem("article", "1", "Deliveries", ARTICLE, "markdown", "kb", "d.md")
    conflicts = [Conflict(0, text, sentence_conflict(facts, text)) for text in (STATED, RINGS)]
    edit = TemplateDrafter().edit(facts, Impact(item, 1.0, conflicts))
    assert edit.new_body == ARTICLE.replace(
        "every night, so they arrive within 2 days. A courier rings you on\nthe day and hands "
        "it over in person.",
        "every night. Parcels usually take up to 5 working days and are tracked in the app; a "
        "courier only rings if nobody is home.",
    )
    assert "(5 business days for" not in edit.new_body


def test_the_note_quotes_the_prompt_sentence_that_states_the_new_promise() -> None:
    note = TemplateDrafter().note(_weaker(), [], None)
    assert "tracked in the app" in note.after


BOOKING = """# Tables

## Can I book a table in chat?

Yes. Message us and we'll book your table at the counter for you. A deposit of $10 is paid
back within 2 days after your visit.

## Is there parking?

Yes, parking is free.
"""
BOOKS = "Message us and we'll book your table at the counter for you."
DEPOSIT = "A deposit of $10 is paid back within 2 days after your visit."


def test_a_tool_the_config_no_longer_declares_makes_the_kb_say_we_can_no_longer() -> None:
    facts = ChangeFacts(
        id="C1",
        title="No longer calls book_table",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["b1", "b2"],
        before_actions=[ActionFact("book_table")],
        removed_promises=[Promise("duration", "2 days")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:booking", "op": "tag"}]})],
        rules=[
            Rule(
                "H1",
                "tool_removed",
                None,
                None,
                None,
                "tool book_table removed",
                tool="Book a guest's table at the counter.",
            )
        ],
        others=3,
    )
    item = KnowledgeItem("article", "1", "Tables", BOOKING, "markdown", "kb", "t.md")
    conflicts = [
        Conflict(0, BOOKS, ("describes `book_table`, which the new agent no longer does",)),
        Conflict(1, DEPOSIT, ("states 2 days, which the new agent no longer states",)),
    ]
    edit = TemplateDrafter().edit(facts, Impact(item, 1.0, conflicts))
    assert edit.new_body == (
        "# Tables\n\n## Can I book a table in chat?\n\n"
        "We can no longer book your table at the counter.\n\n"
        "## Is there parking?\n\nYes, parking is free.\n"
    )
    # without the config's words for the tool there is nothing safe to say
    bare = ChangeFacts(
        **{
            **facts.__dict__,
            "rules": [Rule("H1", "tool_removed", None, None, None, "tool book_table removed")],
        }
    )
    assert TemplateDrafter().edit(bare, Impact(item, 1.0, conflicts)).new_body is None


def test_a_yes_no_feature_is_said_as_having_it_or_not() -> None:
    atoms = [
        {"feature": "tag:refund", "op": "tag"},
        {"feature": "gift_card", "op": "=", "value": False},
    ]
    assert (
        condition_words([Atom.from_dict(item) for item in atoms])
        == "conversations asking about refund and without a gift card"
    )
    assert condition_words(
        [Atom.from_dict({"feature": "gift_card", "op": "=", "value": True})]
    ) == ("conversations with a gift card")


def test_the_note_names_who_keeps_the_old_handling_when_the_prompt_does() -> None:
    facts = ChangeFacts(
        id="C1",
        title="No longer calls waive_fee",
        kind="actions",
        facets=["actions"],
        probe_ids=["f1", "f2"],
        before_actions=[ActionFact("waive_fee")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "loyalty_card", "op": "=", "value": False}]})
        ],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Fees",
                "Waive the late fee with `waive_fee`.",
                "Members with a loyalty card: waive the late fee with `waive_fee`.",
                "…",
            ),
            Rule("H2", "sentence_added", "Fees", None, "All others: the late fee stands.", "…"),
        ],
        excerpts=[
            Excerpt.from_dict({"probe_id": "f1", "old": "Waived!", "new": "The late fee stands."})
        ],
        others=2,
    )
    note = TemplateDrafter().note(facts, [], None)
    assert "The old handling (`waive_fee`) stays for members with a loyalty card." in note.after
    # a change that replaces the action has no one keeping it
    facts.after_actions = [ActionFact("charge_fee")]
    assert "stays for" not in TemplateDrafter().note(facts, [], None).after
