"""An action replaced by another for some categories only, the old one kept for the rest in a
sentence of its own: "When a customer reports a fault with their rented fridge, freezer or
washing machine, call `escalate_to` …. Tell them our service team will call them within 2
working days …" became "When a customer reports a fault with their rented fridge or freezer,
book the engineer yourself: call `book_engineer_visit` …. Tell them an engineer is booked to
visit on the next working day." beside "When a customer reports a fault with their rented
washing machine, call `escalate_to` …" and its old "Tell them …", for `appliance in {fridge,
freezer}`.

The two new sentences open alike and differ in the categories they name: what follows their
shared opening, up to the first stop, names them ("fridge or freezer"; "washing machine"). A
KB item naming only the others states what their customers still get (`kept_action_item`):
no conflict. A sentence stating the old told clause (its time) in an item about the changed
categories alone, or naming only them, says the new one in its place; one naming only the
others stays; in an item naming both, or neither, the sentence says which categories get which
(`category_action_edit`): a list naming both is narrowed to the others and the new told clause
follows for the changed ones, a sentence naming none says both, each for its own categories. A
list item keeps its marker byte for byte. A sentence none of this can say leaves the item to
the general writers.

Pure text helpers: `impact` drops the kept items' conflicts, the template drafter writes the
edit. Matching is on the prompt's own words and the sentences' structure: no word of any
domain is known."""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.detect.quantities import find_quantities, same_amount
from behaviordiff.drafting.categories import category_pattern
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import told_clause, told_statement
from behaviordiff.drafting.text import Keep, Unit, rewrite_units

_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
_STOP = re.compile(r"[,.;:!?()`\"]")
_MAX_WORDS = 6
_MAX_NAMED = 12
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_SPLIT_NAMES = re.compile(r"\s*,\s*(?:(?:or|and)\s+)?|\s+(?:or|and)\s+", re.I)
_LIST_GAP = re.compile(r"(?:\s*,\s*(?:(?:or|and)\s+)?|\s+(?:or|and)\s+)")
_CLAUSE_BREAK = re.compile(r",\s+(?:and|so|then)\s+|;\s+|,\s+(?=(?:our|we|we'll|you|your)\b)", re.I)


@dataclass(frozen=True)
class CategoryAction:
    """An action replaced for some categories (see the module docstring)."""

    changed: str
    """The changed categories as the new sentence names them ("fridge or freezer")."""
    others: str
    """The other categories as the sentence keeping the old action names them ("washing
    machine")."""
    values: tuple[str, ...]
    """The condition's values ("freezer", "fridge")."""
    told: str
    """What the changed categories' customers are now told, to them ("An engineer is booked
    to visit on the next working day.")."""
    kept_told: str
    """What the others are still told ("Our service team will call you within 2 working days
    to arrange an engineer.")."""
    rule: str
    """The changed prompt sentence."""

    def other_names(self) -> list[str]:
        return [name for name in _SPLIT_NAMES.split(self.others) if name.strip()]


def _opening(first: str, second: str) -> int:
    """How many leading words two sentences share."""
    a, b = _WORD.findall(first), _WORD.findall(second)
    shared = 0
    for left, right in zip(a, b, strict=False):
        if left.lower() != right.lower():
            break
        shared += 1
    return shared


def _named_after(sentence: str, words: int) -> str:
    """The words of `sentence` after its first `words` words, up to its first stop."""
    tokens = _WORD.findall(sentence)[words:]
    said: list[str] = []
    for token in tokens:
        if _STOP.fullmatch(token):
            break
        said.append(token)
    return " ".join(said)


def _told_after(facts: ChangeFacts, rule: str) -> str | None:
    """What the prompt tells the customer with `rule`: its own "and tell them …", else the
    sentence after it in its section."""
    said = told_clause(rule)
    if said is not None:
        return said
    after = [
        lines[at + 1]
        for lines in facts.prompt_sections.values()
        for at, line in enumerate(lines[:-1])
        if line == rule
    ] + list(facts.next_steps.get(rule, ()))
    return next((s for text in after[:1] if (s := told_statement(text))), None)


def _names(value: str, text: str) -> bool:
    return category_pattern(value).search(text) is not None


def category_action(facts: ChangeFacts) -> CategoryAction | None:
    """The action replaced for some categories (`CategoryAction`): one category atom in the
    condition, one tool called before and another after, a changed prompt sentence calling
    the new tool where it called the old one and an added one calling the old tool for other
    categories, each with what the customer is told. None for any other change."""
    condition = facts.condition
    atoms = condition.atoms if condition else ()
    chosen = [atom for atom in atoms if atom.op in ("=", "in")]
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    if not facts.restricted or len(chosen) != 1 or len(before) != 1 or len(after) != 1:
        return None
    if before == after:
        return None
    old_mark, new_mark = f"`{next(iter(before))}`", f"`{next(iter(after))}`"
    changed = [
        rule
        for rule in facts.rules
        if rule.kind == "sentence_changed"
        and rule.old
        and rule.new
        and old_mark in rule.old
        and new_mark in rule.new
        and old_mark not in rule.new
    ]
    kept = [
        rule
        for rule in facts.rules
        if rule.kind == "sentence_added" and rule.new and old_mark in rule.new
    ]
    if len(changed) != 1 or len(kept) != 1:
        return None
    new_rule, kept_rule = str(changed[0].new), str(kept[0].new)
    value = chosen[0].value
    values = tuple(str(v) for v in (value if isinstance(value, tuple) else (value,)))
    shared = _opening(new_rule, kept_rule)
    named, others = _named_after(new_rule, shared), _named_after(kept_rule, shared)
    if not named or not others or max(len(named.split()), len(others.split())) > _MAX_WORDS:
        return None
    if not any(_names(v, named) for v in values) or any(_names(v, others) for v in values):
        return None
    told, kept_told = _told_after(facts, new_rule), _told_after(facts, kept_rule)
    if told is None or kept_told is None or told == kept_told:
        return None
    return CategoryAction(named, others, values, told, kept_told, new_rule)


def _names_changed(action: CategoryAction, text: str) -> bool:
    return any(_names(value, text) for value in action.values)


def _names_others(action: CategoryAction, text: str) -> bool:
    return any(_names(name, text) for name in action.other_names())


def kept_action_item(facts: ChangeFacts, title: str, text: str) -> bool:
    """Whether a KB item names only the categories that keep the old action (its title or its
    text), never a changed one: what those customers still get."""
    action = category_action(facts)
    if action is None:
        return False
    said = f"{title}\n{text}"
    return _names_others(action, said) and not _names_changed(action, said)


def _with_article(name: str) -> str:
    """A name with its article ("a fridge or freezer", "an oven"); a plural or a determined
    name as it is."""
    first = name.split(" ", 1)[0].lower()
    if first in {"a", "an", "the", "your", "our", "their"} or re.search(r"[a-rt-z]s$", first):
        return name
    return f"{'an' if first[:1] in 'aeiou' else 'a'} {name}"


_LOWER_LEAD = frozenset({"a", "an", "the", "our", "your", "we", "we'll", "you", "they", "it"})


def _lower_first(text: str) -> str:
    """A sentence's first word in lower case where it can go inside another sentence ("Our
    service team" → "our service team"); a name keeps its capital."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _LOWER_LEAD else text


def _told_span(action: CategoryAction, body: str) -> tuple[int, int] | None:
    """The clause of `body` stating the old told clause: from the clause break before the
    old time it states to the end of the sentence."""
    old_times = find_quantities(action.kept_told)
    if not old_times:
        return None
    times = [q for q in find_quantities(body) if any(same_amount(q, o) for o in old_times)]
    if len(times) != 1:
        return None
    at = times[0].start
    start = 0
    for found in _CLAUSE_BREAK.finditer(body, 0, at):
        start = found.end()
    return start, len(body)


def _list_span(action: CategoryAction, body: str) -> tuple[int, int] | None:
    """The span of a list in `body` naming both the changed and the other categories
    ("fridge, freezer or washing machine")."""
    names = [*action.values, *action.other_names()]
    spans = sorted({m.span() for name in names for m in category_pattern(name).finditer(body)})
    if len(spans) > _MAX_NAMED:
        return None  # no list a sentence would say
    best: tuple[int, int] | None = None
    run: list[tuple[int, int]] = []
    for span in spans:
        if run and not _LIST_GAP.fullmatch(body[run[-1][1] : span[0]]):
            run = []
        if run and span[0] < run[-1][1]:
            continue
        run.append(span)
        piece = body[run[0][0] : run[-1][1]]
        if len(run) > 1 and _names_changed(action, piece) and _names_others(action, piece):
            best = (run[0][0], run[-1][1])
    if best is None:
        return None
    # the words the new sentence puts before its first category ("broken" in "broken
    # streetlight or pothole") belong to the list when the KB says them there too
    first = min(
        (m for value in action.values if (m := category_pattern(value).search(action.changed))),
        key=lambda m: m.start(),
        default=None,
    )
    lead = action.changed[: first.start()] if first is not None else ""
    start = best[0]
    if lead.strip() and body[:start].lower().endswith(lead.lower()):
        start -= len(lead)
    return start, best[1]


def category_action_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item with the new told clause said for the changed categories where it states the
    old one (see the module docstring); None for any other change or item."""
    action = category_action(facts)
    if action is None or not impact.conflicts:
        return None
    item = impact.item
    whole = f"{item.title}\n{item.body}"
    alone = _names_changed(action, whole) and not _names_others(action, whole)
    conflicting = {conflict.sentence for conflict in impact.conflicts}
    told = action.told.rstrip(".!")
    mine, theirs = _with_article(action.changed), _with_article(action.others)

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in conflicting:
            return Keep.UNIT
        raw = " ".join(unit.raw.split()) if "\n" in unit.raw else unit.raw.rstrip()
        if raw.lstrip().startswith(("#", "|")):
            return Keep.BLOCK
        marker = _LIST_MARK.match(raw)
        lead = marker.group(0) if marker else ""
        body = raw[len(lead) :]
        stop = body[-1] if body[-1:] in ".!" else ""
        body = body[: len(body) - len(stop)]
        span = _told_span(action, body)
        if span is None:
            return Keep.BLOCK
        start, end = span
        tail = unit.raw[len(unit.raw.rstrip()) :]
        if names_others := _names_others(action, body):
            if not _names_changed(action, body):
                return Keep.UNIT  # what the others still get
        elif alone or _names_changed(action, body):
            said = told if start == 0 else _lower_first(told)
            return f"{lead}{body[:start]}{said}{body[end:]}{stop or '.'}{tail}"
        listed = _list_span(action, body)
        if listed is not None and listed[1] <= start:
            narrowed = body[: listed[0]] + action.others + body[listed[1] :]
            return f"{lead}{narrowed}{stop or '.'} For {mine}, {_lower_first(told)}.{tail}"
        if start == 0 and not names_others and not _names_changed(action, body):
            return (
                f"{lead}For {mine}, {_lower_first(told)}. "
                f"For {theirs}, {_lower_first(body)}{stop or '.'}{tail}"
            )
        return Keep.BLOCK

    new_body = rewrite_units(item.body, item.body_format, rewrite)
    rule = f"“{' '.join(action.rule.split())}”"
    if new_body is None:
        return None  # a sentence this cannot say: the general writers' item
    return new_body, (
        f"The new prompt says {rule} ({action.told}) and keeps the old handling for "
        f"{action.others} ({action.kept_told}). This {item.kind} stated the old handling for "
        + (
            f"{action.changed}: the edit says the new one in its place"
            if alone
            else "every category: the edit says which categories get which"
        )
        + " and keeps everything else."
    )
