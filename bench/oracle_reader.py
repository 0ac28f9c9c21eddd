"""The drafting model's path with a reader that is always right: what the pipeline around the
model lets through.

    .venv/bin/python bench/oracle_reader.py                  # every scenario of the rewrites file
    .venv/bin/python bench/oracle_reader.py --only NAME -v   # names, comma-separated

The model's path has two halves: reading (which sentences of an item state the old rule, and
what they should say now) and everything around it (which items reach the model, and the checks
every model edit goes through). The small model bench/local_model.py serves cannot read, so its
figures say nothing of the second half. This bench replaces the model with an oracle: an
OpenAI-compatible server on 127.0.0.1 (tests/openai_server.py) that answers from hand-written
right rewrites of each scenario's KB sentences (bench/oracle_rewrites.yaml, written from the
scenario's truth, never from a draft):

* a near item's reading (`review_item`): "untrue" with the right rewrite for each sentence of
  the file, "keep" for every other;
* an item the finders marked (`edit_article`): the original body with each sentence of the file
  rewritten (else the template's draft as it is);
* a note: not JSON, so the note stays the template's.

It then runs `bench/draft_quality.py --drafter llm` against that server and prints its lines.
What still fails is the pipeline's: an item no finder marked that is not among the near items
read, or a right rewrite a check refuses. This is a ceiling for a model that reads well, not a
measure of any model.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.openai_server import OpenAIServer, Reply, text_reply  # noqa: E402

REWRITES = ROOT / "bench" / "oracle_rewrites.yaml"


def _norm(text: str) -> str:
    return " ".join(text.split())


def load_rewrites(names: list[str] | None) -> tuple[list[str], dict[str, str]]:
    import yaml

    data: dict[str, list[dict[str, str]]] = yaml.safe_load(REWRITES.read_text(encoding="utf-8"))
    chosen = names or list(data)
    unknown = [name for name in chosen if name not in data]
    if unknown:
        raise SystemExit(f"{REWRITES}: no rewrites for {', '.join(unknown)}")
    table = {_norm(entry["old"]): entry["new"] for name in chosen for entry in data[name]}
    return chosen, table


def _rewrite_body(body: str, table: dict[str, str]) -> str | None:
    """`body` with every sentence of the table rewritten, whitespace inside it matched loosely;
    None when it holds none."""
    changed = body
    for old, new in table.items():
        pattern = r"\s+".join(re.escape(word) for word in old.split())
        if new:
            changed = re.sub(pattern, lambda _match, new=new: new, changed)
        else:
            changed = re.sub(pattern + r" ?", "", changed)
    return None if changed == body else changed


def responder(table: dict[str, str]) -> Any:
    def respond(request: dict[str, Any]) -> Reply:
        prompt = str(request["messages"][-1]["content"])
        if "<<<SENTENCES" in prompt:
            block = prompt.split("<<<SENTENCES\n", 1)[1].split("SENTENCES>>>", 1)[0]
            verdicts: list[dict[str, Any]] = []
            for line in block.splitlines():
                number, _, text = line.partition(". ")
                if not number.isdigit():
                    continue
                new = table.get(_norm(text))
                if new is None:
                    verdicts.append({"number": int(number), "verdict": "keep"})
                else:
                    verdict = {"number": int(number), "verdict": "untrue", "new": new}
                    verdicts.append({**verdict, "why": "it states the old rule"})
            return text_reply(json.dumps({"verdicts": verdicts}))
        if "<<<BODY" in prompt:
            body = prompt.split("<<<BODY\n", 1)[1].rsplit("\nBODY>>>", 1)[0]
            new_body = _rewrite_body(body, table)
            if new_body is None and "<<<DRAFT" in prompt:
                new_body = prompt.split("<<<DRAFT\n", 1)[1].rsplit("\nDRAFT>>>", 1)[0]
            answer = {"new_body": new_body or body, "rationale": "States the new rule."}
            return text_reply(json.dumps(answer))
        return text_reply("not JSON: the note stays the template's")

    return respond


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="scenario names, comma-separated (default: every one)")
    parser.add_argument("-v", action="store_true", help="list each problem")
    parser.add_argument("--json", action="store_true", help="draft_quality's JSON document")
    args = parser.parse_args()
    names, table = load_rewrites(args.only.split(",") if args.only else None)
    with OpenAIServer() as server:
        server.responder = responder(table)
        command = [
            sys.executable,
            str(ROOT / "bench" / "draft_quality.py"),
            "--drafter",
            "llm",
            "--base-url",
            server.base_url,
            "--model",
            "oracle",
            "--only",
            ",".join(names),
        ]
        command += ["-v"] if args.v else []
        command += ["--json"] if args.json else []
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
