"""A tool's name said in a writer's words, for a note's title: what the customer pays or
gets, never the tool ("Engraving fee", not "Add engraving fee" of `add_engraving`), and what
the agent does, never "calls book_return(resolution=refund)" ("books a return (refund)").

Pure text helpers with no knowledge of a change: `facts` names a moved charge with
`object_words`, and `plaintitle` says an action with `action_phrase`.
"""

from __future__ import annotations

import re

_DOING = frozenset(
    [
        *("add", "apply", "book", "charge", "take", "send", "issue", "log", "create", "record"),
        *("make", "process", "get", "set", "put", "place", "raise", "collect", "request"),
        *("open", "give", "grant", "post", "submit", "schedule", "arrange", "offer", "start"),
    ]
)
"""Verbs a tool's name starts with that say only that something is done: the thing it is done
to names what the customer pays or gets (`add_engraving` → "engraving")."""
_NOUNED = {
    "cancel": "cancellation",
    "extend": "extension",
    "renew": "renewal",
    "deliver": "delivery",
    "replace": "replacement",
    "install": "installation",
    "reschedule": "rescheduling",
    "rent": "rental",
    "ship": "shipping",
    "store": "storage",
    "clean": "cleaning",
    **{verb: verb for verb in ("refund", "return", "swap", "change", "transfer", "repair")},
    **{verb: verb for verb in ("upgrade", "exchange", "hire", "credit")},
}
"""Verbs a tool's name starts with whose noun says what the thing is (`cancel_appointment` →
"appointment cancellation")."""
_OTHER_VERBS = frozenset(
    [
        *("arrange", "ask", "check", "confirm", "contact", "email", "fetch", "find", "flag"),
        *("notify", "register", "reserve", "text", "update", "verify", "waive"),
        *("escalate", "assign", "pass", "share", "tell", "call", "look", "lookup"),
    ]
)
_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def name_words(name: str) -> list[str]:
    """`add_engraving`, `addEngraving`, `add-engraving` → ["add", "engraving"]."""
    return [part.lower() for part in _PART.findall(name)]


def action_words(name: str) -> list[str]:
    """The words of a tool's name that say its action, for finding where a text says it:
    the verb when it names the action itself (`refund_order` → ["refund"]: "order" names
    any row about orders), else the name without a verb that says only that something is
    done (`send_replacement` → ["replacement"], `pay_compensation` → ["pay",
    "compensation"])."""
    words = name_words(name)
    if len(words) > 1 and (words[0] in _NOUNED or words[0] in _OTHER_VERBS):
        return words[:1]
    kept = [word for word in words if word not in _DOING]
    return kept or words


def object_words(name: str) -> str:
    """What a tool's call is about, without its verb: "engraving" (`add_engraving`),
    "appointment cancellation" (`cancel_appointment`), "sibling discount"
    (`apply_sibling_discount`); the name in words when it starts with no known verb."""
    words = name_words(name)
    if len(words) > 1 and words[0] in _DOING:
        return " ".join(words[1:])
    if len(words) > 1 and words[0] in _NOUNED:
        return " ".join([*words[1:], _NOUNED[words[0]]])
    return " ".join(words)


def third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _said_values(arguments: tuple[tuple[str, str], ...]) -> str:
    """The words an action's arguments name ("refund" of resolution=refund); numbers,
    yes/no flags and identifiers are left out."""
    said = []
    for _, value in arguments:
        text = value.strip().strip("'\"")
        if not text or text.lower() in ("true", "false", "none", "null"):
            continue
        if re.search(r"\d", text) or not re.fullmatch(r"[A-Za-z][A-Za-z _-]*", text):
            continue
        said.append(text.replace("_", " ").replace("-", " "))
    return ", ".join(dict.fromkeys(said))


def action_phrase(name: str, arguments: tuple[tuple[str, str], ...] = ()) -> str | None:
    """What a call does, said as the agent's action: "books a return (refund)"
    (`book_return`, resolution=refund), "charges a change fee" (`charge_change_fee`); None
    for a name that starts with no verb (`lookup_member`, `order_status`)."""
    words = name_words(name)
    if len(words) < 2 or words[0] not in (_DOING | _OTHER_VERBS | set(_NOUNED)):
        return None
    if words[0] in ("lookup", "look"):
        return None  # "looks member": not a verb phrase in words
    rest = " ".join(words[1:])
    article = ""
    if not words[-1].endswith("s") and words[1] not in ("the", "a", "an", "to", "for"):
        article = "an " if rest[:1] in "aeiou" else "a "
    phrase = f"{third_person(words[0])} {article}{rest}"
    values = _said_values(arguments)
    return f"{phrase} ({values})" if values else phrase
