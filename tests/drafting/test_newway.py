"""A promise now kept a new way where the old named no channel (`drafting.newway`)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.newway import denies_new_way, new_way_sentence, old_way

OLD = (
    "Tell the guest their booking is held and that the front desk will hand them their "
    "door code at check-in."
)
NEW = (
    "Tell the guest their booking is held and that we'll email their door code to them "
    "by 9am on the day they stay."
)


def _facts(removed: list[Promise] | None = None) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="door code emailed",
        kind="promises",
        facets=["promises", "meaning"],
        probe_ids=["p1"],
        removed_promises=removed or [],
        added_promises=[Promise("channel", "email")],
        rules=[Rule("h1", "sentence_changed", "Rooms", OLD, NEW, "changed")],
    )


def test_a_sentence_stating_the_old_way_conflicts_and_others_do_not() -> None:
    facts = _facts()
    assert old_way(facts, "At check-in the front desk will hand you your door code.")
    # the new channel named: already the new way
    assert not old_way(facts, "We email your door code to you on the morning of your stay.")
    # another topic that shares no words of the changed rule
    assert not old_way(facts, "Breakfast is served from 7am in the dining room.")
    # one word only the old form had, in another sense ("hand" of "hand luggage"), beside the
    # rule's shared words: a step of the stay, not the old way
    assert not old_way(facts, "Your booking is held at the door, and hand luggage stays with you.")


def test_no_new_way_when_the_old_promise_had_a_channel() -> None:
    facts = _facts(removed=[Promise("channel", "text message")])
    assert not old_way(facts, "At check-in the front desk will hand you your door code.")
    assert new_way_sentence(facts) is None


def test_the_new_way_is_said_to_the_customer() -> None:
    said = new_way_sentence(_facts())
    assert said is not None
    assert said.startswith("We'll email your door code")
    assert "they" not in said.lower().split()


def test_a_denial_of_the_new_way_goes_and_a_plain_fact_stays() -> None:
    said = "We'll email your door code to you by 9am on the day you stay."
    assert denies_new_way(said, "We don't issue door codes before you arrive.")
    assert not denies_new_way(said, "Check-out is by 11am.")
    assert not denies_new_way(said, "We don't allow pets in the rooms.")
