"""The rule an exception departs from: what the customers a new rule names as the exception
were told before, said by the new prompt for everyone else.

"Gold members are the exception: their orders ship within 2 days of payment." added under
"Orders ship within 5 days of payment." changes what Gold members are told from the second
sentence to the first. The value that moved may be words with no number to read ("by the end
of the following month"), so a note that reads values from replies finds nothing it can name;
the prompt's own sentence says it. `departed_rule` finds that sentence: in the rule's section
of the new prompt, the first sentence that states the exception's subject ("orders") and
another of its words, and does not name the customers the exception is for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from behaviordiff.drafting.impactview import RuleView
from behaviordiff.drafting.rules import named_exception
from behaviordiff.drafting.text import terms


def departed_rule(rules: Sequence[RuleView], sections: Mapping[str, list[str]]) -> str | None:
    """The new prompt's sentence for everyone else that an added "X are the exception: their
    …" rule departs from; None when no rule has that shape or its section states no such
    sentence."""
    for rule in rules:
        if rule.kind != "sentence_added" or not rule.new:
            continue
        found = named_exception(rule.new)
        if found is None:
            continue
        who = set(terms(found[0]))
        words = [word for word in terms(found[1]) if word not in who]
        if not words:
            continue
        for line in sections.get(rule.section or "", []):
            text = line.strip().lstrip("-*+ ").strip()
            said = set(terms(text))
            if (
                text
                and text != rule.new.strip()
                and "`" not in text
                and words[0] in said
                and len(set(words) & said) >= 2
                and not who <= said
            ):
                return text
    return None
