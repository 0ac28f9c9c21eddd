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
(`grants.narrows_grant`), `impact` marks the KB sentences and rows (`grants_to_all`,
`withdrawn_rows`), the template drafter says in each sentence where it still holds and where
not, in the sentence's own words (`limited_grant`), and flips the rows' cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from behaviordiff.drafting.everysplit import every_split
from behaviordiff.drafting.grants import (
    DENIES,
    EXCLUDES,
    SENTENCE,
    UNIVERSAL,
    Grant,
    condition_categories,
    grant_of,
    named_in,
    narrows_grant,
    stems_of,
)
from behaviordiff.drafting.narrowed import narrowed_offer
from behaviordiff.drafting.text import (
    cell_quote,
    cell_text_spans,
    claim_clause_length,
    plain_text,
    units,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule

PERMISSION_REASON = "grants for every case what the new prompt withdraws for some categories"
PERMISSION_ALSO_REASON = (
    "extends the grant before it to a category the new prompt withdraws it from"
)
PERMISSION_ROW_REASON = "says yes for a category the new prompt withdraws it from"

_PRONOUN = frozenset({"they", "it", "these", "those"})
_YES = {"yes": "no", "y": "n", "✓": "✗", "✔": "✘", "✅": "❌"}
_DOES_NOT = re.compile(r"\b(?:do|does)(?:n[’']t|\s+not)\b", re.I)
"""A denial with the category as its subject: "Saver rates do not include breakfast"."""
_PRICE = re.compile(
    r"[$€£]\s?\d[\d,]{0,12}(?:\.\d{1,2})?(?:\s+(?:per|a|an|each)\s+[a-z]{1,20}){0,3}", re.I
)
"""A price and what it is per, as a denial states it: "£12 per person per morning"."""
_SO = re.compile(r",\s+so\b[^;:.!?]*")
"""A consequence closing a clause: ", so there's nothing extra to pay" (one run, linear)."""


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
    feature: frozenset[str] = frozenset()
    """Stems of the name of the condition's feature the categories are values of ("rate",
    "type" for `rate_type`): a closing claim naming it ("whatever the rate") claims them too."""

    def words(self) -> str:
        """The grant without its scope, as the prompt said it: "Children are welcome"."""
        return f"{self.grant.subject} {self.grant.verb} {self.grant.permission}"

    def named(self) -> str:
        """The categories as a list in words: "night walk and cave trip"."""
        *rest, last = self.categories
        return f"{', '.join(rest)} and {last}" if rest else last

    def price(self) -> str | None:
        """What the categories pay for it now, as the denial says it ("£12 per person per
        morning"), or None when it states no price."""
        found = _PRICE.search(self.denial or "")
        return found.group(0) if found else None

    def clause(self) -> str:
        """Where the grant holds now and where not, to follow the permission's words: "on
        river and forest tours; they can't join the night walks or the cave trips", or the
        new scope alone when it names them as its exceptions."""
        if EXCLUDES.search(self.grant.new_scope):
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


def _category_first(said: str, subject: set[str], named: Sequence[str]) -> bool:
    """Whether `said` has the one category as its subject and denies it the grant's subject:
    "Saver rates do not include breakfast; …" for "breakfast" on saver rates."""
    if len(named) != 1 or not subject <= stems_of(said):
        return False
    size = len(named[0].split())
    opening = " ".join(said.split()[:size])
    denies = DENIES.search(said) or _DOES_NOT.search(said)
    return stems_of(opening) == stems_of(named[0]) and denies is not None


def _says_no(said: str, subject: set[str], named: Sequence[str], pronoun: bool) -> bool:
    """Whether `said` starts with the grant's subject (or, with `pronoun`, "they") and denies
    it in every one of the categories, each named whole or by its last word ("bell tents"
    or "tents" for "bell tent"), or starts with the one category and denies it the subject
    (`_category_first`); no instruction to the agent."""
    if "`" in said:
        return False
    if pronoun and _category_first(said, subject, named):
        return True
    first = said.split(maxsplit=1)[0].lower() if said.split() else ""
    if not ((pronoun and first in _PRONOUN) or stems_of(first) & subject):
        return False
    words = stems_of(said)
    heads = all(
        stems_of(category) <= words or stems_of(category.split()[-1]) <= words for category in named
    )
    return bool(DENIES.search(said)) and heads


def _denial(
    rules: Sequence[Rule], section: str | None, grant: Grant, named: Sequence[str]
) -> str | None:
    """The new prompt's sentence, in the grant's section, that says the grant's subject (or
    "they") does not get it in the categories ("They can't join the night walks or the cave
    trips."); else what it has the agent tell the customer about it ("… tell them children
    can't join night walks or cave trips, and …" → "children can't join night walks or cave
    trips"), when it speaks of no one else."""
    subject = stems_of(grant.subject)
    own = [rule.new for rule in rules if rule.new and rule.section == section]
    for text in own:
        for said in SENTENCE.split(" ".join(text.split())):
            if _says_no(said, subject, named, pronoun=True):
                return said
    for text in own:
        for told in _TOLD.finditer(" ".join(text.split())):
            said = told["said"].strip()
            if not _THEIRS.search(said) and _says_no(said, subject, named, pronoun=False):
                return said
    return None


def _feature(facts: ChangeFacts, categories: Sequence[str]) -> frozenset[str]:
    """Stems of the name of the condition's feature whose values are `categories`."""
    wanted = {frozenset(stems_of(category)) for category in categories}
    for atom in facts.condition.atoms if facts.condition else ():
        values = atom.value if isinstance(atom.value, tuple) else (atom.value,)
        said = {frozenset(stems_of(re.sub(r"[_-]+", " ", str(value)))) for value in values}
        if said == wanted:
            return frozenset(stems_of(re.sub(r"[\W_]+", " ", atom.feature.rsplit(".", 1)[-1])))
    return frozenset()


def withdrawn_permission(facts: ChangeFacts) -> WithdrawnPermission | None:
    """The grant a change withdraws for the categories of its condition: a changed prompt
    sentence that granted it for every case (or named them) and now grants it elsewhere
    (`narrows_grant`). None for any other change."""
    # an offer kept for a subset with a price for the others is `narrowed.narrowed_offer`'s
    if not facts.restricted:
        return None
    offer = narrowed_offer(facts)
    if offer is not None and offer.others:
        return None
    if every_split(facts) is not None:
        # the category still has it, at another value: a split value, not a withdrawal
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
        feature = _feature(facts, categories)
        return WithdrawnPermission(grant, tuple(categories), denial, rule, feature)
    return None


def _permission_at(permission: WithdrawnPermission, raw: str) -> int | None:
    """Where the scope of the grant starts in a KB sentence: after the permission's words with
    its subject before them ("children are welcome| on every tour"), or after the subject
    right after them ("we welcome children| on every tour"); None in a heading or a table
    row, or when the sentence says no such grant."""
    if raw.lstrip().startswith(("#", "|")):
        return None
    subject = stems_of(permission.grant.subject)
    for found in re.finditer(rf"\b{re.escape(permission.grant.permission)}\b", raw, re.I):
        if subject & stems_of(raw[: found.start()]):
            return found.end()
        after = re.match(r"\s+([\w'’-]+)", raw[found.end() :])
        if after is not None and subject & stems_of(after.group(1)):
            return found.end() + after.end()
    return None


def _claims_all(permission: WithdrawnPermission, text: str) -> bool:
    return bool(named_in(permission.categories, text) or UNIVERSAL.search(text))


def grants_to_all(permission: WithdrawnPermission, sentence: str) -> bool:
    """Whether a KB sentence grants the permission everywhere ("Children are welcome on
    every tour") or in one of the categories it no longer holds for, denying it nowhere."""
    return (
        _permission_at(permission, sentence) is not None
        and not DENIES.search(sentence)
        and _claims_all(permission, sentence)
    )


def about_withdrawn(permission: WithdrawnPermission, sentence: str) -> bool:
    """Whether a sentence speaks of the grant's subject in one of the categories it no longer
    holds for ("I've added your child to the night walk.")."""
    said = stems_of(sentence)
    return bool(stems_of(permission.grant.subject) & said) and bool(
        named_in(permission.categories, sentence)
    )


_POINTS_BACK = re.compile(r"^\W*(?:that|this|it|which|these|and)\b", re.I)
_ALSO = re.compile(r"\b(?:includ\w*|too|as well|also)\b", re.I)


def extends_grant(permission: WithdrawnPermission, sentence: str) -> bool:
    """Whether a sentence after one granting the permission extends that grant to one of the
    categories ("That includes the night walks."): it goes where the grant is limited."""
    return (
        bool(_POINTS_BACK.match(sentence))
        and bool(_ALSO.search(sentence))
        and bool(named_in(permission.categories, sentence))
        and not DENIES.search(sentence)
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
        # a closing claim that it holds whatever the case of the categories' feature
        # (", whatever the rate" for `rate_type`) goes too; one on another ("whatever the
        # weather") stays
        at = clause.start() - 1
        closing = (
            at >= 0
            and claim_clause_length(tail[at : at + 120]) > 0
            and bool(permission.feature & stems_of(clause.group(0)))
        )
        if _claims_all(permission, clause.group(0)) or closing:
            end = clause.end()
    if end is None:
        return None
    rest = tail[end:]
    consequence = _SO.match(rest) if permission.price() else None
    if consequence is not None:
        # what followed from the grant for all ("so there's nothing extra to pay") is not so
        # where the categories now pay
        rest = rest[consequence.end() :]
    return f"{raw[:start]} {permission.clause()}{rest}"


def _grant_column(permission: WithdrawnPermission, header: str) -> int | None:
    """The one column of a table's header, after its first, that names the grant's subject or
    words ("Children welcome", "Breakfast"); None when none or several do."""
    wanted = stems_of(permission.grant.subject) | stems_of(permission.grant.permission)
    columns = [
        index
        for index, (start, end) in enumerate(cell_text_spans(header))
        if index > 0 and stems_of(header[start:end]) & wanted
    ]
    return columns[0] if len(columns) == 1 else None


def row_quote(permission: WithdrawnPermission, header: str, row: str) -> str | None:
    """What a note quotes of a row saying yes for a category the grant is withdrawn from: its
    first cell and the grant's column, each after its column's name ("Tour: Night walk;
    Children welcome: Yes"), never the other columns' values; None when the header has no
    such column or another number of cells."""
    column = _grant_column(permission, header)
    return None if column is None else cell_quote(header, row, column)


def withdrawn_rows(permission: WithdrawnPermission, rows: Sequence[str]) -> dict[int, str]:
    """The rows of a Markdown table (header first) that say yes for one of the categories in
    the column about the permission ("| Night walk | 2 h | Yes |" under "Children welcome"),
    by index, with that cell now "No" (a cell saying the grant's word, "Included", now "Not
    included", with the denial's price); every other byte kept. Empty when no one column names
    the grant's subject or words, or no row's key names a category."""
    if len(rows) < 3:
        return {}
    column = _grant_column(permission, rows[0])
    if column is None:
        return {}
    flipped: dict[int, str] = {}
    for index, row in enumerate(rows[1:], start=1):
        spans = cell_text_spans(row)
        if len(spans) <= column or set(row.strip()) <= set("|-: "):
            continue
        key = row[spans[0][0] : spans[0][1]]
        if not named_in(permission.categories, key):
            continue
        start, end = spans[column]
        cell = row[start:end]
        no = _YES.get(cell.lower())
        if no is None and cell.lower() == permission.grant.permission.lower():
            # the grant's own word ("Included"): not so now, at the denial's price if any
            price = permission.price()
            no = f"not {cell.lower()}" + (f" ({price})" if price else "")
        if no is None:
            continue
        if cell.isupper() and len(cell) > 1:
            no = no.upper()
        elif cell[:1].isupper():
            no = no[:1].upper() + no[1:]
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
    denial = permission.denial
    found = [
        unit.text
        for unit in body_units
        if grants_to_all(permission, unit.raw) and not (denial and denial in unit.text)
    ]
    for run in table_runs([unit.raw for unit in body_units]):
        rows = [body_units[index].raw for index in run]
        found += [body_units[run[at]].text for at in withdrawn_rows(permission, rows)]
    return found
