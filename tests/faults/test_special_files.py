"""A path that is not a regular file (a symlink to /dev/zero, a named pipe, a folder, a broken
link) where a file is read is an error saying what it is: never read until memory runs out,
never a wait for a writer that does not come, never silently skipped."""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from behaviordiff import loading
from behaviordiff.agent.source import FolderSource
from behaviordiff.agent.version import load_version
from behaviordiff.config import find_project
from behaviordiff.errors import BehaviordiffError, ConfigError, ProbeError, VersionError
from behaviordiff.loading import iter_jsonl, read_text
from behaviordiff.probes.suite import load_suite
from behaviordiff.transcripts import ReplayError, iter_replay
from tests.conftest import EXAMPLE
from tests.faults.conftest import InProcessCli

pytestmark = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


SPECIAL: dict[str, tuple[Callable[[Path], None], str]] = {
    "dev_zero": (_zero, "is a character device (/dev/zero), not a file"),
    "fifo": (_fifo, "is a named pipe (FIFO), not a file"),
    "folder": (_folder, "is a directory, not a file"),
}


@pytest.mark.parametrize("case", sorted(SPECIAL))
def test_a_whole_file_read_refuses_what_is_not_a_file(tmp_path: Path, case: str) -> None:
    make, said = SPECIAL[case]
    path = tmp_path / "macros.json"
    make(path)
    with pytest.raises(BehaviordiffError) as caught:
        read_text(path, BehaviordiffError)
    assert said in caught.value.message
    assert caught.value.where == str(path)


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (("review", "import", "r.json"), "r.json"),
        (("gate", "--stage", "canary", "--reviews", "r.json"), "r.json"),
        (("compare", "r.jsonl", "r.jsonl"), "r.jsonl"),
    ],
)
def test_commands_given_dev_zero_exit_2_naming_it(
    tmp_path: Path, bd: InProcessCli, argv: tuple[str, ...], name: str
) -> None:
    """These ran out of memory (exit 70, MemoryError) reading /dev/zero whole."""
    _zero(tmp_path / name)
    result = bd(*argv)
    assert result.exit_code == 2, result.stderr
    assert f"{name}: is a character device (/dev/zero), not a file" in result.stderr


def test_a_named_pipe_nothing_writes_to_is_an_error_not_a_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "PIPE_WAIT", 0.05)
    path = tmp_path / "old.jsonl"
    _fifo(path)
    with pytest.raises(ReplayError) as caught:
        list(iter_replay(path))
    assert "named pipe (FIFO) that nothing wrote to" in caught.value.message
    assert "start the program that writes into it first" in str(caught.value.hint)


def _line(sample: int) -> str:
    messages = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "ok"}]
    return json.dumps({"probe_id": "p1", "sample": sample, "messages": messages}) + "\n"


def test_a_pipe_with_a_writer_streams_as_a_file_does(tmp_path: Path) -> None:
    """`compare <(zcat old.jsonl.gz) new.jsonl`: the shell hands over a pipe."""
    read, write = os.pipe()

    def writer() -> None:
        with os.fdopen(write, "w") as handle:
            handle.write("".join(_line(n) for n in range(3)))

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        runs = list(iter_replay(Path(f"/dev/fd/{read}")))
    finally:
        thread.join()
        os.close(read)
    assert [run.sample for run in runs] == [0, 1, 2]


def test_a_gzip_file_without_gz_in_its_name_says_so(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "old.jsonl"
    path.write_bytes(gzip.compress(_line(0).encode()))
    with pytest.raises(ReplayError) as caught:
        list(iter_replay(path))
    assert caught.value.message == "is gzip-compressed, but its name does not end in .gz"
    assert "name it with .gz at the end" in str(caught.value.hint)


def test_an_endless_line_is_refused_having_read_the_limit_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line is read at most one byte past the limit: the file here is 100 times the
    limit, one line, and the error says so at line 1 without taking all of it in."""
    monkeypatch.setattr(loading, "MAX_LINE_BYTES", 1024 * 1024)
    path = tmp_path / "huge.jsonl"
    path.write_bytes(b'{"probe_id": "' + b"x" * (100 * 1024 * 1024) + b'"}\n')
    taken: list[int] = []
    real = loading._lines

    def counting(handle, where, error):  # type: ignore[no-untyped-def]
        for number, raw in real(handle, where, error):
            taken.append(len(raw))
            yield number, raw

    monkeypatch.setattr(loading, "_lines", counting)
    with pytest.raises(BehaviordiffError) as caught:
        list(iter_jsonl(path, BehaviordiffError, "hint"))
    assert caught.value.where == f"{path}:1"
    assert "over the 1 MB limit for one record" in caught.value.message
    assert taken == [1024 * 1024 + 1]


@pytest.mark.parametrize("case", sorted(SPECIAL))
def test_a_config_that_is_not_a_file_is_an_error_not_ignored(tmp_path: Path, case: str) -> None:
    """It was skipped: the project ran on defaults, saying no suite was configured."""
    make, said = SPECIAL[case]
    make(tmp_path / "behaviordiff.toml")
    with pytest.raises(ConfigError) as caught:
        find_project(tmp_path)
    assert said in caught.value.message
    assert caught.value.where == str(tmp_path / "behaviordiff.toml")


def test_a_broken_config_link_names_the_link_and_its_target(tmp_path: Path) -> None:
    (tmp_path / "behaviordiff.toml").symlink_to(tmp_path / "gone.toml")
    with pytest.raises(ConfigError) as caught:
        find_project(tmp_path)
    assert caught.value.where == str(tmp_path / "behaviordiff.toml")
    assert f"it is a link to {tmp_path / 'gone.toml'}" in caught.value.message


@pytest.mark.parametrize("case", sorted(SPECIAL))
def test_a_probe_suite_that_is_not_a_file_says_what_it_is(tmp_path: Path, case: str) -> None:
    make, said = SPECIAL[case]
    path = tmp_path / "core.yaml"
    make(path)
    with pytest.raises(ProbeError) as caught:
        load_suite(path)
    assert said.replace(" (/dev/zero)", "") in caught.value.message


@pytest.mark.parametrize("case", ["dev_zero", "fifo"])
@pytest.mark.parametrize("name", ["agent.yaml", "system.md.j2"])
def test_an_agent_file_that_is_not_a_file_says_what_it_is(
    tmp_path: Path, case: str, name: str
) -> None:
    """It read "no agent.yaml" / "does not exist" (a pipe, a device were passed over). A
    link to /dev/zero leads out of the folder and is not read at all."""
    make, said = SPECIAL[case]
    said = said if case == "fifo" else "is a link to /dev/zero, outside the project"
    version = tmp_path / "v2"
    shutil.copytree(EXAMPLE / "agents" / "support-v2", version)
    (version / name).unlink()
    make(version / name)
    with pytest.raises(VersionError) as caught:
        load_version(FolderSource(version).read_all(), "v2", folder=version)
    assert said in caught.value.message
    assert name in caught.value.message


def test_a_version_file_linking_out_of_the_project_is_not_read(tmp_path: Path) -> None:
    """A change adding `notes.md -> a secret` showed that file in `diff` (and a prompt so
    linked went to the model): such a link is not read; one inside the project still is."""
    outside = tmp_path / "secret.txt"
    outside.write_text("hunter2\n", encoding="utf-8")
    project = tmp_path / "project"
    version = project / "agents" / "v2"
    shutil.copytree(EXAMPLE / "agents" / "support-v2", version)
    (version / "notes.md").symlink_to(outside)
    (project / "shared.md").write_text("Shared rules.\n", encoding="utf-8")
    (version / "shared.md").symlink_to(project / "shared.md")
    files = FolderSource(version, within=project).read_all()
    assert "notes.md" not in files
    assert (
        files.skipped["notes.md"] == f"is a link to {outside}, outside the project: it is not read"
    )
    assert files["shared.md"] == "Shared rules.\n"
    (version / "system.md.j2").unlink()
    (version / "system.md.j2").symlink_to(outside)
    with pytest.raises(VersionError) as caught:
        load_version(FolderSource(version, within=project).read_all(), "v2", folder=version)
    assert f"is a link to {outside}, outside the project" in caught.value.message


def _templates_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "tpl").mkdir(parents=True)
    (project / "behaviordiff.toml").write_text('[publish]\ntemplates = "tpl"\n', encoding="utf-8")
    return project


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (
            lambda p: p.symlink_to("/etc/hostname"),
            "is a link to /etc/hostname, outside the project",
        ),
        (_fifo, "is a named pipe (FIFO), not a file"),
    ],
)
def test_an_included_template_that_is_a_link_out_or_a_pipe_is_an_error(
    tmp_path: Path, make: Callable[[Path], None], said: str
) -> None:
    """A link out was rendered into the changelog; a pipe or device was passed over as if
    the template were missing."""
    from behaviordiff.publish.templates import PublishError, render

    project = _templates_project(tmp_path)
    (project / "tpl" / "changelog.md.j2").write_text("{% include 'part' %}", encoding="utf-8")
    make(project / "tpl" / "part")
    with pytest.raises(PublishError) as caught:
        render(find_project(project), "changelog.md.j2", changelog={})
    assert f"the template 'part' {said}" in caught.value.message
    assert caught.value.where == str(project / "tpl" / "part")


def test_a_template_linking_inside_the_project_renders(tmp_path: Path) -> None:
    from behaviordiff.publish.templates import render

    project = _templates_project(tmp_path)
    (project / "part.txt").write_text("shared part", encoding="utf-8")
    (project / "tpl" / "part").symlink_to(project / "part.txt")
    (project / "tpl" / "changelog.md.j2").write_text("{% include 'part' %}", encoding="utf-8")
    assert render(find_project(project), "changelog.md.j2", changelog={}) == "shared part"


@pytest.mark.parametrize("name", ["/etc/passwd", "../behaviordiff.toml", "nope"])
def test_an_include_of_no_template_says_which_and_where_templates_are(
    tmp_path: Path, name: str
) -> None:
    """It read "cannot render the template: nope"."""
    from behaviordiff.publish.templates import PublishError, render

    project = _templates_project(tmp_path)
    (project / "tpl" / "changelog.md.j2").write_text(
        "line 1\n{% include '" + name + "' %}", encoding="utf-8"
    )
    with pytest.raises(PublishError) as caught:
        render(find_project(project), "changelog.md.j2", changelog={})
    assert f"includes or extends '{name}', which is no template in" in caught.value.message
    assert caught.value.where == f"{project / 'tpl' / 'changelog.md.j2'}:2"
