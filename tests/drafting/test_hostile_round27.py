"""Round 27's drafting helpers on odd and hostile input (their time on huge texts is
bench/huge_drafting.py's): the patterns made linear find what they found before, on normal
sentences and ones with runs of spaces; a share of 100% or more, or not a number, states no rest."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from behaviordiff.drafting import bandswap, servedlist, wholeshare
from behaviordiff.drafting.datecutoff import cutoff_facts, without_worked_example

_NO_DATE = cast(Any, SimpleNamespace(condition=None, dated=None))


def test_no_rest_of_a_share_of_a_whole_or_more_or_of_no_number() -> None:
    # a laundry's deposit: "150%" or "nan%" from a hostile reply leaves no "remaining -50%"
    for old in ("150%", "100%", "nan%", "1e999%", "0%"):
        assert cutoff_facts(_NO_DATE, [(old, "30%")]) == [], old
    said = cutoff_facts(_NO_DATE, [("20%", "30%")])
    assert len(said) == 1 and "the remaining 70%" in said[0]


def test_a_worked_example_closing_a_sentence_goes_whatever_came_before() -> None:
    # a florist's deposit; earlier dashes, stops and brackets before the example's clause
    raw = "A deposit (paid at booking) is 20% of the order - so £40 on a £200 bouquet."
    assert without_worked_example(raw, "20%") == "A deposit (paid at booking) is 20% of the order."
    raw = "Deposit - see below. A deposit of 20% is taken, e.g. £40 on a £200 bouquet."
    assert without_worked_example(raw, "20%") == "Deposit - see below. A deposit of 20% is taken."
    raw = "A deposit of 20% is taken (e.g. £40 on a £200 bouquet)."
    assert without_worked_example(raw, "20%") == "A deposit of 20% is taken."
    raw = "A deposit of 20% is taken" + " " * 300 + "(e.g. £40 on a £200 bouquet)."
    assert without_worked_example(raw, "20%") == "A deposit of 20% is taken."
    # an example that is not the last clause, or works out another share, stays
    assert without_worked_example("Pay 20% - so £40 on £200. Then more.", "20%") is None
    assert without_worked_example("Pay 20% - so £50 on £200.", "20%") is None
    assert without_worked_example("a - b" * 2000 + ". x", "20%") is None


def test_the_clause_end_after_a_full_refund_with_runs_of_spaces() -> None:
    def cut(body: str) -> int | None:
        found = wholeshare._CLAUSE_END.search(body, body.index("refund") + 6)
        return None if found is None else found.start()

    assert cut("You get a full refund   and you keep the voucher.") == 21
    assert cut("You get a full refund, and more.") == 21
    assert cut("You get a full refund   ") == 21
    assert cut("You get a full refund.   ") == 21
    assert cut("You get a full refund   x") == 25
    assert cut("You get a full refund" + " " * 5000 + "x") == 5022


def test_a_trailing_claim_for_every_case_after_spaces_and_marks() -> None:
    assert bandswap.claims_every_case("We book a visit, however long ago you bought it")
    assert bandswap.claims_every_case("We book a visit   whatever you bought")
    assert not bandswap.claims_every_case("Whatever you bought; we book a visit")
    assert not bandswap.claims_every_case("We book a visit" + " " * 3000 + "x")
    found = bandswap._trail("We book a visit ,  whatever you bought")
    assert found is not None and found.start() == 16
    assert bandswap._ALWAYS.sub("", "We   always book a visit") == "We book a visit"


def test_no_new_noun_is_taken_out_of_its_clause_only() -> None:
    band = cast(Any, SimpleNamespace(new_nouns=("form",)))
    assert (
        bandswap._without_no_new(band, "We call you back, so there's no form to fill in")
        == "We call you back"
    )
    assert (
        bandswap._without_no_new(band, "We call you back; there is no form to fill in")
        == "We call you back;"
    )
    assert bandswap._without_no_new(band, "No form is needed") == ""
    assert bandswap._without_no_new(band, "Quick " * 100 + "and simple") == "Quick " * 100 + (
        "and simple"
    )


def test_what_a_prompt_has_the_agent_say_stops_at_a_mark_and_not_at_a_bracket_close() -> None:
    said = [m["said"] for m in servedlist._TOLD.finditer("say that express is gone. Ok") if
            m["blocked"] is None]  # fmt: skip
    assert said == ["express is gone"]
    blocked = list(servedlist._TOLD.finditer("say express is gone) tell them it is back."))
    assert [m["said"] for m in blocked if m["blocked"] is None] == ["it is back"]
    assert all(m["blocked"] is not None for m in servedlist._TOLD.finditer("say a " * 500 + "`"))


def test_a_kb_sentence_said_alike_reads_the_old_replies_once() -> None:
    # a bike shop's reminders: what the old replies said "3 days" about, read once for every
    # KB sentence stating it (bench/huge_drafting.py times it on a long reply)
    from behaviordiff.drafting import impact

    facts = cast(
        Any,
        SimpleNamespace(
            excerpts=[SimpleNamespace(old="Hi! We send a service reminder within 3 days.")]
        ),
    )
    impact._old_said.cache_clear()
    assert impact._said_alike(facts, "3 days", "We send a service reminder within 3 days.")
    assert not impact._said_alike(facts, "3 days", "Parcels arrive by courier within 3 days.")
    assert impact._old_said.cache_info().misses == 1
