"""A band of the probes' own values on a variable of whole numbers that holds one of them is
that number: a library's third renewal is now free ("the first two renewals are free"), and
`2 < renewal_number <= 3` is `renewal_number = 3`. A band the prompt states keeps its numbers,
and a band of two whole numbers stays a band."""

from __future__ import annotations

from behaviordiff.detect.conditions import find_conditions, stated_boundaries
from behaviordiff.detect.model import Atom, ProbeVerdict


def _verdicts(changed_numbers: set[int], numbers: tuple[int | float, ...]) -> list[ProbeVerdict]:
    verdicts = []
    for number in numbers:
        for reader in range(3):
            changed = number in changed_numbers
            verdicts.append(
                ProbeVerdict(
                    probe_id=f"r{number}-{reader}",
                    verdict="behavior-changed" if changed else "unchanged",
                    facets=["actions"] if changed else [],
                    old_samples=3,
                    new_samples=3,
                    features={"renewal_number": number},
                )
            )
    return verdicts


def _best(verdicts: list[ProbeVerdict], texts: tuple[str, ...] = ()) -> tuple[Atom, ...]:
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts, boundaries=stated_boundaries(list(texts)))
    assert (best.matched_changed, best.matched_others) == (len(changed), 0)
    return best.atoms


def test_a_band_holding_one_whole_number_is_that_number() -> None:
    assert _best(_verdicts({3}, (1, 2, 3, 4, 5))) == (Atom("renewal_number", "=", 3),)


def test_a_band_of_two_whole_numbers_or_of_fractions_stays_a_band() -> None:
    [two] = _best(_verdicts({3, 4}, (1, 2, 3, 4, 5, 6)))
    assert two.op == "between"
    [fraction] = _best(_verdicts({3}, (1, 2, 3, 4.5, 5)))
    assert fraction.op == "between"


def test_a_band_the_prompt_states_keeps_its_numbers() -> None:
    stated = (
        "Renewals from the 3rd renewal onwards cost 50p.",
        "Renewals from the 4th renewal onwards cost 50p.",
    )
    [band] = _best(_verdicts({3}, (1, 2, 3, 4, 5)), stated)
    assert (band.op, band.low, band.high, band.bounds) == ("between", 3.0, 4.0, "[)")
