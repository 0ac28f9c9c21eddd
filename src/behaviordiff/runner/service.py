"""`run`: both versions over the probe suite, stored as a release; resumes an unfinished one."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from behaviordiff.agent.version import AgentVersion
from behaviordiff.config import Project
from behaviordiff.diffing.pair import VersionPair
from behaviordiff.errors import BudgetExceeded, Interrupted, VersionError
from behaviordiff.interrupts import terminate_cancels
from behaviordiff.llm.budget import Meter, dollars
from behaviordiff.llm.cache import CallStore, endpoint_of
from behaviordiff.llm.model import ChatModel, ModelCallError
from behaviordiff.llm.prices import PriceTable
from behaviordiff.llm.stack import ModelStack, StackLimits, build_model_stack
from behaviordiff.probes import Probe, ProbeSuite
from behaviordiff.runner.adapters import (
    Adapter,
    AdapterName,
    CommandAdapter,
    OpenAIAdapter,
    ReplayAdapter,
    RunEstimate,
    UsageHistory,
)
from behaviordiff.runner.scheduler import EventHandler, Job, Progress, RunEvent, run_jobs
from behaviordiff.store.runs import (
    SIDES,
    CallCache,
    ProbeSideStats,
    RunStore,
    RunWriter,
    Side,
)
from behaviordiff.store.workspace import Workspace


@dataclass(frozen=True)
class RunOptions:
    samples: int | None = None
    """None: [run] samples from the config."""
    concurrency: int | None = None
    adapter: AdapterName | None = None
    """Overrides the adapter of both versions' agent.yaml."""
    use_cache: bool = True
    reuse_runs: bool = True
    """Copy runs identical to stored ones instead of running them (needs use_cache)."""
    dry_run: bool = False
    max_cost: float | None = None
    max_requests: int | None = None
    base_url: str | None = None
    retry_base_delay: float = 0.5
    flush_interval: float = 0.1
    finish_unanalysed: bool = False
    """Also resume the newest release when all its runs are stored but it was never analysed
    (stopped by Ctrl-C or a closed pipe between runs and analysis): the pipeline sets it."""


@dataclass(frozen=True)
class Estimate:
    runs: int
    cached_runs: int
    requests: int
    prompt_tokens: int
    completion_tokens: int
    cost: float | None
    """None when a model has no known price."""
    unpriced_models: tuple[str, ...] = ()
    from_history: int = 0
    """Runs estimated from what the same probe's runs used before (the rest are guesses)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "cached_runs": self.cached_runs,
            "requests": self.requests,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cost": None if self.cost is None else round(self.cost, 6),
            "unpriced_models": list(self.unpriced_models),
            "from_history": self.from_history,
        }


@dataclass
class SideSummary:
    ok: int = 0
    errors: int = 0
    not_run: int = 0
    """Samples planned and not stored, ok or failed: the run stopped before them."""
    escalated: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    """Tool name → how many of the runs called it."""
    first_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "errors": self.errors,
            "not_run": self.not_run,
            "escalated": self.escalated,
            "actions": dict(sorted(self.actions.items())),
            "first_error": self.first_error,
        }


@dataclass
class ProbeSummary:
    probe_id: str
    base: SideSummary = field(default_factory=SideSummary)
    head: SideSummary = field(default_factory=SideSummary)

    def to_dict(self) -> dict[str, Any]:
        return {"probe": self.probe_id, "base": self.base.to_dict(), "head": self.head.to_dict()}


@dataclass(frozen=True)
class NotReused:
    """Runs of one side that run again although an earlier release ran the same version
    (by name): a file that decides them changed since."""

    side: str
    runs: int
    release_id: int
    changed: tuple[str, ...]
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def describe(self) -> str:
        parts = [
            f"{what} {', '.join(names)}"
            for what, names in (
                ("changed:", self.changed),
                ("added:", self.added),
                ("removed:", self.removed),
            )
            if names
        ]
        return (
            f"{self.runs} {self.side} run(s) cannot reuse release #{self.release_id}'s, "
            f"because since then {'; '.join(parts)}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "runs": self.runs,
            "release": self.release_id,
            "changed": list(self.changed),
            "added": list(self.added),
            "removed": list(self.removed),
        }


def _shown_source(key: str, label: str) -> str:
    """A `sources` key as a user reads it: a file path, or what in agent.yaml changed."""
    kind, _, name = key.partition(":")
    if kind == "file":
        return f"{label.rstrip('/')}/{name}"
    if kind == "source":
        return name
    return {
        "agent.yaml": f"{label.rstrip('/')}/agent.yaml",
        "argv": "the command's argv",
        "env": "the command's env",
        "endpoint": "the model endpoint",
    }.get(key, key)


def _shown_sources(keys: list[str], label: str) -> tuple[str, ...]:
    """The keys as a user reads them, each name once: a command agent's script is hashed
    both as a file of the version and as the command's source."""
    return tuple(dict.fromkeys(_shown_source(key, label) for key in keys))


def explain_not_reused(
    workspace: Workspace, pair: VersionPair, sources: dict[Side, dict[str, str]], jobs: list[Job]
) -> list[NotReused]:
    """For each side with runs to do: the newest earlier release that ran a version of the same
    name, and the files that differ from it (none found: nothing to explain)."""
    counts = Counter(job.side for job in jobs)
    store = RunStore(workspace)
    explained: list[NotReused] = []
    for side in SIDES:
        if not counts[side]:
            continue
        label = getattr(pair, side).label
        current = sources[side]
        for release in workspace.releases():
            if (release.base_label if side == "base" else release.head_label) != label:
                continue
            plan = store.plan(release.id)
            before = ((plan.plan.get("sources") or {}) if plan else {}).get(side)
            if not isinstance(before, dict):
                continue
            changed = sorted(
                key for key in current.keys() & before.keys() if current[key] != before[key]
            )
            added, removed = (
                sorted(current.keys() - before.keys()),
                sorted(before.keys() - current.keys()),
            )
            if changed or added or removed:
                explained.append(
                    NotReused(
                        side,
                        counts[side],
                        release.id,
                        _shown_sources(changed, label),
                        _shown_sources(added, label),
                        _shown_sources(removed, label),
                    )
                )
            break
    return explained


@dataclass
class RunOutcome:
    release_id: int | None
    resumed: bool
    total: int
    already_done: int
    estimate: Estimate
    adapters: dict[str, str]
    samples: int
    dry_run: bool = False
    reused: int = 0
    """Runs copied from earlier releases because nothing that decides them changed."""
    unchanged: bool = False
    """Every run matched the newest release's, which is complete and analysed: that release
    is reported, no new one is made."""
    not_reused: list[NotReused] = field(default_factory=list)
    """Per side: the runs an earlier release of the same version could not give, and why."""
    progress: Progress | None = None
    stopped: str | None = None
    """Why the run stopped early (budget), if it did."""
    counts: dict[str, int] = field(default_factory=dict)
    """Stored runs of the release by status (ok, error)."""
    probes: list[ProbeSummary] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.counts.get("ok", 0) == self.total

    def to_dict(self) -> dict[str, Any]:
        progress = self.progress
        return {
            "release": self.release_id,
            "resumed": self.resumed,
            "dry_run": self.dry_run,
            "samples": self.samples,
            "adapters": self.adapters,
            "total_runs": self.total,
            "already_stored": self.already_done,
            "reused_runs": self.reused,
            "unchanged": self.unchanged,
            "not_reused": [item.to_dict() for item in self.not_reused],
            "estimate": self.estimate.to_dict(),
            "ran": progress.done if progress else 0,
            "errors": progress.errors if progress else 0,
            "cached_runs": progress.cached if progress else 0,
            "requests": progress.requests if progress else 0,
            "retries": progress.retries if progress else 0,
            "cost": round(progress.cost, 6) if progress else 0.0,
            "seconds": round(progress.elapsed, 3) if progress else 0.0,
            "stored": self.counts,
            "complete": self.complete,
            "stopped": self.stopped,
            "probes": [probe.to_dict() for probe in self.probes],
        }


def _probe_digest(probe: Probe) -> str:
    text = json.dumps(probe.to_payload(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def plan_key(pair: VersionPair, jobs: Iterable[Job]) -> str:
    """Equal when both versions, the probes, the samples and the adapters are equal."""
    digest = hashlib.sha256()
    digest.update(pair.base.fingerprint().encode() + pair.head.fingerprint().encode())
    for job in jobs:
        digest.update((job.run_key or "").encode())
    return digest.hexdigest()[:24]


def plan_jobs(
    suite: ProbeSuite, samples: int, identities: dict[Side, str] | None = None
) -> list[Job]:
    """Probe by probe, so each probe's evidence completes early. A job's run key hashes what
    decides its outcome: the adapter's identity (version, command), the probe and the sample."""
    jobs = []
    for probe in suite:
        probe_digest = _probe_digest(probe)
        for sample in range(samples):
            for side in SIDES:
                identity = identities[side] if identities is not None else ""
                jobs.append(Job(side, probe, sample, _run_key(identity, probe_digest, sample)))
    return jobs


def _run_key(identity: str, probe_digest: str, sample: int) -> str:
    return hashlib.sha256(f"{identity}|{probe_digest}|{sample}".encode()).hexdigest()


def reusable_runs(
    runs: RunStore, jobs: list[Job], previous_identities: dict[Side, tuple[str, ...]]
) -> dict[str, int]:
    """Run key → id of a stored run that answers it: one stored under the key, or else one
    stored under a key an adapter's previous identity gives the same job (runs recorded before
    identities left out absolute paths, or hashed every same-suffix file beside the script)."""
    found = runs.reusable(job.run_key for job in jobs if job.run_key)
    by_previous_key: dict[str, str] = {}
    digests: dict[str, str] = {}
    for job in jobs:
        if job.run_key is None or job.run_key in found:
            continue
        for identity in previous_identities.get(job.side, ()):
            if job.probe.id not in digests:
                digests[job.probe.id] = _probe_digest(job.probe)
            by_previous_key[_run_key(identity, digests[job.probe.id], job.sample)] = job.run_key
    for previous_key, run_id in runs.reusable(by_previous_key).items():
        found.setdefault(by_previous_key[previous_key], run_id)
    return found


class RunSession:
    """Builds the adapters of both sides, sharing one model client, cache and meter."""

    def __init__(
        self,
        project: Project,
        pair: VersionPair,
        workspace: Workspace,
        options: RunOptions,
        *,
        chat_model: ChatModel | None = None,
        on_event: EventHandler | None = None,
    ):
        run_config = project.config.run
        self.project = project
        self.pair = pair
        self.workspace = workspace
        self.options = options
        self.on_event = on_event
        self.prices = PriceTable.with_overrides(run_config.prices)
        self.meter = Meter(
            prices=self.prices,
            max_cost=options.max_cost if options.max_cost is not None else run_config.max_cost,
            max_requests=(
                options.max_requests
                if options.max_requests is not None
                else run_config.max_requests
            ),
        )
        self.cache = CallCache(workspace, buffered=True)
        self.retries = 0
        self.progress: Progress | None = None
        self._chat_model = chat_model
        self._stack: ModelStack | None = None
        self._scratch: list[Any] = []
        """Temporary folders of versions materialized outside a read-only workspace; removed
        with the session."""
        self.adapters: dict[Side, Adapter] = {
            "base": self._adapter(pair.base, "base"),
            "head": self._adapter(pair.head, "head"),
        }

    def adapter_name(self, version: AgentVersion) -> AdapterName:
        return self.options.adapter or version.config.adapter

    def _version_dir(self, version: AgentVersion) -> Path:
        if version.folder is not None:
            return version.folder
        target = self.workspace.folder / "versions" / version.fingerprint()
        if self.workspace.read_only and not version.materialized_in(target):
            # a dry run of a read-only workspace: the version's files go to a folder of this
            # process's own (names and contents decide the runs' identity, not the folder)
            import tempfile

            scratch = tempfile.TemporaryDirectory(prefix="behaviordiff-version-")
            self._scratch.append(scratch)
            target = Path(scratch.name)
        return version.materialize(target)

    def _model(self) -> ChatModel:
        """The model stack (cache → budget → rate limit and retries → the model), built once
        for both sides."""
        if self._stack is None:
            run_config = self.project.config.run
            client = self._chat_model
            if client is None:
                from behaviordiff.llm.openai_client import OpenAIChatModel

                client = OpenAIChatModel(
                    base_url=self.options.base_url or run_config.base_url,
                    timeout=run_config.timeout,
                    check_credentials=not self.options.dry_run,
                )
            self._stack = build_model_stack(
                client,
                limits=StackLimits(
                    max_retries=run_config.max_retries,
                    requests_per_minute=run_config.requests_per_minute,
                    tokens_per_minute=run_config.tokens_per_minute,
                    retry_base_delay=self.options.retry_base_delay,
                ),
                meter=self.meter,
                store=self.cache,
                owns_client=self._chat_model is None,
                use_cache=self.options.use_cache,
                on_retry=self._on_retry,
            )
        return self._stack.model

    @property
    def attempts(self) -> int:
        """Requests sent to the model, failed attempts included (what the server saw)."""
        return self._stack.retrying.attempts if self._stack is not None else 0

    def _on_retry(self, error: ModelCallError, attempt: int, delay: float) -> None:
        self.retries += 1
        if self.on_event is not None and self.progress is not None:
            self.progress.retries = self.retries
            self.on_event(
                RunEvent(
                    "retry",
                    self.progress,
                    message=f"{error.message}; retry {attempt} in {delay:.1f}s",
                )
            )

    def _adapter(self, version: AgentVersion, side: Side) -> Adapter:
        name = self.adapter_name(version)
        cache_reads: CallStore | None = self.cache if self.options.use_cache else None
        if name == "openai":
            if not version.config.model:
                raise VersionError(
                    "the openai adapter needs `model` in agent.yaml",
                    where=f"{version.label} ({side})",
                    hint="set `model:`, or choose another adapter with --adapter",
                )
            model = self._model()
            used = RunStore(self.workspace).usage_history(
                side, model=version.config.model, endpoint=endpoint_of(model)
            )
            history = {probe_id: UsageHistory(*usage) for probe_id, usage in used.items()}
            return OpenAIAdapter(
                version, model, cache=cache_reads, prices=self.prices, history=history
            )
        if name == "command":
            return CommandAdapter(
                version,
                version_dir=self._version_dir(version),
                project_root=self.project.root,
                cache=self.cache,
                use_cache=self.options.use_cache,
                meter=self.meter,
                prices=self.prices,
            )
        return ReplayAdapter(version, version_dir=self._version_dir(version))

    async def aclose(self) -> None:
        seen: set[int] = set()
        for adapter in self.adapters.values():
            if id(adapter) not in seen:
                seen.add(id(adapter))
                await adapter.aclose()
        if self._stack is not None:
            await self._stack.aclose()


def estimate_jobs(session: RunSession, jobs: list[Job]) -> Estimate:
    estimates: list[RunEstimate] = [
        session.adapters[job.side].estimate(job.probe, job.sample) for job in jobs
    ]
    unpriced = sorted(
        {str(e.model or "(no model)") for e in estimates if e.cost is None and e.requests}
    )
    cost: float | None = sum(e.cost or 0.0 for e in estimates)
    if unpriced:
        cost = None
    return Estimate(
        runs=len(jobs),
        cached_runs=sum(1 for e in estimates if e.cached),
        requests=sum(e.requests for e in estimates),
        prompt_tokens=sum(e.prompt_tokens for e in estimates),
        completion_tokens=sum(e.completion_tokens for e in estimates),
        cost=cost,
        unpriced_models=tuple(unpriced),
        from_history=sum(1 for e in estimates if e.from_history),
    )


def check_budget(estimate: Estimate, meter: Meter) -> None:
    """Refuse to start when the estimate is over a limit."""
    if meter.max_requests is not None and estimate.requests > meter.max_requests:
        raise BudgetExceeded(
            f"the run needs about {estimate.requests} requests, over --max-requests "
            f"{meter.max_requests}",
            hint="raise --max-requests, lower --samples, or run fewer probes (--suite); "
            "--dry-run shows the estimate",
        )
    if meter.max_cost is not None and estimate.requests:
        if estimate.cost is None:
            raise BudgetExceeded(
                "cannot check --max-cost: no price known for "
                + ", ".join(estimate.unpriced_models),
                hint='add the model to [run.prices] in behaviordiff.toml, e.g. "my-model" = '
                "[0.5, 1.5] (USD per million input, output tokens)",
            )
        if estimate.cost > meter.max_cost:
            raise BudgetExceeded(
                f"the {estimate.runs - estimate.cached_runs} run(s) to do are estimated at "
                f"${estimate.cost:.4f}, over --max-cost ${dollars(meter.max_cost)}",
                hint="raise --max-cost, lower --samples, or run fewer probes; "
                "--dry-run shows the estimate",
            )


def summarize(
    suite: ProbeSuite, stats: Iterable[ProbeSideStats], samples: int
) -> list[ProbeSummary]:
    """Per probe and side: runs ok, failed, and not run (of `samples` planned)."""
    summaries = {
        probe.id: ProbeSummary(probe.id, SideSummary(not_run=samples), SideSummary(not_run=samples))
        for probe in suite
    }
    for entry in stats:
        summary = summaries.get(entry.probe_id)
        if summary is None:
            continue
        part = summary.base if entry.side == "base" else summary.head
        part.ok, part.errors, part.escalated = entry.ok, entry.errors, entry.escalated
        part.first_error = entry.first_error
        part.not_run = max(samples - entry.ok - entry.errors, 0)
        part.actions.update(entry.actions)
    return list(summaries.values())


def _closed_loop_notices(record: logging.LogRecord) -> bool:
    return "that handles pid" not in record.getMessage()


def _unchanged(
    session: RunSession,
    workspace: Workspace,
    release_id: int,
    jobs: list[Job],
    samples: int,
    suite: ProbeSuite,
    options: RunOptions,
) -> RunOutcome:
    """The outcome of a rerun that matches the newest release run for run: that release."""
    runs = RunStore(workspace)
    asyncio.run(session.aclose())
    outcome = RunOutcome(
        release_id=release_id,
        resumed=False,
        total=len(jobs),
        already_done=len(jobs),
        estimate=replace(estimate_jobs(session, []), cached_runs=len(jobs)),
        adapters={side: session.adapter_name(getattr(session.pair, side)) for side in SIDES},
        samples=samples,
        dry_run=options.dry_run,
        unchanged=True,
    )
    outcome.counts = runs.counts(release_id)
    outcome.probes = summarize(suite, runs.probe_stats(release_id), samples)
    if not options.dry_run:
        workspace.log("run.unchanged", release_id=release_id, detail={"runs": len(jobs)})
    return outcome


def release_name(workspace: Workspace, pair: VersionPair) -> str:
    """`base → head` by the versions' short labels. A folder's label names no content: when an
    earlier release compared the same labels with other contents (a working tree edited
    between runs), each folder side whose content differs is marked with its fingerprint
    (`agent@3f2a1c9`, as a git ref carries its commit), so `releases` and the changelog can
    tell them apart; a rerun of the same contents keeps the name it had."""
    sides = {"base": pair.base, "head": pair.head}
    prints = {side: version.fingerprint() for side, version in sides.items()}
    plain = f"{pair.base.short_label} → {pair.head.short_label}"
    differs: set[str] = set()
    for release in workspace.releases():
        named = {"base": release.base_label, "head": release.head_label}
        stored = release.settings.get("versions") if isinstance(release.settings, dict) else None
        if not isinstance(stored, dict):
            continue
        earlier = {
            side: (stored.get(side) or {}).get("fingerprint")
            if isinstance(stored.get(side), dict)
            else None
            for side in sides
        }
        same_labels = all(named[side] == sides[side].label for side in sides)
        if same_labels and earlier == prints:
            return release.name  # the same contents: the same name
        # a folder named the same on either side of another release ("agent" as the head of
        # "HEAD → agent" and of "HEAD~1 → agent") with other contents
        differs |= {
            side
            for side in sides
            for other in sides
            if named[other] == sides[side].label
            and earlier[other]
            and earlier[other] != prints[side]
        }
    labels = [
        f"{version.short_label}@{prints[side][:7]}"
        if side in differs and version.git_ref is None
        else version.short_label
        for side, version in sides.items()
    ]
    return " → ".join(labels) if differs else plain


def _holding_release(
    workspace: Workspace, runs: RunStore, pair: VersionPair, key: str, options: RunOptions
) -> int | None:
    """An earlier release (not the newest: that one is checked first) that already holds these
    versions under these names, every planned run stored without error and analysed: a rerun
    after other runs reports it rather than copying it into a new release."""
    for release, plan in runs.planned_with_key(key):
        if (release.base_label, release.head_label) != (pair.base.label, pair.head.label):
            continue
        if len(runs.finished_keys(release.id)) < plan.total:
            continue
        if not workspace.has_analysis(release.id):
            continue
        return release.id
    return None


def _interrupted_release(
    workspace: Workspace, runs: RunStore, pair: VersionPair, key: str, options: RunOptions
) -> tuple[int, set[tuple[str, str, int]]] | None:
    """An earlier release (not the newest: that one is checked first) planned with these
    versions under these names, probes, samples and adapters that a Ctrl-C or an early stop
    left with runs missing: "run the same command again" resumes it, though another run
    (other samples, another version) was made since. None when the newest such release is
    complete: a rerun reports that one instead."""
    for release, plan in runs.planned_with_key(key):
        if (release.base_label, release.head_label) != (pair.base.label, pair.head.label):
            continue
        finished = runs.finished_keys(release.id)
        unanalysed = options.finish_unanalysed and not workspace.has_analysis(release.id)
        if len(finished) < plan.total or unanalysed:
            return release.id, finished
        return None
    return None


def run_release(
    project: Project,
    pair: VersionPair,
    suite: ProbeSuite,
    workspace: Workspace,
    options: RunOptions | None = None,
    *,
    chat_model: ChatModel | None = None,
    on_event: EventHandler | None = None,
) -> RunOutcome:
    """Run both versions over the suite and store every run in a release.

    The newest release is resumed when it has the same versions, probes, samples and adapters
    and is not complete (runs missing; or never analysed, with `finish_unanalysed`); else a
    new release is made. Runs identical to ones stored before (same run key) are copied
    rather than run; the model calls of the rest still come from the call cache.
    Ctrl-C raises `Interrupted` after every finished run is stored.
    """
    if options is not None and options.dry_run:
        return _run_release(project, pair, suite, workspace, options, chat_model, on_event)
    with workspace.exclusive("run"):
        return _run_release(project, pair, suite, workspace, options, chat_model, on_event)


def _run_release(
    project: Project,
    pair: VersionPair,
    suite: ProbeSuite,
    workspace: Workspace,
    options: RunOptions | None,
    chat_model: ChatModel | None,
    on_event: EventHandler | None,
) -> RunOutcome:
    options = options or RunOptions()
    run_config = project.config.run
    samples = options.samples or run_config.samples
    concurrency = options.concurrency or run_config.concurrency
    session = RunSession(
        project, pair, workspace, options, chat_model=chat_model, on_event=on_event
    )
    identities = {side: adapter.identity for side, adapter in session.adapters.items()}
    jobs = plan_jobs(suite, samples, identities)
    key = plan_key(pair, jobs)
    runs = RunStore(workspace)

    resume_id: int | None = None
    finished: set[tuple[str, str, int]] = set()
    latest = runs.latest_planned()
    if latest is not None:
        release, plan = latest
        if plan.plan_key == key:
            finished = runs.finished_keys(release.id)
            # every run stored but stopped before its analysis (Ctrl-C, a closed pipe): the
            # release is finished off, not made again
            unanalysed = options.finish_unanalysed and not workspace.has_analysis(release.id)
            if len(finished) < plan.total or unanalysed:
                resume_id = release.id
            elif (
                options.use_cache
                and options.reuse_runs
                and (release.base_label, release.head_label) == (pair.base.label, pair.head.label)
            ):
                # the same versions under the same names, probes, samples and adapters, all
                # stored and analysed: a new release would copy every run and change nothing
                return _unchanged(session, workspace, release.id, jobs, samples, suite, options)
            else:
                finished = set()
    if resume_id is None and (latest is None or latest[1].plan_key != key):
        interrupted = _interrupted_release(workspace, runs, pair, key, options)
        if interrupted is not None:
            resume_id, finished = interrupted
    if resume_id is None and options.use_cache and options.reuse_runs:
        held = _holding_release(workspace, runs, pair, key, options)
        if held is not None:
            return _unchanged(session, workspace, held, jobs, samples, suite, options)
    remaining = [job for job in jobs if job.key not in finished]
    reusable = (
        reusable_runs(
            runs,
            remaining,
            {side: adapter.previous_identities for side, adapter in session.adapters.items()},
        )
        if options.use_cache and options.reuse_runs
        else {}
    )
    reused = [job for job in remaining if job.run_key in reusable]
    to_run = [job for job in remaining if job.run_key not in reusable]
    estimate = estimate_jobs(session, to_run)
    estimate = replace(estimate, cached_runs=estimate.cached_runs + len(reused))
    adapters: dict[str, str] = {side: session.adapter_name(getattr(pair, side)) for side in SIDES}
    outcome = RunOutcome(
        release_id=resume_id,
        resumed=resume_id is not None,
        total=len(jobs),
        already_done=len(jobs) - len(remaining),
        estimate=estimate,
        adapters=dict(adapters),
        samples=samples,
        dry_run=options.dry_run,
        reused=len(reused),
        not_reused=explain_not_reused(
            workspace,
            pair,
            {side: adapter.sources for side, adapter in session.adapters.items()},
            to_run,
        ),
    )
    if options.dry_run:
        asyncio.run(session.aclose())
        return outcome
    check_budget(estimate, session.meter)

    if resume_id is None:
        # a rerun of the same comparison keeps the effective date set on the last one
        earlier = next(
            (
                r
                for r in workspace.releases()
                if r.base_label == pair.base.label
                and r.head_label == pair.head.label
                and r.effective_date
            ),
            None,
        )
        release = workspace.create_release(
            effective_date=earlier.effective_date if earlier else None,
            name=release_name(workspace, pair),
            base_label=pair.base.label,
            head_label=pair.head.label,
            base_fingerprint=pair.base.fingerprint(),
            head_fingerprint=pair.head.fingerprint(),
            diff=pair.diff.to_dict(),
            settings={
                "run": {
                    "samples": samples,
                    "adapters": adapters,
                    "suite": suite.name,
                    "probes": len(suite),
                },
                "versions": {"base": pair.base.provenance(), "head": pair.head.provenance()},
            },
        )
        resume_id = release.id
        runs.save_plan(
            release.id,
            key,
            len(jobs),
            {
                "samples": samples,
                "adapters": adapters,
                "identities": identities,
                "sources": {side: adapter.sources for side, adapter in session.adapters.items()},
                "probe_ids": [probe.id for probe in suite],
            },
        )
        outcome.release_id = release.id
    runs.copy_runs(
        resume_id,
        (
            (job.side, job.probe.id, job.sample, reusable[job.run_key], job.run_key)
            for job in reused
            if job.run_key is not None
        ),
    )
    workspace.log(
        "run.start",
        release_id=resume_id,
        detail={"resumed": outcome.resumed, "reused": len(reused), "to_run": len(to_run)},
    )
    if outcome.resumed:
        start_message = (
            f"Resuming release #{resume_id}: {outcome.already_done} of {len(jobs)} runs "
            "already stored"
        )
    else:
        start_message = f"Release #{resume_id}: {len(jobs)} runs"
    if reused:
        start_message += f"; {len(reused)} identical runs reused from earlier releases"
    for item in outcome.not_reused:
        start_message += f"\n{item.describe()}"
    progress = Progress(total=len(jobs), already_done=outcome.already_done + len(reused))
    session.progress = progress
    writer = RunWriter(workspace, resume_id, session.cache)

    async def main() -> None:
        try:
            result = await run_jobs(
                to_run,
                session.adapters,
                writer,
                concurrency=concurrency,
                progress=progress,
                meter=session.meter,
                on_event=on_event,
                flush_interval=options.flush_interval,
                start_message=start_message,
            )
            if result.stopped is not None:
                outcome.stopped = str(result.stopped)
        finally:
            await session.aclose()

    try:
        asyncio.run(terminate_cancels(main()))
    except KeyboardInterrupt:
        # Children killed by the same Ctrl-C exit after the loop closed; asyncio's watcher
        # logs one line per child about it, which tells the user nothing.
        logging.getLogger("asyncio").addFilter(_closed_loop_notices)
        writer.flush()
        session.cache.flush()
        stored = runs.counts(resume_id)
        if not outcome.resumed and not stored:
            # stopped before its first run was stored: a release with nothing in it would
            # only stand in the list beside the one the rerun makes
            workspace.delete_releases(
                [workspace.release(resume_id)], "interrupted before any run was stored"
            )
            raise Interrupted(
                "stopped before any run was stored, so no release was kept",
                hint="run the same command again to start it",
            ) from None
        raise Interrupted(
            f"stopped; {stored.get('ok', 0)} of {len(jobs)} runs of release #{resume_id} "
            "are stored",
            hint="run the same command again to resume where it stopped",
        ) from None
    finally:
        progress.finished = time.monotonic()
        progress.requests = max(session.meter.requests, session.attempts)
        progress.cost = session.meter.cost
        progress.retries = session.retries
    outcome.progress = progress
    outcome.counts = runs.counts(resume_id)
    workspace.log(
        "run.finish",
        release_id=resume_id,
        detail={
            "ran": progress.done,
            "errors": progress.errors,
            "requests": progress.requests,
            "cost": round(progress.cost, 6),
            "stopped": outcome.stopped,
        },
    )
    outcome.probes = summarize(suite, runs.probe_stats(resume_id), samples)
    return outcome
