"""A limit withdrawn for everyone: a changed prompt sentence stated a limit as an amount of a
unit ("Gift cards are valid for 12 months from purchase.") and now says there is none, with no
number at all ("Gift cards never expire."); the change's condition is the far side of that
limit (`months_since_purchase >= 12`), who used to be refused.

A KB unit stating the limit says the amount with its unit ("valid for 12 months from the date
of purchase", a list item "- Each card is valid for 12 months from the date it was bought")
and a word of the old sentence the new one dropped ("valid", "purchase"): it says the new
prompt's sentence in its place. The same number on the same subject said of something else
("gift cards can be used on electricals, which come with our 12-month guarantee") shares only
the words both sentences say, and stays.

Pure text helpers: `impact` marks the units (`limit_gone_conflicts`), the template drafter
rewrites them (`limit_gone_edit`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.grants import stems_of
from behaviordiff.drafting.impactview import marked_for
from behaviordiff.drafting.text import Keep, Unit, rewrite_units

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts
    from behaviordiff.drafting.impactview import ImpactView

LIMIT_GONE_REASON = "states a limit the new prompt withdraws for everyone"

_AMOUNT = re.compile(r"\b(?P<number>\d{1,6})\s+(?P<unit>[A-Za-z]{3,20})\b")
_NONE = re.compile(r"\b(?:never|no\s+longer|no|not|without)\b|n[’']t\b", re.I)
_DIGIT = re.compile(r"\d")
_MIN_WORD = 4
_SHARED = 2


@dataclass(frozen=True)
class LimitGone:
    """A limit the new prompt withdraws for everyone."""

    amount: re.Pattern[str]
    """The old limit's amount with its unit ("12 months", "12 month")."""
    old_words: frozenset[str]
    """Content stems of the old sentence, its amount out."""
    dropped: frozenset[str]
    """Stems of those the new sentence no longer says ({"valid", "purchase"})."""
    said: str
    """The new prompt's sentence ("Gift cards never expire.")."""


def _lower_bound(facts: ChangeFacts) -> float | None:
    condition = facts.condition
    if condition is None:
        return None
    bounds = [
        atom.value
        for atom in condition.atoms
        if atom.op in (">=", ">") and isinstance(atom.value, (int, float))
    ]
    return float(bounds[0]) if len(bounds) == 1 else None


def _content(text: str) -> set[str]:
    return {word for word in stems_of(text) if word.isalpha() and len(word) >= _MIN_WORD}


def limit_gone(facts: ChangeFacts) -> LimitGone | None:
    """The limit a change withdraws, or None: an attributed changed sentence stating the
    condition's lower bound as an amount of a unit now says none, with no number, in one
    sentence the KB can say as it is (no code, no argument names)."""
    bound = _lower_bound(facts)
    if bound is None:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        new = rule.new.strip()
        if _DIGIT.search(new) or not _NONE.search(new) or "`" in new or "_" in new:
            continue
        if len(re.findall(r"[.!?](?:\s|$)", new)) != 1:
            continue
        stated = [m for m in _AMOUNT.finditer(rule.old) if float(m["number"]) == bound]
        if len(stated) != 1:
            continue
        unit = stated[0]["unit"]
        stem = unit[:-1] if unit.lower().endswith("s") else unit
        old_words = _content(rule.old) - _content(unit)
        dropped = old_words - _content(new)
        if not dropped:
            continue
        return LimitGone(
            amount=re.compile(rf"\b{stated[0]['number']}\s+{re.escape(stem)}s?\b", re.I),
            old_words=frozenset(old_words),
            dropped=frozenset(dropped),
            said=new,
        )
    return None


def states_limit(gone: LimitGone, text: str) -> bool:
    """Whether a unit states the withdrawn limit: its amount and unit, a word the new sentence
    dropped and another of the old sentence's; never a heading."""
    if text.lstrip().startswith("#") or not gone.amount.search(text):
        return False
    said = _content(text)
    return bool(said & gone.dropped) and len(said & gone.old_words) >= _SHARED


def limit_gone_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """For a limit withdrawn for everyone (`limit_gone`), the units stating it, added to
    `found`."""
    gone = limit_gone(facts)
    if gone is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    return found + [
        make(index, unit.text, (LIMIT_GONE_REASON,))
        for index, unit in enumerate(item_units)
        if index not in taken and states_limit(gone, unit.text)
    ]


def limit_gone_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit for a limit withdrawn for everyone: each unit stating it
    says the new prompt's sentence instead, every other byte kept. None when the change
    withdraws no limit or the item states none."""
    gone = limit_gone(facts)
    if gone is None:
        return None
    marked = set(marked_for(impact.conflicts, LIMIT_GONE_REASON))
    if not marked:
        return None

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        trail = unit.raw[len(unit.raw.rstrip()) :]
        return f"{gone.said}{trail}"

    new_body = rewrite_units(impact.item.body, impact.item.body_format, pick)
    if new_body is None:
        return None
    quoted = "; ".join(f"“{u.text}”" for u in impact.units if u.text in marked)
    return new_body, (
        f"The new prompt withdraws the limit for everyone: “{gone.said}” This "
        f"{impact.item.kind} still states it in {quoted}. The edit says the new rule there "
        "and keeps everything else."
    )
