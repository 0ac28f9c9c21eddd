"""A case appended to a rule the new prompt keeps word for word: "We service every boiler once
every 24 months." became "We service every boiler once every 24 months, or once every 12 months
for boilers over 15 years old." The old sentence is the new one's head; the tail joined to it
("or …", "but …", "except …") gives another amount in the old amount's unit, for the customers
the change's condition names. Everyone else keeps the old rule, so text on the old action
(what happens when the rule is met) stays true.

A KB sentence stating the old amount ("24 months") in the old sentence's own words (two content
words of it, the amount's unit aside) says the rule as if it held for all: its edit
(`appended_case_edit`) says the appended tail right after the old amount, every other byte
kept ("we service your boiler once every 24 months, or once every 12 months for boilers over
15 years old, at no cost"). Matching is literal on the prompt's own words: no word of any
domain is known here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.detect.similarity import STOPWORDS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, rewrite_marked

APPENDED_CASE_REASON = "states the old rule for everyone; the new prompt adds a case:"

_END_CHARS = " \t\n.;:!"
_JOINED = re.compile(r",?\s+(?:or|but|except|unless)\b", re.I)
_AMOUNT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s+([A-Za-z]+)")
_WORD = re.compile(r"[a-z][a-z'-]*")
_QUANTIFIERS = frozenset({"every", "once", "each", "all", "any"})
_SHARED_WORDS = 2
_CLOSED = re.compile(r"\s*(?:$|[.;:!?),])")


@dataclass(frozen=True)
class AppendedCase:
    """The old sentence's amount (`old_amount`, "24 months"), the tail the new prompt joins
    to the kept sentence (`tail`, ", or once every 12 months for …") and its new amount."""

    old_sentence: str
    old_amount: str
    new_amount: str
    tail: str

    def amount_pattern(self, amount: str) -> re.Pattern[str]:
        """`amount`'s number and unit, any white space between them, the unit's plural too."""
        number, unit = amount.split(" ", 1)
        return re.compile(
            rf"(?<![\w.]){re.escape(number)}\s+{re.escape(unit.rstrip('s'))}s?\b", re.I
        )


def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _unit(word: str) -> str:
    return _stem(word.lower())


def appended_case(facts: ChangeFacts) -> AppendedCase | None:
    """The change's appended case when it holds for some customers only and a changed prompt
    sentence is the old one with a joined tail giving another amount in the unit of an amount
    the old sentence states, else None."""
    if not facts.restricted or not facts.conditions:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old = rule.old.rstrip(_END_CHARS)
        new = rule.new.rstrip(_END_CHARS)
        if len(new) <= len(old) or not new.startswith(old):
            continue
        tail = new[len(old) :]
        if _JOINED.match(tail) is None:
            continue
        olds = {_unit(m.group(2)): m for m in _AMOUNT.finditer(old)}
        for added in _AMOUNT.finditer(tail):
            said = olds.get(_unit(added.group(2)))
            if said is not None and said.group(1) != added.group(1):
                return AppendedCase(
                    old,
                    f"{said.group(1)} {said.group(2)}",
                    f"{added.group(1)} {added.group(2)}",
                    tail,
                )
    return None


def _content(text: str, case: AppendedCase) -> set[str]:
    unit = _unit(case.old_amount.split(" ", 1)[1])
    return {
        _stem(word)
        for word in _WORD.findall(text.lower())
        if word not in STOPWORDS and word not in _QUANTIFIERS and _stem(word) != unit
    }


def _old_amount_in(case: AppendedCase, text: str) -> re.Match[str] | None:
    """The old amount in `text` when `text` says the old rule in its words and not the new
    amount."""
    if case.amount_pattern(case.new_amount).search(text) is not None:
        return None
    found = case.amount_pattern(case.old_amount).search(text)
    if found is None:
        return None
    if len(_content(case.old_sentence, case) & _content(text, case)) < _SHARED_WORDS:
        return None
    return found


def appended_case_reason(case: AppendedCase, sentence: str) -> str | None:
    """Why `sentence` states the old rule the new prompt adds a case to, or None."""
    if _old_amount_in(case, sentence) is None:
        return None
    return f"{APPENDED_CASE_REASON} “{case.tail.lstrip(', ')}”"


def appended_said(case: AppendedCase, raw: str) -> str | None:
    """`raw` with the appended tail right after its old amount (a comma closing it before the
    sentence goes on), or None when it states no old rule."""
    found = _old_amount_in(case, raw)
    if found is None:
        return None
    after = raw[found.end() :]
    closing = "" if _CLOSED.match(after) else ","
    return raw[: found.end()] + case.tail + closing + after


def appended_case_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts state the old rule an appended case now
    qualifies: each says the tail after the old amount. None for any other change or item."""
    case = appended_case(facts)
    if case is None or not impact.conflicts:
        return None
    if not only_marked_for(impact.conflicts, APPENDED_CASE_REASON):
        return None
    new_body = rewrite_marked(impact, lambda raw: appended_said(case, raw))
    if new_body is None:
        return None, (
            f"Flagged for review: this {impact.item.kind} says {case.old_amount} for everyone; "
            f"the new prompt adds “{case.tail.lstrip(', ')}”, in words that cannot be put here."
        )
    return new_body, (
        f"The new prompt keeps {case.old_amount} and adds “{case.tail.lstrip(', ')}”. This "
        f"{impact.item.kind} said {case.old_amount} for everyone; the edit adds the new case "
        "after it and keeps everything else."
    )
