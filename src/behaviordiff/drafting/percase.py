"""A promise moved for one case of a change's condition where the KB already names the cases:
a list with an item per case ("- Paid by card: … within 3 days." / "- Paid by voucher: …
within 3 days."), or one sentence naming the case beside others ("Whether you paid by card or
by voucher, it reaches you within 3 days.").

Pure text helpers. `impact` leaves the other cases' items alone (they state what those
customers still get); the template drafter rewrites the changed case's item plainly and
splits a sentence naming both into one per side (`split_alternatives`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from behaviordiff.drafting.casestep import labelled_item
from behaviordiff.drafting.subsets import list_items, names_case
from behaviordiff.drafting.text import Unit

_FOR_ALL = re.compile(r"\b(?:any|every|all|always|each|whatever|whichever)\b", re.I)
_OTHER = re.compile(r"\b(?:other|else)\b", re.I)


def _label(raw: str) -> str | None:
    """The label of a labelled list item ("Paid by card:" of "- Paid by card: …")."""
    found = labelled_item(raw)
    return found[0].lstrip(" \t-*+0123456789.)").strip() if found else None


def other_case_items(
    text: str, item_units: Sequence[Unit], cases: Sequence[set[str]], stating: Iterable[int]
) -> set[int]:
    """Of the units `stating` a moved rule the old way, the labelled list items about another
    case than the change's `cases`: their list has an item of the same kind whose label names
    one of `cases` and that states the rule too, and their own label names none of them nor
    claims the rule for every case ("- Paid by card: … 3 days." beside "- Paid by voucher: …
    3 days." when vouchers moved). Those customers keep the old value; the changed case's
    item says the new one."""
    stating = set(stating)
    if not cases:
        return set()
    kept: set[int] = set()
    for index in sorted(stating):
        label = _label(item_units[index].raw)
        if label is None or not names_case(cases, label):
            continue
        for other in list_items(text, item_units, index):
            if other == index or other not in stating:
                continue
            own = _label(item_units[other].raw)
            if own is None or names_case(cases, item_units[other].text):
                continue
            if _FOR_ALL.search(own) and not _OTHER.search(own):
                continue  # "All payments: …" claims it for the changed case too
            kept.add(other)
    return kept
