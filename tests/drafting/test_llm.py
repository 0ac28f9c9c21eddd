"""The LLM drafter against the local OpenAI-compatible test server: valid JSON, invalid JSON
then valid, and a hallucinated amount caught by the grounding check (template fallback)."""

from __future__ import annotations

import json
import re
from typing import Any

from behaviordiff.config import Project
from behaviordiff.drafting import draft_release
from behaviordiff.store import Workspace
from behaviordiff.store.drafts import DraftStore
from tests.openai_server import OpenAIServer, Reply, text_reply

Release = tuple[Workspace, int, Project]

GOOD_NOTES = {
    "C1": {
        "title": "Late orders over $50 now get a shipping refund",
        "before": "The agent handed the chat to a human with `escalate_to_human` and promised "
        "contact within 24 hours.",
        "after": "The agent refunds 50% of the shipping fee with `issue_refund`.",
        "when": "Orders over $50 delayed more than 48 hours.",
        "customer_impact": "Customers get money back in the chat instead of waiting.",
        "cs_actions": ["Update the macro Shipping::Delayed order.", "Brief reps."],
    },
    "C2": {
        "title": "Longer return window for members",
        "before": "Members were told 30 days.",
        "after": "Members are told 45 days.",
        "when": "Members asking about returns.",
        "customer_impact": "Members can return items later.",
        "cs_actions": ["Update the return macros."],
    },
}
HALLUCINATED = dict(GOOD_NOTES["C1"], after="The agent refunds a flat $10 with `issue_refund`.")
REWRITES = [
    (
        r"so I have escalated it to our shipping team\. A shipping specialist will contact you "
        r"within 24 hours with an update\.",
        "so I have refunded 50% of your shipping fee. The refund should show up within 5-7 "
        "business days.",
    ),
    (
        r"We escalate late orders to a shipping specialist on our team, who investigates\s+with "
        r"the carrier and contacts you \*\*within 24 hours\*\* with an update\.",
        "For orders over $50 we refund 50% of the shipping fee instead.",
    ),
    (
        r"(Items can be returned within (\*\*)?30 days of delivery(\*\*)?)\."
        r"( The return window is the same for every\s+customer and every order\.)?",
        r"\1 (45 days for Acme Plus members).",
    ),
]
"""A valid edit of each affected macro/article: the conflicting sentences rewritten."""


def rewritten(body: str) -> str:
    for pattern, replacement in REWRITES:
        body = re.sub(pattern, replacement, body)
    return body


def _user(body: dict[str, Any]) -> str:
    return str(body["messages"][-1]["content"])


def responder(body: dict[str, Any]) -> Reply:
    """Valid answers: the note for the change named in the prompt, or the body rewritten."""
    prompt = _user(body)
    match = re.search(r"Behavior change (C\d+):", prompt)
    change = match.group(1) if match else "C1"
    if "<<<BODY" in prompt:
        original = prompt.split("<<<BODY\n", 1)[1].rsplit("\nBODY>>>", 1)[0]
        return text_reply(json.dumps({"new_body": rewritten(original), "rationale": "Updated."}))
    if "<<<SENTENCES" in prompt:  # a near item read for the old rule: nothing found in it
        return text_reply(json.dumps({"verdicts": []}))
    return text_reply(json.dumps(GOOD_NOTES.get(change, GOOD_NOTES["C2"])))


def _note_requests(server: OpenAIServer, change: str) -> list[str]:
    return [
        _user(body)
        for body in server.requests
        if f"Behavior change {change}:" in _user(body) and "<<<BODY" not in _user(body)
    ]


def test_valid_json_is_used_and_usage_recorded(
    openai_server: OpenAIServer, example_release: Release
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = responder
    outcome = draft_release(workspace, release_id, project, drafter="llm")

    notes = {record.change_id: record for record in outcome.notes}
    assert notes["C1"].origin == "llm"
    assert notes["C1"].content["title"] == GOOD_NOTES["C1"]["title"]
    assert notes["C1"].content["severity"] == "high"
    assert notes["C1"].content["evidence"]
    assert all(record.origin == "llm" for record in outcome.edits)
    # one call per note, one per affected macro/article and one per near item read
    read = [body for body in openai_server.requests if "<<<SENTENCES" in _user(body)]
    assert read
    assert outcome.stats["llm_calls"] == len(outcome.notes) + len(outcome.edits) + len(read)
    assert openai_server.request_count == outcome.stats["llm_calls"]
    first = openai_server.requests[0]
    assert first["response_format"] == {"type": "json_object"}
    assert first["messages"][0]["role"] == "system"
    run = DraftStore(workspace).runs(release_id)[-1]
    assert run.drafter == "llm"
    assert run.llm_calls == outcome.stats["llm_calls"]
    assert run.prompt_tokens == 12 * run.llm_calls and run.completion_tokens == 7 * run.llm_calls

    again = draft_release(workspace, release_id, project, drafter="llm")
    assert openai_server.request_count == outcome.stats["llm_calls"]
    assert again.stats["cached_calls"] == again.stats["llm_calls"]


def test_invalid_json_then_valid(openai_server: OpenAIServer, example_release: Release) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = responder
    openai_server.script(
        "Behavior change C1: escalate",
        text_reply("Sure! Here is the note: {title: oops"),
    )
    outcome = draft_release(workspace, release_id, project, drafter="llm")

    notes = {record.change_id: record for record in outcome.notes}
    assert notes["C1"].origin == "llm"
    assert notes["C1"].content["title"] == GOOD_NOTES["C1"]["title"]
    assert outcome.stats["retries"] == 1
    retried = _note_requests(openai_server, "C1")
    assert len(retried) == 2
    assert "failed a check: the answer was not valid JSON" in retried[1]
    assert outcome.fallbacks == []


def test_hallucinated_amount_falls_back_to_the_template(
    openai_server: OpenAIServer, example_release: Release
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = responder
    bad = text_reply(json.dumps(HALLUCINATED))
    openai_server.script("Behavior change C1: escalate", bad, bad)
    outcome = draft_release(workspace, release_id, project, drafter="llm")

    note = next(record for record in outcome.notes if record.change_id == "C1")
    assert note.origin == "llm-fallback"
    assert "$10" not in json.dumps(note.content)
    assert "partial shipping refund of 50% of the shipping fee" in note.content["after"]
    assert "Orders over $50 delayed more than 48 hours" in note.content["when"]
    retried = _note_requests(openai_server, "C1")
    assert len(retried) == 2
    assert "money $10.00, which is not in the evidence" in retried[1]
    assert outcome.fallbacks[0]["change_id"] == "C1"
    assert "$10.00" in outcome.fallbacks[0]["reason"]
    run = DraftStore(workspace).runs(release_id)[-1]
    assert run.summary["origins"]["C1"] == "llm-fallback"
    assert run.summary["fallbacks"][0]["draft"] == "note"


def test_edit_that_drops_a_placeholder_falls_back(
    openai_server: OpenAIServer, example_release: Release
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = responder
    broken = text_reply(
        json.dumps({"new_body": "Hi there, we refunded you.", "rationale": "Shorter."})
    )
    # the edit prompt of that one macro (edits of other changes are drafted concurrently)
    openai_server.script('"Shipping::Delayed order\\" (', broken, broken)
    outcome = draft_release(workspace, release_id, project, drafter="llm")

    edit = next(r for r in outcome.edits if r.content["item_title"] == "Shipping::Delayed order")
    assert edit.origin == "llm-fallback"
    assert "{{ticket.requester.first_name}}" in edit.content["new_body"]
    assert "placeholders lost" in outcome.fallbacks[0]["reason"]


def test_an_oversize_answer_is_refused_unread_and_not_cached(
    openai_server: OpenAIServer, example_release: Release
) -> None:
    from behaviordiff.drafting.drafters import MAX_ANSWER_CHARS

    workspace, release_id, project = example_release
    openai_server.responder = responder
    huge = text_reply(json.dumps({**GOOD_NOTES["C1"], "after": "x" * MAX_ANSWER_CHARS}))
    openai_server.script("Behavior change C1: escalate", huge)
    size = workspace.db.execute("SELECT COUNT(*) FROM call_cache").fetchone()[0]
    outcome = draft_release(workspace, release_id, project, drafter="llm")

    retried = _note_requests(openai_server, "C1")
    assert len(retried) == 2
    assert f"over the {MAX_ANSWER_CHARS:,} a note or an edit can take" in retried[1]
    notes = {record.change_id: record for record in outcome.notes}
    assert notes["C1"].origin == "llm"  # the retry's answer
    longest = workspace.db.execute("SELECT MAX(LENGTH(response_json)) FROM call_cache").fetchone()
    assert longest[0] < MAX_ANSWER_CHARS  # the huge answer was not kept
    assert workspace.db.execute("SELECT COUNT(*) FROM call_cache").fetchone()[0] > size


def test_an_edit_that_rewords_a_sentence_the_change_leaves_true_falls_back(
    openai_server: OpenAIServer, example_release: Release
) -> None:
    """The model rewrites the conflicting sentences right but also 'improves' the sign-off:
    every byte the change leaves true stays, so the edit is refused twice and the template's
    edit stands; the other items' edits, which keep every other byte, are the model's."""
    workspace, release_id, project = example_release

    def restyling(body: dict[str, Any]) -> Reply:
        prompt = _user(body)
        if '"Shipping::Delayed order" (' not in prompt or "<<<BODY" not in prompt:
            return responder(body)
        original = prompt.split("<<<BODY\n", 1)[1].rsplit("\nBODY>>>", 1)[0]
        new_body = rewritten(original).replace("Best regards,\n", "Kind regards,\n")
        return text_reply(json.dumps({"new_body": new_body, "rationale": "Updated."}))

    openai_server.responder = restyling
    outcome = draft_release(workspace, release_id, project, drafter="llm")

    edit = next(r for r in outcome.edits if r.content["item_title"] == "Shipping::Delayed order")
    assert edit.origin == "llm-fallback"
    assert "Best regards," in edit.content["new_body"]
    assert "Kind regards" not in edit.content["new_body"]
    reason = next(f["reason"] for f in outcome.fallbacks if f["draft"] == edit.content["item_key"])
    assert "Best regards" in reason and "states nothing the change moved" in reason
    assert all(r.origin == "llm" for r in outcome.edits if r is not edit)
