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


def test_reading_a_big_knowledge_base_reports_its_progress(example_release: Any) -> None:
    """Trial H3: with thousands of macros, drafting said one line for minutes. Reading the
    knowledge base against each change now reports about every tenth of it."""
    workspace, release_id, project = example_release
    knowledge = load_project_kb(project)
    first = knowledge.macros[0]
    knowledge.items += [
        replace(first, id=f"77{n:04d}", title=f"Misc::Note {n}", body=f"Ticket note {n}.")
        for n in range(1_200)
    ]
    heard: list[tuple[str, int, int]] = []
    draft_release(
        workspace,
        release_id,
        project,
        drafter="template",
        knowledge=knowledge,
        on_progress=lambda stage, done, total: heard.append((stage, done, total)),
    )
    reading = [stage for stage, _, _ in heard if stage.startswith("reading the knowledge base")]
    checking = [stage for stage, _, _ in heard if stage.startswith("checking the knowledge base")]
    active = sum(item.active for item in knowledge.items)
    assert all(stage.endswith(f"of {active:,} items") for stage in reading + checking)
    assert 9 <= len(reading) <= 10, reading  # read once, about every tenth (trial 11 T7)
    assert len(checking) >= 2 * 9, checking  # each change against it, about every tenth
