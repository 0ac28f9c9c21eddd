"""A step now required for a band of a number, the old action kept past it (a car hire's drivers
aged 21 to 24 now pay a £200 deposit before the car is released; drivers of 25 or over still
get it on the spot): KB text denying the step, claiming the old way whatever the age or from
the old line at once, keeps it for the rest, and the band's step is said once in the KB's
voice; the old line said of anything else (the minimum age) stays, as do other topics' "whatever
your age"; a drafting model is told the same and held to it."""

from __future__ import annotations

import pytest

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.bandstep import band_step, claims_old_way, still_denied_for_band
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.proofstep import with_gated_kept
from behaviordiff.drafting.splitband import kept_action_rules
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.kb.settings import review_settings, shift_of

OLD = "Drivers aged 21 or over: release the car straight away with `release_car`."
BAND = "Drivers aged 21 to 24: don't release the car yet."
NEED = (
    "Send the deposit link with `request_deposit` and explain that we need a £200 deposit "
    "before we release the car; we release it with `release_car` once it's paid."
)
KEPT = "Drivers aged 25 or over: release the car straight away with `release_car`."
MINIMUM = "Drivers must be 21 or over."


def _facts(
    band: str = BAND, need: str = NEED, kept: str = KEPT, low: int = 21, high: int = 25
) -> ChangeFacts:
    atoms: list[dict[str, object]] = [
        {"feature": "tag:pickup", "op": "tag"},
        {
            "feature": "driver_age",
            "op": "between",
            "low": low,
            "high": high,
            "low_inclusive": True,
            "high_inclusive": False,
        },
    ]
    return ChangeFacts(
        id="C1",
        title="release_car → request_deposit",
        kind="actions",
        facets=["actions"],
        probe_ids=["pickup-22", "pickup-24"],
        before_actions=[ActionFact("release_car")],
        after_actions=[ActionFact("request_deposit")],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=[
            Rule("H1", "sentence_changed", "Pick-up", OLD, band, f"{OLD} → {band}"),
            Rule("H2", "sentence_changed", "Pick-up", "We don't take a deposit.", need, "…"),
            Rule("H3", "sentence_added", "Pick-up", None, kept, kept),
        ],
        excerpts=[
            Excerpt(
                probe_id="pickup-22",
                old="Your car is ready to go!",
                new="As you're under 25, we need a £200 deposit before we release the car.",
            )
        ],
        others=8,
        prompt_sections={"Pick-up": [MINIMUM, band, need, kept]},
    )


READY = (
    "Hi {{ticket.requester.first_name}},\n\nYour car is ready at the desk. As long as you're 21 "
    "or over, that's all there is to it: no deposit to pay.\n\nSafe travels,\n"
    "{{current_user.first_name}}"
)
FAQ = (
    "# Picking up your car\n\nYou'll need:\n\n- Your driving licence\n- No deposit, whatever "
    "your age\n\n## Do I pay a deposit?\n\nWe never take a deposit from you. Once your licence "
    "is checked, we release the car on the spot, whatever your age.\n\n## Young drivers\n\n"
    "You must be 21 or over to hire a car.\n"
)
FUEL = (
    "Hi {{ticket.requester.first_name}},\n\nWhatever your age, you never pay for fuel you "
    "didn't use: we refund it at once.\n\nThanks,\n{{current_user.first_name}}"
)
YOUNG = (
    "Hi {{ticket.requester.first_name}},\n\nSorry, our cars are only for drivers aged 21 and "
    "over.\n\nThanks,\n{{current_user.first_name}}"
)


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Pick-up::Car ready", READY, "text", "kb", "a"),
            KnowledgeItem("article", "2", "Picking up your car", FAQ, "markdown", "kb", "b"),
            KnowledgeItem("macro", "3", "Fuel::Refund", FUEL, "text", "kb", "c"),
            KnowledgeItem("macro", "4", "Pick-up::Too young", YOUNG, "text", "kb", "d"),
        ]
    )
    return {impact.item.key: impact for impact in rank_items(facts, kb)}


def test_the_band_its_step_and_the_rest_are_read_from_the_prompt() -> None:
    step = band_step(_facts())
    assert step is not None
    assert (step.action, step.line, step.kept_line) == ("release_car", "21", "25")
    assert step.kept_case == "if you're aged 25 or over"
    assert step.step_sentence == (
        "If you're aged 21 to 24, we need a £200 deposit before we release the car."
    )


@pytest.mark.parametrize(
    ("need", "said"),
    [
        (
            "Ask them to send a parent's consent form first; release the car with "
            "`release_car` once it has arrived.",
            "we'll ask you to send a parent's consent form first",
        ),
        (
            "They must send us a copy of their passport first; release the car with "
            "`release_car` once it's checked.",
            "you must send us a copy of your passport first",
        ),
    ],
)
def test_other_ways_of_saying_the_step(need: str, said: str) -> None:
    step = band_step(_facts(need=need))
    assert step is not None and step.need == said


def test_no_step_without_a_need_or_a_band_with_two_ends() -> None:
    assert band_step(_facts(need="Tell them we hire only to drivers of 25 or over.")) is None
    assert band_step(_facts(band="If the driver is under 21, don't release the car.")) is None


def test_the_macro_says_the_kept_line_and_the_step() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["macro:1"])
    assert edit.new_body is not None
    assert (
        "As long as you're 25 or over, that's all there is to it: no deposit to pay. If you're "
        "aged 21 to 24, we need a £200 deposit before we release the car."
    ) in edit.new_body
    assert edit.new_body.startswith("Hi {{ticket.requester.first_name}},\n\nYour car is ready")


def test_the_article_narrows_each_claim_and_a_bare_denial_gives_way_to_the_step() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impacts(facts)["article:2"])
    assert edit.new_body is not None
    assert "- No deposit if you're aged 25 or over\n" in edit.new_body
    assert "We never take a deposit" not in edit.new_body
    assert (
        "If you're aged 21 to 24, we need a £200 deposit before we release the car. Once your "
        "licence is checked, we release the car on the spot if you're aged 25 or over."
    ) in edit.new_body
    assert edit.new_body.count("£200 deposit") == 1
    assert "You must be 21 or over to hire a car." in edit.new_body
    assert "whatever" not in edit.new_body


def test_the_minimum_age_and_other_topics_stay() -> None:
    impacts = _impacts(_facts())
    for key in ("macro:3", "macro:4"):
        assert key not in impacts or not impacts[key].conflicts, key


def test_the_line_is_not_read_as_moved_to_the_kept_band() -> None:
    # "21 or over" → "25 or over" is a split at a new line: the band still states 21
    rules = _facts().rules
    assert [rule.new for rule in kept_action_rules(rules)] == [rule.new for rule in rules]


def test_the_drafting_model_is_told_the_step_and_held_to_it() -> None:
    facts = _facts()
    [fact] = [f for f in draft_facts(facts) if "requires a step for one band" in f]
    assert "If you're aged 21 to 24, we need a £200 deposit" in fact
    template = TemplateDrafter().edit(facts, _impacts(facts)["article:2"]).new_body
    assert template is not None
    assert still_denied_for_band(facts, template, "markdown") == []
    kept = FAQ.replace("You'll need:", "Under 25? We need a deposit. You'll need:")
    assert still_denied_for_band(facts, kept, "markdown") == [
        "- No deposit, whatever your age",
        "We never take a deposit from you.",
        "Once your licence is checked, we release the car on the spot, whatever your age.",
    ]


def test_a_macro_tagged_for_the_kept_action_keeps_its_tag() -> None:
    # the car is still released past the band, and once the deposit is paid
    macro = KnowledgeItem(
        kind="macro",
        id="ready",
        title="Pick-up::Car ready",
        body=READY,
        body_format="text",
        source="macros.json",
        record="macros[0]",
        metadata={
            "format": "zendesk",
            "actions": [
                {"field": "comment_value", "value": READY},
                {"field": "set_tags", "value": "pickup released"},
            ],
        },
    )
    facts = _facts()
    assert review_settings(macro, shift_of(facts)) is not None
    assert review_settings(macro, shift_of(with_gated_kept(facts))) is None
    note = TemplateDrafter().note(facts, rank_items(facts, KnowledgeBase([macro])), None)
    assert not any(action.startswith("Check the settings") for action in note.cs_actions)


def test_the_note_quotes_the_bands_rule() -> None:
    facts = _facts()
    note = TemplateDrafter().note(facts, rank_items(facts, KnowledgeBase([])), None)
    assert "Drivers aged 21 to 24: don't release the car yet." in note.after
    assert KEPT not in note.after


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "Anyone aged twenty-one or over can pick up the car the same day, whatever their age.",
            "Anyone aged 25 or over can pick up the car the same day.",
        ),
        (
            "Every driver gets the car on the spot, whatever their age.",
            "Every driver gets the car on the spot if they're aged 25 or over.",
        ),
        (
            "However old you are, we release the car there and then.",
            "If you're aged 25 or over, we release the car there and then.",
        ),
        (
            "We release the car at the desk, and there's no deposit to pay.",
            "If you're aged 25 or over, we release the car at the desk, and there's no deposit to "
            "pay.",
        ),
    ],
)
def test_other_ways_a_kb_says_the_old_way_for_the_whole_range(sentence: str, said: str) -> None:
    facts = _facts()
    step = band_step(facts)
    assert step is not None and claims_old_way(step, sentence)
    item = KnowledgeItem(
        "macro", "9", "Pick-up::Desk", f"Hi,\n\n{sentence}\n\nThanks", "text", "kb", "z"
    )
    impact = next(i for i in rank_items(facts, KnowledgeBase([item])) if i.item.key == "macro:9")
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert f"{said} If you're aged 21 to 24, we need a £200 deposit" in edit.new_body
