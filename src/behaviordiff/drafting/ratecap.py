"""A flat amount made a rate, with a cap: the old prompt charged one amount whatever the count
("a one-off late fee of £10, however many days late it is"), the new one charges an amount per
unit up to a ceiling ("£2 for each day late, up to a maximum of £20"; `rate_cap`).

The KB units that state the old amount for the rule's topic conflict: a sentence naming the
amount and a word of the thing it is the amount of ("a one-off £10 late fee"), a table row whose
first cell names it with the amount in another cell ("| Late return | £10 |"), an answer whose
question names it ("How much is the late fee?" → "It's £10 however late it is."). The same
amount said of another thing (a £10 cleaning charge) names none of the topic's words and stays.

The edit (`rate_cap_edit`) says the new terms in the unit's own shape: a cell holding the amount
becomes the rate with its cap, an amount before its noun becomes "<noun> of <rate>", any other
amount is replaced by the rate, and the old claim of one amount whatever the count ("however
late it is", "one-off") goes. Every other byte stays."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.context import said_under
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, with_marked_units
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, row_cells, terms

RATE_CAP_REASON = "states the old flat amount the new prompt charges per unit"

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d\d)?"
_MONEY = re.compile(rf"(?<![\w.])(?:[$€£]\s?{_NUMBER}|{_NUMBER}\s?(?:USD|EUR|GBP))(?![\w])")
_PER = re.compile(
    r"\s+(?P<per>(?:for\s+)?(?:each|every|per|a|an)\s+[A-Za-z][\w-]*(?:\s+(?!(?:up|to|with|and|but|or|never|capped|of)\b)[A-Za-z][\w-]*){0,2})"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:up|to|capped|with|and|but|never)\b)",
    re.I,
)
"""What a rate is per, right after its amount (" for each day late", " a night")."""
_CAP_BEFORE = re.compile(
    r"(?:up\s+to(?:\s+a\s+max(?:imum)?\s+of)?|(?:to\s+)?a\s+max(?:imum)?\s+of|capped\s+at|"
    r"no\s+more\s+than|never\s+more\s+than|at\s+most)\s*$",
    re.I,
)
_FLAT = re.compile(r"\b(?:one-off|one-time|flat|single|fixed)\s+$", re.I)
_FLAT_WORDS = {"one-off", "one-time", "flat", "single", "fixed"}
_WHATEVER = re.compile(
    r",?\s+(?:however|whatever|no\s+matter|regardless\s+of|irrespective\s+of)\b[^.,;:!?|]*",
    re.I,
)
"""A claim of one amount whatever the count ("however late it is")."""
_GENERIC = frozenset(terms("fee fees charge charges cost price amount payment sum rate"))
"""The stems of words naming a charge of any kind: no topic of their own."""
_FUNCTION = frozenset(
    re.findall(
        r"[a-z]+",
        "to on for from of with is was will and or if in at by we you it that which per each a "
        "an the be has have are when once as so but however whatever no regardless irrespective "
        "whichever",
    )
)
"""Words that end the noun an amount is said before ("£10 late fee to …")."""


@dataclass(frozen=True)
class RateCap:
    """`old`, the flat amount; `rate` with what it is `per`; `cap`, the ceiling said as the
    prompt says it ("up to a maximum of £20", "" when none); `topic`, the stems naming what the
    amount is of ("late"); `rule`, the new prompt sentence."""

    old: str
    rate: str
    per: str
    cap: str
    topic: frozenset[str]
    rule: str

    @property
    def terms(self) -> str:
        """The new terms as a value: "£2 for each day late, up to a maximum of £20"."""
        said = f"{self.rate} {self.per}"
        return f"{said}, {self.cap}" if self.cap else said


def _amount(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _noun_of(sentence: str, at: re.Match[str]) -> list[str]:
    """The words naming what the amount `at` is the amount of: "late fee" of "a one-off late
    fee of £10" or of "a £10 late fee"."""
    before = re.search(
        r"(?:\b(?:a|an|the)\s+)((?:[\w-]+\s+){1,4}?)of\s+$", sentence[: at.start()], re.I
    )
    if before:
        return before.group(1).split()
    after = re.match(r"\s+((?:[a-z][\w-]*\s*){1,3})", sentence[at.end() :])
    if after:
        words = []
        for word in after.group(1).split():
            if word.lower() in _FUNCTION:
                break
            words.append(word)
        return words
    return []


_PRONOUNS = frozenset(
    terms("it this that there they these those you we i he she which what everyone anyone")
)
_SUBJECT = re.compile(
    r"((?:[\w'’-]+\s+){1,3}?)(?:cost|costs|is|are|was|were|pay|pays|comes\s+to)\s+"
    r"(?:a|an|only|just|about)?\s*$",
    re.I,
)


def _owner(sentence: str, at: re.Match[str]) -> frozenset[str]:
    """The stems of what the amount `at` is said to be the amount of, in `sentence`: its own
    noun ("a $15 replacement fee", "a late fee of £10") or the subject of "cost/is/pay"
    ("lost tickets cost $15"); empty for a bare generic ("It's £10", "You pay $15")."""
    noun = [w for w in _noun_of(sentence, at) if w.lower() not in _FLAT_WORDS]
    own = frozenset(terms(" ".join(noun))) - _GENERIC - _PRONOUNS
    if own:
        return own
    clause = re.split(r"[.;:,!?(]", sentence[: at.start()])[-1]
    subject = _SUBJECT.search(clause)
    if subject is None:
        return frozenset()
    return frozenset(terms(subject.group(1))) - _GENERIC - _PRONOUNS - _FUNCTION


def rate_cap(facts: ChangeFacts) -> RateCap | None:
    """The flat amount a changed prompt sentence made a rate per unit (with a cap, when it
    says one), and the topic it is the amount of; None for any other change."""
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        olds = [m for m in _MONEY.finditer(rule.old)]
        news = [m for m in _MONEY.finditer(rule.new)]
        old_values = {_amount(m.group(0)) for m in olds}
        new_values = [_amount(m.group(0)) for m in news]
        if len(old_values) != 1 or not news or len(news) > 3:
            continue
        old = next(iter(old_values))
        if old in new_values or any(_PER.match(rule.old, m.end()) for m in olds):
            # the old amount was a rate already: a rate that moved, not a flat amount made one
            continue
        first = news[0]
        per = _PER.match(rule.new, first.end())
        if per is None:
            continue
        cap = ""
        for later in news[1:]:
            cue = _CAP_BEFORE.search(rule.new[per.end() : later.start()])
            if cue is not None:
                cap = (rule.new[per.end() + cue.start() : later.end()]).strip()
                break
        said = _noun_of(rule.old, olds[0])
        flat = _FLAT.search(rule.old[: olds[0].start()]) or any(
            w.lower() in _FLAT_WORDS for w in said
        )
        if not flat and not set(terms(" ".join(said))) & _GENERIC:
            # no charge named at the old amount (a threshold, a limit): no flat charge made a rate
            continue
        noun = [w for w in said if w.lower() not in _FLAT_WORDS]
        topic = frozenset(terms(" ".join(noun))) - _GENERIC
        if not topic:
            label = re.match(r"\s*([A-Za-z][\w -]{0,40}):\s", rule.old)
            topic = frozenset(terms(label.group(1))) - _GENERIC if label else frozenset()
        if not topic:
            continue
        return RateCap(old, _amount(first.group(0)), per.group("per"), cap, topic, rule.new)
    return None


def _old_at(change: RateCap, text: str) -> re.Match[str] | None:
    for found in _MONEY.finditer(text):
        if _amount(found.group(0)) == change.old:
            return found
    return None


def rate_cap_units(change: RateCap, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units stating the old flat amount of the change's topic, each with its reason."""
    reason = f"{RATE_CAP_REASON}; the new prompt says “{change.rule}”"
    under = said_under(item_units)
    marked: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        said = unit.text
        if said.startswith("#") or _old_at(change, said) is None:
            continue
        if change.rate in {_amount(m.group(0)) for m in _MONEY.finditer(said)}:
            continue
        if said.startswith("|"):
            cells = row_cells(said)
            if (
                len(cells) >= 2
                and set(terms(cells[0])) & change.topic
                and _old_at(change, cells[0]) is None
            ):
                marked[index] = reason
            continue
        owner = _owner(said, _old_at(change, said))  # type: ignore[arg-type]
        if owner:
            # the amount's own noun or subject decides: a $15 replacement fee stays
            if owner & change.topic:
                marked[index] = reason
            continue
        if set(terms(said)) & change.topic or set(terms(under[index].near)) & change.topic:
            marked[index] = reason
    return marked


def rate_cap_conflicts(
    facts: ChangeFacts,
    item_units: list[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the units stating the old flat amount (`rate_cap_units`) marked, for a
    change making it a rate; `found` as it is for any other change."""
    change = rate_cap(facts)
    if change is None:
        return found
    return with_marked_units(found, rate_cap_units(change, item_units), item_units, make)


def _said_in(change: RateCap, text: str) -> str | None:
    """`text` (a sentence or a cell) with the old amount said as the new terms."""
    found = _old_at(change, text)
    if found is None:
        return None
    terms_said = change.terms
    start, end = found.start(), found.end()
    flat = _FLAT.search(text[:start])
    if flat is not None:
        start = flat.start()
    noun = re.match(r"\s+((?:[a-z][\w-]*)(?:\s+[a-z][\w-]*){0,2})", text[end:])
    nouns: list[str] = []
    if noun is not None:
        for word in noun.group(1).split():
            if word.lower() in _FUNCTION:
                break
            nouns.append(word)
    if nouns and set(terms(" ".join(nouns))) & (change.topic | _GENERIC):
        # "a £10 late fee" → "a late fee of £2 for each day late, up to a maximum of £20"
        named = " ".join(nouns)
        end = end + text[end:].find(named) + len(named)
        det = re.search(r"\b(a|an)\s+$", text[:start], re.I)
        if det is not None:
            article = "an" if named[:1].lower() in "aeiou" else "a"
            if det.group(1)[:1].isupper():
                article = article.capitalize()
            start = det.start()
            terms_said = f"{article} {named} of {terms_said}"
        else:
            terms_said = f"{named} of {terms_said}"
    rest = text[end:]
    rest = _WHATEVER.sub("", rest, count=1) if _WHATEVER.match(rest) else rest
    if change.cap and re.match(r"\s+[A-Za-z]", rest):
        terms_said += ","
    return text[:start] + terms_said + rest


def rate_cap_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose every conflict states the old flat amount of the topic: each
    says the new terms in its own shape (`_said_in`); None for any other change or item."""
    change = rate_cap(facts)
    if change is None or not impact.conflicts:
        return None
    marked = rate_cap_units(change, impact.units)
    conflicting = {c.sentence for c in impact.conflicts}
    mine = {impact.units[i].text for i in marked}
    if not conflicting <= mine:
        return None

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in conflicting:
            return Keep.UNIT
        raw = unit.raw.rstrip()
        tail = unit.raw[len(raw) :]
        if unit.text.startswith("|"):
            cells = raw.split("|")
            for at in range(2, len(cells)):
                said = _said_in(change, cells[at].strip())
                if said is not None:
                    pad = cells[at][: len(cells[at]) - len(cells[at].lstrip())]
                    cells[at] = f"{pad}{said} "
                    return "|".join(cells) + tail
            return Keep.BLOCK
        said = _said_in(change, raw)
        return Keep.BLOCK if said is None else said + tail

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    noun = impact.item.kind
    quoted = " ".join(f"“{s}”" for s in sorted(conflicting))
    if new_body is None:
        return None, (
            f"No safe rewrite: the new prompt charges {change.terms} instead of a flat "
            f"{change.old}; this {noun} states the flat amount in {quoted}, in a form the edit "
            "cannot restate: a writer should."
        )
    return new_body, (
        f"The new prompt charges {change.terms} instead of a flat {change.old} (“{change.rule}”). "
        f"This {noun} stated the flat amount in {quoted}: the edit states the new terms there "
        "and keeps everything else, other charges of the same amount included."
    )
