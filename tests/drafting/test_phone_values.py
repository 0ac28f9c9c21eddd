"""A phone number in a change is quoted and matched as the texts write it: a note says "0345
600 7000", not the digits it is compared by, and a KB sentence writing it with other spaces or
hyphens states the same number (a pharmacy's helpline)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.drafting.facts import as_written, value_pattern


def test_a_phone_number_is_quoted_as_the_texts_write_it() -> None:
    [compared] = [p for p in extract_promises("Call 0345-600-7000.") if p.kind == "phone"]
    digits = Promise("phone", "03456007000")
    assert digits.key == compared.key == "phone:03456007000"
    [shown] = as_written([digits], ["Ring our helpline on 0345 600 7000 (9am to 5pm)."])
    assert (shown.value, shown.key) == ("0345 600 7000", digits.key)
    # nothing writes it: the digits stay
    assert as_written([digits], ["Ring our helpline."]) == [digits]


def test_a_phone_number_matches_a_kb_sentence_in_any_grouping() -> None:
    pattern = value_pattern("0345 600 7000")
    assert pattern.search("Call the pharmacist on 0345 600 7000, weekdays.")
    assert pattern.search("Call the pharmacist on 0345-600-7000.")
    assert pattern.search("Call the pharmacist on 03456007000.")
    assert not pattern.search("Call the pharmacist on 0345 600 7001.")
    assert value_pattern("+61 2 9876 5432").search("From abroad: +61 (2) 9876 5432.")
    # a date is no phone number, though it is digits and hyphens
    assert not value_pattern("2026-11-24").search("on 20261124")
