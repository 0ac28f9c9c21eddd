"""A contact route replaced for one topic (`keptcontact`), as the drafters use it: which
removed route the changed rule replaced and with what told clause, the fact a drafting model
is given for it, and the checks that hold its edit to what the template edit decides (the
sentences giving the route for other topics stay word for word; the new route is said where
the template says it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting.facts import ChangeFacts, Rule, value_pattern
from behaviordiff.drafting.impact import Impact, kept_route_units
from behaviordiff.drafting.keptcontact import CONTACT_KINDS, route_clause
from behaviordiff.drafting.text import plain_text, units


@dataclass(frozen=True)
class ReplacedRoute:
    """A removed contact route (`promise`), the changed prompt rule that replaced it and what
    that rule now tells the customer to do (`clause`, `keptcontact.route_clause`)."""

    promise: Promise
    rule: Rule
    clause: str

    @property
    def pattern(self) -> re.Pattern[str]:
        return value_pattern(self.promise.value)


def replaced_route(facts: ChangeFacts) -> ReplacedRoute | None:
    """The first removed contact route a changed prompt rule sends the customer elsewhere
    instead of, or None."""
    for promise in facts.removed_promises:
        if promise.kind not in CONTACT_KINDS:
            continue
        pattern = value_pattern(promise.value)
        for rule in facts.rules:
            if rule.kind != "sentence_changed" or not rule.old or not rule.new:
                continue
            clause = route_clause(rule.old, rule.new, pattern)
            if clause is not None:
                return ReplacedRoute(promise, rule, clause)
    return None


def route_facts(facts: ChangeFacts) -> list[str]:
    """What the template edit rests on for a replaced route, said for a drafting model."""
    route = replaced_route(facts)
    if route is None:
        return []
    said = [
        f"{route.promise.value} is no longer given for this topic: where the item says to "
        f"contact us on it for this topic, it now says to {route.clause} (the new prompt says "
        f"“{route.rule.new}”); the old line's opening hours go with it"
    ]
    if facts.kept_routes:
        said.append(
            f"the new prompt still gives {route.promise.value} for other topics "
            f"(“{facts.kept_routes[0]}”): a sentence giving it for another topic stays as it is"
        )
    return said


def _flat(body: str, body_format: str) -> str:
    return " ".join(unit.text for unit in units(plain_text(body, body_format)))


def _contains(text: str, sentence: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(sentence)}(?!\w)", text, re.I) is not None


def kept_route_changed(facts: ChangeFacts, impact: Impact, new_body: str) -> list[str]:
    """A model's edit that changes a sentence giving a removed route for another topic the
    new prompt still gives it for (`impact.kept_route_units`); the template edit keeps them
    word for word."""
    flat = _flat(new_body, impact.item.body_format)
    return [
        f"the new body changes “{impact.units[index].text}”, which gives the same contact "
        "route for another topic the new prompt still gives it for: keep it as it is"
        for index in sorted(kept_route_units(facts, impact))
        if not _contains(flat, impact.units[index].text)
    ]


_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)+/[\w/-]+", re.I)


def route_unsaid(
    facts: ChangeFacts, body_format: str, template_body: str | None, new_body: str
) -> list[str]:
    """A model's edit that leaves out an address of the new route (an email, a web address)
    that the template edit states: the customer would not know where to go."""
    route = replaced_route(facts)
    if route is None or not template_body:
        return []
    drafted = _flat(template_body, body_format).lower()
    flat = _flat(new_body, body_format).lower()
    return [
        f"the new body does not say {address}, where the new prompt now sends the customer "
        f"(“{route.clause}”)"
        for address in dict.fromkeys(_ADDRESS.findall(route.clause))
        if address.lower() in drafted and address.lower() not in flat
    ]
