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
from bisect import bisect_left, bisect_right
from collections.abc import Collection

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import RuleMove, bound_on_topic, where_stated
from behaviordiff.drafting.text import still_saying

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
    found = _band(facts)
    return found[0] if found is not None else None


_last: list[tuple[ChangeFacts, tuple[int, ...], tuple[RuleMove, str] | None]] = []
"""The last change's band (`_band`), kept while its facts stay the same: read once per change,
not once per KB sentence (prompt sentences × KB sentences)."""


def _band(facts: ChangeFacts) -> tuple[RuleMove, str] | None:
    """`closed_band`'s move with the unit its dropped sentence gives the band ("miles" of "more
    than 5 miles and up to 10 miles away"; "" when it names none)."""
    key = (
        id(facts.moves),
        *map(id, facts.moves),
        id(facts.rules),
        *map(id, facts.rules),
        id(facts.prompt_sections),
        sum(map(len, facts.prompt_sections.values())),
    )
    if _last and _last[0][0] is facts and _last[0][1] == key:
        return _last[0][2]
    found = _read_band(facts)
    _last[:] = [(facts, key, found)]
    return found


def _read_band(facts: ChangeFacts) -> tuple[RuleMove, str] | None:
    for move in facts.moves:
        if move.kind != "value" or move.scope or move.subject or move.category or move.others:
            continue
        if not _numeric(move.old) or not _numeric(move.new):
            continue
        units = [
            _unit_of(move, said, span)
            for rule in facts.rules
            if rule.kind == "sentence_removed" and rule.old
            for said in [" ".join(rule.old.split())]
            if (span := span_of(move, said)) is not None
        ]
        if not units:
            continue
        if any(span_of(move, sentence) is not None for sentence in facts.new_prompt_sentences):
            continue
        return move, units[0]
    return None


_UNIT = re.compile(r"\s*(?P<unit>[A-Za-z][A-Za-z'’]{0,20})")
"""The word right after a span's end or its old value: the band's unit ("miles", "pm")."""


def _unit_of(move: RuleMove, sentence: str, span: tuple[int, int]) -> str:
    """The unit `sentence` gives the span at `span` (the word after it, or after its old
    value: "5 miles and up to 10 miles away", "5 and 10 miles"), singular, lowercase; the
    currency signs for money ("£30 to £50"); "" when it names none."""
    if any(sign in _CURRENCY for sign in sentence[max(0, span[0] - 1) : span[0] + 1]):
        return _CURRENCY  # money: the sign is its unit, whatever word follows
    after = _UNIT.match(sentence, span[1])
    if after is None:
        olds = [m for m in where_stated(move.old, sentence) if m.start() == span[0]]
        after = _UNIT.match(sentence, olds[0].end()) if olds else None
    if after is None:
        return ""
    word = after.group("unit").lower()
    return "" if word in _NOT_UNIT else _singular(word)


_CURRENCY = "$€£"
"""Signs that make a span's amounts money."""
_NOT_UNIT = frozenset({"and", "to", "up", "or", "away", "of", "a", "an", "the", "per", "each"})
"""Words after a number that are no unit of it."""


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _same_unit(move: RuleMove, unit: str, sentence: str, span: tuple[int, int]) -> bool:
    """Whether the span at `span` of `sentence` carries the band's `unit` (the dropped
    sentence's): "5 to 10 pm", "5 to 10 nights" name another band than "5 to 10 miles"; a
    span with no unit of its own stands for the band only when the band has none either or
    names its unit in the sentence ("between 5 and 10 away, collection costs £2 a mile")."""
    said = _unit_of(move, sentence, span)
    if said:
        return said == unit
    if not unit:
        return True
    return re.search(rf"\b{re.escape(unit)}", sentence, re.I) is not None


def _numeric(value: str) -> bool:
    return re.search(r"\d", value) is not None


def span_of(move: RuleMove, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` names the span from the move's old value to its new one ("between 30
    and 50", "30 to 50 miles", "more than 30 miles and up to 50"), or None. Linear: each old
    value is read with the new values that start at most `_SPAN_GAP` characters after it."""
    news = sorted(where_stated(move.new, sentence), key=lambda found: found.start())
    starts = [new.start() for new in news]
    for old in where_stated(move.old, sentence):
        first = bisect_left(starts, old.end())
        for new in news[first : bisect_right(starts, old.end() + _SPAN_GAP)]:
            joint = _JOINT.fullmatch(sentence, old.end(), new.start())
            if joint is None:
                continue
            said = joint.group().strip(" $€£").lower().split()
            lead = sentence[max(0, old.start() - _LEAD_READ) : old.start()]
            if said[-1:] == ["and"] and not _SPAN_LEAD.search(lead):
                continue
            return old.start(), new.end()
    return None


_SPAN_GAP = 24
"""How far after a span's old end its new end may start."""
_LEAD_READ = 16
"""How many characters before a span's old end are read for its lead ("more than $")."""


def closed_band_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` states the rule the old prompt gave the band the new line takes in, or
    None."""
    named = _named_band(facts, sentence)
    if named is None:
        return None
    move, _ = named
    if not bound_on_topic(facts.moves, move, sentence):
        return None
    return (
        f"{CLOSED_BAND_REASON} from {move.old} to {move.new}, which the new prompt gives no rule "
        f"of its own: it says {move.new}: “{move.new_sentence}”"
    )


def names_closed_band(facts: ChangeFacts, raw: str) -> bool:
    """Whether `raw` names the band the new line takes in, in its unit (`closed_band`)."""
    return _named_band(facts, raw) is not None


def _named_band(facts: ChangeFacts, raw: str) -> tuple[RuleMove, tuple[int, int]] | None:
    """The move whose band `raw` names in its unit, and where (`span_of`), or None."""
    found = _band(facts)
    if found is None:
        return None
    move, unit = found
    span = span_of(move, raw)
    if span is None or not _same_unit(move, unit, raw, span):
        return None
    return move, span


def without_closed_band(facts: ChangeFacts, raw: str) -> str | None:
    """`raw` without the clause naming the band the new line takes in ("" when the whole
    sentence names it), or None when it names none or the cut would break its markup (an
    emphasis, a code span, a link or a placeholder open across the clause joint: a
    writer's, `names_closed_band`)."""
    named = _named_band(facts, raw)
    if named is None:
        return None
    span = named[1]
    joints = _joints(raw)
    cuts = [0, *(m.start() for m in joints), len(raw)]
    ends = [m.end() for m in joints]
    clauses = len(cuts) - 1
    at = next(i for i in range(clauses) if cuts[i] <= span[0] < cuts[i + 1])
    if clauses == 1:
        return ""
    if at == 0:
        # the first clause goes: the next one opens the sentence
        rest = raw[ends[0] :].lstrip()
        cut = rest[:1].upper() + rest[1:]
    else:
        # the clause and the joint before it go; the end of the sentence stays
        end = cuts[at + 1]
        tail = raw[end:] if at + 1 < clauses else _end_mark(raw)
        cut = raw[: cuts[at]] + tail
    return cut if _markup_whole(cut) else None


def _joints(raw: str) -> list[re.Match[str]]:
    """The clause joints of `raw` (`_CLAUSE`): a comma joint only when what follows it, up to
    the next joint, has a verb of its own ("…, and £3 for two dogs" goes on a list)."""
    found = list(_CLAUSE.finditer(raw))
    kept: list[re.Match[str]] = []
    for index, joint in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(raw)
        if ";" in joint.group() or _VERB.search(raw, joint.end(), end) is not None:
            kept.append(joint)
    return kept


_VERB = re.compile(
    r"\b(?:we|i|you|they|he|she|it|[a-z]+[’'](?:ll|re|ve|d|s)|is|are|was|were|has|have|had|"
    r"will|can|cannot|must|may|should|does|do|did|gets?|pays?|costs?|goes|takes?|needs?|"
    r"charges?|quotes?)\b",
    re.I,
)
"""A subject or a finite verb: what makes the words after a comma joint a clause."""


_MARKS = ("**", "__", "`", "[", "]", "(", ")", "{{", "}}")
"""Markup that opens and closes around text: a cut that leaves one unmatched breaks it."""


def _markup_whole(text: str) -> bool:
    """Whether every emphasis, code span, link and placeholder of `text` is closed."""
    counts = {mark: text.count(mark) for mark in _MARKS}
    return (
        counts["**"] % 2 == 0
        and (counts["__"] % 2 == 0)
        and (counts["`"] % 2 == 0)
        and counts["["] == counts["]"]
        and counts["("] == counts[")"]
        and counts["{{"] == counts["}}"]
    )


def _end_mark(raw: str) -> str:
    """The full stop (and what closes a sentence after it) that ends `raw`."""
    found = re.search(r"[.!?][\"'’”)]*\s*$", raw)
    return found.group() if found else ""


def still_closed_band(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still name the band the new line takes in, with
    the rule the new prompt drops (`closed_band_reason`)."""
    if _band(facts) is None:
        return []
    return still_saying(
        lambda unit: closed_band_reason(facts, unit.text) is not None,
        conflicting,
        old_body,
        body,
        body_format,
    )


def closed_band_fact(facts: ChangeFacts) -> str | None:
    """The band the new line takes in said as a drafting model's fact: what the template
    writes from."""
    found = _band(facts)
    if found is None:
        return None
    move = found[0]
    return (
        f"the line moved from {move.old} to {move.new} (“{move.new_sentence}”) and the new "
        f"prompt drops the rule the old one gave the band from {move.old} to {move.new}: a "
        f"sentence or clause naming that band (“between {move.old} and {move.new}”, "
        f"“{move.old} to {move.new}”) and its own rule goes, and the rest says {move.new} as "
        "the new prompt does"
    )
