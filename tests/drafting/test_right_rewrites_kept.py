"""A right model rewrite of an item the finders marked is kept, not refused by a check that
misreads it (found with bench/oracle_reader.py, a reader that is always right).

Two scenario agents run through the real pipeline (template drafts), then drafted on the
model's path against the local OpenAI-compatible test server, which answers each edit with
the item's old-rule sentences rewritten right:

* a staff-rota app's help desk (fixtures/scenarios/rotaapp-business-fourhours): replies within
  24 hours for every plan → 4 hours on Business, 24 on Starter and Pro. The rewrite "within 4
  hours on the Business plan, and within 24 hours on Starter and Pro" shares words with the
  old prompt rule, and the word-overlap finder read it as the old rule: it shares as many
  with the new rule, so it says the new one (`drafters.closer_to_new`).
* a cycling-holiday operator (fixtures/scenarios/cycletours-date-before-refund): a refund
  offered first → another date first. The finders marked the macro's first sentence only; the
  right rewrite also reverses the next one ("If you'd rather not take the refund, we can move
  you to another departure ..."), which shares the old rule's words: it may change
  (`drafters.untouched_changed` with the change's old side), where a sign-off may not.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from behaviordiff.drafting import draft_release
from behaviordiff.pipeline.project import open_project, open_workspace
from tests.conftest import FIXTURES, _run_in_process
from tests.openai_server import OpenAIServer, Reply, text_reply


class Case(NamedTuple):
    scenario: str
    item: str
    rewrites: dict[str, str]


ROTA = Case(
    "rotaapp-business-fourhours",
    "article:6600301",
    {
        "Whichever plan you're on, a real person from our support team answers your email, and "
        "it takes a day at most.": "A real person from our support team answers your email: "
        "within 4 hours on the Business plan, and within 24 hours on Starter and Pro.",
    },
)
TOURS = Case(
    "cycletours-date-before-refund",
    "macro:9301",
    {
        "We'd like to start by refunding you in full: reply to this email to say yes and the "
        "money will be back on your card within 5 working days.": "We'd like to start by "
        "moving you to another departure of the same tour at no extra cost: reply to this "
        "email and we'll send you the dates with places.",
        "If you'd rather not take the refund, we can move you to another departure of the same "
        "tour at no extra cost instead.": "If none of those dates suits you, we'll refund you "
        "in full instead, back on your card within 5 working days.",
    },
)


FILAMENT = Case(
    "filamentbox-engineering-fullprice",
    "article:7400102",
    {
        "| Engineering (nylon, polycarbonate, carbon-fibre nylon) | £38 | £32.30 |": "| "
        "Engineering (nylon, polycarbonate, carbon-fibre nylon) | £38 | £38 (no subscriber "
        "discount) |",
    },
)
"""A filament subscription's Engineering range no longer discounted (set BM, after its
held-out run): the prices table's header row ("| Range | Shop price | Subscriber price … |")
was read as a row keyed by the rule's head, so every rewrite of the table "still said" it."""


CHAIRS = Case(
    "officechair-outlet-final-sale",
    "macro:3301",
    {
        "Every chair comes with our 100-day sit trial, so if your "
        "{{ticket.custom_field_chair_model}} isn't working out, we'll pick it up for free and "
        "refund you in full.": "Every chair except our Outlet chairs, which are final sale, "
        "comes with our 100-day sit trial, so if your {{ticket.custom_field_chair_model}} isn't "
        "working out, we'll pick it up for free and refund you in full.",
    },
)
"""Outlet chairs made final sale (set BM, after its held-out run): the claim for every chair,
rewritten to carve the Outlet chairs out, was still read as a claim for every case
(`drafters.carves_out_case`)."""


def _versions(scenario: str) -> tuple[str, str]:
    import yaml

    truth = yaml.safe_load((FIXTURES / "scenarios" / scenario / "truth.yaml").read_text())
    return str(truth["base"]), str(truth["head"])


@pytest.fixture(
    scope="module",
    params=[ROTA, TOURS, FILAMENT, CHAIRS],
    ids=["rota", "tours", "filament", "chairs"],
)
def ran(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    case: Case = request.param
    root = tmp_path_factory.mktemp(case.scenario)
    shutil.copytree(FIXTURES / "scenarios" / "_sim", root / "_sim")
    shutil.copytree(FIXTURES / "scenarios" / case.scenario, root / case.scenario)
    base, head = _versions(case.scenario)
    args = ("run", base, head, "--samples", "3", "--format", "json")
    args += ("--workspace", str(root / case.scenario / ".ws"))
    env: dict[str, str | None] = {"COLUMNS": "200", "NO_COLOR": "1"}
    result = _run_in_process(args, root / case.scenario, env, None)
    assert result.exit_code in (0, 1), result.stderr
    return case, root / case.scenario


def _rewritten(body: str, rewrites: dict[str, str]) -> str:
    for old, new in rewrites.items():
        pattern = r"\s+".join(re.escape(word) for word in old.split())
        body = re.sub(pattern, lambda _match, new=new: new, body)
    return body


def test_a_right_rewrite_is_the_models_edit(
    ran: Any, tmp_path: Path, openai_server: OpenAIServer
) -> None:
    case, folder = ran
    project_dir = tmp_path / case.scenario
    shutil.copytree(folder.parent, tmp_path, dirs_exist_ok=True)

    def respond(body: dict[str, Any]) -> Reply:
        prompt = str(body["messages"][-1]["content"])
        if "<<<BODY" in prompt:
            original = prompt.split("<<<BODY\n", 1)[1].rsplit("\nBODY>>>", 1)[0]
            new_body = _rewritten(original, case.rewrites)
            if new_body == original and "<<<DRAFT" in prompt:
                new_body = prompt.split("<<<DRAFT\n", 1)[1].rsplit("\nDRAFT>>>", 1)[0]
            return text_reply(json.dumps({"new_body": new_body, "rationale": "New rule."}))
        if "<<<SENTENCES" in prompt:
            return text_reply(json.dumps({"verdicts": []}))
        return text_reply("not JSON: the note stays the template's")

    openai_server.responder = respond
    project = open_project(folder=project_dir)
    workspace = open_workspace(project, project_dir / ".ws", create=False)
    try:
        outcome = draft_release(workspace, 1, project, drafter="llm")
    finally:
        workspace.close()
    (edit,) = [r.content for r in outcome.edits if r.content["item_key"] == case.item]
    assert [f for f in outcome.fallbacks if f["draft"] == case.item] == []
    assert edit["origin"] == "llm"
    assert edit["new_body"] == _rewritten(edit["old_body"], case.rewrites)
