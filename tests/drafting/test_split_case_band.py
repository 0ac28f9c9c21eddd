"""An offer once made for every case, kept by the new prompt for one band of a number (made-up
agents, no scenario's text): a climbing wall gave every new climber a free taster "whatever
their age" and now keeps it for climbers aged 16 or over, booking younger climbers into a
paid supervised class. The KB's every-case claims are narrowed to the band in their own words
("… is on us if you're aged 16 or over", a row key's "every new climber" → "new climbers aged
16 or over"), the new handling said once; a sentence sharing only the noun and "free", the
same number on another topic and a band that is no person's age stay as they are; a drafting
model is told the band."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import still_conflicting
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact, rank_items
from behaviordiff.drafting.splitcase import (
    SPLIT_CASE_REASON,
    case_splits,
    split_case_fact,
    universal_claims,
)
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = "Every new climber's first session is a free 45-minute taster, whatever their age."
KEPT = "New climbers aged 16 or over get a free 45-minute taster as their first session."
NEW = (
    "When a young climber wants to start, book their first session as a supervised 60-minute "
    "class with `book_class` and tell them it costs £12."
)
OLD_HOW = "When a new climber wants to start, book it with `book_taster`."
KEPT_HOW = "When one wants to start, book it with `book_taster`."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour taster is booked for "
    "{{ticket.custom_field_time}}. At Summit, a climber's first session is on us, whatever "
    "your age, so there's nothing to pay.\n\nClimbers under 16 need a parent with them."
    "\n\nSummit Climbing"
)
PRICES = (
    "# Prices\n\n| Session | Length | Price |\n|---|---|---|\n"
    "| Taster session (every new climber) | 45 minutes | Free |\n"
    "| Day pass | All day | £14 |\n\nShoe hire is free for every climber.\n"
)


def _facts(feature: str = "climber_age", kept: str = KEPT) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_class instead of book_taster",
        kind="action",
        facets=["actions"],
        probe_ids=["young-1", "young-2"],
        before_actions=[ActionFact("book_taster", ())],
        after_actions=[ActionFact("book_class", ())],
        conditions=[Condition.from_dict({"atoms": [{"feature": feature, "op": "<", "value": 16}]})],
        rules=[
            Rule("H1", "sentence_changed", "First sessions", OLD, kept, "kept"),
            Rule("H2", "sentence_added", "First sessions", None, NEW, "new"),
            Rule("H3", "sentence_changed", "First sessions", OLD_HOW, KEPT_HOW, "how"),
        ],
        excerpts=[Excerpt("young-1", "Your taster is booked.", "Your class is booked: £12.")],
        others=5,
        prompt_sections={
            "First sessions": [
                kept,
                KEPT_HOW,
                "Climbers under 16 no longer get a free taster.",
                NEW,
                "Climbers under 16 need a parent with them.",
            ]
        },
    )


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    items = [
        KnowledgeItem("macro", "1", "Taster booked", MACRO, "text", "kb", "m"),
        KnowledgeItem("article", "2", "Prices", PRICES, "markdown", "kb", "a"),
    ]
    return {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}


def test_the_kept_band_is_read_from_the_new_prompt() -> None:
    [split] = case_splits(_facts())
    assert split.band is not None
    assert split.band.words == "aged 16 or over" and split.band.subject == "New climbers"
    assert split.band.personal
    # the young climber's first session is theirs, not the reader's
    assert "their first session" in split.said
    # what they are told with a verb of its own ("tell them it costs £12") is said too
    assert split.said.endswith("supervised 60-minute class, and it costs £12.")


def test_every_case_claims_are_narrowed_to_the_band_in_the_kbs_words() -> None:
    facts = _facts()
    impacts = _impacts(facts)
    macro = str(TemplateDrafter().edit(facts, impacts["macro:1"]).new_body)
    assert (
        "At Summit, a climber's first session is on us if you're aged 16 or over, so there's "
        "nothing to pay. When a young climber wants to start, we book their first session as "
        "a supervised 60-minute class, and it costs £12." in macro
    )
    assert "whatever your age" not in macro
    for kept in ("{{ticket.requester.first_name}}", "Climbers under 16 need a parent with them."):
        assert kept in macro
    prices = str(TemplateDrafter().edit(facts, impacts["article:2"]).new_body)
    assert "| Taster session (new climbers aged 16 or over) | 45 minutes | Free |" in prices
    for kept in ("| Day pass | All day | £14 |", "Shoe hire is free for every climber."):
        assert kept in prices
    assert prices.count("young climber") == 0


def test_a_band_of_no_persons_age_is_not_said_as_yours() -> None:
    facts = _facts(feature="wall_height_m")
    [split] = case_splits(facts)
    assert split.band is not None and not split.band.personal
    macro = TemplateDrafter().edit(facts, _impacts(facts)["macro:1"]).new_body
    assert macro is None or "if you're" not in macro


def test_no_band_where_the_condition_has_no_such_bound() -> None:
    facts = _facts()
    facts.conditions = [
        Condition.from_dict({"atoms": [{"feature": "climber_age", "op": "<", "value": 12}]})
    ]
    [split] = case_splits(facts)
    assert split.band is None


def test_a_model_is_told_the_band() -> None:
    fact = split_case_fact(_facts())
    assert fact is not None and "new climbers aged 16 or over" in fact


def test_a_models_edit_still_saying_every_one_is_refused() -> None:
    facts = _facts()
    impact = _impacts(facts)["article:2"]
    template_body = TemplateDrafter().edit(facts, impact).new_body
    kept_every = PRICES.replace("| Free |", "| Free, no catch |")
    problems = still_conflicting(facts, impact, template_body, kept_every)
    assert problems and any(SPLIT_CASE_REASON in p for p in problems)
    assert not still_conflicting(facts, impact, template_body, template_body)


def test_a_claim_of_another_rule_sharing_only_the_every_case_clause_is_not_the_split() -> None:
    # "whatever their age or taster" said of a refund: the old rule's words are only there
    refund = (
        "If the wall is closed for repairs, every session that day is refunded in full, "
        "whatever their age or taster."
    )
    claim = "Whatever your age, a new climber's first session is a free taster."
    marked = universal_claims(_facts(), units(f"{refund} {claim}"), [], Conflict)
    assert [conflict.sentence for conflict in marked] == [claim]


def test_a_reason_clause_that_is_the_old_claim_goes_after_otherwise() -> None:
    from behaviordiff.drafting.splitcase import _without_claim_reason

    claim = "Class fees are non-refundable, whatever the reason for missing it."
    assert (
        _without_claim_reason("As our class fees are non-refundable, we've kept your £20.", claim)
        == "we've kept your £20."
    )
    # a reason of its own stays
    assert (
        _without_claim_reason("As the studio was closed, we've moved your class.", claim)
        == "As the studio was closed, we've moved your class."
    )
