"""Finding KB sentences that restate, in their own words, what the change stopped saying
(`drafting/lostsaid.py`): the content words the old replies said in most changed probes and no
new reply says, and the old prompt sentences the change rewrote, lined up against what the new
replies and the new prompt still say. Made-up domains, none of them a scenario's:

* a library that no longer texts a reminder before an e-book loan ends (a promise withdrawn
  for one category, `format = ebook`; the new rule a denial): a macro promising "a message on
  your phone the day before the loan runs out" loses that sentence; the reservation text (the
  same word, another topic the new prompt keeps) stays;
* a bike shop that now hands gear faults to its workshop (`fault_type = gears`) instead of
  walking the customer through the barrel adjuster: a macro titled for gear trouble giving the
  steps says the new rule instead; the brake macro (another case's steps, still given) stays;
* a pharmacy that no longer offers a free home delivery once an order is at least a lower bound
  (`items >= 10`), said in a list item and a table row: found in both;
* a ferry whose under-5s (an upper bound) no longer get a free cabin upgrade, promised "for every
  family, whatever the crossing": found;
* a single changed probe: one customer's words are no rule's, nothing is lost;
* the same words on another topic, and a sentence the new replies still say, stay.
"""

from __future__ import annotations

import pytest

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.lostsaid import LostSide, lost_content_finder
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem


def _facts(
    *,
    atoms: list[dict[str, object]],
    text: str,
    section: str,
    old: str | None,
    new: str,
    kept: list[str],
    replies: list[tuple[str, str]],
    tag: str | None = None,
) -> ChangeFacts:
    """A promises change C1 on len(replies) probes (of 12 more) picked out by `atoms`, its prompt
    rule `old` -> `new` in `section`, the new prompt's other sentences `kept`, and the changed
    probes' (old, new) replies."""
    if tag is not None:
        atoms = [*atoms, {"feature": f"tag:{tag}", "op": "tag"}]
        text = f"{text} and tag {tag}"
    probes = [f"p{n}" for n in range(1, len(replies) + 1)]
    condition = Condition.from_dict(
        {
            "text": text,
            "atoms": atoms,
            "changed": {"matched": len(probes), "total": len(probes)},
            "others": {"matched": 0, "total": 12},
        }
    )
    return ChangeFacts(
        id="C1",
        title="no longer states it",
        kind="promises",
        facets=["promises", "meaning"],
        probe_ids=probes,
        conditions=[condition],
        rules=[Rule("H1", "sentence_changed" if old else "sentence_added", section, old, new, "…")],
        excerpts=[Excerpt(p, o, n) for p, (o, n) in zip(probes, replies, strict=True)],
        others=12,
        prompt_sections={section: [new, *kept]},
    )


# --- a promise withdrawn for one category: the library's e-book reminder ---------------------

REMINDER_OLD = (
    "For e-book loans, tell the member we'll text them a reminder the day before the loan ends."
)
REMINDER_NEW = "We no longer text reminders for e-book loans, so don't promise one."
RESERVED = "When a reserved book arrives, we text the member to come and collect it."
LIBRARY_REPLIES = [
    (
        "Hi Sam, thanks for getting in touch. Your e-book loan of The Harbour is renewed for 21 "
        "days. We'll text a reminder to your phone the day before the loan ends. Anything else?",
        "Hi Sam, thanks for getting in touch. Your e-book loan of The Harbour is renewed for 21 "
        "days. Anything else?",
    ),
    (
        "Hello Priya, happy to help. I've renewed your e-book loan. You'll get a text reminder "
        "on your phone the day before it ends. Have a lovely day.",
        "Hello Priya, happy to help. I've renewed your e-book loan for 21 days. Have a lovely day.",
    ),
    (
        "Hi Tom, thanks for your message. The e-book is on loan to you for 21 days. A reminder "
        "text goes to your phone the day before the loan ends. Is there anything else?",
        "Hi Tom, thanks for your message. The e-book is on loan to you for 21 days. Is there "
        "anything else?",
    ),
]
EBOOK_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour e-book loan is renewed for 21 days. "
    "Watch for a text reminder on your phone the day before the loan runs out, so nothing is "
    "returned before you finish.\n\nHappy reading,\nRiverside Libraries"
)
RESERVED_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour reserved book is on its way to the branch. "
    "We'll text your phone the day it arrives, and we hold it for 7 days.\n\nRiverside Libraries"
)


def _library() -> ChangeFacts:
    return _facts(
        atoms=[{"feature": "format", "op": "=", "value": "ebook"}],
        text="format = ebook",
        tag="loan",
        section="Loans",
        old=REMINDER_OLD,
        new=REMINDER_NEW,
        kept=["E-book and print loans last 21 days.", RESERVED],
        replies=LIBRARY_REPLIES,
    )


def test_a_withdrawn_promise_in_other_words_is_found() -> None:
    facts = _library()
    side = LostSide(facts)
    assert {"remind", "phone"} <= side.words or {"reminder", "phone"} <= side.words
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Loans::E-book renewed", EBOOK_MACRO, "text", "kb", "m"),
            KnowledgeItem("macro", "2", "Loans::Reserved book", RESERVED_MACRO, "text", "kb", "m"),
        ]
    )
    # (the finder is not used by rank_items: what it finds is pinned here, by item)
    find = lost_content_finder(facts, {"loan"})
    assert find is not None
    found = {
        item.key: [units(item.body)[i].text for i in find(units(item.body), item.title, "")]
        for item in kb.items
    }
    assert found["macro:1"] == [
        "Watch for a text reminder on your phone the day before the loan runs out, so nothing "
        "is returned before you finish."
    ]
    # the reservation text: the same words ("text", "phone"), another topic the prompt keeps
    assert found["macro:2"] == []


def test_one_changed_probe_loses_nothing() -> None:
    facts = _library()
    facts.excerpts = facts.excerpts[:1]
    assert not LostSide(facts)
    assert lost_content_finder(facts, {"loan"}) is None


# --- a case handed to a team instead of walked through: the bike shop's gears ------------------

GEARS_OLD = (
    "Gears: walk the customer through it yourself: shift to the smallest cog, turn the barrel "
    "adjuster a quarter turn anticlockwise and test each gear on a quiet road."
)
GEARS_NEW = (
    "Gears: don't walk the customer through any adjustment. Book the bike in with "
    "`book_workshop` and tell the customer our workshop team will call them within 2 days."
)
BRAKES = (
    "Brakes: walk the customer through it yourself: squeeze the lever, turn the barrel adjuster "
    "until the pads touch the rim, then test the brakes at walking pace."
)
BIKE_REPLIES = [
    (
        "Hi Ana, sorry your gears are slipping. We can fix this together now. First shift to "
        "the smallest cog, then turn the barrel adjuster a quarter turn anticlockwise and test "
        "each gear on a quiet road. Let me know how you get on!",
        "Hi Ana, sorry your gears are slipping. Our workshop team will call you within 2 days "
        "to book it in. Let me know if there's anything else!",
    ),
    (
        "Hello Ben, thanks for the message. Let's sort it together: shift to the smallest cog, "
        "give the barrel adjuster a quarter turn anticlockwise, then test each gear on a quiet "
        "road. Anything else?",
        "Hello Ben, thanks for the message. I've booked it with our workshop team, who will "
        "call you within 2 days. Anything else?",
    ),
    (
        "Hi Cleo, no problem. We can fix this together: shift to the smallest cog, turn the "
        "barrel adjuster a quarter turn anticlockwise and test each gear on a quiet road. "
        "Happy riding!",
        "Hi Cleo, no problem. Our workshop team will call you within 2 days to look at it. "
        "Happy riding!",
    ),
]
GEARS_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your gears are playing up. Put it in the "
    "smallest cog, give the barrel adjuster a quarter turn anticlockwise and try each gear on a "
    "quiet road.\n\nYour bike is covered by our 1-year service plan.\n\nCycleworks"
)
BRAKES_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSqueeze the brake lever, turn the barrel adjuster "
    "until the pads touch the rim, then test the brakes at walking pace.\n\nCycleworks"
)


def _bikes() -> ChangeFacts:
    return _facts(
        atoms=[{"feature": "fault_type", "op": "=", "value": "gears"}],
        text="fault_type = gears",
        tag="repair",
        section="Repairs",
        old=GEARS_OLD,
        new=GEARS_NEW,
        kept=[BRAKES, "Every bike has a 1-year service plan."],
        replies=BIKE_REPLIES,
    )


def test_steps_the_agent_no_longer_gives_are_found_in_a_macro_titled_for_the_case() -> None:
    facts = _bikes()
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Repair::Gears slipping", GEARS_MACRO, "text", "kb", "m"),
            KnowledgeItem("macro", "2", "Repair::Brakes rubbing", BRAKES_MACRO, "text", "kb", "m"),
        ]
    )
    find = lost_content_finder(facts, {"gear"})
    assert find is not None
    found = {
        item.key: [units(item.body)[i].text for i in find(units(item.body), item.title, "")]
        for item in kb.items
    }
    assert found["macro:1"] == [
        "Put it in the smallest cog, give the barrel adjuster a quarter turn anticlockwise and "
        "try each gear on a quiet road."
    ]
    # another case's steps, still given (the same "barrel adjuster"), stay
    assert found["macro:2"] == []


# --- an option withdrawn past a lower bound, said in a list item and a table row ---------------

DELIVERY_OLD = "Offer a free home delivery with `book_delivery` on any prescription order."
DELIVERY_NEW = (
    "Orders of 10 items or more: we no longer deliver them, so don't offer a home delivery; "
    "they are collected from the counter."
)
PHARMACY_REPLIES = [
    (
        f"Hi {name}, your order of {count} items is ready. If you'd like, our driver can bring "
        "it to your home for free tomorrow. Anything else?",
        f"Hi {name}, your order of {count} items is ready to collect from the counter. "
        "Anything else?",
    )
    for name, count in (("Jo", 12), ("Raj", 15), ("Mia", 10))
]
PHARMACY_ARTICLE = (
    "# Getting your order\n\n"
    "- Collect it from the counter any day from 9am.\n"
    "- Or our driver brings it to your home for free, the next day.\n\n"
    "| Way | Cost |\n| --- | --- |\n| Driver brings it to your home | Free |\n"
    "| Counter | Free |\n\n"
    "Our driver also brings repeat inhalers to care homes every Monday.\n"
)


def test_an_option_said_in_a_list_item_and_a_row_is_found() -> None:
    facts = _facts(
        atoms=[{"feature": "items", "op": ">=", "value": 10}],
        text="items >= 10",
        tag="order",
        section="Orders",
        old=DELIVERY_OLD,
        new=DELIVERY_NEW,
        kept=["Orders can be collected from the counter from 9am."],
        replies=PHARMACY_REPLIES,
    )
    find = lost_content_finder(facts, {"order"})
    assert find is not None
    found = find(units(PHARMACY_ARTICLE), "Getting your order", "")
    texts = [units(PHARMACY_ARTICLE)[i].text for i in found]
    assert "- Or our driver brings it to your home for free, the next day." in texts
    assert "| Driver brings it to your home | Free |" in texts
    # the counter (still said) and the care homes (fewer of the lost words) stay
    assert not any("counter" in t.lower() or "care homes" in t for t in texts)


# --- a perk withdrawn below an upper bound, claimed for everyone --------------------------------


def test_a_claim_for_everyone_restating_the_lost_perk_is_found_off_topic_words_stay() -> None:
    replies = [
        (
            f"Hello {name}, your crossing is booked. As a family you get a free upgrade to a "
            "sea-view cabin on board. See you at the port!",
            f"Hello {name}, your crossing is booked. See you at the port!",
        )
        for name in ("Lee", "Ola", "Kim")
    ]
    facts = _facts(
        atoms=[{"feature": "youngest_age", "op": "<", "value": 5}],
        text="youngest_age < 5",
        tag="booking",
        section="Bookings",
        old="Give every family a free upgrade to a sea-view cabin.",
        new="Families travelling with a child under 5 no longer get a cabin upgrade.",
        kept=["Check-in closes 45 minutes before sailing."],
        replies=replies,
    )
    find = lost_content_finder(facts, {"book"})
    assert find is not None
    prose = (
        "# Booking a family crossing\n\nEvery family, whatever the crossing, gets a free "
        "upgrade to a sea-view cabin on board.\n\nCheck-in closes 45 minutes before sailing.\n\n"
        "Wi-Fi is free on board for every passenger with a booking.\n"
    )
    texts = [units(prose)[i].text for i in find(units(prose), "Family crossings", "Bookings")]
    assert texts == [
        "Every family, whatever the crossing, gets a free upgrade to a sea-view cabin on board."
    ]


# --- an option kept only for the others under a label of their own: a bakery's big orders ------


def test_an_option_the_new_prompt_keeps_for_the_others_said_for_everyone_is_found() -> None:
    rest = (
        "Orders of fewer than 20 cakes: the customer can choose between a full refund to their "
        "card and a free replacement batch."
    )
    case = "Orders of 20 or more cakes: we no longer refund a spoiled order; we bake a free batch."
    replies = [
        (
            f"Hi {name}, sorry about the spoiled cakes. I've refunded the full £{paid} to your "
            "card; it shows within 3 days. Anything else?",
            f"Hi {name}, sorry about the spoiled cakes. We'll bake you a free batch instead of a "
            "refund, ready on Friday. Anything else?",
        )
        for name, paid in (("Ana", 140), ("Bo", 96), ("Cy", 210))
    ]
    facts = _facts(
        atoms=[{"feature": "cakes", "op": ">=", "value": 20}],
        text="cakes >= 20",
        tag="complaint",
        section="Spoiled orders",
        old="If a customer wants their money back, refund the full price to their card.",
        new=case,
        kept=[rest, "Every order is baked the morning it is collected."],
        replies=replies,
    )
    facts.rules.append(Rule("H2", "sentence_added", "Spoiled orders", None, rest, "…"))
    find = lost_content_finder(facts, {"complaint", "order"})
    assert find is not None
    article = (
        "# If your order arrives spoiled\n\n"
        "Whatever the order, you choose: a full refund to your card or a free replacement "
        "batch.\n\nOrders under 20 cakes can choose a full refund to the card or a free "
        "replacement batch.\n\n"
        "Every order is baked the morning it is collected.\n\n"
        "We refund gift cards to the card you paid with in full.\n"
    )
    texts = [units(article)[i].text for i in find(units(article), "Spoiled orders", "")]
    # the claim for everyone is found; the sentence naming the others ("under 20"), the kept
    # baking rule and the gift cards (another thing refunded) stay
    assert texts == [
        "Whatever the order, you choose: a full refund to your card or a free replacement batch."
    ]


def test_a_refusal_the_new_replies_drop_loses_no_content_words() -> None:
    # the old replies refused ("You've already used … we can't"), the new ones grant: their
    # contractions and pronouns are no rule's words, so a macro refusing for another reason
    # ("you've used this month's passes") stays
    replies = [
        (
            f"Hi {name}, sorry, you've already used your passes, so I can't book another. "
            "Your passes reset on the 1st. Bye.",
            f"Hi {name}, I've booked your guest in. Your passes reset on the 1st. Bye.",
        )
        for name in ("Al", "Bea", "Cal")
    ]
    facts = _facts(
        atoms=[{"feature": "tier", "op": "=", "value": "gold"}],
        text="tier = gold",
        section="Guests",
        old="Every member gets 2 guest passes a month.",
        new="Gold members get 4 guest passes a month.",
        kept=["Passes reset on the 1st."],
        replies=replies,
    )
    side = LostSide(facts)
    assert not any("'" in word or "’" in word for word in side.words)
    assert not side.states_lost(
        "You've already used all of this month's passes, so we can't issue another one."
    )


# --- review fa4: a huge new prompt of distinct kept sentences is no sentences x sentences ------


# (the speed of reading a huge prompt against a huge article is measured by
# bench/huge_drafting.py, not asserted here; the index that makes it fast is tested below)


def test_the_closest_still_said_sentence_is_found_through_its_rarest_words() -> None:
    from behaviordiff.drafting.lostsaid import _Sets

    common = {"customer", "order"}
    sets = _Sets([{*common, f"w{n}"} for n in range(50)] + [{"a1", "b1", "c1", "customer"}])
    assert len(sets) == 51
    assert sets.most({"customer", "order", "w3"}) == 3
    assert sets.reaches({"customer", "order", "w3"}, 3)
    assert not sets.reaches({"customer", "order", "w3", "a1"}, 4)
    assert sets.reaches({"customer", "a1", "b1", "c1"}, 4)
    assert not sets.reaches({"customer", "a1", "zz"}, 3)
    assert sets.most(set()) == 0 and not sets.reaches({"nothing"}, 1)


def test_what_the_old_side_said_is_read_once_per_change_not_per_item(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # review fa4: LostSide was built by the finder, again by the last resort for every item it
    # wrote and again by the drop; now once per change (a changed change is read anew)
    from behaviordiff.drafting import lostsaid

    built: list[int] = []
    init = lostsaid.LostSide.__init__

    def counting(self: LostSide, facts: ChangeFacts) -> None:
        built.append(1)
        init(self, facts)

    monkeypatch.setattr(lostsaid.LostSide, "__init__", counting)
    facts = _library()
    lostsaid.lost_side(facts)
    lostsaid.lost_side(facts)
    assert len(built) == 1
    # the same change with other replies is another change: read anew
    facts.excerpts = facts.excerpts[:2]
    lostsaid.lost_side(facts)
    assert len(built) == 2


def test_lostsaid_reads_only_public_names_of_other_modules_at_its_top() -> None:
    # review fa4: it imported promptrule's private sentence splitter and denial pattern in the
    # middle of LostSide.__init__
    import ast
    import inspect

    from behaviordiff.drafting import lostsaid

    tree = ast.parse(inspect.getsource(lostsaid))
    imports = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    # the module's top, its `if TYPE_CHECKING:` block included
    top = {id(node) for node in tree.body}
    top |= {id(n) for node in tree.body if isinstance(node, ast.If) for n in node.body}
    assert all(id(node) in top for node in imports), "an import inside a function"
    private = [
        alias.name
        for node in imports
        for alias in node.names
        if alias.name.startswith("_") and node.module != "__future__"
    ]
    assert private == []


def test_an_items_title_decides_only_whether_it_is_on_topic() -> None:
    # review fa4 (the module doc said a title counts "when its sentences share lost words
    # too" and an item is on topic when "it shares lost words in two sentences"): the title,
    # the section and the heading only put an item on the change's topic; two sentences
    # stating the old side are asked for only when the change has no topic words at all
    from behaviordiff.drafting.text import terms

    facts = _bikes()
    steps = "Put it in the smallest cog and give the barrel adjuster a quarter turn anticlockwise."
    other = "Then try each cog on a quiet road after the adjuster's quarter turn anticlockwise."
    topic = set(terms("derailleur"))
    find = lost_content_finder(facts, topic)
    assert find is not None
    one = units(f"# Help\n\n{steps}\n")
    assert find(one, "Derailleur help", "", "article") == [1]
    assert find(one, "Opening hours", "", "article") == []
    assert find(one, "Opening hours", "Derailleur", "article") == [1]
    # the title is never marked, whatever it says, and alone finds nothing
    assert find(units("# Help\n\nWe open at nine.\n"), steps, steps, "article") == []
    untopical = lost_content_finder(facts, set())
    assert untopical is not None
    assert untopical(one, "Derailleur help", "", "article") == []
    assert untopical(units(f"# Help\n\n{steps}\n\n{other}\n"), "", "", "article") == [1, 2]
