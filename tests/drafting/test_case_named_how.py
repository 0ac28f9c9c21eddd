"""Where other items name the changed case, an item that never does keeps its conflicts when
its sentence claims the old way for any case ("we can refund any parcel"), and other items
name the case only as the case: not inside a name ("Delayed Delivery Cover", a product), and a
macro's title only on its own shelf (the parcel firm of test_kept_case_traps)."""

from __future__ import annotations

from behaviordiff.drafting.impact import _without_names, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from tests.drafting.kit import titled_item
from tests.drafting.test_kept_case_traps import _facts

ANY = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: we can refund any parcel straight away "
    "and the money is back on your card within 5 days.\n\n{{current_user.first_name}}"
)
ONE = (
    "Hi {{ticket.requester.first_name}},\n\nI have refunded order {{ticket.custom_field_order}} "
    "in full.\n\n{{current_user.first_name}}"
)
NAMING = titled_item(
    "article", "Parcel help", "# Parcel help\n\n## My parcel is delayed\n\nMost turn up soon."
)


def _conflicts(item: KnowledgeItem, *others: KnowledgeItem) -> list[str]:
    found = rank_items(_facts(), KnowledgeBase([item, *others]))
    return next(i.conflicts for i in found if i.item.title == item.title)  # type: ignore[no-any-return]


def test_a_claim_for_any_case_keeps_its_conflicts() -> None:
    item = titled_item("macro", "Refunds::Any refund", ANY)
    assert _conflicts(item, NAMING)


def test_a_case_word_inside_a_name_names_no_case() -> None:
    assert _without_names("Delayed Delivery Cover explained") == "  explained"
    assert _without_names("My parcel is delayed") == "My parcel is delayed"
    assert _without_names("Delayed Parcels") == "Delayed Parcels"  # title case throughout
    cover = titled_item(
        "macro", "Cover::Delayed Delivery Cover explained", "Delayed Delivery Cover pays £5."
    )
    item = titled_item("macro", "Refunds::Refund made", ONE)
    assert _conflicts(item, cover)


def test_a_macro_title_names_the_case_on_its_own_shelf_only() -> None:
    item = titled_item("macro", "Refunds::Refund made", ONE)
    other_shelf = titled_item("macro", "Delivery::Delayed parcel tracking", "We track it.")
    same_shelf = titled_item("macro", "Refunds::Delayed parcel", "We pass it on.")
    assert _conflicts(item, other_shelf)
    assert not _conflicts(item, same_shelf)
