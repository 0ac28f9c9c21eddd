"""A fee waived for some values of a category the KB says makes no difference.

The change: an amount (£8 per person) is no longer charged for some values of one category
of a tool result (a booking made on the website or in the app), and every other value keeps
it. The KB says it is "the same however you booked", "the same price whether you booked on
our website, in our app or through a partner site", or lists the fee for "Every guest" in a
table row. Each such claim about the change's topic (`waived_reason`) goes, and says the
waiver for those values in the item's words (`waived_edit`): "Early check-in costs £8 per
person (free if you booked direct), and …"; "It's free if you booked on our website or in our
app; if you booked through a partner site, you pay at reception."; a row's amount cell gains
"(free if you booked direct)". The values are named as the item enumerates them, else as the
new prompt's condition says them in the customer's voice. A claim said of another subject
(`claimsubject`) stays. A drafting model gets the same fact (`waived_fact`) and its edit the
same check (`still_waived`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.drafting.claimsubject import change_topic, claim_subject, word_stems
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.oldside import kb_voice
from behaviordiff.drafting.rules import to_you
from behaviordiff.drafting.text import Unit, rewrite_conflicting, still_saying

WAIVED_REASON = "says the fee is the same however the customer booked; it is now waived for"

_FREE = re.compile(r"\b(?:free|no\s+charge|nothing|waived?)\b", re.I)
_HOWEVER = re.compile(
    r"(?:,\s*)?(?:the\s+same(?:\s+price)?\s+)?"
    r"(?:however|whichever\s+way|whatever\s+way)\s+(?P<clause>you\s+[a-z]+)"
    r"(?:\s+(?:it|them|with\s+us|from\s+us))?(?=\s*[,.;!]|\s*$)",
    re.I,
)
"""A claim clause "…, the same however you booked with us": the subject "you" and its verb
kept to say the case with."""
_WHETHER = re.compile(
    r"\b(?:the\s+same(?:\s+price)?\s+)?whether\s+(?P<clause>you\s+[a-z]+)\s+", re.I
)
"""The start of a claim over an enumeration: "the same price whether you booked …"; its
alternatives are read after it (`_whether`)."""


@dataclass(frozen=True)
class _Whether:
    start: int
    end: int
    clause: str
    alts: list[str]


def _whether(text: str) -> _Whether | None:
    """A claim over an enumeration ("the same price whether you booked on our website, in our
    app or through a partner site"): its span, its clause and its alternatives, read as the
    comma-separated parts up to the first that has "or" in it, within the sentence."""
    found = _WHETHER.search(text)
    if found is None:
        return None
    stop = re.compile(r"[.;:!?]").search(text, found.end())
    segment = text[found.end() : stop.start() if stop else len(text)]
    parts, used = [], 0
    for part in segment.split(","):
        parts.append(part)
        used += len(part) + 1
        if re.search(r"\sor\s", part):
            break
    else:
        return None
    alts = [alt.strip() for part in parts for alt in re.split(r"\sor\s", part) if alt.strip()]
    end = found.end() + used - 1
    return _Whether(found.start(), end, found.group("clause"), alts)


_UNIVERSAL_CELL = re.compile(r"^\s*(?:every|any|all)\b", re.I)


@dataclass(frozen=True)
class Waiver:
    """An amount (`old`) waived for `values` of one category; `head` says when, in the
    customer's voice from the new prompt ("if you booked direct"), or None."""

    values: tuple[str, ...]
    old: Promise
    head: str | None
    topic: frozenset[str]


def _head(facts: ChangeFacts, values: Sequence[str]) -> str | None:
    """When the waiver holds, from the new prompt sentence that names the values and says the
    thing is free: its conditional head without the parenthesis naming the tool's field, in
    the customer's voice ("If it was booked direct (source `website` …)" → "if you booked
    direct")."""
    for rule in facts.rules:
        text = rule.new or ""
        if not _FREE.search(text) or not all(value in text.lower() for value in values):
            continue
        voiced = kb_voice(text)
        if voiced is None or voiced[0] is None:
            continue
        head = to_you(voiced[0].strip())
        head = re.sub(r"^(if|when)\s+it\s+was\s+", r"\1 you ", head, flags=re.I)
        if "`" in head or "(" in head or not re.match(r"(?:if|when)\s+you\s", head, re.I):
            continue
        return head[:1].lower() + head[1:]
    return None


def waiver(facts: ChangeFacts) -> Waiver | None:
    """The change's waiver when one amount the old replies stated is no longer stated, a
    "free" is, and the change holds for values of one category of its condition."""
    values = facts.category_values()
    if values is None:
        return None
    gone = [p for p in facts.removed_promises if p.kind == "money"]
    came = [p for p in facts.added_promises if p.kind == "money"]
    if len(gone) != 1 or came or not any(_FREE.search(p.value) for p in facts.added_promises):
        return None
    topic = frozenset(change_topic(facts))
    if not topic:
        return None
    return Waiver(values, gone[0], _head(facts, values), topic)


def _states_old(case: Waiver, text: str) -> bool:
    return case.old.key in {promise.key for promise in extract_promises(text)}


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _names_value(case: Waiver, text: str) -> bool:
    said = word_stems(text)
    return any(word_stems(value) <= said for value in case.values)


def waived_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` claims the waived amount for every value, or None: a table row naming
    the topic in its first cell, stating the amount and "every …" in another; a sentence
    whose own subject names the topic, stating the amount, with a "however you …" claim; or
    one with no subject of its own claiming the same "whether you …" over alternatives that
    name the waived values."""
    case = waiver(facts)
    if case is None:
        return None
    reason = f"{WAIVED_REASON} {facts.when()}"
    if sentence.lstrip().startswith("|"):
        cells = _cells(sentence)
        if (
            len(cells) >= 3
            and case.topic <= word_stems(cells[0])
            and any(_states_old(case, cell) for cell in cells[1:])
            and any(_UNIVERSAL_CELL.match(cell) for cell in cells[1:])
        ):
            return reason
        return None
    subject = claim_subject(sentence)
    on_topic = subject is not None and case.topic <= word_stems(subject)
    if on_topic and _states_old(case, sentence) and _HOWEVER.search(sentence):
        return reason
    found = _whether(sentence)
    if (
        found is not None
        and (on_topic or subject is None)
        and any(_names_value(case, alt) for alt in found.alts)
    ):
        return reason
    return None


def _case_words(case: Waiver, text: str) -> tuple[str, list[str]] | None:
    """How `text` names the waived values: ("if you booked on our website or in our app",
    ["through a partner site"]) from its own enumeration, else the prompt's head with no
    other alternatives; None when neither says."""
    found = _whether(text)
    if found is not None:
        named = [alt for alt in found.alts if _names_value(case, alt)]
        rest = [alt for alt in found.alts if alt not in named]
        every = all(
            any(word_stems(value) <= word_stems(alt) for alt in named) for value in case.values
        )
        if named and rest and every:
            return f"if {found.clause} {' or '.join(named)}", rest
    return (case.head, []) if case.head else None


def _rewrite(case: Waiver, raw: str) -> str | None:
    """One conflicting unit rewritten (`waived_edit`), or None."""
    if raw.lstrip().startswith("|"):
        if case.head is None:
            return None
        cells = raw.split("|")
        for index, cell in enumerate(cells[2:], start=2):
            if _states_old(case, cell):
                body = cell.rstrip()
                cells[index] = f"{body} (free {case.head}){cell[len(body) :]}"
                return "|".join(cells)
        return None
    said = _case_words(case, raw)
    if said is None:
        return None
    words, rest = said
    claim = _HOWEVER.search(raw)
    if claim is not None and _states_old(case, raw):
        return f"{raw[: claim.start()]} (free {words}){raw[claim.end() :]}"
    found = _whether(raw)
    if found is None or not rest:
        return None
    tail = raw[found.end :]
    more = re.match(r",\s*and\s+(?P<rest>[^.!?]+)(?P<end>[.!?]?)$", tail)
    if more is None:
        return None
    return (
        f"{raw[: found.start]}free {words}; if {found.clause} {' or '.join(rest)}, "
        f"{more.group('rest')}{more.group('end') or '.'}"
    )


def waived_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose conflicts are all claims of the waived amount for every value
    (`waived_reason`): each says the waiver for those values in the item's words, everything
    else byte for byte; flagged with the reason when one cannot be said so. None for any
    other change or item."""
    case = waiver(facts)
    conflicts = impact.conflicts
    if case is None or not conflicts:
        return None
    if not all(c.reasons and c.reasons[0].startswith(WAIVED_REASON) for c in conflicts):
        return None
    conflicting = {c.sentence for c in conflicts}

    def rewrite(unit: Unit, raw: str) -> str | None:
        if raw.lstrip().startswith("#") or (raw != unit.text and not raw.startswith("|")):
            return None
        return _rewrite(case, raw)

    new_body = rewrite_conflicting(impact.item.body, impact.item.body_format, conflicting, rewrite)
    old = case.old.value
    if new_body is None:
        return None, (
            f"No safe rewrite: {old} is now waived for {facts.when()} and kept for every other "
            f"case; this {impact.item.kind} says it is the same however the customer booked, "
            "in words that cannot be split into the fee and its waiver: a writer should say both."
        )
    return new_body, (
        f"{old} is now waived for {facts.when()}; every other case still pays it. This "
        f"{impact.item.kind} said it was the same however the customer booked: the edit drops "
        "that claim, says the waiver for those customers in the item's words, and keeps "
        "everything else."
    )


def waived_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a waiver (`waiver`): the fact the template's edit
    rests on."""
    case = waiver(facts)
    if case is None:
        return None
    when = case.head or f"for {' or '.join(case.values)}"
    return (
        f"{case.old.value} is now waived ({when}; {facts.when()}): every other case still "
        f"pays {case.old.value}; a sentence or row saying it is the same however the customer "
        "booked drops that claim and says it is free for those customers in the item's words "
        f"(“… {case.old.value} … (free {when}) …”); the same words said of another extra stay"
    )


def still_waived(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The units of an edited body that still claim the waived amount for every value: what no
    drafter's edit may say."""
    if waiver(facts) is None:
        return []
    return still_saying(
        lambda unit: waived_reason(facts, unit.text) is not None,
        conflicts,
        old_body,
        new_body,
        body_format,
    )
