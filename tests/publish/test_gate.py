"""The rollout gate across the states a release goes through, with its exit codes and the
role that must act; --format json and --github."""

from __future__ import annotations

import shlex
from datetime import date, timedelta
from pathlib import Path

import pytest

from behaviordiff.publish.ack import acknowledge, mark_done
from behaviordiff.publish.gate import evaluate, rerun_command
from behaviordiff.publish.state import load_state
from behaviordiff.review import load_review
from behaviordiff.store.drafts import DraftRow, DraftStore
from behaviordiff.store.runs import RunRecord, RunStore, RunWriter
from behaviordiff.transcripts import Transcript
from tests.publish.conftest import Invoke, Release, approve_all, edit, error_of, json_of


def _gate(invoke: Invoke, stage: str, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = invoke("gate", "--stage", stage, "--format", "json", *extra)
    return result.exit_code, json_of(result)


def _done(drafted: Release) -> None:
    """Everything a release needs for 100%: approved, acknowledged, edits applied."""
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam (CS)")
    mark_done(workspace, release_id, [], all_approved=True, by="Sam (CS)")


def test_nothing_reviewed_passes_shadow_and_stops_canary_for_the_writer(invoke: Invoke) -> None:
    assert _gate(invoke, "shadow")[0] == 0
    code, data = _gate(invoke, "canary")
    assert code == 1 and not data["passed"]
    assert data["roles"] == ["writer"]
    assert [(item["subject"], item["role"]) for item in data["missing"]] == [
        ("C1", "writer"),
        ("C2", "writer"),
    ]
    assert "not reviewed" in data["missing"][0]["message"]
    assert "review approve C1" in data["missing"][0]["fix"]
    code, data = _gate(invoke, "full")
    assert code == 1 and data["roles"] == ["writer"]  # nothing approved: nothing for CS yet


def test_reviewed_but_not_acknowledged_passes_canary_and_stops_full_for_cs(
    invoke: Invoke, drafted: Release
) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    assert _gate(invoke, "canary")[0] == 0
    code, data = _gate(invoke, "full")
    assert code == 1 and data["roles"] == ["cs"]
    subjects = {item["subject"] for item in data["missing"]}
    assert subjects == {"C1", "C2", "C1.1", "C1.2", "C2.1", "C2.2"}
    # acknowledged, edits not yet exported or done: still CS's move
    acknowledge(workspace, release_id, ["C1", "C2"], all_approved=False, by="Sam")
    code, data = _gate(invoke, "full")
    assert code == 1 and {item["subject"] for item in data["missing"]} == {
        "C1.1",
        "C1.2",
        "C2.1",
        "C2.2",
    }
    assert "not in the helpdesk yet" in data["missing"][0]["message"]


def test_all_acknowledged_and_edits_delivered_passes_full(invoke: Invoke, drafted: Release) -> None:
    _done(drafted)
    for stage in ("shadow", "canary", "full"):
        code, data = _gate(invoke, stage)
        assert (code, data["passed"], data["missing"]) == (0, True, [])
    result = invoke("gate", "--stage", "full")
    assert result.exit_code == 0 and "may proceed to 100%" in result.stdout


def test_an_export_alone_is_a_handoff_not_proof_the_edit_is_applied(drafted: Release) -> None:
    """An export file may never be imported: 100% waits for a push or CS's `ack done`."""
    from behaviordiff.store.acks import record_delivery

    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam")
    keys = [r.key for r in DraftStore(workspace).drafts(release_id, "edit")]
    record_delivery(workspace, release_id, keys, "exported", "ci")
    result = evaluate(load_state(workspace, release_id), "full")
    assert [item.subject for item in result.missing] == ["C1.1", "C1.2", "C2.1", "C2.2"]
    first = result.missing[0]
    assert first.role == "cs"
    assert first.message.endswith(
        "is exported, not yet confirmed applied: an export file is a "
        "handoff, not proof the helpdesk has the text"
    )
    assert first.fix.startswith(
        f"run `behaviordiff ack done C1.1 --release {release_id} --by NAME` after applying it"
    )
    audit = [entry["action"] for entry in workspace.audit(release_id)]
    assert audit.count("delivery.exported") == 4
    # `ack done --all` confirms what was exported; the export is still on record under it
    outcome = mark_done(workspace, release_id, [], all_approved=True, by="Sam")
    assert outcome.done == ["C1.1", "C1.2", "C2.1", "C2.2"]
    state = load_state(workspace, release_id)
    assert evaluate(state, "full").passed
    record_delivery(workspace, release_id, keys, "exported", "ci")  # exported again later
    state = load_state(workspace, release_id)
    assert set(state.delivered.values()) == {"done"} and evaluate(state, "full").passed


def test_the_fix_names_the_helpdesk_the_item_came_from(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    """The example's macros come from a Zendesk export and its FAQ from Markdown files: each
    fix can be pasted as it is, with the file the export was written to."""
    from tests.conftest import EXAMPLE

    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam")
    config = str(EXAMPLE / "behaviordiff.toml")
    code, data = _gate(invoke, "full", "-c", config)
    assert code == 1
    fixes = {item["subject"]: item["fix"] for item in data["missing"]}
    assert fixes["C1.1"] == (
        f"`behaviordiff export --release {release_id} --to zendesk -o zendesk.json`, then "
        "`behaviordiff push zendesk --from zendesk.json --apply`; or, once applied another "
        f"way, `behaviordiff ack done C1.1 --release {release_id} --by NAME`"
    )
    article = next(h for h, fix in fixes.items() if "--to markdown" in fix)
    assert fixes[article] == (
        f"`behaviordiff export --release {release_id} --to markdown -o faq-updated/`, apply "
        f"it, then `behaviordiff ack done {article} --release {release_id} --by NAME`"
    )
    assert not any("PLATFORM" in fix for fix in fixes.values())
    status = json_of(invoke("export", "status", "-c", config, "--format", "json"))
    left = {edit["handle"]: edit["left"] for edit in status["edits"]}
    assert "`behaviordiff push zendesk --from FILE --apply`" in left["C1.1"]
    assert left[article].startswith("export it (`behaviordiff export --to markdown -o FILE`), ")
    target = tmp_path / "out" / "zd.json"
    result = invoke("export", "--to", "zendesk", "-o", str(target), "-c", config)
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert f"`behaviordiff ack done C1.1 C2.1 --release {release_id} --by NAME`" in said
    code, data = _gate(invoke, "full", "-c", config)
    assert code == 1
    fixes = {item["subject"]: item["fix"] for item in data["missing"]}
    assert fixes["C1.1"] == (
        f"run `behaviordiff ack done C1.1 --release {release_id} --by NAME` after applying "
        f"it another way, or `behaviordiff push zendesk --from {target} --apply`"
    )
    # a Markdown export is a folder (its articles and changes.patch): the fix names it
    folder = tmp_path / "out" / "faq"
    result = invoke("export", "--to", "markdown", "-o", str(folder), "-c", config)
    assert result.exit_code == 0, result.output
    code, data = _gate(invoke, "full", "-c", config)
    fixes = {item["subject"]: item["fix"] for item in data["missing"]}
    assert fixes[article] == (
        f"run `behaviordiff ack done {article} --release {release_id} --by NAME` after "
        f"applying the export in {folder}/"
    )


def test_without_a_readable_knowledge_base_the_fix_names_the_choices(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    config = tmp_path / "behaviordiff.toml"
    config.write_text('[knowledge_base]\nmacros = ["missing.json"]\n', encoding="utf-8")
    code, data = _gate(invoke, "full", "-c", str(config))
    assert code == 1
    fix = next(item["fix"] for item in data["missing"] if item["subject"] == "C1.1")
    assert "--to PLATFORM -o FILE` (the helpdesk its macro came from: zendesk," in fix
    assert any(w.startswith("the knowledge base could not be read") for w in data["warnings"])


def test_an_edit_changed_after_delivery_or_acknowledgement_is_asked_again(
    drafted: Release,
) -> None:
    """CS acknowledged a text: a writer's later edit reopens the gate."""
    workspace, release_id, _ = drafted
    _done(drafted)
    edit(workspace, release_id, "C1", {"title": "Shipping refunds for late orders"})
    approve_all(workspace, release_id)
    result = evaluate(load_state(workspace, release_id), "full")
    assert [item.subject for item in result.missing] == ["C1"]
    assert "for an earlier text" in result.missing[0].message
    macro = load_review(workspace, release_id).resolve(["C1.1"])[0]
    edit(
        workspace, release_id, "C1.1", {"new_body": macro.record.content["new_body"] + "\nThanks!"}
    )
    approve_all(workspace, release_id)
    result = evaluate(load_state(workspace, release_id), "full")
    assert [item.subject for item in result.missing] == ["C1", "C1.1"]


def test_failed_runs_stop_shadow_for_engineering(invoke: Invoke, drafted: Release) -> None:
    workspace, release_id, _ = drafted
    RunStore(workspace).save_plan(release_id, "plan", 3, {})
    writer = RunWriter(workspace, release_id)
    writer.add(RunRecord("base", "p1", 0, Transcript("p1", 0, [], final_reply="ok")))
    writer.add(RunRecord("head", "p1", 0, Transcript("p1", 0, [], error="HTTP 500")))
    writer.flush()
    _done(drafted)
    for stage in ("shadow", "canary", "full"):
        code, data = _gate(invoke, stage)
        assert code == 1 and data["roles"] == ["engineering"], stage
        messages = [item["message"] for item in data["missing"]]
        assert messages == [
            "1 run(s) failed after their retries",
            "1 of 3 planned run(s) were never done (the run was stopped: budget, Ctrl-C or a "
            "streak of failures)",
        ]
        release = workspace.release(release_id)
        base, head = release.base_label, release.head_label
        fix = data["missing"][0]["fix"]
        assert f"`behaviordiff run {shlex.quote(base)} {shlex.quote(head)}` again" in fix, fix


def test_the_rerun_command_names_the_versions_quoted_for_a_shell() -> None:
    assert rerun_command("agents/v1", "main:agents/my agent") == (
        "behaviordiff run agents/v1 'main:agents/my agent'"
    )
    assert rerun_command("", "b") == "behaviordiff run"


def test_a_release_without_analysis_stops_shadow(invoke: Invoke, drafted: Release) -> None:
    workspace = drafted[0]
    workspace.create_release(base_label="a", head_label="b")
    code, data = _gate(invoke, "shadow")  # the latest release: the one being rolled out
    assert code == 1 and data["release_id"] == 2
    assert data["missing"][0]["subject"] == "analysis"


def test_an_outdated_draft_stops_canary(invoke: Invoke, drafted: Release) -> None:
    workspace, release_id, _ = drafted
    edit(workspace, release_id, "C1", {"title": "Refunds"})
    approve_all(workspace, release_id)
    assert _gate(invoke, "canary")[0] == 0
    # the agent moved: drafting again gives C1 another machine text under the writer's
    store = DraftStore(workspace)
    rows = [
        DraftRow(r.kind, r.key, r.change_id, r.item_key, r.origin, dict(r.generated))
        for r in store.drafts(release_id)
    ]
    rows[0].content["after"] = rows[0].content["after"] + " It now refunds 100%."
    store.save_generated(release_id, rows)
    code, data = _gate(invoke, "canary")
    assert code == 1
    outdated = [item for item in data["missing"] if "outdated" in item["message"]]
    assert [(item["subject"], item["role"]) for item in outdated] == [("C1", "writer")]


def test_lead_time_counts_the_days_cs_has_left(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    today = date(2026, 12, 2)
    workspace.set_effective_date(release_id, (today + timedelta(days=5)).isoformat())
    result = evaluate(load_state(workspace, release_id), "full", today)
    assert result.lead_time is not None and result.lead_time.days_left == 5
    assert result.lead_time.unacknowledged == 2
    assert "2026-12-07: 5 days left; CS still has 2 changes to acknowledge" in (
        result.lead_time.describe()
    )
    assert any("5 days left" in warning for warning in result.warnings)
    late = evaluate(load_state(workspace, release_id), "full", today + timedelta(days=7))
    assert late.lead_time is not None and "passed 2 days ago" in late.lead_time.describe()


def test_github_writes_a_summary_and_annotations(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = invoke(
        "gate", "--stage", "full", "--github", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 6
    assert errors[0].startswith("::error title=gate full%3A CS must act (C1)::C1 (")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## ❌ behaviordiff gate: full")
    assert "| CS | C1 (" in text
    # JSON on stdout stays parseable: the annotations go to stderr then
    result = invoke(
        "gate",
        "--stage",
        "canary",
        "--github",
        "--format",
        "json",
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.exit_code == 0 and json_of(result)["passed"] is True
    assert "## ✅ behaviordiff gate: canary" in summary.read_text(encoding="utf-8")


def test_a_summary_path_that_cannot_be_written_names_the_variable_after_the_answer(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    """GITHUB_STEP_SUMMARY naming a folder: the error named `-o` (gate has none) and the
    gate's answer was never printed (trial21)."""
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    result = invoke(
        "gate", "--stage", "canary", "--github", env={"GITHUB_STEP_SUMMARY": str(tmp_path)}
    )
    error = error_of(result)
    assert "GITHUB_STEP_SUMMARY" in error.message and "-o" not in (error.hint or "")
    assert error.where == str(tmp_path)
    assert "may proceed to canary" in result.stdout


@pytest.mark.parametrize("stage", ["shadow", "canary", "full"])
def test_a_workspace_without_releases_is_a_clear_error(
    stage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from behaviordiff.cli.app import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["gate", "--stage", stage, "-w", str(tmp_path / "none")])
    assert result.exit_code != 0
    assert "no workspace here yet" in str(result.exception)


def test_a_rejected_change_counts_as_reviewed_and_is_not_for_cs(
    invoke: Invoke, drafted: Release
) -> None:
    from behaviordiff.review import approve, reject

    workspace, release_id, _ = drafted
    review = load_review(workspace, release_id)
    reject(workspace, release_id, review.resolve(["C2"])[0], "expected-noise", "seasonal")
    approve(workspace, release_id, review.resolve(["C1", "C1.1"]), despite_warnings=True)
    code, data = _gate(invoke, "canary")
    assert code == 0
    assert any(w.startswith("suggested edit(s) C1.2 of approved") for w in data["warnings"])
    approve(workspace, release_id, review.resolve(["C1.2"]), despite_warnings=True)
    assert any("rejected as expected noise: C2" in w for w in data["warnings"])
    assert not any("not a behavior change: C2" in w for w in data["warnings"])
    code, data = _gate(invoke, "full")
    assert code == 1 and {item["subject"] for item in data["missing"]} == {"C1", "C1.1", "C1.2"}
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam")
    mark_done(workspace, release_id, [], all_approved=True, by="Sam")
    assert _gate(invoke, "full")[0] == 0
    # the changelog leaves it out; the report says why
    changelog = json_of(invoke("changelog", "--format", "json"))["releases"][0]
    assert [c["handle"] for c in changelog["changes"]] == ["C1"] and changelog["rejected"] == ["C2"]
    state = load_state(workspace, release_id)
    from behaviordiff.publish.report import build_report

    rejected = build_report(workspace, state)["changes"][1]
    assert rejected["status"] == "rejected" and rejected["reason"] == "expected noise: seasonal"


def test_a_change_sent_back_to_engineering_stops_canary_for_engineering(
    invoke: Invoke, drafted: Release
) -> None:
    from behaviordiff.review import send_to_engineering

    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    item = load_review(workspace, release_id).resolve(["C2"])[0]
    send_to_engineering(workspace, release_id, item, "the 45 days should be 60")
    code, data = _gate(invoke, "canary")
    assert code == 1 and data["roles"] == ["engineering"]
    assert data["missing"][0]["message"].endswith(
        "was sent back to engineering: the 45 days should be 60"
    )


def test_acknowledgements_and_deliveries_carry_to_a_rerun_while_the_text_reads_the_same(
    invoke: Invoke, drafted: Release
) -> None:
    """A rerun of the same versions is a new release whose drafts carry the approvals: CS
    is not asked again for what it has read, until a writer changes the text."""
    from behaviordiff.drafting import draft_release

    workspace, release_id, project = drafted
    _done(drafted)
    analysis, diff = workspace.load_analysis(release_id), workspace.release_diff(release_id)
    rerun = workspace.create_release(base_label="support-v1", head_label="support-v2", diff=diff)
    assert analysis is not None
    workspace.save_analysis(rerun.id, analysis)
    draft_release(workspace, rerun.id, project)
    code, data = _gate(invoke, "full")
    assert (code, data["release_id"]) == (0, rerun.id)
    acked = json_of(invoke("ack", "list", "--format", "json"))["changes"][0]
    assert acked["acknowledged"] and acked["ack"]["release_id"] == release_id
    assert f"(release #{release_id})" in invoke("ack", "list").stdout

    edit(workspace, rerun.id, "C2", {"title": "Members: 45 days to return"})
    approve_all(workspace, rerun.id)
    code, data = _gate(invoke, "full")
    assert code == 1 and [item["subject"] for item in data["missing"]] == ["C2"]
    # withdrawing in the rerun withdraws the acknowledgement standing there
    invoke("ack", "withdraw", "--change", "C1", "--by", "Sam", "--reason", "rolled back")
    code, data = _gate(invoke, "full")
    assert [item["subject"] for item in data["missing"]] == ["C1", "C2"]


def test_behaviordiff_export_hands_the_edits_over_and_ack_done_confirms_them(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    """The export records what it wrote as exported; the gate waits for CS to say the import
    happened (`ack done`), then passes."""
    from tests.conftest import EXAMPLE

    workspace, release_id, _ = drafted
    macro = load_review(workspace, release_id).resolve(["C1.1"])[0]
    words = "A writer's words: we refund half the shipping fee right away."
    body = macro.record.content["new_body"].replace("Thank you for your patience", words, 1)
    assert words in body
    edit(workspace, release_id, "C1.1", {"new_body": body})
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam")
    assert _gate(invoke, "full")[0] == 1
    config = str(EXAMPLE / "behaviordiff.toml")
    result = invoke("export", "--to", "csv", "-o", str(tmp_path / "edits.csv"), "-c", config)
    assert result.exit_code == 0, result.output
    delivered = load_state(workspace, release_id).delivered
    assert set(delivered.values()) == {"exported"} and len(delivered) == 4
    code, data = _gate(invoke, "full")
    assert code == 1 and all(
        "exported, not yet confirmed applied" in item["message"] for item in data["missing"]
    )
    listed = invoke("ack", "list").stdout
    assert "exported, not yet confirmed applied" in listed
    assert invoke("ack", "done", "--all", "--by", "Sam").exit_code == 0
    code, data = _gate(invoke, "full")
    assert (code, data["missing"]) == (0, [])
    assert words in (tmp_path / "edits.csv").read_text(encoding="utf-8")  # the writer's text


def test_an_acknowledgements_file_row_naming_an_edit_marks_it_applied(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    """CS's spreadsheet lists the changes it read and the edits it imported: the gate passes
    from that file alone; a row for an unapproved edit records nothing."""
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    sheet = tmp_path / "acks.csv"
    sheet.write_text(
        "change,by,note\nC1,Sam,read\nC2,Sam,read\n"
        "C1.1,Sam,imported\nC1.2,Sam,\nC2.1,Ana,\nC2.2,Ana,\n",
        encoding="utf-8",
    )
    result = invoke("ack", "--from", str(sheet), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json_of(result)
    assert data["acknowledged"] == ["C1", "C2"]
    assert data["marked_done"] == ["C1.1", "C1.2", "C2.1", "C2.2"]
    assert _gate(invoke, "full")[0] == 0
    state = load_state(workspace, release_id)
    assert state.deliveries[state.changes[1].edits[0].record.key].delivered_by == "Ana"
    again = json_of(invoke("ack", "--from", str(sheet), "--format", "json"))
    assert again["already_acknowledged"] == ["C1", "C2", "C1.1", "C1.2", "C2.1", "C2.2"]

    from behaviordiff.review import reject

    review = load_review(workspace, release_id)
    reject(workspace, release_id, review.resolve(["C2.2"])[0], "not-a-behavior-change", "no")
    before = len(workspace.audit(release_id))
    error = error_of(invoke("ack", "--from", str(sheet)))
    assert "C2.2 is rejected: only an approved edit" in str(error)
    assert str(error.where).endswith("acks.csv:7")
    assert len(workspace.audit(release_id)) == before  # nothing recorded


def test_an_approval_the_behavior_moved_under_is_one_not_reviewed_line(drafted: Release) -> None:
    """In the next release, a draft approved as the machine wrote it and drafted again with
    other text is a draft not reviewed (naming the release of its approval), not "a writer's
    text"; a writer's edited text is outdated. Either way, one line per draft."""
    workspace, first, _ = drafted
    edit(workspace, first, "C2", {"title": "Longer returns for members"})
    approve_all(workspace, first)
    second = workspace.create_release(base_label="a", head_label="c").id
    store = DraftStore(workspace)
    rows = []
    for record in store.drafts(first):
        content = dict(record.generated)
        field = "after" if record.kind == "note" else "new_body"
        content[field] = f"{content[field]} It moved again."
        rows.append(
            DraftRow(
                record.kind, record.key, record.change_id, record.item_key, record.origin, content
            )
        )
    store.save_generated(second, rows)
    result = evaluate(load_state(workspace, second), "full")
    writer = [item for item in result.missing if item.role == "writer"]
    subjects = [item.subject for item in writer]
    assert sorted(subjects) == ["C1", "C1.1", "C1.2", "C2", "C2.1", "C2.2"]
    by_subject = {item.subject: item for item in writer}
    for handle in ("C1", "C1.1", "C2.1"):
        message = by_subject[handle].message
        assert "is not reviewed: the draft changed since its approval in release #1" in message
        assert "writer's text" not in message
        assert f"review approve {handle} --release {second}" in by_subject[handle].fix
    assert "is outdated: a writer's text" in by_subject["C2"].message
    assert f"review reset C2 --release {second}" in by_subject["C2"].fix


def test_probes_left_undecided_stop_canary_for_engineering(
    invoke: Invoke, drafted: Release
) -> None:
    """A release whose probes the samples could not decide (a rerun with `--samples 1`) may
    hide a change no one reviewed: canary and 100% wait for a run with more samples; shadow
    does not. A probe whose runs failed is the shadow stage's line, not counted again."""
    workspace, release_id, _ = drafted
    _done(drafted)
    analysis = workspace.load_analysis(release_id)
    assert analysis is not None
    quiet = [probe for probe in analysis.probes if probe.verdict == "unchanged"]
    for probe in quiet[:2]:
        probe.verdict, probe.facets, probe.more_samples = "inconclusive", ["meaning"], 2
    quiet[2].verdict, quiet[2].facets, quiet[2].new_samples = "inconclusive", [], 0
    workspace.save_analysis(release_id, analysis)
    assert _gate(invoke, "shadow")[0] == 0
    for stage in ("canary", "full"):
        code, data = _gate(invoke, stage)
        assert code == 1 and data["roles"] == ["engineering"], stage
        [missing] = data["missing"]
        assert missing["subject"] == "probes"
        assert missing["message"].startswith(
            f"2 probe(s) could not be decided ({quiet[0].probe_id}, {quiet[1].probe_id})"
        )
        assert "--samples 5" in missing["fix"]  # the release ran 3; about 2 more decide them


def test_an_export_says_what_confirms_its_own_edits(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    """After an export, the line on what the gate waits for names this export's helpdesk, file
    and edits, never placeholders, and offers a push only for a helpdesk that takes one;
    `export status` names the same file."""
    from tests.conftest import EXAMPLE

    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    config = str(EXAMPLE / "behaviordiff.toml")
    zendesk = tmp_path / "zendesk.json"
    result = invoke("export", "--to", "zendesk", "-o", str(zendesk), "-c", config)
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "HELPDESK" not in said and "FILE" not in said
    assert f"`behaviordiff push zendesk --from {zendesk} --apply`" in said
    macros = [
        item.handle
        for item in load_review(workspace, release_id).items
        if item.record.kind == "edit" and item.label == "macro"
    ]
    assert macros  # the example's Zendesk macros: what this export wrote
    assert f"`behaviordiff ack done {' '.join(macros)} --release {release_id} --by NAME`" in said
    # `export status` names the file that export wrote too, as the gate does
    status = invoke("export", "status", "-c", config)
    assert status.exit_code == 0, status.output
    said = " ".join(status.stdout.split())
    assert "--from FILE" not in said
    assert f"`behaviordiff push zendesk --from {zendesk} --apply`" in said
    result = invoke("export", "--to", "markdown", "-o", str(tmp_path / "faq"), "-c", config)
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "behaviordiff push" not in said  # nothing pushes a Markdown folder
    assert f"--release {release_id} --by NAME`" in said and "marked them done" in said


def test_an_edit_exported_for_an_earlier_release_is_exported_again_for_this_one(
    drafted: Release,
) -> None:
    """trial (w43): a rerun carried an edit's "exported" state from release #1; the gate of
    the new release told CS to push `zendesk.json`, a file no export of it ever wrote. With
    no export of this release on record, the fix is to export it for this release, then push."""
    from behaviordiff.publish.gate import _delivery_fix
    from behaviordiff.store.acks import record_delivery

    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    edit_key = DraftStore(workspace).drafts(release_id, "edit")[0].key
    record_delivery(workspace, release_id, [edit_key], "exported", "ci")  # carried: no file
    state = load_state(workspace, release_id)
    item = next(i for i in load_review(workspace, release_id).items if i.record.key == edit_key)
    fix = _delivery_fix(state, [item], "zendesk", exported=True)
    assert fix.startswith(f"`behaviordiff export --release {release_id} --to zendesk -o ")
    assert "then `behaviordiff push zendesk --from" in fix
    # once an export of this release wrote it, the push names that file
    workspace.log(
        "export.write",
        release_id=release_id,
        subject="zendesk",
        detail={"outputs": ["out/z.json"], "drafts": [edit_key]},
    )
    fix = _delivery_fix(load_state(workspace, release_id), [item], "zendesk", exported=True)
    assert "`behaviordiff push zendesk --from out/z.json --apply`" in fix
    assert not fix.startswith("`behaviordiff export")
