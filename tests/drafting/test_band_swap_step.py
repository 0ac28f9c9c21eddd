"""A step now required past a line on an age, the old action kept for the rest (a climbing
centre's members under 16 now need a parent to sign a consent form before a session is booked,
sent with `send_consent_form` instead of `book_session`; older members are booked at once): the
new way is said with the step the prompt states after the line's head ("a parent must sign the
consent form first"), a claim that "any member can book" keeps its subject and gains the band,
and a sentence of another topic sharing the rule's words is no old way of keeping the promise
(the swap's own finder reads the claims)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.bandswap import band_swap, claims_every_case
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.newway import old_way
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    "When a member, or a parent on their behalf, asks to book a climbing session, book it with "
    "`book_session` (member_id)."
)
STEP = "Members under 16: a parent must sign the consent form first."
KEPT = (
    "Members aged 16 and over: when the member, or a parent on their behalf, asks to book a "
    "climbing session, book it with `book_session` (member_id)."
)
FORM = (
    "Do not call `book_session`. Send the consent form with `send_consent_form` (member_id) to "
    "the parent email we hold, and tell them the session is booked as soon as the parent signs "
    "it; the form works for 7 days."
)


def _facts(step: str = STEP) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_session → send_consent_form",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["book-age-12", "book-age-14"],
        before_actions=[ActionFact("book_session")],
        after_actions=[ActionFact("send_consent_form")],
        removed_promises=[],
        added_promises=[Promise("channel", "email"), Promise("duration", "7 days")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "tag:booking", "op": "tag"},
                        {"feature": "member_age", "op": "<", "value": 16},
                    ]
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Sessions", OLD, step, f"{OLD} → {step}"),
            Rule("H2", "sentence_added", "Sessions", None, FORM, FORM),
            Rule("H3", "sentence_added", "Sessions", None, KEPT, KEPT),
        ],
        excerpts=[
            Excerpt(
                probe_id="book-age-12",
                old="I've booked your session for Saturday.",
                new="I've emailed a consent form to your parent; it works for 7 days.",
            )
        ],
        others=6,
        prompt_sections={"Sessions": [step, FORM, KEPT]},
    )


BOOKED = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for getting in touch. Any member can book a "
    "climbing session with us, or a parent can book for them, and we book it on the spot: no "
    "forms to fill in.\n\nYour session is in the diary.\n\nSee you soon,\n"
    "{{current_user.first_name}}"
)
SESSIONS_FAQ = (
    "# Booking a session\n\nWhatever your age, you (or a parent) can message us and we'll book "
    "your climbing session there and then.\n\n## Lockers\n\nLockers are free while you climb.\n"
)
LOCKERS = (
    "Hi {{ticket.requester.first_name}},\n\nMembers aged 16 and over can book a locker for the "
    "term, or a parent can book one on their behalf, signing in with the member ID.\n\nThanks,\n"
    "{{current_user.first_name}}"
)


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Sessions::Session booked", BOOKED, "text", "kb", "a"),
            KnowledgeItem("article", "2", "Booking a session", SESSIONS_FAQ, "markdown", "kb", "b"),
            KnowledgeItem("macro", "3", "Lockers::Term locker", LOCKERS, "text", "kb", "c"),
        ]
    )
    return {impact.item.key: impact for impact in rank_items(facts, kb)}


def test_the_step_stated_after_the_line_is_said_with_the_new_way() -> None:
    swap = band_swap(_facts())
    assert swap is not None
    assert swap.need == "a parent must sign the consent form first"
    assert swap.scoped_sentence.startswith(
        "For members under 16, a parent must sign the consent form first: we'll send the "
        "consent form"
    )


def test_other_ways_of_stating_the_step() -> None:
    for step, need in (
        (
            "Members under 16: a parent or guardian needs to approve the booking first.",
            "a parent or guardian needs to approve the booking first",
        ),
        (
            "Members under 16: the member's parent has to sign a consent form before we book.",
            "your parent has to sign a consent form before we book",
        ),
        (
            "Members under 16: we need a parent's signed consent form first.",
            "we need a parent's signed consent form first",
        ),
    ):
        swap = band_swap(_facts(step))
        assert swap is not None and swap.need == need


def test_an_instruction_after_the_line_is_no_step() -> None:
    swap = band_swap(_facts("Members under 16: don't book the session yet."))
    assert swap is not None and swap.need == ""
    assert swap.scoped_sentence.startswith("For members under 16, we'll send the consent form")


def test_any_member_can_is_a_claim_for_every_case() -> None:
    assert claims_every_case("Any member can book a session with us on the spot.")
    assert claims_every_case("Each guest may bring a friend, and we book them in at once.")
    assert not claims_every_case("Every pupil at the school has one account.")


def test_the_macro_keeps_its_subject_and_gains_the_band_then_says_the_step() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["macro:1"])
    assert edit.new_body is not None
    assert (
        "Any member aged 16 and over can book a climbing session with us, or a parent can book "
        "for them. For members under 16, a parent must sign the consent form first: we'll send "
        "the consent form, and the form works for 7 days."
    ) in edit.new_body
    assert "no forms" not in edit.new_body
    assert "Your session is in the diary." in edit.new_body
    assert edit.new_body.endswith("See you soon,\n{{current_user.first_name}}")


def test_the_article_says_the_step_for_the_band() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["article:2"])
    assert edit.new_body is not None
    assert "For members aged 16 and over, you (or a parent) can message us" in edit.new_body
    assert "a parent must sign the consent form first" in edit.new_body
    assert "Lockers are free while you climb." in edit.new_body


def test_a_sentence_of_another_topic_with_the_rules_words_is_left_alone() -> None:
    facts = _facts()
    locker = LOCKERS.split("\n\n")[1]
    # it shares the old rule's words: read alone, it would state the old way of the promise
    assert old_way(facts, locker)
    impact = _impacts(facts).get("macro:3")
    assert impact is None or not impact.conflicts


def test_the_drafting_model_is_told_the_step() -> None:
    [fact] = [f for f in draft_facts(_facts()) if "gives way to" in f]
    assert "a parent must sign the consent form first" in fact
