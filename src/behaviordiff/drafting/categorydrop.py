"""A requirement the new prompt drops for one category while the others keep it ("Proof is
needed before any discount is applied … - veteran: a discharge certificate" → "Proof is needed
before a student discount is applied." and "Veteran discounts need no proof: apply them with
`apply_discount` straight away"), the change's condition naming the category
(`membership = veteran`).

The ask itself stays in the new prompt for the other categories, so `dropped` finds nothing
dropped. A KB sentence asking for the proof before the action and naming the category ("Before
we can add your veteran discount to order {{ref}}, please send a photo of your discharge
certificate"), a list item labelled with the category giving what it had to show ("3. Veterans:
a discharge certificate") and the sentence after such an ask holding the action back until it
comes ("As soon as it arrives, we'll add the discount") are wrong now. The same proof asked on
another topic, or for another category (no category named), stays.

Pure text helpers: `impact` marks the sentences (`category_drop_conflicts`), the template
drafter rewrites them (`category_drop_edit`): the ask says the proof is not needed for the
action, the list item says so after its label, the wait takes the action at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.dropped import singular, stems
from behaviordiff.drafting.subsets import list_item_text
from behaviordiff.drafting.text import Unit, replace_units, units
from behaviordiff.kb.model import PLACEHOLDER

_NO_NEED = re.compile(
    r"\bneeds?\s+no\s+(?P<a>[a-z]+)|\bno\s+(?P<b>[a-z]+)\s+(?:is\s+)?(?:needed|required)\b",
    re.I,
)
_ACT_WORDS = r"\b(?:\{\{[^{}]{0,80}\}\}|[^,.;:!?{]){0,200}?"
"""The rest of an action phrase: words and placeholders up to a clause's end (bounded, so
that text with many "before we" and no clause end is not scanned to its end from each)."""
_BEFORE_WE = re.compile(
    # "before we (can) add the ticket …", "we can't add the ticket … until …"
    rf"\bbefore\s+(?:we|I)\s+(?:can\s+|could\s+)?(?P<act>(?P<verb>[a-z]+){_ACT_WORDS})"
    r"(?=[,.;:!?]|$)"
    r"|\b(?:we|I)\s+(?:can[’']?t|cannot|won[’']?t|will\s+not)\s+"
    rf"(?P<act2>(?P<verb2>[a-z]+){_ACT_WORDS})\s+until\b",
    re.I,
)
_LABEL = re.compile(r"^(?P<label>[^:\n]{1,40}):\s+(?P<rest>\S.*)$", re.S)
_WAIT = re.compile(
    r"^(?:as soon as|once|after|when)\b[^,]{1,120},\s+(?P<rest>(?:we|I)\b.*?)"
    r"(?<![.!?])(?P<end>[.!?]*)$",
    re.I | re.S,
)
_AT_ONCE = re.compile(r"\b(?:straight away|right away|at once|immediately)\b", re.I)
_MIN_SHARED = 2


@dataclass(frozen=True)
class CategoryDrop:
    """A requirement the new prompt drops for one category only."""

    rule: Any
    """The drafting.facts.Rule whose new version says the category needs none."""
    category: str
    """The condition's category value, stemmed ("veteran")."""
    noun: str
    """What the new prompt says is not needed, in its words ("proof")."""
    asked: frozenset[str]
    """The stems of what the old version had the category show (its other words)."""
    timing: str
    """The words the new prompt says the action is taken at once with, or ""."""


def _category_values(conditions: Sequence[Any]) -> list[str]:
    """The one-word category values of the first condition's `=`/`in` atoms naming one value."""
    if not conditions:
        return []
    found = []
    for atom in conditions[0].atoms:
        values = atom.value if atom.op == "in" else (atom.value,) if atom.op == "=" else ()
        if isinstance(values, (tuple, list)) and len(values) == 1:
            value = values[0]
            if isinstance(value, str) and re.fullmatch(r"[a-z]+", value.lower()):
                found.append(singular(value.lower()))
    return found


def category_drop(rules: Sequence[Any], conditions: Sequence[Any]) -> CategoryDrop | None:
    """The changed prompt sentence whose new version says the condition's category needs no
    proof ("Veteran discounts need no proof: …") where its old version named the category,
    else None."""
    for category in _category_values(conditions):
        for rule in rules:
            if not (rule.old and rule.new):
                continue
            found = _NO_NEED.search(rule.new)
            if found is None or category not in stems(rule.old):
                continue
            noun = (found.group("a") or found.group("b")).lower()
            asked = frozenset(stems(rule.old) - {category})
            timing = _AT_ONCE.search(rule.new)
            return CategoryDrop(rule, category, noun, asked, timing.group(0) if timing else "")
    return None


def _labelled(text: str, item_units: Sequence[Unit], index: int) -> re.Match[str] | None:
    item = list_item_text(text, item_units, index)
    return _LABEL.match(item.strip()) if item else None


def _asks(drop: CategoryDrop, sentence: str) -> re.Match[str] | None:
    """The "before we …" clause of a sentence asking the category for the proof before the
    action: it names the category and the proof (its noun, or words of what was shown)."""
    said = stems(sentence)
    if drop.category not in said:
        return None
    if drop.noun not in said and len(said & drop.asked) < _MIN_SHARED:
        return None
    return _BEFORE_WE.search(sentence)


def category_drop_marks(
    drop: CategoryDrop, text: str, item_units: Sequence[Unit]
) -> dict[int, str]:
    """The units the drop makes wrong: "ask" (a list item labelled with the category that
    shares what was shown, or a sentence asking for it before the action), "wait" (the
    sentence after an ask holding the same action back until it comes)."""
    marks: dict[int, str] = {}
    verb = ""
    for index, unit in enumerate(item_units):
        if unit.raw.lstrip().startswith(("#", "|")):
            continue
        labelled = _labelled(text, item_units, index)
        if labelled is not None:
            if drop.category in stems(labelled.group("label")) and (
                len(stems(labelled.group("rest")) & drop.asked) >= _MIN_SHARED
            ):
                marks[index] = "ask"
            continue
        before = _asks(drop, unit.text)
        if before is not None:
            marks[index] = "ask"
            verb = (before.group("verb") or before.group("verb2")).lower()
            continue
        wait = _WAIT.match(unit.text.strip()) if verb else None
        if wait and re.search(rf"\b{re.escape(verb)}\b", wait.group("rest"), re.I):
            marks[index] = "wait"
        verb = ""
    return marks


def category_drop_edit(
    drop: CategoryDrop, text: str, item_units: list[Unit], marks: dict[int, str]
) -> str | None:
    """`text` with the marked units said the new way: a labelled list item says the proof is
    not needed after its label ("Veterans: no proof needed."), an ask says it is not needed
    for the action in the ask's own words ("We don't need proof to add your veteran discount
    to order {{ref}}."), a wait takes the action at once. None when an ask has no "before we"
    clause or would lose a placeholder."""
    changes: dict[int, str] = {}
    for index, kind in sorted(marks.items()):
        unit = item_units[index]
        labelled = _labelled(text, item_units, index)
        if labelled is not None:
            changes[index] = f"{labelled.group('label')}: no {drop.noun} needed."
            continue
        if kind == "wait":
            found = _WAIT.match(unit.text.strip())
            if found is None:
                return None
            rest = found.group("rest").rstrip(" ,")
            if drop.timing and drop.timing.lower() not in rest.lower():
                rest = f"{rest} {drop.timing}"
            changes[index] = rest[:1].upper() + rest[1:] + (found.group("end") or ".")
            continue
        before = _BEFORE_WE.search(unit.text)
        if before is None:
            return None
        act = (before.group("act") or before.group("act2")).strip()
        said = f"We don't need {drop.noun} to {act}"
        if marks.get(index + 1) != "wait":
            said += f": we do it {drop.timing}" if drop.timing else ""
        said += "."
        if sorted(PLACEHOLDER.findall(said)) != sorted(PLACEHOLDER.findall(unit.raw)):
            return None
        changes[index] = said
    return replace_units(text, changes, item_units) if changes else None


def category_drop_fact(rules: Sequence[Any], conditions: Sequence[Any]) -> str | None:
    """What a drafting model is told of a requirement dropped for one category, the same facts
    the template's edit rests on; None when the prompt drops none."""
    drop = category_drop(rules, conditions)
    if drop is None:
        return None
    return (
        f"the new prompt no longer asks for {drop.noun} for {drop.category} before it acts (it "
        f"says “{drop.rule.new}”; it said “{drop.rule.old}”), while the other categories "
        f"still need it: a sentence asking {drop.category} for it says no {drop.noun} is "
        f"needed for the action (“We don't need {drop.noun} to …”), a list item for "
        f"{drop.category} says “no {drop.noun} needed”, a sentence waiting for it takes the "
        f"action {drop.timing or 'at once'}; the other categories' asks and the same "
        "proof asked on other topics stay word for word"
    )


_SAYS_NOT_NEEDED = re.compile(
    r"\bno\s+(?:need|longer)\b|\bdon[’']?t\s+need\b|\bdo\s+not\s+need\b|\bwithout\b|"
    r"\bnot\s+(?:needed|required)\b|\bno\s+[a-z]+\s+(?:is\s+)?(?:needed|required)\b|"
    r"\bneeds?\s+no\b",
    re.I,
)


def category_drop_unsaid(
    rules: Sequence[Any], conditions: Sequence[Any], body: str, new_body: str
) -> list[str]:
    """What a model's edit of an item asking a category for proof it no longer needs does
    wrong: another category's labelled list item dropped or changed (their requirement
    stays), or no sentence saying the category no longer needs it."""
    drop = category_drop(rules, conditions)
    if drop is None:
        return []
    item_units = units(body)
    marks = category_drop_marks(drop, body, item_units)
    if not marks:
        return []
    problems = []
    flat = " ".join(new_body.split())
    for index in range(len(item_units)):
        labelled = _labelled(body, item_units, index)
        if labelled is None or index in marks:
            continue
        kept = " ".join(labelled.group(0).split())
        if kept not in flat:
            problems.append(
                f"“{kept}” is another category's requirement, which still holds: keep it"
            )
    new_units = units(new_body)  # once each, not once per unit of the new body
    flat_body = " ".join(body.split())
    said = any(
        drop.category in stems(unit.text) and _SAYS_NOT_NEEDED.search(unit.text)
        for unit in new_units
        if " ".join(unit.text.split()) not in flat_body
    ) or any(
        _SAYS_NOT_NEEDED.search(unit.text)
        for index, unit in enumerate(new_units)
        if _labelled(new_body, new_units, index) is not None and drop.category in stems(unit.text)
    )
    if not said:
        problems.append(
            f"the new body does not say that {drop.category} no longer needs {drop.noun}"
        )
    return problems
