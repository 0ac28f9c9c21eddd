"""What the new prompt does when a step it puts first fails: "Before you discuss an existing
application, … check them with `verify_caller` …" is followed in its section by "If they don't
match, or the caller won't give them, say you can't discuss the application and offer a call
from their adviser instead." A note on the step says who is now refused; the customers it
refuses get that sentence's way instead (a call back, a visit), which no value of the replies
names. `failed_step_rule` finds it: after the step's sentence in the same section of the new
prompt, the first sentence opening on a condition that is negated ("If they don't …", "If the
customer can't …") said of the step: with a pronoun for what it checks ("If it doesn't
match") or sharing a word with it; else the sentence right after the step, when it opens so.
"When there's no stock" two sentences on is another rule. `failed_way_fact` tells a drafting
model that way and `failed_way_missing` holds its note to it. Read from the sentence's
structure alone: no word of any domain is known.
"""

from __future__ import annotations

import re

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.text import terms

_FAILED = re.compile(
    r"^(?:if|when|where)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:don't|doesn't|didn't|do not|does not|can't|cannot|won't|will not|isn't|aren't|"
    r"fails?|no)\b[^.]*$",
    re.I,
)
_FIRST_CLAUSE = re.compile(r"^[^,;:]*")
_BACK = re.compile(
    r"^(?:if|when|where)\s+(?:it|they|he|she|this|that|these|those|either|neither|any)\b", re.I
)
"""A condition whose subject points back at what the step checks ("If it doesn't match")."""
_FRAME = frozenset(
    terms("if when where don't doesn't didn't not can't cannot won't isn't aren't fail fails no")
)
"""The words of the condition's frame, which say nothing of what it is about."""
_MAX_WORDS = 45


def _negated_head(line: str) -> str | None:
    """The first clause of `line` when it opens on a negated condition, else None."""
    clause = _FIRST_CLAUSE.match(line)
    head = clause.group(0) if clause is not None else line
    return head if len(line.split()) <= _MAX_WORDS and _FAILED.match(head) else None


def failed_step_rule(facts: ChangeFacts, step_sentence: str) -> str | None:
    """The new prompt's sentence for customers a step (`step_sentence`, a rule's new text)
    fails: after it in its section, opening on a negated condition; None when there is none or
    no conversation of the change is now refused."""
    if not any((s.facet, s.direction) == ("refusal", "added") for s in facts.shifts):
        return None
    for lines in facts.prompt_sections.values():
        flat = [" ".join(line.split()) for line in lines]
        wanted = " ".join(step_sentence.split())
        if wanted not in flat:
            continue
        step_terms = set(terms(wanted)) - _FRAME
        after = flat[flat.index(wanted) + 1 :]
        for line in after:
            head = _negated_head(line)
            if head is not None and (_BACK.match(head) or (set(terms(head)) - _FRAME) & step_terms):
                return line
        # no condition said of the step: the one right after it still is
        return after[0] if after and _negated_head(after[0]) is not None else None
    return None


_WAY_SHARE = 1 / 4
"""The share of the failed way's own words a note saying it in other words holds (the way's
words are few beside the condition's: "…, offer a call from the pharmacist instead")."""


def failed_way(facts: ChangeFacts) -> tuple[str, str] | None:
    """The first changed rule's step and the new prompt's sentence for those it fails."""
    for rule in facts.rules:
        if rule.new and (said := failed_step_rule(facts, rule.new)) is not None:
            return rule.new, said
    return None


def failed_way_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of those a new step turns away (`failed_step_rule`)."""
    found = failed_way(facts)
    if found is None:
        return None
    return f"when the new step fails, the new prompt says “{found[1]}”: the note says that way"


def failed_way_missing(facts: ChangeFacts, text: str, template_text: str) -> list[str]:
    """The failed way the template's note quotes and a model's note leaves out: not a quarter of
    its own words (those neither its step nor its opening condition says) are there."""
    found = failed_way(facts)
    if found is None or " ".join(found[1].split()) not in " ".join(template_text.split()):
        return []
    head = _negated_head(found[1]) or ""
    own = set(terms(found[1])) - set(terms(found[0])) - set(terms(head)) - _FRAME
    if not own or len(own & set(terms(text))) >= _WAY_SHARE * len(own):
        return []
    return [
        f"the note does not say what the new prompt does when the new step fails (“{found[1]}”; "
        "the draft note states it): say it"
    ]
