"""Whom a new prompt says a value of, in its own words, and the every-case claims a sentence
loses once it says the value by case.

A change that moves a value for a subset ("Parties of more than 8 riders pay a deposit of
40% …; parties of 8 or fewer pay 25%.") reaches conversations no KB can name ("conversations
with group size over 10"); the new prompt names both sides as the subject of the clause that
states each value. `value_subject` reads that subject, and `case_subject` keeps it only when
it names the change's case (a word of the condition's variable, or its bound), so a sentence
whose subject is anyone ("Customers pay 20%") names no side.

A KB sentence saying the old value for everyone, once it is given the subset's value beside
the others', no longer holds whatever the case: a leading "Whether there are two of you or
twenty," (alternatives that are amounts, or name the case's kind) and a closing ", whatever
the size of your order" or ", however big or small" (a claim over an amount or the case's
kind) go (`without_case_claims`); a claim about anything else ("whatever the weather") stays.

Pure text helpers for the writers (`template._edit_promises`), bounded: clauses are read up to
a few thousand characters and each pattern runs once per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from behaviordiff.detect.quantities import count_words
from behaviordiff.drafting.rules import where_stated
from behaviordiff.drafting.text import terms

if TYPE_CHECKING:
    from behaviordiff.detect.model import Condition

_MAX = 4000
_CODE = re.compile(r"\s*\([^()]*`[^()]*\)|`[^`]*`")
_JOINED = re.compile(r";\s*|,\s+(?:and|but|while|whereas)\s+|(?<=[.!?])\s+")
_CLAUSES = re.compile(_JOINED.pattern + r"|:\s+")
_SUBJECT = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?P<who>[A-Za-z][^,;:.()]{0,100}?)\s+(?=(?:now\s+|still\s+|only\s+|"
    r"also\s+|always\s+)?(?:pay|pays|get|gets|receive|receives|have|has|are|is|can|may|will|"
    r"keep|keeps|qualify|qualifies|need|needs|must|ride|rides|travel|travels|go|goes|stay|"
    r"stays|cost|costs|earn|earns|owe|owes)\b)",
    re.I,
)
_VERBS = (
    "now still only also always pay pays get gets receive receives have has are is can may will "
    "keep keeps qualify qualifies need needs must ride rides travel travels go goes stay stays "
    "cost costs earn earns owe owes charged charge"
)
_NO_SUBJECT = frozenset(
    {"if", "when", "the", "you", "we", "they", "it", "this", "that", "there", "every", "all"}
    | {"each", "any", "everyone", "everybody", "customers", "i", "tell", "ask", "say"}
)
"""First words of no case's subject: a condition, a pronoun, an order to the agent, or
everyone ("All bookings pay 20%")."""
_MAX_WORDS = 8
_VERB_TERMS = frozenset(terms(_VERBS))


def value_subject(sentence: str, value: str) -> str | None:
    """`value_said`'s subject alone."""
    said = value_said(sentence, value)
    return said[0] if said is not None else None


def value_clause(sentence: str, value: str) -> str | None:
    """The one clause of `sentence` that states `value`, when the sentence has several
    (`_JOINED`: a semicolon, ", and", ", but", not a colon, whose second part says more of the
    first: "… you won't pay a penny: the whole price comes back to you"); None when it is one
    clause, or no clause or more than one states it."""
    text = " ".join(sentence[:_MAX].split())
    parts = _JOINED.split(text)
    if len(parts) < 2:
        return None
    clauses = [part for part in parts if where_stated(value, part)]
    return clauses[0] if len(clauses) == 1 else None


def value_said(sentence: str, value: str) -> tuple[str, frozenset[str]] | None:
    """(subject, thing) of the one clause of `sentence` that states `value`: who it is said
    of ("parties of more than 8 riders" for 40% in "Parties of more than 8 riders pay a deposit
    of 40% …; parties of 8 or fewer pay 25%."), lower-cased first, and the stems of what it is
    the value of, between the verb and the value ("deposit"; none in "parties of 8 or fewer pay
    25%"). None when no one clause states it, or its subject is a condition, a pronoun or
    everyone."""
    text = _CODE.sub("", " ".join(sentence[:_MAX].split()))
    clauses = [part for part in _CLAUSES.split(text) if where_stated(value, part)]
    if len(clauses) != 1:
        return None
    clause = clauses[0]
    found = _SUBJECT.match(clause)
    if found is None:
        return None
    who = found.group("who").strip()
    words = who.split()
    if len(words) > _MAX_WORDS or words[0].lower() in _NO_SUBJECT:
        return None
    stated = where_stated(value, clause)
    between = clause[found.end() : stated[0].start()] if stated else ""
    thing = frozenset(terms(between)) - _VERB_TERMS
    return (who if who[:2].isupper() else who[:1].lower() + who[1:]), thing


def case_marks(conditions: Sequence[Condition]) -> set[str]:
    """What names a change's case: the words of its condition's variables ("group", "size"
    for `group_size`) and its bounds, in digits and in words ("10", "ten")."""
    marks: set[str] = set()
    for condition in conditions[:1]:
        for atom in condition.atoms:
            if atom.op == "tag":
                continue
            name = atom.feature.rsplit(".", 1)[-1]
            marks |= set(terms(name.replace("_", " ")))
            for bound in (atom.value, atom.low, atom.high):
                if isinstance(bound, bool) or not isinstance(bound, (int, float)):
                    continue
                if float(bound).is_integer():
                    marks.add(str(int(bound)))
                    words = count_words(float(bound))
                    if words:
                        marks |= set(terms(words.replace("-", " ")))
    return marks


def case_subject(
    sentences: Sequence[str], value: str, marks: Collection[str], old: str = ""
) -> str | None:
    """The subject of the first of `sentences` saying `value` of a case (`value_subject`) that
    names the change's case (`marks`: `case_marks`) in words the old rule (`old`) did not say."""
    said = case_said(sentences, value, marks, old)
    return said[0] if said is not None else None


def case_said(
    sentences: Sequence[str], value: str, marks: Collection[str], old: str = ""
) -> tuple[str, frozenset[str]] | None:
    """`case_subject` with the thing the value is of (`value_said`)."""
    old_words = set(terms(old))
    for sentence in sentences:
        found = value_said(sentence, value)
        if found is None:
            continue
        said = set(terms(found[0]))
        if said & set(marks) and said - old_words:
            return found
    return None


_AMOUNT_WORDS = frozenset(
    {"size", "big", "bigger", "small", "smaller", "large", "many", "much", "amount", "number"}
    | {"value", "long", "short", "old", "young", "age", "few", "spend", "total"}
)
"""Words a claim over an amount says ("whatever the size of your order", "however big or
small", "however many of you")."""
_AMOUNT_TERMS = frozenset(terms(" ".join(sorted(_AMOUNT_WORDS))))
_COUNT = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|dozen|couple|few|many|single|solo)\b",
    re.I,
)
_WHETHER_LEAD = re.compile(
    r"^(?P<space>\s*)(?:whether|however|whatever|no\s+matter\s+(?:how|what))\s+"
    r"(?P<claim>[^,;:.!?()]{1,100}),\s+",
    re.I,
)
"""A leading claim: "Whether there are two of you or a dozen, …", "However big your order, …"."""
_TAIL = re.compile(
    r",\s*(?P<claim>(?:whether|whatever|however|no\s+matter|regardless\s+of)\s+"
    r"[^,;:.!?()]{1,100}?)(?=\s*(?:[.!?]\s*$|$|\|))",
    re.I,
)
"""A closing claim: ", whatever the size of your order", ", however big or small"."""


def _over_case(claim: str, kinds: Collection[str]) -> bool:
    """Whether a claim is over the change's variable: alternatives that are amounts ("two of
    you or twenty"), an amount's words ("size", "big or small"), or the case's kind."""
    said = set(terms(claim))
    if said & set(kinds):
        return True
    if said & _AMOUNT_TERMS:
        return True
    alternatives = re.split(r"\s+or\s+", claim)
    return len(alternatives) == 2 and all(_COUNT.search(side) for side in alternatives)


def without_case_claims(raw: str, kinds: Collection[str]) -> str:
    """`raw` without a leading or closing claim that it holds whatever the case is, where the
    claim is over the change's variable (`_over_case`); `raw` as it is otherwise."""
    text = raw[:_MAX]
    lead = _WHETHER_LEAD.match(text)
    if lead is not None and _over_case(lead.group("claim"), kinds):
        rest = raw[lead.end() :]
        if rest.strip():
            raw = lead.group("space") + rest[:1].upper() + rest[1:]
    tail = _TAIL.search(raw[:_MAX])
    if tail is not None and _over_case(tail.group("claim"), kinds):
        raw = raw[: tail.start()] + raw[tail.end() :]
    return raw
