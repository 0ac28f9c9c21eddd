"""Tool arguments a changed call carries over from the call it replaces: input, not behavior.

A probe's calls that went and came often share an argument value: the customer's own words
(`schedule_visit(issue=ripples)` → `open_ticket(issue=ripples, team=aftercare)`) or the item
asked about (`book(load=net): fee 15 → 0`). A value the same in the old and the new call of
one probe is what the customer brought, not what the agent now does: what moved is the tool
swapped or the number. Kept in the identity of a change, such a value splits one change into
one per value (one per customer phrasing), each too small to get a condition.

A call that only went (or only came) has no other side to carry a value to: there, a text
value found in the probe's own input (its messages, variables, fixtures) is the customer's
words echoed (`price_match(store=screwfix)` dropped where the customer named Screwfix), and
is left out of the change's identity the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from behaviordiff.detect.signature import Action, is_number


def carried_values(removed: Iterable[Action], added: Iterable[Action]) -> frozenset[str]:
    """The text argument values found both in a call that went and in one that came (of any
    argument name: a swapped tool may call it otherwise); numbers and flags are not carried
    (an amount the same on both sides is no identity to drop: it is not in a shape)."""

    def texts(actions: Iterable[Action]) -> set[str]:
        return {
            value
            for action in actions
            for _, value in action.arguments
            if not is_number(value) and value not in ("true", "false")
        }

    return frozenset(texts(removed) & texts(added))


def echoed_values(actions: Iterable[Action], input_text: str) -> frozenset[str]:
    """The text argument values of `actions` (calls on one side only) that the probe's input
    (`input_text`, lower-cased) states as whole words: what the customer brought, not what
    the agent chose. Numbers and flags are no echo (an amount is behavior)."""
    if not input_text:
        return frozenset()
    return frozenset(
        value
        for action in actions
        for _, value in action.arguments
        if not is_number(value)
        and value not in ("true", "false")
        and re.search(rf"(?<!\w){re.escape(value)}(?!\w)", input_text)
    )


def without_carried(action: Action, carried: frozenset[str]) -> str:
    """The call's shape (`Action.shape`) less the arguments whose values it carries."""
    kept = tuple((key, value) for key, value in action.arguments if value not in carried)
    return Action(action.name, kept).shape()
