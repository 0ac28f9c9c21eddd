"""A body with no bare yes or no is not aligned sentence by sentence to find one: on an article
of hundreds of repeated sentences the alignment took minutes for each edit checked; a body
with one still is."""

from __future__ import annotations

import pytest

from behaviordiff.drafting import answerword


def test_no_bare_answer_means_no_alignment(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = answerword.align

    def counted(a, b):  # type: ignore[no-untyped-def]
        calls.append(len(a))
        return real(a, b)

    monkeypatch.setattr(answerword, "align", counted)
    old = "Refunds take 5 days. " * 500
    new = "Refunds take 7 days. " * 500
    assert answerword.answer_words(old, new) == (new, [])
    assert calls == []
    bare = "Can I return it?\n\nNo. Returns are not accepted.\n"
    flipped = "Can I return it?\n\nNo. Returns are accepted within 30 days.\n"
    answerword.answer_words(bare, flipped)
    assert calls  # a bare answer: aligned as before
