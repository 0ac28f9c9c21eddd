"""Config, agent versions, structural diff, probe suites and the workspace, tested alone."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from behaviordiff.agent import resolve_version
from behaviordiff.config import STARTER_CONFIG, ConfigError, find_project, parse_config
from behaviordiff.diffing import diff_versions
from behaviordiff.diffing.text import split_sections, split_sentences
from behaviordiff.errors import ProbeError, VersionError
from behaviordiff.probes import load_suite
from behaviordiff.store import Workspace
from behaviordiff.store.migrations import MIGRATIONS
from tests.conftest import FIXTURES, git_commit, make_git_repo

BROKEN = FIXTURES / "broken"


def test_starter_config_is_valid_and_documents_every_section() -> None:
    import tomllib

    config = parse_config(tomllib.loads(STARTER_CONFIG), Path("behaviordiff.toml"))
    assert config.run.samples == 3
    for section in (
        "[agent]",
        "[probes]",
        "[knowledge_base]",
        "[run]",
        "[drafting]",
        "[workspace]",
    ):
        assert section in STARTER_CONFIG


def test_config_from_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.behaviordiff.run]\nsamples = 5\n'
    )
    (tmp_path / "sub").mkdir()
    project = find_project(tmp_path / "sub")
    assert project.config.run.samples == 5
    assert project.root == tmp_path.resolve()


def test_pyproject_unknown_key_names_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.behaviordiff.run]\nsampels = 5\n")
    with pytest.raises(ConfigError, match=r"unknown key 'tool\.behaviordiff\.run\.sampels'"):
        find_project(tmp_path)


def test_workspace_location_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "behaviordiff.toml").write_text('[workspace]\npath = "ws"\n')
    project = find_project(tmp_path)
    monkeypatch.delenv("BEHAVIORDIFF_WORKSPACE")
    assert project.workspace_path() == tmp_path.resolve() / "ws"
    monkeypatch.setenv("BEHAVIORDIFF_WORKSPACE", str(tmp_path / "env"))
    assert project.workspace_path() == tmp_path / "env"
    assert project.workspace_path(tmp_path / "opt") == tmp_path / "opt"


def test_sentences_and_sections() -> None:
    assert split_sentences("Refund 50% of the $4.50 fee, e.g. for late orders. Then say so!") == [
        "Refund 50% of the $4.50 fee, e.g. for late orders.",
        "Then say so!",
    ]
    sections = split_sections(
        "Intro.\n\n# Agent\nHello. Bye.\n## Refunds\n- One. Two.\n- Three\n```\n# code\n```\n"
    )
    assert list(sections) == ["(before the first heading)", "Agent", "Refunds"]
    assert sections["Refunds"] == ["One.", "Two.", "Three", "```\n# code\n```"]


def _two_versions(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(BROKEN / "agent_ok", old)
    shutil.copytree(BROKEN / "agent_ok", new)
    (new / "system.md.j2").write_text(
        "# Support agent\nYou help {{ customer_name }} with orders.\n\n"
        "## Returns\nItems can be returned within 45 days. Members get free return labels.\n"
        "\n## Tone\nBe warm.\n"
    )
    config = (new / "agent.yaml").read_text().replace("temperature: 0.2", "temperature: 0.5")
    config += (
        "  - type: function\n    function:\n      name: issue_refund\n"
        "      parameters: {type: object, properties: {amount: {type: number}}}\n"
    )
    (new / "agent.yaml").write_text(config)
    return old, new


def test_diff_names_sections_sentences_config_and_tools(tmp_path: Path) -> None:
    old, new = _two_versions(tmp_path)
    project = find_project(tmp_path)
    diff = diff_versions(resolve_version(str(old), project), resolve_version(str(new), project))
    summaries = [hunk.summary() for hunk in diff.hunks]
    assert (
        "section Returns: sentence changed: Items can be returned within 30 days. → "
        "Items can be returned within 45 days." in summaries
    )
    assert "section Returns: sentence added: Members get free return labels." in summaries
    assert "system.md.j2: section Tone added" in summaries
    assert "config temperature: 0.2 → 0.5" in summaries
    assert "tool issue_refund added" in summaries
    changed = next(h for h in diff.hunks if h.kind == "sentence_changed")
    assert changed.removed_words == ("30",) and changed.added_words == ("45",)
    data = json.loads(json.dumps(diff.to_dict()))
    assert data["stats"]["tool_added"] == 1
    assert not data["identical"]


def test_identical_versions_have_an_empty_diff(tmp_path: Path) -> None:
    project = find_project(tmp_path)
    version = resolve_version(str(BROKEN / "agent_ok"), project)
    assert diff_versions(version, version).is_empty()


def test_versions_from_git_refs_without_touching_the_work_tree(tmp_path: Path) -> None:
    old, new = _two_versions(tmp_path)
    repo = make_git_repo(tmp_path / "repo")
    (repo / "behaviordiff.toml").write_text('[agent]\npath = "agents/support"\n')
    shutil.copytree(old, repo / "agents" / "support")
    git_commit(repo, "v1", tag="v1")
    shutil.rmtree(repo / "agents" / "support")
    shutil.copytree(new, repo / "agents" / "support")
    git_commit(repo, "v2")
    (repo / "agents" / "support" / "system.md.j2").write_text("# uncommitted\n")

    project = find_project(repo)
    base = resolve_version("v1", project)
    head = resolve_version("HEAD", project)
    assert base.label == "v1:agents/support"
    assert "30 days" in base.files["system.md.j2"]
    assert "45 days" in head.files["system.md.j2"]
    assert (repo / "agents" / "support" / "system.md.j2").read_text() == "# uncommitted\n"
    assert any(h.summary() == "tool issue_refund added" for h in diff_versions(base, head).hunks)
    explicit = resolve_version("v1:agents/support", project)
    assert explicit.fingerprint() == base.fingerprint()
    # a ref against a folder on disk
    assert diff_versions(base, resolve_version(str(old), project)).is_empty()


def test_git_ref_without_agent_path_explains_the_fix(tmp_path: Path) -> None:
    repo = make_git_repo(tmp_path / "repo")
    shutil.copytree(BROKEN / "agent_ok", repo / "agent")
    git_commit(repo, "v1")
    with pytest.raises(VersionError, match=r"does not say where the agent lives"):
        resolve_version("HEAD", find_project(repo))
    assert resolve_version("HEAD:agent", find_project(repo)).config.model == "gpt-4o-mini"


def test_probe_suite_jsonl_and_duplicates(tmp_path: Path) -> None:
    suite_file = tmp_path / "probes.jsonl"
    line = {"id": "a", "messages": [{"role": "user", "content": "hi"}], "tags": ["x"]}
    suite_file.write_text(json.dumps(line) + "\n\n" + json.dumps({**line, "id": "b"}) + "\n")
    suite = load_suite(suite_file)
    assert [probe.id for probe in suite] == ["a", "b"]
    assert suite.summary()["tags"] == {"x": 2}
    suite_file.write_text(json.dumps(line) + "\n" + json.dumps(line) + "\n")
    with pytest.raises(ProbeError, match=r"probes.jsonl:2: duplicate probe id 'a'"):
        load_suite(suite_file)
    suite_file.write_text("{not json\n")
    with pytest.raises(ProbeError, match=r"probes.jsonl:1: not valid JSON"):
        load_suite(suite_file)


def test_probe_defaults_merge(tmp_path: Path) -> None:
    suite_file = tmp_path / "probes.yaml"
    suite_file.write_text(
        "defaults:\n  variables: {customer_name: Alex, membership: standard}\n  tags: [core]\n"
        "probes:\n  - id: p1\n    variables: {membership: member}\n    tags: [returns]\n"
        "    messages: [{role: user, content: hi}]\n"
    )
    probe = load_suite(suite_file).probes[0]
    assert probe.variables == {"customer_name": "Alex", "membership": "member"}
    assert probe.tags == ["core", "returns"]


def test_conversation_must_end_with_the_customer(tmp_path: Path) -> None:
    suite_file = tmp_path / "probes.yaml"
    suite_file.write_text(
        "probes:\n  - id: p1\n"
        "    messages: [{role: user, content: hi}, {role: assistant, content: yo}]\n"
    )
    with pytest.raises(ProbeError, match=r"probe 'p1'.*must end with a user"):
        load_suite(suite_file)


def test_workspace_migrations_wal_and_audit(tmp_path: Path) -> None:
    with Workspace(tmp_path / "ws") as store:
        assert store.schema_version() == len(MIGRATIONS)
        release = store.create_release(base_label="a", head_label="b", diff={"x": 1})
        assert store.release_diff(release.id) == {"x": 1}
        assert [entry["action"] for entry in store.audit(release.id)] == ["release.create"]
        mode = store.db.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
    with Workspace(tmp_path / "ws") as store:  # reopening applies nothing twice
        assert [r.name for r in store.releases()] == ["a → b"]
        count = store.db.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0]
        assert count == len(MIGRATIONS)


def test_workspace_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    Workspace(tmp_path / "ws").close()
    db = sqlite3.connect(tmp_path / "ws" / "workspace.sqlite3")
    db.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    db.commit()
    db.close()
    from behaviordiff.errors import WorkspaceError

    with pytest.raises(WorkspaceError, match="newer behaviordiff"):
        Workspace(tmp_path / "ws")


def test_one_run_at_a_time_per_workspace(tmp_path: Path) -> None:
    from behaviordiff.errors import WorkspaceError

    with Workspace(tmp_path / "ws") as first, Workspace(tmp_path / "ws") as second:
        with (
            first.exclusive("run"),
            pytest.raises(WorkspaceError, match="another behaviordiff run"),
            second.exclusive("run"),
        ):
            pass
        with second.exclusive("run"):  # free again once the first is done
            pass
