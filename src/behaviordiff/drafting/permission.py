"""A permission the new prompt withdraws for some categories where it granted it to all.

The old prompt said "Children are welcome on every tour, night walks and cave trips
included."; the new one says "Children are welcome on river and forest tours." and "They
can't join the night walks or the cave trips.", and the change's condition is on those
categories (`tour_type in {night_walk, cave_trip}`). A KB sentence granting it everywhere
("Yes: children are welcome on all our tours, night walks included.") is wrong for those
categories; so is a yes/no cell of a table column about it ("Children welcome") in the rows
of those categories. The same categories named about another subject ("Every tour has a
guide, night walks included.") stay true.

Pure text helpers: `facts.scope_rules` finds the prompt sentence that narrowed the grant
(`narrows_grant`), `impact` marks the KB sentences and rows (`grants_to_all`,
`withdrawn_rows`), the template drafter says in each sentence where it still holds and where
not, in the sentence's own words (`limited_grant`), and flips the rows' cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from behaviordiff.drafting.text import plain_text, terms, units

if TYPE_CHECKING:
    from behaviordiff.detect.model import Condition
    from behaviordiff.drafting.facts import ChangeFacts, Rule

PERMISSION_REASON = "grants for every case what the new prompt withdraws for some categories"
PERMISSION_ALSO_REASON = (
    "extends the grant before it to a category the new prompt withdraws it from"
)
PERMISSION_ROW_REASON = "says yes for a category the new prompt withdraws it from"

_VERB = frozenset({"is", "are", "can", "may", "will"})
_PREPS = frozenset(
    {"on", "in", "at", "for", "to", "into", "inside", "with", "across", "throughout", "aboard"}
)
_SKIP = frozenset({"always", "also", "still", "very", "more", "most"})
_SCOPE_END = re.compile(r"\s*[,;:.!?()]|\s+(?:but|if|when|unless|provided|as long as)\b", re.I)
_UNIVERSAL = re.compile(
    r"\b(?:every|all|any|each|whether|whichever|wherever|everywhere|included|including|"
    r"includes|too|as well)\b",
    re.I,
)
_DENIES = re.compile(
    r"\b(?:can(?:'|’)t|cannot|can not|aren(?:'|’)t|isn(?:'|’)t|are not|is not|"
    r"not (?:allowed|permitted|welcome|in|on|at|for|inside)|never|no longer|mustn(?:'|’)t|"
    r"may not|won(?:'|’)t|except|excluding|apart from|other than)\b",
    re.I,
)
_FLAGS = frozenset({"yes", "no", "true", "false", "y", "n", "none", "unknown"})
_PRONOUN = frozenset({"they", "it", "these", "those"})
_YES = {"yes": "no", "y": "n", "✓": "✗", "✔": "✘", "✅": "❌"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


_PLURALS = {"children": "child", "people": "person", "men": "man", "women": "woman"}


def _stems(text: str) -> set[str]:
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
        if words and all(_stems(word) for word in words):
            return words
    return []


def _names(categories: Sequence[str], text: str) -> list[str]:
    said = _stems(text)
    return [category for category in categories if _stems(category) <= said]


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
    return _SENTENCE.split(" ".join(text.split()), maxsplit=1)[0]


_EXCLUDES = re.compile(
    r"\b(?:except|but not|apart from|other than|excluding|not including)\b", re.I
)


def _scope(words: Sequence[str]) -> str:
    """Where a grant holds, up to the clause's end; an exception after a comma is part of it
    ("on every tour, except night walks")."""
    text = " ".join(words)
    end = _SCOPE_END.search(text)
    if end is None:
        return text.strip()
    rest = text[end.start() :]
    excepted = re.match(r"\s*,\s*", rest)
    if excepted is not None and _EXCLUDES.match(rest[excepted.end() :]):
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
    if _names(categories, grant.new_scope) and not _EXCLUDES.search(grant.new_scope):
        return False
    return bool(_names(categories, grant.old_scope) or _UNIVERSAL.search(grant.old_scope))


@dataclass(frozen=True)
class WithdrawnPermission:
    """A grant the new prompt keeps for some categories only."""

    grant: Grant
    categories: tuple[str, ...]
    """The categories it no longer holds for, in words ("night walk", "cave trip")."""
    denial: str | None
    """The new prompt's sentence saying it does not hold for them ("They can't join the night
    walks or the cave trips."), or None when it has none a KB can take."""
    rule: Rule
    """The prompt sentence that narrowed the grant."""

    def words(self) -> str:
        """The grant without its scope, as the prompt said it: "Children are welcome"."""
        return f"{self.grant.subject} {self.grant.verb} {self.grant.permission}"

    def named(self) -> str:
        """The categories as a list in words: "night walk and cave trip"."""
        *rest, last = self.categories
        return f"{', '.join(rest)} and {last}" if rest else last

    def clause(self) -> str:
        """Where the grant holds now and where not, to follow the permission's words: "on
        river and forest tours; they can't join the night walks or the cave trips", or the
        new scope alone when it names them as its exceptions."""
        if _EXCLUDES.search(self.grant.new_scope):
            return self.grant.new_scope
        if self.denial is None:
            return f"{self.grant.new_scope} only"
        denial = self.denial.rstrip(" .!")
        first = denial.split(maxsplit=1)[0]
        if first.lower() in _PRONOUN or first == self.grant.subject.split()[0]:
            denial = denial[:1].lower() + denial[1:]
        return f"{self.grant.new_scope}; {denial}"


_TOLD = re.compile(
    r"\btell\s+(?:them|the\s+(?:customer|guest|caller|client|user))\s+(?:that\s+)?"
    r"(?P<said>[^:;.]+?)(?=,\s*(?:and|but|so)\b|[.:;]|$)",
    re.I,
)
_THEIRS = re.compile(r"\b(?:them|their|theirs|he|she|his|her|you|your)\b", re.I)


def _says_no(said: str, subject: set[str], named: Sequence[str], pronoun: bool) -> bool:
    """Whether `said` starts with the grant's subject (or, with `pronoun`, "they") and denies
    it in every one of the categories, each named whole or by its last word ("bell tents"
    or "tents" for "bell tent"); no instruction to the agent."""
    first = said.split(maxsplit=1)[0].lower() if said.split() else ""
    if not ((pronoun and first in _PRONOUN) or _stems(first) & subject):
        return False
    words = _stems(said)
    heads = all(
        _stems(category) <= words or _stems(category.split()[-1]) <= words for category in named
    )
    return "`" not in said and bool(_DENIES.search(said)) and heads


def _denial(
    rules: Sequence[Rule], section: str | None, grant: Grant, named: Sequence[str]
) -> str | None:
    """The new prompt's sentence, in the grant's section, that says the grant's subject (or
    "they") does not get it in the categories ("They can't join the night walks or the cave
    trips."); else what it has the agent tell the customer about it ("… tell them children
    can't join night walks or cave trips, and …" → "children can't join night walks or cave
    trips"), when it speaks of no one else."""
    subject = _stems(grant.subject)
    own = [rule.new for rule in rules if rule.new and rule.section == section]
    for text in own:
        for said in _SENTENCE.split(" ".join(text.split())):
            if _says_no(said, subject, named, pronoun=True):
                return said
    for text in own:
        for told in _TOLD.finditer(" ".join(text.split())):
            said = told["said"].strip()
            if not _THEIRS.search(said) and _says_no(said, subject, named, pronoun=False):
                return said
    return None


def withdrawn_permission(facts: ChangeFacts) -> WithdrawnPermission | None:
    """The grant a change withdraws for the categories of its condition: a changed prompt
    sentence that granted it for every case (or named them) and now grants it elsewhere
    (`narrows_grant`). None for any other change."""
    # `facts` imports this module for `narrows_grant`; `narrowed` imports `facts`
    from behaviordiff.drafting.narrowed import narrowed_offer

    # an offer kept for a subset with a price for the others is `narrowed.narrowed_offer`'s
    if not facts.restricted:
        return None
    offer = narrowed_offer(facts)
    if offer is not None and offer.others:
        return None
    categories = condition_categories(facts.condition)
    if not categories:
        return None
    for rule in facts.rules:
        if rule.kind not in ("sentence_changed", "scope_narrowed") or not rule.old or not rule.new:
            continue
        if not narrows_grant(rule.old, rule.new, categories):
            continue
        grant = grant_of(rule.old, rule.new)
        if grant is None:
            continue
        denial = _denial(facts.rules, rule.section, grant, categories)
        return WithdrawnPermission(grant, tuple(categories), denial, rule)
    return None


def _permission_at(permission: WithdrawnPermission, raw: str) -> int | None:
    """Where the scope of the grant starts in a KB sentence: after the permission's words with
    its subject before them ("children are welcome| on every tour"), or after the subject
    right after them ("we welcome children| on every tour"); None in a heading or a table
    row, or when the sentence says no such grant."""
    if raw.lstrip().startswith(("#", "|")):
        return None
    subject = _stems(permission.grant.subject)
    for found in re.finditer(rf"\b{re.escape(permission.grant.permission)}\b", raw, re.I):
        if subject & _stems(raw[: found.start()]):
            return found.end()
        after = re.match(r"\s+([\w'’-]+)", raw[found.end() :])
        if after is not None and subject & _stems(after.group(1)):
            return found.end() + after.end()
    return None


def _claims_all(permission: WithdrawnPermission, text: str) -> bool:
    return bool(_names(permission.categories, text) or _UNIVERSAL.search(text))


def grants_to_all(permission: WithdrawnPermission, sentence: str) -> bool:
    """Whether a KB sentence grants the permission everywhere ("Children are welcome on
    every tour") or in one of the categories it no longer holds for, denying it nowhere."""
    return (
        _permission_at(permission, sentence) is not None
        and not _DENIES.search(sentence)
        and _claims_all(permission, sentence)
    )


def about_withdrawn(permission: WithdrawnPermission, sentence: str) -> bool:
    """Whether a sentence speaks of the grant's subject in one of the categories it no longer
    holds for ("I've added your child to the night walk.")."""
    said = _stems(sentence)
    return bool(_stems(permission.grant.subject) & said) and bool(
        _names(permission.categories, sentence)
    )


_POINTS_BACK = re.compile(r"^\W*(?:that|this|it|which|these|and)\b", re.I)
_ALSO = re.compile(r"\b(?:includ\w*|too|as well|also)\b", re.I)


def extends_grant(permission: WithdrawnPermission, sentence: str) -> bool:
    """Whether a sentence after one granting the permission extends that grant to one of the
    categories ("That includes the night walks."): it goes where the grant is limited."""
    return (
        bool(_POINTS_BACK.match(sentence))
        and bool(_ALSO.search(sentence))
        and bool(_names(permission.categories, sentence))
        and not _DENIES.search(sentence)
    )


def limited_grant(permission: WithdrawnPermission, raw: str) -> str | None:
    """A KB sentence granting the permission to all, saying where it still holds and where
    not, its other words kept: "Yes: children are welcome on all our tours, night walks
    included." → "Yes: children are welcome on river and forest tours; they can't join the
    night walks or the cave trips." The scope replaced runs from the permission's words to
    the last of the comma-separated clauses after them that names a category or every case,
    up to a colon, a semicolon or the sentence's end. None when the sentence does not grant
    it to all, or not in such a scope ("On every tour, children are welcome.")."""
    start = _permission_at(permission, raw)
    if start is None or not grants_to_all(permission, raw):
        return None
    tail = raw[start:]
    stop = re.search(r"[;:]|[.!?](?=\W*$|\s)", tail)
    end = None
    for clause in re.finditer(r"[^,]+", tail[: stop.start() if stop else len(tail)]):
        if _claims_all(permission, clause.group(0)):
            end = clause.end()
    if end is None:
        return None
    return f"{raw[:start]} {permission.clause()}{tail[end:]}"


def _cells(row: str) -> list[tuple[int, int]]:
    """(start, end) of each cell's text in a Markdown table row, padding excluded."""
    bars = [index for index, char in enumerate(row) if char == "|"]
    spans = []
    for left, right in pairwise(bars):
        cell = row[left + 1 : right]
        lead = len(cell) - len(cell.lstrip())
        spans.append((left + 1 + lead, left + 1 + len(cell.rstrip())))
    return spans


def withdrawn_rows(permission: WithdrawnPermission, rows: Sequence[str]) -> dict[int, str]:
    """The rows of a Markdown table (header first) that say yes for one of the categories in
    the column about the permission ("| Night walk | 2 h | Yes |" under "Children welcome"),
    by index, with that cell now "No"; every other byte kept. Empty when no one column names
    the grant's subject or words, or no row's key names a category."""
    if len(rows) < 3:
        return {}
    header = rows[0]
    wanted = _stems(permission.grant.subject) | _stems(permission.grant.permission)
    columns = [
        index
        for index, (start, end) in enumerate(_cells(header))
        if index > 0 and _stems(header[start:end]) & wanted
    ]
    if len(columns) != 1:
        return {}
    column = columns[0]
    flipped: dict[int, str] = {}
    for index, row in enumerate(rows[1:], start=1):
        spans = _cells(row)
        if len(spans) <= column or set(row.strip()) <= set("|-: "):
            continue
        key = row[spans[0][0] : spans[0][1]]
        if not _names(permission.categories, key):
            continue
        start, end = spans[column]
        cell = row[start:end]
        no = _YES.get(cell.lower())
        if no is None:
            continue
        if cell.isupper() and len(cell) > 1:
            no = no.upper()
        elif cell[:1].isupper():
            no = no.capitalize()
        flipped[index] = row[:start] + no + row[end:]
    return flipped


def table_runs(raws: Sequence[str]) -> list[range]:
    """The index ranges of the runs of consecutive table rows among a text's units."""
    found: list[range] = []
    start: int | None = None
    for index, raw in enumerate([*raws, ""]):
        if raw.lstrip().startswith("|"):
            start = index if start is None else start
        elif start is not None:
            found.append(range(start, index))
            start = None
    return found


def still_granted(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences and table rows of an edited body that still grant the permission where
    the new prompt withdraws it: what no drafter's edit may keep (a drafting model's edit is
    refused)."""
    permission = withdrawn_permission(facts)
    if permission is None:
        return []
    body_units = units(plain_text(body, body_format))
    found = [unit.text for unit in body_units if grants_to_all(permission, unit.raw)]
    for run in table_runs([unit.raw for unit in body_units]):
        rows = [body_units[index].raw for index in run]
        found += [body_units[run[at]].text for at in withdrawn_rows(permission, rows)]
    return found
