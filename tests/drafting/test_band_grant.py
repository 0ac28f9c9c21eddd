"""A permission kept, for one category, to a band of a number: the KB sentences granting it to
everyone say the prompt's band after whom it is for (an every-age clause out), a table row of
the band left out says no in the category's column; the same words about other categories,
the band's other rules and the rows past the line stay. Made-up gyms and boat hires."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.bandgrant import band_grant, limited_sentence, still_band_granted
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, model_edit, moved_facts

GYM_OLD = "Sauna: any member can use the sauna. Towels are at the desk."
GYM_NEW = "Sauna: only members aged 18 and over can use the sauna. Towels are at the desk."

GYM_ARTICLE = """# Who can use what

Every FitWorks member can use the sauna after a workout, whatever their age. Any member can use
the pool too.

| Member's age | Pool | Sauna | Class price |
|---|---|---|---|
| 14 to 17 | Yes | Yes | Half price |
| 18 and over | Yes | Yes | Full price |

Members under 18 pay half price for classes.
"""
GYM_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour sauna slot is booked. Members of any age can use "
    "the sauna, so just bring a towel.\n\nSee you soon,\nFitWorks"
)
GYM_TRAP = "Hi there,\n\nAny member can use the pool before 7am.\n\nFitWorks"


def _gym() -> ChangeFacts:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Facilities", GYM_OLD, GYM_NEW, "changed")],
        [
            {"feature": "member_age", "op": "<", "value": 18},
            {"feature": "facility", "op": "=", "value": "sauna"},
        ],
        title="no longer calls book_sauna",
    )
    facts.before_actions = [ActionFact("book_sauna", ())]
    return facts


def _impacts(facts: ChangeFacts, *items: object) -> dict[str, object]:
    kb = KnowledgeBase(list(items))  # type: ignore[arg-type]
    return {i.item.key: i for i in rank_items(facts, kb) if i.affected}


def test_the_band_and_the_category_are_read_from_the_changed_sentence() -> None:
    grant = band_grant(_gym())
    assert grant is not None
    assert (grant.subject, grant.band, grant.line) == ("member", "aged 18 and over", 18.0)
    assert grant.categories == ("sauna",)
    # a grant narrowed to a category of members, not a band, is another rule
    tiered = _gym()
    tiered.rules = [
        Rule(
            "H1",
            "sentence_changed",
            "Facilities",
            "Sauna: any member can use the sauna.",
            "Sauna: only Gold members can use the sauna.",
            "changed",
        )
    ]
    assert band_grant(tiered) is None


def test_each_sentence_says_the_band_and_the_rows_of_the_band_left_out_say_no() -> None:
    facts = _gym()
    items = [
        kb_item("facilities", GYM_ARTICLE),
        kb_item("sauna", GYM_MACRO, kind="macro"),
        kb_item("pool", GYM_TRAP, kind="macro"),
    ]
    impacts = _impacts(facts, *items)
    assert "macro:pool" not in impacts
    drafter = TemplateDrafter()
    article = drafter.edit(facts, impacts["article:facilities"]).new_body  # type: ignore[arg-type]
    assert article is not None
    assert "Every FitWorks member aged 18 and over can use the sauna after a workout." in article
    assert "whatever their age" not in article
    assert "Any member can use\nthe pool too." in article
    assert "| 14 to 17 | Yes | No | Half price |" in article
    assert "| 18 and over | Yes | Yes | Full price |" in article
    assert "Members under 18 pay half price for classes." in article
    macro = drafter.edit(facts, impacts["macro:sauna"]).new_body  # type: ignore[arg-type]
    assert macro is not None
    assert "Members aged 18 and over can use the sauna, so just bring a towel." in macro
    assert "{{ticket.requester.first_name}}" in macro


def test_other_phrasings_of_the_grant_and_the_band() -> None:
    boat = moved_facts(
        [
            Rule(
                "H2",
                "sentence_changed",
                "Boats",
                "Motorboats: every renter may take out a motorboat.",
                "Motorboats: only renters over 16 may take out a motorboat.",
                "changed",
            )
        ],
        [
            {"feature": "renter_age", "op": "<=", "value": 16},
            {"feature": "boat", "op": "in", "value": ["motorboat"]},
        ],
    )
    grant = band_grant(boat)
    assert grant is not None and grant.band == "over 16"
    assert (
        limited_sentence(grant, "All renters may take out a motorboat regardless of age.")
        == "All renters over 16 may take out a motorboat."
    )
    assert (
        limited_sentence(grant, "Whatever your age, any renter can steer our motorboats.")
        == "Any renter over 16 can steer our motorboats."
    )
    # a rowboat sentence, or one that says the line already, is not the motorboats' grant
    assert still_band_granted(boat, "Any renter can take a rowboat out.", "text") == []
    assert still_band_granted(boat, "Renters over 16 can take a motorboat.", "text") == []


def test_a_drafting_model_is_told_and_an_edit_still_granting_it_to_all_is_refused() -> None:
    facts = _gym()
    assert any("aged 18 and over only" in said for said in draft_facts(facts))
    impacts = _impacts(facts, kb_item("sauna", GYM_MACRO, kind="macro"))
    impact = impacts["macro:sauna"]
    template_edit = TemplateDrafter().edit(facts, impact)  # type: ignore[arg-type]
    kept = GYM_MACRO.replace("so just bring a towel", "so bring a towel")
    edit, failure = model_edit(facts, impact, template_edit, kept)
    assert edit is None
    assert "still grants to everyone" in str(failure)
