"""Review decisions as a file to commit: how writers who review on their own machines get
their approvals to the `gate` job of CI, whose workspace is not theirs.

`review export` writes each draft's decision (status, the writer's text, reason, comment, who
and when) keyed by the draft's stable key, which is the same for the same change in any
release and any workspace, with the machine text the decision was made on. `review import`
(and `gate --reviews FILE`) applies each decision to the drafts of another workspace's
release whose machine text reads the same; a decision about a text that reads differently
there (the agent's behavior moved since) is not applied, and says so: an approval never
outlives the text it approved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from behaviordiff.errors import BehaviordiffError
from behaviordiff.review import assign_handles
from behaviordiff.store.drafts import STATUSES, WRITER_FIELDS, DraftStore
from behaviordiff.store.workspace import now_iso

if TYPE_CHECKING:
    from behaviordiff.store import Workspace

FORMAT_VERSION = 1
DEFAULT_FILE = "behaviordiff-reviews.json"
"""Where `review export` writes by default: the repository root, beside behaviordiff.toml."""


class ReviewFileError(BehaviordiffError):
    title = "Cannot read the review file"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class ReviewedDraft(_Strict):
    """One draft's decision."""

    kind: Literal["note", "edit"]
    key: str = Field(min_length=1)
    """The draft's stable key: the same for the same change (and macro/article) in every
    release and workspace."""
    handle: str = ""
    """Its handle in the release it was exported from (C1, C1.1), for people."""
    status: str
    reason: str | None = None
    comment: str | None = None
    text: dict[str, Any] | None = None
    """The writer's fields, when a writer changed them; None: the machine draft as it is."""
    reviewed_text: dict[str, Any]
    """The writer's fields of the machine draft the decision was made on."""
    edited_by: str | None = None
    updated_by: str
    updated_at: str


class ReviewFile(_Strict):
    """`behaviordiff review export`: the review decisions of one release, to commit."""

    behaviordiff_reviews: int = Field(alias="behaviordiff-reviews")
    """The format's version (1)."""
    release: str
    """The release it was exported from (its name), for people."""
    exported_at: str
    exported_by: str
    drafts: list[ReviewedDraft]


@dataclass
class ImportOutcome:
    """What `review import` did to each draft named in the file."""

    file: str
    release_id: int
    applied: list[str] = field(default_factory=list)
    """Keys whose decision was recorded here."""
    unchanged: list[str] = field(default_factory=list)
    """Keys this release already held the same decision for."""
    skipped: list[dict[str, str]] = field(default_factory=list)
    """{key, handle, reason}: decisions not applied, and why."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "release_id": self.release_id,
            "applied": self.applied,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


def _fields(kind: str, content: dict[str, Any]) -> dict[str, Any]:
    return {name: content.get(name) for name in WRITER_FIELDS[kind]}


def export_reviews(
    workspace: Workspace, release_id: int, *, actor: str, at: str | None = None
) -> dict[str, Any]:
    """The decisions of a release's drafts (every draft a writer decided or edited; untouched
    machine drafts have nothing to carry) as the review file's document."""
    release = workspace.release(release_id)
    entries: list[dict[str, Any]] = []
    for item in assign_handles(DraftStore(workspace).drafts(release_id)):
        record = item.record
        if record.stale or (record.status == "draft" and record.edited_by is None):
            continue
        written = _fields(record.kind, record.content)
        generated = _fields(record.kind, record.generated)
        entries.append(
            {
                "kind": record.kind,
                "key": record.key,
                "handle": item.handle,
                "status": record.status,
                "reason": record.reason,
                "comment": record.comment,
                "text": written if written != generated else None,
                "reviewed_text": generated,
                "edited_by": record.edited_by,
                "updated_by": record.updated_by,
                "updated_at": record.updated_at,
            }
        )
    return {
        "behaviordiff-reviews": FORMAT_VERSION,
        "release": release.name,
        "exported_at": at or now_iso(),
        "exported_by": actor,
        "drafts": entries,
    }


def write_review_file(path: Path, document: dict[str, Any]) -> None:
    from behaviordiff.publish.files import write_text

    write_text(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def read_review_file(path: Path) -> ReviewFile:
    """The file, checked: errors name the file and the key, with the fix."""
    from behaviordiff.loading import parse_json, read_text

    data = parse_json(read_text(path, ReviewFileError), path, ReviewFileError)
    try:
        parsed = ReviewFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        place = ".".join(str(part) for part in error["loc"]) or "(top)"
        raise ReviewFileError(
            f"{place}: {error['msg']}",
            where=path,
            hint="write the file with `behaviordiff review export -o FILE` rather than by hand",
        ) from None
    if parsed.behaviordiff_reviews != FORMAT_VERSION:
        raise ReviewFileError(
            f"review file format {parsed.behaviordiff_reviews}; this behaviordiff reads "
            f"format {FORMAT_VERSION}",
            where=path,
            hint="export it again with this version of behaviordiff",
        )
    for number, entry in enumerate(parsed.drafts):
        if entry.status not in STATUSES:
            raise ReviewFileError(
                f"drafts.{number}.status: unknown status '{entry.status}'",
                where=path,
                hint=f"one of {', '.join(STATUSES)}",
            )
    return parsed


def import_reviews(
    workspace: Workspace, release_id: int, reviews: ReviewFile, *, file: str
) -> ImportOutcome:
    """Record each decision on the draft of the same key in `release_id`, as its writer
    made it (the audit names them and `review import`), when the machine text reads the
    same as the one they decided on."""
    store = DraftStore(workspace)
    present = {(record.kind, record.key): record for record in store.drafts(release_id)}
    outcome = ImportOutcome(file, release_id)
    for entry in reviews.drafts:
        record = present.get((entry.kind, entry.key))
        name = entry.handle or entry.key
        if record is None:
            outcome.skipped.append(
                {
                    "key": entry.key,
                    "handle": name,
                    "reason": f"release #{release_id} has no such {entry.kind} (a change "
                    "found only where it was reviewed)",
                }
            )
            continue
        generated = _fields(record.kind, record.generated)
        if generated != entry.reviewed_text:
            outcome.skipped.append(
                {
                    "key": entry.key,
                    "handle": name,
                    "reason": "its machine draft reads differently here than the text "
                    f"{entry.updated_by} reviewed: review it again",
                }
            )
            continue
        text = {**record.generated, **entry.text} if entry.text is not None else None
        current = _fields(record.kind, record.content)
        wanted = _fields(record.kind, text) if text is not None else generated
        if (
            record.status == entry.status
            and current == wanted
            and record.reason == entry.reason
            and record.comment == entry.comment
        ):
            outcome.unchanged.append(entry.key)
            continue
        decided = entry.status in ("rejected", "needs-engineering")
        store.update(
            release_id,
            record.kind,
            record.key,
            content=text if text is not None else dict(record.generated),
            status=entry.status,
            reason=entry.reason if entry.status == "rejected" else None,
            comment=entry.comment if decided else None,
            actor=entry.edited_by if text is not None and entry.edited_by else entry.updated_by,
            action="import",
        )
        outcome.applied.append(entry.key)
    return outcome
