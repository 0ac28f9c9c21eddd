"""An eligibility the new prompt withdraws for one kind of thing, where it held for every kind.

"Any curtains, ready-made or made-to-measure, can be returned for a refund within 28 days of
delivery if the customer has changed their mind." became "Ready-made curtains can be returned
…" beside a sentence of its own refusing the kind ("Made-to-measure curtains are made to the
customer's own measurements, so they can't be returned for a change of mind."), and the
change's condition names the kind (`curtain_type = made-to-measure`). The kind itself is
still sold (a sentence the change left still names it), so it is no option dropped for
everyone (`droppedoption`): only this rule no longer holds for it.

A KB sentence stating the old rule (its topic words) for every kind ("Anything you buy from us
can come back within 28 days …, whether it came off the shelf or was sewn to your
measurements"; "…, and that includes made-to-measure curtains") is wrong now: it becomes the
rule the others keep and the kind's refusal, both from the new prompt in the KB's voice. A row
keyed by the kind whose cell states the old rule ("| Made-to-measure curtains | Returnable
within 28 days of delivery |") says it no longer holds ("Not returnable"). The same kind named
on another topic (faults, delivery, making times), a sentence denying the rule (too late), and
the rows of the other kinds stay.

Pure text helpers: `impact` marks the units (`withdrawn_kind_conflicts`), the template drafter
rewrites them (`withdrawn_kind_edit`), a drafting model is told the same fact
(`withdrawn_kind_fact`) and its edit still claiming the rule for the kind is refused
(`still_claimed_for_kind`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.caselabels import category_values
from behaviordiff.drafting.categories import category_pattern
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.droppedoption import dropped_option
from behaviordiff.drafting.grants import DENIES, SENTENCE
from behaviordiff.drafting.impactview import edit_marked_units, marked_with
from behaviordiff.drafting.oldside import customer_voice
from behaviordiff.drafting.permission import table_runs, withdrawn_permission
from behaviordiff.drafting.text import (
    cell_text_spans,
    plain_text,
    terms,
    units,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule

WITHDRAWN_KIND_REASON = "states for every kind a rule the new prompt withdraws for one kind"
WITHDRAWN_KIND_ROW_REASON = "states for its kind a rule the new prompt withdraws for it"
WITHDRAWN_KIND_LIST_REASON = "lists the kind under a rule the new prompt withdraws for it"

_EVERY = re.compile(
    r"\b(?:any|anything|everything|every|all|each|whether|whichever|whatever|including|"
    r"includes?|included|alike|both)\b",
    re.I,
)
"""Words claiming a rule for every kind ("anything you buy", "whether …", "that includes")."""
_REFUSES = re.compile(
    r"\b(?:can(?:no|'|’)?t|cannot|can\s+not|won(?:'|’)t|will\s+not|aren(?:'|’)t|isn(?:'|’)t|"
    r"are\s+not|is\s+not|no\s+longer|not\s+eligible|never)\b",
    re.I,
)
_INTERNALS = re.compile(r"[`{}_]|\b(?:call|calling|tool)\b", re.I)
_CUSTOMER = re.compile(
    r"\bthe\s+(?:customer|member|guest|client|caller|user|patient|renter|rider|passenger|"
    r"buyer|shopper)\b(?!['’]s)",
    re.I,
)
_CUSTOMER_OWN = re.compile(
    r"\bthe\s+(?:customer|member|guest|client|caller|user|patient|renter|rider|passenger|"
    r"buyer|shopper)['’]s\b",
    re.I,
)
"""What is the customer's ("printed from the customer's own photo"): said to them, "your"."""
_CLAUSE = re.compile(r"[^,;:]+[,;:]?")
_ABLE = re.compile(r"^(?P<word>[A-Za-z]+(?:able|ible))\b", re.I)
_PREDICATE = re.compile(
    r"\b(?:can|may|will|is|are|get|gets|qualify|qualifies|come|comes|go|goes)\b", re.I
)
"""The verb a rule's subject ends at ("Ready-made curtains| can be returned …")."""
_SHARED = 2
"""Topic words (beyond the kind's own) a KB unit shares with the old rule to state it."""


@dataclass(frozen=True)
class WithdrawnKind:
    """A rule the new prompt keeps for every kind but one."""

    kind: str
    """The condition's value, in words ("made-to-measure")."""
    rule: Rule
    """The prompt sentence that narrowed the rule to the others."""
    others: str
    """What the others keep, in the KB's voice (the narrowed sentence's first sentence)."""
    refusal: str
    """That the rule does not hold for the kind, in the KB's voice."""
    topic: frozenset[str]
    """The rule's content words after its subject's verb, beyond the kind's: what a KB unit
    states it with ("return", "28", "deliveri", "mind")."""
    verb: str = ""
    """The rule's first word after its subject's verb ("return" of "can be returned …"): two
    topic words shared state the rule only with it ("within" and "days" alone are a time on
    another topic)."""

    def named(self) -> re.Pattern[str]:
        return category_pattern(self.kind)

    def said(self) -> str:
        """The two sentences a claim for every kind becomes."""
        return f"{self.others} {self.refusal}"


def _first(text: str) -> str:
    return SENTENCE.split(" ".join(text.split()), maxsplit=1)[0].strip()


def to_customer(sentence: str) -> str | None:
    """A prompt sentence said to the customer: each clause naming the customer ("if the
    customer has changed their mind", "however soon the customer asks") in the second person,
    the others (whose "they" is the thing the sentence is about) as they were. None when it
    carries the prompt's internals (a tool, a field value)."""
    if _INTERNALS.search(sentence):
        return None
    sentence = _CUSTOMER_OWN.sub(lambda m: "Your" if m.group(0)[:1].isupper() else "your", sentence)
    said = "".join(
        customer_voice(_CUSTOMER.sub("the customer", clause.group(0)))
        if _CUSTOMER.search(clause.group(0))
        else clause.group(0)
        for clause in _CLAUSE.finditer(sentence)
    )
    said = said.strip()
    return said[:1].upper() + said[1:] if said else None


@once_per_change
def withdrawn_kind(facts: ChangeFacts) -> WithdrawnKind | None:
    """The rule a change withdraws for the one kind its condition names: a changed prompt
    sentence that claimed it for every kind or named the kind among others ("Any curtains,
    ready-made or made-to-measure, can be returned …") now names the kind nowhere, and another
    sentence of the new prompt names the kind and refuses it the rule in its words ("… so they
    can't be returned for a change of mind"). None for any other change."""
    values = category_values(facts.conditions)
    if not facts.restricted or len(values) != 1:
        return None
    if dropped_option(facts) is not None or withdrawn_permission(facts) is not None:
        # an option dropped for everyone, a grant's scope narrowed: their own classes
        return None
    kind = re.sub(r"[_]+", " ", values[0][1]).strip()
    named = category_pattern(values[0][1])
    own = set(terms(kind))
    for rule in facts.rules:
        if not (rule.kind.startswith("sentence") and rule.old and rule.new):
            continue
        old, new = _first(str(rule.old)), _first(str(rule.new))
        if DENIES.search(old) or named.search(new) or _REFUSES.search(new):
            continue
        if not (named.search(old) or _EVERY.search(old)):
            continue
        predicate = _PREDICATE.search(new)
        if predicate is None:
            continue
        # what the rule says of the things, not what they are ("curtains", "ready-made")
        topic = frozenset(terms(new[predicate.end() :])) - own
        if len(topic) < _SHARED:
            continue
        refusal = _refusal(facts.rules, rule, named, topic)
        others = to_customer(new)
        if refusal is None or others is None or _still_granted(facts.rules, named, topic):
            continue
        said_after = [word for word in terms(new[predicate.end() :]) if word not in own]
        return WithdrawnKind(kind, rule, others, refusal, topic, said_after[0])
    return None


def _still_granted(rules: Sequence[Rule], named: re.Pattern[str], topic: frozenset[str]) -> bool:
    """Whether a sentence of the new prompt still grants the kind the rule, with a value of its
    own ("Sale items can be returned within 14 days of delivery."): the rule moved for the
    kind, it was not withdrawn."""
    for rule in rules:
        if not rule.new:
            continue
        sentence = _first(str(rule.new))
        if not named.search(sentence) or _REFUSES.search(sentence) or DENIES.search(sentence):
            continue
        if len(set(terms(sentence)) & topic) >= _SHARED:
            return True
    return False


def _refusal(
    rules: Sequence[Rule], narrowed: Rule, named: re.Pattern[str], topic: frozenset[str]
) -> str | None:
    """The new prompt's sentence naming the kind and refusing it the rule (sharing the rule's
    topic words), in the KB's voice."""
    for rule in rules:
        if rule is narrowed or not rule.new:
            continue
        sentence = _first(str(rule.new))
        if not named.search(sentence) or not _REFUSES.search(sentence):
            continue
        if len(set(terms(sentence)) & topic) < _SHARED:
            continue
        said = to_customer(sentence)
        if said is not None:
            return said
    return None


def claims_for_every_kind(kind: WithdrawnKind, text: str) -> bool:
    """Whether a KB sentence states the old rule (its topic words) for every kind: it claims
    it for all or names the kind, and denies nothing. A heading, a question or a row is not."""
    stripped = text.strip()
    if not stripped or stripped.startswith(("#", "|")) or stripped.endswith("?"):
        return False
    if DENIES.search(text) or _REFUSES.search(text):
        return False
    shared = set(terms(text)) & kind.topic
    if len(shared) < _SHARED or (len(shared) == _SHARED and kind.verb not in shared):
        return False
    return bool(_EVERY.search(text) or kind.named().search(text))


def _row_cell(kind: WithdrawnKind, row: str) -> tuple[int, int] | None:
    """The span of the cell of a row keyed by the kind that states the old rule."""
    spans = cell_text_spans(row)
    if len(spans) < 2:
        return None
    key = row[spans[0][0] : spans[0][1]]
    if not kind.named().search(key):
        return None
    stating = [
        (start, end)
        for start, end in spans[1:]
        if len(set(terms(row[start:end])) & kind.topic) >= _SHARED
        and not _REFUSES.search(row[start:end])
    ]
    return stating[0] if len(stating) == 1 else None


def refused_row(kind: WithdrawnKind, row: str) -> str | None:
    """A row keyed by the kind, its cell stating the old rule now saying it does not hold
    ("Returnable within 28 days of delivery" → "Not returnable"); every other byte kept. None
    when the cell cannot be said so."""
    span = _row_cell(kind, row)
    if span is None:
        return None
    start, end = span
    able = _ABLE.match(row[start:end])
    if able is None:
        return None
    return f"{row[:start]}Not {able['word'].lower()}{row[end:]}"


def _marks(kind: WithdrawnKind, item_units: Sequence[Any]) -> dict[int, str]:
    marked = {
        index: WITHDRAWN_KIND_REASON
        for index, unit in enumerate(item_units)
        if claims_for_every_kind(kind, unit.text)
    }
    for run in table_runs([unit.raw for unit in item_units]):
        for index in list(run)[1:]:
            if _row_cell(kind, item_units[index].raw) is not None:
                marked[index] = WITHDRAWN_KIND_ROW_REASON
    for index in listed_under_rule(kind, item_units):
        marked.setdefault(index, WITHDRAWN_KIND_LIST_REASON)
    return marked


_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d{1,3}[.)])\s+\S")
_LEAD_TOPIC = 3
"""Topic words a list's lead-in shares with the rule to state it for its items ("Within 30
days of delivery:" for "… can be returned … within 30 days of delivery …")."""
_KIND_ALONE = 6
"""Words at most of a list item naming a kind alone ("- personalised photo puzzles")."""


def listed_under_rule(kind: WithdrawnKind, item_units: Sequence[Any]) -> list[int]:
    """The list items naming the kind alone under a lead-in stating the rule for every item
    ("Within 30 days of delivery:" above "- personalised photo puzzles"): the list says the
    rule holds for the kind, and the item goes from it. A lead-in must end on a colon and
    share three of the rule's topic words; an item saying more (a verb, a denial) stays."""
    found: list[int] = []
    lead: str | None = None
    for index, unit in enumerate(item_units):
        raw = unit.raw
        if _LIST_ITEM.match(raw) is None:
            text = unit.text.strip()
            if text:
                lead = text
            continue
        if lead is None or not lead.endswith(":"):
            continue
        if len(set(terms(lead)) & kind.topic) < _LEAD_TOPIC:
            continue
        text = unit.text
        if not kind.named().search(text) or DENIES.search(text) or _REFUSES.search(text):
            continue
        if len(text.split()) > _KIND_ALONE + 1 or _PREDICATE.search(text):
            continue
        found.append(index)
    return found


def withdrawn_kind_conflicts(
    facts: ChangeFacts, item_units: list[Any], found: list[Any], conflict: Callable[..., Any]
) -> list[Any]:
    """For a rule withdrawn for one kind (`withdrawn_kind`), the units stating it for every
    kind and the rows of that kind stating it, in place of `found`: what else the item says
    (a refund's timing, a fault's repair) still holds for the others."""
    kind = withdrawn_kind(facts)
    if kind is None:
        return found
    marked = _marks(kind, item_units)
    if not marked:
        return found
    return [conflict(index, item_units[index].text, (marked[index],)) for index in sorted(marked)]


def withdrawn_kind_edit(facts: ChangeFacts, impact: Any) -> tuple[str | None, str] | None:
    """The item with its first claim for every kind said as the others' rule and the kind's
    refusal, later claims dropped, the kind's rows saying the rule does not hold; every other
    byte kept. Flagged (body None) when a row cannot be said so. None when the change is of
    another class or the item has no such unit."""
    kind = withdrawn_kind(facts)
    if kind is None:
        return None
    reasons = (WITHDRAWN_KIND_REASON, WITHDRAWN_KIND_ROW_REASON, WITHDRAWN_KIND_LIST_REASON)
    if not marked_with(impact, reasons):
        return None
    item = impact.item

    def sayer(text_units: Sequence[Any]) -> Callable[[int, str], str | None]:
        said = False
        claimed = any(claims_for_every_kind(kind, unit.text) for unit in text_units)

        def say(index: int, reason: str) -> str | None:
            nonlocal said
            if reason == WITHDRAWN_KIND_ROW_REASON:
                return refused_row(kind, text_units[index].raw)
            if reason == WITHDRAWN_KIND_LIST_REASON:
                # out of the list; the kind's refusal is said once, with the item's claim
                return "" if claimed else None
            first, said = not said, True
            return kind.said() if first else ""

        return say

    new_body, failed = edit_marked_units(item, lambda found: _marks(kind, found), sayer)
    rule = f"it said “{kind.rule.old}” and now says “{kind.rule.new}”"
    if failed or new_body == item.body:
        stuck = failed or [c.sentence for c in impact.conflicts]
        return None, (
            f"Flagged for review: the new prompt withdraws a rule for {kind.kind} ({rule}), and "
            "no safe rewrite says so in " + "; ".join(f"“{s}”" for s in stuck)
        )
    return new_body, (
        f"The new prompt withdraws a rule for {kind.kind}: {rule}, beside “{kind.refusal}” "
        f"The edit says the rule for the others and that it no longer holds for {kind.kind}, "
        "and keeps everything else."
    )


def withdrawn_kind_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told: the same sentences the template writes from."""
    kind = withdrawn_kind(facts)
    if kind is None:
        return None
    return (
        f"a rule no longer holds for {kind.kind} (the others keep it); in the KB's voice: "
        f"“{kind.said()}” Text claiming it for every kind (“any”, “whether … or …”, "
        f"“that includes {kind.kind}”) says this instead, and a table row for {kind.kind} "
        "stating it says it no longer holds; the same kind on other topics stays"
    )


def still_claimed_for_kind(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences and rows of an edited body that still state the rule for every kind or
    for the kind: what no drafter's edit may keep."""
    kind = withdrawn_kind(facts)
    if kind is None:
        return []
    body_units = units(plain_text(body, body_format))
    return [body_units[index].text for index in sorted(_marks(kind, body_units))]
