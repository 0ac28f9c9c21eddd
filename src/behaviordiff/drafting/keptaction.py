"""An old action the new prompt still describes, unchanged, for another topic: a KB sentence
on that topic describes it and is no conflict.

A shop's assistant no longer refunds damaged fragrances (a voucher instead) while its prompt's
returns section still says "Unopened items can be sent back within 28 days for a change of
mind. We refund within 5 working days of the parcel reaching us." A KB row "| Change-of-mind
returns | Unopened items, any product type | … refunded within 5 working days |" describes a
refund as the old action's name does, but it is about returns, which the new prompt still
handles the same way: rewriting it would be wrong text. It is read as about that other topic
when it shares at least `_MIN_SHARED` words with an unchanged prompt section describing the
action that the change's own sections and rules never say ("unopened", "change", "mind").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from behaviordiff.drafting.text import terms, verb_terms

_MIN_SHARED = 2
"""Words a KB sentence must share with a kept section (beyond the change's own words): one
shared word is any topic's."""


def _name_stems(name: str) -> set[str]:
    """The stems of a tool name's longer words ("refund_item" → refund, item)."""
    return set(terms(" ".join(word for word in name.lower().split("_") if len(word) > 3)))


def _describes(name: str, text: str) -> bool:
    """Whether a text describes the action `name` as `impact.sentence_conflict` reads it: all
    its name's longer words, or all but one of three or more."""
    words = _name_stems(name)
    needed = len(words) if len(words) <= 2 else len(words) - 1
    return bool(words) and len(words & verb_terms(text)) >= needed


def _kept_sections(
    actions: Collection[str],
    rules: Sequence[object],
    sections: Mapping[str, Sequence[str]],
) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(topic words, all words) of each kept section `kept_action_words` reads."""
    own_sections = {str(getattr(rule, "section", "") or "") for rule in rules}
    own_text = " ".join(
        [
            *(" ".join(sections.get(name, ())) for name in own_sections),
            *(str(getattr(rule, side) or "") for rule in rules for side in ("old", "new")),
        ]
    )
    own = set(terms(own_text))
    # the action's home is the change's own rules only where they call its tool; else an
    # unchanged section calling it is where the change reaches it (a check added before it)
    homed = [action for action in actions if f"`{action}`" in own_text]
    found: list[tuple[frozenset[str], frozenset[str]]] = []
    for name, sentences in sections.items():
        if name in own_sections:
            continue
        text = " ".join(sentences)
        described = [action for action in homed if _describes(action, text)]
        if not described:
            continue
        topic = _topic_words(text, described, own)
        if len(topic) >= _MIN_SHARED:
            found.append((frozenset(topic), frozenset(terms(f"{name} {text}"))))
    # a line of the change's own section the change left alone, still calling the action for
    # another case ("Stained or damaged nappies (…): pass it to the Laundry Team with
    # `handoff_to_team` …" beside the changed "Missing nappies: …")
    said = {
        flat_text
        for rule in rules
        for side in ("old", "new")
        if (flat_text := " ".join(str(getattr(rule, side) or "").split()))
    }
    rule_words = set(terms(" ".join(said)))
    for name in own_sections:
        for sentence in sections.get(name, ())[:_LINES]:
            if " ".join(sentence.split()) in said:
                continue
            described = [action for action in homed if _describes(action, sentence)]
            if not described:
                continue
            topic = _topic_words(sentence, described, rule_words)
            if len(topic) >= _MIN_SHARED:
                found.append((frozenset(topic), frozenset(terms(sentence))))
    return found


def _topic_words(text: str, described: Sequence[str], said: set[str]) -> set[str]:
    """The words of `text` on its own topic: none `said` already, none of the `described`
    actions' names, no number."""
    action_words = set().union(*(_name_stems(action) for action in described))
    return {
        word
        for word in terms(text)
        if word not in said and word not in action_words and not re.fullmatch(r"[\d.,]+", word)
    }


_LINES = 40
"""Lines of each of the change's own sections read for a case still calling the action."""


def kept_action_words(
    actions: Collection[str],
    rules: Sequence[object],
    sections: Mapping[str, Sequence[str]],
) -> list[frozenset[str]]:
    """For each section of the new prompt (`sections`) that none of the change's prompt rules
    (`rules`, with `.section`, `.old` and `.new`) is in and that still describes one of the
    old `actions` (tool names the change's conversations no longer call) whose tool the
    change's own rules or sections call, the words of its topic: its words that neither the
    change's sections nor its rules say, numbers and the action's own words aside. An action
    the change's rules never call is at home in the unchanged section that does ("Open the
    work order only once it matches" before an unchanged "Open a work order with
    `create_work_order`"): no topic then."""
    return [topic for topic, _ in _kept_sections(actions, rules, sections)]


def kept_section_words(
    actions: Collection[str],
    rules: Sequence[object],
    sections: Mapping[str, Sequence[str]],
) -> list[frozenset[str]]:
    """All the words (its title's too) of each section `kept_action_words` finds a topic in:
    a word of the change's topic that such a section says too ("item" of damaged and of lost
    items) tells neither topic apart (`on_kept_topic`)."""
    return [said for _, said in _kept_sections(actions, rules, sections)]


def about_kept_action(kept: Sequence[frozenset[str]], sentence: str) -> bool:
    """Whether a KB sentence is about a topic an unchanged prompt section still describes the
    old action for (`kept_action_words`)."""
    said = set(terms(sentence))
    return any(len(said & topic) >= _MIN_SHARED for topic in kept)


def on_kept_topic(
    kept: Sequence[frozenset[str]],
    kept_said: Sequence[frozenset[str]],
    own: Collection[str],
    said: str,
) -> bool:
    """Whether a KB text (a sentence with its paragraph and heading) is about a topic the new
    prompt still hands the old action over for (`about_kept_action`) and names none of the
    change's own topic words (`own`, stems) that the kept sections (`kept_said`,
    `kept_section_words`) do not say too. "Lost items are handled by our claims team" keeps
    the claims team when only damaged items stopped going there, whatever "item" both topics
    share. False when the change's topic has no word of its own: which topic such a text is
    about is a writer's call."""
    distinct = own_words(kept_said, own)
    return bool(distinct) and about_kept_action(kept, said) and not distinct & set(terms(said))


def own_words(kept_said: Sequence[frozenset[str]], own: Collection[str]) -> set[str]:
    """The change's topic words (`own`) no kept section says."""
    return set(own) - set().union(*kept_said)
