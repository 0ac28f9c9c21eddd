"""A fee waived past a line on a number a tool returns, on top of the case it was charged in: a
change of sailing after the first cost "a £40 amendment fee, however far ahead the haulier lets
us know"; now "Changes of sailing made 24 hours or more before departure are free" and the £40 is
charged only inside that line (`changes_used >= 1 and hours_to_departure >= 24`: `fee_gbp` 40 →
0). A KB sentence or table row giving the fee on the same topic without the line ("any further
change of sailing costs £40, however far ahead you let us know", "| Each further change of
sailing | £40 |") now claims it for every case: its claim clause ("however far ahead …", "even
if you tell us a week before …") goes, and the fee is said for the case it still holds in, in
the prompt's words ("… costs £40 if made less than 24 hours before departure"). The same amount
said of another topic (a £40 surcharge for something else), and a sentence already giving the
line, stay.

Pure text helpers: `impact` marks the sentences (`waived_line_conflicts`), the template drafter
rewrites them (`waived_line_edit`), a drafting model gets the same fact (`waived_line_fact`) and
its edit the same check (`still_charged_everywhere`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.model import Atom, rule_atoms
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impactview import ImpactView, marked_edit, with_marked_units
from behaviordiff.drafting.rules import table_header
from behaviordiff.drafting.text import (
    STOPWORDS,
    Unit,
    row_cells,
    stem,
    still_saying,
)

WAIVED_LINE_REASON = "gives the fee for every case; the new prompt waives it"

AMOUNT = re.compile(r"[$£€]\s?(\d[\d,]*(?:\.\d+)?)")
"""An amount of money ("$6", "£1,500", "€12.50"), its number captured."""
_FREE_SIDE = re.compile(
    r"\b(?:(?P<verb>made|placed|booked|asked|sent|given|done)\s+)?(?P<line>\d+(?:\.\d+)?)\s+"
    r"(?P<unit>[A-Za-z]+)\s+or\s+more\s+(?P<rel>before|after|ahead\s+of|from)\s+"
    r"(?P<what>(?:the\s+|your\s+)?[A-Za-z]+)",
    re.I,
)
"""The new prompt's words for the waived side of a lower bound ("made 24 hours or more before
departure")."""
_VERBS = ("made", "placed", "booked", "asked", "sent", "given", "done")
_CLAIM = re.compile(
    r",?\s*\b(?:however\s+(?:far|long|much|early|soon)|even\s+if|whatever|whenever|"
    r"no\s+matter|regardless\s+of)\b[^.;!?]*",
    re.I,
)
"""A clause claiming the fee whatever the case (", however far ahead you let us know", ", even
if you tell us a week before you sail"), up to the sentence's end."""
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_FEE_WORDS = frozenset(
    {"fee", "fees", "cost", "costs", "charge", "charges", "charged", "pay", "free", "amount"}
    | {"after", "each", "every", "first", "further", "extra", "that", "however", "far", "ahead"}
    | {"even", "whatever", "lets", "know", "tell", "also", "still", "then"}
)
"""Words of the prompt's fee sentence that say nothing of what the fee is for."""
_REACH = 400
"""How much of a sentence is read for its claim clause: a bounded window keeps it linear."""
_EVERY = re.compile(r"\b(?:every|any|each)\b(?=\s+(?P<next>[A-Za-z]))", re.I)
"""A determiner claiming the fee for every one of the thing ("every change", "any further
change"): once the fee holds in one case only, the thing is "a change"."""
_FOLLOWING = 3
"""How many words after such a determiner may name the fee's topic ("any further change")."""


@dataclass(frozen=True)
class WaivedLine:
    """A fee the new prompt waives past a lower bound, the words of the case it still holds in
    and the stems of what it is for."""

    amount: float
    line: str
    case: str
    """ "made less than 24 hours before departure": the charged side, in the prompt's words."""
    topic: frozenset[str]
    rule_new: str


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def amounts(text: str) -> set[float]:
    """The amounts of money said in `text`."""
    return {value for found in AMOUNT.finditer(text) if (value := _number(found[1])) is not None}


def waived_charge(facts: ChangeFacts) -> tuple[float, list[Atom]] | None:
    """(the amount, the condition's atoms but its tags) when one argument moves from one
    amount to 0 in every probe of the change: a charge waived where the condition holds."""
    if len(facts.moved) != 1 or not facts.conditions:
        return None
    values = facts.moved[0].values
    olds = {old for _, old, new in values if new == 0 and old > 0}
    if len(olds) != 1 or any(new != 0 for _, _, new in values):
        return None
    return olds.pop(), list(rule_atoms(facts.conditions[0]))


def fee_rule(rules: Sequence[Rule], amount: float) -> Rule | None:
    """The first changed prompt sentence that gave the amount before."""
    return next((rule for rule in rules if rule.old and amount in amounts(rule.old)), None)


def waived_line(facts: ChangeFacts) -> WaivedLine | None:
    """The fee waived past a lower bound on top of the case it was charged in, when one
    argument moves from one amount to 0 in every probe, the condition joins that bound to
    another, and a changed prompt sentence gives the bound's waived side in words."""
    charge = waived_charge(facts)
    if charge is None:
        return None
    amount, atoms = charge
    lines = {
        atom.value
        for atom in atoms
        if atom.op == ">="
        and isinstance(atom.value, int | float)
        and not isinstance(atom.value, bool)
    }
    if len(atoms) < 2 or not lines:
        return None
    changed = [
        rule for rule in facts.rules if rule.kind == "sentence_changed" and rule.old and rule.new
    ]
    charged = fee_rule(changed, amount)
    if charged is None:
        return None
    fee_clause = _CLAIM.split((charged.old or "")[:_REACH])[0]
    topic = frozenset(
        stem(word.lower())
        for word in _WORD.findall(fee_clause)
        if word.lower() not in STOPWORDS and word.lower() not in _FEE_WORDS and len(word) > 3
    )
    if not topic:
        return None
    for rule in changed:
        for found in _FREE_SIDE.finditer((rule.new or "")[:_REACH]):
            if _number(found["line"]) not in lines:
                continue
            verb = f"{found['verb'].lower()} " if found["verb"] else ""
            case = f"{verb}less than {found['line']} {found['unit']} {found['rel']} {found['what']}"
            return WaivedLine(amount, found["line"], case, topic, rule.new or "")
    return None


def _names_topic(waived: WaivedLine, text: str) -> bool:
    return any(stem(word.lower()) in waived.topic for word in _WORD.findall(text))


def _line_said(waived: WaivedLine, text: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(waived.line)}(?![\d.])", text) is not None


def _row_marked(waived: WaivedLine, row: str, header: str) -> bool:
    cells = row_cells(row)
    if len(cells) < 2 or len(cells) != len(row_cells(header)):
        return False
    return (
        _names_topic(waived, cells[0])
        and any(waived.amount in amounts(cell) for cell in cells[1:])
        and not _line_said(waived, row)
    )


def _sentence_marked(waived: WaivedLine, sentence: str) -> bool:
    return (
        not sentence.lstrip().startswith(("#", "|"))
        and waived.amount in amounts(sentence)
        and _names_topic(waived, sentence)
        and not _line_said(waived, sentence)
    )


def waived_sentences(waived: WaivedLine, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units of an item giving the fee for every case, by index, with the reason."""
    rows = [unit.text for unit in item_units]
    found: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        header = table_header(rows, index)
        marked = (
            _row_marked(waived, unit.text, header)
            if header
            else _sentence_marked(waived, unit.text)
        )
        if marked:
            found[index] = f"{WAIVED_LINE_REASON} past a line: “{waived.rule_new}”"
    return found


def waived_line_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the sentences and rows giving the waived fee for every case marked."""
    waived = waived_line(facts)
    if waived is None:
        return found
    return with_marked_units(found, waived_sentences(waived, item_units), item_units, make)


def _one_of(waived: WaivedLine, text: str) -> str:
    """`text` with its first determiner claiming every one of the topic's thing ("After that,
    every change costs £40", "as it is for any change after the first") said of one ("a
    change"): the fee said with its case is no longer said of every change."""
    for found in _EVERY.finditer(text):
        following = _WORD.findall(text[found.end() : found.end() + 80])[:_FOLLOWING]
        if not any(stem(word.lower()) in waived.topic for word in following):
            continue
        article = "an" if found["next"].lower() in "aeiou" else "a"
        if found.group()[0].isupper():
            article = article.capitalize()
        return f"{text[: found.start()]}{article}{text[found.end() :]}"
    return text


def _narrowed(waived: WaivedLine, raw: str) -> str | None:
    """The sentence with its claim clause replaced by the case the fee still holds in, or the
    case said as a condition after its last clause when that clause names the topic; None
    otherwise. A determiner claiming it for every one of the thing says one (`_one_of`)."""
    body = raw.rstrip()
    end = len(body) - len(body.rstrip(".!?"))
    stop = body[len(body) - end :] if end else ""
    body = body[: len(body) - end] if end else body
    claim = _CLAIM.search(body[-_REACH:])
    if claim is not None:
        start = len(body) - len(body[-_REACH:]) + claim.start()
        if not _names_topic(waived, body[:start]):
            return None
        said = _one_of(waived, body[:start])
        return f"{said} if {waived.case}{stop}{raw[len(raw.rstrip()) :]}"
    last = re.split(r"[,;:]", body[-_REACH:])[-1]
    if waived.case.split()[0] not in _VERBS:
        return None
    if not _names_topic(waived, last):
        return None
    # "if": the case said bare after the clause's last noun would be said of it ("after the
    # first made less than 24 hours before …")
    return f"{_one_of(waived, body)} if {waived.case}{stop}{raw[len(raw.rstrip()) :]}"


def _row_narrowed(waived: WaivedLine, raw: str) -> str | None:
    pieces = raw.split("|")
    if len(pieces) < 3:
        return None
    first = 1 if raw.strip().startswith("|") else 0
    cell = pieces[first]
    if not cell.strip() or not waived.case.split()[0].isalpha():
        return None
    said = cell.rstrip()
    pieces[first] = f"{said} {waived.case}{cell[len(said) :]}"
    return "|".join(pieces)


def waived_line_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str, str] | None:
    """The template drafter's edit: each marked sentence and row gives the fee for the case it
    still holds in, every other byte kept; None when the item has other conflicts or a
    sentence cannot be narrowed."""
    waived = waived_line(facts)
    if waived is None or not impact.conflicts:
        return None
    units_ = list(impact.units)
    rows = [unit.text for unit in units_]
    marked: dict[str, str] = {}
    for index in waived_sentences(waived, units_):
        unit = units_[index]
        header = table_header(rows, index)
        said = _row_narrowed(waived, unit.raw) if header else _narrowed(waived, unit.raw)
        if said is None or said == unit.raw:
            return None
        marked[unit.text] = said
    return marked_edit(
        impact,
        marked,
        lambda noun, quoted: (
            f"The new prompt waives the fee past a line (“{waived.rule_new}”). This {noun} "
            f"still gives it for every case in {quoted} The edit says the fee for the case it "
            f"still holds in ({waived.case}), and keeps everything else in the {noun}."
        ),
    )


def still_charged_everywhere(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still give the waived fee for every case."""
    waived = waived_line(facts)
    if waived is None:
        return []
    return still_saying(
        lambda unit: _sentence_marked(waived, unit.text),
        conflicting,
        old_body,
        body,
        body_format,
    )


def waived_line_fact(facts: ChangeFacts) -> str | None:
    """The waived fee said as a drafting model's fact: what the template writes from."""
    waived = waived_line(facts)
    if waived is None:
        return None
    return (
        f"the new prompt waives the fee of {waived.amount:g} past a line (“{waived.rule_new}”): "
        f"text giving that fee for every case (“however far ahead …”, “even if …”, a table row "
        f"without the line) gives it only for changes {waived.case}, in the item's words, "
        "said of one change (“a change … costs … if …”), not of every or any change"
    )
