"""A limit put on a count where there was none.

A hot-sauce shop's Reaper Reserve pre-orders were taken for "the number of bottles the
customer asks for" and are now "limited to 2 bottles per customer" (condition quantity > 2).
No finder read the KB's "There's no cap on how many bottles you can pre-order", the FAQ's "As
many as you like." or the table's "No maximum": every required item went without an edit.
The core range, which the new prompt still leaves unlimited, keeps its "No maximum".
"""

from __future__ import annotations

import pytest

from behaviordiff.drafting.newlimit import NO_LIMIT, limit_row_quote


@pytest.mark.parametrize(
    "text",
    [
        "There's no cap on how many bottles you can pre-order.",
        "As many as you like.",
        "| Reaper Reserve | £12 | No maximum |",
        "Order any quantity you need.",
        "Bookings are unlimited.",
    ],
)
def test_claims_of_no_limit(text: str) -> None:
    assert NO_LIMIT.search(text)


@pytest.mark.parametrize(
    "text", ["Up to 2 bottles per customer.", "One pack per order.", "We cap it at 4."]
)
def test_limits_are_no_such_claim(text: str) -> None:
    assert not NO_LIMIT.search(text)


def test_a_row_is_quoted_by_its_limit_cell() -> None:
    header = "| Range | Price | Ships | How many you can order |"
    row = "| Reaper Reserve (pre-order) | £12 a bottle | From 14 March | No maximum |"
    assert limit_row_quote(header, row) == (
        "Range: Reaper Reserve (pre-order); How many you can order: No maximum"
    )


def test_the_hot_sauce_drafts(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import run_scenario, scenario_edits

    found, _project = run_scenario(
        tmp_path_factory.mktemp("hotsauce"), "hotsauce-preorder-two-each"
    )
    edits = scenario_edits(found)
    limit = "Reaper Reserve pre-orders are limited to 2 bottles per customer"
    macro = edits["macro:9201"]["new_body"]
    assert limit in macro and "no cap" not in macro
    faq = edits["article:7200510"]["new_body"]
    assert limit in faq and "As many as you like" not in faq and "case of 12" not in faq
    assert "You can cancel for a full refund at any time before it ships." in faq
    table = edits["article:7200511"]["new_body"]
    assert "| Reaper Reserve (pre-order) | £12 a bottle | From 14 March | 2 per customer |" in table
    assert "| Core range | £7.50 a bottle | Within 2 working days | No maximum |" in table
    # the core range's own macro, still unlimited, is not edited
    assert "macro:9204" not in edits


def test_a_model_edit_still_saying_no_limit_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from behaviordiff.drafting.facts import build_facts
    from behaviordiff.drafting.newlimit import new_limit_fact, still_unlimited
    from behaviordiff.store import Workspace
    from tests.conftest import run_scenario

    found, project = run_scenario(
        tmp_path_factory.mktemp("hotsauce-llm"), "hotsauce-preorder-two-each"
    )
    workspace = Workspace(project / ".ws", create=False)
    release = found["release"]
    release_id = release["id"] if isinstance(release, dict) else int(release)
    analysis = workspace.load_analysis(release_id)
    assert analysis is not None
    facts = build_facts(analysis, workspace.release_diff(release_id))[0]
    fact = new_limit_fact(facts)
    assert fact is not None and "2 bottles per customer" in fact
    kept = (
        "# Reaper Reserve pre-orders\n\n**How many bottles can I pre-order?**\n"
        "As many as you like.\n"
    )
    said = kept.replace("As many as you like.", "Up to 2 bottles per customer.")
    assert still_unlimited(facts, kept, "markdown", "Reaper Reserve pre-orders") == [
        "As many as you like."
    ]
    assert still_unlimited(facts, said, "markdown", "Reaper Reserve pre-orders") == []
