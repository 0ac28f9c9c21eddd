"""A refusal added for one kind of thing: a bike-hire assistant that reserved any bike now
never reserves electric bikes ("Electric bikes (bike type e_bike) are the exception: never
reserve them …") and offers a guided tour instead. The KB said every bike can be reserved,
naming electric bikes as included: the edit takes them out ("…, except electric bikes"),
says once in the KB's voice that we can't reserve them, why and what instead, never the
prompt's field value or its instructions to the agent, and keeps the FAQ's "Yes." (still true
for most bikes). A drafting model's edit that keeps "including electric bikes" or writes the
field value is refused."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.answerword import answer_words, still_yes
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Conflict, Impact
from behaviordiff.drafting.refusedkind import (
    except_kind,
    refused_kind,
    still_includes_refused,
)
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

REFUSAL = (
    "Electric bikes (bike type e_bike) are the exception: never reserve them and don't call "
    "`reserve_bike`."
)
TOLD = (
    "Explain that electric bikes are hired first come, first served, so we can't keep them back "
    "unpaid and every rider gets the same chance, and offer to book a guided e-bike tour from "
    "that station, leaving every hour."
)
CLAIM = "We can reserve all bikes, from kids' bikes to our electric bikes, at any station."
LISTED = "- Any bike in our fleet can be reserved, including electric bikes."
ARTICLE = f"""# Reserving a bike

## Can you reserve a bike for me?

Yes. {CLAIM} Just ask in the chat.

## Good to know

{LISTED}
- Reservations last 24 hours.
"""
SAID = (
    "We can't reserve electric bikes: they are hired first come, first served, so we can't keep "
    "them back unpaid and every rider gets the same chance. Instead, you can book a guided "
    "e-bike tour from the same station, leaving every hour."
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer reserves electric bikes",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=5,
        conditions=[
            Condition.from_dict(
                {
                    "text": "bike_type in [e_bike]",
                    "atoms": [{"feature": "bike_type", "op": "in", "value": ["e_bike"]}],
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_added", "Reservations", None, REFUSAL, "added"),
            Rule("H2", "sentence_added", "Reservations", None, TOLD, "added"),
        ],
    )


def _impact() -> Impact:
    reason = ("says it holds in every case",)
    return Impact(
        kb_item("reserving", ARTICLE),
        1.0,
        [Conflict(2, CLAIM, reason), Conflict(4, LISTED, reason)],
    )


def test_the_refusal_is_said_in_the_kbs_voice() -> None:
    found = refused_kind(_facts().rules, TOLD)
    assert found is not None and found.head == "electric bikes"
    assert found.sentence == SAID
    # the refusal sentence itself finds the same
    assert refused_kind(_facts().rules, REFUSAL) == found
    # a rule of another shape is none
    assert refused_kind([], "Gold members are the exception: their orders ship free.") is None


def test_a_claim_for_every_kind_leaves_the_refused_kind_out() -> None:
    assert except_kind(LISTED, "electric bikes") == (
        "- Any bike in our fleet can be reserved, except electric bikes."
    )
    assert except_kind(CLAIM, "electric bikes") == (
        "We can reserve bikes, except electric bikes, at any station."
    )
    # no claim for every kind, or one already with its exception
    # no phrase naming the kind: the exception follows the quantified noun
    assert except_kind(
        "Good news: we can reserve any bike in our fleet for you, free of charge.", "e-bikes"
    ) == ("Good news: we can reserve bikes in our fleet, except e-bikes, for you, free of charge.")
    assert except_kind("Reservations last 24 hours.", "electric bikes") is None
    assert except_kind("We reserve any bike except cargo bikes.", "electric bikes") is None


def test_a_yes_stays_when_only_one_kind_is_left_out() -> None:
    assert still_yes("Yes.", CLAIM, "We can reserve bikes, except electric bikes, at any station.")
    # a no, or a claim narrowed some other way, is no such case
    assert not still_yes("No.", CLAIM, "We can reserve bikes at any station, except e-bikes.")
    assert not still_yes(
        "Yes.", "Parking is free for every car.", "Parking is free for cars under 2 m, except vans."
    )
    old = "Q: Can I reserve one?\n\nYes. We can reserve all bikes at any station."
    new = old.replace("all bikes at any station", "bikes at any station, except electric bikes")
    assert answer_words(old, new) == (new, [])


def test_the_template_edit_takes_the_kind_out_and_says_why() -> None:
    edit = TemplateDrafter().edit(_facts(), _impact())
    assert edit.new_body == ARTICLE.replace(
        CLAIM, f"We can reserve bikes, except electric bikes, at any station. {SAID}"
    ).replace(LISTED, "- Any bike in our fleet can be reserved, except electric bikes.")
    assert "e_bike" not in edit.new_body and "explain" not in edit.new_body.lower()
    assert edit.new_body.count("Yes.") == 1


def test_the_drafting_model_gets_the_same_fact_and_check() -> None:
    facts = _facts()
    assert any(SAID in fact for fact in draft_facts(facts))
    impact = _impact()
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    conflicts = [c.sentence for c in impact.conflicts]
    assert (
        still_includes_refused(facts, conflicts, ARTICLE, template_edit.new_body, "markdown") == []
    )
    kept = template_edit.new_body.replace(
        "- Any bike in our fleet can be reserved, except electric bikes.", LISTED
    )
    assert still_includes_refused(facts, conflicts, ARTICLE, kept, "markdown") == [LISTED]
    gloss = template_edit.new_body.replace(
        "except electric bikes, at", "except electric bikes (bike type e_bike), at"
    )
    assert still_includes_refused(facts, conflicts, ARTICLE, gloss, "markdown") != []
    reply = json.dumps({"new_body": kept, "rationale": "Added the exception."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still names the kind the new prompt refuses" in failure


def test_the_note_says_no_one_keeps_the_old_action_a_refusal_names() -> None:
    facts = _facts()
    facts.before_actions.append(ActionFact("reserve_bike", (("station", "Quayside"),)))
    note = TemplateDrafter().note(facts, [_impact()], None)
    assert "stays for" not in note.after
    assert "e_bike" not in note.after.replace("`reserve_bike`", "")


def test_a_macro_for_the_others_takes_the_kind_out_of_its_claim() -> None:
    claim = "Good news: we can reserve any bike in our fleet for you, free of charge."
    macro = f"Hi {{{{ticket.requester.first_name}}}},\n\n{claim} It's yours for 24 hours.\n"
    impact = Impact(
        kb_item("reserved", macro, kind="macro"),
        1.0,
        [Conflict(1, claim, ("says it holds in every case",))],
    )
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body == macro.replace(
        claim,
        "Good news: we can reserve bikes in our fleet, except electric bikes, for you, free of "
        "charge.",
    )
    assert "Use this version" not in edit.rationale
