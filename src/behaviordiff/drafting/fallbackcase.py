"""An action replaced by another for a case, with the old action kept as the fallback when the
new one can't be done: "A fault reported within 30 days of delivery: refund the order in full
with `refund_order`." became "A fault reported within 30 days of delivery: send a replacement of
the same model first with `send_replacement` …" and "Only if the same model is out of stock,
refund the order in full with `refund_order` …". The old call is still made, for fewer
customers, under a condition of its own.

A KB sentence promising the old action for the case says the new rule in its place
(`template._edit_new_rule`), and the fallback after it in the KB's voice ("Only if the same
model is out of stock, we refund the order in full."): without it the KB would say the old
action is gone for the case. A two-column table row keyed by the case, its cell promising the
old action, says the new action and the fallback in that cell (`swapped_cell`), the key kept
byte for byte.

The fallback is read from the change's facts alone: a sentence of the new prompt, in the
changed rule's section, that opens on a condition ("Only if", "If", "Unless", "When", "Where")
and calls a tool the changed conversations no longer get. Pure text helpers with no knowledge
of a domain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from behaviordiff.drafting.promptrule import voiced, voicing_problems
from behaviordiff.drafting.rules import content_words, kb_rule

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

_FALLBACK_LEAD = re.compile(r"^\s*(?P<only>only\s+)?(?:if|when|where|unless)\b", re.I)
_MAX_SENTENCE = 400
"""The longest prompt sentence read as a fallback: a rule is a sentence, not a section."""
_KEY_SHARED = 2
"""Content words a table row's key must share with the rule's case to be keyed by it."""


def _dropped_tools(facts: ChangeFacts) -> set[str]:
    called = {action.name for action in facts.after_actions}
    return {action.name for action in facts.before_actions if action.name not in called}


def fallback_rule(facts: ChangeFacts, rule_text: str | None) -> str | None:
    """The new prompt's sentence keeping a dropped call as the fallback of the rule
    `rule_text` (see the module docstring), or None."""
    dropped = _dropped_tools(facts)
    if not rule_text or not dropped:
        return None
    section = next((rule.section for rule in facts.rules if rule.new == rule_text), None)
    if section is None:
        return None
    candidates: list[str] = [
        rule.new for rule in facts.rules if rule.section == section and rule.new
    ]
    candidates += list(facts.prompt_sections.get(section, ()))
    for said in candidates:
        if said == rule_text or len(said) > _MAX_SENTENCE:
            continue
        if _FALLBACK_LEAD.match(said) and any(f"`{name}`" in said for name in dropped):
            return said
    return None


def _restated(sentence: str) -> tuple[str, str, bool] | None:
    """(head, statement, only) of a fallback sentence in the KB's voice: its first clause (up
    to a semicolon) restated (`kb_rule`), "only" kept apart."""
    clause = sentence.split(";", 1)[0].strip().rstrip(".")
    found = _FALLBACK_LEAD.match(clause)
    if found is None:
        return None
    only = found.group("only") is not None
    if only:
        clause = clause[found.end("only") :]
        clause = clause[:1].upper() + clause[1:]
    rule = kb_rule(clause + ".")
    if rule is None or rule.head_is_clause or not rule.statement:
        return None
    if "`" in rule.sentence or "{" in rule.sentence:
        return None
    return rule.head, rule.statement, only


def fallback_sentence(facts: ChangeFacts, rule_text: str | None) -> str | None:
    """The fallback of the rule `rule_text` as a KB sentence ("Only if the same model is out
    of stock, we refund the order in full."), or None."""
    said = fallback_rule(facts, rule_text)
    parts = _restated(said) if said else None
    if parts is None:
        return None
    head, statement, only = parts
    lead = f"Only {head[:1].lower()}{head[1:]}" if only else head
    sentence = f"{lead}, {statement}."
    # the customer said as "you" ("doesn't suit the customer" → "doesn't suit you"); what
    # can't be said to a reader is no fallback a KB can state
    voice = voiced(sentence)
    if voice is None or voicing_problems(sentence, voice.sentence):
        return None
    return voice.sentence


def fallback_clause(facts: ChangeFacts, rule_text: str | None) -> str | None:
    """The fallback as a clause to follow the new action in a table cell ("only if the same
    model is out of stock, we refund the order in full"), or None."""
    sentence = fallback_sentence(facts, rule_text)
    if sentence is None:
        return None
    return sentence[:1].lower() + sentence[1:].rstrip(".")


def _cells(raw: str) -> list[str] | None:
    body = raw.strip()
    if not body.startswith("|") or not body.endswith("|"):
        return None
    cells = body[1:-1].split("|")
    return cells if len(cells) >= 2 else None


_LABELLED = re.compile(
    r"(?P<lead>[ \t]*[-*+][ \t]+)(?P<key>[^:|\n]{1,80}):(?P<gap>[ \t]+)(?P<rest>\S[^\n]*)"
)


def swapped_cell(
    raw: str, head: str, statement: str, old_words: Sequence[str], fallback: str | None
) -> str | None:
    """A table row keyed by the rule's case (its first cell shares `_KEY_SHARED` content
    words with the rule's `head`) whose one other cell says the old action (a word of
    `old_words`, the dropped tool's name): that cell says `statement` (and the `fallback`
    after it), every other byte kept. A labelled list item ("- Damaged in cleaning: we pay
    full compensation") is read as a row of two cells, its label the key. None for any
    other row."""
    labelled = _LABELLED.match(raw)
    if labelled is not None and not raw.lstrip().startswith("|"):
        rest = labelled.group("rest").rstrip()
        end = labelled.group("rest")[len(rest) :] + raw[labelled.end() :]
        swapped = swapped_cell(
            f"| {labelled.group('key')} | {rest} |",
            head,
            statement,
            old_words,
            fallback,
        )
        if swapped is None:
            return None
        said = swapped.rsplit("|", 2)[1].strip()
        said = said[:1].lower() + said[1:] if rest[:1].islower() else said
        return f"{labelled.group('lead')}{labelled.group('key')}:{labelled.group('gap')}{said}{end}"
    cells = _cells(raw)
    if cells is None:
        return None
    key = {word.lower() for word in content_words(cells[0])}
    case = {word.lower() for word in content_words(head)}
    if len(key & case) < _KEY_SHARED or not names_case(cells[0], head):
        return None
    olds = olds_prefixes({word.lower() for word in old_words})
    saying = [
        at
        for at, cell in enumerate(cells)
        if at and any(word.lower()[:5] in olds for word in content_words(cell))
    ]
    if len(saying) != 1:
        return None
    at = saying[0]
    cell = cells[at]
    lead, trail = cell[: len(cell) - len(cell.lstrip())], cell[len(cell.rstrip()) :]
    said = statement[:1].upper() + statement[1:]
    if fallback:
        said = f"{said}; {fallback}"
    cells[at] = f"{lead}{said}{trail}"
    start = raw.index("|")
    end = raw.rindex("|")
    return f"{raw[:start]}|{'|'.join(cells)}|{raw[end + 1 :]}"


_WINDOW = re.compile(
    r"(?:\b[A-Za-z]+\s+)?(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|fourteen|fifteen|twenty|thirty|forty|sixty|ninety)\b)",
    re.I,
)
"""Where a key's window starts: a number, with the word before it ("within 7 days of the
date", "after thirty days")."""


def names_case(key: str, head: str) -> bool:
    """Whether a row's key names the rule's case by the case's own words, not only by a
    window it shares with another case: its words before any number ("Show cancelled" of
    "Show cancelled within 7 days of the date", "Faulty, reported" of "Faulty, reported
    within 30 days") share one with the rule's `head` (by the first five letters). A key
    whose words before the window name something else ("Ill on the day, within 7 days of
    the date") is another case, which may keep the old action; a key that is a window
    alone names no case."""
    window = _WINDOW.search(key)
    own = key[: window.start()] if window is not None else key
    case = {word.lower()[:5] for word in content_words(head)}
    return any(word.lower()[:5] in case for word in content_words(own))


def olds_prefixes(words: set[str]) -> set[str]:
    """The first five letters of each word: a word's family ("refund", "refunded")."""
    return {word[:5] for word in words if len(word) > 3}
