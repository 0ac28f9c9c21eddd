"""A value the prompt glosses in other words: "ready within 5 working days (a week)", "48 hours
(two days)", "a fortnight (14 days)".

The prompt itself says the two are one promise, so a KB sentence that states only the gloss
("It'll be ready in about a week") states the old value, even though the amounts differ in
measure (working days against weeks) and are not equal by arithmetic. Its new value is the
gloss the new prompt gives the new value ("10 working days (two weeks)"), written the way the
KB wrote the old gloss ("about a week" → "about two weeks"); with no gloss beside the new
value and no exact conversion, nothing confident can be written and the sentence is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from behaviordiff.detect.quantities import (
    Quantity,
    quantity_at,
    quantity_matches,
    read_quantity,
    same_amount,
    written_like,
)

Finder = Callable[[str, str], list[re.Match[str]]]
"""Where a text states a value (`rules.where_stated`), passed in so this module needs no rules."""

_HEDGE = r"(?:(?:about|around|roughly|approximately|approx\.|so|i\.e\.,?|ie,?|that is,?)\s+)?"
_UNIT_WORDS = (
    r"(?:\s+(?:working|business|calendar|clear|full))?"
    r"\s+(?:minute|hour|day|week|fortnight|month|year)s?\b"
)
_AFTER = re.compile(rf"(?P<unit>{_UNIT_WORDS})?\s*\(\s*{_HEDGE}(?P<gloss>[^()]+?)\s*\)", re.I)
"""A gloss in brackets right after the value, or after its unit where the value is the bare
number: "(a week)", "(about a week)", "(i.e. 14 days)", "10 business days (two weeks)"."""
_OPEN_BEFORE = re.compile(rf"\(\s*{_HEDGE}$", re.I)
_CLOSE_AFTER = re.compile(r"\s*\)")


@dataclass(frozen=True)
class Gloss:
    """What the prompt glosses a moved value with: the old gloss, and the new one where the
    new prompt gives it (or it is the new value exactly, in the old gloss's measure)."""

    old: Quantity
    new: Quantity | None


def gloss_beside(sentence: str, found: re.Match[str]) -> Quantity | None:
    """The amount `sentence` glosses the value at `found` with: in brackets right after it
    ("5 working days (a week)"), or the value in brackets right after the gloss ("a fortnight
    (14 days)"). None when no amount sits beside it that way, or one of the value's own
    measure: the same amount says nothing new ("48 hours (two days)" is read by arithmetic),
    and another is another value ("14 days (30 days)"), not the same promise in other words
    as working days and weeks, or months and days, are."""
    glossed: Quantity | None = None
    after = _AFTER.match(sentence, found.end())
    opening = _OPEN_BEFORE.search(sentence[: found.start()])
    if after is not None:
        glossed = read_quantity(after.group("gloss"))
    elif opening is not None and _CLOSE_AFTER.match(sentence, found.end()):
        head = sentence[: opening.start()].rstrip()
        before = [each for each in quantity_matches(head) if each.end() == len(head)]
        glossed = quantity_at(before[-1]) if before else None
    unit = (after.group("unit") or "") if after is not None else ""
    value = read_quantity(found.group(0) + unit)
    if glossed is None or (value is not None and value.measure == glossed.measure):
        return None
    return glossed


def prompt_gloss(
    old: str, new: str, old_sentence: str, new_sentence: str, stated: Finder
) -> Gloss | None:
    """The gloss the old prompt sentence gives the old value, with the new sentence's gloss of
    the new value; None when the old value is not glossed, or glossed twice differently. With
    no gloss beside the new value, the new value itself where it is in the gloss's measure
    ("48 hours (two days)" → "72 hours": three days)."""
    value = read_quantity(old)
    # a finder reading amounts in another measure finds the gloss too ("24 hours" of "1 working
    # day (24 hours)"): what it glosses is the value itself, no gloss of it
    olds = [
        q
        for found in stated(old, old_sentence)
        if (q := gloss_beside(old_sentence, found))
        and not (value is not None and same_amount(q, value))
    ]
    if not olds or any(not same_amount(q, olds[0]) for q in olds):
        return None
    news = [q for found in stated(new, new_sentence) if (q := gloss_beside(new_sentence, found))]
    if news:
        same = news[0].measure == olds[0].measure
        return Gloss(olds[0], news[0] if same else None)
    moved = read_quantity(new)
    return Gloss(olds[0], moved if moved is not None and moved.measure == olds[0].measure else None)


def gloss_statements(gloss: Gloss, text: str) -> list[re.Match[str]]:
    """Where `text` states the old gloss's amount ("about a week", "7 days")."""
    return [
        found
        for found in quantity_matches(text)
        if (q := quantity_at(found)) is not None and same_amount(q, gloss.old)
    ]


def new_gloss_like(gloss: Gloss, found: re.Match[str]) -> str | None:
    """The new gloss written the way the KB wrote the old one at `found` ("a week" → "two
    weeks"); None when the new prompt gives no new gloss or it cannot be written that way."""
    like = quantity_at(found)
    if gloss.new is None or like is None:
        return None
    return written_like(gloss.new, like)


def glossed_span(sentence: str, found: re.Match[str]) -> tuple[int, int] | None:
    """(start, end) of the value at `found` together with the amount the text glosses it with
    in brackets beside it, in another measure (`gloss_beside`): "a month (30 days)", "30 days
    (a month)". A new value written in place of the value alone would leave the gloss stating
    the old amount ("a month (14 days)"), so the two are replaced as one. None when the value
    has no such gloss, or its unit is written after the brackets' value ("30 (a month) days")."""
    if gloss_beside(sentence, found) is None:
        return None
    after = _AFTER.match(sentence, found.end())
    if after is not None:
        return None if after.group("unit") else (found.start(), after.end())
    opening = _OPEN_BEFORE.search(sentence[: found.start()])
    closing = _CLOSE_AFTER.match(sentence, found.end())
    if opening is None or closing is None:
        return None
    head = sentence[: opening.start()].rstrip()
    before = [each for each in quantity_matches(head) if each.end() == len(head)]
    return (before[-1].start(), closing.end()) if before else None
