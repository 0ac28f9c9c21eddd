"""A moved line with a new rule in the band it leaves: which side of the old line a KB
sentence is about, and the rule for the band, written in a table's own format.

When a prompt moves a line ("free up to 24 hours before departure" → "up to 48 hours") and
says something new for the band between the old and the new value ("later than that, but
still at least 24 hours before departure, a £5 fee"), the old line is still a line: what the
KB says about its far side ("less than 24 hours before departure: changes aren't possible")
is as true as before, and only what it says about the side the band is on moves. Which side
a sentence is about is read from its words around the value ("less than", "up to", "or
more"), not from the number alone. A table that lays out the sides gets a row for the band
with the new rule's amount, in the table's own format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.quantities import find_quantities, read_quantity
from behaviordiff.drafting.rules import RuleMove, new_value, where_stated
from behaviordiff.drafting.text import padded_cells
from behaviordiff.drafting.toolwords import object_words

# the words before a value that make it the upper end of what a sentence is about ("less than
# 24 hours") or its lower end ("at least 24 hours"); "up to", "until", "later than" say a point
# in time, so before an event ("up to 24 hours before departure") they count back from it: the
# time left is at least the value
_BELOW = re.compile(
    r"\b(?P<words>less than|fewer than|under|below|within|no more than|at most|inside|"
    r"shorter than|earlier than|up to|until|till|no later than|younger than)(?:\s+|-)"
    r"(?:\*\*|__)?$",
    re.I,
)
_ABOVE = re.compile(
    r"\b(?P<words>more than|over|above|at least|no less than|beyond|past|after|longer than|"
    r"later than|no earlier than|from|older than)(?:\s+|-)(?:\*\*|__)?$",
    re.I,
)
_BELOW_AFTER = re.compile(r"^(?:\*\*|__)?\s*(?:or less|or fewer|or under|or below)\b", re.I)
_ABOVE_AFTER = re.compile(
    r"^(?:\*\*|__)?\s*(?:or more|or over|or longer|and over|and above)\b", re.I
)
_COUNTED_BACK = re.compile(r"^(?:\*\*|__)?\s*(?:before|ahead of|prior to|in advance)\b", re.I)
_POINT_IN_TIME = frozenset(
    {"up to", "until", "till", "no later than", "later than", "earlier than", "no earlier than"}
)
_AMOUNT = re.compile(r"[$€£]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?%")
_SHARE_WORDS = re.compile(
    r"\b(?:half|a\s+third|a\s+quarter|two\s+thirds|three\s+quarters)(?=\s+(?:of\s+)?the\b)",
    re.I,
)
"""A share said in words before what it is of ("half the course fee back")."""
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_TOOL_CALL = re.compile(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`")
_PHRASE_END = re.compile(r"[,.;:!?()|]|\s(?:to|for|on|if|when|and|or|but|then|with|which)\b", re.I)


def _size(value: str) -> float | None:
    """The number a value states, in its measure's smallest unit when it has one."""
    quantity = read_quantity(value)
    if quantity is not None:
        return quantity.amount
    found = _NUMBER.search(value)
    return float(found.group(0).replace(",", "")) if found else None


def side_words(before: str) -> tuple[int, re.Match[str]] | None:
    """The side words that end `before` and the side they say (-1 below, 1 above); of two
    that both read, the longer ("no later than" holds "later than")."""
    said = [(found, -1) for found in [_BELOW.search(before)] if found]
    said += [(found, 1) for found in [_ABOVE.search(before)] if found]
    if not said:
        return None
    words, side = min(said, key=lambda each: each[0].start())
    return side, words


def side_of(text: str, found: re.Match[str]) -> int | None:
    """Which side of the value found in `text` the text is about: 1 when the value is the
    lower end ("more than 24 hours", "up to 24 hours before departure", "3 or more"), -1 when
    it is the upper end ("less than 24 hours", "within 30 days"), None when no word says."""
    before, after = text[: found.start()], text[found.end() :]
    if _ABOVE_AFTER.match(after):
        return 1
    if _BELOW_AFTER.match(after):
        return -1
    said = side_words(before)
    if said is None:
        return None
    side, words = said
    if words.group("words").lower() in _POINT_IN_TIME and _COUNTED_BACK.match(after):
        side = -side
    return side


def _band_side(move: RuleMove) -> int | None:
    """The side of the old value the band between the old and the new value is on."""
    old, new = _size(move.old), _size(move.new)
    if old is None or new is None or old == new:
        return None
    return 1 if new > old else -1


def line_kept(rules: Sequence[Any], move: RuleMove) -> Any | None:
    """The rule of the change, besides the moved sentence, that still states the move's old
    value in the moved sentence's section: the old line still bounds a rule of the new
    prompt (the band's new rule), so what lies past it did not change. None when the old
    value is gone from the new prompt's rules (the line moved whole)."""
    if move.kind != "value" or move.subject or move.scope:
        return None
    section = next((rule.section for rule in rules if rule.hunk_id == move.hunk_id), None)
    for rule in rules:
        if not rule.new or rule.new == move.new_sentence or rule.section != section:
            continue
        if (
            where_stated(move.old, rule.new) and not where_stated(move.new, rule.new)
        ) or spans_band(move, rule.new):
            return rule
    # the band said as a span of whole numbers ("From day 8 to day 14 after enrolling, …"),
    # its far end the old line
    return _inclusive_band_rule(rules, move)


def _line_kept_for_others(rules: Sequence[Any], move: RuleMove) -> bool:
    """Whether a move scoped to one case ("14 days" for sale shoes) leaves the old line to the
    other cases in a rule of the change ("Unworn full-price shoes … within 30 days"): past the
    old line nothing changed for any case. Read only where the band lies below the old line
    (a window shortened): a window lengthened for the case ("within 7 days" → 14 days for
    commercial accounts) makes what is said within the old line incomplete for it."""
    if move.kind != "value" or not move.scope:
        return False
    return any(
        rule.new
        and rule.new != move.new_sentence
        and where_stated(move.old, rule.new)
        and not where_stated(move.new, rule.new)
        for rule in rules
    )


SPAN_JOIN = re.compile(
    r"(?P<other>[$€£]?\d[\d,]*(?:[.:]\d+)?(?:\s?[ap]\.?m\.?)?)\s*(?:and|to|-|–)\s*$", re.I
)
_SPAN_LEAD = re.compile(r"\b(?:between|from)\s+$", re.I)


_BOUND_PAIR = re.compile(
    r"\b(?:over|above|more\s+than|from)\s+(?P<other>[$€£]?\d[\d,]*(?:\.\d+)?)"
    r"(?:\s?[A-Za-z]{1,12})?\s+and\s+(?:up\s+to|under|below|less\s+than|at\s+most)\s+$",
    re.I,
)
"""A band's lower line and the words joining its upper one ("over 7 ft and up to ")."""


def spans_band(move: RuleMove, text: str) -> bool:
    """Whether `text` states the band between a move's old and new value as one span, its two
    ends joined ("between 2pm and 5pm", "from 24 to 48 hours", "£8-£15"): a rule for the band,
    which draws the old line as much as a sentence stating the old value alone."""
    for value, other in ((move.old, move.new), (move.new, move.old)):
        for found in where_stated(value, text):
            before = text[max(0, found.start() - 80) : found.start()]
            paired = _BOUND_PAIR.search(before)
            if paired is not None and (
                where_stated(other, paired.group("other"))
                or _same_number(other, paired.group("other"))
            ):
                return True  # "over 7 ft and up to 10 ft": the band's two lines
            joined = SPAN_JOIN.search(text[: found.start()])
            if joined is None:
                continue
            written = joined.group("other")
            if not (where_stated(other, written) or _same_number(other, written)):
                continue
            lead = text[: joined.start()]
            if _SPAN_LEAD.search(lead) or joined.group(0).rstrip()[-1:] in "-–":
                return True
    return False


def _same_number(value: str, written: str) -> bool:
    """Whether a bare number written as the first end of a span ("24" of "24 to 48 hours")
    is `value`'s number."""
    number, found = _NUMBER.search(value), _NUMBER.fullmatch(written.strip())
    return bool(number and found and number.group(0) == found.group(0))


def far_side(rules: Sequence[Any], move: RuleMove, sentence: str, *, alone: bool = True) -> bool:
    """Whether a sentence states the move's old value only as the line of the side away from
    the band ("less than 24 hours" when free changes moved from 24 to 48 hours and a fee came
    in between), while the new prompt still draws that line (`line_kept`): it describes what
    did not change. A move scoped to one case draws the old line for the others too
    (`_line_kept_for_others`): read so only for a sentence `alone` in its item (in one beside
    a claim for every case, "… more than 30 days …, so we can't take it back. The same goes for
    sale finds …", the two say the rule together)."""
    band = _band_side(move)
    if band is None or where_stated(move.new, sentence):
        return False
    if line_kept(rules, move) is None and not (
        alone and band < 0 and _line_kept_for_others(rules, move)
    ):
        return False
    stated = where_stated(move.old, sentence)
    return bool(stated) and all(side_of(sentence, found) == -band for found in stated)


@dataclass(frozen=True)
class BandRule:
    """The new prompt's rule for the band between a moved line's old and new value."""

    move: RuleMove
    sentence: str
    """The prompt sentence that states it."""
    amount: str
    """What it costs or gives, as the prompt writes it: "£5 change fee", "50% refund"; for
    another action, its tool's object ("store credit")."""
    action: bool = False
    """The band gets another action (a tool the moved sentence does not call), no amount."""


def band_rule(rules: Sequence[Any], move: RuleMove) -> BandRule | None:
    """The band's new rule when it states an amount the moved sentence does not ("cost a £5
    change fee"): the amount with the noun after it, up to the end of its phrase."""
    rule = line_kept(rules, move) or _inclusive_band_rule(rules, move)
    if rule is None or _band_side(move) is None:
        return None
    # a sentence differ may pair the band's new rule with an old sentence stating neither line
    if rule.kind != "sentence_added" and (
        rule.kind != "sentence_changed"
        or where_stated(move.old, rule.old or "")
        or where_stated(move.new, rule.old or "")
    ):
        return None
    text: str = rule.new
    for found in [*_AMOUNT.finditer(text), *_SHARE_WORDS.finditer(text)]:
        written = re.compile(rf"(?<![\d.,]){re.escape(found.group(0))}(?![\d]|[.,]\d)")
        if written.search(move.old_sentence) or written.search(move.new_sentence):
            continue
        rest = text[found.end() :]
        end = _PHRASE_END.search(rest)
        noun = rest[: end.start()] if end else rest
        words = noun.split()[:3]
        return BandRule(move, text, " ".join([found.group(0), *words]).strip())
    # no amount: another action for the band, named by its tool's object ("store credit")
    gets = band_action(rules, rule, move)
    return BandRule(move, text, gets, action=True) if gets else None


_COUNTED = re.compile(r"(?P<n>\d{1,6})(?:\s+(?P<unit>[a-z]+))?", re.I)
"""A whole number, bare or with its unit ("12", "14 days")."""
_WHOLE_SPAN = re.compile(
    r"(?<![\d.,])(\d{1,6})\s*(?:to|-|–)\s*(?:(?:day|week|month|year|night)s?\s+)?(\d{1,6})"
    r"(?![\d.,]\d)",
    re.I,
)
"""Two whole numbers joined as a span ("5 to 11", "5-11", "day 8 to day 14")."""


def _inclusive_band_rule(rules: Sequence[Any], move: RuleMove) -> Any | None:
    """The sentence the new prompt adds in the moved sentence's section that states the band
    between a moved whole-number line's new and old value as a span of whole numbers, its
    upper end the old line or the number just below it ("Children aged 5 to 11 need a child
    pass" when "under 12" became "under 5"), or None."""
    if move.kind != "value" or move.subject or move.scope:
        return None
    # a whole number, bare or with its unit ("12", "14 days")
    old, new = _COUNTED.fullmatch(move.old.strip()), _COUNTED.fullmatch(move.new.strip())
    if old is None or new is None or old.group("unit") != new.group("unit"):
        return None
    low, high = sorted((int(old.group("n")), int(new.group("n"))))
    section = next((rule.section for rule in rules if rule.hunk_id == move.hunk_id), None)
    for rule in rules:
        if rule.hunk_id == move.hunk_id or not rule.new or rule.section != section:
            continue
        if rule.kind != "sentence_added" and (
            rule.kind != "sentence_changed" or _WHOLE_SPAN.search(rule.old or "")
        ):
            continue  # a changed sentence is the band's own only when its old one drew none
        for found in _WHOLE_SPAN.finditer(rule.new):
            # "under 12" → "under 5": 5 to 11; "within 14 days" → "within 7": day 8 to day 14
            if int(found.group(1)) in (low, low + 1) and int(found.group(2)) in (high, high - 1):
                return rule
    return None


def band_action(rules: Sequence[Any], line_rule: Any, move: Any) -> str | None:
    """What the band between a moved line's old and new value now gets when the new prompt
    gives it another action, not an amount: the object of the tool ("store credit" for
    `issue_store_credit`) that the sentence drawing the old line again, or the added sentence
    right after it in its section, calls and the moved sentence does not. None when no one
    such tool is called."""
    moved = set(_TOOL_CALL.findall(move.old_sentence)) | set(_TOOL_CALL.findall(move.new_sentence))
    texts = [line_rule.new or ""]
    after = [
        rule
        for rule in rules
        if rule.kind == "sentence_added"
        and rule.section == line_rule.section
        and rule.new
        and rule is not line_rule
        and _hunk_order(rule.hunk_id) > _hunk_order(line_rule.hunk_id)
    ]
    if not set(_TOOL_CALL.findall(texts[0])) - moved and after:
        texts.append(min(after, key=lambda rule: _hunk_order(rule.hunk_id)).new)
    tools = {tool for text in texts for tool in _TOOL_CALL.findall(text)} - moved
    if len(tools) != 1:
        return None
    words = object_words(tools.pop())
    return words or None


def _hunk_order(hunk_id: str) -> tuple[int, str]:
    found = re.search(r"\d+", hunk_id)
    return (int(found.group(0)) if found else 0, hunk_id)


def _range(move: RuleMove, cell: str) -> str | None:
    """The band in a cell's own words: the cell's side words and old value replaced by
    "24 to 48 hours" (the old and the new value as the cell writes them, low to high)."""
    stated = where_stated(move.old, cell)
    if len(stated) != 1 or side_of(cell, stated[0]) is None:
        return None
    found = stated[0]
    before = cell[: found.start()]
    said = side_words(before)
    start = said[1].start() if said else found.start()
    old_text, new_text = found.group(0), new_value(move, found)
    old_size, new_size = _size(old_text), _size(new_text)
    if old_size is None or new_size is None:
        return None
    low, high = (old_text, new_text) if old_size < new_size else (new_text, old_text)
    # "24 hours" and "48 hours": the unit once, after the higher end
    low_number, high_number = _NUMBER.search(low), _NUMBER.search(high)
    if (
        low_number
        and high_number
        and low[low_number.end() :].strip().lower().rstrip("s")
        == high[high_number.end() :].strip().lower().rstrip("s")
        and low[: low_number.start()] == high[: high_number.start()]
    ):
        low = low[: low_number.end()]
    band = f"{low} to {high}"
    if before[start:].strip()[:1].isupper():
        band = band[:1].upper() + band[1:]
    after = cell[found.end() :]
    if after and not after[:1].isspace() and after[:1] not in ",.;|":
        after = " " + after
    return cell[:start] + band + after


def band_row(rule: BandRule, rows: Sequence[str], moved: int) -> tuple[int, str] | None:
    """(where it goes, the row) for the band's rule in a table whose row `moved` states the
    moved line: the moved row's key cell with the band in its words, and the rule's amount in
    the rule's cell (`_rule_column`), cased like that row's; a wider table's other cells as
    the moved row has them. It goes between the moved row and the row of the far side when
    there is one, else right after the moved row. None when the rule's column is not clear
    or the row states no side of the line."""
    raw = rows[moved]
    cells = padded_cells(raw)
    keyed = [index for index, cell in enumerate(cells) if where_stated(rule.move.old, cell)]
    if len(keyed) != 1:
        return None
    key_at = keyed[0]
    key = _range(rule.move, cells[key_at])
    ruled = _rule_column(rule, rows, moved, key_at)
    if key is None or ruled is None:
        return None
    other = cells[ruled]
    amount = rule.amount
    if other.strip()[:1].isupper() and amount[:1].islower():
        amount = amount[:1].upper() + amount[1:]
    width = len(other) - len(other.lstrip())
    new_cells = list(cells)
    new_cells[key_at] = key
    new_cells[ruled] = " " * width + amount + " " * (len(other) - len(other.rstrip()))
    indent = raw[: len(raw) - len(raw.lstrip())]
    row = indent + "|" + "|".join(new_cells) + "|"
    far = [
        index
        for index, other_row in enumerate(rows)
        if index != moved and where_stated(rule.move.old, other_row)
    ]
    at = moved if far and far[0] < moved else moved + 1
    return at, row


def _rule_column(rule: BandRule, rows: Sequence[str], moved: int, key_at: int) -> int | None:
    """The column of a table that says the rule of each side of the line: in two columns, the
    one that is not the key; in a wider table, the one column besides the key in which the
    moved row and the row of the far side differ (a cell the two sides share, "Online or by
    phone", holds in the band between them too). None when no far-side row says which."""
    cells = padded_cells(rows[moved])
    if len(cells) == 2:
        return 1 - key_at
    far = [
        padded_cells(row)
        for index, row in enumerate(rows)
        if index != moved
        and where_stated(rule.move.old, row)
        and len(padded_cells(row)) == len(cells)
    ]
    if len(far) != 1:
        return None
    differing = [
        index
        for index, (mine, theirs) in enumerate(zip(cells, far[0], strict=True))
        if index != key_at and mine.strip() != theirs.strip()
    ]
    if len(differing) > 1 and not rule.action:
        # an amount goes in the one column whose sides state an amount ("Free" | "$40" beside
        # "Same-day swap" | "Repair"): the column of what each side costs
        differing = [
            index
            for index in differing
            if _AMOUNT.search(cells[index]) or _AMOUNT.search(far[0][index])
        ]
    return differing[0] if len(differing) == 1 else None


def with_band_rows(
    rules: Sequence[Any], moves: Sequence[RuleMove], old_body: str, new_body: str
) -> tuple[str, list[tuple[BandRule, str]]]:
    """`new_body` (an edit of `old_body` that keeps its lines) with a row for each band's new
    rule (`band_rule`) added to the table whose row the edit moved to the new value, and the
    (rule, row) pairs added; `new_body` as it is when there is none."""
    old_lines = old_body.splitlines(keepends=True)
    lines = new_body.splitlines(keepends=True)
    added: list[tuple[BandRule, str]] = []
    if len(old_lines) != len(lines):
        return new_body, added
    for move in moves:
        rule = band_rule(rules, move)
        if rule is None:
            continue
        for index, (old, new) in enumerate(zip(old_lines, lines, strict=True)):
            if old == new or not old.lstrip().startswith("|"):
                continue
            if not where_stated(move.old, old) or not where_stated(move.new, new):
                continue
            start = index
            while start > 0 and old_lines[start - 1].lstrip().startswith("|"):
                start -= 1
            end = index
            while end + 1 < len(old_lines) and old_lines[end + 1].lstrip().startswith("|"):
                end += 1
            rows = [line.rstrip("\r\n") for line in old_lines[start : end + 1]]
            found = band_row(rule, rows, index - start)
            if found is None:
                continue
            at, row = found
            ending = new[len(new.rstrip("\r\n")) :] or "\n"
            where = start + at
            if where == len(lines) and not lines[-1].endswith(("\n", "\r")):
                lines[-1] += ending
                ending = ""
            lines.insert(where, row + ending)
            old_lines.insert(where, row + ending)
            added.append((rule, row))
            break
    return "".join(lines), added


def band_rules(rules: Sequence[Any], moves: Sequence[RuleMove]) -> list[BandRule]:
    """The band rule (`band_rule`) of each move that has one."""
    return [rule for move in moves if (rule := band_rule(rules, move)) is not None]


def missing_band_rule(
    rules: Sequence[Any],
    moves: Sequence[RuleMove],
    old_body: str,
    template_body: str | None,
    new_body: str,
) -> list[str]:
    """What another draft of an edit (a drafting model's) leaves out that the template's edit
    of the same item wrote in: the amount of a band's new rule (`with_band_rows`)."""
    problems = []
    for rule in band_rules(rules, moves):
        # an action's words in any case ("Store credit" in a row); an amount as written
        amount = rule.amount.lower() if rule.action else rule.amount.split()[0]
        fold = str.lower if rule.action else str
        template, old, new = fold(template_body or ""), fold(old_body), fold(new_body)
        if not template or amount not in template or amount in old:
            continue
        if amount not in new:
            problems.append(
                f"the new body does not state {rule.amount} for the band between "
                f"{rule.move.old} and {rule.move.new} that the new prompt gives it "
                f"(“{rule.sentence}”): add it where the item lays out the line, in its own "
                "format (a table gets a row)"
            )
    return problems


def numbers(atom: Any) -> list[float]:
    """The numeric bounds an atom draws: its threshold, or an interval's two ends."""
    values = [atom.low, atom.high] if atom.op == "between" else [atom.value]
    return [
        float(value)
        for value in values
        if isinstance(value, int | float) and not isinstance(value, bool)
    ]


def names_band(sentence: str, atoms: Sequence[Any], rules: Sequence[str]) -> bool:
    """Whether a KB sentence already names the band a condition draws, in any unit or words
    ("between one and three hours late" for `60 <= minutes_late <= 180`): an amount it states
    is one of the condition's bounds in the unit the prompt's rule (or the variable's name)
    counts in. Such a sentence is the band's own: its value changes in place, with no scope
    added beside it."""
    if not atoms:
        return False
    counted = {quantity.unit for rule in rules for quantity in find_quantities(rule)}
    counted |= {word for atom in atoms for word in re.split(r"[\W_]+", atom.feature.lower())}
    amounts = [
        amount
        for quantity in find_quantities(sentence)
        for unit in counted
        if unit and (amount := quantity.in_unit(unit)) is not None
    ]
    # every variable of the condition is named (one end of its band is enough): "more than
    # 48 hours late" is not the band of "express orders more than 48 hours late"
    bounds: dict[str, set[float]] = {}
    for atom in atoms:
        if atom.op == "tag":
            continue  # what the conversation is about ("late"), not a subset of customers
        bounds.setdefault(atom.feature, set()).update(numbers(atom))
    return all(
        any(abs(amount - bound) < 1e-9 for amount in amounts for bound in named)
        for named in bounds.values()
    )
