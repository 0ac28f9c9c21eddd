"""The checks every LLM edit passes: nothing lost, no first person in an article, no reply
from one conversation, no one probe's values."""

from __future__ import annotations

from behaviordiff.detect.model import Excerpt
from behaviordiff.drafting.drafters import kb_text_problems
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact
from behaviordiff.kb.model import KnowledgeItem

BODY = """# Goodwill discounts

## How much can customers get?

We can give a goodwill discount of up to 10% of the order total.

## How long does it take?

Discounts show on your next invoice.
"""
CONFLICT = "We can give a goodwill discount of up to 10% of the order total."


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="escalate_to_lead → apply_discount",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Discounts",
                "You may give a goodwill discount of up to 10% of the order total.",
                "You may give a goodwill discount of up to 15% of the order total.",
                "sentence changed",
            )
        ],
        excerpts=[
            Excerpt.from_dict(
                {
                    "probe_id": "p1",
                    "old": "",
                    "new": "I've applied a 12% goodwill discount to PL-40148.",
                }
            ),
            Excerpt.from_dict(
                {
                    "probe_id": "p2",
                    "old": "",
                    "new": "I've applied a 13% goodwill discount to PL-40322.",
                }
            ),
            Excerpt.from_dict(
                {
                    "probe_id": "p3",
                    "old": "",
                    "new": "I've applied a 15% goodwill discount to PL-40999.",
                }
            ),
        ],
    )


def _impact() -> Impact:
    item = KnowledgeItem("article", "a1", "Goodwill discounts", BODY, "markdown", "kb", "a1.md")
    return Impact(item, 1.0, [Conflict(2, CONFLICT, ("states the old rule (10%)",))])


def test_a_rewrite_of_the_conflicting_sentence_alone_passes() -> None:
    new = BODY.replace("up to 10%", "up to 15%")
    assert kb_text_problems(_facts(), _impact(), new) == []


def test_a_reply_with_one_conversations_values_in_first_person_is_refused() -> None:
    new = BODY.replace(CONFLICT, "I've applied a 12% goodwill discount to PL-40148.")
    problems = kb_text_problems(_facts(), _impact(), new)
    assert any("first person" in problem for problem in problems)
    assert any("copied from one conversation" in problem for problem in problems)
    assert any("one conversation's values (12%, PL-40148)" in problem for problem in problems)


def test_an_article_that_lost_its_headings_is_refused() -> None:
    new = "We can give a goodwill discount of up to 15% of the order total.\n"
    [problem] = kb_text_problems(_facts(), _impact(), new)
    assert problem.startswith("the new body lost or altered text")
    assert "# Goodwill discounts" in problem


def _said_by_two(reply: str) -> ChangeFacts:
    facts = _facts()
    facts.excerpts = [
        Excerpt("p1", "", reply),
        Excerpt("p2", "", f"Hello there! {reply}"),
        Excerpt("p3", "", "Something else entirely."),
    ]
    return facts


def test_a_sentence_two_of_three_conversations_said_is_still_copied() -> None:
    reply = "Your discount shows up on the next invoice, within a day."
    new = BODY.replace(CONFLICT, reply)
    problems = kb_text_problems(_said_by_two(reply), _impact(), new)
    assert any("copied from 2 of the 3 conversations" in problem for problem in problems)


def test_the_line_every_conversation_says_word_for_word_is_no_copy() -> None:
    line = "Your discount shows up on the next invoice, within a day."
    facts = _said_by_two(line)
    facts.excerpts[2] = Excerpt("p3", "", f"Done. {line}")
    new = BODY.replace(CONFLICT, line)
    assert kb_text_problems(facts, _impact(), new) == []


def test_a_copy_is_found_whatever_its_case_spacing_and_punctuation() -> None:
    reply = "your discount shows up on the next invoice -  within a day!"
    new = BODY.replace(CONFLICT, "Your discount shows up on the next invoice, within a day.")
    problems = kb_text_problems(_said_by_two(reply), _impact(), new)
    assert any("copied from 2 of the 3 conversations" in problem for problem in problems)


def test_a_sentence_sharing_words_with_a_reply_but_not_its_run_is_no_copy() -> None:
    reply = "Your discount shows up on the next invoice, within a day."
    new = BODY.replace(CONFLICT, "We can give a goodwill discount of up to 15% of the total.")
    assert kb_text_problems(_said_by_two(reply), _impact(), new) == []


def test_a_sentence_said_to_the_agent_is_refused() -> None:
    for said in (
        "Ask the customer to send a photo of the invoice before we apply it.",
        "Apply it and tell the customer it shows on the next invoice.",
    ):
        body = BODY.replace(CONFLICT, f"We can give a goodwill discount of up to 15%. {said}")
        [problem] = kb_text_problems(_facts(), _impact(), body)
        assert "speaks to the agent" in problem
    # said to the reader, it passes
    body = BODY.replace(CONFLICT, "We can give a goodwill discount of up to 15% of the total.")
    assert kb_text_problems(_facts(), _impact(), body) == []
