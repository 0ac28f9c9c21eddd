"""A value changed from a date on: the new value is the rule, the old one stays for earlier cases.

"From 1 November 2026 the deposit is 30%. Orders placed before keep 20%." holds for every
order placed from the date on, and the old value only for the orders placed before it, a set
that no longer grows. A KB sentence stating the old value ("a deposit of twenty per cent (20%)
of the order total") so says the new value in place, in its own style, and the old one in
brackets for the earlier cases, in the prompt's words for what is dated and in the prompt's
date words: "a deposit of thirty per cent (30%) of the order total (20% for orders placed
before 1 November 2026)".

A share's complement moves with it: "The remaining 80%" is the rest of a 20% deposit, 70% of a
30% one, the old figure kept for the earlier cases the same way. A worked example of the old
share closing the sentence (", so £2,000 on a £10,000 kitchen") is no longer true and goes; a
new one is never computed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.detect.calendardates import iso_day, written_day
from behaviordiff.detect.facts import Promise
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.percentwords import restate_percent

__all__ = [
    "DateCutoff",
    "complement_rewrite",
    "cutoff_facts",
    "date_cutoff",
    "kept_complement",
    "kept_for_earlier",
    "without_worked_example",
]

_SINCE = {">=": "on or after", ">": "after"}
_EARLIER = {">=": "before", ">": "on or before"}


@dataclass(frozen=True)
class DateCutoff:
    """Who gets a change that holds from a date on, and who keeps the old value."""

    since: str
    """"orders placed on or after 1 November 2026"."""
    earlier: str
    """"orders placed before 1 November 2026"."""


def date_cutoff(facts: ChangeFacts) -> DateCutoff | None:
    """The cutoff of a change whose condition bounds one variable of dates from below (topic
    tags aside), said in the prompt's words for what is dated ("orders placed") and written
    like the prompt's dates; None for any other condition, or when the prompt does not say
    what its dates are dates of (a KB cannot name "conversations")."""
    condition = facts.condition
    dated = facts.dated
    if condition is None or dated is None or not dated.subject:
        return None
    bounds = [atom for atom in condition.atoms if atom.op != "tag"]
    if len(bounds) != 1 or bounds[0].op not in _SINCE:
        return None
    atom = bounds[0]
    day = iso_day(atom.value) if isinstance(atom.value, str) else None
    if day is None:
        return None
    shown = written_day(day, dated.like)
    return DateCutoff(
        f"{dated.subject} {_SINCE[atom.op]} {shown}",
        f"{dated.subject} {_EARLIER[atom.op]} {shown}",
    )


def _bracketed(found: str, value: str, kind: str) -> str:
    """`value` as a bracket after the new one says it: a percentage in the sentence's style
    with no nested gloss, a words form in lower case ("twenty per cent")."""
    said = restate_percent(found, value, bracketed=True) if kind == "percent" else value
    return said[:1].lower() + said[1:] if said[:1].isalpha() else said


def kept_for_earlier(found: str, old: Promise, cutoff: DateCutoff) -> str:
    """The bracket that keeps the old value, as the sentence wrote it (`found`), for the cases
    before the cutoff, to go right after the new value's clause (or, in a table cell, right
    after the value): " (20% for orders placed before 1 November 2026)"."""
    return f" ({_bracketed(found, old.value, old.kind)} for {cutoff.earlier})"


_REMAINING = re.compile(
    r"\b(?P<lead>(?:the\s+)?(?:remaining|other|rest(?:\s+of\s+the)?|outstanding)\s+)"
    r"(?P<share>\d+(?:\.\d+)?)\s?%",
    re.I,
)
"""A share said as what is left of another: "the remaining 80%", "the other 60%"."""


def complement_rewrite(raw: str, old: str, new: str, cutoff: DateCutoff | None) -> str | None:
    """`raw` with the complement of the old share ("The remaining 80%" of a 20% deposit) said
    as the new share's ("The remaining 70%" of 30%), the old complement in brackets for the
    earlier cases when the change holds from a date on; None when `raw` states no such
    complement."""
    old_share, new_share = _percent(old), _percent(new)
    if old_share is None or new_share is None or not 0 < new_share < 100:
        return None
    was, now = 100 - old_share, 100 - new_share
    found = next(
        (m for m in _REMAINING.finditer(raw) if abs(float(m.group("share")) - was) < 1e-9),
        None,
    )
    if found is None:
        return None
    said = f"{found.group('lead')}{now:g}%"
    if cutoff is not None:
        said += f" ({was:g}% for {cutoff.earlier})"
    return raw[: found.start()] + said + raw[found.end() :]


def _percent(value: str) -> float | None:
    if not value.strip().endswith("%"):
        return None
    try:
        return float(value.strip().removesuffix("%"))
    except ValueError:
        return None


_AMOUNT = re.compile(r"(?P<sign>[$€£])\s?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
_EXAMPLE_CLAUSE = re.compile(
    r"(?:,\s+(?:so|e\.g\.|for example|for instance|that's|that is|say)\s+"
    r"|(?<!\s)\s++[(—–-]\s*(?:so|e\.g\.)?\s*)"
    r"(?P<example>[^.;!?()]*)(?P<close>\)?)(?=[.!?]?\s*$)",
    re.I,
)
"""The clause that ends a sentence with a worked example: ", so £2,000 on a £10,000 kitchen"."""


_OPENER_MARKS = 8
"""How many characters other than spaces of a clause opening an example may come before its
last mark: "(" or ", e.g" hold at most four."""


def _last_clause(raw: str) -> int:
    """Where a closing example clause may start at the earliest: its example holds no mark
    (".;!?()"), so it opens after the last one before the sentence's ending, or right before it
    (spaces and "(" or ", e.g"). Searching from every dash or space of a long sentence would scan
    each to that mark (quadratic)."""
    end = len(raw.rstrip())
    end -= raw[end - 1 : end] in (".", "!", "?")
    end -= raw[end - 1 : end] == ")"
    start, marks = max(0, max(raw.rfind(mark, 0, end) for mark in ".;!?()")), _OPENER_MARKS
    while start > 0 and (raw[start - 1].isspace() or marks > 0):
        marks -= not raw[start - 1].isspace()
        start -= 1
    return start


def without_worked_example(raw: str, old: str) -> str | None:
    """`raw` less the closing clause that works an example out at the old share (", so
    £2,000 on a £10,000 kitchen" at 20%): such an example is no longer true, and a new one is
    never computed; None when `raw` closes with no such clause."""
    share = _percent(old)
    if share is None:
        return None
    for found in _EXAMPLE_CLAUSE.finditer(raw, _last_clause(raw)):
        amounts = [
            (m.group("sign"), float(m.group("n").replace(",", "")))
            for m in _AMOUNT.finditer(found.group("example"))
        ]
        worked = any(
            sign == other and base > 0 and abs(part - base * share / 100) <= 0.01
            for sign, base in amounts
            for other, part in amounts
        )
        if worked:
            return raw[: found.start()] + raw[found.end() :]
    return None


def cutoff_facts(facts: ChangeFacts, moves: Sequence[tuple[str, str]]) -> list[str]:
    """What a model drafting an edit is told of the rewrites above, as the template makes
    them: the old value kept for the earlier cases of a change from a date on, and a moved
    share's complement (`moves`: the change's (old, new) values)."""
    said: list[str] = []
    cutoff = date_cutoff(facts)
    if cutoff is not None:
        said.append(
            f"the change holds from a date on: state the new value for {cutoff.since} and "
            f"keep the old one, in brackets after it, for {cutoff.earlier}"
        )
    for old, new in moves:
        old_share, new_share = _percent(old), _percent(new)
        # a share of 100% or more (or not a number: "nan%") leaves no rest to state
        if old_share is None or new_share is None or not 0 < new_share < 100 > old_share > 0:
            continue
        said.append(
            f"what is left of the share {old} (“the remaining {100 - old_share:g}%”) is now "
            f"“the remaining {100 - new_share:g}%”: change it with the share"
        )
    return said


def kept_complement(sentence: str, moves: Sequence[tuple[str, str]]) -> str | None:
    """The problem with a sentence a model wrote that still states the old share's complement
    ("The remaining 80%" where 20% became 30%) and not the new one; None when it states none."""
    for old, new in moves:
        moved = complement_rewrite(sentence, old, new, None)
        if moved is None:
            continue
        new_share = _percent(new)
        if new_share is None or f"{100 - new_share:g}%" in sentence:
            continue  # says the new complement too ("70% (80% for earlier orders)")
        return (
            f"“{sentence}” still states what is left of the old share {old}; with {new} it is "
            f"{100 - new_share:g}%"
        )
    return None
