"""A term once given whatever the case, now given on one side of a line only: the old prompt
did an action "however close to the event they cancel", the new one does it on one side and
withholds it on the other, saying both sides (`promptrule.sided_rule`), so the change's call
(named verb then object, `refund_deposit`) is no longer made on the changed side.

The KB units that still give the term for every case conflict (`claim_sides_units`): a table
row whose label names the action's object with a cell saying the action ("| Deposit | … |
Fully refundable |"), a sentence naming the object with a claim for every case ("Your deposit
is always refunded if you cancel"), and a claim for every case answering a question that names
the object ("Do I get my deposit back?" → "Yes, whenever you cancel."). A unit already naming
a bound, or naming another object, stays.

The edit (`claim_sides_edit`) puts the two-sided rule where the claim was: the sentence's
place, the cell's value; every other byte stays."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.context import is_question, said_under
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, with_marked_units
from behaviordiff.drafting.oldside import customer_voice
from behaviordiff.drafting.promptrule import customer_noun, sided_rule
from behaviordiff.drafting.rules import base_form, is_person_noun
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, row_cells, terms

CLAIM_SIDES_REASON = "gives the old term for every case, which the new prompt gives on one side"

_PROMPT_CLAIM = re.compile(
    r"\b(?:however|whatever|whichever|no\s+matter|regardless\s+of|irrespective\s+of)\b", re.I
)
"""A prompt's claim of one rule whatever the case ("however close to the event they cancel")."""
_KB_CLAIM = re.compile(
    r"\b(?:always|whenever|however|whatever|whichever|no\s+matter|regardless|any\s?time|"
    r"every\s+time)\b",
    re.I,
)
_BOUNDED = re.compile(
    r"\b(?:more\s+than|less\s+than|fewer|unless|except|only\s+if|or\s+more|or\s+less|"
    r"at\s+least|at\s+most|outside|earlier|later\s+than)\b",
    re.I,
)
"""Words of a unit already naming a case or a line: it is not a claim for every case."""


@dataclass(frozen=True)
class ClaimSides:
    """`verb` and `subject`, the stems of the withdrawn call's action and of its object;
    `statement`, the new prompt's rule on both sides, voiced."""

    verb: str
    subject: frozenset[str]
    statement: str
    lines: frozenset[str] = frozenset()
    claim_terms: frozenset[str] = frozenset()
    """The stems the old prompt's claim ranged over ("whatever week they leave": week, leave)."""

    def bounded(self, text: str) -> bool:
        """Whether `text` already names a case or the line: no claim for every case."""
        numbers = set(re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", text))
        return bool(_BOUNDED.search(text) or numbers & self.lines)


def claim_sides(facts: ChangeFacts) -> ClaimSides | None:
    """The withdrawn action's term once claimed for every case, and the two-sided rule that
    replaces the claim; None for any other change."""
    if not facts.restricted:
        return None
    after = {action.name for action in facts.after_actions}
    dropped = [action for action in facts.before_actions if action.name not in after]
    if len(dropped) != 1 or facts.after_actions:
        return None
    words = dropped[0].name.split("_")
    if len(words) < 2:
        return None
    claims = [
        rule.old
        for rule in facts.rules
        if rule.kind == "sentence_changed"
        and rule.old
        and rule.new
        and _PROMPT_CLAIM.search(rule.old)
        and not _PROMPT_CLAIM.search(rule.new)
    ]
    if not claims:
        return None
    claim_terms = set()
    for old in claims:
        for found in _PROMPT_CLAIM.finditer(old):
            span = re.match(r"[^.,;:!?()`]*", old[found.end() :])
            claim_terms |= set(terms(span.group(0) if span else ""))
    sided = sided_rule(facts)
    verb = terms(words[0])
    subject = frozenset(terms(" ".join(words[1:])))
    if sided is None or len(verb) != 1 or not subject:
        return None
    lines = {
        f"{bound:g}"
        for atom in (facts.condition.atoms if facts.condition else ())
        for bound in (atom.value, atom.low, atom.high)
        if isinstance(bound, float | int) and not isinstance(bound, bool)
    }
    return ClaimSides(
        verb[0],
        subject,
        _to_you(sided.statement.rstrip(".") + ".", facts, claims),
        frozenset(lines),
        frozenset(claim_terms) - subject - {verb[0]},
    )


_CASE_SUBJECT = re.compile(
    r"\b(?P<lead>(?:if|when|once|unless)\s+)(?:a|an|the|any|each|every)\s+(?P<noun>[a-z]+)\s+"
    r"(?P<verb>[a-z]+)\b",
    re.I,
)


def _to_you(statement: str, facts: ChangeFacts, claims: Sequence[str]) -> str:
    """`statement` with the customer its cases are put on said as "you" ("If a hirer cancels"
    → "If you cancel"): a noun of a person (`is_person_noun`), the prompt's own noun for its
    customer (`customer_noun`), or the case's subject the old rule tells things ("If a hirer
    cancels … Tell them …"). Any other subject stays (and `_customer_voiced` then refuses)."""
    customer = customer_noun(facts.prompt_sentences())
    told = any(re.search(r"\btell\s+them\b", old, re.I) for old in claims) or any(
        rule.new and re.search(r"\btell\s+them\b", rule.new, re.I) for rule in facts.rules
    )

    def said(found: re.Match[str]) -> str:
        noun = found.group("noun")
        ours = any(
            re.search(rf"\b(?:if|when|once)\s+(?:a|an|the)\s+{re.escape(noun)}\b", old, re.I)
            for old in claims
        )
        if not (is_person_noun(noun) or noun.lower() == customer or (told and ours)):
            return found.group(0)
        return f"{found.group('lead')}you {base_form(found.group('verb'))}"

    return customer_voice(_CASE_SUBJECT.sub(said, statement))


def _says_verb(change: ClaimSides, text: str) -> bool:
    return any(term.startswith(change.verb) for term in terms(text))


_COMPLEMENT = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s+(?:to|into|onto|by|via|as|through)\b", re.I)
"""After the verb: a complement naming where or how ("refunded to the card you paid with")."""


def _about_another_aspect(change: ClaimSides, text: str) -> bool:
    """Whether the claim word in `text` qualifies where or how the action is done, not whether
    it is done: the verb takes a method or place complement and the sentence names none of
    the cases the old prompt's claim ranged over."""
    if set(terms(text)) & change.claim_terms:
        return False
    return any(
        any(term.startswith(change.verb) for term in terms(word.group(0)))
        and _COMPLEMENT.match(text, word.end())
        for word in re.finditer(r"[A-Za-z][\w'’-]*", text)
    )


_VOICE = re.compile(r"\b(?:you|your|we|our|us)\b", re.I)
_OPENER = re.compile(
    r"(?:you|your|we|our|us|it|its|the|this|that|there|they|their|and|but|so|or)\b", re.I
)


def _customer_voiced(statement: str) -> bool:
    """Whether `statement` speaks to the customer: it says "you" or "we", no case is put on
    someone else ("If a student leaves"), and no main clause after an opening case ("If …, ")
    starts on an instruction to the agent ("close the enrolment")."""
    if not _VOICE.search(statement):
        return False
    for sentence in re.split(r"(?<=[.!?])\s+", statement.strip()):
        case = re.match(
            r"(?:if|when|once|for|after|before|within|until|unless)\b([^,]*),\s*", sentence, re.I
        )
        if case is None:
            continue
        if re.match(r"\s*(?:a|an|any|each|every)\s+[a-z]+\s+[a-z]+s\b", case.group(1), re.I):
            return False
        if not _OPENER.match(sentence, case.end()):
            return False
    return True


_BARE = re.compile(r"(?:yes|no|of course|sure|correct)\W*$", re.I)


def _claim_only(text: str) -> bool:
    """Whether every clause of `text` carries the claim (or is a bare "Yes"): replacing the
    whole sentence then loses nothing else it says."""
    return all(
        _KB_CLAIM.search(clause) or _BARE.match(clause.strip())
        for clause in re.split(r"[,;:]\s+", text.strip().rstrip(".!"))
    )


def claim_sides_units(change: ClaimSides, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units giving the old term for every case, each with its reason."""
    reason = f"{CLAIM_SIDES_REASON}: “{change.statement}”"
    under = said_under(item_units)
    marked: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        said = unit.text
        if said.startswith("#") or is_question(unit):
            continue
        if said.startswith("|"):
            cells = row_cells(said)
            if (
                len(cells) >= 2
                and set(terms(cells[0])) & change.subject
                and any(_says_verb(change, cell) and not change.bounded(cell) for cell in cells[1:])
            ):
                marked[index] = reason
            continue
        if change.bounded(said) or not _KB_CLAIM.search(said):
            continue
        if _about_another_aspect(change, said):
            continue
        near = under[index].near
        named = set(terms(said)) & change.subject
        asked = bool(near) and near.rstrip().endswith("?") and set(terms(near)) & change.subject
        if (named and _says_verb(change, said)) or asked:
            marked[index] = reason
    return marked


def claim_sides_conflicts(
    facts: ChangeFacts,
    item_units: list[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the units giving the old term for every case (`claim_sides_units`) marked,
    for a change giving it on one side of a line; `found` as it is for any other change."""
    change = claim_sides(facts)
    if change is None:
        return found
    return with_marked_units(found, claim_sides_units(change, item_units), item_units, make)


def claim_sides_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose every conflict gives the old term for every case: the
    two-sided rule in each one's place (a row's cell saying the action takes it as its value);
    None for any other change or item."""
    change = claim_sides(facts)
    if change is None or not impact.conflicts:
        return None
    marked = claim_sides_units(change, impact.units)
    conflicting = {c.sentence for c in impact.conflicts}
    if not conflicting <= {impact.units[i].text for i in marked}:
        return None

    voiced = _customer_voiced(change.statement)

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in conflicting:
            return Keep.UNIT
        if not voiced:
            # the prompt's rule in the agent's voice: never written to a customer
            return Keep.BLOCK
        raw = unit.raw.rstrip()
        tail = unit.raw[len(raw) :]
        if not unit.text.startswith("|"):
            # only a sentence saying the claim and nothing else is replaced whole
            return change.statement + tail if _claim_only(unit.text) else Keep.BLOCK
        cells = raw.split("|")
        for at in range(2, len(cells) - 1):
            if _says_verb(change, cells[at]):
                pad = cells[at][: len(cells[at]) - len(cells[at].lstrip())]
                cells[at] = f"{pad}{change.statement} "
                return "|".join(cells) + tail
        return Keep.BLOCK

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    noun = impact.item.kind
    quoted = " ".join(f"“{s}”" for s in sorted(conflicting))
    if new_body is None:
        return None, (
            f"No safe rewrite: this {noun} gives the old term for every case in {quoted}, "
            f"which the new prompt gives on one side only: “{change.statement}”"
        )
    return new_body, (
        f"The new prompt no longer gives the term for every case: “{change.statement}” This "
        f"{noun} still did in {quoted}: the edit says both sides there and keeps everything else."
    )
