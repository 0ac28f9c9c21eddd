"""An ordering or equal-treatment claim the change broke by giving one group priority.

A KB states "everyone is dealt with in turn" in shapes that carry no number or yes/no next to
the topic word: "Our engineers answer all enquiries in order", "we deal with every enquiry in
turn, so nobody jumps the queue", "bookings are first come, first served", "patients are seen
in the order they arrive". When the old prompt said such a claim for everyone and the new one
gives a group priority (the group's own sentence says it skips, jumps or goes ahead of the
queue, or gets a priority callback) while keeping the claim for the rest ("All other fault
reports … are answered in order"), each such KB sentence is now wrong for the group and still
right for everyone else.

Read from the change's facts only:

* `priority_shift`: the old prompt sentence with the ordering claim (a rule's old side), the
  new prompt sentence keeping it for the others (it names "other", "else", "rest" or
  "remaining"), and the group's passage (a rule's new side saying priority, no claim).
* `order_conflicts` (a finder): a unit saying an ordering claim, about what the old claim was
  about (a content word of the old or kept claim other than the ordering words themselves: a
  queue of parcels is another topic when only callbacks changed), not already naming an
  exception, a priority or the others.
* `order_edit` (the writer): the group's rule said once, as a sentence of its own right
  before the first claim ("Vulnerable customers who report a fault skip the queue: an
  engineer will phone them within 2 hours."), in the KB's voice (the prompt's lead clause, and
  what the customer is told in the prompt's "tell them …"), and each claim narrowed to the
  others in its own words ("all enquiries" → "all other enquiries", "every enquiry" → "every
  other enquiry", "nobody jumps" → "nobody else jumps", a plural subject → "All other …"),
  its wait for the others kept byte for byte. A claim it cannot narrow (a table row, one with
  placeholders in a shape it does not know, no quantifier and no plural subject) is flagged
  with the reason, never rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from behaviordiff.detect.quantities import quantity_matches
from behaviordiff.drafting.answers import yes_no_head
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.promptrule import customer_noun, voiced
from behaviordiff.drafting.rules import where_stated
from behaviordiff.drafting.text import Unit, edit_body, flat, replace_units, terms, units
from behaviordiff.drafting.valuerelation import relation_after, same_relation

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts
    from behaviordiff.drafting.impactview import ImpactView

ORDER_REASON = "an ordering claim for everyone that a group's priority breaks"

_MAX = 600
"""The most of one sentence read (prompt sentences and KB units are short)."""
_CLAIM = re.compile(
    r"\bin (?:the )?order\b(?! to\b)|\bin turn\b|\bin sequence\b|\bone (?:at a time|by one|"
    r"after (?:another|the other))\b|\bfirst[- ]come,? first[- ]served\b|"
    r"\b(?:nobody|no one|no-one|never)\s+(?:can\s+|gets? to\s+)?(?:jumps?|skips?|"
    r"queue[- ]jumps?)\b|\b(?:join|joins|wait in|waits in|added to|go into|goes into)\s+"
    r"(?:the|our|a|their)\s+(?:[a-z']+\s+)?(?:queue|line)\b|\b(?:wait|waits) (?:their|your|its) "
    r"turn\b|\b(?:the )?same (?:priority|queue)\b|\bno(?:body| one)? gets? priority\b|"
    r"\bas (?:they|it) (?:comes?|arrives?) in\b",
    re.I,
)
"""An ordering or equal-treatment claim ("in order", "in turn", "nobody jumps the queue")."""
_PRIORITY = re.compile(
    r"\b(?:skips?|jumps?|bypass(?:es)?)\s+(?:the\s+)?(?:queue|line|wait)\b|\bahead of\b|"
    r"\bpriority\b|\bfast[- ]?track|\bfront of the (?:queue|line)\b|\bfirst in (?:the )?"
    r"(?:queue|line)\b|\burgent(?:ly)?\b|\b(?:go|goes|are|is|get|gets)\s+(?:seen\s+|served\s+|"
    r"answered\s+|called\s+|dealt with\s+|handled\s+)?first\b|\bbefore (?:anyone|everyone)\b",
    re.I,
)
"""What a group's rule says to give it priority."""
_NOT_PRIORITY = re.compile(
    r"\b(?:nobody|no one|no-one|never|not|don['’]t)\s+(?:\w+\s+){0,2}"
    r"(?:skips?|jumps?|priority)\b",
    re.I,
)
_OTHERS = re.compile(
    r"\b(?:other|others|otherwise|else|rest|remaining|as (?:before|usual)|non-\w+)\b", re.I
)
"""A sentence keeping a rule for the others ("All other fault reports …")."""
_EXCEPTED = re.compile(
    r"\b(?:other|others|else|except|unless|apart from|priority|urgent|ahead of|skip|"
    r"fast[- ]?track)\b",
    re.I,
)
"""A KB claim already saying an exception: nothing to narrow."""
_ORDER_WORDS = frozenset(
    terms(
        "order orders turn turns queue queues line lines sequence first come served serve "
        "wait waits every all each everyone everybody nobody customer customers join joins "
        "answer answered other one time times after another sequence jump jumps skip skips arrive "
        "arrives arrival"
    )
)
"""Words every ordering claim says: no subject of its own."""
_NO_SUBJECT = frozenset(
    terms(
        "a an the of to in on at by for from with within up no not more than less than most "
        "least about and or so it its it's we our you your they them their us is are be been "
        "will can may must get gets got deal deals dealt handle handles handled process "
        "processes processed treat treats treated see sees seen work works worked through "
        "reach reaches reached come comes came go goes went "
        "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
        "forty fifty sixty hundred half second seconds minute minutes hour hours day days "
        "working business week weeks weekday weekdays weekend weekends month months year years "
        "morning mornings afternoon afternoons evening evenings night nights today tomorrow "
        "monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays "
        "saturday saturdays sunday sundays time times usually normally always"
    )
)
"""Words that say no subject: how long, when, how a queue is worked through ("dealt with",
"within ten working days"): two queues sharing only these are two queues."""
_TIME_NOUN = frozenset(
    terms(
        "morning afternoon evening night day days weekday weekend week month year hour "
        "minute season shift monday tuesday wednesday thursday friday saturday sunday time"
    )
)
"""A quantifier before one of these quantifies when, not who ("every morning")."""
_ADVERBIAL = frozenset(
    {"at", "in", "on", "across", "during", "throughout", "from", "within", "over", "into"}
)
"""A quantifier after one of these says where or when ("at every branch")."""
_CLAUSE_BREAK = re.compile(r"[,;:\u2014\u2013]|\s-\s")
_PAREN = re.compile(r"\s*\([^()]*\)")
_CODE = re.compile(r"`[^`]*`")
_TOLD = re.compile(
    r"\b(?:tell|let)\s+(?:them|the (?:customer|caller|member|patient|client|guest)s?|"
    r"customers?)\s+(?:know\s+)?(?:that\s+)?(?P<told>[^.;]{8,300})",
    re.I,
)
_LEAD_OFF = re.compile(r"^(?:if|when|where|for|once|after|before|as)\b", re.I)
_QUANTIFIER = re.compile(r"\b(all|every)\s+(?!other\b|else\b|one\b|day\b|time\b)(?=[a-z])", re.I)
_EVERYONE = re.compile(r"\b(everyone|everybody|nobody|no one|no-one)\b(?!\s+else)", re.I)
_OPENER = re.compile(
    r"^(?:we|our|you|your|the|this|these|those|it|they|there|a|an|all|every|each|please|"
    r"if|when|as|once|in|on|at|for|no|yes)\b",
    re.I,
)
_PLURAL_SUBJECT = re.compile(
    r"^(?P<subject>(?:[A-Z][a-z]+)(?:\s+[a-z]+){0,2}s)\s+(?:are|get|go|join|"
    r"wait|will|can|must|have)\b"
)


@dataclass(frozen=True)
class PriorityShift:
    """A claim the old prompt made for everyone (`old_claim`), the new prompt's sentence
    keeping it for the others (`kept`), and the group's passage (`group`)."""

    old_claim: str
    kept: str
    group: str
    rest_values: tuple[str, ...] = ()
    """The values the others keep (`kept` and the sentence after it: "2 working days")."""
    rest_said: str = ""
    """The sentences saying `rest_values` (`kept` and the one after it)."""


@once_per_change
def priority_shift(facts: ChangeFacts) -> PriorityShift | None:
    """The ordering claim a change for a group broke, read from its prompt sentences; None when
    the change is not one (no condition, no new passage saying the group's priority, no claim
    the old prompt made for everyone, or none it keeps for the others). The claim is a changed
    sentence's old side with a sentence of the new prompt keeping it for the others ("All other
    fault reports … in order"), or a sentence both prompts say for everyone that the group's
    new passage now contradicts ("Every enquiry is answered in turn." beside an added "Members
    skip the queue: …"), about what the passage is about."""
    if not facts.restricted:
        return None
    news = [flat(rule.new)[:_MAX] for rule in facts.rules if rule.new]
    group = [
        text
        for text in news
        if _PRIORITY.search(text)
        and not _NOT_PRIORITY.search(text)
        and not _OTHERS.search(text.split(":")[0])
        and not _CLAIM.search(_PRIORITY.sub(" ", text))
    ]
    if not group:
        return None
    said = [flat(text)[:_MAX] for text in facts.new_prompt_sentences]
    olds = [flat(rule.old)[:_MAX] for rule in facts.rules if rule.old]
    claims = [text for text in olds if _CLAIM.search(text)]
    if claims:
        kept = [text for text in said if _CLAIM.search(text) and _OTHERS.search(text)]
        if not kept:
            return None
        values, rest = _rest_values(said, kept[0], group)
        return PriorityShift(claims[0], kept[0], group[0], values, rest)
    about = _unclaimed(_PRIORITY.sub(" ", group[0]))
    unchanged = [
        text
        for text in said
        if text not in news
        and _CLAIM.search(text)
        and not _OTHERS.search(text)
        and not _PRIORITY.search(text)
        and _unclaimed(text) & about
    ]
    if not unchanged:
        return None
    values, rest = _rest_values(said, unchanged[0], group)
    return PriorityShift(unchanged[0], unchanged[0], group[0], values, rest)


def _rest_values(said: list[str], kept: str, group: list[str]) -> tuple[tuple[str, ...], str]:
    """The quantities the sentence keeping the claim for the others and the one right after
    it say ("within 2 working days"), none the group's passage says; and those sentences."""
    at = said.index(kept)
    texts = [kept] + [
        text for text in said[at + 1 : at + 2] if text not in group and not _PRIORITY.search(text)
    ]
    told = " ".join(group)
    values = tuple(
        dict.fromkeys(
            found.group(0)
            for text in texts
            for found in quantity_matches(text)
            if not where_stated(found.group(0), told)
        )
    )
    return values, " ".join(texts)


def _unclaimed(text: str) -> set[str]:
    """The content words of `text` but the words ordering claims are said in ("one at a
    time", "in turn", "the queue": no subject; a word inside a claim, "the engineers' queue",
    is one), its amounts and the words saying when or how long ("within ten working days":
    another queue may wait as long)."""
    for found in reversed(list(quantity_matches(text))):
        text = text[: found.start()] + " " + text[found.end() :]
    return set(terms(text)) - _ORDER_WORDS - _NO_SUBJECT


@lru_cache(maxsize=64)
def _subject_words(shift: PriorityShift) -> frozenset[str]:
    """What the old claim was about: the words of it and of the kept claim, read once."""
    return frozenset(_unclaimed(shift.old_claim) | _unclaimed(shift.kept))


@lru_cache(maxsize=4096)
def claims_order(shift: PriorityShift, text: str) -> bool:
    """Whether a KB unit says the ordering claim for everyone, about what the old claim was
    about, with no exception yet."""
    text = flat(text)[:_MAX]
    if not _CLAIM.search(text) or _EXCEPTED.search(text) or text.rstrip().endswith("?"):
        return False
    return bool(_unclaimed(text) & _subject_words(shift))


_ASKED = re.compile(r"\?[\s*_]*$")


@lru_cache(maxsize=4096)
def answers_rest(shift: PriorityShift, question: str, answer: str) -> bool:
    """Whether an answer says the others' value for everyone right under a question about
    what the change is about ("When will someone call me?" answered "Within two working
    days." when a group is now called within 2 hours): no claim of its own, no exception."""
    answer = flat(answer)[:_MAX]
    question = flat(question)[:_MAX]
    if not shift.rest_values or not _ASKED.search(question) or _EXCEPTED.search(answer):
        return False
    if _CLAIM.search(answer) or not any(
        _counted_alike(value, answer, shift.rest_said) for value in shift.rest_values
    ):
        return False
    # the question names what the old claim or the others' rule is about ("my fault"), not
    # only what the group's passage says: a servicing question sharing "engineer" with the
    # group's callback is about another rule
    about = _subject_words(shift) | _unclaimed(shift.rest_said)
    return bool(_unclaimed(question) & about)


def _counted_alike(value: str, answer: str, rule: str) -> bool:
    """Whether `answer` states `value` counted as the rule's sentence counts it: "within 2
    working days of your booking" or "2 working days' notice" is another rule's amount."""
    said = where_stated(value, answer)
    if not said:
        return False
    ruled = where_stated(value, rule)
    counted = relation_after(rule, ruled[0].end()) if ruled else None
    return all(same_relation(relation_after(answer, found.end()), counted) for found in said)


def _stating(shift: PriorityShift, item_units: Sequence[Unit], at: int) -> bool:
    """Whether the unit at `at` says the claim, or the others' value under a question."""
    text = item_units[at].text
    if claims_order(shift, text):
        return True
    return at > 0 and answers_rest(shift, item_units[at - 1].text, text)


C = TypeVar("C")


def order_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    conflicts: list[C],
    make: Callable[[int, str, tuple[str, ...]], C],
    index_of: Callable[[C], int],
) -> list[C]:
    """`conflicts` with every unit saying the ordering claim the change broke that no finder
    marked."""
    shift = priority_shift(facts)
    if shift is None:
        return conflicts
    taken = {index_of(conflict) for conflict in conflicts}
    added = [
        make(at, unit.text, (ORDER_REASON,))
        for at, unit in enumerate(item_units)
        if at not in taken and _stating(shift, item_units, at)
    ]
    return conflicts + added if added else conflicts


def group_sentence(facts: ChangeFacts, shift: PriorityShift) -> str | None:
    """The group's rule as the KB would say it: the prompt's lead clause (its subject and what
    it now gets: "Vulnerable customers who report a fault skip the queue") and what the
    customer is told ("an engineer will phone them within 2 hours"); the prompt's own words
    made the KB's voice (`promptrule.voiced`) when its lead is a condition, not a subject."""
    text = _CODE.sub("", _PAREN.sub("", shift.group))
    text = " ".join(text.split())
    lead, colon, rest = text.partition(":")
    told = _TOLD.search(rest if colon else text)
    if colon and told and len(lead.split()) >= 3 and not _LEAD_OFF.match(lead):
        said = told.group("told").strip().rstrip(".,;")
        return f"{lead.strip()}: {said}."
    rule = voiced(shift.group, customer_noun(facts.new_prompt_sentences))
    if rule is None:
        return None
    sentence = rule.sentence.strip()
    return sentence if sentence.endswith((".", "!")) else sentence + "."


@lru_cache(maxsize=256)
def _named_in(body: str, word: str) -> bool:
    """Whether `body` writes `word` capitalised mid-sentence (read once per item and word)."""
    return re.search(rf"[a-z,;] {re.escape(word)}\b", body) is not None


def narrowed(text: str, kept: str = "", body: str = "") -> str | None:
    """A claim for everyone said for the others in its own words; None when no way to. A
    plural subject is narrowed ("Fault reports are …" → "All other fault reports are …") only
    when the prompt's sentence for the others names it (`kept`): "All other tables" would make
    a group of customers a group of tables; any other claim has the others named before it
    ("For everyone else, we see patients in the order they arrive"). `body`: the item's text,
    read for a first word it writes capitalised mid-sentence (a name, kept so)."""
    if _QUANTIFIER.search(text):
        at = _claims_quantifier(text)
        if at is None:
            # "Every morning, …", "At every branch, …", "We read every message, and deal with
            # them one at a time": an "every" of when, where or another clause; "every other
            # morning" would be false
            return None
        done = text[: at.end(1)] + " other " + text[at.end() :]
    else:
        done = text
    done = _EVERYONE.sub(lambda m: f"{m.group(1)} else", done, count=1)
    if done != text:
        return done
    found = _PLURAL_SUBJECT.match(text)
    if found and not _OPENER.match(text) and set(terms(found.group("subject"))) & set(terms(kept)):
        return "All other " + text[:1].lower() + text[1:]
    first = text.split(" ", 1)[0]
    if not first or not first[:1].isupper() or first[1:2].isupper():
        return None
    # the others named before the claim, its first word lower-cased unless the item writes it
    # capitalised mid-sentence (a name: "Greenfold answers …")
    if first == "I" or (body and _named_in(body, first)):
        return f"For everyone else, {text}"
    return f"For everyone else, {first[:1].lower()}{text[1:]}"


def _claims_quantifier(text: str) -> re.Match[str] | None:
    """The "all"/"every" the ordering claim is said of: the last one in the claim's own clause
    before it ("Our engineers answer all enquiries in order"), not one of time ("every
    weekday"), of place ("at every branch") or in another clause; None when there is none."""
    claim = _CLAIM.search(text)
    if claim is None:
        return None
    breaks = list(_CLAUSE_BREAK.finditer(text, 0, claim.start()))
    start = breaks[-1].end() if breaks else 0
    found = list(_QUANTIFIER.finditer(text, start, claim.start()))
    if not found:
        return None
    last = found[-1]
    noun = re.match(r"[A-Za-z'’-]+", text[last.end() :])
    if noun is None or set(terms(noun.group(0))) & _TIME_NOUN:
        return None
    before = text[max(0, last.start() - 40) : last.start()].split()
    if before and before[-1].lower() in _ADVERBIAL:
        return None
    return last


def order_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item with the group's rule said before the first claim and each claim narrowed to
    the others; None when the item says no claim the change broke; (None, why) when one cannot
    be said."""
    shift = priority_shift(facts)
    if shift is None:
        return None
    item = impact.item
    marked = {c.sentence for c in impact.conflicts}
    every = list(impact.units)
    stating = {unit.text for at, unit in enumerate(every) if _stating(shift, every, at)}
    if not marked & stating:
        return None
    if not marked <= stating:
        # another conflict of the item (a wait value, a step of the group's): the class rules
        # write or flag the item whole, never an edit that says the ordering claims alone
        return None
    group = group_sentence(facts, shift)
    if group is None:
        return None, (
            "Flagged for review: this item says everyone is dealt with in turn, and the new "
            f"prompt gives a group priority (\u201c{shift.group}\u201d) in no words a customer "
            "is told."
        )
    blocked: list[str] = []
    told: list[str] = []
    state = {"said": False}

    def edit(text: str) -> str:
        text_units = units(text)
        changes: dict[int, str] = {}
        for at, unit in enumerate(text_units):
            if unit.text not in marked or not _stating(shift, text_units, at):
                continue
            raw = unit.raw
            if raw.lstrip().startswith(("|", "#")):
                blocked.append(f"\u201c{unit.text}\u201d is a table row or heading")
                continue
            before = text_units[at - 1] if at else None
            if yes_no_head(unit.text) is not None or (
                before is not None
                and yes_no_head(before.text) is not None
                and len(before.text.split()) <= 2
                and "\n\n" not in text[before.end : unit.start]
            ):
                # "No. Everyone is seen in turn." under "Can I be seen sooner?": the no is
                # wrong for the group and right for the rest; no one answer says both
                blocked.append(f"\u201c{unit.text}\u201d answers with a yes or no")
                continue
            body = " ".join(raw.split()) if "\n" in raw else raw
            body = re.sub(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", "", body)
            narrow = narrowed(body, shift.kept, item.body)
            if narrow is None:
                blocked.append(f"\u201c{unit.text}\u201d cannot be said for the others alone")
                continue
            told.append(unit.text)
            if state["said"]:
                changes[at] = narrow
            else:
                state["said"] = True
                changes[at] = f"{group} {narrow}"
        return replace_units(text, changes, text_units) if changes else text

    new_body = edit_body(item.body, item.body_format, edit)
    if blocked:
        return None, (
            "Flagged for review: "
            + "; ".join(blocked)
            + f". The new prompt gives a group priority: \u201c{shift.group}\u201d, and keeps "
            f"the rest in turn: \u201c{shift.kept}\u201d."
        )
    if not told or new_body == item.body:
        return None
    return new_body, (
        f"The new prompt gives a group priority (\u201c{shift.group}\u201d) and keeps everyone "
        f"else in turn (\u201c{shift.kept}\u201d); this {item.kind} still says everyone is dealt "
        "with in turn in "
        + "; ".join(f"\u201c{text}\u201d" for text in told)
        + ". The edit says the group's rule once, says the claim for everyone else in the "
        f"{item.kind}'s own words, and keeps everything else."
    )
