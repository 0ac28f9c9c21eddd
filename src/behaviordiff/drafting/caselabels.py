"""How a new prompt names the cases of a change's condition, read once by `build_facts`: what
the condition's category variable is a kind of ("Pet: {{ pet_name }}, a {{ species }}" → pet)
and how the prompt names the other value of its true flag ("Valid prescription:" beside
"Expired prescription:" → valid). `categoryway` writes KB text with both.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.text import terms

if TYPE_CHECKING:
    from behaviordiff.detect.model import Condition

_LABEL = re.compile(r"^\s*(?:[-*+]\s+)?(?P<label>[A-Za-z][\w'’ -]{0,40}?)\s*:\s")
"""A prompt line's label ("Pet: {{ pet_name }}", "- Valid prescription: release …")."""
_MAX_LABEL_WORDS = 4


def category_values(conditions: Sequence[Condition]) -> list[tuple[str, str]]:
    """(feature, value) of each category the change's first condition names."""
    found: list[tuple[str, str]] = []
    for atom in conditions[0].atoms if conditions else ():
        if atom.op == "=" and isinstance(atom.value, str):
            values: Sequence[Any] = [atom.value]
        elif atom.op == "in" and isinstance(atom.value, tuple | list):
            values = list(atom.value)
        else:
            continue
        found += [(atom.feature, value) for value in values if isinstance(value, str) and value]
    return found


def flag_words(conditions: Sequence[Condition]) -> set[str]:
    """Stems of the name of the one true flag of the change's first condition
    ("check_prescription.expired" → expir); empty when it has none or several."""
    atoms = conditions[0].atoms if conditions else ()
    flags = [atom for atom in atoms if atom.op == "=" and atom.value is True]
    if len(flags) != 1:
        return set()
    field = flags[0].feature.rsplit(".", 1)[-1]
    return set(terms(re.sub(r"[\W_]+", " ", field)))


def _label(line: str) -> list[str] | None:
    found = _LABEL.match(line)
    if found is None or len(found["label"].split()) > _MAX_LABEL_WORDS:
        return None
    return terms(found["label"])


def kind_words(conditions: Sequence[Condition], sections: Mapping[str, Sequence[str]]) -> list[str]:
    """What the condition's category variable is a kind of, as the new prompt labels the line
    that shows it ("Pet: {{ pet_name }}, a {{ species }}" → pet): a KB says "for any pet", not
    "for any species"."""
    features = {feature for feature, _ in category_values(conditions) if "." not in feature}
    fields = {
        feature.rsplit(".", 1)[-1]
        for feature, _ in category_values(conditions)
        if "." in feature and feature.rsplit(".", 1)[-1].lower() in _GENERIC_FIELDS
    }
    found: set[str] = set()
    for lines in sections.values():
        for line in lines:
            shown = any(
                re.search(r"\{\{\s*" + re.escape(feature) + r"\s*(?:\|[^}]*)?\}\}", line)
                for feature in features
            )
            label = _label(line) if shown else None
            found |= set(label or ())
            for field in fields:
                found |= _owner(line, field)
    return sorted(found)


_GENERIC_FIELDS = frozenset({"category", "type", "kind", "class", "tier", "group", "level"})
"""Names of a tool result's field that say only that it sorts something: what it sorts is
named by the prompt sentence that says the field ("the instrument, its category")."""


def _owner(line: str, field: str) -> set[str]:
    """What a prompt line says a tool result's generic `field` belongs to, as stems: "to see
    the instrument, its category" → instrument; "the product's type", "the type of room"."""
    name = re.escape(field.replace("_", " "))
    patterns = (
        rf"\b(?:the|a|an|each|every)\s+(?P<noun>[A-Za-z]+),?\s+(?:and\s+)?its\s+{name}\b",
        rf"\b(?P<noun>[A-Za-z]+)['’]s\s+{name}\b",
        rf"\b{name}\s+of\s+(?:the|a|an|each|every)\s+(?P<noun>[A-Za-z]+)",
    )
    found: set[str] = set()
    for pattern in patterns:
        for match in re.finditer(pattern, line, re.I):
            found |= set(terms(match["noun"]))
    return found


_CASE_HEAD = re.compile(r"^\s*(?:[-*+]\s+)?(?:if|when)\s+(?P<head>[^,:;`]+?)\s*[,:]\s", re.I)
"""A prompt line's case as a clause ("If the prescription is valid, …")."""


def _case_head(line: str) -> set[str]:
    """The words of a prompt line's case: its label ("Valid prescription:") or its leading
    "if"/"when" clause ("If the prescription is valid,"); empty when it has neither."""
    label = _label(line)
    if label:
        return set(label)
    found = _CASE_HEAD.match(line)
    if found is None or len(found["head"].split()) > 2 * _MAX_LABEL_WORDS:
        return set()
    return set(terms(found["head"]))


def flag_other_words(
    conditions: Sequence[Condition],
    sections: Mapping[str, Sequence[str]],
    within: Collection[str] = (),
) -> list[str]:
    """How the new prompt names the other value of the condition's true flag: in a section
    (of `within`, when given) whose one case names the flag ("Expired prescription: …", "If
    the prescription has expired, …"), the words of the other cases about the same thing that
    the flag's case lacks ("Valid prescription: …" → valid). Empty when the prompt says no
    such cases."""
    flag = flag_words(conditions)
    if not flag:
        return []
    for title, lines in sections.items():
        if within and title not in within:
            continue
        heads = [head for line in lines if (head := _case_head(line))]
        case = [head for head in heads if head & flag]
        if len(case) != 1:
            continue
        others = {
            word
            for head in heads
            if head is not case[0] and head & case[0] and not head & flag
            for word in head - case[0]
        }
        if others:
            return sorted(others)
    return []
