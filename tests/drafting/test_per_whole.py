"""A free allowance whose unit changes from each thing to one thing per whole: a bike shop
repaired punctures free "for each bike you bring" and now "for one bike per visit", each
further bike $8 (not the bundled example's domain). The KB sentences, table rows and
same-paragraph counts that say it per bike for puncture repair conflict; other per-bike rules
(chain cleaning $5 for each bike, free storage for each bike "however many you bring") name
another subject and stay. The edit states the new allowance in the prompt's descriptive words;
a row's cell says the new unit; a note says the new unit first; a drafting model gets the
same fact and check."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.perwhole import PER_WHOLE_REASON, per_whole, still_per_each
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

OLD = (
    "Puncture repair is free for each bike the customer brings: fix every bike with "
    "`repair_puncture` (booking_ref, bikes, fee_usd 0)."
)
NEW = "Puncture repair is free for one bike per visit: fix it at no cost."
FURTHER = "Each further bike repaired on the same visit costs $8."
CALL = "Book it with `repair_puncture` (booking_ref, bikes, fee_usd = 8 × (bikes − 1))."


def _facts(new: str = NEW, further: str = FURTHER) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="repair_puncture: fee_usd 0 → 8, 0 → 16",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=6,
        rules=[
            Rule("H1", "sentence_changed", "Punctures", OLD, new, "sentence changed"),
            Rule("H3", "sentence_added", "Punctures", None, CALL, "sentence added"),
            Rule("H2", "sentence_added", "Punctures", None, further, "sentence added"),
        ],
    )


MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for coming in. Puncture repair is free for "
    "each bike you bring, so we fixed every bike at no cost. Chain cleaning is $5 for each "
    "bike.\n\nRide safe,\nSpokes"
)
ARTICLE = (
    "# Repairs and storage\n\n"
    "| Service | Price | How it's charged |\n|---|---|---|\n"
    "| Puncture repair | Free | For each bike |\n"
    "| Chain clean | $5 | For each bike |\n\n"
    "## Is puncture repair really free?\n\n"
    "Yes. We repair each bike free of charge, however many you bring. A family of four gets "
    "four free repairs.\n\n"
    "## Storage\n\n"
    "We store each bike free for 3 days, however many you bring.\n"
)


def _impacts(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, Impact]:
    return {impact.item.key: impact for impact in rank_items(facts, KnowledgeBase(list(items)))}


def test_the_allowance_and_its_new_unit_are_read_from_the_changed_rule() -> None:
    change = per_whole(_facts())
    assert change is not None
    assert (change.noun, change.whole, change.head, change.fee) == (
        "bike",
        "visit",
        "Puncture repair",
        "$8",
    )
    assert change.statement == (
        "Puncture repair is free for one bike per visit, and costs $8 for each further bike in "
        "the same visit."
    )
    # a rule still counted for each thing is no unit change
    assert per_whole(_facts(new="Puncture repair is free for each bike per visit.")) is None


def test_sentences_saying_it_per_thing_for_the_subject_conflict_and_others_stay() -> None:
    facts = _facts()
    impacts = _impacts(facts, kb_item("bikes", MACRO, kind="macro"), kb_item("repairs", ARTICLE))
    marked = {
        key: [c.sentence for c in impact.conflicts if c.reasons[0].startswith(PER_WHOLE_REASON)]
        for key, impact in impacts.items()
    }
    assert marked["macro:bikes"] == [
        "Puncture repair is free for each bike you bring, so we fixed every bike at no cost."
    ]
    assert marked["article:repairs"] == [
        "| Puncture repair | Free | For each bike |",
        "We repair each bike free of charge, however many you bring.",
        "A family of four gets four free repairs.",
    ]


def test_the_template_states_the_new_allowance_and_keeps_every_other_byte() -> None:
    facts = _facts()
    impacts = _impacts(facts, kb_item("bikes", MACRO, kind="macro"), kb_item("repairs", ARTICLE))
    drafter = TemplateDrafter()
    statement = (
        "Puncture repair is free for one bike per visit, and costs $8 for each further bike in "
        "the same visit."
    )
    macro = drafter.edit(facts, impacts["macro:bikes"])
    assert macro.new_body == MACRO.replace(
        "Puncture repair is free for each bike you bring, so we fixed every bike at no cost.",
        statement,
    )
    article = drafter.edit(facts, impacts["article:repairs"])
    assert article.new_body == ARTICLE.replace(
        "| Puncture repair | Free | For each bike |",
        "| Puncture repair | Free | For one bike per visit; $8 for each further bike |",
    ).replace(
        "We repair each bike free of charge, however many you bring. A family of four gets "
        "four free repairs.",
        statement,
    )
    note = drafter.note(facts, [], None)
    assert note.after.startswith(
        "Puncture repair is now free for one bike per visit, no longer for each bike, and costs "
        "$8 for each further bike in the same visit."
    )
    # the rule quoted is the changed sentence, with its section, not the tool's call
    assert f"The new prompt (section Punctures) says: “{NEW}”" in note.after


def test_a_rule_said_only_as_an_instruction_is_flagged_with_the_reason() -> None:
    facts = _facts(new="Puncture repair is free for one bike per visit: tell the customer so.")
    facts.rules[0] = Rule(
        "H1",
        "sentence_changed",
        "Punctures",
        OLD,
        "Tell the customer puncture repair is free for one bike per visit.",
        "sentence changed",
    )
    # no subject before "is free": not read as an allowance at all, so nothing is rewritten
    assert per_whole(facts) is None
    facts = _facts(further="Each further bike costs $8: tell the customer the total.")
    change = per_whole(facts)
    assert change is not None and change.statement is not None  # the fee is read, not copied
    facts = _facts(
        new="Puncture repair is free for one bike per visit; use `repair_puncture` for it.",
        further="Each further bike: call the customer back.",
    )
    change = per_whole(facts)
    assert change is not None and change.statement is None
    impact = _impacts(facts, kb_item("bikes", MACRO, kind="macro"))["macro:bikes"]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert "says it only as an instruction to the agent" in edit.rationale


def test_the_drafting_model_gets_the_fact_and_the_same_check() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "free for one bike per visit" in f]
    assert "other rules counted per bike" in fact
    impact = _impacts(facts, kb_item("bikes", MACRO, kind="macro"))["macro:bikes"]
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert still_per_each(facts, conflicts, MACRO, template_edit.new_body, "text") == []
    # a model's edit that adds the fee but keeps "for each bike"
    kept = MACRO.replace("at no cost.", "at no cost; further bikes are $8.")
    assert still_per_each(facts, conflicts, MACRO, kept, "text") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the fee."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still says the allowance is free for each one" in failure
