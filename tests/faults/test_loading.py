"""Every untrusted file goes through one loading layer: hostile content is a clear error
naming the file and (where the format keeps one) the line, never a traceback or a hang."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from behaviordiff.agent.source import FolderSource
from behaviordiff.agent.version import load_version
from behaviordiff.config import load_config_file
from behaviordiff.errors import BehaviordiffError, ConfigError, ProbeError, VersionError
from behaviordiff.kb.importers import load_macros
from behaviordiff.kb.model import KnowledgeBaseError
from behaviordiff.probes.suite import load_suite
from behaviordiff.transcripts import ReplayError, iter_replay, parse_arguments
from tests.conftest import EXAMPLE
from tests.faults.conftest import InProcessCli

PROBE = "  - id: p1\n    messages:\n      - role: user\n        content: hi\n"
ALIAS_BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
    "probes:\n" + PROBE + "    variables: {bomb: *h}\n"
)

YAML_SUITES: dict[str, tuple[bytes, str, int | None]] = {
    "alias_bomb": (ALIAS_BOMB.encode(), "aliases (*name) expand", None),
    "duplicate_key": (
        b"probes:\n  - id: p1\n    id: p2\n    messages:\n      - {role: user, content: hi}\n",
        "duplicate key 'id' (first at line 2)",
        3,
    ),
    "duplicate_flow_key": (
        b"probes:\n  - {id: p1, id: p2, messages: [{role: user, content: hi}]}\n",
        "duplicate key 'id'",
        2,
    ),
    # named at the line of the bad value itself, not of the probe it is in
    "nested_tags": (("probes:\n" + PROBE + "    tags: [[a]]\n").encode(), "tags", 6),
    "huge_integer": (
        ("probes:\n" + PROBE + "    variables: {n: " + "9" * 5000 + "}\n").encode(),
        "more than 4300 digits",
        6,
    ),
    "lone_surrogate": (
        ("probes:\n" + PROBE.replace("content: hi", 'content: "hi \\ud800"')).encode(),
        "invalid Unicode character escape",
        5,
    ),
    "deep_nesting": (
        ("probes:\n" + PROBE + "    variables: {x: " + "[" * 500 + "]" * 500 + "}\n").encode(),
        "nested more than 100 levels deep",
        None,
    ),
    # past the parser's own limit (about 1,000 levels): the same message, not "check the quoting"
    "deep_flow_parser": (
        ("probes:\n" + PROBE + "    variables: {x: " + "[" * 5000 + "]" * 5000 + "}\n").encode(),
        "nested more than 100 levels deep",
        6,
    ),
    "deep_block_parser": (
        (
            "probes:\n"
            + PROBE
            + "    variables:\n"
            + "".join(" " * (6 + i) + "k:\n" for i in range(1500))
        ).encode(),
        "nested more than 100 levels deep",
        None,
    ),
    "nul_byte": (b"probes:\n  - id: p1\x00\n", "NUL byte at line 2, column 11", 2),
    "invalid_utf8": (b"probes:\n  - id: \xff\xfe\n", "byte 0xff at line 2, column 9", 2),
    # (an impossible date, `2024-13-45`, is read as the text written, as every date is)
    "tagged_bool": (
        ("probes:\n" + PROBE + "    variables: {member: !!bool maybe}\n").encode(),
        "cannot be read",
        6,
    ),
}


@pytest.mark.parametrize("case", sorted(YAML_SUITES))
def test_a_hostile_yaml_suite_is_a_clear_error(tmp_path: Path, case: str) -> None:
    content, expected, line = YAML_SUITES[case]
    path = tmp_path / "suite.yaml"
    path.write_bytes(content)
    with pytest.raises(ProbeError) as caught:
        load_suite(path)
    assert expected in str(caught.value)
    assert caught.value.where is not None and str(path) in caught.value.where
    if line is not None:
        assert re.search(rf":{line}(:\d+)?$", caught.value.where), caught.value.where


def _line(probe_id: str, **extra: object) -> str:
    return json.dumps({"id": probe_id, "messages": [{"role": "user", "content": "hi"}], **extra})


JSONL_SUITES: dict[str, tuple[str, str]] = {
    "deep": (
        _line("p1") + '\n{"id": "p2", "variables": {"x": ' + "[" * 5000 + "]" * 5000 + "}}\n",
        "nested more than 100 levels deep",
    ),
    "huge_integer": (
        _line("p1") + '\n{"id": "p2", "variables": {"n": ' + "9" * 5000 + "}}\n",
        "more than 4300 digits",
    ),
    "lone_surrogate": (
        _line("p1") + '\n{"id": "p2", "messages": [{"role": "user", "content": "\\udc00"}]}\n',
        "lone surrogate (U+DC00)",
    ),
}


@pytest.mark.parametrize("case", sorted(JSONL_SUITES))
def test_a_hostile_jsonl_suite_names_the_line(tmp_path: Path, case: str) -> None:
    content, expected = JSONL_SUITES[case]
    path = tmp_path / "suite.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProbeError) as caught:
        load_suite(path)
    assert expected in str(caught.value)
    assert caught.value.where == f"{path}:2"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[run]\nx = " + "[" * 2000 + "]" * 2000 + "\n", "nested more than 100 levels deep"),
        ("[run]\nsamples = " + "9" * 5000 + "\n", "4300 digits"),
        ("[run]\nsamples = 3\x00\n", "NUL byte at line 2"),
    ],
    ids=["deep", "huge_integer", "nul"],
)
def test_a_hostile_config_is_a_clear_error(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "behaviordiff.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value.where)


def _replay_line(**extra: object) -> str:
    messages = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "ok"}]
    return json.dumps({"probe_id": "p1", "messages": messages, **extra}) + "\n"


def test_a_truncated_gzip_transcript_says_it_is_cut_short(tmp_path: Path) -> None:
    whole = gzip.compress("".join(_replay_line(sample=n) for n in range(200)).encode())
    path = tmp_path / "runs.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ReplayError) as caught:
        list(iter_replay(path))
    assert "cut short" in str(caught.value)
    assert caught.value.exit_code == 2


def test_compare_on_a_truncated_gzip_exits_2_not_130(tmp_path: Path, bd: InProcessCli) -> None:
    good = tmp_path / "old.jsonl"
    good.write_text(_replay_line(sample=0), encoding="utf-8")
    whole = gzip.compress("".join(_replay_line(sample=n) for n in range(200)).encode())
    cut = tmp_path / "new.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    result = bd("compare", str(good), str(cut))
    assert result.exit_code == 2
    assert "cut short" in result.stderr and str(cut) in result.stderr


def test_deep_transcript_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "runs.jsonl"
    deep = '{"probe_id": "p1", "messages": ' + "[" * 5000 + "]" * 5000 + "}\n"
    path.write_text(_replay_line() + deep, encoding="utf-8")
    with pytest.raises(ReplayError) as caught:
        list(iter_replay(path))
    assert caught.value.where == f"{path}:2"


def test_deep_or_huge_tool_arguments_are_kept_as_unparsed() -> None:
    assert parse_arguments("[" * 100_000 + "]" * 100_000)[0] is None
    assert parse_arguments('{"n": ' + "9" * 5000 + "}")[0] is None


def test_a_deep_zendesk_export_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "macros.json"
    path.write_text('{"macros": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="nested more than 100 levels"):
        load_macros(path)


def test_duplicate_macro_ids_in_a_zendesk_export_are_an_error(tmp_path: Path) -> None:
    macro = {
        "id": 101,
        "title": "Refunds",
        "actions": [{"field": "comment_value", "value": "We refund within 30 days."}],
    }
    other = {**macro, "title": "Returns"}
    path = tmp_path / "macros.json"
    path.write_text(json.dumps({"macros": [macro, other]}), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_macros(path)
    assert "two macros have the id '101'" in str(caught.value)


@pytest.fixture
def agent(tmp_path: Path) -> Path:
    folder = tmp_path / "agent"
    shutil.copytree(EXAMPLE / "agents" / "support-v1", folder)
    return folder


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"name: x\x00\n", "agent.yaml has a NUL byte at line 1, column 8"),
        (b"name: caf\xe9\n", "agent.yaml not UTF-8 text: byte 0xe9 at line 1, column 10"),
    ],
    ids=["nul", "latin1"],
)
def test_an_unreadable_agent_yaml_says_why(agent: Path, content: bytes, expected: str) -> None:
    (agent / "agent.yaml").write_bytes(content)
    with pytest.raises(VersionError) as caught:
        load_version(FolderSource(agent).read_all(), "agent", folder=agent)
    assert expected in str(caught.value)


def test_a_binary_prompt_file_says_it_is_binary(agent: Path) -> None:
    (agent / "system.md.j2").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(VersionError) as caught:
        load_version(FolderSource(agent).read_all(), "agent", folder=agent)
    message = str(caught.value)
    assert "prompt file 'system.md.j2' (prompts.system) has a NUL byte" in message
    assert "does not exist" not in message


def test_an_agent_yaml_without_prompts_says_the_default_was_looked_for(agent: Path) -> None:
    """No `prompts:` key: the error says the name looked for is the default, and how to name
    the files, rather than a key the file does not have."""
    text = (agent / "agent.yaml").read_text(encoding="utf-8")
    (agent / "agent.yaml").write_text(
        text.replace("prompts:\n  system: system.md.j2\n", ""), encoding="utf-8"
    )
    with pytest.raises(VersionError) as caught:
        load_version(FolderSource(agent).read_all(), "agent", folder=agent)
    assert "(prompts.system, the default: agent.yaml has no `prompts:`) does not exist" in (
        caught.value.message
    )
    assert "prompts: {system: system.md.j2}" in (caught.value.hint or "")
    assert "system.md.j2" in (caught.value.hint or "")


def test_errors_are_behaviordiff_errors_with_a_place(tmp_path: Path) -> None:
    path = tmp_path / "suite.yaml"
    path.write_bytes(ALIAS_BOMB.encode())
    with pytest.raises(BehaviordiffError) as caught:
        load_suite(path)
    assert caught.value.hint


def test_article_front_matter_goes_through_the_loading_layer(tmp_path: Path) -> None:
    from behaviordiff.kb.importers import load_articles

    path = tmp_path / "returns.md"
    path.write_text("---\ntitle: Returns\ntitle: Refunds\n---\nBody text.\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_articles(path)
    assert "duplicate key 'title' (first at line 2)" in str(caught.value)
    assert caught.value.where == f"{path}:3:1"


def test_a_probe_suite_in_utf16_or_with_a_bom_is_named_or_read(tmp_path: Path) -> None:
    from behaviordiff.errors import ProbeError
    from behaviordiff.probes.suite import load_suite

    record = {"id": "fare-1", "messages": [{"role": "user", "content": "Is my ticket refundable?"}]}
    lines = json.dumps(record) + "\n"
    suite = tmp_path / "suite.jsonl"
    suite.write_bytes(lines.encode("utf-16"))
    with pytest.raises(ProbeError) as caught:
        load_suite(suite)
    assert "is UTF-16 text (it starts with a UTF-16 byte order mark), not UTF-8" in str(
        caught.value
    )
    assert caught.value.where == f"{suite}:1"
    suite.write_bytes(b"\xef\xbb\xbf" + lines.encode())
    assert [probe.id for probe in load_suite(suite).probes] == ["fare-1"]


def test_a_key_twice_in_a_jsonl_probe_is_an_error_naming_the_line(tmp_path: Path) -> None:
    from behaviordiff.errors import ProbeError
    from behaviordiff.probes.suite import load_suite

    suite = tmp_path / "suite.jsonl"
    suite.write_text(
        '{"id": "fare-1", "messages": [{"role": "user", "content": "Hi"}]}\n'
        '{"id": "fare-2", "id": "fare-3", "messages": [{"role": "user", "content": "Hi"}]}\n',
        encoding="utf-8",
    )
    with pytest.raises(ProbeError) as caught:
        load_suite(suite)
    assert 'has the key "id" twice in one object' in str(caught.value)
    assert caught.value.where == f"{suite}:2"


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_key_twice_in_a_recorded_transcript_is_an_error_naming_file_line_and_key(
    tmp_path: Path, gzipped: bool
) -> None:
    """A recording of a loan-desk agent whose second run writes `content` twice: JSON keeps
    the last, so the reply the agent gave would be replaced without a word."""
    runs = [
        '{"probe_id": "rate-1", "messages": [{"role": "user", "content": "My rate?"}, '
        '{"role": "assistant", "content": "It is 4.2%."}]}',
        '{"probe_id": "rate-1", "messages": [{"role": "user", "content": "My rate?"}, '
        '{"role": "assistant", "content": "I locked 3.9% for you.", "content": "It is 4.2%."}]}',
    ]
    folder = tmp_path / "recorded"
    folder.mkdir()
    text = ("\n".join(runs) + "\n").encode()
    recording = folder / ("runs.jsonl.gz" if gzipped else "runs.jsonl")
    recording.write_bytes(gzip.compress(text) if gzipped else text)
    for source in (recording, folder):  # a file, or the folder of a replay agent
        with pytest.raises(ReplayError) as caught:
            list(iter_replay(source))
        assert caught.value.where == f"{recording}:2"
        assert 'has the key "content" twice in one object' in caught.value.message
        assert "the first would be lost" in caught.value.message


def test_a_key_twice_in_a_review_file_names_the_line_it_repeats_on(tmp_path: Path) -> None:
    """A review file where every draft writes `status`, and the second draft writes it twice
    (a hand merge): the error names the line of the repeat, not only the key."""
    from behaviordiff.loading import parse_json

    text = (
        '{"drafts": [\n'
        '  {"handle": "C1.1", "status": "approved"},\n'
        '  {"handle": "C1.2", "status": "approved",\n'
        '   "note": "{\\"status\\": 1}", "status": "rejected"}\n'
        "]}\n"
    )
    with pytest.raises(ConfigError) as caught:
        parse_json(text, "review.json", ConfigError)
    assert caught.value.where == "review.json:4"
    assert 'has the key "status" twice in one object' in caught.value.message


@pytest.mark.parametrize("levels", [150, 5000])  # past the limit; past Python's recursion
def test_json_nested_too_deep_names_the_line_the_limit_is_crossed_on(
    tmp_path: Path, levels: int
) -> None:
    """A macro export of 'macros': [[[[…: the error names the line, as a YAML one names
    line and column, and a key path cut short."""
    macros = tmp_path / "macros.json"
    macros.write_text('{"count": 1,\n "macros":\n' + "[" * levels + "]" * levels + "}\n")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_macros(macros)
    assert caught.value.where == f"{macros}:3"
    assert "nested more than 100 levels deep" in caught.value.message
    assert len(caught.value.message) < 200


def test_a_lone_surrogate_in_a_key_is_named_by_its_escape(tmp_path: Path) -> None:
    """The key path in the message is printable: the surrogate of a key is written as its
    escape (the message itself carried it, and printing it failed)."""
    from behaviordiff.loading import parse_json

    with pytest.raises(ConfigError) as caught:
        parse_json('{"a": [1, {"b\\ud800": 2}]}', "f.json", ConfigError)
    assert "in a[1].b\\ud800:" in caught.value.message
    caught.value.message.encode("utf-8")


@pytest.mark.parametrize(
    ("key", "fix"),
    [
        ("messages", "change the prompt templates or the probes instead"),
        ("model", "set `model:` at the top of agent.yaml"),
        ("tools", "declare tools under `tools:`"),
        ("n", "samples are separate calls"),
        ("seed", "each sample adds its number to it"),
    ],
)
def test_parameters_cannot_replace_what_behaviordiff_sends(agent: Path, key: str, fix: str) -> None:
    """`parameters:` passes other request fields through; one that the adapter builds itself
    (the prompt and conversation, the model, the tools, the sampling) would silently make the
    run about another request: it is refused, naming the key and the fix."""
    text = (agent / "agent.yaml").read_text(encoding="utf-8")
    (agent / "agent.yaml").write_text(
        text + f"parameters: {{{key}: [], response_format: {{type: text}}}}\n", encoding="utf-8"
    )
    with pytest.raises(VersionError) as caught:
        load_version(FolderSource(agent).read_all(), "agent", folder=agent)
    message = f"{caught.value.message} {caught.value.hint or ''}"
    assert f"parameters.{key}" in message
    assert fix in message


def test_parameters_pass_other_request_fields_through(agent: Path) -> None:
    text = (agent / "agent.yaml").read_text(encoding="utf-8")
    (agent / "agent.yaml").write_text(
        text + "parameters: {response_format: {type: text}, tool_choice: auto}\n",
        encoding="utf-8",
    )
    version = load_version(FolderSource(agent).read_all(), "agent", folder=agent)
    assert version.config.parameters == {"response_format": {"type": "text"}, "tool_choice": "auto"}
