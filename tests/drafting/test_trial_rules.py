"""Rules found by a new user's trial, each pinned on a small case of its own: inline markup
kept inside an edited sentence, a tag that is a bare verb named by the noun the change's
texts use, a KB handoff sentence in the KB's own words, and a range whose two ends are in the
evidence."""

from __future__ import annotations

from behaviordiff.detect.model import Atom, Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, condition_words, tag_topic
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.text import edit_html
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

BODY = "<p>Lessons can be moved up to <strong>3 hours</strong> ahead.</p><p>See you!</p>"


def _move(text: str) -> str:
    return text.replace("up to 3 hours ahead.", "up to 24 hours ahead.")


def test_markup_inside_the_edited_sentence_is_kept() -> None:
    assert edit_html(BODY, _move) == (
        "<p>Lessons can be moved up to <strong>24 hours</strong> ahead.</p><p>See you!</p>"
    )


def test_a_change_across_a_tag_falls_back_to_plain_text_of_that_block_only() -> None:
    edited = edit_html(BODY, lambda text: text.replace("moved up to 3", "moved within 5"))
    assert edited.endswith("<p>See you!</p>")
    assert "within 5" in edited


def test_a_bare_verb_tag_reads_as_the_noun_the_change_texts_use() -> None:
    texts = ["## Renewals", "Licences can be renewed online. Late renewals cost $10."]
    assert tag_topic("renew", texts) == "renewals"
    assert tag_topic("renew", ["Renew online."]) == "renew"
    assert tag_topic("billing", texts) == "billing"
    assert tag_topic("late_fee", texts) == "late fee"
    atom = Atom.from_dict({"feature": "tag:renew", "op": "tag", "value": True})
    assert condition_words([atom], {"renew": "renewals"}) == "conversations asking about renewals"
    assert condition_words([atom]) == "conversations asking about renew"


def test_a_kb_sentence_naming_who_takes_over_conflicts_with_a_removed_handoff() -> None:
    facts = ChangeFacts(
        id="C1",
        title="escalate_to_human → book_lessons",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("escalate_to_human")],
        after_actions=[ActionFact("book_lessons")],
        escalation="removed",
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "riders", "op": "<=", "value": 4}]})
        ],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Lessons",
                "Group lessons are arranged by the stable office: call `escalate_to_human`.",
                "Group lessons for up to 4 riders: book them with `book_lessons`.",
                "sentence changed",
            )
        ],
        excerpts=[Excerpt("p1", "The stable office will arrange your group lesson.", "Booked!")],
        others=4,
    )
    macro = KnowledgeItem(
        "macro",
        "9",
        "Lessons::Group",
        "Hi,\n\nGroup lessons are arranged by our stable office staff, who will call you "
        "back.\n\nThanks",
        "text",
        "kb/macros.csv",
        "9",
    )
    other = KnowledgeItem(
        "macro", "10", "Opening hours", "We open at 8 am.", "text", "kb/macros.csv", "10"
    )
    [impact, *_] = rank_items(facts, KnowledgeBase([macro, other]))
    assert impact.item.key == macro.key and impact.affected
    assert "no longer does" in impact.conflicts[0].reasons[0]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None and "stable office staff" not in edit.new_body
    assert "up to 4 riders" in edit.new_body and edit.new_body.startswith("Hi,")
    assert "keep the current text for other customers" in edit.rationale


def test_a_range_is_grounded_when_both_ends_are_in_the_evidence() -> None:
    grounding = Grounding(["renewal_days: 8, 9, 13", "Renewals cost $10 within 14 days."])
    assert grounding.check("Renewals 8 to 13 days before expiry cost $10.").ok
    report = grounding.check("Renewals 5 to 13 days before expiry cost $10.")
    assert not report.ok and "5-13 days" in report.describe()
