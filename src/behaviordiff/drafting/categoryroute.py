"""A hand-off re-routed for one category only: "Every complaint, whatever the cause, goes to our
Service Desk (team "service_desk")" became "Complaints about a billing error (cause `billing`)
go to our Billing team (team "billing")" with an added "Every other complaint … goes to our
Service Desk (team "service_desk")", and the change's condition names the category
(`cause = billing`). The re-route may call a new tool instead of the old one with another
argument ("Every fault … goes to our Workshop with `book_repair`" became "Battery faults
(part `battery`) go to our Battery Team with `refer_to_battery_team`" beside "Every other
fault (parts `frame` and `gears`) goes to our Workshop with `book_repair`"), and the sentence
after it may tell the customer who now contacts them, how and when ("Tell the customer the
Battery Team will call them within 1 working day."): the team, the way of contact and the
time move together, as one route.

A KB sentence naming the old team for every category ("Our Service Desk looks at every
complaint, whatever the cause") keeps the old route for the others and names the new one for
the category; a table row or list item about the category alone names the new team in place,
and the new route's way of contact and time (`category_route_edit`). A claim listing the
category among the others ("Whatever the fault, a frame, a battery or gears, …") is narrowed
to the others ("For a frame or gears, …"), and the new route is said once after it. An item
about another category alone is what its customers still get (`kept_category_item`). Pure
text helpers below `impact`, which asks which units conflict (`category_route_reason`); the
template drafter writes the edit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.detect.model import Atom, rule_atoms
from behaviordiff.detect.quantities import find_quantities, same_amount, written_like
from behaviordiff.drafting.categories import category_pattern
from behaviordiff.drafting.channels import channel_cell, names_channel, stated_channels
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rerouted import route_argument
from behaviordiff.drafting.rules import told_clause, told_statement
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
    values: tuple[str, ...] = ()
    """The category's values in the condition ("battery")."""
    others: tuple[str, ...] = ()
    """The other categories the sentence keeping the old route names ("frame", "gears")."""
    told: str = ""
    """What the new prompt tells the category's customers of the new route, to them, when it
    differs from what the others are told ("the Battery Team will call you within 1 working
    day"); empty when it says nothing of its own."""
    kept_told: str = ""
    """What the others are still told ("our Workshop will email you within 5 working days")."""

    def route_sentence(self, like: str = "") -> str:
        """The new route said once, in the prompt's words, its time written as `like` (the
        KB sentence it follows) writes the old one: "Battery faults go to our Battery Team,
        and the Battery Team will call you within one working day." """
        said = f"{self.said[:1].upper()}{self.said[1:]}"
        if not self.told:
            return f"{said}."
        return f"{said}, and {_time_like(self, self.told, like)}."


_CODE = re.compile(r"\s*\([^()]*[`\"][^()]*\)")
_TOOL_PHRASE = re.compile(r"\s+(?:with|using|via|through)\s+`[^`]{1,80}`(?:\s*\([^()]*\))?")
"""A tool called for the hand-off, with its arguments ("with `refer_to_battery_team` (order_id,
summary)"): the agent's business, not the KB's."""
_TOLD_TAIL = re.compile(r",?\s+(?:and|then)\s+(?:tell|inform|let)\b.*$", re.I)
_LOWER_LEAD = frozenset({"a", "an", "the", "our", "your", "one", "we", "they", "you", "someone"})


def _team_named(rule: str, mark: str) -> str | None:
    """The words a prompt sentence names the team of a hand-off by: its argument ("our Service
    Desk (team "service_desk")" → "Service Desk") or its tool ("our Battery Team with
    `refer_to_battery_team`" → "Battery Team")."""
    named = r"\b(?:our|the)\s+((?:[\w&'-]+\s+){0,3}?[\w&'-]+)"
    link = (
        r"\s+(?:with|using|via|through)\s+" if mark.startswith("`") else r"\s*\(\s*\w+\s*[:=]?\s*"
    )
    found = re.search(named + link + re.escape(mark), rule)
    if found is None:
        return None
    team = found.group(1)
    # a team is a name ("Service Desk") or a team's noun ("our returns team"), never the
    # thing the old call acted on ("refund the item in full with `refund_item`")
    if not re.search(r"\b[A-Z]", team) and not _TEAM_NOUN.search(team):
        return None
    return team


_TEAM_NOUN = re.compile(
    r"\b(?:team|desk|department|unit|office|centre|center|crew|partners?|service|staff|"
    r"specialists?|experts?|advisers?|advisors?)\b",
    re.I,
)


def _team_in_words(rule: str, value: str) -> str | None:
    """The team a prompt sentence names in the words of its argument, as the sentence writes
    them, with the team noun after them ("delivery_claims" → "Delivery Claims team" in "go to
    our Delivery Claims team: hand it over …"); None when the sentence does not spell it."""
    words = [word for word in re.split(r"[_\W]+", value) if word]
    if not words:
        return None
    found = re.search(
        r"\b"
        + r"\s+".join(re.escape(word) for word in words)
        + r"\b(?:\s+(?:team|desk|department)\b)?",
        _CODE.sub("", rule),
        re.I,
    )
    return found.group(0) if found else None


_SUBJECT_WORDS = frozenset(
    {"the", "a", "an", "we", "they", "you", "it", "our", "your", "their", "this", "these"}
    | {"those", "he", "she", "there", "its", "each", "every", "all", "any", "no", "i"}
)


def _without_order(said: str) -> str:
    """A route sentence without the order to the agent after its colon ("… go to our Delivery
    Claims team: hand it over" → "… go to our Delivery Claims team"): a piece opening on a
    bare verb, no subject of its own, tells the agent what to do, not the customer what
    holds."""
    head, colon, tail = said.partition(": ")
    if not colon or not head.strip():
        return said
    first = tail.split(" ", 1)[0]
    if not first.isalpha() or not first.islower() or first in _SUBJECT_WORDS:
        return said
    return head.rstrip()


def _route_marks(facts: ChangeFacts) -> tuple[str, str, str, str] | None:
    """(old mark, new mark, old value, new value) of a re-routed hand-off: the one argument
    the same tool is called with otherwise (`"service_desk"` → `"billing"`), else the one tool
    called instead of the one the old version called (`book_repair` → `refer_to_battery_team`,
    each in backticks)."""
    found = route_argument(facts)
    if found is not None:
        _, old, new = found
        return f'"{old}"', f'"{new}"', old, new
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    if len(before) != 1 or len(after) != 1 or before == after:
        return None
    [old], [new] = sorted(before), sorted(after)
    return f"`{old}`", f"`{new}`", old, new


def _told_with(facts: ChangeFacts, rule: str) -> str:
    """What the prompt tells the customer with a route sentence, to them, as a clause: its own
    "and tell them …", else the sentence after it in its section saying what to tell them;
    empty when neither says how or when they hear ("our Battery Team will call you within 1
    working day")."""
    said = told_clause(rule)
    if said is None:
        after = [
            lines[at + 1]
            for lines in facts.prompt_sections.values()
            for at, line in enumerate(lines[:-1])
            if line == rule
        ]
        after += list(facts.next_steps.get(rule, ()))
        said = next((s for text in after[:1] if (s := told_statement(text))), None)
    if said is None or not (find_quantities(said) or stated_channels(said)):
        return ""
    said = said.rstrip(".!")
    first = said.split(" ", 1)[0]
    return said[:1].lower() + said[1:] if first.lower() in _LOWER_LEAD else said


def _values_named(rule: str, marks: set[str]) -> tuple[str, ...]:
    """The category values a prompt sentence names in code ("(parts `frame` and `gears`)"),
    its tools aside."""
    return tuple(
        value
        for value in re.findall(r"`([^`\s]{1,60})`", rule)
        if f"`{value}`" not in marks and "(" not in value
    )


def split_rules(facts: ChangeFacts, old_mark: str, new_mark: str) -> tuple[Rule, Rule] | None:
    """The one changed prompt sentence that calls `new_mark` where it called `old_mark`, and
    the one added sentence that still calls `old_mark` (for the categories keeping it); None
    unless there is exactly one of each."""
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
    return changed[0], kept[0]


def category_route(facts: ChangeFacts) -> CategoryRoute | None:
    """The re-route of a hand-off for one category (`CategoryRoute`): the condition names a
    category (an "=" or "in" atom), the changed prompt sentence calls the hand-off with the
    new argument (or the new tool) where it called it with the old one, and an added sentence
    keeps the old one for the other categories. None for any other change."""
    found = _route_marks(facts)
    condition = facts.condition
    atoms = rule_atoms(condition) if condition else ()
    chosen = [atom for atom in atoms if atom.op in ("=", "in")]
    ranges = [atom for atom in atoms if atom.op in _RANGE_OPS]
    if found is None or len(chosen) != 1:
        return None
    old_mark, new_mark, old_value, new_value = found
    split = split_rules(facts, old_mark, new_mark)
    if split is None:
        return None
    changed_rule, added_rule = split
    old_rule, new_rule = str(changed_rule.old), str(changed_rule.new)
    kept_rule = str(added_rule.new)
    value = chosen[0].value
    values = tuple(str(v) for v in (value if isinstance(value, tuple) else (value,)))
    categories = frozenset(
        stem(word) for category in values for word in terms(category.replace("_", " "))
    )
    if not categories or not categories & {stem(word) for word in terms(new_rule)}:
        return None
    old_team = _team_named(old_rule, old_mark)
    new_team = _team_named(new_rule, new_mark)
    if not old_mark.startswith("`"):
        old_team = old_team or _team_in_words(old_rule, old_value)
        new_team = new_team or _team_in_words(new_rule, new_value)
    if old_mark.startswith("`") and (old_team is None or new_team is None):
        return None  # a tool's name is no team's
    said = _CODE.sub("", _TOOL_PHRASE.sub("", new_rule)).strip()
    said = _without_order(_TOLD_TAIL.sub("", said).strip().rstrip("."))
    told, kept_told = _told_with(facts, new_rule), _told_with(facts, kept_rule)
    tools = {action.name for action in (*facts.before_actions, *facts.after_actions)}
    others = tuple(
        v
        for v in _values_named(kept_rule, {old_mark, new_mark})
        if v not in values and v not in tools
    ) or _prose_others(kept_rule, categories)
    return CategoryRoute(
        old_team=old_team or old_value.replace("_", " "),
        new_team=new_team or new_value.replace("_", " "),
        categories=categories,
        said=said[:1].lower() + said[1:],
        rule=new_rule,
        bounded=bool(ranges),
        bounds_said=all(_bound_said(atom, new_rule) for atom in ranges),
        values=values,
        others=others,
        told=told if told != kept_told else "",
        kept_told=kept_told,
    )


_RANGE_OPS = (">", ">=", "<", "<=", "between")


_PROSE_LIST = re.compile(r"\(([^()`\"]{3,200})\)")
_DETERMINER = re.compile(r"^(?:a|an|the|any|some|your|their)\s+", re.I)


def _prose_others(kept_rule: str, categories: frozenset[str]) -> tuple[str, ...]:
    """The other categories the sentence keeping the old route lists in words, in brackets
    ("Every other problem (missing parts, the wrong item, a fault after fitting) goes to …" →
    "missing parts", "wrong item", "fault after fitting"); none naming the re-routed
    category's words, and nothing unless the brackets hold a list of two or more short
    noun phrases."""
    for found in _PROSE_LIST.finditer(kept_rule):
        items = [
            _DETERMINER.sub("", item.strip())
            for item in _ITEM_SPLIT.split(found.group(1))
            if item.strip()
        ]
        if len(items) < 2 or not all(_category_item(item) for item in items):
            continue
        if any(categories & {stem(word) for word in terms(item)} for item in items):
            continue
        return tuple(item for item in items if item)
    return ()


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
_TEAM_SUFFIX = re.compile(r"\s+(?:team|department)$", re.I)


def _team_pattern(team: str) -> re.Pattern[str]:
    """A team as a KB names it, after an "our" of its own: with or without its "team"
    ("Customer Care team", "Customer Care"), the bare name in the prompt's case only (a
    "Complaints team" is not every "complaints")."""
    core = _TEAM_SUFFIX.sub("", team)
    if not core or core == team:
        return re.compile(rf"\b(?:our\s+)?{re.escape(team)}\b", re.I)
    named = re.escape(core)
    return re.compile(rf"\b(?:(?i:our)\s+)?(?:(?i:{named})\s+(?i:team|department)\b|{named}\b)")


def _names(team: str, text: str) -> bool:
    return _team_pattern(team).search(text) is not None


def _names_value(value: str, text: str) -> bool:
    """Whether a text names a category value, in the singular or the plural ("battery",
    "Batteries"; "accessories", "accessory")."""
    word = value.replace("_", " ")
    forms = {word}
    if word.lower().endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.lower().endswith("s") and not word.lower().endswith("ss"):
        forms.add(word[:-1])
    return any(category_pattern(form).search(text) for form in forms if form.strip())


def _names_category(route: CategoryRoute, text: str) -> bool:
    if route.categories & {stem(word) for word in terms(text)}:
        return True
    return any(_names_value(value, text) for value in route.values)


def _category_row(route: CategoryRoute, raw: str) -> bool:
    """Whether a table row or list item is about the category alone: its first cell (or
    the item's words) name it."""
    stripped = raw.strip()
    if stripped.startswith("|"):
        cells = stripped.strip("|").split("|")
        return _names_category(route, cells[0] if cells else "")
    if re.match(r"[-*+]\s|\d+[.)]\s", stripped):
        return _names_category(route, stripped)
    return False


def kept_category_item(facts: ChangeFacts, title: str, text: str) -> bool:
    """Whether a KB item is about one of the categories that keep the old route of a hand-off
    re-routed for one category (`category_route`) and never names that category: a macro for
    a gears fault stating the Workshop's email within 5 working days is what those customers
    still get, whatever values the re-routed category's route moved."""
    route = category_route(facts)
    if route is None or not route.others:
        return False
    said = f"{title}\n{text}"
    if _names_category(route, said):
        return False
    return any(_names_value(value, said) for value in route.others)


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


_LEAD_WORD = re.compile(r"(?:whatever|whichever|no matter)\b", re.I)
_LEAD_BREAK = re.compile(
    r",\s+(?=(?:I|I'[a-z]+|we|we'[a-z]+|our|you|your|they|it|this|the)\b)", re.I
)
_WHETHER_OR = re.compile(r"\b(?:whether|or)\b", re.I)


def _lead_end(claim: str) -> int | None:
    """Where a claim's opening "Whatever …," ends, before the clause it claims for every
    case ("Whatever went wrong, whether your line dropped, it ran slowly or your bill was
    wrong, I've passed …": after its "whether … or …" list too); None when it opens with no
    such words."""
    if _LEAD_WORD.match(claim) is None:
        return None
    words = [(m.start(), m.group(0).lower()) for m in _WHETHER_OR.finditer(claim)]
    at, listing = 0, False
    for found in _LEAD_BREAK.finditer(claim):
        while at < len(words) and words[at][0] < found.start():
            listing = words[at][1] == "whether"
            at += 1
        if not listing:
            return found.end()
        # the "whether …" list goes on to its "or"
    plain = _NOUN_LEAD.match(claim)
    return plain.end() if plain is not None else None


_NOUN_LEAD = re.compile(
    r"(?:whatever|whichever)\s+(?:the|your|its|their|our)\s+[A-Za-z'’-]+(?:\s+[A-Za-z'’-]+)?,\s+"
    r"(?=[A-Za-z]+\s+[a-z])",
    re.I,
)
"""A lead naming a noun alone, no clause and no list ("Whatever the problem, customers get
…"): it ends at its comma, whatever word opens the claim after it."""


_TRAILING = re.compile(r",?\s+(?:whatever|whichever|no matter)\b[^,.;!?]*", re.I)
_QUANTIFIED = re.compile(r"\b(every|all|any|each)\s+(?!other\b)([A-Za-z][\w'-]*)", re.I)
_UNIVERSAL = re.compile(r"\b(?:whatever|whichever|no matter|always)\b", re.I)
_LIST_CLAIM = re.compile(
    r"^(?:whatever|whichever)\s+(?:(?P<who>you|we|they)\s+(?P<verb>\w+))?", re.I
)
_ITEM_SPLIT = re.compile(r",\s+(?:or\s+|and\s+)?|\s+(?:or|and)\s+")
_ITEM = re.compile(r"(?:(?:a|an|the|our|your|their)\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2}", re.I)
"""An item of a list of categories: a noun phrase of a few words ("a hot tub", "gears")."""
_CLAUSE_WORDS = frozenset(
    {"is", "was", "are", "were", "be", "been", "has", "have", "had", "do", "does", "did"}
    | {"will", "would", "can", "could", "it", "they", "we", "you", "i", "he", "she"}
    | {"whether", "if", "when", "not", "no"}
)
"""Words that make an item a clause ("whether your line dropped", "it ran slowly"), not a
category."""


def _category_item(item: str) -> bool:
    return _ITEM.fullmatch(item.strip()) is not None and not (
        {word.lower() for word in item.split()} & _CLAUSE_WORDS
    )


def _without_trailing(claim: str) -> str:
    """`claim` without its "…, whatever you ordered" clauses; a comma that closed one before
    "and"/"but" goes with it ("every order, whatever you ordered, and …" → "every order and
    …")."""
    pieces: list[str] = []
    at = 0
    for found in _TRAILING.finditer(claim):
        pieces.append(claim[at : found.start()])
        at = found.end()
        if found.group(0).startswith(",") and re.match(r",\s+(?:and|but)\b", claim[at:]):
            at += 1
    pieces.append(claim[at:])
    return "".join(pieces)


def _claim_narrowed(route: CategoryRoute, text: str, *, say: bool = True) -> str | None:
    """A claim over every category with its universal words dropped or made "every other"
    and the new route said for the category in brackets (after the sentence, when the new
    route tells the customer something of its own; not at all when `say` is False: the item
    said it already); None when a universal word stays."""
    body = text.rstrip()
    end = len(body.rstrip(".!"))
    claim, tail = body[:end], body[end:]
    leading = _lead_end(claim)
    if leading is not None:
        rest = claim[leading:]
        claim = rest[:1].upper() + rest[1:]
    claim = _without_trailing(claim)
    claim = _QUANTIFIED.sub(lambda m: f"{m.group(1)} other {m.group(2)}", claim)
    if _UNIVERSAL.search(claim) or claim == body[:end]:
        return None
    if _names_category(route, claim):
        # what is left of the claim still lists the category ("…, whatever you bought: a
        # frame, a battery or gears"): narrowing it is a writer's call
        return None
    if not say:
        return f"{claim}{tail}"
    if route.told:
        return f"{claim}{tail or '.'} {route.route_sentence(text)}"
    return f"{claim} ({route.said}){tail}"


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _list_narrowed(route: CategoryRoute, text: str) -> str | None:
    """A claim over every category that lists them ("Whatever you ordered, a frame, a battery
    or gears, we …") said for the others alone ("If you ordered a frame or gears, we …") and
    followed by the new route; None when the sentence lists no such alternatives, names the
    category in one item or none, or claims every case in the rest too."""
    body = text.rstrip()
    end = len(body.rstrip(".!"))
    if end == len(body) and not body.endswith((".", "!")):
        return None
    segments = body[:end].split(", ")
    claim = _LIST_CLAIM.match(segments[0])
    if claim is None or len(segments) < 3:
        return None
    listed: list[str] = []
    last = 1
    for at in range(1, len(segments) - 1):
        items = [item for item in _ITEM_SPLIT.split(segments[at]) if item.strip()]
        if not items or not all(_category_item(item) for item in items):
            break
        listed += items
        last = at + 1
    naming = [item for item in listed if _names_category(route, item)]
    others = [item for item in listed if item not in naming]
    rest = ", ".join(segments[last:])
    if len(naming) != 1 or not others or _ALL_CASES.search(rest):
        return None
    lead = segments[0]
    capital = lead[:1].isupper()
    if claim.group("who"):
        opening = f"if {claim.group('who')} {claim.group('verb')} {_listed(others)}"
        opening += lead[claim.end() :]
    else:
        opening = f"for {_listed(others)}"
    opening = opening[:1].upper() + opening[1:] if capital else opening
    return f"{opening}, {rest}{body[end:]} {route.route_sentence(text)}"


def _other_row(route: CategoryRoute, raw: str) -> bool:
    """Whether a table row or list item is about another category: its key (or the item)
    names no word of the category's and claims no case beyond its own."""
    stripped = raw.strip()
    if stripped.startswith("|"):
        cells = stripped.strip("|").split("|")
        key = cells[0] if cells else ""
        if not key.strip() or set(key.strip()) <= set("-: "):
            return False
        return not _names_category(route, key) and not _ALL_CASES.search(key)
    if re.match(r"[-*+]\s|\d+[.)]\s", stripped):
        return not _names_category(route, stripped) and not _ALL_CASES.search(stripped)
    return False


def _about_category(route: CategoryRoute, title: str, body: str) -> bool:
    """Whether an item is about the re-routed category alone: its title or its first
    sentences name the category (a macro "Arrived damaged", "your basin arrived damaged"), no
    sentence naming the old team claims every case, and it names none of the others. Such an
    item's sentences naming the old team are the category's route and take the new one in
    place."""
    said = f"{title}\n{body[:600]}"
    if not _names_category(route, said):
        return False
    claims = [
        sentence
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", body)
        if _names(route.old_team, sentence) and _ALL_CASES.search(sentence)
    ]
    if claims or any(_names_value(value, body) for value in route.others):
        return False
    return not body.lstrip().startswith("#") and "|" not in body


def _team_like(team: str, written: str) -> str:
    """The new team written as the KB wrote the old one: its "our" kept, capitalised as the
    old one opened ("Support desk" → "Delivery claims team", "our support desk" → "our
    Delivery Claims team")."""
    lead = re.match(r"(?i:our)\s+", written)
    if lead is not None:
        return lead.group(0) + team
    if written[:1].isupper():
        return team[:1].upper() + team[1:]
    return team


def _time_like(route: CategoryRoute, told: str, like: str) -> str:
    """`told` with its time written the way `like` writes the old route's ("within five
    working days" → "within two working days")."""
    old = find_quantities(route.kept_told)
    stated = [q for q in find_quantities(like) if any(same_amount(q, o) for o in old)]
    new = find_quantities(told)
    if len(new) != 1 or not stated or new[0].measure != stated[0].measure:
        return told
    written = written_like(new[0], stated[0])
    if written is None:
        return told
    return told[: new[0].start] + written + told[new[0].end :]


def _row_route(route: CategoryRoute, raw: str) -> str | None:
    """A row about the category with the new route's way of contact and time in its cells
    for the old route's ("By email within 5 working days" → "By phone within 1 working
    day"); None when a cell keeps the old way or time."""
    old_channels = stated_channels(route.kept_told)
    new_channels = stated_channels(route.told)
    moved = old_channels - new_channels
    text = raw
    if moved:
        if len(new_channels) != 1:
            return None
        [new] = new_channels
        for old in moved:
            said = channel_cell(text, old, new)
            if said is None:
                return None
            text = said
    olds = find_quantities(route.kept_told)
    news = find_quantities(route.told)
    pieces: list[str] = []
    at = 0
    for stated in find_quantities(text):
        if not any(same_amount(stated, old) for old in olds):
            continue
        instead = [new for new in news if new.measure == stated.measure]
        if len(instead) != 1:
            return None
        pieces += [text[at : stated.start], written_like(instead[0], stated) or instead[0].text]
        at = stated.end
    return "".join([*pieces, text[at:]])


def category_route_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item naming the old team of a hand-off re-routed for one category
    (`category_route`): a row or list item about the category names the new team in place,
    and the new route's way of contact and time; a claim listing every category is said for
    the others and followed by the new route (`_list_narrowed`); another claim over every
    category keeps the old team for the others ("every other …") and says the new route for
    the category. Flagged when a conflicting unit cannot be said so. None for any other
    change."""
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
    said_once: list[str] = []
    about_category = _about_category(route, impact.item.title, impact.item.body)

    def narrowed(raw: str) -> str | None:
        if said_once and route.told:
            # the new route is said once: a second claim only loses its universal words
            return _claim_narrowed(route, raw, say=False)
        written = _list_narrowed(route, raw) if not route.bounded else None
        written = written or _claim_narrowed(route, raw)
        if written is not None:
            said_once.append(raw)
        return written

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in conflicting:
            return Keep.UNIT
        if not _names(route.old_team, unit.text) or unit.raw.lstrip().startswith("#"):
            return Keep.BLOCK
        if _other_row(route, unit.raw):
            return Keep.UNIT  # another category's row: what its customers still get
        if _category_row(route, unit.raw) or (about_category and not route.bounded):
            pattern = _team_pattern(route.old_team)
            if route.bounded:
                # the category's other cases still go to the old team: it stays, with the
                # re-routed part said beside it
                return pattern.sub(lambda m: f"{m.group(0)} ({route.said})", unit.raw, count=1)
            row = pattern.sub(lambda m: _team_like(route.new_team, m.group(0)), unit.raw)
            if route.told:
                routed = _row_route(route, row)
                return Keep.BLOCK if routed is None else routed
            return row
        written = narrowed(unit.raw)
        return Keep.BLOCK if written is None else written + unit.raw[len(unit.raw.rstrip()) :]

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
    told = f" ({route.told})" if route.told else ""
    return new_body, (
        f"The new prompt sends one category to the {route.new_team}{told}: {rule} The others "
        f"still go to the {route.old_team}. This {impact.item.kind} named the "
        f"{route.old_team} for that category: the edit names the new route for it, its team, "
        "way of contact and time together, and keeps the old one for the rest."
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
    if route.told:
        return (
            f"the hand-off is re-routed only for one category: {route.said}, and "
            f"{route.told}; every other case still goes to the {route.old_team} "
            f"({route.kept_told}): the team, the way of contact and the time move together, "
            "never one of them alone: a sentence naming the "
            f"{route.old_team} for every case keeps it for the others (a list of every "
            "category loses that one) and says the new route once after it "
            f"(“{route.route_sentence()}”); a row or item about that category alone names the "
            f"{route.new_team} and the new way of contact and time"
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
    if route.told:
        problems += _route_unsaid(route, template_body, new_body)
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


def _route_unsaid(route: CategoryRoute, template_body: str, new_body: str) -> list[str]:
    """A drafting model's edit that moves part of the new route alone: a row or item about
    the category still giving the old way of contact or time, or the new way of contact
    left unsaid where the template's edit says it."""
    problems = []
    old_channels = stated_channels(route.kept_told) - stated_channels(route.told)
    old_times = find_quantities(route.kept_told)
    template_rows = {line.strip() for line in template_body.splitlines()}
    for line in new_body.splitlines():
        if not _category_row(route, line) or line.strip() in template_rows:
            continue
        kept_way = any(names_channel(line, channel) for channel in old_channels)
        kept_time = any(
            same_amount(stated, old) for stated in find_quantities(line) for old in old_times
        )
        if kept_way or kept_time:
            problems.append(
                f"the row “{line.strip()}” gives the category the old way of contact or time: "
                f"its new route is {route.said}, and {route.told}; the team, the way of contact "
                "and the time move together"
            )
    new_way = stated_channels(route.told)
    if new_way and _says_way(template_body, new_way) and not _says_way(new_body, new_way):
        problems.append(f"say how the new team reaches them: {route.told}")
    return problems


def _says_way(body: str, channels: set[str]) -> bool:
    """Whether a body says one of `channels` as a way of contact, in a sentence or a cell."""
    for line in body.splitlines():
        if channels & stated_channels(line):
            return True
        if any(names_channel(line, channel) for channel in channels):
            return True
    return False
