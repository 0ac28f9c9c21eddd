"""Markdown articles (a FAQ folder): the rewritten files in an output folder, with a unified
patch of them (`changes.patch`); or only the patch when the output ends in .patch or .diff.
Front matter and every byte outside the article's body stay as they are."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from behaviordiff.diffing.align import unified_diff
from behaviordiff.export.model import ExportItem, Skipped
from behaviordiff.kb.importers import content_version
from behaviordiff.publish.files import write_atomic

FORMATS = ("markdown",)
PATCH_NAME = "changes.patch"


def rewritten(item: ExportItem) -> tuple[str, str] | str:
    """(the file's text now, its text with the new body), or why it cannot be rewritten."""
    path = Path(item.item.source)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot read {path} ({exc})"
    if content_version(text) != item.item.metadata.get("version") or not text.endswith(
        item.item.body
    ):
        return f"{path} changed while exporting: run the export again"
    return text, text[: len(text) - len(item.item.body)] + item.new_body


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\\]")


def unsafe_file_name(relative: str) -> str | None:
    """Why `relative` cannot name a file inside the output folder (and a line of the patch)
    safely, else None: it must stay inside (no absolute path, no `..`) and hold no control
    character (a newline in a name would forge the patch's `+++` line) and no invisible
    format character (a right-to-left override would show a reviewer another name)."""
    if _UNSAFE_NAME.search(relative) or any(
        unicodedata.category(char) in ("Cc", "Cf") for char in relative
    ):
        return "it holds a control character, an invisible format character or a backslash"
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts:
        return "it leads outside the output folder"
    return None


def write(
    output: Path, items: list[ExportItem]
) -> tuple[list[tuple[ExportItem, dict[str, str]]], list[Skipped], list[Path]]:
    """Write the files and the patch; returns the records, the skipped items and the paths."""
    only_patch = output.suffix.lower() in (".patch", ".diff")
    written: list[tuple[ExportItem, dict[str, str]]] = []
    skipped: list[Skipped] = []
    patch: list[str] = []
    outputs: list[Path] = []
    for item in items:
        result = rewritten(item)
        if isinstance(result, str):
            skipped.append(Skipped(item.handle, item.draft.key, item.item.title, result))
            continue
        before, after = result
        relative = item.item.record
        problem = unsafe_file_name(relative)
        if problem is not None:
            shown = relative.encode("unicode_escape").decode("ascii")[:80]
            skipped.append(
                Skipped(
                    item.handle,
                    item.draft.key,
                    item.item.title,
                    f"its file name '{shown}' cannot be written safely ({problem}): rename "
                    f"the file in {Path(item.item.source).parent}",
                )
            )
            continue
        for line in unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{relative}",
            tofile=f"b/{relative}",
        ):
            patch.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        record = {
            "kind": "article",
            "target_id": item.item.id,
            "title": item.item.title,
            "file": relative,
        }
        if not only_patch:
            target = output / relative
            write_atomic(target, after)
            outputs.append(target)
        written.append((item, record))
    patch_path = output if only_patch else output / PATCH_NAME
    if written:
        write_atomic(patch_path, "".join(patch))
        outputs.append(patch_path)
    return written, skipped, outputs
