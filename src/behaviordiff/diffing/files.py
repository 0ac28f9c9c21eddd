"""What a version's file is (prompt text, code or data) and the diff of code and data files.

A command agent's `agent.py`, a tool's `handler.js`, a `policies.json` the agent reads: these
are behavior too, but not prose. Split into sentences, code reads as nonsense ("sentence
changed: {thanks} … msgs.append(…)") and a note could quote it as a prompt rule. Code is diffed
by line, data by key path; both are shown and attributed as what they are.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import PurePosixPath
from typing import Any, Literal

from behaviordiff.diffing.align import align

FileKind = Literal["prompt", "code", "data"]

CODE_SUFFIXES = frozenset(
    {
        ".py", ".pyi", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx",
        ".sh", ".bash", ".zsh", ".fish", ".ps1", ".bat", ".cmd",
        ".rb", ".go", ".rs", ".java", ".kt", ".kts", ".scala", ".swift", ".cs", ".fs",
        ".c", ".h", ".cc", ".cpp", ".hpp", ".php", ".pl", ".pm", ".lua", ".r", ".jl",
        ".ex", ".exs", ".erl", ".clj", ".dart", ".groovy", ".sql",
    }
)  # fmt: skip
STRUCTURED_DATA_SUFFIXES = frozenset({".json", ".yaml", ".yml", ".toml"})
"""Data diffed by key path (`refunds.window_days: 30 → 45`)."""
LINE_DATA_SUFFIXES = frozenset(
    {".jsonl", ".ndjson", ".csv", ".tsv", ".xml", ".ini", ".cfg", ".conf", ".env", ".properties"}
)
"""Data diffed by line: records, rows and settings have no one tree to walk."""
_TEMPLATE_SUFFIXES = frozenset({".j2", ".jinja", ".jinja2", ".tmpl"})


def file_kind(name: str, text: str, prompts: Collection[str] = ()) -> FileKind:
    """`prompt` for a file agent.yaml names as a prompt and for text (Markdown, plain text,
    templates); `code` by suffix or a `#!` first line; `data` for JSON, YAML, TOML, CSV and the
    like. The suffix decides, not the content: a prompt may well quote a line of code."""
    if name in prompts:
        return "prompt"
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _TEMPLATE_SUFFIXES:
        return "prompt"
    if suffix in CODE_SUFFIXES or text.startswith("#!"):
        return "code"
    if suffix in STRUCTURED_DATA_SUFFIXES or suffix in LINE_DATA_SUFFIXES:
        return "data"
    return "prompt"


AddHunk = Callable[..., None]
"""`add(kind, file, **fields)`: append one hunk to the diff being built."""


def _where(start: int, count: int, side: str = "") -> str:
    """Lines `start` (0-based) on, as a reader counts them: `line 12`, `lines 12-14`."""
    if count == 1:
        return f"{side}line {start + 1}"
    return f"{side}lines {start + 1}-{start + count}"


def diff_lines(kind: str, name: str, old_text: str, new_text: str, add: AddHunk) -> None:
    """One hunk per run of changed lines (no context), named by its lines in the new file (a
    deletion by its lines in the old one): what `git diff -U0` shows, as data."""
    old_lines = old_text.splitlines()
    new_lines = new_text.splitlines()
    for op in align(old_lines, new_lines):
        if op.tag == "equal":
            continue
        old_start, old_end, new_start, new_end = op.i1, op.i2, op.j1, op.j2
        add(
            kind,
            name,
            key=_where(new_start, new_end - new_start)
            if new_end > new_start
            else _where(old_start, old_end - old_start, "old "),
            old="\n".join(old_lines[old_start:old_end]) or None,
            new="\n".join(new_lines[new_start:new_end]) or None,
        )


def parse_data(name: str, text: str) -> tuple[bool, Any]:
    """(parsed, value) for a JSON, YAML or TOML file; (False, None) when it does not parse,
    so its diff falls back to lines (a broken data file is still a change to show)."""
    from behaviordiff.errors import BehaviordiffError

    suffix = PurePosixPath(name).suffix.lower()
    try:
        if suffix == ".json":
            from behaviordiff.loading import parse_json

            return True, parse_json(text, name, BehaviordiffError)
        if suffix == ".toml":
            from pathlib import Path

            from behaviordiff.loading import parse_toml

            return True, parse_toml(text, Path(name), BehaviordiffError)
        if suffix in (".yaml", ".yml"):
            from behaviordiff.yamlio import parse_yaml

            data, _ = parse_yaml(text, name, BehaviordiffError)
            return True, data
    except BehaviordiffError:
        return False, None
    return False, None
