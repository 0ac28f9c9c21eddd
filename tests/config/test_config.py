"""The project config: where it is found, what it holds, the workspace location."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviordiff.config import STARTER_CONFIG, ConfigError, find_project, parse_config


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
