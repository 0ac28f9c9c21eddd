"""A rule scoped to a span or a list of a category's values ("Monday to Friday: lanes open 7am
to 9pm", "Silver, Gold and Platinum members …", "Orders to Wales, Scotland and Ireland …"):
the changed probes take three or more of its values, which no single value nor pair states,
while probes at the same numbers on the category's other values (the weekend, Bronze, England)
are unchanged. When the moved sentence names two or more of the values the changed probes take
and none of the others, those values are one set atom of the condition (`_named_set`), beside
the moved band. A sentence naming a value outside the set, or changed probes taking every
value seen, gets no such atom."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, moved_bounds, said_words
from behaviordiff.detect.model import ProbeVerdict

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def _verdict(probe_id: str, changed: bool, tag: str, **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features={f"tag:{tag}": True, **features},
    )


def _best(verdicts: list[ProbeVerdict], old: str, new: str) -> Any:
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    found = find_conditions(changed, verdicts, moved=moved_bounds([(old, new)]))
    assert found
    return found[0]


def _sets(condition: Any) -> dict[str, set[str]]:
    return {
        atom.feature: set(atom.value)
        for atom in condition.atoms
        if atom.op == "in" and isinstance(atom.value, tuple)
    }


def _lanes() -> list[ProbeVerdict]:
    verdicts = [
        _verdict(f"lane-{day}-{hour}", True, "lanes", lane_day=day, lane_hour=hour)
        for day, hour in zip((*WEEKDAYS, "tuesday"), (19, 19.5, 20, 20.5, 19, 20), strict=True)
    ]
    # the same hours at the weekend, the same hours on another topic, and weekday hours
    # either side of the band: unchanged
    verdicts += [
        _verdict(f"lane-{day}-{hour}", False, "lanes", lane_day=day, lane_hour=hour)
        for day, hour in (("saturday", 19.5), ("sunday", 20), ("monday", 10), ("friday", 21.5))
    ]
    verdicts += [
        _verdict(f"class-{day}", False, "classes", lane_day=day, lane_hour=19.5)
        for day in ("monday", "wednesday", "friday")
    ]
    return verdicts


def test_a_span_of_weekdays_is_one_set_beside_the_moved_closing_time() -> None:
    best = _best(
        _lanes(),
        "- Monday to Friday: lanes open 7am to 7pm",
        "- Monday to Friday: lanes open 7am to 9pm",
    )
    assert best.matched_changed == best.changed and best.matched_others == 0
    assert _sets(best) == {"lane_day": set(WEEKDAYS)}
    [band] = [atom for atom in best.atoms if atom.feature == "lane_hour"]
    assert (band.op, band.low, band.high, band.low_inclusive) == ("between", 19.0, 21.0, True)


def _tiers(changed_tiers: tuple[str, ...]) -> list[ProbeVerdict]:
    verdicts = []
    for tier in ("bronze", "silver", "gold", "platinum"):
        for days in (12, 40, 55, 75):
            changed = tier in changed_tiers and 30 < days <= 60
            verdicts.append(
                _verdict(f"{tier}-{days}", changed, "returns", tier=tier, days_since_delivery=days)
            )
    return verdicts


LISTED = (
    "Silver, Gold and Platinum members can return items within 30 days.",
    "Silver, Gold and Platinum members can return items within 60 days.",
)


def test_a_list_of_tiers_is_one_set() -> None:
    best = _best(_tiers(("silver", "gold", "platinum")), *LISTED)
    assert _sets(best) == {"tier": {"silver", "gold", "platinum"}}
    assert best.matched_changed == best.changed and best.matched_others == 0


def test_a_value_the_sentence_names_outside_the_set_gets_no_set() -> None:
    # "Bronze" named too: the sentence is not about the changed probes' values alone
    best = _best(
        _tiers(("silver", "gold", "platinum")),
        "Bronze, Silver, Gold and Platinum members can return items within 30 days.",
        "Bronze, Silver, Gold and Platinum members can return items within 60 days.",
    )
    assert all(len(values) < 3 for values in _sets(best).values())


def test_changed_probes_on_every_value_get_no_set() -> None:
    best = _best(_tiers(("bronze", "silver", "gold", "platinum")), *LISTED)
    assert "tier" not in {atom.feature for atom in best.atoms}


def test_a_list_of_regions_named_in_prose_is_one_set() -> None:
    verdicts = []
    for region in ("england", "wales", "scotland", "ireland"):
        for total in (20, 35, 45, 80):
            changed = region != "england" and 30 <= total < 50
            verdicts.append(
                _verdict(f"{region}-{total}", changed, "shipping", region=region, order_total=total)
            )
    best = _best(
        verdicts,
        "Orders to Wales, Scotland and Ireland ship free over £50.",
        "Orders to Wales, Scotland and Ireland ship free over £30.",
    )
    assert _sets(best) == {"region": {"wales", "scotland", "ireland"}}
    assert best.matched_changed == best.changed and best.matched_others == 0


def test_unnamed_values_get_no_set() -> None:
    # the sentence names no value of the category: three regions stay unstated as a set
    verdicts = []
    for region in ("england", "wales", "scotland", "ireland"):
        for total in (20, 35, 45, 80):
            changed = region != "england" and 30 <= total < 50
            verdicts.append(
                _verdict(f"{region}-{total}", changed, "shipping", region=region, order_total=total)
            )
    changed_ids = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    found = find_conditions(
        changed_ids,
        verdicts,
        moved=moved_bounds([("Orders ship free over £50.", "Orders ship free over £30.")]),
    )
    assert all(len(values) < 3 for condition in found for values in _sets(condition).values())


def test_weekdays_in_words_name_the_five_days() -> None:
    best = _best(
        _lanes(),
        "On weekdays, lanes open 7am to 7pm.",
        "On weekdays, lanes open 7am to 9pm.",
    )
    assert _sets(best) == {"lane_day": set(WEEKDAYS)}
    assert best.matched_changed == best.changed and best.matched_others == 0


def test_a_list_of_tiers_with_no_number_moved_is_one_set() -> None:
    # "Silver, Gold and Platinum members now get free delivery": nothing moved, the changed
    # sentence names the tiers
    verdicts = [
        _verdict(f"{tier}-{n}", tier != "bronze", "delivery", tier=tier, basket=20 + 7 * n)
        for tier in ("bronze", "silver", "gold", "platinum")
        for n in range(3)
    ]
    verdicts += [
        _verdict(f"{tier}-returns", False, "returns", tier=tier, basket=30)
        for tier in ("silver", "gold", "platinum")
    ]
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    said = said_words(["Silver, Gold and Platinum members now get free delivery."])
    best = find_conditions(changed, verdicts, said=said)[0]
    assert _sets(best) == {"tier": {"silver", "gold", "platinum"}}
    assert best.matched_changed == best.changed and best.matched_others == 0
    # said of no tier: no set
    other = said_words(["Members now get free delivery."])
    found = find_conditions(changed, verdicts, said=other)
    assert all(len(values) < 3 for condition in found for values in _sets(condition).values())


def _kilns(days: tuple[str, ...], unchanged_days: tuple[str, ...] = ()) -> list[ProbeVerdict]:
    """A pottery studio lends kilns later in the evening on the days of a span; the probes
    fell on a few of its days only. Unchanged: the same hours on the other days, earlier
    hours, another topic."""
    verdicts = [
        _verdict(f"kiln-{day}-{hour}", True, "kilns", kiln_day=day, kiln_hour=hour)
        for day in days
        for hour in (20, 21)
    ]
    verdicts += [
        _verdict(f"kiln-{day}-{hour}", False, "kilns", kiln_day=day, kiln_hour=hour)
        for day in ("sunday", "monday", *unchanged_days)
        for hour in (20.5, 11)
    ]
    verdicts += [
        _verdict(f"glaze-{day}", False, "glazes", kiln_day=day, kiln_hour=20.5) for day in days
    ]
    return verdicts


SPAN = (
    "Tuesday to Saturday: kilns can be booked until 8pm.",
    "Tuesday to Saturday: kilns can be booked until 10pm.",
)


def test_a_span_named_by_its_ends_is_every_day_of_it_not_the_days_probed() -> None:
    best = _best(_kilns(("tuesday", "thursday", "saturday")), *SPAN)
    assert best.matched_changed == best.changed and best.matched_others == 0
    assert _sets(best) == {"kiln_day": {"tuesday", "wednesday", "thursday", "friday", "saturday"}}


def test_a_day_of_the_span_probed_unchanged_keeps_the_probed_set() -> None:
    # Wednesday was probed and did not change: the span is not the rule, the probes' days are
    best = _best(_kilns(("tuesday", "thursday", "saturday"), ("wednesday",)), *SPAN)
    assert "wednesday" not in _sets(best).get("kiln_day", set()), best.text


def test_a_list_naming_every_day_probed_is_not_widened() -> None:
    listed = (
        "Tuesday, Thursday and Saturday: kilns can be booked until 8pm.",
        "Tuesday, Thursday and Saturday: kilns can be booked until 10pm.",
    )
    best = _best(_kilns(("tuesday", "thursday", "saturday")), *listed)
    assert _sets(best) == {"kiln_day": {"tuesday", "thursday", "saturday"}}


def test_another_changed_sentence_naming_the_values_builds_no_set_for_this_change() -> None:
    # two changes in one diff: the free-shipping bound moved for every region, and gift wrap
    # is now free to three regions; the second's words are no scope of the first's band
    verdicts = []
    for region in ("england", "wales", "scotland", "ireland"):
        for total in (20, 35, 45, 80):
            changed = region != "england" and 30 <= total < 50
            verdicts.append(
                _verdict(f"{region}-{total}", changed, "shipping", region=region, order_total=total)
            )
    changed_ids = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    found = find_conditions(
        changed_ids,
        verdicts,
        moved=moved_bounds([("Orders ship free over £50.", "Orders ship free over £30.")]),
        said=said_words(
            [
                "Orders ship free over £50.",
                "Orders ship free over £30.",
                "Gift wrap is now free on orders to Wales, Scotland and Ireland.",
            ]
        ),
    )
    assert all(len(values) < 3 for condition in found for values in _sets(condition).values())
