"""A list item labelled by what a call handles ("- Payment: in full when you book") that gives
the old value of an argument the new agent passes the same call otherwise describes the old
call, though its verb is left unsaid: the label is the rest of the call's name, the value
the old argument."""

from __future__ import annotations

import re
from collections.abc import Iterable, Set

from behaviordiff.drafting.text import STOPWORDS, stem, terms

# "- Payment: …", "* Delivery: …", "Refunds: …": a short label and a colon opening the line
_LABEL = re.compile(r"\s{0,8}(?:[-*+]\s{1,4})?(?P<label>[A-Za-z][A-Za-z ']{0,39}):\s")

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_CLAUSE_END = re.compile(r"[,;:.!?()]")
# words that may follow the value in its clause without making it another noun's modifier
_JOINER = re.compile(
    r"when|if|once|before|after|until|unless|while|so|because|by|on|at|with|for|from|to|and"
    r"|or|but|via|within|as"
)


def _opens_value(said: str, value: str) -> bool:
    """Whether the item's value (`said`) opens its first clause with the old argument value,
    a word such as "in" or "the" before it, and ends there or goes on with a joining word:
    "in full when you book" says amount "full"; "the full price list is at the desk" and
    "cards or cash; receipts in full on request" do not."""
    wanted = terms(value.replace("_", " "))
    if not wanted:
        return False
    clause = _CLAUSE_END.split(said, maxsplit=1)[0].lower()
    words = _WORD.findall(clause)
    start = 0
    while start < len(words) and words[start] in STOPWORDS:
        start += 1
    opening = words[start : start + len(wanted)]
    if len(opening) < len(wanted) or {stem(word) for word in opening} != set(wanted):
        return False
    after = words[start + len(wanted) : start + len(wanted) + 1]
    return not after or after[0] in STOPWORDS or _JOINER.fullmatch(after[0]) is not None


def labelled_old_value(
    sentence: str, name_terms: Set[str], shared: Set[str], moved_old: Iterable[str]
) -> bool:
    """Whether `sentence` is a labelled item whose label says exactly the words of the call's
    name the sentence shares (`shared`, all but one of `name_terms`: the verb a label leaves
    out) and whose value opens with the old value of an argument the new version passes the
    same call with another value (`moved_old`: amount "full" of a call now made with a
    deposit), not the same word said of something else further on."""
    match = _LABEL.match(sentence)
    if match is None or not shared or len(name_terms - shared) != 1:
        return False
    if set(terms(match.group("label"))) != set(shared):
        return False
    said = sentence[match.end() :]
    return any(_opens_value(said, value) for value in moved_old)
