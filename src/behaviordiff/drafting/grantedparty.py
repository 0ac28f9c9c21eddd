"""A second party granted beside the first, where the old prompt denied them: "the member who
referred them gets £20 credit." became "…gets £20 credit, and the friend who joins gets £20 off
their first box.", and a sentence of the old prompt denying that party ("The friend who joins
doesn't get a referral reward.") is gone. The grant is read from the structure alone: the old
sentence is the new one's head, the tail says "and <party> gets <what>", and an old sentence
names the party's head noun with a denial.

KB units that still say the party gets nothing:

* a table row labelled with the party's head noun whose other cell says nothing ("—", "-",
  "none", "n/a"): the cell says what the party now gets;
* a clause whose own subject (or closing "for" object) is the party, denying the denied thing
  ("Your friend doesn't get a reward", "there's no reward for your friend"): when the grant is
  the denied thing, the clause says what the party now gets and the clauses around it ("…, as
  …", "and must …") stay; when the grant is another thing (the denial may still hold) or the
  KB qualifies the party ("Guests under 14 …"), the item is flagged, not edited;
* "Only <someone> gets/receives …" in the words the first party was described with ("Only the
  person who refers gets the reward"): "only" goes and the party's grant is joined on.

The party is named as the item names it ("your friend" where the item says so), else in the
prompt's words. Everything else is kept byte for byte. No word of any domain is known here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, rewrite_marked
from behaviordiff.drafting.text import END_CHARS, STOPWORDS, stem, terms

GRANTED_PARTY_REASON = "says a party gets nothing; the new prompt grants them:"

_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d+")
_GRANT = r"(?:gets?|receives?|earns?|is\s+given|are\s+given)"
_TAIL = re.compile(
    rf"^,?\s+and\s+(?P<party>(?:the|a|an|each|every|their|his|her)\s+[^,;:]+?)\s+"
    rf"(?P<verb>{_GRANT})\s+(?P<what>[^,;:]+)$",
    re.I,
)
_FIRST = re.compile(
    rf"(?:^|,\s*)(?P<party>(?:the|a|an|each|every)\s+[^,;:]+?)\s+{_GRANT}\s+[^,;:]+$", re.I
)
_DENIAL = re.compile(
    r"\b(?:no|not|nothing|never|none|don[’']?t|doesn[’']?t|won[’']?t|isn[’']?t|aren[’']?t)\b",
    re.I,
)
_NOTHING_CELL = re.compile(r"^\s*(?:[—–-]+|none|nothing|n/?a|no|)\s*$", re.I)
_ONLY_SUBJECT = re.compile(rf"^(?P<lead>\W*)only\s+(?P<who>[^,;:]+?)\s+(?P<verb>{_GRANT})\b", re.I)
_CLAUSE = re.compile(
    r"[;:]\s+|,?\s+(?:and|but|as|because|since|so|though|while)\s+|,\s+|\s+[—–]\s+", re.I
)
_LEAD = r"^\W*(?:(?:your|the|our|a|an|any|all|each|every)\s+)?"
_DENIED_SUBJECT = re.compile(
    _LEAD + r"(?P<head>[A-Za-z]+)(?P<qual>(?:\s+\S+)*?)\s+(?:don[’']?t|doesn[’']?t|do\s+not|"
    r"does\s+not|won[’']?t|will\s+not|can[’']?t|cannot|never|aren[’']?t|isn[’']?t|"
    r"(?:get|gets|receive|receives|earn|earns)\s+no)\b",
    re.I,
)
_FOR_PARTY = re.compile(
    r"\bfor\s+(?:(?:your|the|our|a|an|any|all|each|every)\s+)?(?P<head>[A-Za-z]+)"
    r"(?P<qual>[^,;:]*?)[.!?]*$",
    re.I,
)


def _stems(text: str) -> set[str]:
    return set(terms(text))


@dataclass(frozen=True)
class GrantedParty:
    """The new party (`party`, "the friend who joins"), its head noun (`head`, "friend"),
    what it gets (`what`), the first party's words (`first`), the things the old prompt
    denied it (`denied`, stems of "a referral reward") and the new sentence's tail."""

    party: str
    head: str
    verb: str
    what: str
    first: frozenset[str]
    denied: frozenset[str]
    tail: str
    hunk_id: str = ""


def granted_party(facts: ChangeFacts) -> GrantedParty | None:
    """The change's party granted beside the first where the old prompt denied them."""
    olds = [r.old.rstrip(END_CHARS) for r in facts.rules if r.old]
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old, new = rule.old.rstrip(END_CHARS), rule.new.rstrip(END_CHARS)
        if not new.startswith(old) or len(new) == len(old):
            continue
        tail = _TAIL.match(new[len(old) :])
        first = _FIRST.search(old)
        if tail is None or first is None or "`" in new:
            continue
        party_words = [w for w in _WORD.findall(tail["party"]) if w.lower() not in STOPWORDS]
        if not party_words:
            continue
        head = party_words[0]
        party_stems = _stems(tail["party"])
        denied: set[str] = set()
        for said in olds:
            if said == old or stem(head.lower()) not in _stems(said) or not _DENIAL.search(said):
                continue
            refusal = _stems(" ".join(_DENIAL.findall(said)))
            denied |= _stems(said) - party_stems - refusal - _stems(tail["verb"])
        if not denied:
            continue
        return GrantedParty(
            party=tail["party"],
            head=head,
            verb=tail["verb"],
            what=tail["what"],
            first=frozenset(_stems(first["party"]) - party_stems),
            denied=frozenset(denied),
            tail=new[len(old) :],
            hunk_id=rule.hunk_id,
        )
    return None


def _names_party(case: GrantedParty, text: str) -> bool:
    return stem(case.head.lower()) in _stems(text)


def _says_grant(case: GrantedParty, text: str) -> bool:
    """Whether `text` already says what the party now gets (its words, numbers aside)."""
    words = {w for w in _stems(case.what) if not w.isdigit()}
    return bool(words) and words <= _stems(text)


def _nothing_row(case: GrantedParty, text: str) -> bool:
    cells = [cell.strip() for cell in text.strip().strip("|").split("|")]
    return (
        len(cells) >= 2
        and _names_party(case, cells[0])
        and any(_NOTHING_CELL.match(cell) for cell in cells[1:])
        and not _says_grant(case, " ".join(cells[1:]))
    )


@dataclass(frozen=True)
class _Denied:
    """Where the clause denying the party starts and stops, and whether the KB names the party
    with a qualifier the grant lacks ("Guests under 14 don't …")."""

    start: int
    stop: int
    qualified: bool


def _party_of(case: GrantedParty, clause: str) -> bool | None:
    """Whether the clause's subject, or the object of its closing "for", is the party: None
    when it is not, else whether the KB qualifies it ("Guests under 14", "for your guest who …")."""
    head = stem(case.head.lower())
    for pattern in (_DENIED_SUBJECT, _FOR_PARTY):
        found = pattern.search(clause)
        if found is not None and stem(found["head"].lower()) == head:
            return bool(found["qual"].strip())
    return None


def _denied_clause(case: GrantedParty, text: str) -> _Denied | None:
    """The clause of `text` whose subject (or "for" object) is the party, denying what the
    party was denied; every other clause ("…, and must climb with an adult", "as …") stays."""
    if not _names_party(case, text) or _says_grant(case, text):
        return None
    start = 0
    for end in [*(m for m in _CLAUSE.finditer(text)), None]:
        stop = end.start() if end is not None else len(text)
        clause = text[start:stop]
        if _DENIAL.search(clause) and _stems(clause) & case.denied:
            qualified = _party_of(case, clause)
            if qualified is not None:
                return _Denied(start, stop, qualified)
        if end is not None:
            start = end.end()
    return None


def _only_first(case: GrantedParty, text: str) -> re.Match[str] | None:
    found = _ONLY_SUBJECT.match(text)
    if found is None or _names_party(case, text):
        return None
    return found if _stems(found["who"]) & case.first else None


def granted_party_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` still says the granted party gets nothing, or None."""
    case = granted_party(facts)
    if case is None:
        return None
    if "|" in sentence:
        found = _nothing_row(case, sentence)
    else:
        found = (
            _denied_clause(case, sentence) is not None or _only_first(case, sentence) is not None
        )
    return f"{GRANTED_PARTY_REASON} “{case.tail.lstrip(', ')}”" if found else None


def _named(case: GrantedParty, body: str) -> str:
    """The party as the item names it ("your friend"), else in the prompt's words."""
    own = re.search(rf"\byour\s+{re.escape(case.head)}\b", body, re.I)
    return own.group(0).lower() if own is not None else case.party


def _say(case: GrantedParty, body: str, raw: str) -> str | None:
    party = _named(case, body)
    verb = case.verb
    if party.lower().startswith("your ") and verb.lower() in ("get", "receive", "earn"):
        verb += "s"
    if "|" in raw:
        if "\n" in raw.strip() or not _nothing_row(case, raw):
            return None
        cells = raw.split("|")
        for index in range(2, len(cells) - 1):
            if _NOTHING_CELL.match(cells[index]):
                cells[index] = f" {case.what} "
                return "|".join(cells)
        return None
    text = " ".join(raw.split())
    only = _only_first(case, text)
    if only is not None:
        rest = text[only.end("lead") + len("only") :].lstrip()
        body_end = len(rest.rstrip(".!"))
        said = rest[:1].upper() + rest[1:body_end]
        return f"{only['lead']}{said}, and {party} {verb} {case.what}{rest[body_end:]}"
    denied = _denied_clause(case, text)
    if denied is None or denied.qualified or not _stems(case.what) & case.denied:
        # a party the KB qualifies, or a grant of another thing than the one denied (the
        # denial may still be true): flagged, not replaced
        return None
    start, stop = denied.start, denied.stop
    clause = text[start:stop]
    end = len(clause.rstrip(".!?"))
    grant = f"{party} {verb} {case.what}"
    if start == 0:
        grant = grant[:1].upper() + grant[1:]
    return text[:start] + grant + clause[end:] + text[stop:]


def granted_party_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts say the granted party gets nothing."""
    case = granted_party(facts)
    if case is None or not impact.conflicts:
        return None
    if not only_marked_for(impact.conflicts, GRANTED_PARTY_REASON):
        return None
    body = impact.item.body
    new_body = rewrite_marked(impact, lambda raw: _say(case, body, raw))
    kind = impact.item.kind
    if new_body is None:
        return None, (
            f"Flagged for review: this {kind} says {case.party} gets nothing; the new prompt "
            f"grants them “{case.tail.lstrip(', ')}”, in words that cannot be put here."
        )
    return new_body, (
        f"The new prompt adds “{case.tail.lstrip(', ')}”. This {kind} said {case.party} gets "
        "nothing; the edit says what they now get and keeps everything else."
    )
