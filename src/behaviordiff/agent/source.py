"""Where a version's files come from: a folder on disk or a git ref, read without checkout."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from behaviordiff.errors import VersionError

_SKIP_PARTS = {"__pycache__", ".git", ".behaviordiff", "node_modules"}
MAX_FILE_BYTES = 2_000_000


def _keep(relative: PurePosixPath) -> bool:
    return not any(part in _SKIP_PARTS or part.startswith(".") for part in relative.parts)


class SourceFiles(dict[str, str]):
    """A version's text files by relative path; `skipped` says why each other file was left
    out (a binary file, not UTF-8, too large), so a missing agent.yaml or prompt is explained."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped: dict[str, str] = {}

    def add(self, name: str, data: bytes) -> None:
        reason = _unreadable(data)
        if reason is None:
            self[name] = data.decode("utf-8")
        else:
            self.skipped[name] = reason


def _unreadable(data: bytes) -> str | None:
    """Why `data` is not a text file (binary files are not prompts), or None."""
    from behaviordiff.errors import BehaviordiffError
    from behaviordiff.loading import decode_text

    if len(data) > MAX_FILE_BYTES:
        return f"is larger than {MAX_FILE_BYTES // 1_000_000} MB"
    try:
        decode_text(data, "", BehaviordiffError)
    except BehaviordiffError as exc:
        return exc.message
    return None


@dataclass(frozen=True)
class FolderSource:
    folder: Path
    within: Path | None = None
    """Besides the folder itself, where a symlink in it may lead (the project root): a link
    to a file elsewhere (~/.ssh/id_rsa, /etc/passwd) is never read, so a change that adds
    one cannot show that file in a diff, a report or a request to a model."""

    @property
    def label(self) -> str:
        return str(self.folder)

    def read_all(self) -> SourceFiles:
        files = SourceFiles()
        from behaviordiff.loading import special_kind

        for path in sorted(self.folder.rglob("*")):
            relative = PurePosixPath(path.relative_to(self.folder).as_posix())
            if not _keep(relative) or path.is_dir():
                continue
            try:
                outside = self._outside(path)
                if outside is not None:
                    files.skipped[str(relative)] = (
                        f"is a link to {outside}, outside the project: it is not read"
                    )
                    continue
                # symlinks followed; a pipe, a device (/dev/zero) or a broken link is never
                # opened, and a file over the limit is never read whole
                found = path.stat()
                kind = special_kind(found.st_mode)
                if kind is not None:
                    files.skipped[str(relative)] = f"is {kind}, not a file"
                elif found.st_size > MAX_FILE_BYTES:
                    files.skipped[str(relative)] = (
                        f"is larger than {MAX_FILE_BYTES // 1_000_000} MB"
                    )
                else:
                    files.add(str(relative), path.read_bytes())
            except OSError as exc:
                files.skipped[str(relative)] = f"cannot be read ({exc.strerror or exc})"
        return files

    def _outside(self, path: Path) -> Path | None:
        """Where `path` leads when it is a link leading out of the folder and `within`."""
        if not path.is_symlink():
            return None
        target = path.resolve()
        roots = [self.folder.resolve(), *([self.within.resolve()] if self.within else [])]
        return None if any(target.is_relative_to(root) for root in roots) else target


def git(
    repo: Path, *args: str, input_bytes: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, input=input_bytes, check=False
        )
    except FileNotFoundError:
        raise VersionError(
            "git is not installed, so a version cannot be read from a git ref",
            hint="install git, or give the version as a folder path",
        ) from None


def git_toplevel(folder: Path) -> Path | None:
    result = git(folder, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        return None
    return Path(result.stdout.decode().strip())


def default_branch(repo: Path) -> str | None:
    """The repository's default branch: origin's HEAD, else a local main, master or trunk."""
    remote = git(repo, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
    if remote.returncode == 0 and remote.stdout.strip():
        name = remote.stdout.decode().strip()
        local = name.removeprefix("origin/")
        return local if ref_exists(repo, local) else name
    for name in ("main", "master", "trunk"):
        if git(repo, "show-ref", "--verify", "--quiet", f"refs/heads/{name}").returncode == 0:
            return name
    return None


def ref_exists(repo: Path, ref: str) -> bool:
    result = git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return result.returncode == 0


@dataclass(frozen=True)
class GitSource:
    repo: Path
    ref: str
    path: str
    """Folder inside the repo, POSIX style, relative to the repo root ('' for the root)."""

    @property
    def label(self) -> str:
        return f"{self.ref}:{self.path}" if self.path else self.ref

    def commit(self) -> str:
        result = git(self.repo, "rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}")
        if result.returncode != 0:
            raise VersionError(
                f"'{self.ref}' is not a git ref in {self.repo}",
                hint="give a branch, tag or commit that `git log` shows, or a folder path",
            )
        return result.stdout.decode().strip()

    def read_all(self) -> SourceFiles:
        commit = self.commit()
        spec = f"{self.path.rstrip('/')}/" if self.path else ""
        listing = git(self.repo, "ls-tree", "-r", "-z", "--name-only", commit, "--", spec or ".")
        if listing.returncode != 0:
            raise VersionError(
                f"cannot list files at {self.label}: {listing.stderr.decode().strip()}",
            )
        names = [name for name in listing.stdout.decode().split("\0") if name]
        if not names:
            raise VersionError(
                f"the folder '{self.path}' does not exist at {self.ref}",
                where=f"{self.repo} @ {self.ref}",
                hint="set [agent] path in behaviordiff.toml to the agent's folder at that ref",
            )
        files = SourceFiles()
        for name, blob in self._cat(commit, names, prefix=spec):
            files.add(name, blob)
        return files

    def _cat(self, commit: str, names: list[str], prefix: str) -> Iterable[tuple[str, bytes]]:
        """Read all blobs with one `git cat-file --batch` process."""
        wanted = [name for name in names if _keep(PurePosixPath(name[len(prefix) :]))]
        request = "".join(f"{commit}:{name}\n" for name in wanted).encode()
        result = git(self.repo, "cat-file", "--batch", input_bytes=request)
        if result.returncode != 0:
            raise VersionError(f"cannot read files at {self.label}: {result.stderr.decode()}")
        data = result.stdout
        offset = 0
        for name in wanted:
            header_end = data.index(b"\n", offset)
            header = data[offset:header_end].split()
            if header[-1] == b"missing":
                offset = header_end + 1
                continue
            size = int(header[2])
            blob = data[header_end + 1 : header_end + 1 + size]
            offset = header_end + 1 + size + 1
            yield name[len(prefix) :], blob
