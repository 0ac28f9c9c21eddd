"""Untrusted input on the publishing paths: helpdesk exports, bodies, export files, the
project's own changelog templates. Each ends in a clear error naming the file, line or key
and the fix, or in a safe output; never a traceback, never a stall."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.export import ExportError, export_release
from behaviordiff.kb import KnowledgeBase, load_knowledge_base
from behaviordiff.kb.importers import load_articles
from behaviordiff.publish.ack import DoneError, mark_done
from tests.export import helpdesks
from tests.export.conftest import approved_with  # noqa: F401  (the fixture)
from tests.publish.conftest import drafted  # noqa: F401  (the fixture)

HOSTILE_HTML = (
    '<script>alert("s")</script>'
    '<p>See <a href="javascript:alert(1)">our policy</a>.</p>'
    '<img src="x.png" onerror="alert(2)">'
    '<a href="&#106;avascript:alert(3)">again</a>'
    '<iframe src="https://evil.example"></iframe>'
)
ACTIVE = ("<script", "onerror", "javascript:", "&#106;avascript", "<iframe")


def _hostile_articles(make: Callable[[Path], KnowledgeBase]) -> Callable[[Path], KnowledgeBase]:
    """The helpdesk's export as `make` writes it, with active content in every article."""

    def build(folder: Path) -> KnowledgeBase:
        knowledge = make(folder)
        macros = sorted({item.source for item in knowledge.items if item.kind == "macro"})
        articles = sorted({item.source for item in knowledge.items if item.kind == "article"})
        for source in articles:
            path = Path(source)
            data = json.loads(path.read_text(encoding="utf-8"))
            rows = data["data"] if isinstance(data, dict) and "data" in data else data
            rows = rows["articles"] if isinstance(rows, dict) else rows
            for row in rows:
                key = "description" if "description" in row and "body" not in row else "body"
                row[key] = row[key] + HOSTILE_HTML
            path.write_text(json.dumps(data), encoding="utf-8")
        return load_knowledge_base([Path(s) for s in macros], [Path(s) for s in articles])

    return build


def _hostile_markdown(folder: Path) -> KnowledgeBase:
    faq = folder / "faq"
    shutil.copytree(helpdesks.FAQ, faq)
    for path in faq.glob("*.md"):
        path.write_text(
            path.read_text(encoding="utf-8") + "\n\n[our policy](javascript:alert(1))\n\n"
            f"{HOSTILE_HTML}\n",
            encoding="utf-8",
        )
    return KnowledgeBase(items=[*helpdesks.load_macros(helpdesks.MACROS), *load_articles(faq)])


@pytest.mark.parametrize(
    ("target", "make"),
    [
        ("zendesk", _hostile_articles(helpdesks.zendesk)),
        ("freshdesk", _hostile_articles(helpdesks.freshdesk)),
        ("intercom", _hostile_articles(helpdesks.intercom)),
        ("markdown", _hostile_markdown),
    ],
)
def test_active_content_never_reaches_a_helpdesk(
    approved_with: Any,  # noqa: F811
    tmp_path: Path,
    target: str,
    make: Callable[[Path], KnowledgeBase],
) -> None:
    workspace, release_id, knowledge = approved_with(make)
    output = tmp_path / ("out" if target == "markdown" else f"{target}.json")
    if target == "markdown":  # only articles go to Markdown, and every one is refused
        with pytest.raises(ExportError) as refused:
            export_release(workspace, release_id, knowledge, target, output)
        assert "active content" in str(refused.value)
        assert "a javascript: link in Markdown" in str(refused.value)
        assert "behaviordiff review edit C" in str(refused.value)
        assert not output.exists()
        return
    result = export_release(workspace, release_id, knowledge, target, output)
    articles = [skip for skip in result.skipped if "active content" in skip.reason]
    assert articles, [skip.reason for skip in result.skipped]
    for skip in articles:
        assert "<script>" in skip.reason and "an event handler (onerror=)" in skip.reason
        assert "a javascript: link (href=)" in skip.reason
        assert f"behaviordiff review edit {skip.handle}" in skip.reason
        assert "the helpdesk's current body has it too" in skip.reason
    written = "".join(path.read_text(encoding="utf-8") for path in result.outputs if path.is_file())
    for marker in ACTIVE:
        assert marker not in written, marker
    assert not any(item.item.kind == "article" for item in result.exported)
    assert result.exported  # the macros still go out


def test_the_csv_for_people_is_text_in_a_spreadsheet(
    approved_with: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Every cell of the CSV export, hostile HTML and formulas included, is shown as text."""
    workspace, release_id, knowledge = approved_with(_hostile_articles(helpdesks.zendesk))
    output = tmp_path / "edits.csv"
    result = export_release(workspace, release_id, knowledge, "csv", output)
    rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    # trial H8: an edit every helpdesk export refuses is in the CSV to read, never on record
    # as handed over, and CS cannot mark it applied
    hostile = [item for item in result.exported if item.item.kind == "article"]
    assert hostile and all(item.draft.key not in result.delivered for item in hostile)
    assert any(
        item.item.kind == "macro" and item.draft.key in result.delivered for item in result.exported
    )
    with pytest.raises(DoneError) as refused:
        mark_done(workspace, release_id, [hostile[0].handle], all_approved=False, by="Sam")
    assert "carries active content" in refused.value.message
    assert f"behaviordiff review edit {hostile[0].handle}" in (refused.value.hint or "")


@pytest.mark.parametrize(
    "body",
    [
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
        "<a href=' javascript:alert(1)'>x</a>",
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<img srcset="a.png 1x, javascript:alert(1) 2x">',
        "<svg onload=alert(1)>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<p style="width: expression(alert(1))">x</p>',
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        "[click](javascript:alert(1))",
        "[click]( <javascript:alert(1)> )",
        "[click][1]\n\n[1]: javascript:alert(1)",
        "<javascript:alert(1)>",
    ],
)
def test_active_content_is_found_however_it_is_written(body: str) -> None:
    from behaviordiff.export.html import active_content

    assert active_content(body), body


@pytest.mark.parametrize(
    "body",
    [
        "Hi {{ticket.requester.first_name}}, your refund of $4.50 is on its way.",
        '<p>See <a href="https://acme.example/returns">returns</a>.</p>',
        '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="logo"></p>',
        "<p>Use the <strong>Forgot password</strong> link; 2 < 3 &amp; 4 > 1.</p>",
        "Read [our policy](https://acme.example/policy) or mail support@acme.example.",
        '<p style="color: red">Important</p>',
    ],
)
def test_ordinary_bodies_have_no_active_content(body: str) -> None:
    from behaviordiff.export.html import active_content

    assert active_content(body) == [], body


# the project's own changelog and report templates ----------------------------------------

HOSTILE_TEMPLATES = {
    "loops without end": (
        "{% for a in range(10000) %}{% for b in range(10000) %}{{ a }}{% endfor %}{% endfor %}",
        "loop steps",
        1,
    ),
    "a huge range": ("\n{% for i in range(10**12) %}x{% endfor %}", "range() of", 2),
    "recursion": ("{% macro f() %}{{ f() }}{% endmacro %}\n\n{{ f() }}", "recursed", None),
    "python internals": ("{{ changelog.__class__.__mro__ }}", "may not", 1),
    "globals of a function": ("{{ cycler.__init__.__globals__.os }}", "may not", 1),
    "a format string reaching out": ("{{ '{0.__class__}'.format(changelog) }}", "may not", 1),
    "a huge value": ("{{ 'x' * 10**9 }}", "built with *", 1),
    "output without end": (
        "{% for i in range(10000) %}{{ 'y' * 999999 }}{% endfor %}",
        "the output is over",
        None,
    ),
    "a division by zero": ("ok\n{{ 1 / 0 }}", "ZeroDivisionError", 2),
    "a value doubled with ~": (
        "{% set ns = namespace(s='y' * 999999) %}{% for i in range(64) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "built with ~",
        1,
    ),
    "a list doubled with +": (
        "{% set ns = namespace(s=['y'] * 999999) %}{% for i in range(64) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "built with +",
        1,
    ),
    "a value grown by replace": (
        "{% set s = 'y' * 999999 %}{{ s | replace('y', 'yyyyyyyy') | length }}",
        "built with replace",
        1,
    ),
    "an unknown value": ("ok\n\n{{ changelog.nope }}", "does not have", 3),
}


@pytest.fixture
def project_with_templates(tmp_path: Path) -> Callable[[str, str], Any]:
    from behaviordiff.config import find_project

    folder = tmp_path / "tpl"
    folder.mkdir()
    config = tmp_path / "behaviordiff.toml"
    config.write_text('[publish]\ntemplates = "tpl"\n', encoding="utf-8")

    def make(name: str, source: str) -> Any:
        (folder / name).write_text(source, encoding="utf-8")
        return find_project(config=config)

    return make


@pytest.mark.parametrize("case", sorted(HOSTILE_TEMPLATES))
def test_a_hostile_changelog_template_stops_with_its_file_and_line(
    case: str, project_with_templates: Callable[[str, str], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from behaviordiff.publish import templates
    from behaviordiff.publish.templates import PublishError

    monkeypatch.setattr(templates, "MAX_STEPS", 200_000)  # the limits, scaled down to run fast
    monkeypatch.setattr(templates, "MAX_OUTPUT", 5_000_000)
    source, message, line = HOSTILE_TEMPLATES[case]
    project = project_with_templates("changelog.md.j2", source)
    with pytest.raises(PublishError) as caught:
        templates.render(project, "changelog.md.j2", changelog={"releases": []})
    error = caught.value
    assert message in error.message, error.message
    path = str(project.resolve("tpl") / "changelog.md.j2")
    assert error.where == (f"{path}:{line}" if line else path) or (
        line is None and str(error.where).startswith(path)
    ), error.where
    assert error.hint


def test_a_slow_template_stops_at_the_time_limit(
    project_with_templates: Callable[[str, str], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from behaviordiff.publish import templates
    from behaviordiff.publish.templates import PublishError

    monkeypatch.setattr(templates, "MAX_SECONDS", 0.0)
    project = project_with_templates(
        "changelog.md.j2", "{% for i in range(5000) %}{{ i }}{% endfor %}"
    )
    with pytest.raises(PublishError) as caught:
        templates.render(project, "changelog.md.j2", changelog={})
    assert "took longer than 0 seconds" in caught.value.message


def test_copies_of_the_built_in_templates_render_the_same_in_the_sandbox(
    drafted: Any,  # noqa: F811
    project_with_templates: Callable[[str, str], Any],
) -> None:
    from behaviordiff.publish.changelog import Selection, build_changelog, render_changelog
    from behaviordiff.publish.report import build_report, render_report
    from behaviordiff.publish.state import load_state
    from behaviordiff.publish.templates import BUILT_IN, environment

    workspace, release_id, _ = drafted
    project = None
    for name in ("changelog.md.j2", "changelog.atom.j2", "report.html.j2"):
        project = project_with_templates(name, (BUILT_IN / name).read_text(encoding="utf-8"))
    assert type(environment(project)).__name__ == "PublishSandbox"
    data = build_changelog(workspace, Selection(include_unreleased=True))
    for output in ("markdown", "atom"):
        assert render_changelog(data, output, project) == render_changelog(data, output, None)
    report = build_report(workspace, load_state(workspace, release_id))
    assert render_report(report, project) == render_report(report, None)


# names and ids that try to leave their place ----------------------------------------------


def _zendesk_with_ids(ids: dict[int, Any]) -> Callable[[Path], KnowledgeBase]:
    """The Zendesk export with some macro ids replaced (a tampered or broken export)."""

    def build(folder: Path) -> KnowledgeBase:
        data = json.loads(helpdesks.MACROS.read_text(encoding="utf-8"))
        for macro in data["macros"]:
            macro["id"] = ids.get(macro["id"], macro["id"])
        macros = folder / "macros.json"
        macros.write_text(json.dumps(data), encoding="utf-8")
        return KnowledgeBase(items=load_knowledge_base([macros]).items)

    return build


@pytest.mark.parametrize(
    "hostile_id", ["360001/../../users/me", "360001?role=admin", "..", "@evil.example"]
)
def test_an_id_that_walks_to_another_endpoint_is_left_out(
    approved_with: Any,  # noqa: F811
    tmp_path: Path,
    hostile_id: str,
) -> None:
    from behaviordiff.errors import BehaviordiffError

    try:
        workspace, release_id, knowledge = approved_with(_zendesk_with_ids({360001: hostile_id}))
    except BehaviordiffError as refused:  # the importer may refuse it first: also fine
        assert "macros.json" in str(refused.where)
        return
    output = tmp_path / "zendesk.json"
    result = export_release(workspace, release_id, knowledge, "zendesk", output)
    reasons = {skip.key.rpartition(":")[2]: skip.reason for skip in result.skipped}
    assert "request path is unsafe" in reasons[hostile_id], reasons
    assert "macros.json" in reasons[hostile_id]
    paths = [r["request"]["path"] for r in json.loads(output.read_text())["records"]]
    assert paths and all(".." not in p and "?" not in p and "@" not in p for p in paths)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("path", "@evil.example/api/v2/macros/1", "request path is unsafe"),
        ("path", "/api/v2/macros/1/../../../users/me", "request path is unsafe"),
        ("path", "//evil.example/x", "request path is unsafe"),
        ("path", "/api/v2/macros/1?x=1", "request path is unsafe"),
        ("method", "DELETE", "an export only updates"),
        ("target_id", "1/../../users", "target_id is not a plain id"),
    ],
)
def test_a_tampered_export_file_is_refused_before_anything_is_sent(
    tmp_path: Path, field: str, value: str, message: str
) -> None:
    from behaviordiff.export.push import PushError, load_export

    record: dict[str, Any] = {
        "kind": "macro",
        "target_id": "1",
        "request": {"method": "PUT", "path": "/api/v2/macros/1", "body": {"macro": {}}},
        "source": {"updated_at": "2025-01-01T00:00:00Z"},
        "draft": {"handle": "C1.1", "key": "k"},
    }
    if field == "target_id":
        record["target_id"] = value
    else:
        record["request"][field] = value
    path = tmp_path / "zendesk.json"
    ok = {"format": "behaviordiff-export/1", "target": "zendesk", "release_id": 1}
    path.write_text(json.dumps({**ok, "records": [record]}), encoding="utf-8")
    with pytest.raises(PushError) as caught:
        load_export(path, "zendesk")
    assert message in caught.value.message
    assert str(caught.value.where).startswith(f"{path} → records[0]")


def test_a_markdown_name_that_would_forge_the_patch_is_left_out(
    approved_with: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    def build(folder: Path) -> KnowledgeBase:
        faq = folder / "faq"
        shutil.copytree(helpdesks.FAQ, faq)
        for path in faq.glob("*.md"):
            path.rename(path.with_name(path.stem + "\n+++ b\n@@ -1 +1 @@\n+forged.md"))
        return KnowledgeBase(items=[*helpdesks.load_macros(helpdesks.MACROS), *load_articles(faq)])

    workspace, release_id, knowledge = approved_with(build)
    output = tmp_path / "out"
    with pytest.raises(ExportError) as refused:
        export_release(workspace, release_id, knowledge, "markdown", output)
    assert "cannot be written safely (it holds a control character" in str(refused.value)
    assert "rename the file in" in str(refused.value)
    assert not output.exists()


def test_markdown_names_are_checked() -> None:
    from behaviordiff.export.markdown import unsafe_file_name

    assert unsafe_file_name("returns.md") is None
    assert unsafe_file_name("help/returns.md") is None
    for name in (
        "../x.md",
        "/etc/x.md",
        "a/../../x.md",
        "a\nb.md",
        "a\\..\\x.md",
        "",
        "returns\u202edm.exe",
        "zero\u200bwidth.md",
    ):
        assert unsafe_file_name(name), name


# huge and deep inputs --------------------------------------------------------------------

BIG = 50 * 1024 * 1024


def test_a_50_mb_csv_macro_body_loads(tmp_path: Path) -> None:
    """A cell larger than the csv module's default 128 KB limit is read, not refused."""
    from behaviordiff.kb import load_macros

    body = "Items can be returned within 30 days of delivery. " * (BIG // 50)
    path = tmp_path / "macros.csv"
    path.write_text(f'id,title,body\nm1,Returns,"{body}"\nm2,Other,Short\n', encoding="utf-8")
    macros = load_macros(path)
    assert [len(m.body) for m in macros] == [len(body), 5]


def test_a_50_mb_body_is_compared_and_checked_in_one_pass() -> None:
    """Word differences mark a huge body whole; the active-content check reads it once."""
    from behaviordiff.export.html import active_content
    from behaviordiff.publish.report import word_diff

    body = "Items can be returned within 30 days of delivery. " * (BIG // 50)
    _, new = word_diff(body, body + "Members get 45.")
    assert [(s.changed, len(s.text)) for s in new] == [(True, len(body) + 15)]
    assert active_content(body) == []
    assert active_content(body + "<script>x()</script>") == ["<script>"]


def test_a_macro_export_over_the_size_limit_is_refused_by_name(tmp_path: Path) -> None:
    from behaviordiff.kb import load_macros
    from behaviordiff.kb.importers import KnowledgeBaseError
    from behaviordiff.loading import MAX_FILE_BYTES

    path = tmp_path / "macros.json"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"macros": [{"id": 1, "title": "x", "actions": [{"field": "comment_value", ')
        handle.write('"value": "' + "x" * MAX_FILE_BYTES + '"}]}]}')
    with pytest.raises(KnowledgeBaseError) as caught:
        load_macros(path)
    assert str(path) in str(caught.value.where) and "MB" in caught.value.message


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_deep_json_is_refused_by_name_on_every_publishing_path(tmp_path: Path) -> None:
    from behaviordiff.export.push import PushError, Response, load_export
    from behaviordiff.kb import load_articles, load_macros
    from behaviordiff.kb.importers import KnowledgeBaseError

    deep = tmp_path / "deep.json"
    deep.write_text('{"macros": ' + _deep(10_000) + "}", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as macros:
        load_macros(deep)
    assert str(deep) in str(macros.value.where) and "deep" in str(macros.value)
    with pytest.raises(KnowledgeBaseError) as articles:
        load_articles(deep)
    assert str(deep) in str(articles.value.where)
    export = tmp_path / "zendesk.json"
    export.write_text(
        '{"format": "behaviordiff-export/1", "target": "zendesk", "records": '
        + _deep(10_000)
        + "}",
        encoding="utf-8",
    )
    with pytest.raises(PushError) as pushed:
        load_export(export, "zendesk")
    assert str(export) in str(pushed.value.where) and "deep" in str(pushed.value)
    # a helpdesk's answer nested 10,000 deep is no answer, not a crash
    assert Response(200, {}, _deep(10_000).encode()).json() is None


def test_the_commands_show_a_hostile_template_as_an_error_not_a_traceback(
    bd: Any,
    drafted: Any,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from behaviordiff.publish import templates

    monkeypatch.setattr(templates, "MAX_STEPS", 100_000)
    workspace = drafted[0]
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "changelog.md.j2").write_text(
        "{% for a in range(9999) %}{% for b in range(9999) %}.{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    (folder / "report.html.j2").write_text(
        "<p>{{ report.__class__.__init__.__globals__ }}</p>", encoding="utf-8"
    )
    config = tmp_path / "behaviordiff.toml"
    config.write_text('[publish]\ntemplates = "tpl"\n', encoding="utf-8")
    common = ("--config", str(config), "--workspace", str(workspace.folder))
    changelog = bd("changelog", "--include-unreleased", *common)
    assert changelog.exit_code == 2, changelog.stderr
    assert f"{folder / 'changelog.md.j2'}:1" in changelog.stderr.replace("\n", "")
    assert "loop steps" in changelog.stderr
    report = bd("report", "-o", str(tmp_path / "report.html"), *common)
    assert report.exit_code == 2, report.stderr
    assert "may not" in report.stderr
    assert not (tmp_path / "report.html").exists()
    for result in (changelog, report):
        assert "Traceback" not in result.stdout + result.stderr


# acknowledgement files ---------------------------------------------------------------------

BROKEN_ACKS = Path(__file__).resolve().parents[2] / "fixtures" / "broken" / "acks"
ACK_CASES: list[dict[str, Any]] = __import__("yaml").safe_load(
    (BROKEN_ACKS / "cases.yaml").read_text(encoding="utf-8")
)


def _approve_c1(release: Any) -> None:
    from behaviordiff.review import approve, load_review

    workspace, release_id, _ = release
    review = load_review(workspace, release_id)
    approve(workspace, release_id, review.resolve(["C1"]), despite_warnings=True)


@pytest.mark.parametrize("case", ACK_CASES, ids=[case["name"] for case in ACK_CASES])
def test_a_bad_acknowledgements_file_names_its_line_and_records_nothing(
    case: dict[str, Any],
    bd: Any,
    drafted: Any,  # noqa: F811
) -> None:
    from behaviordiff.store.acks import AckStore

    _approve_c1(drafted)
    workspace, release_id, _ = drafted
    path = BROKEN_ACKS / case["path"]
    result = bd(
        "ack", "--from", str(path), "--workspace", str(workspace.folder), "--format", "json"
    )
    assert result.exit_code == 2, result.stdout
    text = " ".join(result.stderr.split())  # the error, as JSON on stderr
    for fragment in case["expect"]:
        assert fragment in text, f"{fragment!r} not in: {text}"
    assert "Traceback" not in result.stderr
    assert AckStore(workspace).acks(release_id) == []


def test_every_broken_acks_file_has_a_case() -> None:
    present = {path.name for path in BROKEN_ACKS.iterdir()} - {"cases.yaml"}
    assert present == {case["path"] for case in ACK_CASES}


def test_an_acknowledgements_file_records_each_row_by_its_person(
    bd: Any,
    drafted: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    from behaviordiff.publish.state import load_state

    workspace, release_id, _ = drafted
    _approve_c1(drafted)
    path = tmp_path / "acks.csv"
    path.write_text(
        '\ufeffChange,By,Note\r\n\r\nC1,Sam (CS),"macros, FAQ and briefing done"\r\n',
        encoding="utf-8",
    )
    args = ("ack", "--from", str(path), "--workspace", str(workspace.folder), "-f", "json")
    first = bd(*args)
    assert first.exit_code == 0, first.stderr
    assert json.loads(first.stdout)["acknowledged"] == ["C1"]
    ack = load_state(workspace, release_id).change("C1").ack  # type: ignore[union-attr]
    assert (ack.acked_by, ack.note) == ("Sam (CS)", "macros, FAQ and briefing done")
    again = bd(*args)
    assert json.loads(again.stdout)["already_acknowledged"] == ["C1"]
    both = bd("ack", "--from", str(path), "--by", "x", "--workspace", str(workspace.folder))
    assert both.exit_code == 2 and "--from reads" in both.stderr


def test_pushing_a_file_that_is_not_there_says_to_export_it_first(tmp_path: Path) -> None:
    from behaviordiff.export.push import PushError, load_export

    missing = tmp_path / "nope.json"
    with pytest.raises(PushError) as caught:
        load_export(missing, "zendesk")
    assert caught.value.message == "no such file"
    assert caught.value.hint is not None
    assert f"behaviordiff export --to zendesk -o {missing}" in caught.value.hint
