"""A second option offered where there was one, for one topic: a bike shop's assistant that
repaired a cracked frame only ("A cracked frame: arrange a repair with `file_warranty` (part
frame, fix repair)") now offers the rider a repair or an exchange bike and lets them pick. The
KB's sentences about frames that rule the exchange out ("not by exchanging the bike", "rather
than exchange the bike", a table row giving the repair alone) say the rider chooses, with what
the exchange brings in the new prompt's words; a sentence naming frames beside forks and wheels
is split, forks and wheels keeping its words; a "No." answer turns, a "the same goes for forks
and wheels" sentence keeps the repair alone for them. Forks and wheels, and an order's "new
bike within 5 working days", stay; a drafting model gets the same fact and check."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.addedoption import (
    ALONE_REASON,
    MIXED_REASON,
    RULED_OUT_REASON,
    added_option,
    still_ruled_out,
)
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel

from .kit import kb_item

SECTION = "Warranty"
OLD = "A cracked frame: arrange a repair with `file_warranty` (part frame, fix repair, bike)."
NEW = (
    "A cracked frame: offer the rider the choice of a repair or an exchange bike and let them "
    "pick; if they haven't said which, ask first. Repair: `file_warranty` (part frame, fix "
    "repair, bike)."
)
SAID = (
    "We send a new bike of the same size within 5 working days, and the courier takes the old "
    "one away."
)
SECTIONS = {
    SECTION: [
        "Every frame has a lifetime warranty.",
        NEW,
        "We weld it in our workshop and send it back within 10 working days.",
        "Exchange: `file_warranty` (part frame, fix exchange, bike).",
        SAID,
        "A broken fork or wheel: arrange a repair with `file_warranty` (part fork or wheel, fix "
        "repair, bike).",
    ]
}
RULED = (
    "Frames are covered for life, and we put a crack right by welding the frame, not by "
    "exchanging the bike."
)
MIXED = (
    "Whether it's a frame, a fork or a wheel that has failed, the warranty covers a repair "
    "rather than an exchange."
)
FRAME_MACRO = f"Hi {{{{ticket.requester.first_name}}}},\n\n{RULED}\n\nThe courier collects it.\n"
ASKS_MACRO = f"Hi {{{{ticket.requester.first_name}}}},\n\nThanks for asking. {MIXED}\n"
FORK_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWe repair forks and wheels rather than exchanging "
    "the whole bike, free under the warranty.\n"
)
ORDER_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour new bike is on its way and should be with "
    "you within 5 working days.\n"
)
ANSWER = "We repair cracked frames rather than exchange the bike: our workshop welds it."
ARTICLE = f"""# Our lifetime warranty

| Part | Covered for | What we do |
| --- | --- | --- |
| Frames | Life | Repair, back within 10 working days |
| Forks | 5 years | Repair, back within 10 working days |

## Will you exchange my bike if the frame cracks?

No. {ANSWER} The same goes for forks and wheels.
"""


def _facts(new_rule: str = NEW) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="file_warranty(part=frame, fix=repair) → file_warranty(part=frame, fix=exchange)",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["p1", "p2", "p3"],
        others=6,
        before_actions=[ActionFact("file_warranty", (("part", "frame"), ("fix", "repair")))],
        after_actions=[ActionFact("file_warranty", (("part", "frame"), ("fix", "exchange")))],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag cracked-frame",
                    "atoms": [{"feature": "tag:cracked-frame", "op": "tag"}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", SECTION, OLD, new_rule, "sentence changed")],
        prompt_sections=SECTIONS,
    )


def test_the_option_is_read_from_the_prompt() -> None:
    option = added_option(_facts())
    assert option is not None
    assert (option.old, option.new) == ("repair", "exchange")
    assert "frame" in option.topic
    assert option.phrase == "an exchange bike"
    assert option.said == SAID
    assert option.time == "within 5 working days"
    # a rule that swaps one value for the other offers no choice
    swapped = OLD.replace("a repair", "an exchange").replace("fix repair", "fix exchange")
    assert added_option(_facts(swapped)) is None


def _ranked() -> dict[str, dict[str, tuple[str, ...]]]:
    knowledge = KnowledgeBase(
        [
            kb_item("warranty", ARTICLE),
            kb_item("frame", FRAME_MACRO, kind="macro"),
            kb_item("asks", ASKS_MACRO, kind="macro"),
            kb_item("fork", FORK_MACRO, kind="macro"),
            kb_item("order", ORDER_MACRO, kind="macro"),
        ]
    )
    return {
        impact.item.key: {c.sentence: c.reasons for c in impact.conflicts}
        for impact in rank_items(_facts(), knowledge)
    }


def test_only_the_topics_sentences_ruling_the_option_out_are_marked() -> None:
    ranked = _ranked()
    assert RULED_OUT_REASON in ranked["macro:frame"][RULED]
    assert MIXED_REASON in ranked["macro:asks"][MIXED]
    article = ranked["article:warranty"]
    assert ALONE_REASON in article["| Frames | Life | Repair, back within 10 working days |"]
    assert RULED_OUT_REASON in article[ANSWER]
    assert not any("Forks |" in sentence for sentence in article)
    # forks and wheels keep the repair alone; an order's new bike is another topic
    assert not ranked.get("macro:fork")
    assert not ranked.get("macro:order")


def _impact(key: str, body: str, kind: str = "article") -> Impact:
    knowledge = KnowledgeBase([kb_item(key, body, kind=kind)])
    return next(i for i in rank_items(_facts(), knowledge) if i.item.key == f"{kind}:{key}")


def test_the_template_says_the_rider_chooses_and_keeps_the_other_topics() -> None:
    drafter = TemplateDrafter()
    frame = drafter.edit(_facts(), _impact("frame", FRAME_MACRO, "macro"))
    assert frame.new_body == FRAME_MACRO.replace(
        RULED,
        "Frames are covered for life, and we put a crack right by welding the frame or by "
        f"exchanging the bike, whichever you choose. {SAID}",
    )
    asks = drafter.edit(_facts(), _impact("asks", ASKS_MACRO, "macro"))
    assert asks.new_body == ASKS_MACRO.replace(
        MIXED,
        "For a frame that has failed, the warranty covers a repair or an exchange, whichever "
        f"you choose. {SAID} Whether it's a fork or a wheel that has failed, the warranty covers "
        "a repair rather than an exchange.",
    )
    article = drafter.edit(_facts(), _impact("warranty", ARTICLE))
    assert article.new_body == ARTICLE.replace(
        "| Frames | Life | Repair, back within 10 working days |",
        "| Frames | Life | Repair, back within 10 working days; or an exchange bike within 5 "
        "working days, whichever the customer chooses |",
    ).replace(
        f"No. {ANSWER} The same goes for forks and wheels.",
        "Yes, if you'd like. We repair cracked frames or exchange the bike, whichever you "
        f"choose: our workshop welds it. {SAID} For forks and wheels, it's still a repair only.",
    )


def test_the_drafting_model_gets_the_same_fact_and_check() -> None:
    facts = _facts()
    assert any(SAID in fact for fact in draft_facts(facts))
    impact = _impact("frame", FRAME_MACRO, "macro")
    template_edit = TemplateDrafter().edit(facts, impact)
    assert template_edit.new_body is not None
    assert still_ruled_out(facts, template_edit.new_body, "text") == []
    assert still_ruled_out(facts, FRAME_MACRO, "text") == [RULED]
    reply = json.dumps({"new_body": FRAME_MACRO, "rationale": "Kept it."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert "still rules out for the topic the option" in failure


def test_the_note_quotes_the_sentence_not_its_bare_answer_word() -> None:
    impact = _impact("warranty", ARTICLE)
    note = TemplateDrafter().note(_facts(), [impact], None)
    assert any(ANSWER in action for action in note.cs_actions)
    assert not any("“No.”" in action for action in note.cs_actions)
