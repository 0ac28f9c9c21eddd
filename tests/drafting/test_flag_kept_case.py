"""A promised time lengthened for the case a yes/no flag picks out while the prompt keeps the
old time for the other case: a bike workshop now texts its quote within 4 working days when it
had to collect the bike (`van_collection = true`, it was 2); bikes left at the counter keep
2. The KB text about the counter keeps its 2 days, even where its sentence shares no more
words with the kept rule than with the moved one (what it is said under tells: "Thanks for
leaving your bike at the counter."); the collection text takes 4, even where it shares a word
with the kept rule ("bike"); a sentence claiming the time "whether" the bike came one way or
the other is said once per case; the table row keyed by the flag's case takes the new time."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptrules import kept_rules
from behaviordiff.drafting.percase import split_alternatives
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = "Tell the customer their quote will be texted within 2 working days of the collection."
NEW = OLD.replace("2 working days", "4 working days")
COUNTER = (
    'Bikes left at the counter: call `log_job` (customer, bike, method "counter") and tell the '
    "customer their quote will be texted within 2 working days of drop-off."
)
FETCHED = "Our van will fetch your bike on {{ticket.custom_field_date}}."
FEE = "The collection costs £10, taken from the repair bill if you go ahead."
QUOTE = (
    "Once a mechanic has looked the bike over, your quote will reach you within two working days."
)
COLLECTED = (
    f"Hi {{{{ticket.requester.first_name}}}},\n\n{FETCHED} {FEE} {QUOTE}\n\nCheers,\nSpoke & Chain"
)
LEFT = "A mechanic will look it over and text you a quote within 2 working days."
AT_COUNTER = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for leaving your bike at the counter. "
    f"{LEFT}\n\nCheers,\nSpoke & Chain"
)
EITHER = (
    "We text a quote within two working days, whether you've left the bike at the counter or "
    "asked us to fetch it."
)
COUNTER_ROW = "| At the counter | Free | Within 2 working days of drop-off |"
COLLECTION_ROW = "| Collection | £10 | Within 2 working days of the collection |"
ARTICLE = f"""# Quotes

## How soon do I get a quote?

{EITHER}

| How it reaches us | Cost | Your quote |
| --- | --- | --- |
{COUNTER_ROW}
{COLLECTION_ROW}
"""


def _facts() -> ChangeFacts:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Quotes", OLD, NEW, "sentence changed")],
        [{"feature": "van_collection", "op": "=", "value": True}],
        title="2 working days → 4 working days",
        facets=("promises",),
    )
    facts.kept_rules = kept_rules(facts.moves, facts.rules, {"Quotes": [COUNTER, NEW]})
    return facts


def _conflicts(facts: ChangeFacts) -> dict[str, list[str]]:
    knowledge = KnowledgeBase(
        [
            kb_item("quotes", ARTICLE),
            kb_item("collected", COLLECTED, kind="macro", title="Repairs::Collection booked"),
            kb_item("counter", AT_COUNTER, kind="macro", title="Repairs::Left at the counter"),
        ]
    )
    return {
        impact.item.key: [conflict.sentence for conflict in impact.conflicts]
        for impact in rank_items(facts, knowledge)
    }


def test_the_kept_case_is_read_by_what_its_sentence_is_said_under() -> None:
    facts = _facts()
    assert facts.kept_rules == [COUNTER]
    found = _conflicts(facts)
    assert found["macro:counter"] == []
    assert found["macro:collected"] == [QUOTE]
    assert found["article:quotes"] == [EITHER, COLLECTION_ROW]


def test_without_the_flag_the_context_does_not_decide() -> None:
    """The same KB with the change limited to no case: nothing says which case a sentence
    is about, and the reading by shared words alone stands (the test above is no tautology)."""
    facts = _facts()
    facts.conditions = []
    found = _conflicts(facts)
    assert QUOTE not in found.get("macro:collected", [])


def test_the_edits_say_each_case_its_time() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            kb_item("quotes", ARTICLE),
            kb_item("collected", COLLECTED, kind="macro", title="Repairs::Collection booked"),
        ]
    )
    edits = {
        impact.item.key: TemplateDrafter().edit(facts, impact)
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }
    assert edits["macro:collected"].new_body == COLLECTED.replace(
        "within two working days", "within four working days"
    )
    assert edits["article:quotes"].new_body == ARTICLE.replace(
        EITHER,
        "We text a quote within two working days if you've left the bike at the counter. We "
        "text a quote within four working days if you've asked us to fetch it.",
    ).replace(COLLECTION_ROW, COLLECTION_ROW.replace("2 working", "4 working"))


MOVE = moved_facts([Rule("H1", "sentence_changed", "Quotes", OLD, NEW, "…")], []).moves[0]


def test_a_sentence_ending_on_two_things_done_is_split_by_the_case_that_keeps_it() -> None:
    # the alternative naming the kept case keeps the old time, the other takes the new
    said = (
        "Expect a text within 2 working days, whether you've left it at the counter or "
        "booked our van to fetch it."
    )
    assert split_alternatives(MOVE, said, [{"van", "collect"}], [{"counter"}]) == (
        "Expect a text within 2 working days if you've left it at the counter. "
        "Expect a text within 4 working days if you've booked our van to fetch it."
    )
    # one names the changed case: that one, without the kept cases' words
    assert split_alternatives(MOVE, said, [{"van"}], []) == split_alternatives(
        MOVE, said, [{"van", "collect"}], [{"counter"}]
    )
    # neither alternative tells which case it is, or both name a kept case: no split
    assert split_alternatives(MOVE, said, [{"collect"}], [{"shop"}]) is None
    assert split_alternatives(MOVE, said, [{"collect"}], [{"counter"}, {"van"}]) is None
    # a noun after a preposition is no verb phrase: "by card or bank transfer" as before
    card = "You'll hear within 2 working days, whether you paid by card or bank transfer."
    assert split_alternatives(MOVE, card, [{"transfer"}], []) == (
        "You'll hear within 2 working days if you paid by card. "
        "You'll hear within 4 working days if you paid by bank transfer."
    )


def test_a_model_edit_giving_both_cases_the_new_time_is_held_back() -> None:
    """The drafting model gets the same check: "within four working days, whether …" gives the
    counter's bikes the new time too; said once per case, it passes."""
    from tests.drafting.kit import model_edit

    facts = _facts()
    knowledge = KnowledgeBase([kb_item("quotes", ARTICLE)])
    [impact] = [i for i in rank_items(facts, knowledge) if i.affected]
    template = TemplateDrafter().edit(facts, impact)
    both = template.new_body.replace(
        "We text a quote within two working days if you've left the bike at the counter. We "
        "text a quote within four working days if you've asked us to fetch it.",
        EITHER.replace("two working days", "four working days"),
    )
    edit, failure = model_edit(facts, impact, template, both)
    assert failure is not None and "once per case" in str(failure)
    edit, failure = model_edit(facts, impact, template, template.new_body)
    assert not failure and edit.new_body == template.new_body


def test_the_moved_rules_own_old_sentence_kept_for_the_others_does_not_read_by_case() -> None:
    """A value split by category where the new prompt keeps the old sentence for the rest
    ("Every booking includes 2 free reschedules" beside "Group bookings include 1 … instead"):
    that kept sentence names no other case, so context does not clear a KB claim for every
    booking; another kept rule stating the same number still does."""
    from behaviordiff.drafting.keptrules import kept_case_words, kept_units
    from behaviordiff.drafting.rules import RuleMove
    from behaviordiff.drafting.text import units

    old = "Every booking includes 2 free reschedules, to another day or another time."
    new = "Group bookings include 1 free reschedule instead."
    facts = moved_facts(
        [Rule("H1", "sentence_added", "Changes", None, new, "…")],
        [{"feature": "booking_type", "op": "=", "value": "group"}],
    )
    # the move as read beside the kept sentence: its old side is that sentence
    facts.moves = [RuleMove("H1", old, new, "2", "1", "value", scope="for group", category="group")]
    claim = "Every booking comes with two free reschedules, whatever its size, twice at no cost."
    text = f"# Rescheduling\n\nNeed another day? {claim}\n"
    said = units(text)
    context = ["", "Rescheduling", "Need another day? Rescheduling"]
    van = "Our coach visits every venue twice a term, 2 times in all."
    assert 2 not in kept_units(
        facts.moves, [old, van], said, [[], [], [1]], context, frozenset({"group"})
    )
    assert kept_case_words(facts.moves, [old], frozenset({"group"})) == set()
