"""A change known by the promise its new replies dropped is titled by what the agent now does.
A swimming-pool assistant told members who want to freeze their membership to call a number;
now it sends them to a web form or an email address: the note's title says the form and the
email, not only "no longer states <number>". A piano-removals assistant no longer promises a
date for a grand piano and says our specialist team will call instead: the title says that.
A change with no new way in its prompt keeps its detected title, and a drafting model is held
to the same. A tool the config adds is titled by what its description says it does ("Now books a
courier to collect the mower …"), never by its name, when the description says an action."""

from __future__ import annotations

import asyncio
import json

import pytest

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.newtitle import described_action, new_way_title, title_problems
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

PHONE = "0161 496 0777"
OLD = f"Tell them to call us on {PHONE} (weekdays, 7am to 7pm) so we can pause the membership."
NEW = (
    "Tell them to use the freeze form at splash.example/freeze, or to email "
    "members@splash.example, so we can pause the membership."
)


def _route_facts(old: str = OLD, new: str = NEW) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title=f"no longer states {PHONE}",
        kind="promises",
        facets=["promises"],
        probe_ids=["freeze-1", "freeze-2"],
        removed_promises=[Promise("phone", PHONE)],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:freeze", "op": "tag"}]})],
        rules=[Rule("H1", "sentence_changed", "Freezing", old, new, f"{old} → {new}")],
        excerpts=[
            Excerpt(
                "freeze-1",
                f"Please call us on {PHONE} (weekdays, 7am to 7pm) and we'll pause it.",
                "Please use the freeze form at splash.example/freeze and we'll pause it.",
            )
        ],
        others=5,
    )


WITHHELD = (
    "For a grand piano, don't promise a moving date: tell the customer our specialist team "
    "will call to plan the move."
)


def _withheld_facts() -> ChangeFacts:
    conditions = [
        Condition.from_dict(
            {
                "atoms": [{"feature": "get_quote.instrument", "op": "=", "value": "grand piano"}],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 9},
            }
        )
    ]
    return ChangeFacts(
        id="C2",
        title="no longer states 5 working days",
        kind="promises",
        facets=["promises"],
        probe_ids=["g1", "g2", "g3"],
        removed_promises=[Promise("duration", "5 working days")],
        conditions=conditions,
        rules=[
            Rule(
                "H2",
                "sentence_changed",
                "Moving dates",
                "Every piano is moved within 5 working days.",
                WITHHELD,
                "changed",
            )
        ],
        excerpts=[
            Excerpt(
                f"g{n}",
                "We'll move your piano within 5 working days.",
                "Our specialist team will call you to plan the move.",
            )
            for n in (1, 2, 3)
        ],
        others=9,
    )


def test_a_replaced_route_titles_the_note_by_the_new_route() -> None:
    note = TemplateDrafter().note(_route_facts(), [], None)
    assert note.title.startswith(
        "Now tells the customer to use the freeze form at splash.example/freeze, or to email "
        "members@splash.example, and no longer gives 0161 496 0777"
    )
    assert not note.title.startswith("No longer")
    # the brief for reps says the same
    assert any("splash.example/freeze" in action for action in note.cs_actions)


def test_a_withheld_promise_titles_the_note_by_what_the_customer_is_told() -> None:
    title = new_way_title(_withheld_facts())
    assert title == (
        "now tells the customer our specialist team will call to plan the move, and no "
        "longer promises 5 working days"
    )
    note = TemplateDrafter().note(_withheld_facts(), [], None)
    assert note.title.startswith("Now tells the customer our specialist team will call")


def test_a_change_with_no_new_way_keeps_its_detected_title() -> None:
    # the new rule names no other route: nothing to say the agent now does
    silent = _route_facts(new="Tell them we can pause the membership.")
    assert new_way_title(silent) is None
    assert TemplateDrafter().note(silent, [], None).title.startswith(f"No longer states {PHONE}")
    # a change that added a promise as well is titled old → new, as before
    both = _route_facts()
    both.added_promises = [Promise("duration", "2 days")]
    assert new_way_title(both) is None


def test_a_drafting_model_title_saying_only_what_stopped_is_retried() -> None:
    facts = _route_facts()
    assert title_problems(facts, f"No longer states {PHONE}")
    assert title_problems(facts, "Freezing: now by the form at splash.example/freeze") == []
    assert title_problems(_route_facts(new="Tell them we can pause it."), "No longer X") == []
    note = TemplateDrafter().note(facts, [], None)
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")
    answers = iter(
        [
            {**{key: getattr(note, key) for key in keys}, "title": f"No longer states {PHONE}"},
            {key: getattr(note, key) for key in keys},
        ]
    )

    def answer(request: ChatRequest) -> str:
        return json.dumps(next(answers))

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), note.text()])
    draft = asyncio.run(LLMDrafter(model, "fake").draft(facts, [], grounding, None))
    prompts = ["\n".join(str(m["content"]) for m in r.messages) for r in model.requests]
    assert "Title the change by what the agent now does" in prompts[0]
    assert "title the change by what it now does" in prompts[1]
    assert draft.note.origin == "llm" and draft.note.title == note.title


COURIER = "Book a courier to collect the mower from the customer's home."


def _action_facts(description: str, *, swapped: bool = True) -> ChangeFacts:
    """A garden-machinery repairer: broken mowers were refunded; now a courier collects them
    (`book_courier_collection`, a tool the config adds with `description`)."""
    return ChangeFacts(
        id="C3",
        title="issue_refund → book_courier_collection",
        kind="actions",
        facets=["actions"],
        probe_ids=["mower-1", "mower-2"],
        before_actions=[ActionFact("issue_refund")] if swapped else [],
        after_actions=[ActionFact("book_courier_collection")],
        rules=[
            Rule(
                "H3",
                "tool_added",
                None,
                None,
                None,
                "tool book_courier_collection added",
                tool=description,
            )
        ],
        excerpts=[Excerpt("mower-1", "I've refunded you.", "A courier will collect it.")],
        others=4,
    )


def test_a_new_tool_is_titled_by_what_its_description_says_it_does() -> None:
    title = TemplateDrafter().note(_action_facts(COURIER), [], None).title
    assert title == (
        "Now books a courier to collect the mower from the customer's home instead of issuing "
        "a refund"
    )
    added = TemplateDrafter().note(_action_facts(COURIER, swapped=False), [], None).title
    assert added == "Now books a courier to collect the mower from the customer's home"
    assert described_action(
        _action_facts("Email the owner a link to the repair form."),
        ActionFact("book_courier_collection"),
    ) == ("emails the owner a link to the repair form")


@pytest.mark.parametrize(
    "description",
    [
        "Order details for a repair.",  # a noun, not a verb
        "Looks up the repair.",  # not said in the imperative
        "Book a courier with `courier_api`.",  # code
        "Book a courier. Then email the customer.",  # more than one sentence
        "Book a courier within 2 days.",  # a number the note would state
    ],
)
def test_a_description_not_said_as_an_action_keeps_the_old_title(description: str) -> None:
    facts = _action_facts(description)
    assert described_action(facts, ActionFact("book_courier_collection")) is None
    # said from the tool's name in words (plaintitle), never from the description
    title = TemplateDrafter().note(facts, [], None).title
    assert title == "Now books a courier collection instead of issuing a refund"
