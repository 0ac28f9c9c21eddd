"""How long the README's test command takes: wall time, CPU time and the machine's load.

Usage: python bench/test_time.py [--top 15] [--save FILE] [-- PYTEST ARGS]
Runs `pytest -q -n auto --dist loadgroup` (or the pytest arguments given after `--`) and prints
its wall time, its CPU time (user + system of pytest, its xdist workers and every process they
started and waited for, such as the example's simulated agent) and the load average before and
after. On a shared machine the wall time depends on the others' work; the CPU time is the fair
comparison between two versions. Per xdist worker it prints the tests it ran, their CPU time
and the wall time spent inside them: the two workers' sums should be close (the wall time is
the longer one's), and the CPU its garbage collector took (and in how many passes) up to the
session's end. `--top N` also prints the N tests that took the most CPU (their own and their
child processes'), read from each worker, and the N that waited the most. It prints the
CPU spent outside the tests (interpreter start-up, collection, the xdist controller) and the
CPU of the tests of each folder; `--save FILE` keeps each test's CPU and wait as JSON, to
compare two runs test by test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLUGIN = """
import gc, json, os, resource, time
import pytest

_rows = []
_collector = {"cpu": 0.0, "started": 0.0, "passes": 0}


def _time_the_collector(phase, info):
    if phase == "start":
        _collector["started"] = time.process_time()
    else:
        _collector["cpu"] += time.process_time() - _collector["started"]
        _collector["passes"] += 1


gc.callbacks.append(_time_the_collector)


def _cpu():
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                          resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    before, started = _cpu(), time.perf_counter()
    yield
    _rows.append((item.nodeid, _cpu() - before, time.perf_counter() - started))


def pytest_sessionfinish(session):
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    folder = os.environ["BENCH_TEST_TIME_OUT"]
    with open(os.path.join(folder, worker + ".json"), "w") as handle:
        json.dump(_rows, handle)
    with open(os.path.join(folder, worker + ".gc"), "w") as handle:
        json.dump(_collector, handle)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--save", type=Path, help="write each test's CPU and wait as JSON")
    parser.add_argument("pytest_args", nargs="*", default=["-n", "auto", "--dist", "loadgroup"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "bench_test_time_plugin.py").write_text(PLUGIN)
        environment = {
            **os.environ,
            "BENCH_TEST_TIME_OUT": folder,
            "PYTHONPATH": os.pathsep.join(filter(None, [folder, os.environ.get("PYTHONPATH")])),
        }
        command = [sys.executable, "-m", "pytest", "-q", "-p", "bench_test_time_plugin"]
        if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
            # started in the background by a non-interactive shell (`cmd &`): Ctrl-C is ignored
            # and every child would inherit that, so the Ctrl-C tests would fail for nothing
            signal.signal(signal.SIGINT, signal.default_int_handler)
        load_before = os.getloadavg()
        started = time.perf_counter()
        completed = subprocess.run(
            [*command, *args.pytest_args], cwd=ROOT, env=environment, check=False
        )
        wall = time.perf_counter() - started
        load_after = os.getloadavg()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        rows: list[tuple[str, float]] = []
        waits: list[tuple[str, float]] = []
        workers: dict[str, tuple[int, float, float]] = {}
        for report in sorted(Path(folder).glob("*.json")):
            measured = json.loads(report.read_text())
            rows.extend((nodeid, cpu) for nodeid, cpu, _ in measured)
            waits.extend((nodeid, wall - cpu) for nodeid, cpu, wall in measured)
            workers[report.stem] = (
                len(measured),
                sum(cpu for _, cpu, _ in measured),
                sum(wall for _, _, wall in measured),
            )
        collectors = {
            report.stem: json.loads(report.read_text()) for report in Path(folder).glob("*.gc")
        }
    print(f"pytest exit code {completed.returncode}")
    print(f"wall {wall:.1f} s; CPU {usage.ru_utime + usage.ru_stime:.1f} s ", end="")
    print(f"(user {usage.ru_utime:.1f} s, system {usage.ru_stime:.1f} s)")
    print("load average (1, 5, 15 min): before " + ", ".join(f"{x:.1f}" for x in load_before))
    print("                              after " + ", ".join(f"{x:.1f}" for x in load_after))
    for worker, (count, cpu, busy) in workers.items():
        print(
            f"{worker}: {count} tests, CPU {cpu:.1f} s, wall inside the tests {busy:.1f} s", end=""
        )
        collector = collectors.get(worker)
        print(f", collector {collector['cpu']:.1f} s ({collector['passes']})" if collector else "")
    inside = sum(cpu for _, cpu in rows)
    total = usage.ru_utime + usage.ru_stime
    print(f"CPU outside the tests (start-up, collection, the controller): {total - inside:.1f} s")
    if rows:
        areas: dict[str, tuple[int, float]] = {}
        for nodeid, cpu in rows:
            area = "/".join(nodeid.split("::")[0].split("/")[:-1]) or "."
            count, spent = areas.get(area, (0, 0.0))
            areas[area] = (count + 1, spent + cpu)
        print(
            "\nCPU by folder: "
            + ", ".join(
                f"{area} {spent:.1f} s ({count})"
                for area, (count, spent) in sorted(areas.items(), key=lambda item: -item[1][1])
            )
        )
    if args.save:
        args.save.write_text(json.dumps({"rows": rows, "waits": waits}, indent=0))
    if args.top and rows:
        print(f"\nthe {args.top} tests that took the most CPU (with their child processes):")
        for nodeid, cpu in sorted(rows, key=lambda row: -row[1])[: args.top]:
            print(f"{cpu:7.1f} s  {nodeid}")
        print(f"\nthe {args.top} tests that waited the most (wall time minus CPU time: sleeps,")
        print("servers, processes they did not start, and on a busy machine a core):")
        for nodeid, waited in sorted(waits, key=lambda row: -row[1])[: args.top]:
            print(f"{waited:7.1f} s  {nodeid}")


if __name__ == "__main__":
    main()
