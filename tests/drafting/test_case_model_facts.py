"""A drafting model is told of a dropped "only" and of a granted case, and its edit is checked
for still saying the old rule for everyone (made-up agents, not a scenario's domain: a study
library's quiet room, a print shop's notice)."""

from __future__ import annotations

from behaviordiff.drafting.alsogranted import still_also_granted
from behaviordiff.drafting.drafters import _EDITED_BODY_CHECKS, _more_draft_facts
from behaviordiff.drafting.droppedonly import still_dropped_only
from behaviordiff.drafting.facts import Rule
from tests.drafting.test_case_placement import ADDED, NEW, OLD, _facts

KB = "Students can book the quiet room 9 to 11am only.\n"


def test_the_model_is_told_of_a_dropped_only_and_its_edit_is_checked() -> None:
    facts = _facts(Rule("H1", "sentence_changed", "Rooms", OLD, NEW, "changed"))
    assert any("11am only" in said and "Thursdays" in said for said in _more_draft_facts(facts))
    checks = [check for check, _ in _EDITED_BODY_CHECKS]
    assert still_dropped_only in checks and still_also_granted in checks
    conflicts = [KB.strip()]
    assert still_dropped_only(facts, conflicts, KB, KB, "markdown")
    fixed = "Students can book the quiet room 9 to 11am, and also from 5 to 7pm on Thursdays.\n"
    assert not still_dropped_only(facts, conflicts, KB, fixed, "markdown")


def test_the_model_is_told_of_a_granted_case_and_its_edit_is_checked() -> None:
    facts = _facts(Rule("H2", "sentence_added", "Posters", None, ADDED, "added"))
    assert any("2 days' notice" in said for said in _more_draft_facts(facts))
    old = "Every poster needs 7 days' notice.\n"
    conflicts = [old.strip()]
    assert still_also_granted(facts, conflicts, old, old, "markdown")
    fixed = "Every poster needs 7 days' notice (or 2 days' notice if the order is for a charity).\n"
    assert not still_also_granted(facts, conflicts, old, fixed, "markdown")
