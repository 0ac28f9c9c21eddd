"""Everything publishing needs to know about one release, read once: its runs, analysis,
drafts with their handles and review status, CS's acknowledgements and the edits delivered.

The changelog, the report, `ack` and the gate all read this one view, so they never disagree
about what is approved, acknowledged or missing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from behaviordiff.detect.model import Analysis, BehaviorChange, ProbeVerdict
from behaviordiff.review import ReviewItem, assign_handles, carried_edits, edit_target
from behaviordiff.store.acks import APPLIED, AckRecord, AckStore, DeliveryRecord, content_digest
from behaviordiff.store.drafts import (
    NO_CHANGE_REASONS,
    REVIEWED,
    DraftRecord,
    DraftStore,
    without_edit_pointers,
)

if TYPE_CHECKING:
    from behaviordiff.store import Workspace
    from behaviordiff.store.workspace import Release


@dataclass(frozen=True)
class Approval:
    by: str
    at: str


def review_reason(record: DraftRecord) -> str | None:
    """Why a writer rejected a draft (its reason, and the text saying why), or the comment
    sending it back to engineering."""
    reason = record.reason.replace("-", " ") if record.reason else None
    comment = record.comment.strip() if record.comment and record.comment.strip() else None
    if reason and comment:
        return f"{reason}: {comment}"
    return reason or comment


@dataclass
class ChangeState:
    """One behavior change of the release, as publishing sees it."""

    handle: str
    """`C1`, as `review list` shows it."""
    key: str
    """The note's stable key: the same change keeps it across releases."""
    change: BehaviorChange | None
    """The change in the release's analysis (None when the analysis no longer has it)."""
    note: ReviewItem | None
    edits: list[ReviewItem] = field(default_factory=list)
    ack: AckRecord | None = None
    """CS's acknowledgement standing for this change, whatever text it was given for: given in
    this release, or carried from an earlier one (`ack.release_id` says which)."""
    approval: Approval | None = None
    rejected_targets: frozenset[str] = frozenset()
    """`macro “Title”` / `FAQ article “Title”` of each knowledge-base item of the release
    whose every suggested edit a writer rejected as needing no change (`NO_CHANGE_REASONS`):
    no action line may send CS to update it (its text, or its settings: the export carries
    no rejected edit)."""
    hand_edits: dict[str, ReviewItem] = field(default_factory=dict)
    """Per item of this change (`edit_target`) whose every suggested edit a writer rejected
    as a wrong draft (or for another reason that is not "needs no change"): the rejected edit.
    The item still states the old behavior: CS is told to rewrite it by hand, and the gate
    waits for `ack done` on that edit."""
    shared_hand_edits: dict[str, ReviewItem] = field(default_factory=dict)
    """Per item this change's note tells CS to update whose one edit another change carries
    (one edit per item: "the suggested edit is attached to C1"), rejected as a wrong draft:
    that edit. The item states this change's old rule too: the note keeps its line, by hand
    (the gate waits on the edit once, under the change it is filed under)."""
    carried_pointers: dict[str, str] = field(default_factory=dict)
    """Per item this change's note tells CS to update whose one edit belongs to a change
    rejected as a whole and is carried on (`carried_edits`): where that edit is now, in place
    of the note's "(the suggested edit is attached to C1)", which names a change CS never
    sees."""
    also_states: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Per item of `hand_edits`: (handle, what it says) of each other change whose old rule
    the item also states (`shared_hand_edits` there), so the line naming it says all of it."""

    @property
    def status(self) -> str:
        return self.note.record.status if self.note is not None else "not drafted"

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    @property
    def reviewed(self) -> bool:
        return self.status in REVIEWED

    @property
    def look_again(self) -> str | None:
        """Why the note needs a writer again (`review_state`): `outdated`, `reopened`, None."""
        return self.note.state.look_again if self.note is not None else None

    @property
    def digest(self) -> str:
        return content_digest("note", self.note.record.content) if self.note else ""

    def reads_as(self, digest: str) -> bool:
        """The note's text now is the one of `digest` (an acknowledgement's): the same, or
        the same but for where its action lines say a suggested edit is filed
        (`without_edit_pointers`)."""
        if self.note is None:
            return False
        return digest in (
            self.digest,
            content_digest("note", without_edit_pointers(self.note.record.content)),
        )

    @property
    def acked(self) -> bool:
        """Acknowledged by CS for the text the note has now."""
        return self.ack is not None and self.reads_as(self.ack.content_digest)

    @property
    def moved_since_ack(self) -> str:
        """Why an acknowledgement is for an earlier text, truthfully: a writer edited the
        note after it, or (no edit since) a later drafting moved its machine-drafted lines."""
        record = self.note.record if self.note is not None else None
        if self.ack is None or record is None:
            return ""
        if record.edited_at and record.edited_at > self.ack.acked_at:
            return f"the note was edited since (by {record.edited_by})"
        return (
            "the note's machine-drafted lines moved since (a later drafting; no writer edited it)"
        )

    @property
    def ack_outdated(self) -> bool:
        """Acknowledged, but the note was edited since: CS has not read this text."""
        return self.ack is not None and not self.acked

    @property
    def title(self) -> str:
        if self.note is not None:
            return self.note.title
        return self.change.title if self.change is not None else self.key

    @property
    def content(self) -> dict[str, Any]:
        """The note as published: the writer's text where edited, with no action line telling
        CS to update an item whose edit a writer rejected. Every other action line is the one
        stored, as the writer approved it (a "Brief reps:" line naming the machine's title
        included: what CS reads is what the writer saw)."""
        if self.note is None:
            return {}
        content = dict(self.note.record.content)
        actions = content.get("cs_actions")
        if isinstance(actions, list):
            dropped = tuple(
                start
                for target in self.rejected_targets | frozenset(self.hand_edits)
                for start in (f"Update {target}:", f"Check the settings of {target}")
            )
            published: list[Any] = []
            told: set[str] = set()
            owed = self.hand_edits | self.shared_hand_edits
            for action in actions:
                target = next((t for t in owed if str(action).startswith(f"Update {t}:")), None)
                if target is not None:
                    published.append(
                        hand_edit_line(
                            target, owed[target], actions, self.also_states.get(target, [])
                        )
                    )
                    told.add(target)
                elif not str(action).startswith(dropped):
                    pointer = next(
                        (
                            where
                            for t, where in self.carried_pointers.items()
                            if str(action).startswith(f"Update {t}:")
                        ),
                        None,
                    )
                    if pointer is not None:
                        action, found = _ATTACHED.subn(f" {pointer}", str(action), count=1)
                        if not found:
                            action = f"{action.rstrip('.')} {pointer}."
                    published.append(action)
            # an item the writer's action lines do not name is still CS's to rewrite
            brief = next(
                (i for i, a in enumerate(published) if str(a).startswith("Brief reps:")),
                len(published),
            )
            published[brief:brief] = [
                hand_edit_line(target, item, actions, self.also_states.get(target, []))
                for target, item in self.hand_edits.items()
                if target not in told
            ]
            content["cs_actions"] = published
        return content

    def approved_edits(self) -> list[ReviewItem]:
        return [item for item in self.edits if item.record.status == "approved"]

    def owed_edits(self) -> list[ReviewItem]:
        """The rejected edits whose item CS still rewrites by hand (`hand_edits`): none when
        the change itself is rejected (nothing of it is for CS)."""
        if self.status == "rejected":
            return []
        return list(self.hand_edits.values())


@dataclass
class ReleaseState:
    release: Release
    analysis: Analysis | None
    planned_runs: int | None
    ok_runs: int
    failed_runs: int
    changes: list[ChangeState]
    wording: list[BehaviorChange]
    stale: list[ReviewItem]
    """Drafts the latest drafting no longer produces; not published, not gated."""
    delivered: dict[str, str]
    """Edit key → how it reached the helpdesk (`exported`, `done` or `pushed`), for the text
    it has now; `applied` says whether that puts it in the helpdesk."""
    withdrawn: list[AckRecord]
    audit: list[dict[str, Any]]
    deliveries: dict[str, DeliveryRecord] = field(default_factory=dict)
    """Edit key → its newest delivery for the text it has now: who, when, the helpdesk's id."""
    running: bool = False
    """Another process's `behaviordiff run` is working on this release (the newest) now."""

    def undecided(self) -> list[ProbeVerdict]:
        """Probes the analysis could not decide (`inconclusive`): too few samples, or runs
        that failed. A behavior change may hide there, so the release is not cleared for
        customers until another run decides them."""
        if self.analysis is None:
            return []
        return [probe for probe in self.analysis.probes if probe.verdict == "inconclusive"]

    def applied(self, key: str) -> bool:
        """The edit's current text is in the helpdesk: pushed, or marked done by CS. An export
        alone is a file handed over, not proof CS imported it."""
        return self.delivered.get(key) in APPLIED

    @property
    def items(self) -> list[ReviewItem]:
        return [
            item
            for change in self.changes
            for item in ([change.note] if change.note else []) + change.edits
        ]

    def change(self, handle_or_key: str) -> ChangeState | None:
        wanted = handle_or_key.strip().lower()
        for change in self.changes:
            if wanted in (change.handle.lower(), change.key.lower()):
                return change
        return None

    def by_hand(self, item: ReviewItem) -> bool:
        """A rejected edit whose item CS still rewrites by hand (`ChangeState.owed_edits`)."""
        return any(item in change.owed_edits() for change in self.changes)

    def also_for(self, item: ReviewItem) -> list[str]:
        """Handles of the other changes whose old rule the item of a rejected edit states too
        (`ChangeState.shared_hand_edits`): its rewrite by hand covers them as well."""
        return [
            change.handle for change in self.changes if item in change.shared_hand_edits.values()
        ]

    def edit_row(self, item: ReviewItem) -> dict[str, Any]:
        """A macro/article edit as the ack list and the changelog show it."""
        return {
            "handle": item.handle,
            "key": item.record.key,
            "target": item.label,
            "title": item.title,
            "status": item.record.status,
            "by_hand": self.by_hand(item),
            "also_for": self.also_for(item),
            "delivered": self.delivered.get(item.record.key),
            "applied": self.applied(item.record.key),
            "delivery": (
                self.deliveries[item.record.key].to_dict()
                if item.record.key in self.deliveries
                else None
            ),
        }

    def counts(self) -> dict[str, int]:
        statuses: dict[str, int] = {}
        for change in self.changes:
            statuses[change.status] = statuses.get(change.status, 0) + 1
        return {
            "behavior_changes": len(self.changes),
            "wording_only": len(self.wording),
            "approved": sum(change.approved for change in self.changes),
            "rejected": statuses.get("rejected", 0),
            "reviewed": sum(change.reviewed for change in self.changes),
            "acknowledged": sum(change.approved and change.acked for change in self.changes),
            "edits": sum(len(change.edits) for change in self.changes),
            "edits_approved": sum(len(change.approved_edits()) for change in self.changes),
            "edits_delivered": sum(
                1
                for change in self.changes
                for item in change.approved_edits()
                if item.record.key in self.delivered
            ),
            "edits_applied": sum(
                1
                for change in self.changes
                for item in change.approved_edits()
                if self.applied(item.record.key)
            ),
            "outdated": sum(1 for item in self.items if item.state.look_again == "outdated"),
            "reopened": sum(1 for item in self.items if item.state.look_again == "reopened"),
        }


def _approvals(audit: list[dict[str, Any]]) -> dict[str, Approval]:
    """Note key → who approved it last, from the audit trail."""
    found: dict[str, Approval] = {}
    for entry in audit:
        if entry["action"] == "drafts.approved" and entry["subject"]:
            found[entry["subject"]] = Approval(entry["actor"], entry["at"])
    return found


def _carried_approval(
    workspace: Workspace,
    release_id: int,
    key: str,
    carried_from: int | None,
    audits: dict[int, list[dict[str, Any]]],
) -> Approval | None:
    """Who approved a note carried approved from an earlier release (its text reads the same
    as the one approved there): the approval is in that release's audit trail, under the key
    the change had there, or further back when it was carried there too. `audits`: each
    release's audit trail, read once."""

    def audit(release: int) -> list[dict[str, Any]]:
        if release not in audits:
            audits[release] = workspace.audit(release)
        return audits[release]

    seen: set[int] = set()
    while carried_from is not None and carried_from not in seen and carried_from < release_id:
        seen.add(carried_from)
        key = _earlier_keys(audit(release_id)).get(key, key)
        approval = _approvals(audit(carried_from)).get(key)
        if approval is not None:
            return approval
        earlier = next(
            (
                record
                for record in DraftStore(workspace).drafts(carried_from, "note")
                if record.key == key
            ),
            None,
        )
        if earlier is None or earlier.status != "approved":
            return None
        release_id, carried_from = carried_from, earlier.carried_from
    return None


def _standing_ack(
    workspace: Workspace,
    release_id: int,
    key: str,
    current: dict[str, AckRecord],
    audits: dict[int, list[dict[str, Any]]],
) -> AckRecord | None:
    """CS's acknowledgement standing for the note of `key`: given under this key, else under
    the key its change had in an earlier release before a run renumbered it (the same change,
    another key), newest release first. The caller checks it is for the same text: one for
    an earlier text is reported as such, never as none."""
    if key in current:
        return current[key]
    for release in range(release_id, 0, -1):
        if release not in audits:
            audits[release] = workspace.audit(release)
        earlier = _earlier_keys(audits[release]).get(key)
        if earlier is None or earlier == key:
            continue
        key = earlier
        if key in current:
            return current[key]
    return None


def _earlier_keys(audit: list[dict[str, Any]]) -> dict[str, str]:
    """A note's key in this release → its key in the release it was carried from, for the
    changes a later run renumbered (the same change, another key)."""
    found: dict[str, str] = {}
    for entry in audit:
        if entry["action"] != "drafts.generate" or not isinstance(entry["detail"], dict):
            continue
        for line in entry["detail"].get("renumbered_drafts") or []:
            if isinstance(line, dict) and line.get("kind") == "note":
                found[str(line.get("key"))] = str(line.get("from_key"))
    return found


def needs_hand_edit(record: DraftRecord) -> bool:
    """A suggested edit rejected for a reason that does not say its item needs no change
    (`wrong-draft`, `other`): the text was wrong, the item still states the old rule."""
    return (
        record.kind == "edit"
        and record.status == "rejected"
        and record.reason not in NO_CHANGE_REASONS
    )


_ATTACHED = re.compile(r"\s*\((?:the )?suggested edit[^)]*\)")


def hand_edit_line(
    target: str,
    item: ReviewItem,
    actions: list[Any],
    also: Sequence[tuple[str, str]] = (),
) -> str:
    """The action line telling CS to rewrite an item whose suggested edit a writer rejected
    as a wrong draft: the note's own line for it (what the item says now) with the reason
    in place of "(suggested edit attached)". `also`: (handle, what it says) of the other
    changes whose old rule the same item states (their part was carried in the rejected
    edit), each named, so rewriting the item by hand covers every sentence."""
    why = review_reason(item.record) or "rejected"
    said = f"(the suggested edit {item.handle} was rejected: {why}; nothing is exported for it)"
    line = next(
        (str(action) for action in actions if str(action).startswith(f"Update {target}:")), None
    )
    if line is None:
        out = f"Update {target} by hand: it still states the old behavior {said}."
    else:
        rest = line.removeprefix(f"Update {target}:").strip()
        rest, found = _ATTACHED.subn(" " + said, rest, count=1)
        if not found:
            rest = f"{rest.rstrip('.')} {said}."
        out = f"Update {target} by hand: {rest}"
    for handle, says in also:
        out = f"{out.rstrip('.')}. For {handle}, {says.rstrip('.')}."
    return out


def _what_it_says(line: str, target: str) -> str:
    """An action line "Update T: it says “…”, which is no longer true (the suggested edit is
    attached to C1)." as what the item says: "it says “…”, which is no longer true"."""
    rest = _ATTACHED.sub("", line.removeprefix(f"Update {target}:").strip())
    return rest.strip().rstrip(".") or "it states the old behavior"


def _rejected_targets(edits: list[ReviewItem]) -> tuple[frozenset[str], dict[str, ReviewItem]]:
    """The items whose every edit in the release a writer rejected (by the name the notes'
    action lines give them): those that need no change, and, per item that still needs a
    hand edit (one of its edits was rejected as a wrong draft), that rejected edit."""
    kept = {edit_target(item) for item in edits if item.record.status != "rejected"}
    rejected = [
        item for item in edits if item.record.status == "rejected" and edit_target(item) not in kept
    ]
    by_hand: dict[str, ReviewItem] = {}
    for item in rejected:
        if needs_hand_edit(item.record):
            by_hand.setdefault(edit_target(item), item)
    return (
        frozenset(edit_target(item) for item in rejected if edit_target(item) not in by_hand),
        by_hand,
    )


def load_state(workspace: Workspace, release_id: int) -> ReleaseState:
    """Read one release whole; nothing here writes."""
    release = workspace.release(release_id)
    analysis = workspace.load_analysis(release_id)
    row = workspace.db.execute(
        "SELECT (SELECT total FROM run_plans WHERE release_id = :id) AS planned, "
        "(SELECT COUNT(*) FROM runs WHERE release_id = :id AND status = 'ok') AS ok, "
        "(SELECT COUNT(*) FROM runs WHERE release_id = :id AND status = 'error') AS failed",
        {"id": release_id},
    ).fetchone()
    items = assign_handles(DraftStore(workspace).drafts(release_id))
    acks = AckStore(workspace)
    current = acks.current_acks(release_id)
    withdrawn = [ack for ack in acks.acks(release_id, include_withdrawn=True) if not ack.active]
    audit = workspace.audit(release_id)
    approvals = _approvals(audit)
    audits = {release_id: audit}
    analysed = {change.id: change for change in analysis.changes} if analysis else {}

    changes: list[ChangeState] = []
    stale: list[ReviewItem] = []
    by_handle: dict[str, ChangeState] = {}
    for item in items:
        record = item.record
        if record.stale:
            stale.append(item)
            continue
        if record.kind == "note":
            state = ChangeState(
                handle=item.handle,
                key=record.key,
                change=analysed.get(record.change_id),
                note=item,
                ack=_standing_ack(workspace, release_id, record.key, current, audits),
                approval=(
                    approvals.get(record.key)
                    or _carried_approval(
                        workspace, release_id, record.key, record.carried_from, audits
                    )
                )
                if record.status == "approved"
                else None,
            )
            changes.append(state)
            by_handle[item.handle] = state
        else:
            owner = by_handle.get(item.handle.partition(".")[0])
            if owner is not None:
                owner.edits.append(item)
    # an edit of a rejected change that another change relies on goes on with that change
    for key, carrier_note in carried_edits(items).items():
        carrier = by_handle.get(carrier_note.handle)
        if carrier is None:
            continue
        for drafted_change in changes:
            for edit in drafted_change.edits:
                if edit.record.key == key and drafted_change is not carrier:
                    drafted_change.edits.remove(edit)
                    carrier.edits.append(edit)
                    break
        edit = next(edit for edit in carrier.edits if edit.record.key == key)
        for drafted_change in changes:
            if drafted_change.status == "rejected":
                continue
            under = "" if drafted_change is carrier else f", filed under {carrier.handle}"
            drafted_change.carried_pointers[edit_target(edit)] = (
                f"(the suggested edit is {edit.handle}{under})"
            )
    rejected, by_hand = _rejected_targets([item for change in changes for item in change.edits])
    for drafted_change in changes:
        drafted_change.hand_edits = {
            target: item for target, item in by_hand.items() if item in drafted_change.edits
        }
        # another change's item to rewrite by hand is told under that change, once
        drafted_change.rejected_targets = rejected | frozenset(
            target for target in by_hand if target not in drafted_change.hand_edits
        )
    # an item whose one edit (filed under another change) carried this change's part too:
    # rejected as a wrong draft, it still states this change's old rule as well
    for drafted_change in changes:
        if drafted_change.status == "rejected" or drafted_change.note is None:
            continue
        actions = drafted_change.note.record.content.get("cs_actions")
        lines = [str(action) for action in actions] if isinstance(actions, list) else []
        for target, item in by_hand.items():
            if target in drafted_change.hand_edits:
                continue
            line = next((a for a in lines if a.startswith(f"Update {target}:")), None)
            owner = next((c for c in changes if target in c.hand_edits), None)
            if line is None or owner is None or owner.status == "rejected":
                continue
            drafted_change.shared_hand_edits[target] = item
            drafted_change.rejected_targets -= {target}
            owner.also_states.setdefault(target, []).append(
                (drafted_change.handle, _what_it_says(line, target))
            )
    deliveries = acks.delivered_records(release_id)
    drafted = {change.note.record.change_id for change in changes if change.note}
    for change_id, change in analysed.items():
        if change_id not in drafted:
            changes.append(ChangeState(change_id, change_id, change, None))
    return ReleaseState(
        release=release,
        analysis=analysis,
        planned_runs=row["planned"],
        ok_runs=int(row["ok"]),
        failed_runs=int(row["failed"]),
        changes=changes,
        wording=list(analysis.wording_groups) if analysis else [],
        stale=stale,
        delivered={key: record.how for key, record in deliveries.items()},
        withdrawn=withdrawn,
        audit=audit,
        deliveries=deliveries,
        running=_running(workspace, release_id, analysis is None),
    )


def _running(workspace: Workspace, release_id: int, unanalysed: bool) -> bool:
    """A release not analysed yet, the newest, while another process holds the run lock: its
    run is still going (a `run` works on the newest release), not stopped."""
    if not unanalysed or not workspace.busy("run"):
        return False
    newest = workspace.newest_release()
    return newest is not None and newest.id == release_id
