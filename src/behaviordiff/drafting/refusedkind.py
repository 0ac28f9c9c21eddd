"""A refusal added for one kind of thing: "Gift cards (product type gift_card) are the
exception: never refund them and don't call `refund_order`. Explain that gift cards are sold
as cash, so we can't take them back, and offer to send a replacement code instead."

The KB said the old handling holds for every kind, often naming the kind ("Any order can be
refunded, including gift cards."; "We refund everything, from socks to gift cards, within 30
days."). The edit takes the kind out of the claim and says it is the exception
(`except_kind`: "Any order can be refunded, except gift cards."), and says once, in the KB's
voice, that we can't do it for them, why, and what the customer can do instead
(`refused_kind`: "We can't refund gift cards: they are sold as cash, so we can't take them
back. Instead, you can …"). Never the prompt's field values ("product type gift_card") or its
instructions to the agent ("explain that …", "don't call …").

The answer word before such a claim ("Yes.") still answers for most cases, and stays
(`answerword`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import to_you
from behaviordiff.drafting.text import kept_or_written, stem, terms

_GLOSS = re.compile(r"\s*\((?:[A-Za-z][\w ]*?\s+)?[a-z][a-z0-9]*_[a-z0-9_]+\)")
"""A field value glossed beside a kind's name: "(item type limited_edition)"."""
_CODE = re.compile(r"`[^`]*`")
_REFUSED = re.compile(
    r"^(?P<who>[A-Za-z][^:;.]*?)\s+(?:are|is)\s+(?:the|an|one)\s+exceptions?:\s+"
    r"(?:never|do not|don't|don’t)\s+(?P<verb>[a-z]+)\s+(?:them|it)\b",
    re.I,
)
_EXPLAIN = re.compile(
    r"^(?:explain|tell\s+(?:them|the\s+\w+)|say|let\s+(?:them|the\s+\w+)\s+know)\s+"
    r"(?:that\s+)?(?P<said>.+)$",
    re.I,
)
_OFFER = re.compile(r",?\s+and\s+(?:offer|suggest)\s+(?:to\s+)?(?P<offer>[^.;]+)$", re.I)
_OFFER_ALONE = re.compile(r"^(?:offer|suggest)\s+(?:to\s+)?(?P<offer>[^.;]+)$", re.I)
_THAT_PLACE = re.compile(r"\b(from|at|in|to)\s+that\b", re.I)


@dataclass(frozen=True)
class RefusedKind:
    """A kind the new prompt refuses the old handling for, said for a KB."""

    head: str
    """The kind, as the KB says it ("gift cards")."""
    sentence: str
    """That we can't do it for them, why, and what instead, in the KB's voice."""
    quoted: str
    """The prompt's sentences it is said from, as the prompt says them."""


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s.strip()]


def refused_kind(rules: Sequence[Any], text: str | None) -> RefusedKind | None:
    """The refusal the prompt sentence `text` adds for a kind it names as the exception
    ("X are the exception: never V them …"), with what the same sentence or the next one of
    its section says to tell the customer and offer them; None for a rule of another shape or
    one that cannot be said without the prompt's internals."""
    if not text:
        return None
    news = [rule for rule in rules if rule.new]
    said_text = ""
    for index, rule in enumerate(news):
        after = news[index + 1] if index + 1 < len(news) else None
        if after is not None and after.section != rule.section:
            after = None
        # the refusal itself, or the sentence after it saying what to tell the customer
        if text not in (rule.new, after.new if after else None):
            continue
        if _REFUSED.match(_GLOSS.sub("", " ".join(rule.new.split()))) is None:
            continue
        said_text = " ".join(rule.new.split())
        if after is not None:
            said_text += " " + " ".join(after.new.split())
        break
    if not said_text:
        said_text = " ".join(text.split())
    parts = _sentences(_GLOSS.sub("", said_text))
    if not parts:
        return None
    found = _REFUSED.match(parts[0])
    if found is None:
        return None
    head = found.group("who").strip()
    if "`" in head or "_" in head or "{" in head:
        return None
    head = head[:1].lower() + head[1:]
    reason, offer = None, None
    for part in parts[1:] or []:
        part = _CODE.sub("", part).rstrip(".! ")
        explained = _EXPLAIN.match(part)
        if explained is not None:
            said = explained.group("said")
            more = _OFFER.search(said)
            if more is not None:
                offer, said = more.group("offer"), said[: more.start()]
            reason = said.strip(" ,")
            continue
        alone = _OFFER_ALONE.match(part)
        if alone is not None:
            offer = alone.group("offer")
    sentence = f"We can't {found.group('verb').lower()} {head}"
    if reason:
        # "them" in the reason is the kind ("so we can't put them aside"), not the customer
        if reason.lower().startswith(head.lower() + " "):
            reason = "they" + reason[len(head) :]
        sentence += f": {reason}."
    else:
        sentence += "."
    if offer:
        offer = _THAT_PLACE.sub(lambda m: f"{m.group(1)} the same", to_you(offer.strip()))
        sentence += f" Instead, you can {offer}."
    if any(mark in sentence for mark in "`{_"):
        return None
    return RefusedKind(head, sentence, said_text)


_INCLUSION = re.compile(
    r",?(?<!\s)\s+(?:including|even|from\s+[^,;.]{1,80}?\s+to)"
    r"\s+(?P<what>[^,.;:!?]+)(?P<after>,?)",
    re.I,
)
_QUANTIFIED = re.compile(
    r"\b(?:all|any|every|each)\s+[\w'’-]+(?:\s+(?:in|of|from|on)\s+(?:our|the|your)\s+[\w'’-]+)?",
    re.I,
)
"""A noun every kind of which a claim covers: "any item in our range", "all bikes"."""
_QUANTIFIER_NOUN = re.compile(r"^(\w+)\s+([\w'’-]+)(.*)$", re.S)


def _plural(noun: str) -> str:
    if noun.endswith("s"):
        return noun
    if noun.endswith(("x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


_ALL_OBJECT = re.compile(r"(?<=\w\s)all\s+(?=[a-z]+s\b)")


def _names(what: str, head: str) -> bool:
    wanted = {stem(word) for word in terms(head)}
    return bool(wanted) and wanted <= {stem(word) for word in terms(what)}


def except_kind(sentence: str, head: str) -> str | None:
    """A claim for every kind (`sentence`) with the kind `head` taken out of it, said where
    the claim names what it covers: in place of a phrase naming the kind as included
    ("including X", "from A to X"), else after the quantified noun ("any item in our range,
    except X, for you"); a quantifier over the object goes ("hold all items" → "hold items").
    None when the sentence claims nothing for every kind or already says the exception."""
    body = sentence.rstrip()
    if re.search(r"\b(?:except|apart from|other than|but not)\b", body, re.I):
        return None
    included = next((m for m in _INCLUSION.finditer(body) if _names(m.group("what"), head)), None)
    if included is not None:
        before, after = body[: included.start()], body[included.end() :]
    else:
        quantified = _QUANTIFIED.search(body)
        if quantified is None:
            return None
        phrase = quantified.group(0)
        if body[: quantified.start()].rstrip()[-1:].isalpha():
            # the claim's object ("hold any item in our range"): the exception qualifies the
            # kinds it covers, no longer every one ("hold items in our range, except X")
            word, noun, rest_of = _QUANTIFIER_NOUN.match(phrase).groups()  # type: ignore[union-attr]
            phrase = (noun if word.lower() == "all" else _plural(noun)) + rest_of
        before = body[: quantified.start()] + phrase
        after = body[quantified.end() :].removeprefix(",")
    before = _ALL_OBJECT.sub("", before, count=1)
    rest = after.strip()
    if not rest or re.fullmatch(r"[.!]*", rest):
        return f"{before}, except {head}{rest or '.'}"
    return f"{before}, except {head}, {rest}"


def still_includes(head: str, text: str) -> list[str]:
    """Sentences of `text` that still name the refused kind as included in the old claim
    ("including X", "from A to X"): what no edit may keep."""
    return [
        s
        for s in _sentences(" ".join(text.split()))
        if any(_names(m.group("what"), head) for m in _INCLUSION.finditer(s))
    ]


def refusal_of(facts: ChangeFacts) -> RefusedKind | None:
    """The refusal a change that holds for some cases only adds for a kind (`refused_kind`),
    from any of its prompt sentences; None when it adds none."""
    if not facts.restricted:
        return None
    for rule in facts.rules:
        if rule.new and (found := refused_kind(facts.rules, rule.new)) is not None:
            return found
    return None


def refusal_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of such a refusal: the same facts the template writes
    from, and what its edit may not say."""
    found = refusal_of(facts)
    if found is None:
        return None
    return (
        f"the new prompt refuses {found.head} what everyone else still gets; in the KB's voice: "
        f"“{found.sentence}” A sentence saying every kind gets it, naming {found.head} as "
        f"included (“including …”, “from … to …”), drops that and says “except {found.head}”; "
        "a yes before it stays (it still holds for most cases); never the prompt's field "
        "values (a word_with_underscores) or its instructions to the agent (“explain that”, "
        "“don't call”)"
    )


_FIELD_VALUE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
_AGENT_WORDS = re.compile(
    r"\b(?:we|you)\s+(?:explain|tell them|offer to)\b|\bare the exceptions?\b|\bdon't call\b",
    re.I,
)


def still_includes_refused(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body, kept from the conflicts or written, that still name
    the refused kind as included in the old claim, or that carry the prompt's field values or
    its instructions to the agent. What no drafter's edit may say."""
    found = refusal_of(facts)
    if found is None:
        return []
    flagged = []
    for unit in kept_or_written(conflicts, old_body, new_body, body_format):
        text = unit.text
        if still_includes(found.head, text) or (
            unit.text not in old_body
            and (
                _FIELD_VALUE.search(_CODE.sub("", text)) or "`" in text or _AGENT_WORDS.search(text)
            )
        ):
            flagged.append(text)
    return flagged
