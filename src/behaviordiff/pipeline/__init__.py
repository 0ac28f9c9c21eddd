"""The core API: every operation a front end (the CLI, the TUI, the demo, the tests) needs.

Front ends parse and render; this package opens projects and workspaces, chooses releases,
runs, compares, drafts and exports. It imports no Typer, Rich or Textual.
"""

from behaviordiff.diffing.pair import VersionPair, load_pair
from behaviordiff.pipeline.analysis import analyze_release
from behaviordiff.pipeline.stages import (
    PipelineResult,
    check_templates,
    detect_settings,
    embed_function,
    load_project_suites,
    run_pipeline,
    seen_tools,
    superseded_reviews,
    tool_name_warnings,
)

__all__ = [
    "PipelineResult",
    "VersionPair",
    "analyze_release",
    "check_templates",
    "detect_settings",
    "embed_function",
    "load_pair",
    "load_project_suites",
    "run_pipeline",
    "seen_tools",
    "superseded_reviews",
    "tool_name_warnings",
]
