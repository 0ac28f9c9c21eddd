"""The analysis core imports no UI library; the CLI starts without heavy imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

pytestmark = pytest.mark.xdist_group("architecture")
"""One worker runs these: each process that runs one parses every module of the package."""

SRC = Path(__file__).resolve().parents[1] / "src" / "behaviordiff"
UI_MODULES = ("textual", "typer", "rich", "click")
UI_PACKAGES = ("cli", "tui")
OPENAI_SEAM = "llm"


@cache
def _tree(path: Path) -> ast.Module:
    """The file's syntax tree, parsed once per test process: five tests read every module of
    the package (~1.5 MB of source, ~1 s of CPU to parse)."""
    return ast.parse(path.read_text(encoding="utf-8"))


@cache
def _imports(path: Path) -> frozenset[str]:
    names: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return frozenset(names)


def _core_files() -> list[Path]:
    return [path for path in SRC.rglob("*.py") if path.relative_to(SRC).parts[0] not in UI_PACKAGES]


def test_core_imports_no_ui_library() -> None:
    offenders = {
        str(path.relative_to(SRC)): sorted(
            name for name in _imports(path) if name.split(".")[0] in UI_MODULES
        )
        for path in _core_files()
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_core_imports_no_front_end() -> None:
    """The import-linter contract says the same; this also holds for `behaviordiff.tui`
    itself, which a contract can name only once the package exists."""
    offenders = {
        str(path.relative_to(SRC)): sorted(
            name
            for name in _imports(path)
            if name.split(".")[:2] in (["behaviordiff", package] for package in UI_PACKAGES)
        )
        for path in _core_files()
        if path.name != "__main__.py"  # the entry point starts the CLI
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_only_the_llm_package_imports_openai() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.relative_to(SRC).parts[0] != OPENAI_SEAM
        and any(name.split(".")[0] == "openai" for name in _imports(path))
    ]
    assert offenders == []


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from behaviordiff.cli import app\n"
        "heavy = [m for m in ('openai', 'textual', 'deepdiff', 'jinja2', 'numpy') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def _module_name(path: Path) -> str:
    parts = ("behaviordiff", *path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports, anywhere in the file (top level, inside
    functions, under TYPE_CHECKING): a cycle through any of them is a tangle to a reader."""
    modules = {_module_name(path): path for path in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    targets.add(submodule if submodule in modules else base)
        graph[name] = {target for target in targets if target in modules and target != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    assert _cycles(_import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


CLI = SRC / "cli"


def test_commands_do_not_import_each_other() -> None:
    """Shared options live in cli/options.py, renderers in cli/render.py."""
    offenders = {
        path.name: sorted(name for name in _imports(path) if name.endswith("_cmd"))
        for path in CLI.glob("*.py")
        if path.name != "app.py"  # registers every command
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_commands_are_declared_at_module_level() -> None:
    """`register(app)` only adds module-level commands: no command hides in a closure."""
    nested = []
    for path in CLI.glob("*_cmd.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name == "register":
                nested += [
                    f"{path.name}:{inner.name}"
                    for inner in ast.walk(node)
                    if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef)
                    and inner is not node
                ]
    assert nested == []
