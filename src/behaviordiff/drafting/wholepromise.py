"""A promise made whole anew: who follows up, how and how soon all move at once ("tell them our
yard team will phone them within 4 working hours to arrange a repair visit" → "tell them a
scaffolding inspector will be on site within 2 hours to make it safe and fix it").

Moving one value alone ("Our yard team will phone you within 2 hours") states a promise nobody
makes: the old person, the old way of contact, the new time. A KB sentence or table cell stating
the old promise (its person, a time, and a word of what the follow-up was for) is replaced whole
by the new prompt's promise in the KB's voice (`whole_promise_edit`); a sentence naming the old
person and the old time for another purpose ("to give you a price") is another topic and stays.
Any edit, the template's or a model's, that states the new time beside the old person is refused
(`whole_promise_problems`). Pure text helpers; the template drafter and `impact` call in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import RuleMove, cell_spans, states_value, told_clause
from behaviordiff.drafting.text import STOPWORDS, Keep, Unit, plain_text, rewrite_units, stem, units

WHOLE_PROMISE_REASON = "states the old promise, whose person, way of contact and time all moved"

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SUBJECT = re.compile(r"^(?P<subject>[A-Za-z][\w'’ -]{0,80}?)\s+(?:will|shall|would)\s+", re.I)
"""The one who keeps a promise: the words before its "will" ("Our yard team will phone")."""
_TIME = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s+(?:working\s+|business\s+|calendar\s+)?(?:minutes?|hours?|days?|weeks?)\b",
    re.I,
)
_CONTACT = frozenset(
    stem(word)
    for word in (
        "phone", "call", "ring", "email", "text", "message", "contact", "back", "within",
        "reply", "respond", "answer", "get", "touch", "hear", "update",
        "hour", "hours", "minute", "day", "week", "working", "business", "you", "your",
    )
)  # fmt: skip
"""Words of the way and the time of contact, not of what the follow-up is for."""


@dataclass(frozen=True)
class WholePromise:
    """A promise whose person and time moved together (see the module docstring)."""

    old: str
    """The old promise, to the customer ("Our yard team will phone you within 4 working …")."""
    new: str
    """The new promise, to the customer ("A scaffolding inspector will be on site within …")."""
    old_person: frozenset[str]
    """The stems of who kept the old promise ("yard", "team")."""
    new_person: frozenset[str]
    """The stems of who keeps the new one ("scaffold", "inspector")."""
    purpose: frozenset[str]
    """The stems of what the old follow-up was for ("arrang", "repair", "visit")."""
    move: RuleMove
    """The time that moved with them."""


def _content(text: str) -> set[str]:
    return {stem(w.lower()) for w in _WORD.findall(text) if w.lower() not in STOPWORDS}


def whole_promise(facts: ChangeFacts) -> WholePromise | None:
    """The promise the change made anew when a moved time's prompt sentence tells the customer
    a promise kept by someone else than before; None otherwise."""
    for move in facts.moves:
        if move.kind != "value" or move.subject or move.others or move.share or move.scope:
            continue
        old, new = told_clause(move.old_sentence), told_clause(move.new_sentence)
        if old is None or new is None:
            continue
        old_subject, new_subject = _SUBJECT.match(old), _SUBJECT.match(new)
        if old_subject is None or new_subject is None:
            continue
        old_person = _content(old_subject.group("subject"))
        new_person = _content(new_subject.group("subject"))
        if not old_person or not new_person or old_person & new_person:
            continue
        if not states_value(move.old, old) or not states_value(move.new, new):
            continue
        rest = old[old_subject.end() :]
        purpose = _content(rest) - _CONTACT - _content(move.old) - _content(new) - old_person
        purpose -= _time_words(rest)
        if not purpose:
            continue
        return WholePromise(
            old, new, frozenset(old_person), frozenset(new_person), frozenset(purpose), move
        )
    return None


def states_old_promise(promise: WholePromise, text: str) -> bool:
    """Whether `text` states the old promise: its person, a time, and a word of its purpose."""
    said = _content(text)
    return (
        promise.old_person <= said
        and bool(promise.purpose & said)
        and _TIME.search(text) is not None
        and not promise.new_person <= said
    )


def whole_promise_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` conflicts when it states a promise made anew; None when it does not."""
    promise = whole_promise(facts)
    if promise is None or not states_old_promise(promise, sentence):
        return None
    return f"{WHOLE_PROMISE_REASON}; the new prompt says “{promise.new}”"


def _pieces(text: str) -> list[str]:
    """A table row's cells after its label, or the sentence itself."""
    if not text.lstrip().startswith("|"):
        return [text]
    return [text[start:end] for start, end in cell_spans(text)[1:]]


def another_purpose(facts: ChangeFacts, sentence: str) -> bool:
    """Whether `sentence` names the old promise's person and a time only for another purpose
    ("Our office team will ring you within 8 working hours with a quote"): another topic,
    which the new promise does not reach."""
    promise = whole_promise(facts)
    if promise is None:
        return False
    naming = [
        piece
        for piece in _pieces(sentence)
        if promise.old_person <= _content(piece) and _TIME.search(piece) is not None
    ]
    if not naming:
        return False
    for piece in naming:
        said = _content(piece)
        if said & promise.purpose:
            return False
        # nothing said but who, how and when: the old promise itself, not another purpose
        if not said - promise.old_person - _CONTACT - _time_words(piece):
            return False
    return True


def _time_words(text: str) -> set[str]:
    return {stem(word.lower()) for found in _TIME.findall(text) for word in found.split()}


def _row(raw: str, promise: WholePromise) -> str | Keep:
    spans = cell_spans(raw)
    targets = [
        (start, end) for start, end in spans[1:] if states_old_promise(promise, raw[start:end])
    ]
    if len(targets) != 1:
        return Keep.BLOCK if targets else Keep.UNIT
    start, end = targets[0]
    cell = raw[start:end]
    said = promise.new if cell.rstrip().endswith(".") else promise.new.rstrip(".")
    lead = cell[: len(cell) - len(cell.lstrip())]
    tail = cell[len(cell.rstrip()) :]
    return raw[:start] + lead + said + tail + raw[end:]


def whole_promise_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item with each sentence stating the old promise replaced whole by the new one in
    the KB's voice, and each table row's cell stating it replaced in the row's style; (None,
    reason) when one cannot be said so; None when the change is no promise made anew or the
    item states none of it."""
    promise = whole_promise(facts)
    if promise is None:
        return None
    conflicting = {conflict.sentence for conflict in impact.conflicts}
    found = False

    def rewrite(unit: Unit) -> str | Keep:
        nonlocal found
        text = unit.text
        if text not in conflicting:
            return Keep.UNIT
        if text.lstrip().startswith("|"):
            said = _row(unit.raw, promise)
            found = found or isinstance(said, str)
            return said
        if not states_old_promise(promise, text):
            return Keep.UNIT
        found = True
        # another value the sentence states besides the promise's is no part of it: a writer's
        if re.search(r"[£$€%]", text):
            return Keep.BLOCK
        return promise.new

    item = impact.item
    new_body = rewrite_units(item.body, item.body_format, rewrite)
    if not found:
        return None
    if new_body is None:
        return None, (
            "Flagged for review: it states the old promise with something else beside it; "
            f"the new prompt says “{promise.new}”."
        )
    return new_body, (
        f"The new prompt makes the promise anew (it said “{promise.old}”, it now says "
        f"“{promise.new}”): who follows up, how and how soon move together, so the edit says "
        "the new promise whole and keeps everything else."
    )


def whole_promise_problems(facts: ChangeFacts, impact: ImpactView, new_body: str) -> list[str]:
    """What no edit of a promise made anew may do, whoever drafted it: state the new time with
    the old person ("Our yard team will phone you within 2 hours")."""
    promise = whole_promise(facts)
    if promise is None:
        return []
    item = impact.item
    before = {unit.text for unit in units(plain_text(item.body, item.body_format))}
    problems: list[str] = []
    for unit in units(plain_text(new_body, item.body_format)):
        text = unit.text
        if text in before:
            continue
        said = _content(text)
        if (
            promise.old_person <= said
            and not promise.new_person <= said
            and states_value(promise.move.new, text)
        ):
            problems.append(
                f"“{text}” moves the time alone: the new prompt's promise changes who follows "
                f"up, how and how soon together (“{promise.new}”): say it whole"
            )
    return problems


def whole_promise_fact(facts: ChangeFacts) -> str:
    """What a drafting model is told of a promise made anew ("" for any other change)."""
    promise = whole_promise(facts)
    if promise is None:
        return ""
    return (
        f"The promise was made anew: “{promise.old}” → “{promise.new}”. Who follows up, how and "
        "how soon move together: a sentence or table cell stating the old promise says the new "
        "one whole, never the new time with the old person or way of contact; the same person "
        "and time said for another purpose stay as they are."
    )
