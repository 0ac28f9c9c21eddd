"""A KB sentence that states the old value *whatever the case* ("Whatever day you drop it off,
… within 3 working days"; "It makes no difference which day you come in: … the same 3 working
days as any other") when the change moved that value for some cases only.

The sentence states a promise the new agent no longer states for the change's conversations,
claims it holds for every kind, and is about the change's subject: it names a value or the
feature of the change's condition ("dropped off", "Saturday"). The same value said of another
service ("dry cleaning takes 3 working days, whichever day you leave it") names neither and is
kept."""

from __future__ import annotations

import re

from behaviordiff.detect.facts import extract_promises
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.text import terms

_EVERY_KIND = re.compile(
    r"\b(?:whatever|whichever|regardless\s+of|no\s+matter)\b"
    r"|\bmakes?\s+no\s+difference\b"
    r"|\bthe\s+same\b[^.;:]*\bas\s+(?:any|every|all)\s+other"
    r"|\b(?:any|every|each)\s+day\b",
    re.I,
)
SAME_WHATEVER_REASON = "says it is the same whatever the case; it now depends on"


def _condition_stems(facts: ChangeFacts) -> set[str]:
    """Stems of the condition's feature name (its last part) and of its category values."""
    found: set[str] = set()
    for condition in facts.conditions[:1]:
        for atom in condition.atoms:
            if atom.op == "tag":
                continue
            name = atom.feature.rsplit(".", 1)[-1].replace("_", " ")
            found |= {word for word in terms(name) if len(word) > 2}
            values = atom.value if isinstance(atom.value, tuple) else (atom.value,)
            for value in values:
                if isinstance(value, str):
                    found |= {word for word in terms(value) if len(word) > 2}
    return found


def same_whatever_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` claims the old value for every case, or None."""
    if not facts.restricted or not facts.removed_promises or not _EVERY_KIND.search(sentence):
        return None
    stated = {promise.key for promise in extract_promises(sentence)}
    gone = [p for p in facts.removed_promises if p.key in stated and p.kind != "channel"]
    if not gone:
        return None
    named = _condition_stems(facts)
    said = set(terms(sentence))
    # crude stems of one word may differ by a letter ("placed" and "place")
    if not any(
        a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
        for a in named
        for b in said
    ):
        return None
    return f"{SAME_WHATEVER_REASON} {facts.when()}"
