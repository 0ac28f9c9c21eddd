"""An offer narrowed to a subset, with a price for the others: the old prompt made an offer for
everyone ("Loan bikes are free for everyone: …"), the new prompt keeps it for some customers
only ("Loan bikes are free for Gold members only: …") and says what the others pay now
("Otherwise a loan bike costs $5 a day: …"). KB sentences that still state the offer for
everyone ("Our loan bikes are always free, for every guest.") are wrong for the others; the
same offer on another subject ("Parking is free for everyone") stays true.

Pure text helpers: `impact` marks the sentences (`claims_offer_for_all`), the template drafter
rewrites each in the item's voice to say who still gets the offer and what the others pay
(`with_subset`), every other byte kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.newcharge import new_charge
from behaviordiff.drafting.text import plain_text, row_cells, terms, units

NARROWED_REASON = "states for everyone an offer the new prompt keeps for some customers only"

_EVERYONE = (
    r"(?:everyone|everybody|anyone|anybody|all\s+(?:our\s+|the\s+)?\w+|every\s+\w+|any\s+\w+)"
)
_PREP = r"(?:for|on|with)"
"""How an offer names whom or what it is for: "free for everyone", "free on every order"."""
# the old prompt's offer for everyone: "<subject> are <offer> for everyone"
_OLD_OFFER = re.compile(
    rf"^(?P<subject>.+?)\s+(?:is|are)\s+(?:always\s+)?(?P<offer>[\w-]+)\s+{_PREP}\s+{_EVERYONE}\b",
    re.I,
)
# a KB sentence's words that claim the offer for everyone: ", for everyone who hires a boat,"
_SCOPE = re.compile(
    rf"(?P<lead>,\s*)?\b{_PREP}\s+{_EVERYONE}(?:\s+(?:who|that|which)\b[^,;:.!?()]*)?(?P<trail>,)?",
    re.I,
)
_ALWAYS = re.compile(r"\balways\b", re.I)
_MAX_ROW = 2000
# how the new prompt starts the sentence about the others: with a lead ("Otherwise", "For
# everyone else,") or with them as its subject ("Everyone else pays", "Non-members pay")
_OTHERS_LEAD = re.compile(
    r"^(?:otherwise|if not|for\s+(?:everyone|everybody|anyone|anybody)\s+else)\b,?\s*"
    # the others named by what they are not: "For customers who aren't members,", "For
    # non-members,", "If the guest isn't a Gold member,", "For anyone without a card,"
    r"|^(?:for\s+(?:[a-z]+\s+){0,2}?(?:who|that)\s+(?:aren[’']t|are\s+not|isn[’']t|is\s+not|"
    r"don[’']t\s+have|do\s+not\s+have|doesn[’']t\s+have|does\s+not\s+have)\s+[^,:;]{1,60}"
    r"|for\s+(?:[a-z]+\s+){0,2}?without\s+[^,:;]{1,60}|for\s+non-?[a-z]+(?:\s+[a-z]+)?"
    r"|if\s+(?:the\s+[a-z]+|they|you)\s+(?:aren[’']t|isn[’']t|is\s+not|are\s+not|"
    r"doesn[’']t\s+have|don[’']t\s+have)\s+[^,:;]{1,60}),\s*",
    re.I,
)
_OTHERS_SUBJECT = re.compile(
    r"^(?:(?:everyone|everybody|anyone|anybody)\s+else|other\s+\w+|others|non-\w+)\b", re.I
)
_PRICE = re.compile(r"[$€£]\s?\d|\d\s?(?:dollars|pounds|euros)\b", re.I)
_SAYS_PRICE = re.compile(r"\b(?:cost|costs|pay|pays|charged|is|are|will be)\b", re.I)
_CLAUSE_END = re.compile(r"\s*[:;]\s*|\s+(?:and|then)\s+(?=tell|add|charge|call|use)\b", re.I)


@dataclass(frozen=True)
class NarrowedOffer:
    """An offer the old prompt made for everyone and the new one keeps for a subset."""

    offer: str
    """The offer's word, as the old prompt said it ("free")."""
    subject: frozenset[str]
    """Stems of what is offered ("loan", "bike")."""
    subset: str
    """Who still gets it, in the new prompt's words ("Gold members")."""
    names: frozenset[str]
    """Stems of the subset's words that name the condition's feature ("member"): a sentence
    saying one is about the subset."""
    others: str | None
    """What the others pay now, in the new prompt's words ("for anyone else, a loan bike
    costs $5 a day", "non-members pay $5 a day"), or None when the new prompt does not say it
    in a clause a KB can take."""
    rule: Rule
    """The prompt sentence that made the offer (`old`) and narrows it (`new`)."""
    prep: str = "for"
    """How the new prompt names the subset: "for" (members), "on" (orders over $40)."""


def _head(sentence: str) -> str:
    return re.split(r"[:;]", " ".join(sentence.split()), maxsplit=1)[0]


def _subset(offer: str, new: str) -> tuple[str, str] | None:
    """Who the new version of the offer sentence keeps it for, with its preposition: "free
    for Gold members only" → ("for", "Gold members"); None when it still says everyone."""
    found = re.search(
        rf"\b{re.escape(offer)}\s+(?:only\s+)?(?P<prep>{_PREP})\s+(?P<subset>[^:;,.()]+?)"
        r"(?:\s+only)?(?=\s*[:;,.()]|\s+(?:if|when|who|that)\b|$)",
        _head(new),
        re.I,
    )
    if found is None:
        return None
    subset = found["subset"].strip()
    if re.fullmatch(_EVERYONE, subset, re.I) or not terms(subset):
        return None
    return found["prep"].lower(), subset


def _others(rules: Sequence[Rule], section: str | None) -> str | None:
    """What the others pay now: the new prompt's clause after "Otherwise" (said "for anyone
    else, …") or with them as its subject ("Non-members pay …") that states a price, up to
    what the agent is told to do."""
    for rule in rules:
        if not rule.new or not rule.kind.startswith("sentence") or rule.section != section:
            continue
        for said in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(rule.new.split())):
            lead = _OTHERS_LEAD.match(said)
            start = lead.end() if lead is not None else 0
            if lead is None and not _OTHERS_SUBJECT.match(said):
                continue
            clause = _CLAUSE_END.split(said[start:], maxsplit=1)[0].rstrip(" .!")
            if not _PRICE.search(clause) or not _SAYS_PRICE.search(clause) or "`" in clause:
                continue
            if lead is not None:
                return f"for anyone else, {clause}"
            return clause[:1].lower() + clause[1:]
    return None


def _condition_words(facts: ChangeFacts) -> set[str]:
    """Stems of the names of the features the change's condition is on ("member")."""
    condition = facts.condition
    return {
        word
        for atom in (condition.atoms if condition else ())
        if atom.op != "tag"
        for word in terms(re.sub(r"[\W_]+", " ", atom.feature.rsplit(".", 1)[-1]))
    }


def narrowed_offer(facts: ChangeFacts) -> NarrowedOffer | None:
    """The offer a change narrows: a changed prompt sentence that said "<subject> are <offer>
    for everyone" now says it for a subset named by a feature of the change's condition
    ("free for Boat Club members only" for `member = no`). None for any other change."""
    if not facts.restricted:
        return None
    named = _condition_words(facts)
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old = _OLD_OFFER.match(_head(rule.old))
        if old is None:
            continue
        offer = old["offer"]
        kept = _subset(offer, rule.new)
        if kept is None or not named & set(terms(kept[1])):
            continue
        prep, subset = kept
        subject = frozenset(terms(old["subject"]))
        if not subject:
            continue
        names = frozenset(named & set(terms(subset)))
        others = _others(facts.rules, rule.section)
        if others is None and new_charge(facts) is not None:
            # the others now pay a charge where there was none, in words this cannot take
            # ("On orders under £50, engraving costs £5"): `newcharge` says the rule and its
            # line in place of the whole sentence, where a scope alone would leave the rest
            # of it ("whatever you spend") and what the others pay unsaid
            return None
        return NarrowedOffer(offer, subject, subset, names, others, rule, prep)
    return None


def claims_offer_for_all(offer: NarrowedOffer, sentence: str) -> bool:
    """Whether a KB sentence states the offer on its subject for everyone ("Rods are always
    free for everyone."), naming none of the subset: an offer on another subject ("Parking is
    free for everyone") or one already limited ("free for members") is not the old rule."""
    if sentence.lstrip().startswith("|"):
        return offer_row(offer, sentence)
    if sentence.lstrip().startswith("#"):
        return False
    if not re.search(rf"\b{re.escape(offer.offer)}\b", sentence, re.I):
        return False
    if not (_SCOPE.search(sentence) or _ALWAYS.search(sentence)):
        return False
    said = set(terms(sentence))
    # "every order" claims the offer for all orders: it names no subset of them
    unscoped = set(terms(_SCOPE.sub(" ", sentence)))
    return bool(offer.subject & said) and not offer.names & unscoped


def offer_row(offer: NarrowedOffer, row: str) -> bool:
    """Whether a table row gives the offer on its subject with no one named: its first cell
    is the offer's subject ("| Collection and return | Free | … |") and a later cell says the
    offer alone ("Free"), the first the offer's word is said in; a row naming the subset, or
    another subject's row ("| Fabric samples | Free |"), is not the old rule."""
    cells = row_cells(row[:_MAX_ROW])
    if len(cells) < 2 or not offer.subject or not offer.subject <= set(terms(cells[0])):
        return False
    if offer.names & set(terms(row[:_MAX_ROW])):
        return False
    word = re.compile(rf"\b{re.escape(offer.offer)}\b", re.I)
    for cell in cells:
        if re.fullmatch(rf"(?:always\s+)?{re.escape(offer.offer)}", cell, re.I):
            return True
        if word.search(cell):
            return False  # the offer's word said first in another cell: no place for the scope
    return False


def with_subset(raw: str, offer: NarrowedOffer) -> str | None:
    """A sentence stating the offer for everyone, saying who still gets it and what the others
    pay, in the sentence's words otherwise: "Bikes are always free, for everyone, so …" →
    "Bikes are free for Gold members (for anyone else, a bike costs $5 a day), so …". None when
    the sentence does not say the offer where the scope can go."""
    scope = f"{offer.prep} {offer.subset}"
    if offer.others:
        scope += f" ({offer.others})"
    word = re.compile(rf"\b{re.escape(offer.offer)}\b", re.I)
    text = re.sub(rf"\balways\s+(?={re.escape(offer.offer)}\b)", "", raw, count=1, flags=re.I)
    found = _SCOPE.search(text)
    if found is not None:
        replaced = (" " if found["lead"] else "") + scope + (found["trail"] or "")
        if not text[: found.start()].strip():
            # the claim opened the sentence ("For every guest, …")
            replaced = replaced[:1].upper() + replaced[1:]
        return text[: found.start()] + replaced + text[found.end() :]
    at = word.search(text)
    if at is None:
        return None
    return text[: at.end()] + " " + scope + text[at.end() :]


def still_claimed(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still state the narrowed offer for everyone,
    reworded or not: what no drafter's edit may keep (a drafting model's edit is refused)."""
    offer = narrowed_offer(facts)
    if offer is None:
        return []
    return [
        unit.text
        for unit in units(plain_text(body, body_format))
        if claims_offer_for_all(offer, unit.text)
    ]
