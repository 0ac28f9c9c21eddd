"""A time window shortened for an action the agent takes with a tool, the band it leaves
handled another way while the old line still bounds something else.

"Up to 30 days after the fitting: our guarantee covers it. Book a free return visit with
`schedule_revisit` …" became "Up to 14 days after the fitting: … Book a free return visit with
`schedule_revisit` …" beside "More than 14 days and up to 30 days after the fitting: still
under the guarantee, but our aftercare team looks at it first. Don't book a visit: raise a
ticket with `create_ticket` … tell them the aftercare team will email within 5 working days".

The moved sentence names the window ("guarantee"), the sentence after it the action the window
gates (the free return visit); the band's new sentence still states the old value with the
window's words. So a KB sentence stating the old value is about the moved rule when it names
the gated action ("within 30 days, we'll book a free return visit"), whatever else it shares
with the moved sentence, and still true when it only says what the band keeps ("our guarantee
covers the first 30 days"). Its edit moves the value where the action is said and, in an
article, says once what the band now gets, from the new prompt's words.

Pure text helpers below `facts`: `impact` keeps and marks sentences with them, the template
drafter writes the edit (`gated_window_edit`), the drafting model is given the same fact
(`gated_move_words`) and held to the same sentences (`gated_window_problems`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from behaviordiff.drafting.bands import numbers, side_of
from behaviordiff.drafting.rules import (
    TIME_WORDS,
    RuleMove,
    content_words,
    header_of,
    rewrite_sentence,
    told_clause,
    where_stated,
)
from behaviordiff.drafting.text import Keep, Unit, flat, plain_text, quoted, rewrite_units, units

_CODE = re.compile(r"`[^`]*`(?:\s*\([^)]*\))?")
"""A tool name in backticks with its argument list: the prompt's internals, no KB words."""
_VOICE = frozenset(content_words("tell the customer them they their within"))
"""The prompt's own voice around an action ("tell the customer"), no subject of its own."""
_BOUND = frozenset(content_words("over under above below more less fewer least most up to"))
"""The words a line is drawn with ("over the phone" aside): they name no action."""
_TOOL = re.compile(r"`[A-Za-z][\w.]*`")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_ASIDE = re.compile(r"\s*\([^)]*\)")
"""A bracketed aside of the band's lead ("(30 included)"): the prompt's precision, not KB
prose."""
_DENIED = re.compile(
    r"(?:\b(?:don['’]t|do\s+not|never)\s+)?\b(?:call|use|run)\s+`[^`\n]{0,80}`"
    r"(?:\s{0,3}\([^)\n]{0,200}\))?|"
    r"\b(?:no\s+longer|don['’]t|do\s+not|never|aren['’]t|isn['’]t|won['’]t|can['’]t|cannot|"
    r"(?:are|is|will|can)\s+not)\b[^.:;,]*",
    re.I,
)
"""What a band's rule says the band no longer gets ("no longer get an instant price in the
chat", "don't call `price_rug`", "are not settled over the phone"): the gated action's words,
never what the band keeps."""
_AREA = re.compile(r"\s?(?:[a-z]{1,3}[²³]|sq\b|square\b|cubic\b)", re.I)
"""A unit of area or volume right after a number ("6 m²", "6 square metres"): another measure
than the length or count the window is drawn on."""
_BAND_SUBJECT = re.compile(
    r"^(?P<lead>[^:;]{0,160}?\d+(?:\.\d+)?[^\d:;]{0,30}?)\s+"
    r"(?:no\s+longer|don['’]t|do\s+not|aren['’]t|are\s+not|can['’]t|cannot|won['’]t|now)\b",
    re.I,
)
"""A band's lead cut where what it no longer gets begins ("Rugs longer than 3 metres and up to
6 metres long" of "… long no longer get an instant price in the chat"): the band named."""
_CONDITION_LEAD = re.compile(r"^(?:if|when|whenever|where|once)\b", re.I)
"""A band's lead that is a condition of its own ("If departure is at least 6 weeks …")."""
_EVERY_CASE = re.compile(r"\b(?:any|every|all|whatever|whichever)\b", re.I)
"""A sentence claiming its window for every case ("any rug up to six metres …"), as against
one customer's own ("your carpet was fitted within the last 30 days")."""


@dataclass(frozen=True)
class GatedWindow:
    """A moved value whose new sentence is followed by the action it gates, and whose old
    value the new prompt still states for the band it left."""

    move: RuleMove
    action: str
    """The new prompt's sentence calling a tool the change's conversations no longer call:
    the moved sentence itself, or the one right after it."""
    band: str
    """The new prompt's sentence (a rule of the change) that still states the old value: the
    band's rule ("More than 14 days and up to 30 days …: still under the guarantee, …")."""
    band_action: str | None
    """The sentence that says what the band gets instead, calling another tool: `band`
    itself or the one right after it; None when neither does."""

    @property
    def action_words(self) -> set[str]:
        """What the gated action is, as stems: the action sentence's content words but the
        tool's code, the prompt's voice, time words and what the band's rule also says."""
        said = content_words(_CODE.sub(" ", self.action))
        if self.move.new_sentence and flat(self.move.new_sentence) != flat(self.action):
            # the moved sentence says the action too when the call is in the next one ("A
            # course can be booked online when … at least 8 weeks away. Call `book_course` …")
            said |= content_words(_CODE.sub(" ", self.move.new_sentence))
        # what the band's rule says it no longer gets is the action's, not the band's, even
        # when the band's rule says the word again for what it keeps ("are not settled over
        # the phone: … before the claim is settled")
        band = content_words(_DENIED.sub(" ", self.band))
        return (
            ((said - band) | (said & self.denied_words))
            - _VOICE
            - _BOUND
            - TIME_WORDS
            - (self._value_words)
        )

    @property
    def denied_words(self) -> set[str]:
        """What the band's rule says the band no longer gets, as stems ("book" of "don't
        book", "settl", "phone" of "are not settled over the phone"): the gated action named
        by its own verb."""
        denied = " ".join(found.group() for found in _DENIED.finditer(_CODE.sub(" ", self.band)))
        return content_words(denied) - _VOICE - _BOUND - TIME_WORDS - self._value_words

    @property
    def kept_words(self) -> set[str]:
        """What the band's rule says beyond its lead, as stems ("still under the fitting
        guarantee, but our aftercare team looks at it first"): what the old line still
        bounds."""
        band_lead, _, band_said = self.band.partition(":")
        if not band_said:
            band_lead, band_said = "", self.band
        said = content_words(_CODE.sub(" ", _DENIED.sub(" ", band_said)))
        # the words the value is measured in ("days after the fitting") bound, they keep nothing
        return said - content_words(band_lead) - _VOICE - TIME_WORDS - self._value_words

    @property
    def _value_words(self) -> set[str]:
        return content_words(self.move.old) | content_words(self.move.new)

    def names_action(self, sentence: str) -> bool:
        """Whether a sentence says the gated action: two of its words or more, or the word the
        band's rule denies the band ("Book your course at least 6 weeks before you travel"
        beside "…, don't book: …")."""
        said = content_words(sentence)
        return len(self.action_words & said) >= 2 or bool(
            self.denied_words & self.action_words & said
        )

    def states_old(self, sentence: str) -> bool:
        return bool(self._stated(sentence))

    def _stated(self, sentence: str) -> list[re.Match[str]]:
        """Where a sentence states the old value, an area or volume of the same number ("6
        m²" beside a 6-metre line) aside."""
        stated = where_stated(self.move.old, sentence)
        if self._area_line:
            return stated  # the prompt's own line is an area: so is the KB's
        return [found for found in stated if not _AREA.match(sentence, found.end())]

    @cached_property
    def _area_line(self) -> bool:
        """Whether the prompt draws the line as an area or volume ("up to 20 m²")."""
        said = self.move.new_sentence or ""
        return any(_AREA.match(said, found.end()) for found in where_stated(self.move.new, said))

    def far_side(self, sentence: str) -> bool:
        """Whether every old value the sentence states is the line of the side away from the
        band ("more than 30 days" when the band is below 30): what lies there did not change."""
        old, new = _NUMBER.search(self.move.old), _NUMBER.search(self.move.new)
        if old is None or new is None or float(old.group()) == float(new.group()):
            return False
        band = 1 if float(new.group()) > float(old.group()) else -1
        stated = self._stated(sentence)
        return bool(stated) and all(side_of(sentence, found) == -band for found in stated)


def gated_windows(
    moves: Sequence[RuleMove],
    rules: Sequence[Any],
    sections: Mapping[str, Sequence[str]],
    dropped_tools: Collection[str],
    atoms: Sequence[Any] = (),
) -> list[GatedWindow]:
    """The value moves of the change that gate a dropped tool's action (`GatedWindow`), read
    from the new prompt's sections. Only a move to a line the change's condition draws
    (`atoms`: "14 < days_since_fitting <= 30" for 30 days → 14 days) is a window: another
    value of the same rules (the promise's "within 2 working days") is not."""
    drawn_lines = {bound for atom in atoms for bound in numbers(atom)}
    if not dropped_tools or not drawn_lines:
        return []
    added = {flat(rule.new) for rule in rules if rule.new}
    found: list[GatedWindow] = []
    for move in moves:
        if move.kind != "value" or move.subject or move.scope or not move.new_sentence:
            continue
        drawn = _NUMBER.search(move.new.replace(",", ""))
        if drawn is None or float(drawn.group()) not in drawn_lines:
            continue
        for lines in sections.values():
            lines_said = [flat(line) for line in lines]
            moved = flat(move.new_sentence)
            if moved not in lines_said:
                continue
            at = lines_said.index(moved)
            # the moved sentence names the action itself, or the one right after it does
            action = next(
                (line for line in lines_said[at : at + 2] if _calls(line, dropped_tools)), None
            )
            if action is None:
                continue
            for index, line in enumerate(lines_said):
                if index == at or line not in added or not where_stated(move.old, line):
                    continue
                # what the band gets instead: said in its own sentence, or the one after it
                instead = next(
                    (
                        said
                        for said in lines_said[index : index + 2]
                        if _TOOL.search(said) and not _calls(said, dropped_tools)
                    ),
                    None,
                )
                found.append(GatedWindow(move, action, line, instead))
                break
    return found


def _calls(sentence: str, tools: Collection[str]) -> bool:
    return any(f"`{tool}`" in sentence for tool in tools)


def about_gated_action(windows: Sequence[GatedWindow], sentence: str) -> bool:
    """Whether a KB sentence states a window's old value about the action it gated, on the
    band's side of the line: the moved rule, whatever words it shares with the moved
    sentence."""
    return any(
        w.states_old(sentence) and w.names_action(sentence) and not w.far_side(sentence)
        for w in windows
    )


def gated_reason(windows: Sequence[GatedWindow], sentence: str) -> str | None:
    """Why a KB sentence about a gated action (`about_gated_action`) states the moved rule,
    however few words it shares with the moved sentence ("If it was serviced in the last 60
    days, we book a free re-adjustment.")."""
    for w in windows:
        if w.states_old(sentence) and w.names_action(sentence) and not w.far_side(sentence):
            return (
                f"states the old rule ({w.move.old}) for the action it gates; the new prompt "
                f"says {w.move.new}: “{w.move.new_sentence}”"
            )
    return None


def kept_over_band(windows: Sequence[GatedWindow], sentence: str) -> bool:
    """Whether a KB sentence states a window's old value only about what the band keeps ("our
    fitting guarantee covers the first 30 days"): it names none of the gated action's words
    and shares a word of what the band's rule still says."""
    return any(
        w.states_old(sentence)
        and not w.names_action(sentence)
        and bool(w.kept_words & content_words(sentence))
        for w in windows
    )


def off_action(windows: Sequence[GatedWindow], sentence: str) -> bool:
    """Whether a KB sentence states a window's old value about something else than the action
    it gated ("Moorings for boats up to 12 metres cost £30 a night" beside boats up to 12
    metres hired online): it names not one word of the gated action, nor what the band's rule
    denies the band, and is no table row (a row is read with its header). The same number on
    another topic, not the moved rule."""
    if sentence.lstrip().startswith("|"):
        return False
    said = content_words(sentence)
    return any(w.states_old(sentence) for w in windows) and not any(
        (w.action_words | w.denied_words) & said for w in windows
    )


def beyond_band(windows: Sequence[GatedWindow], sentence: str) -> bool:
    """Whether a KB sentence states a window's old value only as the line of the far side
    (`GatedWindow.far_side`): the band's rule still draws that line, so what lies past it did
    not change."""
    return any(w.far_side(sentence) for w in windows) and not any(
        w.states_old(sentence) and not w.far_side(sentence) for w in windows
    )


def band_sentence(window: GatedWindow) -> str | None:
    """What the band now gets, said once in a KB item: the band's lead ("More than 14 days
    and up to 30 days after the fitting") and what the new prompt tells the customer there
    ("the aftercare team will email within 5 working days …"). None when the new prompt tells
    the band nothing or has no lead before a colon."""
    told = told_clause(window.band_action) if window.band_action else None
    lead, colon, _ = window.band.partition(":")
    if told is None or not colon:
        return None
    lead = _ASIDE.sub("", lead).strip()
    named = _BAND_SUBJECT.match(lead)
    if named is not None:
        # the band named, then what it no longer gets: "For rugs longer than …, …"; a lead
        # that is a condition already ("If departure is …") is said as it is
        said = named.group("lead").rstrip(" ,")
        lead = said if _CONDITION_LEAD.match(said) else "For " + said[:1].lower() + said[1:]
    lead = lead.rstrip(" ,")
    if not window.states_old(lead) or len(lead.split()) > 16:
        return None
    return f"{lead}, {told[:1].lower()}{told[1:]}"


def gated_window_edit(facts: Any, impact: Any) -> tuple[str | None, str] | None:
    """The edit of an item stating a gated window's old value (`about_gated_action`): each
    such sentence says the new value in its own words, and an article says once, after the
    first, what the band now gets (`band_sentence`). None when no conflict of the item is
    such a sentence; flagged when one cannot be said so, or when another conflict is no
    gated sentence."""
    windows: list[GatedWindow] = list(getattr(facts, "gated", ()))
    if not windows:
        return None
    conflicting = {conflict.sentence for conflict in impact.conflicts}
    lines = [
        line.strip() for line in plain_text(impact.item.body, impact.item.body_format).splitlines()
    ]
    gated = {
        text
        for text in conflicting
        if about_gated_action(windows, text)
        # a table row is read with its header ("| Up to 6 m | Instantly, in the chat |" under
        # "| Rug length | How you get your price |")
        or (
            text.startswith("|")
            and (header := header_of(lines, text)) is not None
            and any(w.states_old(text) and not w.far_side(text) for w in windows)
            and about_gated_action(windows, f"{header} {text}")
        )
    }
    if not gated:
        return None
    noun = impact.item.kind
    window = next(w for w in windows if any(w.states_old(text) for text in gated))
    other = sorted(conflicting - gated)
    if other:
        return None, (
            f"No safe rewrite: the window for {window.move.old} → {window.move.new} moved for "
            f"the action it gates ({quoted(window.action)}), and this {noun} also says "
            + "; ".join(quoted(text) for text in other)
            + ", which the template cannot tell apart; a writer should restate it."
        )
    # an article says what the band now gets; so does a macro claiming the window for every
    # case ("any rug up to six metres …"), not one about the customer's own case
    every = any(_EVERY_CASE.search(text) for text in gated)
    added = band_sentence(window) if noun == "article" or every else None
    # a band that only loses the action (no other tool for it) needs no sentence of its own:
    # the moved line says it ("the 3rd floor or above"); one given another way does
    if noun == "article" and added is None and window.band_action is not None:
        return None, (
            f"No safe rewrite: the new prompt handles the band it left another way "
            f"({quoted(window.band)}) and says nothing the template can put in this article's "
            "words; a writer should add it."
        )
    failed: list[str] = []
    rows: list[str] = []
    said_band = False

    def rewrite(unit: Unit) -> str | Keep:
        nonlocal said_band
        if unit.text not in gated:
            return Keep.UNIT
        row = unit.raw.lstrip().startswith("|")
        moved = None
        for w in windows:
            if w.states_old(unit.raw):
                moved = rewrite_sentence(w.move, unit.raw)
                if moved is not None:
                    break
        if moved is None or moved == unit.raw:
            failed.append(unit.text)
            return Keep.BLOCK
        if row:
            rows.append(unit.text)
        elif added and not said_band:
            # said after a sentence, never inside a table row
            said_band = True
            body = moved.rstrip()
            moved = f"{body} {added}{moved[len(body) :]}"
        return moved

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None:
        return None, (
            f"No safe rewrite: the window for {window.move.old} → {window.move.new} moved for "
            f"the action it gates, and this {noun} says it in a way the template cannot "
            "restate (" + "; ".join(quoted(text) for text in failed) + "); a writer should."
        )
    rationale = (
        f"The new prompt moves the window for the action it gates ({quoted(window.action)}) "
        f"from {window.move.old} to {window.move.new}: {quoted(window.move.new_sentence)} "
        f"It still states {window.move.old} for the band it left: {quoted(window.band)} "
        f"This {noun} states the old window for the action; the edit says the new one"
    )
    if added and said_band:
        rationale += f", adds what the band now gets ({quoted(added)})"
    rationale += ", and keeps everything else, the old line where it still holds."
    if rows:
        rationale += (
            " Its table row now starts at the new line and the table has no row for the band it "
            f"left ({quoted(window.band)}): a writer may add one."
        )
    return new_body, rationale


def gated_move_words(facts: Any, move: RuleMove) -> str:
    """What a drafting model is told of a move that is a gated window's line (`GatedWindow`),
    after the move itself: the same edit the template makes, in words ("" for any other
    move)."""
    windows: list[GatedWindow] = list(getattr(facts, "gated", ()))
    window = next((w for w in windows if w.move == move), None)
    if window is None:
        return ""
    said = (
        f" (it is the window of the action “{window.action}”: change {move.old} only in "
        f"sentences that say that action; the new prompt still states {move.old} for the band "
        f"it left, “{window.band}”, so a sentence stating {move.old} about anything else, or "
        "about the far side of the line, stays word for word"
    )
    added = band_sentence(window)
    if added:
        said += (
            f"; an article, or a macro claiming the window for every case (“any …”), says once "
            f"what the band now gets: “{added}”"
        )
    return said + ")"


def gated_window_problems(
    facts: Any, old_body: str, body_format: str, template_body: str | None, new_body: str
) -> list[str]:
    """What another draft of an edit (a drafting model's) gets wrong that the template edit
    of the same item gets right: a sentence stating the old value only about what the band
    keeps or its far side, changed; the band's new handling, which the template wrote in,
    left out."""
    windows: list[GatedWindow] = list(getattr(facts, "gated", ()))
    if not windows:
        return []
    now = " ".join(plain_text(new_body, body_format).split())
    problems = [
        f"keep {quoted(unit.text)} word for word: it states {windows[0].move.old} about what "
        f"the new prompt still bounds by it ({quoted(windows[0].band)}), not the shortened "
        "window"
        for unit in units(plain_text(old_body, body_format))
        if (kept_over_band(windows, unit.text) or beyond_band(windows, unit.text))
        and unit.text not in now
    ]
    for window in windows:
        added = band_sentence(window)
        written = " ".join(plain_text(template_body or "", body_format).split())
        if not added or added not in written:
            continue
        missing = [n for n in _NUMBER.findall(added) if not re.search(rf"\b{n}\b", now)]
        if missing:
            problems.append(
                f"the new body does not say what the band it left now gets ({quoted(added)}): "
                "say it once, after the first sentence on the window"
            )
        break
    return problems
