"""A kind added to a prompt's list of exceptions ("Items that don't earn points: gift_cards: …,
race_entries: …" gains "gps_watches: GPS watches (…)"): a KB sentence claiming the rule for
everything but the old exceptions ("you earn a point for every £1 on everything you buy (gift
cards and race entries aside)") now claims it for the added kind too. It states the old list.

Read from the change's facts alone: the added list item's name and its siblings in the same
prompt section (items of the same "key: name" shape). A sentence states the old list when it
names every sibling (at least two of more than three), says they are set apart ("aside",
"except", "apart from", "other than", "excluding", "not"), claims the rest for every case
("everything", "anything", "all", "any", "every") and does not name the added kind. A sentence
about one sibling ("Gift cards don't earn points") names no list; a table row, heading or list
item is its own case. Linear in the sentence's length."""

from __future__ import annotations

import re
from collections.abc import Iterator

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.text import stem, terms

STALE_EXCLUSION_REASON = "lists the old exceptions"
"""Starts the reason `stale_exclusion_reason` gives: no rule reason, a writer adds the kind."""

_ITEM = re.compile(r"^\s*(?:[-*]\s+)?(?P<key>[a-z][a-z0-9_]{1,40}):\s*(?P<name>[^():;.]{2,60})")
"""A list item of the prompt's "key: name (why)" shape ("gps_watches: GPS watches (…)")."""
_APART = re.compile(
    r"\b(?:aside|except|excepting|excluding|apart from|other than|but not|besides|"
    r"not including|left out|bar)\b",
    re.I,
)
_EVERY = re.compile(
    r"\b(?:everything|anything|everywhere|anywhere|all|any|every|whatever)\b", re.I
)
_MAX = 2000


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(word) for word in terms(text))


def _added_items(facts: ChangeFacts) -> Iterator[tuple[frozenset[str], str, list[frozenset[str]]]]:
    """(the added item's name's stems, its name, each sibling's name's stems) of each list
    item the change added to a prompt list of two or more items."""
    for rule in facts.rules:
        if rule.kind != "sentence_added" or not rule.new:
            continue
        added = _ITEM.match(str(rule.new))
        if added is None:
            continue
        siblings = []
        for sentence in facts.prompt_sections.get(rule.section or "", []):
            item = _ITEM.match(sentence)
            if item is None or item.group("key") == added.group("key"):
                continue
            if stems := _stems(item.group("name")):
                siblings.append(stems)
        name = added.group("name").strip()
        if siblings and (own := _stems(name)):
            yield own, name, siblings


def stale_exclusion_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` states the old list of exceptions the change added a kind to, or None."""
    text = sentence[:_MAX]
    if text.lstrip().startswith(("|", "#", "-", "*")):
        return None
    if not _APART.search(text) or not _EVERY.search(text):
        return None
    said = _stems(text)
    for own, name, siblings in _added_items(facts):
        if own <= said:
            continue
        named = sum(1 for sibling in siblings if sibling <= said)
        if named == len(siblings) or (len(siblings) > 3 and named >= 2):
            return f"{STALE_EXCLUSION_REASON}, without {name}, which the new prompt adds to them"
    return None
