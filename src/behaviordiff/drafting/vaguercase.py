"""A time promise the new prompt makes vaguer for one value of a category ("| klarna | The
refund reaches their Klarna account within 3 working days |" → "| klarna | The refund shows in
their Klarna account as soon as Klarna has processed it |", card and PayPal unchanged): the
other values keep the time; the changed value is now told when something happens, with no time.

KB text states the time for several values at once ("Whether you paid by card, PayPal or
Klarna, the money reaches you within 3 working days"), in a row of a table per value, or in an
item about the value alone. Each is said right in its own words (`vaguer_case_edit`): the value
leaves the list and its new wording is said beside the time the others keep ("… card or PayPal,
… within 3 working days (for Klarna, as soon as Klarna has processed it)"); the value's row has
its time cell say the new wording; a sentence about the value alone has its time phrase replaced
by it. A row of another value, or the same time on another topic naming no value, stays
(`vaguer_case_conflicts`). A drafting model gets the same fact (`vaguer_case_fact`) and its
edit the same check (`still_vaguer`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.categories import category_nouns, category_pattern
from behaviordiff.drafting.categorylist import without_listed
from behaviordiff.drafting.facts import ChangeFacts, value_pattern
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import to_you
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, still_saying, terms
from behaviordiff.drafting.timedrop import time_pattern

VAGUER_REASON = "states a time the new agent no longer gives for"

# what the customer is told instead of a time: "as soon as Klarna has processed it", "once the
# courier has scanned it"
_INSTEAD = re.compile(r"\b(?:as\s+soon\s+as|once)\s+[^,.;:()|]+", re.I)
# a figure glossing a worded count, after the time phrase: "within three working days (3)"
_GLOSS = r"(?:\s*\(\s*\d+[^)]*\))?"
# a claim that the time holds for every value: "Whatever …", "however you pay", "for every …"
_EVERY = re.compile(
    r"\b(?:whatever|whichever|however|regardless\s+of|no\s+matter|makes?\s+no\s+difference)\b"
    r"|\b(?:for|on|with)\s+(?:every|all|any|each)\b",
    re.I,
)
# a lead clause claiming the time for every value, up to the comma closing it: "Whatever day
# you write to us, weekday or weekend, …", "However you paid, …"
_EVERY_LEAD = re.compile(
    r"^\s*(?:whatever|whichever|however|no\s+matter)\b[^.;:!?]{0,80}?,\s+"
    r"(?:[^,.;:!?]{0,40},\s+)?(?=[a-z])",
    re.I,
)
# a cell's likeness to the others, after its time: ", just like on weekdays", ", the same as
# for card payments"
_LIKE_OTHERS = re.compile(
    r"^,?[ \t]*+(?:just\s+like|like|the\s+same\s+as|as\s+(?:on|for|with))\s++"
    r"[^|.;]{0,40}?(?=[ \t]{0,40}\|)",
    re.I,
)
_MAX_VALUES = 3
"""More values than this in one condition say no case a KB would name as one."""
# a table row's cells
_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
# rows of a table the prompt diff quotes as one sentence: "| a | b | | c | d |"
_ROW_GAP = re.compile(r"(?<=\|)\s+(?=\|)")


@dataclass(frozen=True)
class VaguerCase:
    """A time (`old`) no longer given for one value of a category (`value`), what customers
    with that value are told instead (`instead`, in the KB's voice), and the prompt's words."""

    value: str
    old: str
    instead: str
    rule: str
    named: re.Pattern[str]
    shape: re.Pattern[str]
    kinds: frozenset[str]
    topic: frozenset[str]
    """Stems the value's old and new prompt wording share, the value and the time aside
    ("refund", "account"): what a KB sentence naming the value is about when it is this."""
    aside: str = ""
    """How an aside names the values ("at the weekend"); empty: "for" and the value."""


def _category_values(facts: ChangeFacts) -> list[str]:
    atoms = facts.conditions[0].atoms if facts.conditions else ()
    found: list[str] = []
    for atom in atoms:
        if atom.op == "=" and isinstance(atom.value, str):
            found.append(atom.value)
        elif atom.op == "in" and isinstance(atom.value, tuple | list):
            found += [value for value in atom.value if isinstance(value, str)]
    return found


_WEEKEND = frozenset({"saturday", "sunday"})
_WEEKEND_WORDS = re.compile(
    r"(?<![\w-])(?:week-?ends?|saturdays?(?:\s+(?:and|or|&)\s+sundays?)?|sundays?)(?![\w-])",
    re.I,
)
"""The weekend in the words a KB says it: "weekends", "Saturday and Sunday", "Sundays"."""


def _named(values: Sequence[str]) -> tuple[str, re.Pattern[str], str]:
    """(the values in words, a pattern for any of them, how an aside names them): one value
    as `category_pattern` reads it; Saturday and Sunday as the weekend too; several others as
    any of them ("email or post")."""
    if len(values) == 1:
        return values[0], _with_kin(values[0]), ""
    if {value.lower() for value in values} == _WEEKEND:
        return "the weekend", _WEEKEND_WORDS, "at the weekend"
    patterns = [category_pattern(value).pattern for value in values]
    said = " or ".join(value.replace("_", " ") for value in values)
    return said, re.compile("|".join(f"(?:{p})" for p in patterns), re.I), ""


_ACT_NOUN = re.compile(r"^(?P<root>[a-z]{3,}?)(?:ation|ion)s?$", re.I)
"""A value naming an act ("valuation", "inspection"): its root names the one who does it and
the doing ("valuer", "valuing"; "inspector", "inspecting")."""


def _with_kin(value: str) -> re.Pattern[str]:
    """How text names a single category value: as `category_pattern` reads it, and a value
    naming an act also by its doer and its doing ("valuation": "a valuer", "Valuing your
    home")."""
    named = category_pattern(value)
    act = _ACT_NOUN.match(value.strip())
    if act is None:
        return named
    root = re.escape(act.group("root"))
    kin = rf"(?<![\w-]){root}(?:e?rs?|ors?|ing)(?![\w-])"
    return re.compile(f"{named.pattern}|{kin}", re.I)


def _segments(text: str) -> list[str]:
    """A prompt rule's rows (a table quoted as one sentence) or the rule itself."""
    if text.lstrip().startswith("|"):
        return [row.strip() for row in _ROW_GAP.split(text) if row.strip()]
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+", text) if part.strip()]


def vaguer_case(facts: ChangeFacts) -> VaguerCase | None:
    """The time the change no longer gives for the one category value of its condition, when
    a changed prompt sentence (or table row) naming that value now tells the customer when it
    happens ("as soon as …", "once …") in its place; None for any other change."""
    values = _category_values(facts)
    durations = [
        p for p in facts.removed_promises if p.kind == "duration" and time_pattern(p.value)
    ]
    if not values or len(values) > _MAX_VALUES or len(durations) != 1:
        return None
    if any(p.kind == "duration" for p in facts.added_promises):
        return None
    old = durations[0].value
    value, named, aside = _named(values)
    shape = time_pattern(old)
    assert shape is not None
    stated = value_pattern(old)
    # the old time as the prompt said it: of the value ("| klarna | … 3 working days |"), or
    # for everyone in the section the value's new rule is added to ("reply within 2 hours,
    # whatever day of the week it is" beside "For a Saturday or Sunday enquiry: … as soon as
    # we can")
    for_all = {
        rule.section
        for rule in facts.rules
        if rule.kind in ("sentence_changed", "sentence_removed")
        and rule.old
        and any(shape.search(s) or stated.search(s) for s in _segments(rule.old))
    }
    for rule in facts.rules:
        if not rule.new:
            continue
        if rule.kind == "sentence_changed" and rule.old:
            olds = [s for s in _segments(rule.old) if named.search(s)]
            if not any(shape.search(s) or stated.search(s) for s in olds):
                if rule.section not in for_all:
                    continue
                olds = [s for s in _segments(rule.old) if shape.search(s) or stated.search(s)]
        elif rule.kind == "sentence_added" and rule.section in for_all:
            olds = [
                s
                for other in facts.rules
                if other.section == rule.section and other.old
                for s in _segments(other.old)
                if shape.search(s) or stated.search(s)
            ]
        else:
            continue
        for segment in _segments(rule.new):
            if segment in olds or not named.search(segment):
                continue
            if shape.search(segment) or stated.search(segment):
                continue
            found = _INSTEAD.search(segment)
            if found is None or re.search(r"\d", found.group(0)):
                continue
            instead = to_you(found.group(0).strip())
            shared = set(terms(segment)).intersection(*(terms(o) for o in olds))
            # the rule's section and the condition's topic tags name the topic too
            tags = [
                atom.feature.removeprefix("tag:")
                for atom in facts.conditions[0].atoms
                if atom.op == "tag"
            ]
            shared |= set(terms(" ".join([rule.section or "", *tags]).replace("-", " ")))
            shared -= set(terms(value)) | set(terms(old)) | {"within", "work", "business"}
            shared -= {word for v in values for word in terms(v)}
            return VaguerCase(
                value=value,
                old=old,
                instead=instead,
                rule=segment,
                named=named,
                shape=re.compile(shape.pattern + _GLOSS, re.I),
                kinds=frozenset(category_nouns(facts.conditions)),
                topic=frozenset(word for word in shared if not word.isdigit()),
                aside=aside,
            )
    return None


def _cells(text: str) -> list[str] | None:
    found = _ROW.match(text)
    return None if found is None else found.group("cells").split("|")


def _said(case: VaguerCase, found: re.Match[str]) -> str:
    """The new wording in the place of a time phrase, capitalised as the phrase was."""
    phrase = found.group(0)
    lead = phrase[: len(phrase) - len(phrase.lstrip())]
    said = case.instead
    if phrase.lstrip()[:1].isupper():
        said = said[:1].upper() + said[1:]
    return lead + said


def _value_as_written(case: VaguerCase, text: str) -> str:
    found = case.named.search(text)
    return found.group(0) if found else case.value


def rewrite_vaguer(case: VaguerCase, raw: str) -> str | None:
    """`raw` (a KB sentence or table row stating the time) said right for the change, or None
    when it cannot be said in its own words (two alternatives, two time phrases, a row of
    another value)."""
    times = list(case.shape.finditer(raw))
    if len(times) != 1 or times[0].group("from"):
        return None  # two times, or a time counted from something the new wording drops
    cells = _cells(raw)
    if cells is not None:
        if len(cells) < 2 or not case.named.search(cells[0]):
            return None
        rest = raw[times[0].end() :]
        # "| Saturday and Sunday | Within 2 hours, just like on weekdays |": the likeness goes
        rest = _LIKE_OTHERS.sub("", rest, count=1)
        return raw[: times[0].start()] + _said(case, times[0]) + rest
    lead = _EVERY_LEAD.match(raw)
    if lead is not None and case.named.search(lead.group(0)):
        # "Whatever day you write to us, weekday or weekend, one of the team will reply within
        # two hours.": the claim for every value goes, the time stays for the others
        said = raw[lead.end() :]
        said = said[:1].upper() + said[1:]
        again = list(case.shape.finditer(said))
        if len(again) != 1 or case.named.search(said):
            return None
        return raw[: len(raw) - len(raw.lstrip())] + _with_aside(case, said, again[0], "")
    naming = list(case.named.finditer(raw))
    if not naming:
        if _EVERY.search(raw):
            return None  # "whatever …": a claim for every value a writer rewords
        # the time said for every value: the case's wording beside it
        value = case.value.replace("_", " ")
        value = value[:1].upper() + value[1:]
        return _with_aside(case, raw, times[0], value)
    listless = _without_value(case, raw) if len(naming) == 1 else None
    if listless is not None:
        again = list(case.shape.finditer(listless))
        if len(again) != 1:
            return None
        return _with_aside(case, listless, again[0], naming[0].group(0))
    for found in naming:
        written = re.escape(found.group(0))
        if re.search(rf"\b(?:or|and)\s+{written}\b|\b{written}\s+(?:or|and)\s+\w", raw, re.I):
            return None  # "card or Klarna": two alternatives, a writer says both
    return raw[: times[0].start()] + _said(case, times[0]) + raw[times[0].end() :]


def _without_value(case: VaguerCase, raw: str) -> str | None:
    """`raw` with the value taken out of the list of three or more it ends or stands in
    (`without_listed`), a list closing a lead clause ("Whether you paid by card, PayPal or
    Klarna, the money …") read up to that clause's comma."""
    listless = without_listed(raw, case.named, case.kinds)
    if listless is not None:
        return listless
    found = case.named.search(raw)
    comma = raw.find(",", found.end()) if found else -1
    if found is None or comma < 0 or raw[found.end() : comma].strip():
        return None
    head = without_listed(raw[:comma], case.named, case.kinds)
    return None if head is None else head + raw[comma:]


def _with_aside(case: VaguerCase, raw: str, found: re.Match[str], value: str) -> str:
    end = found.end()
    head = case.aside or f"for {value or case.value}"
    return f"{raw[:end]} ({head}, {case.instead}){raw[end:]}"


def _context_terms(item_units: Sequence[Unit], title: str) -> Callable[[int], set[str]]:
    """The `terms` of what a unit is read with: the heading above it, its table's header row,
    the title; in an item with no headings (a macro: one topic), all of it. The headings and
    header rows are found in one pass over the item, not looked back for from each unit."""
    if not any(unit.text.startswith("#") for unit in item_units):
        whole = set(terms(" ".join([title, *(unit.text for unit in item_units)])))
        return lambda index: whole
    headings: list[str | None] = []
    header_rows: list[int] = []
    heading: str | None = None
    first_row = 0
    for index, unit in enumerate(item_units):
        headings.append(heading)
        if index == 0 or not item_units[index - 1].text.startswith("|"):
            first_row = index
        header_rows.append(first_row)
        if unit.text.startswith("#"):
            heading = unit.text

    def context(index: int) -> set[str]:
        said = [item_units[index].text, title]
        if header_rows[index] != index:
            said.append(item_units[header_rows[index]].text)
        if headings[index] is not None:
            said.append(str(headings[index]))
        return set(terms(" ".join(said)))

    return context


def vaguer_case_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
    title: str = "",
) -> list[Any]:
    """For a time made vaguer for one value (`vaguer_case`): `found` without the table rows of
    other values, with every sentence or row naming the value and stating the time on the
    changed rule's topic (`make` builds a conflict from index, text and reasons)."""
    case = vaguer_case(facts)
    if case is None:
        return found
    kept = []
    for conflict in found:
        cells = _cells(conflict.sentence)
        stated = cells is not None and case.shape.search(conflict.sentence)
        if stated and cells is not None and not case.named.search(cells[0]):
            continue  # another value's row keeps the time
        kept.append(conflict)
    taken = {conflict.unit_index for conflict in kept}
    context = _context_terms(item_units, title)
    for index, unit in enumerate(item_units):
        text = unit.text
        if index in taken or text.startswith("#"):
            continue
        if case.named.search(text) and case.shape.search(text):
            cells = _cells(text)
            if cells is not None and not case.named.search(cells[0]):
                continue
            if case.topic and not case.topic & context(index):
                continue  # the value and the same time on another topic
            kept.append(make(index, text, (f"{VAGUER_REASON} {case.value}",)))
    kept.sort(key=lambda conflict: conflict.unit_index)
    return kept


def vaguer_case_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """Each conflicting sentence stating the time said right (`rewrite_vaguer`), every other
    byte kept; (None, why) when one cannot be; None for any other change."""
    case = vaguer_case(facts)
    if case is None:
        return None
    conflicting = {c.sentence for c in impact.conflicts if case.shape.search(c.sentence)}
    if not conflicting:
        return None
    noun = impact.item.kind

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in conflicting:
            return Keep.UNIT
        said = rewrite_vaguer(case, unit.raw)
        return Keep.BLOCK if said is None else said

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None:
        return None, (
            f"Flagged for review: the new prompt no longer gives {case.old} for {case.value} "
            f"(customers are told {case.instead!r} instead), and this {noun} states the time in "
            "a way no rewrite can split safely (two alternatives, or two time phrases)."
        )
    order = [unit.text for unit in impact.units if unit.text in conflicting]
    rationale = (
        f"The new prompt no longer gives {case.old} for {case.value}: it now says "
        f"“{case.rule}”; this {noun} still says " + "; ".join(f"“{s}”" for s in order) + ". The "
        f"edit says “{case.instead}” for {case.value}, keeps {case.old} for the others, and "
        "keeps everything else."
    )
    return new_body, rationale


def vaguer_case_fact(facts: ChangeFacts) -> str | None:
    """The change said as a drafting model's fact: what the template writes from."""
    case = vaguer_case(facts)
    if case is None:
        return None
    return (
        f"the new prompt no longer gives {case.old} for {case.value} (it says “{case.rule}”); "
        f"in the KB's voice they are told instead: “{case.instead}”: text stating the time "
        f"for {case.value} says that in its place, and text stating it for several values at "
        f"once keeps {case.old} for the others and says that for {case.value}"
    )


def still_vaguer(
    facts: ChangeFacts,
    conflicts: Collection[str],
    old_body: str,
    new_body: str,
    body_format: str,
) -> list[str]:
    """The sentences of an edited body that still state the time for the value without its
    new wording: a conflicting sentence kept as it was, or one the edit wrote."""
    case = vaguer_case(facts)
    if case is None:
        return []
    instead = re.compile(re.escape(case.instead), re.I)
    return still_saying(
        lambda unit: (
            case.named.search(unit.text)
            and case.shape.search(unit.text)
            and not instead.search(unit.text)
        ),
        conflicts,
        old_body,
        new_body,
        body_format,
    )
