"""The items ranked near a change in which the rule-based finders marked no sentence, read by
the drafting model.

The rule-based finders recognise a KB sentence that states the old rule by its shape: the old
value beside the rule's topic, an action the new agent no longer takes, a claim for every case.
A writer's own words ("Miss it, even by a day, and there's a £10 late fee") often have none of
these shapes, so an item that ranks among the nearest to a change can hold the old rule in a
sentence nothing marked. On the model's path each such item (at most `REVIEWED`, nearest first)
is sent to the model with its sentences numbered; the model names the sentences that state the
old behavior and gives each one's rewrite, or none where the facts do not support one.

What the model names is checked before anything is drafted from it (`anchored`): the sentence
must share a word or a number with the change's old side (the old prompt rule, what the agent
did before, the values it no longer states), so a sign-off or an unrelated sentence is never
marked. A rewrite is spliced into the original body in place of its sentence alone, so every
other byte stays, and then goes through every check a model's edit of a marked item goes
through (`LLMDrafter._edit_problems`). A sentence whose rewrite fails them twice, or that the
model could not rewrite, is flagged for the writer with the model's reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impact import Impact
from behaviordiff.drafting.text import Unit, stem, terms

REVIEWED = 3
"""At most this many near items are read by the model per change (the nearest first): the same
number the CLI and the review app name as "read these" when nothing was marked in them."""
NEAR_SHARE = 0.3
"""An item is read when it scores at least this share of the best item's score. Lower than the
share of the items the CLI and the review app name as "read these" (0.6): the best item is
often one a finder marked, and an item stating the old rule in its own words shares fewer of
the change's words (on the 42 failing scenarios of the drafting bench, 0.6 reached 34 of the
49 KB items nobody marked, 0.3 reached 47)."""
MAX_SENTENCES = 120
"""An item with more sentences than this is not sent (the model would be asked to number a
whole manual); it stays in the "read these" list."""
MAX_SENTENCE_CHARS = 600
"""A rewrite longer than this is not a sentence's rewrite."""

REASON = "the drafting model reads it as stating the old behavior"
"""The reason on a sentence the model marked (before the model's own words)."""


class ReviewedSentence(BaseModel):
    model_config = ConfigDict(extra="ignore")

    number: int
    verdict: str = "untrue"
    """"keep" (still true) or "untrue"; a reply naming only the untrue sentences may leave
    it out."""
    new: str | None = None
    why: str = ""

    @property
    def untrue(self) -> bool:
        return self.verdict.strip().lower() not in _KEEP_VERDICTS


_KEEP_VERDICTS = frozenset({"keep", "true", "still true", "unchanged", "ok"})


class ReviewReply(BaseModel):
    """The model's verdict on each sentence (`verdicts`; `sentences` is read the same)."""

    model_config = ConfigDict(extra="ignore")

    verdicts: list[ReviewedSentence] = Field(max_length=MAX_SENTENCES)

    @model_validator(mode="before")
    @classmethod
    def _either_key(cls, data: Any) -> Any:
        if isinstance(data, dict) and "verdicts" not in data and "sentences" in data:
            return {**data, "verdicts": data["sentences"]}
        return data


def near_unmarked(impacts: Sequence[Impact], limit: int = REVIEWED) -> list[Impact]:
    """The items near the change (`NEAR_SHARE` of the best score) with no sentence marked,
    nearest first, at most `limit`."""
    best = max((impact.score for impact in impacts), default=0.0)
    if best <= 0:
        return []
    near = [
        impact
        for impact in sorted(impacts, key=lambda impact: -impact.score)
        if not impact.affected and impact.score >= NEAR_SHARE * best and impact.units
    ]
    return [impact for impact in near if len(impact.units) <= MAX_SENTENCES][:limit]


_TOKEN = re.compile(r"[a-z]+|\d+(?:[.,]\d+)*")
"""A word or a number, where `stale_values` reads a rewrite token by token."""
_NUMBER_WORDS = {word: str(count) for word, count in CARDINALS.items()} | {
    "fortnight": "14",
    "half": "50",
    "once": "1",
    "twice": "2",
}
_NUMBER_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + r")\b",
    re.I,
)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_COMMON = frozenset(
    stem(word)
    for word in """the and for with from that this you your our ours we us they them their there
    here what which who whom when where why how not can will would should could may might must
    have has had are was were been being its any all each every some more most other than
    then too very only own same such both per into about also just please thanks thank
    hello dear regards best team customer customers agent tell told ask asks asked call
    calls called tool tools new old now still use used get gets got make made give gives
    given let""".split()  # noqa: SIM905
)
"""Words (stemmed) that say nothing of what a rule is about, beyond `text.STOPWORDS`."""


def _terms(text: str) -> set[str]:
    """`text.terms` of `text`, numbers said in words as figures ("two" → "2", "1,000" →
    "1000", "32.30" → "32.3"), short and common words out."""
    text = _NUMBER_WORD.sub(lambda found: _NUMBER_WORDS[found.group(0).lower()], text)
    found: set[str] = set()
    for term in terms(_THOUSANDS.sub("", text)):
        if term[:1].isdigit():
            found.add(term.rstrip("0").rstrip(".") if "." in term else term)
        elif len(term) >= 3 and term not in _COMMON:
            found.add(term)
    return found


def changed_rules(facts: ChangeFacts) -> tuple[list[str], list[str]]:
    """The prompt sentences the change rewrote or removed, and those it wrote (rewritten or
    added)."""
    changed = [rule for rule in facts.rules if rule.old != rule.new]
    return [r.old for r in changed if r.old], [r.new for r in changed if r.new]


def old_side_text(facts: ChangeFacts, before: str) -> list[str]:
    """What the change's old side says: the old prompt sentences it rewrote or removed, what
    the agent did before (the note's Before), the calls it no longer makes, the values it no
    longer states and the old sentences of the moved rules."""
    texts = [*changed_rules(facts)[0], before]
    texts += [action.name.replace("_", " ") for action in facts.before_actions]
    texts += [promise.value for promise in facts.removed_promises]
    texts += [move.old_sentence for move in facts.moves if move.old_sentence]
    return [text for text in texts if text]


def new_side_text(facts: ChangeFacts) -> list[str]:
    """What the change's new side says: the new prompt sentences and the values now stated."""
    texts = changed_rules(facts)[1]
    texts += [promise.value for promise in facts.added_promises]
    texts += [move.new_sentence for move in facts.moves if move.new_sentence]
    return [text for text in texts if text]


def anchored(sentence: str, old_side: Sequence[str], new_side: Sequence[str] = ()) -> bool:
    """Whether a sentence the model marked is tied to the change's old side: two of its words
    in one old-side text (one, for a sentence of three words or fewer), or a number the old
    side states and the new side no longer does. A sentence with less (a greeting, a sign-off,
    a sentence sharing one topic word such as "book") states no old rule of this change,
    whatever the model says."""
    said = _terms(sentence)
    words = {term for term in said if not term[:1].isdigit()}
    # a short answer ("As many as you like.") has few words to share: one of its own will do
    enough = 1 if len(words) <= 3 else 2
    if any(len(words & _terms(text)) >= enough for text in old_side):
        return True
    numbers = {term for term in said if term[:1].isdigit()}
    old_numbers = {term for text in old_side for term in _terms(text) if term[:1].isdigit()}
    new_numbers = {term for text in new_side for term in _terms(text) if term[:1].isdigit()}
    return bool(numbers & (old_numbers - new_numbers))


def loosely_anchored(sentence: str, old_side: Sequence[str]) -> bool:
    """A looser tie than `anchored`: one word, or any number, in common with the old side. A
    sentence tied no closer ("everyone pays £9" for "£9 per person") may be marked only with
    a rewrite that says something of the new side (`states_new`), never flagged on the
    model's word alone."""
    said = _terms(sentence)
    return any(said & _terms(text) for text in old_side)


def states_new(rewrite: str, sentence: str, new_side: Sequence[str]) -> bool:
    """Whether `rewrite` brings in a number of the change's new side, or two of its words,
    that `sentence` did not have."""
    brought = _terms(rewrite) - _terms(sentence)
    new = {term for text in new_side for term in _terms(text)}
    numbers = {term for term in brought & new if term[:1].isdigit()}
    return bool(numbers) or len((brought & new) - numbers) >= 2


def _numbers(texts: Sequence[str]) -> set[str]:
    return {term for text in texts for term in _terms(text) if term[:1].isdigit()}


_WAS = re.compile(r"\b(?:was|were|used to be|previously|formerly)\W{0,3}$", re.I)


def old_values(facts: ChangeFacts) -> list[str]:
    """The values the change moved away from: those the new agent no longer states, and the
    old values of the moved rules."""
    return [promise.value for promise in facts.removed_promises] + [
        move.old for move in facts.moves if move.kind == "value"
    ]


def stale_values(rewrite: str, old: Sequence[str], new_side: Sequence[str]) -> list[str]:
    """The numbers of `rewrite` among the change's old values (`old_values`) that the new side
    does not state too, other than one given as what it was ("15% (was 10%)")."""
    stale = _numbers(old) - _numbers(new_side)
    found = []
    for match in _TOKEN.finditer(rewrite.lower()):
        said = match.group(0)
        key = next(iter(_terms(said)), "")
        before = rewrite[max(0, match.start() - 24) : match.start()].rstrip("(£$€ ")
        if key[:1].isdigit() and key in stale and not _WAS.search(before):
            found.append(said)
    return list(dict.fromkeys(found))


def numbered(item_units: Sequence[Unit]) -> list[dict[str, object]]:
    """The item's sentences as the prompt numbers them (from 1)."""
    return [{"number": index + 1, "text": unit.text} for index, unit in enumerate(item_units)]


def _question(item_units: Sequence[Unit], index: int) -> str:
    """The question a sentence answers, when the one before it asks one ("How many can I
    pre-order?" before "As many as you like."): an answer is read with its question."""
    if index == 0:
        return ""
    before = item_units[index - 1].text.lstrip("#*- ").strip()
    return before if before.endswith("?") else ""


def findings(
    reply: ReviewReply,
    item_units: Sequence[Unit],
    old_side: Sequence[str],
    new_side: Sequence[str] = (),
) -> tuple[dict[int, str | None], dict[int, str], list[str], set[int]]:
    """The sentences of `reply` that stand: {unit index: rewrite or None}, {unit index: the
    model's reason}, what must be asked again (a table row rewritten as something else), and
    the indexes tied to the old side only loosely (never flagged: kept only as rewritten).

    Left out, and not asked again (the rest of the answer stands): a number out of range, a
    sentence not tied to the old side (`anchored`; or loosely, with a rewrite stating the new
    side: `loosely_anchored`, `states_new`), and an answer that is not a rewrite of its
    sentence: the sentence itself, or another sentence of the item given as its "rewrite" (a
    model that lost count)."""
    marked: dict[int, str | None] = {}
    reasons: dict[int, str] = {}
    problems: list[str] = []
    loose: set[int] = set()
    texts = {" ".join(unit.text.split()) for unit in item_units}
    for said in reply.verdicts:
        index = said.number - 1
        if not said.untrue or not 0 <= index < len(item_units) or index in marked:
            continue
        sentence = item_units[index].text
        read = sentence + " " + _question(item_units, index)
        # "" deletes the sentence (a rule that is simply gone); null asks the writer
        new = None if said.new is None else " ".join(said.new.split())
        if new and (new in texts or len(new) > MAX_SENTENCE_CHARS):
            continue
        if not anchored(read, old_side, new_side):
            if not (
                new and loosely_anchored(read, old_side) and states_new(new, sentence, new_side)
            ):
                continue
            loose.add(index)
        if new and sentence.startswith("|") and _cells(new) != _cells(sentence):
            problems.append(
                f"sentence {said.number} is a table row of {_cells(sentence)} cells: give the "
                "whole row, with as many cells, or no rewrite"
            )
            continue
        marked[index] = new
        reasons[index] = " ".join(said.why.split())[:300]
    return marked, reasons, problems, loose


def _cells(row: str) -> int:
    """The cells of a Markdown table row (0 for text that is not one)."""
    row = row.strip()
    if not (row.startswith("|") and row.endswith("|")):
        return 0
    return row.count("|") - 1


def spliced(body: str, item_units: Sequence[Unit], rewrites: dict[int, str]) -> str:
    """`body` with each rewritten sentence put in place of its own span, nothing else moved;
    a sentence that ran over line breaks gets its rewrite on one line. An empty rewrite
    deletes the sentence with the space before it (or, first on its line, after it)."""
    for index in sorted(rewrites, reverse=True):
        unit = item_units[index]
        if not rewrites[index].strip():
            start, end = unit.start, unit.end
            before = len(body[:start]) - len(body[:start].rstrip(" "))
            if before and body[start - before - 1 : start - before] not in ("", "\n"):
                start -= before
            else:
                end += len(body[end:]) - len(body[end:].lstrip(" "))
            body = body[:start] + body[end:]
            continue
        raw = body[unit.start : unit.end]
        lead = re.match(r"\s*(?:[-*+]\s+|\d+[.)]\s+|#+\s+)?", raw)
        keep = (
            lead.group(0)
            if lead and not rewrites[index].lstrip().startswith(lead.group(0).strip() or "\0")
            else ""
        )
        trail = raw[len(raw.rstrip()) :]
        body = body[: unit.start] + keep + rewrites[index].strip() + trail + body[unit.end :]
    return body
