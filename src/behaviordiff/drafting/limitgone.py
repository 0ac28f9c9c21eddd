"""A limit withdrawn for everyone: a changed prompt sentence stated a limit as an amount of a
unit ("Gift cards are valid for 12 months from purchase.") and now says there is none, with no
number at all ("Gift cards never expire."); the change's condition is the far side of that
limit (`months_since_purchase >= 12`), who used to be refused.

A KB unit stating the limit says the amount with its unit ("valid for 12 months from the date
of purchase", a list item "- Each card is valid for 12 months from the date it was bought")
and a word of the old sentence the new one dropped ("valid", "purchase"): it says the new
prompt's sentence in its place. The same number on the same subject said of something else
("gift cards can be used on electricals, which come with our 12-month guarantee") shares only
the words both sentences say, and stays.

Pure text helpers: `impact` marks the units (`limit_gone_conflicts`), the template drafter
rewrites them (`limit_gone_edit`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.grants import stems_of
from behaviordiff.drafting.impactview import marked_for
from behaviordiff.drafting.promptrule import voiced
from behaviordiff.drafting.rules import is_person_noun
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, still_saying

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts
    from behaviordiff.drafting.impactview import ImpactView

LIMIT_GONE_REASON = "states a limit the new prompt withdraws for everyone"

_AMOUNT = re.compile(r"\b(?P<number>\d{1,6})\s+(?P<unit>[A-Za-z]{3,20})\b")
_NONE = re.compile(r"\b(?:never|no\s+longer|no|not|without)\b|n[’']t\b", re.I)
_DIGIT = re.compile(r"\d")
_CASE_LEAD = re.compile(r"^\s*(?:if|when|whenever|once|unless|where)\b[^,;:.!?]*[,;:]", re.I)
"""A sentence's leading case ("If they've already used 2 skips this year,"): an amount in it
is when the rule applies, not the limit it states."""
_BOUND_LEAD = re.compile(
    r"\b(?:up\s+to|at\s+most|no\s+more\s+than|(?:a\s+)?maximum\s+of|max(?:imum)?|"
    r"at\s+least|(?:a\s+)?minimum\s+of)\s+$",
    re.I,
)
"""The words saying an amount is a bound ("up to 2 months"), right before it."""
_LEAD_WINDOW = 24
"""The longest bound lead ("a maximum of", "no more than") with room for its spaces."""
_MIN_WORD = 4
_SHARED = 2


@dataclass(frozen=True)
class LimitGone:
    """A limit the new prompt withdraws for everyone."""

    amount: re.Pattern[str]
    """The old limit's amount with its unit ("12 months", "12 month")."""
    old_words: frozenset[str]
    """Content stems of the old sentence, its amount out."""
    dropped: frozenset[str]
    """Stems of those the new sentence no longer says ({"valid", "purchase"})."""
    said: str
    """The new prompt's sentence ("Gift cards never expire.")."""
    bounded: bool = False
    """The new sentence says every word of the old one but its amount ("Members can skip any
    month they like: there's no limit on how many months they skip"): a unit states the limit
    where it says the amount as a bound ("up to 2 months")."""
    old: str = ""
    """The old prompt's sentence stating the limit."""


def _lower_bound(facts: ChangeFacts) -> float | None:
    condition = facts.condition
    if condition is None:
        return None
    bounds = [
        atom.value
        for atom in condition.atoms
        if atom.op in (">=", ">") and isinstance(atom.value, (int, float))
    ]
    return float(bounds[0]) if len(bounds) == 1 else None


def _content(text: str) -> set[str]:
    return {word for word in stems_of(text) if word.isalpha() and len(word) >= _MIN_WORD}


def limit_gone(facts: ChangeFacts) -> LimitGone | None:
    """The limit a change withdraws, or None: an attributed changed sentence stating the
    condition's lower bound as an amount of a unit now says none, with no number, in one
    sentence the KB can say as it is (no code, no argument names)."""
    bound = _lower_bound(facts)
    if bound is None:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        new = rule.new.strip()
        if _DIGIT.search(new) or not _NONE.search(new) or "`" in new or "_" in new:
            continue
        if len(re.findall(r"[.!?](?:\s|$)", new)) != 1:
            continue
        case = _CASE_LEAD.match(rule.old)
        stated = [
            m
            for m in _AMOUNT.finditer(rule.old)
            if float(m["number"]) == bound and (case is None or m.start() >= case.end())
        ]
        if len(stated) != 1:
            continue
        unit = stated[0]["unit"]
        stem = unit[:-1] if unit.lower().endswith("s") else unit
        old_words = _content(rule.old) - _content(unit)
        dropped = old_words - _content(new)
        bounded = not dropped and _bound_before(rule.old, stated[0].start())
        if not dropped and not bounded:
            continue
        number = stated[0]["number"]
        worded = [word for word, count in CARDINALS.items() if count == int(number)]
        written = "|".join([number, *worded])
        return LimitGone(
            amount=re.compile(rf"\b(?:{written})\s+{re.escape(stem)}s?\b", re.I),
            old_words=frozenset(old_words),
            dropped=frozenset(dropped),
            said=new,
            bounded=bounded,
            old=rule.old,
        )
    return None


def _bound_before(text: str, start: int) -> bool:
    """Whether the words right before `start` say a bound ("up to"): read on a fixed window,
    so a unit of many amounts is read in linear time."""
    return _BOUND_LEAD.search(text[max(0, start - _LEAD_WINDOW) : start]) is not None


def states_limit(gone: LimitGone, text: str) -> bool:
    """Whether a unit states the withdrawn limit: its amount and unit, a word the new sentence
    dropped and another of the old sentence's; never a heading."""
    if text.lstrip().startswith("#"):
        return False
    amounts = list(gone.amount.finditer(text))
    if not amounts:
        return False
    said = _content(text)
    if gone.bounded:
        return len(said & gone.old_words) >= _SHARED and any(
            _bound_before(text, found.start()) for found in amounts
        )
    return bool(said & gone.dropped) and len(said & gone.old_words) >= _SHARED


_TO_READER = re.compile(r"\b(?:you|your)\b", re.I)
_THEM = re.compile(r"\bthem\b", re.I)


def said_for(gone: LimitGone, text: str) -> str:
    """The new prompt's sentence as a unit saying `text` puts it: to the reader where the unit
    states the limit to them ("You can skip up to 2 months") and the sentence opens with the
    people it is about ("Members can skip any month they like" → "You can skip any month you
    like"), in the voice `promptrule.voiced` gives; as the prompt says it otherwise, and where
    it says "them", which may be others ("as long as they sign them in")."""
    found = gone.amount.search(text)
    before = text[: found.start()] if found is not None else text
    subject, _, rest = gone.said.partition(" ")
    if not is_person_noun(subject) or not _TO_READER.search(before) or _THEM.search(rest):
        return gone.said
    rule = voiced(f"the {subject.lower()} {rest}", subject.lower())
    if rule is None or rule.head or not rule.statement.lower().startswith("you "):
        return gone.said
    return rule.sentence


_AND_CLAUSE = re.compile(r",\s+and\s+")


def _kept_clause(gone: LimitGone, raw: str) -> str:
    """The clause after the limit's own, joined by ", and", saying neither the amount nor a
    word the new sentence dropped: what the unit says beside the limit ("…, and nothing is
    sent or charged in a month you skip"), kept after the new sentence; "" when there is
    none. A clause joined by "so" follows from the limit, and goes with it."""
    found = gone.amount.search(raw)
    join = _AND_CLAUSE.search(raw, found.end()) if found is not None else None
    if join is None:
        return ""
    clause = raw[join.start() :].rstrip().rstrip(".!?")
    if gone.amount.search(clause) or _content(clause) & gone.dropped:
        return ""
    return clause


_MARKUP = re.compile(r"\*\*|__|`|<|\[|\{\{")
_JOINT_BEFORE = re.compile(
    r";|,\s+(?:and|but|so|because|as|which|while|then|unless|though|although)\b|\s[—–]\s", re.I
)
"""Where a clause ends before the limit's own: replaced whole, the unit would lose it."""
_JOINT_AFTER = re.compile(
    r"[;:]|,\s+(?:but|because|as|which|while|then|unless|though|although|if|when)\b|\s[—–]\s",
    re.I,
)
"""A clause after the limit's own other than one joined by ", and" (kept) or "so" (goes with
the limit): it may say something else, so the unit is a writer's."""
_LABEL_WORDS = 4
_PEOPLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,30}")


def _people(text: str) -> set[str]:
    """The people a text names ("members", "non-members"), singular and lower case."""
    named = set()
    for word in _PEOPLE_WORD.findall(text):
        if is_person_noun(word.rsplit("-", 1)[-1]):
            named.add(word.lower().removesuffix("s"))
    return named


def _said_whole(gone: LimitGone, unit: Unit) -> bool:
    """Whether a unit stating the limit can be said as the new sentence whole: no table row,
    no markup around its words, no people the old sentence does not name ("Non-members can
    borrow up to 3 tools a year"), and no clause but the limit's own (a leading label "Borrowing:"
    aside, a clause joined by ", and" kept after it)."""
    raw = unit.raw.strip()
    found = gone.amount.search(raw)
    if found is None or raw.startswith("|") or _MARKUP.search(raw):
        return False
    if _people(unit.text) - _people(gone.old):
        return False
    before = raw[: found.start()]
    label, colon, _said = before.partition(":")
    if colon and len(label.split()) > _LABEL_WORDS:
        return False
    if _JOINT_BEFORE.search(before):
        return False
    return _JOINT_AFTER.search(raw, found.end()) is None


def limit_gone_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """For a limit withdrawn for everyone (`limit_gone`), the units stating it, added to
    `found`."""
    gone = limit_gone(facts)
    if gone is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    return found + [
        make(index, unit.text, (LIMIT_GONE_REASON,))
        for index, unit in enumerate(item_units)
        if index not in taken and states_limit(gone, unit.text)
    ]


def limit_gone_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit for a limit withdrawn for everyone: each unit stating it
    says the new prompt's sentence instead, every other byte kept. None when the change
    withdraws no limit or the item states none."""
    gone = limit_gone(facts)
    if gone is None:
        return None
    # a unit another rule flagged first states the limit all the same
    marked = set(marked_for(impact.conflicts, LIMIT_GONE_REASON)) | {
        conflict.sentence for conflict in impact.conflicts if states_limit(gone, conflict.sentence)
    }
    if not marked:
        return None

    body = " ".join(impact.item.body.split())
    html = impact.item.body_format == "html"

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        if not _said_whole(gone, unit) or (html and unit.text not in body):
            return Keep.BLOCK  # markup or another clause in the sentence: a writer's
        trail = unit.raw[len(unit.raw.rstrip()) :]
        said = said_for(gone, unit.text)
        clause = _kept_clause(gone, unit.raw)
        if clause:
            end = unit.raw.rstrip()[-1:]
            said = said.rstrip(".!") + clause + (end if end in ".!?" else "")
        return f"{said}{trail}"

    new_body = rewrite_units(impact.item.body, impact.item.body_format, pick)
    if new_body is None:
        return None
    quoted = "; ".join(f"“{u.text}”" for u in impact.units if u.text in marked)
    return new_body, (
        f"The new prompt withdraws the limit for everyone: “{gone.said}” This "
        f"{impact.item.kind} still states it in {quoted}. The edit says the new rule there "
        "and keeps everything else."
    )


def still_limited(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still state the withdrawn limit (`states_limit`)."""
    gone = limit_gone(facts)
    if gone is None:
        return []
    return still_saying(
        lambda unit: states_limit(gone, unit.text), conflicting, old_body, body, body_format
    )


def limit_gone_fact(facts: ChangeFacts) -> str | None:
    """The withdrawn limit said as a drafting model's fact: what the template writes from."""
    gone = limit_gone(facts)
    if gone is None:
        return None
    return (
        f"the new prompt withdraws a limit for everyone (“{gone.old}” → “{gone.said}”): text "
        "stating the old limit (its amount as a bound or a validity) says the new sentence in "
        "its place, with no amount; the same number said of something else stays"
    )
