"""An FAQ's yes or no before the sentence an edit rewrites: "Can I bring my dog? No. Pets
aren't allowed in the cabins." An edit that makes that sentence say an exception ("…, except
dogs under 10 kg") or drop its "not" leaves the "No." answering for every case, when the new
rule makes it depend on the case. The edit drops the answer word ("Can I bring my dog? Pets
aren't allowed in the cabins, except dogs under 10 kg."), so the sentence after it answers;
in HTML, where the template cannot drop it, the checks flag the edit. A yes or a no opening
the sentence itself ("Yes: children are welcome on river tours; they can't join the night
walks") is qualified where it stands and stays.

Pure text helpers: the template drafter applies `answer_words` to each edit it writes, and
`checks` refuses a drafting model's edit that keeps such a word (`kept_answer_words`).
"""

from __future__ import annotations

import re

from behaviordiff.diffing.align import align
from behaviordiff.drafting.text import Unit, replace_units, units

_BARE = re.compile(
    r"^(?:yes|no|nope|yep|sadly not|not really|not at all|nothing(?: at all)?|none(?: at all)?"
    r"|never|always|absolutely(?: not)?|of course(?: not)?|certainly(?: not)?"
    r"|definitely(?: not)?|not usually|not always|usually|sometimes|free|no charge"
    r"|not a (?:penny|cent|thing))[.!]?$",
    re.I,
)
"""A bare answer: the whole unit is the yes or the no ("No.", "Yes!"), or a short answer that
says the same in other words ("Nothing at all." to "What does engraving cost?", "Never.",
"Always!", "Free.")."""
_NEGATION = re.compile(r"\b(?:not|no|never|cannot|none|nothing|nobody|no longer)\b|n['’]t\b", re.I)
_CASE = re.compile(r"\b(?:unless|except|but|only|if|provided|as long as|otherwise)\b", re.I)
"""An exception or a condition said beside the rule ("unless …", "only for …"). A value's
aside for a case ("7 days (14 for builders' skips)") says how much, not whether: a yes to
"Can I keep it longer?" stays a yes."""


def _stance(text: str) -> tuple[int, int]:
    return len(_NEGATION.findall(text)), len(_CASE.findall(text))


def answer_flips(old: str, new: str) -> bool:
    """Whether a rewrite of the sentence after a yes or a no changes what that word answers:
    it adds or drops a "not", or an exception or condition ("unless …", "only …")."""
    return _stance(old) != _stance(new)


_YES = re.compile(r"^(?:yes|yep|absolutely|of course|certainly|definitely|always)[.!]?$", re.I)
_WORD = re.compile(r"[\w'’£$€]+")
_EXCEPT_KIND = re.compile(
    r",\s+(?:except|apart from|other than)\s+[^,;:.!?]+(?:,(?=\s)|(?=[.!]?$))", re.I
)


def still_yes(answer: str, old: str, new: str) -> bool:
    """Whether a yes still answers for most cases after its sentence's rewrite: the claim it
    answered stays a claim, as affirmative as it was, and only gains one kind left out ("Yes.
    We can hold all items." → "We can hold items, except limited editions."). A no, or a
    rewrite that turns the claim around or narrows it otherwise, is no such case."""
    if not _YES.match(answer.strip()):
        return False
    found = _EXCEPT_KIND.search(new.strip())
    if found is None:
        return False
    claim = new.strip()[: found.start()] + new.strip()[found.end() :]
    if len(_NEGATION.findall(claim)) or len(_NEGATION.findall(old)):
        return False
    # the same claim, narrowed by nothing but the kind left out ("on orders of £20 or more"
    # is another claim)
    return set(_WORD.findall(claim.lower())) <= set(_WORD.findall(old.lower()))


def _flipped(old_body: str, new_body: str) -> tuple[list[Unit], dict[int, str], list[str]]:
    """The units of `new_body`, the changes that drop each bare yes or no whose sentence the
    edit flipped, and the words."""
    old_units, new_units = units(old_body), units(new_body)
    old_texts = [unit.text for unit in old_units]
    new_texts = [unit.text for unit in new_units]
    changes: dict[int, str] = {}
    words: list[str] = []
    if not any(_BARE.match(text) for text in old_texts):
        # no bare yes or no to drop: the alignment (slow on an article of hundreds of
        # repeated sentences, and run for every edit checked) would find nothing
        return new_units, changes, words
    for step in align(old_texts, new_texts):
        if step.tag != "replace":
            continue
        i1, i2, j1, j2 = step.i1, step.i2, step.j1, step.j2
        old_said, new_said = " ".join(old_texts[i1:i2]), " ".join(new_texts[j1:j2])
        answered = i1 and j1 and new_texts[j1 - 1] == old_texts[i1 - 1]
        if (
            answered
            and _BARE.match(old_texts[i1 - 1])
            and answer_flips(old_said, new_said)
            and not still_yes(old_texts[i1 - 1], old_texts[i1], new_texts[j1])
        ):
            changes[j1 - 1] = ""
            words.append(new_texts[j1 - 1])
    return new_units, changes, words


def answer_words(old_body: str, new_body: str) -> tuple[str, list[str]]:
    """`new_body` without each bare yes or no ("No.") before a sentence whose answer the
    edit's rewrite flipped (`answer_flips`), and the words it dropped. Plain text and
    Markdown."""
    new_units, changes, words = _flipped(old_body, new_body)
    if not changes:
        return new_body, []
    return replace_units(new_body, changes, new_units), words


def kept_answer_words(old_body: str, new_body: str) -> list[str]:
    """The bare yes or no answers `new_body` keeps before a sentence its edit flipped:
    each answers for every case what the new rule makes depend on the case."""
    return _flipped(old_body, new_body)[2]
