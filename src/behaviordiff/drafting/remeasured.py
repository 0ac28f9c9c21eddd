"""A value moved into another measure ("48 hours" → "5 working days", "a month" → "30 days"):
a KB sentence that states the old amount in its own unit ("within two days", "within 2 days")
has no amount of that unit to take instead, so the new amount is written in its own unit, in
the KB's style: words where the KB has words ("two days" → "five working days"), digits
where it has digits, its possessive and capital kept. A new amount of one is "one", not "a",
where the KB's amount was another count ("within two days", "a couple of days" → "within one
working day"): an article says the count only where the KB's own amount was one ("a day" → "a
working day"). An adjective ("a two-day refund") takes no unit of two words: a writer
restates it.

Pure text helper for `rules.worded_value`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from behaviordiff.detect.quantities import Quantity, equal_amount, written_like

_ARTICLE = re.compile(r"^an?(?= )", re.I)


def remeasured(new: Quantity, old: Quantity, like: Quantity) -> str | None:
    """`new` written the way `like` (the KB's statement of `old`, the same amount) is, where
    `new` measures something else; None for the same measure, another amount or a hyphen."""
    if new.measure == like.measure or like.hyphen or not equal_amount(like, old):
        return None
    written = written_like(new, replace(like, unit=new.unit, possessive=""))
    if written is not None and new.count == 1 and like.count != 1:
        # "a couple of days" → "one working day": the count is stated, not an article's
        written = _ARTICLE.sub(lambda a: "One" if a.group(0)[0].isupper() else "one", written, 1)
    if written is None or not like.possessive:
        return written
    # "2 days’ notice" → "1 working day’s notice", "5 working days’ notice": its apostrophe
    mark = like.possessive[0]
    return written + (mark if written.endswith("s") else f"{mark}s")
