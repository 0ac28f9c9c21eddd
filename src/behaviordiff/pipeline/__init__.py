"""The core API: every operation a front end (the CLI, the TUI, the demo, the tests) needs.

Front ends parse and render; this package opens projects and workspaces, chooses releases,
runs, compares, drafts, reviews (`pipeline.review`) and exports, and returns warnings instead
of printing them.
It imports no Typer, Rich or Textual, and nothing of `behaviordiff.cli` or `behaviordiff.tui`.
"""

from typing import TYPE_CHECKING, Any

from behaviordiff.config import Project
from behaviordiff.detect.model import Analysis, BehaviorChange
from behaviordiff.diffing.model import Hunk, VersionDiff
from behaviordiff.diffing.pair import VersionPair, load_pair
from behaviordiff.diffing.versions import sentence_changes
from behaviordiff.diffing.words import Piece, word_diff
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.kb.model import find_placeholders
from behaviordiff.pipeline.analysis import analyze_release
from behaviordiff.pipeline.checks import check_knowledge_base, check_probe_suites
from behaviordiff.pipeline.compare import (
    CompareInputs,
    CompareResult,
    compare_transcripts,
    read_compare_inputs,
)
from behaviordiff.pipeline.export import (
    ExportError,
    SideExport,
    incomplete_warnings,
    plan_export,
    replay_lines,
)
from behaviordiff.pipeline.project import open_project, open_workspace, workspace_stored
from behaviordiff.pipeline.releases import (
    ReleaseChoice,
    ReleasesOverview,
    current_draft,
    release_or_latest,
    release_to_draft,
    release_to_review,
    releases_overview,
)
from behaviordiff.pipeline.stages import (
    PipelineResult,
    check_templates,
    detect_settings,
    effective_warnings,
    embed_function,
    load_project_suites,
    run_pipeline,
    run_warnings,
    seen_tools,
    superseded_reviews,
    superseded_warnings,
    tool_name_warnings,
    undeclared_tool_warnings,
)
from behaviordiff.runner.scheduler import RunEvent
from behaviordiff.runner.service import RunOptions, RunOutcome
from behaviordiff.store.drafts import STATUSES as DRAFT_STATUSES
from behaviordiff.store.drafts import DraftConflict, DraftRecord
from behaviordiff.store.workspace import Release, Workspace

if TYPE_CHECKING:
    from behaviordiff.drafting.service import (
        DrafterChoice,
        DraftOutcome,
        draft_release,
        grounding_by_change,
    )

__all__ = [
    "DRAFT_STATUSES",
    "Analysis",
    "BehaviorChange",
    "CompareInputs",
    "CompareResult",
    "DraftConflict",
    "DraftOutcome",
    "DraftRecord",
    "DrafterChoice",
    "ExportError",
    "Grounding",
    "Hunk",
    "Piece",
    "PipelineResult",
    "Project",
    "Release",
    "ReleaseChoice",
    "ReleasesOverview",
    "RunEvent",
    "RunOptions",
    "RunOutcome",
    "SideExport",
    "VersionDiff",
    "VersionPair",
    "Workspace",
    "analyze_release",
    "check_knowledge_base",
    "check_probe_suites",
    "check_templates",
    "compare_transcripts",
    "current_draft",
    "detect_settings",
    "draft_release",
    "effective_warnings",
    "embed_function",
    "find_placeholders",
    "grounding_by_change",
    "incomplete_warnings",
    "load_pair",
    "load_project_suites",
    "open_project",
    "open_workspace",
    "plan_export",
    "read_compare_inputs",
    "release_or_latest",
    "release_to_draft",
    "release_to_review",
    "releases_overview",
    "replay_lines",
    "run_pipeline",
    "run_warnings",
    "seen_tools",
    "sentence_changes",
    "superseded_reviews",
    "superseded_warnings",
    "tool_name_warnings",
    "undeclared_tool_warnings",
    "word_diff",
    "workspace_stored",
]


_FROM_DRAFTING = ("DrafterChoice", "DraftOutcome", "draft_release", "grounding_by_change")


def __getattr__(name: str) -> Any:
    """The drafting service's names, imported on first use: the template drafter's
    patterns take a second of CPU to compile, which every command paid at start (gate,
    ack, kb check, changelog) whether it drafted or not."""
    if name in _FROM_DRAFTING:
        from behaviordiff.drafting import service

        return getattr(service, name)
    raise AttributeError(f"module 'behaviordiff.pipeline' has no attribute {name!r}")
