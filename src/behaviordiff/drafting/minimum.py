"""A minimum put on a service the old prompt gave whatever the amount: the old rule did it "on
every item we sell, whatever it costs"; the new one does it "on items we sell for £20 or more"
and refuses below the line (the change's condition: `item_price < 20`, the service's call
dropped there). The KB sentences about that service claiming it for every price ("so there's no
minimum price (£0)", "on any item, whatever its price", a table cell "Any item, any price")
are narrowed to the new minimum in their own words ("on items we sell for £20 or more",
"There's a minimum price of £20: …"); what else the item says of the service (the refund of
the difference, how it is done) still holds at or over the line and is kept. The same amount
on another subject (gift cards from £20) names no claim for every price and is kept.

Pure text helpers: `impact` marks the sentences (`minimum_conflicts`), the template drafter
rewrites them (`minimum_edit`), a drafting model gets the same fact (`minimum_fact`) and its
edit the same check (`still_every_price`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impactview import with_reason
from behaviordiff.drafting.text import (
    Unit,
    rewrite_claims,
    still_saying,
    terms,
)
from behaviordiff.kb.model import PLACEHOLDER

MINIMUM_REASON = "states the service for every price; the new prompt keeps it for a minimum"

_AMOUNT = r"[$£€]\s?\d[\d,]*(?:\.\d+)?"
_EVERY_PRICE = re.compile(
    r"\bno\s+minimum\b"
    r"|\bwhatever\s+(?:its|their|the|it|they)\s+(?:price|prices|cost|costs|value)\b"
    r"|\bwhatever\s+(?:it|they)\s+(?:cost|costs)\b"
    r"|\bhowever\s+(?:cheap|little|small)\b"
    r"|\b(?:any|every)\s+price\b",
    re.I,
)
"""What says a service holds for every amount, with no lower limit."""
_SPAN = re.compile(
    r"(?P<lead>\s+)(?P<prep>(?:on|for)\s+)?(?:everything|anything|every\s+\w+|any\s+\w+|all\s+(?:our\s+)?"
    r"\w+)(?:\s+we\s+\w+)?"
    r"(?:,\s*from\s+[^,.;:]+?\s+to\s+[^,.;:]+?(?=,))?"
    r"(?:,?\s*(?:so\s+)?(?:there(?:'s|’s|\s+is)\s+no\s+minimum|whatever|however)[^,.;:!?]*)",
    re.I,
)
"""An object claimed for every price, with its examples and the claim ("on everything we
sell, from a single screw to a ride-on mower, so there's no minimum price (£0)"; ", on any
item, whatever its price"): said again as the new minimum's phrase."""
_NO_MINIMUM = re.compile(
    r"\bno\s+minimum(?P<what>\s+(?:price|spend|order|amount|value))?(?:\s*\([^()]*\))?"
    r"(?P<colon>\s*:\s*)?(?P<examples>whether\s+[^,.;:]+,\s*)?",
    re.I,
)
""""no minimum price (£0): whether it's a … or a …, " said as the minimum."""
_CELL = re.compile(
    r"^(?P<pad>\s*)(?:any|every|all)\s+\w+,?\s+(?:at\s+)?(?:any|every)\s+price\b", re.I
)
"""A table cell opening with the claim ("Any item, any price, …")."""
_ALL_OF_THEM = re.compile(
    r"^(?:every\s+(?:single\s+)?one(?:\s+of\s+them)?|all\s+of\s+them|everything|yes,\s+all)"
    r"\s*[.!]$",
    re.I,
)
"""A short answer saying every one is covered, before the claim it leads into."""


@dataclass(frozen=True)
class Minimum:
    """The lower limit a change puts on a service it gave for every amount."""

    rule: Rule
    """The new prompt rule stating the minimum."""
    amount: str
    """"£20"."""
    phrase: str
    """The service's object at the minimum, as the new prompt says it: "on items we sell for
    £20 or more"."""
    topic: frozenset[str]
    """Stems naming the service: the rule's section's and the dropped call's words (two of
    them, or the one there is, must be said where a claim is marked)."""


def _number(amount: str) -> float:
    return float(re.sub(r"[^\d.]", "", amount))


def new_minimum(facts: ChangeFacts) -> Minimum | None:
    """The minimum a change puts on a service the old prompt gave whatever the amount, or None:
    the condition bounds one number from above (`< line`: the changed side is below it), the
    change drops the service's call there with nothing in its place, an old rule of the change
    claims it for every price (`_EVERY_PRICE`), and a new rule gives it for an object at the
    line ("on items we sell for £20 or more", "for orders of $15 or more")."""
    condition = facts.condition
    if condition is None or not facts.before_actions or facts.after_actions:
        return None
    numeric = [atom for atom in condition.atoms if atom.op in ("<", "<=", ">", ">=")]
    if len(numeric) != 1 or numeric[0].op != "<":
        return None
    value = numeric[0].value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not any(rule.old and _EVERY_PRICE.search(rule.old) for rule in facts.rules):
        return None
    pattern = re.compile(
        rf"\b(?:on|for)\s+(?:[a-z]+\s+){{1,4}}?(?:for|of|at|from)\s+(?P<amount>{_AMOUNT})\s+"
        r"(?:or\s+more|and\s+(?:over|above))\b",
        re.I,
    )
    for rule in facts.rules:
        if not rule.new:
            continue
        for found in pattern.finditer(" ".join(rule.new.split())):
            if _number(found.group("amount")) != float(value) or "`" in found.group(0):
                continue
            topic = terms(rule.section or "") + [
                word
                for action in facts.before_actions
                for word in terms(action.name.replace("_", " "))
            ]
            return Minimum(
                rule,
                " ".join(found.group("amount").split()),
                " ".join(found.group(0).split()),
                frozenset(topic),
            )
    return None


def _on_topic(minimum: Minimum, text: str) -> bool:
    said = set(terms(text))
    return len(minimum.topic & said) >= min(2, len(minimum.topic))


def claims_every_price(minimum: Minimum, sentence: str, context: str = "") -> bool:
    """Whether a KB sentence, about the service (itself or with `context`: the item's title),
    says it holds for every price and does not state the minimum yet."""
    return (
        _EVERY_PRICE.search(sentence) is not None
        and minimum.amount not in sentence
        and _on_topic(minimum, f"{sentence} {context}")
    )


def at_minimum(minimum: Minimum, raw: str) -> str | None:
    """`raw` (a sentence or a table row) narrowed to the minimum in its own words; None when
    the claim cannot be taken out so."""
    said = raw
    if said.lstrip().startswith("|"):
        cells = said.split("|")
        for index, cell in enumerate(cells):
            found = _CELL.match(cell)
            if found is not None:
                head = re.sub(r"^(?:on|for)\s+", "", minimum.phrase, flags=re.I)
                cells[index] = (
                    found.group("pad") + head[:1].upper() + head[1:] + cell[found.end() :]
                )
        said = "|".join(cells)
    else:
        bare = re.sub(r"^(?:on|for)\s+", "", minimum.phrase, flags=re.I)
        said = _SPAN.sub(
            lambda m: m.group("lead") + (minimum.phrase if m.group("prep") else bare),
            said,
            count=1,
        )

        def minimum_said(found: re.Match[str]) -> str:
            what = found.group("what") or ""
            colon = ": " if found.group("colon") else ""
            return f"a minimum{what} of {minimum.amount}{colon}"

        said = _NO_MINIMUM.sub(minimum_said, said, count=1)
    if said == raw or _EVERY_PRICE.search(said) or minimum.amount not in said:
        return None
    return said


def minimum_body(minimum: Minimum, body: str, body_format: str, claims: set[str]) -> str | None:
    """`body` with each unit of `claims` narrowed to the minimum (`at_minimum`) and a short
    answer just before one in its paragraph ("Every single one.") taken out, every other byte
    kept; None when a claim cannot be narrowed (a placeholder in it, no words to take out)."""

    def narrowed(raw: str) -> str | None:
        return None if PLACEHOLDER.search(raw) else at_minimum(minimum, raw)

    def answer_gone(text: str, text_units: list[Unit], index: int, changes: dict[int, str]) -> None:
        before = text_units[index - 1] if index else None
        if (
            before is not None
            and _ALL_OF_THEM.match(before.text)
            and not re.search(r"\n\s*\n", text[before.end : text_units[index].start])
        ):
            changes[index - 1] = ""

    return rewrite_claims(body, body_format, claims, narrowed, answer_gone)


def _loose(reason: str) -> bool:
    """A reason from the dropped call's words or an old reply's value alone: both still hold
    at or over the minimum."""
    return reason.startswith("describes `") or reason.endswith(
        "which the new agent no longer states"
    )


def minimum_conflicts(
    facts: ChangeFacts,
    title: str,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[[int, str, tuple[str, ...]], Any],
) -> list[Any]:
    """`found` for a minimum put on a service (`new_minimum`): the units claiming it for every
    price marked, and the reasons from the dropped call's words or the old replies' values
    alone dropped (the service and what it promised still hold at or over the line)."""
    minimum = new_minimum(facts)
    if minimum is None:
        return found
    by_index: dict[int, Any] = {}
    for conflict in found:
        reasons = tuple(reason for reason in conflict.reasons if not _loose(reason))
        if reasons:
            by_index[conflict.unit_index] = make(conflict.unit_index, conflict.sentence, reasons)
    for index, unit in enumerate(item_units):
        if claims_every_price(minimum, unit.text, title):
            by_index[index] = with_reason(by_index, index, unit.text, MINIMUM_REASON, make)
    return [by_index[index] for index in sorted(by_index)]


def minimum_edit(facts: ChangeFacts, impact: Any) -> tuple[str, str] | None:
    """The template's edit for a minimum put on a service: each sentence claiming it for every
    price narrowed to the minimum (`minimum_body`), the rest kept. None when the change puts no
    such minimum, a conflict of the item is another (another rewrite's business), or a claim
    cannot be narrowed."""
    minimum = new_minimum(facts)
    if minimum is None:
        return None
    claims = {c.sentence for c in impact.conflicts if MINIMUM_REASON in c.reasons}
    if not claims or any(MINIMUM_REASON not in c.reasons for c in impact.conflicts):
        return None
    new_body = minimum_body(minimum, impact.item.body, impact.item.body_format, claims)
    if new_body is None or new_body == impact.item.body:
        return None
    noun = impact.item.kind
    order = [unit.text for unit in impact.units if unit.text in claims]
    rationale = (
        f"The new prompt keeps the service for a minimum of {minimum.amount}: "
        f"“{minimum.rule.new}”; this {noun} still says it holds for every price in "
        + "; ".join(f"“{sentence}”" for sentence in order)
        + f". The edit says the minimum there and keeps everything else in the {noun}."
    )
    return new_body, rationale


def minimum_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a minimum put on a service, or None."""
    minimum = new_minimum(facts)
    if minimum is None:
        return None
    return (
        f"the new prompt keeps the service only {minimum.phrase} (it says “{minimum.rule.new}”): "
        f"text saying it holds for every price (no minimum, any price, whatever it costs) says "
        f"the minimum of {minimum.amount} instead; what else it says of the service still "
        "holds at or over the minimum and stays"
    )


def still_every_price(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still claim the service for every price where the
    new prompt puts a minimum on it: what no drafter's edit may keep."""
    minimum = new_minimum(facts)
    if minimum is None:
        return []
    return still_saying(
        lambda unit: _EVERY_PRICE.search(unit.text) and minimum.amount not in unit.text,
        conflicting,
        old_body,
        body,
        body_format,
    )
