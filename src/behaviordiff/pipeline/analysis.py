"""Analyse a stored release and store the result: the step `behaviordiff run` takes after the
runs finish. The analysis itself is `detect.analyze`; reading runs and storing verdicts is
the pipeline's."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from behaviordiff.detect.model import Analysis
    from behaviordiff.detect.settings import DetectSettings
    from behaviordiff.diffing.pair import VersionPair
    from behaviordiff.probes.model import Probe
    from behaviordiff.store import Workspace
    from behaviordiff.store.runs import Side
    from behaviordiff.transcripts import Transcript


def analyze_release(
    store: Workspace,
    release_id: int,
    pair: VersionPair,
    probes: Iterable[Probe],
    *,
    settings: DetectSettings | None = None,
    embed: Callable[[Sequence[str]], list[list[float]]] | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
    runs: dict[Side, list[Transcript]] | None = None,
) -> Analysis:
    """Compare the base and head runs of a release, store the verdicts and changes, return them.

    Escalation markers come from the versions' agent.yaml unless `settings` name some. `runs`:
    the release's runs (errors included) when the caller has read them already.
    """
    from behaviordiff.detect.analyze import analyze
    from behaviordiff.detect.inputs import escalation_markers
    from behaviordiff.detect.settings import DetectSettings
    from behaviordiff.store.runs import load_release_transcripts

    if runs is None:
        runs = load_release_transcripts(store, release_id, include_errors=True)
    if settings is None:
        markers = escalation_markers([], [], [pair.base, pair.head])
        settings = DetectSettings(
            escalation_tools=markers.tools, escalation_phrases=markers.phrases
        )
    analysis = analyze(
        runs["base"],
        runs["head"],
        probes={probe.id: probe for probe in probes},
        diff=pair.diff,
        settings=settings,
        embed=embed,
        old_label=pair.base.label,
        new_label=pair.head.label,
        on_progress=on_progress,
    )
    fresh = pair.diff.to_dict()
    if store.release_diff(release_id) != fresh:
        store.set_release_diff(release_id, fresh)
    store.save_analysis(release_id, analysis)
    return analysis
