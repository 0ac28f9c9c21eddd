"""A service stopped for the categories it was for (a cycle shop no longer assembles bikes or
scooters: they are shipped boxed, the ready-assembled kids' bikes suggested), helmets still
fitted free: the KB's offers of the service are said the new way once, the old rule serving
every order says the new sentence, and the same word used as a product's name ("ready-assembled
kids' bikes") is left alone. A rule cut into a stranded clause is never appended, and a drafting
model is told the same fact and held to the same checks."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.agreement import agreement_problem, ungrammatical_added
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import claims_for_all, rank_items
from behaviordiff.drafting.stoppedservice import (
    STOPPED_OLD_REASON,
    STOPPED_REASON,
    still_stopped,
    stopped_service,
)
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import titled_item

TOLD = (
    "If a customer asks for a bike or scooter assembled, call `ship_item` with `build` set to "
    '"boxed", tell them it comes boxed and half-built, and suggest our ready-assembled kids\' '
    "bikes."
)
RULES = [
    Rule("H4", "sentence_added", "Setup", None, TOLD, "…"),
    Rule("H5", "tool_changed", None, "assembled", None, "ship_item build enum loses assembled"),
    Rule(
        "H1",
        "sentence_changed",
        "Setup",
        "We set up every order free of charge, helmets or bikes: we fit helmet straps, and we "
        "assemble bikes and scooters.",
        "We set up helmets free of charge: we fit the straps.",
        "…",
    ),
]
SECTIONS = {
    "Setup": [
        "We set up helmets free of charge: we fit the straps.",
        'When a customer asks for a helmet fitted, call `ship_item` with `build` set to "fitted".',
        "We no longer assemble bikes or scooters.",
        TOLD,
    ],
    "Kids": ["Ready-assembled kids' bikes cost £99 each and are checked every week."],
}
ARTICLE = """# Setting up your order

Our mechanics set up your order in the workshop.

## What will you do for me?

- Fit the straps on any helmet
- Assemble any bike or scooter, adjusting the brakes and gears
- Pump up the tyres

All of this is free.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: we set up everything free of charge, "
    "helmets or bikes. Just tell us what you need and we'll fit your helmet straps, or "
    "assemble your bike or scooter, before it ships. It's packed in a strong box.\n\n"
    "{{current_user.first_name}}"
)
TRAP = (
    "Hi {{ticket.requester.first_name}},\n\nOur ready-assembled kids' bikes are £99 each and "
    "are checked every week.\n\n{{current_user.first_name}}"
)
SAID = (
    "We no longer assemble bikes or scooters: it comes boxed and half-built, and we suggest "
    "our ready-assembled kids' bikes"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="ship_item(build=assembled) → ship_item(build=boxed)",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["bike-1", "scooter-1", "bike-2"],
        before_actions=[ActionFact("ship_item", (("build", "assembled"),))],
        after_actions=[ActionFact("ship_item", (("build", "boxed"),))],
        conditions=[
            Condition.from_dict(
                {
                    "text": "item in {bike, scooter}",
                    "atoms": [{"feature": "item", "op": "in", "value": ["bike", "scooter"]}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=list(RULES),
        excerpts=[
            Excerpt("bike-1", "It'll arrive assembled.", "It comes boxed and half-built."),
        ],
        others=9,
        prompt_sections={key: list(value) for key, value in SECTIONS.items()},
    )


def _impacts() -> dict[str, object]:
    knowledge = KnowledgeBase(
        [
            titled_item("article", "Setting up your order", ARTICLE),
            titled_item("macro", "Setup::Free setup", MACRO),
            titled_item("macro", "Kids::Ready bikes", TRAP),
        ]
    )
    return {impact.item.title: impact for impact in rank_items(_facts(), knowledge)}


def test_the_stopped_service_is_read_from_the_prompt_and_the_swapped_value() -> None:
    service = stopped_service(_facts())
    assert service is not None
    assert (service.verb, service.categories) == ("assemble", ("bike", "scooter"))
    assert service.said_once() == SAID + "."
    assert service.narrowed is not None and service.narrowed.hunk_id == "H1"


def test_offers_and_the_old_rule_are_marked_and_a_product_named_with_the_word_is_not() -> None:
    impacts = _impacts()
    article = {c.sentence: c.reasons for c in impacts["Setting up your order"].conflicts}  # type: ignore[attr-defined]
    assert article == {
        "- Assemble any bike or scooter, adjusting the brakes and gears": (STOPPED_REASON,)
    }
    macro = {c.sentence: c.reasons for c in impacts["Setup::Free setup"].conflicts}  # type: ignore[attr-defined]
    assert macro == {
        "Good news: we set up everything free of charge, helmets or bikes.": (STOPPED_OLD_REASON,),
        "Just tell us what you need and we'll fit your helmet straps, or assemble your bike "
        "or scooter, before it ships.": (STOPPED_REASON,),
    }
    assert not impacts["Kids::Ready bikes"].conflicts  # type: ignore[attr-defined]


def test_a_rate_every_week_is_no_claim_for_every_case() -> None:
    topic = "a customer asks for a bike or scooter assembled"
    assert not claims_for_all(topic, "Ready-assembled kids' bikes are checked every week.")
    assert claims_for_all(topic, "We assemble every bike and scooter we sell.")
    # the service's word in a product's name is not the service
    assert not claims_for_all(topic, "Ready-assembled kids' bikes come with any order.")


def test_the_edits_say_the_new_way_once_and_keep_every_other_byte() -> None:
    impacts = _impacts()
    drafter = TemplateDrafter()
    article = drafter.edit(_facts(), impacts["Setting up your order"])  # type: ignore[arg-type]
    assert article.new_body == ARTICLE.replace(
        "- Assemble any bike or scooter, adjusting the brakes and gears", "- " + SAID
    )
    macro = drafter.edit(_facts(), impacts["Setup::Free setup"])  # type: ignore[arg-type]
    assert macro.new_body == MACRO.replace(
        "we set up everything free of charge, helmets or bikes.",
        "we set up helmets free of charge.",
    ).replace(
        "we'll fit your helmet straps, or assemble your bike or scooter, before it ships.",
        f"we'll fit your helmet straps before it ships. {SAID}.",
    )


def test_a_sentence_with_the_service_in_the_middle_is_flagged_not_garbled() -> None:
    odd = "We'll happily assemble a bike or scooter for you if you ask.\n"
    knowledge = KnowledgeBase([titled_item("article", "Odd", odd)])
    impact = next(i for i in rank_items(_facts(), knowledge) if i.affected)
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body is None
    assert "no safe rewrite" in edit.rationale


def test_a_stranded_clause_is_no_sentence() -> None:
    assert agreement_problem("If you ask, we cooked and suggest our gift tags.") is not None
    assert agreement_problem("we offers a refund") is not None
    assert agreement_problem("it have gone") is not None
    assert agreement_problem(SAID + ".") is None
    assert agreement_problem("We checked and found the parcel. Thank you Chris.") is None
    old = "Fit any helmet.\n"
    new = "Fit any helmet, with one exception: if you ask, we boxed and suggest our tags.\n"
    assert ungrammatical_added(_facts(), [], old, new, "markdown") == [new.strip()]


def _llm_edit(body: str) -> tuple[object, str | None]:
    facts = _facts()
    knowledge = KnowledgeBase([titled_item("article", "Setting up your order", ARTICLE)])
    impact = next(i for i in rank_items(facts, knowledge) if i.affected)
    template_edit = TemplateDrafter().edit(facts, impact)
    reply = json.dumps({"new_body": body, "rationale": "Edited."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, str(template_edit.new_body)])
    return asyncio.run(drafter._draft_edit(facts, impact, grounding, common, template_edit))


def test_the_drafting_model_gets_the_same_fact_and_checks() -> None:
    facts = _facts()
    assert any("We no longer assemble bikes or scooters" in fact for fact in draft_facts(facts))
    assert still_stopped(facts, ARTICLE, "markdown") == [
        "- Assemble any bike or scooter, adjusting the brakes and gears"
    ]
    edit, failure = _llm_edit(ARTICLE)
    assert edit is None and failure and "still offers a service" in failure
    garbled = ARTICLE.replace(
        "- Assemble any bike or scooter, adjusting the brakes and gears",
        "- Bikes and scooters: if you ask, we boxed and suggest our ready-assembled kids' bikes",
    )
    edit, failure = _llm_edit(garbled)
    assert edit is None and failure and "is not a sentence" in failure
    good = ARTICLE.replace(
        "- Assemble any bike or scooter, adjusting the brakes and gears", "- " + SAID
    )
    edit, failure = _llm_edit(good)
    assert not failure, failure
    assert edit is not None


def test_an_old_rule_said_beside_something_else_is_flagged() -> None:
    busy = (
        "Good news: we set up everything free of charge, helmets or bikes, and our vans "
        "deliver on Saturdays across the county.\n"
    )
    knowledge = KnowledgeBase([titled_item("article", "Busy", busy)])
    impact = next(i for i in rank_items(_facts(), knowledge) if i.affected)
    assert [c.reasons for c in impact.conflicts] == [(STOPPED_OLD_REASON,)]
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body is None
    assert "no safe rewrite" in edit.rationale
