"""A value the new prompt gives one category in a sentence of its own, beside the old rule.

"For e-bikes the customer pays the first £100 of any repair." added next to "the customer
pays the first £50 of any repair" (reworded or not): the change's condition names the
category (bike_category = e-bike), the old value stays for every other one. It is a rule
move (`RuleMove.category`) whose old rule is the prompt's sentence stating the old value, so
the KB sentences stating that rule are found as for any move, and each is rewritten in its
own words:

* a table row keyed by the category changes the one cell that holds the moved value (the
  column the header says it is, or the only cell holding the old value); rows of the other
  categories stay byte for byte;
* a sentence naming the category takes its value; any other sentence states the old value
  for every category, so it gets the exception beside the value ("the first £50 (£100 for
  e-bikes) of any repair") and loses the words claiming it for every one of them ("whatever
  bike you hire");
* a sentence claiming the value is the same for every category ("That's the same for every
  bike in the fleet") conflicts too: the edit drops it where the item now states the
  exception.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from typing import Any

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.detect.similarity import STOPWORDS, word_overlap_distance
from behaviordiff.diffing.align import align
from behaviordiff.drafting.categorylist import noun_forms, without_listed
from behaviordiff.drafting.rules import (
    RuleMove,
    cell_spans,
    content_words,
    duration_phrase,
    gloss_unsaid,
    is_time_unit,
    kb_glossed_span,
    move_topic,
    new_value,
    old_in_own_clause,
    rule_tokens,
    said_as_both,
    spelled_value,
    token_values,
    value_kind,
    where_stated,
    with_header_count,
    worded_value,
)
from behaviordiff.drafting.text import stem, without_every_subject
from behaviordiff.drafting.workweeks import one_measure

_SCOPE_LEAD = re.compile(r"(?:\b(?P<prep>for|on|with|in|at)\s+(?:an?\s+|the\s+|our\s+)?)$", re.I)
_GENERIC = frozenset(
    {"category", "type", "kind", "tier", "level", "class", "group", "name", "id", "code"}
)
_CLAIM = re.compile(
    r"\b(?:the same|no different|identical)\b[^.;:!?]{0,30}?\b(?:for|on|with|in|at|across|"
    r"whatever|whichever)\s+(?:every|all|each|any|whatever|whichever)?\s*(?:of\s+)?"
    r"(?:(?:the|our|your)\s+)?(?:kind\s+of\s+|type\s+of\s+)?(?P<noun>[A-Za-z][\w'’-]*)"
    r"|\b(?:whatever|whichever|regardless of(?:\s+which)?|no matter(?:\s+which)?)\s+"
    r"(?:(?:the|your)\s+)?(?:kind\s+of\s+|type\s+of\s+)?(?P<other>[A-Za-z][\w'’-]*)",
    re.I,
)
"""A claim that something is the same across a kind of thing: "the same for every bike",
"whatever plan you're on", "regardless of room"; the noun it is claimed over."""
_UNIVERSAL_TAIL = re.compile(
    r",?\s+(?:(?:for|on|to|at|in|with)\s+(?:every|all|each|any)|whatever|whichever|"
    r"regardless of|no matter|wherever)\b[^,.;:!?()]*",
    re.I,
)


def category_pattern(value: str) -> re.Pattern[str]:
    """A category value as text may write it: "e-bike" also "E-bikes", "ebike"; "full_time"
    also "full-time", "full time"; "highlands_islands" also "Highlands and islands"; "body"
    also "bodies"."""
    words = [word for word in re.split(r"[\s_-]+", value.strip()) if word]
    # "highlands_islands" also "Highlands and islands", "food_drink" also "food & drink"
    body = r"(?:[\s_-]?|\s+(?:and|&)\s+)".join(re.escape(word) for word in words)
    if re.search(r"[^aeiou\W]y$", body, re.I):
        # "body" → "bodies", "battery" → "batteries"
        return re.compile(rf"(?<![\w-]){body[:-1]}(?:y|ies)(?![\w-])", re.I)
    if re.search(r"[^aeiou\W]ies$", body, re.I):
        # "batteries" also "battery"
        return re.compile(rf"(?<![\w-]){body[:-3]}(?:y|ies)(?![\w-])", re.I)
    if re.search(r"(?:x|ch|sh|ss)es$", body, re.I):
        # "boxes" also "box"
        return re.compile(rf"(?<![\w-]){body[:-2]}(?:es)?(?![\w-])", re.I)
    if re.search(r"\w{3}(?<![suie'])s$", body, re.I):
        # a plural value also said as its singular: "rockets" in "Rocket packs: …"
        return re.compile(rf"(?<![\w-]){body[:-1]}s?(?![\w-])", re.I)
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", re.I)


def category_named(feature: str, value: str, text: str) -> tuple[str, re.Match[str]] | None:
    """Where `text` names the category `value` of `feature`: the value alone ("e-bikes"), else
    the value joined to a word of the variable's name ("peak-time classes" for `class_time =
    peak`, "low income" for `income_band = low`), with the category as written there (the
    value, else the joined words)."""
    found = category_pattern(value).search(text)
    if found is not None:
        return value, found
    for word in re.split(r"[\W_]+", feature.lower()):
        if len(word) < 3 or word in _GENERIC or word == value.lower():
            continue
        joined = f"{value}-{word}"
        found = category_pattern(joined).search(text)
        if found is not None:
            return joined, found
    return None


def _categories(conditions: Sequence[Condition]) -> list[tuple[str, str]]:
    """(feature, value) of each category the change's first condition is limited to."""
    atoms = conditions[0].atoms if conditions else ()
    found: list[tuple[str, str]] = []
    for atom in atoms:
        if atom.op == "=":
            values: Sequence[Any] = [atom.value]
        elif atom.op == "in" and isinstance(atom.value, tuple | list):
            values = list(atom.value)
        else:
            continue
        found += [(atom.feature, value) for value in values if isinstance(value, str) and value]
    return found


def kind_nouns(feature: str) -> set[str]:
    """What a category variable is a kind of, as stems ("bike_category" → bike, "room_type"
    → room, "plan" → plan)."""
    words = [word for word in re.split(r"[\W_]+", feature.lower()) if len(word) > 2]
    return {stem(word) for word in words if word not in _GENERIC}


def category_nouns(conditions: Sequence[Condition]) -> set[str]:
    """What the categories of the change's first condition are kinds of (`kind_nouns`)."""
    return {noun for feature, _ in _categories(conditions) for noun in kind_nouns(feature)}


def _scope(sentence: str, found: re.Match[str], nouns: set[str]) -> str:
    """Where the new value holds, in the prompt's words: the phrase naming the category with
    its preposition ("for e-bikes", "on the premium plan"), else "for" and the category."""
    named = found.group(0)
    after = re.match(r"\s+([a-z][\w'’-]*)", sentence[found.end() :])
    # a category written joined to its variable's word ("peak-time") is said before the
    # noun it sorts ("peak-time classes")
    joined = "-" in named and bool(nouns & noun_forms(named.rsplit("-", 1)[-1].lower()))
    if after and (
        noun_forms(after.group(1).lower()) & nouns
        or (joined and after.group(1).lower() not in STOPWORDS)
    ):
        named += after.group(0)
    lead = _SCOPE_LEAD.search(sentence[: found.start()])
    if found.start() == 0:
        named = named[:1].lower() + named[1:]
    if lead:
        return (lead.group(0).lower() + named).strip()
    article = _OPENING_ARTICLE.match(sentence[: found.start()])
    if article:
        # "A Full Overhaul is ready within 2 weeks": the category with its article, and the
        # words before it ("An alpaca party cancelled …": "for an alpaca party")
        said = f"{article.group('article').lower()} {article.group('words') or ''}{named}"
        return f"for {said}"
    return f"for {named}"


_TIME_UNIT = re.compile(r"\b(?:minutes?|hours?|days?|weeks?|months?|years?)\b", re.I)
_ANCHOR = re.compile(
    r"\s+(?:of|after|from)\s+[^,;:.!?|()\n]{1,60}?"
    r"(?=\s*(?:[,;:.!?|)]|$)|\s+(?:and|but|so|or|if|when|unless)\s)"
)
"""What a time is counted from, after it ("… of the sample reaching the lab", "… after
delivery"), up to the phrase's end."""
_OPENING_ARTICLE = re.compile(
    r"^\s*(?P<article>an?|the)\s+(?P<words>(?:[a-z][a-z'’-]*\s+){0,2})$", re.I
)


def _old_sentences(
    rule: Any, hunks: Mapping[str, Mapping[str, Any]], sections: Mapping[str, Sequence[str]]
) -> list[str]:
    """The prompt sentences that may state the rule the new one makes an exception to: the
    old versions of the changed or removed sentences of its section, then the new prompt's
    sentences of that section."""
    own = hunks.get(rule.hunk_id, {})
    found: list[str] = []
    for hunk in hunks.values():
        if hunk.get("section") != own.get("section") or hunk.get("file") != own.get("file"):
            continue
        if str(hunk.get("kind", "")) in ("sentence_changed", "sentence_removed"):
            old = hunk.get("old")
            if isinstance(old, str) and old:
                found.append(old)
    found += [s for s in sections.get(rule.section or "", []) if s != rule.new]
    return found


def category_moves(
    rules: Sequence[Any],
    hunks: Mapping[str, Mapping[str, Any]],
    sections: Mapping[str, Sequence[str]],
    conditions: Sequence[Condition],
    removed: Sequence[Promise],
    added: Sequence[Promise],
) -> list[RuleMove]:
    """The moves of added prompt sentences (drafting.facts.Rule) that give a category of the
    change's condition a new value of a kind the replies no longer state the old way: one
    added value, one removed value of the same kind, and an old prompt sentence of the same
    section stating the old value about the same thing."""
    categories = _categories(conditions)
    moves: list[RuleMove] = []
    olds = [rule.old for rule in rules if rule.kind == "sentence_changed" and rule.old]
    for rule in rules:
        if not _added_in_effect(rule, categories, olds):
            continue
        named = [
            (feature, said[0], said[1])
            for feature, value in categories
            if (said := category_named(feature, value, rule.new)) is not None
        ]
        if len(named) != 1:
            continue
        feature, value, found = named[0]
        pairs = [
            (old, new)
            for new in added
            for old in removed
            if old.kind == new.kind and len(where_stated(new.value, rule.new)) == 1
            if not where_stated(old.value, rule.new) and one_measure(old.value, new.value)
        ]
        olds = _old_sentences(rule, hunks, sections)
        if len(pairs) != 1:
            # the replies state no old and new value of one kind (an allowance they never
            # name: "a free swap is still left"): the values the two prompt sentences state
            # before the same counted words ("2 free swaps" beside "1 free swap")
            restated = _restated_values(rule.new, olds)
            if restated is None:
                continue
            old, new = (Promise("value", value) for value in restated)
        else:
            old, new = pairs[0]
        written_new = where_stated(new.value, rule.new)[0].group(0)
        for sentence in olds:
            stated = where_stated(old.value, sentence)
            if len(stated) != 1 or where_stated(new.value, sentence):
                continue
            move = RuleMove(
                rule.hunk_id,
                sentence,
                rule.new,
                stated[0].group(0),
                written_new,
                "value",
                scope=_scope(rule.new, found, kind_nouns(feature)),
                category=value,
                members=_members(rule.new, found),
            )
            # about the same thing: the new sentence shares two words of the old rule's
            if len(move_topic(move) & content_words(rule.new)) >= 2:
                moves.append(move)
                break
    return moves or shared_category_moves(rules, conditions)


_EXCEPTING = re.compile(r"\b(?:except|apart\s+from|other\s+than|but\s+not|unless)\b", re.I)
"""The words opening an exception to a rule in its own sentence."""


def excepted_moves(rules: Sequence[Any], conditions: Sequence[Condition]) -> list[RuleMove]:
    """A value a changed prompt sentence now gives one category of the change's condition in
    an exception it adds, the old value kept for the rest in the same sentence: "Results are
    emailed within 2 working days …, for every test." → "… within 2 working days …, except
    metals tests, whose results take 5 working days." (test_type = metals). The new sentence
    names the category, the old one does not; the old sentence states one value of that kind,
    which the new one still states, and the new one adds one value of that kind."""
    categories = _categories(conditions)
    moves: list[RuleMove] = []
    for rule in rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        named = [
            (feature, said[0], said[1])
            for feature, value in categories
            if (said := category_named(feature, value, rule.new)) is not None
            and category_named(feature, value, rule.old) is None
        ]
        if len(named) != 1:
            continue
        feature, value, found = named[0]
        olds = list(dict.fromkeys(token_values(rule_tokens(rule.old))))
        news = list(dict.fromkeys(token_values(rule_tokens(rule.new))))
        came = [new for new in news if new not in olds]
        if len(came) != 1:
            continue
        kept = [
            old
            for old in olds
            if old in news and value_kind(old) == value_kind(came[0]) and old != came[0]
            if one_measure(old, came[0])
        ]
        if len(kept) != 1 or len(where_stated(kept[0], rule.old)) != 1:
            continue
        if found.start() < where_stated(kept[0], rule.new)[0].end():
            continue  # the category named before the value the rest keep: not its exception
        if not _EXCEPTING.search(
            rule.new[where_stated(kept[0], rule.new)[0].end() : found.start()]
        ):
            continue  # an aside "(45 days for members)" is read as a move of its own
        moves.append(
            RuleMove(
                rule.hunk_id,
                rule.old,
                rule.new,
                where_stated(kept[0], rule.old)[0].group(0),
                where_stated(came[0], rule.new)[0].group(0),
                "value",
                scope=_scope(rule.new, found, kind_nouns(feature)),
                category=value,
                members=_members(rule.new, found),
            )
        )
    return moves


def _added_in_effect(
    rule: Any, categories: Sequence[tuple[str, str]], olds: Sequence[str] = ()
) -> bool:
    """Whether a prompt rule adds its sentence: an added sentence, or a changed one whose old
    sentence states no value and names no category of the change (the diff paired the added
    sentence with a neighbour by position: "We email you when it's ready." → "Box frames are
    ready within 10 working days.", the neighbour restated after it)."""
    if not rule.new:
        return False
    if rule.kind == "sentence_added":
        return True
    if rule.kind != "sentence_changed" or not rule.old:
        return False
    if any(category_pattern(value).search(rule.old) for _, value in categories):
        return False
    if not token_values(rule_tokens(rule.old)):
        return True
    return paired_by_position(rule, olds)


def paired_by_position(rule: Any, olds: Sequence[str]) -> bool:
    """Whether a changed prompt sentence is paired by position with an old sentence of
    another rule ("A booking cancelled less than 48 hours … gets 50% back" → "An alpaca party
    cancelled at least 72 hours … gets a full refund"), its new side restating another old
    sentence of the change far more ("Any booking cancelled at least 48 hours … gets a full
    refund", `olds`): the new sentence is added in effect."""
    if rule.kind != "sentence_changed" or not rule.old or not rule.new:
        return False
    own = _alike(rule.old, rule.new)
    return any(
        _alike(other, rule.new) >= own + _RESTATES_MARGIN for other in olds if other != rule.old
    )


_RESTATES_MARGIN = 0.15


def _alike(one: str, other: str) -> float:
    """The share of their words two sentences have in common (Jaccard)."""
    return 1.0 - word_overlap_distance(one[:2000], other[:2000])


_COUNTED_WORDS = 3
"""Words read after a value for what it counts ("2 free instrument swaps per term")."""


def _counted(value: str, text: str) -> set[str]:
    """What `value` counts where `text` states it: the content words right after it."""
    found: set[str] = set()
    for match in where_stated(value, text):
        found |= content_words(" ".join(rule_tokens(text[match.end() :])[:_COUNTED_WORDS]))
    return found


def _restated_values(added: str, olds: Sequence[str]) -> tuple[str, str] | None:
    """(old, new): the one value an added prompt sentence states that a sentence of its
    section states otherwise before the same counted words ("Every hire includes 2 free
    swaps per term." and the added "Brass hires include 1 free swap per term instead.");
    None unless exactly one such pair."""
    found: set[tuple[str, str]] = set()
    for new in dict.fromkeys(token_values(rule_tokens(added))):
        # said once in figures; the same amount in words beside it ("72 hours … three days
        # ahead") restates it
        if len([m for m in where_stated(new, added) if _DIGIT.search(m.group(0))]) != 1:
            continue
        for sentence in olds:
            for old in dict.fromkeys(token_values(rule_tokens(sentence))):
                if (
                    old == new
                    or value_kind(old) != value_kind(new)
                    or where_stated(old, added)
                    or where_stated(new, sentence)
                    or len(where_stated(old, sentence)) != 1
                ):
                    continue
                if _counted(old, sentence) & _counted(new, added):
                    found.add((old, new))
    return found.pop() if len(found) == 1 else None


_DIGIT = re.compile(r"\d")
_CLAUSES = re.compile(
    r"[;:]|\.(?=\s|$)|,\s+(?:and|but|while|whereas)\s+|\s+(?:but|while|whereas)\s+"
)


def _named_span(clause: str, patterns: Sequence[re.Pattern[str]], nouns: set[str]) -> str:
    """The words of a clause naming its categories, from the first to the last, with the
    noun after them when it is what they are kinds of ("builders and maxi skips")."""
    spans = [found.span() for pattern in patterns for found in pattern.finditer(clause)]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    after = re.match(r"\s+([a-z][\w'’-]*)", clause[end:], re.I)
    if after and stem(after.group(1).lower()) in nouns:
        end += after.end()
    return clause[start:end].lower()


def _with_unit(value: str, text: str) -> str:
    """A bare number with the unit of time written after it ("7" of "7 days' hire" → "7
    days"), as the value's one statement in `text` reads; else the value as it is."""
    stated = where_stated(value, text)
    if len(stated) != 1 or value_kind(value):
        return value
    unit = re.match(r"[\s-]+([A-Za-z]+?)s?['’]?(?![\w])", text[stated[0].end() :])
    if unit is None or not is_time_unit(unit.group(1)):
        return value
    timed = duration_phrase(value, unit.group(1))
    return timed if value_kind(timed) and len(where_stated(timed, text)) == 1 else value


def shared_category_moves(
    rules: Sequence[Any], conditions: Sequence[Condition], *, fewest: int = 2
) -> list[RuleMove]:
    """A value a changed prompt sentence now gives two or more categories of the change's
    condition at once, while its other clause keeps the old value for the other categories:
    "Every skip comes with 7 days' hire." → "Mini and midi skips come with 7 days' hire;
    builders and maxi skips come with 14 days' hire." (skip_size in {builders, maxi}); with
    `fewest` 1, one category alike ("Every plan includes 2 free pauses" → "Basic includes 2
    …; Premium includes 4 …"), once no other reading of the change found a move. One
    clause names the condition's categories and no other, and states the one new value of the
    old value's kind; the old sentence states the old value once and names none of them."""
    categories = _categories(conditions)
    if len(categories) < fewest or len({feature for feature, _ in categories}) != 1:
        return []
    feature = categories[0][0]
    values = [value for _, value in categories]
    patterns = [category_pattern(value) for value in values]
    moves: list[RuleMove] = []
    for rule in rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        if any(pattern.search(rule.old) for pattern in patterns):
            continue
        olds, news = token_values(rule_tokens(rule.old)), token_values(rule_tokens(rule.new))
        for kept in dict.fromkeys(olds):
            if olds.count(kept) != 1 or len(where_stated(kept, rule.old)) != 1:
                continue
            came = [v for v in news if v not in olds and value_kind(v) == value_kind(kept)]
            if len(dict.fromkeys(came)) != 1:
                continue
            clauses = [c for c in _CLAUSES.split(rule.new) if c.strip()]
            holding = [c for c in clauses if where_stated(came[0], c)]
            if len(holding) != 1:
                continue
            clause = holding[0]
            if len(values) == 1 and where_stated(kept, clause):
                # one category's value beside the old one in one clause ("30 days (45 days
                # for members)") is an aside of the rule, not a clause of its own
                continue
            named = {value for value, p in zip(values, patterns, strict=True) if p.search(clause)}
            if named != set(values):
                continue
            scope = "for " + _named_span(clause, patterns, kind_nouns(feature))
            moves.append(
                RuleMove(
                    rule.hunk_id,
                    rule.old,
                    rule.new,
                    _with_unit(kept, rule.old),
                    _with_unit(came[0], clause),
                    "value",
                    scope=scope,
                    category=values[0],
                    categories=tuple(values),
                )
            )
    return moves


def withdrawn_category_moves(
    rules: Sequence[Any], conditions: Sequence[Condition]
) -> list[RuleMove]:
    """A category's own value the new prompt takes away, leaving the category the rule every
    other one has: "Black Card members can return unworn items within 60 days of delivery."
    removed beside "Unworn items with their tags on can be returned within 28 days of
    delivery[, whatever the customer's membership]." (member_tier = black_card). The removed
    sentence names the condition's one category and states one value; a sentence of the same
    section, kept or reworded, names none of the condition's categories and states one value
    of the same kind about the same thing (two content words shared beside the values). The
    move gives the category that value: a KB sentence naming the category with the old value
    takes the rest's (`rewrite_category`)."""
    categories = _categories(conditions)
    if len(categories) != 1:
        return []
    feature, value = categories[0]
    moves: list[RuleMove] = []
    for rule in rules:
        if rule.kind != "sentence_removed" or not rule.old:
            continue
        said = category_named(feature, value, rule.old)
        olds = token_values(rule_tokens(rule.old))
        if said is None or len(dict.fromkeys(olds)) != 1:
            continue
        old = olds[0]
        topic = content_words(rule.old) - content_words(old) - content_words(said[1].group(0))
        kept = []
        for other in rules:
            if other is rule or other.section != rule.section or not other.new:
                continue
            if category_named(feature, value, other.new) is not None:
                continue
            news = [
                v
                for v in token_values(rule_tokens(other.new))
                if value_kind(v) == value_kind(old) and v != old
            ]
            if len(dict.fromkeys(news)) == 1 and len(topic & content_words(other.new)) >= 2:
                kept.append((other, news[0]))
        if len(kept) != 1:
            continue
        other, new = kept[0]
        written = where_stated(old, rule.old)
        moves.append(
            RuleMove(
                rule.hunk_id,
                rule.old,
                other.new,
                written[0].group(0) if written else old,
                new,
                "value",
                scope=_scope(rule.old, said[1], kind_nouns(feature)),
                category=value,
                members=_members(rule.old, said[1]),
                withdrawn=True,
            )
        )
    return moves


_MORE_THAN_REST = re.compile(
    r"\b(?:more|extra|longer|additional|a\s+longer|an\s+extra)\b[^.;:,!?]{0,40}?\s*[:—–]\s*"
    r"(?:(?:a|an)\s+)?(?:(?:full|whole|generous)\s+)?$",
    re.I,
)
"""Words saying a category gets more than the rest, right before its value ("more breathing
room: a full "), which a withdrawn perk's value no longer bears out."""


def _as_the_rest(raw: str, start: int) -> str:
    """`raw` with the words before the value at `start` saying the category gets more than the
    rest said as "the same" ("get more breathing room: a full twenty-eight days" → "get the
    same twenty-eight days")."""
    more = _MORE_THAN_REST.search(raw[:start])
    if more is None:
        return raw
    return raw[: more.start()] + "the same " + raw[start:]


def naming(move: RuleMove) -> re.Pattern[str]:
    """How text names the move's category (any of its `categories`, or a member the prompt
    lists for it)."""
    values = [*(move.categories if len(move.categories) > 1 else [move.category])]
    values += list(move.members)
    if len(values) > 1:
        return re.compile("|".join(category_pattern(value).pattern for value in values), re.I)
    return category_pattern(move.category)


def names_moved_category(moves: Sequence[RuleMove], text: str) -> bool:
    """Whether `text` names a category (or a listed member) a value moved for."""
    return any(move.category and naming(move).search(text) for move in moves)


_MEMBERS = re.compile(r"^(?:\s+[a-z][\w'’-]*)?\s*\((?P<items>[^()]+)\)")
_MEMBER = re.compile(r"[A-Za-z][\w'’-]*(?:\s[A-Za-z][\w'’-]*)?")


def _members(sentence: str, found: re.Match[str]) -> tuple[str, ...]:
    """The members a prompt sentence lists in brackets right after naming a category, with
    or without its noun ("Brass hires (trumpet, cornet, trombone, horn)"): three or more
    names of one or two words each; () for any other aside ("Large dogs (over 25 kg)")."""
    listed = _MEMBERS.match(sentence[found.end() :])
    if listed is None:
        return ()
    items = [
        item.strip()
        for item in re.split(r",\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+", listed["items"])
    ]
    if len(items) < 3 or not all(_MEMBER.fullmatch(item) for item in items):
        return ()
    return tuple(item.lower() for item in items)


def _kinds(move: RuleMove, nouns: Set[str]) -> set[str]:
    """What the move's category is a kind of, as stems: `nouns` (from the condition's
    variable) and the words of the scope and category ("bike" of "for e-bikes")."""
    return set(nouns) | content_words(move.scope) | content_words(move.category.replace("_", " "))


def claims_same(move: RuleMove, sentence: str, nouns: Set[str] = frozenset()) -> str | None:
    """The noun a sentence claims the moved rule is the same across ("the same for every
    bike", "whatever plan you're on"), when it is what the category is a kind of (`_kinds`)
    and the sentence does not name the category; else None."""
    if not move.category or naming(move).search(sentence):
        return None
    kinds = _kinds(move, nouns)
    for claim in _CLAIM.finditer(sentence):
        noun = claim.group("noun") or claim.group("other") or ""
        if content_words(noun) & kinds:
            return noun
    return None


def _with_new(move: RuleMove, raw: str, found: re.Match[str]) -> str:
    value = _possessive_kept(found.group(0), new_value(move, found))
    # "a month (30 days)": the KB's gloss states the old amount too, so both go
    start, end = kb_glossed_span(move, raw, found) or found.span()
    return raw[:start] + value + raw[end:]


_COUNTED_NOUN = re.compile(r"[ \t]+(?P<noun>[a-z]{3,15}s)(?![\w'’])")
"""The plural noun right after a count ("half a dozen packs")."""
_POSSESSIVE_MARK = re.compile(r"(?<=\w)(?P<mark>['’])s?$")


def _possessive_kept(old: str, new: str) -> str:
    """The new value with the possessive the old one was written with ("5 working days'
    notice" → "2 weeks' notice", "1 day's"), where writing it in its own unit lost it."""
    mark = _POSSESSIVE_MARK.search(old)
    if mark is None or _POSSESSIVE_MARK.search(new) or not new[-1:].isalpha():
        return new
    return new + mark.group("mark") + ("" if new.endswith("s") else "s")


def rewrite_category(
    move: RuleMove,
    raw: str,
    header: str | None = None,
    nouns: Set[str] = frozenset(),
    *,
    alone: bool = False,
) -> str | None:
    """`raw` with a category's new value (`RuleMove.category`) in its own words, or None when
    it cannot be said safely. A table row keyed by the category changes the one cell holding
    the moved value (the column whose header shares the rule's words, where more than one
    cell holds the old value); a row keyed by another category stays. A sentence naming the
    category takes its value; any other gets the exception beside the value and loses the
    words claiming the value for every category (`nouns`: what the category is a kind of,
    `category_nouns`). In an item about the category `alone` (`about_category_alone`), a
    sentence takes its value too."""
    stated = old_in_own_clause(move, raw)
    if not stated:
        # a count bare in its cell, the unit in the column's header
        return with_header_count(move, header, raw)
    if all(said_as_both(found) for found in stated):
        # "both of this year's free pauses" said the count whole: "all of …" holds whatever
        # the category's count now is, with no exception to say beside it
        for found in reversed(stated):
            raw = raw[: found.start()] + new_value(move, found) + raw[found.end() :]
        return raw
    named = naming(move)
    if named.search(raw) and not alone and _same_over_kinds(move, raw, nouns):
        # "It's the same on every plan: Basic, Plus and Pro …" names the category as one of
        # those the value is the same for: not its sentence alone (the edit drops the claim
        # where the item states the exception)
        return None
    whether = _WHETHER.match(raw)
    if whether and named.search(whether.group(0)) and not named.search(raw[whether.end() :]):
        # "Whether you come on a Tuesday or a Saturday, …" names the category as one of the
        # cases the value is the same for: the clause goes, the rest gets the exception
        rest = raw[whether.end() :]
        raw = whether.group("lead") + rest[:1].upper() + rest[1:]
        stated = old_in_own_clause(move, raw)
        if not stated:
            return None
    tail = _ALTERNATIVES_TAIL.search(raw)
    if tail and named.search(tail.group(0)) and not named.search(raw[: tail.start()]):
        # "…, be it a Basic Tune or a Full Overhaul": the cases go as a leading "Whether"
        # clause's do
        raw = raw[: tail.start()] + raw[tail.end() :]
        stated = old_in_own_clause(move, raw)
        if not stated:
            return None
    claimed = lead_claim(move, raw, nouns)
    if claimed is not None and not named.search(raw[claimed.end() :]):
        # "Whichever service you choose, …" says the value holds for every kind (naming
        # the category among them or not): the claim goes, the rest gets the exception
        if any(found.start() < claimed.end() for found in stated):
            return None
        rest = raw[claimed.end() :]
        raw = claimed.group("space") + rest[:1].upper() + rest[1:]
        stated = old_in_own_clause(move, raw)
        if not stated:
            return None
    if raw.lstrip().startswith("|"):
        cells = cell_spans(raw)
        if not cells:
            return None
        key = raw[cells[0][0] : cells[0][1]]
        holding = [
            (index, found)
            for index, found in enumerate(stated)
            if any(start <= found.start() < end for start, end in cells[1:])
        ]
        if not named.search(key):
            # a row of one category: another's keeps the old value; a row keyed by no
            # category states it for all of them
            if not holding:
                return None
            column = _category_column(move, header, cells)
            if column is not None:
                # a column per category ("| | Basic | Pro |"): the category's cell alone
                start, end = cells[column]
                own = [found for _, found in holding if start <= found.start() < end]
                return _with_new(move, raw, own[0]) if len(own) == 1 else None
            return _key_without_all(move, _aside(move, raw, holding[0][1], cell=True), nouns)
        if len(holding) > 1:
            holding = _by_header(move, raw, header, cells, holding)
        if len(holding) != 1:
            return None
        return _with_new(move, raw, holding[0][1])
    included = _INCLUDED.search(raw)
    if included and named.search(included.group(0)) and not named.search(_cut(raw, included)):
        # "Every order we receive, engraved bottles included, leaves …": the aside counting
        # the category among the rest goes, and the rest gets the exception
        raw = _cut(raw, included)
        stated = old_in_own_clause(move, raw)
        if not stated:
            return None
    same = _SAME_FOR_NAMED.search(raw)
    if same is not None and named.search(same.group(0)) and not named.search(raw[: same.start()]):
        # "…, and that goes for our spelt just as much as for the strong white.": the claim
        # that the category has the others' value goes, and the rest gets the exception
        raw = raw[: same.start()] + raw[same.end() :]
        stated = old_in_own_clause(move, raw)
        if not stated:
            return None
    listed = without_listed(raw, named, _kinds(move, nouns)) if named.search(raw) else None
    if listed is not None:
        # the category is one item of a list the old value is said of alike: it leaves the
        # list and its own value is said beside the old one
        kept = old_in_own_clause(move, listed)
        if len(kept) != 1 or named.search(listed):
            return None
        return _aside(move, listed, kept[0], nouns=nouns)
    if named.search(raw) and _one_of_alternatives(move, raw):
        return None  # the value is said of the category and another alike: a writer says both
    if named.search(raw) and not alone:
        same = _SAME_AS_REST.search(raw)
        if same is not None:
            # "sale pieces get the same thirty days as everything else": the category's value
            # is its own now, no longer the same as the rest's
            raw = raw[: same.start()] + same.group("said") + raw[same.end() :]
            stated = old_in_own_clause(move, raw)
            if not stated:
                return None
        elif _FOR_THE_REST.search(raw):
            return None  # "the same goes for …: thirty days for everything": a writer's
    if named.search(raw) or alone:
        if gloss_unsaid(move, stated):
            return None  # "about a week" with no new words of that kind: a writer's
        for found in reversed(stated):
            raw = _with_new(move, raw, found)
            if move.withdrawn and len(stated) == 1:
                raw = _as_the_rest(raw, found.start())
        # "…, just as before": the value is no longer what it was
        return _AS_BEFORE.sub("", raw)
    if len(stated) == 1:
        return _aside(move, raw, stated[0], nouns=nouns)
    if len(stated) == 2 and _GLOSS_LEAD.search(raw[stated[0].end() : stated[1].start()]):
        # the value and its gloss ("within 48 hours of the upload, so in a couple of days"):
        # one exception, after the gloss, so no words after it are read as the category's
        return _aside(move, raw, stated[1], nouns=nouns)
    # the value said twice ("two free swaps a term, so … twice a term"): each statement gets
    # the exception, the last first so the earlier ones keep their place
    for found in reversed(stated[1:]):
        raw = _aside(move, raw, found, cell=True)
    return _aside(move, raw, stated[0], nouns=nouns)


_INCLUDED = re.compile(
    r",\s+(?:[^,;:.!?()]{1,60}?\s+included|including\s+[^,;:.!?()]{1,60}?|[^,;:.!?()]{1,60}?\s+"
    r"as\s+well)(?=,)|\s+\((?:[^()]{1,60}?\s+included|including\s+[^()]{1,60}?)\)",
    re.I,
)
"""An aside counting a kind among the rest ("Every order, engraved bottles included, …",
"…, including engraved bottles, …", "(gift sets included)")."""


_SAME_FOR_NAMED = re.compile(
    r",?\s+(?:and|so)\s+(?:that|this|the\s+same)\s+(?:goes|applies|holds|is\s+true)\s+"
    r"(?:for|to)\s+[^.;:!?]{1,100}?(?=[.;:!?]?\s*$)",
    re.I,
)
"""A closing clause saying the rule holds for a kind as for the rest ("…, and that goes for our
spelt just as much as for the strong white")."""


def _cut(raw: str, found: re.Match[str]) -> str:
    """`raw` without the aside `found`, and the comma closing it ("Every order we receive,
    engraved bottles included, leaves" → "Every order we receive leaves")."""
    comma = found.group(0).startswith(",") and raw[found.end() : found.end() + 1] == ","
    end = found.end() + (1 if comma else 0)
    return raw[: found.start()] + raw[end:]


_SAME_AS_REST = re.compile(
    r"(?P<same>\bthe\s+same\s+)(?P<said>[^,;:.!?]{1,120}?)\s+as\s+(?:everything|everyone|"
    r"everybody|anything|anyone|all|the\s+rest)(?:\s+else)?\b",
    re.I,
)
"""A value claimed the same as the rest's ("the same thirty days to change your mind as
everything else")."""
_FOR_THE_REST = re.compile(
    r"\b(?:for|to)\s+(?:everything|everyone|everybody|all)\b|\bthe\s+same\s+goes\b|\balike\b",
    re.I,
)
"""A claim that what the sentence says holds for every kind besides the one it names ("thirty
days for everything")."""
_GLOSS_LEAD = re.compile(
    r"^[^,;:.!?()]{0,40},\s*(?:so|i\.e\.,?|that is,?|or)\s+"
    r"(?:(?:in|within|about|around|roughly|at most|up to|under|after)\s+)*$",
    re.I,
)
"""What joins a value to its restatement in other words right after it ("48 hours of the
upload, so in …", "7 days ahead, so …"), no clause of its own between them."""
_AS_BEFORE = re.compile(r",?\s+(?:just\s+|exactly\s+)?as (?:before|always|ever)\b", re.I)
"""A claim that a value is what it was ("…, just as before")."""


def _same_over_kinds(move: RuleMove, raw: str, nouns: Set[str]) -> bool:
    """Whether `raw` claims its value is the same across what the category is a kind of
    ("the same on every plan"), or across kinds at all ("the same for every tier")."""
    kinds = _kinds(move, nouns)
    return any(
        _SAME.match(claim.group(0))
        and (
            content_words(noun := claim.group("noun") or "") & kinds
            or re.sub(r"(?<=[^s])s$", "", noun.lower()) in _GENERIC
        )
        for claim in _CLAIM.finditer(raw)
    )


_SAME = re.compile(r"the same|no different|identical", re.I)


def _category_column(
    move: RuleMove, header: str | None, cells: Sequence[tuple[int, int]]
) -> int | None:
    """The column of a table whose header names the move's category and no other column
    does ("| | Pay as you go | Business | Premium |"); None without one."""
    heads = cell_spans(header) if header else []
    if header is None or len(heads) != len(cells):
        return None
    named = naming(move)
    columns = [i for i, (start, end) in enumerate(heads) if named.search(header[start:end])]
    return columns[0] if len(columns) == 1 and columns[0] > 0 else None


def _by_header(
    move: RuleMove,
    raw: str,
    header: str | None,
    cells: Sequence[tuple[int, int]],
    holding: Sequence[tuple[int, re.Match[str]]],
) -> list[tuple[int, re.Match[str]]]:
    """Of the cells of a row holding the old value, those under the header cells sharing the
    most words with the moved rule."""
    heads = cell_spans(header) if header else []
    if len(heads) != len(cells) or header is None:
        return list(holding)
    topic = move_topic(move)

    def shared(found: re.Match[str]) -> int:
        column = next(i for i, (start, end) in enumerate(cells) if start <= found.start() < end)
        start, end = heads[column]
        return len(topic & content_words(header[start:end]))

    best = max(shared(found) for _, found in holding)
    return [(index, found) for index, found in holding if best and shared(found) == best]


def _aside(
    move: RuleMove,
    raw: str,
    found: re.Match[str],
    *,
    cell: bool = False,
    nouns: Set[str] = frozenset(),
) -> str:
    """The old value with the category's exception right after it ("£50 (£100 for
    e-bikes)"); in a sentence, without the words claiming it for every category."""
    end = found.end()
    closing = re.match(r"\*\*|__", raw[end:])
    end += closing.end() if closing else 0
    if raw[found.end() - 1 : found.end()] in ("'", "’"):
        # "7 days' hire included": the value qualifies the noun after it, so the exception
        # follows the phrase ("7 days' hire included (14 days for …)"), not the apostrophe;
        # in a cell, before the cell ends ("48 hours' notice (72 hours for …), otherwise …")
        stop = _PHRASE_END.search(raw, end)
        bar = raw.find("|", end) if cell else -1
        ends = [at for at in (stop.start() if stop else -1, bar) if at >= 0]
        end = min(ends) if ends else len(raw.rstrip())
        end = len(raw[:end].rstrip())
    # "two (one for brass)"; "five working days (ten working days for …)"
    worded = re.sub(r"['’]s?$", "", worded_value(move, found) or "")  # no "hours' for"
    value = spelled_value(move, found) or worded or move.new
    # "two (one for brass)", but a month keeps its capital: "18 December (15 December for …)"
    value = value if _MONTH_WORD.search(value) else value.lower()
    unit = None if cell else _unit_after(move, raw, end, value)
    if unit is not None:
        # "3 nights (5 nights for July and August)", not "3 (5 for …) nights"
        end, value = unit.end(), f"{value}{unit.group(0)}"
    elif not cell and not re.search(r"\d", found.group(0)):
        # a count in words and what it counts: "half a dozen packs (4 packs for rocket
        # packs)", not "half a dozen (…) packs"
        counted = _COUNTED_NOUN.match(raw, end)
        if counted is not None and counted.group("noun").lower() not in STOPWORDS:
            # "five bags (two bags for spelt)": the exception counts the same thing
            end, value = counted.end(), f"{value} {counted.group('noun')}"
    if _TIME_UNIT.search(move.old) and (anchor := _ANCHOR.match(raw, end)) is not None:
        # a time counted from an event: the exception after what it counts from ("within 2
        # working days of the sample reaching the lab (5 working days for metals tests)")
        end = anchor.end()
    scope = _scope_as_written(move)
    head = raw[:end]
    label = None if cell else _LABEL_ITEM.match(raw)
    if label is not None and label.end() == found.start() and not raw[end:].strip():
        # "- Minimum hire: 3 nights", the value the whole item: the exception first, then
        # the value the rest keep ("- Minimum hire: 5 nights for July and August, 3 nights
        # otherwise")
        return f"{label.group(0)}{value} {scope}, {raw[found.start() : end]} otherwise{raw[end:]}"
    if re.match(r"\s*\)", raw[end:]) and head.rfind("(") > head.rfind(")"):
        # the value already in brackets ("a month (30 days)"): the exception joins them
        said = f"{head}; {value} {scope}{raw[end:]}"
    else:
        said = f"{head} ({value} {scope}){raw[end:]}"
    if cell:
        return said
    said = _without_same_claim(move, said, nouns)
    if _claims_all(move, raw, nouns):
        tail = _UNIVERSAL_TAIL.search(said)
        if tail is not None:
            end = tail.end()
            # "Your bike, whatever service you book, is ready …": the aside's commas go too,
            # but the one before a clause of its own stays ("…, so your child can …")
            if (
                tail.group(0).startswith(",")
                and said[end:].startswith(",")
                and not _NEXT_CLAUSE.match(said[end + 1 :])
            ):
                end += 1
            claim = tail.group(0)
            said = said[: tail.start()] + said[end:]
            # "Every rider gets …, whatever their plan": the subject is claimed of every case
            # too when the claim is over what it has ("their", "your") or over it, not over
            # another thing ("Every permit …, whatever the vehicle")
            over = None if _POSSESSIVE.search(claim) else content_words(claim)
            return without_everything(
                without_every_subject(said, over, named=naming(move), plural=True)
            )
    return without_everything(_without_all(move, _without_quantifier(move, said, nouns), nouns))


_POSSESSIVE = re.compile(r"\b(?:their|your|its|his|her)\b", re.I)
"""A claim's word tying what it is over to the sentence's subject ("whatever their plan")."""
_LABEL_ITEM = re.compile(r"[ \t]*[-*+][ \t]+[A-Za-z][^:\n]{0,40}:[ \t]+")
"""A list item's label ("- Minimum hire: ")."""


_CLAUSE_OPENING = re.compile(r"(?:^|[.;:!?]\s*|\n\s*)$")
"""What a word opening a sentence or clause follows: its capital is no name's."""


def _unit_after(move: RuleMove, raw: str, end: int, value: str) -> re.Match[str] | None:
    """The unit words a bare number of the KB is followed by (up to three), when the new
    prompt's sentence says the new number with those same words ("3 nights" and "the minimum
    hire is 5 nights"; "2 free swaps" and "3 free swaps"): the exception then says the new
    amount with its unit, after it."""
    if not value.isdigit():
        return None
    for unit in _UNIT_WORDS:
        found = unit.match(raw, end)
        if found is None or STOPWORDS & set(found.group("words").lower().split()):
            continue  # "2 hours on the water": the unit is "hours", not "hours on the"
        words = r"\s+".join(re.escape(word) for word in found.group("words").split())
        said = re.search(rf"(?<![\w.,]){re.escape(move.new)}\s+{words}\b", move.new_sentence, re.I)
        if said is not None:
            return found
    return None


_UNIT_WORDS = [
    re.compile(rf"[ \t]+(?P<words>[a-z]{{3,15}}(?:[ \t]+[a-z]{{2,15}}){{{more}}})(?![\w'’])")
    for more in (2, 1, 0)
]
"""Three, two or one words after a number, the longest first; a word before an apostrophe
("2 hours' rowing") is a possessive, no unit to take."""


def _scope_as_written(move: RuleMove) -> str:
    """The move's scope with the capitals the new prompt's sentence writes its words with
    ("for july and august" → "for July and August"); a word it writes in lower case, or
    opens a sentence or clause with, as the scope has it."""

    def written(found: re.Match[str]) -> str:
        word = found.group(0)
        for said in re.finditer(rf"\b{re.escape(word)}(?:e?s)?\b", move.new_sentence, re.I):
            opening = _CLAUSE_OPENING.search(move.new_sentence[: said.start()])
            if opening is None and said.group(0)[:1].isupper():
                return said.group(0)[: len(word)]
        return word

    return re.sub(r"[A-Za-z]+", written, move.scope)


_MONTH_WORD = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b\.?(?!\w)")
_NEXT_CLAUSE = re.compile(r"\s+(?:so|and|but|or|which|because|as|while|though)\b", re.I)
"""The opening of a clause after a comma: the comma stays when what was before it goes."""
_PHRASE_END = re.compile(r"[,;:.!?](?=\s|$)|\s+(?:and|but|so|or)\s+|\s[—–-]\s")
_WHETHER = re.compile(
    # a list of cases may have commas of its own ("Whether you've booked a trek, a private
    # walk or a birthday party, …")
    r"^(?P<lead>\s*)(?:whether\b(?:[^,;:.!?]{1,60},\s+){0,4}[^,;:.!?]*?\bor\b"
    r"|from\b[^,;:.!?]*?\bto\b)[^,;:.!?]*,\s*",
    re.I,
)
"""A sentence's leading "Whether … or …," or "From … to …," clause: the cases it says the
rest holds for."""
_ALTERNATIVES_TAIL = re.compile(
    r",\s+(?:be it|whether(?:\s+it(?:['’]s|\s+is))?)\s+[^,;:.!?]*?\bor\b[^,;:.!?]*"
    r"(?=[,;:.!?]|$)",
    re.I,
)
"""A sentence's closing ", be it … or …" or ", whether … or …": the cases it says the rest
holds for."""
_OR_BEFORE = re.compile(
    r"(?P<other>[\w'’-]+(?:\s+[\w'’-]+){0,2})\s*,?\s+or\s+(?:(?:an?|the|your|our)\s+)?$", re.I
)
_OR_AFTER = re.compile(
    r"^\s*,?\s+or\s+(?:(?:an?|the|your|our)\s+)?(?P<other>[\w'’-]+(?:\s+[\w'’-]+){0,2})", re.I
)


def _one_of_alternatives(move: RuleMove, raw: str) -> bool:
    """Whether `raw` names the move's category as one of alternatives with something else
    ("a Basic Tune or a Full Overhaul", "from a Basic Tune to a Full Overhaul"): the value
    it states is said of both, so the category's new value cannot simply take its place."""
    named = naming(move)
    for found in named.finditer(raw):
        before = _OR_BEFORE.search(raw[: found.start()])
        after = _OR_AFTER.match(raw[found.end() :])
        if any(side and not named.search(side.group("other")) for side in (before, after)):
            return True
    for span in (*_RANGE.finditer(raw), *_WHETHER_OR.finditer(raw)):
        ends = [span.group("first"), span.group("last")]
        if sum(bool(named.search(end)) for end in ends) == 1:
            return True
    return False


_RANGE = re.compile(
    r"\bfrom\s+(?P<first>[^,;:.!?]{0,120}?)\s+to\s+(?P<last>[^,;:.!?]{0,120})", re.I
)
_WHETHER_OR = re.compile(
    r"\bwhether\s+(?P<first>[^,;:.!?]{1,120}?)\s+or\s+(?P<last>[^,;:.!?]{1,120})", re.I
)
"""Alternatives in a "whether" clause ("whether you paid full price or picked it up in the
sale"): the value is said of both."""
_LEAD_CLAIM = re.compile(
    r"^(?P<space>\s*)(?:(?:whatever|whichever|no matter (?:what|which)|regardless of"
    r"(?:\s+(?:what|which))?)\s+(?:(?:the|your)\s+)?(?:kind\s+of\s+|type\s+of\s+)?"
    r"(?P<noun>[A-Za-z][\w'’-]*)|(?:for|on|with|at|in|across)\s+(?:every|each|any|all)\s+"
    r"(?:of\s+)?(?:(?:the|our|your)\s+)?(?:kind\s+of\s+|type\s+of\s+)?"
    r"(?P<kind>[A-Za-z][\w'’-]*))[^,;:.!?()]*,\s+"
    r"(?:(?:from|be it|including|such as|like|whether)\b[^,;:.!?()]*,\s+)?",
    re.I,
)
"""A sentence's leading clause claiming what follows for every kind of thing ("Whichever
service you choose, …", "Whatever you book, …", "For every room, …"), with an aside listing
kinds right after it (", from a Basic Tune to a Full Overhaul,")."""
_PRONOUN = frozenset({"you", "we", "they", "i"})


def lead_claim(move: RuleMove, raw: str, nouns: Set[str] = frozenset()) -> re.Match[str] | None:
    """The leading clause of `raw` claiming the rest for every kind of thing the move's
    category is (`_LEAD_CLAIM`; `nouns` as for `claims_same`): "Whichever room you book, …"
    when rooms are what the category is a kind of, or "Whatever you book, …", which claims
    it for anything booked. None for any other sentence ("Whatever the weather, …")."""
    found = _claim_over(raw, _kinds(move, nouns))
    if found is not None:
        return found
    # "Whichever fireworks you're after, from rockets to fountains, …": the cases it is
    # claimed over name the category, whatever the claim's own noun
    claimed = _LEAD_CLAIM.match(raw)
    if claimed is not None and (cases := _CLAIM_CASES.search(claimed.group(0))) is not None:
        return claimed if naming(move).search(cases.group(0)) else None
    return None


_CLAIM_CASES = re.compile(
    r",\s+(?:from|be it|including|such as|like|whether)\b[^,;:.!?()]*,\s+$", re.I
)
"""The cases a leading claim names after its noun ("…, from rockets to fountains, ")."""


_SAME_LEAD = re.compile(
    r"^(?P<space>\s*)(?:it[’']s|it\s+is|that[’']s|that\s+is)\s+the\s+same\s+"
    r"(?:for|on|with|across|in)\s+(?:every|each|any|all|both)\s+(?:of\s+)?"
    r"(?:(?:the|our|your)\s+)?(?P<kind>[A-Za-z][\w'’-]*)\s*[:;,]\s+",
    re.I,
)
"""A leading clause saying the rest is the same across a kind of thing, as a clause of its
own: "It's the same on both plans: you get two free pauses …"."""


def _claim_over(raw: str, kinds: Set[str]) -> re.Match[str] | None:
    """The leading clause of `raw` claiming the rest for every one of `kinds` (stems) or for
    anything at all ("Whatever you book, …"), as `lead_claim` reads it."""
    found = _LEAD_CLAIM.match(raw) or _SAME_LEAD.match(raw)
    if found is None:
        return None
    noun = found.groupdict().get("noun") or found.group("kind")
    if found.groupdict().get("noun") and noun.lower() in _PRONOUN:
        return found
    return found if _noun_stems(noun) & kinds else None


def without_lead_claim(raw: str, kinds: Set[str]) -> str:
    """`raw` without a leading clause claiming it for every one of `kinds` (stems of what a
    change's case is a kind of: "plan" for annual plans), where an edit gave it the case's
    exception beside the old value ("Whatever plan you're on, you can cancel within 14 days
    (30 days on annual plans)." → "You can cancel within 14 days (30 days on annual
    plans)."): the exception says it is not the same for every one."""
    found = _claim_over(raw, kinds)
    rest = raw[found.end() :] if found is not None else ""
    if found is None or not rest.strip() or re.search(r"\d", raw[: found.end()]):
        return raw
    return found.group("space") + rest[:1].upper() + rest[1:]


def without_same_aside(raw: str, kinds: Set[str]) -> str:
    """`raw` without an aside claiming its value is the same for every one of `kinds` (stems,
    as for `without_lead_claim`), where an edit gave it the case's exception beside the old
    value ("a deposit of £20 (£35 for groups of 9 to 16), which is the same for every group
    whatever its size, and …" → "a deposit of £20 (£35 for groups of 9 to 16), and …")."""
    for found in _SAME_CLAIM.finditer(raw):
        if _noun_stems(found.group("noun")) & kinds:
            return raw[: found.start()] + raw[found.end() :]
    return raw


def _noun_stems(noun: str) -> set[str]:
    """A noun's stems, its singular's too ("services" → servic, service): what the category
    is a kind of may be named in the plural ("parties" → party too)."""
    singular = noun[:-1] if len(noun) > 3 and noun.lower().endswith("s") else noun
    if len(noun) > 4 and noun.lower().endswith("ies"):
        singular = noun[:-3] + "y"
    return content_words(noun) | content_words(singular)


_SAME_CLAIM = re.compile(
    r",\s+(?:(?:and\s+)?it(?:['’]s|\s+is)\s+|(?:which|that)\s+(?:is|are|stays|remains)\s+)?"
    r"(?:at\s+|for\s+)?the same\s+(?:[A-Za-z][\w'’-]*+\s+){0,2}?(?:every|each|any|all)\s+"
    r"(?P<noun>[A-Za-z][\w'’-]*+)[^,.;:!?()]*+(?=[,.;:!?]|$)",
    re.I,
)
"""An aside claiming a value is the same across a kind of thing, with no preposition before
the quantifier (", the same price every day of the week"), or as a relative clause (", which
is the same for every booking whatever its length", ", and it's the same for every boat in the
yard"). The words and the rest of the clause are possessive (`*+`): a long word with no stop
after it is given up at once, never split every way between the noun and the rest."""


_KEY_ALL = re.compile(
    r",?\s+(?:on\s+|for\s+|at\s+)?(?:any|every|each|all)\s+(?P<noun>[A-Za-z][\w'’-]*)"
    r"(?:\s+of\s+the\s+[A-Za-z]+)?(?=\s*$)",
    re.I,
)


def _key_without_all(move: RuleMove, row: str, nouns: Set[str]) -> str:
    """A table row given a category's exception, without the words of its key cell claiming
    it for every kind of thing the category is ("| Lesson, any day | $40 ($50 for Sunday) |"
    → "| Lesson | $40 ($50 for Sunday) |")."""
    cells = cell_spans(row)
    if not cells:
        return row
    start, end = cells[0]
    key = row[start:end]
    found = _KEY_ALL.search(key.rstrip())
    if found is None or not content_words(found.group("noun")) & _kinds(move, nouns):
        return row
    kept = key[: found.start()]
    if not kept.strip():
        return row
    return row[:start] + kept + key[len(key.rstrip()) :] + row[end:]


def _without_same_claim(move: RuleMove, said: str, nouns: Set[str]) -> str:
    """A sentence given a category's exception, without the aside claiming the value is the
    same for every kind of thing the category is (`_SAME_CLAIM`): "£22 (£27 for Saturday),
    the same price every day of the week, and …" → "£22 (£27 for Saturday), and …"."""
    kinds = _kinds(move, nouns)
    for found in _SAME_CLAIM.finditer(said):
        noun = found.group("noun")
        if content_words(noun) & kinds and not naming(move).search(found.group(0)):
            return said[: found.start()] + said[found.end() :]
    return said


_QUANTIFIER = re.compile(r"\b(?P<q>every|each|any)\s+(?P<noun>[A-Za-z][\w'’-]*)", re.I)


def _without_quantifier(move: RuleMove, said: str, nouns: Set[str]) -> str:
    """A sentence given a category's exception, with the subject "every"/"each" claims over
    what the category is a kind of narrowed (`text.without_every_subject`: "Every skip comes
    with 7 days (14 days for maxi skips)" → "A skip comes with …", "Every member gets two
    (four for gold)" → "A member gets two …", a member being what a membership is of): the
    exception beside it says not every one does. "Any" before such a noun is made "a" too."""
    kinds = _kinds(move, nouns)
    narrowed = without_every_subject(said, kinds, named=naming(move))
    if narrowed != said:
        return narrowed
    for found in _QUANTIFIER.finditer(said):
        if (
            naming(move).search(found.group("noun"))
            or not content_words(found.group("noun")) & kinds
        ):
            continue
        article = "an" if found.group("noun")[:1].lower() in "aeiou" else "a"
        if found.group("q")[:1].isupper():
            article = article.capitalize()
        return said[: found.start("q")] + article + said[found.end("q") :]
    return said


_EVERYTHING_WE = re.compile(
    r"^(?P<space>\s*)(?P<q>everything|anything)\s+(?=(?:we|you|they|I)\s)", re.I
)


def without_everything(said: str) -> str:
    """A sentence given a category's exception, with the "Everything"/"Anything" it opens
    with before a clause of whom it is bought from or by made "What" ("Everything we sell
    can come back within 30 days (14 days for sale items)" → "What we sell can come back
    …"): the exception beside it says not everything does."""
    found = _EVERYTHING_WE.match(said)
    if found is None:
        return said
    word = "What" if found.group("q")[:1].isupper() else "what"
    return found.group("space") + word + said[found.end("q") :]


_ALL_KIND = re.compile(
    r"^(?P<space>\s*)all\s+(?:(?P<det>our|the|your)\s+)?(?P<noun>[A-Za-z][\w'’-]*)", re.I
)


def _without_all(move: RuleMove, said: str, nouns: Set[str]) -> str:
    """A sentence given a category's exception, without the "All" it opens with before what
    the category is a kind of ("All our services are ready within 5 days (2 weeks for …)"
    → "Our services are …"): the exception beside it says not all of them are."""
    found = _ALL_KIND.match(said)
    if found is None or not _noun_stems(found.group("noun")) & _kinds(move, nouns):
        return said
    rest = said[found.start("det") if found.group("det") else found.start("noun") :]
    return found.group("space") + rest[:1].upper() + rest[1:]


def _claims_all(move: RuleMove, raw: str, nouns: Set[str]) -> bool:
    """Whether the first words of `raw` claiming something for every case claim it for
    every kind of thing the category is ("whatever kind of bike it is")."""
    found = _UNIVERSAL_TAIL.search(raw)
    if found is None or naming(move).search(found.group(0)):
        return False
    kinds = _kinds(move, nouns)
    if _WHEREVER.match(found.group(0)):
        # "wherever you are in the UK" claims it for every place: a claim over the category
        # when the category is a place ("delivery_region", "zone", "postcode area")
        return bool(kinds & _PLACE_KINDS)
    # the claim's head noun says what it is over: "whatever time of year" is over times,
    # "whatever the weather on the day" over the weather, whatever day it names after
    head = _CLAIM_HEAD.search(found.group(0))
    if head is None:
        return False
    over = content_words(head["head"])
    if over & _TIME_WORDS and kinds & _TIME_WORDS:
        # "whatever time of year you travel" claims it for every time: a claim over the
        # category when the category is a time ("pickup_month", "weekday", "season")
        return True
    return bool(over & kinds)


_WHEREVER = re.compile(r",?\s+wherever\b", re.I)
_PLACE_KINDS = frozenset(
    stem(word)
    for word in (
        "region", "area", "zone", "country", "county", "location", "place", "postcode",
        "destination", "city", "state", "territory", "district", "island", "nation",
    )
)  # fmt: skip
"""What a category is a kind of when it is a place: a claim "wherever" is over it."""
_TIME_WORDS = frozenset(
    stem(word) for word in ("time", "year", "month", "season", "week", "weekday", "day", "date")
)
"""What a category is a kind of when it is a time, and what a claim over every time names
("whatever time of year", "whichever month")."""
_CLAIM_HEAD = re.compile(
    r"\b(?:every|all|each|any|whatever|whichever|regardless\s+of|no\s+matter\s+(?:what|which))"
    r"\s+(?:(?:the|your|their|our|of\s+(?:the|our|your))\s+)?(?:(?:kind|type|sort)s?\s+of\s+)?"
    r"(?:(?:the|your|their|our)\s+)?(?P<head>[a-z][\w'’-]{1,30})",
    re.I,
)
"""The noun a claim over every case is over ("whatever kind of bike" → "bike")."""


def _key(raw: str) -> str | None:
    """The first cell of a Markdown table body row, or None for any other unit."""
    cells = cell_spans(raw.strip()) if raw.lstrip().startswith("|") else []
    return raw.strip()[cells[0][0] : cells[0][1]] if cells else None


_AMOUNT = re.compile(r"(?P<sign>[$€£])\s?(?P<n>\d[\d,]*(?:\.\d+)?)")


def worked_out(move: RuleMove, sentence: str) -> bool:
    """Whether a sentence works an example out from the old value ("if a repair costs £180,
    you'd pay £50 and we'd pay £130"): three or more amounts in one currency, one the sum of
    two others, the old value among them. It stays true for the categories keeping the old
    value; the category's new value would need new numbers no probe gives."""
    if not where_stated(move.old, sentence):
        return False
    amounts = [
        (found.group("sign"), float(found.group("n").replace(",", "")))
        for found in _AMOUNT.finditer(sentence)
    ]
    if len(amounts) < 3 or len({sign for sign, _ in amounts}) != 1:
        return False
    numbers = [number for _, number in amounts]
    return any(
        abs(numbers[i] + numbers[j] - numbers[k]) < 0.005
        for i in range(len(numbers))
        for j in range(len(numbers))
        for k in range(len(numbers))
        if len({i, j, k}) == 3
    )


def kept_by_others(moves: Sequence[RuleMove], raws: Sequence[str]) -> set[int]:
    """The units of an item (by index, `raws` their raw text) that state what a category move
    leaves to the other categories: the rows of a table keyed by another category where a row
    is keyed by the move's (their old value stays), and worked examples of the old value."""
    kept: set[int] = set()
    for move in moves:
        if not move.category:
            continue
        named = naming(move)
        block: list[int] = []
        for index in [*range(len(raws)), len(raws)]:
            key = _key(raws[index]) if index < len(raws) else None
            if key is not None:
                block.append(index)
                continue
            body = block[1:]
            # a table by category for this value: the category's own row states it too (a
            # row on another subject naming the category, "| Alpaca party | £240 |", makes
            # no table of notice periods by category)
            if any(
                named.search(_key(raws[i]) or "") and where_stated(move.old, raws[i]) for i in body
            ):
                kept |= {i for i in body if not named.search(_key(raws[i]) or "")}
            block = []
        kept |= {index for index, raw in enumerate(raws) if worked_out(move, raw)}
    return kept


_ANY_KIND = re.compile(r"\b(?P<q>any|every|each)\s+(?P<noun>[A-Za-z][\w'’-]*)", re.I)


def narrowed_quantifier(
    rules: Sequence[Any], conditions: Sequence[Condition], sentence: str
) -> tuple[str, str] | None:
    """A KB sentence claiming for any kind of thing a rule the new prompt now limits to some
    kinds by naming them before the noun ("Keeping a skip … £25" → "Keeping a mini or midi
    skip … £25", when the change is about builders and maxi skips): the sentence shares three
    words and a value of the rule's old version and says "any/every/each skip". Returns the
    sentence with that phrase limited the same way ("You can keep a mini or midi skip …") and
    the new prompt sentence; None for any other sentence."""
    categories = _categories(conditions)
    if len(categories) < 2:
        return None
    patterns = [category_pattern(value) for _, value in categories]
    nouns = {noun for feature, _ in categories for noun in kind_nouns(feature)}
    for rule in rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old, new = rule_tokens(rule.old), rule_tokens(rule.new)
        codes = [code for code in align(old, new) if code.tag != "equal"]
        if len(codes) != 1 or codes[0].tag != "insert" or codes[0].i1 >= len(old):
            continue
        code = codes[0]
        inserted, noun = " ".join(new[code.j1 : code.j2]), old[code.i1]
        if not 1 <= code.j2 - code.j1 <= 4 or stem(noun.lower()) not in nouns:
            continue
        if any(pattern.search(inserted) for pattern in patterns):
            continue
        values = token_values(old)
        if not any(where_stated(value, sentence) for value in values):
            continue
        if (
            len(
                (content_words(rule.old) - content_words(" ".join(values)))
                & content_words(sentence)
            )
            < 3
        ):
            continue
        for found in _ANY_KIND.finditer(sentence):
            if stem(found.group("noun").lower()) != stem(noun.lower()):
                continue
            article = "an" if inserted[:1].lower() in "aeiou" else "a"
            if found.group("q")[:1].isupper():
                article = article.capitalize()
            limited = f"{article} {inserted.lower()} {found.group('noun')}"
            return sentence[: found.start()] + limited + sentence[found.end() :], rule.new
    return None


def _after_value(found: re.Match[str], text: str) -> str:
    """The two words written after a stated value ("£22 per player" → "per player"): what the
    value is a value of."""
    return " ".join(re.findall(r"[A-Za-z][\w'’-]*", text[found.end() :])[:2]).lower()


def named_categories_moves(
    rules: Sequence[Any],
    hunks: Mapping[str, Mapping[str, Any]],
    sections: Mapping[str, Sequence[str]],
    conditions: Sequence[Condition],
    removed: Sequence[Promise],
    added: Sequence[Promise],
) -> list[RuleMove]:
    """A value a new prompt sentence gives two or more categories of the change's condition at
    once, beside another sentence of its section that stated the old value for all of them:
    "One price every day: £22 per player." with "Saturday and Sunday games cost £27 per
    player, which includes a £5 supplement." added (booking_day in {saturday, sunday}). The
    new sentence names every category and no old value; its new value is the one added value
    of the old value's kind written before the same words as the old value ("per player"), so
    a supplement stated beside it is not taken for the price; the old sentence states the old
    value once and names none of the categories."""
    categories = _categories(conditions)
    if len(categories) < 2 or len({feature for feature, _ in categories}) != 1:
        return []
    feature = categories[0][0]
    values = [value for _, value in categories]
    patterns = [category_pattern(value) for value in values]
    for rule in rules:
        if rule.kind not in ("sentence_added", "sentence_changed") or not rule.new:
            continue
        if not all(pattern.search(rule.new) for pattern in patterns):
            continue
        for old in removed:
            if where_stated(old.value, rule.new):
                continue
            came = [
                (new, where_stated(new.value, rule.new)[0])
                for new in added
                if new.kind == old.kind and len(where_stated(new.value, rule.new)) == 1
            ]
            for sentence in _old_sentences(rule, hunks, sections):
                stated = where_stated(old.value, sentence)
                if len(stated) != 1 or any(p.search(sentence) for p in patterns):
                    continue
                words = _after_value(stated[0], sentence)
                alike = [found for _, found in came if _after_value(found, rule.new) == words]
                if not words or len(alike) != 1:
                    continue
                spans = [found.span() for p in patterns for found in p.finditer(rule.new)]
                start, end = min(s for s, _ in spans), max(e for _, e in spans)
                named = rule.new[start:end]
                after = re.match(r"\s+([a-z][\w'’-]*)", rule.new[end:], re.I)
                if after and stem(after.group(1).lower()) in kind_nouns(feature):
                    named += after.group(0)
                # the first word of the sentence is lowered unless the others are written
                # capitalised mid-sentence too (names of days, places)
                later = [found.group(0) for p in patterns for found in p.finditer(rule.new)]
                if start == 0 and not any(word[:1].isupper() for word in later[1:]):
                    named = named[:1].lower() + named[1:]
                return [
                    RuleMove(
                        rule.hunk_id,
                        sentence,
                        rule.new,
                        stated[0].group(0),
                        alike[0].group(0),
                        "value",
                        scope=f"for {named}",
                        category=values[0],
                        categories=tuple(values),
                    )
                ]
    return []


def others_keeping(moves: Sequence[RuleMove], sections: Mapping[str, Sequence[str]]) -> list[str]:
    """The new prompt's sentences (`sections`: by section) still stating a category move's
    old value about what the move is about, beside its new sentence: what the other
    categories keep, in words naming them ("A Basic Tune or a Standard Service is ready
    within 5 working days." beside "A Full Overhaul is ready within 2 weeks.")."""
    found: list[str] = []
    for move in moves:
        if move.category:
            found += old_value_kept(move, sections)
    return list(dict.fromkeys(found))


def old_value_kept(move: RuleMove, sections: Mapping[str, Sequence[str]]) -> list[str]:
    """The new prompt's sentences (`sections`: by section) other than the move's new one still
    stating its old value, not its new one, about what the move is about (two of its topic
    words, and at least half as many as the sentence sharing most), naming none of a category
    move's categories: what the rest keep."""
    topic = move_topic(move)
    pattern = naming(move) if move.category else None
    shared = {
        sentence: len(topic & content_words(sentence))
        for lines in sections.values()
        for sentence in lines
        if sentence != move.new_sentence
        and where_stated(move.old, sentence)
        and not where_stated(move.new, sentence)
        and not (pattern is not None and pattern.search(sentence))
    }
    # a sentence restating the old rule for the others shares most of its words; one
    # about another thing with the same value ("express delivery within 48 hours") few
    best = max(shared.values(), default=0)
    kept = [s for s, count in shared.items() if count >= 2 and 2 * count >= best]
    # the move's own section keeping the old value for the others ("Standard bottles:
    # dispatched the next working day." under Dispatch) says what the rest keep; a sentence
    # of another section with the same words ("a replacement … dispatched the next working
    # day" under Broken bottles) is another rule
    own = section_of(move.new_sentence, sections)
    return [s for s in kept if s in own] or kept


def _other_names(move: RuleMove, others: Sequence[str], nouns: Set[str]) -> set[str]:
    """The words of the new prompt's sentences keeping the old value for the other categories
    (`others_keeping`) that name them: neither the old rule's, the new sentence's nor what
    the category is a kind of ("basic", "tune", "standard")."""
    said = content_words(move.new_sentence) | _kinds(move, nouns)
    # the old rule's words, but those naming the others in a list it gave every category
    # ("at most 5 bags of each flour: strong white, wholemeal, rye and spelt")
    said |= content_words(move.old_sentence) - _listed_words(move.old_sentence)
    return {word for sentence in others for word in content_words(sentence) - said}


def _listed_words(sentence: str) -> set[str]:
    """The content words of a list a sentence ends with after a colon ("…: strong white,
    wholemeal, rye and spelt."), or none."""
    _head, sep, tail = sentence.partition(": ")
    if not sep or ("," not in tail and " and " not in tail):
        return set()
    return content_words(tail)


def about_category_alone(
    move: RuleMove,
    title: str,
    texts: Sequence[str],
    others: Sequence[str] = (),
    nouns: Set[str] = frozenset(),
) -> bool:
    """Whether an item (its `title` and the `texts` of its units) is about a category move's
    category alone, so a sentence of it stating the old value means the category's and says
    its new value outright (a "Full Overhaul booked" macro's "Your bike will be back within 5
    working days"): the item names the category, names none of the others (the words of
    `others`, `others_keeping`; with none known, its title must name the category) and
    claims nothing for every kind of thing the category is."""
    if not move.category or move.categories:
        return False
    named = naming(move)
    if not named.search(title) and not (others and any(named.search(t) for t in texts)):
        return False
    if _other_names(move, others, nouns) & content_words("\n".join([title, *texts])):
        return False
    return not any(
        text.lstrip().startswith("|")
        or _one_of_alternatives(move, text)
        or (named.search(text) and _FOR_THE_REST.search(text))
        or lead_claim(move, text, nouns)
        or claims_same(move, text, nouns)
        or _claims_all(move, text, nouns)
        or _quantified_kind(move, text, nouns)
        for text in texts
    )


def _quantified_kind(move: RuleMove, text: str, nouns: Set[str]) -> bool:
    """Whether `text` says "every"/"each"/"any" of what the category is a kind of ("every
    service", not "every bearing")."""
    kinds = _kinds(move, nouns)
    return any(_noun_stems(found.group("noun")) & kinds for found in _QUANTIFIER.finditer(text))


def category_sentence_problem(
    move: RuleMove, sentence: str, nouns: Set[str] = frozenset(), *, alone: bool = False
) -> str | None:
    """What is wrong with a sentence an edit writes for a category move (the template's
    `rewrite_category` never writes one): the old value beside the category's exception under
    a claim that it holds whatever the kind ("Whichever service you choose, … 5 days (2 weeks
    for a Full Overhaul)"), the old value at all in an item about the category `alone`, or
    its new value there "just as before"."""
    if alone and move.category and where_stated(move.new, sentence) and _AS_BEFORE.search(sentence):
        return (
            f"“{sentence}” says {move.new} is as it was, but it was {move.old}: drop the words "
            "saying it has not changed"
        )
    if not move.category or not where_stated(move.old, sentence):
        return None
    if alone and not move.categories and len(move_topic(move) & content_words(sentence)) >= 2:
        return (
            f"“{sentence}” says {move.old}, but the item is about {move.scope.split(' ', 1)[-1]} "
            f"alone: say {move.new} there"
        )
    claimed = (
        lead_claim(move, sentence, nouns)
        or claims_same(move, sentence, nouns)
        or _claims_all(move, sentence, nouns)
        or _EVERYTHING_WE.match(sentence)
    )
    if claimed and where_stated(move.new, sentence):
        return (
            f"“{sentence}” gives {move.new} {move.scope} as an exception but still says "
            f"{move.old} holds whatever the kind: drop the words claiming it for every one"
        )
    return None


def case_kinds(conditions: Sequence[Condition], scope: str) -> set[str]:
    """What a case an edit gives an exception is a kind of, as stems (`without_lead_claim`):
    the condition's category nouns and the words naming the case ("on annual plans")."""
    return category_nouns(conditions) | {
        word for each in re.findall(r"[A-Za-z][\w'’-]*", scope) for word in _noun_stems(each)
    }


def narrowed_category_moves(
    moves: Sequence[RuleMove],
    conditions: Sequence[Condition],
    sections: Mapping[str, Sequence[str]],
) -> list[RuleMove]:
    """`moves` with a value a changed prompt sentence now gives one category of the change's
    condition read as that category's move, when another sentence of the new prompt keeps
    the old value about the same thing for the others: "Every member can book 2 weeks ahead,
    whatever their tier." → "Gold members can book 4 weeks ahead." beside "Silver and Bronze
    members can book 2 weeks ahead." (tier = gold). The old sentence names no category; the
    new one names exactly one and no longer states the old value. Other moves are kept."""
    categories = _categories(conditions)
    found_moves: list[RuleMove] = []
    for move in moves:
        named = [
            (feature, said[0], said[1])
            for feature, value in categories
            if (said := category_named(feature, value, move.new_sentence)) is not None
        ]
        plain = move.kind == "value" and not (
            move.scope or move.others or move.category or move.subject or move.share
        )
        if (
            not plain
            or not named
            or len({feature for feature, _, _ in named}) != 1
            or any(
                _named_otherwise(category_pattern(value), move)
                or (
                    category_pattern(value).search(move.old_sentence)
                    and not _uniform_siblings(move, sections)
                    and not _subject_siblings(move, sections, category_pattern(value))
                )
                for _, value, _ in named
            )
            or where_stated(move.old, move.new_sentence)
        ):
            found_moves.append(move)
            continue
        feature, value, found = named[0]
        topic = move_topic(move)
        kept = [
            sentence
            for lines in sections.values()
            for sentence in lines
            if sentence not in (move.new_sentence, move.old_sentence)
            and where_stated(move.old, sentence)
            and not where_stated(move.new, sentence)
            and not any(category_pattern(each).search(sentence) for _, each, _ in named)
            and len(topic & content_words(sentence)) >= 2
        ]
        if not kept:
            found_moves.append(move)
            continue
        scope = (
            _scope(move.new_sentence, found, kind_nouns(feature))
            if len(named) == 1
            else _scope_of_several(move.new_sentence, [found for _, _, found in named])
        )
        label = _LABEL_LINE.match(move.new_sentence)
        if len(named) == 1 and found.start() == 0 and label is not None:
            # "Engraved bottles: dispatched within 3 working days.": the line's label is
            # what the value is for
            labelled = label.group("label")
            scope = f"for {labelled[:1].lower()}{labelled[1:]}"
        found_moves.append(
            RuleMove(
                move.hunk_id,
                move.old_sentence,
                move.new_sentence,
                move.old,
                move.new,
                "value",
                scope=scope,
                category=value,
                categories=tuple(each for _, each, _ in named) if len(named) > 1 else (),
                members=_members(move.new_sentence, found) if len(named) == 1 else (),
            )
        )
    return found_moves


_LABEL_LINE = re.compile(r"^(?P<label>[A-Z][\w'’-]*(?: [\w'’-]+){0,4}):\s")
"""A prompt line opening with the label it is about ("Engraved bottles: …")."""


def section_of(sentence: str, sections: Mapping[str, Sequence[str]]) -> Sequence[str]:
    """The sentences of the prompt section `sentence` is in (`sections`: by section)."""
    return next((lines for lines in sections.values() if sentence in lines), ())


def _only_value_moved(move: RuleMove) -> bool:
    """Whether the move's new sentence says nothing new but its value: at most one token
    beside the value's own that the old sentence did not say ("within"); a bound added with
    it ("£5 off orders of £30 or more") is a rule of its own."""
    old, value = set(rule_tokens(move.old_sentence)), set(rule_tokens(move.new))
    added = [token for token in rule_tokens(move.new_sentence) if token not in old | value]
    return len(added) <= 1


def _uniform_siblings(move: RuleMove, sections: Mapping[str, Sequence[str]]) -> bool:
    """Whether every other labelled line of the move's section still says the old value
    ("Standard bottles: dispatched the next working day." and "Gift sets: …" beside the
    engraved bottles' new line): the category is the one exception to a value all the rest
    share. A list of values of their own ("Essentials: 2 …", "Premier: 4 …") is a table of
    tiers, read by the tier writers."""
    if not _only_value_moved(move):
        return False  # the line says more than its value anew ("Sale items: give store credit …")
    own = section_of(move.new_sentence, sections)
    siblings = [
        line for line in own if line != move.new_sentence and _LABEL_LINE.match(line) is not None
    ]
    return bool(siblings) and all(where_stated(move.old, line) for line in siblings)


def _subject_siblings(
    move: RuleMove, sections: Mapping[str, Sequence[str]], pattern: re.Pattern[str]
) -> bool:
    """Whether the move's sentence opens with the category as its subject and other lines of
    its section say the same of other categories with the old value ("Platinum members earn 1
    point per £1 spent." beside "Bronze members earn 1 point per £1 spent."): the category's
    own line, its siblings keeping theirs."""
    found = pattern.search(move.old_sentence)
    if found is None or found.start() != 0 or not _only_value_moved(move):
        return False
    tail = " ".join(move.old_sentence[found.end() :].split()).lower()
    if len(tail.split()) < 3:
        return False
    own = section_of(move.new_sentence, sections)
    siblings = [
        line
        for line in own
        if line not in (move.new_sentence, move.old_sentence)
        and " ".join(line.split()).lower().endswith(tail)
        and not pattern.search(line)
    ]
    # every line of the same shape keeps the old value: a line with a value of its own
    # ("Essentials: 2 free reschedules a month") makes it a table of tiers, the tier writers'
    at = tail.find(move.old.lower())
    if at < 0:
        return False
    shape = re.compile(
        re.escape(tail[:at]) + r"\S+(?:\s\S+)?" + re.escape(tail[at + len(move.old) :]) + "$"
    )
    alike = [
        line
        for line in own
        if line not in (move.new_sentence, move.old_sentence)
        and shape.search(" ".join(line.split()).lower())
    ]
    return bool(siblings) and len(alike) == len(siblings)


def _named_otherwise(pattern: re.Pattern[str], move: RuleMove) -> bool:
    """Whether the old sentence names the category other than as the subject both sentences
    open with: "Engraved bottles: dispatched the next working day." → "Engraved bottles:
    dispatched within 3 working days." is the one category's own line whose value moved (its
    siblings keep theirs), not a sentence about every category."""
    found = pattern.search(move.old_sentence)
    if found is None:
        return False
    again = pattern.search(move.new_sentence)
    return not (
        again is not None
        and found.start() == again.start() == 0
        and move.old_sentence[: found.end()] == move.new_sentence[: again.end()]
    )


def _scope_of_several(sentence: str, found: Sequence[re.Match[str]]) -> str:
    """Where a new value holds when a sentence names two or more categories for it ("For
    delivery to the Highlands and islands or to Northern Ireland, …"): the words from the
    first category to the last, with the preposition before the first ("to the Highlands and
    islands or to Northern Ireland"), else "for" and those words."""
    start, end = min(f.start() for f in found), max(f.end() for f in found)
    lead = _SCOPE_LEAD.search(sentence[:start]) or re.search(
        r"\bto\s+(?:the\s+)?$", sentence[:start], re.I
    )
    words = sentence[start:end]
    return f"{lead.group(0).lower()}{words}" if lead else f"for {words}"
