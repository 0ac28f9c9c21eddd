"""Whose claim a sentence makes: the subject it is said of.

A claim for every case ("free for every guest", "the same however you booked") contradicts a
new rule for some cases only when it is said of what the rule is about. "Luggage storage is
free for every guest, before check-in and after check-out" shares "free" and "check-in" with
"early check-in is free for direct bookings", but its subject is luggage storage: another
extra, whose claim still holds. A subject that is itself the universal ("Any prescription
with refills left can be refilled in chat") or a pronoun ("It's the same price whatever …")
says nothing here: the claim is read as before."""

from __future__ import annotations

import re
from collections.abc import Set

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import rule_topic
from behaviordiff.drafting.text import stem, terms

_SUBJECT = re.compile(
    r"^\s*(?P<subject>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,4}?)\s+"
    r"(?:is|are|costs?|comes?|stays?|remains?|can|will|gets?)\b",
    re.I,
)
"""The noun phrase a sentence opens with, up to its verb: one to five words, each a single
token, so the match is tried at one place with a bounded number of splits."""
_NO_SUBJECT = re.compile(
    r"\b(?:it|this|that|these|those|they|you|we|there|here|any|every|all|each|whatever|"
    r"whichever|however|if|when|whether|no|nothing|everything|everyone|anyone)\b",
    re.I,
)
"""Words that leave the subject to the context, or make the subject itself the claim."""


def claim_subject(sentence: str) -> str | None:
    """The noun phrase `sentence` opens with before its verb ("Luggage storage" of "Luggage
    storage is free …"), or None when it opens otherwise, with a pronoun, or with a
    quantifier (`_NO_SUBJECT`)."""
    found = _SUBJECT.match(sentence[:200])
    if found is None or _NO_SUBJECT.search(found.group("subject")):
        return None
    return found.group("subject")


def word_stems(text: str) -> set[str]:
    """Stems of `text`'s words, a hyphenated word read whole and in parts (check-in: check,
    checkin)."""
    return {stem(word) for word in [*terms(text), *terms(text.replace("-", ""))]}


def claim_of_other_subject(topic: Set[str], sentence: str) -> bool:
    """Whether `sentence` opens with a subject of its own (`claim_subject`) that names no
    stem of the change's `topic`: what it claims for everyone is claimed of something else.
    False when the topic is unknown or the sentence has no such subject."""
    if not topic:
        return False
    subject = claim_subject(sentence)
    return subject is not None and not (word_stems(subject) & set(topic))


_DERIVED = ("ation", "ion", "ment", "al", "y")
"""Endings that make a noun of a verb's stem ("cancel" → "cancellation", "deliver" →
"delivery", "ship" → "shipment", "renew" → "renewal")."""


def derived_from(noun: str, verb: str) -> bool:
    """Whether stem `noun` is `verb` with a noun ending (`_DERIVED`), its final consonant
    doubled or an "e" dropped as English spells it ("cancellation", "reservation")."""
    base = verb[:-1] if verb.endswith("e") else verb
    if len(base) < 3 or not noun.startswith(base) or noun == base:
        return False
    rest = noun[len(base) :]
    if rest[:1] == base[-1] and base[-1] not in "aeiou":
        rest = rest[1:]
    return rest in _DERIVED


def names_topic(topic: Set[str], words: Set[str]) -> bool:
    """Whether `words` (stems) name a stem of `topic`, a verb naming its noun ("we've
    cancelled your lesson" names the topic tag "cancellation") or a noun its verb."""
    if topic & words:
        return True
    return any(derived_from(a, b) or derived_from(b, a) for a in topic for b in words)


def tag_stems(facts: ChangeFacts) -> set[str]:
    """The stems of the condition's topic tags ("conversations asking about repairs"): what
    every conversation of the change is about, so no sign of what the agent does in it."""
    condition = facts.condition
    return {
        stem(word)
        for atom in (condition.atoms if condition else ())
        if atom.op == "tag"
        for word in terms(atom.feature.removeprefix("tag:").replace("_", " "))
    }


def change_topic(facts: ChangeFacts) -> set[str]:
    """What the change is about, as stems: the topic of its changed prompt rule
    (`rule_topic`) and the condition's topic tags (`tag_stems`). Empty when neither says."""
    return rule_topic(facts.rules) | tag_stems(facts)
