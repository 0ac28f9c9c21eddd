"""A service withdrawn for one category where the KB lists that category among those served.

The old prompt offered a service for every category ("Same-day repair is available in every
zone we cover, the Outer Villages included."); the new one names the category as its exception
("… in every zone we cover except the Outer Villages (zone outer_villages)") and has the agent
call the same tool with another value for it (`book_repair` tier "same_day" → "standard").
The change's condition is on that category (`lookup_postcode.zone = outer_villages`).

KB text stating the service for every category, or naming the category among those served,
is wrong for it: a sentence naming the service with a claim for every place or kind
("Same-day repair reaches every zone, the Outer Villages included."; "…, wherever you live"),
a table row of the category with a value in the service's column, and an FAQ answer to a
question about the service in the category. A right edit takes the category out of the claim
("… every zone we cover except the Outer Villages"), says "Not available" in its row (in the
table's own words when another row says so), and says once what the category gets instead, in
the prompt's words ("Same-day repair isn't available in the Outer Villages, only standard
repair."). The condition's data value (`outer_villages`) is never written: the category is
named as the prompt names it in words.

Pure text helpers: `impact` marks the units (`served_conflicts`), the template drafter
rewrites them (`served_edit`), and `drafters` gives a drafting model the same fact
(`served_fact`) and refuses an edit that still says it (`still_served`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.carveout import carved_out, case_pattern
from behaviordiff.drafting.grants import DENIES, EXCLUDES, condition_categories, named_in, stems_of
from behaviordiff.drafting.permission import table_runs
from behaviordiff.drafting.text import cell_text_spans, edit_body, plain_text, replace_units, units

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule
    from behaviordiff.drafting.impactview import ImpactView
    from behaviordiff.drafting.text import Unit

SERVED_REASON = "says the service reaches a category the new prompt withdraws it from"
SERVED_ROW_REASON = "gives the service for a category the new prompt withdraws it from"
SERVED_ANSWER_REASON = "answers yes to the service for a category the new prompt withdraws it from"

_PLACE_ALL = re.compile(r"\b(?:everywhere|wherever|anywhere|whichever|whatever)\b", re.I)
_QUANTIFIER = re.compile(r"\b(?:every|all|any|each)\b", re.I)
_UNAVAILABLE = re.compile(
    r"^(?:not available|not offered|unavailable|n/?a|no|none|—|–|-|✗|✘|❌)$", re.I
)
_TOLD = re.compile(
    r"\b(?:explain|tell\s+(?:them|the\s+\w+)|let\s+them\s+know|say)\s+(?:that\s+)?"
    r"(?P<said>[^:;.()`]+?)(?=\s*\(|,\s*(?:and|but|so)\b|[.:;]|$|(?P<blocked>[)`]))",
    re.I,
)
"""What a prompt has the agent tell; a match `blocked` by a ")" or "`" tells nothing (it is found,
not failed, so that each "say" of one repeated before such a mark is not scanned to it again)."""
_BARE_YES = re.compile(r"^(?P<word>yes|yep|sure|of course|absolutely)(?P<stop>[.!]?)$", re.I)
_STOP = frozenset({"set", "add", "book", "get", "make", "update", "change", "create", "apply"})


@dataclass(frozen=True)
class WithdrawnService:
    """A service the new prompt no longer gives one category."""

    service: str
    """The service as the prompt and the KB name it ("express")."""
    instead: str
    """What the category gets instead, as the prompt says it ("standard delivery"), or ""."""
    categories: tuple[str, ...]
    """The condition's categories in words ("outer villages")."""
    named: str
    """The categories as the prompt names them ("the Outer Villages")."""
    denial: str
    """The sentence saying it is withdrawn there, in the prompt's words ("Express isn't
    available to the Outer Villages")."""
    rule: Rule
    """The prompt sentence that made the category an exception."""
    kind_words: frozenset[str]
    """Stems of what the categories are kinds of ("zone", "region"): a claim for every one of
    them is a claim for the category."""

    def said_once(self) -> str:
        """The sentence an edited item says once: "Express isn't available to the Outer
        Villages, only standard delivery."."""
        return f"{self.denial}, only {self.instead}." if self.instead else f"{self.denial}."


def _swapped(facts: ChangeFacts) -> tuple[str, str, str] | None:
    """(tool, old value, new value) of the one argument the change's call swapped for another
    word ("set_delivery" service express → standard), or None."""
    if len(facts.before_actions) != 1 or len(facts.after_actions) != 1:
        return None
    old, new = facts.before_actions[0], facts.after_actions[0]
    if old.name != new.name:
        return None
    old_args, new_args = dict(old.arguments), dict(new.arguments)
    moved = [key for key in old_args if key in new_args and old_args[key] != new_args[key]]
    if len(moved) != 1 or set(old_args) != set(new_args):
        return None
    before, after = (value.strip("\"' ") for value in (old_args[moved[0]], new_args[moved[0]]))
    if not all(re.fullmatch(r"[A-Za-z][\w-]*", value) for value in (before, after)):
        return None
    return old.name, before.replace("_", " "), after.replace("_", " ")


def _phrase(category: str, texts: Sequence[str]) -> str | None:
    """`category` as a text names it in words ("the Outer Villages" for "outer villages",
    "Highlands and Islands" for "highlands islands"), never its data value."""
    words = category.split()
    joins = r"(?:\s+(?:and|&|or)\s+|[\s-]+)"
    pattern = re.compile(
        r"\b(?:the\s+)?" + joins.join(rf"{re.escape(word)}s?" for word in words) + r"\b", re.I
    )
    for text in texts:
        for found in pattern.finditer(text):
            if "_" not in text[max(0, found.start() - 1) : found.end() + 1]:
                return found.group(0)
    return None


def _instead(tool: str, fallback: str, texts: Sequence[str]) -> str:
    """What the category gets instead as the prompt says it: the new value with what the
    tool sets ("standard delivery" of `set_delivery` service standard), where the prompt says
    so; else ""."""
    parts = [part for part in tool.lower().split("_") if part and part not in _STOP]
    for part in parts:
        pattern = re.compile(rf"\b{re.escape(fallback)}\s+{re.escape(part)}\b", re.I)
        for text in texts:
            found = pattern.search(text)
            if found is not None:
                return found.group(0).lower()
    return ""


def _denial(service: str, named: str, categories: Sequence[str], texts: Sequence[str]) -> str:
    """What the new prompt has the agent tell the customer about the service there ("explain
    that express isn't available to the Highlands and Islands"), as a sentence; else a plain
    one."""
    for text in texts:
        for told in _TOLD.finditer(" ".join(text.split())):
            said = told["said"].strip()
            if (
                told["blocked"] is None
                and stems_of(service) <= stems_of(said)
                and named_in(categories, said)
                and DENIES.search(said)
                and "_" not in said
            ):
                return said[:1].upper() + said[1:]
    return f"{service[:1].upper()}{service[1:]} isn't available in {named}"


def _narrowing(rules: Sequence[Rule], categories: Sequence[str]) -> Rule | None:
    """The changed prompt sentence that served the categories (named or every case) and now
    names them as its exceptions."""
    for rule in rules:
        if not rule.old or not rule.new or rule.kind not in ("sentence_changed", "scope_narrowed"):
            continue
        old, new = rule.old, rule.new
        claimed = named_in(categories, old) or _QUANTIFIER.search(old) or _PLACE_ALL.search(old)
        if (
            claimed
            and named_in(categories, new)
            and EXCLUDES.search(new)
            and not DENIES.search(old)
        ):
            return rule
    return None


def withdrawn_service(facts: ChangeFacts) -> WithdrawnService | None:
    """The service a change withdraws for the categories of its condition: the one argument
    of its call swapped for another word (`set_delivery` service express → standard), the
    prompt naming the categories as the old value's exception. None for any other change."""
    if not facts.restricted:
        return None
    categories = condition_categories(facts.condition)
    swapped = _swapped(facts)
    if not categories or swapped is None:
        return None
    tool, service, fallback = swapped
    rule = _narrowing(facts.rules, categories)
    if rule is None:
        return None
    rule_texts = [text for each in facts.rules for text in (each.new or "",) if text]
    if not any(stems_of(service) <= stems_of(text) for text in rule_texts):
        return None
    named = [_phrase(category, rule_texts) for category in categories]
    if any(phrase is None for phrase in named):
        return None
    *rest, last = [str(phrase) for phrase in named]
    together = f"{', '.join(rest)} and {last}" if rest else last
    prompt = facts.new_prompt_sentences
    kinds = set()
    condition = facts.condition
    for atom in condition.atoms if condition is not None else ():
        kinds |= stems_of(re.sub(r"[_.]+", " ", atom.feature.split(".")[-1]))
    return WithdrawnService(
        service=service,
        instead=_instead(tool, fallback, [*rule_texts, *prompt]),
        categories=tuple(categories),
        named=together,
        denial=_denial(service, together, categories, rule_texts),
        rule=rule,
        kind_words=frozenset(kinds),
    )


def _names_service(service: WithdrawnService, text: str) -> bool:
    return stems_of(service.service) <= stems_of(text)


def _claimed_kinds(service: WithdrawnService) -> set[str]:
    """What a claim for every one of the categories' kind counts over: what the categories are
    kinds of ("region"), and the word the old prompt sentence claimed it for ("every region
    we deliver to" → region)."""
    kinds = set(service.kind_words)
    for found in _QUANTIFIER.finditer(service.rule.old or ""):
        after = (service.rule.old or "")[found.end() :].split()[:1]
        kinds |= stems_of(" ".join(after))
    return kinds


def _claims_all(service: WithdrawnService, text: str) -> bool:
    """Whether `text` claims for every place or kind: "wherever you are", "everywhere", or
    "every"/"all" right before what the categories are kinds of ("every UK region")."""
    if _PLACE_ALL.search(text):
        return True
    claimed = _claimed_kinds(service)
    for found in _QUANTIFIER.finditer(text):
        after = text[found.end() :].split()[:2]
        if stems_of(" ".join(after)) & claimed:
            return True
    return False


def serves_all(service: WithdrawnService, sentence: str) -> bool:
    """Whether a KB sentence says the service reaches every category or the withdrawn one,
    denying it nowhere; never a heading or a question."""
    stripped = sentence.strip()
    if stripped.startswith(("#", "|")) or stripped.endswith("?"):
        return False
    if not _names_service(service, sentence) or DENIES.search(sentence):
        return False
    return bool(named_in(service.categories, sentence)) or _claims_all(service, sentence)


def served_rows(service: WithdrawnService, rows: Sequence[str]) -> dict[int, str]:
    """The rows of a Markdown table (header first) of a withdrawn category that give a value
    in the service's column, by index, that cell now saying it is not available (in the words
    another row of the column uses, else "Not available"); every other byte kept."""
    if len(rows) < 3:
        return {}
    header = rows[0]
    columns = [
        index
        for index, (start, end) in enumerate(cell_text_spans(header))
        if index > 0 and _names_service(service, header[start:end])
    ]
    if len(columns) != 1:
        return {}
    column = columns[0]
    unavailable = "Not available"
    body = [row for row in rows[1:] if not set(row.strip()) <= set("|-: ")]
    for row in body:
        spans = cell_text_spans(row)
        if len(spans) > column:
            cell = row[spans[column][0] : spans[column][1]]
            if _UNAVAILABLE.match(cell):
                unavailable = cell
                break
    changed: dict[int, str] = {}
    for index, row in enumerate(rows[1:], start=1):
        spans = cell_text_spans(row)
        if len(spans) <= column or set(row.strip()) <= set("|-: "):
            continue
        if not named_in(service.categories, row[spans[0][0] : spans[0][1]]):
            continue
        start, end = spans[column]
        if _UNAVAILABLE.match(row[start:end]) or DENIES.search(row[start:end]):
            continue
        changed[index] = row[:start] + unavailable + row[end:]
    return changed


def _question_before(item_units: Sequence[Unit], index: int) -> str | None:
    """The question a unit answers: the unit before it (or before its bare yes or no)."""
    for back in (index - 1, index - 2):
        if back < 0:
            return None
        text = item_units[back].text
        if text.rstrip().endswith("?"):
            return text
        if not re.fullmatch(r"\W*(?:yes|no|sure|of course)\W*", text, re.I):
            return None
    return None


def _answers_for_category(service: WithdrawnService, units_: Sequence[Unit], index: int) -> bool:
    question = _question_before(units_, index)
    return (
        question is not None
        and _names_service(service, question)
        and bool(named_in(service.categories, question))
        and _names_service(service, units_[index].text)
        and not DENIES.search(units_[index].text)
    )


def _marked(service: WithdrawnService, item_units: Sequence[Unit]) -> dict[int, str]:
    marked: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        if _answers_for_category(service, item_units, index):
            marked[index] = SERVED_ANSWER_REASON
        elif serves_all(service, unit.raw):
            marked[index] = SERVED_REASON
    for run in table_runs([unit.raw for unit in item_units]):
        for at in served_rows(service, [item_units[index].raw for index in run]):
            marked[run[at]] = SERVED_ROW_REASON
    return marked


def served_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Any], conflict: Callable[..., Any]
) -> list[Any]:
    """For a service withdrawn for some categories (`withdrawn_service`), the units that say
    it reaches them, in place of `found`: what the item says of the service for everyone else
    (its price, its time) still holds. A conflict of `found` naming the service in one of the
    categories stays."""
    service = withdrawn_service(facts)
    if service is None:
        return found
    marked = _marked(service, item_units)
    kept = {
        each.unit_index: each.reasons
        for each in found
        if _names_service(service, each.sentence) and named_in(service.categories, each.sentence)
    }
    return [
        conflict(
            index, item_units[index].text, (marked[index],) if index in marked else kept[index]
        )
        for index in sorted(marked.keys() | kept.keys())
    ]


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the comma-separated clauses of a sentence body (no final stop), never
    at the comma inside a number."""
    spans, start = [], 0
    for found in re.finditer(r",(?!\d)", text):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    return spans


def limited_sentence(service: WithdrawnService, raw: str, say: bool) -> str | None:
    """A sentence saying the service reaches every category, with the withdrawn ones taken
    out of the claim: the clauses naming them go, a later claim for everywhere goes with what
    follows from it ("so wherever …, they'll get there fast"), and a first clause claiming it
    everywhere names them as its exception. With `say`, what they get instead is said once
    ("…, where only standard delivery is available", or the said-once sentence after). None
    when its first clause names a category or the sentence is not one comma-separated claim."""
    body = raw.rstrip()
    stop = re.search(r"[.!]+$", body)
    end = stop.group(0) if stop else ""
    body = body[: len(body) - len(end)]
    spans = _clauses(body)
    head = body[spans[0][0] : spans[0][1]]
    if named_in(service.categories, head):
        return None
    if not _names_service(service, head):
        return _fronted_claim_limited(service, body, spans, end, say)
    kept: list[str] = []
    for start, stop_at in spans[1:]:
        clause = body[start:stop_at]
        if named_in(service.categories, clause):
            continue
        if _PLACE_ALL.search(clause) or _claims_all(service, clause):
            break
        kept.append(clause)
    head_all = _claims_all(service, head)
    if not head_all and not say and not kept and len(spans) == 1:
        return None
    written = head.rstrip()
    if head_all:
        written += f" except {service.named}"
        if say and not kept and service.instead:
            written += f", where only {service.instead} is available"
            say = False
    written += "".join(f",{clause}" for clause in kept) + (end or ".")
    if say:
        written += f" {service.said_once()}"
    return written


_PLACE_RANGE = re.compile(r"^\s*(?:all\s+the\s+way\s+)?from\s+\S.*\s+to\s+\S", re.I | re.S)
"""A clause spanning places ("from the Cornish coast to the lochs of Sutherland")."""


def _fronted_claim_limited(
    service: WithdrawnService, body: str, spans: Sequence[tuple[int, int]], end: str, say: bool
) -> str | None:
    """A sentence whose first clauses only claim every place ("Wherever you fish, from the
    Cornish coast to the lochs of Sutherland, an order placed by 2pm can be on your doorstep
    the next working day."), its service said after them: the claim goes, the service's
    clause is said with the withdrawn category as its exception ("An order placed by 2pm
    can be on your doorstep the next working day, except in the Highlands and islands, where
    only standard delivery is available."). None for any other shape: places the claim names
    may lie in the category, so none of them is kept."""
    if not _PLACE_ALL.search(body[spans[0][0] : spans[0][1]]):
        return None
    at = next(
        (i for i, (start, stop) in enumerate(spans) if _names_service(service, body[start:stop])),
        None,
    )
    if at is None or at == 0:
        return None
    if not all(_PLACE_RANGE.match(body[start:stop]) for start, stop in spans[1:at]):
        return None
    rest = body[spans[at][0] :].strip()
    if named_in(service.categories, rest) or _PLACE_ALL.search(rest):
        return None
    written = f"{rest[:1].upper()}{rest[1:]}, except in {service.named}"
    if say and service.instead:
        written += f", where only {service.instead} is available"
    return written + (end or ".")


def _said_after(sentence: str, said: str) -> str:
    """`said` after a rewritten sentence, its trailing space kept after both."""
    body = sentence.rstrip()
    return f"{body} {said}{sentence[len(body) :]}"


def served_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item's sentences, answers and rows giving the service to a withdrawn category,
    rewritten (`limited_sentence`, `served_rows`), what the category gets instead said once;
    every other byte kept. A sentence no rewrite can limit flags the item (body None). None
    when the change withdraws no such service or the item says none of it."""
    service = withdrawn_service(facts)
    if service is None:
        return None
    mine = {SERVED_REASON, SERVED_ROW_REASON, SERVED_ANSWER_REASON}
    marked = {c.sentence: set(c.reasons) & mine for c in impact.conflicts}
    if not any(marked.values()):
        return None
    failed = [sentence for sentence, reasons in marked.items() if not reasons]

    def edit(text: str) -> str:
        text_units = units(text)
        changes: dict[int, str] = {}
        said = bool(re.search(re.escape(service.denial), text, re.I))
        for run in table_runs([unit.raw for unit in text_units]):
            rows = served_rows(service, [text_units[index].raw for index in run])
            for at, row in rows.items():
                if SERVED_ROW_REASON in marked.get(text_units[run[at]].text, set()):
                    changes[run[at]] = row
        for index, unit in enumerate(text_units):
            reasons = marked.get(unit.text, set())
            if SERVED_ANSWER_REASON in reasons:
                changes[index] = "" if said else service.said_once()
                said = True
                yes = _BARE_YES.match(text_units[index - 1].text) if index else None
                if yes is not None:
                    # the question asked about the category: its answer is now no
                    no = "NO" if yes["word"].isupper() and len(yes["word"]) > 1 else "No"
                    changes[index - 1] = (no if yes["word"][:1].isupper() else "no") + yes["stop"]
            elif SERVED_REASON in reasons:
                limited = limited_sentence(service, unit.raw, say=not said)
                if limited is None:
                    # a claim naming the category among those included ("…, the Outer
                    # Villages and the coast included"): the category as its exception
                    limited = carved_out(unit.raw, case_pattern(service.named))
                    if limited is not None and not said:
                        limited = _said_after(limited, service.said_once())
                if limited is None:
                    failed.append(unit.text)
                    continue
                changes[index] = limited
                said = True
        return replace_units(text, changes, text_units) if changes else text

    new_body = edit_body(impact.item.body, impact.item.body_format, edit)
    noun = impact.item.kind
    rule = f"it said “{service.rule.old}” and now says “{service.rule.new}”"
    if failed or new_body == impact.item.body:
        stuck = failed or sorted(marked)
        return None, (
            f"Flagged for review: the new prompt withdraws {service.service} for "
            f"{service.named} ({rule}), and no safe rewrite takes them out of "
            + ", ".join(f"“{sentence}”" for sentence in stuck)
        )
    order = [unit.text for unit in impact.units if marked.get(unit.text)]
    return new_body, (
        f"The new prompt withdraws {service.service} for {service.named}: {rule}. This {noun} "
        "still says it reaches them in "
        + ", ".join(f"“{sentence}”" for sentence in order)
        + f" The edit takes {service.named} out of those claims, says once “"
        + service.said_once()
        + "”, and keeps everything else."
    )


def served_fact(facts: ChangeFacts) -> str | None:
    """The fact a drafting model is given: where the service no longer goes and what a right
    edit says."""
    service = withdrawn_service(facts)
    if service is None:
        return None
    return (
        f"{service.service} is no longer offered for {service.named}: text saying it reaches "
        f"every place or kind, or {service.named}, takes {service.named} out of that claim, a "
        f"table row of {service.named} says it is not available in the {service.service} "
        f"column, and the item says once “{service.said_once()}” (never the data value)"
    )


def still_served(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences and rows of an edited body that still give the service to a category the
    new prompt withdraws it from: what no drafter's edit may keep."""
    service = withdrawn_service(facts)
    if service is None:
        return []
    body_units = units(plain_text(body, body_format))
    return [body_units[index].text for index in sorted(_marked(service, body_units))]


TOLD = _TOLD
"""What a prompt has the agent tell (`_TOLD`), for the modules that read it too."""
swapped_argument = _swapped
"""The one argument a change's call swapped for another word (`_swapped`)."""
