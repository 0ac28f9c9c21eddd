"""Publishing a large release: gate, changelog (JSON, Markdown, Atom) and the HTML report
for a release with N behavior changes, each with a note and two macro/article edits, 3 runs
per side per probe, everything approved and acknowledged.

    .venv/bin/python bench/publish_scale.py            # 500 changes
    .venv/bin/python bench/publish_scale.py --changes 50

The release is built from the bundled example: its two changes (notes, edits, replies) are
copied N/2 times under new ids, so every text is realistic. Prints seconds per step and the
report's size. Wall and CPU time per step: on a shared machine CPU time is the fair
comparison.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.example_data import EXAMPLE, example_analysis  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=500)
    args = parser.parse_args()

    from behaviordiff.config import find_project
    from behaviordiff.drafting import draft_release
    from behaviordiff.publish.ack import acknowledge, mark_done
    from behaviordiff.publish.changelog import Selection, build_changelog, render_changelog
    from behaviordiff.publish.gate import evaluate
    from behaviordiff.publish.report import build_report, render_report
    from behaviordiff.publish.state import load_state
    from behaviordiff.review import approve, load_review
    from behaviordiff.store import Workspace
    from behaviordiff.store.drafts import DraftRow, DraftStore
    from behaviordiff.store.runs import RunRecord, RunWriter
    from behaviordiff.transcripts import Transcript

    typed, version_diff = example_analysis()
    analysis, diff = typed.to_dict(), version_diff.to_dict()  # scaled as JSON below
    project = find_project(config=EXAMPLE / "behaviordiff.toml")
    with tempfile.TemporaryDirectory() as folder, Workspace(Path(folder)) as workspace:
        release = workspace.create_release(base_label="v1", head_label="v2", diff=diff)
        workspace.save_analysis(release.id, analysis)
        draft_release(workspace, release.id, project)
        store = DraftStore(workspace)
        originals = store.drafts(release.id)
        rows: list[DraftRow] = []
        changes = []
        probes = []
        for copy_number in range(args.changes // len(analysis["changes"])):
            for change in analysis["changes"]:
                new_id = f"C{len(changes) + 1}"
                clone = copy.deepcopy(change)
                clone["id"] = new_id
                clone["probe_ids"] = [f"{pid}~{copy_number}" for pid in change["probe_ids"]]
                for excerpt in clone.get("excerpts", []):
                    excerpt["probe_id"] = f"{excerpt['probe_id']}~{copy_number}"
                changes.append(clone)
                probes += [
                    {
                        "probe_id": pid,
                        "verdict": "behavior-changed",
                        "facets": clone["facets"],
                        "old_samples": 3,
                        "new_samples": 3,
                        "change_id": new_id,
                        "evidence": {},
                    }
                    for pid in clone["probe_ids"]
                ]
                for record in originals:
                    if record.change_id != change["id"]:
                        continue
                    key = f"{record.key}~{copy_number}"
                    if record.kind == "edit":
                        key = f"{record.key.split(':', 1)[0]}~{copy_number}:{record.item_key}"
                    content = {**record.content, "change_id": new_id}
                    rows.append(
                        DraftRow(record.kind, key, new_id, record.item_key, record.origin, content)
                    )
        big = {**analysis, "changes": changes, "probes": probes}
        workspace.save_analysis(release.id, big)
        store.save_generated(release.id, rows)
        excerpts = {e["probe_id"]: e for change in changes for e in change.get("excerpts", [])}
        writer = RunWriter(workspace, release.id)
        for probe in probes:
            text = excerpts.get(probe["probe_id"], {"old": "old reply", "new": "new reply"})
            for side, reply in (("base", text["old"]), ("head", text["new"])):
                for sample in range(3):
                    transcript = Transcript(probe["probe_id"], sample, [], final_reply=reply)
                    writer.add(RunRecord(side, probe["probe_id"], sample, transcript))
        writer.flush()
        approve(
            workspace, release.id, load_review(workspace, release.id).items, despite_warnings=True
        )
        acknowledge(workspace, release.id, [], all_approved=True, by="bench")
        mark_done(workspace, release.id, [], all_approved=True, by="bench")

        def timed(label: str, action: object) -> object:
            start, cpu = time.perf_counter(), time.process_time()
            result = action()  # type: ignore[operator]
            wall, used = time.perf_counter() - start, time.process_time() - cpu
            print(f"{label:<28} {wall:8.2f} s wall {used:8.2f} s CPU")
            return result

        state = load_state(workspace, release.id)
        print(
            f"{len(state.changes)} behavior changes, {sum(len(c.edits) for c in state.changes)} "
            f"edits, {len(probes)} changed probes × 3 runs × 2 sides"
        )
        timed("load state", lambda: load_state(workspace, release.id))
        gate = timed(
            "gate --stage full", lambda: evaluate(load_state(workspace, release.id), "full")
        )
        assert gate.passed, gate.missing[:3]  # type: ignore[attr-defined]
        data = timed("changelog (data)", lambda: build_changelog(workspace, Selection()))
        for output in ("json", "markdown", "atom"):
            timed(
                f"changelog --format {output}",
                lambda output=output: render_changelog(data, output, project),
            )
        report = timed("report (data, diffs)", lambda: build_report(workspace, state))
        html = timed("report (HTML)", lambda: render_report(report, project))
        timed(
            "report, all of it",
            lambda: render_report(
                build_report(workspace, load_state(workspace, release.id)), project
            ),
        )
        print(f"report size: {len(str(html).encode()) / 1e6:.1f} MB")

        # a project's own templates (here: copies of the built-in ones) render in the sandbox
        from behaviordiff.publish import templates

        built_in_folder = templates.override_folder
        templates.override_folder = lambda project: templates.BUILT_IN  # type: ignore[assignment]
        try:
            timed("changelog md (sandboxed)", lambda: render_changelog(data, "markdown", project))
            sandboxed = timed("report HTML (sandboxed)", lambda: render_report(report, project))
            assert sandboxed == html
        finally:
            templates.override_folder = built_in_folder


if __name__ == "__main__":
    main()
