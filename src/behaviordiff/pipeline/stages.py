"""The pipeline's stages: suites, analysis settings, checks, and `run_pipeline`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from behaviordiff.agent.version import AgentVersion
from behaviordiff.config import CONFIG_FILENAME as CONFIG
from behaviordiff.config import Project
from behaviordiff.diffing.pair import VersionPair
from behaviordiff.errors import BehaviordiffError, ProbeError
from behaviordiff.probes import ProbeSuite, load_suites

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from behaviordiff.detect.model import Analysis
    from behaviordiff.detect.settings import DetectSettings
    from behaviordiff.drafting.service import DrafterChoice, DraftOutcome
    from behaviordiff.runner import RunOptions, RunOutcome
    from behaviordiff.runner.scheduler import EventHandler
    from behaviordiff.store import Workspace
    from behaviordiff.transcripts import Transcript


def load_project_suites(
    project: Project,
    paths: Iterable[Path] = (),
    on_reading: Callable[[Sequence[Path], int], None] | None = None,
) -> ProbeSuite:
    """The suites given on the command line, else those named by the config. `on_reading`
    hears the files and their bytes before they are read (a large suite takes seconds)."""
    chosen = [Path(p) for p in paths] or project.probe_suites()
    if not chosen:
        raise ProbeError(
            "no probe suite given and none configured",
            where=project.source or project.root,
            hint='pass a suite path, or add suites = ["probes/*.yaml"] under '
            f"{project.table('probes')} in {project.source.name if project.source else CONFIG}",
        )
    if on_reading is not None:
        on_reading(chosen, sum(path.stat().st_size for path in chosen if path.is_file()))
    return load_suites(chosen)


def detect_settings(
    project: Project,
    versions: Sequence[AgentVersion] = (),
    *,
    escalation_tools: Sequence[str] = (),
    escalation_phrases: Sequence[str] = (),
    similarity: str | None = None,
    alpha: float | None = None,
) -> DetectSettings:
    """The analysis settings: the command line wins over `[detect]` in the config, which adds
    to what the versions' agent.yaml say (escalation markers)."""
    from behaviordiff.detect.facts import DEFAULT_POLICY_TERMS
    from behaviordiff.detect.inputs import escalation_markers
    from behaviordiff.detect.settings import DetectSettings, ToolArguments

    section = project.config.detect
    markers = escalation_markers(escalation_tools, escalation_phrases, versions)
    if not (escalation_tools or escalation_phrases):
        markers = type(markers)(
            tuple(dict.fromkeys([*markers.tools, *section.escalation_tools])),
            tuple(dict.fromkeys([*markers.phrases, *section.escalation_phrases])),
        )
    return DetectSettings(
        alpha=alpha if alpha is not None else section.alpha,
        false_discovery_rate=section.false_discovery_rate,
        similarity=similarity or section.similarity,
        escalation_tools=markers.tools,
        escalation_phrases=markers.phrases,
        ignore_tools=tuple(section.ignore_tools),
        policy_terms=tuple(dict.fromkeys([*DEFAULT_POLICY_TERMS, *section.policy_terms])),
        tool_arguments={
            name: ToolArguments(
                keep=tuple(rule.keep) if rule.keep is not None else None,
                ignore=tuple(rule.ignore),
            )
            for name, rule in section.tools.items()
        },
    )


def embed_function(
    project: Project, settings: DetectSettings, store: Workspace | None = None
) -> Callable[[Sequence[str]], list[list[float]]] | None:
    """The embeddings backend's `embed(texts)` when the settings choose it, cached in the
    workspace when one is given; None for the other backends."""
    if settings.similarity != "embeddings":
        return None
    from behaviordiff.errors import CredentialsError
    from behaviordiff.llm.embeddings import make_embed_function
    from behaviordiff.store.runs import CallCache

    section = project.config.detect
    try:
        return make_embed_function(
            model=section.embeddings_model,
            base_url=section.base_url,
            store=CallCache(store) if store is not None else None,
        )
    except CredentialsError as error:
        raise CredentialsError(
            f"the meaning backend is `embeddings`, which needs a model endpoint: {error.message}",
            where=project.source or project.root,
            hint=f"set OPENAI_API_KEY or OPENAI_BASE_URL (or base_url under "
            f'{project.table("detect")}), or use similarity = "builtin" there (offline)',
        ) from None


def tool_name_warnings(
    project: Project,
    versions: Sequence[AgentVersion],
    suite: ProbeSuite | None = None,
    seen: Mapping[str, set[str]] | None = None,
) -> list[str]:
    """Tool and argument names in the config's [detect] and in the probes that nothing
    defines: most often a typo that would silently switch a rule off.

    Known tools are the versions' (with their schemas' arguments) and, for recorded
    transcripts, `seen`: tool → the argument names its calls had. Nothing known (a command
    agent that declares no tools, no transcripts): nothing is checked."""
    arguments: dict[str, set[str]] = {}
    defined: set[str] = set()
    for version in versions:
        for tool in version.config.tools:
            defined.add(tool.function.name)
            properties = tool.function.parameters.get("properties") or {}
            arguments.setdefault(tool.function.name, set()).update(
                properties if isinstance(properties, dict) else ()
            )
    for name, names in (seen or {}).items():
        arguments.setdefault(name, set()).update(names)
    if not arguments:
        return []
    labels = " or ".join(version.label for version in versions)
    missing = f"a tool {labels} does not have" if labels else "a tool no transcript calls"
    tools = ", ".join(sorted(arguments))
    warnings: list[str] = []

    def unknown(name: str, where: str) -> bool:
        if name in arguments:
            return False
        warnings.append(f"{where} names '{name}', {missing} ({tools})")
        return True

    section = project.config.detect
    for name, rule in section.tools.items():
        table = f"{project.table('detect.tools')[:-1]}.{name}]"
        if unknown(name, table):
            continue
        if not arguments[name]:
            continue  # a schema without properties says nothing about argument names
        for key in ("keep", "ignore"):
            for argument in getattr(rule, key) or []:
                if argument not in arguments[name]:
                    known = ", ".join(sorted(arguments[name]))
                    lacks = (
                        f"an argument {name} does not have (its arguments: {known})"
                        if name in defined
                        else f"an argument no recorded call of {name} has (seen: {known})"
                    )
                    warnings.append(f"{table} {key} names '{argument}', {lacks}")
    for key in ("ignore_tools", "escalation_tools"):
        for name in getattr(section, key):
            unknown(name, f"{project.table('detect')} {key}")
    for version in versions:
        for name in version.config.escalation.tools:
            unknown(name, f"{version.label}/agent.yaml escalation.tools")
    if suite is not None:
        # one line per unknown name, not per probe: a suite shared by versions may well
        # hold fixtures for a tool only the other version has
        probes: dict[tuple[str, str], list[str]] = {}
        for probe in suite:
            named = [(name, "tool_fixtures") for name in probe.tool_fixtures]
            if probe.expect and probe.expect.actions:
                named += [
                    (name.split("(", 1)[0], "expect.actions") for name in probe.expect.actions
                ]
            for name, key in named:
                if name not in arguments:
                    probes.setdefault((name, key), []).append(probe.id)
        for (name, key), ids in probes.items():
            shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
            unknown(name, f"{key} of {len(ids)} probe(s) ({shown})")
    return list(dict.fromkeys(warnings))


def superseded_reviews(store: Workspace, pair: VersionPair, release_id: int | None) -> list[str]:
    """Earlier releases whose *head* is this run's *base* and that hold a writer's work: if
    that head never shipped, their approved notes describe a behavior that has moved on."""
    for release in store.releases_with_head(pair.base.fingerprint(), exclude=release_id):
        work = store.writer_work(release.id)
        if work:
            # the newest such review is the one that matters
            drafts = "draft" if work == 1 else "drafts"
            return [
                f"release #{release.id} ({release.name}) has {work} edited or approved "
                f"{drafts} describing {pair.base.label}, which this run now compares with "
                f"{pair.head.label}: if {pair.base.label} never shipped, run from "
                f"{release.base_label} (where release #{release.id} started) instead, so "
                "those notes are checked against the new behavior"
            ]
    return []


def undeclared_tool_warnings(
    analysis: Analysis, base: AgentVersion | None, head: AgentVersion | None
) -> list[str]:
    """Tools the agent called that its version's agent.yaml does not declare: the analysis
    counts those calls like any other, but the tool schema (and often the agent) is wrong."""
    warnings: list[str] = []
    for side, version in (("old", base), ("new", head)):
        if version is None or not version.config.tools:
            continue
        declared = {tool.function.name for tool in version.config.tools}
        for name, calls in (analysis.tools_called.get(side) or {}).items():
            if name not in declared:
                warnings.append(
                    f"{version.label} called '{name}' ({calls} call(s)), a tool its agent.yaml "
                    f"does not declare (declared: {', '.join(sorted(declared))}): add it under "
                    "`tools` with its JSON schema, or fix the agent that calls it"
                )
    return warnings


FAR_AHEAD_DAYS = 366
"""An effective date further ahead than this is warned about as a likely year typo."""


def effective_warnings(effective: str | None, today: date | None = None) -> list[str]:
    """What is odd about an effective date given at draft time (`--effective`), said before
    it goes into every note and the changelog as "Effective (100% of customers)": a date in
    the past (a year typo, 2025 for 2026, is otherwise seen only at the `full` gate), or one
    more than a year ahead."""
    if effective is None:
        return []
    planned = date.fromisoformat(effective)
    days = (planned - (today or date.today())).days
    if days < 0:
        ago = -days
        return [
            f"--effective {effective} is {ago} day{'s' if ago != 1 else ''} ago: the notes and "
            "the changelog say the change reached 100% of customers then, and the `full` gate "
            "reports the date as passed; if that is a typo, draft again with the planned date "
            "(`behaviordiff draft --effective YYYY-MM-DD`)"
        ]
    if days > FAR_AHEAD_DAYS:
        return [
            f"--effective {effective} is {days} days ahead (over a year): if that is a typo, "
            "draft again with the planned date (`behaviordiff draft --effective YYYY-MM-DD`)"
        ]
    return []


def run_warnings(
    project: Project,
    pair: VersionPair,
    suite: ProbeSuite,
    options: RunOptions,
) -> list[str]:
    """What to warn about before a run starts: names in the config and probes that nothing
    defines, and a dry run of the openai adapter without credentials."""
    warnings = tool_name_warnings(project, [pair.base, pair.head], suite)
    chosen = {options.adapter or version.config.adapter for version in (pair.base, pair.head)}
    if options.dry_run and "openai" in chosen:
        from behaviordiff.llm.openai_client import credentials_configured

        if not credentials_configured(options.base_url or project.config.run.base_url):
            warnings.append(
                "no OPENAI_API_KEY, OPENAI_BASE_URL or AZURE_OPENAI_ENDPOINT is set: this "
                "estimate stands, but the real run would stop at once"
            )
    return warnings


def superseded_warnings(
    project: Project, workspace: Path | None, pair: VersionPair, release_id: int | None
) -> list[str]:
    """`superseded_reviews` in the project's workspace, after a run."""
    from behaviordiff.pipeline.project import open_workspace

    with open_workspace(project, workspace) as store:
        return superseded_reviews(store, pair, release_id)


def seen_tools(*transcript_sets: Iterable[Transcript]) -> dict[str, set[str]]:
    """Tool → the argument names its calls had, over recorded transcripts."""
    seen: dict[str, set[str]] = {}
    for transcripts in transcript_sets:
        for transcript in transcripts:
            for call in transcript.tool_calls:
                names = seen.setdefault(call.name, set())
                if isinstance(call.arguments, dict):
                    names.update(call.arguments)
    return seen


def check_templates(suite: ProbeSuite, versions: Iterable[AgentVersion]) -> int:
    """Render every version's prompts with every probe's variables. Missing variables are
    reported for every probe that lacks them, grouped by what is missing, with a count; any
    other template error raises at once.

    Returns the number of renders done.
    """
    from behaviordiff.errors import TemplateError

    renders = 0
    for version in versions:
        for file in version.config.prompts.values():
            lacking: dict[tuple[str, ...], list[str]] = {}
            first: TemplateError | None = None
            for probe in suite:
                try:
                    version.templates.render(file, probe.variables, probe=probe.id)
                except TemplateError as error:
                    missing = version.templates.variables(file) - set(probe.variables)
                    if not missing:
                        raise
                    first = first or error
                    lacking.setdefault(tuple(sorted(missing)), []).append(probe.id)
                    continue
                renders += 1
            if first is None:
                continue
            failing = sum(len(ids) for ids in lacking.values())
            if failing == 1:
                raise first
            groups = "; ".join(
                f"{', '.join(repr(name) for name in names)} for {len(ids)} "
                f"({', '.join(ids[:8])}{f' and {len(ids) - 8} more' if len(ids) > 8 else ''})"
                for names, ids in lacking.items()
            )
            raise TemplateError(
                f"variables used by the template are not defined for {failing} of "
                f"{len(suite)} probes: {groups}",
                where=first.where,
                hint=first.hint,
            )
    return renders


@dataclass
class PipelineResult:
    """What one `run` produced: the runs, the behavior analysis, the drafts."""

    outcome: RunOutcome
    analysis: Analysis | None = None
    drafts: DraftOutcome | None = None
    draft_error: BehaviordiffError | None = None
    """Drafting failed (the drafting model's endpoint did not answer): runs and analysis are
    stored, the release is not drafted yet."""
    warnings: list[str] = field(default_factory=list)
    """Found while analysing: calls to tools a version does not declare."""

    def to_dict(self) -> dict[str, Any]:
        data = self.outcome.to_dict()
        if self.analysis is not None:
            data["analysis"] = self.analysis.to_dict()
        if self.drafts is not None:
            data["drafts"] = self.drafts.to_dict()
        if self.draft_error is not None:
            data["draft_error"] = self.draft_error.to_dict()
        return data


def run_pipeline(
    project: Project,
    pair: VersionPair,
    suite: ProbeSuite,
    store: Workspace,
    options: RunOptions,
    *,
    draft: bool = True,
    drafter: DrafterChoice | None = None,
    effective: str | None = None,
    on_event: EventHandler | None = None,
    on_stage: Callable[[str, int, int], None] | None = None,
) -> PipelineResult:
    """Run both versions, analyse what changed, draft notes and edits; each stage is stored
    before the next starts, so a failure later never costs the work done earlier.

    `on_event` hears the runner's events; `on_stage` hears (stage, done, total) afterwards."""
    from dataclasses import replace

    from behaviordiff.drafting import draft_release
    from behaviordiff.pipeline.analysis import analyze_release
    from behaviordiff.runner import run_release
    from behaviordiff.store.runs import load_release_transcripts
    from behaviordiff.transcripts import (
        empty_reply_warnings,
        non_text_reply_warnings,
        too_deep_argument_warnings,
    )

    # the analysis's settings (and the embeddings endpoint's credentials), and the knowledge
    # base the drafts are made from, are checked before any run is paid for
    settings = detect_settings(project, [pair.base, pair.head])
    if draft:
        from behaviordiff.kb import check_project_kb_paths

        check_project_kb_paths(project)
    embed = None if options.dry_run else embed_function(project, settings, store)
    outcome = run_release(
        project, pair, suite, store, replace(options, finish_unanalysed=True), on_event=on_event
    )
    result = PipelineResult(outcome)
    if options.dry_run or outcome.release_id is None or not outcome.counts.get("ok"):
        return result
    if outcome.stopped:
        # stopped by the budget or by failing runs: the runs not done are not failures, so an
        # analysis (and notes drafted from it) would report on part of the suite; the next
        # `run` resumes the release and analyses it whole
        return result
    runs = load_release_transcripts(store, outcome.release_id, include_errors=True)
    result.analysis = analyze_release(
        store,
        outcome.release_id,
        pair,
        suite,
        settings=settings,
        embed=embed,
        on_progress=on_stage,
        runs=runs,
    )
    sides = {pair.base.label: runs["base"], pair.head.label: runs["head"]}
    result.warnings = [
        *non_text_reply_warnings(sides),
        *empty_reply_warnings(sides),
        *too_deep_argument_warnings(sides),
        *undeclared_tool_warnings(result.analysis, pair.base, pair.head),
    ]
    if draft:
        from behaviordiff.drafting import DraftingError
        from behaviordiff.interrupts import interrupt_at_once

        try:
            with interrupt_at_once():
                result.drafts = draft_release(
                    store,
                    outcome.release_id,
                    project,
                    drafter=drafter,
                    effective=effective,
                    analysis=result.analysis,
                    on_progress=on_stage,
                )
        except DraftingError as error:
            # the runs and the analysis are stored and shown; `draft` finishes the release
            result.draft_error = error
    return result
