"""An address a call passed that the new version's same call passes no more: `share_contact`'s
destination parts@snugride.example became the spare parts form's link, and the changed prompt
rule tells the customer "the customer fills in the spare parts form at
snugride.example/spare-parts". A KB sentence giving the old address word for word ("Just email
our parts team at parts@snugride.example with …") describes the old call (`impact`), and says
the new rule's instruction in its place ("Just fill in the spare parts form at
snugride.example/spare-parts with …"); a table cell giving the bare address gives the new one's
phrase (`template`).
"""

from __future__ import annotations

import re

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.text import stem, terms

_ADDRESS = r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w-]+(?:\.[\w-]+)+/[\w./-]*\w|\+?\d[\d ]{6,}\d)"
_FULL_ADDRESS = re.compile(rf"^{_ADDRESS}$")
_THIRD = re.compile(r"^(?P<verb>[a-z]+?)(?:es|s)\b")


def address_phrase(new_rule: str, new: str) -> str | None:
    """How a changed prompt rule tells the customer to use a call's new address (`new`, a
    link, an email address or a number), as an instruction to them: "the customer fills in
    the spare parts form at snugride.example/spare-parts, which asks …" → "fill in the spare
    parts form at snugride.example/spare-parts". None when the rule says it in no clause of
    the customer's own, or names a tool."""
    at = new_rule.find(new)
    if at < 0 or not _FULL_ADDRESS.match(new):
        return None
    head = new_rule[:at]
    asked = re.search(
        r"\bask\s+(?:them|the\s+(?:customer|client|member|guest|user)s?)\s+to\s+"
        r"(?P<doing>[a-z][^,;:.`]*)$",
        head,
        re.I,
    )
    if asked is not None:
        # "ask them to fill in the warranty claim form at …": the instruction as it is
        return f"{asked['doing']}{new}"
    found = re.search(
        r"(?:the\s+(?:customer|client|member|guest|user)|they)\s+(?P<doing>[a-z][^,;:.`]*)$",
        head,
        re.I,
    )
    if found is None:
        return None
    doing = found["doing"]
    verb = _THIRD.match(doing)
    if verb is None or found.group(0).lower().startswith("they"):
        return None
    base = doing[: verb.end()]
    # "fills" → "fill", "goes" → "go", "uses" → "use"
    single = base[:-2] if base.endswith(("shes", "ches", "sses", "xes", "oes")) else base[:-1]
    return f"{single}{doing[verb.end() :]}{new}"


def rewrite_address(sentence: str, old: str, phrase: str) -> str | None:
    """`sentence` with what it tells the customer to do with an old address ("email our
    parts team at parts@snugride.example") saying `phrase` instead ("fill in the spare parts
    form at snugride.example/spare-parts"), in the sentence's own case; a table cell giving
    the bare address gives the new one's phrase without its verb. None when the sentence
    states the address in another shape."""
    value = re.escape(old)
    cell = re.compile(rf"(?P<lead>\|\s*){value}(?P<trail>\s*\|)", re.I)
    found = cell.search(sentence)
    if found is not None:
        noun = re.sub(r"^[a-z]+\s+(?:in\s+|out\s+|to\s+)?", "", phrase)
        said = noun[:1].upper() + noun[1:]
        return (
            sentence[: found.start()]
            + f"{found['lead']}{said}{found['trail']}"
            + sentence[found.end() :]
        )
    told = re.compile(
        r"\b(?P<verb>e-?mail|write\s+to|message|contact|send\s+(?:it|them|your\s+\w+)\s+to)\s+"
        rf"(?:(?:us|our|the)\b[^,.;:|()]{{0,40}}?\s+(?:at|on|to)\s+|(?:at|on|to)\s+)?{value}"
        r"(?![\w@/-]|\.\w)",
        re.I,
    )
    found = told.search(sentence)
    if found is None:
        return None
    said = phrase[:1].upper() + phrase[1:] if found["verb"][:1].isupper() else phrase
    new = sentence[: found.start()] + said + sentence[found.end() :]
    return None if re.search(value, new, re.I) else new


_ADDRESS_KINDS = ("email", "link")


def moved_addresses(facts: ChangeFacts) -> list[tuple[str, str]]:
    """(old, new) of each argument of a call both versions make that was an address (an
    email address, a link, a phone number) and is now another; or of the one address the
    replies no longer give and the one they now give instead ("warranty@…" →
    "…/warranty-claim"), each written so by a changed prompt rule."""
    found = []
    gone = [p.value for p in facts.removed_promises if p.kind in _ADDRESS_KINDS]
    came = [p.value for p in facts.added_promises if p.kind in _ADDRESS_KINDS]
    if len(gone) == 1 and len(came) == 1:
        rules = [r for r in facts.rules if r.old and r.new]
        if any(
            gone[0].lower() in str(r.old).lower() and came[0].lower() in str(r.new).lower()
            for r in rules
        ):
            found.append((gone[0], came[0]))
    for action in facts.before_actions:
        for after in facts.after_actions:
            if after.name != action.name:
                continue
            for key, value in action.arguments:
                new = after.argument(key)
                old = value.strip().strip("'\"")
                if new and new != value and _FULL_ADDRESS.match(old):
                    found.append((old, new.strip().strip("'\"")))
    return found


def states_old_address(facts: ChangeFacts, sentence: str) -> bool:
    """Whether a sentence gives, word for word, an address a call passed that the new
    version's same call passes no more (`moved_addresses`)."""
    return any(
        re.search(rf"(?<![\w.@/-]){re.escape(old)}(?![\w@/-]|\.\w)", sentence, re.I)
        for old, _new in moved_addresses(facts)
    )


def moved_address_rule(facts: ChangeFacts) -> tuple[str, str, Rule] | None:
    """(the old address, the new rule's instruction for the new one, that rule) of the first
    moved address a changed prompt rule tells the customer to use (`address_phrase`), or
    None."""
    for old, new in moved_addresses(facts):
        for rule in facts.rules:
            if not rule.new:
                continue
            # the prompt's own spelling of the address (the replies' is lower-cased)
            at = rule.new.lower().find(new.lower())
            written = rule.new[at : at + len(new)] if at >= 0 else new
            if (phrase := address_phrase(rule.new, written)) is not None:
                return old, phrase, rule
    return None


_WHO = r"(?:us|(?:our|the)\s+(?:[\w-]+\s+){0,3}?(?:team|department|desk|office|people|staff))"
_EMAILING = re.compile(
    rf"\b(?:(?:drop|send|shoot|fire\s+off)\s+{_WHO}\s+an?\s+(?:quick\s+)?e-?mail"
    rf"|(?:send|write)\s+an?\s+(?:quick\s+)?e-?mail\s+to\s+{_WHO}"
    rf"|e-?mail\s+{_WHO})"
    r"(?:\s+(?:at|to|on)\s+(?:their|our|its|the)\s+[\w\s-]{1,30}?(?:inbox|address|account))?"
    r"(?=\s*[,.;:)]|\s+(?:with|about|and|if|when|for)\b)",
    re.I,
)
"""Telling the customer to email someone without the address ("drop our warranty team an
email at their own inbox", "email us", "send an email to our repairs team")."""
_MAIL_WORDS = frozenset({"email", "e-mail", "mail", "team", "send", "ask", "them", "customer"})


def _emailed_topic(facts: ChangeFacts, old: str) -> set[str]:
    """The stems of the changed prompt rules that gave the old email address, less the words
    of emailing itself: what a KB sentence telling the customer to email must be about."""
    found: set[str] = set()
    for rule in facts.rules:
        if rule.old and old.lower() in rule.old.lower():
            without = rule.old.lower().replace(old.lower(), " ")
            found |= {stem(word) for word in terms(without) if word not in _MAIL_WORDS}
    return found


def tells_to_email(facts: ChangeFacts, sentence: str) -> bool:
    """Whether a sentence tells the customer to email about the topic of an email address the
    new version gives no more (`moved_addresses`), without the address ("If something stops
    working, drop our warranty team an email …" when warranty@… became a claim form): the
    old way, in other words. It must name the topic in a word of the old rule besides the
    team's ("warranty") and give no address of its own."""
    if _EMAILING.search(sentence) is None or re.search(_ADDRESS, sentence):
        return False
    said = {stem(word) for word in terms(sentence)}
    for old, _new in moved_addresses(facts):
        if "@" not in old:
            continue
        topic = _emailed_topic(facts, old)
        team = _EMAILING.search(sentence)
        named = {stem(word) for word in terms(team.group(0))} if team else set()
        if topic & said & named or len(topic & said) >= 2:
            return True
    return False


def rewrite_emailing(sentence: str, phrase: str) -> str | None:
    """`sentence` telling the customer to email someone (`_EMAILING`) with `phrase` said in
    its place ("drop our warranty team an email at their own inbox" → "fill in the warranty
    claim form at …/warranty-claim"), in the sentence's case; None when it says no such
    thing."""
    found = _EMAILING.search(sentence)
    if found is None:
        return None
    said = phrase[:1].upper() + phrase[1:] if found.group(0)[:1].isupper() else phrase
    return sentence[: found.start()] + said + sentence[found.end() :]
