"""A hand-off put in place of an action for a band with two lines, read as a gated window (a
fencing firm: every fence up to 20 metres used to be quoted in the chat with `quote_fence`; now
fences over 8 and up to 20 metres go to the survey team, who phone). The band's rule says what
it no longer gets ("no longer get a quote in the chat: don't call `quote_fence`"): those are
the gated action's words, never what the band keeps. A KB claim for every fence up to the old
line ("any fence up to twenty metres long (20 m)") moves to the new line, digits and their unit
with it, and says once who takes the band, in a macro as in an article; the table row read with
its header moves too; an area of the same number ("20 m²") is another measure and stays."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Atom
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.digitgloss import rewrite_glossed
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, atom_words
from behaviordiff.drafting.gatedwindow import (
    about_gated_action,
    band_sentence,
    gated_move_words,
    gated_reason,
    gated_windows,
)
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, moved_facts

SECTION = "Getting a quote"
OLD_LINE = (
    "When a customer asks what a fence up to 20 metres long costs, call `quote_fence` "
    "(reference, length_m) and give them the quote straight away, in the chat."
)
NEW_LINE = OLD_LINE.replace("20 metres", "8 metres")
BAND = (
    "Fences longer than 8 metres and up to 20 metres long no longer get a quote in the chat: "
    "don't call `quote_fence`."
)
BAND_ACTION = (
    'Call `transfer_to_team` (reference, team "surveys") and tell the customer our survey team '
    "will phone them within 2 working days to book a visit."
)
SECTIONS = {
    SECTION: [
        NEW_LINE,
        "Tell them the quote holds for 30 days.",
        BAND,
        BAND_ACTION,
        'Fences longer than 20 metres: call `transfer_to_team` (team "commercial").',
    ],
    "Stain": ["Wood stain costs £4 per square metre."],
}
SAID = "For fences longer than 8 metres and up to 20 metres long, our survey team will phone you"

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: any fence up to twenty metres long (20 m) "
    "is quoted on the spot in our chat, so there's no need to call us.\n\nYour quote holds for "
    "30 days.\n\nThanks,\n{{current_user.first_name}}"
)
ARTICLE = (
    "# Getting a quote\n\n"
    "Whatever the length, from a garden gate to a fence twenty metres long, you'll get your "
    "quote straight away in the chat.\n\n"
    "| Fence length | How you get your quote | Who fits it |\n| --- | --- | --- |\n"
    "| Up to 20 m | In the chat, straight away | Our own fitters |\n"
    "| Over 20 m | Our commercial team calls you | A partner firm |\n\n"
    "Your quote holds for 30 days.\n"
)
STAIN = (
    "Wood stain can be added to any fence for £4 per square metre, so a fence ten metres by "
    "two (20 m²) costs £80; ask and we give you the price straight away."
)


def _facts() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", SECTION, OLD_LINE, NEW_LINE, "sentence changed"),
        Rule("H2", "sentence_added", SECTION, None, BAND, "sentence added"),
        Rule("H3", "sentence_added", SECTION, None, BAND_ACTION, "sentence added"),
    ]
    atoms: list[dict[str, object]] = [
        {
            "feature": "fence_length_m",
            "op": "between",
            "low": 8,
            "high": 20,
            "low_inclusive": False,
            "high_inclusive": True,
        }
    ]
    facts = moved_facts(rules, atoms, title="quote_fence → transfer_to_team(team=surveys)")
    facts.facets = ["actions", "escalation", "promises"]
    facts.before_actions = [ActionFact("quote_fence")]
    facts.after_actions = [ActionFact.parse("transfer_to_team(team=surveys)")]
    facts.removed_promises = [Promise("duration", "30 days")]
    facts.added_promises = [Promise("duration", "2 working days")]
    facts.gated = gated_windows(
        facts.moves, facts.rules, SECTIONS, ["quote_fence"], facts.conditions[0].atoms
    )
    return facts


def test_what_the_band_no_longer_gets_is_the_actions_not_what_it_keeps() -> None:
    [window, *_] = _facts().gated
    assert {"quot", "chat"} & window.action_words or {"quote", "chat"} <= window.action_words
    assert not window.kept_words
    claim = "Any fence up to twenty metres long (20 m) is quoted in our chat, no need to call us."
    assert about_gated_action([window], claim)


def test_an_area_of_the_same_number_is_another_measure() -> None:
    [window, *_] = _facts().gated
    assert not window.states_old("A panel of 20 m² costs £80 to stain.")
    assert not window.states_old("A panel of 20 square metres costs £80.")
    assert window.states_old("Any fence up to 20 m long is quoted in the chat.")


def test_the_band_is_named_before_what_it_no_longer_gets() -> None:
    [window, *_] = _facts().gated
    said = band_sentence(window)
    assert said == f"{SAID} within 2 working days to book a visit."


def test_digits_glossed_with_their_unit_move_with_the_words() -> None:
    assert rewrite_glossed("any rug up to nine feet long (9 ft) is priced", "9", "4") == (
        "any rug up to four feet long (4 ft) is priced"
    )
    assert rewrite_glossed("any load up to twelve kilos (12 kg) goes", "12", "5") == (
        "any load up to five kilos (5 kg) goes"
    )


def _edits() -> dict[str, str | None]:
    facts = _facts()
    items = [
        kb_item("quote", MACRO, kind="macro", title="Quotes::In the chat"),
        kb_item("getting-a-quote", ARTICLE),
    ]
    return {
        impact.item.key: TemplateDrafter().edit(facts, impact).new_body
        for impact in rank_items(facts, KnowledgeBase(items))
        if impact.affected
    }


def test_a_macro_claiming_every_case_moves_the_line_and_says_who_takes_the_band() -> None:
    body = _edits()["macro:quote"]
    assert body is not None
    assert (
        "Good news: any fence up to eight metres long (8 m) is quoted on the spot in our chat, "
        f"so there's no need to call us. {SAID} within 2 working days to book a visit."
    ) in body
    assert "Your quote holds for 30 days." in body and "twenty" not in body


def test_the_article_moves_the_claim_and_its_row_read_with_the_header() -> None:
    body = _edits()["article:getting-a-quote"]
    assert body is not None
    assert "from a garden gate to a fence eight metres long" in body
    assert body.count(SAID) == 1
    assert "| Up to 8 m | In the chat, straight away | Our own fitters |" in body
    assert "| Over 20 m | Our commercial team calls you | A partner firm |" in body


def test_a_sentence_stating_an_area_of_the_same_number_is_not_the_gated_rule() -> None:
    windows = _facts().gated
    assert gated_reason(windows, STAIN) is None
    assert not about_gated_action(windows, STAIN)
    # the same sentence with the length itself is
    assert gated_reason(windows, STAIN.replace("(20 m²)", "(20 m long)")) is not None


def test_a_line_drawn_as_an_area_reads_areas() -> None:
    [window, *_] = _facts().gated
    area = replace(
        window,
        move=replace(
            window.move,
            new_sentence="Quote any deck up to 8 m² yourself with `quote_deck`.",
        ),
    )
    assert area.states_old("Any deck up to 20 m² is quoted in the chat.")


def test_a_drafting_model_is_told_the_band_for_a_macro_claiming_every_case_too() -> None:
    facts = _facts()
    words = "".join(gated_move_words(facts, move) for move in facts.moves)
    assert "a macro claiming the window for every case" in words
    assert SAID in words


def test_a_unit_the_variable_name_ends_with_is_said_after_the_number() -> None:
    band = Atom("fence_length_m", "between", low=8, high=20, low_inclusive=False)
    assert atom_words(band)[1] == "with fence length over 8 m and up to 20 m"
    assert atom_words(Atom("board_mm", ">", 18))[1].endswith("over 18 mm")
    # an "m" inside a name is no unit
    assert atom_words(Atom("m_count", ">", 3))[1].endswith("over 3")


def test_the_band_is_never_said_inside_a_table_row() -> None:
    facts = _facts()
    table_first = (
        "# Quotes\n\n| Fence length | How you get your quote |\n| --- | --- |\n"
        "| Up to 20 m | In the chat, straight away |\n\n"
        "Any fence up to 20 metres long is quoted in the chat.\n"
    )
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("quotes", table_first)])) if i.affected
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "| Up to 8 m | In the chat, straight away |\n" in edit.new_body
    assert f"Any fence up to 8 metres long is quoted in the chat. {SAID}" in edit.new_body
    assert "no row for the band" in edit.rationale
