"""A count once given every case, split by the new prompt at a line on a number into the band's
sentence and the rest's: "Every new member gets one free guest pass, whatever their age: …"
became "Members under 26 get two free guest passes: …" (changed) and "Members aged 26 and over
get one free guest pass: …" (added), for `member_age < 26`. Each new sentence opens with a
statement of its own (before its colon: who, and what they get) naming the line's number, the
changed one the new value and the added one the old.

A KB clause stating the old value with a claim that it holds whatever the case, on the
condition's number ("one free guest pass, whatever your age"; after a colon, "one per member,
whatever their age") says the old rule for every case. Its edit (`every_band_edit`) says the two
statements in its place, the band's first ("Members under 26 get two free guest passes, and
members aged 26 and over get one free guest pass"), and keeps the rest of the sentence and every
other byte. A sentence stating the old value without such a claim leaves the item to the other
writers. A drafting model is told the same (`every_band_fact`) and held to it
(`still_every_band`: no sentence it keeps or writes claims the count whatever the case, or states
the new count without the line). Matching is on the prompt's own sentences and the sentence's
structure: no word of any domain is known here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import RuleMove, where_stated
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    cell_text_spans,
    lower_first,
    rewrite_units,
    still_saying,
    terms,
)

_CLAIM = re.compile(r"\b(?:whatever|whichever|regardless\s+of|no\s+matter)\s+[^,;:.!?]*", re.I)
"""A claim that the value holds whatever the case, to the end of its clause ("whatever their
age"); the comma before it is cut apart (`banded_text`), so a run of spaces is read once."""
_HARD_MARKS = (":", "|", ">", "\n")
"""Where a clause surely starts: after a colon, a table bar, a tag's end or a line break."""
_SOFT_MARKS = (",", ";", "(")
"""Where a clause may start, when the words before it name none of the statement's."""
_MARKUP = re.compile(r"[<>{}`|]")
"""Markup or a placeholder inside a clause: never rewritten, kept byte for byte."""
_HEAD_END = re.compile(r":\s|;\s|\s[—–-]\s")
"""Where a prompt sentence's opening statement ends and its instructions start."""
_AGENT = re.compile(r"`|\b[a-z]+_[a-z_]+\b|\b(?:the\s+customer|tell|call|calls)\b", re.I)
"""What speaks to the agent, never said in a KB."""
_BOUND_OPS = ("<", "<=", ">", ">=")
_SHARED = 2
"""Content words a statement shares with the others to be about the same counted thing."""


@dataclass(frozen=True)
class EveryBand:
    """The two statements of a rule split at a line, and what the old one said."""

    move: RuleMove
    band: str
    """The changed sentence's statement: "Members under 26 get two free guest passes"."""
    rest: str
    """The added sentence's statement: "Members aged 26 and over get one free guest pass"."""
    stems: frozenset[str]
    """Stems of the condition's number's name ("member age": {"member", "age"})."""
    old_words: frozenset[str]
    """Content words of the old sentence's statement, values aside."""
    old: str
    """The old sentence's statement: "Every new member gets one free guest pass, whatever their
    age"."""
    claim: str
    """The old sentence's claim over every case: "whatever their age"."""
    numbers: frozenset[str]
    """The line's values as written ("26")."""
    counted: frozenset[str]
    """Content words all three statements share, the counted thing's ("free", "guest", "pass")."""


def _head(sentence: str) -> str | None:
    """A prompt sentence's opening statement, when it says nothing to the agent."""
    head = _HEAD_END.split(sentence, maxsplit=1)[0].strip().rstrip(".")
    return None if not head or _AGENT.search(head) else head


def _bounds(condition: Condition) -> tuple[str, set[str]] | None:
    """(the number's name, its line's values as written) of a condition drawing one line on one
    number, its topic tags aside; None for any other."""
    atoms = [atom for atom in condition.atoms if atom.op != "tag"]
    if len(atoms) != 1:
        return None
    atom = atoms[0]
    values: tuple[object, ...] = (atom.value,) if atom.op in _BOUND_OPS else ()
    if atom.op == "between":
        values = (atom.low, atom.high)
    numbers = {f"{v:g}" for v in values if isinstance(v, int | float) and not isinstance(v, bool)}
    return (atom.feature, numbers) if numbers else None


def _names_line(text: str, numbers: set[str]) -> bool:
    return any(where_stated(number, text) for number in numbers)


def every_band(facts: ChangeFacts) -> EveryBand | None:
    """The split of a rule once said for every case, or None: the change's one condition draws
    a line on a number, a changed prompt sentence claiming its value whatever the case now
    opens with the band's statement of the moved value, and an added sentence of the same
    section opens with the rest's statement of the old one, each naming the line's number."""
    if not facts.restricted or not facts.conditions or not facts.moves:
        return None
    bounds = _bounds(facts.conditions[0])
    if bounds is None:
        return None
    feature, numbers = bounds
    for move in facts.moves:
        if move.kind != "value" or move.scope or move.subject or move.others or move.category:
            continue
        changed = _changed_rule(facts.rules, move)
        if changed is None or not _CLAIM.search(move.old_sentence):
            continue
        band = _head(move.new_sentence)
        old = _head(move.old_sentence)
        if band is None or old is None or not where_stated(move.new, band):
            continue
        if not _names_line(band, numbers) or not where_stated(move.old, old):
            continue
        old_words = frozenset(terms(old)) - frozenset(terms(" ".join(numbers)))
        for added in facts.rules:
            if added.kind != "sentence_added" or added.section != changed.section or not added.new:
                continue
            rest = _head(added.new)
            if rest is None or not where_stated(move.old, rest) or where_stated(move.new, rest):
                continue
            if not _names_line(rest, numbers):
                continue
            shared = frozenset(terms(band)) & frozenset(terms(rest)) & old_words
            if len(shared) < _SHARED:
                continue
            stems = frozenset(w for w in terms(feature.rsplit(".", 1)[-1].replace("_", " ")))
            claim = _CLAIM.search(move.old_sentence)
            said_claim = claim.group(0).strip() if claim else ""
            return EveryBand(
                move, band, rest, stems, old_words, old, said_claim, frozenset(numbers), shared
            )
    return None


def _changed_rule(rules: Sequence[Rule], move: RuleMove) -> Rule | None:
    for rule in rules:
        if rule.kind == "sentence_changed" and rule.old == move.old_sentence:
            return rule
    return None


def _names_stem(stems: frozenset[str], text: str) -> bool:
    # crude stems of one word may differ by a letter ("age" and "aged")
    return any(
        a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)))
        for a in stems
        for b in terms(text)
    )


def banded_text(split: EveryBand, raw: str) -> str | None:
    """`raw` with its clause stating the old value whatever the case (`claim_clause`) said as
    the two statements; None when it has no such clause. A table row's one cell holding the
    claim is edited inside its bars."""
    if raw.lstrip().startswith("|"):
        return _banded_cell(split, raw)
    span = claim_clause(split, raw)
    if span is None:
        return None
    start, end = span
    said = f"{split.band}, and {lower_first(split.rest)}"
    if raw[start : start + 1].islower():
        said = lower_first(said)
    return raw[:start] + said + raw[end:]


def claim_clause(split: EveryBand, raw: str) -> tuple[int, int] | None:
    """(start, end) in `raw` of its clause stating the old value with the claim that it holds
    whatever the case, claim included: from the sentence's start, or from the nearest mark
    before it (a colon, a bar, a tag's end; a comma after words naming none of the
    statement's). None when it has none, or the clause holds markup or a placeholder, which
    are never rewritten."""
    claim = _CLAIM.search(raw)
    if claim is None or not _names_stem(split.stems, claim.group(0)):
        return None
    before = raw[: claim.start()].rstrip().removesuffix(",").rstrip()
    hard = max(before.rfind(mark) for mark in _HARD_MARKS) + 1
    start = max(hard, *(before.rfind(mark) + 1 for mark in _SOFT_MARKS))
    if start > hard and set(terms(before[hard:start])) & split.old_words:
        return None  # the statement began before the comma ("Every swimmer, young or old, …")
    start += len(before[start:]) - len(before[start:].lstrip())
    clause = before[start:]
    if _MARKUP.search(clause):
        return None
    if len(where_stated(split.move.old, clause)) != 1 or where_stated(split.move.new, clause):
        return None
    if not set(terms(clause)) & split.old_words:
        return None
    return start, claim.end()


def _banded_cell(split: EveryBand, row: str) -> str | None:
    """A table row with its one cell claiming the old value whatever the case said as the two
    statements (`banded_text`), the bars and every other cell byte for byte; else None."""
    spans = [(start, end) for start, end in cell_text_spans(row) if _CLAIM.search(row, start, end)]
    if len(spans) != 1:
        return None
    start, end = spans[0]
    said = banded_text(split, row[start:end])
    return None if said is None else row[:start] + said + row[end:]


def every_band_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item stating the old value for every case (`banded_text`): each such
    clause says the band's statement and the rest's. A conflicting sentence stating the old
    value without the claim (of the rest, or of another thing: "one free towel") stays, named
    for a writer to check; one claiming it in a clause no edit can say safely (across a tag,
    holding a placeholder) flags the item. None for any other change or item."""
    split = every_band(facts)
    if split is None or not impact.conflicts:
        return None
    said: dict[str, str] = {}
    unsure: list[str] = []
    blocked: list[str] = []
    html_body = impact.item.body_format == "html"
    for conflict in impact.conflicts:
        written = banded_text(split, conflict.sentence)
        if written is not None and html_body and not _in_one_run(split, conflict.sentence, impact):
            written = None  # the clause crosses a tag: no placement of it is surely right
        if written is not None:
            said[conflict.sentence] = written
        elif _claims_every_case(split, conflict.sentence):
            blocked.append(conflict.sentence)
        elif where_stated(split.move.old, conflict.sentence):
            unsure.append(conflict.sentence)
    noun = impact.item.kind
    if blocked:
        # the claim sits in markup, a placeholder or a statement begun before it: a writer's
        return None, (
            f"No safe rewrite: the new prompt splits the rule at a line (“{split.band}”; "
            f"“{split.rest}”); this {noun} says the old value holds whatever the case in "
            + "; ".join(f"“{sentence}”" for sentence in blocked)
            + ", in words or markup no edit can keep: a writer should say both."
        )
    if not said:
        return None

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in said:
            return Keep.UNIT
        raw = unit.raw.rstrip()
        if raw != unit.text:
            return Keep.BLOCK
        return said[unit.text] + unit.raw[len(raw) :]

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    quoted = "; ".join(f"“{sentence}”" for sentence in said)
    if new_body is None:
        return None, (
            f"No safe rewrite: the new prompt splits the rule at a line (“{split.band}”; "
            f"“{split.rest}”); this {noun} says the old value holds whatever the case in "
            f"{quoted}: a writer should say both."
        )
    return new_body, (
        f"The new prompt splits a rule once said for every case: “{split.band}”, and "
        f"“{split.rest}”. This {noun} said the old value holds whatever the case in {quoted}; "
        f"the edit says both statements in its place, in the {noun}'s sentence, and keeps "
        "everything else."
        + (
            " A writer should check whether these, which state the old value without that "
            "claim, still hold: " + "; ".join(f"“{sentence}”" for sentence in unsure) + "."
            if unsure
            else ""
        )
    )


def _in_one_run(split: EveryBand, sentence: str, impact: ImpactView) -> bool:
    """Whether the clause `banded_text` rewrites in an HTML item's sentence lies in one run of
    its text, between two tags: only there is the edit made inside the text, every tag kept."""
    span = claim_clause(split, sentence)
    if span is None:
        return False
    clause = sentence[span[0] : span[1]]
    body = impact.item.body
    return clause in body or html.escape(clause, quote=False) in body


def every_band_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a rule split at a line (`every_band`)."""
    split = every_band(facts)
    if split is None:
        return None
    return (
        f"the old prompt gave every case the same count: “{split.old}”; the new one splits it at "
        f"a line: “{split.band}” and “{split.rest}”: a KB clause stating the old count with a "
        f"claim that it holds {split.claim} (or “whatever …”, “regardless of …”) says both "
        "statements in its place, the claim dropped; the new count is never said without the "
        "band's condition"
    )


def _claims_every_case(split: EveryBand, text: str) -> bool:
    claim = _CLAIM.search(text)
    return (
        claim is not None
        and _names_stem(split.stems, claim.group(0))
        and bool(where_stated(split.move.old, text) or where_stated(split.move.new, text))
    )


def _new_without_line(split: EveryBand, text: str) -> bool:
    on_topic = len(set(terms(text)) & split.counted) >= _SHARED
    return (
        on_topic
        and bool(where_stated(split.move.new, text))
        and not _names_line(text, set(split.numbers))
    )


def still_every_band(
    facts: ChangeFacts, conflicts: Collection[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still claim the count holds whatever the case, or
    state the new count without the band's line: what no drafter's edit may say."""
    split = every_band(facts)
    if split is None:
        return []
    return still_saying(
        lambda unit: _claims_every_case(split, unit.text) or _new_without_line(split, unit.text),
        conflicts,
        old_body,
        new_body,
        body_format,
    )
