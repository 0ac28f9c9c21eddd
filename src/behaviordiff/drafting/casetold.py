"""A charge for a case inside a line the old rule already drew: the old prompt made a repair
free under a line for everyone ("if `age_days` is under 30, the fix is free"), the new one keeps
the line and charges one case of a category inside it ("If `age_days` is under 30 and
`receipt` is false, book it with `book_fix` (fee 20) and tell them bikes without a receipt pay
a £20 bench fee."). The line alone ("Under 30, there is a £20 bench fee.") misstates who
pays: the KB says the charge as the customer is told it, with its case ("Bikes without a
receipt pay a £20 bench fee."), and a table cell, which has no room for the case, is flagged."""

from __future__ import annotations

import re
from collections.abc import Sequence

from behaviordiff.detect.model import Atom

_TELL = re.compile(
    r"\b(?:tell|inform|let)\s+(?:them|the\s+customer|the\s+owner|the\s+guest|him|her)"
    r"(?:\s+know)?\s+(?:that\s+)?",
    re.I,
)
_PIECE_END = re.compile(r"[.;]\s")
_LINE_OPS = frozenset({">", ">=", "<", "<=", "between"})
_PAYS = re.compile(
    r"^(?P<who>[^,]+?)\s+(?:pays?|are\s+charged|is\s+charged)\s+(?P<what>an?\s.+)$", re.I
)
"""Who pays what ("second-hand bikes pay a reduced £20 fee")."""
_ADDRESS = ((re.compile(r"\bthey\b", re.I), "you"), (re.compile(r"\btheir\b", re.I), "your"))


def case_in_line(atoms: Sequence[Atom], old_rules: str, line: str) -> bool:
    """Whether a condition charges a case of a category inside a line the old rules already
    state: a category atom beside the line, and the line's number said by an old rule."""
    if not any(atom.op in ("=", "in") for atom in atoms):
        return False
    if not any(atom.op in _LINE_OPS for atom in atoms):
        return False
    return re.search(rf"(?<![\d.,]){re.escape(line)}(?![\d])", old_rules) is not None


def told_charge(rule: str, amount: str) -> str | None:
    """What the rule tells the customer about the charge, as the KB says it ("A £20 bench fee
    applies to bikes without a receipt." for "tell them bikes without a receipt pay a £20 bench
    fee"), when it says who pays the amount and none of the prompt's internals; None
    otherwise."""
    flat = " ".join(rule.split()).rstrip(" .;!")
    last = _PIECE_END.split(flat)[-1]
    # the last "tell them": what the rule ends by telling
    found = next(reversed(list(_TELL.finditer(last))), None)
    if found is None:
        return None
    said = last[found.end() :].strip()
    if amount not in said or re.search(r"[`{}]", said):
        return None
    paid = _PAYS.match(said)
    if paid is None:
        return None
    # the KB's own sentence, not the words every reply copies: "A £20 bench fee applies to
    # bikes without a receipt."
    who = paid.group("who")
    for pattern, word in _ADDRESS:
        who = pattern.sub(word, who)
    what = paid.group("what")
    return f"{what[:1].upper()}{what[1:]} applies to {who[:1].lower()}{who[1:]}."
