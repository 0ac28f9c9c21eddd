"""The words of a KB sentence a note quotes for an item: the sentence, less the clauses that
state figures the change says nothing about.

"Exclusive contributors earn a higher rate (40% of each sale instead of 25%), but everyone is
paid on the same timetable." conflicts with a new payment rule for exclusive contributors
through its second clause; its first clause states a rate the change never touched. Quoted
whole, the note would name that rate as if it had changed, so the note quotes "… everyone is
paid on the same timetable." A sentence whose every clause states such a figure, or which
states none, is quoted whole. A table row is cut the same way, cell by cell: "| Islands |
18 June | £9.95 |" about a moved date is quoted with its header as "Region: Islands; Last
order: 18 June", never with the charge beside it. A drafting model is told the same words
(`item_quote`)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from behaviordiff.drafting.channelarg import channel_argument_switch, first_sending
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impact import NEGATED_REASON, Conflict, Impact, sentence_conflict
from behaviordiff.drafting.newlimit import NEW_LIMIT_REASON, limit_row_quote
from behaviordiff.drafting.permission import PERMISSION_ROW_REASON, row_quote, withdrawn_permission
from behaviordiff.drafting.rules import header_count_cell, table_header, where_stated
from behaviordiff.drafting.text import cell_quote, row_cells, terms

_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_CLAUSE_BREAK = re.compile(
    r"(?<!\s)\s*;\s*|,?(?<!\s)\s+but\s+|,\s+(?:and|while|whereas|though|although|yet|so)\s+"
    # a phrase set off by a comma that opens with a figure ("…, at £12 per guest"): its own
    # piece, the preposition kept with it
    r"|,\s+(?=(?:at|for|from)\s+[$€£]?\d)"
    # "… at £16 a month and you'll never wait …": "and" opening a clause with its own subject
    r"|(?<!\s)\s+and\s+(?=(?:you|we|they|it)(?:['’](?:ll|re|ve|d|s))?\s)",
    re.I,
)

# the most words a cell stating one value of another column has ("£9.95", "Under 10 years")
_VALUE_WORDS = 3


def _figures(text: str) -> set[str]:
    """The numbers a text states, written without thousands separators ("2,380.40" → 2380.40)."""
    found = set()
    for match in _FIGURE.finditer(text):
        digits = match.group(0)
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):
            digits = digits.replace(",", "")
        found.add(digits.rstrip(".,"))
    return found


def change_figures(facts: ChangeFacts) -> set[str]:
    """Every number the change's own evidence states: its prompt rules (old and new), its
    promises and value moves, its conditions and the replies it quotes."""
    texts: list[str] = []
    for rule in facts.rules:
        texts += [rule.old or "", rule.new or ""]
    for promise in [
        *facts.removed_promises,
        *facts.added_promises,
        *facts.unchanged_promises,
        *facts.examples,
    ]:
        texts.append(promise.value)
    texts += [f"{move.old_sentence} {move.new_sentence}" for move in facts.moves]
    texts += [condition.text for condition in facts.conditions]
    texts += facts.condition_values
    texts += [f"{excerpt.old} {excerpt.new}" for excerpt in facts.excerpts]
    figures = _figures(" ".join(texts))
    # a value the old replies gave with a call the change stopped, which the new prompt still
    # states unchanged (an excess quoted with a booking), is no figure of the change
    ruled = _figures(" ".join(f"{rule.old or ''} {rule.new or ''}" for rule in facts.rules))
    removed = {promise.key for promise in facts.removed_promises}
    for key in set(facts.unchanged_values) - removed:
        for figure in _figures(key.partition(":")[2]):
            figures -= {figure, figure.removesuffix(".00")} - ruled
    return figures


def quoted_clauses(sentence: str, allowed: Iterable[str]) -> str:
    """`sentence` less its clauses (split at "; ", "but", ", and", ", while" …) that state a
    figure outside `allowed`, a left-out part marked "…"; the sentence whole when no clause
    states one, or when every clause does."""
    known = set(allowed)
    if not _figures(sentence) - known:
        return sentence
    pieces: list[tuple[str, bool]] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        pieces.append((sentence[start : match.start()], False))
        start = match.end()
    pieces.append((sentence[start:], True))
    keep = [not (_figures(text) - known) and text.strip() != "" for text, _ in pieces]
    if not any(keep) or all(keep):
        return sentence
    out: list[str] = []
    for index, (text, _last) in enumerate(pieces):
        if keep[index]:
            out.append(text.strip())
        elif not out or out[-1] != "…":
            out.append("…")
    quoted = " ".join(out)
    if not keep[-1] and sentence.rstrip()[-1:] in ".!?":
        quoted = quoted.rstrip(" …") + " …"
    return quoted


def quoted_cells(
    row: str, header: str | None, allowed: Iterable[str], topic: Collection[str] = ()
) -> str:
    """A Markdown table `row` less its cells about something else: a value of another column,
    a cell of a few words stating a figure outside `allowed` and no word of `topic` ("£9.95"
    beside a moved date; a sentence in a cell may be what conflicts, and stays). Each kept cell
    follows its column's name in `header` when the header has as many cells ("Region:
    Islands; Last order: 18 June"), else the row is kept with "…" for the cells left out.
    The first cell names the row and always stays; the row is kept whole when no other cell
    is about something else, or when every other one is (the conflict may be among them)."""
    text = row.strip()
    if len(text) < 2 or not (text.startswith("|") and text.endswith("|")):
        return row
    cells = row_cells(text)
    known = set(allowed)

    def other(cell: str) -> bool:
        return (
            len(cell.split()) <= _VALUE_WORDS
            and bool(_figures(cell) - known)
            and not set(terms(cell)) & set(topic)
        )

    keep = [index == 0 or not other(cell) for index, cell in enumerate(cells)]
    if len(cells) < 3 or all(keep) or not any(keep[1:]):
        return row
    return _kept_cells(cells, keep, header)


def _kept_cells(cells: Sequence[str], keep: Sequence[bool], header: str | None) -> str:
    """The `keep` cells of a row, each after its column's name in `header` when the header has
    as many cells, else in the row's shape with "…" for the cells left out."""
    heads = row_cells(header) if header else []
    if len(heads) == len(cells):
        return "; ".join(
            f"{head}: {cell}" if head else cell
            for head, cell, kept in zip(heads, cells, keep, strict=True)
            if kept and cell
        )
    out: list[str] = []
    for cell, kept in zip(cells, keep, strict=True):
        if kept:
            out.append(cell)
        elif out[-1] != "…":
            out.append("…")
    return "| " + " | ".join(out) + " |"


def conflicting_cells(
    facts: ChangeFacts, row: str, header: str | None, allowed: Iterable[str]
) -> str | None:
    """A Markdown table `row` less the cells stating a figure outside `allowed` (a price, a
    threshold) beside a cell that contradicts the change on its own ("Same day for orders
    placed by 14:00" of a moved cut-off): the figures of a cell the change is not about would
    read as moved, whatever its length. None when no cell contradicts it on its own, or when
    nothing is left out (`quoted_cells` reads the row then)."""
    text = row.strip()
    if len(text) < 2 or not (text.startswith("|") and text.endswith("|")):
        return None
    cells = row_cells(text)
    if len(cells) < 3:
        return None
    known = set(allowed)
    keep = [index == 0 or not (_figures(cell) - known) for index, cell in enumerate(cells)]
    if all(keep):
        return None
    said = [bool(cell) and bool(sentence_conflict(facts, cell)) for cell in cells]
    if not any(said[1:]):
        # the row conflicts as a whole (its key names the case): the cells of the change's
        # own words, never another column's price ("Course of 6 from £240")
        words = _change_words(facts)
        return (
            _kept_cells(cells, keep, header)
            if any(
                k and set(terms(cell)) & words for k, cell in zip(keep[1:], cells[1:], strict=True)
            )
            else None
        )
    return _kept_cells(cells, [k or s for k, s in zip(keep, said, strict=True)], header)


def _change_words(facts: ChangeFacts) -> set[str]:
    """The words of the change's prompt rules, old and new."""
    return {word for rule in facts.rules for word in terms(f"{rule.old or ''} {rule.new or ''}")}


def _moved_cell_quote(facts: ChangeFacts, row: str, header: str | None) -> str | None:
    """A row wrong through the one cell stating a moved value's old value ("| Quad bike trek |
    16+ | 90 minutes | £75 a rider |" of 16 → 18): its key and that cell under their columns'
    names ("Activity: Quad bike trek; Minimum age: 16+"), never the other cells' figures."""
    if header is None:
        return None
    cells = row_cells(row)
    for move in facts.moves:
        if move.kind != "value":
            continue
        stating = [at for at, cell in enumerate(cells) if at and where_stated(move.old, cell)]
        if len(stating) == 1:
            return cell_quote(header, row, stating[0])
        # "| Platinum | … | 1 | … |" under "Points per £1 spent": the bare count's cell
        counted = header_count_cell(move, header, row)
        if counted is not None:
            return cell_quote(header, row, counted)
    return None


def note_quote(facts: ChangeFacts, sentence: str, header: str | None = None) -> str:
    """What a note quotes of a conflicting KB `sentence`: `quoted_clauses` (for a table row
    under `header`, `quoted_cells`) with the change's own figures allowed, when what is left
    is about the change's rules (shares a content word with them); else the sentence whole,
    for the part left out may be the one that conflicts."""
    figures = change_figures(facts)
    ruled = {
        word
        for rule in facts.rules
        for word in terms(f"{rule.old or ''} {rule.new or ''} {rule.section or ''}")
    }
    if sentence.lstrip().startswith("|"):
        moved = _moved_cell_quote(facts, sentence, header)
        if moved is not None:
            return moved
        quoted = conflicting_cells(facts, sentence, header, figures) or quoted_cells(
            sentence, header, figures, ruled
        )
    else:
        quoted = quoted_clauses(sentence, figures)
    if quoted == sentence:
        return sentence
    return quoted if ruled & set(terms(quoted)) else sentence


def _quotable(conflicts: Sequence[Conflict]) -> Conflict:
    """The conflict a note quotes for an item: its first sentence that is not a table row
    (a row is cells, and its other cells carry figures the change says nothing about) nor a
    bare answer word ("No.", which says nothing without its question), else its first
    conflict."""
    return next(
        (
            c
            for c in conflicts
            if not c.sentence.lstrip().startswith("|") and len(c.sentence.split()) > 1
        ),
        conflicts[0],
    )


def quoted_conflict(facts: ChangeFacts, impact: Impact) -> Conflict:
    """The conflict a note quotes for an affected item: a sentence saying what the change now
    requires is not needed, when the same rule also moved (another change's window), else the
    first `_quotable` one, a first sending that keeps its channel
    (`channelarg.first_sending`) left out."""
    quotable = list(impact.conflicts)
    if channel_argument_switch(facts) is not None:
        kept = [c for c in quotable if not first_sending(c.sentence, facts)]
        quotable = kept or quotable
    return next(
        (
            c
            for c in impact.conflicts
            if any(reason.startswith(NEGATED_REASON) for reason in c.reasons)
        ),
        _quotable(quotable),
    )


def item_quote(facts: ChangeFacts, impact: Impact) -> str:
    """What a note quotes of an affected item: `note_quote` of its `quoted_conflict`, a table
    row read under its table's header. The template drafter quotes it and a drafting model is
    told it."""
    chosen = quoted_conflict(facts, impact)
    header = None
    rows = [unit.text for unit in impact.units]
    if 0 <= chosen.unit_index < len(rows) and rows[chosen.unit_index] == chosen.sentence:
        header = table_header(rows, chosen.unit_index)
    permission = withdrawn_permission(facts) if PERMISSION_ROW_REASON in chosen.reasons else None
    if permission is not None and header is not None:
        # a row wrong through the grant's column alone: that cell, never the others' values
        quoted = row_quote(permission, header, chosen.sentence)
        if quoted is not None:
            return quoted
    if header is not None and any(r.startswith(NEW_LIMIT_REASON) for r in chosen.reasons):
        # a row wrong through its limit's cell alone: that cell, never the others' values
        quoted = limit_row_quote(header, chosen.sentence)
        if quoted is not None:
            return quoted
    return note_quote(facts, chosen.sentence, header)
