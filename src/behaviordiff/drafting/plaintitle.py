"""A note's title in a writer's words where the change is known by a tool's argument or a
tool call: what the customer now pays or gets, never the tool or its field.

- A fixed charge that moved the same way in every probe: "A £5 engraving fee now charged"
  (0 → 5), "Appointment cancellation fee ($40) no longer charged" (40 → 0), "Room price now
  £27 instead of £22" (22 → 27), not "Add engraving fees raised from £0.00 to £5.00".
- A value moved with no money noun: "Sibling discount raised from 10% to 15%", not "The
  percent of `apply_sibling_discount` raised".
- An action taken or dropped: "No longer books a return (refund)", "Now charges a change
  fee", not "No longer calls book_return(resolution=refund)"; an action swapped for another,
  "Now applies a voucher instead of issuing a refund" (`toolwords.action_phrase`), not
  "Apply voucher instead of issues a refund".

The template drafter titles with these (`moved_title`, `action_title`) and says the impact of
a charge brought in or taken away and of a moved percentage with `charge_brought` and
`percent_moved`; a drafting model's title that names a tool is refused (`tool_in_title`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue
from behaviordiff.drafting.perunit import charge_unit
from behaviordiff.drafting.toolwords import action_phrase, name_words, object_words

_RATES = frozenset(["percent", "pct", "percentage", "rate"])
"""Argument words that say the value is a percentage."""


def amount(moved: MovedValue, value: float) -> str:
    """£5 for a whole amount, £4.50 otherwise: a title says the price as a customer reads it."""
    if value.is_integer():
        return f"{moved.currency}{value:,.0f}"
    return moved.shown(value)


def _fixed(moved: MovedValue) -> tuple[float, float] | None:
    """The one (old, new) pair every probe moved, when they share one."""
    pairs = moved.pairs()
    return pairs[0] if len(pairs) == 1 else None


def moved_subject(moved: MovedValue) -> str:
    """What moved, in words: "engraving fee", "deposit", "sibling discount" (percent of
    `apply_sibling_discount`), "warranty extension months" (months of `extend_warranty`)."""
    if moved.noun:
        kind = moved.call.argument("type")
        return f"{kind} {moved.noun}" if kind else moved.noun
    thing = object_words(moved.call.name)
    argument = [w for w in name_words(moved.argument) if w not in _RATES]
    said = set(thing.split())
    extra = " ".join(w for w in argument if w not in said)
    return f"{thing} {extra}".strip()


def _percent(moved: MovedValue) -> bool:
    return not moved.money and any(w in _RATES for w in name_words(moved.argument))


def moved_title(moved: MovedValue, verb: str, when: str) -> str | None:
    """A title for a value moved the same way in every probe (or by a rate), or None to keep
    the drafter's own: `verb` is its "raised from 10% to 15%" or "lowered"."""
    subject = moved_subject(moved)
    fixed = _fixed(moved)
    if moved.charge and fixed is not None:
        old, new = fixed
        if old == 0 and new > 0:
            if subject.split()[-1] == moved.charge:
                return f"A {amount(moved, new)} {subject} now charged{when}"
            return f"{subject[:1].upper()}{subject[1:]} now costs {amount(moved, new)}{when}"
        if new == 0 and old > 0:
            return (
                f"{subject[:1].upper()}{subject[1:]} ({amount(moved, old)}) no longer charged{when}"
            )
        return (
            f"{subject[:1].upper()}{subject[1:]} now {amount(moved, new)} instead of "
            f"{amount(moved, old)}{when}"
        )
    if _percent(moved) and fixed is not None and moved.direction in ("up", "down"):
        old, new = fixed
        verb = f"{'raised' if moved.direction == 'up' else 'lowered'} from {old:g}% to {new:g}%"
    plural = moved.noun is not None and not subject.endswith("s")
    return f"{subject[:1].upper()}{subject[1:]}{'s' if plural else ''} {verb}{when}"


def percent_moved(moved: MovedValue) -> str | None:
    """A percentage argument moved the same way in every probe, said by what it is a
    percentage of: "The sibling discount is now 15% instead of 10%", not "the agent now calls
    `apply_sibling_discount` with percent 15 instead of 10"; None for any other move."""
    fixed = _fixed(moved)
    if not _percent(moved) or fixed is None or fixed[0] == fixed[1]:
        return None
    old, new = fixed
    return f"The {moved_subject(moved)} is now {new:g}% instead of {old:g}%"


def charge_brought(moved: MovedValue, thing: str, texts: Sequence[str] = ()) -> str | None:
    """What customers pay, for a charge brought in or taken away the same way in every probe:
    "now pay a £5 engraving fee, where there was none before", "now pay a £15 pet fee per dog
    per night" (what the amount is per, as one of `texts`, the change's new prompt rules, says
    it right after the amount), "no longer pay the $40 appointment cancellation fee"; None for
    any other move (its amounts say it)."""
    fixed = _fixed(moved)
    if not moved.charge or fixed is None:
        return None
    old, new = fixed
    if old == 0 and new > 0:
        said = amount(moved, new)
        per = next((unit for text in texts if (unit := charge_unit(text, said))), "")
        return f"now pay a {said} {thing}{per}, where there was none before"
    if new == 0 and old > 0:
        return f"no longer pay the {amount(moved, old)} {thing}"
    return None


_CALLS = re.compile(r"^(?P<lead>no longer calls|now calls)\s+(?P<calls>.+)$", re.I)


def action_title(title: str) -> str | None:
    """Detection's "no longer calls book_return(resolution=refund)" or "now calls
    charge_change_fee" said as what the agent does ("No longer books a return (refund)"), or
    None: another title, or a call whose name starts with no verb."""
    found = _CALLS.match(title.strip())
    if found is None:
        return None
    phrases = []
    for label in re.split(r",\s*(?=[A-Za-z_][\w-]*(?:\(|,|$))", found.group("calls")):
        action = ActionFact.parse(label)
        if action.is_escalation:
            phrases.append(action.words())
            continue
        phrase = action_phrase(action.name, action.arguments)
        if phrase is None:
            return None
        phrases.append(phrase)
    said = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
    lead = "No longer" if found.group("lead").lower().startswith("no longer") else "Now"
    return f"{lead} {said}"


_IDENTIFIER = re.compile(r"`[^`]+`|\b[a-z]+(?:_[a-z0-9]+)+\b")


def tool_in_title(facts: ChangeFacts, title: str) -> list[str]:
    """A drafting model's title naming a tool or a field (`add_engraving`, fee_gbp): a writer
    titles by what the customer now pays or gets."""
    names = {a.name for a in (*facts.before_actions, *facts.after_actions)}
    names |= {m.call.name for m in facts.moved} | {m.argument for m in facts.moved}
    named = [
        found.group(0)
        for found in _IDENTIFIER.finditer(title)
        if found.group(0).startswith("`") or found.group(0) in names
    ]
    if not named:
        return []
    return [
        f"the title names {', '.join(dict.fromkeys(named))}: title the change by what the "
        "customer now pays, gets or is told, in plain words, never a tool or field name"
    ]
