"""End to end: the bundled example's v2 with every shipping refund doubled (50% → 100% of the
shipping fee), run through the simulator. One behavior change, with its condition, its cause and
a note that says the refunds doubled; the macro and FAQ that state 50% get edited."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLE, CliRunner
from tests.detect.test_example import REFUND_PROBES

WHO = "orders over $50 delayed more than 48 hours"


def doubled_refunds_project(tmp_path: Path) -> Path:
    """The example with agents/support-v3 (v2, refunds doubled and one unrelated refund rule
    reworded) and a knowledge base already updated to v2's 50% refund."""
    project = tmp_path / "acme"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__", ".behaviordiff"))
    v3 = project / "agents" / "support-v3"
    shutil.copytree(project / "agents" / "support-v2", v3)
    prompt = (v3 / "system.md.j2").read_text()
    for old, new in [
        ("refund of 50% of", "refund of 100% of"),
        ("a refund, credit or discount", "a refund, store credit, voucher or discount"),
    ]:
        assert old in prompt
        prompt = prompt.replace(old, new)
    (v3 / "system.md.j2").write_text(prompt)

    faq = project / "kb" / "faq" / "delayed-orders.md"
    text = faq.read_text()
    old_paragraph = text.split("## Late by more than 48 hours\n\n", 1)[1].split("\n\n", 1)[0]
    faq.write_text(
        text.replace(
            old_paragraph,
            "If your order is over $50 and more than 48 hours past its estimated delivery date,\n"
            "we refund 50% of the shipping fee right in the chat.",
        )
    )
    macros_file = project / "kb" / "macros.json"
    macros = json.loads(macros_file.read_text())
    macro = next(m for m in macros["macros"] if m["title"] == "Shipping::Delayed order")
    macro["actions"][0]["value"] = macro["actions"][0]["value"].replace(
        "so I have escalated it to our shipping team. A shipping specialist will contact you "
        "within 24 hours with an update.",
        "and as your order is over $50, I've refunded 50% of your shipping fee to your original "
        "payment method.",
    )
    macros_file.write_text(json.dumps(macros, indent=2))
    return project


def test_doubled_refunds_are_one_change_with_a_note_that_says_so(
    cli: CliRunner, tmp_path: Path
) -> None:
    project = doubled_refunds_project(tmp_path)
    result = cli(
        "run", "agents/support-v2", "agents/support-v3", "--samples", "2", "--format", "json",
        cwd=project,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)

    [change] = data["analysis"]["changes"]
    assert set(change["probe_ids"]) == REFUND_PROBES
    assert change["title"].startswith("issue_refund(type=shipping): amount ")
    assert change["title"].endswith(" … (×2)")
    assert change["conditions"][0]["text"] == "delay_hours > 48 and order_total > 50"
    assert change["conditions"][0]["others"]["matched"] == 0
    cause = change["attribution"][0]
    assert cause["section"] == "Refunds"
    assert "refund of 100% of the shipping fee" in cause["summary"]
    assert "changes 50 → 100 (×2, as the amounts)" in cause["reasons"]
    [moved] = change["moved_arguments"]
    assert moved["ratio"] == 2 and len(moved["values"]) == len(REFUND_PROBES)
    assert all(value["new"] == 2 * value["old"] for value in moved["values"])

    drafts = data["drafts"]
    [note] = [item["content"] for item in drafts["notes"]]
    assert note["title"] == f"Shipping refunds doubled for {WHO}"
    assert note["before"].startswith(f"For {WHO}, the agent refunds 50% of the shipping fee ($")
    assert "the agent now refunds 100% of the shipping fee ($" in note["after"]
    assert "twice the old amount in every probe" in note["after"]
    assert note["customer_impact"].startswith(
        f"Customers with {WHO} now get twice the refund they got before ($"
    )
    assert "handoff" not in json.dumps(note)
    edits: dict[str, dict[str, Any]] = {
        item["content"]["item_title"]: item["content"] for item in drafts["edits"]
    }
    assert sorted(edits) == ["My order is late", "Shipping::Delayed order"]
    for edit in edits.values():
        assert edit["new_body"] == edit["old_body"].replace("50% of", "100% of")
    assert drafts["fallbacks"] == []
