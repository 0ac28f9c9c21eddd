"""An edited item keeps no sentence that fitted only the old rule.

A writer rewrites the sentence stating the old rule ("we'll send your code to your email
inbox" → "… by text message"), but the item often says more of the old rule beside it, in
sentences no finder marks because they name neither the old value nor the old tool: "If it
doesn't turn up, please check your spam or junk folder." after the email promise, "Please don't
let {{guest}} use the gym until then, as their pass isn't active yet." after a wait the new
rule removed, "We'll also ask you for proof of purchase before we send anything" beside a claim
that now needs no receipt, ", with nothing for you to fill in" once a serial number is asked
for first.

`without_old_companions` reads the change's facts only: the old prompt sentences the change
rewrote or removed (a prompt sentence is a rule, never a courtesy), the new prompt's sentences
for the change (what they deny, "No receipt … is needed", is no longer said), and the sentences
the new prompt keeps. From them it knows

* the **lost** words: what the old sentences said that the new ones do not (outside a
  denial); a sentence sharing them must share fewer with each sentence the new prompt keeps;
* a **lost channel**: a channel (email, post, phone, text) the old sentences named and the new
  ones deny or name another channel in its place; its companion words ("spam", "junk",
  "inbox" for email; "letterbox" for post; "voicemail" for a phone call) say it in other words;
* a **lost wait**: the old sentences made the customer wait ("until then", "until they have
  sent it") and the new ones act at once ("straight away", "immediately");
* an **added requirement**: the new sentences ask for something first ("first ask … for",
  "don't … until"), the old ones did not.

Then, in an item a writer already edited (never another), in the sections holding a sentence
the writer rewrote, a sentence the writer left is dropped when

* it follows a rewritten sentence and says a lost channel's companion words, or a wait in the
  KB's words ("until then", "in the meantime", "not … yet", "until that letter reaches
  you") sharing two words with the old sentences, once the wait is lost;
* it shares three lost words with the old sentences, in a rewritten sentence's paragraph,
  more than it shares with any sentence the new prompt keeps;

and a closing claim that nothing is needed (", with nothing for you to fill in", ", with no
forms to fill in") goes from any sentence of those sections once a requirement is added.

Its limits: it reads words, so a companion sentence sharing no word with the old rule and no
channel or wait cue stays; a table row or a heading is never touched; a sentence is dropped,
never rewritten (one mixing a kept rule with the old one's companion stays whole when it shares
more with a kept rule); a sentence the writer did not rewrite but that states the old rule
itself with fewer than three lost words is the finders' and writers'.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from behaviordiff.drafting.perchange import LastChange
from behaviordiff.drafting.promptrule import sentences_of, touched_sentences
from behaviordiff.drafting.text import ITEM_LEAD, Unit, plain_text, rewrite_claims, terms, units

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

_MAX = 4000
"""Longer units are no sentence a reader reads as one; they are not read."""
_MAX_UNITS = 2000
"""Units of an item read: a huge article's far end is left as it is."""
_MAX_DROPPED = 6
"""Companions one pass drops at most: more than a handful beside one rewrite are no companions
(the item says the old rule throughout, a writer's matter); the pass then drops none."""
_MIN_LOST = 3
"""Lost words a sentence must share with the old side to restate it: two by chance."""
_MIN_SUBJECT = 2
"""Words beside a channel or a wait a kept prompt sentence shares with the old sentences to be
about the same thing."""
_CUE_WORDS = frozenset({"email", "e-mail", "post", "text", "sms", "phone", "call", "until", "yet"})
_MIN_WAIT_SHARED = 2
"""Words a wait sentence shares with the old side to be the old rule's wait."""

_NEGATED = re.compile(r"(?:\bno\b|\bnot\b|\bnever\b|\bwithout\b|n['’]t\b)[^,.;:()]{0,80}", re.I)
"""A denial and what it denies up to the clause's end ("No receipt or proof of purchase is
needed", "there's no need to send a receipt"), bounded."""

# a channel: its own words, and the words that go with it only (a spam folder is an email's)
_CHANNELS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "email": (
        re.compile(r"\be-?mail(?:s|ed|ing)?\b", re.I),
        re.compile(r"\b(?:spam|junk|inbox|in-?box)\b", re.I),
    ),
    "post": (
        re.compile(r"\b(?:by|in the) post\b|\bposted\b|\bby (?:letter|mail)\b", re.I),
        re.compile(r"\b(?:letterbox|letter box|postman|postwoman|postie|postmark\w*)\b", re.I),
    ),
    "phone": (
        # "call `send_refund`" calls a tool, no one on the phone
        re.compile(
            r"\b(?:phone|ring)(?:s|ed|ing)?\b|\btelephone\b|\bcall(?:s|ed)?\b(?!\s*`)", re.I
        ),
        re.compile(r"\b(?:voicemail|missed call|withheld number|answerphone)\b", re.I),
    ),
    "text": (
        re.compile(r"\b(?:text message|by text|sms)\b", re.I),
        re.compile(r"\b(?:phone signal|mobile signal|reply stop)\b", re.I),
    ),
}

_OLD_WAIT = re.compile(
    r"\buntil\b|\bnot\b[^.]{0,60}\byet\b|n['’]t\b[^.]{0,60}\byet\b|\bin the meantime\b", re.I
)
"""A wait in a prompt sentence ("isn't renewed … until then", "don't call it until they have
sent it")."""
_AT_ONCE = re.compile(
    r"\b(?:straight|right) away\b|\bimmediately\b|\bat once\b|\binstantly\b|\bthere and then\b",
    re.I,
)
_KB_WAIT = re.compile(
    r"\buntil then\b|\bin the meantime\b|\bmeanwhile\b|\buntil (?:that|the|this|your|it|they|we"
    r"|you)\b[^.]{0,60}?\b(?:reach|arriv|come|is\b|are\b|has\b|have\b|get)"
    r"|(?:\bnot\b|n['’]t\b)[^.]{0,60}?\byet\b",
    re.I,
)
"""A wait in a KB sentence, pointing back at what it waits for ("until then", "isn't covered
until that letter reaches you", "isn't active yet")."""
_POINTS_BACK = re.compile(r"\buntil then\b|\bin the meantime\b|\bmeanwhile\b", re.I)
"""A wait pointing back at the sentence before it."""
_A_WAIT = re.compile(
    r"\b(?:within|until|after|once|takes?)\b|\b\d+\s(?:working\s)?(?:days?|hours?|weeks?)\b"
    r"|\b(?:one|two|three|four|five|seven|ten)\s(?:working\s)?(?:days?|hours?|weeks?)\b",
    re.I,
)
"""A sentence stating a wait ("within 1 working day", "once it reaches us", "in two days")."""
_REQUIRE = re.compile(
    r"\bfirst,? ask\b|\bask (?:the customer|them|the caller)\b[^.]{0,120}\b(?:before|until|first)\b"
    r"|\b(?:don['’]t|do not|never)\b[^.]{0,80}\buntil (?:they|the (?:customer|caller|member"
    r"|patient|guest)|you)(?:['’]ve| have)?\s(?:given|sent|shown|provided|told|uploaded"
    r"|filled|signed|returned|posted|emailed|brought|give|send|show|provide|tell|upload|fill"
    r"|sign|return|post|email|bring)\b",
    re.I,
)
"""A prompt sentence asking the customer for something before acting ("first ask the customer
for the serial number", "don't send a replacement until they've given it"); a wait for what is
ours ("don't refund the order until the item is back at our warehouse") asks nothing of them."""
_NOTHING_NEEDED = re.compile(
    r",\s{0,3}(?:and\s{1,3})?(?:with\s{1,3})?(?:nothing\s(?:else\s)?(?:for you\s)?to\s"
    r"(?:fill in|fill out|sign|send|provide|do)|no (?:forms?|paperwork)(?: for you)? to fill"
    r" (?:in|out)|no questions asked)(?=[.!?]?$)",
    re.I,
)
"""A closing claim that nothing is asked of the customer (", with nothing for you to fill in")."""
_NOTHING_NEEDED_ALONE = re.compile(
    r"(?:(?:there['’]s|there is) (?:nothing (?:else )?(?:for you )?to (?:fill in|fill out|sign"
    r"|send|do)|no (?:forms?|paperwork)\b)|that['’]s all we need(?: from you)?"
    r"|no (?:forms?|paperwork)(?: needed| required| to fill in)?)[.!]?$",
    re.I,
)
"""A sentence that only says nothing is asked of the customer ("There's nothing to fill in.",
"That's all we need from you.")."""
_REQUEST = re.compile(
    r"\b(?:send us|show us|ask (?:you )?for|we(?:['’]ll| will)? need|we have to see"
    r"|please (?:provide|attach|include|send|upload|bring)|you(?:['’]ll| will) need to"
    r"|have to (?:send|show|provide|bring))\b",
    re.I,
)
"""A sentence asking the customer for something ("Send us a photo of your receipt.")."""
_CLAUSE_END = re.compile(r"[.!?]$")
_BARE_MARKER = re.compile(r"^\d{1,3}[.)]$")


def _stems(text: str) -> set[str]:
    return {word for word in terms(text[:_MAX]) if len(word) > 2 and not word.isdigit()}


def _said(text: str) -> str:
    """`text` less what it denies."""
    return _NEGATED.sub(" ", text)


@dataclass(frozen=True)
class OldSide:
    """What the change's prompt sentences stopped saying (see the module's docstring)."""

    old_text: str
    old_words: frozenset[str]
    lost: frozenset[str]
    kept: tuple[frozenset[str], ...]
    channels: tuple[str, ...]
    wait_lost: bool
    requirement_added: bool
    denied: frozenset[str] = frozenset()
    """Old words the new sentences deny ("receipt" of "No receipt is needed")."""
    subject: frozenset[str] = frozenset()
    """Words the old and the new sentences both say: what the rule is about."""
    at_once: str = ""
    """How the new sentences say the wait is gone ("straight away")."""
    new_words: frozenset[str] = frozenset()
    """Words the new sentences say (outside a denial)."""
    denied_heads: frozenset[str] = frozenset()
    """The denied words that end a run of content words in a denial ("form" of "no order form
    any more", "print" and "sign" of "don't need to print or sign anything"): what is denied,
    not what qualifies it."""
    still_required: frozenset[str] = frozenset()
    """Denied words a sentence the new prompt keeps still says of the same thing (not "form"
    of a kept "a customs declaration (form CN22)")."""

    def kept_reaches(self, own: set[str], least: int) -> bool:
        """Whether `own` shares `least` words or more with one kept sentence. One that does
        holds one of the n - least + 1 rarest of the n words of `own` the kept sentences say:
        only the sentences holding one of those are read (a prompt of thousands of sentences
        sharing a common word costs what a short one does)."""
        if least <= 0:
            return True
        by_word = self.kept_by_word
        present = sorted((w for w in own if w in by_word), key=lambda w: len(by_word[w]))
        if len(present) < least:
            return False
        candidates: set[int] = set()
        for word in present[: len(present) - least + 1]:
            candidates.update(by_word[word])
        return any(len(own & self.kept[index]) >= least for index in candidates)

    @cached_property
    def kept_by_word(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for index, kept in enumerate(self.kept):
            for word in kept:
                found.setdefault(word, []).append(index)
        return found


_OLD_SIDE: LastChange[OldSide | None] = LastChange()


def old_side(facts: ChangeFacts) -> OldSide | None:
    """The change's old side read from its prompt sentences, once per change (its rules and
    prompt as they are), not again for every item edited; None when it rewrote none."""
    key = (
        tuple(facts.rules),
        tuple((name, tuple(said)) for name, said in facts.prompt_sections.items()),
    )
    return _OLD_SIDE.get(facts, key, lambda: _old_side(facts))


def _old_side(facts: ChangeFacts) -> OldSide | None:
    touched, kept = touched_sentences(facts)
    kept_set = set(kept)
    # only what the change rewrote or removed: a sentence an added rule excepts ("No deposit is
    # needed for a table: guests pay at the end of their meal." beside a deposit for big
    # tables) still holds for the others
    rewritten = {
        sentence
        for rule in facts.rules
        if rule.old and (rule.kind.startswith("sentence_") or rule.kind == "section_added")
        for sentence in sentences_of(rule.old)
    }
    old_sentences = [sentence for sentence in touched if sentence in rewritten]
    if not old_sentences:
        return None
    new_sentences = [
        sentence
        for rule in facts.rules
        if rule.kind.startswith("sentence_") or rule.kind == "section_added"
        for sentence in sentences_of(rule.new)
        if sentence not in kept_set
    ]
    old_text = " ".join(old_sentences)[: _MAX * 4]
    new_text = " ".join(new_sentences)[: _MAX * 4]
    new_said = _said(new_text)
    old_words = _stems(old_text)
    # what a kept rule says too is told apart sentence by sentence (`kept_reaches`)
    lost = old_words - _stems(new_said)
    # a denial both say word for word ("don't try to settle it in the chat") loses nothing
    lost -= _stems(
        " ".join(m.group(0) for m in _NEGATED.finditer(new_text) if m.group(0) in old_text)
    )
    # the sentences the new prompt keeps in the sections the change rewrote: a channel or a
    # wait one of them states still holds for the customers the change does not reach
    sections = {rule.section for rule in facts.rules}
    # a kept sentence on the old sentences' subject (two words beside the channel or the wait
    # shared): "Renewal receipts are emailed" shares only "member" with a notice's email
    kept = kept[:_MAX_UNITS]
    kept_stems = {sentence: _stems(sentence) for sentence in kept}
    near = " ".join(
        part
        for section, said in facts.prompt_sections.items()
        if section in sections
        for sentence in said[:_MAX_UNITS]
        for part in sentences_of(sentence)[:_MAX_UNITS]
        if part in kept_stems and len(kept_stems[part] & old_words - _CUE_WORDS) >= _MIN_SUBJECT
    )[: _MAX * 4]
    near_said = _said(near)
    # a channel is lost when the new sentences deny it or name another one in its place (one
    # they merely stop naming may still be how it is done)
    swapped = any(
        own.search(new_said) and not own.search(old_text) for own, _ in _CHANNELS.values()
    )
    # a denial the old sentences said word for word ("don't try to settle it in the chat" in
    # both) denies nothing new
    denied = " ".join(
        match.group(0) for match in _NEGATED.finditer(new_text) if match.group(0) not in old_text
    )
    channels = tuple(
        name
        for name, (own, companion) in _CHANNELS.items()
        if own.search(old_text)
        and not own.search(new_said)
        and not companion.search(new_text)
        and not own.search(near_said)
        and (swapped or own.search(denied))
    )
    wait_lost = bool(
        _OLD_WAIT.search(old_text)
        and _AT_ONCE.search(new_text)
        and not _OLD_WAIT.search(new_text)
        and not _OLD_WAIT.search(near)
    )
    # what the new sentences deny that the old ones said ("No receipt … is needed")
    denied_words = _stems(denied) & old_words - _stems(new_said)
    requirement_added = bool(_REQUIRE.search(new_text)) and not _REQUIRE.search(old_text)
    kept_sets = tuple(frozenset(kept_stems[sentence]) for sentence in kept)
    denied_set = frozenset(denied_words)
    said = frozenset(old_words | _stems(new_said))
    still_required: set[str] = set()
    for sentence in kept:
        if kept_stems[sentence] & denied_set - still_required:
            still_required |= _withdrawn_words(said, denied_set, sentence, old_text)
    heads: set[str] = set()
    for match in _NEGATED.finditer(new_text):
        if match.group(0) in old_text:
            continue
        # what is denied, up to what it is denied for ("don't add anything | for paying by
        # card")
        denial = _DENIAL_END.split(match.group(0), maxsplit=1)[0]
        tokens = _TOKEN.findall(denial)[:_MAX_TOKENS]
        for index, token in enumerate(tokens):
            if index + 1 == len(tokens) or not _stems(tokens[index + 1]):
                heads |= _stems(token)
    return OldSide(
        old_text,
        frozenset(old_words),
        frozenset(lost),
        kept_sets,
        channels,
        wait_lost,
        requirement_added,
        frozenset(denied_words),
        frozenset(old_words - lost),
        at_once.group(0).lower() if (at_once := _AT_ONCE.search(new_text)) else "",
        frozenset(_stems(new_said)),
        frozenset(heads & denied_set),
        frozenset(still_required),
    )


def _heading(unit: Unit) -> bool:
    return unit.text.startswith("#")


def _row(unit: Unit) -> bool:
    return unit.text.lstrip().startswith("|")


def _paragraphs(text: str, text_units: Sequence[Unit]) -> list[int]:
    """A paragraph number per unit: a blank line or a heading between two units starts one."""
    found: list[int] = []
    number = 0
    for index, unit in enumerate(text_units):
        if index and (
            _heading(unit)
            or _heading(text_units[index - 1])
            or re.search(r"\n[ \t]*\n", text[text_units[index - 1].end : unit.start])
        ):
            number += 1
        found.append(number)
    return found


def _sections(text_units: Sequence[Unit]) -> list[int]:
    """A section number per unit: each heading starts one."""
    found: list[int] = []
    number = 0
    for unit in text_units:
        if _heading(unit):
            number += 1
        found.append(number)
    return found


_WAIT_WORDS = frozenset({"until", "then", "meantime", "meanwhile", "yet", "please", "also"})
_HEAD_END = re.compile(
    r"\bnot\b|n['’]t\b|\bnever\b|\bcannot\b|\bcan\b|\bwill\b|\buntil\b|\bwithout\b", re.I
)
_UNTIL = re.compile(r"\buntil\b(?P<what>[^.!?;]{0,160})", re.I)
_POINTING = re.compile(r"^\s*(?:then\b|(?:that|this|those|these|it|then)\b)", re.I)
"""An until-clause pointing back at what the sentence before waits for ("until then", "until
that letter reaches you")."""
_PLACEHOLDER = re.compile(r"\{\{[^{}]{0,80}\}\}")
_LEAD_IN = re.compile(
    r"^(?:for|if|when|whenever|once|to|with|on|after|before)\b(?P<lead>[^,:;.]{1,120})[,:]", re.I
)
"""A lead-in naming the case a sentence is about ("For a refund under our guarantee, …", "If
you're returning a gift, …")."""


def _head_words(text: str) -> set[str]:
    """The content words of what `text` says something about: before its verb of denial, wait
    or ability ("A loan on a reserved book" of "… isn't renewed until …"), placeholders aside."""
    head = _HEAD_END.search(text)
    said = _PLACEHOLDER.sub(" ", text[: head.start()] if head else "")
    return _stems(said) - _WAIT_WORDS


def _waits_for_its_own(side: OldSide, text: str) -> bool:
    """Whether the wait in `text` is for something of its own: an until-clause not pointing
    back ("until they pass their test", "until the desk has checked the waiting list") saying
    a word neither the old nor the new sentences say."""
    said = side.old_words | side.new_words
    for match in _UNTIL.finditer(text):
        what = match.group("what")
        if _POINTING.match(what):
            continue
        if _stems(what) - said - _WAIT_WORDS:
            return True
    return False


def _names_own_case(side: OldSide, text: str, *, wait: bool = True) -> bool:
    """Whether `text` is about a case of its own, not the changed one: its subject or a lead-in
    says a word neither the old nor the new sentences say ("A loan on a reserved book …",
    "Learner drivers …" of a wait, "For a refund under our guarantee, …"); a wait (`wait`) also
    when it waits for something of its own, or, pointing back at no wait before it, says more
    such words than it shares with the old sentences."""
    text = text[:_MAX]
    said = side.old_words | side.new_words
    if wait and _head_words(text) - said:
        return True
    lead = _LEAD_IN.match(text)
    if lead is not None and _stems(_PLACEHOLDER.sub(" ", lead.group("lead"))) - said:
        return True
    if wait and _waits_for_its_own(side, text):
        return True
    if not wait or _POINTS_BACK.search(text):
        # "In the meantime, you won't be able to …" is about the wait before it, whatever else
        # it names
        return False
    own = _stems(_PLACEHOLDER.sub(" ", text)) - _WAIT_WORDS
    return len(own - said) > len(own & side.old_words)


_IT_BACK = re.compile(
    r"\b(?:for|on|with|about)\s+(?:it|them)\s+to\b|\b(?:it|they)\s+(?:has|have)n['’]t\b", re.I
)
"""The thing the sentence before is about, pointed back at as what a wait is for ("for it to
arrive", "if it hasn't turned up")."""


def _companion(side: OldSide, unit: Unit, before: str) -> bool:
    """Whether `unit`, right after the rewritten sentence `before`, goes with the old rule
    only: a lost channel's companion words, or a lost wait: pointing back at a wait `before`
    states ("In the meantime, …" after "… within two working days."), or sharing words with
    the old sentences ("isn't renewed until that letter reaches you")."""
    text = unit.text[:_MAX]
    for name in side.channels:
        if _CHANNELS[name][1].search(text):
            return True
    if (_states_channel(side, unit) or _IT_BACK.search(text)) and not _names_own_case(
        side, text, wait=False
    ):
        # the lost channel itself, or the thing the rewrite is about pointed back at, with
        # more of the old rule's lost words than any rule the new prompt keeps says ("Allow 5
        # working days for it to arrive in the post" once the thing comes in an app; not
        # "Welcome packs go by post within a week" kept beside it)
        own = _stems(text)
        lost = len(own & side.lost)
        if lost >= _MIN_LOST and not side.kept_reaches(own, lost):
            return True
    if not side.wait_lost or not _KB_WAIT.search(text):
        return False
    # a kept wait of another case ("A loan on a reserved book isn't renewed until the desk has
    # checked the waiting list.") is that case's rule, not the lost wait's companion
    if _names_own_case(side, text):
        return False
    own = _stems(text)
    shared = len(own & side.old_words)
    if side.kept_reaches(own, max(shared, 1)):
        return False
    return shared >= _MIN_WAIT_SHARED or bool(
        _POINTS_BACK.search(text) and _A_WAIT.search(before[:_MAX])
    )


def _restates(side: OldSide, unit: Unit) -> bool:
    """Whether `unit` says the old rule's lost words, more than any rule the new prompt keeps,
    about the rule's own subject: a word the old and the new sentences both say ("book" of a
    repair booked with no photo now), so "Bring your library card number to renew a loan"
    beside a guest pass that needs no card now is another case's."""
    own = _stems(unit.text)
    lost = len(own & side.lost)
    return (
        lost >= _MIN_LOST
        and bool(own & side.subject)
        and not side.kept_reaches(own, lost)
        # a wait of another case shares the lost wait's words ("isn't", "until", "desk")
        and not _names_own_case(side, unit.text, wait=bool(_OLD_WAIT.search(unit.text[:_MAX])))
    )


def _asks_denied(side: OldSide, unit: Unit, beside: bool) -> bool:
    """Whether `unit` asks the customer for what the new rule says is not needed ("Send us a
    photo of your receipt." once "No receipt is needed"): a request, two lost words, one of
    them denied, more than any rule the new prompt keeps, about the changed case: `beside` the
    rewritten sentence, or saying two of the rule's subject words, and naming no case of its
    own ("For a refund under our guarantee, please send us a photo of your receipt." stays)."""
    if not side.denied or not _REQUEST.search(unit.text[:_MAX]):
        return False
    own = _stems(unit.text)
    lost = len(own & side.lost)
    if not (bool(own & side.denied) and lost >= 2 and not side.kept_reaches(own, lost)):
        return False
    if _names_own_case(side, unit.text, wait=False):
        return False
    return len(own & side.subject) >= (1 if beside else _MIN_SUBJECT)


_NEEDED = re.compile(
    r"\b(?:need(?:s|ed)?\s+to|have\s+to|has\s+to|must|required|remember\s+to"
    r"|don['’]t\s+forget|do\s+not\s+forget)\b|^(?:just\s+)?make\s+sure\b"
    r"|\b(?:can['’]t|cannot|can\s+not|won['’]t|unable\s+to|isn['’]t|aren['’]t)\b[^.;]{0,80}"
    r"\b(?:without|until|unless)\b"
    r"|\b(?:without|unless)\b[^.;]{0,80}\b(?:can['’]t|cannot|can\s+not|won['’]t|unable)\b",
    re.I,
)
"""A requirement said in a KB sentence ("You'll need to …", "please don't forget it"), or what
happens without it ("We can't develop any film … without a signed form")."""
_DENIAL_END = re.compile(
    r"\b(?:for|by|with|from|when|whenever|if|unless|on|at|in|because|as|since|so|while"
    r"|before|after)\b",
    re.I,
)
_DENYING = frozenset({"without", "no", "not", "never", "nothing", "none", "any", "anything"})
"""The words of a denial that deny, never the thing denied."""
_THING_FIRST = re.compile(r"^(?:the|your|our|this|that|each|every)\s+(?P<word>[A-Za-z]+)", re.I)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_DETERMINERS = frozenset(
    {"a", "an", "the", "your", "our", "their", "this", "that", "these", "those", "each", "every"}
)
_MAX_TOKENS = 200
_PARTICLES = frozenset(
    {"in", "up", "for", "on", "off", "into", "onto", "over", "back", "out", "away", "down"}
)
"""A verb's particle: "sign in", "sign up", "sign for the parcel" are other deeds than the
withdrawn "sign it"."""
_OF_ANOTHER = frozenset({"for", "of"})
"""A noun qualified after it ("the form for customs"): another thing when what follows is no
word the rule says."""
_OBJECT_PRONOUNS = frozenset({"it", "them", "this", "that"})
_NOUN_BEFORE = frozenset(_DETERMINERS | {"no", "any", "signed", "printed"})


def _nouns(text: str, words: frozenset[str]) -> set[str]:
    """The words of `words` that `text` says as a noun: after a determiner or "no", at most
    one word between ("no order form", "the order form"), bounded."""
    tokens = _TOKEN.findall(text[:_MAX])[:_MAX_TOKENS]
    found: set[str] = set()
    for index, token in enumerate(tokens):
        own = _stems(token) & words
        if own and any(
            tokens[before].lower() in _NOUN_BEFORE for before in range(max(0, index - 2), index)
        ):
            found |= own
    return found


def _withdrawn_words(
    said: frozenset[str], denied: frozenset[str], text: str, old_text: str = ""
) -> set[str]:
    """The words of `denied` (what the new rule says is not needed: "order form", "print",
    "sign" of "There's no order form any more: customers don't need to print or sign
    anything") that `text` says of the withdrawn thing itself: a denied word qualified by a
    word `said` (what the old and the new sentences say) does not hold ("a customs form"), or a
    denied verb whose object is such a word ("sign the delivery note"), is another thing."""
    tokens = _TOKEN.findall(text[:_MAX])[:_MAX_TOKENS]
    found: set[str] = set()
    for index, token in enumerate(tokens):
        words = _stems(token) & denied - _DENYING
        if not words:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        own_next = _stems(following)
        # the old sentences say the two together ("photo ID"): one thing
        phrase = bool(following) and bool(
            re.search(rf"\b{re.escape(token)}\s+{re.escape(following)}\b", old_text, re.I)
        )
        if following[:1].isupper() and not phrase and not (own_next and own_next <= said):
            continue  # named as another thing ("form CN22")
        before = index - 1
        while before >= 0 and tokens[before].lower() in _DETERMINERS:
            before -= 1
        if (
            before >= 0
            and (own := _stems(tokens[before]))
            and not own <= said
            and (
                tokens[before].lower().endswith(("'s", "’s"))
                or not (phrase or (own_next and own_next <= said))
            )
        ):
            # qualified as another thing ("a customs form", "a parent's photo ID"; not "show
            # photo ID")
            continue
        after = index + 1
        if after < len(tokens) and tokens[after].lower() in _DETERMINERS:
            while after < len(tokens) and tokens[after].lower() in _DETERMINERS:
                after += 1
            if after < len(tokens) and (own := _stems(tokens[after])) and not own <= said:
                continue  # its object is another thing
        if "-" in token or (following.lower() in _PARTICLES and not own_next & said):
            continue  # a verb and its particle ("sign in", "Sign-in", "sign for it")
        if following.lower() in _OF_ANOTHER and index + 2 < len(tokens):
            beyond = index + 2
            while beyond < len(tokens) - 1 and tokens[beyond].lower() in _DETERMINERS:
                beyond += 1
            if (own := _stems(tokens[beyond])) and not own <= said:
                continue  # qualified after it as another thing ("the form for customs")
        found |= words
    return found


_PLEASE = re.compile(r"^(?:please|just|simply)\s+", re.I)
"""Before an order ("Please sign it …"): the order is what opens after it."""


def _pronoun_object(text: str, named: set[str]) -> bool:
    """Whether a word of `named` is followed by "it"/"them" in `text` ("print it out")."""
    tokens = _TOKEN.findall(text[:_MAX])[:_MAX_TOKENS]
    return any(
        _stems(token) & named and tokens[index + 1].lower() in _OBJECT_PRONOUNS
        for index, token in enumerate(tokens[:-1])
    )


def _withdrawn_said(side: OldSide, text: str) -> bool:
    """Whether `text` names the withdrawn thing itself (`_withdrawn_words`)."""
    return bool(_withdrawn_words(side.old_words | side.new_words, side.denied, text, side.old_text))


def _withdrawn_companion(side: OldSide, unit: Unit, near: bool = True) -> bool:
    """Whether `unit` asks for, explains or states what happens without the thing the new rule
    withdrew ("You'll need to print it out and sign it before you post anything", "We can't put
    a film through the developer until we have your signed form", "The form tells us which
    services you'd like"): it names the withdrawn thing itself (`_withdrawn_said`), a word of
    it no sentence the new prompt keeps says (a document still asked for elsewhere stays), and
    it states a requirement or a consequence, opens with a denied verb, or is about the thing
    ("The form …"); one naming a case of its own ("If you're posting from abroad, …") stays."""
    if not side.denied or unit.text.startswith(("#", "|")):
        return False
    text = unit.text[:_MAX]
    own = _stems(text)
    lead = _LEAD_IN.match(text)
    # the thing named only in a lead-in ("If you have an Access Card, tell us …") is who the
    # sentence is about, not what it asks for
    said = text[lead.end() :] if lead is not None else text
    named = _withdrawn_words(side.old_words | side.new_words, side.denied, said, side.old_text)
    if named and named <= side.still_required:
        return False  # every word of the thing it says a kept rule still says of the same thing
    if not (named & side.denied_heads or len(named) >= 2):
        # a word of the denial alone that is none of its heads ("card" of "no card
        # surcharge") names no withdrawn thing
        return False
    nouns = _nouns(side.old_text, side.denied)
    if nouns and not named & nouns and not _pronoun_object(said, named):
        # the thing itself is a noun ("order form"): a sentence saying neither it nor "it" as
        # a denied verb's object ("Please sign up to our newsletter") is about another deed
        return False
    body = _PLEASE.sub("", ITEM_LEAD.sub("", text, count=1), count=1)
    first = _TOKEN.match(body)
    # an order about it ("Print our form …", "Bring your referral letter …")
    opens = first is not None and bool(_stems(first.group(0)) & (side.denied | side.lost))
    about = _THING_FIRST.match(body)
    is_about = about is not None and bool(_stems(about.group("word")) & side.denied)
    if not (_NEEDED.search(text) or opens or is_about):
        return False
    if not near and not is_about and len(own & side.subject) < _MIN_SUBJECT:
        # away from the rewritten sentence's paragraph, a request naming the thing may be
        # another case's ("Please send us a photo of your receipt." under a heading of its
        # own): only what is about the thing itself, or says the rule's subject, goes
        return False
    return not _names_own_case(side, text, wait=False)


def withdrawn_companion(facts: ChangeFacts, sentence: str) -> bool:
    """Whether `sentence` asks for, explains or says what happens without a thing the change
    withdrew (`_withdrawn_companion`): a sentence that fits the old rule only, as a
    conflict does."""
    side = old_side(facts)
    if side is None or side.requirement_added:
        return False
    return _withdrawn_companion(side, Unit(0, len(sentence), sentence))


def _states_channel(side: OldSide, unit: Unit) -> bool:
    return any(_CHANNELS[name][0].search(unit.text[:_MAX]) for name in side.channels)


def _channel_companion(side: OldSide, unit: Unit) -> bool:
    return any(_CHANNELS[name][1].search(unit.text[:_MAX]) for name in side.channels)


def _neighbour(text_units: Sequence[Unit], index: int, step: int) -> int:
    """The index of the unit before (`step` -1) or after (1) `index`, a list item's bare number
    ("2.") skipped; out of range when none."""
    index += step
    while 0 <= index < len(text_units) and _BARE_MARKER.match(text_units[index].text):
        index += step
    return index


def companions_to_drop(
    side: OldSide, old_body: str, new_body: str, body_format: str, conflicts: Collection[str]
) -> set[str]:
    """The texts of the sentences of `old_body` the writer left in `new_body` that fit the old
    rule only (see the module's docstring)."""
    old_plain = plain_text(old_body, body_format)
    old_units = units(old_plain)[:_MAX_UNITS]
    if not old_units:
        return set()
    conflicting = set(conflicts)
    rewritten = [index for index, unit in enumerate(old_units) if unit.text in conflicting]
    if not rewritten:
        return set()
    left = {unit.text for unit in units(plain_text(new_body, body_format))[:_MAX_UNITS]}
    counts: dict[str, int] = {}
    for unit in old_units:
        counts[unit.text] = counts.get(unit.text, 0) + 1
    sections = _sections(old_units)
    paragraphs = _paragraphs(old_plain, old_units)
    edited_sections = {sections[index] for index in rewritten}
    edited_paragraphs = {paragraphs[index] for index in rewritten}
    dropped: set[str] = set()
    withdrawn = bool(side.denied) and not side.requirement_added
    for index, unit in enumerate(old_units):
        if (
            withdrawn
            and sections[index] in edited_sections
            and unit.text in left
            and counts[unit.text] == 1
            and _withdrawn_companion(side, unit, paragraphs[index] in edited_paragraphs)
        ):
            # a requirement withdrawn: what asks for it, explains it or says what happens
            # without it goes, a conflict the writer left standing too
            dropped.add(unit.text)
            continue
        if (
            index in rewritten
            or sections[index] not in edited_sections
            or _heading(unit)
            or _row(unit)
            or unit.text not in left
            or counts[unit.text] > 1
        ):
            continue
        before = old_units[index - 1] if index else None
        after = old_units[index + 1] if index + 1 < len(old_units) else None
        # a sentence after a dropped one follows the rewrite only when one of the two points
        # back ("until then"): a chain of waits sharing the topic's words is no companion
        follows = before is not None and (
            before.text in conflicting
            or (
                before.text in dropped
                and bool(
                    _POINTS_BACK.search(unit.text[:_MAX]) or _POINTS_BACK.search(before.text[:_MAX])
                )
            )
        )
        beside = any(
            0 <= near < len(old_units) and old_units[near].text in conflicting
            for near in (_neighbour(old_units, index, -1), _neighbour(old_units, index, 1))
        )
        # a channel's companion just before the rewritten sentence ("Keep an eye on your
        # inbox.") is its own, unless the sentence before it states the channel and stays
        leads = (
            after is not None
            and after.text in conflicting
            and paragraphs[index + 1] == paragraphs[index]
            and _channel_companion(side, unit)
            and not (
                before is not None
                and before.text not in conflicting
                and paragraphs[index - 1] == paragraphs[index]
                and _states_channel(side, before)
            )
        )
        if (
            (follows and before is not None and _companion(side, unit, before.text))
            or leads
            or (paragraphs[index] in edited_paragraphs and _restates(side, unit))
            or _asks_denied(side, unit, beside)
            or (side.requirement_added and bool(_NOTHING_NEEDED_ALONE.match(unit.text[:_MAX])))
        ):
            dropped.add(unit.text)
    return dropped


def without_old_companions(
    facts: ChangeFacts, old_body: str, new_body: str, body_format: str, conflicts: Collection[str]
) -> tuple[str, list[str]] | None:
    """(`new_body` without what fits the old rule only, the sentences dropped or trimmed) for
    an item a writer edited; None when it keeps nothing of the kind."""
    side = old_side(facts)
    if side is None:
        return None
    old_texts = {unit.text for unit in units(plain_text(old_body, body_format))[:_MAX_UNITS]}
    written_units = [
        unit
        for unit in units(plain_text(new_body, body_format))[:_MAX_UNITS]
        if unit.text not in old_texts
    ]
    # a writer that still names the old channel ("by email (by post for overseas orders)")
    # keeps it for someone: its companions stay
    kept_channels = tuple(
        name
        for name in side.channels
        if any(_CHANNELS[name][0].search(unit.text[:_MAX]) for unit in written_units)
    )
    if kept_channels:
        side = replace(
            side, channels=tuple(name for name in side.channels if name not in kept_channels)
        )
    drop = companions_to_drop(side, old_body, new_body, body_format, conflicts)
    if len(drop) > _MAX_DROPPED:
        return None
    edited_sections = _edited_section_texts(old_body, body_format, conflicts)

    def trimmed(raw: str) -> str | None:
        match = _NOTHING_NEEDED.search(raw[:_MAX])
        if match is None:
            return None
        end = _CLAUSE_END.search(raw)
        return raw[: match.start()] + (end.group(0) if end else "")

    claims: dict[str, str] = {text: "" for text in drop}
    if side.wait_lost and side.at_once:
        # a wait said as what cannot be done until then is said as done at once ("Please don't
        # let {{guest}} use the gym until then" → "{{guest}} can use the gym straight
        # away"): the sentence keeps its placeholders and says the new rule
        for text in drop:
            flipped = (
                flipped_wait(text, side.at_once, side.old_words)
                if _KB_WAIT.search(text[:_MAX])
                else None
            )
            if flipped is not None:
                claims[text] = flipped
    if side.requirement_added:
        for unit in units(plain_text(new_body, body_format))[:_MAX_UNITS]:
            written = unit.text not in old_texts or unit.text in conflicts
            if unit.text in claims or _row(unit) or _heading(unit):
                continue
            if written or unit.text in edited_sections:
                said = trimmed(unit.text)
                if said is not None:
                    claims[unit.text] = said
    if not claims:
        return None

    def rewrite(raw: str) -> str | None:
        text = " ".join(raw.replace("**", "").replace("__", "").split())
        if text in drop:
            return claims.get(text, "")
        return trimmed(raw.rstrip()) or raw

    def around(text: str, text_units: list[Unit], index: int, changes: dict[int, str]) -> None:
        # a list item's number read as a unit of its own ("2." of "2. Send us …") goes with it
        if (
            changes.get(index) == ""
            and index
            and _BARE_MARKER.match(text_units[index - 1].text)
            and "\n" not in text[text_units[index - 1].end : text_units[index].start]
        ):
            changes[index - 1] = ""

    body = rewrite_claims(new_body, body_format, set(claims), rewrite, around)
    if body is None or body == new_body:
        return None
    changed = [text for text in claims if text]
    return body, changed


_SUBJECT = r"(?P<subj>\{\{[^{}]{1,80}\}\}|you|they|he|she|we|(?:the |your )?[a-z]+(?: [a-z]+)?)"
_LET = re.compile(
    rf"^(?:please\s)?(?:don['’]t|do not)\slet\s{_SUBJECT}\s(?P<vp>[^,.;:]{{1,120}}?)\s"
    r"(?P<wait>until\b[^.!?]{0,160})[.!]?$",
    re.I,
)
_CANNOT = re.compile(
    r"^(?:(?:until then|in the meantime|meanwhile),\s)?"
    rf"{_SUBJECT}\s(?:can['’]t|cannot|can not|won['’]t be able to"
    r"|(?:aren['’]t|isn['’]t|are not|is not) able to)\s(?P<vp>[^,.;:]{1,120}?)"
    r"(?:\s(?P<wait>(?:until|yet)\b[^.!?]{0,160}))?[.!]?$",
    re.I,
)
_NOT_YET = re.compile(
    rf"^{_SUBJECT}\s(?P<be>isn['’]t|aren['’]t|is not|are not)\s(?P<vp>[a-z]+(?: to [a-z]+)?)"
    r"\s(?P<wait>(?:until|yet)\b[^.!?]{0,160})[.!]?$",
    re.I,
)
"""A wait said as what cannot be done yet: "Please don't let X drive your car until then, …",
"In the meantime, you won't be able to get through the turnstiles.", "The new pass isn't
active until that letter reaches you." (bounded, one clause each)."""


_PRONOUNS = frozenset({"you", "they", "he", "she", "we"})
_BACK = re.compile(
    r"^(?:yet\b|until (?:then\b|(?:that|this|those|these|it)\b))|^(?:until|yet)\b[^,]{0,80},", re.I
)
"""A wait pointing back at the lost one ("until then", "until that letter reaches you", "yet"),
not one of its own ("until they pass their test")."""


def _flippable(head: re.Match[str], subject_words: Collection[str] | None) -> bool:
    """Whether the wait `head` read is the lost wait of the changed case: its wait points back
    (or it has none), and its subject is a placeholder, a pronoun, or made of `subject_words`
    (the old rule's own words); "Reserved books …", "Learner drivers … until they pass their
    test" are other cases' rules, never said as done at once."""
    wait = head.group("wait")
    if wait and not _BACK.match(wait.strip()):
        return False
    subject = head.group("subj")
    if subject.startswith("{{") or subject.lower() in _PRONOUNS or subject_words is None:
        return True
    words = _stems(subject)
    allowed = set(subject_words)
    return (
        bool(words)
        and words <= allowed
        and all(
            word.lower() in {"the", "your"} or _stems(word) <= allowed for word in subject.split()
        )
    )


def flipped_wait(
    text: str, at_once: str, subject_words: Collection[str] | None = None
) -> str | None:
    """`text`, a wait the new rule drops, said as done at once (`at_once`: "straight away");
    None when it has no shape read here or is no wait of the changed case (see `_flippable`:
    its subject must be made of `subject_words` when given); it is then dropped."""
    text = text[:_MAX]
    head = _LET.match(text) or _CANNOT.match(text)
    if head is not None and not _flippable(head, subject_words):
        return None
    if head is not None:
        return f"{_upper(head.group('subj'))} can {head.group('vp')} {at_once}."
    head = _NOT_YET.match(text)
    if head is not None and _flippable(head, subject_words):
        be = "are" if head.group("be").lower().startswith("are") else "is"
        return f"{_upper(head.group('subj'))} {be} {head.group('vp')} {at_once}."
    return None


def _upper(word: str) -> str:
    return word[:1].upper() + word[1:] if not word.startswith("{") else word


def _edited_section_texts(old_body: str, body_format: str, conflicts: Collection[str]) -> set[str]:
    """The texts of the units in the sections of `old_body` holding a conflicting sentence."""
    old_units = units(plain_text(old_body, body_format))[:_MAX_UNITS]
    sections = _sections(old_units)
    conflicting = set(conflicts)
    edited = {sections[i] for i, unit in enumerate(old_units) if unit.text in conflicting}
    return {unit.text for i, unit in enumerate(old_units) if sections[i] in edited}
