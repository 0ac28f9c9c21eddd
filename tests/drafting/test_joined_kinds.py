"""A category joining a covered set inside a band: a locksmith's assistant that took jobs less
than 4 hours away only for lockout and security jobs now takes vehicle jobs too
(`hours_until < 4 and job_type = vehicle`: the band's atom first, the category's second). The
changed prompt sentence names the category and its kinds ("car, van, motorbike").

The KB states the old set as "we can only take the booking if it's lockout or security", as
"Lockout and security jobs are the only ones …", and refuses the kinds by name ("we can't
cover a car, van or motorbike job"): the first two gain the category in the KB's words, the
refusal becomes a grant, and a sentence on another topic naming the same kinds stays."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, FacetShift, Rule
from behaviordiff.drafting.joinedset import _list_around, joined_set, joined_text

OLD = (
    "We take jobs less than 4 hours away only for lockout and security jobs (lost keys, "
    "break-in, broken lock)."
)
NEW = (
    "We take jobs less than 4 hours away only for lockout, security and vehicle jobs (lost keys, "
    "break-in, broken lock, car, van, motorbike)."
)
MACRO = (
    "When a job is less than 4 hours away, we can only take the booking if it's lockout or "
    "security, so I'm sorry we can't send a locksmith for this one."
)
PROSE = (
    "Lockout and security jobs are the only ones we'll take at shorter notice, because a "
    "locked-out family or a broken door can't wait."
)
REFUSAL = (
    "- Give us at least 4 hours' notice: we can't cover a car, van or motorbike job at shorter "
    "notice."
)
OTHER = "- We don't sell car, van or motorbike keys in the shop."


def _facts(*, band_first: bool = True) -> ChangeFacts:
    atoms: list[dict[str, object]] = [
        {"feature": "hours_until", "op": "<", "value": 4},
        {"feature": "job_type", "op": "=", "value": "vehicle"},
    ]
    shifts = [FacetShift("refusal", "removed", ("p1", "p2"), 2, "Sorry, no.", "Done.", (), ())]
    return ChangeFacts(
        id="C1",
        title="now calls book_job",
        kind="actions",
        facets=["actions", "refusal"],
        probe_ids=["p1", "p2"],
        others=8,
        after_actions=[ActionFact("book_job", (("short_notice", "true"),))],
        conditions=[
            Condition.from_dict(
                {
                    "text": "hours_until < 4 and job_type = vehicle",
                    "atoms": atoms if band_first else atoms[::-1],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Short-notice jobs", OLD, NEW, "changed")],
        shifts=shifts,
    )


def test_the_category_atom_is_read_wherever_it_stands_with_its_kinds() -> None:
    joined = joined_set(_facts())
    assert joined is not None
    assert joined.name == "vehicle"
    assert joined.covered == ("lockout", "security")
    assert joined.kinds == {"car", "van", "motorbike"}


def test_the_old_set_said_as_only_takes_the_category() -> None:
    joined = joined_set(_facts(band_first=False))
    assert joined is not None
    text, stuck = joined_text(joined, f"{MACRO}\n")
    assert not stuck
    assert "we can only take the booking if it's lockout, security or vehicle, so" in text
    text, stuck = joined_text(joined, f"# Short notice\n\n{PROSE}\n")
    assert not stuck
    assert "Lockout, security and vehicle jobs are the only ones we'll take" in text


def test_a_refusal_of_the_categorys_kinds_becomes_a_grant_and_another_topic_stays() -> None:
    joined = joined_set(_facts(band_first=False))
    assert joined is not None
    body = f"# Vehicle jobs\n\n{REFUSAL}\n{OTHER}\n"
    text, stuck = joined_text(joined, body)
    assert not stuck
    assert "notice: we can cover a car, van or motorbike job at shorter notice." in text
    assert OTHER in text


def test_a_refusal_after_an_earlier_kinds_word_is_still_read() -> None:
    joined = joined_set(_facts(band_first=False))
    assert joined is not None
    late = (
        "- Our car park is busy, so we can't cover a car, van or motorbike job at shorter notice."
    )
    text, _ = joined_text(joined, f"# Vehicle jobs\n\n{late}\n")
    assert "so we can cover a car, van or motorbike job" in text


def test_a_long_list_before_a_kinds_word_is_read_whole() -> None:
    """Every member of a list of thousands is found, and a unit too long to be a sentence a
    reader asks about is left alone (timed by bench/huge_drafting.py, "joinedset …")."""
    joined = joined_set(_facts(band_first=False))
    assert joined is not None
    listed = _list_around("x, " * 6000 + "car", 18000, 18003)
    assert len(listed.members) == 6001
    assert len(_list_around("ab cd ef, " * 2000 + "car", 20000, 20003).members) == 2001
    long_unit = "We can't cover a " + "bolt, " * 3000 + "car job.\n"
    assert joined_text(joined, long_unit) == (long_unit, [])
