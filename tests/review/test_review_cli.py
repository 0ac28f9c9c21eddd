"""`behaviordiff review`: writers list, approve, edit and reset drafts; every change audited."""

from __future__ import annotations

import json
import re
import shlex
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.config import Project
from behaviordiff.drafting import draft_release
from behaviordiff.drafting.service import grounding_by_change
from behaviordiff.review import (
    ReviewError,
    apply_edit,
    assign_handles,
    edit_document,
    length_problem,
    load_review,
    parse_edit,
    text_limit,
)
from behaviordiff.store import Workspace
from behaviordiff.store.drafts import DraftRecord, DraftStore
from tests.conftest import CliResult, CliRunner, DraftedSnapshots

Release = tuple[Workspace, int, Project]


@pytest.fixture
def drafted(example_release: Release, drafted_snapshots: DraftedSnapshots) -> Release:
    """The example release with its template drafts (C1 refund, C2 return window)."""
    return drafted_snapshots.restore(example_release, effective="2026-12-01")


@pytest.fixture
def review(cli: CliRunner, drafted: Release, tmp_path: Path) -> Any:
    """`behaviordiff review ...` against the drafted workspace; temp files under tmp_path."""
    workspace = drafted[0]

    def run(*args: str, env: dict[str, str] | None = None) -> CliResult:
        environment = {"TMPDIR": str(tmp_path), "VISUAL": "", "EDITOR": "", **(env or {})}
        return cli("review", *args, "--workspace", str(workspace.folder), env=environment)

    return run


def _editor(tmp_path: Path, code: str) -> dict[str, str]:
    """EDITOR set to a small Python script; `path` is the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\npath = pathlib.Path(sys.argv[1])\n" + code, encoding="utf-8"
    )
    return {"EDITOR": f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"}


def _retitle(tmp_path: Path, title: str) -> dict[str, str]:
    """EDITOR that types `title` over the title's line, as a writer would."""
    return _editor(
        tmp_path,
        "import re\n"
        "text = path.read_text()\n"
        f"text = re.sub(r'^(title: [|]-\\n  ).*$', lambda m: m.group(1) + {title!r}, text,"
        " count=1, flags=re.M)\n"
        "path.write_text(text)\n",
    )


def _record(kind: str, key: str, change_id: str, *, stale: bool = False) -> DraftRecord:
    item_key = key.split(":", 1)[1] if kind == "edit" else None
    return DraftRecord(
        release_id=1,
        kind=kind,  # type: ignore[arg-type]
        key=key,
        change_id=change_id,
        item_key=item_key,
        status="draft",
        origin="template",
        content={},
        generated={},
        updated_at="",
        updated_by="",
        stale=stale,
    )


# handles ------------------------------------------------------------------------------


def test_handles_name_each_change_note_and_its_edits(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    items = load_review(workspace, release_id)
    assert [item.handle for item in items.items] == ["C1", "C1.1", "C1.2", "C2", "C2.1", "C2.2"]
    assert [item.label for item in items.items][:3] == ["note", "macro", "article"]
    assert items.items[1].title == "Shipping::Delayed order"
    key = items.items[4].record.key
    assert [item.handle for item in items.resolve(["c1.1", key, "C1.1"])] == ["C1.1", "C2.1"]
    with pytest.raises(ReviewError) as raised:
        items.resolve(["C9"])
    assert "C9" in str(raised.value) and "C1, C1.1, C1.2, C2, C2.1, C2.2" in str(raised.value)


def test_a_stale_change_sharing_a_number_gets_a_letter_and_comes_last() -> None:
    records = [
        _record("note", "change-old", "C1", stale=True),
        _record("edit", "change-old:macro:7", "C1", stale=True),
        _record("note", "change-b", "C10"),
        _record("note", "change-a", "C1"),
        _record("note", "change-c", "C2"),
        _record("edit", "change-a:article:9", "C1"),
    ]
    handles = [(item.handle, item.record.key) for item in assign_handles(records)]
    assert handles == [
        ("C1", "change-a"),
        ("C1.1", "change-a:article:9"),
        ("C2", "change-c"),
        ("C10", "change-b"),
        ("C1b", "change-old"),
        ("C1b.1", "change-old:macro:7"),
    ]


# the CLI round trip -------------------------------------------------------------------


def test_list_approve_edit_reset_round_trip(review: Any, drafted: Release, tmp_path: Path) -> None:
    workspace, release_id, _ = drafted
    listed = review("list")
    assert listed.exit_code == 0, listed.stderr
    assert "6 draft(s): 6 draft, 0 edited, 0 approved" in listed.stdout
    assert re.search(r"C1\.1\s+draft\s+macro\s+Shipping::Delayed order · template", listed.stdout)

    data = json.loads(review("list", "--format", "json").stdout)
    assert data["release_id"] == release_id and data["counts"]["draft"] == 6
    first = data["drafts"][0]
    assert first["handle"] == "C1" and first["key"].startswith("change-")
    assert data["drafts"][1]["key"] == f"{first['key']}:macro:360001"

    approved = review("approve", "C1", "C1.1")
    assert approved.exit_code == 0, approved.stderr
    assert re.search(r"approved\s+C1\s+note", approved.stdout)
    assert "4 draft, 0 edited, 2 approved" in approved.stdout
    again = review("approve", "c1")
    assert "approved before; nothing to do" in again.stdout

    edited = tmp_path / "c2.yaml"
    edited.write_text(
        "title: Members can return items for 45 days\n"
        "cs_actions:\n  - Tell members about the 45-day window.\nseverity: medium\n"
    )
    saved = review("edit", "C2", "--from", str(edited), "--format", "json")
    assert saved.exit_code == 0, saved.stderr
    result = json.loads(saved.stdout)
    assert result["changed"] and result["status"] == "edited" and result["warnings"] == []
    store = DraftStore(workspace)
    note = store.draft(release_id, "note", result["key"])
    assert note.content["title"] == "Members can return items for 45 days"
    assert note.content["severity"] == "medium"
    assert note.content["before"] == note.generated["before"]  # keys left out are kept
    assert "unchanged" not in saved.stderr
    unchanged = review("edit", "C2", "--from", str(edited))
    assert "no changes; nothing saved" in unchanged.stdout

    rejected = review("reject", "C2", "--reason", "not-a-behavior-change")
    assert rejected.exit_code == 0, rejected.stderr
    listed = " ".join(review("list").stdout.split())
    assert "; 2 edit(s) of a rejected change (not exported)" in listed

    reset = review("reset", "C2")
    assert reset.exit_code == 0 and "Back to the machine draft" in reset.stdout
    back = store.draft(release_id, "note", result["key"])
    assert back.status == "draft" and back.content == back.generated
    assert "nothing to reset" in review("reset", "C2").stdout

    everything = review("approve", "--all", "--format", "json")
    summary = json.loads(everything.stdout)
    assert sorted(summary["already_approved"]) == ["C1", "C1.1"]
    assert summary["counts"]["approved"] == 6
    actions = [entry["action"] for entry in workspace.audit(release_id)]
    assert {"drafts.approved", "drafts.edited", "drafts.reset"} <= set(actions)


def test_regenerating_keeps_the_writers_edit(review: Any, drafted: Release, tmp_path: Path) -> None:
    workspace, release_id, project = drafted
    edited = tmp_path / "edit.yaml"
    edited.write_text("rationale: Reps asked for this wording.\n")
    assert review("edit", "C1.1", "--from", str(edited)).exit_code == 0
    draft_release(workspace, release_id, project, effective="2027-01-15")
    item = load_review(workspace, release_id).resolve(["C1.1"])[0]
    assert (item.record.status, item.record.content["rationale"]) == (
        "edited",
        "Reps asked for this wording.",
    )


# bad input ----------------------------------------------------------------------------


def test_invalid_yaml_names_file_and_line(review: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: fine\nbefore: [unclosed\nafter: x\n")
    result = review("edit", "C1", "--from", str(broken))
    assert result.exit_code == 2
    assert f"{broken}:3" in result.stderr and "not valid YAML" in result.stderr


def test_unknown_key_is_named_with_the_allowed_ones(review: Any, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("title: ok\ntitel: typo\n")
    result = review("edit", "C1", "--from", str(wrong))
    assert result.exit_code == 2
    assert f"{wrong}:2" in result.stderr and "unknown key 'titel'" in result.stderr
    assert "title, before, after, when, customer_impact, cs_actions, severity" in result.stderr
    edit = review("edit", "C1.1", "--from", str(wrong), "--format", "json")
    assert json.loads(edit.stderr)["hint"] == "a macro has the keys: new_body, rationale"


def test_an_unknown_key_near_an_allowed_one_suggests_it(review: Any, tmp_path: Path) -> None:
    """A typo of a key ("titel") is named with the key meant (trial 12, T13); a key near
    none gets the list alone."""
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("titel: typo\n")
    result = review("edit", "C1", "--from", str(wrong), "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stderr)["hint"] == (
        "did you mean title? A note has the keys: title, before, after, when, "
        "customer_impact, cs_actions, severity"
    )
    wrong.write_text("rationnale: typo\nnew_bdy: x\n")
    hint = json.loads(review("edit", "C1.1", "--from", str(wrong), "--format", "json").stderr)
    assert hint["hint"] == (
        "'rationnale': did you mean rationale? 'new_bdy': did you mean new_body? A macro has "
        "the keys: new_body, rationale"
    )
    wrong.write_text("colour: x\n")
    far = json.loads(review("edit", "C1", "--from", str(wrong), "--format", "json").stderr)
    assert "did you mean" not in far["hint"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: 45\n", "title must be text, not a number"),
        ("title:\n", "title must be text, not empty"),
        ("title: '  '\n", "title is empty"),
        ("cs_actions: call them\n", "cs_actions must be a list of text"),
        ("cs_actions: [ok, 3]\n", "cs_actions must hold text items only"),
        ("severity: urgent\n", "severity 'urgent' is not one of high, medium, low"),
        ("- title\n", "expected `key: value` lines, found a list"),
        ("# only a comment\n", "the file sets no field"),
    ],
)
def test_wrong_values_are_refused(drafted: Release, text: str, message: str) -> None:
    workspace, release_id, _ = drafted
    note = load_review(workspace, release_id).resolve(["C1"])[0]
    with pytest.raises(ReviewError) as raised:
        parse_edit(text, "edit.yaml", note)
    assert message in str(raised.value)


def test_the_edit_document_reads_back_as_the_same_fields(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    for item in load_review(workspace, release_id).items:
        document = edit_document(item, release_id)
        values = parse_edit(document, "edit.yaml", item)
        assert set(values) == set(item.fields)
        if item.record.kind == "edit":
            assert "new_body: |" in document
            assert values["new_body"] == item.record.content["new_body"]
        else:
            assert values == {name: item.record.content[name] for name in item.fields}


def test_no_workspace_no_release_and_no_handle_are_clear(cli: CliRunner, tmp_path: Path) -> None:
    missing = cli("review", "list", "--workspace", str(tmp_path / "none"))
    assert missing.exit_code == 2 and "no workspace here yet" in missing.stderr
    with Workspace(tmp_path / "empty"):
        pass
    empty = cli("review", "approve", "--all", "--workspace", str(tmp_path / "empty"))
    assert empty.exit_code == 2 and "no releases in the workspace yet" in empty.stderr
    assert "behaviordiff run" in empty.stderr


def test_approve_needs_handles_or_all(review: Any) -> None:
    result = review("approve")
    assert result.exit_code == 2 and "--all" in result.stderr
    unknown = review("approve", "C7")
    assert unknown.exit_code == 2 and "Valid handles: C1, C1.1" in unknown.stderr


def test_a_release_without_drafts(cli: CliRunner, example_release: Release) -> None:
    workspace = example_release[0]
    listed = cli("review", "list", "--workspace", str(workspace.folder))
    assert listed.exit_code == 0 and "No drafts yet" in listed.stdout
    edit = cli("review", "edit", "C1", "--workspace", str(workspace.folder))
    assert edit.exit_code == 2 and "behaviordiff draft --release" in edit.stderr


# the editor ---------------------------------------------------------------------------


def test_the_editor_path_saves_what_the_writer_wrote(
    review: Any, drafted: Release, tmp_path: Path
) -> None:
    workspace, release_id, _ = drafted
    env = _retitle(tmp_path, "Late orders over $50 get a shipping refund")
    result = review("edit", "C1", env=env)
    assert result.exit_code == 0, result.stderr
    assert "C1  edited  note: Late orders over $50 get a shipping refund" in result.stdout
    note = load_review(workspace, release_id).resolve(["C1"])[0].record
    assert note.status == "edited"
    assert note.content["title"] == "Late orders over $50 get a shipping refund"
    assert note.content["after"] == note.generated["after"]
    assert list(tmp_path.glob("behaviordiff-*.yaml")) == []  # saved: the file is gone
    untouched = review("edit", "C2", env=_editor(tmp_path, "pass\n"))
    assert "no changes; nothing saved" in untouched.stdout


def test_an_invalid_edit_keeps_the_writers_text_and_says_how_to_retry(
    cli: CliRunner, review: Any, drafted: Release, tmp_path: Path
) -> None:
    workspace, release_id, _ = drafted
    env = _editor(
        tmp_path,
        "path.write_text(path.read_text().replace('rationale:', 'rationale: [oops\\nx:', 1))\n",
    )
    result = review("edit", "C1.1", env=env)
    assert result.exit_code == 2
    kept = list(tmp_path.glob("behaviordiff-r*-C1.1-*.yaml"))
    assert len(kept) == 1 and "[oops" in kept[0].read_text()
    stderr = " ".join(result.stderr.split())
    assert f"{kept[0]}:" in stderr and "not valid YAML" in stderr
    command = re.search(r"`(behaviordiff review edit [^`]+)`", stderr)
    assert command is not None
    assert f"--release {release_id}" in command.group(1)
    assert command.group(1).endswith(f"--from {kept[0]}")
    assert load_review(workspace, release_id).resolve(["C1.1"])[0].record.status == "draft"

    fixed = kept[0].read_text().replace("rationale: [oops\nx: |-", "rationale: |-\n  Fixed.")
    kept[0].write_text(fixed)
    retried = cli(*shlex.split(command.group(1))[1:])  # exactly the command printed
    assert retried.exit_code == 0, retried.stderr
    saved = load_review(workspace, release_id).resolve(["C1.1"])[0].record
    assert saved.status == "edited" and saved.content["rationale"].startswith("Fixed.\n")


def test_a_change_made_while_the_editor_is_open_is_not_overwritten(
    review: Any, drafted: Release, tmp_path: Path
) -> None:
    """Another terminal approves C1 while this writer edits it: saving must not silently undo
    that approval; the writer's text is kept for a second try."""
    workspace, release_id, _ = drafted
    env = _editor(
        tmp_path,
        "import subprocess\n"
        f"subprocess.run([sys.executable, '-m', 'behaviordiff', 'review', 'approve', 'C1', "
        f"'--workspace', {str(workspace.folder)!r}], check=True, capture_output=True)\n"
        "path.write_text(path.read_text().replace('title: |-\\n  ', 'title: |-\\n  Mine - ', 1))\n",
    )
    result = review("edit", "C1", env=env)
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "changed by" in message and "nothing was saved" in message
    assert "your text is kept in" in message and "--from" in message
    note = load_review(workspace, release_id).resolve(["C1"])[0].record
    assert note.status == "approved" and not note.content["title"].startswith("Mine")
    kept = list(tmp_path.glob("behaviordiff-*-C1-*.yaml"))
    assert len(kept) == 1 and "title: |-\n  Mine -" in kept[0].read_text()


def test_without_an_editor_the_error_says_set_editor_or_use_from(
    review: Any, tmp_path: Path
) -> None:
    result = review("edit", "C2.2")
    assert result.exit_code == 2
    stderr = " ".join(result.stderr.split())
    assert "EDITOR" in stderr and "--from" in stderr
    kept = list(tmp_path.glob("behaviordiff-*-C2.2-*.yaml"))
    assert len(kept) == 1 and "new_body: |" in kept[0].read_text()


# warnings after saving ----------------------------------------------------------------


def test_a_made_up_amount_is_warned_about_but_saved(review: Any, tmp_path: Path) -> None:
    edited = tmp_path / "note.yaml"
    edited.write_text("customer_impact: Customers now get a $10 credit on late orders.\n")
    result = review("edit", "C1", "--from", str(edited))
    assert result.exit_code == 0, result.stderr
    assert "C1  edited" in result.stdout
    assert "warning: C1: the edited text states money $10" in " ".join(result.stderr.split())
    grounded = tmp_path / "grounded.yaml"
    grounded.write_text("customer_impact: Orders over $50 late by 48 hours get a refund.\n")
    quiet = review("edit", "C1", "--from", str(grounded), "--format", "json")
    assert json.loads(quiet.stdout)["warnings"] == []


def test_a_dropped_placeholder_is_warned_about(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    macro = load_review(workspace, release_id).resolve(["C1.1"])[0]
    body = macro.record.content["new_body"].replace("{{ticket.requester.first_name}}", "there")
    outcome = apply_edit(
        workspace,
        release_id,
        macro,
        {"new_body": body},
        grounding_by_change(workspace, release_id),
    )
    assert outcome.changed and outcome.item.record.status == "edited"
    assert outcome.warnings == [
        "new_body drops the placeholder {{ticket.requester.first_name}}, which the macro's "
        "current body has: the helpdesk fills it in per ticket, so put it back"
    ]


def test_a_stale_draft_is_not_checked_against_a_change_it_no_longer_has(
    drafted: Release,
) -> None:
    workspace, release_id, _ = drafted
    note = load_review(workspace, release_id).resolve(["C2"])[0]
    stale = replace(note, record=replace(note.record, stale=True))
    outcome = apply_edit(workspace, release_id, stale, {"title": "Return window: 45 days"}, {})
    assert outcome.warnings and "not checked against the evidence" in outcome.warnings[0]


def test_a_hash_or_a_colon_in_prose_is_text_not_yaml(
    review: Any, drafted: Release, tmp_path: Path
) -> None:
    workspace, release_id, _ = drafted
    env = _retitle(tmp_path, "Members: 45-day returns #2 of 2")
    result = review("edit", "C2", env=env)
    assert result.exit_code == 0, result.stderr
    note = load_review(workspace, release_id).resolve(["C2"])[0].record
    assert note.content["title"] == "Members: 45-day returns #2 of 2"


def test_an_edit_over_the_text_limit_is_refused_naming_the_field(
    review: Any, drafted: Release, tmp_path: Path
) -> None:
    workspace, release_id, _ = drafted
    item = load_review(workspace, release_id).resolve(["C1"])[0]
    limit = text_limit(item, "after")
    edited = tmp_path / "c1.yaml"
    edited.write_text(f"after: {'x' * (limit + 1)}\n", encoding="utf-8")
    refused = review("edit", "C1", "--from", str(edited))
    assert refused.exit_code != 0
    said = " ".join(refused.stderr.split())
    assert f"{edited}:1: C1's after is {limit + 1:,} characters, over the {limit:,}" in said
    assert f"Shorten it to at most {limit:,} characters; nothing was saved" in said
    assert load_review(workspace, release_id).resolve(["C1"])[0].record == item.record

    # a text stored over the limit (before there was one) may be kept or shortened
    long_before = "y" * (limit + 10)
    store = DraftStore(workspace)
    record = item.record
    store.update(
        release_id, record.kind, record.key, content={**record.content, "after": long_before}
    )
    stored = load_review(workspace, release_id).resolve(["C1"])[0]
    assert length_problem(stored, {"after": long_before[:-5]}) is None
    assert length_problem(stored, {"after": long_before + "z"}) is not None
