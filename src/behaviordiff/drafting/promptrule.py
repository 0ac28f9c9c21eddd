"""The writer of last resort: the new prompt's rule, in the KB's voice, where the KB states the
old one, for a change no class rule could write.

Class rules know a shape of change (a value moved, a fee waived past a line, an option dropped)
and are precise on it; an agent met for the first time often changes in a shape none of them
knows (a hand-off put before a held date, a channel swapped for one group, an exception added).
What every change has is its prompt diff, so this module reads only that:

* **Alignment.** Each KB sentence is matched to the old prompt sentence it shares most content
  words with (the sentences the new prompt keeps word for word, and the old side of each hunk
  behind the change). It states the old rule when that sentence is one the change rewrote or
  removed, or the rule an added exception departs from (`touched_sentences`); a sentence closer
  to a sentence the new prompt keeps is about something that still holds ("We'll hold it for
  48 hours while you talk to family" beside a hand-off added for coroner cases), and stays.
  A sentence claiming one handling for every case in words ("however you paid", "whether or
  not the coroner is involved") that names the changed case is the old rule too. In an item
  stating the old rule, a sentence closely restating it is rewritten with it.
* **Finding items** (`aligned_finder`, run by `impact.rank_items` on items no finder marked): a
  sentence naming the changed case in the new rule's own words ("a block", "members"; both
  words of a two-word case) and closer to the old rule than to any kept or new one, or claiming
  for everyone what the old prompt claimed for everyone about the same subject ("free for any
  customer"). And the reverse (`restates_kept_rule`): a sentence the generic finders marked
  that restates a rule the new prompt keeps, far more closely, with only that rule's numbers,
  is no conflict.
* **The new rule, voiced** (`voiced`): the hunk that says the changed case (its words name the
  change's condition; for a change that reaches everyone, the hunk behind it), with the prompt's
  internals out (tool calls, code, field asides such as "(Coroner involved: yes)", labels such
  as "Exception:"), instructions said as what "we" do, what the agent is told to tell the
  customer said to "you" ("tell the family one of our arrangers will phone them" → "one of our
  arrangers will phone you").
* **The edit** (`prompt_rule_edit`). A change for some customers keeps the old rule for the rest:
  the first sentence stating it loses its every-case words and is followed by the new rule, or,
  when it has none, takes the new rule as its exception ("…, except for medical appointments: …");
  later ones are narrowed the same way (", except for medical appointments."); a claim that is
  nothing but "the same for everyone", or a sentence naming the changed case (about it alone),
  gives way to the new rule. A change for everyone says the
  new rule in place of the old. Everything else is kept byte for byte. A table row, a sentence
  whose placeholders the new rule cannot keep, or a rule that cannot be said without the prompt's
  internals is left for the writer, flagged with the reason.

The template drafter runs it through the same checks as every edit; a drafting model is told
the same (`prompt_rule_fact`) and its edit goes through the same checks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from behaviordiff.detect.wordamounts import DAY_NAMES, numbers_said
from behaviordiff.diffing.align import align
from behaviordiff.drafting.casesaid import about_case_said
from behaviordiff.drafting.categories import category_nouns
from behaviordiff.drafting.categorylist import noun_forms
from behaviordiff.drafting.channels import calls_to_customer
from behaviordiff.drafting.context import Under, said_under
from behaviordiff.drafting.impactview import ImpactView, marked_for
from behaviordiff.drafting.keptback import claims_whole, said_as_share, share_said
from behaviordiff.drafting.oldside import (
    CUSTOMER_NOUNS,
    as_our_practice,
    customer_voice,
    person_case,
)
from behaviordiff.drafting.perchange import LastChange
from behaviordiff.drafting.restcase import claim_for_every_case, with_rest_head
from behaviordiff.drafting.rules import calls_dropped, voice_joined_orders
from behaviordiff.drafting.sentencediff import change_diff
from behaviordiff.drafting.splitcase import PAPER as _PAPER
from behaviordiff.drafting.splitcase import denies_paperwork
from behaviordiff.drafting.text import (
    EVERY_CASE_CLAIM,
    IMPERATIVE_VERBS,
    STOPWORDS,
    TOOL_CLAUSE,
    Keep,
    Unit,
    cell_text_spans,
    flat,
    quoted,
    rewrite_units,
    row_cells,
    stem,
    terms,
    upper_first,
)
from behaviordiff.textutil import plain_number

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule

PROMPT_RULE_REASON = "states the old prompt rule the change rewrote"
# the same, found in an item naming the case only in the customers' own words (`casesaid`)
CASE_SAID_REASON = f"{PROMPT_RULE_REASON}, in an item naming the case as customers do"

_MAX = 4000
_MAX_BODY = 100_000
"""The most of an item searched for the field's word."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“`(])")
# a code span and the argument list after it ("`send_confirmation` (channel sms)")
_CODE_ARGS = re.compile(r"`[^`\n]{1,80}`\s*\([^()\n]{0,200}\)")
_ASIDE = re.compile(r" ?\(([^()\n]{0,200})\)")
_CODE_SPAN = re.compile(r"`[^`\n]{0,200}`")
_DENIED = re.compile(
    r"\b(?:not|never|no\s+longer|don[’']t|doesn[’']t|won[’']t)\s+(?P<what>[a-z]+(?:\s+[a-z]+)?)",
    re.I,
)
"""What a rule says not to do ("do not book yet"), its next two words."""
_CODE = re.compile(r"`|\b[a-z0-9]+_[a-z0-9_]+\b|\b[a-z]+\s*=\s*\w")
PROMPT_LABEL = re.compile(
    # "Cholesterol (lipid) tests: …": a gloss in brackets is part of the label
    # a number's separators ("£3,000", "2.5 kg") are part of it
    r"^(?P<label>[A-Z](?:[^:;,.!?|`()]|(?<=\d)[,.](?=\d)){0,60}"
    r"(?:\([^:;,.!?|`()]{1,30}\)[^:;,.!?|`()]{0,20})?):"
    r"\s+(?=\S)"
)
"""A prompt sentence's label ("Lights costing over £250: …"), read by lostsaid too."""
_LABEL = PROMPT_LABEL  # this module's own name for it
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|can|can[’']t|cannot|must|may|should|does|do|"
    r"did|gets?|pays?|costs?|goes|takes?|needs?)\b",
    re.I,
)
_PLAIN_LABEL = frozenset(
    {"exception", "note", "important", "also", "otherwise", "reminder", "new", "update", "rule"}
)
_OTHERS = re.compile(
    r"^(?:un[a-z]{3,20}|non-?[a-z]{3,20}|(?:all|every|any) other|everything else|everyone "
    r"else|anyone else|otherwise|other)\b",
    re.I,
)
"""A sentence about the rest ("Unopened sets, and every other item, …"): a rule of its own."""
_HEAD = re.compile(
    r"^(?P<head>(?:if|when|whenever|once|unless|for|where|after|before|on)\b[^,:;]{1,160}),\s+",
    re.I,
)
_AS_ABOVE = re.compile(r"\bas (?:above|described above|set out above|explained above)\b", re.I)
"""A sentence deferring to what the item says above it ("we'll refund the damaged one as
above"): true of whatever rule is written there."""
POINTS_BACK = re.compile(r"\b(?:of|for)\s+(?:one|ones|these|those|such)(?=\s*(?:[,.;:]|$))", re.I)
"""A case head naming its case only by pointing back to the sentence before ("When a customer
books the delivery of one, …"): the pronoun ends the phrase ("If you stay for one night" names
its case). Bounded, linear."""
_TOLD_LEAD = re.compile(
    r"^(?P<head>[^,:;`]{1,160}),\s+(?=(?:tell|inform|remind|let|explain to|say to)\s+"
    r"(?:the\s+[a-z]{3,20}|them|him|her)\b)",
    re.I,
)
"""What comes before what the agent is told to tell ("On a Standard contract, tell the
customer …"): the case the rule is for, whatever word it opens with."""
_CLAUSE = re.compile(
    r"(: |; |\. |, and (?=(?:tell|let|inform|remind|explain|say|ask|offer|give|send|book|"
    r"call|confirm)\b)| and (?=(?:tell|let|inform|remind|explain)\b))",
    re.I,
)
_TELL = re.compile(
    r"^(?:and\s+)?(?:tell|inform|remind|let|explain to|say to)\s+"
    r"(?P<who>the\s+(?P<noun>[a-z]{3,20})|them|him|her)(?:\s+know)?(?:\s+that)?\s+",
    re.I,
)
_TOLD_TO_YOU = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?:(?P<lead>[^,;:.!?]{1,160}),\s+)?"
    r"(?P<order>(?:tell|ask|remind|inform|advise)\s+you\b|let\s+you\s+know\b)",
    re.I,
)
_TOLD_NAMED = re.compile(
    r"(?P<what>(?:the|our|their)\s+(?:[a-z]+\s+){0,2}(?P<noun>[a-z]+)):\s+(?=\S)", re.I
)
"""A thing the agent is told to name, then a colon and what it is ("the price: £40")."""
_TOLD_FIGURE = re.compile(
    r"(?P<what>(?:the|their|his|her)\s+(?:[a-z]+\s+){0,3}?(?:total|amount|sum|price|cost|deposit"
    r"|fee|charge|figure))\s+and\s+that\s+",
    re.I,
)
"""A figure the agent tells each customer before what holds for all ("the total deposit and
that …")."""
_TELL_NOUN = re.compile(r"\btell\s+the\s+([a-z]{3,20})\b", re.I)
"""Who the agent is told to tell ("tell the couple"): the customer, unless staff."""
_SUBJECT = re.compile(
    r"\b(?:we|i|you|they|he|she|it|[a-z]+[’'](?:ll|re|ve|d|s))\b|" + _FINITE.pattern, re.I
)


def told_to_you(text: str) -> str | None:
    """The agent's order to tell the customer, with the customer said as "you" and no one left
    to give it ("On a Standard contract, tell you the engineer will visit"), opening a sentence
    or after a case ("If it's late, let you know"); None when a KB says who tells you ("We'll
    email you the form, ask you for a photo")."""
    for found in _TOLD_TO_YOU.finditer(text[:_MAX]):
        lead = found.group("lead")
        if lead is None or _HEAD.match(lead + ", x") or not _SUBJECT.search(lead):
            return found.group("order")
    return None


_NEGATED_IMPERATIVE = re.compile(
    r"^(?:do not|don[’']t|never|always|only|first|then|also)\s+(?=[a-z])", re.I
)
"""A word before an instruction ("never book", "first offer them"): "we never book"."""
_CUSTOMER_NOUNS = frozenset([*CUSTOMER_NOUNS, "customers", "families"])
_PRONOUNS = (
    (re.compile(r"\bthemselves\b"), "yourself"),
    (re.compile(r"\bthey[’']ll\b"), "you'll"),
    (re.compile(r"\bthey[’']re\b"), "you're"),
    (re.compile(r"\bthey[’']ve\b"), "you've"),
    (re.compile(r"\bthey[’']d\b"), "you'd"),
    (re.compile(r"\btheir\b"), "your"),
    (re.compile(r"\bthem\b"), "you"),
    (re.compile(r"\bthey\b"), "you"),
)
# who a prompt tells things to that is not the customer
_STAFF = frozenset(
    """manager team staff warehouse courier driver engineer technician office desk kitchen
    supervisor lead colleague store shop branch partner supplier crew agent specialist
    coordinator depot workshop""".split()  # noqa: SIM905
)
# "they" stands for the customer only once a passage has named them
_PRONOUN = re.compile(r"\b(?:they|them|their|themselves)\b", re.I)
_NAMED_CUSTOMER = re.compile(
    r"\b(?:the|a|an|each|every|any)\s+(?:"
    + "|".join(sorted(_CUSTOMER_NOUNS, key=len, reverse=True))
    + r")s?\b|\b(?:customers|clients|members|guests|visitors|people)\b|"
    r"\b(?:if|when|whenever|once|unless)\s+(?:someone|anyone|somebody|anybody)\b(?!\s+else)",
    re.I,
)
# a case said of anyone ("when someone asks to cancel"): the customer, said as "you"
_SOMEONE_CASE = re.compile(
    r"\b(?P<conj>if|when|whenever|once|unless)\s+(?:someone|anyone|somebody|anybody)\b"
    r"(?!\s+else)",
    re.I,
)
# plural things before a "they" are what it stands for ("the pots … they"), not the customer
_THINGS_THEN_THEY = re.compile(r"\bthe [a-z]{2,30}s\b[^,.;:]{0,60}\b(?:they|them|their)\b")
_INCLUDED = re.compile(
    r",\s*(?P<named>[^,.;:!?()\s](?:[^,.;:!?()\n]{0,78}[^,.;:!?()\s])?)\s+included\b"
    r"|,?(?<!\s)\s+(?:including|even(?!\s+(?:though|if|when|so|as|after|before|then|more|less)\b))"
    r"\s+(?P<listed>[^,.;:!?()\n]{3,80})",
    re.I,
)
"""An aside bringing a case into a claim ("Opened items, paint sets you've tried included: …",
"every trip, including day trips"): the claim covers that case too. The aside's words start
and end on a word and a run of spaces is read from its start only, so a long run of spaces
is read once, not once per space."""
_OVER_KIND = re.compile(
    r"\b(?:whatever|whichever|any|every|each|all)\s+(?:(?:kind|type|sort)s?\s+of\s+)?"
    r"(?:(?:your|our|the)\s+)?(?P<noun>[a-z]{3,20})\b",
    re.I,
)
"""A claim over every value of a kind ("Whatever contract you have", "on all plans")."""
_SAME_FOR_ALL = re.compile(
    r"\b(?:the same (?:for|however|whatever|whether|way)|it doesn[’']t matter|"
    r"makes? no difference|no matter|regardless|whether or not|whether \w+[^,.;:!?]{0,80}\bor\b)",
    re.I,
)
_NEVER_IN_WAY = re.compile(
    r"\bnever\s+(?:stands?|gets?|comes?)\s+(?:in\s+the\s+way|between)\b"
    r"|\bwe['’]ll\s+still\s+\w+|\bwe\s+still\s+\w+|\bdoesn['’]t\s+stop\s+(?:us|you)\b",
    re.I,
)
"""A denial that anything stops the handling: "never stands between", "we'll still take the
booking", "doesn't stop us"."""
_AS_NORMAL = re.compile(
    r"\b(?:as\s+normal|as\s+usual|(?:just\s+)?like\s+any\s+other|the\s+same\s+as\s+"
    r"(?:any|every)\s+other)\b",
    re.I,
)


def _as_normal_row(raw: str, rule_stems: Sequence[set[str]]) -> bool:
    """Whether a two-cell row keys a case in the old every-case rule's words and says it is
    handled as any other ("| Booking with an unpaid invoice on the account | Booked as
    normal |"): the old rule, for the case the change splits off."""
    cells = row_cells(raw)
    if len(cells) != 2 or not _AS_NORMAL.search(cells[1]):
        return False
    key = _stems(cells[0])
    return any(len(key & stems) >= _MIN_FOUND for stems in rule_stems)


_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_PLACEHOLDER = re.compile(r"\{\{[^{}\n]{1,200}\}\}")
_MIN_SHARED = 2
# the heads an exception is said with ("except if …", "except for …")
_EXCEPT_HEAD = re.compile(r"^(?:if|when|for|where|on)\b", re.I)
_MIN_FOUND = 3
_HEAD_WORDS = frozenset(["for", "when", "where", "you", "your", "the", "our", "who"])
"""A rule's case words that name no case ("For gowns bought from another shop")."""


@dataclass(frozen=True)
class NewRule:
    """The changed case's rule in the KB's voice."""

    prompt: str
    """The new prompt's words it is said from."""
    head: str | None
    """Its case ("For medical appointments", "When the coroner is involved"), if it has one."""
    statement: str
    """What holds in that case, in the KB's voice, with no case and no final stop."""

    @property
    def sentence(self) -> str:
        said = f"{self.head}, {self.statement}" if self.head else self.statement
        return upper_first(said) + "."


def _flat(text: str) -> str:
    return flat(text)[:_MAX]


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and (text[1].islower() or text[1] == " "):
        return text[:1].lower() + text[1:]
    return text


FIELD_ASIDE = re.compile(r"^[a-z]+(?:\s+[a-z]+){0,2}\s+(?P<value>[a-z]+|\d+(?:\.\d+)?)$")
"""The shape of an aside naming a field and its value ("(fee 0)", "(account type business)"):
lower-case words, the value last. The shape alone is no proof ("(priority boarding)" has it):
`field_aside` asks that it restate a word said just before it."""
_ORDER_ASIDE = re.compile(
    r"^(?:"
    + "|".join(sorted(IMPERATIVE_VERBS))
    + r"|say|tell)\s+(?:the|them|it|a|an)\b[^()]{0,60}$"
)
"""An aside giving an order ("(give the date)", "(check the tyres)"): the agent's only when it
qualifies what the agent is told to tell (`order_aside`)."""
_TELLING = re.compile(r"\b(?:tell|say|explain|let\s+\w+\s+know|confirm)\b", re.I)


def field_aside(inner: str, before: str) -> bool:
    """Whether an aside (`inner`) names a field and its value: the field shape, restating what
    was said right before it: its value ("Business accounts (account type business)",
    "Breakdowns (problem type breakdown)") or, for a number, its field's name ("the booking fee
    (fee 0)", "at no charge (charge 0)"); so nothing a customer reads is lost with it. A
    customer-facing aside says something new ("(small fee applies)", "(refund guaranteed)",
    "board first (priority boarding)")."""
    found = FIELD_ASIDE.match(inner)
    if found is None:
        return False
    near = {_singular(word) for word in re.findall(r"[a-z]+", before[-80:].lower())[-6:]}
    value = found["value"]
    if not value[0].isdigit() and not terms(value):
        return False  # "(signed in)": no value, a state said to the customer
    if value[0].isdigit():
        return all(_singular(word) in near for word in inner[: found.start("value")].split())
    return _singular(value) in near


def order_aside(inner: str, before: str) -> bool:
    """Whether an aside (`inner`) is an order to the agent: an imperative inside an instruction
    to tell the customer something ("tell them their access ends … (give the date)"), or one
    done to "it" or "them" ("(pass it as the fee)")."""
    if _ORDER_ASIDE.match(inner) is None:
        return False
    sentence = re.split(r"[.;:!?]\s", before[-300:])[-1]
    return bool(_TELLING.search(sentence) or re.search(r"^\S+\s+(?:it|them)\b|\btheir\b", inner))


def _aside(match: re.Match[str]) -> str:
    inner = match.group(1)
    # a flag's value is its last word ("(paid yes)"); "(no fee charged)" is the customer's;
    # one naming where the agent reads a figure ("(the fee from the tool's result)") goes
    if (
        _CODE.search(inner)
        or _INTERNAL.search(inner)
        or re.search(r"[:=\"“”]|(?:^|\s)(?:yes|no|true|false)$", inner, re.I)
    ):
        return ""
    before = match.string[max(0, match.start() - 300) : match.start()]
    if field_aside(inner, before) or order_aside(inner, before):
        return ""
    return match.group(0)


_YOU_VERB = {
    "is": "you are",
    "has": "you have",
    "was": "you were",
    "does": "you do",
    "doesn't": "you don't",
    "doesn’t": "you don’t",
    "isn't": "you aren't",
    "isn’t": "you aren’t",
    "wasn't": "you weren't",
    "wasn’t": "you weren’t",
}
_YOU_AGREES = re.compile(r"(?<![\w’'])you\s+(is|has|was|does|doesn[’']t|isn[’']t|wasn[’']t)\b")
"""A verb left agreeing with the customer's noun once it is said as "you" (lower case: a
sentence's own "You" is the KB's)."""


def _to_you(text: str, noun: str | None, *, pronouns: bool = True) -> str:
    nouns = set(_CUSTOMER_NOUNS)
    if noun:
        nouns.add(noun.lower())
    words = "|".join(sorted(nouns, key=len, reverse=True))
    text = re.sub(rf"\bthe (?:{words})[’']s\b", "your", text, flags=re.I)
    # not a team named for them ("the customer services team")
    text = re.sub(
        rf"\bthe (?:{words})\b(?![’']|\s+(?:relations|services?|support|care|success|team|"
        r"section|account|area|page|portal|record|details|field|tab|profile|file|number|name|"
        r"list|lounge|entrance|desk|line|charter|app)\b)",
        "you",
        text,
        flags=re.I,
    )
    # "the customer is sent …" said to them: "you are sent …", never "you is"
    text = _YOU_AGREES.sub(lambda found: _YOU_VERB[found[1].lower()], text)
    if not pronouns or _THINGS_THEN_THEY.search(text):
        return text
    text = _SOMEONE_CASE.sub(lambda found: found["conj"] + " you", text)
    # what is said of them, said to them, the verbs agreeing ("you has" → "you have")
    for pattern, instead in _PRONOUNS:
        text = pattern.sub(instead, text)
    # "until they have sent them": the customer sends things, never themselves
    return _SELF_OBJECT.sub(r"\g<head> them", customer_voice(text))


_SELF_OBJECT = re.compile(
    r"(?P<head>\byou\s+(?:have\s+|had\s+|'ve\s+|’ve\s+)?"
    r"(?:sent|send|returned|return|posted|post|uploaded|upload|emailed|email|brought|bring))"
    r"\s+you\b",
    re.I,
)


_ASIDE_LIST = re.compile(r"\([^()]{1,200}\)")
"""A bracketed aside, its commas no clause breaks ("(a rash, itching, redness or swelling)")."""


def _clause(clause: str, noun: str | None, *, pronouns: bool = True) -> str | None:
    """One clause of a prompt rule as a KB statement, or None when it is the agent's own work."""
    clause = clause.strip().rstrip(".!")
    if not clause:
        return None
    told = _TELL.match(clause)
    if told is not None and (told.group("noun") or "").lower() in _STAFF:
        return None  # "tell the manager to approve it": an instruction to staff, not to them
    if told is not None:
        said = clause[told.end() :]
        if re.fullmatch(r"(?:so|this|that|why|about it)\W*", said.strip(), re.I):
            return None  # "tell the customer so": what was said before, nothing of its own
        # "tell the customer the total deposit and that it comes off their bill": the total is
        # each customer's own figure, what holds for every one of them is the rest
        what = _TOLD_FIGURE.match(said)
        if what is not None and not _FINITE.search(what["what"]):
            said = said[what.end() :]
        if re.match(
            r"(?:when|what|where|which|whether|who|why|how long|how much|how many)\b", said, re.I
        ):
            # "tell the customer when the engineer will arrive": what we tell them
            return "we tell you " + _to_you(said, told.group("noun") or noun)
        said = re.sub(r"^(?:that|how)\s+", "", said)
        if re.match(r"about\s+\w", said, re.I):
            # "tell them about the £200 pet deposit": no clause of its own to say to them
            return "we tell you " + _to_you(said, told.group("noun") or noun)
        # "tell the customer to ring the shop": said to them, "ring the shop"
        said = re.sub(r"^to\s+(?=[a-z])", "", said)
        said = re.sub(r",? or that\s+", ", or ", said)
        if _CODE.search(said):
            return None
        # what the agent reports having done, said as what we do ("we've emailed you" → "we
        # email you"), and "…, and that B" as "…, and B"
        return as_our_practice(_to_you(said, told.group("noun") or noun))
    clause = TOOL_CLAUSE.sub("", clause)
    if _CODE.search(clause):
        return None
    case = _HEAD.match(clause) or _TOLD_LEAD.match(clause)
    if case is not None and case.end() < len(clause):
        # "if it is on file, book straight away": the case kept, what follows said as ours
        rest = _clause(clause[case.end() :], noun, pronouns=pronouns)
        if rest is None:
            return None
        head = person_case(case.group("head"))
        return f"{head or _to_you(case.group('head'), noun, pronouns=pronouns)}, {rest}"
    clause = re.sub(r"\s+as (?:above|usual|before|normal)$", "", clause)
    first = clause.split(" ", 1)[0].lower()
    negated = _NEGATED_IMPERATIVE.match(clause)
    if negated is not None:
        lead = negated.group(0).strip().lower().replace("do not", "don't").replace("’", "'")
        rest = clause[negated.end() :]
        # "do not" opens only an instruction ("do not read it out": what we don't do)
        if lead != "don't" and rest.split(" ", 1)[0].lower() not in IMPERATIVE_VERBS:
            return _to_you(clause, noun, pronouns=pronouns)
        # "yourself" in an instruction is the agent: what we do ourselves
        rest = _AGENT_SELF.sub("ourselves", rest)
        return "we " + lead + " " + _to_you(rest, noun, pronouns=pronouns)
    named = re.match(r"(?P<noun>[a-z]+)\s+of\s+(?P<rest>\S.*)", clause, re.I)
    if named is not None and first in IMPERATIVE_VERBS:
        # "refund of the price paid minus a £35 fee": a noun, what the case gets ("the
        # refund is the price paid minus a £35 fee")
        rest = _to_you(named["rest"], noun, pronouns=pronouns)
        return f"the {named['noun'].lower()} is {rest}"
    if first in IMPERATIVE_VERBS or _SELF_ORDER.match(clause):
        if len(clause.split()) <= 3 and re.search(r"\b(?:it|them|this|that)$", clause):
            return None  # "book it": how the agent does it, nothing the customer is told
        clause = _AGENT_SELF.sub("ourselves", clause)
        return "we " + _lower_first(_to_you(clause, noun, pronouns=pronouns))
    # "Web shop purchases are linked to the player's account, so don't ask for an order ID":
    # an order joined to a statement is what we do
    return _to_you(voice_joined_orders(clause), noun, pronouns=pronouns)


_SELF_ORDER = re.compile(
    r"^(?!(?:you|we|they|it|he|she|the|a|an|this|that|there|if|when|and|but|or|so)\b)"
    r"[a-z]{3,15}\s+(?:[\w'’-]+\s+){0,5}?yourself\b",
    re.I,
)
"""An order to the agent to do something itself, whatever its verb ("renew the loan
yourself"): a lower-case word opening it, "yourself" within a few words."""
_AGENT_SELF = re.compile(r"\byourself\b", re.I)
"""The agent an instruction speaks to ("don't refund it yourself"), said as us."""
_STATEMENT_BREAK = re.compile(r", (?:and |so |but )?|; |: ")


_DONE_AGAIN = re.compile(
    r"we\s+(?:(?:also|then|now)\s+)?(?P<verb>[a-z]{2,20})\s+(?:it|them|this|that|one)"
    r"(?:\s+for\s+you)?",
    re.I,
)
"""A clause saying only that we did what the sentence already said we do, to "it"."""


def _unrepeated(said: str, kept: Sequence[str]) -> str:
    """A clause without the statement it opens with when an earlier clause of the sentence
    already said it ("no fasting is needed, …, and no fasting is needed and you can eat": what
    the rule states and then has the agent tell), "" when that is all it says."""
    done = _DONE_AGAIN.fullmatch(said.strip(" ,.;:"))
    if done is not None and any(
        re.search(rf"\bwe\s+{re.escape(done['verb'])}\b", text, re.I) for text in kept
    ):
        return ""  # "we book the slot, and we book it": the agent's report of what it just did
    statements = [part for text in kept for part in _STATEMENT_BREAK.split(text)]
    for before in statements:
        before = before.strip(" ,;:")
        if len(before) < 12 or not said.lower().startswith(before.lower()):
            continue
        rest = said[len(before) :]
        if not rest.strip(" ,.;:"):
            return ""
        joined = re.match(r"^,?\s+(?:and|so)\s+", rest)
        if joined is not None:
            return rest[joined.end() :]
    return said


def customer_noun(texts: Iterable[str]) -> str | None:
    """The noun a prompt calls its customer by where it says what to tell them ("tell the
    couple there's nothing to pay" → "couple"), the first said in `texts`; None when none
    says one (staff told things aside)."""
    for text in texts:
        for told in _TELL_NOUN.finditer(text[:_MAX]):
            if told.group(1).lower() not in _STAFF:
                return told.group(1).lower()
    return None


_STATE_LABEL = re.compile(
    r"^(?P<noun>[A-Za-z][a-z-]{2,20}(?:\s+[a-z][a-z-]{2,20})?)\s+"
    r"(?P<state>active|inactive|valid|expired|open|closed|pending|ready|paid|unpaid|overdue|"
    r"cancelled|canceled|suspended|live|lapsed)$",
    re.I,
)
"""A label naming a thing in a state ("Warranty active", "Account suspended"): said as "If
your warranty is active"."""
_PARTICIPLE_LABEL = re.compile(
    r"(?:[A-Za-z]{3,20}ed|bought|made|sold|paid|sent|kept|held|built|given|taken|worn|"
    r"grown|known|shown|written|chosen|broken|won|lent|spent|left)\s+(?!by\b)"
    r"(?:(?:more|less|longer|fewer)\s+than|over|under|within|before|after|in\s+the\s+(?:last|"
    r"past|first)|up\s+to|at\s+least|\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|a|an)\s+(?:day|week|month|year))",
    re.I,
)
"""A label opening on a past participle that names a case of time or amount ("Bought more
than 12 months ago", "Delivered over a week ago", "Paid within 14 days"): said "If bought …".
A kind named by an adjective that ends in -ed ("Unopened sets", "Registered charities",
"Personalised mugs") is a category: "For unopened sets"."""


_ACTING_LABEL = re.compile(
    r"(?:move|reschedule|rebook|book|cancel|send|offer|give|refund|log|hand|transfer|escalate|"
    r"process|handle|issue|apply)\s+(?!(?:requests?|fees?|charges?|refunds?|bookings?|returns?|"
    r"orders?|options?|polic(?:y|ies)|times?|dates?|windows?|limits?|rules?)\b)"
    r"(?=[^:]*\b(?:asks?|wants?|needs?|requests?)\b)",
    re.I,
)
"""A label that is an instruction to the agent, not a case: a verb, then what it acts on and
who asks for it ("Move patch tests and single sessions the client asks to move: use …")."""


def voiced(passage: str, customer: str | None = None) -> NewRule | None:
    """A passage of the new prompt (one rule, one or more sentences) as the KB would say it:
    the case it is about and what holds then, the prompt's internals out. None when nothing a
    customer is told is left. `customer`: the noun the rest of the prompt calls the customer
    by (`customer_noun`), for a passage that tells "them" without naming them so."""
    if len(passage) > _MAX and len(" ".join(passage.split())) > _MAX:
        return None  # cut anywhere, it would say half a rule
    text = _flat(passage)
    text = _CODE_ARGS.sub(lambda m: m.group(0).split("(", 1)[0].rstrip(), text)
    text = _ASIDE.sub(_aside, text)
    head: str | None = None
    noun: str | None = None
    told = _TELL_NOUN.search(text)
    if told is not None and told.group(1).lower() not in _STAFF:
        noun = told.group(1)
    elif customer:
        noun = customer
    # "they" and "them" are the customer only once the passage has named them ("Opened sets
    # are refunded at half, because we can't sell them again; tell the customer so.")
    pronoun = _PRONOUN.search(text)
    first = _NAMED_CUSTOMER.search(text)
    if noun and noun == customer:
        own = re.search(rf"\bthe\s+{re.escape(noun)}\b", text, re.I)
        if own is not None and (first is None or own.start() < first.start()):
            first = own
    pronouns = pronoun is None or (first is not None and first.start() < pronoun.start())
    statements: list[str] = []
    for index, sentence in enumerate(_SENTENCE_END.split(text)):
        sentence = sentence.strip()
        label = _LABEL.match(sentence)
        if label is not None and (
            re.match(r"(?:tell|go|say|ask|let|explain|check|use)\b", label.group("label"), re.I)
            or _ACTING_LABEL.match(label.group("label"))
        ):
            label = None  # "Tell the customer the price: …" is an instruction, no case
            told = _TELL.match(sentence)
            thing = _TOLD_NAMED.match(sentence, told.end()) if told is not None else None
            if thing is not None:
                # "tell the customer the price: £40 …": what is named is what follows
                verb = "are" if _is_plural(thing["noun"]) else "is"
                sentence = f"{sentence[: thing.end('what')]} {verb} {sentence[thing.end() :]}"
        if label is not None and not _FINITE.search(label.group("label")):
            named = label.group("label").strip()
            sentence = sentence[label.end() :]
            if named.lower() not in _PLAIN_LABEL and head is None and index == 0:
                # "Bought more than 12 months ago:" is a participle's case: "If bought …";
                # "Warranty active:" a thing's state: "If your warranty is active"
                state = _STATE_LABEL.match(named)
                if state is not None:
                    head = f"If your {state['noun'].lower()} is {state['state'].lower()}"
                else:
                    lead = "If " if _PARTICIPLE_LABEL.match(named) else "For "
                    head = lead + _lower_first(named)
            sentence = upper_first(sentence)
        # a bracketed list's commas ("(a rash, itching, redness or swelling)") end no head
        masked = _ASIDE_LIST.sub(lambda m: m.group(0).replace(",", "\x00"), sentence)
        case = _HEAD.match(masked) or _TOLD_LEAD.match(masked)
        if case is not None and index == 0 and head is None:
            said_head = case.group("head").replace("\x00", ",")
            head = person_case(said_head) or _to_you(said_head, noun, pronouns=pronouns)
            sentence = sentence[case.end() :]
        pieces = _CLAUSE.split(sentence)
        kept: list[str] = []
        for at in range(0, len(pieces), 2):
            said = _clause(pieces[at], noun, pronouns=pronouns)
            if said is None:
                continue
            said = _unrepeated(said, kept)
            if not said:
                continue
            if kept:
                joint = pieces[at - 1]
                kept.append(": " if joint == ": " else "; " if joint == "; " else ", and ")
            kept.append(said)
        joined = "".join(kept).strip(" ,;:")
        if joined:
            statements.append(joined)
    if not statements:
        return None
    statement = ". ".join(
        upper_first(s) if i else _lower_first(s) for i, s in enumerate(statements)
    )
    statement = as_policy(re.sub(r"\s+", " ", statement)).strip(" ,;:.")
    if not statement:
        return None
    if head is not None:
        head = _agent_head(head)
    if (
        _CODE.search(statement)
        or re.search(r"\bwe we\b|\bwe (?:you|it)\b", statement, re.I)
        or told_to_you(statement)
    ):
        return None
    if head is not None and _CODE.search(head):
        return None
    if head is not None and re.search(r"\byour?\b", statement, re.I):
        head = _head_to_you(head)
    if not head:
        statement = upper_first(statement)
    return NewRule(passage, head, statement)


_INTERNAL = re.compile(
    r"\b(?:tool|call|lookup|system|function|api)(?:['’]s)?\s+(?:result|output|response|reply)s?\b"
    r"|\b(?:from|in|of)\s+the\s+(?:result|output|response)\b"
    r"|\b(?:returned|given)\s+by\s+the\s+(?:tool|call|lookup|system)\b"
    r"|\bthe\s+(?:tool|call|lookup|system)\s+returns\b",
    re.I,
)
"""A piece naming where the agent reads a figure ("the late fee from the tool's result"):
the prompt's internals, no policy a customer reads."""
_LIST_PIECE = re.compile(r",\s+(?:and\s+)?|;\s+|\s+and\s+(?=that\s)")
_REPORTED_PASSIVE = re.compile(
    r"(?<!\bthat )(?<!\bwhich )(?<!\bwho )"
    r"\b(?P<aux>has|have)\s+been\s+(?P<done>[a-z]{2,20}(?:ed|en|nt|wn|rn))\b"
    r"(?=\s+(?:to|for)\s+your?\b|\s*(?:[,.;:]|$))",
    re.I,
)
"""What the agent reports as done to the customer ("your card has been posted to you"):
the practice is that it is ("is posted to you"). Not a relative clause describing a state
("events that have been cancelled", "shoes which have been worn")."""
_CONDITIONAL = re.compile(
    r"\b(?:if|once|when|whenever|until|unless|after|before|whether|as soon as)\b", re.I
)
_ASK_UNTIL = re.compile(
    r"\bwe\s+(?:(?:first|always|also)\s+)?ask\s+you\s+for\s+(?P<what>[^,;:.]{3,160}?),?\s+and\s+"
    r"(?:we\s+)?(?:don['’]t|do\s+not|won['’]t|will\s+not)\s+(?P<act>[a-z][^,;:.]{2,120}?)\s+"
    r"(?:until|till|unless)\s+you(?:['’]ve|\s+have)?\s+"
    r"(?:given|sent|provided|shown|supplied|uploaded|shared)\s+(?:it|them|us\s+it|us\s+them|us)\b",
    re.I,
)
"""An order to ask for something and hold the action until it comes ("we first ask you for
a doctor's note, and don't freeze it until you've given it"), said as the policy: "we need
a doctor's note before we freeze it"."""
_ASK_BEFORE = re.compile(
    r"\bwe\s+(?:(?:first|always|also)\s+)?ask\s+you\s+for\s+(?P<what>[^,;:.]{3,160}?)\s+"
    r"before\s+(?:we\s+)?(?P<act>(?!you\b)[a-z][^,;:.]{2,120})",
    re.I,
)
"""An order to ask for something before an action ("we ask you for a photo before we refund
it"), said as the policy: "we need a photo before we refund it"."""


_ASK_WAIT = re.compile(
    r"\b(?P<ask>we\s+(?:first\s+)?ask\s+you\s+to\s+[^,;:.]{3,160}?),?\s+and\s+wait\s+for\s+"
    r"(?:it|them)\b",
    re.I,
)
"""An order to ask for something and wait for it ("we ask you to reply with a photo first,
and wait for it"): the wait is the agent's; the policy is the ask."""


def _without_internals(text: str) -> str:
    """`text` without the list pieces naming the prompt's internals (`_INTERNAL`): a piece
    between commas (or before "and that …") goes with the comma before it, so "A, the fee
    from the tool's result, and B" reads "A, and B". The first piece cut, the next opens the
    text only if it is a "that" clause ("that out"): otherwise nothing is cut (the voicing
    then has the "internal" problem) rather than leave a list of nouns with no verb."""
    if _INTERNAL.search(text) is None:
        return text
    cuts = [0, *(m.start() for m in _LIST_PIECE.finditer(text)), len(text)]
    pieces = [text[a:b] for a, b in itertools.pairwise(cuts)]
    kept = [piece for piece in pieces if _INTERNAL.search(piece) is None]
    if not kept:
        return text
    if pieces[0] not in kept:
        # the first piece cut: the next opens the text only when it is a clause of its own
        # ("…, that the ticket is emailed to you"), not a noun left without its verb
        opening = _OPENING_THAT.match(kept[0])
        if opening is None:
            return text
        kept[0] = kept[0][opening.end() :]
    if pieces[-1] not in kept and len(kept) > 1 and not re.match(r",\s+and\b", kept[-1]):
        # the last piece cut: the one before it takes its "and"
        kept[-1] = re.sub(r"^,\s+", ", and ", kept[-1])
    return "".join(kept)


_OPENING_THAT = re.compile(r"^(?:,\s+|;\s+|\s+)?(?:and\s+)?that\s+(?=\S)", re.I)


def as_policy(statement: str) -> str:
    """A voiced rule said as the policy a KB states rather than the agent's work: the
    prompt's internals out (`_INTERNAL`), a report of what was done to the customer said as
    what is done ("has been emailed to you" → "is emailed to you", not in a condition), and an
    order to ask for something before an action as what we need ("we ask you for X, and don't
    Y until you've given it" → "we need X before we Y")."""
    statement = ". ".join(_without_internals(part) for part in statement.split(". "))

    def present(found: re.Match[str]) -> str:
        clause = re.split(r"[,.;:]", found.string[: found.start()])[-1]
        if _CONDITIONAL.search(clause):
            return found.group(0)
        verb = "is" if found["aux"].lower() == "has" else "are"
        return f"{verb} {found['done']}"

    statement = _REPORTED_PASSIVE.sub(present, statement)
    statement = _ASK_WAIT.sub(lambda m: m["ask"], statement)
    statement = _ASK_UNTIL.sub(lambda m: f"we need {m['what']} before we {m['act']}", statement)
    return _ASK_BEFORE.sub(lambda m: f"we need {m['what']} before we {m['act']}", statement)


_AGENT_YOU = (
    (re.compile(r"\byou['’]ve\b"), "we've"),
    (re.compile(r"\byou['’]re\b"), "we're"),
    (re.compile(r"\byou['’]ll\b"), "we'll"),
    (re.compile(r"\byourself\b"), "ourselves"),
    (re.compile(r"\byour\b"), "our"),
    (re.compile(r"\byou\b"), "we"),
)


def _agent_head(head: str) -> str:
    """A case head whose "you" is the agent the prompt speaks to, not the customer ("Once you
    have it", "Before you send one": what the agent has or does) said as us ("Once we have
    it"). Only a head on a time word, with no customer in it: "If you're under 18" (said to
    the customer by `person_case`) opens on "if", and one naming the customer keeps "you"."""
    if not re.match(r"(?:once|before|after|until|as soon as)\b", head, re.I):
        return head
    if not re.search(r"\byou\b", head, re.I) or re.search(
        r"\b(?:customer|client|member|them|they|their)\b", head, re.I
    ):
        return head
    if not re.search(r"\byou\s+(?:have|get|receive|hold|see|send|book|check|confirm)\b", head):
        return head
    for pattern, instead in _AGENT_YOU:
        head = pattern.sub(instead, head)
    return head


_SOMEONE_HEAD = re.compile(
    r"^(?P<conj>if|when|whenever|once|unless)\s+(?:a|an)\s+(?P<noun>[a-z]{3,20})\s+"
    r"(?P<verb>(?:has|owns)(?=\s+(?:a|an|the|no|more|any|two|some)\b)|wants|needs|asks|brings|"
    r"keeps|lives)\b",
    re.I,
)


def _head_to_you(head: str) -> str:
    """A case naming someone ("If an applicant has a cat") said to them, as the rule after it
    is ("If you have a cat, … we tell you …"): one voice in the sentence. Only a person's noun
    (a customer's, or one made of "-ant"/"-ent" but "-ment": "applicant", "resident") with a
    verb only a person does."""
    found = _SOMEONE_HEAD.match(head)
    if found is None or re.search(r"\byou\b", head, re.I):
        return head
    noun = found.group("noun").lower()
    person = noun in _CUSTOMER_NOUNS or (
        re.search(r"(?:ant|ent)$", noun) is not None and not noun.endswith("ment")
    )
    if not person or noun in _STAFF:
        return head
    verb = found.group("verb").lower()
    verb = {"has": "have"}.get(verb, verb[:-1] if verb.endswith("s") else verb)
    return f"{found.group('conj')} you {verb}{head[found.end() :]}"


# ---------------------------------------------------------------------------------------------
# which rule, which sentences
# ---------------------------------------------------------------------------------------------


def _stems(text: str) -> set[str]:
    return {word for word in terms(text) if len(word) > 2 and not word.isdigit()}


def sentences_of(text: str | None) -> list[str]:
    """The sentences of a prompt or a reply, as this module splits them."""
    return [s for s in _SENTENCE_END.split(_flat(text or "")) if s.strip()]


_sentences = sentences_of  # this module's own name for it


def condition_words(facts: ChangeFacts) -> set[str]:
    """The stems of what the change's condition names: a category's values ("road" of
    `scooter_class = road`), a yes/no variable's own words ("coroner" of `coroner = true`);
    numeric bounds and topic tags name no case in words."""
    condition = facts.condition
    if condition is None:
        return set()
    found: set[str] = set()
    for atom in condition.atoms:
        if atom.op == "tag":
            continue
        values = atom.value if isinstance(atom.value, tuple) else (atom.value,)
        if any(isinstance(value, bool) for value in values):
            found |= _stems(atom.feature.rsplit(".", 1)[-1].replace("_", " "))
        for value in values:
            if isinstance(value, str):
                found |= _stems(value.replace("_", " "))
    return found - {"lookup", "true", "false", "yes"}


_GLOSS = re.compile(
    r"\b(?P<word>[A-Za-z][\w'’-]{0,30}(?:\s[A-Za-z][\w'’-]{0,30}){0,2})"
    r"\s\((?P<gloss>[A-Za-z][A-Za-z' -]{2,40})\)"
)
"""A name of up to three words and the prompt's gloss of it in brackets ("Nucleus colonies
(live bees)")."""


def case_gloss(words: set[str], said: NewRule) -> set[str]:
    """The stems of the new rule's gloss of the changed case, two words or more, when it says
    one in brackets right after the case's name ("live bees" of "Nucleus colonies (live
    bees)"): an aside naming the gloss ("even live bees") brings the case in too."""
    for found in _GLOSS.finditer(said.prompt[:_MAX]):
        gloss = _stems(found["gloss"])
        if len(gloss) >= 2 and _stems(found["word"]) & words:
            return gloss
    return set()


def case_words(facts: ChangeFacts, said: NewRule) -> set[str]:
    """The condition's words the new rule names the case with ("block" of `block_booking`,
    not "booking", which a KB says of every lesson)."""
    return condition_words(facts) & _stems(said.prompt)


@dataclass(frozen=True)
class RestRule:
    """The old handling the new prompt keeps for the other cases, under a head of its own."""

    sentence: str
    head: str
    """Its head in the KB's voice ("For deposits paid in cash")."""
    words: frozenset[str]
    """The stems its head names the others by ("cash")."""


def rest_rule(facts: ChangeFacts, said: NewRule) -> RestRule | None:
    """The new prompt's rule for the other cases, when the changed case's rule has a label
    ("Deposits paid by card: …") and another sentence of the new prompt has a label of the
    same words but the case's, naming none of the case's words ("Deposits paid in cash: …"),
    and restates the old rule (`_MIN_FOUND` of its words); None otherwise."""
    label = _LABEL.match(said.prompt)
    if not facts.restricted or label is None:
        return None
    case = case_words(facts, said)
    base = _stems(label["label"]) - case
    if not case and base:
        return _rest_past_bound(facts, said, label["label"])
    if not case or not base:
        return None
    old = {word for text in touched_sentences(facts)[0] for word in _stems(text)}
    for sentences in facts.prompt_sections.values():
        for sentence in (part for s in sentences for part in _sentences(s)):
            own = _LABEL.match(sentence)
            if own is None or sentence in said.prompt:
                continue
            named = _stems(own["label"])
            if named & case or not base <= named or not named - base:
                continue
            if len(_stems(sentence[own.end() :]) & old) < _MIN_FOUND:
                continue
            voice = voiced(sentence)
            if voice is not None and voice.head:
                return RestRule(sentence, voice.head, frozenset(named - base))
    return None


def _bound_sides(facts: ChangeFacts) -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """(the changed side, the other side) of each numeric bound of the change's condition, as
    patterns of how a text says them ("over £250", "£250 or less")."""
    condition = facts.condition
    sides: list[tuple[re.Pattern[str], re.Pattern[str]]] = []
    for atom in condition.atoms if condition is not None else ():
        if atom.op not in ("<", "<=", ">", ">=") or not isinstance(atom.value, (int, float)):
            continue
        if isinstance(atom.value, bool):
            continue
        below = atom.op.startswith("<")
        value = float(atom.value)
        sides.append((side_pattern(value, below), side_pattern(value, not below)))
    return sides


def _without_sides(label: str, sides: Sequence[re.Pattern[str]]) -> str:
    """`label` with every one of `sides` taken out (a band's two bounds alike)."""
    for side in sides:
        label = side.sub(" ", label)
    return label


def _rest_past_bound(facts: ChangeFacts, said: NewRule, label: str) -> RestRule | None:
    """The others' rule when the case is a side of a number's bound ("Lights costing over
    £250: …"): another label of the new prompt with the same words saying the other side
    ("Lights costing £250 or less: …"), restating the old rule; None otherwise."""
    sides = [pair for pair in _bound_sides(facts) if pair[0].search(label)]
    if not sides:
        return None
    # the label's words but its sides of the bounds ("over", "up to"): what both labels name
    base = _stems(_without_sides(label, [changed for changed, _ in sides]))
    if not base:
        return None
    old = {word for text in touched_sentences(facts)[0] for word in _stems(text)}
    for sentences in facts.prompt_sections.values():
        for sentence in (part for s in sentences for part in _sentences(s)):
            own = _LABEL.match(sentence)
            if own is None or sentence in said.prompt:
                continue
            other = own["label"]
            if not any(rest.search(other) for _, rest in sides):
                continue
            if not base <= _stems(_without_sides(other, [rest for _, rest in sides])):
                continue
            if any(changed.search(other) for changed, _ in sides):
                continue
            if len(_stems(sentence[own.end() :]) & old) < _MIN_FOUND:
                continue
            voice = voiced(sentence)
            if voice is not None and voice.head:
                return RestRule(sentence, voice.head, frozenset())
    return None


def _without_rest(rest: RestRule | None, text: str, kept: Sequence[str]) -> list[str]:
    """`kept` without the others' rule (`rest_rule`) when `text` names none of the others: a
    sentence as close to it as to the old rule still claims the old handling for everyone."""
    if rest is None or _stems(text) & rest.words:
        return list(kept)
    return [sentence for sentence in kept if sentence != rest.sentence]


def _prompt_rules(facts: ChangeFacts) -> list[Rule]:
    return [r for r in facts.rules if r.kind.startswith("sentence_") or r.kind == "section_added"]


def passages(facts: ChangeFacts) -> list[str]:
    """The new prompt text behind the change, a passage per run of sentences the change's hunks
    added (or rewrote) next to each other in a section (a bullet said in two sentences is one
    rule), in the prompt's order; a sentence saying a case of its own ("When …", "Overseas
    orders: …") or of another kind of hunk starts a new one; a hunk's text the sections do not
    hold is a passage alone."""
    rules = _prompt_rules(facts)
    kinds = {s: rule.kind for rule in rules for s in _sentences(rule.new)}
    # what each rewritten sentence says anew ("NHS App" of "… over chat" → "… in the NHS App")
    anew = {
        s: _stems(rule.new or "") - _stems(rule.old or "")
        for rule in rules
        if rule.kind == "sentence_changed"
        for s in _sentences(rule.new)
    }
    found: list[str] = []
    placed: set[str] = set()
    for sentences in facts.prompt_sections.values():
        run: list[str] = []
        for sentence in (part for s in sentences for part in _sentences(s)):
            head = _HEAD.match(sentence)
            starts = sentence in kinds and bool(
                # a head only pointing back ("When a customer books the delivery of one"):
                # the sentence before says the case, so the two are one rule
                (head is not None and not POINTS_BACK.search(head.group("head")))
                or _LABEL.match(sentence)
                or _OTHERS.match(sentence)
            )
            # a sentence added right after a rewritten one, going on with what it says anew
            # ("Patients who don't use the NHS App can call …"), is the same rule
            goes_on = (
                run
                and kinds.get(sentence) == "sentence_added"
                and len(_stems(sentence) & anew.get(run[-1], set())) >= _MIN_SHARED
            )
            other_kind = sentence in kinds and kinds[sentence] != kinds[run[-1]] if run else False
            if run and (sentence not in kinds or starts or (other_kind and not goes_on)):
                found.append(" ".join(run))
                run = []
            if sentence in kinds:
                run.append(sentence)
                placed.add(sentence)
        if run:
            found.append(" ".join(run))
    for rule in rules:
        rest = [s for s in _sentences(rule.new) if s not in placed]
        if rest:
            found.append(" ".join(rest))
            placed.update(rest)
    # a rule's steps the section goes on with (`facts.next_steps`) are said with it
    steps = {_flat(k): [_flat(v) for v in vs] for k, vs in facts.next_steps.items()}
    out = []
    for passage in found:
        more = [
            step
            for key, following in steps.items()
            if passage.endswith(key)
            for step in following
            if step not in passage
        ]
        out.append(" ".join([passage, *more]))
    return out


def new_rule(facts: ChangeFacts) -> NewRule | None:
    """The changed case's rule, voiced: of the passages behind the change, the one naming most
    of the condition's words (a change for everyone: the first; of those naming as many, one
    calling no tool the change dropped), said without the prompt's internals."""
    wanted = condition_words(facts) if facts.restricted else set()
    negated = _negated_words(facts)
    called = {action.name for action in facts.after_actions}
    dropped = [action.name for action in facts.before_actions if action.name not in called]
    best: tuple[int, bool, int, NewRule] | None = None
    values = _condition_values(facts)
    for order, passage in enumerate(passages(facts)):
        said = voiced(passage)
        if said is None and (plain := voiced(_values_said(passage, values))) is not None:
            said = NewRule(passage, plain.head, plain.statement)
        if said is None:
            continue
        named = len(_stems(passage) & wanted) + _bounds_stated(facts, passage)
        if facts.restricted and named == 0:
            continue
        # a yes/no variable's "no" case is said with a negation ("customers who aren't
        # members"), its "yes" case without one
        for word in wanted & _stems(passage):
            if (word in negated) == bool(_negated_near(word).search(passage)):
                named += 1
        # of passages naming the case as much, not one still calling a tool the change's
        # conversations no longer call ("Every order goes by courier, except …: call
        # `book_courier`"): that is the others' rule
        key = (named, not calls_dropped(passage, dropped), -order)
        if best is None or key > best[:3]:
            best = (*key, said)
    return best[3] if best is not None else None


_MAX_TOPIC_PASSAGES = 3
"""The passages of a whole-topic change said together as its rule, at most."""


def _whole_topic_rule(facts: ChangeFacts) -> NewRule | None:
    """The rule of a change that reaches everyone on its topic (a condition of topic tags
    alone, which names no case in words): every passage behind it, in the prompt's order, each
    voiced, said together ("For renewing a loan, we renew the loan ourselves. The loan is
    renewed …"): the topic's whole new way, the first passage's case its head. None when no
    passage is left with anything a customer is told."""
    said = [rule for p in passages(facts)[:_MAX_TOPIC_PASSAGES] if (rule := voiced(p))]
    if not said:
        return None
    first, rest = said[0], said[1:]
    statement = ". ".join([first.statement, *(r.sentence.rstrip(".") for r in rest)])
    # a head whose subject is a pronoun ("If one has stopped working") points back at the
    # prompt's sentence before it, which the item does not hold: the topic is the item's own,
    # so the head goes rather than dangle
    head = None if first.head and _PRONOUN_HEAD.match(first.head) else first.head
    return NewRule(" ".join(r.prompt for r in said), head, statement)


_PRONOUN_HEAD = re.compile(
    r"^(?:if|when|whenever|once|as soon as)\s+"
    r"(?:one|they|these|those|it(?!['’]s|\s+(?:is|was)\b))\b",
    re.I,
)
"""A case head whose subject is a pronoun, not an "it" of time or state ("If it's been over
30 days" keeps its head)."""


def written_rule(facts: ChangeFacts) -> NewRule | None:
    """The rule the last-resort writer says (`prompt_rule_edit`, `targets`, and a drafting
    model's fact of it): `new_rule`, or for a change reaching everyone on its topic, whose
    condition names no case in words so no passage is picked by it, every passage behind it
    (`_whole_topic_rule`), or for a change scoped by a line whose rule names no case a reader
    would know, the new prompt's rule for both sides of the line (`sided_rule`). The other
    readers of `new_rule` (the new fact's completion, the finders) keep it as it is."""
    said = new_rule(facts)
    if said is None and facts.restricted and facts.whole_topic:
        return _whole_topic_rule(facts)
    if topic_scoped(facts) and (
        said is None
        or (
            said.head is None
            and not _subject_case(facts, said)
            and not two_sided(facts, said.prompt)
        )
    ):
        return sided_rule(facts) or said
    return said


def _subject_case(facts: ChangeFacts, said: NewRule) -> bool:
    """Whether the rule names its case in its subject in the condition's words ("Opened paint
    sets are refunded at half"): said beside the narrowed claim, a case a reader knows."""
    words = case_words(facts, said)
    return len(_stems(said.statement) & words) >= min(2, len(words)) if words else False


# ---------------------------------------------------------------------------------------------
# a change scoped by a line (a bound, a band) or a category, said for both sides
# ---------------------------------------------------------------------------------------------

_RANGE_TO = re.compile(
    r"\b(?:between\s+)?(?P<low>\d{1,9}(?:\.\d{1,4})?)\s*(?:and|to|-|–|—)\s*[$€£]?"
    r"(?P<high>\d{1,9}(?:\.\d{1,4})?)(?![\d.,]\d)",
    re.I,
)
"""A range said with both its ends ("between 2 and 8", "2 to 8", "$50–$200"): its top end is
the near side of a line at that number."""
_MAX_RUN = 3
"""The sentences one side's rule runs to in the prompt, its case sentence first, at most."""


def _lines(facts: ChangeFacts) -> list[tuple[float, bool]]:
    """(number, whether the changed side is below it) of each line the condition draws: a
    bound ("order_total > 200": 200, above), each end of a band ("8 < party <= 10": 8,
    above; 10, below)."""
    condition = facts.condition
    found: list[tuple[float, bool]] = []
    for atom in condition.atoms if condition is not None else ():
        if atom.op == "between":
            if isinstance(atom.low, (int, float)) and not isinstance(atom.low, bool):
                found.append((float(atom.low), False))
            if isinstance(atom.high, (int, float)) and not isinstance(atom.high, bool):
                found.append((float(atom.high), True))
            continue
        if atom.op not in ("<", "<=", ">", ">=") or isinstance(atom.value, (bool, str, tuple)):
            continue
        if atom.value is not None:
            found.append((float(atom.value), atom.op.startswith("<")))
    return found


def _side_said(text: str, value: float, below: bool) -> bool:
    """Whether `text` names the side of the line at `value` (below it or not) with its number
    ("over $200", "3 days or fewer"; "between 2 and 8" is below a line at 8)."""
    if side_pattern(value, below).search(text):
        return True
    # a unit between the number and its side ("3 days or fewer", "18 years and over", "12
    # months ago or less")
    amount = rf"[$€£]?{number_source(value)}(?![\d.,]\d)"
    tail = r"or (?:less|fewer|under|below)" if below else r"(?:or|and) (?:more|over|above)"
    if re.search(rf"(?<![\d.,]){amount}(?:\s[a-z]{{2,12}}){{1,2}}\s{tail}\b", text, re.I):
        return True
    if not below:
        return False
    return any(
        float(found["high"]) == value and float(found["low"]) < value
        for found in _RANGE_TO.finditer(text)
    )


def _sides_said(facts: ChangeFacts, text: str) -> tuple[bool, bool]:
    """(whether `text` names the changed side of one of the condition's lines, whether it
    names the other side of one); a category's case and "all other …" / "everyone else" read
    the same way."""
    text = text[:_MAX]
    changed = other = False
    for value, below in _lines(facts):
        changed = changed or _side_said(text, value, below)
        other = other or _side_said(text, value, not below)
    words = condition_words(facts)
    if words and not _lines(facts):
        for piece in re.split(r"[.;:]\s+|,\s+(?:and\s+|but\s+)?", text):
            own = _stems(piece)
            if _OTHERS.match(piece.strip()) or re.search(
                r"\b(?:every|any|all)\s+other\b|\beveryone else\b|\botherwise\b", piece, re.I
            ):
                other = True
            elif own & words:
                changed = True
    return changed, other


def two_sided(facts: ChangeFacts, passage: str) -> bool:
    """Whether a passage of the new prompt says the rule on both sides of the change's line
    ("Hires of more than 3 days pay £80; hires of 3 days or fewer pay £50", "Orders up to $200:
    … Orders over $200: …"), or for its category and everyone else: said whole, it is true for
    every case, so it can stand where the KB claimed one rule for all."""
    changed, other = _sides_said(facts, passage)
    return changed and other


_SIDE_RUNS: LastChange[list[tuple[str, str]]] = LastChange()


def _side_runs(facts: ChangeFacts) -> list[tuple[str, str]]:
    """`_read_side_runs`, read once per change (its rules, condition and prompt as they are),
    not again for every item and every sentence."""
    key = (
        tuple(facts.rules),
        tuple(facts.conditions),
        tuple((name, tuple(said)) for name, said in facts.prompt_sections.items()),
    )
    return _SIDE_RUNS.get(facts, key, lambda: _read_side_runs(facts))


def _read_side_runs(facts: ChangeFacts) -> list[tuple[str, str]]:
    """The new prompt's rule on each side of the change's line, as (side, text) runs in the
    prompt's order: a sentence naming one side ("changed", "other", or "both") and the
    sentences after it the change added or rewrote that go on with it (no case of their own,
    up to `_MAX_RUN` in all; one the prompt keeps too, between one side and the other:
    `_between_sides`), in the section holding the change's rewritten or added sentences.
    Empty unless one run says the changed side and one the other (or one both), next to each
    other, and one of them holds a sentence the change added or rewrote."""
    rules = _prompt_rules(facts)
    diff = change_diff(facts)
    # a sentence of the hunks the new prompt keeps, reworded or not ("With enough notice,
    # cancel it with …"), is an instruction beside the rule, no side's rule going on
    again = diff.said_again if diff is not None else frozenset()
    new_text = {
        s for rule in rules for s in _sentences(rule.new) if " ".join(s.split()) not in again
    }
    sections = {rule.section for rule in rules if rule.new}
    for name, sentences in facts.prompt_sections.items():
        if name not in sections:
            continue
        runs: list[tuple[str, list[str], bool]] = []
        for sentence in [part for s in sentences for part in _sentences(s)][:_MAX_SECTION]:
            changed, other = _sides_said(facts, sentence)
            side = (
                "both" if changed and other else "changed" if changed else "other" if other else ""
            )
            if side:
                runs.append((side, [sentence], True))
                continue
            starts = _HEAD.match(sentence) or _LABEL.match(sentence) or _OTHERS.match(sentence)
            # a sentence the change added or rewrote right after a side's goes on with it; a
            # sentence the new prompt keeps is a rule of its own
            going_on = runs and runs[-1][0] in ("changed", "other") and sentence in new_text
            if going_on and not starts and len(runs[-1][1]) < _MAX_RUN:
                runs[-1][1].append(sentence)
            else:
                runs.append(("", [sentence], bool(starts)))
        sided = _between_sides(runs)
        for at, (side, said) in enumerate(sided):
            if side == "both" and set(said) & new_text:
                return [(side, " ".join(said))]
            if at + 1 >= len(sided):
                continue
            next_side, next_said = sided[at + 1]
            if {side, next_side} == {"changed", "other"} and set(said + next_said) & new_text:
                return [(side, " ".join(said)), (next_side, " ".join(next_said))]
    return []


_MAX_SECTION = 400
"""The sentences of a prompt section read for the sides of a line, at most."""


def _between_sides(runs: list[tuple[str, list[str], bool]]) -> list[tuple[str, list[str]]]:
    """`runs` as (side, sentences), a sentence with no case of its own that sits between one
    side's run and the other side's going on with the first, kept by the new prompt or not
    ("Orders up to $200: refund it. The customer needn't send the item back. Orders over
    $200: …": the middle sentence is the first side's); a sentence after the last side is a
    rule of its own."""
    merged: list[tuple[str, list[str]]] = []
    at = 0
    while at < len(runs):
        side, said, _ = runs[at]
        said = list(said)
        while (
            side in ("changed", "other")
            and at + 2 < len(runs)
            and runs[at + 1][0] == ""
            and not runs[at + 1][2]
            and {side, runs[at + 2][0]} == {"changed", "other"}
            and len(said) < _MAX_RUN
        ):
            said += runs[at + 1][1]
            at += 1
        merged.append((side, said))
        at += 1
    return merged


def sided_rule(facts: ChangeFacts) -> NewRule | None:
    """The new prompt's rule for both sides of the change's line, voiced: each side's run
    (`_side_runs`) said under its own case ("For orders up to $200, we refund it ourselves
    …. For orders over $200, we pass it to our Billing team …"), in the
    prompt's order; None when the prompt says one side only, or a side cannot be said without
    the prompt's internals or, once voiced, no longer names its side."""
    runs = _side_runs(facts)
    if not runs:
        return None
    said = [voiced(text) for _, text in runs]
    if any(rule is None for rule in said):
        return None
    rules = [rule for rule in said if rule is not None]
    for (side, _), rule in zip(runs, rules, strict=True):
        changed, other = _sides_said(facts, rule.sentence)
        if not (changed if side == "changed" else other if side == "other" else changed and other):
            # each side's rule must still name its side once voiced ("For orders over $200")
            return None
    statement = " ".join(_one_sentence(rule.sentence) for rule in rules).rstrip(".")
    return NewRule(" ".join(text for _, text in runs), None, statement)


_JOINABLE = re.compile(r"(?:you|we|our|your|the|it|they|there|this)\b", re.I)


def _one_sentence(said: str) -> str:
    """A side's rule said as one sentence, so its case covers all of it ("For items worth £60
    or less, we refund it straight away. You don't need to send a photo." → "…, we refund it
    straight away, and you don't need to send a photo."): a later sentence alone would state
    for every case what holds on one side. Two sentences only, the second opening on a
    pronoun or "the", neither joined by ", and" already; anything else as it was."""
    parts = [part for part in re.split(r"(?<=[.!])\s+", said.strip()) if part]
    if len(parts) != 2 or _JOINABLE.match(parts[1]) is None or parts[0].endswith("!"):
        return said
    if any(re.search(r",\s+and\b", part) for part in parts):
        return said  # "…, and …, and …" no longer reads
    second = parts[1]
    if not re.match(r"I\b", second):
        second = second[:1].lower() + second[1:]
    return f"{parts[0].rstrip('.')}, and {second}"


def sided_elsewhere(facts: ChangeFacts, rule_text: str | None) -> bool:
    """Whether a prompt sentence a writer would say is no side's rule while the new prompt says
    the rule on both sides (`sided_rule`): a lead naming neither side ("…, what you do
    depends on the item value.") states no fact of the change, and the sides' rule is the one
    to write."""
    if not rule_text:
        return False
    changed, other = _sides_said(facts, rule_text)
    return not changed and not other and sided_rule(facts) is not None


def topic_scoped(facts: ChangeFacts) -> bool:
    """Whether the change holds for some cases only, its rule said beside the others' (a
    change reaching everyone on its topic replaces the topic's rule where the KB states it)."""
    return facts.restricted and not facts.whole_topic


def _condition_values(facts: ChangeFacts) -> set[str]:
    """The condition's category values, in lower case (`normal` of `result_status = normal`)."""
    condition = facts.condition
    if condition is None:
        return set()
    found: set[str] = set()
    for atom in condition.atoms:
        values = atom.value if isinstance(atom.value, tuple) else (atom.value,)
        found |= {value.lower() for value in values if isinstance(value, str) and atom.op != "tag"}
    return found


_CODE_WORD = re.compile(r"`(?P<word>[A-Za-z][A-Za-z -]{0,40})`")


def _values_said(passage: str, values: Collection[str]) -> str:
    """`passage` with the condition's values it quotes as code said as words ("If the status
    is `normal`" → "If the status is normal"): the case, not the prompt's internals."""
    return _CODE_WORD.sub(
        lambda m: m["word"] if m["word"].lower() in values else m.group(0), passage[:_MAX]
    )


_FIELD_HEAD = re.compile(
    r"^(?P<lead>if|when)\s+the\s+(?P<field>[a-z]+)\s+is\s+(?P<value>[a-z][a-z -]{0,40})$", re.I
)
"""A case said as the prompt's field ("If the status is normal")."""
_NAMED_AFTER = re.compile(r"\s+(?P<first>[A-Za-z]+)(?:\s+(?P<second>[A-Za-z]+))?")


def _is_plural(word: str) -> bool:
    return len(word) > 3 and word.lower().endswith("s") and not word.lower().endswith("ss")


def _singular(word: str) -> str:
    if word.lower().endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if _is_plural(word) else word


def kb_named_head(
    said: NewRule, texts: Sequence[str], body: str, values: Collection[str]
) -> NewRule:
    """`said` with a case said by the prompt's field ("If the status is normal") said by the
    KB's own noun for what has that value, read from the sentences it rewrites ("normal test
    results" → "If your test result is normal"); as it was when the KB uses the field's word
    itself or names nothing after the value."""
    case = _FIELD_HEAD.match(said.head or "")
    if case is None or case["value"].lower() not in values:
        return said
    if re.search(rf"\b{re.escape(case['field'])}\b", body[:_MAX_BODY], re.I):
        return said
    value = re.compile(rf"\b{re.escape(case['value'])}\b", re.I)
    for text in texts:
        for found in value.finditer(text[:_MAX]):
            after = _NAMED_AFTER.match(text, found.end())
            if after is None or after["first"].lower() in STOPWORDS:
                continue
            words = [after["first"]]
            second = after["second"]
            if (
                not _is_plural(words[0])
                and second
                and _is_plural(second)
                and second.lower() not in STOPWORDS
            ):
                words.append(second)  # "normal test results"
            noun = " ".join([*words[:-1], _singular(words[-1])]).lower()
            head = f"{case['lead']} your {noun} is {case['value']}"
            return NewRule(said.prompt, head, said.statement)
    return said


_BELOW = r"(?:under|below|less than|fewer than|no more than|at most|up to)"
_ABOVE = r"(?:over|above|more than|at least|no less than)"


def number_source(value: float) -> str:
    """A regex source for `value` as people write it: plain ("1000", "1000000", "4.5") or with
    thousands separators ("1,000", "1,000,000"), never an exponent."""
    plain = plain_number(value)
    whole, _, fraction = plain.partition(".")
    grouped = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    if grouped == plain:
        return re.escape(plain)
    return f"(?:{re.escape(plain)}|{re.escape(grouped)})"


def side_pattern(value: float, below: bool) -> re.Pattern[str]:
    """A line's side said with its number ("under £100", "£1,000 or more"), below or not."""
    amount = rf"[$€£]?{number_source(value)}(?![\d.,]\d)"
    if below:
        source = rf"\b{_BELOW}\s{{1,3}}{amount}|{amount}\s{{1,3}}or (?:less|fewer|under|below)\b"
    else:
        source = rf"\b{_ABOVE}\s{{1,3}}{amount}|{amount}\s{{1,3}}(?:or|and) (?:more|over|above)\b"
    return re.compile(source, re.I)


def _bounds_stated(facts: ChangeFacts, passage: str) -> int:
    """How many of the condition's numeric bounds the passage states on the changed side
    ("under £100" of `parcel_value < 100`): a number names the case only with its side, as
    "£100 or more" names the others."""
    condition = facts.condition
    if condition is None:
        return 0
    text = passage[:_MAX]
    found = 0
    for atom in condition.atoms:
        if atom.op == "between" and isinstance(atom.low, (int, float)):
            # a band ("over 7 ft and up to 10 ft" of `7 < height <= 10`): its lower bound said
            # as the band's side of it
            found += bool(side_pattern(float(atom.low), False).search(text))
            continue
        if atom.op not in ("<", "<=", ">", ">=") or isinstance(atom.value, (bool, str, tuple)):
            continue
        if atom.value is None:
            continue
        if side_pattern(float(atom.value), atom.op.startswith("<")).search(text):
            found += 1
    return found


def _negated_words(facts: ChangeFacts) -> set[str]:
    """The stems of the condition's yes/no variables whose changed case is "no"."""
    condition = facts.condition
    if condition is None:
        return set()
    found: set[str] = set()
    for atom in condition.atoms:
        if atom.op != "tag" and atom.value is False:
            found |= _stems(atom.feature.rsplit(".", 1)[-1].replace("_", " "))
    return found


def _negated_near(word: str) -> re.Pattern[str]:
    """A negation up to four words before a word with this stem ("who aren't members")."""
    return re.compile(
        r"\b(?:not|no|non|without|aren[’']t|isn[’']t|don[’']t|doesn[’']t|never)\b"
        rf"(?:\W+\w+){{0,4}}?\W+{re.escape(word)}\w*|\bnon-?{re.escape(word)}|\bun{re.escape(word)}",
        re.I,
    )


def touched_sentences(facts: ChangeFacts) -> tuple[list[str], list[str]]:
    """(old prompt sentences the change rewrote, removed or excepted; sentences the new prompt
    keeps as they were). An added rule excepts the kept sentence of its section it shares most
    words with."""
    rules = _prompt_rules(facts)
    new_text = {s for rule in rules for s in _sentences(rule.new)}
    kept = [
        said
        for sentences in facts.prompt_sections.values()
        for said in (part for s in sentences for part in _sentences(s))
        if said and said not in new_text
    ]
    touched = [s for rule in rules if rule.old for s in _sentences(rule.old) if s not in kept]
    excepted: list[str] = []
    rewritten_sections = {rule.section for rule in rules if rule.old}
    for rule in rules:
        if rule.old or not rule.new or rule.section in rewritten_sections:
            # a sentence added beside a rewritten one is part of that rewrite, no exception
            continue
        own = _stems(rule.new)
        stated = _old_values_stated(facts)
        section = [
            part
            for s in facts.prompt_sections.get(rule.section or "", [])
            for part in _sentences(s)
            if part in kept
        ]
        # the rule stating a moved argument's old value ("credit_percent 50") is the one an
        # exception departs from, however many words another shares with it
        scored = sorted(
            ((len(_stems(s) & own) + (10 if stated(s) else 0), s) for s in section), reverse=True
        )
        if scored and scored[0][0] >= _MIN_SHARED:
            excepted.append(scored[0][1])
    touched += excepted
    return touched, [s for s in kept if s not in excepted]


def _old_values_stated(facts: ChangeFacts) -> Callable[[str], bool]:
    """Whether a prompt sentence states a moved argument's old value next to its name."""
    patterns = []
    for moved in facts.moved:
        olds = {f"{old:g}" for _, old, _ in moved.values}
        name = re.escape(moved.argument).replace("_", "[_ ]")
        for old in olds:
            patterns.append(re.compile(rf"\b{name}\W{{1,3}}{re.escape(old)}\b", re.I))
    return lambda text: any(p.search(text) for p in patterns)


def _aligned(
    text: str,
    touched: Sequence[str],
    kept: Sequence[str],
    least: int = _MIN_SHARED,
    skip: Collection[str] = (),
) -> bool:
    own = _stems(text) - set(skip)
    best_touched = max((len(own & _stems(s)) for s in touched), default=0)
    best_kept = max((len(own & _stems(s)) for s in kept), default=0)
    if best_touched >= least and best_touched == best_kept:
        # as close to a kept sentence as to a rewritten one ("fast for 12 hours" beside the
        # kept "fast for 8 hours"): the numbers it states say which it restates
        said = numbers_said(text[:_MAX])  # "twelve hours" states 12 as "12 hours" does
        if not said:
            return False
        closest = [s for s in touched if len(own & _stems(s)) == best_touched]
        rivals = [s for s in kept if len(own & _stems(s)) == best_kept]
        return any(said & set(_NUMBERS.findall(s)) for s in closest) and not any(
            said & set(_NUMBERS.findall(s)) for s in rivals
        )
    return best_touched >= least and best_touched > best_kept


_LINKING = frozenset({"that'", "that", "this", "why", "which", "because", "reason"})
"""Words tying a sentence to the one before ("That's why …"): they say nothing more."""
_NUMBERS = re.compile(r"(?<![\d.,])\d{1,9}(?:\.\d{1,4})?(?![\d])")


_EXCLUSIVE = re.compile(
    r"\bonly\b|\b[a-z]+-only\b|\breserved for\b|\bnothing else\b|\bno other\b"
    r"|\balone\b|\bexclusively\b",
    re.I,
)
"""A word saying one thing is the only one allowed ("only", "trade-only", "reserved for",
"nothing else", "no other", "… alone", "exclusively")."""
_RESTRICTED = re.compile(
    r"\b(?:only|reserved for|exclusively)\b([^.:;,!?|()]{1,120})|\b([a-z]+)-only\b"
    r"|\bfor\s+([^.:;,!?|()]{1,60}?)\s+only\b",
    re.I,
)
"""What an exclusive claim keeps to: the words after "only" up to the clause's end ("only
for members"), or the word before "-only" ("members-only")."""


_EXCLUSIVE_STEMS = frozenset(
    _stems("only alone exclusively reserved nothing else other") | {"only"}
)
"""The stems of the exclusive words themselves: no topic of a claim."""


def _restricted(sentence: str) -> frozenset[str]:
    """The stems of what a sentence's exclusive claims keep to (`_RESTRICTED`)."""
    return frozenset(
        word
        for found in _RESTRICTED.finditer(sentence[:_MAX])
        for word in _stems(found.group(1) or found.group(2) or found.group(3) or "")
    )


@dataclass(frozen=True)
class Exclusive:
    """An exclusive claim the change dropped: the old prompt sentence saying it, the new side
    of its hunk ("" when removed) and the old sentence's stems."""

    old: str
    new: str
    stems: frozenset[str]
    restricted: frozenset[str] = frozenset()
    """What the claim kept to: the stems of the words after its "only" (`_restricted`)."""


def dropped_exclusives(facts: ChangeFacts) -> list[Exclusive]:
    """Each old prompt sentence that said one thing was the only one allowed (`_EXCLUSIVE`: "we
    prove an address only with a utility bill", "Bouldering is only for members") where the
    new side of its hunk says no such thing (the sentence rewritten without it, or removed):
    the exclusive claim the change dropped."""
    found = []
    for rule in _prompt_rules(facts):
        if not rule.old or (rule.new and _EXCLUSIVE.search(rule.new[:_MAX])):
            continue
        olds = [s for s in _sentences(rule.old) if _EXCLUSIVE.search(s[:_MAX])]
        news = _sentences(rule.new)
        for sentence in olds:
            # the new sentence it became: the one sharing most words with it
            own = _stems(sentence)
            twin = max(news, key=lambda text: len(own & _stems(text)), default="")
            found.append(Exclusive(sentence, twin, frozenset(own), _restricted(sentence)))
    return found


def _says_dropped_exclusive(
    text: str,
    under: Under,
    exclusive: Sequence[Exclusive],
    kept: Sequence[set[str]],
    title: str = "",
) -> Exclusive | None:
    """Whether a KB unit says the exclusive claim the change dropped (`dropped_exclusives`),
    read with what it is said under (`context.said_under`): the unit itself says an exclusive
    word and names what the claim was about ("- A utility bill (the only proof of address we
    accept)" under "## What to bring"; "Only if you're a member" under "Can I go
    bouldering?"; "| Bouldering | Members only |") and what the old claim kept to
    (`Exclusive.restricted`: "members"), the unit and
    what it hangs from (its question, lead-in or header row) share two words or more with the
    old sentence, and, read with its section's heading too, it is closer to that sentence than
    to any the new prompt keeps or says anew. A row must be keyed by a word of the claim its
    exclusive cell does not say ("| Trade prices | Trade account holders only |" is another
    service's). A heading alone never puts a unit on the claim's topic."""
    if not exclusive or not _EXCLUSIVE.search(text[:_MAX]):
        return None
    own = _stems(text)
    near = own | _stems(under.near)
    read = near | _stems(under.heading)
    cells = row_cells(text) if text.lstrip().startswith("|") else []
    for dropped in exclusive:
        claim = dropped.stems
        if not own & claim or len(near & claim) < _MIN_SHARED:
            continue
        if not own & dropped.restricted:
            # an exclusive claim of another thing ("Only one kayak per person" beside "hire
            # is only for certified paddlers"): the unit itself names what the claim kept to
            continue
        if not _prefixes(read | _stems(title.rsplit("::", 1)[-1])) & _prefixes(
            set(claim - dropped.restricted - _EXCLUSIVE_STEMS)
        ):
            # the same exclusive claim about another thing ("Early sale access is for members
            # only" beside "Bouldering is for members only"): the unit, what it is said under
            # or the item's title names what the old claim was about, not only whom it was
            # kept to
            continue
        if cells:
            said = " ".join(cell for cell in cells[1:] if _EXCLUSIVE.search(cell))
            if not said or not (_stems(cells[0]) - _stems(said)) & claim:
                continue
        best = len(read & claim) + 1  # the exclusive word itself, no stem of its own
        best_kept = max((len(read & stems) for stems in kept), default=0)
        if best >= _MIN_FOUND and best > best_kept:
            return dropped
    return None


_SECTION_SENTENCES = 40
_KEPT_SENTENCES = 400
"""How many sentences of each section, and of the whole new prompt, are read as kept: a bound
on a huge prompt."""


def aligned_finder(facts: ChangeFacts) -> Callable[[Sequence[Unit], str], list[int]] | None:
    """The finder of the units of an item no other finder marked that state the old rule of a
    change for some customers (None when there is nothing to find), built once per change:
    units naming the changed case in the new rule's words (both words of a two-word case) and
    three content words or more shared with a sentence the change rewrote, removed or
    excepted, more than with any sentence the new prompt keeps or says anew; or a claim of one
    handling for everyone naming the case ("These rules are the same however you paid, whether
    you book lesson by lesson or buy a block"), or on the subject of an every-case claim the old
    prompt made and the new one no longer does ("free for any customer"); or a claim bringing
    the case into the old rule by an aside ("Opened items, paint sets you've tried out
    included: the full price"); or, in an item whose title names the case ("Opened paint or
    ink set"), a claim of the whole amount the change now cuts to a share ("you'll get the
    full price back"). Headings and table rows aside."""
    if not facts.restricted:
        return None
    touched, kept = touched_sentences(facts)
    if not touched:
        return None
    said = new_rule(facts)
    words = case_words(facts, said) if said is not None else set()
    touched_stems = [_stems(s) for s in touched]
    said_passages = passages(facts)
    # a sentence as close to what the new prompt says is the new rule, not the old
    kept_stems = [_stems(s) for s in kept] + [_stems(p) for p in said_passages]
    # the sentences of the new prompt the change left alone: a claim one of them makes itself
    # ("We paint every day of the week, with parties starting …") is its own, not the old rule's
    changed = {" ".join(str(rule.new).split()) for rule in facts.rules if rule.new}
    unchanged = [
        " ".join(sentence.split()).lower()
        for lines in facts.prompt_sections.values()
        for sentence in lines[:_SECTION_SENTENCES]
        if " ".join(sentence.split()) not in changed and len(sentence) <= _MAX
    ][:_KEPT_SENTENCES]
    # the old rule's every-case claims the new prompt no longer makes ("free for every
    # customer" → "free for members"): a KB claim for everyone on their topic states it
    said_now = " ".join(said_passages)
    universal = [
        (stems, _subject(text))
        for text, stems in zip(touched, touched_stems, strict=True)
        if any(m.group(0).strip(" ,") not in said_now for m in EVERY_CASE_CLAIM.finditer(text))
        # "whether they paid by card or cash": the cases listed
        or any(m.group(0).strip(" ,") not in said_now for m in _SAME_FOR_ALL.finditer(text))
    ]

    # what the new rule says only under a denial
    # and the old rule said without a denial ("we can tell you normal results over chat")
    denied_now = (
        set().union(*(_denied_stems(p) for p in said_passages))
        - set().union(*(_stems(_DENIED_CLAUSE.sub(" ", p[:_MAX])) for p in said_passages))
    ) & set().union(*(_stems(_DENIED_CLAUSE.sub(" ", t[:_MAX])) for t in touched))
    # what the condition's categories are kinds of ("contract" of `contract = Standard`)
    kinds = category_nouns(facts.conditions)
    refuses_every_kind = every_kind_refusal(facts) or (lambda text: False)
    share = _share(facts, said)
    unset = _unset_flag_words(facts)
    exclusive = dropped_exclusives(facts)

    values = facts.category_values() or ()
    category_words = {word for value in values for word in _stems(value)}

    def find(item_units: Sequence[Unit], title: str = "") -> list[int]:
        found = []
        about_case = share is not None and _title_names_case(title, words)
        under = said_under(item_units) if exclusive else []
        for index, unit in enumerate(item_units):
            text = unit.text
            if (
                under
                and not unit.raw.lstrip().startswith("#")
                and len(text) <= _MAX
                and _says_dropped_exclusive(text, under[index], exclusive, kept_stems, title)
                is not None
            ):
                # the exclusive claim the change dropped, said where its topic is the
                # question, lead-in or row label's
                found.append(index)
                continue
            if text.lstrip().startswith("|") and len(text) <= _MAX:
                # a row keyed by the changed case: a piece of its value restating the old rule
                if (
                    _old_piece(unit.raw, words, touched_stems, kept_stems) is not None
                    or _as_normal_row(unit.raw, [stems for stems, _ in universal])
                    or waived_aside_row(facts, unit.raw, words) is not None
                ):
                    found.append(index)
                continue
            if text.lstrip().startswith(("#", "|")) or len(text) > _MAX:
                continue
            own = _stems(text)
            if EVERY_CASE_CLAIM.search(text) and any(
                len(own & stems) >= _MIN_SHARED and _prefixes(own) & subject
                for stems, subject in universal
            ):
                # the claim is about the old rule's subject ("collection and return" and "our
                # van collects it"), not another thing free for everyone ("parking")
                found.append(index)
                continue
            if _NEVER_IN_WAY.search(text) and any(
                len(own & stems) >= _MIN_FOUND for stems, _ in universal
            ):
                # the old every-case rule in the KB's own words, as a denial that anything
                # stands in the way ("An unpaid bill never stands between your group and its
                # next trip: we'll still take the booking")
                found.append(index)
                continue
            best = max((len(own & s) for s in touched_stems), default=0)
            # what the new rule only denies ("do not read the result out over chat"), said
            # here without a denial of its own, is the old rule's, not the new one's
            affirmed = (denied_now & own) - _denied_stems(text)
            if len(affirmed) < _MIN_SHARED:
                # one word by chance ("receipt" of "send us your receipt") is no restatement
                affirmed = set()
            best_kept = max((len((own - affirmed) & s) for s in kept_stems), default=0)
            if _claims_over(text, kinds):
                # the old rule claimed for every value of the condition's kind ("Whatever
                # contract you have, an engineer comes out the next working day"), sharing
                # the old rule's words besides the kind ("three … a month" of another perk
                # of every membership is no match)
                claims = [found[0] for found in _OVER_KIND.finditer(text[:_MAX])]
                claim = {w for found in claims for w in _stems(found)}
                rule_words = own - claim - kinds
                if any(said.lower() in kept_text for said in claims for kept_text in unchanged):
                    # "every day of the week" of "We paint every day of the week, …", which
                    # the new prompt still says: that rule's claim, not the old one's
                    rule_words = set()
                said = max((len(rule_words & s) for s in touched_stems), default=0)
                kept_said = max((len(rule_words & s) for s in kept_stems), default=0)
                if said >= _MIN_FOUND and said > kept_said:
                    found.append(index)
                    continue
            if refuses_every_kind(text):
                found.append(index)
                continue
            if best >= _MIN_SHARED and (
                _brings_case_in(text, words, unset) or (about_case and claims_whole(text))
            ):
                # the old rule claimed for the case too ("…, paint sets included: the full
                # price"), or the whole amount said where only the case is meant; sharing the
                # old rule's words besides the case's ("Returns are free wherever you live,
                # islands included" is another rule naming the same region)
                rest = own - words
                if max((len(rest & s) for s in touched_stems), default=0) >= _MIN_SHARED:
                    found.append(index)
                    continue
            if (
                best >= 1
                and own & words & category_words
                and _claims_sameness(text, words)
                and _names_other_value(text, words, category_words)
            ):
                # one of the case's values set beside another as the same ("whether you
                # pick a Saturday afternoon or a quiet Tuesday: you pay exactly the same")
                found.append(index)
                continue
            if not words or len(own & words) < min(2, len(words)):
                continue  # "sent" alone is no case of `photo_sent`
            if (best >= _MIN_FOUND and best > best_kept) or _claims_sameness(text, words):
                found.append(index)
        return found

    return find


DENIED_CLAUSE = re.compile(
    r"\b(?:not|never|no|no\s+longer|cannot|[a-z]+n[’']t)\b[^,.;:!?]{0,200}", re.I
)
"""A denial and the rest of its clause ("not read the result out over chat")."""
_DENIED_CLAUSE = DENIED_CLAUSE  # this module's own name for it


def _denied_stems(text: str) -> set[str]:
    """The content stems `text` says under a denial, up to its clause's end."""
    return {word for found in _DENIED_CLAUSE.finditer(text[:_MAX]) for word in _stems(found[0])}


def prompt_voice_sentences(facts: ChangeFacts) -> frozenset[str]:
    """The sentences of the new prompt's rules in the KB's voice (`voiced`), each as it is
    said: what the template writes from the prompt, never a transcript's copy."""
    found: set[str] = set()
    for passage in passages(facts):
        said = voiced(passage)
        if said is not None:
            found.update(_SENTENCE_SPLIT.split(said.sentence))
    return frozenset(found)


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")


_KEPT_MARGIN = 2
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WHATEVER = re.compile(r"\b(?:whatever|whichever|however|any|every|all|always)\b", re.I)


def restates_kept_rule(
    facts: ChangeFacts, *, quantified: bool = False
) -> Callable[[str], bool] | None:
    """Whether a KB sentence restates a rule the new prompt keeps word for word: four content
    words or more shared with it, and two more than with any sentence the change rewrote,
    removed or excepted. `quantified`: only a sentence claiming for every case what that kept
    rule claims for every case the same way (`_quantifies_as`). None when the change rewrote
    no prompt sentence."""
    touched, kept = touched_sentences(facts)
    if not touched or not kept:
        return None
    touched_stems = [_stems(s) for s in touched]
    kept_stems = [_stems(s) for s in kept]
    # the values the change moved: a sentence stating one is the change's, wherever it is
    moved = {m.old for m in facts.moves} | {
        f"{old:g}" for value in facts.moved for _, old, _ in value.values
    }
    moved_numbers = {n for value in moved for n in _NUMBER.findall(value)}

    def restates(text: str) -> bool:
        if text.lstrip().startswith("|"):
            return False  # a row is read with its header, by the class rules
        if EVERY_CASE_CLAIM.search(text) or _SAME_FOR_ALL.search(text):
            return False  # a claim for every case covers the changed one too
        own = _stems(text[:_MAX])
        shared = [len(own & s) for s in kept_stems]
        best_kept = max(shared)
        best_touched = max(len(own & s) for s in touched_stems)
        if best_kept < _MIN_FOUND + 1 or best_kept < best_touched + _KEPT_MARGIN:
            return False
        if quantified != _quantifies_as(text, kept[shared.index(best_kept)]):
            return False
        if not quantified and _WHATEVER.search(text):
            return False  # a claim for every case covers the changed one too
        # every number it states is the kept rule's (a moved value is the change's), a
        # number in words read as its digits ("up to five" states 5)
        numbers = numbers_said(text[:_MAX])
        if numbers & moved_numbers:
            return False
        return bool(numbers) and numbers <= set(_NUMBER.findall(kept[shared.index(best_kept)]))

    return restates


_QUANTIFIED = re.compile(r"\b(any|every|all|each)\s+([A-Za-z][\w'’-]{0,30})", re.I)


def _quantifies_as(text: str, kept: str) -> bool:
    """Whether each every-case word of `text` quantifies what the kept prompt sentence
    quantifies the same way ("Every repair comes with a 3-month warranty" beside the kept
    "Every repair comes with a 3-month warranty on parts and labour."): the new prompt still
    says it of every case, so the change makes no exception to it."""
    said = _WHATEVER.findall(text[:_MAX])
    pairs = {(q.lower(), stem(n.lower())) for q, n in _QUANTIFIED.findall(text[:_MAX])}
    if not pairs or len(pairs) != len(said):
        return False
    return pairs <= {(q.lower(), stem(n.lower())) for q, n in _QUANTIFIED.findall(kept)}


def _prefixes(stems: set[str]) -> set[str]:
    return {word[:5] for word in stems if len(word) >= 4}


def _subject(text: str) -> set[str]:
    """The first words of a prompt rule, before its verb: what it is about ("Collection and
    return", "Fishing rods"), as five-letter prefixes."""
    verb = _FINITE.search(text[:200])
    head = text[: verb.start()] if verb is not None else ""
    return _prefixes(_stems(" ".join(head.split()[:6])))


def _about(text: str, touched: Sequence[str]) -> bool:
    """Whether a KB sentence is about the subject of one of the rules the change touched."""
    own = _prefixes(_stems(text))
    return any(own & (_subject(s) or _prefixes(_stems(s))) for s in touched)


_DENIES = re.compile(r"\b(?:no|not|never|cannot)\b|n[’']t\b", re.I)
_ANY_KIND = re.compile(
    r"\b(?P<noun>[a-z]{3,20}) of any (?:kind|type|sort)\b|\bany (?:(?:kind|type|sort) of )?"
    r"(?P<any>[a-z]{3,20})\b",
    re.I,
)


def every_kind_refusal(facts: ChangeFacts) -> Callable[[str], bool] | None:
    """Whether a KB sentence refuses every value of a kind the old prompt refused whole and
    the new one grants for one value of (`pet_type = cat`; "We can't accept pets in any of our
    flats" → "We accept cats …"): "No pets of any kind may be kept in the flat", "We don't
    take any pets" refuse the changed case too, however few other words they share with the
    change. A sentence naming the changed case already is not one. None when the old prompt
    refused no kind of the condition whole."""
    if not facts.restricted:
        return None
    kinds = category_nouns(facts.conditions)
    touched, _ = touched_sentences(facts)
    denied = {
        kind
        for text in touched
        if _DENIES.search(text)
        for kind in kinds
        if any(kind in noun_forms(word) for word in terms(text))
    }
    if not denied:
        return None
    said = new_rule(facts)
    case = case_words(facts, said) if said is not None else set()

    def refuses(text: str) -> bool:
        if text.lstrip().startswith(("#", "|")) or len(text) > _MAX or not _DENIES.search(text):
            return False
        if _stems(text) & case:
            return False
        return any(
            noun_forms((found.group("noun") or found.group("any")).lower()) & denied
            for found in _ANY_KIND.finditer(text)
        )

    return refuses


def other_than(facts: ChangeFacts, text: str) -> str | None:
    """`text`, a refusal of every value of a kind the change grants for some of them ("No pets
    of any kind may be kept"), narrowed to the rest in its own words: "No pets other than cats
    may be kept"; None when it names the kind no such way or the values are no plain words."""
    atoms = facts.conditions[0].atoms if facts.conditions else ()
    values = [
        value.replace("_", " ")
        for atom in atoms
        if atom.op in ("=", "in")
        for value in (atom.value if isinstance(atom.value, tuple | list) else (atom.value,))
        if isinstance(value, str)
    ]
    kinds = category_nouns(facts.conditions)
    if not values or not kinds or any(not re.fullmatch(r"[a-z]{2,20}", v) for v in values):
        return None
    for found in _ANY_KIND.finditer(text[:_MAX]):
        noun = found.group("noun") or found.group("any")
        if not noun_forms(noun.lower()) & kinds:
            continue
        plural = noun.lower().endswith("s")
        sibling = _sibling_value(facts, values) if not found.group("noun") else None
        if sibling is not None and not any(noun_forms(value) & kinds for value in values):
            # a value that says which of them ("new" of "any customer"), with a sibling rule
            # the new prompt heads by another value ("If the account status is returning,
            # …"): the others by that value, "returning customers"
            many = noun if plural else _plural(noun.lower())
            lead = text[: found.start()]
            return f"{lead}{sibling} {many}{text[found.end() :]}"
        named = " and ".join(_plural(v) if plural else v for v in values)
        if found.group("noun"):
            return f"{text[: found.start()]}{noun} other than {named}{text[found.end() :]}"
        return f"{text[: found.end()]} other than {named}{text[found.end() :]}"
    return None


_VALUE_HEAD = re.compile(
    r"^(?P<head>(?:if|when|for)\s+(?:the\s+)?[a-z ]{3,40}?\s+(?:is|are)\s+)"
    r"(?P<value>[a-z]{2,20})\b",
    re.I,
)


def _sibling_value(facts: ChangeFacts, values: Sequence[str]) -> str | None:
    """The one other value a sentence of the new prompt heads a rule with, in the words the
    changed case's rule is headed by ("If the account status is new, …" beside "If the
    account status is returning, …": "returning"); None when there is none or several."""
    heads = {
        found["head"].lower()
        for rule in facts.rules
        for sentence in _sentences(str(rule.new or ""))
        if (found := _VALUE_HEAD.match(sentence)) and found["value"].lower() in values
    }
    if not heads:
        return None
    others = {
        found["value"].lower()
        for lines in facts.prompt_sections.values()
        for sentence in (part for line in lines[:_SECTION_SENTENCES] for part in _sentences(line))
        if (found := _VALUE_HEAD.match(sentence))
        and found["head"].lower() in heads
        and found["value"].lower() not in values
    }
    return others.pop() if len(others) == 1 else None


def _plural(word: str) -> str:
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def _claims_over(text: str, kinds: set[str]) -> bool:
    """Whether a sentence claims what it says for every value of one of `kinds` ("Whatever
    contract you have", "on every plan")."""
    return bool(kinds) and any(
        stem(found.group("noun").lower()) in kinds for found in _OVER_KIND.finditer(text[:_MAX])
    )


def waived_aside_row(facts: ChangeFacts, raw: str, words: set[str]) -> str | None:
    """A table row giving a charge the change waives for its case, with an aside counting the
    case in ("| Experience booking fee | £3 a booking, members included |"), the aside said
    as the waiver: "£3 a booking (free for members)"; None for any other row. The change
    drops the charge's amount for its case and states no new one."""
    if not raw.lstrip().startswith("|") or facts.added_promises:
        return None
    charges = [p for p in facts.removed_promises if p.kind == "money"]
    if len(charges) != 1:
        return None
    from behaviordiff.drafting.facts import value_pattern  # facts reads this module's rules

    spans = cell_text_spans(raw)
    for start, end in spans[1:]:
        cell = raw[start:end]
        if not value_pattern(charges[0].value).search(cell):
            continue
        aside = includes_case(cell, words)
        if aside is None:
            continue
        named = (aside["named"] or aside["listed"] or "").strip()
        head = cell[: aside.start()].rstrip(" ,;")
        said = f"{head} (free for {named}){cell[aside.end() :]}"
        return raw[:start] + said + raw[end:]
    return None


def includes_case(text: str, words: set[str]) -> re.Match[str] | None:
    """The aside of a claim that brings the changed case into it, naming it in the new rule's
    words (both words of a two-word case, two of more): "paint and ink sets you've tried out
    included"; None when no aside names it."""
    if not words:
        return None
    for found in _INCLUDED.finditer(text[:_MAX]):
        named = found["named"] or found["listed"] or ""
        if len(_stems(named) & words) >= min(2, len(words)):
            return found
    return None


def _unset_flag_words(facts: ChangeFacts) -> set[str]:
    """The stems of the condition's yes/no variables that are false (`has_receipt = false`):
    the case is the customers without it, so its word alone names the other side too."""
    condition = facts.condition
    found: set[str] = set()
    for atom in condition.atoms if condition is not None else ():
        if atom.op == "=" and atom.value is False:
            found |= _stems(atom.feature.rsplit(".", 1)[-1].replace("_", " "))
    return found


def _brings_case_in(text: str, words: set[str], unset: set[str]) -> bool:
    """Whether an aside brings the changed case into a claim (`includes_case`); an aside
    naming a false flag's words with no negation ("…, even with a receipt" beside
    `has_receipt = false`) names the customers who have it, the other side, not the case."""
    aside = includes_case(text, words)
    if aside is None:
        return False
    named = _stems(aside[0]) & words
    return not (named and named <= unset and _NEGATED_ASIDE.search(aside[0]) is None)


_NEGATED_ASIDE = re.compile(r"\b(?:without|no|not|never)\b|n[’']t\b", re.I)


def _title_names_case(title: str, words: set[str]) -> bool:
    """Whether an item's title names the changed case ("Returns::Opened paint or ink set")."""
    return bool(words) and len(_stems(title.replace("::", " ")) & words) >= min(2, len(words))


def _share(facts: ChangeFacts, said: NewRule | None) -> str | None:
    """The share of the whole a cut amount now is, as the new rule says it ("half")."""
    if said is None or len(facts.moved) != 1:
        return None
    return share_said(said.prompt, facts.moved[0].ratio)


def _claims_sameness(text: str, words: set[str]) -> bool:
    return bool(_SAME_FOR_ALL.search(text)) and bool(_stems(text) & words)


_OR = re.compile(r"\bor\b", re.I)


def _names_other_value(text: str, words: set[str], values: set[str]) -> bool:
    """Whether `text` sets one of the case's values (`values`, stems) beside another: a day of
    the week outside the case ("a Saturday afternoon or a quiet Tuesday"), or an alternative
    joined by "or"."""
    own = _stems(text[:_MAX])
    days = _stems(" ".join(DAY_NAMES))
    if values <= days and own & (days - values):
        return True
    return bool(_OR.search(text[:_MAX])) and bool(own & words & values)


def targets(facts: ChangeFacts, impact: ImpactView) -> list[str]:
    """The item's sentences stating the old rule, by alignment with the old prompt; for a rule
    said on both sides of a line (`sided_rule`), those read by `_sided_targets`."""
    touched, kept = touched_sentences(facts)
    if not touched:
        return []
    said = written_rule(facts)
    found = _aligned_targets(facts, impact, touched, kept, said)
    if (
        said is not None
        and topic_scoped(facts)
        and not _subject_case(facts, said)
        and two_sided(facts, said.prompt)
    ):
        return _sided_targets(facts, impact, said, touched, found, kept)
    return found


_ACROSS_RANGE = re.compile(
    r"\bhowever\s+[a-z]{3,12}\s+or\s+[a-z]{3,12}\b|"
    r"\b(?:big|large|small|high|low|long|short|many|few)\s+or\s+"
    r"(?:big|large|small|high|low|long|short|many|few)\b",
    re.I,
)
"""A claim across a range's two ends ("however large or small the order", "big or small"):
the same for every value of the line's number."""
_MAGNITUDE = re.compile(
    r"\b(?:amount|size|total|value|price|cost|number|much|many|big|bigger|large|small|long|"
    r"short|high|low|few|pounds?|dollars?|euros?|hundreds?|thousands?)\b|[$€£]|\d",
    re.I,
)
"""What says a quantity in a claim ("whatever the amount", "ten dollars or a few hundred")."""
_ANY_MAGNITUDE = re.compile(
    r"\b(?:of|for|at|in)\s+(?:any|every)\s+(?:size|amount|value|price|length|total|number)\b|"
    r"\bas\s+(?:many\s+times|often|much)\s+as\s+(?:you|they|we)\s+(?:like|want|need|wish)\b",
    re.I,
)
"""An every-case claim over a quantity said as "of any size" or "as many times as you like"."""
_CLAIM_REACH = 60
"""Characters after an every-case claim's opening word read as what it is over."""
_VALUE_OF = re.compile(
    r"\b(?P<noun>[a-z]{3,20})\s+of\s+(?:up\s+to\s+|at\s+least\s+)?[$€£]?\d", re.I
)
"""A value and what it is the value of ("a deposit of £50", "a fee of £5")."""
_VALUE_BEFORE = re.compile(
    r"(?:[$€£]\s?\d[\d,.]*|\b\d[\d,.]*\s?(?:%|per\s?cent\b))\s+(?P<noun>[a-z]{3,20})\b", re.I
)
"""A money or share value said before what it is of ("an £80 deposit", "a 20% discount")."""
_FUNCTION_STEMS = frozenset(
    stem(word)
    for word in (
        "within", "after", "before", "every", "any", "all", "each", "there", "then", "only",
        "also", "still", "again", "just", "once", "always", "never", "more", "less", "over",
        "under", "above", "below", "between", "same", "other",
    )
)  # fmt: skip
"""Words any rule says, no subject of it: a claim sharing them shares nothing."""
_GENERIC_FEATURE = frozenset({"gbp", "usd", "eur", "num", "count", "value", "total", "amount"})


def _feature_stems(facts: ChangeFacts) -> set[str]:
    """The stems of the condition's variables' names ("hire", "days" of `hire_days`): who the
    case is, never what a value is of ("hires of 3 days")."""
    return {
        word
        for atom in (facts.condition.atoms if facts.condition is not None else ())
        if atom.op != "tag"
        for word in _stems(atom.feature.rsplit(".", 1)[-1].replace("_", " "))
    }


def _line_claim(facts: ChangeFacts, text: str) -> tuple[re.Match[str], bool] | None:
    """The every-case claim of `text` over the change's line, and whether it names both ends
    of the range ("however large or small", "whether it's ten dollars or a few hundred"): a
    claim whose words say a quantity or the line's variable ("whatever the amount", "whatever
    the size of your party"), or for a category the condition's values or kind; None for a
    claim over anything else ("whatever the time of year", "to any address")."""
    text = text[:_MAX]
    across = _ACROSS_RANGE.search(text)
    found = (
        across
        or _SAME_FOR_ALL.search(text)
        or EVERY_CASE_CLAIM.search(text)
        or _ANY_MAGNITUDE.search(text)
    )
    if found is None:
        return None
    reach = text[found.start() : found.end() + _CLAIM_REACH]
    if _lines(facts):
        feature = _feature_stems(facts) - _GENERIC_FEATURE
        if not (_MAGNITUDE.search(found.group(0) + reach) or _stems(reach) & feature):
            return None
    else:
        kinds = category_nouns(facts.conditions) | condition_words(facts)
        if not _stems(reach) & kinds:
            return None
    both_ends = across is not None or (
        found.group(0).lower().startswith("whether") and len(_MAGNITUDE.findall(reach)) >= 2
    )
    return found, both_ends


def _claim_stems(facts: ChangeFacts, kept: Sequence[str]) -> list[set[str]]:
    """The content words of each sentence the new prompt keeps that claims one handling for
    every value of the line ("Refunds to the card paid with go through automatically, whatever
    the amount"): another case's every-case rule, still true. Function words, the customer's
    noun and the condition's words aside."""
    drop = {stem(noun) for noun in _CUSTOMER_NOUNS} | condition_words(facts) | _FUNCTION_STEMS
    return [
        _stems(_CODE_SPAN.sub(" ", text)) - drop
        for text in kept
        if len(text) <= _MAX and _line_claim(facts, text) is not None
    ]


_POINTING = (
    frozenset(stem(word) for word in ("these", "those", "they're", "their", "them", "they", "it's"))
    | _FUNCTION_STEMS
)
"""Words pointing back or saying no subject: no word of a rule."""


def _kept_claim(
    outside: set[str], kept_claims: Sequence[set[str]], changed: Sequence[set[str]]
) -> bool:
    """Whether a KB sentence's every-case claim restates a kept one (`_claim_stems`): it shares
    at least `_MIN_FOUND` of its words (outside the claim) with that kept sentence, and more
    words only that kept sentence says than words only the rewritten sentences or the changed
    side's rule say ("These refunds go through automatically, however much they're for" beside
    a kept "Refunds to the card paid with go through automatically, whatever the amount")."""
    outside = outside - _POINTING
    rewritten = set().union(*changed) if changed else set()
    for words in kept_claims:
        shared = outside & words
        if len(shared) < _MIN_FOUND:
            continue
        if len(shared - rewritten) > len((outside & rewritten) - words):
            return True
    return False


def _sided_targets(
    facts: ChangeFacts,
    impact: ImpactView,
    said: NewRule,
    touched: Sequence[str],
    found: Sequence[str],
    kept_sentences: Sequence[str] = (),
) -> list[str]:
    """The sentences a rule said on both sides of the line replaces: of those aligned with the
    old rule (`found`), not one restating what the new prompt keeps for the other side (as
    close to that side's rule as to the old one, closer than to the changed side's: "The money
    reaches your card within 5 days" beside "Orders up to $200: … the money reaches their
    card within 5 days"); and a sentence claiming one handling for every value
    of the line (`_line_claim`: "whether it's ten dollars or a few hundred", "however large or
    small the order") on the rule's subject: two of the rule's words outside the claim (one
    for a claim naming both ends of the range), the customer's noun and the line's words
    aside ("Licence keys reach your inbox within minutes, whatever the order size" shares only
    "reach" with a refund rule, and stays)."""
    runs = _side_runs(facts)
    other = next((text for side, text in runs if side == "other"), None)
    changed = next((text for side, text in runs if side == "changed"), None)
    touched_stems = [_stems(text) for text in touched]
    other_stems = _stems(_CODE_SPAN.sub(" ", other)) if other is not None else set()
    changed_stems = _stems(_CODE_SPAN.sub(" ", changed)) if changed is not None else set()
    rule_stems = _stems(_CODE_SPAN.sub(" ", said.prompt)) | set().union(*touched_stems)
    rule_stems -= {stem(noun) for noun in _CUSTOMER_NOUNS} | condition_words(facts)
    rule_stems -= _FUNCTION_STEMS
    # what the old rule's value is the value OF ("a deposit of 20%"): a sentence or a row a
    # finder marked for the value alone must name it ("| Late return | £50 … |" and "we keep
    # 25% of the hire fee" are other charges of the same value)
    owners = (
        {
            word
            for text in [*touched, said.prompt]
            for reader in (_VALUE_OF, _VALUE_BEFORE)
            for found_of in reader.finditer(text[:_MAX])
            for word in _stems(found_of["noun"])
        }
        - _FUNCTION_STEMS
        - _feature_stems(facts)
    )
    kept_claims = _claim_stems(facts, kept_sentences)
    out: list[str] = []
    for unit in impact.units:
        text = unit.text
        if text.lstrip().startswith(("#", "|")) or len(text) > _MAX:
            if text in found and text.lstrip().startswith("|"):
                cells = row_cells(text)
                if not owners or (cells and _stems(cells[0]) & owners):
                    out.append(text)
            continue
        claim = _line_claim(facts, text)
        if claim is not None:
            match, both_ends = claim
            outside = _stems(text[: match.start()] + " " + text[match.end() :])
            if _kept_claim(outside, kept_claims, [*touched_stems, changed_stems]):
                continue  # another case's every-case rule the new prompt keeps
            if len(outside & rule_stems) >= (1 if both_ends else _MIN_SHARED):
                out.append(text)
                continue
        if text not in found:
            continue
        if owners and not _stems(text) & owners:
            continue  # the same value of another thing
        if other_stems:
            own = _stems(text)
            old = max((len(own & stems) for stems in touched_stems), default=0)
            kept = len(own & other_stems)
            if kept >= old and kept > len(own & changed_stems):
                continue  # the other side's rule, still true
        out.append(text)
    return out


def _aligned_targets(
    facts: ChangeFacts,
    impact: ImpactView,
    touched: Sequence[str],
    kept: Sequence[str],
    said: NewRule | None,
) -> list[str]:
    """The item's sentences stating the old rule, by alignment with the old prompt."""
    words = case_words(facts, said) if said is not None else set()
    marked = {c.sentence for c in impact.conflicts}
    rest = rest_rule(facts, said) if said is not None else None
    # in an item about the changed case alone, a sentence a class rule read as the old action
    # states the old rule, whatever the new prompt still says for the others in its words
    about_case = facts.restricted and _title_names_case(impact.item.title, words)
    described = {
        c.sentence for c in impact.conflicts if any(r.startswith("describes `") for r in c.reasons)
    }
    # a restatement as close to what the new prompt says as to the old rule states neither
    said_now = [*kept, *passages(facts)]
    others = [p for p in passages(facts) if said is None or p not in said.prompt]
    part = _changed_part(touched, said, others)
    kinds = category_nouns(facts.conditions) if facts.restricted else set()
    found: list[str] = []
    for unit in impact.units:
        text = unit.text
        if text.lstrip().startswith("#"):
            continue
        own_mark = any(
            c.sentence == text and c.reasons in ((PROMPT_RULE_REASON,), (CASE_SAID_REASON,))
            for c in impact.conflicts
        )
        if (
            own_mark
            or (
                text in marked
                and _aligned(text, touched, _without_rest(rest, text, kept))
                # a sentence naming no case, in an item not about it, on a part of the old
                # rule the case's rule leaves and the others' rule still says, still holds;
                # one claiming it for every value of the case's kind ("whatever plan you're
                # on") claims it for the case too
                and (
                    about_case
                    or bool(_stems(text) & words)
                    or _restates_changed_part(text, part)
                    or _claims_over(text, kinds)
                )
            )
            or (text in described and about_case)
            or (facts.restricted and _claims_sameness(text, words) and _about(text, touched))
        ):
            found.append(text)
    if found:
        # in an item stating the old rule, a sentence closely restating it states it too; one
        # as close to what the new prompt says ("We've emailed you a free returns label" when
        # both versions email one) states the new, and one about the rest ("- Unopened items:
        # the full price") keeps their rule. The name of a call both versions make, its
        # argument moved, is no restatement: "We've cancelled your lesson" names `cancel_lesson`
        # and says nothing of the credit it moved
        made = {word for moved in facts.moved for word in _stems(moved.call.name.replace("_", " "))}
        # a claim bringing the case in by an aside in the rule's gloss of it ("Everything we
        # sell comes to your door, even live bees"): the old rule's own "… included"
        gloss = case_gloss(words, said) if said is not None and facts.restricted else set()
        found += [
            unit.text
            for unit in impact.units
            if gloss
            and unit.text not in found
            and not unit.text.lstrip().startswith(("#", "|"))
            and includes_case(unit.text, gloss) is not None
            and not _stems(unit.text) & words
        ]
        found += [
            unit.text
            for unit in impact.units
            if unit.text not in found
            and not unit.text.lstrip().startswith(("#", "|"))
            and not _OTHERS.match(_LIST_MARK.sub("", unit.text, count=1))
            and _aligned(
                unit.text, touched, _without_rest(rest, unit.text, said_now), _MIN_FOUND, made
            )
            and (
                rest is None
                or bool(_stems(unit.text) & rest.words)
                or _restates_changed_part(unit.text, part)
            )
            and not _said_again(unit.text, part)
        ]
        order = {unit.text: index for index, unit in enumerate(impact.units)}
        found.sort(key=lambda text: order.get(text, 0))
    return found


@dataclass(frozen=True)
class _ChangedPart:
    """What `_restates_changed_part` reads of the change, worked out once per change (not per
    sentence): the stems of each old-rule sentence, of the new rule, of the words it denies and
    of each of the new prompt's other passages."""

    touched: tuple[frozenset[str], ...]
    rule: frozenset[str]
    denied: frozenset[str]
    others: tuple[frozenset[str], ...]
    after_call: frozenset[str] = frozenset()
    """The stems of what the old rule says follows a call the case's rule still makes."""


def _changed_part(
    touched: Sequence[str], said: NewRule | None, others: Sequence[str]
) -> _ChangedPart | None:
    if said is None:
        return None
    rule = _CODE_SPAN.sub(" ", said.prompt)
    denied = {word for found in _DENIED.finditer(rule[:_MAX]) for word in _stems(found["what"])}
    return _ChangedPart(
        tuple(frozenset(_stems(sentence)) for sentence in touched),
        frozenset(_stems(rule)),
        frozenset(denied),
        tuple(frozenset(_stems(passage)) for passage in others),
        frozenset(_after_kept_call(touched, said.prompt)),
    )


_NEGATION = re.compile(r"\b(?:not|no|never|without)\b|n[’']t\b", re.I)


def _calls_made(passage: str) -> set[str]:
    """The tools a passage has the agent call: each code span in a clause denying nothing
    ("Only if they decline it, call `close_account`"; not "do not call `close_account`")."""
    pieces = _CLAUSE.split(passage[:_MAX])
    return {
        span
        for piece in pieces[::2]
        if not _DENIES.search(_CODE_SPAN.sub(" ", piece))
        for span in _CODE_SPAN.findall(piece)
    }


def _after_kept_call(touched: Sequence[str], rule: str) -> set[str]:
    """The stems of what each old-rule sentence says from the clause after a call the case's
    rule still makes ("call `close_account` straight away and confirm it: they keep access
    until …" → "they keep access until …"): what follows the call, which the case still gets,
    only later. The call's own clause ("straight away") is the rule's."""
    kept = _calls_made(rule)
    words: set[str] = set()
    for sentence in touched:
        sentence = sentence[:_MAX]
        ends = [sentence.find(span) + len(span) for span in kept if span in sentence]
        if not ends:
            continue
        after = _CLAUSE.search(sentence, min(ends))
        if after is not None:
            words |= _stems(sentence[after.end() :])
    return words


def _restates_changed_part(text: str, part: _ChangedPart | None) -> bool:
    """Whether a sentence restating the old rule restates the part the changed case's rule
    rewrote: of the words it shares with the old rule, `_MIN_SHARED` the new rule says too,
    its tool names aside. An old rule of two parts ("book straight away and tell them it is
    delivered the day before") rewritten for the case in its first ("do not book yet") is not
    restated by a sentence about the other part ("We deliver it the day before your hire
    starts"). A sentence sharing the word the new rule denies ("do not book yet") restates it;
    one sharing less is let go only when one of the new prompt's other passages still says
    every word it shares with the old rule: that part still holds for the others."""
    if part is None:
        return True
    own = _stems(text)
    shared = {word for sentence in part.touched for word in own & sentence}
    if len(shared & part.rule) >= _MIN_SHARED or shared & part.denied:
        return True
    return not any(shared <= passage for passage in part.others)


def _said_again(text: str, part: _ChangedPart | None) -> bool:
    """Whether a sentence restating the old rule restates a part of it the changed case's rule
    says again ("You'll keep access until the end of the period you've paid for" beside "they
    keep access until the end of the year they've paid for"): of the words it shares with the
    old rule, two in three (`_MIN_FOUND` at least) the new rule says too; or all of them (as
    many) are what the old rule says follows a call the case's rule still makes ("you won't be
    charged again" after a cancellation the case still gets, once an offer is declined). It
    still holds for the case, and is not narrowed to the others."""
    if part is None:
        return False
    own = _stems(text)
    shared = {word for sentence in part.touched for word in own & sentence}
    if len(shared) >= _MIN_FOUND and shared <= part.after_call and not shared & part.denied:
        # all it shares is what follows a call the case's rule still makes: still true then
        return True
    said = shared & part.rule
    return len(said) >= _MIN_FOUND and 3 * len(said) >= 2 * len(shared) and not shared & part.denied


# ---------------------------------------------------------------------------------------------
# the edit
# ---------------------------------------------------------------------------------------------


_NONE_CLAIM = re.compile(
    r"^(?:and |but |so )?(?:there[’']s |there (?:is|are) )?(?:no|nothing)\b[^,;:.!?]{0,60}$", re.I
)
_PIECES = re.compile(r"(, |: |; )")


_NO_EXEMPTION = re.compile(
    r",?[ \t]{0,3}(?:and[ \t]{1,3})?(?:(?:nobody|no[ -]one)[ \t]{1,3}is[ \t]{1,3}exempt"
    r"(?:[ \t]{1,3}from[ \t]{1,3}(?:it|this|that))?|there[ \t]{1,3}are[ \t]{1,3}no"
    r"[ \t]{1,3}exceptions)(?=[ \t]{0,3}(?:[,.;:!?]|$))",
    re.I,
)
"""A clause denying anyone is exempt, said beside a claim for every case."""
_BARE_SAMENESS = re.compile(
    r",?[ \t]{0,3}\b(?:and[ \t]{1,3})?(?:that|it|this)(?:['’]s|[ \t]{1,3}is)[ \t]{1,3}"
    r"(?:all[ \t]{1,3})?the[ \t]{1,3}same(?=[ \t]{0,3}(?:[,.;:!?]|$))",
    re.I,
)
"""A clause left saying only "that's the same" once its every-case claim is out."""


def _all_said(stems: set[str], said: set[str]) -> bool:
    """Whether every stem of `stems` is one of `said`, or the same word in another form
    ("chase" beside "chas" of "chases", "invoice" beside "invoic"); a contraction's stem
    ("there'") says nothing."""

    def alike(word: str, other: str) -> bool:
        size = min(len(word), len(other))
        return size >= 4 and abs(len(word) - len(other)) <= 2 and word[:size] == other[:size]

    return all(
        "'" in word or word in said or any(alike(word, other) for other in said) for word in stems
    )


def _narrowed(text: str, said: NewRule, words: set[str] | None = None) -> str:
    """`text` with its every-case words out, an aside bringing the case in (`includes_case`)
    too, and any clause denying for everyone what the new rule now asks of the case ("there
    are no forms to fill in", "there's no paperwork" beside a declaration form to sign first);
    "" when nothing is left to say."""
    out = EVERY_CASE_CLAIM.sub("", text)
    aside = includes_case(out, words or set())
    if aside is not None:
        out = out[: aside.start()] + out[aside.end() :]
    if out != text:
        # "…, and that's the same for every customer, …" with its claim gone says nothing
        out = _BARE_SAMENESS.sub("", out)
        # "…, and nobody is exempt from it": the case is exempt now
        out = _NO_EXEMPTION.sub("", out)
    new_words = _stems(said.statement)
    pieces = _PIECES.split(out)
    kept: list[str] = []
    for at in range(0, len(pieces), 2):
        clause = pieces[at].strip()
        if _NONE_CLAIM.match(clause) and (
            _stems(clause) & new_words
            or (denies_paperwork(clause) and _PAPER.search(said.statement))
        ):
            continue
        if kept:
            kept.append(pieces[at - 1])
        kept.append(upper_first(clause) if not kept and at else clause)
    out = "".join(kept)
    out = re.sub(r"\s+([,.;:!?])", r"\1", out)
    out = re.sub(r",\s*,", ",", out)
    out = re.sub(r"\s{2,}", " ", out).strip(" ,;:")
    if text[:1].isupper():
        out = upper_first(out)
    if len(_stems(out)) < 3 and not _FINITE.search(out):
        return ""  # a fragment, no statement
    return out


def _body(raw: str) -> tuple[str, str, str]:
    """(list marker, the sentence without it and its final stop, the final stop)."""
    marker = _LIST_MARK.match(raw)
    lead = marker.group(0) if marker else ""
    text = raw[len(lead) :].rstrip()
    end = text[-1] if text and text[-1] in ".!?" else ""
    return lead, text[: len(text) - len(end)] if end else text, end or "."


_SEPARATOR = re.compile(
    r"[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*(?:\|[ \t]*(?::?-{3,}:?[ \t]*)?)*(?:\n|$)"
)
"""A Markdown table's separator row ("| --- | :---: |"), each run of spaces read once."""


def _is_header(body: str, raw: str) -> bool:
    """Whether a table row is its table's header: the separator row comes right after it (a
    row written twice in the item is read as none)."""
    row = raw.strip()
    at = body.find(row)
    if at < 0 or body.find(row, at + 1) >= 0:
        return False
    after = body.find("\n", at)
    return after >= 0 and _SEPARATOR.match(body, after + 1) is not None


_WORD = re.compile(r"[\w£$€%'’-]+")
_MAX_WORDS = 200


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text[:_MAX])][:_MAX_WORDS]


def _merged_runs(old_words: list[str], new_words: list[str]) -> list[list[int]]:
    """[a1, a2, b1, b2] of each stretch the new words say otherwise than the old ones,
    insertions and deletions included; stretches one shared word apart are one."""
    runs: list[list[int]] = []
    for step in align(old_words, new_words):
        if step.tag == "equal":
            continue
        a1, a2, b1, b2 = step.i1, step.i2, step.j1, step.j2
        if runs and a1 - runs[-1][1] <= 1 and b1 - runs[-1][3] <= 1:
            runs[-1][1], runs[-1][3] = a2, b2
        else:
            runs.append([a1, a2, b1, b2])
    return runs


def changed_phrases(old: str, new: str) -> list[tuple[str, str]]:
    """(old words, new words) of each run the new prompt sentence says otherwise than the old
    one ("the next working day" → "within two working days"); runs kept apart by one shared
    word are one ("working")."""
    old_words, new_words = _words(old), _words(new)
    runs = _merged_runs(old_words, new_words)
    return [
        (" ".join(old_words[a1:a2]), " ".join(new_words[b1:b2]))
        for a1, a2, b1, b2 in runs
        if a2 > a1 and b2 > b1
    ]


def _row_cell_swap(
    raw: str, phrases: Sequence[tuple[str, str]], names_case: Callable[[str], bool]
) -> str | None:
    """A table row keyed by the changed case with the one cell stating the old rule's phrase
    ("| Standard | £45 | Next working day |") saying the new one ("Within two working days");
    None when the row is another case's, or no single cell holds such a phrase."""
    cells = row_cells(raw)
    if len(cells) < 3 or not names_case(cells[0]):
        return None
    spans = cell_text_spans(raw)
    found: list[tuple[int, str]] = []
    for at, cell in enumerate(cells[1:], start=1):
        said = " ".join(_words(cell))
        if not said or at >= len(spans):
            continue
        for old, new in phrases:
            # the cell says the old phrase, or all of it but a leading article or preposition
            if said == old or (
                old.endswith(" " + said) and len(old.split()) - len(said.split()) == 1
            ):
                found.append((at, new))
    if len(found) != 1:
        return None
    at, new = found[0]
    start, end = spans[at]
    cell = raw[start:end]
    said = upper_first(new) if cell[:1].isupper() else new
    return raw[:start] + said + raw[end:]


def _without_own_reports(
    found: set[str], words: set[str], names_case: Callable[[str], bool]
) -> set[str]:
    """`found` without the sentences reporting what was done for the customer the macro is
    sent to ("We've refunded {{ticket.custom_field_refund_amount}} to the card you paid
    with …"), naming no case, when another found sentence claims the old rule for every case
    ("Every return is refunded to the card in just the same way, sale items included."): that
    claim is where the change's exception is said, and the report stays true for the others
    the macro is sent to."""
    claims = [
        text
        for text in found
        if not _PLACEHOLDER.search(text)
        and (
            includes_case(text, words)
            or _claims_sameness(text, words)
            or claim_for_every_case(text, words)
        )
    ]
    if not claims:
        return found
    return {text for text in found if not (_PLACEHOLDER.search(text) and not names_case(text))}


def _case_namer(facts: ChangeFacts, said: NewRule) -> Callable[[str], bool]:
    """Whether a text names the changed case: the condition's words the new rule says, or
    the case in the prompt's own words ("gowns bought from another shop or online")."""
    words = case_words(facts, said)
    # the topic's own words name every case of it ("If the damaged item cost more than £80"
    # of tag damaged: "Your item arrives damaged" names the topic, not the band)
    head_words = _stems(said.head or "") - _HEAD_WORDS - _tag_words(facts)

    def names_case(text: str) -> bool:
        own = _stems(text)
        return bool(own & words) or len(own & head_words) >= min(2, len(head_words) or 2)

    return names_case


def _tag_words(facts: ChangeFacts) -> set[str]:
    """The stems of the topic tags in the change's condition ("damag" of `tag:damaged`), when
    it has an atom besides them (a band, a category): a condition of a tag alone is the case."""
    condition = facts.condition
    if condition is None or all(atom.op == "tag" for atom in condition.atoms):
        return set()
    return {
        word
        for atom in condition.atoms
        if atom.op == "tag"
        for word in _stems(atom.feature.removeprefix("tag:").replace("_", " "))
    }


def _rule_phrases(facts: ChangeFacts, said: NewRule) -> list[tuple[str, str]]:
    """What the new rule says otherwise than the old (`changed_phrases`), the case it names
    aside ("Premium" → "Standard" is who, not what)."""
    case_stems = condition_words(facts)
    return [
        (old, new)
        for text in touched_sentences(facts)[0]
        for old, new in changed_phrases(text, said.prompt)
        if not (_stems(old) | _stems(new)) & case_stems
    ]


def case_row_swaps(facts: ChangeFacts, impact: ImpactView, said: NewRule) -> list[tuple[str, str]]:
    """(row, row as it should read) for each table row of the item keyed by the changed case
    whose cell says the old rule's changed phrase (`_row_cell_swap`)."""
    if not facts.restricted:
        return []
    phrases = _rule_phrases(facts, said)
    names_case = _case_namer(facts, said)
    body = impact.item.body
    swaps = []
    for unit in impact.units:
        raw = unit.raw
        if raw.lstrip().startswith("|") and not _is_header(body, raw):
            swapped = _row_cell_swap(raw, phrases, names_case)
            if swapped is not None:
                swaps.append((raw.strip(), swapped.strip()))
    return swaps


def _case_row(raw: str, said: NewRule, old_words: set[str]) -> str | None:
    """A table row keyed by the changed case with several value cells, said with the new rule:
    its first value cell, every word of it the old rule's, holds the new rule; in each later
    cell a comma-separated piece every word of which is the old rule's goes, the rest kept
    ("| Nucs | Next-day courier | The next working day, April to July |" → "| Nucs | <new rule>
    | April to July |"). None when the first value cell says more than the old rule or a later
    cell would be left empty (no confident rewrite)."""
    spans = cell_text_spans(raw)

    def olds(text: str) -> bool:
        own = _stems(text)
        return bool(own) and own <= old_words

    if not olds(raw[slice(*spans[1])]):
        return None
    out = raw[: spans[1][0]] + upper_first(said.statement)
    for index, (start, end) in enumerate(spans[1:], start=1):
        if index > 1:
            pieces = [piece for piece in raw[start:end].split(", ") if not olds(piece)]
            if not pieces:
                return None
            out += raw[spans[index - 1][1] : start] + upper_first(", ".join(pieces))
    return out + raw[spans[-1][1] :]


_DENIAL_LEAD = re.compile(r"^we (?:don't|do not|never) [^:;|]{1,120}: (?=we )")
"""A statement's opening denial before what we do instead ("we don't refund it ourselves: ")."""
_ROW_PIECE = re.compile(r",\s+(?:or|and|but)\s+|;\s+")
"""Where a table cell's value goes on to another statement ("valid for the new date, or you
can get a refund straight away")."""


def _old_piece(
    raw: str, words: set[str], touched: Sequence[set[str]], kept: Sequence[set[str]]
) -> tuple[int, int] | None:
    """Where, in a two-cell row keyed by the changed case (its first cell naming the case by
    all its words), the value's one piece restating the old rule stands: three content words
    or more shared with a sentence the change rewrote, more than with any kept or new one.
    None when no piece, or more than one, does."""
    cells = row_cells(raw)
    if len(cells) != 2 or not words or not words <= _stems(cells[0]):
        return None
    start, end = cell_text_spans(raw)[1]
    value = raw[start:end]
    bounds = [
        0,
        *(at for m in _ROW_PIECE.finditer(value) for at in (m.start(), m.end())),
        len(value),
    ]
    found = []
    for piece_start, piece_end in zip(bounds[::2], bounds[1::2], strict=True):
        own = _stems(value[piece_start:piece_end])
        best = max((len(own & s) for s in touched), default=0)
        best_kept = max((len(own & s) for s in kept), default=0)
        if best >= _MIN_FOUND and best > best_kept:
            found.append((start + piece_start, start + piece_end))
    return found[0] if len(found) == 1 else None


_ASIDE_EXCLUSIVE = re.compile(r" ?\((?=[^()\n]{0,120}\)).{0,120}?\)")
_OPENING_EXCLUSIVE = re.compile(r"^(?:no,?\s+)?only\b", re.I)
_YES_NO_QUESTION = re.compile(
    r"^(?:can|could|do|does|did|is|are|am|will|would|may|might|should|shall|have|has)\b"
    r".{0,300}\?$",
    re.I,
)
"""A question a yes or a no answers ("Can I hire a kayak?"), not who, what, how or when."""
_LEAD_PREPOSITION = re.compile(r"^(?:for|to|with|against|by|from|on|in)\s+", re.I)


def _runs(old: str, new: str) -> list[tuple[list[str], str, str]]:
    """(old words, new text as written, the old word before the run) of each stretch the new
    sentence says otherwise than the old one, insertions and deletions included; stretches one
    shared word apart are one."""
    old_words = _words(old)
    found = [(m.start(), m.end()) for m in _WORD.finditer(new[:_MAX])][:_MAX_WORDS]
    new_words = [new[a:b].lower() for a, b in found]
    runs = _merged_runs(old_words, new_words)
    return [
        (
            old_words[a1:a2],
            new[found[b1][0] : found[b2 - 1][1]] if b2 > b1 else "",
            old_words[a1 - 1] if a1 else "",
        )
        for a1, a2, b1, b2 in runs
    ]


def _new_head(new: str) -> str:
    """The new sentence's head clause (before its first colon or semicolon), as said after
    "Yes:"; "" when it is no statement a customer can read (code, "the customer")."""
    head = re.split(r"[:;]", new, maxsplit=1)[0].strip().rstrip(".")
    if not head or voicing_problems(new, head) or "`" in head:
        return ""
    return head[:1].lower() + head[1:] if not head[:2].isupper() else head


def exclusive_rewrite(raw: str, under: Under, dropped: Exclusive) -> str | None:
    """A KB unit saying the exclusive claim the change dropped (`_says_dropped_exclusive`),
    said the new way in its own shape; None when it cannot be said confidently.

    * an alternative the new prompt adds after the thing that was the only one ("bill" →
      "bill or a council tax letter"): the unit's exclusive aside or "only" goes and the
      alternative follows the thing ("- A utility bill (the only proof of address we accept)"
      → "- A utility bill or a council tax letter"), a list item kept a fragment;
    * a table row: only the cell saying the exclusive claim changes, to what the new prompt
      says in its place ("| Bouldering | Members only | …" → "| Bouldering | Every visitor,
      member or not | …"), in words a customer can read (else flagged);
    * the answer to a yes/no question opening on the exclusive claim, every clause of it
      restating the claim ("Only if you're a member: the wall is a members' perk."): a short
      answer, the new rule's head ("Yes: bouldering is for every visitor, member or not.");
      a who, what or how question, or an answer saying more ("…: ask at the desk."), is
      left to the other writers."""
    runs = [run for run in _runs(dropped.old, dropped.new) if run[0] or run[1]]
    replaced = [run for run in runs if any(_EXCLUSIVE.search(w) for w in run[0]) and run[1]]
    added = [run for run in runs if not run[0] and run[1] and run[2]]
    text = raw
    if raw.lstrip().startswith("|"):
        if len(replaced) != 1:
            return None
        spans = cell_text_spans(raw)
        at = [i for i, (a, b) in enumerate(spans) if i and _EXCLUSIVE.search(raw[a:b])]
        if len(at) != 1:
            return None
        start, end = spans[at[0]]
        said = _LEAD_PREPOSITION.sub("", replaced[0][1])
        if voicing_problems(dropped.new, said) or "`" in said:
            return None  # the prompt's words ("the customer", code) are no cell to read
        cell = raw[start:end]
        said = upper_first(said) if cell[:1].isupper() else said
        return raw[:start] + said + raw[end:]
    if len(added) == 1 and not replaced:
        anchor = added[0][2]
        place = re.search(rf"\b{re.escape(anchor)}\b", text, re.I)
        if place is None:
            return None
        asides = [m for m in _ASIDE_EXCLUSIVE.finditer(text) if _EXCLUSIVE.search(m.group(0))]
        if len(asides) == 1 and asides[0].start() >= place.end():
            text = text[: asides[0].start()] + text[asides[0].end() :]
        elif asides:
            return None
        # "only" right before the thing, or its claim word for word ("only a utility bill")
        text = re.sub(rf"\bonly\s+(?=(?:\w+\s+){{0,3}}{re.escape(anchor)}\b)", "", text, count=1)
        if _EXCLUSIVE.search(text):
            return None
        place = re.search(rf"\b{re.escape(anchor)}\b", text, re.I)
        if place is None:
            return None
        return f"{text[: place.end()]} {added[0][1]}{text[place.end() :]}"
    if _YES_NO_QUESTION.match(under.near) and _OPENING_EXCLUSIVE.match(raw.strip()):
        # a yes/no question answered by the claim: every clause of the answer must restate
        # it (what it kept to), or the answer says more than the new rule replaces ("Only
        # members can book it: ask at the desk." keeps its how-to, a writer's)
        clauses = [c for c in re.split(r"[:;]", raw.strip().rstrip(".!")) if c.strip()]
        if any(not _stems(clause) & dropped.restricted for clause in clauses):
            return None
        head = _new_head(dropped.new)
        if not head:
            return None
        lead = raw[: len(raw) - len(raw.lstrip())]
        return f"{lead}Yes: {head}."
    return None


def exclusive_edit(
    facts: ChangeFacts, impact: ImpactView, found: Collection[str]
) -> tuple[str | None, str] | None:
    """The edit for an item whose sentences stating the old rule (`found`) all say an
    exclusive claim the change dropped, read in context (`_says_dropped_exclusive`): each said
    the new way in its own shape (`exclusive_rewrite`), every other byte kept. None when a
    sentence is no such claim or cannot be so said (the other writers' then); (None, why) when
    a table row saying the claim cannot be (no writer fills its cell with the rule's other
    clauses)."""
    exclusive = dropped_exclusives(facts)
    if not exclusive or not found:
        return None
    kept = touched_sentences(facts)[1]
    kept_stems = [_stems(s) for s in kept] + [_stems(p) for p in passages(facts)]
    item_units = list(impact.units)
    under = said_under(item_units)
    swaps: dict[str, str] = {}
    for index, unit in enumerate(item_units):
        if unit.text not in found:
            continue
        dropped = _says_dropped_exclusive(
            unit.text, under[index], exclusive, kept_stems, impact.item.title
        )
        said = exclusive_rewrite(unit.raw, under[index], dropped) if dropped else None
        if said is None and dropped is not None and unit.text.lstrip().startswith("|"):
            # a row whose exclusive cell the new rule cannot be said in: no other writer
            # fills the cell with the rule's other clauses either
            return None, (
                f"Flagged for review: {_quote(unit.text)} says the only way in a cell the new "
                f"rule cannot be said in, in the item's words: {_quote(dropped.new)}."
            )
        if said is None:
            return None
        swaps[unit.raw] = said
    if set(found) - {flat(raw) for raw in swaps} - {u.text for u in item_units if u.raw in swaps}:
        return None
    body = impact.item.body
    for raw, said in swaps.items():
        if body.count(raw) != 1:
            return None
        body = body.replace(raw, said)
    quoted_found = "; ".join(_quote(text) for text in found)
    return body, (
        f"The new prompt says {_quote(exclusive[0].new)} (it said {_quote(exclusive[0].old)}); "
        f"this {impact.item.kind} still says it is the only way in {quoted_found}. The edit "
        "says the new rule there in the item's own words and shape, and keeps everything else."
    )


def prompt_rule_edit(
    facts: ChangeFacts,
    impact: ImpactView,
    restates_lost: Callable[[str], bool] | None = None,
) -> tuple[str | None, str] | None:
    """The item with the new rule written where it states the old one; (None, why) when a
    sentence stating it cannot be rewritten confidently; None when nothing here is for it.
    `restates_lost`: whether a text is nothing but what the old replies said and the new ones
    no longer do (`lostsaid.LostSide.restates`, passed in: lostsaid reads this module), a step
    of the old handling that may go once the new rule is said. A rule naming its case in its
    subject and saying the others' rule too ("Orders to the islands go by ferry; all other
    orders go by courier") that the narrowing cannot write is said whole in the claim's place.
    An exclusive claim the change dropped ("the only ID we accept") is said the new way first,
    in each unit's own shape."""
    if dropped_exclusives(facts) and (
        exclusive := exclusive_edit(facts, impact, set(targets(facts, impact)))
    ):
        return exclusive
    # a sentence claiming one rule for every case where the new prompt dropped that claim and
    # says the rule on both sides: both sides in its place, whatever the case rule's head
    diff = change_diff(facts) if impact.conflicts else None
    if (
        diff is not None
        and diff.rewritten
        and topic_scoped(facts)
        and (both := sided_rule(facts)) is not None
    ):
        others = " ".join(text for side, text in _side_runs(facts) if side in ("other", "both"))
        if (
            diff is not None
            and diff.kept_for_others(others)
            and any(diff.every_case_restated(text) for text in targets(facts, impact))
        ):
            sided = _prompt_rule_edit(facts, impact, restates_lost, whole=True, rule=both)
            if sided is not None and sided[0] is not None:
                return sided
    found = _prompt_rule_edit(facts, impact, restates_lost, whole=False)
    if found is not None and found[0] is not None:
        return found
    said = written_rule(facts)
    if (
        said is not None
        and topic_scoped(facts)
        and said.head is None
        and _subject_case(facts, said)
        and two_sided(facts, said.prompt)
    ):
        whole = _prompt_rule_edit(facts, impact, restates_lost, whole=True)
        if whole is not None and whole[0] is not None:
            return whole
    return found


def _prompt_rule_edit(
    facts: ChangeFacts,
    impact: ImpactView,
    restates_lost: Callable[[str], bool] | None,
    *,
    whole: bool,
    rule: NewRule | None = None,
) -> tuple[str | None, str] | None:
    """`prompt_rule_edit`; `whole`: a rule said on both sides is said whole even when it
    names its case in its subject; `rule`: the rule to write, if not `written_rule`."""
    said = rule or written_rule(facts)
    if said is None:
        return None
    found = set(targets(facts, impact))
    if not found:
        return None
    # a rule said for both sides of the line is true for every case: it replaces the old rule
    # where the KB claims it for everyone, as a whole topic's does
    # (a rule naming its case in its subject keeps the narrowing below: "Opened sets are
    # refunded at half; unopened sets, and every other item, in full" beside the KB's claim)
    sided = (
        topic_scoped(facts)
        and said.head is None
        and (whole or not _subject_case(facts, said))
        and two_sided(facts, said.prompt)
    )
    scoped = topic_scoped(facts) and not sided
    words = case_words(facts, said)
    # a call to the customer the new agent no longer makes, none made anew
    call_dropped = any(p.kind == "callback" for p in facts.removed_promises) and not any(
        p.kind == "callback" for p in facts.added_promises
    )
    names_case = _case_namer(facts, said)
    if scoped:
        found = _without_own_reports(found, words, names_case)

    # a sentence naming the changed case, or in an item titled for it, is about that case
    # alone: the new rule replaces it
    titled = _title_names_case(impact.item.title, words) or (
        # an item naming the case only in the customers' words ("GP surgeries, hospitals"),
        # found for those words alone (an item other finders marked may name them by chance)
        not any(names_case(text) for text in found)
        and found <= set(marked_for(impact.conflicts, CASE_SAID_REASON))
        and about_case_said(facts, impact.item.title, impact.item.body)
    )
    own_case = {
        text
        for text in found
        if (names_case(text) or titled)
        and not _SAME_FOR_ALL.search(text)
        and not includes_case(text, words)
        and not claim_for_every_case(text, words)
    }
    # an item about the case alone ("Opened paint or ink set") says the whole amount for it
    share = _share(facts, said)
    about_case = share is not None and _title_names_case(impact.item.title, words)
    # a rule naming its case in its subject ("Opened paint sets are refunded at half") is said
    # as a sentence of its own beside the narrowed claim
    subject_case = _subject_case(facts, said)
    if scoped and said.head is None and not subject_case and not found <= own_case:
        return None, (
            "Flagged for review: the new prompt's rule for this case says no case a customer "
            f"would recognise: {_quote(said.prompt)}."
        )
    item = impact.item
    state = {"written": False}
    blocked: list[str] = []
    shared: list[str] = []
    old_words = {word for text in touched_sentences(facts)[0] for word in _stems(text)}
    gloss = case_gloss(words, said) if scoped else set()
    # a claim narrowed before a sentence about the case alone that says more than the old rule
    # leaves the new rule to that sentence: said once, where the case is
    saying_more = [
        item.body.find(text)
        for text in own_case
        if len(_stems(text) - old_words - words) > 1 and not _PLACEHOLDER.search(text)
    ]
    before_own = {
        text for text in found if saying_more and 0 <= item.body.find(text) < min(saying_more)
    }

    phrases = _rule_phrases(facts, said)
    touched_all, kept_all = touched_sentences(facts)
    touched_stems = [_stems(text) for text in touched_all]
    kept_stems = [_stems(text) for text in kept_all] + [_stems(p) for p in passages(facts)]
    # the old handling the new prompt keeps for the others, named by its own head
    rest = rest_rule(facts, said) if scoped else None
    refuses_every_kind = every_kind_refusal(facts) if scoped else None
    # the case in the KB's words, not the prompt's field
    said = kb_named_head(
        said, sorted(found, key=item.body.find), item.body, _condition_values(facts)
    )

    def rewrite(unit: Unit) -> str | Keep:
        raw = unit.raw
        if scoped and raw.lstrip().startswith("|") and not _is_header(item.body, raw):
            swapped = _row_cell_swap(raw, phrases, names_case)
            if swapped is not None:
                return swapped
        if unit.text not in found:
            return Keep.UNIT
        if share is not None and about_case and not includes_case(unit.text, words):
            cut = said_as_share(raw, share)
            if cut is not None:
                state["written"] = True
                shared.append(unit.text)
                return cut
        if raw.lstrip().startswith("|"):
            if _is_header(item.body, raw):
                return Keep.UNIT  # the table's header names its columns, no rule
            cells = row_cells(raw)
            if (waived := waived_aside_row(facts, raw, words)) is not None:
                # "£3 a booking, members included" → "£3 a booking (free for members)"
                return waived
            piece = _old_piece(raw, words, touched_stems, kept_stems)
            if piece is not None and piece[0] > cell_text_spans(raw)[1][0] and not state["written"]:
                # the old rule one piece of the case's value: that piece says the new one,
                # what we now do rather than what we no longer do
                state["written"] = True
                statement = _DENIAL_LEAD.sub("", said.statement, count=1)
                return raw[: piece[0]] + statement + raw[piece[1] :]
            if (
                len(cells) == 2
                # a rule said on both sides of the line is the value of the row stating the
                # old one for everyone ("| Deposit | 20% of the total |"), whatever its key
                and (names_case(cells[0]) or sided or _as_normal_row(raw, [old_words]))
                and (not state["written"] or not scoped)
                and "|" not in said.statement
            ):
                # a row keyed by the changed case, one value: the new rule its value (for a
                # whole topic, each such row, the rule in one fragment, the prose still saying
                # it in full)
                state["written"] = state["written"] or scoped
                cell_start, cell_end = cell_text_spans(raw)[1]
                value = upper_first(_fragment(said) if not scoped and not sided else said.statement)
                return raw[:cell_start] + value + raw[cell_end:]
            if (
                len(cells) > 2
                and names_case(cells[0])
                and "|" not in said.statement
                and (row := _case_row(raw, said, old_words)) is not None
            ):
                state["written"] = True
                return row
            head = _lower_first(said.head or "")
            if (
                len(cells) == 2
                and scoped
                and _EXCEPT_HEAD.match(head)
                and not state["written"]
                and not _PLACEHOLDER.search(raw)
                and "|" not in said.sentence
                and ":" not in said.statement
                # one sentence, after a key naming one case of the topic ("Any shop" claims
                # every one: the writer's)
                and ". " not in said.statement
                and not re.search(r"\b(?:any|every|all|each)\b", cells[0], re.I)
            ):
                # a row of the topic keyed by no case ("| Your item arrives damaged | Replacement
                # sent straight away, no photo needed |"): its value stays the others', the
                # changed case its exception in the same cell
                state["written"] = True
                cell_start, cell_end = cell_text_spans(raw)[1]
                value = raw[cell_start:cell_end].rstrip(" .")
                return (
                    raw[:cell_start] + f"{value}, except {head}: {said.statement}" + raw[cell_end:]
                )
            blocked.append(f"{_quote(unit.text)} is a table row")
            return Keep.BLOCK
        lead, body, end = _body(" ".join(raw.split()) if "\n" in raw else raw)
        if not scoped or unit.text in own_case:
            if set(_PLACEHOLDER.findall(body)) - set(_PLACEHOLDER.findall(said.sentence)):
                blocked.append(f"{_quote(unit.text)} holds placeholders the new rule cannot keep")
                return Keep.BLOCK
            item_rule = None if scoped else labelled_item_rule(lead, body, end, said, names_case)
            if item_rule is not None:
                # a list item "Label: value" keeps its label, the new rule its value (the
                # prose still says it in full)
                return item_rule
            if not scoped and _other_case_label(lead, body, old_words | words):
                # an item of another case beside it ("- Lost cards: …") keeps its own rule
                return Keep.UNIT
            if state["written"] and _AS_ABOVE.search(body):
                # "…, and we'll refund it as above": it defers to the rule just written there
                return Keep.UNIT
            if state["written"]:
                # said once already: a restatement goes, one saying more is the writer's
                # (unless it only says what the old replies said and the new ones no longer
                # do: a step of the old handling; read once per change, when first asked)
                if len(_stems(body) - old_words - words - _LINKING) > 1 and not (
                    restates_lost is not None and restates_lost(unit.text)
                ):
                    if not scoped and _NEGATION.search(body):
                        # a wait or denial beside a whole topic's rule ("… isn't renewed
                        # until …") is the companions pass's to judge (it may be another
                        # case's rule): kept here, never deleted, and no reason to refuse
                        return Keep.UNIT
                    blocked.append(f"{_quote(unit.text)} says more beside the old rule")
                    return Keep.BLOCK
                return ""
            state["written"] = True
            return lead + said.sentence
        rested = with_rest_head(body, rest.head, words) if rest is not None else None
        others = None
        if rested is None and refuses_every_kind is not None and refuses_every_kind(unit.text):
            # "No pets of any kind" → "No pets other than cats": the rest still refused
            others = other_than(facts, body)
        narrowed = others or _narrowed(rested or body, said, words)
        if narrowed == body and gloss:
            narrowed = _narrowed(rested or body, said, gloss)
        sameness = _claims_sameness(body, words)
        if (
            scoped
            and rested is None
            and not _PLACEHOLDER.search(body)
            and len(_stems(body)) >= 6
            and _all_said(_stems(body) - _LINKING, old_words)
            and not _NEGATION.search(body)
        ):
            # the old rule again, word for word or near it ("We book for every customer,
            # whatever the account shows: … our accounts team will chase it separately."):
            # nothing of it holds for the case, and narrowing keeps its old consequence
            sameness, narrowed = True, ""
        if (
            scoped
            and rested is None
            and _NEVER_IN_WAY.search(body)
            and not _PLACEHOLDER.search(body)
        ):
            # the old every-case rule as a denial that anything stands in its way ("An
            # unpaid bill never stands between your group and its next trip"): an exception
            # after it would contradict it
            sameness, narrowed = True, ""
        if (
            call_dropped
            and (not scoped or len(_stems(body) & old_words) >= 2)
            and calls_to_customer(narrowed or body)
        ):
            # the call to the customer the change no longer makes ("one of our warranty team
            # will give you a ring …"): no narrowing keeps it true, the new rule says it all
            sameness = True
            narrowed = ""
        if sameness and (not narrowed or _SAME_FOR_ALL.search(narrowed)):
            # nothing but "the same for everyone": the new rule in its place, or nothing
            if _PLACEHOLDER.search(body):
                blocked.append(f"{_quote(unit.text)} holds placeholders the new rule cannot keep")
                return Keep.BLOCK
            if state["written"]:
                return ""
            state["written"] = True
            return lead + said.sentence
        if narrowed and narrowed != body:
            stop = end if raw.rstrip()[-1:] in ".!?" else ""
            if state["written"] or unit.text in before_own:
                return lead + narrowed + (stop if lead.strip() else end)
            state["written"] = True
            if lead.strip():
                # a list item: the rule its own item after it, in the list's style
                rule = said.sentence if stop else said.sentence.rstrip(".")
                return f"{lead}{narrowed}{stop}\n{lead.lstrip()}{rule}"
            return f"{lead}{narrowed}{end} {said.sentence}"
        if rest is not None and not rest.words and not body.endswith("?"):
            # the others named past the bound in the new prompt's own words ("For lights
            # costing £250 or less"): the claim said for them, the new rule after it
            if state["written"]:
                return f"{lead}{rest.head}, {_lower_first(body)}{end}"
            state["written"] = True
            return f"{lead}{rest.head}, {_lower_first(body)}{end} {said.sentence}"
        head = _lower_first(said.head or "")
        if not _EXCEPT_HEAD.match(head) or body.endswith("?"):
            # "except unless …", a question: no exception reads right there
            blocked.append(f"{_quote(unit.text)} cannot take the exception in its own words")
            return Keep.BLOCK
        if state["written"]:
            return f"{lead}{body}, except {head}{end}"
        state["written"] = True
        if ":" in said.statement or len(said.statement) > 160:
            return f"{lead}{body}, except {head}{end} {said.sentence}"
        return f"{lead}{body}, except {head}: {said.statement}{end}"

    new_body = rewrite_units(item.body, item.body_format, rewrite)
    if blocked:
        return None, (
            "Flagged for review: "
            + "; ".join(blocked)
            + f". The new prompt says {_quote(said.prompt)}."
        )
    if new_body is None or new_body == item.body:
        return None
    kind = item.kind
    if share is not None and len(shared) == len(found):
        return new_body, (
            f"The new prompt says {_quote(said.prompt)}; this {kind} is about that case and "
            "still says the whole amount in "
            + "; ".join(_quote(text) for text in sorted(found, key=item.body.find))
            + f". The edit says it as {share} the amount in the {kind}'s own words and keeps "
            "everything else."
        )
    where = _lower_first(said.head) if said.head else "for everyone"
    rationale = (
        f"The new prompt says {_quote(said.prompt)}; this {kind} still states the old rule in "
        + "; ".join(_quote(text) for text in sorted(found, key=item.body.find))
        + f". The edit says the new rule {where} in the {kind}'s own words"
        + (", keeps the old rule for everyone else" if scoped else "")
        + " and keeps everything else."
    )
    return new_body, rationale


_ITEM_LABEL = re.compile(r"^(?P<label>[^:;.!?|`{}]{2,60}):\s+(?=\S)")
"""A list item's label and its colon ("Renewing a loan: …")."""


def labelled_item_rule(
    lead: str, body: str, end: str, said: NewRule, names_case: Callable[[str], bool]
) -> str | None:
    """A list item ("- Label: value", `lead` its marker) with the new rule as its value, the
    label kept: the rule's statement without its case (the label names it), its sentences
    joined into one fragment ("- Booking a court: we book it ourselves; the court is held
    …"). None when it is no list item, has no label, or the label does not name the changed
    case (`names_case`, as for a table row's key): an item of another case beside it keeps
    its own value."""
    if not lead.strip():
        return None
    found = _ITEM_LABEL.match(body)
    if found is None or _FINITE.search(found["label"]) or not names_case(found["label"]):
        return None
    return f"{lead}{found.group(0)}{_fragment(said)}{end}"


def _other_case_label(lead: str, body: str, known: Collection[str]) -> bool:
    """Whether a list item's label names a case of its own: more than one content word
    that neither the old rule, the new one nor the condition says ("- Lost cards: …" beside
    a change to renewals; not "- Timing: …", whose value is the old rule's)."""
    found = _ITEM_LABEL.match(body) if lead.strip() else None
    return found is not None and len(_stems(found["label"]) - set(known) - _LINKING) > 1


def _fragment(said: NewRule) -> str:
    """The new rule's statement, its case left out, as one fragment: its sentences joined by
    semicolons ("we renew the loan ourselves; the loan is renewed …"), no final stop."""
    parts = [p for p in said.statement.split(". ") if p.strip()]
    return "; ".join(_lower_first(p) for p in parts).rstrip(".")


def prompt_rule_fact(facts: ChangeFacts, impact: ImpactView) -> str | None:
    """What a drafting model is told for an item stating the old rule by alignment (`targets`):
    the new rule as the KB would say it, which sentences state the old one and how to scope
    it; the template writes from the same."""
    said = written_rule(facts)
    found = targets(facts, impact) if said is not None else []
    if said is None or not found:
        return None
    scope = (
        "it holds only in that case: keep the old rule for everyone else and say the exception"
        if facts.restricted
        else "it replaces the old rule for everyone"
    )
    rows = "".join(
        f" The table row {_quote(row)} says the old rule in a cell: it reads {_quote(swapped)}."
        for row, swapped in case_row_swaps(facts, impact, said)
    )
    return (
        f"The new prompt's rule in the KB's voice: {_quote(said.sentence)} ({scope}). The "
        "sentences stating the old rule: " + "; ".join(_quote(text) for text in found) + "." + rows
    )


def _quote(text: str) -> str:
    return quoted(flat(text))


# ---------------------------------------------------------------------------------------------
# is a voicing fit for a customer to read?
# ---------------------------------------------------------------------------------------------

_LEFT_CODE = re.compile(r"`|\b[a-z0-9]+_[a-z0-9_]+\b|\b[a-z]+\s*=\s*\w")
_LEFT_ASIDE = re.compile(r"\(([^()\n]{1,80})\)")
_LEFT_NUMBER_FIELD = re.compile(r"\((?:[a-z]+\s+){1,3}\d+(?:\.\d+)?\)")
"""A field and a bare number in brackets ("(fee 0)"): a tool's argument, never a customer's."""


def _left_field(said: str) -> bool:
    """Whether `said` still holds a field aside ("We waive it (fee 0) for you.")."""
    if _LEFT_NUMBER_FIELD.search(said):
        return True
    return any(
        field_aside(found.group(1), said[max(0, found.start() - 300) : found.start()])
        for found in _LEFT_ASIDE.finditer(said)
    )


_LEFT_THEM = re.compile(r"\b(?:them|their|theirs|themselves|they)\b", re.I)
_PLURAL_THEN_THEY = re.compile(
    r"\b(?:[Tt]he\s+|[A-Z])[a-z]{2,30}s\b[^.;:]{0,80}\b(?:they|them|their)\b"
)
"""Plural things before a "they" in the sentence ("Trees over 7 ft … as they need two people
to carry them in"): what it stands for."""
_LEFT_CUSTOMER = re.compile(
    r"\bthe\s+(?:" + "|".join(sorted(_CUSTOMER_NOUNS, key=len, reverse=True)) + r")s?\b"
    r"(?![’']|\s+(?:relations|services?|support|care|success|team|section|account|area|page|"
    r"portal|record|details|field|tab|profile|file|number|name|list|lounge|entrance|desk|line|"
    r"charter|app)\b)",
    re.I,
)
_DROPPED_VERB = re.compile(
    r"\bwe\s+(?:for|that|to|and|the|a|an|you|it|if|when|of|with|on)\b"
    r"|(?:^|[,;:]\s+|\.\s+)(?:and\s+)?that\s+(?:we|you|it|they|the)\b"
    r"|^(?:for|to)\s+you\b(?!r)",
    re.I,
)
_YOU_AS_NOUN = re.compile(
    r"\b(?:in|on|from|to|at|by|of)\s+you\s+(?:section|account|area|page|portal|record|details|"
    r"field|tab|profile|file|number|name|list)\b|\byou\s+who\b",
    re.I,
)
"""A customer's noun made "you" where it named a thing ("in the Customer section" → "in you
section") or a person described after it ("the passenger who paid" → "you who paid")."""
_LEFT_LABEL = re.compile(r"(?:the|our|their)\s+(?:[a-z]+\s+){0,2}[a-z]+:\s", re.I)
"""A sentence opening on a thing named and a colon ("The price: £40 …"): the prompt's label."""
_SAID_TWICE = re.compile(
    r"\bwe\s+(?P<verb>[a-z]{2,20})\b[^.;]{0,200}?,\s+and\s+we\s+(?P=verb)\s+"
    r"(?:it|them|this|that)\b",
    re.I,
)
"""The same action said twice, the second time of "it" ("we book the slot, and we book it")."""
_TRAIT_WHO = re.compile(r"\byou(?:[’']re| are)\b[^,.;:]{0,80}\bwho(?:se)?\b", re.I)
"""A "who" left after a trait said of "you" ("If you're aged 70 or over who asks …")."""
_BAD_AGREEMENT = re.compile(r"\byou\s+(?:has|is|was|does|doesn[’']t|isn[’']t|wasn[’']t)\b", re.I)
_AGENT_PAST = re.compile(
    r"\bwe(?:[’']ve| have)\s+(?:just\s+|already\s+)?(?!got\b|been\b)[a-z]{3,20}(?:ed|sent|made|"
    r"told|put|set)\s+(?:you|your)\b",
    re.I,
)
"""What the agent reports it has just done in the chat ("we've emailed you a form"): a KB says
what we do ("we email you a form")."""


def voicing_problems(prompt: str, said: str) -> list[str]:
    """What makes `said`, a prompt sentence (`prompt`) voiced for customers, unfit to read: the
    prompt's internals left (code, a tool's name, an argument list), the customer still said
    as "them" or "the customer", a clause opening on a word whose verb was dropped ("We for
    you …", "…, and that we'll …"), a verb not agreeing with "you", the agent's report of what it
    just did ("we've emailed you"), the prompt's case lost. Empty when none."""
    found: list[str] = []
    said = said[:_MAX]
    if _LEFT_CODE.search(said) or _left_field(said):
        found.append("code")
    if _LEFT_THEM.search(said) and not _PLURAL_THEN_THEY.search(said):
        found.append("them")
    if _LEFT_CUSTOMER.search(said):
        found.append("the customer")
    if _DROPPED_VERB.search(said):
        found.append("dropped verb")
    if _YOU_AS_NOUN.search(said) or _TRAIT_WHO.search(said):
        found.append("you as a noun")
    if _SAID_TWICE.search(said):
        found.append("said twice")
    if _LEFT_LABEL.match(said):
        found.append("label")
    if _BAD_AGREEMENT.search(said):
        found.append("agreement")
    if _AGENT_PAST.search(said):
        found.append("agent's past")
    if _INTERNAL.search(said):
        found.append("internal")
    case = _HEAD.match(_flat(prompt))
    if (
        case is not None
        and not _HEAD.match(said)
        and not re.search(r"\b(?:if|when|once|unless|for|where|after|before)\b", said, re.I)
    ):
        found.append("case lost")
    return found
