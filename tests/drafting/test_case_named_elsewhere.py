"""An item that never names the changed case is the old rule's only where the KB names that
case as a case: in a title or heading, or in a sentence on the rule's topic in an item on the
same shelf. A news article that happens to use the case's word ("A storm has delayed some
parcels") silences nothing (a made-up parcel firm, the facts of test_kept_case_traps)."""

from __future__ import annotations

from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from tests.drafting.kit import titled_item
from tests.drafting.test_kept_case_traps import _facts

ANY = (
    "Hi {{ticket.requester.first_name}},\n\nI have refunded order {{ticket.custom_field_order}} "
    "straight away, and the money will be back on your card within 5 days."
)


def _flagged(*others: KnowledgeItem) -> bool:
    items = [titled_item("macro", "Refunds::Any parcel", ANY), *others]
    found = {i.item.title: i.conflicts for i in rank_items(_facts(), KnowledgeBase(items))}
    return bool(found.get("Refunds::Any parcel"))


def test_an_off_topic_sentence_naming_the_case_silences_nothing() -> None:
    news = titled_item(
        "article", "Shipping news", "# Shipping news\n\nA storm has delayed some parcels this week."
    )
    assert _flagged()
    assert _flagged(news)


def test_a_heading_naming_the_case_still_does() -> None:
    page = titled_item(
        "article",
        "Parcel help",
        "# Parcel help\n\n## My parcel is delayed\n\nMost turn up within a week.",
    )
    assert not _flagged(page)
