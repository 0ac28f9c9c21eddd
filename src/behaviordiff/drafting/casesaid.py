"""The changed case in the customers' own words: what the change's probes' user messages say
that the unchanged probes on the same topic never do.

A condition names the case in the agent's words (`setting = medical`); the customers who ask
name it in theirs ("my GP appointment", "my hospital outpatient appointment"), and so does a KB
article written for them ("GP surgeries, hospitals, dentists"). Read contrastively, like the
condition itself: a word every changed message may use ("interpreter", "book") is said on the
unchanged side too and drops out; what is left names the case.

* **The words** (`said_case_words`, set on `ChangeFacts.case_said` by the drafting service from
  each probe's first run): the stems of the changed probes' user messages that no unchanged
  probe sharing their topic tags uses, numbers and words with digits out (a date, a time, a
  reference), bounded in messages, characters and words.
* **Finding items** (`case_said_finder`, run by `impact.rank_items` on items no finder marked):
  an item naming the case with two of those words or more (none the KB says across half its
  items), about none of the condition's other categories, whose sentence states the old rule:
  the moved call's old value or the removed promise's, and four content words or more besides
  it of a sentence the change rewrote. The words only say which items are about the case; they
  never mark a sentence that does not state the old rule ("We email you the secure link" in an
  article on video sessions stays).
* **The edit** (`about_case_said`, read by `promptrule.prompt_rule_edit`): such an item is about
  the case alone when it names no other category, so its old rule gives way to the new one
  rather than being narrowed ("…, except for medical appointments").
* **The fact** (`case_said_fact`): the words, for the drafting model, as how the customers name
  the case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence

from behaviordiff.drafting.categories import category_pattern
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.othercategory import other_categories
from behaviordiff.drafting.text import Unit, terms

MAX_MESSAGES = 200
"""The most user messages read on each side (changed, unchanged)."""
_MAX_CHARS = 2000
"""The most of one message read."""
_MAX_WORDS = 24
"""The most case words kept, the most used first."""
_MIN_NAMED = 2
"""Distinct case words an item names to be about the case."""
_MIN_SHARED = 4
"""Content words a sentence shares with the rewritten rule besides the old value to state it
(more than a time frame's "within", "working", "day")."""
_MAX_UNIT = 4000
_MAX_ITEM = 100_000
"""The most of an item read for its case words."""


_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s$", re.I)


def _words(message: str) -> dict[str, str]:
    """stem → the word as said, of a message's content words (numbers and words with digits
    out: a date, a time, a reference is no case)."""
    found: dict[str, str] = {}
    for match in _WORD.finditer(message[:_MAX_CHARS]):
        word = _POSSESSIVE.sub("", match.group(0)).strip("'’-")
        if any(char.isdigit() for char in word):
            continue
        stems = terms(word)
        if len(stems) == 1 and len(stems[0]) > 1:
            found.setdefault(stems[0], word if word.isupper() else word.lower())
    return found


def said_case_words(changed: Sequence[str], unchanged: Sequence[str]) -> list[str]:
    """The words the `changed` messages use and no `unchanged` message does (by stem), the
    most used first (ties alphabetical). Nothing without an unchanged message to contrast
    with: every word of the changed ones would be left."""
    if not changed or not unchanged:
        return []
    said: set[str] = set()
    for message in unchanged[:MAX_MESSAGES]:
        said |= set(_words(message))
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for message in changed[:MAX_MESSAGES]:
        own = {key: word for key, word in _words(message).items() if key not in said}
        counts.update(own.keys())
        for key, word in own.items():
            shown.setdefault(key, word)
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return [shown[key] for key, _ in ranked[:_MAX_WORDS]]


def _case_stems(facts: ChangeFacts) -> set[str]:
    return {key for word in facts.case_said for key in terms(word)}


def _old_values(facts: ChangeFacts) -> list[set[str]]:
    """The stems of each old value the change took away: a removed promise's, or a call
    argument's the new call gives another value."""
    values = [promise.value for promise in facts.removed_promises]
    for before in facts.before_actions:
        for after in facts.after_actions:
            if after.name != before.name:
                continue
            for key, value in before.arguments:
                new = after.argument(key)
                if new is not None and new != value:
                    values.append(str(value))
    found = []
    for value in values:
        stems = set(terms(value))
        if stems and stems not in found:
            found.append(stems)
    return found


def about_case_said(facts: ChangeFacts, title: str, body: str) -> bool:
    """Whether an item is about the changed case alone by the customers' words: it names two
    case words or more and no other category of the change's variable."""
    case = _case_stems(facts)
    if not facts.restricted or len(case) < _MIN_NAMED:
        return False
    whole = f"{title}\n{body[:_MAX_ITEM]}"
    if len(case & set(terms(whole))) < _MIN_NAMED:
        return False
    return not any(category_pattern(value).search(whole) for value in other_categories(facts))


def case_said_finder(
    facts: ChangeFacts, touched: Sequence[str], common: Collection[str] = ()
) -> Callable[[Sequence[Unit], str], list[int]] | None:
    """The finder of the units stating the old rule (`touched`: the old prompt sentences the
    change rewrote) in an item naming the case in the customers' words, none of the KB's
    `common` words (`impact.common_words`: "one", "appointment" said across the KB name no
    case); None when there is nothing to find. Built once per change."""
    case = _case_stems(facts) - set(common)
    if not facts.restricted or len(case) < _MIN_NAMED:
        return None
    olds = _old_values(facts)
    rule_stems = [{w for w in terms(s) if len(w) > 2 and not w.isdigit()} for s in touched]
    if not olds or not rule_stems:
        return None

    def find(item_units: Sequence[Unit], title: str = "") -> list[int]:
        named = case & set(terms(title))
        for unit in item_units:
            if len(named) >= _MIN_NAMED:
                break
            named |= case & set(terms(unit.text[:_MAX_UNIT]))
        if len(named) < _MIN_NAMED:
            return []
        found = []
        for index, unit in enumerate(item_units):
            text = unit.text
            if text.lstrip().startswith(("#", "|")) or len(text) > _MAX_UNIT:
                continue
            own = set(terms(text))
            said = [old for old in olds if old <= own]
            if not said:
                continue
            # the rule's words besides its old value ("confirmation", "photo", "working day")
            own -= set().union(*said)
            if max(len(own & stems) for stems in rule_stems) >= _MIN_SHARED:
                found.append(index)
        return found

    return find


def case_said_fact(facts: ChangeFacts) -> str | None:
    """How the change's customers name their case, for the drafting model."""
    if not facts.restricted or len(_case_stems(facts)) < _MIN_NAMED:
        return None
    words = ", ".join(facts.case_said[:8])
    return (
        f"the customers this change is for name their case in words like: {words}; a KB "
        "item naming it so that states the old rule is about them"
    )
