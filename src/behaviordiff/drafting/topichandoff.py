"""The hand-off of one topic stated more than once in a KB item.

A change can take one topic away from a team for everyone ("Copies of statements: email it
straight away with `send_statement`" where the old rule passed the request to the records
team). An article often says the old hand-off in several places: the answer itself, the next
sentence of the same answer ("Ask us and we'll pass your request to the records team, who will
post it within 5 days."), and a row of an "at a glance" list ("Statements: posted by the
records team within 5 days."). Each of them is on the rule's topic and states the hand-off the
new agent no longer makes, so each must change. Sentences handing other topics to the same
team ("Tell us and we'll pass it to the records team, who will call you.") share the team and
the days but not the topic: they stay, since the new rule does not reach them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from behaviordiff.drafting.rules import rule_parts
from behaviordiff.drafting.text import Unit, terms


def _topic_terms(text: str) -> set[str]:
    # "copy" and "copies" stem apart ("copy", "copi"): a final y is the i of its plural
    return {term[:-1] + "i" if term.endswith("y") else term for term in terms(text)}


def on_topic(head: str, sentence: str, kept: Sequence[str] = ()) -> bool:
    """Whether `sentence` names what the rule's head is about ("Copies of invoices and
    receipts" and "… who will email the copy …" share "copy") more than what any head of a
    hand-off the new prompt keeps (`kept`) is about ("A payment on a statement you don't
    recognise" shares more with "Unrecognised payments on a statement: …" than "Copies of
    statements" does)."""
    said = _topic_terms(sentence)
    own = len(_topic_terms(head) & said)
    return own > 0 and all(own > len(_topic_terms(other) & said) for other in kept)


def kept_handoff_heads(
    sections: Mapping[str, Sequence[str]], tools: Collection[str], changed: Collection[str]
) -> list[str]:
    """The heads of the new prompt's sentences (by section) outside the changed ones that
    still call one of the hand-off `tools`: the topics the team keeps."""
    heads: list[str] = []
    for sentence in (s for said in sections.values() for s in said):
        if sentence in changed or not any(
            re.search(rf"\b{re.escape(t)}\b", sentence) for t in tools
        ):
            continue
        parts = rule_parts(sentence)
        heads.append(parts[0] if parts else sentence)
    return heads


def topic_handoffs(
    head: str, handed: Sequence[str], first: str | None, kept: Sequence[str] = ()
) -> set[str]:
    """The sentences of `handed` (those stating the old hand-off) other than `first` (the one
    the new rule is written in) that are on the rule's topic rather than a kept one's."""
    return {s for s in handed if s != first and on_topic(head, s, kept)}


_LABELLED_ROW = re.compile(
    r"^(?P<label>\s*(?:[-*+]|\d+[.)])\s+[^:\n]{1,80}:\s+)(?P<value>.+?)\s*$", re.S
)


def restated_row(raw: str, statement: str) -> str | None:
    """A labelled list row ("- Statements: posted by the records team within 5 days.") with
    what it says replaced by the rule's statement ("- Statements: we email it straight away.");
    None for a sentence of another shape."""
    match = _LABELLED_ROW.match(raw)
    if match is None:
        return None
    tail = raw[len(raw.rstrip()) :]
    said = statement.rstrip(" .")
    # the row's own case: "Statements: posted by …" goes on in lower case
    first = said[:1].upper() if match.group("value")[:1].isupper() else said[:1].lower()
    return f"{match.group('label')}{first}{said[1:]}.{tail}"


def same_paragraph(text: str, earlier: Unit, later: Unit) -> bool:
    """Whether no blank line, heading or list row parts `later` from `earlier` in `text`."""
    between = text[earlier.end : later.start]
    return "\n\n" not in between and not re.search(r"\n\s*(?:#|[-*+]\s|\d+[.)]\s)", between)


def other_topics_changed(
    heads: Sequence[str],
    kept_heads: Sequence[str],
    handed: Sequence[str],
    body_sentences: Sequence[str],
    template_sentences: Sequence[str] | None,
    new_sentences: Sequence[str],
) -> list[str]:
    """The sentences stating a hand-off (`handed`) that no changed rule's head (`heads`) is
    about and the template edit keeps word for word (another topic handed to the same team),
    which a model's edit changes or drops: the change does not reach them."""
    if template_sentences is None or not heads:
        return []
    kept = set(template_sentences) & set(body_sentences)
    now = set(new_sentences)
    return [
        f"the new body changes “{sentence}”, which hands another topic than the change's to "
        "the team (the new rule does not reach it): keep it as it is"
        for sentence in handed
        if sentence in kept
        and sentence not in now
        and not any(on_topic(head, sentence, kept_heads) for head in heads)
    ]
