"""An exception added to a rule the new prompt keeps word for word: "Players must be 12 or
older." became "Players must be 12 or older, with one exception: 10- and 11-year-olds can play
if a paying adult plays in the same group." The old sentence is the new one's head; the tail
names an exception ("with one exception: …", "except …", "unless …") for the customers the
change's condition names. Everyone else keeps the old rule, so the old sentence stays true
beside the exception.

A KB unit stating the old rule's value in its words (the old sentence's number and the words
after it, "12 or older") says it for everyone: its edit (`added_exception_edit`) keeps the unit
and says the exception beside it, in the prompt's words ("Players must be 12 or older to play.
10- and 11-year-olds can play if a paying adult plays in the same group."; a list item or a
cell takes it in brackets). The same number with other words ("groups of 12 or more") stays.
Matching is literal on the prompt's own words: no word of any domain is known here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.detect.similarity import STOPWORDS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, rewrite_marked

ADDED_EXCEPTION_REASON = "states the old rule for everyone; the new prompt adds an exception:"

_END_CHARS = " \t\n.;:!"
_EXCEPTION_TAIL = re.compile(
    r"[,;:]?\s*(?:with\s+(?:one|an?|the|a\s+single)\s+exception|except|unless)\b"
    r"[^:.;]{0,40}:?\s*",
    re.I,
)
"""The tail's lead naming an exception, up to the exception itself ("…, with one exception:
")."""
_VALUE = re.compile(r"(?<![\w.£$€])\d+(?:\.\d+)?(?:\s+[A-Za-z]+){1,3}")
"""A number and the words after it in the old sentence ("12 or older")."""
_WORD = re.compile(r"[a-z]+")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")


@dataclass(frozen=True)
class AddedException:
    """The kept old sentence, its value phrase ("12 or older") and the exception the new prompt
    adds after it ("10- and 11-year-olds can play if …")."""

    old_sentence: str
    value: str
    exception: str

    def value_pattern(self) -> re.Pattern[str]:
        words = [re.escape(word) for word in self.value.split()]
        return re.compile(r"(?<![\w.])" + r"\s+".join(words) + r"\b", re.I)


def _value_phrase(old: str) -> str | None:
    """The old sentence's one number with the words after it, up to the clause's end, when
    those words carry content ("12 or older"; not "12 of"); None for no number or two."""
    found = list(_VALUE.finditer(old))
    if len(found) != 1:
        return None
    phrase = found[0].group(0)
    if phrase.rstrip() != old[found[0].start() :].rstrip(_END_CHARS):
        return None  # the value's words go on past three: not one value phrase
    words = _WORD.findall(phrase.lower())
    if not any(len(word) >= 4 and word not in STOPWORDS for word in words):
        return None
    return phrase


def added_exception(facts: ChangeFacts) -> AddedException | None:
    """The exception the change's prompt adds to a kept sentence when the change holds for some
    customers only, else None."""
    if not facts.restricted or not facts.conditions or facts.moved:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old = rule.old.rstrip(_END_CHARS)
        new = rule.new.rstrip(_END_CHARS)
        if len(new) <= len(old) or not new.startswith(old):
            continue
        lead = _EXCEPTION_TAIL.match(new, len(old))
        if lead is None:
            continue
        exception = _SPACES.sub(" ", new[lead.end() :]).strip()
        value = _value_phrase(old)
        if value is None or len(exception.split()) < 3:
            continue
        return AddedException(old, value, exception)
    return None


def added_exception_reason(case: AddedException, sentence: str) -> str | None:
    """Why `sentence` states the old rule the new prompt adds an exception to, or None: it says
    the old value in the old sentence's words and not the exception already."""
    text = _SPACES.sub(" ", sentence)
    if case.value_pattern().search(text) is None or case.exception.lower() in text.lower():
        return None
    return f"{ADDED_EXCEPTION_REASON} “{case.exception}”"


def exception_said(case: AddedException, raw: str) -> str | None:
    """`raw` with the exception beside it: a sentence after a sentence, in brackets after a
    list item or a cell that ends with no sentence mark; None when it states no old value."""
    if case.value_pattern().search(raw) is None:
        return None
    body = raw.rstrip()
    trailing = raw[len(body) :]
    if _SENTENCE_END.search(body):
        said = case.exception[:1].upper() + case.exception[1:]
        return f"{body} {said}.{trailing}"
    return f"{body} ({case.exception}){trailing}"


def added_exception_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts state the old rule an added exception now
    qualifies: each keeps its words and says the exception beside them. None for any other
    change or item."""
    case = added_exception(facts)
    if case is None or not impact.conflicts:
        return None
    if not only_marked_for(impact.conflicts, ADDED_EXCEPTION_REASON):
        return None
    new_body = rewrite_marked(impact, lambda raw: exception_said(case, raw))
    if new_body is None:
        return None, (
            f"Flagged for review: this {impact.item.kind} says {case.value} for everyone; the "
            f"new prompt adds an exception (“{case.exception}”) that cannot be put here."
        )
    return new_body, (
        f"The new prompt keeps {case.value} and adds an exception: “{case.exception}”. This "
        f"{impact.item.kind} said {case.value} for everyone; the edit says the exception beside "
        "it and keeps everything else."
    )
