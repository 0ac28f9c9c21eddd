"""A percentage a call's argument states, moved the same way in every changed probe.

`book_storage` (deposit_percent 25, deposit_amount per boat) became (deposit_percent 40, a
larger amount) for boats over 10 metres: the replies said "25%" and now say "40%", and the
argument's own name says what the percentage is of ("deposit"). A KB sentence stating the old
percentage and naming that subject ("Your 25% deposit secures your space", "| Deposit | 25% of
the season's fee |") states the old rule, however its other words differ from the old
replies'; the same percentage said of something else ("25% off mast storage") does not name
it and stays. The sibling amount, which differs probe by probe, names nothing a KB states.

Pure text helper: `impact.sentence_conflict` reads it beside the old replies' wording.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from behaviordiff.drafting.percentwords import percent_source
from behaviordiff.drafting.text import STOPWORDS, row_cells, stem, terms

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

_UNIT_WORDS = frozenset(
    stem(word)
    for word in ("percent", "percentage", "pct", "per", "cent", "rate", "share", "amount", "value")
)
"""Words of an argument's name that say how its number is measured, never what it is of."""
_GENERIC = frozenset(
    stem(word)
    for word in (
        "fee",
        "total",
        "order",
        "charge",
        "cost",
        "price",
        "payment",
        "sum",
        "base",
        "default",
        "standard",
        "max",
        "min",
        "maximum",
        "minimum",
        "new",
        "old",
    )
)
"""Words of an argument's name too general to say what its percentage is of: "15%" beside
"order" or "fee" says nothing of which order's or fee's share it is."""
_OFF = re.compile(r"\s*off\b", re.I)
"""A percentage said as a discount ("25% off"): of a price, never a share owed."""
_DISCOUNT = frozenset({stem("discount")})
"""An argument's subject that is itself a discount, which "25% off" states."""
_TOKEN = re.compile(r"[A-Za-z][\w'’]*(?:-[A-Za-z][\w'’]*)*|\S")
"""A word (hyphens inside it kept) or one other visible character."""
_REACH = 80
"""How far either side of a percentage its subject is looked for (characters)."""
_LINKS = frozenset(
    (
        "of",
        "is",
        "was",
        "are",
        "were",
        "be",
        "will",
        "stays",
        "stay",
        "remains",
        "remain",
        "at",
        "set",
        "only",
        "just",
        "now",
        "still",
        "currently",
        "always",
        ":",
        "(",
        "-",
        "–",
        "—",
        "=",
    )
)
"""Words and marks that may stand between a subject and its own percentage ("the deposit is
15%", "deposit of 15%", "Deposit: 15%", "deposit (15%)")."""
_BEFORE_WORDS = 5
"""At most this many link or name words between a subject and the percentage after it."""
_MODIFIERS = 2
"""At most this many words between a percentage and its subject after it ("15% refundable
booking deposit")."""


def _subject(argument: str) -> set[str]:
    """The stem of the word of an argument's name that says what its number is of: the last
    word before its unit word that is neither a unit word nor a generic one (`deposit_percent`
    → {"deposit"}, `late_fee_percent` → {"late"}); none when no such word is there
    (`percent`, `order_fee_percent`)."""
    words = terms(argument.replace("_", " ").replace("-", " "))
    first_unit = next((i for i, word in enumerate(words) if word in _UNIT_WORDS), len(words))
    named = words[:first_unit] or words[first_unit:]
    for word in reversed(named):
        if word not in _UNIT_WORDS and word not in _GENERIC:
            return {word}
    return set()


def moved_percent_subjects(facts: ChangeFacts, value: str) -> set[str]:
    """What the old percentage `value` ("25%") is of, read from the names of the change's
    moved arguments that went from that number to one other number in every probe, the new
    one a percentage the new replies state: empty when no such argument names a subject."""
    return set(_moved_percent_names(facts, value))


def _moved_percent_names(facts: ChangeFacts, value: str) -> dict[str, set[str]]:
    """Each subject of `moved_percent_subjects` with the stems of its argument's whole name."""
    if not value.endswith("%"):
        return {}
    added = {promise.value for promise in facts.added_promises if promise.kind == "percent"}
    names: dict[str, set[str]] = {}
    for moved in facts.moved:
        pairs = moved.pairs()
        if len(pairs) != 1:
            continue  # a number that differs probe by probe (an amount) is no rule's percentage
        old, new = pairs[0]
        if f"{old:g}%" == value and f"{new:g}%" in added:
            words = set(terms(moved.argument.replace("_", " ").replace("-", " ")))
            for subject in _subject(moved.argument):
                names.setdefault(subject, set()).update(words)
    return names


def _said_before(sentence: str, start: int, names: dict[str, set[str]]) -> bool:
    """Whether a subject leads up to the percentage at `start` with only link words, unit
    words or its name's own words between ("the deposit is 15%", "deposit rate of 15%",
    "booking fee of 15%"), or the percentage leads a table cell whose row is keyed by the
    subject ("| Deposit | 15% of the hire price |")."""
    name_words = set().union(*names.values())
    tokens = _TOKEN.findall(sentence[max(0, start - _REACH) : start])
    for count, token in enumerate(reversed(tokens)):
        word = token.lower()
        if token == "|":
            return _keyed_by_subject(sentence, start, names)
        if count > _BEFORE_WORDS:
            return False
        if word in _LINKS:
            continue
        stemmed = stem(word)
        if stemmed in names:
            return True
        if stemmed not in name_words and stemmed not in _UNIT_WORDS:
            return False
    return False


def _keyed_by_subject(sentence: str, start: int, names: dict[str, set[str]]) -> bool:
    """Whether the table row `sentence` keys the cell holding `start` by a subject: its first
    cell names one, and the percentage is in another cell."""
    key_end, key_terms = _row_key(sentence)
    return start > key_end and bool(key_terms & set(names))


@functools.lru_cache(maxsize=8)
def _row_key(sentence: str) -> tuple[int, frozenset[str]]:
    """Where the first cell of the table row `sentence` ends (past the text's end when the
    row has one cell) and its terms: read once per row, not once per percentage in it."""
    body = sentence.lstrip()
    offset = len(sentence) - len(body) + (1 if body.startswith("|") else 0)
    end = sentence.find("|", offset)
    if end < 0:
        return len(sentence), frozenset()
    return end, frozenset(terms(row_cells(sentence)[0]))


def _said_after(sentence: str, end: int, names: dict[str, set[str]]) -> bool:
    """Whether the percentage ending at `end` is said of a subject right after it, with at most
    `_MODIFIERS` words between and none a stop word ("15% deposit", "15% booking deposit"),
    and not of another noun ("15% VAT to the deposit") or a share of it ("15% of the deposit")."""
    tokens = _TOKEN.findall(sentence[end : end + _REACH])
    for token in tokens[: _MODIFIERS + 1]:
        word = token.lower()
        if not word[:1].isalpha() or word in STOPWORDS or word == "off":
            return False
        if stem(word) in names:
            return True
    return False


def states_moved_percent(facts: ChangeFacts, value: str, sentence: str) -> bool:
    """Whether `sentence` states the old percentage `value` as the value of what the moved
    argument's name says it is of (`moved_percent_subjects`), in figures or words: "a 15%
    deposit", "the deposit is 15%", a row keyed by it; never a share of it ("we keep 15% of
    your deposit") or a percentage of another thing beside it ("15% VAT to the deposit"); and
    not as a discount ("25% off") unless the argument is one (`discount_percent`), when that
    states it wherever the sentence names the discount."""
    names = _moved_percent_names(facts, value)
    if not names or not set(names) & set(terms(sentence)):
        return False
    discount = bool(set(names) & _DISCOUNT)
    for found in re.finditer(percent_source(value.removesuffix("%")), sentence, re.I):
        if _OFF.match(sentence, found.end()):
            if discount:
                return True
            continue
        if _said_before(sentence, found.start(), names) or _said_after(
            sentence, found.end(), names
        ):
            return True
    return False


_STATES = re.compile(r"^states (?P<value>\d+(?:\.\d+)?%), which the new agent no longer states$")


def said_of_moved_percent(facts: ChangeFacts, reason: str, sentence: str) -> bool:
    """Whether `reason` marks `sentence` for stating a moved argument's old percentage of what
    the argument's name says it is of (`states_moved_percent`): on the change's subject
    whatever the topic tags or headings around it say."""
    found = _STATES.match(reason)
    return found is not None and states_moved_percent(facts, found.group("value"), sentence)
