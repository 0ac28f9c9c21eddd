"""A denial the new prompt lifts for a band or a category, the rest still refused (made-up
agents, no scenario's text): a heating installer that lent no heaters now lends one when the
install takes more than 2 days; a coworking space that let no bikes in now lets tandems
in for a £5 storage fee. The edits narrow the refusal to the rest without the reason it was
given for everyone; a claim for every case the new prompt keeps with the same quantifier
("Every installation comes with a 2-year guarantee") is no conflict; a house rule refusing
every kind of the category ("No bikes of any kind …") is found even in an item sharing few
other words with the change, and loses its "of any kind" beside the new rule."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.promptrule import every_kind_refusal, voiced
from behaviordiff.drafting.splitcase import case_splits
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import kb_item

# a heating installer: a temporary heater lent for installs of more than 2 days ----------------

HEAT_OLD = "We can't lend temporary heaters, however long the installation takes."
HEAT_NEW = (
    "If the quoted installation time is more than 2 days, call `lend_heater` (job_ref, "
    "install_days) when the job is booked, and tell them a heater will be ready for them to "
    "collect when they drop their keys off."
)
HEAT_REST = "If the installation takes 2 days or fewer, we can't lend a heater."
HEAT_GUARANTEE = "Every installation comes with a 2-year guarantee on parts and labour."


def _heat() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls lend_heater",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["h-3d", "h-5d", "h-9d"],
        before_actions=[],
        after_actions=[ActionFact("lend_heater", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "install_days > 2",
                    "atoms": [{"feature": "install_days", "op": ">", "value": 2}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        rules=[
            Rule("H1", "sentence_changed", "Heaters", HEAT_OLD, HEAT_NEW, "new"),
            Rule("H2", "sentence_added", "Heaters", None, HEAT_REST, "rest"),
        ],
        excerpts=[
            Excerpt("h-5d", "Your install is booked for 5 days.", "A heater is ready for you.")
        ],
        prompt_sections={
            "Heaters": [HEAT_NEW, HEAT_REST],
            "Guarantee": [
                HEAT_GUARANTEE,
                "If the same fault comes back within 2 years, we fix it free.",
            ],
        },
    )


HEAT_ARTICLE = (
    "# Getting a new boiler\n\n## Can I borrow a heater?\n\n"
    "We're a small team, so we can't lend temporary heaters while the work is going on. Most "
    "installs take a day or two.\n\n## What about the guarantee?\n\n" + HEAT_GUARANTEE + "\n"
)
HEAT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry the fault is back. Every installation we do "
    "comes with a 2-year guarantee on parts and labour, so if it's the same fault within 2 "
    "years, we'll fix it free.\n\nThe Boiler Team"
)


def _impacts(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, Impact]:
    return {i.item.key: i for i in rank_items(facts, KnowledgeBase(list(items))) if i.affected}


def test_a_claim_the_new_prompt_keeps_with_the_same_quantifier_is_no_conflict() -> None:
    facts = _heat()
    impacts = _impacts(
        facts,
        kb_item("boiler", HEAT_ARTICLE),
        kb_item("fault", HEAT_MACRO, kind="macro", title="Fault is back"),
    )
    assert set(impacts) == {"article:boiler"}
    marked = [c.sentence for c in impacts["article:boiler"].conflicts]
    assert marked == [
        "We're a small team, so we can't lend temporary heaters while the work is going on."
    ]


def test_the_refusal_is_narrowed_without_the_reason_given_for_everyone() -> None:
    facts = _heat()
    [split] = case_splits(facts)
    # the handling says "you", so "their keys" are yours, not the installation time's
    assert "drop your keys off" in split.said and "their" not in split.said
    impact = _impacts(facts, kb_item("boiler", HEAT_ARTICLE))["article:boiler"]
    body = str(TemplateDrafter().edit(facts, impact).new_body)
    assert "Otherwise, we can't lend temporary heaters while the work is going on." in body
    assert "small team" not in body
    assert "If the quoted installation time is more than 2 days" in body
    assert HEAT_GUARANTEE in body and "## What about the guarantee?" in body


# a coworking space: tandems let in for a £5 storage fee, other bikes still refused -------

BIKE_OLD = "We can't allow bikes inside the building."
BIKE_NEW = "We allow tandems inside the building, with a £5 storage fee."
BIKE_CALL = (
    "If a member has a tandem, add the storage with `add_bike_storage` (the bike type and "
    "fee_gbp 5) and tell them about the £5 storage fee."
)
BIKE_ASKED = (
    "If a member asks about bringing a bike in, explain kindly that we can't allow it and do "
    "not add anything to their membership."
)
BIKE_REST = "We can't allow any other bikes inside."


def _bikes() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls add_bike_storage",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["b-tandem-1", "b-tandem-2", "b-tandem-3"],
        before_actions=[],
        after_actions=[ActionFact("add_bike_storage", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "bike_type = tandem",
                    "atoms": [{"feature": "bike_type", "op": "=", "value": "tandem"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        rules=[
            Rule("H2", "sentence_changed", "Bikes", BIKE_ASKED, BIKE_CALL, "call"),
            Rule("H1", "sentence_changed", "Bikes", BIKE_OLD, BIKE_NEW, "new"),
        ],
        excerpts=[
            Excerpt(
                "b-tandem-1",
                "Sorry, we can't allow tandems in the building.",
                "Tandems are welcome, with a £5 storage fee.",
            )
        ],
        prompt_sections={
            "Bikes": [BIKE_NEW, BIKE_CALL, BIKE_REST],
            "Desks": ["Hot desks are free to book from 8am."],
        },
    )


BIKE_ARTICLE = (
    "# Bringing your bike\n\nSorry, we can't allow bikes inside the building: the racks are "
    "outside by the door, and tandems are no exception.\n"
)
HOUSE_RULES = (
    "# House rules\n\nEvery membership includes these rules.\n\n"
    "- No smoking anywhere in the building.\n"
    "- No bikes of any kind may be brought into the building.\n"
    "- Keep the kitchen tidy and label your food.\n"
)


def test_a_rule_refusing_every_kind_is_found_and_loses_its_every_kind_words() -> None:
    facts = _bikes()
    refuses = every_kind_refusal(facts)
    assert refuses is not None
    assert refuses("- No bikes of any kind may be brought into the building.")
    assert not refuses("- No smoking anywhere in the building.")
    assert not refuses("Bikes of any kind are welcome in the yard.")  # no refusal
    impacts = _impacts(facts, kb_item("bikes", BIKE_ARTICLE), kb_item("rules", HOUSE_RULES))
    assert "article:rules" in impacts
    marked = [c.sentence for c in impacts["article:rules"].conflicts]
    assert marked == ["- No bikes of any kind may be brought into the building."]
    body = str(TemplateDrafter().edit(facts, impacts["article:rules"]).new_body)
    assert "of any kind" not in body
    assert "tandem" in body and "£5" in body
    for kept in (
        "- No smoking anywhere in the building.",
        "- Keep the kitchen tidy and label your food.",
        "Every membership includes these rules.",
    ):
        assert kept in body


def test_what_the_customer_is_told_about_is_said_to_them() -> None:
    said = voiced(BIKE_CALL)
    assert said is not None
    assert said.statement == "we add the storage, and we tell you about the £5 storage fee"
