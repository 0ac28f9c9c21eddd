"""The option a change's condition names ("pay_method = cheque") and the prompt sentences that
took it out of their list of options ("We accept card, bank transfer or cheque." → "We accept
card or bank transfer."): the reading `droppedoption` builds on, kept apart so that `facts`
can add such a sentence to a change's rules (`option_rules`) without importing the drafting
rules that read the facts."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.grants import DENIES

if TYPE_CHECKING:
    from behaviordiff.detect.model import Condition

DENIED = re.compile(
    rf"{DENIES.pattern}|\b(?:don(?:'|’)t|do not|doesn(?:'|’)t|does not|no|without)\b", re.I
)
"""What a sentence says when it denies something: a list of what is refused, a denial naming
the option ("we never send refunds by cheque")."""
_PREPOSITION = r"(?:(?:by|with|via|in|using|through)\s+)?"


def option_pattern(option: str) -> re.Pattern[str]:
    """The option as a word of its own, singular or plural, with the preposition it takes in
    a list ("by cheque")."""
    words = r"\s+".join(re.escape(word) for word in option.split())
    return re.compile(rf"(?<![\w-]){_PREPOSITION}{words}(?:e?s)?(?![\w-])", re.I)


def option_value(conditions: Sequence[Condition]) -> str | None:
    """The one word value the first condition tests (topic tags aside), in words."""
    if not conditions:
        return None
    atoms = [atom for atom in conditions[0].atoms if getattr(atom, "op", "") != "tag"]
    if len(atoms) != 1 or atoms[0].op not in ("=", "in"):
        return None
    value = atoms[0].value
    if isinstance(value, list | tuple):
        if len(value) != 1:
            return None
        value = value[0]
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z][A-Za-z_ -]{1,40}", value):
        return None
    return value.replace("_", " ").lower()


def narrows(old: str, new: str, option: str) -> bool:
    """Whether a prompt sentence named the option in a list and its new form does not; a list
    of what is refused losing it ("X and Y aren't covered" → "Y isn't") widens, not narrows."""
    found = option_pattern(option)
    return (
        not DENIED.search(old)
        and bool(found.search(old))
        and not found.search(new)
        and bool(re.search(r",|\s(?:or|and)\s", old))
    )


def option_rules(
    rules: Sequence[Any],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    conditions: Sequence[Condition],
    make: Callable[..., Any],
) -> list[Any]:
    """The prompt sentences no change was attributed that took the condition's option out of
    their list, as `sentence_changed` rules of the change (`make` builds one): what the KB's
    lists of options now say."""
    value = option_value(conditions)
    if value is None:
        return []
    have = {rule.hunk_id for rule in rules}
    found: list[Any] = []
    for hunk_id, hunk in hunks.items():
        if hunk_id in have or hunk_id in attributed or hunk.get("kind") != "sentence_changed":
            continue
        old, new = hunk.get("old"), hunk.get("new")
        if isinstance(old, str) and isinstance(new, str) and narrows(old, new, value):
            summary = str(hunk.get("summary") or f"{old} → {new}")
            found.append(make(hunk_id, "sentence_changed", hunk.get("section"), old, new, summary))
    return found
