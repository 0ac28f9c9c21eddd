"""With `--format json`, a usage error (a value not allowed, an unknown option) is the one JSON
object on stderr every other error is, exit 2, naming the command's `--help`; without it, the
usual usage text."""

from __future__ import annotations

import json
import subprocess
import sys


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "behaviordiff", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_usage_error_with_format_json_is_one_json_object() -> None:
    done = _run("gate", "--stage", "beta", "--format", "json")
    assert done.returncode == 2
    error = json.loads(done.stderr)
    assert error["error"] == "UsageError"
    assert "Invalid value for '--stage'" in error["message"] and "'beta'" in error["message"]
    assert "behaviordiff gate --help" in error["hint"]
    unknown = _run("gate", "--bogus", "-f", "json")
    assert (
        unknown.returncode == 2
        and "No such option: --bogus" in json.loads(unknown.stderr)["message"]
    )


def test_without_json_the_usage_text_stays() -> None:
    done = _run("gate", "--stage", "beta")
    assert done.returncode == 2
    assert "Usage: behaviordiff gate" in done.stderr and "'beta'" in done.stderr
