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

The new sentence may first say the old rule holds for every case ("We deliver within 3 miles of
the shop on any order, and up to 5 miles … for orders of £25 or more"): that aside is no part of
the tail, and the "and" after it joins the case as "or" does (and is said so). The tail goes
after the old amount and the words of the old sentence that follow it in the KB sentence too
("within 3 miles of the shop"); a claim there that the old rule holds whatever the case ("…,
whatever the size of the order", "…, on every order") on what the condition or the tail names
is no longer true and goes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from behaviordiff.detect.similarity import STOPWORDS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, rewrite_marked
from behaviordiff.drafting.splitclaim import listed_claim_length
from behaviordiff.drafting.text import END_CHARS, still_saying

APPENDED_CASE_REASON = "states the old rule for everyone; the new prompt adds a case:"

_JOINED = re.compile(r",?\s+(?:or|but|except|unless)\b", re.I)
_EVERY_ASIDE = re.compile(
    r"\s+(?:on|for|in|at|with)\s+(?:any|every|each|all)\s+\w+(?:\s+\w+)?(?=,)", re.I
)
"""The new sentence's claim that the old rule holds for every case, before the tail ("… of the
shop on any order, and up to 5 miles …"): two words at most, then the tail's comma."""
_AND_JOINED = re.compile(r",\s+and\b", re.I)
_EVERY_CLAIM = re.compile(
    r"(?:,\s*|\s+)(?P<claim>(?:whatever|whichever|regardless\s+of|no\s+matter|"
    r"(?:on|for|in|at|with)\s+(?:any|every|each|all)\b)"
    r"(?:(?!\s(?:and|but|or|so)\b)[^,;:.!?])*)",
    re.I,
)
"""A claim that the old rule holds whatever the case, after a comma or not ("… of the shop on
any order, …"), up to the clause's end or a joined clause ("… and we never charge for it")."""
_EVERY_HEAD = re.compile(
    r"\b(?:whatever|whichever|regardless\s+of|no\s+matter|"
    r"(?:on|for|in|at|with)\s+(?:any|every|each|all))\b",
    re.I,
)
_CLAIM_CHARS = 80
_CLAIM_END = re.compile(r"[,;:.!?]")
_TOKEN = re.compile(r"[^\s,;:.!?]+")
_SPACE = re.compile(r"\s*")
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
    case_words: frozenset[str] = frozenset()
    """Stems of the words naming the case: the tail's and the condition's variables'."""

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
        old = rule.old.rstrip(END_CHARS)
        new = rule.new.rstrip(END_CHARS)
        if len(new) <= len(old) or not new.startswith(old):
            continue
        tail = new[len(old) :]
        aside = _EVERY_ASIDE.match(tail)
        joined = _AND_JOINED.match(tail, aside.end()) if aside is not None else None
        if joined is not None:
            # the old rule for the rest, the case beside it: one or the other
            tail = ", or" + tail[joined.end() :]
        elif _JOINED.match(tail) is None:
            continue
        olds = {_unit(m.group(2)): m for m in _AMOUNT.finditer(old)}
        for added in _AMOUNT.finditer(tail):
            said = olds.get(_unit(added.group(2)))
            if said is not None and said.group(1) != added.group(1):
                case = AppendedCase(
                    old,
                    f"{said.group(1)} {said.group(2)}",
                    f"{added.group(1)} {added.group(2)}",
                    tail,
                )
                return replace(case, case_words=_case_words(facts, case))
    return None


def _case_words(facts: ChangeFacts, case: AppendedCase) -> frozenset[str]:
    named = " ".join(
        atom.feature.rsplit(".", 1)[-1].replace("_", " ")
        for condition in facts.conditions[:1]
        for atom in condition.atoms
        if atom.op != "tag"
    )
    return frozenset(_content(f"{case.tail} {named}", case))


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
    end = _after_old_words(case, raw, found.end())
    after = _without_every_claim(case, raw[end:])
    closing = "" if _CLOSED.match(after) else ","
    return raw[:end] + case.tail + closing + after


def _after_old_words(case: AppendedCase, raw: str, start: int) -> int:
    """Where the old sentence's words after its amount end in `raw`, read from the amount's end
    (`start`): "within 3 miles of the shop, …" for "We deliver within 3 miles of the shop.".
    All of them or none: a KB sentence whose words part from the old ones midway ("of the
    Leeds shop") gets the tail right after the amount, never inside its phrase."""
    said = case.amount_pattern(case.old_amount).search(case.old_sentence)
    if said is None:
        return start
    old_words = [m.group(0).lower() for m in _TOKEN.finditer(case.old_sentence, said.end())]
    end = start
    for word in old_words:
        gap = _SPACE.match(raw, end)
        token = _TOKEN.match(raw, gap.end() if gap is not None else end)
        if token is None or token.group(0).lower() != word:
            # "of the Leeds shop": the old words end elsewhere, the tail stays by the amount
            return start
        end = token.end()
    return end


def _without_every_claim(case: AppendedCase, after: str) -> str:
    """`after` (what follows the old rule in a KB sentence) without its opening claim that the
    rule holds whatever the case, when the claim names what the tail or the condition does."""
    listed = listed_claim_length(after, case.tail)
    if listed:
        # ", whether you paid by card, voucher or bank transfer": every case listed is one
        # the tail names, so the claim over them all is no longer true
        return after[listed:]
    claim = _EVERY_CLAIM.match(after)
    if claim is None or not _content(claim.group("claim"), case) & case.case_words:
        return after
    return after[claim.end() :]


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


def appended_case_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a case appended to a kept rule (`appended_case`): the
    same fact the template's edit rests on."""
    case = appended_case(facts)
    if case is None:
        return None
    added = case.tail.lstrip(", ")
    return (
        f"the new prompt keeps “{case.old_sentence}” and adds “{added}”: a sentence stating "
        f"{case.old_amount} in the old rule's words says “{added}” right after it, drops any "
        f"claim that {case.old_amount} holds whatever the case, and keeps everything else"
    )


def still_appended_unsaid(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still state the old rule for everyone: the old
    amount in its words without the appended case, or with a claim that it holds whatever the
    case the tail or the condition names. What no drafter's edit may say."""
    case = appended_case(facts)
    if case is None:
        return []
    return still_saying(
        lambda unit: (
            _old_amount_in(case, unit.text) is not None or _claims_every_case(case, unit.text)
        ),
        conflicts,
        old_body,
        new_body,
        body_format,
    )


def _claims_every_case(case: AppendedCase, text: str) -> bool:
    """Whether `text` states the old amount in the old rule's words and claims, outside the
    tail, that it holds whatever the case the tail or the condition names ("…, whatever the
    size of the order")."""
    found = case.amount_pattern(case.old_amount).search(text)
    if found is None:
        return False
    if len(_content(case.old_sentence, case) & _content(text, case)) < _SHARED_WORDS:
        return False
    rest = text.replace(case.tail.lstrip(", "), " ")
    for head in _EVERY_HEAD.finditer(rest):
        window = rest[head.start() : head.start() + _CLAIM_CHARS]
        end = _CLAIM_END.search(window)
        claim = window[: end.start()] if end is not None else window
        if _content(claim, case) & case.case_words:
            return True
    return False
