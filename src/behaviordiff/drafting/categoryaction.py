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
(`category_action_edit`): a list naming both that only the condition names ("When you report
X, Y or Z, …") is narrowed to the others and the new told clause follows for the changed ones;
a list the sentence goes on about ("…, tell us online, and …") stays, and each told clause
follows for its own categories, as for a sentence naming none. A list item keeps its marker
byte for byte. A sentence none of this can say (a question, a list's opening, words after the
old time that the new told clause would drop) flags the item for a writer: the general writers
would give every category the new told clause.

Pure text helpers: `impact` drops the kept items' conflicts, the template drafter writes the
edit. Matching is on the prompt's own words and the sentences' structure: no word of any
domain is known."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from behaviordiff.detect.model import rule_atoms
from behaviordiff.detect.quantities import Quantity, find_quantities, same_amount
from behaviordiff.drafting.categories import category_pattern
from behaviordiff.drafting.categoryroute import split_rules
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import told_clause, told_statement
from behaviordiff.drafting.text import ITEM_LEAD, Unit, rewrite_conflicting, still_saying

_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
_STOP = re.compile(r"[,.;:!?()`\"]")
_MAX_WORDS = 6
_MAX_NAMED = 12
_SPLIT_NAMES = re.compile(r"\s*,\s*(?:(?:or|and)\s+)?|\s+(?:or|and)\s+", re.I)
_LIST_GAP = re.compile(r"(?:\s*,\s*(?:(?:or|and)\s+)?|\s+(?:or|and)\s+)")
_CLAUSE_BREAK = re.compile(r",\s+(?:and|so|then)\s+|;\s+|,\s+(?=(?:our|we|we'll|you|your)\b)", re.I)
_JOINED = re.compile(r",\s+and\s+|;\s+", re.I)
"""A clause break after which an independent clause follows (", and our team …")."""
_CONDITION = re.compile(r"(?:when|whenever|if|once|after)\s[^,;:]*$", re.I)
"""A sentence's head that is only its condition ("When you report "), up to a list."""
_GAP = re.compile(r"\s*,?\s*")
_MAX_BODY = 600


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


_last: list[tuple[ChangeFacts, CategoryAction | None]] = []


def category_action(facts: ChangeFacts) -> CategoryAction | None:
    """`_category_action`, read once for the facts in hand (`rank_items` asks once an item)."""
    for seen, action in _last[-1:]:  # a copy: another thread may replace it
        if seen is facts:
            return action
    action = _category_action(facts)
    _last[:] = [(facts, action)]
    return action


def _category_action(facts: ChangeFacts) -> CategoryAction | None:
    """The action replaced for some categories (`CategoryAction`): one category atom in the
    condition, one tool called before and another after, a changed prompt sentence calling
    the new tool where it called the old one and an added one calling the old tool for other
    categories, each with what the customer is told. None for any other change."""
    condition = facts.condition
    atoms = rule_atoms(condition) if condition else ()
    chosen = [atom for atom in atoms if atom.op in ("=", "in")]
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    if not facts.restricted or len(chosen) != 1 or len(before) != 1 or len(after) != 1:
        return None
    if before == after:
        return None
    old_mark, new_mark = f"`{next(iter(before))}`", f"`{next(iter(after))}`"
    split = split_rules(facts, old_mark, new_mark)
    if split is None:
        return None
    new_rule, kept_rule = str(split[0].new), str(split[1].new)
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


def _told_span(action: CategoryAction, body: str) -> tuple[int, int, int] | None:
    """The clause of `body` stating the old told clause: from the clause break before the
    old time it states (where the break starts, where the clause starts) to the end of the
    sentence."""
    old_times = find_quantities(action.kept_told)
    if not old_times:
        return None
    times = [q for q in find_quantities(body) if any(same_amount(q, o) for o in old_times)]
    if len(times) != 1:
        return None
    at = times[0].start
    cut = start = 0
    for found in _CLAUSE_BREAK.finditer(body, 0, at):
        cut, start = found.start(), found.end()
    return cut, start, len(body)


def _own_words_after(action: CategoryAction, clause: str) -> bool:
    """Whether nothing but the old told clause's own words follow the old time in `clause`:
    anything else ("…, so please keep your phone on") would go with it."""
    old_times = find_quantities(action.kept_told)
    times = [q for q in find_quantities(clause) if any(same_amount(q, o) for o in old_times)]
    own = {word.lower() for word in _WORD.findall(action.kept_told)}
    return len(times) == 1 and all(
        word.lower() in own for word in _WORD.findall(clause[times[0].end :])
    )


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

    def said(unit: Unit, kept: str) -> str | None:
        raw = " ".join(kept.split()) if "\n" in kept else kept
        if raw.lstrip().startswith(("#", "|")) or len(raw) > _MAX_BODY:
            return None
        marker = ITEM_LEAD.match(raw)
        lead = marker.group(0) if marker else ""
        body = raw[len(lead) :]
        stop = body[-1:] if body[-1:] in ".!?:" else ""
        if stop in ("?", ":"):
            return None  # a question or a list's opening: no told clause goes in its place
        body = body[: len(body) - len(stop)]
        span = _told_span(action, body)
        if span is None:
            return None
        cut, start, end = span
        stop = stop or "."
        if names_others := _names_others(action, body):
            if not _names_changed(action, body):
                return kept  # what the others still get
        elif alone or _names_changed(action, body):
            if not _own_words_after(action, body[start:end]):
                return None
            said = told if start == 0 else _lower_first(told)
            return f"{lead}{body[:start]}{said}{body[end:]}{stop}"
        listed = _list_span(action, body)
        if listed is not None and listed[1] <= start:
            head = body[: listed[0]]
            if _CONDITION.fullmatch(head) and _GAP.fullmatch(body[listed[1] : cut]):
                # only the condition names the list: the others keep the sentence
                narrowed = head + action.others + body[listed[1] :]
                return f"{lead}{narrowed}{stop} For {mine}, {_lower_first(told)}."
            if start and _JOINED.fullmatch(body[cut:start]):
                # the list goes on with other words: they stay for every category, and the
                # told clause is said for each
                return (
                    f"{lead}{body[:cut]}. For {theirs}, {body[start:end]}{stop} "
                    f"For {mine}, {_lower_first(told)}."
                )
            return None
        if start == 0 and not names_others and not _names_changed(action, body):
            return (
                f"{lead}For {mine}, {_lower_first(told)}. For {theirs}, {_lower_first(body)}{stop}"
            )
        return None

    refused: list[str] = []

    def rewrite(unit: Unit, kept: str) -> str | None:
        written = said(unit, kept)
        if written is None:
            refused.append(unit.text)
        return written

    new_body = rewrite_conflicting(item.body, item.body_format, conflicting, rewrite)
    rule = f"“{' '.join(action.rule.split())}”"
    if refused:
        # the general writers would give the new told clause to every category
        return None, (
            f"No safe rewrite: the new prompt says {rule} ({action.told}) and keeps the old "
            f"handling for {action.others} ({action.kept_told}); “{refused[0]}” cannot be "
            "said for each by rule: say which categories get which by hand."
        )
    if new_body is None:
        return None  # nothing to change
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


def category_action_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of an action replaced for some categories: which
    categories get which told clause, as the template's edit says them."""
    action = category_action(facts)
    if action is None:
        return None
    return (
        f"the action is replaced only for {action.changed}: their customers are now told "
        f"“{action.told}”; {action.others} keep the old handling, and their customers are "
        f"still told “{action.kept_told}”: a sentence about {action.changed} alone says the new "
        f"told clause in place of the old one, a sentence about {action.others} alone stays, "
        "and a sentence about every category keeps what still holds for all of them and says "
        f"each told clause for its own categories (“For {_with_article(action.others)}, …. "
        f"For {_with_article(action.changed)}, ….”), never one for both"
    )


def told_for_wrong_categories(
    facts: ChangeFacts,
    conflicts: Collection[str],
    old_body: str,
    new_body: str,
    body_format: str,
) -> list[str]:
    """The sentences of an edited body that give the categories keeping the old action the
    new told clause's time alone, or the changed categories the old one's alone."""
    action = category_action(facts)
    if action is None:
        return []
    new_times, old_times = find_quantities(action.told), find_quantities(action.kept_told)

    def says(times: list[Quantity], text: str) -> bool:
        return any(same_amount(q, t) for q in find_quantities(text) for t in times)

    def wrong(unit: Unit) -> bool:
        text = unit.text[:_MAX_BODY]
        new, old = says(new_times, text), says(old_times, text)
        return (new and not old and _names_others(action, text)) or (
            old and not new and _names_changed(action, text)
        )

    return still_saying(wrong, conflicts, old_body, new_body, body_format)
