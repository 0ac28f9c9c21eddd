"""A claim for every case that the change bounds (issue 8): the old prompt said a rule held
for "any order" and the new one for "orders of £200 or more". The KB says the claim its own
way: "any order", "Any order" in a table cell, "every order", "all orders", "whatever you
spend", "however much you spend". Each is read as stating the old rule (its topic judged as
any moved value's is, `rules.states_old_rule`) and written back with the prompt's bound in
the KB's own words: "any order of £200 or more", "Any order of £200 or more, in three …",
"if you spend £200 or more". The same claim about another noun ("any item") stays, and so
does a "whatever" clause over something the bound is not about ("whatever you choose").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from behaviordiff.diffing.align import align

_CLAIM_WORDS = frozenset(["any", "every", "each", "all"])
_VALUE = re.compile(r"^[$€£]?\d[\d,]*(?:\.\d+)?%?$")
_BOUND_WORDS = frozenset(
    ["more", "over", "above", "under", "below", "less", "least", "from", "up", "upwards",
     "minimum", "maximum", "fewer", "+"]
)  # fmt: skip
_MONEY_VERBS = r"spend|pay|order|buy"
_MAX_SCAN = 100_000


def _singular(word: str) -> str:
    lower = word.lower()
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
        return lower[:-1]
    return lower


def claim_bound(gone: Sequence[str], came: Sequence[str]) -> tuple[str, str] | None:
    """(old claim, new bounded phrase) of a changed sentence's tokens, when the old ones claim
    a noun for every case ("any order") and the new ones name the same noun with one value and
    a bound ("orders of £200 or more", "orders over £200"); None otherwise."""
    if not 2 <= len(gone) <= 3 or gone[0].lower() not in _CLAIM_WORDS:
        return None
    if not 2 <= len(came) <= 7 or sum(bool(_VALUE.match(t)) for t in came) != 1:
        return None
    noun = _singular(gone[-1])
    if not noun.isalpha() or _singular(came[0]) != noun:
        return None  # the bound must follow the same noun ("orders of £200 …")
    lowered = {t.lower() for t in came}
    if not lowered & _BOUND_WORDS and not any(t.endswith("+") for t in came):
        return None
    old = " ".join(gone)
    new = " ".join(came)
    new = re.sub(r"\s+([,.;:!?%)])", r"\1", new)
    return old, new


def is_claim_move(old: str, new: str) -> bool:
    words = old.split()
    return (
        2 <= len(words) <= 3
        and words[0].lower() in _CLAIM_WORDS
        and any(ch.isdigit() for ch in new)
        and _singular(new.split()[0]) == _singular(words[-1])
    )


@lru_cache(maxsize=128)
def _claim_pattern(old: str, new: str) -> re.Pattern[str]:
    noun = _singular(old.split()[-1])
    nouns = (
        rf"{re.escape(noun)}(?:s|es)?"
        if not noun.endswith("y")
        else (rf"(?:{re.escape(noun)}|{re.escape(noun[:-1])}ies)")
    )
    money = re.search(r"[$€£]\d", new) is not None
    said = [
        rf"(?P<bcdet>\b(?:any|every|each|all)(?:\s+(?:of\s+)?(?:your|our|the))?)\s+(?P<bcnoun>{nouns})\b"
    ]
    if money:
        said.append(
            rf"(?P<bcwhat>\b(?:whatever|however\s+much))\s+(?P<bcwho>you|they|we)\s+"
            rf"(?P<bcverb>{_MONEY_VERBS})\b"
        )
    return re.compile("|".join(said), re.I)


def claim_statements(old: str, new: str, text: str) -> list[re.Match[str]]:
    """Where `text` claims the old rule for every case of what the bound is about."""
    if not is_claim_move(old, new):
        return []
    found = []
    for match in _claim_pattern(old, new).finditer(text[:_MAX_SCAN]):
        after = text[match.end() : match.end() + 40]
        # already bounded ("any order over £200", "whatever you spend over £50")
        if re.match(
            r"\s*(?:of|over|above|under|below|from|worth|costing|up\s+to)\s+[$€£]?\d", after, re.I
        ):
            continue
        found.append(match)
    return found


def is_claim_statement(found: re.Match[str]) -> bool:
    return "bcdet" in found.re.groupindex


def _bound(new: str) -> str:
    """The bound alone, the noun and a leading "of" left out: "£200 or more"."""
    rest = new.split(None, 1)[1] if " " in new else ""
    return re.sub(r"^of\s+", "", rest)


_CELL_START = re.compile(r"\|\s*$")
_ITEM_START = re.compile(r"\s*(?:[-*+]|\d{1,3}[.)])\s+")
"""What comes before a table cell's or a list item's first word."""


def claim_written(old: str, new: str, found: re.Match[str]) -> str | None:
    """The claim with the bound said after it, in the KB's own words: "any order" → "any
    order of £200 or more", "Whatever you spend" → "If you spend £200 or more"."""
    rest = new.split(None, 1)[1] if " " in new else ""
    if not rest:
        return None
    if found.group("bcdet") is not None:
        text = found.string
        line = text[text.rfind("\n", 0, found.start()) + 1 : found.start()]
        if _CELL_START.search(line[-80:]) or _ITEM_START.fullmatch(line[:80]):
            # a table cell or list item opening on the claim ("| Any order, in three …"):
            # the prompt's own bounded phrase in its place, capitalized as the KB wrote it
            said = new[:1].upper() + new[1:] if found.group(0)[:1].isupper() else new
            return said
        return f"{found.group(0)} {rest}"
    bound = _bound(new)
    what = found.group("bcwhat")
    lead = "If" if what[:1].isupper() else "if"
    return f"{lead} {found.group('bcwho')} {found.group('bcverb')} {bound}"


_TOKEN = re.compile(r"[$€£]?\d[\d,]*(?:\.\d+)?%?|[A-Za-z][\w'’-]*|[^\s\w]")


def bounds_claim_at(old: str, new: str, lines: set[float]) -> bool:
    """Whether a changed sentence bounds a claim for every case (`claim_bound`) at one of
    `lines` (the numbers the change's condition draws its line at)."""
    by_text = claim_by_text(old, new)
    if by_text is not None and any(
        float(t.lstrip("$€£").rstrip("%+").replace(",", "")) in lines
        for t in _TOKEN.findall(by_text[1])
        if _VALUE.match(t.rstrip("+"))
    ):
        return True
    old_tokens, new_tokens = _TOKEN.findall(old[:2000]), _TOKEN.findall(new[:2000])
    for code in align(old_tokens, new_tokens):
        if code.tag != "replace":
            continue
        claim = claim_bound(old_tokens[code.i1 : code.i2], new_tokens[code.j1 : code.j2])
        if claim is None:
            continue
        values = [
            float(t.lstrip("$€£").rstrip("%").replace(",", ""))
            for t in new_tokens[code.j1 : code.j2]
            if _VALUE.match(t)
        ]
        if any(value in lines for value in values):
            return True
    return False


_CLAIM_SAID = re.compile(r"\b(?:any|every|each|all)\s+(?P<noun>[A-Za-z]{3,20})\b", re.I)


def claim_by_text(old: str, new: str) -> tuple[str, str] | None:
    """(old claim, new bounded phrase) when the new sentence is the old one with a claim for
    every case ("all orders") replaced by the same noun with a bound ("orders over £30"),
    however the token diff aligned them; None otherwise."""
    if len(old) > 2000 or len(new) > 2000:
        return None
    for claim in _CLAIM_SAID.finditer(old):
        noun = _singular(claim.group("noun"))
        bounded = re.compile(
            rf"\b{re.escape(noun)}(?:s|es)?\s+(?:(?:of|over|above|under|below|from|worth|"
            rf"costing)\s+)?[$€£]\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?\+?(?:\s+(?:or|and)\s+(?:more|over|above|"
            rf"upwards|less|under|below))?",
            re.I,
        )
        for phrase in bounded.finditer(new):
            if old[: claim.start()] + phrase.group(0) + old[claim.end() :] == new:
                found = claim_bound(claim.group(0).split(), _TOKEN.findall(phrase.group(0)))
                if found is not None:
                    return claim.group(0), phrase.group(0)
    return None


_AMOUNT = re.compile(
    r"(?<![\w.])(?:[$€£]\d{1,7}(?:,\d{3})*(?:\.\d{1,2})?|\d{1,3}(?:\.\d+)?\s?%)(?!\d|,\d)"
)


def _amounts(text: str) -> set[str]:
    return {found.group(0).replace(" ", "") for found in _AMOUNT.finditer(text[:_MAX_SCAN])}


def rest_priced(old: str, new: str, bounded: str, others: Sequence[str]) -> bool:
    """Whether the change gives the cases its bound leaves out a price of their own (a fee, a
    share): the new sentence says an amount beyond its bounded phrase that the old one does
    not ("free on orders of £50 or more and £5 below that"), or another sentence the change
    added or rewrote names the bound's amount beside an amount of its own ("On orders under
    £50, engraving costs £5"). The claim bounded alone would then be half the rule: that the
    rest lose the offer, not what they now pay."""
    line = _amounts(bounded)
    if not line:
        return False
    kept = _amounts(old) | line
    if _amounts(new.replace(bounded, " ", 1)) - kept:
        return True
    return any(
        _amounts(other) & line and _amounts(other) - kept for other in others if other != new
    )
