"""Word-level differences between two texts, for a writer to read: which words went, which
came, in order. Tokens are words, numbers, punctuation and runs of whitespace; the alignment
is DeepDiff's over the token lists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Op = Literal["same", "removed", "added"]
_TOKEN = re.compile(r"\{\{.*?\}\}|\s+|[$€£]?\d[\d.,:/%-]*|\w+|[^\w\s]", re.S)


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """Placeholders ({{ticket.id}}) and amounts ($4.50) stay one token each."""
    return _TOKEN.findall(text)


def _index(path: str) -> int:
    return int(path[path.rindex("[") + 1 : -1])


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces of old and new in reading order, runs of one kind merged."""
    from deepdiff import DeepDiff

    before, after = tokens(old), tokens(new)
    removed: set[int] = set()
    added: set[int] = set()
    if before != after:
        diff = DeepDiff(before, after, view="tree", verbose_level=0)
        for level in diff.get("iterable_item_removed", []):
            removed.add(_index(level.path()))
        for level in diff.get("iterable_item_added", []):
            added.add(_index(level.path(use_t2=True)))
        for level in diff.get("values_changed", []):
            removed.add(_index(level.path()))
            added.add(_index(level.path(use_t2=True)))
    pieces: list[Piece] = []

    def emit(op: Op, text: str) -> None:
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))

    i = j = 0
    while i < len(before) or j < len(after):
        if i < len(before) and (i in removed or j >= len(after)):
            emit("removed", before[i])
            i += 1
        elif j < len(after) and (j in added or i >= len(before)):
            emit("added", after[j])
            j += 1
        else:
            emit("same", before[i])
            i += 1
            j += 1
    return pieces
