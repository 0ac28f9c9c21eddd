"""Who handles it changed for a subset only: the KB sentence stating the old handling for everyone
keeps it for the rest and says the subset's new handling with its bound.

Two writers carry it, driven by the change's facts, never by a domain's words:

- `keptside`: the old prompt claimed a handling for every case with its quantifier ("Every
  report is checked by our …"); the new prompt keeps it past the condition's line in a sentence
  of its own (sentence_added, not the one the diff paired with the old) and calls another tool
  on the changed side, the old tool no longer called there. The claim is said as the new prompt
  keeps it (with the KB sentence's own tail: "who reply within 2 days") and the changed side's
  rule once after it.
- `gatedwindow`: a line moved for an action, the band between the lines handed to someone
  ("are not hired online: call `book_skipper_check` …", "…, don't book: … call
  `request_callback` …"). What the band's rule denies it ("hired", "online"; "book") names the
  gated action even when the band's rule says the word again for what it keeps, and the moved
  sentence's own words name it when the tool is called in the next sentence. A table row read
  with its header moves too.

Made-up agents only (a library, a bike workshop, a boat hire, a kennel, an allotment
society): no scenario's words, values or names."""

from __future__ import annotations

import ast
from itertools import pairwise
from pathlib import Path

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter, gatedwindow
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.gatedwindow import (
    about_gated_action,
    band_sentence,
    gated_windows,
    off_action,
)
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptside import kept_side
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, moved_facts


def _condition(text: str, atoms: list[dict[str, object]]) -> Condition:
    return Condition.from_dict(
        {
            "text": text,
            "atoms": atoms,
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 9},
        }
    )


def _side_facts(
    *,
    section: str,
    old: str,
    scoped: str,
    kept: str,
    atom: dict[str, object],
    before: str,
    after: str,
    extra: tuple[str, ...] = (),
) -> ChangeFacts:
    """A change whose old prompt claimed a handling for every case (`old`), now kept past a
    line (`kept`, an added sentence) with `scoped` the changed side's rule calling `after`."""
    rules = [Rule("H1", "sentence_changed", section, old, scoped, "sentence changed")]
    rules += [Rule("H2", "sentence_added", section, None, kept, "sentence added")]
    rules += [
        Rule(f"H{3 + at}", "sentence_added", section, None, said, "sentence added")
        for at, said in enumerate(extra)
    ]
    return ChangeFacts(
        id="C1",
        title=f"{before} → {after}",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact(before)],
        after_actions=[ActionFact(after)],
        conditions=[_condition("condition", [atom])],
        rules=rules,
        prompt_sections={section: [scoped, kept, *extra]},
    )


def _edits(facts: ChangeFacts, items: list) -> dict[str, str | None]:  # type: ignore[type-arg]
    return {
        impact.item.key: TemplateDrafter().edit(facts, impact).new_body
        for impact in rank_items(facts, KnowledgeBase(items))
        if impact.affected
    }


# --- 1. an upper bound: a library's lost-book reports under £20 charged straight away --------

LIB_OLD = "Every lost-book report is checked by our branch librarian."
LIB_SCOPED = (
    "Lost-book reports for books priced under £20: charge the replacement fee straight away "
    "with `charge_replacement` (member_id, the book's price) and tell the member the fee is "
    "on their account now."
)
LIB_KEPT = "Lost-book reports for books priced £20 or more are checked by our branch librarian."
LIB_NOT = "These reports don't go to the branch librarian."
LIB_CLAIM = "Every lost-book report is checked by our branch librarian, who replies within 2 days."
LIB_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for telling us about "
    "{{ticket.custom_field_book_title}}. "
    f"{LIB_CLAIM}\n\nBest wishes,\n{{{{current_user.first_name}}}}\n"
)
LIB_TRAP = "Books priced under £20 can be renewed online twice."
LIB_ARTICLE = (
    "# Lost and damaged books\n\n"
    "If you lose a book, tell us as soon as you can. Whatever the book, every lost-book report "
    "is checked by our branch librarian, who replies within 2 days.\n\n"
    f"{LIB_TRAP}\n"
)


def _library() -> ChangeFacts:
    return _side_facts(
        section="Lost books",
        old=LIB_OLD,
        scoped=LIB_SCOPED,
        kept=LIB_KEPT,
        extra=(LIB_NOT,),
        atom={"feature": "book_price", "op": "<", "value": 20},
        before="refer_to_librarian",
        after="charge_replacement",
    )


def test_an_every_claim_led_by_its_quantifier_is_kept_in_an_added_sentence() -> None:
    side = kept_side(_library())
    assert side is not None
    assert (side.claim, side.kept) == (LIB_OLD[:-1], LIB_KEPT[:-1])


def test_a_macro_with_placeholders_keeps_the_handling_for_the_rest_and_its_tail() -> None:
    body = _edits(
        _library(),
        [kb_item("lost", LIB_MACRO, kind="macro"), kb_item("lost-books", LIB_ARTICLE)],
    )["macro:lost"]
    assert body is not None
    assert (
        "Lost-book reports for books priced £20 or more are checked by our branch librarian, "
        "who replies within 2 days." in body
    )
    # the changed side's handling, with its bound, said once after the kept claim
    assert "under £20" in body and "straight away" in body
    assert "`" not in body and "charge_replacement" not in body
    assert "{{ticket.custom_field_book_title}}" in body
    assert body.startswith("Hi {{ticket.requester.first_name}},\n\nThanks for telling us about")


def test_prose_with_an_every_case_lead_is_narrowed_and_the_same_number_elsewhere_stays() -> None:
    body = _edits(
        _library(),
        [kb_item("lost", LIB_MACRO, kind="macro"), kb_item("lost-books", LIB_ARTICLE)],
    )["article:lost-books"]
    assert body is not None
    # the leading "Whatever the book, " goes with the claim it made for every case
    assert (
        "as soon as you can. Lost-book reports for books priced £20 or more are checked by our "
        "branch librarian, who replies within 2 days. For lost-book reports for books priced "
        "under £20, we charge the replacement fee straight away" in body
    )
    assert "every lost-book report" not in body and "Whatever" not in body
    assert body.count("under £20") == 2  # the new rule, and the trap byte for byte
    assert f"\n\n{LIB_TRAP}\n" in body
    assert body.startswith("# Lost and damaged books\n\nIf you lose a book, tell us as soon")


# --- 2. a lower bound: a bike workshop's warranty claims over 2 years quoted a paid repair ----

BIKE_OLD = "Every warranty claim is assessed by our workshop team, whatever the bike's age."
BIKE_SCOPED = (
    "Warranty claims for bikes over 2 years old: send a paid repair quote with `quote_repair` "
    "(order_ref) and tell the customer the quote comes by email today."
)
BIKE_KEPT = "Warranty claims for bikes up to 2 years old are assessed by our workshop team."
BIKE_ITEM = "- Every warranty claim is assessed by our workshop team within 5 working days."
BIKE_TRAP = "- Frames over 2 years old can be resprayed for £60."
BIKE_ARTICLE = (
    f"# Warranty\n\nHow it works:\n\n- Send us a photo of the fault.\n{BIKE_ITEM}\n{BIKE_TRAP}\n"
)


def _bikes() -> ChangeFacts:
    return _side_facts(
        section="Warranty",
        old=BIKE_OLD,
        scoped=BIKE_SCOPED,
        kept=BIKE_KEPT,
        atom={"feature": "bike_age_years", "op": ">", "value": 2},
        before="book_assessment",
        after="quote_repair",
    )


def test_a_list_item_keeps_the_handling_below_a_lower_bound() -> None:
    side = kept_side(_bikes())
    assert (
        side is not None and side.claim == "Every warranty claim is assessed by our workshop team"
    )
    body = _edits(_bikes(), [kb_item("warranty", BIKE_ARTICLE)])["article:warranty"]
    assert body is not None
    assert (
        "- Warranty claims for bikes up to 2 years old are assessed by our workshop team "
        "within 5 working days." in body
    )
    assert "over 2 years old" in body.split(BIKE_TRAP)[0]  # the new rule, said before the trap
    assert f"\n{BIKE_TRAP}\n" in body
    assert "- Send us a photo of the fault.\n" in body


# --- what the keptside move must not touch ----------------------------------------------------


def test_a_change_for_everyone_keeps_nothing_past_a_line() -> None:
    facts = _library()
    # no sentence keeps the old handling for the rest: the change reaches everyone
    facts.rules = [facts.rules[0]]
    facts.prompt_sections = {"Lost books": [LIB_SCOPED]}
    assert kept_side(facts) is None


def test_a_step_added_on_the_changed_side_is_no_handling_replaced() -> None:
    facts = _library()
    # the same tool called on both sides: nothing gave way on the changed side
    facts.after_actions = [ActionFact("refer_to_librarian")]
    facts.rules = facts.rules[:2]
    assert kept_side(facts) is None


# --- 3. a band with two ends: boat hire, boats over 9 m and up to 12 m get a skipper check ----

BOAT_SECTION = "Hiring a boat"
BOAT_OLD = (
    "Boats up to 12 metres can be hired online: call `hire_boat` (booking_ref, length_m) and "
    "tell the customer their booking is confirmed."
)
BOAT_NEW = BOAT_OLD.replace("12 metres", "9 metres")
BOAT_BAND = (
    "Boats over 9 metres and up to 12 metres are not hired online: call `book_skipper_check` "
    "(booking_ref) and tell the customer a skipper will check their experience within 2 days "
    "before the boat is hired."
)
BOAT_SECTIONS = {
    BOAT_SECTION: [BOAT_NEW, BOAT_BAND, "Boats over 12 metres: call `transfer_to_team`."],
    "Moorings": ["Moorings for boats up to 12 metres cost £30 a night."],
}
BOAT_PROSE = "Boats up to 12 metres can be hired online in a few minutes, whatever your plans."
BOAT_ROW = "| Up to 12 metres | Hired online |"
BOAT_TRAP = "Moorings for boats up to 12 metres cost £30 a night, paid on arrival."
BOAT_ARTICLE = (
    "# Hiring a boat\n\n"
    f"{BOAT_PROSE}\n\n"
    "| Boat length | How you hire it |\n|---|---|\n"
    f"{BOAT_ROW}\n"
    "| Over 12 metres | Our charter team calls you |\n\n"
    f"{BOAT_TRAP}\n"
)


def _boats() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", BOAT_SECTION, BOAT_OLD, BOAT_NEW, "sentence changed"),
        Rule("H2", "sentence_added", BOAT_SECTION, None, BOAT_BAND, "sentence added"),
    ]
    atoms: list[dict[str, object]] = [
        {
            "feature": "boat_length_m",
            "op": "between",
            "low": 9,
            "high": 12,
            "low_inclusive": False,
            "high_inclusive": True,
        }
    ]
    facts = moved_facts(rules, atoms, title="hire_boat → book_skipper_check")
    facts.facets = ["actions", "escalation", "promises"]
    facts.before_actions = [ActionFact("hire_boat")]
    facts.after_actions = [ActionFact("book_skipper_check")]
    facts.prompt_sections = BOAT_SECTIONS
    facts.gated = gated_windows(
        facts.moves, facts.rules, BOAT_SECTIONS, ["hire_boat"], facts.conditions[0].atoms
    )
    return facts


def test_what_the_band_is_denied_names_the_action_though_the_band_says_it_again() -> None:
    [window] = _boats().gated
    # "hired" and "online" are what the band no longer gets, though "before the boat is hired"
    # says the word again for what it keeps
    assert {"online"} <= window.action_words
    assert about_gated_action([window], BOAT_PROSE)
    assert not about_gated_action([window], BOAT_TRAP)


def test_a_band_with_two_ends_gets_its_new_handling_and_the_table_row_moves() -> None:
    body = _edits(_boats(), [kb_item("hiring", BOAT_ARTICLE)])["article:hiring"]
    assert body is not None
    assert "Boats up to 9 metres can be hired online in a few minutes" in body
    assert (
        "For boats over 9 metres and up to 12 metres, a skipper will check your experience "
        "within 2 days before the boat is hired." in body
    )
    assert "| Up to 9 metres | Hired online |" in body
    assert "| Over 12 metres | Our charter team calls you |" in body
    assert f"\n\n{BOAT_TRAP}\n" in body


# --- 4. a lower bound lengthened, a call-back for the band: a kennel's notice, in words -------

KEN_SECTION = "Booking a stay"
KEN_OLD = "A stay can be booked online when it starts at least 3 days from today."
KEN_NEW = KEN_OLD.replace("3 days", "5 days")
KEN_CALL = "Call `book_stay` (pet_id, dates) and tell the owner the dates of the stay."
KEN_BAND = (
    "If the stay starts at least 3 days but less than 5 days from today, don't book: call "
    "`request_callback` (pet_id) and tell the owner our kennel manager will phone within 4 "
    "hours to check there is room."
)
KEN_SECTIONS = {KEN_SECTION: [KEN_NEW, KEN_CALL, KEN_BAND]}
KEN_MACRO_CLAIM = (
    "We ask every owner to book at least three days before the stay, so we can plan the runs."
)
KEN_TRAP = "You can cancel up to 3 days before the stay for a full refund."
KEN_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\n{{ticket.custom_field_pet_name}}'s stay is "
    f"booked.\n\n{KEN_MACRO_CLAIM} {KEN_TRAP}\n\nSee you soon,\nThe kennel team\n"
)


def _kennel() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", KEN_SECTION, KEN_OLD, KEN_NEW, "sentence changed"),
        Rule("H2", "sentence_added", KEN_SECTION, None, KEN_BAND, "sentence added"),
    ]
    atoms: list[dict[str, object]] = [
        {
            "feature": "days_until_stay",
            "op": "between",
            "low": 3,
            "high": 5,
            "low_inclusive": True,
            "high_inclusive": False,
        }
    ]
    facts = moved_facts(rules, atoms, title="book_stay → request_callback")
    facts.facets = ["actions", "escalation", "promises"]
    facts.before_actions = [ActionFact("book_stay")]
    facts.after_actions = [ActionFact("request_callback")]
    facts.prompt_sections = KEN_SECTIONS
    facts.gated = gated_windows(
        facts.moves, facts.rules, KEN_SECTIONS, ["book_stay"], facts.conditions[0].atoms
    )
    return facts


def test_the_denied_verb_alone_names_the_action_and_the_moved_sentence_counts() -> None:
    [window] = _kennel().gated
    assert "book" in window.denied_words
    assert "online" in window.action_words  # from the moved sentence, the call in the next
    assert about_gated_action([window], "Book your pet's stay at least 3 days ahead.")
    assert not about_gated_action([window], KEN_TRAP)
    said = band_sentence(window)
    assert said is not None and said.startswith(
        "If the stay starts at least 3 days but less than 5 days from today, our kennel manager"
    )


def test_a_macro_claiming_every_case_moves_the_number_in_words_and_keeps_the_trap() -> None:
    body = _edits(_kennel(), [kb_item("booked", KEN_MACRO, kind="macro")])["macro:booked"]
    assert body is not None
    assert "We ask every owner to book at least five days before the stay" in body
    assert "our kennel manager will phone within 4 hours" in body
    assert KEN_TRAP in body
    assert "{{ticket.custom_field_pet_name}}'s stay is booked." in body


def test_a_step_put_before_the_same_action_on_the_changed_side_keeps_nothing() -> None:
    # the changed side calls a new tool first but still says the old action is to come ("don't
    # hire the kayak yet …, we'll hire it once …"): a step added, not a handling replaced
    facts = _side_facts(
        section="Kayaks",
        old="Every paddler signs our safety sheet at the launch, whatever their age.",
        scoped=(
            "Paddlers over 70 must send us a fitness note before we hire: send the form with "
            "`request_fitness_note`, don't hire the kayak yet, and say we'll hire it once the "
            "note is back."
        ),
        kept="Paddlers up to 70 sign our safety sheet at the launch.",
        atom={"feature": "paddler_age", "op": ">", "value": 70},
        before="hire_kayak",
        after="request_fitness_note",
    )
    assert kept_side(facts) is None


def _library_scoped(scoped: str) -> ChangeFacts:
    return _side_facts(
        section="Lost books",
        old=LIB_OLD,
        scoped=scoped,
        kept=LIB_KEPT,
        atom={"feature": "book_price", "op": "<", "value": 20},
        before="refer_to_librarian",
        after="charge_replacement",
    )


LIB_RULE = (
    "Lost-book reports for books priced under £20: charge the replacement fee straight away "
    "with `charge_replacement` (member_id, the book's price)"
)


def test_a_changed_side_saying_the_old_action_is_no_longer_taken_replaces_the_handling() -> None:
    # naming the old action to deny it ("don't refer them to the librarian", "without
    # referring …") is how a replaced handling is most often said: the claim is kept past the line
    for denied in (
        "; don't refer them to the librarian.",
        ", without referring them to the librarian.",
        "; no librarian needs to see it.",
    ):
        side = kept_side(_library_scoped(LIB_RULE + denied))
        assert side is not None, denied
        assert side.kept == LIB_KEPT[:-1]


def test_a_changed_side_putting_the_old_action_off_or_still_taking_it_keeps_nothing() -> None:
    # the old action deferred ("until", "once", "yet") or still said: a step added before or
    # beside it, not a handling replaced
    for still in (
        "; don't refer them to the librarian until the fee is paid.",
        "; don't refer them to the librarian yet.",
        ", and refer them to the librarian once the fee is paid.",
        ", then refer them to the librarian.",
    ):
        assert kept_side(_library_scoped(LIB_RULE + still)) is None, still


def test_a_word_both_tools_share_is_no_word_of_the_old_action() -> None:
    # "book" names what both tools act on, and the changed side's subject ("Lost-book reports
    # for books …"): it says nothing of the old action still taken
    facts = _library_scoped(LIB_RULE.replace("charge_replacement", "charge_book_fee") + ".")
    facts.before_actions = [ActionFact("refer_book_to_librarian")]
    facts.after_actions = [ActionFact("charge_book_fee")]
    assert kept_side(facts) is not None


def test_each_gatedwindow_constant_has_its_own_docstring_right_after_it() -> None:
    # a constant put between another and its docstring takes that docstring as a second one
    body = ast.parse(Path(gatedwindow.__file__).read_text(encoding="utf-8")).body
    docs: dict[str, str] = {}
    for before, after in pairwise(body):
        said = isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
        assert not (said and isinstance(before, ast.Expr)), f"line {after.lineno}"
        if said and isinstance(before, ast.Assign) and isinstance(before.targets[0], ast.Name):
            docs[before.targets[0].id] = str(after.value.value)  # type: ignore[attr-defined]
    assert "voice" in docs["_VOICE"]
    assert "line is drawn" in docs["_BOUND"]
    assert "aside" in docs["_ASIDE"]


def test_the_old_number_with_the_action_in_words_of_its_own_reads_as_another_topic() -> None:
    # the limit the README states: no word of the gated action ("hired", "online") nor of what
    # the band is denied, so the other-topic reading wins over the action said in other words
    [window] = _boats().gated
    assert off_action([window], "Boats up to 12 metres can be reserved on our website.")
    assert not off_action([window], BOAT_PROSE)
    assert not off_action([window], BOAT_ROW)
