"""Rebuild the labeled sets under fixtures/detect/ (deterministic; no network).

    .venv/bin/python bench/make_detect_fixtures.py

* `example/`: the bundled acme-support example, v1 and v2 run through its simulated agent
  (fixtures/example/sim/acme_agent.py) with 3 and 5 samples per probe, A/A pairs (the same
  version twice, independent samples), and `labels.json` (the expected verdict per probe,
  derived from what the prompt change says, not from the detector).
* `agents/`: synthetic recordings of a bigger agent (system prompt inside `messages`, multi-turn,
  user turns that differ between samples, dozens of tool calls, long tool outputs) with known
  action and promise changes, plus A/A pairs; see `synthetic_agents.py`.
* `pairs.jsonl` is written by hand, not by this script.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "fixtures" / "example"
OUT = ROOT / "fixtures" / "detect"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def load_sim() -> ModuleType:
    spec = importlib.util.spec_from_file_location("acme_agent", EXAMPLE / "sim" / "acme_agent.py")
    if spec is None or spec.loader is None:
        raise SystemExit("cannot load the simulated agent")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_example(version_dir: str, seed_name: str, samples: int) -> list[dict[str, Any]]:
    """Replay lines for every probe of the core suite, `samples` runs each."""
    from behaviordiff.agent.source import FolderSource
    from behaviordiff.agent.version import load_version
    from behaviordiff.probes import load_suite

    sim = load_sim()
    folder = EXAMPLE / "agents" / version_dir
    version = load_version(FolderSource(folder).read_all(), version_dir, folder=folder)
    suite = load_suite(EXAMPLE / "probes" / "core.yaml")
    lines: list[dict[str, Any]] = []
    for probe in suite:
        prompt = version.templates.render(version.config.prompts["system"], probe.variables)
        payload = probe.to_payload()
        for sample in range(samples):
            request = {
                "probe": payload,
                "sample": sample,
                "version": {
                    "name": seed_name,
                    "dir": str(folder),
                    "system_prompt": prompt,
                    "config": version.config_data,
                },
            }
            result = sim.Run(request).run()
            lines.append(
                {
                    "probe_id": probe.id,
                    "sample": sample,
                    "messages": result["messages"],
                    "variables": probe.variables,
                    "tags": probe.tags,
                    "usage": result.get("usage", {}),
                }
            )
    return lines


def example_labels() -> dict[str, dict[str, Any]]:
    """What the v1 → v2 prompt change should do to each probe, read from the probes' data."""
    from behaviordiff.probes import load_suite

    labels: dict[str, dict[str, Any]] = {}
    for probe in load_suite(EXAMPLE / "probes" / "core.yaml"):
        order = probe.tool_fixtures.get("lookup_order") or {}
        total = float(order.get("total", probe.variables.get("order_total", 0)) or 0)
        delay = int(order.get("delay_hours", probe.variables.get("delay_hours", 0)) or 0)
        member = probe.variables.get("membership") == "member"
        status = order.get("status")
        if "delayed" in probe.tags and status == "in_transit" and total > 50 and delay > 48:
            labels[probe.id] = {
                "verdict": "behavior-changed",
                "facets": ["actions"],
                "change": "refund",
            }
        elif "returns" in probe.tags and member:
            labels[probe.id] = {
                "verdict": "behavior-changed",
                "facets": ["promises"],
                "change": "return-window",
            }
        elif "complaint" in probe.tags:
            labels[probe.id] = {"verdict": "wording-only", "facets": [], "change": "tone"}
        else:
            labels[probe.id] = {"verdict": "unchanged", "facets": [], "change": None}
    return labels


def write_jsonl(path: Path, lines: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")


def build_example() -> None:
    target = OUT / "example"
    for samples in (3, 5):
        write_jsonl(
            target / f"v1.s{samples}.jsonl", run_example("support-v1", "support-v1", samples)
        )
        write_jsonl(
            target / f"v2.s{samples}.jsonl", run_example("support-v2", "support-v2", samples)
        )
    for version in ("support-v1", "support-v2"):
        short = version.removeprefix("support-")
        for half in ("a", "b"):
            write_jsonl(
                target / "aa" / f"{short}{half}.s3.jsonl",
                run_example(version, f"{version}/aa-{half}", 3),
            )
    (target / "labels.json").write_text(
        json.dumps(example_labels(), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def build_agents() -> None:
    import synthetic_agents

    synthetic_agents.build(OUT / "agents")


def main() -> None:
    which = sys.argv[1:] or ["example", "agents"]
    if "example" in which:
        build_example()
    if "agents" in which:
        build_agents()
    total = sum(path.stat().st_size for path in OUT.rglob("*") if path.is_file())
    print(f"fixtures/detect: {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
