"""The bundled example's analysis, shared by the tests and the benchmarks in bench/."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from behaviordiff.pipeline import Analysis, VersionDiff

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "fixtures" / "example"
FIXTURES = ROOT / "fixtures"


@cache
def example_analysis() -> tuple[Analysis, VersionDiff]:
    """The bundled example's analysis (v1 → v2, 3 samples) and its diff, as the pipeline
    makes them (`.to_dict()` gives the stored JSON form). Built once per process (~0.5 s of
    CPU; the session fixture, the review app's demo release and the store's tests all read
    it): the same objects each call, so a caller that changes them takes a `copy.deepcopy`."""
    from behaviordiff.agent.source import FolderSource
    from behaviordiff.agent.version import load_version
    from behaviordiff.detect import DetectSettings, analyze
    from behaviordiff.diffing import diff_versions
    from behaviordiff.probes import load_suite
    from behaviordiff.transcripts import iter_replay

    versions = []
    for name in ("support-v1", "support-v2"):
        folder = EXAMPLE / "agents" / name
        versions.append(load_version(FolderSource(folder).read_all(), name, folder=folder))
    diff = diff_versions(versions[0], versions[1])
    probes = {probe.id: probe for probe in load_suite(EXAMPLE / "probes" / "core.yaml")}
    recordings = FIXTURES / "detect" / "example"
    escalation = versions[1].config.escalation
    analysis = analyze(
        list(iter_replay(recordings / "v1.s3.jsonl")),
        list(iter_replay(recordings / "v2.s3.jsonl")),
        probes=probes,
        diff=diff,
        settings=DetectSettings(
            escalation_tools=tuple(escalation.tools),
            escalation_phrases=tuple(escalation.phrases),
        ),
    )
    return analysis, diff
