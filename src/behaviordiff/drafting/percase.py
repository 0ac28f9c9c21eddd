"""A promise moved for one case of a change's condition where the KB already names the cases:
a list with an item per case ("- Paid by card: … within 3 days." / "- Paid by voucher: …
within 3 days."), or one sentence naming the case beside others ("Whether you paid by card or
by voucher, it reaches you within 3 days.").

Pure text helpers. `impact` leaves the other cases' items alone (they state what those
customers still get); the template drafter rewrites the changed case's item plainly and
splits a sentence naming both into one per side (`split_alternatives`); `checks` holds any
drafter's edit to the same (`other_case_items` kept, no `new_value_for_both`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from behaviordiff.drafting.casestep import labelled_item
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, states_value
from behaviordiff.drafting.subsets import list_items, names_case
from behaviordiff.drafting.text import Unit

_FOR_ALL = re.compile(r"\b(?:any|every|all|always|each|whatever|whichever)\b", re.I)
_OTHER = re.compile(r"\b(?:other|else)\b", re.I)


def _label(raw: str) -> str | None:
    """The label of a labelled list item ("Paid by card:" of "- Paid by card: …")."""
    found = labelled_item(raw)
    return found[0].lstrip(" \t-*+0123456789.)").strip() if found else None


def other_case_items(
    text: str, item_units: Sequence[Unit], cases: Sequence[set[str]], stating: Iterable[int]
) -> set[int]:
    """Of the units `stating` a moved rule the old way, the labelled list items about another
    case than the change's `cases`: their list has an item of the same kind whose label names
    one of `cases` and that states the rule too, and their own label names none of them nor
    claims the rule for every case ("- Paid by card: … 3 days." beside "- Paid by voucher: …
    3 days." when vouchers moved). Those customers keep the old value; the changed case's
    item says the new one."""
    stating = set(stating)
    if not cases:
        return set()
    kept: set[int] = set()
    for index in sorted(stating):
        label = _label(item_units[index].raw)
        if label is None or not names_case(cases, label):
            continue
        for other in list_items(text, item_units, index):
            if other == index or other not in stating:
                continue
            own = _label(item_units[other].raw)
            if own is None or names_case(cases, item_units[other].text):
                continue
            if _FOR_ALL.search(own) and not _OTHER.search(own):
                continue  # "All payments: …" claims it for the changed case too
            kept.add(other)
    return kept


_LEAD = re.compile(
    r"^(?P<space>\s*)(?P<word>Whether|If|When|For)\s+(?P<lead>[^,;:.!?]+?),\s+(?P<main>\S.*)$",
    re.S,
)
_TRAIL = re.compile(
    r"^(?P<space>\s*)(?P<main>[^,;:!?\s][^,;:!?]*),\s+"
    r"(?:(?:and\s+)?(?:it|that|this)(?:'s|’s|\s+is)\s+(?:just\s+)?the\s+same\s+)?"
    r"(?P<word>whether)\s+(?P<lead>[^,;:.!?]+?)(?P<end>[.!?])(?P<tail>\s*)$",
    re.S,
)
"""A sentence that ends on the alternatives: "We reply within 2 days, whether you wrote in or
rang us.", "…, and it's the same whether you wrote in or rang us." """
_SUBJECT = re.compile(r"(?:I|you|we|they)(?:[’'](?:ve|re|d|ll)|\s+(?:have|had))?\s+", re.I)
_JOIN = re.compile(r"\s+or\s+")
_PREP = re.compile(r"\b(?:by|with|on|in|at|for|through|via|using|from)\s+", re.I)
_CLAUSE = re.compile(r"(?:I|you|we|they|it|he|she|there)\b", re.I)
_MAX_WORDS = 6
_VERB_PHRASE = 3
"""The words of a second alternative read as a verb phrase after the first's subject ("come
out to see it"), not a noun after its last word ("card or bank transfer")."""
_DETERMINER = re.compile(r"\b(?:a|an|the|your|our|their|my)\s+", re.I)


def _alternatives(lead: str) -> tuple[str, str, str] | None:
    """(the words the alternatives share, the first, the second) of a lead clause naming two
    alternatives ("you paid by card or with a voucher" → ("you paid", "by card", "with a
    voucher"); "you paid by card or PayPal" → ("you paid by", "card", "PayPal")); None when
    it names other than two, or where the first begins cannot be told."""
    joins = list(_JOIN.finditer(lead))
    if len(joins) != 1 or lead.lower().startswith("or not"):
        return None
    left, right = lead[: joins[0].start()], lead[joins[0].end() :]
    if len(right.split()) > _MAX_WORDS or _CLAUSE.match(right):
        return None  # "… or you'd rather wait": clauses, not alternatives of one thing
    subject = _SUBJECT.match(left)
    if (
        subject is not None
        and len(right.split()) >= _VERB_PHRASE
        and right[:1].islower()
        and not (_PREP.match(right) or _DETERMINER.match(right))
    ):
        # two things the subject did: "we've priced it from photos or come out to see it"
        first = left[subject.end() :].strip()
        if not first or len(first.split()) > _MAX_WORDS:
            return None
        return subject.group(0).strip(), first, right.strip()
    # the first begins with a word of the kind the second begins with ("by card or with a
    # voucher", "a standard parcel or an oversized one"), else after the last such word
    if _PREP.match(right) or _DETERMINER.match(right):
        kind = _PREP if _PREP.match(right) else _DETERMINER
        starts = list(kind.finditer(left))
        at = starts[-1].start() if starts else -1
        if at < 0 and kind is _PREP and len(left.split()) > 1:
            # one word in place of a place or a way ("you bought online or in a store")
            at = left.rstrip().rfind(" ") + 1
    else:
        starts = [*_PREP.finditer(left), *_DETERMINER.finditer(left)]
        at = max(found.end() for found in starts) if starts else -1
    if at < 0 or not right.strip():
        return None
    shared, first = left[:at].strip(), left[at:].strip()
    if not first or not shared or len(first.split()) > _MAX_WORDS:
        return None
    if (
        len(first.split()) == 1
        and len(right.split()) > 1
        and right.split()[-1].endswith("s")
        and not _PREP.match(right)
    ):
        # "card or voucher payments": the noun after the last is what both are
        first = f"{first} {right.split()[-1]}"
    return shared, first, right.strip()


def _trailing(
    move: RuleMove, raw: str, named: Sequence[set[str]], others: Sequence[set[str]]
) -> str | None:
    """`split_alternatives` of a sentence ending on them ("We reply within 2 days, whether you
    wrote in or rang us."): the sentence once per alternative, "if" and it after the claim."""
    found = _TRAIL.match(raw)
    split = _alternatives(found.group("lead")) if found else None
    if found is None or split is None:
        return None
    shared, first, second = split
    sides = _sides(named, others, first, second, found.group("main"), shared)
    moved = rewrite_sentence(move, found.group("main")) if sides else None
    if sides is None or moved is None or moved == found.group("main"):
        return None
    main, end = found.group("main"), found.group("end")
    said = [
        f"{moved if sides[0] else main} if {shared} {first}{end}",
        f"{moved if sides[1] else main} if {shared} {second}{end}",
    ]
    return found.group("space") + " ".join(said) + found.group("tail")


def _sides(
    named: Sequence[set[str]],
    others: Sequence[set[str]],
    first: str,
    second: str,
    main: str,
    shared: str,
) -> list[bool] | None:
    """Which of two alternatives is the changed case: the one naming it, else (`others`: the
    words of the cases that keep the rule) the one that does not name another case where the
    other does; None when that cannot be told or the rest of the sentence names a case."""
    if any(names_case(words, text) for words in (named, others) for text in (main, shared)):
        return None
    sides = [names_case(named, first), names_case(named, second)]
    if sides.count(True) == 1:
        return sides
    if any(sides) or not others:
        return None
    kept = [names_case(others, first), names_case(others, second)]
    return [not kept[0], not kept[1]] if kept.count(True) == 1 else None


def split_alternatives(
    move: RuleMove, raw: str, cases: Sequence[set[str]], others: Sequence[set[str]] = ()
) -> str | None:
    """A sentence whose lead names the changed case and one other as alternatives ("Whether
    you paid by card or with a voucher, it reaches you within 3 days."), as one sentence per
    alternative in their order, the changed case's with the move's new value ("If you paid by
    card, it reaches you within 3 days. If you paid with a voucher, it reaches you within 10
    days."); None for any other sentence, or when the rest of it names a case or does not
    state the old value. A sentence ending on the alternatives is split the same way
    (`_trailing`); `others`, the words of the cases that keep the rule, tell the changed case
    where no alternative names it ("come out to see it" beside "priced it from photos")."""
    if not cases and not others:
        return None
    found = _LEAD.match(raw)
    if found is None:
        return _trailing(move, raw, cases, others)
    split = _alternatives(found.group("lead"))
    if split is None:
        return None
    shared, first, second = split
    main = found.group("main")
    named = _sides(cases, others, first, second, main, shared)
    if named is None:
        return None
    moved = rewrite_sentence(move, main)
    if moved is None or moved == main:
        return None
    word = "If" if found.group("word") == "Whether" else found.group("word")
    end = len(main.rstrip())
    main, tail = main[:end], main[end:]
    moved = moved.rstrip()
    if main[-1:] not in ".!?":
        return None
    said = [f"{word} {shared} {first}, ", f"{word} {shared} {second}, "]
    said[0] += moved if named[0] else main
    said[1] += moved if named[1] else main
    return found.group("space") + " ".join(said) + tail


def new_value_for_both(
    moves: Sequence[RuleMove],
    cases: Sequence[set[str]],
    raw: str,
    others: Sequence[set[str]] = (),
) -> str:
    """The new value of a move that a sentence gives both the changed case and another, named
    as alternatives in its lead ("Whether you paid by card or by voucher, it reaches you
    within 10 days." when only vouchers moved to 10) or at its end ("…, whether you paid by
    card or by voucher."), else "": the other case keeps the old value, so such a sentence is
    said once per case (`split_alternatives`; `others` as there)."""
    found = _LEAD.match(raw) or _TRAIL.match(raw)
    split = _alternatives(found.group("lead")) if found else None
    if found is None or split is None or not (cases or others):
        return ""
    shared, first, second = split
    main = found.group("main")
    if _sides(cases, others, first, second, main, shared) is None:
        return ""
    for move in moves:
        if (
            move.kind == "value"
            and states_value(move.new, main)
            and not states_value(move.old, main)
        ):
            return move.new
    return ""
