"""Which removed sentence of a prompt section became which added one.

DeepDiff aligns a section's sentences and, inside a stretch it could not align, pairs the old
and new sentences by position: with a sentence inserted before a changed one, the old guests
rule ("up to 2 guests") is paired with the new pets rule and the new guests rule ("up to 3
guests") is reported as added. This module pairs them again by content:

1. **Sure pairs**, across the whole section: old and new sentences whose words, with numbers
   and amounts masked, mostly agree (`SURE`), taken best score first. A value changed or a
   rule reworded and moved pairs, whatever sits between.
2. **DeepDiff's pairs** stand where neither sentence has a sure pair: a rule split in two
   ("if we cancel for the weather, refund …" and "for any other reason, a voucher …") stays
   paired with its first half, which the second goes on from.
3. **Pairs by position**, for what is left within each stretch DeepDiff could not align: each
   old sentence with the next new one of its stretch that shares enough of its words
   (`FLOOR`), looking a few sentences ahead (`LOOKAHEAD`); else a removal and an addition.

Bounded on a huge prompt: step 1 scores only pairs that share a word found in at most
`_COMMON` of the section's changed sentences, and at most `_MAX_SCORED` pairs per section;
step 3 scores at most `LOOKAHEAD` pairs per old sentence. The work grows with what changed,
not with the square of the section's length."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import accumulate

SURE = 0.75
"""Similarity from which an old and a new sentence are the same rule wherever they stand."""
FLOOR = 0.25
"""Similarity below which step 3 pairs no old sentence with a new one."""
LOOKAHEAD = 4
"""New sentences of its stretch an old sentence is compared with, from the next unpaired one."""
_COMMON = 32
"""A word in more of a section's changed sentences than this proposes no sure pair by itself."""
_MAX_SCORED = 20_000
"""Sentence pairs scored for sure pairs per section; beyond it, pairs by position only."""

_TOKEN = re.compile(r"\{\{.*?\}\}|[$€£]?\d+(?:[.,:/-]\d+)*%?|\w+", re.S)
_NUMBER = re.compile(r"[$€£]?\d")
_STOP = frozenset(
    re.findall(
        r"\w+",
        "a an and are as at be been but by can could do does for from has have he her his i if "
        "in into is it its may me might must my of on or our shall she should so than that the "
        "their them then these they this those to was we were will with would you your",
    )
)


def words(sentence: str) -> Counter[str]:
    """A sentence's content words, lowercased, plural `s` dropped, numbers and amounts masked
    (`£10`, `2` → `#`): a changed value leaves the sentence's words as they were."""
    found: Counter[str] = Counter()
    everything: Counter[str] = Counter()
    for token in _TOKEN.findall(sentence.lower()):
        if _NUMBER.match(token):
            token = "#"
        elif len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        everything[token] += 1
        if token not in _STOP:
            found[token] += 1
    return found or everything


def similarity(old: Counter[str], new: Counter[str]) -> float:
    """Dice's coefficient of two sentences' words: 1 for the same words, 0 for none shared."""
    total = old.total() + new.total()
    return 2 * (old & new).total() / total if total else 0.0


@dataclass(frozen=True)
class Stretch:
    """The old sentences (by index) DeepDiff saw replaced by these new ones (by index)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    at: int
    """Where the stretch starts among the new sentences (where an empty one would stand)."""


def stretches(
    old: Sequence[str], new: Sequence[str], gone: set[int], came: set[int]
) -> list[Stretch] | None:
    """The stretches of a section's change: `gone` are the old sentences removed or changed,
    `came` the new ones added or changed; the others stayed, in the same order on both sides,
    and each run of changes between two of them is one stretch. None if the sentences left
    are not the same on both sides."""
    kept_old = [i for i in range(len(old)) if i not in gone]
    kept_new = [j for j in range(len(new)) if j not in came]
    if [old[i] for i in kept_old] != [new[j] for j in kept_new]:
        return None
    kept_old.append(len(old))
    kept_new.append(len(new))
    found: list[Stretch] = []
    i = j = 0
    for next_old, next_new in zip(kept_old, kept_new, strict=True):
        if next_old > i or next_new > j:
            found.append(Stretch(tuple(range(i, next_old)), tuple(range(j, next_new)), j))
        i, j = next_old + 1, next_new + 1
    return found


def pair_sentences(
    old: Sequence[str],
    new: Sequence[str],
    parts: list[Stretch],
    positional: Collection[tuple[int, int]] = (),
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(old index, new index) of each changed sentence, for the `parts` of one section whose
    sentences are `old` and `new`, and of each sentence a part holds unchanged on both sides
    (DeepDiff, pairing a whole list by position, can mark a sentence that only moved down one
    place as changed); the other sentences of the parts were removed or added."""
    unchanged = [_unchanged(old, new, part) for part in parts]
    same = [pair for found in unchanged for pair in found]
    kept_old = {i for i, _ in same}
    kept_new = {j for _, j in same}
    parts = [
        Stretch(
            tuple(i for i in part.old if i not in kept_old),
            tuple(j for j in part.new if j not in kept_new),
            part.at,
        )
        for part in parts
    ]
    old_words = {i: words(old[i]) for part in parts for i in part.old}
    new_words = {j: words(new[j]) for part in parts for j in part.new}
    # a pair DeepDiff made by position stands unless one of its sentences has a sure partner
    # elsewhere: a rule split in two stays paired with its first half, which the second goes
    # on from, as the rest of the analysis reads it
    sure = _sure_pairs(old, new, parts, old_words, new_words)
    sure_old = {i for i, _ in sure}
    sure_new = {j for _, j in sure}
    held = [
        (i, j)
        for i, j in sorted(positional)
        if i in old_words and j in new_words and i not in sure_old and j not in sure_new
    ]
    pairs = held + sure
    part_of_old = {i: number for number, part in enumerate(parts) for i in part.old}
    part_of_new = {j: number for number, part in enumerate(parts) for j in part.new}
    anchors: list[list[tuple[int, int]]] = [list(found) for found in unchanged]
    for i, j in pairs:
        if part_of_old[i] == part_of_new[j]:
            anchors[part_of_old[i]].append((i, j))
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    for part, held in zip(parts, anchors, strict=True):
        fence = _Fence(held)
        left_old = [i for i in part.old if i not in paired_old]
        left_new = [j for j in part.new if j not in paired_new]
        at = 0
        for place, i in enumerate(left_old):
            later = left_old[place + 1 : place + 1 + LOOKAHEAD]
            for k in range(at, min(at + LOOKAHEAD, len(left_new))):
                j = left_new[k]
                if old[i] == new[j] or fence.crosses(i, j):
                    continue
                score = similarity(old_words[i], new_words[j])
                # a later old sentence sharing more of `j`'s words became `j`: `i` went
                if score >= FLOOR and all(
                    similarity(old_words[other], new_words[j]) <= score for other in later
                ):
                    pairs.append((i, j))
                    at = k + 1
                    break
    return sorted(pairs), same


class _Fence:
    """The pairs fixed in a stretch; a pair crossing one of them would read the text out of
    order."""

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        self.olds = sorted(i for i, _ in pairs)
        news = [j for _, j in sorted(pairs)]
        self.before = list(accumulate(news, max))  # highest new index up to each
        self.after = list(accumulate(reversed(news), min))[::-1]  # lowest from each on

    def crosses(self, i: int, j: int) -> bool:
        cut = bisect_left(self.olds, i)
        return (cut > 0 and self.before[cut - 1] > j) or (
            cut < len(self.olds) and self.after[cut] < j
        )


def _unchanged(old: Sequence[str], new: Sequence[str], part: Stretch) -> list[tuple[int, int]]:
    """The sentences of a stretch found unchanged on both sides, in order (each old one with
    the first copy of it after the last found)."""
    places: dict[str, list[int]] = {}
    for j in reversed(part.new):
        places.setdefault(new[j], []).append(j)
    found: list[tuple[int, int]] = []
    after = -1
    for i in part.old:
        copies = places.get(old[i], [])
        while copies and copies[-1] <= after:
            copies.pop()
        if copies:
            after = copies.pop()
            found.append((i, after))
    return found


def _sure_pairs(
    old: Sequence[str],
    new: Sequence[str],
    parts: list[Stretch],
    old_words: dict[int, Counter[str]],
    new_words: dict[int, Counter[str]],
) -> list[tuple[int, int]]:
    """The pairs scoring `SURE` or more, best first; at equal scores the nearer pair (by each
    side's place in the section) first. A sentence moved unchanged is no pair."""
    holders: dict[str, list[int]] = {}
    for j, bag in new_words.items():
        for word in bag:
            holders.setdefault(word, []).append(j)
    rare = {word: held for word, held in holders.items() if len(held) <= _COMMON}
    old_place = {i: i / max(len(old), 1) for i in old_words}
    new_place = {j: j / max(len(new), 1) for j in new_words}
    candidates: list[tuple[float, float, int, int]] = []
    scored: set[tuple[int, int]] = set()
    for i in (i for part in parts for i in part.old):
        for j in (j for word in old_words[i] for j in rare.get(word, ())):
            if (i, j) in scored or old[i] == new[j]:
                continue
            if len(scored) == _MAX_SCORED:
                return _best_first(candidates)
            scored.add((i, j))
            score = similarity(old_words[i], new_words[j])
            if score >= SURE:
                candidates.append((-score, abs(old_place[i] - new_place[j]), i, j))
    return _best_first(candidates)


def _best_first(candidates: list[tuple[float, float, int, int]]) -> list[tuple[int, int]]:
    """Pairs (score, distance, old, new) taken best first, each sentence once."""
    pairs: list[tuple[int, int]] = []
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for _, _, i, j in sorted(candidates):
        if i not in taken_old and j not in taken_new:
            pairs.append((i, j))
            taken_old.add(i)
            taken_new.add(j)
    return pairs


Step = tuple[str, int | None, int | None]
"""(`changed`|`removed`|`added`, old index, new index) of one sentence of a section."""


def repaired(
    old: Sequence[str],
    new: Sequence[str],
    gone: set[int],
    came: set[int],
    positional: set[tuple[int, int]],
) -> list[Step] | None:
    """A section's sentence changes paired by content, in reading order: `gone` and `came` are
    the old and new sentences DeepDiff marked, `positional` the (old, new) pairs it made. None
    when content pairs them the same way."""
    parts = stretches(old, new, gone, came)
    if parts is None:
        return None
    pairs, same = pair_sentences(old, new, parts, positional)
    if set(pairs) == positional and not same:
        return None
    paired_old = {i for i, _ in [*pairs, *same]}
    paired_new = {j for _, j in [*pairs, *same]}
    became = dict(pairs)
    keyed: list[tuple[tuple[int, int, int], Step]] = []
    for i, j in pairs:
        keyed.append(((j, 1, i), ("changed", i, j)))
    for part in parts:
        keyed += [((j, 1, -1), ("added", None, j)) for j in part.new if j not in paired_new]
        # a removed sentence right after what the old sentence before it became
        place = part.at
        inside = set(part.new)
        for i in part.old:
            if i in became and became[i] in inside:
                place = max(place, became[i] + 1)
            elif i not in paired_old:
                keyed.append(((place, 0, i), ("removed", i, None)))
    return [step for _, step in sorted(keyed)]
