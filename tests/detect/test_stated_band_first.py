"""A rule the edit states comes before one that fits by chance: a library's online renewals
"up to 14 days overdue" now "up to 21 days overdue" change the loans 15 to 21 days overdue,
and the fines on the account happen to rise with the probes' order, so a band of fines fits
the changed probes too, and even more cleanly (one loan in the band was a reference book that
stays unrenewable). The band the edit moved is one of the few rules the edit states; the
band of fines is one of hundreds the search scored, on a variable the edit never names."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, moved_bounds
from behaviordiff.detect.model import ProbeVerdict

OLD = "Loans can be renewed online up to 14 days overdue."
NEW = "Loans can be renewed online up to 21 days overdue."
DAYS = [2, 30, 5, 12, 16, 18, 20, 21, 40, 17, 60, 1, 26, 9]
"""Days overdue in probe order: the loans at 4-7 sit in the moved band, and so does 9."""


def _verdicts(
    changed: set[int], extra: dict[str, list[object]] | None = None, days_overdue: list[int] = DAYS
) -> list[ProbeVerdict]:
    verdicts = []
    for index, days in enumerate(days_overdue):
        features: dict[str, object] = {
            "days_overdue": days,
            "get_account.fines_total": 3 + 2 * index,
        }
        for name, values in (extra or {}).items():
            features[name] = values[index]
        verdicts.append(
            ProbeVerdict(
                probe_id=f"loan-{index}",
                verdict="behavior-changed" if index in changed else "unchanged",
                facets=["actions"] if index in changed else [],
                old_samples=3,
                new_samples=3,
                features=features,
            )
        )
    return verdicts


def test_the_moved_band_leads_a_cleaner_fit_on_a_variable_the_edit_never_names() -> None:
    verdicts = _verdicts({4, 5, 6, 7})
    changed = [f"loan-{index}" for index in (4, 5, 6, 7)]
    [by_chance, *_] = find_conditions(changed, verdicts)
    assert by_chance.text == "9 < get_account.fines_total <= 17"
    assert (by_chance.matched_changed, by_chance.matched_others) == (4, 0)
    first, second, *_ = find_conditions(changed, verdicts, moved=moved_bounds([(OLD, NEW)]))
    assert first.text == "14 < days_overdue <= 21"
    assert (first.matched_changed, first.matched_others) == (4, 1)
    assert second.text == by_chance.text


def test_a_band_that_matches_many_unchanged_probes_does_not_lead() -> None:
    # three more loans in the band that did not change: chance explains the band better
    days = [2, 30, 15, 19, 16, 18, 20, 21, 40, 17, 60, 1, 26, 9]
    verdicts = _verdicts({4, 5, 6, 7}, days_overdue=days)
    changed = [f"loan-{index}" for index in (4, 5, 6, 7)]
    found = find_conditions(changed, verdicts, moved=moved_bounds([(OLD, NEW)]))
    assert found
    assert found[0].text == "9 < get_account.fines_total <= 17"
    assert all("days_overdue" not in condition.text for condition in found)


def test_a_rule_on_a_value_the_changed_words_name_keeps_the_lead() -> None:
    plan = ["student" if index in (4, 5, 6, 7) else "adult" for index in range(len(DAYS))]
    verdicts = _verdicts({4, 5, 6, 7}, {"plan": plan})
    changed = [f"loan-{index}" for index in (4, 5, 6, 7)]
    students = (OLD, "Loans can be renewed online up to 14 days overdue (21 days for students).")
    [best, *_] = find_conditions(changed, verdicts, moved=moved_bounds([students]))
    assert best.text == "plan = student"


def test_the_moved_numbers_carry_the_words_their_sentence_changed() -> None:
    [(was, now)] = moved_bounds([(OLD, NEW)])
    assert was.words == now.words == frozenset()
    students = (OLD, "Loans can be renewed online up to 14 days overdue (21 days for students).")
    [(was, now)] = moved_bounds([students])
    assert "student" in was.words
    assert (was.value, now.value) == (14.0, 21.0)
