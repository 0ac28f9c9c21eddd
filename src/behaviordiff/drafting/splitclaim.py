"""A claim that a value holds for every case of the categories a split now tells apart: "We keep
files for 30 days on every plan" or "for 30 days, whichever plan you're on", when the new prompt
keeps 30 days on Personal and Family plans and gives Business plans 90. A KB sentence saying
both values with where each holds ("90 days on Business plans (30 days on Personal and Family
plans)") drops that claim: left beside them, it says the old rule again. A claim over something
else ("whatever the file's size", "on every order") still holds under a split by plan and stays.

Matching is on the sentence's structure and the split's own words (what its two sides share or
name): no word of any domain is known here.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from behaviordiff.drafting.text import claim_clause_length, stem, terms

_EVERY_NOUN = re.compile(
    r"\s+(?:on|for|across|in|with|to|at|under)\s+(?:every|each|all|any)\s+(?:of\s+)?"
    r"(?:(?:our|the|your|their|its)\s+)?(?P<noun>[A-Za-z][\w'’-]{1,30})(?![\w'’-])"
    r"(?=\s*(?:[,.;:!?)]|$))",
    re.I,
)
"""A claim over every case of a noun right after a value ("… on every plan", "… for all our
members"), the noun ending its clause: one going on past it ("on every membership card", "for
all business days", "on every plan you've held") is a claim over something else. Linear."""


def split_claim_length(rest: str, split_words: AbstractSet[str]) -> int:
    """The length of the every-case claim opening `rest` (what follows a value in a sentence)
    over a noun the split names (`split_words`, stemmed: the words of its two sides), or 0:
    " on every plan" of " on every plan, so …", ", whichever plan you're on" of ", whichever
    plan you're on."."""
    found = _EVERY_NOUN.match(rest)
    if found is not None and stem(found.group("noun").lower()) in split_words:
        return found.end()
    length = claim_clause_length(rest)
    if length and set(terms(rest[:length])) & split_words:
        return length
    return 0


def split_words(scope: str, others: str) -> set[str]:
    """The stemmed words of a split's two sides ("on Business plans", "on Personal and Family
    plans"): a claim over one of them is a claim over what the split tells apart."""
    return set(terms(scope)) | set(terms(others))
