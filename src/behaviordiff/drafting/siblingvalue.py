"""A value's rewrite that left beside it the count the same prompt sentence moved.

One prompt sentence may move two values at once: "book 2 or more sessions and get 10% off"
became "book 3 or more sessions and get 15% off". A rewrite made by the value a KB sentence
states ("save 10%" → "save 15%") leaves the count in that sentence ("Book any two and save
15%"): half the old rule, now wrong. Where a sentence the edit rewrote says the new side of one
value of a prompt sentence, and still says the old side of a count (bare, or of one thing: "2
nights") the same sentence moved, the count is said the new way too, in the sentence's own
form (a figure stays a figure, a word a word). Only a count that is the line of the change's
condition (`sessions >= 3` for 3) is moved: it is the rule's criterion, not some other number
the sentence happens to hold. A count said more than once in the sentence, or already said the
new way, is left alone. The count must count what the prompt sentence counts: the noun after
it is the prompt's counted noun (or a generic one, "items"), or, said bare ("buy a pair, we
…"), it is the object of the prompt's own verb; a number before another noun ("valid for 4
weeks", "at 2 pm", "a pair of slippers") counts something else and stays. Two said as "a
pair" or "a couple of" is a count too ("when you buy a pair, we take a tenth off" → "when you
buy three, …").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from behaviordiff.detect.countwords import PAIR
from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.detect.similarity import STOPWORDS
from behaviordiff.drafting.rules import where_stated
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, stem, units

if TYPE_CHECKING:
    from behaviordiff.detect.model import Condition
    from behaviordiff.drafting.rules import RuleMove

_WORDS = (
    "zero",
    *sorted((w for w, n in CARDINALS.items() if 0 < n <= 12), key=lambda w: CARDINALS[w]),
)
# said between a count and what it counts ("4 or more classes")
_FILLER = frozenset({"or", "more", "over", "above", "plus", "of", "+"})
# a noun that counts whatever the rule counts ("2 or more items")
_GENERIC = frozenset({"item", "items", "thing", "things", "one", "ones"})
_TOKEN = re.compile(r"[A-Za-z]+|[^\sA-Za-z]")
_MAX_COUNT = 1000


def _count_pattern(count: int) -> re.Pattern[str]:
    """A bare count in a sentence: the figure, not inside a larger number, an amount, a share
    or a hyphenated compound ("2-year"), or the number's word when it has one (two also as "a
    pair" or "a couple of")."""
    figure = rf"(?<![\w.,£$€/-]){count}(?![\w%£$€/-]|[.,]\d)"
    word = rf"\b{_WORDS[count]}\b(?!-)" if 1 < count < len(_WORDS) else None
    if count == 2:
        # two as a pair or a couple ("buy a pair", "a couple of nights"): said as the count
        word = rf"{word}|\b{PAIR}\b(?:\s+of\b)?"
    return re.compile(figure + (f"|{word}" if word else ""), re.I)


def _said_like(found: str, count: int) -> str:
    """`count` in the form `found` says its count: a figure, or a word with its capital."""
    if found.isdigit():
        return str(count)
    word = _WORDS[count] if count < len(_WORDS) else str(count)
    return word.capitalize() if found[:1].isupper() else word


def _after(text: str) -> str | None:
    """The first content word after a count (past "or more", "of"), None when the count is
    said bare (a stop word or punctuation comes first)."""
    for token in _TOKEN.findall(text)[:8]:
        lowered = token.lower()
        if lowered in _FILLER:
            continue
        return lowered if token.isalpha() and lowered not in STOPWORDS else None
    return None


def _before(text: str) -> str | None:
    """The content word a count is the object of ("buy" in "buy any 2"), else None."""
    for token in reversed(_TOKEN.findall(text)[-4:]):
        lowered = token.lower()
        if lowered in ("any", "a", "the", "all"):
            continue
        return lowered if token.isalpha() and lowered not in STOPWORDS else None
    return None


def _counted_thing(count: RuleMove, old: int) -> tuple[str | None, str | None] | None:
    """(the noun, the verb) of the count in the old prompt sentence ("Buy any 2 or more pots":
    ("pots", "buy")), None when the count is not said there exactly once."""
    unit = _COUNT.fullmatch(count.old)
    found = list(_count_pattern(old).finditer(count.old_sentence or ""))
    if len(found) != 1:
        return None
    sentence = count.old_sentence or ""
    noun = (unit["unit"] if unit is not None and unit["unit"] else None) or _after(
        sentence[found[0].end() :]
    )
    return noun, _before(sentence[: found[0].start()])


def _counts_same(raw: str, match: re.Match[str], thing: tuple[str | None, str | None]) -> bool:
    """Whether the count `match` found in a KB sentence counts what the prompt's count does."""
    noun, verb = thing
    after = _after(raw[match.end() :])
    if after is not None:
        return after in _GENERIC or (noun is not None and stem(after) == stem(noun.lower()))
    before = _before(raw[: match.start()])
    return verb is not None and before is not None and stem(before) == stem(verb)


def _whole(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() and 0 <= value < _MAX_COUNT else None


def condition_lines(condition: Condition | None) -> set[int]:
    """The whole numbers the condition draws its lines at, as a rule may say each: `n >= 3`
    and `n > 2` are "3 or more"; `n < 3` and `n <= 2` are "under 3" or "up to 2"."""
    lines: set[int] = set()
    if condition is None:
        return lines
    for atom in condition.atoms:
        bounds: list[tuple[object, str]] = []
        if atom.op in (">", ">=", "<", "<="):
            bounds.append((atom.value, atom.op))
        elif atom.op == "between":
            bounds.append((atom.low, ">=" if atom.low_inclusive else ">"))
            bounds.append((atom.high, "<=" if atom.high_inclusive else "<"))
        for value, op in bounds:
            whole = _whole(value)
            if whole is None:
                continue
            lines.add(whole)
            lines.add(whole + 1 if op in (">", "<=") else whole - 1)
    return lines


_COUNT = re.compile(r"(?P<n>\d{1,3})(?:\s+(?P<unit>[a-z]{2,20}))?", re.I)


def _counted(move: RuleMove) -> tuple[int, int] | None:
    """(old, new) of a move of a count, bare or of one thing ("2" → "3", "2 nights" → "3
    nights"), else None."""
    old, new = _COUNT.fullmatch(move.old), _COUNT.fullmatch(move.new)
    if old is None or new is None or (old["unit"] or "").lower() != (new["unit"] or "").lower():
        return None
    return int(old["n"]), int(new["n"])


def _siblings(moves: list[RuleMove]) -> list[tuple[RuleMove, RuleMove]]:
    """(a value move, a count moved by the same prompt sentence pair) for every pair."""
    pairs = []
    for count in moves:
        if count.kind != "value" or _counted(count) is None:
            continue
        for value in moves:
            if (
                value is not count
                and value.kind == "value"
                and value.old_sentence == count.old_sentence
                and value.new_sentence == count.new_sentence
                and value.old != count.old
            ):
                pairs.append((value, count))
    return pairs


def with_moved_counts(
    moves: list[RuleMove],
    condition: Condition | None,
    old_body: str,
    new_body: str,
    body_format: str,
) -> tuple[str, list[str]] | None:
    """`new_body` with the counts its rewritten sentences still say the old way said the new
    way, and those sentences as they now read; None when there is none."""
    lines = condition_lines(condition)
    pairs = [
        (value, count, counts)
        for value, count in _siblings(moves)
        if (counts := _counted(count)) is not None and counts[1] in lines and len(set(counts)) == 2
    ]
    if not pairs:
        return None
    before = {unit.text for unit in units(old_body)}
    said: list[str] = []

    def rewrite(unit: Unit) -> str | Keep:
        text = unit.text
        if text in before:
            return Keep.UNIT
        raw = unit.raw
        for value, count, (old, new) in pairs:
            if not where_stated(value.new, raw) or where_stated(value.old, raw):
                continue
            found = list(_count_pattern(old).finditer(raw))
            if len(found) != 1 or _count_pattern(new).search(raw):
                continue
            thing = _counted_thing(count, old)
            if thing is None or not _counts_same(raw, found[0], thing):
                continue
            match = found[0]
            raw = raw[: match.start()] + _said_like(match.group(0), new) + raw[match.end() :]
        if raw == unit.raw:
            return Keep.UNIT
        said.append(" ".join(raw.split()))
        return raw

    body = rewrite_units(new_body, body_format, rewrite)
    return (body, said) if body is not None and said else None
