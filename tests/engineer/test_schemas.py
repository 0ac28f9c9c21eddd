"""`behaviordiff schema`: every format a user writes or reads, checked against real files and
the commands' real output (so the schemas cannot drift from the code)."""

from __future__ import annotations

import copy
import functools
import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from behaviordiff.schemas import SCHEMAS, json_schema
from tests.conftest import EXAMPLE, FIXTURES, Demo
from tests.engineer.conftest import Invoke

NAMES = [schema.name for schema in SCHEMAS]
OUTPUTS = ("diff", "run", "compare", "draft", "review")
RECORDINGS = FIXTURES / "detect" / "example"


def _closed(node: Any) -> Any:
    """The schema with every described object closed: a key the code emits that the schema
    does not describe is then an error (drift), though the published schema allows it."""
    if isinstance(node, dict):
        closed = {key: _closed(value) for key, value in node.items()}
        if "properties" in closed:
            closed["additionalProperties"] = False
        return closed
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node


@functools.cache
def _validator(name: str, closed: bool) -> Draft202012Validator:
    """One validator per schema (and closedness) for the test process: the schema is the
    same for every document, and generating it from the models is the costly part."""
    schema = json_schema(name)
    return Draft202012Validator(_closed(copy.deepcopy(schema)) if closed else schema)


def problems(name: str, document: Any, *, closed: bool = False) -> list[str]:
    """Where and why the document does not match, the deepest error of each (short)."""
    from jsonschema.exceptions import best_match

    validator = _validator(name, closed)
    found = []
    for error in validator.iter_errors(document):
        while error.context:  # anyOf/oneOf: say what failed inside, not the whole value
            error = best_match(error.context)
        place = "/".join(str(part) for part in error.absolute_path) or "(top)"
        found.append(f"{place}: {error.message[:200]}")
    return sorted(found)[:10]


def assert_output(name: str, document: Any) -> None:
    found = problems(name, document, closed=True)
    assert not found, f"the {name} output differs from schemas/outputs.py: {found}"


# the command -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_a_valid_json_schema_printed_by_the_command(
    invoke: Invoke, name: str
) -> None:
    schema = json_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["title"] and schema["description"]
    printed = invoke("schema", name)
    assert printed.exit_code == 0, printed.message
    assert json.loads(printed.stdout) == schema


def test_list_write_and_unknown_names(invoke: Invoke, tmp_path: Path) -> None:
    listed = invoke("schema", "--list")
    assert listed.exit_code == 0
    for name in NAMES:
        assert f"\n{name} " in "\n" + listed.stdout
    assert "[tool.behaviordiff]" in listed.stdout  # not eaten as markup
    assert "docs/reference.md" in listed.stdout
    as_json = invoke("schema", "--list", "--format", "json")
    assert [entry["name"] for entry in json.loads(as_json.stdout)] == NAMES

    written = invoke("schema", "--output", str(tmp_path / "schemas"))
    assert written.exit_code == 0
    assert sorted(path.stem for path in (tmp_path / "schemas").glob("*.json")) == sorted(NAMES)
    on_disk = json.loads((tmp_path / "schemas" / "agent.json").read_text())
    assert on_disk == json_schema("agent")

    unknown = invoke("schema", "agents")
    assert unknown.exit_code == 2
    assert "No schema named 'agents'" in unknown.message and "agent, config" in unknown.message


def test_every_review_status_is_described() -> None:
    from behaviordiff.store.drafts import STATUSES

    status = json_schema("review")["$defs"]["ReviewItemOut"]["properties"]["status"]
    for name in STATUSES:
        assert name in status["description"], name


def test_field_docstrings_become_descriptions() -> None:
    agent = json_schema("agent")
    assert "handed to a human" in json.dumps(agent["$defs"]["EscalationSpec"])
    config = json_schema("config")
    assert "Samples per probe per version" in json.dumps(config["$defs"]["RunSection"])


# the files a user writes -----------------------------------------------------------------


def test_the_bundled_examples_files_validate() -> None:
    for version in ("support-v1", "support-v2"):
        agent = yaml.safe_load((EXAMPLE / "agents" / version / "agent.yaml").read_text())
        assert problems("agent", agent) == []
    config = tomllib.loads((EXAMPLE / "behaviordiff.toml").read_text())
    assert problems("config", config) == []
    suite = yaml.safe_load((EXAMPLE / "probes" / "core.yaml").read_text())
    assert problems("suite", suite) == []
    assert problems("suite", suite["probes"]) == []  # a plain list of probes is a suite too
    for probe in suite["probes"]:
        assert problems("probe", probe) == []
    for recording in ("v1.s3.jsonl", "v2.s5.jsonl"):
        for line in (RECORDINGS / recording).read_text().splitlines():
            assert problems("replay", json.loads(line)) == []


@pytest.mark.parametrize(
    ("name", "document", "complaint"),
    [
        ("agent", {"adapter": "grpc", "model": "m"}, "adapter"),
        ("agent", {"model": "m", "temperature": 3}, "temperature"),
        ("agent", {"model": "m", "tool": []}, "tool"),
        ("config", {"run": {"samples": 0}}, "run/samples"),
        ("config", {"probe": {"suites": []}}, "probe"),
        ("suite", {"probes": [{"id": "a", "messages": [{"role": "robot"}]}]}, "role"),
        ("suite", {"probes": []}, "probes"),
        ("probe", {"id": "a", "messages": [], "tags": "x"}, "tags"),
        ("replay", {"probe_id": "a", "sample": -1, "messages": []}, "sample"),
        ("replay", {"messages": []}, "probe_id"),
        ("command-output", {"message": []}, "messages"),
    ],
)
def test_what_the_code_rejects_the_schema_rejects(
    name: str, document: dict[str, Any], complaint: str
) -> None:
    found = problems(name, document)
    assert found and complaint in " ".join(found), found


# the command adapter's protocol ----------------------------------------------------------


def test_the_command_protocol_is_what_the_adapter_sends_and_the_example_agent_answers() -> None:
    from behaviordiff.agent.source import FolderSource
    from behaviordiff.agent.version import load_version
    from behaviordiff.probes import load_suite
    from behaviordiff.runner.adapters import CommandAdapter

    folder = EXAMPLE / "agents" / "support-v2"
    version = load_version(FolderSource(folder).read_all(), "support-v2", folder=folder)
    adapter = CommandAdapter(version, version_dir=folder, project_root=EXAMPLE)
    probes = {probe.id: probe for probe in load_suite(EXAMPLE / "probes" / "core.yaml")}
    for probe_id in ("delay-60-96h-multiturn", "return-member-38d"):
        payload = adapter.payload(probes[probe_id], 1)
        assert problems("command-input", payload, closed=True) == []
        answered = subprocess.run(
            [sys.executable, str(EXAMPLE / "sim" / "acme_agent.py")],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            cwd=folder,
            check=True,
            timeout=60,
        )
        assert problems("command-output", json.loads(answered.stdout)) == []


# the commands' JSON output ---------------------------------------------------------------


def _example_project(tmp_path: Path, ids: tuple[str, ...]) -> Path:
    import shutil

    root = tmp_path / "acme"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("__pycache__", ".behaviordiff"))
    suite = yaml.safe_load((root / "probes" / "core.yaml").read_text())
    suite["probes"] = [probe for probe in suite["probes"] if probe["id"] in ids]
    (root / "probes" / "core.yaml").write_text(yaml.safe_dump(suite))
    return root


def test_every_commands_json_output_matches_its_schema(invoke: Invoke, tmp_path: Path) -> None:
    """The demo's commands on the example (a few probes, so the test is quick): diff, run
    (dry and real), compare, draft, review list, and transcripts in the replay format."""
    root = _example_project(
        tmp_path, ("delay-80-96h", "delay-25-72h", "return-member-38d", "complaint-wrong-item")
    )
    workspace = str(tmp_path / "ws")
    versions = ("agents/support-v1", "agents/support-v2")

    def json_of(*args: str) -> Any:
        result = invoke(*args, "--format", "json", cwd=root)
        assert result.exit_code == 0, result.message
        return json.loads(result.stdout)

    diff = json_of("diff", *versions)
    assert_output("diff", diff)
    assert problems("diff", {**diff, "surprise": 1}, closed=True)  # drift is caught
    dry = json_of("run", *versions, "--dry-run", "-w", workspace)
    assert dry["dry_run"] and "analysis" not in dry
    assert_output("run", dry)
    ran = json_of("run", *versions, "--drafter", "template", "-w", workspace)
    assert ran["analysis"]["changes"] and ran["drafts"]["notes"]
    assert_output("run", ran)
    assert_output("draft", json_of("draft", "--drafter", "template", "-w", workspace))
    assert_output("review", json_of("review", "list", "-w", workspace))
    compared = json_of(
        "compare",
        str(RECORDINGS / "v1.s3.jsonl"),
        str(RECORDINGS / "v2.s3.jsonl"),
        "--save",
        "-w",
        workspace,
    )
    assert compared["release"] and compared["changes"]
    assert_output("compare", compared)

    exported = invoke("transcripts", "--side", "head", "--release", "1", "-w", workspace, cwd=root)
    assert exported.exit_code == 0, exported.message
    lines = exported.stdout.splitlines()
    assert len(lines) == 12
    for line in lines:
        assert problems("replay", json.loads(line)) == []


def test_the_publish_commands_json_matches_its_schema(invoke: Invoke, tmp_path: Path) -> None:
    """gate, export and changelog, on an approved release of the example: the schemas
    `schema --list` names are the ones their output holds to."""
    root = _example_project(
        tmp_path, ("delay-80-96h", "delay-120-72h", "return-member-38d", "return-window-member")
    )
    workspace = str(tmp_path / "ws")

    def json_of(*args: str, code: int = 0) -> Any:
        result = invoke(*args, "--format", "json", "-w", workspace, cwd=root)
        assert result.exit_code == code, result.message
        return json.loads(result.stdout)

    ran = json_of("run", "agents/support-v1", "agents/support-v2", "--drafter", "template")
    assert ran["drafts"]["edits"]
    held = json_of("gate", "--stage", "canary", code=1)
    assert held["missing"] and not held["passed"]
    assert_output("gate", held)
    approved = invoke("review", "approve", "--all", "-w", workspace, cwd=root)
    assert approved.exit_code == 0, approved.message
    invoke("draft", "--effective", "2027-01-15", "-w", workspace, cwd=root)
    full = json_of("gate", "--stage", "full", code=1)
    assert full["lead_time"] and full["missing"][0]["role"] == "cs"
    assert_output("gate", full)
    exported = json_of("export", "--to", "zendesk", "-o", str(tmp_path / "zendesk.json"))
    assert exported["exported"] and exported["skipped"]
    assert_output("export", exported)
    assert problems("export", {**exported, "surprise": 1}, closed=True)  # drift is caught
    changelog = json_of("changelog")
    assert changelog["releases"]
    assert problems("changelog", changelog) == []
    assert problems("changelog", {**changelog, "surprise": 1})  # its own schema is closed


def test_init_print_as_json_holds_the_toml(invoke: Invoke, tmp_path: Path) -> None:
    printed = invoke("init", "--print", "--format", "json")
    assert printed.exit_code == 0, printed.message
    data = json.loads(printed.stdout)
    assert data["file"] == "behaviordiff.toml"
    assert tomllib.loads(data["text"]) == data["config"]
    assert data["config"]["run"]["samples"] == 3
    assert data["text"] == invoke("init", "--print").stdout
    assert not (tmp_path / "behaviordiff.toml").exists()


def test_the_demos_json_matches_its_schema(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo itself, on the example cut to a few probes (the whole suite takes minutes)."""
    import behaviordiff.resources

    trimmed = _example_project(
        tmp_path / "source", ("delay-80-96h", "delay-25-72h", "return-member-38d")
    )
    monkeypatch.setattr(behaviordiff.resources, "example_dir", lambda: trimmed)
    result = invoke("demo", str(tmp_path / "demo"), "--format", "json")
    assert result.exit_code == 0, result.message
    data = json.loads(result.stdout)
    assert data["probes"]["probes"] == 3 and data["run"]["stored"] == {"ok": 18}
    assert data["analysis"]["changes"] and data["drafts"]["notes"]
    assert_output("demo", data)
    # `probes check --format json` is the same summary
    checked = invoke("probes", "check", "--agent", "agents/support-v1", "-f", "json", cwd=trimmed)
    assert problems("demo", {**data, "probes": json.loads(checked.stdout)}, closed=True) == []


@pytest.mark.xdist_group("demo")
def test_the_demos_export_with_a_settings_review_matches_its_schema(
    invoke: Invoke, demo: Demo
) -> None:
    approved = invoke("review", "approve", "--all", cwd=demo.folder)
    assert approved.exit_code == 0, approved.message
    exported = invoke("export", "--to", "zendesk", "-o", "z.json", "-f", "json", cwd=demo.folder)
    assert exported.exit_code == 0, exported.message
    data = json.loads(exported.stdout)
    assert any(item["settings_review"] for item in data["exported"])
    assert_output("export", data)
