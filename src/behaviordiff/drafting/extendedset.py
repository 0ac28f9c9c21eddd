"""A requirement extended from some categories to more: the old prompt kept it for one kind
("The courier checks photo ID at the door only for orders containing spirits.") and the new
prompt names the change's categories beside it ("… for every order containing alcohol:
spirits, wine or beer."), the change's condition naming those categories (`category in {wine,
beer}`).

A KB sentence saying the requirement is for the old kind only ("We only check ID for
spirits", "an ID check for spirits only") now names the added ones beside it, "only" out ("We
check ID for spirits, wine and beer"), and a later mention of the old kind in that sentence
names them too ("a bottle of spirits, wine or beer"). In an item saying so, a list naming
every added category beside others that the old rule spared ("wine, beer and soft drinks don't
need ID", "For wine, beer and everything else, they hand your order over") loses them ("soft
drinks don't need ID"). The requirement's own words (the old sentence's, its subject and kinds
out) must be in the clause of the site or of the spared list ("The courier can't leave wine,
beer or cider in a locker" is about something else), and a list naming an old kind too is one
the requirement covers, not spares.
Matching is on the condition's values, the prompt's list and the sentence's structure ("only",
list separators): no word of any domain is known here.

Pure text helpers: `impact` marks the units (`extended_set_conflicts`), the template drafter
rewrites them (`extended_set_edit`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.categories import category_pattern
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.grants import stems_of
from behaviordiff.drafting.impactview import marked_for
from behaviordiff.drafting.joinedset import joined_set
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, still_saying

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts
    from behaviordiff.drafting.impactview import ImpactView

EXTENDED_REASON = "keeps a requirement to the kinds the new prompt extends it beyond"

_SEP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
_SEP_AFTER = re.compile(r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?=\w)")
_SEP_BEFORE = re.compile(r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)$")
_LIST_LEAD = re.compile(
    r"^.*\b(?:for|of|on|to|with|containing|including|includes?|contains?)\s+", re.I | re.S
)
_MAX_MEMBER = 3
_CLAUSE_END = re.compile(
    r"[;:.!?](?=\s|$)|,\s+(?:but|so|which|while|because|although|though|unless)\b", re.I
)
"""Where a clause of a unit ends."""
_SUBJECT = re.compile(r"\s*(?:the|a|an|our|your|each|every)\s+(?P<head>[A-Za-z][\w'’-]*)", re.I)
_STRUCTURE = frozenset({"only", "every", "each", "all", "any"})
_MAX = 600
"""A longer unit is no sentence a reader asks about: left alone (bounded work)."""
_ONLY = re.compile(r"\bonly\b", re.I)
_LISTED_ON = r"\s*,\s*[\w'’-]+(?:\s+[\w'’-]+)?\s*(?:,|\band\b|\bor\b)|\s+(?:and|or)\b"
"""What follows a list member with more after it ("spirits, wine and …", "spirits or …"); a
clause after a comma ("spirits, so if …") is none."""


@dataclass(frozen=True)
class ExtendedSet:
    """The kinds a requirement was kept for and the ones the new prompt adds."""

    covered: tuple[str, ...]
    """The kinds the old prompt kept it for, in the new prompt's words ("spirits")."""
    added: tuple[str, ...]
    """The change's categories in the new prompt's words ("wine", "beer")."""
    patterns: tuple[re.Pattern[str], ...]
    """How text names each added category."""
    said: str
    """The new prompt's sentence."""
    requirement: frozenset[str] = frozenset()
    """The stems of what the old sentence requires, its subject and the kinds out ("ask",
    "signature", "delivery" of "The driver asks for a signature on delivery only for …"): a
    clause keeping the requirement to a kind, or sparing kinds from it, says one of them; one
    saying the driver does something else with those kinds ("The driver can't leave …") does
    not."""


def _categories(facts: ChangeFacts) -> list[str] | None:
    condition = facts.condition
    if condition is None:
        return None
    atoms = [
        atom
        for atom in condition.atoms
        if atom.op in ("=", "in") and not atom.feature.startswith("tag:")
    ]
    if len(atoms) != 1:
        return None
    value = atoms[0].value
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    if not values or not all(isinstance(v, str) and v for v in values):
        return None
    return [str(v) for v in values]


def _members(sentence: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The spans of the list of short phrases around `start:end` of `sentence`, or None when
    a member is longer than a phrase."""
    head = max(sentence.rfind(mark, 0, start) for mark in ":;(")
    tail = len(sentence)
    for mark in (".", ";", ")", ":"):
        at = sentence.find(mark, end)
        if at >= 0:
            tail = min(tail, at)
    segment_start = head + 1
    segment = sentence[segment_start:tail]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sep in _SEP.finditer(segment):
        spans.append((cursor, sep.start()))
        cursor = sep.end()
    spans.append((cursor, len(segment)))
    first_start, first_end = spans[0]
    lead = _LIST_LEAD.match(segment[first_start:first_end])
    if lead is not None:
        spans[0] = (first_start + lead.end(), first_end)
    out: list[tuple[int, int]] = []
    for s, e in spans:
        text = segment[s:e].strip()
        if not text or len(text.split()) > _MAX_MEMBER:
            return None
        offset = segment[s:e].find(text)
        out.append((segment_start + s + offset, segment_start + s + offset + len(text)))
    return out


@once_per_change
def extended_set(facts: ChangeFacts) -> ExtendedSet | None:
    """The requirement a change extends to its categories, or None: a changed prompt sentence
    that kept it for some kinds "only" (naming none of the condition's categories) now lists
    every category beside those kinds."""
    values = _categories(facts)
    if values is None or joined_set(facts) is not None:
        return None  # one category joining a covered set is `joinedset`'s
    patterns = [category_pattern(value) for value in values]
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old, new = rule.old, rule.new
        if len(new) > _MAX or not _ONLY.search(old) or any(p.search(old) for p in patterns):
            continue
        found = [p.search(new) for p in patterns]
        if any(f is None for f in found):
            continue
        spans = [f.span() for f in found if f is not None]
        members = _members(new, min(s for s, _ in spans), max(e for _, e in spans))
        if members is None:
            continue
        added = [new[s:e] for s, e in members if any(p.fullmatch(new[s:e]) for p in patterns)]
        covered = [new[s:e] for s, e in members if not any(p.fullmatch(new[s:e]) for p in patterns)]
        if len(added) != len(values) or not covered:
            continue
        if not all(re.search(rf"\b{re.escape(kind)}\b", old, re.I) for kind in covered):
            continue
        subject = _SUBJECT.match(old)
        left = stems_of(" ".join([*covered, *added, subject["head"] if subject else ""]))
        requirement = frozenset(
            word for word in stems_of(old) - left - _STRUCTURE if word.isalpha() and len(word) > 3
        )
        if not requirement:
            continue
        return ExtendedSet(tuple(covered), tuple(added), tuple(patterns), new, requirement)
    return None


def _joined(words: Sequence[str], conjunction: str) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _clause_at(text: str, at: int) -> tuple[int, int, int]:
    """The span of the clause of `text` holding `at`, and how many clauses come before it
    (the unit is at most `_MAX` characters: bounded work)."""
    start, before = 0, 0
    for end in _CLAUSE_END.finditer(text):
        if end.start() >= at:
            return start, end.start(), before
        start, before = end.end(), before + 1
    return start, len(text), before


def _says_requirement(extended: ExtendedSet, clause: str) -> bool:
    return bool(stems_of(clause) & extended.requirement)


def _only_site(extended: ExtendedSet, text: str) -> re.Match[str] | None:
    """Where a unit keeps the requirement to the old kinds: "only … for spirits", "spirits
    only"."""
    for kind in extended.covered:
        name = category_pattern(kind).pattern
        before = re.search(
            rf"\b(?P<only>only\s+)(?:[\w'’]+\s+){{0,4}}?(?:for|on|to|with|of)\s+"
            rf"(?:(?:the|our|your)\s+)?(?P<member>{name})(?!{_LISTED_ON})",
            text,
            re.I,
        )
        after = re.search(rf"(?P<member>{name})(?P<only>\s+only)\b", text, re.I)
        for site in (before, after):
            if site is None:
                continue
            start, end, _ = _clause_at(text, site.start("member"))
            if _says_requirement(extended, text[start:end]):
                return site
    return None


def _without_added(extended: ExtendedSet, text: str, *, topical: bool = True) -> str | None:
    """`text` with the added categories out of the list naming every one of them beside
    others, or None when it has no such list, or its clause is not one sparing them: it must
    name no kind the requirement was kept for (that list is one it covers) and, `topical`, say
    a word of the requirement (not `topical`: the text after a unit's site, where the clause
    right after its colon may say "don't need one")."""
    first = [pattern.search(text) for pattern in extended.patterns]
    if not first or any(found is None for found in first):
        return None
    at = min(found.start() for found in first if found is not None)
    start, end, clauses_before = _clause_at(text, at)
    clause = text[start:end]
    if any(re.search(category_pattern(kind).pattern, clause, re.I) for kind in extended.covered):
        return None
    colon = not topical and clauses_before == 1 and text.lstrip().startswith(":")
    if not colon and not _says_requirement(extended, clause):
        return None
    out = text
    for pattern in extended.patterns:
        found = pattern.search(out)
        if found is None:
            return None
        after = _SEP_AFTER.match(out, found.end())
        if after is not None:
            rest = out[after.end() :]
            if found.start() == 0 or out[: found.start()].rstrip().endswith(("-", "*", ":")):
                rest = rest[:1].upper() + rest[1:] if out[found.start()].isupper() else rest
            out = out[: found.start()] + rest
            continue
        before = _SEP_BEFORE.search(out[: found.start()])
        if before is None:
            return None
        out = out[: before.start()] + out[found.end() :]
    return out if out != text else None


def _case_naming(extended: ExtendedSet, text: str) -> str | None:
    """A sentence whose case names an old kind alone ("If your order includes spirits, the
    courier will ask …"), the added ones named beside it; None for any other."""
    if any(pattern.search(text) for pattern in extended.patterns):
        return None
    for kind in extended.covered:
        case = re.match(
            rf"(?P<lead>\s*(?:if|when|whenever)\b[^,.;:!?]*?\b)(?P<member>{re.escape(kind)})\b"
            rf"(?!{_LISTED_ON})",
            text,
            re.I,
        )
        if case is not None:
            said = _joined([case.group("member"), *extended.added], "or")
            return text[: case.start("member")] + said + text[case.end("member") :]
    return None


def _rewritten(extended: ExtendedSet, text: str) -> str | None:
    """A unit keeping the requirement to the old kinds, saying it of the added ones too; a
    unit of such an item listing the added categories as spared, without them."""
    site = _only_site(extended, text)
    if site is None:
        return _without_added(extended, text) or _case_naming(extended, text)
    member = site.group("member")
    head = text[: site.start()]
    tail = text[site.end() :]
    tail = _without_added(extended, tail, topical=False) or tail
    # a later mention of the old kind in the site's clause, or in one saying a word of the
    # requirement ("…, so if your order includes spirits the courier asks for ID"), names the
    # added ones too; one in a clause on something else ("; spirits are kept in a locked box")
    # stays

    def mention(found: re.Match[str]) -> str:
        start, end, clauses_before = _clause_at(tail, found.start())
        if clauses_before and not _says_requirement(extended, tail[start:end]):
            return found.group(0)
        return _joined([found.group(0), *extended.added], "or")

    tail = re.sub(rf"\b{re.escape(member)}\b(?!{_LISTED_ON})", mention, tail, flags=re.I)
    listed = _joined([member, *extended.added], "and")
    if site.group("only").strip() and site.start("only") < site.start("member"):
        middle = text[site.end("only") : site.start("member")]
        return f"{head}{middle}{listed}{tail}"
    return f"{head}{listed}{tail}"


def _states_site(extended: ExtendedSet, text: str) -> bool:
    return len(text) <= _MAX and _only_site(extended, text) is not None


def extended_set_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """For a requirement extended to the change's categories (`extended_set`), the units of an
    item keeping it to the old kinds and those listing the added categories as spared, added to
    `found`."""
    extended = extended_set(facts)
    if extended is None:
        return found
    texts = [unit.text for unit in item_units]
    if not any(_states_site(extended, text) for text in texts):
        return found
    taken = {conflict.unit_index for conflict in found}
    return found + [
        make(index, text, (EXTENDED_REASON,))
        for index, text in enumerate(texts)
        if index not in taken
        and len(text) <= _MAX
        and not text.lstrip().startswith(("#", "|"))
        and _rewritten(extended, text) is not None
    ]


def extended_set_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit for a requirement extended to the change's categories: the
    units keeping it to the old kinds name the added ones, the lists sparing them lose them,
    every other byte kept. None when the change extends no requirement or the item keeps it
    to the old kinds nowhere."""
    extended = extended_set(facts)
    if extended is None:
        return None
    marked = set(marked_for(impact.conflicts, EXTENDED_REASON))
    if not any(_states_site(extended, text) for text in marked):
        return None

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in marked or unit.text.lstrip().startswith(("#", "|")):
            return Keep.UNIT
        said = _rewritten(extended, unit.raw)
        return Keep.UNIT if said is None else said

    new_body = rewrite_units(impact.item.body, impact.item.body_format, pick)
    if new_body is None:
        return None
    quoted = "; ".join(f"“{u.text}”" for u in impact.units if u.text in marked)
    added = _joined(list(extended.added), "and")
    return new_body, (
        f"The new prompt extends the requirement to {added}: “{extended.said}” This "
        f"{impact.item.kind} still keeps it to {_joined(list(extended.covered), 'and')} in "
        f"{quoted}. The edit names {added} there, takes them out of what it spares and keeps "
        "everything else."
    )


def _short_of_added(extended: ExtendedSet, text: str) -> bool:
    """Whether a clause of `text` saying the requirement of an old kind still says "only" or
    names some added kind but not every one ("We only ask for a signature for controlled
    medicines and antibiotics")."""
    for kind in extended.covered:
        for found in re.finditer(category_pattern(kind).pattern, text, re.I):
            start, end, _ = _clause_at(text, found.start())
            clause = text[start:end]
            if not _says_requirement(extended, clause):
                continue
            named = [pattern.search(clause) is not None for pattern in extended.patterns]
            if not all(named) and (any(named) or _ONLY.search(clause)):
                return True
    return False


def still_kept_to_old(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still keep the requirement to the old kinds (or
    to some of the added ones), or a marked sentence kept as it was that the template
    rewrites (a spared list, a case naming the old kind alone)."""
    extended = extended_set(facts)
    if extended is None:
        return []

    def says(unit: Unit) -> bool:
        text = unit.text
        if len(text) > _MAX or text.lstrip().startswith("#"):
            return False
        if _only_site(extended, text) is not None or _short_of_added(extended, text):
            return True
        return text in conflicting and _rewritten(extended, text) is not None

    return still_saying(says, conflicting, old_body, body, body_format)


def extended_set_fact(facts: ChangeFacts) -> str | None:
    """The extended requirement said as a drafting model's fact: what the template writes
    from."""
    extended = extended_set(facts)
    if extended is None:
        return None
    covered = _joined(list(extended.covered), "and")
    added = _joined(list(extended.added), "and")
    return (
        f"the new prompt extends a requirement kept for {covered} only to {added} too "
        f"(“{extended.said}”): text keeping it to {covered} names {added} beside it, every "
        f"one, with no “only”; a list saying {added} are spared from it loses them; text "
        "about something else that names these kinds stays"
    )
