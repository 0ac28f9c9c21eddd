"""An action customers used to take themselves, now taken by the agent with a tool it gains
("Customers pause it themselves from the Account page" → "pause the subscription for them with
`pause_subscription`").

The old prompt sentence the change rewrote says the customer does it (a reflexive, "themselves",
"on their own", or the customer as the verb's subject) with the verb the new tool's name opens
with; the new form hands it to the agent. A KB sentence states the old rule when it tells the
customer to do it: the verb with "you" as its subject ("You can pause your subscription"), as
an imperative opening it ("- Pause your subscription for up to three months"), or with
"yourself". What is said of the result ("while your subscription is paused", "it restarts on its
own at the end of the pause") and the item's other self-service instructions (another verb)
stay. The edit says, in the sentence's place, that we do it when asked, for a change that
reaches everyone on its topic (a condition of topic tags alone): a change for some customers
keeps the old way for the rest, which no rewrite here can say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.text import ITEM_LEAD, Keep, Unit, plain_text, rewrite_units, units

SELF_SERVE_REASON = "tells the customer to do themselves what the new agent now does for them"

_MAX = 4000
_REFLEXIVE = re.compile(
    r"\b(?:themselves|himself|herself|yourself|yourselves|by (?:themselves|yourself)|"
    r"on (?:their|your) own|self-serve|self-service)\b",
    re.I,
)
_CONDITION_BEFORE = re.compile(
    r"\b(?:if|when|whenever|while|once|after|before|until|unless)\s+$", re.I
)
_TOOL_WORD = re.compile(r"[a-z]+")
_LEAD_MARKUP = re.compile(r"^[*_\s]{0,6}")
# the words that may stand between "you" and the verb without making it someone else's deed
_YOU_GAP = (
    r"(?:['’]ll|['’]d)?(?:\s+(?:can|could|may|will|just|simply|also|always|easily|then|still|"
    r"need to|have to|want to|are able to|choose to|can always|can easily)){0,3}\s+"
)


@dataclass(frozen=True)
class SelfServed:
    """The verb of the action now taken by the agent, and what it is done to, from the tool."""

    tool: str
    verb: str
    noun: str

    @property
    def root(self) -> str:
        """The verb's root, its forms all start with ("paus" of pause, paused, pausing)."""
        return self.verb[:-1] if self.verb.endswith("e") and len(self.verb) > 3 else self.verb

    def sentence(self) -> str:
        """That we do it when asked, in the KB's voice."""
        thing = f"your {self.noun}" if self.noun else "it"
        return f"Ask us and we'll {self.verb} {thing} for you."


# a verb's forms after its root (`SelfServed.root`): "pause", "pauses", "paused", "pausing",
# "stopped"; never a longer word that starts with it ("address" for "add", "user" for "use")
_FORM = r"(?:e|es|s|ed|d|ing|[a-z](?:ed|ing))?\b"


def _customer_does(old: str, root: str) -> bool:
    """Whether an old prompt sentence says the customer takes the action themselves."""
    verb = re.compile(rf"\b{re.escape(root)}{_FORM}", re.I)
    if not verb.search(old):
        return False
    if _REFLEXIVE.search(old):
        return True
    return bool(
        re.search(
            rf"\b(?:customers?|members?|clients?|they|users?)\s+(?:can\s+|may\s+)?"
            rf"{re.escape(root)}{_FORM}",
            old,
            re.I,
        )
    )


def self_served(facts: ChangeFacts) -> SelfServed | None:
    """The action the agent now takes where customers took it themselves, else None: a tool
    the new agent calls and the old did not, whose name's verb a rewritten prompt sentence
    said the customer does, in its old form only; for a change for everyone on its topic."""
    condition = facts.condition
    if facts.restricted and (
        condition is None or any(atom.op != "tag" for atom in condition.atoms)
    ):
        return None
    before = {action.name for action in facts.before_actions}
    for action in facts.after_actions:
        if action.name in before or action.is_escalation:
            continue
        words = _TOOL_WORD.findall(action.name.lower())
        if not words or len(words[0]) < 3:
            continue
        served = SelfServed(action.name, words[0], " ".join(words[1:3]))
        for rule in facts.rules:
            if rule.kind != "sentence_changed" or not rule.old or not rule.new:
                continue
            if action.name not in rule.new:
                continue
            if _customer_does(rule.old, served.root) and not _REFLEXIVE.search(rule.new):
                return served
    return None


def tells_customer_to(served: SelfServed, sentence: str) -> bool:
    """Whether a KB sentence tells the customer to take the action themselves."""
    if len(sentence) > _MAX or sentence.lstrip().startswith(("#", "|")):
        return False
    root = re.escape(served.root)
    verb = rf"{root}{_FORM}"
    for found in re.finditer(rf"\byou{_YOU_GAP}{verb}", sentence, re.I):
        # "If you pause it, nothing is sent": what follows from it, not how it is done
        if not _CONDITION_BEFORE.search(sentence[max(0, found.start() - 12) : found.start()]):
            return True
    opening = _LEAD_MARKUP.sub("", ITEM_LEAD.sub("", sentence, count=1), count=1)
    # an imperative opens with the verb's plain form ("Pause your subscription …")
    if re.match(rf"{re.escape(served.verb)}\s+(?:your|it|the|this|them)\b", opening, re.I):
        return True
    return bool(
        re.search(r"\byourself\b", sentence, re.I) and re.search(rf"\b{verb}", sentence, re.I)
    )


def self_serve_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """Each sentence telling the customer to do it themselves says that we do it when asked;
    None when the change is of another kind or the item says no such thing."""
    served = self_served(facts)
    if served is None:
        return None
    acting = {c.sentence for c in impact.conflicts if SELF_SERVE_REASON in c.reasons}
    if not acting:
        return None
    said = served.sentence()
    # the sentence goes in place of the first one in reading order, whatever order the
    # format's rewrite visits the units in
    target = next((unit.text for unit in impact.units if unit.text in acting), None)
    if target is None:
        return None, "Flagged for review: the sentences telling the customer to do it stay."

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in acting:
            return Keep.UNIT
        if unit.text != target:
            return ""
        lead = ITEM_LEAD.match(unit.raw)
        return (lead.group(0) if lead else "") + said

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None or new_body == impact.item.body:
        return None, "Flagged for review: the sentences telling the customer to do it stay."
    found = "; ".join(f"\u201c{' '.join(text.split())}\u201d" for text in sorted(acting))
    return new_body, (
        f"The agent now does it for the customer (`{served.tool}`); this {impact.item.kind} "
        f"still tells them to do it themselves: {found}. The edit says we do it when asked "
        "and keeps everything else."
    )


def still_self_served(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still tell the customer to do it themselves: what
    no drafter's edit may keep."""
    served = self_served(facts)
    if served is None:
        return []
    return [
        unit.text
        for unit in units(plain_text(body, body_format))
        if tells_customer_to(served, unit.text)
    ]


def self_serve_fact(facts: ChangeFacts) -> str | None:
    """The action as a drafting model is told it: what to say where the KB tells the customer
    to do it themselves."""
    served = self_served(facts)
    if served is None:
        return None
    return (
        f"the agent now does it for the customer ({served.tool}) where customers used to do it "
        f"themselves: text telling the customer to {served.verb} it themselves says that we do "
        f"it when asked (\u201c{served.sentence()}\u201d); what is said of the result, and "
        "other things the customer still does themselves, stay as they are"
    )
