"""A count once given every case, split at a line on a number: a made-up swimming pool gave
every new swimmer one free lesson, whatever their age; now swimmers over 65 get two
(`swimmer_age > 65`: book_lesson lessons 1 → 2) and the rest keep one, said in a sentence the
new prompt added. A KB clause claiming the old count whatever the age says both statements in
its place ("Swimmers over 65 get two free lessons, and swimmers aged 65 and under get one free
lesson"), in prose and after a list item's colon; the rest of each sentence and the traps (65
lanes, one free towel, a sentence without the claim) stay."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.everyband import banded_text, every_band
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, moved_facts

OLD = (
    "Every new swimmer gets one free lesson, whatever their age: call `book_lesson` (name, "
    "swimmer_age, lessons) with lessons 1."
)
BAND = (
    "Swimmers over 65 get two free lessons: call `book_lesson` (name, swimmer_age, lessons) "
    "with lessons 2."
)
REST = (
    "Swimmers aged 65 and under get one free lesson: call `book_lesson` (name, swimmer_age, "
    "lessons) with lessons 1."
)
SAID = "Swimmers over 65 get two free lessons, and swimmers aged 65 and under get one free lesson"


def _facts(rest: bool = True) -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Lessons", OLD, BAND, "changed")]
    if rest:
        rules.append(Rule("H2", "sentence_added", "Lessons", None, REST, "added"))
    return moved_facts(
        rules,
        [
            {"feature": "swimmer_age", "op": ">", "value": 65},
            {"feature": "tag:lesson", "op": "tag"},
        ],
        title="book_lesson: lessons 1 → 2",
    )


def test_the_split_is_read_from_the_changed_and_the_added_sentence() -> None:
    split = every_band(_facts())
    assert split is not None
    assert split.band == "Swimmers over 65 get two free lessons"
    assert split.rest == "Swimmers aged 65 and under get one free lesson"
    # no sentence keeps the old count for the rest: not this split
    assert every_band(_facts(rest=False)) is None


def test_a_clause_claiming_the_old_count_whatever_the_age_says_both() -> None:
    split = every_band(_facts())
    assert split is not None
    assert (
        banded_text(
            split,
            "Every new swimmer gets one free lesson, whatever their age, so they can try us out.",
        )
        == f"{SAID}, so they can try us out."
    )
    assert banded_text(split, "Book your first lesson: one per swimmer, whatever their age.") == (
        f"Book your first lesson: {SAID[:1].lower()}{SAID[1:]}."
    )
    # no claim over every age, or a claim over something else: not this rule
    assert banded_text(split, "Every new swimmer gets one free lesson.") is None
    assert banded_text(split, "You get one free towel, whatever the weather.") is None


def test_the_template_edit_says_both_and_keeps_the_traps() -> None:
    facts = _facts()
    macro = kb_item(
        "lesson-booked",
        "Hi {{ticket.requester.first_name}},\n\nEvery new swimmer gets one free lesson, whatever "
        "their age, so they can try us out. We have 65 lanes and one free towel each.\n\nSee you "
        "in the pool!",
        kind="macro",
    )
    drafted = TemplateDrafter().edit(facts, rank_items(facts, KnowledgeBase([macro]))[0])
    assert drafted.new_body == (
        "Hi {{ticket.requester.first_name}},\n\n"
        f"{SAID}, so they can try us out. We have 65 lanes and one free towel each.\n\nSee you "
        "in the pool!"
    )


def test_a_table_cell_is_said_inside_its_bars() -> None:
    split = every_band(_facts())
    assert split is not None
    assert banded_text(split, "| Taster | one free lesson, whatever your age |") == (
        f"| Taster | {SAID[:1].lower()}{SAID[1:]} |"
    )


def test_the_clause_starts_at_the_nearest_mark_and_keeps_a_placeholder() -> None:
    split = every_band(_facts())
    assert split is not None
    assert (
        banded_text(
            split,
            "Hi {{ticket.requester.first_name}}, every new swimmer gets one free lesson, whatever "
            "their age.",
        )
        == f"Hi {{{{ticket.requester.first_name}}}}, {SAID[:1].lower()}{SAID[1:]}."
    )
    # the statement began before the comma: not cut in two
    assert (
        banded_text(split, "Every swimmer, young or old, gets one free lesson, whatever their age.")
        is None
    )
    # markup inside the clause: never rewritten
    assert (
        banded_text(split, "Every new swimmer gets <b>one free lesson</b>, whatever their age.")
        is None
    )


def test_html_is_edited_inside_one_text_run_else_flagged() -> None:
    facts = _facts()
    plain = replace(
        kb_item(
            "p",
            "<p>Every new swimmer gets one free lesson, whatever their age.</p>"
            "<p>See <b>you</b></p>",
        ),
        body_format="html",
    )
    drafted = TemplateDrafter().edit(facts, rank_items(facts, KnowledgeBase([plain]))[0])
    assert drafted.new_body == f"<p>{SAID}.</p><p>See <b>you</b></p>"
    bold = replace(
        kb_item("b", "<p>Every new swimmer gets <b>one free lesson</b>, whatever their age.</p>"),
        body_format="html",
    )
    drafted = TemplateDrafter().edit(facts, rank_items(facts, KnowledgeBase([bold]))[0])
    assert drafted.new_body is None
    assert "No safe rewrite" in drafted.rationale
