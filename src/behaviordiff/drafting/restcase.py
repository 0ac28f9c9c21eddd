"""A claim for every case narrowed to the others, in the words the new prompt names them by.

The old prompt said one handling for every case ("Tell the customer their deposit is back on
the spot …, whether they paid by card or cash."); the new one gives a case its own rule under
a head ("Deposits paid by card: … within 3 working days …") and keeps the old handling for the
others under a head of the same shape ("Deposits paid in cash: … on the spot …"). A KB
sentence claiming the old handling for every case, by listing the cases ("…, card or cash.",
"Card or cash, your deposit comes back …") or by a quantifier ("…, however you paid it."),
is still right for the others: the claim gives way to the others' head ("…, for deposits paid
in cash."), and the changed case's rule is said beside it (`promptrule.prompt_rule_edit`).

Pure text helpers; `promptrule` finds the others' rule and calls in.
"""

from __future__ import annotations

import re
from collections.abc import Set

from behaviordiff.drafting.text import lower_first, terms, upper_first

_MAX = 4000
_ONE = r"(?:(?:by|in|with|on|via)\s+)?[A-Za-z][a-z]{2,19}(?:\s+[a-z]{3,20})?"
_ALTERNATIVES = re.compile(rf"(?P<first>{_ONE})\s+or\s+(?P<second>{_ONE})", re.I)
"""Two cases listed as alternatives ("card or cash", "by card or in cash")."""
_QUANTIFIED = re.compile(
    r"(?:however|whatever|whichever|no\s+matter\s+(?:how|what|which))\s+[a-z][^,;:.!?()\n]{0,60}",
    re.I,
)
"""A claim over every case by a quantifier ("however you paid it", "whatever the method")."""
_ASIDE = re.compile(r"(?:^|(?<=[,:;]\s))(?P<aside>[^,;:.!?()\n]{1,80})(?=\s*(?:[,.;:!?]|$))")
"""A stretch of a sentence between its start, a comma or a colon and the next stop or comma."""
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


def _stems(text: str) -> set[str]:
    return {word for word in terms(text) if len(word) > 2 and not word.isdigit()}


def _claim(aside: str, case: Set[str]) -> bool:
    """Whether an aside is nothing but a claim over every case: the cases listed, one of them
    the changed case (`case`: its stems), or a quantifier over them."""
    aside = aside.strip()
    listed = _ALTERNATIVES.fullmatch(aside)
    if listed is not None:
        return bool(_stems(listed["first"]) & case or _stems(listed["second"]) & case)
    return _QUANTIFIED.fullmatch(aside) is not None


def claim_for_every_case(text: str, case: Set[str]) -> bool:
    """Whether `text` claims what it says for every case (an aside listing the cases, "…,
    card or cash.", or a quantifier over them, "…, however you paid it.") and names the
    changed case nowhere else: about every case, not the changed case alone."""
    text = _LIST_MARK.sub("", text[:_MAX], count=1)
    for found in _ASIDE.finditer(text):
        if _claim(found["aside"], case):
            rest = text[: found.start()] + text[found.end() :]
            return not _stems(rest) & case
    return False


def with_rest_head(text: str, head: str, case: Set[str]) -> str | None:
    """`text` with its claim over every case (an aside listing the cases, or a quantifier
    over them) said as the others' head instead: "Card or cash, your deposit comes back on
    the spot" → "For deposits paid in cash, your deposit comes back on the spot"; "…, however
    you paid it." → "…, for deposits paid in cash."; None when no aside is such a claim."""
    for found in _ASIDE.finditer(text[:_MAX]):
        aside = found["aside"]
        if not _claim(aside, case):
            continue
        start = found.start("aside") + (len(aside) - len(aside.lstrip()))
        end = found.end("aside") - (len(aside) - len(aside.rstrip()))
        said = upper_first(head) if start == 0 else lower_first(head)
        return text[:start] + said + text[end:]
    return None
