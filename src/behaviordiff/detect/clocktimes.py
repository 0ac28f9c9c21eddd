"""Clock times: "2pm", "2 p.m.", "2.30pm", "14:00", "noon", "midday", "midnight", "four in
the morning", "9 o'clock at night".

A clock time is a quantity on the hour-of-day scale: "before 5pm" bounds an hour variable at
17 (`reported_hour < 17`), "from 9am" at 9 (`>= 9`), "until 14:00" at 14 (`<= 14`). Detection
reads the times a prompt states with this (the condition takes the prompt's 17 and the
comparison its words make), attribution finds the sentence whose time moved, and drafting
writes a new time the way each KB sentence wrote the old one ("2pm" → "5pm", "2 p.m." →
"5 p.m.", "14:00" → "17:00").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ClockTime",
    "clock_at",
    "clock_matches",
    "clock_ops",
    "clock_variable",
    "find_clock_times",
    "read_clock_time",
    "same_time",
    "written_like",
]

_HOUR_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
_DAY_PARTS = ("in the morning", "in the afternoon", "in the evening", "at night")
_AFTER_LOOSE = (
    "and", "or", "but", "on", "every", "each", "daily", "sharp", "till", "til", "until", "to",
    "through", "from", "at", "in", "with", "when", "so", "if", "then", "for", "the", "we",
    "you", "they", "it", "weekdays?", "weekends?", "today", "tonight", "tomorrow",
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?",
)  # fmt: skip

_PATTERN = re.compile(
    r"(?<![\w.:$€£])(?:"
    # "2pm", "2 pm", "2.30pm", "2:30 p.m.", "12 AM"
    r"(?P<hour12>1[0-2]|0?[1-9])(?:(?P<sep12>[:.])(?P<minute12>[0-5]\d))?"
    r"(?P<space>\s?)(?P<half>[aApP])(?P<dot1>\.)?(?P<m>[mM])(?P<dot2>(?(dot1)\.?))(?![\w])"
    # "14:00", "9:30"
    r"|(?P<hour24>[01]?\d|2[0-4])(?P<sep24>:)(?P<minute24>[0-5]\d)(?![\d:]|\s?[aApP]\.?[mM]\b)"
    # "noon", "midday", "midnight"
    r"|(?P<word>noon|midday|midnight)\b"
    # "four in the morning", "9 o'clock at night"; not "half four …", "quarter to five …"
    r"|(?<!half )(?<!past )(?<!to )(?i:(?P<spelled>"
    + "|".join(_HOUR_WORDS)
    + r"|1[0-2]|0?[1-9])(?P<oclock>\s+o['’]clock)?\s+(?P<part>"
    + "|".join(_DAY_PARTS)
    + r"))\b"
    # "six o'clock", "6 o'clock", "half past five", "a quarter to six": no part of the day
    # said (`_loose_hour` reads which half from the span it ends, else a working day's hours)
    r"|(?<!half )(?<!past )(?<!quarter to )(?i:(?P<loose>"
    + "|".join(_HOUR_WORDS)
    + r"|1[0-2]|0?[1-9])(?P<oclock2>\s+o['’]clock))(?![\w’'])"
    r"|(?i:(?P<part2>half|(?:a\s+)?quarter)\s+(?P<rel>past|to)\s+(?P<loose2>"
    + "|".join(_HOUR_WORDS)
    + r"|1[0-2]|0?[1-9])\b(?:\s+(?P<part3>"
    + "|".join(_DAY_PARTS)
    + r")\b)?)(?!\s*(?:[:.]\d|[ap]\.?m\b|o['’]clock))"
    # ... ending its clause or followed by a word that carries a time on, not a noun it
    # counts ("a quarter to 4 cup of food")
    r"(?=\s*(?:$|[^\w\s]|(?i:" + "|".join(_AFTER_LOOSE) + r")\b))"
    r")"
)
_UNTIL_WORDS = re.compile(r"\b(?:before|until|till|til|by|up to|no later than)\s*$", re.I)

_BEFORE_OPS = (
    (re.compile(r"\b(?:no later than|not later than|up to|until|till|til|by)\s*$", re.I), "<="),
    (re.compile(r"\b(?:before|earlier than|prior to)\s*$", re.I), "<"),
    (re.compile(r"\b(?:at or after|from|starting at|no earlier than|as of)\s*$", re.I), ">="),
    (re.compile(r"\b(?:after|later than|past)\s*$", re.I), ">"),
)
"""The comparison the words before a time make: "before 5pm" is `< 17`, "until 14:00" and
"by noon" include the time (`<= 14`, `<= 12`), "from 9am" starts at it (`>= 9`), "after 9am"
starts past it (`> 9`)."""
_AFTER_OPS = (
    (re.compile(r"^\s*(?:or|and) (?:later|after)\b", re.I), ">="),
    (re.compile(r"^\s*(?:or|and) (?:earlier|before)\b", re.I), "<="),
    (re.compile(r"^\s*(?:at the )?latest\b|^\s*at the latest\b", re.I), "<="),
    (re.compile(r"^\s*(?:at the )?earliest\b", re.I), ">="),
)
"""After a time: "at 5pm or later" is `>= 17`, "2pm at the latest" `<= 14`."""


@dataclass(frozen=True)
class ClockTime:
    """One time of day as a text writes it."""

    start: int
    end: int
    text: str
    hour: float
    """Hours since midnight: 17 for "5pm", 14.5 for "2.30pm", 12 for "noon"."""
    twelve_hour: bool
    """Written with am/pm ("5pm"), not on the 24-hour clock ("17:00") or in words."""
    word: str = ""
    """"noon", "midday" or "midnight" as written, else ""."""
    span_start: float | None = None
    """For an hour said with no part of the day ("six o'clock"), the morning hour of the span
    it ends ("from nine in the morning until six o'clock"): which half of the day it is in."""
    clause_part: str = ""
    """For an hour said with no part of the day, the part of the day its clause names
    ("in the evening" for "we close at seven o'clock every evening"), else ""."""


def _spelled_hour(number: str, part: str) -> float:
    """The hour "four in the morning" (4), "two in the afternoon" (14), "ten at night" (22) or
    "two at night" (2) states."""
    shown = int(number) if number.isdigit() else _HOUR_WORDS.index(number.lower()) + 1
    part = part.lower()
    if part == "in the morning":
        return float(shown % 12)
    if part == "at night" and (shown < 6 or shown == 12):
        return float(shown % 12)
    return float(shown % 12 + 12)


_SPAN_JOIN = re.compile(r"\s{0,3}(?:[-–—]|\bto\b|\btill\b|\btil\b|\buntil\b)\s{0,3}$", re.I)
_SPAN_LOOKBACK = 48


def _shown(number: str) -> int:
    return int(number) if number.isdigit() else _HOUR_WORDS.index(number.lower()) + 1


def _span_start(text: str, start: int) -> float | None:
    """The hour of the time a span's end at `start` closes ("nine in the morning" of "from
    nine in the morning until six o'clock"), when it is a morning or noon; else None."""
    before = text[max(0, start - _SPAN_LOOKBACK) : start]
    joined = _SPAN_JOIN.search(before)
    if joined is None:
        return None
    head = before[: joined.start()]
    starts = [time for time in find_clock_times(head) if time.end == len(head)]
    return starts[-1].hour if starts and starts[-1].hour <= 12 else None


_PART_CUES = (
    (re.compile(r"\b(?:mornings?|breakfast|dawn|sunrise)\b", re.I), "in the morning"),
    (re.compile(r"\bafternoons?\b", re.I), "in the afternoon"),
    (
        re.compile(r"\b(?:evenings?|tonight|dinner|supper|dusk|sunset|after\s+work)\b", re.I),
        "in the evening",
    ),
    (re.compile(r"\b(?:nights?|nightly|overnight)\b", re.I), "at night"),
)
_WEAK_CUES = re.compile(r"\b(?:early|late)\b", re.I)
"""Words that lean to one half of the day without saying which ("the early swim", "close early
at four o'clock"): a loose hour in their clause is not read."""
_OWN_PART = re.compile(
    r"(?:\d|\b(?:"
    + "|".join(_HOUR_WORDS)
    + r"))(?:\s+o['’]clock)?\s+(?:"
    + "|".join(_DAY_PARTS)
    + r")\b",
    re.I,
)
_CLAUSE_REACH = 80
_AMBIGUOUS = "?"


def _clause_part(text: str, start: int, end: int) -> str:
    """The part of the day the clause around a loose hour at `start`..`end` names, in words of
    its own ("every evening", "for breakfast"), not as another time's ("nine in the morning"):
    one of `_DAY_PARTS`, "" when it names none, `_AMBIGUOUS` when it names both halves or
    only leans to one ("early", "late")."""
    before = text[max(0, start - _CLAUSE_REACH) : start]
    after = text[end : end + _CLAUSE_REACH]
    before = re.split(r"[.!?;|\n]", before)[-1]
    after = re.split(r"[.!?;|\n]", after)[0]
    clause = _OWN_PART.sub(" ", before + " " + after)
    parts = {part for cue, part in _PART_CUES if cue.search(clause)}
    halves = {part == "in the morning" for part in parts}
    if len(halves) > 1 or (not parts and _WEAK_CUES.search(clause)):
        return _AMBIGUOUS
    if "in the evening" in parts:
        return "in the evening"  # "every night" with "evening" said: the evening's reading
    return min(parts) if parts else ""


def _loose_hour(shown: int, span_start: float | None) -> float:
    """The hour of the day an hour said with no part of the day states ("six o'clock",
    "half past five"): at the end of a span whose start is read ("from nine in the morning
    until six o'clock", "9am to six o'clock"), the first of its two readings not before the
    start; else a working day's reading: 7 to 11 in the morning, 12 noon, 1 to 6 in the
    afternoon or evening."""
    if span_start is not None:
        return float(shown % 12 + (12 if shown % 12 < span_start else 0))
    if shown == 12 or shown >= 7:
        return float(shown)
    return float(shown + 12)


def _from_match(found: re.Match[str], text: str) -> ClockTime | None:
    begun = (
        _span_start(text, found.start())
        if found.group("loose") or (found.group("loose2") and not found.group("part3"))
        else None
    )
    said = ""
    if (
        begun is None
        and (found.group("loose") or found.group("loose2"))
        and not (found.group("part3"))
    ):
        said = _clause_part(text, found.start(), found.end())
        if said == _AMBIGUOUS:
            return None  # the clause leaves the half of the day open, or says both
    if found.group("loose"):
        shown = _shown(found.group("loose"))
        hour = _spelled_hour(str(shown), said) if said else _loose_hour(shown, begun)
        return ClockTime(found.start(), found.end(), found.group(0), hour, False, "", begun, said)
    if found.group("loose2"):
        shown = _shown(found.group("loose2"))
        rel = found.group("rel").lower()
        minutes = 30 if found.group("part2").lower() == "half" else 15
        if rel == "to":
            if minutes == 30:
                return None  # "half to five" is no time in English
            shown, minutes = (shown - 2) % 12 + 1, 45
        part = found.group("part3") or said
        hour = (
            _spelled_hour(str(shown), part) if part else _loose_hour(shown, begun)
        ) + minutes / 60
        return ClockTime(found.start(), found.end(), found.group(0), hour, False, "", begun, said)
    if found.group("spelled"):
        hour = _spelled_hour(found.group("spelled"), found.group("part"))
        return ClockTime(found.start(), found.end(), found.group(0), hour, False)
    if found.group("word"):
        word = found.group("word")
        before = text[max(0, found.start() - 16) : found.start()]
        hour = (
            12.0 if word.lower() != "midnight" else (24.0 if _UNTIL_WORDS.search(before) else 0.0)
        )
        return ClockTime(found.start(), found.end(), found.group(0), hour, False, word)
    if found.group("hour12"):
        hour = int(found.group("hour12")) % 12
        if found.group("half").lower() == "p":
            hour += 12
        minutes = int(found.group("minute12") or 0)
        return ClockTime(found.start(), found.end(), found.group(0), hour + minutes / 60, True)
    hour = int(found.group("hour24"))
    minutes = int(found.group("minute24"))
    if hour == 24 and minutes:
        return None
    return ClockTime(found.start(), found.end(), found.group(0), hour + minutes / 60, False)


def clock_matches(text: str) -> list[re.Match[str]]:
    """Where `text` states a time of day, as matches: `clock_at` reads each."""
    return [found for found in _PATTERN.finditer(text) if _from_match(found, text) is not None]


def clock_at(found: re.Match[str]) -> ClockTime | None:
    """The time a match of `clock_matches` states; None for any other match."""
    return _from_match(found, found.string) if found.re is _PATTERN else None


def find_clock_times(text: str) -> list[ClockTime]:
    """Every time of day `text` states, in order."""
    found = (_from_match(match, text) for match in _PATTERN.finditer(text))
    return [time for time in found if time is not None]


def read_clock_time(text: str) -> ClockTime | None:
    """`text` as one time of day ("5pm", "17:00"), or None when it is not exactly one."""
    stripped = text.strip()
    found = find_clock_times(stripped)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(stripped):
        return None
    return found[0]


def same_time(first: ClockTime, second: ClockTime) -> bool:
    """Whether two texts state the same time ("5pm" and "17:00"; midnight both ways)."""
    return abs(first.hour % 24 - second.hour % 24) < 1e-9


def clock_ops(text: str, time: ClockTime) -> frozenset[str]:
    """The comparison the words around a time in `text` make with it, as the side the time
    itself falls on: "before 5pm" `<`, "at 5pm or later" `>=`; empty when they make none
    ("from 9am to 5pm" bounds 9 from below and 5pm from above: "to" is read as "until").
    A range's end closes a window, and whether its own hour is still in it the words leave
    open (a shop open "9am to 5pm" takes no 5pm booking): it gives both `<=` and `<`, and the
    probes say which."""
    before, after = text[max(0, time.start - 24) : time.start], text[time.end : time.end + 24]
    ops = {op for pattern, op in _BEFORE_OPS if pattern.search(before)}
    ops |= {op for pattern, op in _AFTER_OPS if pattern.search(after)}
    if re.search(r"\d\s*(?:[ap]\.?m\.?)?\s*(?:to|-|–)\s*$", before, re.I):
        ops |= {"<=", "<"}  # "from 9am to 5pm"
    if _BETWEEN.search(before):
        ops.add(">=")  # "between 9am and 5pm": the first time starts the span
    elif _BETWEEN_END.search(before):
        ops |= {"<=", "<"}  # ... and the second ends it, as "from 9am to 5pm" does
    return frozenset(ops)


_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
_BETWEEN_END = re.compile(
    r"\bbetween\s+(?:\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.?m\.?)?|noon|midday|midnight)\s+and\s*$",
    re.I,
)


_DURATION_HINTS = frozenset(
    {"delay", "wait", "waiting", "duration", "since", "elapsed", "age", "late", "after", "per"}
)


def clock_variable(name: str) -> bool:
    """Whether a variable holds a time of day: "reported_hour", "checkout_hour",
    "time_of_day", "local_clock"; not a duration ("delay_hours", "hours_late") or a rate."""
    words = set(re.findall(r"[a-z]+", name.lower().rsplit(".", 1)[-1]))
    if words & _DURATION_HINTS or words & {"hours", "minutes", "days"}:
        return False
    return "hour" in words or "clock" in words or {"time", "day"} <= words


# writing a time the way a text writes another ----------------------------------------------


def _hm(hour: float) -> tuple[int, int]:
    minutes = round(hour * 60)
    return divmod(minutes % (24 * 60) if minutes != 24 * 60 else minutes, 60)


def written_like(hour: float, like: ClockTime) -> str:
    """The time `hour` written the way `like` is: "5pm" like "2pm", "5 p.m." like "2 p.m.",
    "17:00" like "14:00", "5.30pm" like "2.30pm", "5:00pm" like "2:00pm"; a text that wrote
    "noon" gets a word for 12 and midnight only, else "5pm"."""
    hours, minutes = _hm(hour)
    spelled = _PATTERN.fullmatch(like.text)
    if spelled is not None and (spelled.group("loose") or spelled.group("loose2")):
        loose = _loose_like(hours, minutes, spelled, like.span_start, like.clause_part)
        if loose is not None:
            return loose
        like = ClockTime(0, 0, "1pm", 13.0, True)
    if spelled is not None and spelled.group("spelled") and not minutes:
        return _spelled_like(hours, spelled)
    if spelled is not None and spelled.group("spelled"):
        like = ClockTime(0, 0, "1pm", 13.0, True)
    if like.word:
        if hours == 12 and not minutes:
            return like.word if like.word.lower() != "midnight" else "noon"
        if hours in (0, 24) and not minutes:
            return "midnight"
        like = ClockTime(0, 0, "1pm", 13.0, True)
    found = _PATTERN.fullmatch(like.text)
    if like.twelve_hour and found is not None:
        half = "p" if 12 <= hours < 24 else "a"
        if found.group("half").isupper():
            half = half.upper()
        shown = hours % 12 or 12
        sep = found.group("sep12") or ":"
        written = str(shown)
        if minutes or found.group("minute12") == "00":
            written += f"{sep}{minutes:02d}"
        written += found.group("space") + half + (found.group("dot1") or "") + found.group("m")
        return written + (found.group("dot2") or "")
    sep = found.group("sep24") if found is not None else ":"
    width = 2 if found is not None and found.group("hour24").startswith("0") else 1
    return f"{hours:0{width}d}{sep}{minutes:02d}"


def _spelled_like(hours: int, like: re.Match[str]) -> str:
    """A whole hour written the way a text spelled another: "five in the morning" like "four in
    the morning", "7 o'clock in the evening" like "9 o'clock at night"; the part of the day
    kept when the hour is still in it, else the part the hour falls in; "midnight" and "noon"
    for 0 and 12."""
    if hours % 24 == 0:
        return "midnight"
    if hours == 12:
        return "noon"
    shown = hours % 12
    number = like.group("spelled")
    if number.isdigit():
        written = str(shown)
    else:
        written = _HOUR_WORDS[shown - 1]
        if number[:1].isupper():
            written = written.capitalize()
    part = like.group("part")
    night_hour = part.lower() == "at night" and 4 <= hours < 12
    if _spelled_hour(str(shown), part) != hours or night_hour:
        part = (
            "in the morning"
            if hours < 12
            else "in the afternoon"
            if hours < 17
            else "in the evening"
            if hours < 21
            else "at night"
        )
    return written + (like.group("oclock") or "") + " " + part


_LOOSE_PARTS = {30: "half past", 15: "quarter past", 45: "quarter to"}


def _loose_like(
    hours: int,
    minutes: int,
    like: re.Match[str],
    span_start: float | None = None,
    clause_part: str = "",
) -> str | None:
    """A time written the way a text wrote another with no part of the day ("eight o'clock"
    like "six o'clock", "half past six" like "half past five"), or None where that form would
    be read as another time where it stands (8 o'clock alone is read as the morning; closing
    a span from nine in the morning, as the evening) or cannot say it (twenty past): the
    caller writes "8pm"."""
    if hours % 12 == 0 and not minutes:
        return None
    number = like.group("loose") or like.group("loose2")
    if minutes and minutes not in _LOOSE_PARTS:
        return None
    shown = hours % 12 or 12
    if minutes == 45:
        shown = shown % 12 + 1  # a quarter to the next hour
    part = like.group("part3")
    said = clause_part if not part else ""
    if said and _spelled_hour(str(hours % 12 or 12), said) != hours:
        return None  # "... every evening" cannot say the morning
    if part and _spelled_hour(str(hours % 12 or 12), part) != hours:
        return None  # "half past nine in the morning" cannot say the evening
    if not part and not said and _loose_hour(hours % 12 or 12, span_start) != hours:
        return None  # read where it is, the hour would be the other half of the day
    written = str(shown) if number.isdigit() else _HOUR_WORDS[shown - 1]
    if not minutes:
        head = written[:1].upper() + written[1:] if number[:1].isupper() else written
        return head + (like.group("oclock2") or " o'clock")
    first = like.group(0)[:1]
    lead = _LOOSE_PARTS[minutes]
    if lead.startswith("quarter") and (like.group("part2") or "").lower().startswith("a "):
        lead = "a " + lead  # "a quarter past" like "a quarter to"
    said = f"{lead} {written}" + (f" {part}" if part else "")
    return said[:1].upper() + said[1:] if first.isupper() else said
