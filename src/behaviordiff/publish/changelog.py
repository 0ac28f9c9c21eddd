"""The behavior changelog: approved notes (the writer's text where edited), per release, as
JSON (the feed other tools read; its schema ships in `schemas/changelog.schema.json`),
Markdown and Atom (both Jinja2 templates a project may override).
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from behaviordiff.publish.gate import lead_time
from behaviordiff.publish.state import ChangeState, ReleaseState, load_state
from behaviordiff.publish.templates import PublishError, render
from behaviordiff.store.acks import AckStore
from behaviordiff.store.drafts import WRITER_FIELDS, DraftStore

if TYPE_CHECKING:
    from behaviordiff.config import Project
    from behaviordiff.detect.model import Analysis
    from behaviordiff.store import Workspace

SCHEMA_ID = "https://behaviordiff.dev/schemas/changelog-1.json"
ChangelogFormat = Literal["markdown", "json", "atom"]
_ACTION_FACETS = ("actions", "escalation")


def schema_path() -> Path:
    """The JSON Schema of the changelog's JSON, shipped in the package."""
    return Path(__file__).resolve().parent / "schemas" / "changelog.schema.json"


def load_schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return data


def in_review(state: ReleaseState) -> bool:
    """A release is still in review while a behavior change is not approved or rejected, a
    draft needs a writer's look again (`review_state`), or probes are left undecided (a
    change no one has seen may hide there; the gate stops canary for it): its approved notes
    go under "Unreleased"."""
    return (
        any(not change.reviewed for change in state.changes)
        or any(item.state.look_again for item in state.items)
        or bool(state.undecided())
    )


def _entry_id(state: ReleaseState, change: ChangeState) -> str:
    """A stable Atom id: the same release and change always give the same one."""
    name = f"behaviordiff:{state.release.created_at}:{state.release.id}:{change.key}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _edited(change: ChangeState) -> bool:
    """A writer changed the machine's wording of the note."""
    if change.note is None:
        return False
    record = change.note.record
    return any(
        record.content.get(name) != record.generated.get(name) for name in WRITER_FIELDS["note"]
    )


def _actions(change: ChangeState, analysis: Analysis | None = None) -> tuple[list[str], list[str]]:
    """Actions the agent now takes and no longer takes, for action and escalation changes. An
    action the old version already took for other customers (a partial refund under 24
    hours' notice, before and after) is no new action: it moved between cases."""
    data = change.change
    if data is None or not set(data.facets) & set(_ACTION_FACETS):
        return [], []
    before, after = data.before, data.after
    taken = _taken_before(analysis)
    return (
        [action for action in after if action not in before and not _among(action, taken)],
        [action for action in before if action not in after],
    )


_CALL = re.compile(r"^\s*([\w.-]+)\s*(?:\((.*)\))?\s*$", re.S)


def _call_parts(action: str) -> tuple[str, set[str]] | None:
    """`issue_refund`, {"type=partial", "amount=20"} of `issue_refund(amount=20, type=partial)`."""
    found = _CALL.match(action)
    if found is None:
        return None
    arguments = {part.strip() for part in (found.group(2) or "").split(",") if part.strip()}
    return found.group(1), arguments


def _taken_before(analysis: Analysis | None) -> list[tuple[str, set[str]]]:
    """Every call the old version made in the release's runs, as name and arguments."""
    if analysis is None:
        return []
    calls: dict[str, tuple[str, set[str]]] = {}
    for probe in analysis.probes:
        result = probe.results.get("actions")
        if result is None:
            continue
        for action, count in result.old_counts.items():
            if count and action not in calls and (parts := _call_parts(action)) is not None:
                calls[action] = parts
    return list(calls.values())


def _among(action: str, taken: list[tuple[str, set[str]]]) -> bool:
    """Whether a call the old version made is this action: the same tool, with every argument
    the action names."""
    parts = _call_parts(action)
    if parts is None:
        return False
    name, arguments = parts
    return any(name == other and arguments <= given for other, given in taken)


def _change_entry(state: ReleaseState, change: ChangeState) -> dict[str, Any]:
    content = change.content
    new_actions, removed_actions = _actions(change, state.analysis)
    ack = change.ack if change.acked else None
    stamps = [change.note.record.updated_at if change.note else state.release.created_at]
    if ack is not None:
        stamps.append(ack.acked_at)
    return {
        "id": f"r{state.release.id}:{change.key}",
        "entry_id": _entry_id(state, change),
        "change_key": change.key,
        "handle": change.handle,
        "kind": change.change.kind if change.change else "",
        "facets": list(change.change.facets) if change.change else [],
        "title": _published(content.get("title") or change.title),
        "before": _published(content.get("before")),
        "after": _published(content.get("after")),
        "when": _published(content.get("when")),
        "customer_impact": _published(content.get("customer_impact")),
        "cs_actions": [_published(action) for action in content.get("cs_actions") or []],
        "severity": str(content.get("severity") or "medium"),
        "effective_date": state.release.effective_date,
        "edited_by_writer": _edited(change),
        # the edit check's warnings a writer overrode: CS sees what was approved regardless
        "approved_despite": (
            [_published(warning) for warning in change.note.record.dismissed]
            if change.note is not None and change.approved
            else []
        ),
        "approved_by": change.approval.by if change.approval else None,
        "approved_at": change.approval.at if change.approval else None,
        "updated": max(stamps),
        "new_actions": new_actions,
        "removed_actions": removed_actions,
        "probes": len(change.change.probe_ids) if change.change else 0,
        "acknowledged": (
            {"by": ack.acked_by, "at": ack.acked_at, "note": ack.note} if ack is not None else None
        ),
        "edits": [
            state.edit_row(item) for item in change.edits if item.record.status != "rejected"
        ],
    }


def _published(value: object) -> str:
    """A note's field as published: whole, unless it is longer than any text written for
    people (a pasted reply), then cut with a visible "… (N more characters)"."""
    from behaviordiff.textutil import PUBLISHED_CHARS, cap_quoted

    return cap_quoted(str(value or ""), PUBLISHED_CHARS)


def release_entry(state: ReleaseState, today: date) -> dict[str, Any]:
    approved = [change for change in state.changes if change.approved]
    entries = [_change_entry(state, change) for change in approved]
    lead = lead_time(state, today)
    waiting = [change.handle for change in state.changes if not change.reviewed]
    return {
        "id": state.release.id,
        "name": state.release.name,
        "status": "unreleased" if in_review(state) else "released",
        "created_at": state.release.created_at,
        "base": state.release.base_label,
        "head": state.release.head_label,
        "effective_date": state.release.effective_date,
        "days_left": lead.days_left if lead else None,
        "lead_time": lead.describe() if lead else None,
        "in_review": waiting,
        "undecided": [probe.probe_id for probe in state.undecided()],
        "supersedes": [],
        "rejected": [change.handle for change in state.changes if change.status == "rejected"],
        "changes": entries,
        "new_actions": [action for entry in entries for action in entry["new_actions"]],
        "removed_actions": [action for entry in entries for action in entry["removed_actions"]],
        "wording_only": [
            {"id": group.id, "title": group.title, "probes": len(group.probe_ids)}
            for group in state.wording
        ],
        "updated": max([state.release.created_at, *(entry["updated"] for entry in entries)]),
    }


@dataclass
class Selection:
    release: int | None = None
    since: int | None = None
    include_unreleased: bool = False


def select_states(workspace: Workspace, selection: Selection) -> list[ReleaseState]:
    """The releases to publish, newest first: one (`release`), those from `since` on, or
    all; only analysed ones; a release still in review only when asked for (or named)."""
    if selection.release is not None:
        return [load_state(workspace, workspace.release(selection.release).id)]
    if selection.since is not None:
        workspace.release(selection.since)
    workspace.require_latest_release()
    states = []
    for release in workspace.releases():
        if selection.since is not None and release.id < selection.since:
            continue
        if not workspace.has_analysis(release.id):
            continue
        state = load_state(workspace, release.id)
        if in_review(state) and not selection.include_unreleased:
            continue
        states.append(state)
    return states


def build_changelog(
    workspace: Workspace, selection: Selection, *, today: date | None = None
) -> dict[str, Any]:
    """The changelog as JSON data (it validates against the shipped schema)."""
    today = today or date.today()
    states = select_states(workspace, selection)
    born = AckStore(workspace).workspace_born()
    releases = _without_repeats(
        [release_entry(state, today) for state in states], _carried_keys(workspace, states)
    )
    updated = max([entry["updated"] for entry in releases], default=None)
    return {
        "$schema": SCHEMA_ID,
        "version": 1,
        "feed_id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'behaviordiff:{born}')}",
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "updated": updated or datetime.now(UTC).isoformat(timespec="seconds"),
        "releases": releases,
    }


def _carried_keys(workspace: Workspace, states: list[ReleaseState]) -> dict[str, tuple[int, str]]:
    """Note key → (release, key) its change had in the earlier release its writer's work was
    carried from, when the change's numbers moved (a prompt tweak before shipping: "within 4
    hours" → "within 2 hours") and so did its key."""
    drafts = DraftStore(workspace)
    carried: dict[str, tuple[int, str]] = {}
    for state in states:
        for entry in drafts.carry_report(state.release.id)["renumbered"]:
            if isinstance(entry, dict) and entry.get("kind") == "note":
                key, earlier, release = (
                    entry.get("key"),
                    entry.get("from_key"),
                    entry.get("from_release"),
                )
                if isinstance(key, str) and isinstance(earlier, str) and isinstance(release, int):
                    carried[key] = (release, earlier)
    return carried


def _without_repeats(
    releases: list[dict[str, Any]], carried: dict[str, tuple[int, str]] | None = None
) -> list[dict[str, Any]]:
    """Each change once, in the newest release that has it (a rerun or a prompt tweak of an
    unshipped release carries its notes): older sections lose it, and an older release all of
    whose changes are in newer ones is left out, named in the newer one's `supersedes`. A
    change whose numbers moved is the same change when its note was carried from the older
    release (`carried`) and both releases start from the same version; from another version
    it moved again after the older release shipped, and both are listed."""
    carried = carried or {}
    seen: dict[str, int] = {}
    redone: dict[tuple[int, str], int] = {}  # (older release, its key) → the newer release
    bases = {release["id"]: release["base"] for release in releases}
    kept: list[dict[str, Any]] = []
    for release in releases:  # newest first
        changes = release["changes"]

        def newer_of(change: dict[str, Any], release: dict[str, Any] = release) -> int | None:
            key = change["change_key"]
            return seen.get(key, redone.get((release["id"], key)))

        fresh = [change for change in changes if newer_of(change) is None]
        for change in changes:
            # a chain of tweaks (and of reruns left out on the way): the newest
            listed_in = newer_of(change) or release["id"]
            seen.setdefault(change["change_key"], listed_in)
            origin = carried.get(change["change_key"])
            if origin is not None and bases.get(origin[0]) == release["base"]:
                redone.setdefault(origin, listed_in)
        if changes and not fresh:
            newer = newer_of(changes[0])
            for entry in kept:
                if entry["id"] == newer and release["id"] not in entry["supersedes"]:
                    entry["supersedes"].append(release["id"])
            continue
        if len(fresh) != len(changes):
            release["changes"] = fresh
            release["new_actions"] = [a for c in fresh for a in c["new_actions"]]
            release["removed_actions"] = [a for c in fresh for a in c["removed_actions"]]
        kept.append(release)
    return kept


def render_changelog(
    data: dict[str, Any], output_format: ChangelogFormat, project: Project | None = None
) -> str:
    if output_format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output_format == "markdown":
        return render(project, "changelog.md.j2", changelog=data)
    if output_format == "atom":
        return render(project, "changelog.atom.j2", changelog=data, rfc3339=_rfc3339)
    raise PublishError(f"unknown changelog format '{output_format}'", hint="markdown, json or atom")


def _rfc3339(stamp: str) -> str:
    """Atom wants a zone: stored stamps are UTC ISO 8601 already, date-only ones get one."""
    if "T" not in stamp:
        return f"{stamp}T00:00:00Z"
    return stamp.replace("+00:00", "Z")
