"""Attribution ranks hunks by links specific to the change; shared words only break ties."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

WINDOW = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Support",
    old="We reply within 24 hours.",
    new="We reply within 48 hours.",
    removed_words=("24",),
    added_words=("48",),
)
VOUCHER = Hunk(
    "H2",
    "sentence_added",
    "system.md",
    section="Offers",
    new="Mention the voucher code and its expiry in every message.",
)
TEMPERATURE = Hunk("H3", "config_changed", "agent.yaml", key="temperature", old=0.3, new=0.2)


def _signature(probe_id: str, sample: int, text: str) -> BehaviorSignature:
    return BehaviorSignature(probe_id, sample, (), False, False, frozenset(), text)


def _change() -> tuple[BehaviorChange, dict[str, ProbeSamples]]:
    change = BehaviorChange(
        "C1",
        "contact 24 hours → 48 hours",
        ["p1"],
        ["promises"],
        "promises",
        before=["contact: 24 hours"],
        after=["contact: 48 hours"],
    )
    old = [_signature("p1", i, "We will get back to you within 24 hours.") for i in range(3)]
    new = [
        _signature("p1", i, "We will get back to you within 48 hours. Your voucher code expiry")
        for i in range(3)
    ]
    return change, {"p1": ProbeSamples("p1", old, new)}


def _diff(*hunks: Hunk) -> VersionDiff:
    return VersionDiff("v1", "v2", "a", "b", list(hunks))


def test_a_hunk_sharing_only_reply_words_is_dropped_next_to_one_stating_the_value() -> None:
    change, samples = _change()
    ranked = attribute(change, samples, _diff(WINDOW, VOUCHER, TEMPERATURE))
    assert [a.hunk_id for a in ranked] == ["H1"]
    assert ranked[0].reasons[0] == "states 24, 48"


def test_with_no_specific_link_shared_words_still_rank_the_hunks() -> None:
    change, samples = _change()
    ranked = attribute(change, samples, _diff(VOUCHER, TEMPERATURE))
    assert [a.hunk_id for a in ranked] == ["H2", "H3"]
    assert ranked[0].reasons == ("shares terms: voucher, code, expiry",)
