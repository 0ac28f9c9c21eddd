"""The drafting model through the local OpenAI-compatible test server, on the bundled
example: the edit prompt carries the template's draft rewrite; a reply that deletes the new
fact or pastes a conversation's reply is asked again with the reason, and the template's
draft (which says so) is kept when the retry fails too."""

from __future__ import annotations

import json
from typing import Any

import pytest

from behaviordiff.drafting import draft_release
from tests.drafting.test_llm import _user, responder
from tests.drafting.test_llm_checks import RETURNS_MACRO, Release, _edit_for
from tests.openai_server import OpenAIServer

KEPT_FOR_OTHERS = (
    "Items can be returned within 30 days of delivery (45 days for Acme Plus members)."
)
"""The template's rewrite of the macro's conflicting sentence."""


def test_the_edit_prompt_carries_the_template_rewrite(
    openai_server: OpenAIServer, example_release: Release
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = responder
    outcome = draft_release(workspace, release_id, project, drafter="llm")
    assert outcome.fallbacks == []
    [prompt] = [
        _user(b)
        for b in openai_server.requests
        if RETURNS_MACRO in json.dumps(b) and "<<<BODY" in _user(b)
    ]
    assert "A draft rewrite you may improve" in prompt
    assert f"“Items can be returned within 30 days of delivery.” → “{KEPT_FOR_OTHERS}”" in prompt
    draft = prompt.split("<<<DRAFT\n", 1)[1].split("\nDRAFT>>>", 1)[0]
    assert KEPT_FOR_OTHERS in draft and "{{ticket.requester.first_name}}" in draft
    assert "(it states 30 days, which the new agent no longer states)" in prompt


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (
            lambda original: original.replace(
                "Items can be returned within 30 days of delivery. ", ""
            ),
            "the new body does not state 45 days, the new behavior the draft rewrite states in "
            f"“{KEPT_FOR_OTHERS}”",
        ),
        (
            lambda original: original.replace(
                "Items can be returned within 30 days of delivery.",
                "You can return items within 45 days of delivery.",
            ),
            "“You can return items within 45 days of delivery.” is copied from one conversation: "
            "restate the rule instead",
        ),
    ],
    ids=["new-fact-deleted", "reply-pasted"],
)
def test_a_reply_failing_the_template_checks_is_retried_then_the_template_draft_kept(
    openai_server: OpenAIServer, example_release: Release, make: Any, problem: str
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = _edit_for(RETURNS_MACRO, make)
    outcome = draft_release(workspace, release_id, project, drafter="llm")

    asked = [
        _user(b)
        for b in openai_server.requests
        if RETURNS_MACRO in json.dumps(b) and "<<<BODY" in _user(b)
    ]
    assert len(asked) == 2 and problem in asked[1]
    edit = next(r for r in outcome.edits if r.content["item_title"] == "Returns::Return window")
    assert edit.origin == "llm-fallback"
    assert KEPT_FOR_OTHERS in edit.content["new_body"]
    assert edit.content["rationale"].endswith(
        "(The drafting model's edit failed its checks twice: this is the template drafter's edit.)"
    )
    assert [fallback["draft"] for fallback in outcome.fallbacks] == ["macro:360003"]
    assert problem in outcome.fallbacks[0]["reason"]
    assert outcome.stats["retries"] == 1
