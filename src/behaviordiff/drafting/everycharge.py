"""A charge now taken from everyone on a topic where there was none: the old prompt said the
thing was free ("Blade sharpening is free, so tell them nothing is added to the bill."), the
new one charges it for every customer ("Blade sharpening costs $7 for every member; tell them
the $7 is added to the bill."), the change's condition holds no numeric line and no category
(its topic's tag at most), and a call's argument, if one moved, moved from 0.

The KB says the thing is free in its own words ("we'll sharpen the blades too, free of
charge", a table row "| Blade sharpening | Free |", "and it doesn't cost a penny" under a
heading about it). Each such sentence is said again with the charge in place of the words
saying it is free, in the item's own voice, every other byte kept: "free of charge" → "for
$7", "it doesn't cost a penny" → "it costs $7", a cell "Free" → "$7". A sentence names the
topic by the charge's head noun ("sharpening") or a whole subject the old rule said was free;
a sentence saying it of "it" ("and it doesn't cost a penny") by a word only the changed rule
uses in the new prompt, in it, its paragraph or its heading. Other things given free ("the
storage bag at no extra cost", "Sending it back is free") and the same amount on other topics
("$7 off your next visit") stay. A sentence another finder already marked is that finder's.

Pure text helpers: `impact` marks the sentences (`every_charge_conflicts`), the template
drafter rewrites them (`every_charge_edit`), a drafting model is told the same
(`every_charge_fact`) and its edit that keeps one is refused the same way
(`still_every_denied`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import Any

from behaviordiff.detect.model import Atom
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.newcharge import (
    ABSENCE,
    CHARGE_WORDS,
    FREE_SUBJECT,
    as_told,
    from_nothing,
    named_charge,
    without_code,
)
from behaviordiff.drafting.oldside import OLD_SIDE_REASON, old_side_conflicts, old_side_edit
from behaviordiff.drafting.perunit import charge_unit
from behaviordiff.drafting.rules import requirement
from behaviordiff.drafting.text import (
    STOPWORDS,
    Keep,
    Unit,
    marked_sentences,
    plain_text,
    rewrite_units,
    still_saying,
    terms,
    units,
    with_one_cell,
)
from behaviordiff.kb.model import KnowledgeItem

EVERY_CHARGE_REASON = "says it is free where the new prompt now charges everyone"

_NOT_FREE = re.compile(r"unlimited|no\s+(?:extra\s+|additional\s+|added\s+)?limits?", re.I)
"""What `ABSENCE` reads that says no limit, not no charge."""
_PRONOUN = re.compile(
    r"(?:^|[,;:(]\s*|\b(?:and|but|so)\s+)(?:it|this|that)(?:'s|’s|\s+is)?\s+$", re.I
)
"""A clause whose subject is a bare "it" ("…, and it doesn't cost a penny"): what it says is
free is named around it, not in it. Read on the last characters before the words."""
_FREE_WORDS = frozenset(
    terms(
        "free charge cost costs nothing penny pay included complimentary us tell when whenever "
        "if ask asks asked want wants customer customers them they someone"
    )
)
"""Words of charging and of framing a prompt rule ("When a customer asks …, tell them"): none
names what the rule is about."""
ZERO = re.compile(r"^[$£€]?\s?0+(?:\.0+)?$")
"""A value of nothing ("0", "£0.00"): what a charge moved from."""
CELL_FREE = re.compile(
    r"(?:free(?:\s+of\s+charge)?|no\s+(?:extra\s+|additional\s+)?charge|included|complimentary"
    r"|on\s+us|[$£€]\s?0+(?:\.0+)?)[.!]?",
    re.I,
)
"""A table cell saying nothing but that the thing is free."""
_TELL = re.compile(r"[;:,]\s+(?:and\s+|so\s+)?tell\s+(?:them|the\s+customer)\b", re.I)
_AMOUNT_VALUE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_COUNT = re.compile(r"(?<![\d.,$£€])\d[\d,]*(?:\.\d+)?(?![\d%])")


@dataclass(frozen=True)
class EveryCharge:
    """The charge a change now takes from everyone on a topic, and how the KB is to say it."""

    rule: Rule
    """The prompt rule that now charges."""
    amount: str
    """"$7"."""
    what: str
    """What is charged for, in the prompt's words ("blade sharpening", "sharpening fee")."""
    said: str
    """The rule as a customer may read it (`newcharge.as_told`), or its words as written."""
    topics: tuple[frozenset[str], ...]
    """What names the charged thing, as sets of `terms` a sentence names one of in full: the
    head of `what` ({"sharpening"}) and each subject an old rule said was free ({"blade",
    "sharpening"})."""
    own: frozenset[str]
    """The changed rules' words no other section of the new prompt uses: what names the topic
    around a sentence saying it of "it"."""
    unit: str = ""
    """What the amount is per, as the new rule says it after the amount (" per dog per
    night"), or ""."""

    @property
    def priced(self) -> str:
        """The amount with what it is per: "£15 per dog per night", "$7"."""
        return self.amount + self.unit

    @property
    def thing(self) -> str:
        """What is charged for: "the nail trim", or "it" when the prompt names only "a
        charge"."""
        return f"the {self.what}" if set(terms(self.what)) - CHARGE_WORDS else "it"

    @property
    def charged(self) -> str:
        """What is charged, as a phrase: "$7 for the nail trim", "£15 per dog per night" (the
        prompt naming only "a charge")."""
        if not set(terms(self.what)) - CHARGE_WORDS:
            return self.priced
        return f"{self.priced} for the {self.what}"


def amount_value(amount: str) -> float | None:
    """The number of an amount ("£1,250.50" → 1250.5), or None."""
    found = _AMOUNT_VALUE.search(amount)
    return float(found.group(0).replace(",", "")) if found else None


@once_per_change
def every_charge(facts: ChangeFacts) -> EveryCharge | None:
    """The charge a change now takes from everyone where the old prompt said it was free, or
    None: the condition holds tags only (or there is none), every moved value and prompt
    value went from 0 to the charge's amount, an old rule of the change says the thing is
    free and no new one does, and a new rule names the amount ("Sharpening costs $7") that
    its old version did not. A charge past a line is `newcharge`'s, one for a case of
    categories `casecharge`'s."""
    if facts.condition is not None and any(
        a.op != "tag" and not _no_line(a, facts) for a in facts.condition.atoms
    ):
        return None
    if not from_nothing(facts.moved) or any(not ZERO.match(m.old.strip()) for m in facts.moves):
        return None
    olds = [without_code(rule.old) for rule in facts.rules if rule.old]
    if not any(free_claims(old) for old in olds) or requirement(facts.rules) is not None:
        return None
    if any(rule.new and free_claims(without_code(rule.new)) for rule in facts.rules):
        return None  # the new prompt still gives some of it free: not a charge for everyone
    news: set[float | None] = {new for value in facts.moved for _, _, new in value.values}
    news |= {amount_value(move.new) for move in facts.moves}
    for rule in facts.rules:
        if not rule.new or not rule.kind.startswith("sentence"):
            continue
        found = named_charge(rule.new)
        if found is None or (rule.old and found[0] in rule.old):
            continue
        amount, what = found
        if news - {amount_value(amount)}:
            continue  # another amount moved too: not this one charge
        charge = charge_of(facts, rule, amount, what)
        if charge is None:
            return None
        return replace(charge, unit=charge_unit(without_code(rule.new), amount))
    return None


def _no_line(atom: Atom, facts: ChangeFacts) -> bool:
    """Whether a numeric atom of the condition draws no line of the charge: each of its bounds
    says "any at all" (over 0, 1 or more) or is a limit the new prompt states outside the
    changed rules and none of them states ("up to a maximum of 2 dogs" kept, beside "a charge
    of £15 per dog"), so the charge is taken from everyone it can be."""
    bounds: list[tuple[object, str]]
    if atom.op == "between":
        bounds = [(atom.low, ">=" if atom.low_inclusive else ">"), (atom.high, "<=")]
    elif atom.op in (">", ">=", "<", "<="):
        bounds = [(atom.value, atom.op)]
    else:
        return False
    changed = " ".join(without_code(rule.new) for rule in facts.rules if rule.new)
    kept = [
        sentence
        for sentences in facts.prompt_sections.values()
        for sentence in sentences
        if without_code(sentence) not in changed
    ]
    for value, op in bounds:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if (op, float(value)) in ((">", 0.0), (">=", 1.0)):
            continue
        if float(value) in _counts(changed) or not any(float(value) in _counts(t) for t in kept):
            return False
    return True


def _counts(text: str) -> set[float]:
    """The numbers `text` states that are no amount of money ("2 dogs", not "£15")."""
    return {float(found.group(0).replace(",", "")) for found in _COUNT.finditer(text)}


def charge_of(facts: ChangeFacts, rule: Rule, amount: str, what: str) -> EveryCharge | None:
    """The charge a new prompt rule names (`amount` for `what`), with what names its topic in
    a KB sentence (`EveryCharge.topics`, `EveryCharge.own`); None when nothing names it."""
    olds = [without_code(other.old) for other in facts.rules if other.old]
    head = [word for word in terms(what) if word not in CHARGE_WORDS]
    topics = [frozenset(head[-1:])] if head else []
    if head and (plural := frozenset(terms(head[-1] + "s"))) not in topics:
        topics.append(plural)  # a short noun's plural keeps its "s" ("day", "days")
    for old in olds:
        for free in FREE_SUBJECT.finditer(old):
            subject = frozenset(terms(free.group("subject"))) - STOPWORDS
            if subject:
                topics.append(subject)
    if not topics:
        return None
    elsewhere = {
        word
        for name, sentences in facts.prompt_sections.items()
        if name != rule.section
        for sentence in sentences
        for word in terms(sentence)
    }
    changed = " ".join(without_code(text) for r in facts.rules for text in (r.old, r.new) if text)
    own = frozenset(terms(changed)) - elsewhere - _FREE_WORDS - CHARGE_WORDS
    own -= set(terms(amount))
    said = as_told(without_code(rule.new or "")) or without_code(rule.new or "")
    # what the agent is told to tell the customer is the prompt's, not the rule
    said = _TELL.split(said, maxsplit=1)[0].rstrip(" .") + "."
    return EveryCharge(rule, amount, what, said, tuple(topics), frozenset(own))


def free_claims(text: str) -> list[re.Match[str]]:
    """The words of `text` saying something is not charged for (`newcharge.ABSENCE`), not
    those saying it has no limit."""
    return [m for m in ABSENCE.finditer(text) if not _NOT_FREE.fullmatch(m.group(0))]


def says_free(text: str) -> bool:
    """Whether `text` says something is not charged for ("free of charge", "it doesn't cost a
    penny", a cell "Free"): a value moved from 0 is stated there."""
    return bool(free_claims(text))


def _said_of_it(text: str, found: re.Match[str]) -> bool:
    return _PRONOUN.search(text[max(0, found.start() - 12) : found.start()]) is not None


def denies_every_charge(
    charge: EveryCharge, sentence: str, around: Sequence[AbstractSet[str]] = ()
) -> bool:
    """Whether a KB sentence (or row) says the thing now charged for everyone is free: words
    saying so, not the amount already, and the thing named in it or in the question heading
    it answers (the third of `around`) (`EveryCharge.topics`), or, said of "it", a word only
    the changed rule uses in it or `around` it (the `terms` of its heading and of its
    paragraph before it)."""
    found = free_claims(sentence)
    if not found or charge.amount in sentence:
        return False
    said = set(terms(sentence))
    if any(words <= said for words in charge.topics):
        return True
    if len(around) > 2 and any(words <= set(around[2]) for words in charge.topics):
        return True  # a question heading names the thing ("## Do you take deposits?")
    if not any(_said_of_it(sentence, m) for m in found):
        return False
    return any(word in said or any(word in near for near in around) for word in charge.own)


def free_units(charge: EveryCharge, text: str, item_units: Sequence[Unit]) -> list[int]:
    """The indexes of the units saying the charged thing is free. One pass: the words of the
    current heading (again when it is a question) and of the paragraph so far are carried
    along."""
    marked: list[int] = []
    heading: set[str] = set()
    asked: set[str] = set()
    before: set[str] = set()
    for index, unit in enumerate(item_units):
        if index and "\n\n" in text[item_units[index - 1].end : unit.start].replace("\r", ""):
            before = set()
        if unit.text.startswith("#"):
            heading, before = set(terms(unit.text)), set()
            asked = heading if unit.text.rstrip().endswith("?") else set()
            continue
        if denies_every_charge(charge, unit.text, (heading, before, asked)):
            marked.append(index)
        before |= set(terms(unit.text))
    return marked


def every_charge_conflicts(
    facts: ChangeFacts,
    text: str,
    item_units: list[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the units of `text` saying the thing now charged for everyone is free
    marked (`make` builds a conflict from index, text and reasons); a unit another finder
    marked is left to it (the prompt-rule path writes it)."""
    charge = every_charge(facts)
    if charge is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    # a sentence restating the old prompt rule is the old-side writer's (`oldside`): marked
    # for it beside this module's own, so that each writer says its own sentences
    old_side = [
        c for c in old_side_conflicts(facts, item_units, [], make) if c.unit_index not in taken
    ]
    beside = {c.unit_index for c in old_side}
    own = [index for index in free_units(charge, text, item_units) if index not in taken | beside]
    if not own:
        return found
    marked = [*found, *old_side]
    marked += [make(index, item_units[index].text, (EVERY_CHARGE_REASON,)) for index in own]
    marked.sort(key=lambda conflict: conflict.unit_index)
    return marked


def _costs(found: re.Match[str], amount: str, per: bool = False) -> str | None:
    """The words saying a thing is free said as its charge, in the same voice; None when no
    plain way is known. `per`: the amount says what it is per ("£15 per dog per night")."""
    words = found.group(0)
    said = {
        r"free\s+of\s+(?:any\s+)?charge": f"for {amount}",
        r"at\s+no\s+cost": f"for {amount}",
        r"at\s+no\s+(?:extra|additional)\s+cost": f"for an extra {amount}",
        r"no\s+(?:extra\s+|additional\s+)?(?:charge|fee|cost)": (
            f"a charge of {amount}" if per else f"a {amount} charge"
        ),
    }
    for pattern, phrase in said.items():
        if re.fullmatch(pattern, words, re.I):
            return phrase
    verbs = re.fullmatch(
        r"(?P<not>doesn't|doesn’t|does\s+not|won't|won’t|will\s+not)\s+cost\s+(?P<you>you\s+)?"
        r"(?:anything|a\s+penny|a\s+thing|a\s+cent|extra)",
        words,
        re.I,
    )
    if verbs:
        will = "will " if verbs["not"].lower().startswith("w") else ""
        return f"{will}{'cost' if will else 'costs'} {verbs['you'] or ''}{amount}"
    nothing = re.fullmatch(r"(?P<verb>costs?)\s+(?P<you>you\s+)?nothing", words, re.I)
    if nothing:
        return f"{nothing['verb']} {nothing['you'] or ''}{amount}"
    return None


_EVERY_TAIL = re.compile(
    r"\s+(?:for|to)\s+(?:every|each|all|any|everyone|everybody|anyone)\b[\w'’ -]*"
)
"""A cell's claim over every case after its word for free ("Free for every new dog"): true
of the charge too, since everyone now pays it."""
_SO = re.compile(r"\s*(?:[,;]\s+so\s+(?!(?:is|are|was|were|do|does|did|can|will)\b)|:\s+)")
"""A clause saying what follows from the claim before it ("…, so there's nothing to pay"), or
saying it again after a colon ("no charge for dogs: they stay free"), not another thing said to
be free too ("…, so is the bag")."""
_ANSWER = re.compile(
    r"(?:yes|yep|no|nope|not\s+at\s+all|of\s+course(?:\s+not)?)\s*[:,;!.–—]\s+"
    r"(?!(?:and|but|so|or|if|when)\b)(?=[A-Za-z])",
    re.I,
)
"""A yes or no opening a sentence that answers a question ("Not at all: dogs stay free"): said
of the claim the charge turns round, it goes with it."""
_FOR_WHAT = re.compile(r"\s+for\s+(?:your\s+|the\s+|their\s+)?(?P<what>[A-Za-z][\w'’-]*)")
_LIST_ON = re.compile(
    r"\s*(?:,\s*|\s(?:or|and|nor)\s+)(?:or\s+|and\s+)?"
    r"(?!(?:and|but|so|or|nor|then|just|as|if|when|once|until|unless|because|since|though"
    r"|although|even|which|who|whatever|whichever|wherever|whenever|please|plus|including"
    r"|any|every|all|each|for|on|in|at|with|from|to|by|per"
    r"|we|you|they|it|i|he|she|there|this|that)\b)[A-Za-z]",
    re.I,
)
"""A list going on from what a claim is for ("for seats or helmets", "for seats, helmets or
locks"), not a clause after it (", so relax", " and we fit them"): the other things listed are
no part of the charge."""
_NO_ANSWER = re.compile(r"(?:no|nope|not\s+at\s+all|of\s+course\s+not)\s*[:,;!.–—]", re.I)
"""A "no" opening a sentence saying a thing is free: it answers whether the thing costs."""
_COST_WORDS = frozenset(terms("free charge charges charged cost costs extra pay paid fee price"))
"""Words of a question asking what a thing costs ("Does a child seat cost extra?")."""

_TOO = re.compile(
    r"(?:[,;]\s*(?:and\s+)?|\band\s+)(?:so|as|nor|neither)\s+"
    r"(?:is|are|was|were|do|does|did|can|will)\b",
    re.I,
)
"""Another thing said to be free by the claim before it ("…, so is the ball hire", "…, as are
the towels"): the charge said in the claim's place would leave it dangling, or say the other
thing costs the amount too."""


def _charged_cell(amount: str, cell: str) -> str | None:
    """A cell saying only that the thing is free, maybe for every case, said as the charge:
    "Free" → "$7", "Free for every new dog" → "$7 for every new dog"; else None."""
    text = cell.strip()
    if CELL_FREE.fullmatch(text):
        return amount
    found = CELL_FREE.match(text)
    if found is not None and _EVERY_TAIL.fullmatch(text, found.end()):
        return amount + text[found.end() :]
    return None


def _consequence_start(raw: str, first: re.Match[str], second: re.Match[str]) -> int | None:
    """Where the clause saying what follows from the first claim starts, when it holds the
    second claim and runs to the end of the sentence (", so there's nothing to pay until
    …"); None otherwise."""
    said_for = _FOR_WHAT.match(raw, first.end())  # "no charge for dogs: they stay free"
    clause = _SO.match(raw, said_for.end() if said_for else first.end())
    if clause is None:
        return None
    rest = raw[clause.end() :].rstrip().rstrip(".!")
    if clause.end() > second.start() or any(mark in rest for mark in ",;:.!?"):
        return None
    return clause.start()


_IS_FREE = re.compile(
    r"\b(?P<verb>is|are|it's|it’s|stays?|remains?)\s+(?:always\s+|all\s+)?"
    r"(?:free(?:\s+of\s+(?:any\s+)?charge)?|on\s+us|on\s+the\s+house|complimentary|included)\b"
    r"(?!\s+(?:to|in|with|for)\b)",
    re.I,
)
"""A thing said to be free with its verb ("Sharpening is always free", "it's on us")."""


def charged_text(
    charge: EveryCharge, raw: str, asked: AbstractSet[str] | None = None
) -> str | None:
    """A sentence or row saying the thing is free said again with the charge, every other
    byte kept: a row's one cell saying only that it is free gets the amount; a sentence's one
    phrase saying it is said as the charge ("free of charge" → "for $7", "it doesn't cost a
    penny" → "it costs $7", "Sharpening is free" → "Sharpening costs $7"). None when it says
    so more than once or in words no plain rewrite is known for, or when what it is free for
    goes on into a list of other things ("no charge for seats or helmets"). `asked`: the
    `terms` of the question heading the sentence answers, None when none is known
    (`_unanswered`)."""
    if raw.lstrip().startswith("|"):
        return with_one_cell(raw, free_claims, functools.partial(_charged_cell, charge.priced))
    found = free_claims(raw)
    if len(found) == 2 and (cut := _consequence_start(raw, found[0], found[1])) is not None:
        # "…is free, so there's nothing to pay until …": what followed from it being free
        # goes with it
        end = raw.rstrip()
        stop = end[-1] if end[-1:] in ".!" else ""
        raw = raw[:cut] + stop + raw[len(end) :]
        found = found[:1]
    if len(found) != 1 or _TOO.search(raw, found[0].end()):
        return None
    raw, claim = _unanswered(raw, found[0], asked)
    verb = _IS_FREE.search(raw)
    if verb is not None and verb.start() <= claim.start() < verb.end():
        said = verb["verb"].lower()
        costs = _COSTS_VERB.get(said, f"{verb['verb'][:2]} costs")
        return raw[: verb.start()] + costs + f" {charge.priced}" + raw[verb.end() :]
    phrase = _costs(claim, charge.priced, bool(charge.unit))
    if phrase is None:
        return None
    if claim.start() == len(raw) - len(raw.lstrip()):
        phrase = phrase[:1].upper() + phrase[1:]
    after = claim.end()
    named = _FOR_WHAT.match(raw, after)
    if named is not None and _LIST_ON.match(raw, named.end()):
        return None  # the charge said of the list would charge the other things too
    if not charge.unit:
        named = None
    if named is not None and named["what"].lower().rstrip("s") in _unit_words(charge.unit):
        after = named.end()  # "no charge for dogs" said per dog: the unit names what it is for
    return raw[: claim.start()] + phrase + raw[after:]


_COSTS_VERB = {"is": "costs", "are": "cost", "stay": "cost", "stays": "costs"}
_COSTS_VERB |= {"remain": "cost", "remains": "costs"}


def _unit_words(unit: str) -> set[str]:
    return {word.lower().rstrip("s") for word in re.findall(r"[A-Za-z]+", unit)}


def _unanswered(
    raw: str, found: re.Match[str], asked: AbstractSet[str] | None = None
) -> tuple[str, re.Match[str]]:
    """`raw` without a yes or no opening it (`_ANSWER`) before the claim `found`, and the claim
    found again in it, where the answer was to whether the thing costs: the charge said in the
    claim's place answers that itself. The question is the heading's (`asked`, its `terms`)
    when one is known, asking about a cost in words of charging; with none known, a "no"
    beside a claim of free answers only that. Another answer ("Can I bring a child seat?"
    "Yes, …") stays, the charge said after it."""
    lead = len(raw) - len(raw.lstrip())
    answer = _ANSWER.match(raw, lead)
    if answer is None or answer.end() > found.start():
        return raw, found
    if asked is not None and not asked & _COST_WORDS:
        return raw, found
    if asked is None and _NO_ANSWER.match(raw, lead) is None:
        return raw, found
    rest = raw[answer.end() :]
    said = raw[:lead] + rest[:1].upper() + rest[1:]
    again = free_claims(said)
    return (said, again[0]) if len(again) == 1 else (raw, found)


def every_charged_body(
    charge: EveryCharge, body: str, body_format: str, denying: set[str]
) -> str | None:
    """`body` with each unit of `denying` said again with the charge (`charged_text`), every
    other byte kept; None when one cannot be (flag it, with the reason)."""

    asked: AbstractSet[str] | None = None

    def pick(unit: Unit) -> str | Keep:
        nonlocal asked
        if unit.raw.lstrip().startswith("#"):
            # the question a heading asks is what an answer under it answers
            asked = set(terms(unit.text)) if unit.text.rstrip().endswith("?") else None
            return Keep.UNIT
        if unit.text not in denying:
            return Keep.UNIT
        said = charged_text(charge, unit.raw, asked)
        return Keep.BLOCK if said is None else said

    return rewrite_units(body, body_format, pick)


def every_charge_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str, str] | None:
    """The template drafter's edit for a charge now taken from everyone: the item's sentences
    saying the thing is free said with the charge (`every_charged_body`), with a rationale.
    None when the change brings in no such charge or the item says none."""
    charge = every_charge(facts)
    if charge is None:
        return None
    denying = {c.sentence for c in impact.conflicts if EVERY_CHARGE_REASON in c.reasons}
    if not denying:
        return None
    item = impact.item
    new_body = every_charged_body(charge, item.body, item.body_format, denying)
    if new_body is None:
        return None
    noun = item.kind
    order = [unit.text for unit in impact.units if unit.text in denying]
    rationale = (
        f"The new prompt now charges everyone {charge.charged}: "
        f"“{charge.said}”; this {noun} still says it is free in "
        + "; ".join(f"“{sentence}”" for sentence in order)
        + f". The edit says the charge there in the {noun}'s own words and keeps everything "
        "else."
    )
    restating = {c.sentence for c in impact.conflicts if OLD_SIDE_REASON in c.reasons}
    if not restating:
        return new_body, rationale
    # the sentences restating the old prompt rule: the old-side writer says them, on the body
    # this edit wrote
    edited = replace(item, body=new_body)
    edited_units = tuple(units(plain_text(new_body, item.body_format)))
    view = _View(
        edited,
        tuple(_Mark(u.text, (OLD_SIDE_REASON,)) for u in edited_units if u.text in restating),
        edited_units,
    )
    written = old_side_edit(facts, view)
    if written is None or written[0] is None:
        return None
    return written[0], f"{rationale} {written[1]}"


@dataclass(frozen=True)
class _Mark:
    sentence: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _View:
    item: KnowledgeItem
    conflicts: tuple[_Mark, ...]
    units: tuple[Unit, ...]


def still_every_denied(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still say the thing now charged for everyone is
    free: what no drafter's edit may keep."""
    charge = every_charge(facts)
    if charge is None:
        return []
    return marked_sentences(body, body_format, lambda text, found: free_units(charge, text, found))


_PER_WORDS = frozenset({"per", "each", "every"})


def still_unpriced(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body stating the amount now charged for everyone without
    what it is per, where the new rule says it per something ("$4" of "$4 per seat per day"):
    a conflict kept or a sentence the edit wrote (`text.still_saying`)."""
    charge = every_charge(facts)
    if charge is None or not charge.unit:
        return []
    amount = re.compile(re.escape(charge.amount) + r"(?![\d]|[.,]\d)")
    per = set(terms(charge.unit)) - STOPWORDS - _PER_WORDS
    if not per:
        return []

    def unpriced(text: str) -> bool:
        return amount.search(text) is not None and not per <= set(terms(text))

    return still_saying(
        lambda unit: unpriced(unit.text), conflicts, old_body, new_body, body_format
    )


def every_charge_fact(facts: ChangeFacts) -> str | None:
    """The charge now taken from everyone, as a drafting model is told it."""
    charge = every_charge(facts)
    if charge is None:
        return None
    return (
        f"the new prompt now charges every customer {charge.charged}: "
        f"“{charge.said}”: text saying {charge.thing} is free (“free of charge”, “it doesn't "
        f"cost a penny”, a table cell “Free”) says the {charge.amount} charge there instead, in "
        "the item's own words (a table cell gets the amount); other things given free, and the "
        "same amount said of other things, stay as they are"
        + (
            f"; the amount is always said with what it is per (“{charge.priced}”)"
            * bool(charge.unit)
        )
    )
