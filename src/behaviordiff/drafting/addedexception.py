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
table cell takes it in brackets). An exception joined by "except" or "unless" is a clause, not
a sentence: it keeps its word and is joined to the KB sentence before its end ("…, unless a
parent signs the form."). A KB sentence conflicts only when it is on the old sentence's topic
(shares its words beyond the value) or is a bare label and value ("Age: 12 or older"), and not
when it says the exception in other words already. The same number with other words ("groups
of 12 or more") stays. Matching is literal on the prompt's own words: no word of any domain is
known here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.detect.similarity import STOPWORDS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, rewrite_marked
from behaviordiff.drafting.text import END_CHARS, stem, with_one_cell

ADDED_EXCEPTION_REASON = "states the old rule for everyone; the new prompt adds an exception:"

_EXCEPTION_TAIL = re.compile(
    r"[,;:]?\s*(?:with\s+(?:one|an?|the|a\s+single)\s+exception\b[^:.;]{0,40}:"
    r"|(?P<joiner>except|unless)\b)\s*",
    re.I,
)
"""The tail's lead naming an exception, up to the exception itself: "…, with one exception: "
(a sentence follows), or the bare "except"/"unless" (a clause follows, kept with its word)."""
_LABELLED_WORDS = 6
"""The most words a label before a bare value has ("Minimum age:", "| Age |")."""
_SAID_SHARE = 2 / 3
"""The share of the exception's content words a sentence saying it in other words holds."""
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
    clause: bool = False
    """The exception is a clause led by its joiner ("unless a parent signs"), not a sentence."""

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
    if phrase.rstrip() != old[found[0].start() :].rstrip(END_CHARS):
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
        old = rule.old.rstrip(END_CHARS)
        new = rule.new.rstrip(END_CHARS)
        if len(new) <= len(old) or not new.startswith(old):
            continue
        lead = _EXCEPTION_TAIL.match(new, len(old))
        if lead is None:
            continue
        joiner = lead.group("joiner")
        start = lead.start("joiner") if joiner is not None else lead.end()
        exception = _SPACES.sub(" ", new[start:]).strip()
        value = _value_phrase(old)
        if value is None or len(exception.split()) < 3 + (joiner is not None):
            continue
        return AddedException(old, value, exception, clause=joiner is not None)
    return None


def _content(text: str) -> set[str]:
    return {stem(word) for word in _WORD.findall(text.lower()) if word not in STOPWORDS}


def _on_topic(case: AddedException, text: str, found: re.Match[str]) -> bool:
    """Whether `text`, which says the old value at `found`, says it of the old sentence's
    topic: it shares the old sentence's words beyond the value (two, or all it has), or the
    value closes a clause after a short label ("Age: 14 or older", a table cell), whose topic
    its item names."""
    before = text[: found.start()].rstrip()
    after = text[found.end() :].strip()
    closed = not after or after[0] in ",;.!|)"
    if closed and before.endswith((":", "|")) and len(_WORD.findall(before)) <= _LABELLED_WORDS:
        return True
    value_words = _content(case.value)
    own = _content(case.old_sentence) - value_words
    shared = own & (_content(text) - value_words)
    return len(shared) >= min(2, len(own))


def _says_exception(case: AddedException, text: str) -> bool:
    """Whether `text` already says the exception, in its words or most of them."""
    if case.exception.lower() in text.lower():
        return True
    wanted = _content(case.exception)
    return bool(wanted) and len(wanted & _content(text)) >= _SAID_SHARE * len(wanted)


def added_exception_reason(case: AddedException, sentence: str) -> str | None:
    """Why `sentence` states the old rule the new prompt adds an exception to, or None: it says
    the old value in the old sentence's words, on its topic, and not the exception already."""
    text = _SPACES.sub(" ", sentence)
    found = case.value_pattern().search(text)
    if found is None or not _on_topic(case, text, found) or _says_exception(case, text):
        return None
    return f"{ADDED_EXCEPTION_REASON} “{case.exception}”"


def exception_said(case: AddedException, raw: str) -> str | None:
    """`raw` with the exception beside it: a sentence after a sentence (a clause joined before
    its end), in brackets after a list item or inside the table cell that holds the value;
    None when it states no old value."""
    pattern = case.value_pattern()
    if pattern.search(raw) is None:
        return None
    body = raw.rstrip()
    trailing = raw[len(body) :]
    if body.lstrip().startswith("|"):
        row = with_one_cell(body, pattern.search, lambda cell: f"{cell.strip()} ({case.exception})")
        return None if row is None else f"{row}{trailing}"
    end = _SENTENCE_END.search(body)
    if end is not None and case.clause:
        head, mark = body[: end.start()].rstrip(" ,;"), body[end.start() :]
        return f"{head}, {case.exception}{mark}{trailing}"
    if end is not None:
        said = case.exception[:1].upper() + case.exception[1:]
        return f"{body} {said}.{trailing}"
    return f"{body} ({case.exception}){trailing}"


def added_exception_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of an exception added to a kept rule (`added_exception`):
    the same fact the template's edit rests on."""
    case = added_exception(facts)
    if case is None:
        return None
    return (
        f"the new prompt keeps “{case.old_sentence}” and adds an exception: “{case.exception}”: "
        f"a sentence saying {case.value} of that rule keeps its words and says the exception "
        "beside it (in a table, inside the value's cell); other sentences stay"
    )


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
