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
        # older releases' entries this one replaces (filled in by `_without_repeats`)
        "supersedes": [],
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
        [release_entry(state, today) for state in states],
        _carried_keys(workspace, states),
        {state.release.id: _base_of(state) for state in states},
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


def _base_of(state: ReleaseState) -> str:
    """What a release's run started from: the base version's content fingerprint where the
    run recorded it (`main` before and after a merge is two versions), else its label."""
    versions = state.release.settings.get("versions")
    base = versions.get("base") if isinstance(versions, dict) else None
    fingerprint = base.get("fingerprint") if isinstance(base, dict) else None
    return f"fingerprint:{fingerprint}" if fingerprint else f"label:{state.release.base_label}"


def _carried_keys(workspace: Workspace, states: list[ReleaseState]) -> dict[str, tuple[int, str]]:
    """Note key → (release, key) its change had in the earlier release its writer's work was
    carried from, when the change's numbers moved (a prompt tweak before shipping: "within 4
    hours" → "within 2 hours") and so did its key: by any drafting pass of the release."""
    drafts = DraftStore(workspace)
    carried: dict[str, tuple[int, str]] = {}
    for state in states:
        for key, origin in drafts.carried_notes(state.release.id).items():
            carried.setdefault(key, origin)
    return carried


def _without_repeats(
    releases: list[dict[str, Any]],
    carried: dict[str, tuple[int, str]] | None = None,
    bases: dict[int, str] | None = None,
) -> list[dict[str, Any]]:
    """Each change once, in the newest release that has it (a rerun or a prompt tweak of an
    unshipped release carries its notes). A newer run from the same version (`bases`) that
    finds again any change of an older one, by its key or through a note carried from it
    (`carried`: its numbers moved, so did its key), is that work done again before it
    shipped: the older release is left out whole, named in the newer one's `supersedes`
    (what it said that the newer run no longer finds never reached customers), and each
    entry names the older entries it replaces (its own `supersedes`). From another version
    the move happened after the older release shipped: a change moved again is listed in
    both, one found again unchanged only in the newest, and an older release all of whose
    changes are in newer ones is left out and named the same way."""
    carried = carried or {}
    bases = bases or {release["id"]: release["base"] for release in releases}
    # change key (and (older release, its key) for a carried note) → the newer release
    # listing it, and its entry there
    seen: dict[str, tuple[int, dict[str, Any]]] = {}
    redone: dict[tuple[int, str], tuple[int, dict[str, Any]]] = {}
    kept: list[dict[str, Any]] = []
    for release in releases:  # newest first
        changes = release["changes"]
        found = {
            change["change_key"]: seen.get(
                change["change_key"], redone.get((release["id"], change["change_key"]))
            )
            for change in changes
        }
        again = {newer[0] for newer in found.values() if newer is not None}
        redoing = [
            entry
            for entry in kept
            if entry["id"] in again and bases.get(entry["id"]) == bases.get(release["id"])
        ]
        fresh = [change for change in changes if found[change["change_key"]] is None]
        superseded_by: dict[str, Any] | None = None
        if redoing:
            superseded_by = redoing[0]  # the newest
        elif changes and not fresh:
            newest = max(again)
            superseded_by = next(entry for entry in kept if entry["id"] == newest)
        for change in changes:
            newer = found[change["change_key"]]
            if newer is not None:
                replaced = {
                    "release": release["id"],
                    "handle": change["handle"],
                    "title": change["title"],
                }
                if replaced not in newer[1]["supersedes"]:
                    newer[1]["supersedes"].append(replaced)
            # a chain of tweaks (and of reruns left out on the way): the newest
            listed_in = (
                newer
                or ((superseded_by["id"], change) if superseded_by is not None else None)
                or (release["id"], change)
            )
            seen.setdefault(change["change_key"], listed_in)
            origin = carried.get(change["change_key"])
            if origin is not None and bases.get(origin[0]) == bases.get(release["id"]):
                redone.setdefault(origin, listed_in)
        if superseded_by is not None:
            if release["id"] not in superseded_by["supersedes"]:
                superseded_by["supersedes"].append(release["id"])
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
