"""A category moved from one group to another: the old prompt gave a rule to a group naming the
category beside others ("Standard and Plus members pay £3 a month for the app"), the new one
names it in the other group ("The app is free for Premium and Plus members. Standard members
pay £3 a month."), the change's condition the category (`plan = plus`).

The KB states the old grouping three ways: a sentence naming the category beside its old group
("If you're on Standard or Plus, the app costs £3 a month"), a table with a column per category
whose row on the rule's topic gives the category the old group's cell ("| App | £3 | £3 | Free
|"), and a list under a heading naming the category whose item on the topic says the old rule
("## Plus" … "- App: £3 a month"). The edit takes the category out of the old group's
conjunction ("If you're on Standard, …"), names it beside its new group where an item states
that group's rule alone ("If you're on Premium or Plus, the app is free"), gives its column the
cell of the new group's column in that row, and puts the new group's item in its list.

Only text on the rule's topic is read: a sentence, row or item must share two words with the
changed prompt sentence beside the categories' names ("courier", "collection"), so the same
grouping on another benefit ("Free setup for Plus and Premium"), the same amount on another
topic, and the group's other items stay byte for byte. Pure text; linear in the item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.categorylist import without_listed
from behaviordiff.drafting.freewords import FREE_IN_OTHER_WORDS
from behaviordiff.drafting.text import (
    cell_text_spans,
    edit_body,
    replace_units,
    row_cells,
    terms,
    units,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts
    from behaviordiff.drafting.impactview import ImpactView
    from behaviordiff.drafting.text import Unit

MOVED_REASON = "groups a category with the group it left"
MOVED_ROW_REASON = "gives a category the cell of the group it left"
MOVED_ITEM_REASON = "lists the rule of the group it left under the category"
JOINED_REASON = "states the rule of the group a category joined without it"

_MAX = 2000
_TOPIC_SHARED = 2
_ITEMS_READ = 20
"""The most items of the joined group's lists read as its rule (bounded work on a huge list)."""
_CONJ = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+", re.I)
_NAME = r"[A-Z][\w'’-]*"
_JOIN = r"(?:\s*,\s*|\s+(?:and|or|&)\s+|\s*,\s*(?:and|or)\s+)"
_GROUP = re.compile(rf"{_NAME}(?:{_JOIN}{_NAME}){{1,4}}")
"""Two to five capitalised names joined as one group ("Basic and Silver", "Gold, Silver or
Bronze")."""
_GENERIC = frozenset(
    terms(
        "member members customer customers pay pays paid free charge cost costs get gets "
        "each every for the and or tier plan level"
    )
)


@dataclass(frozen=True)
class MovedGroup:
    """The category and the groups it left and joined, in the prompt's words (lower case)."""

    category: str
    left: frozenset[str]
    """The other names of the group it left ("basic")."""
    joined: frozenset[str]
    """The other names of the group it joined ("gold")."""
    topic: frozenset[str]
    """The changed prompt sentences' content words, the categories' names and generic words
    out."""
    value: frozenset[str] = frozenset()
    """The joined group's rule as the new prompt states it: its amounts ("4", "4.95"), or
    {"free"} when it states none and says the thing is free; empty when it says neither (no
    sentence is then read as stating that rule)."""


_FREE = re.compile(
    rf"\bfree\b|\bno\s+(?:extra\s+)?(?:charge|cost|fee)s?\b|{FREE_IN_OTHER_WORDS}", re.I
)
_AMOUNT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w,]|\.\d)")
_ONLY = re.compile(r"\b(?:only|just|exclusive(?:ly)?|alone)\b", re.I)
"""A sentence keeping a benefit to the named group: never one to widen."""


def _value(sentence: str) -> frozenset[str]:
    """A prompt sentence's rule as `MovedGroup.value` reads it."""
    amounts = frozenset(found.group(0) for found in _AMOUNT.finditer(sentence[:_MAX]))
    if amounts:
        return amounts
    return frozenset({"free"}) if _FREE.search(sentence[:_MAX]) else frozenset()


def _states_value(moved: MovedGroup, text: str) -> bool:
    """Whether a KB sentence states the joined group's rule (`MovedGroup.value`)."""
    if not moved.value or len(text) > _MAX:
        return False
    if moved.value == {"free"}:
        return _FREE.search(text) is not None
    return bool({found.group(0) for found in _AMOUNT.finditer(text)} & moved.value)


def _members(group: str) -> list[str]:
    return [name.strip().lower() for name in _CONJ.split(group) if name.strip()]


def _groups(text: str, category: str) -> list[set[str]]:
    return [
        set(members) - {category}
        for found in _GROUP.finditer(text[:_MAX])
        if category in (members := _members(found.group(0)))
    ]


def moved_group(facts: ChangeFacts) -> MovedGroup | None:
    """The category a change moves between groups, or None: the condition's one category
    value, and a changed prompt sentence naming it beside some names before and beside
    others after, none in common."""
    if not facts.conditions:
        return None
    atoms = [
        atom
        for atom in facts.conditions[0].atoms
        if atom.op in ("=", "in") and not atom.feature.startswith("tag:")
    ]
    if len(atoms) != 1:
        return None
    value = atoms[0].value
    values = list(value) if isinstance(value, list | tuple) else [value]
    if len(values) != 1 or not isinstance(values[0], str) or "_" in values[0]:
        return None
    category = values[0].lower()
    changed = [
        rule
        for rule in facts.rules
        if rule.kind == "sentence_changed" and rule.old and rule.new and len(rule.old) <= _MAX
    ]
    # the groups naming the category before and after, over the changed sentences (one may
    # take it out of a group, another put it in one)
    before: list[set[str]] = []
    after: list[set[str]] = []
    for rule in changed:
        old_groups, new_groups = _groups(str(rule.old), category), _groups(str(rule.new), category)
        if old_groups != new_groups:
            before += old_groups
            after += new_groups
    if len(before) != 1 or len(after) != 1:
        return None
    left, joined = before[0], after[0]
    if not left or not joined or left & joined:
        return None
    names = {category, *left, *joined}
    said = " ".join(f"{rule.old} {rule.new}" for rule in changed)
    # what the groups are groups of ("pass holders", "members"): the two words after each
    nouns = {
        word
        for found in _GROUP.finditer(said)
        for word in terms(" ".join(said[found.end() :].split()[:2]))
    }
    topic = {
        word
        for word in set(terms(said)) - names - _GENERIC - nouns
        if len(word) > 2 and not word[:1].isdigit()
    }
    if len(topic) < _TOPIC_SHARED:
        return None
    rule_value = next(
        (_value(str(rule.new)) for rule in changed if joined in _groups(str(rule.new), category)),
        frozenset[str](),
    )
    return MovedGroup(category, frozenset(left), frozenset(joined), frozenset(topic), rule_value)


def _on_topic(moved: MovedGroup, text: str) -> bool:
    return len(set(terms(text)) & moved.topic) >= _TOPIC_SHARED


def _named(name: str, text: str) -> re.Match[str] | None:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I)


def _named_groups(moved: MovedGroup, raw: str) -> list[re.Match[str]]:
    """The groups of `raw` (`_GROUP`), each from its first name of the category's and the
    groups' on: a capitalised word before it is no member ("Yes, Basic and Silver members
    pay", "Hi Sam, Gold members …")."""
    known = {moved.category, *moved.left, *moved.joined}
    out = []
    for found in _GROUP.finditer(raw[:_MAX]):
        group: re.Match[str] | None = found
        while group is not None and _members(group.group(0))[0] not in known:
            names = list(re.finditer(_NAME, group.group(0)))
            group = _GROUP.match(raw[:_MAX], group.start() + names[1].start())
        if group is not None:
            out.append(group)
    return out


def _without_category(moved: MovedGroup, raw: str) -> str | None:
    """`raw` with the category taken out of the one group it stands in beside the names of
    the group it left only ("Basic or Silver member" → "Basic member")."""
    found = [
        each
        for each in _named_groups(moved, raw)
        if moved.category in (members := _members(each.group(0)))
        and set(members) - {moved.category} <= moved.left
    ]
    if len(found) != 1:
        return None
    group = found[0]
    text = group.group(0)
    names = list(re.finditer(_NAME, text))
    if len(names) > 2:
        # a list of three or more: out of it, its joining words kept right
        return without_listed(raw, re.compile(rf"\b{re.escape(moved.category)}\b", re.I), set())
    first, second = names
    named_first = first.group(0).lower() == moved.category
    kept = text[second.start() :] if named_first else text[: first.end()]
    return raw[: group.start()] + kept + raw[group.end() :]


def _with_category(moved: MovedGroup, raw: str, said_as: str) -> str | None:
    """`raw`, stating the joined group's rule naming one of its names alone, with the category
    named beside it ("a Gold member" → "a Gold or Silver member")."""
    if any(
        moved.category in _members(each.group(0)) or set(_members(each.group(0))) & moved.joined
        for each in _named_groups(moved, raw)
    ):
        return None
    found = [m for name in moved.joined if (m := _named(name, raw)) is not None]
    if len(found) != 1 or _named(moved.category, raw) is not None:
        return None
    name = found[0]
    return raw[: name.end()] + f" or {said_as}" + raw[name.end() :]


def _said_as(moved: MovedGroup, texts: Sequence[str]) -> str:
    for text in texts:
        found = _named(moved.category, text)
        if found is not None:
            return found.group(0)
    return moved.category.title()


def _column_of(header: str, name: str) -> int | None:
    cells = row_cells(header)
    found = [i for i, cell in enumerate(cells) if _named(name, cell) is not None]
    return found[0] if len(found) == 1 else None


def _heading_names(moved: MovedGroup, heading: str) -> str | None:
    """The one category name a heading names, of the moved category and the groups."""
    names = [n for n in (moved.category, *moved.left, *moved.joined) if _named(n, heading)]
    return names[0] if len(names) == 1 else None


def _rewrites(moved: MovedGroup, item_units: Sequence[Unit]) -> dict[int, tuple[str, str]]:
    """Unit index → (new text, reason) for every unit the move rewrites."""
    out: dict[int, tuple[str, str]] = {}
    texts = [unit.raw for unit in item_units]
    said_as = _said_as(moved, texts)
    headings: list[str | None] = []
    current: str | None = None
    header: str | None = None
    for unit in item_units:
        raw = unit.raw.strip()
        if raw.startswith("#"):
            current = _heading_names(moved, raw)
        headings.append(current)
    # the joined group's items on the topic, by heading
    joined_items = [
        (index, unit.raw)
        for index, unit in enumerate(item_units)
        if headings[index] in moved.joined
        and unit.raw.lstrip().startswith(("-", "*"))
        and _on_topic(moved, unit.raw)
    ][:_ITEMS_READ]
    grouped_left = False
    for index, unit in enumerate(item_units):
        raw = unit.raw
        stripped = raw.strip()
        if len(raw) > _MAX or stripped.startswith("#"):
            header = None
            continue
        if stripped.startswith("|"):
            if header is None:
                header = raw
                continue
            if set(stripped) <= set("|-: "):
                continue
            cells = row_cells(raw)
            if not cells or not _on_topic(moved, cells[0]):
                continue
            own = _column_of(header, moved.category)
            left = [c for n in moved.left if (c := _column_of(header, n)) is not None]
            joined = [c for n in moved.joined if (c := _column_of(header, n)) is not None]
            if own is None or not left or not joined or max(own, *left, *joined) >= len(cells):
                continue
            target = cells[joined[0]]
            if cells[own] == cells[left[0]] and cells[own] != target:
                start, end = cell_text_spans(raw)[own]
                out[index] = (raw[:start] + target + raw[end:], MOVED_ROW_REASON)
            continue
        header = None
        if not _on_topic(moved, raw):
            continue
        if headings[index] == moved.category and stripped.startswith(("-", "*")):
            if joined_items and raw.strip() not in {item.strip() for _, item in joined_items}:
                _, item = max(
                    joined_items,
                    key=lambda pair: len(set(terms(pair[1])) & set(terms(raw)) & moved.topic),
                )
                out[index] = (item.strip().lstrip("-* ").strip(), MOVED_ITEM_REASON)
            continue
        if headings[index] is not None:
            continue
        narrowed = _without_category(moved, raw)
        if narrowed is not None:
            out[index] = (narrowed, MOVED_REASON)
            grouped_left = True
    if grouped_left:
        for index, unit in enumerate(item_units):
            # beside the narrowed sentence, one topic word is enough ("the collection is on
            # us" after "£4.95 for the courier comes off your refund") when the sentence
            # states the joined group's rule of this change (free, its amount), never a
            # benefit kept to the group ("Only Premium members get 4K in the app") nor another
            # ("Premium members can also download films in the app")
            if (
                index in out
                or headings[index] is not None
                or not set(terms(unit.raw)) & (moved.topic)
                or not _states_value(moved, unit.raw)
                or _ONLY.search(unit.raw[:_MAX]) is not None
            ):
                continue
            if unit.raw.strip().startswith(("#", "|")):
                continue
            widened = _with_category(moved, unit.raw, said_as)
            if widened is not None:
                out[index] = (widened, JOINED_REASON)
    return out


def moved_group_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Any], conflict: Callable[..., Any]
) -> list[Any]:
    """`found` with the units the move rewrites marked (their own reason); the others kept."""
    moved = moved_group(facts)
    if moved is None:
        return found
    marks = _rewrites(moved, item_units)
    if not marks:
        return found
    kept = [each for each in found if each.unit_index not in marks]
    mine = [conflict(i, item_units[i].text, (reason,)) for i, (_, reason) in marks.items()]
    return sorted([*kept, *mine], key=lambda each: each.unit_index)


def moved_group_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item with the category moved to its new group in its sentences, rows and lists;
    None when the change moves no category or the item says nothing of it."""
    moved = moved_group(facts)
    if moved is None:
        return None
    reasons = {MOVED_REASON, MOVED_ROW_REASON, MOVED_ITEM_REASON, JOINED_REASON}
    if not any(set(c.reasons) & reasons for c in impact.conflicts):
        return None

    def edit(text: str) -> str:
        text_units = units(text)
        changes = {i: said for i, (said, _) in _rewrites(moved, text_units).items()}
        return replace_units(text, changes, text_units) if changes else text

    new_body = edit_body(impact.item.body, impact.item.body_format, edit)
    if new_body == impact.item.body:
        return None
    left = " and ".join(sorted(name.title() for name in moved.left))
    joined = " and ".join(sorted(name.title() for name in moved.joined))
    return new_body, (
        f"The new prompt moves {moved.category.title()} from the group with {left} to the "
        f"group with {joined}; this {impact.item.kind} still gives it {left}'s rule. The edit "
        f"takes it out of {left}'s group, gives it {joined}'s rule where that is stated (a "
        "table cell, a list item, a sentence), and keeps everything else."
    )
