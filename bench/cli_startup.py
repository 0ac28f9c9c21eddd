"""How fast `behaviordiff --help` answers: heavy imports must stay inside the commands.

Usage: python bench/cli_startup.py [--runs 10]
Prints the median and worst wall time of `behaviordiff --help` and of `python -c pass`
(the interpreter's own start-up, for scale), and which heavy modules the CLI imports at start.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

HEAVY = ("openai", "textual", "deepdiff", "jinja2", "pydantic", "yaml", "numpy")


def _time(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    baseline = _time([sys.executable, "-c", "pass"], runs)
    help_times = _time([sys.executable, "-m", "behaviordiff", "--help"], runs)
    probe = (
        "import sys; from behaviordiff.cli import app; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"runs: {runs}")
    print(f"python -c pass:       median {statistics.median(baseline) * 1000:6.0f} ms")
    print(
        f"behaviordiff --help:  median {statistics.median(help_times) * 1000:6.0f} ms, "
        f"worst {max(help_times) * 1000:.0f} ms (target: well under 1,000 ms)"
    )
    print(f"heavy modules imported at start: {loaded or 'none'}")


if __name__ == "__main__":
    main()
