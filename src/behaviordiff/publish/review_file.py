"""Review decisions as a file to commit: how writers who review on their own machines get
their approvals to the `gate` job of CI, whose workspace is not theirs.

`review export` writes each draft's decision (status, the writer's text, reason, comment, who
and when) keyed by the draft's stable key, which is the same for the same change in any
release and any workspace, with the machine text the decision was made on. `review import`
(and `gate --reviews FILE`) applies each decision to the drafts of another workspace's
release whose machine text reads the same; a decision about a text that reads differently
there (the agent's behavior moved since) is not applied, and says so: an approval never
outlives the text it approved.

CS's side travels in the same file: the acknowledgements standing for the notes' current text,
and the edits CS marked applied in the helpdesk (done by hand, or pushed). They are recorded
after the decisions, on the changes and edits whose text reads the same, so the CI gate sees
what CS acknowledged; one given for another text is listed as not applied (CS reads it again).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from behaviordiff.errors import BehaviordiffError
from behaviordiff.review import assign_handles
from behaviordiff.store.drafts import (
    REASONS_NEEDING_TEXT,
    REJECT_REASONS,
    STATUSES,
    WRITER_FIELDS,
    DraftStore,
)
from behaviordiff.store.workspace import now_iso

if TYPE_CHECKING:
    from behaviordiff.store import Workspace

FORMAT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
"""Format 1 files (decisions only, no acknowledgements) and format 2 files (no `reviewed_at`)
are still read."""
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


class ReviewedAck(_Strict):
    """CS's acknowledgement of one behavior change, for the note's text it was given for."""

    change_key: str = Field(min_length=1)
    """The note's stable key (the `key` of its entry in `drafts`)."""
    handle: str = ""
    acked_by: str = Field(min_length=1)
    acked_at: str
    note: str | None = None
    content_digest: str = Field(min_length=1)
    """A digest of the note's text CS read: it holds only where the note reads the same."""


class AppliedEdit(_Strict):
    """An approved macro/article edit CS applied in the helpdesk (marked done, or pushed)."""

    key: str = Field(min_length=1)
    """The edit's stable key (`C1`'s note key and the item: `change-…:macro:360001`)."""
    handle: str = ""
    how: Literal["done", "pushed"]
    by: str = Field(min_length=1)
    at: str
    content_digest: str = Field(min_length=1)
    """A digest of the edit's text that was applied."""
    helpdesk: str | None = None
    helpdesk_id: str | None = None


class ReviewedAt(_Strict):
    """How the release the decisions were made on was run: what CI's run must repeat for the
    same drafts (format 3)."""

    samples: int | None = None
    """Samples per probe per version (`[run] samples`, or `run --samples`)."""
    probes: int | None = None
    """How many probes the suite had."""
    base: str | None = None
    """The old version's content fingerprint (prompts and config): the same agent, whatever
    its git ref or commit is called."""
    head: str | None = None
    """The new version's content fingerprint."""


class ReviewFile(_Strict):
    """`behaviordiff review export`: the review decisions of one release, to commit."""

    behaviordiff_reviews: int = Field(alias="behaviordiff-reviews")
    """The format's version (2; 1 is read too)."""
    release: str
    """The release it was exported from (its name), for people."""
    exported_at: str
    exported_by: str
    drafts: list[ReviewedDraft]
    acknowledgements: list[ReviewedAck] = Field(default_factory=list)
    """CS's acknowledgements standing for the notes' current text (format 2)."""
    applied: list[AppliedEdit] = Field(default_factory=list)
    """Approved edits CS applied in the helpdesk, for their current text (format 2)."""
    reviewed_at: ReviewedAt | None = None
    """The samples and agent versions of the release it was exported from (format 3)."""


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
    acknowledged: list[str] = field(default_factory=list)
    """Change keys whose acknowledgement by CS was recorded here."""
    marked_done: list[str] = field(default_factory=list)
    """Edit keys recorded here as applied in the helpdesk."""
    cs_unchanged: list[str] = field(default_factory=list)
    """Change and edit keys already acknowledged or applied here for the same text."""
    cs_skipped: list[dict[str, str]] = field(default_factory=list)
    """{key, handle, reason}: acknowledgements and applied edits not recorded, and why."""
    other_release: str | None = None
    """When the file was exported from a release of other agent versions (by their content;
    by name for a file older than format 3): what to tell the user (both names). Decisions
    still travel by text (each one only onto a draft that reads the same), but a person
    checks that the file is the one meant. A release of the same versions under another
    name (CI's `origin/main`, HEAD moved by committing the file) says nothing."""
    reviewed_samples: int | None = None
    """The samples per version of the release the file was exported from (format 3)."""
    release_samples: int | None = None
    """The samples per version of the release it was read into."""
    other_samples: str | None = None
    """When those differ: what to tell the user, naming the config key that makes CI's run
    the release that was reviewed."""

    @property
    def not_applied(self) -> int:
        """Decisions, acknowledgements and applied edits of the file not recorded here."""
        return len(self.skipped) + len(self.cs_skipped)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "release_id": self.release_id,
            "other_release": self.other_release,
            "reviewed_samples": self.reviewed_samples,
            "release_samples": self.release_samples,
            "other_samples": self.other_samples,
            "applied": self.applied,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "acknowledged": self.acknowledged,
            "marked_done": self.marked_done,
            "cs_unchanged": self.cs_unchanged,
            "cs_skipped": self.cs_skipped,
        }


def reviewed_at(settings: dict[str, Any]) -> dict[str, Any]:
    """A release's samples, probe count and versions' content fingerprints, from the settings
    its run stored (None where a release was stored without them)."""
    stored_run, stored_versions = settings.get("run"), settings.get("versions")
    run: dict[str, Any] = stored_run if isinstance(stored_run, dict) else {}
    versions: dict[str, Any] = stored_versions if isinstance(stored_versions, dict) else {}

    def number(value: Any) -> int | None:
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def fingerprint(side: str) -> str | None:
        version = versions.get(side)
        value = version.get("fingerprint") if isinstance(version, dict) else None
        return value if isinstance(value, str) and value else None

    return {
        "samples": number(run.get("samples")),
        "probes": number(run.get("probes")),
        "base": fingerprint("base"),
        "head": fingerprint("head"),
    }


def matching_samples_advice(reviewed: int, ran: int) -> str:
    """How to get a release of the samples a review file was made on: the config set to them
    (a `--samples` typed once never reaches CI's next run); when the file was made on fewer
    than this release ran, the writer reviews a release of the config's samples instead (fewer
    samples decide fewer probes)."""
    if reviewed > ran:
        return samples_advice(reviewed) + ", then run again"
    return (
        f"review a release of {ran} sample(s) per version (`behaviordiff run` without "
        "`--samples` uses the config's), then `behaviordiff review export` again and commit it"
    )


def samples_advice(samples: int) -> str:
    """How to make every later run, CI's included, use `samples`: the config, committed (a
    `--samples` on one command line is gone at the next run)."""
    return (
        f"set `[run] samples = {samples}` in behaviordiff.toml and commit it, so every run "
        "(CI's too) makes a release of that many samples"
    )


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
    acks, applied = _cs_entries(workspace, release_id)
    return {
        "behaviordiff-reviews": FORMAT_VERSION,
        "release": release.name,
        "exported_at": at or now_iso(),
        "exported_by": actor,
        "drafts": entries,
        "acknowledgements": acks,
        "applied": applied,
        "reviewed_at": reviewed_at(release.settings),
    }


def _cs_entries(
    workspace: Workspace, release_id: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """CS's acknowledgements of the release's approved notes as they read now, and its approved
    edits applied in the helpdesk (done or pushed) as they read now, with the items CS rewrote
    by hand (`ack done` on an edit rejected as a wrong draft: `ChangeState.owed_edits`)."""
    from behaviordiff.publish.state import load_state

    state = load_state(workspace, release_id)
    acks: list[dict[str, Any]] = []
    applied: list[dict[str, Any]] = []
    for change in state.changes:
        if change.ack is not None and change.approved and change.acked:
            acks.append(
                {
                    "change_key": change.key,
                    "handle": change.handle,
                    "acked_by": change.ack.acked_by,
                    "acked_at": change.ack.acked_at,
                    "note": change.ack.note,
                    "content_digest": change.ack.content_digest,
                }
            )
        for item in change.approved_edits() + change.owed_edits():
            delivery = state.deliveries.get(item.record.key)
            if delivery is None or not state.applied(item.record.key):
                continue
            applied.append(
                {
                    "key": item.record.key,
                    "handle": item.handle,
                    "how": delivery.how,
                    "by": delivery.delivered_by,
                    "at": delivery.delivered_at,
                    "content_digest": delivery.content_digest,
                    "helpdesk": delivery.helpdesk,
                    "helpdesk_id": delivery.helpdesk_id,
                }
            )
    return acks, applied


def write_review_file(path: Path, document: dict[str, Any]) -> None:
    from behaviordiff.publish.files import write_text

    write_text(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def read_review_file(path: Path) -> ReviewFile:
    """The file, checked: errors name the file and the key, with the fix."""
    from behaviordiff.loading import parse_json, read_text

    text = read_text(
        path,
        ReviewFileError,
        too_big="a review file holds one release's decisions (kilobytes): is it the file "
        "`behaviordiff review export` wrote? Export it again",
    )
    data = parse_json(text, path, ReviewFileError)
    # every problem of the file named at once, and nothing recorded: a bad decision found
    # half way through the import would leave the ones before it applied and the rest not
    try:
        parsed = ReviewFile.model_validate(data)
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(part) for part in error['loc']) or '(top)'}: {error['msg']}"
            for error in exc.errors()
        ]
        drafts = data.get("drafts") if isinstance(data, dict) else None
        for number, entry in enumerate(drafts if isinstance(drafts, list) else []):
            if isinstance(entry, dict) and isinstance(entry.get("status"), str):
                problems += _decision_problems(
                    number,
                    entry.get("handle") if isinstance(entry.get("handle"), str) else None,
                    entry["status"],
                    entry.get("reason") if isinstance(entry.get("reason"), str) else None,
                    entry.get("comment") if isinstance(entry.get("comment"), str) else None,
                )
        raise ReviewFileError(
            _listed(problems),
            where=path,
            hint="write the file with `behaviordiff review export -o FILE` rather than by "
            "hand; nothing of the file was recorded",
        ) from None
    if parsed.behaviordiff_reviews not in READABLE_VERSIONS:
        raise ReviewFileError(
            f"review file format {parsed.behaviordiff_reviews}; this behaviordiff reads "
            f"formats {' and '.join(str(version) for version in READABLE_VERSIONS)}",
            where=path,
            hint="export it again with this version of behaviordiff",
        )
    problems = [
        problem
        for number, entry in enumerate(parsed.drafts)
        for problem in _decision_problems(
            number, entry.handle, entry.status, entry.reason, entry.comment
        )
        + _text_problems(number, entry.handle, entry.kind, entry.text)
    ]
    if problems:
        raise ReviewFileError(
            _listed(problems),
            where=path,
            hint=f"a status is one of {', '.join(STATUSES)}; a rejection's reason one of "
            f"{', '.join(REJECT_REASONS)}; a note's text has the keys "
            f"{', '.join(WRITER_FIELDS['note'])}, an edit's {', '.join(WRITER_FIELDS['edit'])}; "
            "nothing of the file was recorded",
        )
    return parsed


_SEVERITIES = ("high", "medium", "low")


def _text_problems(
    number: int, handle: str | None, kind: str, text: dict[str, Any] | None
) -> list[str]:
    """What is wrong with a decision's writer text: a key a writer does not write, or a
    value of the wrong shape (`review edit --from` refuses the same), which an import would
    otherwise store into the draft for every later command to read."""
    if text is None:
        return []
    name = f"drafts.{number}" + (f" ({handle})" if handle else "") + ".text"
    allowed = WRITER_FIELDS[kind]
    problems = [
        f"{name}: unknown key '{key}' for {_a_kind(kind)}" for key in text if key not in allowed
    ]
    for key, value in text.items():
        if key not in allowed or (value is None and key != "title"):
            continue
        if key == "cs_actions":
            if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
                problems.append(f"{name}.{key}: a list of text, not {type(value).__name__}")
        elif key == "severity":
            if value not in _SEVERITIES:
                problems.append(f"{name}.{key}: '{value}' is not one of high, medium, low")
        elif not isinstance(value, str) or (key == "title" and not value.strip()):
            empty = value is None or (isinstance(value, str) and not value.strip())
            shape = "empty" if empty else type(value).__name__
            problems.append(f"{name}.{key}: text, not {shape}")
    return problems


def _a_kind(kind: str) -> str:
    return "a note" if kind == "note" else "an edit"


def _decision_problems(
    number: int, handle: str | None, status: str, reason: str | None, comment: str | None
) -> list[str]:
    """What is wrong with one decision of a review file: an unknown status, a rejection
    with no reason or an unknown one, or 'other' without a comment."""
    name = f"drafts.{number}" + (f" ({handle})" if handle else "")
    if status not in STATUSES:
        return [f"{name}.status: unknown status '{status}'"]
    if status != "rejected":
        return []
    if reason not in REJECT_REASONS:
        said = f"unknown reason '{reason}'" if reason else "no reason"
        return [f"{name}.reason: {said} for a rejection"]
    if reason in REASONS_NEEDING_TEXT and not (comment or "").strip():
        return [f"{name}.comment: a rejection for '{reason}' needs a comment saying why"]
    return []


def _listed(problems: list[str], limit: int = 5) -> str:
    """Problems joined for one message: the first `limit`, then how many more."""
    more = len(problems) - limit
    return "; ".join(problems[:limit]) + (
        f"; and {more} more problem{'s' if more > 1 else ''}" if more > 0 else ""
    )


def import_reviews(
    workspace: Workspace, release_id: int, reviews: ReviewFile, *, file: str, replace: bool = False
) -> ImportOutcome:
    """Record each decision on the draft of the same key in `release_id`, as its writer
    made it (the audit names them and `review import`), when the machine text reads the
    same as the one they decided on. A draft decided here differently by a writer of this
    workspace (its last step not an import) keeps that decision, listed as not applied,
    unless `replace`: two writers never overwrite each other silently."""
    store = DraftStore(workspace)
    present = {(record.kind, record.key): record for record in store.drafts(release_id)}
    outcome = ImportOutcome(file, release_id)
    release = workspace.release(release_id)
    _compare_releases(reviews, release.name, reviewed_at(release.settings), release_id, outcome)
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
        too_long = _too_long(record.kind, record.content, entry.text or {})
        if too_long:
            outcome.skipped.append({"key": entry.key, "handle": name, "reason": too_long})
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
        mine = _decided_here(store, release_id, record) if not replace else None
        if mine:
            outcome.skipped.append({"key": entry.key, "handle": name, "reason": mine})
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
    _import_cs(workspace, release_id, reviews, outcome)
    return outcome


def _compare_releases(
    reviews: ReviewFile,
    here_name: str,
    here: dict[str, Any],
    release_id: int,
    outcome: ImportOutcome,
) -> None:
    """What to tell the user about the release the file came from: its agent versions, when
    they are not this release's (by content: CI names the same versions `origin/main` and a
    HEAD that committing the file moved), and its samples, when this release ran other."""
    there = reviews.reviewed_at
    sides = ("base", "head")
    if there is not None and all(getattr(there, side) and here[side] for side in sides):
        differ = [side for side in sides if getattr(there, side) != here[side]]
    else:  # a file from before format 3, or a release stored without its versions: by name
        differ = ["name"] if reviews.release != here_name else []
    if differ:
        if differ == ["name"]:
            of = ""
        elif len(differ) == 2:
            of = ", of other versions of the agent"
        else:
            of = f", of another {'old' if differ == ['base'] else 'new'} version of the agent"
        outcome.other_release = (
            f"the file was exported from release “{reviews.release}”{of}; it was read into "
            f"release #{release_id} “{here_name}”: each decision, acknowledgement and applied "
            "edit is recorded only where the text reads the same, but check that this is the "
            "file you meant (CS's applied edits are facts about a helpdesk)"
        )
    reviewed, ran = (there.samples if there is not None else None), here["samples"]
    outcome.reviewed_samples, outcome.release_samples = reviewed, ran
    if reviewed is not None and ran is not None and reviewed != ran:
        outcome.other_samples = (
            f"the file's decisions were made on a release of {reviewed} sample(s) per version; "
            f"release #{release_id} ran {ran}, and other samples can find other changes and "
            f"drafts: {matching_samples_advice(reviewed, ran)}"
        )


def _decided_here(store: DraftStore, release_id: int, record: Any) -> str:
    """Why the file's decision does not replace this draft's: a writer of this workspace
    decided it (approved, rejected or wrote its text) in a step that was not an import; ''
    when nothing was decided here, or only by imports (CI's workspace) or carried."""
    if record.status == "draft" and not record.edited_by:
        return ""
    steps = store.history(release_id, record.kind, record.key)
    if not steps or steps[-1].action == "import":
        return ""
    own = f"with {record.edited_by}'s text" if record.edited_by else "as drafted"
    return (
        f"decided here differently ({record.status} by {record.updated_by}, {own}): kept; "
        "`review import --replace FILE` takes the file's decision (`review undo` brings "
        "this one back)"
    )


def _too_long(kind: str, content: dict[str, Any], text: dict[str, Any]) -> str:
    """Why the writer's `text` is not imported (a field over the length a writer's text may
    have, as `review edit` and the review app refuse it), or ''."""
    from behaviordiff.review import content_limit, field_text

    for name, value in text.items():
        limit = content_limit(content, name)
        length = len(field_text(value))
        if length > limit and length > len(field_text(content.get(name))):
            return (
                f"its {kind}'s {name} is {length:,} characters, over the {limit:,} a writer's "
                "text may have: shorten it where it was written and export it again"
            )
    return ""


def _import_cs(
    workspace: Workspace, release_id: int, reviews: ReviewFile, outcome: ImportOutcome
) -> None:
    """Record the file's acknowledgements and applied edits on the changes and edits of the
    same key whose text reads the same here (after the decisions: an acknowledgement needs the
    note approved)."""
    from behaviordiff.publish.state import load_state
    from behaviordiff.store.acks import AckStore, content_digest

    if not reviews.acknowledgements and not reviews.applied:
        return
    state = load_state(workspace, release_id)
    store = AckStore(workspace)

    def skip(key: str, handle: str, reason: str) -> None:
        outcome.cs_skipped.append({"key": key, "handle": handle or key, "reason": reason})

    rows: list[tuple[str, str, str, str | None]] = []
    stamps: dict[str, str] = {}
    for ack in reviews.acknowledgements:
        change = state.change(ack.change_key)
        if change is None or change.key != ack.change_key:
            skip(ack.change_key, ack.handle, f"release #{release_id} has no such change")
        elif not change.approved:
            skip(
                ack.change_key,
                ack.handle,
                f"acknowledged by {ack.acked_by}, but the note is {change.status} here: a "
                "writer approves it first, then CS acknowledges it again",
            )
        elif not change.reads_as(ack.content_digest):
            skip(
                ack.change_key,
                ack.handle,
                f"{ack.acked_by} acknowledged a text that reads differently here: CS reads it "
                f"again (`behaviordiff ack --change {change.handle} --by NAME`)",
            )
        elif change.acked:
            outcome.cs_unchanged.append(ack.change_key)
        else:
            rows.append((change.key, change.digest, ack.acked_by, ack.note))
            stamps[change.key] = ack.acked_at
    outcome.acknowledged = store.record_ack_rows(release_id, rows, stamps=stamps)

    edits = {item.record.key: item for change in state.changes for item in change.edits}
    for entry in reviews.applied:
        item = edits.get(entry.key)
        if item is None:
            skip(entry.key, entry.handle, f"release #{release_id} has no such edit")
        elif item.record.status != "approved" and not state.by_hand(item):
            skip(
                entry.key,
                entry.handle,
                f"applied by {entry.by}, but the edit is {item.record.status} here: a writer "
                "approves it first (or rejects it as a wrong draft, its item rewritten by hand)",
            )
        elif content_digest("edit", item.record.content) != entry.content_digest:
            skip(
                entry.key,
                entry.handle,
                f"{entry.by} applied a text that reads differently here: apply this one and "
                f"`behaviordiff ack done {item.handle} --by NAME`",
            )
        elif state.applied(entry.key):
            outcome.cs_unchanged.append(entry.key)
        else:
            where = f" ({entry.helpdesk} id {entry.helpdesk_id})" if entry.helpdesk_id else ""
            outcome.marked_done += store.record_delivery(
                release_id,
                [entry.key],
                "done",
                entry.by,
                at=entry.at,
                detail={"from": f"review file: {entry.how}{where}"},
            )
