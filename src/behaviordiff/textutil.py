"""Small text helpers shared by the stages."""

from __future__ import annotations

import json


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


def json_problem(exc: json.JSONDecodeError, *, with_line: bool = False) -> str:
    """`not valid JSON (Unterminated string starting at column 7)`: the decoder's message
    (which may itself end in "at") with the place, read once."""
    place = f"line {exc.lineno}, column {exc.colno}" if with_line else f"column {exc.colno}"
    message = exc.msg.removesuffix(" at")
    return f"not valid JSON ({message} at {place})"
