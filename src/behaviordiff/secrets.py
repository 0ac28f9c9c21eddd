"""Known secret values, kept out of everything stored, printed or exported.

A model server may echo the API key in an error body; a helpdesk may echo its token. The
values are known (the environment, keys given explicitly), so instead of guessing what looks
like a key, every known value is replaced wherever text leaves the process: errors, stored
runs and the audit log, terminal and JSON output, exported transcripts.
"""

from __future__ import annotations

import os
import re
from typing import Any

REDACTED = "[redacted]"
MIN_SECRET_LENGTH = 8
"""Shorter values are not keys (and replacing them would garble ordinary text)."""

_SECRET_NAME = re.compile(
    r"(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?|AUTH)(?:_|$)", re.I
)
_NOT_SECRETS = frozenset({"not-needed", "true", "false", "none", "null"})
_registered: set[str] = set()


def register_secret(value: str | None) -> None:
    """A secret given other than through the environment (an explicit api_key)."""
    if value and len(value) >= MIN_SECRET_LENGTH and value.lower() not in _NOT_SECRETS:
        _registered.add(value)


_names: tuple[tuple[str, ...], list[str]] = ((), [])
"""The environment's variable names when last read, and those among them named like secrets."""


def _secret_names() -> list[str]:
    global _names
    names = tuple(os.environ)
    if names != _names[0]:
        _names = (names, [name for name in names if _SECRET_NAME.search(name)])
    return _names[1]


def known_secrets() -> list[str]:
    """Secret values of this process, longest first (so a key containing another is replaced
    whole): environment variables named like keys, tokens, secrets or passwords, and
    registered values. Read on every call (a key set later counts), cheaply: the names are
    matched again only when the set of names changes."""
    found = set(_registered)
    for name in _secret_names():
        value = os.environ.get(name, "")
        if len(value) >= MIN_SECRET_LENGTH and value.lower() not in _NOT_SECRETS:
            found.add(value)
    return sorted(found, key=len, reverse=True)


def scrub(text: str) -> str:
    """`text` with every known secret value replaced by [redacted]."""
    for secret in known_secrets():
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


def scrub_data(value: Any) -> Any:
    """Plain data (dicts, lists, strings) with every string scrubbed."""
    secrets = known_secrets()
    if not secrets:
        return value
    return _scrub_data(value, secrets)


def _scrub_data(value: Any, secrets: list[str]) -> Any:
    if isinstance(value, str):
        for secret in secrets:
            if secret in value:
                value = value.replace(secret, REDACTED)
        return value
    if isinstance(value, dict):
        return {key: _scrub_data(item, secrets) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_data(item, secrets) for item in value]
    return value
