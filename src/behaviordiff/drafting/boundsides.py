"""One value split at a line on a number: the two sides of the split are bounds on one number.

The old prompt gives one value to every case ("The fee is £15 for any TV"); the new one splits it
at a line and names each side by its bound on the same number ("£15 for screens up to 50 inches,
£25 for screens over 50 inches"; "3 days for parcels under 2 kg, 5 days for parcels of 2 kg or
more"). The diff reads it as a split (`RuleMove.scope` for the new value's side, `others` for the
old value's), but the two sides share every content word but their bound words, so no KB word
names one side and not the other: a sentence stating the old value is about every case and must
say both sides. `bound_line` reads the line shared by the two sides; `rest_first` writes both in
the sentence's voice, the old value where it stands with the rest's side after it and the
subset's value in an aside, dropping the words that claimed one value for every case ("a flat",
", whatever the size of the set").

Nothing here knows a domain's words: the sides are read from the prompt's own phrases, the claim
from the sentence's structure. Bounded patterns over one sentence or cell only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence, Set
from typing import Any

_BOUND = re.compile(
    r"\b(?:up\s+to|under|below|over|above|more\s+than|less\s+than|fewer\s+than|at\s+least|"
    r"or\s+more|or\s+less|or\s+fewer|or\s+over|or\s+under|or\s+above|or\s+below|and\s+over|"
    r"and\s+under|and\s+above|and\s+below|from|upwards|not\s+over|not\s+more\s+than|"
    r"exceeding|beyond|within|no\s+more\s+than|no\s+less\s+than|larger\s+than|"
    r"smaller\s+than|bigger\s+than|longer\s+than|shorter\s+than|heavier\s+than|"
    r"lighter\s+than|older\s+than|younger\s+than)\b",
    re.I,
)
"""Words bounding a number: "up to 50", "over 50", "50 or more"."""
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?(?![\d])")
_FLAT_BEFORE = re.compile(
    r"(?:\b(?P<article>an?)\s+)?\b(?P<flat>flat|fixed|single)\s+"
    r"(?:(?P<noun>fee|rate|charge|price|cost|amount|sum)\s+of\s+)?$",
    re.I,
)
"""Words right before a value claiming it is the same for every case: "a flat £15", "a fixed
fee of £15", "a single charge of £15"."""
_UNIT_AFTER = re.compile(
    r"(?:\s+(?:per|a|an|each|every)\s+(?!(?:and|or|but|so|if|when|which|that|the)\b)"
    r"[A-Za-z][\w'’-]{0,20})?(?:\s+(?:working|business|calendar)\s+days?\b|"
    r"\s+(?:days?|weeks?|months?|hours?|minutes?|nights?)\b)?",
    re.I,
)
"""What a value is per, right after it: " per TV", " a month", " working days"."""
_CLAUSE_AT = 240
"""How far past a value a sentence is read for what follows it: bounded work."""


def bound_line(scope: str, others: str) -> str | None:
    """The number both sides of a split bound ("50" of "for screens over 50 inches" and "for
    screens up to 50 inches"), when each side names it with a bound word and neither names
    another number or a content word the other lacks besides its bound words; None when the
    sides are told apart otherwise (categories, names)."""
    if not scope or not others:
        return None
    numbers = [set(_NUMBER.findall(side)) for side in (scope, others)]
    if len(numbers[0]) != 1 or numbers[0] != numbers[1]:
        return None
    if not all(_BOUND.search(side) for side in (scope, others)):
        return None
    words = [_plain_words(side) for side in (scope, others)]
    if words[0] ^ words[1]:
        return None
    line: str = next(iter(numbers[0]))
    return line


def _plain_words(side: str) -> set[str]:
    """A side's words besides its bound words, its number and its opening preposition."""
    text = _BOUND.sub(" ", side)
    text = _NUMBER.sub(" ", text)
    found = {word.lower().rstrip("s") for word in re.findall(r"[A-Za-z][\w'’-]*", text)}
    return found - {"for", "on", "with", "to", "of", "at", "in", "the", "a", "an", "and", "or"}


_SIDE_WORD = re.compile(
    r"\b(?:large|larger|largest|big|bigger|biggest|small|smaller|smallest|heavy|heavier|"
    r"heaviest|light|lighter|lightest|(?<!as )(?<!how )long|longer|longest|short|shorter|"
    r"shortest|huge|tiny|still|even)\b",
    re.I,
)
"""Words naming one side of a split at a line in a sentence's own words ("our large units",
"big old sets"), or saying the value holds there too ("still £15", "even our biggest")."""


def names_side(raw: str) -> bool:
    """Whether `raw` names one side of a split in its own words (`_SIDE_WORD`): both sides
    appended would contradict it, or repeat what it says true as it stands."""
    return _SIDE_WORD.search(raw) is not None


def in_shape_of(new: str, old: str) -> str:
    """The new amount written like the old one beside it: no pence where the old writes none
    ("£25.00" beside "£15" → "£25")."""
    if re.search(r"\d[.,]\d", old) is None:
        return re.sub(r"(?<=\d)[.,]00(?!\d)", "", new)
    return new


def names_line(raw: str, line: str, start: int, end: int) -> bool:
    """Whether `raw` names the split's line number outside the value it states (`start`,
    `end`): a sentence about one side, or one that already says the line."""
    pattern = re.compile(rf"(?<![\w.]){re.escape(line)}(?![\d])")
    return any(not (start <= found.start() < end) for found in pattern.finditer(raw, 0, len(raw)))


def rest_first(
    raw: str,
    start: int,
    end: int,
    new: str,
    scope: str,
    others: str,
    claim_length: Callable[[str], int],
    stop: int | None = None,
) -> str:
    """`raw` with the old value it states at `start`..`end` kept for the rest (`others`, the
    prompt's words), the subset's value `new` said beside it for the subset (`scope`): "£15
    per TV for screens up to 50 inches (£25 for screens over 50 inches)". What the value is per
    stays with it; words right before it claiming it is the same for every case go ("a flat
    £15" → "£15", "a flat fee of £15" → "a fee of £15"), and a claim right after it that
    `claim_length` reads (", whatever the size of the set") goes too. `stop` bounds what is
    read after the value (a table cell's end)."""
    limit = min(len(raw), end + _CLAUSE_AT) if stop is None else stop
    unit = _UNIT_AFTER.match(raw, end, limit)
    at = unit.end() if unit is not None else end
    claim = claim_length(raw[at:limit])
    head = raw[:start]
    flat = _FLAT_BEFORE.search(head[max(0, start - 40) :])
    if flat is not None:
        cut = max(0, start - 40) + flat.start()
        if flat.group("noun"):
            # "a flat fee of £15" → "a fee of £15"
            kept = (f"{flat.group('article')} " if flat.group("article") else "") + (
                f"{flat.group('noun')} of "
            )
            head = head[:cut] + kept
        else:
            head = head[:cut]
    aside = f" {others} ({new} {scope})"
    return head + raw[start:at] + aside + raw[at + claim :]


def sides_words(scope: str, others: str, terms: Callable[[str], list[str]]) -> Set[str]:
    """The stemmed words of both sides, their bound words and numbers left out: what a claim
    over every case of the split is over ("whatever the size of the screen" beside "screens")."""
    return set(terms(_NUMBER.sub(" ", _BOUND.sub(" ", f"{scope} {others}"))))


def split_rest(moves: Sequence[Any], old: str, new: str) -> str | None:
    """Whom the new prompt keeps the old value for, in its words without the leading "for"
    ("screens up to 50 inches"), where a move of `moves` (`rules.RuleMove`) splits `old` into
    `new` for a side bounded at a line (`bound_line`) and `others` for the rest; None
    otherwise. Values are compared by their number, so "£15.00" is "£15"."""
    for move in moves:
        if not (move.others and bound_line(move.scope, move.others)):
            continue
        if _numbers(move.old) == _numbers(old) and _numbers(move.new) == _numbers(new):
            found = re.match(r"\s*for\s+(?P<rest>\S.*)$", move.others, re.I)
            return found.group("rest") if found is not None else None
    return None


def _numbers(value: str) -> list[float]:
    return [float(each.replace(",", "")) for each in _NUMBER.findall(value)]


_MONEY_OR_NUMBER = r"(?:[£$€]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:[a-z]{1,5}|%))?"
_LINE_OBJECT = re.compile(
    r"\s+(?P<prep>off|on|for|with|across)\s+(?P<obj>(?:[A-Za-z][\w'’-]*\s+){1,4}?"
    r"(?:(?:of|over|above|under|below|from|worth|costing|at\s+least|up\s+to|more\s+than|"
    r"less\s+than)\s+)" + _MONEY_OR_NUMBER + r"(?:\s+(?:or|and)\s+(?:more|over|above|upwards|"
    r"less|under|below|fewer))?\+?)(?=\s*(?:[,.;:!?)|]|$|\s(?:and|but|so|if|when)\b))",
    re.I,
)
"""What a value holds on, bounded at a line on a number, right after the value: " off orders of
£30 or more", " on baskets over 40 kg". At most four words before the bound: linear."""
_EVERY_OBJECT = re.compile(
    r"\s+(?P<prep>off|on|for|with|across)\s+(?P<obj>everything|anything|"
    r"(?:every|any|all|each)\s+(?:of\s+)?(?:(?:our|your|the|their)\s+)?[A-Za-z][\w'’-]*"
    r"|(?:your|their|the|an?|each)\s+(?:whole\s+|entire\s+)?[A-Za-z][\w'’-]*)"
    r"(?P<tail>\s+(?:in|at|from|on)\s+(?:the|our)\s+[a-z][\w'’-]{0,20}|\s+we\s+(?:sell|stock|offer))?"
    r"(?=\s*(?:[,.;:!?)|]|$|\s(?:and|but|so|if|when|with)\b))",
    re.I,
)
"""What a KB sentence says a value holds on, right after it, claimed for every case or for a
thing of the kind the line's object names: " off everything", " on every order", " off your
order", " on all orders". Bounded: linear."""
_EVERY_WORD = re.compile(r"^(?:everything|anything|every|any|all|each)\b", re.I)


def line_object(old_sentence: str, new_sentence: str, old: str, new: str) -> str | None:
    """The bounded object the new prompt sentence says the new value holds on ("off orders of
    £30 or more"), with its preposition, where the old sentence said its value of no line
    (nothing like it after `old`); None otherwise. Both values are matched by their digits
    (`_value_at`)."""
    new_at = _value_at(new_sentence, new)
    if new_at is None:
        return None
    found = _LINE_OBJECT.match(new_sentence, new_at)
    if found is None:
        return None
    old_at = _value_at(old_sentence, old)
    if old_at is None or _LINE_OBJECT.match(old_sentence, old_at):
        return None
    after_old = old_sentence[old_at : old_at + 80]
    if re.search(r"\d", after_old.split(".")[0]):
        return None  # the old rule has a number after its value: another shape
    return f"{found.group('prep')} {found.group('obj')}"


def _value_at(sentence: str, value: str) -> int | None:
    """Where `value` ends in `sentence` (its text, or its number with a currency sign or unit
    glued to it), or None when it is not there once."""
    spots = [found.end() for found in re.finditer(re.escape(value), sentence)]
    return spots[0] if len(spots) == 1 else None


def with_line_object(raw: str, end: int, obj: str) -> str | None:
    """`raw` with what it says the value ending at `end` holds on replaced by the new rule's
    bounded object `obj` ("off everything" → "off orders of £30 or more"), where that is a
    claim over every case ("everything", "every order", "all orders") or names the object's own
    kind ("your order" beside "orders of £30 or more"); None when it names something else or
    nothing there (the line would go unsaid: a writer's)."""
    found = _EVERY_OBJECT.match(raw, end, min(len(raw), end + 120))
    if found is None:
        return None
    said = found.group("obj")
    if not _EVERY_WORD.match(said) and not _same_kind(said, obj):
        return None
    prep = found.group("prep")
    kept = obj.split(None, 1)[1] if " " in obj else obj
    # where the KB's claim held ("in the sale", "on the night") stays: dropped, the line's
    # object would widen the claim; "we sell" only restates "everything"
    tail = found.group("tail") or ""
    tail = "" if re.match(r"\s+we\s", tail) else tail
    return raw[: found.start("prep")] + prep + " " + kept + tail + raw[found.end() :]


def _same_kind(said: str, obj: str) -> bool:
    """Whether the KB's object and the line's share their noun ("your order", "orders of …")."""
    last = said.split()[-1].lower().rstrip("s")
    return any(word.lower().rstrip("s") == last for word in re.findall(r"[A-Za-z]+", obj))


_OLD_CLAIM = re.compile(
    r"\s+(?:on|for|to|with|across|in)\s+(?:every|all|any|each)\b[^,.;:!?()|\n]{0,40}", re.I
)
"""A claim over every case right after a value: " on every order", " for all bookings"."""


def old_claim_after(old_sentence: str, old: str) -> bool:
    """Whether the old prompt sentence claims its value `old` for every case right after it
    (" on every order")."""
    at = _value_at(old_sentence, old)
    return at is not None and _OLD_CLAIM.match(old_sentence, at) is not None


def repeats_old_claim(raw: str, end: int, old_sentence: str, old: str) -> bool:
    """Whether `raw`, right after its value ending at `end`, repeats the claim over every case
    the old prompt sentence makes right after its value `old` (" on every order")."""
    at = _value_at(old_sentence, old)
    claim = _OLD_CLAIM.match(old_sentence, at) if at is not None else None
    if claim is None:
        return False
    said = " ".join(claim.group(0).lower().split())
    return " ".join(raw[end : end + len(claim.group(0)) + 8].lower().split()).startswith(said)
