"""An FAQ question and its answer read as one statement, and the answer said the new way.

FAQs state a rule as a question followed by a short answer: "### Do you take cash?" answered
"Yes. Hand it to the driver …", "**Do I need to book?** No. Just come along.", "Q: Is there a
weekend supplement? A: No.". Read alone, "Yes." states nothing; read with its question, it
states the old rule whenever the question asks about a word the changed prompt sentences
turned round: said plainly on one side and under a denial on the other ("We accept card or
cash." → "We no longer take cash."; "no appointment is needed" → "by appointment only").

`qa_pairs` pairs each question (a heading, a bold line or a sentence ending in "?", a "Q:"
line) with the units of the paragraph right under it (or the rest of its own paragraph).
`turned_terms` reads, from the change's own prompt sentences only, each word whose first
mention is denied on one side and not on the other. A pair states the old rule when its
question asks about such a word (all its turned words the same way), its answer opens with a
yes or a no that agrees with the old side, and its question names nothing the change's
sentences or condition do not, bar the words of the headings above the FAQ's first question
(what the whole FAQ is about). A question about another service, place or thing sharing one
word is a trap: "Do I need an appointment for help with forms?" when only debt advice became
appointment-only, "Do you take cash at the depot?", "Is there a booking fee?".

`qa_edit` rewrites only the answer, in the answer's voice: "Yes." → "No." with the new
prompt's denial and what it offers instead ("No. We no longer take cash. We accept card, bank
transfer or cheque."), or "No, not any more: …" when the new prompt states only what it offers;
"No." → "Yes." with the new rule. The question, its heading and markup, and every other Q&A stay
byte for byte. A change for a band of a number, or for a category the question does not name,
is left alone: a plain yes or no would then be wrong for the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from behaviordiff.drafting.answers import yes_no_head
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.promptrule import customer_noun, passages, voiced
from behaviordiff.drafting.text import (
    Unit,
    edit_body,
    flat,
    plain_text,
    replace_units,
    stem,
    terms,
    units,
    upper_first,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts
    from behaviordiff.drafting.impactview import ImpactView

QA_REASON = "a question and answer state the old rule"

_MAX = 4000
"""The most of a prompt sentence read for its words' polarity."""
_MAX_ANSWER = 8
"""The most units of an answer read as one (a longer one is prose, not an answer)."""
_NEGATOR = re.compile(
    r"^(?:no|not|never|none|without|cannot|can['’]t|don['’]t|doesn['’]t|won['’]t|isn['’]t|"
    r"aren['’]t|didn['’]t|shouldn['’]t|mustn['’]t|longer)$"
)
_REACH = 5
"""How many words before a word a denial governs it ("we no longer take cash")."""
_CLAUSE = re.compile(r"[.;:!?\n]+")
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_CODE = re.compile(r"`[^`]*`|\b[a-z0-9]+_[a-z0-9_]+\b|\([^()]*\)")
_TOOL_CLAUSE = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:it|the (?:tool|system|function|call))\s+"
    r"(?:returns|gives|shows|sends|lists|finds|provides|offers|reports)(?=\s*(?:[.,;:!?]|$))",
    re.I,
)
"""A clause whose subject is a tool the prompt named in code ("the date and time it returns")."""
_ASKING_WORDS = (
    "do does did can could will would should may might must is are was there need needs have "
    "has get gets still ever also i you we my your our me us it how what when where which who "
    "why please really just any"
)
"""Words of a question that only ask: no thing the question is about."""


def _norm(word: str) -> str:
    """A stem compared across forms ("bicycle", "bicycles")."""
    key = stem(word)
    key = key[:-1] if len(key) > 3 and key.endswith("s") else key
    return key[:-1] if len(key) > 3 and key.endswith("e") else key


def _words(text: str) -> set[str]:
    """The stems of `text`'s content words (`terms`), compared across forms."""
    return {_norm(word) for word in terms(text)}


_ASKING = frozenset(_norm(word) for word in _ASKING_WORDS.split())
_LABEL = re.compile(r"^(\s*(?:[*_]{1,2})?\s*a\s*[:.)]\s*(?:[*_]{1,2})?\s*)", re.I)
"""The label of an answer in a "Q: … A: …" FAQ, as written."""
_QUESTION_LABEL = re.compile(r"^\s*(?:[*_]{1,2})?\s*q\s*[:.)]", re.I)
_NEGATIVE_HEAD = re.compile(r"^(?:no|nope)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NUMERIC_OPS = frozenset({">", "<", ">=", "<=", "between"})
_MIN_SHARED = 2
_MAX_PASSAGES = 3
"""The most passages of the new prompt said in one answer."""


@dataclass(frozen=True)
class QA:
    """A question (`question`, a unit index) and the units answering it (`answer`)."""

    question: int
    answer: tuple[int, ...]


def _bare(text: str) -> str:
    return text.strip().lstrip("#").strip(" *_").strip()


def _is_question(unit: Unit) -> bool:
    raw = unit.raw.lstrip()
    if raw.startswith("|") or re.match(r"(?:[-*+]|\d{1,3}[.)])\s", raw):
        return False
    return _bare(unit.text).endswith("?")


def qa_pairs(item_units: Sequence[Unit], text: str) -> list[QA]:
    """Each question of an item and the units of its answer, in one pass: the units right
    after it up to the next heading, question, list item or table row, within one paragraph
    (the question's own, or the one right under it when the question is a line of its own)."""
    found: list[QA] = []
    index = 0
    count = len(item_units)
    while index < count:
        unit = item_units[index]
        if not _is_question(unit):
            index += 1
            continue
        answer: list[int] = []
        at = index + 1
        while at < count and len(answer) < _MAX_ANSWER + 1:
            this = item_units[at]
            raw = this.raw.lstrip()
            if (
                raw.startswith(("#", "|"))
                or re.match(r"(?:[-*+]|\d{1,3}[.)])\s", raw)
                or _is_question(this)
                or _QUESTION_LABEL.match(raw)
            ):
                break
            gap = text[item_units[at - 1].end : this.start]
            # the answer is one paragraph: the first right under the question
            if answer and "\n\n" in gap.replace("\r", "").replace(" ", ""):
                break
            if not answer and gap.replace("\r", "").replace(" ", "").count("\n") > 2:
                break
            answer.append(at)
            at += 1
        if answer and len(answer) <= _MAX_ANSWER:
            found.append(QA(index, tuple(answer)))
        index = at if answer else index + 1
    return found


def _polarity(text: str) -> dict[str, bool]:
    """Each word's stem in `text` with whether its first mention is denied (a denial word at
    most `_REACH` words before it in its clause)."""
    seen: dict[str, bool] = {}
    for clause in _CLAUSE.split(_CODE.sub(" ", text.lower())):
        words = _TOKEN.findall(clause)
        for at, word in enumerate(words):
            key = _norm(word)
            if key in seen or _NEGATOR.match(word):
                continue
            seen[key] = any(_NEGATOR.match(w) for w in words[max(0, at - _REACH) : at])
    return seen


def _changed_sides(facts: ChangeFacts) -> tuple[str, str]:
    olds = [flat(rule.old)[:_MAX] for rule in facts.rules if rule.old]
    news = [flat(rule.new)[:_MAX] for rule in facts.rules if rule.new]
    return " ".join(olds), " ".join(news)


@once_per_change
def turned_terms(facts: ChangeFacts) -> dict[str, bool]:
    """The words the change's prompt sentences turned round, each with whether the old side
    denied it: said on both sides, denied on one only ("cash": False, said plainly before and
    denied now; "appointment": True, "no appointment is needed" → "by appointment only")."""
    old, new = _changed_sides(facts)
    if not old or not new:
        return {}
    before, after = _polarity(old), _polarity(new)
    content = _words(old) & _words(new)
    return {
        key: denied
        for key, denied in before.items()
        if key in after and after[key] != denied and key in content and key not in _ASKING
    }


def _turning_clauses(text: str, keys: set[str]) -> list[str]:
    """The clauses of `text` where each of `keys` is first said."""
    found: list[str] = []
    left = set(keys)
    for clause in _CLAUSE.split(_CODE.sub(" ", text)):
        said = left & _words(clause)
        if said:
            found.append(clause)
            left -= said
        if not left:
            break
    return found


def _scope_named(facts: ChangeFacts, question: set[str]) -> bool:
    """Whether a plain yes or no can hold for everyone the question asks about: the change has
    no condition, a condition of topic tags, or a category the question names; never a band of
    a number (the others on the other side keep the old answer)."""
    condition = facts.condition
    if condition is None or not facts.restricted:
        return True
    for atom in condition.atoms:
        if atom.op == "tag" or atom.tag_label:
            continue
        if atom.op in _NUMERIC_OPS:
            return False
        values = atom.value if isinstance(atom.value, tuple) else (atom.value,)
        named = [v for v in values if isinstance(v, str | bool)]
        if not named or not any(_words(str(v).replace("_", " ")) <= question for v in named):
            return False
    return True


@dataclass(frozen=True)
class _Sides:
    """What a change's prompt sentences say, read once per item: `new`, the new side's text;
    `known`, the words of both sides and of the condition's values."""

    new: str
    known: frozenset[str]


def _condition_words(facts: ChangeFacts) -> set[str]:
    """The words of the values the change's condition names ("bicycle" of vehicle in bicycle)."""
    found: set[str] = set()
    for condition in facts.conditions:
        for atom in condition.atoms:
            values = atom.value if isinstance(atom.value, tuple) else (atom.value,)
            for value in values:
                if isinstance(value, str):
                    found |= _words(value.replace("_", " "))
    return found


def _sides(facts: ChangeFacts) -> _Sides:
    old, new = _changed_sides(facts)
    known = _words(old) | _words(new) | _condition_words(facts)
    return _Sides(new, frozenset(known))


def _subject(item_units: Sequence[Unit]) -> frozenset[str]:
    """The words of the headings above an item's first question: what the whole FAQ is about
    ("# Ferry questions"), so a question naming it names no other case."""
    said: set[str] = set()
    for unit in item_units:
        if _is_question(unit):
            break
        if unit.raw.lstrip().startswith("#"):
            said |= _words(unit.text)
    return frozenset(said)


def _old_answer(
    facts: ChangeFacts,
    turned: dict[str, bool],
    question: str,
    head: str,
    sides: _Sides,
    subject: frozenset[str] = frozenset(),
) -> bool | None:
    """Whether the old side denied what the question asks, when its answer (`head`) says the
    old rule about a turned word; None when the pair states no old rule of this change."""
    if _NEGATOR.match(question.split()[0].lower() if question.split() else "") or any(
        _NEGATOR.match(w) for w in _TOKEN.findall(question.lower())
    ):
        return None  # a question asked with a denial answers the other way round
    asked = _words(question)
    keys = asked & set(turned)
    if not keys or len({turned[key] for key in keys}) != 1:
        return None
    denied = turned[next(iter(keys))]
    if re.match(r"not\b", head, re.I):
        return None  # "Not always.", "Not yet.": neither a yes nor a no
    if bool(_NEGATIVE_HEAD.match(head)) != denied:
        return None  # the answer already says the new way
    known = sides.known
    # the new side turns round what the question asks about only in a clause naming all of
    # it: "We no longer take cheques" turns "Do you take cheques?", not "Do you take card?"
    named = (asked & known) - _ASKING
    if not any(named <= _words(clause) for clause in _turning_clauses(sides.new, keys)):
        return None
    # a word the change's sentences and condition do not name makes the question another case
    # ("at the depot", "for the sauna", "a booking fee"), unless the whole FAQ is about it
    if asked - known - _ASKING - subject:
        return None
    if not _scope_named(facts, asked):
        return None
    return denied


def stating_pairs(facts: ChangeFacts, item_units: Sequence[Unit], text: str) -> list[QA]:
    """The Q&As of an item whose answer, read with its question, states the old rule."""
    turned = turned_terms(facts)
    if not turned:
        return []
    found = []
    sides: _Sides | None = None
    subject = _subject(item_units)
    # an FAQ asks the same question with the same head many times at most: read each once
    read: dict[tuple[str, str], bool] = {}
    for pair in qa_pairs(item_units, text):
        head = yes_no_head(item_units[pair.answer[0]].text)
        if head is None:
            continue
        question = _bare(_QUESTION_LABEL.sub("", item_units[pair.question].text))
        key = (question, head.lower())
        if key not in read:
            if not _words(question) & set(turned):
                read[key] = False
            else:
                sides = sides or _sides(facts)
                read[key] = _old_answer(facts, turned, question, head, sides, subject) is not None
        if read[key]:
            found.append(pair)
    return found


C = TypeVar("C")


def qa_conflicts(
    facts: ChangeFacts,
    item_units: list[Unit],
    conflicts: list[C],
    make: Callable[[int, str, tuple[str, ...]], C],
    text: str,
    index_of: Callable[[C], int],
) -> list[C]:
    """`conflicts` with the answer units of every Q&A stating the old rule (`stating_pairs`)
    that no finder marked."""
    taken = {index_of(conflict) for conflict in conflicts}
    added = [
        make(at, item_units[at].text, (QA_REASON,))
        for pair in stating_pairs(facts, item_units, text)
        for at in pair.answer
        if at not in taken
    ]
    return conflicts + added if added else conflicts


def _new_sentences(facts: ChangeFacts, keys: set[str], question: str) -> list[str]:
    """The new prompt's passages behind the change in the KB's voice, sentence by sentence:
    those naming a turned word, and beside them the change's other passages on the same
    thing (what the new prompt offers instead: "We accept card or cheque." beside "We no
    longer take cash"), naming a word of the question or two of those passages'."""
    every = passages(facts)
    primary = [passage for passage in every if keys & _words(passage)]
    if not primary:
        return []
    asked = _words(question) - _ASKING
    named = set().union(*(_words(passage) for passage in primary)) - _ASKING
    chosen = [
        passage
        for passage in every
        if passage in primary
        or asked & _words(passage)
        or len(named & _words(passage)) >= _MIN_SHARED
    ][:_MAX_PASSAGES]
    customer = customer_noun(facts.new_prompt_sentences)
    said: list[str] = []
    for passage in chosen:
        rule = voiced(passage, customer)
        if rule is None:
            if passage in primary:
                return []
            continue
        sentence = rule.sentence
        if _CODE.search(passage.lower()):
            # the tool's code is gone from the KB's voice: so is a clause whose subject it was
            # ("give the date and time it returns" → "give you the date and time")
            sentence = _TOOL_CLAUSE.sub("", sentence)
        said += [s.strip() for s in _SENTENCE.split(sentence) if s.strip()]
    return said


def _denies(sentence: str, keys: set[str]) -> bool:
    polarity = _polarity(sentence)
    return any(polarity.get(key) for key in keys)


def new_answer(
    facts: ChangeFacts, question: str, head: str, turned: dict[str, bool] | None = None
) -> str | None:
    """The answer to `question` under the new rule, in the answer's voice; None when the new
    prompt says nothing a customer is told about it (`turned`: `turned_terms`, when read)."""
    turned = turned_terms(facts) if turned is None else turned
    keys = _words(question) & set(turned)
    if not keys:
        return None
    denied = turned[next(iter(keys))]
    said = _new_sentences(facts, keys, question)
    if not said:
        return None
    if not denied:
        # the old "yes" is now a "no": the denial first, then what is offered instead
        denials = [s for s in said if _denies(s, keys)]
        rest = [s for s in said if s not in denials]
        if denials:
            return " ".join(["No.", *denials, *rest])
        joined = " ".join(said)
        return f"No, not any more: {joined[:1].lower()}{joined[1:]}"
    return " ".join(["Yes.", *(upper_first(s) for s in said)])


def _restates(sentence: str, sides: _Sides) -> bool:
    """Whether a sentence of an answer after its yes or no goes on about the old rule: it
    names a word of the change's sentences ("Leave it with the crew", "our crew carry only a
    small float"); one naming none states another fact that stays ("prices include VAT")."""
    return bool((_words(sentence) - _ASKING) & sides.known)


class _Unsaid(Exception):
    """An answer stating the old rule that the new prompt gives nothing to say in place of."""


def qa_rewrite(facts: ChangeFacts, body: str, body_format: str) -> tuple[str, list[str]] | None:
    """`body` with the answer of each Q&A stating the old rule said the new way (`new_answer`;
    a "A:" label kept, the answer's sentences going on about the old rule out, those stating
    another fact kept), every other byte kept, and the Q&As
    it rewrote, quoted; None when it has none, or one cannot be said. Read block by block (an
    HTML body's question and answer in one block)."""
    told: list[str] = []
    sides = _sides(facts)
    turned = turned_terms(facts)
    # the same question asked again (with the same head) is answered once
    answers: dict[tuple[frozenset[str], str], str | None] = {}

    def edit(text: str) -> str:
        text_units = units(text)
        changes: dict[int, str] = {}
        for pair in stating_pairs(facts, text_units, text):
            first = text_units[pair.answer[0]]
            question = _bare(_QUESTION_LABEL.sub("", text_units[pair.question].text))
            head = yes_no_head(first.text) or ""
            asked = (frozenset(_words(question)), head.lower())
            if asked not in answers:
                answers[asked] = new_answer(facts, question, head, turned)
            said = answers[asked]
            if said is None:
                raise _Unsaid(question)
            label = _LABEL.match(first.raw)
            changes[pair.answer[0]] = (label.group(1) if label else "") + said
            # a bare "Yes." goes on in the sentence after it ("Wheel it on at the deck.", "Just
            # turn up."): that one says the old rule; a later one only when it names it
            bare = not _words(first.text) - _ASKING - {_norm(head.lower())}
            for at in pair.answer[1:]:
                if (bare and at == pair.answer[1]) or _restates(text_units[at].text, sides):
                    changes[at] = ""
            told.append(
                f"\u201c{question}\u201d answered \u201c"
                + " ".join(text_units[at].text for at in pair.answer)
                + "\u201d"
            )
        return replace_units(text, changes, text_units) if changes else text

    try:
        new_body = edit_body(body, body_format, edit)
    except _Unsaid:
        return None
    return (new_body, told) if told and new_body != body else None


def qa_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item with the answer of each Q&A stating the old rule said the new way (the
    question and every other byte kept); None when the item has none; a flag when an answer
    cannot be said."""
    item = impact.item
    if not stating_pairs(facts, list(impact.units), plain_text(item.body, item.body_format)):
        return None
    found = qa_rewrite(facts, item.body, item.body_format)
    if found is None:
        return None, (
            "Flagged for review: read with its question, an answer states the old rule, and no "
            "safe rewrite says it the new way (the new prompt gives nothing a customer is told "
            "in its place, or the question and answer are apart)."
        )
    new_body, told = found
    return new_body, (
        "Read with its question, the answer states the old rule: "
        + "; ".join(told)
        + ". The edit says the answer the new way (the new prompt: \u201c"
        + "; ".join(flat(rule.new) for rule in facts.rules if rule.new)[:400]
        + "\u201d), and keeps the question and everything else."
    )
