"""The checks every KB edit passes, whoever drafted it (the template drafter or a model):
nothing lost besides the contradicting sentences, no first person in an article that has none,
no reply copied from a conversation, no one probe's values."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.diffing.align import align
from behaviordiff.drafting.addedshare import renewed_totals
from behaviordiff.drafting.answerword import kept_answer_words
from behaviordiff.drafting.complement import moved_complements
from behaviordiff.drafting.dropped import singular
from behaviordiff.drafting.equalvalue import equal_statements
from behaviordiff.drafting.everycharge import ZERO, says_free
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.flagaudience import flag_value_problems
from behaviordiff.drafting.impact import Impact, changed_case_words
from behaviordiff.drafting.keptrules import kept_case_words
from behaviordiff.drafting.percase import new_value_for_both, other_case_items
from behaviordiff.drafting.promptrule import prompt_voice_sentences, told_to_you
from behaviordiff.drafting.rules import (
    is_time_unit,
    states_value,
    told_clause,
    told_statement,
    value_statements,
    where_stated,
)
from behaviordiff.drafting.splitclaim import claims_split_after, split_words
from behaviordiff.drafting.text import (
    ASIDE,
    STOPWORDS,
    missing_placeholders,
    plain_text,
    still_saying,
    terms,
    units,
)
from behaviordiff.drafting.twofacets import half_moved
from behaviordiff.drafting.wholepromise import whole_promise_problems
from behaviordiff.kb.model import KnowledgeItem

_SPECIFIC = re.compile(
    r"(?<![\w$-])(?:[A-Z]{1,4}-?\d{3,}[\w-]*|[A-Z][a-z]+[A-Za-z]*|[$€£]?\d[\d,.]*%?)(?![\w])"
)


_CELL_LEAD = 40
"""How far before a word its table cell's bar may be."""


_OPENERS = ("|", "(", "[", '"', "“", "‘", ">")
"""What a sentence may open after inside a line: a table pipe, a bracket, a quote, a tag."""
_CLAUSE_OPENERS = frozenset(
    ("before", "after", "once", "when", "whenever", "unless", "until", "while")
)
"""Words that open a clause, capitalised as a cell's first word: "| Before we change …"."""


def one_probe_values(facts: ChangeFacts, sentences: Sequence[str], allowed: str = "") -> list[str]:
    """Names, ids and numbers in `sentences` that only one probe's new reply has (a
    medication, an order number, an amount) and neither the prompt rules behind the change,
    the descriptions of the tools it added or removed, nor `allowed` (the item's own text)
    state: what a KB item must not carry."""
    replies = [excerpt.new for excerpt in facts.excerpts]
    if len(replies) < 2:
        return []
    general = "\n".join(
        [
            allowed,
            *(r.new or "" for r in facts.rules),
            *(r.old or "" for r in facts.rules),
            *(r.tool or "" for r in facts.rules),
        ]
    )
    found: list[str] = []
    for sentence in sentences:
        for match in _SPECIFIC.finditer(sentence):
            token = match.group(0).rstrip(".,")
            if match.start() == 0 or not token:
                continue
            cell = sentence[max(0, match.start() - _CELL_LEAD) : match.start()].rstrip()
            if cell.endswith(_OPENERS) and token.lower() in STOPWORDS | _CLAUSE_OPENERS:
                # a cell's, a bracket's, a quote's or a tag's first word, capitalised:
                # "| As soon as we can |", "<p>The nurse will call"
                continue
            pattern = re.compile(rf"(?<![\w$]){re.escape(token)}(?![\w])")
            if pattern.search(general):
                continue
            if sum(1 for reply in replies if pattern.search(reply)) == 1:
                found.append(token)
    return list(dict.fromkeys(found))


def plain_sentences(body: str, body_format: str) -> list[str]:
    return [unit.text for unit in units(plain_text(body, body_format))]


def contains_sentence(text: str, sentence: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(sentence)}(?!\w)", text, re.I) is not None


FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|I’m|I’ve|I’ll|I’d|me|my|mine)\b")
_ADDRESS = re.compile(r"\S*(?:[/@]|\.[A-Za-z]{2})\S*")
"""A link or an email address ("example.co.uk/my-course"): no words of a speaker."""


def speaks_first_person(text: str) -> bool:
    """Whether `text` says "I", "me" or "my" outside its links and email addresses."""
    return FIRST_PERSON.search(_ADDRESS.sub(" ", text)) is not None


_TOOL_WORDS = re.compile(
    r"\bprobes?\b|\bconversations(?=\s+(?:asking|requested|with|where|whose|in which|that|"
    r"from|for|on|at|before|after|under|over)\b)",
    re.I,
)
"""The tool's own words for what it measured: a probe, and a condition said over
"conversations" ("conversations requested from 6pm", `facts.condition_words`), which is how a
note speaks to CS, never how a macro or an article speaks to a customer. "Your conversation"
with a chat team is the customer's own word."""


_GLOSS = re.compile(r"\([^()]{0,120}\)")


def tool_words(facts: ChangeFacts, sentence: str, body: str) -> list[str]:
    """The words of `sentence` that are the tool's, not the item's (`body`'s): "probes", a
    condition over "conversations" (`_TOOL_WORDS`, or the change's own condition words), and
    the names of the variables the change's conditions test ("requested_hour") and the values
    they compare with as the data spells them ("full_valet"), where the item never uses them."""
    found = [
        m.group(0)
        for m in _TOOL_WORDS.finditer(sentence)
        if not contains_sentence(body, m.group(0))
    ]
    said = [phrase for phrase in (facts.who(), facts.when()) if phrase]
    if any(p.startswith("conversations") and contains_sentence(sentence, p) for p in said):
        found.append("conversations")
    features = {
        atom.feature
        for condition in facts.conditions
        for atom in condition.atoms
        if "_" in atom.feature and not atom.feature.startswith("tag:")
    }
    found += [name for name in sorted(features) if name in sentence and name not in body]
    # a categorical value as the data writes it ("highlands_islands", "change_of_plans") is
    # the analysis's spelling of a case, never the item's; in a bracket after the case's own
    # words ("flat tyres (fault type flat_tyre)") it is the gloss the template gives a writer
    unglossed = _GLOSS.sub("", sentence)
    values = {
        value
        for condition in facts.conditions
        for atom in condition.atoms
        if atom.op in ("=", "in")
        for value in (atom.value if isinstance(atom.value, tuple) else (atom.value,))
        if isinstance(value, str) and "_" in value
    }
    found += [
        value
        for value in sorted(values)
        if re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", unglossed) and value not in body
    ]
    # the prompt's code; a categorical value is the check above's (its gloss is allowed)
    found += [name for name in code_identifiers(sentence, body) if name not in values]
    return list(dict.fromkeys(found))


_NOT_PROSE = re.compile(
    r"\{\{[^{}\n]{0,200}\}\}|\{%[^{}\n]{0,200}%\}|(?<!\S)[^\s:@]{0,200}(?:://|@)\S{0,200}|"
    r"\bwww\.\S{0,200}"
)
"""What may spell an identifier in a KB item's own way: a helpdesk placeholder, a link, an
email address (bounded: linear on any input)."""
_IDENTIFIER = re.compile(
    r"`[^`\n]{1,80}`|(?<![\w-])[A-Za-z][A-Za-z0-9]{0,40}(?:_[A-Za-z0-9]{1,40})+(?![\w-])"
)
"""Code: a backticked name, or a name joined by underscores ("refund_deposit", "cancel_order")."""


def code_identifiers(sentence: str, body: str) -> list[str]:
    """The prompt's code in `sentence` that `body` (the item's own text) never writes: a tool
    or argument name joined by underscores ("(refund_deposit true)"), or anything in
    backticks. A KB item speaks to customers: an edit copying the prompt's internals is
    refused, whoever drafted it. Placeholders, links and email addresses are the item's."""
    prose = _NOT_PROSE.sub(" ", sentence)
    return [found.group(0) for found in _IDENTIFIER.finditer(prose) if found.group(0) not in body]


_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")


def _varying_numbers(sentence: str, replies: Sequence[str]) -> list[str]:
    """Numbers of a reply sentence that no more than half of the change's replies state: one
    probe's values (a tenure, an amount), not the policy every reply repeats."""
    varying = []
    for number in dict.fromkeys(_NUMBER.findall(sentence)):
        pattern = re.compile(rf"(?<![\w.]){re.escape(number)}(?![\w])")
        if 2 * sum(1 for reply in replies if pattern.search(reply)) <= len(replies):
            varying.append(number)
    return varying


_COPY_CHARS = 25
"""An added sentence this long or longer that a transcript says is copied from it, not
restated: shorter ones ("Thanks for waiting.") are common words, not a reply's prose."""
_NOT_WORD = re.compile(r"[^\w]+")


def comparable(text: str) -> str:
    """`text` lowercased, with punctuation and runs of spaces as one space: a copied reply
    sentence with its first letter capitalised, a colon for a dash or a curly apostrophe is
    still the reply's."""
    return " " + _NOT_WORD.sub(" ", text.replace("’", "'").replace("'", "")).lower().strip() + " "


_QUOTED = re.compile(rf"“([^”]{{{_COPY_CHARS},2000}})”|\"([^\"]{{{_COPY_CHARS},2000}})\"")
"""A passage in double quotation marks, long enough to be a reply's words (single ones are
apostrophes too often to be read as quotes)."""
_QUOTED_WORDS = 6
"""A quoted passage this many words long or longer can be a reply's sentence."""


def quoted_conversation(facts: ChangeFacts, sentence: str) -> str | None:
    """The passage of `sentence` in quotation marks that a reply of the change's evidence
    says (“Hello Declan, If you add …”), else None: a KB item never quotes a conversation."""
    _, conversations = _comparable_evidence(
        tuple((excerpt.old, excerpt.new) for excerpt in facts.excerpts)
    )
    rules = comparable(
        " ".join(text for rule in facts.rules for text in (rule.old, rule.new) if text)
    )
    for found in _QUOTED.finditer(sentence):
        passage = found.group(1) or found.group(2)
        said = comparable(passage)
        # a quoted link or a short term is no reply; a rule of the prompt is no one's reply
        if len(said.split()) < _QUOTED_WORDS or said in rules:
            continue
        if any(said in text for texts in conversations for text in texts):
            return passage
    return None


def copied_from_transcripts(facts: ChangeFacts, sentence: str) -> int:
    """In how many of the conversations the change's evidence holds `sentence` is said (as a
    run of whole words of an old or new reply, case, spacing and punctuation aside), when
    it is a reply's prose: 0 when none says it, or when every new reply of two or more
    says it, word for word (the agent's set line for the rule, as its prompt has it say it,
    which a KB may say too). A sentence only some conversations say is how one reply put
    it, however many said it that way: a KB item says its rule in its own words."""
    said = comparable(sentence)
    if not said.strip():
        return 0
    new_replies, conversations = _comparable_evidence(
        tuple((excerpt.old, excerpt.new) for excerpt in facts.excerpts)
    )
    if len(new_replies) >= 2 and all(said in reply for reply in new_replies):
        return 0
    return sum(1 for texts in conversations if any(said in text for text in texts))


@functools.lru_cache(maxsize=32)
def _comparable_evidence(
    excerpts: tuple[tuple[str, str], ...],
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The (old, new) replies of a change's evidence as `comparable` reads them, once for
    every sentence an edit is checked by: the new replies that say anything, and each
    conversation's non-empty replies."""
    new_replies = tuple(comparable(new) for _, new in excerpts if new.strip())
    conversations = tuple(
        tuple(comparable(text) for text in (old, new) if text) for old, new in excerpts
    )
    return new_replies, conversations


_DIGITS = re.compile(r"\d[\d,.]*")
_ARTICLES = frozenset({"a", "an"})
_PERIODS = frozenset({"fortnight", "fortnights", "decade", "decades"})


def _value_word(word: str) -> bool:
    """Whether a word of `comparable` text says a value: a number in digits or words ("9",
    "twelve", "a" of "a year") or its unit ("months", "a fortnight")."""
    return (
        _DIGITS.fullmatch(word) is not None
        or word in CARDINALS
        or word in _ARTICLES
        or word in _PERIODS
        or is_time_unit(word)
    )


def _value_frame(sentence: str) -> tuple[str, ...]:
    """`sentence`'s words (`comparable`) with those saying a value left out: two sentences
    with one frame differ only in the value they state."""
    return tuple(word for word in comparable(sentence).split() if not _value_word(word))


def restated_values(old_units: Sequence[str], new_units: Sequence[str]) -> set[str]:
    """The sentences of `new_units` (those an edit added) that say one of the item's
    `old_units` with only a value said anew ("valid for a year" → "valid for 9 months"): the
    item's own words, however many replies happen to say the new value the same way, so no
    copy of a conversation. One with a bracketed aside cut out ("- Your receipt (no receipt,
    no return)" → "- Your receipt") is the item's own words too."""
    frames = {_value_frame(unit) for unit in old_units}
    frames.discard(())
    cut = {" ".join(ASIDE.sub("", unit).split()) for unit in old_units if "(" in unit}
    return {unit for unit in new_units if _value_frame(unit) in frames or unit in cut}


def told_by_prompt(
    facts: ChangeFacts, sentence: str, voiced_rules: frozenset[str] | None = None
) -> bool:
    """Whether `sentence` is, word for word, what a new prompt rule of the change tells the
    customer (`told_clause`, `told_statement`) or one sentence of the rule in the KB's voice
    (`voiced_rules`, from `promptrule.prompt_voice_sentences`; worked out when not given): the
    rule restated to the customer, not a reply's prose, however many replies echoed the
    prompt's words."""
    said = comparable(sentence)
    for rule in facts.rules:
        if not rule.new:
            continue
        for told in (told_clause(rule.new), told_statement(rule.new)):
            if told and comparable(told) == said:
                return True
    if voiced_rules is None:
        voiced_rules = prompt_voice_sentences(facts)
    return any(comparable(part) == said for part in voiced_rules)


_TO_THE_AGENT = re.compile(
    r"`[^`\n]{1,80}`|\b(?:ask|tell|remind|inform|advise|let)\s+the\s+(?:customer|client|caller|"
    r"member|patient|guest|user|visitor|buyer|renter|owner|parent|student)s?\b",
    re.I,
)
"""What a prompt says to the agent ("ask the customer to send a photo first", "call
`order_reprint`"), never what a KB item says to its reader; with the customer turned into
"you", an order with no one to give it (`told_to_you`)."""


def _analysis_words(facts: ChangeFacts, item: KnowledgeItem, unit: str) -> list[str]:
    if analysis_words := tool_words(facts, unit, item.body):
        return [
            f"“{unit}” says {', '.join(f'“{w}”' for w in analysis_words)}, the "
            f"analysis's word, not the {item.kind}'s: say whom it is for in the "
            f"{item.kind}'s own terms"
        ]
    agent = _TO_THE_AGENT.search(unit)
    said = agent.group(0) if agent is not None else told_to_you(unit)
    if said is not None and not _TO_THE_AGENT.search(item.body) and not told_to_you(item.body):
        return [
            f"“{unit}” speaks to the agent (“{said}”), as the prompt does: say it to the "
            f"{item.kind}'s reader"
        ]
    return []


def analysis_word_problems(facts: ChangeFacts, impact: Impact, new_body: str) -> list[str]:
    """The analysis's words (`tool_words`) in the sentences `new_body` adds to the item: the
    last check of a template edit, after the steps that add a sentence once the others passed
    (`kb_text_problems` makes the same check of what it sees)."""
    item = impact.item
    old_units = set(plain_sentences(item.body, item.body_format))
    return [
        problem
        for unit in plain_sentences(new_body, item.body_format)
        if unit not in old_units
        for problem in _analysis_words(facts, item, unit)
    ]


def kb_text_problems(facts: ChangeFacts, impact: Impact, new_body: str) -> list[str]:
    """What an edit must never do to a KB item: lose a sentence, heading or title it did not
    need to change, put first person into an article that has none, copy a reply from a
    conversation, or carry one probe's values (a name, an amount)."""
    item = impact.item
    old_units = plain_sentences(item.body, item.body_format)
    new_units = plain_sentences(new_body, item.body_format)
    flat = " ".join(new_units)
    conflicting = {conflict.sentence for conflict in impact.conflicts}
    problems: list[str] = []
    lost = [u for u in old_units if u not in conflicting and not contains_sentence(flat, u)]
    headings = [u for u in lost if u.lstrip().startswith("#")]
    # a sentence reworded on the way is the writer's call; headings, or several sentences
    # gone, are an article that lost its shape
    if headings or len(lost) > 1:
        problems.append(
            "the new body lost or altered text that does not contradict the new behavior: "
            + "; ".join(f"“{u}”" for u in lost[:3])
            + ": keep every other sentence, heading and title exactly as it is"
        )
    answering = kept_answer_words(
        plain_text(item.body, item.body_format), plain_text(new_body, item.body_format)
    )
    if answering:
        problems.append(
            "the new body keeps the answer "
            + " and ".join(f"“{word}”" for word in answering)
            + " before a sentence it makes depend on the case: drop it, or say the answer "
            "for each case"
        )
    lost_placeholders = missing_placeholders(item.body, new_body)
    if lost_placeholders:
        problems.append(
            "the new body drops the placeholders "
            + ", ".join(lost_placeholders)
            + ", which the helpdesk fills in: keep every placeholder"
        )
    added = [u for u in new_units if u not in old_units]
    replies = [e.new for e in facts.excerpts]
    voiced_rules = prompt_voice_sentences(facts) if added else frozenset()
    own_words = restated_values(old_units, added)
    # an item that never says "I" (an article, a macro signed by the team) does not start to:
    # a sentence in the first person singular is one agent's reply, not the item's voice
    never_i = not speaks_first_person(item.body)
    for unit in added:
        if never_i and speaks_first_person(unit):
            problems.append(
                f"“{unit}” speaks in the first person, which the {item.kind} never does"
            )
        problems += _analysis_words(facts, item, unit)
        quoted = quoted_conversation(facts, unit)
        if quoted is not None:
            problems.append(
                f"“{unit}” quotes a conversation (“{quoted[:80]}”): say the rule in the "
                f"{item.kind}'s own words"
            )
            continue
        if unit in own_words or told_by_prompt(facts, unit, voiced_rules):
            continue
        copied = sum(1 for reply in replies if unit in " ".join(reply.split()))
        if len(unit) >= _COPY_CHARS and copied == 1:
            problems.append(f"“{unit}” is copied from one conversation: restate the rule instead")
        elif copied and (varying := _varying_numbers(unit, replies)):
            problems.append(
                f"“{unit}” is copied from the conversations with numbers that differ between "
                f"them ({', '.join(varying)}): restate the rule instead"
            )
        elif len(unit) >= _COPY_CHARS and (said := copied_from_transcripts(facts, unit)):
            problems.append(
                f"“{unit}” is copied from {said} of the {len(facts.excerpts)} conversations: "
                "restate the rule instead"
            )
    # a total worked from a share the change made a fixed amount, given anew from the item's
    # own figures and the rule (`addedshare.renewed_totals`), is no one conversation's value
    renewed = [
        total
        for move in facts.moves
        if move.added
        for total in renewed_totals(move.old, move.new, item.body)
    ]
    # the count past a moved limit ("9 or more" for "up to 8") is the rule's own number
    renewed += moved_complements(facts.moves)
    # the last count below a moved line, said inclusively ("2 and under", "0–2" for a line
    # moved to 3, `linewords`): the rule's own number too
    renewed += [
        str(int(move.new) - 1)
        for move in facts.moves
        if move.kind == "value" and move.new.isdigit() and move.old.isdigit() and int(move.new)
    ]
    specific = one_probe_values(facts, added, allowed=" ".join([item.body, *renewed]))
    if specific:
        problems.append(
            "the new text carries one conversation's values (" + ", ".join(specific) + ")"
        )
    problems += half_moved(facts, impact, new_body)
    problems += whole_promise_problems(facts, impact, new_body)
    problems += other_case_problems(facts, impact, new_body)
    problems += flag_value_problems(facts, item.body, added)
    problems += moved_rule_in_place_problems(facts, impact, new_body)
    problems += replaced_way_problems(facts, added)
    return problems


_TOOL_VERBS = frozenset(
    [
        "issue",
        "send",
        "book",
        "add",
        "get",
        "set",
        "make",
        "log",
        "create",
        "request",
        "check",
        "update",
        "lookup",
        "look",
        "record",
        "apply",
        "start",
        "open",
        "process",
        "give",
    ]
)
"""Words of a tool's name that say doing, not what is done ("issue" of `issue_refund`)."""


def _tool_stems(names: set[str]) -> set[str]:
    return {
        singular(word)
        for name in names
        for word in name.lower().split("_")
        if len(word) > 2 and word not in _TOOL_VERBS
    }


REPLACED_WAY = "still says the way the change replaced"


def replaced_way_problems(facts: ChangeFacts, added: Sequence[str]) -> list[str]:
    """An added table row still saying the way the change replaced: the old call's words (two or
    more: "refund" and "card" of `refund_to_card`) and none of the new call's ("store credit"
    of `issue_store_credit`), as "| Returning a sale item | Refund to your card within 1
    working day |" says with the new time moved into the old way."""
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    gone, new = before - after, after - before
    if not gone or not new:
        return []
    old_words, new_words = _tool_stems(gone), _tool_stems(new)
    old_words, new_words = old_words - new_words, new_words - old_words
    if len(old_words) < 2 or not new_words:
        return []
    problems = []
    # a row is one case's handling: prose may say the old way for the others beside the new
    for unit in (each for each in added if each.lstrip().startswith("|")):
        said = {singular(word) for word in re.findall(r"[a-z]+", unit.lower())}
        if len(said & old_words) >= 2 and not said & new_words:
            problems.append(f"“{unit}” {REPLACED_WAY} ({', '.join(sorted(gone))}): say the new way")
    return problems


_RESTATED_SHARE = 0.75
"""An added sentence whose content words are this share or more of a moved prompt rule's
words restates that rule, whatever was put around it ("For X, we …")."""
_RESTATED_MIN_TERMS = 4


def _restates(rule: str, sentence: str) -> bool:
    said = set(terms(sentence))
    shared = said & set(terms(rule))
    return len(shared) >= _RESTATED_MIN_TERMS and len(shared) >= _RESTATED_SHARE * len(said)


def _replaced_by(old_units: Sequence[str], new_units: Sequence[str]) -> list[tuple[str, str]]:
    """(old unit, the unit put in its place) for each unit an edit rewrote, read from where the
    units stand: within a run of rewritten units, one to one when the counts agree, else each
    new unit with the old unit of the run it shares most words with."""
    pairs: list[tuple[str, str]] = []
    for step in align(old_units, new_units):
        if step.tag != "replace":
            continue
        olds, news = old_units[step.i1 : step.i2], new_units[step.j1 : step.j2]
        if len(olds) == len(news):
            pairs += list(zip(olds, news, strict=True))
            continue
        for new in news:
            said = set(terms(new))
            pairs.append((max(olds, key=lambda old: len(said & set(terms(old)))), new))
    return pairs


def moved_rule_in_place_problems(facts: ChangeFacts, impact: Impact, new_body: str) -> list[str]:
    """A value the prompt moved, in a rule that changed nothing else, is changed where the item
    states it, in the item's words. An edit that puts that rule, restated, in place of a
    sentence stating none of its old values ("Tell us your arrival time and we'll confirm it")
    replaces what the item said, still true, with the prompt's text."""
    # a rule that changed nothing but its value: what else it says held before and still does
    moved = [
        move
        for move in facts.moves
        if move.kind == "value"
        and move.new_sentence
        and move.old_sentence.replace(move.old, move.new) == move.new_sentence
    ]
    if not moved:
        return []
    item = impact.item
    old_units = plain_sentences(item.body, item.body_format)
    new_units = plain_sentences(new_body, item.body_format)
    replaced = [
        (old, new)
        for old, new in _replaced_by(old_units, new_units)
        if any(_restates(move.new_sentence, new) for move in moved)
        and not any(
            states_value(move.old, old)
            or equal_statements(move.old, move.old_sentence, old)
            or value_statements(move, old)
            for move in moved
        )
        # a value moved from 0 is stated by a sentence saying the thing is free
        and not (says_free(old) and all(ZERO.match(move.old.strip()) for move in moved))
    ]
    if not replaced:
        return []
    olds = ", ".join(dict.fromkeys(move.old for move in moved))
    old, new = replaced[0]
    return [
        f"the new body puts the new prompt's rule (“{new}”) in place of “{old}”, which states "
        f"none of the old values ({olds}): change the value where the {item.kind} states it "
        "and keep that sentence as it is"
    ]


def other_case_problems(facts: ChangeFacts, impact: Impact, new_body: str) -> list[str]:
    """For a value moved for one case of the change's condition: the item's list items about
    another case (`percase.other_case_items`) that the edit does not keep word for word, and
    the sentences it adds that give the new value to the changed case and another alike
    (`percase.new_value_for_both`). The other cases keep the old value."""
    cases = changed_case_words(facts)
    words = kept_case_words(facts.moves, facts.kept_rules, frozenset().union(*cases))
    others = [{word} for word in sorted(words)]
    moves = [
        m
        for m in facts.moves
        if m.kind == "value" and not (m.subject or m.others or m.share or m.category)
    ]
    if not facts.restricted or not cases or not moves:
        return []
    item = impact.item
    text = plain_text(item.body, item.body_format)
    stating = [
        index
        for index, unit in enumerate(impact.units)
        if any(states_value(move.old, unit.text) for move in moves)
    ]
    flat = " ".join(plain_sentences(new_body, item.body_format))
    problems = [
        f"the new body changes “{impact.units[index].text}”, which states what another case "
        "keeps (the change moved the value for one case only): keep it as it is"
        for index in sorted(other_case_items(text, impact.units, cases, stating))
        if not contains_sentence(flat, impact.units[index].text)
    ]
    old_units = set(plain_sentences(item.body, item.body_format))
    for unit in plain_sentences(new_body, item.body_format):
        if unit not in old_units and (value := new_value_for_both(moves, cases, unit, others)):
            problems.append(
                f"“{unit}” gives {value} to every case it names, but the change moved the value "
                "for one of them only: say it once per case, the others with the old value"
            )
    return problems


def probe_id_problems(facts: ChangeFacts, text: str) -> list[str]:
    """A note is CS's text: it says what happened ("in 1 of the 5 test conversations"), the
    probe ids are for the evidence."""
    named = [
        probe_id
        for probe_id in facts.probe_ids
        if re.search(rf"(?<![\w-]){re.escape(probe_id)}(?![\w-])", text)
    ]
    if not named:
        return []
    return [
        f"the note names probe ids ({', '.join(named[:3])}): say what happened in plain words "
        "(e.g. 'in 1 of the 5 test conversations'); the probe ids belong in the evidence"
    ]


def still_split_claimed(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body saying both values of a value split by category and,
    after them, still claiming one held for every case of what the split tells apart ("…, on
    every membership"): beside the two values it says the old rule again (`splitclaim`)."""
    split = [move for move in facts.moves if move.kind == "value" and move.scope and move.others]
    if not split:
        return []

    def claims(text: str) -> bool:
        for move in split:
            old, new = where_stated(move.old, text), where_stated(move.new, text)
            if old and new:
                after = max(old[-1].end(), new[-1].end())
                if claims_split_after(text[after:], split_words(move.scope, move.others)):
                    return True
        return False

    return still_saying(lambda unit: claims(unit.text), conflicts, old_body, new_body, body_format)
