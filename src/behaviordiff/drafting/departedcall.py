"""The new prompt's rule a change carves its customers out of, still said for everyone else.

A shop adds "If an order over $50 is delayed more than 48 hours, offer a partial shipping
refund … instead of escalating" and keeps, in another section, "If the order is delayed more
than 48 hours, escalate it … with `escalate_to_human` … the shipping team will contact them
within 24 hours." The kept sentence is still said, but now only for orders of $50 or less: for
the change's customers it is the old rule. A KB sentence restating it ("A shipping specialist
will contact you within 24 hours") in an item that names no side of the new split is the old
rule for them too, so `stillsaid` must not clear it as still said.

Such a sentence (`departed_calls`) gives a call the change's conversations no longer make (the
tool's own name written in it) under a bound of the change's condition that the change's own
new sentences state too (48): the same band, the parent of the new rule. Read from the new
prompt, the change's calls and its condition only, never a domain's words.

`names_split` tells an item that knows the split: it states a bound of the change's condition
that no such sentence states (the $50 line); one stating it may be about the other customers,
for whom the kept sentence is still so.

Pure text helper for `impact`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from behaviordiff.detect.model import Atom
from behaviordiff.drafting.stillsaid import numbers_of


def condition_bounds(atoms: Iterable[Atom]) -> frozenset[str]:
    """The numbers a condition's atoms draw their lines at ("48" of `delay_hours > 48`), as
    `numbers_of` reads them in text."""
    found: set[str] = set()
    for atom in atoms:
        for value in (atom.value, atom.low, atom.high):
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            found |= numbers_of(f"{value:g}")
    return frozenset(found)


def departed_calls(
    entries: Sequence[Sequence[str]],
    change_sentences: Collection[str],
    dropped_tools: Collection[str],
    bounds: Collection[str],
) -> frozenset[str]:
    """The sentences of the new prompt's `entries`, outside `change_sentences`, that name a
    tool of `dropped_tools` (the calls the change's conversations no longer make) and state
    a bound of `bounds` that the change's own sentences state too (module doc)."""
    own = frozenset(n for sentence in change_sentences for n in numbers_of(sentence))
    shared = frozenset(bounds) & own
    if not dropped_tools or not shared:
        return frozenset()
    names = re.compile(
        r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(dropped_tools))) + r")(?![\w-])"
    )
    return frozenset(
        part
        for parts in entries
        for part in parts
        if part not in change_sentences and names.search(part) and numbers_of(part) & shared
    )


def names_split(text: str, departed: Collection[str], bounds: Collection[str]) -> bool:
    """Whether `text` states a bound of the change's condition that none of the `departed`
    sentences state: it is written for one side of the new split."""
    said = frozenset(n for sentence in departed for n in numbers_of(sentence))
    return bool(numbers_of(text) & (frozenset(bounds) - said))
