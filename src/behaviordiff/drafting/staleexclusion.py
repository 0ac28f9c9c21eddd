"""A kind added to a prompt's list of exceptions ("Items that don't earn points: gift_cards: …,
race_entries: …" gains "gps_watches: GPS watches (…)"): a KB sentence claiming the rule for
everything but the old exceptions ("you earn a point for every £1 on everything you buy (gift
cards and race entries aside)") now claims it for the added kind too. It states the old list.

Read from the change's facts alone: the added list item's name and its siblings, the list
items next to it in the same prompt section, whatever their shape ("Furniture", "gift_cards:
Gift cards (…)", "Hot tubs: too heavy"), or a name added to a list a prose sentence ends with
("We don't price-match: A, B or C." gaining "D"). A sentence states the old list when it
names every sibling (at least two of more than three), says they are set apart ("aside",
"except", "apart from", "other than", "excluding", "not"), claims the rest for every case
("everything", "anything", "all", "any", "every") and does not name the added kind. A sentence
about one sibling ("Gift cards don't earn points") names no list; a table row, heading or list
item is its own case. Limits: a list in a table ("| Excluded | Gift cards | … |") or in the
middle of a prose sentence is not read; a short prose sentence right beside the list is read as
one more item (which only makes the list harder to find). Linear in the sentence's length."""

from __future__ import annotations

import re
from collections.abc import Iterator

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.text import stem, terms

STALE_EXCLUSION_REASON = "lists the old exceptions"
"""Starts the reason `stale_exclusion_reason` gives: no rule reason, a writer adds the kind."""

_KEY = re.compile(r"^[a-z][a-z0-9_]{1,40}:\s*")
"""A list item's lowercase key ("gps_watches: GPS watches (…)"): its name follows."""
_LABEL = re.compile(r"^(?P<label>[^():;.|]{2,60}?):\s*\S")
"""A list item's label before its reason ("Hot tubs: too heavy for our vans")."""
_ASIDE = re.compile(r"\s*\([^()]*\)")
_MAX_ITEM_WORDS = 6
_LIST_TAIL = re.compile(r"[:\u2014\u2013-]\s*(?P<list>[^:]+?)\s*[.!]?$")
"""The list a prose sentence ends with after a colon or dash ("We don't price-match: A, B or
C.")."""
_JOINS = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|nor)\s+", re.I)
_APART = re.compile(
    r"\b(?:aside|except|excepting|excluding|apart from|other than|but not|besides|"
    r"not including|left out|bar)\b",
    re.I,
)
_EVERY = re.compile(r"\b(?:everything|anything|everywhere|anywhere|all|any|every|whatever)\b", re.I)
_MAX = 2000


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(word) for word in terms(text))


def _item_name(unit: str) -> str | None:
    """The name a list item of a prompt section gives, in whatever shape the list is: a bare
    name ("Furniture", "Garden sheds."), a key and its name ("gps_watches: GPS watches (why)")
    or a name and its reason ("Hot tubs: too heavy"); None for a unit no list item is (a
    sentence of prose, a lead-in ending in a colon, a table row, a heading)."""
    text = unit.strip()
    if not text or text.startswith(("|", "#")) or text.endswith(":"):
        return None
    if (key := _KEY.match(text)) is not None:
        text = text[key.end() :]
    elif (label := _LABEL.match(text)) is not None:
        text = label.group("label")
    name = _ASIDE.sub("", text).strip().rstrip(".;,!").strip()
    if not name or len(name) > 60 or len(name.split()) > _MAX_ITEM_WORDS:
        return None
    return name


def _listed(sentence: str) -> list[str]:
    """The names a prose sentence lists at its end ("We don't price-match: Amazon
    Marketplace, eBay sellers, or clearance items." → the three), each short; [] when it
    lists fewer than two."""
    tail = _LIST_TAIL.search(sentence)
    if tail is None:
        return []
    names = [name.strip() for name in _JOINS.split(tail.group("list")) if name.strip()]
    if len(names) < 2 or any(len(name.split()) > _MAX_ITEM_WORDS for name in names):
        return []
    return names


def _siblings(section: list[str], added: str) -> list[str]:
    """The names of the list items around `added` in its prompt section: the run of units
    next to it that are list items too (`_item_name`), whatever their shape."""
    try:
        at = section.index(added)
    except ValueError:
        return []
    names = []
    for step in (-1, 1):
        index = at + step
        while 0 <= index < len(section) and (name := _item_name(section[index])) is not None:
            names.append(name)
            index += step
    return names


def _added_items(facts: ChangeFacts) -> Iterator[tuple[frozenset[str], str, list[frozenset[str]]]]:
    """(the added item's name's stems, its name, each sibling's name's stems) of each kind
    the change added to a prompt list of two or more: a list item added beside list items of
    its section (siblings the change added too are no old exception), or a name added to a
    list a prose sentence ends with."""
    added_units = {str(r.new) for r in facts.rules if r.kind == "sentence_added" and r.new}
    for rule in facts.rules:
        if not rule.new:
            continue
        new = str(rule.new)
        if rule.kind == "sentence_added":
            name = _item_name(new)
            if name is None:
                continue
            section = facts.prompt_sections.get(rule.section or "", [])
            kept = [unit for unit in section if unit == new or unit not in added_units]
            old = [_stems(sibling) for sibling in _siblings(kept, new)]
        elif rule.old:
            old = [_stems(listed) for listed in _listed(str(rule.old))]
            grown = [listed for listed in _listed(new) if _stems(listed) not in old]
            if len(grown) != 1 or not set(old) <= {_stems(listed) for listed in _listed(new)}:
                continue
            name = grown[0]
        else:
            continue
        own = _stems(name)
        siblings = [stems for stems in old if stems and stems != own]
        if own and len(siblings) >= 2:
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
