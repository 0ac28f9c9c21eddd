"""An offer withdrawn for one value at the end of the range it ran over: a made-up museum's
guided tours ran Monday to Sunday (1pm on Sundays) and now run Monday to Saturday
(`tour = guided`, `day = sunday`); a made-up ferry's fast crossings ran April to October and now
run April to September (`crossing = fast`, `month = october`). The KB's claims for every value
("every day of the week, Sundays included", "any day of the week, including Sundays", "even in
October", a cell "Monday to Sunday") say the new range in place; what the dropped value alone
got ("or at 1pm on a Sunday, because the galleries open late", a cell's "or 1pm on Sundays")
goes, and the new prompt's sentence saying it is withdrawn follows once where no claim said the
new range. The same words about the café, the audio guide's range and opening hours stay."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.narrowedrange import (
    NARROWED_RANGE_REASON,
    narrowed_range,
    still_ranged,
)
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, model_edit

OLD = (
    "Guided tours: available Monday to Sunday, starting at 11am (on Sundays, starting at 1pm "
    "when the galleries open). Book them with `book_tour` (tour guided, day, people)."
)
NEW = (
    "Guided tours: available Monday to Saturday only, starting at 11am. Book them with "
    "`book_tour` (tour guided, day, people)."
)
NO_LONGER = "We no longer run guided tours on Sundays."
DONT = (
    "Do not book a guided tour for a Sunday: tell the visitor tours run Monday to Saturday and "
    "offer the audio guide."
)
SECTIONS = {
    "Tours": [NEW, NO_LONGER, DONT],
    "Audio guide": ["The audio guide is available Monday to Sunday for £4."],
    "Café": ["The café is open every day, Sundays included."],
}


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="no longer calls book_tour",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["tour-sun-two", "tour-sun-four"],
        before_actions=[ActionFact("book_tour")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "day = sunday and tour = guided",
                    "atoms": [
                        {"feature": "day", "op": "=", "value": "sunday"},
                        {"feature": "tour", "op": "=", "value": "guided"},
                    ],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 8},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Tours", OLD, NEW, "changed"),
            Rule("H2", "sentence_added", "Tours", None, NO_LONGER, "added"),
            Rule("H3", "sentence_added", "Tours", None, DONT, "added"),
        ],
        excerpts=[Excerpt(probe_id="tour-sun-two", old="Booked!", new="Not on Sundays.")],
        others=8,
        prompt_sections=SECTIONS,
    )
    facts.moves = rule_moves(facts.rules)
    return facts


EVERY = "Guided tours run every day of the week, Sundays included."
ANY = "You can join a guided tour any day of the week, including Sundays."
CAFE = "The café is open every day, Sundays included."
ROW = "| Guided tour | £12 | 11am, or 1pm on Sundays | Monday to Sunday |"
AUDIO_ROW = "| Audio guide | £4 | Any time | Monday to Sunday |"
ARTICLE = f"""# Visiting

{EVERY} {CAFE}

| What | Price | Starts | Days |
| --- | --- | --- | --- |
{ROW}
{AUDIO_ROW}

## Planning ahead

{ANY} We're open 10am to 6pm.
"""
STARTS = "Tours start at 11am, or at 1pm on a Sunday, because the galleries open late."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYou're booked on a guided tour on "
    "{{ticket.custom_field_tour_day}}. "
    f"{STARTS}\n\nThe café opens at noon on Sundays.\n\nSee you soon,\nThe Museum"
)


def test_the_range_and_the_dropped_value_are_read_from_the_prompt() -> None:
    ranged = narrowed_range(_facts())
    assert ranged is not None
    assert (ranged.dropped, ranged.old_range, ranged.new_range) == (
        "Sunday",
        "Monday to Sunday",
        "Monday to Saturday",
    )
    assert ranged.denial == NO_LONGER
    facts = _facts()
    facts.rules = [r for r in facts.rules if r.new not in (NO_LONGER, DONT)]
    assert narrowed_range(facts) is None  # nothing says it is withdrawn there


def test_claims_for_every_day_say_the_new_range_rows_stay_rows_the_traps_stay() -> None:
    facts = _facts()
    items = [kb_item("visiting", ARTICLE)]
    [impact] = [i for i in rank_items(facts, KnowledgeBase(items)) if i.affected]
    marked = {c.sentence for c in impact.conflicts if NARROWED_RANGE_REASON in c.reasons}
    assert marked == {EVERY, ROW, ANY}
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited == (
        ARTICLE.replace(EVERY, "Guided tours run Monday to Saturday.")
        .replace(ROW, "| Guided tour | £12 | 11am | Monday to Saturday |")
        .replace(ANY, "You can join a guided tour Monday to Saturday.")
    )
    assert CAFE in edited and AUDIO_ROW in edited
    assert still_ranged(facts, edited, "markdown") == []


def test_what_the_dropped_day_alone_got_goes_and_the_withdrawal_is_said_once() -> None:
    facts = _facts()
    items = [kb_item("booked", MACRO, kind="macro", title="Tours::Guided tour booked")]
    [impact] = [i for i in rank_items(facts, KnowledgeBase(items)) if i.affected]
    assert [c.sentence for c in impact.conflicts] == [STARTS]
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited == MACRO.replace(STARTS, f"Tours start at 11am. {NO_LONGER}")


def test_a_unit_naming_the_day_first_is_flagged() -> None:
    facts = _facts()
    said = "On Sundays, guided tours start at 1pm."
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{said}\n\nBye"
    [impact] = [
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("sun", body, kind="macro")]))
        if i.affected
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None and "Sunday" in edit.rationale


FERRY_OLD = "Fast crossings: available April to October, 45 minutes each way."
FERRY_NEW = "Fast crossings: available April to September only, 45 minutes each way."
FERRY_NO = "Fast crossings no longer sail in October; offer the slow ferry instead."


def _ferry() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="no longer calls book_crossing",
        kind="actions",
        facets=["actions"],
        probe_ids=["oct-a", "oct-b"],
        before_actions=[ActionFact("book_crossing")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "month = october and crossing = fast",
                    "atoms": [
                        {"feature": "trip.month", "op": "in", "value": ["october"]},
                        {"feature": "crossing", "op": "=", "value": "fast"},
                    ],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Crossings", FERRY_OLD, FERRY_NEW, "changed"),
            Rule("H2", "sentence_added", "Crossings", None, FERRY_NO, "added"),
        ],
        others=6,
        prompt_sections={"Crossings": [FERRY_NEW, FERRY_NO]},
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def test_another_kind_of_value_in_other_words() -> None:
    facts = _ferry()
    season = "Fast crossings sail every month of the season, even in October."
    slow = "The slow ferry sails every month, October included."
    body = f"# Crossings\n\n{season} {slow}\n\n| Crossing | Months |\n| --- | --- |\n"
    body += "| Fast | April to October |\n| Slow | April to October |\n"
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("cross", body)])) if i.affected]
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited is not None
    assert "Fast crossings sail April to September. " in edited
    assert "| Fast | April to September |" in edited and "| Slow | April to October |" in edited
    assert slow in edited and "even in October" not in edited


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "Monday to Saturday" in f and "runs" in f]
    assert NO_LONGER in fact
    items = [kb_item("visiting", ARTICLE)]
    impact = next(i for i in rank_items(facts, KnowledgeBase(items)) if i.affected)
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    reworded = ARTICLE.replace(EVERY, "Guided tours run all week, even on a Sunday.")
    assert "Guided tours run all week, even on a Sunday." in still_ranged(
        facts, reworded, "markdown"
    )
    edit, failure = model_edit(facts, impact, template_edit, reworded)
    assert edit is None
    assert failure is not None and "withdraws it on" in str(failure)


def test_the_first_end_dropped_and_a_range_dashed_in_the_kb() -> None:
    old = "Home visits: available Sunday to Friday, 8am to 6pm."
    new = "Home visits: available Monday to Friday only, 8am to 6pm."
    denial = "We no longer make home visits on Sundays."
    facts = ChangeFacts(
        id="C1",
        title="no longer calls book_visit",
        kind="actions",
        facets=["actions"],
        probe_ids=["sun-a", "sun-b"],
        before_actions=[ActionFact("book_visit")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "visit = home and weekday = sunday",
                    "atoms": [
                        {"feature": "visit", "op": "=", "value": "home"},
                        {"feature": "weekday", "op": "=", "value": "sunday"},
                    ],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 5},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Visits", old, new, "changed"),
            Rule("H2", "sentence_added", "Visits", None, denial, "added"),
        ],
        others=5,
        prompt_sections={"Visits": [new, denial]},
    )
    facts.moves = rule_moves(facts.rules)
    ranged = narrowed_range(facts)
    assert ranged is not None and ranged.dropped == "Sunday"
    row = "| Home visit | £60 | Sunday–Friday |"
    clinic = "| Clinic visit | £45 | Sunday–Friday |"
    said = "Home visits run Sunday - Friday, 8am to 6pm."
    body = f"# Visits\n\n{said}\n\n| Visit | Price | Days |\n| --- | --- | --- |\n{row}\n{clinic}\n"
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("visits", body)])) if i.affected
    ]
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited == body.replace(said, "Home visits run Monday to Friday, 8am to 6pm.").replace(
        row, "| Home visit | £60 | Monday to Friday |"
    )
