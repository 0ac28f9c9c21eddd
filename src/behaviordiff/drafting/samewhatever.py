"""A KB sentence that states the old value *whatever the case* ("Whatever day you drop it off,
… within 3 working days"; "It makes no difference which day you come in: … the same 3 working
days as any other") when the change moved that value for some cases only.

The sentence states a promise the new agent no longer states for the change's conversations,
claims it holds for every kind, and is about the change's subject: it names a value or the
feature of the change's condition ("dropped off", "Saturday"). The same value said of another
service ("dry cleaning takes 3 working days, whichever day you leave it") names neither and is
kept.

The edit (`same_whatever_edit`) drops the claim and says the rule with its exception in the
item's words (`without_whatever`); a drafting model gets the same fact (`same_whatever_fact`)
and its edit the same check (`still_same_whatever`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.detect.model import Condition
from behaviordiff.detect.quantities import (
    Quantity,
    find_quantities,
    read_quantity,
    same_amount,
    written_like,
)
from behaviordiff.detect.wordamounts import (
    DAY_NAMES,
    day_set_written_like,
    day_sets_said,
    day_span_words,
)
from behaviordiff.drafting.facts import ChangeFacts, value_pattern
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.percentwords import worded_percents
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    plain_text,
    rewrite_units,
    still_saying,
    terms,
)
from behaviordiff.drafting.wholeshare import made_share, share_row, with_share_for_case

_EVERY_KIND = re.compile(
    r"\b(?:whatever|whichever|regardless\s+of|no\s+matter)\b"
    r"|\bmakes?\s+no\s+difference\b"
    r"|\bthe\s+same\b[^.;:]*\bas\s+(?:any|every|all)\s+other"
    r"|\b(?:any|every|each)\s+day\b"
    r"|\b(?:any|every)\s+(?:size|amount|length|value)\s+of\b",
    re.I,
)
_SAME_ACROSS = re.compile(
    r"\bwhether\s+it['’]s\b[^.;:]{1,80}\bor\b[^.;:]{1,80}\bthe\s+same\s+way\b", re.I
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
    if not facts.restricted or not facts.removed_promises:
        return None
    wider = _wider_days(sentence, facts.category_values() or ())
    if not _EVERY_KIND.search(sentence) and wider is None and not _SAME_ACROSS.search(sentence):
        return None
    stated = {promise.key for promise in extract_promises(sentence) | worded_percents(sentence)}
    gone = [p for p in facts.removed_promises if p.key in stated and p.kind != "channel"]
    if not gone:
        return None
    if wider is not None or _SAME_ACROSS.search(sentence):
        # a span of days holding the case's days and others ("Monday to Sunday" of a change
        # for Saturday and Sunday) names the case; two cases set side by side as the same
        # ("Whether it's a village hall birthday or a wedding, … works the same way: a
        # quarter of the fee") claim the old value across the line
        return f"{SAME_WHATEVER_REASON} {facts.when()}"
    named = _condition_stems(facts)
    said = set(terms(sentence))
    # crude stems of one word may differ by a letter ("placed" and "place")
    if not any(
        a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
        for a in named
        for b in said
    ) and not _says_old_rule(facts, {p.key for p in gone}, said):
        return None
    return f"{SAME_WHATEVER_REASON} {facts.when()}"


def _case_days(values: Sequence[str]) -> frozenset[int] | None:
    """The days of the week the case's values are (5, 6 of "saturday", "sunday"); None when
    any value is no day."""
    days = [DAY_NAMES.index(value) if value in DAY_NAMES else None for value in values]
    if not days or any(day is None for day in days):
        return None
    return frozenset(day for day in days if day is not None)


def _wider_days(
    sentence: str, values: Sequence[str]
) -> tuple[re.Match[str], frozenset[int]] | None:
    """The one set of days a table row states that holds every day of the case and others
    ("| Party booking, Monday to Sunday | £130 |" of a change for Saturday and Sunday), with
    its days; None for prose, or when there is none or several."""
    case = _case_days(values)
    if case is None or not sentence.lstrip().startswith("|"):
        return None
    found = [
        (match, said.days)
        for match, said in day_sets_said(sentence)
        if said.days is not None and case < said.days
    ]
    return found[0] if len(found) == 1 else None


def _value_said(case: WhateverCase, text: str) -> tuple[int, int, str] | None:
    """(start, end, the new value written as the old one is) of the one place `text` states
    the old value: an amount of time or a count (`written_like`), or a price in digits
    ("£130" → "£145"); None when it states it nowhere or more than once."""
    old = _old_quantity(case, text)
    new_quantity = read_quantity(case.new.value)
    if old is not None and new_quantity is not None:
        new = written_like(new_quantity, old)
        return None if new is None else (old.start, old.end, new)
    if case.old.kind != "money" or case.new.value[:1] != case.old.value[:1]:
        return None
    found = list(value_pattern(case.old.value).finditer(text))
    if len(found) != 1:
        return None
    amount = case.new.value[1:]
    if "." not in found[0].group(0) and amount.endswith(".00"):
        amount = amount[:-3]
    return found[0].start(), found[0].end(), case.new.value[:1] + amount


def split_day_row(case: WhateverCase, row: str) -> str | None:
    """A row stating the old value for a span of days holding the case's (`_wider_days`) as
    two rows: the span's other days keep the old value ("Monday to Friday | £130"), the
    case's days get the new one ("Saturday or Sunday | £145"); None when it cannot be said
    so."""
    wide = _wider_days(row, case.values)
    case_days = _case_days(case.values)
    if wide is None or case_days is None:
        return None
    found, days = wide
    rest = day_span_words(days - case_days)
    rest_said = day_set_written_like(rest, found) if rest is not None else None
    said = _value_said(case, row)
    if rest_said is None or said is None:
        return None
    value_start, value_end, new = said
    if value_start < found.end() and found.start() < value_end:
        return None
    first = row[: found.start()] + rest_said + row[found.end() :]
    second = row
    for start, end, text in sorted(
        [(found.start(), found.end(), case.named(row)), (value_start, value_end, new)],
        reverse=True,
    ):
        second = second[:start] + text + second[end:]
    return first + "\n" + second


_OLD_RULE_WORDS = 3
"""Content words a KB sentence shares with the old prompt sentence stating the value, the
value aside, to be that rule said again."""


def _says_old_rule(facts: ChangeFacts, keys: set[str], said: set[str]) -> bool:
    """Whether a sentence's words (`said`) restate an old prompt sentence that stated one of
    the removed values (`keys`), in `_OLD_RULE_WORDS` of its words besides the value: the
    change's subject even when the sentence names the case by another measure than the
    condition's ("whatever the size of your marquee" of a rule on the quote total)."""
    for rule in facts.rules:
        old = rule.old or ""
        if not old or not {p.key for p in extract_promises(old)} & keys:
            continue
        words = {word for word in terms(old) if not word[:1].isdigit()}
        if len(words & said) >= _OLD_RULE_WORDS:
            return True
    return False


# the rewrite: the old value for the rest, the new one for the condition's cases ------------

_DAYS = DAY_NAMES
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_QUANTIFIER = (
    r"(?:whatever|whichever|no\s+matter\s+(?:what|which)|regardless\s+of\s+(?:the|which|what))"
)
_SUBJECT = r"(?:you|we|they|it|customers?|someone|anyone)\b"
_NOUN = r"[^,;:\s](?:[^,;:]*?[^,;:\s])?"
"""What the claim ranges over ("item you buy": "item"): it starts and ends on a word, so a
run of spaces is one gap between it and the claim, not a choice of splits tried at each space."""
_LEAD_CLAIM = re.compile(
    rf"^{_QUANTIFIER}\s+(?P<noun>{_NOUN})\s+(?P<clause>{_SUBJECT}[^,;:]*),\s*"
    # an aside of alternatives continuing the claim ("…, in the shop or through the drop box,
    # …"); one without ("…, in most cases, …") belongs to what follows
    r"(?:(?:in|at|on|through|by|via|from|over|online)\b(?=[^,;:]*,)[^,;:]*\bor\b[^,;:]*,\s*)?",
    re.I,
)
_TAIL_CLAIM = re.compile(
    rf",\s*{_QUANTIFIER}\s+(?P<noun>{_NOUN})\s+(?P<clause>{_SUBJECT}[^,;:.!]*)(?=[.!]?\s*$)",
    re.I,
)
_NO_DIFFERENCE = re.compile(
    r"^(?:it\s+)?(?:makes?\s+no\s+difference|doesn['’]t\s+matter|does\s+not\s+matter)\s+"
    rf"(?:which|what|whichever)\s+(?P<noun>{_NOUN})\s+(?P<clause>{_SUBJECT}[^,;:]*)"
    r"\s*[:;]\s*",
    re.I,
)
_POSSESSED = r"(?:your|their|his|her|its|our|the)\s+[A-Za-z][\w'’-]*"
_BARE_LEAD = re.compile(
    rf"^{_QUANTIFIER}\s+(?P<noun>{_POSSESSED}(?:\s+(?:for|of)\s+[^,;:]*?)?)(?P<clause>)\s*,\s*",
    re.I,
)
"""A claim with no clause of its own: "Whatever your reason for cancelling, …"."""
_BARE_TAIL = re.compile(
    rf",?\s+{_QUANTIFIER}\s+(?P<noun>{_POSSESSED})(?P<clause>)(?=\s*(?:[,;.!]|$))", re.I
)
"""…, or after the value: "You get a full refund whatever your reason, and …"."""
_THE_SAME = re.compile(r"\bthe\s+same\s+$", re.I)
_AS_ANY_OTHER = re.compile(r"^\s+as\s+(?:any|every|all)\s+others?(?:\s+(?:day|one|time))?\b", re.I)
_BEFORE_VALUE = re.compile(r"\b(?:within|in|after|for)\s+$", re.I)
_END = re.compile(r"[.!]?\s*$")


@dataclass(frozen=True)
class WhateverCase:
    """A value the change moved for the values of one category of its condition (days of the
    week a garment was dropped off): `old` for every other value, `new` for `values`."""

    values: tuple[str, ...]
    """The condition's values in plain words, lower case ("saturday", "sunday")."""
    old: Promise
    new: Promise

    def named(self, text: str) -> str:
        """The values joined with "or", each cased as `text` writes it, a day or a month
        capitalised where `text` never writes it ("Saturday or Sunday")."""
        said = [_cased(value, text) for value in self.values]
        return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " or " + said[-1]

    def case(self, noun: str, clause: str, text: str) -> str:
        """When the new value holds, from the claim's own clause: "if you drop it off on a
        Saturday or Sunday", "if the size is large or extra large"."""
        named = self.named(text)
        if re.match(r"(?:your|their|his|her|its|our|the)\s", noun, re.I):
            return f"if {noun} is {named}"
        if all(value in _DAYS for value in self.values):
            return f"if {clause} on a {named}"
        if all(value in _MONTHS for value in self.values):
            return f"if {clause} in {named}"
        return f"if the {noun} is {named}"


def _cased(value: str, text: str) -> str:
    found = re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.I)
    if found is not None:
        return found.group(0)
    return value.capitalize() if value in _DAYS + _MONTHS else value


def _only_exact(conditions: Sequence[Condition]) -> bool:
    """Whether the first condition alone matches every changed probe and no other: the
    alternatives after it are looser readings, not rivals."""

    def exact(condition: Condition) -> bool:
        return condition.matched_changed == condition.changed and not condition.matched_others

    return exact(conditions[0]) and not any(exact(other) for other in conditions[1:])


def whatever_case(facts: ChangeFacts) -> WhateverCase | None:
    """The change's case when one value moved for the values of one category of its one
    condition, else None."""
    if not facts.restricted or not facts.conditions:
        return None
    if len(facts.conditions) > 1 and not _only_exact(facts.conditions):
        return None
    values = facts.category_values()
    if values is None:
        return None
    gone = [p for p in facts.removed_promises if p.kind != "channel"]
    if len(gone) != 1:
        return None
    came = [p for p in facts.added_promises if p.kind == gone[0].kind]
    if len(came) != 1:
        # "a full refund" made a share ("50%"): no amount reads one from the other
        came = [p for p in facts.added_promises if made_share(gone[0], p)]
    if len(came) != 1:
        return None
    return WhateverCase(values, gone[0], came[0])


def _old_quantity(case: WhateverCase, text: str) -> Quantity | None:
    """The one amount of `text` that is the old value; None when there is none or several."""
    old = read_quantity(case.old.value)
    if old is None:
        return None
    found = [q for q in find_quantities(text) if same_amount(q, old)]
    return found[0] if len(found) == 1 else None


def _names(value: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(value)}s?(?!\w)", text, re.I) is not None


def _values_said(case: WhateverCase, text: str) -> str:
    """ "all" when `text` names every value of the case and no other day or month, "none" when
    it names none of them nor a span of them ("weekend orders", "in summer"), else "some"."""
    named = [value for value in case.values if _names(value, text)]
    family: tuple[str, ...]
    if all(value in _DAYS for value in case.values):
        family = (*_DAYS, "weekend", "weekday", "weeknight")
    else:
        family = (*_MONTHS, "spring", "summer", "autumn", "winter")
    others = [value for value in family if value not in case.values and _names(value, text)]
    if len(named) == len(case.values) and not others:
        return "all"
    return "none" if not named and not others else "some"


def without_whatever(case: WhateverCase, sentence: str, context: str = "") -> str | None:
    """`sentence` (a claim that the old value holds whatever the case) rewritten: the claim
    goes; a statement about the case's values alone ("garments left on a Saturday … are ready
    in the same 3 working days as any other") states the new value, one about every case
    keeps the old value for the rest and states the new one for the case ("… within 3 working
    days, or within 5 working days if you drop it off on a Saturday or Sunday"). `context`
    (the item's text) tells how it writes the values. None when it cannot be said so."""
    text = sentence.strip()
    found = _LEAD_CLAIM.match(text) or _NO_DIFFERENCE.match(text) or _BARE_LEAD.match(text)
    if found is not None:
        body = text[found.end() :]
    else:
        found = _TAIL_CLAIM.search(text) or _BARE_TAIL.search(text)
        if found is None:
            return None
        body = text[: found.start()] + text[found.end() :]
    noun, clause = found.group("noun").strip(), found.group("clause").strip()
    bare = found.re in (_BARE_LEAD, _BARE_TAIL)
    if not body or not noun or not (clause or bare):
        return None
    if bare and any(value in _DAYS + _MONTHS for value in case.values):
        return None  # "whatever the day": no clause to say the case with
    if made_share(case.old, case.new):
        shared = with_share_for_case(case.old, case.new, body, case.case(noun, clause, text))
        if shared is None:
            return None
        return _reason_asked(noun, shared[:1].upper() + shared[1:])
    old = _old_quantity(case, body)
    new_quantity = read_quantity(case.new.value)
    if old is None or new_quantity is None:
        return None
    new = written_like(new_quantity, old)
    if new is None:
        return None
    before, after = body[: old.start], body[old.end :]
    if (same := _THE_SAME.search(before)) is not None:
        before = before[: same.start()]
    if (other := _AS_ANY_OTHER.match(after)) is not None:
        after = after[other.end() :]
    elif same is not None and re.match(r"\s+as\b", after):
        # "the same 2 days as on a weekday": a comparison only a writer can restate
        return None
    said = _values_said(case, body)
    if said == "all":
        rewritten = before + new + after
    elif said == "none":
        lead = _BEFORE_VALUE.search(before)
        when = case.case(noun, clause, context or text)
        exception = f", or {lead.group(0) if lead else ''}{new} {when}"
        if _END.fullmatch(after):
            rewritten = before + old.text + exception + after
        else:
            end = _END.search(after)
            assert end is not None
            rewritten = before + old.text + after[: end.start()] + exception + after[end.start() :]
    else:
        return None
    return _reason_asked(noun, rewritten[:1].upper() + rewritten[1:])


_NO_REASON = re.compile(
    r",?\s+(?:and\s+)?(?:you\s+)?(?:don['’]t|do\s+not|needn['’]t|never)\s+(?:need\s+to\s+|have\s+to\s+)?"
    r"(?:tell|give|say|explain)\s+(?:us\s+)?(?:why|(?:a|the|your)\s+reason)\b",
    re.I,
)


def _reason_asked(noun: str, sentence: str) -> str:
    """`sentence` without its clause that no reason need be given ("…, and you don't need
    to tell us why"), when the claim was over every reason (`noun`): what the customer gets
    now depends on it."""
    if not re.search(r"\breasons?\b", noun, re.I):
        return sentence
    return _NO_REASON.sub("", sentence, count=1)


def same_whatever_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts claim the old value whatever the case
    (`same_whatever_reason`): each says the old value for the rest and the new one for the
    condition's cases (`without_whatever`); flagged with the reason when one cannot be said
    so. None for any other change or item."""
    case = whatever_case(facts)
    conflicts = impact.conflicts
    if case is None or not conflicts:
        return None

    def case_row(sentence: str) -> str | None:
        """The row keyed by the case, with its share (`wholeshare.share_row`); a row over a
        span of days holding the case's, split in two (`split_day_row`)."""
        if not sentence.lstrip().startswith("|"):
            return None
        if (split := split_day_row(case, sentence)) is not None:
            return split
        if not made_share(case.old, case.new):
            return None
        return share_row(case.old, case.new, sentence, case.values)

    if not all(
        (c.reasons and all(r.startswith(SAME_WHATEVER_REASON) for r in c.reasons))
        or case_row(c.sentence) is not None
        for c in conflicts
    ):
        return None
    conflicting = {c.sentence for c in conflicts}
    context = plain_text(impact.item.body, impact.item.body_format)

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in conflicting:
            return Keep.UNIT
        raw = unit.raw.rstrip()
        row = case_row(raw) if raw.lstrip().startswith("|") else None
        if row is not None:
            return row + unit.raw[len(raw) :]
        if raw.lstrip().startswith(("#", "|")) or raw != unit.text:
            return Keep.BLOCK
        said = without_whatever(case, raw, context)
        return Keep.BLOCK if said is None else said + unit.raw[len(raw) :]

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    old, new = _as_written(case, " ".join(conflicting))
    if new_body is None:
        return None, (
            f"No safe rewrite: the new value ({new}) holds only for {facts.when()} and the old "
            f"one ({old}) for every other case; this {impact.item.kind} says {old} holds "
            "whatever the case in a sentence that cannot be split into the rule and its "
            "exception: a writer should say both."
        )
    return new_body, (
        f"The new value ({new}) holds only for {facts.when()}; every other case keeps {old}. "
        f"This {impact.item.kind} said {old} holds whatever the case: the edit drops that "
        f"claim, keeps {old} for the rest and states {new} for "
        f"{case.named(context)}, and keeps everything else."
    )


def _as_written(case: WhateverCase, text: str) -> tuple[str, str]:
    """The old and the new value as `text` writes the old one ("3 working days", not the
    replies' "3 business days"), else as the promises say them."""
    old = read_quantity(case.old.value)
    new = read_quantity(case.new.value)
    if old is not None and new is not None:
        for found in find_quantities(text):
            if same_amount(found, old) and (written := written_like(new, found)) is not None:
                return found.plain, written
    return case.old.value, case.new.value


def same_whatever_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a value moved for some values of a category
    (`whatever_case`): the same fact the template's edit rests on."""
    case = whatever_case(facts)
    if case is None:
        return None
    named = case.named("")
    if made_share(case.old, case.new):
        return (
            f"{case.old.value} → {case.new.value} only for {named} ({facts.when()}): every "
            f"other case keeps the {case.old.value}; a sentence saying the {case.old.value} "
            f"holds whatever the case (“whatever your reason …”) drops that claim and says the "
            f"{case.old.value} for the rest and {case.new.value} for {named}, in the item's "
            f"words (“you'll get a {case.old.value}, or a {case.new.value} … if … is {named}”); "
            f"a table row for {named} states {case.new.value} in its cell and no longer says "
            f"“{case.old.value}”; the other rows stay as they are"
        )
    return (
        f"{case.old.value} → {case.new.value} only for {named} ({facts.when()}): every other "
        f"case keeps {case.old.value}; a sentence saying {case.old.value} holds whatever the "
        f"case (“whatever day …”, “it makes no difference which …”) drops that claim and says "
        f"{case.old.value} for the rest and {case.new.value} for {named}, in the item's words "
        f"(“… within {case.old.value}, or within {case.new.value} if … on a {named}”); a "
        f"sentence about {named} alone states {case.new.value}"
    )


def still_same_whatever(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still claim the old value whatever the case: a
    conflicting sentence kept, or one the edit wrote. What no drafter's edit may say."""
    if whatever_case(facts) is None:
        return []
    return still_saying(
        lambda unit: same_whatever_reason(facts, unit.text) is not None,
        conflicts,
        old_body,
        new_body,
        body_format,
    )


def still_full_for_case(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The rows of an edited body keyed by the case that still state the whole the case now
    gets a share of ("| Change of plans | A full refund (50%) |"): what no drafter's edit
    may say (`wholeshare.share_row` would still rewrite them)."""
    case = whatever_case(facts)
    if case is None or not made_share(case.old, case.new):
        return []
    return still_saying(
        lambda unit: (
            unit.text.lstrip().startswith("|")
            and share_row(case.old, case.new, unit.text, case.values) is not None
        ),
        conflicts,
        old_body,
        new_body,
        body_format,
    )
