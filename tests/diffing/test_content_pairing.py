"""A changed prompt sentence is paired with the new sentence that says the same rule, not with
whichever new sentence took its place: a sentence inserted before it, two rules swapped, a rule
reworded around its value (a coworking space, a shop, a gym, a clinic)."""

from __future__ import annotations

from collections import Counter

import pytest

from behaviordiff.diffing import pairing
from behaviordiff.diffing.model import Hunk
from behaviordiff.diffing.versions import _diff_prompt_file, _HunkList, changed_prompt_sentences


def _hunks(old: str, new: str) -> list[Hunk]:
    hunks = _HunkList()
    _diff_prompt_file("system.md", old, new, hunks)
    return hunks.hunks


def _shape(hunks: list[Hunk]) -> list[tuple[str, str | None, str | None]]:
    return [(hunk.kind, hunk.old, hunk.new) for hunk in hunks]


PETS = "No dogs or other pets are allowed in the building."
RESIDENT = "Resident members may bring a dog to the building."
FLEX = "Flex members may not bring dogs, and other pets are not allowed."
GUESTS_2 = "Members may bring up to 2 guests per day for free."
GUESTS_3 = "Members may bring up to 3 guests per day for free."
EXTRA = "Each extra guest needs a day pass."


def test_a_sentence_inserted_before_a_changed_one_leaves_it_paired_with_its_new_version() -> None:
    # trial 10 T9: position paired the old guests rule with the new Flex pets rule
    old = f"# Building rules\n\n{PETS}\n\n{GUESTS_2} {EXTRA}\n"
    new = f"# Building rules\n\n{RESIDENT} {FLEX}\n\n{GUESTS_3} {EXTRA}\n"
    hunks = _hunks(old, new)
    assert _shape(hunks) == [
        ("sentence_changed", PETS, RESIDENT),
        ("sentence_added", None, FLEX),
        ("sentence_changed", GUESTS_2, GUESTS_3),
    ]
    assert [hunk.id for hunk in hunks] == ["H1", "H2", "H3"]
    # the pets rule said in two sentences: the second goes on from the first
    assert hunks[0].continued == (FLEX,)
    assert hunks[2].removed_words == ("2",) and hunks[2].added_words == ("3",)
    assert hunks[2].continued == ()
    assert changed_prompt_sentences(old, new) == [(PETS, RESIDENT), (GUESTS_2, GUESTS_3)]


def test_two_rules_swapped_and_changed_pair_with_their_own_new_versions() -> None:
    returns = "Returns are accepted within 30 days of delivery."
    exchanges = "Exchanges are free for orders over $50."
    new_exchanges = "Exchanges are free for orders over $40."
    new_returns = "Returns are accepted within 14 days of delivery."
    old = f"# Returns\n\n{returns} {exchanges} Keep the receipt.\n"
    new = f"# Returns\n\n{new_exchanges} {new_returns} Keep the receipt.\n"
    assert sorted(changed_prompt_sentences(old, new)) == [
        (exchanges, new_exchanges),
        (returns, new_returns),
    ]


def test_an_edit_that_position_paired_right_stays_paired() -> None:
    # a gym: each rule rewritten in place, the first one only loosely (a new age band)
    induction = "Members aged 16 or over: book the induction with `book_induction` straight away."
    new_induction = "Members aged 16 to 17: don't book the induction yet."
    note = "We don't ask for a doctor's note."
    new_note = "Members aged 18 or over: we don't ask for a doctor's note."
    old = f"# Joining\n- {induction}\n- {note}\n- Lockers: give the locker code.\n"
    new = f"# Joining\n- {new_induction}\n- {new_note}\n- Lockers: give the locker code.\n"
    assert changed_prompt_sentences(old, new) == [(induction, new_induction), (note, new_note)]


def test_a_reworded_rule_with_its_value_changed_pairs_past_an_inserted_sentence() -> None:
    # a clinic: a new sentence first, then the guests rule said another way with a new number
    visitors = "Patients may bring up to 2 visitors per day to the ward."
    reworded = "Each day, patients can bring 3 visitors to the ward."
    inserted = "Children under 12 must be with an adult at all times."
    old = f"# Visiting\n\n{visitors} Flowers are not allowed.\n"
    new = f"# Visiting\n\n{inserted} {reworded} Flowers are not allowed.\n"
    assert _shape(_hunks(old, new)) == [
        ("sentence_added", None, inserted),
        ("sentence_changed", visitors, reworded),
    ]


def test_two_unrelated_sentences_are_a_removal_and_an_addition() -> None:
    # the guests rule pairs with its new version; what position left beside it is unrelated
    booking = "Rooms can be booked up to 14 days ahead."
    printing = "Printing costs 10p per page."
    old = f"# Rooms\n\n{booking} {GUESTS_2}\n"
    new = f"# Rooms\n\n{GUESTS_3} {printing}\n"
    shape = _shape(_hunks(old, new))
    assert ("sentence_removed", booking, None) in shape
    assert ("sentence_added", None, printing) in shape
    assert changed_prompt_sentences(old, new) == [(GUESTS_2, GUESTS_3)]


def test_a_sentence_that_only_moved_down_is_not_reported_as_changed() -> None:
    # DeepDiff pairs a whole list by position when that reports no more items than its
    # alignment: the kept sentence would read as changed into an added one
    old = ["Say hello.", "Keep it short.", "Refunds take 5 days.", "Never swear.", "Bye."]
    new = ["Greet by name.", "Smile.", "Keep it short.", "Refunds take 7 days.", "Bye."]
    hunks = _hunks("# Tone\n\n" + " ".join(old) + "\n", "# Tone\n\n" + " ".join(new) + "\n")
    shape = _shape(hunks)
    assert all("Keep it short." not in (old_text, new_text) for _, old_text, new_text in shape)
    assert ("sentence_changed", "Refunds take 5 days.", "Refunds take 7 days.") in shape
    assert ("sentence_removed", "Never swear.", None) in shape


def test_a_huge_rewrite_scores_a_bounded_number_of_sentence_pairs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0
    score = pairing.similarity

    def counted(old: Counter[str], new: Counter[str]) -> float:
        nonlocal calls
        calls += 1
        return score(old, new)

    monkeypatch.setattr(pairing, "similarity", counted)
    count = 3000
    # each sentence shares a depot with 29 others on each side, and "orders", "ship" and a
    # number with all of them: 90,000 pairs share a word that few sentences hold
    old = [f"Orders of kind {n} ship from depot d{n % 100} within {n} days." for n in range(count)]
    new = [f"Orders of kind {n} ship from depot d{n % 100} in {n + 1} days." for n in range(count)]
    everything = set(range(count))
    parts = pairing.stretches(old, new, everything, everything)
    assert parts is not None
    pairs, _ = pairing.pair_sentences(old, new, parts)
    assert calls <= pairing._MAX_SCORED + count * pairing.LOOKAHEAD * (1 + pairing.LOOKAHEAD)
    assert len(pairs) == count
