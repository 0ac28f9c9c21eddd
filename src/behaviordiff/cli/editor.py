"""Editing a draft in the writer's own editor ($VISUAL / $EDITOR): a terminal concern, so it
lives with the CLI; the YAML it edits and the checks on it are the core's."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from behaviordiff.errors import BehaviordiffError

if TYPE_CHECKING:
    from behaviordiff.pipeline import Workspace
    from behaviordiff.pipeline.review import EditOutcome, Grounding, ReviewItem


def editor_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """$VISUAL, else $EDITOR, split like a shell would (`code --wait` works)."""
    environ = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = (environ.get(name) or "").strip()
        if value:
            return shlex.split(value)
    return None


def edit_with_editor(
    workspace: Workspace,
    release_id: int,
    item: ReviewItem,
    groundings: Mapping[str, Grounding],
    *,
    retry: str,
    environ: Mapping[str, str] | None = None,
    actor: str | None = None,
) -> EditOutcome:
    """Write the draft to a YAML file, open the writer's editor on it, read it back. The file
    is removed once saved; on any problem it is kept and the error names it, with `retry`
    (the command without `--from`) completed into the command that reads it back."""
    from behaviordiff.pipeline.review import (
        EditOutcome,
        ReviewError,
        apply_edit,
        edit_document,
        parse_edit,
    )

    fd, name = tempfile.mkstemp(
        prefix=f"behaviordiff-r{release_id}-{item.handle}-", suffix=".yaml", text=True
    )
    path = Path(name)
    document = edit_document(item, release_id)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(document)
    again = f"`{retry} --from {shlex.quote(str(path))}`"
    kept = f"your text is kept in {path}: fix it and run {again}"
    command = editor_command(environ)
    if command is None:
        raise ReviewError(
            "no editor to open: VISUAL and EDITOR are not set",
            hint=f"set EDITOR (e.g. `export EDITOR=nano`), or edit {path} yourself and run {again}",
        )
    try:
        finished = subprocess.run([*command, str(path)], check=False)
    except OSError as exc:
        raise ReviewError(
            f"cannot start the editor '{command[0]}' ({exc.strerror or exc})",
            hint=f"check VISUAL / EDITOR, or edit {path} yourself and run {again}",
        ) from None
    if finished.returncode != 0:
        raise ReviewError(
            f"the editor '{command[0]}' exited with status {finished.returncode}; nothing saved",
            hint=kept,
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"cannot read the edited file ({exc})", where=path) from None
    if text == document:
        path.unlink(missing_ok=True)
        return EditOutcome(item, changed=False)
    try:
        values = parse_edit(text, str(path), item)
    except ReviewError as error:
        error.hint = f"{error.hint.rstrip('.')}; {kept}" if error.hint else kept
        raise
    try:
        outcome = apply_edit(workspace, release_id, item, values, groundings, actor=actor)
    except BehaviordiffError as error:
        error.hint = f"{error.hint.rstrip('.')}; {kept}" if error.hint else kept
        raise
    path.unlink(missing_ok=True)
    return outcome
