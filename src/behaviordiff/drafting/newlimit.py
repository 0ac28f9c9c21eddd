"""A limit put on a count where there was none: the old prompt took "the number of bottles the
customer asks for"; the new one says "Reaper Reserve pre-orders are limited to 2 bottles per
customer, …", and the change's condition draws the line there (`quantity > 2`).

KB text saying there is no limit on that subject is wrong: a sentence claiming none ("There's
no cap on how many bottles you can pre-order"), a short answer to a question about it ("How
many bottles can I pre-order?" / "As many as you like."), and a table cell saying so in the
subject's row ("| Reaper Reserve (pre-order) | … | No maximum |"). A sentence right after such
a claim giving a count past the new limit as an example ("Lots of people order a case of 12 to
share with friends.") goes with it. The same claim about a subject the new prompt still leaves
unlimited ("Place core range and gift set orders …; there is no limit on how many …": a row
"| Core range | … | No maximum |") stays.

The template drafter says the limit in each one's place (`new_limit_edit`): the prompt's own
sentence where it states a fact (no tool, no instruction), "Up to 2 bottles per customer." for
an answer, "2 per customer" for a cell; a drafting model gets the same fact (`new_limit_fact`)
and its edit still claiming no limit is refused (`still_unlimited`). Pure text helpers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.answers import asked
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impactview import ImpactView, marked_for
from behaviordiff.drafting.rules import declarative
from behaviordiff.drafting.text import (
    IMPERATIVE_VERBS,
    Keep,
    Unit,
    cell_quote,
    cell_text_spans,
    plain_text,
    rewrite_units,
    row_cells,
    stem,
    terms,
    units,
)

NEW_LIMIT_REASON = "says there is no limit, where the new prompt sets one"
"""Starts the reason a KB unit gets from `new_limit_reasons`."""
EXAMPLE_PAST_REASON = "gives a count past the new limit as an example"

_WORDS = {word: n for word, n in CARDINALS.items() if isinstance(n, int) and n <= 20}
_NUMBER = r"\d{1,3}|" + "|".join(sorted(_WORDS, key=len, reverse=True))
_LIMIT = re.compile(
    r"\b(?:limited\s+to|up\s+to|no\s+more\s+than|a\s+maximum\s+of|maximum\s+of|at\s+most|"
    r"capped\s+at)\s+(?P<n>" + _NUMBER + r")\s+(?P<noun>[a-z][a-z-]{1,30})"
    r"(?P<per>\s+(?:per|each|a)\s+(?:customer|person|household|member|order|booking|account))?",
    re.I,
)
"""The limit a new prompt sentence states: "limited to 2 bottles per customer"."""
NO_LIMIT = re.compile(
    r"\bno\s+(?:cap|limit|maximum|max|upper\s+limit|restriction)s?\b"
    r"|\bas\s+many\s+(?:[a-z]+\s+)?as\s+(?:you|they)\s+(?:like|want|need|wish|please)\b"
    r"|\bunlimited\b|\bwhatever\s+(?:quantity|number|amount)\b"
    r"|\b(?:any|however\s+many)\s+(?:number|quantity)\b|\bas\s+(?:much|many)\s+as\s+you\s+like\b",
    re.I,
)
"""A claim that there is no limit on a count, in a KB's words."""
_COUNT = re.compile(r"(?<![\d.,£$€])(?P<n>\d{1,4})(?![\d.,%]|\s*(?:%|am|pm|p\.m|a\.m))")
_GENERIC = frozenset(
    stem(word)
    for word in (
        "limited", "limit", "customer", "customers", "person", "per", "each", "bottle",
        "bottles", "are", "is", "so", "that", "everyone", "gets", "chance", "order", "orders",
        "the", "they", "them", "many", "how", "number", "there", "no",
    )
)  # fmt: skip


@dataclass(frozen=True)
class NewLimit:
    """A limit the new prompt puts on a count the old one left open."""

    rule: Rule
    count: int
    noun: str
    """What is counted, as the prompt says it ("bottles")."""
    per: str
    """Whom it is per, as the prompt says it (" per customer"), or ""."""
    subject: frozenset[str]
    """Stems of what the limit is on ("reaper", "reserv", "pre", "order")."""
    unlimited: frozenset[str]
    """Stems of the subjects the new prompt still says have no limit ("core", "range")."""

    def answer(self) -> str:
        return f"Up to {self.count} {self.noun}{self.per}."

    def cell(self, like: str) -> str:
        said = f"{self.count}{self.per}" if self.per else f"Up to {self.count}"
        return said[:1].upper() + said[1:] if like[:1].isupper() else said

    def sentence(self) -> str | None:
        """The prompt's sentence when it states a fact in a KB's words (no tool, no field, no
        instruction to the agent)."""
        text = " ".join(str(self.rule.new).split())
        if any(mark in text for mark in "`{_") or _INSTRUCTION.search(text):
            return None
        first = text.split(" ", 1)[0]
        named = first[:1].isupper() and first.lower() not in IMPERATIVE_VERBS
        return text if declarative(text) or named else None


_INSTRUCTION = re.compile(
    r"\b(?:tell|explain|ask|offer|say|call|don't|do not|never|make sure)\b", re.I
)
"""Words of an instruction to the agent: a sentence holding one is no KB sentence."""


def _stems(text: str) -> frozenset[str]:
    return frozenset(terms(text))


def _count(text: str) -> int | None:
    return int(text) if text.isdigit() else _WORDS.get(text.lower())


def _bounds(facts: ChangeFacts) -> set[float]:
    bounds: set[float] = set()
    for condition in facts.conditions[:1]:
        for atom in condition.atoms:
            values: list[object] = [atom.low, atom.high]
            if atom.op in (">", ">=", "<", "<="):
                values.append(atom.value)
            bounds |= {float(v) for v in values if isinstance(v, int | float)}
    return bounds


@once_per_change
def new_limit(facts: ChangeFacts) -> NewLimit | None:
    """The limit a changed prompt sentence now states on a count its old text left open, at
    the line the change's condition draws; None for any other change."""
    bounds = _bounds(facts)
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        new = " ".join(str(rule.new).split())
        found = _LIMIT.search(new)
        if found is None or (count := _count(found["n"])) is None:
            continue
        if float(count) not in bounds or _LIMIT.search(str(rule.old)):
            continue  # not the change's line, or a limit the old sentence had too
        if re.search(rf"(?<![\d.]){count}(?![\d.])", str(rule.old)):
            continue
        subject = _stems(new[: found.start()]) - _GENERIC
        if not subject:
            continue
        unlimited: set[str] = set()
        for other in facts.rules:
            if other is rule or not other.new or not NO_LIMIT.search(str(other.new)):
                continue
            unlimited |= _stems(str(other.new)) - _stems(new) - _GENERIC
        return NewLimit(
            rule,
            count,
            found["noun"],
            found["per"] or "",
            frozenset(subject),
            frozenset(unlimited),
        )
    return None


def _about(limit: NewLimit, text: str) -> bool:
    said = _stems(text)
    return bool(said & limit.subject) and not said & limit.unlimited


def new_limit_reasons(
    limit: NewLimit, title: str, item_units: Sequence[Unit], taken: set[int]
) -> dict[int, str]:
    """The units of an item that say there is no limit on the limited subject, by index, with
    the reason: a claim naming the subject (or under a title or question naming it), a row
    keyed by it with a cell saying so, and a count past the limit given right after such a
    claim as an example."""
    found: dict[int, str] = {}
    title_about = _about(limit, title)
    for index, unit in enumerate(item_units):
        if index in taken:
            continue
        text = unit.text
        if text.lstrip().startswith("#") or not NO_LIMIT.search(text):
            continue
        if text.lstrip().startswith("|"):
            cells = [cell.strip() for cell in text.strip().strip("|").split("|")]
            if len(cells) >= 2 and _about(limit, cells[0]):
                found[index] = f"{NEW_LIMIT_REASON}: {_quote(limit)}"
            continue
        question = asked(item_units, index)
        if (
            _about(limit, text)
            or (question is not None and _about(limit, question))
            or (title_about and not _stems(text) & limit.unlimited)
        ):
            found[index] = f"{NEW_LIMIT_REASON}: {_quote(limit)}"
    for index in sorted(found):
        after = index + 1
        if after >= len(item_units) or after in taken or after in found:
            continue
        text = item_units[after].text
        if text.lstrip().startswith(("#", "|", "-", "*")) or "?" in text:
            continue
        counts = [int(m["n"]) for m in _COUNT.finditer(text)]
        if counts and all(n > limit.count for n in counts) and not re.search(r"[£$€]", text):
            found[after] = f"{EXAMPLE_PAST_REASON} ({limit.count} at most now)"
    return found


def _quote(limit: NewLimit) -> str:
    return f"the new prompt says “{' '.join(str(limit.rule.new).split())}”"


def new_limit_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item with the limit said where it says there is none; a claim no rewrite can say
    it in flags the item (body None). None when the change sets no new limit or the item
    claims none."""
    limit = new_limit(facts)
    if limit is None:
        return None
    claims = set(marked_for(impact.conflicts, NEW_LIMIT_REASON))
    examples = set(marked_for(impact.conflicts, EXAMPLE_PAST_REASON))
    if not claims:
        return None
    item_units = list(impact.units)
    at: dict[str, int] = {}
    for index, unit in enumerate(item_units):
        at.setdefault(unit.text, index)
    said_sentence = limit.sentence()
    failed: list[str] = []

    def pick(unit: Unit) -> str | Keep:
        if unit.text in examples:
            return ""
        if unit.text not in claims:
            return Keep.UNIT
        raw = unit.raw.rstrip()
        if raw.lstrip().startswith("|"):
            return _row(limit, raw) or _fail(unit)
        index = at.get(unit.text)
        if index is not None and asked(item_units, index) is not None:
            return limit.answer()
        if said_sentence is None or raw.lstrip().startswith(("-", "*", "+")):
            return _fail(unit)
        return said_sentence

    def _fail(unit: Unit) -> Keep:
        failed.append(unit.text)
        return Keep.BLOCK

    new_body = rewrite_units(impact.item.body, impact.item.body_format, pick)
    noun = impact.item.kind
    quoted = "; ".join(f"“{c}”" for c in [*claims, *examples])
    head = f"The new prompt sets a limit of {limit.count} {limit.noun}{limit.per}"
    if new_body is None or failed:
        return None, (
            f"Flagged for review: {head} (“{' '.join(str(limit.rule.new).split())}”); this "
            f"{noun} says there is none in {quoted}, and no safe rewrite says the limit there."
        )
    return new_body, (
        f"{head} (“{' '.join(str(limit.rule.new).split())}”); this {noun} says there is none "
        f"in {quoted}. The edit says the limit there"
        + (", drops the example past it," if examples else "")
        + f" and keeps everything else in the {noun}."
    )


def _row(limit: NewLimit, raw: str) -> str | None:
    """`raw` with its first cell after the key that says there is no limit saying the limit,
    its padding kept."""
    for start, end in cell_text_spans(raw)[1:]:
        if NO_LIMIT.search(raw[start:end]):
            return f"{raw[:start]}{limit.cell(raw[start:end])}{raw[end:]}"
    return None


def new_limit_fact(facts: ChangeFacts) -> str | None:
    """The fact a drafting model is given: the new limit, and that no KB text may say there
    is none on that subject."""
    limit = new_limit(facts)
    if limit is None:
        return None
    rule = " ".join(str(limit.rule.new).split())
    return (
        f"The new prompt sets a limit where there was none: “{rule}”"
        f" ({limit.count} {limit.noun}{limit.per}). Any sentence, answer or table cell saying "
        "there is no limit on it must say the limit instead."
    )


def still_unlimited(facts: ChangeFacts, body: str, body_format: str, title: str) -> list[str]:
    """The units of an edited body that still say there is no limit on the limited subject."""
    limit = new_limit(facts)
    if limit is None:
        return []
    item_units = units(plain_text(body, body_format))
    found = new_limit_reasons(limit, title, item_units, set())
    return [
        item_units[index].text
        for index, reason in found.items()
        if reason.startswith(NEW_LIMIT_REASON)
    ]


def limit_row_quote(header: str, row: str) -> str | None:
    """What a note quotes of a row saying there is no limit: its first cell and the cell
    saying so, each after its column's name ("Range: Reaper Reserve (pre-order); How many you
    can order: No maximum"), never the other columns' values; None when the header has
    another number of cells or no cell says so."""
    cells = row_cells(row)
    said = [index for index, cell in enumerate(cells[1:], start=1) if NO_LIMIT.search(cell)]
    return cell_quote(header, row, said[0]) if len(said) == 1 else None
