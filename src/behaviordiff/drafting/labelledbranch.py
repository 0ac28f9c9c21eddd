"""A labelled list item stating the old side of a rule split in two under a condition
("- Payment: in full when you book, by card or bank transfer", where the new prompt takes a
deposit for early bookings and payment in full for the rest) leads with the new side, in the
item's own form, and keeps its old value for the other side: "- Payment: a 20% deposit when a
guest confirms a booking made more than 8 weeks before departure, and the balance is due 8
weeks before departure; otherwise in full when you book, by card or bank transfer". The rule
appended after the whole item would leave the old value reading as everyone's."""

from __future__ import annotations

import re
from collections.abc import Iterable

from behaviordiff.drafting.casestep import labelled_item
from behaviordiff.drafting.rules import kb_rule, lower_head, rule_parts
from behaviordiff.drafting.text import lower_first, terms, upper_first

_CONDITION = re.compile(r"(?:if|when|whenever|once|for)\b", re.I)
# where a restated rule's next clause starts (", and your place is confirmed", " and the
# balance is due"): a joiner before a new subject; the text is the prompt's, single-spaced
_CLAUSE = re.compile(r",? and (?=(?:the|your|a|an|we|you|it|they|there|our|this)\b)")
_ACTION = re.compile(r"we (?P<verb>[a-z]+) (?P<what>\S.*)")
# a clause going on with the case ("If it is over £50, and they are a member"), not an instruction
_GOES_ON = re.compile(r"(?:and|or|but|then|which|who|unless|as|so)\b", re.I)
_ARTICLE = frozenset({"a", "an", "the"})


def _new_side(new_rule: str, kept_rule: str) -> tuple[str, list[str]] | None:
    """(the new side's condition, what holds under it as clauses in the KB's voice, those the
    kept side says too left out) of a changed prompt sentence: "When a guest confirms a booking
    made more than 8 weeks before departure, take a 20% deposit: …" → ("when a guest confirms
    …", ["we take a 20% deposit", "the balance is due 8 weeks before departure"])."""
    parts = rule_parts(new_rule)
    if parts is None:
        return None
    head, body = parts
    # the instruction after the case ("When …, take a 20% deposit") is what we do, said with
    # the rest of the body, not a part of the case
    split = rule_parts(head)
    if split is not None and not _GOES_ON.match(split[1]):
        head, body = split[0], f"{split[1]}; {body}"
    restated = kb_rule(f"{head}: {body}")
    if restated is None or not _CONDITION.match(restated.head):
        return None
    kept = kb_rule(kept_rule)
    also = " ".join(kept.statement.lower().split()) if kept is not None else ""
    clauses = [
        clause.strip()
        for clause in _CLAUSE.split(restated.statement)
        if clause.strip() and clause.strip().lower() not in also
    ]
    return (lower_head(restated.head), clauses) if clauses else None


def _value(label: str, clause: str, calls: Iterable[str]) -> str | None:
    """What "we <verb> …" gives as a labelled value when the label says the rest of a call's
    name ("Payment" of `take_payment`, "take a 20% deposit" → "a 20% deposit"), the label's
    own noun after an article left out ("send a reminder a week before" → "a week before")."""
    action = _ACTION.fullmatch(clause)
    if action is None:
        return None
    label_terms = set(terms(label))
    named = label_terms | set(terms(action.group("verb")))
    if not label_terms or not any(named == set(terms(call.replace("_", " "))) for call in calls):
        return None
    words = action.group("what").split()
    said = len(label.split())
    if (
        len(words) > said + 1
        and words[0].lower() in _ARTICLE
        and set(terms(" ".join(words[1 : said + 1]))) == label_terms
    ):
        words = words[said + 1 :]
    return " ".join(words)


def branch_item(raw: str, new_rule: str, kept_rule: str, calls: Iterable[str]) -> str | None:
    """`raw`, a labelled list item whose value opens with the old side's clause (its words all
    said by `kept_rule`, the prompt sentence keeping the old rule for the other side), with the
    new side (`new_rule`) first and its own value kept after "otherwise"; None for any other
    unit or a rule not said this way. `calls`: the names of the calls the new agent makes."""
    found = labelled_item(raw.rstrip())
    if found is None:
        return None
    lead, value = found
    first = set(terms(re.split(r"[,;]", value, maxsplit=1)[0]))
    side = _new_side(new_rule, kept_rule) if first and first <= set(terms(kept_rule)) else None
    if side is None:
        return None
    condition, clauses = side
    label = " ".join(re.sub(r"[^A-Za-z' ]", " ", lead).split())
    what = _value(label, clauses[0], calls)
    said = (
        ", and ".join([f"{what} {condition}", *clauses[1:]])
        if what
        else f"{condition}, " + ", and ".join(clauses)
    )
    if value[:1].isupper() and not value[1:2].isupper():
        said, value = upper_first(said), lower_first(value)
    return f"{lead}{said}; otherwise {value}{raw[len(raw.rstrip()) :]}"
