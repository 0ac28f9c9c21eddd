"""Publishing a release whose texts are huge: the example release with a 4 MB reply stored
for every probe of its first change (both sides' first run), and a 4 MB reply pasted into a
note's "after" and an edit's rationale (stored as such: `review edit` and the app refuse a
writer's text over 20,000 characters now, but one stored before the limit stays). Times the
gate, the changelog (JSON, Markdown), the HTML report and the CSV and Zendesk exports through
the CLI, in process, and prints each output's size: every quoted text is capped, so each step
stays near its time on the plain release.

    .venv/bin/python bench/huge_texts.py
    .venv/bin/python bench/huge_texts.py --megabytes 16
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.example_data import EXAMPLE, example_analysis  # noqa: E402


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=4.0)
    args = parser.parse_args()

    from typer.testing import CliRunner

    from behaviordiff.cli.app import app
    from behaviordiff.config import find_project
    from behaviordiff.drafting import draft_release
    from behaviordiff.publish.ack import acknowledge
    from behaviordiff.review import approve, load_review
    from behaviordiff.store import Workspace
    from behaviordiff.store.drafts import DraftStore
    from behaviordiff.store.runs import RunRecord, RunWriter
    from behaviordiff.transcripts import Transcript

    phrase = "we will keep you posted on every step "
    huge = phrase * int(args.megabytes * 1_000_000 / len(phrase))
    analysis, diff = example_analysis()
    project = find_project(config=EXAMPLE / "behaviordiff.toml")
    config = str(EXAMPLE / "behaviordiff.toml")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        with Workspace(base / "ws") as workspace:
            release = workspace.create_release(
                base_label="v1", head_label="v2", diff=diff.to_dict()
            )
            workspace.save_analysis(release.id, analysis)
            draft_release(workspace, release.id, project)
            review = load_review(workspace, release.id)
            store = DraftStore(workspace)
            for item, values in zip(
                review.resolve(["C1", "C1.1"]), ({"after": huge}, {"rationale": huge}), strict=True
            ):
                record = item.record
                store.update(
                    release.id, record.kind, record.key, content={**record.content, **values}
                )
            review = load_review(workspace, release.id)
            approve(workspace, release.id, review.items, despite_warnings=True)
            acknowledge(workspace, release.id, [], all_approved=True, by="bench")
            writer = RunWriter(workspace, release.id)
            for probe in analysis.changes[0].probe_ids:
                for side in ("base", "head"):
                    reply = ("Old: " if side == "base" else "New: ") + huge
                    writer.add(
                        RunRecord(side, probe, 0, Transcript(probe, 0, [], final_reply=reply))
                    )
            writer.flush()
        print(
            f"{len(analysis.changes[0].probe_ids)} probes × 2 sides with a "
            f"{len(huge) / 1e6:.1f} MB reply; a {len(huge) / 1e6:.1f} MB note field and rationale"
        )
        runner = CliRunner()
        steps = [
            ("gate --stage full", ["gate", "--stage", "full", "--format", "json"], None),
            ("changelog --format json", ["changelog", "--format", "json", "-o"], "cl.json"),
            ("changelog (markdown)", ["changelog", "-o"], "cl.md"),
            ("report", ["report", "-o"], "report.html"),
            ("export --to csv", ["export", "--to", "csv", "-c", config, "-o"], "edits.csv"),
            ("export --to zendesk", ["export", "--to", "zendesk", "-c", config, "-o"], "zd.json"),
        ]
        for name, argv, output in steps:
            target = [str(base / output)] if output else []
            wall, cpu = time.perf_counter(), _cpu()
            result = runner.invoke(app, [*argv, *target, "--workspace", str(base / "ws")])
            wall, cpu = time.perf_counter() - wall, _cpu() - cpu
            size = (base / output).stat().st_size if output else len(result.stdout)
            print(
                f"{name:<26} exit {result.exit_code}  {wall:6.2f} s wall  {cpu:6.2f} s CPU  "
                f"output {size / 1000:,.1f} kB"
            )


if __name__ == "__main__":
    main()
