"""A KB sentence read with what it is said under (`drafting.context.said_under`): the answer of a
Q&A with its question and section heading, a list item with its lead-in, a table row with its
header row and its label, both when the drafter looks for the old rule and when it rewrites it.

Made-up agents unlike any scenario: a dog groomer whose free-cancellation notice moves from 24
to 48 hours (a value said in an answer and a list item that name no topic), a climbing centre
whose bouldering is no longer for members only (an exclusive claim dropped for everyone, said
in a table row, a Q&A answer), a library that now takes a council tax letter as proof of address
beside a utility bill (an alternative added to what was the only one, said in a checklist). The
traps: the same number or the same "only" on another subject in the same item, a heading alone
naming the topic, another row of the same table."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.context import said_under
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.promptrule import dropped_exclusives
from behaviordiff.drafting.rules import RuleMove
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

# --- a moved value said in an answer and a list item -------------------------------------------

OLD_NOTICE = (
    "Customers can cancel a grooming appointment free of charge up to 24 hours before it starts."
)
NEW_NOTICE = (
    "Customers can cancel a grooming appointment free of charge up to 48 hours before it starts."
)
ANSWER = "At least 24 hours before it starts."
ITEM = "- 24 hours' notice"
GROOMING = f"""# Grooming appointments

## Cancelling an appointment

**How much notice do you need?**
{ANSWER}

**How quickly do you answer emails?**
Within 24 hours.

To cancel for free, we need:

{ITEM}
- your booking reference

## Refunds

- Refunds reach your card within 24 hours
"""


def _notice() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Cancelling", OLD_NOTICE, NEW_NOTICE, "changed")]
    atoms: list[dict[str, object]] = [
        {
            "feature": "hours_before",
            "op": "between",
            "low": 24.0,
            "high": 48.0,
            "low_inclusive": True,
            "high_inclusive": False,
        },
    ]
    facts = moved_facts(rules, atoms, title="now calls charge_fee")
    facts.moves = [RuleMove("H1", OLD_NOTICE, NEW_NOTICE, "24 hours", "48 hours", "value")]
    return facts


def _found(facts: ChangeFacts, body: str, title: str = "Grooming") -> list[str]:
    knowledge = KnowledgeBase([kb_item("groom", body, "article", title=title)])
    return [c.sentence for impact in rank_items(facts, knowledge) for c in impact.conflicts]


def test_an_answer_is_read_with_its_question_and_its_section_heading() -> None:
    found = _found(_notice(), GROOMING)
    assert ANSWER in found
    # the list item is read with its lead-in ("To cancel for free, we need:")
    assert ITEM.lstrip("- ") in " ".join(found)


def test_the_same_number_on_another_subject_stays_under_an_on_topic_heading() -> None:
    found = _found(_notice(), GROOMING)
    # an answer whose question and words share nothing with the rule, under the same heading
    assert "Within 24 hours." not in found
    # a list right under a heading naming the refunds: the heading is no lead-in
    assert not any("Refunds reach your card" in sentence for sentence in found)


def test_a_heading_alone_never_puts_a_list_on_the_topic() -> None:
    body = "# Grooming\n\n## Cancelling an appointment\n\n- Nail trims take 24 hours to book\n"
    assert _found(_notice(), body) == []


def test_said_under_reads_each_unit_once() -> None:
    item_units = units(GROOMING)
    under = said_under(item_units, GROOMING)
    at = {unit.text: said for unit, said in zip(item_units, under, strict=True)}
    assert at[ANSWER].near == "How much notice do you need?"
    assert at[ANSWER].heading == "Cancelling an appointment"
    assert at[ITEM].near == "To cancel for free, we need:"
    assert at["- Refunds reach your card within 24 hours"].near == ""
    table = "| Kind | Price |\n|---|---|\n| Wash | £20 |\n"
    rows = units(table)
    assert said_under(rows, table)[2].near == "| Kind | Price |"
    assert said_under(rows, table)[1].near == ""


# --- an exclusive claim dropped ----------------------------------------------------------------

OLD_BOULDER = (
    "Bouldering is only for members: book a session with `book_wall` and tell them it's £8."
)
NEW_BOULDER = (
    "Bouldering is for every visitor, member or not: book a session with `book_wall` and tell "
    "them it's £8."
)
SAUNA = "The sauna is only for members."
BOULDER_ROW = "| Bouldering | Members only | £8 a session |"
SAUNA_ROW = "| Sauna | Members only | £5 |"
CENTRE = f"""# What you can do at the centre

| Activity | Who can book | Price |
|---|---|---|
{BOULDER_ROW}
{SAUNA_ROW}
"""
BOULDER_ANSWER = "Only if you're a member: the bouldering wall is a members' perk."
FAQ = f"""# Bouldering

## Can I go bouldering?

{BOULDER_ANSWER}

## How many sessions can I book?

Only one session per day, for members and visitors alike.
"""


def _climbing(old: str = OLD_BOULDER, new: str = NEW_BOULDER) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls book_wall",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=8,
        conditions=[
            Condition.from_dict(
                {
                    "text": "visitor_type = guest",
                    "atoms": [{"feature": "visitor_type", "op": "=", "value": "guest"}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Bouldering", old, new, "changed")],
        prompt_sections={
            "Bouldering": [new, "Each visitor can book one session per day."],
            "Sauna": [SAUNA],
        },
    )


def _edit(facts: ChangeFacts, key: str, body: str) -> tuple[list[str], str | None]:
    knowledge = KnowledgeBase([kb_item(key, body, "article", title=key.title())])
    impacts = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    if not impacts:
        return [], None
    impact: Impact = impacts[0]
    found = [conflict.sentence for conflict in impact.conflicts]
    return found, TemplateDrafter().edit(facts, impact).new_body


def test_a_row_keyed_by_the_topic_changes_only_its_exclusive_cell() -> None:
    found, body = _edit(_climbing(), "centre", CENTRE)
    assert found == [BOULDER_ROW]
    assert body == CENTRE.replace(
        BOULDER_ROW, "| Bouldering | Every visitor, member or not | £8 a session |"
    )
    # another service's row saying the same "Members only" stays byte for byte
    assert SAUNA_ROW in body


def test_an_answer_opening_on_the_claim_stays_a_short_answer() -> None:
    found, body = _edit(_climbing(), "faq", FAQ)
    assert found == [BOULDER_ANSWER]
    assert body == FAQ.replace(
        BOULDER_ANSWER, "Yes: bouldering is for every visitor, member or not."
    )


def test_an_only_of_another_thing_is_no_dropped_claim() -> None:
    body = "# Bouldering\n\n## How many sessions can I book?\n\nOnly one session per day.\n"
    found, _ = _edit(_climbing(), "faq", body)
    assert found == []


def test_a_claim_kept_in_other_words_is_not_dropped() -> None:
    # "only for members" → "for members alone": still exclusive, no claim dropped, and the
    # row is no exclusive writer's
    facts = _climbing(new=OLD_BOULDER.replace("only for members", "for members alone"))
    assert dropped_exclusives(facts) == []
    assert [d.restricted for d in dropped_exclusives(_climbing())] == [frozenset({"member"})]


OLD_PROOF = "Borrowers prove their address only with a utility bill, then we print the card."
NEW_PROOF = (
    "Borrowers prove their address with a utility bill or a council tax letter, then we print "
    "the card."
)
BILL = "- A utility bill (the only proof of address we accept)"
JOINING = f"""# Joining the library

## What to bring

- A photo of yourself
{BILL}

## Booking a study room

- Your library card (the only card we accept)
"""


def _library() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls print_card",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=8,
        conditions=[
            Condition.from_dict(
                {
                    "text": "proof = council_tax",
                    "atoms": [{"feature": "proof", "op": "=", "value": "council_tax"}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Joining", OLD_PROOF, NEW_PROOF, "changed")],
        prompt_sections={
            "Joining": [NEW_PROOF],
            "Study rooms": ["Study rooms are booked with the library card only."],
        },
    )


def test_a_checklist_item_takes_the_added_alternative_and_stays_a_fragment() -> None:
    found, body = _edit(_library(), "joining", JOINING)
    assert found == [BILL]
    assert body == JOINING.replace(BILL, "- A utility bill or a council tax letter")
    assert "- Your library card (the only card we accept)" in body


def test_only_a_yes_no_question_whose_answer_is_all_claim_gets_a_yes() -> None:
    who = FAQ.replace("## Can I go bouldering?", "## Who can go bouldering?")
    _, body = _edit(_climbing(), "faq", who)
    assert body is None or "Yes:" not in body
    how = (
        "# Bouldering\n\n## Can I book the bouldering wall?\n\n"
        "Only if you're a member: ask at the desk.\n"
    )
    _, body = _edit(_climbing(), "faq", how)
    assert body is None or "ask at the desk" in body


def test_a_cell_in_the_prompts_voice_is_flagged_not_written() -> None:
    new = (
        "Bouldering is open to the customer whether or not they hold a membership: book a "
        "session with `book_wall` and tell them it's £8."
    )
    _, body = _edit(_climbing(new=new), "centre", CENTRE)
    assert body is None or "the customer" not in body


def test_a_row_whose_cell_cannot_take_the_rule_is_flagged_not_rewritten_whole() -> None:
    new = (
        "Bouldering is open to the customer whether or not they hold a membership: book a "
        "session with `book_wall` and tell them it's £8."
    )
    found, body = _edit(_climbing(new=new), "centre", CENTRE)
    assert found == [BOULDER_ROW]
    assert body is None


def test_another_writer_may_take_a_flagged_exclusive_row_only_by_adding_to_it() -> None:
    """A row of a dropped "only" claim its own writer cannot say stays flagged unless another
    writer's edit only adds words (names who else: "free for Blue Badge holders and parents on
    the neonatal unit only"); an edit writing the rule's clauses over the cell does not."""
    from behaviordiff.drafting.template import only_adds

    row = "| Daily permit | £3.50 a day, free for Blue Badge holders only |"
    added = "| Daily permit | £3.50 a day, free for Blue Badge holders and neonatal parents only |"
    assert only_adds(row, added)
    assert not only_adds("| Bouldering | Members only | £8 |", "| Bouldering | We book it | £8 |")
    assert not only_adds(row, row.replace("£3.50", "£4"))
