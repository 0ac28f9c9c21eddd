"""KB text about an action the new version swaps for one case its condition names by a
true/false flag (`weather_cancelled = true`, `is_first_order = true`): the new prompt sentence
says the case ("If we cancel a sailing because of the weather, refund the full fare with
`issue_refund`"), the KB lists the old handling for it in a table row ("| Bad weather | A
travel voucher |"), and says the new action never happens ("We don't give cash refunds for
cancelled sailings.").

Pure text helpers: the template drafter rewrites the case's row with the new handling and
gives such a sentence the case as its exception, in the KB's voice, every other row kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import kb_rule, rule_parts, without_universal
from behaviordiff.drafting.text import terms

_GENERIC_VERBS = frozenset(
    ["issu", "issue", "send", "make", "give", "creat", "create", "process", "call", "do", "run"]
)
_NEGATION = re.compile(
    r"\b(?:don't|don’t|do not|doesn't|doesn’t|does not|never|won't|won’t|will not|can't|"
    r"can’t|cannot|no)\b",
    re.I,
)
_WITHOUT = re.compile(r"\b(?:without|not)\b|n['’]t\b", re.I)
_LEAD = re.compile(r"^(?:if|when|whenever|where|once)\s+", re.I)


@dataclass(frozen=True)
class FlagCase:
    """The case a change is limited to by a true/false flag, as the new prompt says it."""

    words: frozenset[str]
    """Stems of the flag's name that the old rule did not single out ("weather")."""
    clause: str
    """The case as a clause of a KB sentence ("when we cancel a sailing because of the
    weather")."""
    statement: str
    """What we now do for it, in the KB's voice ("we refund the full fare")."""
    action_words: frozenset[str]
    """Stems naming the new action ("refund" for `issue_refund`)."""
    rule: str
    """The new prompt sentence the case and statement come from."""
    negated: bool = False
    """The flag is false for the case (`photo_sent = false`): a row names it with a "no"."""


def _action_words(name: str) -> frozenset[str]:
    return frozenset(word for word in terms(name.replace("_", " ")) if word not in _GENERIC_VERBS)


def flag_case(facts: ChangeFacts) -> FlagCase | None:
    """The flag case of a change that swaps one action for another under a condition on a
    true flag, from the new prompt sentence that names the new action and says the case in
    words a KB can take (`kb_rule`); None for any other change."""
    condition = facts.condition
    flags = [
        atom
        for atom in (condition.atoms if condition else ())
        if atom.op == "=" and isinstance(atom.value, bool)
    ]
    if len(flags) != 1 or not facts.restricted:
        return None
    if not facts.before_actions or not facts.after_actions:
        return None
    before = {action.name for action in facts.before_actions}
    after = [action.name for action in facts.after_actions if action.name not in before]
    if len(after) != 1:
        return None
    action_words = _action_words(after[0])
    name = re.compile(rf"(?<![\w]){re.escape(after[0])}(?![\w])")
    for rule in facts.rules:
        if not rule.kind.startswith("sentence") or not rule.new or not name.search(rule.new):
            continue
        restated = kb_rule(rule.new)
        parts = rule_parts(rule.new)
        if restated is None or parts is None or restated.labelled:
            continue
        flag_words = set(terms(flags[0].feature.replace("_", " ")))
        head_words = set(terms(parts[0]))
        old_head = rule_parts(rule.old) if rule.old else None
        old_words = set(terms(old_head[0])) if old_head else set()
        # what the new rule singles out that the old one did not, named by the flag too
        words = (flag_words & head_words) - old_words
        if not words or not action_words or "`" in restated.statement:
            return None
        head = parts[0].strip()
        clause = _LEAD.sub("when ", head) if _LEAD.match(head) else f"for {head}"
        clause = clause[:1].lower() + clause[1:]
        negated = flags[0].value is False
        return FlagCase(
            frozenset(words), clause, restated.statement, action_words, rule.new, negated
        )
    return None


def denies_action(case: FlagCase, topic: set[str], sentence: str) -> bool:
    """Whether a KB sentence says the new action never happens, on the rule's topic and
    without naming the case ("We don't give cash refunds for cancelled sailings."): it is
    wrong for the case now."""
    if sentence.lstrip().startswith(("#", "|")):
        return False
    negation = _NEGATION.search(sentence)
    if negation is None:
        return False
    said = set(terms(sentence))
    after = set(terms(sentence[negation.end() :]))
    if not case.action_words & after or case.words & said:
        return False
    return bool((topic - case.action_words) & said)


def with_case_exception(raw: str, case: FlagCase) -> str:
    """A sentence saying the new action never happens, with the case as its exception and
    what we do for it then: "We don't give cash refunds for cancelled sailings, except when
    we cancel a sailing because of the weather: then we refund the full fare." Words that
    claim it for every case go ("whatever the reason")."""
    # "late, for any reason, we …" loses "for any reason" but not the comma before it
    body = re.sub(r",(\s*),", r",\1", without_universal(raw.rstrip()))
    tail = raw[len(raw.rstrip()) :]
    end = len(body.rstrip(".!"))
    return f"{body[:end]}, except {case.clause}: then {case.statement}.{tail}"


def _cells(raw: str) -> list[str] | None:
    line = raw.strip()
    if not (line.startswith("|") and line.endswith("|")) or "\n" in line:
        return None
    return [cell.strip() for cell in line[1:-1].split("|")]


def case_rows(rows: Sequence[str], case: FlagCase) -> list[int]:
    """The indexes of the rows of one Markdown table (header first) whose key cell names
    the case ("| Bad weather | … |"; "| No photo | … |" for a false flag), where the table
    has two columns and other rows name other cases. Empty when none does, or every row
    would."""
    cells = [_cells(row) for row in rows]
    if len(rows) < 4 or any(c is None or len(c) != 2 for c in cells):
        return []
    header = set(terms(rows[0]))
    words = case.words - header
    found = [
        index
        for index, row in enumerate(cells[2:], start=2)
        if row is not None
        and words & set(terms(row[0]))
        and bool(_NEGATION.search(row[0]) or _WITHOUT.search(row[0])) == case.negated
    ]
    return found if found and len(found) < len(rows) - 2 else []


def case_row(raw: str, case: FlagCase) -> str:
    """A table row for the case with what we now do in its second cell, in the KB's voice
    ("| Bad weather | We refund the full fare |")."""
    body = raw.rstrip()
    tail = raw[len(body) :]
    lead = raw[: len(raw) - len(raw.lstrip())]
    cells = _cells(body)
    if cells is None:
        return raw
    said = case.statement[:1].upper() + case.statement[1:]
    return f"{lead}| {cells[0]} | {said} |{tail}"
