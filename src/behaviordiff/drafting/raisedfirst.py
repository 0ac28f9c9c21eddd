"""A free allowance the prompt raised, said as the first N of a thing: "The first refinement is
free" became "The first two refinements are free" (a bare "first" counts one), and the change's
condition is the counts the allowance now also covers (`1 < refinement_number <= 2`). A KB
sentence giving the old allowance of the same thing as free ("Your first refinement is on us",
a row "| Refinements | First one free, then £150 each |") gives the new one, its noun and verb
agreeing ("Your first two refinements are on us", "First two free"). The first of another thing
("First set free" in a retainers row) is kept.

Pure text helpers: `impact` marks the sentences (`raised_first_conflicts`), the template
drafter rewrites them (`raised_first_edit`), a drafting model gets the same fact
(`raised_first_fact`) and its edit the same check (`still_old_first`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.freewords import FREE_IN_OTHER_WORDS
from behaviordiff.drafting.impactview import ImpactView, marked_edit
from behaviordiff.drafting.loweredcount import _root, _same
from behaviordiff.drafting.text import Unit, still_saying

RAISED_REASON = "gives the old count of a free allowance the new prompt raised"

_WORDS = {n: word for word, n in CARDINALS.items() if n <= 20}
_COUNTS = "|".join(sorted((w for w, n in CARDINALS.items() if n <= 20), key=len, reverse=True))
_FIRST = re.compile(
    rf"(?<![\w-])(?P<first>first)\s+(?:(?P<n>\d{{1,2}}|{_COUNTS})\s+)?(?P<noun>[A-Za-z][\w'’-]*)",
    re.I,
)
""""first", an optional count, and the word after it ("first two refinements", "first one")."""
_FREE = re.compile(rf"\bfree\b|{FREE_IN_OTHER_WORDS}", re.I)
_PLURALS = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't"}
_VERB = re.compile(r"(?<![\w'’])(?:is|was|has|does|isn't)(?![\w'’])", re.I)
_CLAUSE_END = re.compile(r"[,;:.!?()]|\b(?:and|but|then)\b")
_REACH = 80
_FREE_CLAUSE_END = re.compile(r"[;.!?]|\b(?:but|then|after|except)\b", re.I)
_MAX_SCAN = 4000
"""How much of a unit is read: a bounded window keeps hostile text linear."""


@dataclass(frozen=True)
class RaisedFirst:
    """A free allowance a changed prompt sentence raised from the first `old` to the first `new`
    of the thing `head` names."""

    rule: Rule
    old: int
    new: int
    head: str


def _count_of(number: str) -> int:
    lowered = number.lower()
    return int(lowered) if lowered.isdigit() else CARDINALS.get(lowered, 0)


def _count(found: re.Match[str]) -> int:
    return _count_of(found["n"]) if found["n"] else 1


def _interval(atoms: Sequence[Any]) -> dict[str, tuple[float, float]]:
    """The whole counts [low, high] each numeric variable of `atoms` is held to."""
    held: dict[str, tuple[float, float]] = {}
    for atom in atoms:
        low, high = held.get(atom.feature, (-math.inf, math.inf))
        value = atom.value
        if atom.op == "between" and isinstance(atom.low, int | float):
            low = max(low, atom.low if atom.low_inclusive else math.floor(atom.low) + 1)
            if isinstance(atom.high, int | float):
                high = min(high, atom.high if atom.high_inclusive else math.ceil(atom.high) - 1)
        elif not isinstance(value, int | float) or isinstance(value, bool):
            continue
        elif atom.op == "=":
            low, high = max(low, value), min(high, value)
        elif atom.op in (">", ">="):
            low = max(low, value if atom.op == ">=" else math.floor(value) + 1)
        elif atom.op in ("<", "<="):
            high = min(high, value if atom.op == "<=" else math.ceil(value) - 1)
        else:
            continue
        held[atom.feature] = (low, high)
    return held


def _bands(facts: ChangeFacts) -> set[tuple[float, float]]:
    """The whole counts [low, high] a condition of the change holds one variable to, each
    condition read alone and all of them together."""
    conditions = [list(condition.atoms) for condition in facts.conditions]
    readings = [*conditions, [atom for atoms in conditions for atom in atoms]]
    return {
        (low, high)
        for atoms in readings
        for low, high in _interval(atoms).values()
        if math.isfinite(low) and math.isfinite(high) and low <= high
    }


@once_per_change
def raised_first(facts: ChangeFacts) -> RaisedFirst | None:
    """The "first N" allowance a changed prompt sentence raised, when the change's condition is
    exactly the counts it now also covers; None otherwise."""
    bands = _bands(facts)
    if not bands:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        olds = list(_FIRST.finditer(rule.old[:_MAX_SCAN]))
        news = list(_FIRST.finditer(rule.new[:_MAX_SCAN]))
        for was in olds:
            if not _said_free(rule.old, was.start("noun")):
                continue
            for now in news:
                head = _root(was["noun"])
                if _root(now["noun"]) != head or now["noun"].lower() in CARDINALS:
                    continue
                old, new = _count(was), _count(now)
                if new > old and (old + 1, new) in bands:
                    return RaisedFirst(rule, old, new, head)
    return None


def _said_free(text: str, start: int) -> bool:
    """Whether the clause going on from `start` says the thing is free ("is free", "is on
    us"), before a "then" or "after" moves on to what is paid."""
    window = text[start : start + _REACH]
    end = _FREE_CLAUSE_END.search(window)
    return _FREE.search(window, 0, end.start() if end is not None else len(window)) is not None


def _plural(noun: str) -> str:
    if noun.lower().endswith("y") and noun[-2:-1].lower() not in "aeiou":
        return noun[:-1] + "ies"
    if re.search(r"(?:s|sh|ch|x)$", noun.lower()):
        return noun + "es"
    return noun + "s"


def _said(count: int, like: str) -> str:
    if like.isdigit():
        return str(count)
    word = _WORDS.get(count, str(count))
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _edits(limit: RaisedFirst, text: str) -> list[tuple[int, int, str]]:
    """The edits (start, end, text) saying the old allowance in `text` as the new one."""
    edits: list[tuple[int, int, str]] = []
    names = any(_same(word, (limit.head,)) for word in re.findall(r"[A-Za-z]+", text[:_MAX_SCAN]))
    for found in _FIRST.finditer(text[:_MAX_SCAN]):
        if not _said_free(text, found.start("noun")):
            continue
        noun, number = found["noun"], found["n"]
        if _root(noun) != limit.head:
            # "First one free", "first two are free": the count alone, the thing named elsewhere
            said = number or (noun if noun.lower() in CARDINALS else "")
            if said and names and _count_of(said) == limit.old:
                at = "n" if number else "noun"
                edits.append((found.start(at), found.end(at), _said(limit.new, said)))
            continue
        if _count(found) != limit.old:
            continue
        if number:
            edits.append((found.start("n"), found.end("n"), _said(limit.new, number)))
            continue
        # a bare "first refinement is": the count, the plural and its verb
        edits.append(
            (found.end("first"), found.end("first"), " " + _WORDS.get(limit.new, str(limit.new)))
        )
        edits.append((found.start("noun"), found.end("noun"), _plural(noun)))
        window = text[found.end() : found.end() + _REACH]
        end = _CLAUSE_END.search(window)
        verb = _VERB.search(window, 0, end.start() if end is not None else len(window))
        if verb is not None:
            said = _PLURALS[verb.group(0).lower()]
            said = said[:1].upper() + said[1:] if verb.group(0)[:1].isupper() else said
            edits.append((found.end() + verb.start(), found.end() + verb.end(), said))
    return edits


def _rewritten(limit: RaisedFirst, text: str) -> str:
    edits = sorted(_edits(limit, text))
    pieces: list[str] = []
    last = 0
    for start, end, said in edits:
        if start < last:
            continue
        pieces += [text[last:start], said]
        last = end
    return "".join(pieces) + text[last:]


def raised_sentences(limit: RaisedFirst, item_units: Sequence[Unit]) -> list[int]:
    """The indexes of the units of an item giving the raised allowance's old count."""
    return [index for index, unit in enumerate(item_units) if _edits(limit, unit.text)]


def raised_first_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the sentences and rows still giving the raised allowance's old count marked
    (`RAISED_REASON`)."""
    limit = raised_first(facts)
    if limit is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    reason = (
        f"{RAISED_REASON}: it gives the first {limit.old}; the new prompt says "
        f"“{limit.rule.new}” (it said “{limit.rule.old}”)"
    )
    added = [
        make(index, item_units[index].text, (reason,))
        for index in raised_sentences(limit, item_units)
        if index not in taken
    ]
    if not added:
        return found
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)


def raised_first_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str, str] | None:
    """The template drafter's edit: each marked sentence and row gives the new count, every
    other byte kept; None when the item has other conflicts."""
    limit = raised_first(facts)
    if limit is None or not impact.conflicts:
        return None
    units_ = list(impact.units)
    marked: dict[str, str] = {}
    for index in raised_sentences(limit, units_):
        unit = units_[index]
        said = _rewritten(limit, unit.raw)
        if said == unit.raw:
            return None
        marked[unit.text] = said
    return marked_edit(
        impact,
        marked,
        lambda noun, quoted: (
            f"The prompt raised the free allowance from the first {limit.old} to the first "
            f"{limit.new} (“{limit.rule.old}” → “{limit.rule.new}”). This {noun} still gives "
            f"the old count in {quoted} The edit gives the new count there, and keeps "
            f"everything else in the {noun}."
        ),
    )


def still_old_first(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still give the raised allowance's old count."""
    limit = raised_first(facts)
    if limit is None:
        return []
    return still_saying(
        lambda unit: bool(_edits(limit, unit.text)), conflicting, old_body, body, body_format
    )


def raised_first_fact(facts: ChangeFacts) -> str | None:
    """The raised allowance said as a drafting model's fact: what the template writes from."""
    limit = raised_first(facts)
    if limit is None:
        return None
    return (
        f"the prompt raised a free allowance from the first {limit.old} to the first {limit.new} "
        f"(“{limit.rule.old}” → “{limit.rule.new}”): text giving the first {limit.old} of that "
        f"thing as free gives the first {limit.new} the same way (words stay words, figures "
        f"figures), its noun and verb agreeing; the first of another thing stays"
    )
