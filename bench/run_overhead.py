"""Runner overhead: 1,000 probes × 3 samples × 2 versions at concurrency 64 against a local
OpenAI-compatible server that answers instantly (tests/openai_server.py, in its own process).

Prints runs/second of the first run, peak RSS, and the time of the fully cached rerun.
Targets on a 2-core machine: ≥ 400 runs/s, < 400 MB peak, cached rerun < 5% of the first run.

    .venv/bin/python bench/run_overhead.py [--probes 1000] [--samples 3] [--concurrency 64]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

from behaviordiff.config import Project, ProjectConfig, RunSection
from behaviordiff.pipeline import load_pair
from behaviordiff.probes import load_suites
from behaviordiff.runner import RunOptions, run_release
from behaviordiff.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "tests" / "openai_server.py"

AGENT_YAML = """\
name: bench
adapter: openai
model: gpt-4o-mini
temperature: {temperature}
max_tokens: 200
prompts:
  system: system.md.j2
tools:
  - type: function
    function:
      name: lookup_order
      description: Look up an order.
      parameters:
        type: object
        properties:
          order_id: {{type: string}}
        required: [order_id]
  - type: function
    function:
      name: escalate_to_human
      description: Hand the conversation to a human.
escalation:
  tools: [escalate_to_human]
"""
SYSTEM = (
    "You are the support agent of Acme. The customer is {{ customer_name }}.\n"
    "Be brief, be kind, never promise refunds over {{ limit }} dollars.\n"
)


def write_project(folder: Path, probes: int) -> tuple[Path, Path, Path]:
    versions = []
    for name, temperature in (("v1", 0.3), ("v2", 0.2)):
        version = folder / name
        version.mkdir()
        (version / "agent.yaml").write_text(AGENT_YAML.format(temperature=temperature))
        (version / "system.md.j2").write_text(SYSTEM)
        versions.append(version)
    suite = folder / "probes.jsonl"
    with suite.open("w") as handle:
        for index in range(probes):
            probe = {
                "id": f"probe-{index:05d}",
                "messages": [
                    {"role": "user", "content": f"Where is my order A{index:04d}? It is late."}
                ],
                "variables": {"customer_name": f"Customer {index}", "limit": 50},
                "tool_fixtures": {"lookup_order": {"status": "in_transit"}},
                "tags": ["shipping"],
            }
            handle.write(json.dumps(probe) + "\n")
    return versions[0], versions[1], suite


def server_requests(base_url: str) -> int:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/_stats") as response:
        return int(json.load(response)["requests"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probes", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()

    server = subprocess.Popen([sys.executable, str(SERVER)], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory(prefix="bd-bench-") as tmp:
            folder = Path(tmp)
            base, head, suite_path = write_project(folder, args.probes)
            project = Project(
                ProjectConfig(run=RunSection(samples=args.samples, concurrency=args.concurrency)),
                folder,
                None,
            )
            pair = load_pair(project, str(base), str(head))
            suite = load_suites([suite_path])
            options = RunOptions(base_url=base_url)
            with Workspace(folder / "workspace") as workspace:
                started, cpu_started = time.perf_counter(), time.process_time()
                first = run_release(project, pair, suite, workspace, options)
                first_seconds = time.perf_counter() - started
                first_cpu = time.process_time() - cpu_started
                sent = server_requests(base_url)
                started = time.perf_counter()
                second = run_release(project, pair, suite, workspace, options)
                second_seconds = time.perf_counter() - started
                sent_again = server_requests(base_url) - sent
                started = time.perf_counter()
                third = run_release(
                    project, pair, suite, workspace, replace(options, reuse_runs=False)
                )
                third_seconds = time.perf_counter() - started
                sent_third = server_requests(base_url) - sent - sent_again
        runs = first.total
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert first.progress is not None and second.progress is not None
        print(
            f"runs: {runs} ({args.probes} probes × {args.samples} samples × 2 versions), "
            f"concurrency {args.concurrency}"
        )
        print(
            f"first run: {first_seconds:.2f}s, {runs / first_seconds:.0f} runs/s, "
            f"{sent} requests, {first.progress.errors} errors, "
            f"{first.progress.retries} retries, runner CPU {1000 * first_cpu / runs:.2f} ms/run"
        )
        print(
            f"cached rerun: {second_seconds:.2f}s "
            f"({100 * second_seconds / first_seconds:.1f}% of the first), "
            f"{sent_again} requests, {second.reused} of {second.total} runs reused"
        )
        assert third.progress is not None
        print(
            f"rerun through the call cache only (no run reuse): {third_seconds:.2f}s "
            f"({100 * third_seconds / first_seconds:.1f}% of the first), {sent_third} requests, "
            f"{third.progress.cached} of {third.total} runs answered from the cache"
        )
        print(f"peak RSS: {peak_mb:.0f} MB")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
