"""A value moved for a band of a count: "The deposit is £30 for every party, whatever its size"
became "£30 for parties of up to 15 skaters and £50 for parties of 16 to 30 skaters"
(`16 <= party_size <= 30`). A KB sentence stating the old value for counts the band now
covers ("the same £30 for a party of 8 or a party of 30", a row "| 8 to 30 skaters | £30 |")
is no longer true there (`band_claim_reason`); one about counts outside the band ("£30 for
up to 15 skaters") or about another subject with no count of what the variable counts (gift
vouchers of £30) stays.

The edit (`count_band_edit`) splits a table row keyed by a range of counts into the kept part
and the band, each in the row's style (the value cell said like the old one, its spelled
gloss too: "£50 (fifty pounds)"); a sentence whose clause states the old value for the band is
said again from the new prompt's rule in the KB's words (`rules.subset_rule`), the rest of the
sentence byte for byte; a sentence that cannot be said so leaves the item flagged. A drafting
model gets the same fact (`count_band_fact`) and its edit the same check (`still_band_claim`)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.detect.quantities import count_words
from behaviordiff.drafting.facts import ChangeFacts, value_pattern
from behaviordiff.drafting.impactview import ImpactView, only_marked_for
from behaviordiff.drafting.rules import cell_spans, subset_rule
from behaviordiff.drafting.text import Unit, rewrite_conflicting, still_saying, terms

BAND_CLAIM_REASON = "states the old value for counts the change now covers; it now depends on"

_COUNT = re.compile(r"(?<![\w.,£$€%-])(\d{1,6})(?![\w%]|[.,]\d|\s*%)")
_RANGE_WORDS = re.compile(r"^\s*(?:to|-|\u2013|and)\s*$", re.I)
_UP_TO = re.compile(r"\b(?:up to|at most|under|fewer than|less than)\s*$", re.I)
_OVER = re.compile(r"\b(?:more than|over|above)\s*$", re.I)
_OR_MORE = re.compile(r"^\s*(?:or|and) (?:more|over|above)\b", re.I)
_DURATION = re.compile(r"^\s*(?:\w+\s+)?(?:minute|min|hour|hr|day|week|month|year)s?\b", re.I)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


@dataclass(frozen=True)
class CountBand:
    """The change's band of one count (inclusive bounds, None when open) and the value moved
    for it: `old` stays outside the band, `new` holds inside."""

    feature: str
    low: float | None
    high: float | None
    old: Promise
    new: Promise
    nouns: frozenset[str]
    """Stems naming what is counted: the variable's name and the word after a number of the
    new prompt's rule ("skaters")."""

    def covers(self, low: float, high: float) -> bool:
        """Whether the counts from `low` to `high` meet the band."""
        band_low = -math.inf if self.low is None else self.low
        band_high = math.inf if self.high is None else self.high
        return low <= band_high and band_low <= high


def _band(atom: object) -> tuple[float | None, float | None] | None:
    op = getattr(atom, "op", "")
    value, low, high = (getattr(atom, name, None) for name in ("value", "low", "high"))
    number = (int, float)
    if op == "between" and isinstance(low, number) and isinstance(high, number):
        lower = float(low) if getattr(atom, "low_inclusive", False) else math.floor(low) + 1
        upper = float(high) if getattr(atom, "high_inclusive", True) else math.ceil(high) - 1
        return float(lower), float(upper)
    if not isinstance(value, number) or isinstance(value, bool):
        return None
    return {
        ">=": (float(value), None),
        ">": (float(math.floor(value) + 1), None),
        "<=": (None, float(value)),
        "<": (None, float(math.ceil(value) - 1)),
    }.get(op)


def count_band(facts: ChangeFacts) -> CountBand | None:
    """The change's count band when one value moved for a band of one whole-number variable
    the prompt's rule counts ("parties of 16 to 30 skaters"), else None."""
    if not facts.restricted or not facts.conditions or not facts.rules:
        return None
    atoms = [atom for atom in facts.conditions[0].atoms if atom.op != "tag"]
    if len(atoms) != 1 or (band := _band(atoms[0])) is None:
        return None
    gone = [p for p in facts.removed_promises if p.kind != "channel"]
    came = [p for p in facts.added_promises if gone and p.kind == gone[0].kind]
    if len(gone) != 1 or len(came) != 1:
        return None
    name = atoms[0].feature.rsplit(".", 1)[-1]
    nouns = set(terms(name.replace("_", " ")))
    for rule in facts.rules:
        said = rule.new or ""
        for found in _COUNT.finditer(said):
            next_words = said[found.end() : found.end() + 40]
            after = _WORD.match(next_words.lstrip())
            if after is not None and not _DURATION.match(next_words):
                nouns |= set(terms(after.group(0)))
    nouns -= {"size", "number", "count", "total"}
    if not nouns:
        return None
    return CountBand(atoms[0].feature, band[0], band[1], gone[0], came[0], frozenset(nouns))


def _counted(band: CountBand, text: str, start: int, end: int) -> bool:
    """Whether the count at `text[start:end]` counts what the band's variable counts: a noun
    of it in the three words before or the word after ("a party of 30", "30 skaters")."""
    before = _WORD.findall(text[max(0, start - 40) : start])[-3:]
    after = _WORD.findall(text[end : end + 24])[:1]
    return bool(set(terms(" ".join(before + after))) & band.nouns)


def counts_said(band: CountBand, text: str) -> list[tuple[float, float]]:
    """The ranges of counts of what the band counts that `text` states: "8 to 30 skaters" is
    (8, 30), "a party of 8" (8, 8), "up to 15 skaters" (-inf, 15), "more than 30" (31, inf).
    Numbers of durations ("2 working days") and amounts are none."""
    found = [m for m in _COUNT.finditer(text) if not _DURATION.match(text[m.end() : m.end() + 40])]
    ranges: list[tuple[float, float]] = []
    index = 0
    while index < len(found):
        match = found[index]
        start, end, low = match.start(), match.end(), float(match.group(1))
        high = low
        if index + 1 < len(found) and _RANGE_WORDS.match(text[end : found[index + 1].start()]):
            index += 1
            high, end = float(found[index].group(1)), found[index].end()
        index += 1
        if not (
            _counted(band, text, start, end) or _counted(band, text, match.start(), match.end())
        ):
            continue
        before = text[max(0, start - 16) : start]
        if _UP_TO.search(before):
            ranges.append((-math.inf, high))
        elif _OVER.search(before):
            ranges.append((high + 1, math.inf))
        elif _OR_MORE.match(text[end : end + 16]):
            ranges.append((low, math.inf))
        else:
            ranges.append((low, high))
    return ranges


def _states(promise: Promise, sentence: str) -> bool:
    return any(found.key == promise.key for found in extract_promises(sentence))


def band_claim_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` states the old value for counts the band now covers, or None."""
    band = count_band(facts)
    if band is None or not _states(band.old, sentence) or _states(band.new, sentence):
        return None
    if not any(band.covers(low, high) for low, high in counts_said(band, sentence)):
        return None
    return f"{BAND_CLAIM_REASON} {facts.when()}"


# the edit ---------------------------------------------------------------------------------


def _show(value: float) -> str:
    return f"{value:g}"


def _number(value: str) -> float | None:
    found = re.search(r"\d[\d,]*(?:\.\d+)?", value)
    return float(found.group(0).replace(",", "")) if found is not None else None


def _restated(band: CountBand, text: str) -> str | None:
    """`text` with its one old amount said as the new one in its style ("£30" → "£50", not
    "£50.00"), a spelled gloss of it too ("£30 (thirty pounds)" → "£50 (fifty pounds)"); None
    when it has not exactly one."""
    found = list(value_pattern(band.old.value).finditer(text))
    if len(found) != 1:
        return None
    said = band.new.value
    if "." not in found[0].group(0) and re.search(r"\.0+$", said):
        said = re.sub(r"\.0+$", "", said)
    text = text[: found[0].start()] + said + text[found[0].end() :]
    was, now = _number(band.old.value), _number(band.new.value)
    if was is None or now is None or not (was.is_integer() and now.is_integer()):
        return text
    if not (0 < was < 100 and 0 < now < 100):
        return text
    spelled, respelled = count_words(int(was)), count_words(int(now))
    if spelled is None or respelled is None:
        return text
    gloss = re.compile(rf"(?<=\()\s*{re.escape(spelled)}(?=[\s)])", re.I)
    return gloss.sub(lambda m: m.group(0).replace(spelled, respelled), text, count=1)


def _split_row(band: CountBand, raw: str) -> str | None:
    """A row keyed by a range of counts the band cuts, as two rows in its style: the part
    that keeps the old value and the band's part with the new one, in order of the counts."""
    spans = cell_spans(raw)
    if len(spans) < 2:
        return None
    key_start, key_end = spans[0]
    key = raw[key_start:key_end]
    pairs = [m for m in _COUNT.finditer(key)]
    if len(pairs) != 2 or not _RANGE_WORDS.match(key[pairs[0].end() : pairs[1].start()]):
        return None
    low, high = float(pairs[0].group(1)), float(pairs[1].group(1))
    band_low = low if band.low is None else max(low, band.low)
    band_high = high if band.high is None else min(high, band.high)
    if band_low > band_high or (band_low > low and band_high < high):
        return None  # outside the row, or in its middle: three rows only a writer can order
    if band_low == low and band_high == high:
        return None  # the whole row: its value moves, nothing to split

    def keyed(first: float, last: float) -> str:
        a, b = pairs[0], pairs[1]
        return (
            key[: a.start()]
            + _show(first)
            + key[a.end() : b.start()]
            + _show(last)
            + key[b.end() :]
        )

    rest = raw[key_end:]
    moved = _restated(band, rest)
    if moved is None:
        return None
    head = raw[:key_start]
    kept_row = (
        head + keyed(*((band_high + 1, high) if band_low == low else (low, band_low - 1))) + rest
    )
    band_row = head + keyed(band_low, band_high) + moved
    rows = [band_row, kept_row] if band_low == low else [kept_row, band_row]
    return "\n".join(rows)


_CLAUSE_END = re.compile(r",\s+(?:and|but|so)\s+|;\s*")


def _said_again(band: CountBand, facts: ChangeFacts, raw: str) -> str | None:
    """A sentence whose clause states the old value for the band's counts, that clause said
    as the new prompt's rule in the KB's words ("The deposit is £30 for parties of up to 15
    skaters and £50 for parties of 16 to 30 skaters"), the rest of it kept; None when the rule
    is not about what the clause's subject is."""
    found = subset_rule(facts.rules)
    if found is None:
        return None
    head = found[1].head.strip().rstrip(".")
    if not (_states(band.old, head) and _states(band.new, head)):
        return None
    stop = _CLAUSE_END.search(raw)
    clause = raw[: stop.start()] if stop is not None else raw.rstrip().rstrip(".!")
    if not _states(band.old, clause):
        return None
    pattern = value_pattern(band.old.value)
    in_clause, in_head = pattern.search(clause), pattern.search(head)
    lead = clause[: in_clause.start()] if in_clause is not None else ""
    head_lead = head[: in_head.start()] if in_head is not None else ""
    if not set(terms(lead)) & set(terms(head_lead)):
        return None  # "The deposit is …" and the rule's "The deposit is …": the same subject
    rest = raw[len(clause) :]
    return head[:1].upper() + head[1:] + rest


def count_band_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose conflicts all state the old value for the band's counts
    (`band_claim_reason`): rows split, sentences said again from the new rule; flagged with
    the reason when one cannot be. None for any other change or item."""
    band = count_band(facts)
    conflicts = impact.conflicts
    if band is None or not conflicts:
        return None
    if not only_marked_for(conflicts, BAND_CLAIM_REASON):
        return None
    conflicting = {c.sentence for c in conflicts}

    def rewrite(unit: Unit, raw: str) -> str | None:
        if raw.lstrip().startswith("|"):
            return _split_row(band, raw)
        if raw.lstrip().startswith("#") or raw != unit.text:
            return None
        return _said_again(band, facts, raw)

    new_body = rewrite_conflicting(impact.item.body, impact.item.body_format, conflicting, rewrite)
    when = facts.when()
    if new_body is None:
        return None, (
            f"No safe rewrite: {band.new.value} now holds for {when} and {band.old.value} for "
            f"the rest; this {impact.item.kind} states {band.old.value} for those counts in a "
            "sentence that cannot be split into the two: a writer should say both."
        )
    return new_body, (
        f"{band.new.value} now holds for {when}; the rest keep {band.old.value}. This "
        f"{impact.item.kind} stated {band.old.value} for those counts too: the edit splits "
        "them, in its own style, and keeps everything else."
    )


def count_band_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a value moved for a band of a count (`count_band`)."""
    band = count_band(facts)
    if band is None:
        return None
    return (
        f"{band.old.value} → {band.new.value} only for {facts.when()}; other counts keep "
        f"{band.old.value}: a sentence or table row stating {band.old.value} for counts that "
        f"take in that band (a range of sizes, “the same for … 8 or … 30”) says "
        f"{band.old.value} for the rest and {band.new.value} for the band, a row split in two "
        "rows of its own style; sentences and rows about other counts stay as they are"
    )


def still_band_claim(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still state the old value for the band's counts:
    what no drafter's edit may say."""
    if count_band(facts) is None:
        return []
    return still_saying(
        lambda unit: band_claim_reason(facts, unit.text) is not None,
        conflicts,
        old_body,
        new_body,
        body_format,
    )
