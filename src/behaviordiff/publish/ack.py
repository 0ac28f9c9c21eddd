"""CS acknowledges behavior changes (it read the note and updated its macros, articles and
rep briefing), withdraws an acknowledgement with a reason, and marks approved macro/article
edits done when they were applied by hand. Every step is audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from behaviordiff.errors import BehaviordiffError
from behaviordiff.export.html import active_content
from behaviordiff.publish.state import ChangeState, ReleaseState, load_state
from behaviordiff.store.acks import AckStore
from behaviordiff.textutil import csv_separator_hint

if TYPE_CHECKING:
    from behaviordiff.review import ReviewItem
    from behaviordiff.store import Workspace


class AckError(BehaviordiffError):
    title = "Cannot acknowledge"


class WithdrawError(AckError):
    title = "Cannot withdraw the acknowledgement"


class DoneError(AckError):
    title = "Cannot mark edits done"


def split_names(values: Sequence[str]) -> list[str]:
    """`--change C1 --change C2` and `--change C1,C2` alike."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


_WHO = {
    AckError: ("acknowledges", "the CS person who read the change and updated the macros"),
    WithdrawError: ("withdraws the acknowledgement", "the CS person taking it back"),
    DoneError: ("applied the edits", "the CS person who applied them in the helpdesk"),
}


def _require_by(by: str | None, error: type[AckError] = AckError) -> str:
    if by is None or not by.strip():
        verb, person = _WHO[error]
        raise error(f"say who {verb}", hint=f"pass --by NAME ({person})")
    return by.strip()


def _edit_handles(state: ReleaseState) -> dict[str, ReviewItem]:
    return {item.handle.lower(): item for change in state.changes for item in change.edits}


def resolve_changes(
    state: ReleaseState, names: Sequence[str], error: type[AckError] = AckError
) -> list[ChangeState]:
    found: list[ChangeState] = []
    for name in names:
        change = state.change(name)
        if change is None:
            valid = ", ".join(change.handle for change in state.changes) or "none"
            edit = _edit_handles(state).get(name.lower())
            hint = f"valid changes: {valid} (see `behaviordiff ack list`)"
            if edit is not None:
                hint = (
                    f"{edit.handle} is a suggested {edit.label} edit, not a behavior change: "
                    f"acknowledge its change with --change {edit.handle.split('.')[0]}, or "
                    f"mark the edit applied with `behaviordiff ack done {edit.handle} --by NAME`"
                )
            raise error(f"release #{state.release.id} has no behavior change '{name}'", hint=hint)
        if change not in found:
            found.append(change)
    return found


@dataclass
class AckOutcome:
    release_id: int
    acknowledged: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    not_acknowledged: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "release_id": self.release_id,
            "acknowledged": self.acknowledged,
            "already_acknowledged": self.already,
            "withdrawn": self.withdrawn,
            "not_acknowledged": self.not_acknowledged,
            "marked_done": self.done,
        }


def acknowledge(
    workspace: Workspace,
    release_id: int,
    names: Sequence[str],
    *,
    all_approved: bool,
    by: str | None,
    note: str | None = None,
) -> AckOutcome:
    """Record CS's acknowledgement of approved changes (by handle or key, or every approved
    one). Only an approved note can be acknowledged: CS acknowledges what a writer
    published."""
    by = _require_by(by)
    if all_approved == bool(names):
        raise AckError(
            "name the changes to acknowledge with --change, or pass --all, not both"
            if names
            else "name the changes to acknowledge with --change, or pass --all",
            hint="see them with `behaviordiff ack list`",
        )
    state = load_state(workspace, release_id)
    if all_approved:
        chosen = [change for change in state.changes if change.approved]
        if not chosen:
            raise AckError(
                f"release #{release_id} has no approved behavior change to acknowledge",
                hint="a writer approves notes first: `behaviordiff review approve`",
            )
    else:
        chosen = resolve_changes(state, split_names(names))
        unapproved = [change for change in chosen if not change.approved]
        if unapproved:
            listed = ", ".join(f"{change.handle} ({change.status})" for change in unapproved)
            raise AckError(
                f"only approved notes can be acknowledged: {listed}",
                hint="a writer reviews them first (`behaviordiff review approve HANDLE`); "
                "nothing was recorded",
            )
    outcome = AckOutcome(release_id)
    digests = {change.key: change.digest for change in chosen if not change.acked}
    outcome.already = [change.handle for change in chosen if change.acked]
    recorded = set(AckStore(workspace).record_acks(release_id, digests, by=by, note=note))
    outcome.acknowledged = [change.handle for change in chosen if change.key in recorded]
    return outcome


ACK_FILE_COLUMNS = ("change", "by", "note")


def acknowledge_from_file(workspace: Workspace, release_id: int, path: Path) -> AckOutcome:
    """Acknowledge the changes a CSV names, one row each (`change,by,note`; note optional):
    CS keeping its acknowledgements in a spreadsheet. A row naming a suggested edit (C1.1)
    marks it applied in the helpdesk (as `ack done`). Every row is checked before anything is
    recorded; a bad row is an error naming its line, and then nothing is recorded."""
    rows = read_ack_file(path)
    state = load_state(workspace, release_id)
    chosen: list[tuple[ChangeState, str, str | None]] = []
    applied: list[tuple[ReviewItem, str, str | None]] = []
    seen: dict[str, int] = {}
    edits = _edit_handles(state) | {
        item.record.key.lower(): item for change in state.changes for item in change.edits
    }
    for line_number, name, by, note in rows:
        where = f"{path}:{line_number}"
        change = state.change(name)
        edit = edits.get(name.lower()) if change is None else None
        if edit is not None:
            if edit.record.status != "approved" and not state.by_hand(edit):
                raise AckError(
                    f"{edit.handle} is {edit.record.status}: only an approved edit (or one "
                    "rejected as a wrong draft, its item rewritten by hand) is applied "
                    "in the helpdesk",
                    where=where,
                    hint=f"a writer approves it first (`behaviordiff review approve "
                    f"{edit.handle}`), or remove the row; nothing was recorded",
                )
            if edit.record.key in seen:
                raise AckError(
                    f"{edit.handle} is marked applied twice (first on line "
                    f"{seen[edit.record.key]})",
                    where=where,
                    hint="keep one row per edit; nothing was recorded",
                )
            seen[edit.record.key] = line_number
            applied.append((edit, by, note))
            continue
        if change is None:
            valid = ", ".join(c.handle for c in state.changes) or "none"
            raise AckError(
                f"release #{release_id} has no behavior change '{name}'",
                where=where,
                hint=f"valid changes: {valid}; a row naming an approved edit (C1.1) marks it "
                "applied (see `behaviordiff ack list`); nothing was recorded",
            )
        if not change.approved:
            raise AckError(
                f"{change.handle} is {change.status}: only an approved note is acknowledged",
                where=where,
                hint=f"a writer approves it first (`behaviordiff review approve "
                f"{change.handle}`), or remove the row; nothing was recorded",
            )
        if change.key in seen:
            raise AckError(
                f"{change.handle} is acknowledged twice (first on line {seen[change.key]})",
                where=where,
                hint="keep one row per change; nothing was recorded",
            )
        seen[change.key] = line_number
        chosen.append((change, by, note))
    outcome = AckOutcome(release_id)
    outcome.already = [change.handle for change, _, _ in chosen if change.acked]
    to_apply = [
        (item, by, note) for item, by, note in applied if not state.applied(item.record.key)
    ]
    recorded = set(
        AckStore(workspace).record_ack_rows(
            release_id,
            [
                (change.key, change.digest, by, note)
                for change, by, note in chosen
                if not change.acked
            ],
            done=[(item.record.key, by, note) for item, by, note in to_apply],
        )
    )
    outcome.acknowledged = [change.handle for change, _, _ in chosen if change.key in recorded]
    outcome.done = [item.handle for item, _, _ in to_apply]
    outcome.already += [item.handle for item, _, _ in applied if state.applied(item.record.key)]
    return outcome


def read_ack_file(path: Path) -> list[tuple[int, str, str, str | None]]:
    """(line, change, by, note) of each row of an acknowledgements CSV, checked: the header
    names `change` and `by`, every row has them and no more cells than the header."""
    import csv
    import io

    from behaviordiff.loading import read_text

    text = read_text(path, AckError, what="a CSV file").removeprefix("\ufeff")
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, str, str, str | None]] = []
    header: list[str] = []
    started = 1
    try:
        for cells in reader:
            line_number, started = started, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if not header:
                header = [cell.strip().lower() for cell in cells]
                missing = [name for name in ("change", "by") if name not in header]
                unknown = [name for name in header if name not in ACK_FILE_COLUMNS]
                if missing or unknown:
                    raise AckError(
                        "the header must name the columns change, by and (optionally) note"
                        + (f"; it lacks {', '.join(missing)}" if missing else "")
                        + (f"; it has {', '.join(unknown)}" if unknown else ""),
                        where=f"{path}:{line_number}",
                        hint=csv_separator_hint(header, ("change", "by"))
                        or "write the first line as: change,by,note",
                    )
                continue
            if len(cells) > len(header):
                raise AckError(
                    f"the row has {len(cells)} cells, the header {len(header)}: its text after "
                    "the last column would be lost",
                    where=f"{path}:{line_number}",
                    hint='quote a note that contains commas: C1,Sam,"macros, FAQ updated"',
                )
            row = dict(zip(header, (cell.strip() for cell in cells), strict=False))
            change, by, note = row.get("change", ""), row.get("by", ""), row.get("note") or None
            for name, value in (("change", change), ("by", by)):
                if not value:
                    raise AckError(
                        f"the row has no `{name}`",
                        where=f"{path}:{line_number}",
                        hint="every row names the change (C1) and who acknowledges it",
                    )
                if value.startswith(("=", "+", "-", "@")):
                    raise AckError(
                        f"the `{name}` cell '{value[:40]}' is a spreadsheet formula, not a value",
                        where=f"{path}:{line_number}",
                        hint="write the value itself (export the sheet as values)",
                    )
            rows.append((line_number, change, by, note))
    except csv.Error as exc:
        reason = (
            "a quoted cell of this row never closes"
            if "unexpected end of data" in str(exc)
            else f"not valid CSV ({exc})"
        )
        raise AckError(
            reason,
            where=f"{path}:{started}",
            hint='quote cells with commas or line breaks; write a quote as ""',
        ) from None
    if not rows:
        raise AckError(
            "the file acknowledges no change",
            where=path,
            hint="write a header change,by,note and one row per change",
        )
    return rows


def withdraw(
    workspace: Workspace,
    release_id: int,
    names: Sequence[str],
    *,
    by: str | None,
    reason: str,
) -> AckOutcome:
    """Un-acknowledge changes, with the reason (kept on record)."""
    by = _require_by(by, WithdrawError)
    if not names:
        raise WithdrawError("name the changes to withdraw with --change", hint="e.g. --change C1")
    if not reason.strip():
        raise WithdrawError(
            "withdrawing an acknowledgement needs a reason",
            hint="say why with --reason, e.g. --reason 'the macro update was rolled back'",
        )
    state = load_state(workspace, release_id)
    chosen = resolve_changes(state, split_names(names), WithdrawError)
    done = set(
        AckStore(workspace).withdraw_acks(
            release_id, [change.key for change in chosen], by=by, reason=reason.strip()
        )
    )
    outcome = AckOutcome(release_id)
    outcome.withdrawn = [change.handle for change in chosen if change.key in done]
    outcome.not_acknowledged = [change.handle for change in chosen if change.key not in done]
    return outcome


def mark_done(
    workspace: Workspace,
    release_id: int,
    handles: Sequence[str],
    *,
    all_approved: bool,
    by: str | None,
) -> AckOutcome:
    """Record that approved macro/article edits were applied in the helpdesk by hand."""
    by = _require_by(by, DoneError)
    state = load_state(workspace, release_id)
    edits = [item for change in state.changes for item in change.edits]
    # a change rejected as a whole takes its edits with it: nothing of it is for CS
    rejected_with = {
        item.record.key: change.handle
        for change in state.changes
        if change.status == "rejected"
        for item in change.edits
    }
    chosen: list[ReviewItem] = []
    if all_approved == bool(handles):
        raise DoneError(
            "name the edits (C1.1) marked done, or pass --all, not both"
            if handles
            else "name the edits (C1.1) marked done, or pass --all",
            hint="see them with `behaviordiff ack list`",
        )
    if all_approved:
        chosen = [
            item
            for item in edits
            if item.record.status == "approved"
            and not state.applied(item.record.key)
            and item.record.key not in rejected_with
        ]
    else:
        by_name = {item.handle.lower(): item for item in edits} | {
            item.record.key.lower(): item for item in edits
        }
        for handle in split_names(handles):
            item = by_name.get(handle.lower())
            if item is None:
                valid = ", ".join(item.handle for item in edits) or "none"
                hint = f"valid edits: {valid}"
                if state.change(handle) is not None:
                    hint = (
                        f"{handle} is a behavior change, not a suggested edit: CS acknowledges "
                        f"it with `behaviordiff ack --change {handle} --by NAME`; {hint}"
                    )
                raise DoneError(
                    f"release #{release_id} has no suggested edit '{handle}'", hint=hint
                )
            if item.record.status != "approved" and not state.by_hand(item):
                raise DoneError(
                    f"{item.handle} is {item.record.status}, not approved: only an approved "
                    "edit (or one rejected as a wrong draft, its item rewritten by hand) is "
                    "applied in the helpdesk",
                    hint=f"a writer approves it first: `behaviordiff review approve {item.handle}`",
                )
            if item.record.key in rejected_with:
                change = rejected_with[item.record.key]
                raise DoneError(
                    f"{item.handle} belongs to change {change}, which is rejected as a whole: "
                    "its edits are not for the helpdesk",
                    hint=f"if {change} is a real change, a writer approves it first: "
                    f"`behaviordiff review approve {change}`",
                )
            if item not in chosen:
                chosen.append(item)
    for item in chosen:
        found = active_content(str(item.record.content.get("new_body") or ""))
        if found:
            raise DoneError(
                f"{item.handle}'s approved text carries active content a helpdesk or browser "
                f"would run ({', '.join(found[:6])}): it is not to be applied as it is, and no "
                "edit was marked done",
                hint=f"remove it with `behaviordiff review edit {item.handle}`, approve it "
                "again, apply it, then mark it done",
            )
    AckStore(workspace).record_delivery(
        release_id, [item.record.key for item in chosen], "done", by
    )
    outcome = AckOutcome(release_id)
    outcome.done = [item.handle for item in chosen]
    return outcome


def ack_rows(state: ReleaseState) -> list[dict[str, Any]]:
    """Per behavior change: review status, CS's acknowledgement, and its edits' delivery.
    `for_cs` is false for a change rejected as a whole and for the edits that go with it
    (an edit another change relies on is filed under that change, `carried_edits`): nothing
    of it is published, exported or asked of CS."""
    rows = []
    for change in state.changes:
        ack = change.ack
        for_cs = change.status != "rejected"
        rows.append(
            {
                "handle": change.handle,
                "change_key": change.key,
                "title": change.title,
                "status": change.status,
                "for_cs": for_cs,
                "acknowledged": change.acked,
                "ack_outdated": change.ack_outdated,
                "ack": ack.to_dict() if ack else None,
                "edits": [state.edit_row(item) | {"for_cs": for_cs} for item in change.edits],
            }
        )
    return rows
