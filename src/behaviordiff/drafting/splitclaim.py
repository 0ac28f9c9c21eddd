"""A claim that a value holds for every case of the categories a split now tells apart: "We keep
files for 30 days on every plan" or "for 30 days, whichever plan you're on", when the new prompt
keeps 30 days on Personal and Family plans and gives Business plans 90. A KB sentence saying
both values with where each holds ("90 days on Business plans (30 days on Personal and Family
plans)") drops that claim: left beside them, it says the old rule again. A claim over something
else ("whatever the file's size", "on every order") still holds under a split by plan and stays.

Matching is on the sentence's structure and the split's own words (what its two sides share or
name): no word of any domain is known here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from behaviordiff.drafting.text import claim_clause_length, stem, terms

_EVERY_NOUN = re.compile(
    r"(?<!\s)\s+(?:on|for|across|in|with|to|at|under)\s+(?:every|each|all|any)\s+(?:of\s+)?"
    r"(?:(?:our|the|your|their|its)\s+)?(?:(?P<name>(?-i:[A-Z])[\w'’-]{1,30})\s+)?"
    r"(?P<noun>[A-Za-z][\w'’-]{1,30})(?![\w'’-])"
    r"(?=\s*(?:[,.;:!?)]|$))",
    re.I,
)
"""A claim over every case of a noun right after a value ("… on every plan", "… for all our
members", "… on any Acme policy": a name before it), the noun ending its clause: one going on
past it ("on every membership card", "for all business days", "on every plan you've held") is a
claim over something else. The name is capitalised, whatever the case of the rest. Linear."""


def _over_every(found: re.Match[str], split_words: AbstractSet[str]) -> bool:
    """Whether `found` (`_EVERY_NOUN`) claims over every case of what the split tells apart:
    its noun is the split's, and the word before it no side of the split ("on every Basic
    plan" is that side's own statement)."""
    name = found.group("name")
    if name is not None and stem(name.lower()) in split_words:
        return False
    return bool(_noun_forms(found.group("noun")) & split_words)


def split_claim_length(rest: str, split_words: AbstractSet[str]) -> int:
    """The length of the every-case claim opening `rest` (what follows a value in a sentence)
    over a noun the split names (`split_words`, stemmed: the words of its two sides), or 0:
    " on every plan" of " on every plan, so …", ", whichever plan you're on" of ", whichever
    plan you're on."."""
    found = _EVERY_NOUN.match(rest)
    if found is not None and _over_every(found, split_words):
        return found.end()
    length = claim_clause_length(rest)
    if length and set(terms(rest[:length])) & split_words:
        return length
    return 0


_SIDES_CLAIM = re.compile(
    r",\s+(?:whether\s+)?(?P<sides>[^,;:.!?()|{}]{1,60}?\bor\b[^,;:.!?()|{}]{1,60}?)"
    r"(?=[.!?]?\s*$)",
    re.I,
)
"""A clause closing a sentence that names two cases as alternatives (", whether you have
Standard or Gold cover", ", Standard or Gold"). Bounded: each side at most 60 characters."""


def without_sides_claim(
    raw: str,
    scope: Sequence[re.Pattern[str]],
    others: Sequence[re.Pattern[str]],
    sides: tuple[str, str] | None = None,
) -> str:
    """`raw` without the clause closing it that names both sides of a split as alternatives
    (what `scope` and `others` name): a claim that the value holds whichever side, which the
    split ends; `raw` itself when it closes with none. A claim opened by "whether" or "it
    doesn't matter whether" may list the sides ("…, and it doesn't matter whether you're
    booking a cat, a dog or a rabbit"): it goes when every case it lists is a side's
    (`sides`, the split's two phrases, read in the singular too: "a cat, a dog or a rabbit"
    beside "for dogs" and "for cats and rabbits")."""
    start = max(0, len(raw.rstrip()) - _SIDES_READ)
    listed = _LISTED_CLAIM.search(raw, start)
    if listed is not None and sides is not None and _only_sides(listed.group("sides"), *sides):
        return raw[: listed.start()] + raw[listed.end() :]
    if sides is not None:
        # the same claim between two commas, the sentence going on after it ("…, whether it's
        # a cat, a dog or a rabbit, and we refund you within 5 days")
        for count, inside in enumerate(_LISTED_INSIDE.finditer(raw)):
            if count >= _INSIDE_TRIES:
                break
            if _only_sides(inside.group("sides"), *sides):
                return raw[: inside.start()] + raw[inside.end() :]
    found = _SIDES_CLAIM.search(raw, start)
    if found is None:
        return raw
    named = found.group("sides")
    if not any(p.search(named) for p in scope) or not any(p.search(named) for p in others):
        return raw
    if len(_OR.findall(named)) != 1:
        # a third case beside the two sides ("Basic or Premium storage or a locker"): the
        # clause says more than the split, and stays (a writer's)
        return raw
    return raw[: found.start()] + raw[found.end() :]


_LISTED_CLAIM = re.compile(
    r",?\s+(?:and\s+)?(?:(?:it|that)\s+(?:doesn[’']t|does\s+not|won[’']t|will\s+not)\s+"
    r"matter\s+|no\s+matter\s+|regardless\s+of\s+)?whether\s+"
    r"(?P<sides>[^;:.!?()|{}]{1,160}?\bor\b[^,;:.!?()|{}]{1,60}?)(?=[.!?]?\s*$)",
    re.I,
)
"""A clause closing a sentence, opened by "whether", that lists the cases it claims the rule
for (", and it doesn't matter whether it's a cat, a dog or a rabbit"). Bounded: read
only in a sentence's last characters, each part at most 160 characters."""

_LISTED_INSIDE = re.compile(
    r",\s+(?:(?:no\s+matter|regardless\s+of)\s+)?whether\s+"
    r"(?P<sides>[^;:.!?()|{}]{1,160}?\bor\b[^,;:.!?()|{}]{1,60}?)(?=,\s)",
    re.I,
)
"""A listed claim opened by "whether" between two commas, inside a sentence that goes on."""
_INSIDE_TRIES = 4
"""How many such claims of one sentence are read: bounded work."""

_LIST_PART = re.compile(r",\s*(?:or\s+|and\s+)?|\s+or\s+", re.I)


def _singular(word: str) -> str:
    """A word lowered and in the singular, as far as an English plural's ending shows it."""
    lowered = word.lower().strip("'’")
    if lowered.endswith("ies") and len(lowered) > 4:
        return lowered[:-3] + "y"
    if lowered.endswith(("ches", "shes", "sses", "xes")):
        return lowered[:-2]
    if lowered.endswith("s") and not lowered.endswith("ss") and len(lowered) > 3:
        return lowered[:-1]
    return lowered


_SIDE_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _side_words(phrase: str, other: str) -> set[str]:
    """The words naming one side of a split and not the other ("cat", "rabbit" of "for
    cats and rabbits" beside "for dogs"), in the singular."""
    shared = {_singular(word) for word in _SIDE_WORD.findall(other)}
    return {
        _singular(word)
        for word in _SIDE_WORD.findall(phrase)
        if len(word) > 2 and _singular(word) not in shared and word.lower() not in _LINKS
    }


_LINKS = frozenset({"and", "or", "for", "on", "the", "with", "who", "are", "all", "any"})


def _only_sides(listed: str, scope: str, others: str) -> bool:
    """Whether the cases a claim lists (`_LISTED_CLAIM`'s sides) are all the split's: each
    part ends on a word naming one side ("it came to you new"), and both sides are named. A
    part naming nothing of the split is a case beyond it: the claim stays."""
    ours, theirs = _side_words(scope, others), _side_words(others, scope)
    if not ours or not theirs:
        return False
    named = _listed_words(listed, ours | theirs)
    return named is not None and bool(named & ours) and bool(named & theirs)


def _listed_words(listed: str, words: AbstractSet[str]) -> set[str] | None:
    """The words (singular) of the last three of each part of a listed claim, when there are
    two parts at least and each ends on one of `words` ("you paid by card", "voucher", "bank
    transfer"); None when a part names none of them."""
    parts = [part.strip() for part in _LIST_PART.split(listed) if part.strip()]
    if len(parts) < 2:
        return None
    named: set[str] = set()
    for part in parts:
        tail = {_singular(word) for word in _SIDE_WORD.findall(part)[-3:]}
        if not tail & words:
            return None
        named |= tail
    return named


def listed_claim_length(rest: str, cases: str) -> int:
    """The length of the claim opening `rest` (what follows a rule in a KB sentence) that
    lists the cases it holds for, opened by "whether" (", whether you paid by card, voucher
    or bank transfer", `_LISTED_CLAIM`), when every case it lists is one `cases` names (the
    case a new rule adds and the others it keeps, in the prompt's words); 0 otherwise. The
    one check of such a listed claim the writers that say a subset's rule beside the rest's
    share (`without_sides_claim`, `appendedcase`)."""
    found = _LISTED_CLAIM.match(rest[: _SIDES_READ + 40])
    if found is None:
        return 0
    words = _side_words(cases, "")
    return found.end() if words and _listed_words(found.group("sides"), words) else 0


def lists_every_side(raw: str, scope: str, others: str) -> bool:
    """Whether `raw` closes with a claim listing the cases of a split, every one a side's and
    both sides named ("That goes for every stay, whether you're booking a cat, a dog or a
    rabbit" beside "for dogs" and "for cats and rabbits"): it claims the rule for the subset
    the change moved as well as for the rest."""
    listed = _LISTED_CLAIM.search(raw, max(0, len(raw.rstrip()) - _SIDES_READ))
    return listed is not None and _only_sides(listed.group("sides"), scope, others)


_BARE_CLAIM = re.compile(
    r"^(?:(?:(?:that|this|it|the\s+same)\s+)?(?:goes|applies|holds|is\s+true|is\s+the\s+same)"
    r"|(?:that|this|it)['’]s\s+(?:true|the\s+same))"
    r"(?:\s+(?:for|to)\s+(?:everything|anything|everyone|anyone|all|any|every|each)"
    r"(?:\s+[\w'’-]+){0,4})?\s*$",
    re.I,
)
"""A sentence that once its listed claim is gone says only that the rule before it holds for
all ("That goes for every stay", "This applies to every order"): nothing of its own."""


def only_a_claim(raw: str, scope: str, others: str) -> bool:
    """Whether `raw` is nothing but a claim that the rule before it holds for every case the
    split tells apart: a bare "That goes for every stay" closed by the listed sides
    (`lists_every_side`)."""
    listed = _LISTED_CLAIM.search(raw, max(0, len(raw.rstrip()) - _SIDES_READ))
    if listed is None or not _only_sides(listed.group("sides"), scope, others):
        return False
    head = raw[: listed.start()].strip()
    return len(head) <= _SIDES_READ and _BARE_CLAIM.match(head) is not None


def closing_every_kind(cell: str, scope: str, others: str) -> tuple[int, int] | None:
    """Where a cell or clause closes with a claim over every case of the noun both sides of a
    split share (", for every bike" beside "for e-bikes" and "for standard
    bikes"), or None."""
    text = cell.rstrip()
    found = _EVERY_CELL.search(text, max(0, len(text) - _SIDES_READ))
    if found is None:
        return None
    noun = _singular(found.group("noun"))
    if noun in _LINKS or not (_kind_named(noun, scope) and _kind_named(noun, others)):
        return None
    return found.start(), found.end()


def _kind_named(noun: str, phrase: str) -> bool:
    """Whether a side of a split names a kind of `noun` ("bike" of "for e-bikes" and of "for
    standard bikes"; "room" of "for family rooms" and "for double rooms")."""
    for word in _SIDE_WORD.findall(phrase):
        said = _singular(word)
        if said == noun or said.endswith("-" + noun):
            return True
    return False


_EVERY_CELL = re.compile(
    r",?\s+(?:for|on|to|with|across)\s+(?:every|each|all|any)\s+(?:of\s+)?(?:our\s+|the\s+)?"
    r"(?P<noun>[A-Za-z][\w'’-]{1,30})\s*$",
    re.I,
)


_OR = re.compile(r"\bor\b", re.I)
_SIDES_READ = 160
"""How many of a sentence's last characters are read for a closing claim: bounded work."""


def _noun_forms(noun: str) -> set[str]:
    """A noun's stem and its plural's ("policy" of "on any policy" and "policies" of "on Gold
    policies")."""
    lowered = noun.lower()
    plural = lowered[:-1] + "ies" if lowered.endswith("y") else lowered + "s"
    return {stem(lowered), stem(plural)}


def split_words(scope: str, others: str) -> set[str]:
    """The stemmed words of a split's two sides ("on Business plans", "on Personal and Family
    plans"): a claim over one of them is a claim over what the split tells apart."""
    return set(terms(scope)) | set(terms(others))


_COMMA = re.compile(r",")
_COMMAS_READ = 24
"""How many commas of a sentence a check reads for a claim clause after them: bounded work."""


def claims_split_after(text: str, split_words: AbstractSet[str]) -> bool:
    """Whether `text` (what follows the values a sentence states) still claims a value for
    every case of what the split tells apart, anywhere in it: " …, on every membership" or
    "…, whichever membership you hold" (`split_claim_length`, read where each may start)."""
    for found in _EVERY_NOUN.finditer(text):
        if _over_every(found, split_words):
            return True
    for count, comma in enumerate(_COMMA.finditer(text)):
        if count >= _COMMAS_READ:
            break
        length = claim_clause_length(text[comma.start() :])
        if length and set(terms(text[comma.start() : comma.start() + length])) & split_words:
            return True
    return False


def split_claim_fact(old: str, new: str, scope: str, others: str) -> str:
    """What a drafting model is told of a claim over every case beside a value split by
    category (`old` kept `others`, `new` now `scope`): it goes where both values are said."""
    return (
        f"where a sentence says both {new} {scope} and {old} {others}, a claim that {old} held "
        "for every case (“on every …”, “whichever … you have”) of what the two sides name "
        "goes: beside the two values it says the old rule again"
    )
