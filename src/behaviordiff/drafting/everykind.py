"""A KB sentence that says the changed thing holds for every kind of customer, when a new
prompt rule makes the customers it names the exception.

"Gold members are the exception: their orders ship within 2 days." is contradicted by
"- Orders ship: within 5 days, for every member." (a claim over the kind of customer the rule
names, about what the rule's statement is about) and by "Gold members get free returns, but
everyone waits the same time for delivery." (a clause whose subject is everyone). The first is
found by `claims_for_every_kind`; the second by the universal-claim check of `impact`, whose
edit cannot take "with one exception" after it (everyone is not everyone but one): the edit
drops that clause (`without_every_clause`) and says the rule after what is left, and a
drafting model's edit that keeps or writes such a clause is refused (`still_every_same`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.text import stem, still_saying, terms

_EVERY_NOUN = re.compile(r"\b(?:every|each|all|any)\s+([A-Za-z][\w'’-]*)", re.I)
_EVERYONE = re.compile(
    r"\b(?:everyone|everybody|every one of you|all of you)\b(?!['’]?s?\s+else\b)", re.I
)
"""A claim over every customer; "everyone else" is the rest beside a case, no such claim."""
_CONTRAST = re.compile(r",?(?<!\s)\s+(?:but|and|while|whereas|yet)\s+|;\s+", re.I)


def _stems(text: str) -> set[str]:
    return {stem(word) for word in terms(text)}


def claims_for_every_kind(head: str, statement: str, sentence: str) -> bool:
    """Whether `sentence` claims for every customer of the kind the rule names ("for every
    member" where the rule names "Gold members", "everyone") what the rule's `statement` is
    about: its subject (the statement's first content word: "orders" of "orders ship within 2
    days") and another of its content words that is not the head's. Another thing said of
    every member ("Statements are issued monthly, for every member") is no such claim. A
    heading or a table row claims nothing."""
    if sentence.lstrip().startswith(("#", "|")):
        return False
    head_stems = _stems(head)
    quantified = {stem(noun.lower()) for noun in _EVERY_NOUN.findall(sentence)}
    if not (quantified & head_stems) and not _EVERYONE.search(sentence):
        return False
    words = [word for word in terms(statement) if word not in head_stems]
    said = _stems(sentence)
    return bool(words) and words[0] in said and len(set(words) & said) >= 2


def _split_every_clause(sentence: str) -> tuple[str, str] | None:
    """(what stands before, the last clause) of a sentence whose last clause, and only it,
    says everyone gets the same."""
    body = sentence.rstrip()
    end = len(body.rstrip(".!"))
    breaks = list(_CONTRAST.finditer(body[:end]))
    if not breaks:
        return None
    last = breaks[-1]
    clause, kept = body[last.end() : end], body[: last.start()].rstrip(" ,;")
    if not _EVERYONE.search(clause) or _EVERYONE.search(kept) or len(kept.split()) < 3:
        return None
    return kept + (body[end:] or "."), clause


def without_every_clause(sentence: str) -> str | None:
    """`sentence` without its last clause when that clause, and only it, says everyone gets
    the same ("…, but everyone is paid on the same timetable." → "…."); None when no such
    clause ends the sentence or nothing stands before it."""
    found = _split_every_clause(sentence)
    return found[0] if found else None


def still_every_same(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body, kept from the conflicts or written, that still say
    everyone gets what a conflict's last clause said everyone gets ("…, but everyone is paid
    on the same timetable, with one exception: …"), when the change holds for some customers
    only. What no drafter's edit may say."""
    if not facts.restricted:
        return []
    clauses = [_stems(found[1]) for found in map(_split_every_clause, conflicts) if found]
    if not clauses:
        return []
    return still_saying(
        lambda unit: (
            _EVERYONE.search(unit.text)
            and any(len(clause & _stems(unit.text)) >= 2 for clause in clauses)
        ),
        conflicts,
        old_body,
        new_body,
        body_format,
    )
