"""A charge brought in for a yes/no case, with a line of a number that keeps it free: the old
prompt said there was no charge whenever the case happened ("Tell them there's no charge,
whatever time they let us know"), the new one charges it unless the customer is on the free
side of the line ("If they got in touch before 8am, fee 0 … Otherwise, fee 35: tell them a £35
call-out fee is added to their next invoice, and that cancelling before 8am avoids it"); a
call's argument moved from 0 to the one amount, for a condition of one flag and one line
(`gate_locked = true and contact_hour >= 8`).

Neither the line alone ("From 8, there is a £35 fee") nor the flag alone says who pays; what
the new prompt tells the customer says both, and is what the KB says in place of each
sentence saying there is no charge in the case ("You won't be charged a penny for a visit we
couldn't do", "No call-out fee, however late in the day you tell us"). The KB often says the
case around the sentence rather than in it: a sentence is about the case when it, the heading
it sits under, the sentences of its paragraph before it, or a macro's title (one customer's
case; an article's title covers its every section) names the flag's words ("gate", "locked").
Another thing free in the same item ("We come back within two working days, free of charge"
under "What if you miss my visit?") names no case and stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.casetold import last_told
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.newcharge import (
    ABSENCE,
    NEW_CHARGE_REASON,
    from_nothing,
    named_charge,
    without_code,
)
from behaviordiff.drafting.text import (
    STOPWORDS,
    Keep,
    Unit,
    marked_sentences,
    rewrite_units,
    terms,
    upper_first,
)
from behaviordiff.kb.model import PLACEHOLDER

FLAG_CHARGE_REASON = "says there is no charge in the case the new prompt now charges"

_LINE_OPS = frozenset({">", ">=", "<", "<=", "between"})
_NO_NAMED_FEE = re.compile(
    r"\bno\s+(?:[A-Za-z][\w'’]*-)?[A-Za-z][\w'’]*\s+(?:charges?|fees?|surcharges?)\b", re.I
)
"""No charge of a kind ("No call-out fee", "no booking charge")."""
_TELL = re.compile(
    r"\b(?:tell|inform|let)\s+(?:them|the\s+[a-z]{3,20}|him|her)(?:\s+know)?\s+(?:that\s+)?",
    re.I,
)
_AND_THAT = re.compile(r",?\s+and\s+that\s+", re.I)
_ADDRESS = (
    (re.compile(r"\bthey[’']ll\b"), "you'll"),
    (re.compile(r"\bthey[’']re\b"), "you're"),
    (re.compile(r"\btheir\b"), "your"),
    (re.compile(r"\bthem\b"), "you"),
    (re.compile(r"\bthey\b"), "you"),
)
_LIST_MARK = re.compile(r"^\s{0,8}(?:[-*+]|\d{1,3}[.)])\s+")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)?")
_MAX = 4000


@dataclass(frozen=True)
class FlagCharge:
    """The charge, as the new prompt tells the customer it, and the words naming its case."""

    said: str
    """The KB's sentence: "A £35 call-out fee is added to your next monthly invoice, and
    cancelling before 8am on the visit day avoids it."."""
    amount: str
    """"£35"."""
    case: frozenset[str]
    """The flag's words, as `terms` ({"gate", "lock"} of `gate_locked`)."""
    old_numbers: frozenset[str]
    """The numbers the old rules state: a sentence said again may drop them."""


def _told(rule: str, amount: str, line: str) -> str | None:
    """What the rule ends by telling the customer, said to "you", when it names the amount
    and the line's number and none of the prompt's internals; None otherwise."""
    said = last_told(rule, _TELL)
    if said is None or amount not in said or re.search(r"[`{}_]", said):
        return None
    if re.search(rf"(?<![\d.,]){re.escape(line)}(?!\d|[.,]\d)", said) is None:
        return None  # the flag alone would claim the charge for everyone in the case
    said = _AND_THAT.sub(", and ", said)
    for pattern, word in _ADDRESS:
        said = pattern.sub(word, said)
    return upper_first(said) + "."


def flag_charge(facts: ChangeFacts) -> FlagCharge | None:
    """The charge a change brings in for a yes/no case with a line keeping it free, or None:
    every value the change moves went from 0 to one amount, its condition is one flag and one
    line (tags aside), an old rule said there was no charge, and a new rule tells the customer
    the amount with the line's number."""
    if not facts.moved or not from_nothing(facts.moved) or facts.condition is None:
        return None
    if facts.moves:
        return None
    news = {new for value in facts.moved for _, _, new in value.values}
    atoms = [atom for atom in facts.condition.atoms if atom.op != "tag"]
    flags = [atom for atom in atoms if isinstance(atom.value, bool)]
    lines = [atom for atom in atoms if atom.op in _LINE_OPS and not isinstance(atom.value, bool)]
    if len(news) != 1 or len(flags) != 1 or len(lines) != 1 or len(atoms) != 2:
        return None
    line = lines[0].value if lines[0].op != "between" else None
    if not isinstance(line, int | float):
        return None
    if not any(rule.old and ABSENCE.search(without_code(rule.old)) for rule in facts.rules):
        return None
    case = frozenset(terms(flags[0].feature.rsplit(".", 1)[-1].replace("_", " "))) - STOPWORDS
    if not case:
        return None
    number = f"{line:g}"
    for rule in facts.rules:
        if not rule.new or not rule.kind.startswith("sentence"):
            continue
        found = named_charge(rule.new)
        if found is None or (rule.old and found[0] in rule.old):
            continue
        said = _told(rule.new, found[0], number)
        if said is None:
            continue
        olds = " ".join(other.old or "" for other in facts.rules)
        return FlagCharge(said, found[0], case, frozenset(_NUMBER.findall(olds)))
    return None


def _says_free(charge: FlagCharge, text: str) -> bool:
    if len(text) > _MAX or charge.amount in text:
        return False
    return ABSENCE.search(text) is not None or _NO_NAMED_FEE.search(text) is not None


def _denying(
    charge: FlagCharge, text: str, item_units: Sequence[Unit], named: set[str]
) -> list[int]:
    """The indexes of the units saying there is no charge in the case, the case named in
    them, the heading they sit under, their paragraph before them, or `named` (a macro's
    title). One pass: the nearest heading and the paragraph so far are carried along."""
    found: list[int] = []
    heading: set[str] = set()
    before: set[str] = set()
    for index, unit in enumerate(item_units):
        if index > 0:
            last = item_units[index - 1]
            gap = text[last.end : unit.start].replace("\r", "")
            before = set() if "\n\n" in gap or last.text.startswith("#") else before
            if not last.text.startswith("#"):
                before |= set(terms(last.text))
        if unit.text.startswith("#"):
            heading = set(terms(unit.text))
            before = set()
            continue
        if unit.text.startswith("|") or not _says_free(charge, unit.text):
            continue
        if charge.case <= set(terms(unit.text)) | heading | before | named:
            found.append(index)
    return found


def flag_charge_conflicts(
    facts: ChangeFacts,
    text: str,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
    *,
    title: str = "",
    kind: str = "article",
) -> list[Any]:
    """`found` with the units of `text` saying there is no charge in the newly charged case
    marked (`make` builds a conflict from index, text and reasons); a macro's title (one
    customer's case) names the case for all its sentences."""
    charge = flag_charge(facts)
    if charge is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    named = set(terms(title.rsplit("::", 1)[-1])) if kind == "macro" else set()
    marked = list(found)
    for index in _denying(charge, text, item_units, named):
        if index not in taken:
            marked.append(make(index, item_units[index].text, (FLAG_CHARGE_REASON,)))
    marked.sort(key=lambda conflict: conflict.unit_index)
    return marked


def still_flag_denied(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still say there is no charge in the case now
    charged: what no drafter's edit may keep."""
    charge = flag_charge(facts)
    if charge is None:
        return []
    return marked_sentences(
        body, body_format, lambda text, found: _denying(charge, text, found, set())
    )


def flag_charge_fact(facts: ChangeFacts) -> str | None:
    """The charge as a drafting model is told it: what to say where the KB says the case is
    free."""
    charge = flag_charge(facts)
    if charge is None:
        return None
    return (
        f"the new prompt now charges {charge.amount} in one case, unless the customer is on the "
        f"free side of a line: \u201c{charge.said}\u201d; text saying there is no charge in "
        "that case (in the sentence, its heading or its paragraph) says this instead; other "
        "things given free stay as they are"
    )


def flag_charge_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """Each sentence saying there is no charge in the case says the charge as the new prompt
    tells the customer it, a list item in its list's style; a sentence holding a placeholder
    or a number the old rules did not state says more, and is the writer's (flagged). None
    when the change is of another kind or the item says no such thing."""
    charge = flag_charge(facts)
    if charge is None:
        return None
    # the line-only writer's marks (`newcharge`) are this charge's too: the line alone
    # misstates who pays
    ours = (FLAG_CHARGE_REASON, NEW_CHARGE_REASON)
    denying = {c.sentence for c in impact.conflicts if any(r.startswith(ours) for r in c.reasons)}
    if not denying:
        return None
    blocked: list[str] = []

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in denying:
            return Keep.UNIT
        if PLACEHOLDER.search(unit.raw) or set(_NUMBER.findall(unit.text)) - charge.old_numbers:
            blocked.append(unit.text)
            return Keep.BLOCK
        lead = _LIST_MARK.match(unit.raw)
        if lead is None:
            return charge.said
        stop = unit.raw.rstrip()[-1:] in ".!?"
        return lead.group(0) + (charge.said if stop else charge.said.rstrip("."))

    quoted = "; ".join(f"\u201c{' '.join(t.split())}\u201d" for t in sorted(denying))
    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if blocked or new_body is None or new_body == impact.item.body:
        return None, (
            f"Flagged for review: the new prompt now says {charge.said!r}; this "
            f"{impact.item.kind} says there is no charge in {quoted}, which says more than the "
            "rule."
        )
    return new_body, (
        f"The new prompt now tells customers: \u201c{charge.said}\u201d; this "
        f"{impact.item.kind} still says there is no charge in {quoted}. The edit says the new "
        "rule there and keeps everything else."
    )
