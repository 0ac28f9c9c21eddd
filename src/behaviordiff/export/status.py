"""`export status`: where each suggested edit of a release stands on its way to the helpdesk:
approved or not, delivered (exported, done by hand, pushed: by whom, when, the helpdesk's
id) and the last push of it with its result, and what is left to do."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from behaviordiff.publish.gate import export_file
from behaviordiff.publish.state import load_state
from behaviordiff.review import same_item_edits, same_item_message
from behaviordiff.store.acks import PushRecord, pushes_by_draft

if TYPE_CHECKING:
    from behaviordiff.store.workspace import Workspace


def _left(
    status: str,
    delivered: str | None,
    last: PushRecord | None,
    handle: str,
    target: str | None = None,
    exported_to: str | None = None,
) -> str | None:
    """What is left to do for the edit; `target`: the `export --to` of the helpdesk its item
    was read from, when known (else the command names PLATFORM); `exported_to`: the file its
    newest export wrote, which a push sends (else the command names FILE)."""
    import shlex

    platform = target or "PLATFORM"
    source = shlex.quote(exported_to) if exported_to else "FILE"
    push = (
        f"`behaviordiff push {platform} --from {source} --apply`"
        if target in (None, "zendesk", "freshdesk")
        else None
    )
    if status == "rejected":
        return None
    if status != "approved":
        return f"a writer approves it: `behaviordiff review approve {handle}`"
    if last is not None and last.status in ("refused", "failed") and delivered != "pushed":
        return f"the last push {last.status}: {last.reason}"
    if last is not None and last.status == "sending":
        return (
            "the last push got no answer: push again (it checks the helpdesk first), or check "
            f"it there and `behaviordiff ack done {handle} --by NAME`"
        )
    done = f"`behaviordiff ack done {handle} --by NAME`"
    if delivered is None:
        export = f"`behaviordiff export --to {platform} -o FILE`"
        if push is None:
            return f"export it ({export}), apply it, then mark it done ({done})"
        return (
            f"export it ({export}) and push it ({push}), or mark it done once applied "
            f"another way ({done})"
        )
    if delivered == "exported":
        return f"exported, not yet confirmed applied: after applying it, {done}" + (
            f" (or push it: {push})" if push else ""
        )
    return None


def delivery_status(
    workspace: Workspace, release_id: int, platforms: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Every edit of the release with its delivery and last push; counts by delivery.
    `platforms` (`publish.gate.edit_platforms`) lets what is left name each item's helpdesk."""
    state = load_state(workspace, release_id)
    pushes = pushes_by_draft(workspace, release_id)
    clashes = {
        item.record.key: same_item_message(group)
        for group in same_item_edits(state.items).values()
        for item in group
    }
    edits: list[dict[str, Any]] = []
    for change in state.changes:
        for item in change.edits:
            key = item.record.key
            last = pushes.get(key)
            row = state.edit_row(item)
            row["change"] = change.handle
            row["change_rejected"] = change.status == "rejected"
            row["last_push"] = last.to_dict() if last is not None else None
            target = (platforms or {}).get(item.record.item_key or "")
            if row["change_rejected"]:
                # a change rejected as a whole takes its edits with it, whatever their status
                row["left"] = None
            elif key in clashes and row["delivered"] is None:
                row["left"] = "the export refuses it: " + clashes[key]
            else:
                exported_to = (
                    export_file(state, key, target)
                    if target is not None and row["delivered"] == "exported"
                    else None
                )
                row["left"] = _left(
                    item.record.status, row["delivered"], last, item.handle, target, exported_to
                )
            edits.append(row)
    counts: dict[str, int] = {}
    for row in edits:
        if row["status"] == "approved" and not row["change_rejected"]:
            how = row["delivered"] or "not delivered"
            counts[how] = counts.get(how, 0) + 1
    return {
        "release_id": state.release.id,
        "release": state.release.name,
        "approved_delivered": counts,
        "edits": edits,
    }
