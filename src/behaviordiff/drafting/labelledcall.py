"""A list item labelled by what a call handles ("- Payment: in full when you book") that gives
the old value of an argument the new agent passes the same call otherwise describes the old
call, though its verb is left unsaid: the label is the rest of the call's name, the value
the old argument."""

from __future__ import annotations

import re
from collections.abc import Iterable, Set

from behaviordiff.drafting.text import terms

# "- Payment: …", "* Delivery: …", "Refunds: …": a short label and a colon opening the line
_LABEL = re.compile(r"\s{0,8}(?:[-*+]\s{1,4})?(?P<label>[A-Za-z][A-Za-z ']{0,39}):\s")


def labelled_old_value(
    sentence: str, name_terms: Set[str], shared: Set[str], moved_old: Iterable[str]
) -> bool:
    """Whether `sentence` is a labelled item whose label says exactly the words of the call's
    name the sentence shares (`shared`, all but one of `name_terms`: the verb a label leaves
    out) and whose value says the old value of an argument the new version passes the same
    call with another value (`moved_old`: amount "full" of a call now made with a deposit)."""
    match = _LABEL.match(sentence)
    if match is None or not shared or len(name_terms - shared) != 1:
        return False
    if set(terms(match.group("label"))) != set(shared):
        return False
    said = set(terms(sentence[match.end() :]))
    return any(
        (value_terms := set(terms(value.replace("_", " ")))) and value_terms <= said
        for value in moved_old
    )
