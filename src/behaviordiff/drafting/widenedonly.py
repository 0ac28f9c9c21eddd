"""A way said to be the only one, widened by a second: the old prompt gave one way with "only"
("Orders are delivered to the customer's home address only."); the new one keeps that way in
its words and joins another to it with "or" ("Customers can have their order delivered to
their home address or collect it from a parcel locker."). No value moved, so no value rule
reads it, and the old and new sentences share almost every word.

A KB sentence whose clause carries "only" beside two or more of the words the old and new
sentences share ("We only deliver to your home address, so …"), and names nothing the new
alternative adds, still says the old way is the only one. Its edit (`widened_only_edit`) says
the new sentence in the customer's voice in place of that clause; a "so …" after it (what
followed from there being one way) goes with it; every other byte is kept. A sentence about
another topic sharing only the word "only" ("we only ship within the UK") shares none of the
kept words and stays. Matching reads the prompt's own words: no domain word is known here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, rewrite_marked
from behaviordiff.drafting.oldside import customer_voice
from behaviordiff.drafting.rules import is_person_noun
from behaviordiff.drafting.text import END_CHARS, terms

WIDENED_ONLY_REASON = "says the old way is the only one; the new prompt adds:"

_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d+")
_ONLY = re.compile(r"(?<!\bnot\s)\bonly\b", re.I)
_OR = re.compile(r"\s+or\s+", re.I)
_CLAUSE_END = re.compile(r"\s*(?:[,;:]|\s[—–-]\s)")
_SO = re.compile(r",\s+so\b[^.;!?]*", re.I)
_PERSON_SUBJECT = re.compile(r"^(?:the\s+|our\s+|all\s+)?(?P<noun>[A-Za-z]+)\s+(?P<rest>.+)$")
_LIST_END = re.compile(r",\s*[^,;:]*$")
_EVERY = re.compile(r"\b(?:every|all|any|each)\b", re.I)
_LEFT_THIRD = re.compile(r"\b(?:customers?|they|them|their|theirs)\b", re.I)
_YOU = re.compile(r"\b(?:you|your|yours)\b", re.I)
_PREP = re.compile(r"\b(?:by|to|at|in|on|via|through|from|with|over|under)\b", re.I)
# an "only" followed by a bound limits a time, a count or a case, not the way
_BOUND = re.compile(
    r"\b(?:up\s+to|within|until|once|if|for|before|after|per|one|two|three|\d+)\b", re.I
)


def _stems(text: str) -> set[str]:
    return set(terms(text))


@dataclass(frozen=True)
class WidenedOnly:
    """The old sentence, the new one (end marks out), the words both say (`kept`, the way
    that stays) and the words only the new alternative says (`added`)."""

    old_sentence: str
    new_sentence: str
    kept: frozenset[str]
    added: frozenset[str]
    hunk_id: str = ""
    way: frozenset[str] = frozenset()

    @property
    def alternative(self) -> str:
        """The new sentence's words from its last "or" on."""
        parts = _OR.split(self.new_sentence)
        return "or " + parts[-1] if len(parts) > 1 else self.new_sentence


def _only_phrase(clause: str) -> tuple[str, str] | None:
    """The words the clause's "only" attaches to, and the words after it: "booked by phone
    only" → "by phone"; "can only be booked by phone" → "by phone"; "we only accept cash" →
    "accept cash"."""
    only = _ONLY.search(clause)
    if only is None:
        return None
    after = clause[only.end() :].strip().rstrip(END_CHARS + " ")
    if _stems(after):
        prep = _PREP.search(after)
        return (after[prep.start() :] if prep is not None else after), after
    before = clause[: only.start()]
    preps = list(_PREP.finditer(before))
    if preps:
        return before[preps[-1].start() :], ""
    words = _WORD.findall(before)
    return (words[-1] if words else ""), ""


def _widened(old: str, new: str) -> tuple[frozenset[str], frozenset[str]] | None:
    if len(_ONLY.findall(old)) != 1 or _ONLY.search(new) or "`" in new or "{" in new:
        return None
    parts = _OR.split(new)
    if len(parts) < 2:
        return None
    if _LIST_END.search(parts[-2]) or (_EVERY.search(new) and not _EVERY.search(old)):
        # "spirits, wine or beer": a list's last item; "for every order …": a scope widened,
        # not a second way beside the first
        return None
    olds, news = _stems(old) - {"only"}, _stems(new)
    kept = olds & news
    added = _stems(parts[-1]) - olds
    if len(kept) < 2 or not added:
        return None
    return frozenset(kept), frozenset(added)


def widened_only(facts: ChangeFacts) -> WidenedOnly | None:
    """The change's "only" claim widened by an alternative joined with "or", else None."""
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old, new = rule.old.rstrip(END_CHARS), rule.new.rstrip(END_CHARS)
        found = _widened(old, new)
        phrase = _only_phrase(old)
        way = _stems(phrase[0]) & found[0] if found is not None and phrase else set()
        if found is not None and way:
            return WidenedOnly(old, new, found[0], found[1], rule.hunk_id, frozenset(way))
    return None


def _only_clause(case: WidenedOnly, text: str) -> tuple[int, int] | None:
    """Where the clause saying the kept way with "only" starts and ends in `text`, when
    `text` names nothing the alternative adds, else None."""
    if _stems(text) & case.added:
        return None
    only = _ONLY.search(text)
    if only is None:
        return None
    start = 0
    for end_mark in _CLAUSE_END.finditer(text):
        if end_mark.end() <= only.start():
            start = end_mark.end()
    after = _CLAUSE_END.search(text, only.end())
    end = after.start() if after is not None else len(text.rstrip(END_CHARS + " \n"))
    if len(_stems(text[start:end]) & case.kept) < 2:
        return None
    # the "only" must qualify the way the old one did ("only … by phone"), not a time or a
    # count in a sentence on the same topic ("can only be booked up to 2 weeks ahead")
    phrase = _only_phrase(text[start:end])
    if phrase is None or not _stems(phrase[0]) & case.way or _BOUND.search(phrase[1]):
        return None
    return start, end


def widened_only_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` still says the old way is the only one, or None."""
    case = widened_only(facts)
    if case is None or _only_clause(case, sentence) is None:
        return None
    return f"{WIDENED_ONLY_REASON} “{case.alternative}”"


def voiced_to_customer(sentence: str) -> str | None:
    """The new sentence said to the customer ("Customers can have their order …" → "You can
    have your order …"), or None when a word about the customer would be left unvoiced."""
    subject = _PERSON_SUBJECT.match(sentence)
    if subject is not None and is_person_noun(subject["noun"]):
        said = "You " + customer_voice(subject["rest"])
    else:
        said = customer_voice(sentence)
    if _LEFT_THIRD.search(said):
        return None
    return said[:1].upper() + said[1:]


def without_only(case: WidenedOnly, raw: str) -> str | None:
    """`raw` with the clause saying the kept way "only" said as the new sentence, or None."""
    if "|" in raw or "\n\n" in raw:
        return None
    found = _only_clause(case, raw)
    voiced = voiced_to_customer(case.new_sentence)
    if found is None or voiced is None:
        return None
    start, end = found
    if start:
        voiced = voiced[:1].lower() + voiced[1:]
    rest = raw[end:]
    so = _SO.match(rest)
    if so is not None:
        # what followed from there being one way
        rest = rest[so.end() :]
    return raw[:start] + voiced + rest


def widened_only_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts say the old way as the only one, or None for
    any other change or item."""
    case = widened_only(facts)
    if case is None or not impact.conflicts:
        return None
    if not only_marked_for(impact.conflicts, WIDENED_ONLY_REASON):
        return None
    kind = impact.item.kind
    if kind != "macro" and not _YOU.search(impact.item.body):
        # a macro is a reply to the customer; an article may be written about them
        return None, (
            f"Flagged for review: this {kind} says one way only; the new prompt adds "
            f"“{case.alternative}”, and the {kind} does not speak to the customer to say it."
        )
    new_body = rewrite_marked(impact, lambda raw: without_only(case, raw))
    if new_body is None:
        return None, (
            f"Flagged for review: this {kind} says one way only; the new prompt adds "
            f"“{case.alternative}”, in words that cannot be put here."
        )
    return new_body, (
        f"The new prompt says “{case.new_sentence}.” This {kind} said the old way was the only "
        "one; the edit says the new sentence in its place and keeps everything else."
    )
