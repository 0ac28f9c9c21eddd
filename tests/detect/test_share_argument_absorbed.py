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

import pytest


def test_the_filament_change_is_one(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import run_scenario

    found, _project = run_scenario(
        tmp_path_factory.mktemp("filament"), "filamentbox-engineering-fullprice"
    )
    changes = found["analysis"]["changes"]
    assert len(changes) == 1
    change = changes[0]
    assert "quote-eng-pc" in change["probe_ids"]
    assert change["conditions"][0]["text"] == "product_line = engineering and tag extra-spool"
    first = change["attribution"][0]
    assert first["kind"] == "sentence_added"
    assert "The Engineering range is excluded from the subscriber discount" in first["summary"]
