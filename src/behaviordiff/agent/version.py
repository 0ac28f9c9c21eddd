"""Load an agent version (prompt files + agent.yaml) from a folder or a git ref."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from behaviordiff.agent.model import AGENT_FILENAME, AgentConfig
from behaviordiff.agent.source import (
    FolderSource,
    GitSource,
    default_branch,
    git_toplevel,
    ref_exists,
)
from behaviordiff.agent.templates import PromptTemplates
from behaviordiff.errors import VersionError
from behaviordiff.validation import describe_errors, first_error_line
from behaviordiff.yamlio import parse_yaml

if TYPE_CHECKING:
    from behaviordiff.config import Project


@dataclass
class AgentVersion:
    """One version of the agent: its config, its prompt files, and where they came from."""

    label: str
    config: AgentConfig
    config_data: dict[str, Any]
    """agent.yaml as plain data, for the key-by-key diff."""
    files: dict[str, str]
    """Every text file of the version except agent.yaml, by POSIX path relative to the folder."""
    folder: Path | None = None
    """The folder on disk, when the version came from one."""
    git_ref: str | None = None
    git_commit: str | None = None
    """The commit the ref pointed at when the version was read."""
    project_root: Path | None = None
    templates: PromptTemplates = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.templates = PromptTemplates(self.files, self.label)

    @property
    def name(self) -> str:
        return self.config.name or self.label

    @property
    def short_label(self) -> str:
        """For lists: `HEAD~1@273ec05` for a git ref (the ref moves, the commit does not),
        the folder's name for a folder."""
        if self.git_ref is not None and self.git_commit:
            return f"{self.git_ref}@{self.git_commit[:7]}"
        return self.label.rstrip("/").rsplit("/", 1)[-1] or self.label

    def provenance(self) -> dict[str, Any]:
        """Where the version came from, as stored with a release."""
        return {
            "label": self.label,
            "git_ref": self.git_ref,
            "git_commit": self.git_commit,
            "folder": str(self.folder) if self.folder else None,
            "fingerprint": self.fingerprint(),
        }

    def prompt_files(self) -> list[str]:
        """Files that hold prompt text: declared prompts and every other text file."""
        return sorted(self.files)

    def fingerprint(self) -> str:
        """Content hash of the version: equal when prompts and config are equal."""
        digest = hashlib.sha256()
        digest.update(json.dumps(self.config_data, sort_keys=True, default=str).encode())
        for name in sorted(self.files):
            digest.update(name.encode() + b"\0" + self.files[name].encode() + b"\0")
        return digest.hexdigest()[:16]

    def _materialized(self, target: Path) -> dict[Path, str]:
        """Each file `materialize` writes to `target`, with its text."""
        files = {target / AGENT_FILENAME: json.dumps(self.config_data, indent=2)}
        for name, text in self.files.items():
            files[target / PurePosixPath(name)] = text
        return files

    def materialized_in(self, target: Path) -> bool:
        """Whether `target` already holds every file of the version as `materialize` writes
        it (a folder named by the fingerprint, written by an earlier run)."""
        for path, text in self._materialized(target).items():
            try:
                if path.read_text(encoding="utf-8") != text:
                    return False
            except (OSError, UnicodeDecodeError):
                return False
        return True

    def materialize(self, target: Path) -> Path:
        """Write the version's files to `target` (for adapters that need a folder); a file
        already there as it would be written is left alone, so a read-only workspace that
        holds the version can still be read."""
        if self.folder is not None:
            return self.folder
        if self.materialized_in(target):
            return target
        for path, text in self._materialized(target).items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return target


def parse_agent_config(text: str, where: str) -> tuple[AgentConfig, dict[str, Any]]:
    data, node = parse_yaml(text, where, VersionError)
    if not isinstance(data, dict):
        raise VersionError(
            "agent.yaml must be a mapping of keys (adapter, model, prompts, tools, ...)",
            where=where,
            hint="`behaviordiff schema agent` prints every key with its meaning; docs/reference.md "
            "explains them with an example",
        )
    try:
        config = AgentConfig.model_validate(data)
    except ValidationError as exc:
        line = first_error_line(exc, node)
        raise VersionError(
            describe_errors(exc, AgentConfig),
            where=f"{where}:{line}" if line else where,
            hint="fix that key in agent.yaml (`behaviordiff schema agent` prints every key with "
            "its meaning)",
        ) from None
    return config, data


def load_version(
    files: dict[str, str],
    label: str,
    *,
    folder: Path | None = None,
    git_ref: str | None = None,
    project_root: Path | None = None,
) -> AgentVersion:
    where = f"{label}/{AGENT_FILENAME}" if folder is None else str(folder / AGENT_FILENAME)
    skipped: dict[str, str] = getattr(files, "skipped", {})
    if AGENT_FILENAME in skipped:
        raise VersionError(
            f"{AGENT_FILENAME} {skipped[AGENT_FILENAME]}",
            where=where,
            hint=f"{AGENT_FILENAME} is YAML text saved as UTF-8",
        )
    if AGENT_FILENAME not in files:
        raise VersionError(
            f"no {AGENT_FILENAME} in the agent version",
            where=label,
            hint=f"a version folder holds {AGENT_FILENAME} (adapter, model, prompts, tools) "
            "next to its prompt files; `behaviordiff init` writes a starting point, and "
            "`behaviordiff schema agent` prints every key",
        )
    prompt_files = dict(files)
    config, data = parse_agent_config(prompt_files.pop(AGENT_FILENAME), where)
    for role, name in config.prompts.items():
        if name in skipped:
            raise VersionError(
                f"prompt file '{name}' (prompts.{role}) {skipped[name]}",
                where=where if folder is None else folder / name,
                hint="a prompt is a text file saved as UTF-8",
            )
        if name not in prompt_files:
            present = ", ".join(sorted(prompt_files)) or "none"
            said = (
                f"prompts.{role}"
                if isinstance(data, dict) and "prompts" in data
                else f"prompts.{role}, the default: {AGENT_FILENAME} has no `prompts:`"
            )
            raise VersionError(
                f"prompt file '{name}' ({said}) does not exist",
                where=where,
                hint=f"create it, or name the prompt files under `prompts:` (e.g. "
                f"`prompts: {{system: system.md.j2}}`); files in the version: {present}"
                if said != f"prompts.{role}"
                else f"create it or fix the name; files in the version: {present}",
            )
    version = AgentVersion(
        label=label,
        config=config,
        config_data=data,
        files=prompt_files,
        folder=folder,
        git_ref=git_ref,
        project_root=project_root,
    )
    version.templates.check_syntax()
    return version


def resolve_version(spec: str, project: Project) -> AgentVersion:
    """A folder path, `REF:path`, or a git ref (with [agent] path from the config)."""
    for candidate in (Path(spec).expanduser(), project.root / spec):
        if candidate.is_dir():
            folder = candidate.resolve()
            return load_version(
                FolderSource(folder, within=project.root).read_all(),
                _folder_label(folder, project.root),
                folder=folder,
                project_root=project.root,
            )
    repo = git_toplevel(project.root)
    ref, _, inner = spec.partition(":")
    if repo is not None and ref and ref_exists(repo, ref):
        if not inner:
            if project.config.agent.path is None:
                raise VersionError(
                    f"'{spec}' is a git ref, but the config does not say where the agent lives",
                    where=project.source or project.root,
                    hint='set [agent] path = "agents/support" in behaviordiff.toml, '
                    f"or write the folder after the ref: {spec}:agents/support",
                )
            inner = _repo_relative(project.resolve(project.config.agent.path), repo)
        source = GitSource(repo, ref, inner.strip("/"))
        version = load_version(
            source.read_all(), source.label, git_ref=ref, project_root=project.root
        )
        version.git_commit = source.commit()
        return version
    if Path(spec).suffix or "/" in spec:
        hint = "check the path; a version is a folder holding agent.yaml and the prompt files"
    elif repo is None:
        hint = f"{project.root} is not inside a git repository; give a folder path instead"
    else:
        hint = f"list refs with `git -C {repo} show-ref`, or give a folder path"
        default = default_branch(repo) if ref in ("main", "master", "trunk") else None
        if default is not None and default != ref:
            hint = (
                f"this repository's default branch is '{default}', not '{ref}': give "
                f"`{default}` in its place, in the same command; other refs: "
                f"`git -C {repo} show-ref`"
            )
    raise VersionError(f"'{spec}' is neither a folder nor a git ref", hint=hint)


def _repo_relative(path: Path, repo: Path) -> str:
    try:
        return path.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        raise VersionError(
            f"[agent] path {path} is outside the git repository {repo}",
            hint="point [agent] path at a folder inside the repository",
        ) from None


def _folder_label(folder: Path, root: Path) -> str:
    """Short and stable: relative to the project root, else to the current folder."""
    for base in (root.resolve(), Path.cwd().resolve()):
        try:
            return folder.relative_to(base).as_posix() or "."
        except ValueError:
            continue
    return str(folder)
