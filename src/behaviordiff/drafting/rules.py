"""Rules the prompt diff moved, and the knowledge-base sentences that still state the old rule.

A changed prompt sentence whose number moved ("up to 10% of the monthly bill" → "up to 15%"),
or whose list of who qualifies grew ("free for Platinum members" → "free for Gold and Platinum
members"), is a *rule move*. A KB sentence states the old rule when it holds the old value (or
the old list without the new term) and is about the same thing: it shares at least two content
words with the prompt sentence besides the value, so "Students get 10% off" is left alone when
the credit cap moves from 10% to 15%. Such a sentence is rewritten in its own words: only the
value (keeping its format: "1-year" stays hyphenated) or the list changes; everything else in the
item stays byte for byte.

A row of a list or table keyed by the old term ("- Platinum: …, free late checkout until 14:00,
…") lends its benefit to the row of the added term ("- Gold: …"), in that row's own format.
When a move is scoped by a category the KB sentence does not name (a 2-year warranty for
electronics, in a sentence about all products), the new value is added for that scope instead
of replacing the old one: "a 1-year warranty (2 years for electronics)".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.diffing.align import align
from behaviordiff.drafting.text import STOPWORDS, stem

_TOKEN = re.compile(r"[$€£]?\d[\d,]*(?:[.:]\d+)?%?|[A-Za-z][\w'’-]*|[^\w\s]")
_VALUE = re.compile(r"^[$€£]?\d[\d,]*(?:[.:]\d+)?%?$")
_UNIT = re.compile(
    r"^(?:minute|hour|day|week|month|year|business day|working day)s?$|^percent$", re.I
)
_DURATION = re.compile(r"^(?P<n>\d+(?:\.\d+)?)[\s-](?P<unit>[a-z]+?)(?P<plural>s?)$", re.I)
_CONTENT = re.compile(r"[a-z0-9][a-z0-9:]*")
_SPELLED = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|ninety|hundred|thousand)\b",
    re.I,
)
_ROW_LIST = re.compile(r"^(?P<lead>\s*(?:[-*+]|\d+[.)])\s+)(?P<key>[^:]{1,40}?):\s*(?P<rest>.*)$")
_ROW_TABLE = re.compile(r"^\|\s*(?P<key>[^|]+?)\s*\|(?P<rest>.*)\|\s*$")


@dataclass(frozen=True)
class RuleMove:
    """One change of a prompt sentence that KB text may still state the old way."""

    hunk_id: str
    old_sentence: str
    new_sentence: str
    old: str
    """The old value ("10%", "1 year", "$200") or the old term ("Platinum")."""
    new: str
    """The new value ("15%"), or the grown list ("Gold and Platinum")."""
    kind: str
    """"value" or "term"."""
    added_term: str = ""
    """For a term move: the term that joined ("Gold")."""

    def describe(self) -> str:
        if self.kind == "term":
            return f"“{self.old}” → “{self.new}” (adds {self.added_term})"
        return f"{self.old} → {self.new}"


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _content(text: str) -> set[str]:
    words = _CONTENT.findall(text.lower().replace("`", " ").replace("_", " "))
    return {stem(word) for word in words if word not in STOPWORDS and len(word) > 2}


def _join(tokens: Sequence[str]) -> str:
    text = " ".join(tokens)
    return re.sub(r"\s+([,.;:!?%)])", r"\1", text).replace("( ", "(")


def _duration(number: str, unit: str) -> str:
    singular = unit.lower().removesuffix("s")
    return f"{number} {singular}" + ("" if number == "1" else "s")


def _unit_after(tokens: Sequence[str], index: int) -> str | None:
    """The unit word right after a value ("year" in "1 year" or "1-year")."""
    if index < len(tokens) and tokens[index] == "-":
        index += 1
    if index < len(tokens) and _UNIT.match(tokens[index]):
        return tokens[index]
    return None


def rule_moves(rules: Sequence[Any]) -> list[RuleMove]:
    """The moves in the changed sentences of `rules` (drafting.facts.Rule)."""
    moves: list[RuleMove] = []
    for rule in rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old, new = _tokens(rule.old), _tokens(rule.new)
        for op, i1, i2, j1, j2 in (
            (code.tag, code.i1, code.i2, code.j1, code.j2) for code in align(old, new)
        ):
            if op == "replace":
                gone, came = old[i1:i2], new[j1:j2]
                if (
                    any(_VALUE.match(t) for t in gone)
                    and any(_VALUE.match(t) for t in came)
                    and len(gone) <= 3
                    and len(came) <= 3
                ):
                    # "1 year" → "2 years", "1-year" → "2-year": the value with its unit
                    old_unit, new_unit = _unit_after(old, i2), _unit_after(new, j2)
                    old_text, new_text = _join(gone), _join(came)
                    if old_unit and new_unit and len(gone) == 1 and len(came) == 1:
                        old_text, new_text = (
                            _duration(gone[0], old_unit),
                            _duration(came[0], new_unit),
                        )
                    if old_text not in rule.new and new_text not in rule.old:
                        moves.append(
                            RuleMove(rule.hunk_id, rule.old, rule.new, old_text, new_text, "value")
                        )
            elif op == "insert":
                inserted = new[j1:j2]
                words = [t for t in inserted if t.lower() not in ("and", "or", ",")]
                if len(words) != 1 or not words[0][:1].isupper() or len(inserted) > 3:
                    continue
                if inserted[-1].lower() in ("and", "or", ",") and i1 < len(old):
                    anchor = old[i1]
                    grown = _join([*inserted, anchor])
                elif inserted[0].lower() in ("and", "or", ",") and i1 > 0:
                    anchor = old[i1 - 1]
                    grown = _join([anchor, *inserted])
                else:
                    continue
                if anchor[:1].isupper():
                    moves.append(
                        RuleMove(rule.hunk_id, rule.old, rule.new, anchor, grown, "term", words[0])
                    )
    return moves


# finding and rewriting KB sentences ---------------------------------------------------------


def _value_pattern(value: str) -> re.Pattern[str]:
    """A value as a KB may write it: "10%" also "10 percent"; "$200" also "$200.00"; "1 year"
    also "1-year"."""
    if value.endswith("%"):
        number = re.escape(value[:-1])
        return re.compile(rf"(?<![\d.]){number}(?P<unit>\s?%|\s?percent\b)", re.I)
    if value[:1] in "$€£":
        plain = value[1:].replace(",", "").removesuffix(".00")
        whole, _, cents = plain.partition(".")
        grouped = f"{int(whole):,}" if whole.isdigit() else whole
        forms = "|".join(re.escape(form) for form in dict.fromkeys((whole, grouped)))
        tail = rf"\.{re.escape(cents)}" if cents else r"(?:\.00)?"
        return re.compile(rf"{re.escape(value[0])}(?:{forms}){tail}(?!\d|,\d)")
    duration = _DURATION.match(value)
    if duration:
        unit = re.escape(duration.group("unit"))
        return re.compile(
            rf"(?<![\d.]){re.escape(duration.group('n'))}(?P<sep>[\s-]){unit}s?\b", re.I
        )
    return re.compile(rf"(?<![\w.]){re.escape(value)}(?![\w])")


def _new_value(move: RuleMove, found: re.Match[str]) -> str:
    """The new value written in the format the KB uses for the old one."""
    text = found.group(0)
    new = move.new
    if move.old.endswith("%") and new.endswith("%"):
        return new[:-1] + (found.group("unit") or "%")
    old_duration, new_duration = _DURATION.match(move.old), _DURATION.match(new)
    if old_duration and new_duration:
        unit = new_duration.group("unit")
        if found.group("sep") == "-":
            return f"{new_duration.group('n')}-{unit}"
        plural = "s" if new_duration.group("n") != "1" else ""
        return f"{new_duration.group('n')} {unit}{plural}"
    if text.endswith(".00") and not new.endswith(".00") and new[:1] in "$€£":
        return new + ".00"
    return new


def _topic(move: RuleMove) -> set[str]:
    """What the moved rule is about: the content words of its old sentence but the value or
    term, and for a term, the noun right after it ("members" in "for Platinum members", which
    any sentence about Platinum members shares)."""
    topic = _content(move.old_sentence) - _content(move.old) - _content(move.new)
    if move.kind == "term":
        after = re.search(rf"\b{re.escape(move.old)}\s+([A-Za-z]+)", move.old_sentence)
        if after:
            topic -= _content(after.group(1))
    return topic


def states_old_rule(move: RuleMove, sentence: str) -> bool:
    """Whether a KB sentence states the rule `move` changed, the old way."""
    topic = _topic(move)
    shared = topic & _content(sentence)
    if len(shared) < 2:
        return False
    if move.kind == "value":
        return bool(_value_pattern(move.old).search(sentence)) and not _value_pattern(
            move.new
        ).search(sentence)
    if re.search(rf"\b{re.escape(move.added_term)}\b", sentence, re.I):
        return False
    return re.search(rf"\b{re.escape(move.old)}\b", sentence) is not None


def closest_move(moves: Sequence[RuleMove], sentence: str) -> RuleMove | None:
    """Of the moves whose old rule `sentence` states, the one whose prompt sentence it is most
    like."""
    stating = [move for move in moves if states_old_rule(move, sentence)]
    words = _content(sentence)
    return max(stating, key=lambda m: len(_content(m.old_sentence) & words), default=None)


def moves_for(moves: Sequence[RuleMove], sentence: str) -> list[RuleMove]:
    """The moves to apply to a KB sentence stating an old rule: every move of the prompt
    sentence it is most like whose old value it states ("$100 to $1,000 … 6 monthly
    instalments" → "$100 to $2,500 … 12 monthly instalments"); for a heading that only states
    the value, the value moves that match."""
    best = closest_move(moves, sentence)
    if best is None:
        return [
            move
            for move in moves
            if move.kind == "value" and _value_pattern(move.old).search(sentence)
        ][:1]
    return [
        move
        for move in moves
        if move.old_sentence == best.old_sentence
        and (move is best or (move.kind == "value" and _value_pattern(move.old).search(sentence)))
    ]


def rewrite_sentence(move: RuleMove, raw: str, scope: str | None = None) -> str | None:
    """`raw` with the new rule in its own words, or None when it does not state the old one.

    `scope` (e.g. "electronics"): the move holds only there, so the new value is added for it
    and the old one stays for everyone else."""
    if move.kind == "term":
        pattern = re.compile(rf"\b{re.escape(move.old)}\b")
        if not pattern.search(raw):
            return None
        return pattern.sub(move.new, raw, count=1)
    pattern = _value_pattern(move.old)
    found = pattern.search(raw)
    if found is None or _SPELLED.search(raw):
        # a number also written in words ("two hundred dollars ($200)") would contradict the
        # new value: a writer restates it
        return None
    if scope:
        end = len(raw.rstrip().rstrip(".!?*_"))
        return f"{raw[:end]} ({move.new} for {scope}){raw[end:]}"
    return pattern.sub(lambda match: _new_value(move, match), raw)


def _row(raw: str) -> tuple[str, str, str] | None:
    """(kind, key, rest) of a list item ("- Gold: …") or a table row ("| Gold | … |")."""
    line = raw.strip()
    table = _ROW_TABLE.match(line)
    if table:
        return "table", table.group("key").strip(), table.group("rest")
    listed = _ROW_LIST.match(raw)
    if listed:
        return "list", listed.group("key").strip(), listed.group("rest")
    return None


def _parts(text: str) -> list[str]:
    return [p.strip(" .|") for p in re.split(r",|;|\|| and (?=a |an |the |free |\w+ \w+)", text)]


def benefit_row(move: RuleMove, rows: Sequence[str]) -> tuple[int, str] | None:
    """For a term move: (index of the added term's row, that row with the old term's benefit
    added), when a list or table gives each term a row and the old term's row states the
    rule."""
    if move.kind != "term":
        return None
    topic = _content(move.new_sentence) - {stem(move.added_term.lower()), stem(move.old.lower())}
    parsed = [_row(raw) for raw in rows]
    source = next(
        (
            row
            for row in parsed
            if row and row[1].lower() == move.old.lower() and len(topic & _content(row[2])) >= 2
        ),
        None,
    )
    if source is None:
        return None
    best = max(_parts(source[2]), key=lambda part: len(topic & _content(part)), default="")
    if len(topic & _content(best)) < 2:
        return None
    for index, row in enumerate(parsed):
        if not row or row[1].lower() != move.added_term.lower():
            continue
        if len(topic & _content(row[2])) >= 2:
            return None  # it already states the benefit
        raw = rows[index]
        benefit = best[:1].lower() + best[1:] if row[0] == "list" else best
        if row[0] == "table":
            cells = raw.rstrip().rstrip("|").rstrip()
            tail = raw[len(raw.rstrip()) :]
            return index, f"{cells}, {benefit} |{tail}"
        body = raw.rstrip()
        end = len(body.rstrip(".!?"))
        joiner = ", and " if " and " in row[2] else " and "
        return index, f"{body[:end]}{joiner}{benefit}{body[end:]}{raw[len(body) :]}"
    return None


def scope_of(move: RuleMove, sentence: str, conditions: Sequence[dict[str, Any]]) -> str | None:
    """The category the move is limited to that the KB sentence does not name: the value of a
    categorical condition atom the new prompt sentence names ("electronics")."""
    if move.kind != "value" or not conditions:
        return None
    for atom in conditions[0].get("atoms") or []:
        if atom.get("op") != "=":
            continue
        value = str(atom.get("value", "")).replace("_", " ")
        named = re.search(rf"\b{re.escape(value)}", move.new_sentence, re.I)
        if named and not re.search(rf"\b{re.escape(value)}", sentence, re.I):
            return value
    return None


# a new step before an old one ------------------------------------------------------------

_BEFORE = re.compile(
    r"\b(?P<when>[Bb]efore)\s+(?P<what>[a-z]+ing\b[^,;:.]{0,60}),\s+(?P<step>[a-z][^.;]+)"
)
_TOOL_CLAUSE = re.compile(r"\s+(?:with|using|via|by calling)\s+`[^`]+`|\s*\([^)]*`[^)]*\)")
_YOU = (
    (re.compile(r"\bthe customer's\b", re.I), "your"),
    (re.compile(r"\bthe customer\b", re.I), "you"),
    (re.compile(r"\bthe (account|order|card|booking|subscription)\b", re.I), r"your \1"),
    (re.compile(r"\bthem\b"), "you"),
)


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "x", "ch", "sh")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def step_for_note(step: str) -> str:
    """ "Before ordering a replacement, we ask for … and verify it." → "Before ordering a
    replacement, the agent now asks for … and verifies it." """
    lead, sep, rest = step.partition(", we ")
    if not sep:
        return step
    words = rest.split(" ")
    words[0] = _third_person(words[0])
    for index in range(1, len(words) - 1):
        if words[index] in ("and", "then") and words[index + 1].isalpha():
            words[index + 1] = _third_person(words[index + 1])
    text = " ".join(words).replace("your ", "the customer's ").replace(" you ", " the customer ")
    return f"{lead}, the agent now {text}"


def new_step(rules: Sequence[Any], action_terms: set[str]) -> tuple[str, str] | None:
    """A step the new prompt puts before an old action ("before ordering a replacement, ask for
    the email address on the account and verify it with `verify_identity`"), as a KB sentence
    and as a shorter second mention: ("Before ordering a replacement, we ask for the email
    address on your account and verify it.", "We ask for … before ordering a replacement.").
    `action_terms` are the word stems of the old action's name; the step must be before it."""
    for rule in rules:
        if not rule.new:
            continue
        if rule.old and _BEFORE.search(rule.old):
            continue
        found = _BEFORE.search(rule.new)
        if found is None or not action_terms & _content(found.group("what")):
            continue
        step = _TOOL_CLAUSE.sub("", found.group("step")).strip()
        what = _TOOL_CLAUSE.sub("", found.group("what")).strip()
        for pattern, replacement in _YOU:
            step, what = pattern.sub(replacement, step), pattern.sub(replacement, what)
        if "`" in step or len(step.split()) > 25:
            return None
        return f"Before {what}, we {step}.", f"We {step} before {what}."
    return None
