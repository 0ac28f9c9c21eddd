"""Writing what publishing produces, with an error that names the file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from behaviordiff.publish.templates import PublishError


def write_atomic(
    path: Path, text: str, *, encoding: str = "utf-8", newline: str | None = None
) -> None:
    """Write whole or not at all: a half-written file never replaces a good one. Raises
    OSError, for the caller to name the file in its own error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(name, 0o666 & ~umask)  # as a plain open() would, not mkstemp's 0600
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    """Write whole or not at all: a half-written report never replaces a good one."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise PublishError(
            f"cannot write the file ({exc.strerror or exc})",
            where=path,
            hint="check that the folder exists and is writable, or choose another -o",
        ) from None
