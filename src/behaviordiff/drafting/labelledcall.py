"""A list item labelled by what a call handles ("- Payment: in full when you book") that gives
the call's old argument value describes the old call, though its verb is left unsaid."""

from __future__ import annotations

import re
from collections.abc import Iterable, Set

from behaviordiff.drafting.text import terms

# "- Payment: …", "* Delivery: …", "Refunds: …": a short label and a colon opening the line
_LABEL = re.compile(r"\s{0,8}(?:[-*+]\s{1,4})?(?P<label>[A-Za-z][A-Za-z ']{0,39}):\s")


def labelled_old_value(
    sentence: str, name_terms: Set[str], shared: Set[str], old_values: Iterable[str]
) -> bool:
    """Whether `sentence` is a labelled item whose label says the words of the call's name
    the sentence shares (`shared`, all but one of `name_terms`: the verb a label leaves out)
    and whose value says one of the call's `old_values` (the call the new agent no longer
    makes with them)."""
    match = _LABEL.match(sentence)
    if match is None or not shared or len(name_terms - shared) != 1:
        return False
    if not shared <= set(terms(match.group("label"))):
        return False
    said = set(terms(sentence[match.end() :]))
    return any(
        (value_terms := set(terms(value.replace("_", " ")))) and value_terms <= said
        for value in old_values
    )
