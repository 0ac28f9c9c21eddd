"""A rule once stated for every case, split by the new prompt: one case gets a new handling,
the rest keep the old one.

The old prompt said the handling held "however many costumes are on the hire", "whatever the
reason", "however many times we've already been back"; the new prompt says what happens for one
case ("Hires of up to 3 costumes can be posted back: …"; "If the reason given is `away` (going on
holiday …), don't cancel yet: offer to pause …") and keeps the old handling for the rest. A KB
sentence still makes the universal claim when it says one of those every-case words
("whatever your reason", "whether you hired one costume or ten", "there's no limit", "every
time", "no questions asked", "only") and shares at least two content words with the old prompt
sentence (`universal_claims`).

The template drafter (`split_case_edit`) says the changed case's handling once, in the KB's
voice (`oldside.kb_voice` of the new prompt sentence, the prompt's tool names, asides and
look-ups out), then the old sentence narrowed to the rest ("Otherwise, " and the sentence with
its every-case clause and "only" out); a sentence that is nothing but the universal claim gives
way to the handling; a table row's cell keeps its text, narrowed, and gets the case after a
semicolon. A sentence or cell saying the claim, or the outcome the old replies told
(`CaseSplit.told`: "| Deposit if you cancel | Kept by the studio |"), with no case of its own
claims it for every case too; such a cell takes the case first in its few words ("Refunded if
you cancel 7 or more days before the appointment, otherwise kept by the studio"). A sentence
it cannot rewrite confidently stays flagged with the reason. A drafting model is told the same
(`split_case_fact`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.oldside import kb_voice
from behaviordiff.drafting.text import (
    EVERY_CASE_WORDS,
    STOPWORDS,
    Keep,
    Unit,
    base_verb,
    cell_text_spans,
    flat,
    past_participle,
    rewrite_units,
    stem,
    terms,
    upper_first,
    verb_terms,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

SPLIT_CASE_REASON = "claims the old handling for every case; the new prompt splits one case off"
DENIED_STEP_REASON = (
    "says there is nothing to sign or fill in; the new prompt now asks it of one case"
)

# paperwork a new case's handling asks for ("send the consent form …", "… comes back signed")
PAPER = re.compile(r"\b(?:forms?|paperwork|sign|signs|signed|signature|consent)\b", re.I)
# a denial of paperwork: "Nobody needs to sign anything", "There's no paperwork for a parent
# to sign", "no forms to fill in", "you don't have to sign anything" (bounded gap: linear)
_NO_PAPER = re.compile(
    r"\b(?:no|nothing|nobody|no one|no-one|never|don't|don’t|do not|doesn't|doesn’t|"
    r"needn't|needn’t|won't|won’t)\b[^.;:!?|]{0,40}?\b(?:paperwork|forms?|sign|signed|"
    r"signing|signature|fill in|fill out)\b",
    re.I,
)

_UNIVERSAL = EVERY_CASE_WORDS
_FROM_ANY = re.compile(
    r"\b(?:needed|required|asked)\s+(?:of|from)\s+(?:any|every)\s+[a-z]{3,20}\b", re.I
)
_ONLY = re.compile(r"\bonly\b", re.I)
_CODE = re.compile(r"`[^`\n]{0,80}`|\b[a-z0-9]+_[a-z0-9_]+\b")
_GLOSS = re.compile(
    r"^if (?:the )?[a-z ]{1,40}? (?:is|are|was) `[^`\n]{1,60}` "
    r"\((?P<gloss>[a-z]{1,30}ing\b[^()\n]{0,200})\),? ",
    re.I,
)
_LOOKUP = re.compile(
    r"^(?P<lead>if|when)\s+`[^`\n]{1,60}`\s+(?:shows|says|finds)\s+(?:that\s+)?",
    re.I,
)
_PARENS = re.compile(r" ?\([^()\n]{0,200}\)")
_LABEL_CASE = re.compile(
    r"^(?!(?i:note|important|tip|remember|please|always|never|exception|example)\b)"
    r"[A-Z][\w'’-]*(?: [\w'’-]+){0,3}: (?=[a-z])"
)
"""A line keyed by the case it is for ("Commercial customers: our team will email …")."""
_CASE = re.compile(
    r"^(?:if|when|once)\b|\bup to \d|\b\d+ or (?:more|fewer|less)\b|\b(?:twice|once) or more\b|"
    r"\b(?:under|over|more than|less than|at least) [$€£]?\d|"
    r"\b\d+ (?:and|or) (?:over|older|above|under|younger|below)\b",
    re.I,
)
# the kept case ("every other claim", "any other reason"), never the one split off
_REST = re.compile(r"\b(?:every|any|all|each) other\b|\bthe rest\b|\botherwise\b", re.I)
# a claim over every case still left once the every-case clause is out ("handles every claim")
_STILL_EVERY = re.compile(
    r"\b(?:every|each)\b(?! (?:time|day|week|month|year|penny|pound|cent)\b)|"
    r"\ball (?:of )?(?:our |the |your )?[a-z]+s\b|\bany (?!time\b)[a-z]+",
    re.I,
)
_CLAUSE = re.compile(r"(, |: |; )")
_GOES_ON = re.compile(r"\b(?:and|but|so|then|while)\b", re.I)
_WINDOW = re.compile(
    r"\b(?:within|until|before|after)\b|\b(?:minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_MAX = 4000
_THINGS_THEY = re.compile(r"\b(the [a-z]{2,30}s)\b([^,.;:`()]{0,60}?)\b(they|their|them)\b")
_THEY = "THINGSPRONOUN"
_THIRD_PERSON = re.compile(r"(?:if|when|once) (?:a|an|the) [a-z]", re.I)
_YOU = re.compile(r"\byou(?:rs?|[’']re)?\b", re.I)
_YOUR = re.compile(r"\byour\b")
_YOU_ALONE = re.compile(r"\byou\b(?![’']re)", re.I)
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class CaseSplit:
    """An every-case prompt rule and the case the new prompt splits off."""

    old: str
    """The old prompt sentence(s) that said the handling held for every case."""
    old_words: frozenset[str]
    """Its content words, the every-case words out."""
    new: str
    """The new prompt sentence for the changed case."""
    said: str
    """The changed case's handling in the KB's voice ("If you're going on holiday, …, we
    offer to pause your deliveries for up to 6 weeks instead ….")."""
    handling: frozenset[str] = frozenset()
    """The words of the old sentences the change rewrote in the rule's section (how the old
    handling was said, its subject included)."""
    claim: str = ""
    """What the old sentence said for every case, its every-case words out ("The deposit is
    non-refundable" of "The deposit is non-refundable, however far ahead the client
    cancels."): a KB sentence saying it with no case of its own still says it for all."""
    case_head: str | None = None
    """The changed case in the KB's voice ("If you cancel 7 or more days before …")."""
    kept_head: str | None = None
    """The case the new prompt keeps the old handling for, when it says it as a case ("If you
    cancel fewer than 7 days before"), else None."""
    plain: bool = False
    """The old rule said no every-case words: only its claim said with no case is its."""
    band: Band | None = None
    """The band of a number the new prompt keeps the old claim for ("New students under 18
    get a free trial" of "Every new student's first lesson is a free trial, whatever their
    age"), or None: a KB sentence making the every-case claim is narrowed to it."""
    new_replies: tuple[str, ...] = ()
    """The change's new replies: the words its customers are now told."""
    told: tuple[str, ...] = ()
    """The old handling's outcome said of the claim's subject in the section's other old
    sentences ("deposit is kept" of "… tell the client the £60 deposit is kept"): a KB
    sentence or cell saying it with no case of its own ("| Deposit if you cancel | Kept by
    the studio |") says the old handling for every case too."""


@dataclass(frozen=True)
class Band:
    """A band of a number a kept claim is narrowed to: "under 18" of "New students under 18
    get …", the noun it is said of ("students", as the prompt says it, "New students"), and
    whether the number is a person's age (then a sentence says it "if you're under 18")."""

    words: str
    """"under 18", "18 and over"."""
    subject: str
    """The prompt's words for whom (or what) the band is of, its noun last ("New students")."""
    noun: str
    """That noun's stem ("student")."""
    personal: bool


_NOT_TOPIC = frozenset(
    {"every", "each", "any", "all", "up", "more", "less", "fewer", "must", "can", "only"}
    | {"not", "no", "never", "none", "nothing", "without", "cannot", "longer"}
)


def _words(text: str) -> set[str]:
    """The content words of `text`: no every-case words, code, numbers or negations."""
    return {
        word
        for word in terms(_CODE.sub(" ", _UNIVERSAL.sub(" ", text)))
        if word not in _NOT_TOPIC
        and not word.endswith(("n't", "n’t"))
        and not any(ch.isdigit() for ch in word)
    }


def _voiced(sentence: str) -> str | None:
    """The new case's prompt sentence in the KB's voice, or None."""
    text = flat(sentence)[:_MAX]
    head: str | None = None
    gloss = _GLOSS.match(text)
    if gloss is not None:
        # "If the reason given is `away` (going on holiday, …), don't …" → "If you're going …"
        head = "If you're " + gloss.group("gloss").strip()
        text = text[gloss.end() :]
    else:
        text = _LOOKUP.sub(lambda m: m.group("lead") + " ", text)
    text = _PARENS.sub("", text)
    # "post the costumes in the bag they came in": that "they" is the things, not the customer
    text = _THINGS_THEY.sub(lambda m: m.group(1) + m.group(2) + _THEY + m.group(3), text)
    found = kb_voice(text)
    if found is None:
        return None
    own_head, said, _ = found
    said = said.replace(_THEY, "")
    head = head or own_head
    if head is not None and _CODE.search(head):
        return None
    if _CODE.search(said) or not said:
        return None
    if (
        head is not None
        and _THIRD_PERSON.match(head)
        and not _YOU.search(head)
        and not _YOU_ALONE.search(said)
    ):
        # "When a new member wants to join, we book your …": the "their" was the member's;
        # where the handling says "you" ("ready for you when you drop your bike off"), the
        # head's third person is a thing ("If the quoted repair time …") and "your" is theirs
        said = _YOUR.sub("their", said)
    lead = f"{head}, {said}" if head else said
    lead = lead.strip().rstrip(" ,;:")
    return lead[:1].upper() + lead[1:] + ("" if lead.endswith((".", "!", "?")) else ".")


def _case_head(sentence: str) -> str | None:
    """The case a prompt sentence opens with, in the KB's voice ("If you cancel fewer than 7
    days before"), or None when it opens with none or says it in code."""
    found = kb_voice(_PARENS.sub("", flat(sentence)[:_MAX]))
    head = found[0] if found is not None else None
    if head is None or _CODE.search(head) or not re.match(r"(?:if|when|once)\b", head, re.I):
        return None
    return head


def case_splits(facts: ChangeFacts) -> list[CaseSplit]:
    """The change's every-case prompt rules the new prompt splits a case off."""
    found: list[CaseSplit] = []
    plainly: list[CaseSplit] = []
    by_section: dict[str | None, list[str]] = {}
    for rule in facts.rules:
        if rule.new and rule.kind in ("sentence_added", "sentence_changed"):
            by_section.setdefault(rule.section, []).extend(
                _SENTENCE_END.split(flat(rule.new)[:_MAX])
            )
    for rule in facts.rules:
        if not rule.old or rule.kind not in ("sentence_removed", "sentence_changed"):
            continue
        old = flat(rule.old)[:_MAX]
        # a rule said for every case in words ("however far ahead"), or with no case at all
        # ("The deposit is non-refundable.") when the new prompt keeps it for one case below
        # "no paperwork is needed from any customer": a claim for every case too
        plain = not _UNIVERSAL.search(old) and not _FROM_ANY.search(old)
        if plain and _OWN_CASE.search(old):
            continue
        own = _words(old)
        handling = set(own)
        for other in facts.rules:
            if other.old and other.section == rule.section and other.kind != "sentence_added":
                handling |= _words(flat(other.old)[:_MAX])
        # with no value moved, a line keyed by a case is a case too (a moved value's own
        # writers read "Schedule clash: refund a quarter …")
        cases = [
            (len(_words(new) & handling) / max(1, len(_words(new))), new)
            for new in by_section.get(rule.section, [])
            if (_CASE.search(new) or (not facts.moves and _LABEL_CASE.match(new)))
            and not _UNIVERSAL.search(new)
            and not _REST.search(new)
        ]
        if not cases:
            continue
        # the changed case: the one saying least of the old handling (the kept case restates it)
        new = min(cases)[1]
        said = _voiced(new)
        if said is None:
            continue
        kept = max(cases)[1] if len(cases) > 1 else None
        if plain and (
            kept is None
            or not _says_claim(kept, old)
            or _says_claim(new, old)
            or len(own) < 2
            or _CODE.search(old)
            or _case_head(new) is None
        ):
            # a plain rule is split only when it is a statement (no instruction in code) and
            # the new prompt says the changed case as a case ("If …, …")
            continue
        # the topic: every old sentence of the section the change rewrote, what the new
        # prompt keeps of it there and the case it splits off
        olds = [
            flat(other.old)[:_MAX]
            for other in facts.rules
            if other.old
            and other.section == rule.section
            and other.kind in ("sentence_removed", "sentence_changed")
        ]
        claim = _narrowed(old)
        told = _told_claims(
            claim,
            [*olds, *(flat(s)[:_MAX] for s in facts.prompt_sections.get(rule.section or "", []))],
            _claim_words(new),
            [excerpt.old for excerpt in facts.excerpts],
            [excerpt.new for excerpt in facts.excerpts],
        )
        olds += [
            said
            for said in (flat(s)[:_MAX] for s in facts.prompt_sections.get(rule.section or "", []))
            if len(_words(said) & own) >= 1
        ]
        old_words = frozenset(word for text in olds for word in _words(text))
        band = None if plain else _kept_band(facts, rule, claim)
        (plainly if plain else found).append(
            CaseSplit(
                old,
                old_words,
                new,
                said,
                frozenset(handling),
                claim,
                _case_head(new),
                _case_head(kept) if kept is not None and kept != new else None,
                plain,
                band,
                tuple(excerpt.new for excerpt in facts.excerpts),
                told,
            )
        )
    # a rule said for every case in words is the split; one said with no case, only without
    return found or plainly


# a band of a number said in words ("under 18", "18 and over"; bounded, linear); never an
# amount ("under £50") nor a part of a bigger number ("under 18.5")
_BAND = re.compile(
    r"\b(?:aged )?(?:under|over|below|above|younger than|older than|at least) \d{1,4}\b"
    r"(?![.,]\d)|\b(?:aged )?\d{1,4} (?:and|or) (?:over|under|older|younger|above|below)\b",
    re.I,
)
_NUMBER = re.compile(r"\d{1,4}")
_SUBJECT_WORD = re.compile(r"([A-Za-z][A-Za-z'’-]{0,30}) ?$")
_NOT_SUBJECT = frozenset({"every", "each", "all", "any", "the", "a", "an", "our", "your", "of"})
_QUANTIFIER = re.compile(r"\b(?:every|each|all|any)\b", re.I)
_NEXT_WORD = re.compile(r" ([A-Za-z]{1,30})\b")
_PRONOUN = (("their", "they're"), ("they", "they're"), ("your", "you're"), ("you", "you're"))


def _kept_band(facts: ChangeFacts, rule: Any, claim: str) -> Band | None:
    """The band of a number the new prompt keeps the old every-case claim for: the rule's new
    sentence, or one of its section's, saying the claim (as the claim, not denied) for a band
    of a number the change's condition is bounded at ("New students under 18 get a free
    30-minute trial" of "Every new student's first lesson is a free 30-minute trial, whatever
    their age", the condition `student_age >= 18`), or None."""
    wanted = _claim_words(claim)
    if len(wanted) < 2:
        return None
    bounds = {
        str(atom.value).removesuffix(".0"): atom.feature
        for condition in facts.conditions
        for atom in condition.atoms
        if atom.op in (">", ">=", "<", "<=") and isinstance(atom.value, int | float)
    }
    said = [flat(rule.new)[:_MAX]] if rule.new else []
    said += [flat(text)[:_MAX] for text in facts.prompt_sections.get(rule.section or "", [])]
    for sentence in said:
        band = _BAND.search(sentence)
        if (
            band is None
            or _UNIVERSAL.search(sentence)
            or _denied(sentence) != _denied(claim)
            or len(_claim_words(sentence) & wanted) < 2
        ):
            continue
        number = _NUMBER.search(band.group(0))
        feature = bounds.get(number.group(0)) if number is not None else None
        if feature is None:
            continue
        subject = _band_subject(sentence[: band.start()])
        if subject is None:
            continue
        return Band(
            band.group(0).lower(),
            subject,
            stem(subject.split()[-1].lower()),
            "age" in re.split(r"[_\W]+", feature.lower()),
        )
    return None


def _band_subject(before: str) -> str | None:
    """The words right before a band naming whom it is of ("New students" of "New students
    under 18 get …"), at most three, its noun last; None when a determiner or nothing is."""
    words: list[str] = []
    rest = before
    while len(words) < 3:
        found = _SUBJECT_WORD.search(rest)
        if found is None or found.group(1).lower() in _NOT_SUBJECT:
            break
        words.insert(0, found.group(1))
        rest = rest[: found.start()]
        if not rest.endswith(" ") and rest:
            break
        rest = rest.rstrip(" ")
    if not words or words[-1].lower() in STOPWORDS:
        return None
    return " ".join(words)


def _every_noun(text: str, band: Band) -> tuple[int, int] | None:
    """Where `text` says every one of the band's noun ("every new student"), or None."""
    for quantifier in _QUANTIFIER.finditer(text[:_MAX]):
        at = quantifier.end()
        for _ in range(3):
            word = _NEXT_WORD.match(text, at)
            if word is None:
                break
            at = word.end()
            if stem(word.group(1).lower()) == band.noun:
                return quantifier.start(), at
    return None


def _says_for_every(split: CaseSplit, text: str) -> bool:
    """Whether `text` says the old claim of every one the band is of ("| Trial lesson (every
    new student) | 30 minutes | Free |"): "every" on the band's noun, half the claim's words
    or more, and no case of its own ("Shoe hire is free for every climber" shares the noun and
    "free", not the claim)."""
    if split.band is None or _every_noun(text, split.band) is None or _OWN_CASE.search(text):
        return False
    wanted = _claim_words(split.claim)
    return 2 * len(_claim_words(text) & wanted) >= len(wanted) >= 2


def _banded_subject(band: Band, said: str) -> str:
    """The band's subject and band in place of "every …" ("new students under 18"), upper
    case kept only where `said` opened with it."""
    subject = band.subject
    if not said[:1].isupper() and not subject.isupper():
        subject = subject[:1].lower() + subject[1:]
    return f"{subject} {band.words}"


def _band_clause(band: Band, every: str) -> str | None:
    """The band as a case in the KB's voice, its pronoun the every-case clause's ("whatever
    their age" → "if they're under 18"), or None when the number is no person's age."""
    if not band.personal:
        return None
    words = set(re.findall(r"[a-z]+", every.lower()))
    pronoun = next((said for word, said in _PRONOUN if word in words), "you're")
    return f"if {pronoun} {band.words}"


def _claims(split: CaseSplit, text: str, heading: str = "") -> bool:
    """Whether `text` claims the split rule's old handling for every case; `heading`, a
    question heading the text answers ("What counts towards the price?" over "All of it
    counts, whether …"), says what its short answer is about."""
    if text.lstrip().startswith("#"):
        return False
    asked = _words(heading) if heading.rstrip().endswith("?") else set()
    if len((_words(text) | asked) & split.old_words) < 2:
        return False
    if _UNIVERSAL.search(text) is not None or _WHETHER_LIST.match(text) is not None:
        # the old rule's words outside the every-case clause: "every hire that day is refunded
        # in full, whatever your age or boat" claims a refund, not the rule of hire and age;
        # one of them a word of the sentences the change rewrote, not only of their section
        # ("your car gets a free service every year, however long you've been leasing" beside
        # a rule on how much of the deposit counts, whose section also says "every year")
        outside = _words(_EVERY_CLAUSE.sub(" ", text)) | asked
        return len(outside & split.old_words) >= 2 and bool(outside & split.handling)
    if _plain_claim(split, text):
        return True
    if split.band is not None and _says_for_every(split, text):
        return True
    if split.plain:
        return False
    # "only" claims the old way for every case ("only in person", "at the shop only"); "only
    # within thirty days" is a window, another rule; and the "only" must restrict by the old
    # handling's own words ("for over-16s only" of the rule's subject restricts by age)
    return any(
        _ONLY.search(clause) is not None
        and _WINDOW.search(clause) is None
        and _words(_predicate(clause)) & split.handling
        for clause in _CLAUSE.split(text)
    )


_EVERY_CLAUSE = re.compile(
    r"\b(?:whatever|whichever|however|no matter|regardless of|whether)\b[^,;:.!?|]*", re.I
)
"""An every-case clause to the next punctuation ("whatever your age or boat")."""


# a case of the sentence's own: the claim is no longer said for every case (bounded)
_OWN_CASE = re.compile(
    r"\b(?:if|when|whenever|unless|once|until|provided|as long as|except)\b|"
    r"\b(?:less|fewer|more) than\b|\bat least\b|\bup to\b|\bor (?:more|less|fewer)\b|"
    r"\b(?:under|over|within)\s+[$€£]?\d",
    re.I,
)
_CASE_LEAD = re.compile(
    r"^(?:if|when|whenever|unless|once|until|provided|as long as|except|but only)\b", re.I
)
_DENIAL = re.compile(
    r"\b(?:not|no|never|none|nothing|without|cannot)\b|n[’']t\b|\bnon-?(?=[a-z])", re.I
)


def _claim_words(text: str) -> set[str]:
    """The content words of a claim as its word family ("refund", "refunded", "refundable" as
    one), its "non-" a denial, not a word."""
    return {_family(word) for word in _words(text) if word != "non"}


def _family(word: str) -> str:
    single = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return single[:5]


def _denied(text: str) -> bool:
    return _DENIAL.search(text) is not None


def _says_claim(sentence: str, claim: str) -> bool:
    """Whether `sentence` says each word of `claim`, with its denial or without as it."""
    return _claim_words(claim) <= _claim_words(sentence) and _denied(sentence) == _denied(claim)


def _plain_claim(split: CaseSplit, text: str) -> bool:
    """Whether `text` says the old rule's claim, or its told outcome (`CaseSplit.told`), with
    no case of its own (`_says_plainly`)."""
    return any(_says_plainly(split, claim, text) for claim in (split.claim, *split.told))


def _without_own(text: str, own: set[str]) -> str:
    """`text` without the case words the claim itself says (`own`)."""
    return _OWN_CASE.sub(
        lambda found: " " if found.group(0).lower() in own else found.group(0), text
    )


_CUSTOMER = frozenset({_family("customer"), _family("customers")})


def _says_plainly(split: CaseSplit, claim: str, text: str) -> bool:
    """Whether `text` says `claim` with no case of its own ("Please note that the deposit is
    non-refundable, so …" of "The deposit is non-refundable, however far ahead …"): one
    clause says each of its words, with its denial or without as the claim, and neither it,
    the clauses before it, nor one opening right after it with "if" or "unless" puts a case
    on it (`_own_case`)."""
    # the prompt's "the customer" is the KB's "you"
    wanted = _claim_words(claim) - _CUSTOMER
    if len(wanted) < 2:
        return False
    denied = _denied(claim)
    clauses = _CLAUSE.split(text)[::2]
    # the claim's own bound ("within 2 working days") is what it says, no case put on it
    own = {found.group(0).lower() for found in _OWN_CASE.finditer(claim)}
    for at, clause in enumerate(clauses):
        if not wanted <= _claim_words(clause) or _denied(clause) != denied:
            continue
        if any(_own_case(split, _without_own(before, own)) for before in clauses[: at + 1]):
            return False
        after = clauses[at + 1] if at + 1 < len(clauses) else ""
        return _CASE_LEAD.match(after.strip()) is None
    return False


_TOPIC_CASE = re.compile(r"\b(?:if|when|whenever|once)\b(?P<rest>[^,;:.!?|()]{0,80})", re.I)
"""A case clause to the next punctuation or cell ("if you cancel"), bounded."""


def _own_case(split: CaseSplit, text: str) -> bool:
    """Whether `text` puts a case of its own on what it says. "If you cancel" over a claim
    every cancellation shares is no case of its own: its words (no number) are all words both
    the changed case ("If you cancel 7 or more days before …") and the old handling say."""
    topic = _claim_words(split.case_head or "") & {_family(w) for w in split.handling}
    for found in _OWN_CASE.finditer(text):
        if topic:
            clause = _TOPIC_CASE.match(text, found.start())
            said = _claim_words(clause.group("rest")) if clause is not None else set()
            if (
                clause is not None
                and said
                and said <= topic
                and not any(ch.isdigit() for ch in clause.group("rest"))
            ):
                continue
        return True
    return False


_TOLD = re.compile(
    r"\b(?P<noun>[a-z]{3,30})\s+(?:is|are|will be|stays|remains)\s+(?P<pred>[a-z][a-z-]{2,30})\b",
    re.I,
)
"""A noun said to be something ("deposit is kept"), bounded."""


def _told_claims(
    claim: str,
    olds: Sequence[str],
    new_words: set[str],
    old_replies: Sequence[str],
    new_replies: Sequence[str],
) -> tuple[str, ...]:
    """The old handling's outcome said of the claim's subject in the rule's section (`olds`:
    "deposit is kept" of "… tell the client the £60 deposit is kept", the claim "Deposits are
    non-refundable"): a predicate the claim does not say already, the changed case
    (`new_words`) never says, with no denial, that most of the change's old replies say and
    none of its new ones (what its customers were told and no longer are)."""
    verb = _VERB.search(claim)
    noun = _LAST_WORD.search(claim[: verb.start()]) if verb is not None else None
    if noun is None or not old_replies:
        return ()
    subject = _claim_words(noun.group(0))
    wanted = _claim_words(claim)
    olds_said = [_said_words(reply) for reply in old_replies]
    news_said = set().union(*(_said_words(reply) for reply in new_replies))
    found: list[str] = []
    for old in olds:
        for said in _TOLD.finditer(old):
            predicate = _said_words(said.group("pred"))
            if (
                _claim_words(said.group("noun")) != subject
                or not subject
                or not predicate
                or predicate & (wanted | new_words | news_said)
                or _denied(said.group(0))
                or 2 * sum(1 for words in olds_said if predicate & words) < len(olds_said)
            ):
                continue
            found.append(f"{said.group('noun')} is {said.group('pred')}")
    return tuple(dict.fromkeys(found))


_LAST_WORD = re.compile(r"[A-Za-z]{3,30}(?=\W*$)")
"""The last word of a subject ("Deposits" of "Our deposits"), its head noun."""


def _said_words(text: str) -> set[str]:
    """`_claim_words` of `text`, an irregular verb's past form read as its base too ("kept"
    as "keep"), so "we keep the fee" says what "the fee is kept" says."""
    return {_family(word) for word in verb_terms(text[:_MAX])} | _claim_words(text)


_VERB = re.compile(r"\b(?:is|are|was|were|must|can|may|will|should)\b", re.I)


def _predicate(clause: str) -> str:
    """What `clause` says of its subject: from its first verb on ("are for over-16s only" of
    "The saunas are for over-16s only"), the whole clause when it has none (a table cell)."""
    verb = _VERB.search(clause)
    return clause[verb.start() :] if verb is not None else clause


def universal_claims(
    facts: ChangeFacts, item_units: Sequence[Unit], found: list[Any], make: Callable[..., Any]
) -> list[Any]:
    """`found` with the units claiming the old handling for every case marked."""
    splits = case_splits(facts)
    if not splits:
        return found
    result = list(found)
    taken = {conflict.unit_index: at for at, conflict in enumerate(result)}
    heading = ""  # the nearest heading above, carried forward in one pass
    for index, unit in enumerate(item_units):
        said = unit.text
        above, heading = heading, said if said.startswith("#") else heading
        if len(said) > _MAX or not any(_claims(split, said, above) for split in splits):
            continue
        if index in taken:
            # another rule found it too: it is also this split's claim
            was = result[taken[index]]
            result[taken[index]] = make(index, was.sentence, (*was.reasons, SPLIT_CASE_REASON))
        else:
            result.append(make(index, said, (SPLIT_CASE_REASON,)))
    result = _paper_denials(splits, item_units, result, make)
    result.sort(key=lambda conflict: conflict.unit_index)
    return result


def asks_paperwork(split: CaseSplit) -> bool:
    """Whether the changed case's new handling asks for paperwork the old rule did not ("send
    the consent form to their parent … once the form comes back signed")."""
    return PAPER.search(split.new) is not None and PAPER.search(split.old) is None


def denies_paperwork(text: str) -> bool:
    """Whether `text` says there is nothing to sign or fill in, with no case of its own
    ("Nobody needs to sign anything for you in advance.", "There's no paperwork for a parent
    or guardian to sign beforehand.")."""
    if len(text) > _MAX or text.lstrip().startswith(("#", "|")):
        return False
    return _NO_PAPER.search(text) is not None and _OWN_CASE.search(text) is None


def _paper_denials(
    splits: Sequence[CaseSplit],
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with each sentence denying paperwork the changed case now needs marked, in an
    item on the split rule's topic: another sentence of it already states the rule, or its
    other sentences share three words of the rule's section (a denial alone, in an item on
    another topic, says nothing of this rule)."""
    asking = [split for split in splits if asks_paperwork(split)]
    if not asking:
        return found
    if not found:
        said = set().union(*(_words(u.text) for u in item_units if not denies_paperwork(u.text)))
        if not any(len(said & split.old_words) >= 3 for split in asking):
            return found
    taken = {conflict.unit_index: at for at, conflict in enumerate(found)}
    result = list(found)
    for index, unit in enumerate(item_units):
        if not denies_paperwork(unit.text):
            continue
        reasons = (SPLIT_CASE_REASON, DENIED_STEP_REASON)
        if index in taken:
            was = result[taken[index]]
            added = tuple(reason for reason in reasons if reason not in was.reasons)
            result[taken[index]] = make(index, was.sentence, (*was.reasons, *added))
        else:
            result.append(make(index, unit.text, reasons))
    return result


def split_case_marked(impact: ImpactView) -> bool:
    """Whether this module marked a sentence of the item."""
    return any(SPLIT_CASE_REASON in conflict.reasons for conflict in impact.conflicts)


_WHETHER_LIST = re.compile(
    r"^\s*whether (?:you|it|they|we)\b(?:[^,.;:!?]{1,40}, ){1,4}[^,.;:!?]{1,40}\bor\b"
    r"[^,.;:!?]{1,60}, ",
    re.I,
)
"""An opening every-case clause over a list ("Whether it's your home, a rental flat or your
business premises, ")."""


def _narrowed(text: str, claim: str | None = None) -> str:
    """`text` with its every-case clauses and "only" out ("" when nothing else is left). A
    clause whose every-case words come after what it says keeps what it says when that is
    the old rule's `claim` (two of its words or more; any words when no claim is given):
    "deposits are non-refundable however much notice you give" → "deposits are
    non-refundable"; "we'll come back as many times as it takes" goes whole, and so does a
    clause whose head still says every case ("every return visit is booked the same way")."""
    wanted = _claim_words(claim) if claim is not None else None
    listed = _WHETHER_LIST.match(text)
    if listed is not None:
        # "Whether it's your home, a rental flat or your business premises, one of our …":
        # the every-case clause spans the list's commas; it goes whole
        text = text[listed.end() :]
    pieces = _CLAUSE.split(text.strip())
    kept: list[str] = []
    for index in range(0, len(pieces), 2):
        clause = pieces[index]
        every = _UNIVERSAL.search(clause)
        if every is not None:
            # "deposits are non-refundable however much notice you give": the claim stays,
            # its every-case tail goes; a clause opening with it, or going on past it, goes
            head = clause[: every.start()].rstrip()
            said = _claim_words(head)
            if wanted is not None:
                said &= wanted
            if len(said) < (1 if wanted is None else 2) or _GOES_ON.search(clause[every.end() :]):
                _close_brackets(kept, clause)
                continue
            if _STILL_EVERY.search(head):
                _close_brackets(kept, clause)
                continue  # "every return visit is booked the same way": every case, whole
            clause = head
        clause = re.sub(r"\s*\bonly\b", "", clause, flags=re.I).strip()
        if not clause or not re.search(r"[A-Za-z]", clause):
            continue
        if kept:
            kept.append(pieces[index - 1])
        elif index:
            clause = re.sub(r"^(?:and|but|so|with)\s+", "", clause, flags=re.I)
        kept.append(clause)
    out = "".join(kept).strip().rstrip(" ,;:.")
    if not out:
        return ""
    if not _words(out):
        return ""
    return out


def _close_brackets(kept: list[str], dropped: str) -> None:
    """A dropped clause's closing brackets stay with the clause before it when that one opened
    them ("(100% of it, whether you rented for three months or three years)" → "(100% of
    it)")."""
    closing = len(dropped) - len(dropped.rstrip(" .!?").rstrip(")"))
    closing = dropped.rstrip(" .!?").count(")") if closing else 0
    if not kept or not closing:
        return
    said = "".join(kept)
    missing = said.count("(") - said.count(")")
    if missing > 0:
        kept[-1] = kept[-1].rstrip() + ")" * min(missing, closing)


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[:1].lower() + text[1:]
    return text


def _banded(split: CaseSplit, text: str) -> str | None:
    """`text` with its every-case clauses out and the kept band said as the case of the clause
    saying the claim ("At Fretwork, everybody's first lesson is on us, whatever their age, so
    …" → "At Fretwork, everybody's first lesson is on us if they're under 18, so …"); None when
    no band, no person's age, or no clause says the claim."""
    every = _UNIVERSAL.search(text)
    if split.band is None or every is None:
        return None
    case = _band_clause(split.band, every.group(0))
    rest = _narrowed(text, split.claim)
    if case is None or not rest or _STILL_EVERY.search(rest):
        return None
    pieces = _CLAUSE.split(rest)
    wanted = _claim_words(split.claim)
    score, at = max((len(_claim_words(pieces[i]) & wanted), -i) for i in range(0, len(pieces), 2))
    if score < 2:
        return None
    pieces[-at] = f"{pieces[-at]} {case}"
    return "".join(pieces)


def _prose(split: CaseSplit, raw: str, first: bool) -> str | None:
    text = _LIST_MARK.sub("", flat(raw))
    end = text[-1] if text and text[-1] in ".!?" else ""
    banded = _banded(split, text)
    if banded is not None:
        # the claim kept for the band, in the KB's words; the others' handling said once
        kept = upper_first(banded) + (end or ".")
        return f"{kept} {split.said}" if first else kept
    if asks_paperwork(split) and denies_paperwork(text):
        # nothing to sign is no longer true for the changed case: its handling said instead,
        # and, where the new prompt names the case that keeps the old handling, the claim
        # said for that case after it (the rest still sign nothing)
        kept = _narrowed(text, split.claim) if split.kept_head else ""
        if kept and not _STILL_EVERY.search(kept) and denies_paperwork(kept):
            kept = f"{split.kept_head}, {_lower_first(kept)}{end or '.'}"
            return f"{split.said} {kept}" if first else kept
        return split.said if first else ""
    rest = _narrowed(text, split.claim)
    if not rest:
        return split.said if first else ""
    if _STILL_EVERY.search(rest):
        return None
    if first:
        rest = _without_so_reason(_without_claim_reason(rest, split.claim), split.claim)
        label = _LABEL.match(rest)
        if label is not None and not _VERB.search(label.group("label")):
            # "Cancelling: deposits are non-refundable" → "Cancelling: if you …. Otherwise, …"
            said = _lower_first(split.said)
            return f"{label.group(0)}{said} Otherwise, {rest[label.end() :]}{end or '.'}"
        return f"{split.said} Otherwise, {_lower_first(rest)}{end or '.'}"
    return rest + (end or ".")


_REASON_LEAD = re.compile(r"^(?:as|since|because)\s+(?P<reason>[^,;:.!?]{1,200}),\s+(?=\w)", re.I)
"""A leading reason clause ("As our deposits are non-refundable, …")."""


def _without_claim_reason(text: str, claim: str) -> str:
    """`text` without a leading reason clause that is the old claim itself ("As our deposits
    are non-refundable, we've kept your £60 deposit." → "we've kept your £60 deposit."): said
    after "Otherwise," the claim is the other case's, no reason for everyone."""
    found = _REASON_LEAD.match(text)
    if found is None:
        return text
    wanted = _claim_words(claim)
    said = _claim_words(found.group("reason"))
    if not wanted or 2 * len(said & wanted) < len(said) or not said & wanted:
        return text
    return text[found.end() :]


_SO_LEAD = re.compile(r"^(?P<reason>[^,;:.!?]{1,200}),\s+so\s+(?=\w)", re.I)
"""A leading reason the claim follows from ("We're a small workshop, so …")."""


def _without_so_reason(text: str, claim: str) -> str:
    """`text` without a leading reason the claim follows from, when that reason says none of
    the claim ("We're a small workshop, so we can't offer loan bikes …" → "we can't offer loan
    bikes …"): said after "Otherwise," it would read as true of the other case alone, and it
    no longer explains a refusal the new prompt lifts for one case."""
    found = _SO_LEAD.match(text)
    if found is None:
        return text
    wanted = _claim_words(claim)
    if len(wanted) < 2 or _claim_words(found.group("reason")) & wanted:
        return text
    if not wanted <= _claim_words(text[found.end() :]):
        return text
    return text[found.end() :]


# a label of a few words ("Cancelling:", "Late changes:"), never a clause ("We only take …:")
_LABEL = re.compile(
    r"^(?!(?:We|You|They|It|I|There|This|That)\b)"
    r"(?P<label>[A-Z][A-Za-z-]{0,20}(?: [A-Za-z-]{1,20}){0,2}):\s"
)


def _row(split: CaseSplit, raw: str) -> str | None:
    every = _every_noun(raw, split.band) if split.band is not None else None
    if split.band is not None and every is not None:
        # "| Trial lesson (every new student) | …" → "| Trial lesson (new students under 18) | …"
        start, end = every
        raw = raw[:start] + _banded_subject(split.band, raw[start:end]) + raw[end:]
        if not any(_UNIVERSAL.search(c) or _ONLY.search(c) for c in raw.strip("| ").split("|")):
            return raw
    cells = raw.strip().strip("|").split("|")
    changed = False
    # each cell after the key claiming every case ("| Confirmed | At once, at any age | At
    # once, at any age |"): every column says the case
    for index in range(len(cells) - 1, 0, -1):
        cell = cells[index].strip()
        if not (_UNIVERSAL.search(cell) or _ONLY.search(cell)):
            continue
        rest = _narrowed(cell, split.claim)
        if _STILL_EVERY.search(rest):
            return None
        case = _lower_first(split.said.rstrip("."))
        cells[index] = f" {rest}; {case} " if rest else f" {split.said.rstrip('.')} "
        changed = True
    if changed:
        return "|" + "|".join(cells) + "|"
    if len(cells) >= 2 and _UNIVERSAL.search(cells[0]):
        return _keyed_rows(split, raw)
    return _plain_row(split, raw)


def _plain_row(split: CaseSplit, raw: str) -> str | None:
    """A row saying the old claim, or its told outcome, with no case in a cell after its key
    ("| Deposit | £50 | Non-refundable; comes off the price on the day |", "| Deposit if
    you cancel | Kept by the studio |"): the clause saying it takes the changed case first,
    in the cell's few words ("Refunded if you cancel 7 or more days before the appointment,
    otherwise non-refundable"); None when the case or the changed handling's verb cannot be
    said so."""
    spans = cell_text_spans(raw)
    head = split.case_head
    verb = _VERB.search(split.claim)
    if len(spans) < 2 or head is None or verb is None:
        return None
    named = _claim_words(split.claim[: verb.start()])
    for claim in (split.claim, *split.told):
        said_verb = _VERB.search(claim)
        if said_verb is None:
            continue
        predicate = _claim_words(claim) - _claim_words(claim[: said_verb.start()]) - named
        done = _handled_as(split, named | _claim_words(claim[: said_verb.start()]), predicate)
        if not predicate or done is None:
            continue
        for start, end in reversed(spans[1:]):
            pieces = _CLAUSE.split(raw[start:end])
            for index in range(0, len(pieces), 2):
                clause = pieces[index].strip()
                if (
                    not predicate <= _claim_words(clause)
                    or _denied(clause) != _denied(claim)
                    or _own_case(split, clause)
                ):
                    continue
                said = done if clause[:1].isupper() else done.lower()
                pieces[index] = f"{said} {_lower_first(head)}, otherwise {_lower_first(clause)}"
                return raw[:start] + "".join(pieces) + raw[end:]
    return None


_CELL_WORD = re.compile(r"[^\s|]{1,60}")
"""A word of a sentence, punctuation kept, bounded."""
_SKIPPED = re.compile(r"(?:the|your|their|our|a|an|[£$€]?\d[\d.,]{0,12}[a-z]{0,3})", re.I)
"""A word between a verb and its object: an article, a possessive, an amount ("£60")."""


def _handled_as(split: CaseSplit, subject: set[str], predicate: set[str]) -> str | None:
    """The changed case's handling of the claim's subject as a participle ("Refunded" of
    "… we refund the £60 deposit …"): the verb right before the subject (an article, an
    amount or the subject's other words between), whose past participle the change's new
    replies or new prompt say, or whose word family is the claim's own ("refund" of
    "non-refundable")."""
    words = [word.strip(",.;:!?") for word in _CELL_WORD.findall(split.said[:_MAX])]
    said = " ".join([split.new[:_MAX], *(reply[:_MAX] for reply in split.new_replies)]).lower()
    for at, word in enumerate(words):
        if not word or not _claim_words(word) or not _claim_words(word) <= subject:
            continue
        after = [word.lower() for word in words[at + 1 : at + 3]]
        if (
            len(after) == 2
            and after[0] in ("is", "are", "gets")
            and after[1].isalpha()
            and (after[1].endswith("ed") or base_verb(after[1]) != after[1])
        ):
            # "… the deposit is refunded": the participle as said
            return upper_first(after[1])
        before = at - 1
        while before >= 0 and (
            _SKIPPED.fullmatch(words[before])
            or (_claim_words(words[before]) and _claim_words(words[before]) <= subject)
        ):
            before -= 1
        if before < 0 or not words[before].isalpha() or words[before].lower() in STOPWORDS:
            continue
        verb = words[before].lower()
        participle = past_participle(verb)
        if _claim_words(verb) <= predicate or re.search(rf"\b{re.escape(participle)}\b", said):
            return upper_first(participle)
    return None


_LAST_NOUN = re.compile(r"(?<!\S) ?\b(?:the|your) (?P<noun>[a-z]{1,40})$", re.I)
_HEAD_LEAD = re.compile(r"^(?:if|when|once)\s+you\s+(?P<verb>[a-z]+)\s+(?P<rest>\S.*)$", re.I)


def _row_key(key: str, head: str | None) -> str | None:
    """A row's key ("Cancel your appointment") with a case said after it in the key's words
    ("If you cancel fewer than 7 days before the appointment" → "Cancel your appointment
    fewer than 7 days before"): the case's verb must be the key's first word, and a noun the
    key already names is not said again."""
    found = _HEAD_LEAD.match(head or "")
    words = key.split()
    if found is None or not words or stem(words[0].lower()) != stem(found.group("verb").lower()):
        return None
    rest = found.group("rest").rstrip(" ,.")
    named = _LAST_NOUN.search(rest)
    if named is not None and stem(named.group("noun").lower()) in {stem(w.lower()) for w in words}:
        rest = rest[: named.start()].rstrip()
    return f"{key} {rest}"


def _keyed_rows(split: CaseSplit, raw: str) -> str | None:
    """A row keyed by an every-case claim ("| Cancel your appointment, whatever the notice |
    We keep it … |"): two rows in its style when the new prompt says both cases (the kept
    case with its cells as they were, then the changed case with its handling), else one row
    whose key is narrowed and whose last cell says the changed case before the rest."""
    spans = cell_text_spans(raw)
    if len(spans) < 2:
        return None
    key = _narrowed(raw[spans[0][0] : spans[0][1]])
    if not key or _STILL_EVERY.search(key):
        return None
    said = _voiced_statement(split.said, split.case_head)
    kept_key, new_key = _row_key(key, split.kept_head), _row_key(key, split.case_head)
    last = spans[-1]
    value = raw[last[0] : last[1]]

    def keyed(new_key: str, value: str) -> str:
        cut = [(spans[0], new_key), (last, value)] if len(spans) > 1 else [(spans[0], new_key)]
        out = raw
        for (start, end), text in sorted(cut, reverse=True):
            out = out[:start] + text + out[end:]
        return out

    if kept_key is not None and new_key is not None and len(spans) == 2 and said:
        return keyed(kept_key, value) + "\n" + keyed(new_key, upper_first(said))
    case = split.said.rstrip(".")
    return keyed(key, f"{case}; otherwise, {_lower_first(value)}")


def _voiced_statement(said: str, head: str | None) -> str | None:
    """What `said` states once its case (`head`) is out ("the deposit is refunded, …")."""
    if head is None or not said.lower().startswith(head.lower()):
        return None
    rest = said[len(head) :].lstrip(" ,").rstrip(".")
    return rest or None


def split_case_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit of an item this module marked: the changed case's handling
    said once in the KB's voice, each every-case claim narrowed to the rest; (None, why) when a
    sentence cannot be rewritten confidently. None for any other item."""
    if not split_case_marked(impact):
        return None
    splits = case_splits(facts)
    if not splits:
        return None
    split = splits[0]
    marked = {c.sentence for c in impact.conflicts if SPLIT_CASE_REASON in c.reasons}
    said_once: list[bool] = []
    blocked: list[str] = []

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        if unit.text.lstrip().startswith("|"):
            row = _row(split, unit.raw)
            if row is None:
                blocked.append(unit.text)
                return Keep.BLOCK
            return row
        said = _prose(split, unit.raw, not said_once)
        said_once.append(True)
        if said is None:
            blocked.append(unit.text)
            return Keep.BLOCK
        return said

    why = (
        f"The old prompt said {flat(split.old)!r} for every case; the new prompt splits one "
        f"off: {split.new!r}"
    )
    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None:
        reason = (
            "a sentence says more than the every-case claim (" + "; ".join(blocked) + ")"
            if blocked
            else "no sentence could be rewritten"
        )
        return None, f"Flagged for review: {why}. No confident rewrite: {reason}."
    return new_body, (
        f"{why}. The edit says the new case's handling once in the {impact.item.kind}'s voice "
        f"({split.said!r}) and narrows the every-case claims to the rest; everything else kept."
    )


def split_case_fact(facts: ChangeFacts) -> str | None:
    """For a drafting model: the every-case rule and the case split off, in the KB's voice."""
    splits = case_splits(facts)
    if not splits:
        return None
    split = splits[0]
    band = (
        f" The new prompt keeps the old claim for {_banded_subject(split.band, 'x')} only: "
        f"narrow each KB sentence claiming it for everyone to that band in the KB's own words "
        f"(a row's 'every …' becomes '{_banded_subject(split.band, 'x')}')."
        if split.band is not None
        else ""
    )
    told = (
        " A sentence or table cell saying the old handling with no case of its own "
        f"({', '.join(repr(said) for said in (split.claim, *split.told))}) says it for every "
        "case too: a cell takes the new case first in its own few words ('… if you …, "
        "otherwise …')."
    )
    return (
        f"The old rule held for every case ({split.old!r}); now one case is handled "
        f"differently: {split.said} Narrow KB sentences claiming the old handling for every "
        "case ('whatever the reason', 'however many', 'only') to the other cases, and say the "
        f"new case's handling once.{band}{told}"
    )
