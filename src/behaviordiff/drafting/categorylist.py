"""A category taken out of a list of categories a KB sentence states one value for.

"Standard frames, box frames and stretched canvases are ready within five working days" names
box frames as one of several kinds the value is said of alike: when box frames now get another
value, the sentence still holds for the others once the category leaves the list ("Standard
frames and stretched canvases are ready within five working days"), and the category's own
value is said beside the old one by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Set

from behaviordiff.drafting.text import stem

_DETERMINER = re.compile(r"(?:\b(?:an?|the|your|our)\s+)(?:(?-i:[A-Z])[\w'’-]{0,30}\s+)?$", re.I)
"""The article an item opens with, and a name qualifying it ("an EU national identity card")."""
_NOUN_AFTER = re.compile(r"^\s+([A-Za-z][\w'’-]*)")
_ITEM = r"(?:(?:an?|the|your|our)\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}"
_BEFORE_COMMA = re.compile(rf"(?P<other>{_ITEM}),\s+$", re.I)
_BEFORE_CONJ = re.compile(rf"(?P<other>{_ITEM}),?\s+(?P<conj>or|and)\s+$", re.I)
_AFTER_COMMA = re.compile(rf"^,\s+(?:(?:or|and)\s+)?(?P<other>{_ITEM})", re.I)
_AFTER_CONJ = re.compile(rf"^\s+(?P<conj>or|and)\s+(?P<other>{_ITEM})", re.I)
_LAST_COMMA = re.compile(r",\s+(?=[^,]*$)")


def noun_forms(word: str) -> set[str]:
    """The stems of a noun and of its singular ("frames", "loaves" → the stems of both)."""
    singulars = {re.sub(r"(?<=[^s])s$", "", word), re.sub(r"ves$", "f", word)}
    return {stem(word)} | {stem(singular) for singular in singulars}


def _shape(item: str) -> str:
    """How a list item is written: with an article, as a plural, or bare; the items of one
    list are written alike."""
    if re.match(r"(?:an?|the|your|our)\s", item, re.I):
        return "article"
    return "plural" if re.search(r"[a-rt-z]s\b(?!['’])", item, re.I) else "bare"


def without_listed(text: str, named: re.Pattern[str], kinds: Set[str]) -> str | None:
    """`text` with the one item `named` matches taken out of the list of three or more it
    stands in ("a, b or c"; "a, b and c"), the list's joining words kept right; None unless
    `named` matches exactly once in such a list of items written alike (two alternatives, "a
    or b", are the value said of both, which a writer words). `kinds`: stems of what the
    categories are kinds of, so "box" takes its noun ("box frames"), its article ("a box
    frame")."""
    found = list(named.finditer(text))
    if len(found) != 1:
        return None
    start, end = found[0].span()
    noun = _NOUN_AFTER.match(text[end:])
    shared_noun = bool(noun and noun_forms(noun.group(1).lower()) & kinds)
    if shared_noun and noun:
        end += noun.end()
    article = _DETERMINER.search(text[:start])
    if article:
        start = article.start()
    before, after = text[:start], text[end:]
    ends_list = _BEFORE_CONJ.search(before) is not None
    others = [
        match.group("other")
        for match in (_BEFORE_COMMA.search(before), _BEFORE_CONJ.search(before))
        if match
    ] + [
        # the last item of its list: what follows a comma after it is the sentence going on
        # ("Bronze, Silver or Platinum, every member earns …"), no item
        match.group("other")
        for match in (None if ends_list else _AFTER_COMMA.match(after), _AFTER_CONJ.match(after))
        if match
    ]
    if any(named.search(other) for other in others):
        return None
    shape = _shape(text[start:end])
    if not others or any(_shape(other) != shape for other in others):
        return None  # "Once paid, a box frame …": a clause, not another item of a list
    if comma := _BEFORE_COMMA.search(before):
        # a middle or first-after-comma item: ", b" goes ("a, b or c" → "a or c")
        return before[: comma.end() - len(comma.group(0)) + len(comma.group("other"))] + after
    if conj := _BEFORE_CONJ.search(before):
        last = conj.group("other").split()[-1].lower()
        if shared_noun and not article and not noun_forms(last) & kinds:
            return None  # "standard and box frames": the noun is the list's, not the item's
        # the last item: " or c" goes and the comma before it takes the joining word
        head = before[: conj.start("other")]
        cut = _LAST_COMMA.search(head)
        if cut is None or re.search(r"[.;:!?]", head[cut.start() :]):
            return None  # "a or b": two alternatives, a writer says both
        return head[: cut.start()] + f" {conj.group('conj')} " + conj.group("other") + after
    if lead := _AFTER_COMMA.match(after):
        # the first item: "a, " or "a or " goes, the next item opens what the first did
        rest = after[lead.start("other") :]
        if text[start:end][:1].isupper():
            rest = rest[:1].upper() + rest[1:]
        return before + rest
    return None
