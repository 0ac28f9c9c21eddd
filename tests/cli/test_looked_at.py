"""`draft` names the knowledge-base items ranked nearest a change that got no edit, so a miss
(a promise moved from days to hours, a sentence no writer read) shows instead of reading as
"nothing to update"; items far below the best, edited ones and flagged ones are not named."""

from __future__ import annotations

from behaviordiff.cli.render import looked_at


def _impact(key: str, title: str, score: float, conflicts: int = 0) -> dict[str, object]:
    return {
        "item": key,
        "title": title,
        "score": score,
        "conflicts": [{"sentence": "s", "reasons": []}] * conflicts,
    }


def test_near_items_with_no_edit_are_named() -> None:
    impacts = [
        _impact("macro:102", "Account::Talk to a person", 10.2),
        _impact("article:contact", "Contact us", 9.6),
        _impact("macro:103", "Billing::Invoice copy", 3.1),
    ]
    assert looked_at(impacts, set()) == [
        "macro “Account::Talk to a person”",
        "FAQ article “Contact us”",
    ]


def test_edited_flagged_and_distant_items_are_not_named() -> None:
    impacts = [
        _impact("macro:1", "Shipping::Delayed order", 106.5, conflicts=2),
        _impact("article:2", "My order is late", 91.1, conflicts=1),
        _impact("macro:3", "Shipping::Late order", 47.6),
    ]
    assert looked_at(impacts, {"macro:1", "article:2"}) == []
    assert looked_at([], set()) == []
