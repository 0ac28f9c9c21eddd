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
item is its own case. The template drafter adds the kind to that list in the sentence's own words
(`excluded_edit`: "(gift cards and race entries aside)" → "(gift cards, race entries and GPS
watches aside)"), and a claim for every kind naming it as included ("on everything from shoes
and clothing to GPS watches", marked as holding in every case) names it as the exception
(`refusedkind.except_kind`). Limits: a list in a table ("| Excluded | Gift cards | … |") or in
the middle of a prose sentence is not read; a short prose sentence right beside the list is read as
one more item (which only makes the list harder to find). Linear in the sentence's length."""

from __future__ import annotations

import re
from collections.abc import Iterator

from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, marked_for
from behaviordiff.drafting.refusedkind import except_kind
from behaviordiff.drafting.text import Keep, Unit, cell_text_spans, rewrite_units, stem, terms

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


@once_per_change
def _exclusions(
    facts: ChangeFacts,
) -> tuple[tuple[frozenset[str], str, list[frozenset[str]], frozenset[str]], ...]:
    """`_added_items` of a change, each with its list's lead-in (`_list_lead`): read once per
    change while it is weighed against a whole knowledge base, not again per sentence."""
    return tuple(
        (own, name, siblings, _list_lead(facts, name))
        for own, name, siblings in _added_items(facts)
    )


def _list_lead(facts: ChangeFacts, name: str) -> frozenset[str]:
    """The stems of the lead-in of the prompt list the kind `name` was added to ("Items that
    don't earn points:"), less the words of every kind ("items"); empty when there is none."""
    for rule in facts.rules:
        if rule.kind != "sentence_added" or not rule.new or _item_name(str(rule.new)) != name:
            continue
        section = facts.prompt_sections.get(rule.section or "", [])
        if str(rule.new) not in section:
            continue
        index = section.index(str(rule.new)) - 1
        while index >= 0 and _item_name(section[index]) is not None:
            index -= 1
        if index >= 0 and section[index].rstrip().endswith(":"):
            return _stems(section[index]) - _KIND_WORDS
    return frozenset()


_KIND_WORDS = frozenset({"item", "thing", "product", "order", "purchas", "that", "these", "which"})
_DENIED_CELL = re.compile(r"\b(?:no|not|none|n/a|exclud\w*)\b|^\s*[—–-]\s*$", re.I)


def excluded_row_cell(facts: ChangeFacts, row: str) -> tuple[str, int] | None:
    """(the added kind's name, the index of the cell) of a table row keyed by the kind added
    to a list of exceptions whose one other cell says what the list's lead-in is about ("| GPS
    watches | 2 years | 60 days, unused | 1 point per £1 |" beside "Items that don't earn
    points:"): that cell now says it gets none. None for any other row."""
    if not row.lstrip().startswith("|"):
        return None
    cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
    if len(cells) < 2:
        return None
    for own, name, _siblings, lead in _exclusions(facts):
        if not own or _stems(cells[0]) != own:
            continue
        about = [
            index
            for index, cell in enumerate(cells[1:], start=1)
            if lead & _stems(cell) and not _DENIED_CELL.search(cell)
        ]
        if len(about) == 1:
            return name, about[0]
    return None


def stale_exclusion_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` states the old list of exceptions the change added a kind to, or None."""
    text = sentence[:_MAX]
    if (row := excluded_row_cell(facts, text)) is not None:
        return (
            f"{STALE_EXCLUSION_REASON}: its row of {row[0]} says it gets what the new prompt "
            "now leaves it out of"
        )
    if text.lstrip().startswith(("|", "#", "-", "*")):
        return None
    if not _APART.search(text) or not _EVERY.search(text):
        return None
    said = _stems(text)
    for own, name, siblings, _lead in _exclusions(facts):
        if own <= said:
            continue
        named = sum(1 for sibling in siblings if sibling <= said)
        if named == len(siblings) or (len(siblings) > 3 and named >= 2):
            return f"{STALE_EXCLUSION_REASON}, without {name}, which the new prompt adds to them"
    return None


_EVERY_CASE = "says it holds in every case"
"""The reason `impact` gives a claim for every kind: one naming the added kind as included
names it as the exception."""
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_JOINER = re.compile(r"(?P<comma>,)?\s+(?P<word>and|or|nor)\s+$", re.I)


def _mention(stems: frozenset[str], text: str) -> tuple[int, int] | None:
    """The span of the shortest run of words of `text` whose stems are `stems`, the first."""
    words = list(_WORD.finditer(text))
    size = len(stems)
    # the exact words first; then with one more between them ("gift and voucher cards")
    for length in (size, size + 1):
        for start in range(len(words) - length + 1):
            run = words[start : start + length]
            said = [stem(w.group(0).lower()) for w in run]
            if set(said) >= stems and said[0] in stems and said[-1] in stems:
                return run[0].start(), run[-1].end()
    return None


def with_added_kind(sentence: str, name: str, siblings: list[frozenset[str]]) -> str | None:
    """`sentence` (stating the old exceptions, `stale_exclusion_reason`) with `name` added to
    the list of them it names, joined as the list joins its last one ("gift cards and race
    entries" → "gift cards, race entries and GPS watches"; "A, B, or C" → "A, B, C, or D");
    None when the siblings are not said as one list (a joiner before the last)."""
    spans = [_mention(sibling, sentence) for sibling in siblings]
    found = sorted(span for span in spans if span is not None)
    if len(found) < 2:
        return None
    last_start, last_end = found[-1]
    between = sentence[found[-2][1] : last_start]
    joiner = _JOINER.search(between)
    if joiner is None or len(between) > 12:
        return None
    word = joiner.group("word")
    comma = "," if joiner.group("comma") else ""
    before = sentence[: found[-2][1]] + ", " + sentence[last_start:last_end]
    return f"{before}{comma} {word} {name}{sentence[last_end:]}"


def excluded_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item with the added kind said among the old exceptions where a sentence lists them
    (`with_added_kind`), and as the exception of a claim for every kind that named it as
    included (`except_kind`); flagged (no text) when a marked sentence cannot be said so. None
    when the change adds no kind to a list of exceptions or the item lists none of them."""
    added = next(iter(_exclusions(facts)), None)
    if added is None:
        return None
    _own, name, siblings, _lead = added
    listing = set(marked_for(impact.conflicts, STALE_EXCLUSION_REASON))
    claiming = {
        sentence
        for sentence in marked_for(impact.conflicts, _EVERY_CASE)
        if sentence not in listing and _stems(name) <= _stems(sentence)
    }
    marked = {c.sentence for c in impact.conflicts}
    if (not listing and not claiming) or marked - listing - claiming:
        return None  # none of its lists, or another reason's sentence: another writer's
    failed: list[str] = []

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        raw = unit.raw.rstrip()
        cell = excluded_row_cell(facts, raw) if unit.text in listing else None
        if cell is not None:
            start, end = cell_text_spans(raw)[cell[1]]
            said: str | None = f"{raw[:start]}None{raw[end:]}"
        elif unit.text in listing:
            said = with_added_kind(raw, name, siblings)
        else:
            said = except_kind(raw, name)
        if said is None:
            failed.append(unit.text)
            return Keep.BLOCK
        return said

    new_body = rewrite_units(impact.item.body, impact.item.body_format, pick)
    noun = impact.item.kind
    quoted = "; ".join(f"“{sentence}”" for sentence in sorted(marked))
    if new_body is None:
        return None, (
            f"Flagged for review: the new prompt adds {name} to the things the rule does not "
            f"hold for; this {noun} still says it holds for them in {quoted}, and no safe "
            "rewrite names them there."
        )
    return new_body, (
        f"The new prompt adds {name} to the things the rule does not hold for; this {noun} "
        f"still says it holds for them in {quoted}. The edit names {name} among the "
        f"exceptions in the {noun}'s own words and keeps everything else."
    )


def excluded_fact(facts: ChangeFacts) -> str | None:
    """The fact a drafting model is given when the change adds a kind to a prompt list of
    exceptions: the kind, and what KB text must say of it."""
    added = next(iter(_exclusions(facts)), None)
    if added is None:
        return None
    name = added[1]
    lead = " ".join(sorted(added[3]))
    return (
        f"The new prompt adds {name} to its list of exceptions"
        + (f" (about: {lead})" if lead else "")
        + f": a KB sentence listing the old exceptions must name {name} among them, a claim "
        f"for every kind that names {name} as included must name it as the exception, and a "
        f"table row of {name} must say it gets none."
    )
