"""A category value said in the words the prompt uses for it: `highlands_islands` is "the
Highlands and Islands" where the prompt writes that, `next_day` is "next-day"; the value
turned into words ("highlands islands") only when the prompt names it no other way.

Pure text helpers: `facts.atom_words` says a condition's value with `prompt_phrase`, and
`swaptitle` says a swapped word argument's values with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CONNECTORS = ("and", "&", "of", "the", "or", "in", "on", "to", "n")
"""Small words a prompt may write between a value's words ("Highlands and Islands")."""
_ARTICLES = ("the", "a", "an")


def value_words(value: str) -> list[str]:
    """`highlands_islands`, `next-day`, `Highlands Islands` → its words, lower case."""
    return [w for w in re.split(r"[\s_\-/]+", value.strip().strip("'\"").lower()) if w]


def _pattern(words: list[str]) -> re.Pattern[str]:
    between = rf"(?:[ \t-]+|[ \t]*(?:{'|'.join(map(re.escape, _CONNECTORS))})[ \t]+|[ \t]*&[ \t]*)"
    body = between.join(re.escape(w) for w in words)
    article = rf"(?:(?P<article>{'|'.join(_ARTICLES)})[ \t]+)?"
    return re.compile(rf"(?<![\w`]){article}(?P<phrase>{body})(?![\w`])", re.I)


def prompt_phrase(value: str, texts: Iterable[str]) -> str | None:
    """How `texts` (the prompt's sentences) write a category value when they write it other
    than as its plain words: "the Highlands and Islands" for `highlands_islands`, "next-day"
    for `next_day`; articles kept, the prompt's case kept. None when they write it only as
    the value (or its plain words in any case) or not at all."""
    words = value_words(value)
    if not words or any(re.search(r"\d", w) for w in words):
        return None
    plain = " ".join(words)
    pattern = _pattern(words)
    opening: str | None = None
    for text in texts:
        for found in pattern.finditer(text or ""):
            phrase = found.group("phrase")
            if phrase.lower() == plain:
                continue  # the value's own words: nothing the prompt says better
            article = found.group("article")
            said = f"{article.lower()} {phrase}" if article else phrase
            if re.search(r"(?:^|[.!?:]\s+)$", text[: found.start()]):
                # a sentence's capital is not the prompt's case for the value
                opening = opening or said[:1].lower() + said[1:]
                continue
            return said
    return opening


def said_value(value: str, texts: Iterable[str]) -> str:
    """A value as the prompt writes it (`prompt_phrase`), else the value turned into words."""
    return prompt_phrase(value, texts) or " ".join(value_words(value)) or value
