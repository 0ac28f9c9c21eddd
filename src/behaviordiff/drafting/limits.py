"""A moved limit's far side: the prompt sentence that says what happens past the limit by
referring back to it, naming no amount of its own ("Tables can be booked up to 90 days
ahead." … "For a date further ahead than that, don't book: tell the guest the diary for that
date isn't open yet"). A KB states such a limit in that sentence's words as often as in the
moved sentence's ("Our booking diary opens 60 days before each date"): what the moved value
is about is said there too, so a KB sentence stating the old value in those words states the
old limit, while the same number said of another subject stays.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from behaviordiff.detect.quantities import find_quantities
from behaviordiff.drafting.rules import NO_SUBJECT, TIME_WORDS, RuleMove
from behaviordiff.drafting.text import stem, terms

_BACK = re.compile(
    r"\b(?:than|beyond|past|over|above|under|below|outside)\s+(?:that|this)\b"
    r"|\b(?:that|this|the)\s+limit\b",
    re.I,
)
"""Words that refer back to a line drawn just before ("further ahead than that", "beyond
that", "outside this", "over the limit")."""

_REACH = 3
"""How many sentences after the moved one its far side may come: a rule's bullet may say the
limit, then what to do within it, then what to do past it."""

_NO_TOPIC = frozenset(stem(word) for word in ("yet", "again", "still", "just", "ask", "please"))
"""Words that carry a refusal or a request ("isn't open yet", "ask them to try again"), not
what it is about."""

SHARED = 2
"""How many of a far side's subject words a KB sentence must name, like `states_old_rule`'s
two shared words with the moved sentence."""


def _states_amount(sentence: str) -> bool:
    """Whether a sentence names an amount of its own: a number in digits or in words. "A day"
    or "an hour" alone is read as no amount: "for a day further out than that" names a day."""
    if re.search(r"\d", sentence):
        return True
    return any(quantity.count != 1 for quantity in find_quantities(sentence))


def past_limit(moves: Sequence[RuleMove], sections: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """For each value move whose new sentence is in `sections` (the new prompt by section):
    the first of the few sentences after it in its section that refers back to its line and
    states no amount of its own, by the move's new sentence."""
    found: dict[str, str] = {}
    for move in moves:
        if move.kind != "value" or not move.new_sentence or move.new_sentence in found:
            continue
        said = " ".join(move.new_sentence.split())
        for lines in sections.values():
            flat = [" ".join(line.split()) for line in lines]
            if said not in flat:
                continue
            at = flat.index(said)
            for sentence in lines[at + 1 : at + 1 + _REACH]:
                if _BACK.search(sentence) and not _states_amount(sentence):
                    found[move.new_sentence] = sentence
                    break
            break
    return found


def far_side_subject(move: RuleMove, far: Mapping[str, str]) -> set[str]:
    """What the far side of a move's line says it is about, as stems: the content words of its
    sentence (`past_limit`) but the words that only carry a value, a time or a refusal, the
    prompt's own voice and negations ("don't", "isn't"). Empty when the move has none."""
    sentence = far.get(move.new_sentence)
    if not sentence:
        return set()
    carried = set(terms(move.old)) | set(terms(move.new))
    return (
        {
            word
            for word in terms(sentence)
            if "'" not in word and "’" not in word and not word[:1].isdigit()
        }
        - carried
        - NO_SUBJECT
        - TIME_WORDS
        - _NO_TOPIC
    )


def names_far_side(move: RuleMove, far: Mapping[str, str], topic: set[str], said: set[str]) -> bool:
    """Whether a KB sentence's words (`said`, stems) name what the far side of the move's line
    is about, beyond the change's topic (`topic`), which any sentence of an item on it names:
    at least `SHARED` of them."""
    return len((far_side_subject(move, far) - topic) & said) >= SHARED
