"""A limit on how often, put on something the old prompt gave whenever it was asked for: "Members
can bring a guest free: call `issue_guest_pass`." became "Members get one free guest pass a
month. If `guest_passes_this_month` is 0, call `issue_guest_pass`; if they have already had
one, do not." The change's condition counts the uses past the limit (`guest_passes_this_month
>= 1`), the call dropped there; under the limit the old handling holds, word for word.

So the only KB text the change makes wrong is what says it is given however often: "whenever
you need them", "as often as you like", "any number of times", "every time you ask". Each such
claim on the change's topic is said as the limit in the prompt's words ("one free guest pass a
month" after a comma, "once a month" where an adverb stands); the rest of the item (what is
given, how, how soon) is kept byte for byte, even where it confirms the action done: under the
limit it still is. A claim that cannot be so replaced ("unlimited guest passes") is flagged.

Pure text helpers: `impact` marks the claims (`often_limit_conflicts`), the template drafter
rewrites them (`often_limit_edit`), a drafting model gets the same fact (`often_limit_fact`)
and its edit the same check (`still_however_often`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impactview import ImpactView, with_reason
from behaviordiff.drafting.rules import kb_rule, to_you
from behaviordiff.drafting.text import (
    Unit,
    rewrite_claims,
    still_saying,
    terms,
)

OFTEN_REASON = "says it is given however often; the new prompt limits how often"

_COUNT = r"one|two|three|four|five|six|a|an|\d{1,3}"
_PERIOD = (
    r"(?:every|per|each|a|an)\s+(?:(?:\d{1,3}|two|three|four|six|twelve)\s+)?"
    r"(?:calendar\s+)?(?:day|week|fortnight|month|year)s?\b"
)
_LIMIT = re.compile(
    rf"\b(?P<count>{_COUNT})\s+(?P<what>(?:[a-z][\w'’-]*\s+){{0,5}}?[a-z][\w'’-]*)\s+"
    rf"(?P<per>{_PERIOD})",
    re.I,
)
"""A count of something per period, in the prompt's words: "one free pair of replacement
cushions every 12 months", "one free guest pass a month", "2 free re-washes per 30 days"."""
_TIMES = re.compile(
    rf"\b(?P<count>once|twice|(?:{_COUNT})\s+times)\s+(?P<per>{_PERIOD})",
    re.I,
)
"""The same as an adverb: "once every 30 days", "twice a year", "3 times a month"."""
_HOWEVER_OFTEN = re.compile(
    r"\b(?:whenever|as\s+often\s+as|any\s*time)\s+(?:you|they)\s+(?:need|want|like|wish|ask)"
    r"(?:\s+(?:for\s+)?(?:them|it|one|to))?\b"
    r"|\bas\s+(?:many\s+times|often|many)\s+as\s+(?:you|they)\s+(?:need|want|like|wish)"
    r"(?:\s+(?:them|it|to))?\b"
    r"|\b(?:whenever|as\s+often\s+as)\s+(?:needed|necessary|required)\b"
    r"|\bany\s+number\s+of\s+times\b"
    r"|\bevery\s+(?:single\s+)?time\s+(?:you|they)\s+(?:need|want|ask)(?:\s+for)?"
    r"(?:\s+(?:them|it|one))?\b"
    r"|\b(?:unlimited|no\s+limit(?:\s+on\s+how\s+(?:often|many))?)\b",
    re.I,
)
"""What says a thing is given however often it is asked for."""
_NO_PHRASE = re.compile(r"^(?:unlimited|no\s+limit)", re.I)
"""A claim the limit cannot simply stand in for ("unlimited guest passes")."""
_TIMES_WORDS = {1: "once", 2: "twice"}
_NOT_TOPIC = frozenset(terms("free paid pair pack item one get call send post give check"))
"""Words of a limit's object or its call that say nothing of its topic."""


@dataclass(frozen=True)
class OftenLimit:
    """The limit on how often a change puts on something given however often before."""

    rule: Rule
    """The new prompt rule stating the limit."""
    count: int
    phrase: str
    """The limit as the prompt says it: "one free pair of replacement cushions every 12
    months"."""
    what: str
    """What is counted: "free pair of replacement cushions"; empty for an adverb ("once")."""
    count_words: str
    """The count as the prompt writes it: "one", "2", "once"."""
    per: str
    """"every 12 months", "a month"."""
    topic: frozenset[str]
    """Stems naming what is limited: the rule's section's, the dropped call's and the counted
    thing's words."""

    def noun_phrase(self, sentence: str) -> str:
        """The limit as a noun phrase in the prompt's words, without an "of …" the `sentence`
        already names: "one free pair every 12 months" beside "Replacement cushions …"."""
        if not self.what:
            return self.adverb()
        head, of, rest = self.what.partition(" of ")
        what = head if of and set(terms(rest)) <= set(terms(sentence)) else self.what
        return f"{self.count_words} {what} {self.per}"

    def adverb(self) -> str:
        """The limit as an adverb: "once every 12 months", "twice a year", "3 times a
        month"."""
        if not self.what:
            return f"{self.count_words} {self.per}"
        return f"{_TIMES_WORDS.get(self.count, f'{self.count} times')} {self.per}"


def _count(word: str) -> int | None:
    word = word.lower().removesuffix(" times").strip()
    if word in ("a", "an", "once"):
        return 1
    if word == "twice":
        return 2
    if word.isdigit():
        return int(word)
    return CARDINALS.get(word)


def _limits(text: str) -> list[tuple[int, str, str, str, str]]:
    """The limits on how often `text` states: (count, phrase, what, count words, period)."""
    flat = " ".join(text.split())
    found = []
    for match in _LIMIT.finditer(flat):
        count = _count(match["count"])
        if count is not None and "`" not in match[0]:
            found.append((count, match[0], match["what"], match["count"], match["per"]))
    for match in _TIMES.finditer(flat):
        count = _count(match["count"])
        if count is not None:
            found.append((count, match[0], "", match["count"], match["per"]))
    return found


def _threshold(facts: ChangeFacts) -> int | None:
    """The count from which the change happens: its condition's one lower bound on a whole
    number (`uses >= 1`, or `uses > 0`), besides topic tags."""
    condition = facts.condition
    if condition is None:
        return None
    bounds = [atom for atom in condition.atoms if atom.op != "tag"]
    if len(bounds) != 1 or bounds[0].op not in (">", ">="):
        return None
    value = bounds[0].value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not float(value).is_integer():
        return None
    return int(value) + (1 if bounds[0].op == ">" else 0)


def new_often_limit(facts: ChangeFacts) -> OftenLimit | None:
    """The limit on how often a change puts on something its old rules gave with none, or
    None: the change drops a call from a count on (its condition's one lower bound), no old
    rule of the change states a limit per period, and a new one states one of that count."""
    threshold = _threshold(facts)
    if threshold is None or threshold < 1 or not facts.before_actions:
        return None
    if any(rule.old and _limits(rule.old) for rule in facts.rules):
        return None
    for rule in facts.rules:
        for count, phrase, what, count_words, per in _limits(rule.new or ""):
            if count != threshold:
                continue
            topic = set(terms(rule.section or "")) | set(terms(what))
            for action in facts.before_actions:
                topic |= set(terms(action.name.replace("_", " ")))
            return OftenLimit(
                rule, count, phrase, what, count_words, per, frozenset(topic - _NOT_TOPIC)
            )
    return None


_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_PAST = re.compile(r"\balready\b|\b(?:do\s+not|don't|don’t|never)\s+call\b", re.I)
_EXPLAIN_LIMIT = re.compile(
    r"^we\s+(?:explain|mention|remind\s+(?:them|you)\s+of)\s+(?:the|this|that)\s+"
    r"(?:[\w-]+\s+)?limit(?:\s+and\s+|,\s*)",
    re.I,
)
"""A first step past the limit that only says the limit again ("explain the one-pair-a-year
limit and …"): what a KB item that states the limit need not say twice."""


def past_limit_sentence(facts: ChangeFacts, limit: OftenLimit) -> str | None:
    """What the new prompt says happens past the limit ("If they have already had a free
    pair in the last 12 months, do not call `send_cushions`: explain the limit and point them
    to the online shop."), said to the customer in a KB's words ("If you have already had a
    free pair in the last 12 months, we point you to the online shop."); None when the prompt
    says nothing of it, or only in its internals."""
    for rule in facts.rules:
        for sentence in _SENTENCES.split(" ".join((rule.new or "").split())):
            if limit.phrase in sentence or not _PAST.search(sentence):
                continue
            restated = kb_rule(sentence)
            if restated is None:
                continue
            statement = _EXPLAIN_LIMIT.sub("we ", restated.statement)
            said = to_you(f"{restated.head}, {statement}.")
            if "`" in said or "{" in said or not said.lower().startswith("if "):
                continue
            return said[:1].upper() + said[1:]
    return None


def _past_rule(facts: ChangeFacts, limit: OftenLimit) -> str | None:
    """The new prompt's own sentence for past the limit, as it says it."""
    for rule in facts.rules:
        for sentence in _SENTENCES.split(" ".join((rule.new or "").split())):
            if limit.phrase not in sentence and _PAST.search(sentence):
                return sentence
    return None


def claims_however_often(limit: OftenLimit, sentence: str, context: str = "") -> bool:
    """Whether a KB sentence says the limited thing is given however often: a claim
    (`_HOWEVER_OFTEN`), the sentence naming the topic, and with `context` (the item's title,
    the heading above) two of its words or all there are."""
    if sentence.lstrip().startswith(("#", "|")) or _HOWEVER_OFTEN.search(sentence) is None:
        return False
    said = set(terms(sentence))
    if not limit.topic & said:
        return False
    return len(limit.topic & (said | set(terms(context)))) >= min(2, len(limit.topic))


def within_limit(limit: OftenLimit, raw: str) -> str | None:
    """`raw` with its one claim of however often said as the limit: the prompt's noun phrase
    after a comma (", one free pair every 12 months,"), an adverb elsewhere ("once a month");
    None when it makes another claim too, or one the limit cannot stand in for."""
    claims = list(_HOWEVER_OFTEN.finditer(raw))
    if len(claims) != 1 or _NO_PHRASE.match(claims[0][0]):
        return None
    claim = claims[0]
    appositive = raw[: claim.start()].rstrip().endswith(",")
    said = limit.noun_phrase(raw) if appositive else limit.adverb()
    return raw[: claim.start()] + said + raw[claim.end() :]


def _loose(reason: str) -> bool:
    """A reason that still holds under the limit: the dropped call's words, an old reply's
    value, or the old rule's sentence restated (what under the limit is still done)."""
    return (
        reason.startswith("describes `")
        or reason.endswith("which the new agent no longer states")
        or reason.startswith("states the old rule: the new prompt says")
    )


def often_limit_conflicts(
    facts: ChangeFacts,
    title: str,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[[int, str, tuple[str, ...]], Any],
) -> list[Any]:
    """`found` for a limit on how often (`new_often_limit`): the units saying it is given
    however often marked, and the reasons that still hold under the limit dropped (the thing
    given, how and how soon are the same up to it)."""
    limit = new_often_limit(facts)
    if limit is None:
        return found
    by_index: dict[int, Any] = {}
    for conflict in found:
        reasons = tuple(reason for reason in conflict.reasons if not _loose(reason))
        if reasons:
            by_index[conflict.unit_index] = make(conflict.unit_index, conflict.sentence, reasons)
    heading = ""
    for index, unit in enumerate(item_units):
        if unit.raw.lstrip().startswith("#"):
            heading = unit.text
            continue
        if claims_however_often(limit, unit.text, f"{title.replace('::', ' ')} {heading}"):
            by_index[index] = with_reason(by_index, index, unit.text, OFTEN_REASON, make)
    return [by_index[index] for index in sorted(by_index)]


def _paragraph_end(text: str, text_units: Sequence[Unit], index: int) -> int:
    """The last unit of the paragraph (or list item) the unit at `index` is in."""
    last = index
    while last + 1 < len(text_units):
        after = text_units[last + 1]
        if re.search(r"\n[ \t]*\n", text[text_units[last].end : after.start]) or re.match(
            r"\s*(?:#|\||[-*+]\s|\d+[.)]\s)", after.raw
        ):
            break
        last += 1
    return last


def often_limit_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template's edit for a limit on how often: each claim of however often said as the
    limit (`within_limit`), every other byte kept; the item flagged when a claim cannot be.
    None when the change puts no such limit or a conflict of the item is another's."""
    limit = new_often_limit(facts)
    conflicts = impact.conflicts
    if limit is None or not conflicts:
        return None
    if any(OFTEN_REASON not in c.reasons for c in conflicts):
        return None
    claims = {c.sentence for c in conflicts}
    past = past_limit_sentence(facts, limit)
    # an article says once what happens past the limit; a macro is the reply to a customer
    # within it (one that confirms the action done still does, up to the limit)
    to_say = [past] if past and impact.item.kind != "macro" else []

    def say_past(text: str, text_units: list[Unit], index: int, changes: dict[int, str]) -> None:
        if to_say:
            last = _paragraph_end(text, text_units, index)
            base = changes.get(last, text_units[last].raw)
            kept = base.rstrip()
            changes[last] = f"{kept} {to_say.pop()}{base[len(kept) :]}"

    noun = impact.item.kind
    new_body = rewrite_claims(
        impact.item.body,
        impact.item.body_format,
        claims,
        lambda raw: within_limit(limit, raw),
        say_past,
    )
    if new_body is None:
        return None, (
            f"No safe rewrite: the new prompt limits how often (“{limit.rule.new}”); this "
            f"{noun} says it is given however often in words the drafter cannot replace with "
            "the limit: a writer should."
        )
    order = [unit.text for unit in impact.units if unit.text in claims]
    prompt_past = _past_rule(facts, limit)
    told = (
        f" It says once, in the {noun}'s words, what the new prompt does past it: “{prompt_past}”."
        if past and not to_say
        else ""
    )
    return new_body, (
        f"The new prompt limits how often: “{limit.rule.new}”; this {noun} still says it is "
        "given however often in "
        + "; ".join(f"“{sentence}”" for sentence in order)
        + f". The edit says the limit there and keeps everything else in the {noun}, which "
        "still holds up to the limit."
        + told
        + (
            f" Past the limit the new prompt says “{prompt_past}”: this {noun} is for "
            "customers within it."
            if noun == "macro" and prompt_past
            else ""
        )
    )


def often_limit_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a limit on how often, or None."""
    limit = new_often_limit(facts)
    if limit is None:
        return None
    return (
        f"the new prompt limits how often: {limit.phrase} (it says “{limit.rule.new}”): text "
        "saying it is given however often (whenever you need it, as often as you like, any "
        f"number of times) says the limit instead ({limit.noun_phrase('')}, or "
        f"{limit.adverb()}); what else it says (what is given, how, how soon) still holds up "
        "to the limit and stays word for word"
    )


def still_however_often(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still say the thing is given however often where
    the new prompt limits how often: what no drafter's edit may keep or write."""
    limit = new_often_limit(facts)
    if limit is None:
        return []
    return still_saying(
        lambda unit: (
            _HOWEVER_OFTEN.search(unit.text)
            and (unit.text in conflicting or limit.topic & set(terms(unit.text)))
        ),
        conflicting,
        old_body,
        body,
        body_format,
    )
