"""Small text helpers shared by the stages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from behaviordiff.loading import iter_jsonl, json_problem

__all__ = [
    "a_or_an",
    "brief_error",
    "brief_reps",
    "cap_quoted",
    "csv_separator_hint",
    "end_sentence",
    "error_signature",
    "iter_jsonl",
    "json_problem",
    "near_names",
    "plain_number",
    "read_utf8",
    "shorten",
]

QUOTE_CHARS = 2_000
"""At most this much of a quoted text (a reply, a knowledge-base sentence) in a stored draft
field, an export's rationale or a changelog: a reply can be megabytes."""
PUBLISHED_CHARS = 20_000
"""At most this much of one field a writer wrote (a note's "after", an edit's rationale) in
the changelog, the report and the CSV export: room for any text written for people, not for
a pasted reply of megabytes."""
_MORE = re.compile(r"… \([\d,]+ more characters\)$")

if TYPE_CHECKING:
    from collections.abc import Iterable

    from behaviordiff.errors import BehaviordiffError


_A_BEFORE = re.compile(r"(?:u[bcdfghjklmnpqrstvwxz][aeiou]|uni|eu|one\b|once)", re.IGNORECASE)
"""Words that start with a vowel letter but a consonant sound: a user, a unit, a one-off."""
_AN_BEFORE = re.compile(r"(?:hour|honest|honou?r|heir)", re.IGNORECASE)


def end_sentence(text: str) -> str:
    """`text` as a finished sentence: a full stop unless it already ends in one (or a quote
    that does)."""
    text = text.rstrip()
    if text.endswith((".", "!", "?", ".”", "!”", "?”")):
        return text
    return text + "."


def brief_reps(title: str) -> str:
    """The start of a note's "Brief reps:" action line, the line that restates its title."""
    return end_sentence(f"Brief reps: {title}")


def a_or_an(word: str) -> str:
    """`word` with its indefinite article, as messages built from a name need it: `an int`,
    `an article`, `a macro`, `a user`, `an hour`."""
    vowel = bool(re.match(r"[aeiou]", word, re.IGNORECASE)) and not _A_BEFORE.match(word)
    return f"{'an' if vowel or _AN_BEFORE.match(word) else 'a'} {word}"


def shorten(text: str, limit: int) -> str:
    """Whitespace folded, and cut at a word boundary with an ellipsis when over `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def cap_quoted(text: str, limit: int = QUOTE_CHARS) -> str:
    """`text` whole when it is at most `limit` characters, else its start (cut at a word
    boundary near the limit) and a visible "… (N more characters)". A text already capped
    is returned as it is."""
    if len(text) <= limit or _MORE.search(text[-40:]):
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    cut = cut.rstrip()
    return f"{cut}… ({len(text) - len(cut):,} more characters)"


def read_utf8(path: Path, error: type[BehaviordiffError]) -> str:
    """A text file's content within the loading limits; see `loading.read_text`."""
    from behaviordiff.loading import read_text

    return read_text(path, error)


def plain_number(value: float) -> str:
    """A number as people and labels write it: 9, 4.5, 1250000 (no exponent, no .0)."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


ERROR_LINES = 3
"""Last lines of a long failure shown on a terminal: a traceback's innermost frame (file and
line, the source) and the exception."""


_MARKERS = re.compile(r"\s*[~^]+\s*")
"""A line of Python's `~~~^^^` markers under a traceback's source line."""


def brief_error(text: str, lines: int = ERROR_LINES) -> str:
    """A failure's text as a terminal shows it: its first line (what failed) and its last
    `lines` (a traceback's innermost frame and its exception), saying how many were left out.
    The whole text stays where it was recorded (the run's transcript)."""
    rows = text.strip().splitlines()
    rows = [*rows[:1], *(row for row in rows[1:] if not _MARKERS.fullmatch(row))]
    if len(rows) <= lines + 2:
        return "\n".join(rows)
    left_out = len(rows) - lines - 1
    return "\n".join(
        [rows[0], f"  … {left_out} line{'s' if left_out != 1 else ''} left out", *rows[-lines:]]
    )


def error_signature(text: str) -> str:
    """What two failures share when they failed the same way: their first and last lines (for
    a command's traceback, the exit and the exception), whatever the frames between."""
    rows = [row.strip() for row in text.strip().splitlines() if row.strip()]
    return f"{rows[0]}\n{rows[-1]}" if rows else ""


def csv_separator_hint(header: list[str], columns: tuple[str, ...]) -> str | None:
    """How to fix a CSV header read as one column because a spreadsheet saved it with
    semicolons or tabs (the list separator of many regional settings), or None."""
    if len(header) != 1:
        return None
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        cells = {cell.strip().lower() for cell in header[0].split(separator)}
        if set(columns) <= cells:
            return (
                f"the columns are separated by {name}, not commas: save the sheet as "
                f"comma-separated CSV (or write the first line as: {','.join(columns)})"
            )
    return None


def _typo_distance(first: str, second: str) -> int:
    """Edits (insert, delete, replace, swap of two neighbours) from one word to the other."""
    rows = [list(range(len(second) + 1))]
    for i, char in enumerate(first, 1):
        row = [i]
        for j, other in enumerate(second, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (char != other))
            if i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


def near_names(name: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """The names a typo of which `name` looks like ("titel" → "title", "macro.json" →
    "macros.json"), closest first; none when nothing is within a couple of edits."""
    reach = max(1, min(2, len(name) // 4))
    scored = sorted(
        (distance, candidate)
        for candidate in dict.fromkeys(names)
        if candidate != name
        and (distance := _typo_distance(name.lower(), candidate.lower())) <= reach
    )
    return [candidate for _, candidate in scored[:limit]]
