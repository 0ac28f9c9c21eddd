"""Reviewing a release's drafts: short handles, which release to review, approval, rejection
with a reason, a note to engineering, a writer's edit (a YAML file, or fields from the app)
checked against the change's evidence, warnings kept until fixed or dismissed, reset to the
machine draft, and undo.

Every change goes through `DraftStore.update`, so it is audited with who (`reviewer`) and
when, and can be undone. No UI imports: the CLI and the TUI both call these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from behaviordiff.detect.model import Attribution
from behaviordiff.drafting.model import stated_text
from behaviordiff.errors import BehaviordiffError
from behaviordiff.kb.model import find_placeholders
from behaviordiff.store.drafts import (
    NO_CHANGE_REASONS,
    REASONS_NEEDING_TEXT,
    REJECT_REASONS,
    REVIEWED,
    STATUSES,
    WRITER_FIELDS,
    DraftConflict,
    DraftRecord,
    DraftStore,
    HistoryEntry,
    title_followed,
)
from behaviordiff.store.workspace import current_actor
from behaviordiff.textutil import PUBLISHED_CHARS, a_or_an, near_names
from behaviordiff.transcripts import json_text
from behaviordiff.yamlio import line_of, parse_yaml

if TYPE_CHECKING:
    from behaviordiff.config import Project
    from behaviordiff.drafting.grounding import Grounding
    from behaviordiff.store import Workspace

__all__ = [
    "REASONS_NEEDING_TEXT",
    "REJECT_REASONS",
    "STATUSES",
    "DraftConflict",
    "HistoryEntry",
    "Review",
    "ReviewError",
    "ReviewItem",
]

NOTE_FIELDS = WRITER_FIELDS["note"]
EDIT_FIELDS = WRITER_FIELDS["edit"]
SEVERITIES = ("high", "medium", "low")
_LIST_FIELDS = ("cs_actions",)


class ReviewError(BehaviordiffError):
    title = "Cannot review drafts"


LOOK_AGAIN = {
    "outdated": "outdated",
    "reopened": "changed since approval",
}
"""Why a draft needs a writer's look again, and its word in every view (badge, list flag)."""

SUGGESTION_MOVED = "suggestion moved"
"""The word every view shows for a writer's text whose decision holds while the machine's
suggestion under it moved (only in fields the writer wrote, the change's facts the same)."""


@dataclass(frozen=True)
class ReviewState:
    """A draft's review state as every view says it: the review app, `review list`, the
    report, the changelog and the gate all read it from `review_state`, so none says
    "outdated" where another says "not reviewed"."""

    status: str
    look_again: str | None = None
    """`outdated`: a writer's text (or their decision on it) over a machine draft that reads
    differently now; `reopened`: approved as drafted, and the machine draft reads differently
    since, so it is a draft again (the approval did not carry). None: its status says all."""
    carried_from: int | None = None
    suggestion_moved: bool = False
    """The machine's suggestion moved under the writer's own fields, the facts the same: the
    decision holds (nothing to do), and the writer may compare (`SUGGESTION_MOVED`)."""

    @property
    def flag(self) -> str | None:
        """The word a list or a badge shows (`LOOK_AGAIN`)."""
        return LOOK_AGAIN[self.look_again] if self.look_again else None

    @property
    def settled(self) -> bool:
        """Nothing for a writer to do: approved or rejected, or sent to engineering (theirs
        now), and nothing to look at again."""
        return self.look_again is None and (
            self.status in REVIEWED or self.status == "needs-engineering"
        )

    def why(self, release_id: int | None = None) -> str | None:
        """The look again in a sentence (`release_id`: the release shown, to say when the
        approval was given in an earlier one)."""
        if self.look_again == "outdated":
            return "a writer's text over a machine draft that reads differently now"
        if self.look_again == "reopened":
            earlier = self.carried_from is not None and self.carried_from != release_id
            where = f" in release #{self.carried_from}" if earlier else ""
            return f"the draft changed since its approval{where}"
        return None


def review_state(record: DraftRecord) -> ReviewState:
    """The one reading of a draft's stored state (its status and `outdated` mark): a writer's
    text over a moved machine draft is `outdated`; an approval that did not carry over a
    moved machine draft (back to `draft`, marked) is `reopened`; a decision that holds with
    no writer's text needs nothing more."""
    look_again = None
    if record.outdated and record.edited_by:
        look_again = "outdated"
    elif record.outdated and record.status not in (*REVIEWED, "needs-engineering"):
        look_again = "reopened"
    return ReviewState(
        record.status,
        look_again,
        record.carried_from,
        suggestion_moved=record.suggestion_moved and look_again is None,
    )


@dataclass(frozen=True)
class ReviewItem:
    """A draft with its handle: `C1` for change C1's note, `C1.1`, `C1.2` for its edits."""

    handle: str
    record: DraftRecord

    @property
    def title(self) -> str:
        content = self.record.content
        title = content.get("title") if self.record.kind == "note" else content.get("item_title")
        return str(title or "")

    @property
    def label(self) -> str:
        """`note`, or what the edit changes: `macro` or `article`."""
        if self.record.kind == "note":
            return "note"
        return (self.record.item_key or "").partition(":")[0] or "edit"

    @property
    def note_key(self) -> str:
        """The key of the change's note: what its writer's text is checked against."""
        return _note_key(self.record)

    @property
    def fields(self) -> tuple[str, ...]:
        return NOTE_FIELDS if self.record.kind == "note" else EDIT_FIELDS

    @property
    def state(self) -> ReviewState:
        return review_state(self.record)

    def with_record(self, record: DraftRecord) -> ReviewItem:
        return ReviewItem(self.handle, record)

    def to_dict(self) -> dict[str, Any]:
        return {
            "handle": self.handle,
            "label": self.label,
            "title": self.title,
            "look_again": self.state.look_again,
        } | self.record.to_dict()


def _natural(text: str) -> list[Any]:
    """C2 before C10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _note_key(record: DraftRecord) -> str:
    """The key of the note an edit belongs to: edits are keyed `<note key>:<item key>`."""
    if record.kind == "note":
        return record.key
    suffix = f":{record.item_key}"
    if record.item_key and record.key.endswith(suffix):
        return record.key[: -len(suffix)]
    return record.key.partition(":")[0]


def assign_handles(records: Sequence[DraftRecord]) -> list[ReviewItem]:
    """Drafts grouped by change, current changes first in change order, each group's note
    first and its edits in stored order. A stale group whose change id a current change now
    uses gets a letter (`C1b`), so no two drafts share a handle."""
    groups: dict[str, list[DraftRecord]] = {}
    for record in records:
        if record.kind == "note":
            groups.setdefault(record.key, []).insert(0, record)
    for record in records:
        if record.kind == "edit":
            groups.setdefault(_note_key(record), []).append(record)

    def order(position: int, members: list[DraftRecord]) -> tuple[bool, list[Any], int]:
        head = members[0]
        stale = head.stale if head.kind == "note" else all(r.stale for r in members)
        return (stale, _natural(head.change_id), position)

    ordered = sorted(enumerate(groups.values()), key=lambda pair: order(pair[0], pair[1]))
    used: set[str] = set()
    items: list[ReviewItem] = []
    for _, members in ordered:
        base = members[0].change_id or "D"
        handle, suffix = base, ord("b")
        while handle.lower() in used:
            handle, suffix = f"{base}{chr(suffix)}", suffix + 1
        used.add(handle.lower())
        number = 0
        for record in members:
            if record.kind == "note":
                items.append(ReviewItem(handle, record))
            else:
                number += 1
                items.append(ReviewItem(f"{handle}.{number}", record))
    return items


def moved_handles(before: Sequence[ReviewItem], after: Sequence[ReviewItem]) -> list[str]:
    """What a redraft did to handles: each handle that named one draft before and names
    another now (an edit that left its change and came back is numbered after the others),
    said with both, so a handle noted earlier is not used on the wrong item."""
    earlier = {item.handle: item for item in before}
    moved = [
        (item, earlier[item.handle])
        for item in after
        if item.handle in earlier and earlier[item.handle].record.key != item.record.key
    ]
    return [
        f"{item.handle} now names the {item.label} “{item.title}”; before this draft it named "
        f"the {was.label} “{was.title}”: check any handle noted earlier against `behaviordiff "
        "review list`"
        for item, was in moved
    ]


def rejected_changes(items: Sequence[ReviewItem]) -> dict[str, ReviewItem]:
    """Note key → the note of each change a writer rejected as a whole. Its edits go nowhere,
    whatever their own status: not exported, not pushed, not asked of CS, not gated."""
    return {
        item.record.key: item
        for item in items
        if item.record.kind == "note" and item.record.status == "rejected" and not item.record.stale
    }


def edit_target(item: ReviewItem) -> str:
    """How a note's action line names the item an edit changes: `macro “Title”`,
    `FAQ article “Title”`."""
    noun = "macro" if item.label == "macro" else "FAQ article"
    return f"{noun} “{item.title}”"


def relying_changes(items: Sequence[ReviewItem], edit: ReviewItem) -> list[ReviewItem]:
    """The notes of the other changes, not rejected, whose action lines tell CS to update the
    item `edit` rewrites ("Update macro “T”: … (the suggested edit is attached to C1)") and
    have no edit of that item of their own: one edit per item, so this edit stands for them
    too."""
    start = f"Update {edit_target(edit)}:"
    own = {
        item.note_key
        for item in items
        if item.record.kind == "edit"
        and not item.record.stale
        and item.record.item_key == edit.record.item_key
    }
    return [
        item
        for item in items
        if item.record.kind == "note"
        and not item.record.stale
        and item.record.status != "rejected"
        and item.record.key not in own
        and any(
            isinstance(action, str) and action.startswith(start)
            for action in item.record.content.get("cs_actions") or []
        )
    ]


def carried_edits(items: Sequence[ReviewItem]) -> dict[str, ReviewItem]:
    """Draft key → the note of the change that carries it, for each edit of a change
    rejected as a whole that another change (not rejected) relies on (`relying_changes`,
    the first, an approved one before others). Rejecting one change never drops the one edit
    of an item that another change needs: the edit goes on with that change, under its own
    review status (exported once approved; rejected as a wrong draft, rewritten by hand)."""
    rejected = rejected_changes(items)
    out: dict[str, ReviewItem] = {}
    for item in items:
        if item.record.kind != "edit" or item.record.stale or item.note_key not in rejected:
            continue
        relying = relying_changes(items, item)
        if relying:
            out[item.record.key] = min(
                relying, key=lambda note: (note.record.status != "approved", relying.index(note))
            )
    return out


def rejection_warnings(items: Sequence[ReviewItem], rejected: set[str]) -> list[str]:
    """What rejecting the notes `rejected` (draft keys) leaves in place: the edits of those
    changes that other changes rely on, named with the changes, so no edit is dropped
    unsaid."""
    carried = carried_edits(items)
    warnings: list[str] = []
    for note in items:
        if note.record.kind != "note" or note.record.key not in rejected:
            continue
        kept = [
            item
            for item in items
            if item.record.kind == "edit"
            and item.note_key == note.record.key
            and item.record.key in carried
        ]
        if not kept:
            continue
        relying = sorted(
            {change.handle for edit in kept for change in relying_changes(items, edit)},
            key=_natural,
        )
        handles = ", ".join(item.handle for item in kept)
        carrier = carried[kept[0].record.key].handle
        warnings.append(
            f"{_and(relying)} {'rely' if len(relying) > 1 else 'relies'} on {handles} "
            f"({'their notes tell' if len(relying) > 1 else 'its note tells'} CS to update "
            f"the same {'items' if len(kept) > 1 else 'item'}): kept "
            f"for {carrier} under {'their' if len(kept) > 1 else 'its'} own review status, an "
            f"approved edit exported with {carrier}, one rejected as a wrong draft rewritten by "
            f"hand (if an item needs no change: `behaviordiff review reject "
            f"{' '.join(item.handle for item in kept)} --reason not-a-behavior-change --text WHY`)"
        )
    return warnings


def rejected_change_words(items: Sequence[ReviewItem], edit: ReviewItem) -> str | None:
    """What rejecting its change as a whole does to an edit, in the words every view uses:
    kept for the change that relies on it (`carried_edits`), or not exported; None when its
    change is not rejected."""
    note = rejected_changes(items).get(edit.note_key)
    if edit.record.kind != "edit" or note is None or edit.record.stale:
        return None
    carrier = carried_edits(items).get(edit.record.key)
    if carrier is not None:
        return (
            f"change {note.handle} rejected; kept for {carrier.handle}, which relies on it "
            "(exported once approved)"
        )
    return f"change {note.handle} rejected: not exported"


def warnings_after_rejecting(
    workspace: Workspace, release_id: int, rejected: Sequence[ReviewItem]
) -> list[str]:
    """`rejection_warnings` of drafts just rejected, read from the store now."""
    items = load_review(workspace, release_id).items
    return rejection_warnings(items, {item.record.key for item in rejected})


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def change_of(item: ReviewItem) -> str:
    """The handle of the change a draft belongs to: `C3` for `C3` and `C3.1`."""
    return item.handle.partition(".")[0]


def going_out(items: Sequence[ReviewItem], *, include_drafts: bool = False) -> list[ReviewItem]:
    """The edits that would go to the helpdesk: approved (with `include_drafts`, any but
    rejected), not stale, with a new text, and of a change not rejected as a whole (or
    carried for another change, `carried_edits`)."""
    rejected = rejected_changes(items)
    carried = carried_edits(items)
    wanted = ("approved",) if not include_drafts else tuple(s for s in STATUSES if s != "rejected")
    return [
        item
        for item in items
        if item.record.kind == "edit"
        and item.record.status in wanted
        and not item.record.stale
        and (item.note_key not in rejected or item.record.key in carried)
        and isinstance(item.record.content.get("new_body"), str)
        and item.record.content.get("new_body") != item.record.content.get("old_body")
    ]


def same_item_edits(
    items: Sequence[ReviewItem], *, include_drafts: bool = False
) -> dict[str, list[ReviewItem]]:
    """Item key → the edits going out (`going_out`) that rewrite that one macro or article,
    where there are two or more: each starts from the item's current body, so sent together
    the second overwrites the first (two PUTs, a patch whose second hunk does not apply)."""
    by_item: dict[str, list[ReviewItem]] = {}
    for item in going_out(items, include_drafts=include_drafts):
        by_item.setdefault(item.record.item_key or "", []).append(item)
    return {key: group for key, group in by_item.items() if key and len(group) > 1}


def same_item_message(group: Sequence[ReviewItem]) -> str:
    """What is wrong with two edits of one item, and the fix, naming each edit."""
    handles = [item.handle for item in group]
    first = group[0]
    names = ", ".join(handles[:-1]) + f" and {handles[-1]}"
    keep, others = handles[0], handles[1:]
    return (
        f"{names} both rewrite {first.label} {(first.record.item_key or '').partition(':')[2]} "
        f"(“{first.title}”), each from its current text: sent together, one would overwrite "
        f"the other. Keep one edit per item: reject the other"
        f"{'s' if len(others) > 1 else ''} (`behaviordiff review reject "
        f'{" ".join(others)} --reason wrong-draft --text "same {first.label} as {keep}"`), '
        f"after putting what {'they say' if len(others) > 1 else 'it says'} into {keep} if "
        f"both are needed (`behaviordiff review edit {keep}`)"
    )


@dataclass
class Review:
    """The drafts of one release, as a writer reviews them."""

    release_id: int
    items: list[ReviewItem]
    carry: dict[str, Any] = field(default_factory=dict)
    """What the newest drafting carried from an earlier release under a renumbered change
    (`renumbered`) and the writer's drafts it left there (`dropped`), with why."""

    def carry_lines(self) -> list[str]:
        """The carry report in words, one line per draft: never a writer's text dropped
        silently."""
        handles = {item.record.key: item.handle for item in self.items}
        lines: list[str] = []
        for entry in self.carry.get("renumbered") or []:
            handle = handles.get(entry["key"], entry["key"])
            source = (
                f"release #{entry['from_release']}'s {entry['from_change_id']}"
                + ("" if entry["kind"] == "note" else f" edit of {entry['item_key']}")
                + f" ({entry.get('from_status', 'reviewed')})"
            )
            what = "the writer's text carried over" if entry.get("writer_text") else "follows"
            state = f"now {entry['status']}"
            if entry.get("outdated"):
                state += (
                    ", outdated: the machine draft reads differently now (compare with "
                    f"`review edit {handle}`)"
                )
            elif not entry.get("writer_text") and entry["status"] == "draft":
                state += ": a new machine text, to review again"
            # the change's key moved with its text; its id may have stayed
            same_id = entry.get("from_change_id") == entry.get("change_id")
            lines.append(
                f"{handle} {what} from {source}, the same change"
                f"{'' if same_id else ' renumbered'} ({entry['matched_by']}); {state}"
            )
        for entry in self.carry.get("dropped") or []:
            what = "note" if entry["kind"] == "note" else f"edit of {entry['item_key']}"
            lines.append(
                f"not carried: release #{entry['release_id']}'s {entry['change_id']} {what} "
                f"“{entry['title']}” ({entry['status']}): {entry['why']}"
            )
        return lines

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for item in self.items:
            counts[item.record.status] = counts.get(item.record.status, 0) + 1
        counts["stale"] = sum(1 for item in self.items if item.record.stale)
        counts["suggestion_moved"] = sum(1 for item in self.items if item.state.suggestion_moved)
        for look_again in LOOK_AGAIN:
            counts[look_again] = sum(
                1 for item in self.items if item.state.look_again == look_again
            )
        counts["change_rejected"] = len(self.with_rejected_change())
        counts["carried"] = len(self.carried())
        counts["total"] = len(self.items)
        return counts

    def require_drafts(self) -> list[ReviewItem]:
        if not self.items:
            raise ReviewError(
                f"release #{self.release_id} has no drafts yet",
                hint=f"draft them with `behaviordiff draft --release {self.release_id}`",
            )
        return self.items

    def resolve(self, handles: Sequence[str]) -> list[ReviewItem]:
        """The drafts named by handles (case-insensitive) or stable keys, each once."""
        self.require_drafts()
        by_name: dict[str, ReviewItem] = {}
        for known in self.items:
            by_name[known.record.key.lower()] = known
            by_name[known.handle.lower()] = known
        found: list[ReviewItem] = []
        for handle in handles:
            item = by_name.get(handle.strip().lower())
            if item is None:
                valid = ", ".join(known.handle for known in self.items)
                raise ReviewError(
                    f"release #{self.release_id} has no draft '{handle}'",
                    hint=f"valid handles: {valid} (see `behaviordiff review list`)",
                )
            if item not in found:
                found.append(item)
        return found

    def with_rejected_change(self) -> dict[str, str]:
        """Draft key → the handle of its rejected change, for each edit of a change rejected
        as a whole: whatever its own status, it goes nowhere (but an edit another change
        relies on, `carried`)."""
        rejected = rejected_changes(self.items)
        carried = carried_edits(self.items)
        return {
            item.record.key: rejected[item.note_key].handle
            for item in self.items
            if item.record.kind == "edit"
            and item.note_key in rejected
            and item.record.key not in carried
        }

    def carried(self) -> dict[str, str]:
        """Draft key → the handle of the change that carries it (`carried_edits`)."""
        return {key: note.handle for key, note in carried_edits(self.items).items()}

    def by_hand(self) -> set[str]:
        """Keys of the edits rejected as a wrong draft (a reason other than "needs no
        change") whose item no other edit of the release rewrites, their change not rejected
        as a whole: the item still states the old behavior, and CS rewrites it by hand."""
        out = self.with_rejected_change()
        kept = {
            item.record.item_key
            for item in self.items
            if item.record.kind == "edit" and item.record.status != "rejected"
        }
        return {
            item.record.key
            for item in self.items
            if item.record.kind == "edit"
            and item.record.status == "rejected"
            and item.record.reason not in NO_CHANGE_REASONS
            and not item.record.stale
            and item.record.key not in out
            and item.record.item_key not in kept
        }

    def to_dict(self) -> dict[str, Any]:
        out = self.with_rejected_change()
        by_hand = self.by_hand()
        carried = self.carried()
        return {
            "release_id": self.release_id,
            "carried": self.carry,
            "counts": self.counts(),
            "drafts": [
                item.to_dict()
                | {
                    "change_rejected": item.record.key in out,
                    "carried_by": carried.get(item.record.key),
                    "by_hand": item.record.key in by_hand,
                }
                for item in self.items
            ],
        }


def load_review(workspace: Workspace, release_id: int) -> Review:
    workspace.release(release_id)
    store = DraftStore(workspace)
    return Review(
        release_id, assign_handles(store.drafts(release_id)), store.carry_report(release_id)
    )


def reload_item(workspace: Workspace, item: ReviewItem) -> ReviewItem:
    """The draft of `item` as it is stored now, under the same handle."""
    record = item.record
    return item.with_record(DraftStore(workspace).draft(record.release_id, record.kind, record.key))


# who and which release -----------------------------------------------------------------


def reviewer(project: Project | None = None) -> str:
    """Who review actions are recorded as: `[review] reviewer` in the config, else
    BEHAVIORDIFF_ACTOR, else the OS user."""
    configured = project.config.review.reviewer if project is not None else None
    return (configured or "").strip() or current_actor()


# approve, reject, engineering, reset, undo -------------------------------------------


@dataclass
class Approval:
    approved: list[ReviewItem] = field(default_factory=list)
    already: list[ReviewItem] = field(default_factory=list)
    """Approved before: nothing to do."""
    skipped_stale: list[ReviewItem] = field(default_factory=list)
    """Left out of `--all`: the latest drafting no longer produces them."""
    skipped_rejected: list[ReviewItem] = field(default_factory=list)
    """Left out of `--all`: a writer rejected them; approving all that is open does not take
    a rejection back (name them to)."""
    blocked: list[ReviewItem] = field(default_factory=list)
    """Not approved: the edit check warned about their text, and nobody dismissed it."""
    warnings: list[str] = field(default_factory=list)
    """Approved, but it will not go out as it is: two approved edits of one item, or an edit
    of a change rejected as a whole."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "warnings": self.warnings,
            "approved": [item.to_dict() for item in self.approved],
            "already_approved": [item.handle for item in self.already],
            "skipped_stale": [item.handle for item in self.skipped_stale],
            "skipped_rejected": [item.handle for item in self.skipped_rejected],
            "blocked_by_warnings": [
                {"handle": item.handle, "warnings": item.record.open_warnings}
                for item in self.blocked
            ],
        }


def approve(
    workspace: Workspace,
    release_id: int,
    items: Sequence[ReviewItem],
    *,
    skip_stale: bool = False,
    despite_warnings: bool = False,
    actor: str | None = None,
    groundings: Mapping[str, Grounding] | None = None,
) -> Approval:
    """Approve drafts (an edit: accept it). One whose text has open warnings is left as it
    is, in `blocked`, unless `despite_warnings` (then they are recorded as dismissed).

    An `outdated` writer's text (the machine draft moved under it) is checked again against
    the evidence it stands on now (`groundings`, per note key, see `recheck_outdated`) before
    it is approved: a value the new evidence lacks (a price that moved) is an open warning,
    so it blocks like any other; one approved anyway says what moved under it."""
    store = DraftStore(workspace)
    result = Approval()
    for item in items:
        outdated = item.state.look_again == "outdated" and item.record.status != "approved"
        if outdated and groundings is not None:
            item = recheck_outdated(
                workspace, release_id, item, groundings.get(item.note_key), actor=actor
            )
        record = item.record
        # approving again a text whose suggestion moved under it: the writer has looked
        if record.status == "approved" and not item.state.suggestion_moved:
            result.already.append(item)
        elif skip_stale and record.stale:
            result.skipped_stale.append(item)
        elif skip_stale and record.status == "rejected":
            result.skipped_rejected.append(item)
        elif record.open_warnings and not despite_warnings:
            result.blocked.append(item)
        else:
            # what is approved is what the writer saw: not a text regenerated since
            updated = store.update(
                release_id,
                record.kind,
                record.key,
                status="approved",
                expected=record,
                dismissed=list(record.warnings) if record.open_warnings else None,
                actor=actor,
                action="approved",
            )
            result.approved.append(item.with_record(updated))
            if outdated:
                result.warnings.append(
                    f"{item.handle} was outdated: {outdated_text(workspace, item)}; the "
                    "writer's text is approved as it is (`behaviordiff review undo "
                    f"{item.handle}` takes it back)"
                )
    if any(item.record.kind == "edit" for item in result.approved):
        result.warnings += approval_warnings(
            load_review(workspace, release_id).items,
            {item.record.key for item in result.approved},
        )
    return result


def recheck_outdated(
    workspace: Workspace,
    release_id: int,
    item: ReviewItem,
    grounding: Grounding | None,
    *,
    actor: str | None = None,
) -> ReviewItem:
    """An outdated writer's text checked again, as an edit is (`edit_warnings`), against the
    evidence of the change as it is now: a carried title that still says the old price is
    flagged like a fresh edit saying it. The warnings replace the ones found against the old
    evidence (a dismissed one stays dismissed); nothing is stored when they are the same."""
    record = item.record
    found = edit_warnings(record.kind, item.label, record.content, record.generated, grounding)
    found += [warning for warning in moved_value_warnings(workspace, item) if warning not in found]
    if found == list(record.warnings):
        return item
    updated = DraftStore(workspace).update(
        release_id,
        record.kind,
        record.key,
        status=record.status,
        warnings=found,
        dismissed=[warning for warning in record.dismissed if warning in found],
        expected=record,
        actor=actor,
        action="edit-check",
        keep_outdated=True,
    )
    return item.with_record(updated)


_VALUE = re.compile(r"[£$€¥]?\d[\d,.:]*(?:\s?(?:%|am|pm))?", re.IGNORECASE)


def _values(value: Any) -> list[str]:
    """The numbers, amounts and times a field's text states, each once, in order."""
    return list(dict.fromkeys(v.rstrip(".,:") for v in _VALUE.findall(field_text(value))))


def _moves(workspace: Workspace, item: ReviewItem) -> list[tuple[str, list[str], list[str]]]:
    """Per writer field whose machine text changed since the release an outdated text was
    carried from: its name, the values gone from it and the values come into it. Empty when
    that earlier draft is not found."""
    record = item.record
    if record.carried_from is None or record.carried_from == record.release_id:
        return []
    store = DraftStore(workspace)
    # a change whose key moved with its text is carried under its earlier key
    earlier = next(
        (
            entry["from_key"]
            for entry in store.carry_report(record.release_id).get("renumbered") or []
            if entry.get("key") == record.key and entry.get("from_release") == record.carried_from
        ),
        record.key,
    )
    try:
        before = store.draft(record.carried_from, record.kind, earlier)
    except BehaviordiffError:
        return []
    moves: list[tuple[str, list[str], list[str]]] = []
    for name in item.fields:
        old, new = before.generated.get(name), record.generated.get(name)
        if old == new:
            continue
        old_values, new_values = _values(old), _values(new)
        gone = [v for v in old_values if v not in new_values]
        came = [v for v in new_values if v not in old_values]
        moves.append((name, gone, came))
    return moves


def moved_fields(workspace: Workspace, item: ReviewItem) -> list[str]:
    """What moved under an outdated writer's text, one phrase per writer field whose machine
    text changed since the release the text was carried from (`title: £60 → £75` when only
    values moved, else the field's name). Empty when that earlier draft is not found."""
    moved: list[str] = []
    for name, gone, came in _moves(workspace, item):
        label = name.replace("_", " ")
        if gone or came:
            was, now = ", ".join(gone) or "nothing", ", ".join(came) or "nothing"
            moved.append(f"{label}: {was} → {now}")
        else:
            moved.append(label)
    return moved


def moved_value_warnings(workspace: Workspace, item: ReviewItem) -> list[str]:
    """An outdated writer's field that still states a value its machine text moved away from
    (title `14` after the machine title went 14 → 15), and none of the values it moved to.
    The evidence may well still contain the old value (a probe at the old bound, the old
    prompt), so the grounding check alone passes it: the move itself is the warning."""
    warnings: list[str] = []
    for name, gone, came in _moves(workspace, item):
        if not came:
            continue
        stated = _values(item.record.content.get(name))
        kept = [value for value in gone if value in stated]
        if kept and not any(value in stated for value in came):
            label = name.replace("_", " ")
            warnings.append(
                f"the writer's {label} says {', '.join(kept)} where the change now says "
                f"{', '.join(came)} (the machine {label} moved {', '.join(gone)} → "
                f"{', '.join(came)} under it)"
            )
    return warnings


def outdated_text(workspace: Workspace, item: ReviewItem) -> str:
    """Why an outdated draft needs a look, with what moved when known: `the machine draft
    moved under the writer's text (title: £60 → £75; customer impact)`."""
    moved = moved_fields(workspace, item)
    if not moved:
        return "a writer's text over a machine draft that reads differently now"
    return f"the machine draft moved under the writer's text ({'; '.join(moved)})"


def approval_warnings(items: Sequence[ReviewItem], approved: set[str]) -> list[str]:
    """Why edits just approved (draft keys `approved`) will not go out as they are."""
    warnings: list[str] = []
    rejected = rejected_changes(items)
    carried = carried_edits(items)
    for item in items:
        if item.record.key in approved and item.record.kind == "edit":
            note = rejected.get(item.note_key)
            if note is not None and item.record.key not in carried:
                warnings.append(
                    f"{item.handle} is approved, but its change {note.handle} is rejected as a "
                    "whole: its edits are not exported, pushed or asked of CS; approve "
                    f"{note.handle} (`behaviordiff review approve {note.handle}`) if it is a "
                    "real change"
                )
    for group in same_item_edits(items).values():
        if any(item.record.key in approved for item in group):
            warnings.append("the export will refuse them: " + same_item_message(group))
    return warnings


def reject_reason(reason: str | None) -> str:
    """`reason` as stored (`Wrong draft` → `wrong-draft`) when it is one of REJECT_REASONS;
    none given, or another, is an error listing them."""
    allowed = f"{', '.join(REJECT_REASONS)} (with --text for other)"
    if reason is None or not reason.strip():
        raise ReviewError(
            "rejecting needs a reason",
            hint=f"add --reason with one of: {allowed}, e.g. `--reason wrong-draft`",
        )
    reason = reason.strip().lower().replace("_", "-").replace(" ", "-")
    if reason not in REJECT_REASONS:
        raise ReviewError(f"'{reason}' is not a reason to reject", hint=f"use one of: {allowed}")
    return reason


def reject(
    workspace: Workspace,
    release_id: int,
    item: ReviewItem,
    reason: str,
    text: str = "",
    *,
    actor: str | None = None,
) -> ReviewItem:
    """Reject a draft: a note rejects its behavior change as a whole, an edit only itself.
    `reason` is one of REJECT_REASONS; `other` needs a `text` saying why."""
    reason = reject_reason(reason)
    if reason in REASONS_NEEDING_TEXT and not text.strip():
        raise ReviewError(
            f"rejecting for an `{reason}` reason needs a text saying why",
            hint='add --text "why it is rejected"',
        )
    return _decide(
        workspace, release_id, item, "rejected", actor, reason=reason, comment=text.strip() or None
    )


def send_to_engineering(
    workspace: Workspace,
    release_id: int,
    item: ReviewItem,
    comment: str,
    *,
    actor: str | None = None,
) -> ReviewItem:
    """Mark a draft `needs-engineering`, with what engineering should look at."""
    if not comment.strip():
        raise ReviewError(
            "a note to engineering needs a comment saying what to look at",
            hint='e.g. `behaviordiff review comment C1 "the refund amount looks wrong"`',
        )
    return _decide(workspace, release_id, item, "needs-engineering", actor, comment=comment.strip())


def _decide(
    workspace: Workspace,
    release_id: int,
    item: ReviewItem,
    status: str,
    actor: str | None,
    **fields: Any,
) -> ReviewItem:
    """Record a writer's decision on a draft (its status, and the reason or comment), based on
    the revision the writer saw, under the status's own audit action."""
    record = item.record
    updated = DraftStore(workspace).update(
        release_id,
        record.kind,
        record.key,
        status=status,
        expected=record,
        actor=actor,
        action=status,
        **fields,
    )
    return item.with_record(updated)


def dismiss_warnings(
    workspace: Workspace,
    release_id: int,
    item: ReviewItem,
    warnings: Sequence[str] | None = None,
    *,
    actor: str | None = None,
) -> ReviewItem:
    """Dismiss the given open warnings of a draft (all of them when None): the writer has
    looked and the text stands."""
    record = item.record
    chosen = record.open_warnings if warnings is None else list(warnings)
    unknown = [warning for warning in chosen if warning not in record.warnings]
    if unknown:
        raise ReviewError(
            f"{item.handle} has no warning '{unknown[0]}'",
            hint="see its warnings with `behaviordiff review status --format json`",
        )
    if not chosen:
        return item
    updated = DraftStore(workspace).update(
        release_id,
        record.kind,
        record.key,
        status=record.status,
        dismissed=[*record.dismissed, *(w for w in chosen if w not in record.dismissed)],
        expected=record,
        actor=actor,
        action="dismiss-warnings",
    )
    return item.with_record(updated)


def reset(
    workspace: Workspace, release_id: int, item: ReviewItem, *, actor: str | None = None
) -> tuple[ReviewItem, bool]:
    """Back to the latest machine draft, status `draft`; False when it already was. The
    writer's text is kept in the draft's history: `undo` gives it back."""
    record = item.record
    if record.status == "draft" and record.content == record.generated:
        return item, False
    updated = DraftStore(workspace).update(
        release_id,
        record.kind,
        record.key,
        content=dict(record.generated),
        status="draft",
        warnings=[],
        dismissed=[],
        expected=record,
        actor=actor,
        action="reset",
    )
    return item.with_record(updated), True


UNDONE_WORDS = {
    "approved": "approved",
    "rejected": "rejected",
    "needs-engineering": "sent to engineering",
    "dismiss-warnings": "warnings dismissed",
    "reset": "reset to the machine draft",
    "edited": "text edited",
    "redraft": "the re-draft",
}
"""What an undone review action was, in plain words."""

STATUS_WORDS = {"needs-engineering": "needs engineering"}


@dataclass
class Undone:
    item: ReviewItem
    action: str
    """The action undone: reset, edited, approved, rejected, ..."""
    by: str
    at: str
    undone_by: str = ""
    """Who undid it: the action's author is named only when it was someone else."""

    def summary(self) -> str:
        """`C1 undid: warnings dismissed; the note is back to edited.`: the one wording the
        CLI and the app both print. An edit is accepted, not approved; whose action it was
        is said when it was not the undoer's own (`undid: rejected by dana; ...`)."""
        kind, status = self.item.record.kind, self.item.record.status
        what = UNDONE_WORDS.get(self.action, self.action.replace("-", " "))
        if kind == "edit":
            what = what.replace("approved", "accepted")
            status = "accepted" if status == "approved" else status
        if self.by and self.by != self.undone_by:
            what += f" by {self.by}"
        noun = "edit" if kind == "edit" else "note"
        return (
            f"{self.item.handle} undid: {what}; "
            f"the {noun} is back to {STATUS_WORDS.get(status, status)}."
        )

    def to_dict(self) -> dict[str, Any]:
        return {"undone": self.action, "undone_by": self.by, "undone_at": self.at} | (
            self.item.to_dict()
        )


def last_action(workspace: Workspace, review: Review) -> ReviewItem | None:
    """The draft whose review action is the newest in the release, if any; for a re-draft,
    the change's note (a re-draft is undone as a whole)."""
    entries = DraftStore(workspace).history(review.release_id)
    present: dict[tuple[str, str], ReviewItem] = {
        (item.record.kind, item.record.key): item for item in review.items
    }
    for latest in reversed(entries):
        if latest.action == "redraft" and latest.kind == "edit":
            for item in review.items:
                if item.record.kind == "note" and latest.key.startswith(f"{item.record.key}:"):
                    return item
        found = present.get((latest.kind, latest.key))
        if found is not None:
            return found
    return None


def _redraft_note(workspace: Workspace, release_id: int, item: ReviewItem) -> ReviewItem:
    """The note to undo instead of `item`: an edit whose latest action is a re-draft is
    undone with its change as a whole (the note's undo restores the change's edits)."""
    record = item.record
    if record.kind != "edit":
        return item
    steps = DraftStore(workspace).history(release_id, "edit", record.key)
    if not steps or steps[-1].action != "redraft":
        return item
    note_key = _note_key(record)
    for candidate in load_review(workspace, release_id).items:
        if candidate.record.kind == "note" and candidate.record.key == note_key:
            return candidate
    return item


def undo(
    workspace: Workspace, release_id: int, item: ReviewItem, *, actor: str | None = None
) -> Undone:
    """Undo the draft's latest review action (a reset gives the writer's text back; a
    re-draft, undone from the note or any of its edits, gives the change's drafts back as
    the exact set they were)."""
    item = _redraft_note(workspace, release_id, item)
    record = item.record
    store = DraftStore(workspace)
    steps = store.history(release_id, record.kind, record.key)
    if record.kind == "note" and steps and steps[-1].action == "redraft":
        store.check_redraft_undo(release_id, record.key, steps[-1].at)  # nothing half undone
    done = store.undo(release_id, record.kind, record.key, actor=actor)
    if done is None:
        raise ReviewError(
            f"{item.handle} has no review action to undo",
            hint="`behaviordiff review status` shows each draft's state",
        )
    updated, entry = done
    undoer = actor or current_actor()
    if entry.action == "redraft" and record.kind == "note":
        # a change is re-drafted as a whole: its edits come back with the note, as the set
        # they were (an edit the re-draft added goes, one it removed returns)
        store.undo_redraft(release_id, record.key, entry.at, actor=undoer)
    return Undone(item.with_record(updated), entry.action, entry.actor, entry.at, undoer)


def writer_work(items: Sequence[ReviewItem]) -> list[ReviewItem]:
    """The drafts among `items` that hold a writer's text or decision: what a re-draft would
    replace (it asks first, and undo gives them back)."""
    return [
        item
        for item in items
        if item.record.edited_by or item.record.status not in ("draft",) or item.record.dismissed
    ]


# edit ---------------------------------------------------------------------------------


def editable(record: DraftRecord) -> dict[str, Any]:
    """The fields a writer edits. An edit the drafter could only flag (no new body) starts
    from the current body."""
    content = record.content
    if record.kind == "note":
        return {name: content.get(name) for name in NOTE_FIELDS}
    new_body = content.get("new_body")
    return {
        "new_body": content.get("old_body", "") if new_body is None else new_body,
        "rationale": content.get("rationale", ""),
    }


class _Dumper(yaml.SafeDumper):
    pass


class _Block(str):
    """Prose, written as a block (`|-`): a writer types `#`, `: ` or quotes in it without YAML
    taking them for a comment, a mapping or the end of a string."""


def _represent_block(dumper: yaml.SafeDumper, value: _Block) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


_Dumper.add_representer(_Block, _represent_block)


def _as_blocks(value: Any) -> Any:
    if isinstance(value, str):
        return _Block(value)
    if isinstance(value, list):
        return [_as_blocks(entry) for entry in value]
    return value


def _comment(text: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in text.splitlines() or [""])


def edit_document(item: ReviewItem, release_id: int) -> str:
    """The YAML file a writer edits: a comment header, then the editable fields."""
    record = item.record
    content = record.content
    lines = [f"behaviordiff review edit {item.handle} (release #{release_id})"]
    if record.kind == "note":
        lines += [
            f"Behavior note for change {record.change_id}.",
            "Keys: title, before, after, when, customer_impact, cs_actions (a list, one "
            "action per '- ' line), severity (high, medium or low).",
            "State only numbers, amounts and durations the change's evidence has:",
        ]
        for evidence in content.get("evidence", [])[:3]:
            lines += [
                f"  {evidence.get('probe_id', '')}",
                f"    old: {evidence.get('old', '')}",
                f"    new: {evidence.get('new', '')}",
            ]
    else:
        lines += [
            f'Suggested edit of the {item.label} "{item.title}" (change {record.change_id}).',
            "Keys: new_body (the full new text, indented under `new_body: |`), rationale.",
        ]
        placeholders = find_placeholders(content.get("old_body") or "")
        if placeholders:
            lines.append("Keep these placeholders exactly: " + ", ".join(placeholders))
        conflicts = content.get("conflicts") or []
        if conflicts:
            lines.append("The current body says, no longer true:")
            lines += [f"  - {sentence}" for sentence in conflicts]
    lines += [
        "A key you delete keeps its current text. Save and close the editor to store the",
        "draft as `edited`; leave it unchanged to store nothing.",
    ]
    fields = {
        key: value if key == "severity" else _as_blocks(value)
        for key, value in editable(record).items()
    }
    body = yaml.dump(
        fields,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
    return _comment("\n".join(lines)) + "\n\n" + body


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "a single piece of text"
    return a_or_an(type(value).__name__)


def parse_edit(text: str, where: str, item: ReviewItem) -> dict[str, Any]:
    """The fields a writer's YAML sets, validated: file:line on a YAML error, unknown keys
    named with the allowed ones, text where text belongs, severity high|medium|low."""
    data, node = parse_yaml(text, where, ReviewError)
    allowed = item.fields
    allowed_words = ", ".join(allowed)
    if data is None:
        raise ReviewError(
            "the file sets no field", where=where, hint=f"set at least one of: {allowed_words}"
        )
    if not isinstance(data, dict):
        raise ReviewError(
            f"expected `key: value` lines, found {_type_name(data)}",
            where=f"{where}:{line_of(node) or 1}",
            hint=f"{a_or_an(item.label)} has the keys: {allowed_words}",
        )

    def at(key: Any) -> str:
        line = line_of(node, str(key))
        return f"{where}:{line}" if line else where

    unknown = [key for key in data if key not in allowed]
    if unknown:
        names = ", ".join(f"'{key}'" for key in unknown)
        keys = f"{a_or_an(item.label)} has the keys: {allowed_words}"
        near = {key: near_names(str(key), allowed, limit=1) for key in unknown}
        meant = " ".join(
            f"did you mean {close[0]}?"
            if len(unknown) == 1
            else f"'{key}': did you mean {close[0]}?"
            for key, close in near.items()
            if close
        )
        raise ReviewError(
            f"unknown key{'s' if len(unknown) > 1 else ''} {names}",
            where=at(unknown[0]),
            hint=f"{meant} {keys[:1].upper()}{keys[1:]}" if meant else keys,
        )
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in _LIST_FIELDS:
            if not isinstance(value, list) or not all(
                isinstance(entry, str) and entry.strip() for entry in value
            ):
                raise ReviewError(
                    f"{key} must be a list of text, one item per line, not {_type_name(value)}"
                    if not isinstance(value, list)
                    else f"{key} must hold text items only, none empty",
                    where=at(key),
                    hint=f"write it as `{key}:` followed by lines `  - what CS should do`",
                )
            values[key] = [entry.strip() for entry in value]
            continue
        if not isinstance(value, str):
            raise ReviewError(
                f"{key} must be text, not {_type_name(value)}",
                where=at(key),
                hint=f"put the text in quotes, or write `{key}: |` with the text indented on "
                "the lines below",
            )
        if key == "severity":
            value = value.strip().lower()
            if value not in SEVERITIES:
                raise ReviewError(
                    f"severity '{data[key]}' is not one of high, medium, low", where=at(key)
                )
        elif key in ("title", "new_body") and not value.strip():
            raise ReviewError(
                f"{key} is empty",
                where=at(key),
                hint="write the text, or delete the key to keep the current one",
            )
        values[key] = value
    problem = length_problem(item, values, at)
    if problem is not None:
        raise problem
    return values


def _check_text(kind: str, content: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The text to check and the text it may also draw on (an edit's current body)."""
    extra = [] if kind == "note" else [content.get("old_body") or ""]
    return stated_text(kind, content), extra


def _squash(placeholder: str) -> str:
    return re.sub(r"\s+", "", placeholder)


def edit_warnings(
    kind: str,
    label: str,
    content: Mapping[str, Any],
    generated: Mapping[str, Any],
    grounding: Grounding | None,
) -> list[str]:
    """What a writer's text may have got wrong; never blocks saving. Grounding problems the
    machine draft also has are not the writer's and are left out."""
    warnings: list[str] = []
    if kind == "edit":
        kept = {_squash(p) for p in find_placeholders(content.get("new_body") or "")}
        for placeholder in find_placeholders(content.get("old_body") or ""):
            if _squash(placeholder) not in kept:
                warnings.append(
                    f"new_body drops the placeholder {placeholder}, which the {label}'s "
                    "current body has: the helpdesk fills it in per ticket, so put it back"
                )
    if grounding is None:
        warnings.append(
            "not checked against the evidence: the release's analysis no longer has this "
            "draft's change"
        )
        return warnings
    text, extra = _check_text(kind, content)
    problems = grounding.check(text, extra=extra).problems
    machine_text, machine_extra = _check_text(kind, generated)
    known = set(grounding.check(machine_text, extra=machine_extra).problems) if generated else set()
    warnings += [f"the edited text {problem}" for problem in problems if problem not in known]
    return warnings


def text_limit(item: ReviewItem, name: str) -> int:
    """The most characters a writer's text of field `name` may have: `PUBLISHED_CHARS`, what
    the changelog, the report and the CSV publish of a writer's field whole (room for any text
    written for people, not for a pasted reply of megabytes, whose every save and edit check
    would hold the app for seconds); an edit's new body also as long as the item's current
    body and that much more (a long help article is rewritten whole)."""
    return content_limit(item.record.content, name)


def content_limit(content: Mapping[str, Any], name: str) -> int:
    """`text_limit` of field `name` of a draft whose content is `content`."""
    if name == "new_body":
        return len(str(content.get("old_body") or "")) + PUBLISHED_CHARS
    return PUBLISHED_CHARS


def field_text(value: Any) -> str:
    """A field's value as the writer types it: a list (what CS should do) one item a line."""
    return "\n".join(map(str, value)) if isinstance(value, list) else str(value or "")


def length_problem(
    item: ReviewItem, values: Mapping[str, Any], at: Callable[[str], str] | None = None
) -> ReviewError | None:
    """The error for the first of `values` longer than `text_limit` and than the text stored
    (one stored before the limit, however long, may be kept or shortened), if any; `at`
    names where a field was written (file:line)."""
    before = editable(item.record)
    for name, value in values.items():
        text = field_text(value)
        limit = text_limit(item, name)
        if len(text) > limit and len(text) > len(field_text(before.get(name))):
            return ReviewError(
                f"{item.handle}'s {name} is {len(text):,} characters, over the {limit:,} a "
                "writer's text may have",
                where=at(name) if at is not None else None,
                hint=f"shorten it to at most {limit:,} characters; nothing was saved",
            )
    return None


@dataclass
class EditOutcome:
    item: ReviewItem
    changed: bool
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"changed": self.changed, "warnings": self.warnings, **self.item.to_dict()}


def apply_edit(
    workspace: Workspace,
    release_id: int,
    item: ReviewItem,
    values: Mapping[str, Any],
    groundings: Mapping[str, Grounding],
    *,
    actor: str | None = None,
    coalesce: bool = False,
) -> EditOutcome:
    """Store the writer's fields (status `edited`) with what the edit check finds in them;
    unchanged text stores nothing. A new title carries into the action line that only
    restated the old one (`title_followed`); an action line the writer wrote stays. The
    warnings stay on the draft until the text no longer raises them or a writer dismisses
    them; a dismissed one stays dismissed. `coalesce` (autosave) folds quick successive
    edits into one undo step."""
    record = item.record
    before = editable(record)
    if {**before, **values} == before:
        return EditOutcome(item, changed=False, warnings=record.open_warnings)
    problem = length_problem(item, values)
    if problem is not None:
        raise problem
    # a retitled note's "Brief reps:" line the writer left alone names the new title
    content = title_followed(
        record.kind, {**record.content, **values}, record.content, record.generated
    )
    if record.kind == "edit":
        if (
            content.get("new_body") == content.get("old_body")
            and record.generated.get("new_body") is None
        ):
            # a flagged item whose body the writer left as it is stays flagged: approving it
            # must not propose to put back a body the helpdesk may have changed since
            content["new_body"] = None
        content["rewritten"] = content.get("new_body") not in (None, content.get("old_body"))
    warnings = (
        edit_warnings(
            record.kind, item.label, content, record.generated, groundings.get(_note_key(record))
        )
        if content != record.generated
        else []
    )
    dismissed = [warning for warning in record.dismissed if warning in warnings]
    status = None
    if content == record.generated and record.status == "edited":
        status = "draft"
    updated = DraftStore(workspace).update(
        release_id,
        record.kind,
        record.key,
        content=content,
        status=status,
        warnings=warnings,
        dismissed=dismissed,
        expected=record,
        actor=actor,
        action="edited",
        coalesce=coalesce,
    )
    open_warnings = [warning for warning in warnings if warning not in dismissed]
    return EditOutcome(item.with_record(updated), changed=True, warnings=open_warnings)


def read_edit_file(path: Path, item: ReviewItem) -> dict[str, Any]:
    from behaviordiff.loading import read_text

    if not path.exists():
        raise ReviewError("file not found", where=path, hint="check the path given to --from")
    return parse_edit(read_text(path, ReviewError), str(path), item)


# what the review app shows ------------------------------------------------------------

_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


@dataclass
class QueueEntry:
    """One behavior change (its note and its suggested edits), or a wording-only group."""

    change_id: str
    title: str
    kind: str
    """`change`, or `wording` for a group whose wording moved but behavior did not."""
    severity: str
    probes: int
    facets: list[str]
    note: ReviewItem | None = None
    edits: list[ReviewItem] = field(default_factory=list)

    @property
    def handle(self) -> str:
        return self.note.handle if self.note is not None else self.change_id

    @property
    def status(self) -> str:
        return self.note.record.status if self.note is not None else "wording"

    @property
    def warnings(self) -> int:
        items = [self.note, *self.edits] if self.note is not None else self.edits
        return sum(len(item.record.open_warnings) for item in items if item is not None)

    @property
    def flags(self) -> list[str]:
        record = self.note.record if self.note is not None else None
        flags = []
        state = review_state(record) if record is not None else None
        if state is not None and state.flag:
            flags.append(state.flag)
        if state is not None and state.suggestion_moved:
            flags.append(SUGGESTION_MOVED)
        if record is not None and record.stale:
            flags.append("stale")
        return flags

    def search_text(self) -> str:
        return " ".join([self.handle, self.title, self.status, *self.facets]).lower()


@dataclass
class Queue:
    release_id: int
    entries: list[QueueEntry]
    counts: dict[str, int]


def review_queue(workspace: Workspace, release_id: int) -> Queue:
    """Every behavior change of the release with its drafts, then the wording-only groups,
    sorted by severity then by how many probes changed."""
    from behaviordiff.store.review_reads import change_rows

    review = load_review(workspace, release_id)
    rows = {row.change_id: row for row in change_rows(workspace, release_id)}
    entries: dict[str, QueueEntry] = {}
    for item in review.items:
        record = item.record
        group = item.handle.partition(".")[0]
        if record.kind == "note":
            row = rows.get(record.change_id) if not record.stale else None
            entries[group] = QueueEntry(
                change_id=record.change_id,
                title=item.title,
                kind="change",
                severity=str(record.content.get("severity") or "low"),
                probes=len(row.probe_ids) if row else 0,
                facets=list(row.facets) if row else [],
                note=item,
            )
        elif group in entries:
            entries[group].edits.append(item)
    ordered = sorted(
        entries.values(),
        key=lambda entry: (
            entry.note is not None and entry.note.record.stale,
            _SEVERITY_RANK.get(entry.severity, 3),
            -entry.probes,
            _natural(entry.change_id),
        ),
    )
    wording = [
        QueueEntry(
            change_id=row.change_id,
            title=row.title,
            kind="wording",
            severity="none",
            probes=len(row.probe_ids),
            facets=list(row.facets),
        )
        for row in rows.values()
        if row.kind == "wording"
    ]
    return Queue(release_id, ordered + wording, review.counts())


@dataclass(frozen=True)
class ProbeEvidence:
    probe_id: str
    verdict: str
    facets: list[str]
    old_samples: int
    new_samples: int
    old_excerpt: str
    new_excerpt: str


@dataclass(frozen=True)
class ChangeEvidence:
    change_id: str
    conditions: list[str]
    """The conditions under which the change happens, best first ("when ...")."""
    hunks: list[Attribution]
    """The prompt/config diff hunks attributed to the change, most likely first."""
    before: list[str]
    after: list[str]
    probes: list[ProbeEvidence]


def change_evidence(workspace: Workspace, release_id: int, change_id: str) -> ChangeEvidence:
    """The evidence of one change: its probes with their verdicts, conditions and hunks."""
    from behaviordiff.store.review_reads import change_detail, probe_verdicts

    detail = change_detail(workspace, release_id, change_id)
    if detail is None:
        return ChangeEvidence(change_id, [], [], [], [], [])
    probes = [
        ProbeEvidence(
            probe_id=row.probe_id,
            verdict=row.verdict,
            facets=row.facets,
            old_samples=row.old_samples,
            new_samples=row.new_samples,
            old_excerpt=str((row.evidence.get("excerpts") or {}).get("old") or ""),
            new_excerpt=str((row.evidence.get("excerpts") or {}).get("new") or ""),
        )
        for row in probe_verdicts(workspace, release_id, detail.row.probe_ids)
    ]
    return ChangeEvidence(
        change_id=change_id,
        conditions=[condition.describe() for condition in detail.change.conditions],
        hunks=list(detail.change.attribution),
        before=list(detail.change.before),
        after=list(detail.change.after),
        probes=probes,
    )


@dataclass(frozen=True)
class Sample:
    """One run of a probe as a writer reads it: the tool calls, then the reply."""

    sample: int
    tool_calls: list[str]
    reply: str
    escalated: bool
    error: str | None
    reply_not_text: str | None = None
    """What the reply was when not a string ('a JSON object', ...): it is shown as JSON text."""

    def text(self) -> str:
        lines = [f"→ {call}" for call in self.tool_calls]
        if self.escalated:
            lines.append("→ handed to a human")
        if self.error:
            lines.append(f"error: {self.error}")
        if self.reply_not_text:
            lines.append(f"the reply was {self.reply_not_text}, not a string; as JSON text:")
        return "\n".join([*lines, "", self.reply] if lines else [self.reply])


def _call_text(call: Mapping[str, Any]) -> str:
    arguments = call.get("arguments")
    if isinstance(arguments, Mapping):
        inner = ", ".join(f"{key}={json_text(value)}" for key, value in arguments.items())
    else:
        inner = str(call.get("raw_arguments") or "")
    return f"{call.get('name', '?')}({inner})"


def _sample(data: Mapping[str, Any]) -> Sample:
    return Sample(
        sample=int(data.get("sample") or 0),
        tool_calls=[_call_text(call) for call in data.get("tool_calls") or []],
        reply=json_text(data.get("final_reply") or ""),
        escalated=bool(data.get("escalated")),
        error=data.get("error"),
        reply_not_text=(data.get("metadata") or {}).get("reply_not_text"),
    )


def probe_samples(
    workspace: Workspace, release_id: int, probe: ProbeEvidence
) -> tuple[list[Sample], list[Sample]]:
    """The old and new samples of a probe, from the stored runs; a release stored without
    its runs (`compare` of recordings) shows the analysis' excerpts as one sample each."""
    from behaviordiff.store.review_reads import probe_transcripts

    sides = probe_transcripts(workspace, release_id, probe.probe_id)
    old = [_sample(data) for data in sides["base"]]
    new = [_sample(data) for data in sides["head"]]
    if not old and not new:
        old = [Sample(0, [], probe.old_excerpt, False, None)]
        new = [Sample(0, [], probe.new_excerpt, False, None)]
    return old, new


def evidence_checks(
    workspace: Workspace, release_id: int, change_ids: Sequence[str] | None = None
) -> dict[str, Grounding]:
    """Per note key, what a writer's text is checked against (see `edit_warnings`): every
    change of the release, or only `change_ids`. Keyed by each note's own key: a note whose
    key is not the one its change's facts name now (a key kept from an earlier drafting) is
    checked against its change (by the change id it was drafted from) all the same; only a
    note whose change the analysis does not have is left unchecked, and says so."""
    from behaviordiff.drafting.service import grounding_by_change

    found = grounding_by_change(workspace, release_id, change_ids)
    wanted = set(change_ids) if change_ids is not None else None
    for record in DraftStore(workspace).drafts(release_id, "note"):
        if record.stale or record.key in found:
            continue
        if wanted is not None and record.change_id not in wanted:
            continue
        one = grounding_by_change(workspace, release_id, [record.change_id])
        if len(one) == 1:
            found[record.key] = next(iter(one.values()))
    return found
