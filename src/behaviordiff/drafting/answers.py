"""Short answers: a KB sentence that answers the question above it without naming its topic.

An FAQ answers "Can we book a group lesson?" with "Yes, for 2 players or more." and "How long
do refunds take?" with "Up to 3 days.": what the value is about is said by the question, not
by the answer. Read alone, such a sentence shares no word with the rule it states; read with
its question (as a table row is read with its header) it states that rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from behaviordiff.detect.quantities import quantity_at, quantity_matches
from behaviordiff.drafting.text import Unit

_YES_NO = re.compile(
    r"^(?:yes|no|yep|nope|sure|of course|absolutely|certainly|definitely|not (?:yet|always))"
    r"\s*[,.;:!–—-]",
    re.I,
)
"""An answer opening with a yes or a no to the question before it ("Yes, for …", "No, only
on weekdays.")."""
_FRAGMENT = re.compile(
    r"^(?:up to|at least|at most|no more than|no less than|not more than|more than|less than|"
    r"fewer than|only|within|from|for|after|before|until|between|over|under|about|around|"
    r"minimum|maximum|min|max|any ?time|usually|normally|typically|[$€£]?\d|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|ninety|a (?:couple|pair|dozen|hundred)|half)\b",
    re.I,
)
"""An answer that is only the value and its frame ("Up to 3 days.", "From 8 years old.",
"Minimum 2 players.", "2 or more.", "Two at most."): a phrase opening with a preposition,
a bound or a number, in figures or in words."""
_LABEL = re.compile(r"^(?:a|answer)\s*[:.)]\s+", re.I)
"""The label of an answer in a "Q: … A: …" FAQ."""
_FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|will|would|can|cannot|can't|could|must|may|might|should|"
    r"shall|do|does|did|don't|doesn't|has|have|had|need|needs|get|gets|takes?|goes|comes|"
    r"'s|’s|'re|’re|'ll|’ll|'ve|’ve)\b",
    re.I,
)
"""A finite verb: a phrase opening like a fragment but with one ("For a party of 2 or more,
you can book …", "Within a week we will …") is a sentence of its own, about what it names."""
_ROW = re.compile(r"(?:[-*+]|\d+[.)])(?:\s|$)|\|")
"""A list item or a table row: one case of several under a question, not its answer."""


def short_answer(sentence: str) -> bool:
    """Whether a sentence is an elliptical answer: it opens with a yes or a no, or it is a
    verbless phrase of a value and its frame. "Juniors can join any lesson once they're at
    least 8 years old." is a sentence of its own, with its own subject."""
    text = _LABEL.sub("", sentence.strip().lstrip("*_-+> "))
    if _YES_NO.match(text):
        return True
    return bool(_FRAGMENT.match(text)) and not _FINITE.search(text)


def yes_no_head(sentence: str) -> str | None:
    """The yes or no an answer opens with ("Yes" of "Yes. The plan …", "No" of "No, only …"),
    as written; None for any other sentence."""
    text = _LABEL.sub("", sentence.strip().lstrip("*_-+> "))
    found = _YES_NO.match(text)
    return text[: found.end()].rstrip(" ,.;:!–—-") if found else None


def asked(item_units: Sequence[Unit], index: int) -> str | None:
    """The question a unit answers: the unit right before it when that is a heading or a
    sentence ending in "?" ("## Can we book a group lesson?", "**How long does it take?**"),
    and the unit is a short answer (`short_answer`), not a list item or a table row; else
    None. Only the answer right under the question borrows its words: the section's other
    sentences say what they are about."""
    raw = item_units[index].raw.lstrip()
    if index == 0 or _ROW.match(raw) or not short_answer(item_units[index].text):
        return None
    before = item_units[index - 1]
    question = before.text.strip().lstrip("#").strip(" *_")
    if before.raw.lstrip().startswith("#") or question.endswith("?"):
        return question
    return None


_AGE = re.compile(r"\b(?:age|aged|ages)\s+$", re.I)


def measured_otherwise(count: str, rule: str, answer: str) -> bool:
    """Whether an answer states a bare count of the prompt's rule ("at least 4 climbers")
    only as a measure the rule does not give it: "Up to 4 hours.", "Yes, up to 4 weeks
    ahead.", "Yes, from age 4." answer how long or how old, not how many, whatever words
    their question shares with the rule. False for a value with a unit of its own."""
    if not count.isdigit():
        return False
    number = re.compile(rf"(?<![\w.,]){re.escape(count)}(?!\w|[.,]\d)")
    ruled = {
        q.unit
        for found in quantity_matches(rule)
        if (q := quantity_at(found)) is not None and q.count == int(count)
    }
    measured = [
        (found.start(), found.end())
        for found in quantity_matches(answer)
        if (q := quantity_at(found)) is not None and q.unit and q.unit not in ruled
    ]
    said = list(number.finditer(answer))
    return bool(said) and all(
        any(start <= found.start() < end for start, end in measured)
        or _AGE.search(answer[: found.start()])
        for found in said
    )
