"""A charge waived for a group past one line on a number, everyone else paying as before: a
pool's swim "costs $6 for every swimmer" and "there are no concessions"; now "Swimmers aged 65
or over swim free" (`swimmer_age >= 65`: `book_swim` price 6 → 0), the $6 kept for the rest.

A KB sentence or table cell giving the charge on the same topic with a claim that everyone
pays it ("for every swimmer", "for everyone", "whatever your age") now says it of everyone:
the claim goes ("for every swimmer" → "per swimmer", "for everyone" and "whatever …" out) and
the exemption is said beside the charge in the prompt's words ("$6 per swimmer (free for
swimmers aged 65 or over)"; in a cell "…; free for …"). A sentence saying there are no
discounts or exemptions says there are no other ones, after the exemption where the item does
not state it already. The same amount said of another topic (a $6 locker) and a sentence
already giving the line stay; a charge said without a claim gets the exemption too (below). A
claim the rule cannot narrow cleanly (one going on into more nouns, part of a bracket, an HTML
tag inside it, a "whatever" clause with no comma) leaves the item flagged for a writer when
only this rule marked it.

The exemption is read from the new prompt's sentence giving the line and saying the group
does not pay ("Households where the account holder is aged 75 or over get it free: …"), cut
where the group ends; its head noun is dropped when the KB's claim names it already ("£45 per
household (free where the account holder is aged 75 or over)"). Matching is on the prompt's own
words and the sentences' structure: no word of any domain is known here.

A charge said plainly on its topic, with no claim ("Delivery costs $8, added to your order
total"), says it for everyone all the same: the exemption goes at the end of the charge's
clause ("Delivery costs $8 (free for orders of $120 or more), added to your order total"), the
group's head dropped when it is the charge's own thing ("Deliveries of orders of $120 or
more"); it is said once in an item's prose, once in a list and once in a table. The same
amount after another subject ("Plant pots cost $8 each") stays.

The same family, read from the change's facts when no line is waived:

- a group added to an exemption list (`added_exemption`): the new prompt says its old sentence
  again with "and …" after the group let off, the addition naming the condition's category or
  flag ("Only resident members book meeting rooms free" → "Resident members and startup
  programme members book meeting rooms free" for `membership in {startup}`); a KB unit
  naming the old group as the only one let off names the addition after it, and a
  "whichever …" clause over the condition's variable beside the amount goes;
- a case dropped from the cases a charge is listed for (`dropped_case`): the old sentence
  giving the amount listed the condition's category ("Skis and snowboards"), the new one
  does not; a KB unit giving the amount with that case in a list (in the clause stating the
  amount) loses it ("(skis & snowboards)" → "(snowboards)", "Fri & Sun" → "Sun": a short form
  only in a list of short forms);
- a fee brought in for a subset where the thing was free (`brought_in`): an argument moved
  from 0 to one amount, the old sentence said the thing was free and a new one says both
  sides without a tool; a KB clause or cell saying the thing is free (its head noun and
  another word of it) says that sentence in the customer's voice instead.

Pure text helpers: `impact` marks the sentences (`waived_group_conflicts`), the template
drafter rewrites them (`waived_group_edit`), a drafting model gets the same fact
(`waived_group_fact`) and its edit the same check (`still_charged_to_all`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.diffing.align import align
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.freewords import FREE_IN_OTHER_WORDS
from behaviordiff.drafting.impactview import ImpactView, marked_edit
from behaviordiff.drafting.oldside import customer_voice
from behaviordiff.drafting.rules import table_headers
from behaviordiff.drafting.saidof import case_marks, without_case_claims
from behaviordiff.drafting.text import (
    IMPERATIVE_VERBS,
    ITEM_LEAD,
    STOPWORDS,
    WHATEVER_WORDS,
    Unit,
    cell_text_spans,
    claim_clause_length,
    stem,
    still_saying,
)
from behaviordiff.drafting.waivedline import AMOUNT, amounts, fee_rule, waived_charge

WAIVED_GROUP_REASON = "gives the charge for everyone; the new prompt waives it for a group"
_DENIAL_REASON = "says no one is let off the charge; the new prompt waives it for a group"

_REACH = 600
"""How much of a sentence is read: a bounded window keeps every scan linear."""
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_FREE = re.compile(
    r"\bfree\b|\bno\s+charge\b|\bexempt\b|\b(?:don't|don’t|do\s+not|doesn't|doesn’t|does\s+not|"
    r"won't|won’t|will\s+not)\s+(?:have\s+to\s+)?pay\b|\bcharge\s+of\s+0\b|" + FREE_IN_OTHER_WORDS,
    re.I,
)
"""Words saying a group does not pay."""
_FREE_FOR = re.compile(
    r"\b(?:free|no\s+charge|nothing\s+to\s+pay)\s+(?P<case>(?:for|if|where|when)\b.*)$", re.I
)
"""A clause saying a group does not pay after saying so ("… are free for swimmers aged 65 or
over"): the group is what follows."""
_BOUND_TAIL = re.compile(
    r"\s*(?:\+|(?:years?(?:\s+old)?\s+)?(?:or|and)\s+(?:over|more|older|above|under|younger|"
    r"less|below|fewer)\b)",
    re.I,
)
"""The words closing a line after its number ("75 or over", "5 years or under", "18+")."""
_FREE_AFTER = 4
"""How many words may stand between a group and the words saying it does not pay ("… get it
free"): more, or an amount, and the clause says something else of the group first."""
_LEADS = frozenset({"if", "when", "where", "whenever", "for", "once"})
"""Words opening a group said as a condition ("If the holder is 75 or over"): said after
"free" as they are."""
_RELATIVE = frozenset({"where", "if", "when"})
"""Words after a group's head noun that open a condition picking the group out ("Households
where …"): said after "free" without the noun ("per household (free where …)")."""
_OF = frozenset({"of", "on", "for", "with"})
"""Words after a group's head naming the charge's thing that open whom it is for."""
_ORDERS = IMPERATIVE_VERBS | {"tell", "set", "say"}
"""Words opening a prompt's instruction rather than a group ("Book swimmers aged 65 …")."""
_COUNTERPARTS = frozenset(
    {"caller", "customer", "client", "user", "person", "people", "anyone", "someone"}
)
"""Words for whoever the agent talks to: a group headed by one ("Callers aged 65 or over") is
said in the agent's terms, not the KB's, so the rule stays quiet."""
_EVERY = re.compile(
    r"\b(?:for|on|to|from)\s+(?:every|each)\s+(?:single\s+)?"
    r"(?P<noun>(?!(?:of|one|time)\b)[A-Za-z][\w-]*)",
    re.I,
)
"""A claim over every one of a noun ("for every household"): said "per household" once a group
does not pay."""
_ALL = re.compile(
    r"\b(?:for|to|from)\s+(?:everyone|everybody|all(?:\s+(?:of\s+)?(?:our|the|your))?"
    r"(?:\s+[a-z]+s)?)\b(?!\s+(?:of|the|our|your)\b)",
    re.I,
)
"""A claim over everyone ("for everyone", "for all households"): it goes."""
_CLAIM_END = re.compile(
    r"\s*(?:$|[.,;:!?)|]|(?:whatever|whoever|regardless|no\s+matter|irrespective)\b|"
    r"(?:and|but|so)\s(?=[$£€]|(?:a|an|the|you|we|it|they|there)\s))",
    re.I,
)
"""What may follow a claim narrowed in place: its clause's end, not more words of its noun
phrase ("for all orders over £50" is a claim about some orders, "for every child and adult"
about two nouns); "and" only before a new subject or an amount."""
_WHATEVER_WORDS = WHATEVER_WORDS
_WHATEVER = re.compile(rf"(?:,|(?<=[a-z])\s)\s*{_WHATEVER_WORDS}", re.I)
"""A clause claiming the charge whatever the case (", whatever your age"), after the clause it
qualifies; each comma or run of spaces is tried from its start only."""
_WHATEVER_AT = re.compile(rf",\s*(?={_WHATEVER_WORDS})", re.I)
"""Where such a clause opens after a comma: `text.claim_clause_length` reads it to its clause's
end (bounded), so what follows it in the sentence stays."""
_WHATEVER_NEXT = re.compile(rf",?\s*{_WHATEVER_WORDS}", re.I)
_EVERYONE_PAYS = re.compile(
    r"\b(?:every(?:one|body)|every\s+[a-z]+|all\s+[a-z]+s)\s+(?:pays?|is\s+charged)\b", re.I
)
"""A claim made the sentence's subject ("Everyone pays £45"): no words to narrow in place."""
_NO_EXEMPTION = re.compile(
    r"\bno\s+(?P<kind>(?:discounts?|exemptions?|concessions?|waivers?|reduced\s+rates?)\b)",
    re.I,
)
"""A sentence saying nobody is let off the charge ("There are no discounts or exemptions")."""
_DENIAL_WORDS = frozenset(
    map(
        stem,
        """discount discounts exemption exemptions concession concessions waiver waivers reduced
rate rates other apply applies available offered given""".split(),  # noqa: SIM905
    )
)
"""Words a denial of any exemption says beside what it is about ("No concessions apply")."""
_SAME = re.compile(r"\bsame\b", re.I)
_CLAUSE_END = re.compile(r"[,;]")
_CHARGE_WORD = re.compile(r"\b(?:costs?|charged?|charges|fees?|pays?|prices?|priced)\b", re.I)
"""Words saying an amount is what something costs."""
_FEE_WORDS = frozenset(
    {"fee", "fees", "cost", "costs", "charge", "charges", "charged", "pay", "pays", "price"}
    | {"every", "each", "everyone", "everybody", "free", "amount", "only", "also"}
)
"""Words of the prompt's fee sentence that say nothing of what the fee is for."""


@dataclass(frozen=True)
class WaivedGroup:
    """A charge the new prompt waives for a group past a line, how the group is said, and the
    stems of what the charge is for."""

    amount: float
    line: str
    group: str
    """ "Households where the account holder is aged 75 or over": the prompt's own words."""
    said: str
    """ "Households where the account holder is aged 75 or over get it free": the prompt's
    clause saying the group does not pay."""
    topic: frozenset[str]
    rule_new: str
    sayable: bool = True
    """False when the group is headed by the agent's word for whoever it talks to ("Callers
    aged 65 or over"): the KB's text is marked and flagged for a writer, never given it."""


def _stems(text: str) -> set[str]:
    return {
        stem(word.lower())
        for word in _WORD.findall(text[:_REACH])
        if word.lower() not in STOPWORDS and len(word) > 3
    }


def _group_said(sentence: str, line: str) -> tuple[str, str] | None:
    """(the group, the clause saying it does not pay) of a new prompt sentence whose first
    clause opens with the group, closes it at the line ("… aged 75 or over") and then says it
    does not pay; None otherwise."""
    clause = re.split(r"[:;]|\s[-–—]\s", sentence[:_REACH], maxsplit=1)[0].strip()
    number = re.search(rf"(?<!\d)(?<!\d[.,]){re.escape(line)}(?!\d|[.,]\d)", clause)
    if number is None:
        return None
    tail = _BOUND_TAIL.match(clause, number.end())
    end = tail.end() if tail else number.end()
    group, rest = clause[:end].strip(), clause[end:]
    # an amount in the group is the line itself ("orders of $120 or more"), never another one
    if any(found.end() != number.end() for found in AMOUNT.finditer(clause[: number.end()])):
        return None
    free_for = _FREE_FOR.search(group)
    if free_for is not None:
        # "Swims are free for swimmers aged 65 or over": the group is what follows "free"
        return free_for["case"], clause.rstrip(".")
    words = _WORD.findall(group)
    free = _FREE.search(rest)
    if not words or words[0].lower() in _ORDERS or free is None:
        return None
    before_free = rest[: free.start()]
    if len(_WORD.findall(before_free)) > _FREE_AFTER or AMOUNT.search(before_free):
        return None
    if _FREE.search(group):
        return None
    return group, clause.rstrip(".")


def _counterpart(words: Sequence[str]) -> bool:
    """Whether a group's head (its first noun, after a lead word) is the agent's word for whoever
    it talks to."""
    head = [word.lower() for word in words[:3] if word.lower() not in _LEADS | STOPWORDS]
    return bool(head) and stem(head[0]) in {stem(word) for word in _COUNTERPARTS}


def waived_group(facts: ChangeFacts) -> WaivedGroup | None:
    """The charge waived for a group past one line, when one argument moves from one amount to
    0 in every probe, the condition is that line (tags aside), a changed prompt sentence gave
    the amount before and a new one says the group past the line does not pay."""
    charge = waived_charge(facts)
    if charge is None:
        return None
    amount, atoms = charge
    if len(atoms) != 1 or atoms[0].op not in (">=", ">", "<", "<="):
        return None
    value = atoms[0].value
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    line = f"{value:g}"
    changed = [rule for rule in facts.rules if rule.new and rule.kind != "sentence_removed"]
    charged = fee_rule(changed, amount)
    if charged is None:
        return None
    found = next(
        (
            (read, rule.new or "")
            for rule in changed
            for sentence in _SENTENCE_END.split((rule.new or "")[:_REACH])
            if (read := _group_said(sentence, line)) is not None
        ),
        None,
    )
    if found is None:
        return None
    (group, said), rule_new = found
    # what the fee is for: its sentence's words, less those of other sentences of the new
    # prompt giving the same amount (a fee of the same size for something else); a sentence
    # the change itself wrote is the fee's own ("Deliveries of orders under $120 cost $8")
    written = " ".join(rule.new or "" for rule in facts.rules)
    others = set[str]().union(
        *(
            _stems(sentence)
            for sentence in facts.new_prompt_sentences
            if amount in amounts(sentence) and sentence not in written
        )
    )
    claims = {stem(m["noun"].lower()) for m in _EVERY.finditer(charged.old or "")}
    fee_words = {stem(word) for word in _FEE_WORDS}
    topic = frozenset(_stems(charged.old or "") - others - fee_words - claims)
    if not topic:
        return None
    sayable = not _counterpart(_WORD.findall(group))
    return WaivedGroup(amount, line, group, said, topic, rule_new.strip(), sayable)


def _line_said(waived: WaivedGroup, text: str) -> bool:
    return re.search(rf"(?<!\d)(?<!\d\.){re.escape(waived.line)}(?!\d|\.\d)", text) is not None


def _claims_everyone(text: str) -> bool:
    head = text[:_REACH]
    return any(pattern.search(head) for pattern in (_EVERY, _ALL, _WHATEVER, _EVERYONE_PAYS))


def _charged_to_all(waived: WaivedGroup, text: str) -> bool:
    """Whether a sentence (or row) gives the charge on its topic with a claim that everyone
    pays it, not yet giving the line."""
    if text.lstrip().startswith("#") or waived.amount not in amounts(text[:_REACH]):
        return False
    if _line_said(waived, text) or not _claims_everyone(text):
        return False
    claims = {stem(m["noun"].lower()) for m in _EVERY.finditer(text[:_REACH])}
    return bool((_stems(text) - claims) & waived.topic)


def _charged_plainly(waived: WaivedGroup, text: str) -> bool:
    """Whether a sentence (or row) gives the charge on its topic without a claim and without
    the line ("Delivery costs $8, added to your order total"): what comes before the amount (its
    subject, or a row's key) names the topic, and a word of charging says the amount is the
    charge (a row needs none). The same amount after another subject ("A plant pot ($8)
    can't be returned") is another thing."""
    head = text[:_REACH]
    if head.lstrip().startswith("#") or _line_said(waived, text):
        return False
    first = next(
        (found for found in AMOUNT.finditer(head) if waived.amount in amounts(found.group())),
        None,
    )
    if first is None or _claims_everyone(head):
        return False
    if not head.lstrip().startswith("|") and _CHARGE_WORD.search(head) is None:
        return False
    return bool(_stems(head[: first.start()]) & waived.topic)


def _denies_exemption(waived: WaivedGroup, text: str) -> bool:
    """Whether a sentence denies any exemption from the charge itself: what it says beside the
    denial is the charge's topic or the group ("no concessions on swimming"), not another
    thing ("no concessions on lockers")."""
    if text.lstrip().startswith(("#", "|")) or _line_said(waived, text):
        return False
    denial = _NO_EXEMPTION.search(text[:_REACH])
    if denial is None:
        return False
    about = _stems(text[denial.end() : _REACH]) - _DENIAL_WORDS
    return about <= waived.topic | _stems(waived.group)


def waived_sentences(
    waived: WaivedGroup, item_units: Sequence[Unit], title: str = ""
) -> dict[int, str]:
    """The units of an item giving the charge for everyone, by index, with the reason: each
    claiming it for everyone, and the first giving it plainly in the prose, in a list and in
    a table, each read on its own, where no claim there says it already (the exemption is
    said once there, not beside every statement); a sentence saying there are no exemptions
    too, where the item is about the charge's topic (its title names it, or it gives the
    charge for everyone)."""
    found: dict[int, str] = {}
    reason = f"{WAIVED_GROUP_REASON}: “{waived.rule_new}”"

    def row(unit: Unit) -> str:
        if unit.text.lstrip().startswith("|"):
            return "table"
        return "list" if ITEM_LEAD.match(unit.raw) else "prose"

    claims = {i for i, unit in enumerate(item_units) if _charged_to_all(waived, unit.text)}
    said_in = {row(item_units[i]) for i in claims}
    for index, unit in enumerate(item_units):
        if index in claims:
            found[index] = reason
        elif row(unit) not in said_in and _charged_plainly(waived, unit.text):
            found[index] = reason
            said_in.add(row(unit))
    if found or _stems(title) & waived.topic:
        for index, unit in enumerate(item_units):
            if index not in found and _denies_exemption(waived, unit.text):
                found[index] = f"{_DENIAL_REASON}: “{waived.rule_new}”"
    return found


def waived_group_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
    title: str = "",
) -> list[Any]:
    """`found` with the sentences and rows giving the waived charge to everyone marked."""
    waived = waived_group(facts)
    if waived is not None:
        marked = waived_sentences(waived, item_units, title)
    elif (grown := added_exemption(facts)) is not None:
        marked = added_exemption_sentences(grown, item_units)
    elif (dropped := dropped_case(facts)) is not None:
        marked = dropped_case_sentences(dropped, item_units)
    elif (charged := brought_in(facts)) is not None:
        marked = brought_in_sentences(charged, item_units)
    else:
        return found
    taken = {conflict.unit_index for conflict in found}
    added = [
        make(index, item_units[index].text, (reason,))
        for index, reason in marked.items()
        if index not in taken
    ]
    if not added:
        return found
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)


def _lower_first(word_text: str, prompt: str) -> str:
    """The group said inside a sentence: its first word in lower case, unless the prompt writes
    it capitalised in the middle of a sentence (a name)."""
    first = _WORD.match(word_text)
    if first is None:
        return word_text
    word = first.group()
    mid_sentence = re.search(rf"(?<![.!?:\n])(?<![.!?:\n][\s\"“(])[ \t]{re.escape(word)}\b", prompt)
    if word == word.lower() or mid_sentence is not None:
        return word_text
    return word.lower() + word_text[len(word) :]


def _in_topic(word: str, topic: Collection[str]) -> bool:
    """Whether a word, or its singular ("deliveries": "delivery"), is a stem of the topic."""
    singular = f"{word[:-3]}y" if word.endswith("ies") else word
    return stem(word) in topic or stem(singular) in topic


def exemption(waived: WaivedGroup, noun: str | None) -> str:
    """ "free where the account holder is aged 75 or over": the group in the prompt's words,
    its head noun dropped when the charge is already said per that noun."""
    group = waived.group
    words = _WORD.findall(group)
    first = words[0].lower()
    if first in _LEADS:
        return f"free {first}{group[len(words[0]) :]}"
    if (
        noun is not None
        and len(words) > 1
        and stem(first) == stem(noun.lower())
        and words[1].lower() in _RELATIVE
    ):
        return f"free {group[group.find(words[1], len(words[0])) :]}"
    if len(words) > 2 and _in_topic(first, waived.topic) and words[1].lower() in _OF:
        # "Deliveries of orders of $120 or more": the charge's own thing, then whom it is for
        return f"free for {group[group.find(words[2], len(words[0]) + len(words[1])) :]}"
    return f"free for {_lower_first(group, waived.rule_new)}"


def _narrowed(waived: WaivedGroup, text: str, cell: bool, markup: str | None = None) -> str | None:
    """The charge said with the exemption beside it: a claim over every one of a noun said
    per one ("per household"), a claim over everyone and a "whatever …" clause (to its clause's
    end) out, the exemption right after (in brackets in a sentence, after a semicolon in a
    cell). None when the claim is the sentence's subject or a sameness ("the same for
    everyone"), when it goes on into more words, when it is only part of a bracket, or when the
    item's markup (`markup`, HTML) puts a tag inside the words replaced."""
    if _EVERYONE_PAYS.search(text[:_REACH]) or _SAME.search(text[:_REACH]):
        return None
    every = _EVERY.search(text[:_REACH])
    claim = every or _ALL.search(text[:_REACH])
    noun = every["noun"] if every else None
    bracketed = False
    if claim is not None:
        if _CLAIM_END.match(text, claim.end()) is None:
            return None
        said = f"per {noun}" if noun else ""
        head = text[: claim.start()].rstrip() if not said else text[: claim.start()] + said
        start, rest = claim.start(), text[claim.end() :]
        rest = rest[claim_clause_length(rest[:_REACH]) :]
        if text[: claim.start()].rstrip().endswith("("):
            # the claim is a bracket's whole content: the bracket says the exemption instead
            if said or not rest.startswith(")"):
                return None
            head, rest, bracketed = head.rstrip()[:-1].rstrip(), rest[1:], True
    else:
        whatever = _WHATEVER_AT.search(text[:_REACH])
        if whatever is None:
            return None if _claims_everyone(text) else _aside(waived, text, cell)
        length = claim_clause_length(text[whatever.start() : whatever.start() + _REACH])
        if length == 0:
            return None
        head, start, rest = (
            text[: whatever.start()],
            whatever.start(),
            text[whatever.start() + length :],
        )
    if _WHATEVER_NEXT.match(rest) or waived.amount not in amounts(head):
        return None
    replaced = text[start : len(text) - len(rest)].strip(" ()")
    if markup is not None and replaced not in markup:
        return None
    free = exemption(waived, noun)
    aside = f"; {free}" if cell and not bracketed else f" ({free})"
    return f"{head}{aside}{rest}"


def _aside(waived: WaivedGroup, text: str, cell: bool) -> str | None:
    """The charge said without a claim, the exemption said after the clause giving it (to a
    comma, a semicolon or the sentence's end): in brackets in a sentence, after a semicolon in
    a cell."""
    amount = next(
        (
            found
            for found in AMOUNT.finditer(text[:_REACH])
            if waived.amount in amounts(found.group())
        ),
        None,
    )
    if amount is None:
        return None
    free = exemption(waived, None)
    if cell:
        said = text.rstrip()
        return f"{said}; {free}{text[len(said) :]}"
    # the clause's end: the first comma or semicolon after the amount, so the exemption is
    # said with the charge, not after what the sentence goes on to say of it
    # the amount's own end ("$8," is "$8" before a comma)
    end = amount.start() + len(amount.group().rstrip(","))
    clause_end = _CLAUSE_END.search(text, end, end + _REACH)
    stop = -1 if clause_end is None else clause_end.start()
    if stop < 0:
        said = text.rstrip()
        stop = len(said.rstrip(".!?"))
    elif not text[:stop].rstrip() or text[stop - 1].isspace():
        return None
    return f"{text[:stop]} ({free}){text[stop:]}"


def _cell_narrowed(waived: WaivedGroup, raw: str, markup: str | None) -> str | None:
    """The row (on the charge's topic: `_charged_to_all`) with the one cell giving the charge
    with a claim over everyone narrowed in place."""
    spans = cell_text_spans(raw)
    hits = [
        (a, b)
        for a, b in spans
        if waived.amount in amounts(raw[a:b]) and _claims_everyone(raw[a:b])
    ]
    if not hits:
        hits = [(a, b) for a, b in spans if waived.amount in amounts(raw[a:b])]
    if len(hits) != 1:
        return None
    start, end = hits[0]
    said = _narrowed(waived, raw[start:end], cell=True, markup=markup)
    return None if said is None else raw[:start] + said + raw[end:]


def _denial_said(waived: WaivedGroup, raw: str, stated: bool) -> str | None:
    """ "There are no other discounts or exemptions": the denial of any exemption said of the
    others, after the exemption itself when the item does not state it elsewhere."""
    denial = _NO_EXEMPTION.search(raw[:_REACH])
    if denial is None:
        return None
    other = f"{raw[: denial.start('kind')]}other {raw[denial.start('kind') :]}"
    if stated:
        return other
    marker = ITEM_LEAD.match(raw)
    lead = marker.group() if marker else raw[: len(raw) - len(raw.lstrip())]
    return f"{lead}{waived.said}. {other[len(lead) :]}"


def _ours(reasons: Sequence[str]) -> bool:
    return all(reason.startswith((WAIVED_GROUP_REASON, _DENIAL_REASON)) for reason in reasons)


def waived_group_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit: each marked sentence and row gives the charge with the
    exemption beside it, a denial of any exemption says no other, every other byte kept. A
    flag (no body) when only this rule marked the item and a sentence cannot be narrowed, so no
    other writer restates it; None when the item has other conflicts."""
    waived = waived_group(facts)
    if waived is None:
        return (
            added_exemption_edit(facts, impact)
            or dropped_case_edit(facts, impact)
            or brought_in_edit(facts, impact)
        )
    if not impact.conflicts:
        return None
    ours = all(conflict.reasons and _ours(conflict.reasons) for conflict in impact.conflicts)
    flag: tuple[str | None, str] = (
        None,
        f"Flagged for review: this {impact.item.kind} gives the charge for everyone; the new "
        f"prompt waives it for a group (“{waived.said}”), in words that cannot be put here.",
    )
    if not waived.sayable:
        return flag if any(_ours(conflict.reasons) for conflict in impact.conflicts) else None
    units_ = list(impact.units)
    headers = table_headers([unit.text for unit in units_])
    marked_at = waived_sentences(waived, units_, impact.item.title)
    markup = impact.item.body if impact.item.body_format == "html" else None
    charged = [index for index in marked_at if not _denies_exemption(waived, units_[index].text)]
    marked: dict[str, str] = {}
    for index in marked_at:
        unit = units_[index]
        said: str | None
        if index in charged:
            said = (
                _cell_narrowed(waived, unit.raw, markup)
                if headers[index]
                else _narrowed(waived, unit.raw, cell=False, markup=markup)
            )
        else:
            said = _denial_said(waived, unit.raw, stated=any(at < index for at in charged))
        if said is None or said == unit.raw:
            return flag if ours else None
        marked[unit.text] = said
    edit = marked_edit(
        impact,
        marked,
        lambda noun, quoted: (
            f"The new prompt waives the charge for a group (“{waived.said}”). This {noun} "
            f"still gives it for everyone in {quoted} The edit keeps the charge, says who no "
            f"longer pays it beside it, and keeps everything else in the {noun}."
        ),
    )
    if edit is None:
        return flag if ours else None
    return edit


def still_charged_to_all(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still give the waived charge to everyone, or still
    deny any exemption where the impact marked that."""
    waived = waived_group(facts)
    if waived is None:
        grown = added_exemption(facts)
        if grown is not None:
            return still_saying(
                lambda unit: _names_only_old(grown, unit.text),
                conflicting,
                old_body,
                body,
                body_format,
            )
        dropped = dropped_case(facts)
        if dropped is None:
            charged = brought_in(facts)
            if charged is None:
                return []
            return still_saying(
                lambda unit: _says_free(charged, unit.text),
                conflicting,
                old_body,
                body,
                body_format,
            )
        return still_saying(
            lambda unit: _case_listed(dropped, unit.text) is not None,
            conflicting,
            old_body,
            body,
            body_format,
        )
    if not waived.sayable:
        return []

    def says(unit: Unit) -> bool:
        if _charged_to_all(waived, unit.text):
            return True
        return unit.text in conflicting and _denies_exemption(waived, unit.text)

    return still_saying(says, conflicting, old_body, body, body_format)


def waived_group_fact(facts: ChangeFacts) -> str | None:
    """The waived charge said as a drafting model's fact: what the template writes from."""
    waived = waived_group(facts)
    if waived is None:
        grown = added_exemption(facts)
        if grown is None:
            dropped = dropped_case(facts)
            if dropped is None:
                charged = brought_in(facts)
                if charged is None:
                    return None
                return (
                    f"the new prompt charges a part of the customers for what was free "
                    f"(“{charged.said}”): text saying it is free says that in its place, in "
                    "the item's words"
                )
            return (
                f"the new prompt no longer charges the {dropped.amount:g} in one of the cases it "
                f"charged (“{dropped.rule_new}”): text listing that case among those charged "
                "(“A and B”, a table row) drops it from the list, in the item's words"
            )
        return (
            f"the new prompt lets one more group off the charge of {grown.amount:g} "
            f"(“{grown.rule_new}”): text naming only the old group as let off (“only …”, “the "
            f"only exception is …”) names the added one after it (“… {grown.added}”), in the "
            "item's words; a “whichever …” clause over what now decides it goes"
        )
    if not waived.sayable:
        return None
    return (
        f"the new prompt waives the charge of {waived.amount:g} for a group (“{waived.said}”) "
        "and keeps it for everyone else: text giving that charge for everyone (“for every …”, "
        "“for everyone”, “whatever …”, a table cell) keeps the amount, drops the claim and "
        f"says the exemption beside it (“… ({exemption(waived, None)})”); text saying there "
        "are no discounts or exemptions says there are no other ones, after the exemption"
    )


ADDED_EXEMPTION_REASON = "names the only ones let off the charge; the new prompt adds a group"
_TOKEN = re.compile(r"\S+")
_ONLY = frozenset({"only", "just"})
"""Words of the old exemption the new one drops as it grows ("Only resident members …")."""
_ANCHOR = 4
"""How many words before the added group are looked for in the KB: the old group's tail."""
_EXCLUSIVE = re.compile(r"\bonly\b|\bexcept|\bexempt", re.I)
"""Words saying the group named is the only one let off."""
_EXCEPTION_IS = re.compile(r"\b(?P<noun>exception)(?P<gap1>\s+)is(?P<gap2>\s+)$", re.I)


@dataclass(frozen=True)
class AddedExemption:
    """A group added to the groups let off a charge: the old group's last words (what the KB
    names it by), the words the new prompt adds after them ("and parents of …"), the amount
    waived, and the words of the condition picking out whom the change reaches."""

    anchor: tuple[str, ...]
    added: str
    amount: float
    subset: frozenset[str]
    rule_new: str


def _subset_words(atoms: Sequence[Any]) -> frozenset[str]:
    """The words of a condition's categories and variables ("membership in {startup}":
    startup, membership): what names the part of the customers the change reaches."""
    words: set[str] = set()
    for atom in atoms:
        values = atom.value if isinstance(atom.value, tuple | list) else (atom.value,)
        texts = [str(value) for value in values if isinstance(value, str)]
        texts.append(str(atom.feature))
        for text in texts:
            words |= {
                stem(word.lower())
                for word in re.split(r"[\W_]+", text)
                if len(word) > 3 and word.lower() not in STOPWORDS
            }
    return frozenset(words)


def _clean(token: str) -> str:
    return token.strip('.,;:!?()"“”').lower()


def _grown(old: str, new: str) -> tuple[tuple[str, ...], str] | None:
    """(the old group's last words, the words added after them) when the new sentence says
    the old one with only a group added ("and …", "or …") after the same words, and "only"
    dropped: each addition the same words; None otherwise."""
    old_tokens = _TOKEN.findall(old[:_REACH])
    new_tokens = _TOKEN.findall(new[:_REACH])
    anchor: tuple[str, ...] | None = None
    added: str | None = None
    last_end = 0
    opcodes = align(
        [_clean(token) for token in old_tokens], [_clean(token) for token in new_tokens]
    )
    for opcode in opcodes:
        op, a1, a2, b1, b2 = opcode.tag, opcode.i1, opcode.i2, opcode.j1, opcode.j2
        if op == "equal":
            continue
        if op == "delete" and all(_clean(token) in _ONLY for token in old_tokens[a1:a2]):
            last_end = a2
            continue
        if op != "insert":
            return None
        while (
            _clean(new_tokens[b1]) not in ("and", "or")
            and b2 < len(new_tokens)
            and _clean(new_tokens[b1]) == _clean(new_tokens[b2])
        ):
            # "resident [members and startup] members": the same words said one word on
            a1, b1, b2 = a1 + 1, b1 + 1, b2 + 1
        words = new_tokens[b1:b2]
        if _clean(words[0]) not in ("and", "or") or words[-1] != words[-1].rstrip(",;:."):
            return None
        said = " ".join(words)
        if added is None:
            tail = [_clean(token) for token in old_tokens[max(last_end, a1 - _ANCHOR) : a1]]
            if not tail or old_tokens[a1 - 1] != old_tokens[a1 - 1].rstrip(',;:.("“'):
                return None
            anchor, added = tuple(tail), said
        elif said != added:
            return None
        last_end = a2
    if anchor is None or added is None:
        return None
    return anchor, added


def added_exemption(facts: ChangeFacts) -> AddedExemption | None:
    """The group added to those let off a charge, when one argument moves from one amount to 0
    in every probe and a changed prompt sentence saying a group does not pay says it again
    with a group added that the condition names ("Only resident members book meeting rooms
    free" → "Resident members and startup programme members book meeting rooms free" for
    `membership in {startup}`)."""
    charge = waived_charge(facts)
    if charge is None:
        return None
    amount, atoms = charge
    subset = _subset_words(atoms)
    if not subset:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        if not _FREE.search(rule.old[:_REACH]) or not _FREE.search(rule.new[:_REACH]):
            continue
        grown = _grown(rule.old, rule.new)
        if grown is None or not _stems(grown[1]) & subset:
            continue
        return AddedExemption(grown[0], grown[1], amount, subset, rule.new.strip())
    return None


def _anchor_at(added: AddedExemption, text: str) -> re.Match[str] | None:
    words = r"\s+".join(re.escape(word) for word in added.anchor)
    return re.search(rf"(?<![\w-]){words}(?![\w-])", text[:_REACH], re.I)


def _names_only_old(added: AddedExemption, text: str) -> bool:
    """Whether a sentence (or row) names the old group as the only one let off the charge:
    the group's words, a word saying it does not pay, and "only"/"except…" or the amount;
    not yet naming the added group."""
    head = text[:_REACH]
    if head.lstrip().startswith("#") or _anchor_at(added, head) is None:
        return False
    if not _FREE.search(head):
        return False
    if not _EXCLUSIVE.search(head) and added.amount not in amounts(head):
        return False
    return not _stems(added.added) <= _stems(head)


def _claims_any_subset(added: AddedExemption, text: str) -> re.Match[str] | None:
    """A "whichever …" clause of a sentence giving the charge that names what the condition
    sorts by (", whichever ward they're visiting"): it is no longer so."""
    head = text[:_REACH]
    if head.lstrip().startswith(("#", "|")) or added.amount not in amounts(head):
        return None
    found = _WHATEVER_AT.search(head)
    if found is None:
        return None
    length = claim_clause_length(head[found.start() :])
    if length == 0 or not _stems(head[found.start() : found.start() + length]) & added.subset:
        return None
    return found


def added_exemption_sentences(added: AddedExemption, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units naming the old group as the only one let off, and those giving the charge
    whatever the case the condition sorts by, by index, with the reason."""
    reason = f"{ADDED_EXEMPTION_REASON}: “{added.rule_new}”"
    return {
        index: reason
        for index, unit in enumerate(item_units)
        if _names_only_old(added, unit.text) or _claims_any_subset(added, unit.text)
    }


def _added_said(added: AddedExemption, raw: str) -> str | None:
    """The unit with the added group said after the old one ("The only exceptions are resident
    members and …, who book them free"), or its "whichever …" clause out."""
    anchor = _anchor_at(added, raw)
    if anchor is not None and _names_only_old(added, raw):
        before = raw[: anchor.start()]
        said = _EXCEPTION_IS.search(before[-_REACH:])
        if said is not None:
            # "The only exception is A" → "The only exceptions are A and B"
            start = len(before) - len(before[-_REACH:]) + said.start()
            before = f"{before[:start]}{said['noun']}s{said['gap1']}are{said['gap2']}"
        return f"{before}{anchor.group()} {added.added}{raw[anchor.end() :]}"
    claim = _claims_any_subset(added, raw)
    if claim is None:
        return None
    length = claim_clause_length(raw[claim.start() : claim.start() + _REACH])
    return raw[: claim.start()] + raw[claim.start() + length :]


def added_exemption_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit: each unit naming the old group as the only one let off
    names the added group after it, a "whichever …" clause over what the condition sorts by
    goes, every other byte kept; None when the item has other conflicts left."""
    added = added_exemption(facts)
    if added is None or not impact.conflicts:
        return None
    units_ = list(impact.units)
    marked: dict[str, str] = {}
    for index in added_exemption_sentences(added, units_):
        unit = units_[index]
        said = _added_said(added, unit.raw)
        if said is None or said == unit.raw:
            return None
        marked[unit.text] = said
    return marked_edit(
        impact,
        marked,
        lambda noun, quoted: (
            f"The new prompt lets one more group off the charge (“{added.rule_new}”). This "
            f"{noun} still names only the old one in {quoted} The edit names the group added "
            f"after it (“{added.added}”), and keeps everything else in the {noun}."
        ),
    )


DROPPED_CASE_REASON = "lists a case the charge no longer holds in; the new prompt drops it"
_LIST_AFTER = r"(?:\s*,\s*|\s+(?:and|or|&)\s+|\s*[&+/]\s*)"
"""What joins one item of a list to the next ("skis and snowboards", "Fri & Sun", "Fri/Sun")."""


@dataclass(frozen=True)
class DroppedCase:
    """A case of a category the charge no longer holds in, dropped from the cases the old
    prompt charged it for ("Skis and snowboards carry a €15 damage waiver" → "Snowboards
    carry …" for `equipment in {skis}`): the amount, the case's words as a pattern
    (`_case_pattern`), and the new prompt's sentence."""

    amount: float
    case: str
    rule_new: str


def _case_pattern(value: str) -> str:
    """A category's value as the KB may write it: "friday", "Fridays", and its first three
    letters as a short form ("Fri", "Fri.") in the group `short`, which counts only in a list
    of short forms (`_listed_at`)."""
    word = re.escape(value.replace("_", " "))
    forms = [rf"{word}s?"]
    if len(value) > 4 and value.isalpha():
        forms.append(rf"(?P<short>{re.escape(value[:3])}\.?)")
    return rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])"


_SHORT_FORM = re.compile(r"[A-Z][a-z]{2}\.?")
"""A list item written as a short form: a capital and two letters, perhaps a full stop."""
_ITEM = r"[A-Za-z][\w-]*\.?"
_CASE_CLAUSE_END = re.compile(r"[;!?]|\.\s+(?=[A-Z])")
"""Where a clause of a sentence ends for `_case_listed` (no comma: it joins list items)."""


def _short_listed(found: re.Match[str], neighbour: str) -> bool:
    """Whether a found case stands in the list as itself: its full name, or a short form
    whose neighbour in the list is a short form too ("Fri & Sun", not "bus and tram")."""
    short = found.groupdict().get("short")
    if short is None:
        return True
    return bool(_SHORT_FORM.fullmatch(short) and _SHORT_FORM.fullmatch(neighbour))


def _listed_at(
    case: str, text: str, begin: int = 0, end: int | None = None
) -> tuple[int, int] | None:
    """Where `text[begin:end]` lists the case among others: the case with what joins it to the
    next item, or else the previous item's joint with the case."""
    end = len(text) if end is None else end
    ahead = re.compile(rf"(?P<case>{case})(?P<joint>{_LIST_AFTER})(?=(?P<next>{_ITEM}))", re.I)
    for found in ahead.finditer(text, begin, end):
        if _short_listed(found, found["next"]):
            return found.start(), found.end("joint")
    behind = re.compile(
        rf"(?:(?<![\w-])(?P<prev>{_ITEM}))?(?P<joint>{_LIST_AFTER})(?P<case>{case})", re.I
    )
    for found in behind.finditer(text, begin, end):
        if _short_listed(found, found["prev"] or ""):
            return found.start("joint"), found.end()
    return None


def dropped_case(facts: ChangeFacts) -> DroppedCase | None:
    """The case dropped from a charge's cases, when one argument moves from one amount to 0 in
    every probe, the condition is one category's values, and a changed prompt sentence that
    gave the amount named one of them in a list of cases its new version no longer names."""
    charge = waived_charge(facts)
    if charge is None:
        return None
    amount, atoms = charge
    if len(atoms) != 1 or atoms[0].op not in ("=", "in"):
        return None
    values = atoms[0].value if isinstance(atoms[0].value, tuple) else (atoms[0].value,)
    if len(values) != 1 or not isinstance(values[0], str) or len(values[0]) < 3:
        return None
    case = _case_pattern(values[0])
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old, new = rule.old[:_REACH], rule.new[:_REACH]
        if amount not in amounts(old) or amount not in amounts(new):
            continue
        if _listed_at(case, old) is not None and not re.search(case, new, re.I):
            return DroppedCase(amount, case, rule.new.strip())
    return None


def _case_listed(dropped: DroppedCase, text: str) -> tuple[int, int] | None:
    """Where a sentence (or row) giving the charge lists the dropped case among others, in a
    clause stating the amount (not a list of the same cases for something else before it):
    the case with what joins it to the next item, or the previous item's joint with the
    case."""
    head = text[:_REACH]
    if head.lstrip().startswith("#") or dropped.amount not in amounts(head):
        return None
    begin = 0
    for stop in [*(m.end() for m in _CASE_CLAUSE_END.finditer(head)), len(head)]:
        if dropped.amount in amounts(head[begin:stop]):
            found = _listed_at(dropped.case, head, begin, stop)
            if found is not None:
                return found
        begin = stop
    return None


def dropped_case_sentences(dropped: DroppedCase, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units giving the charge for a list naming the dropped case, by index, with the
    reason."""
    reason = f"{DROPPED_CASE_REASON}: “{dropped.rule_new}”"
    return {
        index: reason
        for index, unit in enumerate(item_units)
        if _case_listed(dropped, unit.text) is not None
    }


def dropped_case_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit: each marked unit's list of cases loses the dropped one
    ("(skis and snowboards)" → "(snowboards)", "| Late (Fri & Sun) |" → "(Sun)"), every other
    byte kept; None when the item has other conflicts left."""
    dropped = dropped_case(facts)
    if dropped is None or not impact.conflicts:
        return None
    marked: dict[str, str] = {}
    for index in dropped_case_sentences(dropped, list(impact.units)):
        unit = list(impact.units)[index]
        found = _case_listed(dropped, unit.raw)
        if found is None:
            return None
        marked[unit.text] = unit.raw[: found[0]] + unit.raw[found[1] :]
    return marked_edit(
        impact,
        marked,
        lambda noun, quoted: (
            f"The new prompt no longer charges one of the cases it charged (“{dropped.rule_new}”)."
            f" This {noun} still lists it in {quoted} The edit takes it out of the list, keeps "
            f"the charge for the others, and keeps everything else in the {noun}."
        ),
    )


BROUGHT_IN_REASON = "says the thing is free; the new prompt charges a part of the customers"
_NOTHING_TO_PAY = re.compile(
    r"\bnothing\s+(?:to\s+pay|extra|more|(?:has\s+been|was|is|will\s+be)\s+"
    r"(?:added|charged|taken)\b)",
    re.I,
)
_INTERNALS = re.compile(r"`|\b[a-z]+_[a-z_]+\b|\btell\s+(?:them|the)\b", re.I)
_CLAUSE_STOP = re.compile(r"[,;:.!?]")
_GETS = re.compile(
    r"\b(?:get|gets|have|has|receive|receives|enjoy|enjoys|is|are|come|comes)\b", re.I
)
"""The verb after who gets a thing free ("Silver members always get tyre checks free")."""
_CLAUSES_AFTER = 3
"""How many clauses after the one saying the thing is free are read for the same claim."""


@dataclass(frozen=True)
class BroughtIn:
    """A charge brought in for a part of the customers where the old prompt said the thing was
    free: the amount, the new prompt's sentence saying both sides (who still gets it free and
    who pays) in the customer's voice, and the stems of the words naming the thing: its head
    noun (`_head_noun`) and the others."""

    amount: float
    said: str
    head: str
    topic: frozenset[str]
    rule_new: str
    thing: frozenset[str] = frozenset()
    """The words naming the thing itself, after the verb of the old sentence ("tyre" of
    "Silver members always get tyre checks free"), never who gets it."""


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        return stem(f"{word[:-3]}y")
    if word.endswith(("sses", "ches", "shes", "xes")):
        return stem(word[:-2])
    return stem(word[:-1] if word.endswith("s") and not word.endswith("ss") else word)


_SUBJECT_END = re.compile(r"\b(?:is|are|was|were|remains?|stays?|comes?)\b", re.I)
_OF_AT = re.compile(r"\bof\b", re.I)


def _head_noun(subject: str) -> str | None:
    """The stem of a subject's head noun: its last word before the verb, or before "of"
    ("Missed class rebookings are …" → rebooking; "Recordings of past classes are …" →
    recording)."""
    verb = _SUBJECT_END.search(subject)
    phrase = subject[: verb.start()] if verb else subject
    of = _OF_AT.search(phrase)
    words = [
        word
        for word in _WORD.findall(phrase[: of.start()] if of else phrase)
        if word.lower() not in STOPWORDS
    ]
    return _singular(words[-1]) if words else None


def brought_in(facts: ChangeFacts) -> BroughtIn | None:
    """The charge brought in for the condition's customers, when one argument moves from 0 to
    one amount in every probe, a changed prompt sentence said the thing was free, and a
    sentence of its new version says both the free side and the amount, speaking to no tool
    ("Flexible plan members rebook a missed class free; basic plan members pay €6 …")."""
    if len(facts.moved) != 1 or not facts.conditions:
        return None
    values = facts.moved[0].values
    if any(old != 0 for _, old, _ in values) or len({new for _, _, new in values}) != 1:
        return None
    amount = values[0][2]
    if amount <= 0:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old = rule.old[:_REACH]
        free = _FREE.search(old)
        if free is None or amount in amounts(old):
            continue
        subject = [
            word for word in _WORD.findall(old[: free.start()]) if word.lower() not in STOPWORDS
        ]
        if len(subject) < 2:
            continue
        for sentence in _SENTENCE_END.split(rule.new[:_REACH]):
            if _INTERNALS.search(sentence) or not _FREE.search(sentence):
                continue
            if amount not in amounts(sentence):
                continue
            said = customer_voice(sentence.strip().rstrip(".!"))
            head = _head_noun(old[: free.start()]) or _singular(subject[0])
            topic = frozenset(_singular(word) for word in subject) - {head}
            verb = _GETS.search(old[: free.start()])
            thing = (
                frozenset(
                    _singular(word)
                    for word in _WORD.findall(old[verb.end() : free.start()])
                    if word.lower() not in STOPWORDS
                )
                - {head}
                if verb is not None
                else frozenset()
            )
            return BroughtIn(amount, said, head, topic, rule.new.strip(), thing)
    return None


def _says_free(charge: BroughtIn, text: str) -> bool:
    """Whether a sentence (or row) says the thing is free: a word saying so, the thing's head
    noun and another word of it, and not the amount already."""
    head = text[:_REACH]
    if head.lstrip().startswith("#") or not _FREE.search(head):
        return False
    if charge.amount in amounts(head):
        return False
    said = {_singular(word) for word in _WORD.findall(head)}
    # the thing by its head noun and a word of it, or by three words of the old sentence's
    # subject without the head, one of them the thing's own ("Being a Silver member means
    # a tyre check never costs you a penny" for Silver members' tyre checks), never only who
    # gets it ("Silver members always get a free coffee": another perk of theirs)
    if charge.head in said and said & charge.topic:
        return True
    return len(said & charge.topic) >= 3 and bool(said & charge.thing)


def brought_in_sentences(charge: BroughtIn, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units saying the newly charged thing is free, by index, with the reason."""
    reason = f"{BROUGHT_IN_REASON}: “{charge.rule_new}”"
    return {index: reason for index, unit in enumerate(item_units) if _says_free(charge, unit.text)}


def _clause_said(charge: BroughtIn, raw: str, marks: Collection[str] = ()) -> str | None:
    """The sentence with its clause saying the thing is free said as the new prompt's both
    sides, and a clause after it saying there is nothing to pay dropped ("Rebooking a missed
    class is always free, so there's nothing to pay." → "Flexible plan members rebook a missed
    class free; basic plan members pay €6 to rebook, taken from your account.")."""
    free = _FREE.search(raw[:_REACH])
    if free is None:
        return None
    lead = ITEM_LEAD.match(raw)
    begin = lead.end() if lead else len(raw) - len(raw.lstrip())
    stops = [m.end() for m in _CLAUSE_STOP.finditer(raw, begin, free.start())]
    start = stops[-1] if stops else begin
    while start < len(raw) and raw[start].isspace():
        start += 1
    after = _CLAUSE_STOP.search(raw, free.end(), free.end() + _REACH)
    end = after.start() if after is not None else len(raw.rstrip())
    for _ in range(_CLAUSES_AFTER):
        if raw[end : end + 1] != ",":
            break
        # ", so there's nothing to pay": a clause saying the same goes with it
        nxt = _CLAUSE_STOP.search(raw, end + 1, end + 1 + _REACH)
        stop = nxt.start() if nxt is not None else len(raw.rstrip())
        clause = raw[end + 1 : stop]
        if not (
            _NOTHING_TO_PAY.search(clause[:_REACH])
            or _FREE.search(clause[:_REACH])
            # ", whatever the size of your order": the claim for every case goes with it
            or without_case_claims(f",{clause}", marks) != f",{clause}"
        ):
            break
        end = stop
    said = charge.said if start == begin else charge.said[:1].lower() + charge.said[1:]
    return f"{raw[:start]}{said}{raw[end:]}"


def _cell_said(charge: BroughtIn, raw: str) -> str | None:
    spans = [(a, b) for a, b in cell_text_spans(raw) if _FREE.search(raw[a:b])]
    if len(spans) != 1:
        return None
    start, end = spans[0]
    return f"{raw[:start]}{charge.said}{raw[end:]}"


def brought_in_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit: each unit saying the thing is free says the new prompt's
    both sides in its place (a table cell the same), every other byte kept; None when the
    item has other conflicts left or a unit cannot be said so."""
    charge = brought_in(facts)
    if charge is None or not impact.conflicts:
        return None
    units_ = list(impact.units)
    headers = table_headers([unit.text for unit in units_])
    marked: dict[str, str] = {}
    for index in brought_in_sentences(charge, units_):
        unit = units_[index]
        said = (
            _cell_said(charge, unit.raw)
            if headers[index]
            else _clause_said(charge, unit.raw, case_marks(facts.conditions))
        )
        if said is None or said == unit.raw:
            return None
        marked[unit.text] = said
    return marked_edit(
        impact,
        marked,
        lambda noun, quoted: (
            f"The new prompt charges a part of the customers for what was free (“{charge.said}”)."
            f" This {noun} still says it is free in {quoted} The edit says who still gets it "
            f"free and who pays, and keeps everything else in the {noun}."
        ),
    )
