"""A promise each probe works out to its own calendar date ("paid within 14 days of the month's
end: by 14 April" for March's royalties, "by 14 October" for September's) is one change, not
one per date: the date is the probe's input. A date every probe moves the same way still is
the change (a cut-off moved from 18 to 15 December)."""

from __future__ import annotations

from typing import Any, cast

from behaviordiff.detect.clusters import _joins_as_given, _Member


def _member(removed: set[str], added: set[str]) -> _Member:
    return _Member(cast(Any, None), "promises", frozenset(removed), frozenset(added))


def test_dates_each_probe_works_out_do_not_split_one_change() -> None:
    april = _member(set(), {"14 April", "payout: 14 days"})
    october = _member(set(), {"14 October", "payout: 14 days"})
    assert _joins_as_given(april, october)


def test_dates_alone_or_with_other_differences_still_split() -> None:
    assert not _joins_as_given(_member(set(), {"14 April"}), _member(set(), {"14 October"}))
    one = _member(set(), {"14 April", "payout: 14 days"})
    other = _member(set(), {"14 October", "payout: 30 days"})
    assert not _joins_as_given(one, other)
