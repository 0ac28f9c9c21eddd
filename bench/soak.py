"""Soak: 50,000 requests against the local OpenAI-compatible server with 2% injected faults.

The server (tests/openai_server.py, in its own process) answers one request in fifty with a
fault, in turn: 429 with Retry-After 0, HTTP 500, a 200 whose body is not JSON, a 200 with no
choices. The run retries them. Afterwards every probe must be accounted for: each run stored,
done or failed with its cause, none missing; the server's request count must equal what the
run reports; and the runner's RSS is printed at the start, the middle and the end (it should
stay flat: runs stream to the workspace, nothing grows with their number).

    .venv/bin/python bench/soak.py [--requests 50000] [--fault-rate 0.02] [--concurrency 64]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SAMPLES = 10


def serve(fault_rate: float) -> None:
    """The server process: instant replies, every 1/fault_rate-th request a fault."""
    import itertools
    import threading

    from tests.openai_server import OpenAIServer, Reply, rate_limited, server_error, text_reply

    every = max(1, round(1 / fault_rate)) if fault_rate > 0 else 0
    counter = itertools.count(1)
    lock = threading.Lock()
    faults = [
        rate_limited("0"),
        server_error(500),
        Reply(status=200, body=b"<html>502 Bad Gateway</html>"),
        Reply(status=200, body=b'{"choices": []}'),
    ]

    def responder(body: dict[str, object]) -> Reply:
        with lock:
            number = next(counter)
        if every and number % every == 0:
            return faults[(number // every) % len(faults)]
        return text_reply("Your order is on its way and arrives within 3 days.")

    server = OpenAIServer(responder)
    server.record_bodies = False
    print(server.base_url, flush=True)
    server.httpd.serve_forever()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def server_requests(base_url: str) -> int:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/_stats") as response:
        return int(json.load(response)["requests"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50_000)
    parser.add_argument("--fault-rate", type=float, default=0.02)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.fault_rate)
        return

    from run_overhead import write_project

    from behaviordiff.config import Project, ProjectConfig, RunSection
    from behaviordiff.pipeline import load_pair
    from behaviordiff.probes import load_suites
    from behaviordiff.runner import RunOptions, run_release
    from behaviordiff.runner.scheduler import RunEvent
    from behaviordiff.store import Workspace

    probes = max(1, args.requests // (2 * SAMPLES))
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--fault-rate", str(args.fault_rate)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory(prefix="bd-soak-") as tmp:
            folder = Path(tmp)
            base, head, suite_path = write_project(folder, probes)
            config = ProjectConfig(
                run=RunSection(samples=SAMPLES, concurrency=args.concurrency, max_retries=6)
            )
            project = Project(config, folder, None)
            pair = load_pair(project, str(base), str(head))
            suite = load_suites([suite_path])
            total = probes * SAMPLES * 2
            rss = {"before": rss_mb()}

            def on_event(event: RunEvent) -> None:
                """RSS once the run is under way (5%), half way, and at the end."""
                for name, share in (("start", 0.05), ("middle", 0.5)):
                    if name not in rss and event.progress.done >= total * share:
                        rss[name] = rss_mb()

            options = RunOptions(base_url=base_url, retry_base_delay=0.01)
            with Workspace(folder / "workspace") as workspace:
                started = time.perf_counter()
                outcome = run_release(project, pair, suite, workspace, options, on_event=on_event)
                seconds = time.perf_counter() - started
                rss["end"] = rss_mb()
                rows = workspace.db.execute(
                    "SELECT status, error FROM runs WHERE release_id = ?", (outcome.release_id,)
                ).fetchall()
            sent = server_requests(base_url)
        statuses = Counter(str(row[0]) for row in rows)
        causes = Counter(str(row[1]).split(" (after")[0][:80] for row in rows if row[1])
        without_cause = sum(1 for row in rows if row[0] != "ok" and not row[1])
        progress = outcome.progress
        assert progress is not None
        print(
            f"plan: {total} runs ({probes} probes × {SAMPLES} samples × 2 versions), "
            f"concurrency {args.concurrency}, fault rate {args.fault_rate:.0%}"
        )
        print(
            f"time: {seconds:.1f}s, {total / seconds:.0f} runs/s; requests reported "
            f"{progress.requests}, seen by the server {sent}; retries {progress.retries}"
        )
        print(
            f"accounted for: {len(rows)} of {total} runs stored "
            f"({dict(statuses)}); failed without a cause: {without_cause}"
        )
        for cause, count in causes.most_common(5):
            print(f"  failed {count}×: {cause}")
        print(
            "RSS: "
            + ", ".join(
                f"{name} {rss.get(name, 0.0):.0f} MB"
                for name in ("before", "start", "middle", "end")
            )
        )
        ok = len(rows) == total and without_cause == 0 and progress.requests == sent
        print("soak: " + ("every run accounted for" if ok else "MISMATCH"))
        if not ok:
            sys.exit(1)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
