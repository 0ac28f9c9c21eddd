"""KB text about an action a hand-off replaces for the very case the old action was for: the
prompt keeps its case and changes what to do in it ("If the claim is over 30 days old, send the
desk a reminder with `send_reminder` …" → "If the claim is over 30 days old, don't send a
reminder: hand it to the claims lead with `escalate_to_lead` and tell them the claims lead will
call within 1 day."). The KB says the old action ("we'll send a reminder to the desk"), its
promise ("They'll reply within 2 days.") and that nothing else happens ("Chasing is done by
reminder only.", "We can't escalate a claim.") in sentences of their own.

The case is all the KB sentence is about, so the new rule is no exception to it: the sentence
says the hand-off in place of the old action, in its own voice ("we'll hand it to the claims
lead", "I've handed it to the claims lead"), and a sentence denying the hand-off or saying the
old action is the only one goes. Pure text helpers: `impact` marks the denials, the template
drafter writes the edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import (
    restated_rule,
    rule_handling,
    rule_parts,
    same_case_rule,
    told_clause,
)
from behaviordiff.drafting.text import base_verb, past_participle, stem, terms, verb_terms

_GENERIC = frozenset(["send", "make", "give", "issue", "create", "process", "call", "do", "run"])
_HANDOFF = frozenset(["escalat", "escalate", "transfer", "handoff", "hand"])
_NEGATION = re.compile(
    r"\b(?:don't|don’t|do not|doesn't|doesn’t|does not|never|won't|won’t|will not|can't|"
    r"can’t|cannot|can not|isn't|isn’t|is not|aren't|aren’t|are not|unable to)\b",
    re.I,
)
_ONLY = re.compile(r"\bonly\b", re.I)
_NUMBER = re.compile(r"\d")
_DOER = re.compile(
    r"\b(?P<aux>(?:we|I)(?P<tense>'ll|’ll|'ve|’ve|\s+will|\s+can|\s+would|\s+have|\s+had)?\s+)"
    r"(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\b",
    re.I,
)
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


@dataclass(frozen=True)
class ReplacedAction:
    """An action a hand-off replaces for the same case, as the new prompt says it."""

    old: str
    """The tool the case no longer gets (`send_reminder`)."""
    new: str
    """The hand-off it gets instead (`escalate_to_manager`)."""
    doing: str
    """The hand-off as the verb phrase "we" take in a KB ("hand it to the claims lead")."""
    told: str | None
    """What the customer is now told, said to "you", else None."""
    rule: str
    """The new prompt sentence."""
    old_words: frozenset[str]
    """Stems naming the old action ("reminder" for `send_reminder`)."""
    new_words: frozenset[str]
    """Stems naming the hand-off ("escalate", "lead" for `escalate_to_lead`)."""
    same_object: bool = False
    """Whether the new action takes what the old one took ("the child"), so the KB's word
    for it stays (`acted_sentence`)."""


def _name_words(name: str) -> frozenset[str]:
    return frozenset(
        word for word in terms(name.replace("_", " ")) if word not in _GENERIC and len(word) > 2
    )


def replaced_action(facts: ChangeFacts) -> ReplacedAction | None:
    """The hand-off that replaces one action of a change for the case the changed prompt
    sentence keeps as it was (`same_case_rule`), naming the new tool and no longer the old
    one; None for any other change, or when the rule cannot be said in a KB's words."""
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    gone = [a.name for a in facts.before_actions if a.name not in after and not a.is_escalation]
    came = [a.name for a in facts.after_actions if a.name not in before and a.is_escalation]
    if len(gone) != 1 or len(came) != 1:
        return None
    old, new = gone[0], came[0]
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        if f"`{old}`" not in rule.old or f"`{new}`" not in rule.new or f"`{old}`" in rule.new:
            continue
        if not same_case_rule(facts.rules, rule.new):
            return None
        handling = rule_handling(rule.new)
        if handling is None or len(handling[1]) != 1:
            return None
        doing = handling[1][0]
        if "`" in doing or "{" in doing or not doing.split()[0].isalpha():
            return None
        told = handling[2][0] if handling[2] else None
        return ReplacedAction(
            old,
            new,
            doing,
            told,
            rule.new,
            _name_words(old),
            _name_words(new) | frozenset(terms(doing.split()[0])),
        )
    return None


def denies_handoff(case: ReplacedAction, sentence: str) -> bool:
    """Whether a KB sentence says the hand-off never happens ("We can't escalate a repair.")
    or that the old action is the only handling ("Chasing is done by reminder only."). One
    stating a number may be about the other side of the case's bound, and stays."""
    if sentence.lstrip().startswith(("#", "|")) or _NUMBER.search(sentence):
        return False
    negation = _NEGATION.search(sentence)
    if negation is not None:
        after = verb_terms(sentence[negation.end() :])
        if (case.new_words | _HANDOFF) & after:
            return True
    return bool(_ONLY.search(sentence) and case.old_words & verb_terms(sentence))


def _takes(case: ReplacedAction, verb: str) -> bool:
    """Whether `verb` (as written: "sent", "send", "sending") is the old action's verb."""
    words = [word for word in case.old.lower().split("_") if len(word) > 2]
    base = stem(base_verb(verb))
    return any(base == stem(word) or base.rstrip("e") == stem(word).rstrip("e") for word in words)


def _conjugated(phrase: str, tense: str, verb: str) -> str:
    """The verb phrase `phrase` (base form first) after "we"/"I" with `tense` ("'ll", "'ve",
    " will", "") as the KB wrote `verb`: a perfect or a bare past tense takes the past form."""
    first, _, rest = phrase.partition(" ")
    tense = tense.strip().lower().replace("’", "'")
    past = tense in ("'ve", "have", "had") or (
        not tense and (base_verb(verb) != verb.lower() or verb.lower().endswith("ed"))
    )
    said = past_participle(first) if past else first
    return f"{said} {rest}".strip()


def handed_sentence(raw: str, case: ReplacedAction) -> str | None:
    """A KB sentence in which "we" (or the rep, "I") take the old action, with the hand-off
    in its place and the sentence's own lead kept: "If it's been over 30 days, message us and
    we'll send the desk a reminder." → "If it's been over 30 days, message us and we'll hand it
    to the claims lead."; "…, so I've sent a reminder." → "…, so I've handed it to the claims
    lead.". None when no "we" or "I" takes the old action, or a placeholder would be lost."""
    flat = " ".join(raw.split())
    for found in _DOER.finditer(flat):
        if not _takes(case, found.group("verb")):
            continue
        dropped = flat[found.start() :]
        if _PLACEHOLDER.search(dropped):
            return None
        doing = _conjugated(case.doing, found.group("tense") or "", found.group("verb"))
        ending = "!" if flat.rstrip().endswith("!") else "."
        lead = raw[: len(raw) - len(raw.lstrip())]
        return f"{lead}{flat[: found.start()]}{found.group('aux')}{doing}{ending}"
    return None


def told_sentence(case: ReplacedAction) -> str | None:
    """What the customer is now told, as a sentence of its own."""
    if not case.told:
        return None
    return case.told[:1].upper() + case.told[1:].rstrip(".") + "."


_PARAMETERS = re.compile(r"\s*\((?:[a-z_]+(?:,\s*[a-z_]+)*)\)")
_OBJECT = re.compile(
    r"\s+(?P<object>\{\{.*?\}\}|(?:(?:the|your|their|our|this|that|his|her|a|an)\s+[a-z-]+|"
    r"you|them|it|him|her)\b)",
    re.I,
)


def _verb_object(phrase: str) -> str | None:
    """The object of a verb phrase ("the child" in "book the child onto a course")."""
    _, _, rest = phrase.strip().partition(" ")
    found = _OBJECT.match(" " + rest)
    return found.group("object").lower() if found else None


def _unconditional_action(rule: str) -> str | None:
    """The one thing an unconditional prompt sentence has us do ("Put the child on the
    waiting list with `t` (name, age) and tell …" → "put the child on the waiting list"),
    else None (a rule with a case, several actions, or prompt internals left in it)."""
    if rule_parts(rule) is not None:
        return None
    actions, _ = restated_rule(rule)
    if len(actions) != 1:
        return None
    doing = _PARAMETERS.sub("", actions[0]).strip().rstrip(".")
    if not doing or "`" in doing or "{" in doing or not doing.split()[0].isalpha():
        return None
    return doing[:1].lower() + doing[1:]


def replacing_tool(facts: ChangeFacts) -> ReplacedAction | None:
    """A tool that replaces another for everyone the changed prompt sentences are about, no
    hand-off (that is `replaced_action`): one old sentence had us do the old action with its
    tool ("Book the child onto the next course with `book_lesson`."), and one new sentence,
    with no case of its own, has us do another with the new tool and says what the customer
    is told ("Put the child on the waiting list with `join_waitlist` and tell the parent the
    office will phone them when a place opens."). None for any other change."""
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    gone = [a.name for a in facts.before_actions if a.name not in after and not a.is_escalation]
    came = [a.name for a in facts.after_actions if a.name not in before and not a.is_escalation]
    if len(gone) != 1 or len(came) != 1:
        return None
    old, new = gone[0], came[0]
    changed = [rule for rule in facts.rules if rule.kind in ("sentence_changed", "sentence_added")]
    if any(rule.new and f"`{old}`" in rule.new for rule in changed):
        return None
    olds = [rule.old for rule in changed if rule.old and f"`{old}`" in rule.old]
    news = [rule.new for rule in changed if rule.new and f"`{new}`" in rule.new]
    if len(olds) != 1 or len(news) != 1:
        return None
    was, doing = _unconditional_action(olds[0]), _unconditional_action(news[0])
    if was is None or doing is None:
        return None
    told = told_clause(news[0])
    # the object the old action took is the one the new action takes ("the child"): the KB's
    # own word for it (a placeholder, "your child") is kept in the rewrite
    same_object = _verb_object(was) is not None and _verb_object(was) == _verb_object(doing)
    return ReplacedAction(
        old,
        new,
        doing,
        told,
        news[0],
        _name_words(old),
        _name_words(new) | frozenset(terms(doing.split()[0])),
        same_object,
    )


def acted_sentence(raw: str, case: ReplacedAction) -> str | None:
    """A KB sentence in which "we" (or the rep, "I") take the old action, saying the new one
    in its place from there on, with the sentence's lead and the object the old action took
    kept ("Ask us and we'll book your child straight onto the next course." → "Ask us and
    we'll put your child on the waiting list."; "I've booked {{name}} onto the course, and
    …" → "I've put {{name}} on the waiting list."), then what the customer is now told. None
    when no "we" or "I" takes the old action, or a placeholder would be lost."""
    flat = " ".join(raw.split())
    for found in _DOER.finditer(flat):
        if not _takes(case, found.group("verb")):
            continue
        doing = case.doing
        rest = flat[found.end() :]
        taken = _OBJECT.match(rest)
        if taken is not None and case.same_object:
            verb, _, tail = doing.partition(" ")
            ours = _OBJECT.match(" " + tail)
            if ours is not None:
                doing = f"{verb} {taken.group('object')}{tail[ours.end() - 1 :]}"
                rest = rest[taken.end() :]
        if _PLACEHOLDER.search(rest) or _PLACEHOLDER.search(flat[found.start() : found.end()]):
            return None
        said = _conjugated(doing, found.group("tense") or "", found.group("verb"))
        ending = "!" if flat.rstrip().endswith("!") else "."
        lead = raw[: len(raw) - len(raw.lstrip())]
        sentence = f"{lead}{flat[: found.start()]}{found.group('aux')}{said}{ending}"
        told = told_sentence(case)
        return f"{sentence} {told}" if told else sentence
    return None
