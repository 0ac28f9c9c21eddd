"""An offer withdrawn from a date on: "Every session comes with a free reshoot" became
"Sessions booked before 1 November 2026 keep the free reshoot" and "Sessions booked from
1 November 2026 no longer include a free reshoot", the change's condition a lower bound on a
variable of dates (`booked_on >= 2026-11-01`).

A KB claims the offer for every case four ways: a sentence opening with a claim over what is
dated ("Every session we photograph is covered by our happiness promise, so your reshoot is on
us"), a claim over the date itself ("whenever you booked", "whichever date you booked"), the
offer said to hold always ("Reshoots are always free"), and a list item naming the offer under
a lead claiming it for every case ("Every session includes:" … "- A free reshoot …"). In an
item naming the offer, each is narrowed to the earlier cases in the prompt's date words
("Every session booked before 1 November 2026 is covered …", "as long as you booked before
1 November 2026", "Reshoots are free for sessions booked before 1 November 2026, because …",
"- A free reshoot for sessions booked before 1 November 2026 if …"), and the new prompt's
sentence withdrawing it follows the first narrowed sentence once. A sentence with the same
words about something else ("Every session costs £95") or that already states the date stays.

Pure text helpers: `impact` marks the units (`dated_offer_conflicts`), the template drafter
rewrites them (`dated_offer_edit`), and a drafting model is told the same (`dated_offer_fact`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.calendardates import find_dates, iso_day
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.datecutoff import date_cutoff
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, with_marks
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    plain_text,
    rewrite_units,
    stem,
    terms,
    units,
    upper_first,
)

DATED_OFFER_REASON = "claims for every case an offer the new prompt withdraws from a date on"

_MAX = 4000
_WITHDRAWN = re.compile(
    r"\b(?:no\s+longer|don[’']t|do\s+not|doesn[’']t|does\s+not|won[’']t|will\s+not)\s+"
    r"(?:include|come\s+with|get|offer|have|qualify\s+for)s?\s+(?:(?:a|an|the|any)\s+)?"
    r"(?P<offer>[a-z][a-z-]{1,30}(?:\s+[a-z][a-z-]{1,30}){0,3}?)(?=\s*[.,;:!?]|\s*$)",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_CODE = re.compile(r"`|\b[a-z0-9]+_[a-z0-9_]+\b")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_EVERY = re.compile(
    r"^(?P<q>every|each|all|any)\s+(?P<noun>[A-Za-z][a-z]{2,30})(?P<rel>[^,.;:!?]{0,80}?)"
    r"\s+(?P<verb>is|are|comes?|includes?|gets?|has|have|qualif(?:y|ies)|will|can)\b",
    re.I,
)
_EVERY_LEAD = re.compile(
    r"^(?:every|each|all|any)\s+(?P<noun>[A-Za-z][a-z]{2,30})\b[^.!?]{0,80}:$", re.I
)
_ALWAYS = re.compile(r"\s+always\b", re.I)
_GENERIC = frozenset({"free", "extra", "new", "usual"})


@dataclass(frozen=True)
class DatedOffer:
    """An offer the new prompt withdraws from a date on, in its own words."""

    noun: str
    """The stem of what is dated ("session" of "sessions booked")."""
    verb: str
    """The verb of what is dated ("booked")."""
    earlier: str
    """Who keeps the offer ("sessions booked before 1 November 2026")."""
    since: str
    """The new prompt's sentence withdrawing it ("Sessions booked from 1 November 2026 no
    longer include a free reshoot.")."""
    words: frozenset[str]
    """The offer's own stems ("reshoot" of "a free reshoot")."""

    def kept_rest(self) -> str:
        """Who keeps it, without the dated noun ("booked before 1 November 2026")."""
        return self.earlier.split(" ", 1)[1] if " " in self.earlier else self.earlier

    def date_claim(self) -> re.Pattern[str]:
        """A claim over the date ("whenever you booked", "whichever date you booked")."""
        return re.compile(
            r"(?:whenever|whichever\s+(?:date|day)|whatever\s+(?:date|day)|no\s+matter\s+when|"
            r"regardless\s+of\s+when)\s+(?P<who>you|they|we|he|she)\s+"
            + re.escape(self.verb)
            + r"\b(?:\s+(?P<object>it|them|(?:your|the|an?)\s+[a-z]{2,30}))?",
            re.I,
        )


def _stems(text: str) -> set[str]:
    return {stem(word) for word in terms(text[:_MAX]) if len(word) > 2}


@once_per_change
def dated_offer(facts: ChangeFacts) -> DatedOffer | None:
    """The offer a change withdraws from a date on: its condition a lower bound on a date
    (`datecutoff.date_cutoff`), a new prompt sentence stating that date and saying what is no
    longer included, without the prompt's internals; None for any other change."""
    cutoff = date_cutoff(facts)
    dated = facts.dated
    condition = facts.condition
    if cutoff is None or dated is None or condition is None:
        return None
    bound = next((atom for atom in condition.atoms if atom.op != "tag"), None)
    day = iso_day(bound.value) if bound is not None and isinstance(bound.value, str) else None
    subject = dated.subject.split()
    if day is None or len(subject) < 2:
        return None
    for rule in facts.rules:
        for sentence in _SENTENCE.split(" ".join((rule.new or "").split())[:_MAX]):
            withdrawn = _WITHDRAWN.search(sentence)
            if withdrawn is None or _CODE.search(sentence):
                continue
            if not any(stated.day == day for stated in find_dates(sentence)):
                continue
            words = _stems(withdrawn["offer"]) - _GENERIC
            if words:
                return DatedOffer(
                    stem(subject[0].lower()),
                    subject[-1].lower(),
                    cutoff.earlier,
                    upper_first(sentence.strip()),
                    frozenset(words),
                )
    return None


def _body(raw: str) -> tuple[str, str]:
    marker = _LIST_MARK.match(raw)
    lead = marker.group(0) if marker else ""
    return lead, raw[len(lead) :]


def _claim_kind(offer: DatedOffer, text: str, under_every: bool) -> str | None:
    """How a unit claims the offer for every case ("every", "date", "always", "item"), or None."""
    lead, body = _body(" ".join(text.split()))
    names = bool(_stems(body) & offer.words)
    every = _EVERY.match(body)
    if every is not None and stem(every["noun"].lower()) == offer.noun and names:
        return "every"
    if offer.date_claim().search(body):
        return "date"
    if names and _ALWAYS.search(body):
        return "always"
    if lead and under_every and names:
        return "item"
    return None


def _claims(offer: DatedOffer, title: str, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units claiming the offer for every case, by index, each with its kind; none in an
    item that never names the offer."""
    said = _stems(title) | {w for unit in item_units for w in _stems(unit.text)}
    if not said & offer.words:
        return {}
    found: dict[int, str] = {}
    under_every = False
    for index, unit in enumerate(item_units):
        text = unit.text
        if len(text) > _MAX:
            continue
        stripped = text.lstrip()
        if stripped.startswith("#"):
            under_every = False
            continue
        if not _LIST_MARK.match(text):
            lead = _EVERY_LEAD.match(" ".join(stripped.split()))
            under_every = lead is not None and stem(lead["noun"].lower()) == offer.noun
            if lead is not None:
                continue
        if stripped.startswith("|") or find_dates(text):
            continue
        kind = _claim_kind(offer, text, under_every)
        if kind is not None:
            found[index] = kind
    return found


def dated_offer_conflicts(
    facts: ChangeFacts,
    title: str,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[[int, str, tuple[str, ...]], Any],
) -> list[Any]:
    """`found` with the units claiming for every case an offer withdrawn from a date on."""
    offer = dated_offer(facts)
    if offer is None:
        return found
    marks = dict.fromkeys(_claims(offer, title, item_units), DATED_OFFER_REASON)
    return with_marks(found, marks, item_units, make)


def _clause_end(text: str, start: int) -> int:
    end = re.compile(r"[,;:.!?]").search(text, start)
    return end.start() if end is not None else len(text.rstrip())


def _narrowed(offer: DatedOffer, raw: str, kind: str) -> str | None:
    """One unit's claim narrowed to who keeps the offer, every other byte kept."""
    lead, body = _body(raw)
    if kind == "every":
        every = _EVERY.match(body)
        if every is None:
            return None
        said = f"{every['q']} {every['noun']} {offer.kept_rest()}"
        return lead + said + body[every.end("rel") :]
    if kind == "date":
        claim = offer.date_claim().search(body)
        if claim is None:
            return None
        verb, _, rest = offer.kept_rest().partition(" ")
        said = " ".join(
            part for part in ("as long as", claim["who"], verb, claim["object"], rest) if part
        )
        return lead + body[: claim.start()] + said + body[claim.end() :]
    if kind == "always":
        always = _ALWAYS.search(body)
        if always is None:
            return None
        body = body[: always.start()] + body[always.end() :]
        end = _clause_end(body, always.start())
        return lead + body[:end] + f" for {offer.earlier}" + body[end:]
    # a list item: who keeps it said after the offer's own word ("A free reshoot for sessions
    # booked before 1 November 2026 if you're not happy")
    named: int | None = None
    for word in re.finditer(r"[A-Za-z][\w'’-]*|\S", body[:_MAX]):
        if stem(word[0].lower()) in offer.words:
            named = word.end()
        elif named is not None:
            break  # the end of the offer's words ("personal training session")
    if named is None:
        return None
    return lead + body[:named] + f" for {offer.earlier}" + body[named:]


def dated_offer_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item with each claim of the offer for every case narrowed to the earlier cases and
    the new prompt's withdrawal said once after the first narrowed sentence; (None, why) when
    one cannot be; None when the item makes no such claim."""
    offer = dated_offer(facts)
    if offer is None:
        return None
    claims = _claims(offer, impact.item.title, impact.units)
    if not claims:
        return None
    marked = {c.sentence for c in impact.conflicts}
    if not any(impact.units[index].text in marked for index in claims):
        return None
    kinds = {impact.units[index].text: kind for index, kind in claims.items()}
    state = {"said": False}
    blocked: list[str] = []

    def rewrite(unit: Unit) -> str | Keep:
        kind = kinds.get(unit.text)
        if kind is None:
            return Keep.UNIT
        raw = unit.raw.rstrip()
        narrowed = _narrowed(offer, raw, kind)
        if narrowed is None:
            blocked.append(f"“{' '.join(unit.text.split())}”")
            return Keep.BLOCK
        tail = unit.raw[len(raw) :]
        if kind != "item" and not state["said"]:
            state["said"] = True
            return f"{narrowed} {offer.since}{tail}"
        return narrowed + tail

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    kind = impact.item.kind
    if blocked:
        return None, (
            f"Flagged for review: {', '.join(blocked)} claims the offer for every case in words "
            f"the drafter cannot narrow; the new prompt says “{offer.since}”"
        )
    if new_body is None or new_body == impact.item.body:
        return None
    return new_body, (
        f"The new prompt says “{offer.since}”; this {kind} still claimed the offer for every "
        f"case. The edit keeps it for {offer.earlier}, says the new rule once and keeps "
        "everything else."
    )


def still_dated_claims(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The units of an edited body that still claim for every case the offer withdrawn from
    a date on: what no drafter's edit may keep."""
    offer = dated_offer(facts)
    if offer is None:
        return []
    body_units = units(plain_text(body, body_format))
    return [body_units[index].text for index in _claims(offer, "", body_units)]


def dated_offer_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of an offer withdrawn from a date on."""
    offer = dated_offer(facts)
    if offer is None:
        return None
    return (
        f"The offer is withdrawn from a date on: “{offer.since}” Sentences claiming it for every "
        f"case (“every …”, “whenever you {offer.verb}”, “always”) keep it for {offer.earlier} "
        "only, in the item's own words, and the new rule is said once."
    )
