"""An offer withdrawn for one value at the end of a range the old prompt gave it over: the old
prompt said "Available Monday to Saturday: … (on Saturdays, collect from 12:30pm …)", the new
one "Available Monday to Friday only: …" and says it no longer offers it on the dropped value
("We no longer offer express same-day binding on Saturdays."); the change's condition names
the dropped value (`day = saturday`) beside the offer (`service = express`).

The KB says the offer holds on every value, the dropped one included ("any day we're open,
Saturdays included", "even on a Saturday", a cell "Monday to Saturday"), or gives the dropped
value its own handling ("…, or from half past twelve if you're coming in on a Saturday, as we
shut at 1pm", a cell's "from 12:30pm on a Saturday"). In a unit about the offer (naming it, or
in an item titled for it), each claim for every value is said as the new range ("Monday to
Friday"), in place; a clause giving the dropped value its own handling goes, with a clause
following from it ("as we shut at 1pm"), and where no claim was said as the range the new
prompt's own sentence saying the offer is withdrawn there follows, once. Table rows stay rows,
their other cells byte for byte. The same words about another offer ("We print while you wait,
any day we're open, Saturdays included"), the range of an offer that still holds on the dropped
value (a standard row's "Monday to Saturday") and opening hours stay.

Pure text helpers: `impact` marks the units (`narrowed_range_conflicts`), the template drafter
rewrites them (`narrowed_range_edit`), a drafting model is told the same
(`narrowed_range_fact`) and its edit that keeps one is refused the same way (`still_ranged`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.grants import DENIES, stems_of
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.promptrule import voiced
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    cell_text_spans,
    last_marked_prose,
    plain_text,
    rewrite_units,
    units,
    with_sentence_after,
)

NARROWED_RANGE_REASON = "says the offer holds on a value the new prompt withdraws it on"

_RANGE = re.compile(
    r"\b(?P<first>[A-Za-z]{2,20})\s+(?:to|through|until|till|[-–—])\s+(?P<last>[A-Za-z]{2,20})\b"
)
"""A range of named values ("Monday to Saturday", "Mon–Fri")."""
_CLAUSE_SPLIT = re.compile(r",(?!\d)")
_FOLLOWS = re.compile(r"^\s*(?:as|because|since|so|when|while|which)\b", re.I)
"""A clause following from the one before it ("as we shut at 1pm")."""
_NO_LONGER = re.compile(r"\bno\s+longer\b", re.I)
_SHARED = 2
_RANGE_WORDS = frozenset(stems_of("to through until till available only on the a an and or"))


@dataclass(frozen=True)
class NarrowedRange:
    """An offer the new prompt withdraws for the last (or first) value of its range."""

    dropped: str
    """The value withdrawn, as the old prompt writes it ("Saturday")."""
    old_range: str
    """"Monday to Saturday"."""
    new_range: str
    """"Monday to Friday"."""
    offer: frozenset[str]
    """Stems naming the offer ({"express"}): a unit about it names them (or its item's title
    does)."""
    denial: str
    """The new prompt's sentence saying the offer is withdrawn on the dropped value, in the
    KB's voice ("We no longer offer express same-day binding on Saturdays.")."""
    rule_words: frozenset[str]
    """Stems the old rule says beside the dropped value ("4pm", "1pm", "close"): a unit not
    naming the offer, in an item titled for it, is about the offer only when it says two."""
    claim: re.Pattern[str]
    """What claims the offer for every value, the dropped one included."""
    named: re.Pattern[str]
    """The dropped value, named ("Saturday", "Saturdays")."""


def _values(atom: Any) -> list[str]:
    given = atom.value if isinstance(atom.value, tuple) else (atom.value,)
    return [value for value in given if isinstance(value, str)]


def _claim_pattern(dropped: str, kind: str, kept: str) -> re.Pattern[str]:
    """What claims the offer on every value, `dropped` included: "any day (we're open)(,
    Saturdays included)", "Saturdays included", "including Saturdays", "even on a Saturday",
    the old range however dashed ("Monday to Saturday", "Monday–Saturday"), "seven days a
    week"."""
    value = rf"(?:an?\s+)?{re.escape(dropped)}s?"
    every = (
        rf"\b(?:any|every)\s+{re.escape(kind)}"
        r"(?:\s+(?:(?:that\s+)?we(?:'re|’re|\s+are)\s+open|of\s+the\s+(?:week|year|season)))?"
        rf"(?:,?\s+(?:{value}\s+included|including\s+{value}))?"
    )
    ends = (re.escape(kept), rf"{re.escape(dropped)}s?")
    dash = r"\s*(?:\bto\b|\bthrough\b|\buntil\b|\btill\b|[-–—])\s*"
    ranged = rf"\b{ends[0]}{dash}{ends[1]}\b|\b{ends[1]}{dash}{ends[0]}\b"
    return re.compile(
        rf"{every}|\b{value}\s+included\b|\bincluding\s+{value}\b"
        rf"|\beven\s+(?:on|in)\s+{value}\b|{ranged}|\b(?:seven|7)\s+days\s+a\s+week\b",
        re.I,
    )


def narrowed_range(facts: ChangeFacts) -> NarrowedRange | None:
    """The offer a change withdraws for one end of the range the old prompt gave it over, or
    None: a changed prompt rule's range loses the value ("Monday to Saturday" → "Monday to
    Friday"), the condition names that value with another category value naming the offer
    (`day = saturday`, `service = express`), and a new rule says the offer is withdrawn
    there in words a KB can say."""
    condition = facts.condition
    if condition is None:
        return None
    atoms = [atom for atom in condition.atoms if atom.op in ("=", "in") and _values(atom)]
    for rule in facts.rules:
        if not rule.old or not rule.new:
            continue
        for old in _RANGE.finditer(rule.old):
            for new in _RANGE.finditer(rule.new):
                same_first = old["first"].lower() == new["first"].lower()
                same_last = old["last"].lower() == new["last"].lower()
                if same_first == same_last:
                    continue
                # the end the new range moved is the value dropped; the other is kept
                ends = ("last", "first") if same_first else ("first", "last")
                found = _narrowed(facts, atoms, old, new, rule.old, ends)
                if found is not None:
                    return found
    return None


def _narrowed(
    facts: ChangeFacts,
    atoms: Sequence[Any],
    old: re.Match[str],
    new: re.Match[str],
    rule_old: str,
    ends: tuple[str, str],
) -> NarrowedRange | None:
    dropped, kept = old[ends[0]], old[ends[1]]
    held = [a for a in atoms if any(stems_of(v) == stems_of(dropped) for v in _values(a))]
    if len(held) != 1:
        return None
    offer: set[str] = set()
    for atom in atoms:
        if atom is not held[0]:
            offer |= {word for value in _values(atom) for word in stems_of(value.replace("_", " "))}
    if not offer:
        return None
    named = re.compile(rf"\b{re.escape(dropped)}s?\b", re.I)
    denial = None
    for rule in facts.rules:
        for sentence in re.split(r"(?<=[.!?])\s+", rule.new or ""):
            if not (named.search(sentence) and offer <= stems_of(sentence)):
                continue
            if not (_NO_LONGER.search(sentence) or DENIES.search(sentence)):
                continue
            said = voiced(sentence)
            if said is None or said.head or "`" in said.statement or "_" in said.statement:
                continue
            denial = said.sentence
            if _NO_LONGER.search(sentence):
                break
        if denial is not None and _NO_LONGER.search(denial):
            break
    if denial is None:
        return None
    kind_words = re.sub(r"[_.]+", " ", held[0].feature.split(".")[-1]).split()
    kind = kind_words[-1] if kind_words else ""
    return NarrowedRange(
        dropped=dropped,
        old_range=old.group(0),
        new_range=new.group(0),
        offer=frozenset(offer),
        denial=denial,
        rule_words=frozenset(
            stems_of(rule_old) - stems_of(f"{old.group(0)} {kind}") - offer - _RANGE_WORDS
        ),
        claim=_claim_pattern(dropped, kind or "day", kept),
        named=named,
    )


def _about_offer(ranged: NarrowedRange, text: str, title: str) -> bool:
    """Whether a unit names the offer, or is in an item titled for it and says something the
    old rule says beside the dropped value, two words of it ("ready from 4pm, … as we shut at
    1pm" in "Express booked"; "The café opens at noon on Sundays" shares one)."""
    said = stems_of(text)
    if ranged.offer <= said:
        return True
    return ranged.offer <= stems_of(title) and len(said & ranged.rule_words) >= _SHARED


def says_old_range(ranged: NarrowedRange, text: str, title: str = "") -> bool:
    """Whether a unit about the offer claims it on every value or gives the dropped value its
    own handling, denying nothing; never a heading."""
    if text.lstrip().startswith("#") or DENIES.search(text) or _NO_LONGER.search(text):
        return False
    if not _about_offer(ranged, text, title):
        return False
    return bool(ranged.claim.search(text) or ranged.named.search(text))


def _marked(ranged: NarrowedRange, item_units: Sequence[Unit], title: str) -> list[int]:
    return [
        index
        for index, unit in enumerate(item_units)
        if says_old_range(ranged, unit.text, title)
        and (not unit.text.lstrip().startswith("|") or _about_offer(ranged, unit.text, ""))
    ]


def narrowed_range_conflicts(
    facts: ChangeFacts,
    item_units: list[Unit],
    found: list[Any],
    make: Callable[..., Any],
    title: str = "",
) -> list[Any]:
    """For an offer withdrawn on one value of its range (`narrowed_range`), the units of an
    item about it that claim it on every value or give that value its own handling, in place
    of `found` (what the item says of the offer on the other values still holds); `found`
    when the item has none."""
    ranged = narrowed_range(facts)
    if ranged is None:
        return found
    marked = _marked(ranged, item_units, title)
    if not marked:
        return found
    return [make(index, item_units[index].text, (NARROWED_RANGE_REASON,)) for index in marked]


def _as_range(ranged: NarrowedRange, text: str) -> str:
    """`text` with its first claim for every value said as the new range and any later one
    gone with the comma or space before it ("every month of the season, even in October" →
    "April to September")."""
    out: list[str] = []
    at = 0
    for index, found in enumerate(ranged.claim.finditer(text)):
        before = text[at : found.start()]
        if index:
            before = before.rstrip(" ,\n")
        out.append(before)
        if not index:
            out.append(ranged.new_range)
        at = found.end()
    out.append(text[at:])
    return "".join(out)


def _without_dropped(ranged: NarrowedRange, text: str) -> str | None:
    """`text` (a sentence body or a cell) with its claims for every value said as the new
    range, and the clauses naming the dropped value gone with a clause following from one;
    None when its first clause names it."""
    said = _as_range(ranged, text)
    if not ranged.named.search(said):
        return said
    body = said.rstrip()
    # the trailing stops, found from the end (a search would try every run of them)
    end = body[len(body.rstrip(".!")) :]
    body = body[: len(body) - len(end)]
    clauses = _CLAUSE_SPLIT.split(body)
    if ranged.named.search(clauses[0]):
        return None
    kept = [clauses[0]]
    dropping = False
    for clause in clauses[1:]:
        if ranged.named.search(clause):
            dropping = True
            continue
        if dropping and _FOLLOWS.match(clause):
            continue
        dropping = False
        kept.append(clause)
    return ",".join(kept) + end + said[len(said.rstrip()) :]


def _row(ranged: NarrowedRange, raw: str) -> str | None:
    """A row with each cell claiming every value said as the new range and each cell's
    clauses naming the dropped value gone, padding and other cells byte for byte; None when a
    cell would be left empty."""
    line = raw.rstrip("\n")
    out, at = [], 0
    for start, end in cell_text_spans(line):
        cell = line[start:end]
        said = _without_dropped(ranged, cell)
        if said is None or not said.strip():
            return None
        out.append(line[at:start] + said.strip())
        at = end
    return "".join(out) + line[at:] + raw[len(line) :]


def narrowed_body(
    ranged: NarrowedRange, body: str, body_format: str, marked: set[str]
) -> str | None:
    """`body` with the units of `marked` said for the new range (`_without_dropped`, `_row`),
    the new prompt's sentence saying the offer is withdrawn on the dropped value after the
    last one that only lost a clause, when no unit says the new range; every other byte kept.
    None when one cannot be said."""
    text = plain_text(body, body_format)
    said_range = (
        any(unit.text in marked and ranged.claim.search(unit.text) for unit in units(text))
        or ranged.new_range.lower() in text.lower()
    )
    last_dropped = last_marked_prose(text, marked)

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        if unit.raw.lstrip().startswith("|"):
            row = _row(ranged, unit.raw)
            return Keep.BLOCK if row is None else row
        said = _without_dropped(ranged, unit.raw)
        if said is None:
            return Keep.BLOCK
        if not said_range and unit.start == last_dropped:
            said = with_sentence_after(said, ranged.denial)
        return said

    return rewrite_units(body, body_format, pick)


def narrowed_range_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit for an offer withdrawn on one value of its range: the
    item's units claiming it there said for the new range (`narrowed_body`), or a flag with the
    reason when one cannot be. None when the change withdraws no such offer or the item says
    none of it."""
    ranged = narrowed_range(facts)
    if ranged is None:
        return None
    marked = {c.sentence for c in impact.conflicts if NARROWED_RANGE_REASON in c.reasons}
    if not marked:
        return None
    item = impact.item
    noun = item.kind
    order = [unit.text for unit in impact.units if unit.text in marked]
    quoted = "; ".join(f"“{sentence}”" for sentence in order)
    new_body = narrowed_body(ranged, item.body, item.body_format, marked)
    if new_body is None:
        return None, (
            f"Flagged for review: the new prompt no longer offers it on {ranged.dropped} "
            f"({ranged.new_range} now, not {ranged.old_range}); no safe rewrite takes "
            f"{ranged.dropped} out of {quoted}."
        )
    return new_body, (
        f"The new prompt narrows the offer from {ranged.old_range} to {ranged.new_range}: "
        f"“{ranged.denial}” This {noun} still says it holds on {ranged.dropped} in {quoted}. "
        f"The edit says {ranged.new_range} where it claimed every value, drops what it said "
        f"of {ranged.dropped} alone (saying once that it is no longer offered then, where "
        f"the {noun} says {ranged.new_range} nowhere), and keeps everything else."
    )


def still_ranged(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The units of an edited body, naming the offer, that still claim it on every value or
    give the dropped value its own handling: what no drafter's edit may keep."""
    ranged = narrowed_range(facts)
    if ranged is None:
        return []
    body_units = units(plain_text(body, body_format))
    return [body_units[index].text for index in _marked(ranged, body_units, "")]


def narrowed_range_fact(facts: ChangeFacts) -> str | None:
    """The offer withdrawn on one value of its range, as a drafting model is told it."""
    ranged = narrowed_range(facts)
    if ranged is None:
        return None
    return (
        f"the offer now runs {ranged.new_range}, not {ranged.old_range}: “{ranged.denial}” "
        f"Text about the offer claiming it on every day or value, {ranged.dropped} included "
        f"(“any day we're open, {ranged.dropped}s included”, “even on a {ranged.dropped}”, a "
        f"cell “{ranged.old_range}”), says “{ranged.new_range}” there in the item's own "
        f"words; what it says {ranged.dropped} alone gets goes, and the item then says once "
        f"“{ranged.denial}” if it says {ranged.new_range} nowhere. Table rows stay rows; the "
        "same words about other offers, and ranges of offers that still hold, stay"
    )
