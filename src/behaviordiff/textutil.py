"""Small text helpers shared by the stages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from behaviordiff.loading import iter_jsonl, json_problem

__all__ = ["iter_jsonl", "json_problem", "plain_number", "read_utf8", "shorten"]

if TYPE_CHECKING:
    from behaviordiff.errors import BehaviordiffError


def shorten(text: str, limit: int) -> str:
    """Whitespace folded, and cut at a word boundary with an ellipsis when over `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def read_utf8(path: Path, error: type[BehaviordiffError]) -> str:
    """A text file's content within the loading limits; see `loading.read_text`."""
    from behaviordiff.loading import read_text

    return read_text(path, error)


def plain_number(value: float) -> str:
    """A number as people and labels write it: 9, 4.5, 1250000 (no exponent, no .0)."""
    return f"{value:.6f}".rstrip("0").rstrip(".")
