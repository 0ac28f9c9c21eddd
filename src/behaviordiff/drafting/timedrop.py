"""A time promise the new prompt drops for everyone with nothing concrete in its place ("tell
them the refund reaches them within 5 working days" → "Don't promise a time for the refund:
it depends on their bank. Tell them we'll email them as soon as it's on its way"): what the
customer is told instead, read from the new prompt in the KB's voice (`time_instead`), and a
KB sentence with its time phrase taken out and that said in its place (`without_time`).

Pure text helpers: the template drafter rewrites the KB sentences and says the replacement in
the note; a sentence where the time phrase cannot be cut cleanly is left to be flagged.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

from behaviordiff.detect.quantities import count_words
from behaviordiff.drafting.facts import ChangeFacts, value_pattern
from behaviordiff.drafting.rules import rule_parts, to_you
from behaviordiff.drafting.text import kept_or_written

# a new prompt sentence that withholds a time: "Don't promise a time for the refund",
# "never give a date", "no longer quote a timescale"
_NO_TIME = re.compile(
    r"\b(?:don[’']t|do\s+not|never|no\s+longer|stop)\s+(?:promise|give|quote|commit\s+to|"
    r"state|mention)s?\s+(?:them\s+)?(?:a|any|an)\s+(?:specific\s+|exact\s+)?"
    r"(?:time|date|timescale|time\s*frame|deadline|turnaround|eta)\b",
    re.I,
)
# what the time now depends on: "it depends on the customer's bank", "depends on their insurer"
_DEPENDS = re.compile(
    r"\bdepends\s+on\s+(?:their|his\s+or\s+her|the\s+\w+[’']s|the)\s+(?P<what>[\w -]+?)"
    r"(?=\s*(?:[.,;:]|\band\b|$))",
    re.I,
)
# what the agent tells them the team will do: "we'll send them an email as soon as …"
_WE_WILL = re.compile(r"\bwe(?:[’']ll|\s+will)\s+(?P<rest>[^.;:]+)", re.I)


def time_instead(rules: Sequence[Any]) -> str:
    """What the new prompt tells customers in place of a time it no longer promises, in the
    KB's voice ("how long it takes depends on your bank, and we'll send you an email as soon
    as the refund is on its way"); "" when no new prompt sentence withholds a time."""
    news = [str(rule.new) for rule in rules if getattr(rule, "new", None)]
    if not any(_NO_TIME.search(new) for new in news):
        return ""
    depends = ""
    promised: list[str] = []
    for new in news:
        found = _DEPENDS.search(new)
        if found and not depends:
            depends = f"how long it takes depends on your {found.group('what').strip()}"
        for will in _WE_WILL.finditer(new):
            said = "we'll " + to_you(will.group("rest").strip())
            if said not in promised:
                promised.append(said)
    parts = [part for part in (depends, *promised[:1]) if part]
    return ", and ".join(parts)


def time_pattern(value: str) -> re.Pattern[str] | None:
    """A duration ("5 business days") as a KB writes it after "within", in figures or in words
    ("within five working days"), with what it counts from ("of the collection"); None for a
    value that is no count of a unit."""
    number, _, unit = value.partition(" ")
    if not number.isdigit() or not unit:
        return None
    said = re.escape(number)
    worded = count_words(int(number))
    if worded is not None:
        said = f"(?:{said}|{re.escape(worded)})"
    singular = re.escape(unit.removesuffix("s"))
    singular = re.sub(r"^(?:business|working)(?=\\ day$)", "(?:business|working)", singular)
    return re.compile(
        rf"(?<!\s)\s*\b(?:within|in)\s+{said}[\s-]{singular}s?\b"
        rf"(?P<from>\s+(?:of|after|from)\s+(?:(?:the|your)\s+)?(?!you\b)\w+)?",
        re.I,
    )


def without_time(sentence: str, pattern: re.Pattern[str], instead: str) -> str | None:
    """`sentence` with its one time phrase ("within 5 working days") cut out and `instead`
    said after it as a clause of its own; what it counted from stays ("of the collection" →
    "after the collection"). None when the sentence has no such phrase or more than one."""
    found = list(pattern.finditer(sentence))
    if len(found) != 1 or not instead:
        return None
    match = found[0]
    counted = match.group("from")
    kept = ""
    if counted:
        kept = " after " + counted.split(None, 1)[1].strip()
    body = sentence[: match.start()] + kept + sentence[match.end() :]
    body = re.sub(r"\s+,", ",", body)
    stripped = body.rstrip()
    end = len(stripped.rstrip(".!"))
    stop = stripped[end:] or "."
    said = _tail_said(instead, body)
    return f"{stripped[:end]}; {said}{stop}{body[len(stripped) :]}"


def headless_promise(facts: ChangeFacts) -> bool:
    """Whether a promise the change drops was stated by a changed or removed prompt sentence
    with no head of its own ("Tell the customer their refund reaches them within 5 working
    days."): the heads of the change's other rules ("If it hasn't been dispatched, …") then
    do not say all it is about, and its topic tags say the rest."""
    for rule in facts.rules:
        if rule.kind not in ("sentence_changed", "sentence_removed") or not rule.old:
            continue
        if rule_parts(rule.old) is not None:
            continue
        if any(value_pattern(p.value).search(rule.old) for p in facts.removed_promises):
            return True
    return False


def told_customers(instead: str) -> str:
    """What `time_instead` tells customers, said of them for a note ("how long it takes
    depends on their bank, and we'll send them an email …")."""
    text = re.sub(r"\byour\b", "their", instead)
    text = re.sub(r"\byou\s+(?=paid|bought|ordered|booked|used)", "they ", text)
    return re.sub(r"\byou\b", "them", text)


def _tail_said(instead: str, sentence: str) -> str:
    """`instead` without a last "to …" phrase the sentence already says ("… on its way to the
    card you paid with" in a sentence that names "the card you paid with")."""
    found = re.search(r"\s+to\s+(?P<what>(?:the|your)\s+[^,;]+)$", instead)
    if found and found.group("what").lower() in sentence.lower():
        return instead[: found.start()]
    return instead


def dropped_time(facts: ChangeFacts) -> tuple[str, re.Pattern[str], str] | None:
    """The time a change no longer promises, its shape in KB text (`time_pattern`) and what
    customers are told instead (`time_instead`); None when the change drops no such time or
    the new prompt still states it."""
    instead = time_instead(facts.rules)
    if not instead:
        return None
    for promise in facts.removed_promises:
        shape = time_pattern(promise.value) if promise.kind == "duration" else None
        if shape is None or any(
            value_pattern(promise.value).search(r.new or "") for r in facts.rules
        ):
            continue
        return promise.value, shape, instead
    return None


def time_fact(facts: ChangeFacts) -> str | None:
    """The dropped time said as a drafting model's fact: what the template writes from."""
    dropped = dropped_time(facts)
    if dropped is None:
        return None
    value, _, instead = dropped
    return (
        f"the new prompt no longer promises {value}; in the KB's voice customers are told "
        f"instead: “{instead}”: text stating that time for this topic takes the time out and "
        "says that in its place"
    )


def still_timed(
    facts: ChangeFacts,
    conflicts: Collection[str],
    old_body: str,
    new_body: str,
    body_format: str,
) -> list[str]:
    """The sentences of an edited body that still state the time the change no longer
    promises: a conflicting sentence (`conflicts`) kept as it was, or a sentence the edit
    wrote; a sentence the old body had that states the time on another topic is no such
    sentence."""
    dropped = dropped_time(facts)
    if dropped is None:
        return []
    _, shape, _ = dropped
    return [
        unit.text
        for unit in kept_or_written(conflicts, old_body, new_body, body_format)
        if shape.search(unit.text)
    ]
