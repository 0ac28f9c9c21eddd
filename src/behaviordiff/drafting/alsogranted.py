"""A shorter requirement granted to one case beside the old one: "Exception: if the bike was
stolen, a replacement key can also be cut with 3 days' notice." added where the old rule asks
everyone for 10 days' notice. The added sentence says what the case "can also" have, with a
value in a unit ("3 days"); the old value in the same unit stays for everyone else.

A KB sentence on the permission's subject (every word of "a replacement key") that requires
the old value in that unit ("Replacement keys need 10 days' notice"), or refuses with less of
the value's own noun ("Keys ordered with less notice can't be cut"), says the old rule for every
case; what merely confirms the old rule was met ("As you gave us 10 days' notice, your key is
on its way") stays true, and so does the old value said of another subject. The edit
(`also_granted_edit`) says the granted case beside the old requirement, in the prompt's words:
"need 10 days' notice (or 3 days' notice if the bike is stolen)", "with less notice (or, if
the bike is stolen, less than 3 days' notice) can't be cut"; every other byte is kept.
Matching is on the prompt's own words and the sentence's structure: no word of any domain is
known here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, rewrite_marked
from behaviordiff.drafting.rules import kb_rule
from behaviordiff.drafting.text import stem, still_saying, terms

ALSO_GRANTED_REASON = "requires the old value of everyone; the new prompt grants a case:"

_ALSO = re.compile(r"\b(?:can|may)\s+also\b", re.I)
_VALUE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s+([A-Za-z]+)(?:['’]s?)?(?:\s+([A-Za-z]+))?")
_CASE = re.compile(r"\bif\s+([^,;]+)", re.I)
"""The case an added sentence grants on, to its clause's end: "if the report is filed, and we
waive the fee" is the case "the report is filed"."""
_ENDS = re.compile(r"['’]?\s*(?:$|[.;:!?),|]|\s(?:and|but|or|so)\s)")
"""What may follow an old value the case goes after: its clause's end."""
_THAN = re.compile(r"\s+than\b", re.I)
_REQUIRES = re.compile(r"\b(?:needs?|requires?|must)\b", re.I)
_REFUSES = re.compile(r"\b(?:can['’]?t|cannot|can not|won['’]t|not|no)\b", re.I)
_LESS = re.compile(r"\b(?:less|shorter|fewer)\s+([A-Za-z]+)", re.I)


def _base(word: str) -> str:
    """`word`'s stem, a short plural's "s" out too ("keys", "days")."""
    found = stem(word.lower())
    return found[:-1] if len(found) > 2 and found.endswith("s") and found[-2] != "s" else found


def _terms(text: str) -> set[str]:
    return {_base(word) for word in terms(text)}


@dataclass(frozen=True)
class AlsoGranted:
    """The granted case's KB sentence (`sentence`), the subject it is granted on (`subject`
    stems), the granted value ("3", unit "day", its noun "notice") and the case's words."""

    sentence: str
    subject: frozenset[str]
    number: str
    unit: str
    noun: str
    case: frozenset[str]
    value: str = ""
    """The granted value as the prompt says it ("3 days' notice")."""
    when: str = ""
    """The case as the prompt says it ("the bike is stolen")."""

    def states(self, text: str) -> list[tuple[str, str, str]]:
        """(number, unit stem, noun stem) of each value in `text`."""
        return [
            (m.group(1), _base(m.group(2)), _base(m.group(3) or "")) for m in _VALUE.finditer(text)
        ]


def also_granted(facts: ChangeFacts) -> AlsoGranted | None:
    """The change's granted case when it holds for some customers only and an added prompt
    sentence says what they "can also" have, with a value in a unit, else None."""
    if not facts.restricted or not facts.conditions:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_added" or not rule.new:
            continue
        said = kb_rule(rule.new)
        if said is None:
            continue
        statement = said.statement
        also = _ALSO.search(statement)
        value = _VALUE.search(statement)
        case = _CASE.search(statement)
        if also is None or value is None or case is None or value.start() < also.end():
            continue
        subject = frozenset(word for word in _terms(statement[: also.start()]) if len(word) > 2)
        if not subject:
            continue
        return AlsoGranted(
            said.sentence,
            subject,
            value.group(1),
            _base(value.group(2)),
            _base(value.group(3) or ""),
            frozenset(_terms(case.group(1))),
            value.group(0),
            case.group(1).strip(),
        )
    return None


def _requires_old(case: AlsoGranted, sentence: str, said: set[str]) -> bool:
    """Whether `sentence` requires another value in the granted value's unit of the subject."""
    if not case.subject <= said or _REQUIRES.search(sentence) is None:
        return False
    return any(
        unit == case.unit and number != case.number for number, unit, _ in case.states(sentence)
    )


def _refuses_less(case: AlsoGranted, sentence: str, said: set[str]) -> bool:
    """Whether `sentence` refuses the subject for less of the value's own noun ("with less
    notice … can't")."""
    if not case.subject & said or _REFUSES.search(sentence) is None:
        return False
    nouns = {case.unit, case.noun} - {""}
    return any(_base(m.group(1)) in nouns for m in _LESS.finditer(sentence))


def also_granted_reason(case: AlsoGranted, sentence: str) -> str | None:
    """Why `sentence` says the old requirement for every case, or None."""
    said = _terms(sentence)
    if case.case <= said:
        return None
    stated = case.states(sentence)
    if any(number == case.number and unit == case.unit for number, unit, _ in stated):
        return None
    if not (_requires_old(case, sentence, said) or _refuses_less(case, sentence, said)):
        return None
    return f"{ALSO_GRANTED_REASON} “{case.sentence}”"


def _old_value_end(case: AlsoGranted, text: str) -> int | None:
    """Where the old value in the granted value's unit ends in `text`: the one with the granted
    value's own noun ("10 days' notice", not "1 day to be cut"), else the only one, and only
    where its clause ends after it ("10 days.", not "10 days ahead"); else None."""
    olds = [
        found
        for found in _VALUE.finditer(text)
        if _base(found.group(2)) == case.unit and found.group(1) != case.number
    ]
    own = [found for found in olds if case.noun and _base(found.group(3) or "") == case.noun]
    if len(own) == 1:
        return own[0].end()
    if own or len(olds) != 1:
        return None
    end = olds[0].end(2)
    return end if _ENDS.match(text, end) else None


def with_case(case: AlsoGranted, raw: str) -> str | None:
    """`raw` with the granted case said beside the old requirement: "(or 3 days' notice if
    the bike is stolen)" after the old value, "(or, if …, less than 3 days' notice)" after a
    refusal's "less notice". None when it says no old requirement."""
    if also_granted_reason(case, raw) is None:
        return None
    said = _terms(raw)
    if _requires_old(case, raw, said):
        end = _old_value_end(case, raw)
        if end is not None:
            if raw[end : end + 1] in ("'", "’"):
                end += 1
            return f"{raw[:end]} (or {case.value} if {case.when}){raw[end:]}"
    if _refuses_less(case, raw, said):
        nouns = {case.unit, case.noun} - {""}
        for found in _LESS.finditer(raw):
            if _base(found.group(1)) in nouns:
                if _THAN.match(raw, found.end()):
                    return None  # "less notice than 10 days": no case goes inside it
                end = found.end()
                return f"{raw[:end]} (or, if {case.when}, less than {case.value}){raw[end:]}"
    return None


def also_granted_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts require the old value of everyone: each says
    the granted case beside it. None for any other change or item."""
    case = also_granted(facts)
    if case is None or not impact.conflicts:
        return None
    if not only_marked_for(impact.conflicts, ALSO_GRANTED_REASON):
        return None
    new_body = rewrite_marked(impact, lambda raw: with_case(case, raw))
    if new_body is None:
        return None, (
            f"Flagged for review: this {impact.item.kind} requires the old value of everyone; "
            f"the new prompt grants “{case.sentence}”, in words that cannot be put here."
        )
    return new_body, (
        f"The new prompt keeps the old requirement for everyone else and grants “{case.sentence}”"
        f" This {impact.item.kind} said the old one for every case; the edit says the granted "
        "case after it and keeps everything else."
    )


def also_granted_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a shorter requirement granted to one case
    (`also_granted`)."""
    case = also_granted(facts)
    if case is None:
        return None
    return (
        f"the new prompt adds “{case.sentence}”: a sentence requiring the old value of everyone "
        f"says the granted case beside it ({case.value} if {case.when}) and keeps the old "
        "value for everyone else"
    )


def still_also_granted(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still require the old value of everyone: what no
    drafter's edit may say."""
    case = also_granted(facts)
    if case is None:
        return []
    return still_saying(
        lambda unit: also_granted_reason(case, unit.text) is not None,
        conflicts,
        old_body,
        new_body,
        body_format,
    )
