"""CS text says what happened in plain words; the probe ids belong in the evidence: the model
is told so, and a note that names one is sent back with the reason."""

from __future__ import annotations

import json
from typing import Any

from behaviordiff.config import Project
from behaviordiff.drafting import draft_release
from behaviordiff.store import Workspace
from tests.drafting.test_llm import GOOD_NOTES, _note_requests, responder
from tests.openai_server import OpenAIServer, text_reply

Release = tuple[Workspace, int, Project]


def test_a_model_note_naming_a_probe_is_asked_again(
    openai_server: OpenAIServer, example_release: Release
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = responder
    naming: dict[str, Any] = dict(
        GOOD_NOTES["C2"], before="In return-member-38d the agent refused the return."
    )
    openai_server.script("Behavior change C2:", text_reply(json.dumps(naming)))
    outcome = draft_release(workspace, release_id, project, drafter="llm")

    asked = _note_requests(openai_server, "C2")
    assert "never write them in the note" in str(openai_server.requests[0]["messages"][0])
    assert len(asked) == 2
    assert "the note names probe ids (return-member-38d)" in asked[1]
    notes = {record.change_id: record for record in outcome.notes}
    assert notes["C2"].origin == "llm"
    assert "return-member-38d" not in json.dumps(
        {key: notes["C2"].content[key] for key in ("title", "before", "after", "customer_impact")}
    )
