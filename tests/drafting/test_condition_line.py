"""A late cancellation's half refund made whole for members: a van-hire firm's assistant that
refunded half the hire price (`cancel_hire` refund_percent 50) for any hire cancelled less than
24 hours before pick-up now refunds club members in full (`hours_before < 24 and club_member =
true`, conversations tagged cancellation).

The old replies state the condition's line ("less than 24 hours away"): it draws the case and
is not what changed, so a macro giving "24 hours' notice or more" a full refund stays. The
late macro states the old half refund in words ("half the hire price"), said of the tagged
topic by its verb ("we've cancelled your hire" of the tag "cancellation"), and is found; its
sentence naming only the call both versions make ("We've cancelled your van hire") is no
restatement of the old rule and is kept."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.boundside import condition_line
from behaviordiff.drafting.claimsubject import derived_from, names_topic
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import Conflict, Impact, rank_items
from behaviordiff.drafting.percentwords import worded_percents
from behaviordiff.drafting.promptrule import targets
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

SECTION = [
    "A hire cancelled 24 hours or more before pick-up: cancel it with `cancel_hire` and "
    "refund_percent 100, and tell the customer the full hire price goes back on their card.",
    "A hire cancelled less than 24 hours before pick-up: cancel it with `cancel_hire` and "
    "refund_percent 50, and tell the customer half the hire price goes back on their card "
    "because the van was already prepared.",
    "Exception: if the customer is a club member, a late cancellation still gets a full refund. "
    "Cancel it with `cancel_hire` and refund_percent 100, and tell the customer the whole price "
    "goes back on their card.",
]
OPENING = "We've cancelled your van hire {{ticket.custom_field_ref}}."
LATE_SENTENCE = (
    "As it was less than 24 hours away, your van was already prepared, so we've refunded half "
    "the hire price to your card."
)
LATE = (
    f"Hi {{{{ticket.requester.first_name}}}},\n\nThanks for letting us know. {OPENING} "
    f"{LATE_SENTENCE}\n\nSafe travels,\nThe depot team\n"
)
NOTICE = (
    "Hi {{ticket.requester.first_name}},\n\nNo problem. Because you gave us 24 hours' notice or "
    "more, the full hire price is back on your card.\n\nSafe travels,\nThe depot team\n"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="cancel_hire: refund_percent 50 → 100",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        after_actions=[ActionFact("cancel_hire", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "hours_before < 24 and club_member = true and tag cancellation",
                    "atoms": [
                        {"feature": "hours_before", "op": "<", "value": 24},
                        {"feature": "club_member", "op": "=", "value": True},
                        {"feature": "tag:cancellation", "op": "tag"},
                    ],
                }
            )
        ],
        moved=[
            MovedValue(
                ActionFact("cancel_hire"), "refund_percent", (("p1", 50.0, 100.0),), ratio=2.0
            )
        ],
        rules=[Rule("H1", "sentence_added", "Cancellations", None, SECTION[2], "added")],
        prompt_sections={"Cancellations": SECTION},
        removed_promises=[Promise("duration", "24 hours"), Promise("percent", "50%")],
        excerpts=[
            Excerpt(
                "p1",
                "Hi Sam, I've cancelled your hire. As it's less than 24 hours away, the van was "
                "already prepared, so half the hire price (50%) is back on your card.",
                "Hi Sam, I've cancelled your hire and the whole price is back on your card.",
            )
        ],
    )


def _ranked() -> dict[str, object]:
    knowledge = KnowledgeBase(
        [
            kb_item("8001", LATE, kind="macro", title="Cancellation::Late notice (under 24 hours)"),
            kb_item("8002", NOTICE, kind="macro", title="Cancellation::With notice"),
        ]
    )
    return {impact.item.key: impact for impact in rank_items(_facts(), knowledge)}


def test_the_conditions_line_is_no_changed_value_and_its_far_side_stays() -> None:
    facts = _facts()
    assert condition_line(facts, "24 hours")
    assert not condition_line(facts, "24 days")  # another unit than the variable's
    assert not condition_line(facts, "12 hours")
    notice = _ranked()["macro:8002"]
    assert not notice.affected  # type: ignore[attr-defined]


def test_half_the_price_is_fifty_percent_and_half_an_hour_is_none() -> None:
    assert worded_percents(LATE_SENTENCE) == {Promise("percent", "50%", "")}
    assert not worded_percents("We'll be with you in half an hour.")


def test_a_verb_names_the_topic_its_noun_is() -> None:
    assert derived_from("cancellation", "cancel")
    assert derived_from("delivery", "deliver")
    assert derived_from("reservation", "reserve")
    assert not derived_from("partner", "part")
    assert names_topic({"cancellation"}, {"cancel", "hire"})
    assert not names_topic({"cancellation"}, {"refund", "hire"})


def test_the_late_macro_states_the_old_half_refund_and_keeps_its_opening() -> None:
    impact = _ranked()["macro:8001"]
    conflicts = impact.conflicts  # type: ignore[attr-defined]
    assert [c.sentence for c in conflicts] == [LATE_SENTENCE]
    assert conflicts[0].reasons == ("states 50%, which the new agent no longer states",)
    # the opening names `cancel_hire` only, which both versions call
    assert OPENING.replace("{{ticket.custom_field_ref}}", "").strip(". ") not in " ".join(
        targets(_facts(), impact)  # type: ignore[arg-type]
    )
    edit = TemplateDrafter().edit(_facts(), impact)  # type: ignore[arg-type]
    assert edit.new_body is not None
    assert OPENING in edit.new_body
    assert "club member" in edit.new_body


def test_a_sentence_naming_only_the_call_both_versions_make_restates_nothing() -> None:
    item_units = units(LATE)
    marked = [
        Conflict(index, unit.text, ("a finder's reason",))
        for index, unit in enumerate(item_units)
        if unit.text == LATE_SENTENCE
    ]
    impact = Impact(kb_item("8001", LATE, kind="macro"), 1.0, marked, item_units)
    found = targets(_facts(), impact)
    assert found == [LATE_SENTENCE]
