"""Small text helpers shared by the stages."""

from __future__ import annotations


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
