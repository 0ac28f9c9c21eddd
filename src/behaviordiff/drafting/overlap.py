"""One suggested edit per knowledge-base item in a release.

Two changes of one release can contradict the same macro or article (one prompt sentence
that moved a value and also stopped an action, say). Two edits of one item cannot both be
applied: an export would write the item twice and a helpdesk push would overwrite its own
work. So the edits of one item are combined into the edit of the first change that has one,
and the other changes' notes say where that edit is.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence

from behaviordiff.diffing.align import align
from behaviordiff.drafting.drafters import ChangeDraft
from behaviordiff.drafting.model import SuggestedEdit

_ATTACHED = "(suggested edit attached)"
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _spans(old: list[str], new: list[str]) -> list[tuple[int, int, str]]:
    """The replaced token spans of `old` (start, end, replacement) that turn it into `new`."""
    return [
        (op.i1, op.i2, "".join(new[op.j1 : op.j2])) for op in align(old, new) if op.tag != "equal"
    ]


def combine_bodies(old: str, first: str, second: str) -> str | None:
    """`old` with the changes of both `first` and `second` applied, when they change
    separate parts of it (or the same part the same way); None when they overlap."""
    if first == second:
        return first
    old_tokens = _tokens(old)
    spans = sorted({*_spans(old_tokens, _tokens(first)), *_spans(old_tokens, _tokens(second))})
    for (start, end, _), (next_start, _, _) in itertools.pairwise(spans):
        if next_start < end or next_start == start:
            # overlapping, or two changes at one place: no order is the right one
            return None
    pieces: list[str] = []
    position = 0
    for start, end, replacement in spans:
        pieces.extend(old_tokens[position:start])
        pieces.append(replacement)
        position = end
    pieces.extend(old_tokens[position:])
    return "".join(pieces)


def _merge(kept: SuggestedEdit, other: SuggestedEdit) -> str:
    """Fold `other` into `kept`; say in `kept`'s rationale what happened to it."""
    for sentence in other.conflicts:
        if sentence not in kept.conflicts:
            kept.conflicts.append(sentence)
    if other.new_body is None or other.new_body == other.old_body:
        kept.rationale += (
            f" {other.change_id} also contradicts this item; this edit stands for both."
        )
        return "covered"
    if kept.new_body is None or kept.new_body == kept.old_body:
        kept.new_body = other.new_body
        kept.rationale += f" {other.change_id} changes this item too; its rewrite is this edit"
        kept.rationale += "." if other.rationale in kept.rationale else f": {other.rationale}"
        return "covered"
    if kept.new_body == other.new_body:
        kept.rationale += (
            f" {other.change_id} changes this item the same way; this one edit stands for both."
        )
        return "covered"
    combined = combine_bodies(kept.old_body, kept.new_body, other.new_body)
    if combined is not None and (combined == kept.new_body or other.rationale in kept.rationale):
        # the other's rewrite is part of this edit already (a third change making the rewrite
        # a second one brought in): said once, its reason not again
        kept.new_body = combined
        kept.rationale += (
            f" {other.change_id} rewrites some of these sentences the same way; this one edit "
            "stands for both."
        )
        return "covered"
    if combined is not None:
        kept.new_body = combined
        kept.rationale += (
            f" It also carries {other.change_id}'s edit of other sentences: {other.rationale}"
        )
        return "covered"
    kept.rationale += (
        f" {other.change_id} would rewrite the same sentences differently; this edit keeps "
        f"{kept.change_id}'s text: check it against {other.change_id}'s note before approving."
    )
    return "conflict"


_SEVERITY_RANK = {"high": 2, "medium": 1, "low": 0}


def _owner_key(drafts: Sequence[ChangeDraft], pair: tuple[int, SuggestedEdit]) -> tuple[float, ...]:
    """How much an edit's change owns the item: its relevance score, the earlier change on a
    tie; for edits making the same rewrite, the more severe change first (one moved line, 24
    hours → 48, seen as a fee now charged between them and as a new figure said below them:
    the KB sentence is the fee's rule, the note CS must act on)."""
    order, edit = pair
    same = all(
        other.new_body == edit.new_body
        for draft in drafts
        for other in draft.edits
        if other.item_key == edit.item_key
    )
    severity = _SEVERITY_RANK.get(drafts[order].note.severity, 0) if same else 0
    return (severity, edit.score, -order)


def one_edit_per_item(drafts: Sequence[ChangeDraft]) -> None:
    """Leave each knowledge-base item with at most one suggested edit across `drafts` (in
    place): the edit of the change most about the item (highest relevance score, the earlier
    change on a tie; for one same rewrite, the more severe change) takes in the others' edits
    of it, and their notes point to it."""
    by_item: dict[str, list[tuple[int, SuggestedEdit]]] = {}
    for order, draft in enumerate(drafts):
        for edit in draft.edits:
            by_item.setdefault(edit.item_key, []).append((order, edit))
    dropped: set[int] = set()
    for edits in by_item.values():
        if len(edits) < 2:
            continue
        _, kept = max(edits, key=lambda pair: _owner_key(drafts, pair))
        for order, edit in edits:
            if edit is kept:
                continue
            outcome = _merge(kept, edit)
            dropped.add(id(edit))
            where = f"(the suggested edit is attached to {kept.change_id}"
            where += ")" if outcome == "covered" else ", which keeps its own wording; check it)"
            title = f"“{edit.item_title}”"
            note = drafts[order].note
            note.cs_actions = [
                action.replace(_ATTACHED, where) if title in action else action
                for action in note.cs_actions
            ]
    for draft in drafts:
        draft.edits = [edit for edit in draft.edits if id(edit) not in dropped]


def defer_to_held(draft: ChangeDraft, held: Mapping[str, str]) -> None:
    """The rule of `one_edit_per_item` for one change drafted again alone (in place): its
    edits of items whose edit another change of the release holds (`held`: item key →
    change id, from the stored drafts) are dropped, and its note says where that edit is. A
    re-draft cannot fold its edit into a draft of another change, which the writer may have
    worked on: the note asks them to check it covers this change too."""
    kept: list[SuggestedEdit] = []
    for edit in draft.edits:
        owner = held.get(edit.item_key)
        if owner is None or owner == edit.change_id:
            kept.append(edit)
            continue
        title = f"“{edit.item_title}”"
        where = f"(the suggested edit is attached to {owner}; check that it covers this change)"
        draft.note.cs_actions = [
            action.replace(_ATTACHED, where) if title in action else action
            for action in draft.note.cs_actions
        ]
    draft.edits = kept
