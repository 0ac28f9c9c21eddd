"""An offer withdrawn for everyone on a topic: the old prompt offered it with the tool that
granted it ("Every guest going out can borrow a free umbrella: lend one with `lend_umbrella`
and remind them to bring it back"), the new prompt says it is no longer offered ("We no longer
lend umbrellas") or drops the sentence, and nothing does the tool's work instead. KB sentences
that still promise it go: they name what was offered as the old sentence named it ("a free
umbrella") and share its other words ("borrow", "bring it back"); a sentence about something
else with a word of it in common ("umbrella stand", "free parking") is no such promise.

Pure text helpers: `impact` marks the sentences (`promises_withdrawn`), the template drafter
deletes them, and a drafting model's edit that keeps one is refused the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    plain_text,
    rewrite_units,
    stem,
    terms,
    units,
)
from behaviordiff.kb.model import PLACEHOLDER

WITHDRAWN_REASON = "promises what the new prompt withdraws"

# what a new prompt sentence says when an offer is gone: "We no longer offer loan bikes",
# "Courtesy cars are not available any more", "we've stopped lending umbrellas"
_GONE = re.compile(
    r"\b(?:no\s+longer|not\s+any\s*more|no\s+more|discontinued|withdrawn|"
    r"stopped|(?:do|does|can)\s*(?:not|n[’']t)\s+(?:offer|provide|lend|give|have)|"
    r"(?:is|are)\s*(?:not|n[’']t)\s+(?:offered|available|provided))\b",
    re.I,
)
_SHARED = 2
_CLAUSE = re.compile(r"[;:,()]|\s[–—-]\s|\b(?:and|but|so)\b", re.I)
"""Words of the old offer sentence, besides what was offered, a KB sentence must share."""


@dataclass(frozen=True)
class Withdrawn:
    """The offer the old prompt made and the new one withdraws."""

    rule: Rule
    """The prompt sentence that offered it (`old`) and what replaced it (`new`, or None)."""
    tool: str
    offered: tuple[str, ...]
    """The stems of what was offered, in order: the tool's name after its verb
    (`lend_umbrella` → ("umbrella",), `book_loan_bike` → ("loan", "bike"))."""
    words: frozenset[str]
    """The stems of the old sentence's other words: how it promised the offer."""


def _runs_in(needle: tuple[str, ...], words: list[str]) -> bool:
    width = len(needle)
    return any(tuple(words[i : i + width]) == needle for i in range(len(words) - width + 1))


def withdrawn_offer(facts: ChangeFacts) -> Withdrawn | None:
    """The offer a change withdraws for everyone on its topic, or None: the change drops an
    action with nothing in its place, on no condition but topic tags, and a prompt sentence
    that named the action's tool and what it granted is gone or now says it is no longer
    offered."""
    if facts.after_actions or not facts.before_actions or facts.moved or facts.who():
        return None
    for rule in facts.rules:
        if rule.kind not in ("sentence_changed", "sentence_removed") or not rule.old:
            continue
        if rule.kind == "sentence_changed" and not (rule.new and _GONE.search(rule.new)):
            continue
        for action in facts.before_actions:
            name = action.name
            if not re.search(rf"\b{re.escape(name)}\b", rule.old):
                continue
            if rule.new and name in rule.new:
                continue
            parts = [part for part in name.lower().split("_") if part]
            offered = tuple(stem(part) for part in parts[1:])
            old_words = terms(rule.old.replace(name, " "))
            if not offered or not _runs_in(offered, old_words):
                continue
            words = frozenset(old_words) - set(offered) - {stem(part) for part in parts}
            return Withdrawn(rule, name, offered, words)
    return None


def still_called(facts: ChangeFacts, offer: Withdrawn) -> bool:
    """Whether a sentence the change's new prompt adds or rewrites still calls the withdrawn
    offer's tool (`` `lend_umbrella` `` after a step now asked first): the offer waits for
    that step rather than going, so deleting its promise would lose it; the new rule is said
    in its place instead."""
    pattern = re.compile(rf"`{re.escape(offer.tool)}`")
    return any(rule.new and pattern.search(rule.new) for rule in facts.rules)


def promises_withdrawn(offer: Withdrawn, sentence: str) -> bool:
    """Whether a KB sentence still promises the withdrawn offer: it names what was offered as
    the old prompt did and shares other words of the old sentence, and it does not already
    say the offer is gone."""
    words = terms(sentence)
    if not _runs_in(offer.offered, words) or _GONE.search(sentence):
        return False
    if len(set(words) & offer.words) < _SHARED:
        return False
    # the clause naming it says something of it the old sentence said ("a free umbrella"),
    # not another thing named after it ("an umbrella stand by the door")
    return any(
        _runs_in(offer.offered, said) and set(said) & offer.words
        for said in (terms(clause) for clause in _CLAUSE.split(sentence))
    )


_NUMBER = re.compile(r"\d+(?:[.:]\d+)?")


def without_promises(
    body: str, body_format: str, promising: set[str], offer: Withdrawn
) -> str | None:
    """`body` without the sentences of `promising` (`Unit.text`s), every other byte kept; None
    when nothing is deleted, or a sentence to delete also states a number the old offer did
    not (a drop-off time beside the offer is still true: flag it, do not lose it). A heading
    is never deleted."""
    old_numbers = set(_NUMBER.findall(str(offer.rule.old)))

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in promising or unit.raw.lstrip().startswith("#"):
            return Keep.UNIT
        if set(_NUMBER.findall(PLACEHOLDER.sub(" ", unit.text))) - old_numbers:
            return Keep.BLOCK
        return ""

    return rewrite_units(body, body_format, pick)


def still_promised(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still promise the offer the change withdraws,
    reworded or not: what no drafter's edit may keep (a drafting model's edit is refused).
    None for an offer the new prompt still calls after a new step (`still_called`): the
    writer says the new rule there, so a model's edit keeping the promise is no loss (the
    offer stays marked, `impact`, as what finds the item)."""
    offer = withdrawn_offer(facts)
    if offer is None or still_called(facts, offer):
        return []
    return [
        unit.text
        for unit in units(plain_text(body, body_format))
        if not unit.raw.lstrip().startswith("#") and promises_withdrawn(offer, unit.text)
    ]
