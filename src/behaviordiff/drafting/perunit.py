"""What a charge's amount is per, as a prompt rule says it right after the amount: "a charge
of £15 per dog per night", "$7 a session". A KB sentence saying the charge, and a note saying
what customers now pay, say it with its unit: "£15" alone misstates a charge per dog and night.
"""

from __future__ import annotations

import re

_PER = re.compile(
    r"(?:\s+(?:per|a|an|each)\s+(?!(?:and|or|the|of|to|for)\b)[A-Za-z][\w’'-]{1,20}\b){1,3}"
    r"(?=\s*(?:[.,;:!?)]|$|and\b|per\b|to\b|for\b|on\b))",
    re.I,
)
"""What an amount is per, after it (" per dog per night", " a session"): up to three units."""


def charge_unit(rule: str, amount: str) -> str:
    """What the new rule says the amount is per, right after it (" per dog per night" of "a
    charge of £15 per dog per night", " a session"), or "": a KB sentence says the charge with
    it."""
    at = rule.find(amount)
    if at < 0:
        return ""
    found = _PER.match(rule, at + len(amount))
    return found.group(0) if found is not None else ""
