"""A promise that changed in two facets at once: how it reaches the customer and when ("an
engineer will call you back within 4 hours" → "a reply by email within 1 hour").

A KB sentence stating the old promise states both new facets: the time frame moved in its own
words (`rules.rewrite_sentence`) and the channel said the new way (`channels.rewrite_channel`);
a sentence right after it that only makes sense for the old channel ("keep your phone close")
goes. A table's cell for the case is replaced whole by the new promise in the table's own
style: a cell of the same row that already states the new channel ("Email reply within 8
hours") with the new time frame in it ("Email reply within 1 hour"), nothing named beside it
where its column or row names the category. What cannot be said so is left to a writer
(None): half an edit (the new time on the old channel) states a promise nobody makes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from behaviordiff.detect.facts import CHANNEL_NOUNS, NOT_CHANNEL, channel_phrase
from behaviordiff.detect.quantities import quantity_at, quantity_matches, read_quantity
from behaviordiff.drafting.channels import (
    PHONE,
    channel_promises,
    only_about,
    rewrite_channel,
    stated_channels,
    switched_channel,
)
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impact import Impact
from behaviordiff.drafting.rules import (
    RuleMove,
    cell_spans,
    rewrite_sentence,
    scoped_cells,
    states_value,
)
from behaviordiff.drafting.text import STOPWORDS, plain_text, stem, units

_CALL_WORDS = re.compile(r"\b(?:call|ring)(?:[\s-]?backs?|s)?\b", re.I)
"""A call named as a label names it ("Phone callback", "Call within 4 hours")."""
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def time_moves(moves: Sequence[RuleMove]) -> list[RuleMove]:
    """The moves that change a value in place ("4 hours" → "1 hour"): no split between
    categories, no subject's own value, no share become an amount (those have edits of their
    own)."""
    return [
        move
        for move in moves
        if move.kind == "value" and not (move.subject or move.others or move.share or move.scope)
    ]


def names_channel(text: str, channel: str) -> bool:
    """Whether `text` names `channel` the way a label or a sentence does: "Email reply",
    "Phone callback" (a call back is the phone), "we'll email you"."""
    noun = CHANNEL_NOUNS.get(channel)
    if noun and re.search(rf"\b(?:{noun})\b" + NOT_CHANNEL, text, re.I):
        return True
    if channel == PHONE.value and _CALL_WORDS.search(text):
        return True
    return channel in stated_channels(text)


_CALLED_BACK = re.compile(r"\b(?:call|ring|phon)\w*\s+(?:\w+\s+)?back\b", re.I)
"""A call back in two words ("ring them back"): its "back" goes with the call."""


def dropped_words(moves: Sequence[RuleMove]) -> set[str]:
    """The words the prompt's old sentence had and its new one dropped, besides the moved
    values and a call back's "back": who kept the promise, where it changed hands too ("a
    contractor attends" → "the accommodation manager contacts you"). A KB sentence still
    saying one of them keeps a facet the rewrite does not know how to move."""
    gone: set[str] = set()
    for move in moves:
        said = _CALLED_BACK.sub(" ", move.old_sentence)
        gone |= _content(said) - _content(move.new_sentence) - _content(move.old)
    return gone


def rewrite_promise(raw: str, moves: Sequence[RuleMove], old: str, new: str) -> str | None:
    """`raw`, a KB sentence stating the old promise, with both new facets where it states the
    old ones: each moved value in its own words and the new channel in place of the old one.
    None when a facet it states cannot be rewritten, it states neither, or it keeps a word
    the prompt dropped with them (`dropped_words`: who kept the promise)."""
    text = raw
    for move in moves:
        if not states_value(move.old, text):
            continue
        moved = rewrite_sentence(move, text)
        if moved is None:
            return None
        text = moved
    if names_channel(text, old):
        switched = rewrite_channel(text, old, new)
        if switched is None:
            return None
        text = switched
    if text == raw or _content(text) & dropped_words(moves):
        return None
    return text


def _content(text: str) -> set[str]:
    return {stem(word.lower()) for word in _WORD.findall(text) if word.lower() not in STOPWORDS}


def _styled_cell(cell: str, move: RuleMove, old: str, new: str) -> str | None:
    """`cell`, another category's cell of the same row, with the move's new value in place of
    its own: the new promise in the table's style ("Email reply within 8 hours" → "Email
    reply within 1 hour"). None when the cell does not state the new channel (and only it) and
    one value of the move's kind, or says something the new rule does not."""
    if not names_channel(cell, new) or names_channel(cell, old):
        return None
    wanted = read_quantity(move.new)
    found = [
        match
        for match in quantity_matches(cell)
        if (amount := quantity_at(match)) is not None
        and wanted is not None
        and amount.measure == wanted.measure
    ]
    if len(found) != 1:
        return None
    # its other words are the new rule's ("reply", "within"): nothing it adds of its own
    rest = cell[: found[0].start()] + " " + cell[found[0].end() :]
    said = _content(" ".join(w for w in _WORD.findall(rest) if not names_channel(w, new)))
    if not said <= _content(move.new_sentence):
        return None
    quantity = quantity_at(found[0])
    if quantity is None:
        return None
    own = RuleMove(
        move.hunk_id, move.old_sentence, move.new_sentence, quantity.plain, move.new, "value"
    )
    return rewrite_sentence(own, cell)


def promise_row(
    raw: str,
    header: str | None,
    moves: Sequence[RuleMove],
    old: str,
    new: str,
    scope: str | None,
    other_rows: Sequence[str] = (),
) -> str | None:
    """`raw`, a Markdown table row stating the old promise in the case's cell, with that cell
    replaced whole by the new promise in the table's style (`_styled_cell` of a cell that
    already states the new channel: another of the row's cells, where categories are columns,
    or the same column's cell in `other_rows`, the table's other body rows, where categories
    are rows), or rewritten in its own words where no cell does. The case's cell is the one
    under a column (or in a row) naming `scope` when the change holds for one category; other
    categories' cells stay. None when the case's cell is not found or cannot be said either
    way."""
    spans = cell_spans(raw)
    if len(spans) < 2:
        return None

    def cell(index: int) -> str:
        start, end = spans[index]
        return raw[start:end]

    def stating(index: int) -> bool:
        text = cell(index)
        return names_channel(text, old) or any(states_value(m.old, text) for m in moves)

    olds = [index for index in range(1, len(spans)) if stating(index)]
    targets = [i for i in scoped_cells(raw, header, scope) if i in olds] if scope else olds
    if not targets:
        return None
    changed = raw
    for index in reversed(targets):
        text = cell(index)
        stated = [move for move in moves if states_value(move.old, text)]
        replacement: str | None = None
        if len(stated) == 1:
            # the new promise as the other categories already have it said: in the row's
            # other cells, else in the same column of the other rows
            styles = [cell(other) for other in range(1, len(spans)) if other not in olds]
            for row in other_rows:
                row_spans = cell_spans(row)
                if len(row_spans) == len(spans):
                    styles.append(row[row_spans[index][0] : row_spans[index][1]])
            for style in styles:
                replacement = _styled_cell(style, stated[0], old, new)
                if replacement is not None:
                    break
        if replacement is None:
            replacement = rewrite_promise(text.strip(), moves, old, new)
        if replacement is None:
            return None
        lead = text[: len(text) - len(text.lstrip())]
        tail = text[len(text.rstrip()) :]
        start, end = spans[index]
        changed = changed[:start] + lead + replacement.strip() + tail + changed[end:]
    return changed if changed != raw else None


def other_rows(rows: Sequence[str], index: int) -> list[str]:
    """The body rows of the Markdown table `rows[index]` is a row of, but that row: its
    header row (the block's first) and separator row left out."""
    if not rows[index].lstrip().startswith("|"):
        return []
    first = last = index
    while first > 0 and rows[first - 1].lstrip().startswith("|"):
        first -= 1
    while last + 1 < len(rows) and rows[last + 1].lstrip().startswith("|"):
        last += 1
    return [
        rows[at]
        for at in range(first + 1, last + 1)
        if at != index and not re.fullmatch(r"[\s|:-]+", rows[at])
    ]


def two_facets(facts: ChangeFacts) -> tuple[str, str, list[RuleMove]] | None:
    """(old channel, new channel, the values that moved with it) when the change's promise
    moved in both facets at once; None otherwise."""
    switched = switched_channel(facts.removed_promises, facts.added_promises)
    # a shortened window's line is no time frame of the promise: the action it gates keeps
    # its promise inside the window (`gatedwindow`)
    windows = {window.move.old_sentence for window in facts.gated}
    moves = [move for move in time_moves(facts.moves) if move.old_sentence not in windows]
    if switched is None or not moves:
        return None
    return switched[0], switched[1], moves


def two_facet_fact(facts: ChangeFacts) -> str:
    """What a drafting model is told of a promise that moved in both facets ("" for any other
    change): the same edit the template makes, in words."""
    found = two_facets(facts)
    if found is None:
        return ""
    [old] = channel_promises(facts.removed_promises)
    [new] = channel_promises(facts.added_promises)
    values = ", ".join(f"{move.old} → {move.new}" for move in found[2])
    return (
        f"The promise moved in two facets at once: {old.phrase()} → {new.phrase()}, and "
        f"{values}. A sentence stating the old promise states both new facets (never the new "
        f"value with the old channel); a sentence that only makes sense {old.phrase()} goes (as "
        '"keep your phone close" for a call, "check your spam folder" for an email); a table '
        "cell for the case is replaced "
        "whole by the new promise in the table's own style, naming no category its column or "
        "row already names."
    )


def half_moved(facts: ChangeFacts, impact: Impact, new_body: str) -> list[str]:
    """What an edit of a promise that moved in both facets must not do, whoever drafted it:
    state the new value on the old channel ("we'll call you back within 1 hour" for "a reply
    by email within 1 hour"), or keep a sentence only true of the old channel right after one
    it rewrote ("keep your phone close")."""
    found = two_facets(facts)
    if found is None:
        return []
    old, new, moves = found
    item = impact.item
    before = [unit.text for unit in units(plain_text(item.body, item.body_format))]
    after = [unit.text for unit in units(plain_text(new_body, item.body_format))]
    kept = set(before)
    problems: list[str] = []
    for sentence in after:
        if sentence in kept:
            continue
        # a table row says each category's promise in a cell of its own
        spans = cell_spans(sentence) if sentence.lstrip().startswith("|") else []
        for said in [sentence[start:end] for start, end in spans[1:]] or [sentence]:
            if not names_channel(said, old) or names_channel(said, new):
                continue
            moved = [move for move in moves if states_value(move.new, said)]
            if moved:
                problems.append(
                    f"“{sentence}” states the new {moved[0].new} on the old channel ({old}), "
                    f"where the promise now reaches the customer {channel_phrase(new)}: state "
                    "both new facets"
                )
                break
    conflicting = {conflict.sentence for conflict in impact.conflicts}
    now = set(after)
    for index, sentence in enumerate(before):
        if sentence not in conflicting or sentence in now:
            continue
        for following in before[index + 1 : index + 3]:
            if following in conflicting:
                break
            if following in now and only_about(following, old, new):
                problems.append(
                    f"“{following}” only makes sense for the old channel ({old}), which the "
                    "promise no longer uses: drop it"
                )
    return problems
