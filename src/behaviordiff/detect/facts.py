"""What a reply promises: money, percentages, durations, dates, links, phone numbers, the channel
a message reaches the customer by, policy terms.

Each promise is normalised so that "$2.5", "$2.50" and "2.50 dollars" compare equal, and carries
the topic it was stated about ("return", "refund", ...) so a change reads "return: 30 days → 45
days" rather than a bare number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import islice

from behaviordiff.detect.clocktimes import read_clock_time
from behaviordiff.detect.quantities import CARDINALS, equal_amount, read_quantity

_NUMBER_WORDS = {
    **CARDINALS,
    "a": 1,
    "an": 1,
    "a few": 3,
    "several": 3,
    "twenty-four": 24,
    "forty-five": 45,
    "forty-eight": 48,
    "seventy-two": 72,
}
"""Numbers a reply writes in words: the cardinals `quantities` reads, "a"/"an", a few
approximate counts and the compound numbers of hours and minutes replies use."""
_UNITS = {
    "minute": "minutes",
    "minutes": "minutes",
    "min": "minutes",
    "mins": "minutes",
    "hour": "hours",
    "hours": "hours",
    "hr": "hours",
    "hrs": "hours",
    "h": "hours",
    "day": "days",
    "days": "days",
    "business day": "business days",
    "business days": "business days",
    "working day": "business days",
    "working days": "business days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}
_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_NUMBER_WORD = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))

_URL = re.compile(
    r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+"
    # a site and a page with no scheme ("example.co.uk/returns"): a path makes it a link
    r"|(?<![\w@./-])[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,5}\.[a-z]{2,24}"
    r"/[^\s<>\"')\]]*",
    re.I,
)
# Starts only where a run of address characters starts, and never backtracks: a long run of
# letters or digits without "@" is read once, not once per position (quadratic).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
_MONEY = re.compile(
    r"(?:(?P<cur>[$€£])\s?(?P<a>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))"
    r"|(?:\b(?P<b>\d+(?:\.\d+)?)\s?(?:dollars|usd|eur|euros|gbp)\b)",
    re.I,
)
_PERCENT = re.compile(r"\b(\d+(?:\.\d+)?)\s?(?:%|percent\b)", re.I)
_DURATION = re.compile(
    rf"\b(?P<n>\d+(?:\.\d+)?|{_NUMBER_WORD})(?:\s?(?:-|to|–)\s?(?P<m>\d+))?[\s-]?(?P<u>{_UNIT})\b",
    re.I,
)
_ISO_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_WORD_DATE = re.compile(
    r"\b(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+(?P<year>20\d\d))?\b",
    re.I,
)
_DAY_MONTH_DATE = re.compile(
    r"(?<![\w$£€.,/-])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?(?:,?\s+(?P<year>20\d\d)\b)?"
)
"""A date written day first ("15 December", "15th of December", "Thursday 18 December 2026"),
the month name capitalised as dates are written (so "18 may" of "under 18 may not" is none)."""
_SLASH_DATE = re.compile(
    r"(?<![\w$£€.,/:-])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?P<year>20\d\d))?(?![\w/%:-])"
)
"""A numeric date ("15/12", "12/15/2026"), read only where its order is unambiguous: one of
its two numbers is over 12, so it is the day and the other the month."""
_NOT_SLASH_DATES = frozenset({"24/7"})
"""Slashed numbers that are never dates: "open 24/7" is always."""
_PHONE = re.compile(r"(?<![\w$])(?:\+?\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
_WRITTEN_PHONE = re.compile(
    r"(?<![\w$£€.,+-])(?P<plus>\+)?(?P<lead>\(?\d{1,5}\)?)(?:[ .-]\(?\d{1,5}\)?){1,5}"
    r"(?![\w%$£€]|[.,]\d)"
)
"""A phone number in groups, as numbers outside North America are written: "0800 316 316",
"+44 20 7946 0958", "1300 555 010" (read where _PHONE reads none)."""
_PHONE_WORD = re.compile(
    r"\b(?:call|calls|phone|ring|dial|tel|telephone|line|helpline|hotline|number|text|sms)\b", re.I
)
"""A sentence naming a phone: there a number in groups not starting "0" or "+" is one."""
_PHONE_DIGITS = range(8, 16)
"""Digits a phone number has, its country code included (E.164 allows 15)."""

CHANNEL_NOUNS: dict[str, str] = {
    # a channel's noun as "by …", "in a …" name it
    "email": r"e-?mails?",
    "text message": r"(?:text|sms)(?:\s+messages?)?|texts|txts?",
    "post": r"post|mail|letters?",
    "phone": r"(?:tele)?phone(?:\s+calls?)?",
    "WhatsApp": r"whats\s?app(?:\s+messages?)?",
    "app": r"app|push\s+notifications?",
    "live chat": r"live\s+chat",
}
CHANNEL_VERBS: dict[str, str] = {
    # a channel's verb: "we'll email you", "texted to your mobile"
    "email": r"e-?mail",
    "text message": r"text|sms",
    "WhatsApp": r"whats\s?app",
}
_SENT_NOUNS = ("email", "text message", "WhatsApp")
"""Channels whose noun is a message one is sent: "look out for an email", "you'll get a text"."""
_CHANNEL_PHRASES = {"app": "in the app", "live chat": "in live chat", "WhatsApp": "on WhatsApp"}
NOT_CHANNEL = (
    r"(?!\s+(?:address|addresses|account|accounts|number|numbers|settings|store|office|box|"
    r"banking|preferences)\b)"
)
"""After a channel noun: the customer's details or a place, not a means of sending."""
_CHANNEL_NAMES = "|".join(
    rf"(?P<n{index}>{word})" for index, word in enumerate(CHANNEL_NOUNS.values())
)
_VERB_NAMES = "|".join(
    rf"(?P<v{index}>{word})" for index, word in enumerate(CHANNEL_VERBS.values())
)
_SENT_NAMES = "|".join(
    rf"(?P<n{index}>{word})"
    for index, (channel, word) in enumerate(CHANNEL_NOUNS.items())
    if channel in _SENT_NOUNS
)
_THEIRS = r"(?:on|in|linked\s+to|registered\s+to|we\s+have)\s+(?:your|their|the)\b"
"""After "the email address": one that is the customer's ("… on your account")."""
_CHANNEL_FORMS = (
    # "by email", "via SMS", "in the post", "over the phone", "through the app": said with a
    # word of sending or receiving (_DELIVERY), as "reach us by phone" is not
    (
        re.compile(
            rf"\b(?:by|via|through|over|in|on|as)\s+(?:an?\s+|the\s+|our\s+)?(?:{_CHANNEL_NAMES})\b"
            + NOT_CHANNEL,
            re.I,
        ),
        True,
    ),
    # "look out for an email", "you'll get a text", "we'll send you a confirmation email"
    (
        re.compile(
            r"\b(?:send|sends|sent|sending|get|gets|getting|got|receive|receives|received|"
            r"look(?:ing)?\s+out\s+for|watch\s+for|keep\s+an\s+eye\s+out\s+for|expect|check)\s+"
            rf"(?:you\s+|them\s+)?(?:an?|the|your|our|another)\s+(?:[\w-]+\s+){{0,2}}?"
            rf"(?:{_SENT_NAMES})\b" + NOT_CHANNEL,
            re.I,
        ),
        False,
    ),
    # "will be emailed", "are texted"
    (
        re.compile(
            r"\b(?:be|been|being|is|are|was|were|get|gets|got)\s+(?:\w+ly\s+|also\s+|then\s+)?"
            rf"(?:{_VERB_NAMES})(?:ed|'d|’d)\b",
            re.I,
        ),
        False,
    ),
    # "we'll email you", "email it to you", "we email the new code to you", "we text"
    (
        re.compile(
            rf"\b(?:{_VERB_NAMES})(?:ed|s|ing|'d|’d)?\s+(?:(?:it|them|this|that|one)\s+)?"
            r"(?:(?:over|across|through)\s+)?(?:to\s+)?you\b(?!['’])",
            re.I,
        ),
        False,
    ),
    (
        re.compile(
            rf"\b(?:{_VERB_NAMES})(?:ed|s|ing|'d|’d)?\s+(?:[\w'’-]+\s+){{1,4}}?to\s+"
            r"(?:you\b(?!['’])|your\s+(?:mobile|phone|cell|inbox|e-?mail|registered))",
            re.I,
        ),
        False,
    ),
    (
        re.compile(
            r"\b(?:we|i|they)(?:['’]ll|['’]ve|['’]d|\s+will|\s+can|\s+shall|\s+would|\s+have|"
            rf"\s+also|\s+then|\s+now|\s+just)*\s+(?:{_VERB_NAMES})(?:s|ed)?\b" + NOT_CHANNEL,
            re.I,
        ),
        False,
    ),
    # "on its way to your inbox"
    (re.compile(r"\b(?:to|in|into)\s+your\s+(?P<inbox>inbox)\b", re.I), False),
    # "sent to the email address on your account", "we'll send the code to your mobile": the
    # customer's own, not "the email address below" one sends to
    (
        re.compile(
            r"\b(?:to|in|into)\s+(?:your\s+(?:registered\s+)?(?P<inbox2>e-?mail)\b|"
            rf"the\s+(?P<inbox3>e-?mail)\s+address\s+{_THEIRS})",
            re.I,
        ),
        True,
    ),
    (
        re.compile(
            r"\bto\s+(?:your\s+(?:registered\s+)?(?P<mobile>mobile|cell\s?phone)\b|"
            rf"the\s+(?P<mobile2>mobile|cell\s?phone)(?:\s+number)?\s+{_THEIRS})",
            re.I,
        ),
        True,
    ),
    # "you'll receive a letter", "an email confirmation is sent"
    (
        re.compile(
            r"\b(?:send|sends|sent|sending|get|gets|getting|got|receive|receives|received|"
            r"look(?:ing)?\s+out\s+for|expect)\s+(?:you\s+)?(?:an?|the|our)\s+"
            r"(?:[\w-]+\s+){0,2}?(?P<letter>letters?)\b",
            re.I,
        ),
        False,
    ),
    (
        re.compile(
            rf"\b(?:an?|the|your|our)\s+(?:{_SENT_NAMES})\s+(?:confirmation|notification|"
            r"reminder|receipt|alert|update|link|code)s?\b",
            re.I,
        ),
        True,
    ),
)
_GROUP_CHANNELS = {
    "inbox": "email",
    "inbox2": "email",
    "inbox3": "email",
    "mobile": "text message",
    "mobile2": "text message",
    "letter": "post",
}
"""The channel each form's named group (other than a channel noun or verb) stands for."""
_CALL = re.compile(r"\b(?:call|calls|ring|rings)\b", re.I)
"""How a reply says which channel something reaches the customer by, and whether the form
needs a word of sending or receiving elsewhere in the sentence to be read as one."""
_DELIVERY = re.compile(
    r"\b(?:send|sends|sent|sending|get|gets|getting|receive|receives|received|arriv\w*|"
    r"deliver(?:s|ed|ing)?|come|comes|coming|on\s+(?:its|their|it['’]s)\s+way|notif\w*|confirm\w*|"
    r"let\s+you\s+know|tell\s+you|update\s+you|updates|keep\s+you|hear\s+(?:back\s+)?from|"
    r"contact\s+you|reach(?:es)?\s+you|be\s+in\s+touch|look\s+out|expect|follow\s+up|"
    r"forward\w*|goes\s+out|go\s+out|issued|reply|replies|respond|message\s+you|"
    r"shows?\s+up|appears?)\b",
    re.I,
)
_NEGATED_BEFORE = re.compile(
    r"(?:\bnot|n['’]t|\bno\s+longer|\bnever|\binstead\s+of|\brather\s+than)"
    r"(?:\s+[\w'’-]+){0,2}\s*$",
    re.I,
)
_CHANNEL_HINT = re.compile(
    r"\b(?:e-?mail|mail|text|sms|txt|post|letter|phone|telephone|whats|app\b|live\s+chat|notif|"
    r"inbox|mobile|cell)",
    re.I,
)


def channel_phrase(channel: str) -> str:
    """How a note says a channel: "by email", "in the app"."""
    return _CHANNEL_PHRASES.get(channel, f"by {channel}")


_DELIVERY_AFTER = 25
"""How far after a channel ("by email within 2 days, sent …") a word of sending still counts."""


def _delivered(sentence: str, match: re.Match[str]) -> bool:
    """Whether a word of sending or receiving goes with the channel `match` names: before it
    ("you'll get it by email") or right after it ("by email, sent …"), not one about something
    else further on ("cancel in the app up to 10pm the night before it's delivered")."""
    if _DELIVERY.search(sentence, 0, match.start()):
        return True
    return _DELIVERY.search(sentence, match.end(), match.end() + _DELIVERY_AFTER) is not None


def _channels(sentence: str, found: set[Promise]) -> None:
    """The channels `sentence` says something reaches the customer by ("your new code will be
    emailed", "look out for a text", "by post"): not a channel it names otherwise (the email
    address on the account, "call us on …"), nor one it says is no longer used."""
    if not _CHANNEL_HINT.search(sentence):
        return
    channels = list(CHANNEL_NOUNS)
    verbs = list(CHANNEL_VERBS)
    delivery = _DELIVERY.search(sentence) is not None
    for form, needs_delivery in _CHANNEL_FORMS:
        if needs_delivery and not delivery:
            continue
        for match in islice(form.finditer(sentence), _MAX_VALUES):
            if _NEGATED_BEFORE.search(sentence[max(0, match.start() - 40) : match.start()]):
                continue
            if needs_delivery and not _delivered(sentence, match):
                continue
            named = [name for name, text in match.groupdict().items() if text]
            if not named:
                continue
            name = named[0]
            if name.startswith("mobile") and _CALL.search(sentence):
                continue  # "we'll call you on your mobile": a call, not a text
            if name in _GROUP_CHANNELS:
                channel = _GROUP_CHANNELS[name]
            elif name.startswith("v"):
                channel = verbs[int(name[1:])]
            else:
                channel = channels[int(name[1:])]
            found.add(Promise("channel", channel))


DEFAULT_POLICY_TERMS: tuple[str, ...] = (
    "full refund",
    "partial refund",
    "store credit",
    "free replacement",
    "replacement",
    "free return label",
    "return label fee",
    "free shipping",
    "free of charge",
    "warranty",
    "price match",
    "discount",
    "voucher",
    "gift card",
    "exchange",
    "priority support",
    "expedited shipping",
)

_TOPICS: tuple[tuple[str, str], ...] = (
    ("return", r"\breturn"),
    ("refund", r"\brefund|money back|reimburs"),
    ("shipping fee", r"shipping (?:fee|cost)|delivery fee"),
    ("shipping", r"\bship|deliver|arriv|parcel|package|courier|tracking"),
    ("warranty", r"warrant"),
    ("claim", r"\bclaim"),
    ("voucher", r"voucher|travel credit|store credit"),
    ("fare", r"\bfare\b|ticket"),
    ("contact", r"contact|reach out|get back to|hear from|reply|respond"),
    ("reset link", r"reset|password"),
    ("label", r"\blabel"),
    ("order", r"\border"),
    ("membership", r"member|subscription|plan"),
    ("discount", r"discount|coupon|promo|voucher"),
)


_TOPIC_PHRASES = {
    # how a note names each topic of _TOPICS after a value
    "return": "returns",
    "refund": "the refund",
    "shipping fee": "the shipping fee",
    "shipping": "delivery",
    "warranty": "the warranty",
    "claim": "claims",
    "voucher": "vouchers",
    "fare": "the fare",
    "contact": "a reply",
    "reset link": "the reset link",
    "label": "the return label",
    "order": "the order",
    # no phrase: "for members" would name a group the change need not be about, and a value
    # near "membership" is rarely the membership's own ("freeze their membership for up to 3
    # months" is a freeze limit); the note says the value and quotes what it is of
    "membership": "",
    "discount": "the discount",
}


def _topic_stems(topic: str) -> tuple[str, ...]:
    """The word stems a text names `topic` by: its name's and its note phrase's own words
    ("shipp", "deliv"), not every word that merely hints at it ("arrival")."""
    words = {*topic.split(), *_TOPIC_PHRASES.get(topic, topic).split()} - {"the", "a", "an"}
    return tuple(sorted({word[:4] for word in words}))


def topic_named(topic: str, texts: Sequence[str]) -> bool:
    """Whether one of `texts` (a change's own prompt sentences and replies) names `topic` in
    its own words: a topic found by a loose hint is not said in a title or a note unless the
    change's texts say it too ("14 days before arrival" is no delivery time)."""
    if not topic:
        return True
    stems = _topic_stems(topic)
    return any(re.search(rf"\b{re.escape(stem)}", text.lower()) for text in texts for stem in stems)


@dataclass(frozen=True, order=True)
class Promise:
    kind: str
    """money, percent, duration, date, link, email, phone, channel, term; callback, time and
    window (`signature.call_promises`)."""
    value: str
    topic: str = ""

    @property
    def key(self) -> str:
        """What compares: a phone number by its digits, however its groups are written; a
        time of day by its hour, whichever clock writes it ("5pm", "17:00", "five in the
        evening")."""
        if self.kind == "phone":
            return f"phone:{phone_digits(self.value)}"
        if self.kind == "time":
            return f"time:{_time_key(self.value)}"
        if self.kind == "window":
            return "window:" + "-".join(_time_key(end) for end in self.value.split("-", 1))
        return f"{self.kind}:{self.value}"

    def same_value(self, other: Promise) -> bool:
        """Whether `other` promises the same value, however it is said: the same key, or a
        duration said in another unit or measure as people say it ("within a day" for 24
        hours, "72 hours" for 3 working days: `quantities.equal_amount`)."""
        if self.key == other.key:
            return True
        if self.kind != "duration" or other.kind != "duration":
            return False
        mine, theirs = read_quantity(self.value), read_quantity(other.value)
        return mine is not None and theirs is not None and equal_amount(mine, theirs)

    def label(self) -> str:
        """How a change's title names it: "return: 45 days", "by text message"."""
        if self.kind == "channel":
            return channel_phrase(self.value)
        return f"{self.topic}: {self.value}" if self.topic else self.value

    def phrase(self) -> str:
        """How a note says it: "45 days for returns", "24 hours for a reply"."""
        if self.kind == "channel":
            return channel_phrase(self.value)
        said = _TOPIC_PHRASES.get(self.topic, self.topic)
        if not said:
            return self.value
        return f"{self.value} for {said}"


def _time_key(value: str) -> str:
    """A time of day as one form on the 12-hour clock ("5pm", "9:30am", "noon", "midnight"),
    the value as it is when it reads as no one time."""
    time = read_clock_time(value)
    if time is None:
        return value
    minutes = round(time.hour * 60) % (24 * 60)
    hours, minutes = divmod(minutes, 60)
    if hours == 0 and not minutes:
        return "midnight"
    if hours == 12 and not minutes:
        return "noon"
    shown = f"{hours % 12 or 12}" + (f":{minutes:02d}" if minutes else "")
    return shown + ("pm" if hours >= 12 else "am")


_MAX_DIGITS = 15
"""A figure with more digits is not an amount anyone promises (and would not round to cents)."""


def _number(token: str) -> Decimal | None:
    token = token.lower().strip()
    if token in _NUMBER_WORDS:
        return Decimal(_NUMBER_WORDS[token])
    if sum(char.isdigit() for char in token) > _MAX_DIGITS:
        return None
    try:
        return Decimal(token.replace(",", ""))
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _money(value: Decimal, currency: str = "$") -> str:
    return f"{currency}{value.quantize(Decimal('0.01')):,.2f}"


_CLAUSE_END = re.compile(r"[,;:()]|\s(?:so|and|but|because|since|while|which|then)\s")
"""Where the clause a value stands in ends, reading on from the value."""


def _word_start_checked_after(pattern: str) -> str:
    """`pattern` with each alternative `\\bword…` written `word(?<=\\bword)…` (unless a
    quantifier follows the word): the same matches, but each alternative starts with a letter,
    so the regex engine skips to the letters that can start one instead of trying every
    position (10× faster on a sentence that names no topic, which `_topic` reads up to twice
    per value)."""
    return "|".join(
        re.sub(r"^\\b([a-z]+)(?![a-z?*+{])", r"\1(?<=\\b\1)", alternative)
        for alternative in pattern.split("|")
    )


_TOPIC_PATTERNS = tuple(
    (name, re.compile(_word_start_checked_after(pattern))) for name, pattern in _TOPICS
)
_TOPIC_AFTER_END = re.compile(r"[\s-]*(of|from|after|before|to|for|on|in)\b")


def _topic(sentence: str, start: int, end: int | None = None) -> str:
    """The topic a value qualifies: "45-day return window" → return; else the topic named
    nearest before the value; else the first one after it."""
    if end is not None:
        after = sentence[end : end + 24].lower()
        if not _TOPIC_AFTER_END.match(after):
            for name, pattern in _TOPIC_PATTERNS:
                match = pattern.search(after)
                if match and match.start() <= 2:
                    return name
    before = sentence[:start].lower()
    best, best_at = "", -1
    for name, pattern in _TOPIC_PATTERNS:
        for match in pattern.finditer(before):
            if match.start() > best_at:
                best, best_at = name, match.start()
    if best:
        return best
    # a topic named after the value counts only in the value's own clause: in "limited to 30
    # days per year, so a colleague will contact you" the 30 days are not a reply time
    after = _CLAUSE_END.split(sentence[start:].lower(), maxsplit=1)[0]
    first_at = len(after) + 1
    for name, pattern in _TOPIC_PATTERNS:
        match = pattern.search(after)
        if match and match.start() < first_at:
            best, first_at = name, match.start()
    return best


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+(?=\s|$)|$)|[^\n]+")


def sentences(text: str) -> list[str]:
    """Rough sentence split that keeps URLs and amounts whole."""
    parts: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        start = 0
        for match in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\"'(])", line):
            parts.append(line[start : match.start()].strip())
            start = match.end()
        parts.append(line[start:].strip())
    return [part for part in parts if part]


_MAX_VALUES = 16
"""Values of one kind read from one piece: a natural sentence states a few; a run of thousands
("5% 5% 5% …") would otherwise cost a topic search each."""
_MAX_PIECE = 500
"""Longest stretch read for promises at once. Natural sentences are shorter; a reply with no
sentence breaks (a 300 KB run) is read in pieces, so the work grows linearly with its length,
not with the square of it (each value looks for its topic in its piece)."""


_NOT_SPACE = re.compile(r"\S")


def _pieces(text: str) -> Iterator[str]:
    """The sentences of `text`, those over `_MAX_PIECE` characters cut at a space if one is
    near the limit, else at the limit."""
    for sentence in sentences(text):
        start = 0  # an index, not a shorter copy per piece: copies would cost the square
        while len(sentence) - start > _MAX_PIECE:
            cut = sentence.rfind(" ", start + _MAX_PIECE // 2, start + _MAX_PIECE)
            cut = cut if cut >= 0 else start + _MAX_PIECE
            yield sentence[start:cut]
            after = _NOT_SPACE.search(sentence, cut)
            start = after.start() if after else len(sentence)
        if start < len(sentence):
            yield sentence[start:]


_UNIT_WORD = re.compile(rf"\b(?:{_UNIT})\b", re.I)
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=200_000)
def extract_promises(
    text: str, policy_terms: tuple[str, ...] = DEFAULT_POLICY_TERMS
) -> frozenset[Promise]:
    """Every promise stated in `text`, normalised, each with its topic."""
    found: set[Promise] = set()
    for sentence in _pieces(text):
        lowered = sentence.lower()
        numeric = _DIGIT.search(sentence) is not None
        if (
            not numeric
            and "http" not in lowered
            and "www." not in lowered
            and not ("@" in lowered or "/" in lowered)
        ):
            if _UNIT_WORD.search(sentence):
                _durations(sentence, found, [])
            _channels(sentence, found)
            _terms(lowered, policy_terms, found)
            continue
        taken: list[tuple[int, int]] = []

        def free(span: tuple[int, int], taken: list[tuple[int, int]] = taken) -> bool:
            return all(span[1] <= s or span[0] >= e for s, e in taken)

        for match in _URL.finditer(sentence):
            url = match.group(0).rstrip(".,;:!?").lower()
            url = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
            found.add(Promise("link", url))
            taken.append(match.span())
        for match in islice(_EMAIL.finditer(sentence), _MAX_VALUES):
            # the address a customer is told to write to: a way of reaching us, like a link
            found.add(Promise("email", match.group(0).rstrip(".").lower()))
            taken.append(match.span())
        for match in islice(_MONEY.finditer(sentence), _MAX_VALUES):
            if not free(match.span()):
                continue
            amount = _number(match.group("a") or match.group("b") or "")
            if amount is not None:
                currency = match.group("cur") or "$"
                found.add(
                    Promise(
                        "money",
                        _money(amount, currency),
                        _topic(sentence, match.start(), match.end()),
                    )
                )
                taken.append(match.span())
        for match in islice(_PERCENT.finditer(sentence), _MAX_VALUES):
            if free(match.span()):
                found.add(
                    Promise(
                        "percent",
                        f"{match.group(1)}%",
                        _topic(sentence, match.start(), match.end()),
                    )
                )
                taken.append(match.span())
        for match in islice(_ISO_DATE.finditer(sentence), _MAX_VALUES):
            if free(match.span()):
                found.add(Promise("date", match.group(0)))
                taken.append(match.span())
        for match in islice(_WORD_DATE.finditer(sentence), _MAX_VALUES):
            if not free(match.span()):
                continue
            month = _MONTHS.get(match.group("mon").lower().rstrip("."))
            _add_date(found, taken, match, int(match.group("day")), month, match.group("year"))
        _day_first_dates(sentence, found, taken)
        for match in islice(_PHONE.finditer(sentence), _MAX_VALUES):
            if free(match.span()):
                found.add(Promise("phone", " ".join(match.group(0).split())))
                taken.append(match.span())
        _written_phones(sentence, found, taken)
        _durations(sentence, found, taken)
        _channels(sentence, found)
        _terms(lowered, policy_terms, found)
    return frozenset(found)


_RATE_BEFORE = re.compile(
    rf"(?:\b(?:once|twice|thrice|times)|\b(?:\d+(?:\.\d+)?|{_NUMBER_WORD})[\s-]?(?:{_UNIT}))\s*$",
    re.I,
)
"""What stands before "a day" when it divides a rate ("24 hours a day", "twice a week"): a
count or a duration, after which "a day" is no time frame of its own."""


_WHOLE_SPANS = {
    ("hours", "day"): 24,
    ("days", "week"): 7,
    ("days", "year"): 365,
    ("weeks", "year"): 52,
    ("months", "year"): 12,
    ("minutes", "hour"): 60,
}
"""How many of a unit fill the one a rate is per: "24 hours a day" is all of every day."""
_PER = re.compile(r"\s+(?:a|an|per|each|every)\s+(day|week|year|hour)\b", re.I)


def _around_the_clock(match: re.Match[str], sentence: str) -> bool:
    """Whether a duration fills the unit of the rate it is said per ("open 24 hours a day",
    "7 days a week"): that says always, no time frame anyone waits."""
    per = _PER.match(sentence, match.end())
    if per is None:
        return False
    whole = _WHOLE_SPANS.get((_UNITS[match.group("u").lower()], per.group(1).lower()))
    return whole is not None and not match.group("m") and _number(match.group("n")) == whole


def _durations(sentence: str, found: set[Promise], taken: list[tuple[int, int]]) -> None:
    for match in islice(_DURATION.finditer(sentence), _MAX_VALUES):
        if not all(match.end() <= s or match.start() >= e for s, e in taken):
            continue
        if match.group("n").lower() in ("a", "an") and _RATE_BEFORE.search(
            sentence[: match.start()]
        ):
            continue
        if _around_the_clock(match, sentence):
            continue
        low = _number(match.group("n"))
        if low is None:
            continue
        unit = _UNITS[match.group("u").lower()]
        high = match.group("m")
        amount = _plain(low) + (f"-{high}" if high else "")
        if not high and low == 1:
            unit = unit.removesuffix("s")
        found.add(
            Promise("duration", f"{amount} {unit}", _topic(sentence, match.start(), match.end()))
        )
        taken.append(match.span())


def _terms(lowered: str, policy_terms: tuple[str, ...], found: set[Promise]) -> None:
    for term in policy_terms:
        if term in lowered and not any(
            term != other and term in other and other in lowered for other in policy_terms
        ):
            found.add(Promise("term", term))


def phone_digits(number: str) -> str:
    """A phone number's digits: what makes two ways of writing it the same."""
    return re.sub(r"\D", "", number)


def _written_phones(sentence: str, found: set[Promise], taken: list[tuple[int, int]]) -> None:
    """Phone numbers in groups ("0800 316 316", "+44 20 7946 0958"), kept as written: one
    starting "+" or "0" is a phone number wherever it stands, another ("1300 555 010") where
    the sentence names a phone."""
    named = None
    for match in islice(_WRITTEN_PHONE.finditer(sentence), _MAX_VALUES):
        if not all(match.end() <= s or match.start() >= e for s, e in taken):
            continue
        number = match.group(0)
        if sum(char.isdigit() for char in number) not in _PHONE_DIGITS:
            continue
        if not match.group("plus") and not match.group("lead").lstrip("(").startswith("0"):
            named = _PHONE_WORD.search(sentence) is not None if named is None else named
            if not named:
                continue
        found.add(Promise("phone", number))
        taken.append(match.span())


def _day_first_dates(sentence: str, found: set[Promise], taken: list[tuple[int, int]]) -> None:
    """Dates written day first ("15 December", "15th of December", "Thursday 18 December")
    and numeric dates whose order is unambiguous ("15/12", "12/15"), as the same value the
    month-first forms give ("15 December", or an ISO date with a year), so "order by 15 December"
    and "order by December 15th" state one date and "18 December" against "15 December" a
    moved one."""
    for match in islice(_DAY_MONTH_DATE.finditer(sentence), _MAX_VALUES):
        if all(match.end() <= s or match.start() >= e for s, e in taken):
            month = _MONTHS.get(match.group("mon").lower())
            _add_date(found, taken, match, int(match.group("day")), month, match.group("year"))
    for match in islice(_SLASH_DATE.finditer(sentence), _MAX_VALUES):
        if match.group(0) in _NOT_SLASH_DATES:
            continue
        if not all(match.end() <= s or match.start() >= e for s, e in taken):
            continue
        first, second = int(match.group("a")), int(match.group("b"))
        if (first > 12) == (second > 12):  # both could be the month, or neither can
            continue
        day, month = (first, second) if first > 12 else (second, first)
        _add_date(found, taken, match, day, month, match.group("year"))


_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _add_date(
    found: set[Promise],
    taken: list[tuple[int, int]],
    match: re.Match[str],
    day: int,
    month: int | None,
    year: str | None,
) -> None:
    """Add the date `match` states: an ISO date when it names its year, else day and month
    as a note writes them ("15 December", however the reply wrote it)."""
    if not month or not 1 <= day <= 31:
        return
    try:
        value = (
            date(int(year), month, day).isoformat()
            if year
            else f"{date(2000, month, day).day} {_MONTH_NAMES[month - 1]}"  # 2000: a leap year
        )
    except ValueError:
        return
    found.add(Promise("date", value))
    taken.append(match.span())
