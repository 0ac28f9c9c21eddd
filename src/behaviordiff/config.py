"""Project config: `behaviordiff.toml`, or `[tool.behaviordiff]` in the user's pyproject."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeFloat,
    ValidationError,
    field_validator,
)

from behaviordiff.errors import BehaviordiffError, ConfigError
from behaviordiff.validation import describe_errors

CONFIG_FILENAME = "behaviordiff.toml"
WORKSPACE_ENV = "BEHAVIORDIFF_WORKSPACE"


class _Section(BaseModel):
    """Strict: `samples = "3"` or `samples = 3.5` is a mistake to name, not a value to guess;
    `inf` and `nan` are no timeout, price or budget."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        strict=True,
        allow_inf_nan=False,
    )


class AgentSection(_Section):
    path: str | None = None
    """Folder of the agent version inside the repo, used when a version is given as a git ref."""


class ProbesSection(_Section):
    suites: list[str] = Field(default_factory=list)
    """Probe suite files or glob patterns (YAML or JSONL), relative to the project root."""


class KnowledgeBaseSection(_Section):
    macros: list[str] = Field(default_factory=list)
    """Macro exports: Zendesk macros JSON, Freshdesk canned responses JSON, Intercom macros
    JSON, or CSV (id,title,body)."""
    faq: list[str] = Field(default_factory=list)
    """Help-center articles: folders of Markdown files, or Zendesk Guide, Freshdesk solution or
    Intercom Help Center articles JSON."""


class RunSection(_Section):
    samples: int = Field(default=3, ge=1, le=100)
    """Samples per probe per version; noise is measured between samples of the same version."""
    concurrency: int = Field(default=8, ge=1, le=1024)
    """How many agent runs are in flight at once."""
    requests_per_minute: int | None = Field(default=None, ge=1)
    """Client-side request rate limit (None: unlimited)."""
    tokens_per_minute: int | None = Field(default=None, ge=1)
    """Client-side token rate limit (None: unlimited)."""
    max_cost: float | None = Field(default=None, ge=0)
    """Refuse to start, or stop cleanly, past this estimated spend in USD."""
    max_requests: int | None = Field(default=None, ge=0)
    """Refuse to start, or stop cleanly, past this number of model requests."""
    timeout: float = Field(default=60.0, gt=0, le=3600)
    """Seconds before one model request (or command run) is abandoned and retried."""
    max_retries: int = Field(default=4, ge=0, le=20)
    """Retries on 429, 5xx and timeouts, with exponential backoff and jitter."""
    prices: dict[str, tuple[NonNegativeFloat, NonNegativeFloat]] = Field(default_factory=dict)
    """USD per million (input, output) tokens by model, overriding the built-in price table."""

    @field_validator("prices", mode="before")
    @classmethod
    def _price_pairs(cls, value: Any) -> Any:
        """TOML writes the pair as an array: [0.15, 0.60]."""
        if isinstance(value, dict):
            return {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
        return value

    base_url: str | None = None
    """OpenAI-compatible endpoint for the openai adapter (overrides OPENAI_BASE_URL)."""


class DraftingSection(_Section):
    drafter: Literal["auto", "llm", "template"] = "auto"
    """`llm` phrases notes with a model, `template` needs none; `auto` picks llm when a key or
    base URL is configured."""
    model: str = "gpt-4o-mini"
    """The model that phrases notes and edits."""
    base_url: str | None = None
    """OpenAI-compatible endpoint (overrides OPENAI_BASE_URL)."""
    read_near: int = Field(default=3, ge=0, le=8)
    """On the model's path: how many of the items ranked nearest a change, in which no
    rule-based finder marked a sentence, the model reads for the old rule said in a writer's
    own words (one call each; 0: none)."""


class ToolRule(_Section):
    keep: list[str] | None = None
    """Only these arguments of the tool are behavior (default: numbers, flags and short
    enum-like strings are; ids, emails and free text are not)."""
    ignore: list[str] = Field(default_factory=list)
    """Arguments of the tool that are never behavior."""


class DetectSection(_Section):
    similarity: Literal["builtin", "embeddings", "local"] = "builtin"
    """Meaning backend: builtin (offline), embeddings (the OpenAI-compatible endpoint),
    local (the `local-embeddings` extra)."""
    embeddings_model: str | None = None
    """Model of the embeddings backend (default: BEHAVIORDIFF_EMBEDDING_MODEL or
    text-embedding-3-small)."""
    base_url: str | None = None
    """Endpoint of the embeddings backend (overrides OPENAI_BASE_URL)."""
    alpha: float = Field(default=0.01, gt=0, le=0.2)
    """Significance level per facet; a facet changes only below it."""
    false_discovery_rate: float = Field(default=0.05, gt=0, lt=1)
    """Across the suite, the share of flagged probes that may be chance flips of noisy ones."""
    escalation_tools: list[str] = Field(default_factory=list)
    """Tools whose call means a handoff, added to those the versions' agent.yaml name."""
    escalation_phrases: list[str] = Field(default_factory=list)
    """Reply phrases that mean a handoff, added to those the versions' agent.yaml name."""
    ignore_tools: list[str] = Field(default_factory=list)
    """Tools whose calls are never behavior (telemetry, logging)."""
    policy_terms: list[str] = Field(default_factory=list)
    """Policy terms a reply can promise, added to the built-in ones ("store credit", ...)."""
    tools: dict[str, ToolRule] = Field(default_factory=dict)
    """Per tool: which arguments are behavior, e.g. [detect.tools.issue_refund]."""


class WorkspaceSection(_Section):
    path: str = ".behaviordiff"
    """Folder holding the SQLite workspace, relative to the project root."""


class ReviewSection(_Section):
    reviewer: str | None = None
    """The name review actions are recorded under in the audit log (default:
    BEHAVIORDIFF_ACTOR, else the OS user)."""


class PublishSection(_Section):
    templates: str | None = None
    """Folder of Jinja2 templates overriding the built-in ones by name (changelog.md.j2,
    changelog.atom.j2, report.html.j2), relative to the project root."""


class ProjectConfig(_Section):
    agent: AgentSection = Field(default_factory=AgentSection)
    probes: ProbesSection = Field(default_factory=ProbesSection)
    knowledge_base: KnowledgeBaseSection = Field(default_factory=KnowledgeBaseSection)
    run: RunSection = Field(default_factory=RunSection)
    drafting: DraftingSection = Field(default_factory=DraftingSection)
    detect: DetectSection = Field(default_factory=DetectSection)
    workspace: WorkspaceSection = Field(default_factory=WorkspaceSection)
    review: ReviewSection = Field(default_factory=ReviewSection)
    publish: PublishSection = Field(default_factory=PublishSection)


MAX_MATCHES = 10_000
"""The most files one glob of the config may name (a pattern that names more is a mistake)."""


@dataclass(frozen=True)
class Project:
    """A loaded config with the folder its relative paths are resolved against."""

    config: ProjectConfig
    root: Path
    source: Path | None
    """The file the config came from; None when no config was found (defaults apply)."""

    def table(self, name: str) -> str:
        """How the user writes the config table `name`: [run], or [tool.behaviordiff.run]
        in a pyproject.toml."""
        if self.source is not None and self.source.name == "pyproject.toml":
            return f"[tool.behaviordiff.{name}]"
        return f"[{name}]"

    def key_place(self, loc: list[str]) -> str:
        """Where the config sets the key at `loc` (`["knowledge_base", "macros"]`): its
        file and line, the file alone when the line is not found, the folder without a
        config file."""
        if self.source is None:
            return str(self.root)
        if self.source.name == "pyproject.toml":
            loc = ["tool", "behaviordiff", *loc]
        line = _toml_line(self.source, loc)
        return f"{self.source}:{line}" if line else str(self.source)

    def resolve(self, relative: str | Path) -> Path:
        path = Path(relative).expanduser()
        return path if path.is_absolute() else self.root / path

    def workspace_path(self, override: str | Path | None = None) -> Path:
        """--workspace beats BEHAVIORDIFF_WORKSPACE beats the config."""
        if override:
            return Path(override).expanduser().resolve()
        from_env = os.environ.get(WORKSPACE_ENV)
        if from_env:
            return Path(from_env).expanduser().resolve()
        return self.resolve(self.config.workspace.path)

    def probe_suites(self) -> list[Path]:
        """Suite files named by the config, globs expanded, in a stable order."""
        return self.expand(self.config.probes.suites, "probes.suites", ConfigError)

    def expand(self, patterns: list[str], key: str, error: type[BehaviordiffError]) -> list[Path]:
        """The files config key `key` names: each path as it is, each glob (`*`, `?`, `[`)
        expanded in a stable order, relative to the project's folder or from an absolute or
        `~` start. A pattern that matches nothing, walks the whole disk (`**` from the root),
        matches more than `MAX_MATCHES` files or cannot be read is an `error` naming it."""
        paths: list[Path] = []
        for pattern in patterns:
            if not any(ch in pattern for ch in "*?["):
                paths.append(self.resolve(pattern))
                continue
            parts = Path(pattern).expanduser().parts
            fixed = next(
                (i for i, part in enumerate(parts) if any(ch in part for ch in "*?[")),
                len(parts),
            )
            start = self.resolve(Path(*parts[:fixed])) if fixed else self.root
            rest = str(Path(*parts[fixed:]))
            where = self.source or self.root
            if "**" in rest and start.resolve() == Path(start.resolve().anchor):
                raise error(
                    f"the pattern '{pattern}' in {key} would search the whole disk from "
                    f"{start.resolve()}",
                    where=where,
                    hint=f"start it at the folder that holds the files, e.g. under {self.root}",
                )
            matches: list[Path] = []
            try:
                for match in start.glob(rest):
                    matches.append(match)
                    if len(matches) > MAX_MATCHES:
                        raise error(
                            f"the pattern '{pattern}' in {key} matches more than "
                            f"{MAX_MATCHES:,} files",
                            where=where,
                            hint="narrow the pattern to the files you mean",
                        )
            except OSError as exc:
                raise error(
                    f"the pattern '{pattern}' in {key} cannot be searched "
                    f"({exc.strerror or exc}: {exc.filename or start})",
                    where=where,
                    hint="check that its folders exist and can be read",
                ) from None
            if not matches:
                raise error(
                    f"the pattern '{pattern}' in {key} matches no file",
                    where=where,
                    hint=f"check the pattern against the folder {start}",
                )
            paths.extend(sorted(matches))
        return paths


def parse_config(data: dict[str, Any], where: Path, *, prefix: str = "") -> ProjectConfig:
    try:
        return ProjectConfig.model_validate(data)
    except ValidationError as exc:
        loc = [str(part) for part in exc.errors()[0]["loc"] if not isinstance(part, int)]
        line = _toml_line(where, [*prefix.split("."), *loc] if prefix else loc)
        raise ConfigError(
            describe_errors(exc, ProjectConfig, prefix=prefix),
            where=f"{where}:{line}" if line else where,
            hint="fix the key; `behaviordiff init --print` shows every key with its meaning",
        ) from None


def _toml_line(path: Path, loc: list[str]) -> int | None:
    """The line of the key at `loc` (`run.samples`: `samples =` under `[run]`), or of its
    nearest table; tomllib keeps no positions, so the text is read again. Dotted keys and
    inline tables are not followed: then the error names the file alone."""
    import re

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    table: list[str] = []
    found: int | None = None
    for number, text in enumerate(lines, start=1):
        header = re.match(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$", text)
        if header:
            table = [part.strip().strip('"') for part in header.group(1).split(".")]
            if table == loc[: len(table)] and found is None and len(table) == len(loc):
                found = number
            continue
        key = re.match(r'\s*"?([A-Za-z0-9_-]+)"?\s*=', text)
        if key and [*table, key.group(1)] == loc:
            return number
    return found


def _read_toml(path: Path) -> dict[str, Any]:
    from behaviordiff.loading import parse_toml, read_text

    return parse_toml(read_text(path, ConfigError), path, ConfigError)


def load_config_file(path: Path) -> Project:
    from behaviordiff.loading import check_regular

    try:
        check_regular(path, ConfigError)  # named as given, not as the link it may be resolves to
    except OSError as exc:
        raise ConfigError(
            f"cannot read the file ({exc.strerror or exc})"
            + (f": it is a link to {os.readlink(path)}" if path.is_symlink() else ""),
            where=path,
            hint="point --config (or the link) at the config file itself",
        ) from None
    path = path.resolve()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("behaviordiff")
        if section is None:
            raise ConfigError(
                "has no [tool.behaviordiff] table",
                where=path,
                hint="add one, or create behaviordiff.toml with `behaviordiff init`",
            )
        return Project(parse_config(section, path, prefix="tool.behaviordiff"), path.parent, path)
    return Project(parse_config(data, path), path.parent, path)


def find_project(start: Path | None = None, config: Path | None = None) -> Project:
    """The config named by `config`, else the nearest behaviordiff.toml or pyproject
    with [tool.behaviordiff] from `start` upward, else defaults rooted at `start`."""
    if config is not None:
        if not config.exists():
            raise ConfigError(
                "config file not found", where=config, hint="check the path given to --config"
            )
        return load_config_file(config)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILENAME
        if candidate.exists() or candidate.is_symlink():
            # a folder, a pipe or a broken link by that name is an error saying so (the
            # loading layer's), not a project silently run without its config
            return load_config_file(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue  # not ours to judge: a pyproject only counts with [tool.behaviordiff]
            if "behaviordiff" in data.get("tool", {}):
                return load_config_file(pyproject)
        if (folder / ".git").exists():
            break
    return Project(ProjectConfig(), here, None)


STARTER_CONFIG = """\
# behaviordiff project config. Paths are relative to this file's folder.
# Docs: every key below is optional; the values shown are the defaults unless noted.

[agent]
# Folder of the agent version inside this repo (prompt files + agent.yaml).
# Needed when versions are given as git refs: `behaviordiff diff main HEAD`.
# path = "agents/support"

[probes]
# Probe suites: YAML or JSONL files, globs allowed.
suites = ["probes/*.yaml"]

[knowledge_base]
# CS macros: a Zendesk macros export, Freshdesk canned responses or Intercom macros (JSON),
# or CSV (id,title,body).
macros = []
# FAQ / help-center: folders of Markdown articles, or a Zendesk Guide, Freshdesk solution or
# Intercom Help Center articles export (JSON).
faq = []

[run]
samples = 3              # samples per probe per version; noise is measured between them
concurrency = 8          # agent runs in flight at once
# requests_per_minute = 500
# tokens_per_minute = 200000
# max_cost = 5.00        # USD; refuse to start or stop cleanly past this
# max_requests = 10000
timeout = 60.0           # seconds per request before it is retried
max_retries = 4          # retries on 429, 5xx and timeouts
# base_url = "http://localhost:8000/v1"   # openai adapter endpoint; default OPENAI_BASE_URL

# Override the built-in price table: USD per million (input, output) tokens.
# [run.prices]
# "gpt-4o-mini" = [0.15, 0.60]

[drafting]
# auto | llm | template; auto means llm when OPENAI_API_KEY or OPENAI_BASE_URL is set
drafter = "auto"
model = "gpt-4o-mini"
# base_url = "http://localhost:8000/v1"

[detect]
similarity = "builtin"   # meaning backend: builtin (offline) | embeddings | local
alpha = 0.01             # significance level per facet
false_discovery_rate = 0.05
# escalation_tools = ["escalate_to_human"]   # added to the versions' agent.yaml
# escalation_phrases = ["a colleague will take over"]
# ignore_tools = ["log_event"]               # calls that are never behavior
# policy_terms = ["price match"]             # promises beyond the built-in terms

# Which arguments of a tool are behavior. By default numbers, flags and short enum-like
# strings count; ids, emails and free text do not.
# [detect.tools.issue_refund]
# keep = ["amount", "type"]
# ignore = ["note"]

[workspace]
path = ".behaviordiff"   # SQLite workspace; BEHAVIORDIFF_WORKSPACE or --workspace override it

[publish]
# A folder of Jinja2 templates replacing the built-in changelog.md.j2, changelog.atom.j2 or
# report.html.j2 (same file names; the others stay built in).
# templates = "behaviordiff-templates"
"""
