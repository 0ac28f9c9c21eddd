"""A refusal lifted for everyone: the old prompt said "we can't" do a thing ("We can't cancel a
subscription part-way through its term or refund the issues still to come. … offer the
alternative: …") and the new prompt does it with a tool the agent now calls ("Call
`cancel_subscription` (…). The refund is the issues still to come times the price paid per
issue."). KB sentences refusing that action ("Unfortunately we can't cancel a subscription
part-way through its term, and we're not able to refund …") now say we do it, from the new
prompt's sentences in the KB's voice; a list item naming it under a "what we can't do" heading
goes. Other refusals written the same way (we can't pause, transfer, redirect) stay: a
sentence is marked only when what it refuses is the lifted action (its verb and its object).

Pure text helpers: `impact` marks the sentences (`lifted_conflicts`), the template drafter
rewrites them (`lifted_edit`), and a drafting model's edit still refusing the action is refused
(`still_refused`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.dropped import GONE, GONE_LINE, renumbered, whole_line
from behaviordiff.drafting.impactview import ImpactView, with_marks
from behaviordiff.drafting.subsets import list_item_text
from behaviordiff.drafting.text import (
    Unit,
    edit_body,
    heading_above,
    plain_text,
    quoted,
    replace_units,
    stem,
    terms,
    units,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule

LIFTED_REASON = "says we can't do what the new agent now does for everyone"
LISTED_REASON = "lists as something we can't do what the new agent now does for everyone"

_CANT = (
    r"(?:can[’']?t|cannot|can\s+not|are\s+not\s+able\s+to|aren[’']?t\s+able\s+to|"
    r"are\s+unable\s+to|(?:am|are|is)\s+not\s+allowed\s+to|won[’']?t\s+be\s+able\s+to)"
)
# a refusal said by "we": "We can't cancel a subscription …", "we're not able to refund …"
_REFUSAL = re.compile(
    rf"\bwe(?:[’']re|\s+are)?\s+(?:(?:unfortunately|simply|currently)\s+)?"
    rf"(?:{_CANT}|not\s+able\s+to|unable\s+to)\s+(?P<what>[^.;:!?]+)",
    re.I,
)
# a heading over what we can't do: "What we unfortunately can't do", "Things we cannot do"
_CANT_HEADING = re.compile(rf"\bwe\s+(?:\w+\s+)?{_CANT}\s+do\b|\bcan[’']?t\s+do\b", re.I)
_DETERMINER = r"(?:the|a|an|any|your|their|his|her|its|our|this|that|these|those|some|all)"
# the next refused verb after "or"/"and": "… or refund the issues still to come"
_NEXT_VERB = re.compile(
    rf"(?:,\s*|\s+)(?:or|and|nor)\s+(?:we\s+\w+\s+)?(?P<verb>[a-z]+)\s+{_DETERMINER}\b", re.I
)
# a refusal said again inside one: ", and we're not able to refund …"
_INNER_REFUSAL = re.compile(
    rf",?\s+(?:and|or|nor)\s+we(?:[’']re|\s+are)?\s+(?:{_CANT}|not\s+able\s+to|unable\s+to)\s+",
    re.I,
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z`])")
_CODE = re.compile(r"`[^`]*`|\([^()]*_[^()]*\)|\b[a-z]+_[a-z_]+\b")
# an instruction to the agent, not a statement of what happens: "Call …", "tell the … the amount"
_INSTRUCTION = re.compile(
    r"^(?:call|use|tell|explain|offer|say|ask|check|confirm|let|make|don[’']?t|do\s+not|never|"
    r"always|be|give|suggest|remind|apologi[sz]e)\b",
    re.I,
)
# what the old handling offered instead: "Instead, we can …", "What we can do is …"
_ALTERNATIVE = re.compile(
    r"^(?:instead\b|what\s+(?:we|I)\s+can\s+do\b|the\s+alternative\b|(?:but|however),?\s+"
    r"(?:we|I)\s+can\b)",
    re.I,
)
_GENERIC = {"we", "you", "it", "them", "our", "your", "do", "can", "able", "way"}


@dataclass(frozen=True)
class LiftedRefusal:
    """An action the old prompt refused everyone and the new one takes with a tool."""

    rule: Rule
    refused: str
    """What the old prompt said we can't do ("cancel a subscription part-way through its term
    or refund the issues still to come")."""
    verbs: frozenset[str]
    """The stems of the refused verbs ("cancel", "refund")."""
    objects: tuple[tuple[str, frozenset[str]], ...]
    """Each refused verb's stem with the stems of what it is done to ("cancel": "subscript",
    "term"; "refund": "issu", "come")."""
    tool: str
    said: str
    """That we do it now, and how, in the KB's voice, from the new prompt's sentences."""


def _stems(text: str) -> set[str]:
    return set(terms(text)) - _GENERIC


def _pieces(what: str) -> list[tuple[str, set[str]]]:
    """Each refused verb of `what` with the stems of what it is done to: "cancel a
    subscription part-way through its term, and we're not able to refund the issues" →
    ("cancel", {"subscript", "part", "term"}), ("refund", {"issu"})."""
    what = _INNER_REFUSAL.sub(" and ", what)
    starts = [found.start("verb") for found in _NEXT_VERB.finditer(what)]
    found = []
    for start, end in zip([0, *starts], [*starts, len(what)], strict=True):
        piece = what[start:end]
        verb = re.match(r"\s*(?P<verb>[a-z]+)\b", piece, re.I)
        if verb is not None:
            name = stem(verb.group("verb").lower())
            found.append((name, _stems(piece[verb.end() :]) - {name}))
    return found


def _names(lifted: LiftedRefusal, what: str) -> bool:
    """Whether a refused or listed `what` names one of the lifted verbs with something it was
    done to."""
    done = dict(lifted.objects)
    return any(verb in done and said & done[verb] for verb, said in _pieces(what))


def _segments(text: str) -> list[str]:
    """A prompt rule's text cut into sentences and table cells."""
    return [
        part.strip() for cell in text.split("|") for part in _SENTENCES.split(cell) if part.strip()
    ]


def _what_we_do(facts: ChangeFacts, rule: Rule, tool: str) -> str | None:
    """The new prompt's statements right after the sentence calling `tool`, in its section and
    its table cell, up to an instruction to the agent, a call or the cell's end (three at
    most), without the instructions after a semicolon: what happens now ("The refund is the
    issues still to come times the price paid per issue.")."""
    section = facts.prompt_sections.get(rule.section or "", [])
    said: list[str] = []
    started = False
    for sentence in section:
        cells = sentence.split("|")
        for position, cell in enumerate(cells):
            if not started:
                if f"`{tool}`" in cell:
                    started = True
                continue
            if position > 0 and started:
                # the tool's cell ended
                return " ".join(said) if said else None
            for clause in _SENTENCES.split(cell.strip()):
                kept = [
                    part.strip()
                    for part in clause.rstrip(".").split(";")
                    if part.strip() and not _INSTRUCTION.match(part.strip())
                ]
                if not kept or any(_CODE.search(part) for part in kept) or len(said) >= 3:
                    # an instruction, a call or a rule of its own: what happens now was said
                    return " ".join(said) if said else None
                text = "; ".join(kept)
                said.append(text[:1].upper() + text[1:] + ".")
        if started and said and len(cells) > 1:
            return " ".join(said)
    return " ".join(said) if said else None


def lifted_refusal(facts: ChangeFacts) -> LiftedRefusal | None:
    """The refusal the change lifts for everyone: the change's conversations were refused and
    now are not (a refusal shift "removed"), the new agent calls a tool it did not, and a
    changed prompt sentence said "we can't" do what its new text does with that tool. None for
    any other change, or when what we do now cannot be said without the prompt's internals."""
    if not any(s.facet == "refusal" and s.direction == "removed" for s in facts.shifts):
        return None
    before = {action.name for action in facts.before_actions}
    tools = [a.name for a in facts.after_actions if a.name not in before and not a.is_escalation]
    if len(tools) != 1:
        return None
    tool = tools[0]
    for rule in facts.rules:
        if not rule.old or not rule.new or f"`{tool}`" not in rule.new:
            continue
        kept = set(_segments(rule.new))
        for segment in _segments(rule.old):
            found = _REFUSAL.search(segment)
            if found is None or segment in kept:
                continue
            what = found.group("what").strip()
            pieces = [(verb, frozenset(done)) for verb, done in _pieces(what) if done]
            said = _what_we_do(facts, rule, tool)
            if said is None or not pieces:
                continue
            done = re.sub(r"(?:,\s*|\s+)or\s+(?=[a-z]+\s)", " and ", what, flags=re.I)
            return LiftedRefusal(
                rule,
                what,
                frozenset(verb for verb, _ in pieces),
                tuple(pieces),
                tool,
                f"We can {done}. {said}",
            )
    return None


def _refuses(lifted: LiftedRefusal, text: str) -> bool:
    """Whether a KB sentence says we can't do the lifted action: a "we can't" naming one of
    its verbs and something it is done to."""
    for found in _REFUSAL.finditer(text.replace("’", "'")):
        if _names(lifted, found.group("what")):
            return True
    return False


def _listed(lifted: LiftedRefusal, item: str) -> bool:
    """Whether a list item's text names the lifted action as a thing ("Cancel a subscription
    part-way through its term and …")."""
    return _names(lifted, item)


def _marks(lifted: LiftedRefusal, text: str, item_units: Sequence[Unit]) -> dict[int, str]:
    marked: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        if unit.text.startswith(("#", "|")):
            continue
        listed = list_item_text(text, list(item_units), index)
        if (
            listed is not None
            and _CANT_HEADING.search(heading_above(item_units, index).replace("’", "'"))
            and not _REFUSAL.search(listed)
            and _listed(lifted, listed)
        ):
            marked[index] = LISTED_REASON
        elif _refuses(lifted, unit.text):
            marked[index] = LIFTED_REASON
    return marked


def lifted_conflicts(
    facts: ChangeFacts,
    text: str,
    item_units: list[Any],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the units refusing a lifted action (`lifted_refusal`) marked: a "we
    can't" sentence naming it, a list item naming it under a "what we can't do" heading."""
    lifted = lifted_refusal(facts)
    if lifted is None:
        return found
    marks = _marks(lifted, text, item_units)
    return with_marks(found, marks, item_units, make)


def lifted_text(lifted: LiftedRefusal, text: str) -> str:
    """`text` with each sentence refusing the lifted action said as what we do now
    (`LiftedRefusal.said`), and each list item naming it under a "what we can't do" heading
    taken out with its line (numbered items after it numbered on)."""
    item_units = units(text)
    marks = _marks(lifted, text, item_units)
    changes: dict[int, str] = {}
    deleted: list[int] = []
    for index, reason in marks.items():
        unit = item_units[index]
        if reason == LISTED_REASON and whole_line(text, unit):
            changes[index] = GONE
            deleted.append(index)
        elif reason == LIFTED_REASON:
            changes[index] = lifted.said
    if not changes:
        return text
    renumbered(text, item_units, changes, deleted)
    edited = replace_units(text, changes, item_units)
    return GONE_LINE.sub("", edited).replace(GONE, "")


def alternatives(lifted: LiftedRefusal, text: str) -> list[str]:
    """The sentences of `text` right after one refusing the lifted action that offer what
    the old handling gave instead ("Instead, we can switch off auto-renewal …"): no rewrite
    says whether they still read right once we do it, so a writer is told of them."""
    item_units = units(text)
    marks = _marks(lifted, text, item_units)
    return [
        item_units[index + 1].text
        for index, reason in marks.items()
        if reason == LIFTED_REASON
        and index + 1 < len(item_units)
        and _ALTERNATIVE.match(item_units[index + 1].text)
    ]


def still_refused(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still refuse the lifted action, or list it under
    what we can't do: what no drafter's edit may keep."""
    lifted = lifted_refusal(facts)
    if lifted is None:
        return []
    text = plain_text(body, body_format)
    found = units(text)
    return [found[index].text for index in _marks(lifted, text, found)]


def lifted_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item's body for a refusal lifted for everyone: each sentence refusing the action
    says we do it now, and how (`lifted_text`), each list item naming it under what we can't
    do goes, every other byte kept. (None, why) when the edit would still refuse it; None when
    the change lifts no refusal or the item has no such sentence."""
    lifted = lifted_refusal(facts)
    if lifted is None:
        return None
    marked = any(
        reason in (LIFTED_REASON, LISTED_REASON)
        for conflict in impact.conflicts
        for reason in conflict.reasons
    )
    if not marked:
        return None
    noun = impact.item.kind
    why = (
        f"The new prompt does for everyone what the old one refused: it said "
        f"“we can’t {lifted.refused}” and now calls `{lifted.tool}`"
    )
    body, body_format = impact.item.body, impact.item.body_format
    new_body = edit_body(body, body_format, lambda text: lifted_text(lifted, text))
    if new_body == impact.item.body or still_refused(facts, new_body, impact.item.body_format):
        return None, f"Flagged for review: {why}. No safe rewrite of this {noun}'s refusal."
    offered = alternatives(lifted, plain_text(body, body_format))
    listed = (
        ", takes it out of the list of what we can't do"
        if any(LISTED_REASON in conflict.reasons for conflict in impact.conflicts)
        else ""
    )
    kept = (
        "; a writer should check whether what it offered instead ("
        + ", ".join(quoted(sentence) for sentence in offered)
        + ") still reads right"
        if offered
        else ""
    )
    return new_body, (
        f"{why}. The edit says we now do it, and how, as the new prompt says "
        f"({quoted(lifted.said)}), "
        f"where the {noun} said we can't{listed}, and "
        f"keeps everything else, the other refusals included{kept}."
    )


def lifted_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a refusal lifted for everyone: the same facts the
    template writes from, and what its edit may not say."""
    lifted = lifted_refusal(facts)
    if lifted is None:
        return None
    return (
        f"the old prompt said we can't {lifted.refused}; the new agent now does it for everyone "
        f"with `{lifted.tool}`; in the KB's voice: “{lifted.said}” A sentence saying we can't "
        "(or aren't able to) do it says that in its place, and a list item naming it under what "
        "we can't do goes; other refusals (other actions said the same way) stay as they are"
    )
