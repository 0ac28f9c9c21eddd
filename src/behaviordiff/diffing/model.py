"""The diff of two versions as plain data: a list of hunks a reader (or attribution) can use."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PROMPT_KINDS = {
    "file_added",
    "file_removed",
    "section_added",
    "section_removed",
    "sentence_added",
    "sentence_removed",
    "sentence_changed",
}
CONFIG_KINDS = {
    "config_added",
    "config_removed",
    "config_changed",
    "tool_added",
    "tool_removed",
    "tool_changed",
    "variable_added",
    "variable_removed",
}
CODE_KINDS = {"code_file_added", "code_file_removed", "code_changed"}
"""A code file of the version (a command agent's script, a tool's handler), diffed by line."""
DATA_KINDS = {
    "data_file_added",
    "data_file_removed",
    "data_added",
    "data_removed",
    "data_changed",
    "data_lines_changed",
}
"""A data file of the version (JSON, YAML, TOML by key path; CSV, JSONL and the like by line)."""


@dataclass(frozen=True)
class Hunk:
    """One change a reader can name: a sentence, a section, a config key, a tool."""

    id: str
    kind: str
    file: str
    section: str | None = None
    key: str | None = None
    """Config or data key path (`temperature`, `tools.issue_refund.parameters`), or where a code
    hunk sits (`lines 12-14`; `old line 9` for lines only removed)."""
    old: Any = None
    new: Any = None
    removed_words: tuple[str, ...] = ()
    added_words: tuple[str, ...] = ()
    """For a changed sentence: the words that went and came, in order."""
    context: tuple[str, ...] = ()
    """For a sentence hunk: the other sentences of its section, old and new (the rule an
    added exception qualifies: "less than 24 hours' notice costs $40" beside "patients aged
    65 or over never pay the fee"). Not part of the diff's JSON."""
    continued: tuple[str, ...] = ()
    """For a changed sentence: the added sentence right after its new version in the same
    section, one rewrite said in two sentences ("Breakdowns: don't hand these over." and
    "Arrange a swap with `swap_tool` …"). Not part of the diff's JSON."""

    @property
    def is_prompt(self) -> bool:
        return self.kind in PROMPT_KINDS

    @property
    def is_code_or_data(self) -> bool:
        """Code or data, never prompt text: shown and attributed as a change to that file,
        never quoted as a prompt sentence."""
        return self.kind in CODE_KINDS or self.kind in DATA_KINDS

    def values(self) -> list[str]:
        """The old and new values as text (a section's sentences one by one)."""
        parts: list[str] = []
        for value in (self.old, self.new):
            if isinstance(value, str):
                parts.append(value)
            elif isinstance(value, list):
                parts.extend(str(item) for item in value)
            elif value is not None:
                parts.append(str(value))
        return parts

    def text(self) -> str:
        """All the text this hunk touches, for matching against behavior (attribution)."""
        parts = [self.section or "", self.key or "", *self.values()]
        return "\n".join(part for part in parts if part)

    def summary(self) -> str:
        """One line of plain text: what changed, where."""
        where = f"section {self.section}" if self.section else self.file
        match self.kind:
            case "file_added":
                return f"prompt file {self.file} added"
            case "file_removed":
                return f"prompt file {self.file} removed"
            case "section_added":
                return f"{self.file}: section {self.section} added"
            case "section_removed":
                return f"{self.file}: section {self.section} removed"
            case "sentence_added":
                return f"{where}: sentence added: {self.new}"
            case "sentence_removed":
                return f"{where}: sentence removed: {self.old}"
            case "sentence_changed":
                return f"{where}: sentence changed: {self.old} → {self.new}"
            case "config_added":
                return f"config {self.key} added: {_short(self.new)}"
            case "config_removed":
                return f"config {self.key} removed (was {_short(self.old)})"
            case "config_changed":
                return f"config {self.key}: {_short(self.old)} → {_short(self.new)}"
            case "tool_added":
                return f"tool {self.key} added"
            case "tool_removed":
                return f"tool {self.key} removed"
            case "tool_changed" if self.old is None:
                return f"tool {self.key} added: {_short(self.new)}"
            case "tool_changed" if self.new is None:
                return f"tool {self.key} removed (was {_short(self.old)})"
            case "tool_changed":
                return f"tool {self.key}: {_short(self.old)} → {_short(self.new)}"
            case "code_file_added":
                return f"agent code file {self.file} added"
            case "code_file_removed":
                return f"agent code file {self.file} removed"
            case "code_changed":
                return f"agent code changed in {self.file} ({self.key})"
            case "data_file_added":
                return f"data file {self.file} added"
            case "data_file_removed":
                return f"data file {self.file} removed"
            case "data_added":
                return f"data {self.file} → {self.key} added: {_short(self.new)}"
            case "data_removed":
                return f"data {self.file} → {self.key} removed (was {_short(self.old)})"
            case "data_changed":
                return f"data {self.file} → {self.key}: {_short(self.old)} → {_short(self.new)}"
            case "data_lines_changed":
                return f"data changed in {self.file} ({self.key})"
            case "variable_added":
                return f"{self.file}: template variable {self.key} added"
            case "variable_removed":
                return f"{self.file}: template variable {self.key} removed"
        return f"{self.kind} {self.file}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["context"]
        del data["continued"]
        data["removed_words"] = list(self.removed_words)
        data["added_words"] = list(self.added_words)
        data["summary"] = self.summary()
        return {key: value for key, value in data.items() if value not in (None, [], "")}


def _short(value: Any, limit: int = 80) -> str:
    if value is None:
        return "(none)"
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class VersionDiff:
    base: str
    head: str
    base_fingerprint: str
    head_fingerprint: str
    hunks: list[Hunk] = field(default_factory=list)

    @property
    def prompt_hunks(self) -> list[Hunk]:
        return [hunk for hunk in self.hunks if hunk.is_prompt]

    @property
    def code_hunks(self) -> list[Hunk]:
        """Code and data files of the version, by line or key path."""
        return [hunk for hunk in self.hunks if hunk.is_code_or_data]

    @property
    def config_hunks(self) -> list[Hunk]:
        """agent.yaml by key, its tools, and the prompt templates' variables."""
        return [hunk for hunk in self.hunks if not hunk.is_prompt and not hunk.is_code_or_data]

    def is_empty(self) -> bool:
        return not self.hunks

    def stats(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for hunk in self.hunks:
            counts[hunk.kind] = counts.get(hunk.kind, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": {"label": self.base, "fingerprint": self.base_fingerprint},
            "head": {"label": self.head, "fingerprint": self.head_fingerprint},
            "identical": self.is_empty(),
            "stats": self.stats(),
            "prompt": [hunk.to_dict() for hunk in self.prompt_hunks],
            "config": [hunk.to_dict() for hunk in self.config_hunks],
            "code": [hunk.to_dict() for hunk in self.code_hunks],
        }
