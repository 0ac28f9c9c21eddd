"""What the new prompt still says: a KB sentence restating it is no conflict, whatever finder
marked it and whatever value it shares with the change.

A finder marks a sentence by what it shares with the change: the old value ("€3", "3 working
days"), the changed case's word ("personalised"), the old action's words. The same value or
word is often another rule's, and the new prompt still states that rule: "the harbour's levy
of €3 a passenger" beside a €3 booking fee dropped, "we dispatch every personalised order
within 3 working days" beside personalised puzzles no longer returnable, "our support desk
replies within 3 working days" in the missing-part macro when only damaged items go to another
team (the new prompt says it, in a rewritten sentence, for every other problem). Rewriting such
a sentence writes what is not so; listing its item tells CS to change what is still true.

The test reads the new prompt only, never a domain's words. The new prompt's sentences fall in
two: the change's own (the new text of its prompt rules that states a new value or none of the
old ones) and the still-said (every other sentence of the new prompt, and a sentence of the
change's new text that states an old value and no new one: "Every other problem … goes to our
support desk … within 3 working days"). A KB sentence restates a still-said sentence when

- it shares at least `_MIN_SHARED` content words with it (the item's title counted beside the
  sentence), `_MARGIN` more than with any of the change's own sentences;
- it states a number or a moved word value, and every number it states (digits or a small
  number word) and every moved old word value it names, that sentence states too;
- it names no word of the changed case that sentence does not name (in a macro, one reply to
  one case, read over the whole macro and its title: "arrived damaged" makes the support-desk
  sentence of the damaged-item macro the change's);
- a claim for every case it makes ("whatever the problem", "every puzzle") is the one that
  sentence makes (`quantified_alike`), or is kept to the changed case's own words ("every
  personalised order"), never a claim over the cases the change splits.

Limits: a KB sentence said in other words than the prompt's (fewer than `_MIN_SHARED` shared)
is not recognised and stays marked; a number said as a word above twelve is not read.

Pure text helper for `impact`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from behaviordiff.drafting.text import EVERY_CASE_CLAIM, terms

_MIN_SHARED = 4
"""Content words a KB sentence shares with a still-said prompt sentence, at least."""
_MARGIN = 2
"""How many more than with any of the change's own sentences."""
_MAX = 4000
"""Characters of a sentence read: a KB sentence longer than this is read by its start."""

_PLACEHOLDER = re.compile(r"\{\{[^{}]{0,200}\}\}|\{%[^{}]{0,200}%\}")
_NUMBER = re.compile(r"(?<![\d.,])\d{1,9}(?:[.,]\d{1,4})?(?!\d)")
_WORD_NUMBERS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
}
_WORD_NUMBER = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.I)
_QUANTIFIER = re.compile(
    r"\b(?:whatever|whichever|however|any|every|each|always)\b"
    r"|(?<!\bin )(?<!\bat )(?<!\bafter )(?<!\babove )\ball\b(?! (?:in|day|done|set)\b)",
    re.I,
)
"""An every-case word; not the "all" of "in all", "at all", "all set"."""
_QUANTIFIED = re.compile(r"\b(any|every|all|each)\s+([A-Za-z][\w'’-]{0,30})", re.I)
_WHETHER = re.compile(r",?\s*\bwhether\s+(?!or\b)[^,.;:!?]{1,80}?\s+or\s+[^,.;:!?]{1,80}", re.I)
"""A "whether … or …" clause naming the cases a claim covers ("whether you paid full price or
bought in the sale")."""


def _plain(text: str) -> str:
    return _PLACEHOLDER.sub(" ", text[:_MAX])


def stems_of(text: str) -> frozenset[str]:
    """The content words of a text, stemmed (placeholders and numbers left out)."""
    return frozenset(
        _even(word) for word in terms(_plain(text)) if len(word) > 2 and not word.isdigit()
    )


def _even(word: str) -> str:
    """A stem with a final "e" off, so that one form and its plural meet ("puzzle" and the
    stem of "puzzles", "puzzl")."""
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def numbers_of(text: str) -> frozenset[str]:
    """The numbers a text states, in digits or as a small number word ("three" → "3")."""
    plain = _plain(text)
    found = {_normal(n) for n in _NUMBER.findall(plain)}
    found |= {_WORD_NUMBERS[w.lower()] for w in _WORD_NUMBER.findall(plain)}
    return frozenset(found)


def _normal(number: str) -> str:
    number = number.replace(",", ".")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return number


def _value_words(value: str) -> frozenset[str]:
    """A word value's content words, stemmed ("support_desk" → support, desk)."""
    return frozenset(w for w in terms(value.replace("_", " ")) if not w.isdigit())


@dataclass(frozen=True)
class Values:
    """The values a change moved: the numbers and word values of its old side, and of its
    new side."""

    old_numbers: frozenset[str]
    new_numbers: frozenset[str]
    old_words: tuple[frozenset[str], ...]
    new_words: tuple[frozenset[str], ...]

    def states_old(self, text: str) -> bool:
        return bool(numbers_of(text) & self.old_numbers) or any(
            words <= stems_of(text) for words in self.old_words
        )

    def states_new(self, text: str) -> bool:
        return bool(numbers_of(text) & self.new_numbers) or any(
            words <= stems_of(text) for words in self.new_words
        )


def values_of(
    olds: Iterable[str], news: Iterable[str], words: Iterable[tuple[str, str]] = ()
) -> Values:
    """The `Values` of a change: the numbers its old values state that its new ones do not
    ("3 working days" → "1 working day": 3 and 1), and back; and each word value moved
    (`words`, old and new: "support_desk" → "delivery_claims"), by the words they do not
    share."""
    old_numbers = frozenset(n for text in olds for n in numbers_of(text))
    new_numbers = frozenset(n for text in news for n in numbers_of(text))
    old_words: list[frozenset[str]] = []
    new_words: list[frozenset[str]] = []
    for old, new in words:
        if numbers_of(old) or numbers_of(new):
            continue
        ow, nw = _value_words(old), _value_words(new)
        if ow and nw and ow != nw:
            old_words.append(ow - nw or ow)
            new_words.append(nw - ow or nw)
    return Values(
        old_numbers - new_numbers,
        new_numbers - old_numbers,
        tuple(old_words),
        tuple(new_words),
    )


def quantified_alike(text: str, said: str) -> bool:
    """Whether each every-case word of `text` quantifies what `said` quantifies the same way
    ("for every passenger aged 4 and over" in both)."""
    found = _QUANTIFIER.findall(text)
    pairs = {(q.lower(), _noun(n)) for q, n in _QUANTIFIED.findall(text)}
    if not pairs or len(pairs) != len(found):
        return False
    return pairs <= {(q.lower(), _noun(n)) for q, n in _QUANTIFIED.findall(said)}


def _noun(word: str) -> str:
    """A quantified word as `terms` reads it (stemmed), or as it is when a stop word."""
    read = terms(word)
    return _even(read[0]) if read else word.lower()


def _claim_kept_to(text: str, case: Collection[str]) -> bool:
    """Whether every every-case word of `text` quantifies the changed case's own word ("every
    personalised order"): a claim over that case alone, not over the cases the change splits."""
    found = _QUANTIFIER.findall(text)
    pairs = _QUANTIFIED.findall(text)
    if not pairs or len(pairs) != len(found):
        return False
    return all(_noun(noun) in case for _, noun in pairs)


def _claims_every_case(text: str) -> bool:
    return bool(EVERY_CASE_CLAIM.search(text) or _QUANTIFIER.search(text))


def still_said_finder(
    new_entries: Sequence[Sequence[str]],
    change_sentences: Collection[str],
    values: Values,
    case_words: Collection[str],
    old_sentences: Sequence[str] = (),
) -> Callable[[str, str, str], bool] | None:
    """A test of whether a KB sentence restates what the new prompt still says (module doc).
    `new_entries`: each entry of the new prompt (a list item or a paragraph), by sentence: a
    KB sentence may say in one what the prompt says in two ("The harbour's levy of €3 … isn't
    part of your booking" of "… charges a €3 levy … It is not part of our booking"); a
    sentence is the change's when it is in `change_sentences`, the sentences of the change's
    new prompt text, and states a new value or none of the old ones (an entry holding one is
    the change's when it is that sentence alone, and neither side's otherwise); `values`: what
    the change moved; `case_words`: the stems of the
    changed case's words; `old_sentences`: the old prompt's sentences the change rewrote
    (a KB sentence must name a word a still-said sentence has and they have not). The
    test takes the sentence, the item's title and the text that
    names the item's case (the whole macro, or the sentence alone in an article). None when
    the new prompt says nothing but the change."""
    own: list[str] = []
    still: list[Sequence[str]] = []
    for parts in new_entries:
        entry = " ".join(parts)
        if not entry.strip():
            continue
        changed = [part for part in parts if part in change_sentences]
        if not changed and not any(row.lstrip().startswith("|") for row in parts):
            still.append(parts)
        elif len(parts) == 1:
            own.append(entry)
        # an entry of two sentences, one of them the change's, is neither side's: the change's
        # own sentences are read alone. A rewritten sentence keeping the old value for the
        # other cases is not read as still said: a KB sentence naming no case restates it as
        # the old rule for every case ("our highways team contacts you within 10 working days"
        # in an item about every kind of report)
    if not still:
        return None
    own_stems = [stems_of(s) for s in own]
    # the words only the still-said sentence has, beside the change's old and new sentences:
    # what a KB sentence must name to be about it, not the old rule ("lost" of "a refund for a
    # lost parcel" kept beside the delayed parcel's rule; "harbour", "levy")
    common = frozenset().union(*own_stems, *(stems_of(s) for s in old_sentences))
    still_read = [
        (parts, stems_of(" ".join(parts)), numbers_of(" ".join(parts))) for parts in still
    ]
    case = frozenset(_even(word) for word in case_words)

    def restates(sentence: str, title: str, around: str) -> bool:
        if sentence.lstrip().startswith("|"):
            return False  # a row is read under its header, by the class rules
        numbers = numbers_of(sentence)
        words = stems_of(sentence)
        moved_words = [w for w in values.old_words if w <= words]
        if not numbers and not moved_words:
            return False
        read = words | stems_of(title)
        best_own = max((len(read & s) for s in own_stems), default=0)
        shared, parts = max(
            ((len(read & s), parts) for parts, s, n in still_read if numbers <= n),
            key=lambda found: found[0],
            default=(0, ()),
        )
        if shared < _MIN_SHARED or shared < best_own + _MARGIN:
            return False
        said = " ".join(parts)
        said_words = stems_of(said)
        whether = _WHETHER.search(sentence)
        alike: frozenset[str] = frozenset()
        if whether is not None:
            # "…, whether you paid full price or bought in the sale" is the claim of "Shoes of
            # any price …" when the prompt's sentence quantifies a noun the clause names: the
            # cases it names are that claim's, not the change's case
            clause = stems_of(whether.group(0))
            if any(_noun(noun) in clause for _, noun in _QUANTIFIED.findall(said)):
                alike = clause
                words = words - clause
        if not read & (said_words - common):
            return False  # nothing names what the still-said sentence alone is about
        if any(words & s - said_words for s in own_stems):
            # it names what only the change's sentences name ("Statement copies: posted by the
            # records team within 5 working days" when copies are now emailed and the records
            # team keeps unrecognised payments)
            return False
        # the case the prompt's sentence names is the one of the part stating the values ("…
        # not to fit anything damaged" after the rule for every other problem names none)
        stating = [p for p in parts if numbers <= numbers_of(p)] if numbers else list(parts)
        case_said = frozenset(w for p in stating for w in stems_of(p)) & case
        if any(not w <= said_words for w in moved_words):
            return False
        if (stems_of(around) - alike | words) & case - case_said:
            return False  # it names the changed case where the prompt's sentence does not
        # a claim for every case must be the prompt's own, or kept to the changed case
        return (
            bool(alike)
            or not _claims_every_case(sentence)
            or (quantified_alike(sentence, said) or _claim_kept_to(sentence, case_said))
        )

    return restates
