"""A hand-off the new version stops for part of a range read from a tool result, and keeps for
the rest: "Every damage claim goes to the claims team, whatever the item's value: pass it on
with `transfer_to_claims` …" became "Declared value up to £75: settle the claim yourself. Pay
the declared value with `pay_compensation` …" beside the same hand-off kept for "Declared
value over £75" (`band_handoff`).

A KB sentence claiming the hand-off for every case ("every claim is handled by our claims
team", "We send your claim to our claims team, whatever the item is worth") is no longer true
below the line: the edit (`band_handoff_edit`) keeps the hand-off for the rest of the range,
said in the KB's words ("… when the declared value is over £75", "every claim with a declared
value over £75 …"), and says what we now do for the part below it once, after the first such
sentence, from the new prompt's rules ("When the declared value is up to £75, we settle the
claim ourselves. We'll pay the declared value, and …"). A sentence stating the hand-off
without claiming it for every case stays: it is still true above the line; an item with no
such claim is left to the drafter's other ways of writing the new rule in. A drafting model
gets the same fact (`band_handoff_fact`) and its edit the same check (`still_for_every_case`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import kb_rule, rule_parts
from behaviordiff.drafting.subsets import handling_sentence, list_item, tool_phrase
from behaviordiff.drafting.text import Keep, Unit, plain_text, rewrite_units, still_saying, units

_WHATEVER = re.compile(
    r",?(?<!\s)\s*\b(?:whatever|however\s+much|regardless\s+of|no\s+matter|of\s+any)\b[^.;:!?]*",
    re.I,
)
"""A clause claiming a rule whatever the case ("whatever the item is worth", "however much
it cost", "regardless of its value"), to the end of its clause."""
_EVERY = re.compile(
    r"\b(?P<every>every|each|any)\s+(?P<noun>[a-z]+)\b(?=\s+(?:is|are|goes|go|gets|get|will|we)\b)",
    re.I,
)
"""A subject claimed for every case, right before its verb ("every claim is handled")."""
_MONEY = re.compile(r"(?P<sign>[£$€])\s?(?P<number>\d[\d,]*(?:\.\d+)?)")
_MARKER = re.compile(r"^\d{1,2}[.)]$")
OTHER_SIDE = {"<=": ">", "<": ">=", ">": "<=", ">=": "<"}
BAND_HANDOFF_REASON = "claims the hand-off for every case; it now stops"


@dataclass(frozen=True)
class BandHandoff:
    """A hand-off stopped below (or above) a line on a number a tool returns, kept for the rest."""

    tool: str
    """The hand-off tool the rest of the range still gets (`transfer_to_claims`)."""
    subject: str
    """What the line is drawn on, in words ("declared value")."""
    kept: str
    """The rest of the range ("over £75")."""
    scoped: str
    """The part the hand-off stopped for ("up to £75")."""
    amount: str
    """The line, as the prompt writes it ("£75")."""
    handling: str
    """What we now do there, in the KB's voice, without its "When …" ("we settle the claim
    ourselves. We'll pay the declared value, and the money reaches your card within 5 working
    days.")."""

    @property
    def kept_clause(self) -> str:
        return f"when the {self.subject} is {self.kept}"

    @property
    def kept_qualifier(self) -> str:
        article = "an" if self.subject[:1] in "aeiou" else "a"
        return f"with {article} {self.subject} {self.kept}"

    @property
    def scoped_sentence(self) -> str:
        return f"When the {self.subject} is {self.scoped}, {self.handling}"


def bound_words(op: str, amount: str) -> str:
    return {">": f"over {amount}", ">=": f"{amount} or more", "<": f"under {amount}"}.get(
        op, f"up to {amount}"
    )


def written_money(value: float, texts: Sequence[str]) -> str | None:
    """`value` as the prompt writes it ("£75"), from the first of `texts` stating it."""
    for text in texts:
        for found in _MONEY.finditer(text):
            if float(found.group("number").replace(",", "")) == value:
                return found.group(0)
    return None


def band_handoff(facts: ChangeFacts) -> BandHandoff | None:
    """The hand-off a change stops for one side of a line on a number (`BandHandoff`): the old
    actions had one hand-off, the new ones none but a tool of our own; the condition draws one
    line on a number (topic tags aside); the new prompt's rules still call the hand-off for the
    rest and say what the new tool does, with the line written as money. None for any other
    change."""
    handoffs = {action.name for action in facts.before_actions if action.is_escalation}
    if len(handoffs) != 1 or any(action.is_escalation for action in facts.after_actions):
        return None
    [tool] = handoffs
    own = [
        a.name for a in facts.after_actions if a.name not in {b.name for b in facts.before_actions}
    ]
    condition = facts.condition
    atoms = [atom for atom in (condition.atoms if condition else ()) if atom.op != "tag"]
    if len(own) != 1 or len(atoms) != 1 or atoms[0].op not in OTHER_SIDE:
        return None
    atom = atoms[0]
    if isinstance(atom.value, bool) or not isinstance(atom.value, int | float):
        return None
    news = [str(rule.new) for rule in facts.rules if rule.new]
    if not any(f"`{tool}`" in text for text in news):
        return None
    amount = written_money(float(atom.value), news)
    doing = next((text for text in news if f"`{own[0]}`" in text), None)
    phrase = tool_phrase(doing, own[0]) if doing else None
    if amount is None or doing is None or phrase is None:
        return None
    handled = handling_sentence(doing, phrase)
    handled = handled[:1].lower() + handled[1:]
    # what the rule stating the line says we do ("Declared value up to £75: settle the claim
    # yourself." → "we settle the claim ourselves"), when it is no hand-off
    headed = [
        found
        for text in news
        if amount in text
        and f"`{tool}`" not in text
        and (parts := rule_parts(text)) is not None
        and amount in parts[0]
        and (found := kb_rule(text)) is not None
    ]
    said = f"{headed[0].statement}. {handled[:1].upper()}{handled[1:]}" if headed else handled
    subject = atom.feature.rsplit(".", 1)[-1].replace("_", " ").lower()
    return BandHandoff(
        tool=tool,
        subject=subject,
        kept=bound_words(OTHER_SIDE[atom.op], amount),
        scoped=bound_words(atom.op, amount),
        amount=amount,
        handling=said,
    )


def claims_every_case(sentence: str) -> bool:
    """Whether a sentence claims what it says for every case: "whatever the item is worth",
    or a subject "every claim" right before its verb."""
    return bool(_WHATEVER.search(sentence) or _EVERY.search(sentence))


def _kept_for_rest(band: BandHandoff, text: str) -> str | None:
    """`text` (a sentence without its end) with its claim for every case made the rest of the
    range: the "whatever …" clause becomes "when the declared value is over £75", else the
    subject "every claim" becomes "every claim with a declared value over £75". None when it
    claims nothing for every case."""
    found = _WHATEVER.search(text)
    if found is not None:
        return text[: found.start()] + " " + band.kept_clause + text[found.end() :]
    every = _EVERY.search(text)
    if every is not None:
        return text[: every.end()] + " " + band.kept_qualifier + text[every.end() :]
    return None


def _paragraph_last(text: str, first: str) -> str | None:
    """The last sentence of the paragraph (or list item) whose sentence `first` is."""
    found = units(text)
    at = next((i for i, unit in enumerate(found) if unit.text == first), None)
    if at is None:
        return None
    while at + 1 < len(found):
        gap = text[found[at].end : found[at + 1].start].replace("\r", "")
        raw = found[at + 1].raw.lstrip()
        if "\n\n" in gap or raw.startswith(("#", "|")) or list_item(raw) or _MARKER.match(raw):
            break
        at += 1
    return found[at].text


def _with_new_handling(band: BandHandoff, body: str, body_format: str, first: str) -> str | None:
    """`body` with what we now do below the line said once, at the end of the paragraph of
    the first sentence the edit narrowed (after what the hand-off promises there, "… will
    contact you within 3 working days", so "them" still reads as the team)."""
    return said_after_paragraph(body, body_format, first, band.scoped_sentence)


def said_after_paragraph(body: str, body_format: str, first: str, sentence: str) -> str | None:
    """`body` with `sentence` added once, at the end of the paragraph (or list item) of the
    sentence `first`; None when `first` is not in it."""
    last = _paragraph_last(plain_text(body, body_format), first)
    if last is None:
        return None
    done: list[str] = []

    def add(unit: Unit) -> str | Keep:
        if done or unit.text != last:
            return Keep.UNIT
        done.append(unit.text)
        tail = unit.raw[len(unit.raw.rstrip()) :]
        return f"{unit.raw.rstrip()} {sentence}{tail}"

    return rewrite_units(body, body_format, add)


def band_handoff_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item claiming a hand-off for every case that the change stops for part of
    a range (`band_handoff`): each such conflicting sentence keeps it for the rest of the range,
    and the first says what we now do for the part below the line after it; every other byte
    stays. None for any other change, or an item with no sentence claiming every case."""
    band = band_handoff(facts)
    if band is None:
        return None
    conflicting = {conflict.sentence for conflict in impact.conflicts}
    written: list[str] = []

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in conflicting or unit.raw.lstrip().startswith(("#", "|")):
            return Keep.UNIT
        body = unit.raw.rstrip()
        end = len(body.rstrip(".!"))
        narrowed = _kept_for_rest(band, body[:end])
        if narrowed is None:
            return Keep.UNIT
        written.append(" ".join(f"{narrowed}{body[end:] or '.'}".split()))
        return narrowed + (body[end:] or ".") + unit.raw[len(body) :]

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is not None and written:
        new_body = _with_new_handling(band, new_body, impact.item.body_format, written[0])
    noun = impact.item.kind
    if new_body is None or not written:
        # no sentence claims every case: the hand-off it states is the rule's other ways' to
        # say with its exception (`TemplateDrafter._edit_new_rule`)
        return None
    return new_body, (
        f"The agent no longer hands conversations over when the {band.subject} is {band.scoped}: "
        f"“{band.scoped_sentence}” Above the line ({band.subject} {band.kept}) it still hands "
        f"them over ({band.tool}). This {noun} said the hand-off was for every case: the edit "
        "keeps it for the rest of the range, says the new handling once, and keeps every "
        "other sentence as it is."
    )


def band_handoff_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a hand-off stopped for part of a range
    (`band_handoff`): the same fact the template's edit rests on."""
    band = band_handoff(facts)
    if band is None:
        return None
    return (
        f"the hand-off ({band.tool}) stops only when the {band.subject} is {band.scoped}: "
        f"“{band.scoped_sentence}”; when the {band.subject} is {band.kept} it is made as "
        "before: a sentence saying every case is handed over (“whatever …”, “every claim …”) "
        f"keeps the hand-off {band.kept_clause} and says the new handling for {band.scoped}"
    )


def still_for_every_case(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still claim, for every case, a hand-off the change
    stops for part of a range: a conflicting sentence kept, or one the edit wrote, that says
    it for every case and names neither side of the line."""
    band = band_handoff(facts)
    if band is None:
        return []
    return still_saying(
        lambda unit: claims_every_case(unit.text) and band.amount not in unit.text,
        conflicts,
        old_body,
        new_body,
        body_format,
    )
