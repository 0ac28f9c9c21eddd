"""Shared test fixtures. Tests never reach a real API and never touch the user's workspace."""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Compiled modules are kept for the test run even where PYTHONDONTWRITEBYTECODE is set: without
# them every xdist worker compiles behaviordiff and rewrites the asserts of every test module
# again (seconds of CPU each), and so does every run after it, as does each `behaviordiff`
# process a test starts. The __pycache__ folders it writes are ignored by git.
if sys.dont_write_bytecode:
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

from tests.openai_server import OpenAIServer

# A suite started in the background by a shell without job control (`pytest ... &` in a
# script) inherits SIGINT ignored, and Python keeps it ignored: so would every process a test
# starts, and a Ctrl-C test's `behaviordiff run` would run to the end (exit 0). The tests get
# what a terminal gives, here and in each xdist worker (each imports this file).
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# The garbage collector runs far less often than by default (after 50,000 new objects instead
# of 700, its older generations after 20 and 100 of those): Textual's rendering allocates
# millions of short-lived objects, and under the default thresholds a test process spent ~15%
# of its CPU in collections that free almost nothing (tests/tui: 1.2 s of 7.2 s for four
# tests). Cycles are still collected, only in fewer passes; `pytest_collection_finish` freezes
# what collection built (modules, test items) so those passes no longer walk it.
gc.set_threshold(50_000, 20, 100)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
EXAMPLE = FIXTURES / "example"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the workspace at tmp_path and strip live-API credentials."""
    monkeypatch.setenv("BEHAVIORDIFF_WORKSPACE", str(tmp_path / "workspace"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        monkeypatch.delenv(name, raising=False)


def _sigint_disposition() -> tuple[object, bool]:
    """SIGINT's handler as Python holds it, and whether the process ignores SIGINT at the
    OS level (what a child process inherits, whatever Python's table says)."""
    ignored = False
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("SigIgn:"):
                    ignored = bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
                    break
    except OSError:  # not Linux: Python's table alone
        pass
    return signal.getsignal(signal.SIGINT), ignored


@pytest.fixture(autouse=True)
def _sigint_as_found(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test leaves SIGINT as it found it: one left ignored in a worker process made every
    child process a later test starts ignore Ctrl-C (tests/cli/test_run.py's Ctrl-C test ran
    all its runs and exited 0). Put back, and the test that did it fails, named."""
    before = _sigint_disposition()
    yield
    after = _sigint_disposition()
    if after != before:
        handler = before[0]
        signal.signal(signal.SIGINT, handler if handler is not None else signal.SIG_DFL)
        pytest.fail(
            f"{request.node.nodeid} left SIGINT {after} (handler, ignored), found {before}",
            pytrace=False,
        )


@pytest.fixture(scope="session", autouse=True)
def _click_commands_built_once() -> Iterator[None]:
    """Typer builds the click command tree on every call of the app (~80 ms: it evaluates the
    annotations of every parameter of every command). A user's process calls it once; so does
    a test process now: the tree of each Typer app is built on its first call and reused by
    every in-process invocation after it (`main()`, Typer's CliRunner, tests that walk it)."""
    import typer.main
    import typer.testing

    build = typer.main.get_command
    built: dict[int, tuple[typer.Typer, Any]] = {}

    def get_command(app: typer.Typer) -> Any:
        if id(app) not in built:
            built[id(app)] = (app, build(app))  # the app is kept, so its id is not reused
        return built[id(app)][1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.main, "get_command", get_command)
        patch.setattr(typer.testing, "_get_command", get_command)
        yield


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


CliRunner = Callable[..., CliResult]


def _run_in_process(
    args: tuple[str, ...],
    cwd: Path,
    environment: dict[str, str | None],
    input_text: str | None,
) -> CliResult:
    """`behaviordiff ARGS` through the entry point a shell reaches (`cli.app.main`: exit
    codes, error panels, JSON errors), inside Typer's CliRunner isolation: its own stdin,
    stdout, stderr and environment, the consoles at the given width, the cwd put back."""
    import tempfile

    import click.formatting
    from typer.testing import CliRunner as TyperRunner

    from behaviordiff.cli import app as cli_app
    from behaviordiff.cli import console

    consoles = (console.stdout, console.stderr)
    widths = [c._width for c in consoles]
    width = int(environment.get("COLUMNS") or "100")
    previous_dir, previous_argv, previous_hook = Path.cwd(), sys.argv, sys.unraisablehook
    previous_tempdir = tempfile.tempdir
    code = 0
    with TyperRunner().isolation(input=input_text, env=environment) as (out, err, _):
        tempfile.tempdir = None  # read TMPDIR again, as a new process would
        click.formatting.FORCED_WIDTH = width
        for each in consoles:
            each.width = width
        os.chdir(cwd)
        sys.argv = ["behaviordiff", *args]
        try:
            cli_app.main()
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.chdir(previous_dir)
            sys.argv, sys.unraisablehook = previous_argv, previous_hook
            tempfile.tempdir = previous_tempdir
            for each, saved in zip(consoles, widths, strict=True):
                each._width = saved
        stdout, stderr = out.getvalue().decode(), err.getvalue().decode("utf-8", "replace")
    return CliResult(code, stdout, stderr)


@pytest.fixture
def cli(tmp_path: Path) -> CliRunner:
    """Run `behaviordiff` in-process, as `main()` runs it for a user, with a pinned width."""

    def run(
        *args: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        input_text: str | None = None,
    ) -> CliResult:
        environment: dict[str, str | None] = {"COLUMNS": "100", "NO_COLOR": "1", **(env or {})}
        return _run_in_process(args, cwd or tmp_path, environment, input_text)

    return run


@pytest.fixture
def cli_process(tmp_path: Path) -> CliRunner:
    """Run `behaviordiff` in a new process, as a user would: for what only a process shows
    (the installed entry point, Ctrl-C, a closed pipe, the demo end to end)."""

    def run(
        *args: str,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        input_text: str | None = None,
    ) -> CliResult:
        environment = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", **(env or {})}
        completed = subprocess.run(
            [sys.executable, "-m", "behaviordiff", *args],
            cwd=cwd or tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            input=input_text,
            timeout=300,
        )
        return CliResult(completed.returncode, completed.stdout, completed.stderr)

    return run


@dataclass(frozen=True)
class Demo:
    folder: Path
    """The demo's folder: the example as a git repository (v1 at HEAD~1, v2 at HEAD)."""
    workspace: Path
    output: dict[str, Any]
    """What `demo --format json` printed."""


@pytest.hookimpl(tryfirst=True, optionalhook=True)  # an xdist hook: `-p no:xdist` works
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` starts one worker more than the machine has cores: about a fifth of the
    tests' wall time is spent waiting (agent processes, the local OpenAI and helpdesk servers,
    Textual's timers), and a third worker keeps both cores of a 2-core machine busy through
    those waits (measured with bench/test_time.py: 123 s → 109 s wall at the same CPU).
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when it is set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        cores = os.cpu_count() or 1
    return cores + 1


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under xdist, compile once before the workers start what each of them would compile.

    Every worker imports every test module to collect it: in a fresh clone, with no
    `__pycache__` yet, each one rewrote the asserts of all ~140 test modules (~3 s of CPU a
    worker) and compiled the package (~0.5 s), all at the same moment, so none found the
    others' files. Here the controller writes them once, the files pytest and Python would
    write, and the workers read them. A checkout that has them pays only the stat calls."""
    config = session.config
    if (
        hasattr(config, "workerinput")
        or config.getoption("dist", "no") == "no"
        or sys.dont_write_bytecode
    ):
        return
    import compileall
    import py_compile

    compileall.compile_dir(
        ROOT / "src",
        quiet=1,
        invalidation_mode=py_compile.PycInvalidationMode.TIMESTAMP,
    )
    if config.getoption("assertmode") == "rewrite":
        _rewrite_test_modules(config)


def _rewrite_test_modules(config: pytest.Config) -> None:
    """Write the assert-rewritten modules pytest's import hook would write for the test files
    and conftest files under the paths this run collects (pytest's own cache format, through
    its functions: without them, as in another pytest version, each worker does it as before)."""
    try:
        from _pytest.assertion.rewrite import (
            PYC_TAIL,
            _read_pyc,
            _rewrite_test,
            _write_pyc,
            assertstate_key,
            get_cache_dir,
            try_makedirs,
        )
        from _pytest.pathlib import fnmatch_ex
    except ImportError:
        return
    state = config.stash[assertstate_key]
    patterns = config.getini("python_files")
    paths = set()
    for arg in config.args:  # testpaths are relative to the rootdir, arguments to the cwd
        named = arg.split("::")[0]
        path = config.invocation_params.dir / named
        path = path if path.exists() else config.rootpath / named
        paths.update(path.rglob("*.py") if path.is_dir() else [path])
    for path in sorted(paths):
        if path.suffix != ".py" or not (
            path.name == "conftest.py" or any(fnmatch_ex(p, path) for p in patterns)
        ):
            continue
        cache_dir = get_cache_dir(path)
        pyc = cache_dir / (path.name[:-3] + PYC_TAIL)
        if _read_pyc(path, pyc) is not None or not try_makedirs(cache_dir):
            continue
        try:
            source_stat, code = _rewrite_test(path, config)
        except (OSError, SyntaxError, ValueError):
            continue  # the worker that imports it reports the error as pytest does
        _write_pyc(state, code, source_stat, pyc)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What the process holds once the tests are collected (imported modules, test items,
    fixtures' definitions) lives as long as the process: frozen, the collector skips it."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use the demo run in one xdist group, so the demo runs once per session (it
    is the costliest fixture) rather than once per worker. Hypothesis tests run in one group
    too: the first of them in a process builds Hypothesis's table of Unicode categories and
    reads the constants of every behaviordiff module (~2-3 s of CPU in a fresh clone, where
    `.hypothesis/` is empty), and one worker does that once instead of each worker."""
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        if "demo_run" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("demo"))
        elif getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.xdist_group("hypothesis"))


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """`behaviordiff demo --format json`, run once per test process (it runs the example's
    58 probes × 3 samples × 2 versions). Tests that only read it use it as it is; tests that
    change the folder or the workspace take an untouched copy with `demo` (a command agent's
    run identity names no absolute path, so the copy's runs are reused as the original's)."""
    root = tmp_path_factory.mktemp("demo-run")
    environment: dict[str, str | None] = {
        "COLUMNS": "100",
        "NO_COLOR": "1",
        "BEHAVIORDIFF_WORKSPACE": str(root / "ws"),
    }
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"):
        environment[name] = None  # unset, as for every test
    result = _run_in_process(
        ("demo", str(root / "demo"), "--format", "json"), root, environment, None
    )
    assert result.exit_code == 0, result.stderr
    shutil.copytree(root / "demo", root / "pristine" / "demo", symlinks=True)
    shutil.copytree(root / "ws", root / "pristine" / "ws")
    return Demo(root / "demo", root / "ws", json.loads(result.stdout))


@pytest.fixture
def demo(demo_run: Demo, tmp_path: Path) -> Demo:
    """A copy of the demo's folder and workspace as the demo left them, for one test:
    tmp_path/demo, with the workspace where the test environment points (tmp_path/workspace)."""
    pristine = demo_run.folder.parent / "pristine"
    shutil.copytree(pristine / "demo", tmp_path / "demo", symlinks=True)
    shutil.copytree(pristine / "ws", tmp_path / "workspace")
    return Demo(tmp_path / "demo", tmp_path / "workspace", demo_run.output)


def make_git_repo(path: Path) -> Path:
    """An empty git repository with a fixed identity."""
    path.mkdir(parents=True, exist_ok=True)
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.email", "tests@example.com"],
        ["config", "user.name", "Tests"],
        ["config", "commit.gpgsign", "false"],
    ):
        subprocess.run(["git", "-C", str(path), *args], check=True)
    return path


def git_commit(repo: Path, message: str, tag: str | None = None) -> None:
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True)
    if tag:
        subprocess.run(["git", "-C", str(repo), "tag", tag], check=True)


@pytest.fixture
def openai_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenAIServer]:
    """A scripted OpenAI-compatible server on 127.0.0.1; OPENAI_BASE_URL points at it."""
    with OpenAIServer() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.delenv("OPENAI_API_KEY", raising=False)
        yield server


# drafting -------------------------------------------------------------------------------

from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from behaviordiff.pipeline import Analysis, Project, VersionDiff, Workspace


@pytest.fixture(scope="session")
def example_analysis() -> tuple[Analysis, VersionDiff]:
    """The bundled example's analysis (v1 → v2, 3 samples) and its diff, typed; built once per
    test process, so a test changes a copy (`copy.deepcopy`), never these."""
    from tests.example_data import example_analysis as build

    return build()


class DraftedSnapshots:
    """The example release drafted once per test process for each set of `draft_release`
    options, kept as a closed SQLite file; `restore` writes one into a test's own
    `example_release` workspace (the same open `Workspace`, so a test that asks for both sees
    one workspace) instead of drafting it again (~0.1 s of CPU each, ~150 tests)."""

    def __init__(self, root: Path, example_analysis: tuple[Analysis, VersionDiff]) -> None:
        self._root = root
        self._example_analysis = example_analysis
        self._built: dict[tuple[tuple[str, Any], ...], Path] = {}

    def restore(
        self, release: tuple[Workspace, int, Project], **options: Any
    ) -> tuple[Workspace, int, Project]:
        """`draft_release(workspace, release_id, project, **options)` on a fresh example
        release, as a copy of the one drafted first with the same options."""
        import sqlite3

        workspace, release_id, project = release
        key = tuple(sorted(options.items()))
        if key not in self._built:
            self._built[key] = self._build(project, options)
        source = sqlite3.connect(self._built[key])
        try:
            source.backup(workspace.db)
        finally:
            source.close()
        assert workspace.release(release_id).id == release_id
        return release

    def _build(self, project: Project, options: dict[str, Any]) -> Path:
        from behaviordiff.drafting import draft_release
        from behaviordiff.store import Workspace

        analysis, diff = self._example_analysis
        folder = self._root / f"drafted-{len(self._built)}"
        with Workspace(folder) as workspace:
            release = workspace.create_release(
                base_label="support-v1", head_label="support-v2", diff=diff.to_dict()
            )
            workspace.save_analysis(release.id, analysis)
            draft_release(workspace, release.id, project, **options)
            workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return workspace.path


@pytest.fixture(scope="session")
def drafted_snapshots(
    tmp_path_factory: pytest.TempPathFactory, example_analysis: tuple[Analysis, VersionDiff]
) -> DraftedSnapshots:
    return DraftedSnapshots(tmp_path_factory.mktemp("drafted"), example_analysis)


@pytest.fixture
def example_release(
    tmp_path: Path, example_analysis: tuple[Analysis, VersionDiff]
) -> Iterator[tuple[Workspace, int, Project]]:
    """A workspace holding one release of the example with its analysis stored."""
    from behaviordiff.config import find_project
    from behaviordiff.store import Workspace

    analysis, diff = example_analysis
    with Workspace(tmp_path / "drafting-workspace") as workspace:
        release = workspace.create_release(
            base_label="support-v1", head_label="support-v2", diff=diff.to_dict()
        )
        workspace.save_analysis(release.id, analysis)
        yield workspace, release.id, find_project(config=EXAMPLE / "behaviordiff.toml")


def run_scenario(
    root: Path, name: str, samples: int = 2, extra: tuple[str, ...] = ()
) -> tuple[dict[str, Any], Path]:
    """Run the bench scenario `name` (fixtures/scenarios/NAME, with the shared simulator) in a
    copy under `root`, through the CLI in-process (`behaviordiff run BASE HEAD --format json`,
    its workspace kept in the copy), as bench/draft_quality.py runs it. Returns the run's JSON
    and the copy's folder."""

    shutil.copytree(FIXTURES / "scenarios" / "_sim", root / "_sim", dirs_exist_ok=True)
    shutil.copytree(FIXTURES / "scenarios" / name, root / name)
    truth = (root / name / "truth.yaml").read_text(encoding="utf-8")
    base = truth.split("\nbase: ", 1)[1].split("\n", 1)[0].strip()
    head = truth.split("\nhead: ", 1)[1].split("\n", 1)[0].strip()
    args = ("run", base, head, "--samples", str(samples), "--format", "json", *extra)
    args += ("--workspace", str(root / name / ".ws"))
    result = _run_in_process(args, root / name, {"COLUMNS": "200", "NO_COLOR": "1"}, None)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout), root / name


def scenario_edits(found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The drafted edits of a run's JSON (`run_scenario`), by KB item key."""
    return {e["content"]["item_key"]: e["content"] for e in found["drafts"]["edits"]}
