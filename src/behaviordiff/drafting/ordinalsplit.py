"""A value the old prompt gave every case, restated by position: "Each brother or sister gets
10% off their sessions." became "The second child gets 10% off their sessions, and the third
child and any more get 20% off.", for `child_number >= 3`. The old sentence states one value
and no position; the new one states the old value for one position and a new value from an
ordinal on ("the third … and any more"), that ordinal the line of the change's condition.

A KB sentence stating the old value (same figure and sign) on the old sentence's topic (two of
its words) with no position of its own and not the new value says the old rule for every case
(`ordinal_split_reason`). Its edit (`ordinal_split_edit`) says the positions: the old prompt
sentence, where the KB says it word for word, becomes the new one; a table cell opening with
the old value puts each position first ("Second child: 10% off every session; third child and
any more: 20% off"); elsewhere the old value's phrase gets its position and the new value its
own ("10% off every session for the second child and 20% off for the third child and any
more"). A sentence that claims the value for every case in its own words ("each member gets
10% …") cannot take a position beside that claim and is flagged. Matching is on the prompt's
own words and the sentence's structure: no word of any domain is known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.detect.quantities import ORDINALS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, rewrite_marked
from behaviordiff.drafting.text import padded_cells, still_saying, upper_first

ORDINAL_SPLIT_REASON = (
    "states the old value for every position; the new prompt says it by position:"
)

_ORDINAL = re.compile(
    r"(?<![\w-])(?:the\s+)?(?:(?P<digits>\d{1,3})(?:st|nd|rd|th)|(?P<word>"
    + "|".join(ORDINALS)
    + r"))(?![\w-])",
    re.I,
)
_VALUE = re.compile(
    r"(?<![\w.,-])(?P<sign>[$€£])?(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?P<pct>%)?(?![\w-])"
    r"(?![.,]\d)"
)
"""An amount, a percentage or a bare number in figures."""
_CLAUSES = re.compile(r",\s+(?:and|but|while)\s+|;\s*")
_JOINED = re.compile(r",\s+and\s+(?=\w)")
_PHRASE_END = re.compile(r"[,;.!?()|]|\s(?:and|but|so|because|which)\s")
_EVERY = re.compile(r"\b(?:every|each|all|any)\s+(?:of\s+)?(?:(?:our|the|your|their)\s+)?\w+", re.I)
_WORD = re.compile(r"[a-z][a-z'’-]{3,}", re.I)
_NOT_TOPIC = frozenset({"every", "each", "all", "any", "with", "from", "your", "their", "they"})
_SHARED = 2
_MAX_POSITION_WORDS = 7
_NOUN = re.compile(r"\s*\+?\s*([a-z][a-z'’-]*)", re.I)
"""The noun an ordinal qualifies: "bike" of "the second bike", of "the 3rd+ bike"."""
_LATER = re.compile(
    r"\s+(?:(?:and|or)\s+(?:(?:any|all|every|each)\s+)?(?:more|later|after|subsequent|"
    r"following|above|beyond|up|over)\b|onwards?\b|on\b)",
    re.I,
)
"""After a position's noun, the words that take in every later position ("and any more",
"onwards", "on" of "from the third bike on")."""
_JOINERS = frozenset({"and", "or", "of", "the", "our", "your", "their", "a", "an"})


@dataclass(frozen=True)
class Position:
    """One clause of the new prompt sentence: a position and the value it gets."""

    position: str
    """The position's words, "the" in ("the second child", "the third child and any more")."""
    said: str
    """The value and the words after it in its clause ("10% off their sessions", "20% off")."""


@dataclass(frozen=True)
class OrdinalSplit:
    old_sentence: str
    new_sentence: str
    old_said: str
    """The old value as the old prompt writes it ("10%")."""
    old_key: tuple[float, str]
    new_key: tuple[float, str]
    kept: Position
    """The position that keeps the old value."""
    kept_at: int
    """Its ordinal (2 of "the second child")."""
    moved: Position
    """The position from which the new value holds."""
    subject: frozenset[str] = frozenset()
    """Whom the rule is for, as `_cut` cuts words: the noun the kept position's ordinal
    qualifies ("child") and the old sentence's subject after its every-word ("brother",
    "sister" of "Each brother or sister gets"). A KB sentence names one of them to state the
    rule; a phrase naming one already says whom its value is for."""


def _key(found: re.Match[str]) -> tuple[float, str]:
    return float(found.group("n").replace(",", "")), found.group("sign") or found.group("pct") or ""


def _ordinal_value(found: re.Match[str]) -> int:
    if found.group("digits"):
        return int(found.group("digits"))
    return ORDINALS.index(found.group("word").lower()) + 1


def _topic(text: str) -> set[str]:
    """Words of four letters or more, a plural's "s" off and cut to five letters."""
    return {_cut(word) for word in _WORD.findall(text) if word.lower() not in _NOT_TOPIC}


_LETTERS = re.compile(r"[a-z]+", re.I)


def _cut(word: str) -> str:
    """A word as `_topic` cuts it, whatever its length: "cats" is "cat"."""
    return word.lower().removesuffix("s")[:5]


def _cuts(text: str) -> set[str]:
    return {_cut(word) for word in _LETTERS.findall(text)}


def _line(facts: ChangeFacts) -> int | None:
    """The first position the change's condition takes in (`n >= 3`, `n > 2`), or None."""
    condition = facts.condition
    if condition is None:
        return None
    for atom in condition.atoms:
        value = atom.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if atom.op == ">=" and float(value).is_integer():
            return int(value)
        if atom.op == ">" and float(value).is_integer():
            return int(value) + 1
    return None


def _position(clause: str) -> tuple[int, Position] | None:
    """The ordinal a clause opens with and the one value it gives it, or None. The position is
    the ordinal, its noun and the words that take in every later one ("the third bike and any
    more"), ending before the verb or at a comma ("from the third bike on, the discount is
    25%": "the third bike onwards")."""
    values = list(_VALUE.finditer(clause))
    ordinals = list(_ORDINAL.finditer(clause))
    if len(values) != 1 or len(ordinals) != 1 or ordinals[0].start() > values[0].start():
        return None
    span = clause[ordinals[0].start() : values[0].start()]
    noun = _NOUN.match(span, ordinals[0].end() - ordinals[0].start())
    if noun is not None and noun.group(1).lower() not in ("and", "or"):
        later = _LATER.match(span, noun.end())
        end = later.end() if later is not None else noun.end()
        position = span[:end].strip()
        if later is not None and later.group(0).strip().lower() == "on":
            position = position[: -len("on")] + "onwards"
    else:
        comma = span.find(",")
        words = (span if comma < 0 else span[:comma]).split()
        position = " ".join(words[:-1] if comma < 0 else words)  # the verb ("gets") off
    words = position.split()
    if not 2 <= len(words) <= _MAX_POSITION_WORDS or "," in position:
        return None
    position = position[:1].lower() + position[1:]
    said = clause[values[0].start() :].strip().rstrip(" .!")
    return _ordinal_value(ordinals[0]), Position(position, said)


def ordinal_split(facts: ChangeFacts) -> OrdinalSplit | None:
    """The change's split by position when one prompt sentence stating one value and no
    position became one stating the old value for one position and a new value from the
    condition's line on; else None."""
    if not facts.restricted or (line := _line(facts)) is None:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        split = _split_of(rule.old, rule.new, line)
        if split is not None:
            return split
    return None


def _split_of(old: str, new: str, line: int) -> OrdinalSplit | None:
    olds = list(_VALUE.finditer(old))
    if len(olds) != 1 or _ORDINAL.search(old) or not _EVERY.search(old):
        return None
    positions = [_position(clause) for clause in _CLAUSES.split(new)]
    found = [p for p in positions if p is not None]
    if len(found) != 2:
        return None
    old_key = _key(olds[0])
    keys = {index: _key(next(_VALUE.finditer(p.said))) for index, (_, p) in enumerate(found)}
    kept = [found[i] for i, key in keys.items() if key == old_key]
    moved = [
        found[i]
        for i, key in keys.items()
        if key != old_key and key[1] == old_key[1] and found[i][0] == line
    ]
    if len(kept) != 1 or len(moved) != 1 or kept[0][0] >= line:
        return None
    new_key = _key(next(_VALUE.finditer(moved[0][1].said)))
    ordinal = _ORDINAL.search(kept[0][1].position)
    noun = _NOUN.match(kept[0][1].position, ordinal.end()) if ordinal else None
    every = _EVERY.search(old)
    said = _LETTERS.findall(old[every.start() : olds[0].start()])[1:-1] if every else []
    subject = {_cut(word) for word in said if word.lower() not in _JOINERS}
    return OrdinalSplit(
        old_sentence=old,
        new_sentence=new,
        old_said=olds[0].group(0),
        old_key=old_key,
        new_key=new_key,
        kept=kept[0][1],
        kept_at=kept[0][0],
        moved=moved[0][1],
        subject=frozenset(subject | ({_cut(noun.group(1))} if noun else set())),
    )


def _old_places(split: OrdinalSplit, text: str) -> list[re.Match[str]]:
    return [found for found in _VALUE.finditer(text) if _key(found) == split.old_key]


def _states_old_rule(split: OrdinalSplit, text: str) -> bool:
    """Whether `text` states the old value on the old sentence's topic, with no position of its
    own (an ordinal from the kept one on: "your first invoice" is no position of the split) and
    not the new value."""
    if not _old_places(split, text):
        return False
    if any(_ordinal_value(found) >= split.kept_at for found in _ORDINAL.finditer(text)):
        return False
    if any(_key(found) == split.new_key for found in _VALUE.finditer(text)):
        return False
    if split.subject and not split.subject & _cuts(text):
        return False  # "Kayaks: 15% off the daily rate" is no rule of bikes
    return len(_topic(text) & _topic(split.old_sentence)) >= _SHARED


def ordinal_split_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` states the old value for every position the new prompt splits, or None."""
    split = ordinal_split(facts)
    if split is None or not _states_old_rule(split, sentence):
        return None
    return f"{ORDINAL_SPLIT_REASON} “{split.new_sentence}”"


def _bare(position: str) -> str:
    return re.sub(r"^the\s+", "", position, flags=re.I)


def _in_cell(split: OrdinalSplit, raw: str) -> str | None:
    """A table row whose cell opens with the old value, each position put first in it."""
    cells = padded_cells(raw)
    for index, cell in enumerate(cells):
        text = cell.strip()
        places = _old_places(split, text)
        if not places or places[0].start() != 0:
            continue
        said = (
            f"{upper_first(_bare(split.kept.position))}: {text}; "
            f"{_bare(split.moved.position)}: {split.moved.said}"
        )
        lead = cell[: len(cell) - len(cell.lstrip())]
        trail = cell[len(cell.rstrip()) :]
        cells[index] = lead + said + trail
        start = raw.index("|")
        end = raw.rindex("|")
        return raw[:start] + "|" + "|".join(cells) + "|" + raw[end + 1 :]
    return None


def ordinal_split_said(split: OrdinalSplit, raw: str) -> str | None:
    """`raw` with the old value said by position; None where it cannot be."""
    if not _states_old_rule(split, raw):
        return None
    old_body = split.old_sentence.strip().rstrip(".!")
    new_body = split.new_sentence.strip().rstrip(".!")
    at = raw.lower().find(old_body.lower())
    if at >= 0:
        said = upper_first(new_body) if raw[at].isupper() else new_body
        rest = raw[at + len(old_body) :]
        joined = _JOINED.match(rest)
        if joined is not None and _CLAUSES.search(new_body):
            # the new sentence is two clauses already: what the old one joined goes on alone
            rest = ". " + upper_first(rest[joined.end() :])
        return raw[:at] + said + rest
    if raw.lstrip().startswith("|"):
        return _in_cell(split, raw)
    places = _old_places(split, raw)
    if len(places) != 1:
        return None
    start = places[0].start()
    clause_start = max(raw.rfind(mark, 0, start) for mark in ",;:.")
    if _EVERY.search(raw, clause_start + 1, start):
        return None  # "each member gets 10%": the claim itself says every position
    stop = _PHRASE_END.search(raw, places[0].end())
    end = len(raw.rstrip(" .!")) if stop is None else stop.start()
    phrase = raw[start:end].rstrip()
    if split.subject & _cuts(phrase):
        return None  # "15% off for each additional bike": the phrase says whom already
    said = f"{phrase} for {split.kept.position} and {split.moved.said} for {split.moved.position}"
    return raw[:start] + said + raw[start + len(phrase) :]


def ordinal_split_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts state the old value for every position
    (`ordinal_split_reason`): each says it by position. None for any other change or item."""
    split = ordinal_split(facts)
    if split is None or not impact.conflicts:
        return None
    if not only_marked_for(impact.conflicts, ORDINAL_SPLIT_REASON):
        return None
    new_body = rewrite_marked(impact, lambda raw: ordinal_split_said(split, raw))
    if new_body is None:
        return None, (
            f"Flagged for review: this {impact.item.kind} gives {split.old_said} to every case; "
            f"the new prompt says “{split.new_sentence}”, in words that cannot be put in its "
            "place."
        )
    return new_body, (
        f"The new prompt no longer gives {split.old_said} to every case "
        f"(“{split.old_sentence}”): it says “{split.new_sentence}”. This {impact.item.kind} "
        "said the old rule; the edit says it by position and keeps everything else."
    )


def ordinal_split_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a value split by position (`ordinal_split`)."""
    split = ordinal_split(facts)
    if split is None:
        return None
    return (
        f"the old prompt said “{split.old_sentence}”; the new one says “{split.new_sentence}”: "
        f"a sentence or table cell giving {split.old_said} to every case says who keeps it "
        f"({split.kept.position}) and who now gets the new value ({split.moved.position})"
    )


def still_ordinal_split(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still give the old value to every position: what
    no drafter's edit may say."""
    split = ordinal_split(facts)
    if split is None:
        return []
    return still_saying(
        lambda unit: _states_old_rule(split, unit.text),
        conflicts,
        old_body,
        new_body,
        body_format,
    )
