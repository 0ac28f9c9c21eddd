"""Working days said as weeks: a KB writes a turnaround of "5 working days" as "a week" ("in a
week or less") or "one working week", and "10 working days" as "two weeks" or "a fortnight".
Each states the same rule, so finding the old value finds them too, and the new value is written
back in weeks when it is a whole number of them ("a week" → "two weeks" for 5 → 10 working
days); when it is not ("a week" for 5 → 7 working days) no form here can take it and a writer
restates the sentence or flags it.

A working week is five working days, the way support teams count them; calendar days ("7
days") are another measure and never read as working days.

Pure text helpers for `rules.where_stated` and `rules.worded_value`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from behaviordiff.detect.quantities import (
    CARDINALS,
    Quantity,
    count_words,
    quantity_at,
    quantity_matches,
    read_quantity,
    same_amount,
    written_like,
)

_DAYS_A_WEEK = 5
_MINUTES_A_WEEK = 7 * 24 * 60
_WORKING_WEEK = re.compile(
    r"(?<![\w-])(?P<count>an?|one|two|three|four|five|six|\d{1,2})[ \t]+"
    r"(?P<kind>working|business)[ \t]+(?P<unit>week)(?P<plural>s)?\b",
    re.I,
)
"""An amount of working weeks ("one working week", "2 business weeks")."""
_OPENS = re.compile(
    r"\s*\(\s*(?:(?:about|around|roughly|approximately|approx\.|i\.e\.,?|that is,?)\s+)?$", re.I
)
"""A bracket opened right before a gloss: "5 working days (about a week)"."""
_SO_ABOUT = re.compile(
    r",?\s{1,3}(?:so|or|that is|i\.e\.)\s{1,3}(?:(?:about|around|roughly)\s{1,3})?"
)
"""Words joining the days to the weeks that gloss them: "five working days, so about a week"."""
_RATE_AFTER = re.compile(r"\s{1,3}(?:a|per|each|every)\s{1,3}(?:week|fortnight|month|year)\b", re.I)
"""A count of days that is a rate: "open 5 days a week"."""


def _weeks(amount: Quantity) -> float | None:
    """How many weeks an amount of working days is, when a whole number of them."""
    if amount.measure != "working" or amount.count <= 0:
        return None
    weeks = amount.count / _DAYS_A_WEEK
    return weeks if weeks.is_integer() else None


def _count(found: re.Match[str]) -> float | None:
    written = found.group("count").lower()
    if written in ("a", "an"):
        return 1.0
    if written.isdigit():
        return float(written)
    return float(CARDINALS[written]) if written in CARDINALS else None


def one_measure(old: str, new: str) -> bool:
    """Whether two values can be one value moved: of one measure, or working days and weeks
    (one turnaround said two ways, "5 working days" → "2 weeks"); never working days and
    calendar days ("5 working days" to refund, "14 days" to send it back are two rules)."""
    was, now = read_quantity(old), read_quantity(new)
    if was is None or now is None or was.measure == now.measure:
        return True
    units = {was.unit, now.unit}
    return bool(units & {"working day", "business day"}) and bool(units & {"week", "fortnight"})


def week_statements(
    amount: Quantity, text: str, amounts: list[re.Match[str]] | None = None
) -> list[re.Match[str]]:
    """Where `text` states an amount of working days (`amount`) in weeks ("one working week"
    or "a week" for 5 working days, "two weeks" or "a fortnight" for 10) or as plain days ("5
    days"); `amounts`: the text's `quantity_matches` when the caller has them."""
    if amount.measure != "working":
        return []
    weeks = _weeks(amount)
    found = [match for match in _WORKING_WEEK.finditer(text) if _count(match) == weeks]
    for match in quantity_matches(text) if amounts is None else amounts:
        said = quantity_at(match)
        if said is None:
            continue
        if said.unit == "day" and said.count == amount.count:
            if not _RATE_AFTER.match(text, match.end()):
                found.append(match)  # "5 days" for "5 working days", not "5 days a week"
        elif (
            weeks is not None
            and said.unit in ("week", "fortnight")
            and abs(said.amount - weeks * _MINUTES_A_WEEK) < 1e-9
        ):
            found.append(match)
    return sorted(found, key=lambda match: match.start())


def _gloss_of(found: re.Match[str], other: re.Match[str], text: str) -> bool:
    """Whether `found` sits in brackets right after `other`, or `other` right after it."""
    if other.end() <= found.start():
        return bool(_OPENS.fullmatch(text[other.end() : found.start()]))
    if found.end() <= other.start():
        return bool(_OPENS.fullmatch(text[found.end() : other.start()]))
    return False


def _glosses(found: re.Match[str], other: re.Match[str], text: str) -> bool:
    """Whether `found` glosses the days at `other`: in brackets beside them, or right after
    them ("five working days of your order, so about a week")."""
    if _gloss_of(found, other, text):
        return True
    gap = text[other.end() : found.start()] if other.end() <= found.start() else ""
    joined = _SO_ABOUT.search(gap) if len(gap) <= _GLOSS_GAP else None
    return joined is not None and joined.end() == len(gap) and not re.search(r"[.;:!?]", gap)


_GLOSS_GAP = 60


def moved_glosses(old: Quantity, new: Quantity, text: str) -> str | None:
    """`text`, whose working days moved from `old` to `new`, with each gloss of the old amount
    in weeks beside the new amount ("ten working days (one working week)", "ten working days,
    so about a week") said as the new amount in the same words ("two working weeks", "about
    two weeks"); a gloss in brackets is taken out when the new amount is no whole number of
    weeks, and None (a writer's) when another gloss cannot be said. Weeks said of anything
    else ("open 5 days a week") are not its gloss and stay."""
    amounts = quantity_matches(text)
    news = [
        match
        for match in amounts
        if (said := quantity_at(match)) is not None and same_amount(said, new)
    ]
    edits: list[tuple[int, int, str]] = []
    for found in week_statements(old, text, amounts):
        if not any(_glosses(found, other, text) for other in news):
            continue
        written = weeks_written(new, found)
        if written is not None:
            edits.append((found.start(), found.end(), written))
            continue
        opened = text.rfind("(", 0, found.start())
        closed = text.find(")", found.end())
        inside = opened >= 0 and closed >= 0 and _OPENS.fullmatch(text[opened : found.start()])
        if not inside or text[found.end() : closed].strip():
            return None
        edits.append((len(text[:opened].rstrip()), closed + 1, ""))
    for start, end, written in sorted(edits, reverse=True):
        text = text[:start] + written + text[end:]
    return text


def is_amount_match(found: re.Match[str]) -> bool:
    """Whether a match of `week_statements` is one of the text's `quantity_matches` (not a
    number of working weeks, which those do not read)."""
    return found.re is not _WORKING_WEEK


def is_week_statement(found: re.Match[str]) -> bool:
    """Whether a match of `week_statements` says the amount in weeks or plain days, not in
    working days."""
    if found.re is _WORKING_WEEK:
        return True
    said = quantity_at(found)
    return said is not None and said.unit in ("day", "week", "fortnight")


def weeks_written(new: Quantity, found: re.Match[str]) -> str | None:
    """The new amount of working days in the weeks or days a KB wrote the old one in (`found`,
    a match of `week_statements`): "two working weeks", "two weeks", "10 days", "a fortnight"
    kept as the text wrote it; None when it is no whole number of weeks."""
    if new.measure != "working" or not is_week_statement(found):
        return None
    like = quantity_at(found)
    if like is not None and like.unit == "day":
        # "5 days" for 5 working days: the new count of days, written alike
        days = f"{new.count:g} day" + ("" if new.count == 1 else "s")
        return written_like(Quantity(0, 0, days, new.count, "day", worded=False), like)
    weeks = _weeks(new)
    if weeks is None:
        return None
    count = int(weeks)
    if found.re is _WORKING_WEEK:
        written = found.group("count")
        if written.isdigit():
            number = str(count)
        elif count == 1:
            number = "one" if written.lower() == "one" else "a"
        else:
            number = count_words(count) or str(count)
        if written[:1].isupper():
            number = number[:1].upper() + number[1:]
        unit = found.group("unit") + ("s" if count != 1 else "")
        return f"{number} {found.group('kind')} {unit}"
    if like is None:
        return None
    in_weeks = Quantity(0, 0, f"{count} weeks", float(count), "week", worded=False)
    if like.unit == "fortnight":
        # "a fortnight" → "three weeks", never "one and a half fortnights"
        words = like.text.lower().replace("fortnight", "week")
        like = replace(like, text=words, count=2 * like.count, unit="week")
        if like.worded and like.count == 2:
            like = replace(like, text=words.replace("a week", "two weeks", 1))
    return written_like(in_weeks, like)
