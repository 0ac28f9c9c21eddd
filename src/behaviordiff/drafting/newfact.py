"""Every edit states the change's new fact.

A writer rewriting the sentence that states the old rule may say only half of the change: the
bound moved but not the charge now due past it ("We bring every tree up to seven feet to your
door free of charge" with no word of the fee above seven feet), the hours moved but not the new
requirement. After any writer's edit, the values the new rule brings (the amounts, shares and
times the new prompt's rule for the changed case says and the old prompt's changed text did
not: `new_values`) are looked for in the edited item, in figures or in words; when one is
missing, the new rule voiced for customers (`promptrule.new_rule`, its case said: who it is
for, so the rewritten sentence keeps the old rule for the rest) is said after the last sentence
the writer changed. Only a voicing with no problem (`voicing_problems`) is used, and only in
prose (a table row or a heading gets no sentence after it); the result goes through the same
checks as every edit, or the edit stays as the writer left it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from behaviordiff.detect.facts import extract_promises
from behaviordiff.drafting.promptrule import new_rule, voicing_problems
from behaviordiff.drafting.text import Keep, Unit, plain_text, rewrite_units, units

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

_KINDS = frozenset({"money", "percent", "duration"})
_MAX = 4000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _values(text: str) -> set[tuple[str, str]]:
    return {(p.kind, p.value) for p in extract_promises(text[:_MAX]) if p.kind in _KINDS}


def _body_values(text: str) -> set[tuple[str, str]]:
    """The values a whole item states, sentence by sentence (an item can be long: each of
    its units is read once)."""
    found: set[tuple[str, str]] = set()
    for unit in units(text):
        found |= {
            (p.kind, p.value) for p in extract_promises(unit.text[:_MAX]) if p.kind in _KINDS
        }
    return found


def new_values(facts: ChangeFacts, passage: str) -> set[tuple[str, str]]:
    """The values `passage` (the new rule) states that the old prompt's changed text did not."""
    old = " ".join(rule.old or "" for rule in facts.rules)
    return _values(passage) - _values(old)


def with_new_fact(facts: ChangeFacts, old_body: str, new_body: str, body_format: str) -> str | None:
    """`new_body` with the new rule said after the last sentence the edit changed, when the
    edit states none of a value the new rule brings; None when it states them (or nothing can
    be said safely)."""
    said = new_rule(facts)
    if said is None:
        return None
    wanted = new_values(facts, said.prompt)
    if not wanted:
        return None
    text = plain_text(new_body, body_format)
    if wanted & _body_values(text):
        return None
    sentence = said.sentence
    if voicing_problems(said.prompt, sentence):
        return None
    # of a rule said in several sentences, the ones stating the new values (the others say
    # what the rewritten sentence already says)
    carrying = [s for s in _SENTENCE_END.split(sentence) if wanted & _values(s)]
    if carrying and not said.head:
        sentence = " ".join(carrying)
    before = {unit.text for unit in units(plain_text(old_body, body_format))}
    changed = [
        unit.text
        for unit in units(text)
        if unit.text not in before and unit.text.strip() and not _listed(unit)
    ]
    if not changed:
        return None
    last = changed[-1]
    done: list[bool] = []

    def add(unit: Unit) -> str | Keep:
        if done or unit.text != last:
            return Keep.UNIT
        done.append(True)
        return f"{unit.raw.rstrip()} {sentence}"

    return rewrite_units(new_body, body_format, add)


def _listed(unit: Unit) -> bool:
    """A table row or a heading: no sentence goes after it."""
    return unit.raw.lstrip().startswith(("|", "#"))
