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
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from behaviordiff.errors import WorkspaceError
from behaviordiff.store.drafts import WRITER_FIELDS
from behaviordiff.store.rows import from_row, place, row_json, stored_json
from behaviordiff.store.workspace import Workspace, now_iso

DeliveryHow = Literal["exported", "done"]
DELIVERY_KINDS: tuple[DeliveryHow, ...] = ("exported", "done")
APPLIED: tuple[str, ...] = ("done", "pushed")
"""The deliveries that put the text in the helpdesk: marked done by CS, or pushed. An export
(`exported`) is a file handed over, not proof that anyone imported it."""
PushStatus = Literal["sending", "changed", "refused", "failed"]


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
    how: str
    """`exported`, `done` (by hand) or `pushed` (by `push --apply`)."""
    delivered_by: str
    delivered_at: str
    content_digest: str | None
    helpdesk: str | None = None
    helpdesk_id: str | None = None
    """The item's id in the helpdesk, for a pushed edit."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "draft_key": self.draft_key,
            "how": self.how,
            "delivered_by": self.delivered_by,
            "delivered_at": self.delivered_at,
            "content_digest": self.content_digest,
            "helpdesk": self.helpdesk,
            "helpdesk_id": self.helpdesk_id,
        }


@dataclass(frozen=True)
class PushRecord:
    """One item `push --apply` sent (or was sending) to a helpdesk, and what came of it."""

    id: int
    release_id: int
    draft_key: str
    helpdesk: str
    target: str
    """The helpdesk's base address: a push to a sandbox is not a push to production."""
    method: str
    path: str
    body_digest: str
    content_digest: str | None
    status: PushStatus
    reason: str | None
    helpdesk_id: str | None
    updated_at: str | None
    pushed_by: str
    pushed_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "release_id": self.release_id,
            "draft_key": self.draft_key,
            "helpdesk": self.helpdesk,
            "target": self.target,
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "reason": self.reason,
            "helpdesk_id": self.helpdesk_id,
            "updated_at": self.updated_at,
            "pushed_by": self.pushed_by,
            "pushed_at": self.pushed_at,
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
        return self.record_ack_rows(
            release_id, [(change_key, digest, by, note) for change_key, digest in digests.items()]
        )

    def record_ack_rows(
        self,
        release_id: int,
        rows: Iterable[tuple[str, str, str, str | None]],
        *,
        stamps: Mapping[str, str] | None = None,
        done: Iterable[tuple[str, str, str | None]] = (),
    ) -> list[str]:
        """`record_acks` for rows of (change key, digest, by, note), each by its own person,
        all in one transaction: recorded whole or not at all. `stamps` gives a change key the
        time it was acknowledged elsewhere (a review file); the others are acknowledged now.
        `done`: (edit key, by, note) of approved edits applied by hand, recorded in the same
        transaction (an acknowledgements file's rows that name edits)."""
        self.workspace.release(release_id)
        now = now_iso()
        recorded: list[str] = []
        with self.workspace.transaction() as db:
            for key, by, note in done:
                self._deliver_in(db, release_id, key, "done", by, now, {"note": note})
            for change_key, digest, by, note in rows:
                stamp = (stamps or {}).get(change_key, now)
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
                            now,
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
                detail = {"by": by, "note": note}
                if stamps and change_key in stamps:
                    detail["acked_at"] = stamp
                self.workspace.audit_in(db, "ack.record", release_id, change_key, detail, actor=by)
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
        *,
        at: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> list[str]:
        """Record that approved edits reached the helpdesk: `exported` (by `behaviordiff
        export`) or `done` (a person applied them by hand). `draft_ids` are the edits' draft
        keys (`C1:macro:360001`), as `DraftRecord.key`. Each is stored with a digest of the
        body delivered, so an edit changed afterwards is no longer delivered. `at` is when it
        happened elsewhere (a review file); default now. Audited, with `detail`.
        Returns the keys recorded."""
        if how not in DELIVERY_KINDS:
            raise WorkspaceError(
                f"unknown delivery '{how}'", hint="use one of: " + ", ".join(DELIVERY_KINDS)
            )
        self.workspace.release(release_id)
        stamp = at or now_iso()
        recorded: list[str] = []
        with self.workspace.transaction() as db:
            for key in dict.fromkeys(draft_ids):
                self._deliver_in(db, release_id, key, how, by, stamp, detail)
                recorded.append(key)
        return recorded

    def _deliver_in(
        self,
        db: sqlite3.Connection,
        release_id: int,
        key: str,
        how: DeliveryHow,
        by: str,
        stamp: str,
        detail: Mapping[str, Any] | None,
    ) -> None:
        """One delivery, inside the caller's transaction; audited."""
        row = db.execute(
            "SELECT content_json FROM drafts WHERE release_id = ? AND kind = 'edit' AND key = ?",
            (release_id, key),
        ).fetchone()
        if row is None:
            raise WorkspaceError(
                f"release #{release_id} has no suggested edit '{key}'",
                where=self.workspace.path,
                hint="pass the keys of the release's edits (DraftRecord.key)",
            )
        digest = content_digest(
            "edit",
            stored_json(
                row["content_json"],
                at=place("drafts", "content_json", release_id=release_id, kind="edit", key=key),
            ),
        )
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
            db, f"delivery.{how}", release_id, key, {"by": by, **(detail or {})}, actor=by
        )

    def deliveries(self, release_id: int) -> list[DeliveryRecord]:
        """Deliveries recorded in this release and earlier ones (exported, done by hand, and
        pushed to the helpdesk), oldest first."""
        rows = self.db.execute(
            "SELECT * FROM deliveries WHERE release_id <= ?", (release_id,)
        ).fetchall()
        records = [from_row(DeliveryRecord, row, helpdesk=None, helpdesk_id=None) for row in rows]
        pushed = self.db.execute(
            "SELECT * FROM pushes WHERE release_id <= ? AND status = 'changed' AND draft_key != ''",
            (release_id,),
        ).fetchall()
        records += [
            DeliveryRecord(
                release_id=row["release_id"],
                draft_key=row["draft_key"],
                how="pushed",
                delivered_by=row["pushed_by"],
                delivered_at=row["pushed_at"],
                content_digest=row["content_digest"],
                helpdesk=row["helpdesk"],
                helpdesk_id=row["helpdesk_id"],
            )
            for row in pushed
        ]
        # a push is newer than the export it sent, even within the same second
        rank = {"exported": 0, "done": 1, "pushed": 2}
        records.sort(key=lambda r: (r.release_id, r.delivered_at, rank.get(r.how, 0), r.draft_key))
        return records

    def delivered_records(self, release_id: int) -> dict[str, DeliveryRecord]:
        """Edit key → the newest delivery of the text the release's edit has now (exported,
        done or pushed, in this release or an earlier one); one that applied the text (done,
        pushed) wins over a later export of it.

        An edit with no delivery of its own text is applied when CS applied (done, pushed)
        an approved edit of the same item with byte for byte the same body, in this release
        or an earlier one, whatever else moved since (its rationale, its change's key): the
        helpdesk holds that text already."""
        rows = self.db.execute(
            "SELECT release_id, key, status, content_json FROM drafts "
            "WHERE release_id <= ? AND kind = 'edit'",
            (release_id,),
        ).fetchall()
        current: dict[str, str] = {}
        bodies: dict[str, str] = {}
        earlier: dict[tuple[int, str], tuple[str, str, str | None]] = {}
        for row in rows:
            content = row_json(
                row, "drafts", "content_json", "key", release_id=row["release_id"], kind="edit"
            )
            digest = content_digest("edit", content)
            body = applied_body(content)
            earlier[(row["release_id"], row["key"])] = (digest, row["status"], body)
            if row["release_id"] == release_id:
                current[row["key"]] = digest
                if body is not None:
                    bodies[row["key"]] = body
        found: dict[str, DeliveryRecord] = {}
        same_body: dict[str, DeliveryRecord] = {}
        for record in self.deliveries(release_id):
            if current.get(record.draft_key) == record.content_digest:
                earlier_record = found.get(record.draft_key)
                if (
                    earlier_record is not None
                    and earlier_record.how in APPLIED
                    and record.how not in APPLIED
                ):
                    continue  # exporting an applied text again does not un-apply it
                found[record.draft_key] = record
            if record.how not in APPLIED:
                continue
            then = earlier.get((record.release_id, record.draft_key))
            if then is None or then[0] != record.content_digest or then[1] != "approved":
                continue  # not the approved text CS applied (rewritten since, or by hand)
            if then[2] is not None:
                same_body[then[2]] = record
        for key, body in bodies.items():
            applied = same_body.get(body)
            mine = found.get(key)
            if applied is not None and (mine is None or mine.how not in APPLIED):
                found[key] = applied
        return found

    def delivered(self, release_id: int) -> set[str]:
        """Keys of the release's edits delivered as they read now (exported or done)."""
        return set(self.delivered_records(release_id))


def applied_body(content: Mapping[str, Any]) -> str | None:
    """What applying an edit puts in the helpdesk: its item and its new body, as a digest
    (None for an edit with no body)."""
    body = content.get("new_body")
    if not isinstance(body, str):
        return None
    text = json.dumps([content.get("item_key"), body], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def body_digest(method: str, path: str, body: Any) -> str:
    """What a request sends, as a short digest: the same request twice has the same one."""
    text = json.dumps([method, path, body], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class PushLedger:
    """Per item, what `push --apply` sent to one helpdesk: each item is written as `sending`
    before its update goes out and finished after the answer, one transaction each, so what
    landed is on record even when the push stops half way."""

    def __init__(self, workspace: Workspace, release_id: int, helpdesk: str, target: str, by: str):
        self.workspace = workspace
        self.db = workspace.db
        self.release_id = release_id
        self.helpdesk = helpdesk
        self.target = target
        self.by = by
        workspace.release(release_id)

    def last(self, path: str, digest: str, *, any_target: bool = False) -> PushRecord | None:
        """The newest push of this exact request to this helpdesk (any release) that landed
        or may have (`changed`, `sending`); with `any_target`, to any address of it (a dry
        run that has no credentials)."""
        query = (
            "SELECT * FROM pushes WHERE helpdesk = ? AND path = ? AND body_digest = ? "
            "AND status IN ('changed', 'sending')"
        )
        params: list[Any] = [self.helpdesk, path, digest]
        if not any_target:
            query += " AND target = ?"
            params.append(self.target)
        row = self.db.execute(query + " ORDER BY id DESC LIMIT 1", params).fetchone()
        return from_row(PushRecord, row) if row is not None else None

    def exported_requests(self) -> set[str] | None:
        """The digests of every request an export of this release in this workspace wrote
        (`body_digest`), or None when no export here recorded them (one written before they
        were recorded): a request outside the set was edited after its export, or written
        elsewhere."""
        rows = self.db.execute(
            "SELECT detail_json FROM audit_log WHERE release_id = ? AND action = 'export.write'",
            (self.release_id,),
        ).fetchall()
        digests: set[str] | None = None
        for row in rows:
            try:
                detail = json.loads(row[0] or "{}")
            except ValueError:
                continue
            requests = detail.get("requests") if isinstance(detail, dict) else None
            if isinstance(requests, list):
                digests = (digests or set()) | {d for d in requests if isinstance(d, str)}
        return digests

    def landed_as(self, path: str, updated_at: str) -> PushRecord | None:
        """Our own push to this address that left the item at `updated_at`, if any: an item
        that moved since the export because behaviordiff itself changed it."""
        row = self.db.execute(
            "SELECT * FROM pushes WHERE helpdesk = ? AND target = ? AND path = ? "
            "AND status = 'changed' AND updated_at = ? ORDER BY id DESC LIMIT 1",
            (self.helpdesk, self.target, path, updated_at),
        ).fetchone()
        return from_row(PushRecord, row) if row is not None else None

    def withdrawn(self, draft_key: str) -> str | None:
        """Why the edit may no longer go out (it is no longer approved, or its change was
        rejected as a whole since the export), else None (also for an edit not held here)."""
        row = self.db.execute(
            "SELECT status, item_key, change_id FROM drafts WHERE release_id = ? AND "
            "kind = 'edit' AND key = ?",
            (self.release_id, draft_key),
        ).fetchone()
        if row is None:
            return None
        if row["status"] != "approved":
            return f"it is {row['status']} now, no longer approved"
        suffix = f":{row['item_key']}"
        note_key = draft_key[: -len(suffix)] if draft_key.endswith(suffix) else draft_key
        note = self.db.execute(
            "SELECT status FROM drafts WHERE release_id = ? AND kind = 'note' AND key = ?",
            (self.release_id, note_key),
        ).fetchone()
        if note is not None and note["status"] == "rejected":
            return f"its change {row['change_id']} is rejected as a whole now"
        return None

    def edit_digest(self, draft_key: str) -> str | None:
        """The digest of the edit's text as the workspace holds it now (None: no such edit)."""
        row = self.db.execute(
            "SELECT content_json FROM drafts WHERE release_id = ? AND kind = 'edit' AND key = ?",
            (self.release_id, draft_key),
        ).fetchone()
        if row is None:
            return None
        at = place("drafts", "content_json", release_id=self.release_id, kind="edit", key=draft_key)
        return content_digest("edit", stored_json(row["content_json"], at=at))

    def begin(
        self, draft_key: str, method: str, path: str, digest: str, content: str | None
    ) -> int:
        """Note the item as being sent, before its request goes out."""
        with self.workspace.transaction() as db:
            cursor = db.execute(
                "INSERT INTO pushes (release_id, draft_key, helpdesk, target, method, path, "
                "body_digest, content_digest, status, pushed_by, pushed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'sending', ?, ?)",
                (
                    self.release_id,
                    draft_key,
                    self.helpdesk,
                    self.target,
                    method,
                    path,
                    digest,
                    content,
                    self.by,
                    now_iso(),
                ),
            )
            return int(cursor.lastrowid or 0)

    def finish(
        self,
        push_id: int,
        status: PushStatus,
        *,
        reason: str | None = None,
        helpdesk_id: str | None = None,
        updated_at: str | None = None,
    ) -> None:
        """Record the helpdesk's answer for an item noted by `begin`; audited."""
        with self.workspace.transaction() as db:
            db.execute(
                "UPDATE pushes SET status = ?, reason = ?, helpdesk_id = ?, updated_at = ?, "
                "pushed_at = ? WHERE id = ?",
                (status, reason, helpdesk_id, updated_at, now_iso(), push_id),
            )
            row = db.execute("SELECT * FROM pushes WHERE id = ?", (push_id,)).fetchone()
            self.workspace.audit_in(
                db,
                f"push.{status}",
                self.release_id,
                row["draft_key"] or row["path"],
                {
                    "helpdesk": self.helpdesk,
                    "path": row["path"],
                    "helpdesk_id": helpdesk_id,
                    "updated_at": updated_at,
                    "reason": reason,
                },
                actor=self.by,
            )

    def not_sent(
        self,
        draft_key: str,
        method: str,
        path: str,
        digest: str,
        status: PushStatus,
        reason: str,
    ) -> None:
        """Record an item the push did not send (refused: changed in the helpdesk since the
        export, gone, edited since; failed: reading it failed), with the reason; audited."""
        push_id = self.begin(draft_key, method, path, digest, None)
        self.finish(push_id, status, reason=reason)

    def get(self, push_id: int) -> PushRecord:
        row = self.db.execute("SELECT * FROM pushes WHERE id = ?", (push_id,)).fetchone()
        return from_row(PushRecord, row)

    def pushes(self) -> list[PushRecord]:
        """Every push recorded for this release, oldest first."""
        rows = self.db.execute(
            "SELECT * FROM pushes WHERE release_id = ? ORDER BY id", (self.release_id,)
        )
        return [from_row(PushRecord, row) for row in rows]


def pushes_by_draft(workspace: Workspace, release_id: int) -> dict[str, PushRecord]:
    """Edit key → the newest push of it recorded in this release or an earlier one."""
    rows = workspace.db.execute(
        "SELECT * FROM pushes WHERE release_id <= ? AND draft_key != '' ORDER BY id",
        (release_id,),
    )
    return {record.draft_key: record for record in (from_row(PushRecord, row) for row in rows)}


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
