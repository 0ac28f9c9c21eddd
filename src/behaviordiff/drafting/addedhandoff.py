"""A hand-off the new version adds for one category over a line on a number, both read from a
tool result, where the agent used to handle every case itself: "Within 30 days: book the return
yourself with `book_return` …" became "Original artworks … that cost more than £500: don't book
these returns yourself. Hand the chat to the fine art team with `transfer_to_team` …" beside
the old handling kept for the rest (`added_handoff`).

A KB sentence claiming the old handling for every case ("Whatever you bought from us, a print
or an original, we handle your return right here in the chat"; "Our assistant books the
collection for you straight away, however much the artwork cost, …") is no longer true for the
category over the line (`added_handoff_reason`): the edit (`added_handoff_edit`) drops the claim
and says the exception once, in the KB's voice, after the paragraph of the first such sentence
("For an original over £500, we'll hand the chat to the fine art team, and the fine art team
will phone you within 1 working day …"). A table row for the category that states the old
handling gets the line and the new handling in the cell that says how it is done ("Up to £500:
booked in the chat; … Over £500: the fine art team will phone you …"); rows of other
categories stay. A sentence about the same team, category or amount on another topic claims
nothing for every case and stays. A drafting model gets the same fact (`added_handoff_fact`)
and its edit the same check (`still_claims_every_case`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.bandhandoff import (
    OTHER_SIDE,
    bound_words,
    claims_every_case,
    said_after_paragraph,
    written_money,
)
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, marked_for
from behaviordiff.drafting.rules import cell_spans, header_of, table_headers, told_clause
from behaviordiff.drafting.subsets import handling_sentence, tool_phrase
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    plain_text,
    rewrite_units,
    row_cells,
    still_saying,
    terms,
)
from behaviordiff.textutil import a_or_an

ADDED_HANDOFF_REASON = "claims the old handling for every case; it now hands over"

_LEAD_CLAIM = re.compile(
    r"^(?:whatever|whichever|however\s+much|no\s+matter\s+(?:what|which|how\s+much))\b[^,;:]*,"
    # an aside of alternatives continuing the claim ("…, a print or an original, …", "…,
    # from a doormat to a hall runner, …")
    # (the comma is looked for first, so a long run of "or" with none ends at once)
    r"\s*(?:(?=[^,;:]*,)(?:[^,;:]*\bor\b|from\s[^,;:]*\bto\b)[^,;:]*,\s*)?",
    re.I,
)
"""A leading clause claiming the rest holds whatever the case, with an aside naming cases."""
_MID_CLAIM = re.compile(
    r",\s*(?:whatever|whichever|however\s+much|regardless\s+of|no\s+matter)\b[^,;:.!?]*(?=[,.!?]|$)",
    re.I,
)
"""A clause claiming the rest holds whatever the case ("…, however much the artwork cost")."""
_SAME_AS_ANY = re.compile(
    r"\b(?:(?:just\s+)?like|(?:just\s+)?as\s+with|the\s+same\s+(?:way\s+)?as)\s+"
    r"(?:any|every|all)\s+(?:other|the\s+other)\s+[a-z]+"
    r"|\b(?:there[’']s|there\s+is)\s+no\s+(?:separate|special|different|other)\s+"
    r"(?:process|procedure|route|way)\b",
    re.I,
)
"""A claim that one case is handled as every other ("… like any other job", "the same way as
any other booking"): said of a case now handed over, the whole sentence is no longer true."""
_INCLUDED = re.compile(
    r",\s*(?:(?P<named>[a-z][a-z' -]{0,50}?)\s+included|"
    r"including\s+(?P<including>[a-z][a-z' -]{0,50}?))(?=\s*[,:;.!?]|$)",
    re.I,
)
"""A clause naming one case as claimed with all the rest (", wall mounting included", ",
including chimney sweeps"): the named case, once it is handed over, becomes the exception."""
_LABEL_HEAD = re.compile(r"^\s*(?:[-*+]\s+)?(?P<name>[A-Za-z][\w'’ -]{0,40}?) {0,3}(?:\(|:\s)")
"""The words a prompt sentence opens with before a bracketed aside or a colon ("Wall mounting
(Job type: wall_mount …) is …", "Giant breeds: don't …"): how the prompt names the case."""


_FLAG_HEAD = re.compile(
    r"^\s*if (?:the|a|an|their|your) (?P<noun>[a-z]+) (?:has|includes) "
    r"(?!(?:been|already|not|just|no|a|an|the)\b|[a-z]+ed\b)(?P<what>[a-z][a-z' -]{1,40}?)"
    r"\s*(?=[(,:])",
    re.I,
)
"""A rule's head naming the case a yes/no flag marks ("If the booking has special assistance
(Special assistance booked: yes), …")."""


_HOW_HEAD = re.compile(r"^(?:how|what\s+(?:we\s+do|happens))\b", re.I)
"""A table header cell saying how a thing is done ("How", "How to book", "What we do")."""
_WHAT_WE_DO = re.compile(r"^what\s+(?:we\s+do|happens)\b", re.I)


def _names_taker(added: AddedHandoff, said: str) -> bool:
    """Whether `said` names who now takes the case over as the handling does ("our
    Accessible Travel team"), not only "the team"."""
    taker = re.search(r"\b(?:our|the)\s+((?:[A-Z][\w'’-]*\s+){1,4})team\b", added.handling)
    return taker is None or taker.group(1).strip() in said


@dataclass(frozen=True)
class AddedHandoff:
    """A hand-off added for one category (or any) over a line on a number, where the agent
    used to handle every case with a tool of its own."""

    tool: str
    """The hand-off tool (`transfer_to_team`)."""
    old_tool: str
    """The tool the agent handled every case with before, still used for the rest."""
    value: str
    """The category handed over, in words ("original"); "" when the line alone draws it."""

    subject: str
    """What the line is drawn on ("price")."""
    bound: str
    """The side handed over ("over £500")."""
    rest: str
    """The other side ("up to £500")."""
    amount: str
    """The line as the prompt writes it ("£500")."""
    handling: str
    """What we now do there, in the KB's voice ("We'll hand the chat to the fine art team, and
    the fine art team will phone you within 1 working day …")."""
    told: str
    """What the customer is told then, as a statement ("The fine art team will phone you …");
    the handling when the rule tells nothing."""
    denied: str = ""
    """What a flag's rule tells the agent not to do itself ("make the change" of "don't make
    the change yourself")."""
    flag: bool = False
    """Whether the case is a yes/no flag's (named from the rule's head: "a booking with
    special assistance")."""
    named: str = ""
    """The category as the new prompt names it in words before the value's code ("wall
    mounting" of "Wall mounting (job type wall_mount …)"); "" when it does not. With no line,
    the case is said so."""

    @property
    def case(self) -> str:
        """ "an original over £500", or "a price over £500" without a category; with no line,
        the category as the prompt names it ("wall mounting") or "a wall mount"."""
        if not self.bound:
            return self.named or a_or_an(self.value)
        return a_or_an(f"{self.value or self.subject} {self.bound}")

    @property
    def exception(self) -> str:
        """The sentence the KB gets once: "For an original over £500, we'll hand …", or
        "When the price is over £500, we'll hand …" without a category."""
        lead = f"For {self.case}" if self.value else f"When the {self.subject} is {self.bound}"
        return f"{lead}, {self.handling[:1].lower()}{self.handling[1:]}"


@once_per_change
def added_handoff(facts: ChangeFacts) -> AddedHandoff | None:
    """The hand-off a change adds over a line on a number (`AddedHandoff`): the old actions had
    no hand-off and one tool of our own, the new ones a hand-off; the condition draws one line
    on a number and names at most one category (topic tags aside); a new rule calls the
    hand-off and states the line as money. With no line, the category alone is handed over
    (`named` from the prompt's words for it, "" bounds). None for any other change."""
    if any(action.is_escalation for action in facts.before_actions):
        return None
    handoffs = [action.name for action in facts.after_actions if action.is_escalation]
    own = [action.name for action in facts.before_actions]
    if len(handoffs) != 1 or len(own) != 1 or facts.condition is None:
        return None
    atoms = [atom for atom in facts.condition.atoms if atom.op != "tag"]
    lines = [atom for atom in atoms if atom.op in OTHER_SIDE]
    kinds = [atom for atom in atoms if atom.op in ("=", "in")]
    if len(lines) > 1 or len(kinds) > 1 or len(lines) + len(kinds) != len(atoms) or not atoms:
        return None
    line = lines[0] if lines else None
    drawn = line.value if line is not None else None
    if line is not None and (isinstance(drawn, bool) or not isinstance(drawn, int | float)):
        return None
    value = ""
    raw_value = ""
    flagged = None
    [tool] = handoffs
    news = [str(rule.new) for rule in facts.rules if rule.new]
    doing = next((text for text in news if f"`{tool}`" in text), None)
    if doing is None:
        return None
    if kinds:
        raw = kinds[0].value if isinstance(kinds[0].value, tuple) else (kinds[0].value,)
        if raw == (True,) and line is None:
            # a yes/no flag ("assistance_booked = true"): the case as the rule's head says it
            # ("If the booking has special assistance" → a booking with special assistance)
            flagged = _FLAG_HEAD.match(doing)
            if flagged is None:
                return None
            raw = (flagged.group("what"),)
        if len(raw) != 1 or not isinstance(raw[0], str) or not raw[0]:
            return None
        raw_value = raw[0]
        value = raw_value.replace("_", " ").lower()
    phrase = tool_phrase(doing, tool)
    told = told_clause(doing)
    if line is None:
        # a category handed over whatever else: said by who takes it and what they do
        if not value or told is None:
            return None
        named = _prompt_name(raw_value, news)
        if flagged is not None:
            what = flagged.group("what").strip()
            named = f"{a_or_an(flagged.group('noun'))} with {what}"
        return AddedHandoff(
            tool=tool,
            old_tool=own[0],
            value=value,
            subject=kinds[0].feature.rsplit(".", 1)[-1].replace("_", " ").lower(),
            bound="",
            rest="",
            amount="",
            handling=handling_sentence(doing, phrase) if phrase else told,
            told=told,
            named=named,
            flag=flagged is not None,
            denied=_denied_act(doing) if flagged is not None else "",
        )
    if not isinstance(drawn, int | float):
        return None
    amount = written_money(float(drawn), news)
    if amount is None or phrase is None:
        return None
    handling = handling_sentence(doing, phrase)
    return AddedHandoff(
        tool=tool,
        old_tool=own[0],
        value=value,
        subject=line.feature.rsplit(".", 1)[-1].replace("_", " ").lower(),
        bound=bound_words(line.op, amount),
        rest=bound_words(OTHER_SIDE[line.op], amount),
        amount=amount,
        handling=handling,
        told=told or handling,
    )


_DENIED_ACT = re.compile(
    r"\bdon[’']t (?P<act>[a-z]+(?: (?:the|a|an|this|that))? [a-z]+) yourself\b", re.I
)


def _denied_act(doing: str) -> str:
    """What the rule tells the agent not to do itself ("make the change"); "" when none."""
    found = _DENIED_ACT.search(doing)
    return found.group("act") if found else ""


def _prompt_name(raw_value: str, news: Sequence[str]) -> str:
    """How the new prompt names a category in words, before the bracketed aside that gives
    its code ("Wall mounting (Job type: wall_mount: …) is no longer …" → "wall mounting"); ""
    when no new sentence does, or its words are not the value's."""
    for text in news:
        head = _LABEL_HEAD.match(text)
        if head is None:
            continue
        name = " ".join(head.group("name").split())
        if len(name.split()) <= 4 and _kin(set(terms(raw_value.replace("_", " "))), terms(name)):
            return name[:1].lower() + name[1:]
    return ""


def _kin(words: set[str], said: Sequence[str]) -> bool:
    """Whether `said` has one of `words`, or a word of 4 letters or more that one starts with
    or that starts one ("booked" and "book")."""
    return any(
        a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
        for a in words
        for b in said
    )


def _topic_words(facts: ChangeFacts, added: AddedHandoff) -> set[str]:
    """The old tool's words and the topic tags' ("book", "return")."""
    found = {word for word in terms(added.old_tool.replace("_", " ")) if len(word) > 2}
    for condition in facts.conditions[:1]:
        for atom in condition.atoms:
            if atom.op == "tag":
                found |= set(terms(atom.feature.removeprefix("tag:").replace("-", " ")))
    return found


def claims_for_every_case(sentence: str) -> bool:
    """Whether `sentence` claims what it says for every case ("whatever …", "whichever …",
    "however much …", "every claim is …")."""
    text = sentence.strip()
    return bool(claims_every_case(text) or _LEAD_CLAIM.match(text) or _MID_CLAIM.search(text))


def added_handoff_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` claims the old handling for every case where the change adds a hand-off
    for some of them, or None: it claims every case ("whatever …", "however much …"), is
    about the old handling (the old tool's or the topic's words) and names no line; or it is
    the table row of the category that says how the old tool handles it."""
    added = added_handoff(facts)
    if added is None or (added.amount and added.amount in sentence):
        return None
    if sentence.lstrip().startswith("|"):
        if not added.bound or _row_for(added, sentence.strip()) is None:
            return None
        return f"{ADDED_HANDOFF_REASON} {added.case} (its row says the old handling)"
    if _does_denied(added, sentence) is not None:
        # "… and we'll make the change there and then, and move your assistance along with
        # it": what the new rule tells the agent not to do itself, said of the case
        return f"{ADDED_HANDOFF_REASON} {added.case}"
    if not _kin(_topic_words(facts, added), terms(sentence)):
        return None
    if claims_for_every_case(sentence) or _named_claim(added, sentence) is not None:
        return f"{ADDED_HANDOFF_REASON} {added.case}"
    return None


def added_handoff_row_reason(facts: ChangeFacts, header: str, row: str) -> str | None:
    """Why a table row, read with its `header`, says the old handling of the category now
    handed over whatever else (no line): its first cell names the category and a cell under a
    header about the old handling ("How to book") says how. None for any other row or
    change."""
    added = added_handoff(facts)
    if added is None or added.bound or _row_for(added, row.strip(), header.strip()) is None:
        return None
    return f"{ADDED_HANDOFF_REASON} {added.case} (its row says the old handling)"


def _named_claim(added: AddedHandoff, sentence: str) -> re.Match[str] | None:
    """Where a sentence claims the case now handed over is handled with every other: "…,
    wall mounting included", "…, including sheds", or "like any other job" in a sentence
    naming the case. None when it has no such claim, or names another case."""
    if not added.value:
        return None
    words = set(terms(f"{added.value} {added.named}"))
    for found in _INCLUDED.finditer(sentence):
        named = found.group("named") or found.group("including") or ""
        if _kin(words, terms(named)):
            return found
    same = _SAME_AS_ANY.search(sentence)
    if same is not None and _kin(words, terms(sentence)):
        return same
    return _does_denied(added, sentence)


def _does_denied(added: AddedHandoff, sentence: str) -> re.Match[str] | None:
    """Where a sentence naming a flagged case says we do what the new rule tells the agent
    not to do itself for it ("we'll make the change" of "don't make the change yourself")."""
    if not added.flag or not added.denied:
        return None
    words = set(terms(f"{added.value} {added.named}")) - _GENERIC_CASE
    if not _kin(words, terms(sentence)):
        return None
    return re.search(
        r"\b(?:we|our\s+[a-z]+(?:\s+team)?)(?:['’]ll|\s+will|\s+can|\s+do)?\s+"
        + re.escape(added.denied)
        + r"\b",
        sentence,
        re.I,
    )


def _without_named_claim(added: AddedHandoff, sentence: str) -> tuple[str, bool] | None:
    """`sentence` with its claim that the case is handled like the rest made its exception
    (", wall mounting included" → ", except wall mounting"), and False; or "" and True when
    the sentence says the case is handled like any other ("… just book your TV like any other
    job …"): the whole sentence is about the old handling of the case, and the exception is
    said in its place. None when it has no such claim."""
    found = _named_claim(added, sentence)
    if found is None:
        return None
    if found.re is _INCLUDED:
        named = found.group("named") or found.group("including") or ""
        return f"{sentence[: found.start()]}, except {named}{sentence[found.end() :]}", False
    return "", True


def without_claim(sentence: str) -> str | None:
    """`sentence` with its claim for every case dropped ("Whatever you bought, a print or an
    original, we handle it here." → "We handle it here."), or None when it has none that can
    go alone."""
    lead = _LEAD_CLAIM.match(sentence)
    if lead is not None:
        rest = sentence[lead.end() :]
        return rest[:1].upper() + rest[1:] if rest.strip() else None
    mid = _MID_CLAIM.search(sentence)
    if mid is not None:
        return sentence[: mid.start()] + sentence[mid.end() :]
    return None


def _row_for(added: AddedHandoff, raw: str, header: str | None = None) -> str | None:
    """A table row for the category (its first cell names it) with the line and the new
    handling in the cell saying how it is done (the old tool's words): "Up to £500: booked in
    the chat; … Over £500: the fine art team will phone you …". With no line, the cell under
    the `header` cell saying how (the old tool's words: "How to book") gets what the customer
    is told now in its place. None for another row, or a row with no such cell."""
    spans = cell_spans(raw)
    if not added.value or len(spans) < 2:
        return None
    first = raw[spans[0][0] : spans[0][1]]
    if not _kin(set(terms(f"{added.value} {added.named}")), terms(first)):
        return None
    tool_words = {word for word in terms(added.old_tool.replace("_", " ")) if len(word) > 2}
    if not added.bound:
        heads = cell_spans(header) if header else []
        if header is None or len(heads) != len(spans):
            return None
        told_words = {word for word in terms(added.told) if len(word) > 3}
        for (start, end), (head_start, head_end) in list(zip(spans, heads, strict=True))[1:]:
            cell = raw[start:end].strip()
            head = header[head_start:head_end].strip()
            # the cell under "How to book", or under a bare "How" claiming the case is
            # handled like the rest ("In the chat, just like any other booking")
            how = _kin(tool_words, terms(head)) or (
                _HOW_HEAD.match(head) is not None
                and (
                    _SAME_AS_ANY.search(cell) is not None
                    # "| What we do |" over "Sorry, and a £10 voucher in the chat": the old
                    # tool's handling said in the cell
                    or (_WHAT_WE_DO.match(head) is not None and _kin(tool_words, terms(cell)))
                )
            )
            if not cell or not how:
                continue
            if _kin(told_words, terms(cell)):
                return None  # the cell already says the new handling
            said = added.told if _names_taker(added, added.told) else added.handling
            return f"{raw[:start]} {said.rstrip('.')} {raw[end:]}"
        return None
    for start, end in spans[1:]:
        cell = raw[start:end].strip()
        if cell and _kin(tool_words, terms(cell)):
            told = added.told.rstrip(".")
            said = (
                f"{added.rest[:1].upper()}{added.rest[1:]}: {cell[:1].lower()}{cell[1:]}"
                f"{'' if cell.endswith('.') else '.'} {added.bound[:1].upper()}{added.bound[1:]}"
                f": {told[:1].lower()}{told[1:]}"
            )
            return f"{raw[:start]} {said} {raw[end:]}"
    return None


def added_handoff_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item claiming the old handling for every case, or with a table row for
    the category, where the change adds a hand-off (`added_handoff`): each claim goes and the
    exception is said once after the paragraph of the first; the category's row gets the line
    and the new handling; every other sentence stays (still true for the rest). Flagged with
    the reason when a claim cannot be dropped alone. None for any other change, or an item
    with neither."""
    added = added_handoff(facts)
    if added is None:
        return None
    claims = set(marked_for(impact.conflicts, ADDED_HANDOFF_REASON))
    conflicting = {c.sentence for c in impact.conflicts}
    written: list[str] = []
    rows: list[str] = []
    unsaid: list[str] = []

    lines = [
        line.strip() for line in plain_text(impact.item.body, impact.item.body_format).splitlines()
    ]
    replaced: list[str] = []

    def rewrite(unit: Unit) -> str | Keep:
        raw = unit.raw.rstrip()
        if unit.text in conflicting and raw.lstrip().startswith("|"):
            row = _row_for(added, raw, header_of(lines, raw.strip()))
            if row is None:
                return Keep.UNIT
            rows.append(unit.text)
            return row + unit.raw[len(raw) :]
        if unit.text not in claims:
            return Keep.UNIT
        named = _without_named_claim(added, raw) if not claims_for_every_case(raw) else None
        if named is not None and named[1]:
            # the case handled like any other: the exception is said in its place
            replaced.append(unit.text)
            return added.exception + unit.raw[len(raw) :]
        said = named[0] if named is not None else without_claim(raw)
        if said is None:
            unsaid.append(unit.text)
            return Keep.UNIT
        written.append(" ".join(said.split()))
        return said + unit.raw[len(raw) :]

    if not claims and not any(t.lstrip().startswith("|") for t in conflicting):
        return None
    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    noun = impact.item.kind
    if unsaid:
        return None, (
            f"No safe rewrite: the agent now hands the conversation over for {added.case} "
            f"({added.tool}) and handles "
            f"the rest as before; this {noun} says every case is handled the old way in a "
            "sentence whose claim cannot be dropped alone: a writer should say the rule and "
            f"its exception for {added.case}."
        )
    if new_body is None or not (written or rows or replaced):
        return None
    if written and not replaced:
        new_body = said_after_paragraph(
            new_body, impact.item.body_format, written[0], added.exception
        )
        if new_body is None:
            return None
    return new_body, (
        f"The agent now hands the conversation over for {added.case} ({added.tool}): "
        f"“{added.exception}” Every "
        f"other case is handled as before ({added.old_tool}). This {noun} said every case was "
        "handled the old way: the edit drops that claim, says the exception once"
        + (
            ""
            if not rows
            else ", gives the row for it the line and the new handling"
            if added.bound
            else ", gives the row for it the new handling"
        )
        + ", and keeps every other sentence as it is."
    )


def added_handoff_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a hand-off added over a line (`added_handoff`): the
    same fact the template's edit rests on."""
    added = added_handoff(facts)
    if added is None:
        return None
    if not added.bound:
        return (
            f"the agent now hands the conversation over for {added.case} ({added.tool}) and "
            f"handles every other case as before ({added.old_tool}): “{added.exception}”; a "
            "sentence saying every case is handled the old way (“whatever …”, “… included”, "
            "“like any other …”) drops that claim or names the case as its exception, and the "
            f"exception for {added.case} is said once; the cell of its table row saying how it "
            f"is done says “{added.told}”"
        )
    return (
        f"the agent now hands the conversation over for {added.case} ({added.tool}) and "
        f"handles every other case "
        f"({added.rest}) as before ({added.old_tool}): “{added.exception}”; a sentence saying "
        "every case is handled the old way (“whatever …”, “however much …”) drops that claim "
        f"and the exception for {added.case} is said once; a table row for it says "
        f"{added.rest} the old way and {added.bound} the new handling"
    )


def still_claims_every_case(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still claim the old handling for every case where
    the change adds a hand-off over a line: a conflicting sentence kept, or one the edit wrote.
    What no drafter's edit may say."""
    if added_handoff(facts) is None:
        return []
    lines = [line.strip() for line in plain_text(new_body, body_format).splitlines()]

    def says(unit: Unit) -> bool:
        if added_handoff_reason(facts, unit.text) is not None:
            return True
        # a category's row read with its header, the old handling still in its how-cell
        header = header_of(lines, unit.text.strip()) if unit.text.startswith("|") else None
        return header is not None and (
            added_handoff_row_reason(facts, header, unit.text) is not None
        )

    return still_saying(says, conflicts, old_body, new_body, body_format)


def handed_case_only(facts: ChangeFacts, conflicts: list[Any]) -> list[Any]:
    """`conflicts` of an item for a hand-off added for a yes/no flag's case (`added_handoff`
    with `flag`): only those saying the case is handled the old way. A sentence stating the
    old handling's promises for no case ("Your amended confirmation arrives by email within
    24 hours") stays true for everyone else, and one only naming the case on another topic
    ("… can ask for special assistance on any holiday, free of charge") is no old handling."""
    added = added_handoff(facts)
    if added is None or not added.flag:
        return conflicts
    return [
        conflict
        for conflict in conflicts
        if any(reason.startswith(ADDED_HANDOFF_REASON) for reason in conflict.reasons)
    ]


_GENERIC_CASE = frozenset(terms("booking order account customer"))


_LOOSE_REASON = re.compile(r"^states .+, which the new agent no longer states$")


def added_handoff_rows(
    facts: ChangeFacts,
    item_units: Sequence[Any],
    found: list[Any],
    make: Any,
) -> list[Any]:
    """`found` with the rows of a table by case read for a category now handed over whatever
    else (`added_handoff` with no line): the category's row saying the old handling under a
    "how" column takes `added_handoff_row_reason`, and another category's row, marked only for
    stating what the old handling said (its voucher, its text message), keeps it and is no
    conflict. Any other change's conflicts as they are."""
    added = added_handoff(facts)
    if added is None or added.bound or not added.value:
        return found
    headers = table_headers([unit.text for unit in item_units])
    by_index = {conflict.unit_index: conflict for conflict in found}
    for index, unit in enumerate(item_units):
        header = headers[index]
        if header is None or not unit.text.lstrip().startswith("|") or unit.text == header:
            continue
        reason = added_handoff_row_reason(facts, header, unit.text)
        if reason is not None:
            had = by_index[index].reasons if index in by_index else ()
            kept = tuple(r for r in had if not _LOOSE_REASON.match(r))
            by_index[index] = make(index, unit.text, (*kept, reason))
            continue
        conflict = by_index.get(index)
        # the old handling's call is still the others' ("describes `refund_item`" of the
        # damaged order's row): no conflict of another case's row either
        kept_call = f"describes `{added.old_tool}`" if added.old_tool else None
        if conflict is not None and all(
            _LOOSE_REASON.match(r) or (kept_call is not None and r.startswith(kept_call))
            for r in conflict.reasons
        ):
            cells = row_cells(unit.text)
            named = set(terms(f"{added.value} {added.named}"))
            if cells and not _kin(named, terms(cells[0])):
                del by_index[index]  # another case's row: it keeps the old handling
    return [by_index[index] for index in sorted(by_index)]
