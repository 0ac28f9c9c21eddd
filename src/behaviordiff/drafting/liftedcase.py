"""An exclusion lifted for one case: the old prompt refused the action for a case named by the
change's condition ("Items with a name label ironed or sewn in can't be exchanged") and the new
prompt grants it there ("… can be exchanged too, within the same 30 days: book it …"), the
condition naming the case (`labelled = true`). The old and new prompt sentences share the
case's words, so an alignment with the old prompt alone cannot tell a KB sentence stating the
exclusion from one stating the grant.

A KB states the exclusion two ways beside a "we can't" sentence: the case negated as one of a
list of conditions ("As long as it's unworn, unwashed and hasn't had a name label put in, …",
a row cell "Within 30 days, unworn, unwashed and not name-labelled") and a list item naming the
case under a heading that refuses ("## What can't you exchange?" over "- Anything with a name
label ironed or sewn in"). Both are on the changed rule's topic (its section's words or the
refused verb, in the sentence, its heading, its row or the item's title). The edit takes the
negated condition out of its list ("unworn and unwashed") and the list item out with its line;
everything else is kept byte for byte. The same words said of another thing (name labels sold
as a product, "before you put the name labels in") are no negation of the case and stay.

Pure text helpers: `impact` marks the sentences (`lifted_case_conflicts`), the template drafter
rewrites them (`lifted_case_edit`), and a drafting model gets the same fact (`lifted_case_fact`)
and check (`still_excepted`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.dropped import GONE, GONE_LINE, renumbered, whole_line
from behaviordiff.drafting.impactview import ImpactView, with_marks
from behaviordiff.drafting.subsets import list_item_text
from behaviordiff.drafting.text import (
    Unit,
    edit_body,
    plain_text,
    quoted,
    replace_units,
    stem,
    terms,
    units,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

NEGATED_REASON = "excludes as a condition a case the new prompt now grants"
LISTED_REASON = "lists as excluded a case the new prompt now grants"

_MAX = 4000
_DENY = re.compile(
    r"\b(?:can[’']?t|cannot|can\s+not|won[’']?t|isn[’']?t|aren[’']?t|not\s+(?:be\s+)?"
    r"(?:eligible|accepted|allowed)|never)\b",
    re.I,
)
_DENIED_VERB = re.compile(
    r"\b(?:can[’']?t|cannot|can\s+not|won[’']?t)\s+(?:be\s+)?(?P<verb>[a-z]{3,20})", re.I
)
_NEGATION = (
    r"\b(?:not|no|non|without|never|hasn[’']t|haven[’']t|hadn[’']t|isn[’']t|aren[’']t|"
    r"has\s+not|have\s+not)\b"
)
_HEADING_DENIES = re.compile(
    r"\b(?:can[’']?t|cannot|can\s+not|won[’']?t|not|excluded|exclusions|exceptions)\b", re.I
)
# a member's separator before it in a list of conditions: ", ", " and ", ", and ", " or "
_SEPARATOR = re.compile(r"(?:,\s+(?:and|or)\s+|\s+(?:and|or)\s+|,\s+)")
_CLAUSE_END = re.compile(r"[,;:.!?|()]")
_GENERIC = frozenset(
    {"the", "item", "items", "anything", "thing", "things", "with", "can", "our", "your", "get"}
)


@dataclass(frozen=True)
class LiftedCase:
    """The case an exclusion was lifted for, read from the prompt's changed sentence."""

    words: frozenset[str]
    """The stems of the case's words the prompt names it with ("label")."""
    topic: frozenset[str]
    """The stems of the changed rule's topic (its section, the refused verb)."""
    old: str
    """The old prompt sentence refusing the case."""
    new: str
    """The new prompt sentence granting it."""

    def named(self, text: str) -> bool:
        return bool(_prefixes(self.words) & _prefixes(terms(text)))

    def on_topic(self, text: str) -> bool:
        return bool(_prefixes(self.topic) & _prefixes(terms(text)))


def _prefixes(words: Iterable[str]) -> set[str]:
    """Words as their stems' first five letters: "exchange" and "exchanged" are one."""
    return {stem(word.lower())[:5] for word in words}


def _lead(sentence: str) -> str:
    """A prompt sentence's rule before what the agent is told to do ("…: book it …")."""
    return re.split(r"[:;]", sentence, maxsplit=1)[0]


@once_per_change
def lifted_case(facts: ChangeFacts) -> LiftedCase | None:
    """The case a change lifts an exclusion for, or None: the change is for some customers,
    its condition names a case in words ("labelled" of `labelled = true`) that a changed
    prompt sentence names on both sides, refusing on the old side and not on the new."""
    from behaviordiff.drafting.promptrule import _negated_words, condition_words

    if not facts.restricted:
        return None
    wanted = condition_words(facts) - _negated_words(facts)
    if not wanted:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old, new = _lead(rule.old), _lead(rule.new)
        old_stems = {stem(w) for w in terms(old)}
        new_stems = {stem(w) for w in terms(new)}
        # the case's words, as the prompt stems them ("label" of "labelled", "a name label")
        case = {w for w in old_stems & new_stems if any(w[:4] == c[:4] for c in wanted)}
        if not case or not _DENY.search(old) or _DENY.search(new):
            continue
        verb = _DENIED_VERB.search(old)
        topic = {stem(w) for w in terms(rule.section or "")}
        if verb is not None:
            topic.add(stem(verb.group("verb").lower()))
        topic = {w for w in topic if len(w) > 2} - case - _GENERIC
        if not topic:
            continue
        return LiftedCase(frozenset(case), frozenset(topic), rule.old, rule.new)
    return None


def _negated_case(lifted: LiftedCase) -> re.Pattern[str]:
    words = "|".join(sorted(re.escape(w) for w in lifted.words))
    return re.compile(rf"{_NEGATION}(?:[\s-]+[\w’']+){{0,4}}?[\s-]+(?:{words})[\w’'-]*", re.I)


_LEAD_WORDS = re.compile(r"(?:[\w’']+\s+){0,2}")
"""Words of a member before its negation ("has" of "has no custom paint")."""
_TAIL = re.compile(
    r"(?:\s+(?!(?:and|or|but|can|will|is|are|may|must|we|you|it|they)\b)[a-z][\w’'-]*){0,2}"
    r"(?=\s*(?:[,;:.!?|()]|\s(?:and|or)\s|$))"
)
"""A member's words after the case, up to the end of the list ("put in" of "hasn't had a name
label put in,"); no match when the sentence goes on with its verb ("… can stay with us")."""
_NEXT_MEMBER = re.compile(r",\s+(?!(?:we|you|i|they|it|so|but|then)\b)[a-z]|\s+(?:and|or)\s+[a-z]")


def _without_member(lifted: LiftedCase, text: str) -> str | None:
    """`text` with the condition negating the case taken out of its list ("unworn, unwashed
    and hasn't had a name label put in" → "unworn and unwashed"); None when the case is not
    negated as a member of a list of conditions."""
    found = _negated_case(lifted).search(text[:_MAX])
    if found is None:
        return None
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, found.start()) if m.group() != ","]
    clause_start = max(ends, default=0)
    seps = list(_SEPARATOR.finditer(text, clause_start, found.start()))
    if not seps:
        return None
    before = seps[-1]
    if _LEAD_WORDS.fullmatch(text, before.end(), found.start()) is None:
        return None
    tail = _TAIL.match(text, found.end())
    member_end = tail.end() if tail is not None else found.end()
    joining = before.group().strip(", ")
    if _NEXT_MEMBER.match(text, member_end):
        # a middle member ("unridden, boxed, has no custom paint and comes with …"): it goes
        # with the comma before it
        return text[: before.start()] + text[member_end:] if not joining else None
    if not joining:
        return text[: before.start()] + text[member_end:]
    # the last member goes: the comma before the one before it joins the rest
    earlier = list(_SEPARATOR.finditer(text, clause_start, before.start()))
    if not earlier or earlier[-1].group().strip() != ",":
        return None  # two members: the other alone is left, no list
    last = earlier[-1]
    kept = text[last.end() : before.start()]
    return f"{text[: last.start()]} {joining} {kept}{text[member_end:]}"


def _marks(
    lifted: LiftedCase, text: str, item_units: Sequence[Unit], title: str | None
) -> dict[int, str]:
    """The units excluding the case, on the changed rule's topic (in the unit, its heading or
    the item's title; `title` None: an item already known to be on it)."""
    marked: dict[int, str] = {}
    listed_units = list(item_units)
    heading = ""  # the nearest heading above, kept as the units go (one pass)
    for index, unit in enumerate(item_units):
        said = unit.text
        if said.startswith("#"):
            heading = said
            continue
        if len(said) > _MAX or not lifted.named(said):
            continue
        if title is not None and not lifted.on_topic(f"{said} {heading} {title}"):
            continue
        listed = list_item_text(text, listed_units, index)
        if (
            listed is not None
            and not said.startswith("|")
            and _HEADING_DENIES.search(heading.replace("’", "'"))
            and (title is None or lifted.on_topic(heading))
            and not _negated_case(lifted).search(listed)
            and not _DENY.search(listed)
        ):
            marked[index] = LISTED_REASON
        elif _without_member(lifted, said) is not None:
            marked[index] = NEGATED_REASON
    return marked


def lifted_case_conflicts(
    facts: ChangeFacts,
    text: str,
    item_units: list[Any],
    found: list[Any],
    make: Callable[..., Any],
    title: str = "",
) -> list[Any]:
    """`found` with the units excluding the case an exclusion was lifted for marked."""
    lifted = lifted_case(facts)
    if lifted is None:
        return found
    return with_marks(found, _marks(lifted, text, item_units, title), item_units, make)


def lifted_case_text(lifted: LiftedCase, text: str, title: str = "") -> str:
    """`text` with each condition negating the case out of its list and each list item naming
    it under a refusing heading out with its line."""
    item_units = units(text)
    marks = _marks(lifted, text, item_units, title)
    changes: dict[int, str] = {}
    deleted: list[int] = []
    for index, reason in marks.items():
        unit = item_units[index]
        if reason == LISTED_REASON and whole_line(text, unit):
            changes[index] = GONE
            deleted.append(index)
        elif reason == NEGATED_REASON:
            changed = _without_member(lifted, unit.raw)
            if changed is not None:
                changes[index] = changed
    if not changes:
        return text
    renumbered(text, item_units, changes, deleted)
    edited = replace_units(text, changes, item_units)
    return GONE_LINE.sub("", edited).replace(GONE, "")


def still_excepted(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still exclude the case the new prompt grants (the
    body of an item marked on the changed rule's topic)."""
    lifted = lifted_case(facts)
    if lifted is None:
        return []
    text = plain_text(body, body_format)
    found = units(text)
    return [found[index].text for index in _marks(lifted, text, found, None)]


def lifted_case_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item's body with the lifted case out of its exclusions; (None, why) when no safe
    rewrite exists; None when the change lifts no exclusion or the item states none."""
    lifted = lifted_case(facts)
    if lifted is None:
        return None
    marked = any(
        reason in (NEGATED_REASON, LISTED_REASON)
        for conflict in impact.conflicts
        for reason in conflict.reasons
    )
    if not marked:
        return None
    noun = impact.item.kind
    title = impact.item.title
    why = (
        f"The new prompt grants what the old one refused for this case: it said "
        f"{quoted(lifted.old)} and now says {quoted(lifted.new)}"
    )
    body, body_format = impact.item.body, impact.item.body_format
    new_body = edit_body(body, body_format, lambda text: lifted_case_text(lifted, text, title))
    if new_body == body or still_excepted(facts, new_body, body_format):
        return None, f"Flagged for review: {why}. No safe rewrite of this {noun}'s exclusion."
    return new_body, (
        f"{why}. The edit takes the case out of the {noun}'s exclusions (a condition it had to "
        "meet, a list item under what is excluded) and keeps everything else, the other "
        "conditions included."
    )


def lifted_case_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of an exclusion lifted for one case."""
    lifted = lifted_case(facts)
    if lifted is None:
        return None
    return (
        f"the old prompt refused a case ({quoted(lifted.old)}); the new prompt grants it "
        f"({quoted(lifted.new)}). A condition excluding the case from a list of conditions "
        "(\u201cand hasn't had …\u201d, \u201cnot …\u201d) comes out of that list, and a list item "
        "naming the case under a heading of what is excluded goes; the other conditions and "
        "list items stay as they are"
    )
