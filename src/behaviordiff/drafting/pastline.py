"""A line moved whole, with what lies past it: the old prompt said "up to £2,000 without
notice" in one sentence and "for more than £2,000, … tell them to allow 2 working days'
notice" in another; the new one moves both to £1,000 (`line_pair`).

The value edit gives a KB sentence stating only the near side ("You can withdraw up to £2,000
in cash without notice") the new line, but the band between the two lines now gets the far
side's way, which the item never says: a customer in the band reads the new line and nothing
of what to do. When the item states none of the far side's values, the far side's rule is said
after the rewritten sentence in the KB's voice (`promptrule.voiced`), led by the prompt's own
case ("For more than £1,000, allow 2 working days' notice …"). An item that already says the
far side ("larger amounts need 2 working days' notice") keeps its own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from behaviordiff.detect.quantities import count_words
from behaviordiff.drafting.bands import side_of
from behaviordiff.drafting.promptrule import voiced
from behaviordiff.drafting.rules import RuleMove, where_stated
from behaviordiff.drafting.text import Unit, lower_first, replace_units, units

_LEAD = re.compile(r"^(?P<lead>[^;:`()]{1,60}?),\s")
"""The case a prompt sentence opens with, up to its first comma ("For more than £1,000")."""
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORDED = 20
"""The largest number a KB is read to write in words here ("two working days")."""
_LISTED = re.compile(r"\s*(?:\||#|[-*+]\s|\d+[.)]\s)")
"""A table row, heading or list item, read from a unit's raw text: no place for a sentence."""


_OTHER_SIDE = re.compile(
    r"(?:for\s+)?(?:anything|any\s+\w+|orders?|baskets?|amounts?)?\s*"
    r"(?:smaller|less|under|below|cheaper|lower|larger|bigger|more|over|above)\b[^.]{0,80}?[,:]"
    r"|otherwise\b|(?:below|above|under|over)\s+that\b",
    re.I,
)
"""The next sentence saying the far side in the item's own words: "For anything smaller, …",
"Otherwise, …", "Below that, …"."""


def _side(value: str, sentence: str) -> int | None:
    """The one side of `value` that `sentence` is about (`bands.side_of`), None when it
    states it on no side or on both."""
    sides = {side_of(sentence, found) for found in where_stated(value, sentence)}
    return sides.pop() if len(sides) == 1 else None


def line_pair(moves: Sequence[RuleMove]) -> tuple[RuleMove, RuleMove] | None:
    """The two moves of a line the new prompt moved whole: two prompt sentences moving the
    same value from the same old one, one about each side of it, neither for a case of its
    own. None when there is no such pair."""
    plain = [
        move
        for move in moves
        if move.kind == "value"
        and move.old
        and move.new
        and not (move.scope or move.subject or move.others or move.category or move.share)
    ]
    for near in plain:
        for far in plain:
            if far.old_sentence == near.old_sentence or (far.old, far.new) != (near.old, near.new):
                continue
            near_side, far_side = (
                _side(near.new, near.new_sentence),
                _side(far.new, far.new_sentence),
            )
            if near_side is not None and far_side is not None and near_side == -far_side:
                return near, far
    return None


def past_line_sentence(near: RuleMove, far: RuleMove) -> str | None:
    """The far side's rule as the KB would say it, led by the prompt's case: "For more than
    £1,000, allow 2 working days' notice; we'll text you when it's ready to collect." None when
    the prompt's sentence opens with no case stating the new line, or says nothing a customer
    is told."""
    lead = _LEAD.match(" ".join(far.new_sentence.split()))
    if lead is None or _side(far.new, lead.group("lead")) != _side(far.new, far.new_sentence):
        return None
    rule = voiced(far.new_sentence)
    if rule is None or not rule.statement:
        return None
    if rule.head is not None:
        return rule.sentence
    return f"{lead.group('lead')}, {lower_first(rule.statement)}."


def _unsaid(sentence: str, line: str, body: str) -> bool:
    """Whether the item's old body states none of the numbers `sentence` gives past the line
    (the line's own aside): it says nothing of the far side's way. A sentence with no number
    of its own is never said this way (nothing tells whether the item says it)."""
    own = {found.group(0) for found in _NUMBER.finditer(line)}
    values = {found.group(0) for found in _NUMBER.finditer(sentence)} - own
    return bool(values) and not any(
        re.search(rf"(?<![\d.,]){re.escape(value)}(?![\d]|[.,]\d)", body)
        # or in words ("emails you within two working days")
        or ((word := _in_words(value)) is not None and re.search(rf"\b{word}\b", body, re.I))
        for value in values
    )


def _in_words(value: str) -> str | None:
    """A whole number as a KB writes it in words ("2" → "two"), None for any other."""
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        return None
    return count_words(number) if number <= _WORDED else None


def with_past_line(
    moves: Sequence[RuleMove],
    old_body: str,
    new_body: str,
    noun: str,
    problems: Callable[[str], list[str]],
) -> tuple[str, str] | None:
    """`new_body` with the far side's rule said after the sentence it moved to the new line on
    the near side (`past_line_sentence`), when the item (`old_body`) says nothing of the far
    side; (the body, why) or None when no such sentence is added or the added one fails the
    edit's own checks (`problems`)."""
    pair = line_pair(moves)
    if pair is None:
        return None
    old_texts = {unit.text for unit in units(old_body)}
    new_units: list[Unit] = units(new_body)
    for index, unit in enumerate(new_units):
        if unit.text in old_texts or _LISTED.match(unit.raw):
            continue
        side = _side(pair[0].new, unit.text)
        if side is None:
            continue
        # the side the rewritten sentence is about is the near one; the other lies past it
        near_first = side == _side(pair[0].new, pair[0].new_sentence)
        near, far = pair if near_first else (pair[1], pair[0])
        said = past_line_sentence(near, far)
        if said is None or not _unsaid(said, far.new, old_body):
            return None
        after = new_units[index + 1].text if index + 1 < len(new_units) else ""
        if _OTHER_SIDE.match(after):
            return None  # "For anything smaller, pop in and collect it": said in its own words
        added = replace_units(new_body, {index: f"{unit.raw.rstrip()} {said}"}, new_units)
        if problems(added):
            return None
        return added, (
            f" The new prompt also moved what lies past the line ({_quote(far.new_sentence)}), "
            f"which this {noun} did not say: the edit says {_quote(said)} after the new line."
        )
    return None


def _quote(text: str) -> str:
    return f"\u201c{' '.join(text.split())}\u201d"
