"""A minimum the prompt moved ("open to anyone aged 8 and over" → "aged 10 and over"), which
the KB gives in short as a labelled list item or table row ("- Age: 8+", "| Age | 8 and over |")
under its topic. The item shares no two words with the prompt sentence, so the move's own
finder (`rules.states_old_rule`) misses it; its label names what the minimum is of in another
form of the sentence's word ("Age" of "aged"), and its value is the old bound and nothing else.
Such a unit is marked as stating the old rule (`LABELLED_BOUND_REASON`): the template's rule
edit then gives the new bound in the same form ("Age: 10+"). A labelled value that says more
than the bound ("Ends: 8 arrows each") or a label of another topic is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import RuleMove, content_words, move_topic
from behaviordiff.drafting.text import STOPWORDS, Unit, row_cells

LABELLED_BOUND_REASON = "states the old rule as a labelled minimum"

_AT_LEAST = r"(?:\s*\+|\s+(?:years?\s+(?:old\s+)?)?(?:and|or)\s+(?:over|older|above|up(?:wards)?))"
"""How a bound reads as a minimum after its number: "8+", "8 and over", "8 years or older"."""

_ITEM = re.compile(
    r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?P<label>[A-Za-z][\w'’ -]{0,40}):\s*(?P<value>.+)$"
)
_LABEL_WORD = re.compile(r"[A-Za-z]{3,}")
_ENDING = re.compile(r"(?<=\w{2})(?:e?s|e?d)$")
"""An ending a label may say the word in another form with ("ages", "aged" and "age")."""
_MODALS = frozenset(["must", "should", "can", "need", "needs", "have", "has", "are", "been"])


def _minimum_move(move: RuleMove) -> bool:
    """Whether a plain value move's old prompt sentence states its old value as a minimum."""
    if move.kind != "value" or move.scope or move.subject or move.others or move.share:
        return False
    if move.category or not re.fullmatch(r"\d{1,6}", move.old):
        return False
    said = rf"\b{re.escape(move.old)}{_AT_LEAST}(?!\w)|\bat least\s+{re.escape(move.old)}\b"
    return re.search(said, move.old_sentence, re.I) is not None


def _bound_value(move: RuleMove, value: str) -> bool:
    """Whether a labelled value is the move's old minimum and nothing else ("8+", "eight
    and over")."""
    words = [word for word, number in CARDINALS.items() if number == int(move.old)]
    number = "|".join([re.escape(move.old), *(re.escape(word) for word in words)])
    bound = rf"(?:{number}){_AT_LEAST}|at least\s+(?:{number})(?:\s+years?(?:\s+old)?)?"
    return re.fullmatch(rf"(?:{bound})\s*\.?", value.strip(), re.I) is not None


def _said_of(move: RuleMove) -> str | None:
    """The word the old sentence says the minimum of: its last content word before the bound
    in the bound's clause ("aged" of "open to anyone aged 8 and over"); None for none."""
    at = re.search(rf"\b(?:at least\s+)?{re.escape(move.old)}\b", move.old_sentence, re.I)
    if at is None:
        return None
    clause = re.split(r"[,;:.!?()]", move.old_sentence[: at.start()])[-1]
    words = [
        word.lower()
        for word in _LABEL_WORD.findall(clause)
        if word.lower() not in STOPWORDS and word.lower() not in _MODALS
    ]
    return words[-1] if words else None


def _names_topic(label: str, move: RuleMove) -> bool:
    """Whether a word of the label is the word the old sentence says the minimum of, or
    another form of it ("age" of "aged"): not any word of the rule's topic ("Sessions a week"
    is not what "aged 8 and over" is said of)."""
    said = _said_of(move)
    if said is None:
        return False
    said = _ENDING.sub("", said)
    return any(
        word.startswith(said) or said.startswith(word)
        for word in (_ENDING.sub("", found.lower()) for found in _LABEL_WORD.findall(label))
    )


def _labelled(raw: str) -> tuple[str, str] | None:
    """(label, value) of a list item ("- Label: value") or a two-cell table row ("| Label |
    value |")."""
    found = _ITEM.match(raw)
    if found is not None:
        return found["label"], found["value"]
    if raw.lstrip().startswith("|"):
        cells = row_cells(raw)
        if len(cells) == 2 and all(cells):
            return cells[0], cells[1]
    return None


def _headings(item_units: Sequence[Unit]) -> list[str]:
    """The heading above each unit, read in one pass."""
    above, said = "", []
    for unit in item_units:
        said.append(above)
        if unit.raw.lstrip().startswith("#"):
            above = unit.text
    return said


def labelled_bound_conflicts(
    facts: ChangeFacts,
    title: str,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the labelled items still giving a moved minimum its old bound marked, in an
    item whose title or section heading names the rule's topic."""
    moves = [move for move in facts.moves if _minimum_move(move)]
    if not moves:
        return found
    taken = {conflict.unit_index for conflict in found}
    added = []
    headings: list[str] = []
    for index, unit in enumerate(item_units):
        if index in taken:
            continue
        labelled = _labelled(unit.raw)
        if labelled is None:
            continue
        label, value = labelled
        for move in moves:
            if not _names_topic(label, move) or not _bound_value(move, value):
                continue
            headings = headings or _headings(item_units)
            if not move_topic(move) & content_words(f"{title} {headings[index]}"):
                continue
            reason = (
                f"{LABELLED_BOUND_REASON} ({move.old}); the new prompt says {move.new}: "
                f"“{move.new_sentence}”"
            )
            added.append(make(index, unit.text, (reason,)))
            break
    if not added:
        return found
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)
