"""Two rules of one prompt changed in one release, one article covering both: each change
points at, and edits, only the sentences of its own rule.

Two agents a new user could build, each with two rules whose section headings and tool names
share a word: a gym membership desk (a new user's trial: freeze limit 2 → 3 months,
cancellation notice 30 → 14 days; fixtures/projects/gym-two-rules) and a self-storage desk
(extension limit 4 → 6 weeks, closing notice 7 → 3 days; fixtures/projects/storage-two-rules).
Each has a macro per rule and one FAQ article stating both. Run through the real pipeline
(`run --format json`, template drafting).

What went wrong: the notice change was attributed the limit's sentence too ("shares terms:
membership"), so its notes and edits were cross-wired to the limit: the notice macro's edit
added the limit rule after the notice sentence, the notice note listed the limit macro and the
article's limit sentence, and the article's one edit explained the limit rewrite three times.
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from tests.conftest import FIXTURES, _run_in_process


class Agent(NamedTuple):
    folder: str
    limit_macro: str
    notice_macro: str
    article: str
    limit_sentence: tuple[str, str]
    """The article's limit sentence, old and new (a piece of it)."""
    notice_sentence: tuple[str, str]
    limit_moves: tuple[str, str]
    """The old and new value of the limit, as the prompt says them."""


GYM = Agent(
    "gym-two-rules",
    "Membership::Freeze",
    "Membership::Cancel",
    "Freezing or cancelling your membership",
    ("**up to 2 months**", "**up to 3 months**"),
    ("**30 days' notice**", "**14 days' notice**"),
    ("2 months", "3 months"),
)
STORAGE = Agent(
    "storage-two-rules",
    "Storage::Extend",
    "Storage::Close",
    "Extending or closing your storage unit",
    ("**up to 4 weeks**", "**up to 6 weeks**"),
    ("**7 days' notice**", "**3 days' notice**"),
    ("4 weeks", "6 weeks"),
)


class Release(NamedTuple):
    changes: list[dict[str, Any]]
    notes: dict[str, dict[str, Any]]
    """Change id → its note."""
    edits: list[dict[str, Any]]
    """Every suggested edit, its content read."""


def _content(draft: dict[str, Any]) -> dict[str, Any]:
    content = draft["content"]
    if isinstance(content, str):
        try:
            return dict(json.loads(content))
        except json.JSONDecodeError:
            return dict(ast.literal_eval(content))
    return dict(content)


def _run(agent: Agent, tmp_path: Path) -> Release:
    root = tmp_path / agent.folder
    shutil.copytree(FIXTURES / "projects" / agent.folder, root)
    env: dict[str, str | None] = {"COLUMNS": "200", "NO_COLOR": "1"}
    result = _run_in_process(("run", "agents/v1", "agents/v2", "--format", "json"), root, env, None)
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads(result.stdout)
    notes = {note["change_id"]: _content(note) for note in data["drafts"]["notes"]}
    edits = [_content(edit) for edit in data["drafts"]["edits"]]
    return Release(list(data["analysis"]["changes"]), notes, edits)


@pytest.fixture(scope="module", params=[GYM, STORAGE], ids=["gym", "storage"])
def release(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Agent, Release]:
    agent: Agent = request.param
    return agent, _run(agent, tmp_path_factory.mktemp(agent.folder))


def _notice_change(found: Release) -> dict[str, Any]:
    """The change whose call's notice argument moved."""
    (change,) = [c for c in found.changes if any(m for m in c.get("moved_arguments") or [])]
    return change


def _edit(found: Release, title: str) -> dict[str, Any]:
    (edit,) = [e for e in found.edits if e["item_title"] == title]
    return edit


def test_the_notice_change_is_attributed_its_own_sentence_only(
    release: tuple[Agent, Release],
) -> None:
    agent, found = release
    change = _notice_change(found)
    causes = [cause["summary"] for cause in change["attribution"]]
    assert len(causes) == 1, causes
    assert agent.limit_moves[0] not in causes[0]


def test_the_notice_macro_edit_changes_the_notice_and_adds_nothing(
    release: tuple[Agent, Release],
) -> None:
    agent, found = release
    edit = _edit(found, agent.notice_macro)
    old, new = edit["old_body"], edit["new_body"]
    assert new is not None
    # the notice moved, and no other sentence came in
    assert new.count("\n") == old.count("\n")
    assert len(new) == len(old) + len(agent.notice_sentence[1]) - len(agent.notice_sentence[0])
    assert agent.limit_moves[1] not in new
    assert "was not said" not in edit["rationale"]


def test_the_notice_note_names_only_its_own_items_and_sentences(
    release: tuple[Agent, Release],
) -> None:
    agent, found = release
    note = found.notes[_notice_change(found)["id"]]
    actions = " ".join(note["cs_actions"])
    assert f"“{agent.notice_macro}”" in actions
    assert f"“{agent.limit_macro}”" not in actions
    assert agent.limit_moves[0] not in actions


def test_the_article_gets_one_edit_explaining_each_rewrite_once(
    release: tuple[Agent, Release],
) -> None:
    agent, found = release
    edit = _edit(found, agent.article)
    new = edit["new_body"]
    assert agent.limit_sentence[1] in new
    assert agent.notice_sentence[1] in new
    why = edit["rationale"]
    # each rewrite explained once: no paragraph said twice
    assert why.count(f"changes {agent.limit_moves[0]} to {agent.limit_moves[1]}") == 1
    notice_old, notice_new = (s.strip("*").split(" notice")[0].removesuffix("'") for s in
                              agent.notice_sentence)  # fmt: skip
    assert why.count(f"changes {notice_old} to {notice_new}") == 1
    sentences = [s.strip() for s in why.split(". ") if len(s.strip()) > 40]
    assert len(sentences) == len(set(sentences)), why


def test_the_limit_macro_is_not_said_to_stand_for_the_notice_change(
    release: tuple[Agent, Release],
) -> None:
    agent, found = release
    edit = _edit(found, agent.limit_macro)
    assert _notice_change(found)["id"] not in edit["rationale"]


def test_the_limits_changes_keep_the_limit_sentence_and_only_it(
    release: tuple[Agent, Release],
) -> None:
    # the changes the limit made (its promise, and the call now made at the new limit) are
    # linked to the limit sentence by words and values the replies state: it stays theirs
    agent, found = release
    notice = _notice_change(found)["id"]
    limits = [change for change in found.changes if change["id"] != notice]
    assert limits
    for change in limits:
        causes = [cause["summary"] for cause in change["attribution"]]
        assert len(causes) == 1, causes
        assert agent.limit_moves[0] in causes[0]
