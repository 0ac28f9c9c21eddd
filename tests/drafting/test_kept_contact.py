"""A contact route replaced for one topic and still right for others (a dental practice: a
lost retainer was reported by phone, now with a web form; the same number stays right for
emergencies and for things left at the surgery): only the KB sentences about the changed topic
conflict. A sentence giving the number for another topic stays, in a macro of its own and in
the same article as the changed answer, under a heading sharing the change's tag word."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ChangeFacts, Rule, value_pattern
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptcontact import (
    about_other_topic,
    rewrite_route,
    route_clause,
    still_giving,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

PHONE = "0117 496 0321"
OLD = f"Tell them to call us on {PHONE} (weekdays, 8am to 6pm) so we can order a new retainer."
NEW = (
    "Tell them to use the replacement form at smiles.example/retainer, or to email "
    "lab@smiles.example, so we can order a new retainer."
)
SECTIONS = {
    "Lost retainers": [NEW, "A new retainer costs £60."],
    "Emergencies": [
        f"For toothache or a broken tooth, call us on {PHONE} from 8am for a same-day slot."
    ],
    "Left at the surgery": [
        f"Anything left at the surgery goes to reception: patients should call us on {PHONE} "
        "and we keep items for two weeks."
    ],
}


def _facts(conditions: list[Condition]) -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title=f"no longer states {PHONE}",
        kind="promises",
        facets=["promises"],
        probe_ids=["retainer-1", "retainer-2"],
        removed_promises=[Promise("phone", PHONE)],
        conditions=conditions,
        rules=[Rule("H1", "sentence_changed", "Lost retainers", OLD, NEW, f"{OLD} → {NEW}")],
        excerpts=[
            Excerpt(
                "retainer-1",
                f"Please call us on {PHONE} (weekdays, 8am to 6pm) and we'll order a new one.",
                "Please use our replacement form at smiles.example/retainer and we'll order it.",
            )
        ],
        others=6,
    )
    facts.kept_routes = still_giving(facts.removed_promises, [NEW], SECTIONS)
    return facts


RETAINER = (
    "# Your retainer\n\n## I've lost my retainer\n\nDon't worry. Call us on 0117 496 0321, "
    "weekdays between 8am and 6pm, and we'll order a new retainer for you. A new one costs "
    "£60.\n\n## I've lost something at the surgery\n\nEverything left at the surgery goes to "
    "reception, where we keep it for two weeks. Call us on 0117 496 0321 and we'll check for "
    "you.\n"
)
LOST_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your retainer has gone missing! Please call us "
    "on 0117 496 0321 (weekdays, 8am to 6pm) and we'll order a new retainer straight away.\n"
)
EMERGENCY_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry you're in pain. For toothache or a broken "
    "tooth, call us on 0117 496 0321 from 8am and we'll find you a same-day slot.\n"
)
LEFT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nEverything left at the surgery goes to reception. "
    "Please call us on 0117 496 0321 and we'll check for you; we keep items for two weeks.\n"
)


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Your retainer", RETAINER, "markdown", "kb", "a"),
            KnowledgeItem("macro", "2", "Retainers::Lost", LOST_MACRO, "text", "kb", "b"),
            KnowledgeItem(
                "macro", "3", "Emergencies::Toothache", EMERGENCY_MACRO, "text", "kb", "c"
            ),
            KnowledgeItem(
                "macro", "4", "Lost property::Left behind", LEFT_MACRO, "text", "kb", "d"
            ),
        ]
    )


def test_the_new_prompt_still_gives_the_number_for_other_topics() -> None:
    kept = still_giving([Promise("phone", PHONE)], [NEW], SECTIONS)
    assert len(kept) == 2
    assert all(PHONE in sentence for sentence in kept)
    # a route the new prompt no longer gives anywhere is kept for no topic
    assert still_giving([Promise("phone", "0117 496 0999")], [NEW], SECTIONS) == []


def test_a_sentence_reads_as_the_topic_it_shares_most_words_with() -> None:
    route = Promise("phone", PHONE)
    kept = still_giving([route], [NEW], SECTIONS)
    assert about_other_topic(
        route,
        "Call us on 0117 496 0321 and we'll check for you, we keep "
        "things left at the surgery for two weeks.",
        [OLD],
        kept,
    )
    assert not about_other_topic(
        route, "Call us on 0117 496 0321 and we'll order a new retainer.", [OLD], kept
    )
    # a value that names no contact route is left to the other rules
    assert not about_other_topic(Promise("duration", "2 weeks"), "for two weeks", [OLD], kept)


def _conflicts(conditions: list[Condition]) -> dict[str, list[str]]:
    return {
        impact.item.key: [conflict.sentence for conflict in impact.conflicts]
        for impact in rank_items(_facts(conditions), _kb())
    }


def test_only_the_changed_topic_conflicts_with_a_tag_condition() -> None:
    tag = [Condition.from_dict({"atoms": [{"feature": "tag:lost-retainer", "op": "tag"}]})]
    found = _conflicts(tag)
    assert [s.startswith("Call us on 0117 496 0321, weekdays") for s in found["article:1"]] == [
        True
    ]
    assert len(found["macro:2"]) == 1
    assert not found.get("macro:3")
    assert not found.get("macro:4")


def test_only_the_changed_topic_conflicts_without_a_condition() -> None:
    found = _conflicts([])
    assert len(found["article:1"]) == 1
    assert len(found["macro:2"]) == 1
    assert not found.get("macro:3")
    assert not found.get("macro:4")


def test_the_new_rule_says_where_the_customer_goes_instead() -> None:
    pattern = value_pattern(PHONE)
    clause = route_clause(OLD, NEW, pattern)
    assert clause == (
        "use the replacement form at smiles.example/retainer, or to email lab@smiles.example"
    )
    assert (
        route_clause(
            f"Members should call us on {PHONE} to pause their plan.",
            "Members should use the pause form at smiles.example/pause to pause their plan.",
            pattern,
        )
        == "use the pause form at smiles.example/pause"
    )
    # a new rule that names no other route, or still gives the number, replaces no route
    assert route_clause(OLD, "Tell them to pop in so we can order a new retainer.", pattern) is None
    assert route_clause(OLD, OLD.replace("order", "make"), pattern) is None


def test_call_us_on_the_number_becomes_the_new_route_in_the_sentences_words() -> None:
    pattern = value_pattern(PHONE)
    clause = "report it with the form at smiles.example/retainer, or by email to lab@smiles.example"
    assert rewrite_route(
        f"Please call us on {PHONE} (weekdays, 8am to 6pm) and we'll order a new one.",
        pattern,
        clause,
    ) == (
        "Please report it with the form at smiles.example/retainer, or by email to "
        "lab@smiles.example, and we'll order a new one."
    )
    assert rewrite_route(
        f"Ring us on {PHONE}, weekdays between 8am and 6pm, and we'll order a new one.",
        pattern,
        clause,
    ) == (
        "Report it with the form at smiles.example/retainer, or by email to "
        "lab@smiles.example, and we'll order a new one."
    )
    assert rewrite_route(
        f"Call us on {PHONE}, weekdays from 8am to 6pm.", pattern, "use the form at x.example/a"
    ) == ("Use the form at x.example/a.")
    # the number said another way is no "call us on" the edit can replace
    assert rewrite_route(f"Our number is {PHONE}.", pattern, clause) is None


def test_the_template_edit_and_note_name_the_new_route_and_keep_the_other_topics() -> None:
    tag = [Condition.from_dict({"atoms": [{"feature": "tag:lost-retainer", "op": "tag"}]})]
    facts = _facts(tag)
    affected = [impact for impact in rank_items(facts, _kb()) if impact.affected]
    drafter = TemplateDrafter()
    edits = {impact.item.key: drafter.edit(facts, impact) for impact in affected}
    assert set(edits) == {"article:1", "macro:2"}
    article = edits["article:1"].new_body
    assert article is not None
    assert "Use the replacement form at smiles.example/retainer" in article
    # the sentence about things left at the surgery keeps the number, byte for byte
    assert "two weeks. Call us on 0117 496 0321 and we'll check for you." in article
    assert article.count(PHONE) == 1
    macro = edits["macro:2"].new_body
    assert macro is not None and PHONE not in macro and "lab@smiles.example" in macro
    note = drafter.note(facts, affected, None)
    assert "lab@smiles.example" in note.after
    assert "now told to use the replacement form" in note.customer_impact
    assert not any(
        "Emergencies" in action or "Lost property" in action for action in note.cs_actions
    )


def _model_edit(body: str) -> tuple[object, str]:
    tag = [Condition.from_dict({"atoms": [{"feature": "tag:lost-retainer", "op": "tag"}]})]
    facts = _facts(tag)
    impact = next(i for i in rank_items(facts, _kb()) if i.item.key == "article:1")
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    reply = json.dumps({"new_body": body, "rationale": "Sent lost retainers to the form."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "promises", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    return asyncio.run(drafter._draft_edit(facts, impact, grounding, common, template_edit))


def test_the_drafting_model_gets_the_route_and_the_same_checks() -> None:
    tag = [Condition.from_dict({"atoms": [{"feature": "tag:lost-retainer", "op": "tag"}]})]
    said = " ".join(draft_facts(_facts(tag)))
    assert "smiles.example/retainer" in said and "stays as it is" in said
    # the template's own edit passes the checks a model's edit is held to
    template = TemplateDrafter().edit(
        _facts(tag), next(i for i in rank_items(_facts(tag), _kb()) if i.item.key == "article:1")
    )
    assert template.new_body is not None
    edit, failure = _model_edit(template.new_body)
    assert edit is not None, failure
    # a model that also sends things left at the surgery to the form is told to keep them
    both = template.new_body.replace(
        "Call us on 0117 496 0321 and we'll check", "Use the form at smiles.example/retainer"
    )
    edit, failure = _model_edit(both)
    assert edit is None
    assert "gives the same contact route for another topic" in failure
    # a model that drops the email the template states is told to say it
    short = template.new_body.replace(", or to email lab@smiles.example", "")
    edit, failure = _model_edit(short)
    assert edit is None
    assert "does not say lab@smiles.example" in failure
