"""A promise the new prompt gives to someone else along with its new value: "tell them we'll
reply to their complaint within 5 working days" → "tell them the complaints lead will reply to
their complaint within 14 days". A KB sentence that says the old promise in our own voice
("and we'll reply within 5 working days") is untrue on both counts once its value moves, so the
edit says who now keeps the promise too ("and the complaints lead will reply within 14 days").

Read from the two prompt sentences' told clauses (`rule_handling`): the old one must be said by
"we", the new one by a named doer, with the same verb. Pure text helpers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from behaviordiff.drafting.facts import value_pattern
from behaviordiff.drafting.rules import RuleMove, rule_handling, scope_of
from behaviordiff.drafting.text import plain_text, units, upper_first

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

_WE = re.compile(r"\b(?P<we>we(?:'ll|’ll|\s+will))\s+(?P<verb>[a-z]+)\b", re.I)
_CLAUSE_BREAK = re.compile(
    r"[;!?]|\.(?:\s|$)|\b(?:if|when|whenever|unless|but|once|while)\b|,\s*(?:and|or|so)\b", re.I
)
"""What ends a clause between a promise and a value: a stop, a condition or a joined clause."""
_OPENS = '.!?:-*|(["“‘>'
"""What a sentence opens after: a stop, a label's colon, a list mark, a table pipe, an opening
bracket or quote, a tag."""
_NAMED = re.compile(r"(?P<doer>(?:the|our)\s+[^,;:.]{1,60}?)\s+will\s+(?P<verb>[a-z]+)\b")


class NewDoer(NamedTuple):
    """Who now keeps a promise "we" made, and the promise's verb ("reply")."""

    doer: str
    verb: str


def new_doer(old_rule: str | None, new_rule: str | None) -> NewDoer | None:
    """The doer the new prompt sentence gives the promise the old one said as ours; None when
    either says no single promise, the old one is not ours, or the verbs differ."""
    old = rule_handling(old_rule) if old_rule else None
    new = rule_handling(new_rule) if new_rule else None
    if old is None or new is None or len(old[2]) != 1 or len(new[2]) != 1:
        return None
    ours = _WE.match(old[2][0])
    named = _NAMED.match(new[2][0])
    if ours is None or named is None or ours["verb"].lower() != named["verb"].lower():
        return None
    return NewDoer(named["doer"], named["verb"].lower())


def with_new_doer(raw: str, doer: NewDoer, value: str | None = None) -> str | None:
    """`raw` with its one promise of `doer.verb` in our voice said by `doer`; `raw` itself when
    it makes no such promise or more than one. With the moved `value`, the promise must be said
    in the value's clause: None when it is another clause's ("within 24 hours, and if it's
    urgent we'll call you the same day"), which a writer reads."""
    found = [m for m in _WE.finditer(raw) if m["verb"].lower() == doer.verb]
    if len(found) != 1:
        return raw
    start, end = found[0].span("we")
    said = value_pattern(value).search(raw) if value else None
    if said is not None:
        low, high = (end, said.start()) if said.start() >= end else (said.end(), start)
        if _CLAUSE_BREAK.search(raw, low, max(low, high)):
            return None
    before = raw[:start].rstrip()
    name = upper_first(doer.doer) if not before or before[-1] in _OPENS else doer.doer
    return f"{raw[:start]}{name} will{raw[end:]}"


def _handed(facts: ChangeFacts) -> list[tuple[RuleMove, NewDoer]]:
    """The moved values whose promise the new prompt gives someone else, each with its doer."""
    found = []
    for move in facts.moves:
        if move.kind != "value" or move.scope:
            continue
        doer = new_doer(move.old_sentence, move.new_sentence)
        if doer is not None:
            found.append((move, doer))
    return found


def new_doer_fact(facts: ChangeFacts) -> str | None:
    """Who now keeps the promise said as a drafting model's fact: what the template writes
    from (`with_new_doer`)."""
    handed = _handed(facts)
    if not handed:
        return None
    move, doer = handed[0]
    return (
        f"the promise is now kept by {doer.doer}, not by us (the new prompt says "
        f"“{move.new_sentence}”): a sentence giving the new value ({move.new}) with “we'll "
        f"{doer.verb}” says who keeps it (“{doer.doer} will {doer.verb}”)"
    )


def still_ours(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that give a handed-on promise's new value and still
    say it in our voice in the same clause ("we'll call you back within 24 hours"): what no
    drafter's edit may keep."""
    handed = _handed(facts)
    if not handed:
        return []
    prompt = facts.new_prompt_sentences
    found = []
    for unit in units(plain_text(body, body_format)):
        for move, doer in handed:
            if value_pattern(move.new).search(unit.text) is None:
                continue
            if scope_of(move, unit.text, facts.conditions, prompt):
                continue
            kept_by = with_new_doer(unit.text, doer, move.new)
            if kept_by is not None and kept_by != unit.text:
                found.append(unit.text)
                break
    return found
