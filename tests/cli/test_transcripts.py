"""`behaviordiff transcripts`: a release's stored runs as replay JSONL that `compare` reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviordiff.cli.transcripts_cmd import PROGRESS_FROM
from behaviordiff.store import RunRecord, RunStore, RunWriter, Workspace
from behaviordiff.transcripts import Transcript, build_transcript, iter_replay
from tests.conftest import CliRunner, Demo


def _run(probe_id: str, sample: int, reply: str, *, error: str | None = None) -> Transcript:
    messages = [{"role": "user", "content": f"question {probe_id}"}]
    if error is None:
        messages.append({"role": "assistant", "content": reply})
    return build_transcript(
        probe_id,
        sample,
        messages,
        input_count=1,
        usage={"prompt_tokens": 12, "completion_tokens": 5, "calls": 1},
        error=error,
        metadata={"adapter": "openai", "model": "gpt-test", "requests": 1},
    )


def _workspace(
    folder: Path, *, probes: int = 2, failed: int = 0, planned: int | None = None
) -> Path:
    """A workspace with one release: `probes` × 2 samples a side, the last `failed` head runs
    failed; `planned` is the run plan's total (default: what is stored)."""
    with Workspace(folder) as store:
        release = store.create_release(
            base_label="v1",
            head_label="v2",
            settings={"run": {"adapters": {"base": "openai", "head": "openai"}}},
        )
        writer = RunWriter(store, release.id)
        head_runs = [(f"p{n:04d}", s) for n in range(probes) for s in range(2)]
        for probe_id, sample in head_runs:
            writer.add(RunRecord("base", probe_id, sample, _run(probe_id, sample, "old reply")))
        for index, (probe_id, sample) in enumerate(head_runs):
            error = "HTTP 500 after 3 retries" if index >= len(head_runs) - failed else None
            transcript = _run(probe_id, sample, "new reply", error=error)
            writer.add(RunRecord("head", probe_id, sample, transcript))
        writer.flush()
        total = planned if planned is not None else 2 * len(head_runs)
        RunStore(store).save_plan(release.id, "plan", total, {})
    return folder


def _lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


# the round trip -------------------------------------------------------------------------


@pytest.mark.xdist_group("demo")
def test_exported_release_compares_to_the_same_verdicts(cli: CliRunner, demo: Demo) -> None:
    """The demo's release, exported and given to `compare`, gets its stored verdict counts."""
    folder, workspace = demo.folder, str(demo.workspace)
    exported = cli("transcripts", "--side", "both", "-o", "exported", cwd=folder)
    assert exported.exit_code == 0, exported.stderr
    assert "Wrote 174 base run(s) of release #1 to exported/base.jsonl" in exported.stdout
    assert "behaviordiff compare exported/base.jsonl exported/head.jsonl" in exported.stdout

    compared = cli(
        "compare", "exported/base.jsonl", "exported/head.jsonl", "--format", "json", cwd=folder
    )
    assert compared.exit_code == 0, compared.stderr
    result = json.loads(compared.stdout)
    with Workspace(Path(workspace), create=False) as store:
        loaded = store.load_analysis(1)
    assert loaded is not None
    stored = loaded.to_dict()
    assert result["summary"] == stored["summary"]
    assert result["summary"]["behavior-changed"] > 0
    changed = {p["probe_id"] for p in result["probes"] if p["verdict"] == "behavior-changed"}
    assert changed == {
        p["probe_id"] for p in stored["probes"] if p["verdict"] == "behavior-changed"
    }

    # stdout holds the same lines as the file, so `| gzip` keeps the export whole
    piped = cli("transcripts", "--side", "head", cwd=folder)
    assert piped.exit_code == 0 and piped.stderr == ""
    assert piped.stdout == (folder / "exported" / "head.jsonl").read_text(encoding="utf-8")
    first = next(iter(iter_replay(folder / "exported" / "head.jsonl")))
    assert first.metadata["side"] == "head" and first.metadata["adapter"] == "command"
    assert set(first.metadata) >= {"usage", "latency_ms", "finish_reason"}


# what is written ------------------------------------------------------------------------


def test_failed_runs_carry_their_error_unless_skipped(cli: CliRunner, tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", failed=1)
    skipped = cli("transcripts", "--side", "head", "--skip-errors", "-w", str(folder))
    assert skipped.exit_code == 0
    runs = _lines(skipped.stdout)
    assert len(runs) == 3 and all("error" not in run for run in runs)
    assert "1 failed head run(s) left out (without --skip-errors they are written)" in (
        skipped.stderr
    )

    included = cli("transcripts", "--side", "head", "-w", str(folder))
    runs = _lines(included.stdout)
    assert [run.get("error") for run in runs] == [None, None, None, "HTTP 500 after 3 retries"]
    assert included.stderr == ""
    assert runs[0] == {
        "probe_id": "p0000",
        "sample": 0,
        "messages": [
            {"role": "user", "content": "question p0000"},
            {"role": "assistant", "content": "new reply"},
        ],
        "input_count": 1,
        "escalated": False,
        "side": "head",
        "adapter": "openai",
        "model": "gpt-test",
        "usage": {"prompt_tokens": 12, "completion_tokens": 5, "calls": 1},
    }
    help_text = " ".join(cli("transcripts", "--help").stdout.split())
    assert "compare reads them as failed runs" in help_text


def test_compare_reads_an_exported_failure_as_a_failed_run(cli: CliRunner, tmp_path: Path) -> None:
    """A failed run exported with its error is not a run where the agent did nothing."""
    from behaviordiff.transcripts import iter_replay

    folder = _workspace(tmp_path / "ws", failed=1)
    exported = cli("transcripts", "--side", "head", "-o", "head.jsonl", "-w", str(folder))
    assert exported.exit_code == 0, exported.stderr
    runs = list(iter_replay(tmp_path / "head.jsonl"))
    assert [run.error for run in runs] == [None, None, None, "HTTP 500 after 3 retries"]


def test_json_summary_names_the_files(cli: CliRunner, tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", failed=1)
    result = cli(
        "transcripts", "-s", "both", "-o", "out", "-f", "json", "--skip-errors", "-w", str(folder)
    )
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["release"] == 1 and summary["warnings"] == []
    assert [(f["side"], f["runs"], f["failed_left_out"]) for f in summary["files"]] == [
        ("base", 4, 0),
        ("head", 3, 1),
    ]
    assert Path(summary["files"][1]["path"]) == Path("out/head.jsonl")
    assert len((tmp_path / "out" / "head.jsonl").read_text().splitlines()) == 3


def test_one_side_into_a_folder_is_named_after_the_side(cli: CliRunner, tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws")
    (tmp_path / "out").mkdir()
    result = cli("transcripts", "--side", "base", "-o", "out", "-w", str(folder))
    assert result.exit_code == 0 and (tmp_path / "out" / "base.jsonl").is_file()


def test_a_big_release_reports_progress_on_stderr(cli: CliRunner, tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", probes=PROGRESS_FROM // 4 + 1)
    result = cli("transcripts", "--side", "both", "-o", "out", "-w", str(folder))
    assert result.exit_code == 0
    assert "Exporting release #1: base runs" in result.stderr
    assert "Exporting release #1: head runs" in result.stderr
    quiet = cli("transcripts", "--side", "both", "-o", "json", "-f", "json", "-w", str(folder))
    assert quiet.stderr == ""


def test_an_incomplete_release_is_exported_with_a_warning(cli: CliRunner, tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", planned=12)
    result = cli("transcripts", "--side", "base", "-w", str(folder))
    assert result.exit_code == 0 and len(_lines(result.stdout)) == 4
    assert "release #1 is incomplete: 8 of 12 planned runs are stored" in result.stderr


def test_force_replaces_and_a_refused_export_leaves_the_file(
    cli: CliRunner, tmp_path: Path
) -> None:
    folder = _workspace(tmp_path / "ws")
    target = tmp_path / "head.jsonl"
    target.write_text("keep me\n", encoding="utf-8")
    refused = cli("transcripts", "--side", "head", "-o", "head.jsonl", "-w", str(folder))
    assert refused.exit_code == 2 and "the file exists" in refused.stderr
    assert "--force" in refused.stderr and target.read_text() == "keep me\n"
    forced = cli("transcripts", "--side", "head", "-o", "head.jsonl", "--force", "-w", str(folder))
    assert forced.exit_code == 0 and len(target.read_text().splitlines()) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["head.jsonl", "ws"]


# errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--side", "head", "-w", "none"], "there is no workspace here yet"),
        (["--side", "head", "-w", "empty"], "no releases in the workspace yet"),
        (["--side", "head", "-r", "7", "-w", "ws"], "no release #7 in the workspace"),
        (["--side", "sideways", "-w", "ws"], "'sideways' is not one of 'base', 'head', 'both'"),
        (["-w", "ws"], "Missing option '--side'"),
        (["--side", "both", "-w", "ws"], "--side both writes two files"),
        (["--side", "both", "-o", "afile", "-w", "ws"], "into a folder; this is a file"),
        (["--side", "head", "-r", "1", "-o", "afile/x.jsonl", "-w", "ws"], "cannot write here"),
        (["--side", "head", "-r", "2", "-w", "ws"], "release #2 has no stored head runs"),
        (
            ["--side", "head", "-r", "3", "--skip-errors", "-w", "ws"],
            "all 2 head runs of release #3 failed",
        ),
    ],
)
def test_bad_requests_are_named(
    cli: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    folder = _workspace(tmp_path / "ws")
    with Workspace(folder) as store:
        store.create_release(base_label="old.jsonl", head_label="new.jsonl")  # compare --save
        failed = store.create_release(base_label="v1", head_label="v2")
        writer = RunWriter(store, failed.id)
        for sample in range(2):
            writer.add(RunRecord("base", "p", sample, _run("p", sample, "ok")))
            writer.add(RunRecord("head", "p", sample, _run("p", sample, "", error="timeout")))
        writer.flush()
    with Workspace(tmp_path / "empty"):
        pass
    (tmp_path / "afile").write_text("", encoding="utf-8")
    result = cli("transcripts", *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split()), result.stderr
    assert result.stdout == ""
