"""Whether a sentence a drafter writes into a KB item is a sentence: its subject and verb
agree. A rule restated from a prompt by cutting its instructions can leave a stranded
participle behind ("tell them it comes whole and cooked" → "we cooked and suggest our gift
tags"); a text that says so is worse than none, so the template drafter does not append it
and a drafting model's edit that adds one is refused (`drafters`).

Linear regular expressions only: every check is a fixed word after a pronoun.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from behaviordiff.drafting.text import plain_text, units

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

_PLURAL_SUBJECT = r"\b(?:we|they|you)\s+"
_SINGULAR_SUBJECT = r"\b(?:he|she|it)\s+"
_NOT_VERBS = frozenset(
    {
        "always",
        "perhaps",
        "sometimes",
        "thus",
        "plus",
        "nevertheless",
        "besides",
        "unless",
        "towards",
        "afterwards",
        "as",
        "us",
        "this",
        "its",
        "ours",
        "yours",
        "theirs",
        "nowadays",
        "themselves",
        "ourselves",
        "yourselves",
        "guys",
        "folks",
    }
)
_PLURAL_S = re.compile(
    _PLURAL_SUBJECT + r"(?P<verb>(?-i:is|was|has|does|[a-z]{2,}[^s\W]s))\b", re.I
)
_SINGULAR_BASE = re.compile(_SINGULAR_SUBJECT + r"(?P<verb>are|were|have|do|don[’']t)\b", re.I)
_MIXED = re.compile(
    r"\b(?:we|they|you|i|he|she|it)\s+(?P<one>(?-i:[a-z]{2,}ed))\s+and\s+(?P<two>(?-i:[a-z]+))\s+"
    r"(?P<object>our|your|their|the|a|an|them|it|his|her)\b",
    re.I,
)
"""Verbs of one subject in two tenses: "we cooked and suggest our …"."""
_DOUBLE_SUBJECT = re.compile(r"\b(?:we|they)\s+(?:we|they|you)(?:['’](?:ll|re|ve|d))?\b", re.I)
"""Two subjects in a row, one of them stranded by a cut: "After that, we they'll be charged" (the
first a subject-only "we" or "they": "told you we'd" is an object and a subject)."""
_PAST = frozenset(
    {
        "found",
        "sent",
        "made",
        "took",
        "gave",
        "got",
        "put",
        "set",
        "kept",
        "left",
        "told",
        "paid",
        "brought",
        "bought",
        "said",
        "saw",
        "came",
        "went",
        "held",
        "let",
        "met",
        "read",
        "cut",
        "built",
        "sold",
        "won",
        "lost",
        "spent",
        "chose",
        "wrote",
        "drove",
        "fixed",
    }
)


def agreement_problem(sentence: str) -> str | None:
    """Why `sentence` is not a grammatical sentence ("“we cooked and suggest”: its verbs do not
    agree"), or None when its subjects and verbs agree as far as these checks see."""
    text = " ".join(sentence.split())
    for found in _PLURAL_S.finditer(text):
        verb = found["verb"].lower()
        if verb not in _NOT_VERBS:
            return f"“{found.group(0)}”: its subject and verb do not agree"
    double = _DOUBLE_SUBJECT.search(text)
    if double is not None:
        return f"“{double.group(0)}”: two subjects in a row, a word is missing"
    found_base = _SINGULAR_BASE.search(text)
    if found_base is not None:
        return f"“{found_base.group(0)}”: its subject and verb do not agree"
    for mixed in _MIXED.finditer(text):
        two = mixed["two"].lower()
        if not two.endswith("ed") and two not in _PAST:
            said = text[mixed.start() : mixed.end("two")]
            return f"“{said}”: its verbs are in two tenses, a word is missing"
    return None


def ungrammatical_added(
    facts: ChangeFacts,
    conflicts: Sequence[str],
    old_body: str,
    new_body: str,
    body_format: str,
) -> list[str]:
    """The sentences an edit wrote whose subject and verb do not agree (`agreement_problem`):
    what no drafter's edit may add. The item's own sentences are the writer's business."""
    old = {unit.text for unit in units(plain_text(old_body, body_format))}
    return [
        unit.text
        for unit in units(plain_text(new_body, body_format))
        if unit.text not in old and agreement_problem(unit.text) is not None
    ]
