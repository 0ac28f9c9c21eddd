"""A perk given past a line on a number a tool returns: one argument of a kept action set
otherwise from the line on (`lookup_member.months_member >= 12` now books `area
"thermal_suite"`, was `"pool_hall"`), the new prompt saying who gets what in one sentence
("Members who have been with us for 12 months or more get a free upgrade to the Thermal Suite
on every session they book.").

A KB sentence about the perk's subject (it, or a sentence beside it, names the new value) that
claims the old handling holds for everyone ("the price is the same for every member, however
long you've been with us", "every member pays the same", "whether you joined last week or ten
years ago", "for every member") or denies the perk ("We don't offer free upgrades") is no
longer true past the line (`claims_for_everyone`). The edit (`range_perk_edit`) drops those
clauses, keeps what still holds for the rest ("It's an extra £15 a visit, paid at reception on
the day."), and says the new prompt's sentence once, after the last sentence it changed. A
sentence whose claim is followed by something else it says is not rewritten (the whole edit
is refused, and the item flagged). A drafting model gets the same fact (`range_perk_fact`) and
its edit the same check (`still_for_everyone`). A flag condition (`= true`) has its own edits
(`argcase`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.argcase import changed_argument
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    kept_or_written,
    padded_cells,
    rewrite_units,
    terms,
)

RANGE_PERK_REASON = "claims the same handling for everyone; past the line it now gives"

_ASIDE = re.compile(r"\s*\([^()]*\)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_SEPARATOR = re.compile(r",\s+(?:and|but)\s+|,\s+|:\s+|;\s+|\s+[-–—]\s+")
_SAME = re.compile(
    r"\b(?:is|are|stays?|remains?)\s+the\s+same\b"
    r"|\bthe\s+same\s+(?:for|to)\s+(?:every|each|all|any)"
    r"|\b(?:every|each|all|any)(?:one|body)?\s+(?:\w+\s+)?pays?\s+the\s+same\b",
    re.I,
)
"""A clause claiming one handling for all ("the price is the same for every member", "every
member pays the same")."""
_TRAIL = re.compile(
    r"(?:,\s*|\s+)(?:however\s+(?:long|much|many|often|old)\b"
    r"|whether\s+(?:you|they|he|she|it)\b[^,;:.!?]*?\bor\b"
    r"|for\s+(?:every|each|all|any)(?:one|body|\s+(?!(?:day|session|visit|time|booking)s?\b)\w+)"
    r"|no\s+matter\b|regardless\s+of\b)[^,;:.!?]*$",
    re.I,
)
"""A clause-ending claim that the clause holds for everyone (", however long you've been with
us", " whether you joined last week or ten years ago", ", for every member")."""
_LEAD_CLAIM = re.compile(
    r"^(?:however\s+(?:long|much|many|often|old)|whether\s+\w+\b[^,;:.!?]*?\bor|no\s+matter|"
    r"regardless\s+of|for\s+(?:every|each|all|any)(?:one|body|\s+\w+))\b",
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:don't|don’t|do not|doesn't|doesn’t|does not|never|won't|won’t|will not|can't|"
    r"can’t|cannot|no longer)\b",
    re.I,
)
_VERBS = {"get", "gets", "receiv", "have", "has", "given", "give", "enjoy"}


@dataclass(frozen=True)
class RangePerk:
    """What the customers past a line now get, as the new prompt says it."""

    line: str
    """The line as the prompt writes it ("12")."""
    new_words: frozenset[str]
    """Stems of the argument's new value ("thermal", "suit")."""
    perk_words: frozenset[str]
    """Stems of what the case now gets, to the new value ("free", "upgrad", "thermal",
    "suit"): a negation before one denies the perk."""
    statement: str
    """The new prompt's sentence saying who gets what, asides out ("Members who have been with
    us for 12 months or more get a free upgrade to the Thermal Suite on every session they
    book.")."""
    rule: str
    """The new prompt sentence it comes from."""


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _stated(line: str, text: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(line)}(?![\d]|[.,]\d)", text) is not None


def _words(value: str) -> set[str]:
    return set(terms(re.sub(r"[\W_]+", " ", value)))


def range_perk(facts: ChangeFacts) -> RangePerk | None:
    """The perk of a change setting one argument of a kept action otherwise past one line on a
    number (topic tags aside), from the new prompt sentence stating the line and naming the new
    value in words; None for any other change, or when no such sentence says it plainly."""
    condition = facts.condition
    atoms = [atom for atom in (condition.atoms if condition else ()) if atom.op != "tag"]
    if len(atoms) != 1 or atoms[0].op not in (">", ">=", "<", "<="):
        return None
    value = atoms[0].value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    values = changed_argument(facts)
    if values is None:
        return None
    old, new = values
    if re.search(r"\d", old + new):
        return None
    new_words, old_words = _words(new), _words(old)
    if not new_words or not old_words or new_words & old_words:
        return None
    line = _number(float(value))
    for rule in facts.rules:
        if not rule.new:
            continue
        for sentence in _SENTENCE.split(" ".join(rule.new.split())):
            text = _ASIDE.sub("", sentence).strip()
            label, sep, body = text.partition(": ")
            if sep and not re.search(r"\d", label) and len(label.split()) <= 4:
                text = body
            if "`" in text or '"' in text or not _stated(line, text):
                continue
            said = terms(text)
            if not new_words <= set(said):
                continue
            at = max(i for i, word in enumerate(said) if word in new_words)
            start = next(
                (i + 1 for i, word in enumerate(said[:at]) if word == line or word in _VERBS),
                0,
            )
            perk = {w for w in said[start : at + 1] if w not in _VERBS and not w.isdigit()}
            statement = text[:1].upper() + text[1:]
            if statement[-1:] not in ".!":
                statement += "."
            return RangePerk(line, frozenset(new_words), frozenset(perk), statement, rule.new)
    return None


def _denies(perk: RangePerk, clause: str) -> bool:
    """Whether a clause denies the perk: a negation before a word of what the case now gets
    other than the new value's name ("We don't offer free upgrades"; not "We can't hold a
    Thermal Suite booking", which is another rule about the same thing)."""
    found = _NEGATION.search(clause)
    words = (perk.perk_words - perk.new_words) or perk.perk_words
    return found is not None and bool(words & set(terms(clause[found.end() :])))


def _whole_claim(perk: RangePerk, clause: str) -> bool:
    """A clause that says nothing but a claim for everyone or a denial of the perk."""
    return (
        _SAME.search(clause) is not None
        or _denies(perk, clause)
        or _LEAD_CLAIM.match(clause.strip()) is not None
    )


def _clauses(text: str) -> list[tuple[str, str]]:
    """(clause, separator after it) of a sentence without its end mark."""
    found, cursor = [], 0
    for mark in _SEPARATOR.finditer(text):
        found.append((text[cursor : mark.start()], mark.group()))
        cursor = mark.end()
    found.append((text[cursor:], ""))
    return found


def without_claims(perk: RangePerk, text: str) -> str | None:
    """`text` (a sentence, or a table cell, without its end mark) without its claims for
    everyone and denials of the perk: "" when nothing else is left; None when it makes none,
    or when something else follows a claim (no confident cut)."""
    clauses = _clauses(text)
    kept: list[tuple[str, str]] = []
    claimed = False
    for clause, separator in clauses:
        if claimed:
            if not _whole_claim(perk, clause) and _TRAIL.search(" " + clause) is None:
                return None
            continue
        if _whole_claim(perk, clause):
            claimed = True
            continue
        trail = _TRAIL.search(clause)
        if trail is not None:
            clause = clause[: trail.start()]
            claimed = True
            if not clause.strip():
                continue
        kept.append((clause, separator))
    if not claimed:
        return None
    if not kept:
        return ""
    return "".join(c + s for c, s in kept[:-1]) + kept[-1][0]


def _context(units: Sequence[Unit], index: int) -> str:
    return " ".join(units[i].text for i in (index - 1, index, index + 1) if 0 <= i < len(units))


def claims_for_everyone(perk: RangePerk, units: Sequence[Unit], index: int) -> bool:
    """Whether unit `index` claims the old handling for everyone, or denies the perk, about the
    perk's subject (it or a unit beside it names the new value), without stating the line."""
    text = units[index].text
    if text.lstrip().startswith("#") or _stated(perk.line, text):
        return False
    if not perk.new_words <= set(terms(_context(units, index))):
        return False
    if text.startswith("|"):
        return any(without_claims(perk, cell.strip()) for cell in text.strip("|").split("|"))
    return without_claims(perk, text.rstrip().rstrip(".!?")) is not None


def range_perk_conflicts(
    facts: ChangeFacts, item_units: Sequence[Unit], found: list[Any], make: Callable[..., Any]
) -> list[Any]:
    """`found` with the units claiming the same handling for everyone about a perk given past
    a line marked (`RANGE_PERK_REASON`)."""
    perk = range_perk(facts)
    if perk is None:
        return found
    result = list(found)
    taken = {c.unit_index: i for i, c in enumerate(result)}
    for index, unit in enumerate(item_units):
        if not claims_for_everyone(perk, item_units, index):
            continue
        if index in taken:
            old = result[taken[index]]
            if RANGE_PERK_REASON not in old.reasons:
                result[taken[index]] = make(index, unit.text, (*old.reasons, RANGE_PERK_REASON))
        else:
            result.append(make(index, unit.text, (RANGE_PERK_REASON,)))
    result.sort(key=lambda c: c.unit_index)
    return result


def _row(perk: RangePerk, raw: str) -> str | Keep:
    cells = padded_cells(raw)
    out = []
    for cell in cells:
        cut = without_claims(perk, cell.strip())
        if cut == "":
            return Keep.BLOCK
        if cut is None:
            out.append(cell)
        else:
            lead = cell[: len(cell) - len(cell.lstrip())]
            trail = cell[len(cell.rstrip()) :]
            out.append(f"{lead}{cut}{trail}")
    return "|" + "|".join(out) + "|"


def range_perk_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str, str] | None:
    """The template drafter's edit for a perk given past a line: each marked sentence without
    its claims for everyone (a sentence left empty goes), each marked row without its claim,
    and the new prompt's sentence once, after the last marked sentence. None when the item has
    no marked sentence outside a table, or a claim cannot be cut confidently."""
    perk = range_perk(facts)
    if perk is None:
        return None
    marked = [c.sentence for c in impact.conflicts if RANGE_PERK_REASON in c.reasons]
    sentences = [s for s in marked if not s.startswith("|")]
    if not sentences:
        return None
    last = sentences[-1]

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        if unit.text.startswith("|"):
            return _row(perk, unit.raw)
        body = unit.raw.rstrip()
        cut = without_claims(perk, body.rstrip(".!?"))
        if cut is None:
            return Keep.BLOCK
        said = f"{cut.rstrip(' ,;:')}." if cut.strip() else ""
        if unit.text == last:
            said = f"{said} {perk.statement}".strip()
        return said

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None:
        return None
    noun = impact.item.kind
    rationale = (
        f"The new prompt says {perk.rule!r}; past that line the agent now does this, and "
        f"everyone else gets the same as before. This {noun} still says "
        + ", ".join(repr(s) for s in marked)
        + " for everyone. The edit drops those claims, keeps what still holds for the rest, "
        "and says who now gets what, once; everything else is kept."
    )
    return new_body, rationale


def range_perk_fact(facts: ChangeFacts) -> str | None:
    """The fact a drafting model gets for a perk given past a line."""
    perk = range_perk(facts)
    if perk is None:
        return None
    return (
        f"Only some customers get this, from a line on: {perk.statement} Everyone else gets "
        "the same as before. A KB sentence saying the old handling is the same for everyone "
        '("however long", "whether you … or …", "for every …", "every … pays the same") or '
        "that this is never offered must lose that claim, keep what still holds for the "
        "others, and say who now gets what."
    )


def still_for_everyone(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body, kept from the conflicts or written, that still claim
    the same handling for everyone, or deny the perk, for a perk given past a line: what no
    drafter's edit may say."""
    perk = range_perk(facts)
    if perk is None:
        return []
    written = kept_or_written(conflicts, old_body, new_body, body_format)
    return [
        unit.text for index, unit in enumerate(written) if claims_for_everyone(perk, written, index)
    ]
