"""Peak memory under two hostile inputs of hostile trial 8, each in a process of its own
(its peak RSS, from the OS, is the figure; nothing here asserts on it):

- `run`: a model (tests/openai_server.py on 127.0.0.1) answering every step of the tool loop
  with one tool call of `--megabytes` of arguments; one probe, one sample, `-j 1`. With the
  default `max_reply_chars` the run stops at the first such reply; `--raise-limit` sets it
  past the reply, so the loop goes on to `max_steps` (8) as it did before the limit.
- `kb check` of a CSV of `--macros` macros (200,000 is a 23 MB file) with `--format json`.

    .venv/bin/python bench/hostile_memory.py
    .venv/bin/python bench/hostile_memory.py --megabytes 8 --raise-limit
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROBES = (
    "probes:\n  - id: a\n    variables: {company: X, customer_name: A}\n"
    '    messages: [{role: user, content: "where is A1?"}]\n'
    "    tool_fixtures: {lookup_order: {status: late}}\n"
)


MEASURED = """
import resource, runpy, sys
try:
    runpy.run_module("behaviordiff", run_name="__main__")
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(f"\\npeak-kb {peak}\\n")
"""
"""`python -m behaviordiff ARGS` that prints its own peak RSS last on stderr."""


def _child(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, float, str]:
    """Exit code, the command's peak RSS in MB, and the line naming its failed runs."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stderr.strip().splitlines()
    peak = int(lines[-1].split()[1]) / 1024 if lines and lines[-1].startswith("peak-kb") else 0.0
    failed = [line for line in done.stdout.splitlines() if "runs failed" in line]
    return done.returncode, peak, failed[0].strip() if failed else ""


def _size(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6


def bench_run(base: Path, megabytes: float, raise_limit: bool) -> None:
    from tests.openai_server import OpenAIServer, text_reply, tool_call_reply

    arguments = {"order_id": "A" * int(megabytes * 1_000_000)}
    server = OpenAIServer(
        lambda body: (
            tool_call_reply("lookup_order", arguments)
            if "v2" in json.dumps(body["messages"][:1])
            else text_reply("Hello, a colleague will help.")
        )
    )
    server.record_bodies = False
    server.start()
    try:
        project = base / "run"
        project.mkdir()
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT / "src"),
            "OPENAI_BASE_URL": server.base_url,
            "OPENAI_API_KEY": "sk-test",
            "BEHAVIORDIFF_WORKSPACE": str(project / "ws"),
        }
        subprocess.run(
            [sys.executable, "-m", "behaviordiff", "init"],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
        )
        agent = (project / "agent" / "agent.yaml").read_text()
        raised = f"max_reply_chars: {int(megabytes * 1_000_000) + 100}\n"
        for name in ("v1", "v2"):
            (project / name).mkdir()
            (project / name / "system.md.j2").write_text(f"You help ({name}).\n")
            extra = raised if raise_limit and name == "v2" else ""
            (project / name / "agent.yaml").write_text(agent + extra)
        (project / "probes" / "starter.yaml").write_text(PROBES)
        code, peak, tail = _child(
            ["run", "v1", "v2", "-n", "1", "-j", "1", "--drafter", "template"], project, env
        )
        limit = "raised past the reply" if raise_limit else "the default"
        print(
            f"run, {megabytes:g} MB of tool-call arguments a step, max_reply_chars {limit}: "
            f"exit {code}, peak RSS {peak:.0f} MB, workspace {_size(project / 'ws'):.1f} MB"
        )
        print(f"  {tail[:200]}")
    finally:
        server.stop()


def bench_kb(base: Path, macros: int) -> None:
    folder = base / "kb"
    (folder / "faq").mkdir(parents=True)
    (folder / "faq" / "a.md").write_text("---\ntitle: A\nid: 1\n---\nbody\n")
    with (folder / "big.csv").open("w") as handle:
        handle.write("id,title,body\n")
        for number in range(macros):
            handle.write(f"{number},T{number}," + "word " * 20 + "\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    args = ["kb", "check", "--macros", "big.csv", "--faq", "faq", "--format", "json"]
    code, peak, _ = _child(args, folder, env)
    size = (folder / "big.csv").stat().st_size / 1e6
    print(f"kb check, {macros:,} macros ({size:.0f} MB CSV): exit {code}, peak RSS {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=8.0)
    parser.add_argument("--raise-limit", action="store_true")
    parser.add_argument("--macros", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench_kb(Path(folder), args.macros)
    with tempfile.TemporaryDirectory() as folder:
        bench_run(Path(folder), args.megabytes, args.raise_limit)


if __name__ == "__main__":
    main()
