"""The sentence that draws a moved line's old value again, for the band the old rule leaves.

"Within 60 days of delivery: refund with `refund_order`" became "Within 30 days of delivery:
refund with `refund_order`" and, right after it, a new sentence "From 31 to 60 days after
delivery: we no longer refund these." (then how the band is now handled, with another tool).
A sentence differ pairs the changed sentence as a move 60 → 30 and leaves the added one as a
hunk of its own that no change may be attributed (it names no tool). Without it the change's
rules read as a line moved whole, and KB text on the old line's far side, or naming the line
with no side ("our 60-day returns window"), is rewritten to the new value though the new
prompt still draws it. `line_rules` reads that added sentence with the change's rules, as
`told_rules` does for what the agent tells; `names_line_only` says which KB sentences name
the kept line and no side of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from behaviordiff.drafting.bands import SPAN_JOIN, side_of, side_words
from behaviordiff.drafting.rules import rule_moves, to_you, where_stated
from behaviordiff.drafting.text import units

_TOOL = re.compile(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`")
_SPAN_LENGTH = re.compile(r"[\w.,]+-[A-Za-z]+")
"""A value written as a span's length before its noun: "60-day", "sixty-day", "14-day"."""


def line_rules(
    rules: Sequence[Any],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    text_of: Callable[[Any], str | None],
    make: Callable[..., Any],
) -> list[Any]:
    """The added prompt sentence right after a changed sentence of the change, in the same
    section and file, that states the old value of a value the changed sentence moved as the
    far end of a span and not its new one ("From 31 to 60 days after delivery: …" after
    "Within 60 → 30 days"; `_ends_span`),
    when no change was attributed its hunk: as a `sentence_added` rule on that hunk."""
    order = list(hunks)
    found: list[Any] = []
    for rule in rules:
        if rule.kind != "sentence_changed" or rule.hunk_id not in order:
            continue
        moves = [move for move in rule_moves([rule]) if move.kind == "value"]
        at = order.index(rule.hunk_id)
        if not moves or at + 1 >= len(order) or order[at + 1] in attributed:
            continue
        own, after = hunks[rule.hunk_id], hunks[order[at + 1]]
        said = text_of(after.get("new"))
        if (
            after.get("kind") != "sentence_added"
            or after.get("section") != own.get("section")
            or after.get("file") != own.get("file")
            or not said
            or any(r.hunk_id == order[at + 1] for r in [*rules, *found])
        ):
            continue
        if any(_ends_span(move.old, said) and not where_stated(move.new, said) for move in moves):
            summary = f"section {after.get('section')}: sentence added: {said}"
            found.append(make(order[at + 1], "sentence_added", rule.section, None, said, summary))
    return found


def _ends_span(value: str, text: str) -> bool:
    """Whether `text` states `value` as the far end of a span joined to another number ("from
    31 to 60 days", "between 31 and 60 days", "31-60 days"): a band that ends at the old
    line, not the old value said of another subject ("Everyone else can hold up to 4")."""
    return any(SPAN_JOIN.search(text[: found.start()]) for found in where_stated(value, text))


def names_line_only(move: Any, old_sentence: str, sentence: str) -> bool:
    """Whether a KB sentence states a move's old value as the length of a span with no side of
    it ("our 60-day returns window": no "within", "more than", "or more" around it; "before
    5pm at no extra cost" is one side of its line) and names the verb of none of the
    moved prompt sentence's tools ("refund" for `refund_order`): it names the line, which the
    new prompt still draws, not what either side of it gets."""
    stated = where_stated(move.old, sentence)
    if not stated or where_stated(move.new, sentence):
        return False
    # the value said as the length of a span ("a 60-day window"), with no side of it
    if any(
        side_of(sentence, found) is not None or not _SPAN_LENGTH.fullmatch(found.group(0))
        for found in stated
    ):
        return False
    words = {tool.split("_")[0] for tool in _TOOL.findall(old_sentence)}
    lowered = sentence.lower()
    return not any(re.search(rf"\b{re.escape(word)}", lowered) for word in words)


_LEAD_END = re.compile(r"\s*[(:,;.]")


def band_span(text: str, move: Any) -> str | None:
    """The band as the sentence drawing the old line again opens with it ("From 31 to 60 days
    after delivery (day 60 included): …" → "from 31 to 60 days after delivery"): its words up
    to the first bracket or stop, when they start with "from" or "between" and state the old
    value and one other number. None otherwise."""
    end = _LEAD_END.search(text)
    lead = text[: end.start()] if end else text
    if not re.match(r"(?:from|between)\s+\d", lead, re.I) or not where_stated(move.old, lead):
        return None
    if len(re.findall(r"\d+", lead)) != 2 or len(lead.split()) > 10:
        return None
    return lead[:1].lower() + lead[1:]


_CLAUSE = re.compile(r"[^,;:()]+")
_BARE_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w]|\.\d)")


def stated_band(text: str, move: Any) -> str | None:
    """The band as a clause of the sentence drawing the old line again states it, side words
    and both ends ("If it comes back after 7 but within 30 days of the repair, …" → "after 7
    but within 30 days of the repair"): the words of the one clause that states the old value
    and the new value's number, from the side word before the first of them (else the first
    number) to the clause's end. None when no one clause of ten words or fewer does."""
    new_number = _BARE_NUMBER.search(move.new)
    if new_number is None:
        return None
    found: list[str] = []
    for clause in _CLAUSE.finditer(text):
        words = clause.group(0)
        numbers = list(_BARE_NUMBER.finditer(words))
        if len(numbers) != 2 or not where_stated(move.old, words):
            continue
        if new_number.group(0) not in {number.group(0) for number in numbers}:
            continue
        first = numbers[0]
        said = side_words(words[: first.start()])
        start = said[1].start() if said else first.start()
        band = words[start:].strip().rstrip(".")
        if len(band.split()) <= 10:
            found.append(band[:1].lower() + band[1:])
    return found[0] if len(found) == 1 else None


_CLAUSE_END = re.compile(r"(?=[,;]\s|\.(?:\s|$)|\s(?:so|but|and)\s)")


def with_band_clause(sentence: str, move: Any, span: str, gets: str) -> str | None:
    """`sentence` (a KB sentence whose line was moved to the new value) with the band's
    action said in brackets at the end of the clause that states the new value and the
    moved sentence's action ("… a full refund within 30 days of delivery (from 31 to 60 days
    after delivery, store credit instead), so …"); None when it does not state both."""
    values = where_stated(move.new, sentence)
    verbs = {tool.split("_")[0] for tool in _TOOL.findall(move.new_sentence)}
    acted = [
        found for verb in verbs for found in re.finditer(rf"\b{re.escape(verb)}\w*", sentence, re.I)
    ]
    if not values or not acted:
        return None
    start = max(max(found.end() for found in values), max(found.end() for found in acted))
    end = _CLAUSE_END.search(sentence, start)
    at = end.start() if end else len(sentence.rstrip(".!? "))
    return f"{sentence[:at]} ({span}, {gets} instead){sentence[at:]}"


def with_band_amount(sentence: str, move: Any, band: str, amount: str) -> str | None:
    """`sentence` (a KB sentence whose line was moved to the new value) with what the band
    between the old and the new value now costs said in brackets at its end, the amount
    first ("… free within 7 days of the repair (£15 after 7 but within 30 days of the
    repair)."); None when it does not state the new value or already states the amount."""
    if not where_stated(move.new, sentence) or amount.split()[0] in sentence:
        return None
    at = len(sentence.rstrip().rstrip(".!?"))
    return f"{sentence[:at]} ({amount} {band}){sentence[at:]}"


def with_band_clauses(
    band_rules: Sequence[Any], old_body: str, new_body: str, *, amounts: bool = False
) -> tuple[str, list[str]]:
    """`new_body` with each prose sentence the edit moved to a line's new value (not in
    `old_body`, no table row) saying what the band between the old and the new value now
    gets, for a band given another action (`BandRule.action`): `with_band_clause`, the band
    as the prompt opens its sentence with it (`band_span`); with `amounts`, for a band given
    an amount too (`with_band_amount`, the band as the prompt states it, `stated_band`).
    The sentences written, too."""
    written: list[str] = []
    for rule in band_rules:
        if not rule.action and not amounts:
            continue
        span = band_span(rule.sentence, rule.move)
        if span is None and not rule.action:
            span = stated_band(rule.sentence, rule.move)
        if span is None:
            # the band's own sentence, a plain statement of what it costs ("Children aged 5 to
            # 11 need a child pass, which costs £6."): said after the first sentence moved
            if not rule.action and (said := _with_band_sentence(rule, old_body, new_body)):
                new_body = said
                written.append(rule.sentence)
            continue
        for unit in units(new_body):
            text = unit.raw
            if text in old_body or text.lstrip().startswith("|") or span in text:
                continue
            said = (
                with_band_clause(text, rule.move, span, rule.amount)
                if rule.action
                else with_band_amount(text, rule.move, span, rule.amount)
            )
            if said is not None and said != text:
                new_body = new_body.replace(text, said, 1)
                written.append(said)
    return new_body, written


_NOT_PLAIN = re.compile(
    r"`|\b(?:tell|ask|call|offer|say|explain|let|check|confirm)\b"
    r"|\b(?:you|your|we|our|us|I)\b"
    r"|\b(?:the\s+)?(?:customer|caller|user|agent|assistant|advis[eo]r|representative|staff"
    r"|team|operator)s?\b",
    re.I,
)
"""What marks a prompt sentence as an instruction to the agent, not a plain statement of a
rule a KB may carry as it is: a tool, an instruction verb, the agent, its staff or the
customer named."""
_LIST_MARK = re.compile(r"^(?P<mark>\s*(?:[-*+]|\d{1,3}[.)])\s+)")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d{1,3}[.)]\s|#|\||>)", re.M)
"""A line that starts a block of its own (a list item, a heading, a table row, a quote)."""


def _states_amount(amount: str, text: str) -> bool:
    """Whether `text` states `amount` as a whole ("£4", not the "£4" of "£40" or "£4.50")."""
    return re.search(rf"(?<![\w.,]){re.escape(amount)}(?!\w|[.,]\d)", text) is not None


def _with_band_sentence(rule: Any, old_body: str, new_body: str) -> str | None:
    """`new_body` with the band's rule sentence (`BandRule.sentence`), when it is a plain
    statement that states its amount, said after the first prose paragraph or list item
    holding a sentence the edit moved to the line's new value: at the paragraph's end, or as
    a list item of its own after the item (a sentence after the moved one stays with it).
    None when there is no such sentence, the body states the amount already, or the item
    goes on past its line."""
    sentence = " ".join(rule.sentence.split())
    amount = rule.amount.split()[0] if rule.amount else ""
    if not amount or not _states_amount(amount, sentence) or _NOT_PLAIN.search(sentence):
        return None
    if _states_amount(amount, new_body) or not sentence.endswith("."):
        return None
    # "From day 8 to day 14 after enrolling, they get half …": the customer said to
    sentence = to_you(sentence)
    for unit in units(new_body):
        text = unit.raw
        if text in old_body or text.lstrip().startswith(("|", "#")):
            continue
        if not where_stated(rule.move.new, text):
            continue
        at = new_body.find(text)
        if at < 0:
            return None
        line_start = new_body.rfind("\n", 0, at) + 1
        line_end = new_body.find("\n", at)
        line_end = len(new_body) if line_end < 0 else line_end
        marked = _LIST_MARK.match(new_body[line_start : at + len(text)])
        if marked is not None:
            # a list item: the band's rule is an item of its own, written as the item is
            next_end = new_body.find("\n", line_end + 1)
            after = new_body[line_end + 1 : len(new_body) if next_end < 0 else next_end]
            if after.strip() and not _BLOCK_START.match(after):
                return None  # the item goes on on the next line: a writer's
            item = new_body[line_start:line_end].rstrip()
            bare = sentence if item.endswith(".") else sentence[:-1]
            end = line_start + len(item)
            return f"{new_body[:end]}\n{marked.group('mark')}{bare}{new_body[end:]}"
        # prose: after the paragraph, whose last sentence may go on with the moved one
        blank = new_body.find("\n\n", at)
        end = len(new_body.rstrip()) if blank < 0 else blank
        if _BLOCK_START.search(new_body, at + len(text), end) is not None:
            return None  # a list or table in the same paragraph: a writer's
        return f"{new_body[:end].rstrip()} {sentence}{new_body[end:]}"
    return None
