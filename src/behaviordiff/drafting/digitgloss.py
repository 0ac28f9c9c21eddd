"""A count a KB writes in words and glosses with its digits: "up to four court bookings (4)",
"two guests (2)", "up to ten people (10 at most)", "one hundred characters (100)", whatever it
counts (bookings, guests, characters, pages). Both state the old value, so an edit moves both:
"up to six court bookings (6)", or, when the new value holds for one case only, the gloss gives
the case its value in the KB's words: "up to four court bookings (six for verified members)".

Pure text helpers for `rules.rewrite_sentence`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from behaviordiff.detect.quantities import number_words


def _count(value: str) -> int | None:
    return int(value) if re.fullmatch(r"\d{1,3}", value.strip()) else None


def _words_of(count: int, joined: bool = True) -> str | None:
    """A whole count below a thousand in words: "four", "one hundred", "two hundred and fifty"
    (without "and" when not `joined`, as a KB that writes "one hundred twenty" does)."""
    return number_words(count, joined=joined)


def _words_pattern(count: int) -> str | None:
    """A regex for `count` in words as a KB may write it: "a hundred" or "one hundred", with or
    without "and" before its tens ("two hundred (and) fifty"), hyphens or spaces between."""
    words = _words_of(count, joined=False)
    if words is None:
        return None
    parts = [re.escape(part) for part in re.split(r"[\s-]+", words)]
    if count >= 100:
        head = r"(?:a|one)" if parts[0] == "one" else parts[0]
        tail = r"[\s-]+".join(parts[2:])
        return head + r"\s+hundred" + (rf"(?:\s+and)?\s+{tail}" if tail else "")
    return r"[\s-]+".join(parts)


_HUNDREDS_MARK = "(?#hundreds)"


@lru_cache(maxsize=64)
def _hundreds(count: int) -> re.Pattern[str] | None:
    words = _words_pattern(count) if 100 <= count < 1000 else None
    if words is None:
        return None
    return re.compile(rf"{_HUNDREDS_MARK}(?<![\w-])(?:{words})(?![\w-])", re.I)


_LONGER = re.compile(
    r"\s+(?:and\s+)?(?:thousand|million|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|\w+teen|\w+ty)\b",
    re.I,
)


def hundreds_in_words(value: str, text: str) -> list[re.Match[str]]:
    """Where `text` states the bare count `value` (100 to 999) in words alone ("one hundred
    characters", "a hundred words", "two hundred and fifty seats"), never as the start of a
    longer number ("one hundred thousand", "one hundred and ten"). Counts below a hundred are
    `rules`' own."""
    count = _count(value)
    pattern = _hundreds(count) if count is not None else None
    if pattern is None:
        return []
    return [found for found in pattern.finditer(text) if not _LONGER.match(text, found.end())]


def is_hundreds(found: re.Match[str]) -> bool:
    """Whether `found` is a count in words that `hundreds_in_words` found."""
    return found.re.pattern.startswith(_HUNDREDS_MARK)


def hundreds_like(old: str, new: str, found: re.Match[str]) -> str | None:
    """The bare new count `new` in words the way `found` wrote the old count `old` ("one
    hundred" → "two hundred and fifty"; "and" before the tens as the KB writes it, with it
    after a round hundred), capitalised as it was; None when it cannot be said so."""
    old_count, new_count = _count(old), _count(new)
    if old_count is None or new_count is None:
        return None
    said = found.group(0)
    words = _words_of(new_count, joined=" and " in said.lower() or old_count % 100 == 0)
    if words is None:
        return None
    return words[:1].upper() + words[1:] if said[:1].isupper() else words


def _glossed(raw: str, old_count: int) -> re.Match[str] | None:
    """The one count in words glossed by its digits `old_count` in `raw`, or None."""
    old_words = _words_pattern(old_count)
    if old_words is None:
        return None
    pattern = re.compile(
        rf"\b(?P<words>{old_words})\b(?P<between>[^().;:!?\d]{{1,60}}?)"
        rf"\((?P<digits>\s*{old_count})"
        # the unit the digits are written with ("six metres long (6 m)")
        r"(?P<unit>\s?(?:m|cm|mm|km|ft|in|kg|g|lb|l|ml)\b)?"
        r"(?P<tail>\s+(?:at most|max(?:imum)?|or fewer|or less))?\s*\)",
        re.I,
    )
    found = pattern.search(raw)
    return found if found is not None and len(pattern.findall(raw)) == 1 else None


def glossed_words(raw: str, old: str) -> str | None:
    """The words of the count `old` that `raw` glosses with its digits ("one hundred" of "one
    hundred characters (100)"), or None: the number words an edit moves with the digits."""
    old_count = _count(old)
    found = _glossed(raw, old_count) if old_count is not None else None
    return found["words"] if found is not None else None


def rewrite_glossed(raw: str, old: str, new: str, scope: str | None = None) -> str | None:
    """`raw` with a count written in words and glossed by its digits ("four court bookings
    (4)") moved from `old` to `new`: both words and digits, or, for a `scope` ("verified
    members"), the gloss giving the scope its value in words ("four court bookings (six for
    verified members)"). None when `raw` states `old` no such way, or the values are not
    small whole counts."""
    old_count, new_count = _count(old), _count(new)
    if old_count is None or new_count is None:
        return None
    found = _glossed(raw, old_count)
    if found is None:
        return None
    # "and" before the tens as the KB writes it; a round hundred shows no style: with it
    new_words = _words_of(new_count, joined=" and " in found["words"] or old_count % 100 == 0)
    if new_words is None:
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
        + f"({new_count}{found['unit'] or ''}{found['tail'] or ''})"
        + raw[found.end() :]
    )
