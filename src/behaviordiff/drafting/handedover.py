"""An action the agent used to take for the customer, now left to the customer with another way
("move it for them with `reschedule_appointment`" → "Patients now move appointments themselves
in the online portal. … send them the link with `send_manage_link` …").

The change drops a call the old agent made (the old way) and the old prompt sentence that named
it is rewritten into one that says the customer now does it themselves ("themselves", "on their
own", "self-service") and names no dropped call. The action's verbs come from those facts alone:
the dropped tool's name opens with one ("reschedule"), and the old sentence says the one it did
for them ("move it for them"). A KB sentence states the old way when it says, in its own voice,
that we do it: "we" (or "our team") before one of those verbs ("We have rescheduled your
booking", "we find a slot and move it into it for you"), or a list item that opens with the
verb's plain form ("- move a booking you already have to another day") in a list of what is
done for the customer. What is said of the result in the passive ("your reference stays the
same when a booking is moved"), the gerund naming the topic ("Moving a booking is free …"),
other things still done for the customer (another verb: "we cancel it for you") and anything
already saying the self-service way stay.

The edit says the new way in the old way's place, from the new prompt's sentences voiced for
the customer: the self-service sentence with "you" for the customer ("You can now move
appointments yourself in the online portal.") and, for a sentence or a numbered step, how they
get there ("When you ask to move an appointment, we send you the link, …"). A step keeps its
number, a list item its marker. Only for a change that reaches everyone on its topic (a
condition of topic tags alone): a change for some customers keeps the old way for the rest,
which no rewrite here can say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.oldside import CUSTOMER_NOUNS, customer_voice
from behaviordiff.drafting.perchange import LastChange
from behaviordiff.drafting.promptrule import voiced
from behaviordiff.drafting.text import ITEM_LEAD, Keep, Unit, plain_text, rewrite_units, units

HANDED_OVER_REASON = "says we do for the customer what they now do themselves"

_MAX = 4000
_PASSAGE_MAX = 1500
# the customer doing it themselves, as a prompt says it of them (not "yourself": a prompt
# addresses the agent, "do not move it yourself")
_THEMSELVES = re.compile(
    r"\b(?:themselves|himself|herself|on (?:their|his|her) own|self-serv(?:e|ice))\b", re.I
)
# a KB sentence already saying the customer does it
_OWN_WAY = re.compile(
    r"\b(?:yourself|yourselves|themselves|on your own|self-serv(?:e|ice)|online|link)\b", re.I
)
_TOOL_WORD = re.compile(r"[a-z]+")
_FOR_THEM = re.compile(
    r"\b([a-z]{3,})\s+(?:(?:it|them|this|that|one)\s+|(?:the|their|its|his|her)\s+[a-z]+\s+)?"
    r"(?:for\s+(?:them|the\s+[a-z]+)|on\s+(?:their|the\s+[a-z]+['’]s)\s+behalf)\b",
    re.I,
)
_FOR_YOU = re.compile(r"\b(?:for\s+you|on\s+your\s+behalf)\b", re.I)
_DETERMINER = r"(?:a|an|the|their|your|its|this|that|each|every|any)"
_NOT_VERBS = frozenset({"and", "but", "the", "one", "all", "any", "ask", "asks", "asked", "call"})
_WE = re.compile(r"\b(?:we|our\s+(?:team|staff|[a-z]+\s+team))\b|(?-i:\bI\b)", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_SUBJECT = re.compile(
    r"^(?:(?:the|our|all|every)\s+)?[A-Za-z]+(?:\s+(?!now\b)[a-z]+)?\s+(?P<now>now\s+)?"
    r"(?:(?:can|may|will|should|must)\s+)?$"
)
# a verb's forms after its root: "move", "moves", "moved", "moving"; never a longer word
_FORM = r"(?:e|es|s|ed|d|ing|[a-z](?:ed|ing))?\b"


def _root(verb: str) -> str:
    return verb[:-1] if verb.endswith("e") and len(verb) > 3 else verb


@dataclass(frozen=True)
class HandedOver:
    """The dropped call, the verbs of its action and the new rule's words."""

    tool: str
    verbs: tuple[str, ...]
    passage: str

    @property
    def objects(self) -> tuple[str, ...]:
        """What the tool's name says it acts on ("appointment" of `reschedule_appointment`)."""
        return tuple(
            word
            for word in _TOOL_WORD.findall(self.tool.lower())
            if len(word) >= 4 and word not in self.verbs
        )

    @property
    def verb_pattern(self) -> re.Pattern[str]:
        roots = "|".join(re.escape(_root(verb)) for verb in self.verbs)
        return re.compile(rf"\b(?:{roots}){_FORM}", re.I)

    def sentences(self) -> tuple[str | None, str | None]:
        """The self-service sentence said to the customer, and how they get there (each None
        when the new prompt's words cannot be said so)."""
        verb = self.verb_pattern
        parts = _SENTENCE_END.split(" ".join(self.passage.split()))
        own = next((part for part in parts if _customer_does(part, verb)), None)
        said = _to_customer(own, verb) if own is not None else None
        rest = " ".join(
            part
            for part in parts
            if (part is not own or said is None)
            and not re.match(r"(?:do not|don't|never)\b", part, re.I)
        )
        how = voiced(rest) if rest else None
        how_said = how.sentence if how is not None else None
        if how_said is not None and re.search(r"`|\b[a-z]+_[a-z_]+\b", how_said):
            how_said = None  # the prompt's internals left in
        return said, how_said


_NOUN_FORMS = "|".join(
    f"{noun[:-1]}(?:y|ies)" if noun.endswith("y") else f"{noun}s?" for noun in CUSTOMER_NOUNS
)
_CUSTOMER_SUBJECT = re.compile(
    rf"\b(?:{_NOUN_FORMS}|they)\s+(?:(?:can|could|may|now|will|then|still|also|just)\s+)"
    r"{0,3}$",
    re.I,
)


def _customer_does(text: str, verb: re.Pattern[str]) -> bool:
    """Whether a prompt sentence says the customer takes the action: "themselves", or the
    customer (or "they") as the verb's subject ("Members can now pause their plan", "… so they
    can rebook online")."""
    if _THEMSELVES.search(text) and verb.search(text):
        return True
    return any(
        _CUSTOMER_SUBJECT.search(text[max(0, found.start() - 60) : found.start()])
        for found in verb.finditer(text[:_MAX])
    )


def _to_customer(sentence: str, verb: re.Pattern[str]) -> str | None:
    """ "Patients now move appointments themselves in X." as "You can now move appointments
    yourself in X."; None when its subject is not a plain noun before the verb."""
    found = verb.search(sentence)
    if found is None:
        return None
    subject = _SUBJECT.match(sentence[: found.start()])
    if subject is None:
        return None
    rest = customer_voice(sentence[found.start() :])
    now = "now " if subject.group("now") else ""
    rest = rest.rstrip()
    if not rest.endswith((".", "!", "?")):
        rest += "."
    return f"You can {now}{rest}"


def _verbs(tool: str, old: str, new: str) -> tuple[str, ...]:
    words = _TOOL_WORD.findall(tool.lower())
    verbs: list[str] = []
    # the tool's name opens with its verb, unless the prompt says that word as a noun
    # ("an appointment" of `appointment_move`)
    if words and len(words[0]) >= 3:
        noun = re.compile(rf"\b{_DETERMINER}\s+{re.escape(words[0])}s?\b", re.I)
        if not noun.search(old[:_MAX]) and not noun.search(new[:_MAX]):
            verbs.append(words[0])
    for found in _FOR_THEM.finditer(old[:_MAX]):
        verb = found.group(1).lower()
        if verb not in _NOT_VERBS and verb not in verbs:
            verbs.append(verb)
    return tuple(verbs)


_HANDED: LastChange[HandedOver | None] = LastChange()


def handed_over(facts: ChangeFacts) -> HandedOver | None:
    """`read_handed_over`, read once per change (its rules, actions and condition as they
    are), not again for every KB sentence."""
    key = (
        tuple(facts.rules),
        tuple(facts.before_actions),
        tuple(facts.after_actions),
        facts.restricted,
        tuple(map(id, facts.conditions)),
    )
    return _HANDED.get(facts, key, lambda: read_handed_over(facts))


def read_handed_over(facts: ChangeFacts) -> HandedOver | None:
    """The action the customer now takes themselves where the agent took it for them, else
    None: a call the old agent made and the new does not, named by a rewritten prompt sentence
    whose new form says the customer does it themselves and names no such call; for a change
    for everyone on its topic."""
    condition = facts.condition
    if facts.restricted and (
        condition is None or any(atom.op != "tag" for atom in condition.atoms)
    ):
        return None
    after = {action.name for action in facts.after_actions}
    for action in facts.before_actions:
        if action.name in after or action.is_escalation:
            continue
        for rule in facts.rules:
            if rule.kind != "sentence_changed" or not rule.old or not rule.new:
                continue
            if action.name not in rule.old or action.name in rule.new:
                continue
            if len(rule.new) > _PASSAGE_MAX:
                continue
            verbs = _verbs(action.name, rule.old, rule.new)
            if not verbs:
                continue
            if _customer_does(rule.old, HandedOver(action.name, verbs, "").verb_pattern):
                continue  # the customer did it already: another kind of change
            # the sentences of the same section that say the new way with a call the new
            # agent makes and the old did not ("send them the link with `send_link`")
            before = {other.name for other in facts.before_actions}
            gained = [name for name in after if name not in before]
            passage = [rule.new]
            for other in facts.rules:
                if (
                    other is not rule
                    and other.kind in ("sentence_changed", "sentence_added")
                    and other.section == rule.section
                    and other.new
                    and len(other.new) <= _PASSAGE_MAX
                    and any(name in other.new for name in gained)
                ):
                    passage.append(other.new)
            found = HandedOver(action.name, verbs, " ".join(passage))
            # the new way says the same action is theirs now ("… move appointments
            # themselves", "… so they can rebook online")
            if any(_customer_does(text, found.verb_pattern) for text in passage):
                return found
    return None


_OWN_TRIGGER = re.compile(
    r"\b(?:if|unless|when|whenever|once|in case|should)\b(?!\s+(?:you|you['’](?:d|re|ve))\b)"
    r"|\b(?:that|which|who)\s+(?:have|has|haven['’]t|hasn['’]t|are|aren['’]t|is|isn['’]t|was|"
    r"were|don['’]t|doesn['’]t|didn['’]t|can['’]t|cannot)\b|\b(?:automatically|routinely)\b",
    re.I,
)
_ASKED = re.compile(
    r"\b(?:ask|message|call|contact|email|tell|text|phone)\s+us\b|\b(?:just|simply)\s+ask\b|"
    r"\byou\s+(?:ask|request)\b",
    re.I,
)
# "we've moved your …", "I have rescheduled your …": a report of doing it for this customer
_REPORTED = re.compile(
    r"(?:['’]ve|\s+have)\s+(?:(?:now|just|also|already)\s+)?[a-z]+(?:ed|en)\s+(?:your|it)\b",
    re.I,
)


def does_for_customer(handed: HandedOver, sentence: str) -> bool:
    """Whether a KB sentence says we take the action for the customer."""
    if len(sentence) > _MAX or sentence.lstrip().startswith(("#", "|")):
        return False
    if _OWN_WAY.search(sentence):
        return False
    verb = handed.verb_pattern
    # a deed of ours for them: said "for you", or naming what the tool acts on (a generic
    # verb alone, "we'll move you to the list", "- change a parcel's size", is another deed)
    if not _FOR_YOU.search(sentence) and not any(
        re.search(rf"\b{re.escape(word)}", sentence, re.I) for word in handed.objects
    ):
        return False
    lead = ITEM_LEAD.match(sentence)
    if lead is not None:
        opening = sentence[lead.end() :]
        first = verb.match(opening)
        # a list item of what is done for them, opening with the verb's plain form
        if first is not None and first.group(0).lower() in handed.verbs:
            return True
    # the old way is done when the customer asks: a sentence doing it on a trigger of its own
    # ("If the road is closed we move your delivery", "We cancel bookings that haven't been
    # paid for") is a rule we keep, and one not said as done for them may be another deed
    if _OWN_TRIGGER.search(sentence):
        return False
    asked = _FOR_YOU.search(sentence) or _ASKED.search(sentence)
    for we in _WE.finditer(sentence):
        # the verb within a few words of "we" (bounded: each "we" reads 80 characters)
        for found in verb.finditer(sentence, we.end(), we.end() + 80):
            if _PASSIVE_BEFORE.search(sentence[max(0, found.start() - 12) : found.start()]):
                continue
            if asked or _REPORTED.match(sentence, we.end()):
                return True
    return False


_WE_DO = re.compile(r"^When [^,]{1,200}, we (?P<deed>[a-z][^,.;]{2,120})[,.]")


def _listed(item: str, how: str | None, own: str) -> str:
    """A list item of what is done for the customer, said as what we do now so that they do it
    themselves; the self-service sentence when the new prompt's way says no deed of ours."""
    item = item.strip().rstrip(".;")
    deed = _WE_DO.match(how) if how else None
    if deed is None or not item or not item[0].islower():
        return own
    return f"{deed.group('deed')} so you can {item} yourself"


_YOU_DO = re.compile(r"\byou\s+(?:can|could|may|will|just)\b|\byourself\b", re.I)
_OURS = re.compile(
    r"\b(?:we|us|our)\b|\b(?:it|they|he|she)\s+(?:can|will|also)\b|(?-i:\bI\b)", re.I
)


def ours_to_do(lead: str | None) -> bool:
    """Whether a list's lead-in introduces what is done for the customer ("Our assistant …
    It can:", "Message us and we'll sort it:"), not what they do ("In the app you can:")."""
    if lead is None or _YOU_DO.search(lead) or _OWN_WAY.search(lead):
        return False
    return bool(_OURS.search(lead))


def handed_over_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """Each sentence saying we do it for the customer says the new way; None when the change
    is of another kind or the item says no such thing."""
    handed = handed_over(facts)
    if handed is None:
        return None
    acting = {c.sentence for c in impact.conflicts if HANDED_OVER_REASON in c.reasons}
    if not acting:
        return None
    own, how = handed.sentences()
    if own is None:
        own, how = how, None  # the new way said only in how they get there
    flagged = (
        None,
        "Flagged for review: the sentences saying we do it for the customer stay; the new "
        "prompt's way could not be said in the KB's voice.",
    )
    if own is None:
        return flagged
    target = next((unit.text for unit in impact.units if unit.text in acting), None)
    if target is None:
        return flagged

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in acting:
            return Keep.UNIT
        lead = ITEM_LEAD.match(unit.raw)
        if lead is not None and not _WE.search(unit.text):
            # an item of a list of what is done for them ("- move a booking you have"): what
            # we do now, so that they can do it themselves ("- send you the link so you can
            # move a booking you have yourself"), or the self-service way alone
            return lead.group(0) + _listed(ITEM_LEAD.sub("", unit.text, count=1), how, own)
        if unit.text != target:
            # another sentence saying we did it may say more the customer needs ("… and
            # moved your follow-up to the same day"): a writer's to weigh
            return Keep.UNIT
        said = f"{own} {how}" if how else own
        return (lead.group(0) if lead else "") + said

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None or new_body == impact.item.body:
        return flagged
    found = "; ".join(f"\u201c{' '.join(text.split())}\u201d" for text in sorted(acting))
    return new_body, (
        f"The agent no longer does it for the customer (`{handed.tool}`): the new prompt says "
        f"\u201c{' '.join(handed.passage.split())}\u201d. This {impact.item.kind} still says we "
        f"do it: {found}. The edit says the new way in its place and keeps everything else."
    )


def still_handed(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still say we do it for the customer."""
    handed = handed_over(facts)
    if handed is None:
        return []
    return [
        unit.text
        for unit in units(plain_text(body, body_format))
        if does_for_customer(handed, unit.text)
    ]


def handed_over_fact(facts: ChangeFacts) -> str | None:
    """The action as a drafting model is told it: what to say where the KB says we do it."""
    handed = handed_over(facts)
    if handed is None:
        return None
    own, how = handed.sentences()
    said = " ".join(part for part in (own, how) if part)
    return (
        f"the agent no longer does it for the customer ({handed.tool}): customers now do it "
        "themselves another way; text saying we do it for them says the new way instead"
        + (f" (\u201c{said}\u201d)" if said else "")
        + "; what is said of the result, and other things we still do for them, stay as they are"
    )
