"""Adapters: how one agent version is run on one probe. `openai` (a tool loop over chat
completions), `command` (an executable: probe JSON on stdin, transcript JSON on stdout) and
`replay` (recorded transcripts)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import shutil
import signal
import sys
import time
from collections.abc import Coroutine, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError

from behaviordiff.agent.version import AgentVersion
from behaviordiff.errors import BehaviordiffError, BudgetExceeded, VersionError
from behaviordiff.llm.budget import Meter
from behaviordiff.llm.cache import CachedModel, CallStore, endpoint_of
from behaviordiff.llm.model import ChatModel, ChatRequest, estimate_tokens, request_hash
from behaviordiff.llm.prices import PriceTable
from behaviordiff.probes import Probe
from behaviordiff.transcripts import Transcript, build_transcript, iter_replay

AdapterName = Literal["openai", "command", "replay"]
COMPLETION_TOKENS_GUESS = 300
"""Completion tokens assumed per request when estimating, capped by max_tokens."""
STDERR_TAIL = 800


@dataclass(frozen=True)
class UsageHistory:
    """What runs of one probe used in the newest release that ran it, per run on average."""

    calls: float
    prompt_tokens: float
    completion_tokens: float


@dataclass(frozen=True)
class RunEstimate:
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = 0.0
    """None when the model has no known price."""
    cached: bool = False
    model: str | None = None
    from_history: bool = False
    """Measured on earlier runs of the probe rather than guessed from the request."""


class Adapter(Protocol):
    name: AdapterName
    identity: str
    """Changes when anything that changes the adapter's answers changes (for resume); the
    same for a copy of the project elsewhere (no absolute path in it)."""
    previous_identities: tuple[str, ...]
    """The identities earlier versions of behaviordiff gave this adapter, when they differ:
    runs recorded under them are still reused (and stored again under `identity`)."""
    sources: dict[str, str]
    """What the identity hashes, piece by piece (see `version_sources`): stored with a run
    plan, so a later run can say which file made its stored runs unusable."""

    async def run(self, probe: Probe, sample: int) -> Transcript: ...

    def estimate(self, probe: Probe, sample: int) -> RunEstimate: ...

    async def aclose(self) -> None: ...


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def version_sources(version: AgentVersion) -> dict[str, str]:
    """A digest per piece of the version: `agent.yaml`, and `file:NAME` per file of it."""
    config = json.dumps(version.config_data, sort_keys=True, default=str).encode()
    sources = {"agent.yaml": _digest(config)}
    for name, text in sorted(version.files.items()):
        sources[f"file:{name}"] = _digest(text.encode())
    return sources


def probe_messages(probe: Probe) -> list[dict[str, Any]]:
    return [message.model_dump(mode="json", exclude_none=True) for message in probe.messages]


class PromptRenderer:
    """The version's prompt messages for a probe, rendered once per probe."""

    ROLES = ("system", "developer")

    def __init__(self, version: AgentVersion):
        self.version = version
        self._rendered: dict[str, list[dict[str, Any]]] = {}

    def messages(self, probe: Probe) -> list[dict[str, Any]]:
        rendered = self._rendered.get(probe.id)
        if rendered is None:
            rendered = [
                {
                    "role": role,
                    "content": self.version.templates.render(file, probe.variables, probe=probe.id),
                }
                for role, file in self.version.config.prompts.items()
                if role in self.ROLES
            ]
            self._rendered[probe.id] = rendered
        return rendered

    def system_prompt(self, probe: Probe) -> str:
        return "\n\n".join(str(m["content"]) for m in self.messages(probe) if m["role"] == "system")


def error_transcript(
    version: AgentVersion,
    probe: Probe,
    sample: int,
    messages: list[dict[str, Any]],
    error: str,
    *,
    input_count: int,
    **extra: Any,
) -> Transcript:
    return _transcript(
        version, probe, sample, messages, input_count=input_count, error=error, **extra
    )


def _transcript(
    version: AgentVersion,
    probe: Probe,
    sample: int,
    messages: list[dict[str, Any]],
    *,
    input_count: int,
    **extra: Any,
) -> Transcript:
    escalation = version.config.escalation
    return build_transcript(
        probe.id,
        sample,
        messages,
        escalation_tools=escalation.tools,
        escalation_phrases=escalation.phrases,
        input_count=input_count,
        **extra,
    )


# openai ----------------------------------------------------------------------------------------


def answer_tool_call(
    call: dict[str, Any], probe: Probe, known_tools: set[str], escalation_tools: set[str]
) -> tuple[str, str | None]:
    """The tool message content for one call, from the probe's fixtures, and the error if any.

    An unknown tool, a missing fixture or arguments that are not JSON are answered with an
    error the model can read, and recorded; the run goes on.
    """
    function = call.get("function") or {}
    name = str(function.get("name", ""))
    raw = function.get("arguments")
    error: str | None = None
    if isinstance(raw, str) and raw.strip():
        try:
            json.loads(raw)
        except json.JSONDecodeError as exc:
            error = f"arguments of {name} are not valid JSON ({exc.msg})"
        except RecursionError:
            error = f"arguments of {name} nest too deeply to read (past about a thousand levels)"
    if error is None and name not in known_tools:
        error = f"unknown tool '{name}'"
    if error is None and name not in probe.tool_fixtures:
        if name in escalation_tools:
            return json.dumps({"status": "handed_off"}), None
        error = f"no fixture for tool '{name}' in probe '{probe.id}'"
    if error is not None:
        return json.dumps({"error": error}), error
    fixture = probe.tool_fixtures[name]
    return (fixture if isinstance(fixture, str) else json.dumps(fixture, ensure_ascii=False)), None


def _chars(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    try:
        return len(json.dumps(value, ensure_ascii=False, default=str))
    except (RecursionError, ValueError):
        return 0


def reply_too_long(message: Mapping[str, Any], limit: int, *, tool_loop: bool = True) -> str | None:
    """What is wrong with a reply longer than `limit` characters (its text, its tool calls'
    arguments and any other field it has), naming its largest part; None when it fits.
    `tool_loop`: a model's reply in our tool loop; False: an assistant message a command
    agent returned."""
    parts: list[tuple[int, str]] = []
    for key, value in message.items():
        if key == "role":
            continue
        if key == "tool_calls" and isinstance(value, list):
            for call in value:
                function = call.get("function") if isinstance(call, dict) else None
                if isinstance(function, dict):
                    name = str(function.get("name") or "?")[:64]
                    what = f"the arguments of its tool call {name!r}"
                    parts.append((_chars(function.get("arguments")), what))
                else:
                    parts.append((_chars(call), "a tool call"))
        elif value is not None:
            parts.append((_chars(value), "its text" if key == "content" else f"its {key!r}"))
    total = sum(size for size, _ in parts)
    if total <= limit:
        return None
    largest, what = max(parts)
    held = f"{largest:,} characters in {what}"
    if largest < total:
        held += f" ({total:,} in the whole reply)"
    who = "the model's reply" if tool_loop else "the agent's reply"
    why = ""
    if tool_loop:
        why = " (the whole conversation is sent again at each step of the tool loop)"
    return (
        f"{who} holds {held}, over the limit of {limit:,} characters a reply may "
        f"have; the run was stopped there{why}. If replies this long are expected, raise "
        "`max_reply_chars` in agent.yaml"
    )


def command_reply_too_long(messages: list[Any], limit: int) -> str | None:
    """What is wrong with the first assistant message of a command agent's answer that is
    longer than `limit` characters, naming which reply it is; None when every one fits."""
    replies = 0
    for message in messages:
        if not isinstance(message, Mapping) or message.get("role") != "assistant":
            continue
        replies += 1
        too_long = reply_too_long(message, limit, tool_loop=False)
        if too_long is not None:
            return f"reply {replies}: {too_long}"
    return None


class OpenAIAdapter:
    """Chat completions with the version's model, parameters and tools, in a tool loop."""

    name: AdapterName = "openai"

    def __init__(
        self,
        version: AgentVersion,
        model: ChatModel,
        *,
        cache: CallStore | None = None,
        prices: PriceTable | None = None,
        history: Mapping[str, UsageHistory] | None = None,
    ):
        """`history`: per probe id, what its runs used before; estimates use it when given."""
        config = version.config
        if not config.model:
            raise VersionError(
                "the openai adapter needs `model` in agent.yaml", where=version.label
            )
        self.version = version
        self.model = model
        self.cache = cache
        self.prices = prices or PriceTable.with_overrides(None)
        self.history = history or {}
        self.model_name: str = config.model
        self.prompts = PromptRenderer(version)
        self.tools = [tool.model_dump(mode="json", exclude_none=True) for tool in config.tools]
        self.known_tools = set(config.tool_names())
        self.escalation_tools = set(config.escalation.tools)
        parameters: dict[str, Any] = {}
        for key in ("temperature", "top_p", "max_tokens"):
            value = getattr(config, key)
            if value is not None:
                parameters[key] = value
        parameters.update(config.parameters)
        self.parameters = parameters
        self.seed = config.seed
        self._first_requests: dict[tuple[str, int], ChatRequest] = {}
        self.identity = f"openai:{endpoint_of(model)}:{version.fingerprint()}"
        self.previous_identities: tuple[str, ...] = ()
        self.sources = {
            **version_sources(version),
            "endpoint": _digest(endpoint_of(model).encode()),
        }

    def _cache_key(self, request: ChatRequest) -> str:
        return (
            self.model.key(request)
            if isinstance(self.model, CachedModel)
            else request_hash(request)
        )

    def sample_parameters(self, sample: int) -> dict[str, Any]:
        """A configured `seed` becomes seed + sample: each sample is reproducible, and the
        samples still differ, so the noise between them can be measured."""
        if self.seed is None:
            return self.parameters
        return {**self.parameters, "seed": self.seed + sample}

    def first_request(self, probe: Probe, sample: int) -> ChatRequest:
        """The run's first request; the one built for the estimate is used again by `run`."""
        built = self._first_requests.pop((probe.id, sample), None)
        if built is not None:
            return built
        return ChatRequest(
            model=self.model_name,
            messages=[*self.prompts.messages(probe), *probe_messages(probe)],
            tools=self.tools,
            parameters=self.sample_parameters(sample),
            sample=sample,
        )

    def estimate(self, probe: Probe, sample: int) -> RunEstimate:
        request = self.first_request(probe, sample)
        self._first_requests[(probe.id, sample)] = request
        if self.cache is not None and self.cache.contains(self._cache_key(request)):
            return RunEstimate(cached=True)
        seen = self.history.get(probe.id)
        if seen is not None and seen.calls > 0:
            # a new prompt changes the tokens a little; how many calls the tool loop takes and
            # how long the replies are is best told by what this probe's runs did last time
            prompt_tokens = round(seen.prompt_tokens)
            completion_tokens = round(seen.completion_tokens)
            return RunEstimate(
                requests=max(1, round(seen.calls)),
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                cost=self.prices.cost(self.model_name, prompt_tokens, completion_tokens),
                model=self.model_name,
                from_history=True,
            )
        requests = 2 if self.tools and probe.tool_fixtures else 1
        completion = min(
            request.max_completion_tokens() or COMPLETION_TOKENS_GUESS, COMPLETION_TOKENS_GUESS
        )
        prompt_tokens = requests * request.estimated_prompt_tokens() + (requests - 1) * completion
        completion_tokens = requests * completion
        return RunEstimate(
            requests=requests,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost=self.prices.cost(self.model_name, prompt_tokens, completion_tokens),
            model=self.model_name,
        )

    async def run(self, probe: Probe, sample: int) -> Transcript:
        request = self.first_request(probe, sample)
        messages = list(request.messages)
        input_count = len(messages)
        prompt_tokens = completion_tokens = requests = cached = 0
        latency = 0.0
        finish_reason: str | None = None
        tool_errors: list[dict[str, str]] = []
        error: str | None = None
        for step in range(self.version.config.max_steps):
            step_request = (
                request
                if step == 0
                else ChatRequest(
                    model=self.model_name,
                    messages=list(messages),
                    tools=self.tools,
                    parameters=request.parameters,
                    sample=sample,
                )
            )
            try:
                result = await self.model.complete(step_request)
            except BudgetExceeded:
                raise
            except BehaviordiffError as exc:
                error = str(exc)
                break
            requests += 1
            cached += result.cached
            prompt_tokens += result.prompt_tokens
            completion_tokens += result.completion_tokens
            latency += result.latency_ms
            finish_reason = result.finish_reason
            too_long = reply_too_long(result.message, self.version.config.max_reply_chars)
            if too_long is not None:
                # left out of the conversation: kept, it would be stored with the run and
                # sent again at every later step
                error = f"probe '{probe.id}', step {step + 1}: {too_long}"
                finish_reason = "reply_too_long"
                break
            reply = dict(result.message)
            reply["role"] = "assistant"
            messages.append(reply)
            calls = reply.get("tool_calls") or []
            if not calls:
                break
            for index, call in enumerate(calls):
                call_id = str(call.get("id") or f"call_{len(messages)}_{index}")
                content, tool_error = answer_tool_call(
                    call, probe, self.known_tools, self.escalation_tools
                )
                if tool_error is not None:
                    tool_errors.append({"tool_call_id": call_id, "error": tool_error})
                messages.append({"role": "tool", "tool_call_id": call_id, "content": content})
        else:
            error = (
                f"the tool loop reached max_steps ({self.version.config.max_steps}) "
                "without a final reply"
            )
            finish_reason = "max_steps"
        return _transcript(
            self.version,
            probe,
            sample,
            messages,
            input_count=input_count,
            usage={
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "calls": requests,
            },
            latency_ms=round(latency, 3),
            finish_reason=finish_reason,
            error=error,
            metadata={
                "adapter": "openai",
                "model": self.model_name,
                "endpoint": endpoint_of(self.model),
                "requests": requests,
                "cached_requests": cached,
                "tool_errors": tool_errors,
            },
        )

    async def aclose(self) -> None:
        """The model is shared by both sides; whoever built it closes it."""


# command ---------------------------------------------------------------------------------------


class CommandOutput(BaseModel):
    """What a command agent prints on stdout."""

    model_config = ConfigDict(extra="allow")
    messages: list[dict[str, Any]]
    usage: dict[str, int] = {}
    finish_reason: str | None = None
    error: str | None = None


def _tail(data: bytes, limit: int = STDERR_TAIL) -> str:
    text = data.decode("utf-8", errors="replace").strip()
    return text if len(text) <= limit else "…" + text[-limit:]


def _agent_sources(path: Path, limit: int = 200) -> list[Path]:
    """The script named on the command line and what of its folder it reads, so editing a module
    the agent imports invalidates its cached runs and editing another version's script does not:
    for a Python script, the local modules it imports, followed through them; for any other,
    the files beside it with the same suffix (what it loads cannot be read out of it)."""
    if not path.is_file():
        return []
    if path.suffix == ".py":
        found = _python_sources(path, limit)
        if found is not None:
            return found
    return _sibling_sources(path, limit)


def _sibling_sources(path: Path, limit: int = 200) -> list[Path]:
    """The script and every file beside it with the same suffix."""
    if not path.is_file():
        return []
    siblings = sorted(path.parent.glob(f"*{path.suffix}")) if path.suffix else [path]
    return [source for source in siblings[:limit] if _hashable(source)]


def _hashable(source: Path) -> bool:
    return source.is_file() and source.stat().st_size < 5_000_000


def _python_sources(script: Path, limit: int) -> list[Path] | None:
    """The script and the modules it imports from its own folder (Python puts that folder first
    on the import path), then theirs: None when a file does not parse, so nothing is missed."""
    import ast

    root = script.parent
    found: dict[Path, None] = {}
    pending = [script]
    while pending and len(found) < limit:
        source = pending.pop(0)
        if source in found or not _hashable(source):
            continue
        found[source] = None
        try:
            tree = ast.parse(source.read_bytes(), filename=str(source))
        except (SyntaxError, ValueError):
            return None
        for node in ast.walk(tree):
            for dotted in _imported(node, source, root):
                pending.extend(_module_files(dotted))
    return list(found)


def _imported(node: object, source: Path, root: Path) -> list[list[Path]]:
    """For an import statement: per module it may load, the folders-then-name path pieces to
    try, as absolute (from `root`) or relative (from `source`'s package) imports."""
    import ast

    if isinstance(node, ast.Import):
        return [_dotted(root, alias.name) for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = root
    if node.level:
        base = source.parent
        for _ in range(node.level - 1):
            base = base.parent
    module = _dotted(base, node.module) if node.module else [base]
    # `from package import name`: name may be a submodule
    return [module, *([*module, Path(alias.name)] for alias in node.names)]


def _dotted(base: Path, name: str) -> list[Path]:
    return [base, *(Path(part) for part in name.split("."))]


def _module_files(pieces: list[Path]) -> list[Path]:
    """The files importing a dotted module under a folder runs: each package's __init__.py on
    the way, then the module's .py (or its package's __init__.py)."""
    files: list[Path] = []
    folder = pieces[0]
    for piece in pieces[1:]:
        candidate = folder / piece
        for file in (candidate.with_suffix(".py"), candidate / "__init__.py"):
            if file.is_file():
                files.append(file)
        folder = candidate
    return files


def _source_key(path: Path, version_dir: Path, root: Path) -> str:
    """A command's source file in `sources`: one of the version's own files as `file:NAME`
    (the same key the version's files have, whatever folder the version was materialized
    in: a git ref's copy under the workspace is never named), else by its path."""
    try:
        return f"file:{path.resolve().relative_to(version_dir.resolve()).as_posix()}"
    except ValueError:
        return f"source:{_shown_path(path, root)}"


def _shown_path(path: Path, root: Path) -> str:
    """The path as a user reads it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


SCRIPT_SUFFIXES = frozenset(
    {".py", ".js", ".mjs", ".cjs", ".ts", ".sh", ".bash", ".rb", ".pl", ".php", ".lua", ".jl"}
)
"""An argument with one of these suffixes names a script the command runs: it must exist."""
_CODE_FLAGS = frozenset({"-c", "-e", "-m", "-p", "--eval", "--print"})
"""Flags whose value is code or a module name, not a file."""


def command_values(version_dir: Path, project_root: Path) -> dict[str, str]:
    """What the placeholders of `command.argv` and `command.env` stand for."""
    return {
        "python": sys.executable,
        "version_dir": str(version_dir),
        "project_root": str(project_root),
    }


def check_command_files(version: AgentVersion, *, version_dir: Path, project_root: Path) -> None:
    """Fail before any run when `command.argv` names a program or script that is not there:
    the program (a path, or a name looked up on PATH) and every argument with a script's
    suffix, a relative one read from the version folder, where the command runs."""
    spec = version.config.command
    if spec is None:
        return
    values = command_values(version_dir, project_root)
    written = list(spec.argv)
    argv = [part.format(**values) for part in written]
    env_path = {**os.environ, **{k: v.format(**values) for k, v in spec.env.items()}}.get("PATH")
    where = (
        f"{version.folder / 'agent.yaml'} → command.argv"
        if version.folder is not None
        else f"{version.label}/agent.yaml → command.argv"
    )
    program = argv[0]
    if "/" in program or os.sep in program:
        _check_named_file(program, written[0], version_dir, project_root, where)
    elif shutil.which(program, path=env_path) is None:
        raise VersionError(
            f"command.argv starts with {program!r}, which is not a program on PATH",
            where=where,
            hint="install it, fix the name, or give its full path (`{python}` is the Python "
            "behaviordiff runs on)",
        )
    previous = ""
    for part, as_written in zip(argv[1:], written[1:], strict=True):
        code = previous in _CODE_FLAGS
        previous = part
        if code or part.startswith("-") or "://" in part or any(c.isspace() for c in part):
            continue
        if Path(part).suffix.lower() in SCRIPT_SUFFIXES:
            _check_named_file(part, as_written, version_dir, project_root, where)


def check_version_command(version: AgentVersion, project_root: Path) -> None:
    """`check_command_files` for a version read but not yet run (`probes check --agent`): a
    git ref's files are written to a temporary folder for it, as a run writes them."""
    if version.config.adapter != "command" or version.config.command is None:
        return
    if version.folder is not None:
        check_command_files(version, version_dir=version.folder, project_root=project_root)
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="behaviordiff-version-") as scratch:
        version_dir = version.materialize(Path(scratch))
        check_command_files(version, version_dir=version_dir, project_root=project_root)


def _check_named_file(
    part: str, as_written: str, version_dir: Path, project_root: Path, where: str
) -> None:
    named = Path(part)
    path = named if named.is_absolute() else version_dir / named
    if path.is_file():
        return
    shown = _shown_path(path, project_root) if named.is_absolute() else part
    folder = path.parent
    if named.is_absolute():
        shown_folder = _shown_path(folder, project_root).rstrip("/") + "/"
        if shown_folder == "./":
            shown_folder = "the project folder"
    else:
        shown_folder = "the version folder" if folder == version_dir else f"{folder.name}/"
    problem = "is a folder, not a file" if path.is_dir() else "does not exist"
    if folder.is_dir():
        names = sorted(entry.name for entry in folder.iterdir() if entry.is_file())
        # the files a typo most likely meant first: those with the script's suffix
        listed = sorted(names, key=lambda name: Path(name).suffix != path.suffix)[:8]
        more = f", … ({len(names)} files)" if len(names) > len(listed) else ""
        found = (
            f"files in {shown_folder}: {', '.join(listed)}{more}"
            if names
            else f"{shown_folder} holds no file"
        )
    else:
        found = f"{shown_folder} does not exist either"
    relative = (
        ""
        if named.is_absolute() or "{" in as_written
        else "; a relative path is read from the version folder, where the command runs"
    )
    raise VersionError(
        f"command.argv names {shown}"
        + (f" ({as_written!r})" if as_written != shown else "")
        + f", which {problem} ({found})",
        where=where,
        hint="fix the path in command.argv ({project_root} is the project folder, "
        "{version_dir} the version folder" + relative + ")",
    )


class CommandAdapter:
    """Runs an executable per probe and sample, or keeps it running and sends it one probe per
    line (`persistent: true`); at most `concurrency` runs at once (the scheduler's)."""

    name: AdapterName = "command"

    def __init__(
        self,
        version: AgentVersion,
        *,
        version_dir: Path,
        project_root: Path,
        cache: CallStore | None = None,
        use_cache: bool = True,
        meter: Meter | None = None,
        prices: PriceTable | None = None,
        timeout: float | None = None,
    ):
        spec = version.config.command
        if spec is None:
            raise VersionError(
                "the command adapter needs a `command:` section with `argv` in agent.yaml",
                where=version.label,
                hint='add `command: {argv: ["{python}", "agent.py"]}`, or choose another '
                "adapter with --adapter",
            )
        self.version = version
        self.prompts = PromptRenderer(version)
        self.cache = cache
        self.use_cache = use_cache
        self.meter = meter
        self.prices = prices or PriceTable.with_overrides(None)
        self.timeout = timeout or spec.timeout
        check_command_files(version, version_dir=version_dir, project_root=project_root)
        values = command_values(version_dir, project_root)
        self.argv = [part.format(**values) for part in spec.argv]
        self.persistent = spec.persistent
        self._idle: list[_Worker] = []
        self.env = {
            **os.environ,
            **{key: value.format(**values) for key, value in spec.env.items()},
        }
        self.cwd = version_dir
        self.version_dir = version_dir
        self.shown_dir = _shown_path(version_dir, project_root)
        # The identity holds what decides the answers wherever the project lies: argv and env
        # as written (placeholders such as {project_root} unexpanded), the command's source
        # files by name and content, and the version. Copying or moving the project keeps it.
        env_text = json.dumps(spec.env, sort_keys=True).encode()
        digest = hashlib.sha256(json.dumps(spec.argv).encode())
        digest.update(env_text)
        # the identities runs were once recorded under, still reused: every same-suffix file
        # beside the script hashed, with the argv as written and with it expanded
        by_siblings = hashlib.sha256(json.dumps(spec.argv).encode())
        by_siblings.update(env_text)
        expanded = hashlib.sha256(json.dumps(self.argv).encode())
        expanded.update(env_text)
        self.sources = {
            **version_sources(version),
            "argv": _digest(json.dumps(spec.argv).encode()),
            "env": _digest(env_text),
        }
        for part in self.argv[1:]:
            named = Path(part)
            # the command runs in the version folder: a relative script is found there
            named = named if named.is_absolute() else version_dir / named
            with contextlib.suppress(OSError, ValueError):
                for source in _agent_sources(named):
                    data = source.read_bytes()
                    digest.update(str(source.name).encode() + b"\0" + data)
                    self.sources[_source_key(source, version_dir, project_root)] = _digest(data)
                for source in _sibling_sources(named):
                    for each in (by_siblings, expanded):
                        each.update(str(source.name).encode() + b"\0" + source.read_bytes())
        for each in (digest, by_siblings, expanded):
            each.update(version.fingerprint().encode())
        self.identity = f"command:{digest.hexdigest()[:16]}"
        self.previous_identities = tuple(
            dict.fromkeys(
                identity
                for identity in (
                    f"command:{by_siblings.hexdigest()[:16]}",
                    f"command:{expanded.hexdigest()[:16]}",
                )
                if identity != self.identity
            )
        )

    def payload(self, probe: Probe, sample: int) -> dict[str, Any]:
        return {
            "probe": {
                "id": probe.id,
                "messages": probe_messages(probe),
                "variables": probe.variables,
                "tool_fixtures": probe.tool_fixtures,
                "tags": probe.tags,
            },
            "sample": sample,
            "version": {
                "name": self.version.name,
                "dir": str(self.version_dir),
                "system_prompt": self.prompts.system_prompt(probe),
                "config": self.version.config_data,
            },
        }

    @property
    def _metered(self) -> bool:
        command = self.version.config.command
        return command is None or command.metered

    def _key(self, payload: dict[str, Any]) -> str:
        """The cache key: the identity and the payload with the version folder as the project
        names it, so a copied or moved project finds its cached answers."""
        version = {**payload["version"], "dir": self.shown_dir}
        keyed = {**payload, "version": version}
        text = json.dumps([self.identity, keyed], sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def _guess(self, payload: dict[str, Any]) -> tuple[int, int]:
        """Prompt and completion tokens a metered command's run is expected to use."""
        prompt_tokens = estimate_tokens(payload["version"]["system_prompt"]) + estimate_tokens(
            payload["probe"]["messages"]
        )
        completion = min(
            self.version.config.max_tokens or COMPLETION_TOKENS_GUESS, COMPLETION_TOKENS_GUESS
        )
        return prompt_tokens, completion

    def _expected_cost(self, payload: dict[str, Any]) -> float:
        if self.meter is None or self.meter.max_cost is None:
            return 0.0
        cost = self.prices.cost(self.version.config.model, *self._guess(payload))
        return cost or 0.0

    def estimate(self, probe: Probe, sample: int) -> RunEstimate:
        payload = self.payload(probe, sample)
        if self.use_cache and self.cache is not None and self.cache.contains(self._key(payload)):
            return RunEstimate(cached=True)
        if not self._metered:
            return RunEstimate()  # spends nothing: no request, no token, no cost
        prompt_tokens, completion = self._guess(payload)
        return RunEstimate(
            requests=1,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion,
            cost=self.prices.cost(self.version.config.model, prompt_tokens, completion),
            model=self.version.config.model,
        )

    async def run(self, probe: Probe, sample: int) -> Transcript:
        payload = self.payload(probe, sample)
        system = payload["version"]["system_prompt"]
        prelude = [{"role": "system", "content": system}] if system else []
        inputs = [*prelude, *payload["probe"]["messages"]]
        key = self._key(payload)
        if self.use_cache and self.cache is not None:
            stored = self.cache.get(key)
            if stored is not None:
                return self._finish(probe, sample, inputs, stored, cached=True)
        meter = self.meter if self._metered else None
        # held against the budget while the command runs, as a model request is
        held = meter.reserve_cost(self._expected_cost(payload)) if meter is not None else 0.0
        started = time.perf_counter()
        request = json.dumps(payload, ensure_ascii=False).encode()
        try:
            outcome = await (self._ask(request) if self.persistent else self._spawn(request))
        except CommandFailed as failure:
            return error_transcript(
                self.version,
                probe,
                sample,
                inputs,
                failure.message,
                input_count=len(inputs),
                latency_ms=round((time.perf_counter() - started) * 1000, 3),
                metadata={"adapter": "command", "stderr": failure.stderr},
            )
        finally:
            if meter is not None:
                meter.settle(held)
        latency = (time.perf_counter() - started) * 1000
        too_long = command_reply_too_long(
            outcome.get("messages") or [], self.version.config.max_reply_chars
        )
        if too_long is not None:
            # neither stored with the run nor cached: a limit raised is another cache key
            outcome = {
                "messages": payload["probe"]["messages"],
                "usage": outcome.get("usage"),
                "finish_reason": "reply_too_long",
                "error": f"probe '{probe.id}', {too_long}",
                "stderr": outcome.get("stderr", ""),
            }
        stored = {**outcome, "latency_ms": round(latency, 3)}
        if meter is not None:
            usage = outcome.get("usage") or {}
            meter.record(
                self.version.config.model,
                int(usage.get("prompt_tokens", 0)),
                int(usage.get("completion_tokens", 0)),
            )
        if self.cache is not None and not outcome.get("error"):
            self.cache.put(key, "command", self.version.config.model, stored)
        return self._finish(probe, sample, inputs, stored, cached=False)

    def _finish(
        self,
        probe: Probe,
        sample: int,
        inputs: list[dict[str, Any]],
        stored: dict[str, Any],
        *,
        cached: bool,
    ) -> Transcript:
        output_messages = list(stored["messages"])
        # The command echoes the input without the system message; keep ours in front.
        messages = [*inputs[: len(inputs) - len(probe.messages)], *output_messages]
        usage = {
            key: int(value)
            for key, value in (stored.get("usage") or {}).items()
            if isinstance(value, int | float)
        }
        return _transcript(
            self.version,
            probe,
            sample,
            messages,
            input_count=len(inputs),
            usage=usage,
            latency_ms=stored.get("latency_ms"),
            finish_reason=stored.get("finish_reason"),
            error=stored.get("error"),
            metadata={"adapter": "command", "cached": cached, "stderr": stored.get("stderr", "")},
        )

    async def _start(self, limit: int = 1 << 16) -> asyncio.subprocess.Process:
        """The command started in the version folder with its environment, its stdin, stdout
        and stderr piped, reading lines up to `limit` bytes (asyncio's own default); a command
        that cannot start fails its run, naming it."""
        try:
            return await asyncio.create_subprocess_exec(
                *self.argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=self.env,
                cwd=self.cwd,
                limit=limit,
                # a group of its own: what it starts in the background ends with it
                start_new_session=True,
            )
        except OSError as exc:
            raise CommandFailed(
                f"cannot start {self.argv[0]}: {exc.strerror or exc}", b""
            ) from None

    async def _spawn(self, stdin: bytes) -> dict[str, Any]:
        """One run on a process of its own: the request on stdin, the answer on stdout."""
        process = await self._start()
        try:
            stdout, stderr, stopped = await asyncio.wait_for(
                _exchange(process, stdin, stop_after_answer=True), self.timeout
            )
        except TimeoutError:
            stderr = await _kill(process)
            raise CommandFailed(f"the command timed out after {self.timeout:g}s", stderr) from None
        except BaseException:
            await _kill(process)
            raise
        if process.returncode != 0 and not stopped:
            raise _exited(process.returncode, stderr)
        return _parsed(stdout, stderr)

    async def _ask(self, stdin: bytes) -> dict[str, Any]:
        """One run on a kept process (`persistent: true`): a line in, a line out."""
        loop = asyncio.get_running_loop()
        worker = None
        while self._idle and worker is None:
            candidate = self._idle.pop()
            if candidate.loop is loop and candidate.process.returncode is None:
                worker = candidate
            else:
                await candidate.stop()
        if worker is None:
            worker = await self._start_worker()
        try:
            line = await asyncio.wait_for(worker.exchange(stdin), self.timeout)
        except TimeoutError:
            stderr = await worker.stop()
            raise CommandFailed(f"the command timed out after {self.timeout:g}s", stderr) from None
        except BaseException:
            await worker.stop()
            raise
        if not line.strip():
            stderr = await worker.ended()
            code = worker.process.returncode
            if code is None or code == 0:
                raise CommandFailed(
                    "the command closed its stdout without answering (a persistent command "
                    "answers every line on stdin with one line on stdout)",
                    stderr,
                )
            raise _exited(code, stderr)
        try:
            data = _parsed(line, worker.take_stderr(), persistent=True)
        except CommandFailed:
            await worker.stop()  # what it prints next would be read as the next run's answer
            raise
        self._idle.append(worker)
        return data

    async def _start_worker(self) -> _Worker:
        """A kept process (`persistent: true`), reading answer lines up to `LINE_LIMIT`."""
        return _Worker(await self._start(limit=LINE_LIMIT))

    async def aclose(self) -> None:
        """Close the kept processes' stdin, so each ends as it does after its last line."""
        idle, self._idle = self._idle, []
        await asyncio.gather(*(worker.finish() for worker in idle))


LINE_LIMIT = 64 * 1024 * 1024
"""The longest answer line read from a persistent command: as long as a transcript line may
be anywhere (`loading.MAX_LINE_BYTES`); a line without end fails there, not at gigabytes."""


def _exited(code: int | None, stderr: bytes) -> CommandFailed:
    tail = _tail(stderr)
    return CommandFailed(
        f"the command exited with code {code}" + (f": {tail}" if tail else ""), stderr
    )


PERSISTENT_STDOUT = (
    "; a persistent command must write only JSON lines to stdout, one answer per request "
    "line, and log (a start-up banner such as this) to stderr: "
    "print(..., file=sys.stderr) in Python"
)
"""Why a persistent command's first line that is not JSON fails it: read as its answer."""


LOGS_TO_STDERR = (
    "stdout must hold the transcript JSON object alone: print start-up banners and logs to "
    "stderr (print(..., file=sys.stderr) in Python, console.error in Node)"
)


def _stray_text(stdout: bytes, tries: int = 20) -> str | None:
    """When stdout holds a transcript JSON object on a line of its own with other text before
    or after it (a banner, a log line): what is wrong, naming that text."""
    text = stdout.decode("utf-8", errors="replace")
    decoder = json.JSONDecoder()
    start = 0 if text.startswith("{") else text.find("\n{") + 1
    while start > 0 or text.startswith("{"):
        try:
            found, end = decoder.raw_decode(text, start)
        except (ValueError, RecursionError):
            found, end = None, start
        if isinstance(found, dict) and "messages" in found:
            before, after = text[:start].strip(), text[end:].strip()
            if not before and not after:
                return None
            parts = [
                f"text {where} the transcript JSON object ({_preview(stray)})"
                for where, stray in (("before", before), ("after", after))
                if stray
            ]
            return "the command's stdout has " + " and ".join(parts)
        tries -= 1
        following = text.find("\n{", max(end, start + 1))
        if tries <= 0 or following < 0:
            return None
        start = following + 1
    return None


def _preview(text: str, limit: int = 120) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _parsed(stdout: bytes, stderr: bytes, *, persistent: bool = False) -> dict[str, Any]:
    """The command's answer as stored, or the failure that names what was wrong with it."""
    try:
        output = CommandOutput.model_validate_json(stdout)
    except ValidationError as exc:
        stray = None if persistent else _stray_text(stdout)
        if stray is not None:
            tail = _tail(stderr)
            raise CommandFailed(
                f"{stray}; {LOGS_TO_STDERR}" + (f"; stderr: {tail}" if tail else ""), stderr
            ) from None
        first = exc.errors()[0]
        detail = first["msg"]
        if first.get("loc"):
            detail += " at " + ".".join(str(part) for part in first["loc"])
        preview = stdout.decode("utf-8", errors="replace").strip()[:200]
        tail = _tail(stderr)
        raise CommandFailed(
            f"the command's stdout is not a transcript JSON object ({detail}); "
            f"stdout began: {preview!r}"
            + (PERSISTENT_STDOUT if persistent and not preview.startswith("{") else "")
            + (f"; stderr: {tail}" if tail else "")
            + " (the shape: `behaviordiff schema command-output`)",
            stderr,
        ) from None
    data = output.model_dump(exclude_none=True)
    data["stderr"] = _tail(stderr)
    return data


class _Worker:
    """A kept command process: one request line at a time. What it writes on stderr is read
    as it comes (so a chatty agent never blocks on a full pipe), and the tail is kept."""

    def __init__(self, process: asyncio.subprocess.Process):
        self.process = process
        self.loop = asyncio.get_running_loop()
        self._stderr = bytearray()
        self._reader = asyncio.create_task(self._read_stderr())

    async def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        while chunk := await self.process.stderr.read(1 << 16):
            self._stderr += chunk
            if len(self._stderr) > 4 * STDERR_TAIL:
                del self._stderr[: -2 * STDERR_TAIL]

    def take_stderr(self) -> bytes:
        """What it wrote on stderr since the last call (as much as has arrived)."""
        taken = bytes(self._stderr)
        self._stderr.clear()
        return taken

    async def exchange(self, request: bytes) -> bytes:
        """Write one request line and read the answer line (empty when the process ended)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(request + b"\n")
            await self.process.stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            return b""
        try:
            return await self.process.stdout.readline()
        except ValueError:  # asyncio's reader past its limit (LimitOverrunError's message)
            raise CommandFailed(
                f"the command wrote more than {LINE_LIMIT // 1024 // 1024} MB on one line "
                "without ending it: not one transcript JSON object per line",
                self.take_stderr(),
            ) from None

    async def ended(self) -> bytes:
        """After its stdout closed: wait for its exit status (killing a process that already
        exited would reap it behind asyncio's back, and its exit code would read 255)."""
        return await self.finish()

    async def stop(self) -> bytes:
        """Kill it (if it still runs) and return the tail of its stderr."""
        if self.loop is not asyncio.get_running_loop():
            with contextlib.suppress(ProcessLookupError, RuntimeError):
                self.process.kill()
            _kill_group(self.process)
            return self.take_stderr()
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
        return await self.finish()

    async def finish(self) -> bytes:
        """End it as after its last request: stdin closed, then its exit awaited (killed if it
        does not exit within 5 s) and stdout and stderr read to their end, so that asyncio
        closes the process's pipes now rather than when the event loop is gone. Returns the
        tail of its stderr. Done to the end even when the run awaiting it is cancelled
        meanwhile (the scheduler stops a failing run so): the cancellation comes after."""
        if self.loop is not asyncio.get_running_loop():
            return await self.stop()
        return await _to_the_end(self._finish())

    async def _finish(self) -> bytes:
        assert self.process.stdin is not None and self.process.stdout is not None
        with contextlib.suppress(OSError, RuntimeError):
            self.process.stdin.close()
        # its exit status, polled: `wait()` also waits for its pipes, which a child it left
        # running in the background holds open
        deadline = time.monotonic() + 5
        while self.process.returncode is None and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
        _kill_group(self.process)  # what it left running would hold its pipes past the loop
        await self.process.wait()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.process.stdout.read(), 5)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._reader, 5)
        return self.take_stderr()


async def _to_the_end(cleanup: Coroutine[Any, Any, bytes]) -> bytes:
    """Await `cleanup` to its end even if the awaiting task is cancelled meanwhile, then let
    the cancellation through. A process left half let go keeps its pipes open past the event
    loop, and they complain 'Event loop is closed' when collected."""
    task = asyncio.ensure_future(cleanup)
    cancelled = False
    while True:
        try:
            result = await asyncio.shield(task)
        except asyncio.CancelledError:
            if task.done():  # the cleanup itself was cancelled (the loop is shutting down)
                raise
            cancelled = True
            continue
        if cancelled:
            raise asyncio.CancelledError
        return result


class CommandFailed(Exception):
    def __init__(self, message: str, stderr: bytes):
        super().__init__(message)
        self.message = message
        self.stderr = _tail(stderr)


async def _kill(process: asyncio.subprocess.Process) -> bytes:
    """Kill it (if it still runs) and read its pipes to the end (`_to_the_end`); the tail of
    its stderr."""
    return await _to_the_end(_killed(process))


def _kill_group(process: asyncio.subprocess.Process) -> None:
    """Kill what the command started and left running (it runs in a process group of its
    own): a child holding its stdout open kept a finished run waiting until the timeout, and
    outlived behaviordiff."""
    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        os.killpg(process.pid, signal.SIGKILL)


EXIT_GRACE = 1.0
"""Seconds a command's pipes may stay open after it exited (its last output on the way)
before what it left running is killed."""

ANSWER_GRACE = 2.0
"""Seconds a one-shot command may go on running after closing its stdout (its answer is
whole: nothing more can come) before it is stopped and its answer used."""


class _Exchanged(NamedTuple):
    stdout: bytes
    stderr: bytes
    stopped: bool
    """It closed its stdout and kept running, and was stopped (`ANSWER_GRACE`)."""


async def _killed(process: asyncio.subprocess.Process) -> bytes:
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
    _kill_group(process)
    stderr = b""
    with contextlib.suppress(Exception):
        # stdout read and dropped: a child the command started may still be writing to it
        stderr = (await asyncio.wait_for(_exchange(process, None, stdout_limit=0), 5)).stderr
    return stderr


STDOUT_LIMIT = 64 * 1024 * 1024
"""The most a command run may write on stdout: its answer is one transcript JSON object."""


async def _exchange(
    process: asyncio.subprocess.Process,
    stdin: bytes | None,
    *,
    stdout_limit: int | None = None,
    stop_after_answer: bool = False,
) -> _Exchanged:
    """`process.communicate(stdin)` within bounds: stdout up to `STDOUT_LIMIT` bytes (past it
    the run fails; `stdout_limit=0` reads and drops it all), stderr's tail kept as it comes.
    A command writing without end fails at the limit instead of filling memory until the
    timeout. One reader failing (or a timeout) stops the others. `stop_after_answer`: a
    command still running `ANSWER_GRACE` seconds after closing its stdout is stopped (its
    answer is whole), rather than waited for until the timeout."""
    limit = STDOUT_LIMIT if stdout_limit is None else stdout_limit

    async def feed() -> None:
        if process.stdin is None:
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if stdin:
                process.stdin.write(stdin)
                await process.stdin.drain()
        with contextlib.suppress(OSError, RuntimeError):
            process.stdin.close()

    async def out() -> bytes:
        assert process.stdout is not None
        chunks: list[bytes] = []
        size = 0
        while chunk := await process.stdout.read(1 << 16):
            if not limit:
                continue
            size += len(chunk)
            if size > limit:
                raise CommandFailed(
                    f"the command wrote more than {limit // 1024 // 1024} MB on stdout without "
                    "ending: not a transcript JSON object (one object, "
                    "`behaviordiff schema command-output`)",
                    b"",
                )
            chunks.append(chunk)
        return b"".join(chunks)

    async def err() -> bytes:
        assert process.stderr is not None
        kept = bytearray()
        while chunk := await process.stderr.read(1 << 16):
            kept += chunk
            if len(kept) > 4 * STDERR_TAIL:
                del kept[: -2 * STDERR_TAIL]
        return bytes(kept)

    async def after_exit() -> None:
        # exited, yet its pipes stay open: a child it started holds them; end the group.
        # (`process.wait()` itself waits for the pipes to close: the exit status is polled)
        while process.returncode is None:
            await asyncio.sleep(0.05)
        await asyncio.sleep(EXIT_GRACE)
        _kill_group(process)

    stopped = False

    async def after_answer() -> None:
        nonlocal stopped
        with contextlib.suppress(BaseException):
            await asyncio.wait({reading})
        if reading.cancelled() or reading.exception() is not None:
            return
        waited = 0.0
        while process.returncode is None and waited < ANSWER_GRACE:
            await asyncio.sleep(0.05)
            waited += 0.05
        if process.returncode is None:
            stopped = True
            _kill_group(process)

    reading, tail = asyncio.ensure_future(out()), asyncio.ensure_future(err())
    tasks = [asyncio.ensure_future(feed()), reading, tail]
    watchers = [asyncio.ensure_future(after_exit())]
    if stop_after_answer:
        watchers.append(asyncio.ensure_future(after_answer()))
    try:
        await asyncio.gather(*tasks)
        await process.wait()
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    finally:
        for watcher in watchers:
            watcher.cancel()
        await asyncio.gather(*watchers, return_exceptions=True)
    _kill_group(process)  # and anything it left running in the background
    return _Exchanged(reading.result(), tail.result(), stopped)


# replay ----------------------------------------------------------------------------------------


class ReplayAdapter:
    """Recorded transcripts (shadow-mode logs, historical runs): nothing is called."""

    name: AdapterName = "replay"

    def __init__(self, version: AgentVersion, *, version_dir: Path):
        spec = version.config.replay
        if spec is None:
            raise VersionError(
                "the replay adapter needs a `replay:` section with `path` in agent.yaml",
                where=version.label,
                hint="add `replay: {path: recordings.jsonl}`, or choose another adapter",
            )
        path = Path(spec.path).expanduser()
        self.path = path if path.is_absolute() else version_dir / path
        self.version = version
        escalation = version.config.escalation
        self.recorded: dict[tuple[str, int], Transcript] = {}
        for transcript in iter_replay(
            self.path, escalation_tools=escalation.tools, escalation_phrases=escalation.phrases
        ):
            self.recorded.setdefault((transcript.probe_id, transcript.sample), transcript)
        digest = hashlib.sha256(version.fingerprint().encode())
        self.sources = version_sources(version)
        with contextlib.suppress(OSError):
            files = sorted(self.path.rglob("*.jsonl")) if self.path.is_dir() else [self.path]
            for file in files:
                if not file.is_file():  # a pipe, read by iter_replay already, has no second read
                    continue
                # in chunks: a recording of gigabytes (it streams above) is hashed as it streams
                each = hashlib.sha256()
                with file.open("rb") as handle:
                    while chunk := handle.read(1 << 20):
                        digest.update(chunk)
                        each.update(chunk)
                self.sources[f"source:{file}"] = each.hexdigest()[:16]
        self.identity = f"replay:{digest.hexdigest()[:16]}"
        self.previous_identities: tuple[str, ...] = ()

    def estimate(self, probe: Probe, sample: int) -> RunEstimate:
        return RunEstimate(cached=True)

    async def run(self, probe: Probe, sample: int) -> Transcript:
        recorded = self.recorded.get((probe.id, sample))
        if recorded is None:
            have = sum(1 for probe_id, _ in self.recorded if probe_id == probe.id)
            return error_transcript(
                self.version,
                probe,
                sample,
                probe_messages(probe),
                f"no recorded run for probe '{probe.id}' sample {sample} in {self.path} "
                f"({have} recorded)",
                input_count=len(probe.messages),
                metadata={"adapter": "replay"},
            )
        return Transcript.from_dict(
            {**recorded.to_dict(), "metadata": {**recorded.metadata, "adapter": "replay"}}
        )

    async def aclose(self) -> None:
        return None
