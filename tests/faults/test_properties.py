"""Property-based tests over every parser: whatever bytes or text arrive, the result is a value
or a BehaviordiffError (a message, a place, a hint), within a bound, never a traceback.

Examples are few per parser so `pytest tests/faults` stays quick; the deadline is a generous
bound per example (the stalls these guard against took tens of seconds), not a measurement.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from behaviordiff.agent.templates import PromptTemplates
from behaviordiff.agent.version import parse_agent_config
from behaviordiff.config import load_config_file
from behaviordiff.detect.facts import extract_promises
from behaviordiff.detect.similarity import BuiltinBackend, concepts, word_overlap_distance
from behaviordiff.errors import BehaviordiffError
from behaviordiff.kb.importers import load_articles, load_macros
from behaviordiff.probes.suite import load_suite
from behaviordiff.review import EDIT_FIELDS, parse_edit
from behaviordiff.transcripts import iter_replay, parse_arguments

BOUND = settings(
    max_examples=40,
    deadline=10_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

KEYS = [
    "id",
    "messages",
    "role",
    "content",
    "tags",
    "variables",
    "tool_fixtures",
    "probes",
    "defaults",
    "suite",
    "expect",
    "probe_id",
    "sample",
    "tool_calls",
    "function",
    "name",
    "arguments",
    "macros",
    "actions",
    "field",
    "value",
    "title",
    "body",
    "run",
    "samples",
    "timeout",
    "prices",
    "adapter",
    "model",
    "prompts",
    "system",
    "tools",
    "new_body",
    "rationale",
    "severity",
    "user",
    "assistant",
    "<<",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(KEYS),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=6),
    ),
    max_leaves=40,
)
raw_bytes = st.one_of(
    st.binary(max_size=400),
    st.text(alphabet=st.characters(blacklist_categories=()), max_size=300).map(
        lambda text: text.encode("utf-8", "surrogatepass")
    ),
)
YAML_NOISE = [
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\n  ",
    "!!python/object ",
    "<<: *a",
    "? ",
    "'",
    '"',
    "\\ud800",
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "9" * 5000,
    "\t",
    "\x00",
]
yaml_texts = st.lists(
    st.sampled_from(YAML_NOISE) | st.sampled_from(KEYS) | st.text(max_size=6), max_size=40
).map("".join)


def yaml_of(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True)


def json_of(data: Any) -> str:
    return json.dumps(data, allow_nan=True)


@contextmanager
def a_file(name: str, content: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        yield path


def result_or_clear_error(read: Callable[[], Any]) -> None:
    try:
        read()
    except BehaviordiffError as error:
        assert error.message.strip()
        assert "Traceback" not in str(error)


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


# probe suites ---------------------------------------------------------------------------------


@BOUND
@given(st.one_of(raw_bytes, yaml_texts.map(_encoded), documents.map(yaml_of).map(_encoded)))
def test_yaml_suites(content: bytes) -> None:
    with a_file("suite.yaml", content) as path:
        result_or_clear_error(lambda: load_suite(path))


@BOUND
@given(st.lists(st.one_of(documents.map(json_of), st.text(max_size=40)), max_size=6))
def test_jsonl_suites(lines: list[str]) -> None:
    with a_file("suite.jsonl", _encoded("\n".join(lines))) as path:
        result_or_clear_error(lambda: load_suite(path))


@BOUND
@given(documents.map(lambda data: {"probes": [data, {"id": "p", "tags": data}]}).map(yaml_of))
def test_probe_shaped_yaml(text: str) -> None:
    with a_file("suite.yaml", _encoded(text)) as path:
        result_or_clear_error(lambda: load_suite(path))


# config, agent.yaml, review edits -------------------------------------------------------------

toml_noise = st.lists(
    st.sampled_from(
        [
            "[run]\n",
            "[run.prices]\n",
            "samples = ",
            "timeout = ",
            '"m" = ',
            "[",
            "]",
            "inf",
            "nan",
            "-1",
            "3",
            '"3"',
            "1e999",
            "{",
            "}",
            "\n",
            "9" * 5000,
            ",",
        ]
    )
    | st.text(max_size=5),
    max_size=30,
).map("".join)


@BOUND
@given(st.one_of(raw_bytes, toml_noise.map(_encoded)))
def test_config_files(content: bytes) -> None:
    with a_file("behaviordiff.toml", content) as path:
        result_or_clear_error(lambda: load_config_file(path))


@BOUND
@given(st.one_of(yaml_texts, documents.map(yaml_of)))
def test_agent_yaml(text: str) -> None:
    result_or_clear_error(lambda: parse_agent_config(text, "agent.yaml"))


@BOUND
@given(st.one_of(yaml_texts, documents.map(yaml_of)))
def test_review_edit_files(text: str) -> None:
    record = SimpleNamespace(kind="macro", content={"old_body": "Hello."})
    item = SimpleNamespace(fields=EDIT_FIELDS, label="macro", handle="C1.1", record=record)
    result_or_clear_error(lambda: parse_edit(text, "edit.yaml", item))  # type: ignore[arg-type]


# transcripts, knowledge base ------------------------------------------------------------------


@BOUND
@given(st.lists(st.one_of(documents.map(json_of), st.text(max_size=40)), max_size=6))
def test_replay_files(lines: list[str]) -> None:
    with a_file("runs.jsonl", _encoded("\n".join(lines))) as path:
        result_or_clear_error(lambda: list(iter_replay(path)))


@BOUND
@given(raw_bytes)
def test_compressed_replay_files(content: bytes) -> None:
    import gzip

    with a_file("runs.jsonl.gz", gzip.compress(content)[: max(1, len(content) // 2)]) as path:
        result_or_clear_error(lambda: list(iter_replay(path)))


@BOUND
@given(st.one_of(documents.map(json_of), st.text(max_size=60)))
def test_tool_arguments(raw: str) -> None:
    parsed, text = parse_arguments(raw)
    assert parsed is None or isinstance(parsed, dict)
    assert text == raw


@BOUND
@given(st.one_of(raw_bytes, documents.map(lambda d: {"macros": [d, d]}).map(json_of).map(_encoded)))
def test_macro_exports(content: bytes) -> None:
    with a_file("macros.json", content) as path:
        result_or_clear_error(lambda: load_macros(path))


@BOUND
@given(st.one_of(raw_bytes, st.lists(st.text(max_size=20), max_size=8).map(",".join).map(_encoded)))
def test_macro_csv(content: bytes) -> None:
    with a_file("macros.csv", b"id,title,body\n" + content) as path:
        result_or_clear_error(lambda: load_macros(path))


@BOUND
@given(st.one_of(raw_bytes, yaml_texts.map(lambda text: _encoded("---\n" + text + "\n---\nBody"))))
def test_markdown_articles(content: bytes) -> None:
    with a_file("article.md", content) as path:
        result_or_clear_error(lambda: load_articles(path))


# templates and reply analysis -----------------------------------------------------------------

template_noise = st.lists(
    st.sampled_from(
        [
            "{{ ",
            " }}",
            "{% for i in range(",
            ") %}",
            "{% endfor %}",
            "x",
            "*",
            "**",
            "9999999",
            "'a'",
            "|center(",
            "{% macro m() %}",
            "{{ m() }}",
            "{% endmacro %}",
            "{{ name }}",
            "{%",
            "%}",
            "1/0",
            "(",
            ")",
        ]
    )
    | st.text(max_size=4),
    max_size=25,
).map("".join)


@BOUND
@given(template_noise)
def test_prompt_templates(source: str) -> None:
    templates = PromptTemplates({"p.j2": source}, "v")

    def render() -> str:
        templates.check_syntax()
        return templates.render("p.j2", {"name": "Bo"}, probe="p1")

    result_or_clear_error(render)


reply_texts = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.sampled_from(
            [
                "$",
                "5",
                ",000",
                ".50",
                "%",
                " days",
                "a@b.co",
                "http://x.y/z",
                " ",
                "refund",
                "return",
                "can't",
                "2024-02-30",
                "March 3",
                "555-123-4567",
            ]
        ),
        max_size=200,
    ).map("".join),
)


@BOUND
@given(reply_texts, reply_texts)
def test_reply_analysis(first: str, second: str) -> None:
    extract_promises(first)
    concepts(first)
    backend = BuiltinBackend()
    backend.fit([first, second])
    a, b = backend.encode([first, second])
    assert 0.0 <= backend.distance(a, b) <= 1.0
    assert 0.0 <= word_overlap_distance(first, second) <= 1.0
