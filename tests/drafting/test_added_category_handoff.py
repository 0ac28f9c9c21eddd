"""A hand-off added for one category with no line (a dog groomer's: every dog booked in the chat
with `book_groom`; now giant breeds go to the salon manager, who phones to arrange a double
slot): a KB sentence claiming every dog is booked in the chat ("whatever the breed, from … to
…", "giant breeds included", "including giant breeds", "just like any other dog") narrows to
the rest or names the case as its exception, and the hand-off is said once in the KB's voice
(who, how, when); the giant row's booking cell says it; other rows, other topics and the
breed named on another topic stay; the drafting model gets the same fact and check."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.addedhandoff import (
    ADDED_HANDOFF_REASON,
    added_handoff,
    added_handoff_reason,
    still_claims_every_case,
)
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

NEW = (
    "Giant breeds (Size: giant: Great Danes, Newfoundlands, Leonbergers) are no longer booked "
    "in the chat: don't call `book_groom`."
)
HAND = (
    'Call `transfer_to_salon` (reference, reason "giant") and tell the customer our salon '
    "manager will phone them within 2 working days to arrange a double slot."
)
EXCEPTION = (
    "For giant breeds, our salon manager will phone you within 2 working days to arrange a "
    "double slot."
)

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWhatever the breed, from a Chihuahua to a Great "
    "Dane, we book the groom for you right here, so {{ticket.custom_field_dog}} is booked in "
    "for {{ticket.custom_field_date}}.\n\nPlease walk your dog before the visit.\n\n"
    "Woofs,\n{{current_user.first_name}}"
)
GIANT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nNo special arrangements needed: giant breeds are "
    "booked in the chat just like any other dog. Bring their lead and a towel.\n\n"
    "Woofs,\n{{current_user.first_name}}"
)
FAQ = (
    "# Booking a groom\n\nWe groom small, medium, large and giant dogs.\n\n"
    "Every size can be booked straight away in the chat, giant breeds included: tell us the "
    "day and we'll confirm it.\n\n"
    "| Size | Booking | Price |\n| --- | --- | --- |\n"
    "| Small and medium | In the chat, straight away | £40 |\n"
    "| Giant (over 45 kg) | In the chat, straight away | £90 |\n\n"
    "You pay when you collect your dog.\n"
)
OTHER_FAQ = (
    "# Grooming day\n\nGrooms of every breed, including giant breeds, are booked in the chat "
    "in a minute.\n"
)
TOWELS = (
    "# Towels\n\nWhatever the breed, we dry every dog with fresh towels, giant breeds included.\n"
)


def _facts() -> ChangeFacts:
    rules = [
        Rule("R1", "sentence_added", "Booking a groom", None, NEW, NEW),
        Rule("R2", "sentence_added", "Booking a groom", None, HAND, HAND),
    ]
    return ChangeFacts(
        id="C1",
        title="book_groom → transfer_to_salon",
        kind="actions",
        facets=["actions", "escalation", "promises"],
        probe_ids=["groom-dane", "groom-newfie"],
        before_actions=[ActionFact("book_groom")],
        after_actions=[ActionFact("transfer_to_salon")],
        escalation="added",
        removed_promises=[],
        added_promises=[Promise("duration", "2 working days")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "tag:booking", "op": "tag"},
                        {"feature": "dog_size", "op": "=", "value": "giant"},
                    ]
                }
            )
        ],
        rules=rules,
        excerpts=[
            Excerpt(
                probe_id="groom-dane",
                old="Booked! Bella's groom is on Tuesday at 10.",
                new="Our salon manager will phone you within 2 working days to arrange it.",
            ),
        ],
        others=6,
    )


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Bookings::Groom booked", MACRO, "text", "kb", "a"),
            KnowledgeItem("macro", "2", "Giant::Before the day", GIANT_MACRO, "text", "kb", "b"),
            KnowledgeItem("article", "3", "Booking a groom", FAQ, "markdown", "kb", "c"),
            KnowledgeItem("article", "4", "Grooming day", OTHER_FAQ, "markdown", "kb", "d"),
            KnowledgeItem("article", "5", "Towels", TOWELS, "markdown", "kb", "e"),
        ]
    )
    return {impact.item.key: impact for impact in rank_items(facts, kb)}


def test_the_category_is_named_as_the_prompt_names_it_with_no_line() -> None:
    added = added_handoff(_facts())
    assert added is not None
    assert (added.value, added.named, added.bound, added.amount) == (
        "giant",
        "giant breeds",
        "",
        "",
    )
    assert added.exception == EXCEPTION


def test_without_a_category_or_a_line_there_is_no_added_hand_off() -> None:
    facts = _facts()
    facts.conditions = [Condition.from_dict({"atoms": [{"feature": "tag:booking", "op": "tag"}]})]
    assert added_handoff(facts) is None


def test_claims_for_every_case_of_the_category_conflict_and_others_do_not() -> None:
    facts = _facts()
    for claim in (
        "Whatever the breed, from a Chihuahua to a Great Dane, we book the groom right here.",
        "Every size can be booked in the chat, giant breeds included.",
        "Grooms of every breed, including giant breeds, are booked in the chat.",
        "Giant breeds are booked in the chat just like any other dog.",
    ):
        assert added_handoff_reason(facts, claim) is not None, claim
    # another topic, or another case named
    assert added_handoff_reason(facts, "Whatever the breed, we dry every dog with towels.") is None
    said = "Every size can be booked in the chat, puppies included."
    assert added_handoff_reason(facts, said) is None


def test_the_macro_drops_the_claim_and_its_aside_and_says_the_hand_off_once() -> None:
    facts = _facts()
    impact = _impacts(facts)["macro:1"]
    assert any(r.startswith(ADDED_HANDOFF_REASON) for c in impact.conflicts for r in c.reasons)
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "Whatever the breed" not in edit.new_body and "Great Dane" not in edit.new_body
    assert (
        "We book the groom for you right here, so {{ticket.custom_field_dog}} is booked in for "
        "{{ticket.custom_field_date}}. " + EXCEPTION
    ) in edit.new_body
    assert "Please walk your dog before the visit." in edit.new_body
    assert edit.new_body.count(EXCEPTION) == 1


def test_a_sentence_that_is_nothing_but_the_claim_gives_way_to_the_hand_off() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["macro:2"])
    assert edit.new_body is not None
    assert "like any other dog" not in edit.new_body
    assert f"{EXCEPTION} Bring their lead and a towel." in edit.new_body
    assert edit.new_body.startswith("Hi {{ticket.requester.first_name}},\n\n")


def test_the_article_names_the_exception_and_the_giant_row_says_the_hand_off() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["article:3"])
    assert edit.new_body is not None
    assert (
        "Every size can be booked straight away in the chat, except giant breeds: tell us the "
        "day and we'll confirm it. " + EXCEPTION
    ) in edit.new_body
    assert "| Small and medium | In the chat, straight away | £40 |" in edit.new_body
    assert (
        "| Giant (over 45 kg) | Our salon manager will phone you within 2 working days to "
        "arrange a double slot | £90 |"
    ) in edit.new_body
    assert "You pay when you collect your dog." in edit.new_body
    assert still_claims_every_case(facts, edit.conflicts, FAQ, edit.new_body, "markdown") == []


def test_including_the_case_mid_sentence_becomes_its_exception() -> None:
    facts = _facts()
    impact = _impacts(facts)["article:4"]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "Grooms of every breed, except giant breeds, are booked in the chat" in edit.new_body
    assert edit.new_body.count(EXCEPTION) == 1


def test_the_same_breed_on_another_topic_stays() -> None:
    impacts = _impacts(_facts())
    if "article:5" in impacts:
        assert not any(
            r.startswith(ADDED_HANDOFF_REASON)
            for c in impacts["article:5"].conflicts
            for r in c.reasons
        )


def test_the_drafting_model_gets_the_fact_with_no_line() -> None:
    [fact] = [f for f in draft_facts(_facts()) if "hands the conversation over for" in f]
    assert "giant breeds" in fact and EXCEPTION in fact and "()" not in fact
    facts = _facts()
    impact = _impacts(facts)["macro:1"]
    conflicts = [c.sentence for c in impact.conflicts]
    kept = MACRO + "\n" + EXCEPTION
    assert still_claims_every_case(facts, conflicts, MACRO, kept, "text") != []


def test_a_model_edit_keeping_the_categorys_row_is_caught() -> None:
    facts = _facts()
    impact = _impacts(facts)["article:3"]
    conflicts = [c.sentence for c in impact.conflicts]
    template = TemplateDrafter().edit(facts, impact).new_body
    assert template is not None
    assert still_claims_every_case(facts, conflicts, FAQ, template, "markdown") == []
    # the prose fixed, the giant row still booked in the chat
    kept_row = template.replace(
        "| Giant (over 45 kg) | Our salon manager will phone you within 2 working days to "
        "arrange a double slot | £90 |",
        "| Giant (over 45 kg) | In the chat, straight away | £90 |",
    )
    assert kept_row != template
    assert still_claims_every_case(facts, conflicts, FAQ, kept_row, "markdown") == [
        "| Giant (over 45 kg) | In the chat, straight away | £90 |"
    ]
