"""Word-level differences between two texts, for a writer to read: which words went, which
came, in order. Tokens are words, numbers, punctuation and runs of whitespace; the alignment
is difflib's longest matching blocks over the token lists (DeepDiff's generic list diff took
a tenth of a second per transcript, a keypress's whole budget in the review app)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Op = Literal["same", "removed", "added"]
_TOKEN = re.compile(r"\{\{.*?\}\}|\s+|[$€£]?\d+(?:[.,:/-]\d+)*%?|\w+|[^\w\s]", re.S)


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """Placeholders ({{ticket.id}}) and amounts ($4.50) stay one token each."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces of old and new in reading order, runs of one kind merged."""
    from difflib import SequenceMatcher

    before, after = tokens(old), tokens(new)
    removed: set[int] = set()
    added: set[int] = set()
    if before != after:
        matcher = SequenceMatcher(None, before, after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("delete", "replace"):
                removed.update(range(i1, i2))
            if tag in ("insert", "replace"):
                added.update(range(j1, j2))
    steps: list[tuple[Op, str]] = []
    i = j = 0
    while i < len(before) or j < len(after):
        if i < len(before) and (i in removed or j >= len(after)):
            steps.append(("removed", before[i]))
            i += 1
        elif j < len(after) and (j in added or i >= len(before)):
            steps.append(("added", after[j]))
            j += 1
        else:
            steps.append(("same", before[i]))
            i += 1
            j += 1
    return _readable(steps)


def _words(steps: list[tuple[Op, str]]) -> int:
    return sum(1 for _, token in steps if token.strip())


def _readable(steps: list[tuple[Op, str]]) -> list[Piece]:
    """Runs of one kind merged; within a changed stretch, what went before what came. A
    single common word between changes (`for`, `days`) is part of the stretch: read alone it
    breaks the sentence into alternating scraps."""
    pieces: list[Piece] = []

    def emit(op: Op, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))

    index = 0
    while index < len(steps):
        op, token = steps[index]
        if op == "same":
            emit("same", token)
            index += 1
            continue
        end = index
        while True:
            while end < len(steps) and steps[end][0] != "same":
                end += 1
            gap = end
            while gap < len(steps) and steps[gap][0] == "same":
                gap += 1
            if gap < len(steps) and _words(steps[end:gap]) <= 1:
                end = gap
                continue
            break
        stretch = steps[index:end]
        emit("removed", "".join(t for o, t in stretch if o != "added"))
        emit("added", "".join(t for o, t in stretch if o != "removed"))
        index = end
    return pieces
