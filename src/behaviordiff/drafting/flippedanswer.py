"""An FAQ answer the change flips: a "Yes." or "No." under a question about the case the new
prompt now charges, and the reason after it restating the old rule.

"Can I bring a second-hand kayak in for a free service?" answered "Yes. The service plan stays
with the kayak, not the paddler, so a second-hand kayak is covered too." was right while the old
prompt said the plan stayed with the kayak; the new one says it covers the first buyer only and
that second-hand kayaks pay a £15 service fee. The reason sentence alone cannot be rewritten
(`oldside` reads it and flags it: it says more than the old rule), and its head would still say
"Yes." The answer is rewritten whole: the head flipped ("Yes." → "No."), the reason said as the
new rule once in the KB's voice: the swapped words said in the sentence's own clause ("The
service plan covers the first buyer only") and the charge with its case (`casetold`: "a £15
service fee applies to second-hand kayaks"). Only when the question names the charged case
(the answer is about that case, not the rule as a whole); otherwise the item keeps its flag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from behaviordiff.drafting.answers import asked, yes_no_head
from behaviordiff.drafting.casetold import CaseTold
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.newcharge import new_charge
from behaviordiff.drafting.oldside import CONTRAST
from behaviordiff.drafting.text import Keep, Unit, flat, plain_text, rewrite_units, terms, units

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

_MAX = 2000
_SPAN = 8
_FLIP = {"yes": "No", "no": "Yes"}
_WORD = re.compile(r"[\w'’-]+")
_CLAUSE_CUT = re.compile(r", | [-–—] |; |: ")
_CODE = re.compile(r"[`{}]|\b[a-z0-9]+_[a-z0-9_]+\b")


def swapped_words(facts: ChangeFacts) -> list[tuple[str, str]]:
    """The phrases a changed prompt sentence swapped, old and new, as it says them before its
    first colon or semicolon ("stays with the kayak" → "covers the first buyer only"): one
    short run of words replaced between the words both sides share, no code on either side."""
    found: list[tuple[str, str]] = []
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old = re.split(r"[:;]", flat(rule.old)[:_MAX])[0].split()
        new = re.split(r"[:;]", flat(rule.new)[:_MAX])[0].split()
        # what lies between the words both sides open and end with
        lead = 0
        while lead < min(len(old), len(new)) and old[lead] == new[lead]:
            lead += 1
        tail = 0
        while tail < min(len(old), len(new)) - lead and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        before = " ".join(old[lead : len(old) - tail])
        after = " ".join(new[lead : len(new) - tail])
        if len(before.split()) > _SPAN or len(after.split()) > _SPAN:
            continue
        if len(before.split()) < 2 or not after or _CODE.search(before + " " + after):
            continue
        found.append((before, after))
    return found


def _reason(clause: str, swaps: Sequence[tuple[str, str]]) -> str | None:
    """The reason's first clause with the old phrase swapped for the new one and its contrast
    out ("The plan stays with the kayak, not the paddler" → "The plan covers the first buyer
    only"); None when it says no swapped phrase."""
    for before, after in swaps:
        at = clause.lower().find(before.lower())
        if at >= 0:
            return clause[:at] + after + clause[at + len(before) :]
    return None


@dataclass(frozen=True)
class _Flip:
    question: str
    head: Unit
    """The answer's "Yes." or "No."."""
    was: str
    """The head's word as written ("Yes")."""
    reason: Unit
    said: str
    """The reason said as the new rule."""


def _flips(facts: ChangeFacts, impact: ImpactView) -> tuple[list[_Flip], CaseTold | None] | None:
    """The item's FAQ answers the change flips, and the charge told with its case; None when
    one of them cannot be rewritten confidently (a head with more after it)."""
    charge = new_charge(facts)
    told = charge.case_told if charge is not None else None
    if told is None:
        return [], None
    marked = {conflict.sentence for conflict in impact.conflicts}
    item_units = list(impact.units)
    swaps = swapped_words(facts)
    found: list[_Flip] = []
    for index, unit in enumerate(item_units):
        if unit.text not in marked or index == 0 or len(unit.text) > _MAX:
            continue
        head_unit = item_units[index - 1]
        head = yes_no_head(head_unit.text)
        if head is None or head.lower() not in _FLIP or unit.start - head_unit.end > 1:
            continue
        question = asked(item_units, index - 1)
        # the answer is about the charged case: its question names who pays
        if question is None or not set(terms(question)) & told.who:
            continue
        if flat(head_unit.text).rstrip(" .!").lower() != head.lower():
            return None  # a head with more after it: the writer's
        first = _CLAUSE_CUT.split(flat(unit.text), maxsplit=1)[0]
        clause = _reason(CONTRAST.sub("", first + ",").rstrip(","), swaps)
        said = told.said
        if clause is not None:
            said = f"{clause.rstrip(' .')}; {said[:1].lower()}{said[1:]}"
        found.append(_Flip(question, head_unit, head, unit, said))
    return found, told


def flipped_answer_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item with each FAQ answer the change flips rewritten: its yes/no head flipped and
    its reason said as the new rule; None when the item has no such answer, or one cannot be
    rewritten confidently."""
    flips = _flips(facts, impact)
    if flips is None:
        return None
    found, told = flips
    if not found or told is None:
        return None
    changes: dict[int, str] = {}
    for flip in found:
        changes[flip.head.start] = flip.head.raw.strip().replace(
            flip.was, _FLIP[flip.was.lower()], 1
        )
        changes[flip.reason.start] = flip.said

    def rewrite(unit: Unit) -> str | Keep:
        return changes.get(unit.start, Keep.UNIT)

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None:
        return None
    answers = " ".join(f"\u201c{f.head.text} {f.reason.text}\u201d" for f in found)
    return new_body, (
        f"The new prompt now charges the case this {impact.item.kind}'s question asks about "
        f"({told.said!r}); its answer {answers} said the old rule. The edit turns the answer "
        "round and says the new rule once in its place; everything else kept."
    )


def flipped_answer_fact(facts: ChangeFacts, impact: ImpactView) -> str | None:
    """For a drafting model: the item's FAQ answers the change flips, and how the template
    says them."""
    flips = _flips(facts, impact)
    if not flips or not flips[0]:
        return None
    return "; ".join(
        f"the answer to \u201c{f.question}\u201d opens \u201c{f.head.text}\u201d and restates "
        f"the old rule: it is now \u201c{_FLIP[f.was.lower()]}\u201d, its reason said as the new "
        f"rule once (\u201c{f.said}\u201d)"
        for f in flips[0]
    )


def head_unflipped(facts: ChangeFacts, impact: ImpactView, new_body: str) -> list[str]:
    """A drafting model's edit that keeps the head of an answer the change flips ("Yes." under
    the question about the case now charged)."""
    flips = _flips(facts, impact)
    if not flips or not flips[0]:
        return []
    new_units = units(plain_text(new_body, impact.item.body_format))
    problems = []
    for flip in flips[0]:
        for index in range(len(new_units) - 1):
            if asked(new_units, index + 1) != flip.question:
                continue
            head = yes_no_head(new_units[index + 1].text)
            if head is not None and head.lower() == flip.was.lower():
                problems.append(
                    f"the answer to \u201c{flip.question}\u201d still opens "
                    f"\u201c{head}\u201d: the change turns it round; say "
                    f"\u201c{_FLIP[flip.was.lower()]}.\u201d and the new rule "
                    f"(\u201c{flip.said}\u201d)"
                )
    return problems
