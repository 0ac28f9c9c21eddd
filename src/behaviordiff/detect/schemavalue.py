"""A value a tool's schema lost or gained (an enum loses `cheque`) beside a prompt sentence that
says it in words ("We no longer take cheques: if a customer wants to pay by cheque, say so, …").

Both carry the change, but the schema hunk only makes the value impossible (or possible); the
sentence is the rule the agent follows and what a writer tells CS, so attribution ranks it
first. Such a sentence is the rule for the change's customers, not an exception clause kept
for the others, even when it still names the tool the change stopped calling (for the values
left).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from behaviordiff.detect.model import Attribution
from behaviordiff.diffing.model import Hunk, VersionDiff

_VALUE = re.compile(r"[A-Za-z][A-Za-z_ -]{1,40}")
_WORD = re.compile(r"[a-z]+")


def _stems(text: str) -> set[str]:
    """Word stems as attribution compares them: the first six letters ("cheques" → "cheque")."""
    return {word[:6] for word in _WORD.findall(text.lower()) if len(word) > 2}


def _schema_value(hunk: Hunk, tools: Collection[str]) -> str | None:
    """The word value a schema hunk of one of `tools` removed or added (an enum member:
    "cheque", "bank_transfer"), or None."""
    if hunk.kind != "tool_changed" or not hunk.key:
        return None
    if hunk.key.split(".", 1)[0] not in tools or ".enum" not in hunk.key:
        return None
    value = hunk.new if hunk.old is None else hunk.old if hunk.new is None else None
    if not isinstance(value, str) or _VALUE.fullmatch(value) is None:
        return None
    return value


def stating_schema_values(
    diff: VersionDiff,
    tools: Collection[str],
    words: Callable[[Hunk], str],
    condition_values: Collection[str],
) -> dict[str, str]:
    """By prompt hunk id, the schema hunk whose removed or added value its changed words
    (`words`) say ("cheques" for the enum member `cheque`), when that value is one the change's
    condition names (`condition_values`: the customers who chose it); empty when no such pair.
    A value the condition does not name (an enum losing `engraved` when engraving stops for
    watches) keeps the schema hunk where it ranked: it is what the change takes from the
    condition's customers, not the option they chose."""
    found: dict[str, str] = {}
    for schema in diff.hunks:
        value = _schema_value(schema, tools)
        if value is None or value.lower() not in condition_values:
            continue
        wanted = _stems(value.replace("_", " "))
        if not wanted:
            continue
        for hunk in diff.hunks:
            if hunk.id in found or not hunk.is_prompt:
                continue
            if hunk.kind not in ("sentence_changed", "sentence_added"):
                continue
            if wanted <= _stems(words(hunk)):
                found[hunk.id] = schema.id
    return found


def sentence_before_schema(ranked: list[Attribution], stating: dict[str, str]) -> list[Attribution]:
    """`ranked` with each prompt sentence of `stating` put just before the schema hunk whose
    value it says, when it ranked after it."""
    order = list(ranked)
    for item in ranked:
        schema_id = stating.get(item.hunk_id)
        if schema_id is None:
            continue
        at = next((i for i, other in enumerate(order) if other.hunk_id == schema_id), None)
        if at is not None and order.index(item) > at:
            order.remove(item)
            order.insert(at, item)
    return order
