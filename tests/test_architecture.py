"""The analysis core imports no UI library; the CLI starts without heavy imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "behaviordiff"
UI_MODULES = ("textual", "typer", "rich", "click")
UI_PACKAGES = ("cli", "tui")
OPENAI_SEAM = "llm"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


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
