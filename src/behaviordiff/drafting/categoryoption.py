"""One of two options withdrawn for one category, the other kept: "Windscreen replacements: the
customer pays by card or in cash to the technician on the day." became "Windscreen
replacements: card only. …", the call recording the withdrawn option (`set_payment_method`
with method cash) gone for the change's conversations, the condition naming the category
(`service_type = windscreen_replacement`), and the other categories' lines keeping both.

KB text offering both options is wrong for that category only:

* a table row keyed by the category ("| Windscreen replacement | From £180 | Card or cash on
  the day |") says the kept option only in its cell ("Card only on the day"); the other
  categories' rows stay;
* a sentence naming no category and offering both ("You can pay by card or in cash to the
  technician on the day, whichever suits you; …") keeps them for the others and says the
  category's exception in the same clause ("…, except for windscreen replacements, which are
  card only; …"); its claim of a free choice (", whichever suits you") goes.

A sentence naming another category, or the category alone with one option, is left. Pure text
helpers: `impact` marks the units (`category_option_conflicts`), the template drafter writes
the edit (`category_option_edit`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.caselabels import category_values
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.dropped import singular, stems
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, row_cells, units

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts
    from behaviordiff.drafting.impactview import ImpactView

OPTION_REASON = "offers an option the new prompt withdraws for this category"
_MAX = 2000
_WORD = r"[A-Za-z]{3,20}"
_PAIR = re.compile(
    rf"\b(?:by\s+|in\s+|with\s+)?(?P<one>{_WORD})\s+or\s+(?:by\s+|in\s+|with\s+)?(?P<two>{_WORD})\b",
    re.I,
)
"""Two options offered together ("by card or in cash", "card or cash"). Bounded, linear."""
_LABEL = re.compile(r"^\s*(?:[-*+]\s+)?(?P<label>[A-Za-z][^:;.!?`]{1,60}):\s+(?=\S)")
"""A labelled line's label ("Windscreen replacements: …")."""
_CHOICE = re.compile(
    r",?\s*\b(?:whichever|whatever)\s+(?:suits\s+you(?:\s+best)?|you\s+(?:prefer|like|choose))\b",
    re.I,
)
"""A claim that the customer picks freely between the options (", whichever suits you")."""
_CLAUSE_END = re.compile(r"[;:.!?](?=\s|$)|\s[—–]\s")


@dataclass(frozen=True)
class CategoryOption:
    """An option withdrawn for one category."""

    option: str
    """The withdrawn option as the old prompt says it ("cash")."""
    kept: str
    """The option the category keeps ("card")."""
    category: str
    """The category as the prompt's label says it, lower case ("windscreen replacements")."""
    words: frozenset[str]
    """The category's words, singular ("windscreen", "replacement")."""
    rule: str
    """The new prompt's line for the category."""

    @property
    def plural(self) -> bool:
        return self.category.endswith("s")


def _category_value(facts: ChangeFacts) -> str | None:
    """The one categorical value the change's first condition is limited to."""
    values = [value for _, value in category_values(facts.conditions)]
    return values[0] if len(values) == 1 else None


@once_per_change
def category_option(facts: ChangeFacts) -> CategoryOption | None:
    """The option withdrawn for the condition's category, when a changed prompt line labelled
    by the category offered two options ("by card or in cash") and its new line names only one
    of them, the other being the value of an argument of a call the change's conversations no
    longer get (`method` cash); None otherwise."""
    value = _category_value(facts)
    if value is None:
        return None
    words = frozenset(singular(word) for word in re.split(r"[\W_]+", value.lower()) if word)
    gone = {
        singular(str(argument).lower())
        for action in facts.before_actions
        if action not in facts.after_actions
        for _, argument in action.arguments
    }
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old, new = rule.old[:_MAX], rule.new[:_MAX]
        label = _LABEL.match(old)
        if label is None or not words <= stems(label["label"]):
            continue
        new_label = _LABEL.match(new)
        if new_label is None or stems(new_label["label"]) != stems(label["label"]):
            continue
        for pair in _PAIR.finditer(old[label.end() :]):
            one, two = pair["one"], pair["two"]
            said = stems(new)
            for option, kept in ((two, one), (one, two)):
                if (
                    singular(option.lower()) in gone
                    and singular(kept.lower()) in said
                    and singular(option.lower()) not in stems(new[new_label.end() :].split(".")[0])
                ):
                    return CategoryOption(
                        option.lower(),
                        kept.lower(),
                        label["label"].strip().lower(),
                        words,
                        new.split("\n")[0],
                    )
    return None


def _offers_both(found: CategoryOption, text: str) -> re.Match[str] | None:
    for pair in _PAIR.finditer(text[:_MAX]):
        named = {singular(pair["one"].lower()), singular(pair["two"].lower())}
        if named == {singular(found.option), singular(found.kept)}:
            return pair
    return None


def _marks(found: CategoryOption, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units offering both options that the change makes wrong: "row" for a table row
    keyed by the category, "claim" for a sentence naming no category."""
    marks: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        raw = unit.raw.strip()
        if raw.startswith("#"):
            continue
        if raw.startswith("|"):
            cells = row_cells(raw)
            if (
                len(cells) >= 2
                and found.words <= stems(cells[0])
                and any(_offers_both(found, cell) for cell in cells[1:])
            ):
                marks[index] = "row"
            continue
        if _offers_both(found, unit.text) is None or _LABEL.match(unit.text):
            continue
        if stems(unit.text) & found.words:
            continue  # it names the category (or a word of it): a writer's to read
        marks[index] = "claim"
    return marks


def category_option_conflicts(
    facts: ChangeFacts,
    item_units: list[Unit],
    found: list[Any],
    conflict: Callable[..., Any],
) -> list[Any]:
    """`found` with the units offering both options marked (`_marks`), their other reasons
    kept."""
    option = category_option(facts)
    if option is None:
        return found
    marks = _marks(option, item_units)
    if not marks:
        return found
    by_index = {each.unit_index: each for each in found}
    for index in marks:
        had = by_index[index].reasons if index in by_index else ()
        reason = f"{OPTION_REASON} ({option.category}: {option.kept} only)"
        by_index[index] = conflict(index, item_units[index].text, (*had, reason))
    return [by_index[index] for index in sorted(by_index)]


def _row(found: CategoryOption, raw: str) -> str | None:
    """A row keyed by the category with its cell offering both saying the kept one only."""
    start = raw.index("|")
    head, *cells = raw[start:].split("|")
    for at, cell in enumerate(cells):
        pair = _offers_both(found, cell)
        if pair is None:
            continue
        kept = pair["one"] if singular(pair["one"].lower()) == singular(found.kept) else pair["two"]
        said = f"{kept} only"
        cells[at] = cell[: pair.start()] + said + cell[pair.end() :]
        return raw[:start] + "|".join([head, *cells])
    return None


def _claim(found: CategoryOption, raw: str) -> str | None:
    """A sentence offering both options for everyone, with the category's exception at the end
    of the clause offering them and its free-choice claim gone."""
    text = _CHOICE.sub("", raw)
    pair = _offers_both(found, text)
    if pair is None:
        return None
    end = _CLAUSE_END.search(text, pair.end())
    at = end.start() if end is not None else len(text.rstrip())
    verb = "are" if found.plural else "is"
    aside = f", except for {found.category}, which {verb} {found.kept} only"
    return text[:at].rstrip(" ,") + aside + text[at:]


def category_option_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item's units offering both options said as `_marks` reads them: a row keyed by the
    category with the kept option only, a claim for everyone with the category's exception.
    None when no option is withdrawn for a category or the item offers none."""
    option = category_option(facts)
    if option is None:
        return None
    item = impact.item
    marks = _marks(option, impact.units)
    marked = {impact.units[index].text: kind for index, kind in marks.items()}
    if not marked:
        return None
    failed: list[str] = []

    def rewrite(unit: Unit) -> str | Keep:
        kind = marked.get(unit.text)
        if kind is None:
            return Keep.UNIT
        raw = unit.raw.rstrip()
        said = _row(option, raw) if kind == "row" else _claim(option, raw)
        if said is None:
            failed.append(unit.text)
            return Keep.BLOCK
        return said + unit.raw[len(raw) :]

    new_body = rewrite_units(item.body, item.body_format, rewrite)
    why = f"The new prompt no longer offers {option.option} for {option.category}: “{option.rule}”"
    if new_body is None:
        where = failed[0] if failed else item.title
        return None, f"{why}. Flagged for review: no safe rewrite of “{where}”."
    return new_body, (
        f"{why}; this {item.kind} still offers {option.kept} or {option.option} for them. "
        f"The edit says {option.kept} only for {option.category} and keeps both for the rest "
        "and everything else."
    )


def category_option_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of an option withdrawn for one category: the same fact
    the template's edit rests on."""
    found = category_option(facts)
    if found is None:
        return None
    return (
        f"{found.option} is no longer taken for {found.category}, {found.kept} still is (the "
        f"new prompt: “{found.rule}”); the other categories keep both: a row keyed by "
        f"{found.category} says {found.kept} only, a sentence offering both for everyone says "
        f"the exception for {found.category}, and sentences naming another category stay"
    )


def still_offered_to_category(facts: ChangeFacts, body: str) -> list[str]:
    """The rows of an edited body keyed by the category that still offer both options: what
    no drafter's edit may keep."""
    found = category_option(facts)
    if found is None:
        return []
    body_units = units(body)
    return [
        body_units[index].text for index, kind in _marks(found, body_units).items() if kind == "row"
    ]
