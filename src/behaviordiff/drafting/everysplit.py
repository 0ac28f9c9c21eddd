"""A value the old prompt gave every case, split in the same sentence between the category
the change's condition names and the rest: "covered up to £500 on every policy" became
"covered up to £500 on Standard policies and up to £1,000 on Premium policies", for
`tier = premium`; "Members can bring one guest free on every visit." became "Members can
bring two guests free on weekday visits (Monday to Friday) and one guest free on weekend
visits.", for `visit_day = weekday`. The two sentences share their head; the old one's tail
ends with a claim over every case of a noun ("every policy", "every visit") and the new one's
tail names the category, gives it a new value and keeps the old one for the others.

A KB sentence stating the old value (in figures or, for a count, in words: "one guest", "1
guest") followed closely by the same claim over every case of that noun ("on all our
policies", "on every visit") says the old rule for every case. Its edit (`every_split_edit`)
says the new prompt's tail in place of the claim (and of the value, when the tail starts with
it) and drops a closing claim that it holds whatever the case (", any day of the week"); every
other byte stays. The old value said of another topic, or without the claim, stays. Matching
is on the prompt's own words and the sentence's structure: no word of any domain is known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.caselabels import category_values
from behaviordiff.drafting.facts import ChangeFacts, value_pattern
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, rewrite_marked
from behaviordiff.drafting.text import (
    claim_clause_length,
    shared_head_length,
    still_saying,
    upper_first,
)

EVERY_SPLIT_REASON = "states the old value for every case; the new prompt splits it by category:"

_COUNT_WORDS = {word: number for word, number in CARDINALS.items() if number <= 20}
_VALUE = re.compile(
    r"(?<![\w.,-])(?P<sign>[$€£])?(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?P<pct>%)?(?![\w-])"
    r"(?![.,]\d)|\b(?P<word>" + "|".join(_COUNT_WORDS) + r")\b",
    re.I,
)
"""An amount, a percentage, a bare number or a count in words up to twenty."""
_EVERY = re.compile(
    r"\b(?:every|each|all|any)\s+(?:of\s+)?(?:(?:our|the|your|their|its)\s+)?(?P<noun>[a-z]{3,30})\b",
    re.I,
)
"""A claim over every case of a noun ("every visit", "all our policies"): linear."""
_BREAK = re.compile(r"[.;:!?|()]")
_WORD = re.compile(r"[a-z][a-z'’-]{3,}", re.I)
_NOT_TOPIC = frozenset({"every", "each", "all", "any", "with", "from", "your", "their", "they"})
_GAP = 40
"""How far (in characters) after the old value a KB sentence's claim over every case may start
("£500 away from home on all our policies")."""
_SHARED = 2


@dataclass(frozen=True)
class EverySplit:
    """The old value's every-case tail (`old_tail`) and the new prompt's tail in its place."""

    old_said: str
    """The old value as the old prompt writes it ("£500", "one")."""
    old_number: float
    sign: str
    """The old value's currency sign or "%", "" for a count."""
    new_number: float
    noun: str
    """The noun the old claim is over ("policy", "visit")."""
    counted: str
    """For a tail that starts with the value, the word after it ("guest"); else ""."""
    old_tail: str
    new_tail: str
    old_sentence: str

    def noun_pattern(self) -> re.Pattern[str]:
        """The every-case claim over the noun, in any number ("policy", "policies")."""
        forms = "|".join(re.escape(form) for form in _numbers_of(self.noun.lower()))
        return re.compile(
            rf"\b(?:every|each|all|any)\s+(?:of\s+)?(?:(?:our|the|your|their|its)\s+)?"
            rf"(?:{forms})\b",
            re.I,
        )

    def value_places(self, text: str) -> list[re.Match[str]]:
        """Where `text` states the old value: an amount as the prompt's value pattern reads
        it, a count in figures or in words."""
        if self.sign:
            return list(value_pattern(self.old_said).finditer(text))
        return [
            found
            for found in _VALUE.finditer(text)
            if not found.group("sign")
            and not found.group("pct")
            and _number(found) == self.old_number
        ]

    def states_new(self, text: str) -> bool:
        return any(
            _number(found) == self.new_number and _sign(found) == self.sign
            for found in _VALUE.finditer(text)
        )


def _numbers_of(noun: str) -> tuple[str, str]:
    """A noun in both numbers, singular first ("visit", "visits"; "policies" → "policy",
    "policies"; "day", "days"; "bus", "buses")."""
    if noun.endswith("ies"):
        singular = noun[:-3] + "y"
    elif noun.endswith(("ses", "xes", "ches", "shes")):
        singular = noun[:-2]
    elif noun.endswith("s") and not noun.endswith(("ss", "us")):
        singular = noun[:-1]
    else:
        singular = noun
    if singular.endswith("y") and singular[-2:-1] not in tuple("aeiou"):
        return singular, singular[:-1] + "ies"
    if singular.endswith(("s", "x", "ch", "sh")):
        return singular, singular + "es"
    return singular, singular + "s"


def _number(found: re.Match[str]) -> float:
    word = found.group("word")
    if word:
        return float(_COUNT_WORDS[word.lower()])
    return float(found.group("n").replace(",", ""))


def _sign(found: re.Match[str]) -> str:
    return found.group("sign") or found.group("pct") or ""


def _topic(text: str) -> set[str]:
    """The sentence's words of four letters or more, a plural's "s" off and cut to five
    letters (a rough stem: "plans" and "plan", "policies" and "policy" alike)."""
    return {
        word.lower().removesuffix("s")[:5]
        for word in _WORD.findall(text)
        if word.lower() not in _NOT_TOPIC
    }


def every_split(facts: ChangeFacts) -> EverySplit | None:
    """The change's every-case split when one prompt sentence swapped a tail claiming its value
    for every case of a noun for a tail naming the condition's category with a new value and
    keeping the old one for the rest; else None."""
    if not facts.restricted:
        return None
    categories = [value.replace("_", " ").lower() for _, value in category_values(facts.conditions)]
    if not categories:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        split = _split_of(rule.old, rule.new, categories)
        if split is not None:
            return split
    return None


def _split_of(old: str, new: str, categories: Sequence[str]) -> EverySplit | None:
    head = shared_head_length(old, new)
    old_tail, new_tail = old[head:].rstrip(" .;!"), new[head:].rstrip(" .;!")
    claims = list(_EVERY.finditer(old_tail))
    if len(claims) != 1 or claims[0].end() != len(old_tail) or _EVERY.search(new_tail):
        return None
    claim = claims[0]
    if not any(re.search(rf"\b{re.escape(category)}\b", new_tail, re.I) for category in categories):
        return None
    olds, news = list(_VALUE.finditer(old)), list(_VALUE.finditer(new))
    if len(olds) != 1:
        return None
    said = olds[0]
    kept = [
        found for found in news if (_number(found), _sign(found)) == (_number(said), _sign(said))
    ]
    came = [
        found for found in news if _sign(found) == _sign(said) and _number(found) != _number(said)
    ]
    if len(kept) != 1 or len(came) != 1 or came[0].start() < head:
        return None
    counted = ""
    if said.start() >= head:
        # the tail starts with the value ("one guest free on every visit"): the word after it
        if said.start() != head:
            return None
        after = _WORD.search(old_tail, said.end() - head)
        if after is None or after.start() >= claim.start():
            return None
        counted = after.group(0).lower()
    elif claim.start() != 0:
        return None
    return EverySplit(
        old_said=said.group(0),
        old_number=_number(said),
        sign=_sign(said),
        new_number=_number(came[0]),
        noun=claim.group("noun"),
        counted=counted,
        old_tail=old_tail,
        new_tail=new_tail,
        old_sentence=old,
    )


def breaks_between(text: str) -> bool:
    """Whether `text`, between a value and the claim after it, ends its clause or cell (a
    stop, a bracket, a bar) or states another value ("£20 (£15 for members) on every …"):
    the claim is then not the value's."""
    return bool(_BREAK.search(text) or _VALUE.search(text))


def _claim_span(split: EverySplit, text: str) -> tuple[int, int] | None:
    """The span of `text` the new tail goes in: the claim over every case of the noun, from
    the old value on when the prompt's tail starts with it; None when `text` does not state the
    old value closely followed by that claim, states the new value, or is on another topic."""
    if split.states_new(text) or len(_topic(text) & _topic(split.old_sentence)) < _SHARED:
        return None
    claim = split.noun_pattern()
    for value in split.value_places(text):
        found = claim.search(text, value.end(), value.end() + _GAP + 60)
        if found is None or found.start() - value.end() > _GAP:
            continue
        between = text[value.end() : found.start()]
        if breaks_between(between):
            continue
        if not split.counted:
            return found.start(), found.end()
        if split.counted[:5] in _topic(between):
            return value.start(), found.end()
    return None


def every_split_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` states the old value with a claim over every case the new prompt splits,
    or None."""
    split = every_split(facts)
    if split is None or _claim_span(split, sentence) is None:
        return None
    return f"{EVERY_SPLIT_REASON} “{split.new_tail}”"


def split_said(split: EverySplit, raw: str) -> str | None:
    """`raw` with its every-case claim said as the new prompt's tail and a closing claim that
    it holds whatever the case dropped; None when it states none."""
    span = _claim_span(split, raw)
    if span is None:
        return None
    after = raw[span[1] :]
    after = after[claim_clause_length(after) :]
    tail = upper_first(split.new_tail) if raw[span[0]].isupper() else split.new_tail
    return raw[: span[0]] + tail + after


def every_split_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts state the old value for every case
    (`every_split_reason`): each says the new prompt's tail in its place. None for any other
    change or item."""
    split = every_split(facts)
    if split is None or not impact.conflicts:
        return None
    if not only_marked_for(impact.conflicts, EVERY_SPLIT_REASON):
        return None
    new_body = rewrite_marked(impact, lambda raw: split_said(split, raw))
    if new_body is None:
        return None, (
            f"Flagged for review: this {impact.item.kind} says {split.old_said} for every "
            f"{split.noun}; the new prompt says “{split.new_tail}”, in words that cannot be put "
            "in its place."
        )
    return new_body, (
        f"The new prompt no longer gives {split.old_said} for every {split.noun} "
        f"(“{split.old_tail}”): it says “{split.new_tail}”. This {impact.item.kind} said the "
        "old rule; the edit says the new one in its place and keeps everything else."
    )


def every_split_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a value split by category (`every_split`)."""
    split = every_split(facts)
    if split is None:
        return None
    return (
        f"the old prompt said “{split.old_tail}”; the new one says “{split.new_tail}”: a "
        f"sentence or table cell giving {split.old_said} for every {split.noun} says the new "
        "prompt's rule in its place and drops any claim that it holds whatever the case"
    )


def still_every_split(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still give the old value for every case: what no
    drafter's edit may say."""
    split = every_split(facts)
    if split is None:
        return []
    return still_saying(
        lambda unit: _claim_span(split, unit.text) is not None,
        conflicts,
        old_body,
        new_body,
        body_format,
    )
