"""An action once for one category of customer, now for everyone: the old prompt kept it for
the category ("Replacement parts are for Club members only.") and told the others an old way
("If the customer is not a member, …: point them to the publisher's parts service"); the new
prompt gives it to every customer ("Replacement parts are free for every customer, member or
not."). KB sentences restricting the action to the category ("Yes, for Club members only.",
"…, for members only, so we can't send them ourselves.") now say it is for everyone, the ones
telling the others the old way ("Not a member? The publisher's parts service can help.") go,
and a table row giving the others another cell than the category's gets the category's cell.
The category's other perks ("Pre-orders open early for members only") stay.

Pure text helpers: `facts.build_facts` adds the widening sentence no change was attributed
(`widened_rules`), `impact` marks the sentences (`widened_conflicts`), the template drafter
rewrites them (`widened_edit`), and a drafting model's edit still restricting the action is
refused (`still_restricted`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import restated_rule
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    heading_above,
    plain_text,
    quoted,
    rewrite_units,
    row_cells,
    terms,
    units,
)
from behaviordiff.drafting.widening import (
    FOR_EVERYONE,
    category_words,
    restricts,
    widens,
    word_pattern,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule


WIDENED_REASON = "keeps for one category of customer an action the new prompt gives everyone"
OLD_WAY_REASON = "tells the customers the action was not for the old way they had instead"
ROW_REASON = "gives the other customers another cell than the category's for the action"

_DENIAL = re.compile(
    r"\b(?:can'?t|cannot|can not|won'?t|will not|don'?t|do not|aren'?t able|are not able|"
    r"unable)\b",
    re.I,
)
_IF_YOU = r"^(?P<lead>if\s+you(?:'re|\u2019re|\s+are)\s+(?:an?\s+)?(?:[\w'&-]+\s+){0,2}?)"
_SUBJECT = re.compile(r"^(?P<subject>.+?)\s+(?:is|are)\b", re.I)
_OTHERS_HEAD = re.compile(
    r"^\s*(?:everyone|everybody|anyone)\s+else\b|^\s*non-?\w+|^\s*others?\b|^\s*other\s+\w+",
    re.I,
)


@dataclass(frozen=True)
class WidenedAction:
    """An action the old prompt kept for one category and the new one gives everyone."""

    category: tuple[str, ...]
    """Stems naming the category ("member")."""
    subject: frozenset[str]
    """Stems of what is given ("replacement", "part")."""
    everyone: str
    """How the new prompt says it is for everyone ("for every customer, member or not")."""
    said: str
    """The new prompt's sentence giving it to everyone, as a KB sentence can say it."""
    told: str | None
    """What the customers are told now, in the KB's voice ("the pieces are free and will
    arrive within 5 working days"), or None."""
    old_way: frozenset[str]
    """Stems the old prompt's sentence for the others said and the new prompt does not
    ("publisher", "service", "form"): a KB sentence saying two of them tells the old way."""
    rule: Rule


def _stems(text: str) -> set[str]:
    """A text's stems, a possessive's mark dropped ("the publisher's" says "publisher")."""
    return {word.rstrip("'\u2019") for word in terms(text)} - {""}


def _told(facts: ChangeFacts, section: str | None) -> str | None:

    tools = {action.name for action in facts.after_actions}
    for rule in facts.rules:
        if not rule.new or rule.section != section or not any(t in rule.new for t in tools):
            continue
        _, told = restated_rule(rule.new)
        if told:
            return told[0]
    return None


def widened_action(facts: ChangeFacts) -> WidenedAction | None:
    """The action a change widens to everyone, or None for any other change."""
    category = category_words(facts.conditions)
    if not category or not facts.after_actions:
        return None
    for rule in facts.rules:
        if not rule.old or not rule.new or not widens(rule.old, rule.new, category):
            continue
        subject = _SUBJECT.match(" ".join(rule.old.split()))
        stems = frozenset(terms(subject["subject"])) - set(category) if subject else frozenset()
        if not stems:
            continue
        said = " ".join(rule.new.split())
        scope = FOR_EVERYONE.search(said)
        everyone = scope.group(0) if scope else "for everyone"
        new_words = {w for r in facts.rules if r.new for w in _stems(r.new)}
        old_way: set[str] = set()
        for other in facts.rules:
            if (
                other.kind == "sentence_removed"
                and other.old
                and other.section == rule.section
                and any(re.search(rf"\b{word_pattern(stem)}", other.old, re.I) for stem in category)
            ):
                old_way |= _stems(re.sub(r"`[^`]*`", " ", other.old))
        old_way -= new_words | stems | set(category)
        old_way -= _stems("customer explain tell point them us our we")
        return WidenedAction(
            category,
            stems,
            everyone,
            said,
            _told(facts, rule.section),
            frozenset(old_way),
            rule,
        )
    return None


def _about(action: WidenedAction, text: str) -> bool:
    """Whether a text names what is given; a stem and its word's inflection are the same
    ("puncture" and "punctur" of "punctures")."""
    said = _stems(text)
    return any(
        word == stem
        or (
            (min(len(word), len(stem)) >= 4 and abs(len(word) - len(stem)) <= 2)
            and (word.startswith(stem) or stem.startswith(word))
        )
        for stem in action.subject
        for word in said
    )


def _if_category(action: WidenedAction, text: str) -> re.Match[str] | None:
    """The lead of a sentence giving the action to the category alone: "If you're a member, "."""
    for stem in action.category:
        found = re.match(rf"{_IF_YOU}{word_pattern(stem)}\s*,\s*", text, re.I)
        if found is not None:
            return found
    return None


def _tells_old_way(action: WidenedAction, text: str) -> bool:
    return len(action.old_way & _stems(text)) >= 2


def _names_others(action: WidenedAction, text: str) -> bool:
    """A short question to the others: "Not a member?", "Aren't a member yet?"."""
    return text.endswith("?") and any(
        re.search(
            rf"\b(?:not|n't|non-?)\s*(?:an?\s+)?(?:[\w-]+\s+){{0,2}}?{word_pattern(stem)}",
            text,
            re.I,
        )
        for stem in action.category
    )


def _table(item_units: Sequence[Unit], index: int) -> tuple[list[str], int] | None:
    """The header cells of the table a row is in, with the row's cells."""
    start = index
    while start > 0 and item_units[start - 1].text.startswith("|"):
        start -= 1
    if start == index:
        return None
    return row_cells(item_units[start].text), start


def _columns(action: WidenedAction, header: Sequence[str]) -> tuple[int, int] | None:
    """(the category's column, the others' column) of a table header."""
    named = [
        at
        for at, cell in enumerate(header)
        if any(re.search(rf"\b{word_pattern(stem)}", cell, re.I) for stem in action.category)
        and not _OTHERS_HEAD.match(cell)
    ]
    others = [at for at, cell in enumerate(header) if _OTHERS_HEAD.match(cell)]
    if len(named) != 1 or len(others) != 1:
        return None
    return named[0], others[0]


def widened_row(action: WidenedAction, raw: str, header: Sequence[str]) -> str | None:
    """A row about the action with the others' cell made the category's one; None when the
    row is not about it, its cells are the same, or the columns cannot be told."""
    columns = _columns(action, header)
    cells = row_cells(raw)
    if columns is None or len(cells) != len(header) or not _about(action, cells[0]):
        return None
    named, others = columns
    if cells[named] == cells[others]:
        return None
    parts = raw.rstrip().split("|")
    # parts[0] is what precedes the first pipe; a cell at `at` is parts[at + 1]
    parts[others + 1] = re.sub(r"\S.*\S|\S", lambda _: cells[named], parts[others + 1])
    return "|".join(parts) + raw[len(raw.rstrip()) :]


def widened_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Any], make: Callable[..., Any]
) -> list[Any]:
    """For an action widened to everyone (`widened_action`), the units keeping it for the
    category, telling the others the old way, and the table rows giving the others another
    cell, in place of `found` (`make` builds a conflict from index, text and reasons)."""
    action = widened_action(facts)
    if action is None:
        return found
    marked: list[Any] = []
    for index, unit in enumerate(item_units):
        text = unit.text
        if text.startswith("#"):
            continue
        if text.startswith("|"):
            table = _table(item_units, index)
            if table is not None and widened_row(action, text, table[0]) is not None:
                marked.append(make(index, text, (ROW_REASON,)))
            continue
        context = f"{text} {heading_above(item_units, index)}"
        restricting = restricts(text, action.category) or _if_category(action, text)
        if restricting and _about(action, context):
            marked.append(make(index, text, (WIDENED_REASON,)))
        elif _tells_old_way(action, text) or (
            _names_others(action, text)
            and index + 1 < len(item_units)
            and _tells_old_way(action, item_units[index + 1].text)
        ):
            marked.append(make(index, text, (OLD_WAY_REASON,)))
    return marked


def restated(action: WidenedAction, raw: str) -> str | None:
    """A sentence keeping the action for the category, saying it is for everyone: the
    restriction becomes the new prompt's words ("Yes, for Club members only." → "Yes, for
    every customer, member or not."); a sentence also denying it to the others ("…, for
    members only, so we can't send them ourselves.") becomes the new prompt's sentence with
    what customers are told. None when neither can be said."""
    body = raw.rstrip()
    tail = raw[len(body) :]
    lead = _if_category(action, body)
    if lead is not None:
        # "If you're a member, we'll send …" → "We'll send …"
        rest = body[lead.end() :]
        return rest[:1].upper() + rest[1:] + tail if rest else None
    if _DENIAL.search(body.replace("’", "'")):
        if action.told is None or "`" in action.said:
            # nothing customers are told, or a sentence naming a tool: a writer's
            return None
        said = action.said.rstrip(".")
        return f"{said}: {action.told}." + tail
    for stem in action.category:
        word = word_pattern(stem)
        new = re.sub(
            rf"\b(?:for|to)\s+(?:[\w'&-]+\s+){{0,3}}?{word}\s+only\b|\bonly\s+(?:for|to)\s+"
            rf"(?:[\w'&-]+\s+){{0,3}}?{word}\b",
            action.everyone,
            body,
            count=1,
            flags=re.I,
        )
        if new != body:
            return new + tail
    return None


def still_restricted(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still keep the widened action for the category
    or tell the others the old way: what no drafter's edit may keep."""
    action = widened_action(facts)
    if action is None:
        return []
    found = units(plain_text(body, body_format))
    return [
        unit.text
        for index, unit in enumerate(found)
        if not unit.text.startswith(("#", "|"))
        and (
            (
                (restricts(unit.text, action.category) or _if_category(action, unit.text))
                and _about(action, f"{unit.text} {heading_above(found, index)}")
            )
            or _tells_old_way(action, unit.text)
        )
    ]


def widened_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item's body for an action widened to everyone: each sentence keeping it for the
    category says it is for everyone (`restated`), each telling the others the old way goes,
    each table row gives the others the category's cell (`widened_row`), every other byte
    kept. (None, why) when a sentence cannot be said (a writer's), None when the change
    widens nothing or the item has no such sentence."""
    action = widened_action(facts)
    if action is None:
        return None
    reasons = {c.sentence: c.reasons for c in impact.conflicts}
    restricting = {s for s, r in reasons.items() if WIDENED_REASON in r}
    old_way = {s for s, r in reasons.items() if OLD_WAY_REASON in r}
    rows: dict[str, list[str]] = {}
    for index, unit in enumerate(impact.units):
        if ROW_REASON in reasons.get(unit.text, ()):
            table = _table(impact.units, index)
            if table is not None:
                rows[unit.text] = table[0]
    if not (restricting or old_way or rows):
        return None
    noun = impact.item.kind
    unsaid: list[str] = []

    def pick(unit: Unit) -> str | Keep:
        if unit.text in rows:
            said = widened_row(action, unit.raw, rows[unit.text])
        elif unit.text in restricting:
            said = restated(action, unit.raw)
        elif unit.text in old_way:
            return ""
        else:
            return Keep.UNIT
        if said is None:
            unsaid.append(unit.text)
            return Keep.BLOCK
        return said

    new_body = rewrite_units(impact.item.body, impact.item.body_format, pick)
    widened = "The new prompt gives everyone what it kept for one category: it said " + (
        f"{quoted(str(action.rule.old))} and now says {quoted(action.said)}"
    )
    if new_body is None:
        if unsaid:
            return None, (
                f"Flagged for review: {widened} This {noun} still keeps it for the category in "
                + ", ".join(quoted(s) for s in unsaid)
                + ", which no rewrite can say for everyone in its words: a writer should."
            )
        return None
    parts = []
    if restricting:
        parts.append("says it is for everyone where it kept it for the category")
    if old_way:
        parts.append("drops what it told the other customers to do instead")
    if rows:
        parts.append("gives the other customers the category's line in the table")
    rationale = (
        f"{widened} The edit "
        + ", ".join(parts)
        + f", in the {noun}'s own words, and keeps everything else."
    )
    return new_body, rationale
