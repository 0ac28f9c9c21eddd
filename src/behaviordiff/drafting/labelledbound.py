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
from behaviordiff.drafting.text import Unit, row_cells

LABELLED_BOUND_REASON = "states the old rule as a labelled minimum"

_AT_LEAST = r"(?:\s*\+|\s+(?:years?\s+(?:old\s+)?)?(?:and|or)\s+(?:over|older|above|up(?:wards)?))"
"""How a bound reads as a minimum after its number: "8+", "8 and over", "8 years or older"."""

_ITEM = re.compile(
    r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?P<label>[A-Za-z][\w'’ -]{0,40}):\s*(?P<value>.+)$"
)
_LABEL_WORD = re.compile(r"[A-Za-z]{3,}")


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


def _names_topic(label: str, topic: set[str]) -> bool:
    """Whether a word of the label is a word of the rule's topic or another form of one
    ("age" of "aged", "member" of "members")."""
    return any(
        word.startswith(said) or said.startswith(word)
        for word in (found.lower() for found in _LABEL_WORD.findall(label))
        for said in topic
        if len(said) >= 3
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


def _heading(item_units: Sequence[Unit], index: int) -> str:
    return next(
        (unit.text for unit in reversed(item_units[:index]) if unit.raw.lstrip().startswith("#")),
        "",
    )


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
    for index, unit in enumerate(item_units):
        if index in taken:
            continue
        labelled = _labelled(unit.raw)
        if labelled is None:
            continue
        label, value = labelled
        for move in moves:
            topic = move_topic(move)
            on_topic = topic & content_words(f"{title} {_heading(item_units, index)}")
            if not on_topic or not _names_topic(label, topic) or not _bound_value(move, value):
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
