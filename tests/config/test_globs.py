"""The config's globs (probes.suites, knowledge_base.macros/faq): relative, absolute and `~`
patterns expand; a pattern that matches nothing, would search the whole disk, names too many
files or cannot be searched is an error naming the key and the pattern, never exit 70."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviordiff import config as config_module
from behaviordiff.config import ConfigError, find_project
from behaviordiff.kb import KnowledgeBaseError, load_project_kb


def _project(tmp_path: Path, suites: str, macros: str = "[]"):
    folder = tmp_path / "project"
    folder.mkdir(exist_ok=True)
    (folder / "behaviordiff.toml").write_text(
        f"[probes]\nsuites = {suites}\n\n[knowledge_base]\nmacros = {macros}\n"
    )
    return find_project(folder)


def test_an_absolute_pattern_expands(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    for name in ("b.yaml", "a.yaml", "c.txt"):
        (shared / name).write_text("x")
    project = _project(tmp_path, f'["{shared}/*.yaml"]')
    assert project.probe_suites() == [shared / "a.yaml", shared / "b.yaml"]


def test_a_relative_pattern_still_expands_from_the_project(tmp_path: Path) -> None:
    project = _project(tmp_path, '["probes/*.yaml"]')
    (project.root / "probes").mkdir()
    (project.root / "probes" / "one.yaml").write_text("x")
    assert project.probe_suites() == [project.root / "probes" / "one.yaml"]


def test_a_pattern_from_the_root_with_double_star_is_refused(tmp_path: Path) -> None:
    depth = len(tmp_path.parts) + 1
    project = _project(tmp_path, f'["{"../" * depth}**/core.yaml"]')
    with pytest.raises(ConfigError) as caught:
        project.probe_suites()
    assert "probes.suites would search the whole disk" in caught.value.message


def test_a_pattern_matching_nothing_or_too_much_names_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path, '["nowhere/*.yaml"]', '["kb/*.json"]')
    with pytest.raises(ConfigError, match=r"'nowhere/\*\.yaml' in probes\.suites matches no file"):
        project.probe_suites()
    (project.root / "kb").mkdir()
    for number in range(4):
        (project.root / "kb" / f"m{number}.json").write_text("{}")
    monkeypatch.setattr(config_module, "MAX_MATCHES", 3)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_project_kb(project)
    assert "knowledge_base.macros matches more than 3 files" in caught.value.message


def test_a_folder_that_cannot_be_searched_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path, '["probes/*.yaml"]')

    def broken(self: Path, pattern: str):
        raise FileNotFoundError(2, "No such file or directory", "/proc/9135")
        yield self

    monkeypatch.setattr(Path, "glob", broken)
    with pytest.raises(ConfigError) as caught:
        project.probe_suites()
    assert "cannot be searched (No such file or directory: /proc/9135)" in caught.value.message
