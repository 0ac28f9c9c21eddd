"""A minimum raised on a count, stated in an FAQ by a short answer whose topic is its question:
a climbing wall now books team sessions for at least 6 climbers (it was 4). "Yes, for 4
people or more." under "## Can we book a team session?" names no word of the rule: read with
its question, as a table row is read with its header, it states the old minimum and is
rewritten in its own voice. The section's other sentence stating 4 about
something else, and a short answer stating 4 under another question, stay as they are."""

from __future__ import annotations

import pytest

from behaviordiff.drafting.answers import asked, measured_otherwise, short_answer
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import band_atom, moved_facts

OLD = "Team climbing sessions need at least 4 climbers."
NEW = "Team climbing sessions need at least 6 climbers."


def _facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Sessions", OLD, NEW, "sentence changed")]
    return moved_facts(rules, [band_atom("climbers", 4, 6)], title="now books a taster")


def _article(answer: str) -> str:
    return f"""# Booking the wall

## Can we book a team session?

{answer} Bring 4 pairs of clean shoes if you have them.

## How long can we stay?

Up to 4 hours.

## Do you lend harnesses?

Yes, up to 4 per booking, free of charge.
"""


def _edit(body: str) -> tuple[list[str], str | None]:
    knowledge = KnowledgeBase(
        [KnowledgeItem("article", "1", "Booking the wall", body, "markdown", "kb", "a")]
    )
    facts = _facts()
    affected = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    sentences = [conflict.sentence for impact in affected for conflict in impact.conflicts]
    return sentences, TemplateDrafter().edit(facts, affected[0]).new_body if affected else None


@pytest.mark.parametrize(
    ("answer", "rewritten"),
    [
        ("Yes, for 4 people or more.", "Yes, for 6 people or more."),
        ("Yes, with at least 4 of you.", "Yes, with at least 6 of you."),
        ("Yes, for groups of 4+.", "Yes, for groups of 6+."),
        ("No, not with fewer than 4 of you.", "No, not with fewer than 6 of you."),
        ("For groups of 4 or more.", "For groups of 6 or more."),
        ("Minimum 4 people.", "Minimum 6 people."),
    ],
)
def test_a_short_answer_states_the_rule_its_question_names(answer: str, rewritten: str) -> None:
    body = _article(answer)
    sentences, new_body = _edit(body)
    assert sentences == [answer]
    assert new_body == body.replace(answer, rewritten)


def test_the_answer_alone_was_no_conflict_and_only_the_answer_borrows_its_question() -> None:
    """Without its question the answer shares no word of the rule; the section's next
    sentence ("Bring 4 pairs of clean shoes") is no answer and keeps its 4, as do the short
    answers under the questions on staying and harnesses."""
    from behaviordiff.drafting.impact import sentence_conflict

    facts = _facts()
    assert sentence_conflict(facts, "Yes, for 4 people or more.") == ()
    sentences, _ = _edit(_article("Yes, for 4 people or more."))
    assert "Bring 4 pairs of clean shoes if you have them." not in sentences
    assert "Up to 4 hours." not in sentences
    assert "Yes, up to 4 per booking, free of charge." not in sentences


def test_what_a_short_answer_is() -> None:
    assert short_answer("Yes, for 4 people or more.")
    assert short_answer("No, only on weekdays.")
    assert short_answer("Up to 3 days.")
    assert short_answer("4 or more.")
    assert short_answer("A: Within 3 working days.")
    # a sentence of its own, with its own subject and verb
    assert not short_answer("Climbers can join any session once they're at least 8 years old.")
    assert not short_answer("For a team of 4 or more, you can book online.")
    assert not short_answer("Within a week we will call you.")
    assert not short_answer("Yesterday's sessions are full.")


def test_only_the_unit_right_under_a_question_answers_it() -> None:
    text = (
        "## Can we book a team session?\n\nYes, for 4 people or more. Up to 4 hours.\n\n"
        "## Team sessions\n\n- Up to 4 climbers per rope\n\nIs it open late? Until 10pm.\n"
    )
    found = [(unit.text, asked(units(text), i)) for i, unit in enumerate(units(text))]
    assert found == [
        ("## Can we book a team session?", None),
        ("Yes, for 4 people or more.", "Can we book a team session?"),
        ("Up to 4 hours.", None),
        ("## Team sessions", None),
        ("- Up to 4 climbers per rope", None),
        ("Is it open late?", None),
        ("Until 10pm.", "Is it open late?"),
    ]


def test_a_q_and_a_macro_and_an_html_article_read_the_answer_with_its_question() -> None:
    macro = (
        "Hi {{ticket.requester.first_name}},\n\nQ: Can we book a team session?\n"
        "A: Yes, for 4 people or more.\n\nSee you on the wall,\n{{current_user.first_name}}"
    )
    html = (
        "<h2>Can we book a team session?</h2><p>Yes, for 4 people or more.</p>"
        "<h2>How long can we stay?</h2><p>Up to 4 hours.</p>"
    )
    knowledge = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Sessions::Team", macro, "text", "kb", "m"),
            KnowledgeItem("article", "2", "Booking the wall", html, "html", "kb", "a"),
        ]
    )
    facts = _facts()
    affected = {i.item.key: i for i in rank_items(facts, knowledge) if i.affected}
    assert sorted(affected) == ["article:2", "macro:1"]
    for key, body in (("macro:1", macro), ("article:2", html)):
        [conflict] = affected[key].conflicts
        assert conflict.sentence.endswith("Yes, for 4 people or more.")
        edit = TemplateDrafter().edit(facts, affected[key])
        assert edit.new_body == body.replace("for 4 people", "for 6 people")


def test_a_model_edit_is_checked_with_the_answer_read_with_its_question() -> None:
    """The drafting model's edit goes through the same detector: keeping the old answer, or
    rewording it with the old minimum, is refused; the new minimum in any words passes."""
    from behaviordiff.drafting.drafters import kept_conflicts, still_conflicting

    answer = "Yes, for 4 people or more."
    body = _article(answer)
    knowledge = KnowledgeBase(
        [KnowledgeItem("article", "1", "Booking the wall", body, "markdown", "kb", "a")]
    )
    facts = _facts()
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    template_body = TemplateDrafter().edit(facts, impact).new_body
    [kept] = kept_conflicts(facts, impact, body, template_body)
    assert answer in kept
    reworded = body.replace(answer, "Yes, with 4 or more people.")
    problems = kept_conflicts(facts, impact, reworded, template_body) + still_conflicting(
        facts, impact, template_body, reworded
    )
    assert problems and all("Yes, with 4 or more people." in p for p in problems)
    moved = body.replace(answer, "Yes, with 6 or more people.")
    assert kept_conflicts(facts, impact, moved, template_body) == []
    assert still_conflicting(facts, impact, template_body, moved) == []


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # how long or how old, under a question naming the rule's topic: not how many
        ("How long is a team session?", "Up to 4 hours."),
        ("Can we book a team session?", "Yes, up to 4 weeks ahead."),
        ("Can we book a team session?", "Yes, from age 4."),
        # the old count said by the question alone: the answer states nothing to rewrite
        ("Can 4 of us book a team session?", "Yes, any day of the week."),
    ],
)
def test_a_short_answer_measuring_something_else_is_kept(question: str, answer: str) -> None:
    sentences, _ = _edit(f"# Booking the wall\n\n## {question}\n\n{answer}\n")
    assert answer not in sentences


def test_a_count_said_as_a_measure_is_not_the_count() -> None:
    rule = "Team climbing sessions need at least 4 climbers."
    assert measured_otherwise("4", rule, "Up to 4 hours.")
    assert measured_otherwise("4", rule, "Yes, aged 4 and up.")
    assert not measured_otherwise("4", rule, "Yes, 4 or more, for up to 4 hours.")
    assert not measured_otherwise("4", rule, "Yes, 40 minutes, with 4 of you.")
    assert not measured_otherwise("4 hours", "Book at least 4 hours ahead.", "Up to 4 hours.")
