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

import re
from typing import TYPE_CHECKING

from behaviordiff.drafting.percentwords import percent_source
from behaviordiff.drafting.text import stem, terms

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

_UNIT_WORDS = frozenset(
    stem(word)
    for word in ("percent", "percentage", "pct", "per", "cent", "rate", "share", "amount", "value")
)
"""Words of an argument's name that say how its number is measured, never what it is of."""
_OFF = re.compile(r"\s*off\b", re.I)
"""A percentage said as a discount ("25% off"): of a price, never a share owed."""
_DISCOUNT = frozenset({stem("discount")})
"""An argument's subject that is itself a discount, which "25% off" states."""


def _subject(argument: str) -> set[str]:
    """The stems of an argument's name that say what its number is of: `deposit_percent` →
    {"deposit"}; `percent` alone names nothing."""
    return set(terms(argument.replace("_", " ").replace("-", " "))) - _UNIT_WORDS


def moved_percent_subjects(facts: ChangeFacts, value: str) -> set[str]:
    """What the old percentage `value` ("25%") is of, read from the names of the change's
    moved arguments that went from that number to one other number in every probe, the new
    one a percentage the new replies state: empty when no such argument names a subject."""
    if not value.endswith("%"):
        return set()
    added = {promise.value for promise in facts.added_promises if promise.kind == "percent"}
    subjects: set[str] = set()
    for moved in facts.moved:
        pairs = moved.pairs()
        if len(pairs) != 1:
            continue  # a number that differs probe by probe (an amount) is no rule's percentage
        old, new = pairs[0]
        if f"{old:g}%" == value and f"{new:g}%" in added:
            subjects |= _subject(moved.argument)
    return subjects


def states_moved_percent(facts: ChangeFacts, value: str, sentence: str) -> bool:
    """Whether `sentence` states the old percentage `value` of what the moved argument's name
    says it is of (`moved_percent_subjects`), in figures or words, and not as a discount ("25%
    off") unless the argument is one (`discount_percent`)."""
    subjects = moved_percent_subjects(facts, value)
    if not subjects or not subjects & set(terms(sentence)):
        return False
    found = list(re.finditer(percent_source(value.removesuffix("%")), sentence, re.I))
    discount = bool(subjects & _DISCOUNT)
    return any(discount or not _OFF.match(sentence, match.end()) for match in found)


_STATES = re.compile(r"^states (?P<value>\d+(?:\.\d+)?%), which the new agent no longer states$")


def said_of_moved_percent(facts: ChangeFacts, reason: str, sentence: str) -> bool:
    """Whether `reason` marks `sentence` for stating a moved argument's old percentage of what
    the argument's name says it is of (`states_moved_percent`): on the change's subject
    whatever the topic tags or headings around it say."""
    found = _STATES.match(reason)
    return found is not None and states_moved_percent(facts, found.group("value"), sentence)
