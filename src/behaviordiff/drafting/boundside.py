"""A line of the change's condition, said from the side the change does not reach.

When a change holds below a line of a number ("less than 48 hours before the lesson"), the
old replies of its conversations state the line ("as it's less than 48 hours away, …"), so the
line reads as a value the new agent no longer states. A KB sentence stating the same line from
its other side ("48 hours' notice or more: the full price goes back") speaks of conversations
the change does not reach, and stays true; one stating it from the change's side is the old
rule's own case.
"""

from __future__ import annotations

import re

from behaviordiff.drafting.bands import side_of
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import where_stated

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NOUN_THEN_ABOVE = re.compile(
    r"^['’]?(?:\*\*|__)?\s*[a-z]+(?:\*\*|__)?\s+(?:or more|or longer|or over|and over|and above)\b",
    re.I,
)
_NOUN_THEN_BELOW = re.compile(
    r"^['’]?(?:\*\*|__)?\s*[a-z]+(?:\*\*|__)?\s+(?:or less|or fewer|or under|or below)\b", re.I
)
"""A noun between the line and its side words ("48 hours' notice or more")."""


def _changed_side(facts: ChangeFacts, number: float) -> int | None:
    """The side of `number` the change's condition holds on (-1 below it, 1 above it), when a
    numeric atom of the condition has it for a bound."""
    condition = facts.condition
    for atom in condition.atoms if condition else ():
        if atom.op in ("<", "<=") and atom.value == number:
            return -1
        if atom.op in (">", ">=") and atom.value == number:
            return 1
        if atom.op == "between":
            if atom.high == number:
                return -1
            if atom.low == number:
                return 1
    return None


def _side(sentence: str, found: re.Match[str]) -> int | None:
    side = side_of(sentence, found)
    if side is not None:
        return side
    after = sentence[found.end() :]
    if _NOUN_THEN_ABOVE.match(after):
        return 1
    if _NOUN_THEN_BELOW.match(after):
        return -1
    return None


def beyond_condition(facts: ChangeFacts, value: str, sentence: str) -> bool:
    """Whether `sentence` states `value` (an old reply's) only as a line of the change's
    condition, each time from the side the condition does not hold on."""
    number = _NUMBER.search(value)
    if number is None:
        return False
    changed = _changed_side(facts, float(number.group(0)))
    if changed is None:
        return False
    stated = where_stated(value, sentence)
    return bool(stated) and all(_side(sentence, found) == -changed for found in stated)
