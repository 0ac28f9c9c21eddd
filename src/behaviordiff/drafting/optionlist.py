"""The option a change's condition names ("pay_method = cheque") and the prompt sentences that
took it out of their list of options ("We accept card, bank transfer or cheque." → "We accept
card or bank transfer."): the reading `droppedoption` builds on, kept apart so that `facts`
can add such a sentence to a change's rules (`option_rules`) without importing the drafting
rules that read the facts."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.grants import DENIES

if TYPE_CHECKING:
    from behaviordiff.detect.model import Condition

DENIED = re.compile(
    rf"{DENIES.pattern}|\b(?:don(?:'|’)t|do not|doesn(?:'|’)t|does not|no|without)\b", re.I
)
"""What a sentence says when it denies something: a list of what is refused, a denial naming
the option ("we never send refunds by cheque")."""
_PREPOSITION = r"(?:(?:by|with|via|in|using|through)\s+)?"


def option_pattern(option: str) -> re.Pattern[str]:
    """The option as a word of its own, singular or plural, with the preposition it takes in
    a list ("by cheque")."""
    words = r"\s+".join(re.escape(word) for word in option.split())
    return re.compile(rf"(?<![\w-]){_PREPOSITION}{words}(?:e?s)?(?![\w-])", re.I)


def option_value(conditions: Sequence[Condition]) -> str | None:
    """The one word value the first condition tests (topic tags aside), in words."""
    if not conditions:
        return None
    atoms = [atom for atom in conditions[0].atoms if getattr(atom, "op", "") != "tag"]
    if len(atoms) != 1 or atoms[0].op not in ("=", "in"):
        return None
    value = atoms[0].value
    if isinstance(value, list | tuple):
        if len(value) != 1:
            return None
        value = value[0]
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z][A-Za-z_ -]{1,40}", value):
        return None
    return value.replace("_", " ").lower()


_CLAUSE = re.compile(r"[;:.!?]|\s(?:but|so)\s")
_LISTED_ITEM = (
    r"(?:(?:by|with|via|in|using|through)\s+)?[A-Za-z][\w'’-]*(?:[ \t]+[A-Za-z][\w'’-]*)?"
)
_LIST = re.compile(
    rf"{_LISTED_ITEM}(?:,[ \t]+{_LISTED_ITEM}){{0,8}},?[ \t]+(?:or|and)[ \t]+{_LISTED_ITEM}"
)
_NO_LONGER = re.compile(r"\bno\s+longer\b|\bany\s?more\b", re.I)
_ITEM_PREPOSITION = re.compile(r"^(?:by|with|via|in|using|through)\s+", re.I)


def still_offers(text: str, option: str) -> bool:
    """Whether a sentence names the option in a clause denying nothing ("The vans no longer
    take cash; pay by card" names cash only where it is refused)."""
    found = option_pattern(option)
    return any(found.search(clause) and not DENIED.search(clause) for clause in _CLAUSE.split(text))


def narrows(old: str, new: str, option: str) -> bool:
    """Whether a prompt sentence named the option in a list and its new form does not, or
    names it only where it says it is no longer taken (`said_withdrawn`); a list of what is
    refused losing it ("X and Y aren't covered" → "Y isn't") widens, not narrows, and a
    category now excepted ("every zone except …") is another class."""
    found = option_pattern(option)
    return (
        not DENIED.search(old)
        and bool(found.search(old))
        and (not found.search(new) or said_withdrawn(new, option))
        and bool(re.search(r",|\s(?:or|and)\s", old))
    )


def said_withdrawn(text: str, option: str) -> bool:
    """Whether a sentence names the option, and only in clauses saying it is no longer taken
    ("The vans no longer take cash; pay by card")."""
    found = option_pattern(option)
    naming = [clause for clause in _CLAUSE.split(text) if found.search(clause)]
    return bool(naming) and all(_NO_LONGER.search(clause) for clause in naming)


CANT_TAKE = re.compile(
    r"\b(?:can(?:no|'|’)?t|cannot|won(?:'|’)t|will not|don(?:'|’)t|do not|doesn(?:'|’)t|"
    r"does not|never)\s+(?:take|accept|handle)\b",
    re.I,
)


def said_refused(text: str, option: str) -> bool:
    """Whether a sentence names the option, and only in clauses saying it is not taken ("tell
    them the van can't take cash", "we don't accept cheques")."""
    found = option_pattern(option)
    naming = [clause for clause in _CLAUSE.split(text) if found.search(clause)]
    return bool(naming) and all(CANT_TAKE.search(clause) for clause in naming)


def withdrawn(old: str, new: str) -> str | None:
    """The one option, in words, a prompt sentence's list of options ("You can pay in cash or
    by card.") names and its new form no longer offers while still offering another of them
    ("The vans no longer take cash; pay by card or online."); None for any other change (a
    list of what is refused, none or two taken out, nothing left)."""
    if DENIED.search(old) or len(old) > 1000 or len(new) > 1000:
        return None
    items = [
        _ITEM_PREPOSITION.sub("", item.strip()).lower()
        for listed in _LIST.finditer(old)
        for item in re.split(r",\s*(?:(?:or|and)\s+)?|\s+(?:or|and)\s+", listed.group())
        if item.strip()
    ]
    # a two-word item may have caught a word beyond the list ("by card at"): either word
    # still offered keeps it
    gone = [
        item for item in items if not any(still_offers(new, said) for said in {item, *item.split()})
    ]
    kept = [item for item in items if item not in gone]
    if len(gone) != 1 or not kept or not re.fullmatch(r"[a-z][a-z -]{1,40}", gone[0]):
        return None
    one = gone[0]
    if len(one) > 3 and one.endswith("s") and not one.endswith(("ss", "us")):
        one = one[:-1]  # "coins" → "coin": the option's pattern reads either
    return one


def topic_only(conditions: Sequence[Condition]) -> bool:
    """Whether the first condition is topic tags alone (everyone asking how to pay)."""
    return (
        bool(conditions)
        and all(getattr(atom, "op", "") == "tag" for atom in conditions[0].atoms)
        and bool(conditions[0].atoms)
    )


def _denies_withdrawn(old: str, new: str) -> bool:
    """A sentence took one option out of its list and says it is refused: a topic-only change
    takes it as its own only then."""
    option = withdrawn(old, new)
    return option is not None and said_withdrawn(new, option)


def option_rules(
    rules: Sequence[Any],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    conditions: Sequence[Condition],
    make: Callable[..., Any],
) -> list[Any]:
    """The prompt sentences no change was attributed that took the condition's option out of
    their list, as `sentence_changed` rules of the change (`make` builds one): what the KB's
    lists of options now say."""
    value = option_value(conditions)
    if value is None and not topic_only(conditions):
        return []
    have = {rule.hunk_id for rule in rules}
    found: list[Any] = []
    for hunk_id, hunk in hunks.items():
        if hunk_id in have or hunk_id in attributed or hunk.get("kind") != "sentence_changed":
            continue
        old, new = hunk.get("old"), hunk.get("new")
        if not isinstance(old, str) or not isinstance(new, str):
            continue
        if narrows(old, new, value) if value else _denies_withdrawn(old, new):
            summary = str(hunk.get("summary") or f"{old} → {new}")
            found.append(make(hunk_id, "sentence_changed", hunk.get("section"), old, new, summary))
    return found
