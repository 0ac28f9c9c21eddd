"""What a note's impact adds after a moved value: only what customers are now told that the
first sentence and the case do not already say. "Customers with orders under £50 now pay a
higher engraving fee (£5.00 instead of £0.00). They are now told £5.00 for the order, £50.00
for the order" restates the fee and the case's line as raw values; a figure the new prompt
never writes is one conversation's total, not a rule. What is left is said as the prompt
names it ("a £5 weekend surcharge", `toldwords.told_phrase`), or not at all.

Pure helper: the template drafter's `_impact_text` keeps the promises `fresh_told` returns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting.facts import ChangeFacts

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_RATE_ARGUMENT = re.compile(r"(?:^|_)(?:percent|pct|percentage|rate)(?:$|_)", re.I)
"""An argument the impact says as a percentage (`plaintitle.percent_moved`)."""


def _numbers(text: str) -> set[float]:
    return {float(found.replace(",", "")) for found in _NUMBER.findall(text)}


def _said_already(facts: ChangeFacts) -> set[float]:
    """The numbers the impact's first sentence and the case say: the moved values it states
    as customers read them (an amount of money, a percentage), on both sides, and the
    condition's bounds. A value the impact gives as a bare argument ("charge 49 instead of
    0") is not said: "$49.00" told stays."""
    said = {
        value
        for moved in facts.moved
        if moved.money or _RATE_ARGUMENT.search(moved.argument)
        for _, old, new in moved.values
        for value in (old, new)
    }
    if facts.condition is not None:
        for atom in facts.condition.atoms:
            for bound in (atom.value, atom.low, atom.high):
                if isinstance(bound, int | float) and not isinstance(bound, bool):
                    said.add(float(bound))
    return said


def fresh_told(facts: ChangeFacts, promises: Sequence[Promise]) -> list[Promise]:
    """The promises among `promises` that tell customers something the impact has not said:
    none whose figure is a moved value or a bound of the case, and no amount of money the new
    prompt never writes and no bare moved argument gives (one conversation's total)."""
    said = _said_already(facts)
    # a moved value the impact gives as a bare argument: the amount told is how customers
    # read it ("charge 49" told as "$49.00")
    bare = {value for moved in facts.moved for _, _, value in moved.values} - said
    ruled: set[float] = set()
    for rule in facts.rules:
        ruled |= _numbers(rule.new or "")
    kept = []
    for promise in promises:
        figures = _numbers(promise.value)
        if figures and figures <= said:
            continue
        if promise.kind == "money" and figures and not figures <= ruled | bare:
            continue
        kept.append(promise)
    return kept
