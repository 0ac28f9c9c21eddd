"""An item about another category of the change's condition: when the change holds for one
value of a category variable ("product_type = nucleus"), a macro or article whose title names
another value the variable takes ("Dispatch::Equipment on its way", for product_type =
equipment) and that never names the changed one is what those customers still get. The old
action or the old replies' values said there are no conflict.

The other values are those the analysis's alternative conditions name for the same variable
("product_type in {equipment, nucleus}": probes outside the change that have it): values seen
in the conversations, never a word list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from behaviordiff.drafting.caselabels import category_values
from behaviordiff.drafting.categories import category_pattern

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts


def other_categories(facts: ChangeFacts) -> list[str]:
    """Values of the change's category variable, other than the changed ones, that the
    alternative conditions name."""
    changed = category_values(facts.conditions)
    features = {feature for feature, _ in changed}
    if len(features) != 1 or not facts.restricted:
        return []
    own = {value for _, value in changed}
    found: dict[str, None] = {}
    for condition in facts.conditions[1:]:
        for feature, value in category_values([condition]):
            if feature in features and value not in own:
                found[value] = None
    return list(found)


def about_other_category(facts: ChangeFacts, title: str, text: str) -> bool:
    """Whether an item's title names another value of the change's category variable
    (`other_categories`) and neither its title nor its text names a changed one."""
    others = other_categories(facts)
    if not others:
        return False
    label = title.rsplit("::", 1)[-1]
    if not any(category_pattern(value).search(label) for value in others):
        return False
    whole = f"{title}\n{text}"
    return not any(
        category_pattern(value).search(whole) for _, value in category_values(facts.conditions)
    )
