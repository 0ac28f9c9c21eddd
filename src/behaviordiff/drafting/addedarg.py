"""A change that only adds to a call: the new version makes the same calls as the old one, one
or more of them with an argument it did not pass before (`book_visit` now with `extra_check
true`), every old argument kept as it was, nothing the old replies said left unsaid, and no
hand-off gained or lost. Such a change grants something more to the customers it reaches; it
takes nothing away, so a KB sentence is not made untrue by it for holding "on any order" or
for naming the call: the old call is still made. A sentence conflicts only where it states
something the addition breaks (a value, a denial), which other checks find.
"""

from __future__ import annotations

from behaviordiff.drafting.facts import ActionFact, ChangeFacts


def extends(before: ActionFact, after: ActionFact) -> bool:
    """Whether `after` is `before` with one or more arguments added and none changed."""
    if before.name != after.name:
        return False
    old, new = dict(before.arguments), dict(after.arguments)
    return len(new) > len(old) and all(new.get(key) == value for key, value in old.items())


def still_made(facts: ChangeFacts, action: ActionFact) -> bool:
    """Whether the new version still makes the old call `action`, with arguments added."""
    return any(extends(action, after) for after in facts.after_actions)


def adds_only(facts: ChangeFacts) -> bool:
    """Whether the change only adds arguments to the calls it makes (see the module doc)."""
    if not facts.before_actions or facts.removed_promises or facts.escalation:
        return False
    if facts.moves or facts.moved:
        return False
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    if before != after:
        return False
    return all(
        any(extends(old, new) for old in facts.before_actions) for new in facts.after_actions
    )


def added_arguments(facts: ChangeFacts) -> list[str]:
    """The arguments the change's calls gained, in words: "alignment check" for a flag set to
    true, "seat front" for another value; empty unless the change only adds (`adds_only`)."""
    if not adds_only(facts):
        return []
    found: list[str] = []
    for new in facts.after_actions:
        old = next(action for action in facts.before_actions if extends(action, new))
        for key, value in new.arguments:
            if key in dict(old.arguments):
                continue
            words = key.replace("_", " ").replace("-", " ")
            if value.lower() not in ("true", "yes"):
                words += f" {value}"
            found.append(words)
    return list(dict.fromkeys(found))
