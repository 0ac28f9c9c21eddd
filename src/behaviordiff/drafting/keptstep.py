"""A step the new prompt puts before an action both prompts take, for everyone on a topic
("Before booking a stay, check the pet's records with `check_records`. Book with
`book_stay` …", where the old prompt said "Book the stay straight away with `book_stay`"):
no call went away, so the KB's "we book it right away" is found here, not by a removed
action. Pure text helpers: `impact` marks the sentences, the template drafter rewrites them
with `with_step`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.text import TOOL_CLAUSE, past_participle, stem, terms, verb_terms

_BEFORE = re.compile(r"\b[Bb]efore\s+(?P<what>[a-z]+ing\b[^,;:.]{0,60}),\s+(?P<step>[a-z][^.;]+)")
_TOOL = re.compile(r"`([^`]+)`")
_AT_ONCE = re.compile(
    r",?\s*\b(?:right away|straight away|straightaway|at once|immediately|there and then"
    r"|instantly|on the spot|without delay)\b"
)
_WE_VERB = re.compile(r"\b([Ww]e)(\s+)(?=[a-z]+\b)")
_ADDRESSEE = (
    (re.compile(r"\bthe (?:customer|caller|user|client|owner|member)'s\b"), "your"),
    (re.compile(r"\bthe (?:customer|caller|user|client|owner|member)\b"), "you"),
    (re.compile(r"\bthem\b"), "you"),
    (re.compile(r"\btheir\b"), "your"),
)

STEP_REASON = "says {action} is done at once; the new prompt first has the agent {step}"


@dataclass(frozen=True)
class KeptStep:
    """The action both prompts take (`action`), the step now before it as a verb phrase in a
    KB's voice (`step`), and the stems naming the topic (`topic`: "booking a boarding stay"
    less the action's verb)."""

    action: str
    step: str
    topic: frozenset[str]
    rule: str


def kept_step(facts: ChangeFacts) -> KeptStep | None:
    """The step a changed prompt sentence puts before a tool its old sentence already called
    and the new prompt still calls, when the change's conversations lost no call and gained
    the step's tool."""
    if facts.before_actions:
        return None
    added = {action.name for action in facts.after_actions if not action.is_escalation}
    if not added:
        return None
    for rule in facts.rules:
        if not rule.new or not rule.old or _BEFORE.search(rule.old):
            continue
        found = _BEFORE.search(" ".join(rule.new.split()))
        if found is None:
            continue
        # the old sentence called the action at once; the new prompt still calls it
        still = {name for other in facts.rules if other.new for name in _TOOL.findall(other.new)}
        kept = [name for name in _TOOL.findall(rule.old) if name not in added and name in still]
        steps = [name for name in _TOOL.findall(found.group("step")) if name in added]
        what = set(terms(found.group("what")))
        for name in kept:
            name_terms = {stem(word) for word in name.lower().split("_") if len(word) > 2}
            if not steps or not name_terms & what:
                continue
            step = TOOL_CLAUSE.sub("", found.group("step")).strip().rstrip(" ,")
            if "`" in step or len(step.split()) > 20:
                return None
            for pattern, replacement in _ADDRESSEE:
                step = pattern.sub(replacement, step)
            verb = set(terms(found.group("what").split()[0]))
            return KeptStep(name, step, frozenset(what - verb), rule.new)
    return None


def says_at_once(found: KeptStep, sentence: str, context: str) -> bool:
    """Whether a sentence says the action is taken at once ("we book the stay right away",
    "your stay is booked immediately"), in an item whose `context` (title and text) is about
    the step's topic."""
    if not _AT_ONCE.search(sentence):
        return False
    name_terms = {stem(word) for word in found.action.lower().split("_") if len(word) > 2}
    said = verb_terms(sentence) & (name_terms - found.topic)
    return bool(said) and bool(found.topic & set(terms(context)))


def with_step(found: KeptStep, sentence: str) -> str | None:
    """The sentence with the step first and "at once" gone: "We book the stay right away and
    email you." → "We check your records, then book the stay and email you."; a sentence
    without "we" before its verb says it happens after the step: "Your stay is booked right
    away." → "Your stay is booked after we check your records."; None when it has no "at
    once" to replace."""
    at_once = _AT_ONCE.search(sentence)
    if at_once is None:
        return None
    we = _WE_VERB.search(sentence)
    if we is not None and we.start() < at_once.start():
        without = sentence[: at_once.start()] + sentence[at_once.end() :]
        return f"{without[: we.end()]}{found.step}, then {without[we.end() :]}"
    return f"{sentence[: at_once.start()]} after we {found.step}{sentence[at_once.end() :]}"


_NO_QUESTIONS = re.compile(
    r"^(?:,\s*|\s+and\s+|\s+with\s+)(?:with\s+)?(?:no|without)\s+(?:any\s+)?"
    r"(?:(?:security\s+)?questions(?:\s+asked)?|checks?|[a-z]+s?\s+(?:needed|required))\b"
)
"""What an "at once" claim may carry on with (", no questions asked", "with no checks"): the
step says otherwise."""
_ASKED_TO = re.compile(r"^We ask you to (?P<verb>[a-z]+)\b(?P<rest>[^.]*?) before\b")
_ASKED_FOR = re.compile(
    r"^We ask for (?P<what>[^.]*?)(?: and (?:verify|check|confirm) (?:it|them))? before\b"
)
_PERFECT = re.compile(r"\b(?:we've|we’ve|I've|I’ve|we have|I have|has been|have been)\b", re.I)


def _step_done(step: str) -> str | None:
    """A step said as done, from `rules.new_step`'s second mention: "We ask you to confirm
    the postcode on your account before …" → "you've confirmed the postcode on your account";
    "We ask for the email address on your account and verify it before …" → "we've checked
    the email address on your account"; None for a step of another form."""
    asked = _ASKED_TO.match(step)
    if asked is not None:
        return f"you've {past_participle(asked.group('verb'))}{asked.group('rest')}"
    asked = _ASKED_FOR.match(step)
    return None if asked is None else f"we've checked {asked.group('what')}"


def after_done_step(sentence: str, step: str) -> str | None:
    """A sentence that says an action is done at once, with "at once" (and a ", no questions
    asked" after it) gone and the step `rules.new_step` puts first said as done after it, so
    the sentence keeps its own words and placeholders: "All done: we've changed the address
    on {{ref}} straight away, no questions asked." → "All done: we've changed the address on
    {{ref}}, now that you've confirmed the postcode on your account."; a sentence not yet
    done says "once". None when it has no "at once" or the step no form to say done."""
    done = _step_done(step)
    at_once = _AT_ONCE.search(sentence)
    if done is None or at_once is None:
        return None
    rest = sentence[at_once.end() :]
    asked = _NO_QUESTIONS.match(rest)
    without = sentence[: at_once.start()] + (rest[asked.end() :] if asked else rest)
    end = len(without.rstrip().rstrip(".!"))
    lead = ", now that " if _PERFECT.search(without[:end]) else " once "
    return f"{without[:end]}{lead}{done}{without[end:]}"
