"""The band between a moved line's old and new value, which the new prompt folds into the side
the line now ends: "Travel within 30 miles is included." and "For venues more than 30 miles
and up to 50 miles away, travel is 45p per mile." → "Travel within 50 miles is included.".

The old prompt gave that band a rule of its own, in a sentence the new prompt drops with no
sentence of its own stating both ends again. A KB sentence naming that span ("For venues
between 30 and 50 miles away, we charge 45p per mile", "for venues 30 to 50 miles away it's
45p per mile") states the dropped rule: the moved value's edge and the new one, read together
as one band. It is about the moved rule when it shares a content word with it ("travel",
"venue", "mile"); "Gift cards come in $30 and $50 amounts" names no span ("and" joins a span
only after "between" or "more than") and no such word.

`impact.sentence_conflict` marks such a sentence (`closed_band_reason`); the template drafter
drops it, or the clause of it that names the span (`without_closed_band`: "…is included; for
venues 30 to 50 miles away it's 45p per mile, and further afield…" → "…is included, and further
afield…"), and rewrites what is left with the new value as any other sentence stating the old
rule."""

from __future__ import annotations

import re

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import RuleMove, bound_on_topic, where_stated

CLOSED_BAND_REASON = "states the old rule for the band"
"""Starts the reason `closed_band_reason` gives (a rule reason: the template rewrites it)."""

_JOINT = re.compile(r"\s*(?:[A-Za-z'’]{1,12}\s+)?(?:and up to|up to|to|-|–|—|and)\s*[$€£]?", re.I)
"""What stands between a span's two ends: a unit at most ("30 miles and up to 50")."""
_SPAN_LEAD = re.compile(r"\b(?:between|more than|over|above)\s+[$€£]?$", re.I)
"""What a span joined by a bare "and" starts with ("between 30 and 50")."""
_CLAUSE = re.compile(r"\s*(?:;|,\s+(?:and|but|so|while|though|although|whereas)\b)", re.I)
"""Where a clause of a sentence ends and the next one begins."""


def closed_band(facts: ChangeFacts) -> RuleMove | None:
    """The value move whose old and new values both ends of a band the old prompt gave its own
    rule to, in a sentence the new prompt drops (and no new sentence states both ends), or
    None."""
    for move in facts.moves:
        if move.kind != "value" or move.scope or move.subject or move.category or move.others:
            continue
        if not _numeric(move.old) or not _numeric(move.new):
            continue
        dropped = [
            rule
            for rule in facts.rules
            if rule.kind == "sentence_removed"
            and rule.old
            and span_of(move, " ".join(rule.old.split())) is not None
        ]
        if not dropped:
            continue
        if any(span_of(move, sentence) is not None for sentence in facts.new_prompt_sentences):
            continue
        return move
    return None


def _numeric(value: str) -> bool:
    return re.search(r"\d", value) is not None


def span_of(move: RuleMove, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` names the span from the move's old value to its new one ("between 30
    and 50", "30 to 50 miles", "more than 30 miles and up to 50"), or None."""
    news = where_stated(move.new, sentence)
    for old in where_stated(move.old, sentence):
        for new in news:
            if new.start() < old.end() or new.start() - old.end() > 24:
                continue
            joint = _JOINT.fullmatch(sentence, old.end(), new.start())
            if joint is None:
                continue
            said = joint.group().strip(" $€£").lower().split()
            if said[-1:] == ["and"] and not _SPAN_LEAD.search(sentence[: old.start()]):
                continue
            return old.start(), new.end()
    return None


def closed_band_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` states the rule the old prompt gave the band the new line takes in, or
    None."""
    move = closed_band(facts)
    if move is None or span_of(move, sentence) is None:
        return None
    if not bound_on_topic(facts.moves, move, sentence):
        return None
    return (
        f"{CLOSED_BAND_REASON} from {move.old} to {move.new}, which the new prompt gives no rule "
        f"of its own: it says {move.new}: “{move.new_sentence}”"
    )


def without_closed_band(facts: ChangeFacts, raw: str) -> str | None:
    """`raw` without the clause naming the band the new line takes in ("" when the whole
    sentence names it), or None when it names none."""
    move = closed_band(facts)
    span = span_of(move, raw) if move is not None else None
    if move is None or span is None:
        return None
    cuts = [0, *(m.start() for m in _CLAUSE.finditer(raw)), len(raw)]
    ends = [*(m.end() for m in _CLAUSE.finditer(raw))]
    clauses = len(cuts) - 1
    at = next(i for i in range(clauses) if cuts[i] <= span[0] < cuts[i + 1])
    if clauses == 1:
        return ""
    if at == 0:
        # the first clause goes: the next one opens the sentence
        rest = raw[ends[0] :].lstrip()
        return rest[:1].upper() + rest[1:]
    # the clause and the joint before it go; the end of the sentence stays
    end = cuts[at + 1]
    tail = raw[end:] if at + 1 < clauses else _end_mark(raw)
    return raw[: cuts[at]] + tail


def _end_mark(raw: str) -> str:
    """The full stop (and what closes a sentence after it) that ends `raw`."""
    found = re.search(r"[.!?][\"'’”)]*\s*$", raw)
    return found.group() if found else ""
