"""A kind added to a prompt's list of exceptions: the KB's lists of them take it.

A running shop's rewards rule gained "gps_watches: GPS watches (…)" under "Items that don't
earn points:". The finder marked the sentences stating the old list, but no writer added the
kind: each item was flagged with "the new behavior has no sentence to use". Now the list in
a sentence takes the kind ("(gift cards, race entries and GPS watches aside)"), a claim for
every kind naming it as included names it as the exception, and its table row's cell about
points says "None".
"""

from __future__ import annotations

import pytest

from behaviordiff.drafting.staleexclusion import _stems, with_added_kind


@pytest.mark.parametrize(
    ("sentence", "name", "siblings", "expected"),
    [
        (
            "You earn a point for every £1 on everything (gift cards and race entries aside).",
            "GPS watches",
            ["gift cards", "race entries"],
            "You earn a point for every £1 on everything (gift cards, race entries and GPS "
            "watches aside).",
        ),
        (
            "We take any card except Amex, Diners, or JCB.",
            "Discover",
            ["Amex", "Diners", "JCB"],
            "We take any card except Amex, Diners, JCB, or Discover.",
        ),
    ],
)
def test_the_kind_joins_the_list(
    sentence: str, name: str, siblings: list[str], expected: str
) -> None:
    assert with_added_kind(sentence, name, [_stems(s) for s in siblings]) == expected


def test_siblings_said_apart_are_no_list() -> None:
    sentence = "Gift cards earn nothing; race entries are sold for the organisers."
    assert (
        with_added_kind(sentence, "GPS watches", [_stems("gift cards"), _stems("race entries")])
        is None
    )


def test_the_running_shop_drafts(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import run_scenario, scenario_edits

    found, _project = run_scenario(
        tmp_path_factory.mktemp("runningshop"), "runningshop-gpswatch-nopoints"
    )
    edits = scenario_edits(found)
    assert "(gift cards, race entries and GPS watches aside)" in edits["macro:7801"]["new_body"]
    assert "on everything, except GPS watches." in edits["article:9880100"]["new_body"]
    table = edits["article:9880101"]["new_body"]
    assert "| GPS watches | 2 years | 60 days, unused | None |" in table
    assert "| Heart-rate straps | 1 year | 60 days, unused | 1 point per £1 |" in table
    # the returns macro about GPS watches, another topic, is not edited
    assert "macro:7804" not in edits


def test_a_drafting_model_is_told_the_added_kind(tmp_path_factory: pytest.TempPathFactory) -> None:
    from behaviordiff.drafting.facts import build_facts
    from behaviordiff.drafting.service import head_sections
    from behaviordiff.drafting.staleexclusion import excluded_fact
    from behaviordiff.pipeline.project import open_project
    from behaviordiff.store import Workspace
    from tests.conftest import run_scenario

    _found, project = run_scenario(
        tmp_path_factory.mktemp("runningshop-fact"),
        "runningshop-gpswatch-nopoints",
        extra=("--drafter", "template"),
    )
    workspace = Workspace(project / ".ws", create=False)
    analysis = workspace.load_analysis(1)
    assert analysis is not None
    diff = workspace.release_diff(1)
    project = open_project(folder=project)
    facts = build_facts(analysis, diff, head_sections(project, diff))[0]
    fact = excluded_fact(facts)
    assert fact is not None
    assert fact.startswith("The new prompt adds GPS watches to its list of exceptions")
    assert "must name GPS watches among them" in fact
