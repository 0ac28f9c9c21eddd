"""A line of the change's condition, stated by the old replies: the case's edge, not its rule.

When a change holds on one side of a line of a number ("less than 48 hours before the
lesson"), the old replies of its conversations state the line ("as it's less than 48 hours
away, …") and the new replies may not, so the line reads as a value the new agent no longer
states. It is not what changed: the line still draws the case, and a KB sentence stating it
(from either side, about the same case's other handling or another topic: "cancelled with less
than 48 hours' notice, the booking is charged in full") conflicts only for what else it says.
The line is read as the condition's when a numeric atom has its number for a bound and the
atom's variable is named by its unit ("hours_until" of "48 hours").
"""

from __future__ import annotations

import re

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.text import stem

_AMOUNT = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s+(?P<unit>[a-z]+)\s*$", re.I)


def _bounds(facts: ChangeFacts) -> list[tuple[str, float]]:
    """(variable, bound) of each numeric atom of the change's condition."""
    condition = facts.condition
    found: list[tuple[str, float]] = []
    for atom in condition.atoms if condition else ():
        if atom.op in ("<", "<=", ">", ">=") and isinstance(atom.value, (int, float)):
            found.append((atom.feature, float(atom.value)))
        elif atom.op == "between":
            found += [
                (atom.feature, float(bound))
                for bound in (atom.low, atom.high)
                if isinstance(bound, (int, float)) and not isinstance(bound, bool)
            ]
    return found


def condition_line(facts: ChangeFacts, value: str) -> bool:
    """Whether `value` ("48 hours") is a bound of a numeric atom of the change's condition
    whose variable its unit names (`hours_until < 48`)."""
    amount = _AMOUNT.match(value)
    if amount is None:
        return False
    number = float(amount.group("number"))
    unit = stem(amount.group("unit").lower())
    return any(
        bound == number and unit in {stem(word) for word in re.split(r"[_\W]+", variable.lower())}
        for variable, bound in _bounds(facts)
    )
