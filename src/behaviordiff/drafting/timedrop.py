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
from behaviordiff.drafting.text import still_saying

# a new prompt sentence that withholds a time: "Don't promise a time for the refund",
# "never give a date", "no longer quote a timescale"
_NO_TIME = re.compile(
    r"\b(?:don[’']t|do\s+not|never|no\s+longer|stop)\s+(?:promise|give|quote|commit\s+to|"
    r"state|mention)s?\s+(?:them\s+)?(?:a|any|an)\s+(?:specific\s+|exact\s+)?"
    # what the time is of, in one or two words: "an arrival time", "a delivery date"
    r"(?:(?!(?:at|in|on|for|of|to|by|the|any|a|an)\b)[a-z-]+\s+){0,2}?"
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
        rf"(?<!\s)\s*\b(?:within|in(?:\s+(?:under|less\s+than|no\s+more\s+than))?|under)\s+"
        rf"{said}[\s-]{singular}s?\b"
        # the count glossed in figures ("two hours (2 hours)"), a bound said after it ("in two
        # hours or less")
        rf"(?:\s*\(\s*{said}(?:[\s-]{singular}s?)?\s*\))?"
        rf"(?:\s+(?:or\s+(?:less|sooner|fewer)|at\s+the\s+(?:latest|most)))?"
        rf"(?P<from>\s+(?:of|after|from)\s+(?:(?:the|your)\s+)?(?!you\b)\w+)?",
        re.I,
    )


def without_time(
    sentence: str, pattern: re.Pattern[str], instead: str, substitute: str = ""
) -> str | None:
    """`sentence` with its one time phrase ("within 5 working days") cut out and `instead`
    said after it as a clause of its own; what it counted from stays ("of the collection" →
    "after the collection"). With a `substitute` (`time_substitute`, what the new prompt says
    where the time was: "as soon as one is free"), the phrase is replaced by it rather than
    cut; a table row takes the substitute alone, in its cell. None when the sentence has no
    such phrase or more than one, or is a table row with no substitute."""
    found = list(pattern.finditer(sentence))
    row = sentence.lstrip().startswith("|")
    if len(found) != 1 or not (instead or substitute) or (row and not substitute):
        return None
    match = found[0]
    counted = match.group("from")
    kept = ""
    if counted:
        kept = " after " + counted.split(None, 1)[1].strip()
    put = ""
    if substitute:
        said = match.group(0)
        lead = said[: len(said) - len(said.lstrip())]
        first = said.lstrip()[:1]
        put = lead + (substitute[:1].upper() + substitute[1:] if first.isupper() else substitute)
    body = sentence[: match.start()] + put + kept + sentence[match.end() :]
    body = re.sub(r"\s+,", ",", body)
    if row or not instead:
        return body
    stripped = body.rstrip()
    end = len(stripped.rstrip(".!"))
    stop = stripped[end:] or "."
    said = _tail_said(instead, body)
    return f"{stripped[:end]}; {said}{stop}{body[len(stripped) :]}"


_WORD = re.compile(r"[\w’']+")


def time_substitute(rules: Sequence[Any], value: str) -> str:
    """What the new prompt says where its old sentence gave the time `value`, in the same
    words around it ("… will be with them within 2 hours, day or night." → "… will be with
    them as soon as one is free, day or night, and …": "as soon as one is free"), said to
    the customer; "" when no new sentence keeps the old one's words before and after the
    time, or what stands there is long, a tool call or another time."""
    shape = time_pattern(value)
    if shape is None:
        return ""
    for rule in rules:
        old = str(getattr(rule, "old", None) or "")
        found = list(shape.finditer(old))
        if len(found) != 1:
            continue
        before = _WORD.findall(old[: found[0].start()].lower())[-6:]
        after = _WORD.findall(old[found[0].end() :].lower())[:3]
        if len(before) < 3 or not after:
            continue
        for other in rules:
            new = str(getattr(other, "new", None) or "")
            if getattr(other, "section", None) != getattr(rule, "section", None):
                continue
            said = _between(new, before, after)
            if said and not shape.search(said) and not re.search(r"[`{}\d]", said):
                return to_you(said)
    return ""


def _between(text: str, before: list[str], after: list[str]) -> str:
    """The words of `text` between its run of the words `before` (ending there) and the
    first run of the words `after` past it; "" when either run is missing or the words
    between are none or more than eight."""
    words = list(_WORD.finditer(text))
    lowered = [word.group(0).lower() for word in words]
    for start in range(len(lowered) - len(before) + 1):
        if lowered[start : start + len(before)] != before:
            continue
        begin = start + len(before)
        for end in range(begin + 1, min(len(lowered) - len(after), begin + 8) + 1):
            if lowered[end : end + len(after)] == after:
                said = text[words[begin].start() : words[end - 1].end()]
                return said.strip(" ,;:")
    return ""


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
    substitute = time_substitute(facts.rules, value)
    where = (
        f"; where the time was, the new prompt says “{substitute}”: text stating that time "
        "for this topic says that in its place, and the rest after it"
        if substitute
        else ": text stating that time for this topic takes the time out and says that in its place"
    )
    return (
        f"the new prompt no longer promises {value}; in the KB's voice customers are told "
        f"instead: “{instead}”{where}"
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
    return still_saying(
        lambda unit: shape.search(unit.text),
        conflicts,
        old_body,
        new_body,
        body_format,
    )
