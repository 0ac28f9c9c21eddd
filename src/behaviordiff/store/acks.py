"""CS's acknowledgements of behavior changes, and the delivery of approved macro/article edits
to the helpdesk (exported, or marked done by hand), behind the workspace.

Both are tied to the text they were given for: a digest of the note (or the edit's body) is
stored with them, so a writer's later edit makes the acknowledgement or delivery no longer
current and CS is asked again. Changes keep their key from one release to the next (a rerun,
a prompt tweak), so an acknowledgement or delivery given in an earlier release holds in a later
one for as long as the text reads the same.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from behaviordiff.errors import WorkspaceError
from behaviordiff.store.drafts import WRITER_FIELDS
from behaviordiff.store.rows import from_row
from behaviordiff.store.workspace import Workspace, now_iso

DeliveryHow = Literal["exported", "done"]
DELIVERY_KINDS: tuple[DeliveryHow, ...] = ("exported", "done")


def content_digest(kind: str, content: Mapping[str, Any]) -> str:
    """What a note or an edit says, as a short digest: its writer fields (an edit's new body
    and rationale), so evidence excerpts or dates that move do not count as a new text."""
    fields = {name: content.get(name) for name in WRITER_FIELDS.get(kind, ())}
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class AckRecord:
    """One acknowledgement of a change by CS; a withdrawn one keeps who withdrew it and why."""

    release_id: int
    change_key: str
    acked_by: str
    acked_at: str
    note: str | None
    content_digest: str
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None
    withdraw_reason: str | None = None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "release_id": self.release_id,
            "change_key": self.change_key,
            "acked_by": self.acked_by,
            "acked_at": self.acked_at,
            "note": self.note,
            "content_digest": self.content_digest,
            "withdrawn_at": self.withdrawn_at,
            "withdrawn_by": self.withdrawn_by,
            "withdraw_reason": self.withdraw_reason,
        }


@dataclass(frozen=True)
class DeliveryRecord:
    release_id: int
    draft_key: str
    how: DeliveryHow
    delivered_by: str
    delivered_at: str
    content_digest: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "draft_key": self.draft_key,
            "how": self.how,
            "delivered_by": self.delivered_by,
            "delivered_at": self.delivered_at,
            "content_digest": self.content_digest,
        }


def _ack_records(rows: Iterable[Any]) -> list[AckRecord]:
    return [from_row(AckRecord, row) for row in rows]


class AckStore:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.db = workspace.db

    def workspace_born(self) -> str:
        """When the workspace was created: with its path moving between machines (a CI
        cache), the one stable name a feed of it can carry."""
        row = self.db.execute(
            "SELECT applied_at FROM schema_migrations WHERE version = 1"
        ).fetchone()
        return str(row[0]) if row else ""

    # acknowledgements -----------------------------------------------------------------

    def acks(self, release_id: int, *, include_withdrawn: bool = False) -> list[AckRecord]:
        query = "SELECT * FROM acks WHERE release_id = ?"
        if not include_withdrawn:
            query += " AND withdrawn_at IS NULL"
        return _ack_records(self.db.execute(query + " ORDER BY id", (release_id,)))

    def current_acks(self, release_id: int) -> dict[str, AckRecord]:
        """Change key → its acknowledgement standing in this release: given here, else the
        newest one given in an earlier release (the caller checks it is for the same text)."""
        rows = self.db.execute(
            "SELECT * FROM acks WHERE release_id <= ? AND withdrawn_at IS NULL "
            "ORDER BY release_id, id",
            (release_id,),
        )
        return {record.change_key: record for record in _ack_records(rows)}

    def record_acks(
        self,
        release_id: int,
        digests: Mapping[str, str],
        *,
        by: str,
        note: str | None = None,
    ) -> list[str]:
        """Acknowledge changes (change id → digest of the note read), in one transaction; an
        earlier acknowledgement of another text of the same note is replaced (kept, withdrawn
        as superseded). Returns the change ids newly acknowledged."""
        self.workspace.release(release_id)
        stamp = now_iso()
        recorded: list[str] = []
        with self.workspace.transaction() as db:
            for change_key, digest in digests.items():
                current = db.execute(
                    "SELECT id, content_digest FROM acks WHERE release_id = ? AND change_key = ? "
                    "AND withdrawn_at IS NULL",
                    (release_id, change_key),
                ).fetchone()
                if current is not None:
                    if current["content_digest"] == digest:
                        continue
                    db.execute(
                        "UPDATE acks SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? "
                        "WHERE id = ?",
                        (
                            stamp,
                            by,
                            "superseded: acknowledged again after the note changed",
                            current["id"],
                        ),
                    )
                db.execute(
                    "INSERT INTO acks (release_id, change_key, acked_by, note, acked_at, "
                    "content_digest) VALUES (?, ?, ?, ?, ?, ?)",
                    (release_id, change_key, by, note, stamp, digest),
                )
                self.workspace.audit_in(
                    db, "ack.record", release_id, change_key, {"by": by, "note": note}, actor=by
                )
                recorded.append(change_key)
        return recorded

    def withdraw_acks(
        self, release_id: int, change_keys: Iterable[str], *, by: str, reason: str
    ) -> list[str]:
        """Un-acknowledge changes, with the reason (given here or carried from an earlier
        release); it stays on record as withdrawn. Returns the change keys that had an
        acknowledgement to withdraw."""
        if not reason.strip():
            raise WorkspaceError(
                "withdrawing an acknowledgement needs a reason",
                hint="say why with --reason, e.g. --reason 'macro update was rolled back'",
            )
        self.workspace.release(release_id)
        stamp = now_iso()
        withdrawn: list[str] = []
        with self.workspace.transaction() as db:
            for change_key in change_keys:
                # the acknowledgement standing in this release, wherever it was given
                cursor = db.execute(
                    "UPDATE acks SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? "
                    "WHERE release_id <= ? AND change_key = ? AND withdrawn_at IS NULL",
                    (stamp, by, reason, release_id, change_key),
                )
                if cursor.rowcount:
                    self.workspace.audit_in(
                        db,
                        "ack.withdraw",
                        release_id,
                        change_key,
                        {"by": by, "reason": reason},
                        actor=by,
                    )
                    withdrawn.append(change_key)
        return withdrawn

    # deliveries -------------------------------------------------------------------------

    def record_delivery(
        self,
        release_id: int,
        draft_ids: Iterable[str],
        how: DeliveryHow,
        by: str,
    ) -> list[str]:
        """Record that approved edits reached the helpdesk: `exported` (by `behaviordiff
        export`) or `done` (a person applied them by hand). `draft_ids` are the edits' draft
        keys (`C1:macro:360001`), as `DraftRecord.key`. Each is stored with a digest of the
        body delivered, so an edit changed afterwards is no longer delivered. Audited.
        Returns the keys recorded."""
        if how not in DELIVERY_KINDS:
            raise WorkspaceError(
                f"unknown delivery '{how}'", hint="use one of: " + ", ".join(DELIVERY_KINDS)
            )
        self.workspace.release(release_id)
        stamp = now_iso()
        recorded: list[str] = []
        with self.workspace.transaction() as db:
            for key in dict.fromkeys(draft_ids):
                row = db.execute(
                    "SELECT content_json FROM drafts WHERE release_id = ? AND kind = 'edit' "
                    "AND key = ?",
                    (release_id, key),
                ).fetchone()
                if row is None:
                    raise WorkspaceError(
                        f"release #{release_id} has no suggested edit '{key}'",
                        where=self.workspace.path,
                        hint="pass the keys of the release's edits (DraftRecord.key)",
                    )
                digest = content_digest("edit", json.loads(row["content_json"]))
                db.execute(
                    "INSERT INTO deliveries (release_id, draft_key, how, delivered_by, "
                    "delivered_at, content_digest) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (release_id, draft_key, how) DO UPDATE SET "
                    "delivered_by = excluded.delivered_by, "
                    "delivered_at = excluded.delivered_at, "
                    "content_digest = excluded.content_digest",
                    (release_id, key, how, by, stamp, digest),
                )
                self.workspace.audit_in(
                    db, f"delivery.{how}", release_id, key, {"by": by}, actor=by
                )
                recorded.append(key)
        return recorded

    def deliveries(self, release_id: int) -> list[DeliveryRecord]:
        """Deliveries recorded in this release and earlier ones, oldest first."""
        rows = self.db.execute(
            "SELECT * FROM deliveries WHERE release_id <= ? "
            "ORDER BY release_id, delivered_at, draft_key",
            (release_id,),
        ).fetchall()
        return [from_row(DeliveryRecord, row) for row in rows]

    def delivered_records(self, release_id: int) -> dict[str, DeliveryRecord]:
        """Edit key → the newest delivery of the text the release's edit has now (exported or
        done, in this release or an earlier one)."""
        current = {
            row["key"]: content_digest("edit", json.loads(row["content_json"]))
            for row in self.db.execute(
                "SELECT key, content_json FROM drafts WHERE release_id = ? AND kind = 'edit'",
                (release_id,),
            )
        }
        found: dict[str, DeliveryRecord] = {}
        for record in self.deliveries(release_id):
            if current.get(record.draft_key) == record.content_digest:
                found[record.draft_key] = record
        return found

    def delivered(self, release_id: int) -> set[str]:
        """Keys of the release's edits delivered as they read now (exported or done)."""
        return set(self.delivered_records(release_id))


def record_delivery(
    workspace: Workspace,
    release_id: int,
    draft_ids: Iterable[str],
    how: DeliveryHow,
    by: str,
) -> list[str]:
    """`AckStore(workspace).record_delivery(...)`, for the export to call after writing."""
    return AckStore(workspace).record_delivery(release_id, draft_ids, how, by)


def delivered(workspace: Workspace, release_id: int) -> set[str]:
    return AckStore(workspace).delivered(release_id)
