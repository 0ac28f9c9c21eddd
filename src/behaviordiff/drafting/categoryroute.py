"""A hand-off re-routed for one category only: "Every complaint, whatever the cause, goes to our
Service Desk (team "service_desk")" became "Complaints about a billing error (cause `billing`)
go to our Billing team (team "billing")" with an added "Every other complaint … goes to our
Service Desk (team "service_desk")", and the change's condition names the category
(`cause = billing`).

A KB sentence naming the old team for every category ("Our Service Desk looks at every
complaint, whatever the cause") keeps the old route for the others and names the new one for
the category; a table row or list item about the category alone names the new team in place
(`category_route_edit`). Pure text helpers below `impact`, which asks which units conflict
(`category_route_conflicts`); the template drafter writes the edit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.detect.model import Atom
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rerouted import route_argument
from behaviordiff.drafting.text import Keep, Unit, rewrite_units, stem, terms

CATEGORY_ROUTE_REASON = "names the old team for the category the hand-off is re-routed for"


@dataclass(frozen=True)
class CategoryRoute:
    """A hand-off re-routed for one category (see the module docstring)."""

    old_team: str
    """The old team as the prompt names it ("Service Desk"), or its argument in words."""
    new_team: str
    """The new team as the prompt names it ("Billing team")."""
    categories: frozenset[str]
    """The stems of the category's words in the condition ("billing")."""
    said: str
    """The changed prompt sentence without its codes, as a clause ("complaints about a
    billing error go to our Billing team")."""
    rule: str
    """The changed prompt sentence."""
    bounded: bool = False
    """A range bounds the re-route too (`amount > 200` beside `reason = counterfeit`): the
    category's other cases still go to the old team, so a row about the category keeps it."""
    bounds_said: bool = True
    """Whether the changed prompt sentence states every bound of that range, so `said` is the
    whole case ("disputes about a counterfeit item over £200 go to …")."""


_CODE = re.compile(r"\s*\([^()]*[`\"][^()]*\)")


def _team_named(rule: str, value: str) -> str | None:
    """The words a prompt sentence names the team of a hand-off argument by ("our Service
    Desk (team "service_desk")" → "Service Desk")."""
    named = r"\b(?:our|the)\s+((?:[\w&'-]+\s+){0,3}?[\w&'-]+)"
    found = re.search(named + r"\s*\(\s*\w+\s*[:=]?\s*\"" + re.escape(value), rule)
    return found.group(1) if found else None


def category_route(facts: ChangeFacts) -> CategoryRoute | None:
    """The re-route of a hand-off for one category (`CategoryRoute`): the condition names a
    category (an "=" or "in" atom), the changed prompt sentence calls the hand-off with the
    new argument where it called it with the old one, and an added sentence keeps the old one
    for the other categories. None for any other change."""
    found = route_argument(facts)
    condition = facts.condition
    atoms = condition.atoms if condition else ()
    chosen = [atom for atom in atoms if atom.op in ("=", "in")]
    ranges = [atom for atom in atoms if atom.op in _RANGE_OPS]
    if found is None or len(chosen) != 1:
        return None
    _, old_value, new_value = found
    old_mark, new_mark = f'"{old_value}"', f'"{new_value}"'
    changed = [
        rule
        for rule in facts.rules
        if rule.kind == "sentence_changed"
        and rule.old
        and rule.new
        and old_mark in rule.old
        and new_mark in rule.new
        and old_mark not in rule.new
    ]
    kept = [
        rule
        for rule in facts.rules
        if rule.kind == "sentence_added" and rule.new and old_mark in rule.new
    ]
    if len(changed) != 1 or len(kept) != 1:
        return None
    old_rule, new_rule = str(changed[0].old), str(changed[0].new)
    value = chosen[0].value
    values = value if isinstance(value, tuple) else (value,)
    categories = frozenset(
        stem(word) for category in values for word in terms(str(category).replace("_", " "))
    )
    if not categories or not categories & {stem(word) for word in terms(new_rule)}:
        return None
    said = _CODE.sub("", new_rule).strip().rstrip(".")
    return CategoryRoute(
        old_team=_team_named(old_rule, old_value) or old_value.replace("_", " "),
        new_team=_team_named(new_rule, new_value) or new_value.replace("_", " "),
        categories=categories,
        said=said[:1].lower() + said[1:],
        rule=new_rule,
        bounded=bool(ranges),
        bounds_said=all(_bound_said(atom, new_rule) for atom in ranges),
    )


_RANGE_OPS = (">", ">=", "<", "<=", "between")


def _bound_said(atom: Atom, rule: str) -> bool:
    """Whether a prompt sentence states each bound of a range atom as a number ("£200",
    "1,500")."""
    bounds = [atom.low, atom.high] if atom.op == "between" else [atom.value]
    numbers = {
        float(n) for n in re.findall(r"\d+(?:\.\d+)?", re.sub(r"(?<=\d),(?=\d{3})", "", rule))
    }
    for bound in bounds:
        if bound is None:
            continue
        if isinstance(bound, bool) or not isinstance(bound, (int, float, str)):
            return False
        try:
            if float(bound) not in numbers:
                return False
        except ValueError:
            return False
    return True


_ALL_CASES = re.compile(r"\b(?:any|every|all|always|each|whatever|whichever|no matter)\b", re.I)


def _names(team: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(team)}\b", text, re.I) is not None


def _category_row(route: CategoryRoute, raw: str) -> bool:
    """Whether a table row or list item is about the category alone: its first cell (or
    the item's words) name it."""
    stripped = raw.strip()
    if stripped.startswith("|"):
        cells = stripped.strip("|").split("|")
        first = cells[0] if cells else ""
        return bool(route.categories & {stem(word) for word in terms(first)})
    if re.match(r"[-*+]\s|\d+[.)]\s", stripped):
        return bool(route.categories & {stem(word) for word in terms(stripped)})
    return False


def category_route_reason(facts: ChangeFacts, unit: Unit) -> str | None:
    """Why a unit naming the old team contradicts a hand-off re-routed for one category: a
    row or list item about the category, or a claim over every category. None otherwise."""
    route = category_route(facts)
    raw = unit.raw.strip()
    if route is None or raw.startswith("#") or not _names(route.old_team, unit.text):
        return None
    if _category_row(route, raw):
        return f"{CATEGORY_ROUTE_REASON}: the new prompt says “{route.rule}”"
    if not raw.startswith("|") and _ALL_CASES.search(unit.text):
        return f"says the old team takes every case; the new prompt says “{route.rule}”"
    return None


_LEADING = re.compile(
    r"^(?:whatever|whichever|no matter)\b.*?,\s+"
    r"(?=(?:I|I'[a-z]+|we|we'[a-z]+|our|you|your|they|it|this|the)\b)",
    re.I,
)
_TRAILING = re.compile(r",?\s+(?:whatever|whichever|no matter)\b[^,.;!?]*", re.I)
_QUANTIFIED = re.compile(r"\b(every|all|any|each)\s+(?!other\b)([A-Za-z][\w'-]*)", re.I)


def _claim_narrowed(route: CategoryRoute, text: str) -> str | None:
    """A claim over every category with its universal words dropped or made "every other"
    and the new route said for the category in brackets; None when a universal word stays."""
    body = text.rstrip()
    end = len(body.rstrip(".!"))
    claim, tail = body[:end], body[end:]
    leading = _LEADING.match(claim)
    if leading:
        rest = claim[leading.end() :]
        claim = rest[:1].upper() + rest[1:]
    claim = _TRAILING.sub("", claim)
    claim = _QUANTIFIED.sub(lambda m: f"{m.group(1)} other {m.group(2)}", claim)
    if re.search(r"\b(?:whatever|whichever|no matter|always)\b", claim, re.I):
        return None
    if claim == body[:end]:
        return None
    return f"{claim} ({route.said}){tail}"


def category_route_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item naming the old team of a hand-off re-routed for one category
    (`category_route`): a row or list item about the category names the new team in place;
    a claim over every category keeps the old team for the others ("every other …") and says
    the new route for the category in brackets. Flagged when a conflicting unit cannot be
    said so. None for any other change."""
    route = category_route(facts)
    if route is None:
        return None
    rule = f"“{' '.join(route.rule.split())}”"
    if not route.bounds_said:
        return None, (
            f"No safe rewrite: the new prompt sends part of one category to the "
            f"{route.new_team} ({rule}), bounded by a range it does not state in figures, and "
            f"keeps the {route.old_team} for the rest; say which cases go where by hand."
        )
    conflicting = {conflict.sentence for conflict in impact.conflicts}

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in conflicting:
            return Keep.UNIT
        if not _names(route.old_team, unit.text) or unit.raw.lstrip().startswith("#"):
            return Keep.BLOCK
        if _category_row(route, unit.raw):
            pattern = re.compile(rf"\b(?:our\s+)?{re.escape(route.old_team)}\b", re.I)
            if route.bounded:
                # the category's other cases still go to the old team: it stays, with the
                # re-routed part said beside it
                return pattern.sub(lambda m: f"{m.group(0)} ({route.said})", unit.raw, count=1)
            return pattern.sub(route.new_team, unit.raw)
        narrowed = _claim_narrowed(route, unit.raw)
        return Keep.BLOCK if narrowed is None else narrowed + unit.raw[len(unit.raw.rstrip()) :]

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None:
        return None, (
            f"No safe rewrite: the new prompt sends one category to the {route.new_team} "
            f"({rule}) and keeps the {route.old_team} for the others, and this "
            f"{impact.item.kind} states the old team where that cannot be said."
        )
    if route.bounded:
        return new_body, (
            f"The new prompt sends part of one category to the {route.new_team}: {rule} The "
            f"rest of it and the other categories still go to the {route.old_team}. This "
            f"{impact.item.kind} named the {route.old_team} for that category: the edit keeps "
            "it and says which part now goes to the new team."
        )
    return new_body, (
        f"The new prompt sends one category to the {route.new_team}: {rule} The others still "
        f"go to the {route.old_team}. This {impact.item.kind} named the {route.old_team} for "
        "that category: the edit names the new team for it and keeps the old one for the rest."
    )


def category_route_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a hand-off re-routed for one category: the same
    fact the template's edit rests on."""
    route = category_route(facts)
    if route is None:
        return None
    if route.bounded:
        return (
            f"the hand-off is re-routed only for part of one category: {route.said}; the rest "
            f"of that category and every other case still go to the {route.old_team}: a "
            f"sentence or row naming the {route.old_team} for that category or for every case "
            f"keeps it and says the re-routed part beside it ({route.said})"
        )
    return (
        f"the hand-off is re-routed only for one category: {route.said}; every other case "
        f"still goes to the {route.old_team}: a sentence naming the {route.old_team} for every "
        f"case keeps it for the others and says the {route.new_team} for that category; a row "
        f"or item about that category alone names the {route.new_team}"
    )


def category_route_unsaid(
    facts: ChangeFacts, impact: ImpactView, template_body: str | None, new_body: str
) -> list[str]:
    """A drafting model's edit of an item the template rewrote for a hand-off re-routed for
    one category that drops the old team (the other categories still go there) or never
    names the new one."""
    route = category_route(facts)
    if route is None or not template_body:
        return []
    problems = []
    if (
        _names(route.old_team, impact.item.body)
        and _names(route.old_team, template_body)
        and not _names(route.old_team, new_body)
    ):
        problems.append(
            f"the {route.old_team} still takes every other case: keep it for them and name "
            f"the {route.new_team} for that category only"
        )
    if _names(route.new_team, template_body) and not _names(route.new_team, new_body):
        problems.append(f"say the new route for that category: {route.said}")
    if route.bounded:
        problems += [
            f"the row “{line.strip()}” no longer names the {route.old_team}, which still takes "
            f"the rest of that category: keep it and say the re-routed part beside it "
            f"({route.said})"
            for line in new_body.splitlines()
            if _category_row(route, line)
            and not _names(route.old_team, line)
            and line.strip() not in {row.strip() for row in template_body.splitlines()}
        ]
    return problems
