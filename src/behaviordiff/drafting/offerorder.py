"""The order of two offers changed for some cases: the old prompt offered one thing first
whatever the case ("Offer a full refund first, whatever the item"); the new one offers another
first for the condition's cases ("If … over £200, offer an exchange or store credit first"),
and the old offer only when the customer turns the new one down.

The old offer is still made, second, so what the KB says of it (its time, its cost, the call
that books it) stays true: only a sentence claiming the old offer comes first *whatever the
case* ("We always offer a refund first, whatever you bought.", "This is always our first
offer, whether you bought a pan or a mixer.") is wrong. A sentence saying another topic's first
offer ("our first offer is always a free repair" for faults) claims nothing for every case and
is kept.

The edit (`offer_order_edit`) drops the claim for every case and states the exception
(`offer_first_rewrite`); a drafting model gets the same fact (`offer_order_fact`) and its
edit the same check (`still_offer_first`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts, currency_symbol
from behaviordiff.drafting.impactview import ImpactView, only_marked_for
from behaviordiff.drafting.text import Unit, rewrite_conflicting, still_saying, terms

OFFER_ORDER_REASON = "says this offer comes first whatever the case; it now depends on"

_OFFER_FIRST = re.compile(
    r"\boffer\s+(?:(?:you|them|the\s+customer)\s+)?(?P<what>[^,;:.!?]+?)\s+first\b(?!-)", re.I
)
_EVERY_KIND = re.compile(
    r",?\s*(?:whatever|whichever|no\s+matter\s+(?:what|which)|regardless\s+of)\b[^,;:.!?]*"
    r"|,?\s*\bwhether\b[^;:.!?]*?\bor\b[^;:.!?]*",
    re.I,
)
_FIRST = re.compile(r"\bfirst\b", re.I)
_BACK_REFERENCE = re.compile(r"^\s*(?:this|that|it)\s+(?:is|was|'s)\b", re.I)
_END = re.compile(r"[.!]?\s*$")


@dataclass(frozen=True)
class OfferOrder:
    """What the new prompt offers first for the condition's cases, in place of the old first
    offer."""

    old_first: str
    """The offer the old prompt made first for everyone ("a full refund")."""
    new_first: str
    """What the new prompt offers first for the condition's cases ("an exchange or store
    credit")."""
    case: str
    """The condition's cases in plain words ("appliances over £200")."""

    @property
    def declined(self) -> str:
        """What the customer turns down before the old offer is made."""
        return "both" if re.search(r"\bor\b", self.new_first) else "it"


def _offers_first(text: str | None) -> list[str]:
    return [m.group("what").strip() for m in _OFFER_FIRST.finditer(text or "")]


def _money(value: float, sign: str) -> str:
    return f"{sign}{value:,.2f}".replace(".00", "")


def _case_words(facts: ChangeFacts) -> str | None:
    """The condition (the first, best one) as "{values} {amount}" ("appliances over £200");
    None for any condition but one of categories and at most one amount bound."""
    if not facts.conditions:
        return None
    names: list[str] = []
    bound = ""
    sign = currency_symbol([rule.new or "" for rule in facts.rules])
    for atom in facts.conditions[0].atoms:
        if atom.op == "tag":
            continue
        if atom.op in ("=", "in"):
            values = atom.value if isinstance(atom.value, tuple) else (atom.value,)
            if names or not all(isinstance(v, str) and v for v in values):
                return None
            names = [str(v).replace("_", " ") for v in values]
        elif atom.op in (">", ">=", "<", "<=") and isinstance(atom.value, int | float):
            if bound:
                return None
            amount = _money(float(atom.value), sign)
            bound = {
                ">": f"over {amount}",
                ">=": f"of {amount} or more",
                "<": f"under {amount}",
                "<=": f"of {amount} or less",
            }[atom.op]
        else:
            return None
    if not names:
        return None
    said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"{said} {bound}".strip()


def offer_order(facts: ChangeFacts) -> OfferOrder | None:
    """The change's new first offer when it put another offer first for the condition's cases
    only (see the module doc), else None."""
    if not facts.restricted:
        return None
    old = [what for rule in facts.rules for what in _offers_first(rule.old)]
    new = [what for rule in facts.rules for what in _offers_first(rule.new)]
    if len(old) != 1:
        return None
    old_terms = set(terms(old[0]))
    others = [what for what in new if not old_terms & set(terms(what))]
    if len(others) != 1:
        return None
    case = _case_words(facts)
    if case is None:
        return None
    return OfferOrder(old[0], others[0], case)


def offer_order_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` claims the old first offer for every case, or None: it says what comes
    first for every case ("whatever you bought", "whether you bought … or …") and names the old
    offer or refers back to it ("This is always our first offer, …")."""
    order = offer_order(facts)
    if order is None or not _FIRST.search(sentence) or not _EVERY_KIND.search(sentence):
        return None
    offer = {word for word in terms(order.old_first) if len(word) > 3}
    if not offer & set(terms(sentence)) and not _BACK_REFERENCE.match(sentence):
        return None
    return f"{OFFER_ORDER_REASON} {facts.when()}"


def offer_first_rewrite(order: OfferOrder, sentence: str) -> str | None:
    """`sentence` without its claim for every case, with the exception said after it: "We
    always offer a refund first, except on appliances over £200: for those we offer an
    exchange or store credit first, and a full refund only if you turn both down." None when
    it has no such claim to drop."""
    text = sentence.strip()
    claim = _EVERY_KIND.search(text)
    if claim is None:
        return None
    body = (text[: claim.start()] + text[claim.end() :]).strip().lstrip(", ")
    body = body[:1].upper() + body[1:]
    end = _END.search(body)
    assert end is not None
    head, stop = body[: end.start()].rstrip(" ,"), body[end.start() :].strip() or "."
    if not head:
        return None
    return (
        f"{head}, except on {order.case}: for those we offer {order.new_first} first, and "
        f"{order.old_first} only if you turn {order.declined} down{stop}"
    )


def offer_order_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts claim the old offer comes first whatever the
    case: each states the exception (`offer_first_rewrite`); flagged with the reason when one
    cannot be said so. None for any other change or item."""
    order = offer_order(facts)
    conflicts = impact.conflicts
    if order is None or not conflicts:
        return None
    if not only_marked_for(conflicts, OFFER_ORDER_REASON):
        return None
    conflicting = {c.sentence for c in conflicts}

    def rewrite(unit: Unit, raw: str) -> str | None:
        if raw.lstrip().startswith(("#", "|")) or unit.text not in raw:
            return None
        said = offer_first_rewrite(order, unit.text)
        return None if said is None else raw.replace(unit.text, said, 1)

    new_body = rewrite_conflicting(impact.item.body, impact.item.body_format, conflicting, rewrite)
    if new_body is None:
        return None, (
            f"No safe rewrite: {order.new_first} now comes first for {order.case}, and "
            f"{order.old_first} only if the customer turns {order.declined} down; this "
            f"{impact.item.kind} says {order.old_first} comes first whatever the case in a "
            "sentence that cannot be split into the rule and its exception: a writer should "
            "say both."
        )
    return new_body, (
        f"For {order.case} the agent now offers {order.new_first} first, and {order.old_first} "
        f"only if the customer turns {order.declined} down; everything else still gets "
        f"{order.old_first} first. This {impact.item.kind} said {order.old_first} comes first "
        "whatever the case: the edit drops that claim, states the exception and keeps "
        "everything else."
    )


def offer_order_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of an offer order changed for some cases: the same fact
    the template's edit rests on."""
    order = offer_order(facts)
    if order is None:
        return None
    return (
        f"for {order.case} only, the agent now offers {order.new_first} first and "
        f"{order.old_first} only if the customer turns {order.declined} down; every other case "
        f"still gets {order.old_first} first, and what is said of {order.old_first} (its time, "
        f"its cost) stays true when it is made. A sentence saying {order.old_first} comes "
        "first whatever the case (“whatever you bought”, “whether you bought … or …”) drops "
        f"that claim and states the exception for {order.case}; another topic's first offer "
        "is not this change's"
    )


def still_offer_first(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still claim the old offer comes first whatever the
    case: what no drafter's edit may say."""
    if offer_order(facts) is None:
        return []
    return still_saying(
        lambda unit: offer_order_reason(facts, unit.text) is not None,
        conflicts,
        old_body,
        new_body,
        body_format,
    )


def still_true_of_old_offer(facts: ChangeFacts, reason: str) -> bool:
    """Whether a conflict `reason` rests only on the old first offer's own words (its promises,
    the call that books it): still true when that offer is made, second, in an offer order
    change."""
    if offer_order(facts) is None:
        return False
    return reason.startswith("describes `") or reason.endswith(
        "which the new agent no longer states"
    )
