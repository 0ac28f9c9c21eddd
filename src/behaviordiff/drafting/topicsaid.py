"""A KB sentence stating a value the new agent no longer states, read as said about the change's
topic when the change reaches everyone on one topic (its condition is a topic tag) and the
sentence names that topic: "Our emergency engineers reach you within two hours (2 hours) of your
booking" states the emergency engineer's arrival time that the old replies promised ("An
engineer will be with you within 2 hours"), in words of its own; the same "2 hours" said of a
standard visit's slot or a survey's length names no such topic and stays.

A table row is read by its subject (its first cell): "| Emergency call-out | Within 2 hours,
24/7 | … |" states the time of the topic its first cell names, when the cell stating it says
nothing but the time; "| Standard visit | Next working day, in a 2-hour slot | … |" does not.

Pure text helpers: `drafting.impact` asks this after its own test (`_said_alike`) fails.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from behaviordiff.detect.quantities import count_words
from behaviordiff.drafting.text import row_cells, terms

# the words that say a value or its bound, not what it is about ("within two hours or less")
_VALUE_WORDS = frozenset(
    terms("within after before until under over up least less or more than no latest most")
)


_CLAUSE = re.compile(r"[,;:]\s+|\s+(?:and|but|so|because)\s+", re.I)


def _number_terms(value: str) -> set[str]:
    """The count of `value` in figures and in words ("2 hours": 2, two)."""
    number = value.split(" ", 1)[0]
    found = set(terms(number))
    if number.isdigit() and (worded := count_words(int(number))) is not None:
        found |= set(terms(worded.replace("-", " ")))
    return found


def _value_terms(value: str) -> set[str]:
    """The words of `value` in figures and in words ("2 hours": 2, two, hour)."""
    found = set(terms(value)) | _VALUE_WORDS | _number_terms(value)
    if "business" in value.lower():
        # business days are working days
        found |= set(terms("working"))
    return found


def _words(text: str, value: str) -> set[str]:
    """The words of `text` that say what it is about: not the value, not a figure."""
    return {
        word for word in terms(text) if not word[:1].isdigit() and word not in _value_terms(value)
    }


def said_of_topic(
    value: str, sentence: str, topic: Collection[str], olds: Collection[Collection[str]]
) -> bool:
    """Whether `sentence`, which states `value`, says it of the change's topic: it names one of
    the `topic` stems (the condition's tag words) and, with that word, shares most of its
    words (or four) with an old reply sentence stating the value (`olds`: each one's
    `verb_terms`), at least one of them not a topic word; a table row, by its first cell
    naming the topic, when the cell stating the value says nothing else."""
    topical = set(topic)
    if not topical or not value.split(" ", 1)[0].isdigit():
        # a count of a unit ("2 hours"); "free of charge" or "£95.00" is said of many things
        return False
    if sentence.lstrip().startswith("|"):
        cells = row_cells(sentence)
        if len(cells) < 2 or not topical & set(terms(cells[0])):
            return False
        unit = set(terms(value)) - _number_terms(value)
        stating = [
            cell
            for cell in cells[1:]
            if set(terms(cell)) & _number_terms(value) and set(terms(cell)) & unit
        ]
        return any(not _words(cell, value) for cell in stating)
    named = _words(sentence, value) & topical
    if not named:
        return False
    # the whole sentence, or the clause stating the value with the topic the sentence names
    # ("When you book an emergency call-out, an engineer is with you in two hours or less")
    numbers = _number_terms(value)
    clauses = [_words(sentence, value)] + [
        _words(clause, value) | named
        for clause in _CLAUSE.split(sentence)
        if numbers & set(terms(clause))
    ]
    for words in clauses:
        for said in olds:
            shared = words & set(said)
            if not shared - topical:
                continue
            shared |= named
            if len(shared) * 2 >= len(words) or len(shared) >= 4:
                return True
    return False
