"""A table row whose cell claims the old rule for every case, when a new rule makes some
customers the exception.

"| Minimum order | 10 items, any day of the week |" says of every day what "For a next-day
order with fewer than 20 items, …" now makes the exception. Like a sentence that claims the
old handling for every case (`impact.claims_for_all`), the row is wrong for those the rule
names; unlike a sentence, no rule can be written after it in the table. The cell loses its
every-case phrase (`without_universal`) and names the rule as its exception, the row's other
cells kept (`excepted_every_row`).
"""

from __future__ import annotations

from behaviordiff.drafting.rules import cell_spans, without_universal
from behaviordiff.drafting.text import lower_first, row_cells, stem, terms


def _every_cell(line: str) -> tuple[int, int] | None:
    """Where the one cell besides the row's key that claims every case is; None when no
    cell, or more than one, does."""
    spans = cell_spans(line)
    found = [
        (start, end)
        for start, end in spans[1:]
        if (cell := line[start:end].strip()) and without_universal(cell) != cell
    ]
    return found[0] if len(found) == 1 else None


def row_claims_for_all(topic_text: str, row: str) -> bool:
    """Whether a Markdown table body row claims for every case what a rule now makes an
    exception to: one cell besides its key carries an every-case phrase ("any day of the
    week", "for every member") and the row shares two words with `topic_text`."""
    line = row.strip()
    if not (line.startswith("|") and line.endswith("|")) or len(row_cells(line)) < 2:
        return False
    if _every_cell(line) is None:
        return False
    topic = {stem(word) for word in terms(topic_text)}
    return len(topic & {stem(word) for word in terms(line)}) >= 2


def excepted_every_row(raw: str, sentence: str) -> str | None:
    """`raw` (a row `row_claims_for_all` finds) with its every-case cell saying what it says
    for everyone else and the rule `sentence` as its exception ("| Minimum order | 10 items,
    with one exception: for a next-day order …, … |"); None for any other unit."""
    line = raw.rstrip()
    if not line.lstrip().startswith("|"):
        return None
    found = _every_cell(line)
    if found is None:
        return None
    start, end = found
    cell = line[start:end]
    text = cell.strip()
    kept = without_universal(text).rstrip(" ,;.")
    if not kept:
        return None
    rule = lower_first(sentence.strip()).rstrip(".")
    if "|" in rule:
        return None
    lead = cell[: len(cell) - len(cell.lstrip())]
    trail = cell[len(cell.rstrip()) :]
    said = f"{lead}{kept}, with one exception: {rule}{trail}"
    return line[:start] + said + line[end:] + raw[len(line) :]
