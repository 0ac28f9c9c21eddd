"""A note's evidence cuts the old and the new reply the same way: a sentence quoted on one side
brings its counterpart on the other, so a kept action never reads as dropped (trial12 T12)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ChangeFacts, paired_key_sentences


def _facts(excerpts: list[Excerpt], **promises: list[Promise]) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="renewal 2 weeks → 3 weeks",
        kind="promises",
        facets=["promises"],
        probe_ids=[excerpt.probe_id for excerpt in excerpts],
        excerpts=excerpts,
        **promises,  # type: ignore[arg-type]
    )


def test_a_limit_raised_quotes_the_same_sentence_on_both_sides() -> None:
    # only the new value is a promise of the change (the old one is still said elsewhere)
    excerpt = Excerpt(
        "renew-1",
        "Hi Sam, I've renewed your loan for 1 week. You can renew for up to 2 weeks per loan.",
        "Hello Sam, I've renewed your loan for 1 week. You can renew for up to 3 weeks per loan.",
    )
    facts = _facts([excerpt], added_promises=[Promise("duration", "3 weeks")])
    (item,) = TemplateDrafter().note(facts, [], None).evidence
    assert item.new == "You can renew for up to 3 weeks per loan."
    assert item.old == "You can renew for up to 2 weeks per loan."


def test_a_sentence_found_on_one_side_brings_its_counterpart() -> None:
    old = "Thanks, Ana. I've booked your repair. The technician arrives within 5 days."
    new = "Thanks, Ana. I've booked your repair. The technician arrives within 3 days."
    olds, news = paired_key_sentences(old, new, ["5 days"], ["3 days", "repair"])
    assert olds == ["I've booked your repair.", "The technician arrives within 5 days."]
    assert news == ["I've booked your repair.", "The technician arrives within 3 days."]


def test_changed_sentences_first_and_at_most_the_limit_a_side() -> None:
    old = "I've booked your repair. It is free. The technician arrives within 5 days."
    new = "I've booked your repair. It is free. The technician arrives within 3 days."
    needles = ["repair", "free", "days"]
    olds, news = paired_key_sentences(old, new, needles, needles, limit=2)
    assert olds[-1] == "The technician arrives within 5 days." and len(olds) == 2
    assert news[-1] == "The technician arrives within 3 days." and len(news) == 2
    # an unlike sentence is no counterpart: the side keeps its own finds only
    olds, news = paired_key_sentences(
        "Sorry, that is past 5 days.", "Done, it ships today.", ["5 days"], []
    )
    assert olds == ["Sorry, that is past 5 days."] and news == []
