"""Text from data (a macro body, a model's reply, a probe) shown on a terminal: control
characters are made visible, never obeyed. An escape sequence in a macro body could otherwise
retitle the window, hide lines, or rewrite what the user reads; a bidi override could make a
line read in an order other than the one it is stored in."""

from __future__ import annotations

import re
from collections.abc import Iterator

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
"""C0 controls but tab, newline and a carriage return ending a line (a CRLF text's lines), DEL,
the C1 range (\\x9b is a one-byte CSI), and the bidi embeddings, overrides and isolates
(U+202A to U+202E, U+2066 to U+2069). A lone carriage return would overwrite a line's start."""
_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What JSON text may hold raw that a terminal would obey: C1 controls and bidi controls
(JSON escapes C0 itself; these can only sit inside strings, where `\\uNNNN` is the same)."""


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def controls(text: str) -> Iterator[re.Match[str]]:
    """Each character of `text` that `safe_terminal_text` makes visible."""
    return _CONTROL.finditer(text)


def has_controls(text: str) -> bool:
    """Whether `safe_terminal_text` would change `text`."""
    return _CONTROL.search(text) is not None


def safe_terminal_text(text: str) -> str:
    """`text` with every control character but tab and newline (and CRLF) shown as `\\xNN`,
    and every bidi embedding, override or isolate as `\\uNNNN`: visible, never obeyed."""
    return _CONTROL.sub(_visible, text)


def safe_json_text(text: str) -> str:
    """JSON text whose strings hold C1 or bidi controls (JSON escapes C0 itself): escaped
    too, the same string to a JSON reader."""
    return _IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
