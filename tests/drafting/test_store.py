"""Drafts are stored per release; regenerating never overwrites a writer's edit or approval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from behaviordiff.config import Project
from behaviordiff.drafting import DraftingError, draft_release
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.store import Workspace
from behaviordiff.store.drafts import DraftStore
from tests.conftest import EXAMPLE, CliRunner

Release = tuple[Workspace, int, Project]


def test_template_drafts_are_stored(example_release: Release) -> None:
    workspace, release_id, project = example_release
    outcome = draft_release(workspace, release_id, project, effective="2026-12-01")

    assert outcome.drafter == "template"
    assert [record.change_id for record in outcome.notes] == ["C1", "C2"]
    assert all(record.key.startswith("change-") for record in outcome.notes)
    assert all(r.status == "draft" and r.origin == "template" for r in outcome.notes)
    assert {r.content["item_title"] for r in outcome.edits} == {
        "Shipping::Delayed order",
        "My order is late",
        "Returns::Return window",
        "Returns and refunds",
    }
    assert outcome.notes[0].content["effective_date"] == "2026-12-01"
    assert outcome.stats["llm_calls"] == 0
    assert outcome.impacts["C1"][0]["conflicts"]
    runs = DraftStore(workspace).runs(release_id)
    assert runs[-1].drafter == "template" and runs[-1].summary["edits"] == 4
    assert any(entry["action"] == "drafts.generate" for entry in workspace.audit(release_id))


def _note_key(store: DraftStore, release_id: int, change_id: str) -> str:
    return next(r.key for r in store.drafts(release_id, "note") if r.change_id == change_id)


def test_edits_stay_with_their_change_when_changes_are_renumbered(
    example_release: Release,
) -> None:
    workspace, release_id, project = example_release
    draft_release(workspace, release_id, project)
    store = DraftStore(workspace)
    refund = store.draft(release_id, "note", _note_key(store, release_id, "C1"))
    store.update(release_id, "note", refund.key, content=dict(refund.content, title="Refunds!"))
    # a re-analysis that numbers the same changes the other way round
    analysis = workspace.load_analysis(release_id)
    assert analysis is not None
    renumber = {"C1": "C2", "C2": "C1"}
    for change in analysis.changes:
        change.id = renumber.get(change.id, change.id)
    draft_release(workspace, release_id, project, analysis=analysis)
    kept = store.draft(release_id, "note", refund.key)
    assert kept.content["title"] == "Refunds!" and kept.status == "edited"
    assert "$50" in kept.generated["title"]  # still the refund change, now numbered C2
    assert kept.change_id == "C2"


def test_writer_edits_and_approvals_survive_regeneration(example_release: Release) -> None:
    workspace, release_id, project = example_release
    draft_release(workspace, release_id, project)
    store = DraftStore(workspace)
    note = store.draft(release_id, "note", _note_key(store, release_id, "C1"))
    written = dict(note.content, title="Partial shipping refund on late orders over $50")
    store.update(release_id, "note", note.key, content=written)
    edit_key = next(r.key for r in store.drafts(release_id, "edit") if r.change_id == "C2")
    approved_text = store.draft(release_id, "edit", edit_key).content
    store.update(release_id, "edit", edit_key, status="approved")

    again = draft_release(workspace, release_id, project, effective="2027-01-15")

    assert again.kept == 2
    c1 = store.draft(release_id, "note", note.key)
    assert c1.status == "edited"
    assert c1.content["title"] == "Partial shipping refund on late orders over $50"
    assert c1.generated["effective_date"] == "2027-01-15"
    approved = store.draft(release_id, "edit", edit_key)
    assert approved.status == "approved" and approved.content == approved_text
    c2 = store.draft(release_id, "note", _note_key(store, release_id, "C2"))
    assert c2.status == "draft" and c2.content["effective_date"] == "2027-01-15"
    actions = [entry["action"] for entry in workspace.audit(release_id)]
    assert "drafts.edited" in actions and "drafts.approved" in actions


def test_a_writers_work_carries_into_the_next_release_of_the_same_change(
    example_release: Release,
) -> None:
    """`run` again after a small prompt tweak makes a new release: the writer's approved edit
    and edited note come along; approval only where the machine draft is still the same."""
    workspace, release_id, project = example_release
    draft_release(workspace, release_id, project, effective="2026-12-01")
    store = DraftStore(workspace)
    note = store.draft(release_id, "note", _note_key(store, release_id, "C1"))
    store.update(release_id, "note", note.key, content=dict(note.content, title="Late refunds"))
    store.update(release_id, "note", note.key, status="approved")
    edit_key = next(r.key for r in store.drafts(release_id, "edit") if r.change_id == "C2")
    store.update(release_id, "edit", edit_key, status="approved")

    analysis = workspace.load_analysis(release_id)
    assert analysis is not None
    diff = workspace.release_diff(release_id)
    later = workspace.create_release(base_label="support-v1", head_label="support-v2", diff=diff)
    workspace.save_analysis(later.id, analysis)
    outcome = draft_release(workspace, later.id, project, effective="2026-12-01")

    assert outcome.carried == 2
    carried_note = store.draft(later.id, "note", note.key)
    assert carried_note.content["title"] == "Late refunds"
    assert carried_note.status == "approved" and carried_note.carried_from == release_id
    assert store.draft(later.id, "edit", edit_key).status == "approved"
    others = [r for r in store.drafts(later.id) if r.key not in (note.key, edit_key)]
    assert others and all(r.status == "draft" and r.carried_from is None for r in others)

    # a new effective date is not a new text: the approval holds, the date is the new one
    third = workspace.create_release(base_label="support-v1", head_label="support-v2", diff=diff)
    workspace.save_analysis(third.id, analysis)
    draft_release(workspace, third.id, project, effective="2027-02-01")
    again = store.draft(third.id, "note", note.key)
    assert again.content["title"] == "Late refunds" and again.status == "approved"
    assert again.carried_from == later.id and not again.outdated
    # only the writer's fields come along: the date and evidence are this release's
    assert again.content["effective_date"] == "2027-02-01"
    assert again.content["evidence"] == again.generated["evidence"]

    # a writer who reset the draft to the machine's in the newest release is not overruled
    # by an edit from before it
    store.update(third.id, "note", note.key, content=again.generated, status="draft")
    fourth = workspace.create_release(base_label="support-v1", head_label="support-v2", diff=diff)
    workspace.save_analysis(fourth.id, analysis)
    draft_release(workspace, fourth.id, project, effective="2027-02-01")
    reset = store.draft(fourth.id, "note", note.key)
    assert reset.status == "draft" and reset.content["title"] != "Late refunds"
    assert reset.carried_from is None


def test_a_changed_machine_draft_drops_a_plain_approval_and_flags_a_writers_edit(
    tmp_path: Path,
) -> None:
    """The agent now refunds 100%, not 50%: an approval of the old machine text must not hold
    (back to draft, new text); a writer's edited text stays but is flagged outdated."""
    from behaviordiff.store.drafts import DraftRow

    def note(after: str) -> DraftRow:
        content = {
            "title": "Refunds",
            "before": "escalates",
            "after": after,
            "when": "late",
            "customer_impact": "refund",
            "cs_actions": [],
            "severity": "high",
            "effective_date": None,
            "evidence": [],
            "change_id": "C1",
        }
        return DraftRow("note", "change-refund", "C1", None, "template", content)

    def edit(body: str) -> DraftRow:
        content = {"new_body": body, "rationale": "why", "old_body": "old", "change_id": "C1"}
        return DraftRow("edit", "change-refund:macro:1", "C1", "macro:1", "template", content)

    with Workspace(tmp_path / "ws") as workspace:
        store = DraftStore(workspace)
        first = workspace.create_release(base_label="a", head_label="b").id
        store.save_generated(first, [note("refunds 50%"), edit("we refund 50%")])
        store.update(first, "note", "change-refund", status="approved")
        written = store.draft(first, "edit", "change-refund:macro:1").content
        store.update(
            first,
            "edit",
            "change-refund:macro:1",
            content=dict(written, new_body="We refund half the shipping fee."),
        )

        second = workspace.create_release(base_label="a", head_label="b").id
        counts = store.save_generated(second, [note("refunds 100%"), edit("we refund 100%")])

        assert counts["unapproved"] == 1 and counts["outdated"] == 2  # the edit, the approval
        plain = store.draft(second, "note", "change-refund")
        assert plain.status == "draft" and plain.content["after"] == "refunds 100%"
        assert plain.outdated and plain.carried_from == first  # shown as approved before
        mine = store.draft(second, "edit", "change-refund:macro:1")
        assert mine.status == "edited" and mine.outdated
        assert mine.content["new_body"] == "We refund half the shipping fee."
        assert mine.generated["new_body"] == "we refund 100%"
        # drafting again changes nothing the writer has not seen: still outdated
        store.save_generated(second, [note("refunds 100%"), edit("we refund 100%")])
        assert store.draft(second, "edit", "change-refund:macro:1").outdated
        # approving what the writer saw before a regeneration is refused
        from behaviordiff.store.drafts import DraftConflict

        seen = store.draft(second, "note", "change-refund")
        store.save_generated(second, [note("refunds 120%"), edit("we refund 100%")])
        with pytest.raises(DraftConflict, match="changed"):
            store.update(second, "note", "change-refund", status="approved", expected=seen)

        # a writer who changed only the title keeps it; the rest takes the new machine text
        third = workspace.create_release(base_label="a", head_label="b").id
        store.save_generated(third, [note("refunds 100%")])
        titled = store.draft(third, "note", "change-refund").content
        store.update(third, "note", "change-refund", content=dict(titled, title="Full refunds"))
        fourth = workspace.create_release(base_label="a", head_label="b").id
        store.save_generated(fourth, [note("refunds 150%")])
        carried = store.draft(fourth, "note", "change-refund")
        assert carried.content["title"] == "Full refunds" and carried.outdated
        assert carried.content["after"] == "refunds 150%"


def test_drafts_no_longer_produced_are_removed_or_marked_stale(
    example_release: Release,
) -> None:
    """The macro was fixed in the helpdesk (or the change went away): untouched drafts for it
    go; a writer's stay, marked stale, never silently lost."""
    workspace, release_id, project = example_release
    draft_release(workspace, release_id, project)
    store = DraftStore(workspace)
    note_key = _note_key(store, release_id, "C2")
    store.update(release_id, "note", note_key, status="approved")
    analysis = workspace.load_analysis(release_id)
    assert analysis is not None
    analysis.changes = [change for change in analysis.changes if change.id == "C1"]

    outcome = draft_release(workspace, release_id, project, analysis=analysis)

    assert outcome.stale == 1 and outcome.removed == 2  # the C2 macro and article edits
    stale = store.draft(release_id, "note", note_key)
    assert stale.stale and stale.status == "approved"
    assert not any(r.stale for r in store.drafts(release_id) if r.key != note_key)
    assert {r.change_id for r in store.drafts(release_id, "edit")} == {"C1"}


def test_release_without_analysis_is_a_clear_error(tmp_path: object) -> None:
    from behaviordiff.config import find_project

    with Workspace(tmp_path / "ws") as workspace:  # type: ignore[operator]
        release = workspace.create_release(base_label="a", head_label="b")
        with pytest.raises(DraftingError, match="no stored analysis"):
            draft_release(workspace, release.id, find_project(config=EXAMPLE / "behaviordiff.toml"))


def test_grounding_names_every_unsupported_fact() -> None:
    grounding = Grounding(
        ["orders over $50 delayed more than 48 hours; refund 50% via `issue_refund`"]
    )
    assert grounding.check("Orders over $50 late by 48 hours get 50% back (`issue_refund`).").ok
    report = grounding.check(
        "Orders over $60 get $10 back within 3 days via `refund_now`, from 2026-02-01."
    )
    assert report.problems == [
        "states date 2026-02-01, which is not in the evidence or the diff",
        "states duration 3 days, which is not in the evidence or the diff",
        "states money $10.00, which is not in the evidence or the diff",
        "states money $60.00, which is not in the evidence or the diff",
        "names the tool or action `refund_now`, which is not in the evidence or the diff",
    ]
    edit = grounding.check("A $5.95 label fee applies.", extra=["A $5.95 label fee applies."])
    assert edit.ok
    original = "Hi {{ticket.requester.first_name}}, we escalated it."
    assert grounding.check("Hi {{ticket.requester.first_name}}, 50% back.", extra=[original]).ok
    # placeholders are checked, not skipped: a new one, or a number hidden in one, is flagged
    invented = grounding.check("Hi {{ $500 within 90 days }}, 50% back.", extra=[original])
    assert invented.problems == [
        "adds the placeholder {{ $500 within 90 days }}, which the original text does not have"
    ]
    # a number is compared as a number, not found inside a longer amount
    assert grounding.check("Orders over $50, at most 5 times.").problems == [
        "states the number 5, which is not in the evidence"
    ]


def test_draft_and_kb_commands(cli: CliRunner, example_release: Release) -> None:
    workspace, release_id, _ = example_release
    env = {"BEHAVIORDIFF_WORKSPACE": str(workspace.folder)}
    result = cli("draft", "--effective", "2026-12-01", "--format", "json", cwd=EXAMPLE, env=env)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["release_id"] == release_id and data["drafter"] == "template"
    assert data["notes"][0]["content"]["effective_date"] == "2026-12-01"

    text = cli("draft", cwd=EXAMPLE, env=env)
    assert text.exit_code == 0, text.stderr
    assert "Shipping refund instead of a handoff to a human" in text.stdout
    assert "Suggested edit Shipping::Delayed order" in text.stdout

    bad = cli("draft", "--effective", "next week", cwd=EXAMPLE, env=env)
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr

    kb = cli("kb", "check", "--format", "json", cwd=EXAMPLE)
    assert kb.exit_code == 0, kb.stderr
    assert json.loads(kb.stdout)["macros"] == 12


def test_the_effective_date_is_kept_for_the_next_draft(
    cli: CliRunner, example_release: Release
) -> None:
    workspace, _, _ = example_release
    env = {"BEHAVIORDIFF_WORKSPACE": str(workspace.folder)}
    first = cli("draft", "--effective", "2027-01-15", "--format", "json", cwd=EXAMPLE, env=env)
    assert first.exit_code == 0, first.stderr
    again = cli("draft", "--format", "json", cwd=EXAMPLE, env=env)
    data = json.loads(again.stdout)
    assert data["effective_date"] == "2027-01-15"
    assert {note["content"]["effective_date"] for note in data["notes"]} == {"2027-01-15"}
    listed = cli("releases", "--format", "json", cwd=EXAMPLE, env=env)
    assert json.loads(listed.stdout)["releases"][0]["effective_date"] == "2027-01-15"
