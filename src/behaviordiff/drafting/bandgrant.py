"""A permission the new prompt keeps, for one category, to those past a line of a number: the old
prompt granted it to everyone ("Vans: any member can book a van."), the new one only to a band
("Vans: only members aged 25 and over can book a van."), and the change's condition is the band
left out with the category (`member_age < 25 and vehicle_type = van`).

KB text granting it for the category to everyone is wrong for the band left out: a sentence
naming the category with the subject under an every-case word ("Any member can book a van",
"All our members can take a van out, whatever their age") and a table row of a band wholly left
out that says yes in the category's column ("| 21 to 24 | Yes | Yes |" under "| Your age | Cars
| Vans |"). A right edit says the prompt's band after the subject, in the sentence's own words
("Any member aged 25 and over can book a van"), an every-age clause ("whatever their age") goes,
and the row's cell says no. The same words about another category ("Any member can book a
car"), the band's other rules (an excess for under-25s) and the rows past the line stay.

Pure text helpers: `impact` marks the units (`band_grant_conflicts`), the template drafter
rewrites them (`band_grant_edit`), and `drafters` tells a drafting model the same
(`band_grant_fact`) and refuses an edit that still grants it to all (`still_band_granted`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.grants import condition_categories, named_in, stems_of
from behaviordiff.drafting.impactview import with_marks_alone
from behaviordiff.drafting.rules import table_headers
from behaviordiff.drafting.text import Keep, Unit, cell_text_spans, plain_text, rewrite_units, units

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule
    from behaviordiff.drafting.impactview import ImpactView

BAND_GRANT_REASON = "grants to everyone what the new prompt keeps for a band of them"
BAND_GRANT_ROW_REASON = "says yes for a band the new prompt no longer grants it to"

_EVERY = r"(?:any|every|all|each)"
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_BAND = re.compile(
    r"^(?:(?:aged|age|who are|who're)\s+)?(?:over\s+\d+|\d+\s+(?:and|or)\s+(?:over|older|above|up)"
    r"|\d+\+)(?=\s|$)",
    re.I,
)
"""The band a new subject is qualified by: "aged 25 and over", "over 25", "21+"."""
_ANY_AGE = re.compile(
    r"(?:, ?| )?\b(?:whatever|regardless of|no matter)\s+"
    r"(?:(?:their|your|his|her|the)\s+)?ages?\b,?"
    r"|\s(?:of|at)\s+any\s+age\b",
    re.I,
)
"""An every-age clause: ", whatever their age,", "regardless of age", "of any age"."""
_OPEN_UP = re.compile(r"\b(?:and|or)\s+(?:over|older|above|up)\b|\+|\bover\b", re.I)
_NUMBER = re.compile(r"\d+")
_YES = {"yes": "No", "y": "N", "✓": "✗", "✔": "✘", "✅": "❌"}


@dataclass(frozen=True)
class BandGrant:
    """A grant the new prompt keeps for one category to a band of a number only."""

    subject: str
    """The granted subject's stem ("member")."""
    band: str
    """The band the new prompt qualifies it by, in its words ("aged 25 and over")."""
    line: float
    """The first number in the band ("25"; 17 for "over 16"): the condition's line."""
    number: float
    """The number the band is said with ("25", "16" of "over 16")."""
    feature: str
    """The variable of the line ("member_age")."""
    categories: tuple[str, ...]
    """The category it still holds for the band alone ("van")."""
    permission: str
    """What is granted, in the prompt's words ("can book a van")."""
    rule: Rule


def _words(text: str) -> list[str]:
    return text.split()


def _parted(old: str, new: str) -> tuple[str, str, str, str] | None:
    """(shared head, old middle, new middle, shared tail) of two sentences' words."""
    old_words, new_words = _words(old), _words(new)
    head = 0
    while head < min(len(old_words), len(new_words)) and old_words[head] == new_words[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(old_words), len(new_words)) - head
        and old_words[-1 - tail] == new_words[-1 - tail]
    ):
        tail += 1
    if not tail:
        return None
    return (
        " ".join(old_words[:head]),
        " ".join(old_words[head : len(old_words) - tail]),
        " ".join(new_words[head : len(new_words) - tail]),
        " ".join(old_words[len(old_words) - tail :]),
    )


def _line_atom(facts: ChangeFacts) -> tuple[str, float] | None:
    """The condition's upper bound on a number ("member_age < 25"), as the first whole number
    past the band it leaves out (25; 17 for "renter_age <= 16")."""
    condition = facts.conditions[0] if facts.conditions else None
    if condition is None:
        return None
    for atom in condition.atoms:
        if atom.op in ("<", "<=") and isinstance(atom.value, int | float):
            line = float(atom.value) + (1 if atom.op == "<=" else 0)
            return atom.feature, line
    return None


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(text.split()), maxsplit=1)[0]


def _of_rule(rule: Rule, feature: str, line: float, categories: Sequence[str]) -> BandGrant | None:
    if rule.kind != "sentence_changed" or not rule.old or not rule.new:
        return None
    parted = _parted(_first_sentence(rule.old), _first_sentence(rule.new))
    if parted is None:
        return None
    head, old_middle, new_middle, tail = parted
    every = re.fullmatch(
        rf"{_EVERY}\s+(?:of\s+our\s+|our\s+)?(?P<noun>[A-Za-z]+)", old_middle, re.I
    )
    if every is None:
        return None
    stem = next(iter(stems_of(every.group("noun"))), "")
    said = re.fullmatch(r"(?:only\s+)?(?P<noun>[A-Za-z]+)\s+(?P<band>.+)", new_middle, re.I)
    if not stem or said is None or stems_of(said.group("noun")) != {stem}:
        return None
    band = _BAND.match(said.group("band"))
    if band is None or band.end() != len(said.group("band")):
        return None
    numbers = [float(n) for n in _NUMBER.findall(band.group(0))]
    if len(numbers) != 1:
        return None
    # "25 and over", "25+" start at 25; "over 24" at 25
    starts = numbers[0] + (0 if re.search(r"\d\s*(?:\+|and|or)", band.group(0)) else 1)
    if starts != line:
        return None
    permission = tail.rstrip(".!")
    if not re.match(r"(?:can|may|is allowed to|are allowed to)\b", permission, re.I):
        return None
    named = named_in(categories, f"{head} {tail}")
    if not named:
        return None
    return BandGrant(stem, band.group(0), line, numbers[0], feature, tuple(named), permission, rule)


def band_grant(facts: ChangeFacts) -> BandGrant | None:
    """The grant a changed prompt sentence narrowed from everyone to the band past the
    condition's line, for a category the condition names; None without one."""
    lined = _line_atom(facts)
    condition = facts.conditions[0] if facts.conditions else None
    categories = condition_categories(condition)
    if lined is None or not categories:
        return None
    for rule in facts.rules:
        found = _of_rule(rule, lined[0], lined[1], categories)
        if found is not None:
            return found
    return None


def _subject(grant: BandGrant) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(grant.subject)}s?\b", re.I)


def _every_subject(grant: BandGrant, text: str) -> re.Match[str] | None:
    """The subject under an every-case word ("Any Streetwheels member", "All our members")."""
    return re.search(
        rf"\b{_EVERY}\s+(?:[A-Za-z][\w'’-]*\s+){{0,2}}?{re.escape(grant.subject)}s?\b",
        text,
        re.I,
    )


def _grants_to_all(grant: BandGrant, text: str) -> bool:
    if text.lstrip().startswith(("|", "#")) or not named_in(grant.categories, text):
        return False
    if any(float(n) == grant.number for n in _NUMBER.findall(text)):
        return False  # it says the line already
    if _every_subject(grant, text) is not None:
        return True
    return _ANY_AGE.search(text) is not None and _subject(grant).search(text) is not None


def _band_column(grant: BandGrant, header: str) -> int | None:
    """The column of the category in a table whose first column is about the line's number."""
    cells = [header[start:end] for start, end in cell_text_spans(header)]
    if not cells or not set(_WORD.findall(grant.feature.replace("_", " ").lower())) & set(
        _WORD.findall(cells[0].lower())
    ):
        return None
    columns = [i for i, cell in enumerate(cells) if i and named_in(grant.categories, cell)]
    return columns[0] if len(columns) == 1 else None


def _left_out(grant: BandGrant, cell: str) -> bool:
    """A first cell whose band lies wholly under the line ("21 to 24", "under 25")."""
    numbers = [float(n) for n in _NUMBER.findall(cell)]
    return bool(numbers) and not _OPEN_UP.search(cell) and all(n < grant.line for n in numbers)


def _row(
    grant: BandGrant, raw: str, header: str | None, columns: dict[str, int | None]
) -> str | None:
    """The row with its category cell saying no, or None when it is no such row. `columns`
    keeps each header's category column (`_band_column`), read once per table, not once per
    row of a long table under a wide header."""
    if header is None or set(raw.strip()) <= set("|-: "):
        return None
    if header not in columns:
        columns[header] = _band_column(grant, header)
    column = columns[header]
    spans = cell_text_spans(raw)
    if column is None or column >= len(spans) or not _left_out(grant, raw[slice(*spans[0])]):
        return None
    start, end = spans[column]
    flipped = _YES.get(raw[start:end].strip().lower())
    if flipped is None:
        return None
    return raw[:start] + flipped + raw[end:]


def _marked(grant: BandGrant, item_units: Sequence[Unit]) -> dict[int, str]:
    headers = table_headers([unit.raw for unit in item_units])
    columns: dict[str, int | None] = {}
    marked: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        if unit.raw.lstrip().startswith("|"):
            if _row(grant, unit.raw, headers[index], columns) is not None:
                marked[index] = BAND_GRANT_ROW_REASON
        elif _grants_to_all(grant, unit.text):
            marked[index] = BAND_GRANT_REASON
    return marked


def band_grant_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Any], conflict: Callable[..., Any]
) -> list[Any]:
    """For a grant narrowed to a band (`band_grant`), `found` with the units granting it to
    everyone marked for it (their other reasons replaced)."""
    grant = band_grant(facts)
    if grant is None:
        return found
    return with_marks_alone(found, _marked(grant, item_units), item_units, conflict)


_CLAUSE_SUBJECT = re.compile(r"\s*(?:we|you|they|i|it|he|she)\b", re.I)


def _without_any_age(found: re.Match[str]) -> str:
    """What an every-age clause leaves: the comma that closed it, mid-sentence, only before a
    main clause's own subject ("If you're a member, whatever your age, you can …"); nothing
    between a subject and its verb ("Members, whatever their age, can …" → "Members can …")."""
    closed = found.start() and found.group(0).endswith(",")
    return "," if closed and _CLAUSE_SUBJECT.match(found.string, found.end()) else ""


def limited_sentence(grant: BandGrant, raw: str) -> str | None:
    """The sentence with the prompt's band after its subject ("Any member aged 25 and over can
    book a van") and its every-age clause out; None when it names no subject to qualify."""
    said = _ANY_AGE.sub(_without_any_age, raw)
    if said[:1].isspace() and not raw[:1].isspace():
        said = said.lstrip()
    if said[:1].islower() and raw[:1].isupper():
        said = said[0].upper() + said[1:]
    at = _every_subject(grant, said) or _subject(grant).search(said)
    if at is None:
        return None
    return f"{said[: at.end()]} {grant.band}{said[at.end() :]}"


def band_grant_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit for a grant narrowed to a band: each marked sentence says
    the band, each marked row says no (`limited_sentence`, `_row`), or a flag when one cannot
    be said. None when the change narrows no such grant or the item says none of it."""
    grant = band_grant(facts)
    if grant is None:
        return None
    reasons = (BAND_GRANT_REASON, BAND_GRANT_ROW_REASON)
    marked = {c.sentence for c in impact.conflicts if set(c.reasons) & set(reasons)}
    if not marked:
        return None
    item = impact.item
    body_units = units(plain_text(item.body, item.body_format))
    raws = [unit.raw for unit in body_units]
    header_of = dict(zip(raws, table_headers(raws), strict=True))
    columns: dict[str, int | None] = {}

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        if unit.raw.lstrip().startswith("|"):
            row = _row(grant, unit.raw, header_of.get(unit.raw), columns)
            return Keep.BLOCK if row is None else row
        said = limited_sentence(grant, unit.raw)
        return Keep.BLOCK if said is None else said

    quoted = "; ".join(f"“{c.sentence}”" for c in impact.conflicts if c.sentence in marked)
    new_body = rewrite_units(item.body, item.body_format, pick)
    rule = grant.rule
    if new_body is None:
        return None, (
            f"Flagged for review: the new prompt keeps it for {grant.band} only "
            f"(“{rule.new}”); no safe rewrite says so in {quoted}."
        )
    rows = [sentence for sentence in marked if sentence.lstrip().startswith("|")]
    done = [f"says {grant.band} after whom it is for"] if len(rows) < len(marked) else []
    if any(_ANY_AGE.search(sentence) for sentence in marked):
        done.append("drops what says it holds at any age")
    if rows:
        done.append(f"says no in the {' and '.join(grant.categories)} column of the band left out")
    return new_body, (
        f"The new prompt said “{rule.old}” and now says “{rule.new}”; this {item.kind} still "
        f"grants it to everyone in {quoted}. The edit {', '.join(done)}, and keeps everything "
        "else."
    )


def still_band_granted(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The units of an edited body that still grant it to everyone: what no edit may keep."""
    grant = band_grant(facts)
    if grant is None:
        return []
    body_units = units(plain_text(body, body_format))
    return [body_units[index].text for index in _marked(grant, body_units)]


def band_grant_fact(facts: ChangeFacts) -> str | None:
    """The grant narrowed to a band, as a drafting model is told it."""
    grant = band_grant(facts)
    if grant is None:
        return None
    named = " and ".join(grant.categories)
    return (
        f"for {named} the new prompt keeps it to {grant.band} only: “{grant.rule.new}” (it "
        f"said “{grant.rule.old}”). Text saying anyone {grant.permission} ({named} named, "
        f"“any {grant.subject}”, “all our {grant.subject}s”, “whatever their age”) says "
        f"{grant.band} after whom it is for, in the item's own words, with the every-age words "
        f"out; a table row of a band wholly under {grant.line:g} says no in the {named} column. "
        "The same words about other categories, the band's other rules and rows past the line "
        "stay"
    )
