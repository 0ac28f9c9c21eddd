"""A case carved out of an every-case claim, in the KB sentence's own words.

The old rule held for every place, kind or case, and the KB says so with a claim for all of
them that names the case among those it reaches ("We deliver anywhere in the UK, the islands
and Northern Ireland included"; "Our vans go to every postcode, including the Channel
Islands"; "Wherever you are in the country, we come to you, right out to the islands and over
to the coast"). The change takes one case (the condition's category) out: the right edit keeps
the claim and the sentence's voice, takes the case out of what the claim names as included,
and names it as the claim's exception ("We deliver anywhere in the UK except the islands,
Northern Ireland included").

Pure text: the caller gives the case as a pattern matching its words in the KB (never the
condition's data value); `carved_out` returns the sentence rewritten, or None when the
sentence has no such claim, names the case more than once, or says it in no shape read here
(the caller then flags the item for a writer). Linear in the sentence: each regex runs once
over it, none with nested quantifiers, and a sentence longer than `_MAX` is not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from behaviordiff.drafting.freewords import FREE_IN_OTHER_WORDS

_MAX = 2000
"""The longest sentence read: a longer unit is no one claim."""
CLAIM_ALL = re.compile(
    r"\b(?:anywhere|everywhere|wherever|whichever|whatever|however|every|all|any)\b", re.I
)
"""A word opening a claim for every place, kind or case."""
_EXCEPT = re.compile(r"\b(?:except|apart from|other than|excluding|but not|outside)\b", re.I)
_DELIMITER = re.compile(r"[,;:()]|[.!?](?=\s|$)|\s\u2014\s|\s-\s")
"""What ends a clause (never a comma inside a number: read by `_clauses`)."""
_DETERMINER = re.compile(r"\b(?:the|our|your|a|an)\s+$", re.I)
_INCLUDE_LEAD = re.compile(
    r"(?:\s+|^)(?:including|incl\.|even|plus|as well as|along with)\s+$", re.I
)
"""What brings the case into a claim right before its name ("including the islands")."""
_CONJUNCTION = re.compile(r"\s+(?:and|or|&)\s+", re.I)
_ASIDE_WORDS = 4
"""The most words beside the case in a clause or conjunct about it alone ("right out to the
islands", "the islands included")."""
_VALUE_WORDS = 10
"""The longest comma clause read as the old rule's value alone."""
_INCLUDED_AFTER = re.compile(r"^\s+(?:included|too|as well|alike)\b", re.I)
_FRONTED = re.compile(r"^\s*(?:wherever|whichever|whatever|however)\b", re.I)
_INCLUDED_ONLY = re.compile(r"^\s+(?:included|too|as well|alike)\s*$", re.I)
_SUBJECT_GOES_ON = re.compile(r"^,\s+(?!(?:and|or|but|so|then|which|who)\b)[a-z]")
"""After a subject's aside, its verb goes on in lower case ("…, open at 6am")."""


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of `text`, split at commas (not inside a number), semicolons,
    colons, brackets, dashes and sentence stops."""
    spans: list[tuple[int, int]] = []
    start = 0
    for found in _DELIMITER.finditer(text):
        if found.group(0) == "," and text[found.end() : found.end() + 1].isdigit():
            continue
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    return spans


def _words(text: str) -> int:
    return len(text.split())


def _without_case(raw: str, start: int, end: int) -> str | None:
    """`raw` with the case said at [start, end) taken out of what the claim names: an
    "including …" / "even …" lead and the case; one conjunct of a clause of two ("the islands
    and Northern Ireland included" → "Northern Ireland included"; "right out to the islands and
    over to the coast" → "over to the coast"); or a clause about it alone ("…, the islands
    included, …"). None in any other shape."""
    clause = next(((s, e) for s, e in _clauses(raw) if s <= start and end <= e), None)
    if clause is None:
        return None
    c_start, c_end = clause
    before, after = raw[c_start:start], raw[end:c_end]
    lead = _INCLUDE_LEAD.search(before)
    if lead is not None and not _CONJUNCTION.search(after):
        cut = c_start + lead.start()
        if (
            not raw[c_start:cut].strip()
            and not after.strip()
            and c_start
            and raw[c_start - 1] == ","
        ):
            cut = c_start - 1  # the clause was the case alone: its comma goes too
        return raw[:cut] + raw[end:]
    joins = list(_CONJUNCTION.finditer(raw, c_start, c_end))
    if len(joins) == 1:
        join = joins[0]
        if end <= join.start():
            # the first conjunct: from the clause's start (its leading space kept) to the join
            lead_space = len(before) - len(before.lstrip())
            if _words(before) <= _ASIDE_WORDS and not raw[end : join.start()].strip():
                return raw[: c_start + lead_space] + raw[join.end() :]
        elif start >= join.end():
            dropped = raw[join.end() : start]
            if _words(dropped) <= _ASIDE_WORDS and (
                not after.strip() or _INCLUDED_AFTER.match(after)
            ):
                return raw[: join.start()] + raw[end:]
        return None
    if joins or c_start == 0:
        return None
    if (
        raw[c_start - 1] == ","
        and _words(before) + _words(after) <= _ASIDE_WORDS
        and (not after.strip() or _INCLUDED_AFTER.match(after))
    ):
        # a clause naming the case alone ("the islands included"): out, with the comma
        # before it
        cut = c_start - 1
        return raw[:cut] + raw[c_end:]
    return None


def carved_out(raw: str, case: re.Pattern[str]) -> str | None:
    """`raw`, a sentence claiming a rule for every place, kind or case and naming `case` among
    those it reaches, with the case taken out of that and named as the claim's exception ("…
    anywhere in the UK except the islands, …"), every other byte kept. None when the sentence
    names the case other than once, opens no claim for all before it, already names an
    exception, or says the case in a shape `_without_case` does not read."""
    if len(raw) > _MAX:
        return None
    found = list(case.finditer(raw))
    if len(found) != 1:
        return None
    start, end = found[0].span()
    determiner = _DETERMINER.search(raw[max(0, start - 8) : start])
    if determiner is not None:
        start -= len(determiner.group(0))
    spans = _clauses(raw)
    case_at = next((i for i, (s, e) in enumerate(spans) if s <= start < e), None)
    if case_at is None or _EXCEPT.search(raw):
        return None
    c_end = spans[case_at][1]
    after = raw[end:c_end]
    if after.strip() and not (_INCLUDED_ONLY.match(after) or _CONJUNCTION.match(after)):
        # the case said with words of its own ("including the outlet in Bristol"): not the
        # case alone
        return None
    # the claim that reaches the case: the last one in its clause or the clause before it
    # ("However you pay, any card works, Amex included": "any card")
    every = list(CLAIM_ALL.finditer(raw, 0, start))
    claims = [
        claim
        for claim in every
        if any(s <= claim.start() < e for s, e in spans[max(0, case_at - 1) : case_at + 1])
    ]
    if (
        not claims
        and len(every) == 1
        and _FRONTED.match(raw)
        and every[0].start() == (len(raw) - len(raw.lstrip()))
    ):
        # a claim fronting the sentence, the only one ("Wherever you live in the region, our
        # nurse comes to you, right out to the coast villages")
        claims = every
    if not claims:
        return None
    claim = claims[-1]
    claim_at = next(i for i, (s, e) in enumerate(spans) if s <= claim.start() < e)
    named = " ".join(raw[start:end].split())
    if named[:4] == "The ":
        named = "the " + named[4:]
    narrowed = _without_case(raw, start, end)
    if narrowed is None:
        return None
    # the claim's reach: to the end of its clause in the narrowed sentence
    scope_end = next(
        (e for s, e in _clauses(narrowed) if s <= claim.start() < e),
        len(narrowed),
    )
    reach = narrowed[claim.start() : scope_end]
    if not reach.strip() or _words(reach) > 12:
        return None
    body_end = claim.start() + len(reach.rstrip())
    rest = narrowed[body_end:]
    subject = (
        claim_at == 0
        and claim_at + 1 == case_at
        and not raw[: claim.start()].strip()
        and raw[c_end : c_end + 1] == ","
        and _SUBJECT_GOES_ON.match(rest) is not None
    )
    if subject:
        # the claim was the sentence's subject, the case an aside between commas ("All our
        # gyms, the Leeds gym included, open at 6am"): no comma before its verb
        rest = rest[1:]
    return narrowed[:body_end] + f" except {named}" + rest


def case_pattern(phrase: str) -> re.Pattern[str]:
    """The case's words as a KB writes them ("the Outer Villages" → outer villages, any line
    break between its words, singular or plural), its determiner aside."""
    words = [word for word in phrase.split() if word.lower() not in ("the", "our", "your")]
    joined = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![\w-]){joined}(?:e?s)?(?![\w-])", re.I)


_FREE_VALUE = re.compile(
    rf"{FREE_IN_OTHER_WORDS}|\bfree(?:\s+of\s+charge)?\b"
    rf"|\bno\s+(?:extra\s+|additional\s+)?(?:charge|cost|fee)s?\b|\bfor\s+nothing\b"
    rf"|\bnever\s+charge",
    re.I,
)
"""A clause saying nothing is paid."""
_THERE_IS = re.compile(r"\b(?:there|that|it)(?:['’]s|\s+is|\s+will\s+be|['’]ll\s+be)\b", re.I)
_FREE_STEMS = frozenset(["doing", "ever", "always", "still", "completely", "totally"])
"""Words a clause saying nothing is paid may say beside that ("… for doing so")."""
_AMOUNT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w,]|\.\d)")

QUANTITY_CLAIM = re.compile(
    r"\b(?:of|for|at|in)\s+(?:any|unlimited)\s+(?:size|amount|value|price|length|total|number)"
    r"s?\b|"
    r"\bas\s+(?:many\s+times|often|much)\s+as\s+(?:you|they|we)(?:['’]d|\s+would)?\s+"
    r"(?:like|want|need|wish)(?:\s+to)?\b|"
    r"\bas\s+(?:many\s+times|often|much)\s+as\s+(?:necessary|needed|required|possible)\b|"
    r"\bany\s+number\s+of\s+times\b|"
    r"\b(?:however|no\s+matter\s+how)\s+(?:many\s+times|often|much|many|large|big)\b"
    r"[^,.;:!?]{0,40}|"
    r"\bwhatever\s+(?:the\s+(?:amount|size|value|total|price|number)|(?:you|they)\s+spend)\b|"
    r"\bunlimited\s+[a-z]+s\b|"
    r"\bno\s+limit\s+(?:on|to)\s+(?:how\s+(?:many|much|often)|the\s+number)\b[^,.;:!?]{0,40}",
    re.I,
)
"""A claim that one rule holds for every count or amount ("as many times as you like", "as
often as you'd like", "as many times as needed", "of any size", "of unlimited value", "whatever
the amount", "whatever you spend", "no matter how many times you change", "however large",
"unlimited changes", "no limit on how many"). Linear: no nested quantifier, the trailing
reads bounded."""


_MODAL = re.compile(r"\b(?:can|may|could|will|must|should|might|get\s+to|are\s+able\s+to)\b", re.I)
"""What follows a sentence's subject before its action ("Learners can rebook …")."""


def claim_action(text: str, claim: re.Match[str]) -> str:
    """What `text` says is done as often or for as much as one likes (`claim`, a
    `QUANTITY_CLAIM` match in it): the rest of the claim's clause, its subject before a modal
    left out ("Customers can change the date of their lesson" → "change the date of their
    lesson"); the next clause when the claim's is the claim alone ("As often as you like, you
    can swap your class, …")."""
    spans = _clauses(text)
    at = next((i for i, (s, e) in enumerate(spans) if s <= claim.start() < e), None)
    if at is None:
        return ""
    start, end = spans[at]
    said = text[start : claim.start()] + " " + text[claim.end() : end]
    if not said.strip() and at + 1 < len(spans):
        said = text[spans[at + 1][0] : spans[at + 1][1]]
    modal = _MODAL.search(said)
    return said[modal.end() :] if modal is not None else said


def without_claim(
    text: str, old_words: frozenset[str], stems: Callable[[str], set[str]], old: str = ""
) -> str | None:
    """`text`, one sentence stating the old rule as a claim over every count or amount
    (`QUANTITY_CLAIM`) beside a condition that still holds ("You can move your lesson as many
    times as you like, free of charge, provided you give us 48 hours' notice"), with the claim
    and each later comma clause stating only the old rule's value taken out, its stop kept:
    "You can move your lesson, provided you give us 48 hours' notice." The value is read as a
    value: a clause saying it is free ("free of charge", "at no cost", "without charge", "for
    nothing") when the old sentence (`old`) does, one saying an amount the old sentence says,
    or one whose words (read by `stems`) are all the old sentence's value's (what follows its
    claim; `old_words` when `old` is not given). The new rule is the caller's to say after it.
    None when it holds no such claim; "" when nothing but the claim and the old value would
    be left (the new rule replaces the sentence)."""
    if len(text) > _MAX or len(old) > _MAX:
        return None
    found = list(QUANTITY_CLAIM.finditer(text))
    if len(found) != 1:
        return None
    claim = found[0]
    stop = re.search(r"[.!]\s*$", text)
    end = stop.start() if stop else len(text.rstrip())
    opening = not text[: claim.start()].strip()
    body = (text[: claim.start()].rstrip(" ,") + text[claim.end() : end]).lstrip(" ,")
    pieces = re.split(r"(?<=,) (?!\d)", body)
    old_claim = QUANTITY_CLAIM.search(old) if old else None
    value_words = frozenset(stems(old[old_claim.end() :])) if old_claim is not None else old_words
    old_free = bool(old) and _FREE_VALUE.search(old) is not None
    old_amounts = {found.group(0) for found in _AMOUNT.finditer(old)}

    def is_value(piece: str) -> bool:
        if len(piece.split()) > _VALUE_WORDS:
            return False
        words = stems(piece)
        if old_free and _FREE_VALUE.search(piece):
            rest = _THERE_IS.sub(" ", _FREE_VALUE.sub(" ", piece))
            return not (stems(rest) - value_words - _FREE_STEMS)
        if old_amounts and {found.group(0) for found in _AMOUNT.finditer(piece)} & old_amounts:
            return not (words - value_words)
        return bool(words) and words <= value_words

    kept: list[str] = []
    for piece in pieces:
        if (kept or opening) and is_value(piece.rstrip(",")):
            continue
        kept.append(piece.rstrip(","))
    if not kept:
        return ""  # the claim and the old value alone: the new rule says it all
    if not kept[0].strip():
        return None
    if len(kept) == 1 and is_value(kept[0]):
        return ""  # nothing but the old rule: the new rule says it all
    said = ", ".join(kept)
    if opening:
        # the claim opened the sentence: what is left opens it now
        said = said[:1].upper() + said[1:]
    return said + (text[end:].strip() or ".")


def claim_reach(text: str, at: int) -> tuple[int, int]:
    """The span of a claim opening at `at` in `text`: from it to the end of its clause."""
    end = next((e for s, e in _clauses(text) if s <= at < e), len(text))
    return at, end


_PLACE_CLAIM = re.compile(r"\b(?:anywhere|everywhere|wherever)\b", re.I)
_KIND_CLAIM = r"\b(?:every|all|any|each)\s+(?:(?:of\s+)?(?:the|our)\s+)?(?:[\w'’-]+\s+)?"


_RESTRICTED = re.compile(r"\s+(?:that\s+|which\s+)?(?:we|you|they|our)\b", re.I)
"""A relative clause after a kind, keeping the claim to what is served ("every zone we cover")."""


def place_claim(text: str, kinds: frozenset[str]) -> re.Match[str] | None:
    """The one claim of `text` for every place or every one of `kinds` (the stems of what the
    categories are kinds of: "region"): "anywhere", "everywhere", "wherever", or "every" /
    "all" / "any" before a kind ("every UK region", "all our zones"); None when it makes none
    or more than one."""
    if len(text) > _MAX:
        return None
    found = list(_PLACE_CLAIM.finditer(text))
    if kinds:
        pattern = re.compile(
            _KIND_CLAIM + r"(?:" + "|".join(re.escape(kind) for kind in sorted(kinds)) + r")\w*",
            re.I,
        )
        found += [
            each
            for each in pattern.finditer(text)
            # "each country we ship to": every one the service reaches, true whatever it drops
            if not _RESTRICTED.match(text, each.end())
        ]
    return found[0] if len(found) == 1 else None


def excepted(raw: str, claim: re.Match[str], named: str) -> str | None:
    """`raw` with `named` said as the exception of its claim for every place or kind (`claim`,
    a match in it): " except the islands" at the end of the claim's clause ("We deliver
    anywhere in the UK except the islands, usually within a week."). None when the sentence
    names an exception already or the claim's clause runs long."""
    if _EXCEPT.search(raw):
        return None
    scope_end = next((e for s, e in _clauses(raw) if s <= claim.start() < e), len(raw))
    reach = raw[claim.start() : scope_end]
    if not reach.strip() or _words(reach) > 12:
        return None
    end = claim.start() + len(reach.rstrip())
    return raw[:end] + f" except {named}" + raw[end:]
