"""A check the new prompt puts before an action on one topic, an action it still takes once
the customer passes it ("Before you say anything about an item, check that you're talking to
the passenger who paid: ask for the last four digits of the card … and check them with
`verify_passenger`." then "Once the digits match, call `check_lost_property` …"): the
conversations that do not pass it lose the old call, yet the action is not gone, so the KB's
"we'll check it for you straight away" is not wrong for its action but for what it skips.
KB text on the topic saying there is nothing to prove ("There's nothing you need to prove",
"We don't ask you to prove who you are", "no ID needed") states the old rule.

Pure text helpers: `impact` marks those sentences (`proof_step_conflicts`), the template
drafter says the check there in the KB's own words (`proof_step_edit`), the note says what is
now asked and when (`proof_step_note`), and a drafting model is told the same
(`proof_step_fact`) and held to it (`still_unproved`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, marked_for
from behaviordiff.drafting.text import Keep, Unit, plain_text, rewrite_units, stem, terms, units

PROOF_STEP_REASON = "says there is nothing to prove; the new prompt first has the agent"

_TOOL = re.compile(r"`([^`]+)`")
# "ask for …", "ask the customer for …", "ask them for …"
_ASK = re.compile(
    r"\bask\s+(?:(?:the\s+[a-z]+|them|him|her)\s+)?for\s+(?P<what>[^.;:]+?)"
    r"(?P<check>\s+and\s+(?:check|verify|confirm)\s+(?:them|it|that|they)\b[^.;:]*)?(?=[.;:]|$)"
)
_CHECK_WORD = re.compile(r"\b(?:check|verify|confirm|match)\w*\b", re.I)
# "Once the digits match, call `x`", "Only when they're verified, look the order up with `x`"
_GATED = re.compile(
    r"^(?:only\s+)?(?:once|when|if|after)\b[^,]*?\b(?:match(?:es|ed)?|verified|confirmed|"
    r"checked|pass(?:es|ed)?|correct|right)\b[^,]*,",
    re.I,
)
_TOOL_CLAUSE = re.compile(r"\s+(?:with|using|via|by calling)\s+(?:the\s+)?`[^`]+`(?:\s+tool)?")
# a code aside: "(booking_ref, card_last4)", "(`order_id`)"
_CODE_PARENS = re.compile(
    r"\s*\((?:[^()]*`[^()]*|(?=[^()]*_)\s*[a-z0-9_]+(?:\s*,\s*[a-z0-9_]+)*\s*)\)"
)
# the prompt's words for the customer said to them in a KB ("ask them for their …")
_ADDRESSEE = (
    (
        re.compile(r"\bthe (?:customer|caller|user|client|passenger|member|guest|patient)'s\b"),
        "your",
    ),
    (re.compile(r"\b(ask)\s+(?:the\s+[a-z]+|them|him|her)\s+for\b"), r"\1 you for"),
    (re.compile(r"\btheir\b"), "your"),
)
# what says there is nothing to prove: "There's nothing you need to prove", "We don't ask you
# to prove who you are", "no ID needed", "no need to show any ID", "without any checks"
_NO_PROOF = re.compile(
    r"\b(?:nothing|no need|don't need|do not need|needn't|never need|won't need|doesn't need)"
    r"(?:\s+[\w'’]+){0,3}?\s+(?:to\s+)?(?:prove|show|see|verify|confirm)\b"
    r"|\b(?:don't|do not|never|won't|will not|doesn't|does not)\s+(?:ask\s+(?:you\s+)?(?:to|for)"
    r"|need\s+(?:you\s+)?to|require\s+(?:you\s+)?to|check)\s+(?:prove|show|verify|confirm|"
    r"who\s+you\s+are|your\s+identity|(?:any\s+)?(?:ID|identification|proof))\b"
    r"|\bno\s+(?:ID|identification|proof(?:\s+of\s+\w+)?|(?:ID|identity|security)\s+checks?|"
    r"security\s+questions?|questions\s+asked)\b"
    r"|\bwithout\s+(?:any\s+)?(?:ID|identification|proof|checks?|questions)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"\s*[:;]\s+|\s+[—–]\s+")
_AT_ONCE = re.compile(
    r",?\s*\b(?:right away|straight away|straightaway|at once|immediately|there and then"
    r"|instantly|on the spot|without delay)\b"
)
_WE_VERB = re.compile(r"\b([Ww]e(?:'ll|’ll|\s+will)?)(\s+)(?=[a-z]+\b)")
_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class ProofStep:
    """The action the new prompt still takes once the check passes (`action`), what the
    customer is now asked for (`asked`, in the prompt's words), the step as a verb phrase in the
    prompt's words (`step`: "ask them for their date of birth and check it") and in a KB's
    voice (`said`: "ask you for your date of birth and check it"), the check's tool if it
    names one, the prompt sentence, and the stems naming the topic the check is for."""

    action: str
    asked: str
    step: str
    said: str
    tool: str | None
    rule: str
    topic: frozenset[str]


def _topic(facts: ChangeFacts, action: str) -> frozenset[str]:
    """The topic tags' stems, else the action's name less its verb."""
    condition = facts.condition
    tagged = {
        stem(word)
        for atom in (condition.atoms if condition else ())
        if atom.op == "tag"
        for word in terms(atom.feature.removeprefix("tag:").replace("_", " ").replace("-", " "))
    }
    if tagged:
        return frozenset(tagged)
    words = [word for word in action.lower().split("_") if len(word) > 2]
    return frozenset(stem(word) for word in words[1:])


def proof_step(facts: ChangeFacts) -> ProofStep | None:
    """The check a changed or added prompt sentence asks the customer to pass before an
    action the change's conversations lost, when another sentence of the new prompt still
    takes that action once the check passes ("Once the digits match, call `x`"). None when
    the old sentence already asked for it, or the action is simply gone."""
    lost = [action.name for action in facts.before_actions if not action.is_escalation]
    if not lost:
        return None
    gated = {
        name
        for rule in facts.rules
        if rule.new and _GATED.match(" ".join(rule.new.split()))
        for name in _TOOL.findall(rule.new)
    }
    kept = [name for name in lost if name in gated]
    if not kept:
        return None
    for rule in facts.rules:
        if not rule.new:
            continue
        text = " ".join(rule.new.split())
        found = _ASK.search(text)
        if found is None or not (found.group("check") or _CHECK_WORD.search(text)):
            continue
        asked = _CODE_PARENS.sub("", _TOOL_CLAUSE.sub("", found.group("what"))).strip()
        if rule.old and asked.lower() in " ".join(rule.old.split()).lower():
            continue
        step = _CODE_PARENS.sub("", _TOOL_CLAUSE.sub("", found.group(0))).strip().rstrip(" ,")
        if "`" in step or "{" in step or len(step.split()) > 25 or not terms(asked):
            return None
        said = step
        for pattern, replacement in _ADDRESSEE:
            said = pattern.sub(replacement, said)
        tools = [name for name in _TOOL.findall(text) if name not in kept]
        return ProofStep(
            kept[0], asked, step, said, tools[0] if tools else None, text, _topic(facts, kept[0])
        )
    return None


def denies_proof(found: ProofStep, sentence: str, context: str) -> bool:
    """Whether a KB sentence says there is nothing to prove, about the check's topic: the
    sentence, or its item's title and heading (`context`), names the topic."""
    if not _NO_PROOF.search(sentence):
        return False
    return bool(found.topic & {stem(word) for word in terms(f"{sentence} {context}")})


def _heading_above(item_units: Sequence[Unit], index: int) -> str:
    for at in range(index - 1, -1, -1):
        if item_units[at].raw.lstrip().startswith("#"):
            return item_units[at].text
    return ""


def _denying(found: ProofStep, title: str, item_units: Sequence[Unit]) -> list[int]:
    return [
        index
        for index, unit in enumerate(item_units)
        if not unit.raw.lstrip().startswith(("#", "|"))
        and denies_proof(found, unit.text, f"{title} {_heading_above(item_units, index)}")
    ]


def proof_step_conflicts(
    facts: ChangeFacts,
    title: str,
    item_units: list[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the units saying there is nothing to prove on the check's topic marked
    (`make` builds a conflict from index, text and reasons), beside any other reason."""
    step = proof_step(facts)
    if step is None:
        return found
    reason = f"{PROOF_STEP_REASON} {step.step}"
    denying = set(_denying(step, title, item_units))
    marked = []
    for conflict in found:
        if conflict.unit_index in denying:
            denying.discard(conflict.unit_index)
            conflict = make(conflict.unit_index, conflict.sentence, (*conflict.reasons, reason))
        marked.append(conflict)
    for index in denying:
        marked.append(make(index, item_units[index].text, (reason,)))
    marked.sort(key=lambda conflict: conflict.unit_index)
    return marked


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def with_proof_step(found: ProofStep, raw: str) -> str | None:
    """A sentence saying there is nothing to prove, said with the check: its clauses saying
    so go, and the step goes before what "we" do ("… and we'll check lost property for you
    straight away." → "… and we'll ask for … and check them, then check lost property for
    you."). None when no clause says what we do, or no clause is left."""
    marker = _MARKER.match(raw)
    lead = marker.group(0) if marker else ""
    body = raw[len(lead) :].strip()
    end = body[-1] if body[-1:] in ".!?" else "."
    body = body.rstrip(".!? ")
    clauses = [clause for clause in _CLAUSE_BREAK.split(body) if clause]
    kept = [clause for clause in clauses if not _NO_PROOF.search(clause)]
    if not kept or len(kept) == len(clauses):
        return None
    said = None
    for position, clause in enumerate(kept):
        we = _WE_VERB.search(clause)
        if we is None:
            continue
        at_once = _AT_ONCE.search(clause, we.end())
        rest = clause[we.end() :]
        if at_once is not None:
            rest = clause[we.end() : at_once.start()] + clause[at_once.end() :]
        kept[position] = f"{clause[: we.end()]}{found.said}, then {rest.strip()}"
        said = kept[position]
        break
    if said is None:
        return None
    return lead + _cap(": ".join(kept)) + end


def proof_step_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit: each sentence saying there is nothing to prove, said with
    the check (`with_proof_step`), every other byte kept; flagged (no text) when one of them
    cannot be said so. None when the change adds no such check or the item says none."""
    step = proof_step(facts)
    if step is None:
        return None
    denying = set(marked_for(impact.conflicts, PROOF_STEP_REASON))
    if not denying:
        return None
    order = [unit.text for unit in impact.units if unit.text in denying]
    quoted = "; ".join(f"“{sentence}”" for sentence in order)
    noun = impact.item.kind

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in denying:
            return Keep.UNIT
        said = with_proof_step(step, unit.raw)
        return Keep.BLOCK if said is None else said[len(_lead(unit.raw)) :]

    new_body = rewrite_units(impact.item.body, impact.item.body_format, pick)
    head = f"The new prompt now has the agent {step.step} before `{step.action}`: “{step.rule}”"
    if new_body is None:
        return None, (
            f"Flagged for review: {head}; this {noun} says there is nothing to prove in "
            f"{quoted}, and no sentence of it says what we do that the check can go before."
        )
    return new_body, (
        f"{head}; this {noun} says there is nothing to prove in {quoted}. The edit drops that "
        f"claim, says the check before what we do, and keeps everything else in the {noun}."
    )


def _lead(raw: str) -> str:
    marker = _MARKER.match(raw)
    return marker.group(0) if marker else ""


def still_unproved(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still say there is nothing to prove on the topic
    the new prompt now checks first: what no drafter's edit may keep."""
    step = proof_step(facts)
    if step is None:
        return []
    text = plain_text(body, body_format)
    text_units = units(text)
    first = text_units[0].text if text_units else ""
    return [text_units[index].text for index in _denying(step, first, text_units)]


def proof_step_note(facts: ChangeFacts) -> str | None:
    """What the note says the agent now does first: "Before it calls `x`, the agent now asks
    for … and checks them (`verify_y`); it calls `x` only once they match." """
    step = proof_step(facts)
    if step is None:
        return None
    words = step.step.split(" ")
    verbs = {"ask": "asks", "check": "checks", "verify": "verifies", "confirm": "confirms"}
    # the verbs: the first word, and a word after "and" ("… and check them")
    said = " ".join(
        verbs.get(word, word) if index == 0 or words[index - 1] == "and" else word
        for index, word in enumerate(words)
    )
    tool = f" (`{step.tool}`)" if step.tool else ""
    return (
        f"Before it calls `{step.action}`, the agent now {said}{tool}; it calls "
        f"`{step.action}` and says what it found only once the check passes."
    )


def proof_step_fact(facts: ChangeFacts) -> str | None:
    """The check, as a drafting model is told it."""
    step = proof_step(facts)
    if step is None:
        return None
    return (
        f"the new prompt now has the agent {step.step} before `{step.action}` (“{step.rule}”): "
        "text on this topic saying there is nothing to prove or no ID is needed says instead "
        f"that we {step.said} first, in the item's words; the same words about other topics "
        "stay as they are"
    )


def with_gated_kept(facts: ChangeFacts) -> ChangeFacts:
    """`facts` without the action a check now gates among the actions it lost: the action is
    still taken once the check passes, so a macro's tag or status for it still holds
    (`kb.settings.shift_of` reads what the agent no longer does from them)."""
    step = proof_step(facts)
    if step is None:
        return facts
    kept = [action for action in facts.before_actions if action.name != step.action]
    return replace(facts, before_actions=kept)


def asked_unsaid(
    facts: ChangeFacts, impact: ImpactView, template_body: str | None, new_body: str
) -> list[str]:
    """Where the item said there is nothing to prove, the template's edit says what is now
    asked first: a model's edit that names nothing of it (only took "no ID needed" out) does
    not say the new behavior."""
    step = proof_step(facts)
    denied = marked_for(impact.conflicts, PROOF_STEP_REASON)
    if step is None or not denied or not template_body:
        return []
    body_format = impact.item.body_format
    old = {unit.text for unit in units(plain_text(impact.item.body, body_format))}
    asked = set(terms(step.asked))
    written = [
        unit.text
        for unit in units(plain_text(new_body, body_format))
        if unit.text not in old and asked <= set(terms(unit.text))
    ]
    if written:
        return []
    return [
        f"the new body does not say that we now {step.said} first, where the "
        f"{impact.item.kind} said “{denied[0]}”: say it there, in the item's words"
    ]
