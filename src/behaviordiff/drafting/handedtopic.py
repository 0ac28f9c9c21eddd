"""A whole topic now handed to a person, where the agent used to do it itself: "When a customer
asks to enter a student for an exam, enter them yourself with `enter_exam` …" became "Anything
about exam entries goes to our exams coordinator: don't enter the student yourself. Hand the
chat over with `transfer_to_exams_coordinator` and tell the customer the exams coordinator will
email them within 2 working days …" for every conversation on the topic (`handed_topic`).

KB text saying we do it ourselves, at once or right in the chat ("we enter students ourselves,
straight from the chat", "we'll book the entry for you there and then", "we'll sort the
transfer for you on the spot") states the old handling even where it names no tool's words
(`claims_done_here`): its verb is the old tool's ("enter") or a verb of doing ("book",
"arrange", "sort") said of the topic, with a word saying here and now. The edit
(`handed_topic_edit`) says the hand-off where the claim is, in the new prompt's words
(`subsets.handling_sentence`): a clause joined with "and" is said again after it ("Ask us in
the chat, and we'll hand the chat over, and the exams coordinator will email you …"), a
sentence that is the claim gives way to the hand-off. A sentence with a placeholder cannot be
said so and is flagged. Other topics' "we'll move the lesson" or "are booked in the chat" stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.subsets import handling_sentence, tool_phrase
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, stem, terms

HANDED_TOPIC_REASON = "says we do it ourselves, here and now; the new prompt hands the topic to"

# "we enter", "we'll book", "we will arrange" (bounded: linear)
_WE_DO = re.compile(r"\b[Ww]e(?:'ll|’ll| will)? (?P<verb>[a-z]{2,20})\b")
# doing it here and now ("ourselves", "there and then", "straight from the chat")
_HERE_NOW = re.compile(
    r"\b(?:ourselves|straight away|right away|there and then|on the spot|at once|"
    r"immediately|instantly|straight from the chat|right here|in the chat|while you wait)\b",
    re.I,
)
# verbs of doing a thing for the customer, said of the topic ("we'll book the entry")
_DOING = frozenset(
    {"book", "arrange", "sort", "handle", "process", "do", "set", "make", "take", "put", "get"}
)
_PLACEHOLDER = re.compile(r"\{\{|\{%")
# "Lovely news: {{ticket.student}} is now entered for Grade 5 …": the old action said done of
# the customer's case, in a macro's confirmation (bounded: linear)
_DONE_SAID = re.compile(
    r"^(?:[A-Z][A-Za-z ,!]{0,40}:\s+)?(?P<subject>(?:\{\{[^{}]{1,80}\}\}|[^:;.!?{]){1,160}?)\s+"
    r"(?:is|are|has been|have been)(?:\s+now)?\s+(?P<done>[a-z]{3,20}ed)\b"
    r"(?P<rest>(?:\{\{[^{}]{1,80}\}\}|[^:;.!?{]){0,200})[.!]$"
)
# the person the topic now goes to, as the new prompt names them ("goes to our exams
# coordinator:", "hand them over to the claims team, who …")
_TEAM = re.compile(
    r"\b(?:goes|go|passes|pass|over)\s+to\s+"
    r"(?P<team>(?:our|the)\s+[a-z]{2,20}(?:\s+[a-z]{2,20}){0,3}?)"
    r"(?=\s*[:;,.]|\s+(?:with|who|and)\b)",
    re.I,
)
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_MAX = 2000


@dataclass(frozen=True)
class HandedTopic:
    """The hand-off the new prompt makes for a whole topic instead of the old action."""

    verbs: frozenset[str]
    """The old actions' verbs ("enter" of `enter_exam`)."""
    topic: frozenset[str]
    """The topic's stems (the condition's tags: "exam", "entry")."""
    said: str
    """The hand-off in a KB's voice ("We'll hand the chat over, and the exams coordinator will
    email you within 2 working days …")."""
    rule: str
    """The new prompt sentence it is said from."""
    team: str | None = None
    """Whom the topic now goes to, as the new prompt names them ("our exams coordinator")."""


def handed_topic(facts: ChangeFacts) -> HandedTopic | None:
    """The hand-off of a whole topic (`HandedTopic`): the conversations lost an action of the
    agent's own and gained only a hand-off, on a condition of topic tags alone, and a new prompt
    sentence says what to do with the hand-off tool. None for any other change."""
    lost = [a.name for a in facts.before_actions if not a.is_escalation]
    gained = [a.name for a in facts.after_actions]
    condition = facts.condition
    if not lost or not gained or condition is None:
        return None
    if not all(a.is_escalation for a in facts.after_actions):
        return None
    if any(atom.op != "tag" for atom in condition.atoms):
        return None
    topic = {
        stem(word)
        for atom in condition.atoms
        for word in terms(atom.feature.removeprefix("tag:").replace("_", " ").replace("-", " "))
    }
    for rule in facts.rules:
        if not rule.new:
            continue
        text = " ".join(rule.new.split())
        for tool in gained:
            phrase = tool_phrase(text, tool)
            if phrase is None:
                continue
            verbs = frozenset(name.split("_")[0].lower() for name in lost)
            said = handling_sentence(text, phrase)
            named = (_TEAM.search(" ".join(r.new.split())) for r in facts.rules if r.new)
            team = next((m.group("team") for m in named if m is not None), None)
            return HandedTopic(verbs, frozenset(topic), said, text, team)
    return None


def _verb_base(verb: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if verb.endswith(ending) and len(verb) - len(ending) >= 3:
            return verb[: -len(ending)]
    return verb


def _claim(found: HandedTopic, sentence: str) -> re.Match[str] | None:
    """Where `sentence` says we do the topic's thing ourselves, here and now."""
    if len(sentence) > _MAX or _HERE_NOW.search(sentence) is None:
        return None
    said = {stem(word) for word in terms(sentence)}
    for done in _WE_DO.finditer(sentence):
        verb = done.group("verb").lower()
        if _verb_base(verb) in found.verbs or verb in found.verbs:
            return done
        if verb in _DOING and said & found.topic:
            return done
    return None


def claims_done_here(found: HandedTopic, sentence: str) -> bool:
    """Whether a KB sentence says we do the topic ourselves, at once or in the chat."""
    return _claim(found, sentence) is not None


def handed_topic_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    conflicts: list[Any],
    make: Callable[[int, str, tuple[str, ...]], Any],
) -> list[Any]:
    """`conflicts` with each sentence claiming the topic is done here and now marked."""
    found = handed_topic(facts)
    if found is None:
        return conflicts
    reason = f"{HANDED_TOPIC_REASON} a person: {found.said}"
    result = list(conflicts)
    taken = {conflict.unit_index: at for at, conflict in enumerate(result)}
    for index, unit in enumerate(item_units):
        if unit.raw.lstrip().startswith(("#", "|")) or not claims_done_here(found, unit.text):
            continue
        if index in taken:
            was = result[taken[index]]
            result[taken[index]] = make(index, was.sentence, (*was.reasons, reason))
        else:
            result.append(make(index, unit.text, (reason,)))
    result.sort(key=lambda conflict: conflict.unit_index)
    return result


def _said_here(found: HandedTopic, raw: str) -> str | None:
    """A claim said as the hand-off: after its "and" when it is a clause of its own, else the
    whole sentence; None for a sentence with a placeholder."""
    if _PLACEHOLDER.search(raw):
        return None
    lead = _LIST_MARK.match(raw)
    marker = lead.group(0) if lead else ""
    body = raw[len(marker) :].rstrip()
    claim = _claim(found, " ".join(body.split()))
    if claim is None:
        return None
    joined = re.search(r",? and (?=[Ww]e(?:'ll|’ll| will)? )", body)
    said = found.said[0].lower() + found.said[1:]
    if joined is not None and body.find(claim.group(0)) == joined.end():
        return f"{marker}{body[: joined.end()]}{said}"
    return f"{marker}{found.said}"


def _passed_on(found: HandedTopic, sentence: str) -> str | None:
    """A sentence saying the old action is done for the customer's case ("Lovely news:
    {{ticket.student}} is now entered for Grade {{ticket.grade}} in the next exam session.")
    said as passed on to whom the topic now goes, its placeholders kept ("We've passed your
    request for {{ticket.student}} to be entered for Grade {{ticket.grade}} in the next exam
    session to our exams coordinator."). None when the new prompt names no one, or the
    sentence says no old action done."""
    if found.team is None or len(sentence) > _MAX:
        return None
    said = _DONE_SAID.match(sentence)
    if said is None or _verb_base(said.group("done")) not in found.verbs:
        return None
    subject = said.group("subject")
    if subject.split(" ", 1)[0] in {"It", "This", "That", "There", "We", "You"}:
        return None
    return (
        f"We've passed your request for {subject} to be {said.group('done')}"
        f"{said.group('rest')} to {found.team}."
    )


def handed_topic_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit: each sentence claiming the topic is done here and now says
    the hand-off instead (a sentence that is only the claim says it once; a step of a list or a
    clause after "and" says it where it is); what else the old action described (the old
    action's own sentences, its dropped promises) goes. Flagged when a sentence holds a
    placeholder. None for any other change or an item with no such claim."""
    found = handed_topic(facts)
    if found is None:
        return None
    marked = [
        c.sentence for c in impact.conflicts if any(HANDED_TOPIC_REASON in r for r in c.reasons)
    ]
    if not marked:
        return None
    others = {c.sentence for c in impact.conflicts} - set(marked)
    noun = impact.item.kind
    head = f"The new prompt hands the whole topic to a person: “{found.rule}”"
    stuck = [
        s for s in [*marked, *others] if _PLACEHOLDER.search(s) and _passed_on(found, s) is None
    ]
    if stuck:
        quoted = "; ".join(f"“{s}”" for s in stuck)
        return None, (
            f"Flagged for review: {head}. This {noun} says the old handling in {quoted}, "
            "which holds a placeholder no rewrite can keep confidently."
        )
    said_once: list[bool] = []

    def rewrite(unit: Unit) -> str | Keep:
        passed = _passed_on(found, unit.text) if unit.text in others else None
        if passed is not None:
            return passed + unit.raw[len(unit.raw.rstrip()) :]
        if unit.text in others:
            return ""
        if unit.text not in marked:
            return Keep.UNIT
        tail = unit.raw[len(unit.raw.rstrip()) :]
        said = _said_here(found, unit.raw)
        if said is None:
            return Keep.BLOCK
        if said_once and said.strip() == found.said:
            # a sentence that was only the claim: the hand-off is said once already
            return ""
        said_once.append(True)
        return said + tail

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    quoted = "; ".join(f"“{s}”" for s in marked)
    if new_body is None:
        return None, f"Flagged for review: {head}. No confident rewrite of {quoted}."
    return new_body, (
        f"{head}. This {noun} said we do it ourselves, here and now, in {quoted}: the edit says "
        f"the hand-off there ({found.said!r}), drops what the old handling promised, and keeps "
        "everything else."
    )


def handed_topic_fact(facts: ChangeFacts) -> str | None:
    """The hand-off of the whole topic, as a drafting model is told it."""
    found = handed_topic(facts)
    if found is None:
        return None
    return (
        f"the new prompt hands every conversation on this topic to a person (“{found.rule}”): "
        "text saying we do it ourselves, at once or right in the chat (\"we'll book it for you "
        'there and then", "we do it ourselves"), says the hand-off instead, in the item\'s '
        f"words ({found.said!r}); the same words about other topics stay as they are"
    )
