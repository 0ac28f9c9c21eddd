"""The grounding check: a draft may state only amounts, percentages, durations, dates, links,
numbers and tool names that the change's evidence or the diff contains."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from behaviordiff.detect.clocktimes import find_clock_times
from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.detect.quantities import find_quantities, read_quantity
from behaviordiff.kb.model import PLACEHOLDER

_CHECKED_KINDS = ("money", "percent", "duration", "date", "link", "phone", "term")
_NUMBER = re.compile(r"(?<![\w.$])\d+(?:[.,]\d+)*(?![\w])")
_IDENTIFIER = re.compile(r"`([A-Za-z_][\w.-]*)`|\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b")
_RANGE = re.compile(r"(?P<low>\d+(?:\.\d+)?)-(?P<high>\d+(?:\.\d+)?) (?P<unit>\w+)")
"""A duration range as `extract_promises` normalises it: "8-13 days"."""
_LINK_TAIL = ".,;:!?\"'`*_)]}>»«“”‘’/"
"""What a link at the end of a sentence or inside quotes picks up and is not part of it."""


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


def _promise_key(promise: Promise) -> tuple[str, str]:
    """(key, value) of a promise, a link without the punctuation and quotes after it: a link
    that ends a sentence ("acme.example/returns.”") is the same link."""
    if promise.kind != "link":
        return promise.key, promise.value
    value = promise.value.rstrip(_LINK_TAIL)
    return f"link:{value}", value


def _promises(text: str) -> dict[str, Promise]:
    """The checked promises of `text` by their key."""
    found: dict[str, Promise] = {}
    for promise in sorted(extract_promises(text)):
        if promise.kind in _CHECKED_KINDS:
            found.setdefault(_promise_key(promise)[0], promise)
    return found


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
        self.sources = list(sources)
        raw = "\n".join(self.sources)
        self.placeholders = set(PLACEHOLDER.findall(raw))
        corpus = _clean(raw)
        self.promises = set(_promises(corpus))
        self.numbers = _numbers(corpus)
        self.identifiers = _identifiers(corpus)
        self.amounts = {(q.measure, round(q.amount, 6)) for q in find_quantities(corpus)}
        self.hours = {round(time.hour % 24, 6) for time in find_clock_times(corpus)}
        lowered = corpus.lower()
        self.text = lowered

    def _range_grounded(self, promise: Promise, allowed: Grounding | None) -> bool:
        """A range ("8 to 13 days") whose two ends the evidence states, each as the same
        kind of value ("8 days") or as a number of it (a probe's 8 days to arrival)."""
        match = _RANGE.fullmatch(promise.value)
        if promise.kind != "duration" or match is None:
            return False
        unit = match.group("unit")
        for end, step in ((match.group("low"), -1), (match.group("high"), 1)):
            # a whole end one inside a bound the evidence states is that bound said
            # inclusively: "24 to 47 hours" of `24 <= hours < 48`, "25 to 48" of `24 < hours`
            said = [f"{float(end):g}"] + (
                [f"{float(end) + step:g}"] if float(end).is_integer() else []
            )
            for grounding in (self, allowed):
                if grounding is not None and (
                    f"duration:{end} {unit}" in grounding.promises
                    or any(number in grounding.numbers for number in said)
                ):
                    break
            else:
                return False
        return True

    def _amount_grounded(self, promise: Promise, allowed: Grounding | None) -> bool:
        """A duration the evidence states in another form: "14 days" or "two weeks" where
        the prompt says "a fortnight", "48 hours" where it says "two days"."""
        if promise.kind != "duration":
            return False
        amount = read_quantity(promise.value)
        if amount is None:
            return False
        key = (amount.measure, round(amount.amount, 6))
        return key in self.amounts or (allowed is not None and key in allowed.amounts)

    def _time_grounded(self, hour: float, allowed: Grounding | None) -> bool:
        """A time of day the evidence states in any style ("17:00" where the prompt says
        "5pm"), or whose hour it states as a number (a condition's `reported_hour < 17`)."""
        for grounding in (self, allowed):
            if grounding is None:
                continue
            if round(hour % 24, 6) in grounding.hours or f"{hour:g}" in grounding.numbers:
                return True
        return False

    def extended(self, sources: Iterable[str]) -> Grounding:
        """This grounding with more allowed text (the template drafter's own draft)."""
        return Grounding([*self.sources, *sources])

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
        for key, promise in _promises(clean).items():
            seen.add(key)
            if key in self.promises or (allowed and key in allowed.promises):
                continue
            if self._range_grounded(promise, allowed) or self._amount_grounded(promise, allowed):
                continue
            value = _promise_key(promise)[1]
            report.problems.append(
                f"states {promise.kind} {value}, which is not in the evidence or the diff"
            )
        for time in find_clock_times(clean):
            if self._time_grounded(time.hour, allowed):
                continue
            report.problems.append(
                f"states the time {time.text}, which is not in the evidence or the diff"
            )
        clean = _without_times(clean)
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


def _without_times(text: str) -> str:
    """`text` with its times of day blanked: their digits ("00" of "17:00") are no numbers
    of their own once the time is checked."""
    for time in reversed(find_clock_times(text)):
        text = text[: time.start] + " " + text[time.end :]
    return text
