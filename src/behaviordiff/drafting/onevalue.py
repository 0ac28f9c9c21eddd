"""A sentence claiming one value for every case, once the item's edit says the value by case.

"Whatever the venue, one price covers the whole league, so there's only one price to
remember." sat beside a table whose rows all said £40; the new prompt charges £55 for two
venues and keeps £40 for the rest, and the class rules' edit says £55 in those rows. The
sentence names no value (no rule moving a value rewrites it) but claims the one value holds
for every case, which the edited item now contradicts. It is about the moved value when it
says "one", "a single", "the same" or "only one" of the noun the value's kind goes by ("date"
for a date, "price" for money) beside an every-case phrase. A sentence that is nothing but
that claim goes (`without_one_value`); one that says something else too is left for a writer,
named in the rationale. A drafting model is told the same (`one_value_fact`) and its edit
keeping such a sentence is refused (`one_value_kept`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.text import Keep, Unit, plain_text, rewrite_units, units

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

_NOUNS = {
    "date": ("date", "day", "deadline", "cut-off", "cutoff"),
    "money": ("price", "fee", "charge", "rate", "cost", "amount"),
    "percent": ("rate", "discount", "percentage"),
    "duration": ("time", "wait", "window", "period", "turnaround"),
}
_MAX = 2000
# every-case phrases (bounded words, no nested quantifiers: linear on any input)
_EVERY_CASE = re.compile(
    r"\b(?:whatever|whichever|wherever|whoever)\b|\bhowever (?:many|much|far|long)\b|"
    r"\bno matter\b|\bregardless of\b|"
    r"\b(?:the )?whole of\b|\beverywhere\b|\b(?:every|each|any) (?:one|case|customer|region)\b|"
    r"\b(?:for|on|across|to) (?:every|each|all)\b",
    re.I,
)
_CLAUSE = re.compile(r", (?:so |and |which )?|; ")


def _nouns(facts: ChangeFacts) -> tuple[str, ...]:
    """The nouns the moved value goes by, when one value moved for some cases only."""
    if not facts.restricted:
        return ()
    kinds = {p.kind for p in facts.removed_promises} & {p.kind for p in facts.added_promises}
    if len(kinds) != 1:
        return ()
    return _NOUNS.get(kinds.pop(), ())


def _one(nouns: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(noun) for noun in nouns)
    return re.compile(
        rf"\b(?:only one|just one|one|a single|the same)\s+(?:{words})s?\b"
        # "The grace period is the same for every card type."
        rf"|\b(?:{words})s?\s+(?:is|are|stays|remains)\s+(?:exactly\s+)?the same\b",
        re.I,
    )


def claims_one_value(facts: ChangeFacts, sentence: str) -> bool:
    """Whether `sentence` claims one value of the moved kind for every case ("Whatever the
    postcode, one date covers the whole of the UK")."""
    nouns = _nouns(facts)
    if not nouns or len(sentence) > _MAX or sentence.lstrip().startswith(("|", "#")):
        return False
    return _one(nouns).search(sentence) is not None and _EVERY_CASE.search(sentence) is not None


def _only_the_claim(facts: ChangeFacts, sentence: str) -> bool:
    """Whether each clause of `sentence` is the every-case phrase or the one-value claim."""
    one = _one(_nouns(facts))
    return all(
        one.search(clause) is not None or _EVERY_CASE.search(clause) is not None
        for clause in _CLAUSE.split(sentence.strip().rstrip(".!"))
    )


def _both_values(facts: ChangeFacts, body: str) -> bool:
    """Whether `body` says the old value and the new one (the value by case)."""
    flat = " ".join(body.split()).lower()
    olds = [p.value.lower() for p in facts.removed_promises]
    news = [p.value.lower() for p in facts.added_promises]

    def said(value: str) -> bool:
        # "3 days" also as its compound "3-day" ("after a 3-day grace period")
        return value in flat or value.replace(" ", "-").removesuffix("s") in flat

    return any(said(v) for v in olds) and any(said(v) for v in news)


def without_one_value(
    facts: ChangeFacts, impact: ImpactView, new_body: str
) -> tuple[str, list[str]]:
    """`new_body` (the item's edit, saying the value by case) without the sentences that are
    nothing but a one-value claim for every case, and the claims it could not take out (they
    say something else too)."""
    if not _nouns(facts) or not _both_values(facts, plain_text(new_body, impact.item.body_format)):
        return new_body, []
    claims = [u.text for u in units(plain_text(new_body, impact.item.body_format))]
    claims = [text for text in claims if claims_one_value(facts, text)]
    if not claims:
        return new_body, []
    left = [text for text in claims if not _only_the_claim(facts, text)]
    gone = set(claims) - set(left)

    def rewrite(unit: Unit) -> str | Keep:
        return "" if unit.text in gone else Keep.UNIT

    dropped = rewrite_units(new_body, impact.item.body_format, rewrite) if gone else None
    return (dropped if dropped is not None else new_body), left


def one_value_fact(facts: ChangeFacts, impact: ImpactView) -> str | None:
    """For a drafting model, of an item with a one-value claim: it goes once the item says
    the value by case."""
    nouns = _nouns(facts)
    body = plain_text(impact.item.body, impact.item.body_format)
    if not nouns or not any(claims_one_value(facts, unit.text) for unit in units(body)):
        return None
    return (
        f"The {nouns[0]} now depends on the case ({facts.when()}): a KB sentence claiming "
        f"one {nouns[0]} for every case ('whatever …, one {nouns[0]} covers …', 'only one "
        f"{nouns[0]} to remember') is no longer true once the item says the {nouns[0]} by "
        "case: take it out"
    )


def one_value_kept(facts: ChangeFacts, impact: ImpactView, new_body: str) -> list[str]:
    """A drafting model's edit that says the value by case and keeps a one-value claim."""
    body = plain_text(new_body, impact.item.body_format)
    if not _nouns(facts) or not _both_values(facts, body):
        return []
    return [
        f"\u201c{unit.text}\u201d claims one value for every case, but the {impact.item.kind} "
        "now says it by case: take the claim out"
        for unit in units(body)
        if claims_one_value(facts, unit.text)
    ]
