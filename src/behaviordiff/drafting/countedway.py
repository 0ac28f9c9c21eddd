"""A new way for a category and a count together, where the KB says the old way holds for
every kind and every size.

The new prompt swaps an action only when a category (read from a tool result) and a count
(a probe variable) both hold ("Club accounts (member type club) hiring more than 6 bikes:
don't take a deposit. Bill the hire with `bill_club` … and tell the customer it goes on the
club's monthly statement …"). `categoryway.category_way` reads that case from the rule's label
("for club accounts hiring more than 6 bikes"). A KB sentence claiming the old way whatever
the size or whoever it is for ("That's how every hire works, whatever its size and whoever
it's for.", "…, however large, …", "…, just like a smaller hire.", "whether you're hiring
for two or for a club of forty, and whatever kind of account you have") is wrong for that
case: the claim goes and the sentence gains the case as its exception, in its own words
("…, except for club accounts hiring more than 6 bikes: then we bill the hire …."). A denial
of the new way for every case ("We're not able to offer statements on any hire, however
large, but …") keeps its denial for the other cases ("… on any other hire, but …") when
another sentence of the same item states the exception. A sentence that only describes the
old way ("We've taken the deposit from your card") stays: it is still so for every other
case, and the item says the exception where it claimed every case.

Pure text helpers; `impact` marks the sentences (`counted_conflicts`), `template` rewrites
them (`with_counted_way`, `with_denial_kept`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from behaviordiff.drafting.categoryway import CategoryWay, category_way
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.text import Unit, row_cells, stem, still_saying, terms

COUNTED_WAY_REASON = (
    "claims the old way whatever the size or the kind of customer; one category over a count "
    "is now handled otherwise"
)
COUNTED_DENIAL_REASON = "denies for every case what one category over a count now gets"

_W = r"[A-Za-z][\w'’-]*"
_PHRASE = (
    r"(?:whatever\s+(?:its|their|the|your)\s+(?:size|number\s+of\s+" + _W + r")"
    r"|whatever\s+(?:kind|type|sort)\s+of\s+" + _W + r"(?:\s+(?!but\b|so\b)" + _W + r"){0,4}"
    r"|whoever\s+(?:it['’]s|it\s+is|they['’]re|you['’]re)\s+for|whoever\s+you\s+are"
    r"|however\s+(?:large|big|many|small)"
    r"|of\s+any\s+size"
    r"|just\s+like\s+(?:a|an|any)\s+(?:smaller|larger|bigger)\s+"
    + _W
    + r"|whether\s+[^,.;:!?]*?\s+or\s+[^,.;:!?]*)"
)
_CLAIM = re.compile(rf",\s*(?:and\s+)?{_PHRASE}(?:,?\s+and\s+{_PHRASE})*(?=\s*[,.;!?(]|\s*$)", re.I)
"""A claim over every size or kind of customer, with the comma before it: ", whatever its
size and whoever it's for", ", however large", ", just like a smaller order", ", whether
you're ordering for two or for two hundred, and whatever kind of account you have"."""
_ALIKE = re.compile(rf"(?P<items>{_W}(?:,\s+{_W})*,?\s+and\s+{_W}(?:\s+{_W})?)\s+alike\b", re.I)
_DENIAL = re.compile(
    r"\b(?:(?:are|is)\s+not\s+able\s+to|(?:['’]re|['’]s)\s+not\s+able\s+to|unable\s+to|"
    r"can['’]t|cannot|don['’]t|do\s+not)\s+(?:offer|provide|give|send|do)\b",
    re.I,
)
_ANY = re.compile(rf"\b(?P<any>any)\s+(?P<noun>{_W})", re.I)
_NO_ANSWER = re.compile(r"^\s*No[.!]\s+(?=[A-Z])")
"""A bare "No." opening an answer the case now answers yes for."""


def counted_way(facts: ChangeFacts) -> CategoryWay | None:
    """The category's new way (`category_way`) when its case also states a count ("for club
    accounts hiring more than 6 bikes"); None otherwise."""
    way = category_way(facts)
    if way is None or way.promises or way.withheld or not re.search(r"\d", way.case):
        return None
    return way


def _new_nouns(facts: ChangeFacts) -> set[str]:
    """Stems of the new tool's noun, its name's last word ("send_invoice" → invoic,
    "add_to_bill" → bill)."""
    before = {action.name for action in facts.before_actions}
    return {
        said
        for action in facts.after_actions
        if action.name not in before
        for word in action.name.lower().split("_")[-1:]
        if len(word) >= 4
        for said in (stem(word), stem(word + "s"))
    }


def claims_every_case(way: CategoryWay, sentence: str) -> bool:
    """Whether a sentence claims what it says whatever the size or the kind of customer
    (`_CLAIM`), or for the category among others alike ("for personal, business and charity
    accounts alike"). A heading or a table row claims nothing."""
    if sentence.lstrip().startswith(("#", "|")):
        return False
    if _CLAIM.search(sentence):
        return True
    return any(way.named.search(found["items"]) for found in _ALIKE.finditer(sentence))


def denies_new_way(facts: ChangeFacts, sentence: str) -> bool:
    """Whether a sentence denies the new way for every case: a denial naming the new tool's
    noun, over any of something ("We're not able to offer invoices … on any order")."""
    if not _DENIAL.search(sentence) or not _ANY.search(sentence):
        return False
    return bool(_new_nouns(facts) & {stem(word) for word in terms(sentence)})


def counted_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with, in an item already about the change (a conflict found), the sentences
    claiming the old way for every size or kind marked (`COUNTED_WAY_REASON`), and the
    denials of the new way for every case (`COUNTED_DENIAL_REASON`)."""
    way = counted_way(facts)
    if way is None or not found:
        return found
    result = list(found)
    taken: dict[int, int] = {c.unit_index: i for i, c in enumerate(result)}
    for index, unit in enumerate(item_units):
        reason = (
            COUNTED_ROW_REASON
            if counted_row(facts, way, item_units, index)
            else COUNTED_DENIAL_REASON
            if denies_new_way(facts, unit.text)
            else COUNTED_WAY_REASON
            if claims_every_case(way, unit.text)
            else None
        )
        if reason is None:
            continue
        if index in taken:
            old = result[taken[index]]
            reasons = tuple(old.reasons)
            if reason not in reasons:
                result[taken[index]] = make(index, unit.text, (*reasons, reason))
        else:
            result.append(make(index, unit.text, (reason,)))
    result.sort(key=lambda c: c.unit_index)
    return result


def _with_exception(way: CategoryWay, body: str, tail: str, known: str) -> str:
    end = len(body.rstrip().rstrip(".!"))
    return f"{body[:end].rstrip(' ,')}, except {way.case}: then {way.said_for(known)}.{tail}"


def with_counted_way(way: CategoryWay, raw: str, known: str = "") -> str | None:
    """A sentence claiming the old way for every size or kind, without its claim and with the
    case as its exception: "That's how every hire works, whatever its size and whoever it's
    for." → "That's how every hire works, except for club accounts hiring more than 6 bikes:
    then we bill the hire …."; a list "for a, b and c alike" loses "alike"; a bare "No."
    answering whether it can be done otherwise goes. None when the sentence makes no such
    claim or does not end a sentence."""
    if not claims_every_case(way, raw):
        return None
    body = raw.rstrip()
    tail = raw[len(body) :]
    if body[-1:] not in ".!":
        return None
    kept = _CLAIM.sub("", body)
    alike = next((f for f in _ALIKE.finditer(kept) if way.named.search(f["items"])), None)
    if alike is not None:
        kept = kept[: alike.start()] + alike["items"] + kept[alike.end() :]
    kept = _NO_ANSWER.sub("", kept)
    return _with_exception(way, kept, tail, known)


def with_denial_kept(raw: str) -> str | None:
    """A denial of the new way for every case kept for the other cases: its claim over every
    size goes and "any order" becomes "any other order" ("We're not able to offer invoices on
    any order, however large, but …" → "… on any other order, but …"). None when it says no
    "any"."""
    kept = _CLAIM.sub("", raw)
    found = _ANY.search(kept)
    if found is None:
        return None
    return kept[: found.end("any")] + " other" + kept[found.end("any") :]


def still_claims_every_size(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body, kept from the conflicts or written, that still claim
    the old way whatever the size or kind of customer (`claims_every_case`) or still deny the
    new way on any case (`denies_new_way` without "any other"), for a new way of a category
    over a count: what no drafter's edit may say (a drafting model's edit is refused)."""
    way = counted_way(facts)
    if way is None:
        return []
    return still_saying(
        lambda unit: (
            claims_every_case(way, unit.text)
            or (denies_new_way(facts, unit.text) and not _ANY_OTHER.search(unit.text))
        ),
        conflicts,
        old_body,
        new_body,
        body_format,
    )


_ANY_OTHER = re.compile(r"\bany\s+other\b", re.I)


def counted_fact(facts: ChangeFacts) -> str | None:
    """What a right edit says for a category over a count, for a drafting model's facts;
    None when the change has no such way."""
    way = counted_way(facts)
    if way is None:
        return None
    return (
        f"the new way holds only {way.case} (the category and the count together); every other "
        "case keeps the old way. Text claiming the old way whatever the size or whoever it is "
        "for (“whatever its size”, “whoever it's for”, “however large”, “just like a smaller "
        "…”, “… alike”) loses that claim and gives this case as its exception; text denying the "
        "new way on any case keeps it for the others (“any other …”); say the case in the KB's "
        "words, never a tool's field or arguments"
    )


COUNTED_ROW_REASON = (
    "gives the category the same row as every other kind; one category over a count is now "
    "handled otherwise"
)


def _header(item_units: Sequence[Unit], index: int) -> tuple[int, list[int]] | None:
    """The header row's index of the table row at `index`, and its body rows' indexes."""
    if not item_units[index].raw.lstrip().startswith("|"):
        return None
    first = index
    while first > 0 and item_units[first - 1].raw.lstrip().startswith("|"):
        first -= 1
    last = index
    while last + 1 < len(item_units) and item_units[last + 1].raw.lstrip().startswith("|"):
        last += 1
    body = [
        i
        for i in range(first + 1, last + 1)
        if re.search(r"[^\s|:-]", item_units[i].raw)  # not the "| --- |" line
    ]
    return (first, body) if first != index and index in body else None


def _noun_column(facts: ChangeFacts, header: str) -> int | None:
    """The column whose heading names the new tool's noun ("Invoices" for send_invoice)."""
    nouns = _new_nouns(facts)
    for column, heading in enumerate(row_cells(header)):
        if column and nouns & {stem(word) for word in terms(heading)}:
            return column
    return None


def counted_row(
    facts: ChangeFacts, way: CategoryWay, item_units: Sequence[Unit], index: int
) -> bool:
    """Whether a table row keyed by the category gives it the same cells as another kind's
    row ("| Business | Card | When you book | Not available |" beside the same for Personal),
    in a table with a column for the new tool's noun ("Invoices"): what it says for every
    kind no longer holds for the category over the count."""
    found = _header(item_units, index)
    if found is None:
        return False
    header, body = found
    cells = row_cells(item_units[index].raw)
    if not cells or not way.named.search(cells[0]):
        return False
    column = _noun_column(facts, item_units[header].raw)
    if column is None or len(row_cells(item_units[header].raw)) != len(cells):
        return False
    return any(row_cells(item_units[i].raw)[1:] == cells[1:] for i in body if i != index)


def with_counted_row(
    facts: ChangeFacts, way: CategoryWay, item_units: Sequence[Unit], index: int, known: str
) -> str | None:
    """The category's row with the case as its key's exception ("| Club (except for club
    accounts hiring more than 6 bikes: then we bill the hire …) | Card | When you book | Not
    available |"): its cells still hold for the rest of the category, and say so; the other
    cells byte for byte. None for any other unit."""
    if not counted_row(facts, way, item_units, index):
        return None
    column = 0
    raw = item_units[index].raw
    lead = raw[: len(raw) - len(raw.lstrip())]
    parts = raw.strip().split("|")
    # parts[0] is what stands before the first bar ("" for "| a | b |")
    at = column + (1 if raw.strip().startswith("|") else 0)
    cell = parts[at]
    text = cell.strip()
    said = f"{text.rstrip('.')} (except {way.case}: then {way.said_for(known)})"
    parts[at] = cell[: len(cell) - len(cell.lstrip())] + said + cell[len(cell.rstrip()) :]
    return lead + "|".join(parts) + raw[len(raw.rstrip()) :]
