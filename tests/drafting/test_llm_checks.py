"""The LLM drafter against the local OpenAI-compatible server when things go wrong: an endpoint
that does not answer stops the pass and saves nothing; links at the end of a sentence and the
template's own text are grounded; an edit that leaves the contradiction in place is refused."""

from __future__ import annotations

import copy
import json
import socket
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.config import Project
from behaviordiff.detect.model import Analysis
from behaviordiff.diffing.model import VersionDiff
from behaviordiff.drafting import DraftingError, draft_release
from behaviordiff.drafting.facts import build_facts
from behaviordiff.drafting.grounding import Grounding, diff_text
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.store import Workspace
from behaviordiff.store.drafts import DraftStore
from tests.conftest import EXAMPLE, CliRunner
from tests.drafting.test_llm import GOOD_NOTES, HALLUCINATED, _user, responder, rewritten
from tests.openai_server import OpenAIServer, Reply, server_error, text_reply

Release = tuple[Workspace, int, Project]
RETURNS_MACRO = '"Returns::Return window\\" ('
"""What only the edit prompt of the macro Returns::Return window contains."""


def _fast(project: Project) -> Project:
    """The project with one retry per call, so a dead endpoint fails in well under a second."""
    run = project.config.run.model_copy(update={"max_retries": 1})
    return replace(project, config=project.config.model_copy(update={"run": run}))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _origins(workspace: Workspace, release_id: int) -> dict[str, str]:
    store = DraftStore(workspace)
    return {record.key: record.origin for record in store.drafts(release_id)}


def _body(prompt: str) -> str:
    return prompt.split("<<<BODY\n", 1)[1].rsplit("\nBODY>>>", 1)[0]


def _edit_for(match: str, make: Any) -> Any:
    """The default responder, except that the edit prompt containing `match` gets
    `make(original body)` as its new body."""

    def answer(body: dict[str, Any]) -> Reply:
        prompt = _user(body)
        if match in json.dumps(body["messages"]) and "<<<BODY" in prompt:
            return text_reply(json.dumps({"new_body": make(_body(prompt)), "rationale": "Done."}))
        return responder(body)

    return answer


# 1. a model that does not answer ------------------------------------------------------------


def test_a_dead_endpoint_stops_the_pass_and_keeps_the_earlier_drafts(
    openai_server: OpenAIServer, example_release: Release, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = responder
    draft_release(workspace, release_id, project, drafter="llm")
    before = _origins(workspace, release_id)
    assert set(before.values()) == {"llm"}
    runs = len(DraftStore(workspace).runs(release_id))

    port = _closed_port()
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    with pytest.raises(DraftingError) as raised:
        draft_release(workspace, release_id, _fast(project), drafter="llm")
    error = raised.value
    assert f"127.0.0.1:{port}" in (error.where or "")
    assert "cannot connect" in error.message and "after 2 attempts" in error.message
    assert error.hint is not None
    assert "nothing was changed; run again when it answers" in error.hint.lower()
    assert "or use --drafter template" in error.hint
    assert f"behaviordiff draft --release {release_id}" in error.hint
    assert _origins(workspace, release_id) == before
    assert len(DraftStore(workspace).runs(release_id)) == runs


def test_a_failing_server_is_not_asked_again_once_a_call_failed(
    openai_server: OpenAIServer, example_release: Release
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = lambda body: server_error(500)
    with pytest.raises(DraftingError, match="HTTP 500") as raised:
        draft_release(workspace, release_id, _fast(project), drafter="llm")
    assert (raised.value.where or "").rstrip("/") == openai_server.base_url
    # both notes were asked (one retry each); no edit was asked after they failed
    assert openai_server.request_count == 4
    assert not any("<<<BODY" in _user(body) for body in openai_server.requests)
    assert DraftStore(workspace).drafts(release_id) == []
    assert DraftStore(workspace).runs(release_id) == []


def test_a_rerun_after_a_failure_reuses_the_answers_it_got(
    openai_server: OpenAIServer, example_release: Release
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = responder
    openai_server.script("Behavior change C2:", server_error(503), server_error(503))
    with pytest.raises(DraftingError, match="HTTP 503"):
        draft_release(workspace, release_id, _fast(project), drafter="llm")
    answered = openai_server.request_count - 2

    outcome = draft_release(workspace, release_id, _fast(project), drafter="llm")
    assert outcome.fallbacks == []
    assert {record.origin for record in (*outcome.notes, *outcome.edits)} == {"llm"}
    assert answered >= 1 and outcome.stats["cached_calls"] == answered


def _config(tmp_path: Path) -> Path:
    """The example's config with absolute paths and one retry per call."""
    config = tmp_path / "behaviordiff.toml"
    config.write_text(
        f'[probes]\nsuites = ["{EXAMPLE / "probes" / "core.yaml"}"]\n'
        f'[knowledge_base]\nmacros = ["{EXAMPLE / "kb" / "macros.json"}"]\n'
        f'faq = ["{EXAMPLE / "kb" / "faq"}"]\n'
        "[run]\nmax_retries = 1\n",
        encoding="utf-8",
    )
    return config


def test_draft_cli_with_the_endpoint_down_exits_2_and_changes_nothing(
    cli: CliRunner,
    openai_server: OpenAIServer,
    example_release: Release,
    tmp_path: Path,
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = responder
    draft_release(workspace, release_id, project, drafter="llm")
    before = _origins(workspace, release_id)

    port = _closed_port()
    env = {
        "BEHAVIORDIFF_WORKSPACE": str(workspace.folder),
        "OPENAI_BASE_URL": f"http://127.0.0.1:{port}/v1",
    }
    result = cli("draft", "--drafter", "llm", "--config", str(_config(tmp_path)), env=env)
    assert result.exit_code == 2, result.stdout
    stderr = " ".join(result.stderr.split())
    assert f"127.0.0.1:{port}" in stderr and "cannot connect" in stderr
    assert "nothing was changed; run again when it answers" in stderr.lower()
    assert "or use --drafter template" in stderr and "Traceback" not in stderr
    assert _origins(workspace, release_id) == before


def test_draft_cli_lists_each_fallback_with_its_reason(
    cli: CliRunner, openai_server: OpenAIServer, example_release: Release
) -> None:
    workspace = example_release[0]
    bad_note = text_reply(json.dumps(HALLUCINATED))
    bad_edit = text_reply(json.dumps({"new_body": "Hi there.", "rationale": "Shorter."}))
    openai_server.responder = responder
    openai_server.script("Behavior change C1: escalate", bad_note, bad_note)
    openai_server.script(RETURNS_MACRO, bad_edit, bad_edit)
    env = {"BEHAVIORDIFF_WORKSPACE": str(workspace.folder)}
    result = cli("draft", "--drafter", "llm", cwd=EXAMPLE, env=env)
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "2 template fallback(s):" in out
    assert "C1 note: grounding: states money $10.00, which is not in the evidence" in out
    assert "C2 edit Returns::Return window (macro:360003): placeholders lost" in out


def test_a_failed_call_names_the_change_and_how_many_were_answered(
    openai_server: OpenAIServer, example_release: Release
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = responder
    openai_server.script("Behavior change C2:", server_error(503), server_error(503))
    # one change at a time: C1's calls (its note, edits and reads) are all answered before
    # C2's fails; drafted side by side, a loaded machine may not have sent C1's last read yet
    fast = _fast(project)
    run = fast.config.run.model_copy(update={"concurrency": 1})
    one_at_a_time = replace(fast, config=fast.config.model_copy(update={"run": run}))
    with pytest.raises(DraftingError) as raised:
        draft_release(workspace, release_id, one_at_a_time, drafter="llm")
    error = raised.value
    assert "failed (drafting change C2 “" in error.message and "HTTP 503" in error.message
    assert "the answers of 1 of 2 changes" in (error.hint or "")
    assert DraftStore(workspace).drafts(release_id) == []


REFUSED = Reply(
    status=400,
    body=b'{"error": {"message": "This model\'s maximum context length is 8192 tokens", '
    b'"type": "invalid_request_error"}}',
)


def test_a_request_the_server_refuses_gets_the_template_draft_and_the_rest_are_kept(
    cli: CliRunner, openai_server: OpenAIServer, example_release: Release
) -> None:
    """HTTP 400 (context too long, a content policy) refuses one change's requests for what
    they hold: a new pass would be refused again, so that change gets the template's drafts
    with the reason, the others keep the model's, and only it is re-drafted later."""
    workspace, release_id, _project = example_release

    def refusing(body: dict[str, Any]) -> Reply:
        return REFUSED if "Behavior change C2:" in json.dumps(body["messages"]) else responder(body)

    openai_server.responder = refusing
    env = {"BEHAVIORDIFF_WORKSPACE": str(workspace.folder)}
    result = cli("draft", "--drafter", "llm", cwd=EXAMPLE, env=env)
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "C2 note: the model server refused the request (HTTP 400: This model's maximum" in out
    assert f"`behaviordiff review redraft C2 --release {release_id} --drafter llm`" in out
    drafts = DraftStore(workspace).drafts(release_id)
    assert {d.origin for d in drafts if d.change_id == "C1"} == {"llm"}
    assert {d.origin for d in drafts if d.change_id == "C2"} == {"llm-fallback"}
    # refused, not failed: each of C2's requests was sent once, never retried
    c2_requests = [b for b in openai_server.requests if "Behavior change C2:" in json.dumps(b)]
    assert len(c2_requests) == sum(d.change_id == "C2" for d in drafts)

    openai_server.responder = responder
    again = cli("review", "redraft", "C2", "--drafter", "llm", cwd=EXAMPLE, env=env)
    assert again.exit_code == 0, again.stderr
    assert set(_origins(workspace, release_id).values()) == {"llm"}


# 2. what a correct draft may state ---------------------------------------------------------


def test_a_link_ending_a_sentence_or_a_quote_is_the_same_link() -> None:
    grounding = Grounding(["Start a return at https://acme.example/returns and enter it."])
    for text in (
        "Start your return at “https://acme.example/returns.”",
        "Start your return at https://acme.example/returns.",
        "Go to 'https://acme.example/returns/'!",
        "See **https://www.acme.example/returns**.",
    ):
        assert grounding.check(text).ok, (text, grounding.check(text).problems)
    # the evidence's own trailing punctuation does not hide a link either
    quoted = Grounding(["It said: “Start at https://acme.example/returns.”"])
    assert quoted.check("Start at https://acme.example/returns today.").ok
    assert quoted.check("Start at https://acme.example/other.").problems == [
        "states link acme.example/other, which is not in the evidence or the diff"
    ]


def test_an_llm_edit_quoting_a_link_at_the_end_of_a_sentence_is_kept(
    openai_server: OpenAIServer, example_release: Release
) -> None:
    workspace, release_id, project = example_release

    def quoted_link(original: str) -> str:
        # the link is quoted at the end of the sentence the edit rewrites (every other
        # sentence stays byte for byte, `untouched_changed`)
        return rewritten(original).replace(
            "(45 days for Acme Plus members).",
            "(45 days for Acme Plus members). Members start theirs at “https://acme.example/returns.”",
        )

    openai_server.responder = _edit_for(RETURNS_MACRO, quoted_link)
    outcome = draft_release(workspace, release_id, project, drafter="llm")
    edit = next(r for r in outcome.edits if r.content["item_title"] == "Returns::Return window")
    assert outcome.fallbacks == []
    assert edit.origin == "llm"
    assert "“https://acme.example/returns.”" in edit.content["new_body"]


def test_what_the_template_note_states_an_llm_note_may_state(
    openai_server: OpenAIServer,
    example_release: Release,
    example_analysis: tuple[Analysis, VersionDiff],
) -> None:
    workspace, release_id, project = example_release
    analysis, version_diff = example_analysis
    diff = version_diff.to_dict()
    # the return-window change seen in one probe, with no condition found
    analysis = copy.deepcopy(analysis)
    change = next(change for change in analysis.changes if change.id == "C2")
    change.conditions, change.probe_ids = [], change.probe_ids[:1]
    change.excerpts = change.excerpts[:1]
    facts = next(f for f in build_facts(analysis, diff) if f.id == "C2")
    when = TemplateDrafter().note(facts, [], None).when
    assert when.startswith("In 1 probe(s)")  # given to the model as a fact
    assert Grounding([facts.corpus(), diff_text(diff)]).check(when).problems == [
        "states the number 1, which is not in the evidence"
    ]

    note = dict(GOOD_NOTES["C2"], when=when)
    openai_server.responder = responder
    openai_server.script("Behavior change C2:", text_reply(json.dumps(note)))
    outcome = draft_release(workspace, release_id, project, drafter="llm", analysis=analysis)
    drafted = next(record for record in outcome.notes if record.change_id == "C2")
    assert [f for f in outcome.fallbacks if f["draft"] == "note"] == []
    assert drafted.origin == "llm" and drafted.content["when"] == when


# 3. an edit that leaves the contradiction in place ----------------------------------------


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (
            lambda original: original.replace("Best regards", "(Updated.)\n\nBest regards"),
            "the new body still says “Items can be returned within 30 days of delivery.”, "
            "which contradicts the new behavior (states 30 days",
        ),
        (
            lambda original: original.replace(
                "within 30 days of delivery.", "within 30 days of delivery, as always."
            ),
            "the new body still states 30 days in “Items can be returned within 30 days of "
            "delivery, as always.”, where the change moved it to 45 days",
        ),
    ],
    ids=["verbatim", "old-value"],
)
def test_an_edit_that_changes_nothing_substantive_falls_back(
    openai_server: OpenAIServer, example_release: Release, make: Any, problem: str
) -> None:
    workspace, release_id, project = example_release
    openai_server.responder = _edit_for(RETURNS_MACRO, make)
    outcome = draft_release(workspace, release_id, project, drafter="llm")

    edit = next(r for r in outcome.edits if r.content["item_title"] == "Returns::Return window")
    assert edit.origin == "llm-fallback"
    assert "(45 days for Acme Plus members)" in edit.content["new_body"]
    asked = [
        _user(body)
        for body in openai_server.requests
        if RETURNS_MACRO in json.dumps(body) and "<<<BODY" in _user(body)
    ]
    assert len(asked) == 2 and problem in asked[1]
    assert [fallback["draft"] for fallback in outcome.fallbacks] == ["macro:360003"]
    assert problem in outcome.fallbacks[0]["reason"]
    # the other edits (real rewrites) are the model's
    others = [r for r in outcome.edits if r is not edit]
    assert others and all(r.origin == "llm" for r in others)
