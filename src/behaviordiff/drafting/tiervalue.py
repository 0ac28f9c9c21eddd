"""A value moved for one labelled item of a prompt list ("- Silver: 5 guest passes a month" →
"- Silver: 3 guest passes a month"), the other items keeping theirs: the KB states the old
value for that label in many shapes ("Silver members can bring up to five guests a month",
"(3 on Bronze, 5 on Silver and Gold)", "| Silver | £30 | 5 |", "Silver and Gold members can
bring five"). Each such sentence names the label with the old count near it, on the moved
rule's topic; it is marked (`TIER_VALUE_REASON`). The same number said of another label
("| Gold | £40 | 5 |"), of another unit ("every 5 weeks", "£5") or of another topic is kept.
The template drafter (`tier_value_edit`) gives the new count where the label stands alone
(its row's cell, "Silver members can bring up to three guests"), words staying words; a value
the label shares with another ("5 on Silver and Gold") is a writer's split, so such an item
is flagged with no text proposed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import Any

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, every_conflict_rewritten
from behaviordiff.drafting.rules import RuleMove
from behaviordiff.drafting.text import STOPWORDS, Unit, row_cells, still_saying

TIER_VALUE_REASON = "states the old value for the one item whose value moved"

_LABELLED = re.compile(r"^\s*(?P<label>[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2}):\s+(?P<rest>.+)$")
_TOKEN = re.compile(r"£|\$|€|%|[\w'-]+")
_WINDOW = 6
"""How many words may stand between the label and the old value it is given."""


def _labelled_move(move: RuleMove) -> tuple[str, list[str]] | None:
    """The label of a value move's list item and the words of its rule after the value, when
    the old and new sentences are the same item ("Silver: 5 guest passes" → "Silver: 3 …")."""
    if move.kind != "value" or move.scope or move.subject or move.others or move.share:
        return None
    old, new = _LABELLED.match(move.old_sentence), _LABELLED.match(move.new_sentence)
    if old is None or new is None or old["label"] != new["label"]:
        return None
    if not re.fullmatch(r"\d+", move.old) or not re.fullmatch(r"\d+", move.new):
        return None
    return old["label"], [t.lower() for t in _TOKEN.findall(old["rest"])]


def _spellings(value: str) -> set[str]:
    number = int(value)
    return {value} | {word for word, n in CARDINALS.items() if n == number}


def _topic(rest: Sequence[str], value: str) -> set[str]:
    return {
        word.rstrip("s")
        for word in rest
        if word != value and len(word) > 3 and word not in STOPWORDS and word.isalpha()
    }


def _after(rest: Sequence[str], value: str) -> str | None:
    """The word the rule puts after its value ("5 guest passes": guest)."""
    if value in rest and rest.index(value) + 1 < len(rest):
        return rest[rest.index(value) + 1]
    return None


_UNITS = frozenset(
    {"week", "weeks", "day", "days", "month", "months", "year", "years", "hour", "hours",
     "minute", "minutes", "working", "%", "percent", "times", "weeks'", "days'"}
)  # fmt: skip


def states_old_for_label(move: RuleMove, sentence: str, context: str) -> bool:
    """Whether `sentence` gives the labelled item of `move` its old value: the label and the
    old count (a figure or a word) within a few words of each other, or anywhere in a sentence
    opening with the label ("Silver is our best plan: … five guests"), the count no price and
    no other unit than the rule's, and the sentence or its `context` (a table's header) on
    the rule's topic."""
    found = _labelled_move(move)
    if found is None:
        return False
    label, rest = found
    topic = _topic(rest, move.old)
    said = {word.lower().rstrip("s") for word in _TOKEN.findall(f"{sentence} {context}")}
    if not topic & said:
        return False
    tokens = _TOKEN.findall(sentence)
    lowered = [token.lower() for token in tokens]
    label_words = label.split()
    at = [
        i
        for i in range(len(tokens) - len(label_words) + 1)
        if tokens[i : i + len(label_words)] == label_words
    ]
    if not at:
        return False
    olds, unit = _spellings(move.old), _after(rest, move.old)
    for i, token in enumerate(lowered):
        if token not in olds or of_another_name(label, sentence, tokens[i], i, tokens):
            continue
        if i and lowered[i - 1] in ("£", "$", "€"):
            continue
        following = lowered[i + 1] if i + 1 < len(lowered) else ""
        if following in _UNITS and following != unit:
            continue
        # a sentence that opens with the label is about it all the way through
        if 0 in at or any(abs(i - j) <= _WINDOW + len(label_words) for j in at):
            return True
    return False


_CLAUSE = re.compile(r"[,;()]|\bwhile\b|\bwhereas\b")


def of_another_name(label: str, sentence: str, token: str, index: int, tokens: list[str]) -> bool:
    """Whether the `index`-th token sits in a clause that names another name and not the
    label ("…, and Gold members can bring five", "(3 on Bronze, 5 on Gold)"): said of it."""
    nth = sum(1 for t in tokens[:index] if t == token)
    pieces = _CLAUSE.split(sentence)
    seen = 0
    for at, piece in enumerate(pieces):
        said = _TOKEN.findall(piece)
        count = said.count(token)
        if seen + count > nth:
            # "Silver, Gold and Platinum members …": a list of names the label opens
            if at and pieces[at - 1].rstrip().endswith(label) and piece.lstrip()[:1].isupper():
                return False
            names = {
                t
                for k, t in enumerate(said)
                if t[:1].isupper() and not (piece is pieces[0] and k == 0)
            }
            return label.split()[0] not in said and bool(names - {"I"})
        seen += count
    return False


def _header(item_units: Sequence[Unit], index: int) -> str:
    if not item_units[index].raw.lstrip().startswith("|"):
        return ""
    first = index
    while first > 0 and item_units[first - 1].raw.lstrip().startswith("|"):
        first -= 1
    return item_units[first].text if first != index else ""


def _row_cell(move: RuleMove, row: str, header: str) -> bool:
    """A table row naming the label in a cell and the old value in the column whose header
    is on the rule's topic."""
    found = _labelled_move(move)
    if found is None or not header:
        return False
    label, rest = found
    cells = row_cells(row)
    heads = row_cells(header)
    if label not in cells or len(cells) != len(heads):
        return False
    topic = _topic(rest, move.old)
    return any(
        cell.lower() in _spellings(move.old)
        and topic & {word.lower().rstrip("s") for word in _TOKEN.findall(head)}
        for cell, head in zip(cells, heads, strict=True)
    )


def tier_value_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the sentences and table rows still giving a moved list item's label its
    old value marked (`TIER_VALUE_REASON`)."""
    moves = [move for move in facts.moves if _labelled_move(move) is not None]
    if not moves:
        return found
    taken = {conflict.unit_index for conflict in found}
    result = list(found)
    for index, unit in enumerate(item_units):
        if index in taken:
            continue
        header = _header(item_units, index)
        for move in moves:
            row = bool(header) and _row_cell(move, unit.text, header)
            if row or (not header and states_old_for_label(move, unit.text, "")):
                label = _labelled_move(move)
                assert label is not None
                reason = (
                    f"{TIER_VALUE_REASON}: it gives {label[0]} {move.old}; the new prompt "
                    f"says “{move.new_sentence}” (other items keep theirs)"
                )
                result.append(make(index, unit.text, (reason,)))
                break
    result.sort(key=lambda conflict: conflict.unit_index)
    return result


def _joined(label: str, sentence: str) -> bool:
    """Whether the label shares what is said of it with another name ("Silver and Gold",
    "Bronze, Silver")."""
    name = re.escape(label)
    return bool(
        re.search(rf"\b{name}\s*(?:,|/|&|\band\b|\bor\b)\s*[A-Z]", sentence)
        or re.search(rf"\b[A-Z][\w'-]*\s*(?:,|/|&|\band\b|\bor\b)\s*{name}\b", sentence)
    )


def _said_like(old: str, new: str) -> str:
    """`new` written as `old` is: a figure, or a word with its capital."""
    if old.isdigit():
        return new
    words = [word for word, n in CARDINALS.items() if n == int(new)]
    if not words:
        return ""
    return words[0].capitalize() if old[:1].isupper() else words[0]


def _rewrite(move: RuleMove, raw: str, header: str) -> str | None:
    """`raw` giving the label the new count, or None when it cannot be said alone."""
    found = _labelled_move(move)
    if found is None:
        return None
    label, rest = found
    olds = _spellings(move.old)
    if header:
        cells = raw.split("|")
        heads = row_cells(header)
        inner = cells[1:-1] if raw.strip().startswith("|") else cells
        topic = _topic(rest, move.old)
        changed = False
        for k, (cell, head) in enumerate(zip(inner, heads, strict=False)):
            words = {word.lower().rstrip("s") for word in _TOKEN.findall(head)}
            if cell.strip().lower() in olds and topic & words:
                said = _said_like(cell.strip(), move.new)
                if not said:
                    return None
                inner[k] = cell.replace(cell.strip(), said)
                changed = True
        if not changed:
            return None
        return (
            "|".join([cells[0], *inner, cells[-1]])
            if raw.strip().startswith("|")
            else "|".join(inner)
        )
    if _joined(label, raw):
        return _split(label, raw, move)
    unit = _after(rest, move.old)
    spans = list(re.finditer(r"£|\$|€|%|[\w'-]+", raw))
    out, last = [], 0
    for i, match in enumerate(spans):
        token = match.group().lower()
        if token not in olds:
            continue
        if i and spans[i - 1].group() in ("£", "$", "€"):
            continue
        following = spans[i + 1].group().lower() if i + 1 < len(spans) else ""
        if following in _UNITS and following != unit:
            continue
        said = _said_like(match.group(), move.new)
        if not said:
            return None
        out += [raw[last : match.start()], said]
        last = match.end()
    if not out:
        return None
    return "".join(out) + raw[last:]


def _split(label: str, raw: str, move: RuleMove) -> str | None:
    """`raw` with a value the label shares with one other name split between them: "5 on
    Silver and Gold" → "3 on Silver, 5 on Gold"; "Silver and Gold members can bring five" →
    "Silver members can bring three, and Gold members can bring five". None for any other
    shape."""
    olds = "|".join(sorted((re.escape(o) for o in _spellings(move.old)), key=len, reverse=True))
    name = r"[A-Z][\w'-]*"
    shapes = [
        re.compile(
            rf"\b(?P<v>{olds})\s+(?P<p>on|for|in|with)\s+(?P<a>{name})\s+(?:and|&)\s+"
            rf"(?P<b>{name})\b",
            re.IGNORECASE,
        ),
        re.compile(
            rf"\b(?P<a>{name})\s+and\s+(?P<b>{name})(?P<mid>(?:\s+[a-z][\w'-]*){{1,6}}?)\s+"
            rf"(?P<v>{olds})\b"
        ),
    ]
    for number, shape in enumerate(shapes):
        found = [m for m in shape.finditer(raw) if label in (m["a"], m["b"])]
        if len(found) != 1:
            continue
        m = found[0]
        if not (m["a"][:1].isupper() and m["b"][:1].isupper()):
            return None
        new = _said_like(m["v"], move.new)
        if not new:
            return None
        first, second = (new, m["v"]) if m["a"] == label else (m["v"], new)
        if number == 0:
            said = f"{first} {m['p']} {m['a']}, {second} {m['p']} {m['b']}"
        else:
            said = f"{m['a']}{m['mid']} {first}, and {m['b']}{m['mid']} {second}"
        return raw[: m.start()] + said + raw[m.end() :]
    return None


def tier_value_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str, str] | None:
    """The template drafter's edit for a value moved for one labelled list item: each
    sentence and row giving that label the old count gives the new one, every other byte
    kept; None (the item flagged) when any of them shares the value with another label."""
    moves = [move for move in facts.moves if _labelled_move(move) is not None]
    if len(moves) != 1 or not impact.conflicts:
        return None
    move = moves[0]
    units_ = list(impact.units)
    marked: dict[str, str] = {}
    for index, unit in enumerate(units_):
        header = _header(units_, index)
        row = bool(header) and _row_cell(move, unit.text, header)
        if not (row or (not header and states_old_for_label(move, unit.text, ""))):
            continue
        said = _rewrite(move, unit.raw, header if row else "")
        if said is None:
            return None
        marked[unit.text] = said
    new_body = every_conflict_rewritten(impact, marked)
    if new_body is None:
        return None
    label = _labelled_move(move)
    assert label is not None
    rationale = (
        f"The prompt moved {label[0]}'s value only: “{move.old_sentence}” → "
        f"“{move.new_sentence}”; the other items keep theirs. The edit gives {label[0]} "
        f"{move.new} where this {impact.item.kind} still gave {move.old}, and keeps everything "
        f"else."
    )
    return new_body, rationale


def still_old_for_label(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body (kept or written in place of `conflicting` ones) that
    still give the moved label its old count: a drafting model's edit is checked with it."""
    moves = [move for move in facts.moves if _labelled_move(move) is not None]
    return still_saying(
        lambda unit: any(states_old_for_label(move, unit.text, "") for move in moves),
        conflicting,
        old_body,
        body,
        body_format,
    )


def tier_value_fact(facts: ChangeFacts) -> str | None:
    """The moved label's value said as a drafting model's fact: what the template writes
    from."""
    moves = [move for move in facts.moves if _labelled_move(move) is not None]
    if len(moves) != 1:
        return None
    move = moves[0]
    label = _labelled_move(move)
    assert label is not None
    return (
        f"only {label[0]}'s value moved (“{move.old_sentence}” → “{move.new_sentence}”); the "
        f"other items of that list keep theirs, so text giving {label[0]} {move.old} (in "
        f"figures or words) gives {move.new} the same way, and where {label[0]} shares "
        f"{move.old} with another name, split it: {label[0]} {move.new}, the others still "
        f"{move.old}"
    )
