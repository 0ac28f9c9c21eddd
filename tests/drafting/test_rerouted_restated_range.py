"""A hand-off re-routed for part of a range (repair quotes of $1,000 or more to the claims desk;
$300 to $999 kept with the service desk), where the KB states the old route's range in its own
bounds: a range of its own ("from $300 up to $5,000", "$300 or more but under $5,000") is cut
where the new route starts; a bound that is not the old rule's ("over $299") is flagged, with
the reason, and a range the new route does not reach is flagged too, never rewritten."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.model import SuggestedEdit
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from tests.drafting.test_rerouted_scoped import MACRO, TOLD, _facts

SAID = "For any quote of $300 or more"


def _edit(stated: str) -> SuggestedEdit:
    facts = _facts()
    body = MACRO.replace(SAID, stated)
    item = KnowledgeItem("macro", "1", "Repairs::Big quote", body, "text", "kb", "m")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    return TemplateDrafter().edit(facts, impact)


def test_a_range_up_to_an_amount_ends_where_the_old_route_ends() -> None:
    edit = _edit("For any quote from $300 up to $5,000")
    assert edit.new_body is not None
    assert "For any quote from $300 up to $999, our service desk team takes over" in edit.new_body
    assert f"(for repair quotes of $1,000 or more: {TOLD})" in edit.new_body
    edit = _edit("For any quote between $300 and $5,000")
    assert edit.new_body is not None
    assert "For any quote between $300 and $999, our service desk" in edit.new_body


def test_a_range_under_an_amount_ends_under_the_new_routes_bound() -> None:
    edit = _edit("For any quote of $300 or more but under $5,000")
    assert edit.new_body is not None
    assert "For any quote of $300 or more but under $1,000, our service desk" in edit.new_body


def test_another_bound_than_the_old_rules_is_flagged_with_why() -> None:
    edit = _edit("For any quote over $299")
    assert edit.new_body is None
    assert "“over $299”" in edit.rationale
    assert "$300" in edit.rationale


def test_a_range_the_new_route_does_not_reach_is_flagged() -> None:
    edit = _edit("For any quote from $300 up to $800")
    assert edit.new_body is None
    assert "“from $300 up to $800”" in edit.rationale


def test_a_drafting_model_is_told_how_a_range_of_its_own_ends() -> None:
    [fact] = [f for f in draft_facts(_facts()) if "re-routed only for" in f]
    assert "(“up to $999”, “under $1,000”)" in fact
    assert "another bound" in fact
