"""A charge a change brings in with its new band, where the KB says there is none.

A rule split into bands ("7 to 13 days away: book a rush fitting and tell the customer a rush
surcharge of £60 applies") may name a charge no old rule of the change named, while the old
prompt said nothing of charges at all, so `newcharge.new_charge` (an old rule saying "no extra
charge") does not apply. The KB may still deny it: "We don't charge extra for rush work.", a
price-table row "| Rush work | No surcharge |". Each such sentence on the charge's topic (the
charge's own words but the charge nouns: "rush") is marked, with the new rule quoted, so CS
is told; it names no amount a template could move, so the template flags it.
"""

from __future__ import annotations

from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.newcharge import charge_topic, named_charge, new_charge, says_no_charge
from behaviordiff.drafting.text import terms

BAND_CHARGE_REASON = "says there is no charge where the new prompt now charges for one case"


@dataclass(frozen=True)
class BandCharge:
    rule_text: str
    """The new prompt sentence naming the charge."""
    amount: str
    what: str
    topic: frozenset[str]


def band_charge(facts: ChangeFacts) -> BandCharge | None:
    """The charge a new prompt sentence of the change names that its old version did not,
    when `newcharge.new_charge` does not read the change (no old rule saying it was free):
    the first such sentence whose charge names a topic of its own (`charge_topic`)."""
    if new_charge(facts) is not None:
        return None
    for rule in facts.rules:
        if not rule.new or not rule.kind.startswith("sentence"):
            continue
        found = named_charge(rule.new)
        if found is None:
            continue
        amount, what = found
        if rule.old and amount in rule.old:
            continue
        if any(other.old and amount in other.old for other in facts.rules):
            continue
        topic = charge_topic(what)
        if topic:
            return BandCharge(" ".join(rule.new.split()), amount, what, frozenset(topic))
    return None


def denies_band_charge(charge: BandCharge, sentence: str) -> bool:
    """Whether a KB sentence says what `charge` is on is free: an absence phrase
    (`newcharge.says_no_charge`), every word of the charge's topic, and not its amount."""
    if charge.amount in sentence or not says_no_charge(sentence):
        return False
    return {_singular(word) for word in charge.topic} <= {
        _singular(word) for word in terms(sentence)
    }


def _singular(word: str) -> str:
    """A plural read as its singular, for short words `terms` leaves alone ("dogs")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def band_charge_reason(charge: BandCharge) -> str:
    return f"{BAND_CHARGE_REASON}: “{charge.rule_text}”"
