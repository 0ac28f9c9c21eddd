"""A reply telling the customer something costs nothing is a promise about price.

"Helmets and locks are free with every hire", "setup is included at no extra cost", "a
complimentary drink", "there's no charge for the first change": withdrawn ("helmets and locks
can be added when you book") or newly given, the customer pays differently, though no amount
may be stated on either side. Each such statement reads as one promise, `price: free`, so the
same offer in other words ("come free with every hire", "we include them at no charge") is
no change, and a free item made a paid add-on (or the reverse) is one.

Read in the replies only (`signature`): the knowledge base's sentences are matched by what
`facts.extract_promises` reads.
"""

from __future__ import annotations

import re
from itertools import islice

from behaviordiff.detect.facts import Promise, sentences, topic_named, topic_of

FREE = "free"
"""The value of every such promise: how it is worded is not what changed."""

_PRICE_NOUNS = (
    r"price|prices|fee|fees|cost|costs|hire|hires|rental|rentals|booking|bookings|ticket|tickets|"
    r"fare|fares|rate|rates|subscription|membership|plan|plans|package|stay|service|purchase|"
    r"order|orders|entry|admission|lesson|lessons|class|classes|course|session|sessions|visit|"
    r"contract"
)
_FREE_FORMS = re.compile(
    # "free of charge", "for free", "complimentary", "on the house"
    r"\bfree[\s-]+of[\s-]+(?:charge|cost)\b|\bfor\s+free\b|\bcomplimentary\b|\bon\s+the\s+house\b"
    # "at no extra cost", "no charge", "no additional fee", "without any charge"
    r"|\b(?:at\s+)?no\s+(?:extra\s+|additional\s+|added\s+)?(?:cost|charge|fee)s?\b"
    r"|\bwithout\s+(?:any\s+)?(?:extra\s+|additional\s+)?(?:charge|cost|fee)\b"
    # "costs nothing", "won't cost you anything (extra)", "nothing (extra) to pay"
    r"|\bcosts?\s+(?:you\s+)?nothing\b"
    r"|\b(?:won['’]t|doesn['’]t|does\s+not|will\s+not|don['’]t|do\s+not)\s+cost\s+(?:you\s+)?"
    r"(?:anything|a\s+(?:penny|thing|cent))\b"
    r"|\bnothing\s+(?:extra\s+|more\s+)?to\s+pay\b"
    # "we don't charge for helmets", "we never charge extra", "we no longer charge for it"
    r"|\b(?:don['’]t|do\s+not|won['’]t|will\s+not|never|no\s+longer)\s+charge\s+(?:you\s+)?"
    r"(?:for|extra|anything)\b"
    # "included in the price", "included with every hire"
    rf"|\bincluded\s+(?:in|with)\s+(?:the\s+|your\s+|every\s+|each\s+|all\s+|our\s+|any\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?(?:{_PRICE_NOUNS})\b"
    # "setup is included.", "breakfast is always included at no …", "comes included as standard"
    r"|\b(?:is|are|comes?)\s+(?:\w+ly\s+|also\s+|always\s+|now\s+|still\s+)?included"
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:as\s+standard|at\s+no|free|for\s+free|for\s+(?:every|each|all)"
    r"|with\s+(?:every|each|all|any)))"
    # a bare "free": "helmets are free", "a free umbrella", "free delivery over £40"
    r"|\bfree\b",
    re.I,
)
_NOT_PRICE_BEFORE = re.compile(
    # "gluten-free", "hands free", "toll-free", "feel free"; a free price ("fee-free") is read
    r"(?:(?<!fee)(?<!cost)(?<!charge)-"
    r"|\b(?:feel|hassle|stress|worry|pain|risk|care|trouble|fuss|gluten|sugar|dairy|nut|alcohol|"
    r"smoke|hands|scent|fragrance|plastic|toll|tax|duty|interest|fat|lactose|allergen|error|germ|"
    r"cruelty)\s+)$",
    re.I,
)
_NOT_PRICE_AFTER = re.compile(
    # "free-standing", "free time", "a free slot", "free from damage", "free up space"
    r"(?:-(?!of)|\s+(?:time|times|slots?|spaces?|moments?|hands?|rein|will|speech|trade|range|"
    r"from|up|of\s+(?!charge|cost)|to\s+(?:leave|go|choose|decide|ask|say|call|contact|change|"
    r"cancel|come|pop|drop|get|chat|reach|talk|ring|email|message|phone|text|let)))\b",
    re.I,
)
_FREE_PERSON = re.compile(
    # "you're free to", "we are free on Tuesday": a person at liberty or available
    r"\b(?:you|we|i|they|he|she|someone|anyone|nobody|colleague|agent|team|staff|engineer)"
    r"\s*(?:['’]re|['’]m|are|am|is|['’]s|will\s+be|['’]ll\s+be|were|was)\s+"
    r"(?:\w+\s+)?$",
    re.I,
)
_AVAILABLE_BEFORE = re.compile(
    # "the 3pm slot is free", "is the room free?": a place or time not taken
    r"\b(?:slots?|spaces?|tables?|seats?|rooms?|desks?|bays?|courts?|lanes?|appointments?|dates?|"
    r"times?|lines?|phones?|spots?|pitch(?:es)?|chairs?)\s+(?:is|are|['’]s)\s+(?:\w+\s+)?$",
    re.I,
)
_NEGATED = re.compile(
    r"(?:\bnot|n['’]t|\bno\s+longer|\bnever|\bno\s+more|\binstead\s+of|\brather\s+than)"
    r"(?:\s+[\w'’-]+){0,2}\s*$",
    re.I,
)
_TERM_SPAN_WORDS = re.compile(r"\bfree\b|\bno\s+charge\b|\bcomplimentary\b", re.I)

_MAX_FORMS = 16
"""Statements read from one sentence: a natural sentence makes one or two."""


def _price_statement(sentence: str, match: re.Match[str]) -> bool:
    """Whether `match` tells the customer something costs nothing, not that it is said not to
    ("no longer free", "isn't included") nor that a person, a slot or an ingredient is free."""
    before = sentence[max(0, match.start() - 40) : match.start()]
    if _NEGATED.search(before):
        return False
    if match.group(0).lower() != "free":
        return True
    if _NOT_PRICE_BEFORE.search(before) or _FREE_PERSON.search(before):
        return False
    if _AVAILABLE_BEFORE.search(before) and not re.match(
        r"\s+(?:with|for|on|to\s+(?:use|join|attend|enter|hire|borrow|park|try|book|download))\b",
        sentence[match.end() :],
        re.I,
    ):
        return False
    return not _NOT_PRICE_AFTER.match(sentence, match.end())


def _term_spans(lowered: str, policy_terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the sentence states a policy term that already says something is free ("free
    shipping", "free of charge"): `facts` reads those as terms; read again here, the one
    statement would count twice."""
    spans: list[tuple[int, int]] = []
    for term in policy_terms:
        if not _TERM_SPAN_WORDS.search(term):
            continue
        start = lowered.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = lowered.find(term, start + 1)
    return spans


def free_promises(text: str, policy_terms: tuple[str, ...] = ()) -> frozenset[Promise]:
    """`price: free` for each thing a reply says costs nothing, with the topic it names."""
    found: set[Promise] = set()
    for sentence in sentences(text):
        if not _FREE_FORMS.search(sentence):
            continue
        terms = _term_spans(sentence.lower(), policy_terms)
        for match in islice(_FREE_FORMS.finditer(sentence), _MAX_FORMS):
            if any(match.start() < end and start < match.end() for start, end in terms):
                continue
            if _price_statement(sentence, match):
                topic = topic_of(sentence, match.start(), match.end())
                # a topic only hinted at ("on arrival" is no delivery) is not named
                found.add(Promise("price", FREE, topic if topic_named(topic, [sentence]) else ""))
    return frozenset(found)
