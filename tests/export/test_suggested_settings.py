"""`export --with-suggested-settings`: a flagged Zendesk macro is written with the suggested
removals and changes of its settings applied to the request sent (additions still need a
person), the export says which, the push says they were applied rather than "to review"; a
macro that also serves customers the change does not reach is left as exported, saying why;
a target without macro settings refuses the option with the fix."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from typer.testing import CliRunner

from behaviordiff.cli.app import app
from behaviordiff.export import ExportError
from behaviordiff.export.collect import collect
from behaviordiff.export.zendesk import APPLIED, records
from tests.conftest import EXAMPLE
from tests.export.conftest import approve_all, read_json, schema

CONFIG = str(EXAMPLE / "behaviordiff.toml")


def _cli(workspace, command: str, *args: str):
    return CliRunner().invoke(
        app,
        [command, *args, "--config", CONFIG, "--workspace", str(workspace.folder)],
        env={"COLUMNS": "200", "NO_COLOR": "1"},
    )


def _drafted(example_release, drafted_snapshots):
    workspace, release_id, _ = drafted_snapshots.restore(example_release, drafter="template")
    approve_all(workspace, release_id)
    return workspace, release_id


def test_a_macro_serving_only_the_changed_customers_is_sent_with_the_suggestions(
    example_release, drafted_snapshots
) -> None:
    from behaviordiff.export import project_knowledge

    workspace, release_id = _drafted(example_release, drafted_snapshots)
    items, _ = collect(workspace, release_id, project_knowledge(example_release[2]))
    flagged = next(item for item in items if item.settings is not None)
    # as if the macro named the condition: the change reaches every customer it serves
    whole = dataclasses.replace(
        flagged, settings=dataclasses.replace(flagged.settings, restricted=False, when="")
    )
    (_, plain), (_, applied) = records([whole])[0][0], records([whole], suggested=True)[0][0]
    sent = applied["request"]["body"]["macro"]["actions"]
    assert sent == applied["review"]["suggested_actions"]
    assert sent != plain["request"]["body"]["macro"]["actions"]
    assert {"field": "group_id", "value": "360000112233"} not in sent  # removed
    assert {"field": "status", "value": "solved"} in sent  # changed
    assert sent[0] == plain["request"]["body"]["macro"]["actions"][0]  # the reply
    schema("zendesk_macro_update").validate(applied["request"]["body"])
    assert sorted(applied["review"]["applied"]) == ["group_id", "set_tags", "status"]
    assert applied["review"]["confirm"].startswith(APPLIED)
    assert "applied" not in plain["review"]


def test_the_demo_macro_serves_other_customers_too_and_stays_as_exported(
    example_release, drafted_snapshots, tmp_path: Path
) -> None:
    """Macro 360001 is sent for every delayed order; the change holds for orders over $50:
    dropping its group and solving would change the others' handling too."""
    workspace, _ = _drafted(example_release, drafted_snapshots)
    plain, asked = tmp_path / "plain.json", tmp_path / "asked.json"
    assert _cli(workspace, "export", "--to", "zendesk", "-o", str(plain)).exit_code == 0
    done = _cli(
        workspace, "export", "--to", "zendesk", "-o", str(asked), "--with-suggested-settings"
    )
    assert done.exit_code == 0, done.output
    said = " ".join(done.stdout.split())
    assert "(not applied: the macro also serves customers the change does not reach)" in said
    assert "left 1 macro(s) as exported" in said and "split the macro" in said
    assert read_json(asked)["suggested_settings"] is True
    before = {r["target_id"]: r for r in read_json(plain)["records"]}
    after = {r["target_id"]: r for r in read_json(asked)["records"]}
    assert {t: r["request"] for t, r in after.items()} == {
        t: r["request"] for t, r in before.items()
    }
    assert "applied" not in after["360001"]["review"]
    dry = _cli(workspace, "push", "zendesk", "--from", str(asked), "--format", "json")
    item = next(i for i in json.loads(dry.stdout)["items"] if i["target_id"] == "360001")
    assert item["settings_applied"] == [] and item["settings_to_review"]


def test_push_says_the_settings_were_applied(
    example_release, drafted_snapshots, tmp_path: Path
) -> None:
    workspace, _ = _drafted(example_release, drafted_snapshots)
    path = tmp_path / "z.json"
    assert _cli(workspace, "export", "--to", "zendesk", "-o", str(path)).exit_code == 0
    document = read_json(path)
    record = next(r for r in document["records"] if r["target_id"] == "360001")
    record["review"]["applied"] = ["group_id", "status"]  # as an export that applied them
    path.write_text(json.dumps(document))
    dry = _cli(workspace, "push", "zendesk", "--from", str(path))
    assert dry.exit_code == 0, dry.output
    said = " ".join(dry.stdout.split())
    assert "suggested settings applied (group_id, status)" in said
    assert "settings to review (set_tags)" in said
    data = json.loads(
        _cli(workspace, "push", "zendesk", "--from", str(path), "--format", "json").stdout
    )
    item = next(i for i in data["items"] if i["target_id"] == "360001")
    assert item["settings_applied"] == ["group_id", "status"]
    assert item["settings_to_review"] == ["set_tags"]


def test_a_target_without_macro_settings_refuses_the_option(
    example_release, drafted_snapshots, tmp_path: Path
) -> None:
    workspace, _ = _drafted(example_release, drafted_snapshots)
    out = tmp_path / "f.csv"
    done = _cli(workspace, "export", "--to", "csv", "-o", str(out), "--with-suggested-settings")
    assert isinstance(done.exception, ExportError)  # the entry point prints it, exit 2
    assert "--with-suggested-settings is for Zendesk macros" in done.exception.message
    assert "export --to zendesk" in (done.exception.hint or "")
    assert not out.exists()
