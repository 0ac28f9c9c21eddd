"""Text from data (a macro body, a model's reply, a probe) shown on a terminal: control
characters are made visible, never obeyed. An escape sequence in a macro body could otherwise
retitle the window, hide lines, or rewrite what the user reads."""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline, DEL, and the C1 range (\\x9b is a one-byte CSI)."""
_C1 = re.compile("[\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def safe_terminal_text(text: str) -> str:
    """`text` with every control character but tab and newline shown as `\\xNN`."""
    return _CONTROL.sub(_visible, text)


def safe_json_text(text: str) -> str:
    """JSON text whose strings hold C1 controls (JSON escapes C0 itself): escaped too."""
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
