"""A charge kept in every case, now handed back past a line on a number (made-up agents, no
scenario's text): a boat-trip operator whose booking fee was non-refundable "however early the
passenger cancels" now refunds it 14 or more days before the trip; a piano tuner that never
waived the call-out charge, "however far in advance" a visit was moved, now waives it with 5
working days' notice. The claims for every case (a phrase, a table row keyed by the claim, a
plain "the fee is non-refundable" with no case of its own) are narrowed to the kept side and
the new handling said once in the KB's voice; a key cell's claim splits the row in two rows in
its style; the prompt's code never reaches the KB (an identifier with an underscore is refused,
whoever drafted the edit); a claim about another thing, of the other polarity or already said
for a case stays."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.checks import code_identifiers
from behaviordiff.drafting.drafters import kb_text_problems, still_conflicting
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.oldside import kb_voice
from behaviordiff.drafting.splitcase import SPLIT_CASE_REASON, case_splits, split_case_fact
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from tests.drafting.test_llm_template_checks import _draft, _edit_reply, _note_json, _prompt

BOAT_OLD = "The booking fee is non-refundable, however early the passenger cancels."
BOAT_NEW = (
    "If the passenger cancels 14 or more days before the trip, the booking fee is refunded: "
    "cancel with `cancel_trip` (return_fee true) and tell the passenger the money reaches "
    "their account within 3 working days."
)
BOAT_KEPT = "If the passenger cancels fewer than 14 days before, the booking fee is non-refundable."
BOAT_ARTICLE = (
    "# Booking fees\n\n"
    "Every seat is held with a £25 booking fee, taken off the fare on the day.\n\n"
    "| If you... | Your booking fee |\n|---|---|\n"
    "| Swap to another sailing | It moves with you |\n"
    "| Cancel a trip, whatever the notice | Non-refundable, we keep it |\n\n"
    "## Can I have my fee back?\n\n"
    "Sadly the booking fee is non-refundable however early you cancel, as we pay the harbour "
    "in advance. Swapping to another sailing is free.\n\n"
    "Gift cards are non-refundable too.\n"
)
BOAT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour seats on {{ticket.custom_field_sailing}} are "
    "booked!\n\nJust so you know, the booking fee is non-refundable, so do check the date "
    "works for you.\n\nLife jackets are provided whatever the weather.\n\nSee you aboard,\n"
    "Puffin Boat Trips"
)


def _boat(old: str = BOAT_OLD) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="cancel_trip(return_fee=false) → cancel_trip(return_fee=true)",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["trip-20", "trip-30"],
        before_actions=[ActionFact("cancel_trip", (("return_fee", "false"),))],
        after_actions=[ActionFact("cancel_trip", (("return_fee", "true"),))],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "days_to_trip", "op": ">=", "value": 14}]})
        ],
        rules=[
            Rule("H1", "sentence_changed", "Fees", old, BOAT_NEW, "changed"),
            Rule("H2", "sentence_added", "Fees", None, BOAT_KEPT, "added"),
        ],
        excerpts=[
            Excerpt("trip-20", "The fee stays with us.", "Your fee comes back in 3 days, Ana."),
            Excerpt("trip-30", "We keep the fee.", "The £25 is on its way back, Tom."),
        ],
        others=6,
        prompt_sections={
            "Fees": [
                "Every seat is held with a £25 booking fee.",
                BOAT_NEW,
                BOAT_KEPT,
                "Cancel with `cancel_trip` (return_fee false) and tell the passenger the fee is "
                "kept.",
            ]
        },
    )


def _impacts(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, Impact]:
    return {i.item.key: i for i in rank_items(facts, KnowledgeBase(list(items))) if i.affected}


def _article(body: str = BOAT_ARTICLE) -> KnowledgeItem:
    return KnowledgeItem("article", "41", "Booking fees", body, "markdown", "kb", "a")


def _macro(body: str = BOAT_MACRO) -> KnowledgeItem:
    return KnowledgeItem("macro", "42", "Seats booked", body, "text", "kb", "m")


SAID = (
    "If you cancel 14 or more days before the trip, the booking fee is refunded, and the money "
    "reaches your account within 3 working days."
)


def test_the_new_case_is_said_in_the_kbs_voice_with_what_the_customer_is_told() -> None:
    [split] = case_splits(_boat())
    assert split.said == SAID
    assert split.claim == "The booking fee is non-refundable"
    assert split.case_head == "If you cancel 14 or more days before the trip"
    assert split.kept_head == "If you cancel fewer than 14 days before"


def test_every_case_claims_are_narrowed_and_a_keyed_row_is_split() -> None:
    facts = _boat()
    impacts = _impacts(facts, _article(), _macro())
    assert set(impacts) == {"article:41", "macro:42"}
    body = str(TemplateDrafter().edit(facts, impacts["article:41"]).new_body)
    assert (
        "| Cancel a trip fewer than 14 days before | Non-refundable, we keep it |\n"
        "| Cancel a trip 14 or more days before | The booking fee is refunded, and the money "
        "reaches your account within 3 working days |\n"
    ) in body
    assert (
        f"{SAID} Otherwise, sadly the booking fee is non-refundable, as we pay the harbour in "
        "advance. Swapping to another sailing is free."
    ) in body
    assert "however early" not in body and "whatever the notice" not in body
    for kept in (
        "Gift cards are non-refundable too.",
        "| Swap to another sailing | It moves with you |",
        "## Can I have my fee back?",
        "Every seat is held with a £25 booking fee, taken off the fare on the day.",
    ):
        assert kept in body
    assert "`" not in body and "return_fee" not in body


def test_a_plain_claim_with_no_case_of_its_own_says_the_case_first() -> None:
    facts = _boat()
    impact = _impacts(facts, _macro())["macro:42"]
    assert any(SPLIT_CASE_REASON in c.reasons for c in impact.conflicts)
    body = str(TemplateDrafter().edit(facts, impact).new_body)
    assert (
        f"{SAID} Otherwise, just so you know, the booking fee is non-refundable, so do check "
        "the date works for you."
    ) in body
    assert "Life jackets are provided whatever the weather." in body
    assert "{{ticket.custom_field_sailing}}" in body


def test_a_claim_of_another_thing_of_the_other_side_or_with_its_own_case_stays() -> None:
    facts = _boat()
    for body in (
        "# Gifts\n\nGift cards are non-refundable, so check the name before you buy.\n",
        "# Fees\n\nThe booking fee is non-refundable if you cancel fewer than 14 days before.\n",
        "# Fees\n\nWhen a sailing is cancelled for weather, the booking fee is refunded.\n",
        "# Fees\n\nThe booking fee is refundable, we're happy to say.\n",
    ):
        assert not _impacts(facts, _article(body)), body


def test_the_claim_keeps_its_denial_and_the_other_side_is_not_it() -> None:
    facts = _boat("We never refund the booking fee, however far in advance the passenger cancels.")
    [split] = case_splits(facts)
    assert split.claim == "We never refund the booking fee"
    other = _article("# Fees\n\nWe refund the booking fee to the card you paid with.\n")
    assert not _impacts(facts, other)
    denied = _article("# Fees\n\nWe never refund the booking fee, sorry.\n")
    assert "article:41" in _impacts(facts, denied)


def test_a_row_keyed_by_another_verb_keeps_one_row_with_the_case_first() -> None:
    facts = _boat()
    body = (
        "# Fees\n\n| Situation | Booking fee |\n|---|---|\n"
        "| Plans change, whatever the notice | Non-refundable |\n"
    )
    impact = _impacts(facts, _article(body))["article:41"]
    new_body = str(TemplateDrafter().edit(facts, impact).new_body)
    assert (
        "| Plans change | If you cancel 14 or more days before the trip, the booking fee is "
        "refunded, and the money reaches your account within 3 working days; otherwise, "
        "non-refundable |"
    ) in new_body


# the voice: verbs agree with the customer, what the customer is told is said -----------------


def test_the_customers_verb_agrees_and_the_told_clause_is_kept() -> None:
    found = kb_voice(
        "If the customer moves the visit 5 or more working days ahead, waive the call-out charge: "
        "use `waive_charge` (visit_id) and tell the customer the new slot arrives by text."
    )
    assert found is not None
    head, said, _ = found
    assert head == "If you move the visit 5 or more working days ahead"
    assert "the new slot arrives by text" in said and "`" not in said
    # an object "you" keeps the noun after it
    other = kb_voice("Email the customer details of the new slot.")
    assert other is not None and "you details" in other[1]


# the prompt's code never reaches a KB item, whoever drafts the edit --------------------------


def test_an_identifier_with_an_underscore_is_refused_placeholders_and_links_are_not() -> None:
    body = "See {{ticket.requester.first_name}} and https://example.org/fee_rules for more."
    assert code_identifiers("We cancel it (return_fee true).", body) == ["return_fee"]
    assert code_identifiers("Call `cancel_trip` for it.", body) == ["`cancel_trip`"]
    assert not code_identifiers("Hi {{ticket.requester.first_name}}, see the rules.", body)
    assert not code_identifiers("Read https://example.org/fee_rules or mail fee_desk@x.org.", "")
    assert not code_identifiers("A non-refundable, well-kept fee.", body)
    # the item's own spelling stays its own
    assert not code_identifiers("Quote ref_code at the desk.", "Quote ref_code at the desk.")


def test_an_edit_copying_the_prompts_argument_is_refused() -> None:
    facts = _boat()
    impact = _impacts(facts, _article())["article:41"]
    leaked = BOAT_ARTICLE.replace(
        "| Non-refundable, we keep it |",
        "| Non-refundable, we keep it; 14 or more days before we cancel (return_fee true) |",
    ).replace("whatever the notice", "any notice")
    problems = kb_text_problems(facts, impact, leaked)
    assert any("return_fee" in problem for problem in problems)


def test_a_model_is_told_the_split_and_its_edits_go_through_the_same_checks() -> None:
    facts = _boat()
    impact = _impacts(facts, _macro())["macro:42"]
    fact = split_case_fact(facts)
    assert fact is not None and "14 or more days" in fact and "`" not in fact
    template_body = TemplateDrafter().edit(facts, impact).new_body
    # still the plain claim for every case: refused by the same finder
    problems = still_conflicting(facts, impact, template_body, BOAT_MACRO.replace("do ", ""))
    assert problems and any(SPLIT_CASE_REASON in p for p in problems)
    leaked = BOAT_MACRO.replace(
        "Just so you know, the booking fee is non-refundable,",
        "The booking fee comes back (return_fee true) 14 or more days before the trip,",
    )
    note = TemplateDrafter().note(facts, [impact], None)

    def answer(request: ChatRequest) -> str:
        return _edit_reply(leaked) if "<<<BODY" in _prompt(request) else _note_json(note)

    model = FakeChatModel(responder=answer, default=None)
    draft, _, _, template_edit = _draft(facts, impact, model)
    asked = [_prompt(r) for r in model.requests if "<<<BODY" in _prompt(r)]
    assert "14 or more days" in asked[0]
    [edit] = draft.edits
    assert edit.new_body == template_edit.new_body
    assert edit.new_body is not None and "return_fee" not in edit.new_body


def test_a_rule_said_with_no_case_is_split_when_the_new_prompt_keeps_it_for_one_case() -> None:
    [split] = case_splits(_boat("The booking fee is non-refundable."))
    assert split.said == SAID and split.claim == "The booking fee is non-refundable"
    impacts = _impacts(_boat("The booking fee is non-refundable."), _macro())
    assert any(SPLIT_CASE_REASON in c.reasons for c in impacts["macro:42"].conflicts)
    # no kept case said for the rest: no split read from the words alone
    alone = _boat("The booking fee is non-refundable.")
    alone.rules[:] = alone.rules[:1]
    alone.prompt_sections["Fees"].remove(BOAT_KEPT)
    assert not case_splits(alone)
    # a rule with a case of its own is another rule's
    assert not case_splits(_boat("If the sea is rough, the booking fee is non-refundable."))


def test_even_if_and_in_any_case_are_every_case_words() -> None:
    [split] = case_splits(_boat("We keep the booking fee, even if the passenger cancels early."))
    assert split.claim == "We keep the booking fee"
    [split] = case_splits(_boat("The booking fee is non-refundable in any case."))
    assert split.claim == "The booking fee is non-refundable"


def test_the_claim_said_in_other_words_of_the_same_family_is_narrowed() -> None:
    """ "can't be refunded" says what "non-refundable" says: its "non-" is a denial."""
    facts = _boat()
    body = (
        "# Fees\n\nSorry, booking fees can't be refunded however far in advance you cancel, "
        "as we pay the harbour first.\n"
    )
    impact = _impacts(facts, _article(body))["article:41"]
    new_body = str(TemplateDrafter().edit(facts, impact).new_body)
    assert (
        f"{SAID} Otherwise, sorry, booking fees can't be refunded, as we pay the harbour first."
    ) in new_body
    plain = _article("# Fees\n\nWe can't refund booking fees, sorry.\n")
    assert "article:41" in _impacts(facts, plain)


def test_a_labelled_list_item_keeps_its_label_first() -> None:
    facts = _boat()
    body = (
        "# Fees\n\n- Cancelling: booking fees are non-refundable, whatever the notice.\n"
        "- Swaps: free.\n"
    )
    impact = _impacts(facts, _article(body))["article:41"]
    new_body = str(TemplateDrafter().edit(facts, impact).new_body)
    said = SAID[:1].lower() + SAID[1:]
    assert f"- Cancelling: {said} Otherwise, booking fees are non-refundable.\n" in new_body
    assert "- Swaps: free.\n" in new_body


def test_a_rule_said_with_no_case_is_no_split_when_it_is_an_instruction_in_code() -> None:
    coded = "The booking fee is kept: cancel with `cancel_trip` (return_fee false)."
    assert not case_splits(_boat(coded))
    # a plain split marks the claim said with no case, not every "only" on its topic
    facts = _boat("The booking fee is non-refundable.")
    only = _article("# Offers\n\nOur only booking offer is £5 off the fee for a first trip.\n")
    assert not _impacts(facts, only)


def test_a_clause_whose_head_still_says_every_case_goes_whole() -> None:
    """A window cleaner's "every extra clean is booked the same way": cutting its every-case
    tail ("the same way") would leave "every extra clean is booked", still every case."""
    from behaviordiff.drafting.splitcase import _narrowed

    text = (
        "There's no cap: we'll come back as many times as you need, and every extra clean is "
        "booked the same way."
    )
    assert _narrowed(text, "Book an extra clean") == "There's no cap"
    kept = "Deposits are non-refundable however much notice you give."
    assert _narrowed(kept, "The deposit is non-refundable") == "Deposits are non-refundable"
