"""A contact route (a phone number, a web address) replaced for one topic and still right for
others: "call us on 0161 496 0000" for a lost card became "use the lost card form", while the
new prompt still gives the same number for bookings and lost property.

The old replies stated the number, the new ones on the changed topic do not, so every KB
sentence stating it looks like the old rule. Only the ones about the changed topic are: a KB
sentence that reads like a rule of the new prompt still giving the same route (it shares more
of its words than it shares with the changed rule's old sentence) is about that other topic,
and stays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.drafting.text import terms

CONTACT_KINDS = frozenset({"phone", "link"})
"""Promise kinds that name where the customer goes: the same route serves many topics."""


def _words(sentence: str, routes: Sequence[Promise]) -> set[str]:
    """A sentence's content stems, the route's own digits and words left out (they are what
    every sentence compared states)."""
    said = set(terms(sentence))
    for route in routes:
        said -= set(terms(route.value))
    return {word for word in said if not word[:1].isdigit()}


def still_giving(
    removed: Sequence[Promise],
    changed: Sequence[str],
    sections: Mapping[str, Sequence[str]],
) -> list[str]:
    """The sentences of the new prompt (`sections`, by section) outside the changed rules'
    new sentences (`changed`) that still state a removed contact route: the topics the route
    stays right for."""
    routes = {promise.key for promise in removed if promise.kind in CONTACT_KINDS}
    if not routes:
        return []
    skip = {" ".join(sentence.split()) for sentence in changed}
    return [
        sentence
        for lines in sections.values()
        for sentence in lines
        if " ".join(sentence.split()) not in skip
        and routes & {promise.key for promise in extract_promises(sentence)}
    ]


def about_other_topic(
    route: Promise, sentence: str, old_rules: Sequence[str], still: Sequence[str]
) -> bool:
    """Whether a KB sentence stating a removed contact route is about a topic the new prompt
    still gives that route for: it shares more words with one of those prompt sentences
    (`still_giving`) than with any changed rule's old sentence (`old_rules`). A tie is read as
    the changed rule, so a sentence the words cannot place keeps its conflict."""
    if route.kind not in CONTACT_KINDS or not old_rules:
        return False
    stating = [
        other
        for other in still
        if route.key in {promise.key for promise in extract_promises(other)}
    ]
    if not stating:
        return False
    words = _words(sentence, [route])
    own = max(len(_words(old, [route]) & words) for old in old_rules)
    return any(len(_words(other, [route]) & words) > own for other in stating)
