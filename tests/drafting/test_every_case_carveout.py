"""A case carved out of an every-case claim, in the KB sentence's own words (`carveout`).

The old rule held for every place, kind, count or amount, and the KB says so with a claim for
all of them; the change gives one subset a rule of its own. The edit keeps the sentence's voice:

- a category withdrawn from a claim that names it as included is taken out of what is included
  and named as the claim's exception (`carved_out`; through `droppedoption` and `servedlist`);
- a claim over every count or amount ("as often as you need to, at no cost") the new prompt
  splits loses the claim and the old value's clause, keeps what else it says (a notice period),
  and the new rule follows (`without_claim`; through `oldside`), and a sentence making that
  claim in other words finds the item;
- a sentence claiming every amount for ANOTHER case, which the new prompt keeps word for word
  ("Flea treatments go out automatically, however much you order"), stays byte for byte
  (`promptrule._kept_claim`).

Made-up domains, none of the scenarios': a mobile vet's villages, a broadband installer's
county, a pet insurer's breeds, a community nurse's coast, a ferry's isles (categories, said
as "included", "including", "right out to … and …", "… too", with placeholders); a driving
school's test resits, a fruit box's swaps, a locksmith's refunds (counts and amounts); a pet
pharmacy whose prescriptions over £60 now go to a vet (a bound beside a kept claim)."""

from __future__ import annotations

import pytest

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.carveout import carved_out, case_pattern, without_claim
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.oldside import old_sides
from behaviordiff.drafting.promptrule import targets
from behaviordiff.drafting.text import terms
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, marked_impact

# --- categories named as included in a claim for every place or kind --------------------------


@pytest.mark.parametrize(
    ("case", "sentence", "carved"),
    [
        (
            "hill farms",
            "Our vets visit every village in the valley, the hill farms included.",
            "Our vets visit every village in the valley except the hill farms.",
        ),
        (
            "harbour flats",
            "We install anywhere in the county, including the harbour flats, within 10 days.",
            "We install anywhere in the county except the harbour flats, within 10 days.",
        ),
        (
            "bulldogs",
            "Hi {{ticket.requester.first_name}}, we cover any breed, the bulldogs and the pugs "
            "included, from {{ticket.custom_field_start_date}}.",
            "Hi {{ticket.requester.first_name}}, we cover any breed except the bulldogs, the pugs "
            "included, from {{ticket.custom_field_start_date}}.",
        ),
        (
            "coast villages",
            "Wherever you live in the region, our nurse comes to you, right out to the coast\n"
            "villages and up to the moor farms.",
            "Wherever you live in the region except the coast villages, our nurse comes to you, "
            "up to the moor farms.",
        ),
        (
            "skerries",
            "Our boats sail to all the isles, the north isles and the skerries too.",
            "Our boats sail to all the isles except the skerries, the north isles too.",
        ),
    ],
)
def test_a_category_included_in_an_every_case_claim_becomes_its_exception(
    case: str, sentence: str, carved: str
) -> None:
    assert carved_out(sentence, case_pattern(case)) == carved


@pytest.mark.parametrize(
    "sentence",
    [
        # no claim for every place: a fact about the category, for a writer
        "Deliveries to the hill farms take 6 weeks.",
        # a claim, but the category does something else in it
        "We can send any vet to the hill farms within a week.",
        # named twice: which mention is the inclusion is a writer's call
        "Every village gets a visit, the hill farms included, and the hill farms get two.",
        # an exception said already
        "We visit every village except the town, the hill farms included.",
    ],
)
def test_a_sentence_in_no_shape_read_here_is_left_for_a_writer(sentence: str) -> None:
    assert carved_out(sentence, case_pattern("hill farms")) is None


# --- a claim over every count or amount ---------------------------------------------------------


def _stems(text: str) -> set[str]:
    return {word for word in terms(text) if len(word) > 2}


@pytest.mark.parametrize(
    ("old_rule", "sentence", "left"),
    [
        (
            "Learners can resit the test as many times as they like, at no cost.",
            "You can resit your test as often as you need to, at no cost, as long as you book "
            "a week ahead.",
            "You can resit your test, as long as you book a week ahead.",
        ),
        (
            "Members can swap their box as many times as they want, free of charge.",
            "Swap your box as many times as you want, free of charge.",
            "",
        ),
        (
            "Refund call-out fees to the card whatever the amount.",
            "We refund the call-out fee to your card, whatever the amount, within five days.",
            "We refund the call-out fee to your card, within five days.",
        ),
    ],
)
def test_the_claim_and_the_old_value_go_and_the_rest_stays(
    old_rule: str, sentence: str, left: str
) -> None:
    assert without_claim(sentence, frozenset(_stems(old_rule)), _stems) == left


SWAP_OLD = "Members can swap their class as many times as they like, free of charge."


@pytest.mark.parametrize(
    ("sentence", "left"),
    [
        # the old value in other words goes too: never kept beside the new rule
        (
            "You can swap your class as often as you need to, at no cost, and you keep your "
            "place on the waiting list.",
            "You can swap your class, and you keep your place on the waiting list.",
        ),
        (
            "You can swap your class as often as you need to, without charge, provided you "
            "tell us.",
            "You can swap your class, provided you tell us.",
        ),
        (
            "You can swap your class as many times as you like, for nothing, if you book online.",
            "You can swap your class, if you book online.",
        ),
        # a clause sharing a word with the old rule is no value: it stays
        (
            "As often as you like, you can swap your class, free of charge.",
            "You can swap your class.",
        ),
        (
            "You can swap your class as many times as you like, free of charge, for any class.",
            "You can swap your class, for any class.",
        ),
    ],
)
def test_the_old_value_is_read_as_a_value_not_by_its_words(sentence: str, left: str) -> None:
    assert without_claim(sentence, frozenset(_stems(SWAP_OLD)), _stems, SWAP_OLD) == left


def test_a_sentence_with_no_claim_over_a_count_is_not_cut() -> None:
    old = frozenset(_stems("Members can swap their box as many times as they want, free."))
    assert without_claim("Boxes ship on Mondays, free of charge.", old, _stems) is None


# --- through the last resort: a driving school's resits now free the first time ---------------

RESIT_OLD = "Learners can resit the test as many times as they like, free of charge."
RESIT_NEW = "The first resit is free. Each later resit costs £40, taken from the card on file."
RESIT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry the test didn't go your way. You can resit as "
    "many times as you like, free of charge, provided you book at least 14 days ahead.\n\n"
    "Good luck,\nRoadready\n"
)
RESIT_ARTICLE = """# Resits

Nerves happen. You're welcome to resit the test as often as you need to, and we'll never charge
you for doing so.

You can download your certificate as many times as you like, free of charge.

Moving a booked test to another day is always free of charge.
"""
RESIT_TRAP = (
    "Hi {{ticket.requester.first_name}},\n\nYour test is moved to {{ticket.custom_field_date}}; "
    "moving a test is always free of charge.\n\nRoadready\n"
)


def _resits() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_resit: fee 0 → 40",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        after_actions=[ActionFact("book_resit", ())],
        rules=[Rule("H1", "sentence_changed", "Resits", RESIT_OLD, RESIT_NEW, "changed")],
        prompt_sections={
            "Resits": [RESIT_NEW],
            "Moving a test": ["Moving a booked test to another day is free."],
        },
    )


def test_a_split_count_claim_is_rewritten_in_its_sentence_and_the_rest_kept() -> None:
    facts = _resits()
    [side] = old_sides(facts)
    assert not side.flipped
    knowledge = KnowledgeBase(
        [
            kb_item("resit-booked", RESIT_MACRO, kind="macro"),
            kb_item("resits", RESIT_ARTICLE),
            kb_item("moved", RESIT_TRAP, kind="macro"),
        ]
    )
    ranked = {i.item.key: i for i in rank_items(facts, knowledge) if i.affected}
    assert "macro:moved" not in ranked
    macro = TemplateDrafter().edit(facts, ranked["macro:resit-booked"])
    assert macro.new_body == RESIT_MACRO.replace(
        "You can resit as many times as you like, free of charge, provided you book at least "
        "14 days ahead.",
        "You can resit, provided you book at least 14 days ahead. The first resit is free. "
        "Each later resit costs £40, taken from the card on file.",
    )
    # the claim in other words ("as often as you need to", "never charge") finds the article
    # (three of the old rule's words beside it); the other free rules beside it stay
    article = ranked["article:resits"]
    assert [c.sentence for c in article.conflicts] == [
        "You're welcome to resit the test as often as you need to, and we'll never charge you for "
        "doing so."
    ]
    edit = TemplateDrafter().edit(facts, article)
    assert edit.new_body is not None
    assert "You're welcome to resit the test. The first resit is free." in edit.new_body
    # the same claim and value on another topic (two words of the old rule, its value's) stays
    assert "You can download your certificate as many times as you like, free of charge." in (
        edit.new_body
    )
    assert "Moving a booked test to another day is always free of charge." in edit.new_body
    assert "as often as" not in edit.new_body and "never charge" not in edit.new_body


RESIT_NOUN_TRAPS = [
    "You can download your test certificate as many times as you like, free of charge.",
    "Rewatch the recording of your test as often as you like - it's free of charge.",
    "Bring a friend to watch your test as many times as you like, free of charge.",
]


def test_another_action_claimed_for_every_count_on_the_same_thing_stays() -> None:
    # the old rule's value ("free of charge") and its thing ("test") are no sign of its rule:
    # only its action ("resit the test") is
    facts = _resits()
    wanted = "You're welcome to resit the test as often as you need to, and we'll never charge you."
    body = "# Tests\n\n" + "\n\n".join([wanted, *RESIT_NOUN_TRAPS]) + "\n"
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("tests", body)])) if i.affected]
    assert [c.sentence for c in impact.conflicts] == [wanted]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    for trap in RESIT_NOUN_TRAPS:
        assert trap in edit.new_body
    traps = "# Extras\n\n" + "\n\n".join(RESIT_NOUN_TRAPS) + "\n"
    assert not [
        i for i in rank_items(facts, KnowledgeBase([kb_item("extras", traps)])) if i.affected
    ]


# --- through the two-sided rule: a pet pharmacy's prescriptions over £60 go to a vet ----------

PHARMACY_OLD = (
    "Dispatch prescriptions yourself, whatever the amount: call `dispatch_order` (order) and tell "
    "the customer it arrives within 2 days."
)
PHARMACY_REST = (
    "Prescriptions up to £60: dispatch them yourself with `dispatch_order` (order) and tell the "
    "customer it arrives within 2 days."
)
PHARMACY_CASE = "Prescriptions over £60: don't dispatch them yourself."
PHARMACY_HANDOFF = (
    "Pass them to the vet with `refer_to_vet` (order) and tell the customer the vet will call "
    "within a day."
)
PHARMACY_KEPT = (
    "Flea treatments are posted automatically, whatever the amount: call `post_treatment` "
    "(order) and tell the customer it arrives within 2 days."
)
PHARMACY_CLAIM = "Our pharmacists dispatch prescriptions straight away for orders of any size."
PHARMACY_TRAP = (
    "Flea treatments go out automatically, however much you order, and arrive within 2 days."
)


def _pharmacy() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="dispatch_order → refer_to_vet",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("dispatch_order", ())],
        after_actions=[ActionFact("refer_to_vet", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "order_total > 60 and tag prescription",
                    "atoms": [
                        {"feature": "order_total", "op": ">", "value": 60},
                        {"feature": "tag:prescription", "op": "tag"},
                    ],
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Prescriptions", PHARMACY_OLD, PHARMACY_REST, "changed"),
            Rule("H2", "sentence_added", "Prescriptions", None, PHARMACY_HANDOFF, "added"),
        ],
        prompt_sections={
            "Prescriptions": [PHARMACY_REST, PHARMACY_CASE, PHARMACY_HANDOFF],
            "Flea treatments": [PHARMACY_KEPT],
        },
    )


def test_an_every_amount_claim_the_new_prompt_keeps_for_another_case_stays() -> None:
    facts = _pharmacy()
    body = f"# Orders\n\n{PHARMACY_CLAIM}\n\n{PHARMACY_TRAP}\n"
    impact = marked_impact("orders", body, "article", [PHARMACY_TRAP])
    assert targets(facts, impact) == [PHARMACY_CLAIM]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert PHARMACY_TRAP in edit.new_body and PHARMACY_CLAIM not in edit.new_body
    assert "£60" in edit.new_body
    # a macro about the other case alone, its claim the kept one's: nothing to write there
    macro = f"Hi {{{{ticket.requester.first_name}}}},\n\n{PHARMACY_TRAP}\n\nPetmeds\n"
    trap = marked_impact("flea", macro, "macro", [PHARMACY_TRAP])
    assert targets(facts, trap) == []


# --- through `droppedoption`: a mobile vet no longer visits the hill farms ---------------------

VET_OLD = "Book home visits in the town, the valley villages and the hill farms."
VET_NEW = "Book home visits in the town and the valley villages."
VET_ARTICLE = """# Home visits

Our vets visit anywhere in the district, usually within two days.

We come out to the town, the valley villages and the hill farms.

Every village in the valley has a surgery day on Mondays.

You can phone us from anywhere, day or night.
"""


def _vet() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls book_visit",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("book_visit", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "area = hill_farms",
                    "atoms": [{"feature": "area", "op": "=", "value": "hill_farms"}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Home visits", VET_OLD, VET_NEW, "changed")],
    )


def test_a_claim_for_everywhere_not_naming_the_withdrawn_place_takes_it_as_its_exception() -> None:
    facts = _vet()
    knowledge = KnowledgeBase([kb_item("visits", VET_ARTICLE)])
    [impact] = [i for i in rank_items(facts, knowledge) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == VET_ARTICLE.replace(
        "anywhere in the district,", "anywhere in the district except the hill farms,"
    ).replace(
        "the town, the valley villages and the hill farms.", "the town and the valley villages."
    )


# --- a claim for everywhere on another thing than the withdrawn service stays ------------------

BOILER_OLD = (
    "We install boilers anywhere in the county: the town, the valley villages and the "
    "harbour flats."
)
BOILER_NEW = "We install boilers anywhere in the county: the town and the valley villages."
BOILER_CLAIM = "Our fitters install anywhere in the county, usually within 10 days."
BOILER_TRAPS = [
    "Wherever you are in the county, you can call us free on 0800 123 456.",
    "Our boilers are guaranteed for 10 years, wherever you live.",
    "You can book a service visit anywhere in the county.",
    "Old boilers are collected from anywhere we installed them.",
]
BOILER_ARTICLE = "# Boiler installs\n\n" + "\n\n".join([BOILER_CLAIM, *BOILER_TRAPS]) + "\n"


def _boiler() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls book_install",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("book_install", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "area = harbour_flats",
                    "atoms": [{"feature": "area", "op": "=", "value": "harbour_flats"}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Boiler installs", BOILER_OLD, BOILER_NEW, "c")],
    )


def test_a_claim_for_everywhere_about_another_thing_than_the_service_stays() -> None:
    facts = _boiler()
    knowledge = KnowledgeBase([kb_item("installs", BOILER_ARTICLE)])
    [impact] = [i for i in rank_items(facts, knowledge) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == BOILER_ARTICLE.replace(
        "anywhere in the county, usually",
        "anywhere in the county except the harbour flats, usually",
    )
    for trap in BOILER_TRAPS:
        assert trap in edit.new_body
    # an item of the traps alone: nothing there says the service reaches everywhere
    traps = "# Contact us\n\n" + "\n\n".join(BOILER_TRAPS) + "\n"
    affected = [i for i in rank_items(facts, KnowledgeBase([kb_item("c", traps)])) if i.affected]
    assert all(TemplateDrafter().edit(facts, i).new_body in (None, traps) for i in affected)


@pytest.mark.parametrize(
    ("case", "sentence", "carved"),
    [
        # the claim reaching the case is the one in its clause or the clause before it
        (
            "Amex",
            "However you pay, any card works, Amex included.",
            "However you pay, any card works except Amex.",
        ),
        (
            "Canada",
            "Whatever you order, we ship to every country, Canada included, within 5 days.",
            "Whatever you order, we ship to every country except Canada, within 5 days.",
        ),
        # a subject's aside: its verb goes on with no comma
        (
            "Leeds gym",
            "All our gyms, the Leeds gym included, open at 6am every day.",
            "All our gyms except the Leeds gym open at 6am every day.",
        ),
        # the case with words of its own: not the case alone, a writer's
        ("outlet", "Pickups are free at all our stores, including the outlet in Bristol.", None),
    ],
)
def test_the_exception_goes_to_the_claim_that_reaches_the_case(
    case: str, sentence: str, carved: str | None
) -> None:
    assert carved_out(sentence, case_pattern(case)) == carved


@pytest.mark.parametrize(
    ("sentence", "left"),
    [
        # a claim over every count in words other than the dev scenarios'
        (
            "Swap classes as often as you'd like, no fee, if you book online.",
            "Swap classes, if you book online.",
        ),
        ("No matter how many times you change, there's no charge.", ""),
        (
            "You can swap your class as many times as needed, free, with 24 hours' notice.",
            "You can swap your class, with 24 hours' notice.",
        ),
        ("Unlimited swaps, free of charge, for every member.", "For every member."),
    ],
)
def test_a_count_claim_in_other_words_is_read(sentence: str, left: str) -> None:
    assert without_claim(sentence, frozenset(_stems(SWAP_OLD)), _stems, SWAP_OLD) == left


def test_an_amount_claim_in_other_words_is_read() -> None:
    old = "Transfers of any value go through straight away, whatever you spend."
    assert (
        without_claim(
            "Transfers of unlimited value go through instantly.",
            frozenset(_stems(old)),
            _stems,
            old,
        )
        == "Transfers go through instantly."
    )
    # a thing called unlimited, no count: no claim
    assert without_claim("Unlimited data comes with every plan.", frozenset(), _stems, old) is None


def test_a_claim_for_everywhere_in_one_sibling_of_the_case_takes_no_exception() -> None:
    """The old list named the case beside its siblings ("Kent, Surrey, Sussex and Essex"): a
    claim for everywhere within one sibling ("anywhere in Kent") does not reach the case, so
    it takes no "except Essex" (a merge run found "anywhere in England except Northern
    Ireland")."""
    old = "We install boilers in Kent, Surrey, Sussex and Essex; call `book_install` to book."
    new = "We install boilers in Kent, Surrey and Sussex; call `book_install` to book."
    facts = ChangeFacts(
        id="C1",
        title="no longer calls book_install",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("book_install", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "county = essex",
                    "atoms": [{"feature": "county", "op": "=", "value": "essex"}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Boiler installs", old, new, "c")],
    )
    sibling = "Same-week installs are booked anywhere in Kent, with a free survey first."
    body = (
        "# Boiler installs\n\nWe install boilers across Kent, Surrey, Sussex and Essex.\n\n"
        f"{sibling}\n"
    )
    knowledge = KnowledgeBase([kb_item("installs", body), kb_item("kent", f"{sibling}\n")])
    edits = {
        impact.item.key: TemplateDrafter().edit(facts, impact).new_body
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }
    for key, new_body in edits.items():
        assert new_body is None or "except" not in new_body, key
        assert new_body is None or sibling in new_body, key
