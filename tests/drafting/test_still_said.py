"""What the new prompt still says is no conflict (`drafting/stillsaid.py`), in made-up domains
unlike the scenarios':

- a gym drops its £20 joining fee for everyone, while the new prompt keeps "Lockers need a £20
  deposit for every member": the locker sentence of a welcome macro (placeholders around it) and
  the locker deposit's own macro stay; the joining-fee sentence is the change's;
- a vet practice hands exotic pets to its specialist nurses, who reply the same day, and keeps
  every other request with reception within two working days (said in the change's own
  rewritten sentence): the exotic pets' row and a claim for every pet ("Whatever the pet, …")
  are the change's, and so is the exotic-pet macro's sentence that names no pet (the macro
  names the case); the rule kept for the other pets in the change's own sentence is not read
  as still said (a limit: the dogs' macro stays marked);
- a bakery stops refunding custom cakes (no value moves), while the new prompt keeps "Custom
  cakes are baked to order and ready within 4 days": a list item saying "every custom cake …
  within four days" (a number in words, a claim kept to the case) stays; "Any cake can be
  brought back within 2 days" is the change's;
- a library halves its overdue fine from 20p to 10p a day, while the new prompt keeps "A
  replacement card costs 20p at any branch": a Q&A answer restating it stays; "Overdue books
  cost 20p a day at any branch" is the change's.
"""

from __future__ import annotations

from behaviordiff.drafting.promptrule import sentences_of
from behaviordiff.drafting.stillsaid import numbers_of, still_said_finder, values_of
from behaviordiff.drafting.text import stem


def _entries(prompt: list[str]) -> list[list[str]]:
    return [sentences_of(entry) for entry in prompt]


# a gym: the £20 joining fee dropped for everyone ---------------------------------------------

GYM_PROMPT = [
    "There is no joining fee: sign the member up with join_gym (joining_fee 0) and tell them "
    "there is nothing to pay on top of the first month.",
    "Lockers need a £20 deposit for every member, paid at the front desk. It is refunded when "
    "the key comes back.",
    "Classes are free for members and booked in the app.",
]
GYM_CHANGE = sentences_of(GYM_PROMPT[0])


def _gym() -> object:
    finder = still_said_finder(
        _entries(GYM_PROMPT), set(GYM_CHANGE), values_of(["20"], ["0"]), frozenset()
    )
    assert finder is not None
    return finder


def test_a_kept_deposit_of_the_same_amount_stays() -> None:
    finder = _gym()
    welcome = (
        "Welcome to the club, {{ticket.requester.first_name}}! The locker deposit of £20 for "
        "every member is paid at the front desk and refunded when the key comes back."
    )
    assert finder(welcome.split("! ")[1], "Members::Welcome", welcome)  # type: ignore[operator]
    deposit = "Lockers need a £20 deposit for every member: we refund it when the key is back."
    assert finder(deposit, "Lockers::Deposit", deposit)  # type: ignore[operator]


def test_the_joining_fee_itself_is_the_change() -> None:
    finder = _gym()
    joining = "Every new member pays a £20 joining fee on top of the first month."
    assert not finder(joining, "Members::Welcome", joining)  # type: ignore[operator]
    row = "| Joining fee | £20 |"
    assert not finder(row, "Prices", row)  # type: ignore[operator]


# a vet practice: exotic pets handed to specialist nurses -------------------------------------

VET_PROMPT = [
    "Requests about exotic pets go to our specialist nurses: hand them over with "
    'transfer (team "nurses") and tell the owner a nurse will reply the same day.',
    "Every other request (dogs, cats, rabbits and small pets) goes to reception: hand it over "
    'with transfer (team "reception") and tell the owner reception will reply within 2 '
    "working days.",
    "The practice is open 8am to 6pm on weekdays.",
]
VET_CHANGE = {s for entry in VET_PROMPT[:2] for s in sentences_of(entry)}
EXOTIC = frozenset({stem("exotic")})


def _vet() -> object:
    finder = still_said_finder(
        _entries(VET_PROMPT),
        VET_CHANGE,
        values_of(["2 working days"], ["the same day"], [("reception", "nurses")]),
        EXOTIC,
    )
    assert finder is not None
    return finder


def test_the_old_team_kept_for_the_others_in_a_rewritten_sentence_is_not_read() -> None:
    # a limit: the rule the change's own rewritten sentence keeps for the other pets ("Every
    # other request … reception … within 2 working days") is the change's sentence, not a
    # still-said one (a KB sentence naming no pet restates it as the old rule for every pet),
    # and a table row is read by the class rules under its header
    finder = _vet()
    row = "| Rabbits and small pets | Reception | 2 working days |"
    assert not finder(row, "Who replies to your request", row)  # type: ignore[operator]
    macro = (
        "Hi {{ticket.requester.first_name}}, thanks for telling us about your dog. I've passed "
        "your request to reception, who reply within two working days."
    )
    sentence = "I've passed your request to reception, who reply within two working days."
    assert not finder(sentence, "Requests::Dogs and cats", macro)  # type: ignore[operator]


def test_the_changed_case_and_a_claim_for_every_pet_stay_marked() -> None:
    finder = _vet()
    row = "| Exotic pets | Reception | 2 working days |"
    assert not finder(row, "Who replies to your request", row)  # type: ignore[operator]
    claim = "Whatever the pet, reception replies to every request within two working days."
    assert not finder(claim, "Who replies to your request", claim)  # type: ignore[operator]
    macro = (
        "Hi {{ticket.requester.first_name}}, thanks for telling us about your exotic pet. I've "
        "passed your request to reception, who reply within two working days."
    )
    sentence = "I've passed your request to reception, who reply within two working days."
    assert not finder(sentence, "Requests::Exotic pets", macro)  # type: ignore[operator]


# a bakery: custom cakes no longer refunded (no value moves) -----------------------------------

BAKERY_PROMPT = [
    "Cakes can be brought back within 2 days for a refund.",
    "Custom cakes are the exception: they are made for one customer, so they can't be refunded.",
    "Custom cakes are baked to order and ready within 4 days of ordering.",
]
BAKERY_CHANGE = {s for entry in BAKERY_PROMPT[:2] for s in sentences_of(entry)}
CUSTOM = frozenset({stem("custom")})


def test_a_kept_rule_on_the_same_case_stays_a_claim_over_all_does_not() -> None:
    finder = still_said_finder(_entries(BAKERY_PROMPT), BAKERY_CHANGE, values_of([], []), CUSTOM)
    assert finder is not None
    item = "- We bake every custom cake to order, and it's ready within four days of ordering."
    assert finder(item, "Custom cakes", item)
    refund = "Any cake, custom cakes included, can be brought back within 2 days for a refund."
    assert not finder(refund, "Custom cakes", refund)
    # nothing stated that the kept sentence states: no number, no value
    plain = "We bake every custom cake to order."
    assert not finder(plain, "Custom cakes", plain)


# a library: the overdue fine halved -----------------------------------------------------------

LIBRARY_PROMPT = [
    "Overdue books cost 10p a day.",
    "A replacement library card costs 20p at any branch, paid at the counter.",
]


def test_a_qa_answer_restating_a_kept_charge_stays() -> None:
    finder = still_said_finder(
        _entries(LIBRARY_PROMPT),
        set(sentences_of(LIBRARY_PROMPT[0])),
        values_of(["20p"], ["10p"]),
        frozenset(),
    )
    assert finder is not None
    answer = "A: A replacement library card costs 20p at any branch, at the counter."
    assert finder(answer, "Library cards", answer)
    fine = "A: Overdue books cost 20p a day at any branch."
    assert not finder(fine, "Library cards", fine)


def test_numbers_are_read_in_words_too() -> None:
    assert numbers_of("within three working days, or 2.50") == {"3", "2.5"}
    assert numbers_of("{{ticket.id}} costs £12") == {"12"}


def test_a_prompt_saying_only_the_change_gives_no_finder() -> None:
    assert (
        still_said_finder(
            _entries(LIBRARY_PROMPT[:1]),
            set(sentences_of(LIBRARY_PROMPT[0])),
            values_of(["20p"], ["10p"]),
            frozenset(),
        )
        is None
    )


# a call both versions make, reported done ------------------------------------------------------


def test_a_call_reported_done_without_its_moved_value_is_not_the_old_handling() -> None:
    from behaviordiff.drafting.donecall import done_without_moved
    from behaviordiff.drafting.facts import ActionFact

    ship = ActionFact(name="ship_order", arguments=(("speed", "standard"),))
    moved = [("standard", "express")]
    assert done_without_moved(ship, "Your order {{ticket.order_id}} has been shipped.", moved)
    assert not done_without_moved(ship, "Your order has been shipped by standard post.", moved)
    assert not done_without_moved(ship, "Your order has been shipped and will arrive soon.", moved)
    # nothing moved: the call itself is what changed
    assert not done_without_moved(ship, "Your order has been shipped.", [])
    book = ActionFact(name="book_class", arguments=(("refund", "full"),))
    assert done_without_moved(book, "Your class is now booked!", [("full", "none")])
    assert not done_without_moved(
        book, "Your class is booked, with a full refund if you cancel.", [("full", "none")]
    )


def test_in_all_is_no_claim_for_every_case() -> None:
    finder = still_said_finder(_entries(BAKERY_PROMPT), BAKERY_CHANGE, values_of([], []), CUSTOM)
    assert finder is not None
    said = "Custom cakes are baked to order within 4 days, so allow a week in all."
    assert finder(said, "Collection", said)


def test_a_sibling_rule_for_another_case_needs_its_case_named() -> None:
    # the new prompt keeps "a refund for a lost parcel … within 5 days" beside the delayed
    # parcel's rule rewritten: a sentence naming no case restates the old rule for every case
    old = (
        "When a customer asks for a refund for a delayed parcel, refund it and tell them the "
        "money is back on their card within 5 days."
    )
    new = "When a customer asks for a refund for a delayed parcel, pass it to the carrier team."
    kept = (
        "When a customer asks for a refund for a lost parcel, refund it and tell them the money "
        "is back on their card within 5 days."
    )
    finder = still_said_finder(
        [[new], [kept]], {new}, values_of([], []), frozenset({stem("delayed")}), [old]
    )
    assert finder is not None
    anyone = "I have refunded your order, and the money will be back on your card within 5 days."
    assert not finder(anyone, "Refunds::Any parcel", anyone)
    lost = "Your parcel was lost, so the money for it is back on your card within 5 days."
    assert finder(lost, "Refunds::Lost parcel", lost)
