"""A cap put on an amount the old prompt paid in full, whatever it was: the old rule refunded
"the full declared value, whatever the item cost"; the new one refunds it "up to €150 per item"
and says what happens above the line ("If the declared value is more than €150, refund €150 and
send our claim form with `send_claim_form` so our insurer can assess the rest."). The KB
sentences the impact marks that say the amount is paid in full ("We refund the full value you
declared, whatever it cost.", a list item "- Anything damaged is refunded in full.") are said
again in their own words with the cap and what happens above it ("We refund the value you
declared, up to €150 per item; above that, we refund €150 and send our claim form so our
insurer can assess the rest."). The mirror of `newcharge` (a charge where there was none).

Pure text helpers: the template drafter rewrites the marked sentences (`capped_body`), and a
drafting model's edit that keeps one is refused the same way (`still_paid_in_full`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, still_saying
from behaviordiff.kb.model import PLACEHOLDER

_AMOUNT = r"[$£€]\s?\d[\d,]*(?:\.\d+)?"
_FULL = re.compile(
    r"\bin\s+full\b"
    r"|\b(?:the\s+)?full\s+(?:[A-Za-z]+\s+)?"
    r"(?:value|amount|price|cost|refund)\b"
    r"|\bwhatever\s+(?:it|they|the\s+\w+)\s+(?:cost|costs|was|were|is|are)\b"
    r"|\bhowever\s+much\s+(?:it|they|the\s+\w+)\s+(?:cost|costs|was|were|is|are)\b",
    re.I,
)
"""What says an amount is paid whole, with no upper limit ("in full", "the full declared
value", "whatever it cost")."""
_DROP = re.compile(
    r",?\s*\b(?:whatever|however\s+much)\s+(?:it|they|the\s+\w+)\s+(?:cost|costs|was|were|is|are)"
    r"\b(?:\s+(?:you|us|them))?"
    r"|\s+\bin\s+full\b"
    r"|\bfull\s+(?=(?:[A-Za-z]+\s+)?"
    r"(?:value|amount|price|cost|refund)\b)",
    re.I,
)
"""The words of `_FULL` to take out of a sentence before the cap is said in it."""
_CAP = re.compile(
    rf"\b(?:up\s+to|at\s+most|no\s+more\s+than|a\s+maximum\s+of|capped\s+at)\s+"
    rf"(?P<amount>{_AMOUNT})(?P<per>\s+(?:per|a|an|each)\s+[A-Za-z]+)?",
    re.I,
)
"""The cap as the new prompt says it ("up to €150 per item")."""
_ABOVE = re.compile(
    rf"^(?:if|when|where)\b[^,.;:]*?\b(?:more\s+than|over|above|exceeds?)\s+(?P<amount>{_AMOUNT})"
    r"[^,.;:]*,\s*(?P<then>[^.;]+)",
    re.I,
)
"""What the new prompt does above the line ("If the value is more than €150, refund €150 and
send the claim form …")."""
_TOOL = re.compile(
    r"\s+(?:with|using|via|by\s+calling|through)\s+`[^`]*`(?:\s*\([^()]*\))?|\s*`[^`]*`"
    r"|\s*\([^()]*\)"
)
"""A tool named in a prompt and its arguments ("with `send_claim_form` (docket)"): prompt
internals no customer prose says."""
_VERBS = re.compile(r"^(?:refund|send|pay|give|offer|credit|email|issue|arrange|book|tell)\b", re.I)


@dataclass(frozen=True)
class Cap:
    """The upper limit a change puts on an amount paid in full, and what happens above it."""

    rule: Rule
    """The new prompt rule saying what happens above the line."""
    cap: str
    """The cap as the prompt says it: "up to €150 per item"."""
    amount: str
    """"€150"."""
    above: str
    """What happens above the line, prompt internals out, in the item's voice to come:
    "refund €150 and send our claim form so our insurer can assess the rest"."""


def _number(amount: str) -> float:
    return float(re.sub(r"[^\d.]", "", amount))


def new_cap(facts: ChangeFacts) -> Cap | None:
    """The cap a change puts on an amount the old prompt paid in full, or None: the condition
    bounds one number from below (the line), an old rule of the change says the amount is paid
    in full (`_FULL`), a new rule says the cap at the line ("up to €150") and one says what is
    done above it ("If … more than €150, refund €150 and …")."""
    if facts.condition is None:
        return None
    numeric = [atom for atom in facts.condition.atoms if atom.op in (">", ">=")]
    if len(numeric) != 1 or not isinstance(numeric[0].value, int | float):
        return None
    if isinstance(numeric[0].value, bool):
        return None
    line = float(numeric[0].value)
    if not any(rule.old and _FULL.search(rule.old) for rule in facts.rules):
        return None
    news = [" ".join(rule.new.split()) for rule in facts.rules if rule.new]
    cap = next(
        (
            found
            for text in news
            for found in _CAP.finditer(text)
            if _number(found.group("amount")) == line
        ),
        None,
    )
    if cap is None:
        return None
    for rule in facts.rules:
        if not rule.new:
            continue
        above = _ABOVE.search(" ".join(rule.new.split()))
        if above is None or _number(above.group("amount")) != line:
            continue
        then = " ".join(_TOOL.sub("", above.group("then")).split()).rstrip(" ,")
        if not _VERBS.match(then) or "`" in then or PLACEHOLDER.search(then):
            continue
        return Cap(
            rule=rule,
            cap=" ".join(cap.group(0).split()),
            amount=" ".join(cap.group("amount").split()),
            above=then[:1].lower() + then[1:],
        )
    return None


def pays_in_full(cap: Cap, sentence: str) -> bool:
    """Whether a KB sentence says the amount is paid whole (`_FULL`) and not the cap yet."""
    return _FULL.search(sentence) is not None and cap.amount not in sentence


def capped_sentence(cap: Cap, sentence: str) -> str | None:
    """`sentence` in its own words with the paid-in-full words out and the cap and what happens
    above it said ("We refund the value you declared, up to €150 per item; above that, we
    refund €150 and send our claim form …"); None when no such words come out."""
    body = sentence.rstrip()
    end = ""
    if body.endswith((".", "!")):
        body, end = body[:-1], body[-1]
    kept = " ".join(_DROP.sub("", body).split()).rstrip(" ,;:")
    if kept == " ".join(body.split()) or _FULL.search(kept) or not kept:
        return None
    return f"{kept}, {cap.cap}; above that, we {cap.above}{end or '.'}"


def capped_body(cap: Cap, body: str, body_format: str, full: set[str]) -> str | None:
    """`body` with each unit of `full` (`Unit.text`s) said again with the cap
    (`capped_sentence`), every other byte kept; None when one of them cannot be (a heading, a
    table row, a placeholder it holds)."""

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in full:
            return Keep.UNIT
        raw = unit.raw.lstrip()
        if raw.startswith(("#", "|")) or PLACEHOLDER.search(unit.raw):
            return Keep.BLOCK
        said = capped_sentence(cap, unit.text)
        return Keep.BLOCK if said is None else said

    return rewrite_units(body, body_format, pick)


def still_paid_in_full(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still say the capped amount is paid in full: a
    conflicting sentence kept, or a new sentence saying it again in other words (a sentence
    the old body had and the impact did not mark, "gift cards are spent at full value", is
    another subject): what no drafter's edit may keep."""
    cap = new_cap(facts)
    if cap is None:
        return []
    return still_saying(
        lambda unit: not unit.raw.lstrip().startswith("#") and pays_in_full(cap, unit.text),
        conflicting,
        old_body,
        body,
        body_format,
    )
