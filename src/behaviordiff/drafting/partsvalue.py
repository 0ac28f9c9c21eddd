"""A value of several parts replaced whole (issue 8): an address, a set of named places or
codes, written in the prompt as parts joined by commas ("Unit 4, Fenwick Trading Estate,
Lowther Road, Stockport SK4 2PL" → "Unit 12, Calder Park, …"). The KB writes the same value
in its own shape: on one line as the prompt does, in a table cell, or one part a line (an
address block, a part split over two lines). Each is read as stating the old value, token
for token whatever separates them (a comma, a space, a line break), and written back with
the new value's parts laid out as the KB laid out the old ones: the break between two parts
is the KB's break there, and a part the KB split over two lines is split before as many of
its last words in the new part. A layout the new value cannot follow (another number of
parts) is written on one line only where the KB wrote the old one on one line; elsewhere no
text is proposed.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PART = (
    r"[A-Z0-9][\w'’&.-]*+(?:[ \t]+(?:[A-Z0-9][\w'’&.-]*+|(?:de|la|le|du|des|of|the|upon|on|"
    r"van|von|der|di|da|del|am|an|y|e)\b)){0,5}"
)
"""A part: a word opening on a capital or a digit, and up to five more such (or the small
words of a place's name, "upon", "de la"): "Unit 4", "Stockport SK4 2PL", "Rue de la Paix"."""
_RUN = re.compile(rf"(?<![\w,'’&.-])(?:{_PART})(?:,[ \t]+(?:{_PART})){{2,7}}")
"""Three to eight parts joined by commas, each opening on a capital or a digit. A run never
starts inside a word (after a dot, hyphen or apostrophe of it) and a word's tail is taken
whole, so a run of joined initials ("A.A.A.…") is read in linear time."""
_MAX_SENTENCE = 2000
_MAX_SCAN = 100_000


def _parts(run: str) -> list[list[str]]:
    return [part.split() for part in run.split(",")]


def parts_move(old: str, new: str) -> tuple[str, str] | None:
    """(old value, new value) when the old prompt sentence states one value of several parts
    joined by commas, with a digit in one of them, that the new sentence replaces by one of
    the same kind sharing no part; None otherwise (a list that gains or keeps a part is no
    value replaced whole)."""
    if len(old) > _MAX_SENTENCE or len(new) > _MAX_SENTENCE:
        return None
    # a full stop after the last part ends the sentence, not the part
    olds = [run.rstrip(".") for run in _RUN.findall(old)]
    news = [run.rstrip(".") for run in _RUN.findall(new)]
    if len(olds) != 1 or len(news) != 1 or olds[0] == news[0]:
        return None
    gone, came = olds[0], news[0]
    if not (re.search(r"\d", gone) and re.search(r"\d", came)):
        return None
    if gone in new or came in old:
        return None
    said = {" ".join(part).lower() for part in _parts(gone)}
    if said & {" ".join(part).lower() for part in _parts(came)}:
        return None
    return gone, came


def is_parts_value(old: str) -> bool:
    return len(old) <= _MAX_SENTENCE and _RUN.fullmatch(old) is not None and "," in old


@lru_cache(maxsize=64)
def _pattern(old: str) -> re.Pattern[str]:
    tokens = [re.escape(token) for part in _parts(old) for token in part]
    return re.compile(r"(?<![\w])" + r"(?:,?[ \t]*\n[ \t]*|,?[ \t]+|,)".join(tokens) + r"(?![\w])")


def parts_statements(old: str, text: str) -> list[re.Match[str]]:
    """Where `text` states the old value of parts, token for token, whatever separates them:
    ", ", a line break, a space."""
    if not is_parts_value(old):
        return []
    return list(_pattern(old).finditer(text[:_MAX_SCAN]))


def parts_written(old: str, new: str, said: str) -> str | None:
    """The new value in the shape `said` (the KB's statement of `old`) gives the old one: one
    line as the prompt writes it, or the KB's line breaks at the same part boundaries (and
    inside a part, before as many of its last words); None when the layout cannot follow."""
    olds, news = _parts(old), _parts(new)
    if "\n" not in said:
        flat = re.sub(r"\s+", " ", said)
        return new if flat == old or flat == old.replace(",", "") else None
    if len(olds) != len(news):
        return None
    tokens = [token for part in olds for token in part]
    # the separators the KB wrote between the old value's tokens, in order
    seps: list[str] = []
    at = 0
    for index, token in enumerate(tokens):
        start = said.find(token, at)
        if start < 0:
            return None
        if index:
            seps.append(said[at:start])
        at = start + len(token)
    written: list[str] = []
    cursor = 0
    for index, (was, part) in enumerate(zip(olds, news, strict=True)):
        inner = seps[cursor : cursor + len(was) - 1]
        cursor += len(was) - 1
        # a break inside the old part, before its last k words, is one in the new part too
        broken = [len(was) - 1 - i for i, sep in enumerate(inner) if "\n" in sep]
        words = list(part)
        line = ""
        for i, word in enumerate(words):
            if i:
                left = len(words) - i
                line += "\n" if left in broken and left < len(words) else " "
            line += word
        if broken and "\n" not in line:
            return None
        written.append(line)
        if index < len(olds) - 1:
            written.append(seps[cursor])
            cursor += 1
    return "".join(written)
