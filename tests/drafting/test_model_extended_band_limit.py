"""A drafting model's fact and check for three template rules: a requirement extended from one
kind to more (`extendedset`, a made-up pharmacy's signatures), the band a moved line takes in
whose own rule the new prompt drops (`closedband`, a made-up kennels' collection van) and a
limit withdrawn for everyone (`limitgone`, a made-up tool library). Each model edit that keeps
what the template rewrites is refused with the check's reason; the template's own edit passes."""

from __future__ import annotations

from typing import Any

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.closedband import closed_band_fact, still_closed_band
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.extendedset import extended_set_fact, still_kept_to_old
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.limitgone import limit_gone_fact, still_limited
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting import test_closed_band as band
from tests.drafting import test_extended_set as signed
from tests.drafting import test_limit_gone_bounded as borrowing
from tests.drafting.kit import kb_item, model_edit


def _impact(facts: ChangeFacts, body: str, kind: str = "article") -> Any:
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("a", body, kind)])) if i.affected
    ]
    return impact


def _refused(facts: ChangeFacts, body: str, edited: str, kind: str = "article") -> str:
    """The failure a fake model's `edited` body gets, after checking the template's passes."""
    impact = _impact(facts, body, kind)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    edit, failure = model_edit(facts, impact, template_edit, template_edit.new_body)
    assert edit is not None, failure
    edit, failure = model_edit(facts, impact, template_edit, edited)
    assert edit is None
    return str(failure)


def test_an_extended_requirement_is_a_fact_and_an_edit_short_of_an_added_kind_is_refused() -> None:
    facts = signed._facts()
    fact = extended_set_fact(facts)
    assert fact is not None and "antibiotics and inhalers" in fact
    assert fact in draft_facts(facts)
    body = f"{signed.ONLY} {signed.SPARED}"
    short = "We only ask for a signature for controlled medicines and antibiotics."
    failure = _refused(facts, body, body.replace(signed.ONLY, short))
    assert f"“{short}” still keeps the requirement to the kinds" in failure
    # the spared list kept as it was is refused too
    fixed = "We ask for a signature for controlled medicines, antibiotics and inhalers."
    kept_spared = body.replace(signed.ONLY, fixed)
    conflicting = [signed.ONLY, signed.SPARED]
    assert still_kept_to_old(facts, conflicting, body, kept_spared, "markdown") == [signed.SPARED]
    # every added kind named, "only" or not, passes; so does another subject naming the kinds
    for said in (fixed, fixed.replace("We ask", "We only ask"), signed.TRAP):
        assert still_kept_to_old(facts, conflicting, body, said, "markdown") == []


def test_a_closed_band_is_a_fact_and_an_edit_keeping_its_clause_is_refused() -> None:
    facts = band._facts()
    fact = closed_band_fact(facts)
    assert fact is not None and "from 5 to 10" in fact
    assert fact in draft_facts(facts)
    kept = band.MACRO.replace("within 5 miles", "within 10 miles")
    failure = _refused(facts, band.MACRO, kept, "macro")
    assert "still names the band between the line's old and new value" in failure
    reworded = band.MACRO.replace(
        "within 5 miles of the kennels is free; for homes 5 to 10 miles away it's",
        "within 10 miles of the kennels is free; for homes between 5 and 10 miles away it's",
    )
    assert still_closed_band(facts, [], band.MACRO, reworded, "text")
    # a span in another unit is another band
    hours = band.MACRO.replace("See you soon!", "We collect from 5 to 10 pm.")
    assert still_closed_band(facts, [], band.MACRO, hours, "text") == []


def test_a_withdrawn_limit_is_a_fact_and_an_edit_still_stating_the_bound_is_refused() -> None:
    facts = borrowing._facts()
    fact = limit_gone_fact(facts)
    assert fact is not None and borrowing.NEW in fact
    assert fact in draft_facts(facts)
    body = f"# Borrowing\n\n{borrowing.SO} {borrowing.TRAP}\n"
    kept = body.replace("up to three tools a month", "up to 3 tools a month")
    failure = _refused(facts, body, kept)
    assert "still states the limit the new prompt withdraws for everyone" in failure
    # the same number said of something else stays
    said = body.replace(borrowing.SO, borrowing.NEW)
    assert still_limited(facts, [], body, said, "markdown") == []
