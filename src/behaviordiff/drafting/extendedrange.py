"""A range of named values extended by one, with a charge for the value added: the old prompt
said "Our engineers visit Monday to Friday", the new one "Monday to Saturday" and charges for
the added value ("Saturday visits carry a £20 weekend surcharge: book them with …"); the
change's condition names the added value (`day = saturday`).

A KB unit on the rule's subject (it shares a word of the rule beside the range) stating the old
range ("visit Monday to Friday only", a cell "Monday to Friday, 8am to 6pm") says the new range
in place, and the charge follows once, after the last prose unit changed (in a cell, beside the
range). The same range on another subject, and other ranges, stay.

Pure text helpers: `impact` marks the units (`extended_range_conflicts`), the template drafter
rewrites them (`extended_range_edit`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.grants import DENIES, stems_of
from behaviordiff.drafting.impactview import ImpactView, marked_for
from behaviordiff.drafting.rangegain import gained, single_value
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    cell_text_spans,
    last_marked_prose,
    plain_text,
    rewrite_units,
    with_sentence_after,
)

EXTENDED_RANGE_REASON = "states the old range of a rule the new prompt extends, with a charge"

_MONEY = re.compile(r"[£$€]\s?\d")
_PRICED = re.compile(r"\ban?\s+(?P<charge>[£$€]\s?\d[\d.,]*(?:\s+[A-Za-z-]{1,30}){1,4})\s*$")
"""A charge the clause ends on, said as a noun ("… carry a £20 weekend surcharge")."""
_CLAUSE_END = re.compile(r"[:;.!?]")
_RANGE_WORDS = frozenset(stems_of("to through until till only and or the a an our we you between"))
_MIN_WORD = 3


@dataclass(frozen=True)
class ExtendedRange:
    """A rule's range the new prompt extends by one value, charging for it."""

    added: str
    """The value added, as the new prompt writes it ("Saturday")."""
    old_range: re.Pattern[str]
    """The old range however dashed ("Monday to Friday", "Monday–Friday")."""
    new_range: str
    """"Monday to Saturday"."""
    charge: str
    """The new prompt's clause charging for the added value ("Saturday visits carry a £20
    weekend surcharge.")."""
    subject: frozenset[str]
    """Stems the rule says beside its range ({"engineer", "visit"}): a unit about the rule
    shares one."""


def _charge(facts: ChangeFacts, added: str) -> str | None:
    """The first clause of a new prompt sentence naming the added value and an amount of
    money, with no prompt internals (code, argument names), as a sentence."""
    named = re.compile(rf"\b{re.escape(added)}s?\b", re.I)
    for rule in facts.rules:
        for sentence in re.split(r"(?<=[.!?])\s+", rule.new or ""):
            end = _CLAUSE_END.search(sentence)
            clause = sentence[: end.start()] if end else sentence
            clause = clause.strip()
            if not (named.search(clause) and _MONEY.search(clause)):
                continue
            if "`" in clause or "_" in clause or not clause[:1].isupper():
                continue
            # restated around the charge ("a £20 weekend surcharge"), so it is the rule, not
            # a reply's copy of the prompt's sentence
            priced = _PRICED.search(clause)
            if priced is not None:
                return f"A {priced['charge']} applies on {added}s."
            return f"{clause}."
    return None


def extended_range(facts: ChangeFacts) -> ExtendedRange | None:
    """The range a change extends by the value its condition names, charging for it, or
    None: a changed prompt rule's range gains one end ("Monday to Friday" → "Monday to
    Saturday"), one condition atom picks that value alone, and a new sentence charges for it."""
    value = single_value(facts.conditions)
    if value is None:
        return None
    for rule in facts.rules:
        if not rule.old or not rule.new:
            continue
        ranges = gained(rule.old, rule.new, value)
        if ranges is None:
            continue
        old, new = ranges
        charge = _charge(facts, new["last"])
        subject = {
            word
            for word in stems_of(rule.old) - stems_of(old.group(0)) - _RANGE_WORDS
            if word.isalpha() and len(word) >= _MIN_WORD
        }
        if charge is None or not subject:
            continue
        dash = r"\s*(?:\bto\b|\bthrough\b|\buntil\b|\btill\b|[-–—])\s*"
        return ExtendedRange(
            added=new["last"],
            old_range=re.compile(
                rf"\b{re.escape(old['first'])}{dash}{re.escape(old['last'])}\b", re.I
            ),
            new_range=new.group(0),
            charge=charge,
            subject=frozenset(subject),
        )
    return None


def says_old_range(ranged: ExtendedRange, text: str) -> bool:
    """Whether a unit on the rule's subject states its old range, denying nothing; never a
    heading."""
    if text.lstrip().startswith("#") or DENIES.search(text):
        return False
    return bool(ranged.old_range.search(text)) and bool(ranged.subject & stems_of(text))


def extended_range_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """For a range extended with a charge (`extended_range`), the units stating the old range
    on the rule's subject, added to `found`."""
    ranged = extended_range(facts)
    if ranged is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    marked = [
        make(index, unit.text, (EXTENDED_RANGE_REASON,))
        for index, unit in enumerate(item_units)
        if index not in taken and says_old_range(ranged, unit.text)
    ]
    return found + marked


def _row(ranged: ExtendedRange, raw: str) -> str:
    """A row with each cell stating the old range said with the new one and the charge beside
    it, padding and other cells byte for byte."""
    line = raw.rstrip("\n")
    out, at = [], 0
    for start, end in cell_text_spans(line):
        cell = line[start:end]
        said = ranged.old_range.sub(ranged.new_range, cell)
        if said != cell:
            charge = ranged.charge.rstrip(".")
            said = f"{said} ({charge[:1].lower()}{charge[1:]})"
        out.append(line[at:start] + said)
        at = end
    return "".join(out) + line[at:] + raw[len(line) :]


def extended_body(
    ranged: ExtendedRange, body: str, body_format: str, marked: set[str]
) -> str | None:
    """`body` with the units of `marked` saying the new range, the charge after the last prose
    one (in a row, beside the range); every other byte kept. None when nothing changes."""
    last = last_marked_prose(plain_text(body, body_format), marked)

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        if unit.raw.lstrip().startswith("|"):
            return _row(ranged, unit.raw)
        said = ranged.old_range.sub(ranged.new_range, unit.raw)
        if unit.start == last:
            said = with_sentence_after(said, ranged.charge)
        return said

    return rewrite_units(body, body_format, pick)


def extended_range_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit for a range extended with a charge: the item's units stating
    the old range say the new one and the charge. None when the change extends no range or
    the item states none of it."""
    ranged = extended_range(facts)
    if ranged is None:
        return None
    marked = set(marked_for(impact.conflicts, EXTENDED_RANGE_REASON))
    if not marked:
        return None
    new_body = extended_body(ranged, impact.item.body, impact.item.body_format, marked)
    if new_body is None:
        return None
    quoted = "; ".join(f"“{u.text}”" for u in impact.units if u.text in marked)
    return new_body, (
        f"The new prompt extends the range to {ranged.new_range}, with a charge for "
        f"{ranged.added} (“{ranged.charge}”). This "
        f"{impact.item.kind} still states the old range in {quoted}. The edit says "
        f"{ranged.new_range} there, adds the charge once, and keeps everything else."
    )
