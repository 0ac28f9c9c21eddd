"""The behavior changelog: approved notes with the writer's text, as Markdown, JSON that
validates against the shipped schema, and an Atom feed feedparser reads; project templates."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import jsonschema
import pytest

from behaviordiff.publish.ack import acknowledge
from behaviordiff.publish.changelog import load_schema
from behaviordiff.review import approve, load_review
from tests.publish.conftest import Invoke, Release, approve_all, edit, error_of, json_of, write

HOSTILE = 'Refunds <script>alert("x")</script> & <b>more</b>'


def _writer_edits_and_everyone_signs_off(drafted: Release) -> None:
    workspace, release_id, _ = drafted
    edit(
        workspace,
        release_id,
        "C1",
        {"title": "Late orders over $50: a shipping refund, no handoff", "after": HOSTILE},
    )
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, [], all_approved=True, by="Sam (CS)", note="briefed")


def test_the_three_formats_publish_the_writers_text(invoke: Invoke, drafted: Release) -> None:
    _writer_edits_and_everyone_signs_off(drafted)
    workspace, release_id, _ = drafted
    workspace.set_effective_date(release_id, "2030-01-15")

    data = json_of(invoke("changelog", "--format", "json"))
    jsonschema.validate(data, load_schema())
    release = data["releases"][0]
    assert release["status"] == "released" and release["effective_date"] == "2030-01-15"
    assert release["days_left"] > 0 and "days left" in release["lead_time"]
    first, second = release["changes"]
    assert first["title"] == "Late orders over $50: a shipping refund, no handoff"
    assert first["after"] == HOSTILE and first["edited_by_writer"] is True
    assert second["edited_by_writer"] is False
    assert first["approved_by"] == "wendy-writer"
    assert first["acknowledged"]["by"] == "Sam (CS)" and first["acknowledged"]["note"] == "briefed"
    assert first["id"] == f"r{release_id}:{first['change_key']}"
    assert first["change_key"].startswith("change-")
    assert release["new_actions"] == ["issue_refund(type=shipping)"]
    assert release["removed_actions"] == ["escalate_to_human(priority=normal)"]
    assert [group["id"] for group in release["wording_only"]] == ["W1"]

    markdown = invoke("changelog").stdout
    assert f"## Release #{release_id}: support-v1 → support-v2" in markdown
    assert "#### C1 · Late orders over $50: a shipping refund, no handoff" in markdown
    assert f"- **After:** {HOSTILE}" in markdown
    assert "**Effective (100% of customers):** 2030-01-15" in markdown
    assert "### New actions\n\n- `issue_refund(type=shipping)`" in markdown
    assert "### Removed actions" in markdown and "### Wording only" in markdown
    assert "CS acknowledgement: Sam (CS)" in markdown and "approved by wendy-writer" in markdown

    atom = invoke("changelog", "--format", "atom").stdout
    feed = feedparser.parse(atom)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Behavior changelog"
    titles = [entry.title for entry in feed.entries]
    assert titles == [first["title"], second["title"]]
    assert [entry.id for entry in feed.entries] == [first["entry_id"], second["entry_id"]]
    assert all(entry.updated_parsed for entry in feed.entries)
    assert "<script>" not in atom  # escaped in the XML
    # the name `behaviordiff` on PyPI is someone else's project: the feed links to none
    assert feed.feed.generator == "behaviordiff" and "pypi.org" not in atom
    assert "href" not in feed.feed.generator_detail and "uri" not in atom.split("<entry>")[0]
    # the feed is stable: the same ids on the next render, updated moves with an edit
    again = feedparser.parse(invoke("changelog", "--format", "atom").stdout)
    assert [entry.id for entry in again.entries] == [entry.id for entry in feed.entries]


def test_a_release_in_review_is_unreleased_and_shown_when_asked(
    invoke: Invoke, drafted: Release
) -> None:
    workspace, release_id, _ = drafted
    result = invoke("changelog", "--format", "json")
    assert json_of(result)["releases"] == []
    assert "--include-unreleased" in result.stderr
    approve(workspace, release_id, load_review(workspace, release_id).resolve(["C2"]))
    assert load_review(workspace, release_id).resolve(["C2"])[0].record.status == "approved"
    data = json_of(invoke("changelog", "--format", "json", "--include-unreleased"))
    jsonschema.validate(data, load_schema())
    release = data["releases"][0]
    assert release["status"] == "unreleased" and release["in_review"] == ["C1"]
    assert [change["handle"] for change in release["changes"]] == ["C2"]
    markdown = invoke("changelog", "--include-unreleased").stdout
    assert f"## Unreleased: support-v1 → support-v2 (release #{release_id})" in markdown
    assert "Still in review: C1." in markdown
    # naming the release shows it, in review or not
    assert json_of(invoke("changelog", "-f", "json", "--release", str(release_id)))["releases"]


def test_release_and_since_choose_releases(invoke: Invoke, drafted: Release) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    later = workspace.create_release(base_label="support-v2", head_label="support-v3")
    workspace.save_analysis(later.id, workspace.load_analysis(release_id) or {})
    data = json_of(invoke("changelog", "-f", "json", "--include-unreleased"))
    assert [release["id"] for release in data["releases"]] == [later.id, release_id]
    data = json_of(
        invoke("changelog", "-f", "json", "--since", str(later.id), "--include-unreleased")
    )
    assert [release["id"] for release in data["releases"]] == [later.id]
    error = error_of(invoke("changelog", "--release", "1", "--since", "1"))
    assert "not both" in error.message
    assert "no release #9" in error_of(invoke("changelog", "--release", "9")).message


def test_output_file_and_project_templates(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    folder = tmp_path / "tpl"
    folder.mkdir()
    write(
        folder / "changelog.md.j2",
        "{% for r in changelog.releases %}{% for c in r.changes %}* {{ c.title }}\n"
        "{% endfor %}{% endfor %}",
    )
    config = write(tmp_path / "behaviordiff.toml", '[publish]\ntemplates = "tpl"\n')
    output = tmp_path / "out" / "CHANGELOG.md"
    result = invoke("changelog", "--config", str(config), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8").startswith("* Shipping refund instead of")
    # the Atom template is still the built-in one
    atom = invoke("changelog", "--config", str(config), "-f", "atom").stdout
    assert not feedparser.parse(atom).bozo

    write(folder / "changelog.md.j2", "{{ changelog.nope }}")
    error = error_of(invoke("changelog", "--config", str(config)))
    assert error.where == f"{folder / 'changelog.md.j2'}:1" and "nope" in error.message
    write(folder / "changelog.md.j2", "{% for %}")
    error = error_of(invoke("changelog", "--config", str(config)))
    assert error.where == f"{folder / 'changelog.md.j2'}:1"
    write(tmp_path / "behaviordiff.toml", '[publish]\ntemplates = "missing"\n')
    error = error_of(invoke("changelog", "--config", str(config)))
    assert "does not exist" in error.message and "changelog.md.j2" in (error.hint or "")
    # a file where the folder should be is named as a file, not as missing (trial21)
    write(tmp_path / "notes.md", "# notes\n")
    write(tmp_path / "behaviordiff.toml", '[publish]\ntemplates = "notes.md"\n')
    error = error_of(invoke("changelog", "--config", str(config)))
    assert "'notes.md', which is a file, not a folder" in error.message, error.message
    assert "does not exist" not in error.message
    assert "name a folder" in (error.hint or "")


@pytest.mark.parametrize("name", ["changelog.schema.json"])
def test_the_schema_ships_in_the_package(name: str) -> None:
    from importlib import resources

    text = resources.files("behaviordiff.publish").joinpath("schemas", name).read_text()
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == load_schema()


def test_the_feed_keeps_its_ids_when_the_workspace_moves(drafted: Release, tmp_path: Path) -> None:
    """A CI cache restores the workspace elsewhere: feed readers must see the same feed."""
    import shutil

    from behaviordiff.publish.changelog import Selection, build_changelog
    from behaviordiff.store import Workspace

    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    here = build_changelog(workspace, Selection())
    workspace.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copytree(workspace.folder, tmp_path / "elsewhere")
    with Workspace(tmp_path / "elsewhere", create=False) as moved:
        there = build_changelog(moved, Selection())
    assert there["feed_id"] == here["feed_id"]
    entries = [change["entry_id"] for change in here["releases"][0]["changes"]]
    assert [change["entry_id"] for change in there["releases"][0]["changes"]] == entries


def test_a_rerun_supersedes_the_release_it_repeats(invoke: Invoke, drafted: Release) -> None:
    """The same changes found again (a rerun, a prompt tweak before shipping) are listed
    once, in the newest release."""
    from behaviordiff.drafting import draft_release

    workspace, release_id, project = drafted
    approve_all(workspace, release_id)
    diff = workspace.release_diff(release_id)
    rerun = workspace.create_release(base_label="support-v1", head_label="support-v2", diff=diff)
    workspace.save_analysis(rerun.id, workspace.load_analysis(release_id) or {})
    draft_release(workspace, rerun.id, project)  # carries the approvals: same text
    data = json_of(invoke("changelog", "--format", "json"))
    jsonschema.validate(data, load_schema())
    assert [release["id"] for release in data["releases"]] == [rerun.id]
    assert data["releases"][0]["supersedes"] == [release_id]
    assert [c["handle"] for c in data["releases"][0]["changes"]] == ["C1", "C2"]
    assert f"Supersedes release #{release_id}." in invoke("changelog").stdout
    feed = feedparser.parse(invoke("changelog", "--format", "atom").stdout)
    assert len(feed.entries) == 2


def test_an_approval_carried_by_a_rerun_still_says_who_approved(
    invoke: Invoke, drafted: Release
) -> None:
    """A note carried approved into a rerun (its text reads the same) is listed, in the
    newest release, with the writer who approved it and when, through reruns of reruns
    (trial21: "approved by … on …" went missing from the changelog, `approved_by: null`)."""
    from behaviordiff.drafting import draft_release

    workspace, release_id, project = drafted
    approve_all(workspace, release_id)
    first = json_of(invoke("changelog", "--format", "json"))["releases"][0]["changes"]
    approved = {
        change["handle"]: (change["approved_by"], change["approved_at"]) for change in first
    }
    assert all(by and at for by, at in approved.values()), approved
    diff = workspace.release_diff(release_id)
    for _ in range(2):  # a rerun, then a rerun of the rerun
        rerun = workspace.create_release(
            base_label="support-v1", head_label="support-v2", diff=diff
        )
        workspace.save_analysis(rerun.id, workspace.load_analysis(release_id) or {})
        draft_release(workspace, rerun.id, project)
        data = json_of(invoke("changelog", "--format", "json"))
        assert [release["id"] for release in data["releases"]] == [rerun.id]
        carried = {
            change["handle"]: (change["approved_by"], change["approved_at"])
            for change in data["releases"][0]["changes"]
        }
        assert carried == approved
        by, at = approved["C1"]
        assert f"approved by {by} on {at[:10]}" in invoke("changelog").stdout


def test_a_rejected_edit_is_not_asked_of_cs_and_brief_reps_is_as_approved(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    """Rejecting one edit (not its change) takes its "Update macro …" and "Check the
    settings of macro …" lines out of what CS reads: changelog and report alike. The
    "Brief reps:" line is the one the writer approved, never rewritten at publishing
    (trial14: the changelog said "Brief reps: <edited title>" while the approved line said
    something else); the retitle carried it into the stored note before approval (trial12)."""
    from behaviordiff.review import reject

    workspace, release_id, _ = drafted
    review = load_review(workspace, release_id)
    first, kept = review.resolve(["C1.1"])[0], review.resolve(["C1.2"])[0]
    machine = review.resolve(["C1"])[0].record.content
    machine_title = str(machine["title"])
    named = [action for action in machine["cs_actions"] if first.title in action]
    assert named and any(
        action.startswith(f"Brief reps: {machine_title}") for action in machine["cs_actions"]
    )
    edit(workspace, release_id, "C1", {"title": "Shipping refunds for late orders"})
    approve_all(workspace, release_id)
    reject(
        workspace,
        release_id,
        load_review(workspace, release_id).resolve(["C1.1"])[0],
        "not-a-behavior-change",
        "the item still holds",
    )
    approved = load_review(workspace, release_id).resolve(["C1"])[0].record
    approved_brief = next(
        str(a) for a in approved.content["cs_actions"] if str(a).startswith("Brief reps:")
    )
    assert approved_brief.startswith("Brief reps: Shipping refunds for late orders.")

    for render in (
        lambda: "\n".join(
            json_of(invoke("changelog", "--format", "json"))["releases"][0]["changes"][0][
                "cs_actions"
            ]
        ),
        lambda: invoke("changelog").stdout,
        lambda: (
            invoke("report", "-o", str(tmp_path / "r.html"))
            and (tmp_path / "r.html").read_text(encoding="utf-8")
        ),
    ):
        text = render()
        assert not any(action in text for action in named), text
        assert f"“{kept.title}”" in text
        assert approved_brief in text
        assert f"Brief reps: {machine_title}" not in text


def test_a_release_with_probes_left_undecided_is_not_released(
    invoke: Invoke, drafted: Release
) -> None:
    """A rerun that could not decide some probes (too few samples, runs that failed) may hide
    a change no one has reviewed: its approved notes go under "Unreleased", saying which
    probes wait for another run, and the default changelog leaves it out."""
    workspace, release_id, _ = drafted
    approve_all(workspace, release_id)
    assert json_of(invoke("changelog", "--format", "json"))["releases"]  # released: settled
    analysis = workspace.load_analysis(release_id)
    assert analysis is not None
    quiet = [probe for probe in analysis.probes if probe.verdict == "unchanged"][:2]
    for probe in quiet:
        probe.verdict, probe.facets, probe.more_samples = "inconclusive", ["meaning"], 2
    workspace.save_analysis(release_id, analysis)
    assert json_of(invoke("changelog", "--format", "json"))["releases"] == []
    data = json_of(invoke("changelog", "--format", "json", "--include-unreleased"))
    jsonschema.validate(data, load_schema())
    release = data["releases"][0]
    assert release["status"] == "unreleased" and release["in_review"] == []
    assert release["undecided"] == [probe.probe_id for probe in quiet]
    markdown = " ".join(invoke("changelog", "--include-unreleased").stdout.split())
    assert f"## Unreleased: support-v1 → support-v2 (release #{release_id})" in markdown
    assert "Still in review" not in markdown  # every change is reviewed
    assert f"Not decided yet: 2 probes ({quiet[0].probe_id}, {quiet[1].probe_id})" in markdown
