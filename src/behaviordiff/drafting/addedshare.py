"""A share added on top of a price ("the call-out fee plus half as much again, a 50% surcharge")
that a changed prompt sentence makes a fixed amount ("the call-out fee plus a flat €40
surcharge"), or back.

A KB states such a share as a percentage on top of something ("a 50% surcharge", "fee plus
50%", "an extra 50%", "50% more") or in words ("half as much again", "double", "twice as
much"). Each is rewritten in place with the new value, the price it is added to kept: "a 50%
surcharge" → "a €40 surcharge", "half as much again" → "an extra €40", "double the standard
fee" → "the standard fee plus €40". The same percentage as a discount ("50% off a second
cylinder") is another rule and is never read as the share.

A total worked out from the old share ("a €90 lockout comes to €135", a cell "€135 (fee plus
50%)") is recomputed as its price plus the new amount only where the changed conversations
now state that total; otherwise the sentence is left for a writer, never given a total no
evidence shows.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

__all__ = [
    "added_amount",
    "added_amounts",
    "added_percent",
    "added_shares",
    "addition_base",
    "renewed_totals",
    "rewrite_added",
    "share_words_in",
    "told_amounts",
    "worked_totals",
]

_ADDED_NOUN = (
    r"surcharge|supplement|premium|uplift|loading|mark-?up|increase|extra|more|on\s+top|"
    r"additional\s+charge|extra\s+charge|on\s+(?:the|your|each|every)\b"
)
_ADDED_BEFORE = re.compile(
    r"(?:\bplus|\+|\ban\s+extra|\ban\s+additional|\badd(?:s|ing|ed)?(?:\s+an?)?|\bwith\s+an?)\s*$",
    re.I,
)
_DISCOUNT_AFTER = re.compile(r"^\s*(?:off|discount|reduction|less|cheaper|back)\b", re.I)

_WORDS: dict[float, str] = {
    25.0: r"a\s+quarter\s+as\s+much\s+again|a\s+quarter\s+again",
    50.0: r"half\s+as\s+much\s+again|half\s+again\s+as\s+much|half\s+as\s+much\s+more|"
    r"half\s+again",
    100.0: r"double|twice\s+as\s+much|twice",
}
"""Shares said in words as an addition on top of a price, by the percentage they add."""
_DOUBLED = re.compile(
    r"^(?P<head>double|twice)\s+(?P<base>(?:the|your|our|their|a|an|each)\s+"
    r"(?:[a-z][\w'’-]*\s+){0,3}?(?:fee|price|rate|charge|cost|fare|amount|total))\b",
    re.I,
)
""""double the standard fee": the price the share is added to, said after it."""

_AMOUNT = re.compile(r"(?<![\w.])(?P<sign>[$€£])(?P<n>\d[\d,]*(?:\.\d+)?)(?![\d])")


def _percent_pattern(percent: float) -> re.Pattern[str]:
    number = re.escape(f"{percent:g}")
    return re.compile(rf"(?<![\d.,]){number}(?:\s?%|\s?percent\b|\s?per\s?cent\b)", re.I)


def _as_percent(value: str) -> float | None:
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s?%\s*", value)
    return float(found.group(1)) if found else None


def share_words_in(percent: float, text: str) -> list[re.Match[str]]:
    """Where `text` says the share `percent` as an addition in words ("half as much again"
    for 50%, "double" for 100%)."""
    words = _WORDS.get(percent)
    if words is None:
        return []
    return list(re.finditer(rf"\b(?:{words})\b", text, re.I))


def _is_added(text: str, found: re.Match[str]) -> bool:
    """Whether a percentage found in `text` is said as an addition on top of a price ("a 50%
    surcharge", "plus 50%", "an extra 50%", "50% more"), not as a discount ("50% off") nor as
    a share of something ("50% of the order", `rules.shares` reads those)."""
    after = text[found.end() :]
    if _DISCOUNT_AFTER.match(after) or re.match(r"\s*of\b", after, re.I):
        return False
    if _ADDED_BEFORE.search(text[: found.start()]):
        return True
    return re.match(rf"\s*(?:{_ADDED_NOUN})\b", after, re.I) is not None


def added_shares(value: str, text: str) -> list[re.Match[str]]:
    """Where `text` states the percentage `value` ("50%") as an addition on top of a price, in
    digits (`_is_added`) or in words (`share_words_in`), in the order they come."""
    percent = _as_percent(value)
    if percent is None:
        return []
    digits = [found for found in _percent_pattern(percent).finditer(text) if _is_added(text, found)]
    return sorted([*digits, *share_words_in(percent, text)], key=lambda found: found.start())


_FLAT_BEFORE = re.compile(
    r"(?:\bplus|\+|\bextra|\badditional|\bflat|\bfixed|\badd(?:s|ing|ed)?(?:\s+an?)?)\s*$", re.I
)
_PER_ITEM_AFTER = re.compile(r"^\s*(?:each|apiece|per\b|a\s+(?:head|person|night|day|hour))", re.I)


def _amount_pattern(value: str) -> re.Pattern[str] | None:
    found = _AMOUNT.fullmatch(value.strip())
    if found is None:
        return None
    number = found.group("n").replace(",", "").removesuffix(".00")
    whole, _, cents = number.partition(".")
    grouped = f"{int(whole):,}" if whole.isdigit() else whole
    forms = "|".join(re.escape(form) for form in dict.fromkeys((whole, grouped)))
    tail = rf"\.{re.escape(cents)}" if cents else r"(?:\.00)?"
    return re.compile(rf"{re.escape(found.group('sign'))}(?:{forms}){tail}(?![\d]|,\d)")


def added_amounts(value: str, text: str) -> list[re.Match[str]]:
    """Where `text` states the amount `value` ("€40") as a flat addition on top of a price
    ("a flat €40 surcharge", "fee plus €40", "an extra €40", "€40 more"), not as a price per
    item ("keys at €40 each") nor as a price of its own."""
    pattern = _amount_pattern(value)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        after = text[match.end() :]
        if _PER_ITEM_AFTER.match(after) or _DISCOUNT_AFTER.match(after):
            continue
        if _FLAT_BEFORE.search(text[: match.start()]) or re.match(
            rf"\s*(?:{_ADDED_NOUN})\b", after, re.I
        ):
            found.append(match)
    return found


def added_amount(text: str) -> str | None:
    """The one amount a prompt sentence adds flat on top of a price ("the call-out fee plus a
    flat €40 surcharge" → "€40"); None when it states none, or two that differ."""
    found = {
        match.group(0) for match in _AMOUNT.finditer(text) if added_amounts(match.group(0), text)
    }
    return found.pop() if len(found) == 1 else None


def added_percent(text: str) -> float | None:
    """The one percentage a prompt sentence adds on top of a price, in digits or words ("the
    call-out fee plus half as much again, a 50% surcharge" → 50); None when it states none,
    or two that differ."""
    found: set[float] = set()
    for match in re.finditer(r"(?<![\d.,])(\d+(?:\.\d+)?)(?:\s?%|\s?percent\b)", text, re.I):
        if _is_added(text, match):
            found.add(float(match.group(1)))
    for percent in _WORDS:
        if share_words_in(percent, text):
            found.add(percent)
    return found.pop() if len(found) == 1 else None


_BASE = re.compile(
    r"(?P<base>\b(?:the|your|our|their|each|every)\s+(?:[A-Za-z][\w'’-]*\s+){0,3}?"
    r"(?:fee|price|rate|charge|cost|fare|amount|total|bill))\s+plus\b",
    re.I,
)


def addition_base(text: str) -> str:
    """What a prompt sentence adds its share to, in its own words ("the call-out fee" in "the
    call-out fee plus half as much again"); "" when it names nothing so."""
    found = _BASE.search(text)
    return found.group("base") if found else ""


def _an(article: str, value: str) -> str:
    """ "a"/"an" before `value` as it is read aloud ("an 80% …", "a €40 …"), in `article`'s case."""
    digits = re.sub(r"^[$€£]", "", value)
    vowel = value[:1] not in "$€£" and (
        digits.startswith("8") or re.match(r"1[18](?!\d)", digits) is not None
    )
    word = "an" if vowel else "a"
    return word.capitalize() if article[:1].isupper() else word


def _with_article(raw: str, start: int, value: str) -> str:
    """`raw[:start]` with a trailing "a"/"an" agreeing with `value`, which comes next."""
    head = raw[:start]
    article = re.search(r"\b(an?)(\s+)$", head, re.I)
    if article is None:
        return head
    return head[: article.start(1)] + _an(article.group(1), value) + article.group(2)


def rewrite_added(old: str, new: str, raw: str) -> str | None:
    """`raw` with each statement of the old value added on top of a price said as the new one,
    in place. A share made a flat amount: "a 50% surcharge" → "a €40 surcharge", "fee plus
    50%" → "fee plus €40", "half as much again" → "an extra €40", "double the standard fee" →
    "the standard fee plus €40". A flat amount made a share: "a flat €40 surcharge" → "a 50%
    surcharge", "an extra €40" → "an extra 50%". None when `raw` states none, or states the
    old value another way too (a writer restates it)."""
    percent = _as_percent(old)
    if percent is None:
        return _rewrite_flat(old, new, raw)
    found = added_shares(old, raw)
    if not found:
        return None
    in_digits = [m for m in _percent_pattern(percent).finditer(raw)]
    if len(in_digits) != len([m for m in found if m.group(0)[:1].isdigit()]):
        return None
    for each in reversed(found):
        said = each.group(0)
        if said[:1].isdigit():
            raw = _with_article(raw, each.start(), new) + new + raw[each.end() :]
            continue
        doubled = _DOUBLED.match(raw[each.start() :])
        if doubled is not None:
            end = each.start() + doubled.end()
            raw = f"{raw[: each.start()]}{doubled.group('base')} plus {new}{raw[end:]}"
            continue
        head = raw[: each.start()]
        if re.search(r"\b(?:an\s+extra|an\s+additional|extra|more)\s*$", head, re.I):
            return None
        raw = f"{head}an extra {new}{raw[each.end() :]}"
    return raw


def _rewrite_flat(old: str, new: str, raw: str) -> str | None:
    """`raw` with each flat amount `old` added on top of a price said as the share `new`, the
    words that made it flat ("a flat", "a fixed") dropped."""
    pattern = _amount_pattern(old)
    found = added_amounts(old, raw)
    if pattern is None or not found or len(found) != len(pattern.findall(raw)):
        return None
    for each in reversed(found):
        head = re.sub(r"\b(?:flat|fixed)\s+$", "", raw[: each.start()], flags=re.I)
        raw = _with_article(head, len(head), new) + new + raw[each.end() :]
    return raw


def _money(text: str) -> list[tuple[re.Match[str], float]]:
    return [(found, float(found.group("n").replace(",", ""))) for found in _AMOUNT.finditer(text)]


def _written(amount: float, like: str) -> str:
    """`amount` in the format of the amount `like` ("€135" → "€130", "€135.00" → "€130.00")."""
    sign = like[:1]
    cents = "." in like or amount != int(amount)
    number = f"{amount:,.2f}" if cents else f"{int(amount):,}"
    if "," not in like:
        number = number.replace(",", "")
    return sign + number


@dataclass(frozen=True)
class _Rules:
    """How a price gives its total under the old rule and under the new one: a share on top
    (`price × 1.5`) or a flat amount (`price + 40`)."""

    old_share: float | None
    old_amount: float | None
    new_share: float | None
    new_amount: float | None

    def old_total(self, price: float) -> float:
        if self.old_share is not None:
            return price * (1 + self.old_share / 100)
        return price + (self.old_amount or 0.0)

    def new_total(self, price: float) -> float:
        if self.new_share is not None:
            return price * (1 + self.new_share / 100)
        return price + (self.new_amount or 0.0)

    def price(self, total: float) -> float | None:
        """The whole price the old rule makes `total` of ("€90" for "€135" at 50%); None when
        no whole price does ("€2.10" is no total of a 50% share)."""
        if self.old_share is not None:
            price = float(round(total / (1 + self.old_share / 100)))
        else:
            price = float(round(total - (self.old_amount or 0.0)))
        return price if price > 0 and abs(self.old_total(price) - total) < 0.005 else None


def _rules(old: str, new: str) -> _Rules | None:
    """The old and new rule of a value that changed kind; None unless one is a share and the
    other an amount."""
    rules = _Rules(_as_percent(old), _amount(old), _as_percent(new), _amount(new))
    if (rules.old_share is None) == (rules.new_share is None):
        return None
    if (rules.old_share is None and rules.old_amount is None) or (
        rules.new_share is None and rules.new_amount is None
    ):
        return None
    return rules


def worked_totals(
    old: str, new: str, raw: str, told: Collection[float]
) -> tuple[str, list[str]] | None:
    """`raw` with each total worked out from the old value ("€135" for a €90 fee plus 50%)
    given as its price under the new rule ("€130" at a flat €40), and the totals it gave; None
    when an amount may be such a total but the changed conversations (`told`: the amounts they
    state) never state its new total, so no evidence shows it (a writer restates it).

    An amount may be a total when the old rule makes it of a whole price ("€90", not "€1.40"
    for a "€2.10" cup of tea at 50%); a price another amount of `raw` is the total of ("a €90
    lockout comes to €135") is no total itself, nor is the old or new value."""
    rules = _rules(old, new)
    if rules is None:
        return raw, []
    own = [v for v in (_amount(old), _amount(new)) if v is not None]
    amounts = [(found, value) for found, value in _money(raw) if found.group("sign") in old + new]
    values = [value for _, value in amounts]
    given: list[str] = []
    out = raw
    for found, total in reversed(amounts):
        if any(abs(total - value) < 0.005 for value in own) or any(
            abs(rules.old_total(total) - value) < 0.005 for value in values
        ):
            continue  # the rule's own amount, or the price of a total beside it
        price = rules.price(total)
        if price is None:
            continue
        renewed = round(rules.new_total(price), 2)
        if not any(abs(renewed - value) < 0.005 for value in told):
            return None
        written = _written(renewed, found.group(0))
        out = out[: found.start()] + written + out[found.end() :]
        given.insert(0, written)
    return out, given


def _amount(value: str) -> float | None:
    found = _AMOUNT.fullmatch(value.strip())
    return float(found.group("n").replace(",", "")) if found else None


def told_amounts(texts: Iterable[str]) -> set[float]:
    """The amounts in a currency that `texts` state (promises' values such as "€130.00", the
    changed conversations' new replies)."""
    return {value for text in texts for _, value in _money(text)}


def renewed_totals(old: str, new: str, text: str) -> list[str]:
    """Each amount of `text` the old rule makes of a whole price ("€135": €90 plus 50%), given
    as that price under the new rule ("€130" at a flat €40): the totals an edit may write as
    computed from the item's own figures and the rule, not copied from one conversation."""
    rules = _rules(old, new)
    if rules is None:
        return []
    renewed = []
    for found, total in _money(text):
        price = rules.price(total)
        if price is not None:
            renewed.append(_written(round(rules.new_total(price), 2), found.group(0)))
    return renewed
