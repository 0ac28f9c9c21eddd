"""The one alignment every text diff reads (diffing.align): opcodes that rebuild the new
sequence from the old, chunked alignment for long texts, and unified diffs `patch` applies."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from behaviordiff.diffing.align import Opcode, align, align_chunked, unified_diff
from behaviordiff.diffing.words import tokens, word_diff

WORDS = st.lists(st.sampled_from(["a", "b", "c", "d", ".", " ", "\n"]), max_size=40)


def rebuild(a: list[str], b: list[str], opcodes: list[Opcode]) -> list[str]:
    out: list[str] = []
    position = 0
    for op in opcodes:
        assert op.i1 == position, "opcodes cover the old sequence in order"
        if op.tag == "equal":
            assert a[op.i1 : op.i2] == b[op.j1 : op.j2]
        out += b[op.j1 : op.j2]
        position = op.i2
    assert position == len(a)
    return out


@settings(max_examples=150, deadline=None)
@given(WORDS, WORDS)
def test_opcodes_rebuild_the_new_sequence(a: list[str], b: list[str]) -> None:
    assert rebuild(a, b, align(a, b)) == b


@settings(max_examples=60, deadline=None)
@given(WORDS, WORDS)
def test_chunked_alignment_rebuilds_the_new_sequence(a: list[str], b: list[str]) -> None:
    def lines(items: object) -> list[tuple[int, int]]:
        seq = list(items)  # type: ignore[call-overload]
        spans, start = [], 0
        for index, token in enumerate(seq):
            if token == "\n":
                spans.append((start, index + 1))
                start = index + 1
        if start < len(seq):
            spans.append((start, len(seq)))
        return spans

    assert rebuild(a, b, align_chunked(a, b, lines, limit=4)) == b


def test_a_replaced_word_is_one_replace_between_equal_runs() -> None:
    a = ["the", "refund", "takes", "30", "days"]
    b = ["the", "refund", "takes", "60", "days"]
    assert [op.tag for op in align(a, b)] == ["equal", "replace", "equal"]


def test_a_long_text_is_diffed_sentence_by_sentence_and_keeps_its_words() -> None:
    sentence = "Your parcel ships within 2 days and tracking follows by email. "
    old = sentence * 60 + "Refunds take 30 days. " + sentence * 60
    new = sentence * 60 + "Refunds take 14 days. " + sentence * 60
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.op != "added") == old
    assert "".join(p.text for p in pieces if p.op != "removed") == new
    changed = [p.text for p in pieces if p.op != "same"]
    assert changed == ["30", "14"]
    assert len(tokens(old)) > 400


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program")
def test_unified_diff_is_applied_by_patch(tmp_path: Path) -> None:
    old = "".join(f"line {n}\n" for n in range(1, 30))
    new = (
        old.replace("line 3\n", "line three\n")
        .replace("line 20\n", "")
        .replace("line 28\n", "line 28\nline 28b\n")
    )
    target = tmp_path / "article.md"
    target.write_text(old)
    patch = "".join(
        unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            "a/article.md",
            "b/article.md",
        )
    )
    subprocess.run(["patch", "-p1", "-s"], input=patch, text=True, cwd=tmp_path, check=True)
    assert target.read_text() == new


def test_unified_diff_of_equal_texts_is_empty() -> None:
    lines = ["same\n", "text\n"]
    assert unified_diff(lines, lines, "a/x", "b/x") == []


def test_long_lists_align_every_repeated_item() -> None:
    text = (
        "Hi Dana, thanks for reaching out. I've looked up order A-1234. Your refund of $45.00 "
        "is on its way and should show up within 5-7 business days. "
    ) * 4
    old, new = tokens(text), tokens(text.replace("$45.00", "$90.00"))
    assert len(new) >= 200
    changed = [op for op in align(old, new) if op.tag != "equal"]
    assert [(op.i2 - op.i1, op.j2 - op.j1) for op in changed] == [(1, 1)] * 4
