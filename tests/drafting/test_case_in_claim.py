"""A whole amount cut to a share for a case two conditions join, where the KB claims the whole
for that case: an aside bringing the case into a claim ("Signed books, first editions
included: the full price") and an item about the case alone ("Returns::Signed first edition")
saying the whole amount (`promptrule.aligned_finder`, `promptrule.prompt_rule_edit`).

Made-up agents: a bookshop now refunding signed first editions at 75% of the price paid, and a
bike-hire shop now refunding late e-bike and cargo-bike hires at half the amount paid."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptback import said_as_share, share_said
from behaviordiff.drafting.promptrule import includes_case, prompt_rule_edit, prompt_rule_fact
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

BOOK_OLD = (
    "Books returned within 14 days are refunded in full, signed or unsigned: refund the price "
    "paid with `refund_book` (amount the price paid)."
)
BOOK_KEPT = "Books returned within 14 days are refunded with `refund_book`."
BOOK_ADDED = (
    "Signed first editions are refunded at 75% of the price paid (amount_paid 75% of the price), "
    "because we can't sell them as new again; tell the customer so."
)
BOOK_REST = "Unsigned books, and every other signed book, are refunded in full."


def _facts(
    atoms: list[dict[str, object]],
    old: str,
    kept: str,
    added: str,
    rest: str,
    ratio: float,
) -> ChangeFacts:
    text = " and ".join(f"{a['feature']} {a['op']} {a['value']}" for a in atoms)
    return ChangeFacts(
        id="C1",
        title="refund: amount cut",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=10,
        conditions=[Condition.from_dict({"text": text, "atoms": atoms})],
        moved=[
            MovedValue(ActionFact("refund"), "amount", (("p1", 40.0, 40.0 * ratio),), ratio=ratio)
        ],
        rules=[
            Rule("H1", "sentence_changed", "Returns", old, kept, "changed"),
            Rule("H2", "sentence_added", "Returns", None, added, "added"),
            Rule("H3", "sentence_added", "Returns", None, rest, "added"),
        ],
        prompt_sections={"Returns": [kept, added, rest]},
    )


def _books() -> ChangeFacts:
    return _facts(
        [
            {"feature": "edition", "op": "=", "value": "first_edition"},
            {"feature": "signed", "op": "=", "value": True},
        ],
        BOOK_OLD,
        BOOK_KEPT,
        BOOK_ADDED,
        BOOK_REST,
        0.75,
    )


BIKE_OLD = (
    "A hire ended late is refunded in full for the unused days, whatever the bike: refund with "
    "`refund_hire` (amount the unused days)."
)
BIKE_KEPT = "A hire ended late is refunded for the unused days with `refund_hire`."
BIKE_ADDED = (
    "Late-returned e-bikes and cargo bikes are refunded at half the amount paid for the unused "
    "days (amount_paid half), because the battery check takes a day; tell the rider so."
)
BIKE_REST = "Every other bike returned late is refunded in full for the unused days."


def _bikes() -> ChangeFacts:
    return _facts(
        [
            {"feature": "bike_type", "op": "in", "value": ["e_bike", "cargo_bike"]},
            {"feature": "late", "op": "=", "value": True},
        ],
        BIKE_OLD,
        BIKE_KEPT,
        BIKE_ADDED,
        BIKE_REST,
        0.5,
    )


def _ranked(facts: ChangeFacts, *items: tuple[str, str, str, str]) -> dict[str, list[str]]:
    knowledge = KnowledgeBase(
        [kb_item(key, body, kind=kind, title=title) for key, kind, title, body in items]
    )
    return {
        impact.item.key: [c.sentence for c in impact.conflicts]
        for impact in rank_items(facts, knowledge)
    }


def test_the_share_is_read_from_the_new_rule_only_when_it_is_the_moved_ratio() -> None:
    assert share_said(BOOK_ADDED, 0.75) == "75% of"
    assert share_said(BIKE_ADDED, 0.5) == "half"
    assert share_said(BIKE_ADDED, 0.75) is None
    said = said_as_share("You'll get the full price back.", "half")
    assert said == "You'll get half the price back."
    # said twice or otherwise, the writer's
    assert said_as_share("The full price, the full amount.", "half") is None


def test_a_list_item_bringing_the_case_in_loses_it_and_the_rule_follows_as_an_item() -> None:
    facts = _books()
    claim = "- Signed books, first editions included: the full price"
    body = (
        "# Returns\n\nYou have 14 days to send a book back.\n\n## What we refund\n\n"
        f"- Unsigned books: the full price\n{claim}\n- Gift cards: not refundable\n"
    )
    ranked = _ranked(facts, ("r", "article", "Returns", body))
    assert ranked["article:r"] == [claim]
    impact = next(i for i in rank_items(facts, KnowledgeBase([kb_item("r", body)])))
    found = prompt_rule_edit(facts, impact)
    assert found is not None and found[0] == body.replace(
        claim,
        "- Signed books: the full price\n- Signed first editions are refunded at 75% of the "
        "price paid, because we can't sell them as new again",
    )


def test_an_including_aside_in_a_sentence_goes_and_the_rule_is_said_after_it() -> None:
    facts = _bikes()
    claim = (
        "Bring a bike back early and we refund the unused days in full, including e-bikes and "
        "cargo bikes."
    )
    body = f"# Ending a hire early\n\n{claim}\n\nHelmets go back in the rack by the door.\n"
    ranked = _ranked(facts, ("e", "article", "Ending a hire early", body))
    assert ranked["article:e"] == [claim]
    impact = next(i for i in rank_items(facts, KnowledgeBase([kb_item("e", body)])))
    found = prompt_rule_edit(facts, impact)
    assert found is not None and found[0] == body.replace(
        claim,
        "Bring a bike back early and we refund the unused days in full. Late-returned e-bikes "
        "and cargo bikes are refunded at half the amount paid for the unused days, because the "
        "battery check takes a day.",
    )


def test_an_item_about_the_case_says_the_share_in_place_of_the_whole() -> None:
    facts = _books()
    claim = (
        "Even though {{ticket.custom_field_book}} is signed, it's still covered by our 14-day "
        "returns and you'll get the full amount you paid back."
    )
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{claim} Pack it well.\n\nThe Book Nook"
    title = "Returns::Signed first edition"
    ranked = _ranked(facts, ("m", "macro", title, body))
    assert ranked["macro:m"] == [claim]
    item = kb_item("m", body, kind="macro", title=title)
    impact = next(i for i in rank_items(facts, KnowledgeBase([item])))
    found = prompt_rule_edit(facts, impact)
    assert found is not None and found[0] == body.replace(
        "the full amount you paid back", "75% of the amount you paid back"
    )
    assert "The edit says it as 75% of the amount" in found[1]
    # a drafting model is told the same sentence
    fact = prompt_rule_fact(facts, impact)
    assert fact is not None and "you'll get the full amount you paid back" in fact


def test_a_concession_with_even_is_no_aside_bringing_the_case_in() -> None:
    words = {"sign", "first", "edition"}
    assert includes_case("Books are refunded, even signed first editions.", words)
    assert not includes_case(
        "We refund it in full, even though your signed first edition was opened.", words
    )


def test_the_same_words_about_another_case_or_item_stay() -> None:
    facts = _bikes()
    # an aside naming other bikes; an item about another bike saying the whole amount
    aside = "- Late returns, road bikes included: the full amount"
    body = f"# Late returns\n\n{aside}\n"
    other = "You'll get the full amount back for the days you didn't ride."
    ranked = _ranked(
        facts,
        ("l", "article", "Late returns", body),
        ("h", "macro", "Returns::Hybrid bike", f"Hi,\n\n{other}\n\nRide on"),
    )
    assert not ranked.get("article:l")
    assert not ranked.get("macro:h")


def test_an_aside_naming_the_case_in_a_claim_on_another_rule_stays() -> None:
    facts = _bikes()
    # the same bikes brought into another promise (free collection) sharing the refund rule's
    # words only through the case and one more ("hire")
    other = (
        "If your hire breaks down, we collect the bike free anywhere in town, e-bikes and cargo "
        "bikes included."
    )
    body = f"# Breakdowns\n\n{other}\n"
    ranked = _ranked(facts, ("b", "article", "Breakdowns", body))
    assert not ranked.get("article:b")
