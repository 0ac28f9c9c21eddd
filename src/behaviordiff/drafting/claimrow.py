"""A table row keyed by the place or group a new refusal names, whose cell claims everything.

"Orders containing chemical cleaners or sanitisers can't be sent to Highlands and Islands
postcodes" takes a kind of thing out for one row of a delivery table: "| Highlands and
Islands (IV, KW, …) | Within 4 working days | Everything in our range |". The row's key is
the rule's words (its bracketed gloss aside) and its cell says every kind goes; the edit keeps
the cell and names the exception in it ("Everything in our range except chemical cleaners and
sanitisers"), the other rows untouched (`excepting_row`). The refused kind is the subject of the
rule's head, without the "Orders containing" that carries it (`refused_subject`)."""

from __future__ import annotations

import re

from behaviordiff.drafting.rules import cell_spans
from behaviordiff.drafting.text import stem, terms

_REFUSED_HEAD = re.compile(
    r"^\s*(?P<what>[^.;:|]{1,120}?)\s(?:can['’]t|cannot|can\s+not|won['’]t|will\s+not|"
    r"(?:are|is|can)\s+no\s+longer|aren['’]t|isn['’]t|are\s+not|is\s+not|may\s+not|"
    r"must\s+not|mustn['’]t)\s",
    re.I,
)
"""A rule head's subject before the verb that refuses it ("Orders containing X can't be …")."""
_CARRIER = re.compile(
    r"^(?:(?:any|all|the)\s+)?(?:orders?|baskets?|parcels?|packages?|shipments?|deliveries|"
    r"bookings?|boxes|consignments?)\s+(?:containing|that\s+contain|that\s+include|"
    r"including|with)\s+(?:any\s+)?",
    re.I,
)
"""What carries the refused kind in a rule's subject ("Orders containing …", "Parcels with
…"): the kind is what follows."""
_EVERY_CELL = re.compile(r"^\s*(?:everything|all|any|every|anything)\b", re.I)
"""A cell claiming every kind ("Everything in our range", "All products")."""
_GLOSS = re.compile(r"\([^()|]{0,200}\)")


def refused_subject(head: str) -> str | None:
    """The kind a rule's `head` refuses, as the head says it: its subject before a refusing
    verb, without what carries it ("Orders containing chemical cleaners or sanitisers can't
    be sent …" → "chemical cleaners or sanitisers"). None when the head refuses nothing so."""
    found = _REFUSED_HEAD.match(head[:400])
    if found is None:
        return None
    what = found.group("what").strip()
    carrier = _CARRIER.match(what)
    if carrier is None:
        return None
    what = what[carrier.end() :].strip()
    return what or None


def _key_named(key: str, head: str) -> bool:
    """Whether every word of a row's key, its bracketed gloss aside, is a word of `head`
    ("Highlands and Islands (IV, KW, …)" in "… to Highlands and Islands postcodes")."""
    words = {stem(word) for word in terms(_GLOSS.sub(" ", key))}
    return bool(words) and words <= {stem(word) for word in terms(head)}


def excepting_row(raw: str, head: str) -> str | None:
    """A table row keyed by what a refusing rule's `head` names, with the refused kind
    (`refused_subject`) as the exception of its cell claiming every kind ("| Highlands and
    Islands (…) | Within 4 working days | Everything in our range except chemical cleaners and
    sanitisers |"). None for any other unit, or when the head refuses no kind so."""
    line = raw.rstrip()
    if not line.lstrip().startswith("|"):
        return None
    cells = cell_spans(line)
    if len(cells) < 2:
        return None
    start, end = cells[0]
    if not _key_named(line[start:end], head):
        return None
    what = refused_subject(head)
    if what is None or {stem(word) for word in terms(what)} & {stem(word) for word in terms(line)}:
        # a row already naming the kind says something of it of its own
        return None
    for start, end in cells[1:]:
        cell = line[start:end]
        if _EVERY_CELL.match(cell):
            text = cell.rstrip()
            # "except cleaners or sanitisers" excepts both: said with "and"
            listed = re.sub(r"\s+or\s+(?=[^,]*$)", " and ", what)
            said = f"{text} except {listed}{cell[len(text) :]}"
            return line[:start] + said + line[end:] + raw[len(line) :]
    return None
