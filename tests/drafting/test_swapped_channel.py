"""A thing that came by post now comes in an app, for everyone on its topic: the sentence whose
last clause alone said the post ("…, which is posted to your home address today") keeps what it
did and says the new way after it (`oldside._swapped_tail`), and the sentence right after the
rewrite that fitted only the post ("Please allow 5 working days for it to arrive …") goes
(`companions`), while the same words about another thing the new prompt still posts stay.

Made-up agent: a gym whose lost membership cards were posted and now appear in its app."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.companions import without_old_companions
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.oldside import _prose, kb_voice, old_sides

ISSUE_OLD = (
    "If a member loses their card, cancel it and issue a new one with `reissue_card` "
    '(member_number, delivery "post").'
)
ISSUE_NEW = ISSUE_OLD.replace('"post"', '"app"')
POSTED_OLD = "The new card is posted to the home address on the membership."
POSTED_NEW = "The new card appears straight away in the FitNow app, under My Card."
WAIT_OLD = "Tell the member to allow 5 working days for it to arrive."
WAIT_NEW = "Tell the member it works at the door now: staff scan it on their phone."
PACK = "Welcome packs go by post within a week."


def _cards() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="reissue_card(delivery=post) → reissue_card(delivery=app)",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        others=8,
        before_actions=[ActionFact("reissue_card", (("delivery", "post"),))],
        after_actions=[ActionFact("reissue_card", (("delivery", "app"),))],
        conditions=[
            Condition.from_dict(
                {"text": "tag card", "atoms": [{"feature": "tag:card", "op": "tag"}]}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Lost cards", ISSUE_OLD, ISSUE_NEW, "changed"),
            Rule("H2", "sentence_changed", "Lost cards", POSTED_OLD, POSTED_NEW, "changed"),
            Rule("H3", "sentence_changed", "Lost cards", WAIT_OLD, WAIT_NEW, "changed"),
        ],
        prompt_sections={
            "Lost cards": [ISSUE_NEW, POSTED_NEW, WAIT_NEW],
            "Joining": ["New members get a welcome pack.", PACK],
        },
    )


ORDERED = (
    "I've cancelled the old one and ordered a new card for member "
    "{{ticket.custom_field_member_number}}, which is posted to your home address today."
)


def test_a_told_label_is_no_case() -> None:
    said = kb_voice(WAIT_NEW)
    assert said is not None
    head, statement, _ = said
    assert head is None
    assert statement.startswith("it works at the door now")


def test_a_last_clause_saying_the_old_way_goes_and_the_new_way_follows() -> None:
    facts = _cards()
    side = next(side for side in old_sides(facts) if side.old == POSTED_OLD)
    said = _prose(side, ORDERED)
    assert said is not None
    assert said.startswith(
        "I've cancelled the old one and ordered a new card for member "
        "{{ticket.custom_field_member_number}}. The new card appears straight away in the "
        "FitNow app"
    )
    assert "posted" not in said


def test_a_clause_before_the_old_way_saying_more_of_it_is_no_tail_to_cut() -> None:
    facts = _cards()
    side = next(side for side in old_sides(facts) if side.old == POSTED_OLD)
    # the main clause says the post too: the sentence is the writer's
    assert _prose(side, "We post it to your home address, which takes a few days.") is None


def test_the_old_ways_wait_after_the_rewrite_goes_and_another_things_post_stays() -> None:
    facts = _cards()
    wait = "Please allow 5 working days for it to arrive, and tell us if it hasn't come."
    pack = "Your welcome pack comes by post within a week."
    old_body = (
        "Hi {{ticket.requester.first_name}},\n\n"
        f"{ORDERED}\n\n{wait}\n\n{pack}\n\nThanks,\nFitNow\n"
    )
    rewritten = (
        "I've cancelled the old one and ordered a new card for member "
        "{{ticket.custom_field_member_number}}. The new card appears straight away in the "
        "FitNow app, under My Card."
    )
    new_body = old_body.replace(ORDERED, rewritten)
    found = without_old_companions(facts, old_body, new_body, "text", [ORDERED])
    assert found is not None
    body, dropped = found
    assert dropped == [wait]
    assert wait not in body and pack in body and rewritten in body


def test_the_post_after_a_rewrite_on_another_thing_stays() -> None:
    facts = _cards()
    # the welcome pack's post, right after the rewrite, says none of the old rule's other
    # lost words: another thing the new prompt still posts
    old_body = f"# Cards\n\n- {POSTED_OLD}\n- {PACK}\n"
    new_body = old_body.replace(POSTED_OLD, POSTED_NEW)
    found = without_old_companions(facts, old_body, new_body, "markdown", [f"- {POSTED_OLD}"])
    assert found is None or PACK in found[0]


# --- scoped: parcels over £100 are now collected; the rest still go by post --------------------


def test_the_rests_kept_wait_after_a_scoped_rewrite_stays() -> None:
    old = "Every parcel goes by post and arrives within 5 working days."
    rest = "Parcels up to £100 go by post and arrive within 5 working days."
    case = (
        "Parcels over £100: don't post them; tell the customer to collect them at the depot "
        "within 7 days."
    )
    facts = ChangeFacts(
        id="C1",
        title="post_parcel → hold_at_depot",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=8,
        before_actions=[ActionFact("post_parcel", ())],
        after_actions=[ActionFact("hold_at_depot", ())],
        conditions=[
            Condition.from_dict(
                {"text": "value > 100", "atoms": [{"feature": "value", "op": ">", "value": 100}]}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Parcels", old, rest, "changed"),
            Rule("H2", "sentence_added", "Parcels", None, case, "added"),
        ],
        prompt_sections={"Parcels": [rest, case]},
    )
    wait = "If it hasn't arrived within 5 working days, call us on 0161 496 0000."
    old_body = f"# Parcels\n\n{old} {wait}\n"
    new_body = old_body.replace(old, f"{rest} Parcels over £100 are collected at the depot.")
    found = without_old_companions(facts, old_body, new_body, "markdown", [old])
    assert found is None or wait in found[0]
