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

import re
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


_TOLD = re.compile(
    r"\b(?:(?:tell|ask|invite|direct|point)\s+(?:them|the\s+\w+|customers?|callers?)\s+to"
    r"|should|must|need\s+to)\s+"
    r"(?P<clause>.+?)(?=,?\s+so\s+(?:that\s+)?we\b|,?\s+and\s+we\b|[.;](?=\s|$)|$)",
    re.I,
)
"""The told clause of a prompt rule: "Tell them to <report it with the form at …>, so we …",
"Members should <use the form at …>"."""
_NEW_ROUTE = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\bhttps?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)+/[\w/-]+", re.I
)
"""A route a customer is sent to that is no phone: an email address, a web address."""
_HOURS = (
    r"(?:\s*\([^()]*\)|,\s*[^,.;()]*?\b\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)\b[^,.;()]*(?=[,.;]|$))?"
)
"""The opening hours said right after a phone number ("(Monday to Friday, 9am to 5pm)",
", weekdays between 9am and 5pm"): the old line's hours, which go with it."""


def route_clause(old_rule: str, new_rule: str, route: re.Pattern[str]) -> str | None:
    """What a changed prompt rule now tells the customer to do where it told them to use the
    old route (`route`, a removed phone number's pattern): the new rule's told clause ("report
    it with the lost card form at example.org/lost, or by email to help@example.org"), when
    the old rule's told clause stated the route and the new one names another route (an email
    or web address) and not the old one, cut after its last address. None otherwise."""
    old = _TOLD.search(old_rule)
    new = _TOLD.search(new_rule)
    if old is None or new is None or not route.search(old.group("clause")):
        return None
    clause = new.group("clause").strip()
    addresses = list(_NEW_ROUTE.finditer(clause))
    if route.search(clause) or not addresses or "`" in clause or "{" in clause:
        return None
    # up to the last address: what follows ("to pause the plan") is the purpose, which the
    # KB sentence says in its own words
    return clause[: addresses[-1].end()].rstrip(".,;")


def rewrite_route(sentence: str, route: re.Pattern[str], clause: str) -> str | None:
    """`sentence` with its "call us on <route> (hours)" replaced by `clause` (`route_clause`),
    in the sentence's own case: "Please call us on 0161 496 0000 (9am to 5pm) and we'll …" →
    "Please report it with the form at …, and we'll …". None when the sentence states the
    route another way (a number to ring back, a bare number), or still states it after."""
    call = re.compile(
        r"\b(?P<verb>call|ring|phone|telephone|contact)\s+"
        # "call us on", "phone our customer care team on", a cell's bare "Phone 0131 …"
        r"(?:(?:us|our|the)\b[^,.;:|()]{0,40}?\s+(?:on|at)\s+|(?:on|at)\s+)?"
        rf"(?:{route.pattern}){_HOURS}"
        # "… or email care@example.org": the other old route said with it goes too
        r"(?:\s+or\s+(?:e-?mail|write\s+to|message)\s+(?:us\s+)?(?:(?:at|on)\s+)?"
        r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*)?",
        re.I,
    )
    found = call.search(sentence)
    if found is None:
        return None
    said = clause[0].upper() + clause[1:] if found.group("verb")[0].isupper() else clause
    after = sentence[found.end() :]
    # a clause with a comma of its own closes before "and we'll …"
    if "," in said and re.match(r"\s+and\b", after):
        said += ","
    new = sentence[: found.start()] + said + after
    return None if route.search(new) else new
