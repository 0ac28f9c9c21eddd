"""Word-level differences between two texts, for a writer to read: which words went, which
came, in order. Tokens are words, numbers, punctuation and runs of whitespace; the alignment
is DeepDiff's over the token lists (`diffing.align`), sentence by sentence for long texts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from behaviordiff.diffing.align import align_chunked

Op = Literal["same", "removed", "added"]
_TOKEN = re.compile(r"\{\{.*?\}\}|\s+|[$€£]?\d+(?:[.,:/-]\d+)*%?|\w+|[^\w\s]", re.S)


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """Placeholders ({{ticket.id}}) and amounts ($4.50) stay one token each."""
    return _TOKEN.findall(text)


_WORDS_AT_ONCE = 100
"""Texts longer than this (in tokens) are aligned sentence by sentence first: a reply of a few
hundred words then costs a few milliseconds, not a tenth of a second (a keypress's budget)."""


def sentence_spans(items: Sequence[str]) -> list[tuple[int, int]]:
    """[start, end) of each sentence or line over the tokens."""
    spans: list[tuple[int, int]] = []
    start = 0
    for index, token in enumerate(items):
        if token in (".", "!", "?") or "\n" in token:
            spans.append((start, index + 1))
            start = index + 1
    if start < len(items):
        spans.append((start, len(items)))
    return spans


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces of old and new in reading order, runs of one kind merged."""
    before, after = tokens(old), tokens(new)
    steps: list[tuple[Op, str]] = []
    for op in align_chunked(before, after, sentence_spans, limit=_WORDS_AT_ONCE):
        if op.tag == "equal":
            steps += [("same", token) for token in before[op.i1 : op.i2]]
            continue
        steps += [("removed", token) for token in before[op.i1 : op.i2]]
        steps += [("added", token) for token in after[op.j1 : op.j2]]
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
