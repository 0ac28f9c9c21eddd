"""A run's reply of tens of megabytes is read for its behavior up to `READ_CHARS` characters
(it took minutes per sample to read for promises and meaning); the promises said early are
still read, and the transcript is not cut."""

from __future__ import annotations

from behaviordiff.detect.signature import READ_CHARS, _read_part


def test_a_huge_reply_is_read_up_to_the_limit_at_a_space() -> None:
    reply = "Your refund will arrive within 5 business days. " + "filler words " * 2_000_000
    read = _read_part(reply)
    assert len(read) <= READ_CHARS and read.startswith("Your refund will arrive within 5")
    assert read.endswith(("words", "filler"))  # cut at a space, not inside a word
    assert _read_part("short reply") == "short reply"
    unbroken = "x" * (READ_CHARS * 2)
    assert len(_read_part(unbroken)) == READ_CHARS
