"""Word-level differences for writers: in reading order, both texts recoverable, placeholders
and amounts whole, a changed stretch read as what went then what came."""

from __future__ import annotations

from itertools import pairwise

import pytest

from behaviordiff.diffing.words import Piece, tokens, word_diff

PAIRS = [
    ("", "new text"),
    ("old text", ""),
    ("same", "same"),
    ("a b c d", "a x c d e"),
    (
        "Items can be returned within **30 days of delivery**. The return window is the same "
        "for every customer and every order.",
        "Items can be returned within **30 days of delivery** (45 days for Acme Plus members).",
    ),
    ("Hi {{ticket.requester.first_name}}, we refund $4.50.", "Hi, we refund $6.00 now."),
]


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_both_texts_read_back_from_the_pieces(old: str, new: str) -> None:
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.op != "added") == old
    assert "".join(p.text for p in pieces if p.op != "removed") == new
    assert all(a.op != b.op for a, b in pairwise(pieces))


def test_placeholders_and_amounts_are_single_tokens() -> None:
    assert "{{ticket.requester.first_name}}" in tokens("Hi {{ticket.requester.first_name}},")
    assert "$4.50" in tokens("we refund $4.50.")
    pieces = word_diff("Hi {{ticket.id}}, we refund $4.50.", "Hi, we refund $6.00.")
    assert Piece("removed", "$4.50") in pieces and Piece("added", "$6.00") in pieces
    assert Piece("removed", " {{ticket.id}}") in pieces


def test_a_rewritten_sentence_reads_as_what_went_then_what_came() -> None:
    old, new = PAIRS[4]
    assert word_diff(old, new) == [
        Piece("same", "Items can be returned within **30 days of delivery**"),
        Piece("removed", ". The return window is the same for every customer and every order"),
        Piece("added", " (45 days for Acme Plus members)"),
        Piece("same", "."),
    ]
