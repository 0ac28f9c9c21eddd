"""Aligning two sequences (lines, sentences, words) with DeepDiff: which items stayed, which
went, which came, as opcodes in reading order. Every text diff of the product (word diffs for
writers, the rule moves of a changed prompt sentence, the patch of an export) reads this one
alignment, so they all agree on what changed.

Long texts are aligned in two passes: first their chunks (sentences or lines), then the words
inside each replaced stretch of chunks. The work then grows with what changed, not with the
square of the text's length."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

Tag = Literal["equal", "delete", "insert", "replace"]
T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class Opcode:
    """`a[i1:i2]` became `b[j1:j2]` (both ranges empty of nothing for "equal")."""

    tag: Tag
    i1: int
    i2: int
    j1: int
    j2: int


def _index(path: str) -> int:
    return int(path[path.rindex("[") + 1 : -1])


_LINE_MODE_LIMIT = 200
"""DeepDiff's line diff of two strings treats lines frequent in a text of 200 lines or more
as noise (its matcher's "autojunk"): a space token would then never align. Longer lists are
compared as lists."""


def _list_marks(a: Sequence[T], b: Sequence[T]) -> tuple[set[int], set[int]]:
    """`_marks` through DeepDiff's list diff, which aligns every item."""
    from deepdiff import DeepDiff

    removed: set[int] = set()
    added: set[int] = set()
    diff = DeepDiff(list(a), list(b), view="tree", verbose_level=0)
    for level in diff.get("iterable_item_removed", []):
        removed.add(_index(level.path()))
    for level in diff.get("iterable_item_added", []):
        added.add(_index(level.path(use_t2=True)))
    for report in ("values_changed", "type_changes"):
        for level in diff.get(report, []):
            removed.add(_index(level.path()))
            added.add(_index(level.path(use_t2=True)))
    return removed, added


def _marks(a: Sequence[T], b: Sequence[T]) -> tuple[set[int], set[int]]:
    """Indexes of `a` that went and of `b` that came, as DeepDiff reports them.

    Each item becomes one line naming it (items equal on both sides share a name), and
    DeepDiff compares the two texts: its line diff of two strings costs a small fraction of
    its diff of two lists, which builds an object per item."""
    from deepdiff import DeepDiff

    if len(b) >= _LINE_MODE_LIMIT:
        return _list_marks(a, b)
    names: dict[T, str] = {}
    old = "\n".join(names.setdefault(item, str(len(names))) for item in a)
    new = "\n".join(names.setdefault(item, str(len(names))) for item in b)
    removed: set[int] = set()
    added: set[int] = set()
    diff = DeepDiff(old, new, view="tree")
    for level in diff.get("values_changed", []):
        lines = level.additional.get("diff")
        if lines:
            _read_unified(str(lines), removed, added)
        else:  # one line on each side: DeepDiff gives no line diff, the line changed
            removed.update(range(len(a)))
            added.update(range(len(b)))
    return removed, added


_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def _read_unified(text: str, removed: set[int], added: set[int]) -> None:
    """The removed and added line numbers (0-based) of a unified diff."""
    i = j = 0
    for line in text.split("\n"):
        header = _HUNK.match(line)
        if header:
            i = int(header.group(1)) - (0 if header.group(2) == "0" else 1)
            j = int(header.group(3)) - (0 if header.group(4) == "0" else 1)
        elif line.startswith(("---", "+++")) and not header and i == j == 0:
            continue
        elif line.startswith("-"):
            removed.add(i)
            i += 1
        elif line.startswith("+"):
            added.add(j)
            j += 1
        elif line.startswith(" "):
            i += 1
            j += 1


def _steps(
    a: Sequence[T], b: Sequence[T], removed: set[int], added: set[int]
) -> Iterator[tuple[Tag, int, int]]:
    i = j = 0
    while i < len(a) or j < len(b):
        if i < len(a) and (i in removed or j >= len(b)):
            yield "delete", i, j
            i += 1
        elif j < len(b) and (j in added or i >= len(a)):
            yield "insert", i, j
            j += 1
        else:
            yield "equal", i, j
            i += 1
            j += 1


def align(a: Sequence[T], b: Sequence[T]) -> list[Opcode]:
    """Opcodes turning `a` into `b`, in order; a deletion next to an insertion is one
    "replace"."""
    if list(a) == list(b):
        return [Opcode("equal", 0, len(a), 0, len(b))] if a else []
    # the items both share at their start and at their end are equal in any alignment: only
    # the middle goes to DeepDiff
    shorter = min(len(a), len(b))
    head = 0
    while head < shorter and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shorter - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    if middle_a and middle_b:
        inner_removed, inner_added = _marks(middle_a, middle_b)
    else:
        inner_removed, inner_added = set(range(len(middle_a))), set(range(len(middle_b)))
    removed = {head + index for index in inner_removed}
    added = {head + index for index in inner_added}
    opcodes: list[Opcode] = []
    run_start: tuple[int, int] | None = None
    changed_start: tuple[int, int] | None = None
    i = j = 0
    for kind, i, j in _steps(a, b, removed, added):
        if kind == "equal":
            if changed_start is not None:
                opcodes.append(_changed(changed_start, (i, j)))
                changed_start = None
            if run_start is None:
                run_start = (i, j)
        else:
            if run_start is not None:
                opcodes.append(Opcode("equal", run_start[0], i, run_start[1], j))
                run_start = None
            if changed_start is None:
                changed_start = (i, j)
    end = (len(a), len(b))
    if run_start is not None:
        opcodes.append(Opcode("equal", run_start[0], end[0], run_start[1], end[1]))
    if changed_start is not None:
        opcodes.append(_changed(changed_start, end))
    return opcodes


def _changed(start: tuple[int, int], end: tuple[int, int]) -> Opcode:
    i1, j1 = start
    i2, j2 = end
    tag: Tag = "replace" if i2 > i1 and j2 > j1 else ("delete" if i2 > i1 else "insert")
    return Opcode(tag, i1, i2, j1, j2)


def align_chunked(
    a: Sequence[str],
    b: Sequence[str],
    chunk: Callable[[Sequence[str]], list[tuple[int, int]]],
    *,
    limit: int = 400,
) -> list[Opcode]:
    """`align` for long token lists: tokens are grouped into chunks (`chunk` gives each
    chunk's [start, end) over the tokens), chunks are aligned first, and the tokens inside
    each replaced stretch of chunks are aligned next. Short lists (up to `limit` tokens on
    both sides) are aligned token by token directly."""
    if len(a) <= limit and len(b) <= limit:
        return align(a, b)
    spans_a, spans_b = chunk(a), chunk(b)
    keys_a = ["".join(a[s:e]) for s, e in spans_a]
    keys_b = ["".join(b[s:e]) for s, e in spans_b]
    opcodes: list[Opcode] = []
    for op in align(keys_a, keys_b):
        i1 = spans_a[op.i1][0] if op.i1 < len(spans_a) else len(a)
        i2 = spans_a[op.i2 - 1][1] if op.i2 > op.i1 else i1
        j1 = spans_b[op.j1][0] if op.j1 < len(spans_b) else len(b)
        j2 = spans_b[op.j2 - 1][1] if op.j2 > op.j1 else j1
        if op.tag == "replace" and (i2 - i1) <= limit and (j2 - j1) <= limit:
            opcodes.extend(
                Opcode(inner.tag, i1 + inner.i1, i1 + inner.i2, j1 + inner.j1, j1 + inner.j2)
                for inner in align(a[i1:i2], b[j1:j2])
            )
        else:
            opcodes.append(Opcode(op.tag, i1, i2, j1, j2))
    return opcodes


def grouped(opcodes: list[Opcode], context: int = 3) -> list[list[Opcode]]:
    """The opcodes in hunks with `context` equal items around each change (a unified
    diff's hunks)."""
    if not opcodes:
        return []
    codes = list(opcodes)
    if codes[0].tag == "equal":
        first = codes[0]
        codes[0] = Opcode(
            "equal",
            max(first.i1, first.i2 - context),
            first.i2,
            max(first.j1, first.j2 - context),
            first.j2,
        )
    if codes[-1].tag == "equal":
        last = codes[-1]
        codes[-1] = Opcode(
            "equal",
            last.i1,
            min(last.i2, last.i1 + context),
            last.j1,
            min(last.j2, last.j1 + context),
        )
    groups: list[list[Opcode]] = []
    group: list[Opcode] = []
    for op in codes:
        if op.tag == "equal" and op.i2 - op.i1 > 2 * context:
            group.append(Opcode("equal", op.i1, op.i1 + context, op.j1, op.j1 + context))
            groups.append(group)
            group = [Opcode("equal", op.i2 - context, op.i2, op.j2 - context, op.j2)]
            continue
        group.append(op)
    if group and not (len(group) == 1 and group[0].tag == "equal"):
        groups.append(group)
    return [g for g in groups if any(op.tag != "equal" for op in g)]


def unified_diff(
    a: Sequence[str], b: Sequence[str], fromfile: str, tofile: str, context: int = 3
) -> list[str]:
    """A unified diff of two lists of lines (each with its line end, if any), as `patch`
    and `git apply` read it."""
    lines: list[str] = []
    for group in grouped(align(a, b), context):
        if not lines:
            lines += [f"--- {fromfile}\n", f"+++ {tofile}\n"]
        first, last = group[0], group[-1]
        lines.append(f"@@ -{_range(first.i1, last.i2)} +{_range(first.j1, last.j2)} @@\n")
        for op in group:
            if op.tag == "equal":
                lines += [" " + line for line in a[op.i1 : op.i2]]
                continue
            lines += ["-" + line for line in a[op.i1 : op.i2]]
            lines += ["+" + line for line in b[op.j1 : op.j2]]
    return lines


def _range(start: int, stop: int) -> str:
    """A unified diff's "start,length" (1-based; an empty range names the line before)."""
    length = stop - start
    begin = start + 1
    if length == 1:
        return f"{begin}"
    if not length:
        begin -= 1
    return f"{begin},{length}"
