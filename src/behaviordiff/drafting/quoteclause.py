"""The words of a KB sentence a note quotes for an item: the sentence, less the clauses that
state figures the change says nothing about.

"Exclusive contributors earn a higher rate (40% of each sale instead of 25%), but everyone is
paid on the same timetable." conflicts with a new payment rule for exclusive contributors
through its second clause; its first clause states a rate the change never touched. Quoted
whole, the note would name that rate as if it had changed, so the note quotes "… everyone is
paid on the same timetable." A sentence whose every clause states such a figure, or which
states none, is quoted whole. A drafting model is told the same words (`note_quote`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.text import terms

_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_CLAUSE_BREAK = re.compile(
    r"(?<!\s)\s*;\s*|,?(?<!\s)\s+but\s+|,\s+(?:and|while|whereas|though|although|yet|so)\s+",
    re.I,
)


def _figures(text: str) -> set[str]:
    """The numbers a text states, written without thousands separators ("2,380.40" → 2380.40)."""
    found = set()
    for match in _FIGURE.finditer(text):
        digits = match.group(0)
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):
            digits = digits.replace(",", "")
        found.add(digits.rstrip(".,"))
    return found


def change_figures(facts: ChangeFacts) -> set[str]:
    """Every number the change's own evidence states: its prompt rules (old and new), its
    promises and value moves, its conditions and the replies it quotes."""
    texts: list[str] = []
    for rule in facts.rules:
        texts += [rule.old or "", rule.new or ""]
    for promise in [
        *facts.removed_promises,
        *facts.added_promises,
        *facts.unchanged_promises,
        *facts.examples,
    ]:
        texts.append(promise.value)
    texts += [f"{move.old_sentence} {move.new_sentence}" for move in facts.moves]
    texts += [condition.text for condition in facts.conditions]
    texts += facts.condition_values
    texts += [f"{excerpt.old} {excerpt.new}" for excerpt in facts.excerpts]
    return _figures(" ".join(texts))


def quoted_clauses(sentence: str, allowed: Iterable[str]) -> str:
    """`sentence` less its clauses (split at "; ", "but", ", and", ", while" …) that state a
    figure outside `allowed`, a left-out part marked "…"; the sentence whole when no clause
    states one, or when every clause does."""
    known = set(allowed)
    if not _figures(sentence) - known:
        return sentence
    pieces: list[tuple[str, bool]] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        pieces.append((sentence[start : match.start()], False))
        start = match.end()
    pieces.append((sentence[start:], True))
    keep = [not (_figures(text) - known) and text.strip() != "" for text, _ in pieces]
    if not any(keep) or all(keep):
        return sentence
    out: list[str] = []
    for index, (text, _last) in enumerate(pieces):
        if keep[index]:
            out.append(text.strip())
        elif not out or out[-1] != "…":
            out.append("…")
    quoted = " ".join(out)
    if not keep[-1] and sentence.rstrip()[-1:] in ".!?":
        quoted = quoted.rstrip(" …") + " …"
    return quoted


def note_quote(facts: ChangeFacts, sentence: str) -> str:
    """What a note quotes of a conflicting KB `sentence`: `quoted_clauses` with the change's own
    figures allowed, when what is left is about the change's rules (shares a content word with
    them); else the sentence whole, for the clause left out may be the one that conflicts."""
    quoted = quoted_clauses(sentence, change_figures(facts))
    if quoted == sentence:
        return sentence
    ruled = {word for rule in facts.rules for word in terms(f"{rule.old or ''} {rule.new or ''}")}
    return quoted if ruled & set(terms(quoted)) else sentence
