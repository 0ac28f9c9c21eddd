"""The head under which the new prompt keeps the old rule for everyone the change leaves out.

A prompt rule said for every case ("When a member reports a broken locker, send a technician
the same day …") became a rule for one case ("When a member reports a broken locker at a
24-hour site, first ask them to reset the code …") and a sentence keeping the old way for the
others under a head of its own ("For every other fault (day sites, and 24-hour sites once the
reset is tried), send a technician the same day …"). A KB sentence stating the old way, when
the edit says the case's new rule in its place, is still right for those others: it stays,
under that head ("For every other fault, we send a technician the same day."), so the reader
learns both the new rule and who keeps the old one. The head is read only where the sentence
keeping the old way restates the old rule: its words after the head are (nearly all) the old
sentence's words; its aside naming the others is dropped, being the prompt's wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from behaviordiff.detect.facts import sentences


class _Rule(Protocol):
    @property
    def old(self) -> str | None: ...
    @property
    def new(self) -> str | None: ...


_HEAD = re.compile(
    r"^(?P<head>For\s+(?:(?:every|each|all|any)\s+other\b|everyone\s+else\b|the\s+rest\b)"
    r"[^,:;.()]{0,80}(?:\([^()]{0,200}\))?|Otherwise|In\s+every\s+other\s+case|In\s+all\s+other\s+cases)"
    r",\s+(?P<tail>\S.{0,600})$",
    re.I | re.S,
)
"""A sentence led by a head naming the others ("For every other fault (…), …", "Otherwise,
…"), and what it says of them."""
_ASIDE = re.compile(r"\s*\([^()]{0,200}\)")
_CODE = re.compile(r"`[^`]{0,80}`")
_WORD = re.compile(r"[a-z0-9]+")
_SHARED = 0.8
"""How much of what the others' sentence says must be the old rule's words."""


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(_CODE.sub(" ", _ASIDE.sub(" ", text)).lower()) if len(w) > 2}


def others_head(rules: Sequence[_Rule], rule_text: str) -> str | None:
    """The head ("For every other fault") under which a sentence of the new prompt, other than
    `rule_text`, keeps the old rule `rule_text` replaced, its aside out; None when no sentence
    does."""
    old = next((rule.old for rule in rules if rule.new == rule_text and rule.old), None)
    if old is None:
        return None
    old_words = _words(old)
    for rule in rules:
        if not rule.new or rule.new == rule_text:
            continue
        for sentence in sentences(rule.new):
            found = _HEAD.match(sentence.strip())
            if found is None:
                continue
            tail = _words(found["tail"])
            if tail and len(tail & old_words) >= _SHARED * len(tail):
                head = " ".join(_ASIDE.sub("", found["head"]).split())
                return head[:1].upper() + head[1:]
    return None
