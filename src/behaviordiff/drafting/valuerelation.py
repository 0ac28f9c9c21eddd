"""What a stated amount is counted from: the word right after it ("60 days ahead", "60 days
after the original date", "2 working days of your booking", "2 working days' notice").

Two sentences with the same amount state the same rule only when the amount is counted the
same way: "up to 60 days ahead" (a horizon, counted back from the date) is not "up to 60 days
after the original date" (a window counted on from it), and "within 2 working days" (a wait)
is not "2 working days' notice" (a lead time the customer gives). An amount with no such word
after it ("Within two working days.", "No more than 60 days.") says no relation of its own.
"""

from __future__ import annotations

import re

_CUT = re.compile(r"[,.;:!?()\[\]\n]")
_WORD = re.compile(r"[A-Za-z]+")
_BEFORE = frozenset(
    {"ahead", "away", "before", "beforehand", "advance", "prior", "earlier", "notice", "early"}
)
"""Counted back from a date ("60 days ahead", "2 days' notice", "in advance")."""
_AFTER = frozenset({"after", "later", "following", "since", "from", "of", "past"})
"""Counted on from a moment ("60 days after the original date", "2 days of your booking")."""


def relation_after(text: str, end: int) -> str | None:
    """How the amount ending at `end` in `text` is counted: "before", "after", or None when the
    words right after it (up to the clause's punctuation) say neither."""
    rest = _CUT.split(text[end : end + 80], maxsplit=1)[0]
    words = [word.lower() for word in _WORD.findall(rest)[:2]]
    if not words:
        return None
    if words[0] == "in" and words[1:] == ["advance"]:
        return "before"
    if words[0] in _BEFORE:
        return "before"
    if words[0] in _AFTER:
        return "after"
    return None


def same_relation(said: str | None, rule: str | None) -> bool:
    """Whether an amount counted `said` way states a rule's amount counted `rule` way: one with
    no word of its own says the rule's; one with its own must say the rule's."""
    return said is None or said == rule
