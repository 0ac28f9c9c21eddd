"""A step now required for a band of a number, the rest keeping the old way: the old prompt
switched every rider of 18 or over on at once ("Riders aged 18 or over: switch the account on
straight away with `activate_rider`"); the new one gives the band its own rule ("Riders aged 18
to 20: don't switch the account on yet. Send the licence upload link … and explain that we need
a photo of their full or provisional driving licence before their first ride") and keeps the
old way past it ("Riders aged 21 or over: switch the account on straight away with
`activate_rider` …") (`band_step`).

KB text on the topic that denies what the band now needs ("there's no driving licence to send
us", "We never ask to see a driving licence"), claims the old way whatever the number
("whatever your age", "whether you're nineteen or ninety") or says the old line with the old way
at once ("Anyone aged eighteen or over can … be riding the same day") is no longer true for the
band (`band_step_conflicts`). The edit (`band_step_edit`) keeps each for the rest: the old line
said as the kept one ("As long as you're 21 or over"), the every-case clause as the kept case
("… if you're aged 21 or over"), a sentence that is nothing but the denial gives way to the
band's step, said once in the KB's voice ("If you're aged 18 to 20, we need a photo of your full
or provisional driving licence before your first ride."). A drafting model is told the same
(`band_step_fact`) and held to it (`still_denied_for_band`).

Not a check before an action on one topic for everyone (`proofstep`), nor a requirement for
part of a range said with "if" (`scopedneed`), nor one tool swapped for another past a line
(`bandswap`: the old tool here is still taken once the step is done).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import rule_parts
from behaviordiff.drafting.scopedneed import need_in
from behaviordiff.drafting.text import (
    CODE_SPAN,
    STOPWORDS,
    Keep,
    Unit,
    flat,
    lower_first,
    plain_text,
    rewrite_units,
    stem,
    terms,
    units,
    upper_first,
)

BAND_STEP_REASON = "claims the old way for the whole range; the new prompt now requires"

_NUMBER = re.compile(r"(?<![\d.,£$€])\d{1,4}(?![\d.,%])")
# "aged 21 or over", "21 and over", "21 or older": the line's lower side
_OR_OVER = r"(?:or|and)\s+(?:over|older|above|up)"
_AT_ONCE = re.compile(
    r"\b(?:straight away|right away|at once|immediately|there and then|on the spot|"
    r"the same day|same-day|right now|instantly)\b",
    re.I,
)
# a denying word ("no driving licence", "you don't need", "we never ask")
_DENY = re.compile(
    r"\b(?:no|without|nothing|never|don't|don’t|do not|doesn't|doesn’t|won't|won’t|needn't)\b",
    re.I,
)
# an every-case clause on a person's number, trailing or leading (bounded: linear)
_EVERY_TRAIL = re.compile(
    r",?\s?\b(?:whatever (?:your|their|his|her) age\b[^.;:!?]{0,60}|"
    r"however old (?:you|they) (?:are|is)\b|regardless of (?:your |their )?age\b|"
    r"whether (?:you're|you’re|you are|they're|they’re|they are) "
    r"[a-z-]{1,20} or [a-z-]{1,20})(?=[.!?]?$)",
    re.I,
)
_EVERY_LEAD = re.compile(
    r"^(?:whatever (?:your|their) age|however old (?:you|they) (?:are|is)|regardless of "
    r"(?:your |their )?age),\s+",
    re.I,
)
_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?", re.I)


@dataclass(frozen=True)
class BandStep:
    """A step a band of a number now needs before the old action, the rest keeping it."""

    action: str
    """The old action, still taken past the band (`activate_rider`)."""
    line: str
    """The band's lower line as the old rule said it ("18")."""
    kept_line: str
    """The line past which the old way stays ("21")."""
    kept_case: str
    """The rest in the KB's voice ("if you're aged 21 or over")."""
    band_case: str
    """The band in the KB's voice ("If you're aged 18 to 20")."""
    need: str
    """What the band now needs, in the KB's voice ("we need a photo of your full or
    provisional driving licence before your first ride")."""
    wanted: frozenset[str]
    """Stems of what is needed ("photo", "licence"): a denial of one states the old rule."""
    rule: str
    """The band's prompt sentences."""
    topic: frozenset[str] = frozenset()
    """Stems of what the kept rule does ("switch", "account", "app" of "switch the account on
    straight away with `activate_rider` and tell them they can unlock a scooter in the app right
    now"): a claim at once for every case is the old way only when it names one."""

    @property
    def step_sentence(self) -> str:
        return f"{self.band_case}, {self.need}."


def _case(head: str, personal: bool) -> str | None:
    """A rule's head as the KB's case: "Riders aged 18 to 20" → "If you're aged 18 to 20"
    (a person's age); "Orders of 10 to 20 items" → "For orders of 10 to 20 items"."""
    if personal:
        aged = re.search(r"\baged\s+\d", head)
        if aged is None:
            return None
        return f"If you're {head[aged.start() :]}"
    return f"For {lower_first(head)}"


def _ruled(sentences: Sequence[str], start: int) -> list[str]:
    """The sentence at `start` and those after it up to the next headed one."""
    found = [sentences[start]]
    for sentence in sentences[start + 1 :]:
        if rule_parts(sentence) is not None:
            break
        found.append(sentence)
    return found


def band_step(facts: ChangeFacts) -> BandStep | None:
    """The step a band of a number now needs (`BandStep`): the change's condition bounds one
    number; the new prompt heads a rule with the band's lower line that says what we need
    before we act ("Riders aged 18 to 20: … we need a photo of … before their first ride"),
    and heads another with the band's upper line that still takes the action the band's
    conversations lost ("Riders aged 21 or over: switch … with `activate_rider`"). None for
    any other change."""
    lost = [a.name for a in facts.before_actions if not a.is_escalation]
    condition = facts.condition
    if not lost or condition is None:
        return None
    atoms = [atom for atom in condition.atoms if atom.op != "tag"]
    if len(atoms) != 1:
        return None
    atom = atoms[0]
    low, high = atom.low, atom.high
    if low is None or high is None or not float(low).is_integer():
        return None
    if not float(high).is_integer() or not atom.low_inclusive:
        return None
    line = str(int(low))
    kept_line = str(int(high) + 1 if atom.high_inclusive else int(high))
    ends = {kept_line, str(int(kept_line) - 1)}
    personal = "age" in re.split(r"[_\W]+", atom.feature.lower())
    for sentences in facts.prompt_sections.values():
        said = [flat(sentence) for sentence in sentences]
        band = kept = None
        for index, sentence in enumerate(said):
            parts = rule_parts(sentence)
            if parts is None:
                continue
            numbers = _NUMBER.findall(parts[0])
            if numbers[:1] == [line] and ends & set(numbers[1:]):
                band = (parts[0], " ".join(_ruled(said, index)))
            elif numbers == [kept_line] and any(f"`{name}`" in sentence for name in lost):
                kept = (parts[0], sentence)
        if band is None or kept is None:
            continue
        needed = need_in(band[1])
        if needed is None:
            continue
        band_case, kept_case = _case(band[0], personal), _case(kept[0], personal)
        if band_case is None or kept_case is None:
            continue
        what, need = needed
        head = re.split(r"\s+of\s+", what, maxsplit=1)
        wanted = {stem(word) for part in head for word in terms(part)[-1:]}
        action = next(name for name in lost if f"`{name}`" in kept[1])
        return BandStep(
            action,
            line,
            kept_line,
            lower_first(kept_case),
            band_case,
            need,
            frozenset(wanted),
            band[1],
            _topic(kept[1], action),
        )
    return None


_AT_ONCE_WORDS = frozenset(
    stem(word)
    for word in [
        "straight",
        "away",
        "right",
        "now",
        "once",
        "immediately",
        "instantly",
        "spot",
        "same",
        "day",
        "there",
        "then",
    ]
)


def _topic(sentence: str, action: str) -> frozenset[str]:
    """The stems of what a kept rule does, its head and at-once words out, with its tool's."""
    parts = rule_parts(sentence)
    body = CODE_SPAN.sub(" ", parts[1] if parts else sentence)
    words = {stem(word) for word in terms(body) if word not in STOPWORDS}
    words |= {stem(word) for word in action.split("_") if len(word) > 2}
    return frozenset(words - _AT_ONCE_WORDS)


_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _spelled(number: int) -> list[str]:
    """`number` in words, as a KB may write it ("eighteen", "twenty-one", "twenty one")."""
    said = [word for word, value in CARDINALS.items() if value == number]
    tens, ones = divmod(number, 10)
    if 2 <= tens <= 9 and ones:
        unit = next((word for word, value in CARDINALS.items() if value == ones), None)
        if unit is not None:
            said += [f"{_TENS[tens - 2]}-{unit}", f"{_TENS[tens - 2]} {unit}"]
    return said


def _line_said(step: BandStep, sentence: str) -> re.Match[str] | None:
    """Where a sentence says the band's lower line as where the old way starts ("18 or over",
    "eighteen and over")."""
    said = "|".join([re.escape(step.line), *_spelled(int(step.line))])
    return re.search(rf"\b(?P<n>{said})\s+{_OR_OVER}\b", sentence, re.I)


def _denies(step: BandStep, sentence: str) -> bool:
    """A denying word with a word of what is needed within the next five that say something
    ("no driving licence", "we never ask to see a driving licence")."""
    for denial in _DENY.finditer(sentence):
        following = _WORD.findall(sentence[denial.end() : denial.end() + 80])[:10]
        said = [word.lower() for word in following if word.lower() not in STOPWORDS][:5]
        if step.wanted & {stem(word) for word in said}:
            return True
    return False


def _every(sentence: str) -> bool:
    body = _MARKER.sub("", sentence).rstrip()
    return _EVERY_TRAIL.search(body) is not None or _EVERY_LEAD.match(body) is not None


def claims_old_way(step: BandStep, sentence: str) -> bool:
    """Whether a KB sentence states the old way for the whole range: it denies what the band
    now needs, or says the old way at once for every number or from the band's lower line."""
    if _denies(step, sentence):
        return True
    if _AT_ONCE.search(sentence) is None:
        return False
    if not step.topic & {stem(word) for word in terms(sentence)}:
        # "Whatever your age, you never pay for fuel you didn't use: we refund it at once."
        return False
    return _every(sentence) or _line_said(step, sentence) is not None


def band_step_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    conflicts: list[Any],
    make: Callable[[int, str, tuple[str, ...]], Any],
) -> list[Any]:
    """The conflicts of an item once the band's step is read (`band_step`): the sentences
    stating the old way for the whole range, and no other (the old line's value said of the
    minimum, "riders must be 18 or over", still holds). `conflicts` unchanged for any other
    change."""
    step = band_step(facts)
    if step is None:
        return conflicts
    reason = f"{BAND_STEP_REASON} a step for one band: {step.step_sentence}"
    marked = []
    for index, unit in enumerate(item_units):
        if unit.raw.lstrip().startswith(("#", "|")) or not claims_old_way(step, unit.text):
            continue
        marked.append(make(index, unit.text, (reason,)))
    return marked


def _only_denial(step: BandStep, text: str) -> bool:
    """A sentence that is nothing but the denial ("We never ask to see a driving licence."):
    no clause, no number, no at-once word."""
    body = _MARKER.sub("", text).strip()
    return (
        _denies(step, body)
        and not re.search(r"[,;:]", body.rstrip(".!?"))
        and not _NUMBER.search(body)
        and _AT_ONCE.search(body) is None
        and len(body.split()) <= 12
    )


def _kept(step: BandStep, raw: str) -> str | None:
    """A sentence stating the old way for the whole range said for the rest: its old line as
    the kept one, else its every-case clause as the kept case, else the kept case before it
    ("If you're aged 21 or over, there's …"). None when none can be said."""
    lead = _MARKER.match(raw)
    marker = lead.group(0) if lead else ""
    body = raw[len(marker) :].rstrip()
    line = _line_said(step, body)
    if line is not None:
        said = body[: line.start("n")] + step.kept_line + body[line.end("n") :]
        # the kept line says whom: an every-case clause beside it goes
        trail = _EVERY_TRAIL.search(said)
        return said if trail is None else said[: trail.start()] + said[trail.end() :]
    trail = _EVERY_TRAIL.search(body)
    if trail is not None:
        end = body[trail.end() :]
        case = step.kept_case
        if re.search(r"\b(?:their|they|they're|they’re)\b", trail.group(0), re.I):
            # "whatever their age" → "if they're aged 21 or over"
            case = re.sub(r"\byou(?:'re|’re)", "they're", case)
        return f"{body[: trail.start()]} {case}{end}"
    every = _EVERY_LEAD.match(body)
    if every is not None:
        return f"{upper_first(step.kept_case)}, {body[every.end() :]}"
    first = body.split(" ", 1)[0].lower()
    if first not in {"we", "we'll", "we’ll", "you", "there's", "there’s", "there", "no", "your"}:
        return None
    return f"{upper_first(step.kept_case)}, {lower_first(body)}"


def band_step_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit: each sentence stating the old way for the whole range said
    for the rest (`_kept`), one that is nothing but the denial giving way to the band's step,
    else the step said once after the last prose sentence narrowed; every other byte kept.
    Flagged (no text) when a sentence cannot be said so. None for any other change or an item
    with no such sentence."""
    step = band_step(facts)
    if step is None:
        return None
    marked = [c.sentence for c in impact.conflicts if any(BAND_STEP_REASON in r for r in c.reasons)]
    if not marked:
        return None
    item_units = list(impact.units)
    denials = [
        unit.text for unit in item_units if unit.text in marked and _only_denial(step, unit.text)
    ]
    prose = [
        unit.text
        for unit in item_units
        if unit.text in marked and unit.text not in denials and not _MARKER.match(unit.raw)
    ]
    place = denials[0] if denials else (prose[-1] if prose else None)
    quoted = "; ".join(f"“{sentence}”" for sentence in marked)
    noun = impact.item.kind
    head = (
        f"The new prompt now requires a step for one band: “{step.step_sentence}”; past it "
        f"the old way stays ({step.kept_case})"
    )
    if place is None:
        return None, (
            f"Flagged for review: {head}. This {noun} states the old way for the whole range "
            f"in {quoted}, and no sentence of it can take the step."
        )

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        tail = unit.raw[len(unit.raw.rstrip()) :]
        if unit.text in denials:
            if unit.text != place:
                # the step is said once; what a later denial said stays true for the rest
                kept = _kept(step, unit.raw)
                return kept + tail if kept is not None else ""
            return step.step_sentence + tail
        said = _kept(step, unit.raw)
        if said is None:
            return Keep.BLOCK
        if unit.text == place:
            said = f"{said} {step.step_sentence}"
        return said + tail

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None:
        return None, (
            f"Flagged for review: {head}. This {noun} states the old way for the whole range "
            f"in {quoted}, and one of them cannot be said for the rest alone."
        )
    return new_body, (
        f"{head}. This {noun} stated the old way for the whole range in {quoted}: the edit "
        "keeps it for the rest, says the band's step once, and keeps everything else."
    )


def band_step_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of the band's step."""
    step = band_step(facts)
    if step is None:
        return None
    return (
        f"the new prompt now requires a step for one band (“{step.rule}”): text saying the "
        "old way for the whole range (“whatever your age”, "
        f"“{step.line} or over” with the old way at once, or that none of it is needed) keeps "
        f"it {step.kept_case} and says once, in the item's words: “{step.step_sentence}”; "
        f"the line of {step.line} said of anything else stays"
    )


def still_denied_for_band(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still state the old way for the whole range
    (`claims_old_way`) and name no side of the band: what no drafter's edit may keep."""
    step = band_step(facts)
    if step is None:
        return []
    return [
        unit.text
        for unit in units(plain_text(body, body_format))
        if claims_old_way(step, unit.text)
        and step.kept_line not in unit.text
        and step.line not in unit.text
    ]
