"""A grant in a prompt sentence and where its two versions part: "Children are welcome on
every tour, night walks included." → "Children are welcome on river and forest tours." is
the grant "Children are welcome", once "on every tour", now "on river and forest tours".

Pure text helpers: `facts.scope_rules` finds the changed sentence that narrowed a grant for
the categories of a change's condition (`narrows_grant`); `permission` says what that means
for the KB.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.text import EVERY_CASE_WORDS, terms

if TYPE_CHECKING:
    from behaviordiff.detect.model import Condition

_VERB = frozenset({"is", "are", "can", "may", "will"})
_PREPS = frozenset(
    {"on", "in", "at", "for", "to", "into", "inside", "with", "across", "throughout", "aboard"}
)
_SKIP = frozenset({"always", "also", "still", "very", "more", "most"})
_SCOPE_END = re.compile(r"\s*[,;:.!?()]|\s+(?:but|if|when|unless|provided|as long as)\b", re.I)
UNIVERSAL = re.compile(
    r"\b(?:every|all|any|each|whether|whichever|wherever|everywhere|included|including|"
    r"includes|too|as well)\b",
    re.I,
)
DENIES = re.compile(
    r"\b(?:can(?:'|’)t|cannot|can not|aren(?:'|’)t|isn(?:'|’)t|are not|is not|"
    r"not (?:allowed|permitted|welcome|in|on|at|for|inside)|never|no longer|mustn(?:'|’)t|"
    r"may not|won(?:'|’)t|except|excluding|apart from|other than)\b",
    re.I,
)
_FLAGS = frozenset({"yes", "no", "true", "false", "y", "n", "none", "unknown"})
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_PLURALS = {"children": "child", "people": "person", "men": "man", "women": "woman"}


def stems_of(text: str) -> set[str]:
    """Word stems with a plural "s" off ("pods" and "pod" alike, "children" and "child")."""
    return {
        _PLURALS.get(word)
        or (word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word)
        for word in terms(text)
    }


def condition_categories(condition: Condition | None) -> list[str]:
    """The categories a condition's categorical atom picks, in words ("night walk" for
    `tour_type in {night_walk, …}`); empty without one."""
    if condition is None:
        return []
    for atom in condition.atoms:
        if atom.op == "in" and isinstance(atom.value, tuple):
            values = [value for value in atom.value if isinstance(value, str)]
        elif atom.op == "=" and isinstance(atom.value, str):
            values = [atom.value]
        else:
            continue
        words = [re.sub(r"[_-]+", " ", value).strip() for value in values]
        # a yes/no feature ("member = no") names whom, not a category of where or what
        if any(word.lower() in _FLAGS for word in words):
            continue
        if words and all(stems_of(word) for word in words):
            return words
    return []


def named_in(categories: Sequence[str], text: str) -> list[str]:
    """The categories a text names, every word of each ("glamping pods" for "glamping pod")."""
    said = stems_of(text)
    return [category for category in categories if stems_of(category) <= said]


@dataclass(frozen=True)
class Grant:
    """A prompt sentence granting something, split where its two versions part."""

    subject: str
    """Who or what is granted it, as the sentence says ("Children")."""
    verb: str
    """The verb before the permission's words ("are", "can")."""
    permission: str
    """The words that grant it ("welcome", "allowed", "join")."""
    old_scope: str
    """Where the old version granted it ("on every tour")."""
    new_scope: str
    """Where the new version grants it ("on river and forest tours")."""


def _first_sentence(text: str) -> str:
    return SENTENCE.split(" ".join(text.split()), maxsplit=1)[0]


EXCLUDES = re.compile(r"\b(?:except|but not|apart from|other than|excluding|not including)\b", re.I)


def _scope(words: Sequence[str]) -> str:
    """Where a grant holds, up to the clause's end; an exception after a comma is part of it
    ("on every tour, except night walks")."""
    text = " ".join(words)
    end = _SCOPE_END.search(text)
    if end is None:
        return text.strip()
    rest = text[end.start() :]
    excepted = re.match(r"\s*,\s*", rest)
    if excepted is not None and EXCLUDES.match(rest[excepted.end() :]):
        after = _SCOPE_END.search(text, end.start() + excepted.end())
        return (text[: after.start()] if after else text).strip()
    return text[: end.start()].strip()


def grant_of(old: str, new: str) -> Grant | None:
    """The grant two versions of a prompt sentence share ("<subject> are <permission> <scope>"),
    with each version's scope; None when they do not part after the same grant."""
    old_words = _first_sentence(old).split()
    new_words = _first_sentence(new).split()
    shared = 0
    for before, after in zip(old_words, new_words, strict=False):
        if before.lower() != after.lower():
            break
        shared += 1
    verb = next((i for i, word in enumerate(old_words[:shared]) if word.lower() in _VERB), None)
    if verb is None or verb == 0 or shared <= verb + 1:
        return None
    rest = old_words[verb + 1 : shared]
    prep = next((i for i, word in enumerate(rest) if word.lower() in _PREPS), len(rest))
    granting = [word for word in rest[:prep] if word.lower() not in _SKIP]
    if not granting or not all(re.fullmatch(r"[A-Za-z][\w-]*", word) for word in granting):
        return None
    start = verb + 1 + prep
    old_scope, new_scope = _scope(old_words[start:]), _scope(new_words[start:])
    if not old_scope or not new_scope or old_scope.lower() == new_scope.lower():
        return None
    subject = " ".join(old_words[:verb]).split(":")[-1].strip()
    if not terms(subject):
        return None
    return Grant(subject, old_words[verb], " ".join(granting), old_scope, new_scope)


def narrows_grant(old: str, new: str, categories: Sequence[str]) -> bool:
    """Whether a changed prompt sentence granted something for every case, or named
    `categories` among those it holds for, and now grants it where it names none of them, or
    names them as its exceptions only."""
    grant = grant_of(old, new)
    if grant is None or not categories:
        return False
    # the new scope may name them only as its exceptions ("on every tour except night walks")
    if named_in(categories, grant.new_scope) and not EXCLUDES.search(grant.new_scope):
        return False
    return bool(named_in(categories, grant.old_scope) or UNIVERSAL.search(grant.old_scope))


_DETERMINER_CLAIM = re.compile(
    r"(?:\b(?P<prep>on|in|at|for|to|of|with|across|from)\s+)?"
    r"\b(?P<word>every|all|any|either|each|both)\s+(?:(?:the|our|your|their|its)\s+)?"
    r"(?P<noun>[a-z][\w-]{0,30})",
    re.I,
)
"""A claim word and what it qualifies ("every item", "on either plan", "all customers")."""
_ASIDE_CLAIM = re.compile(r"\b(?:whichever|wherever|whenever)\b", re.I)
"""Claim words `EVERY_CASE_WORDS` does not read ("whichever car park you use")."""
_VALUE = re.compile(
    r"\d+(?:[.,]\d+)?|\b(?:"
    + "|".join(sorted(CARDINALS, key=len, reverse=True))
    + r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|working|business|weekdays?|weekends?"
    r"|phone|email|chat|post|online|in store|in person)\b",
    re.I,
)
"""What a rule states beside its cases: amounts, days and channels ("within 2 hours",
"Monday to Saturday", "by phone"); a narrowed claim keeps them all."""
_MIN_KEPT = 3
"""How many content words a narrowed sentence keeps of the old one, at least: the same rule."""
_MAX_ADDED = 6
"""How many content words it adds, at most: the cases it now names, not another rule."""


def _claims(text: str, kept: set[str]) -> list[str]:
    """The every-case claims of `text`: a claim word qualifying a noun the other version
    keeps (`kept`, "all customers" → "customers"), or in an aside after a preposition ("on
    either plan", "for every item"), or an every-case phrase (`EVERY_CASE_WORDS`: "whatever
    its condition", "no matter how", "whichever car park you use"); "any questions" in "has
    any questions about delivery" claims nothing."""
    said = [
        found.group(0)
        for found in _DETERMINER_CLAIM.finditer(text)
        if found.group("prep") or stems_of(found.group("noun")) & kept
    ]
    said += [found.group(0) for found in EVERY_CASE_WORDS.finditer(text)]
    said += [found.group(0) for found in _ASIDE_CLAIM.finditer(text)]
    return said


def _values(text: str) -> list[str]:
    """The amounts, days and channels `text` says, in order, lower-cased."""
    return sorted(found.group(0).lower() for found in _VALUE.finditer(text))


def narrows_claim(old: str, new: str, categories: Sequence[str]) -> bool:
    """Whether a changed prompt sentence claimed its rule for every case and now says it for
    named cases that are not the change's `categories` (`grant_of` aside, where the claim is
    in the subject or an aside of the sentence): "every bike can be hired for up to 7 days,
    whatever its type" → "road and hybrid bikes can be hired for up to 7 days" when e-bikes
    changed, "Members on any plan can bring a guest" → "Premium members can bring a guest"
    when Basic members changed. The new sentence keeps most of the old one's words and every
    value it states (amounts, days, channels: a value changed is another rule), drops every
    claim and adds a few words naming the cases; it names none of `categories` but as an
    exception."""
    if not categories:
        return False
    old, new = _first_sentence(old), _first_sentence(new)
    old_words, new_words = set(stems_of(old)), set(stems_of(new))
    claimed = _claims(old, new_words)
    if not claimed or _claims(new, old_words) or _values(old) != _values(new):
        return False
    if named_in(categories, new) and not EXCLUDES.search(new):
        return False
    kept = old_words & new_words
    added = new_words - old_words
    claim_words: set[str] = set()
    for claim in claimed:
        claim_words |= stems_of(claim)
    if len(kept) < _MIN_KEPT or len(kept) * 2 < len(old_words - claim_words):
        return False
    if named_in(categories, old) and not named_in(categories, new):
        # the changed cases dropped from the old claim's own list ("whatever its condition
        # (new, ex-display or refurbished)" → "new and ex-display items")
        return len(added) <= _MAX_ADDED
    return 0 < len(added) <= _MAX_ADDED
