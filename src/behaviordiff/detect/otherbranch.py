"""An added sentence that opens on the other side of the change's own yes/no condition: "Road
scooters: if the declaration is not on file, do not book yet. … If it is on file, book straight
away with `book_hire` as above." for `declaration_on_file = false`. The second sentence keeps
the stopped call for those the change is not about; the first is the rule."""

from __future__ import annotations

import re
from collections.abc import Iterable

from behaviordiff.detect.model import Atom
from behaviordiff.detect.similarity import STOPWORDS

_OPENING_IF = re.compile(r"^\W*(?:if|when)\s+(?P<clause>[^,;:.]{1,120})[,;:]", re.I)
"""A sentence opening with a conditional clause, up to its comma ("If it is on file, ...")."""
_NEGATION = re.compile(r"\b(?:not|no|never|without)\b|n['’]t\b", re.I)
_WORD = re.compile(r"[a-z]+")


def _yes_no(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def opens_on_other_side(sentence: str, atoms: Iterable[Atom]) -> bool:
    """Whether `sentence` opens with an "If ..." clause naming the variable of a yes/no atom
    (a word of its name that is no stopword) and stating its other value: no negation where
    the atom is false, a negation where it is true."""
    match = _OPENING_IF.match(sentence)
    if match is None:
        return False
    clause = match.group("clause")
    words = set(_WORD.findall(clause.lower()))
    negated = _NEGATION.search(clause) is not None
    for atom in atoms:
        value = _yes_no(atom.value) if atom.op == "=" else None
        if value is None:
            continue
        named = set(_WORD.findall(atom.feature.rsplit(".", 1)[-1].lower())) - STOPWORDS
        if named & words and negated == value:
            return True
    return False
