"""A percentage argument moved, and a customer only asking the price no longer told it.

Seen on a filament subscription's agent (set BM, after its held-out run): the Engineering range
lost the 15% subscriber discount (`add_to_box` discount_percent 15 → 0 on the spools added),
and a subscriber asking what an Engineering spool would cost was no longer told "discount:
15%". The two were two changes, the second with no condition; the share was not read as the
old value because shares are no amounts. The change is also put on the sentence added for the
Engineering range ("… add those spools at the full shop price (discount_percent 0)"), not on
the sentence that only lost the old discount.
"""

from __future__ import annotations

import json
import shutil

import pytest


def test_the_filament_change_is_one(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import FIXTURES, _run_in_process

    root = tmp_path_factory.mktemp("filament")
    scenario = "filamentbox-engineering-fullprice"
    shutil.copytree(FIXTURES / "scenarios" / "_sim", root / "_sim")
    shutil.copytree(FIXTURES / "scenarios" / scenario, root / scenario)
    truth = (root / scenario / "truth.yaml").read_text(encoding="utf-8")
    base = truth.split("\nbase: ", 1)[1].split("\n", 1)[0]
    head = truth.split("\nhead: ", 1)[1].split("\n", 1)[0]
    args = ("run", base, head, "--samples", "2", "--format", "json")
    args += ("--workspace", str(root / scenario / ".ws"))
    result = _run_in_process(args, root / scenario, {"COLUMNS": "200", "NO_COLOR": "1"}, None)
    assert result.exit_code in (0, 1), result.stderr
    changes = json.loads(result.stdout)["analysis"]["changes"]
    assert len(changes) == 1
    change = changes[0]
    assert "quote-eng-pc" in change["probe_ids"]
    assert change["conditions"][0]["text"] == "product_line = engineering and tag extra-spool"
    first = change["attribution"][0]
    assert first["kind"] == "sentence_added"
    assert "The Engineering range is excluded from the subscriber discount" in first["summary"]
