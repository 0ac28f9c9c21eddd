"""A macro whose body is megabytes long (trial H2: 5 MB of one repeated sentence kept `draft`
busy for hours) is not read for drafting: the draft names it with its size and the limit, in
text and JSON, and every other item is drafted as before."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from behaviordiff.drafting import draft_release
from behaviordiff.drafting.service import MAX_DRAFT_ITEM_CHARS
from behaviordiff.kb import load_project_kb
from behaviordiff.schemas.outputs import DraftOutput


def test_a_body_over_the_drafting_limit_is_named_not_read(example_release: Any) -> None:
    workspace, release_id, project = example_release
    knowledge = load_project_kb(project)
    before = draft_release(workspace, release_id, project, drafter="template", knowledge=knowledge)
    assert before.too_big == []
    sentence = "Orders delayed more than 48 hours are escalated to our shipping team. "
    huge = replace(
        knowledge.macros[0],
        id="990001",
        title="Shipping::Everything we say about delays",
        body=sentence * (MAX_DRAFT_ITEM_CHARS // len(sentence) + 1),
    )
    knowledge.items.append(huge)
    after = draft_release(workspace, release_id, project, drafter="template", knowledge=knowledge)
    assert after.too_big == [
        {
            "item": "macro:990001",
            "title": "Shipping::Everything we say about delays",
            "chars": len(huge.body),
            "limit": MAX_DRAFT_ITEM_CHARS,
        }
    ]
    assert {e.item_key for e in after.edits} == {e.item_key for e in before.edits}
    assert all("990001" not in str(impacts) for impacts in after.impacts.values())
    DraftOutput.model_validate(after.to_dict())
