"""The yes or no a reply gives to a yes/no question: "Do I need a licence?" answered "No, you
don't" by one version and "Yes: as you're under 21, we need ..." by the other is a changed
answer, however alike the rest of the two replies reads."""

from __future__ import annotations

import re
from collections.abc import Iterable

_ANSWER = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?P<word>yes|no)(?=[,.:;!]|\s[–—-]\s)", re.I)
"""A sentence opening with a bare "Yes" or "No" ("No, you don't", "Yes: as you're"), not a
phrase ("No problem", "No-one", "Yes please")."""
_HEAD = 400
"""The answer comes first (after a greeting): only the head of a reply is read, so the work is
bounded whatever its length."""


def yes_no(text: str) -> str | None:
    """ "yes" or "no" for a reply that answers with one near its start, else None."""
    match = _ANSWER.search(text[:_HEAD])
    return match.group("word").lower() if match else None


def answer_flipped(old_texts: Iterable[str], new_texts: Iterable[str]) -> bool:
    """Whether every reply of one version answers one way, and the other version's replies
    never so and at least one of them the other way (a reply may answer in a phrase instead:
    "No licence needed!")."""
    old = [yes_no(text) for text in old_texts]
    new = [yes_no(text) for text in new_texts]
    return _one_way(old, new) or _one_way(new, old)


def _one_way(side: list[str | None], other: list[str | None]) -> bool:
    said = set(side)
    if len(said) != 1 or None in said or not other:
        return False
    [answer] = said
    return answer not in other and any(word is not None for word in other)
