"""A time-of-day cut-off moved for a band of another number, the rest keeping the old one.

The old prompt gave one cut-off for every case ("Same-day delivery … is for bookings made
before 2pm"); the new one keeps it and adds an earlier (or later) one for a band of another
variable ("Parcels over 5 kg travel on the cargo bikes, which leave earlier: for them, same-day
delivery is only for bookings made before noon."). The change's condition joins the band
(`parcel_kg > 5`) and the hours between the two cut-offs (`12 <= booked_hour < 14`).

The KB says the old cut-off holds whatever the band's number ("Same-day bookings close at 2pm on
the dot, whatever your parcel weighs.", "It doesn't matter how big or heavy your parcel is"),
or gives the old cut-off in the band's table row ("| Over 5 kg, up to 15 kg | £14 | £10 | 2pm
|"). Each such sentence or cell says the band's own cut-off in the KB's words: the every-case
clause gives way to "or at noon for parcels over 5 kg"; a sentence that is nothing but the
claim (the cut-off said in the sentence before it) becomes "For parcels over 5 kg, the cut-off
is noon."; the band's row takes the new time in its cell. What is said of the other side
(a row "| Up to 5 kg | … | 2pm |"), of what comes after the cut-off (next-day "by noon"), or of
another subject (the depot "until noon on Saturdays") stays, and so does what the old action
promised (the same-day "by 6pm", still true before the cut-off): the class's conflicts are the
only ones of an item (`band_cutoff_conflicts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.clocktimes import (
    clock_at,
    clock_matches,
    clock_variable,
    find_clock_times,
    written_like,
)
from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import TIME_WORDS
from behaviordiff.drafting.text import (
    CODE_SPAN,
    STOPWORDS,
    Keep,
    Unit,
    plain_text,
    rewrite_units,
    stem,
    terms,
    units,
    upper_first,
)

BAND_CUTOFF_REASON = "states the old cut-off for every case; the new prompt gives a band its own"

_ABOVE = r"over|above|more than|heavier than|larger than|bigger than|longer than|taller than"
_BELOW = r"under|below|less than|lighter than|smaller than|shorter than|up to"
_SIDES = {">": _ABOVE, ">=": r"at least|from", "<": _BELOW, "<=": r"up to|no more than"}
"""The words that say a band's side of its line, by the condition's comparison."""

_WEIGHT = ("kg", "kgs", "kilo", "kilos", "g", "lb", "lbs", "pound", "pounds", "tonne", "tonnes")
_LENGTH = ("cm", "mm", "m", "metre", "metres", "meter", "meters", "inch", "inches", "ft", "feet")
_MEASURES = {
    **dict.fromkeys(_WEIGHT, ("weigh", "weight", "heavy", "heavi", "light", "big", "size")),
    **dict.fromkeys(_LENGTH, ("long", "length", "big", "size", "tall", "larg", "small")),
}
"""What a KB's every-case clause says of a band's number, by the unit the prompt gives it."""

_EVERY = re.compile(
    r"\b(?:whatever\s+(?:your|the|its|their|it|they)\s?(?:[a-z]{1,20}\s)?(?:weighs?|measures?|"
    r"weight|size|length)\b"
    r"|however\s+(?:heavy|big|large|small|light|long|tall)\b"
    r"|(?:no\s+matter|(?:doesn['’]t|does\s+not|won['’]t|will\s+not)\s+matter)\s+how\s+"
    r"(?:heavy|big|large|small|light|long|tall)\b"
    r"|regardless\s+of\s+(?:its\s+|the\s+|your\s+|their\s+)?(?:weight|size|length)\b"
    r"|of\s+any\s+(?:weight|size|length)\b"
    r"|(?:weight|size|length)\s+(?:makes\s+no\s+difference|doesn['’]t\s+matter|"
    r"does\s+not\s+matter))",
    re.I,
)
"""A claim that holds whatever a thing's weight or size: "whatever your parcel weighs", "it
doesn't matter how big or heavy", "regardless of weight", "of any size" (bounded: linear)."""
_CLAUSE = re.compile(r",[ \t]?(?P<claim>[^,;:.!?\s][^,;:.!?]{0,119})(?=[.!?]?$)")
"""A last clause ("…, whatever your parcel weighs."): the body it is searched in is already
stripped, and the clause starts at its first word, so no run of spaces is tried twice."""
"""A sentence's last clause after a comma, up to its end: where a trailing claim stands."""
_LEAD = re.compile(r"(?:whatever|however|regardless|no\s+matter)\b[^,;:.!?]{1,80},\s+", re.I)
"""A sentence's opening every-case clause, with its comma ("Whatever the length, ")."""
_PREP = re.compile(r"\b(?P<prep>at|by|before|until|till)\s+$", re.I)


@dataclass(frozen=True)
class BandCutoff:
    """A cut-off moved for a band of another number (see the module's docstring)."""

    old_hour: float
    new_hour: float
    new_words: str
    """The new time as the prompt writes it ("noon")."""
    band: str
    """The band in the prompt's words ("parcels over 5 kg")."""
    line: str
    """The band's line ("5")."""
    unit: str
    """Its unit ("kg"), "" when none."""
    side: str
    """The words that say the band's side of the line (`_SIDES`)."""
    subject: frozenset[str]
    """Stems of what the band is of ("parcel") and of its measure ("weigh", "heavy")."""
    rule: str
    """The prompt sentence that gives the band its cut-off."""
    topic: frozenset[str] = frozenset()
    """What the cut-off is for, as stems cut to five letters ("deliv", "order" of "Next-day
    delivery is for orders placed before 3pm"): a claim about another subject ("returns can be
    dropped off from 3pm, whatever their size") names none."""

    @property
    def band_sentence(self) -> str:
        return f"For {self.band}, the cut-off is {self.new_words}."


def _number(value: Any) -> str | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return str(int(number)) if number.is_integer() else str(number)


def band_cutoff(facts: ChangeFacts) -> BandCutoff | None:
    """The cut-off moved for a band (`BandCutoff`): the change's condition joins a band of one
    number (`parcel_kg > 5`) and a span of a time-of-day variable between two hours
    (`12 <= booked_hour < 14`); a sentence of the new prompt names the band ("over 5 kg") and
    one of the span's ends as a time (the new cut-off), and another states the other end (the
    old cut-off, kept for the rest). None for any other change."""
    condition = facts.condition
    if condition is None:
        return None
    atoms = [atom for atom in condition.atoms if atom.op != "tag"]
    clocks = [atom for atom in atoms if atom.op == "between" and clock_variable(atom.feature)]
    bands = [atom for atom in atoms if atom.op in _SIDES and atom not in clocks]
    if len(clocks) != 1 or len(bands) != 1 or len(atoms) != 2:
        return None
    clock, band = clocks[0], bands[0]
    line = _number(band.value)
    if line is None or not isinstance(clock.low, int | float):
        return None
    if not isinstance(clock.high, int | float):
        return None
    ends = (float(clock.low), float(clock.high))
    side = _SIDES[band.op]
    named = re.compile(
        rf"\b(?P<band>(?P<noun>[A-Za-z][\w'’-]{{0,30}})\s+(?:{side})\s+{re.escape(line)}"
        r"(?:\s?(?P<unit>[A-Za-z]{1,10})\b)?)",
        re.I,
    )
    sentences = [" ".join(s.split()) for ss in facts.prompt_sections.values() for s in ss]
    for sentence in sentences:
        found = named.search(sentence)
        if found is None:
            continue
        times = [t for t in find_clock_times(sentence) if t.hour in ends]
        if len(times) != 1:
            continue
        new = times[0]
        old_hour = ends[1] if new.hour == ends[0] else ends[0]
        kept = [
            other
            for other in sentences
            if other != sentence and any(t.hour == old_hour for t in find_clock_times(other))
        ]
        if not kept:
            continue
        unit = (found.group("unit") or "").lower()
        if unit not in _MEASURES:
            continue  # a weight or a size: what the KB's every-case words are about
        said = found.group("band")
        said = said[:1].lower() + said[1:] if said[1:2].islower() else said
        subject = {stem(found.group("noun").lower())} | set(_MEASURES.get(unit, ()))
        return BandCutoff(
            old_hour,
            new.hour,
            new.text,
            said,
            line,
            unit,
            side,
            frozenset(subject),
            sentence,
            _topic([sentence, *kept], subject),
        )
    return None


def _stems(text: str) -> set[str]:
    return {
        stem(word.lower())[:5]
        for word in terms(CODE_SPAN.sub(" ", text))
        if not any(char.isdigit() for char in word)
        and word.lower() not in STOPWORDS
        and word.lower() not in CARDINALS
    }


def _topic(sentences: Sequence[str], subject: set[str]) -> frozenset[str]:
    """The stems (five letters) of the prompt's cut-off sentences but time words and the
    band's own."""
    said = set().union(*(_stems(sentence) for sentence in sentences))
    sides = _ABOVE.split("|") + _BELOW.split("|") + ["only", "need", "needs"]
    ignored = {word[:5] for word in TIME_WORDS | subject} | _stems(" ".join(sides))
    return frozenset(word for word in said - ignored if len(word) > 2)


def _states_old(cutoff: BandCutoff, text: str) -> re.Match[str] | None:
    for found in clock_matches(text):
        time = clock_at(found)
        if time is not None and time.hour == cutoff.old_hour:
            return found
    return None


def _claims_every(cutoff: BandCutoff, sentence: str) -> re.Match[str] | None:
    """The every-case claim of a sentence about the band's subject or its measure."""
    claim = _EVERY.search(sentence)
    if claim is None:
        return None
    words = {stem(word) for word in terms(sentence)}
    if not any(word.startswith(tuple(cutoff.subject)) for word in words):
        return None
    return claim


def _band_row(cutoff: BandCutoff, raw: str) -> bool:
    """A table row keyed by the band ("| Over 5 kg, up to 15 kg | … |")."""
    cells = [cell.strip() for cell in raw.strip().strip("|").split("|")]
    if not cells:
        return False
    unit = rf"\s?{re.escape(cutoff.unit)}\b" if cutoff.unit else r"(?!\d)"
    return (
        re.search(rf"\b(?:{cutoff.side})\s+{re.escape(cutoff.line)}{unit}", cells[0], re.I)
        is not None
    )


def claims_old_cutoff(cutoff: BandCutoff, text: str, before: str = "") -> bool:
    """Whether a KB unit states the old cut-off for the band: a row keyed by the band with the
    old time in a cell, or an every-case claim about the band's subject in a sentence stating
    the old time or right after one (`before`)."""
    if text.lstrip().startswith("|"):
        return _band_row(cutoff, text) and _states_old(cutoff, text) is not None
    if _claims_every(cutoff, text) is None:
        return False
    if _states_old(cutoff, text) is not None:
        return bool(_stems(text) & cutoff.topic)
    return _states_old(cutoff, before) is not None and bool(
        _stems(f"{before} {text}") & cutoff.topic
    )


def band_cutoff_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    conflicts: list[Any],
    make: Callable[[int, str, tuple[str, ...]], Any],
) -> list[Any]:
    """An item's conflicts once the band's cut-off is read (`band_cutoff`): the units stating
    the old cut-off for the band, and no other. `conflicts` unchanged for any other change."""
    cutoff = band_cutoff(facts)
    if cutoff is None:
        return conflicts
    reason = f"{BAND_CUTOFF_REASON}: {cutoff.rule}"
    marked = []
    for index, unit in enumerate(item_units):
        before = item_units[index - 1].text if index else ""
        raw = unit.raw if unit.raw.lstrip().startswith("|") else unit.text
        if claims_old_cutoff(cutoff, raw, before):
            marked.append(make(index, unit.text, (reason,)))
    return marked


def _new_time(cutoff: BandCutoff, like: re.Match[str]) -> str:
    time = clock_at(like)
    if time is None or not time.twelve_hour:
        return cutoff.new_words  # "noon", "two o'clock": the prompt's own words
    return written_like(cutoff.new_hour, time)


def _only_claim(body: str, claim: re.Match[str]) -> bool:
    """Whether a sentence says nothing but its every-case claim (a few words beside it: "It's
    the same whatever your parcel weighs."), the claim and what follows from it ("Weight makes
    no difference, so even a wardrobe can come tomorrow.") or the claim and its own proviso
    ("It doesn't matter how heavy your parcel is, as long as it's within our 15 kg limit"):
    only such a sentence gives way whole; one going on to say something else ("…, our riders
    carry it to your door") stays."""
    # the claim's own clause runs to its comma ("… how heavy your item is,"); what comes
    # after is either what follows from it or the sentence's own news
    own, comma, after = body[claim.end() :].partition(",")
    if not comma:
        rest = f"{body[: claim.start()]} {own}"
    elif _FOLLOWS.match(after.lstrip()):
        rest = body[: claim.start()]
    else:
        rest = f"{body[: claim.start()]} {after}"
    return len(re.findall(r"[A-Za-z]+", rest)) <= 4


_FOLLOWS = re.compile(
    r"(?:and\s+)?(?:so|which means|meaning|that means|as long as|so long as|provided)\b", re.I
)


def _rewrite(cutoff: BandCutoff, raw: str, before: str) -> str | None:
    """A unit stating the old cut-off for the band, said with the band's own; None when it
    cannot be."""
    body = raw.rstrip()
    if body.lstrip().startswith("|"):
        old = _states_old(cutoff, body)
        if old is None:
            return None
        cells = [m.start() for m in re.finditer(r"\|", body)]
        if not any(start < old.start() for start in cells[1:]):
            return None  # the time is in the key cell: no value cell to change
        return body[: old.start()] + _new_time(cutoff, old) + body[old.end() :]
    claim = _claims_every(cutoff, body)
    old = _states_old(cutoff, body)
    if claim is None:
        return None
    if old is not None:
        prep = _PREP.search(body[max(0, old.start() - 12) : old.start()])
        lead = f"{prep.group('prep').lower()} " if prep else ""
        opening = _LEAD.match(body)
        if opening is not None and claim.start() < opening.end() <= old.start():
            # "Whatever the length, we cut orders placed before 1pm …": the claim goes, the
            # band's cut-off is said beside the old one
            rest = body[opening.end() : old.end()] + f" ({lead}{cutoff.new_words} for "
            rest += f"{cutoff.band})" + body[old.end() :]
            return upper_first(rest)
        clause = _CLAUSE.search(body)
        if clause is None or not clause.start("claim") <= claim.start() < clause.end("claim"):
            return None
        if old.start() >= clause.start():
            return None
        said = f", or {lead}{cutoff.new_words} for {cutoff.band}"
        return body[: clause.start()] + said + body[clause.end() :]
    if _states_old(cutoff, before) is None or not _only_claim(body, claim):
        return None
    end = body[-1] if body[-1:] in ".!?" else "."
    return upper_first(cutoff.band_sentence[:-1]) + end


def band_cutoff_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit: each unit stating the old cut-off for the band says the
    band's own (`_rewrite`), every other byte kept; flagged (no text) when one cannot be said.
    None for any other change or an item with no such unit."""
    cutoff = band_cutoff(facts)
    if cutoff is None:
        return None
    marked = [
        c.sentence for c in impact.conflicts if any(BAND_CUTOFF_REASON in r for r in c.reasons)
    ]
    if not marked:
        return None
    item_units = list(impact.units)
    noun = impact.item.kind
    quoted = "; ".join(f"“{sentence}”" for sentence in marked)
    head = f"The new prompt gives {cutoff.band} a cut-off of their own: “{cutoff.rule}”"
    head = head.replace(".”", "”")

    # each sentence's sentence before it, where it first stands in the item (found once, not
    # searched for each unit)
    before_of: dict[str, str] = {}
    for index, each in enumerate(item_units):
        before_of.setdefault(each.text, item_units[index - 1].text if index else "")

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        before = before_of.get(unit.text, "")
        said = _rewrite(cutoff, unit.raw, before)
        if said is None:
            return Keep.BLOCK
        return said + unit.raw[len(unit.raw.rstrip()) :]

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None:
        return None, (
            f"Flagged for review: {head}. This {noun} states the old cut-off for every case "
            f"in {quoted}, and one of them cannot be said with the band's own."
        )
    whole = [
        sentence
        for sentence in marked
        if not sentence.lstrip().startswith("|") and _states_old(cutoff, sentence) is None
    ]
    given = (
        " "
        + "; ".join(f"“{sentence}”" for sentence in whole)
        + f" gives way to “{upper_first(cutoff.band_sentence)}” (whatever else it said goes "
        "with it: a writer should check that)."
        if whole
        else ""
    )
    return new_body, (
        f"{head.rstrip('.')}. This {noun} stated the old cut-off for every case in {quoted}: "
        f"the edit says the cut-off of {cutoff.band} ({cutoff.new_words}) there, keeps the old "
        f"one for the rest, and keeps everything else.{given}"
    )


def band_cutoff_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of the band's cut-off."""
    cutoff = band_cutoff(facts)
    if cutoff is None:
        return None
    return (
        f"the new prompt gives {cutoff.band} a cut-off of their own (“{cutoff.rule}”): text "
        "saying the old cut-off holds whatever the weight or size, or a table row for that "
        f"band with the old time, says {cutoff.new_words} for {cutoff.band} and keeps the old "
        "time for the rest; the times said of anything else (what comes after the cut-off, "
        "opening hours) stay"
    )


def still_old_cutoff(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The units of an edited body that still state the old cut-off for the band
    (`claims_old_cutoff`): what no drafter's edit may keep."""
    cutoff = band_cutoff(facts)
    if cutoff is None:
        return []
    found = []
    text_units = units(plain_text(body, body_format))
    for index, unit in enumerate(text_units):
        before = text_units[index - 1].text if index else ""
        raw = unit.raw if unit.raw.lstrip().startswith("|") else unit.text
        if claims_old_cutoff(cutoff, raw, before):
            found.append(unit.text)
    return found
