"""Finding KB sentences that restate, in their own words, what the change stopped saying.

**Not wired into `impact.rank_items` (2026-12-06).** On the whole scenario set the finder
found items no other finder did on its development agents, and marked trap macros on five
others (a sentence the old replies happened to say, "Sorry your game arrived with pieces
missing", "We'll add it as soon as the photo comes through", about customers the change does
not reach): a wrong edit costs CS more than a missed one, so until it can tell a rule from a
courtesy and the changed case from the others, only its reading of the old side is used, by
the last-resort writer (`LostSide.restates`, `lost_drop_edit`). Its tests pin what it finds.

A change's facts hold two sources of the old rule besides its values and tools: the old prompt
sentences the change rewrote or removed (`promptrule.touched_sentences`), and what the old
replies on the changed probes told customers that the new replies no longer tell them (the
steps the agent walked the customer through before the case went to a team, a promise in the
agent's own words, an option the new rule withdraws). Both say the old rule as the KB would:
a macro walks the customer through the same steps, an article promises the same thing.

`lost_content_finder` lines each KB sentence up with

* the **lost** content: the content words the old replies say in most changed probes (what a
  rule makes the agent say, not one customer's name or street) that no new reply says, and the
  old reply sentences saying them; with the old prompt sentences the change rewrote or removed;
* the **still said** content: the new replies' sentences, the sentences the new prompt keeps
  and the new rule itself.

A sentence states the old rule when it holds four lost words, or three that are more than
half its words (in a macro already stating it, three anywhere: one reply about one case), and
shares more words with one lost sentence (three at least) than with any still-said sentence;
so does a sentence claiming for everyone the rule the new prompt keeps for the other cases
under a label of their own (`LostSide.claims_rest`). An item's sentences are found only when
one of them, its paragraph's heading, the item's title or what the helpdesk says it is about
(an article's section, a macro's description) names the change's topic; only a change with no
topic words at all asks instead for two sentences stating the old rule. A title is never
marked itself and finds nothing alone: it only puts its item on the topic. A sentence about a
rule the new replies still state, the same words on another topic ("a download link by
email" for permits when the tracking email for reports went), or another case's handling
shares fewer lost words than still-said ones and stays.

Its limits: it reads words, so a KB restating the old rule with none of the replies' words
(a synonym for each) is not found; with one changed probe it cannot tell a customer's own
details from the rule and reads none of it (its words are lost only with two probes or more);
the old replies are the changed probes' excerpts (three at most).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from behaviordiff.drafting.perchange import LastChange
from behaviordiff.drafting.promptrule import (
    DENIED_CLAUSE,
    PROMPT_LABEL,
    new_rule,
    passages,
    sentences_of,
    touched_sentences,
)
from behaviordiff.drafting.text import Keep, Unit, flat, quoted, rewrite_units, terms

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts
    from behaviordiff.drafting.impactview import ImpactView

_MAX = 4000
"""Longer units are no sentence a reader reads as one rule; they are not aligned."""
_MIN_LOST = 3
"""Lost words a sentence must share with the old side: two by chance ("email … link")."""
_MIN_PROBES = 2
"""Changed probes whose old replies must say a word for it to be the rule's, not a customer's."""
_NUMBER = re.compile(r"(?<![\d.,])\d{1,9}(?:\.\d{1,4})?(?!\d)")
_CONTRACTED = re.compile(r"['’]")
_MAX_SENTENCES = 400
"""Reply sentences read per side: the excerpts are short; a huge one is cut, not slowed on."""


def _stems(text: str) -> set[str]:
    return {word for word in terms(text[:_MAX]) if len(word) > 2 and not word.isdigit()}


def _reply_sentences(text: str) -> list[str]:
    return sentences_of(text.replace("…", " ")[: _MAX * 4])[:_MAX_SENTENCES]


class _Sets:
    """Sets of stems indexed by word: how many words a text shares with the closest of
    thousands of sentences (a huge prompt's) is read over the sets sharing a word with it,
    not over every set."""

    def __init__(self, sets: Sequence[set[str]]) -> None:
        self.sets = list({frozenset(stems): stems for stems in sets if stems}.values())
        self.by_word: dict[str, list[int]] = {}
        for index, stems in enumerate(self.sets):
            for word in stems:
                self.by_word.setdefault(word, []).append(index)
        self.words: set[str] = set(self.by_word)

    def __len__(self) -> int:
        return len(self.sets)

    def most(self, own: set[str]) -> int:
        """The most words `own` shares with one set (0 with none)."""
        counts: Counter[int] = Counter()
        for word in own:
            counts.update(self.by_word.get(word, ()))
        return max(counts.values(), default=0)

    def reaches(self, own: set[str], least: int) -> bool:
        """Whether `own` shares `least` words or more with one set. A set sharing `least` of
        the n words of `own` it could share holds one of any n - least + 1 of them: only the
        sets holding one of the rarest are read (a word every sentence says costs nothing)."""
        if least <= 0:
            return True
        present = sorted((w for w in own if w in self.by_word), key=lambda w: len(self.by_word[w]))
        if len(present) < least:
            return False
        candidates: set[int] = set()
        for word in present[: len(present) - least + 1]:
            candidates.update(self.by_word[word])
        return any(len(own & self.sets[index]) >= least for index in candidates)


class LostSide:
    """What the old side said that the new side no longer does, read once per change."""

    def __init__(self, facts: ChangeFacts) -> None:
        olds = [e.old for e in facts.excerpts if e.old and e.new]
        news = [e.new for e in facts.excerpts if e.old and e.new]
        # what a new reply only denies ("we don't refund a fault") it no longer says
        said_new: set[str] = set()
        for text in news:
            said_new |= {
                w for s in _reply_sentences(text) for w in _stems(DENIED_CLAUSE.sub(" ", s))
            }
        counts: Counter[str] = Counter()
        for text in olds:
            # a reply's first and last sentences greet and sign off ("Is there anything else I
            # can help with today?"): their words are no rule's, unless the body says them too
            reply = _reply_sentences(text)
            # (an excerpt cut short, "…", has lost its sign-off already)
            end = None if text.rstrip().endswith(("…", "...")) else -1
            body = reply[1:end] if len(reply) >= 3 else reply
            counts.update(set().union(*(_stems(s) for s in body)) if body else set())
        needed = max(_MIN_PROBES, math.ceil(len(olds) / 2))
        try:
            kept = touched_sentences(facts)[1]
            said = passages(facts)
        except (ValueError, KeyError):  # pragma: no cover - a malformed diff
            kept, said = [], []
        # what the new prompt still tells the agent to do, its denials aside ("We no longer
        # send tracking emails" says nothing the agent still says)
        prompt_now = [_stems(DENIED_CLAUSE.sub(" ", s[:_MAX])) for s in [*kept, *said]]
        # a contraction ("you've", "can't") is a pronoun or a denial, no content of a rule
        self.words = {w for w, n in counts.items() if n >= needed and not _CONTRACTED.search(w)}
        self.words -= said_new
        # what the changed rule itself still says is no lost content, only moved to other
        # cases (the same service, now from the 3rd floor)
        self.words -= set().union(*prompt_now[len(kept) :])
        old_sentences = [s for text in olds for s in _reply_sentences(text)]
        self.old_said = set().union(*(_stems(s) for s in old_sentences)) if old_sentences else set()
        lost = [stems for s in old_sentences if len((stems := _stems(s)) & self.words) >= 2]
        # the old prompt's rewritten or removed sentences, read beside the lost replies
        lost += [
            _stems(s)
            for rule in facts.rules
            if rule.old
            for s in _reply_sentences(rule.old)
            if s not in kept
        ]
        still = [_stems(s) for text in news for s in _reply_sentences(text)]
        still += prompt_now
        # each set once (a huge prompt says the same sentence many times), indexed by word: a
        # KB sentence is read against the sentences sharing a word with it only
        self.still = _Sets(still)
        self.lost = _Sets(lost)
        # the old rule the new prompt keeps for the other cases only, under a label of their
        # own ("Lights costing £250 or less: the customer can choose between …" beside "Lights
        # costing over £250: …"): (its words, the label's words and numbers telling the others)
        self.rest: list[tuple[set[str], set[str]]] = []
        labelled = [(found, p) for p in said if (found := PROMPT_LABEL.match(p)) is not None]
        case = new_rule(facts) if labelled else None
        for found, passage in labelled:
            if case is None or passage in case.prompt:
                continue  # the changed case's own rule
            label = _stems(found["label"]) | set(_NUMBER.findall(found["label"]))
            for other, rival in labelled:
                if rival is passage:
                    continue
                theirs = _stems(other["label"]) | set(_NUMBER.findall(other["label"]))
                if label & theirs and label - theirs:
                    words = _stems(passage[found.end() :])
                    if len(words) >= _MIN_LOST + 1 and words - _stems(rival):
                        # the line's number, said anywhere, scopes a sentence to one side
                        tells = (label - theirs) | set(_NUMBER.findall(found["label"]))
                        self.rest.append((words, tells))
                    break

    def __bool__(self) -> bool:
        return (len(self.words) >= _MIN_LOST and len(self.lost) > 0) or bool(self.rest)

    def claims_rest(self, text: str) -> bool:
        """Whether `text` says for everyone the rule the new prompt keeps only for the other
        cases under their label: most of its words (three in five, four at least), none of
        the words or numbers telling the others apart ("or less", "250")."""
        own = _stems(text)
        told = own | set(_NUMBER.findall(text[:_MAX]))
        for body, tells in self.rest:
            shared = own & body
            if tells & told or len(shared) <= _MIN_LOST or 5 * len(shared) < 3 * len(body):
                continue
            return True
        return False

    def states_lost(self, text: str, *, loosely: bool = False) -> bool:
        """Whether `text` says what the old side said and the new side no longer does: four
        lost words, or three that are more than half its words ("Our driver also brings
        repeat inhalers to care homes" shares three of "our driver can bring it to your home
        for free" and says another thing). `loosely`: three lost words are enough (a sentence
        of a macro that states the old side elsewhere: one reply, one customer's case)."""
        own = _stems(text)
        hits = len(own & self.words)
        if hits < _MIN_LOST or (not loosely and hits == _MIN_LOST and 2 * hits <= len(own)):
            return False
        best = self.lost.most(own) if self.lost.reaches(own, _MIN_LOST) else 0
        # no still-said sentence shares as many
        return best >= _MIN_LOST and not self.still.reaches(own, best)

    def restates(self, text: str) -> bool:
        """Whether `text` is nothing but what the old side said: its lost words, and three in
        four of its content words the old replies' or the old prompt's (a step the agent no
        longer gives, however the KB words the rest: "Just …, pushing any loose wire firmly
        back")."""
        own = _stems(text)
        if not self.states_lost(text):
            return False
        said = self.old_said | self.lost.words
        return 4 * len(own & said) >= 3 * len(own)

    def says_only_lost(self, text: str) -> bool:
        """Whether `text` states the old side (`states_lost`) and shares at most one word with
        anything still said, its lost words aside: nothing in it holds any more ("Keep an eye
        on your inbox: a link to track it will follow by email within a day, and it updates as
        the job moves along")."""
        if not self.states_lost(text):
            return False
        # what it shares with a kept sentence elsewhere in the prompt that the old replies
        # said too ("email", "link" of a permit's download link) is the lost rule's still
        rest = _stems(text) - self.words
        return self.restates(text) or not self.still.reaches(rest, 2)

    def lost_words(self, text: str) -> set[str]:
        return _stems(text) & self.words


_LOST_SIDE: LastChange[LostSide] = LastChange()


def lost_side(facts: ChangeFacts) -> LostSide:
    """The change's `LostSide`, read once per change (its rules, replies, prompt and condition
    as they are), not again for every item the finder reads or the writers rewrite."""
    key = (
        tuple(facts.rules),
        tuple(facts.excerpts),
        tuple((name, tuple(said)) for name, said in facts.prompt_sections.items()),
        tuple(map(id, facts.conditions)),
        facts.restricted,
    )
    return _LOST_SIDE.get(facts, key, lambda: LostSide(facts))


def lost_content_finder(
    facts: ChangeFacts, topic: set[str]
) -> Callable[[Sequence[Unit], str, str, str], list[int]] | None:
    """The finder of the units of an item that say what the change stopped saying (module
    doc), built once per change; None when the old replies lost nothing a rule said. `topic`:
    the stems naming the change's subject (its topic tags, its rule's head), else its case.
    The finder takes an item's units, its title, what the helpdesk says it is about (an
    article's section, a macro's description) and its kind."""
    side = lost_side(facts)
    if not side:
        return None

    def find(
        item_units: Sequence[Unit], title: str = "", about: str = "", kind: str = "article"
    ) -> list[int]:
        item_words = _stems(title.replace("::", " ")) | _stems(about)
        heading = ""
        found: list[int] = []
        loose: list[int] = []
        on_topic = False
        for index, unit in enumerate(item_units):
            text = unit.text
            if text.lstrip().startswith("#"):
                heading = text
                continue
            if len(text) > _MAX:
                continue
            if side.claims_rest(text):
                found.append(index)
                on_topic = on_topic or bool(topic & (_stems(text) | _stems(heading) | item_words))
                continue
            if not side.states_lost(text, loosely=True):
                continue
            if not side.states_lost(text):
                loose.append(index)
                continue
            found.append(index)
            on_topic = on_topic or bool(topic & (_stems(text) | _stems(heading) | item_words))
        if not (on_topic or (not topic and len(found) >= 2)):
            return []
        # a macro is one reply about one case: stating the old side once, its other sentences
        # sharing three lost words state it too
        return sorted(found + loose) if kind == "macro" else found

    return find


def lost_drop_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item without the sentences that say nothing but what the old side said and the new
    side no longer does (a promise the new prompt withdraws, said in the KB's own words: "a
    link to track it will follow by email within a day"), when the change leaves no rule to
    say in their place that another writer could (the last resort's fallback). None when a
    marked sentence says more than the old side, or dropping would empty the item."""
    side = lost_side(facts)
    if not side:
        return None
    marked = {c.sentence for c in impact.conflicts}
    item = impact.item
    prose = [u for u in impact.units if not u.text.lstrip().startswith(("#", "|"))]
    dropped = [u.text for u in prose if u.text in marked]
    if not dropped or len(dropped) == len(prose):
        return None
    if any(u.text.lstrip().startswith("|") and u.text in marked for u in impact.units):
        return None
    if not all(side.says_only_lost(text) for text in dropped):
        return None

    def rewrite(unit: Unit) -> str | Keep:
        return "" if unit.text in dropped else Keep.UNIT

    new_body = rewrite_units(item.body, item.body_format, rewrite)
    if new_body is None or new_body == item.body:
        return None
    return new_body, (
        f"The changed conversations' old replies said what this {item.kind} says in "
        + "; ".join(quoted(flat(text)) for text in dropped)
        + " and the new replies no longer say it. The edit drops it and keeps everything else."
    )
