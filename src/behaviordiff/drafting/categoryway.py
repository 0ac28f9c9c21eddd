"""A new way for one category of the change's condition, where the KB says the old way holds
for every category.

The new prompt swaps an action for one category, often only for one value of a yes/no tool
result ("Cats are the exception: if a cat's prescription has expired, do not dispatch
anything. Ask the cat's vet to confirm the prescription with `request_vet_confirmation`, and
tell the owner we dispatch as soon as the vet confirms, usually within 2 working days." for
species = cat and check_prescription.expired = true). A KB sentence stating the old way for
every category, as alternatives naming the category ("whether it's for a cat, a dog or a
rabbit, we send one 28-day supply straight away") or as a claim over what the category is a
kind of ("for any pet", "whatever the pet"), is wrong for that category now: it is said once
for the others and once, the new way, for the category, or given the category's case as its
exception, in the item's own words.

An item about the other value of the condition's flag (a valid prescription, when the change
is about expired ones) is not about the change at all, whatever old values it shares: the
new prompt names that value by a label of its own beside the flag's ("Valid prescription:"
beside "Expired prescription:").

The new prompt may also withhold a promise from one category, with nothing done in its place
but what the customer is told ("For a camera body, don't promise a replacement or a time:
tell the customer the fault is logged and our repairs team will be in touch." while lenses
and flashes keep the next-morning replacement, for kit_type = body): the way is then what
the customer is told (`withheld_promise_way`). A sentence promising it for every category
("…, whether it's a camera body, a lens or a flash.") keeps the promise for the others and
says what the category gets now; a list with an item per category keeps the other items
byte for byte and says it in the category's item ("- Camera bodies: our repairs team will be
in touch.").

Pure text helpers, from two readings of the new prompt that `build_facts` stores on the facts
(`caselabels.kind_words`, `caselabels.flag_other_words`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from behaviordiff.drafting.caselabels import category_values, flag_words
from behaviordiff.drafting.casestep import labelled_item
from behaviordiff.drafting.categories import category_pattern, kind_nouns
from behaviordiff.drafting.facts import ChangeFacts, value_pattern
from behaviordiff.drafting.rules import ADDRESSEE, restated_rule
from behaviordiff.drafting.subsets import list_items
from behaviordiff.drafting.text import (
    Unit,
    row_cells,
    stem,
    still_saying,
    terms,
    verb_terms,
    with_one_cell,
)

if TYPE_CHECKING:
    from behaviordiff.detect.model import Condition

CATEGORY_WAY_REASON = "states the old way for every category; one category is now handled otherwise"
CATEGORY_ITEM_REASON = "states for its category a promise the new prompt withholds from it"

_ARGUMENTS = re.compile(
    r"\s*\(\s*[a-z_][a-z0-9_]*(?:\s+[\w.]+)?(?:\s*,\s*[a-z_][a-z0-9_]*(?:\s+[\w.]+)?)*\s*\)"
)
"""A tool's argument names written after it ("(pet_name, medicine)"), some with the value
to pass ("(order_ref, amount, terms_days 30)"): the agent's business."""
_GLOSS = re.compile(r"\s*\([^()]*\)")
"""A parenthesis in a rule's label: how the agent reads the case off its tools ("(account type
business)"), not words for a KB."""
_COUNTED_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][^:;.!?`]*?):\s")
"""A rule's label up to its colon ("Club accounts (member type club) hiring more than 6
bikes: …")."""
_CASE = re.compile(r"\b(?:if|when|whenever)\s+(?P<case>[^,;:.!?]+)", re.I)
_WORD = r"(?:[A-Za-z][\w'’-]*|&)"
_WHETHER = re.compile(
    rf"\b(?P<word>[Ww]hether)\s+(?P<lead>(?:{_WORD}\s+){{0,3}}?(?:for|with|on|in|at|by|about)\s+)?"
    rf"(?P<items>(?:{_WORD}\s+){{0,4}}?{_WORD}(?:,\s+(?:{_WORD}\s+){{0,3}}?{_WORD})*,?\s+or\s+"
    rf"(?:{_WORD}\s+){{0,5}}?{_WORD})(?P<end>,\s+|(?=[.!?][\"'”’)]*\s*$))"
)
"""A "whether … or …" clause listing the cases the rest of the sentence holds for, before it
("whether it's for a cat, a dog or a rabbit, ") or ending it (", whether it's a camera body,
a lens or a flash." : `end` is empty)."""
_ITEM_SPLIT = re.compile(r",\s+(?:or\s+|and\s+)?|\s+(?:or|and)\s+")
_CLAIM = re.compile(
    rf"(?P<lead>,\s*)?\b(?:(?:for|to|on|with|at|in)\s+(?:any|every|each|all)\s+(?:of\s+)?"
    rf"(?:(?:the|our|your)\s+)?(?P<noun>{_WORD})"
    rf"|(?:whatever|whichever|regardless\s+of|no\s+matter)\s+(?:(?:the|your|which)\s+)?"
    rf"(?:(?:you|they|we)\s+(?P<verb>{_WORD})|(?P<other>{_WORD})))(?P<more>\s+and\s+(?=whatever|whichever|regardless|no\s+matter|"
    r"for\s+any|for\s+every))?",
    re.I,
)
"""A claim over every kind of something: ", for any pet", "whatever the pet and ", or over
what was done to it ("Whatever you ordered", read with `verb` against the tool's noun:
`lookup_order`)."""


def about_other_value(facts: ChangeFacts, title: str, text: str) -> bool:
    """Whether a KB item is about the other value of the change's flag (`flag_other`): it
    names that value and never the flag ("Order released (valid prescription)" when the
    change is about expired prescriptions)."""
    if not facts.flag_other:
        return False
    said = set(terms(title + "\n" + text))
    return bool(said & set(facts.flag_other)) and not said & flag_words(facts.conditions)


@dataclass(frozen=True)
class CategoryWay:
    """The one category a change handles a new way, and that way in a KB's voice."""

    named: re.Pattern[str]
    """How text names the category ("cat", "Cats")."""
    kinds: frozenset[str]
    """Stems of what the category is a kind of ("pet", "speci")."""
    flag: frozenset[str]
    """Stems of the condition's flag ("expir"); empty when the category is the whole case."""
    case: str
    """The case as the new prompt says it, as a clause ("when a cat's prescription has
    expired"; "for cats" when the prompt names only the category)."""
    statement: str
    """What we now do for it ("we ask the cat's vet to confirm the prescription, and we
    dispatch as soon as the vet confirms, usually within 2 working days")."""
    rule: str
    """The new prompt sentences the case and statement come from."""
    parts: tuple[str, ...] = ()
    """The statement's clauses, when it is what the customer is told ("the fault is logged",
    "our repairs team will be in touch"): one the KB text already says is not said again."""
    promises: tuple[str, ...] = ()
    """The values of the promise the new prompt withholds from the category ("replacement",
    "10am"); empty when the category's way is a new action (`_swapped_action_way`)."""
    withheld: str = ""
    """The action the new prompt withholds from the category, in its words ("issue a
    refund"), when an offer takes its place (`withheld_action_way`); empty otherwise."""
    moved: re.Pattern[str] | None = None
    """How text says an argument's new value for the category ("store credit" for
    refund_to store_credit), when the way is that value (`_moved_argument_way`)."""

    def said_for(self, known: str) -> str:
        """The statement without the clauses whose every word `known` (the KB item's text)
        already says: "our repairs team will be in touch" where the item says "I've logged
        the fault"; the whole statement when that leaves nothing."""
        said = set(terms(known))
        kept = [part for part in self.parts if not set(terms(part)) <= said]
        return " and ".join(kept) if kept else self.statement


_VERBS = frozenset({"tell", "ask", "give", "offer", "book", "refund", "send", "say", "do", "don't"})
"""Words a label that is an instruction, not a case, opens with ("Tell them: …")."""
_WORDED_ARGUMENTS = re.compile(r"\s*\((?=[^()]{0,200}_)[a-z][a-z_ ,]{0,200}\)")
"""A tool's arguments in words beside their names ("(order reference and amount_gbp)")."""


def _statement(rule: str) -> str | None:
    label = _CASE_LABEL.match(rule)
    if label is not None and label.group("label").split(" ", 1)[0].lower() not in _VERBS:
        # "Sale items: give store credit …": the label is the case, said apart (`_case`)
        rule = rule[label.end() :]
    rule = _WORDED_ARGUMENTS.sub("", rule)
    actions, told = restated_rule(rule)
    actions = [_ARGUMENTS.sub("", action).strip() for action in actions]
    told = [_ARGUMENTS.sub("", said).strip() for said in told]
    actions = [action for action in actions if action]
    if not actions:
        return None
    doing = " and ".join(action[:1].lower() + action[1:] for action in actions)
    said = "".join(f", and {clause}" for clause in told if clause)
    statement = f"we {doing}{said}"
    return None if "`" in statement or "{{" in statement else statement


def _counted_case(
    texts: Sequence[str], named: re.Pattern[str], bounds: Sequence[float]
) -> str | None:
    """The case of a category and a count as a rule's label says both ("Club accounts (member
    type club) hiring more than 6 bikes: …" → "for club accounts hiring more than 6 bikes"),
    without its parenthesis for the agent; None when no label of at most twelve words names
    the category and states a bound of the change's condition (`bounds`)."""
    for text in texts:
        found = _COUNTED_LABEL.match(text)
        if found is None:
            continue
        label = re.sub(r"\s+", " ", _GLOSS.sub("", found["label"])).strip()
        numbers = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", label)}
        if named.search(label) and numbers & set(bounds) and len(label.split()) <= 12:
            return f"for {label[:1].lower()}{label[1:]}"
    return None


def _bounds(conditions: Sequence[Condition]) -> list[float]:
    """The numeric thresholds of the change's first condition ("guests > 40" → 40)."""
    found: list[float] = []
    for atom in conditions[0].atoms if conditions else ():
        for value in (atom.value, atom.low, atom.high):
            if isinstance(value, int | float) and not isinstance(value, bool):
                found.append(float(value))
    return found


def _case(
    texts: Sequence[str], named: re.Pattern[str], flag: set[str], bounds: Sequence[float] = ()
) -> str | None:
    """The case as the new prompt says it: its "if"/"when" clause naming the category and the
    flag ("when a cat's prescription has expired"), else, when the condition also bounds a
    count, the rule's label naming the category and the count (`_counted_case`: "for club
    accounts hiring more than 6 bikes"), else the category and the clause naming the flag
    ("for cats, when the prescription has expired"), else the category alone when the
    condition has no flag ("for cats"); None when the prompt says the flag nowhere."""
    clauses = [
        found["case"].strip()
        for text in texts
        for found in _CASE.finditer(text)
        if "`" not in found["case"]
    ]
    flagged = [clause for clause in clauses if not flag or flag & set(terms(clause))]
    both = [clause for clause in flagged if named.search(clause)]
    if both:
        return f"when {both[0]}"
    counted = _counted_case(texts, named, bounds) if not flag else None
    if counted is not None:
        return counted
    written = next((found.group(0) for text in texts if (found := named.search(text))), None)
    if written is None or (flag and not flagged):
        return None
    labelled = next(
        (found["label"] for text in texts if (found := _CASE_LABEL.match(text)) is not None),
        None,
    )
    if not flag and labelled is not None and named.search(labelled):
        # "Sale items: …": the label says whom the way is for ("for sale items")
        return f"for {labelled[:1].lower()}{labelled[1:]}"
    return f"for {written.lower()}" + (f", when {flagged[0]}" if flag else "")


def category_way(facts: ChangeFacts) -> CategoryWay | None:
    """The new way a change handles the one category its condition names: an action swapped
    for a new one (`_swapped_action_way`), or a promise withheld from it with only what the
    customer is told in its place (`withheld_promise_way`). None for any other change, or when
    the prompt does not say the way in words a KB can take."""
    return (
        _swapped_action_way(facts)
        or withheld_promise_way(facts)
        or withheld_action_way(facts)
        or _moved_argument_way(facts)
    )


_WITHHOLDS = re.compile(
    r"\b(?:do not|don't|don’t|never|no longer)\s+(?:promise|offer|guarantee|quote|commit\s+to)\b",
    re.I,
)
"""An instruction not to promise something ("don't promise a replacement or a time")."""
_TOLD = re.compile(
    r"\b(?:tell|inform|let)\s+(?:the\s+\w+|them|him|her)(?:\s+know)?\s+(?:that\s+)?"
    r"(?P<told>[^;:.!?`]+)",
    re.I,
)
_CASE_LEAD = re.compile(r"^(?P<lead>(?:for|with|on|if|when)\b[^,;:]*)", re.I)
_CASE_LABEL = re.compile(r"^(?P<label>[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,3}):\s")
"""A rule's label naming its case ("Camera bodies: don't promise …")."""
_TOLD_PARTS = re.compile(r",?\s+and\s+(?=(?:\w+\s+){0,3}?(?:will|is|are|can|has|have)\b)")


def withheld_promise_way(facts: ChangeFacts) -> CategoryWay | None:
    """A promise the new prompt withholds from the one category of the change's condition,
    with what the customer is told instead as the category's way: "For a camera body, don't
    promise a replacement or a time: tell the customer the fault is logged and our repairs
    team will be in touch." → for a camera body, "the fault is logged and our repairs team
    will be in touch". Only for a change that took or dropped no action and whose old replies
    stated promises the new ones do not (`removed_promises`); None when no changed prompt
    sentence naming the category says not to promise and what to tell instead."""
    categories = category_values(facts.conditions)
    if len(categories) != 1 or not facts.restricted or not facts.removed_promises:
        return None
    if facts.before_actions or facts.after_actions or facts.moves or facts.moved:
        return None
    feature, value = categories[0]
    named = category_pattern(value)
    for rule in facts.rules:
        if not rule.kind.startswith("sentence") or not rule.new or not named.search(rule.new):
            continue
        withheld = _WITHHOLDS.search(rule.new)
        told = _TOLD.search(rule.new, withheld.end()) if withheld else None
        if told is None:
            continue
        statement = told.group("told").strip().rstrip(",")
        for pattern, replacement in ADDRESSEE:
            statement = pattern.sub(replacement, statement)
        # "tell them it's logged with `log_fault`": the told words stop at the agent's tool
        if not statement or "{" in statement or rule.new[told.end() :].startswith("`"):
            return None
        case = _case_words(rule.new, named)
        parts = tuple(part.strip() for part in _TOLD_PARTS.split(statement) if part.strip())
        return CategoryWay(
            named,
            frozenset(facts.kind_words) | frozenset(kind_nouns(feature)),
            frozenset(),
            case,
            statement,
            rule.new,
            parts,
            tuple(promise.value for promise in facts.removed_promises),
        )
    return None


_WITHHOLDS_ACTION = re.compile(
    r"\b(?:do not|don't|don’t|never|no longer)\s+(?P<withheld>[a-z][^;:.!?`]*?)\s*"
    r"(?:[:;]|\.\s|,?\s+(?:but|instead)\b,?)\s*(?P<rest>[^`]*?[^\s`])\s*$",
    re.I,
)
"""An instruction not to take an action, then what to do in its place ("don't issue a refund:
offer a store voucher for the price paid plus £10, and tell the customer …")."""


def withheld_action_way(facts: ChangeFacts) -> CategoryWay | None:
    """An action the new prompt withholds from the one category of the change's condition,
    with something else offered in its place: "For fragrance, don't issue a refund: offer a
    store voucher for the price paid plus £10, and tell the customer that if they'd like it,
    we'll email the voucher code within 1 working day." → for fragrance, "we offer a store
    voucher for the price paid plus £10, and if you'd like it, we'll email the voucher code
    within 1 working day", while the other categories keep the action (the change is
    `restricted`). Only for a change that dropped an action and took no new one (a hand-off
    included), whose prompt sentence naming the category withholds it in words the action's
    name shares ("issue a refund" for `refund_item`); its `promises` are what the old replies
    stated with the action and the new ones do not (`removed_promises`). None for any other
    change, or when the offer is not said in words a KB can take."""
    categories = category_values(facts.conditions)
    if len(categories) != 1 or not facts.restricted or not facts.before_actions:
        return None
    if facts.moves or facts.moved or facts.escalation == "added":
        return None
    before = {action.name for action in facts.before_actions}
    kept = {action.name for action in facts.after_actions}
    if kept - before:
        # a new tool or a hand-off in the action's place is another class
        return None
    dropped = [action for action in facts.before_actions if action.name not in kept]
    if not dropped or any(action.is_escalation for action in dropped):
        return None
    feature, value = categories[0]
    named = category_pattern(value)
    for rule in facts.rules:
        if not rule.kind.startswith("sentence") or not rule.new or not named.search(rule.new):
            continue
        found = _WITHHOLDS_ACTION.search(rule.new)
        if found is None or named.search(found["withheld"]):
            continue
        withheld = found["withheld"].strip()
        said = set(terms(withheld))
        if not any(_name_stems(action.name) & said for action in dropped):
            continue
        statement = _statement(found["rest"])
        if statement is None:
            return None
        case = _case_words(rule.new, named)
        return CategoryWay(
            named,
            frozenset(facts.kind_words) | frozenset(kind_nouns(feature)),
            frozenset(),
            case,
            statement,
            rule.new,
            promises=tuple(promise.value for promise in facts.removed_promises),
            withheld=withheld,
        )
    return None


def _name_stems(name: str) -> set[str]:
    """The stems of a tool name's longer words ("refund_item" → refund, item)."""
    return {stem(word) for word in name.lower().split("_") if len(word) > 3}


def _swapped_action_way(facts: ChangeFacts) -> CategoryWay | None:
    """An action swapped for a new one for the one category of the change's condition, said
    by a new prompt sentence that calls the new tool where it or another new sentence of its
    section names the category."""
    categories = category_values(facts.conditions)
    if len(categories) != 1 or not facts.restricted or not facts.before_actions:
        return None
    before = {action.name for action in facts.before_actions}
    new = [a.name for a in facts.after_actions if a.name not in before and not a.is_escalation]
    if len(new) != 1:
        return None
    feature, value = categories[0]
    named = category_pattern(value)
    tool = re.compile(rf"`{re.escape(new[0])}`")
    for rule in facts.rules:
        if not rule.kind.startswith("sentence") or not rule.new or not tool.search(rule.new):
            continue
        siblings = [
            other.new
            for other in facts.rules
            if other is not rule
            and other.new
            and other.kind.startswith("sentence")
            and other.section == rule.section
        ]
        texts = [rule.new, *siblings]
        if not any(named.search(text) for text in texts):
            continue
        statement = _statement(rule.new)
        if statement is None:
            return None
        case = _case(texts, named, flag_words(facts.conditions), _bounds(facts.conditions))
        if case is None:
            return None
        kinds = frozenset(facts.kind_words) | frozenset(kind_nouns(feature))
        used = [
            other.new
            for other in facts.rules
            if other.new and (other is rule or (other.new in siblings and named.search(other.new)))
        ]
        return CategoryWay(
            named,
            kinds,
            frozenset(flag_words(facts.conditions)),
            case,
            statement,
            " ".join(dict.fromkeys(used)),
        )
    return None


def _moved_argument_way(facts: ChangeFacts) -> CategoryWay | None:
    """The same action, one of its arguments moved for the one category of the change's
    condition ("Orders paid with a Tessellate gift card (payment method gift_card): refund as
    store credit (refund_to store_credit), not back onto the gift card." for paid_with =
    gift_card, `refund_return` with refund_to original_payment → store_credit): the way is
    the new prompt sentence naming the category and the argument's new value, with what its
    section's new sentences tell the customer ("Tell them the credit is on their Tessellate
    account straight away, …"). None for any other change, or when no such sentence says it
    in words a KB can take."""
    categories = category_values(facts.conditions)
    if len(categories) != 1 or not facts.restricted or not facts.before_actions:
        return None
    if facts.moves or facts.moved or facts.escalation == "added":
        return None
    before = {action.name: dict(action.arguments) for action in facts.before_actions}
    after = {action.name: dict(action.arguments) for action in facts.after_actions}
    if set(before) != set(after) or any(a.is_escalation for a in facts.after_actions):
        return None
    moved = [
        (key, value)
        for name, arguments in after.items()
        for key, value in arguments.items()
        if before[name].get(key) not in (None, value)
    ]
    if len(moved) != 1:
        return None
    _key, value = moved[0]
    feature, category = categories[0]
    named = category_pattern(category)
    valued = re.compile(rf"(?<![\w-]){re.escape(value).replace('_', '[_ ]')}(?![\w-])", re.I)
    for rule in facts.rules:
        if not rule.kind.startswith("sentence") or not rule.new or not named.search(rule.new):
            continue
        if not valued.search(rule.new):
            continue
        # the case is the rule's label naming the category ("Orders paid with a gift card
        # (payment method gift_card): …"), or the subject of its passive ("Orders paid with a
        # gift card are refunded as store credit …"), never an instruction's condition ("If
        # the zone is outer_villages, don't book same-day: …")
        label = _COUNTED_LABEL.match(rule.new)
        passive = _PASSIVE.match(" ".join(rule.new.split())) if label is None else None
        head = label["label"] if label is not None else passive["subject"] if passive else ""
        if not head or not named.search(head):
            continue
        said = re.sub(r"\s+", " ", _GLOSS.sub("", head)).strip()
        if len(said.split()) > 12 or "," in said or _CASE_LEAD.match(said):
            continue
        case = f"for {said[:1].lower()}{said[1:]}"
        if passive is not None:
            statement = _passive_statement(passive)
        else:
            body = rule.new[label.end() :] if label is not None else ""
            statement = _statement(body[:1].upper() + body[1:])
        if statement is None:
            return None
        telling = [
            other.new
            for other in facts.rules
            if other is not rule
            and other.new
            and other.kind == "sentence_added"
            and other.section == rule.section
            and _TELL.match(other.new)
        ]
        told = [
            clause
            for sentence in telling
            for clause in restated_rule(sentence.rstrip("."))[1]
            if clause and "`" not in clause and "{{" not in clause
        ]
        statement += "".join(f", and {clause}" for clause in told)
        return CategoryWay(
            named,
            frozenset(facts.kind_words) | frozenset(kind_nouns(feature)),
            frozenset(),
            case,
            statement,
            " ".join([rule.new, *telling]),
            moved=valued,
        )
    return None


_PASSIVE = re.compile(
    r"^(?P<subject>[A-Z][^,;:`]{3,80}?)\s+(?P<verb>are|is)\s+(?P<done>[a-z]+ed)\s+(?P<rest>[^`]*)$"
)
"""A rule said of its case in the passive ("Orders paid with a gift card are refunded as store
credit on the customer's account (refund_to store_credit), ready to spend straight away.")."""


def _passive_statement(found: re.Match[str]) -> str | None:
    """What a passive rule says is done, of "it", in the KB's voice, its code asides and what it
    says against the old way left out: "it is refunded as store credit on your account, ready
    to spend straight away"; None when anything of the agent's is left."""
    rest = _WORDED_ARGUMENTS.sub("", _ARGUMENTS.sub("", found["rest"]))
    rest = re.split(r"\s*;\s*", rest.strip().rstrip("."), maxsplit=1)[0]
    # "it", the refund or order at hand, reads after any case the KB gives ("if that's a gift
    # card, it is refunded as store credit …")
    said = f"it is {found['done']} {rest}".strip().rstrip(",")
    for pattern, replacement in ADDRESSEE[:2]:
        said = pattern.sub(replacement, said)
    return None if "`" in said or "{{" in said or "_" in said else said


_TELL = re.compile(r"(?:tell|let)\s+(?:them|the\s+customer)\b", re.I)
"""A new sentence only saying what the customer is told ("Tell them the credit is …")."""


def _stems(word: str) -> set[str]:
    word = word.lower()
    return {stem(word), stem(word[:-1])} if word.endswith("s") else {stem(word)}


_DETERMINER = re.compile(r"(?:a|an|the|your|our|their)\s", re.I)
_SUBJECT = re.compile(
    r"(?:it|they|that|this)(?:['’]s|['’]re|\s+is|\s+are|\s+was|\s+were)\s+(?=\S)", re.I
)
"""A list's first item opening with what the list is said of ("it's skincare")."""


def _whether(way: CategoryWay, raw: str) -> tuple[re.Match[str], str, list[str], str] | None:
    """The "whether … or …," clause of a sentence listing the category among others, the
    words its items share ("it's for ", "it's " of "it's a lamp, a vase or a rug"), its other
    items, and the category's item."""
    for found in _WHETHER.finditer(raw):
        items = [item for item in _ITEM_SPLIT.split(found["items"]) if item.strip()]
        lead = found["lead"] or ""
        if not lead and all(_DETERMINER.match(item) for item in items[1:]):
            # "it's a lamp, a vase or a rug": the first item's words before its article are
            # said of every item
            first = re.match(r"(?P<lead>.+?\s)(?=(?:a|an|the|your|our|their)\s)", items[0])
            if first is not None:
                lead, items[0] = first["lead"], items[0][first.end() :]
        elif (
            not lead
            and (subject := _SUBJECT.match(items[0])) is not None
            and not any(_SUBJECT.match(item) for item in items[1:])
        ):
            # "it's skincare, makeup or fragrance": "it's" is said of every item
            lead, items[0] = subject.group(0), items[0][subject.end() :]
        naming = [item for item in items if way.named.search(item)]
        if len(naming) == 1 and len(items) >= 2:
            return found, lead, [item for item in items if item is not naming[0]], naming[0]
    return None


def _kind_claim(way: CategoryWay, raw: str) -> re.Match[str] | None:
    """The first claim of a sentence over every kind of thing the category is ("for any
    pet", "whatever the pet")."""
    for found in _CLAIM.finditer(raw):
        noun = found["noun"] or found["other"] or ""
        if _stems(noun) & way.kinds:
            return found
        # "whatever you purchased": what was done to it, said by the tool's noun
        verb = (found["verb"] or "").lower()
        bases = {verb, verb[:-1], verb[:-2]} if verb.endswith("ed") else {verb}
        if verb and {stem(base) for base in bases} & {stem(kind) for kind in way.kinds}:
            return found
    return None


_LIST = (
    rf"(?P<items>(?:{_WORD}\s+){{0,3}}?{_WORD}(?:,\s+(?:{_WORD}\s+){{0,3}}?{_WORD})*,?\s+"
    rf"(?:and|or)\s+(?:{_WORD}\s+){{0,3}}?{_WORD})"
)
_ALIKE = (
    re.compile(rf"\b(?P<both>[Bb]oth\s+){_LIST}\b"),
    re.compile(rf"{_LIST}(?P<alike>\s+alike)\b"),
)
"""A list said to hold for each of its items: "both cats and dogs", "cats, dogs and rabbits
alike"."""


def _alike(way: CategoryWay, raw: str) -> re.Match[str] | None:
    """The first list of a sentence naming the category among others as all alike ("for
    cats, dogs and rabbits alike", "both cats and dogs")."""
    for pattern in _ALIKE:
        for found in pattern.finditer(raw):
            items = [item for item in _ITEM_SPLIT.split(found["items"]) if item.strip()]
            if len(items) >= 2 and way.named.search(found["items"]):
                return found
    return None


_EXAMPLES = re.compile(r",\s+(?:so|such that|which means)\s+(?P<items>[^,;:.!?]+?)(?=[.!?]?\s*$)")
"""A rule's examples closing its sentence (", so a PayPal payment is refunded to PayPal and
a gift card gets its balance topped back up.")."""
_ALWAYS = re.compile(r"\b(?:always|every|each|all|any)\b", re.I)
_CONJUNCT = re.compile(r"\s+and\s+(?=(?:a|an|the|your|our|their|any|every)\s)", re.I)


def _example(way: CategoryWay, raw: str) -> tuple[int, int] | None:
    """Where a sentence claiming a way always ("Your money always goes back to the card
    you paid with, so …") gives the category's case as one of its closing examples ("and a
    Tessellate gift card gets its balance topped back up"): the span of that example and its
    "and"; None when the sentence has no such example, names the category elsewhere, or
    claims nothing before them."""
    found = _EXAMPLES.search(raw)
    if found is None or not _ALWAYS.search(raw[: found.start()]):
        return None
    if way.named.search(raw[: found.start()]):
        return None
    start = found.start("items")
    cuts = [start, *(m.start() for m in _CONJUNCT.finditer(raw, start, found.end("items")))]
    ends = [*cuts[1:], found.end("items")]
    naming = [
        i for i, (a, b) in enumerate(zip(cuts, ends, strict=True)) if way.named.search(raw[a:b])
    ]
    if len(cuts) < 2 or len(naming) != 1:
        return None
    index = naming[0]
    if index == 0:
        # the first example goes with the "and" after it
        joiner = _CONJUNCT.match(raw, ends[0])
        return (cuts[0], joiner.end() if joiner else ends[0])
    return (cuts[index], ends[index])


_INCLUDED = re.compile(
    rf",?\s+(?:(?P<item>(?:{_WORD}\s+){{0,3}}?{_WORD})\s+included"
    rf"|(?:including|even)\s+(?P<named>(?:{_WORD}\s+){{0,3}}?{_WORD}))(?=\s*[,.!?;:]|$)"
)
"""The category said to be among every case ("…, sale items included.", "…, including
sale items.")."""


_INCLUDES_THEN = re.compile(
    rf",\s+and\s+(?:that|this|it)\s+(?:includes|goes\s+for|applies\s+to)\s+"
    rf"(?P<named>(?:{_WORD}\s+){{0,4}}?{_WORD}):\s+\S"
)
"""A claim said to include the category, its old way said after a colon ("…, and that
includes our own gift cards: if you paid with one, we top its balance back up.")."""


def _includes_then(way: CategoryWay, raw: str) -> int | None:
    """Where the inclusion of the category begins in a sentence claiming a way always
    (`_INCLUDES_THEN`), its old way for the category after it; None for any other sentence."""
    found = _INCLUDES_THEN.search(raw)
    if found is None or not way.named.search(found["named"]):
        return None
    if way.named.search(raw[: found.start()]) or not _ALWAYS.search(raw[: found.start()]):
        return None
    return found.start()


def _included(way: CategoryWay, raw: str) -> tuple[int, int] | None:
    """The span of a sentence's words saying its claim over every case ("Every return …",
    "always") includes the category (", sale items included"); None without such words, or
    when the sentence names the category elsewhere."""
    for found in _INCLUDED.finditer(raw):
        item = found["item"] or found["named"] or ""
        if not way.named.search(item) or not _ALWAYS.search(raw[: found.start()]):
            continue
        if way.named.search(raw[: found.start()] + raw[found.end() :]):
            return None
        return found.start(), found.end()
    return None


_MATTERS = re.compile(
    r"^(?P<head>(?:It|That)\s+(?:doesn't|doesn’t|does\s+not)\s+matter|It\s+makes\s+no\s+"
    r"difference|No\s+matter)\s+whether\s+(?P<items>[^:;.!?]+?)(?::|,)\s+(?P<claim>\S.*)$",
    re.S,
)
"""A claim over every case said first ("It doesn't matter whether you paid full price or
picked it up in our sale: the money goes straight back onto the card you used.")."""
_SUBJECT_WORD = re.compile(r"(?:you|we|they|it)\s", re.I)


def _matters(way: CategoryWay, raw: str) -> tuple[str, str, str] | None:
    """(the other case, the category's case, the claim) of a sentence opening on a claim
    over two cases, one naming the category (`_MATTERS`); the category's case takes the
    other's subject when it has none ("picked it up in our sale" → "you picked it up in our
    sale"). None for any other sentence."""
    found = _MATTERS.match(raw.strip())
    if found is None or way.named.search(found["claim"]):
        return None
    items = found["items"]
    for cut in re.finditer(r"\s+or\s+", items):
        first, second = items[: cut.start()], items[cut.end() :]
        if bool(way.named.search(first)) == bool(way.named.search(second)):
            continue
        other, case = (second, first) if way.named.search(first) else (first, second)
        subject = _SUBJECT_WORD.match(other)
        if subject is not None and not _SUBJECT_WORD.match(case):
            case = subject.group(0) + case
        return " ".join(other.split()), " ".join(case.split()), found["claim"]
    return None


def claims_every_kind(way: CategoryWay, sentence: str) -> bool:
    """Whether a KB sentence says what it says holds for every category: it lists the
    category among others ("whether it's for a cat, a dog or a rabbit", "cats, dogs and
    rabbits alike") or claims it over what the category is a kind of ("for any pet"), naming
    the category nowhere else."""
    if sentence.lstrip().startswith(("#", "|")):
        return False
    listed = _whether(way, sentence)
    found = listed[0] if listed is not None else _alike(way, sentence)
    if found is not None:
        rest = sentence[: found.start()] + sentence[found.end() :]
        return not way.named.search(rest)
    if way.moved is not None and (span := _example(way, sentence)) is not None:
        return not way.named.search(sentence[: span[0]] + sentence[span[1] :])
    # a promise or action withheld: its own writers read such claims
    if not (way.promises or way.withheld) and (
        _included(way, sentence) is not None
        or _matters(way, sentence) is not None
        or (way.moved is not None and _includes_then(way, sentence) is not None)
    ):
        return True
    return _kind_claim(way, sentence) is not None and not way.named.search(sentence)


def without_claim(way: CategoryWay, sentence: str) -> str:
    """A sentence claiming something for every category (`claims_every_kind`) without the
    words of the claim: "…, whether it's a washer, a fridge or an oven." → "…." What it
    claims, read apart from the categories it names."""
    listed = _whether(way, sentence)
    found = listed[0] if listed is not None else _alike(way, sentence)
    found = found or _kind_claim(way, sentence)
    if found is None:
        return sentence
    return sentence[: found.start()] + sentence[found.end() :]


def _with_exception(way: CategoryWay, body: str, tail: str, statement: str) -> str:
    end = len(body.rstrip().rstrip(".!"))
    return f"{body[:end]}, except {way.case}: then {statement}.{tail}"


def with_category_way(way: CategoryWay, raw: str, context: str, known: str = "") -> str | None:
    """A sentence stating the old way for every category, said for the others and, the new
    way, for the category, in its own words; None when it cannot be said safely.

    A "whether" list naming the category, in a sentence or section that says the flag's case
    (`context`), is split: "…: whether it's for a cat, a dog or a rabbit, we send it today."
    → "…: if it's for a dog or a rabbit, we send it today; if it's for a cat, we ask …".
    Otherwise the sentence keeps its list (without "alike" or "both") or loses its claim over
    every kind ("for any pet") and gains the case as its exception: "We send it today, except
    when a cat's prescription has expired: then we ask …". A "whether" list ending the
    sentence ("…, whether it's a camera body, a lens or a flash.") becomes the others' "if"
    clause and the category's case after it ("… if it's a lens or a flash; if it's a camera
    body, our repairs team will be in touch."). `known`: the item's text, whose clauses the
    statement does not say again (`CategoryWay.said_for`)."""
    if not claims_every_kind(way, raw):
        return None
    body = raw.rstrip()
    tail = raw[len(body) :]
    if body[-1:] not in ".!":
        return None
    statement = way.said_for(known or raw)
    whether = _whether(way, body)
    flagged = not way.flag or bool(way.flag & set(terms(raw + "\n" + context)))
    if whether is not None:
        found, lead, others, item = whether
        if not flagged:
            return _with_exception(way, body, tail, statement)
        listed = ", ".join(others[:-1]) + " or " + others[-1] if len(others) > 1 else others[0]
        if not found["end"]:
            # the list ends the sentence: the others' case stays where it was
            head = body[: found.start()].rstrip().rstrip(",")
            if not head or found["word"][:1].isupper():
                return None
            return f"{head} if {lead}{listed}; if {lead}{item}, {statement}.{tail}"
        word = "If" if found["word"][:1].isupper() else "if"
        split = body[: found.start()] + f"{word} {lead}{listed}, " + body[found.end() :]
        end = len(split.rstrip(".!"))
        return f"{split[:end]}; if {lead}{item}, {statement}.{tail}"
    example = _example(way, body) if way.moved is not None else None
    if whether is None and example is not None:
        # "…, so a PayPal payment is refunded to PayPal and a gift card gets its balance
        # topped back up.": the category's example goes, its case becomes the exception
        kept = body[: example[0]] + body[example[1] :]
        return _with_exception(way, kept, tail, statement)
    including = _includes_then(way, body) if way.moved is not None else None
    if including is not None:
        # "Always back the way it came, and that includes our gift cards: if you paid with
        # one, we top its balance back up." → the category is the exception, its new way said
        return _with_exception(way, body[:including], tail, statement)
    matters = _matters(way, body)
    if matters is not None:
        # "It doesn't matter whether you paid full price or picked it up in our sale: the
        # money goes back to your card." → each case its own way
        other, case, claimed = matters
        claimed = claimed.rstrip().rstrip(".!")
        return f"If {other}, {claimed}; if {case}, {statement}.{tail}"
    included = _included(way, body)
    if whether is None and included is not None:
        # "Every return is refunded to the card …, sale items included.": a sentence there
        # to say the category is one of every case says the category's way instead
        return f"{way.case[:1].upper()}{way.case[1:]}, {statement}.{tail}"
    alike = _alike(way, body)
    if alike is not None:
        # "for cats, dogs and rabbits alike": the list stays, what makes it a claim goes
        said = alike["items"]
        if body[alike.start() : alike.start() + 1].isupper():
            said = said[:1].upper() + said[1:]
        kept = body[: alike.start()] + said + body[alike.end() :]
        return _with_exception(way, kept, tail, statement)
    claim = _kind_claim(way, body)
    if claim is None:
        return None
    if claim["more"]:
        # "whatever the pet and whatever the medicine": the other claim stays
        kept = body[: claim.start()] + (claim["lead"] or "") + body[claim.end() :]
    else:
        kept = body[: claim.start()] + body[claim.end() :]
    kept = re.sub(r",(\s*),", r",\1", kept)
    if not body[: claim.start()].strip() and (opening := re.match(r"\s*,\s*", kept)):
        # "Whatever you ordered, a damaged item is …": the sentence opens on what is left
        kept = kept[opening.end() :]
        kept = kept[:1].upper() + kept[1:]
    return _with_exception(way, kept, tail, statement)


def states_withheld(way: CategoryWay, text: str) -> bool:
    """Whether a text states a value of the promise withheld from the category."""
    return any(value_pattern(value).search(text) for value in way.promises)


def says_withheld(way: CategoryWay, facts: ChangeFacts, text: str) -> bool:
    """Whether a text says the action withheld from the category (`withheld_action_way`) by
    a word of its name as well as of the prompt's words for it ("is replaced" for "don't send
    a replacement" and `send_replacement`)."""
    if not way.withheld:
        return False
    named = set().union(*(_name_stems(action.name) for action in facts.before_actions))
    words = set(terms(way.withheld)) & named
    # "replaced" says "replacement": one word's stem begins the other's
    return any(
        min(len(word), len(said)) >= 4 and (said.startswith(word) or word.startswith(said))
        for word in words
        for said in verb_terms(text)
    )


def category_item(way: CategoryWay, raw: str) -> bool:
    """Whether a KB unit is a list item labelled with the category that states the promise
    the new prompt withholds from it ("- Camera bodies: a replacement body …, by 10am the
    next morning.")."""
    found = labelled_item(raw)
    if found is None or not way.named.search(found[0]):
        return False
    if way.moved is not None:
        # "- Returns on gift card orders: refunded onto the same gift card": the category's
        # item saying another way than its new one
        return not way.moved.search(found[1])
    return bool(way.promises) and states_withheld(way, found[1])


def category_row(way: CategoryWay, raw: str) -> bool:
    """Whether a KB unit is a table row of two cells whose first names the category and whose
    second says another way than its new one ("| Returning a sale item | Refund to your card
    within 5 working days |") , for a category's new action or moved argument (no promise
    withheld)."""
    if way.promises or way.withheld or not raw.lstrip().startswith("|"):
        return False
    cells = row_cells(raw)
    if len(cells) != 2 or not way.named.search(cells[0]):
        return False
    if way.named.search(cells[1]) and way.moved is None:
        return False
    if way.moved is not None and way.moved.search(cells[1]):
        return False
    return bool(cells[1]) and not set(cells[1]) <= set("-: ")


_CONTRAST = re.compile(
    r",?\s+(?:instead\s+of|rather\s+than)\s+[^,;]+|,\s+(?:and\s+)?not\s+(?:back\s+)?[^,;]+"
)
"""What a way says of the old one it replaces ("instead of a card refund", ", not back onto
the gift card"): for a text about now, nothing to keep."""


def with_category_row(way: CategoryWay, raw: str) -> str | None:
    """The category's table row (`category_row`) with its second cell saying the new way in
    the table's style, what it says against the old way left out: "| Returning a sale item |
    We give store credit for the price paid, and the store credit code is emailed within 1
    working day of the parcel reaching us |"; None for any other unit."""
    if not category_row(way, raw):
        return None
    said = " ".join(_CONTRAST.sub("", way.statement).split()).strip().rstrip(".")
    # a cell says what happens, not of what: "Refunded as store credit on your account"
    said = re.sub(r"^(?:it\s+is|they\s+are)\s+", "", said)
    if not said:
        return None
    value = row_cells(raw)[1]
    said = said[:1].upper() + said[1:] if value[:1].isupper() else said
    return with_one_cell(raw, lambda cell: cell.strip() == value, lambda _cell: said)


def category_lists(way: CategoryWay, text: str, item_units: Sequence[Unit]) -> list[list[int]]:
    """The lists with an item per category that state the withheld promise: for each, the
    category's item (`category_item`) first, then the items labelled with another category
    that state the promise too (what those categories still get). A category item alone in
    its list, or beside no other item stating the promise, is no such list."""
    found: list[list[int]] = []
    for index, unit in enumerate(item_units):
        if not category_item(way, unit.raw):
            continue
        others = []
        for other in list_items(text, list(item_units), index):
            labelled = labelled_item(item_units[other].raw)
            if (
                other != index
                and labelled is not None
                and not way.named.search(labelled[0])
                and states_withheld(way, labelled[1])
            ):
                others.append(other)
        if others:
            found.append([index, *others])
    return found


def with_category_item(way: CategoryWay, raw: str, known: str) -> str | None:
    """The category's list item saying what the category gets now after its own label, in
    the case the item began its text in: "- Camera bodies: a replacement body …" → "- Camera
    bodies: our repairs team will be in touch."; None for any other unit. `known`: the
    item's text (`CategoryWay.said_for`)."""
    if not category_item(way, raw):
        return None
    found = labelled_item(raw)
    assert found is not None
    label, rest = found
    body = rest.rstrip()
    end = body[len(body.rstrip(".!")) :] or "."
    said = way.said_for(known)
    if body[:1].isupper():
        said = said[:1].upper() + said[1:]
    return f"{label}{said}{end}{rest[len(body) :]}"


def still_claims_every_kind(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still say the old way holds for every category,
    or still claim it over the category's kind beside its case ("for any pet … (for a cat,
    …)"), or, for a promise withheld from the category, its list item that still states it
    (`category_item`): a conflicting sentence kept (`conflicts`), or one the edit wrote. What
    no drafter's edit may say (a drafting model's edit is refused); the item's other
    sentences, claims about other subjects included, stay as they were."""
    way = category_way(facts)
    if way is None:
        return []
    return still_saying(
        # "for any pet" beside the category's case still claims the old way for every pet
        lambda unit: (
            claims_every_kind(way, unit.text)
            or _kind_claim(way, unit.text) is not None
            # the category's own list item still states the promise withheld from it
            or category_item(way, unit.raw)
        ),
        conflicts,
        old_body,
        new_body,
        body_format,
    )


def way_fact(facts: ChangeFacts) -> str | None:
    """The category's new way as the template drafter writes it into KB text, for a drafting
    model's facts; None when the change has none."""
    way = category_way(facts)
    if way is None:
        return None
    if way.withheld:
        return (
            f"{way.case}, the new prompt (“{way.rule}”) withholds an action the old replies "
            f"took (“{way.withheld}”) and offers this instead, in the KB's voice: "
            f"“{way.statement}”. Text saying the old handling for every category (listing it "
            "among others, or “for any …”, “whatever you …”) keeps it for the others and says "
            "this for that case; in a list with an item per category, that category's item "
            "says this instead and the other items stay as they are"
        )
    if way.promises:
        return (
            f"{way.case}, the new prompt (“{way.rule}”) no longer promises what the old replies "
            f"stated ({', '.join(way.promises)}); what that case is told instead, in the KB's "
            f"voice: “{way.statement}”. Text promising it for every category (listing it among "
            "others, or “for any …”) keeps the promise for the others and says this for that "
            "case; in a list with an item per category, that category's item says this "
            "instead and the other items stay as they are"
        )
    return (
        f"{way.case}, the new prompt (“{way.rule}”) has the agent do this, in the KB's voice: "
        f"“{way.statement}”; text saying the old way holds for every category (listing it "
        "among others, or “for any …”, “whatever the …”) says the old way for the others and "
        "this for that case"
    )


def _case_words(sentence: str, named: re.Pattern[str]) -> str:
    """The case a new prompt sentence gives the category, in the sentence's words: its lead
    ("If it's a camera body"), its label ("Camera bodies: don't promise …" → "for camera
    bodies"), else the category's name ("for fragrance")."""
    lead = _CASE_LEAD.match(sentence)
    label = _CASE_LABEL.match(sentence)
    if lead is not None and named.search(lead.group("lead")):
        case = lead.group("lead").strip()
        return case[:1].lower() + case[1:]
    if label is not None and named.search(label.group("label")):
        return f"for {label.group('label').lower()}"
    return f"for {named.search(sentence).group(0).lower()}"  # type: ignore[union-attr]
