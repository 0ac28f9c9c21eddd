"""`export_release`: a release's approved edits as files to apply to the helpdesk: a file of
API requests (`push` sends it), a CSV for people, Markdown files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from behaviordiff.export import csvfile, freshdesk, intercom, markdown, zendesk
from behaviordiff.export.collect import collect, only
from behaviordiff.export.html import refuse_active
from behaviordiff.export.model import (
    ExportError,
    ExportItem,
    ExportResult,
    Skipped,
    Target,
    unsafe_request_path,
)
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.publish.files import write_atomic
from behaviordiff.store.acks import body_digest, record_delivery
from behaviordiff.store.drafts import DraftStore
from behaviordiff.store.workspace import Workspace, current_actor, now_iso
from behaviordiff.textutil import a_or_an

if TYPE_CHECKING:
    from behaviordiff.config import Project

EXPORT_FORMAT = "behaviordiff-export/1"


def _request_file(
    result: ExportResult,
    output: Path,
    written: list[tuple[ExportItem, dict[str, Any]]],
) -> None:
    records = [
        {
            **record,
            "draft": item.draft_info(),
            "source": item.source(),
            "warnings": list(item.warnings),
        }
        for item, record in written
    ]
    document = {
        "format": EXPORT_FORMAT,
        "target": result.target,
        "release_id": result.release_id,
        "exported_at": now_iso(),
        "include_drafts": result.include_drafts,
        "suggested_settings": result.suggested_settings,
        "records": records,
    }
    write_atomic(output, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    result.records = records
    result.outputs.append(output)


def _request_file_notes(result: ExportResult) -> list[str]:
    """What a file of API requests is and how it reaches the helpdesk (no helpdesk imports
    it as a file), and, for one `push` sends, the items `push` will refuse because their
    source held no `updated_at`: said at export, before anyone relies on the push."""
    if result.target not in ("zendesk", "freshdesk", "intercom") or not result.records:
        return []
    from behaviordiff.export.model import HELPDESKS, unpushable_warnings

    output = result.outputs[0] if result.outputs else "the file"
    platform = {"zendesk": "Zendesk", "freshdesk": "Freshdesk", "intercom": "Intercom"}[
        result.target
    ]
    what = (
        f"{output} is a behaviordiff file ({EXPORT_FORMAT}) of {len(result.records)} "
        f"{platform} API request(s), one per edit (method, path, body), not a file "
        f"{platform} can import"
    )
    if result.target not in HELPDESKS:
        return [
            f"{what}: behaviordiff cannot push to {platform}; send each record's `request` "
            "with a script of your own"
        ]
    notes = [
        f"{what}: `behaviordiff push {result.target} --from {output}` shows what it would "
        "change and `--apply` sends it (or send each record's `request` with a script of "
        "your own)"
    ]
    by_source: dict[str, list[ExportItem]] = {}
    for item in result.exported:
        by_source.setdefault(item.item.source, []).append(item)
    for items in by_source.values():
        handles = " ".join(
            item.handle for item in items if item.item.metadata.get("updated_at") is None
        )
        notes += [
            warning.replace(
                "`behaviordiff ack done`", f"`behaviordiff ack done {handles} --by NAME`"
            )
            for warning in unpushable_warnings([item.item for item in items])
        ]
    return notes


def _safe_paths(
    written: list[tuple[ExportItem, dict[str, Any]]],
) -> tuple[list[tuple[ExportItem, dict[str, Any]]], list[Skipped]]:
    """The records whose request path is a plain API path; the others, skipped."""
    kept: list[tuple[ExportItem, dict[str, Any]]] = []
    skipped: list[Skipped] = []
    for item, record in written:
        problem = unsafe_request_path(str(record["request"]["path"]))
        if problem is None:
            kept.append((item, record))
            continue
        skipped.append(
            Skipped(
                item.handle,
                item.draft.key,
                item.item.title,
                f"its request path is unsafe ({problem}): the id or locale in "
                f"{item.item.where} is not one the helpdesk gave; export the knowledge base "
                "from the helpdesk again",
            )
        )
    return kept, skipped


def _intercom_macros_path(output: Path) -> Path:
    return output.with_name(f"{output.stem}.macros.csv")


def _write(
    result: ExportResult, items: list[ExportItem], target: Target, output: Path
) -> list[ExportItem]:
    """Write the files of `target`; the items written (the rest are added to `skipped`).
    Every target but the CSV for people leaves out a body with active content."""
    written_items: list[ExportItem] = []
    if target != "csv":
        refused = {item.draft.key: refuse_active(item) for item in items}
        result.skipped += [skip for skip in refused.values() if skip is not None]
        items = [item for item in items if refused[item.draft.key] is None]
        if not items:
            return []
    if target == "csv":
        csvfile.write(output, items)
        result.outputs.append(output)
        written_items = list(items)
    elif target == "markdown":
        chosen, others = only(items, markdown.FORMATS, "Markdown")
        result.skipped += others
        records, failed, outputs = markdown.write(output, chosen)
        result.skipped += failed
        result.outputs += outputs
        result.records = [
            {**record, "draft": item.draft_info(), "source": item.source()}
            for item, record in records
        ]
        written_items = [item for item, _ in records]
    else:
        module = {"zendesk": zendesk, "freshdesk": freshdesk, "intercom": intercom}[target]
        chosen, others = only(items, module.FORMATS, target.capitalize())
        result.skipped += others
        written, failed = (
            zendesk.records(chosen, suggested=result.suggested_settings)
            if target == "zendesk"
            else module.records(chosen)
        )
        result.skipped += failed
        written, unsafe = _safe_paths(written)
        result.skipped += unsafe
        if written:
            _request_file(result, output, written)
        written_items = [item for item, _ in written]
        if target == "intercom":
            macros = intercom.macros(chosen)
            if macros:
                path = _intercom_macros_path(output)
                csvfile.write(path, macros, intercom.MACRO_NOTE)
                result.outputs.append(path)
                result.notes.append(
                    f"{len(macros)} Intercom macro(s) in {path}: {intercom.MACRO_NOTE}"
                )
                written_items += macros
    return written_items


def _formats(target: Target) -> tuple[str, ...]:
    module = {
        "markdown": markdown,
        "zendesk": zendesk,
        "freshdesk": freshdesk,
        "intercom": intercom,
    }[target]
    return tuple(module.FORMATS)


def _rejected_for(
    workspace: Workspace, release_id: int, knowledge: KnowledgeBase, target: Target
) -> bool:
    """Whether a writer rejected an edit of an item read from `target`'s helpdesk: its
    edits were drafted and turned down (nothing left to deliver there), not never drafted
    (then exporting to `target` is the wrong helpdesk, an error naming the right one)."""
    if target == "csv":
        return False
    formats = _formats(target)
    for record in DraftStore(workspace).drafts(release_id, "edit"):
        if record.stale or record.status != "rejected":
            continue
        item = knowledge.get(record.item_key or "")
        if item is not None and str(item.metadata.get("format") or "") in formats:
            return True
    return False


def _other_helpdesk(items: list[ExportItem], target: Target) -> list[Skipped]:
    """The items `target` cannot carry because they were read from another helpdesk's
    export, skipped with the `--to` that carries each (none for the CSV, which takes all)."""
    if target == "csv":
        return []
    label = "Markdown" if target == "markdown" else target.capitalize()
    return only(items, _formats(target), label)[1]


def _refusals(skipped: Sequence[Skipped], shown: int = 6) -> str:
    """Why each edit was left out, the same reasons said once with their handles."""
    reasons: dict[str, list[str]] = {}
    for skip in skipped:
        reasons.setdefault(skip.reason, []).append(skip.handle)
    lines = [f"{', '.join(handles)}: {reason}" for reason, handles in reasons.items()]
    if len(lines) > shown:
        lines = [*lines[:shown], f"and {len(lines) - shown} more reason(s): see --format json"]
    return "; ".join(lines)


def _open_edits(workspace: Workspace, release_id: int) -> bool:
    """Whether the release has an edit still to approve or deliver: one that is not stale
    and not rejected."""
    return any(
        not record.stale and record.status != "rejected"
        for record in DraftStore(workspace).drafts(release_id, "edit")
    )


def export_release(
    workspace: Workspace,
    release_id: int,
    knowledge: KnowledgeBase,
    target: Target,
    output: Path,
    *,
    include_drafts: bool = False,
    suggested_settings: bool = False,
) -> ExportResult:
    """Write the release's approved edits for `target` to `output` (a file; a folder or a
    .patch file for markdown). Edits of items from another helpdesk, or that cannot be
    exported as they are, are listed in `skipped` with the reason. With
    `suggested_settings` (Zendesk only), a flagged macro is sent with the suggested removals
    and changes of its settings applied, not as exported. Audited."""
    if suggested_settings and target != "zendesk":
        raise ExportError(
            f"--with-suggested-settings is for Zendesk macros; {target} has no macro settings "
            "to apply",
            where=output,
            hint="drop --with-suggested-settings, or export --to zendesk",
        )
    workspace.release(release_id)
    items, skipped = collect(workspace, release_id, knowledge, include_drafts=include_drafts)
    result = ExportResult(
        release_id, target, include_drafts, skipped=skipped, suggested_settings=suggested_settings
    )
    if not items and any(skip.conflict for skip in skipped):
        raise ExportError(
            f"release #{release_id}'s approved edits are refused: two approved edits of one "
            "item would overwrite each other",
            where=workspace.path,
            hint=_refusals([skip for skip in skipped if skip.conflict]),
        )
    if not items and not _open_edits(workspace, release_id):
        # a release whose changes need no macro or FAQ edit (or whose edits were all
        # rejected): nothing to do is a normal outcome, not an error; no file is written
        result.notes.append(
            f"nothing to export: release #{release_id} has no macro or article edits to "
            "deliver (its changes need none, or a writer rejected them); no file was written"
        )
        return result
    if not items:
        what = "edits" if include_drafts else "approved edits"
        raise ExportError(
            f"release #{release_id} has no {what} to export"
            + (
                f" ({len(skipped)} left out: "
                f"{next((s for s in skipped if s.conflict), skipped[0]).reason})"
                if skipped
                else ""
            ),
            where=workspace.path,
            hint="approve edits with `behaviordiff review approve`, or preview the drafts "
            "with --include-drafts",
        )
    elsewhere = _other_helpdesk(items, target)
    if (
        items
        and len(elsewhere) == len(items)
        and not any(skip.waiting for skip in skipped)
        and _rejected_for(workspace, release_id, knowledge, target)
    ):
        # every approved edit is for another helpdesk, none waits for a writer and this
        # target's own edits were rejected: nothing to deliver here is not an error
        reasons = [f"{skip.handle} {skip.reason}" for skip in skipped if not skip.conflict]
        reasons += [f"{item.handle} is {a_or_an(item.platform)} {item.item.kind}" for item in items]
        result.skipped += elsewhere
        result.notes.append(
            f"nothing to export for {target}: release #{release_id} has no {target} edit to "
            f"deliver ({'; '.join(reasons)}); no file was written"
        )
        return result
    if output.exists() and output.is_dir() and target != "markdown":
        raise ExportError(
            "the output is a folder", where=output, hint="name a file, e.g. -o export.json"
        )
    if output.exists() and not output.is_dir() and target == "markdown":
        raise ExportError(
            "the output is a file: the Markdown export writes a folder (the rewritten "
            "articles and changes.patch)",
            where=output,
            hint="name a folder, e.g. -o faq-updated/ (it is made if missing)",
        )
    try:
        written_items = _write(result, items, target, output)
    except OSError as exc:
        raise ExportError(
            f"cannot write the export ({exc.strerror or exc})",
            where=exc.filename or output,
            hint="choose an output path in a folder you can write to",
        ) from None
    if not written_items:
        raise ExportError(
            f"none of release #{release_id}'s {len(items)} edit(s) can be written for {target}",
            where=output,
            hint=_refusals(result.skipped),
        )
    order = {item.draft.key: index for index, item in enumerate(items)}
    result.exported = sorted(written_items, key=lambda item: order[item.draft.key])
    checked = [
        item
        for item in result.exported
        if item.settings is not None
        and all(flag.suggestion == "check" for flag in item.settings.flags)
    ]
    if checked:
        result.notes.append(
            f"{len(checked)} macro(s) have settings to check: the edited text still hands "
            "customers off, so nothing is suggested for removal ("
            + ", ".join(item.item.title for item in checked)
            + ")"
        )
    flagged = [
        item for item in result.exported if item.settings is not None and item not in checked
    ]
    applied = [item for item in flagged if result.suggested_settings and zendesk.applicable(item)]
    if applied:
        result.notes.append(
            f"{len(applied)} macro(s) are sent with their suggested settings applied "
            "(--with-suggested-settings): "
            + "; ".join(
                f"{item.item.title}: {', '.join(zendesk.applicable(item))}" for item in applied
            )
        )
        added = [
            item
            for item in applied
            if item.settings is not None
            and any(flag.suggestion == "add" for flag in item.settings.flags)
        ]
        if added:
            result.notes.append(
                f"{len(added)} of them also need a setting only a person can choose (an "
                "added group or tag), not sent: " + ", ".join(item.item.title for item in added)
            )
    held = [item for item in flagged if result.suggested_settings and zendesk.held_back(item)]
    if held:
        result.notes.append(
            f"--with-suggested-settings left {len(held)} macro(s) as exported: the change "
            "holds for some of the customers each serves, and changing its settings would "
            "change the others' handling too ("
            + "; ".join(
                f"{item.item.title}: for {item.settings.when or 'some customers'} only"
                for item in held
                if item.settings is not None
            )
            + "); split the macro, or change its settings by hand"
        )
    flagged = [item for item in flagged if item not in applied]
    if flagged:
        result.notes.append(
            f"{len(flagged)} macro(s) have settings that encode the old behavior: a suggested "
            "change is in the export for a person to confirm ("
            + ", ".join(item.item.title for item in flagged)
            + ")"
        )
    result.notes += _request_file_notes(result)
    # a body a helpdesk export refuses (active content) is in the CSV for people to read, as
    # text, never handed over for import: not on record as exported
    delivered = [
        item.draft.key
        for item in result.exported
        if item.draft.status == "approved" and refuse_active(item) is None
    ]
    if result.exported and workspace.read_only:
        # the file is written elsewhere; only the record of it needs the workspace
        result.recorded = False
        if delivered and not include_drafts:
            handles = " ".join(
                item.handle for item in result.exported if item.draft.key in delivered
            )
            result.notes.append(
                f"not recorded as exported: the workspace is read-only ({workspace.path}), "
                "so the rollout gate and `export status` do not know of this file; once it is "
                "applied, mark the edits done in a writable copy of the workspace "
                f"(`behaviordiff ack done {handles} --release {release_id} --by NAME`)"
            )
        return result
    if delivered and not include_drafts:
        # on record as handed over; the gate wants it pushed, or marked done after the import
        result.delivered = record_delivery(
            workspace, release_id, delivered, "exported", current_actor()
        )
    if result.exported:
        workspace.log(
            "export.write",
            release_id=release_id,
            subject=target,
            detail={
                "outputs": [str(path) for path in result.outputs],
                "drafts": result.draft_keys,
                "include_drafts": include_drafts,
                # what `push` may send for this release: a request edited after the export
                # (another endpoint, another body) is not among them
                "requests": [
                    body_digest(request["method"], request["path"], request.get("body"))
                    for record in result.records
                    if isinstance(request := record.get("request"), dict)
                ],
            },
        )
    return result


def choose_release(workspace: Workspace, release_id: int | None) -> int:
    """The release named, else the newest one with drafts (one still running, stopped early or
    not yet drafted has none)."""
    from behaviordiff.store.drafts import DraftStore

    if release_id is not None:
        return workspace.release(release_id).id
    latest = workspace.require_latest_release()
    drafts = DraftStore(workspace)
    for release in workspace.releases():
        if drafts.drafts(release.id):
            return release.id
    return latest.id


def project_knowledge(project: Project) -> KnowledgeBase:
    """The project's knowledge base, which an export reads the helpdesk's items from; none
    configured is an error naming the config table."""
    from behaviordiff.kb import load_project_kb

    knowledge = load_project_kb(project)
    if not knowledge.sources:
        raise ExportError(
            "no knowledge base configured: the export reads the helpdesk's items from it",
            where=project.source or project.root,
            hint=f"name your helpdesk exports under {project.table('knowledge_base')} "
            '(macros = ["kb/macros.json"], faq = ["kb/faq"])',
        )
    return knowledge
