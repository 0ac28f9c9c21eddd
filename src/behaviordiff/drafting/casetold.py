"""A charge for a case inside a line the old rule already drew: the old prompt made a repair
free under a line for everyone ("if `age_days` is under 30, the fix is free"), the new one keeps
the line and charges one case of a category inside it ("If `age_days` is under 30 and
`receipt` is false, book it with `book_fix` (fee 20) and tell them bikes without a receipt pay
a £20 bench fee."). The line alone ("Under 30, there is a £20 bench fee.") misstates who
pays: the KB says the charge with its case, in its own sentence, not the replies' words ("A
£20 bench fee applies to bikes without a receipt."). A table row whose cell names the case
among alternatives ("| Any rider, with or without a receipt | Free |") is split in two rows, one
per alternative ("| With a receipt | Free |", "| Without a receipt | £20 |"); any other row is
flagged."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.detect.model import Atom
from behaviordiff.drafting.text import STOPWORDS, terms

_TELL = re.compile(
    r"\b(?:tell|inform|let)\s+(?:them|the\s+customer|the\s+owner|the\s+guest|him|her)"
    r"(?:\s+know)?\s+(?:that\s+)?",
    re.I,
)
_PIECE_END = re.compile(r"[.;]\s")
_PAYS = re.compile(
    r"^(?P<who>[^,]+?)\s+(?:pays?|are\s+charged|is\s+charged)\s+(?P<what>an?\s.+)$", re.I
)
"""Who pays what ("second-hand bikes pay a reduced £20 fee")."""
_ADDRESS = ((re.compile(r"\bthey\b", re.I), "you"), (re.compile(r"\btheir\b", re.I), "your"))
_LINE_OPS = frozenset({">", ">=", "<", "<=", "between"})
_ALTERNATIVES = re.compile(
    r"(?<![\w'’-])(?P<first>[A-Za-z][\w'’-]*)\s+or\s+(?P<second>[A-Za-z][\w'’-]*)(?![\w'’-])"
)
"""Two one-word alternatives ("new or second-hand", "with or without")."""


@dataclass(frozen=True)
class CaseTold:
    """A charge as the new prompt tells the customer it, for one case."""

    said: str
    """The KB's sentence: "A £20 bench fee applies to bikes without a receipt."."""
    who: frozenset[str]
    """The `terms` naming who pays ({"bike", "without", "receipt"}), stopwords out."""
    amount: str
    """"£20"."""


def case_in_line(atoms: Sequence[Atom], old_rules: str, line: str) -> bool:
    """Whether a condition charges a case of a category inside a line the old rules already
    state: a category atom beside the line, and the line's number said by an old rule."""
    if not any(atom.op in ("=", "in") for atom in atoms):
        return False
    if not any(atom.op in _LINE_OPS for atom in atoms):
        return False
    return re.search(rf"(?<![\d.,]){re.escape(line)}(?![\d])", old_rules) is not None


def last_told(rule: str, tell: re.Pattern[str] = _TELL) -> str | None:
    """What a rule ends by telling the customer: its last piece after its last "tell them"
    (`tell`), or None when the last piece tells nothing."""
    flat = " ".join(rule.split()).rstrip(" .;!")
    last = _PIECE_END.split(flat)[-1]
    found = next(reversed(list(tell.finditer(last))), None)
    return None if found is None else last[found.end() :].strip()


def told_charge(rule: str, amount: str) -> CaseTold | None:
    """What the rule tells the customer about the charge, as the KB says it ("A £20 bench fee
    applies to bikes without a receipt." for "tell them bikes without a receipt pay a £20 bench
    fee"), when it says who pays the amount and none of the prompt's internals; None
    otherwise."""
    said = last_told(rule)
    if said is None or amount not in said or re.search(r"[`{}]", said):
        return None
    paid = _PAYS.match(said)
    if paid is None:
        return None
    who = paid.group("who")
    for pattern, word in _ADDRESS:
        who = pattern.sub(word, who)
    what = paid.group("what")
    return CaseTold(
        said=f"{what[:1].upper()}{what[1:]} applies to {who[:1].lower()}{who[1:]}.",
        who=frozenset(terms(who)) - STOPWORDS,
        amount=amount,
    )


def _names_case(told: CaseTold, side: str, other: str) -> bool:
    """Whether one alternative names who pays by a word the other does not say ("second-hand"
    beside "new"; "reseller" beside "bought from us")."""
    return bool((set(terms(side)) & told.who) - set(terms(other)))


def case_alternatives(told: CaseTold, text: str) -> tuple[str, str] | None:
    """The two alternatives `text` names for every case, the kept one first and the charged
    one second ("new or second-hand" → ("new", "second-hand") when second-hand owners pay);
    None when it names no such pair, or both or neither name who pays."""
    for found in _ALTERNATIVES.finditer(text):
        first, second = found["first"], found["second"]
        first_case = _names_case(told, first, second)
        second_case = _names_case(told, second, first)
        if first_case != second_case:
            return (second, first) if first_case else (first, second)
    return None


_EVERY_PREFIX = re.compile(r"^(?:any|every|all|each)\s+[A-Za-z][\w'’-]*,\s+", re.I)
"""A cell's claim for everyone before its alternatives ("Any owner, new or second-hand")."""


def _one_side(cell: str, pair: str, side: str) -> str:
    """A cell's text for one alternative: the claim for everyone out, the pair said as the one
    side ("Any rider, with or without a receipt" → "Without a receipt")."""
    text = _EVERY_PREFIX.sub("", cell.strip(), count=1).replace(pair, side, 1)
    return text[:1].upper() + text[1:]


def _padded(cell: str, text: str) -> str:
    lead = cell[: len(cell) - len(cell.lstrip())] or " "
    trail = cell[len(cell.rstrip()) :] or " "
    return f"{lead}{text}{trail}"


def case_row(told: CaseTold, raw: str, absence: re.Pattern[str]) -> str | None:
    """A table row naming the case among alternatives in one cell and the absence of a charge
    in another, split in two rows of its style: the kept alternative with the row's price, the
    case with the charge ("| Any owner, new or second-hand | Free |" → "| New | Free |" and
    "| Second-hand | £35 |"); every other cell kept byte for byte. None otherwise."""
    cells = raw.rstrip("\n").split("|")
    inner = range(1, len(cells) - 1)
    saying = [i for i in inner if absence.search(cells[i])]
    naming = [(i, pair) for i in inner if (pair := case_alternatives(told, cells[i]))]
    if len(saying) != 1 or len(naming) != 1 or naming[0][0] == saying[0]:
        return None
    at, (kept, charged) = naming[0]
    found = _ALTERNATIVES.search(cells[at])
    if found is None:
        return None
    kept_row, charged_row = list(cells), list(cells)
    kept_row[at] = _padded(cells[at], _one_side(cells[at], found.group(0), kept))
    charged_row[at] = _padded(cells[at], _one_side(cells[at], found.group(0), charged))
    charged_row[saying[0]] = _padded(cells[saying[0]], told.amount)
    return "|".join(kept_row) + "\n" + "|".join(charged_row)


_WHETHER = re.compile(r"\bwhether\s+", re.I)
_CLAUSE_END = re.compile(r"[,;.:!?]")


def _whether(told: CaseTold, raw: str) -> tuple[int, int, str] | None:
    """Where `raw` claims the old handling "whether A or B" with B the charged case: the
    clause's start and end and A; None when it says no such pair."""
    found = _WHETHER.search(raw)
    if found is None:
        return None
    end_at = _CLAUSE_END.search(raw, found.end())
    end = end_at.start() if end_at is not None else len(raw.rstrip())
    kept, sep, case = raw[found.end() : end].rpartition(" or ")
    if not sep or not kept.strip() or not case.strip():
        return None
    if not _names_case(told, case, kept):
        return None
    return found.start(), end, kept.strip()


def claims_every_case(told: CaseTold, text: str) -> bool:
    """Whether `text` claims its handling for the charged case and another together ("whether
    you bought it new or second-hand", "| new or second-hand |")."""
    return case_alternatives(told, text) is not None or _whether(told, text) is not None


def narrowed_whether(told: CaseTold, raw: str) -> str | None:
    """A sentence claiming the old handling "whether A or B" with B the charged case, narrowed
    to A and said with the charge for the case ("…, whether you bought it new from us or
    second-hand, so your repair is free." → "…, if you bought it new from us, so your repair is
    free; a reduced repair fee of £35 applies to second-hand pushchairs."); None when it says
    no such pair."""
    found = _whether(told, raw)
    if found is None:
        return None
    start, end, kept = found
    word = "if" if raw[start].islower() else "If"
    narrowed = raw[:start] + f"{word} {kept}" + raw[end:]
    body = narrowed.rstrip()
    if not body.endswith((".", "!", "?")):
        return None
    # one sentence: what stays free and the charge for the case, said together
    said = told.said[:1].lower() + told.said[1:]
    return f"{body[:-1]}; {said}{narrowed[len(body) :]}"
