"""`behaviordiff compare`: text and JSON output, CI exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, FIXTURES, CliRunner

DETECT = FIXTURES / "detect" / "example"
BROKEN = FIXTURES / "broken" / "detect"


def compare_args(*extra: str) -> list[str]:
    return [
        "compare",
        str(DETECT / "v1.s3.jsonl"),
        str(DETECT / "v2.s3.jsonl"),
        "--suite",
        str(EXAMPLE / "probes" / "core.yaml"),
        "--base",
        str(EXAMPLE / "agents" / "support-v1"),
        "--head",
        str(EXAMPLE / "agents" / "support-v2"),
        *extra,
    ]


def test_compare_json_is_the_contract(cli: CliRunner) -> None:
    result = cli(*compare_args("--format", "json"))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"probes", "changes", "noise"} <= set(data)
    for probe in data["probes"]:
        assert {"probe_id", "verdict", "facets", "old_samples", "new_samples", "evidence"} <= set(
            probe
        )
        assert probe["verdict"] in ("unchanged", "wording-only", "behavior-changed", "inconclusive")
    titles = [change["title"] for change in data["changes"]]
    assert "escalate_to_human(priority=normal) → issue_refund(type=shipping)" in titles
    refund = data["changes"][
        titles.index("escalate_to_human(priority=normal) → issue_refund(type=shipping)")
    ]
    assert {"id", "title", "probe_ids", "facets", "conditions", "attribution"} <= set(refund)
    assert refund["attribution"][0]["section"] == "Refunds"
    assert refund["conditions"][0]["changed"] == {"matched": 6, "total": 6}
    assert data["noise"]["measured"] is True


def test_compare_text_groups_probes_by_change(cli: CliRunner) -> None:
    result = cli(*compare_args())
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "11 behavior-changed" in out and "6 wording-only" in out
    assert "C1 escalate_to_human(priority=normal) → issue_refund(type=shipping)" in out
    assert "when:" in out and "6 of 6 changed; 0 of" in out
    assert "likely cause: H4" in out
    assert "return 30 days → 45 days" in out
    assert "wording changed, behavior the same" in out
    assert "noise floor (measured" in out


def test_piped_output_keeps_each_line_whole(cli: CliRunner) -> None:
    """A CI log or grep reads lines: off a terminal nothing wraps, however long the paths."""
    result = cli(*compare_args(), env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("11 behavior-changed, 6 wording-only" in line for line in lines)
    assert any(
        line.startswith("C1 escalate_to_human(priority=normal) → issue_refund(type=shipping)")
        for line in lines
    )


def test_escalation_markers_come_from_the_versions(cli: CliRunner) -> None:
    result = cli(*compare_args("--format", "json"))
    data = json.loads(result.stdout)
    probe = next(p for p in data["probes"] if p["probe_id"] == "delay-55-72h")
    assert "escalation" in probe["facets"]


def test_fail_on_change_exits_1_and_a_same_set_exits_0(cli: CliRunner) -> None:
    assert cli(*compare_args("--fail-on-change")).exit_code == 1
    same = cli(
        "compare",
        str(DETECT / "aa" / "v1a.s3.jsonl"),
        str(DETECT / "aa" / "v1b.s3.jsonl"),
        "--fail-on-change",
        "--escalation-tool",
        "escalate_to_human",
    )
    assert same.exit_code == 0, same.stdout + same.stderr
    assert "No behavior change beyond sampling noise" in same.stdout


def test_compare_without_suite_or_versions_and_save(cli: CliRunner, tmp_path: Path) -> None:
    result = cli(
        "compare",
        str(DETECT / "v1.s3.jsonl"),
        str(DETECT / "v2.s3.jsonl"),
        "--format",
        "json",
        "--save",
        "--escalation-tool",
        "escalate_to_human",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["release"] == 1
    assert all(change["attribution"] == [] for change in data["changes"])
    assert data["changes"][0]["conditions"], "conditions from the replay lines' variables"
    releases = cli("releases", "--format", "json")
    assert json.loads(releases.stdout)["releases"][0]["id"] == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated-line.jsonl", "truncated-line.jsonl:2: not valid JSON"),
        ("no-probe-id.jsonl", "no-probe-id.jsonl:1: a run needs a string `probe_id`"),
        ("messages-not-a-list.jsonl", "messages-not-a-list.jsonl:1: run of probe 'a' has no"),
        ("empty.jsonl", "empty.jsonl: no runs in the transcript set"),
        ("not-utf8.jsonl", "not-utf8.jsonl:1: not UTF-8 text"),
        (
            "unknown-role.jsonl",
            "unknown-role.jsonl:2: message 1 of probe 'a' has unknown role \"usr\". A message's "
            "role is one of system, user, assistant, tool, developer, function.",
        ),
        (
            "duplicate-sample.jsonl",
            "duplicate-sample.jsonl:3: probe 'a' sample 0 appears twice in the transcript set: "
            f"at {BROKEN / 'duplicate-sample.jsonl'}:1 and here. Give each run of a probe a "
            'distinct "sample" number, or remove the duplicate line.',
        ),
        (
            "duplicate-key.jsonl",
            'duplicate-key.jsonl:2: has the key "content" twice in one object: JSON keeps only '
            "the last, so the first would be lost",
        ),
        (
            "sample-not-a-number.jsonl",
            "sample-not-a-number.jsonl:1: run of probe 'a' has `sample` \"0\", not a whole number",
        ),
        (
            "malformed-tool-calls.jsonl",
            "malformed-tool-calls.jsonl:1: message 2 of probe 'a' has malformed `tool_calls`",
        ),
    ],
)
def test_bad_transcript_files_name_the_file_and_line(
    cli: CliRunner, name: str, message: str
) -> None:
    result = cli("compare", str(BROKEN / name), str(DETECT / "v2.s3.jsonl"))
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


def test_bad_input_as_json_error(cli: CliRunner) -> None:
    result = cli(
        "compare",
        str(BROKEN / "truncated-line.jsonl"),
        str(DETECT / "v2.s3.jsonl"),
        "--format",
        "json",
    )
    assert result.exit_code == 2
    error = json.loads(result.stderr)
    assert error["where"].endswith("truncated-line.jsonl:2")
    # the record stops at its 77th character: the place named is its end, not column 1
    assert "at column 78)" in error["message"], error


def test_disjoint_sets_and_half_given_versions(cli: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "other.jsonl"
    other.write_text(
        json.dumps(
            {
                "probe_id": "zzz",
                "messages": [
                    {"role": "user", "content": "hi"},
                    {"role": "assistant", "content": "hello"},
                ],
            }
        )
        + "\n"
    )
    result = cli("compare", str(DETECT / "v1.s3.jsonl"), str(other))
    assert result.exit_code == 2
    assert "share no probe id" in result.stderr
    half = cli(
        "compare",
        str(DETECT / "v1.s3.jsonl"),
        str(DETECT / "v2.s3.jsonl"),
        "--base",
        str(EXAMPLE / "agents" / "support-v1"),
    )
    assert half.exit_code == 2 and "--base and --head go together" in half.stderr


def test_run_stores_and_prints_the_analysis(cli: CliRunner, tmp_path: Path) -> None:
    import shutil

    from behaviordiff.store import Workspace

    project = tmp_path / "acme"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__", ".behaviordiff"))
    result = cli(
        "run",
        "agents/support-v1",
        "agents/support-v2",
        "--samples",
        "2",
        "--format",
        "json",
        cwd=project,
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    analysis = data["analysis"]
    assert analysis["summary"]["behavior-changed"] == 11
    assert [c["title"] for c in analysis["changes"]] == [
        "escalate_to_human(priority=normal) → issue_refund(type=shipping)",
        "return 30 days → 45 days",
    ]
    with Workspace(tmp_path / "workspace") as store:
        stored = store.load_analysis(data["release"])
    assert stored is not None and stored.verdict_counts() == analysis["summary"]


def test_one_sample_each_is_not_a_clean_bill(cli: CliRunner, tmp_path: Path) -> None:
    """Too few samples to decide: the headline says so and --fail-on-inconclusive gates."""
    sides = []
    for name in ("v1", "v2"):
        lines = (DETECT / f"{name}.s3.jsonl").read_text().splitlines()
        first = [line for line in lines if json.loads(line).get("sample", 0) == 0]
        path = tmp_path / f"{name}.s1.jsonl"
        path.write_text("\n".join(first) + "\n")
        sides.append(str(path))
    text = cli("compare", *sides)
    assert text.exit_code == 0, text.stderr
    assert "No behavior change beyond sampling noise" not in text.stdout
    gated = cli("compare", *sides, "--fail-on-inconclusive")
    assert gated.exit_code == 1


def test_detect_section_of_the_config_sets_which_tool_arguments_matter(
    cli: CliRunner, tmp_path: Path
) -> None:
    """[detect.tools.NAME] decides which arguments are behavior: ignoring the escalation's
    priority renames the refund change, as the writer would read it."""
    (tmp_path / "behaviordiff.toml").write_text(
        '[detect]\nalpha = 0.02\n\n[detect.tools.escalate_to_human]\nignore = ["priority"]\n',
        encoding="utf-8",
    )
    result = cli(*compare_args("--format", "json"))
    assert result.exit_code == 0, result.stderr
    titles = [change["title"] for change in json.loads(result.stdout)["changes"]]
    assert "escalate_to_human → issue_refund(type=shipping)" in titles


def test_detect_section_rejects_unknown_keys_by_name(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "behaviordiff.toml").write_text(
        '[detect.tools.issue_refund]\nkeep = ["amount"]\nskip = ["note"]\n', encoding="utf-8"
    )
    result = cli(*compare_args())
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "detect.tools.issue_refund.skip" in message and "behaviordiff.toml" in message
    assert "keep" in message and "ignore" in message


def test_tool_names_nothing_defines_are_warned_about(cli: CliRunner, tmp_path: Path) -> None:
    """A misspelt tool in [detect] would silently switch a rule off: say so, and go on."""
    (tmp_path / "behaviordiff.toml").write_text(
        '[detect]\nignore_tools = ["log_evnt"]\n\n[detect.tools.issue_refnud]\nkeep = ["amount"]\n',
        encoding="utf-8",
    )
    text = cli(*compare_args())
    assert text.exit_code == 0, text.stderr
    assert "warning: [detect.tools.issue_refnud] names 'issue_refnud'" in text.stderr
    assert "ignore_tools names 'log_evnt'" in text.stderr and "issue_refund" in text.stderr
    data = json.loads(cli(*compare_args("--format", "json")).stdout)
    assert len(data["warnings"]) == 2


def test_compare_without_versions_says_escalation_is_not_told_apart(cli: CliRunner) -> None:
    result = cli("compare", str(DETECT / "v1.s3.jsonl"), str(DETECT / "v2.s3.jsonl"))
    assert result.exit_code == 0, result.stderr
    message = " ".join(result.stderr.split())
    assert "no escalation markers" in message and "--escalation-tool" in message
    given = cli(
        "compare",
        str(DETECT / "v1.s3.jsonl"),
        str(DETECT / "v2.s3.jsonl"),
        "--escalation-tool",
        "escalate_to_human",
    )
    assert "no escalation markers" not in given.stderr


def test_detect_rules_are_checked_against_the_transcripts_without_versions(
    cli: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "behaviordiff.toml").write_text(
        '[detect.tools.issue_refund]\nkeep = ["amont"]\n\n[detect.tools.no_such]\nignore = ["x"]\n',
        encoding="utf-8",
    )
    result = cli("compare", str(DETECT / "v1.s3.jsonl"), str(DETECT / "v2.s3.jsonl"))
    assert result.exit_code == 0, result.stderr
    message = " ".join(result.stderr.split())
    assert "keep names 'amont', an argument no recorded call of issue_refund has" in message
    assert "(seen: amount," in message
    assert "[detect.tools.no_such] names 'no_such', a tool no transcript calls" in message
