"""A whole amount made a share for some cases of a category: "a full refund" (100%) is now
"50%" for one reason of cancelling, every other reason still refunded in full.

The replies stated the old value in words ("a full refund", a `term` promise) and the new one
as a share ("50%", a `percent` promise), so no amount reads one from the other. A KB sentence
claiming the full refund whatever the case keeps it for the rest and says the share for the
case beside it ("…, or a 50% refund if your reason is a change of plans"); a table row keyed
by the case says the share in its own cell ("| Change of plans | A partial refund (50%) |").

Pure text helpers for `samewhatever`, which reads the claim and the case.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from behaviordiff.detect.facts import Promise

_FULL = re.compile(r"^full\s+(?P<noun>[A-Za-z][\w'’-]*)$", re.I)
_SHARE = re.compile(r"^(?P<count>\d+(?:\.\d+)?)\s?%$")
# a run of spaces is tried from its start only, taken whole: from each of its positions a long
# run in a hostile article would be scanned again and again (quadratic)
_CLAUSE_END = re.compile(
    r",\s+(?:and|but|so|which)\b|(?<!\s)\s++(?:and|but|so)\s+(?=you|we|they|it)|[;:]"
    r"|[.!?]?(?<!\s)\s*+$"
)


def full_noun(promise: Promise) -> str | None:
    """The noun of a whole amount said in words ("refund" of "full refund"), else None."""
    found = _FULL.match(promise.value.strip()) if promise.kind == "term" else None
    return found.group("noun").lower() if found else None


def made_share(old: Promise, new: Promise) -> bool:
    """Whether `new` is a share below the whole (`50%`) that the whole `old` ("full refund")
    became."""
    found = _SHARE.match(new.value.strip()) if new.kind == "percent" else None
    return full_noun(old) is not None and found is not None and 0 < float(found["count"]) < 100


def _stated(noun: str, text: str) -> list[re.Match[str]]:
    return list(re.finditer(rf"\b(?P<article>an?\s+)?full\s+{re.escape(noun)}\b", text, re.I))


def with_share_for_case(old: Promise, new: Promise, body: str, when: str) -> str | None:
    """`body` (a sentence stating the whole once, its claim over every case gone) with the
    share for the case after the whole's clause: "You get a full refund, or a 50% refund if
    your reason is a change of plans, and …". None when it states the whole other than once."""
    noun = full_noun(old)
    stated = _stated(noun, body) if noun else []
    if noun is None or len(stated) != 1:
        return None
    found = stated[0]
    end = _CLAUSE_END.search(body, found.end())
    cut = end.start() if end is not None else len(body)
    article = "a " if found.group("article") else ""
    return f"{body[:cut]}, or {article}{new.value} {noun} {when}{body[cut:]}"


def _cells(raw: str) -> list[tuple[int, int]]:
    """The spans of a Markdown table row's cells, between its pipes."""
    pipes = [index for index, char in enumerate(raw) if char == "|"]
    return [(a + 1, b) for a, b in itertools.pairwise(pipes)]


def share_row(old: Promise, new: Promise, raw: str, values: Sequence[str]) -> str | None:
    """A table row keyed by one of the case's `values` ("| Change of plans | A full refund
    (100%) |") with the share in the whole's cell: "full" becomes "partial" beside a figure,
    which becomes the share ("A partial refund (50%)"), else the share itself ("a 50% refund").
    None for a row keyed otherwise, or with no one cell stating the whole."""
    noun = full_noun(old)
    cells = _cells(raw)
    if noun is None or len(cells) < 2:
        return None
    key = raw[cells[0][0] : cells[0][1]].strip().lower()
    if not any(re.search(rf"(?<!\w){re.escape(value)}(?!\w)", key) for value in values):
        return None
    holding = [(start, end) for start, end in cells[1:] if _stated(noun, raw[start:end])]
    if len(holding) != 1:
        return None
    start, end = holding[0]
    cell = raw[start:end]
    figure = re.search(r"\b100\s?%", cell)
    if figure is not None:
        cell = cell[: figure.start()] + new.value + cell[figure.end() :]
        cell = re.sub(
            r"\b(full)(?=\s+" + re.escape(noun) + r"\b)", _partial, cell, count=1, flags=re.I
        )
    else:
        cell = re.sub(rf"\bfull(?=\s+{re.escape(noun)}\b)", new.value, cell, count=1, flags=re.I)
    return raw[:start] + cell + raw[end:]


def _partial(found: re.Match[str]) -> str:
    return "Partial" if found.group(1)[:1].isupper() else "partial"
