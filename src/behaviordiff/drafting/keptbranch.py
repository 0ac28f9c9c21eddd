"""A rule split in two under a condition: the added sentence that keeps the old rule for the
other side ("When … 8 weeks or fewer before departure, payment is taken in full …") is not
what the change's customers now get, so the sentence stating the new side leads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class _Rule(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def old(self) -> str | None: ...

    @property
    def new(self) -> str | None: ...


R = TypeVar("R", bound=_Rule)


def _after_condition(sentence: str) -> str:
    """The sentence past its leading clause, lowercased, spaces folded: what it says is done."""
    head, comma, rest = sentence.partition(",")
    return " ".join(rest.lower().split()) if comma and head else ""


def kept_branch_last(rules: Sequence[R]) -> list[R]:
    """`rules` with each added sentence that says, after its own leading condition, exactly
    what a changed sentence said before (the old rule kept for the other case) moved last."""
    old_rules = {
        _after_condition(rule.old) for rule in rules if rule.kind == "sentence_changed" and rule.old
    }
    old_rules.discard("")

    def kept(rule: R) -> bool:
        return (
            rule.kind == "sentence_added"
            and bool(rule.new)
            and _after_condition(rule.new or "") in old_rules
        )

    return [rule for rule in rules if not kept(rule)] + [rule for rule in rules if kept(rule)]


def kept_branch(rules: Sequence[R], new: str) -> R | None:
    """The added sentence that keeps, for the other side, what the changed sentence now saying
    `new` said before (see `kept_branch_last`); None when `new` split no rule in two."""
    old = next(
        (rule.old for rule in rules if rule.kind == "sentence_changed" and rule.new == new), None
    )
    kept = _after_condition(old or "")
    if not kept:
        return None
    return next(
        (
            rule
            for rule in rules
            if rule.kind == "sentence_added" and rule.new and _after_condition(rule.new) == kept
        ),
        None,
    )
