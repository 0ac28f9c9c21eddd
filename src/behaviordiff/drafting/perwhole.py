"""A free allowance whose unit changes from each thing to one thing per whole: the old prompt
made something free "for each item in the order", the new one "for one item per order", with
"each further item … costs £3" beside it (`per_whole`). What changed is the unit the
allowance counts in, not the thing nor its price, so no amount the KB states moved.

The KB sentences that state the old unit for the rule's subject ("Gift wrapping is free for
each item in your order", "We wrap each item free of charge, however many you choose", a
table row "Gift wrapping | Free | For each item") conflict; so does a sentence of the same
paragraph counting free ones ("three free wraps"). Other per-item rules (labels £2 for each
item, £1 off for each jar) name another subject and stay (`per_whole_conflicts`).

The edit (`per_whole_edit`) says the new allowance in their place, in the prompt's own
descriptive words (its rule up to the instruction, and the further-item sentence); a table
cell gets the new unit. Flagged with the reason when the prompt's words are no statement a
KB can carry. A drafting model gets the same fact (`per_whole_fact`) and its edit the same
check (`still_per_each`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    kept_or_written,
    plain_text,
    rewrite_units,
    row_cells,
    terms,
)

PER_WHOLE_REASON = "states the old allowance for each"

_EACH = r"\b(?:for\s+)?(?:each|every)\s+(?P<noun>[a-z]+)\b"
_ONE_PER = re.compile(
    r"\b(?P<one>(?:for\s+)?(?:one|a\s+single|the\s+first|1))\s+(?P<noun>[a-z]+?)s?\s+"
    r"(?:per|in\s+each|in\s+every|for\s+each|a)\s+(?P<whole>[a-z]+)\b",
    re.I,
)
_FURTHER = re.compile(
    r"^(?:each|every|any)\s+(?:further|additional|extra|other|more)\s+(?P<noun>[a-z]+?)s?\b", re.I
)
_HEAD = re.compile(
    r"^(?P<head>[A-Z][^:;,.`]{2,60}?)\s+(?P<verb>is|are)\s+(?:free|included)\b", re.I
)
_HOWEVER_MANY = re.compile(r"\bhowever\s+many\b|\bno\s+matter\s+how\s+many\b", re.I)
_FREE = re.compile(r"\bfree\b|\bno\s+(?:extra\s+)?(?:charge|cost)\b|\bat\s+no\b", re.I)
_MONEY = re.compile(r"[$€£]\s?\d[\d,]*(?:\.\d+)?|\d+(?:\.\d+)?\s?(?:dollars|euros|pounds)\b")
_INSTRUCTION = re.compile(
    r"`|\b(?:the\s+customer|the\s+agent|you\s+must|call|tell|ask|use)\b", re.I
)
"""Words of an instruction to the agent, not a statement a KB can carry."""


@dataclass(frozen=True)
class PerWhole:
    """One allowance moved from each `noun` to one `noun` per `whole`."""

    noun: str
    """The counted thing, singular ("item")."""
    whole: str
    """What the new allowance is counted per ("order")."""
    head: str
    """What is free, as the new rule names it ("Gift wrapping")."""
    rule: str
    """The changed prompt sentence, new version."""
    further: str | None
    """The added prompt sentence saying what each further one costs, if any."""
    statement: str | None
    """The new allowance as a KB may state it, from the prompt's descriptive words ("Gift
    wrapping is free for one item per order, and costs £3 for each further item in the same
    order."); None when the prompt says it only as an instruction to the agent."""

    verb: str = "is"
    """The rule's verb for its subject ("is" free, "are" free)."""

    def summary(self) -> str:
        """The change in one sentence for a note: "Gift wrapping is now free for one item per
        order, no longer for each item, and costs £3 for each further item in the same order"."""
        said = (
            f"{self.head} {self.verb.lower()} now free for one {self.noun} per {self.whole}, "
            f"no longer for each {self.noun}"
        )
        if self.fee:
            costs = "costs" if self.verb.lower() == "is" else "cost"
            said += (
                f", and {costs} {self.fee} for each further {self.noun} in the same {self.whole}"
            )
        return said + "."

    @property
    def fee(self) -> str | None:
        found = _MONEY.search(self.further or "")
        return found.group(0) if found else None

    def head_stems(self) -> set[str]:
        return set(terms(self.head))


def _singular(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def per_whole(facts: ChangeFacts) -> PerWhole | None:
    """The change's allowance moved from each thing to one thing per whole, else None: a
    changed prompt sentence whose old version makes something free for each `noun` and whose
    new one for one `noun` per `whole` (and no longer for each)."""
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        one = _ONE_PER.search(rule.new)
        if one is None or not _FREE.search(rule.old):
            continue
        noun = _singular(one.group("noun"))
        each = [_singular(m.group("noun")) for m in re.finditer(_EACH, rule.old, re.I)]
        if noun not in each or noun in [
            _singular(m.group("noun")) for m in re.finditer(_EACH, rule.new, re.I)
        ]:
            continue
        head = _HEAD.match(rule.new.strip())
        if head is None or _INSTRUCTION.search(head.group("head")):
            continue  # no subject of its own ("Tell the customer wrapping is free …")
        further = next(
            (
                (other.new or "").strip()
                for other in facts.rules
                if other.kind == "sentence_added"
                and other.section == rule.section
                and (found := _FURTHER.match((other.new or "").strip())) is not None
                and _singular(found.group("noun")) == noun
            ),
            None,
        )
        whole = one.group("whole").lower()
        clause = re.split(r"[:;]|(?<=[a-z])\.\s", rule.new.strip())[0].rstrip(" .")
        fee = _MONEY.search(further or "")
        statement: str | None = None
        if _INSTRUCTION.search(clause):
            pass
        elif fee is not None:
            # the further price said of the same subject, as a row's cell says it
            costs = "costs" if head.group("verb").lower() == "is" else "cost"
            statement = (
                f"{clause}, and {costs} {fee.group(0)} for each further {noun} in the same {whole}."
            )
        elif further is None:
            statement = clause + "."
        elif not _INSTRUCTION.search(further):
            statement = f"{clause}, and {further[:1].lower()}{further[1:].rstrip(' .')}."
        return PerWhole(
            noun, whole, head.group("head"), rule.new, further, statement, head.group("verb")
        )
    return None


def _stems(text: str) -> set[str]:
    return set(terms(text))


def _states_each(change: PerWhole, text: str) -> bool:
    """Whether `text` counts the allowance per `noun`: "for each item", "every item",
    "however many"."""
    if _HOWEVER_MANY.search(text):
        return True
    return any(_singular(m.group("noun")) == change.noun for m in re.finditer(_EACH, text, re.I))


def _headings_before(item_units: Sequence[Unit]) -> list[str]:
    """For each unit, the last heading before it ("" when none), in one pass."""
    headings: list[str] = []
    heading = ""
    for unit in item_units:
        headings.append(heading)
        if unit.text.startswith("#"):
            heading = unit.text
    return headings


def _paragraph_starts(text: str, item_units: Sequence[Unit]) -> list[int]:
    """For each unit, the index of the first unit of its paragraph (a blank line apart)."""
    starts: list[int] = []
    for index, unit in enumerate(item_units):
        if index and "\n\n" not in text[item_units[index - 1].end : unit.start].replace("\r", ""):
            starts.append(starts[-1])
        else:
            starts.append(index)
    return starts


def per_whole_units(change: PerWhole, text: str, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units of an item that state the old allowance for the change's subject, each with
    its reason: a row naming the subject with a cell counting per `noun`; a sentence counting
    per `noun` ("for each item", "however many") that names the subject, alone or with its
    heading; and a sentence of such a sentence's paragraph counting free ones of the subject
    ("three free wraps")."""
    head = change.head_stems()
    reason = f"{PER_WHOLE_REASON} {change.noun}; the new prompt says “{change.rule}”" + (
        f" and “{change.further}”" if change.further else ""
    )
    marked: dict[int, str] = {}
    headings = _headings_before(item_units)
    for index, unit in enumerate(item_units):
        said = unit.text
        if said.startswith("#"):
            continue
        if said.startswith("|"):
            cells = row_cells(said)
            if cells and head <= _stems(cells[0]) and any(_states_each(change, c) for c in cells):
                marked[index] = reason
            continue
        stems = _stems(said)
        if _states_each(change, said) and stems & head and head <= stems | _stems(headings[index]):
            marked[index] = reason
    starts = _paragraph_starts(text, item_units)
    # the paragraphs with a unit marked (a unit marked below is in one already)
    paragraphs = {starts[i] for i in marked}
    for index, unit in enumerate(item_units):
        if index in marked or unit.text.startswith(("#", "|")):
            continue
        if starts[index] in paragraphs and _FREE.search(unit.text) and _stems(unit.text) & head:
            marked[index] = reason
    return marked


def per_whole_conflicts(
    facts: ChangeFacts,
    text: str,
    item_units: list[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the units stating the old allowance per thing (`per_whole_units`) marked,
    for a change of the allowance's unit (`make` builds a conflict from index, text and
    reasons); `found` as it is for any other change."""
    change = per_whole(facts)
    if change is None:
        return found
    marked = per_whole_units(change, text, item_units)
    if not marked:
        return found
    taken = {conflict.unit_index for conflict in found}
    added = [
        make(index, item_units[index].text, (reason,))
        for index, reason in marked.items()
        if index not in taken
    ]
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)


def _row_rewritten(change: PerWhole, raw: str) -> str | None:
    """A table row with its per-`noun` cell saying the new unit ("For one item per order;
    £3 for each further item")."""
    found = re.search(_EACH, raw, re.I)
    if found is None or _singular(found.group("noun")) != change.noun:
        return None
    lead = "For one" if found.group(0)[:1].isupper() else "for one"
    if not found.group(0).lower().startswith("for"):
        lead = "One" if found.group(0)[:1].isupper() else "one"
    said = f"{lead} {change.noun} per {change.whole}"
    if change.fee:
        said += f"; {change.fee} for each further {change.noun}"
    return raw[: found.start()] + said + raw[found.end() :]


def per_whole_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose conflicts state the old allowance per thing: each such
    paragraph's first sentence states the new allowance (`PerWhole.statement`), the others
    counting free ones go, a row's per-thing cell says the new unit; every other byte stays.
    Flagged with the reason when the prompt says the new allowance only as an instruction.
    None for any other change or item, or when the item has other conflicts."""
    change = per_whole(facts)
    conflicts = impact.conflicts
    if change is None or not conflicts:
        return None
    if not all(all(r.startswith(PER_WHOLE_REASON) for r in c.reasons) for c in conflicts):
        return None
    noun = impact.item.kind
    conflicting = [c.sentence for c in conflicts]
    quoted = " ".join(f"“{s}”" for s in conflicting)
    if change.statement is None:
        return None, (
            f"No safe rewrite: the new prompt makes {change.head.lower()} free for one "
            f"{change.noun} per {change.whole} (“{change.rule}”), but says it only as an "
            f"instruction to the agent; this {noun} still says it is free for each "
            f"{change.noun} in {quoted}: a writer should say the new allowance."
        )
    statement = change.statement
    body_text = plain_text(impact.item.body, impact.item.body_format)
    starts = _paragraph_starts(body_text, impact.units)
    first_of: dict[int, int] = {}
    for index, unit in enumerate(impact.units):
        if unit.text in conflicting and not unit.text.startswith("|"):
            first_of.setdefault(starts[index], index)
    stating = {impact.units[i].text for i in first_of.values()}
    done: set[str] = set()

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in conflicting:
            return Keep.UNIT
        raw = unit.raw.rstrip()
        tail = unit.raw[len(raw) :]
        if unit.text.startswith("|"):
            row = _row_rewritten(change, raw)
            return Keep.BLOCK if row is None else row + tail
        if unit.text in stating and unit.text not in done:
            done.add(unit.text)
            return statement + tail
        return ""

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None:
        return None, (
            f"No safe rewrite: the new prompt makes {change.head.lower()} free for one "
            f"{change.noun} per {change.whole}; this {noun} says it is free for each "
            f"{change.noun} in {quoted}, in a form the edit cannot restate: a writer should."
        )
    return new_body, (
        f"The new prompt makes {change.head.lower()} free for one {change.noun} per "
        f"{change.whole}, no longer for each {change.noun} (“{change.rule}”"
        + (f" “{change.further}”" if change.further else "")
        + f"). This {noun} said it for each {change.noun} in {quoted}: the edit states the "
        "new allowance there and keeps everything else, other per-"
        f"{change.noun} rules included."
    )


def per_whole_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of an allowance whose unit changed (`per_whole`): the
    same fact the template's edit rests on."""
    change = per_whole(facts)
    if change is None:
        return None
    return (
        f"{change.head} was free for each {change.noun}; it is now free for one {change.noun} "
        f"per {change.whole} (the new prompt: “{change.rule}”"
        + (f" “{change.further}”" if change.further else "")
        + f"): text about {change.head.lower()} saying “for each {change.noun}”, “every "
        f"{change.noun}” or “however many” says the old allowance and must state the new one; "
        f"other rules counted per {change.noun} (other extras, other subjects) stay as they are"
    )


def still_per_each(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still state the old allowance per thing for the
    change's subject: a conflicting sentence kept, or one the edit wrote. What no drafter's
    edit may say."""
    change = per_whole(facts)
    if change is None:
        return []
    head = change.head_stems()
    found = []
    for unit in kept_or_written(conflicts, old_body, new_body, body_format):
        said = unit.text
        if said.startswith("|"):
            cells = row_cells(said)
            if cells and head <= _stems(cells[0]) and any(_states_each(change, c) for c in cells):
                found.append(said)
        elif _states_each(change, said) and _stems(said) & head and not _ONE_PER.search(said):
            found.append(said)
    return found
