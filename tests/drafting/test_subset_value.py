"""A value moved for a subset only, where the KB states the old value as if for everyone
(`drafting.subsetvalue`), in made-up domains: a library's loan length for members of five
years or more (a lower bound, a colon lead-in, the rest named by its own lead-in), a parcel
depot's holding time for parcels under 2 kg (an upper bound, a subject lead-in, a macro with
placeholders, the rest named only as "all other parcels"), a garden shop's delivery time for
orders with plants (a flag, a "For …," lead-in, a list item), a bike hire's hours for riders
aged 16 to 25 (a band, the old value in words). The KB keeps the old value and says the
subset's beside it, and loses the words claiming it for every case; the same number on another
topic stays byte for byte, and a move the new prompt gives everyone replaces the value."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.drafting.categories import narrowed_category_moves
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, rule_moves
from behaviordiff.drafting.subsetvalue import lead_in, narrowed_subset_moves, without_every_case
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import moved_facts


def _facts(
    changed: tuple[str, str], added: tuple[str, ...], atom: dict[str, object]
) -> ChangeFacts:
    """A change whose prompt sentence `changed` (old, new) moved a value, with the `added`
    sentences beside it in the same section, under the condition `atom`."""
    rules = [Rule("H1", "sentence_changed", "Rules", *changed, "…")]
    rules += [
        Rule(f"H{at}", "sentence_added", "Rules", None, new, "…") for at, new in enumerate(added, 2)
    ]
    facts = moved_facts(rules, [atom])
    facts.prompt_sections = {"Rules": [changed[1], *added]}
    facts.moves = narrowed_subset_moves(rule_moves(facts.rules), facts.prompt_sections)
    return facts


def _edits(facts: ChangeFacts, items: list[tuple[str, str, str]]) -> dict[str, str | None]:
    """The template's new body per item title, for the items with a conflict."""
    kb = KnowledgeBase(
        [
            KnowledgeItem(
                kind, str(at), title, body, "markdown" if kind == "article" else "text", "kb", "x"
            )
            for at, (kind, title, body) in enumerate(items)
        ]
    )
    drafter = TemplateDrafter()
    return {
        impact.item.title: drafter.edit(facts, impact).new_body
        for impact in rank_items(facts, kb)
        if impact.conflicts
    }


LIBRARY = _facts(
    (
        "Books can be borrowed for 21 days, for every member.",
        "Members of five years or more: books can be borrowed for 42 days.",
    ),
    ("Members of less than five years: books can be borrowed for 21 days.",),
    {"feature": "member_years", "op": ">=", "value": 5},
)
LOANS = (
    "# Borrowing books\n\nBooks can be borrowed for 21 days, whatever your membership. You can "
    "renew online.\n\nRooms can be booked up to 21 days ahead.\n\n| Loan | Length |\n|---|---|\n"
    "| Books | 21 days for every member |\n| DVDs | 7 days |\n"
)
ROOMS = "# Rooms\n\nStudy rooms can be booked up to 21 days ahead.\n"


def test_a_lower_bound_keeps_the_old_value_for_the_rest_and_drops_the_claim() -> None:
    [move] = LIBRARY.moves
    assert move.narrowed and move.scope == "for members of five years or more"
    assert move.rest == "for members of less than five years"
    edits = _edits(LIBRARY, [("article", "Borrowing books", LOANS), ("article", "Rooms", ROOMS)])
    assert edits == {
        "Borrowing books": LOANS.replace(
            "Books can be borrowed for 21 days, whatever your membership.",
            "Books can be borrowed for 21 days for members of less than five years (42 days for "
            "members of five years or more).",
        ).replace(
            "| Books | 21 days for every member |",
            "| Books | 21 days (42 days for members of five years or more) |",
        )
    }
    # the same number on another topic, in the edited article and in its own, stays
    assert "Rooms can be booked up to 21 days ahead." in (edits["Borrowing books"] or "")


DEPOT = _facts(
    (
        "Every parcel is held at the depot for 7 days.",
        "Parcels under 2 kg are held at the depot for 14 days.",
    ),
    ("All other parcels are held at the depot for 7 days.",),
    {"feature": "parcel_kg", "op": "<", "value": 2},
)
ARRIVED = (
    "Hi {{ticket.requester.first_name}},\n\nYour parcel {{ticket.custom_field_tracking}} is at "
    "the depot. We hold parcels at the depot for 7 days, then send them back.\n\nRefunds reach "
    "your card within 7 days.\n\nThanks"
)
REFUNDS = "Hi,\n\nRefunds reach your card within 7 days.\n\nThanks"


def test_an_upper_bound_in_a_macro_keeps_placeholders_and_the_other_topic() -> None:
    [move] = DEPOT.moves
    assert move.scope == "for parcels under 2 kg" and move.rest == ""  # "all other parcels"
    edits = _edits(DEPOT, [("macro", "Depot::Arrived", ARRIVED), ("macro", "Refunds", REFUNDS)])
    assert edits == {
        "Depot::Arrived": ARRIVED.replace(
            "for 7 days, then", "for 7 days (14 days for parcels under 2 kg), then"
        )
    }


def test_a_flag_said_by_the_lead_in_in_a_list_item_and_prose() -> None:
    facts = _facts(
        (
            "We deliver every order within 3 working days.",
            "For orders with plants, we deliver within 5 working days.",
        ),
        ("For orders without plants, we deliver within 3 working days.",),
        {"feature": "has_plants", "op": "=", "value": True},
    )
    body = (
        "# Delivery\n\n- Orders: delivered within 3 working days\n- Returns: within 30 days\n\n"
        "We deliver within 3 working days, wherever you live.\n"
    )
    edits = _edits(facts, [("article", "Delivery", body)])
    assert edits == {
        "Delivery": body.replace(
            "- Orders: delivered within 3 working days",
            "- Orders: delivered within 3 working days for orders without plants (5 working "
            "days for orders with plants)",
        ).replace(
            "We deliver within 3 working days, wherever you live.",
            "We deliver within 3 working days for orders without plants (5 working days for "
            "orders with plants).",
        )
    }


def test_a_band_with_the_old_value_in_words() -> None:
    facts = _facts(
        (
            "Every rider can hire a bike for 4 hours.",
            "Riders aged 16 to 25: a bike can be hired for 6 hours.",
        ),
        ("Riders of any other age: a bike can be hired for 4 hours.",),
        {
            "feature": "rider_age",
            "op": "between",
            "low": 16,
            "high": 25,
            "low_inclusive": True,
            "high_inclusive": True,
        },
    )
    body = "# Hiring\n\nYou can hire a bike for four hours, whoever you are.\n\nHelmets are free.\n"
    assert _edits(facts, [("article", "Hiring", body)]) == {
        "Hiring": body.replace(
            "for four hours, whoever you are.", "for four hours (6 hours for riders aged 16 to 25)."
        )
    }


def test_a_move_for_everyone_replaces_the_value() -> None:
    facts = _facts(
        (
            "Every parcel is held at the depot for 7 days.",
            "Every parcel is held at the depot for 10 days.",
        ),
        (),
        {"feature": "parcel_kg", "op": "<", "value": 2},
    )
    [move] = facts.moves
    assert not move.narrowed
    body = "Hi,\n\nWe hold parcels at the depot for 7 days.\n\nThanks"
    assert _edits(facts, [("macro", "Depot", body)]) == {"Depot": body.replace("7 days", "10 days")}


def test_a_subset_lead_in_with_no_sentence_keeping_the_old_value_is_no_subset_move() -> None:
    [move] = rule_moves(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Rules",
                "Every parcel is held for 7 days.",
                "Parcels under 2 kg are held for 14 days.",
                "…",
            )
        ]
    )
    assert narrowed_subset_moves(
        [move], {"Rules": ["Parcels under 2 kg are held for 14 days."]}
    ) == [move]


def test_lead_ins_and_every_case_words() -> None:
    assert lead_in("For airport pickups, the driver waits 60 minutes.") == "for airport pickups"
    assert lead_in("Accounts open a year or more: invoices are due in 30 days.") == (
        "for accounts open a year or more"
    )
    assert lead_in("Gold-card holders get free delivery.") == "for gold-card holders"
    assert lead_in("Exception: members pay nothing.") is None
    assert lead_in("We diagnose the fault within 2 days.") is None
    assert without_every_case("Wherever we meet you, we wait 5 minutes (9 for X).") == (
        "We wait 5 minutes (9 for X)."
    )
    assert without_every_case("It takes 5 days (2 for X), for home and office users alike.") == (
        "It takes 5 days (2 for X)."
    )
    assert without_every_case("It takes 5 days, whatever the event: a, b or c.") == (
        "It takes 5 days: a, b or c."
    )
    kept = "However you pay, it takes 5 days."
    assert without_every_case(kept) == kept


def test_an_old_sentence_the_new_prompt_still_says_is_no_move() -> None:
    paired = RuleMove(
        "H2",
        "After that, each extra bag is charged at £5 a bag.",
        "For short-haul flights, one bag of 20 kg is included free in the fare.",
        "a bag",
        "20 kg",
        "value",
    )
    still = "After the free bag, each extra bag is charged at £5 a bag."
    assert narrowed_subset_moves([paired], {"Bags": [paired.new_sentence, still]}) == []
    # said nowhere else: a move as before
    assert narrowed_subset_moves([paired], {"Bags": [paired.new_sentence]}) == [paired]


def test_a_category_move_loses_its_every_case_lead_and_keeps_a_line_on_another_topic() -> None:
    rules = [
        Rule(
            "H1",
            "sentence_changed",
            "Guides",
            "For every visitor, the audio guide is free for 2 hours.",
            "For student visitors, the audio guide is free for 4 hours.",
            "…",
        ),
        Rule(
            "H2",
            "sentence_added",
            "Guides",
            None,
            "For adult and senior visitors, the audio guide is free for 2 hours.",
            "…",
        ),
    ]
    facts = moved_facts(rules, [{"feature": "visitor_type", "op": "=", "value": "student"}])
    late = "Late entry costs £5 if you arrive less than 2 hours before closing."
    facts.prompt_sections = {"Guides": [rule.new or "" for rule in rules] + [late]}
    moved = narrowed_category_moves(
        rule_moves(facts.rules), facts.conditions, facts.prompt_sections
    )
    facts.moves = narrowed_subset_moves(moved, facts.prompt_sections)
    body = (
        "# Audio guides\n\nWhoever you are, the audio guide is free for 2 hours, then £1 an hour."
        "\n\n| Charge | Price |\n|---|---|\n| Audio guide | Free for 2 hours, then £1 an hour |\n"
        "| Late entry (less than 2 hours before closing) | £5 |\n"
    )
    assert _edits(facts, [("article", "Audio guides", body)]) == {
        "Audio guides": body.replace(
            "Whoever you are, the audio guide is free for 2 hours,",
            "The audio guide is free for 2 hours (4 hours for student visitors),",
        ).replace("| Free for 2 hours,", "| Free for 2 hours (4 hours for student visitors),")
    }


def test_a_sentence_naming_the_subset_takes_its_value_and_one_naming_the_rest_stays() -> None:
    body = (
        "# Long members\n\nMembers of five years or more borrow books for 21 days.\n\n"
        "Members of less than five years borrow books for 21 days.\n"
    )
    assert _edits(LIBRARY, [("article", "Long members", body)]) == {
        "Long members": body.replace(
            "more borrow books for 21 days", "more borrow books for 42 days"
        )
    }


def test_only_a_claim_over_the_split_in_its_clause_goes() -> None:
    # review fa3 #2, #8: "with any questions", "on every loan" are no claim over the value
    [move] = LIBRARY.moves
    said = "Books are lent for 21 days (42 days for X); ask us with any questions."
    assert without_every_case(said, move) == said
    said = "Books are lent for 21 days (42 days for X), and we email you on every loan."
    assert without_every_case(said, move) == said
    assert without_every_case("Books are lent for 21 days for every member.", move) == (
        "Books are lent for 21 days."
    )
    assert without_every_case("Books are lent for 21 days, for every member.") == (
        "Books are lent for 21 days, for every member."  # no move: whom it sorts by unknown
    )
    body = (
        "# Borrowing\n\nBooks can be borrowed for 21 days, whatever your membership; ask at the"
        " desk with any questions.\n\nWe email a reminder on every loan.\n"
    )
    assert _edits(LIBRARY, [("article", "Borrowing", body)]) == {
        "Borrowing": body.replace(
            "for 21 days, whatever your membership;",
            "for 21 days for members of less than five years (42 days for members of five years"
            " or more);",
        )
    }


def test_a_category_move_keeps_a_claim_over_something_else() -> None:
    # review fa3 #8: the category writer's aside drops only a claim over the categories
    rules = [
        Rule(
            "H1",
            "sentence_changed",
            "Guides",
            "For every visitor, the audio guide is free for 2 hours.",
            "For student visitors, the audio guide is free for 4 hours.",
            "…",
        ),
        Rule(
            "H2",
            "sentence_added",
            "Guides",
            None,
            "For adult and senior visitors, the audio guide is free for 2 hours.",
            "…",
        ),
    ]
    facts = moved_facts(rules, [{"feature": "visitor_type", "op": "=", "value": "student"}])
    facts.prompt_sections = {"Guides": [rule.new or "" for rule in rules]}
    moved = narrowed_category_moves(
        rule_moves(facts.rules), facts.conditions, facts.prompt_sections
    )
    facts.moves = narrowed_subset_moves(moved, facts.prompt_sections)
    body = "# Audio guides\n\nThe audio guide is free for 2 hours, with any ticket.\n"
    edits = _edits(facts, [("article", "Audio guides", body)])
    assert "with any ticket" in (edits["Audio guides"] or "")
    assert "4 hours for student visitors" in (edits["Audio guides"] or "")


def test_a_lead_in_naming_everyone_or_who_acts_is_no_subset() -> None:
    # review fa3 #4
    for sentence in (
        "All customers get 30 days to pay.",
        "Every order gets free delivery within 3 days.",
        "Most customers get 30 days.",
        "Our drivers can wait 60 minutes.",
        "The team can reply within 2 days.",
    ):
        assert lead_in(sentence) is None, sentence
    assert lead_in("All business customers get 30 days to pay.") == "for all business customers"
    facts = _facts(
        (
            "Every parcel is held at the depot for 7 days.",
            "All senders get their parcels held at the depot for 10 days.",
        ),
        ("Parcels sent back to us from the depot are refunded within 7 days.",),
        {"feature": "parcel_kg", "op": ">", "value": 0},
    )
    [move] = facts.moves
    assert not move.narrowed and not move.scope and not move.rest
    body = "Hi,\n\nWe hold parcels at the depot for 7 days.\n\nThanks"
    assert _edits(facts, [("macro", "Depot", body)]) == {"Depot": body.replace("7 days", "10 days")}


def test_the_rest_is_read_from_the_sentence_restating_the_rule() -> None:
    # review cross-branch (others_keeping): a sentence on another thing with the same value,
    # sharing fewer of the rule's words, names no rest
    facts = _facts(
        (
            "Every parcel is held at the depot for 7 days before we send it back.",
            "Parcels under 2 kg are held at the depot for 14 days before we send them back.",
        ),
        (
            "Returned parcels from the depot: refunds are paid within 7 days.",
            "Parcels of 2 kg or more are held at the depot for 7 days before we send them back.",
        ),
        {"feature": "parcel_kg", "op": "<", "value": 2},
    )
    [move] = facts.moves
    assert move.narrowed and move.rest == "for parcels of 2 kg or more"


def test_a_name_leading_the_subset_keeps_its_capital() -> None:
    # review fa3 #5
    prompt = ["Eastport members: books are lent for 42 days.", "We also lend from Eastport."]
    assert lead_in(prompt[0], prompt) == "for Eastport members"
    assert lead_in("Senior members: books are lent for 42 days.", prompt) == ("for senior members")


def test_a_rest_without_a_narrowed_move_adds_nothing() -> None:
    # review fa3 #6: `rest` is read for a narrowed move only
    [move] = DEPOT.moves
    plain = replace(move, narrowed=False, scope="", rest="for parcels of 2 kg or more")
    said = rewrite_sentence(plain, "We hold parcels for 7 days.")
    assert said == "We hold parcels for 14 days."


def test_an_every_case_rule_the_new_prompt_splits_is_left_to_the_case_split() -> None:
    """A rule the old prompt said for every case in words ("whatever your age") that the new
    prompt splits into two whole rules is the case split's (it says both rules whole, "Under-12s
    get 3 free lessons; everyone else gets 1"), not an aside "(3 for under-12s)" beside it."""
    move = RuleMove(
        "H1",
        "Every new swimmer gets 1 free lesson, whatever their age.",
        "Swimmers under 12 get 3 free lessons.",
        "1",
        "3",
        "value",
    )
    sections = {
        "Lessons": [
            "Swimmers under 12 get 3 free lessons.",
            "Swimmers aged 12 and over get 1 free lesson.",
        ]
    }
    assert narrowed_subset_moves([move], sections) == [move]  # left plain
    plain = replace(move, old_sentence="Every new swimmer gets 1 free lesson.")
    narrowed = narrowed_subset_moves([plain], sections)
    assert narrowed[0].narrowed and narrowed[0].scope  # said for no case: the subset's move
