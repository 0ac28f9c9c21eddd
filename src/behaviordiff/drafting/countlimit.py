"""A count limit that lives in the config, not the prompt: a tool's schema lowers (or raises)
the `maximum` of a whole-number argument that counts the uses of an allowance
("free_renewal: maximum 4 → 3", the prompt unchanged: "renewals are free up to the limit set
on renew_loan"), and the change's condition is the band between the two numbers (loans
renewed 3 times: `3 <= renewals_used < 4`). The limit moved for everyone, so a KB sentence
giving the old count of the allowance's topic ("renewed up to four times", "4 free
renewals", "after the fourth renewal", "| 1st, 2nd, 3rd or 4th renewal | Free |", "| 5th
renewal onwards | 50p |") gives the new one, written as the KB writes it (words stay words,
figures figures, ordinals ordinals). The same number about another subject ("4 books at a
time", "within four days") names no word of the topic and is kept.

Pure text helpers: the impact marks the sentences (`limit_sentences`), the template drafter
rewrites them (`count_limit_edit`), and a drafting model gets the same fact (`limit_fact`) and
its edit is refused when it keeps the old count (`still_old_limit`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from behaviordiff.detect.quantities import ORDINALS, count_words
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, still_saying

_SCHEMA_MAXIMUM = re.compile(
    r"^tool (?P<tool>[\w.-]+?)\.parameters\.properties\.(?P<argument>\w+)\.maximum: "
    r"(?P<old>\d+) → (?P<new>\d+)$"
)
"""A config hunk's summary moving a tool argument's whole-number schema maximum."""
_GENERIC = frozenset(
    {"number", "count", "num", "nth", "index", "max", "min", "total", "limit", "free", "paid"}
)
"""Words of an argument's name that name no topic ("free_renewal_number": renewal)."""
_ORDINAL_WORDS = ORDINALS[:12]
"""The ordinals a count limit is read and written in words, up to "twelfth" ("13th" beyond)."""
_ORDINAL = r"(?:\d+(?:st|nd|rd|th)|" + "|".join(_ORDINAL_WORDS) + r")"
_CARDINAL_WORDS = {count_words(n) or str(n): n for n in range(1, 13)}
_ONWARDS = r"(?:\s+(?:onwards?|on|or\s+later|and\s+after|and\s+beyond))"


@dataclass(frozen=True)
class CountLimit:
    """The maximum a tool's schema puts on the count of an allowance, before and after."""

    rule: Rule
    tool: str
    argument: str
    old: int
    new: int
    topic: tuple[str, ...]
    """Stems of the allowance's topic, from the argument's name ("renew")."""

    def source(self) -> str:
        return (
            f"the config's schema for `{self.tool}` now takes at most {self.new} as "
            f"{self.argument} (it took {self.old})"
        )

    def topic_pattern(self) -> str:
        return r"\b(?:" + "|".join(re.escape(stem) for stem in self.topic) + r")\w*"


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ing", "als", "al", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def count_limit(facts: ChangeFacts) -> CountLimit | None:
    """The whole-number schema maximum a change's config hunk moved, when the change's first
    condition is the band between the old and the new number on a numeric variable (the
    uses the allowance counts). None otherwise (a money cap is `schemacap`'s)."""
    condition = facts.conditions[0] if facts.conditions else None
    if condition is None:
        return None
    for rule in facts.rules:
        if rule.kind != "tool_changed":
            continue
        found = _SCHEMA_MAXIMUM.match(rule.summary.strip())
        if found is None:
            continue
        old, new = int(found["old"]), int(found["new"])
        if old == new or min(old, new) < 1:
            continue
        band = any(
            atom.op == "between"
            and {atom.low, atom.high} == {float(min(old, new)), float(max(old, new))}
            for atom in condition.atoms
        )
        if not band:
            continue
        words = re.findall(r"[a-z]{3,}", found["argument"].lower())
        topic = tuple(dict.fromkeys(_stem(word) for word in words if word not in _GENERIC))
        if topic:
            return CountLimit(rule, found["tool"], found["argument"], old, new, topic)
    return None


def _ordinal_value(text: str) -> int | None:
    text = text.lower()
    if text in _ORDINAL_WORDS:
        return _ORDINAL_WORDS.index(text) + 1
    digits = re.match(r"\d+", text)
    return int(digits.group(0)) if digits else None


def _ordinal(value: int, like: str) -> str:
    if like[:1].isdigit():
        suffix = (
            "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        )
        return f"{value}{suffix}"
    word = _ORDINAL_WORDS[value - 1] if value <= len(_ORDINAL_WORDS) else f"{value}th"
    return word.capitalize() if like[:1].isupper() else word


def _cardinal(value: int, like: str) -> str:
    if like[:1].isdigit():
        return str(value)
    word = count_words(value) or str(value)
    return word.capitalize() if like[:1].isupper() else word


def _patterns(limit: CountLimit) -> tuple[re.Pattern[str], re.Pattern[str]]:
    topic = limit.topic_pattern()
    cardinals = "|".join(sorted(_CARDINAL_WORDS, key=len, reverse=True))
    ordinals = re.compile(
        rf"(?P<list>{_ORDINAL}(?:\s*,\s*{_ORDINAL})*(?:,?\s+(?:or|and)\s+{_ORDINAL})?)"
        rf"(?P<after>\s+(?:[a-z]+\s+){{0,1}}{topic}(?P<onwards>{_ONWARDS})?)",
        re.I,
    )
    cardinal = re.compile(
        rf"\b(?P<n>\d+|{cardinals})\b(?P<after>\s+(?:times\b|(?:[a-z-]+\s+){{0,1}}{topic}))",
        re.I,
    )
    return ordinals, cardinal


def _rewrite(limit: CountLimit, text: str) -> str:
    """`text` with each count of the allowance's uses at the old limit said at the new one."""
    ordinals, cardinal = _patterns(limit)
    names_topic = re.search(limit.topic_pattern(), text, re.I) is not None

    def ordinal_list(found: re.Match[str]) -> str:
        items = re.findall(_ORDINAL, found["list"], re.I)
        values = [_ordinal_value(item) for item in items]
        if len(values) == 1:
            value = values[0]
            if value == limit.old + 1 and found["onwards"]:
                if limit.new + 1 != limit.old:
                    return _ordinal(limit.new + 1, items[0]) + found["after"]
                # "3rd move onwards" would say the old number again: "each move after the 2nd"
                noun = found["after"][: len(found["after"]) - len(found["onwards"])].strip()
                each = "Each" if items[0][:1].isdigit() or items[0][:1].isupper() else "each"
                return f"{each} {noun} after the {_ordinal(limit.new, items[0])}"
            if value == limit.old and not found["onwards"]:
                return _ordinal(limit.new, items[0]) + found["after"]
            return found.group(0)
        if values != list(range(1, limit.old + 1)):
            return found.group(0)
        said = [_ordinal(value, items[0]) for value in range(1, limit.new + 1)]
        joiner = " and " if re.search(r"\band\b", found["list"]) else " or "
        listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + joiner + said[-1]
        return listed + found["after"]

    def count(found: re.Match[str]) -> str:
        number = found["n"]
        value = int(number) if number.isdigit() else _CARDINAL_WORDS.get(number.lower())
        if value != limit.old:
            return found.group(0)
        if found["after"].strip().lower() == "times" and not names_topic:
            return found.group(0)
        return _cardinal(limit.new, number) + found["after"]

    return cardinal.sub(count, ordinals.sub(ordinal_list, text))


def limit_sentences(limit: CountLimit, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units of an item that give the old count of the allowance's uses, by index, with
    the reason; another subject's same number is left."""
    found: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        if _rewrite(limit, unit.text) != unit.text:
            found[index] = (
                f"states {limit.old} as the limit of {limit.argument.replace('_', ' ')}, which "
                f"the config now sets at {limit.new} for everyone"
            )
    return found


def count_limit_body(
    limit: CountLimit, body: str, body_format: str, marked: set[str]
) -> str | None:
    """`body` with each unit of `marked` giving the new count, every other byte kept."""

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        said = _rewrite(limit, unit.raw)
        return Keep.UNIT if said == unit.raw else said

    return rewrite_units(body, body_format, pick)


def still_old_limit(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still give the old count limit."""
    limit = count_limit(facts)
    if limit is None:
        return []
    return still_saying(
        lambda unit: _rewrite(limit, unit.text) != unit.text,
        conflicting,
        old_body,
        body,
        body_format,
    )


def count_limit_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str, str] | None:
    """The template drafter's edit for a count limit the config's schema moved: the impact's
    sentences giving the old count give the new one, every other byte kept."""
    limit = count_limit(facts)
    if limit is None:
        return None
    marked = {impact.units[index].text for index in limit_sentences(limit, impact.units)}
    marked &= {conflict.sentence for conflict in impact.conflicts}
    if not marked:
        return None
    body = impact.item.body
    new_body = count_limit_body(limit, body, impact.item.body_format, marked)
    if new_body is None or new_body == body:
        return None
    noun = impact.item.kind
    quoted = " ".join(f"“{unit.text}”" for unit in impact.units if unit.text in marked)
    rationale = (
        f"The limit moved for everyone: {limit.source()}. This {noun} still gives the old "
        f"limit in {quoted} The edit gives the new limit there, and keeps everything else in "
        f"the {noun}."
    )
    return new_body, rationale


def limit_fact(facts: ChangeFacts) -> str | None:
    """The moved count limit said as a drafting model's fact: what the template writes from."""
    limit = count_limit(facts)
    if limit is None:
        return None
    return (
        f"{limit.source()}: the limit moved for everyone, so text giving {limit.old} as the "
        f"number of {limit.argument.replace('_', ' ')}s (in words, figures or ordinals: "
        f"'{_cardinal(limit.old, 'a')} times', 'after the {_ordinal(limit.old, 'a')}', "
        f"'{_ordinal(limit.old + 1, '1')} onwards') gives {limit.new} the same way; the same "
        f"number about another subject stays"
    )
