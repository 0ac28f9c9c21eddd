"""Whether a changed prompt sentence widens to everyone what it kept for one category of
customer ("Replacement parts are for Club members only." → "… free for every customer, member
or not."), read from the prompt alone: `facts.build_facts` adds such a sentence no change was
attributed (`widened_rules`); `widened` drafts the KB edits it calls for."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.text import terms


class _RuleLike(Protocol):
    @property
    def hunk_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def section(self) -> str | None: ...


R = TypeVar("R", bound=_RuleLike)

_EVERYONE = (
    r"(?:every\s+\w+|everyone|everybody|anyone|anybody|all\s+(?:our\s+|the\s+)?\w+)"
    r"(?:,\s*(?:[\w-]+\s+){1,3}or\s+not\b)?"
)
FOR_EVERYONE = re.compile(rf"\b(?:for|to)\s+{_EVERYONE}", re.I)
_OR_NOT = re.compile(r"\b(?:whether\s+or\s+not|[\w-]+\s+or\s+not)\b", re.I)


def word_pattern(stem: str) -> str:
    return rf"{re.escape(stem)}[\w-]*"


def restricts(sentence: str, category: Sequence[str]) -> bool:
    """Whether a sentence keeps something for the category: "for Club members only",
    "only for members", "a members-only perk", "to members only"."""
    for stem in category:
        word = word_pattern(stem)
        if re.search(
            rf"\b(?:for|to)\s+(?:[\w'&-]+\s+){{0,3}}?{word}\s+only\b|\bonly\s+(?:for|to)\s+"
            rf"(?:[\w'&-]+\s+){{0,3}}?{word}\b|\b{word}[- ]only\b",
            sentence,
            re.I,
        ):
            return True
    return False


def category_words(conditions: Sequence[Condition]) -> tuple[str, ...]:
    condition = conditions[0] if conditions else None
    return tuple(
        dict.fromkeys(
            word
            for atom in (condition.atoms if condition else ())
            if atom.op != "tag"
            for word in terms(re.sub(r"[\W_]+", " ", atom.feature.rsplit(".", 1)[-1]))
        )
    )


def widens(old: str, new: str, category: Sequence[str]) -> bool:
    """Whether a changed prompt sentence kept something for the category and now gives it to
    everyone: "Rentals are for members only." → "Rentals are free for everyone"."""
    return (
        bool(category)
        and restricts(old, category)
        and not restricts(new, category)
        and bool(FOR_EVERYONE.search(new) or _OR_NOT.search(new))
    )


def unclaimed_sentence_changes(
    rules: Sequence[_RuleLike],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
) -> Iterator[tuple[str, Any, str, str]]:
    """Each changed prompt sentence, in a section of the change's own sentences, that no
    change was attributed and the change has no rule on: its hunk id, section, old and new
    text."""
    sections = {rule.section for rule in rules if rule.kind.startswith("sentence")}
    own = {rule.hunk_id for rule in rules}
    for hunk_id, hunk in hunks.items():
        section = hunk.get("section")
        if hunk_id in attributed or hunk_id in own or hunk.get("kind") != "sentence_changed":
            continue
        old, new = hunk.get("old"), hunk.get("new")
        if section not in sections or not isinstance(old, str) or not isinstance(new, str):
            continue
        yield hunk_id, section, old, new


def widened_rules(
    rules: Sequence[_RuleLike],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    conditions: Sequence[Condition],
    make: Callable[..., R],
) -> list[R]:
    """The changed prompt sentence, in a section of the change's own sentences, that kept
    something for the category of the change's condition and now gives it to everyone, when
    no change was attributed its hunk (as a `scope_widened` rule, built by `make`: facts's
    Rule, passed in as facts builds its rules with this module)."""
    category = category_words(conditions)
    if not category:
        return []
    found: list[R] = []
    for hunk_id, section, old, new in unclaimed_sentence_changes(rules, hunks, attributed):
        if widens(old, new, category):
            summary = f"section {section}: sentence widened: {old} → {new}"
            found.append(make(hunk_id, "scope_widened", section, old, new, summary))
    return found
