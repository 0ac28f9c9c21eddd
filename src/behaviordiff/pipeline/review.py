"""Reviewing a release's drafts: the operations the CLI's `review` commands and the review app
both call. The rules live in `behaviordiff.review` (handles, decisions, the edit check, undo);
this module adds what needs more of the core: re-drafting one change, the evidence a writer's
text is checked against, CS's acknowledgements and the helpdesk settings of an edited item."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from behaviordiff.detect.model import Analysis
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.export.collect import ReleaseSettings
from behaviordiff.kb import KnowledgeBase
from behaviordiff.llm.model import ChatModel
from behaviordiff.review import (
    EDIT_FIELDS,
    LOOK_AGAIN,
    NOTE_FIELDS,
    REASONS_NEEDING_TEXT,
    REJECT_REASONS,
    SEVERITIES,
    SUGGESTION_MOVED,
    Approval,
    ChangeEvidence,
    EditOutcome,
    ProbeEvidence,
    Queue,
    QueueEntry,
    Review,
    ReviewError,
    ReviewItem,
    ReviewState,
    Sample,
    Undone,
    apply_edit,
    change_evidence,
    dismiss_warnings,
    edit_document,
    editable,
    last_action,
    length_problem,
    load_review,
    moved_fields,
    moved_handles,
    parse_edit,
    probe_samples,
    read_edit_file,
    reject,
    reject_reason,
    rejected_change_words,
    rejection_warnings,
    reload_item,
    reset,
    review_queue,
    review_state,
    reviewer,
    send_to_engineering,
    text_limit,
    undo,
    warnings_after_rejecting,
    writer_work,
)
from behaviordiff.store.drafts import DraftConflict
from behaviordiff.textutil import a_or_an

if TYPE_CHECKING:
    from behaviordiff.config import Project
    from behaviordiff.drafting.service import ChangeRedraft, DrafterChoice, RedraftCancelled
    from behaviordiff.store import Workspace

__all__ = [
    "EDIT_FIELDS",
    "LOOK_AGAIN",
    "NOTE_FIELDS",
    "REASONS_NEEDING_TEXT",
    "REJECT_REASONS",
    "SEVERITIES",
    "SUGGESTION_MOVED",
    "Analysis",
    "Approval",
    "ChangeAck",
    "ChangeEvidence",
    "ChangeRedraft",
    "ChatModel",
    "DraftConflict",
    "EditOutcome",
    "EditStanding",
    "Grounding",
    "ItemSettings",
    "KnowledgeBase",
    "ProbeEvidence",
    "Queue",
    "QueueEntry",
    "RedraftCancelled",
    "ReleaseSettings",
    "Review",
    "ReviewError",
    "ReviewItem",
    "ReviewState",
    "Sample",
    "Undone",
    "apply_edit",
    "approve",
    "change_acks",
    "change_evidence",
    "change_grounding",
    "dismiss_warnings",
    "edit_document",
    "editable",
    "item_settings",
    "knowledge_base",
    "last_action",
    "length_problem",
    "load_review",
    "moved_fields",
    "moved_handles",
    "parse_edit",
    "probe_samples",
    "read_edit_file",
    "redraft",
    "reject",
    "reject_reason",
    "rejected_change_words",
    "rejection_warnings",
    "release_analysis",
    "reload_item",
    "reset",
    "review_queue",
    "review_state",
    "reviewer",
    "send_to_engineering",
    "text_limit",
    "undo",
    "warnings_after_rejecting",
    "writer_groundings",
    "writer_work",
]


def approve(
    workspace: Workspace,
    release_id: int,
    items: Sequence[ReviewItem],
    *,
    skip_stale: bool = False,
    despite_warnings: bool = False,
    actor: str | None = None,
) -> Approval:
    """`review.approve`, with a warning for each macro edit approved that narrows a macro
    every customer gets to the change's condition (see `export.collect.narrowing`). An
    outdated writer's text is checked against its change's evidence as it is now first:
    one stating what the evidence no longer says is blocked like any edit that warns."""
    from behaviordiff.export.collect import narrowing_warnings
    from behaviordiff.review import approve as approve_drafts

    outdated = {
        item.record.change_id
        for item in items
        if item.state.look_again == "outdated" and item.record.status != "approved"
    }
    result = approve_drafts(
        workspace,
        release_id,
        items,
        skip_stale=skip_stale,
        despite_warnings=despite_warnings,
        actor=actor,
        groundings=writer_groundings(workspace, release_id, outdated) if outdated else None,
    )
    result.warnings += narrowing_warnings(workspace, release_id, result.approved)
    return result


def change_grounding(
    workspace: Workspace, release_id: int, item: ReviewItem, analysis: Analysis | None = None
) -> Grounding | None:
    """What the text of `item` (a note or edit) is checked against: its change's evidence,
    built from that change alone (the review app checks one change at a time, with the
    release's `analysis` kept loaded). None for a stale draft, whose change id may now name
    another change."""
    from behaviordiff.drafting.service import change_grounding as build

    if item.record.stale:
        return None
    return build(workspace, release_id, item.record.change_id, analysis)


def release_analysis(workspace: Workspace, release_id: int) -> Analysis | None:
    """The release's stored analysis (None for a run stopped before it)."""
    return workspace.load_analysis(release_id)


def writer_groundings(
    workspace: Workspace, release_id: int, change_ids: Collection[str] | None = None
) -> dict[str, Grounding]:
    """Per note key, what a writer's text is checked against (the drafter's own grounding):
    every change of the release, or only `change_ids` (`review.evidence_checks`: a note keyed
    otherwise than its change's facts is checked against its change all the same)."""
    from behaviordiff.review import evidence_checks

    return evidence_checks(
        workspace, release_id, list(change_ids) if change_ids is not None else None
    )


def redraft(
    workspace: Workspace,
    release_id: int,
    project: Project,
    note: ReviewItem,
    edits: Sequence[ReviewItem] = (),
    *,
    actor: str | None = None,
    drafter: DrafterChoice | None = None,
    chat_model: ChatModel | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> ChangeRedraft:
    """Draft the change of `note` again with the project's drafter (the drafting model when
    one is configured, else the templates) and store it over the change's note and edits,
    a writer's text included: `undo` on the note gives back all of it. `note` and `edits`
    are the drafts as the writer saw them: one written since is a conflict, nothing stored.
    `drafter` overrides the config's choice; `should_stop` cancels (see `redraft_change`)."""
    if note.record.kind != "note":
        raise ReviewError(
            f"{note.handle} is a suggested edit: a re-draft is of a whole change",
            hint=f"re-draft its change: {note.handle.partition('.')[0]}",
        )
    expected = {item.record.key: item.record.revision for item in (note, *edits)}
    from behaviordiff.drafting.service import redraft_change

    return redraft_change(
        workspace,
        release_id,
        project,
        note.record.key,
        drafter=drafter,
        expected=expected,
        actor=actor,
        chat_model=chat_model,
        should_stop=should_stop,
        on_progress=on_progress,
    )


@dataclass(frozen=True)
class ChangeAck:
    """CS's acknowledgement of a change: who and when, and whether it is of the text the
    note has now (an acknowledgement of an earlier text no longer counts)."""

    by: str
    at: str
    note: str | None
    release_id: int
    """The release it was given in (an earlier one when carried forward)."""
    current: bool
    """Of the note's text as it reads now."""
    withdrawn_by: str | None = None
    withdrawn_at: str | None = None
    withdraw_reason: str | None = None

    def describe(self) -> str:
        text = f"acknowledged by {self.by} at {self.at}"
        if self.release_id and not self.current:
            text += " (of an earlier text: acknowledge again)"
        if self.note:
            text += f": “{self.note}”"
        if self.withdrawn_at:
            text = f"{text}; withdrawn by {self.withdrawn_by} at {self.withdrawn_at}" + (
                f" ({self.withdraw_reason})" if self.withdraw_reason else ""
            )
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "at": self.at,
            "note": self.note,
            "release_id": self.release_id,
            "current": self.current,
            "withdrawn_by": self.withdrawn_by,
            "withdrawn_at": self.withdrawn_at,
            "withdraw_reason": self.withdraw_reason,
        }


@dataclass(frozen=True)
class EditStanding:
    """Beside a suggested edit in the review app: where it stands on its way to the helpdesk
    (`delivery_words`) and the settings of its macro the export flags for a person to confirm
    (`SettingsReview.summary`), or None."""

    delivery: str
    settings_to_review: str | None
    rejected_change: str | None = None
    """Its change is rejected as a whole: kept for another change that relies on it, or not
    exported (`rejected_change_words`)."""


def edit_standing(
    workspace: Workspace, release_id: int, item: ReviewItem, settings: ReleaseSettings
) -> EditStanding:
    """`EditStanding` of one edit, read now; `settings`: the release's `ReleaseSettings` (its
    change facts read once)."""
    review = settings.of(item.record.key, item.record.item_key, item.record.content.get("new_body"))
    return EditStanding(
        edit_delivery(workspace, release_id, item),
        review.summary() if review else None,
        rejected_change_words(load_review(workspace, release_id).items, item),
    )


def delivery_words(status: str, delivered: str | None, delivery: Mapping[str, Any] | None) -> str:
    """Where an edit stands on its way to the helpdesk, in words (`ack list`, the review app):
    pushed (where, when, by whom), exported, done by hand, or not yet; empty for an edit not
    approved and never delivered."""
    if delivered == "pushed" and delivery:
        return (
            f"pushed to {delivery.get('helpdesk')} (id {delivery.get('helpdesk_id')}) "
            f"{delivery.get('delivered_at')} by {delivery.get('delivered_by')}"
        )
    if delivered == "exported":
        return "exported, not yet confirmed applied (`ack done` once applied)"
    if delivered == "done" and delivery:
        by, at = delivery.get("delivered_by"), delivery.get("delivered_at")
        return f"done by hand: marked by {by} {at}"
    if delivered:
        return delivered
    return "not pushed or marked done yet" if status == "approved" else ""


def edit_delivery(workspace: Workspace, release_id: int, item: ReviewItem) -> str:
    """`delivery_words` of one edit of the release, read now (a push from another terminal
    shows the next time the edit is shown)."""
    from behaviordiff.store.acks import AckStore

    record = AckStore(workspace).delivered_records(release_id).get(item.record.key)
    return delivery_words(
        item.record.status,
        record.how if record is not None else None,
        record.to_dict() if record is not None else None,
    )


def change_acks(workspace: Workspace, release_id: int, note: ReviewItem) -> list[ChangeAck]:
    """CS's acknowledgements of the change of `note`, oldest first: those given in this
    release (withdrawn ones included), else the one standing from an earlier release."""
    from behaviordiff.store.acks import AckStore, content_digest

    store = AckStore(workspace)
    key = note.record.key
    digest = content_digest("note", note.record.content)
    records = [
        record
        for record in store.acks(release_id, include_withdrawn=True)
        if record.change_key == key
    ]
    if not records:
        standing = store.current_acks(release_id).get(key)
        records = [standing] if standing is not None else []
    return [
        ChangeAck(
            by=record.acked_by,
            at=record.acked_at,
            note=record.note,
            release_id=record.release_id,
            current=record.content_digest == digest,
            withdrawn_by=record.withdrawn_by,
            withdrawn_at=record.withdrawn_at,
            withdraw_reason=record.withdraw_reason,
        )
        for record in records
    ]


def knowledge_base(project: Project) -> KnowledgeBase:
    """The project's macros and articles as the helpdesk exports hold them now."""
    from behaviordiff.kb import load_project_kb

    return load_project_kb(project)


@dataclass(frozen=True)
class ItemSettings:
    """What the helpdesk export says about a macro or article besides its body: whether it is
    active, who may use it, and what else applying it does to a ticket."""

    found: bool
    active: bool = True
    restriction: str | None = None
    """`restricted to group 360001`, or None when everyone may use it."""
    actions: list[str] = field(default_factory=list)
    """The macro's other actions: `status → pending`, `group_id → 360002`, ..."""

    def flags(self) -> list[str]:
        """Short words for the flags a writer should see: inactive, restricted, ..."""
        if not self.found:
            return ["not in the knowledge base now"]
        flags = [] if self.active else ["inactive"]
        if self.restriction:
            flags.append(self.restriction)
        return flags

    def to_dict(self) -> dict[str, Any]:
        return {
            "found": self.found,
            "active": self.active,
            "restriction": self.restriction,
            "actions": self.actions,
        }


_REPLY_FIELDS = ("comment_value", "comment_value_html", "comment_mode_is_public")


def _restriction_text(restriction: Any) -> str | None:
    """Zendesk's `restriction` ({"type": "Group", "ids": [...]}) in words."""
    if not isinstance(restriction, Mapping):
        return None
    kind = str(restriction.get("type") or "").lower() or "group"
    ids = restriction.get("ids") or ([restriction["id"]] if restriction.get("id") else [])
    noun = {"group": "group", "user": "agent"}.get(kind, kind)
    if not ids:
        return f"restricted to {a_or_an(noun)}"
    plural = "s" if len(ids) > 1 else ""
    return f"restricted to {noun}{plural} {', '.join(str(i) for i in ids)}"


def _visibility_text(visible_to: Any) -> str | None:
    """Intercom's `visible_to` (who may use a saved reply), when it is not everyone."""
    if not visible_to or visible_to in ("everyone", "all"):
        return None
    shown = ", ".join(map(str, visible_to)) if isinstance(visible_to, list) else str(visible_to)
    return f"visible to {shown}"


def item_settings(knowledge: KnowledgeBase, item_key: str | None) -> ItemSettings:
    """The settings flags of the macro or article `item_key` (`macro:9801`), from the import."""
    item = knowledge.get(item_key) if item_key else None
    if item is None:
        return ItemSettings(found=False)
    actions = []
    for action in item.metadata.get("actions") or []:
        if not isinstance(action, Mapping) or action.get("field") in _REPLY_FIELDS:
            continue
        value = action.get("value")
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        actions.append(f"{action.get('field')} → {shown}")
    return ItemSettings(
        found=True,
        active=item.active,
        restriction=_restriction_text(item.metadata.get("restriction"))
        or _visibility_text(item.metadata.get("visible_to")),
        actions=actions,
    )


def __getattr__(name: str) -> Any:
    """The redraft's types, from the drafting service on first use: importing it here
    compiled the template drafter's patterns at every start of the review app and CLI."""
    if name in ("ChangeRedraft", "RedraftCancelled"):
        from behaviordiff.drafting import service

        return getattr(service, name)
    raise AttributeError(f"module 'behaviordiff.pipeline.review' has no attribute {name!r}")
