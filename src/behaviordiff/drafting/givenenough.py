"""A step put before an action the old prompt took for anyone who gave one thing: "Anyone who
gives an application reference can have an update on that application: call
`get_application_status` …" became "Before you discuss an existing application, … ask for the
applicant's date of birth and postcode, and check them with `verify_caller` …". The action
still happens once the step passes, so the KB's "give us X and we'll do Y" is not wrong in
what it does, only in saying X is enough.

Two kinds of KB unit say so: one restating the old sentence's offer (three stems of its head,
the words before its colon: "just give us your application reference and we'll update you"),
and one claiming what it asks is all that is needed ("That's all we need", "there's nothing
else you need to have to hand") in an item naming what the old sentence asked for
("application reference"). The edit (`given_enough_edit`) takes the claim's clause out and says
the step in the KB's voice beside what is left ("Before we discuss an existing application, we
ask for …"); every other byte is kept. Read from the prompt's words and the sentence's
structure: no word of any domain is known here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, rewrite_marked
from behaviordiff.drafting.rules import new_step
from behaviordiff.drafting.text import ITEM_LEAD, Unit, stem, terms

GIVEN_ENOUGH_REASON = "says what the old rule asked for is enough; the new prompt first has"

_ENOUGH = re.compile(
    r"\b(?:(?:that's|that is|that’s) all (?:we|you)(?:'ll| will)? need"
    r"|nothing else (?:you|we)(?:'ll| will)? need"
    r"|all (?:you|we) need (?:to do )?is)\b",
    re.I,
)
_VERBS = "can|could|will|would|may|might|must|shall|should|is|are|was|were|gets?|has|have|does"
"""Words that end what a customer gives and start what follows ("a reference can collect")."""
_GIVES = re.compile(
    r"\b(?:gives?|provides?|quotes?|sends?|shares?)\s+(?:us\s+)?(?:an?|the|their|your)\s+"
    r"(?P<thing>[a-z]+(?:\s+(?!(?:" + _VERBS + r")\b)[a-z]+)?)\b",
    re.I,
)
_TOOL = re.compile(r"`[^`]+`")
_BREAKS = ":;,"
_CLAUSE_ENDS = ":;.,"
_JOINER = re.compile(r"(?:and|but|so)\s+", re.I)
_HEAD_STEMS = 3


@dataclass(frozen=True)
class GivenEnough:
    """The old rule's head (before its colon), what it asked for (`thing`: "application
    reference") and the step now first, as a KB sentence (`step`)."""

    head: str
    thing: str
    step: str
    later: str
    """The step said after what it comes before ("We ask for … before we discuss …")."""

    def head_stems(self) -> set[str]:
        return {stem(word) for word in terms(self.head)}


def given_enough(facts: ChangeFacts) -> GivenEnough | None:
    """The step a changed sentence puts before an action the old sentence took for anyone who
    gave one thing, when the change's conversations lost that action; else None."""
    if not facts.before_actions or facts.moved:
        return None
    action_terms = {stem(word) for a in facts.before_actions for word in a.name.lower().split("_")}
    step = new_step(facts.rules, action_terms)
    if step is None:
        return None
    for rule in facts.rules:
        if not rule.old or not rule.new or rule.kind != "sentence_changed":
            continue
        if not any(name in rule.old for name in (f"`{a.name}`" for a in facts.before_actions)):
            continue
        head = _TOOL.sub("", rule.old.split(":", 1)[0])
        gives = _GIVES.search(head)
        if gives is None:
            continue
        return GivenEnough(head, gives.group("thing").lower(), step[0], step[1])
    return None


def _restates(case: GivenEnough, text: str) -> bool:
    return len(case.head_stems() & {stem(word) for word in terms(text)}) >= _HEAD_STEMS and bool(
        {stem(word) for word in terms(case.thing)} <= {stem(word) for word in terms(text)}
    )


def given_enough_marks(case: GivenEnough, item_units: Sequence[Unit], title: str) -> list[int]:
    """The indexes of units that restate the old offer or claim what it asked for is enough
    (the latter in an item naming what it asked for)."""
    whole = f"{title}\n" + "\n".join(unit.text for unit in item_units)
    names_thing = set(terms(case.thing)) <= set(terms(whole))
    marked = []
    for index, unit in enumerate(item_units):
        if unit.raw.lstrip().startswith(("#", "|")) or case.step in unit.text:
            continue
        if _restates(case, unit.text) or (names_thing and _ENOUGH.search(unit.text)):
            marked.append(index)
    return marked


def given_enough_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a step put before what the old rule did for anyone who
    gave one thing (`given_enough`): the step in the KB's voice."""
    case = given_enough(facts)
    if case is None:
        return None
    return (
        f"the old prompt asked only for {case.thing}; the new one first has a step, in the KB's "
        f"voice: “{case.step}”: text saying {case.thing} is all that is needed, or offering to "
        "act on it alone, says that step instead of the claim and keeps everything else"
    )


def given_enough_reason(case: GivenEnough) -> str:
    return f"{GIVEN_ENOUGH_REASON} “{case.step}”"


def with_step_said(case: GivenEnough, raw: str) -> str | None:
    """`raw` without its claim that what it asks is enough (the claim's clause), and the step
    beside what is left: after it, or in the claim's place when the claim opens it; every other
    byte kept. None for a question, whose mark a statement cannot keep."""
    marker = ITEM_LEAD.match(raw)
    lead = marker.group(0) if marker is not None else ""
    body = raw[len(lead) :].rstrip()
    trailing = raw[len(lead) + len(body) :]
    if body.endswith("?"):
        return None
    claim = _ENOUGH.search(body)
    if claim is None:
        # the offer said again: the step in brackets before its end, the offer's words kept
        kept = body.rstrip(".!?")
        aside = case.later[:1].lower() + case.later[1:].rstrip(".")
        return f"{lead}{kept} ({aside}).{trailing}"
    start = max(body.rfind(mark, 0, claim.start()) for mark in _BREAKS)
    ends = [i for i in (body.find(mark, claim.end()) for mark in _CLAUSE_ENDS) if i != -1]
    end = min(ends) if ends else len(body)
    before = body[:start].rstrip() if start > 0 else ""
    after = body[end + 1 :].strip() if end < len(body) else ""
    if (joined := _JOINER.match(after)) is not None:
        after = after[joined.end() :]
    rest = f" {after[:1].upper()}{after[1:]}" if after else ""
    if before:
        return f"{lead}{before}. {case.step}{rest}{trailing}"
    return f"{lead}{case.step}{rest}{trailing}"


def given_enough_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts say what the old rule asked for is enough:
    each says the step the new prompt puts first. None for any other change or item."""
    case = given_enough(facts)
    if case is None or not impact.conflicts:
        return None
    if not only_marked_for(impact.conflicts, GIVEN_ENOUGH_REASON):
        return None
    new_body = rewrite_marked(impact, lambda raw: with_step_said(case, raw))
    if new_body is None:
        return None, "Flagged for review: the new step cannot be said here."
    return new_body, (
        f"The new prompt puts a step first: “{case.step}” This {impact.item.kind} said "
        f"{case.thing} was enough; the edit says the step and keeps everything else."
    )
