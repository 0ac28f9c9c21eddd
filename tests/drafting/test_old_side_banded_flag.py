"""A requirement dropped below a line on an amount, with another remedy (`drafting.oldside`):
the KB's flat denial is rewritten with the new rule, a consequence clause after it ("…, so
please bring a card") stays with the denial the new text still ends on, and a bracketed aside
that is nothing but the old denial ("(no deposit, no bike)") is dropped beside it. The
condition's flag is false (`has_deposit = false`): it reads "without a deposit", and an aside
naming its word with no negation ("even with a deposit") is about the other side.

Made-up agent: a bike-hire shop that hired nothing without a deposit and now lets short hires
(2 hours or less) go ahead on a photo ID instead; longer hires still need the deposit."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.model import Atom, Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, atom_words, condition_words
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.oldside import old_side_fact
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = "We can't hire out bikes without a deposit."
NEW = (
    "Without a deposit, hires of 2 hours or less can still go ahead on a photo ID: keep the ID "
    "at the desk with `hold_id` and tell them they get it back when the bike comes back."
)
REST = "Hires over 2 hours can't go ahead without a deposit."
KEPT = "Electric bikes can't be hired by riders under 18, even with a deposit."
ARTICLE = """# Hiring a bike

## How does hiring work?

Pick a bike at the counter and we'll set the saddle for you. We can't hire out bikes without
a deposit, so please bring a card with you.

## What do I need to bring?

- A photo ID
- A card for the deposit (no deposit, no bike)

## Electric bikes

Electric bikes can't be hired by riders under 18, even with a deposit.
"""


E_BIKES = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking about hiring an electric bike. "
    f"{KEPT} Our standard bikes are a great choice for younger riders.\n\nThanks,\n"
    "{{current_user.first_name}}\n"
)


_FLAG = Atom("has_deposit", "=", False)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls hold_id",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        after_actions=[ActionFact("hold_id", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "hire_hours <= 2 and tag no-deposit and has_deposit = false",
                    "atoms": [
                        {"feature": "hire_hours", "op": "<=", "value": 2},
                        {"feature": "tag:no-deposit", "op": "tag"},
                        {"feature": "has_deposit", "op": "=", "value": False},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Hiring", OLD, f"{NEW} {REST}", "sentence changed"),
            Rule("H2", "tool_added", None, None, None, "tool hold_id added"),
        ],
        prompt_sections={
            "Hiring": [NEW, REST, "Set the saddle before the rider leaves."],
            "Electric bikes": ["Only hire electric bikes to riders aged 18 or over."],
            "Repairs": ["Book repairs with `book_repair` (bike_id)."],
        },
    )


def _edits(article: str = ARTICLE) -> dict[str, str | None]:
    facts = _facts()
    knowledge = KnowledgeBase(
        [kb_item("hiring", article), kb_item("e-bikes", E_BIKES, "macro", "Hiring::Electric bikes")]
    )
    return {
        impact.item.key: TemplateDrafter().edit(facts, impact).new_body
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }


def test_a_false_flag_reads_as_what_customers_do_not_have() -> None:
    assert atom_words(Atom("has_deposit", "=", False)) == ("qualifier", "without a deposit")
    assert atom_words(Atom("has_deposit", "=", True)) == ("qualifier", "with a deposit")
    # the tag that labels the flag is not said again beside it
    atoms = [Atom("hire_hours", "<=", 2), Atom("tag:no-deposit", "tag"), _FLAG]
    assert (
        condition_words(atoms) == "conversations with hire of 2 hours or less and without a deposit"
    )
    assert condition_words(atoms[:2]) == (
        "conversations with hire of 2 hours or less and asking about no-deposit"
    )


def test_the_flat_denial_is_rewritten_and_its_consequence_stays_with_the_rest() -> None:
    body = _edits()["article:hiring"]
    assert body is not None
    assert "hires of 2 hours or less can still go ahead on a photo ID" in body
    assert "without a deposit, so please bring a card with you." in body
    assert "We can't hire out bikes without" not in body
    assert "Pick a bike at the counter and we'll set the saddle for you." in body


def test_an_aside_that_is_only_the_old_denial_is_dropped() -> None:
    body = _edits()["article:hiring"]
    assert body is not None
    assert "- A card for the deposit\n" in body
    assert "no deposit, no bike" not in body
    assert "- A photo ID\n" in body


def test_an_aside_naming_the_flag_with_no_negation_is_the_other_side() -> None:
    edits = _edits()
    assert "macro:e-bikes" not in edits
    body = edits["article:hiring"]
    assert body is not None
    assert KEPT in body


ASIDE_ITEM = "- A card for the deposit (no deposit, no bike)"


def test_a_list_item_that_is_only_the_aside_goes() -> None:
    body = _edits(
        ARTICLE.replace(ASIDE_ITEM, "- A card for the deposit\n- (No deposit, no bike.)")
    )["article:hiring"]
    assert body is not None
    assert "- A photo ID\n- A card for the deposit\n" in body
    assert "No deposit, no bike" not in body
    assert "- -" not in body
    assert "\n-\n" not in body


def test_an_aside_opening_a_line_leaves_no_space_before_the_rest() -> None:
    body = _edits(ARTICLE.replace(ASIDE_ITEM, "\n(No deposit, no bike.) Bring a card for it."))[
        "article:hiring"
    ]
    assert body is not None
    assert "\nBring a card for it." in body
    assert " Bring a card for it." not in body
    body = _edits(ARTICLE.replace(ASIDE_ITEM, "- (no deposit, no bike) A card for the deposit"))[
        "article:hiring"
    ]
    assert body is not None
    assert "\n- A card for the deposit" in body


def test_every_aside_that_is_only_the_old_denial_goes() -> None:
    body = _edits(ARTICLE.replace(ASIDE_ITEM, ASIDE_ITEM + " (no deposit, no bike)"))[
        "article:hiring"
    ]
    assert body is not None
    assert "- A card for the deposit\n" in body
    assert "no deposit, no bike" not in body


def test_a_kept_consequence_keeps_its_own_closing_mark() -> None:
    article = ARTICLE.replace(
        "so please bring a card with you.", "so can you bring a card with you?"
    )
    body = _edits(article)["article:hiring"]
    assert body is not None
    assert "without a deposit, so can you bring a card with you?" in body
    assert "bring a card with you." not in body


def test_a_drafting_model_is_told_the_aside_goes_and_the_consequence_stays() -> None:
    fact = old_side_fact(_facts())
    assert fact is not None
    assert "a bracketed aside that only says the old denial goes" in fact
    assert "a consequence clause after the denial" in fact


def test_a_flag_after_has_is_a_thing_had_only_when_a_noun_follows() -> None:
    def words(feature: str, value: bool = False) -> str:
        return atom_words(Atom(feature, "=", value))[1]

    # a verb after "has": no thing had, said as the flag is
    assert words("has_paid") == "where has_paid is false"
    assert words("has_been_fitted", True) == "where has_been_fitted is true"
    assert words("has_returned") == "where has_returned is false"
    # a plural or a mass noun takes no article
    assert words("have_children") == "without children"
    assert words("has_spare_tubes", True) == "with spare tubes"
    assert words("has_insurance") == "without insurance"
    # a countable thing keeps its article
    assert words("has_helmet") == "without a helmet"
    assert words("has_access_plan", True) == "with an access plan"


def test_a_tag_of_frame_words_alone_is_kept_beside_a_flag() -> None:
    atoms = [Atom("hire_hours", "<=", 2), Atom("tag:no", "tag"), _FLAG]
    assert "asking about no" in condition_words(atoms)


def test_an_aside_alone_in_a_numbered_item_or_an_html_element_is_left_to_a_writer() -> None:
    # deleting it would leave the number ("2.") or an empty element behind
    numbered = ARTICLE.replace(
        "- A photo ID\n" + ASIDE_ITEM, "1. A photo ID\n2. (No deposit, no bike.)"
    )
    assert _edits(numbered)["article:hiring"] is None
    html = (
        "<p>We can't hire out bikes without a deposit, so please bring a card with you.</p>"
        "<ul><li>A card</li><li>(no deposit, no bike)</li></ul>"
    )
    facts = _facts()
    item = replace(kb_item("hiring", html), body_format="html")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    assert TemplateDrafter().edit(facts, impact).new_body is None
