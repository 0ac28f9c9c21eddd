"""A service the new prompt stops outright for the categories it was for: "We no longer
engrave pens or watches. If a customer asks for a pen or a watch engraved, call `add_item`
with `finish` set to "plain", tell them it comes plain and boxed, and suggest our gift tags."
The change's call swaps the service's value for another (`finish` "engraved" → "plain"), its
condition names the categories (`item in {pen, watch}`).

KB text offering the service to them is wrong: a sentence or list item doing it ("Engrave any
pen or watch, up to 20 letters"), a clause of one that offers it beside what still holds ("we'll
wrap your gift, or engrave your pen or watch, before it ships"), and a sentence restating the old
prompt sentence that served every case ("we finish everything free, pens or watches" when the
prompt said "We finish every order free, pens or watches: … we engrave pens and watches" and now
"We finish cards free"). The service's word used of another product ("ready-engraved gift tags",
a compound) is no offer of the service and stays.

A right edit says once, in the prompt's words, that it is no longer done and what they get
("We no longer engrave pens or watches: it comes plain and boxed, and we suggest our gift
tags."): a sentence or list item about the service alone becomes that sentence, a clause
offering it goes (the sentence said once after it), a restated old rule says the new sentence's
first clause in its place ("we finish cards free"). A sentence no rewrite can say is flagged.

Pure text helpers: `impact` marks the units (`stopped_conflicts`), the template drafter
rewrites them (`stopped_edit`), and `drafters` gives a drafting model the same fact
(`stopped_fact`) and refuses an edit that still offers it (`still_stopped`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.grants import DENIES, condition_categories, named_in
from behaviordiff.drafting.impactview import with_marks_alone
from behaviordiff.drafting.servedlist import TOLD, swapped_argument
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    lower_first,
    plain_text,
    rewrite_units,
    stem,
    terms,
    units,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule
    from behaviordiff.drafting.impactview import ImpactView

STOPPED_REASON = "offers a service the new prompt no longer gives"
STOPPED_OLD_REASON = "restates the old prompt sentence that gave the service to every case"

_NO_LONGER = re.compile(
    r"\b(?:no\s+longer|not\s+any\s*more|(?:have|has)\s+stopped)\s+(?P<verb>[a-z]+)\s+"
    r"(?P<what>[^.;:!?`]{1,120})",
    re.I,
)
_SUGGEST = re.compile(
    r"\b(?:suggest|recommend|point\s+them\s+to)\s+(?P<what>[^.;:,()`]{1,80})", re.I
)
_LABEL = re.compile(r"^(?P<label>[A-Z][^:;,.!?]{0,30}):\s+")
_CODE = re.compile(r"`|\b[a-z0-9]+_[a-z0-9_]+\b")
_EXTRA_WORDS = 2
"""Words a restated old rule may say beyond the old sentence's ("everything" for "every
order") and still be rewritten whole."""


def _root(word: str) -> str:
    word = word.lower()
    if word.endswith("ss"):
        return word
    return re.sub(r"(?:ing|ed|es|s)$", "", word)


def _same_verb(verb: str, value: str) -> bool:
    """Whether a verb ("dress", "engrave") names an argument value ("dressed", "engraved")."""
    one, two = _root(verb), _root(value)
    short, long_ = sorted((one, two), key=len)
    return len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) <= 1


@dataclass(frozen=True)
class StoppedService:
    """A service the new prompt no longer gives the categories it was for."""

    verb: str
    """The service's verb as the prompt says it ("dress")."""
    categories: tuple[str, ...]
    gone: str
    """The new prompt's sentence saying so ("We no longer dress crab or lobster")."""
    told: str
    """What the customer gets, as the prompt has the agent tell it ("it comes whole and
    cooked"), or ""."""
    suggested: str
    """What the prompt has the agent suggest instead ("our ready-dressed crab pots"), or ""."""
    narrowed: Rule | None
    """The changed prompt sentence that gave the service to every case, or None."""

    def verb_forms(self) -> re.Pattern[str]:
        """The verb in its forms, a word of its own (not "ready-dressed")."""
        return _verb_forms(self.verb)

    def said_once(self) -> str:
        """ "We no longer dress crab or lobster: it comes whole and cooked, and we suggest our
        ready-dressed crab pots.\""""
        said = [self.told] if self.told else []
        if self.suggested:
            said.append(f"we suggest {self.suggested}")
        tail = ": " + ", and ".join(said) if said else ""
        return f"{self.gone}{tail}."


def _verb_forms(verb: str) -> re.Pattern[str]:
    root = re.escape(_root(verb))
    return re.compile(rf"(?<![\w-]){root}(?:e?s|e?d|ing|e)?(?![\w-])", re.I)


def _narrowed(
    rules: Sequence[Rule], stopped: re.Pattern[str], categories: Sequence[str]
) -> Rule | None:
    for rule in rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        if (
            stopped.search(rule.old)
            and named_in(categories, rule.old)
            and not stopped.search(rule.new)
        ):
            return rule
    return None


def stopped_service(facts: ChangeFacts) -> StoppedService | None:
    """The service a change stops for the categories of its condition: the one argument of
    its call swapped for another value, and a sentence of the new prompt saying the value's
    verb is no longer done for those categories. None for any other change."""
    categories = condition_categories(facts.condition)
    swapped = swapped_argument(facts)
    if not categories or swapped is None:
        return None
    value = swapped[1]
    if " " in value:
        return None
    for section in facts.prompt_sections.values():
        for at, sentence in enumerate(section):
            found = _NO_LONGER.search(sentence)
            if (
                found is None
                or not _same_verb(found["verb"], value)
                or not named_in(categories, found["what"])
                or _CODE.search(sentence[: found.end()])
            ):
                continue
            gone = sentence[: found.end()].strip().rstrip(" ,")
            told = suggested = ""
            for after in section[at + 1 : at + 3]:
                flat = " ".join(after.split())
                if not named_in(categories, flat):
                    continue
                for said in TOLD.finditer(flat):
                    if said["blocked"] is None and not _CODE.search(said["said"]) and not told:
                        told = said["said"].strip()
                offer = _SUGGEST.search(flat)
                if offer is not None and not suggested:
                    suggested = offer["what"].strip()
            return StoppedService(
                verb=found["verb"],
                categories=tuple(categories),
                gone=gone[:1].upper() + gone[1:],
                told=told,
                suggested=suggested,
                narrowed=_narrowed(facts.rules, _verb_forms(found["verb"]), categories),
            )
    return None


def offers(service: StoppedService, sentence: str) -> bool:
    """Whether a KB sentence offers the stopped service to its categories: the verb as a word
    of its own (not a compound naming another product), a category named, nothing denied."""
    stripped = sentence.strip()
    if stripped.startswith(("#", "|")) or stripped.endswith("?"):
        return False
    return (
        service.verb_forms().search(sentence) is not None
        and bool(named_in(service.categories, sentence))
        and not DENIES.search(sentence)
    )


def _first_clause(text: str) -> str:
    return re.split(r":\s+|;\s+", " ".join(text.split()), maxsplit=1)[0].rstrip(" .")


def _stems(text: str) -> set[str]:
    return {stem(word) for word in terms(text)}


def restates_old(service: StoppedService, sentence: str) -> bool:
    """Whether a KB sentence restates the old prompt sentence that gave the service to every
    case: most of its first clause's words, one of them a word the new sentence dropped."""
    rule = service.narrowed
    if rule is None or not rule.old or not rule.new or sentence.lstrip().startswith(("#", "|")):
        return False
    old = _stems(_first_clause(rule.old))
    only_old = old - _stems(rule.new)
    said = _stems(sentence)
    shared = old & said
    return len(shared) >= max(3, math.ceil(0.6 * len(old))) and bool(only_old & said)


def _marked(service: StoppedService, item_units: Sequence[Unit]) -> dict[int, str]:
    marked: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        if offers(service, unit.text):
            marked[index] = STOPPED_REASON
        elif restates_old(service, unit.text):
            marked[index] = STOPPED_OLD_REASON
    return marked


def stopped_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Any], conflict: Callable[..., Any]
) -> list[Any]:
    """For a stopped service (`stopped_service`), `found` with the units offering it or
    restating the old rule marked for it (their other reasons replaced)."""
    service = stopped_service(facts)
    if service is None:
        return found
    return with_marks_alone(found, _marked(service, item_units), item_units, conflict)


def _without_clause(service: StoppedService, raw: str) -> str | None:
    """A sentence with the clause offering the service cut (", or dress your crab or lobster,"
    → ""), or None when the service is not said in such a clause."""
    forms = service.verb_forms()
    for found in re.finditer(r",\s+(?:or|and)\s+", raw):
        verb = forms.match(raw, found.end())
        if verb is None:
            continue
        end = re.compile(r"[,.;:!?]").search(raw, verb.end())
        stop = end.start() if end else len(raw)
        if not named_in(service.categories, raw[found.start() : stop]):
            continue
        rest = raw[stop:]
        if rest.startswith(","):
            rest = " " + rest[1:].lstrip()
        kept = raw[: found.start()] + rest
        return kept if forms.search(kept) is None else None
    return None


def _about_service(service: StoppedService, text: str) -> bool:
    """A sentence or list item about the service alone: it opens with the verb."""
    return service.verb_forms().match(text.strip()) is not None


def _old_rewritten(service: StoppedService, raw: str) -> str | None:
    """A restated old rule as the new sentence's first clause says it, the KB's label kept."""
    rule = service.narrowed
    if rule is None or not rule.new:
        return None
    new = _first_clause(rule.new)
    if not new or _CODE.search(new):
        return None
    label = _LABEL.match(raw.strip())
    body = raw.strip()[label.end() :] if label else raw.strip()
    if len(_stems(body) - _stems(rule.old or "")) > _EXTRA_WORDS:
        # something else is said beside the old rule: a writer's call
        return None
    written = lower_first(new) if label or body[:1].islower() else new
    return (label.group(0) if label else "") + written + "."


def stopped_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item's sentences offering the stopped service rewritten and the new handling said
    once; a sentence no rewrite can say flags the item (body None). None when the change stops
    no such service or the item says none of it."""
    service = stopped_service(facts)
    if service is None:
        return None
    mine = (STOPPED_REASON, STOPPED_OLD_REASON)
    marked = {
        c.sentence: reason for c in impact.conflicts for reason in c.reasons if reason in mine
    }
    if not marked:
        return None
    said = service.said_once()
    failed: list[str] = []
    told = [False]

    def rewrite(unit: Unit) -> str | Keep:
        reason = marked.get(unit.text)
        if reason is None:
            return Keep.UNIT
        if reason == STOPPED_OLD_REASON:
            written = _old_rewritten(service, unit.raw)
        elif _about_service(service, re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", unit.raw)):
            # a list item without an end mark says it without one, as its neighbours do
            bare = not unit.raw.rstrip().endswith((".", "!", "?"))
            written = "" if told[0] else said.rstrip(".") if bare else said
            told[0] = True
        else:
            cut = _without_clause(service, unit.raw.strip())
            written = None if cut is None else cut if told[0] else f"{cut} {said}"
            told[0] = told[0] or cut is not None
        if written is None:
            failed.append(unit.text)
            return Keep.BLOCK
        return written

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    noun = impact.item.kind
    if new_body is None or failed:
        stuck = failed or sorted(marked)
        return None, (
            f"Flagged for review: the new prompt says “{service.gone}”, and no safe rewrite "
            "says it in " + ", ".join(f"“{sentence}”" for sentence in stuck)
        )
    order = [unit.text for unit in impact.units if unit.text in marked]
    return new_body, (
        f"The new prompt says “{service.gone}”; this {noun} still offers it in "
        + ", ".join(f"“{sentence}”" for sentence in order)
        + f". The edit takes the offer out, says once “{said}”, and keeps everything else."
    )


def stopped_fact(facts: ChangeFacts) -> str | None:
    """The fact a drafting model is given: the service is no longer done and what a right edit
    says."""
    service = stopped_service(facts)
    if service is None:
        return None
    return (
        f"“{service.gone}”: text offering to {service.verb} them goes (the same word used of "
        f"another product, as part of its name, stays), and the item says once "
        f"“{service.said_once()}”"
    )


def still_stopped(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still offer the stopped service: what no
    drafter's edit may keep."""
    service = stopped_service(facts)
    if service is None:
        return []
    return [
        unit.text for unit in units(plain_text(body, body_format)) if offers(service, unit.text)
    ]
