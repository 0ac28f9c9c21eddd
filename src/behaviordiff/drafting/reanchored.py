"""A window whose length stays the same but is now counted from another event: "The warranty
lasts 90 days, counted from the day the order was placed" became "… counted from the day the
bike was collected", and "more than 90 days since the order was placed" became "… since
collection". No number moved, so no value edit finds it: what moved is the anchor, the event
words after "from", "since", "after" or "of" that follow the unchanged length (`reanchored`).

A KB sentence that states the same length counted from the old event ("90 days from the day you
placed your order", "within 90 days of ordering", "the 90 days are counted from your order
date") about the window's topic (the changed rule's section, the condition's tags) says the old
anchor and conflicts. The same length from the same old event on another topic (returns
"within 90 days of the order date"), another length from the old event (delivery "within 10
working days of ordering") and the new event on another topic ("5 years from delivery") stay
(`reanchored_conflicts`).

The edit (`reanchored_edit`) moves the anchor in each such sentence and keeps every other word:
the old event's phrase becomes the new event as the prompt names it ("from collection", "of
collection"); a contrast ("counted from your order date, not from when your bike is ready")
swaps its two sides; the old event's age compared with the window ("your order is older than
that") is said of the new event. A sentence the edit cannot say this way is flagged with the
reason. A drafting model gets the same fact (`reanchored_fact`) and its edit the same check
(`still_old_anchor`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.quantities import count_words
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.text import (
    STOPWORDS,
    Keep,
    Unit,
    heading_above,
    kept_or_written,
    rewrite_units,
    row_cells,
    stem,
    terms,
)

REANCHORED_REASON = "counts the window from the old event"

_UNIT = r"(?P<unit>hours?|days?|weeks?|months?|years?)"
_NUMBER_WORDS = {words.lower(): n for n in range(1, 100) if (words := count_words(n)) is not None}
_NUMBER = (
    r"(?P<num>\d{1,3}|"
    + "|".join(sorted((w.replace("-", r"[\s-]+") for w in _NUMBER_WORDS), key=len, reverse=True))
    + ")"
)
_LENGTH = re.compile(
    rf"\b{_NUMBER}(?:\s*\(\d{{1,3}}\))?[\s-]+(?:working\s+|calendar\s+)?{_UNIT}\b", re.I
)
_PREP = r"(?P<prep>from|since|after|of|following)"
_PHRASE = r"(?P<phrase>[^,.;:!?()|`]+?)"
_END = r"(?=\s*(?:[,.;:!?()|]|\s(?:and|so|but|or|not|rather|instead|which|because)\b|$))"
_ANCHOR = re.compile(
    r"(?:\s*\(\d{1,3}\))?(?P<gap>(?:[\s,]+(?!from\b|since\b|after\b|of\b|following\b)[\w'’]+){0,4}?)\s+"
    + _PREP
    + r"\s+"
    + _PHRASE
    + _END,
    re.I,
)
"""After a length: up to four words ("have passed", "are counted", ", counted"), then the
anchor's preposition and its phrase up to the clause's end."""
_CONTRAST = re.compile(
    r"(?P<lead>,?\s+(?:and\s+)?(?:not|rather\s+than|instead\s+of)\s+)(?P<prep>from|since|after|of)?\s*"
    + r"(?P<other>[^,.;:!?()|]+?)"
    + _END,
    re.I,
)
_OLDER = (
    r"\b(?P<subject>(?:your|the|their|its)\s+(?:\w+\s+)?{word}\w*)\s+(?:is|was|are|were)\s+"
    r"older\s+than\s+(?P<what>that|this|these|those)\b"
)
"""The old event's age compared with the window ("your order is older than that")."""
_DETERMINERS = frozenset({"the", "a", "an", "your", "their", "its", "our", "his", "her"})
_EVENT_NOISE = frozenset({"day", "date", "time", "moment", "when"})


@dataclass(frozen=True)
class Reanchor:
    """One window whose length stayed the same and whose anchor moved to another event."""

    amount: int
    unit: str
    """The length's unit, singular ("day")."""
    old_words: frozenset[str]
    """Stems of the old event's words ("order", "plac")."""
    new_words: frozenset[str]
    """Stems of the new event's words ("deliver", "delivery")."""
    new_anchor: str
    """The new event as a KB may say it after "from" ("delivery")."""
    old_anchor: str
    """The old event as the old prompt says it ("the day the order was placed")."""
    rule: Rule
    """The changed prompt sentence that states the length and its new anchor."""
    topic: frozenset[str]
    """Stems naming what the window is about (its section, the condition's tags)."""

    @property
    def length(self) -> str:
        return f"{self.amount} {self.unit}{'' if self.amount == 1 else 's'}"


def _amount(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    return _NUMBER_WORDS.get(re.sub(r"[\s-]+", "-", written.lower()))


def _stems(text: str) -> set[str]:
    return {stem(word) for word in terms(text)} - {stem(w) for w in STOPWORDS}


def _event_stems(phrase: str) -> set[str]:
    return {w for w in _stems(phrase) if w not in _EVENT_NOISE and not w.isdigit()}


@dataclass(frozen=True)
class _Anchored:
    amount: int
    unit: str
    start: int
    """Where the anchor's preposition starts in the text."""
    end: int
    """Where the anchor's phrase ends."""
    prep: str
    phrase: str


def anchored_lengths(text: str) -> list[_Anchored]:
    """Each length in `text` followed by an anchor ("30 days from the day you ordered",
    "thirty days (30) of ordering", "the 30 days are counted from your order date")."""
    found = []
    for length in _LENGTH.finditer(text):
        amount = _amount(length.group("num"))
        if amount is None:
            continue
        anchor = _ANCHOR.match(text, length.end())
        if anchor is None or len(anchor.group("phrase").split()) > 8:
            continue
        unit = length.group("unit").lower().rstrip("s")
        found.append(
            _Anchored(
                amount,
                unit,
                anchor.start("prep"),
                anchor.end("phrase"),
                anchor.group("prep"),
                anchor.group("phrase"),
            )
        )
    return found


def _plain(sentence: str) -> str:
    """A prompt sentence with its variable names read as words ("days_since_order")."""
    return sentence.replace("`", "").replace("_", " ")


def _bare_anchor(phrase: str) -> str | None:
    """A one-noun anchor ("delivery", "collection"), without a determiner."""
    words = [w for w in phrase.split() if w.lower() not in _DETERMINERS]
    return words[0].lower() if len(words) == 1 and words[0].isalpha() else None


@once_per_change
def reanchored(facts: ChangeFacts) -> Reanchor | None:
    """The change's window counted from another event, else None: a changed prompt sentence
    that states the same length before and after, anchored ("from", "since", "after", "of")
    on an event whose words changed."""
    best: tuple[Rule, _Anchored, _Anchored] | None = None
    old_words: set[str] = set()
    new_words: set[str] = set()
    nouns: list[str] = []
    sections: set[str] = set()
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old, new = _plain(rule.old), _plain(rule.new)
        olds, news = anchored_lengths(old), anchored_lengths(new)
        if not olds or len(olds) != len(news):
            continue
        for was, now in zip(olds, news, strict=True):
            if (was.amount, was.unit) != (now.amount, now.unit):
                return None
            gone = _event_stems(was.phrase) - _event_stems(now.phrase)
            came = _event_stems(now.phrase) - _event_stems(was.phrase)
            if not gone or not came:
                continue
            old_words |= gone
            new_words |= came
            if (noun := _bare_anchor(now.phrase)) is not None:
                nouns.append(noun)
            if rule.section:
                sections.add(rule.section)
            if best is None:
                best = (rule, was, now)
    if best is None:
        return None
    # the variable the prompt reads names the new event too ("days_since_collection")
    for rule in facts.rules:
        if rule.kind == "sentence_changed" and rule.old and rule.new:
            for found in re.finditer(r"\b(?:since|from|after)\s+(\w+)\b", _plain(rule.new)):
                word = found.group(1).lower()
                if stem(word) in new_words and word not in _DETERMINERS:
                    nouns.append(word)
    rule, was, now = best
    new_anchor = nouns[0] if nouns else now.phrase.strip()
    if re.search(r"\b(?:customer|agent|tool|call)\b", new_anchor, re.I):
        return None
    topic = set()
    for section in sections:
        topic |= _stems(section)
    for condition in facts.conditions[:1]:
        for atom in condition.atoms:
            if atom.op == "tag" and atom.feature.startswith("tag:"):
                topic |= _stems(atom.feature[4:].replace("-", " ").replace("_", " "))
    if not topic:
        # no section, no tag: what the sentence says lasts the window ("The warranty lasts")
        topic = _stems(_plain(rule.new or "")[: now.start])
    unit_stems = {stem(was.unit), stem(was.unit + "s")}
    topic -= old_words | new_words | unit_stems | _EVENT_NOISE
    return Reanchor(
        was.amount,
        was.unit,
        frozenset(old_words),
        frozenset(new_words),
        new_anchor,
        was.phrase.strip(),
        rule,
        frozenset(topic),
    )


_NEGATED_BEFORE = re.compile(r"\b(?:not|rather\s+than|instead\s+of)\s*$", re.I)
"""What a phrase said as the side the window is not counted from ends with."""


def _names_old(change: Reanchor, phrase: str) -> bool:
    return bool(_event_stems(phrase) & change.old_words) and not (
        _event_stems(phrase) & change.new_words
    )


def old_anchors(change: Reanchor, text: str) -> list[_Anchored]:
    """The window's length in `text` counted from the old event."""
    return [
        found
        for found in anchored_lengths(text)
        if (found.amount, found.unit) == (change.amount, change.unit)
        and _names_old(change, found.phrase)
    ]


_ASKING = frozenset(
    re.findall(
        r"\w+",
        "how what when where which who why do does did can is are it i have long much many soon "
        "about if claim start end work apply happen take need get last",
    )
)
"""The words of a question heading that name no subject ("How long do I have?")."""


def _names_nothing(heading: str) -> bool:
    """A question heading asking of the item's own subject ("How long do I have?", "How do I
    claim?"), naming none of its own ("What about accessories?" names one)."""
    return heading.rstrip().endswith("?") and not _stems(heading) - _ASKING


def _about(change: Reanchor, item_units: Sequence[Unit], index: int, title: str) -> bool:
    """Whether a unit is said of the window's topic: a table row by its own cells, a sentence
    by itself, the sentences before it in its paragraph and the heading of its section, else
    (no heading, or a question heading naming no subject) the item's title and first
    heading. A section about another subject in the same article ("## Accessory returns")
    is not the window's."""
    if not change.topic:
        return True
    unit = item_units[index]
    if unit.text.startswith("|"):
        return bool(_stems(" ".join(row_cells(unit.text))) & change.topic)
    said = unit.text
    for before in range(index - 1, -1, -1):
        if item_units[before].raw.lstrip().startswith(("#", "|")):
            break
        said += " " + item_units[before].text
    heading = heading_above(item_units, index)
    if heading:
        said += " " + heading
    if not heading or _names_nothing(heading):
        first = next((u.text for u in item_units if u.raw.lstrip().startswith("# ")), "")
        said += f" {title.split('::')[-1]} {first}"
    return bool(_stems(said) & change.topic)


def reanchored_units(change: Reanchor, item_units: Sequence[Unit], title: str) -> list[int]:
    return [
        index
        for index, unit in enumerate(item_units)
        if old_anchors(change, unit.text) and _about(change, item_units, index, title)
    ]


def reanchored_conflicts(
    facts: ChangeFacts,
    item_units: list[Unit],
    conflicts: list[Any],
    conflict: Callable[[int, str, tuple[str, ...]], Any],
    title: str = "",
) -> list[Any]:
    """The item's sentences and rows counting the window from the old event on its topic
    conflict (`REANCHORED_REASON`), beside what the other ways marked."""
    change = reanchored(facts)
    if change is None:
        return conflicts
    found = reanchored_units(change, item_units, title)
    if not found:
        return conflicts
    marked = {c.unit_index: c for c in conflicts}
    for index in found:
        if index in marked:
            old = marked[index]
            if REANCHORED_REASON not in old.reasons:
                marked[index] = conflict(index, old.sentence, (*old.reasons, REANCHORED_REASON))
        else:
            marked[index] = conflict(index, item_units[index].text, (REANCHORED_REASON,))
    return [marked[index] for index in sorted(marked)]


def reanchor_sentence(change: Reanchor, text: str) -> str | None:
    """`text` with each old anchor of the window moved to the new event, else None when some
    old anchor or the old event's age stays said."""
    out = text
    for found in reversed(old_anchors(change, text)):
        tail = out[found.end :]
        contrast = _CONTRAST.match(tail)
        if contrast is not None and not _names_old(change, contrast.group("other")):
            # "from your order date, not from when it arrives": the two sides swap
            other = contrast.group("other").strip()
            prep = contrast.group("prep") or found.prep
            swapped = f"{found.prep} {other}{contrast.group('lead')}{prep} {found.phrase.strip()}"
            out = out[: found.start] + swapped + tail[contrast.end() :]
            continue
        out = out[: found.start] + f"{found.prep} {change.new_anchor}" + tail
    for word in sorted(change.old_words):
        older = re.compile(_OLDER.format(word=re.escape(word)), re.I)
        # "30 days from delivery, and your order is older than that": the age is the new
        # event's, named once already
        aged = older.search(out)
        if aged is not None:
            named = change.new_anchor.lower() in out[: aged.start()].lower()
            since = "" if named else f" since {change.new_anchor}"
            said = f"it's been longer than {aged.group('what')}{since}"
            out = out[: aged.start()] + said + out[aged.end() :]
    left = [
        found
        for found in old_anchors(change, out)
        if not _NEGATED_BEFORE.search(out[: found.start])
    ]
    # the old event's age said some other way ("the booking date is older than that")
    if left or (re.search(r"\bolder\s+than\b", out) and _event_stems(out) & change.old_words):
        return None
    return out


def reanchored_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item with each conflicting sentence's anchor moved (`reanchor_sentence`), else the
    reason a writer should; None when the change is no re-anchored window or the item has no
    sentence of that kind."""
    change = reanchored(facts)
    conflicts = impact.conflicts
    if change is None or not conflicts:
        return None
    if not all(all(r == REANCHORED_REASON for r in c.reasons) for c in conflicts):
        return None
    noun = impact.item.kind
    marked = [c.sentence for c in conflicts]
    quoted = " ".join(f"“{s}”" for s in marked)
    failed: list[str] = []

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        raw = unit.raw.rstrip()
        new = reanchor_sentence(change, raw)
        if new is None:
            failed.append(unit.text)
            return Keep.UNIT
        return new + unit.raw[len(raw) :]

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    why = (
        f"The new prompt counts the {change.length} from {change.new_anchor}, no longer from "
        f"{change.old_anchor} (“{change.rule.new}”)."
    )
    if new_body is None or failed:
        return None, (
            f"No safe rewrite: {why} This {noun} still counts them from the old event in "
            + " ".join(f"“{s}”" for s in (failed or marked))
            + ", in a form the edit cannot restate: a writer should."
        )
    return new_body, (
        f"{why} This {noun} counted them from the old event in {quoted}: the edit moves the "
        f"anchor to {change.new_anchor} there, keeps the {change.length} and everything else, "
        "and leaves other windows (other topics, other lengths) as they are."
    )


def reanchored_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a re-anchored window: the same fact the template's
    edit rests on."""
    change = reanchored(facts)
    if change is None:
        return None
    return (
        f"the window of {change.length} is unchanged in length but is now counted from "
        f"{change.new_anchor}, no longer from {change.old_anchor} (the new prompt: "
        f"“{change.rule.new}”): text about this window that counts the {change.length} from "
        f"the old event must count them from {change.new_anchor}, keeping the {change.length}; "
        "the same length counted from the old event on another topic, other lengths, and the "
        "new event said of another topic stay as they are"
    )


def still_old_anchor(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still count the window from the old event: a
    conflicting sentence kept, or one the edit wrote. What no drafter's edit may say."""
    change = reanchored(facts)
    if change is None:
        return []
    found = []
    for unit in kept_or_written(conflicts, old_body, new_body, body_format):
        anchors = [
            a
            for a in old_anchors(change, unit.text)
            if not _NEGATED_BEFORE.search(unit.text[: a.start])
        ]
        if anchors:
            found.append(unit.text)
    return found
