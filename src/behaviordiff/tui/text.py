"""Rich-free text building for the app: word diffs and statuses as Textual `Content`."""

from __future__ import annotations

import re

from textual.content import Content, Span

from behaviordiff.pipeline import Piece, word_diff

STATUS_STYLE = {
    "draft": "$foreground",
    "edited": "$accent",
    "approved": "$success",
    "rejected": "$error",
    "needs-engineering": "$warning",
    "wording": "$foreground-muted",
}
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.S)


SHORT = {"needs-engineering": "engineering"}


def status_text(status: str) -> Content:
    """A status in its colour; `needs-engineering` shows as `engineering` in narrow columns."""
    return Content.styled(SHORT.get(status, status), f"bold {STATUS_STYLE.get(status, '')}".strip())


def _placeholders(text: str, offset: int) -> list[Span]:
    return [
        Span(offset + match.start(), offset + match.end(), "bold reverse")
        for match in _PLACEHOLDER.finditer(text)
    ]


def diff_content(
    pieces: list[Piece], *, show: tuple[str, ...] = ("same", "removed", "added")
) -> Content:
    """Removed words struck through in red, added ones in green, placeholders reversed."""
    text = ""
    spans: list[Span] = []
    for piece in pieces:
        if piece.op not in show:
            continue
        start = len(text)
        text += piece.text
        if piece.op == "removed":
            spans.append(Span(start, len(text), "strike $text-error on $error-muted"))
        elif piece.op == "added":
            spans.append(Span(start, len(text), "bold $text-success on $success-muted"))
        spans += _placeholders(piece.text, start)
    return Content(text, spans)


def side_by_side(old: str, new: str) -> tuple[Content, Content]:
    """The old text with what went highlighted, the new one with what came."""
    pieces = word_diff(old, new)
    return (
        diff_content(pieces, show=("same", "removed")),
        diff_content(pieces, show=("same", "added")),
    )
