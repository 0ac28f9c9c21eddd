"""A KB statement of a restriction the change lifts or relaxes, said as the new rule.

The mirror of `deniedbound` (a KB denying a restriction the change puts on). The old prompt
imposed a restriction: a minimum term, a required state, a prohibition, a wait ("Every
contract has a minimum term of 12 months", "as long as it is unopened, in its original
packaging", "Tickets are non-transferable: a booking can't be put in someone else's name");
the new prompt lifts it or relaxes it ("Contracts run month to month, with no minimum term",
"as long as it is unused and complete: still sealed, or opened but unused", "Tickets can be
put in someone else's name free of charge, up to 48 hours before the show"). The KB states the
restriction in its own words, and often with no old value a class rule looks for ("you're
tied in for the first year", "12-month minimum, then month to month", "must be unopened", a
checklist bullet "in its original sealed packaging", a Q&A answer "I'm afraid not: …").

The restriction is read from the prompt diff alone, sentence by sentence: an old prompt
sentence saying a restriction (a modal of need or denial, "only", "minimum", "until", a
"non-"/"un-" state, …) whose closest new sentence drops one of those restriction words, or
says it negated ("no minimum term"), or says the positive form of its "un-"/"non-" word
("opened" for "unopened"). Its marks are the content words the new sentence dropped or flipped
(numbers in words read as digits). A KB sentence states the restriction when it says a
restriction itself (or is a bare list item or table cell, a checklist's condition) and shares
two marks with one such sentence; a dropped "un-"/"non-" word whose positive form the new
prompt says counts twice (it is the relaxed state itself), and so does a hyphened "non-X";
a Q&A answer opening with a refusal under a question on the rule's topic counts once. A
sentence must also name what the restriction is on (its `subject`: the words of the old
sentence's clause before each restriction word, or a word of the change's condition), in
itself or in the question it answers: the same restriction on another item or service shares
marks, never its subject ("Lockers have a minimum term" beside memberships).

The rewrite says the new rule in the restriction's place: a prose sentence becomes the new
prompt's policy sentences of the hunk, voiced for the customer by `promptrule` (the agent's
orders and first person out); a sentence or list item with a clause saying something of its
own (a number, words neither prompt sentence nor the rule says) is not written; a
Q&A answer's refusal becomes "Yes"; a list item becomes the relaxed state the new sentence
says where the old one said the restriction; a table cell keeps its pieces saying no
restriction ("month to month") or takes the relaxed state. A sentence holding a placeholder
the rewrite would lose is not written (a flag, with the reason). Nothing here reads a
scenario's words; every regex runs once over a sentence of at most `_MAX` characters, with no
nested quantifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.promptrule import (
    as_policy,
    condition_words,
    customer_noun,
    voiced,
    voicing_problems,
)
from behaviordiff.drafting.text import Unit, lower_first, rewrite_conflicting, terms, upper_first

_MAX = 1200
"""The longest sentence read: a longer unit is no one claim."""

_LIMIT = re.compile(
    r"\b(?:minimum|at least|tied in|locked in|lock-in|tie-in|must(?:n't| not)?|only|"
    r"can't|cannot|can not|can’t|may not|not allowed|not permitted|isn't|aren't|"
    r"non-\w+|un[a-z]{2,}(?:ed|able|en|rn|wn)|until|unless|as long as|so long as|"
    r"provided (?:that )?|"
    r"have to|has to|need to|needs to|required?|never|first \d+|first (?:year|month|week)|"
    r"once the first|no longer than|not before|before (?:the end|your first))",
    re.I,
)
"""A restriction: a need, a denial, a minimum, a wait, a required state."""

_NEGATED = re.compile(
    r"\b(?:no|without|not|never|can't|cannot|can’t|don't|doesn't|isn't|aren't|non)\b[- ]"
    r"(?P<words>(?:[\w'’]+ ){0,5}[\w'’]+)",
    re.I,
)
"""A negation and the few words it scopes."""

_REFUSAL = re.compile(
    r"^(?P<no>(?:I'm|I’m|We're|We’re) afraid not|(?:Sorry, )?no|Unfortunately(?:,)? not|"
    r"(?:I'm|I’m) sorry, (?:but )?no)(?P<mark>[:,.!;]\s+|\s+[-\u2013\u2014]\s+)",
    re.I,
)
"""An answer's refusal head ("I'm afraid not: …", "No. …")."""

_AGENT = re.compile(
    r"`|\b(?:say no|politely|tell (?:them|the customer)|call (?:the )?\w+ tool|"
    r"escalate|hand (?:it|them) (?:off|over))\b",
    re.I,
)
"""A prompt sentence said to the agent, not a policy the KB would state."""

_CUSTOMER_HEAD = re.compile(
    r"^(?:Customers|Clients|Members|Guests|Users|Patients|Students|Residents|"
    r"Passengers|Visitors|Tenants|Buyers|Shoppers|A customer|The customer)\s+"
    r"(?=(?:can|may|don't|do not|no longer|are|will|get|need)\b)",
)
_DENIED_VERB = re.compile(
    r"\b(?:can't|cannot|can not|can’t|won't be able to|aren't able to|are not able to)\s+"
    r"(?P<verb>[a-z]+)",
    re.I,
)
_ALLOWED_VERB = re.compile(r"\b(?:can|may)\s+(?P<verb>[a-z]+)", re.I)
_TERMS_HEAD = re.compile(
    r"\s+(?:at any|any ?time|whenever|with|up to|from|free|for free|without|on|once)\b", re.I
)
_WAIT_TAIL = re.compile(
    r"\s+(?:until|till|before|unless|during|in (?:your|the) first|within (?:your|the) first)"
    r"\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"(?:[;:]|,\s+(?:so|and|but|as)|\s+(?:so|but))\s+", re.I)
_THEIR = re.compile(r"\b(?:their|they|them|themselves)\b", re.I)
_YOUR = {"their": "your", "they": "you", "them": "you", "themselves": "yourself"}
_REGRET = re.compile(
    r"^(?:(?:I'm|I’m|We're|We’re) (?:afraid|sorry)(?: that)?|Sorry(?:,? but)?|"
    r"Unfortunately|Sadly)[,:]?\s+",
    re.I,
)
_ORDER = re.compile(
    r"^(?:never|don't|do not|always|please|make sure|be sure|tell|ask|offer|check|say|"
    r"call|use|refuse|decline|try|avoid|only (?:ever )?(?:offer|say|tell|call|use))\b",
    re.I,
)
"""An old sentence ordering the agent ("Never try to talk a customer out of cancelling"): how
the agent works, no restriction the customer was under."""
_PLACEHOLDER = re.compile(r"\{\{[^{}]{1,200}\}\}|\{%[^{}]{1,200}%\}")
_BULLET = re.compile(r"^(?P<lead>\s*(?:[-*+•]|\d{1,3}[.)])\s+)")
_QUESTION = re.compile(r"^[#*_\s\d.)-]*(?P<q>[^\n]{1,300}\?)[*_\s]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“`(])")
_RULE_SENTENCES = 3
_HYPHEN_NOT = re.compile(r"\b(?:non|un)-([a-z]{3,})\b", re.I)
"""A state negated with a hyphen ("non-transferable"), read as the negated word."""
_FIRST_PERSON = re.compile(r"\bI(?:['’](?:m|ll|d|ve))?\b")
"""The agent speaking of itself ("I'll explain that …"): no sentence the KB states."""
_CLAUSES = re.compile(
    r"[,;:]\s+|\s+(?:and|but|while|which|plus|as well as)\s+|\s+[-\u2013\u2014]\s+", re.I
)
"""Where a KB sentence or list item joins one statement to another."""
_TONE = re.compile(
    r"^\W*(?:sorry|(?:I'm|I’m|we're|we’re) (?:afraid|sorry)|unfortunately|sadly|"
    r"(?:I'm|I’m) (?:afraid|sorry))\b",
    re.I,
)
"""A clause of regret: the tone of a refusal, no fact."""
_OPEN_END = frozenset(
    [
        "if",
        "or",
        "and",
        "but",
        "unless",
        "when",
        "that",
        "as",
        "so",
        "to",
        "of",
        "with",
        "for",
        "even",
        "than",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "from",
    ]
)
"""A function word no state ends on ("unused, even if"): a fragment cut short."""
_WHO = frozenset(
    [
        "member",
        "customer",
        "client",
        "guest",
        "user",
        "patient",
        "student",
        "resident",
        "passenger",
        "visitor",
        "tenant",
        "buyer",
        "shopper",
        "rider",
        "adult",
        "child",
        "everyone",
        "anyone",
        "people",
        "person",
        "you",
    ]
)
"""Who a rule is for: no topic of the restriction ("members only" said of another perk)."""
_NEGATIONS = frozenset(
    [
        "no",
        "not",
        "non",
        "never",
        "can't",
        "cannot",
        "can’t",
        "don't",
        "doesn't",
        "isn't",
        "aren't",
        "without",
        "must",
        "only",
        "until",
        "unless",
        "won't",
        "mustn't",
    ]
)
_STOP = frozenset(
    [
        "every",
        "each",
        "any",
        "all",
        "however",
        "whatever",
        "whichever",
        "always",
        "customer",
        "customers",
        "ask",
        "asks",
        "if",
        "they",
        "them",
        "their",
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "so",
        "once",
        "still",
        "also",
        "just",
        "will",
        "would",
    ]
)


def _stems(text: str) -> set[str]:
    out = set()
    for word in terms(text):
        word = str(CARDINALS.get(word, word)) if word in CARDINALS else word
        if word not in _STOP and len(word) > 1:
            out.add(word.rstrip("'’"))
    return out


def _negated(text: str) -> set[str]:
    return {w for m in _NEGATED.finditer(text) for w in _stems(m.group("words"))}


def _sentences(text: str | None) -> list[str]:
    if not text:
        return []
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def _positive(word: str) -> str | None:
    for prefix in ("un", "non"):
        if word.startswith(prefix) and len(word) > len(prefix) + 3:
            return word[len(prefix) :]
    return None


@dataclass(frozen=True)
class LiftedBound:
    """An old prompt sentence's restriction the new prompt lifts, and the rule said instead."""

    old: str
    new: str
    marks: frozenset[str]
    """Stems the old sentence said as the restriction that the new one drops or flips."""
    strong: frozenset[str]
    """Marks whose positive form the new sentence says ("unopened" → "opened")."""
    topic: frozenset[str]
    """Stems the old and new sentences share, unflipped."""
    rule: str
    """The new rule, said to the customer (the hunk's new policy sentences)."""
    state: str
    """What the new sentence says where the old one said the restriction ("" when none)."""
    policy: tuple[str, ...] = ()
    """The new prompt's policy sentences the rule is said from, in the prompt's words."""
    flipped: frozenset[str] = frozenset()
    """Marks said negated on one side and not the other ("can't be put" → "can be put")."""
    subject: frozenset[str] = frozenset()
    """What the restriction is on: the old sentence's words before it that the new one says
    too ("membership" of "Every membership has a minimum term"), who it is for aside."""

    def _other_fact(self, text: str, *, strict: bool = False) -> bool:
        """Whether a KB sentence or list item says something besides the restriction: a
        clause with no mark naming a number, or two words or more, that neither prompt sentence
        nor the rule says ("… and include free towel hire", "in original packaging"). A clause
        of regret ("Sorry to be …") or one saying a restriction in its own words is the
        restriction's, unless it names a number of its own. `strict`: a list item's piece
        names no word of its own at all ("with your receipt")."""
        said = _stems(self.old) | _stems(self.new) | _stems(self.rule)
        heads = {w[:5] for w in said if len(w) >= 5}
        for clause in _CLAUSES.split(text.strip()):
            words = _stems(clause)
            if words & self.marks or _TONE.match(clause):
                continue
            unsaid = {
                w
                for w in words - said - _WHO
                if w[:5] not in heads and not any(other.startswith(w) for other in said)
            }
            numbers = {w for w in unsaid if w[:1].isdigit()}
            if numbers or (len(unsaid) > (0 if strict else 1) and not _LIMIT.search(clause)):
                return True
        return False

    def weight(self, text: str, question: str = "") -> int:
        """How strongly a KB sentence states this restriction (2 or more: it does)."""
        if len(text) > _MAX:
            return 0
        words = _stems(text)
        shared = words & self.marks
        score = len(shared) + len(shared & self.strong)
        fragment = bool(_BULLET.match(text)) or text.lstrip().startswith("|")
        if not (_LIMIT.search(text) or fragment or _REFUSAL.match(text)):
            return 0
        if not shared:
            return 0
        if fragment:
            if not (words & self.topic - _WHO or shared & self.flipped or len(shared) >= 3):
                # only words the new sentence dropped, on nothing the rule is about
                return 0
        elif not (words | _stems(question)) & self.subject:
            # a sentence (or an answer under its question) naming nothing the restriction is
            # on: the same restriction on another item or service ("Lockers have a minimum
            # term of 3 months" beside memberships, "Private dining must be paid in full")
            return 0
        if _REFUSAL.match(text) and question and _stems(question) & self.topic:
            score += 1
        return score

    def rewritten(self, raw: str, question: str = "") -> str | None:
        """The KB unit with the restriction said as the new rule; None when no confident
        rewrite exists."""
        if len(raw) > _MAX:
            return None
        stripped = raw.strip()
        if stripped.startswith("|"):
            return self._cell(raw)
        bullet = _BULLET.match(raw)
        if bullet:
            if not self.state or self._other_fact(raw[bullet.end() :], strict=True):
                return None
            return bullet.group("lead") + self.state
        if not self.rule:
            return None
        if _PLACEHOLDER.search(raw):
            # the rule said in the sentence's place would lose the item's placeholders: the
            # denied action said as allowed, with the new rule's terms, or nothing
            return self._allowed(raw)
        refusal = _REFUSAL.match(raw)
        if self._other_fact(raw[refusal.end() :] if refusal else raw):
            # the rule in the sentence's place would lose its other facts: a writer's
            return None
        if refusal:
            mark = refusal.group("mark")
            rule = (
                self.rule
                if "." in mark or "!" in mark or re.match(r"I\b", self.rule)
                else lower_first(self.rule)
            )
            return f"Yes{mark}{rule}"
        return self.rule

    def _allowed(self, raw: str) -> str | None:
        """A sentence denying an action ("we can't cancel account {{x}} until your first 12
        months are up") said as allowed on the new rule's terms ("We can cancel account {{x}}
        at any time with 30 days' notice."), the clauses before it that state the restriction
        dropped and the rule's other sentences said first. None unless the new rule says the
        same verb allowed, its terms after it."""
        denied = _DENIED_VERB.search(raw)
        if denied is None:
            return None
        verb = denied.group("verb").lower()
        rules = _sentences(self.rule)
        allowed = [(r, m) for r in rules for m in [_ALLOWED_VERB.search(r)] if m is not None]
        allowed = [(r, m) for r, m in allowed if m.group("verb").lower() == verb]
        if len(allowed) != 1:
            return None
        said, found = allowed[0]
        after = said[found.end() :]
        head = _TERMS_HEAD.search(after[:80])
        if head is None:
            return None
        terms_said = after[head.start() :].rstrip(" .!")
        rest = raw[denied.end() :]
        cut = _WAIT_TAIL.search(rest)
        obj = rest[: cut.start()] if cut else rest.rstrip(" .!")
        if _LIMIT.search(obj) or len(obj) > 120:
            return None
        heads = [m.end() for m in _CLAUSE_BREAK.finditer(raw, 0, denied.start())]
        start = heads[-1] if heads else 0
        before = raw[:start]
        if before and not (_LIMIT.search(before) or _stems(before) & self.marks):
            # what goes before says something of its own: a writer's
            return None
        subject = _REGRET.sub("", raw[start : denied.start()])
        clause = f"{subject}can {denied.group('verb')}{obj}{terms_said}."
        others = " ".join(r for r in rules if r != said)
        return " ".join(filter(None, [others, upper_first(clause.strip())]))

    def _cell(self, raw: str) -> str | None:
        cells = raw.split("|")
        hit = [i for i, cell in enumerate(cells) if i > 1 and _stems(cell) & self.marks]
        if len(hit) != 1:
            # no one value cell says the restriction
            return None
        cell = cells[hit[0]]
        pieces = [p.strip() for p in re.split(r"[,;]", cell) if p.strip()]
        free = [p for p in pieces if not _stems(p) & self.marks]
        said = _stems(self.new) | _stems(self.rule)
        kept = [re.sub(r"^(?:then|and|after that|afterwards)\s+", "", p, flags=re.I) for p in free]
        kept = [p for p in kept if p and _stems(p) <= said and not _LIMIT.search(p)]
        if kept and len(kept) == len(free):
            value = upper_first(", ".join(kept))
        elif self.state and not free:
            value = upper_first(self.state)
        else:
            return None
        lead = cell[: len(cell) - len(cell.lstrip())]
        tail = cell[len(cell.rstrip()) :]
        cells[hit[0]] = f"{lead}{value}{tail}"
        return "|".join(cells)


def _to_customer(sentence: str) -> str:
    """A policy sentence about the customers said to "you" ("Members can freeze their
    membership …" → "You can freeze your membership …")."""
    said, n = _CUSTOMER_HEAD.subn("You ", sentence, count=1)
    if not n:
        return sentence
    return _THEIR.sub(lambda m: _YOUR[m.group(0).lower()], said)


def _said_to_customer(sentence: str, customer: str | None) -> str | None:
    """A new prompt's policy sentence as the KB would state it (`promptrule.voiced`, then
    `as_policy`), the customers said as "you"; None when it is the agent's own work ("If a
    customer asks to cancel, use …"), the agent speaking ("I'll explain that …"), or voiced
    with a problem (`voicing_problems`)."""
    if _FIRST_PERSON.search(sentence):
        return None
    said = voiced(sentence, customer)
    if said is None:
        return None
    text = as_policy(said.sentence)
    if voicing_problems(sentence, text):
        return None
    return _to_customer(text)


def _state(old: str, new: str) -> str:
    """What the new sentence says where the old one differs: the new words between the two
    sentences' common head and common tail, at word bounds."""
    a, b = old.rstrip(".!"), new.rstrip(".!")
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    head = b.rfind(" ", 0, head + 1) + 1 if head < len(b) else head
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    said = b[head : len(b) - tail] if tail else b[head:]
    said = said.strip(" ,;:")
    if len(said.split()) < 2 or head < 8 or said.split()[-1].lower() in _OPEN_END:
        # nothing shared ahead: the sentence is rewritten whole, no state in a slot
        return ""
    return said


def lifted_bounds(
    pairs: Iterable[tuple[str, str]], condition: Iterable[str] = ()
) -> list[LiftedBound]:
    """The restrictions the rewritten prompt text (`pairs`: old, new text of each hunk or
    sentence of one change) lifts or relaxes. A word is dropped only when no new text of the
    change says it, and the rule said in a restriction's place is every new policy sentence
    of the change (its orders to the agent aside), at most `_RULE_SENTENCES`. `condition`:
    the stems the change's condition names, each a word of what the restriction is on."""
    split = [(_sentences(old), _sentences(new)) for old, new in pairs]
    split = [(olds, news) for olds, news in split if olds and news]
    every_old = {s for olds, _ in split for s in olds}
    said_new = {w for _, news in split for s in news for w in _stems(s)}
    customer = customer_noun(s for _, news in split for s in news)
    voicings: dict[str, str] = {}
    for _, news in split:
        for s in news:
            if s in every_old or s in voicings or _AGENT.search(s) or len(s) > _MAX:
                continue
            said = _said_to_customer(s, customer)
            if said is not None:
                voicings[s] = said
    policy = list(voicings)[:_RULE_SENTENCES]
    rule = " ".join(voicings[s] for s in policy)
    read: list[LiftedBound] = []
    for olds, news in split:
        for old in olds:
            if old in news or _AGENT.search(old) or _ORDER.match(old) or len(old) > _MAX:
                continue
            limits = [m.group(0).lower() for m in _LIMIT.finditer(old)]
            if not limits:
                continue
            if "|" in old:
                # a table row of the prompt: its cells are no one sentence
                continue
            words = _stems(old)
            new = max(news, key=lambda s: (len(words & _stems(s)), -news.index(s)))
            new_words = _stems(new)
            if not words & new_words or _AGENT.search(new) or "|" in new:
                # an order to the agent in its place says what the agent does, not the rule:
                # the words it leaves out are no restriction lifted
                continue
            lower = new.lower()
            lifted = [
                m
                for m in limits
                if m not in lower
                or re.search(r"\b(?:no|without)\s+" + re.escape(m), lower) is not None
            ]
            if not lifted:
                continue
            flipped = (_negated(old) & new_words - _negated(new)) | (
                _negated(new) & words - _negated(old)
            )
            dropped = words - said_new
            strong = {w for w in dropped if (p := _positive(w)) and p in said_new}
            # a hyphened "non-"/"un-" word is the negated word itself ("non-transferable")
            strong |= {w for m in _HYPHEN_NOT.finditer(old) for w in _stems(m.group(1))}
            marks = frozenset((dropped | flipped) - _STOP - _NEGATIONS)
            if not marks:
                continue
            # what each restriction is on: the words of its clause before it the new sentence
            # says too, else all of them ("Tickets are non-transferable: a booking can't be
            # put …" → tickets, booking), who it is for aside
            subject = set(condition)
            for limit in _LIMIT.finditer(old):
                breaks = [m.end() for m in _CLAUSE_BREAK.finditer(old, 0, limit.start())]
                before = _stems(old[breaks[-1] if breaks else 0 : limit.start()])
                before = {w for w in before - _WHO - flipped if not w.isdigit()}
                subject |= (before & new_words) or before
            if not subject:
                # the restriction opens the sentence: what else both sentences say
                subject = {w for w in words & new_words - _WHO - flipped if not w.isdigit()}
            read.append(
                LiftedBound(
                    old,
                    new,
                    marks,
                    frozenset(strong),
                    frozenset(words & new_words - flipped),
                    rule,
                    _state(old, new),
                    tuple(policy),
                    frozenset(flipped - _STOP - _NEGATIONS),
                    frozenset(subject),
                )
            )
    return read


LIFTED_BOUND_REASON = "states the restriction the new prompt lifts"


def change_lifts(facts: ChangeFacts) -> list[LiftedBound]:
    """`lifted_bounds` of the change's prompt hunks (sentence and section rules)."""
    pairs = [
        (rule.old or "", rule.new)
        for rule in facts.rules
        if rule.new and (rule.kind.startswith("sentence_") or rule.kind.startswith("section_"))
    ]
    pairs += [pair for pair in facts.section_changes if pair not in pairs]
    return lifted_bounds([(old, new) for old, new in pairs if old], condition_words(facts))


def question_of(body: str, start: int) -> str:
    """The question a sentence at `start` answers: the last non-blank line before it, when it
    is a question."""
    before = body[max(0, start - 2000) : start]
    lines = [line for line in before.split("\n") if line.strip()]
    if not lines:
        return ""
    found = _QUESTION.match(lines[-1])
    return found.group("q") if found else ""


def touches(lifts: Sequence[LiftedBound], text: str) -> bool:
    """Whether a KB sentence shares a mark with a lifted restriction: another rule's mark on
    the same restriction's sentences."""
    words = _stems(text[:_MAX])
    return any(words & lift.marks for lift in lifts)


def refuses(text: str) -> bool:
    """Whether a KB sentence opens with a refusal ("I'm afraid not: …"): read with the
    question it answers."""
    return _REFUSAL.match(text) is not None


def lifting(lifts: Sequence[LiftedBound], text: str, question: str = "") -> LiftedBound | None:
    """The one lifted restriction a KB sentence states (None: none, or more than one)."""
    scored = [(lift.weight(text, question), i) for i, lift in enumerate(lifts)]
    best = max((s for s, _ in scored), default=0)
    if best < 2:
        return None
    top = [lifts[i] for s, i in scored if s == best]
    # restrictions of one hunk say one rule: a tie between them is no doubt
    return top[0] if len({lift.rule for lift in top}) == 1 else None


def lifted_sentences(facts: ChangeFacts, body: str, units: Sequence[Unit]) -> list[str]:
    """The units of an item (its `body`) stating a restriction the change lifts or relaxes."""
    lifts = change_lifts(facts)
    if not lifts:
        return []
    return [
        unit.text
        for unit in units
        if lifting(lifts, unit.text, question_of(body, unit.start) if refuses(unit.text) else "")
        is not None
    ]


def lifted_bound_edit(
    facts: ChangeFacts, body: str, body_format: str, sentences: Sequence[str]
) -> tuple[str | None, str] | None:
    """The item's body with each sentence (`sentences`, marked for this reason) stating a
    lifted restriction said as the new rule, and why; (None, why) when one of them has no
    confident rewrite; None when no lifted restriction is read."""
    lifts = change_lifts(facts)
    if not lifts or not sentences:
        return None
    said: list[str] = []
    unsaid: list[str] = []

    def rewrite(unit: Unit, raw: str) -> str | None:
        question = question_of(body, unit.start) if refuses(unit.text) else ""
        lift = lifting(lifts, unit.text, question)
        new = lift.rewritten(raw, question) if lift is not None else None
        if new is None:
            unsaid.append(unit.text)
            return None
        said.append(unit.text)
        return new

    new_body = rewrite_conflicting(body, body_format, set(sentences), rewrite)
    if unsaid:
        quoted = "; ".join(f"\u201c{text}\u201d" for text in unsaid)
        return None, (
            "Flagged for review: the new prompt lifts or relaxes a restriction this item "
            f"still states in {quoted}; no confident rewrite in the item's words (a "
            "placeholder or a clause the new rule does not say): a writer should say the new "
            f"rule: \u201c{lifts[0].rule or lifts[0].new}\u201d."
        )
    if new_body is None or new_body == body:
        return None
    rules = "; ".join(f"\u201c{b.old}\u201d \u2192 \u201c{b.new}\u201d" for b in lifts)
    quoted = "; ".join(f"\u201c{text}\u201d" for text in said)
    return new_body, (
        f"The new prompt lifts or relaxes a restriction ({rules}); this item still states it "
        f"in {quoted}. The edit says the new rule there and keeps everything else."
    )
