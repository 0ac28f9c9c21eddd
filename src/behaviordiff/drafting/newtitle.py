"""A note's title said by what the agent now does, when a change is known by a promise its
new replies dropped ("no longer states 0117 496 0321") and the new prompt says what it does in
that promise's place: a contact route replaced for the topic (`routes.replaced_route`: "now
tells the customer to use the form at …, and no longer gives 0117 496 0321") or a promise
withheld from a category with what the customer is told instead
(`categoryway.withheld_promise_way`); and a hand-off re-routed for one category, or part of
one, by the new prompt's words for who takes it, not by the hand-off's argument. Which facet
the change is known by stays detection's; only its words change. A drafting model is held to
the same: its title may not be a bare "no longer …" when the template's says the new way
(`title_problems`)."""

from __future__ import annotations

import re

from behaviordiff.drafting.categoryroute import category_route
from behaviordiff.drafting.categoryway import withheld_promise_way
from behaviordiff.drafting.facts import ActionFact, ChangeFacts
from behaviordiff.drafting.routes import replaced_route

_DROPPED_KINDS = ("promises", "meaning")
"""The facets whose detected title says only what the replies no longer state (or nothing)."""


def _listed(values: tuple[str, ...]) -> str:
    distinct = list(dict.fromkeys(values))
    if len(distinct) < 2:
        return "".join(distinct)
    return ", ".join(distinct[:-1]) + " or " + distinct[-1]


def new_way_title(facts: ChangeFacts) -> str | None:
    """What the agent now does in place of the promise it dropped, as a title without its
    case ("now tells the customer to report it with the form at example.org/lost, or by email
    to help@example.org, and no longer gives 0117 496 0321"), or None: a change that added a
    promise, took or dropped an action, moved a value, or whose new prompt does not say the
    new way in words."""
    if facts.kind not in _DROPPED_KINDS or not facts.removed_promises or facts.added_promises:
        return None
    if facts.before_actions or facts.after_actions or facts.moved or facts.escalation:
        return None
    route = replaced_route(facts)
    if route is not None:
        return (
            f"now tells the customer to {route.clause}, and no longer gives {route.promise.value}"
        )
    way = withheld_promise_way(facts)
    if way is not None and way.promises:
        return f"now tells the customer {way.statement}, and no longer promises " + _listed(
            way.promises
        )
    return None


def rerouted_title(facts: ChangeFacts) -> str | None:
    """A hand-off re-routed for one category (or part of one), titled by the new prompt's
    words for who now takes it ("Complaints about a billing error over £200 go to our
    Billing team instead of the Service Desk"), not by the hand-off's argument; the
    sentence names the case itself. None for any other change."""
    route = category_route(facts)
    if route is None or not route.bounds_said:
        return None
    return f"{route.said} instead of the {route.old_team}"


_VERBS = frozenset(
    [
        *("add", "apply", "arrange", "ask", "book", "cancel", "check", "collect", "create"),
        *("email", "fetch", "find", "get", "issue", "log", "look", "notify", "offer", "open"),
        *("order", "record", "refund", "register", "request", "reserve", "schedule", "send"),
        *("start", "text", "transfer", "update", "verify", "give", "tell", "confirm"),
        *("contact", "call", "escalate", "raise", "share", "flag", "assign", "pass"),
    ]
)
"""Verbs a tool's description commonly starts with, said in the imperative ("Email the
customer a link …"): one of these, made third person, says what the agent now does."""
_OBJECT_LEAD = frozenset(
    [
        *("a", "an", "the", "this", "these", "those", "any", "some", "one", "our", "their"),
        *("your", "its", "them", "us", "it", "whether", "if", "up", "for", "to", "with"),
        *("that", "what", "which", "how", "when"),
    ]
)
"""Words that follow a verb, not a noun ("Order the part", never "Order details"): a
description's second word must be one for its first to be read as a verb."""


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def described_action(facts: ChangeFacts, action: ActionFact) -> str | None:
    """What a tool the config added does, in its description's words, as the agent's action
    ("emails the customer a link to upload photos of the damage" from "Email the customer a
    link to upload photos of the damage."), or None: no description, one of more than a
    sentence, one naming code, or one not starting with a verb in the imperative
    (`_VERBS`)."""
    for rule in facts.rules:
        if rule.kind != "tool_added" or not rule.tool:
            continue
        if f"tool {action.name} " not in f"{rule.summary} ":
            continue
        said = " ".join(rule.tool.split()).rstrip(".")
        first, _, rest = said.partition(" ")
        if not rest or first.lower() not in _VERBS or not first[:1].isupper():
            return None
        if rest.split()[0].lower() not in _OBJECT_LEAD:
            return None
        if re.search(r"[.;:!?`{}_\d]", said) or "(" in said:
            return None
        return f"{_third_person(first.lower())} {rest}"
    return None


_ONLY_DROPPED = re.compile(r"^\s*(?:the agent\s+)?no longer\b", re.I)
_SAYS_NEW = re.compile(r"\b(?:now|instead)\b", re.I)


def title_problems(facts: ChangeFacts, title: str) -> list[str]:
    """A drafting model's title that says only what the agent stopped doing ("No longer states
    …") where the template's says what it now does (`new_way_title`)."""
    new_way = new_way_title(facts)
    if new_way is None or not _ONLY_DROPPED.search(title) or _SAYS_NEW.search(title):
        return []
    return [
        "the title says only what the agent no longer does: title the change by what it now "
        f"does ({new_way})"
    ]
