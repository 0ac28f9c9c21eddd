"""A moved count stated in an FAQ answer that leaves its subject to the question above it:
a climbing wall now takes groups of up to 8 climbers (it was 12). "## How big can our group
be?" answered "Up to twelve, whether you come on a Monday night or a Sunday morning." states
the old count of climbers though the answer names no climber: the question names them. The
same count under a question about something else ("## How long is a session?") stays."""

from __future__ import annotations

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = "A group can have up to 12 climbers per session, belayers included."
NEW = "A group can have up to 8 climbers per session, belayers included."
GROUPS = """# Group bookings

## How big can our group be?

Up to twelve, whether you come on a Monday night or a Sunday morning. Belayers count too.
"""
SESSIONS = """# Sessions

## How long is a session?

Twelve ways to spend it, whether you come on a Monday night or a Sunday morning: ask at the desk.
"""


def _found(body: str) -> list[str]:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Group bookings", OLD, NEW, "sentence changed")],
        [{"feature": "tag:booking", "op": "tag"}],
        title="group cap lowered",
    )
    impacts = rank_items(facts, KnowledgeBase([kb_item("groups", body)]))
    return [c.sentence for impact in impacts for c in impact.conflicts]


def test_an_answer_states_the_count_its_question_names() -> None:
    assert _found(GROUPS) == [
        "Up to twelve, whether you come on a Monday night or a Sunday morning."
    ]


def test_the_same_count_under_another_question_stays() -> None:
    assert _found(SESSIONS) == []
