"""A knowledge-base path in the config that names no readable file stops every command that
checks inputs before spending (`kb check`, `probes check`, `run --dry-run`, the start of
`run`) at once, naming the file, the config key, the config file and the fix. Before, a typo
passed the checks and `run` stopped only after every agent run and the analysis."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, CliRunner


def _project(tmp_path: Path, macros: str = "kb/macros.json", faq: str = "kb/faq") -> Path:
    root = tmp_path / "project"
    shutil.copytree(EXAMPLE, root)
    config = root / "behaviordiff.toml"
    text = config.read_text()
    assert 'macros = ["kb/macros.json"]' in text and 'faq = ["kb/faq"]' in text
    config.write_text(
        text.replace('macros = ["kb/macros.json"]', f'macros = ["{macros}"]').replace(
            'faq = ["kb/faq"]', f'faq = ["{faq}"]'
        )
    )
    return root


def _line_of(config: Path, start: str) -> int:
    lines = config.read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


@pytest.mark.parametrize(
    "args",
    [
        ("kb", "check"),
        ("probes", "check", "--agent", "agents/support-v1"),
        ("run", "agents/support-v1", "agents/support-v2", "--dry-run"),
        ("run", "agents/support-v1", "agents/support-v2"),
    ],
    ids=["kb-check", "probes-check", "dry-run", "run"],
)
def test_a_misspelt_macro_file_stops_before_any_run(
    cli: CliRunner, tmp_path: Path, args: tuple[str, ...]
) -> None:
    root = _project(tmp_path, macros="kb/macro.json")
    config = root / "behaviordiff.toml"
    result = cli(*args, cwd=root)
    assert result.exit_code == 2, result.stdout + result.stderr
    said = " ".join(result.stderr.split())
    assert f"{config}:{_line_of(config, 'macros =')}:" in said
    assert (
        "the macro file kb/macro.json named by `macros` under [knowledge_base] does not exist"
        in (said)
    )
    assert "Did you mean kb/macros.json?" in said
    assert "Fix the path in `macros` under [knowledge_base] in behaviordiff.toml." in said
    assert "Traceback" not in said
    assert "runs ok" not in result.stdout


def test_the_real_run_does_no_agent_run(cli: CliRunner, tmp_path: Path) -> None:
    root = _project(tmp_path, faq="kb/faqs")
    result = cli("run", "agents/support-v1", "agents/support-v2", "--format", "json", cwd=root)
    assert result.exit_code == 2
    assert "named by `faq` under [knowledge_base]" in result.stderr
    assert "did you mean kb/faq?" in result.stderr
    # no agent ran: no release was started, not even the workspace made
    assert not (root / ".behaviordiff" / "workspace.sqlite3").exists()


def test_a_missing_folder_and_a_folder_for_a_file_say_so(cli: CliRunner, tmp_path: Path) -> None:
    root = _project(tmp_path, faq="help/articles")
    said = " ".join(cli("kb", "check", cwd=root).stderr.split())
    assert "the FAQ path help/articles named by `faq` under [knowledge_base] does not exist" in said
    assert f"The folder {root / 'help'} does not exist either" in said
    root = _project(tmp_path / "two", macros="kb")
    said = " ".join(cli("kb", "check", cwd=root).stderr.split())
    assert "the macro file kb named by `macros` under [knowledge_base] is a folder" in said
    assert f"{root / 'kb'} holds faq, macros.json; name the export file itself" in said


def test_a_pyproject_config_is_named_with_its_table(cli: CliRunner, tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "behaviordiff.toml").unlink()
    (root / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.behaviordiff.probes]\nsuites = ["probes/core.yaml"]\n\n'
        '[tool.behaviordiff.knowledge_base]\nmacros = ["kb/macos.json"]\n'
    )
    result = cli("probes", "check", cwd=root)
    said = " ".join(result.stderr.split())
    assert result.exit_code == 2
    assert f"{root / 'pyproject.toml'}:8:" in said
    assert "named by `macros` under [tool.behaviordiff.knowledge_base]" in said
    assert "in pyproject.toml" in said and "Did you mean kb/macros.json?" in said
