"""Whether a changed prompt sentence's range of named values gains the one value a change's
condition picks ("Monday to Friday" → "Monday to Saturday" for `day = saturday`), read from the
prompt alone: `facts.build_facts` adds such a sentence no change was attributed
(`range_rules`); `extendedrange` drafts the KB edits it calls for."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.grants import stems_of
from behaviordiff.drafting.widening import unclaimed_sentence_changes

R = TypeVar("R")

_RANGE = re.compile(
    r"\b(?P<first>[A-Za-z]{2,20})\s+(?:to|through|until|till|[-–—])\s+(?P<last>[A-Za-z]{2,20})\b"
)


def category_values(atom: Any) -> list[str]:
    """The string values an atom picks (`day in {saturday, sunday}`)."""
    given = atom.value if isinstance(atom.value, tuple) else (atom.value,)
    return [value for value in given if isinstance(value, str)]


def single_value(conditions: Sequence[Condition]) -> str | None:
    """The one categorical value the first condition picks (`day = saturday`), or None."""
    if not conditions:
        return None
    values = [
        v for atom in conditions[0].atoms if atom.op in ("=", "in") for v in category_values(atom)
    ]
    return values[0] if len(values) == 1 else None


def gained(old: str, new: str, value: str) -> tuple[re.Match[str], re.Match[str]] | None:
    """The range of `old` and of `new` when the new one keeps its first end and ends on
    `value`, which the old sentence never names ("Monday to Friday" → "Monday to Saturday" for
    saturday)."""
    if re.search(rf"\b{re.escape(value)}s?\b", old, re.I):
        return None
    for before in _RANGE.finditer(old):
        for after in _RANGE.finditer(new):
            if before["first"].lower() != after["first"].lower():
                continue
            if after["last"].lower() == before["last"].lower():
                continue
            if stems_of(value.replace("_", " ")) == stems_of(after["last"]):
                return before, after
    return None


def range_rules(
    rules: Sequence[Any],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    conditions: Sequence[Condition],
    make: Callable[..., R],
) -> list[R]:
    """The changed prompt sentence, in a section of the change's own sentences, whose range
    gains the one value the change's condition picks, when no change was attributed its hunk
    (as a `range_extended` rule, built by `make`: facts's Rule, passed in as facts builds its
    rules with this module)."""
    value = single_value(conditions)
    if value is None:
        return []
    found: list[R] = []
    for hunk_id, section, old, new in unclaimed_sentence_changes(rules, hunks, attributed):
        if gained(old, new, value) is not None:
            summary = f"section {section}: range extended: {old} → {new}"
            found.append(make(hunk_id, "range_extended", section, old, new, summary))
    return found
