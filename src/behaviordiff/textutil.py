"""Small text helpers shared by the stages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def json_problem(exc: json.JSONDecodeError, *, with_line: bool = False) -> str:
    """`not valid JSON (Unterminated string starting at column 7)`: the decoder's message
    (which may itself end in "at") with the place, read once."""
    place = f"line {exc.lineno}, column {exc.colno}" if with_line else f"column {exc.colno}"
    message = exc.msg.removesuffix(" at")
    return f"not valid JSON ({message} at {place})"


def read_utf8(path: Path, error: type[BehaviordiffError]) -> str:
    """A text file's content; unreadable or not UTF-8 is `error` naming the file."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            f"not UTF-8 text (byte {exc.start})",
            where=path,
            hint="save the file as UTF-8 (most editors: “Save with encoding”)",
        ) from None
    except OSError as exc:
        raise error(f"cannot read the file ({exc.strerror or exc})", where=path) from None


def iter_jsonl(path: Path, error: type[BehaviordiffError], hint: str) -> Iterator[tuple[str, Any]]:
    """(`file:line`, parsed JSON) for every non-blank line, read as it streams; a line that is
    not JSON, or bytes that are not UTF-8, are `error` naming the line, with `hint`."""
    import gzip

    try:
        # lines split on \n only, each decoded: errors name their line; .gz read as it streams
        handle = gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")  # noqa: SIM115
    except OSError as exc:
        raise error(f"cannot read the file ({exc.strerror or exc})", where=path) from None
    with handle:
        for number, raw in _lines(handle, path, error):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise error(
                    f"not UTF-8 text (byte {exc.start + 1} of the line)",
                    where=where,
                    hint="save the file as UTF-8 (JSON files are UTF-8 by definition)",
                ) from None
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise error(json_problem(exc), where=where, hint=hint) from None
            yield where, record


def _lines(handle: Any, path: Path, error: type[BehaviordiffError]) -> Iterator[tuple[int, bytes]]:
    try:
        yield from enumerate(handle, start=1)
    except OSError as exc:  # gzip.BadGzipFile, a truncated archive
        raise error(
            f"cannot read the compressed file ({exc})",
            where=path,
            hint="check the file with `gunzip -t`",
        ) from None


def plain_number(value: float) -> str:
    """A number as people and labels write it: 9, 4.5, 1250000 (no exponent, no .0)."""
    return f"{value:.6f}".rstrip("0").rstrip(".")
