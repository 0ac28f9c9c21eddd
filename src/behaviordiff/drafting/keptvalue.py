"""A value the replies stopped saying that the changed prompt sentence still says.

The old replies quoted a value of the rule ("our 2-year frame warranty stays with the
pushchair"), the new ones, busy with the new case, no longer do; but the changed sentence
states it on both sides ("Our warranty lasts 2 years … stays with the pushchair" → "Our
warranty lasts 2 years … covers the original buyer only"). The value did not change: a KB
sentence stating it ("more than 2 years old, so it's outside our warranty") is not wrong for
saying it, and the value is no promise the change removed."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from behaviordiff.detect.facts import Promise, extract_promises


def _keys(text: str) -> set[str]:
    return {promise.key for promise in extract_promises(text)}


def kept_by_prompt(
    promises: Sequence[Promise],
    rules: Iterable[tuple[str | None, str | None]],
    added: Sequence[Promise] = (),
    dropped: Iterable[str] = (),
) -> list[Promise]:
    """`promises` (removed from the replies) but those a changed prompt sentence states on both
    its sides: `rules` are the (old, new) texts of the change's rules; one side missing (an
    added or removed sentence) keeps nothing. A value of a kind the replies now state another
    of (`added`: "30 days" kept beside a new "45 days for members") moved for the change's
    customers, and stays removed. An old sentence naming a call of `dropped` (one the change's
    customers no longer get) keeps nothing: what it says of that call stays with the case the
    new prompt keeps it for ("order the remake …, ready in 7 working days")."""
    kept: set[str] = set()
    dropped = tuple(dropped)
    for old, new in rules:
        if old and any(name in old for name in dropped):
            continue
        if old and new and old != new:
            kept |= _keys(old) & _keys(new)
    moved = {promise.kind for promise in added}
    return [p for p in promises if p.key not in kept or p.kind in moved]


def said_unchanged(
    promises: Sequence[Promise],
    rules: Iterable[tuple[str | None, str | None]],
    sections: Mapping[str, Sequence[str]],
    skipped: Collection[str] = (),
) -> list[str]:
    """The keys of `promises` (removed from the replies of a change that stopped a call) that
    the new prompt still states in a sentence none of the change's rules (`rules`, their (old,
    new) texts) is or said: the old replies gave them with the call's confirmation ("booked:
    £9 an hour, and your excess is £750"), the new ones, with no call made, have nothing to
    confirm. The values did not change: no fact of the change to quote. With `skipped` (the
    rules' sections), only what another section states: another topic's value (an excess),
    where one of the rules' own section may be what the change's customers lose."""
    said = [" ".join(text.split()) for rule in rules for text in rule if text]
    changed = set(said)
    old_keys = {key for text in said for key in _keys(text)}
    kept: set[str] = set()
    for section, lines in sections.items():
        if section in skipped:
            continue
        for sentence in lines:
            if " ".join(sentence.split()) not in changed:
                kept |= _keys(sentence)
    return [p.key for p in promises if p.key in kept and p.key not in old_keys]


def held_elsewhere(
    promises: Sequence[Promise],
    rules: Iterable[tuple[str | None, str | None]],
    touched: Iterable[str | None],
    sections: Mapping[str, Sequence[str]],
) -> list[Promise]:
    """`promises` (removed from the replies) but those the new prompt still states in a
    section no hunk of the diff touched (`touched`: the changed sections), when no changed
    sentence of the change (`rules`, its (old, new) texts) states them: the old replies
    offered another topic's value on the way ("you could move it instead, with 48 hours'
    notice"), the new ones, answering the new case, no longer mention it; its rule did not
    change, so a KB sentence stating it ("move once with at least 48 hours' notice") is not
    wrong. Only for a change of what is said: a handling that moved (another team, another
    call) takes its old values with it, wherever the prompt still states them for others."""
    touched_sections = {section for section in touched if section}
    if not promises or not sections or not touched_sections:
        return list(promises)
    elsewhere = set(said_unchanged(promises, list(rules), sections, touched_sections))
    return [p for p in promises if p.key not in elsewhere]
