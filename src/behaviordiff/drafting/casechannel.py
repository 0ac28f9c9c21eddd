"""A promise moved to another channel and another time for one category, by a tool the agent
now calls, the others keeping the old way ("Every student gets a printed certificate, posted
within 10 working days, whichever way they studied" → "Online students get a PDF certificate
by email instead; … send it with `send_certificate_pdf` … within 2 working days", classroom
students still posted one).

The category's way is read from the new prompt's sentence that names one of the category's
values and the new channel and calls no tool ("Online students who pass get a PDF certificate
by email instead"); the time is the move's new value. A KB sentence stating the old time for
every category keeps it for the others, without its claim over every case ("…, whichever way
you studied"), and is followed by the category's way with the new time; a sentence naming the
category alone says its way in place. A table row gives the category's column (or row) the
way and the new time in the cell's own words ("Printed, posted within 10 working days of
passing" → "PDF certificate by email within 2 working days of passing"), the other cells kept.
A value moved in place, with no new channel, is another class's (`_edit_rules`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from behaviordiff.drafting.channels import channel_promises
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import (
    RuleMove,
    cell_spans,
    rewrite_sentence,
    scoped_cells,
    states_value,
    where_stated,
)
from behaviordiff.drafting.text import (
    ITEM_LEAD,
    Keep,
    Unit,
    closing_claim,
    rewrite_units,
    still_saying,
    upper_first,
    without_closing_claim,
)
from behaviordiff.drafting.twofacets import names_channel

_MAX = 600
# what a subject is given: the object after it is the category's way ("get a PDF certificate")
_GIVEN = re.compile(r"\b(?:get|gets|receive|receives|are\s+sent|is\s+sent)\s+(?P<way>[^;:]+)", re.I)
_ARTICLE = re.compile(r"^(?:an?|the|their|its|your)\s+", re.I)
_INSTEAD = re.compile(r",?\s+instead\s*$", re.I)
# the prepositions a time phrase opens with ("within 10 working days of passing")
_TIME_PREPOSITIONS = frozenset({"within", "in", "after", "by"})
# a value named beside others ("online and classroom", "online, classroom or blended")
_JOINED_BEFORE = re.compile(r"(?:\b(?:and|or)|[,/&])\s*$", re.I)
_JOINED_AFTER = re.compile(r"\s*(?:(?:and|or)\b|[,/&])", re.I)
# a claim over every case anywhere in a sentence ("every certificate", "whichever way")
_ANY_CASE = re.compile(r"\b(?:every|whichever|whatever|regardless|no\s+matter)\b", re.I)


@dataclass(frozen=True)
class CaseChannel:
    """The category's new way: its value, the prompt's sentence for it, the way (its object:
    "PDF certificate by email") and the time move."""

    value: str
    statement: str
    way: str
    move: RuleMove

    def sentence(self) -> str:
        """The category's way as a KB sentence, with its new time (once: not again when the
        prompt's sentence states it)."""
        said = _INSTEAD.sub("", self.statement.rstrip(". "))
        if states_value(self.move.new, said):
            return f"{upper_first(said)} instead."
        return f"{upper_first(said)} instead, within {self.move.new}."


def _time_phrase(value: str, text: str) -> tuple[int, int] | None:
    """Where `text` states `value` as a time phrase: from the preposition right before the
    value's first statement ("by post within 10 working days" → "within 10 working days") to
    the value's end; None when no such preposition comes right before it."""
    found = where_stated(value, text)
    if not found:
        return None
    head = text[: found[0].start()]
    kept = head.rstrip()
    if kept == head or not kept:
        return None
    word = kept.split()[-1]
    if word.lower() not in _TIME_PREPOSITIONS:
        return None
    return len(kept) - len(word), found[0].end()


def _names_alone(value: re.Pattern[str], text: str) -> bool:
    """Whether `text` names the category's value and no other case beside it: not joined to
    another value ("online and classroom students") and with no claim over every case."""
    if _ANY_CASE.search(text):
        return False
    named = False
    for found in value.finditer(text):
        named = True
        if _JOINED_BEFORE.search(text[max(0, found.start() - 8) : found.start()]) or (
            _JOINED_AFTER.match(text, found.end())
        ):
            return False
    return named


def _tool_added(facts: ChangeFacts) -> bool:
    before = {action.name for action in facts.before_actions}
    return any(
        action.name not in before and not action.is_escalation for action in facts.after_actions
    )


def case_channel(facts: ChangeFacts) -> CaseChannel | None:
    """The category's new channel and time, else None: a change for one category (of one
    value) that moved a time for it, gained a channel promise the old replies did not make and
    a tool the old agent did not call, with a new prompt sentence naming the value and the
    channel (no tool call in it) that says what the category gets."""
    values = facts.category_values()
    if not facts.restricted or not values or len(values) != 1:
        return None
    moves = [m for m in facts.moves if m.kind == "value" and m.category and not m.share]
    if len({(m.old, m.new) for m in moves}) != 1 or not _tool_added(facts):
        return None
    removed = {p.value for p in channel_promises(facts.removed_promises)}
    added = [p.value for p in channel_promises(facts.added_promises) if p.value not in removed]
    if len(added) != 1:
        return None
    value = values[0]
    naming = re.compile(rf"\b{re.escape(value)}\b", re.I)
    for lines in facts.prompt_sections.values():
        for line in lines:
            text = ITEM_LEAD.sub("", line).strip()
            if "`" in text or len(text) > _MAX:
                continue
            for clause in re.split(r";\s+|(?<=[.!?])\s+", text):
                if not naming.search(clause) or not names_channel(clause, added[0]):
                    continue
                if states_value(moves[0].old, clause):
                    continue
                given = _GIVEN.search(clause)
                if given is None:
                    continue
                way = _INSTEAD.sub("", _ARTICLE.sub("", given.group("way").strip().rstrip(".")))
                timed = _time_phrase(moves[0].new, way)
                if timed is not None:
                    # the new time is said once, after the way
                    way = " ".join(f"{way[: timed[0]]} {way[timed[1] :]}".split())
                if way:
                    return CaseChannel(value, clause.strip(), way, moves[0])
    return None


def _cell(case: CaseChannel, text: str) -> str | None:
    """A cell stating the old time, said as the category's way with the new time in the
    cell's own words ("Printed, posted within 10 working days of passing" → "PDF certificate
    by email within 2 working days of passing"); None when the cell says no time phrase."""
    bare = replace(case.move, scope="", category="")
    timed = _time_phrase(case.move.old, text)
    if timed is None:
        return None
    moved = rewrite_sentence(bare, text[timed[0] :].strip())
    if moved is None:
        return None
    return f"{upper_first(case.way)} {moved}"


def _row(case: CaseChannel, raw: str, header: str | None) -> str | None:
    """`raw` with the category's cells said its way; None when no such cell states the old
    time."""
    cells = scoped_cells(raw, header, case.value)
    spans = cell_spans(raw)
    changed = raw
    done = False
    for index in sorted(cells, reverse=True):
        start, end = spans[index]
        text = raw[start:end]
        said = _cell(case, text.strip())
        if said is None:
            continue
        lead = text[: len(text) - len(text.lstrip())]
        tail = text[len(text.rstrip()) :]
        changed = changed[:start] + lead + said + tail + changed[end:]
        done = True
    return changed if done else None


def case_channel_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """Each conflicting sentence or row stating the old time said as above; (None, why) when
    one cannot be; None when the change is of another kind or no conflict states the old
    time."""
    case = case_channel(facts)
    if case is None or not impact.conflicts:
        return None
    conflicting = {c.sentence for c in impact.conflicts}
    if any(not states_value(case.move.old, text) for text in conflicting):
        return None
    naming = re.compile(rf"\b{re.escape(case.value)}\b", re.I)
    blocked: list[str] = []
    # the first row of the table the unit is in, kept as the units go by in order (as
    # `table_headers` does in one pass; not a search or a walk back for each row)
    first: str | None = None
    last_start = -1

    def header_of(unit: Unit) -> str | None:
        nonlocal first, last_start
        is_row = unit.raw.lstrip().startswith("|")
        if unit.start <= last_start or not is_row:
            first = None
        last_start = unit.start
        if not is_row:
            return None
        header, first = first, first or unit.raw
        return header

    def rewrite(unit: Unit) -> str | Keep:
        header = header_of(unit)
        if unit.text not in conflicting:
            return Keep.UNIT
        raw = unit.raw.rstrip()
        end = unit.raw[len(raw) :]
        if raw.lstrip().startswith("|"):
            row = _row(case, raw, header)
            if row is None:
                blocked.append(unit.text)
                return Keep.BLOCK
            return row + end
        if naming.search(raw):
            if not _names_alone(naming, unit.text):
                # the category named beside others: not said for it alone
                blocked.append(unit.text)
                return Keep.BLOCK
            # about the category alone: its way in place
            lead = ITEM_LEAD.match(raw)
            return (lead.group(0) if lead else "") + case.sentence() + end
        kept = without_closing_claim(raw)
        stop = "" if kept.rstrip("*_ ").endswith((".", "!", "?")) else "."
        return f"{kept}{stop} {case.sentence()}{end}"

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    noun = impact.item.kind
    if blocked or new_body is None:
        return None, (
            f"Flagged for review: the new prompt says \u201c{case.statement}\u201d, within "
            f"{case.move.new}; this {noun} states {case.move.old} in a way the template cannot "
            "restate for that case: " + "; ".join(blocked)
        )
    return new_body, (
        f"The new prompt says \u201c{case.statement}\u201d, within {case.move.new} (it said "
        f"\u201c{case.move.old_sentence}\u201d); this {noun} still says "
        + "; ".join(
            f"\u201c{text}\u201d" for text in sorted(conflicting, key=impact.item.body.find)
        )
        + f". The edit keeps {case.move.old} for the others, says the new way for "
        f"{case.value} in the {noun}'s own words, and keeps everything else."
    )


def case_channel_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a category's new channel and time (`case_channel`)."""
    case = case_channel(facts)
    if case is None:
        return None
    return (
        f"the new prompt says “{case.statement}”, within {case.move.new} (it said "
        f"“{case.move.old_sentence}”): a sentence or table cell giving {case.move.old} for every "
        f"case keeps {case.move.old} for the others and drops any claim that it holds whatever "
        f"the case; {case.value} gets {case.way} within {case.move.new} instead, said after "
        f"it (in a table, in the {case.value} cell's own words)"
    )


def still_case_channel(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still give the old time for every case ("…,
    whichever way you studied"), or for the category without its new time: what no drafter's
    edit may say."""
    case = case_channel(facts)
    if case is None:
        return []
    naming = re.compile(rf"\b{re.escape(case.value)}\b", re.I)

    def says(unit: Unit) -> bool:
        if not states_value(case.move.old, unit.text):
            return False
        if closing_claim(unit.text) is not None:
            return True
        return _names_alone(naming, unit.text) and not states_value(case.move.new, unit.text)

    return still_saying(says, conflicts, old_body, new_body, body_format)
