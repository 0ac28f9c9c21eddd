"""A new reply's key sentence that holds the action's own sentence ("Your bike is ready, and
bikes are now collection only: …" beside "Bikes are now collection only: …") is not added
after it: the edit would say the new rule twice, the second time in one reply's words."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ChangeFacts

ACTION = "Bikes are now collection only: collect it from our workshop on a Saturday morning."
REPLY = (
    "Your bike is ready, and bikes are now collection only: collect it from our workshop on a "
    "Saturday morning."
)
OTHER = "We'll text you on Saturday morning when the workshop opens."


def _facts(reply: str) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls book_workshop_collection",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["repair-1"],
        added_promises=[Promise("term", "Saturday morning")],
        excerpts=[Excerpt("repair-1", "It goes out by courier tomorrow.", reply)],
    )


def test_a_reply_sentence_holding_the_action_sentence_is_not_added_again() -> None:
    assert TemplateDrafter()._promise_sentences(_facts(REPLY), ACTION) == []


def test_another_promise_sentence_is_still_added() -> None:
    assert TemplateDrafter()._promise_sentences(_facts(OTHER), ACTION) == [OTHER]
