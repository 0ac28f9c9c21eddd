"""A line on a number said as the KB would say it: "when the quote total is over £2,000".

A change whose condition draws one line on a number the prompt names ("The deposit is 20% of
the quote total when the quote total is £2,000 or less, and 30% … when it is over £2,000")
reaches conversations no KB can name ("for conversations with quote total over £2,000"); the
new prompt names the number itself ("the quote total"), and so does the KB beside the value.
Such a case is said as a clause on that number (`bound_when`), in the prompt's own words for
it; a number the prompt never names with "the" is left to the other ways of saying whom.

The exception a sentence then gets says the case, so a closing claim that the value is the
same whatever the case ("…, whatever the size of your marquee.") no longer holds and goes
(`without_tail_claim`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from behaviordiff.drafting.facts import ChangeFacts, atom_words

_BOUND_OPS = frozenset({">", ">=", "<", "<="})
_MAX = 4000


def bound_when(facts: ChangeFacts, rule_texts: Sequence[str]) -> str | None:
    """ "when the quote total is over £2,000": the change's one line on a number (its topic
    tags aside), said on the number as the new prompt's rules name it ("the quote total");
    None for any other condition, or when no rule names the number so."""
    condition = facts.condition
    if condition is None:
        return None
    atoms = [atom for atom in condition.atoms if atom.op != "tag"]
    if len(atoms) != 1 or atoms[0].op not in _BOUND_OPS:
        return None
    atom = atoms[0]
    name = atom.feature.rsplit(".", 1)[-1].replace("_", " ").strip().lower()
    if not name or not re.fullmatch(r"[a-z]+(?: [a-z]+){0,3}", name):
        return None
    _, words = atom_words(atom, currency=facts.currency)
    lead = f"with {name} "
    if not words.startswith(lead):
        return None
    bound = words[len(lead) :].removeprefix("of ")
    named = re.compile(rf"\bthe {re.escape(name)}\b", re.I)
    if not any(named.search(text[:_MAX]) for text in rule_texts):
        return None
    return f"when the {name} is {bound}"


_TAIL_CLAIM = re.compile(
    r",\s*(?:whatever|whichever|however|no\s+matter|regardless\s+of)\s+"
    r"(?P<claim>[^,;:.!?()\s](?:[^,;:.!?()\n]{0,78}[^,;:.!?()\s])?)(?=[.!]?\s*$)",
    re.I,
)
"""A claim that closes a sentence: "…, whatever the size of your marquee." (its words start
and end on a word, so a run of spaces is read once)."""


def without_tail_claim(raw: str) -> str:
    """`raw` without a closing claim that it holds whatever the case, once the sentence says
    the case's exception; `raw` as it is when none closes it."""
    found = _TAIL_CLAIM.search(raw[:_MAX])
    if found is None:
        return raw
    return raw[: found.start()] + raw[found.end() :]
