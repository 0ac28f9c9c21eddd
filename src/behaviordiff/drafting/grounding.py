"""The grounding check: a draft may state only amounts, percentages, durations, dates, links,
numbers and tool names that the change's evidence or the diff contains."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from behaviordiff.detect.facts import extract_promises
from behaviordiff.kb.model import PLACEHOLDER

_CHECKED_KINDS = ("money", "percent", "duration", "date", "link", "phone", "term")
_NUMBER = re.compile(r"(?<![\w.$])\d+(?:[.,]\d+)*(?![\w])")
_IDENTIFIER = re.compile(r"`([A-Za-z_][\w.-]*)`|\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b")


@dataclass
class GroundingReport:
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        return "; ".join(self.problems)


def _clean(text: str) -> str:
    return PLACEHOLDER.sub(" ", text)


def _numbers(text: str) -> set[str]:
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group(0).replace(",", "")
        try:
            number = float(value)
        except ValueError:
            continue
        found.add(f"{number:g}")
    return found


def _identifiers(text: str) -> set[str]:
    return {(m.group(1) or m.group(2)) for m in _IDENTIFIER.finditer(text)}


def diff_text(diff: Mapping[str, Any] | None, hunk_ids: Iterable[str] | None = None) -> str:
    """The hunks of a stored diff as text (summaries, old and new values): those named by
    `hunk_ids` (a change's attribution) when given, else all of them."""
    if not diff:
        return ""
    wanted = set(hunk_ids) if hunk_ids is not None else None
    parts: list[str] = []
    for hunk in [*(diff.get("prompt") or []), *(diff.get("config") or [])]:
        if wanted is not None and hunk.get("id") not in wanted:
            continue
        for key in ("summary", "old", "new", "key", "section"):
            value = hunk.get(key)
            if value is not None:
                parts.append(value if isinstance(value, str) else repr(value))
    return "\n".join(parts)


class Grounding:
    """What one change's evidence and the diff contain, and checks of drafted text against it."""

    def __init__(self, sources: Iterable[str]):
        raw = "\n".join(sources)
        self.placeholders = set(PLACEHOLDER.findall(raw))
        corpus = _clean(raw)
        self.promises = {p.key for p in extract_promises(corpus) if p.kind in _CHECKED_KINDS}
        self.numbers = _numbers(corpus)
        self.identifiers = _identifiers(corpus)
        lowered = corpus.lower()
        self.text = lowered

    def check(self, text: str, *, extra: Iterable[str] = ()) -> GroundingReport:
        """Problems of `text`; `extra` is more allowed text (the original body of an edit)."""
        allowed = Grounding(extra) if extra else None
        report = GroundingReport()
        for placeholder in dict.fromkeys(PLACEHOLDER.findall(text)):
            if placeholder in self.placeholders or (
                allowed and placeholder in allowed.placeholders
            ):
                continue
            report.problems.append(
                f"adds the placeholder {placeholder}, which the original text does not have"
            )
        clean = _clean(text)
        seen: set[str] = set()
        for promise in sorted(extract_promises(clean)):
            if promise.kind not in _CHECKED_KINDS or promise.key in seen:
                continue
            seen.add(promise.key)
            if promise.key in self.promises or (allowed and promise.key in allowed.promises):
                continue
            report.problems.append(
                f"states {promise.kind} {promise.value}, which is not in the evidence or the diff"
            )
        for number in sorted(_numbers(clean)):
            if number in self.numbers or (allowed and number in allowed.numbers):
                continue
            if any(number in _numbers(key.partition(":")[2]) for key in seen):
                continue  # part of a promise already checked ("$4.50" holds 4.5)
            report.problems.append(f"states the number {number}, which is not in the evidence")
        for name in sorted(_identifiers(clean)):
            if name in self.identifiers or (allowed and name in allowed.identifiers):
                continue
            report.problems.append(
                f"names the tool or action `{name}`, which is not in the evidence or the diff"
            )
        return report
