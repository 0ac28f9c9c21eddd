"""An "only" dropped from a kept rule for a case appended to it: "Members may park from 8 to
10am only, every day." became "Members may park from 8 to 10am every day, and also from 6 to
8pm on Fridays." The old sentence, its "only" out, is word for word the new one's head; the
tail joined to it gives another value for the customers the change's condition names.
Everyone else keeps the old value, so it stays in the KB; only its claim to be the one value
goes.

A KB sentence saying the old value with "only" right after it ("Members can park from 8 to
10am only, so …", "- Members: 8 to 10am only") in the old sentence's words (another content
word of it) says the old rule as if it held for all: its edit (`dropped_only_edit`) says the
appended tail in place of that "only", every other byte kept ("Members can park from 8 to 10am,
and also from 6 to 8pm on Fridays, so …"). Matching is literal on the prompt's own words: no
word of any domain is known here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from behaviordiff.detect.similarity import STOPWORDS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, rewrite_marked
from behaviordiff.drafting.text import END_CHARS, still_saying

DROPPED_ONLY_REASON = "states the old value as the only one; the new prompt adds:"

_WORD = re.compile(r"[\w'’-]+")
_JOINED = re.compile(r",?\s+(?:and|or|plus)\b", re.I)
_DIGIT = re.compile(r"\d")
_CLOSED = re.compile(r"\s*(?:$|[.;:!?),|])")
_COMMA = re.compile(r"\s*,\s*")


@dataclass(frozen=True)
class DroppedOnly:
    """The old sentence, the value "only" followed there (`anchor`, "10am"), the tail the new
    prompt joins to the kept rule (`tail`, ", and also from 6 to 8pm on Fridays") and a word
    of the tail giving its value (`new_value`, "8pm")."""

    old_sentence: str
    anchor: str
    tail: str
    new_value: str
    hunk_id: str = ""
    """The prompt hunk of the changed sentence."""
    new_sentence: str = ""
    """The new prompt sentence, its end marks out."""
    kept_after: tuple[str, ...] = ()
    """The old sentence's words after its "only" ("every", "day"): the new sentence keeps them
    before its tail, so the tail goes after them."""

    def only_pattern(self) -> re.Pattern[str]:
        """The anchor with "only" after it, as a word of its own."""
        return re.compile(rf"(?<![\w-]){re.escape(self.anchor)}\s+only\b", re.I)


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def _dropped(old: str, new: str) -> DroppedOnly | None:
    """The dropped "only" when `old` with one "only" (after a value) out is `new`'s head and
    the rest of `new` is a joined tail stating another value, else None."""
    matches = list(_WORD.finditer(old))
    olds = [m.group(0).lower() for m in matches]
    spots = [i for i, word in enumerate(olds) if word == "only"]
    if len(spots) != 1 or spots[0] == 0:
        return None
    anchor = matches[spots[0] - 1].group(0)
    if _DIGIT.search(anchor) is None:
        return None
    kept = olds[: spots[0]] + olds[spots[0] + 1 :]
    news = list(_WORD.finditer(new))
    if len(news) <= len(kept) or [m.group(0).lower() for m in news[: len(kept)]] != kept:
        return None
    tail = new[news[len(kept) - 1].end() :].rstrip(END_CHARS)
    if _JOINED.match(tail) is None:
        return None
    values = [word for word in _WORD.findall(tail) if _DIGIT.search(word)]
    if not values:
        return None
    after = tuple(olds[spots[0] + 1 :])
    return DroppedOnly(old, anchor, tail, values[-1], new_sentence=new, kept_after=after)


def dropped_only(facts: ChangeFacts) -> DroppedOnly | None:
    """The change's dropped "only" when it holds for some customers only and a changed prompt
    sentence drops the "only" after a value of the old one to append another, else None."""
    if not facts.restricted or not facts.conditions:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        found = _dropped(rule.old.rstrip(END_CHARS), rule.new.rstrip(END_CHARS))
        if found is not None:
            return replace(found, hunk_id=rule.hunk_id)
    return None


def _content(text: str, case: DroppedOnly) -> set[str]:
    return {
        word
        for word in _words(text)
        if word not in STOPWORDS and word not in ("only", case.anchor.lower())
    }


def _only_in(case: DroppedOnly, text: str) -> re.Match[str] | None:
    """The anchor and its "only" in `text` when `text` says the old rule in its words and not
    the appended value."""
    if case.new_value.lower() in _words(text):
        return None
    found = case.only_pattern().search(text)
    if found is None or not _content(case.old_sentence, case) & _content(text, case):
        return None
    return found


def dropped_only_reason(case: DroppedOnly, sentence: str) -> str | None:
    """Why `sentence` states the old value as the only one, or None."""
    if _only_in(case, sentence) is None:
        return None
    return f"{DROPPED_ONLY_REASON} “{case.tail.lstrip(', ')}”"


def _kept_words_end(case: DroppedOnly, raw: str, at: int) -> int | None:
    """Where the old sentence's words after its "only" end when `raw` says them from `at` on
    (a comma between allowed: "10am only, every day"), else None."""
    if not case.kept_after:
        return None
    start = _COMMA.match(raw, at)
    words = list(_WORD.finditer(raw, start.end() if start else at))[: len(case.kept_after)]
    if [word.group(0).lower() for word in words] != list(case.kept_after):
        return None
    if raw[at : words[0].start()].strip(" ,") or any(
        raw[a.end() : b.start()].strip() for a, b in pairwise(words)
    ):
        return None
    return words[-1].end()


def without_only(case: DroppedOnly, raw: str) -> str | None:
    """`raw` with the appended tail in place of the "only" after the old value, or None when it
    states no old rule or the tail cannot go there with its meaning kept. The old sentence said
    word for word becomes the new one; the old sentence's words after "only" ("…10am only,
    every day") stay before the tail, as the new sentence says them; else "only" must end its
    clause ("10am only.", "10am only |", "10am only, so …"): "only" before more of its clause
    ("10am only on weekdays", "Before 10am only members …") may qualify something else."""
    found = _only_in(case, raw)
    if found is None:
        return None
    old_body = case.old_sentence.rstrip(END_CHARS)
    at = raw.lower().find(old_body.lower())
    if at >= 0 and case.new_sentence:
        new = case.new_sentence.rstrip(END_CHARS)
        said = new[:1].upper() + new[1:] if raw[at : at + 1].isupper() else new
        return raw[:at] + said + raw[at + len(old_body) :]
    anchor_end = found.start() + len(case.anchor)
    kept_end = _kept_words_end(case, raw, found.end())
    if kept_end is not None:
        kept = raw[found.end() : kept_end].lstrip(" ,")
        return raw[:anchor_end] + " " + kept + case.tail + raw[kept_end:]
    after = raw[found.end() :]
    if _CLOSED.match(after) is None:
        return None
    return raw[:anchor_end] + case.tail + after


def dropped_only_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts state the old value as the only one: each says
    the appended tail in place of the "only". None for any other change or item."""
    case = dropped_only(facts)
    if case is None or not impact.conflicts:
        return None
    if not only_marked_for(impact.conflicts, DROPPED_ONLY_REASON):
        return None
    new_body = rewrite_marked(impact, lambda raw: without_only(case, raw))
    tail = case.tail.lstrip(", ")
    if new_body is None:
        return None, (
            f"Flagged for review: this {impact.item.kind} says {case.anchor} only; the new "
            f"prompt adds “{tail}”, in words that cannot be put here."
        )
    return new_body, (
        f"The new prompt keeps the old value and adds “{tail}”. This {impact.item.kind} said "
        f"{case.anchor} only; the edit says the new case in place of “only” and keeps "
        "everything else."
    )


def dropped_only_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of an "only" dropped for an appended case
    (`dropped_only`)."""
    case = dropped_only(facts)
    if case is None:
        return None
    return (
        f"the old prompt said “{case.old_sentence}”; the new one says “{case.new_sentence}”: a "
        f"sentence saying {case.anchor} only no longer holds for everyone; say the added case "
        f"(“{case.tail.lstrip(', ')}”) where it fits and keep {case.anchor} for everyone else"
    )


def still_dropped_only(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still say the old value as the only one: what no
    drafter's edit may say."""
    case = dropped_only(facts)
    if case is None:
        return []
    return still_saying(
        lambda unit: _only_in(case, unit.text) is not None,
        conflicts,
        old_body,
        new_body,
        body_format,
    )
