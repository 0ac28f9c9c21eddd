"""A percentage a KB writes in words: "ten per cent", "fifteen percent", or in words glossed by
its figure: "ten per cent (10%)". Each states the same value as "10%", so finding the old value
finds them too, and the new value is written back the way the KB wrote the old one ("fifteen
per cent (15%)"); a trap on another topic that states the same percentage is told apart by its
words, as "10%" is, never by how it is written.

Pure text helpers for `facts.value_pattern` and the edits that replace a value.
"""

from __future__ import annotations

import re

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.quantities import count_words
from behaviordiff.detect.wordamounts import shares_said

_PER_CENT = r"(?:\s?%|\s?per[\s-]?cent\b)"
_WORDED = re.compile(
    r"^(?P<words>[a-z]+(?:[\s-][a-z]+)?)(?P<sep>[\s-]per[\s-]?cent|[\s-]percent)"
    r"(?P<gloss>\s*\(\s*(?P<figure>[\d.]+)(?P<unit>\s?%|\s?per[\s-]?cent)\s*\))?$",
    re.I,
)
_FIGURES = re.compile(r"^(?P<figure>\d+(?:\.\d+)?)(?P<unit>.*)$", re.S)
_ANY_WORDED = re.compile(
    r"\b(?P<words>[a-z]+(?:[\s-][a-z]+)?)(?:[\s-]per[\s-]?cent|[\s-]percent)\b", re.I
)
"""Up to two words before "per cent": "twenty-five per cent", "of ten per cent"."""


def _number(value: str) -> float | None:
    try:
        return float(value.strip().removesuffix("%").strip())
    except ValueError:
        return None


def _words_source(count: float) -> str | None:
    words = count_words(count)
    if words is None:
        return None
    return r"[\s-]".join(re.escape(part) for part in words.split("-"))


def percent_source(number: str) -> str:
    """The regex source that finds `number` percent in a text: "10%", "10 percent", "10 per
    cent", "ten per cent", "ten percent", and a words form with its figure in brackets ("ten
    per cent (10%)") as one match."""
    figures = rf"(?<![\d.]){re.escape(number)}{_PER_CENT}"
    count = _number(number)
    words = _words_source(count) if count is not None else None
    if words is None:
        return figures
    worded = (
        rf"\b{words}(?:[\s-]per[\s-]?cent|[\s-]percent)\b"
        rf"(?:\s*\(\s*{re.escape(number)}{_PER_CENT}\s*\))?"
    )
    return f"(?:{worded}|{figures})"


def percent_in_words(found: str) -> bool:
    """Whether a match of `percent_source` says the percentage in words ("ten per cent",
    "twenty percent (20%)"), not in figures."""
    return _WORDED.match(found.strip()) is not None


def restate_percent(found: str, new: str, *, bracketed: bool = False) -> str:
    """`new` ("15%") written the way `found` writes the old percentage: "fifteen per cent (15%)"
    for "ten per cent (10%)", "fifteen percent" for "ten percent", "15 per cent" for "10 per
    cent", "15%" for "10%". `bracketed`: the value goes inside brackets, so a words form's
    own bracketed figure is not nested there: its figure alone is written ("15%"). A new value
    with no words (12.5%) is written in figures."""
    count = _number(new)
    if count is None:
        return new
    figure = f"{count:g}"
    worded = _WORDED.match(found.strip())
    if worded is None:
        figures = _FIGURES.match(found.strip())
        return figure + figures.group("unit") if figures else new
    if bracketed and worded.group("gloss"):
        return figure + (worded.group("unit") or "%")
    words = count_words(count)
    if words is None:
        return figure + (worded.group("unit") or "%") if worded.group("gloss") else new
    if worded.group("words")[:1].isupper():
        words = words[:1].upper() + words[1:]
    text = words + worded.group("sep")
    if worded.group("gloss"):
        gloss = worded.group("gloss")
        text += gloss.replace(worded.group("figure"), figure, 1)
    return text


def worded_percents(sentence: str) -> frozenset[Promise]:
    """The percentages `sentence` states in words only ("a deposit of ten per cent"), as the
    promises `detect.facts.extract_promises` reads from figures ("10%")."""
    found: set[Promise] = set()
    for match in _ANY_WORDED.finditer(sentence):
        words = re.split(r"[\s-]", match.group("words").lower())
        count = _count_of("-".join(words)) or _count_of(words[-1])
        if count is not None:
            found.add(Promise("percent", f"{count:g}%", ""))
    # a share in words ("one fifth of the hire fee", "half the fee"): the one reader
    # of shares in words, `detect.wordamounts.SHARE_WORDS`
    for _, share in shares_said(sentence):
        found.add(Promise("percent", f"{share:g}%", ""))
    return frozenset(found)


def _count_of(words: str) -> float | None:
    """The count `words` name ("ten", "twenty-five", "twenty five"), up to 100."""
    wanted = words.lower()
    for number in range(1, 101):
        if count_words(number) == wanted:
            return float(number)
    return None


def percent_words(value: str) -> str:
    """The words a percentage `value` ("10%") is written with besides its figure ("ten per cent
    percent"): not what a sentence stating it is about. Empty for any other value."""
    if not value.endswith("%"):
        return ""
    count = _number(value)
    words = count_words(count) if count is not None else None
    return f"{(words or '').replace('-', ' ')} per cent percent".strip()


def restated(found: re.Match[str], new: Promise) -> str:
    """The replacement for a match of the old value: a percentage in the match's own style
    (`restate_percent`), any other value as the promise states it."""
    return restate_percent(found.group(0), new.value) if new.kind == "percent" else new.value


def worded_fact(old: str, new: str) -> str | None:
    """What a model drafting an edit is told of a percentage the KB may write in words, as
    the template rewrites it (`restate_percent`): None unless both are percentages with words."""
    old_count, new_count = _number(old), _number(new)
    if not (old.endswith("%") and new.endswith("%")) or old_count is None or new_count is None:
        return None
    old_words, new_words = count_words(old_count), count_words(new_count)
    if old_words is None or new_words is None:
        return None
    return (
        f"the percentage {old} written in words (“{old_words} per cent”, “{old_words} per cent "
        f"({old})”) is now “{new_words} per cent” (“{new_words} per cent ({new})”): write the "
        "new value the way the sentence wrote the old one"
    )
