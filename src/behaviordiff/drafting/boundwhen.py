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
    r",\s*(?:(?:whatever|whichever|however|no\s+matter|regardless\s+of)\s+"
    r"|(?:any|every)\s+(?=(?:size|amount|length|value)\s+of\b))"
    r"(?P<claim>[^,;:.!?()|\s](?:[^,;:.!?()|\n]{0,78}[^,;:.!?()|\s])?)"
    r"(?=[.!]?\s*(?:\|\s*)?$)",
    re.I,
)
"""A claim that closes a sentence or a row's last cell: "…, whatever the size of your
marquee.", "…, any size of booking |" (its words start
and end on a word, so a run of spaces is read once)."""


def without_tail_claim(raw: str) -> str:
    """`raw` without a closing claim that it holds whatever the case, once the sentence says
    the case's exception; `raw` as it is when none closes it."""
    found = _TAIL_CLAIM.search(raw[:_MAX]) or _MID_CLAIM.search(raw[:_MAX])
    if found is None:
        return raw
    return raw[: found.start()] + raw[found.end() :]


_MID_CLAIM = re.compile(
    r",\s*(?:whatever|whichever|no\s+matter|regardless\s+of)\s+"
    r"[^,;:.!?()|\s](?:[^,;:.!?()|\n]{0,78}[^,;:.!?()|\s])?(?=,\s)",
    re.I,
)
"""The same claim between two clauses: "…, whatever the size of the booking, so we've taken
…"."""


_SAME_WAY = re.compile(
    r"^(?P<lead>\s*)Whether\s+it['’]s\s+[^,;:.]{1,80}?\s+or\s+[^,;:.]{1,80}?,\s+"
    r"(?P<subject>[^,;:.]{1,60}?)\s+(?:works|is\s+done|goes)\s+the\s+same\s+way:\s+",
    re.I,
)
"""A claim that two cases are handled alike, before what the handling is: "Whether it's a
village hall birthday or a wedding, holding your date works the same way: …"."""


def without_same_way(raw: str) -> str:
    """`raw` without its claim that two cases are handled alike (`_SAME_WAY`), once the
    sentence says the case's exception: "Holding your date means a quarter of the fee up
    front (half for …), …"; `raw` as it is when it makes no such claim."""
    found = _SAME_WAY.match(raw[:_MAX])
    if found is None:
        return raw
    subject = found.group("subject")
    return f"{found.group('lead')}{subject[:1].upper()}{subject[1:]} means {raw[found.end() :]}"
