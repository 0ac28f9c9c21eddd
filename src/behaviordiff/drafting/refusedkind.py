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
from behaviordiff.drafting.text import cell_text_spans, kept_or_written, stem, terms
from behaviordiff.kb.model import PLACEHOLDER

_GLOSS = re.compile(r"\s*\((?:[A-Za-z][\w ]*?\s+)?[a-z][a-z0-9]*_[a-z0-9_]+\)")
"""A field value glossed beside a kind's name: "(item type limited_edition)"."""
_CODE = re.compile(r"`[^`]*`")
_REFUSED = re.compile(
    r"^(?P<who>[A-Za-z][^:;.]*?)\s+(?:are|is)\s+(?:the|an|one)\s+exceptions?:\s+"
    r"(?:never|do not|don't|don’t)\s+(?P<verb>[a-z]+)\s+(?:them|it)\b",
    re.I,
)
_STATED = re.compile(
    r"^(?P<who>[A-Z][^:;.,]*?)\s+(?P<be>are|is)\s+(?P<said>(?!the\s+exceptions?\b)[^:;`_{}]+?):\s+"
    r"(?:never|do not|don't|don’t)\s+(?P<verb>[a-z]+)\b",
)
"""A kind the prompt says, in plain words, is outside the old handling, before what the agent
must not do for it: "Outlet chairs are final sale and aren't part of the sit trial: don't
book a return for them, …". What it says of the kind is already the KB's sentence."""
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
    status: str = ""
    """What the kind is instead, where the prompt says so before what it is not ("final
    sale" of "Outlet chairs are final sale and aren't part of the sit trial"): a table cell
    of the handling it no longer gets says it ("None (final sale)")."""
    denied: str = ""
    """What it no longer gets, in the prompt's words ("part of the sit trial"): the column of
    a table about that handling names a word of it."""


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
        return _stated_refusal(parts[0], said_text)
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


def _stated_refusal(first: str, quoted: str) -> RefusedKind | None:
    """The kind a prompt sentence says is outside the old handling in plain words, and the
    sentence saying so ("Outlet chairs are final sale and aren't part of the sit trial."),
    from `_STATED`; None for any other sentence, or one that holds the prompt's internals."""
    found = _STATED.match(first)
    if found is None:
        return None
    who, said = found.group("who").strip(), " ".join(found.group("said").split())
    if any(mark in who + said for mark in "`{_") or len(said.split()) > 16:
        return None
    head = who[:1].lower() + who[1:] if not _PROPER.match(who) else who
    parts = _STATUS.match(said)
    status, denied = (parts.group("status"), parts.group("denied")) if parts else ("", said)
    return RefusedKind(head, f"{who} {found.group('be')} {said}.", quoted, status, denied)


_STATUS = re.compile(
    r"^(?P<status>[^,]{1,40}?)\s+and\s+(?:aren't|aren’t|are not|isn't|isn’t|is not|don't|"
    r"don’t|do not|doesn't|doesn’t|does not|can't|can’t|cannot)\s+(?P<denied>.+)$",
    re.I,
)
"""What a kind is ("final sale") and, after "and … not", what it no longer gets."""


def refused_row(row: str, header: str | None, refused: RefusedKind) -> str | None:
    """A table row keyed by the refused kind ("| Outlet | … | 100 days | 5 years |"), with the
    cell of the column about the handling it no longer gets ("Sit trial") saying it gets none:
    "None (final sale)", or "None" where the prompt says nothing of what it is instead. Every
    other byte kept; None when the row is keyed by another kind, or no one column is about
    that handling (its header shares no word with what the kind no longer gets)."""
    if header is None or not row.lstrip().startswith("|"):
        return None
    spans, heads = cell_text_spans(row), cell_text_spans(header)
    if len(spans) != len(heads) or len(spans) < 2:
        return None
    key = {stem(word) for word in terms(row[spans[0][0] : spans[0][1]])}
    kind = {stem(word) for word in terms(refused.head)}
    if not key or not key <= kind:
        return None
    denied = {stem(word) for word in terms(refused.denied)} - kind
    columns = [
        index
        for index, (start, end) in enumerate(heads[1:], start=1)
        if {stem(word) for word in terms(header[start:end])} & denied
    ]
    if len(columns) != 1:
        return None
    start, end = spans[columns[0]]
    cell = row[start:end]
    if not cell.strip() or re.search(r"\b(?:none|no|not|n/a)\b", cell, re.I):
        return None
    said = "None" + (f" ({refused.status})" if refused.status else "")
    return row[:start] + said + row[end:]


_PROPER = re.compile(r"^[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+[a-z]")
"""A kind named by a proper name before its noun ("Outlet chairs", "Engineering spools"):
its capital stays where the kind is named mid-sentence."""


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
        # a helpdesk placeholder ("{{ticket.custom_field_chair_model}}") is the item's own
        said = PLACEHOLDER.sub(" ", text)
        if still_includes(found.head, text) or (
            unit.text not in old_body
            and (
                _FIELD_VALUE.search(_CODE.sub("", said)) or "`" in said or _AGENT_WORDS.search(said)
            )
        ):
            flagged.append(text)
    return flagged
