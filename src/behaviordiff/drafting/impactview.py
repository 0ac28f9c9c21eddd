"""What the edit modules below `drafting.impact` read of its `Impact`: Protocols, so that a
module `impact` asks which sentences conflict (`rerouted`, `widened`, `schemacap` …) can also
draft the item's edit without importing `impact` back."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from behaviordiff.drafting.text import (
    Keep,
    Unit,
    edit_body,
    replace_units,
    rewrite_conflicting,
    rewrite_units,
    units,
)
from behaviordiff.kb.model import KnowledgeItem


class Marked(Protocol):
    """A conflicting sentence of an item and why it conflicts (a `drafting.impact.Conflict`)."""

    @property
    def sentence(self) -> str: ...

    @property
    def reasons(self) -> Sequence[str]: ...


class ImpactView(Protocol):
    """An item, its conflicting sentences and all its sentences (a `drafting.impact.Impact`)."""

    @property
    def item(self) -> KnowledgeItem: ...

    @property
    def conflicts(self) -> Sequence[Marked]: ...

    @property
    def units(self) -> Sequence[Unit]: ...


def marked_for(conflicts: Sequence[Marked], reason: str | tuple[str, ...]) -> list[str]:
    """The conflicting sentences marked for `reason` (a reason's words start with it, or with one
    of them)."""
    return [c.sentence for c in conflicts if any(r.startswith(reason) for r in c.reasons)]


def only_marked_for(conflicts: Sequence[Marked], reason: str) -> bool:
    """Whether every conflicting sentence is marked, and for `reason` alone (every reason's
    words start with it): the item is one edit module's to write."""
    return all(c.reasons and all(r.startswith(reason) for r in c.reasons) for c in conflicts)


def marked_with(impact: ImpactView, reasons: Sequence[str]) -> bool:
    """Whether a conflict of the item is marked for one of `reasons` (exactly)."""
    return any(set(reasons) & set(conflict.reasons) for conflict in impact.conflicts)


def rewrite_marked(impact: ImpactView, say: Callable[[str], str | None]) -> str | None:
    """The item's body with each conflicting sentence said as `say` words its raw text, every
    other byte kept (`text.rewrite_conflicting`); None when `say` has no words for one."""
    return rewrite_conflicting(
        impact.item.body,
        impact.item.body_format,
        {c.sentence for c in impact.conflicts},
        lambda _unit, raw: say(raw),
    )


def edit_marked_units(
    item: KnowledgeItem,
    marks: Callable[[Sequence[Unit]], Mapping[int, str]],
    sayer: Callable[[Sequence[Unit]], Callable[[int, str], str | None]],
) -> tuple[str, list[str]]:
    """The item's body with each unit `marks` finds (index -> reason) said as the text's
    `sayer` words it, every other byte kept, and the texts of the marked units it has no words
    for (None). `sayer` is called once per text edited (a body, or an HTML body's block)."""
    failed: list[str] = []

    def edit(text: str) -> str:
        text_units = units(text)
        changes: dict[int, str] = {}
        say = sayer(text_units)
        for index, reason in marks(text_units).items():
            said = say(index, reason)
            if said is None:
                failed.append(text_units[index].text)
            else:
                changes[index] = said
        return replace_units(text, changes, text_units) if changes else text

    return edit_body(item.body, item.body_format, edit), failed


def kept_word_for_word(marked: Sequence[str], new_body: str) -> list[str]:
    """The marked sentences an edited body still says word for word (spacing aside)."""
    flat = " ".join(new_body.split())
    return [sentence for sentence in marked if " ".join(sentence.split()) in flat]


def with_marks(
    found: list[Any],
    marks: Mapping[int, str],
    item_units: Sequence[Unit],
    make: Callable[[int, str, tuple[str, ...]], Any],
) -> list[Any]:
    """`found` (conflicts with a `unit_index` and `reasons`) with each marked unit's reason
    added to its conflict, or a new conflict made for it (`make`), in the item's order;
    `found` itself when nothing is marked."""
    if not marks:
        return found
    by_index = {conflict.unit_index: conflict for conflict in found}
    for index, reason in marks.items():
        by_index[index] = with_reason(by_index, index, item_units[index].text, reason, make)
    return [by_index[index] for index in sorted(by_index)]


def with_marks_alone(
    found: list[Any],
    marks: Mapping[int, str],
    item_units: Sequence[Unit],
    make: Callable[[int, str, tuple[str, ...]], Any],
) -> list[Any]:
    """`found` with each marked unit's conflict made anew (`make`) with its mark alone (its
    other reasons replaced), in the item's order; `found` itself when nothing is marked."""
    if not marks:
        return found
    kept = [each for each in found if each.unit_index not in marks]
    mine = [make(index, item_units[index].text, (reason,)) for index, reason in marks.items()]
    return sorted([*kept, *mine], key=lambda each: each.unit_index)


def with_reason(
    by_index: Mapping[int, Any],
    index: int,
    sentence: str,
    reason: str,
    make: Callable[[int, str, tuple[str, ...]], Any],
) -> Any:
    """The conflict (`make`) of unit `index`: the reasons its conflict in `by_index` already
    has, then `reason` unless among them."""
    had = by_index[index].reasons if index in by_index else ()
    return make(index, sentence, tuple(dict.fromkeys((*had, reason))))


class RuleView(Protocol):
    """A prompt hunk quoted as a rule (a `drafting.facts.Rule`), as modules that `facts`
    itself imports read it."""

    @property
    def kind(self) -> str: ...

    @property
    def section(self) -> str | None: ...

    @property
    def new(self) -> str | None: ...


def marked_edit(
    impact: ImpactView, marked: Mapping[str, str], says: Callable[[str, str], str]
) -> tuple[str, str] | None:
    """`every_conflict_rewritten`'s body and its rationale, which `says(noun, quoted)` writes
    from the item's kind and the marked sentences, each quoted; None when there is no body."""
    new_body = every_conflict_rewritten(impact, marked)
    if new_body is None:
        return None
    return new_body, says(impact.item.kind, " ".join(f"“{text}”" for text in marked))


def every_conflict_rewritten(impact: ImpactView, marked: Mapping[str, str]) -> str | None:
    """The item's body with each unit whose text `marked` keys said as its value, every other
    byte kept; None when a conflict of the item is not among them (the item is then partly a
    writer's), none is, or nothing changes."""
    if not marked or {conflict.sentence for conflict in impact.conflicts} - set(marked):
        return None

    def pick(unit: Unit) -> str | Keep:
        return marked.get(unit.text, Keep.UNIT)

    body = impact.item.body
    new_body = rewrite_units(body, impact.item.body_format, pick)
    return None if new_body is None or new_body == body else new_body


def with_marked_units(
    found: list[Any],
    marked: Mapping[int, str],
    item_units: Sequence[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` (an item's conflicts) with each unit of `marked` (unit index → reason) not
    already among them made a conflict too (`make(index, text, (reason,))`), in unit order;
    `found` as it is when none is added."""
    taken = {conflict.unit_index for conflict in found}
    added = [
        make(index, item_units[index].text, (reason,))
        for index, reason in marked.items()
        if index not in taken
    ]
    if not added:
        return found
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)
