"""A band below a line given what only the far side of the line had: a prompt table keyed by a
number splits a row and gives the new band an option of the row past the line, on a
requirement. "| 8 to 15 | junior sessions only |" became "| 8 to 13 | junior sessions only |"
and "| 14 and 15 | junior sessions, or adult sessions once a parent or guardian signs the
consent form at the desk on the day |", "| 16 and over | adult sessions |" kept; the change's
condition is the band (`13 < driver_age < 16`).

A KB sentence drawing the line at the band's upper bound for what the band now gets ("Adult
sessions are for drivers aged 16 and over, with no exceptions") is wrong for the band: it keeps
its line, loses what it adds to deny the band ("with no exceptions, even when …", "and we're not
able to make exceptions"), and the band's new option is said once after it in the KB's words
("Drivers aged 14 and 15 can also join adult sessions once a parent or guardian signs …"). A
sentence about the band's old option ("Junior sessions: drivers aged 8 to 15") or another use
of the number ("a 16-lap race") is no line drawn. Rows are read from the prompt's text; no
word of any domain is known here."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, marked_for
from behaviordiff.drafting.text import STOPWORDS, Keep, Unit, rewrite_units, stem, terms

BAND_OPENED_REASON = "draws the line the band below it now crosses"

_NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.])")
_ASIDE = re.compile(r"\s*\([^()]{0,200}\)")
_OFFER_CUT = re.compile(r",\s+(?:or\s+)?|;\s+")
_UPWARD = r"\s+(?:and|or)\s+(?:over|above|older|up)\b|\+"
_NEGATION = re.compile(r"\b(?:no|not|never|none|cannot|exceptions?)\b|n[’']t\b", re.I)
_WHO = re.compile(r"(?P<who>[A-Za-z-]{3,30})\s+(?P<joint>(?:aged|of|at)\s+)?$")
_CUT = re.compile(r",\s+|;\s+|\s+[-–—]\s+")
_MODALS = frozenset({"must", "should", "can", "could", "may", "might", "will", "would", "need"})


@dataclass(frozen=True)
class BandOpened:
    """The band, the line past it and what the band now gets of the far side."""

    line: float
    """The band's upper bound, where the KB draws its line ("16" of "16 and over")."""
    key: str
    """The new row's key as the prompt says it ("14 and 15")."""
    offer: str
    """What the band now gets, in the prompt's words, its asides out ("adult sessions once a
    parent or guardian signs the consent form at the desk on the day")."""
    named: frozenset[str]
    """Stems the band's new row shares with the row past the line and its old row lacks
    ("adult"): what a sentence drawing the line is about."""
    row: str
    """The new row, quoted in a rationale."""


def _rows(text: str) -> list[list[str]]:
    """The rows of a Markdown table, read from its lines or from the one line the prompt diff
    joins them into ("| a | b | | c | d |"), each as its cells."""
    rows = []
    for line in re.split(r"\n|\|\s+\|", text.strip().strip("|")):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and not all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
            rows.append(cells)
    return rows


def _band(facts: ChangeFacts) -> tuple[int, int] | None:
    """The whole numbers of the band the change's condition picks out (13 < x < 16 → 14, 15)."""
    condition = facts.condition
    for atom in condition.atoms if condition else ():
        if atom.op != "between" or not isinstance(atom.low, int | float):
            continue
        if not isinstance(atom.high, int | float):
            continue
        low = math.ceil(atom.low) if atom.low_inclusive else math.floor(atom.low) + 1
        high = math.floor(atom.high) if atom.high_inclusive else math.ceil(atom.high) - 1
        if low <= high:
            return low, high
    return None


def _numbers(key: str) -> list[int]:
    return [int(found) for found in _NUMBER.findall(key)]


def _stems(text: str) -> set[str]:
    return {stem(word) for word in terms(_ASIDE.sub("", text)) if not word[:1].isdigit()}


def band_opened(facts: ChangeFacts) -> BandOpened | None:
    """The band opened to the far side's option (see the module's docstring), or None."""
    if not facts.restricted:
        return None
    band = _band(facts)
    if band is None:
        return None
    low, high = band
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        if not rule.old.lstrip().startswith("|") or not rule.new.lstrip().startswith("|"):
            continue
        old_rows, new_rows = _rows(rule.old), _rows(rule.new)
        own = next(
            (row for row in new_rows if (n := _numbers(row[0])) and (min(n), max(n)) == band),
            None,
        )
        was = next(
            (
                row
                for row in old_rows
                if len(n := _numbers(row[0])) >= 2
                and min(n) <= low
                and max(n) >= high
                and (min(n), max(n)) != band
            ),
            None,
        )
        far = next(
            (row for row in new_rows if (n := _numbers(row[0])) and min(n) == high + 1),
            None,
        )
        if own is None or was is None or far is None or own in old_rows:
            # the band's row must be the split's own: one the old table had is no new band
            continue
        own_cell, far_cell = " ".join(own[1:]), " ".join(far[1:])
        gained = _stems(own_cell) - _stems(" ".join(was[1:]))
        named = gained & _stems(far_cell)
        if not named:
            continue
        clauses = [c.strip() for c in _OFFER_CUT.split(_ASIDE.sub("", own_cell)) if c.strip()]
        offer = next((c for c in clauses if _stems(c) & named), None)
        if offer is None or len(_stems(offer) & gained) < 2 or "`" in offer or "_" in offer:
            continue
        row = "| " + " | ".join(own) + " |"
        return BandOpened(float(high + 1), own[0], offer.rstrip(" ."), frozenset(named), row)
    return None


def _line_at(opened: BandOpened, text: str) -> re.Match[str] | None:
    """Where a sentence draws the line at the band's upper bound ("aged 16 and over",
    "sixteen or older", "16+")."""
    words = [word for word, value in CARDINALS.items() if value == opened.line]
    numbers = "|".join([re.escape(f"{opened.line:g}"), *words])
    return re.search(rf"\b(?:{numbers})(?:{_UPWARD})", text, re.I)


def draws_line(opened: BandOpened, text: str) -> bool:
    """Whether a KB sentence draws the line at the band's upper bound for what the band now
    gets of the far side."""
    return _line_at(opened, text) is not None and bool(_stems(text) & opened.named)


def band_opened_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    conflicts: list[Any],
    make: Callable[[int, str, tuple[str, ...]], Any],
) -> list[Any]:
    """The conflicts of an item once the opened band is read (`band_opened`): the sentences
    drawing the line the band now crosses, and no other (a sentence naming the band's old
    option stays true for it). `conflicts` unchanged for any other change."""
    opened = band_opened(facts)
    if opened is None:
        return conflicts
    reason = f"{BAND_OPENED_REASON}: {opened.row}"
    return [
        make(index, unit.text, (reason,))
        for index, unit in enumerate(item_units)
        if not unit.raw.lstrip().startswith(("#", "|")) and draws_line(opened, unit.text)
    ]


def _kept_line(opened: BandOpened, raw: str) -> str:
    """The sentence up to its line when what follows denies the band ("…, with no exceptions,
    even when a parent is racing"), else whole; its end mark kept."""
    found = _line_at(opened, raw)
    if found is None:
        return raw
    body = raw.rstrip()
    rest = body[found.end() :]
    if not _NEGATION.search(rest):
        return body
    cut = _CUT.search(rest)
    if cut is None:
        return body
    return body[: found.end()] + "."


def _added(opened: BandOpened, text: str) -> str:
    """The band's option said after the line in the sentence's own words for whom."""
    found = _line_at(opened, text)
    before = text[: found.start()] if found else ""
    who = _WHO.search(before)
    if who is not None and (
        who.group("who").lower() in STOPWORDS or who.group("who").lower() in _MODALS
    ):
        who = None  # a verb before the number ("sessions are 16 and over"), no one named
    lead = (
        who.group("who")[:1].upper() + who.group("who")[1:] + " " + (who.group("joint") or "")
        if who
        else "Those aged "
    )
    return f"{lead}{opened.key} can also join {opened.offer}."


def band_opened_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit: each sentence drawing the line keeps it and loses what it
    adds to deny the band; the band's option is said once, after the last such sentence that
    is no list item. None for any other change or an item with no such sentence."""
    opened = band_opened(facts)
    if opened is None:
        return None
    marked = set(marked_for(impact.conflicts, BAND_OPENED_REASON))
    if not marked:
        return None
    units = list(impact.units)
    hits = [unit for unit in units if unit.text in marked]
    prose = [unit for unit in hits if not re.match(r"\s*(?:[-*+]|\d+[.)])\s", unit.raw)]
    if not hits:  # the marked texts come from another split than the item's units
        return None, "Flagged for review: the sentences drawing the line stay."
    place = (prose or hits)[-1]

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        said = _kept_line(opened, unit.raw)
        if unit.text == place.text:
            said = f"{said.rstrip()} {_added(opened, unit.text)}"
        return said if said != unit.raw else Keep.UNIT

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    quoted = "; ".join(f"“{unit.text}”" for unit in hits)
    head = f"The new prompt gives one band what only those past the line had: “{opened.row}”"
    if new_body is None:
        return None, f"Flagged for review: {head}. This {impact.item.kind} says {quoted}."
    return new_body, (
        f"{head}. This {impact.item.kind} draws the line the band now crosses in {quoted}: the "
        "line stays, what denies the band goes, and the band's option is said after it."
    )
