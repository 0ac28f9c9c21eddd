"""A KB claim that there is no restriction, contradicted by a change that puts one on
(`deniedbound`), in made-up domains unlike any scenario's:

- a library lending e-books "at any time" now only to members who have held a card for
  2 weeks (a bound in time, said as "whenever you like" and "from your very first day");
- an insurer's FAQ answering "No: you can claim at any point, even in your first month" now
  with a 6-month wait (the answer's "No" flips with the bound);
- a car wash charging "$30, the same price every day" now $8 more on bank holidays (prose with
  a never-extra claim, a table row for the case apart);
- a pharmacy's flu jabs, once "no appointment is needed", now by appointment (a requirement
  denied in three shapes, a kept walk-in service beside it).

Each rewrite keeps every other fact of the sentence; a sentence on another topic, or one a
kept prompt rule says ("You can renew loans at any time"), stays byte for byte."""

from __future__ import annotations

from behaviordiff.drafting.deniedbound import (
    DENIED_BOUND_REASON,
    denied_bound_edit,
    denied_bounds,
    stating,
)
from behaviordiff.drafting.facts import ChangeFacts, Rule

LIBRARY = (
    "Members can borrow e-books at any time, up to 5 at once.",
    "Members who have held a card for 2 weeks can borrow e-books, up to 5 at once.",
)
LIBRARY_KEPT = ["Members can renew loans at any time online."]

INSURER = (
    "Policyholders can claim at any time.",
    "Policyholders who have been covered for 6 months can claim.",
)

CARWASH = (
    "A full valet costs $30, the same price every day.",
    "A full valet costs $30 on weekdays.",
)
CARWASH_ADDED = ["A full valet on a bank holiday costs $8 more, so $38."]

PHARMACY = (
    "Flu jabs are a walk-in service: no appointment is needed.",
    "Flu jabs are by appointment only: book one with `book_slot`.",
)
PHARMACY_KEPT = ["Blood pressure checks are a walk-in service: no appointment is needed."]


def _one(pair: tuple[str, str], kept: list[str] | None = None, added: list[str] | None = None):
    bounds = denied_bounds([pair], kept or [], added or [])
    assert len(bounds) == 1
    return bounds[0]


def test_a_time_claim_gives_way_to_the_bound_in_the_customers_words() -> None:
    bound = _one(LIBRARY, LIBRARY_KEPT)
    assert bound.kind == "when"
    said = "You can borrow e-books whenever you like, up to 5 at a time."
    assert bound.states(said)
    assert bound.rewritten(said) == (
        "You can borrow e-books once you've held a card for 2 weeks, up to 5 at a time."
    )
    # two claims side by side read as one
    prose = "Borrow e-books at any point, from your very first day, and keep them for 21 days."
    assert bound.rewritten(prose) == (
        "Borrow e-books once you've held a card for 2 weeks, and keep them for 21 days."
    )


def test_a_kept_rule_with_the_same_claim_and_another_topic_stay() -> None:
    bound = _one(LIBRARY, LIBRARY_KEPT)
    assert not bound.states("You can renew loans at any time in the app.")
    assert not bound.states("Our reading room is open at any time the building is.")
    assert not bound.states("E-books can be borrowed for 21 days.")
    # doing it at once is no claim of when one may: a step's business
    assert not bound.states("We send your e-books straight away.")


def test_a_no_answer_to_whether_there_is_a_wait_flips_with_the_bound() -> None:
    bound = _one(INSURER)
    said = "No: you can claim at any point, even in your first month."
    assert bound.states(said)
    assert bound.rewritten(said) == "Yes: you can claim once you've been covered for 6 months."


def test_one_price_for_every_day_gives_way_to_the_price_apart() -> None:
    bound = _one(CARWASH, added=CARWASH_ADDED)
    assert bound.kind == "same"
    said = "A full valet is $30, and we never charge extra on bank holidays."
    assert bound.states(said)
    assert bound.rewritten(said) == (
        "A full valet is $30 on weekdays. A full valet on a bank holiday costs $8 more, so $38."
    )
    # no clause keeps the price: the new sentences in the claim's place
    prose = "Simple pricing: one price whichever day you visit, and no holiday surcharge."
    assert bound.rewritten(prose) == (
        "Simple pricing: a full valet costs $30 on weekdays. A full valet on a bank holiday "
        "costs $8 more, so $38."
    )


def test_a_table_row_for_the_case_apart_gets_its_new_amount() -> None:
    bound = _one(CARWASH, added=CARWASH_ADDED)
    row = "| Bank holidays | $30, the same as weekdays |"
    assert bound.states(row)
    assert bound.rewritten(row) == "| Bank holidays | $38 ($8 more) |"
    # the weekday row and another $8 stay
    assert not bound.states("| Weekdays | $30 |")
    assert not bound.states("Hand wax costs $8 extra.")


def test_a_denied_requirement_is_said_as_required() -> None:
    bound = _one(PHARMACY, PHARMACY_KEPT)
    assert bound.kind == "need"
    assert bound.noun == "appointment"
    cases = {
        "There's no need to make an appointment for your flu jab.": (
            "You'll need to make an appointment for your flu jab."
        ),
        "You don't need an appointment for a flu jab.": "You need an appointment for a flu jab.",
        "For flu jabs no appointment is needed, just come in.": (
            "For flu jabs an appointment is needed."
        ),
    }
    for said, new in cases.items():
        assert bound.states(said), said
        assert bound.rewritten(said) == new


def test_the_kept_walk_in_service_and_another_noun_stay() -> None:
    bound = _one(PHARMACY, PHARMACY_KEPT)
    assert not bound.states("You don't need an appointment for a blood pressure check.")
    assert not bound.states("You don't need a prescription for a flu jab.")


def test_a_claim_the_new_prompt_keeps_is_no_bound() -> None:
    assert (
        denied_bounds(
            [("Members can pause at any time.", "Members can pause at any time, online.")], []
        )
        == []
    )
    assert denied_bounds([("A swim costs $4.", "A swim costs $5.")], []) == []


def _facts(pair: tuple[str, str], added: list[str], kept: list[str]) -> ChangeFacts:
    facts = ChangeFacts(
        id="C1", title="now calls book_valet", kind="action", facets=["actions"], probe_ids=["p1"]
    )
    facts.rules = [Rule("h1", "sentence_changed", "Prices", pair[0], pair[1], "changed")]
    facts.section_changes = [("", text) for text in added]
    facts.prompt_sections = {"Prices": [pair[1], *added, *kept]}
    return facts


def test_the_item_edit_keeps_every_other_byte() -> None:
    facts = _facts(CARWASH, CARWASH_ADDED, ["Hand wax costs $8 extra."])
    body = (
        "# Prices\n\nA full valet is $30, and we never charge extra on bank holidays. "
        "Hand wax costs $8 extra.\n\n"
        "| When | Price |\n|---|---|\n| Weekdays | $30 |\n"
        "| Bank holidays | $30, the same as weekdays |\n"
    )
    marked = [
        "A full valet is $30, and we never charge extra on bank holidays.",
        "| Bank holidays | $30, the same as weekdays |",
    ]
    from behaviordiff.drafting.deniedbound import change_bounds

    bounds = change_bounds(facts)
    assert all(stating(bounds, text) is not None for text in marked)
    assert stating(bounds, "Hand wax costs $8 extra.") is None
    edited = denied_bound_edit(facts, body, "markdown", marked)
    assert edited is not None
    assert edited[0] == (
        "# Prices\n\nA full valet is $30 on weekdays. A full valet on a bank holiday costs $8 "
        "more, so $38. Hand wax costs $8 extra.\n\n"
        "| When | Price |\n|---|---|\n| Weekdays | $30 |\n| Bank holidays | $38 ($8 more) |\n"
    )
    assert edited[1]


def test_no_edit_when_a_marked_sentence_has_no_shape_read_here() -> None:
    facts = _facts(LIBRARY, [], LIBRARY_KEPT)
    body = "You can borrow e-books whenever you like, or at any point you choose, or anytime.\n"
    # two claims with other words between them: no confident rewrite, no edit
    assert denied_bound_edit(facts, body, "markdown", [body.strip()]) is None


def test_a_head_stating_the_old_rule_itself_is_left_to_a_writer() -> None:
    bound = _one(CARWASH, added=CARWASH_ADDED)
    # the claim's clause goes, but what is before it says the old rule too: no edit
    said = "Valets are one flat fare all year, so a holiday wash costs the same as a Tuesday one."
    assert bound.states(said)
    assert bound.rewritten(said) is None


def test_the_finder_marks_the_denials_and_leaves_the_traps() -> None:
    from behaviordiff.drafting.impact import rank_items
    from behaviordiff.kb.model import KnowledgeBase
    from tests.drafting.kit import kb_item

    facts = ChangeFacts(
        id="C1",
        title="no longer calls lend_ebook",
        kind="action",
        facets=["actions"],
        probe_ids=["p1"],
    )
    facts.rules = [Rule("h1", "sentence_changed", "E-books", LIBRARY[0], LIBRARY[1], "changed")]
    facts.prompt_sections = {"E-books": [LIBRARY[1]], "Loans": LIBRARY_KEPT}
    lending = kb_item(
        "ebooks",
        "# E-books\n\nYou can borrow e-books whenever you like, up to 5 at a time. "
        "Each loan lasts 21 days.\n",
    )
    renewing = kb_item("renewals", "# Renewals\n\nYou can renew loans at any time in the app.\n")
    found = {
        impact.item.key: [c.sentence for c in impact.conflicts if DENIED_BOUND_REASON in c.reasons]
        for impact in rank_items(facts, KnowledgeBase([lending, renewing]))
    }
    assert found.get(lending.key) == [
        "You can borrow e-books whenever you like, up to 5 at a time."
    ]
    assert not found.get(renewing.key)


def test_a_time_claim_on_another_verb_of_the_same_noun_stays() -> None:
    # no kept prompt rule says it: the claim must sit on the rule's own verb ("borrow"), one
    # shared noun ("e-books", "members") is not enough
    bound = _one(LIBRARY)
    for said in (
        "You can return e-books at any time, with no late fee.",
        "Members can update their card details whenever they like.",
        "Download or return your e-books anytime from the app.",
    ):
        assert not bound.states(said), said
    assert bound.states("You can borrow e-books whenever you like.")


def test_a_one_price_claim_about_another_service_or_case_is_not_replaced() -> None:
    bound = _one(CARWASH, added=CARWASH_ADDED)
    # "costs" is no topic: another service's claim is not this rule's
    assert not bound.states("Interior cleans cost the same every day you come.")
    # a claim on another case (age, not day) or another thing sold: never replaced whole
    for said in (
        "Gift cards cost the same whichever day you buy them.",
        "A full valet for a van costs the same as a full valet for a car.",
    ):
        assert bound.rewritten(said) is None, said


def test_a_no_answering_another_question_is_not_flipped() -> None:
    bound = _one(INSURER)
    for said in (
        "No - you can claim whenever you like and keep your no-claims discount.",
        "No: you can claim at any time, and your premium stays the same.",
    ):
        assert bound.rewritten(said) is None, said


def test_a_requirement_said_needed_drops_or_leaves_the_walk_in_claim() -> None:
    bound = _one(PHARMACY, PHARMACY_KEPT)
    # a walk-in clause after the denial goes with it
    assert (
        bound.rewritten("No appointment is needed for flu jabs, just pop in whenever we're open.")
        == "An appointment is needed for flu jabs."
    )
    assert (
        bound.rewritten("There's no need to make an appointment for a flu jab - walk in any day.")
        == "You'll need to make an appointment for a flu jab."
    )
    # a walk-in claim before it, or another fact after it: not said here
    assert bound.rewritten("Flu jabs are a drop-in service: no appointment is needed.") is None
    assert (
        bound.rewritten("For flu jabs no appointment is needed, just come in, and it's free.")
        is None
    )


def test_a_requirement_denied_for_another_action_or_service_stays() -> None:
    bound = _one(PHARMACY)
    assert not bound.states("You don't need an appointment to collect a flu jab leaflet.")
    context = "Flu jabs and travel vaccines"
    # the title names the topic only for a sentence naming nothing else
    assert bound.states("You don't need an appointment.", context)
    assert not bound.states(
        "Travel advice is a drop-in service: no appointment is needed.", context
    )
    assert not bound.states("You don't need an appointment to drop off a form.", context)


def test_a_no_flips_only_under_a_question_of_when() -> None:
    facts = _facts(INSURER, [], [])
    asked = "### Is there a waiting period before I can claim?\n\nNo: you can claim at any time.\n"
    edited = denied_bound_edit(facts, asked, "markdown", ["No: you can claim at any time."])
    assert edited is not None
    assert edited[0] == (
        "### Is there a waiting period before I can claim?\n\n"
        "Yes: you can claim once you've been covered for 6 months.\n"
    )
    other = "### Do I lose my no-claims discount if I claim?\n\nNo: you can claim at any time.\n"
    assert denied_bound_edit(facts, other, "markdown", ["No: you can claim at any time."]) is None


def test_a_one_price_rule_in_the_agents_voice_is_not_copied_into_the_kb() -> None:
    told = (
        "Tell customers a full valet costs $30, the same price every day.",
        "Tell customers a full valet costs $30 on weekdays; on bank holidays add $8 with "
        "`add_surcharge`.",
    )
    bound = _one(told, added=CARWASH_ADDED)
    for said in (
        "A full valet is $30, and we never charge extra on bank holidays.",
        "Simple pricing: one price whichever day you visit, and no holiday surcharge.",
    ):
        assert bound.rewritten(said) is None, said


def test_a_requirement_put_on_some_cases_only_is_not_said_for_everyone() -> None:
    # "No deposit is needed to book" flipped to "A deposit is needed to book" would tell every
    # customer what the new prompt asks only of long appointments (merge regression, w49)
    scoped = (
        "No deposit is needed to book: customers pay at the desk after their visit.",
        "Appointments of 90 minutes or longer need a £20 deposit: take it with `take_deposit`.",
    )
    assert denied_bounds([scoped], []) == []
    cases = (
        "Lessons over an hour need a deposit, taken when you book.",
        "Groups of six or more need a deposit, taken when you book.",
    )
    assert denied_bounds([("No deposit is needed to book.", cases[0])], []) == []
    assert denied_bounds([("No deposit is needed to book.", cases[1])], []) == []
    # a requirement for everyone still flips
    assert _one(PHARMACY, PHARMACY_KEPT).kind == "need"
