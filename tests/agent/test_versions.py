"""Agent versions read from folders and git refs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from behaviordiff.agent import resolve_version
from behaviordiff.config import find_project
from behaviordiff.diffing import diff_versions
from behaviordiff.errors import VersionError
from tests.conftest import FIXTURES, git_commit, make_git_repo
from tests.diffing.test_diff import _two_versions

BROKEN = FIXTURES / "broken"


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
