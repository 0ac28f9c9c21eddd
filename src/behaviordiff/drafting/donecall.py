"""A KB sentence reporting a call as done ("Your subscription is now cancelled", "Your order
has been refunded") where the new prompt still makes that call in some case, later or for
some customers only ("Only if they decline it, call `cancel_subscription`"): the sentence is
sent once the call is made, and stays true whenever it is. It does not describe the call the
changed conversations no longer get (`impact._described_actions`); a sentence promising the
call ("we'll cancel it straight away") still does.

Pure text helper for `impact`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from behaviordiff.drafting.text import stem

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ActionFact, ChangeFacts

_DONE = re.compile(
    r"\b(?:is|are)\s+now\s+(?P<now>[a-z]{3,20}ed)\b"
    r"|\b(?:has|have)\s+(?:now\s+)?been\s+(?P<been>[a-z]{3,20}ed)\b",
    re.I,
)
"""A call's outcome said as done: "is now cancelled", "has been refunded"."""


def reports_done(facts: ChangeFacts, action: ActionFact, sentence: str) -> bool:
    """Whether `sentence` reports `action` as done (its verb, in a done form) while the new
    prompt still names the call in a rule the change touched."""
    words = {stem(word) for word in action.name.lower().split("_") if len(word) > 3}
    done = {stem(found.group("now") or found.group("been")) for found in _DONE.finditer(sentence)}
    if not words & done:
        return False
    call = f"`{action.name}`"
    return any(call in (rule.new or "") for rule in facts.rules)


_DONE_PLAIN = re.compile(
    r"\b(?:is|are|has been|have been)\s+(?:now\s+)?(?:all\s+)?(?P<done>[a-z]{3,20}ed)"
    r"(?=\s*(?:[.!]|$))",
    re.I,
)
"""A call's outcome said as done, closing its sentence: "is cancelled.", "has been booked!"."""


def done_without_moved(action: ActionFact, sentence: str, moved: list[tuple[str, str]]) -> bool:
    """Whether `sentence` only reports `action` done ("Your session on {{date}} is
    cancelled.": its verb, closing the sentence) while the new version makes the same call
    with other values (`moved`, old and new, non-empty), and names none of the old values'
    words ("refund full" → "none": no "full", no "refund"): it is sent whichever values the
    call had, so it does not describe the old handling. A sentence saying more after the verb
    ("is cancelled free of charge") is read by the finders as before."""
    if not moved:
        return False
    words = {stem(word) for word in action.name.lower().split("_") if len(word) > 3}
    done = {stem(found.group("done")) for found in _DONE_PLAIN.finditer(sentence)}
    if not words & done:
        return False
    said = {stem(word) for word in re.findall(r"[a-z]+", sentence.lower())}
    for old, _ in moved:
        if {stem(word) for word in re.findall(r"[a-z]+", old.lower())} & said:
            return False
    return True
