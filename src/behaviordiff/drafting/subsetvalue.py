"""A value the prompt moved for a subset only, where the KB states the old value as if for
everyone.

The diff pairs the old prompt sentence ("Every parcel is held at the depot for 7 days.")
with the one giving the subset its new value ("Parcels under 2 kg are held at the depot for 14
days."), while another sentence of the new prompt keeps the old value for the rest ("All other
parcels are held at the depot for 7 days."). Read as a plain move, the new value would
replace the old one for everyone.
`narrowed_subset_moves` reads it as the subset's move instead: the subset in the new
sentence's own lead-in words ("Members of five years or more:", "For orders with plants,",
"Parcels under 2 kg are held …"), and the rest in the kept sentence's lead-in where it names
them ("Members of less than five years:"; "All other parcels" names nobody).
The writer (`rules.rewrite_sentence`) then keeps the old value and says the subset's beside
it, and `without_every_case` drops the words claiming the old value for every case ("for
home and office users alike", "wherever you live", "whatever your membership").
Works on one prompt sentence or one KB sentence at a time, with bounded patterns only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from behaviordiff.drafting.categories import old_value_kept
from behaviordiff.drafting.rules import (
    _CLAUSE_JOINT,
    CaseFrame,
    RuleMove,
    content_words,
    move_topic,
    where_stated,
)
from behaviordiff.drafting.text import (
    EVERY_CASE_WORDS,
    REGARDLESS_WORDS,
    WHATEVER_WORDS,
    without_every_subject,
)

_PREP_LEAD = re.compile(
    r"^\s*(?P<prep>for|on|with)\s+(?P<who>[^,:;.()\n]{3,80}?)\s*[,:]\s+\S", re.I
)
"""A lead-in naming whom the sentence is for: "For orders with plants, …"."""
_COLON_LEAD = re.compile(r"^\s*(?P<who>[A-Z][^,:;.()\n]{2,80}?)\s*:\s+\S")
"""A lead-in label naming whom: "Members of five years or more: …"."""
_SUBJECT_LEAD = re.compile(
    r"^\s*(?P<who>[A-Z][\w'’-]*(?:\s+(?!(?:get|gets|have|has|pay|pays|can|receive|receives|"
    r"keep|keeps|are|is)\b)[\w'’-]+){0,5})\s+(?:get|gets|have|has|pay|pays|can|receive|"
    r"receives|keep|keeps|are|is)\b"
)
"""A subject naming whom, before what they get: "Gold-card holders get …"."""
_REST = re.compile(r"\b(?:others?|else|rest|remaining|everyone|everybody|anyone|any)\b", re.I)
"""Words of a lead-in that name the rest only as the rest ("All other customers")."""
_NOT_WHO = re.compile(
    r"^(?:we|you|they|it|this|that|the agent|note|exception|example"
    # a time or condition clause ("Once the site visit has happened, …"): when, not whom
    r"|once|when|whenever|after|before|if|unless|until|while|since|as soon as)\b",
    re.I,
)
_EVERY_WHO = re.compile(
    r"^(?:(?:every|each|all|any|most|both)(?:\s+(?:of\s+)?(?:our|your|the))?\s+[\w'’-]+"
    r"|(?:everyone|everybody|anyone|anybody)\b.*)$",
    re.I,
)
"""A lead-in naming everyone, or most, not a subset: "All customers", "Every order"."""
_DOER = re.compile(r"^(?:our|my|the)\s+[\w'’-]+$", re.I)
"""A subject naming who acts, not whom for: "Our drivers", "The team"."""


def _lowered(who: str, prompt: Sequence[str]) -> str:
    """`who` with its first word in lower case, unless the `prompt`'s sentences never write
    that word in lower case and write it with a capital inside a sentence: a name ("Eastport
    members" beside "… from Eastport")."""
    first = re.match(r"[\w'’-]+", who)
    if first is None or not who[1:2].islower():
        return who
    word = first.group()
    lower = re.compile(rf"(?<![\w'’-]){re.escape(word.lower())}(?![\w'’-])")
    named = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])")
    if not any(lower.search(sentence) for sentence in prompt) and any(
        _inside(sentence, found.start())
        for sentence in prompt
        for found in named.finditer(sentence)
    ):
        return who
    return who[:1].lower() + who[1:]


def _inside(sentence: str, at: int) -> bool:
    """Whether `at` is inside `sentence`, not at the start of it, of a line, item or label."""
    before = sentence[:at].rstrip()
    return bool(before) and before[-1] not in ".!?:;*#|-(\"“'‘>"


_GLOSSED_LABEL = re.compile(
    r"^\s*(?:[-*]\s+)?[a-z][a-z0-9]*(?:_[a-z0-9]+)+\s*\((?P<who>[^()\n:]{3,80})\)\s*:\s+\S"
)
"""A line labelled by a code value with its gloss: "highlands_islands (the Scottish Highlands and
islands): 3-5 working days." (the gloss names whom)."""


_PLAIN_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?P<who>[A-Za-z][^:*_\n\d.;,!?]{1,60}?)(?:\*\*|__)?"
    r"\s*:\s+\S"
)
"""A line labelled by whom, in words: "- Highlands and islands: 3-5 working days.", "**Zone C
(outer islands)**: …", "- Zone C — outer islands: …"."""
_OPENS_CLAUSE = re.compile(
    r"^(?:if|when|whenever|once|for|after|before|unless|while|where|then|to|on|in|as|so)\b",
    re.I,
)
"""A label opening a clause, which names no case: "If the customer asks: …"."""
_NOT_WHOM = frozenset(["note", "notes", "important", "tip", "example", "warning", "remember", "nb"])
"""Labels naming no case: a note's."""


def glossed_label(sentence: str) -> str | None:
    """Whom a line of a list by case is for, by its label: the gloss of a code value ("the
    Scottish Highlands and islands"), or the label in words ("Zone C (outer islands)"), at most
    six words and no note's; None otherwise."""
    found = _GLOSSED_LABEL.match(sentence)
    if found is not None:
        return found.group("who").strip()
    found = _PLAIN_LABEL.match(sentence)
    if found is None:
        return None
    who = found.group("who").strip()
    words = who.split()
    if len(words) > 6 or who.lower() in _NOT_WHOM or not content_words(who):
        return None
    if _OPENS_CLAUSE.match(who):
        return None  # a lead-in clause ("If the customer asks: …"), not whom
    # a list mapping each case to its value says little more than the value ("3-5 working
    # days."); a rule after a label ("verified students get 10% off their order") is a
    # sentence of its own, the label its lead-in
    said = sentence[found.end() - 1 :]
    if len(re.findall(r"[A-Za-z]+", re.sub(r"\d[\d.,]*", " ", said))) > 3:
        return None
    return who


_CASE_LINE = re.compile(r"^\s*(?:[-*]\s+)?[\w ]{1,40}(?:\s*\([^()\n]*\))?\s*:\s+\S")
"""A line of a list by case: "mainland: 2-3 working days.", "highlands_islands (…): …"."""


def case_frame(
    move: RuleMove, scope: str, kept: Sequence[str], sections: Mapping[str, Sequence[str]]
) -> CaseFrame:
    """What the list holding a moved case line is about (`CaseFrame`): the section holding the
    lines keeping the old value, its heading, its other sentences, the other lines' cases and
    the other sections' headings."""
    title = next((t for t, lines in sections.items() if any(k in lines for k in kept)), "")
    lines = sections.get(title, [])
    own = content_words(move.old_sentence) | content_words(move.new_sentence)
    case_lines = [line for line in lines if _CASE_LINE.match(line) or glossed_label(line)]
    cases = {w for line in case_lines for w in content_words(line)} - own
    heading = content_words(title) - own - cases
    section = (
        {w for line in lines if line not in case_lines for w in content_words(line)} - own - cases
    )
    elsewhere = (
        {w for other in sections if other != title for w in content_words(other)}
        - heading
        - section
        - own
    )
    known = {
        w.lower()
        for text in (title, *lines, scope, move.old_sentence, move.new_sentence)
        for w in re.findall(r"[A-Za-z]+", text)
    }
    return CaseFrame(
        frozenset(heading),
        frozenset(section),
        frozenset(elsewhere),
        frozenset(cases),
        frozenset(known),
    )


def lead_in(sentence: str, prompt: Sequence[str] = ()) -> str | None:
    """Whom a prompt sentence's lead-in says it is for, as a scope ("for orders with plants",
    "for members of five years or more", "for gold-card holders"); None when it
    has no such lead-in, or the lead-in names everyone ("All customers"), most ("Most
    customers") or who acts ("Our drivers", "The team": a subject before its verb). The first
    word is lowered unless the `prompt`'s sentences write it as a name."""
    found = _PREP_LEAD.match(sentence)
    if found is not None:
        who = found.group("who").strip()
        prep = found.group("prep").lower()
    else:
        subject = _SUBJECT_LEAD.match(sentence)
        if subject is not None and re.search(r"\b(?:who|that|which)$", subject.group("who")):
            subject = None
        # "Gold-card holders get free delivery: …": whom, before the verb
        found = subject or _COLON_LEAD.match(sentence)
        if found is None:
            return None
        who, prep = found.group("who").strip(), "for"
        if found is subject and _DOER.match(who):
            return None
    if (
        len(who.split()) < 2
        or _NOT_WHO.match(who)
        or _EVERY_WHO.match(who)
        or not content_words(who)
    ):
        return None
    return f"{prep} {_lowered(who, prompt)}"


def _plain(move: RuleMove) -> bool:
    return move.kind == "value" and not (
        move.scope
        or move.others
        or move.category
        or move.categories
        or move.subject
        or move.share
        or move.added
    )


def narrowed_subset_moves(
    moves: Sequence[RuleMove], sections: Mapping[str, Sequence[str]]
) -> list[RuleMove]:
    """`moves` with each plain value move whose new sentence gives the new value to a subset
    its lead-in names, words new to the old sentence, read as that subset's move (`scope`),
    when another sentence of the new prompt keeps the old value on the same topic and states
    no new one (`categories.old_value_kept`); `rest` says whom that sentence keeps it for
    when its lead-in names them and the same kind of thing as the subset's. A move whose new
    value the new prompt gives everyone (no sentence keeps the old one) stays as it is."""
    found: list[RuleMove] = []
    prompt = [sentence for lines in sections.values() for sentence in lines]
    for move in moves:
        if _plain(move) and _restated_elsewhere(move, prompt):
            continue  # the diff paired the old sentence with a neighbour: it still holds
        scope = lead_in(move.new_sentence, prompt) if _plain(move) else None
        label = glossed_label(move.new_sentence) if _plain(move) else None
        if (
            scope is None
            and label is not None
            and label == glossed_label(move.old_sentence)
            and not where_stated(move.new, label)
            and (kept := [k for k in old_value_kept(move, sections) if k != move.old_sentence])
            # a list by case: a line keeping the old value is labelled by another case
            and any(glossed_label(k) not in (None, label) for k in kept)
        ):
            # one line of a list by case moved ("highlands_islands (…): 2-3 working days" →
            # "3-5"), another line keeping the old value: that case's move, said by its gloss
            scope = f"for {label}"
            frame = case_frame(move, scope, kept, sections)
            found.append(replace(move, scope=scope, narrowed=True, frame=frame))
            continue
        if (
            scope is None
            # an old rule said for every case in words ("whatever their age") that the new
            # prompt splits into cases is the case split's (`splitcase`): both rules said whole
            or EVERY_CASE_WORDS.search(move.old_sentence)
            or where_stated(move.old, move.new_sentence)
            or where_stated(move.new, scope)
            or where_stated(move.old, scope)
            or not (content_words(scope) - content_words(move.old_sentence))
        ):
            found.append(move)
            continue
        kept = [each for each in old_value_kept(move, sections) if each != move.old_sentence]
        if not kept:
            found.append(move)
            continue
        rest_lead = lead_in(kept[0], prompt)
        rest = (
            rest_lead
            if rest_lead is not None
            and not _REST.search(rest_lead)
            and content_words(rest_lead) != content_words(scope)
            and content_words(rest_lead) & content_words(scope)
            else ""
        )
        found.append(replace(move, scope=scope, rest=rest, narrowed=True))
    return found


def _restated_elsewhere(move: RuleMove, prompt: Sequence[str]) -> bool:
    """Whether the new prompt still says the move's old sentence, old value and all, in another
    sentence (four in five of its topic words), while the sentence the diff paired it with
    shares under half of them: "After that, waiting is charged at 50p a minute." beside a
    new "For home pickups, the driver waits 30 minutes free." is no move of "a minute"."""
    topic = move_topic(move)
    if len(topic) < 3 or 2 * len(topic & content_words(move.new_sentence)) >= len(topic):
        return False
    return any(
        sentence not in (move.new_sentence, move.old_sentence)
        and where_stated(move.old, sentence)
        and 5 * len(topic & content_words(sentence)) >= 4 * len(topic)
        for sentence in prompt
    )


_EVERY_LEAD = re.compile(
    rf"^(?P<space>\s*){WHATEVER_WORDS}[^,;:.!?(){{}}\d]{{0,60}},\s+"
    r"|^(?P<space2>\s*)(?:for|to)\s+(?:everyone|everybody|anyone|all\s+of\s+you)\s*,\s+",
    re.I,
)
"""A leading clause claiming what follows for every case: "Wherever you live, …"."""
_EVERY_TAIL = re.compile(
    r",?(?<!\s)\s{1,5}(?:for|to)\s{1,5}[^,;:.!?(){}\d]{1,60}?\s{1,5}alike\b"
    r"|,\s{1,5}[^,;:.!?(){}\d]{1,60}?\s{1,5}alike\b"
    rf"|,\s{{1,5}}{WHATEVER_WORDS}[^,;:.!?(){{}}\d]{{0,60}}"
    r"|,?(?<!\s)\s{1,5}(?:for|to)\s{1,5}(?:everyone|everybody|anyone)\b"
    r"|,?(?<!\s)\s{1,5}(?:for|to|on|with)\s{1,5}(?:every|all|each|any)\s{1,5}"
    r"(?P<over>(?!other\b)[a-z][\w'’-]{2,20}"
    r"(?:\s{1,5}[a-z][\w'’-]{2,20})?)(?=\s*[,.;:!?)|]|\s*$)"
    rf"|,?(?<!\s)\s{{1,5}}{REGARDLESS_WORDS}[^,;:.!?(){{}}\d]{{0,60}}",
    re.I,
)
"""Words after a statement claiming it for every case: ", for home and office users alike",
", wherever you live", ", whatever your membership", ", for every member"; without a comma
only "regardless of|no matter|irrespective of" (`text.REGARDLESS_WORDS`): "… of whatever you
like to read" stays."""


_JOINT = re.compile(_CLAUSE_JOINT.pattern.removeprefix(r"\s*"), re.I)
"""`rules._CLAUSE_JOINT` from its mark on: its leading spaces, tried at each space of a run,
made a long run of spaces quadratic."""


def _case_words(move: RuleMove) -> set[str]:
    """The words naming the cases a move sorts by: its subset's, the rest's, its categories'."""
    return content_words(" ".join([move.scope, move.rest, move.category, *move.categories]))


def without_every_case(raw: str, move: RuleMove | None = None) -> str:
    """`raw` without the words claiming it for every case, once an edit has said one value for
    a subset beside the old one (`_EVERY_LEAD`, `_EVERY_TAIL`); a claim right before a colon
    leaves the colon ("…, whatever you buy: a, b or c" → "…: a, b or c"). Markup,
    placeholders and numbers stay; a claim holding a number or placeholder is left alone.
    A claim after the statement is one only in the clause stating `move`'s value (no clause
    joint between them: "…; call us with any questions" stays), and "for/on/with every X" only
    over what the move sorts by (X one of its cases' words: "for every member" beside "for
    members of five years or more"; "on every loan" beside it stays);
    with no move, no "every X" claim goes."""
    found = _EVERY_LEAD.match(raw)
    if found is not None:
        space = found.group("space") or found.group("space2") or ""
        rest = raw[found.end() :]
        if rest.strip():
            raw = space + rest[:1].upper() + rest[1:]
    said = [*where_stated(move.old, raw), *where_stated(move.new, raw)] if move is not None else []
    start = min((each.end() for each in said), default=0)
    for tail in _EVERY_TAIL.finditer(raw):
        if tail.start() < start:
            continue
        if tail.group("over") is not None and (
            move is None or not content_words(tail.group("over")) & _case_words(move)
        ):
            continue
        if move is not None and (
            _JOINT.search(raw, start, tail.start())
            or re.search(r"[.!?:]\s", raw[start : tail.start()])
        ):
            break  # past the clause stating the value
        raw = raw[: tail.start()] + raw[tail.end() :]
        break
    first = min((each.start() for each in said), default=None)
    if move is not None and first is not None:
        # "Every member gets 2 (4 for members of five years or more)": the subject the clause
        # stating the value claims of every case the move sorts by is narrowed too ("Members
        # get 2 …")
        opening = max((m.end() for m in _CLAUSE_MARK.finditer(raw, 0, first)), default=0)
        raw = without_every_subject(
            raw, _case_words(move), after=opening, before=first, plural=True
        )
    return raw


_CLAUSE_MARK = re.compile(r"[.!?:;](?=\s)")


def split_for_subset(move: RuleMove, said: str) -> bool:
    """Whether an edit's text states both the old value and the new one (the subset's beside
    the rest's): every-case words in it are no longer true."""
    return bool(where_stated(move.old, said)) and bool(where_stated(move.new, said))
