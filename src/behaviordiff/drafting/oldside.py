"""The last resort for a change no class rule knows: a denial the new prompt lifts (or a rule
it swaps for another), read from the prompt diff itself.

A changed prompt sentence that denied something ("We don't add free gifts or samples to
orders."; "No receipt: we can't accept the return without proof of purchase.") now grants it,
for everyone or past a line ("If the basket total is over £50, offer a free 30 ml bottle of
ink …"; "No receipt: we now accept the return for store credit."). A KB sentence states the old
rule when it denies too and restates the OLD side (`old_sides`): most of the old sentence's
content words, one of the words only the old side has ("gift", "proof") and one of the topic
words both sides share ("order", "return"). It is not the old rule when a sentence the new
prompt keeps says the same words about another topic ("Proof of purchase is needed for a
warranty repair"), when the new prompt says it itself, or when it is about a band the change
leaves alone ("Orders of £50 or less …", a table row "Under £40"). A table row's cell under a
header restates it too ("| Over £50 | Free | None |" under "Free gift"). A swap (the new side
says another thing with the same polarity: "Refunds go back to the card you paid with." →
"Refunds are given as clinic credit.") is read the same way, stricter: two thirds of the old
sentence's words (or, of a longer one, four words only the old side has and none of its
numbers), two of them only the old side has, no negation but a contrast ("stays with the card,
not the holder"); a denial the new side adds or keeps is the class rules' business.

`impact.rank_items` marks such sentences (`old_side_conflicts`) in every item no class rule
marked, beside the class rules: an item a class rule marked is theirs, and a sentence a class
rule read and cleared (kept, another topic, a band left alone) stays clear. An item a class rule
marked but could not write, each of its marked sentences restating the old side
(`old_side_view`), gets this last resort's edit through the same checks, or keeps its flag.
The template drafter writes the new prompt
sentence in the KB's voice in their place (`old_side_edit`: tool names, code and "tell the
customer" frames out, the agent's "you" → "we", the customer → "you", the condition kept); a
denial cell gets what is granted; a sentence it cannot rewrite confidently (another claim
beside the old rule, no statement left once the prompt's internals are out) is flagged with what
the old rule was and what the new prompt says. A drafting model gets the same fact
(`old_side_fact`), and `drafters.still_conflicting` runs its edit through the same finder.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from behaviordiff.detect.facts import extract_promises
from behaviordiff.drafting.bands import side_of
from behaviordiff.drafting.carveout import QUANTITY_CLAIM, claim_action, without_claim
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.percentwords import worded_percents
from behaviordiff.drafting.rules import (
    base_form,
    case_lead,
    declarative,
    instruction_clauses,
    table_header,
    to_you,
    to_you_after,
    told_clause,
)
from behaviordiff.drafting.text import (
    ASIDE,
    FIELD_ASIDE,
    IMPERATIVE_VERBS,
    INSTRUCTION_VERBS,
    LIST_MARKER,
    TOOL_CLAUSE,
    Keep,
    Unit,
    quoted,
    rewrite_units,
    terms,
)
from behaviordiff.kb.model import KnowledgeItem

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule

OLD_SIDE_REASON = "restates the old prompt rule the change replaced"

_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nothing|without|cannot|no longer)\b|\b[a-z]+n[’']t\b", re.I
)
_NOT_ABLE = re.compile(r"\bnon-(?=[a-z]{2,30}(?:able|ible)\b)", re.I)
"""A negated adjective of what may be done ("non-refundable"): a denial in one word."""
_NEGATION_WORDS = frozenset(
    {"not", "no", "never", "none", "nothing", "without", "cannot", "longer"}
)
_DENIAL_CELL = re.compile(
    r"^(?:none|no|nil|n/a|never|not (?:included|available|offered)|[-–—])\.?$", re.I
)
_LABEL = re.compile(r"^(?P<label>[^:;,.!?|`]{1,40}):\s+(?=\S)")
_NUMBER_COMMA = r"(?<=\d),(?=\d{3}\b)"
"""A thousands separator ("£1,000"): no clause break."""
_CONDITION = re.compile(
    rf"^(?P<head>(?:if|when|whenever|once|unless)\b(?:[^,:;]|{_NUMBER_COMMA}){{1,160}}),\s+", re.I
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|can|must|may|should|does|do|did|gets?|pays?)\b",
    re.I,
)
_CODE = re.compile(r"`|\b[a-z0-9]+_[a-z0-9_]+\b")
_DONT = re.compile(r"^(?:do not|don[’']t|never)\b", re.I)
_TELL = re.compile(
    r"^(?:tell|inform|remind|let)\s+(?:the\s+\w+|them|him|her)(?:\s+know)?(?:\s+that)?\b\s*",
    re.I,
)
# what the customer is told, said with a verb of its own ("the £60 goes back to their card",
# "it costs £32")
_TOLD_CLAUSE = re.compile(
    r"^(?:(?:the|your|their|our|its)\s+(?:[$€£]?\d[\d,.]*|[a-z-]{2,30})"
    r"(?:\s+[a-z-]{2,30})?|it)\s+(?!(?:is|was|has|this|its|us|as|plus)\b)[a-z]{2,}[^s\W]s\b",
    re.I,
)
_TALK = re.compile(r"^(?:say|explain|apologi[sz]e|be|use|call|reply|respond|answer)\b", re.I)
_WE_START = re.compile(r"^(?:we|there|it|this|that)\b|^(?:we|it|that)[’'](?:re|s|ll)\b", re.I)
_AGENT = (
    (re.compile(r"\byou[’']re\b"), "we're"),
    (re.compile(r"\byou[’']ll\b"), "we'll"),
    (re.compile(r"\byourself\b"), "ourselves"),
    (re.compile(r"\byour\b"), "our"),
    (re.compile(r"\byou\b"), "we"),
)
_REGRET = re.compile(r"\b(?:sorry|unfortunately|afraid|regret|apologi[sz]e)\b", re.I)
_UNIVERSAL_TAIL = re.compile(
    r"^(?:whatever|whichever|regardless|no matter|however|whether|for (?:every|all|any|each)|"
    r"on (?:every|all|any|each)|in (?:every|all|any) case|at all|ever|even)\b",
    re.I,
)
_CLAUSE_CUT = re.compile(r", |; | [-–—] ")
_RANGE = re.compile(
    r"(?<![\d,.])(?P<low>\d[\d,]*(?:\.\d+)?)\s*(?:to|-|–|—|and)\s*[$€£]?\s?"
    r"(?P<high>\d[\d,]*(?:\.\d+)?)"
)
_AMOUNT = re.compile(r"(?:(?P<currency>[$€£]) ?)?(?<![\d,.])(?P<n>\d[\d,]*(?:\.\d+)?)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_EVERY_CASE = frozenset(
    {"whatever", "whoever", "however", "wherever", "whichever", "whenever", "every", "any", "all"}
    | {"each", "regardless", "matter", "always", "ever"}
)
# "the pass stays with the card, not the holder,": a contrast, the claim itself no denial (bounded)
CONTRAST = re.compile(
    r", not (?:the |a |an |your |our |their )?[A-Za-z-]{1,30}(?: [A-Za-z-]{1,30})?(?=[,.;!?]|$)"
)


@dataclass(frozen=True)
class OldSide:
    """A prompt sentence that denied what its new text grants."""

    rule: Rule
    old: str
    """The old sentence ("We don't add free gifts or samples to orders.")."""
    new: str
    """The new prompt's text for it: the changed sentence and the change's sentences after it
    in its section."""
    old_words: frozenset[str]
    """The content stems of the old sentence, negations out."""
    only_old: frozenset[str]
    """Stems only the old side has ("gift", "sampl"; "proof", "purchas")."""
    shared: frozenset[str]
    """The topic: stems both sides have ("add", "free", "order"; "receipt", "accept"), the
    section heading's and the condition's topic tags'."""
    head: str | None
    """A label both sides open with ("No receipt")."""
    said: str | None
    """The new text in the KB's voice, its case said ("If you have no receipt, we now accept
    the return for store credit. …"), or None when it cannot be said without the prompt's
    internals."""
    body_said: str | None
    """`said` without the label's case, for a table row the label keys."""
    granted: str | None
    """What is now granted, as a table cell says it ("A free 30 ml bottle of ink")."""
    currency: str
    """The currency the prompt writes its amounts in ("£"), or ""."""
    prompt: tuple[tuple[str, frozenset[str]], ...] = ()
    """The new prompt's other sentences with their content stems."""
    flipped: bool = True
    """The old side denied what the new side grants; otherwise the new side says another
    thing with the same polarity (a swap: "refunds go back to the card" → "… as store
    credit"), and a sentence restating the old side must say most of it."""
    case: frozenset[str] = frozenset()
    """The content stems of the case both sides open with ("If we cancel on the day because
    of rain or high wind, …"), or none: the rest of the old side is what it denied."""
    lead: frozenset[str] = frozenset()
    """The content stems of the denial the old sentence opens with, its colon's explanation
    after it ("Gift cards are non-refundable: …" → "card", "gift", "non", "refundable"), or
    none: a sentence saying all of them states the old rule however short it is."""
    still: str | None = None
    """The new prompt's sentence saying the rest stay refused, said after the new rule
    (`_rest_still_denied`), or None."""


def _stems(text: str) -> set[str]:
    text = _AUXILIARY_NOT.sub(" ", _CODE.sub(" ", text))
    return {word for word in terms(text) if not _negative_word(word)}


_AUXILIARY_NOT = re.compile(r"\b(?:do|does|did)\s+(?=not\b)", re.I)
"""The "do" of "do not refund": the negation's, no word of what is denied."""


def _negative_word(word: str) -> bool:
    return word in _NEGATION_WORDS or word.endswith(("n't", "n’t"))


def _without_asides(text: str) -> str:
    """`text` without the asides that name a tool's arguments ("(basket_id, gift "x")")."""

    def aside(found: re.Match[str]) -> str:
        said = found.group()
        if FIELD_ASIDE.fullmatch(said):
            # "(Special assistance booked: yes)": the prompt's field it reads, no words of ours
            return ""
        return "" if _CODE.search(said) or '"' in said else said

    return ASIDE.sub(aside, text)


def _strip_code(text: str) -> str:
    """`text` without the tools it names ("with `add_gift`") and their arguments, an aside
    right after a tool's name ("`add_credit` (the amount in pounds)") included."""
    return TOOL_CLAUSE.sub("", _without_asides(_CALL_ASIDE.sub(r"\g<call>", text)))


_CALL_ASIDE = re.compile(r"(?P<call>`[^`\n]{1,80}`)[ \t]*\([^()\n]{0,200}\)")


_AGREEMENT = re.compile(
    r"\byou (?P<verb>has|is|was|does|doesn[’']t|isn[’']t|wasn[’']t|hasn[’']t|"
    r"(?:get|pay|need|want|ask|book|order|make|take|buy|spend|visit|bring|return)s)\b"
)
_YOU_SUBJECT = re.compile(
    r"(?P<lead>^|\b(?i:if|when|whenever|once|unless|until|before|after|because|that|and|but|so|"
    r"however\s+[a-z]+)\s|,\s)"
    r"you (?P<verb>(?!(?:always|perhaps|sometimes|plus|as|us|this|its|yours)\b)[a-z]{2,}[^s\W]s)\b"
)
"""A "you" in a subject's place and a verb agreeing with the customer it was made from."""
_THEIRS = re.compile(r"\btheirs\b")
_SOMEONE = re.compile(r"\b(?:a|any) (?:customer|user|member|guest|client|passenger|caller)\b")
_SOMEONE_OWN = re.compile(
    r"\b(?:a|any) (?:customer|user|member|guest|client|passenger|caller)['’]s\b"
)
"""Someone's thing ("a member's gym card"): "your" gym card."""
_AGREED = {"has": "have", "is": "are", "was": "were", "does": "do"}


_FOR_HEAD = re.compile(rf"^(?P<head>(?:for|with)\b(?:[^,:;]|{_NUMBER_COMMA}){{1,160}}),\s+", re.I)
CUSTOMER_NOUNS = (
    "customer", "client", "caller", "member", "patient", "guest", "user", "learner", "student",
    "renter", "hirer", "buyer", "parent", "rider", "family", "owner", "tenant", "traveller",
    "passenger", "diner", "visitor", "shopper", "subscriber", "holder",
)  # fmt: skip
"""The nouns a prompt calls its customer by (the one list; `promptrule` says them as "you")."""
_PERSON_ONLY = (
    "traveler", "applicant", "resident", "pupil", "candidate", "booker", "seller", "borrower",
    "player", "driver",
)  # fmt: skip
"""More nouns of a person a case can be named by ("For applicants over 65"), never made "you"
outside such a case."""
_PERSON_NOUNS = "|".join(
    [
        *(f"{noun}s?" for noun in (*CUSTOMER_NOUNS, *_PERSON_ONLY) if noun != "family"),
        "families|family|people|someone|anyone",
    ]
)
_PERSON_CASE = re.compile(
    r"^(?P<lead>for|with)\s+(?P<one>(?:a|an|any|each|every|the)\s+)?"
    r"(?:(?:new|existing|returning|first-time|regular|younger|older)\s+)?"
    r"(?:" + _PERSON_NOUNS + r")\s+"
    r"(?P<how>aged|under|over|below|above|younger|older|on|in|at|from|with|without|who|whose)\b"
    r"(?P<rest>[^,:;]{1,140})$",
    re.I,
)
"""A case named by who it is for ("For a customer under 18", "For members on the Gold plan",
"For a guest with a dog", "For customers who booked online"): said to them ("If you're under
18", "If you have a dog", "If you booked online")."""


_WHO_AFTER = re.compile(r"\s+(?P<who>who|whose)\s+(?P<what>\S.*)$", re.I)


def person_case(head: str) -> str | None:
    """A head naming a kind of customer by a trait, said as a case of "you" (`_PERSON_CASE`),
    or None when it names no customer so."""
    found = _PERSON_CASE.match(" ".join(head.split()))
    if found is None:
        return None
    how, rest = found["how"].lower(), found["rest"]
    if how in ("who", "whose") and not found["one"]:
        return None  # "For riders who aren't members": what follows is said of many
    after = ""
    described = _WHO_AFTER.search(rest) if how not in ("who", "whose") else None
    if described is not None:
        # "aged 70 or over who asks for a slot": the trait, then what they do, said of "you"
        # ("if you're aged 70 or over and ask for a slot")
        rest = rest[: described.start()]
        said_after = " and you " if described["who"].lower() == "who" else " and your "
        after = said_after + described["what"]
    if how == "with":
        said = "if you have" + rest
    elif how == "without":
        said = "if you don't have" + rest
    elif how == "who":
        said = "if you" + rest
    elif how == "whose":
        said = "if your" + rest
    else:
        said = f"if you're {how}{rest}"
    said += after
    # "with a guest pass": a customer's noun naming a thing of theirs stays as it is
    said = to_you(said) if _SOMEONE.search(rest) else customer_voice(said)
    return said[:1].upper() + said[1:]


_TOLD_THAT = re.compile(r",?\s+and\s+that\s+(?=\S)", re.I)
_REPORTED_DONE = re.compile(
    r"\bwe(?:[’']ve| have)\s+(?:just\s+|already\s+|now\s+)?"
    r"(?P<verb>[a-z]{2,20}ed|sent|made|paid|told|given|taken|set|put)\b",
    re.I,
)
_IRREGULAR_PAST = {
    "sent": "send", "made": "make", "paid": "pay", "told": "tell", "given": "give",
    "taken": "take", "set": "set", "put": "put",
}  # fmt: skip
_VOWELS = "aeiou"


def _base_of_past(verb: str) -> str | None:
    """The base form of a past participle ("emailed" → "email", "booked" → "book", "arranged"
    → "arrange", "applied" → "apply", "logged" → "log", "cancelled" → "cancel"); None when the
    spelling leaves it open ("created" or "treated": "creat" takes an "e", "treat" does not)."""
    verb = verb.lower()
    if verb in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[verb]
    if verb.endswith("ied") and len(verb) > 4:
        return verb[:-3] + "y"
    stem = verb[:-2]
    if len(stem) < 3:
        return verb[:-1]  # "used" → "use"
    last, before = stem[-1], stem[-2]
    if last == before and last not in _VOWELS and (last not in "lsfz" or len(stem) >= 6):
        return stem if len(stem) <= 3 else stem[:-1]  # "logged", "cancelled"; "added"
    if (last in "vcgzu" and not stem.endswith(("ng", "ck"))) or stem.endswith("ul"):
        return stem + "e"  # "received", "placed", "charged", "issued"
    if stem.endswith("ang"):
        return stem + "e"  # "arranged", "changed"
    if last in "tsdr" and before in _VOWELS and not stem.endswith(("er", "en", "ed")):
        return None  # "created" or "treated", "closed" or "visited": left as said
    return stem


def as_our_practice(told: str) -> str:
    """What the agent tells a customer it has just done, said as what we do in such a case (a
    KB states the practice, not one conversation's report): "we've emailed you a form" → "we
    email you a form"; "…, and that we'll accept it" → "…, and we'll accept it"."""
    told = _TOLD_THAT.sub(", and ", told)

    def now(found: re.Match[str]) -> str:
        base = _base_of_past(found["verb"])
        return found.group(0) if base is None else "we " + base

    return _REPORTED_DONE.sub(now, told)


_YOU_TRAIT = re.compile(
    r"(?<!\bwith )(?<!\bto )(?<!\bfor )(?<!\bfrom )(?<!\bby )(?<!\bof )(?<!\bthan )"
    r"(?<!\babout )"
    r"\byou (?P<how>aged|under|over|on|in|at|from|with|without) "
    r"(?P<words>[\w£$€%.'’-]{1,20}(?: [\w£$€%.'’-]{1,20}){1,7})"
)
"""A customer named by a trait before their verb, made "you" ("When a customer aged 18 or over
wants …" → "When you aged 18 or over wants …"): bounded, a few words of trait. Never a
"you" after a preposition: that one is no subject ("back with you in about 10 working
days")."""
_VERB_S = re.compile(r"^[a-z]{2,20}[^s\W]s$")
_TRAIT_END = frozenset(
    [
        "a",
        "an",
        "the",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "any",
        "some",
        "their",
        "your",
        "our",
        "of",
        "or",
        "and",
        "more",
        "less",
        "than",
    ]
)


def _trait_said(found: re.Match[str]) -> str:
    """ "you aged 18 or over wants" → "you're aged 18 or over and want"; "you with a dog books"
    → "you have a dog and book"; "you with two bags brings" → "you have two bags and bring"
    (the verb: the first word in "-s" after a word that ends a trait). Left as it is when no
    verb follows."""
    words = found["words"].split(" ")
    for at in range(1, len(words)):
        if _VERB_S.match(words[at]) and words[at - 1].lower() not in _TRAIT_END:
            break
    else:
        return found.group(0)
    trait, verb = " ".join(words[:at]), base_form(words[at])
    rest = " ".join(words[at + 1 :])
    rest = f" {rest}" if rest else ""
    how = found["how"]
    if how == "with":
        return f"you have {trait} and {verb}{rest}"
    if how == "without":
        return f"you don't have {trait} and {verb}{rest}"
    return f"you're {how} {trait} and {verb}{rest}"


def customer_voice(text: str) -> str:
    """`rules.to_you`, its verbs agreeing with "you" ("the member has" → "you have")."""

    def agree(found: re.Match[str]) -> str:
        verb = found.group("verb")
        for was, now in (("doesn", "don"), ("isn", "aren"), ("wasn", "weren"), ("hasn", "haven")):
            if verb.startswith(was):
                return "you " + now + verb[len(was) :]
        return "you " + _AGREED.get(verb, verb[:-1])

    text = _SOMEONE_OWN.sub("your", _THEIRS.sub("yours", to_you(text)))
    text = _SOMEONE.sub("you", text)
    text = _YOU_TRAIT.sub(_trait_said, text)
    text = _AGREEMENT.sub(agree, text)
    # "if the client cancels" → "if you cancel": the verb of a "you" made from a customer
    return _YOU_SUBJECT.sub(lambda m: m.group("lead") + "you " + base_form(m.group("verb")), text)


def _to_company(clause: str) -> str:
    """An instruction to the agent said by the company: the agent's "you" is "we"."""
    for pattern, replacement in _AGENT:
        clause = pattern.sub(replacement, clause)
    return clause


def _sentence(text: str) -> str:
    """`text` as a sentence: capitalised, with its end mark."""
    text = text.strip().rstrip(" ,;:")
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _statement(body: str, before: str = "") -> tuple[list[str], str | None]:
    """The clauses of a prompt rule's body in the KB's voice, and the object of its first
    instruction ("offer a free towel" → "a free towel"). `before`: what the rule's earlier
    sentences said, in the KB's voice."""
    said: list[str] = []
    granted: str | None = None
    previous: str | None = None  # the statement before, whose things a "they" may be
    told_before = False  # the clause before said what the customer is told
    parts = [part for part in re.split(r":\s+", body) if part.strip()]
    for part in parts:
        for clause in instruction_clauses(part):
            clause = re.sub(r"^(?:and|then)\s+", "", clause.strip(), flags=re.I)
            called = "`" in clause
            clause = _strip_code(clause)
            if not clause or _CODE.search(clause) or _DONT.match(clause):
                continue
            if called and said and _HOW.match(clause):
                # how the agent does what was said ("add it with `add_gift` before …"); an
                # action of its own ("refund the £60 deposit with `refund_deposit`") is said
                continue
            if called and (said or before) and _restates_shares(clause, [before, *said]):
                # the call's amount the statement already gave in the KB's words ("we give
                # half the fee back" before "add 50% of the fee with `add_credit`"): said once
                continue
            tell = _TELL.match(clause)
            if tell is None and told_before and re.match(r"that\s+\S", clause, re.I):
                # "tell them A, and that B": B is told too
                tell = re.match(r"that\s+", clause, re.I)
            told_before = tell is not None
            if tell is not None:
                rest = as_our_practice(_news(clause[tell.end() :].strip(), said))
                if rest.startswith("to "):
                    # "tell them to bring it back": a request to the customer
                    said.append(customer_voice("please " + rest[3:]))
                elif (
                    (rest and _FINITE.search(rest))
                    or re.search(r"[’'](?:s|ve|ll|re|d)\b", rest)
                    or re.match(r"we\s+[a-z]{2,}\s", rest)
                    or _TOLD_CLAUSE.match(rest)
                ):
                    said.append(customer_voice(rest))
                continue
            if _TALK.match(clause):
                continue
            fronted = _FRONTED.match(clause)
            if (
                fronted is not None
                and not _FINITE.search(fronted.group("lead"))
                and _FINITE.search(fronted.group("rest"))
                and declarative(fronted.group("rest"))
            ):
                # "Closer to the event than that, badges can't be moved": a statement after
                # the phrase that says when it holds
                said.append(customer_voice(clause))
                previous = clause
                continue
            if _WE_START.match(clause) or declarative(clause) or _set_off_subject(clause):
                said.append(to_you_after(previous, _to_company(clause), customer_voice))
                previous = clause
                continue
            rest = clause.partition(" ")[2]
            if granted is None and not said and _stems(rest):
                granted = customer_voice(
                    _to_company(re.sub(r"^(?:them|the customer)\s+", "", rest))
                )
            said.append("we " + customer_voice(_to_company(clause[:1].lower() + clause[1:])))
    # "we offer a free towel, we add it …" → "we offer a free towel and add it …"
    merged: list[str] = []
    for clause in said:
        if merged and clause.startswith("we ") and merged[-1].startswith("we "):
            merged[-1] = f"{merged[-1]} and {clause[3:]}"
        else:
            merged.append(clause)
    return merged, granted


_GRANTED_AFTER = re.compile(
    r",\s+but\s+we\s+(?!(?:do|does|don\S*|can\S*|cannot|will|won\S*|may|must|should|would|"
    r"could|are|is|have|has|had|only)\b)[a-z]+\s+(?P<what>[^,;:.]{3,120})$",
    re.I,
)
"""What a denial granted after all, after its contrast ("…, but we give half the price back as
credit" → "half the price back as credit")."""


def _shares(text: str) -> set[str]:
    """The percentages `text` states, in figures or words ("50%", "half the price")."""
    return {p.value for p in extract_promises(text) | worded_percents(text) if p.kind == "percent"}


def _restates_shares(clause: str, said: Sequence[str]) -> bool:
    """`clause` states a share and only shares the statement so far already states."""
    shares = _shares(clause)
    return bool(shares) and shares <= _shares(" ".join(said))


_FRONTED = re.compile(rf"^(?P<lead>(?:[^,;:]|{_NUMBER_COMMA}){{3,80}}),\s+(?P<rest>\S.*)$")
_SET_OFF_SUBJECT = re.compile(
    r"^(?P<first>[A-Za-z][\w’'-]{0,30})(?:\s[\w’'-]{1,30}){0,3},\s[^,;:]{1,120},\s"
    r"(?:is|are|was|were|will|can|cannot|can[’']t|won[’']t|must|may|has|have|gets?)\b",
    re.I,
)


def _set_off_subject(clause: str) -> bool:
    """A statement whose subject a phrase sets off before its verb ("Late returns, with no
    receipt, are refunded as credit"): no instruction, whatever its first word."""
    found = _SET_OFF_SUBJECT.match(clause)
    return found is not None and found["first"].lower() not in IMPERATIVE_VERBS


_TOLD_TOO = re.compile(r"\s+and\s+that\s+", re.I)
_DONE_REPORT = re.compile(
    r"^(?:it|this|that)(?:[’']s| is| has)\s+(?:been\s+)?(?:all\s+)?(?:done|[a-z]{3,}ed)$", re.I
)


def _news(told: str, said: Sequence[str]) -> str:
    """What the customer is told that the statement so far does not say: a report that the
    action is done ("it's done") and a repeat of a value said ("the fee is £5" after "for a £5
    fee") go once something is said."""
    if not said:
        return told
    before = _stems(" ".join(said))
    kept = [
        piece
        for piece in _TOLD_TOO.split(told)
        if not _DONE_REPORT.match(piece.strip().rstrip(".")) and not _stems(piece) <= before
    ]
    return " and that ".join(kept)


def _joined(clauses: Sequence[str]) -> str:
    if len(clauses) <= 1:
        return "".join(clauses)
    return ", ".join(clauses[:-1]) + ", and " + clauses[-1]


_HOW = re.compile(r"^\w+\s+(?:it|them|this|that|one|so)\b|^\w+$", re.I)
"""An instruction whose object is what was just said ("add it …", "book them …")."""


def kb_voice(sentence: str, before: str = "") -> tuple[str | None, str, str | None] | None:
    """(the case, what holds, what is granted) of a prompt sentence in the KB's voice: "If the
    basket total is over £50, offer a free bottle of ink: add it with `add_gift` (id) before
    you place the order, and tell the customer it's on us." → ("If the basket total is over
    £50", "we offer a free bottle of ink, and it's on us", "a free bottle of ink": the call
    after the grant is how the agent does it); a label ("No receipt: we now …") is the case
    ("If you have no receipt"). None when nothing is left to say once the prompt's internals
    are out."""
    text = _without_asides(" ".join(sentence.split())).strip().rstrip(".!")
    head: str | None = None
    condition = _CONDITION.match(text)
    label = _LABEL.match(text)
    person = _FOR_HEAD.match(text)
    said_as = person_case(person["head"]) if person is not None else None
    if said_as is not None and person is not None:
        # "For a customer under 18, …": "If you're under 18, …"
        head = said_as
        text = text[person.end() :]
    elif condition is not None:
        head = customer_voice(_to_company(condition.group("head")))
        text = text[condition.end() :]
    elif (
        label is not None
        and not _FINITE.search(label.group("label"))
        and label.group("label").split(" ", 1)[0].lower() not in INSTRUCTION_VERBS
        and _TELL.match(label.group("label")) is None
    ):
        # "Take cake orders by phone only: …" is an instruction, no case; so is "Tell the
        # member it works now: …", what they are told
        named = label.group("label").strip()
        if re.match(r"^no\s+\w", named, re.I):
            head = "If you have " + named[:1].lower() + named[1:]
        else:
            head = case_lead(named[:1].lower() + named[1:])
        text = text[label.end() :]
    clauses, granted = _statement(text, before)
    if not clauses:
        return None
    return head, _joined(clauses), granted


def _shared_head(old: str, new: str) -> str | None:
    old_label, new_label = _LABEL.match(old), _LABEL.match(new)
    if old_label is None or new_label is None:
        return None
    label = old_label.group("label").strip()
    return label if label.lower() == new_label.group("label").strip().lower() else None


def _shared_case(old: str, new: str) -> str | None:
    """The conditional clause both sides open with, word for word ("If we cancel on the day
    because of rain or high wind"), or None."""
    old_case, new_case = _CONDITION.match(old), _CONDITION.match(new)
    if old_case is None or new_case is None:
        return None
    head = old_case.group("head")
    return head if head.lower() == new_case.group("head").lower() else None


def _after_head(text: str, head: str | None) -> str:
    if head is None:
        return text
    label = _LABEL.match(text)
    return text[label.end() :] if label is not None else text


def _new_text(facts: ChangeFacts, rule: Rule) -> list[str]:
    """The rule's new sentence and the change's sentences right after it in its section."""
    if rule.new is None:
        return []
    section = facts.prompt_sections.get(rule.section or "", [])
    changed = {
        " ".join(piece.split())
        for other in facts.rules
        if other.new and other.kind in ("sentence_added", "sentence_changed")
        for piece in [other.new, *_SENTENCE_END.split(other.new)]
    }
    new = " ".join(rule.new.split())
    found = [new]
    start = next((i for i, s in enumerate(section) if " ".join(s.split()) == new), None)
    if start is None:
        return found
    for sentence in section[start + 1 :]:
        flat = " ".join(sentence.split())
        if flat not in changed:
            break
        found.append(flat)
    return found


def _currency(facts: ChangeFacts) -> str:
    for rule in facts.rules:
        for text in (rule.old or "", rule.new or ""):
            found = re.search(r"[$€£]", text)
            if found:
                return found.group()
    return ""


def _changed(rules: Sequence[Rule]) -> list[Rule]:
    """The changed sentences of `rules`, a removed sentence paired with the added one of its
    section that shares the most content words with it (the diff may not pair them)."""
    found = [rule for rule in rules if rule.kind == "sentence_changed" and rule.old and rule.new]
    added = [rule for rule in rules if rule.kind == "sentence_added" and rule.new]
    for rule in rules:
        if rule.kind != "sentence_removed" or not rule.old:
            continue
        words = _stems(rule.old)
        shared = [
            (len(words & _stems(other.new or "")), index)
            for index, other in enumerate(added)
            if other.section == rule.section
        ]
        best = max(shared, default=(0, -1))
        if best[0]:
            found.append(replace(rule, kind="sentence_changed", new=added[best[1]].new))
    return found


def old_sides(facts: ChangeFacts) -> list[OldSide]:
    """The change's prompt sentences that denied what their new text grants."""
    found: list[OldSide] = []
    for rule in _changed(facts.rules):
        if not rule.old or not rule.new:
            continue
        old, new = " ".join(rule.old.split()), " ".join(rule.new.split())
        head = _shared_head(old, new)
        old_body, new_body = _after_head(old, head), _after_head(new, head)
        denied = len(_NEGATION.findall(old_body))
        flipped = denied > len(_NEGATION.findall(_strip_code(new_body))) or bool(
            _lifted_words(old_body, _strip_code(new_body))
        )
        if not flipped and (denied or _NEGATION.search(_strip_code(new_body))):
            # a denial added, or kept in other words: the class rules' (withdrawn offers,
            # refusals), never read from the words alone
            continue
        old_words = frozenset(_stems(old))
        new_words = _stems(_strip_code(new))
        only_old = old_words - new_words
        # the topic: what both sides say, the section's heading, the condition's topic tags
        topic = _stems(rule.section or "") | {
            word for name in facts.tag_topics.values() for word in _stems(name)
        }
        shared = (old_words & new_words) | (topic - only_old)
        if not old_words & new_words or (not flipped and len(only_old) < 2):
            continue
        case = _shared_case(old, new)
        opening = _lead_denial(old) if flipped and head is None else frozenset()
        if not (opening & only_old and opening & shared):
            opening = frozenset()
        sentences = _new_text(facts, rule) or [new]
        voiced: list[tuple[str | None, str, str | None] | None] = []
        for piece in (p for sentence in sentences for p in _SENTENCE_END.split(sentence)):
            voiced.append(kb_voice(piece, " ".join(v[1] for v in voiced if v is not None)))
        said = body_said = granted = still = None
        first = voiced[0]
        if first is not None:
            first_head, first_said, granted = first
            if granted is None and (contrast := _GRANTED_AFTER.search(first_said)) is not None:
                # "…, are not refunded, but we give half the price back as credit"
                granted = contrast["what"]
            rest = []
            for more in voiced[1:]:
                if more is None:
                    break
                more_head, more_said, _ = more
                rest.append(_sentence(f"{more_head}, {more_said}" if more_head else more_said))
            body_said = " ".join([_sentence(first_said), *rest])
            lead = f"{first_head}, {first_said}" if first_head else first_said
            said = " ".join([_sentence(lead), *rest])
            still = _rest_still_denied(facts, rule, old_words, new_words, said) if flipped else None
            if still is not None:
                said = f"{said} {still}"
            if granted is not None:
                granted = _sentence(granted).rstrip(".")
        found.append(
            OldSide(
                rule,
                old,
                " ".join(sentences),
                old_words,
                frozenset(only_old),
                frozenset(shared),
                head,
                said,
                body_said,
                granted,
                _currency(facts),
                _prompt_stems(facts, new),
                flipped,
                frozenset(_stems(case)) if flipped and case else frozenset(),
                opening,
                still,
            )
        )
    return found


_NEGATED = re.compile(
    r"(?:\b(?:not|no|never|none|nothing|without|cannot|no longer)\b|\b[a-z]+n[’']t\b)"
    r"(?P<what>(?:[ \t]+[A-Za-z’'-]{1,30}){1,3})",
    re.I,
)
"""A negation and the up to three words after it in its clause ("no credit", "can't offer
any credit")."""


def _negated_stems(text: str) -> set[str]:
    return {word for found in _NEGATED.finditer(text[:4000]) for word in _stems(found["what"])}


def _lifted_words(old: str, new: str) -> set[str]:
    """The stems the old side denies ("no credit") and the new side grants, said outside any
    negation of its own ("not refunded, but we give half back as credit"): a denial lifted
    though the new side denies another thing in its place."""
    negated_new = _negated_stems(new)
    granted = _stems(_NEGATED.sub(" ", new[:4000])) - negated_new
    return (_negated_stems(old) - negated_new) & granted


_OTHER = re.compile(r"\b(?:other|else)\b", re.I)


def _one_category(facts: ChangeFacts) -> bool:
    """Whether the change's condition picks values of a categorical variable ("pet_type =
    cat"): the rest of that variable's values keep the old handling."""
    atoms = facts.conditions[0].atoms if facts.conditions else ()
    return any(atom.op in ("=", "in") for atom in atoms)


def _rest_still_denied(
    facts: ChangeFacts, rule: Rule, old_words: frozenset[str], new_words: set[str], said: str
) -> str | None:
    """The new prompt's sentence saying the others stay refused ("We can't accept dogs or any
    other pets."), when a denial is lifted for some values of a categorical variable: said
    beside the new rule, so the KB claims no more than the prompt. Only a sentence of the same
    section, already in the KB's voice, naming the old denial's topic; None when there is none."""
    if not _one_category(facts):
        return None
    topic = old_words & new_words
    said_flat = " ".join(said.split()).lower()
    for sentence in facts.prompt_sections.get(rule.section or "", []):
        flat = " ".join(sentence.split())
        if (
            flat.lower().rstrip(".!") in said_flat
            or not _OTHER.search(flat)
            or _NEGATION.search(flat) is None
            or not _stems(flat) & topic
        ):
            continue
        voiced = kb_voice(flat)
        if voiced is None or voiced[0] is not None or voiced[2] is not None:
            continue
        if voiced[1].lower() != flat.rstrip(".!").lower():
            continue  # not in the KB's voice as the prompt says it: no confident rewrite
        return _sentence(voiced[1])
    return None


def _lead_denial(old: str) -> frozenset[str]:
    """The content stems of the claim `old` opens with before a colon, when that claim is a
    denial of its own (a verb and a negation: "Badges are non-transferable: a badge can't be
    …"), or none."""
    claim, colon, rest = old.partition(": ")
    if not colon or not rest.strip() or not _FINITE.search(claim):
        return frozenset()
    if _NEGATION.search(claim) is None and _NOT_ABLE.search(claim) is None:
        return frozenset()
    words = frozenset(_stems(claim))
    return words if len(words) >= 2 else frozenset()


def _denial(text: str) -> re.Match[str] | None:
    """The first negation of `text`, a negated "-able" adjective included."""
    found = [m for m in (_NEGATION.search(text), _NOT_ABLE.search(text)) if m is not None]
    return min(found, key=lambda m: m.start(), default=None)


def _prompt_stems(facts: ChangeFacts, own: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The new prompt's sentences but `own` (the changed one), with their content stems."""
    flats = (
        " ".join(sentence.split())
        for sentences in facts.prompt_sections.values()
        for sentence in sentences
    )
    return tuple((flat, frozenset(_stems(flat))) for flat in dict.fromkeys(flats) if flat != own)


def _denies(side: OldSide, text: str, need: int) -> bool:
    """Whether `text` says what the old side said: for a lifted denial, a negation, then
    words of the old side only it has and words both sides share, `need` of the old side's
    words in all; for a swap, no negation, two of the words only the old side has and one
    both share, `need` in all."""
    negation = _NEGATION.search(text)
    if not side.flipped:
        said = _stems(text)
        old = said & side.old_words
        # most of the old sentence; or, of a longer one, its distinctive claim: four words
        # only the old side has (no number, no every-case word: values are the class rules'),
        # a third of the sentence's own words the old side's, none of its numbers
        distinct = {
            word
            for word in said & side.only_old
            if not any(ch.isdigit() for ch in word) and word not in _EVERY_CASE
        }
        numbers = {word for word in old if any(ch.isdigit() for ch in word)}
        enough = len(old) >= need or (
            len(distinct) >= 4 and 3 * len(old) >= len(said) and not numbers
        )
        return (
            _NEGATION.search(CONTRAST.sub("", text)) is None
            and enough
            and len(said & side.only_old) >= 2
            and bool(said & side.shared)
        )
    negation = _denial(text)
    if negation is None:
        return False
    said = _stems(text)
    after = _stems(text[negation.start() :])
    if side.lead and side.lead <= said and after & side.lead:
        # the old sentence's opening denial said whole, however short ("- Gift cards are
        # non-refundable.")
        return True
    if side.case:
        # the case in the KB's own words ("a booking that's cancelled for the weather"): what
        # was denied said after the negation, the case or the topic twice
        denied = side.old_words - side.case
        if after & denied and said & side.case and len(said & (side.shared - denied)) >= 2:
            return True
    return (
        len(said & side.old_words) >= need
        and (bool(said & side.only_old) or not side.only_old)
        and bool(said & side.shared)
        and bool(after & side.old_words)
    )


def _needed(side: OldSide) -> int:
    """How many of the old side's words a sentence restating it says: half of them with one
    only the old side has; all but one when the sides differ by their negation alone."""
    if not side.flipped:
        return max(3, math.ceil(2 * len(side.old_words) / 3))
    if not side.only_old:
        return max(2, len(side.old_words) - 1)
    return max(2, math.ceil(len(side.old_words) / 2))


def _kept_elsewhere(facts: ChangeFacts, side: OldSide, text: str) -> bool:
    """Whether a sentence the new prompt says (outside the change's own) says `text`'s words
    of the old side about another topic, or says it at least as fully as the old side: a
    KB sentence restating it is true still."""
    said = _stems(text)
    only = said & side.only_old
    denied = side.old_words - side.case
    for flat, kept in side.prompt:
        shared = said & kept
        if not shared or (side.case and not shared & denied):
            # what a case's denial is about: a sentence that says the case with another
            # handling ("move it to another date when we cancelled for the weather") keeps none
            continue
        if len(shared) > len(said & side.old_words):
            return True
        if only and only <= kept and shared - side.old_words:
            return True
        if flat in side.new and len(shared) >= len(said & side.old_words):
            return True
    return False


def _line(facts: ChangeFacts) -> tuple[str, float] | None:
    condition = facts.condition
    atoms = [atom for atom in (condition.atoms if condition else ()) if atom.op != "tag"]
    for atom in atoms:
        value = atom.value
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if atom.op in (">", ">=", "<", "<=") and numeric:
            return atom.op, float(value)  # type: ignore[arg-type]
    return None


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _outside_band(facts: ChangeFacts, side: OldSide, text: str) -> bool | None:
    """Whether `text` is about amounts the change's line leaves alone (True), about the
    change's side of it (False), or says an amount whose side no word says (None)."""
    line = _line(facts)
    if line is None:
        return False
    op, value = line
    above = op in (">", ">=")
    amounts = [
        found
        for found in _AMOUNT.finditer(text)
        if not side.currency or found.group("currency") == side.currency
    ]
    if not amounts:
        return False
    for found in _RANGE.finditer(text):
        low, high = _number(found.group("low")), _number(found.group("high"))
        if above:
            return high < value or (high == value and op == ">")
        return low > value or (low == value and op == "<")
    verdicts = []
    for found in amounts:
        n = _number(found.group("n"))
        side_said = side_of(text, found)
        if side_said is None:
            return None
        if above:
            verdicts.append(side_said < 0 and n <= value)
        else:
            verdicts.append(side_said > 0 and n >= value)
    return all(verdicts)


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _row_marks(facts: ChangeFacts, side: OldSide, units: Sequence[Unit], index: int) -> list[int]:
    """The cells of a table row restating the old side: a denial cell under a header naming
    what it denied, or a cell denying it in a sentence."""
    row = units[index].text
    header = table_header([unit.raw for unit in units], index)
    if header is None or re.fullmatch(r"[\s|:-]+", row):
        return []
    heads, cells = _cells(header), _cells(row)
    if len(heads) != len(cells):
        return []
    if _outside_band(facts, side, cells[0]) is not False:
        return []
    marked = []
    for at, cell in enumerate(cells[1:], start=1):
        if _DENIAL_CELL.match(cell) and side.flipped:
            named = _stems(heads[at])
            if len(named & side.old_words) >= 2 and (
                named & side.only_old or named <= side.old_words
            ):
                marked.append(at)
        elif _denies(side, _keyed(cells[0], cell), _needed(side)) and not _kept_elsewhere(
            facts, side, cell
        ):
            marked.append(at)
    return marked


def _keyed(key: str, cell: str) -> str:
    """A cell read with the case its row is keyed by ("Cancelled with less than 24 hours'
    notice: Charged in full, no credit"), when the key denies nothing itself."""
    return cell if _denial(key) is not None else f"{key.strip()}: {cell.strip()}"


def restates_old_side(facts: ChangeFacts, side: OldSide, units: Sequence[Unit], index: int) -> bool:
    """Whether unit `index` states the old rule of `side` (see the module's docstring)."""
    text = units[index].text
    if text.lstrip().startswith("#"):
        return False
    if text.lstrip().startswith("|"):
        return bool(_row_marks(facts, side, units, index))
    if _denying_aside(facts, side, text) is not None:
        return True
    if _quantity_claims(side, text):
        # both claim every count or amount: the claim's words are no topic, the rest decides
        # ("download your certificate as many times as you like, free of charge" is not
        # "resit the test as many times as they like, free of charge")
        return (
            _claims_old_quantity(side, text)
            and not _kept_elsewhere(facts, side, text)
            and _outside_band(facts, side, text) is False
        )
    return (
        (_denies(side, text, _needed(side)) or _tells_old(side, text))
        and not _kept_elsewhere(facts, side, text)
        and _outside_band(facts, side, text) is False
    )


def _tells_old(side: OldSide, text: str) -> bool:
    """Whether `text` tells the customer what a swapped old rule had the agent tell them: the
    old sentence ends in a told clause ("…, and tell the customer our warranty team will phone
    them within 1 working day to arrange a free diagnosis"), and `text` says all its words but
    one at most, one of them a word the new side never says ("phone") and with no negation.
    The old sentence's own words of the agent's work (its tool, what to pass it, "tell the
    customer") are no words a KB sentence says, so `_denies` would ask for too many."""
    if side.flipped:
        return False
    told = told_clause(side.old)
    if told is None:
        return False
    wanted = _stems(told)
    said = _stems(text)
    gone = wanted - _stems(_strip_code(side.new))
    return (
        len(wanted) >= _TOLD_WORDS
        and len(wanted - said) <= 1
        and bool(gone & said)
        and _NEGATION.search(CONTRAST.sub("", text)) is None
    )


_TOLD_WORDS = 6
"""The fewest words a told clause has for a KB sentence saying them to restate it."""


_CLAIM_SHARED = 2
"""Words of the old rule's action (`carveout.claim_action`) a sentence claiming every count or
amount says beside its claim (all of them when fewer)."""


def _quantity_claims(side: OldSide, text: str) -> bool:
    """Whether a swapped old rule and a sentence both claim one rule for every count or
    amount (`QUANTITY_CLAIM`)."""
    return (
        not side.flipped
        and len(text) <= _CLAIM_MAX
        and QUANTITY_CLAIM.search(side.old) is not None
        and QUANTITY_CLAIM.search(text) is not None
    )


def _claims_old_quantity(side: OldSide, text: str) -> bool:
    """Whether a sentence makes the swapped old rule's own claim over every count or amount
    ("as often as you need to" for "as many times as they like"), the old rule's claim too,
    saying `_CLAIM_SHARED` of the words of the old rule's action outside its claim ("switch
    your lesson to a new date …, and we'll never charge you" for "change the date of their
    lesson …, free of charge"): the old rule, said in other words."""
    if side.flipped or len(text) > _CLAIM_MAX:
        return False
    old_claim = QUANTITY_CLAIM.search(side.old)
    claim = QUANTITY_CLAIM.search(text)
    if old_claim is None or claim is None:
        return False
    # the old sentence's action alone (its verb and object: "change the date of their
    # lesson"), never its subject nor its value ("free of charge"): another action on the same
    # thing ("download your lesson certificate as many times as you like, free of charge")
    # is another rule
    said = claim_action(side.old, old_claim)
    action = _stems(said) - _stems(old_claim.group(0))
    if not action:
        return False
    outside = _stems(text[: claim.start()] + " " + text[claim.end() :])
    if len(outside & action) >= min(_CLAIM_SHARED, len(action)):
        return True
    # its own verb alone ("You can resit as many times as you like" for "resit the test"),
    # or a verb done to the old action's thing and nothing else ("You can move your lesson as
    # many times as you like" for "change the date of their lesson"; never "download your
    # lesson certificate"): the rule a kept prompt sentence says is left by the caller
    own_said = claim_action(text, claim)
    own = _stems(own_said) - _stems(claim.group(0))
    verb = next(iter(terms(own_said)), None)
    if verb is None or not own <= action | {verb}:
        return False
    return verb in action or bool(own - {verb})


_CLAIM_MAX = 2000


def _denying_aside(facts: ChangeFacts, side: OldSide, text: str) -> re.Match[str] | None:
    """The first of `_denying_asides`, or None when the unit has none."""
    return next(iter(_denying_asides(facts, side, text)), None)


def _denying_asides(facts: ChangeFacts, side: OldSide, text: str) -> list[re.Match[str]]:
    """The bracketed asides that are nothing but the old rule's denial ("(no receipt, no
    return)": a negation and two words or more, every one of them the old side's, one of the
    topic both sides share), where the change lifts it below a line on an amount and the
    aside names none: each says the denial for everyone, which the new prompt keeps only past
    the line."""
    if not side.flipped or _line(facts) is None:
        return []
    found = []
    for aside in ASIDE.finditer(text[:4000]):
        inner = aside.group().strip(" ()")
        words = _stems(inner)
        if (
            len(words) >= 2
            and words <= side.old_words
            and words & side.shared
            and _denial(inner) is not None
            and _AMOUNT.search(inner) is None
        ):
            found.append(aside)
    return found


_MARKER_ONLY = re.compile(rf"[ \t]*(?:{LIST_MARKER})?[ \t]*")
"""What may stand before an aside on its line with nothing said yet: spaces, a list marker."""


def _cut_asides(raw: str, asides: Sequence[re.Match[str]]) -> str:
    """`raw` without `asides` (matches in it): no space left where one opened a line or a
    list item, and "" (the unit goes) when nothing but a list marker is left."""
    kept = raw
    for aside in reversed(asides):
        before, after = kept[: aside.start()], kept[aside.end() :]
        head = before[before.rfind("\n") + 1 :]
        if _MARKER_ONLY.fullmatch(head):
            after = after.lstrip(" \t")
            if head.strip() and after[:1] not in ("", "\n"):
                after = " " + after  # the marker's space, taken with the aside's
        kept = before + after
    return "" if _MARKER_ONLY.fullmatch(kept.strip()) else kept


def old_side_conflicts(
    facts: ChangeFacts, item_units: Sequence[Unit], found: list[Any], make: Callable[..., Any]
) -> list[Any]:
    """`found` with the units stating the old side of a lifted denial marked
    (`OLD_SIDE_REASON`)."""
    sides = old_sides(facts)
    if not sides:
        return found
    result = list(found)
    taken = {conflict.unit_index for conflict in result}
    for index, unit in enumerate(item_units):
        if index in taken:
            continue
        if any(restates_old_side(facts, side, item_units, index) for side in sides):
            result.append(make(index, unit.text, (OLD_SIDE_REASON,)))
    result.sort(key=lambda conflict: conflict.unit_index)
    return result


def only_old_side(impact: ImpactView) -> bool:
    """Whether the item was found by this last resort alone."""
    return bool(impact.conflicts) and all(
        tuple(conflict.reasons) == (OLD_SIDE_REASON,) for conflict in impact.conflicts
    )


@dataclass(frozen=True)
class _Mark:
    sentence: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Marked:
    item: KnowledgeItem
    conflicts: tuple[_Mark, ...]
    units: tuple[Unit, ...]


def old_side_view(facts: ChangeFacts, impact: ImpactView) -> ImpactView | None:
    """The item as this last resort marks it, when a class rule marked it and every sentence
    it marked restates the old side of a changed prompt sentence (`restates_old_side`): the
    writer of last resort for an item the class rules found but could not write. None for an
    item this last resort found alone, or one with a marked sentence it does not read."""
    if not impact.conflicts or only_old_side(impact):
        return None
    sides = old_sides(facts)
    if not sides:
        return None
    item_units = tuple(impact.units)
    marked = {conflict.sentence for conflict in impact.conflicts}
    found: dict[str, _Mark] = {}
    for index, unit in enumerate(item_units):
        if unit.text not in marked or unit.text in found:
            continue
        if not any(restates_old_side(facts, side, item_units, index) for side in sides):
            return None
        found[unit.text] = _Mark(unit.text, (OLD_SIDE_REASON,))
    if set(found) != marked:
        return None
    return _Marked(impact.item, tuple(found.values()), item_units)


_ASIDE_LEAD = re.compile(r"\b(?:know|note|reminder|remember)\b", re.I)


def _neutral_lead(side: OldSide, lead: str) -> bool:
    """Whether the words before a denial's clause are an aside with no claim of its own ("Just
    so you know, "), kept before the new rule; an apology ("I'm sorry, but ") is not."""
    if not lead or _REGRET.search(lead) or _stems(lead) & side.old_words:
        return False
    return len(lead.split()) <= 6 and _ASIDE_LEAD.search(lead) is not None


def _prose(side: OldSide, raw: str) -> str | None:
    """The sentence `raw` with the new rule said in its place: a short lead-in kept ("Just so
    you know, "), an apology not; None when it says something beside the denial."""
    text = " ".join(raw.split())
    if side.said is None:
        return None
    if not side.flipped:
        # a swap: only a sentence that says nothing but the old rule, or one whose last
        # clause alone says it ("I've ordered a new card for {{member}}, which is posted to
        # your home address today"): the clause goes, the new rule follows what the sentence did
        cuts = list(_CLAUSE_CUT.finditer(text))
        if not cuts:
            return side.said
        if QUANTITY_CLAIM.search(side.old):
            # the old rule a claim over every count or amount ("as many times as they like,
            # free of charge") the new one splits: the claim and its value go, what else the
            # sentence says stays ("provided you give us 48 hours' notice"), the new rule after
            left = without_claim(text, side.old_words, _stems, side.old)
            if left is not None:
                return f"{left} {side.said}" if left else side.said
        return _swapped_tail(side, text, cuts[-1]) or _told_tail(side, text, cuts)
    negation = _denial(text)
    if negation is None:
        return None
    cuts = [found for found in _CLAUSE_CUT.finditer(text)]
    start = max((cut.end() for cut in cuts if cut.end() <= negation.start()), default=0)
    lead = text[:start]
    tail_cut = next((cut for cut in cuts if cut.start() > negation.start()), None)
    instead = ""
    if tail_cut is not None:
        tail = text[tail_cut.end() :].rstrip(".!? ")
        close = text.rstrip()[-1:] if text.rstrip()[-1:] in ("!", "?") else "."
        offered = _offered_instead(side, tail)
        if offered is not None:
            instead = f" If you'd prefer, {offered}."
        elif _universal_tail(side, tail) or _denied_again(tail):
            pass  # the old rule again: it goes with it
        elif _kept_consequence(side, tail):
            # "…, so please keep it somewhere safe": it follows the denial the new text
            # still ends on, as it followed the old one
            instead = f", {tail}{close}"  # the tail's own mark: a question stays one
        else:
            return None
    if not _neutral_lead(side, lead):
        lead = ""
    said = (side.said.rstrip(".!") if instead.startswith(",") else side.said) + instead
    if lead:
        said = lead + said[:1].lower() + said[1:] if not said.startswith("I ") else lead + said
    return said


_TAIL_LEAD = re.compile(r"^(?:which|and (?:it|they|this)|so (?:it|they))\b", re.I)
"""A last clause going on about what the sentence did ("…, which is posted to you today")."""


def _swapped_tail(side: OldSide, text: str, cut: re.Match[str]) -> str | None:
    """`text` without its last clause, the new rule after it, when that clause alone says the
    old side (two of the words only the old side has, the clause going on about the thing the
    sentence did) and what comes before it says one at most, fewer; None otherwise."""
    if side.said is None:
        return None
    lead, tail = text[: cut.start()], text[cut.end() :]
    if _TAIL_LEAD.match(tail) is None or _CLAUSE_CUT.search(lead):
        return None
    in_lead, in_tail = len(_stems(lead) & side.only_old), len(_stems(tail) & side.only_old)
    if in_tail < 2 or in_lead > 1 or in_lead >= in_tail:
        return None
    close = text.rstrip()[-1:] if text.rstrip()[-1:] in ".!" else "."
    return f"{lead.rstrip()}{close} {side.said}"


_SO = re.compile(r"^so\s+", re.I)


def _told_tail(side: OldSide, text: str, cuts: Sequence[re.Match[str]]) -> str | None:
    """`text` with its last clause, which tells the customer the old rule's told clause
    (`_tells_old`), in the new side's words ("It's still under our 6-month warranty, so our
    warranty team will phone you …" → "It's still under our 6-month warranty, so we send our
    online warranty claim form, …"): the lead before it kept when it says none of the words
    the new side no longer says and no other clause; None otherwise."""
    told = told_clause(side.old)
    if told is None or side.body_said is None or not cuts:
        return None
    cut = cuts[-1]
    lead, tail = text[: cut.start()], text[cut.end() :]
    gone = _stems(told) - _stems(_strip_code(side.new))
    if not _tells_old(side, tail) or _stems(lead) & gone or len(cuts) > 1:
        return None
    said = side.body_said
    if _SO.match(tail) and cut.group(0) == ", ":
        return f"{lead}, so {said[:1].lower()}{said[1:]}"
    return f"{lead.rstrip()}. {said}"


def _universal_tail(side: OldSide, tail: str) -> bool:
    """Whether the words after a denial's clause only say it holds in every case ("…,
    whatever your plan"), perhaps then the old rule again after a colon ("…, whichever plan
    you're on: any credit still unused at the end of the month expires"): the sentence says
    the old rule and nothing beside it."""
    case, _, again = tail.partition(": ")
    if not _UNIVERSAL_TAIL.match(case) or _CLAUSE_CUT.search(tail):
        return False
    words = _stems(again)
    return not again or (len(words) >= 2 and 2 * len(words & side.old_words) >= len(words))


_CONSEQUENCE = re.compile(r"^(?:so|which means|meaning)\s", re.I)


def _denied_again(tail: str) -> bool:
    """Whether the words after a denial's clause are its consequence, a denial again ("…, so
    we can't move it", "…, so only the named holder can use it"): nothing beside the old rule."""
    if not _CONSEQUENCE.match(tail) or _CLAUSE_CUT.search(tail):
        return False
    return _denial(tail) is not None or re.search(r"\bonly\b", tail, re.I) is not None


def _kept_consequence(side: OldSide, tail: str) -> bool:
    """Whether the words after a denial's clause are one consequence clause of it ("…, so
    please keep it somewhere safe") that the new text's last sentence, a denial of the same
    words still, can take in its place: the rest stay refused, so the advice holds for them."""
    if not _CONSEQUENCE.match(tail) or _CLAUSE_CUT.search(tail) or side.said is None:
        return False
    last = _SENTENCE_END.split(side.said)[-1]
    if _denial(last) is None or not last.rstrip().endswith("."):
        return False
    return len(_stems(last) & side.old_words) >= 2


_INSTEAD = re.compile(r"^but\s+(?P<offer>(?:we|we[’']ll|we can|we[’']d)\b[^,;:]{4,200})$", re.I)


def _offered_instead(side: OldSide, tail: str) -> str | None:
    """What a denial's "but" clause offers instead, when the new prompt still offers it
    ("…, but we'll happily move it to another date at no extra cost" beside "If they would
    rather move the booking to another date, do that free of charge"): the offer, which stays
    as the customer's other choice once the denial is lifted. None for any other tail."""
    found = _INSTEAD.match(tail.strip())
    if found is None:
        return None
    offer = found.group("offer")
    words = _stems(offer)
    if len(words) < 2 or words & (side.old_words - side.case):
        # another word of the denial ("but we can refund half"): no other choice
        return None
    kept = max((len(words & stems) for _, stems in side.prompt), default=0)
    return offer if kept >= 2 and 2 * kept >= len(words) else None


def _row(side: OldSide, raw: str, marked: Sequence[int]) -> str | None:
    cells = raw.strip().strip("|").split("|")
    keyed = side.head is not None and _stems(cells[0]) & _stems(side.head)
    out = []
    for at, cell in enumerate(cells):
        if at not in marked:
            out.append(cell)
            continue
        if _DENIAL_CELL.match(cell.strip()):
            said = side.granted
        else:
            said = side.body_said if keyed else side.said
            if side.granted and said and _SENTENCE_END.search(said.rstrip(".")):
                # a rule of several sentences is no cell: the cell gets what is granted
                said = side.granted
        if not said:
            return None
        lead = cell[: len(cell) - len(cell.lstrip())]
        trail = cell[len(cell.rstrip()) :]
        out.append(f"{lead}{said}{trail}")
    prefix = raw[: len(raw) - len(raw.lstrip())]
    return prefix + "|" + "|".join(out) + "|"


def _side_of(
    facts: ChangeFacts, sides: Sequence[OldSide], units: Sequence[Unit], index: int
) -> OldSide | None:
    return next((side for side in sides if restates_old_side(facts, side, units, index)), None)


def old_side_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit of an item found by this last resort alone: each marked
    sentence says the new rule in the KB's voice in its place, each marked cell what is now
    granted; (None, why) when one cannot be rewritten confidently. None for any other item."""
    if not only_old_side(impact):
        return None
    item_units = list(impact.units)
    every = old_sides(facts)
    marked = list(dict.fromkeys(c.sentence for c in impact.conflicts))
    is_marked = set(marked)
    by_text: dict[str, tuple[OldSide, int]] = {}
    for index, unit in enumerate(item_units):
        if unit.text not in is_marked:
            continue
        side = _side_of(facts, every, item_units, index)
        if side is not None:
            by_text.setdefault(unit.text, (side, index))
    sides = [by_text[s][0] for s in marked if s in by_text]
    if not sides:
        return None
    side = sides[0]
    noun = impact.item.kind
    why = (
        f"The new prompt changed {quoted(side.old)} to {quoted(side.new)}; this {noun} still "
        "states the old rule in "
        + ", ".join(quoted(s) for s in marked[:5])
        + (f" and {len(marked) - 5} more" if len(marked) > 5 else "")
    )
    blocked: list[str] = []
    last: list[int] = []  # where each prose sentence rewritten ends
    gone: list[str] = []  # the reasons that went with their denial
    asides: list[str] = []  # the units that lost an aside stating the old rule
    stated: list[str] = []  # the units that say the new rule
    # a reason after the denial goes with it, unless the new text ends on a denial of its own
    # (the rest still refused) it then points back at
    ends_denied = _denial(_SENTENCE_END.split(side.said or "")[-1]) is not None
    reasons = (
        {} if ends_denied else _reasons(item_units, [by_text[s][1] for s in marked if s in by_text])
    )

    def rewrite(unit: Unit) -> str | Keep:
        found = by_text.get(unit.text)
        if found is None or unit.text not in is_marked:
            if unit.start in reasons and reasons[unit.start] in last:
                gone.append(unit.text)
                return ""
            return Keep.UNIT
        own, index = found
        denying = _denying_asides(facts, own, unit.raw)
        if denying and not _denies(own, ASIDE.sub("", unit.text), _needed(own)):
            # the old rule said only in its asides: they go, the new rule is said in the
            # item's prose; a unit that was only the aside goes with it
            cut = _cut_asides(unit.raw, denying)
            if not cut and not _owns_its_line(impact.item, unit):
                # an HTML element or a numbered item's marker would stay behind, empty
                blocked.append(unit.text)
                return Keep.BLOCK
            asides.append(unit.text)
            return cut
        if unit.text.lstrip().startswith("|"):
            cells = _row_marks(facts, own, item_units, index)
            said = _row(own, unit.raw, cells)
        else:
            said = _prose(own, unit.raw)
            # the new rule once a paragraph: a later sentence of the same paragraph goes
            if said is not None and last and 0 <= unit.start - last[-1] <= 1:
                said = ""
            last.append(unit.end)
        if said is None:
            blocked.append(unit.text)
            return Keep.BLOCK
        stated.append(unit.text)
        return said

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if asides and not stated:
        new_body = None  # an aside dropped with the new rule said nowhere
    if new_body is None:
        if side.said is None:
            reason = "the new rule cannot be said without the prompt's tool names and instructions"
        elif blocked:
            reason = (
                "the sentence says something else beside the old rule ("
                + ", ".join(quoted(s) for s in blocked)
                + ")"
            )
        else:
            reason = "no sentence could be rewritten"
        return None, f"Flagged for review: {why}. No confident rewrite: {reason}."
    after = _followers(side, item_units, [by_text[s][1] for s in marked if s in by_text])
    check = (
        " A writer should check that what follows still reads right: "
        + ", ".join(quoted(s) for s in after)
        + "."
        if after
        else ""
    )
    dropped = (
        " It drops " + ", ".join(quoted(text) for text in gone) + ", the old rule's reason."
        if gone
        else ""
    ) + (
        " It drops the aside stating the old rule from "
        + ", ".join(quoted(text) for text in asides)
        + "."
        if asides
        else ""
    )
    return new_body, (
        f"{why}. The edit says the new rule there in the {noun}'s voice "
        f"({quoted(side.said or '')}) and keeps everything else.{dropped}{check}"
    )


def _owns_its_line(item: KnowledgeItem, unit: Unit) -> bool:
    """Whether the Markdown unit `unit` is all of its line, so deleting it leaves nothing
    behind (a numbered item's "2." is a unit of its own; an HTML element stays)."""
    if item.body_format == "html":
        return False
    body = item.body
    line_start = body.rfind("\n", 0, unit.start) + 1
    line_end = body.find("\n", unit.end)
    return (
        not body[line_start : unit.start].strip()
        and not body[unit.end : len(body) if line_end < 0 else line_end].strip()
    )


_POINTS_BACK = re.compile(r"^(?:it|this|that)\b|\b(?:it|this|that)[ \t]*[.!]?$", re.I)
"""A pointer back at the sentence before: the reason's subject ("This is because …") or the
last word of its denial ("… don't allow it."); "it" inside the sentence ("can't fill it at short
notice") points at a thing the sentence names itself."""
_NAMES_ITS_OWN = re.compile(
    r"\b(?:this|that|these|those)[ \t]+(?!(?:is|was|are|were|means|would|will|can|could|does|do"
    r"|has|had|isn|doesn|wasn|won)\b)[a-z]{2,30}\b",
    re.I,
)
"""A demonstrative naming its own thing ("that hour", "this slot"): the sentence is about that
thing, not a pointer back at the denial before it."""
_VALUE = re.compile(r"\d|\{\{")


def _reasons(item_units: Sequence[Unit], rewritten: Sequence[int]) -> dict[int, int]:
    """The sentences right after a rewritten denial, in its paragraph, that only give its
    reason ("Our insurance doesn't allow it."): a denial pointing back at it (it, this, that)
    with no value of its own, which goes with the denial it explained. By the start of each,
    the end of the denial before it."""
    found: dict[int, int] = {}
    for index in rewritten:
        if index + 1 >= len(item_units) or item_units[index].text.startswith("|"):
            continue
        unit, following = item_units[index], item_units[index + 1]
        text = following.text
        if following.start - unit.end > 1 or text.startswith(("|", "#", "-", "*")):
            continue
        if (
            _POINTS_BACK.search(text.strip())
            and not _NAMES_ITS_OWN.search(text)
            and _denial(text) is not None
            and not _VALUE.search(text)
            and len(text) <= 160
        ):
            found[following.start] = unit.end
    return found


def _followers(side: OldSide, item_units: Sequence[Unit], rewritten: Sequence[int]) -> list[str]:
    """The sentences right after a rewritten one, in its paragraph, on the old rule's topic
    ("If you can find the receipt, just reply with it"): kept, and named for a writer."""
    found = []
    for index in rewritten:
        if index + 1 >= len(item_units) or item_units[index].text.startswith("|"):
            continue
        unit, following = item_units[index], item_units[index + 1]
        if following.start - unit.end > 2 or following.text.startswith(("|", "#")):
            continue
        if _stems(following.text) & side.old_words and following.text not in found:
            found.append(following.text)
    return found


def old_side_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of an item only this last resort found."""
    sides = [side for side in old_sides(facts) if side.said]
    if not sides:
        return None
    side = sides[0]
    aside = (
        "; a bracketed aside that only says the old denial goes (a list item that is only that "
        "aside goes with it), and the new rule is said in the prose, not in the aside's place"
        if side.flipped and _line(facts) is not None
        else ""
    )
    consequence = (
        '; a consequence clause after the denial ("…, so please …") stays, after the new '
        "text's last sentence, which still denies the rest"
        if _denial(_SENTENCE_END.split(side.said or "")[-1]) is not None
        else ""
    )
    return (
        f"the old prompt said {quoted(side.old)}; the new prompt says {quoted(side.new)}; in "
        f"the KB's voice: {quoted(side.said or '')} A KB sentence still saying the old rule "
        f"(marked {quoted(OLD_SIDE_REASON)}) says the new one in its place, condition kept; "
        f"the same words about another topic stay as they are{aside}{consequence}"
    )


def new_rule_unsaid(
    facts: ChangeFacts, impact: ImpactView, template_body: str | None, new_body: str
) -> list[str]:
    """A drafting model's edit of an item this last resort found (alone, or beside a class
    rule that could not write it, `old_side_view`) that takes the old rule
    out without saying the new one, where the template's edit says it: no sentence it writes
    has a word of the new rule that the item did not have."""
    if not template_body or not (only_old_side(impact) or old_side_view(facts, impact)):
        return []
    sides = [side for side in old_sides(facts) if side.said]
    if not sides:
        return []
    old = set(_stems(impact.item.body))
    wanted = _stems(sides[0].said or "") - sides[0].old_words - old
    if not wanted or _stems(new_body) & wanted:
        return []
    return [
        f"the new body takes out the old rule but does not say the new one: say "
        f"{quoted(sides[0].said or '')} where the {impact.item.kind} stated the old rule, as "
        "the draft does"
    ]
