"""The old call said by what it books, for one category: when a change stops a call with a
service for one category value ("book_courier (service next_day_tracked)" no longer made for
product_type = nucleus, the others still booked so), a KB sentence naming the call's object
and its service in words ("It comes by next-day courier", "| Nucleus colonies | Next-day
tracked courier | … |") describes the old handling, with no verb of the tool's name to find it
by, when it is about the changed category: the sentence names it, or a heading above it or the
item's title does. The same words about another category stay."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.caselabels import category_values
from behaviordiff.drafting.categories import category_pattern
from behaviordiff.drafting.text import Unit, stem, terms

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ActionFact, ChangeFacts

_MAX = 600
"""The longest unit read (bounded work on a hostile KB)."""


def _service_words(action: ActionFact) -> tuple[set[str], set[str]] | None:
    """(stems of the tool name's object, stems of its one worded argument value) of an old
    call: ({courier}, {next, day, track}) of `book_courier` (service next_day_tracked); None
    when the name has no object or no argument value has two words."""
    words = [word for word in action.name.lower().split("_") if word]
    objects = {stem(word) for word in words[1:] if len(word) > 3}
    values = [
        {stem(word) for word in re.split(r"[_\W]+", value.lower()) if word}
        for _, value in action.arguments
    ]
    worded = [value for value in values if len(value) >= 2]
    if not objects or len(worded) != 1:
        return None
    return objects, worded[0]


def _says_service(objects: set[str], service: set[str], text: str) -> bool:
    said = set(terms(text))
    return objects <= said and len(service & said) >= 2


def old_service_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    title: str,
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` plus the units saying a dropped call's object and service about the changed
    category (`old_service_conflicts` of the module doc)."""
    values = category_values(facts.conditions)
    if not facts.restricted or not values or not facts.before_actions:
        return found
    called = {action.name for action in facts.after_actions}
    cases = [category_pattern(value) for _, value in values]
    taken = {conflict.unit_index for conflict in found}
    added = []
    for action in facts.before_actions:
        if action.name in called or (read := _service_words(action)) is None:
            continue
        objects, service = read
        reason = f"describes {action.code()}, which the new agent no longer does"
        headings: list[str] = [title]
        for index, unit in enumerate(item_units):
            raw = unit.raw.lstrip()
            if raw.startswith("#"):
                headings.append(unit.text)
                continue
            if index in taken or len(unit.text) > _MAX:
                continue
            if not _says_service(objects, service, unit.text):
                continue
            if any(case.search(text) for case in cases for text in (unit.text, *headings)):
                added.append(make(index, unit.text, (reason,)))
                taken.add(index)
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)
