"""Behavior signatures: the parts of one transcript that matter to a customer and to CS."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from behaviordiff.detect.clocktimes import (
    ClockTime,
    find_clock_times,
    read_clock_time,
    same_time,
)
from behaviordiff.detect.countlimits import count_limits, said_counts
from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.detect.settings import DetectSettings, ToolArguments
from behaviordiff.transcripts import Transcript, message_text, parse_arguments

_BEHAVIOR_ROLES = ("assistant",)
_CONTEXT_ROLES = ("system", "developer")
_IGNORED_KEY = re.compile(
    r"(^|_)(id|ids|uuid|key|token|email|phone|name|reason|note|notes|message|summary|"
    r"description|comment|comments|text|body|query|content|explanation|details|subject|url)$",
    re.I,
)
_ID_VALUE = re.compile(
    r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_-]{4,}$|^[0-9a-f]{8,}$|^\d{5,}$|^[0-9a-f-]{32,36}$"
    r"|^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$",
    re.I,
)
"""Ids, hashes and timestamps: lookup keys, not behavior (keep one with ToolArguments.keep)."""
_APOSTROPHE = "['’]"
_LIMIT = (
    rf"(?:is|are|{_APOSTROPHE}s|{_APOSTROPHE}re)\s+only\s+"
    r"(?:for|available|open|offered|allowed|permitted)"
    r"|\bonly\s+(?:[\w-]+\s+){1,3}?(?:may|can)\s+\w+"
    r"|(?:have|need|has|needs)\s+to\s+be\s+(?:at\s+least|aged|over|\d)"
    r"|must\s+be\s+(?:at\s+least|aged|over|\d)"
    r"|\btoo\s+(?:young|old)\b"
    rf"|\b(?:we|i)\s+(?:do\s+not|don{_APOSTROPHE}t|no\s+longer)\s+"
    r"(?:offer|accept|allow|permit|take|provide|serve|do)\b"
    rf"|\b(?:you|they|he|she)\s*(?:{_APOSTROPHE}re|are|is|{_APOSTROPHE}s)?\s*"
    r"(?:not able to|unable to|not allowed to|not permitted to)\b"
    rf"|\b(?:you|they|he|she)\s+(?:can\s?not|can{_APOSTROPHE}t|won{_APOSTROPHE}t be able to)\s+\w+"
)
"""A limit the customer falls outside or a thing not done for them, which refuses when the
agent's sentence regrets it ("I'm afraid our rooms are only for players aged 14 or over");
said without regret it may only inform ("our rooms are for players aged 12 or over")."""
REFUSAL = re.compile(
    rf"\b(?:i|we)\s*(?:{_APOSTROPHE}m|am|{_APOSTROPHE}re|are)?\s*"
    r"(?:not able to|unable to|not allowed to|not permitted to)\b"
    rf"|\b(?:i|we)\s+(?:can ?not|can{_APOSTROPHE}t|won{_APOSTROPHE}t|will not|must not)\s+\w+"
    rf"|\b(?:i|we)\s*(?:{_APOSTROPHE}m|am|are)\s+sorry,?\s+but\s+(?:i|we)\s+"
    rf"(?:can ?not|can{_APOSTROPHE}t)\b"
    r"|\bcan(?: ?not|'t|’t| no longer)\s+be\s+\w+ed\b"
    rf"|\b(?:is|are|was|{_APOSTROPHE}s)(?: not|n{_APOSTROPHE}t) "
    r"(?:\w+able|eligible|possible|allowed|permitted|covered)\b"
    # a rule the customer falls under, said as "no X are allowed" ("sorry, no dogs or other
    # pets are allowed in the building"); "no problem, dogs are allowed" is not one
    r"|\bno\s+(?!(?:problem|need|charge|worries|matter|reason|doubt|more|fewer|less|longer|later)\b)"
    r"(?:[\w-]+\s+){1,4}?(?:are|is)\s+(?:allowed|permitted)\b"
    # a regret stating, in the same sentence, the limit the customer falls outside ("sorry,
    # e-bikes are only for riders aged 18 or over", "I'm afraid our rooms are only for
    # players aged 14 or over", "unfortunately, players must be 14"): the regret alone
    # ("I'm afraid the shop opens at 9") refuses nothing
    r"|\b(?:sorry|unfortunately|regrettably|sadly|(?:i|we)\s*(?:" + _APOSTROPHE + r"m|am|are)"
    r"\s+afraid|(?:i|we)\s+regret)\b[^.!?\n]{0,80}?(?:" + _LIMIT + ")",
    re.I,
)
_CALLBACK = re.compile(
    r"\b(?:will|'ll|’ll|shall|going to)\s+(?:\w+\s+)?(?:call|phone|ring|telephone)\s+"
    r"(?:you|him|her|them|the customer)\b"
    # "they'll ring your mobile", "we'll call your landline"
    r"|\b(?:will|'ll|’ll|shall|going to)\s+(?:\w+\s+)?(?:call|phone|ring|telephone)\s+"
    r"(?:your|his|her|their)\s+(?:mobile|phone|landline|number|mobile\s+number|phone\s+number)\b"
    r"|\b(?:call|phone|ring)\s+(?:you|him|her|them)\s+back\b"
    r"|\b(?:calls|phones|rings)\s+you\b|\b(?:we|they)\s+(?:call|phone|ring)\s+you\b"
    r"|\b(?:get|receive|expect|have)\s+a\s+(?:phone\s+|quick\s+)?call\s+from\b"
    # "I've booked a call from the warranty team", "we've arranged a call back"
    r"|\b(?:booked|arranged|scheduled|set\s+up|requested)\s+(?:you\s+)?a\s+(?:phone\s+)?"
    r"call(?:\s+back|back)?\s+(?:from|with|for)\b"
    r"|\bgive\s+you\s+a\s+(?:call|ring)\b",
    re.I,
)
"""The agent's side promising to call the customer (not the customer asked to call us)."""


_TWELVE_HOUR = re.compile(r"(?P<h>\d{1,2})(?:(?P<sep>[:.])(?P<m>\d\d))?\s?(?P<ap>[ap])", re.I)


_WINDOW_JOIN = re.compile(r"\s*(?:[-–—]|to|till|til|until|through|thru|and)\s*", re.I)
"""What joins the two ends of a window of time ("6am to 10pm", "9:00-17:00")."""
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
"""Before a window's first end joined by "and" ("between 9am and 5pm")."""


def _clock_value(time: ClockTime) -> str:
    """The time as the reply says it, normalised only in form ("6 p.m." is "6pm", "9:00"
    is "09:00"): a note quoting it then states no number the reply did not. Where two
    replies write one time two ways ("6pm", "18:00") the promise's key is the same
    (`Promise.key`)."""
    if time.word:
        return "midnight" if time.word.lower() == "midnight" else "noon"
    twelve = _TWELVE_HOUR.match(time.text) if time.twelve_hour else None
    if twelve is not None:
        minutes = f"{twelve.group('sep')}{twelve.group('m')}" if twelve.group("m") else ""
        return f"{int(twelve.group('h'))}{minutes}{twelve.group('ap').lower()}m"
    if re.fullmatch(r"\d{1,2}:\d\d", time.text):
        hours, minutes = time.text.split(":")
        return f"{int(hours):02d}:{minutes}"
    return " ".join(time.text.lower().split())


def call_promises(text: str) -> frozenset[Promise]:
    """Promises `extract_promises` has no kind for: a call back to the customer ("our surveyor
    will call you", "you'll get a call from") and a time of day ("by 6pm"). Removing either
    is a change a customer notices, though the rest of the reply reads much the same.

    A time of day counts whatever stands before it ("closes at 10pm", "closes 10pm"); the two
    ends of a window do not, however it is joined ("6am to 10pm", "from 6am until 10pm",
    "9:00-17:00", "between 9am and 5pm"): a window (opening hours, a delivery slot) is
    mostly the setting a reply restates, and its times, read one by one, would pair with an
    unrelated time the other version states as if one moved to the other: the window is one
    promise of its own ("window", "9am-5pm"), compared whole."""
    found: set[Promise] = set()
    if _CALLBACK.search(text):
        found.add(Promise("callback", "a call to the customer"))
    times = find_clock_times(text)
    ends: set[int] = set()
    for first, second in pairwise(times):
        if _WINDOW_JOIN.fullmatch(text, first.end, second.start) and (
            not text[first.end : second.start].strip().lower().startswith("and")
            or _BETWEEN.search(text, 0, first.start)
        ):
            ends |= {first.start, second.start}
    for first, second in pairwise(times):
        if first.start in ends and second.start in ends and first.end <= second.start:
            joined = _WINDOW_JOIN.fullmatch(text, first.end, second.start)
            if joined is not None:
                # the window as one promise: opening hours moved ("between 9am and 5pm" →
                # "between 10am and 4pm") are a change, though neither end pairs alone
                found.add(Promise("window", f"{_clock_value(first)}-{_clock_value(second)}"))
    for time in times:
        if time.start in ends:
            continue
        value = _clock_value(time)
        alone = read_clock_time(value)
        # an hour read from its clause ("seven o'clock every morning") counts only where its
        # words alone read the same: a promise compares by its value (`Promise.key`)
        if alone is not None and same_time(alone, time):
            found.add(Promise("time", value))
    return frozenset(found)


@dataclass(frozen=True, order=True)
class Action:
    name: str
    arguments: tuple[tuple[str, str], ...] = ()

    def label(self) -> str:
        if not self.arguments:
            return self.name
        return f"{self.name}({', '.join(f'{k}={v}' for k, v in self.arguments)})"

    def shape(self) -> str:
        """The action without its numbers: what clusters compare across probes."""
        kept = [(k, v) for k, v in self.arguments if not is_number(v)]
        if not kept:
            return self.name
        return f"{self.name}({', '.join(f'{k}={v}' for k, v in kept)})"


def is_number(text: str) -> bool:
    """True for a normalised, finite numeric argument value ("4.5", "9"; not "inf", "nan")."""
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


@dataclass(frozen=True)
class BehaviorSignature:
    probe_id: str
    sample: int
    actions: tuple[Action, ...]
    """Every tool call the agent made that its tool could run, normalised, in order."""
    escalated: bool
    refused: bool
    promises: frozenset[Promise]
    text: str
    """What the agent said, all its turns joined."""
    error: str | None = None
    unreadable_calls: tuple[str, ...] = ()
    """Tools called with arguments that are not valid JSON. The tool answers such a call
    with an error (as the openai adapter does), so it is no action: counting it as a call
    without arguments would report a change that never reached the customer."""

    @property
    def action_set(self) -> frozenset[str]:
        return frozenset(action.label() for action in self.actions)

    @property
    def promise_keys(self) -> frozenset[str]:
        return frozenset(promise.key for promise in self.promises)


def _number_text(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6g}"


def _argument_value(value: Any) -> str | None:
    """A salient, normalised argument value, or None when the value is not behavior."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number_text(float(value))
    if isinstance(value, str):
        text = value.strip()
        if not text or len(text) > 40 or len(text.split()) > 4 or _ID_VALUE.match(text):
            return None
        if re.fullmatch(r"-?\d+(?:\.\d+)?", text):
            return _number_text(float(text))
        return text.lower()
    return None


def argument_value(value: Any) -> str | None:
    """A value as a tool argument's would be normalised (to compare with the probe's input)."""
    return _argument_value(value)


def normalise_arguments(
    arguments: Mapping[str, Any] | None, rule: ToolArguments | None
) -> tuple[tuple[str, str], ...]:
    if not arguments:
        return ()
    kept: list[tuple[str, str]] = []
    for key in sorted(arguments):
        if rule is not None and key in rule.ignore:
            continue
        explicit = rule is not None and rule.keep is not None
        if explicit and rule is not None and key not in (rule.keep or ()):
            continue
        if not explicit and _IGNORED_KEY.search(key):
            continue
        value = arguments[key]
        if explicit and isinstance(value, str):
            normalised: str | None = value.strip().lower()
        else:
            normalised = _argument_value(value)
        if normalised is not None:
            kept.append((key, normalised))
    return tuple(kept)


def input_length(messages: Sequence[Mapping[str, Any]], probe_messages: int | None) -> int:
    """How many leading messages are the probe's input, not the agent's behavior.

    With the probe known: its messages (system and developer messages skipped on both sides).
    Without: everything up to the first user message, as the replay reader assumes.
    """
    if probe_messages is not None:
        seen = 0
        for index, message in enumerate(messages):
            if message.get("role") in _CONTEXT_ROLES:
                continue
            seen += 1
            if seen == probe_messages:
                return index + 1
        return len(messages)
    for index, message in enumerate(messages):
        if message.get("role") == "user":
            return index + 1
    return 0


def extract_signature(
    transcript: Transcript, settings: DetectSettings, *, probe_messages: int | None = None
) -> BehaviorSignature:
    """The behavior signature of one run. System messages and the probe's own input are
    context; what the agent said and did after them is behavior."""
    messages = transcript.messages
    start = input_length(messages, probe_messages)
    actions: list[Action] = []
    unreadable: list[str] = []
    texts: list[str] = []
    ignored = set(settings.ignore_tools)
    for message in messages[start:]:
        if message.get("role") not in _BEHAVIOR_ROLES:
            continue
        calls = list(message.get("tool_calls") or [])
        if message.get("function_call"):  # the legacy single-function format
            calls.append({"function": message["function_call"]})
        for call in calls:
            function = call.get("function") or {}
            name = str(function.get("name", ""))
            if not name or name in ignored:
                continue
            arguments, _ = parse_arguments(function.get("arguments"))
            if arguments is None:
                unreadable.append(name)
                continue
            actions.append(
                Action(name, normalise_arguments(arguments, settings.tool_arguments.get(name)))
            )
        text = message_text(message.get("content"))
        if text:
            texts.append(text)
    if not texts and transcript.final_reply and start >= len(messages):
        texts.append(transcript.final_reply)
    text = _read_part("\n\n".join(texts))
    said = said_counts(
        message_text(message.get("content"))
        for message in messages[:start]
        if message.get("role") == "user"
    )
    # a limit told where the agent carries the request out (books it, hands it over) is the
    # reason for what it did, the action its behavior; told with no action, the limit is the
    # answer the customer is left to act on
    limits = count_limits(text, said) if not actions else frozenset()
    names = {action.name for action in actions}
    lowered = text.lower()
    escalated = (
        bool(names & set(settings.escalation_tools))
        or any(phrase.lower() in lowered for phrase in settings.escalation_phrases)
        or (
            transcript.escalated
            and not settings.escalation_tools
            and not settings.escalation_phrases
        )
    )
    return BehaviorSignature(
        probe_id=transcript.probe_id,
        sample=transcript.sample,
        actions=tuple(actions),
        escalated=escalated,
        refused=bool(REFUSAL.search(text)),
        promises=extract_promises(text, settings.policy_terms) | call_promises(text) | limits,
        text=text,
        error=transcript.error,
        unreadable_calls=tuple(unreadable),
    )


READ_CHARS = 200_000
"""The characters of one run's replies read for its behavior (far past any reply written for a
customer): a reply of tens of megabytes (a model looping, a command printing a file) took
minutes to read for its promises and meaning; the transcript keeps it whole."""


def _read_part(text: str) -> str:
    """`text`, or its first `READ_CHARS` characters cut at a space."""
    if len(text) <= READ_CHARS:
        return text
    cut = text.rfind(" ", READ_CHARS - 1000, READ_CHARS)
    return text[: cut if cut > 0 else READ_CHARS]
