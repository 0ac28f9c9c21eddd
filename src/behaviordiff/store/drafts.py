"""Notes and suggested edits of a release, with review status, behind the workspace.

Regenerating (in the same release, or carrying into the next one) never loses a writer's text:
the fields a writer changed stay, over the newest machine draft (`generated`). An approval
holds while the machine draft reads the same; see `settle` for the rules.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from behaviordiff.errors import WorkspaceError
from behaviordiff.store.rows import Record, from_row, place, row_json, stored_json
from behaviordiff.store.workspace import Workspace, current_actor, now_iso
from behaviordiff.textutil import brief_reps, cap_quoted

DraftKind = Literal["note", "edit"]
STATUSES = ("draft", "edited", "approved", "rejected", "needs-engineering")
REVIEWED = ("approved", "rejected")
"""A writer has decided: what publishing reads as reviewed."""
REJECT_REASONS = ("not-a-behavior-change", "expected-noise", "wrong-draft", "other")
REASONS_NEEDING_TEXT = ("other",)
"""Reasons that say nothing by themselves: rejecting for one needs a text saying why."""
NO_CHANGE_REASONS = ("not-a-behavior-change", "expected-noise")
"""Reasons that say a macro or article needs no change: an edit rejected for another reason
(`wrong-draft`, `other`) says only that this text is not the one, and the item still states
the old behavior until someone rewrites it."""


WRITER_FIELDS: dict[str, tuple[str, ...]] = {
    "note": ("title", "before", "after", "when", "customer_impact", "cs_actions", "severity"),
    "edit": ("new_body", "rationale"),
}
"""What a writer edits; the rest of a draft (evidence, dates, the old body) is the release's."""


def title_followed(
    kind: str,
    content: dict[str, Any],
    base: dict[str, Any],
    machine: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A note retitled from `base`: the "Brief reps:" action line that only restated a title
    (the `machine` draft's line, default `base`'s, on `base`'s title or the machine's), left as
    `base` has it, restates the new title. A line a writer wrote stays as they wrote it."""
    machine = base if machine is None else machine
    old, new, drafted = base.get("title"), content.get("title"), machine.get("title")
    actions, kept, lines = (
        content.get("cs_actions"),
        base.get("cs_actions"),
        machine.get("cs_actions"),
    )
    if (
        kind != "note"
        or not isinstance(old, str)
        or not isinstance(new, str)
        or not isinstance(drafted, str)
        or old == new
        or not new.strip()
        or not isinstance(actions, list)
        or not isinstance(kept, list)
        or not isinstance(lines, list)
    ):
        return content
    start = brief_reps(drafted)
    tails = {
        line[len(start) :]
        for line in lines
        if isinstance(line, str) and (line == start or line.startswith(start + " "))
    }
    restated = {brief_reps(title) + tail for title in {old, drafted} for tail in tails}

    def follow(action: Any) -> Any:
        if not isinstance(action, str) or action not in kept or action not in restated:
            return action
        said = next(
            said
            for said in (brief_reps(old), start)
            if action.startswith(said) and action[len(said) :] in tails
        )
        return brief_reps(new) + action[len(said) :]

    followed = [follow(action) for action in actions]
    return content if followed == actions else {**content, "cs_actions": followed}


def writer_changed(kind: str, writer: dict[str, Any], base: dict[str, Any]) -> list[str]:
    """The fields a writer changed from `base`, the machine draft they edited: action lines
    that only follow their new title (`title_followed`) are still the machine's."""
    changed = [k for k in WRITER_FIELDS[kind] if k in writer and writer[k] != base.get(k)]
    if "cs_actions" in changed and "title" in changed:
        retitled = title_followed(kind, {**base, "title": writer["title"]}, base)
        if retitled.get("cs_actions") == writer["cs_actions"]:
            changed.remove("cs_actions")
    return changed


def writer_over(
    kind: str, machine: dict[str, Any], writer: dict[str, Any], base: dict[str, Any]
) -> dict[str, Any]:
    """This release's machine draft with the fields a writer changed (from `base`, the machine
    draft they edited) laid over it: the old evidence, date or body never come along, and a
    field the writer left alone takes the new machine text (its action lines following the
    writer's title)."""
    changed = writer_changed(kind, writer, base)
    merged = {**machine, **{k: writer[k] for k in changed}}
    if "cs_actions" not in changed:
        merged = title_followed(kind, merged, machine)
    if kind == "edit":
        merged["rewritten"] = merged.get("new_body") is not None and merged.get(
            "new_body"
        ) != merged.get("old_body")
    return merged


class DraftConflict(WorkspaceError):
    """A save based on a revision another reviewer has changed since: nothing is written, and
    both texts travel with the error so the writer can compare them."""

    title = "Draft changed meanwhile"

    def __init__(
        self,
        message: str,
        *,
        mine: dict[str, Any],
        theirs: dict[str, Any],
        by: str | None = None,
        at: str | None = None,
        where: str | Any = None,
        hint: str | None = None,
    ):
        super().__init__(message, where=where, hint=hint)
        self.mine = mine
        self.theirs = theirs
        self.by = by
        self.at = at

    def to_dict(self) -> dict[str, Any]:
        return {
            **super().to_dict(),
            "by": self.by,
            "at": self.at,
            "mine": self.mine,
            "theirs": self.theirs,
        }


def holds_decision(status: str, reason: str | None) -> bool:
    """A decision about the change rather than its wording, kept when the machine text moves:
    sent to engineering, or rejected for any reason but a wrong draft."""
    return status == "needs-engineering" or (status == "rejected" and reason != "wrong-draft")


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
    suggestion_moved: bool = False
    """A writer's text whose decision holds, over a machine draft that moved only in fields
    the writer wrote (the change's facts the same): shown, never revoking."""


def _writer_part(kind: str, content: dict[str, Any]) -> dict[str, Any]:
    return {name: content.get(name) for name in WRITER_FIELDS[kind]}


_EVIDENCE_COUNTS = re.compile(
    r"\(\d+ of \d+ changed probes match; \d+ of \d+ other probes do\)"
    r"|^In \d+ probe\(s\);"
)
"""The machine-written counts of a note's `when` ("(5 of 5 changed probes match; 0 of 12
other probes do)"): evidence, like its excerpts, not what the note tells CS. A rerun after a
failed run has one more probe's runs, so the counts move while the note says the same."""


_EDIT_POINTER = re.compile(r"\(the suggested edit is attached to C\d+\)")


def without_edit_pointers(content: dict[str, Any]) -> dict[str, Any]:
    """A note's content with each action line's pointer to its suggested edit said the one
    way: "(the suggested edit is attached to C2)" (the edit of the item went into another
    change's edit of it, one edit per item) reads as "(suggested edit attached)". Where the
    edit is filed is not what CS is told to do: a note whose only move is that pointer reads
    the same, and CS's acknowledgement of it holds."""
    actions = content.get("cs_actions")
    if not isinstance(actions, list):
        return content
    return {
        **content,
        "cs_actions": [
            _EDIT_POINTER.sub("(suggested edit attached)", action)
            if isinstance(action, str)
            else action
            for action in actions
        ],
    }


def _reads(kind: str, content: dict[str, Any]) -> dict[str, Any]:
    """What a draft says, for "does it read the same": its writer fields (a note's evidence
    counts aside, `_EVIDENCE_COUNTS`), and for an edit the help-center body it rewrites (an
    article updated in the helpdesk is a new text)."""
    part = _writer_part(kind, without_edit_pointers(content) if kind == "note" else content)
    if kind == "edit":
        part["old_body"] = content.get("old_body")
    elif isinstance(part.get("when"), str):
        part["when"] = _EVIDENCE_COUNTS.sub(
            lambda m: "In N probe(s);" if m.group().startswith("In") else "(counts)",
            part["when"],
        )
    return part


def _moved(kind: str, before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """The fields (`_reads`) in which two machine drafts read differently."""
    old, new = _reads(kind, before), _reads(kind, after)
    return {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}


def settle(row: DraftRow, prior: Any, *, carried: bool, same_facts: bool = False) -> Settled:
    """The rules that keep a writer's work and never keep a stale approval.

    - No prior draft, or an untouched one: the new machine draft (still marked when it is an
      approval taken back, so a second pass does not hide that it was approved before).
    - Approved without an edit: still approved while the machine draft reads the same (its
      writer fields; dates and evidence excerpts may move); else the new machine draft,
      to approve again.
    - Edited (and perhaps approved): the writer's fields over the new machine draft; if the
      machine draft reads differently now, it is `edited` and `outdated`, for a second look,
      unless the change's facts are the same (`same_facts`: its actions, numbers, probes and
      condition; a knowledge-base refresh moves only the machine's words) and the machine
      text moved only in fields the writer wrote: what was approved is still the writer's
      text about the same behavior, so the decision holds, flagged `suggestion_moved`.
    - Rejected (but as a wrong draft) or sent to engineering: the decision holds, with the
      writer's text if any; outdated when the machine text moved under an edit.
    """
    machine = row.content
    if prior is None or prior["status"] == "draft":
        # an approval taken back stays marked through later passes, until a writer looks
        reopened = prior is not None and bool(prior["outdated"]) and not prior["edited_by"]
        return Settled("draft", row.origin, machine, "written", outdated=reopened)
    before = row_json(prior, "drafts", "content_json", *_KEY)
    generated = row_json(prior, "drafts", "generated_json", *_KEY)
    same = _reads(row.kind, generated) == _reads(row.kind, machine)
    count = "carried" if carried else "kept"
    held = holds_decision(prior["status"], prior["reason"])
    if _writer_part(row.kind, before) == _writer_part(row.kind, generated):
        if same or held:
            return Settled(prior["status"], row.origin, machine, count)
        # an approval (or a rejection of the wording) of text that reads differently now: the
        # new text, flagged so the list shows which drafts a writer decided before and needs
        # to look at again
        was_approved = prior["status"] == "approved"
        return Settled(
            "draft",
            row.origin,
            machine,
            "written",
            outdated=prior["status"] != "draft",
            unapproved=was_approved,
        )
    merged = writer_over(row.kind, machine, before, generated)
    written = set(writer_changed(row.kind, before, generated))
    # the machine's suggestion moved, only under the writer's own fields, the facts the same
    under_writer = not same and same_facts and _moved(row.kind, generated, machine) <= written
    was_moved = bool(_column(prior, "suggestion_moved"))
    # once outdated, outdated until a writer looks (edits, approves or resets it)
    outdated = (not same and not under_writer) or bool(prior["outdated"])
    status = prior["status"] if not outdated or held else "edited"
    return Settled(
        status,
        prior["origin"],
        merged,
        count,
        outdated=outdated,
        suggestion_moved=not outdated and (under_writer or was_moved),
    )


def _column(row: Any, name: str) -> Any:
    """A column of a prior draft's row, None where the query did not select it."""
    try:
        return row[name]
    except (IndexError, KeyError):
        return None


_WORKED_LAST = (
    "COALESCE((SELECT MAX(a.id) FROM audit_log a WHERE a.release_id = d.release_id AND "
    "(a.action IN ('release.create', 'run.unchanged') OR a.action LIKE 'drafts.%')), 0) DESC"
)
"""Releases (a `drafts d` row's) in the order a writer or a run last worked on them, last
first, by the audit log's order: made, run again (a rerun that came back to it), drafted or a
draft decided there. The newest release unless work went back to an older one since."""

_PRIOR = (
    "release_id, change_id, status, origin, content_json, generated_json, outdated, "
    "suggestion_moved, reason, comment, edited_by, edited_at, warnings_json, dismissed_json, "
    "updated_at, updated_by, key"
)


def _review_part(settled: Settled, prior: Any) -> tuple[Any, ...]:
    """reason, comment, edited_by, edited_at, warnings, dismissed of a regenerated draft:
    the writer's, while their text or decision is kept; none for a fresh machine draft."""
    if prior is None or settled.count == "written":
        return (None, None, None, None, "[]", "[]")
    decided = settled.status == prior["status"]
    return (
        prior["reason"] if decided else None,
        prior["comment"] if decided else None,
        prior["edited_by"],
        prior["edited_at"],
        prior["warnings_json"],
        prior["dismissed_json"],
    )


@dataclass(frozen=True)
class DraftRow:
    """One generated draft to store: a note (key = change id) or an edit (change:item)."""

    kind: DraftKind
    key: str
    change_id: str
    item_key: str | None
    origin: str
    content: dict[str, Any]


_QUOTING_EDIT_FIELDS = ("rationale", "conflicts")
"""An edit's fields that quote (the knowledge base's sentences); its bodies are the item's
own text and go to the helpdesk whole."""


def _capped_value(value: Any) -> Any:
    if isinstance(value, str):
        return cap_quoted(value)
    if isinstance(value, list):
        return [_capped_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _capped_value(item) for key, item in value.items()}
    return value


def capped(row: DraftRow) -> DraftRow:
    """The machine draft with every quoted text at most `textutil.QUOTE_CHARS` long, marked
    where cut: a note quoting a 4 MB reply, or an edit's rationale quoting a huge sentence,
    is stored (and reviewed, published, exported) with a visible "… (N more characters)"."""
    if row.kind == "note":
        content = _capped_value(row.content)
    else:
        content = {
            key: _capped_value(value) if key in _QUOTING_EDIT_FIELDS else value
            for key, value in row.content.items()
        }
    if content == row.content:
        return row
    return DraftRow(row.kind, row.key, row.change_id, row.item_key, row.origin, content)


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
    suggestion_moved: bool = False
    """A writer's text whose decision holds over a machine draft that moved only in fields
    the writer wrote, the change's facts the same: shown, nothing to do but look."""
    reason: str | None = None
    """Why it was rejected: one of REJECT_REASONS."""
    comment: str | None = None
    """The rejection's text, or what engineering should look at."""
    edited_by: str | None = None
    """Who wrote the text in it, when a writer did: it stays theirs after approval."""
    edited_at: str | None = None
    revision: int = 1
    """Bumped by every write: a save based on an older revision is a conflict."""
    warnings: tuple[str, ...] = ()
    """What the edit check found in the writer's text when it was last saved."""
    dismissed: tuple[str, ...] = ()
    """Warnings a writer has looked at and dismissed."""

    @property
    def open_warnings(self) -> list[str]:
        return [warning for warning in self.warnings if warning not in self.dismissed]

    @property
    def provenance(self) -> str:
        """`writer` for a text a writer wrote, else the machine drafter (template, llm)."""
        return "writer" if self.edited_by else self.origin

    @property
    def rationale(self) -> str:
        """An edit's reason as read beside the body that goes out. The machine's reason
        explains (and quotes) the machine's own body: once a writer rewrote the body and left
        that reason, it is marked as the machine's, with who rewrote the body; a reason the
        writer wrote is theirs, as it is."""
        reason = str(self.content.get("rationale") or "")
        if self.kind != "edit" or not reason:
            return reason
        body_rewritten = self.content.get("new_body") != self.generated.get("new_body")
        if body_rewritten and reason == str(self.generated.get("rationale") or ""):
            who = self.edited_by or "a writer"
            return f"Rewritten by {who}. The machine's reason for its own draft: {reason}"
        return reason

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "change_id": self.change_id,
            "item_key": self.item_key,
            "status": self.status,
            "origin": self.origin,
            "provenance": self.provenance,
            "edited_by": self.edited_by,
            "edited_at": self.edited_at,
            "reason": self.reason,
            "comment": self.comment,
            "warnings": self.open_warnings,
            "dismissed_warnings": [w for w in self.warnings if w in self.dismissed],
            "revision": self.revision,
            "content": self.content,
            "updated_at": self.updated_at,
            "updated_by": self.updated_by,
            "carried_from": self.carried_from,
            "stale": self.stale,
            "outdated": self.outdated,
            "suggestion_moved": self.suggestion_moved,
        }


_KEY = ("release_id", "kind", "key")
"""The columns that name one draft (in a damaged value's place)."""


def _record(row: sqlite3.Row) -> DraftRecord:
    return from_row(
        DraftRecord,
        row,
        content=row_json(row, "drafts", "content_json", *_KEY, expect=dict),
        generated=row_json(row, "drafts", "generated_json", *_KEY, expect=dict),
        stale=bool(row["stale"]),
        outdated=bool(row["outdated"]),
        suggestion_moved=bool(row["suggestion_moved"]),
        warnings=tuple(row_json(row, "drafts", "warnings_json", *_KEY, expect=list)),
        dismissed=tuple(row_json(row, "drafts", "dismissed_json", *_KEY, expect=list)),
    )


def _with_json(
    cls: type[Record], rows: Iterable[sqlite3.Row], table: str, field: str
) -> list[Record]:
    """Rows of a log table (`draft_history`, `draft_runs`) as `cls`, its `field` read from
    the JSON column `<field>_json` (a damaged value is named by the row's id)."""
    return [
        from_row(cls, row, **{field: row_json(row, table, f"{field}_json", "id")}) for row in rows
    ]


def _state(record: DraftRecord) -> dict[str, Any]:
    """What undo puts back: the writer's side of a draft (not the machine draft; a re-draft
    adds the machine draft it replaced, see `DraftStore.redraft`)."""
    return {
        "content": record.content,
        "status": record.status,
        "reason": record.reason,
        "comment": record.comment,
        "edited_by": record.edited_by,
        "edited_at": record.edited_at,
        "warnings": list(record.warnings),
        "dismissed": list(record.dismissed),
        "outdated": record.outdated,
        "suggestion_moved": record.suggestion_moved,
    }


@dataclass(frozen=True)
class HistoryEntry:
    """One undoable review action: the draft's state before it."""

    id: int
    release_id: int
    kind: str
    key: str
    action: str
    state: dict[str, Any]
    revision_after: int
    at: str
    actor: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "action": self.action,
            "status_before": self.state.get("status"),
            "at": self.at,
            "actor": self.actor,
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


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _shape(change: Any) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """What a behavior change does, its numbers left out: the same change keeps its shape
    when a value moves (14 → 10 days) and the analysis numbers the changes differently."""

    def plain(labels: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(_NUMBER.sub("#", str(label).lower()) for label in labels))

    return (str(change.kind), plain(change.before), plain(change.after))


def _overlap(one: Iterable[str], other: Iterable[str]) -> float:
    first, second = set(one), set(other)
    return len(first & second) / len(first | second) if first | second else 0.0


def change_facts(change: Any) -> dict[str, Any]:
    """What a behavior change is, its words aside: kind, facets, actions and promises before
    and after (numbers in them), probes, conditions, moved arguments and aspects. Equal for
    the same runs analysed the same way; a moved number, probe or condition changes it."""
    return {
        "kind": change.kind,
        "facets": sorted(change.facets),
        "before": sorted(change.before),
        "after": sorted(change.after),
        "probes": sorted(change.probe_ids),
        "conditions": [condition.text for condition in change.conditions],
        "moved": [moved.to_dict() for moved in change.moved_arguments],
        "aspects": [
            {
                "kind": aspect.kind,
                "before": list(aspect.before),
                "after": list(aspect.after),
                "probes": sorted(aspect.probe_ids),
            }
            for aspect in change.aspects
        ],
    }


class _Facts:
    """The facts (`change_facts`) of the changes of releases' stored analyses, read once."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.by_release: dict[int, dict[str, dict[str, Any]] | None] = {}

    def of(self, release_id: int, change_id: str | None) -> dict[str, Any] | None:
        if release_id not in self.by_release:
            analysis = self.workspace.load_analysis(release_id)
            self.by_release[release_id] = (
                None
                if analysis is None
                else {change.id: change_facts(change) for change in analysis.changes}
            )
        changes = self.by_release[release_id]
        return None if changes is None or change_id is None else changes.get(change_id)

    def same(
        self, prior_release: int, prior_change: str | None, release_id: int, row: DraftRow
    ) -> bool:
        """Whether the prior draft's change and this row's are the same facts: unknown (no
        analysis stored) is not the same."""
        before = self.of(prior_release, prior_change)
        return before is not None and before == self.of(release_id, row.change_id)


@dataclass(frozen=True)
class Lineage:
    """A note of this release whose change an earlier release drafted under another key (the
    change's numbers moved, so its key did): the writer's work is carried from there."""

    key: str
    change_id: str
    from_release: int
    from_key: str
    from_change_id: str
    how: str
    """`same shape` (the same actions or promises, numbers aside) or `same probes`."""


class DraftStore:
    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.db = workspace.db

    def earlier_effective_date(
        self, release_id: int, note_keys: Iterable[str]
    ) -> tuple[int, str] | None:
        """(release, date) of the newest earlier release that holds a note of one of these
        changes and has an effective date: the date a carried draft was approved for."""
        keys = list(dict.fromkeys(note_keys))
        best: tuple[int, str] | None = None
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            row = self.db.execute(
                "SELECT r.id, r.effective_date FROM drafts d JOIN releases r ON r.id = "
                "d.release_id WHERE d.release_id < ? AND d.kind = 'note' AND r.effective_date "
                f"IS NOT NULL AND d.key IN ({', '.join('?' * len(chunk))}) "
                "ORDER BY r.id DESC LIMIT 1",
                (release_id, *chunk),
            ).fetchone()
            if row is not None and (best is None or int(row[0]) > best[0]):
                best = (int(row[0]), str(row[1]))
        return best

    def _came_back_to(
        self, db: sqlite3.Connection, release_id: int, row: DraftRow, existing: Any
    ) -> Any:
        """A writer's draft of this key in a NEWER release, when a rerun came back to this
        one after that work (the newer release's run failed, the versions were fixed and
        `run` found them already held here) and this release's draft is untouched: what the
        writer decided there is carried here as a new release would carry it (an approval
        holds only while the machine text reads the same). None otherwise."""
        if existing is None or existing["status"] != "draft" or existing["edited_by"]:
            return None
        return db.execute(
            f"SELECT {_PRIOR} FROM drafts d WHERE d.release_id > ? AND d.kind = ? AND "
            "d.key = ? AND d.stale = 0 AND (d.status != 'draft' OR d.edited_by IS NOT NULL) "
            "AND EXISTS (SELECT 1 FROM audit_log a WHERE a.release_id = ? AND "
            "a.action = 'run.unchanged' AND a.id > (SELECT COALESCE(MAX(b.id), 0) FROM "
            "audit_log b WHERE b.release_id = d.release_id AND b.action LIKE 'drafts.%')) "
            f"ORDER BY {_WORKED_LAST}, d.release_id DESC LIMIT 1",
            (release_id, row.kind, row.key, release_id),
        ).fetchone()

    def _base_release(self, db: sqlite3.Connection, release_id: int) -> int | None:
        """The earlier release with drafts where a writer last worked (`_WORKED_LAST`). Not
        simply the highest number: a rerun that came back to an older release (its versions
        fixed after a failed run) is where the writer went on working, and the failed one
        between is left behind."""
        row = db.execute(
            "SELECT d.release_id FROM drafts d WHERE d.release_id < ? GROUP BY d.release_id "
            f"ORDER BY {_WORKED_LAST}, d.release_id DESC LIMIT 1",
            (release_id,),
        ).fetchone()
        return int(row[0]) if row is not None else None

    def _lineage(
        self,
        db: sqlite3.Connection,
        release_id: int,
        rows: list[DraftRow],
        *,
        carried_too: bool = False,
    ) -> list[Lineage]:
        """Notes of this pass with no draft of their key before (or only an untouched one
        here), matched one to one with the notes of the newest earlier release that a writer
        worked on and that this pass no longer produces: first by the change's shape
        (`_shape`: kind and actions or promises, numbers aside; the most shared probes
        decide between equals), else by sharing most of their probes. `carried_too`: also
        the notes an earlier pass of this release carried or a writer decided here (what a
        rerun's pass has already carried on is not left behind)."""
        base = self._base_release(db, release_id)
        if base is None:
            return []
        produced = {row.key for row in rows if row.kind == "note"}
        here = (
            ""
            if carried_too
            else " OR (release_id = ? AND (status != 'draft' OR carried_from IS NOT NULL))"
        )
        new_notes = [
            row
            for row in rows
            if row.kind == "note"
            and db.execute(
                f"SELECT 1 FROM drafts WHERE kind = 'note' AND key = ? AND (release_id < ?{here})",
                (row.key, release_id) if carried_too else (row.key, release_id, release_id),
            ).fetchone()
            is None
        ]
        if not new_notes:
            return []
        priors = [
            prior
            for prior in db.execute(
                "SELECT key, change_id FROM drafts WHERE release_id = ? AND kind = 'note' "
                "AND (status != 'draft' OR edited_by IS NOT NULL)",
                (base,),
            ).fetchall()
            if prior["key"] not in produced
        ]
        if not priors:
            return []
        now, then = self.workspace.load_analysis(release_id), self.workspace.load_analysis(base)
        if now is None or then is None:
            return []
        changes_now = {change.id: change for change in now.changes}
        changes_then = {change.id: change for change in then.changes}
        pairs: list[tuple[int, float, str, Any]] = []
        for row in new_notes:
            change = changes_now.get(row.change_id)
            for prior in priors:
                earlier = changes_then.get(prior["change_id"])
                if change is None or earlier is None:
                    continue
                shared = _overlap(change.probe_ids, earlier.probe_ids)
                if _shape(change) == _shape(earlier):
                    pairs.append((0, -shared, row.key, (row, prior, "same shape")))
                elif change.kind == earlier.kind and shared >= 0.5:
                    pairs.append((1, -shared, row.key, (row, prior, "same probes")))
        found: list[Lineage] = []
        taken_new: set[str] = set()
        taken_old: set[str] = set()
        for _, _, _, (row, prior, how) in sorted(pairs, key=lambda pair: pair[:3]):
            if row.key in taken_new or prior["key"] in taken_old:
                continue
            taken_new.add(row.key)
            taken_old.add(prior["key"])
            found.append(
                Lineage(row.key, row.change_id, base, prior["key"], prior["change_id"], how)
            )
        return found

    def _dropped(
        self,
        db: sqlite3.Connection,
        release_id: int,
        produced: set[tuple[str, str]],
        lineage: list[Lineage],
    ) -> list[dict[str, Any]]:
        """The writer's drafts of the newest earlier release that nothing in this pass
        carries on, each with why: what a writer wrote is never left behind silently."""
        base = self._base_release(db, release_id)
        if base is None:
            return []
        renamed = {line.from_key: line for line in lineage}
        dropped: list[dict[str, Any]] = []
        for row in db.execute(
            "SELECT kind, key, change_id, item_key, status, reason, comment, updated_by, "
            "content_json FROM drafts "
            "WHERE release_id = ? AND stale = 0 AND (status != 'draft' OR edited_by IS NOT "
            "NULL) ORDER BY id",
            (base,),
        ).fetchall():
            kind, key = row["kind"], row["key"]
            if (kind, key) in produced:
                continue
            note_key = key[: -len(f":{row['item_key']}")] if kind == "edit" else key
            line = renamed.get(note_key)
            if line is not None and kind == "note":
                continue
            if line is not None and (kind, f"{line.key}:{row['item_key']}") in produced:
                continue
            content = row_json(row, "drafts", "content_json", "kind", "key", release_id=base)
            title = content.get("title") if kind == "note" else content.get("item_title")
            # the change is still here, and its edit of the item went into another change's
            # edit of it (one edit per item): that edit carries the writer's decision too
            merged_into = (
                sorted(
                    other
                    for other_kind, other in produced
                    if other_kind == "edit"
                    and other.endswith(f":{row['item_key']}")
                    and other != f"{(line.key if line else note_key)}:{row['item_key']}"
                )
                if kind == "edit"
                and (line is not None or ("note", note_key) in produced)
                and row["item_key"]
                else []
            )
            if merged_into:
                why = (
                    f"its change is still found, but this release drafts one edit of "
                    f"{row['item_key']} for several changes, and the edit of "
                    f"{' and '.join(self._change_id(db, release_id, key) for key in merged_into)} "
                    "carries this part"
                )
                if row["status"] == "rejected":
                    warned = self._warn_merged(db, release_id, merged_into, row, title, base)
                    why += (
                        ": the rejection is an open warning on that edit"
                        if warned
                        else ": that edit was approved with this rejected part in it; check it"
                    )
            elif line is not None:
                why = (
                    f"its change ({row['change_id']} there, {line.change_id} now) no longer "
                    f"gets a suggested edit of {row['item_key']}"
                )
            elif kind == "note":
                why = (
                    "no change of this release matches it: the behavior no longer differs, "
                    "or it changed beyond recognition (other actions, other probes)"
                )
            else:
                why = "its change is no longer found in this release"
            dropped.append(
                {
                    "release_id": base,
                    "kind": kind,
                    "key": key,
                    "change_id": row["change_id"],
                    "item_key": row["item_key"],
                    "title": str(title or ""),
                    "status": row["status"],
                    "reason": row["reason"],
                    "why": why + f"; the text stays in release #{base}",
                }
            )
        return dropped

    def _decision_not_carried(
        self, db: sqlite3.Connection, row: DraftRow, prior: Any
    ) -> dict[str, Any]:
        """A writer's rejection (of the wording: a wrong draft) or referral that a new pass
        does not keep, because the machine text it was about moved: said, with who decided
        it and what CS did on it (an item rewritten by hand), never dropped silently."""
        content = row_json(prior, "drafts", "content_json", *_KEY)
        title = content.get("title") if row.kind == "note" else content.get("item_title")
        reason = str(prior["reason"] or prior["status"]).replace("-", " ")
        why = (
            f"{prior['status']} ({reason}) by {prior['updated_by']}, not carried: the machine "
            "draft it was about reads differently now, so a writer reviews the new draft"
        )
        done = db.execute(
            "SELECT delivered_by, delivered_at FROM deliveries WHERE release_id = ? AND "
            "draft_key = ? AND how = 'done' ORDER BY delivered_at DESC LIMIT 1",
            (prior["release_id"], prior["key"]),
        ).fetchone()
        if done is not None:
            why += (
                f"; CS marked the item rewritten by hand ({done['delivered_by']}, "
                f"{str(done['delivered_at'])[:10]}): check the helpdesk's text against the "
                "new draft before marking it done again"
            )
        return {
            "release_id": prior["release_id"],
            "kind": row.kind,
            "key": prior["key"],
            "change_id": prior["change_id"],
            "item_key": row.item_key,
            "title": str(title or ""),
            "status": prior["status"],
            "reason": prior["reason"],
            "why": why + f"; the decision stays in release #{prior['release_id']}",
        }

    def _change_id(self, db: sqlite3.Connection, release_id: int, edit_key: str) -> str:
        """The change id (`C2`) of an edit of this release, by its key."""
        found = db.execute(
            "SELECT change_id FROM drafts WHERE release_id = ? AND kind = 'edit' AND key = ?",
            (release_id, edit_key),
        ).fetchone()
        return str(found["change_id"]) if found is not None else edit_key

    def _warn_merged(
        self,
        db: sqlite3.Connection,
        release_id: int,
        keys: list[str],
        rejected: Any,
        title: Any,
        base: int,
    ) -> bool:
        """An open warning on each edit (`keys`, of this release, not approved) that now
        carries the text of an edit a writer rejected in release `base`: approving it would
        export the rejected sentences again, so it waits until a writer takes that part out
        (or approves it despite the warning). False when one of them is approved already."""
        reason = str(rejected["reason"] or "rejected").replace("-", " ")
        if rejected["comment"]:
            reason += f": {rejected['comment']}"
        item = title or rejected["item_key"]
        warning = (
            f"part of this edit is {rejected['change_id']}'s edit of {item}, "
            f"rejected in release #{base} by {rejected['updated_by']} ({reason}): take that part "
            "out of the new body, or approve it despite this warning"
        )
        warned = True
        for key in keys:
            found = db.execute(
                "SELECT status, warnings_json FROM drafts WHERE release_id = ? AND kind = 'edit' "
                "AND key = ?",
                (release_id, key),
            ).fetchone()
            if found is None or found["status"] == "approved":
                warned = False
                continue
            warnings = list(stored_json(found["warnings_json"], list))
            if warning in warnings:
                continue
            db.execute(
                "UPDATE drafts SET warnings_json = ? WHERE release_id = ? AND kind = 'edit' "
                "AND key = ?",
                (json.dumps([*warnings, warning], ensure_ascii=False), release_id, key),
            )
        return warned

    def carry_report(self, release_id: int) -> dict[str, Any]:
        """What the newest drafting pass of the release carried from an earlier release under
        another change id (`renumbered`) and the writer's drafts it left behind (`dropped`)."""
        row = self.db.execute(
            "SELECT detail_json FROM audit_log WHERE release_id = ? AND action = "
            "'drafts.generate' ORDER BY id DESC LIMIT 1",
            (release_id,),
        ).fetchone()
        detail = (
            stored_json(
                row[0],
                at=place(
                    "audit_log", "detail_json", release_id=release_id, action="drafts.generate"
                ),
            )
            if row is not None
            else {}
        )
        return {
            "renumbered": list(detail.get("renumbered_drafts") or []),
            "dropped": list(detail.get("dropped_drafts") or []),
        }

    def carried_notes(self, release_id: int) -> dict[str, tuple[int, str]]:
        """Note key → (release, key) of the earlier note every drafting pass of the release
        carried a writer's work from under another key, newest pass first. Not only the
        newest pass: a second `draft` (a knowledge-base refresh) finds this release's own
        drafts and carries nothing, while the change is still the one carried before."""
        carried: dict[str, tuple[int, str]] = {}
        for (detail_json,) in self.db.execute(
            "SELECT detail_json FROM audit_log WHERE release_id = ? AND action = "
            "'drafts.generate' ORDER BY id DESC",
            (release_id,),
        ).fetchall():
            detail = stored_json(
                detail_json,
                at=place(
                    "audit_log", "detail_json", release_id=release_id, action="drafts.generate"
                ),
            )
            for entry in detail.get("renumbered_drafts") or []:
                if not isinstance(entry, dict) or entry.get("kind") != "note":
                    continue
                key, earlier, release = (
                    entry.get("key"),
                    entry.get("from_key"),
                    entry.get("from_release"),
                )
                if isinstance(key, str) and isinstance(earlier, str) and isinstance(release, int):
                    carried.setdefault(key, (release, earlier))
        return carried

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
            (
                "written",
                "kept",
                "carried",
                "removed",
                "stale",
                "outdated",
                "unapproved",
                "renumbered",
                "dropped",
                "suggestion_moved",
            ),
            0,
        )
        produced: set[tuple[str, str]] = set()
        stamp, actor = now_iso(), current_actor()
        rows = [capped(row) for row in rows]
        renumbered: list[dict[str, Any]] = []
        undone: list[dict[str, Any]] = []
        facts = _Facts(self.workspace)
        with self.workspace.transaction() as db:
            lineage = self._lineage(db, release_id, rows)
            from_key = {line.key: line for line in lineage}
            for row in rows:
                produced.add((row.kind, row.key))
                note_key = row.key[: -len(f":{row.item_key}")] if row.kind == "edit" else row.key
                line = from_key.get(note_key)
                existing = db.execute(
                    f"SELECT {_PRIOR} FROM drafts WHERE release_id = ? AND kind = ? AND key = ?",
                    (release_id, row.kind, row.key),
                ).fetchone()
                # else the earlier draft of this change where a writer last worked, whatever
                # they did to it: one reset to the machine draft there is not brought back
                # from before, and a writer's work on an older release a rerun came back to
                # is not passed over for a newer one left behind (a failed run's)
                prior = (
                    existing
                    or db.execute(
                        f"SELECT {_PRIOR} FROM drafts d WHERE d.release_id < ? AND kind = ? "
                        f"AND key = ? ORDER BY {_WORKED_LAST}, d.release_id DESC LIMIT 1",
                        (release_id, row.kind, row.key),
                    ).fetchone()
                )
                came_back = self._came_back_to(db, release_id, row, existing)
                if came_back is not None:
                    prior = came_back
                if (
                    line is not None
                    and came_back is None
                    and (existing is None or existing["status"] == "draft")
                ):
                    earlier_key = (
                        line.from_key if row.kind == "note" else f"{line.from_key}:{row.item_key}"
                    )
                    earlier = db.execute(
                        f"SELECT {_PRIOR} FROM drafts WHERE release_id = ? AND kind = ? "
                        "AND key = ?",
                        (line.from_release, row.kind, earlier_key),
                    ).fetchone()
                    if earlier is not None:
                        if existing is not None:  # an untouched machine draft: replaced
                            db.execute(
                                "DELETE FROM drafts WHERE release_id = ? AND kind = ? AND key = ?",
                                (release_id, row.kind, row.key),
                            )
                        existing, prior = None, earlier
                settled = settle(
                    row,
                    prior,
                    carried=existing is None or came_back is not None,
                    same_facts=prior is not None
                    and facts.same(prior["release_id"], prior["change_id"], release_id, row),
                )
                if (
                    line is not None
                    and prior is not None
                    and existing is None
                    and prior["release_id"] == line.from_release
                    and (prior["status"] != "draft" or prior["edited_by"])
                ):
                    counts["renumbered"] += 1
                    renumbered.append(
                        {
                            "kind": row.kind,
                            "key": row.key,
                            "change_id": row.change_id,
                            "item_key": row.item_key,
                            "from_release": line.from_release,
                            "from_key": line.from_key
                            if row.kind == "note"
                            else f"{line.from_key}:{row.item_key}",
                            "from_change_id": line.from_change_id,
                            "matched_by": line.how,
                            "from_status": prior["status"],
                            "status": settled.status,
                            "outdated": settled.outdated,
                            "writer_text": settled.count == "carried",
                        }
                    )
                if (
                    prior is not None
                    and prior["status"] in ("rejected", "needs-engineering")
                    and settled.status != prior["status"]
                ):
                    undone.append(self._decision_not_carried(db, row, prior))
                counts[settled.count] += 1
                # a mark kept on an untouched draft was counted when the approval was taken back
                counts["outdated"] += settled.outdated and (
                    settled.count != "written" or settled.unapproved
                )
                counts["unapproved"] += settled.unapproved
                counts["suggestion_moved"] += settled.suggestion_moved and not (
                    prior is not None and _column(prior, "suggestion_moved")
                )
                values = (
                    row.change_id,
                    settled.status,
                    settled.origin,
                    json.dumps(settled.content, ensure_ascii=False),
                    json.dumps(row.content, ensure_ascii=False),
                    int(settled.outdated),
                    int(settled.suggestion_moved),
                    *_review_part(settled, prior),
                )
                # a decision carried over stays its writer's (who approved it, and when): the
                # account that ran this release decided nothing (an export names the reviewer)
                from_writer = (
                    (prior["updated_at"], prior["updated_by"])
                    if settled.count == "carried" and prior is not None and prior is not existing
                    else None
                )
                if existing is None:
                    db.execute(
                        "INSERT INTO drafts (release_id, kind, key, item_key, change_id, status, "
                        "origin, content_json, generated_json, outdated, suggestion_moved, "
                        "reason, comment, edited_by, edited_at, warnings_json, dismissed_json, "
                        "updated_at, updated_by, carried_from) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            release_id,
                            row.kind,
                            row.key,
                            row.item_key,
                            *values,
                            *(from_writer or (stamp, actor)),
                            prior["release_id"]
                            if settled.count == "carried" or settled.unapproved
                            else None,
                        ),
                    )
                else:
                    # a writer's row keeps who touched it last; a machine row is rewritten
                    touched = (
                        (stamp, actor)
                        if settled.count == "written"
                        else from_writer or (None, None)
                    )
                    db.execute(
                        "UPDATE drafts SET change_id = ?, status = ?, origin = ?, "
                        "content_json = ?, generated_json = ?, outdated = ?, "
                        "suggestion_moved = ?, reason = ?, "
                        "comment = ?, edited_by = ?, edited_at = ?, warnings_json = ?, "
                        "dismissed_json = ?, stale = 0, revision = revision + 1, "
                        "updated_at = COALESCE(?, updated_at), "
                        "updated_by = COALESCE(?, updated_by) "
                        "WHERE release_id = ? AND kind = ? AND key = ?",
                        (*values, *touched, release_id, row.kind, row.key),
                    )
                    if came_back is not None and (settled.count == "carried" or settled.unapproved):
                        db.execute(
                            "UPDATE drafts SET carried_from = ? WHERE release_id = ? AND "
                            "kind = ? AND key = ?",
                            (came_back["release_id"], release_id, row.kind, row.key),
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
            # a rerun's pass: what an earlier pass of this release carried on stays carried
            carried_on = lineage + self._lineage(db, release_id, rows, carried_too=True)
            dropped = self._dropped(db, release_id, produced, carried_on) + undone
            counts["dropped"] = len(dropped)
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
                {
                    **counts,
                    "drafter": run.drafter if run else None,
                    "renumbered_drafts": renumbered,
                    "dropped_drafts": dropped,
                },
            )
        return counts

    def drafts(self, release_id: int, kind: DraftKind | None = None) -> list[DraftRecord]:
        query = "SELECT * FROM drafts WHERE release_id = ?"
        params: tuple[Any, ...] = (release_id,)
        if kind is not None:
            query += " AND kind = ?"
            params = (release_id, kind)
        rows = self.db.execute(query + " ORDER BY id", params).fetchall()
        return [_record(row) for row in rows]

    def draft(self, release_id: int, kind: DraftKind, key: str) -> DraftRecord:
        return self._read(self.db, release_id, kind, key)

    def update(
        self,
        release_id: int,
        kind: DraftKind,
        key: str,
        *,
        content: dict[str, Any] | None = None,
        status: str | None = None,
        expected: DraftRecord | None = None,
        reason: str | None = None,
        comment: str | None = None,
        warnings: list[str] | None = None,
        dismissed: list[str] | None = None,
        actor: str | None = None,
        action: str | None = None,
        coalesce: bool = False,
        keep_outdated: bool = False,
    ) -> DraftRecord:
        """A writer's edit (status becomes `edited` unless given), approval, rejection (with
        `reason` and `comment`), note to engineering (`comment`) or dismissed warnings.

        `expected`: the draft as the writer saw it when they started; if another write has
        happened since (another writer, a `review` in another terminal), nothing is written
        and `DraftConflict`, carrying both texts, is raised: neither writer's work is lost.
        The state before the write is kept in the draft's history, so `undo` restores it;
        `coalesce` folds a writer's quick successive edits (autosave) into one undo step;
        `keep_outdated` keeps the `outdated` mark (a check no writer made clears nothing).
        A text that differs from the machine draft is marked as `actor`'s."""
        stamp, actor = now_iso(), actor or current_actor()
        with self.workspace.transaction() as db:
            current = self._read(db, release_id, kind, key)
            new_status = status or ("edited" if content is not None else current.status)
            if new_status not in STATUSES:
                raise WorkspaceError(
                    f"unknown draft status '{new_status}'", hint=f"use {', '.join(STATUSES)}"
                )
            if reason is not None and reason not in REJECT_REASONS:
                raise WorkspaceError(
                    f"unknown reason '{reason}'", hint=f"use {', '.join(REJECT_REASONS)}"
                )
            if expected is not None and expected.revision != current.revision:
                by = f" by {current.updated_by} at {current.updated_at}"
                raise DraftConflict(
                    f"the {kind} changed{by} while it was being edited; nothing was saved",
                    mine=content if content is not None else dict(expected.content),
                    theirs=dict(current.content),
                    by=current.updated_by,
                    at=current.updated_at,
                    where=self.workspace.path,
                    hint="compare both texts, then redo the edit on the current one "
                    "(`behaviordiff review list` shows it)",
                )
            new_content = content if content is not None else current.content
            edited_by, edited_at = current.edited_by, current.edited_at
            if content is not None:
                if content == current.generated:
                    edited_by = edited_at = None
                elif content != current.content or edited_by is None:
                    edited_by, edited_at = actor, stamp
            decided = new_status in ("rejected", "needs-engineering")
            state = _state(current)
            self._remember(db, current, action or new_status, state, stamp, actor, coalesce)
            db.execute(
                "UPDATE drafts SET content_json = ?, status = ?, updated_at = ?, updated_by = ?, "
                "outdated = ?, suggestion_moved = ?, reason = ?, comment = ?, edited_by = ?, "
                "edited_at = ?, warnings_json = ?, dismissed_json = ?, revision = revision + 1 "
                "WHERE release_id = ? AND kind = ? AND key = ?",
                (
                    json.dumps(new_content, ensure_ascii=False),
                    new_status,
                    stamp,
                    actor,
                    int(keep_outdated and current.outdated),
                    int(keep_outdated and current.suggestion_moved),
                    (reason or current.reason) if new_status == "rejected" else None,
                    (comment if comment is not None else current.comment) if decided else None,
                    edited_by,
                    edited_at,
                    json.dumps(list(current.warnings) if warnings is None else warnings),
                    json.dumps(list(current.dismissed) if dismissed is None else dismissed),
                    release_id,
                    kind,
                    key,
                ),
            )
            detail: dict[str, Any] = {"kind": kind, "revision": current.revision + 1}
            if reason is not None:
                detail["reason"] = reason
            if comment:
                detail["comment"] = comment
            if content is not None:
                detail["fields"] = sorted(
                    name
                    for name in WRITER_FIELDS[kind]
                    if new_content.get(name) != current.content.get(name)
                )
            self.workspace.audit_in(
                db,
                f"drafts.{action or new_status}",
                release_id,
                key,
                detail,
                actor=actor,
                at=stamp,
            )
        return self.draft(release_id, kind, key)

    def redraft(
        self,
        release_id: int,
        note_key: str,
        rows: Iterable[DraftRow],
        *,
        expected: dict[str, int] | None = None,
        actor: str | None = None,
    ) -> dict[str, int]:
        """One change drafted again: its note (`note_key`) and suggested edits take the new
        machine draft as their text, status `draft`, whatever a writer did to them. Each
        draft's state before (text, decision, machine draft) goes to its history under the
        action `redraft`, all with one time stamp, so `undo` gives them back. An edit this
        drafting no longer produces is removed when untouched, else kept and marked stale;
        an edit it adds is new. Both are remembered under the same action and time stamp, so
        `undo_redraft` restores the exact earlier set (a removed edit comes back, an added one
        goes, a stale mark is lifted).

        `expected`: the revisions (by draft key) the writer saw when asking for the re-draft;
        a draft written since is a `DraftConflict` and nothing is stored.
        Returns counts: replaced, added, removed, stale."""
        counts = dict.fromkeys(("replaced", "added", "removed", "stale"), 0)
        stamp, actor = now_iso(), actor or current_actor()
        prefix = f"{note_key}:"
        with self.workspace.transaction() as db:
            self._read(db, release_id, "note", note_key)
            mine = {
                (record.kind, record.key): record
                for record in (
                    _record(row)
                    for row in db.execute(
                        "SELECT * FROM drafts WHERE release_id = ?", (release_id,)
                    ).fetchall()
                )
                if record.key == note_key
                or (record.kind == "edit" and record.key.startswith(prefix))
            }
            for record in mine.values():
                seen = (expected or {}).get(record.key)
                if seen is not None and seen != record.revision:
                    raise DraftConflict(
                        f"the {record.kind} {record.key} changed by {record.updated_by} at "
                        f"{record.updated_at} after the re-draft was asked for; nothing was "
                        "re-drafted",
                        mine=dict(record.generated),
                        theirs=dict(record.content),
                        by=record.updated_by,
                        at=record.updated_at,
                        where=self.workspace.path,
                        hint="look at the change again, then re-draft it",
                    )
            produced: set[tuple[str, str]] = set()
            for row in map(capped, rows):
                produced.add((row.kind, row.key))
                machine = json.dumps(row.content, ensure_ascii=False)
                current = mine.get((row.kind, row.key))
                if current is None:
                    cursor = db.execute(
                        "INSERT INTO drafts (release_id, kind, key, item_key, change_id, "
                        "status, origin, content_json, generated_json, updated_at, updated_by) "
                        "VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)",
                        (
                            release_id,
                            row.kind,
                            row.key,
                            row.item_key,
                            row.change_id,
                            row.origin,
                            machine,
                            machine,
                            stamp,
                            actor,
                        ),
                    )
                    added = _record(
                        db.execute(
                            "SELECT * FROM drafts WHERE id = ?", (cursor.lastrowid,)
                        ).fetchone()
                    )
                    self._mark_redraft(db, added, {"redraft_added": True}, stamp, actor)
                    counts["added"] += 1
                    continue
                state = {
                    **_state(current),
                    "generated": current.generated,
                    "origin": current.origin,
                    "stale": current.stale,
                }
                self._remember(db, current, "redraft", state, stamp, actor, False)
                db.execute(
                    "UPDATE drafts SET change_id = ?, status = 'draft', origin = ?, "
                    "content_json = ?, generated_json = ?, outdated = 0, suggestion_moved = 0, "
                    "stale = 0, "
                    "reason = NULL, comment = NULL, edited_by = NULL, edited_at = NULL, "
                    "warnings_json = '[]', dismissed_json = '[]', updated_at = ?, "
                    "updated_by = ?, revision = revision + 1 "
                    "WHERE release_id = ? AND kind = ? AND key = ?",
                    (
                        row.change_id,
                        row.origin,
                        machine,
                        machine,
                        stamp,
                        actor,
                        release_id,
                        row.kind,
                        row.key,
                    ),
                )
                counts["replaced"] += 1
            for (kind, key), record in mine.items():
                if (kind, key) in produced:
                    continue
                if record.status == "draft" and record.content == record.generated:
                    row = db.execute(
                        "SELECT * FROM drafts WHERE release_id = ? AND kind = ? AND key = ?",
                        (release_id, kind, key),
                    ).fetchone()
                    removed = dict(zip(row.keys(), tuple(row), strict=True))
                    del removed["id"]
                    db.execute(
                        "DELETE FROM drafts WHERE release_id = ? AND kind = ? AND key = ?",
                        (release_id, kind, key),
                    )
                    # its history stays, with the row: undo puts both back
                    self._mark_redraft(db, record, {"redraft_removed": removed}, stamp, actor)
                    counts["removed"] += 1
                elif not record.stale:
                    state = {
                        **_state(record),
                        "generated": record.generated,
                        "origin": record.origin,
                        "stale": False,
                    }
                    self._remember(db, record, "redraft", state, stamp, actor, False)
                    db.execute(
                        "UPDATE drafts SET stale = 1, revision = revision + 1 "
                        "WHERE release_id = ? AND kind = ? AND key = ?",
                        (release_id, kind, key),
                    )
                    counts["stale"] += 1
            self.workspace.audit_in(
                db, "drafts.redraft", release_id, note_key, dict(counts), actor=actor, at=stamp
            )
        return counts

    def _mark_redraft(
        self,
        db: sqlite3.Connection,
        record: DraftRecord,
        state: dict[str, Any],
        stamp: str,
        actor: str,
    ) -> None:
        """Remember that a re-draft added or removed a draft, for `undo_redraft` (an undo of
        the draft alone does not apply: it is undone with its change's note)."""
        db.execute(
            "INSERT INTO draft_history (release_id, kind, key, action, state_json, "
            "revision_after, at, actor) VALUES (?, ?, ?, 'redraft', ?, ?, ?, ?)",
            (
                record.release_id,
                record.kind,
                record.key,
                json.dumps(state, ensure_ascii=False),
                record.revision,
                stamp,
                actor,
            ),
        )

    def _redraft_steps(self, release_id: int, note_key: str, at: str) -> list[HistoryEntry]:
        """Per edit of the change, its newest step when that is the re-draft at `at` (two
        re-drafts within one second share a time stamp: the newer is undone first)."""
        prefix = f"{note_key}:"
        newest: dict[str, HistoryEntry] = {}
        for entry in self.history(release_id):
            if entry.kind == "edit" and entry.key.startswith(prefix):
                newest[entry.key] = entry
        return sorted(
            (entry for entry in newest.values() if entry.action == "redraft" and entry.at == at),
            key=lambda entry: entry.id,
        )

    def check_redraft_undo(self, release_id: int, note_key: str, at: str) -> None:
        """A `DraftConflict` when an edit of the re-draft at `at` was written since (or an
        edit it removed exists again): checked before anything is undone."""
        present = {
            record.key: record
            for record in self.drafts(release_id, "edit")
            if record.key.startswith(f"{note_key}:")
        }
        steps = self._redraft_steps(release_id, note_key, at)
        undone = {entry.key for entry in steps}
        for entry in self.history(release_id):
            if (
                entry.kind == "edit"
                and entry.key.startswith(f"{note_key}:")
                and entry.action == "redraft"
                and entry.at == at
                and entry.key not in undone
                and entry.key in present
            ):
                # the re-draft touched it, and it was written since
                written = present[entry.key]
                raise self._undo_conflict(written, "redraft", dict(written.content))
        for entry in steps:
            current = present.get(entry.key)
            if "redraft_removed" in entry.state:
                if current is not None:
                    raise self._undo_conflict(current, "redraft", dict(current.content))
            elif current is not None and current.revision != entry.revision_after:
                raise self._undo_conflict(current, "redraft", dict(current.content))

    def undo_redraft(self, release_id: int, note_key: str, at: str, *, actor: str) -> list[str]:
        """Put a change's edits back as they were before the re-draft at `at` (its note is
        undone by `undo`): an edit it added is removed, one it removed comes back, one it
        replaced or marked stale gets its earlier state. Refused, as a conflict, when an edit
        was written since. Returns the edit keys restored."""
        restored: list[str] = []
        steps = self._redraft_steps(release_id, note_key, at)
        with self.workspace.transaction() as db:
            for entry in reversed(steps):
                if "redraft_removed" in entry.state:
                    row = dict(entry.state["redraft_removed"])
                    names = ", ".join(row)
                    marks = ", ".join("?" for _ in row)
                    db.execute(
                        f"INSERT INTO drafts ({names}) VALUES ({marks})",
                        tuple(row.values()),
                    )
                    db.execute("DELETE FROM draft_history WHERE id = ?", (entry.id,))
                    restored.append(entry.key)
                    continue
                current = self._read(db, release_id, "edit", entry.key)
                if entry.state.get("redraft_added"):
                    if current.revision != entry.revision_after:
                        raise self._undo_conflict(current, "redraft", dict(current.generated))
                    db.execute(
                        "DELETE FROM drafts WHERE release_id = ? AND kind = 'edit' AND key = ?",
                        (release_id, entry.key),
                    )
                    db.execute(
                        "DELETE FROM draft_history WHERE release_id = ? AND kind = 'edit' "
                        "AND key = ?",
                        (release_id, entry.key),
                    )
                    restored.append(entry.key)
            self.workspace.audit_in(
                db,
                "drafts.undo",
                release_id,
                note_key,
                {"kind": "edit", "undone": "redraft", "edits": restored},
                actor=actor,
            )
        for entry in steps:
            if "redraft_removed" in entry.state or entry.state.get("redraft_added"):
                continue
            last = self.history(release_id, "edit", entry.key)
            if last and last[-1].id == entry.id:
                self.undo(release_id, "edit", entry.key, actor=actor)
                restored.append(entry.key)
        return restored

    def _undo_conflict(
        self, current: DraftRecord, action: str, mine: dict[str, Any]
    ) -> DraftConflict:
        return DraftConflict(
            f"the {current.kind} changed by {current.updated_by} at {current.updated_at} after "
            f"the {action} to undo; nothing was undone",
            mine=mine,
            theirs=dict(current.content),
            by=current.updated_by,
            at=current.updated_at,
            where=self.workspace.path,
            hint="look at the draft again and edit it by hand",
        )

    def _read(self, db: sqlite3.Connection, release_id: int, kind: str, key: str) -> DraftRecord:
        row = db.execute(
            "SELECT * FROM drafts WHERE release_id = ? AND kind = ? AND key = ?",
            (release_id, kind, key),
        ).fetchone()
        if row is None:
            raise WorkspaceError(
                f"release #{release_id} has no {kind} '{key}'",
                where=self.workspace.path,
                hint="list drafts with `behaviordiff review list`",
            )
        return _record(row)

    def _remember(
        self,
        db: sqlite3.Connection,
        current: DraftRecord,
        action: str,
        state: dict[str, Any],
        stamp: str,
        actor: str,
        coalesce: bool,
    ) -> None:
        last = db.execute(
            "SELECT id, action, actor, revision_after FROM draft_history "
            "WHERE release_id = ? AND kind = ? AND key = ? ORDER BY id DESC LIMIT 1",
            (current.release_id, current.kind, current.key),
        ).fetchone()
        if (
            coalesce
            and last is not None
            and last["action"] == action
            and last["actor"] == actor
            and last["revision_after"] == current.revision
        ):
            db.execute(
                "UPDATE draft_history SET revision_after = ?, at = ? WHERE id = ?",
                (current.revision + 1, stamp, last["id"]),
            )
            return
        db.execute(
            "INSERT INTO draft_history (release_id, kind, key, action, state_json, "
            "revision_after, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                current.release_id,
                current.kind,
                current.key,
                action,
                json.dumps(state, ensure_ascii=False),
                current.revision + 1,
                stamp,
                actor,
            ),
        )

    def history(
        self, release_id: int, kind: str | None = None, key: str | None = None
    ) -> list[HistoryEntry]:
        """The undoable steps of a release (or of one draft), oldest first."""
        query = "SELECT * FROM draft_history WHERE release_id = ?"
        params: list[Any] = [release_id]
        if kind is not None and key is not None:
            query += " AND kind = ? AND key = ?"
            params += [kind, key]
        rows = self.db.execute(query + " ORDER BY id", params).fetchall()
        return _with_json(HistoryEntry, rows, "draft_history", "state")

    def undo(
        self, release_id: int, kind: DraftKind, key: str, *, actor: str | None = None
    ) -> tuple[DraftRecord, HistoryEntry] | None:
        """Put the draft back as it was before its latest review action (a reset gives the
        writer's text back); None when there is nothing to undo. Refused, as a conflict, when
        the draft was written since that action (another reviewer's change is not undone
        behind their back). The undo is itself audited."""
        stamp, actor = now_iso(), actor or current_actor()
        with self.workspace.transaction() as db:
            current = self._read(db, release_id, kind, key)
            last = db.execute(
                "SELECT * FROM draft_history WHERE release_id = ? AND kind = ? AND key = ? "
                "ORDER BY id DESC LIMIT 1",
                (release_id, kind, key),
            ).fetchone()
            if last is None:
                return None
            state = row_json(last, "draft_history", "state_json", "id")
            if "content" not in state:
                raise WorkspaceError(
                    f"the {kind} {key} was added by a re-draft: it is undone with its change",
                    where=self.workspace.path,
                    hint="undo the re-draft on the change's note (`behaviordiff review undo "
                    "HANDLE` with the note's handle, or u on the note)",
                )
            if last["revision_after"] != current.revision:
                raise DraftConflict(
                    f"the {kind} changed by {current.updated_by} at {current.updated_at} after "
                    f"the {last['action']} to undo; nothing was undone",
                    mine=state["content"],
                    theirs=dict(current.content),
                    by=current.updated_by,
                    at=current.updated_at,
                    where=self.workspace.path,
                    hint="look at the draft again and edit it by hand",
                )
            if "generated" in state:  # a re-draft: its machine draft goes back too
                db.execute(
                    "UPDATE drafts SET generated_json = ?, origin = ?, stale = ? "
                    "WHERE release_id = ? AND kind = ? AND key = ?",
                    (
                        json.dumps(state["generated"], ensure_ascii=False),
                        state.get("origin", current.origin),
                        int(state.get("stale", False)),
                        release_id,
                        kind,
                        key,
                    ),
                )
            db.execute(
                "UPDATE drafts SET content_json = ?, status = ?, reason = ?, comment = ?, "
                "edited_by = ?, edited_at = ?, warnings_json = ?, dismissed_json = ?, "
                "outdated = ?, suggestion_moved = ?, updated_at = ?, updated_by = ?, "
                "revision = revision + 1 WHERE release_id = ? AND kind = ? AND key = ?",
                (
                    json.dumps(state["content"], ensure_ascii=False),
                    state["status"],
                    state.get("reason"),
                    state.get("comment"),
                    state.get("edited_by"),
                    state.get("edited_at"),
                    json.dumps(state.get("warnings", [])),
                    json.dumps(state.get("dismissed", [])),
                    int(state.get("outdated", False)),
                    int(state.get("suggestion_moved", False)),
                    stamp,
                    actor,
                    release_id,
                    kind,
                    key,
                ),
            )
            db.execute("DELETE FROM draft_history WHERE id = ?", (last["id"],))
            # the draft now reads as it did after the step before: that one is next to undo
            db.execute(
                "UPDATE draft_history SET revision_after = ? WHERE id = (SELECT MAX(id) FROM "
                "draft_history WHERE release_id = ? AND kind = ? AND key = ?)",
                (current.revision + 1, release_id, kind, key),
            )
            entry = HistoryEntry(
                id=last["id"],
                release_id=release_id,
                kind=kind,
                key=key,
                action=last["action"],
                state=state,
                revision_after=last["revision_after"],
                at=last["at"],
                actor=last["actor"],
            )
            self.workspace.audit_in(
                db,
                "drafts.undo",
                release_id,
                key,
                {"kind": kind, "undone": last["action"], "status": state["status"]},
                actor=actor,
                at=stamp,
            )
        return self.draft(release_id, kind, key), entry

    def runs(self, release_id: int) -> list[DraftRun]:
        rows = self.db.execute(
            "SELECT * FROM draft_runs WHERE release_id = ? ORDER BY id", (release_id,)
        ).fetchall()
        return _with_json(DraftRun, rows, "draft_runs", "summary")
