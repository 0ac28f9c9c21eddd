"""A count a KB writes in words and glosses with its digits: "up to four court bookings (4)",
"two guests (2)", "up to ten people (10 at most)". Both state the old value, so an edit moves
both: "up to six court bookings (6)", or, when the new value holds for one case only, the gloss
gives the case its value in the KB's words: "up to four court bookings (six for verified members)".

Pure text helpers for `rules.rewrite_sentence`.
"""

from __future__ import annotations

import re

from behaviordiff.detect.quantities import count_words


def _count(value: str) -> int | None:
    return int(value) if re.fullmatch(r"\d{1,2}", value.strip()) else None


def rewrite_glossed(raw: str, old: str, new: str, scope: str | None = None) -> str | None:
    """`raw` with a count written in words and glossed by its digits ("four court bookings
    (4)") moved from `old` to `new`: both words and digits, or, for a `scope` ("verified
    members"), the gloss giving the scope its value in words ("four court bookings (six for
    verified members)"). None when `raw` states `old` no such way, or the values are not
    small whole counts."""
    old_count, new_count = _count(old), _count(new)
    if old_count is None or new_count is None:
        return None
    old_words, new_words = count_words(old_count), count_words(new_count)
    if old_words is None or new_words is None:
        return None
    pattern = re.compile(
        rf"\b(?P<words>{re.escape(old_words)})\b(?P<between>[^().;:!?\d]{{1,60}}?)"
        rf"\((?P<digits>\s*{old_count})"
        r"(?P<tail>\s+(?:at most|max(?:imum)?|or fewer|or less))?\s*\)",
        re.I,
    )
    found = pattern.search(raw)
    if found is None or len(pattern.findall(raw)) != 1:
        return None
    written = new_words.capitalize() if found["words"][:1].isupper() else new_words
    if scope:
        if found["tail"]:
            return None  # "(10 at most)" for everyone else and a scope's own value: restate
        return (
            raw[: found.start("digits")] + f"{new_words} for {scope}" + raw[found.end("digits") :]
        )
    return (
        raw[: found.start("words")]
        + written
        + found["between"]
        + f"({new_count}{found['tail'] or ''})"
        + raw[found.end() :]
    )
