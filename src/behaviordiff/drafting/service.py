"""Drafting a release: the stored analysis, the diff and the knowledge base in; notes and
suggested edits stored with the drafter's cost. `draft_release` is the entry point for the
CLI, the demo and `run`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from behaviordiff.detect.model import Analysis
from behaviordiff.drafting.casesaid import MAX_MESSAGES, said_case_words
from behaviordiff.drafting.changememo import reading_change
from behaviordiff.drafting.drafters import ChangeDraft, Drafter, LLMDrafter, TemplateOnly
from behaviordiff.drafting.facts import ChangeFacts, build_facts
from behaviordiff.drafting.grounding import Grounding, diff_text
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.kbindex import index_knowledge
from behaviordiff.drafting.model import DraftingError
from behaviordiff.drafting.overlap import defer_to_held, one_edit_per_item
from behaviordiff.drafting.versions import head_sections
from behaviordiff.kb import KnowledgeBase, load_project_kb
from behaviordiff.llm.model import ModelCallError
from behaviordiff.store.drafts import DraftRecord, DraftRow, DraftRun, DraftStore
from behaviordiff.store.runs import first_transcripts
from behaviordiff.store.workspace import Workspace, now_iso

DRAFT_CONCURRENCY = 4
"""Most drafting calls in flight at once (fewer when the run's concurrency is lower)."""

if TYPE_CHECKING:
    from behaviordiff.config import Project
    from behaviordiff.llm.model import ChatModel
    from behaviordiff.llm.stack import ModelStack

DrafterChoice = Literal["auto", "llm", "template"]


def llm_configured(project: Project) -> bool:
    """A key, an OpenAI-compatible base URL or an Azure endpoint is set: the LLM drafter can
    run."""
    from behaviordiff.llm.openai_client import credentials_configured

    return credentials_configured(project.config.drafting.base_url)


def choose_drafter(project: Project, requested: DrafterChoice | None = None) -> str:
    choice = requested or project.config.drafting.drafter
    if choice == "auto":
        return "llm" if llm_configured(project) else "template"
    return choice


LOOKED_AT = 3
"""The most knowledge-base items a draft names as read for a change but left unedited."""


MAX_DRAFT_ITEM_CHARS = 200_000
"""A macro or article body over this many characters is not read for drafting (every sentence
is weighed against every change: a 5 MB body would take hours); the draft names it for a
person. Helpdesk macros and articles are far shorter (a long article: 20,000)."""


@dataclass
class DraftOutcome:
    release_id: int
    drafter: str
    effective_date: str | None
    notes: list[DraftRecord]
    edits: list[DraftRecord]
    written: int
    kept: int
    """Drafts a writer had edited or approved, left as they were."""
    stats: dict[str, int]
    fallbacks: list[dict[str, str]] = field(default_factory=list)
    impacts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Per change: the ranked knowledge-base items, with their conflicting sentences."""
    too_big: list[dict[str, Any]] = field(default_factory=list)
    """Items whose body is over `MAX_DRAFT_ITEM_CHARS`: not read for drafting (item, title,
    chars, limit), for a person to check by hand."""
    carried: int = 0
    """New drafts that start from a writer's draft of the same change in an earlier release."""
    dropped: int = 0
    """A writer's drafts of the earlier release that no change of this one matches: left
    there, not carried (`Review.carry_lines` says which and why)."""
    removed: int = 0
    """Untouched drafts this pass no longer produces, removed."""
    stale: int = 0
    """A writer's drafts this pass no longer produces, kept and marked stale."""
    outdated: int = 0
    """A writer's drafts whose machine draft reads differently now: kept, flagged."""
    unapproved: int = 0
    """Approved (unedited) drafts whose machine draft changed: back to draft, to approve again."""
    effective_from: int | None = None
    """The earlier release whose effective date this one took, with the drafts it carries."""

    def unedited_near(self, change_id: str) -> list[dict[str, str]]:
        """The knowledge-base items ranked nearest a change (at least 60% of its best score)
        that got neither an edit nor a flagged sentence, nearest first, at most `LOOKED_AT`:
        `{"item", "kind", "title"}`. A miss then shows ("read these") instead of reading as
        "nothing to update"; the CLI and the review app both say it from here."""
        impacts = self.impacts.get(change_id) or []
        if not impacts:
            return []
        edited = {
            record.item_key
            for record in self.edits
            if record.change_id == change_id and not record.stale
        }
        best = max(float(impact.get("score") or 0) for impact in impacts)
        named: list[dict[str, str]] = []
        for impact in sorted(impacts, key=lambda impact: -float(impact.get("score") or 0)):
            key = str(impact.get("item") or "")
            score = float(impact.get("score") or 0)
            if best <= 0 or score < 0.6 * best or key in edited or impact.get("conflicts"):
                continue
            kind = "macro" if key.startswith("macro:") else "article"
            named.append({"item": key, "kind": kind, "title": str(impact.get("title") or key)})
            if len(named) == LOOKED_AT:
                break
        return named

    def to_dict(self) -> dict[str, Any]:
        return {
            "release_id": self.release_id,
            "drafter": self.drafter,
            "effective_date": self.effective_date,
            "written": self.written,
            "kept": self.kept,
            "carried": self.carried,
            "dropped": self.dropped,
            "removed": self.removed,
            "stale": self.stale,
            "outdated": self.outdated,
            "unapproved": self.unapproved,
            "effective_date_from": self.effective_from,
            "usage": self.stats,
            "fallbacks": self.fallbacks,
            "too_big": self.too_big,
            "notes": [record.to_dict() for record in self.notes],
            "edits": [record.to_dict() for record in self.edits],
            "impacts": self.impacts,
            "unedited_near": {
                change: near for change in self.impacts if (near := self.unedited_near(change))
            },
        }


def _llm_drafter(
    project: Project, workspace: Workspace, chat_model: ChatModel | None
) -> tuple[LLMDrafter, ModelStack]:
    from behaviordiff.drafting.drafters import MAX_ANSWER_CHARS
    from behaviordiff.llm.budget import Meter
    from behaviordiff.llm.prices import PriceTable
    from behaviordiff.llm.stack import StackLimits, build_model_stack
    from behaviordiff.store.runs import CallCache

    run_config = project.config.run
    client = chat_model
    if client is None:
        from behaviordiff.llm.openai_client import OFFLINE_DRAFT, OpenAIChatModel, build_client

        client = OpenAIChatModel(
            build_client(
                base_url=project.config.drafting.base_url,
                timeout=run_config.timeout,
                offline=OFFLINE_DRAFT,
            )
        )
    stack = build_model_stack(
        client,
        limits=StackLimits(
            max_retries=run_config.max_retries,
            requests_per_minute=run_config.requests_per_minute,
            tokens_per_minute=run_config.tokens_per_minute,
        ),
        meter=Meter(
            prices=PriceTable.with_overrides(run_config.prices),
            max_cost=run_config.max_cost,
            max_requests=run_config.max_requests,
        ),
        store=CallCache(workspace),
        owns_client=chat_model is None,
        max_cached_chars=MAX_ANSWER_CHARS,
    )
    drafting = project.config.drafting
    drafter = LLMDrafter(
        stack.model, drafting.model, cache=stack.model, read_near=drafting.read_near
    )
    return drafter, stack


def model_unavailable(
    error: ModelCallError,
    release_id: int,
    model_name: str,
    *,
    change: ChangeFacts | None = None,
    answered: tuple[int, int] | None = None,
) -> DraftingError:
    """A model call that failed after its retries, as the drafting pass's error: nothing is
    saved, so the drafts of an earlier pass stay as they were. `change`: the change whose call
    failed; `answered`: (changes whose answers all came, changes of the pass)."""
    cached = "the answers already received are cached"
    if answered is not None:
        done, total = answered
        cached = (
            f"the answers of {done} of {total} change{'' if total == 1 else 's'}, and any "
            "other answer already received, are cached"
        )
    hint = (
        f"nothing was changed; run again when it answers (`behaviordiff draft --release "
        f"{release_id}`: {cached}), or use --drafter template"
    )
    if error.hint:
        lead = error.hint.rstrip()
        lead += "" if lead.endswith((".", "?", "!")) else "."
        hint = f"{lead} {hint[:1].upper()}{hint[1:]}"
    which = f" (drafting change {change.id} “{change.title}”)" if change is not None else ""
    return DraftingError(
        f"a call to the drafting model {model_name} failed{which}: {error.message}",
        where=error.where or "the model endpoint",
        hint=hint,
    )


def _attributed_hunks(analysis: Analysis) -> dict[str, list[str]]:
    """Per change id, the diff hunks attribution links it to."""
    return {change.id: [item.hunk_id for item in change.attribution] for change in analysis.changes}


def _change_grounding(
    facts: ChangeFacts,
    diff: Mapping[str, Any] | None,
    attributed: Mapping[str, list[str]],
    effective: str | None,
) -> Grounding:
    # Only the hunks behind this change may be quoted: another change's numbers are not
    # evidence for this one.
    hunks = attributed.get(facts.id) or None
    return Grounding([facts.corpus(), diff_text(diff, hunks), effective or ""])


def grounding_by_change(
    workspace: Workspace, release_id: int, change_ids: Collection[str] | None = None
) -> dict[str, Grounding]:
    """What each change's drafts may state, by the change's stable key (a note's draft key):
    the same grounding the drafter checked against, for checking a writer's edits. Empty when
    the release has no stored analysis. `change_ids` limits it to those changes (the review
    app checks one change at a time)."""
    release = workspace.release(release_id)
    analysis = workspace.load_analysis(release_id)
    if analysis is None:
        return {}
    if change_ids is not None:
        wanted = set(change_ids)
        analysis.changes = [change for change in analysis.changes if change.id in wanted]
    diff = workspace.release_diff(release_id)
    attributed = _attributed_hunks(analysis)
    return {
        facts.stable_key: _change_grounding(facts, diff, attributed, release.effective_date)
        for facts in build_facts(analysis, diff)
    }


def _change_rows(facts: ChangeFacts, change: ChangeDraft, key: str | None = None) -> list[DraftRow]:
    """A change's note and edits as stored: the note keyed by the change's stable key (or
    `key`, the one its drafts have), each edit by `<note key>:<item key>`."""
    note, key = change.note, key or facts.stable_key
    rows = [DraftRow("note", key, note.change_id, None, note.origin, note.to_dict())]
    rows += [
        DraftRow(
            "edit",
            f"{key}:{edit.item_key}",
            edit.change_id,
            edit.item_key,
            edit.origin,
            edit.to_dict(),
        )
        for edit in change.edits
    ]
    return rows


def change_grounding(
    workspace: Workspace, release_id: int, change_id: str, analysis: Analysis | None = None
) -> Grounding | None:
    """What the drafts of change `change_id` (an id of the release's analysis, C1) may
    state, built from that change alone; None when the analysis has no such change.
    `analysis`: the release's, when the caller keeps it loaded (left as it is)."""
    release = workspace.release(release_id)
    stored = analysis if analysis is not None else workspace.load_analysis(release_id)
    if stored is None:
        return None
    only = [change for change in stored.changes if change.id == change_id]
    if not only:
        return None
    analysis = replace(stored, changes=only)
    diff = workspace.release_diff(release_id)
    [facts] = build_facts(analysis, diff)
    return _change_grounding(facts, diff, _attributed_hunks(analysis), release.effective_date)


def _user_text(messages: Sequence[Mapping[str, Any]]) -> str:
    return " ".join(
        str(m.get("content") or "")
        for m in messages
        if m.get("role") == "user" and isinstance(m.get("content"), str)
    )


def _with_case_words(
    workspace: Workspace, release_id: int, analysis: Analysis, all_facts: list[ChangeFacts]
) -> None:
    """Set each restricted change's `case_said` (`casesaid.said_case_words`): its probes' user
    messages against those of the unchanged probes with every topic tag its probes share, each
    read from the probe's first run on the old side, at most `casesaid.MAX_MESSAGES` a side."""
    verdicts = {probe.probe_id: probe for probe in analysis.probes}
    unchanged = [p for p in analysis.probes if p.verdict in ("unchanged", "wording-only")]
    wanted: dict[str, tuple[list[str], list[str]]] = {}
    for facts in all_facts:
        if not facts.restricted:
            continue
        changed = [pid for pid in facts.probe_ids if pid in verdicts][:MAX_MESSAGES]
        if not changed:
            continue
        tags = set.intersection(
            *({k for k in verdicts[pid].features if k.startswith("tag:")} for pid in changed)
        )
        others = [p.probe_id for p in unchanged if tags <= set(p.features)][:MAX_MESSAGES]
        wanted[facts.id] = (changed, others)
    if not wanted:
        return
    ids = [pid for changed, others in wanted.values() for pid in (*changed, *others)]
    runs = first_transcripts(workspace, release_id, ids)
    said = {
        pid: _user_text(transcript.messages)
        for (side, pid), transcript in runs.items()
        if side == "base"
    }
    for facts in all_facts:
        if facts.id in wanted:
            changed, others = wanted[facts.id]
            facts.case_said = said_case_words(
                [said[pid] for pid in changed if pid in said],
                [said[pid] for pid in others if pid in said],
            )


def draft_release(
    workspace: Workspace,
    release_id: int,
    project: Project,
    *,
    drafter: DrafterChoice | None = None,
    effective: str | None = None,
    analysis: Analysis | None = None,
    knowledge: KnowledgeBase | None = None,
    chat_model: ChatModel | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> DraftOutcome:
    """Draft a note per behavior change of the release and an edit per affected macro/article.

    `analysis` defaults to the one stored with the release; `effective` defaults to the
    release's effective date. Drafts a writer edited or approved are never overwritten.
    `chat_model` replaces the OpenAI client (tests, benches). `on_progress` hears (stage, done,
    total) as each change's drafts are done.
    """
    release = workspace.release(release_id)
    if analysis is None:
        analysis = workspace.load_analysis(release_id)
        if analysis is None:
            raise _no_analysis(workspace, release_id)
    diff = workspace.release_diff(release_id)
    knowledge = knowledge if knowledge is not None else load_project_kb(project)
    too_big = [item for item in knowledge.items if len(item.body) > MAX_DRAFT_ITEM_CHARS]
    if too_big:
        knowledge = KnowledgeBase(
            items=[item for item in knowledge.items if len(item.body) <= MAX_DRAFT_ITEM_CHARS],
            sources=knowledge.sources,
        )
    all_facts = build_facts(analysis, diff, head_sections(project, diff))
    _with_case_words(workspace, release_id, analysis, all_facts)

    def indexing(done: int, items: int) -> None:
        if on_progress is not None:
            on_progress(
                f"reading the knowledge base: {done:,} of {items:,} items", 0, len(all_facts)
            )

    # read and split once, for every change: not again per change
    index = index_knowledge(knowledge, on_item=indexing)
    effective_from: int | None = None
    if effective and effective != release.effective_date:
        workspace.set_effective_date(release_id, effective)
    elif not effective and not release.effective_date:
        # the drafts of the same changes carry a writer's work from an earlier release; the
        # date CS planned for carries with them, until set anew
        earlier = DraftStore(workspace).earlier_effective_date(
            release_id, [facts.stable_key for facts in all_facts]
        )
        if earlier is not None:
            effective_from, effective = earlier
            workspace.set_effective_date(release_id, effective)
    effective = effective or release.effective_date
    chosen = choose_drafter(project, drafter)
    stack: ModelStack | None = None
    active: Drafter = TemplateOnly()
    if chosen == "llm":
        active, stack = _llm_drafter(project, workspace, chat_model)
    attributed = _attributed_hunks(analysis)
    started = now_iso()
    impacts: dict[str, list[dict[str, Any]]] = {}

    # LLM calls of different changes overlap (bounded by the run's concurrency); the drafts
    # keep the changes' order whatever order they finish in.
    total = len(all_facts)
    finished = 0
    failed_in: dict[int, ChangeFacts] = {}

    async def draft_one(facts: ChangeFacts, gate: asyncio.Semaphore) -> ChangeDraft:
        nonlocal finished

        def reading(done: int, items: int) -> None:
            if on_progress is not None:
                on_progress(
                    f"checking the knowledge base against {facts.id}: {done:,} of {items:,} items",
                    finished,
                    total,
                )

        # what the finders read of the change alone: once, not again for every item
        with reading_change(facts):
            ranked = rank_items(facts, knowledge, on_item=reading, kb_index=index)
        impacts[facts.id] = [
            {
                "item": impact.item.key,
                "title": impact.item.title,
                "score": impact.score,
                "conflicts": [
                    {"sentence": c.sentence, "reasons": list(c.reasons)} for c in impact.conflicts
                ],
            }
            for impact in ranked
        ]
        grounding = _change_grounding(facts, diff, attributed, effective)
        async with gate:
            try:
                draft = await active.draft(facts, ranked, grounding, effective)
            except ModelCallError as error:
                # the first change to raise an error is the one whose call failed; the
                # others raise it again without sending theirs
                failed_in.setdefault(id(error), facts)
                raise
        finished += 1
        if on_progress is not None:
            on_progress("drafting notes and edits", finished, total)
        return draft

    async def run() -> list[ChangeDraft]:
        gate = asyncio.Semaphore(max(1, min(project.config.run.concurrency, DRAFT_CONCURRENCY)))
        if on_progress is not None:
            on_progress("drafting notes and edits", 0, total)
        try:
            # every call settles (and is cached) before the first error is raised: a failure
            # of one change never cancels the paid-for calls of the others
            results = await asyncio.gather(
                *(draft_one(facts, gate) for facts in all_facts), return_exceptions=True
            )
            for result in results:
                if isinstance(result, ModelCallError):
                    first = getattr(active, "failure", None) or result
                    raise model_unavailable(
                        first,
                        release_id,
                        project.config.drafting.model,
                        change=failed_in.get(id(first)),
                        answered=(finished, total),
                    ) from result
                if isinstance(result, BaseException):
                    raise result
            return [result for result in results if not isinstance(result, BaseException)]
        finally:
            if stack is not None:
                await stack.aclose()

    drafts = asyncio.run(run())
    one_edit_per_item(drafts)
    rows: list[DraftRow] = []
    fallbacks: list[dict[str, str]] = []
    for facts, change in zip(all_facts, drafts, strict=True):
        rows.extend(_change_rows(facts, change))
        fallbacks.extend(change.fallbacks)
    stats = active.stats.to_dict()
    run_record = DraftRun(
        release_id=release_id,
        drafter=chosen,
        started_at=started,
        finished_at=now_iso(),
        llm_calls=stats["llm_calls"],
        cached_calls=stats["cached_calls"],
        prompt_tokens=stats["prompt_tokens"],
        completion_tokens=stats["completion_tokens"],
        summary={
            "changes": len(all_facts),
            "edits": sum(len(change.edits) for change in drafts),
            "fallbacks": fallbacks,
            "origins": {
                row.change_id if row.kind == "note" else f"{row.change_id}:{row.item_key}": (
                    row.origin
                )
                for row in rows
            },
            "effective_date": effective,
        },
    )
    store = DraftStore(workspace)
    counts = store.save_generated(release_id, rows, run_record)
    return DraftOutcome(
        release_id=release_id,
        drafter=chosen,
        effective_date=effective,
        notes=store.drafts(release_id, "note"),
        edits=store.drafts(release_id, "edit"),
        written=counts["written"],
        kept=counts["kept"],
        carried=counts["carried"],
        dropped=counts["dropped"],
        removed=counts["removed"],
        stale=counts["stale"],
        outdated=counts["outdated"],
        unapproved=counts["unapproved"],
        effective_from=effective_from,
        stats=stats,
        fallbacks=fallbacks,
        impacts=impacts,
        too_big=[
            {
                "item": item.key,
                "title": item.title,
                "chars": len(item.body),
                "limit": MAX_DRAFT_ITEM_CHARS,
            }
            for item in too_big
        ],
    )


class RedraftCancelled(DraftingError):
    title = "Re-draft cancelled"


@dataclass
class ChangeRedraft:
    """One change drafted again (`redraft_change`)."""

    release_id: int
    note_key: str
    change_id: str
    drafter: str
    counts: dict[str, int]
    """replaced (drafts that now hold the new machine text), added, removed, stale."""
    stats: dict[str, int]
    fallbacks: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "release_id": self.release_id,
            "note_key": self.note_key,
            "change_id": self.change_id,
            "drafter": self.drafter,
            **self.counts,
            "usage": self.stats,
            "fallbacks": self.fallbacks,
        }


STOP_POLL = 0.05
"""Seconds between looks at `should_stop` while a change is being drafted."""


def redraft_change(
    workspace: Workspace,
    release_id: int,
    project: Project,
    note_key: str,
    *,
    drafter: DrafterChoice | None = None,
    expected: dict[str, int] | None = None,
    actor: str | None = None,
    chat_model: ChatModel | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> ChangeRedraft:
    """Draft one change again (its note, keyed `note_key`, and its suggested edits) with the
    configured drafter, and store the result over the change's drafts, a writer's text
    included: the state before is kept in each draft's history (`DraftStore.redraft`), so
    undoing the note's re-draft gives it all back.

    `should_stop` is asked every STOP_POLL seconds while the drafter works; True cancels the
    model call in flight and raises `RedraftCancelled`. A failed model call raises the
    drafting error. Either way nothing is stored (answers already received stay cached).
    `on_progress` hears (stage, done, total) before and after the drafting."""
    release = workspace.release(release_id)
    store = DraftStore(workspace)
    note = store.draft(release_id, "note", note_key)
    analysis = workspace.load_analysis(release_id)
    if analysis is None:
        raise _no_analysis(workspace, release_id)
    diff = workspace.release_diff(release_id)
    # the change alone: its drafts keep their key (told apart from another change's by the
    # whole release's facts, see `build_facts`, which a re-draft need not rebuild)
    analysis.changes = [change for change in analysis.changes if change.id == note.change_id]
    found = build_facts(analysis, diff, head_sections(project, diff)) if not note.stale else []
    if not found:
        raise DraftingError(
            f"change {note.change_id} is no longer in the analysis of release #{release_id}",
            where=workspace.path,
            hint="its drafts are stale: reset or reject them, or draft the release again "
            f"with `behaviordiff draft --release {release_id}`",
        )
    facts = found[0]
    _with_case_words(workspace, release_id, analysis, [facts])
    knowledge = load_project_kb(project)
    effective = release.effective_date
    chosen = choose_drafter(project, drafter)
    stack: ModelStack | None = None
    active: Drafter = TemplateOnly()
    if chosen == "llm":
        active, stack = _llm_drafter(project, workspace, chat_model)
    ranked = rank_items(facts, knowledge)
    grounding = _change_grounding(facts, diff, _attributed_hunks(analysis), effective)

    stage = f"drafting change {note.change_id} ({chosen})"

    async def run() -> ChangeDraft:
        if on_progress is not None:
            on_progress(stage, 0, 1)
        task = asyncio.ensure_future(active.draft(facts, ranked, grounding, effective))
        try:
            while not task.done():
                if should_stop is not None and should_stop():
                    task.cancel()
                    raise RedraftCancelled(
                        f"the re-draft of change {note.change_id} was cancelled; its drafts "
                        "are as they were",
                        hint="answers the model had already sent are cached",
                    )
                await asyncio.wait({task}, timeout=STOP_POLL)
            return task.result()
        except ModelCallError as error:
            first = getattr(active, "failure", None) or error
            raise model_unavailable(
                first, release_id, project.config.drafting.model, change=facts
            ) from error
        finally:
            if not task.done():
                task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            if stack is not None:
                await stack.aclose()

    change = asyncio.run(run())
    # one edit per item: an item whose edit another change of the release holds keeps it
    mine = f"{note_key}:"
    defer_to_held(
        change,
        {
            record.item_key: record.change_id
            for record in store.drafts(release_id, "edit")
            if record.item_key and not record.stale and not record.key.startswith(mine)
        },
    )
    if on_progress is not None:
        on_progress(stage, 1, 1)
    counts = store.redraft(
        release_id, note_key, _change_rows(facts, change, note_key), expected=expected, actor=actor
    )
    return ChangeRedraft(
        release_id=release_id,
        note_key=note_key,
        change_id=note.change_id,
        drafter=chosen,
        counts=counts,
        stats=active.stats.to_dict(),
        fallbacks=change.fallbacks,
    )


def _no_analysis(workspace: Workspace, release_id: int) -> DraftingError:
    """Why the release cannot be drafted: its run is still going (another process holds the
    run lock on the newest release), or it stopped before the analysis."""
    newest = workspace.newest_release()
    if newest is not None and newest.id == release_id and workspace.busy("run"):
        return DraftingError(
            f"release #{release_id} has no analysis yet: a behaviordiff run is working on it now",
            where=workspace.path,
            hint="draft it once that run has finished (the run drafts it itself unless "
            "--no-draft), or draft an earlier release with --release",
        )
    return DraftingError(
        f"release #{release_id} has no stored analysis to draft from",
        where=workspace.path,
        hint="its run stopped before the analysis (Ctrl-C, failed runs): run "
        "`behaviordiff run` again with the same versions to finish it, or draft an "
        "earlier release with --release",
    )
