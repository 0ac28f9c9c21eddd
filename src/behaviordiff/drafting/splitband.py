"""A rule split into two bands, read as the move of the band that keeps the old action.

"If the wedding is less than 14 days away, hand the request to the head seamstress with
`escalate_to_human`" became two sentences: "If the wedding is 7 to 13 days away, book a rush
fitting with `book_fitting`" and "If the wedding is less than 7 days away, … hand the request
to the head seamstress with `escalate_to_human`". A sentence differ may pair the old sentence
with the one calling another tool, and the move then reads "less than 14 → 7 to 13": written
into a KB sentence describing the old action ("As your big day is 7 to 13 days away, I've
passed your request to our head seamstress."), the new band gets the old action's words.
The old sentence's action goes on only in the added sentence calling the same tools, so its
value moves there (14 days → 7 days): KB text on the hand-off then says the hand-off's new
line, and the other band's new way is left to the checks on the added rule. When the band's
own rule still states the old line ("Riders aged 18 to 20: …" of "Riders aged 18 or over: …"),
the line did not move: the range was split at a new one, and the band's step is `bandstep`'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from behaviordiff.drafting.rules import rule_moves

_TOOL = re.compile(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`")


def _states(value: str, text: str) -> bool:
    """Whether `text` writes `value` as it is, not as part of a bigger number."""
    return re.search(rf"(?<![\d.,]){re.escape(value)}(?![\d]|[.,]\d)", text) is not None


def _tools(text: str | None) -> set[str]:
    return set(_TOOL.findall(text or ""))


def kept_action_rules(rules: Sequence[Any]) -> list[Any]:
    """`rules` (drafting.facts.Rule), each changed sentence whose tools changed paired
    instead with the one added sentence that calls exactly its old tools, when that pair
    moves a value: the move KB text describing the old action is to follow."""
    added = [rule for rule in rules if rule.kind == "sentence_added" and rule.new]
    paired = []
    for rule in rules:
        old_tools = _tools(rule.old) if rule.kind == "sentence_changed" and rule.new else set()
        if old_tools and old_tools != _tools(rule.new):
            keeping = [other for other in added if _tools(other.new) == old_tools]
            if len(keeping) == 1:
                candidate = replace(rule, new=keeping[0].new)
                moved = [move for move in rule_moves([candidate]) if move.kind == "value"]
                # a band whose own rule still states the old line ("Riders aged 18 to 20: …"
                # of "Riders aged 18 or over: …") split the range at a new one: the old line
                # holds (`bandstep`)
                if moved and not any(_states(move.old, rule.new) for move in moved):
                    paired.append(candidate)
                    continue
        paired.append(rule)
    return paired
