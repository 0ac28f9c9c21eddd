"""A sentence that sums up a table's rule in other words: "In short, give us a fortnight's
notice and you'll get every penny back." under "| 14 days or more before your flight | Full
refund |". It names no word of the rule (its topic is the table's header and rows), yet states
the value the table's rows state, as the same amount in other words. When those rows state
the old rule of a moved value, the summary states it too, and moves with them.

Pure text helpers for `impact`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from behaviordiff.detect.quantities import quantity_matches
from behaviordiff.drafting.rules import RuleMove, moves_for, old_statements
from behaviordiff.drafting.text import Unit

SUMMARY_REASON = "states the old rule the table above states"
"""How the conflict's reason begins."""


def _is_row(unit: Unit) -> bool:
    return unit.raw.lstrip().startswith("|")


def _is_heading(unit: Unit) -> bool:
    return unit.raw.lstrip().startswith("#")


def _states_old_only(move: RuleMove, text: str) -> bool:
    """Whether `text` states the move's old value (in any words: "a fortnight" for 14 days)
    and not its new one."""
    if not moves_for([move], text) or not old_statements(move, text):
        return False
    reverse = RuleMove(move.hunk_id, "", "", move.new, move.old, "value")
    return not moves_for([reverse], text)


def _amounts(text: str) -> int:
    return len(quantity_matches(text)) + len(re.findall(r"(?<![\w.])\d[\d,]*(?:\.\d+)?", text))


def summary_sentences(
    moves: Sequence[RuleMove], item_units: Sequence[Unit], rows: Sequence[int], taken: set[int]
) -> list[tuple[int, RuleMove]]:
    """The prose sentences right after a table (up to the next heading or table) that state
    the old value of a duration move one of the table's `rows` (unit indexes stating the old
    rule) states, when every row of the table stating it is one of `rows`, and no other
    amount: (unit index, move). Only a value with its unit counts
    ("14 days", not a bare "14"), so a count that happens to be the same number ("our 14
    launch fields") is never read as the rule."""
    found: list[tuple[int, RuleMove]] = []
    for row in sorted(set(rows)):
        if not _is_row(item_units[row]):
            continue
        row_moves = [
            move
            for move in moves
            if move.kind == "value"
            and not move.scope
            and not move.subject
            and re.search(r"[A-Za-z]", move.old)
            and _states_old_only(move, item_units[row].text)
        ]
        start = end = row
        while start > 0 and _is_row(item_units[start - 1]):
            start -= 1
        while end + 1 < len(item_units) and _is_row(item_units[end + 1]):
            end += 1
        # every row stating the old value moves: a row kept (the far side of a line a band
        # still draws) says the table's rule is not all moved
        row_moves = [
            move
            for move in row_moves
            if all(
                other in rows
                for other in range(start, end + 1)
                if _states_old_only(move, item_units[other].text)
            )
        ]
        if not row_moves:
            continue
        index = end + 1
        while index < len(item_units) and not (
            _is_heading(item_units[index]) or _is_row(item_units[index])
        ):
            text = item_units[index].text
            if index not in taken and not any(i == index for i, _ in found):
                stating = [move for move in row_moves if _states_old_only(move, text)]
                said = old_statements(stating[0], text) if stating else []
                # one amount only, the old value itself: "a fortnight", never "14 days for
                # 2 people"
                one_value = len({(move.old, move.new) for move in stating}) == 1
                if (
                    one_value
                    and len(said) == 1
                    and _amounts(text) <= 1 + _digits(said[0].group(0))
                    and _same_kind_of_day(stating[0].old, said[0].group(0))
                ):
                    found.append((index, stating[0]))
            index += 1
    return found


_WORKING = re.compile(r"\b(?:working|business)\b", re.I)


def _same_kind_of_day(value: str, said: str) -> bool:
    """Whether a summary's amount counts time as the rule does: working days are no clock's
    ("within 2 working days" sums up no "48 hours or more" notice)."""
    return bool(_WORKING.search(value)) == bool(_WORKING.search(said))


def _digits(text: str) -> int:
    return len(re.findall(r"\d+", text))
