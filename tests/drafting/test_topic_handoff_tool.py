"""A hand-off replaced by a tool the agent now calls, for everyone on one topic (a condition
of topic tags alone): an article's sentence sending the customer to the team says the new rule
in its place, never "…, with one exception: …" beside the old way, since no one asking about
that topic keeps it.

Made-up agent: a library whose members used to email the events team to book a seat at a
talk; the new agent books the seat itself with `book_seat`. Traps: the events team still
handles room hire by email (the same team, the same address), and the doors time."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = (
    "To book, members email the events team at events@northlib.example with their name and "
    "the talk they want: tell them to email, and that the events team books them in and "
    "confirms by email."
)
NEW = (
    "When a member asks to book a talk, book the seat yourself with `book_seat` (the next "
    "talk unless they name another one) and tell them their seat number."
)
ARTICLE = """# Talks at the library

Our evening talks are free for members. To book a seat, email the events team at
events@northlib.example and they'll save you one. Doors open at 6.30pm.

## Hiring a room

To hire a room, email the events team at events@northlib.example with the date you'd like.
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls book_seat",
        kind="actions",
        facets=["actions", "escalation", "promises"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag talks",
                    "atoms": [{"feature": "tag:talks", "op": "tag"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        escalation="removed",
        after_actions=[ActionFact("book_seat", ())],
        removed_promises=[Promise("channel", "email")],
        rules=[Rule("H1", "sentence_changed", "Talks", OLD, NEW, "changed")],
        prompt_sections={"Talks": [NEW]},
    )


def test_the_hand_off_on_the_topic_gives_way_to_the_new_rule_and_room_hire_stays() -> None:
    facts = _facts()
    assert facts.restricted
    ranked = {i.item.key: i for i in rank_items(facts, KnowledgeBase([kb_item("talks", ARTICLE)]))}
    edit = TemplateDrafter().edit(facts, ranked["article:talks"])
    assert edit.new_body is not None
    assert "exception" not in edit.new_body
    assert "they'll save you one" not in edit.new_body
    assert "we book the seat ourselves" in edit.new_body
    assert "To hire a room, email the events team" in edit.new_body
    assert "Doors open at 6.30pm." in edit.new_body
