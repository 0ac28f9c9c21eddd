"""Notes and suggested edits of a release, with review status, behind the workspace.

Regenerating (in the same release, or carrying into the next one) never loses a writer's text:
the fields a writer changed stay, over the newest machine draft (`generated`). An approval
holds while the machine draft reads the same; see `settle` for the rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from behaviordiff.errors import WorkspaceError
from behaviordiff.store.workspace import Workspace, current_actor, now_iso

DraftKind = Literal["note", "edit"]
STATUSES = ("draft", "edited", "approved")


WRITER_FIELDS: dict[str, tuple[str, ...]] = {
    "note": ("title", "before", "after", "when", "customer_impact", "cs_actions", "severity"),
    "edit": ("new_body", "rationale"),
}
"""What a writer edits; the rest of a draft (evidence, dates, the old body) is the release's."""


def writer_over(
    kind: str, machine: dict[str, Any], writer: dict[str, Any], base: dict[str, Any]
) -> dict[str, Any]:
    """This release's machine draft with the fields a writer changed (from `base`, the machine
    draft they edited) laid over it: the old evidence, date or body never come along, and a
    field the writer left alone takes the new machine text."""
    changed = [k for k in WRITER_FIELDS[kind] if k in writer and writer[k] != base.get(k)]
    merged = {**machine, **{k: writer[k] for k in changed}}
    if kind == "edit":
        merged["rewritten"] = merged.get("new_body") is not None and merged.get(
            "new_body"
        ) != merged.get("old_body")
    return merged


class DraftConflict(WorkspaceError):
    title = "Draft changed meanwhile"


@dataclass(frozen=True)
class Settled:
    """What a regenerated draft becomes, given the draft before it (same or earlier release)."""

    status: str
    origin: str
    content: dict[str, Any]
    count: str
    """written (a machine draft), kept (a writer's, same release), carried (a writer's, from
    an earlier release)."""
    outdated: bool = False
    """A writer's text over a machine draft that has changed since they wrote it."""
    unapproved: bool = False
    """An approval that no longer holds: what was approved is not what the facts say now."""


def _writer_part(kind: str, content: dict[str, Any]) -> dict[str, Any]:
    return {name: content.get(name) for name in WRITER_FIELDS[kind]}


def _reads(kind: str, content: dict[str, Any]) -> dict[str, Any]:
    """What a draft says, for "does it read the same": its writer fields, and for an edit the
    help-center body it rewrites (an article updated in the helpdesk is a new text)."""
    part = _writer_part(kind, content)
    if kind == "edit":
        part["old_body"] = content.get("old_body")
    return part


def settle(row: DraftRow, prior: Any, *, carried: bool) -> Settled:
    """The rules that keep a writer's work and never keep a stale approval.

    - No prior draft, or an untouched one: the new machine draft.
    - Approved without an edit: still approved while the machine draft reads the same (its
      writer fields; dates and evidence excerpts may move); else the new machine draft,
      to approve again.
    - Edited (and perhaps approved): the writer's fields over the new machine draft; if the
      machine draft reads differently now, it is `edited` and `outdated`, for a second look.
    """
    machine = row.content
    if prior is None or prior["status"] == "draft":
        return Settled("draft", row.origin, machine, "written")
    before = json.loads(prior["content_json"])
    generated = json.loads(prior["generated_json"])
    same = _reads(row.kind, generated) == _reads(row.kind, machine)
    count = "carried" if carried else "kept"
    if _writer_part(row.kind, before) == _writer_part(row.kind, generated):
        if same:
            return Settled(prior["status"], row.origin, machine, count)
        # an approval of text that reads differently now: the new text, flagged so the list
        # shows which drafts were approved before and need approving again
        was_approved = prior["status"] == "approved"
        return Settled(
            "draft",
            row.origin,
            machine,
            "written",
            outdated=was_approved,
            unapproved=was_approved,
        )
    merged = writer_over(row.kind, machine, before, generated)
    # once outdated, outdated until a writer looks (edits, approves or resets it)
    outdated = not same or bool(prior["outdated"])
    status = prior["status"] if same and not outdated else "edited"
    return Settled(status, prior["origin"], merged, count, outdated=outdated)


@dataclass(frozen=True)
class DraftRow:
    """One generated draft to store: a note (key = change id) or an edit (change:item)."""

    kind: DraftKind
    key: str
    change_id: str
    item_key: str | None
    origin: str
    content: dict[str, Any]


@dataclass(frozen=True)
class DraftRecord:
    release_id: int
    kind: DraftKind
    key: str
    change_id: str
    item_key: str | None
    status: str
    origin: str
    content: dict[str, Any]
    generated: dict[str, Any]
    updated_at: str
    updated_by: str
    carried_from: int | None = None
    """The earlier release whose writer's draft this one started from."""
    stale: bool = False
    """The latest drafting pass no longer produces it: its change or macro went away."""
    outdated: bool = False
    """A writer's text over a machine draft that changed since they wrote it: look again."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "change_id": self.change_id,
            "item_key": self.item_key,
            "status": self.status,
            "origin": self.origin,
            "content": self.content,
            "updated_at": self.updated_at,
            "updated_by": self.updated_by,
            "carried_from": self.carried_from,
            "stale": self.stale,
            "outdated": self.outdated,
        }


@dataclass(frozen=True)
class DraftRun:
    release_id: int
    drafter: str
    started_at: str
    finished_at: str
    llm_calls: int
    cached_calls: int
    prompt_tokens: int
    completion_tokens: int
    summary: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "drafter": self.drafter,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "llm_calls": self.llm_calls,
            "cached_calls": self.cached_calls,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            **self.summary,
        }


class DraftStore:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.db = workspace.db

    def save_generated(
        self,
        release_id: int,
        rows: Iterable[DraftRow],
        run: DraftRun | None = None,
    ) -> dict[str, int]:
        """Store a full drafting pass in one transaction.

        Each draft is settled against the one before it, in this release or else the newest
        earlier one (`settle`): untouched drafts take the new machine text, a writer's changed
        fields stay, an approval holds only while the machine draft reads the same. Drafts this
        pass no longer produces are removed if untouched, else marked stale.
        Returns counts: written, kept, carried, removed, stale, outdated, unapproved."""
        self.workspace.release(release_id)
        counts = dict.fromkeys(
            ("written", "kept", "carried", "removed", "stale", "outdated", "unapproved"), 0
        )
        produced: set[tuple[str, str]] = set()
        stamp, actor = now_iso(), current_actor()
        with self.workspace.transaction() as db:
            for row in rows:
                produced.add((row.kind, row.key))
                existing = db.execute(
                    "SELECT release_id, status, origin, content_json, generated_json, outdated "
                    "FROM drafts WHERE release_id = ? AND kind = ? AND key = ?",
                    (release_id, row.kind, row.key),
                ).fetchone()
                # else the newest earlier draft of this change, whatever a writer did to it:
                # one reset to the machine draft there is not brought back from before
                prior = (
                    existing
                    or db.execute(
                        "SELECT release_id, status, origin, content_json, generated_json, outdated "
                        "FROM drafts WHERE release_id < ? AND kind = ? AND key = ? "
                        "ORDER BY release_id DESC LIMIT 1",
                        (release_id, row.kind, row.key),
                    ).fetchone()
                )
                settled = settle(row, prior, carried=existing is None)
                counts[settled.count] += 1
                counts["outdated"] += settled.outdated
                counts["unapproved"] += settled.unapproved
                values = (
                    row.change_id,
                    settled.status,
                    settled.origin,
                    json.dumps(settled.content, ensure_ascii=False),
                    json.dumps(row.content, ensure_ascii=False),
                    int(settled.outdated),
                )
                if existing is None:
                    db.execute(
                        "INSERT INTO drafts (release_id, kind, key, item_key, change_id, status, "
                        "origin, content_json, generated_json, outdated, updated_at, "
                        "updated_by, carried_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            release_id,
                            row.kind,
                            row.key,
                            row.item_key,
                            *values,
                            stamp,
                            actor,
                            prior["release_id"]
                            if settled.count == "carried" or settled.unapproved
                            else None,
                        ),
                    )
                else:
                    # a writer's row keeps who touched it last; a machine row is rewritten
                    touched = (stamp, actor) if settled.count == "written" else (None, None)
                    db.execute(
                        "UPDATE drafts SET change_id = ?, status = ?, origin = ?, "
                        "content_json = ?, generated_json = ?, outdated = ?, stale = 0, "
                        "updated_at = COALESCE(?, updated_at), "
                        "updated_by = COALESCE(?, updated_by) "
                        "WHERE release_id = ? AND kind = ? AND key = ?",
                        (*values, *touched, release_id, row.kind, row.key),
                    )
            for gone in db.execute(
                "SELECT kind, key, status FROM drafts WHERE release_id = ?", (release_id,)
            ).fetchall():
                if (gone["kind"], gone["key"]) in produced:
                    continue
                if gone["status"] == "draft":
                    db.execute(
                        "DELETE FROM drafts WHERE release_id = ? AND kind = ? AND key = ?",
                        (release_id, gone["kind"], gone["key"]),
                    )
                    counts["removed"] += 1
                else:
                    db.execute(
                        "UPDATE drafts SET stale = 1 WHERE release_id = ? AND kind = ? AND key = ?",
                        (release_id, gone["kind"], gone["key"]),
                    )
                    counts["stale"] += 1
            if run is not None:
                db.execute(
                    "INSERT INTO draft_runs (release_id, drafter, started_at, finished_at, "
                    "llm_calls, cached_calls, prompt_tokens, completion_tokens, summary_json) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        release_id,
                        run.drafter,
                        run.started_at,
                        run.finished_at,
                        run.llm_calls,
                        run.cached_calls,
                        run.prompt_tokens,
                        run.completion_tokens,
                        json.dumps(run.summary),
                    ),
                )
            self.workspace.audit_in(
                db,
                "drafts.generate",
                release_id,
                None,
                {**counts, "drafter": run.drafter if run else None},
            )
        return counts

    def drafts(self, release_id: int, kind: DraftKind | None = None) -> list[DraftRecord]:
        query = "SELECT * FROM drafts WHERE release_id = ?"
        params: tuple[Any, ...] = (release_id,)
        if kind is not None:
            query += " AND kind = ?"
            params = (release_id, kind)
        rows = self.db.execute(query + " ORDER BY id", params).fetchall()
        return [
            DraftRecord(
                release_id=row["release_id"],
                kind=row["kind"],
                key=row["key"],
                change_id=row["change_id"],
                item_key=row["item_key"],
                status=row["status"],
                origin=row["origin"],
                content=json.loads(row["content_json"]),
                generated=json.loads(row["generated_json"]),
                updated_at=row["updated_at"],
                updated_by=row["updated_by"],
                carried_from=row["carried_from"],
                stale=bool(row["stale"]),
                outdated=bool(row["outdated"]),
            )
            for row in rows
        ]

    def draft(self, release_id: int, kind: DraftKind, key: str) -> DraftRecord:
        for record in self.drafts(release_id, kind):
            if record.key == key:
                return record
        raise WorkspaceError(
            f"release #{release_id} has no {kind} '{key}'",
            where=self.workspace.path,
            hint="list drafts with `behaviordiff draft --format json`",
        )

    def update(
        self,
        release_id: int,
        kind: DraftKind,
        key: str,
        *,
        content: dict[str, Any] | None = None,
        status: str | None = None,
        expected: DraftRecord | None = None,
    ) -> DraftRecord:
        """A writer's edit (status becomes `edited` unless given) or approval.

        `expected`: the draft as the writer saw it when they started; if it has changed since
        (another writer, a `review` in another terminal), nothing is written and
        `DraftConflict` is raised, so neither writer's work is silently lost."""
        current = self.draft(release_id, kind, key)
        new_status = status or ("edited" if content is not None else current.status)
        if new_status not in STATUSES:
            raise WorkspaceError(
                f"unknown draft status '{new_status}'", hint="use draft, edited or approved"
            )
        stamp, actor = now_iso(), current_actor()
        with self.workspace.transaction() as db:
            if expected is not None:
                now = db.execute(
                    "SELECT status, content_json, updated_at, updated_by FROM drafts "
                    "WHERE release_id = ? AND kind = ? AND key = ?",
                    (release_id, kind, key),
                ).fetchone()
                if now is None or (
                    now["status"] != expected.status
                    or json.loads(now["content_json"]) != expected.content
                ):
                    by = f" by {now['updated_by']} at {now['updated_at']}" if now else ""
                    raise DraftConflict(
                        f"the {kind} changed{by} while it was being edited; nothing was saved",
                        where=self.workspace.path,
                        hint="look at it again (`behaviordiff review list`) and redo the edit",
                    )
            db.execute(
                "UPDATE drafts SET content_json = ?, status = ?, updated_at = ?, updated_by = ?, "
                "outdated = 0 WHERE release_id = ? AND kind = ? AND key = ?",
                (
                    json.dumps(
                        content if content is not None else current.content, ensure_ascii=False
                    ),
                    new_status,
                    stamp,
                    actor,
                    release_id,
                    kind,
                    key,
                ),
            )
            self.workspace.audit_in(db, f"drafts.{new_status}", release_id, key, {"kind": kind})
        return self.draft(release_id, kind, key)

    def runs(self, release_id: int) -> list[DraftRun]:
        rows = self.db.execute(
            "SELECT * FROM draft_runs WHERE release_id = ? ORDER BY id", (release_id,)
        ).fetchall()
        return [
            DraftRun(
                release_id=row["release_id"],
                drafter=row["drafter"],
                started_at=row["started_at"],
                finished_at=row["finished_at"],
                llm_calls=row["llm_calls"],
                cached_calls=row["cached_calls"],
                prompt_tokens=row["prompt_tokens"],
                completion_tokens=row["completion_tokens"],
                summary=json.loads(row["summary_json"]),
            )
            for row in rows
        ]
