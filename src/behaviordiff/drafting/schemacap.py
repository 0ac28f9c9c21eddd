"""A cap that lives in the config, not the prompt: a tool's schema lowers (or raises) the
`maximum` of the amount argument a call pays ("amount_gbp: maximum 40 → 25"), the prompt
unchanged ("credit 5% of the order, up to the tool's maximum"). The cap moved for everyone, so
a KB sentence giving the old cap ("up to a maximum of £40", "| Over £800 | £40, the most we
credit |", "up to forty pounds (£40)") is not one case of the change: its old cap becomes the
new one ("£25", "twenty-five pounds"), written as the KB writes money. When the item says the
amount is a share of something ("5% of the order value"), the amount at which that share reaches
the cap moves with it: "every order over £800 gets the full £40" → "over £500 … £25".

Pure text helpers: the impact marks the sentences (`cap_sentences`), the template drafter
rewrites them (`schema_cap_body`), and a drafting model's edit that keeps the old cap or its
break-even amount is refused the same way (`still_old_cap`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from behaviordiff.detect.quantities import count_words
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, still_saying, units

_SCHEMA_MAXIMUM = re.compile(
    r"^tool (?P<tool>[\w.-]+?)\.parameters\.properties\.(?P<argument>\w+)\.maximum: "
    r"(?P<old>\d+(?:\.\d+)?) → (?P<new>\d+(?:\.\d+)?)$"
)
"""A config hunk's summary moving a tool argument's schema maximum."""
_CAP_WORDS = re.compile(
    r"\b(?:up\s+to|maximum|the\s+most|at\s+most|no\s+more\s+than|capped|cap|limit(?:ed)?)\b",
    re.I,
)
"""Words saying an amount is an upper limit."""
_MONEY = re.compile(
    r"(?P<sign>[$£€])\s?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d)"
)
_RATE = re.compile(r"\b(?P<number>\d+(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)", re.I)
_CURRENCY_WORDS = {"£": "pounds", "$": "dollars", "€": "euros"}


@dataclass(frozen=True)
class SchemaCap:
    """The maximum a tool's schema puts on the amount a call pays, before and after."""

    rule: Rule
    tool: str
    argument: str
    old: float
    new: float
    currency: str

    @property
    def lowered(self) -> bool:
        return self.new < self.old

    def source(self) -> str:
        """Where the fact comes from, as the rationale quotes it."""
        old, new = _money(self.old, self.currency), _money(self.new, self.currency)
        return (
            f"the config's schema for `{self.tool}` now takes at most {new} as {self.argument} "
            f"(it took {old})"
        )


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _money(value: float, currency: str, like: str = "") -> str:
    """`value` as the KB writes money: decimals only when the written amount has them, or the
    value is not whole; thousands with a comma."""
    decimals = "." in like or value != int(value)
    shown = f"{value:,.2f}" if decimals else f"{int(value):,}"
    return f"{currency}{shown}"


def schema_cap(facts: ChangeFacts) -> SchemaCap | None:
    """The schema maximum a change's config hunk moved, when the change is that move: a call of
    the tool moved the argument's value, every new value is within the new maximum and at least
    one sits on it (the cap binds), every old value was within the old one. None otherwise."""
    for rule in facts.rules:
        if rule.kind != "tool_changed":
            continue
        found = _SCHEMA_MAXIMUM.match(rule.summary.strip())
        if found is None:
            continue
        old, new = float(found["old"]), float(found["new"])
        if old == new:
            continue
        for moved in facts.moved:
            if moved.call.name != found["tool"] or moved.argument != found["argument"]:
                continue
            if not moved.money:
                continue
            olds = [value[1] for value in moved.values]
            news = [value[2] for value in moved.values]
            if max(news) > new or max(olds) > old or new not in news:
                continue
            return SchemaCap(rule, found["tool"], found["argument"], old, new, moved.currency)
    return None


def _states(value: float, currency: str, sentence: str) -> bool:
    return (
        any(
            found["sign"] == currency and _number(found["number"]) == value
            for found in _MONEY.finditer(sentence)
        )
        or _worded(value, currency, sentence) is not None
    )


def _worded(value: float, currency: str, sentence: str) -> re.Match[str] | None:
    if value != int(value):
        return None
    words = count_words(int(value))
    noun = _CURRENCY_WORDS.get(currency)
    if words is None or noun is None:
        return None
    return re.search(rf"\b{re.escape(words)}\s+{noun}\b", sentence, re.I)


def _break_evens(cap: SchemaCap, text: str) -> dict[float, float]:
    """Old → new amounts at which a share the item states ("5% of the order") reaches the cap,
    for those the item states as money."""
    pairs: dict[float, float] = {}
    for found in _RATE.finditer(text):
        rate = float(found["number"]) / 100
        if not 0 < rate < 1:
            continue
        old, new = round(cap.old / rate, 2), round(cap.new / rate, 2)
        if _states(old, cap.currency, text):
            pairs[old] = new
    return pairs


def cap_sentences(cap: SchemaCap, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units of an item that give the old cap (in cap words, or beside the amount where a
    share reaches it) or that amount, by index, with the reason; empty when the item never says
    the old amount is a cap. A flat £40 fee, in that item or another, is another subject."""
    text = "\n".join(unit.text for unit in item_units)
    if not any(
        _CAP_WORDS.search(unit.text) and _states(cap.old, cap.currency, unit.text)
        for unit in item_units
    ):
        return {}
    evens = _break_evens(cap, text)
    old = _money(cap.old, cap.currency)
    found: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        even = any(_states(value, cap.currency, unit.text) for value in evens)
        if _states(cap.old, cap.currency, unit.text) and (even or _CAP_WORDS.search(unit.text)):
            found[index] = f"states {old} as the cap, which the config now sets for everyone"
        elif even:
            found[index] = f"states the amount where the share reaches the old {old} cap"
    return found


def _rewrite(cap: SchemaCap, raw: str, evens: dict[float, float]) -> str:
    moves = {cap.old: cap.new, **evens}

    def money(found: re.Match[str]) -> str:
        value = _number(found["number"])
        if found["sign"] != cap.currency or value not in moves:
            return found.group(0)
        return _money(moves[value], cap.currency, found["number"])

    said = _MONEY.sub(money, raw)
    for old, new in moves.items():
        worded = _worded(old, cap.currency, said)
        if worded is None:
            continue
        new_words = count_words(int(new)) if new == int(new) else None
        if new_words is None:
            instead = _money(new, cap.currency)
        else:
            noun = _CURRENCY_WORDS[cap.currency]
            instead = f"{new_words} {noun}"
            if worded.group(0)[:1].isupper():
                instead = instead[:1].upper() + instead[1:]
        said = said[: worded.start()] + instead + said[worded.end() :]
    return said


def schema_cap_body(cap: SchemaCap, body: str, body_format: str, marked: set[str]) -> str | None:
    """`body` with each unit of `marked` (`Unit.text`s) giving the new cap and break-even
    amount in place of the old ones, every other byte kept; None when nothing changes."""
    evens = _break_evens(cap, "\n".join(unit.text for unit in units(body)))

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        said = _rewrite(cap, unit.raw, evens)
        return Keep.UNIT if said == unit.raw else said

    return rewrite_units(body, body_format, pick)


def still_old_cap(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still give the old schema cap or its break-even
    amount (a marked sentence kept, or one the edit wrote): what no drafter's edit may keep."""
    cap = schema_cap(facts)
    if cap is None:
        return []
    evens = _break_evens(cap, "\n".join(unit.text for unit in units(old_body)))
    return still_saying(
        lambda unit: (
            _states(cap.old, cap.currency, unit.text)
            or any(_states(value, cap.currency, unit.text) for value in evens)
        ),
        conflicting,
        old_body,
        body,
        body_format,
    )


def schema_cap_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str, str] | None:
    """The template drafter's edit for a cap the config's schema moved: the impact's sentences
    giving the old cap or its break-even amount say the new ones (`schema_cap_body`), every
    other byte kept. None when the change moves no schema cap or no such sentence is marked."""
    cap = schema_cap(facts)
    if cap is None:
        return None
    marked = {impact.units[index].text for index in cap_sentences(cap, impact.units)}
    conflicting = {conflict.sentence for conflict in impact.conflicts}
    marked &= conflicting
    if not marked:
        return None
    body = impact.item.body
    new_body = schema_cap_body(cap, body, impact.item.body_format, marked)
    if new_body is None or new_body == body:
        return None
    noun = impact.item.kind
    quoted = " ".join(f"“{unit.text}”" for unit in impact.units if unit.text in marked)
    rationale = (
        f"The cap moved for everyone: {cap.source()}. This {noun} still gives the old cap in "
        f"{quoted} The edit gives the new cap there, and keeps everything else in the {noun}."
    )
    return new_body, rationale


def cap_fact(facts: ChangeFacts) -> str | None:
    """The moved schema cap said as a drafting model's fact: what the template writes from."""
    cap = schema_cap(facts)
    if cap is None:
        return None
    old, new = _money(cap.old, cap.currency), _money(cap.new, cap.currency)
    return (
        f"{cap.source()}: the cap moved for everyone, so text giving {old} as the cap gives "
        f"{new} (written as the KB writes money, {new} not {new}.00), and an amount where a "
        f"share the text states reaches the cap moves with it ({old} ÷ the share → "
        f"{new} ÷ the share); no text keeps {old} as the cap for some customers"
    )
