"""Reading transcript sets for `compare`: sample numbering, duplicates, unknown roles, and tool
calls whose arguments are not valid JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.detect import DetectSettings, analyze, extract_signature
from behaviordiff.detect.inputs import InputWarning, input_warnings, load_transcripts
from behaviordiff.transcripts import ReplayError, iter_replay, parse_arguments
from tests.conftest import CliRunner


def line(probe_id: str, reply: str, sample: int | None = None, **extra: Any) -> str:
    record: dict[str, Any] = {
        "probe_id": probe_id,
        "messages": [
            {"role": "user", "content": "hi"},
            {"role": "assistant", "content": reply},
        ],
        **extra,
    }
    if sample is not None:
        record["sample"] = sample
    return json.dumps(record)


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path


def test_runs_without_sample_are_numbered_per_probe_in_file_order(tmp_path: Path) -> None:
    recording = write(
        tmp_path / "runs.jsonl",
        line("a", "a first"),
        line("b", "b first"),
        line("a", "a second"),
        line("b", "b second"),
        line("a", "a third"),
    )
    runs = [(run.probe_id, run.sample, run.final_reply) for run in iter_replay(recording)]
    assert runs == [
        ("a", 0, "a first"),
        ("b", 0, "b first"),
        ("a", 1, "a second"),
        ("b", 1, "b second"),
        ("a", 2, "a third"),
    ]


def test_unnumbered_runs_take_the_numbers_given_runs_leave_free(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    write(folder / "1.jsonl", line("a", "given 0", 0), line("a", "free 1"), line("a", "given 3", 3))
    write(folder / "2.jsonl", line("a", "free 2"), line("a", "free 4"), line("a", "given 1", 1))
    samples = {run.final_reply: run.sample for run in load_transcripts(folder)}
    assert samples == {
        "given 0": 0,
        "free 1": 2,
        "given 3": 3,
        "free 2": 4,
        "free 4": 5,
        "given 1": 1,
    }


def test_a_sample_given_twice_across_files_names_both_lines(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    first = write(folder / "a.jsonl", line("a", "one", 0), line("b", "two", 0))
    second = write(folder / "b.jsonl", line("a", "three", 1), line("b", "four", 0))
    with pytest.raises(ReplayError) as caught:
        load_transcripts(folder)
    error = caught.value
    assert error.where == f"{second}:2"
    assert f"probe 'b' sample 0 appears twice in the transcript set: at {first}:2" in str(error)
    assert error.hint is not None and 'distinct "sample"' in error.hint


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ({"role": "usr", "content": "hi"}, "message 1 of probe 'a' has unknown role \"usr\""),
        ({"content": "hi"}, "message 1 of probe 'a' has no `role`"),
    ],
)
def test_a_message_needs_a_known_role(
    tmp_path: Path, message: dict[str, Any], expected: str
) -> None:
    recording = write(
        tmp_path / "runs.jsonl",
        line("a", "fine", 0),
        json.dumps({"probe_id": "a", "sample": 1, "messages": [message]}),
    )
    with pytest.raises(ReplayError) as caught:
        load_transcripts(recording)
    assert caught.value.where == f"{recording}:2"
    assert expected in caught.value.message
    assert "system, user, assistant, tool, developer, function" in (caught.value.hint or "")


# ---------------------------------------------------------------- tool-call arguments

BROKEN_ARGUMENTS = '{"amount": 50'


def refund_line(sample: int, *arguments: str, reply: str = "I refunded 50 EUR.") -> str:
    """One run: the agent calls issue_refund once per `arguments` text, each answered."""
    messages: list[dict[str, Any]] = [{"role": "user", "content": "My parcel is late, refund me"}]
    for index, raw in enumerate(arguments):
        call_id = f"c{index}"
        function = {"name": "issue_refund", "arguments": raw}
        messages.append(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [{"id": call_id, "type": "function", "function": function}],
            }
        )
        try:
            json.loads(raw)
            result = '{"status": "refunded"}'
        except json.JSONDecodeError:
            result = '{"error": "arguments of issue_refund are not valid JSON"}'
        messages.append({"role": "tool", "tool_call_id": call_id, "content": result})
    messages.append({"role": "assistant", "content": reply})
    return json.dumps({"probe_id": "late", "sample": sample, "messages": messages})


def test_arguments_parse_as_the_openai_adapter_reads_them() -> None:
    assert parse_arguments('{"order_id": "A1') == (None, '{"order_id": "A1')
    assert parse_arguments("") == ({}, "")
    assert parse_arguments(None) == ({}, "{}")
    assert parse_arguments({"amount": 5}) == ({"amount": 5}, '{"amount": 5}')
    assert parse_arguments("[1, 2]") == ({"_value": [1, 2]}, "[1, 2]")


def test_a_call_with_unreadable_arguments_is_kept_but_is_no_action(tmp_path: Path) -> None:
    recording = write(tmp_path / "new.jsonl", refund_line(0, BROKEN_ARGUMENTS, '{"amount": 50}'))
    (transcript,) = load_transcripts(recording)
    assert [call.arguments for call in transcript.tool_calls] == [None, {"amount": 50}]
    assert transcript.tool_calls[0].raw_arguments == BROKEN_ARGUMENTS
    signature = extract_signature(transcript, DetectSettings())
    assert [action.label() for action in signature.actions] == ["issue_refund(amount=50)"]
    assert signature.unreadable_calls == ("issue_refund",)


def test_unreadable_arguments_do_not_make_a_fake_behavior_change(tmp_path: Path) -> None:
    """The new agent sometimes garbles the JSON and retries: the same refund reaches the
    customer, so the probe is unchanged, and the garbled calls are reported."""
    old = write(tmp_path / "old.jsonl", *(refund_line(s, '{"amount": 50}') for s in range(3)))
    new = write(
        tmp_path / "new.jsonl",
        *(refund_line(s, BROKEN_ARGUMENTS, '{"amount": 50}') for s in range(3)),
    )
    old_runs, new_runs = load_transcripts(old), load_transcripts(new)
    analysis = analyze(old_runs, new_runs)
    assert analysis.probe("late").verdict == "unchanged"
    assert not analysis.changes
    assert input_warnings(old_runs, new_runs[:1]) == [
        InputWarning(
            kind="invalid-tool-arguments",
            side="new",
            count=1,
            message="1 tool call(s) in the new transcripts have arguments that are not valid "
            "JSON (probe 'late' sample 0: issue_refund); their tools cannot run them, so they "
            "do not count as actions",
            examples=({"probe_id": "late", "sample": 0, "tool": "issue_refund"},),
        )
    ]
    (warning,) = input_warnings(old_runs, new_runs, examples=2)
    assert (warning.side, warning.count) == ("new", 3)
    assert str(warning).endswith(
        "sample 1: issue_refund; …); their tools cannot run them, so they do not count as actions"
    )
    assert warning.to_dict()["examples"][1] == {
        "probe_id": "late",
        "sample": 1,
        "tool": "issue_refund",
    }
    assert input_warnings(old_runs, old_runs) == []


def test_a_handoff_with_unreadable_arguments_is_not_a_handoff(tmp_path: Path) -> None:
    messages = [
        {"role": "user", "content": "a human please"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "h",
                    "type": "function",
                    "function": {"name": "escalate_to_human", "arguments": '{"reason": '},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "h", "content": '{"error": "not valid JSON"}'},
        {"role": "assistant", "content": "Sorry, something went wrong."},
    ]
    recording = write(tmp_path / "runs.jsonl", json.dumps({"probe_id": "h", "messages": messages}))
    (transcript,) = load_transcripts(recording, escalation_tools=("escalate_to_human",))
    assert not transcript.escalated
    settings = DetectSettings(escalation_tools=("escalate_to_human",))
    assert not extract_signature(transcript, settings).escalated


def test_compare_accepts_unreadable_arguments_without_a_change(
    cli: CliRunner, tmp_path: Path
) -> None:
    old = write(tmp_path / "old.jsonl", *(refund_line(s, '{"amount": 50}') for s in range(3)))
    new = write(
        tmp_path / "new.jsonl",
        *(refund_line(s, BROKEN_ARGUMENTS, '{"amount": 50}') for s in range(3)),
    )
    result = cli("compare", str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["changes"] == []
    assert [probe["verdict"] for probe in data["probes"]] == ["unchanged"]
