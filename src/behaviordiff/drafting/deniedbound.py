"""A KB claim that there is no restriction, contradicted by a change that puts one on.

The old prompt said the rule held with no bound ("Members can pause their membership at any
time"), at one price for every case ("£45, the same price every day of the week") or with no
requirement ("no appointment is needed"); the new prompt bounds it ("Members who have been with
us for 3 months or more can pause …"), prices one case apart ("£45 from Monday to Friday.
Floats on Saturdays and Sundays cost £10 more …") or requires it. The KB denies the restriction
in its own words ("pause whenever you like", "at any point, from your first week onwards",
"that's the same whichever day you come: we don't add anything for weekends", "You don't need
an appointment"). Class rules look for the old value, and a denial has none.

The claim is read by its kind, from the old prompt sentence the new one rewrote:

- "when": a claim of any time ("at any time", "whenever you like", "from your first week",
  "even in your first month"). Its span in the KB sentence gives way to the bound the new
  sentence added, said to the customer ("who have been with us for 3 months or more" →
  "once you've been with us for 3 months or more"); a leading "No" answering whether there is
  a bound becomes "Yes".
- "same": a claim of one price or handling for every case ("the same price every day",
  "whichever day you come", "no weekend supplement", "we don't add anything for …", "the same
  as weekdays"). Its clauses go; the bound the new sentence added is said after the clause
  keeping the old value, and the new prompt's sentences for the case apart follow; with no
  clause keeping the old value, the new sentences are said in their place.
- "need": a denial of a requirement ("no appointment is needed", "There's no need to make an
  appointment", "You don't need an appointment"), the noun the old prompt denied. Flipped to the
  requirement ("You'll need to make an appointment", "You need an appointment").

A KB sentence is read as the old rule when it says a claim of the same kind (for "need", of the
same noun), shares a content word with the rewritten prompt sentence's topic (its words the new
sentence keeps), and shares more with it than with any unchanged prompt sentence saying a claim
of that kind (a kept rule: "Any member can cancel at any time" beside a pause bounded).
Nothing here reads a scenario's words: only the change's old and new prompt sentences. Each
regex runs once over a sentence of at most `_MAX` characters; none has nested quantifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.diffing.align import align
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.text import (
    Unit,
    flat,
    lower_first,
    rewrite_conflicting,
    terms,
    upper_first,
)

_MAX = 1200
"""The longest sentence read: a longer unit is no one claim."""

_WHEN = re.compile(
    r"\b(?:at any (?:time|point|stage|moment)|any ?time(?! soon)|whenever (?:you|they|he|she|"
    r"we|members?|customers?|clients?) (?:like|want|wish|choose|need|please|fancy)|"
    r"from (?:your|their|the|day) (?:very )?(?:first|one|1)(?: (?:day|week|month|visit|"
    r"session|class|order))?(?: onwards?)?|even in (?:your|their|the) (?:very )?first "
    r"(?:day|week|month|year|few weeks|few months)|"
    r"with no (?:minimum|waiting|qualifying) (?:period|time|term)|"
    r"(?:whenever|any ?time) (?:we're|we are|you're|it's|it is|the \w+ is) open|"
    r"no matter how (?:long|new|recently)[^,.;:]{0,30})",
    re.I,
)
"""A claim of any time: the rule held from the start, whenever asked."""

_UNTIL = re.compile(
    r"(?:\b(?:at any (?:time|point)|any ?time|right|just|all the way)\s+(?:up\s+)?before\s+|"
    r"\b(?:(?:right|all the way|any ?time|at any (?:time|point))\s+)?"
    r"(?:up\s+(?:un)?to|until|till)\s+)"
    r"(?!\d|the (?:end|start)\b)(?P<event>[A-Za-z][^\d,.;:!?()\n|*_`]{0,60}?)"
    r"(?=\s*(?:[,.;:!?()|*_]|$)|\s+(?:either|and|or|but|so|then)\b)",
    re.I,
)
"""A window open up to an event ("until your order leaves our warehouse", "right up to
dispatch", "any time before your first class"), no number in it: the end of a claim of any
time, said in the KB's words for the event."""
_UNTIL_EDGE = re.compile(
    r"\b(?:(?:right|all the way|just)\s+)?(?:up\s+(?:un)?to|until|till)\s+the\s+(?:start|end|"
    r"beginning)\s+of\s+(?:(?:your|their|the|our|its|his|her)\s+)?(?P<noun>[A-Za-z-]+)",
    re.I,
)
"""A window open up to the start or end of something ("right up to the start of your
lesson"): the event when the thing is what the rule is about."""
_LEAD_MARK = re.compile(r"^[\s|>#*_-]*(?:\d+[.)]\s+)?")
_LABEL = re.compile(r"(?P<word>[A-Za-z]+)\s*:\s*")
_MODAL_OR_PASSIVE = re.compile(
    r"\b(?:can|may|could|might|will|(?:are|is|be) (?:able|allowed|free) to)\s+"
    r"(?:(?:\w+ly|also|still|now|only) )?(?:be\s+)?(?P<verb>[a-z]+)",
    re.I,
)
"""A modal or passive ("can make", "can be changed"): what governs a window said after it."""
_GLOSS = re.compile(r"\s*\((?=[^()]*\d)[^()]{1,40}\)")
"""A parenthesised gloss with a number in it ("(60 minutes)")."""
_NEGATED = re.compile(r"\b(?:can['’]?t|cannot|won['’]?t|no longer|not|never|isn['’]t)\b", re.I)

_SAME = re.compile(
    r"\b(?:(?:the )?same (?:price|cost|rate|fee|charge|amount)?\s?(?:every|each|whichever|"
    r"whatever|any) (?:day|time|night|week|session|visit)(?: of the week)?(?: you \w+)?|"
    r"one (?:price|rate|fee|charge) (?:every|each|whichever|whatever|any) (?:day|time|"
    r"night|session|visit)(?: you \w+)?|(?:the )?same whichever (?:day|time|session|visit)"
    r"(?: you \w+)?|(?:it's|that's|is|costs?) (?:exactly )?the same (?:as|on|at|for) "
    r"(?:weekdays?|weekends?|any other|every other|other)[^,.;:]{0,20}|"
    r"(?:the )?same as (?:on )?(?:weekdays?|weekends?|(?:every|any) other)[^,.;:]{0,20}|"
    r"no (?:\w+ )?(?:supplement|surcharge|premium|mark-?up|extra charge)|"
    r"(?:don't|do not|never|won't|will not) (?:add|charge|put) (?:anything|any(?:thing)? "
    r"extra|extra|more|a (?:penny|supplement|surcharge) (?:more)?)[^,.;:]{0,30}|"
    r"costs? (?:exactly |just )?(?:what|the same as) [^,.;:]{0,40})",
    re.I,
)
"""A claim of one price or handling for every case."""

_NEED = re.compile(
    r"\b(?:(?P<a>there(?:'s| is) no need) to (?P<a_do>\w+) an? (?P<a_noun>[a-z-]+)|"
    r"(?P<b>no need) (?:to \w+ an? |for an? )(?P<b_noun>[a-z-]+)|"
    r"(?P<c>(?:you|they|we) (?:don't|do not)) need (?P<c_do>to \w+ )?an? (?P<c_noun>[a-z-]+)|"
    r"no (?P<d_noun>[a-z-]+) (?P<d>is|are) (?:needed|required|necessary))\b",
    re.I,
)
"""A denial of a requirement, with the noun it denies."""

_LEAD_WORDS = 6
"""The most words of a lead-in before a colon that the new rule may follow."""
_KINDS: dict[str, re.Pattern[str]] = {"when": _WHEN, "same": _SAME, "need": _NEED}
_CLAUSE_END = re.compile(r"[,;:]\s|\s[-\u2013\u2014]\s|[.!?](?=\s|$)")
_JOIN = re.compile(r"^(?:,\s*|\s+(?:and|or)\s+|,\s*(?:and|or)\s+)$", re.I)
_ANSWER_NO = re.compile(r"^(?P<no>No)(?P<mark>[:,.!]\s+|\s+[-\u2013\u2014]\s+)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“`(])")
_AMOUNT = re.compile(r"[£$€]\d+(?:[.,]\d+)?")
_SCOPED = re.compile(
    r"\d|\b(?:if|unless|over|under|above|below|longer|shorter|more|fewer|less|only for|except)\b",
    re.I,
)
"""A new requirement put on some cases only ("Appointments of 90 minutes or longer need a
deposit"): said as needed with no scope, it would tell every customer so."""
_LIST_MARK = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_NUMBER = re.compile(r"[£$€]?\d+(?:[.,]\d+)?%?")
_MARKER_WORDS = frozenset(
    {
        "any",
        "time",
        "point",
        "whenever",
        "every",
        "each",
        "whichever",
        "same",
        "day",
        "week",
        "first",
        "need",
        "needed",
        "no",
        "price",
    }
    | set(terms("cost costs charge charges charged pay pays paid tell say ask customers"))
)
"""Words of the claims themselves, and the generic verbs a rule on a price or a reply says
them with: no topic."""
_MODAL_VERB = re.compile(
    r"\b(?:can|may|could|might|will|(?:are|is|be) (?:able|allowed|free) to)\s+"
    r"(?:(?:\w+ly|also|still|now|only) )?(?P<verb>[a-z]+)",
    re.I,
)
"""The rule's own verb in a prompt sentence ("Members can pause …"): what the claim is on."""
_NUMBER_WORDS = {word: str(value) for word, value in CARDINALS.items()}
"""Numbers in words, as digits: "one to eight weeks" repeats "1 to 8 weeks"."""
_VALUE = re.compile(r"\b(?:\d+|" + "|".join(_NUMBER_WORDS) + r")\b", re.I)
_ASKS_WHEN = frozenset(
    terms("when time long soon before until wait waiting minimum first yet new early straight")
)
"""Words of a question asking when one may, or how long one must wait."""
_QUESTION = re.compile(r"^[#*_\s\d.)-]*(?P<q>[^\n]{1,300}\?)[*_\s]*$")
_PURPOSE = re.compile(r"\s+(?:in order )?to (?P<verb>[a-z]+)", re.I)
"""What a denied requirement is for, said after the noun ("… an appointment to collect …")."""
_WALK_IN = re.compile(
    r"\b(?:(?:just|simply) (?:come|pop|turn|drop|walk|call|head|stop)|walk(?:-| )?ins?|"
    r"drop(?:-| )?ins?|turn up|come along)\b",
    re.I,
)
"""A claim of coming without arranging it: a denied requirement said another way."""


@dataclass(frozen=True)
class DeniedBound:
    """A rewritten prompt sentence's claim of no restriction, and the bound put in its place."""

    kind: str
    old: str
    """The old prompt sentence."""
    new: str
    """Its closest new prompt sentence."""
    topic: frozenset[str]
    """Content words of the old sentence the new one keeps, the claim's words aside."""
    noun: str | None
    """For a denied requirement: what was not needed."""
    bound: str
    """The words the new sentence added, said to the customer ("" when none)."""
    extra: tuple[str, ...]
    """The new prompt's sentences for the case apart, beside the rewritten one."""
    kept_claims: tuple[frozenset[str], ...]
    """Content words of unchanged prompt sentences making a claim of the same kind."""
    verb: frozenset[str] = frozenset()
    """The old sentence's own verb ("pause" in "Members can pause …"), when it is topic: a
    claim of any time on another verb of the same noun is another rule's."""
    said_words: frozenset[str] = frozenset()
    """Every content word of the old and new sentences."""
    values: frozenset[str] = frozenset()
    """The numbers the old and new sentences both say ("for 1 to 8 weeks"): a KB sentence
    repeating them with its own verb ("Put it on hold … for one to eight weeks") says the
    same rule."""
    window: str = ""
    """For a claim of any time up to an event ("at any time until it has been dispatched"):
    the words the new sentence says in its place ("within 1 hour (60 minutes) of placing it,
    as long as it hasn't been dispatched"); a KB sentence saying the window open up to an
    event of its own words, on the rule's verb, states it, and the window gives way to them."""

    def states(self, text: str, context: str = "") -> bool:
        """Whether a KB sentence states this claim of no restriction on its topic, read with
        its `context` (the item's title and heading): a denied requirement said in a few
        words ("You don't need an appointment.") names its topic there."""
        if len(text) > _MAX:
            return False
        if self.window:
            return self._states_window(text)
        found = [m for m in _KINDS[self.kind].finditer(text)]
        if not found:
            return False
        if self.kind == "need":
            found = [m for m in found if _noun(m) == self.noun]
            if not found:
                return False
            if any(self._for_else(text, m) for m in found):
                # a requirement denied for another action ("… to collect a finished repair")
                return False
        words = _topic_words(text)
        if self.kind == "need":
            # the noun is the claim's own word, no topic; the item's title and headings name
            # the topic of a sentence naming nothing else ("You don't need an appointment.")
            words = words - set(terms(self.noun or ""))
            claimed = [*found, *_WALK_IN.finditer(text), *_WHEN.finditer(text)]
            bare = words - {w for m in claimed for w in terms(m.group(0))}
            if not bare:
                words = words | (_topic_words(context[:_MAX]) - set(terms(self.noun or "")))
        if (
            self.kind == "when"
            and self.verb
            and not words & self.verb
            and not _values(_KINDS[self.kind].sub(" ", text)) & self.values
        ):
            # one shared noun is not enough: the claim must be on the rule's own verb, or the
            # sentence must repeat the rule's own values in its own words
            return False
        mine = len(words & self.topic)
        if not mine:
            return False
        return all(len(words & kept) < mine for kept in self.kept_claims)

    def _states_window(self, text: str) -> bool:
        """Whether a KB sentence says the old window open (any time, or up to an event of its
        own words: "until your order leaves our warehouse"), with no number and no denial: the
        rule as the old prompt put it. The window must be the rule's own verb's (said after a
        modal or passive of it, as its imperative, or under a label of it: "Swaps: any time
        …", never "we'll hold it until you change it"), and the sentence must name what the
        rule is about besides its verb (a window on the same verb of another noun, "change
        your password at any time", is another rule's)."""
        spans = self._window_spans(text)
        if not spans:
            return False
        if _NEGATED.search(text) or _VALUE.search(text):
            return False
        words = _topic_words(text)
        if not _meet(words, self.verb) or not _meet(words, self.topic - self.verb):
            return False
        if not all(self._governs(text, start) for start, _ in spans):
            return False
        mine = _meet(words, self.topic)
        return bool(mine) and all(len(words & kept) < mine for kept in self.kept_claims)

    def _window_spans(self, text: str) -> list[tuple[int, int]]:
        """The spans of `text` saying a window open (any time, up to an event, up to the start
        or end of something the rule is about), side by side ones joined."""
        spans = sorted(
            [(m.start(), m.end()) for m in _WHEN.finditer(text)]
            + [(m.start(), m.end()) for m in _UNTIL.finditer(text)]
            + [
                (m.start(), m.end())
                for m in _UNTIL_EDGE.finditer(text)
                if _meet(frozenset(terms(m.group("noun"))), self.topic - self.verb)
            ]
        )
        joined: list[tuple[int, int]] = []
        for start, end in spans:
            if joined and start <= joined[-1][1] + 1:
                joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
            else:
                joined.append((start, end))
        return joined

    def _governs(self, text: str, at: int) -> bool:
        """Whether the rule's own verb governs the window starting at `at`: a modal or passive
        before it with the verb from there on ("can make changes to your order … until"), the
        verb opening the sentence (an imperative), or a label of the verb just before it."""
        head = text[:at]
        lead = _LEAD_MARK.sub("", head)
        label = _LABEL.fullmatch(lead)
        if label and _meet(frozenset(terms(label.group("word"))), self.verb):
            return True
        first = re.match(r"[A-Za-z]+", lead)
        if first and _meet(frozenset(terms(first.group(0))), self.verb):
            return True
        for modal in _MODAL_OR_PASSIVE.finditer(head):
            said = frozenset(terms(head[modal.start("verb") :]))
            if _meet(said, self.verb):
                return True
        return False

    def rewritten(self, raw: str, question: str = "") -> str | None:
        """The KB sentence with its claim said as the new rule, every other byte kept; None
        when the sentence says it in no shape read here. `question`: the question the
        sentence answers, when it is an FAQ answer (a "No" head flips only under a question
        of when)."""
        if len(raw) > _MAX:
            return None
        if "|" in raw:
            return self._priced_row(raw) if self.kind == "same" else None
        if self.kind == "when":
            return self._bounded(raw, question)
        if self.kind == "same":
            return self._priced(raw)
        return _required(raw, self.noun)

    def _for_else(self, text: str, found: re.Match[str]) -> bool:
        purpose = _PURPOSE.match(text, found.end())
        return purpose is not None and not set(terms(purpose.group("verb"))) & self.said_words

    def _bounded(self, raw: str, question: str = "") -> str | None:
        if self.window:
            return self._windowed(raw)
        if not self.bound:
            return None
        spans = _merged([(m.start(), m.end()) for m in _WHEN.finditer(raw)], raw)
        if len(spans) != 1:
            return None
        start, end = spans[0]
        said = raw[:start] + self.bound + raw[end:]
        answer = _ANSWER_NO.match(said)
        if answer:
            rest = _topic_words(raw[answer.end() : start] + " " + raw[end:])
            if rest - self.topic - self.verb:
                # the "No" may answer another question (the locker, the price kept): leave
                # the answer to a writer
                return None
            if question and not set(terms(question)) & _ASKS_WHEN:
                # a question about something else than when one may ("Do I lose my locker if
                # I pause?"): its "No" is not the claim's
                return None
            said = "Yes" + said[answer.end("no") :]
        return said

    def _windowed(self, raw: str) -> str | None:
        """The KB sentence with its open window (a claim of any time, the event it ran up to,
        or both side by side) said as the new sentence's bound; None unless it says one."""
        joined = self._window_spans(raw)
        if len(joined) != 1 or _NEGATED.search(raw):
            return None
        start, end = joined[0]
        return raw[:start] + self.window + raw[end:]

    def _priced(self, raw: str) -> str | None:
        if _agent_voiced(self.new) or _agent_voiced(self.bound):
            # the prompt's voice ("Tell customers …", "add £5 with `a_tool`"): not the KB's
            return None
        clauses = _clauses(raw)
        claimed = [i for i, (s, e) in enumerate(clauses) if _SAME.search(raw[s:e])]
        if not claimed:
            return None
        first = claimed[0]
        if claimed != list(range(first, first + len(claimed))) or claimed[-1] != len(clauses) - 1:
            # the claims end the sentence, one run of clauses: anything after is another fact
            return None
        head = raw[: clauses[first][0]].rstrip(" ,;:-\u2013\u2014")
        head = re.sub(r"\s+(?:and|or|but|so)$", "", head, flags=re.I)
        end = raw.rstrip()[-1:] if raw.rstrip()[-1:] in ".!?" else "."
        extra = " ".join(self.extra)
        values = set(_NUMBER.findall(head))
        if head and values & set(_NUMBER.findall(self.new)) and self.bound:
            said = f"{head} {self.bound}{end}"
            return f"{said} {extra}".rstrip() if extra else said
        new = " ".join([self.new, *self.extra])
        claims = _topic_words(_SAME.sub(" ", raw[clauses[first][0] :]))
        cases = _topic_words(" ".join([self.new, *self.extra])) - _topic_words(self.old)
        if claims - self.said_words and not claims & cases:
            # the claim is said of something the rule does not name, on no case the new rule
            # prices apart (another service, an age, vouchers): not this rule's sentence
            return None
        if not head:
            return new
        joined = raw[len(head) : clauses[first][0]]
        if ":" in joined and len(head.split()) <= _LEAD_WORDS and not _NUMBER.search(head):
            # a lead-in set off by a colon ("We keep things simple:") says no rule of its own
            return f"{head}: {lower_first(new) if not _proper_start(new) else new}"
        # a head saying more than the old amount may state the old rule itself
        return None

    def _priced_row(self, raw: str) -> str | None:
        """A table row for the case apart whose cell claims the old price for it ("| Saturday
        and Sunday | £45, the same as weekdays |"): the cell says the case's new amount, with
        the difference the new prompt names ("£55 (£10 more)"). None for a row of no case the
        new sentences name apart, or no amounts to say."""
        cells = raw.split("|")
        claimed = [i for i, cell in enumerate(cells) if _SAME.search(cell)]
        if len(claimed) != 1:
            return None
        apart = _topic_words(" ".join(self.extra)) - _topic_words(self.new)
        others = " ".join(cell for i, cell in enumerate(cells) if i != claimed[0])
        if not apart or not _topic_words(others) & apart:
            return None
        said_old = set(_AMOUNT.findall(self.old))
        new_amounts = [
            m for s in self.extra for m in _AMOUNT.finditer(s) if m.group(0) not in said_old
        ]
        if not new_amounts:
            return None
        extra = " ".join(self.extra)
        more = [
            m.group(0)
            for m in _AMOUNT.finditer(extra)
            if re.match(r"\s+(?:more|extra|on top)\b", extra[m.end() : m.end() + 12], re.I)
        ]
        totals = [m.group(0) for m in new_amounts if m.group(0) not in more]
        if len(totals) != 1:
            return None
        cell = cells[claimed[0]]
        lead = cell[: len(cell) - len(cell.lstrip())]
        tail = cell[len(cell.rstrip()) :]
        value = totals[0] + (f" ({more[0]} more)" if len(more) == 1 else "")
        body = cell.strip()
        kept = _AMOUNT.sub("", _SAME.sub("", body)).strip(" ,;:-–—")
        if kept:
            # the cell says more than the price and the claim: a writer's
            return None
        cells[claimed[0]] = f"{lead}{value}{tail}"
        return "|".join(cells)


def _agent_voiced(text: str) -> bool:
    """Whether a prompt sentence is said to the agent: a tool, or an order to it."""
    return "`" in text or bool(re.match(r"(?:tell|call|use|ask|say)\b", text, re.I))


def _values(text: str) -> frozenset[str]:
    return frozenset(
        _NUMBER_WORDS.get(found.group(0).lower(), found.group(0)) for found in _VALUE.finditer(text)
    )


def _proper_start(text: str) -> bool:
    word = text.split(" ", 1)[0]
    return word[:1].isupper() and word not in {"A", "An", "The", "Our", "We", "You", "It"}


def _noun(found: re.Match[str]) -> str:
    for name in ("a_noun", "b_noun", "c_noun", "d_noun"):
        if found.group(name):
            return found.group(name).lower()
    return ""


def _required(raw: str, noun: str | None) -> str | None:
    found = [m for m in _NEED.finditer(raw) if _noun(m) == noun]
    if len(found) != 1:
        return None
    match = found[0]
    if _WALK_IN.search(raw[: match.start()]) or _WHEN.search(raw[: match.start()]):
        # "… a drop-in service: no appointment is needed": the walk-in claim would stay
        return None
    after = [(s, e) for s, e in _clauses(raw) if s >= match.end()]
    walk_in = [
        i for i, (s, e) in enumerate(after) if _WALK_IN.search(raw[s:e]) or _WHEN.search(raw[s:e])
    ]
    if walk_in:
        if walk_in[-1] != len(after) - 1 or walk_in != list(range(walk_in[0], len(after))):
            # a walk-in claim with another fact after it: a writer's to say
            return None
        cut = raw[: after[walk_in[0]][0]].rstrip()
        cut = re.sub(r"(?:[,;:]|\s[-\u2013\u2014])$", "", cut).rstrip()
        end = raw.rstrip()[-1:] if raw.rstrip()[-1:] in ".!?" else "."
        flipped = _required(cut + end, noun)
        return flipped
    if match.group("a"):
        said = "You'll need" if match.group("a")[:1].isupper() else "you'll need"
        return raw[: match.start("a")] + said + raw[match.end("a") :]
    if match.group("c"):
        subject = match.group("c").split()[0]
        return raw[: match.start("c")] + subject + raw[match.end("c") :]
    if match.group("d"):
        article = "an" if (noun or "")[:1] in "aeiou" else "a"
        start = match.start()
        lead = article if not raw[start].isupper() else upper_first(article)
        return raw[:start] + lead + raw[start + 2 :]
    return None


def _clauses(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for found in _CLAUSE_END.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _merged(spans: list[tuple[int, int]], raw: str) -> list[tuple[int, int]]:
    """Claims of the one kind side by side ("at any point, from your first week onwards")
    read as one."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _JOIN.match(raw[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _meet(words: frozenset[str], others: frozenset[str]) -> int:
    """How many of `words` are one of `others`, a stem cut short either way counting ("chang"
    of "changes" and "change"), when the shorter has four letters or more."""
    return sum(
        1
        for word in words
        if any(
            word == other
            or (
                min(len(word), len(other)) >= 4
                and (word.startswith(other) or other.startswith(word))
            )
            for other in others
        )
    )


def _window(old: str, new: str) -> str:
    """What the new sentence says in place of an old claim of any time up to an event: its
    words after those both sentences open with, when the old sentence's own words after them
    are that claim ("at any time until it has been dispatched" → "within 1 hour (60
    minutes) of placing it, as long as it hasn't been dispatched"); "" otherwise, or when
    the new words are the prompt's voice (a tool, the customer)."""
    a, b = old.split(), new.split()
    same = 0
    while same < min(len(a), len(b)) and a[same] == b[same]:
        same += 1
    rest_old, rest_new = " ".join(a[same:]), " ".join(b[same:])
    claim = _WHEN.match(rest_old)
    if not same or claim is None or not _UNTIL.search(rest_old):
        return ""
    # the prompt's gloss of an amount in another measure ("1 hour (60 minutes)") is its own
    # voice: the KB sentence takes the amount alone
    window = _GLOSS.sub("", rest_new.rstrip(".!?"))
    if not window or _agent_voiced(window) or _WHEN.search(window) or ". " in window:
        return ""
    return window


def _topic_words(text: str) -> frozenset[str]:
    words = {w for w in terms(text) if w not in _MARKER_WORDS and not w.isdigit()}
    return frozenset(words | {m.group(0) for m in _AMOUNT.finditer(text)})


def _sentences(text: str | None) -> list[str]:
    said = [s.strip() for s in _SENTENCE_END.split(flat(text or "")[: _MAX * 8])]
    return [_LIST_MARK.sub("", s) for s in said if s]


def _said_to_customer(added: str) -> str:
    """The new sentence's added words said to the customer: a relative clause on the
    subject ("who have been with us for 3 months") read as a condition on "you"."""
    words = added.strip(" ,;:")
    rel = re.match(r"(?:who|that) (?:have|has) (?:been )?", words, re.I)
    if rel:
        rest = words[rel.end() :]
        been = "been " if "been" in rel.group(0) else ""
        return f"once you've {been}{rest}"
    rel = re.match(r"(?:who|that) (?:are|is) ", words, re.I)
    if rel:
        return f"if you're {words[rel.end() :]}"
    rel = re.match(r"(?:who|that) ", words, re.I)
    if rel:
        return f"if you {words[rel.end() :]}"
    if re.match(r"(?:from|on|only|once|after|if|when|between|until|before)\b", words, re.I):
        return words
    return ""


def _added(old: str, new: str) -> str:
    """The longest run of words the new sentence added against the old."""
    a = [w.strip(".,;:") for w in old.split()]
    b = [w.strip(".,;:") for w in new.split()]
    best = ""
    for step in align(a[:200], b[:200]):
        if step.tag in ("insert", "replace"):
            run = " ".join(b[step.j1 : step.j2])
            if len(run) > len(best):
                best = run
    return best.rstrip(".,;:")


def _kind(text: str) -> tuple[str, re.Match[str]] | None:
    for kind, pattern in _KINDS.items():
        found = pattern.search(text)
        if found:
            return kind, found
    return None


def denied_bounds(
    pairs: Iterable[tuple[str, str]], kept: Sequence[str], added: Sequence[str] = ()
) -> list[DeniedBound]:
    """The claims of no restriction the rewritten prompt text (`pairs`: old, new text of each
    hunk) dropped, each with the bound the new text puts in its place; `kept`: the prompt
    sentences no hunk touched; `added`: sentences the new prompt added beside them."""
    read: list[DeniedBound] = []
    for old_text, new_text in pairs:
        olds, news = _sentences(old_text), _sentences(new_text)
        if not olds or not news:
            continue
        used: set[int] = set()
        found: list[tuple[str, str, str, str | None, str]] = []
        for old in olds:
            if old in news:
                continue
            claim = _kind(old)
            if claim is None:
                continue
            kind, match = claim
            words = frozenset(terms(old))
            at = max(range(len(news)), key=lambda j: (len(words & frozenset(terms(news[j]))), -j))
            new = news[at]
            if _KINDS[kind].search(new):
                continue
            used.add(at)
            noun = _noun(match) if kind == "need" else None
            if kind == "need" and _SCOPED.search(new):
                # the requirement is for a band or a case only: flipping the denial would put
                # it on everyone; another writer, or a flag, says the scope
                continue
            found.append((kind, old, new, noun, _said_to_customer(_added(old, new))))
        for kind, old, new, noun, bound in found:
            topic = _topic_words(old) & _topic_words(new)
            if not topic:
                continue
            beside = [s for j, s in enumerate(news) if j not in used and j > news.index(new)]
            extra = (
                tuple(
                    s
                    for s in [*beside, *added]
                    if s not in olds
                    and _topic_words(s) & topic
                    and _AMOUNT.search(s)
                    and "`" not in s
                    and not re.match(r"(?:when|if|tell|call|use|ask)\b", s, re.I)
                )[:2]
                if kind == "same"
                else ()
            )
            claims = tuple(
                _topic_words(s) for s in kept if _KINDS[kind].search(s) and s not in olds
            )
            if kind == "same" and not bound and not extra:
                # no price apart to say in the claim's place: another writer's
                continue
            verb = frozenset(
                w for found in _MODAL_VERB.finditer(old) for w in terms(found.group("verb"))
            )
            said_words = frozenset(terms(old)) | frozenset(terms(new)) | topic
            read.append(
                DeniedBound(
                    kind,
                    old,
                    new,
                    topic,
                    noun,
                    bound,
                    extra,
                    claims,
                    verb & topic,
                    said_words,
                    _values(_KINDS[kind].sub(" ", old)) & _values(new),
                    _window(old, new) if kind == "when" and not bound else "",
                )
            )
    return read


DENIED_BOUND_REASON = "denies the restriction the new prompt puts on"
_HEADING = re.compile(r"^#{1,6}[ \t]+([^\n]{1,200})$", re.M)


def _asked(body: str, start: int) -> str:
    """The question a sentence at `start` answers: the last non-blank line before it, when it
    is a question ("### Is there a minimum time before I can pause?")."""
    before = body[max(0, start - 2000) : start]
    lines = [line for line in before.split("\n") if line.strip()]
    if not lines or before[-1:] not in ("\n", ""):
        # the sentence does not start its line: the question, if any, is in its line
        line = before.rsplit("\n", 1)[-1]
        found = _QUESTION.match(line[: line.rfind("?") + 1]) if "?" in line else None
        return found.group("q") if found else ""
    found = _QUESTION.match(lines[-1])
    return found.group("q") if found else ""


def item_context(title: str, body: str) -> str:
    """What an item is about beside its sentences: its title and headings."""
    headings = [found.group(1) for found in _HEADING.finditer(body[:20000])][:40]
    return " ".join([title, *headings])


def change_bounds(facts: ChangeFacts) -> list[DeniedBound]:
    """`denied_bounds` of the change's prompt hunks (sentence and section rules), the new
    prompt's sentences no hunk touched read as kept rules."""
    pairs = [
        (rule.old or "", rule.new)
        for rule in facts.rules
        if rule.new and (rule.kind.startswith("sentence_") or rule.kind.startswith("section_"))
    ]
    pairs += [pair for pair in facts.section_changes if pair not in pairs]
    added = [s for old, new in pairs if not old for s in _sentences(new)]
    pairs = [(old, new) for old, new in pairs if old]
    if not pairs:
        return []
    touched = {s for old, new in pairs for s in (*_sentences(old), *_sentences(new), *added)}
    kept = [
        s
        for said in facts.prompt_sections.values()
        for line in said[:400]
        for s in _sentences(line)
        if s not in touched
    ]
    return denied_bounds(pairs, kept, added)


def stating(bounds: Sequence[DeniedBound], text: str, context: str = "") -> DeniedBound | None:
    """The one claim of no restriction a KB sentence states (None: none, or more than one)."""
    found = [bound for bound in bounds if bound.states(text, context)]
    return found[0] if len(found) == 1 else None


def denied_bound_edit(
    facts: ChangeFacts, body: str, body_format: str, sentences: Sequence[str], context: str = ""
) -> tuple[str | None, str] | None:
    """The item's body with each sentence (`sentences`, marked for this reason) stating a
    claim of no restriction said as the new rule, and why; None when one of them cannot be
    said in a shape read here (another writer, or a flag, then)."""
    bounds = change_bounds(facts)
    if not bounds or not sentences:
        return None
    wanted = set(sentences)
    said: list[str] = []
    required: list[str] = []

    def rewrite(unit: Unit, raw: str) -> str | None:
        bound = stating(bounds, unit.text, context)
        if bound is None:
            return None
        new = bound.rewritten(raw, _asked(body, unit.start))
        if new is not None and bound.kind == "need":
            required.append(new)
        if new is not None:
            said.append(unit.text)
        return new

    new_body = rewrite_conflicting(body, body_format, wanted, rewrite)
    if new_body is None or new_body == body:
        return None
    for paragraph in new_body.split("\n\n")[:400]:
        anytime = _WHEN.search(paragraph[: _MAX * 4])
        if anytime and any(text in paragraph for text in required):
            # required now, yet "come any time we're open" beside it: how to arrange it is a
            # writer's to say
            return None, (
                "Flagged for review: the new prompt now requires what this item says is not "
                f"needed, and the item also says \u201c{anytime.group(0)}\u201d beside it: a "
                "writer should say how to arrange it now."
            )
    rules = "; ".join(f"\u201c{b.old}\u201d \u2192 \u201c{b.new}\u201d" for b in bounds)
    quoted = "; ".join(f"\u201c{text}\u201d" for text in said)
    rationale = (
        f"The new prompt puts a restriction where the old one said there was none ({rules}); "
        f"this item still denies it in {quoted}. The edit says the new rule there in the "
        "item's own words and keeps everything else."
    )
    return new_body, rationale
