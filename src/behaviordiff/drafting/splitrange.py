"""A range's rule split at a new line, the upper part given a new value: "Tables for 6 to 20
people need a deposit of 20% …" became "Tables for 6 or 7 people need a deposit of 20% …"
beside an added "Tables for 8 to 20 people need a deposit of 30% …", for the change's
condition `8 <= party_size <= 20`.

The sentence differ reads the kept part's end as the move ("to 20" → "or 7"), and a KB sentence
rewritten by it says only the lower part ("Tables for 6 or 7 people need a deposit of 20%"):
the upper part's rule is lost. The added sentence is the old one with the range's first end
and one value moved (6 → 8, 20% → 30%), every other word the same. Where an edit wrote the
kept part's new range beside the old value, the upper part is said too: in a sentence, its
value and whom it is for after the old value ("20% (30% for tables for 8 to 20 people)"); in a
table row, a row of its own after it ("| Table for 8 to 20 | 30% of the set menu price |").

Matching is on the prompt's own sentences and numbers: no word of any domain is known here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.rules import RuleMove, where_stated
from behaviordiff.drafting.text import Unit, edit_body, plain_text, replace_units, units

_NUMBER = re.compile(r"[$€£]?\d+(?:[.,]\d+)?%?")
_VERB = re.compile(
    r"^(?:need|needs|get|gets|pay|pays|are|is|must|can|have|has|will|may|receive|receives)$",
    re.I,
)


@dataclass(frozen=True)
class SplitRange:
    """The upper part of a split range and its new value."""

    move: RuleMove
    """The kept part's end moved ("to 20" → "or 7")."""
    upper: str
    """The upper part as the added sentence writes it ("8 to 20")."""
    subject: str
    """Whom the upper part is for, as the added sentence opens ("tables for 8 to 20 people")."""
    old_value: str
    """The value the kept part keeps ("20%")."""
    new_value: str
    """The upper part's value ("30%")."""
    rule: str
    """The added sentence giving the upper part its value: the rule a note quotes."""


def _skeleton(text: str) -> str:
    return _NUMBER.sub("#", " ".join(text.split()))


def split_range(facts: Any) -> SplitRange | None:
    """The split the change's rules make, or None: a value move of a changed sentence whose old
    sentence an added sentence of the same section repeats with two numbers moved, the first
    end of a range (two numbers joined by "to" or "-") and one other value."""
    added = [
        rule
        for rule in getattr(facts, "rules", ())
        if rule.kind == "sentence_added" and isinstance(rule.new, str)
    ]
    for move in getattr(facts, "moves", ()):
        if move.kind != "value" or not move.old_sentence or not move.new_sentence:
            continue
        old = " ".join(move.old_sentence.split())
        for rule in added:
            new = " ".join(rule.new.split())
            if _skeleton(old) != _skeleton(new):
                continue
            olds, news = list(_NUMBER.finditer(old)), list(_NUMBER.finditer(new))
            moved = [i for i, (a, b) in enumerate(zip(olds, news, strict=True)) if a[0] != b[0]]
            if len(moved) != 2:
                continue
            first, value = moved
            if first + 1 >= len(news) or value == first + 1:
                continue
            joint = new[news[first].end() : news[first + 1].start()]
            if joint.strip() not in ("to", "-", "–"):
                continue
            upper = new[news[first].start() : news[first + 1].end()]
            after = new[news[first + 1].end() :].split()
            end = news[first + 1].end()
            if after and not _VERB.match(after[0]) and after[0].isalpha():
                end = new.index(after[0], end) + len(after[0])
            subject = new[:end]
            subject = subject[:1].lower() + subject[1:]
            return SplitRange(move, upper, subject, olds[value][0], news[value][0], rule.new)
    return None


def _row_after(raw: str, split: SplitRange) -> str | None:
    """The upper part's own row, made from a row stating the kept part's range and old value."""
    kept = where_stated(split.move.new, raw)
    value = where_stated(split.old_value, raw)
    if len(kept) != 1 or len(value) != 1:
        return None
    start = raw.rfind("|", 0, kept[0].start()) + 1
    cell = raw[start : raw.find("|", kept[0].end())]
    numbers = list(_NUMBER.finditer(cell))
    if not numbers:
        return None
    # the kept part's range in the cell ("6 or 7"), from its first number to the move's end
    span = (start + numbers[0].start(), kept[0].end())
    row = raw[: span[0]] + split.upper + raw[span[1] :]
    moved = where_stated(split.old_value, row)
    if len(moved) != 1:
        return None
    found = moved[0]
    return row[: found.start()] + split.new_value + row[found.end() :]


def with_split_range(
    facts: Any, old_body: str, new_body: str, body_format: str
) -> tuple[str, list[str]] | None:
    """`new_body` with the upper part said where the edit wrote the kept part's range beside
    the old value, and the units it added; None when the change splits no range or no unit
    of the edit says the kept part."""
    split = split_range(facts)
    if split is None:
        return None
    before = {unit.text for unit in units(plain_text(old_body, body_format))}
    said: list[str] = []

    def edit(text: str) -> str:
        found: list[Unit] = units(text)
        changes: dict[int, str] = {}
        for index, unit in enumerate(found):
            if unit.text in before or split.new_value in unit.raw:
                continue
            if not where_stated(split.move.new, unit.raw):
                continue
            stated = where_stated(split.old_value, unit.raw)
            if len(stated) != 1:
                continue
            if unit.raw.lstrip().startswith("|"):
                row = _row_after(unit.raw.rstrip("\n"), split)
                if row is None:
                    continue
                changes[index] = unit.raw.rstrip("\n") + "\n" + row
                said.append(row.strip())
            else:
                at = stated[0].end()
                aside = f" ({split.new_value} for {split.subject})"
                changes[index] = unit.raw[:at] + aside + unit.raw[at:]
                said.append(aside.strip())
        return replace_units(text, changes, found) if changes else text

    written = edit_body(new_body, body_format, edit)
    if not said or written == new_body:
        return None
    return written, said
