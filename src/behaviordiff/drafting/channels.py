"""A promise whose channel changed ("your new code will be emailed" → "sent by text message"):
the KB sentence that states the old channel, rewritten to state the new one in its own words,
and the sentences around it that only make sense for the old channel ("check your spam
folder"), which go.

Only the channel words change: "will be emailed to you within 15 minutes" becomes "will be
texted to you within 15 minutes" (the new channel's own verb) or "will be sent to you by post
within 15 minutes" (a channel with none), the time frame and everything else kept. A sentence
the rewrite cannot make state the new channel and only it is left alone (None): a wrong
suggestion costs more than none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from behaviordiff.detect.facts import (
    CHANNEL_NOUNS,
    CHANNEL_VERBS,
    NOT_CHANNEL,
    Promise,
    channel_phrase,
    extract_promises,
)
from behaviordiff.detect.signature import call_promises
from behaviordiff.drafting.text import cell_text_spans, row_cells

MESSAGE_NOUNS = {
    "email": "email",
    "text message": "text message",
    "post": "letter",
    "phone": "phone call",
    "WhatsApp": "WhatsApp message",
    "app": "app notification",
    "live chat": "live chat message",
}
"""What one is sent by each channel, as "an email" or "a letter" names it."""
_ADDRESSES = {
    "email": (r"e-?mail(?:\s+address)?", "email address"),
    "text message": (r"(?:mobile|cell\s?phone)(?:\s+(?:number|phone))?", "mobile number"),
    "post": (r"(?:postal\s+|home\s+)?address", "postal address"),
    "phone": (r"(?:(?:tele)?phone|contact|landline)\s+number", "phone number"),
}
"""Where each channel reaches the customer, as "sent to your email address" names it."""
_WATCHED = {"text message": "phone", "phone": "phone", "WhatsApp": "phone", "app": "app"}
"""Where one watches for what each channel brings, said for "your inbox"."""
_AT = {"email": "at", "post": "at", "text message": "on", "phone": "on"}
"""The preposition one reaches the customer "at" or "on" each address with ("call you on your
phone number", "email you at your email address")."""
_BOUND_WORDS = {
    "email": r"spam|junk|inbox|promotions\s+(?:tab|folder)|unsubscribe",
    "text message": r"reply\s+stop|short\s?code|mobile\s+(?:signal|network|reception)|"
    r"(?:keep|have)\s+(?:your|a)\s+(?:mobile|phone)\s+(?:close|near|nearby|handy|to\s+hand|on\b|"
    r"with\s+you)",
    "post": r"letter\s?box|mail\s?box|post\s?box|postman|postwoman|envelope|stamp",
    "phone": r"voicemail|missed\s+call|caller\s+id|withheld\s+number|"
    r"(?:keep|have)\s+(?:your|a)\s+phone\s+(?:close|near|nearby|handy|to\s+hand|on\b|with\s+you)|"
    r"answer\s+(?:your|the)\s+phone|pick\s+up\s+(?:your|the)\s+phone",
    "app": r"app\s+store|google\s+play|notification\s+settings|update\s+the\s+app",
    "WhatsApp": r"whats\s?app",
    "live chat": r"chat\s+window",
}
"""Words a sentence only says about one channel: where an email may end up ("check your spam
folder"), what a letter comes in. Such a sentence is about the old channel, not the promise."""

_CLAUSE_END = re.compile(
    r"\s*(?:[,;:.!?()]|\s(?:within|on|once|when|as\s+soon\s+as|and|so|but|after|before|by\s+the|"
    r"every|each|from|at|until|if)\b|$)",
    re.I,
)
_TO_YOU = re.compile(r"\s+(?:over\s+|across\s+)?to\s+you\b(?!['’])", re.I)
_BARE_YOU = re.compile(
    r"\s+you\b(?!['’])(?=\s*(?:[,;:.!?]|$|(?:once|when|as|if|within|about|with|after|before|"
    r"on|by|to|in|and|so|but|the\s+moment|every)\b))",
    re.I,
)
"""A channel verb's "you" with no object after it: "we'll email you once it's ready"."""


PHONE = Promise("channel", "phone")
"""A call to the customer ("we'll call you", "you'll get a call back"): the phone channel."""
_CALL_BACK = re.compile(
    r"\b(?:an?|the|your|our)\s+(?:phone\s+|quick\s+)?(?:call[\s-]?back|ring[\s-]?back)\b", re.I
)
"""A call back named as a thing one gets ("you'll get a call back within 2 days")."""


def channel_promises(promises: Sequence[Promise]) -> list[Promise]:
    """The channels among a change's promises, a call to the customer (`call_promises`'
    callback) read as the phone channel: "we'll call you" instead of "we'll email you" moved
    the promise from email to phone."""
    found = [p for p in promises if p.kind == "channel"]
    if any(p.kind == "callback" for p in promises) and PHONE not in found:
        found.append(PHONE)
    return found


def calls_to_customer(sentence: str) -> frozenset[Promise]:
    """`call_promises` of a KB sentence, a call back named as a thing one gets ("expect a call
    back within 2 days") counted as the call to the customer it promises."""
    found = call_promises(sentence)
    if _CALL_BACK.search(sentence):
        found |= {Promise("callback", "a call to the customer")}
    return found


def stated_channels(sentence: str) -> set[str]:
    """The channels a sentence says something reaches the customer by, a call to the customer
    ("we will ring you", "a call back") being the phone."""
    found = channel_promises([*extract_promises(sentence), *calls_to_customer(sentence)])
    return {promise.value for promise in found}


def switched_channel(
    removed: Sequence[Promise], added: Sequence[Promise]
) -> tuple[str, str] | None:
    """(old channel, new channel) when a change's promises moved from one channel to
    another, one on each side (a call to the customer is the phone, `channel_promises`)."""
    old = [p.value for p in channel_promises(removed)]
    new = [p.value for p in channel_promises(added)]
    if len(old) != 1 or len(new) != 1 or old == new:
        return None
    return old[0], new[0]


def _article(word: str, article: str) -> str:
    """ "a" or "an" before `word`, in `article`'s case; other articles as they were."""
    if article.lower() not in ("a", "an"):
        return article
    chosen = "an" if word[:1].lower() in "aeiou" else "a"
    return chosen.capitalize() if article[:1].isupper() else chosen


_VERB_FORMS = {
    # a channel's own verb, by form: base, past, third person, -ing
    "email": ("email", "emailed", "emails", "emailing"),
    "text message": ("text", "texted", "texts", "texting"),
    "send": ("send", "sent", "sends", "sending"),
    "contact": ("contact", "contacted", "contacts", "contacting"),
}


def _verb(form: str, verb: str) -> str:
    """`verb` in the form of the channel verb it replaces ("emailed" → "sent", "texted")."""
    lowered = form.lower()
    base, past, third, ongoing = _VERB_FORMS[verb]
    if lowered.endswith(("ed", "'d", "’d")):
        word = past
    elif lowered.endswith("ing"):
        word = ongoing
    elif lowered.endswith("s") and not lowered.endswith("sms"):
        word = third
    else:
        word = base
    return word.capitalize() if form[:1].isupper() else word


def _with_phrase(text: str, at: int, phrase: str) -> str:
    """`text` with " `phrase`" put after the verb ending at `at`: after its "to you" when
    that follows, else where the verb's clause ends ("send the new code to you by text
    message within 15 minutes")."""
    bare = _BARE_YOU.match(text, at)
    if bare is not None:
        return f"{text[: bare.end()]} {phrase}{text[bare.end() :]}"
    to_you = _TO_YOU.match(text, at)
    if to_you is None:
        # an object of a few words may stand between ("send the new code to you")
        first = next(_TO_YOU.finditer(text, at, min(len(text), at + 60)), None)
        if first is not None and not re.search(r"[,;:.!?]", text[at : first.start()]):
            to_you = first
    if to_you is not None:
        where = to_you.end()
    else:
        end = _CLAUSE_END.search(text, at)
        where = end.start() if end is not None else len(text)
    return f"{text[:where]} {phrase}{text[where:]}"


def _noun_forms(channel: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    noun = CHANNEL_NOUNS[channel]
    preposition = re.compile(
        rf"\b(?:by|via|through|over|in|on|as)\s+(?:an?\s+|the\s+|our\s+)?(?:{noun})\b"
        + NOT_CHANNEL,
        re.I,
    )
    article = re.compile(
        rf"\b(?P<article>an?|the|another)\s+(?P<words>(?:[\w-]+\s+){{0,2}}?)(?:{noun})\b"
        + NOT_CHANNEL,
        re.I,
    )
    return preposition, article


def _address_lead(match: re.Match[str], new: str) -> str:
    """The words before an address, "on"/"at" said as `new`'s address takes it ("on the
    phone number" → "at the email address"); "to", "in" as they were."""
    said = match.group("at")
    if said.lower() not in ("on", "at"):
        return match.group("lead")
    word = _AT.get(new, said.lower())
    return (word.capitalize() if said[:1].isupper() else word) + match.group("rest")


def rewrite_channel(sentence: str, old: str, new: str) -> str | None:
    """`sentence` (a KB sentence stating `old` as the channel of a promise) stating `new`
    instead, every other word kept; None when its words for the old channel are not ones the
    rewrite knows, or the result would not state `new` and only it."""
    text = sentence
    phrase = channel_phrase(new)
    preposition, article = _noun_forms(old)
    text = preposition.sub(phrase, text)
    noun = MESSAGE_NOUNS.get(new, new)

    def with_article(match: re.Match[str]) -> str:
        words = match.group("words")
        first = words or noun
        return f"{_article(first, match.group('article'))} {words}{noun}"

    text = article.sub(with_article, text)
    text = re.sub(r"\b(?:to|in|into)\s+your\s+inbox\b", phrase, text, flags=re.I)
    if old in _ADDRESSES and new in _ADDRESSES:
        # "to the email address on your account" → "to the mobile number on your account";
        # "on the phone number saved" → "at the email address saved"
        text = re.sub(
            rf"\b(?P<lead>(?P<at>to|in|into|on|at)(?P<rest>\s+(?:your|the)\s+(?:registered\s+)?))"
            rf"(?:{_ADDRESSES[old][0]})\b",
            lambda match: _address_lead(match, new) + _ADDRESSES[new][1],
            text,
            flags=re.I,
        )
        if old == "email" and new != "post":
            # "to the address on your account" in a sentence sending by email: its email address
            text = re.sub(
                r"\b(?P<lead>(?P<at>to|on|at)(?P<rest>\s+(?:your|the)\s+(?:registered\s+)?))"
                r"address(?=\s+(?:on|in|linked\s+to|registered\s+to|we\s+have)\s+(?:your|the)\b)",
                lambda match: _address_lead(match, new) + _ADDRESSES[new][1],
                text,
                flags=re.I,
            )
    if old == PHONE.value:
        text = _rewrite_call(text, new)
    verb = CHANNEL_VERBS.get(old)
    if verb is not None:
        passive = re.compile(
            r"\b(?:be|been|being|is|are|was|were|get|gets|got)\s+(?:\w+ly\s+|also\s+|then\s+)?"
            rf"(?P<verb>(?:{verb})(?:ed|'d|’d))\b",
            re.I,
        )
        active = re.compile(
            rf"(?:(?<=\bwe\s)|(?<=\bi\s)|(?<=\bthey\s)|(?<=will\s)|(?<=['’]ll\s)|(?<=can\s)|"
            rf"(?<=['’]ve\s)|(?<=have\s)|(?<=has\s)|(?<=to\s))(?P<verb>(?:{verb})(?:ed|s|ing)?)\b"
            rf"|\b(?P<verb2>(?:{verb})(?:ed|s|ing)?)(?=\s+(?:you|it|them|the|this|that)\b)",
            re.I,
        )
        for pattern in (passive, active):
            while (match := pattern.search(text)) is not None:
                group = "verb" if match.group("verb") else "verb2"
                start, end = match.span(group)
                if new in _VERB_FORMS:  # "we email the code to you" → "we text the code to you"
                    text = text[:start] + _verb(match.group(group), new) + text[end:]
                    continue
                # "we'll email you once it's ready": nothing is sent but word, by the new channel
                bare = _BARE_YOU.match(text, end) is not None
                replaced = text[:start] + _verb(match.group(group), "contact" if bare else "send")
                text = _with_phrase(replaced + text[end:], len(replaced), phrase)
    text = _without_bound_tail(text, old)
    if old == "email" and new in _WATCHED:
        # "keep an eye on your inbox" in the sentence's own clause → "… your phone": where
        # it now arrives (a last clause only about the inbox has gone with the old channel)
        text = re.sub(r"\b(?<=your\s)inbox\b", _WATCHED[new], text, flags=re.I)
    return text if _states_only(text, old, new) else None


_TAIL_LEAD = re.compile(r",[ \t]+(?:so|and)\b", re.I)
"""Where a last clause after ", so" or ", and" starts ("…, so keep your phone handy!")."""
_ASIDE = re.compile(r"\([^()]*\)")
"""An aside in brackets, with no bracket inside it ("(and your junk folder, just in case)")."""


def _leads_outside_asides(text: str, end: int) -> list[re.Match[str]]:
    """The ", so"/", and" of `text` before `end` that are not inside an aside in brackets
    (more opened than closed before them), read in one pass."""
    found = []
    depth = at = 0
    for lead in _TAIL_LEAD.finditer(text, 0, end):
        depth += text.count("(", at, lead.start()) - text.count(")", at, lead.start())
        at = lead.start()
        if depth <= 0:
            found.append(lead)
    return found


def _without_bound_tail(text: str, old: str) -> str:
    """`text` without a last clause only true of the old channel ("we'll email you, so keep
    your phone handy!" → "we'll email you!"): advice for the way the promise no longer goes.
    The clause runs from the last ", so"/", and" to the sentence's end, with no punctuation
    in it but the full stop and what an aside in brackets holds ("…, so keep an eye on your
    inbox (and your junk folder, just in case)."); one scan, no backtracking on hostile
    text."""
    body = text.rstrip()
    end = len(body) - 1 if body[-1:] in ".!?" else len(body)
    leads = _leads_outside_asides(body, end)
    if not leads:
        return text
    lead = leads[-1]
    tail = body[lead.end() : end]
    outside = _ASIDE.sub(" ", tail)
    if re.search(r"[,;:.!?()]", outside) or not bound_to(tail, old):
        return text
    return text[: lead.start()] + text[end:]


_CALL_VERB = re.compile(
    r"\b(?P<verb>call(?:s|ed|ing)?|ring(?:s|ing)?|rang|(?:tele)?phon(?:e|es|ed|ing))\s+"
    r"(?P<whom>you|them)(?:\s+back)?\b"
    r"(?!\s+(?:on|at)\s+(?:your|their|the)\s+(?:mobile|cell|phone|number|landline))",
    re.I,
)
"""A call to the customer ("we'll ring you back"), not on a number the rewrite would keep."""
_GIVE_CALL = re.compile(
    r"\b(?P<give>give|gives|gave|giving)\s+(?P<whom>you|them)\s+an?\s+(?:phone\s+|quick\s+)?"
    r"(?:call|ring)(?:[\s-]?back)?\b",
    re.I,
)
_CALL_NOUN = re.compile(
    r"\b(?P<article>an?|the|your|our)\s+(?:phone\s+|quick\s+)?"
    r"(?:call(?:[\s-]?back)?|ring[\s-]?back)\b(?!\s+(?:centre|center|us)\b)",
    re.I,
)


def _rewrite_call(text: str, new: str) -> str:
    """`text` with its call to the customer ("we'll call you back", "give you a ring", "a
    call back") said as a message by `new`: "we'll email you", "send you a letter", "an
    email". A call the customer makes ("call us") is no promise and stays."""
    phrase = channel_phrase(new)
    noun = MESSAGE_NOUNS.get(new, new)

    def verb(match: re.Match[str]) -> str:
        said, whom = match.group("verb"), match.group("whom")
        lowered = said.lower()
        # the form `_verb` reads from its ending ("ring" is no "-ing" form)
        form = said[:1] + (
            "ed"
            if lowered == "rang" or lowered.endswith("ed")
            else "ing"
            if lowered.endswith("ing") and lowered != "ring"
            else "s"
            if lowered.endswith("s")
            else ""
        )
        if new in _VERB_FORMS:
            return f"{_verb(form, new)} {whom}"
        return f"{_verb(form, 'contact')} {whom} {phrase}"

    def give(match: re.Match[str]) -> str:
        sent = {"give": "send", "gives": "sends", "gave": "sent", "giving": "sending"}
        said = match.group("give")
        word = sent[said.lower()]
        word = word.capitalize() if said[:1].isupper() else word
        return f"{word} {match.group('whom')} {_article(noun, 'a')} {noun}"

    def thing(match: re.Match[str]) -> str:
        return f"{_article(noun, match.group('article'))} {noun}"

    text = _CALL_VERB.sub(verb, text)
    text = _GIVE_CALL.sub(give, text)
    return _CALL_NOUN.sub(thing, text)


_SENDING_HEADER = re.compile(
    r"\b(?:how(?!\s+(?:long|much|many|often|soon|quickly|fast)\b)|channel|method|means|via|"
    r"sent|send|sends|reach|reaches|contact|deliver|delivered|delivery)\b",
    re.I,
)
"""A column header naming the way a thing reaches the customer ("How we send it", "Channel",
"Sent by"), not how long or how much."""


def _bare_channel(cell: str) -> str | None:
    """The channel a cell is the noun of alone ("Email", "By text", "SMS"), else None."""
    found = [
        channel
        for channel, noun in CHANNEL_NOUNS.items()
        if re.fullmatch(rf"(?:(?:by|via)\s+)?(?:{noun})", cell.strip(), re.I)
    ]
    return found[0] if len(found) == 1 else None


def cell_channels(header: str, row: str) -> set[str]:
    """The channels a table row states by a cell that is a channel's noun alone ("| Email |")
    under a header cell naming the way the row's thing is sent ("| How we send it |"): the
    row alone names a channel only as a word, its header says it is the way."""
    heads, cells = row_cells(header), row_cells(row)
    if len(heads) != len(cells):
        return set()
    found = set()
    for head, cell in zip(heads, cells, strict=True):
        channel = _bare_channel(cell) if _SENDING_HEADER.search(head) else None
        if channel is not None:
            found.add(channel)
    return found


def channel_cell(cell: str, old: str, new: str) -> str | None:
    """A short text giving a way of contact without a verb of its own (a table cell "By email
    within 5 working days") said with `new` for `old` ("By phone within 5 working days"; a
    cell that is the old channel's noun alone, "Email", the new one's, "Text message"), else
    as `rewrite_channel` says a sentence; None when a word of the old channel is left."""
    verb = CHANNEL_VERBS.get(old)
    opening = (
        re.match(rf"(?P<space>\s*)(?P<verb>(?:{verb})(?:ed|['’]d))\b", cell, re.I) if verb else None
    )
    if opening is not None and (new in _VERB_FORMS or channel_phrase(new)):
        # a cell opening on the old channel's participle ("Emailed by 6pm the evening before"):
        # the new one's ("Texted by 6pm …"), else sent by it ("Sent by post by 6pm …")
        rest = cell[opening.end() :]
        if new in _VERB_FORMS:
            participle = _verb(opening.group("verb"), new)
        else:
            participle = _verb(opening.group("verb"), "send") + " " + channel_phrase(new)
        return opening.group("space") + participle + rest
    if _bare_channel(cell) == old and not re.match(r"\s*(?:by|via)\b", cell, re.I):
        named = new[:1].upper() + new[1:] if cell.strip()[:1].isupper() else new
        return cell[: len(cell) - len(cell.lstrip())] + named + cell[len(cell.rstrip()) :]
    preposition, _ = _noun_forms(old)
    phrase = channel_phrase(new)

    def said(match: re.Match[str]) -> str:
        return phrase[:1].upper() + phrase[1:] if match.group(0)[:1].isupper() else phrase

    text = preposition.sub(said, cell)
    if not names_channel(text, old):
        return text
    return rewrite_channel(cell, old, new)


def channel_row(row: str, old: str, new: str) -> str | None:
    """A Markdown table row with each cell naming `old` said with `new` (`channel_cell`), the
    bars, padding and other cells byte for byte; None when no cell names `old` or one that
    does cannot be said the new way."""
    spans = cell_text_spans(row)
    said = row
    changed = False
    for start, end in reversed(spans):
        cell = row[start:end]
        if not names_channel(cell, old):
            continue
        switched = channel_cell(cell, old, new)
        if switched is None:
            return None
        said = said[:start] + switched + said[end:]
        changed = True
    return said if changed else None


def names_channel(text: str, channel: str) -> bool:
    """Whether a text has a word of `channel` as a way of contact ("email", "emailed", "by
    phone"; not "email address")."""
    words = [CHANNEL_NOUNS[channel], CHANNEL_VERBS.get(channel, "")]
    left = re.compile(rf"\b(?:{'|'.join(w for w in words if w)})\w*\b" + NOT_CHANNEL, re.I)
    return left.search(text) is not None


def _states_only(text: str, old: str, new: str) -> bool:
    """Whether `text` states `new` as its channel, and no word of the old one is left."""
    channels = stated_channels(text)
    if new not in channels or old in channels:
        return False
    words = [CHANNEL_NOUNS[old], CHANNEL_VERBS.get(old, "")]
    left = re.compile(rf"\b(?:{'|'.join(w for w in words if w)})\w*\b" + NOT_CHANNEL, re.I)
    return left.search(text) is None and not bound_to(text, old)


def bound_to(sentence: str, channel: str) -> bool:
    """Whether `sentence` says something only true of `channel` ("check your spam folder")."""
    words = _BOUND_WORDS.get(channel)
    return bool(words) and re.search(rf"\b(?:{words})", sentence, re.I) is not None


def only_about(sentence: str, old: str, new: str) -> bool:
    """Whether `sentence` is about the old channel alone and holds nothing else: it says what
    only `old` has ("check your spam folder"), names no channel and states no other fact, so
    with the promise moved to `new` it goes."""
    if not bound_to(sentence, old) or bound_to(sentence, new):
        return False
    return not extract_promises(sentence)
