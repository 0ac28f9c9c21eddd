"""LLM calls and tokens of drafting one release: 10 vs 1,000 probes with the same changes.

    .venv/bin/python bench/draft_cost.py            # fake model (offline, no server)
    .venv/bin/python bench/draft_cost.py --server   # the local OpenAI-compatible test server

The bundled example's analysis (v1 → v2) is scaled to N probes: its behavior changes stay the
same, each change gets proportionally more member probes, the rest are unchanged probes. The
LLM drafter makes one call per note and one per affected macro/article, and each prompt holds
at most three evidence excerpts, so calls and tokens should not grow with N.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "fixtures" / "example"

from tests.example_data import example_analysis  # noqa: E402 (needs ROOT on sys.path)


def scaled(analysis: dict[str, Any], total: int) -> dict[str, Any]:
    """The same changes over `total` probes."""
    data = copy.deepcopy(analysis)
    by_id = {probe["probe_id"]: probe for probe in data["probes"]}
    changed = [p for p in data["probes"] if p.get("change_id")]
    quiet = [p for p in data["probes"] if not p.get("change_id")]
    share = max(1, round(total * len(changed) / len(data["probes"])) // len(data["changes"]))
    probes: list[dict[str, Any]] = []
    for change in data["changes"]:
        members = [by_id[pid] for pid in change["probe_ids"]]
        ids = []
        for index in range(share):
            probe = copy.deepcopy(members[index % len(members)])
            probe["probe_id"] = f"{probe['probe_id']}#{index}"
            ids.append(probe["probe_id"])
            probes.append(probe)
        change["probe_ids"] = ids
    index = 0
    while len(probes) < total:
        probe = copy.deepcopy(quiet[index % len(quiet)])
        probe["probe_id"] = f"{probe['probe_id']}#{index}"
        probes.append(probe)
        index += 1
    data["probes"] = probes
    return data


def responder_reply(prompt: str) -> str:
    if "<<<BODY" in prompt:
        original = prompt.split("<<<BODY\n", 1)[1].rsplit("\nBODY>>>", 1)[0]
        return json.dumps({"new_body": original, "rationale": "Reviewed; no change needed."})
    return json.dumps(
        {
            "title": "Behavior change",
            "before": "The agent did one thing.",
            "after": "The agent does another.",
            "when": "In the cases the analysis found.",
            "customer_impact": "Customers see the new behavior.",
            "cs_actions": ["Update the affected macros and articles."],
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", action="store_true", help="use the local test server")
    parser.add_argument("--sizes", default="10,1000")
    args = parser.parse_args()

    from behaviordiff.config import find_project
    from behaviordiff.drafting import draft_release
    from behaviordiff.llm.fake import FakeChatModel
    from behaviordiff.store import Workspace

    project = find_project(config=EXAMPLE / "behaviordiff.toml")
    typed, version_diff = example_analysis()
    analysis, diff = typed.to_dict(), version_diff.to_dict()  # scaled as JSON below
    server = None
    if args.server:
        import os

        from tests.openai_server import OpenAIServer, text_reply

        server = OpenAIServer(
            lambda body: text_reply(responder_reply(body["messages"][-1]["content"]))
        ).start()
        os.environ["OPENAI_BASE_URL"] = server.base_url
    print(
        f"{'probes':>7} {'changes':>7} {'edits':>5} {'LLM calls':>9} {'prompt tok':>10} "
        f"{'completion tok':>14} {'seconds':>7}"
    )
    try:
        for size in (int(n) for n in args.sizes.split(",")):
            data = scaled(analysis, size)
            with tempfile.TemporaryDirectory() as folder, Workspace(Path(folder)) as workspace:
                release = workspace.create_release(base_label="v1", head_label="v2", diff=diff)
                workspace.save_analysis(release.id, data)
                model = (
                    None
                    if server
                    else FakeChatModel(
                        responder=lambda request: responder_reply(request.messages[-1]["content"])
                    )
                )
                started = time.perf_counter()
                outcome = draft_release(
                    workspace, release.id, project, drafter="llm", chat_model=model
                )
                elapsed = time.perf_counter() - started
                usage = outcome.stats
                print(
                    f"{len(data['probes']):>7} {len(outcome.notes):>7} {len(outcome.edits):>5} "
                    f"{usage['llm_calls']:>9} {usage['prompt_tokens']:>10} "
                    f"{usage['completion_tokens']:>14} {elapsed:>7.2f}"
                )
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
