"""The knowledge base read once for a whole drafting pass: each active item's plain text, its
search terms, its sentences and the counts the BM25 ranking needs. None of it depends on the
change, so `draft_release` builds one index and every change's `rank_items` reads it; before,
each change re-read and re-split every item (minutes per change on a 25,000-macro export)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from behaviordiff.drafting.text import Unit, plain_text, terms, units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

TELL_FROM = 1_000
"""A knowledge base of this many active items or more tells its progress while it is read
(about every tenth); a smaller one is read in a blink."""


@dataclass(frozen=True, eq=False)
class KnowledgeIndex:
    """What drafting reads of every active item, in the knowledge base's order."""

    knowledge: KnowledgeBase
    items: list[KnowledgeItem]
    texts: list[str]
    """Each item's body as plain text (`plain_text`)."""
    documents: list[list[str]]
    """Each item's title and text as search terms (`terms`)."""
    units: list[list[Unit]]
    """Each item's sentences, headings and list items (`units` of its text)."""
    counts: list[Counter[str]] = field(repr=False)
    """Each document's term counts."""
    frequency: Counter[str] = field(repr=False)
    """In how many documents each term is."""
    average: float
    """The documents' mean length in terms (1.0 for none)."""

    @cached_property
    def common(self) -> set[str]:
        """The KB's words of the whole business (`common_words`), worked out once."""
        return common_words(self.documents)


_COMMON_SHARE = 0.5
"""A word that this share of a KB's items or more use is the business's own word ("lesson"
at a music school, "booking" at a restaurant), not the subject of one rule."""
_COMMON_MIN_ITEMS = 6
"""Fewer items than this say nothing about which words the whole KB uses: in a handful of
items, a word most of them use may be the one subject they are all about."""


def common_words(documents: Sequence[Sequence[str]]) -> set[str]:
    """The stems half or more of a KB's items use (`_COMMON_SHARE`), from each item's
    `terms`: words of the whole business, which put no sentence on one rule's topic. None
    for a KB of fewer than `_COMMON_MIN_ITEMS` items."""
    if len(documents) < _COMMON_MIN_ITEMS:
        return set()
    counts = Counter(word for document in documents for word in set(document))
    return {word for word, n in counts.items() if n >= _COMMON_SHARE * len(documents)}


def index_knowledge(
    knowledge: KnowledgeBase, *, on_item: Callable[[int, int], None] | None = None
) -> KnowledgeIndex:
    """Read every active item of `knowledge` once. `on_item` hears (items read, items) about
    every tenth of a knowledge base of `TELL_FROM` items or more."""
    items = [item for item in knowledge.items if item.active]
    step = max(1, len(items) // 10) if on_item is not None and len(items) >= TELL_FROM else 0
    texts: list[str] = []
    documents: list[list[str]] = []
    every_units: list[list[Unit]] = []
    for read, item in enumerate(items):
        if step and on_item is not None and read and read % step == 0:
            on_item(read, len(items))
        text = plain_text(item.body, item.body_format)
        texts.append(text)
        documents.append(terms(item.title + "\n" + text))
        every_units.append(units(text))
    counts = [Counter(document) for document in documents]
    frequency: Counter[str] = Counter()
    for document in documents:
        frequency.update(set(document))
    count = len(documents) or 1
    average = sum(len(document) for document in documents) / count or 1.0
    return KnowledgeIndex(
        knowledge=knowledge,
        items=items,
        texts=texts,
        documents=documents,
        units=every_units,
        counts=counts,
        frequency=frequency,
        average=average,
    )
