"""A hand-off re-routed for everyone on one topic: the same escalation tool, another argument
(`transfer_to_team` team "survey" → team "night_desk"), and the new prompt tells the customer
who now contacts them, how and with what ("and tell them our night desk will email them
within 2 days with …"). A KB sentence stating the old route on that topic says what the new
prompt tells the customer in its place. Pure text helpers; the template drafter writes the
edit (`TemplateDrafter._edit_told`).

A hand-off re-routed for part of a range only (`scoped_route`: "For gifts of £500 or more,
hand over … team "supporter_care"" kept for "from £500 up to £4,999", and "For gifts of £5,000
or more, hand over … team "philanthropy"" added): a KB sentence stating the old route keeps it
for the rest of the range and says the new one for the scoped part (`scoped_route_edit`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.detect.facts import extract_promises
from behaviordiff.detect.quantities import (
    CARDINALS,
    Quantity,
    find_quantities,
    quantity_at,
    quantity_matches,
    read_quantity,
    same_amount,
    written_like,
)
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import rule_parts, told_clause
from behaviordiff.drafting.text import Keep, Unit, flat, quoted, rewrite_units, stem, terms


def rerouted_tool(facts: ChangeFacts) -> str | None:
    """The escalation tool whose arguments alone changed: the same tools on both sides, one of
    them a hand-off, the calls differing. None for any other change."""
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    if not before or before != after or set(facts.before_actions) == set(facts.after_actions):
        return None
    tools = sorted({a.name for a in facts.before_actions if a.is_escalation})
    return tools[0] if len(tools) == 1 else None


_TEAM = re.compile(
    r"\b(?:our|the|a)\s+(?:[a-z]+\s+){0,2}?(?:team|department|colleagues?|staff|specialists?)\b",
    re.I,
)
_TEAM_WORDS = frozenset({"team", "department", "colleague", "staff", "specialist", "our"})


def _team_stems(text: str) -> set[str]:
    return {stem(word) for word in terms(text)} - _TEAM_WORDS - {stem(w) for w in _TEAM_WORDS}


def _old_team_stems(facts: ChangeFacts, tool: str, old_value: str) -> set[str]:
    """The words of the old route: its argument ("supporter_care") and the teams the old
    prompt sentence calling the tool with it names ("our supporter care team")."""
    names = [_team_stems(old_value.replace("_", " "))]
    for rule in facts.rules:
        if rule.old and f"`{tool}`" in rule.old and f'"{old_value}"' in rule.old:
            names += [_team_stems(found.group(0)) for found in _TEAM.finditer(rule.old)]
    return set().union(*names)


def claims_other_than_route(facts: ChangeFacts, sentence: str) -> bool:
    """Whether a sentence says nothing of a re-routed hand-off's old route (names none of its
    words, `_old_team_stems`): what it claims for every case ("Gift Aid applies to gifts of
    any size") is not the route the change made an exception to."""
    tool = rerouted_tool(facts)
    values = _route_value(facts, tool) if tool is not None else None
    if tool is None or values is None:
        return False
    return not _old_team_stems(facts, tool, values[0]) & _team_stems(sentence)


def names_other_team(facts: ChangeFacts, sentence: str) -> bool:
    """Whether a sentence hands over to another team than the old route of a re-routed
    hand-off (`rerouted_tool`): every team it names ("our partnerships team") shares no word
    with the old route's argument ("supporter_care") nor with a team the old prompt sentence
    names for it ("our supporter care team"). Such a sentence states a hand-off the change
    does not touch, whatever topic words it shares with the changed rule."""
    tool = rerouted_tool(facts)
    values = _route_value(facts, tool) if tool is not None else None
    if tool is None or values is None:
        return False
    named = [_team_stems(found.group(0)) for found in _TEAM.finditer(sentence)]
    if not named or not all(named):
        return False
    old_stems = _old_team_stems(facts, tool, values[0])
    return not any(stems & old_stems for stems in named)


def rerouted_told(facts: ChangeFacts) -> str | None:
    """What the new prompt tells every customer on the change's topic once the re-routed
    hand-off is made (`told_clause` of the changed sentence calling the tool on both sides),
    when it states a promise the new replies make (the channel, a time frame) and differs from
    what the old one told. Only for a change that reaches everyone on its topic (a condition
    of topic tags alone): for a subset, the old route still holds for the rest."""
    tool = rerouted_tool(facts)
    condition = facts.condition
    atoms = condition.atoms if condition else ()
    if tool is None or not atoms or any(atom.op != "tag" for atom in atoms):
        return None
    added = {promise.key for promise in facts.added_promises}
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        if f"`{tool}`" not in rule.old or f"`{tool}`" not in rule.new:
            continue
        told = told_clause(rule.new)
        if told is None or told == told_clause(rule.old):
            continue
        if added & {promise.key for promise in extract_promises(told)}:
            return told
    return None


# a hand-off re-routed for part of a range ------------------------------------------------------

_NUMBER_WORDS = {**CARDINALS, "thousand": 1000, "a": 1, "an": 1}
_WORD = "|".join(sorted((w for w in CARDINALS if w != "hundred"), key=len, reverse=True))
_IN_WORDS = (
    rf"(?:(?:an?|{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}|hundred|thousand))*)"
    r"\s+(?:pounds|dollars|euros|quid|bucks)"
)
_IN_DIGITS = (
    r"[£$€]\s?\d{1,3}(?:,\d{3})+(?:\.\d\d)?|[£$€]\s?\d+(?:\.\d\d)?"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d\d)?\s?(?:pounds|dollars|euros|GBP|USD|EUR)\b"
    r"|\d+(?:\.\d\d)?\s?(?:pounds|dollars|euros|GBP|USD|EUR)\b"
)
_AMOUNT = rf"(?P<amount>{_IN_DIGITS}|\b{_IN_WORDS})"
_AFTER = (
    r"(?P<after>\s+(?:or (?:more|over|above|higher|less|under|below)"
    r"|and (?:over|above|up|under|below))\b|\+)"
)
_BEFORE = r"(?P<before>\b(?:over|above|more than|at least|from|under|below|less than|up to)\s+)"
_BOUND = re.compile(rf"{_BEFORE}?{_AMOUNT}{_AFTER}?", re.I)


def _amount(written: str) -> float | None:
    """The amount a money phrase states: "£4,999" → 4999, "five hundred pounds" → 500."""
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", written)
    if digits is not None:
        return float(digits.group(0).replace(",", ""))
    total, current = 0.0, 0.0
    for word in re.findall(r"[a-z]+", written.lower()):
        if word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word in _NUMBER_WORDS:
            current += _NUMBER_WORDS[word]
    total += current
    return total or None


def _bounds(text: str) -> list[re.Match[str]]:
    """The amounts a text states as a bound ("£500 or more", "over five hundred pounds")."""
    return [m for m in _BOUND.finditer(text) if m.group("before") or m.group("after")]


@dataclass(frozen=True)
class ScopedRoute:
    """A hand-off re-routed for part of the range its rule covered: "For gifts of £500 or
    more, hand over with `transfer_to_team` (team "supporter_care") and tell …" became the
    same sentence for "from £500 up to £4,999" and an added one, "For gifts of £5,000 or more,
    hand over with `transfer_to_team` (team "philanthropy") and tell …"."""

    tool: str
    old_words: str
    """The old route's argument in words ("supporter care"), as a KB names the team."""
    new_words: str
    scope: str
    """Who the new route is for, as the added rule's head says it ("gifts of £5,000 or more")."""
    scope_bound: str
    """The head's bound alone ("£5,000 or more"): a table row's cell for the new route."""
    told: str
    """What the added rule tells the customer, as a clause ("our philanthropy team will phone
    you within 1 working day")."""
    old_amount: float
    """The amount of the old rule's bound (500)."""
    kept_range: str
    """The range the old route keeps, as the prompt writes its amounts ("£500 to £4,999")."""
    rule: str
    """The added prompt sentence."""
    kept_high: str = ""
    """The last amount the old route keeps, as the prompt writes it ("£4,999")."""
    scope_low: str = ""
    """The amount the new route starts at, as the prompt writes it ("£5,000")."""


def _head(rule: str) -> str | None:
    parts = rule_parts(rule)
    return parts[0] if parts is not None else None


def route_argument(facts: ChangeFacts) -> tuple[str, str, str] | None:
    """(argument, old value, new value) of the one argument a re-routed hand-off
    (`rerouted_tool`) changed: ("team", "survey", "night_desk"). None for any other change."""
    tool = rerouted_tool(facts)
    if tool is None:
        return None
    before = [a for a in facts.before_actions if a.name == tool]
    after = [a for a in facts.after_actions if a.name == tool]
    if len(before) != 1 or len(after) != 1:
        return None
    old_args, new_args = dict(before[0].arguments), dict(after[0].arguments)
    changed = [key for key in old_args if key in new_args and old_args[key] != new_args[key]]
    if len(changed) != 1:
        return None
    return changed[0], str(old_args[changed[0]]), str(new_args[changed[0]])


def _route_value(facts: ChangeFacts, tool: str) -> tuple[str, str] | None:
    """(old, new) value of the one argument the re-routed hand-off changed."""
    found = route_argument(facts)
    return (found[1], found[2]) if found is not None and rerouted_tool(facts) == tool else None


def scoped_route(facts: ChangeFacts) -> ScopedRoute | None:
    """The re-route of a hand-off for part of a numeric range (`ScopedRoute`), when the
    condition bounds an amount and the new prompt keeps the old route for the rest of the
    range in the changed sentence and states the new one in an added sentence with a head of
    its own. None for any other change (a whole topic re-routed: `rerouted_told`)."""
    tool = rerouted_tool(facts)
    condition = facts.condition
    atoms = condition.atoms if condition else ()
    if tool is None or not any(atom.op in _NUMERIC_OPS for atom in atoms):
        return None
    values = _route_value(facts, tool)
    if values is None:
        return None
    old_value, new_value = values
    mark = f"`{tool}`"
    kept = [
        rule
        for rule in facts.rules
        if rule.kind == "sentence_changed"
        and rule.old
        and rule.new
        and mark in rule.old
        and mark in rule.new
        and f'"{old_value}"' in rule.old
        and f'"{old_value}"' in rule.new
    ]
    added = [
        rule
        for rule in facts.rules
        if rule.kind in ("sentence_added", "sentence_changed")
        and rule.new
        and mark in rule.new
        and f'"{new_value}"' in rule.new
        and not (rule.old and f'"{new_value}"' in rule.old)
    ]
    if len(kept) != 1 or len(added) != 1:
        return None
    old_head = _head(str(kept[0].old))
    kept_head = _head(str(kept[0].new))
    new_head = _head(str(added[0].new))
    told = told_clause(str(added[0].new))
    if old_head is None or kept_head is None or new_head is None or told is None:
        return None
    old_bounds, new_bounds = _bounds(old_head), _bounds(new_head)
    kept_amounts = [m.group("amount") for m in _BOUND.finditer(kept_head)]
    if len(old_bounds) != 1 or len(new_bounds) != 1 or len(kept_amounts) != 2:
        return None
    old_amount = _amount(old_bounds[0].group("amount"))
    if old_amount is None or old_amount not in {_amount(a) for a in kept_amounts}:
        return None
    scope = re.sub(r"^(?:if|when|whenever|for)\s+", "", new_head, flags=re.I)
    return ScopedRoute(
        tool=tool,
        old_words=old_value.replace("_", " "),
        new_words=new_value.replace("_", " "),
        scope=scope,
        scope_bound=new_bounds[0].group(0).strip(),
        told=told[:1].lower() + told[1:].rstrip("."),
        old_amount=old_amount,
        kept_range=f"{kept_amounts[0]} to {kept_amounts[1]}",
        rule=str(added[0].new),
        kept_high=kept_amounts[1],
        scope_low=new_bounds[0].group("amount"),
    )


_NUMERIC_OPS = frozenset({">", ">=", "<", "<=", "between"})


_A = rf"(?:{_IN_DIGITS}|\b{_IN_WORDS})"
_RANGE = re.compile(
    rf"(?P<low>{_A})(?:\s+or more)?(?P<join>\s*(?:-|–|to|up to|and|,?\s*but\s+"
    rf"(?P<under>under|below|less than)|,?\s*but\s+(?:up to|not over))\s*)(?P<high>{_A})",
    re.I,
)
"""A range a KB states with two amounts: "£500 to £5,000", "from £500 up to £5,000",
"between £500 and £5,000", "£500 or more but under £5,000"."""
_RANGE_LEAD = re.compile(r"\b(?:from|between|over|above)\s+$", re.I)


def _narrowed(route: ScopedRoute, text: str) -> tuple[str | None, str]:
    """`text` with its statement of the old rule's bound ("£500 or more", "five hundred
    pounds or more") narrowed to the range the old route keeps ("£500 to £4,999"), and a
    range of its own from that bound ("from £500 up to £20,000", "£500 or more but under
    £20,000") ended where the new route starts ("up to £4,999", "under £5,000"). (None, why)
    when it states the range in another bound than the old rule's ("over £499"), or a range
    the new route does not reach: which part keeps the old route is a writer's call."""
    scope_low = _amount(route.scope_low) if route.scope_low else None
    taken: list[tuple[int, int]] = []
    cuts: list[tuple[int, int, str]] = []
    for found in _RANGE.finditer(text):
        if _amount(found.group("low")) != route.old_amount or scope_low is None:
            continue
        lead = _RANGE_LEAD.search(text[: found.start()])
        start = lead.start() if lead else found.start()
        said = text[start : found.end()]
        high = _amount(found.group("high"))
        if high is None or high < scope_low or (high == scope_low and found.group("under")):
            return None, f"states a range of its own (“{said}”) that the new route does not reach"
        new_high = route.scope_low if found.group("under") else route.kept_high
        cuts.append((found.start("high"), found.end("high"), new_high))
        taken.append((start, found.end()))
    bounds = [
        found
        for found in _bounds(text)
        if not any(start <= found.start() < end for start, end in taken)
    ]
    for found in bounds:
        if _amount(found.group("amount")) == route.old_amount:
            cuts.append((found.start(), found.end(), route.kept_range))
    if not cuts and bounds:
        said = " ".join(bounds[0].group(0).split())
        return None, (
            f"states the range with another bound (“{said}”) than the old rule's "
            f"({_written(route.old_amount, route.scope_low)} or more)"
        )
    for start, end, new in sorted(cuts, reverse=True):
        text = text[:start] + new + text[end:]
    return text, ""


def _written(amount: float, like: str) -> str:
    """`amount` written with the currency sign of `like` ("£500" like "£5,000")."""
    sign = like.strip()[:1] if like.strip()[:1] in "£$€" else ""
    return f"{sign}{amount:,.0f}" if amount >= 1000 else f"{sign}{amount:g}"


_CHANNELS = {
    "phone": re.compile(r"\b(?:phone|call|calls|ring|rings|telephone)\b", re.I),
    "email": re.compile(r"\b(?:e-?mails?)\b", re.I),
    "text": re.compile(r"\b(?:texts?|sms)\b", re.I),
    "post": re.compile(r"\b(?:post|letter)\b", re.I),
}


def _channels(text: str) -> set[str]:
    return {name for name, pattern in _CHANNELS.items() if pattern.search(text)}


def _new_route_row(facts: ChangeFacts, route: ScopedRoute, row: str) -> str | None:
    """A table row stating the old route, copied for the new one: the bound cell says the
    scope's bound, the team cell names the new team, a time frame cell the new time frame.
    None when the row does not name the old team in words, says a way of contact the new
    route does not (it emails, the new team phones), or states a value no new one replaces."""
    if not re.search(re.escape(route.old_words), row, re.I):
        return None
    if _channels(row) - _channels(route.told):
        return None
    new_row = re.sub(re.escape(route.old_words), route.new_words, row, flags=re.I)
    bounds = [m for m in _bounds(new_row) if _amount(m.group("amount")) == route.old_amount]
    if len(bounds) != 1:
        return None
    new_row = new_row[: bounds[0].start()] + route.scope_bound + new_row[bounds[0].end() :]
    for found in reversed(quantity_matches(new_row)):
        stated = quantity_at(found)
        if stated is None:
            continue
        instead = _new_quantity(facts, route, stated)
        if instead is None:
            return None
        new_row = new_row[: stated.start] + instead + new_row[stated.end :]
    return new_row


def _new_quantity(facts: ChangeFacts, route: ScopedRoute, stated: Quantity) -> str | None:
    """What the new route says in place of an old time frame, written like it; None when the
    old replies did not state it or the new rule states no value of its measure."""
    for promise in facts.removed_promises:
        old = read_quantity(promise.value)
        if old is None or not same_amount(old, stated):
            continue
        for new in find_quantities(route.told):
            if new.measure == stated.measure:
                return written_like(new, stated)
    return None


def scoped_route_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item stating the old route of a hand-off re-routed for part of a range
    (`scoped_route`): each conflicting sentence keeps the old route for the rest of the range
    (its bound narrowed to the range the old route keeps) and says the new one for the scoped
    part in brackets, in the new prompt's words; a table row is narrowed the same way and
    followed by a row for the new route. Flagged when a conflicting unit cannot be said so.
    None for any other change."""
    route = scoped_route(facts)
    if route is None:
        return None
    conflicting = {conflict.sentence for conflict in impact.conflicts}
    aside = f" (for {route.scope}: {route.told})"
    why: list[str] = []

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in conflicting:
            return Keep.UNIT
        raw = unit.raw
        if raw.lstrip().startswith("|"):
            added = _new_route_row(facts, route, raw.strip())
            narrowed, reason = _narrowed(route, raw.rstrip())
            if added is None or narrowed is None:
                why.append(f"{_quote(unit.text)} {reason}" if reason else "")
                return Keep.BLOCK
            return narrowed + "\n" + added
        if raw.lstrip().startswith("#"):
            return Keep.BLOCK
        body = raw.rstrip()
        end = len(body.rstrip(".!"))
        narrowed, reason = _narrowed(route, body[:end])
        if narrowed is None:
            why.append(f"{_quote(unit.text)} {reason}")
            return Keep.BLOCK
        return narrowed + aside + body[end:] + raw[len(body) :]

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None:
        reasons = "; ".join(reason for reason in why if reason)
        return None, (
            f"No safe rewrite: the new prompt sends {route.scope} to the {route.new_words} "
            f"route ({_quote(route.rule)}) and keeps the old route for the rest "
            f"({route.kept_range}), and this {impact.item.kind} states the old route where "
            "that cannot be said" + (f": {reasons}." if reasons else ".")
        )
    return new_body, (
        f"The new prompt sends {route.scope} to the {route.new_words} route: "
        f"{_quote(route.rule)} The rest of the range keeps the old route ({route.kept_range}). "
        f"This {impact.item.kind} said the old route for all of it: the edit narrows it and "
        "says the new route for the scoped part, and keeps everything else."
    )


def _quote(text: str) -> str:
    return quoted(flat(text))


def scoped_route_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a hand-off re-routed for part of a range
    (`scoped_route`): the same fact the template's edit rests on."""
    route = scoped_route(facts)
    if route is None:
        return None
    return (
        f"the hand-off is re-routed only for {route.scope}: the new prompt tells them "
        f"“{route.told[:1].upper()}{route.told[1:]}.”; the rest of the range "
        f"({route.kept_range}) keeps the old route ({route.old_words}): a sentence stating the "
        f"old route for the whole range keeps it for {route.kept_range} and says the new route "
        f"for {route.scope}; a range of its own from that bound ends where the new route "
        f"starts (“up to {route.kept_high}”, “under {route.scope_low}”); a sentence stating "
        f"the range with another bound, or a range the new route does not reach, is left "
        f"for a writer"
    )


def old_route_dropped(
    facts: ChangeFacts, impact: ImpactView, template_body: str | None, new_body: str
) -> list[str]:
    """A drafting model's edit that no longer names the old route of a hand-off re-routed
    for part of a range, where the template's edit keeps it: the rest of the range still
    goes there."""
    route = scoped_route(facts)
    if route is None or not template_body:
        return []
    named = re.compile(re.escape(route.old_words), re.I)
    if not named.search(impact.item.body) or not named.search(template_body):
        return []
    if named.search(new_body):
        return []
    return [
        f"the old route ({route.old_words}) still holds for {route.kept_range}: keep it for "
        f"them and say the new route for {route.scope} only"
    ]
