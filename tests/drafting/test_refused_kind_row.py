"""A kind of thing no longer sent to one place (made-up agents, no scenario's text): a
candle shop's carrier no longer takes lithium-battery lights to Channel Islands addresses. The
row of a delivery table keyed by that place, whose cell says everything goes, names the kind as
its exception (the other rows stay), and a "Whatever's in your order, … lithium lights …, we
can ship it" claim over what an order holds is read as a claim for every case; a "whatever"
over something else, or a claim about another thing done (returns), is not."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.claimrow import excepting_row, refused_subject
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import claims_for_all, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

RULE = (
    "Parcels containing lithium lights can't be shipped to Channel Islands addresses: our "
    "carrier no longer flies them there."
)
HEAD = "Parcels containing lithium lights can't be shipped to Channel Islands addresses"
ROW = "| Channel Islands (JE and GY postcodes) | 5 working days | All our products |"
TABLE = (
    "# Shipping\n\n| Where | How long | What we ship |\n| --- | --- | --- |\n"
    "| Mainland UK | 2 working days | All our products |\n" + ROW + "\n"
)
CLAIM = "Whatever's in your order, from soy candles to lithium lights, we can ship it to you."
MACRO = "Hi {{ticket.requester.first_name}},\n\nYes, we ship there. " + CLAIM + "\n\nGlow & Wick"


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls book_carrier",
        kind="actions",
        facets=["actions"],
        probe_ids=["jersey-lights", "guernsey-lights"],
        before_actions=[ActionFact("book_carrier")],
        after_actions=[],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "tag:shipping", "op": "tag"},
                        {"feature": "region", "op": "=", "value": "channel_islands"},
                        {"feature": "has_lithium", "op": "is", "value": True},
                    ]
                }
            )
        ],
        rules=[Rule("H1", "sentence_added", "Shipping", None, RULE, "sentence added")],
        excerpts=[Excerpt("jersey-lights", "It's booked.", "Sorry, we can't send those there.")],
        others=8,
    )


def test_the_refused_kind_is_the_heads_subject_without_what_carries_it() -> None:
    assert refused_subject(HEAD) == "lithium lights"
    assert refused_subject("Orders with aerosols can no longer be sent to Ireland") == "aerosols"
    assert (
        refused_subject("Bookings that include a hot tub cannot be made for Sundays") == "a hot tub"
    )
    # no carrier, or no refusing verb: no kind
    assert refused_subject("Spirits can't be sent to Jersey") is None
    assert refused_subject("Orders containing spirits ship in 3 days") is None


def test_a_row_keyed_by_the_place_names_the_kind_in_its_every_kind_cell() -> None:
    assert excepting_row(ROW, HEAD) == (
        "| Channel Islands (JE and GY postcodes) | 5 working days | All our products except "
        "lithium lights |"
    )
    aerosols = "Orders containing aerosols or paints can't be sent to Northern Ireland"
    assert excepting_row("| Northern Ireland | 3 days | Everything we stock |", aerosols) == (
        "| Northern Ireland | 3 days | Everything we stock except aerosols and paints |"
    )
    # another place's row, a row naming the kind already, a cell claiming nothing: untouched
    assert excepting_row("| Mainland UK | 2 working days | All our products |", HEAD) is None
    assert excepting_row("| Channel Islands | 5 days | All but lithium lights |", HEAD) is None
    assert excepting_row("| Channel Islands | 5 days | Candles and soaps |", HEAD) is None
    assert excepting_row("Channel Islands: all our products.", HEAD) is None


def test_a_whatever_in_your_order_claim_naming_the_kind_is_a_claim_for_every_case() -> None:
    assert claims_for_all(HEAD, CLAIM)
    assert claims_for_all(HEAD, "Whatever you put in your basket, lithium lights too, we ship.")
    # the kind not named, another thing done, or a "whatever" over something else
    assert not claims_for_all(HEAD, "Whatever's in your order, we can ship it to you.")
    assert not claims_for_all(
        HEAD, "Whatever's in your order, lithium lights included, can be returned in 30 days."
    )
    assert not claims_for_all(HEAD, "Whatever you bought, lithium lights or candles, we ship.")


def test_the_table_row_and_the_macro_claim_are_edited() -> None:
    article = KnowledgeItem("article", "1", "Shipping", TABLE, "markdown", "kb", "a")
    macro = KnowledgeItem("macro", "2", "Shipping::Islands", MACRO, "text", "kb", "m")
    impacts = {
        i.item.id: i for i in rank_items(_facts(), KnowledgeBase([article, macro])) if i.affected
    }
    assert [c.sentence for c in impacts["1"].conflicts] == [ROW.strip()]
    edit = TemplateDrafter().edit(_facts(), impacts["1"])
    assert edit.new_body == TABLE.replace(
        "| All our products |\n", "| All our products except lithium lights |\n"
    ).replace(
        "| Mainland UK | 2 working days | All our products except lithium lights |",
        "| Mainland UK | 2 working days | All our products |",
    )
    assert [c.sentence for c in impacts["2"].conflicts] == [CLAIM]
    edit = TemplateDrafter().edit(_facts(), impacts["2"])
    assert edit.new_body is not None and CLAIM not in edit.new_body
    assert "lithium lights can't be shipped to Channel Islands addresses" in edit.new_body
