"""A push sends only what an export of the release in this workspace wrote, as it wrote it:
a record whose path points at another endpoint or whose body has another shape is refused
before anything is sent, naming the record; a request edited after the export (its text
changed) is refused as unreviewed; 5,000 copies of one record are refused in a line each,
not a line naming every copy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.export import helpdesks
from tests.export.helpdesk_stub import Stub, running
from tests.export.test_push import _exported, _push


def _stubbed(records: list[dict[str, Any]]) -> Stub:
    stub = Stub()
    for record in records:
        if record["kind"] == "macro":
            stub.items[record["request"]["path"]] = {
                "macro": {
                    "id": int(record["target_id"]),
                    "updated_at": record["source"]["updated_at"],
                }
            }
        else:
            stub.items[f"/api/v2/help_center/articles/{record['target_id']}"] = {
                "article": {
                    "id": int(record["target_id"]),
                    "updated_at": record["source"]["updated_at"],
                }
            }
    return stub


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (
            lambda r: r["request"].update(path="/api/v2/users/1"),
            "is not the update of macro 360001",
        ),
        (
            lambda r: r["request"].update(path="/api/v2/macros/360002"),
            "is not the update of macro 360001",
        ),
        (lambda r: r["request"].update(body=[1]), "the request body is not the macro update"),
        (
            lambda r: r["request"]["body"].update(restriction={"type": "Group"}),
            "the request body is not the macro update",
        ),
        (lambda r: r.update(kind="user"), "the record's kind 'user' is not one"),
    ],
)
def test_a_request_to_another_endpoint_or_of_another_shape_is_refused(
    approved_with, tmp_path: Path, tamper: Any, message: str
) -> None:
    workspace, _, path = _exported(approved_with, tmp_path, helpdesks.zendesk, "zendesk")
    document = json.loads(path.read_text())
    record = next(r for r in document["records"] if r["target_id"] == "360001")
    tamper(record)
    path.write_text(json.dumps(document))
    result = _push(workspace, "zendesk", "--from", str(path), "--format", "json")
    assert result.exit_code != 0
    assert message in str(result.exception or result.output)


def test_a_text_edited_after_the_export_is_not_sent(approved_with, tmp_path: Path) -> None:
    workspace, _, path = _exported(approved_with, tmp_path, helpdesks.zendesk, "zendesk")
    document = json.loads(path.read_text())
    record = next(r for r in document["records"] if r["target_id"] == "360001")
    record["request"]["body"]["macro"]["actions"][0]["value"] = "Hi, we refund everything!"
    path.write_text(json.dumps(document))
    stub = _stubbed(document["records"])
    with running(stub):
        env = {"ZENDESK_URL": stub.base_url, "ZENDESK_EMAIL": "a@b.c", "ZENDESK_API_TOKEN": "t"}
        result = _push(
            workspace, "zendesk", "--from", str(path), "--apply", "--format", "json", env=env
        )
    assert result.exit_code == 1, result.output
    items = {item["target_id"]: item for item in json.loads(result.stdout)["items"]}
    assert items["360001"]["status"] == "refused"
    assert "not one an export of this release here wrote" in items["360001"]["reason"]
    assert "/api/v2/macros/360001" not in {put.path for put in stub.puts()}
    assert {item["status"] for t, item in items.items() if t != "360001"} == {"changed"}


def test_many_copies_of_one_record_are_refused_in_a_short_line(
    approved_with, tmp_path: Path
) -> None:
    workspace, _, path = _exported(approved_with, tmp_path, helpdesks.zendesk, "zendesk")
    document = json.loads(path.read_text())
    document["records"] = [document["records"][0]] * 5000
    path.write_text(json.dumps(document))
    result = _push(workspace, "zendesk", "--from", str(path), "--format", "json")
    assert result.exit_code == 1, result.output
    reasons = {item["reason"] for item in json.loads(result.stdout)["items"]}
    [reason] = reasons
    assert "and 4,999 other records both update" in reason and len(reason) < 600
    assert len(result.stdout) < 5000 * 1000
