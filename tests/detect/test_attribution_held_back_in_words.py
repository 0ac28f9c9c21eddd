"""A stopped call held back in words for the change's customers ("if no ID is on record, do
not renew yet") is their rule; an added sentence still telling the call for the others ("If
it is on record, renew with `renew_loan` as usual") keeps it for them, whatever its words
score (agents in other domains: a library's renewals, a vet's vaccine bookings, a bike shop's
repairs)."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import Atom, BehaviorChange, Condition
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff


def _samples(old_text: str, new_text: str) -> dict[str, ProbeSamples]:
    def signature(sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature("p1", sample, (), False, False, frozenset(), text)

    old = [signature(i, old_text) for i in range(3)]
    new = [signature(i, new_text) for i in range(3)]
    return {"p1": ProbeSamples("p1", old, new)}


def _stopped(tool: str, feature: str) -> BehaviorChange:
    atoms = (Atom(feature, "=", False),)
    return BehaviorChange(
        "C1",
        f"no longer calls {tool}",
        ["p1"],
        ["actions"],
        "actions",
        before=[tool],
        conditions=[Condition(f"{feature} = false", atoms, 1, 1, 0, 4)],
    )


def _changed(new: str, old: str) -> Hunk:
    return Hunk("H1", "sentence_changed", "system.md", section="Rules", old=old, new=new)


def _added(hunk_id: str, new: str) -> Hunk:
    return Hunk(hunk_id, "sentence_added", "system.md", section="Rules", new=new)


LIBRARY = [
    _changed(
        "Adult members: renew any loan with `renew_loan` for 14 days.",
        "Renew any loan with `renew_loan` for 14 days.",
    ),
    _added("H2", "Junior members: if no guardian consent is on record, do not renew yet."),
    _added("H3", "Ask a guardian to sign the consent slip at the desk first."),
    _added("H4", "If it is on record, renew with `renew_loan` as usual for a renewal loan."),
]


def test_the_sentence_holding_the_call_back_leads_not_the_one_keeping_it() -> None:
    change = _stopped("renew_loan", "consent_on_record")
    samples = _samples(
        "Your loan is renewed for 14 days.", "Please ask a guardian to sign the consent slip."
    )
    ranked = attribute(change, samples, VersionDiff("v1", "v2", "a", "b", LIBRARY))
    assert ranked[0].hunk_id == "H2"
    assert "holds back renew_loan" in ranked[0].reasons
    kept = next(item for item in ranked if item.hunk_id == "H4")
    assert "keeps the call to renew_loan for others" in kept.reasons


def test_never_and_a_word_of_the_tools_name_hold_it_back() -> None:
    # a vet: puppies without a health check on file are no longer booked in online
    hunks = [
        _added("H1", "Puppies without a health check on file: never schedule the vaccine online."),
        _added("H2", "Once the check is on file, schedule it with `schedule_vaccine` right away."),
    ]
    change = _stopped("schedule_vaccine", "health_check_on_file")
    samples = _samples(
        "Your puppy's vaccine is scheduled.", "We need a health check on file first."
    )
    ranked = attribute(change, samples, VersionDiff("v1", "v2", "a", "b", hunks))
    assert [item.hunk_id for item in ranked][:2] == ["H1", "H2"]


def test_dont_in_a_changed_sentence_holds_back_and_the_added_call_keeps_it() -> None:
    # a bike shop: e-bike repairs without a battery certificate are no longer booked
    hunks = [
        _changed(
            "E-bikes: don't book the repair until the battery certificate is on file.",
            "Book every repair with `book_repair` for the next free slot.",
        ),
        _added("H2", "Every other bike: book it with `book_repair` for the next free slot."),
    ]
    change = _stopped("book_repair", "battery_certificate")
    samples = _samples("Your repair is booked.", "Please send your battery certificate first.")
    ranked = attribute(change, samples, VersionDiff("v1", "v2", "a", "b", hunks))
    assert ranked[0].hunk_id == "H1"


def test_without_a_hold_back_the_sentence_naming_the_call_still_leads() -> None:
    hunks = [
        _added("H1", "Junior members need a guardian's consent slip."),
        _added("H2", "If it is on record, renew with `renew_loan` as usual."),
    ]
    change = _stopped("renew_loan", "consent_on_record")
    samples = _samples("Your loan is renewed.", "Please bring the consent slip.")
    ranked = attribute(change, samples, VersionDiff("v1", "v2", "a", "b", hunks))
    assert ranked[0].hunk_id == "H2"
    assert "names tool renew_loan" in ranked[0].reasons


def test_a_negation_in_another_clause_holds_nothing_back() -> None:
    # "not on record, renew ..." : the negation and the tool's word are in two clauses
    hunks = [
        _added("H1", "If consent is not on record, renew by phone: call the desk."),
        _added("H2", "Renew with `renew_loan` as usual."),
    ]
    change = _stopped("renew_loan", "consent_on_record")
    samples = _samples("Your loan is renewed.", "Please call the desk.")
    ranked = attribute(change, samples, VersionDiff("v1", "v2", "a", "b", hunks))
    assert all("holds back renew_loan" not in item.reasons for item in ranked)
    assert ranked[0].hunk_id == "H2"
